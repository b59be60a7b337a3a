// The background entry (Chrome: a module service worker; Firefox: a module event page).
// Every listener is registered synchronously at the top level, as sleeping workers require;
// the wasm core loads in parallel and each handler awaits it.
import '../shared/ext-compat.js';
import '../shared/messages.js';
import { downCheck, explain, isChallenge, isOutage, maxBodyBytes, pageStatus, uiText } from './core.js';
import { observeNavigations } from './detect.js';
import { adoptPageTimer, begin, checkNow, due, forget, stop, tabOfAlarm, visibility } from './retry.js';
import { reloadTab } from './reload.js';
import { serial } from './serial.js';
import { allTabs, dismiss, dropSeen, getTab, isDismissed, noteSeen, putTab, samePage, seenFor } from './tab-state.js';
import { archivedUrl, clearBadge, push, setBadge, setHint, viewOf } from './view.js';
import { ignoreSite, isWatched, loadSettings, setPaused } from '../shared/settings.js';

const ext = globalThis.explain502Ext;
const MSG = globalThis.explain502Messages;

observeNavigations({
  onFine: (tabId, { url, status, at }) => serial(tabId, async () => {
    await noteSeen(tabId, { url, status, outage: false });
    // Only an outage older than this answer ends: the event can arrive late, after the tab went
    // back to a 502 page from the back/forward cache (a restore makes no request).
    const state = await getTab(tabId);
    if (state && !(state.firstAt > at)) {
      await forget(tabId);
      // A badge set again after the navigation reset it (a handler that was still running).
      await clearBadge(tabId);
    }
  }),
  onFailureCandidate: (tabId, observation) => serial(tabId, async () => {
    const state = await onFailure(tabId, observation, 'network');
    await noteSeen(tabId, { url: observation.url, status: observation.status, outage: state !== null, ...(state ? { observation } : {}) });
  }),
});

/**
 * A top-level response in 5xx, seen by the network layer (`seenBy: 'network'`) or only by the
 * page itself (`'page'`: browser start, session restore, a worker restart, a back/forward
 * restore). The core explains it; an outage (a gateway failure the core does not call a
 * challenge or bot check) gets the panel, the badge and recovery. Returns the state or null.
 */
async function onFailure(tabId, observation, seenBy) {
  await forget(tabId); // a new navigation replaces whatever the tab showed before
  const settings = await loadSettings();
  if (!isWatched(settings, observation.url)) return null;
  const report = await explain(observation);
  if (isChallenge(report)) await setHint(tabId, report);
  if (!isOutage(report)) return null;
  const state = {
    tabId,
    url: observation.url,
    origin: new URL(observation.url).origin,
    method: (observation.method ?? 'GET').toUpperCase(),
    seenBy,
    observation,
    report,
    verdict: null,
    retry: { state: 'starting' },
    attempt: 0,
    firstAt: Date.now(),
    ...(observation.body !== undefined ? { sawBody: true } : {}),
  };
  await putTab(state);
  await setBadge(state);
  await begin(state);
  // The verdict arrives later (the providers have their own deadline): push it when it does.
  downCheck(state.url, settings.providers, report.status, settings.explain502.endpoints).then((verdict) => serial(tabId, async () => {
    const current = await getTab(tabId);
    if (current?.firstAt !== state.firstAt) return;
    current.verdict = verdict;
    await putTab(current);
    await push(current);
  }));
  return getTab(tabId);
}

ext.onMessage(async (message, sender) => {
  if (message?.type === MSG.TEXT) return uiText(); // the popup's and options page's labels
  // Extension pages (popup, options) name the tab; a content script only ever acts on its own.
  const fromExtensionPage = sender.url?.startsWith(ext.url('')) === true;
  const tabId = fromExtensionPage ? message?.tabId : sender.tab?.id;
  if (!Number.isInteger(tabId)) return null;
  switch (message?.type) {
    case MSG.VIEW:
      if (fromExtensionPage) return null;
      if (typeof message.body !== 'string') return pageSays(tabId, sender, message);
      await networkFirst(tabId, sender.url, message.status);
      return serial(tabId, () => viewForPage(tabId, sender, message));
    case MSG.POPUP: return !fromExtensionPage ? null : serial(tabId, async () => view(await getTab(tabId)));
    case MSG.DUE: return serial(tabId, async () => view(await due(tabId)));
    case MSG.VISIBILITY: return serial(tabId, async () => view(await visibility(tabId, message.id, message.hidden === true)));
    case MSG.LEFT: return serial(tabId, async () => {
      // Only the page that showed this report may end it (a reload may have made a new one).
      if ((await getTab(tabId))?.firstAt === message.id) await forget(tabId);
      return null;
    });
    case MSG.ACTION: return serial(tabId, () => act(tabId, message.action));
    default: return null;
  }
});

/**
 * A page says its own status (on load, and again when restored from the back/forward cache):
 * the core's rule (`pageStatus`) says what it means, so the panel compares no numbers. A page
 * to read (a 5xx, or a status the browser does not give) is asked for its body, at most what
 * the core reads; a fine one is `{ fine: true }`, and restored it ends whatever the tab showed
 * before (its badge too: it may have been set again after the browser reset it on the way
 * back; the page it replaced may have been an outage whose "left" message was lost as it froze).
 */
async function pageSays(tabId, sender, { status, restored } = {}) {
  if (sender.frameId !== 0) return null;
  if ((await pageStatus(status)) !== 'fine') return { sendBody: await maxBodyBytes() };
  if (restored === true) {
    await serial(tabId, async () => {
      const state = await getTab(tabId);
      if (state && !samePage(sender.url, state.url)) await forget(tabId);
      if (!state || !samePage(sender.url, state.url)) await clearBadge(tabId);
    });
  }
  return { fine: true };
}

