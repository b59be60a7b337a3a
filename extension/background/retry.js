// Bringing the visitor back: the core's recovery machine (`recoveryStep`, src/recovery.rs; its
// JS API in src/wasm/recovery.rs) decides every wait, probe, reload and stop; this file only
// carries out its commands with the extension's hands. Its state lives in the tab's stored
// state (`machine`, storage.session), so a worker that was stopped mid-wait resumes it.
//
// - The page's panel tells when the tab hides or shows (`visibility`): events for the machine.
// - Timers: a wait under 30 s is timed by the page's panel (Chrome's alarms fire no sooner than
//   30 s after they are set; the worker sleeps meanwhile), a longer one, or one with no panel
//   to time it, by an alarm.
// - One tab per site probes (the "lead", `leads` in the tab's state); the others follow, get the
//   lead when it yields, and the leader's "back" news.
// - What outlives a reload (`remember`) is kept per tab and site in storage.session.
// Never a reload of a non-idempotent request: the machine never commands one.
import '../shared/ext-compat.js';
import { probeOnce, recoveryStep } from './core.js';
import { reloadTab } from './reload.js';
import { serial } from './serial.js';
import { allTabs, dropTab, getTab, putTab, samePage } from './tab-state.js';
import { loadSettings } from '../shared/settings.js';
import { push } from './view.js';

const ext = globalThis.explain502Ext;
/** Below this a wait is timed by the page; Chrome's alarms fire no sooner than 30 s. */
const PAGE_TIMER_LIMIT_MS = 30_000;
const alarmName = (tabId) => `retry:${tabId}`;
const memoryKey = (state) => `memory:${state.tabId}:${state.origin}`;

export const tabOfAlarm = (name) => (name.startsWith('retry:') ? Number(name.slice(6)) : null);

/** The machine's views under the names the panel, the popup and view.js know. */
const RETRY_STATE = {
  waiting: 'waiting', checking: 'checking', following: 'follower', paused: 'paused', back: 'back', back_manual: 'back_manual',
};
const STOPPED_STATE = { not_idempotent: 'not_retryable', not_retryable: 'not_retryable', budget_spent: 'gave_up', user_stopped: 'stopped', off: 'off' };

/** After a new gateway error in `state`'s tab: the machine starts (and leads, follows or stops). */
export async function begin(state) {
  const settings = await loadSettings();
  const { [memoryKey(state)]: memory = null } = await ext.session.get(memoryKey(state));
  const leader = await claimLead(state);
  return feed(state, {
    type: 'started',
    status: state.report.status,
    method: state.method,
    retryAfterMs: state.report.retry?.after_ms ?? undefined,
    auto: settings.autoRetry,
    challenge: Boolean(state.report.challenge),
    maxWaitMs: settings.maxWaitSeconds === null ? undefined : settings.maxWaitSeconds * 1000, // undefined: the core's cap
    leader,
    memory,
  });
}

/**
 * The panel has loaded after its short wait was handed to an alarm (the failure was seen
 * before the page could listen): the page times it after all, at the moment first wanted.
 */
export async function adoptPageTimer(state) {
  const { retry } = state;
  if (!retry?.timer || retry.timer !== 'alarm' || retry.waitMs >= PAGE_TIMER_LIMIT_MS) return state;
  await ext.api.alarms.clear(alarmName(state.tabId));
  state.retry = { ...retry, timer: 'page', dueAt: retry.wantedAt };
  return putTab(state);
}

/** A wait is over (the page's timer or an alarm). */
export async function due(tabId) {
  const state = await getTab(tabId);
  if (!state?.retry?.timer) return state;
  if (!(await stillOnPage(state))) return null;
  return feed(state, { type: 'timer' });
}

/**
 * The page showing View `id` hid or showed (its panel says so): the machine pauses a hidden
 * tab (no timer, no probe, the lead handed on) and, once it is shown, asks for the lead and
 * probes soon. Only that page's own outage hears it: a page being left hides as it goes, when
 * the tab's next outage may already have begun (null then).
 */
export async function visibility(tabId, id, hidden) {
  const state = await getTab(tabId);
  if (!state?.machine || state.firstAt !== id) return null;
  // Hidden: the View goes back as the answer only (no push): nobody sees a hidden tab, and a
  // page that hides because it is being left must not hold the tab's queue up meanwhile.
  return feed(state, { type: hidden ? 'hidden' : 'shown' }, { push: !hidden });
}

/** The visitor's "check now" / "try again". */
export async function checkNow(state) {
  return feed(state, { type: 'retry' });
}

/** The visitor's "stop retrying". */
export async function stop(state) {
  return feed(state, { type: 'stop' });
}

/** The tab is gone or moved on: forget it, and hand the lead to another tab of the site. */
export async function forget(tabId) {
  const state = await getTab(tabId);
  await ext.api.alarms.clear(alarmName(tabId));
  await dropTab(tabId);
  if (state?.leads) await handOverLead(state);
}

