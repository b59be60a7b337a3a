// Bringing the visitor back: the core's retry policy decides each wait; the page times waits
// under 30 s (its timers keep running while the service worker sleeps), `alarms` time longer
// ones (and any wait when the page has no content script). One tab per site probes; the
// others follow and reload when it finds the site back. Never for a non-idempotent request:
// the core marks those not retryable, and nothing here reloads them.
import '../shared/ext-compat.js';
import { probe, reloadSpreadMs, resumeWaitMs, retryDecision } from './core.js';
import { allTabs, dropTab, getTab, putTab, samePage } from './tab-state.js';
import { loadSettings } from '../shared/settings.js';
import { push } from './view.js';
import { reloadTab } from './reload.js';

const ext = globalThis.explain502Ext;
/** Below this a wait is timed by the page; Chrome's alarms fire no sooner than 30 s. */
const PAGE_TIMER_LIMIT_MS = 30_000;
const alarmName = (tabId) => `retry:${tabId}`;

export const tabOfAlarm = (name) => (name.startsWith('retry:') ? Number(name.slice(6)) : null);

/** After a new gateway error in `state`'s tab: start probing, follow, or explain only. */
export async function begin(state) {
  const settings = await loadSettings();
  if (!state.report.retry?.retryable) return setRetry(state, { state: 'not_retryable' });
  if (!settings.autoRetry) return setRetry(state, { state: 'off' });
  const prober = await proberOf(state.origin, state.tabId);
  if (prober) return setRetry(state, { state: 'follower' });
  return schedule(state);
}

/** The next wait of the policy, timed by the page or by an alarm; or give up. */
export async function schedule(state) {
  const settings = await loadSettings();
  const last = state.lastProbe ?? { status: state.report.status, retryAfterMs: state.report.retry?.after_ms };
  const decision = await retryDecision({
    attempt: state.attempt, elapsedMs: Date.now() - state.firstAt, status: last.status,
    retryAfterMs: last.retryAfterMs ?? undefined, method: state.method,
    maxWaitMs: settings.maxWaitSeconds === null ? undefined : settings.maxWaitSeconds * 1000, // undefined: the core's cap
  });
  if (decision.action !== 'wait' || !(decision.waitMs >= 0)) {
    await setRetry(state, { state: 'gave_up' });
    await promoteFollower(state);
    return state;
  }
  const waitMs = decision.waitMs;
  const dueAt = Date.now() + waitMs;
  if (waitMs < PAGE_TIMER_LIMIT_MS) {
    state.retry = { state: 'waiting', timer: 'page', waitMs, dueAt, resumeMs: await resumeWaitMs() };
    await putTab(state);
    if (await push(state)) return state;
  }
  // Long wait, or no panel (yet) to time it (the browser's own error page; a panel still
  // loading, which `adoptPageTimer` handles): an alarm.
  state.retry = { state: 'waiting', timer: 'alarm', waitMs, wantedAt: dueAt, dueAt: Math.max(dueAt, Date.now() + PAGE_TIMER_LIMIT_MS) };
  await ext.api.alarms.create(alarmName(state.tabId), { when: state.retry.dueAt });
  await putTab(state);
  await push(state);
  return state;
}

/**
 * The panel has loaded after its short wait was handed to an alarm (the failure was seen
 * before the page could listen): the page times it after all, at the moment first wanted.
 */
export async function adoptPageTimer(state) {
  const { retry } = state;
  if (retry?.state !== 'waiting' || retry.timer !== 'alarm' || retry.waitMs >= PAGE_TIMER_LIMIT_MS) return state;
  await ext.api.alarms.clear(alarmName(state.tabId));
  state.retry = { state: 'waiting', timer: 'page', waitMs: retry.waitMs, dueAt: retry.wantedAt, resumeMs: await resumeWaitMs() };
  return putTab(state);
}

/** A wait is over (the page's timer or an alarm): probe once, then reload or wait again. */
export async function due(tabId) {
  const state = await getTab(tabId);
  if (state?.retry?.state !== 'waiting') return state;
  if (!(await stillOnPage(state))) return null;
  return checkNow(state, { automatic: true });
}

/** Probes the site now; reloads the tab (and its followers) when it is back. */
export async function checkNow(state, { automatic = false } = {}) {
  await ext.api.alarms.clear(alarmName(state.tabId));
  const before = state.retry;
  await setRetry(state, { state: 'checking' });
  const result = await probe(state.url);
  state.lastProbe = { status: result.status, back: result.back, retryAfterMs: result.retryAfterMs, at: Date.now() };
  if (result.back) {
    if (!state.report.retry?.retryable) return setRetry(state, { state: 'back_manual' });
    await setRetry(state, { state: 'back' });
    await reloadSite(state);
    return state;
  }
  if (automatic || before.state === 'waiting' || before.state === 'gave_up') {
    if (before.state === 'gave_up') state.firstAt = Date.now();
    state.attempt += 1;
    if (before.state === 'gave_up' || !(await proberOf(state.origin, state.tabId))) return schedule(state);
  }
  return setRetry(state, before);
}

/** "Stop retrying": no more probes or reloads for this tab until the user asks. */
export async function stop(state) {
  await ext.api.alarms.clear(alarmName(state.tabId));
  await setRetry(state, { state: 'stopped' });
  await promoteFollower(state);
  return state;
}

/** The tab is gone or moved on: forget it, and hand probing to another tab of the site. */
export async function forget(tabId) {
  const state = await getTab(tabId);
  await ext.api.alarms.clear(alarmName(tabId));
  await dropTab(tabId);
  if (state) await promoteFollower(state);
}

async function setRetry(state, retry) {
  state.retry = retry;
  await putTab(state);
  await push(state);
  return state;
}

/** Reload the prober's tab, then every follower of the same site, spread by the core's window. */
async function reloadSite(state) {
  await reloadTab(state).catch(() => {});
  const followers = (await allTabs()).filter((t) => t.origin === state.origin && t.retry?.state === 'follower');
  await Promise.all(followers.map(async (follower) => {
    const spreadMs = await reloadSpreadMs();
    await new Promise((resolve) => { setTimeout(resolve, spreadMs); });
    await reloadTab(follower).catch(() => {});
  }));
}

/** The tab that probes `origin` for everyone, other than `tabId`, if any. */
async function proberOf(origin, tabId) {
  const probing = new Set(['waiting', 'checking']);
  return (await allTabs()).find((t) => t.origin === origin && t.tabId !== tabId && probing.has(t.retry?.state)) ?? null;
}

async function promoteFollower(state) {
  const next = (await allTabs()).find((t) => t.origin === state.origin && t.tabId !== state.tabId && t.retry?.state === 'follower');
  if (next) await schedule(next);
}

/** False (and the state dropped) when the tab has moved to another page meanwhile. */
async function stillOnPage(state) {
  const tab = await ext.api.tabs.get(state.tabId).catch(() => null);
  if (samePage(tab?.url, state.url)) return true;
  await forget(state.tabId);
  return false;
}