/** How long a page's own 5xx waits for the network's record of it (bounded, 100-ms steps). */
const NETWORK_GRACE_MS = 1000;

/**
 * A page that says it answered 5xx usually has the network's record of it already, or just
 * behind it in the tab's queue (with the request's method: the page cannot tell a POST, which
 * must never be resent). Waits, outside the queue, until that record is there or the grace is
 * over (then the page alone is what there is: browser start, session restore).
 */
async function networkFirst(tabId, url, status) {
  if ((await pageStatus(status)) !== 'explain') return;
  for (let waited = 0; waited < NETWORK_GRACE_MS; waited += 100) {
    if (samePage(url, (await getTab(tabId))?.url) || (await seenFor(tabId, url, status))) return;
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
}

/**
 * The panel asks once it has loaded: the badge is set again (the navigation's commit may have
 * reset it) and the report is redone with the page's body, which names gateways better. A page
 * in 5xx that the worker has no state for (its response was not seen, or it was forgotten when
 * the page went into the back/forward cache) is explained now, from what the network saw of
 * that address if anything, else from the page alone.
 */
async function viewForPage(tabId, sender, { body, status } = {}) {
  if (sender.frameId !== 0) return null;
  // A fine page is answered before it sends its body (`pageSays`).
  if ((await pageStatus(status)) === 'fine') return null;
  let state = await getTab(tabId);
  if (!state || !samePage(sender.url, state.url)) {
    // The page may have been left while its question waited for the network's record (the
    // tab went back to a fine page): its outage is not the tab's any more.
    const current = (await ext.api.tabs.get(tabId).catch(() => null))?.url;
    if (current && !samePage(current, sender.url)) return null;
    state = await fromPage(tabId, sender.url, status, body);
  }
  if (!state) return null;
  if (typeof body === 'string' && !state.sawBody) {
    state.report = await explain({ ...state.observation, body: body.slice(0, await maxBodyBytes()) });
    state.sawBody = true;
    await putTab(state);
  }
  await setBadge(state);
  if (await isDismissed(state.origin)) return null;
  return viewOf(await adoptPageTimer(state));
}

/** The page says it answered `status` (its navigation entry's `responseStatus`). */
async function fromPage(tabId, url, status, body) {
  if (typeof url !== 'string' || (await pageStatus(status)) !== 'explain') return null;
  const seen = await seenFor(tabId, url, status);
  if (seen) return seen.outage ? onFailure(tabId, seen.observation, 'network') : null;
  const page = { url: url.split('#')[0], method: 'GET', status, headers: {} };
  if (typeof body === 'string') page.body = body.slice(0, await maxBodyBytes());
  return onFailure(tabId, page, 'page');
}

async function act(tabId, action) {
  // Per-site control works from any tab, with or without a report ("not on this site" names the
  // tab's own site; "pause everywhere" silences every tab).
  switch (action) {
    case 'not_on_site': {
      const url = (await getTab(tabId))?.url ?? (await ext.api.tabs.get(tabId).catch(() => null))?.url;
      if (!url) return null;
      const settings = await ignoreSite(url);
      await silenceTabs(tabId, (other) => !isWatched(settings, other.url));
      return null;
    }
    case 'pause':
      await setPaused(true);
      await silenceTabs(tabId, () => true);
      return null;
    case 'resume':
      await setPaused(false);
      return null;
    default:
  }
  const state = await getTab(tabId);
  if (!state) return null;
  switch (action) {
    case 'reload':
      await reloadTab(state);
      return view(state);
    case 'private': return view(state, await openPrivate(state.url));
    case 'archive':
      await ext.api.tabs.create({
        url: archivedUrl(state) ?? `https://web.archive.org/web/2/${state.url}`,
        openerTabId: tabId,
      });
      return view(state);
    case 'check': return view(await checkNow(state));
    case 'stop': return view(await stop(state));
    case 'dismiss':
      await dismiss(state.origin);
      return null;
    default: return view(state);
  }
}

/**
 * Ends the panel, badge and recovery of every tab `which` picks (the user silenced them).
 * `current` is the tab whose message is being handled: already in its turn, so not queued.
 */
async function silenceTabs(current, which) {
  const silence = async (other) => {
    await forget(other.tabId);
    await clearBadge(other.tabId);
    await push({ ...other, report: null }).catch(() => false);
  };
  await Promise.all((await allTabs()).filter(which)
    .map((other) => (other.tabId === current ? silence(other) : serial(other.tabId, () => silence(other)))));
}

/** A private window where this extension may open one; else say how to do it by hand. */
async function openPrivate(url) {
  try {
    if (ext.api.extension?.isAllowedIncognitoAccess && !(await ext.api.extension.isAllowedIncognitoAccess())) {
      return { note: 'private_howto' };
    }
    await ext.api.windows.create({ url, incognito: true });
    return {};
  } catch {
    return { note: 'private_howto' };
  }
}

function view(state, extra) {
  return state ? viewOf(state, extra) : null;
}

ext.api.alarms.onAlarm.addListener(({ name }) => {
  const tabId = tabOfAlarm(name);
  if (tabId !== null) serial(tabId, () => due(tabId));
});

ext.api.tabs.onRemoved.addListener((tabId) => serial(tabId, async () => {
  await forget(tabId);
  await dropSeen(tabId);
  await clearBadge(tabId);
}));