/**
 * One event into the machine, then its commands, and the events they bring, in order; each
 * step's View is pushed to the panel unless `push` is false.
 */
async function feed(state, first, { push: pushing = true } = {}) {
  const events = [first];
  while (events.length) {
    const step = await recoveryStep(state.machine ?? null, events.shift());
    state.machine = step.state;
    for (const command of step.commands) {
      const next = await run(state, command);
      if (next) events.push(next);
    }
    await putTab(state);
    // A short wait with no panel to time it (not loaded yet, the browser's own error page).
    if (state.retry?.timer === 'page' && !(await push(state))) await toAlarm(state);
    else if (state.retry?.timer !== 'page' && pushing) await push(state);
  }
  return state;
}

async function run(state, command) {
  switch (command.type) {
    case 'wait': {
      await ext.api.alarms.clear(alarmName(state.tabId));
      const dueAt = Date.now() + command.ms;
      state.retry = { ...state.retry, timer: 'page', waitMs: command.ms, dueAt, wantedAt: dueAt };
      if (command.ms >= PAGE_TIMER_LIMIT_MS) await toAlarm(state);
      return null;
    }
    case 'cancel':
      await ext.api.alarms.clear(alarmName(state.tabId));
      state.retry = { state: state.retry?.state };
      return null;
    case 'probe': {
      const answer = await probeOnce(state.url, command.method, command.timeoutMs);
      state.lastProbe = { status: answer.status, back: false, at: Date.now() };
      return answer.status ? { type: 'answer', status: answer.status, headers: answer.headers } : { type: 'failed' };
    }
    case 'remember':
      await ext.session.set({ [memoryKey(state)]: command.memory });
      return null;
    case 'reload':
      // Past the cache for a GET the network layer saw, else a GET navigation (reload.js);
      // the machine never commands one for a request that must not be resent.
      await reloadTab(state).catch(() => {});
      return null;
    case 'show': {
      const name = command.view === 'stopped' ? STOPPED_STATE[command.reason] : RETRY_STATE[command.view];
      const timer = command.view === 'waiting' ? state.retry : {};
      state.retry = { ...timer, state: name };
      if (command.view === 'back' || command.view === 'back_manual') state.lastProbe = { ...state.lastProbe, back: true };
      return null;
    }
    case 'follow':
      // The lead is free when no other tab of the site holds it.
      return (await claimLead(state)) ? { type: 'lead' } : null;
    case 'yield':
      if (state.leads) {
        state.leads = false;
        await putTab(state);
        await handOverLead(state);
      }
      return null;
    case 'tell':
      if (command.news === 'back') await tellFollowers(state, { type: 'peer_back' });
      return null;
    default: return null; // `stop`: its `show` says it
  }
}

/** The wait timed by an alarm: at the moment wanted, or 30 s from now at the soonest. */
async function toAlarm(state) {
  const when = Math.max(state.retry.wantedAt, Date.now() + PAGE_TIMER_LIMIT_MS);
  state.retry = { ...state.retry, timer: 'alarm', dueAt: when };
  await ext.api.alarms.create(alarmName(state.tabId), { when });
  await putTab(state);
  await push(state);
}

/**
 * Whether `state`'s tab takes the site's lead (no other tab holds it), stored at once: claims
 * run one at a time per site, else two tabs that fail together (two windows, a session
 * restore) both see no leader and both probe.
 */
function claimLead(state) {
  return serial(`site:${state.origin}`, async () => {
    state.leads = !(await leaderOf(state.origin, state.tabId));
    await putTab(state);
    return state.leads;
  });
}

/** The other tab of `origin` that holds the lead, if any. */
async function leaderOf(origin, tabId) {
  return (await allTabs()).find((t) => t.origin === origin && t.tabId !== tabId && t.leads) ?? null;
}

/** The lead goes to the first tab of the site that follows. */
async function handOverLead(state) {
  const next = (await allTabs()).find((t) => t.origin === state.origin && t.tabId !== state.tabId && t.retry?.state === 'follower');
  if (next) {
    serial(next.tabId, async () => {
      const current = await getTab(next.tabId);
      if (current && !current.leads) {
        current.leads = true;
        await feed(current, { type: 'lead' });
      }
    });
  }
}

/** The leader's news for the other tabs of its site, each in its own turn. */
async function tellFollowers(state, event) {
  const others = (await allTabs()).filter((t) => t.origin === state.origin && t.tabId !== state.tabId);
  for (const other of others) {
    serial(other.tabId, async () => {
      const current = await getTab(other.tabId);
      if (current) await feed(current, event);
    });
  }
}

/** False (and the state dropped) when the tab has moved to another page meanwhile. */
async function stillOnPage(state) {
  const tab = await ext.api.tabs.get(state.tabId).catch(() => null);
  if (samePage(tab?.url, state.url)) return true;
  await forget(state.tabId);
  return false;
}
