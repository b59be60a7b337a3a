// The background entry (Chrome: a module service worker; Firefox: a module event page).
// Every listener is registered synchronously at the top level, as sleeping workers require;
// the wasm core loads in parallel and each handler awaits it.
import '../shared/ext-compat.js';
import '../shared/messages.js';
import { downCheck, explain, isGatewayFailure, uiText } from './core.js';
import { observeNavigations } from './detect.js';
import { adoptPageTimer, begin, checkNow, due, forget, stop, tabOfAlarm } from './retry.js';
import { serial } from './serial.js';
import { dismiss, getTab, isDismissed, putTab, samePage } from './tab-state.js';
import { archivedUrl, clearBadge, push, setBadge, viewOf } from './view.js';
import { isIgnored, loadSettings } from '../shared/settings.js';

const ext = globalThis.explain502Ext;
const MSG = globalThis.explain502Messages;
/** The page's own HTML is kept to this size for the core (contract §1: at most 64 KiB). */
const MAX_BODY_CHARS = 64 * 1024;

observeNavigations({
  onFine: (tabId) => serial(tabId, async () => {
    if (await getTab(tabId)) await forget(tabId);
  }),
  onFailureCandidate: (tabId, observation) => serial(tabId, () => onFailureCandidate(tabId, observation)),
});

async function onFailureCandidate(tabId, observation) {
  await forget(tabId); // a new navigation replaces whatever the tab showed before
  const settings = await loadSettings();
  if (isIgnored(settings, observation.url)) return;
  const report = await explain(observation);
  if (!isGatewayFailure(report)) return;
  const state = {
    tabId,
    url: observation.url,
    origin: new URL(observation.url).origin,
    method: (observation.method ?? 'GET').toUpperCase(),
    observation,
    report,
    verdict: null,
    retry: { state: 'starting' },
    attempt: 0,
    firstAt: Date.now(),
  };
  await putTab(state);
  await setBadge(state);
  await begin(state);
  // The verdict arrives later (the providers have their own deadline): push it when it does.
  downCheck(state.url, settings.providers, report.status).then((verdict) => serial(tabId, async () => {
    const current = await getTab(tabId);
    if (current?.firstAt !== state.firstAt) return;
    current.verdict = verdict;
    await putTab(current);
    await push(current);
  }));
}

ext.onMessage(async (message, sender) => {
  if (message?.type === MSG.TEXT) return uiText(); // the popup's and options page's labels
  // Extension pages (popup, options) name the tab; a content script only ever acts on its own.
  const fromExtensionPage = sender.url?.startsWith(ext.url('')) === true;
  const tabId = fromExtensionPage ? message?.tabId : sender.tab?.id;
  if (!Number.isInteger(tabId)) return null;
  switch (message?.type) {
    case MSG.VIEW: return fromExtensionPage ? null : serial(tabId, () => viewForPage(tabId, sender, message.body));
    case MSG.POPUP: return !fromExtensionPage ? null : serial(tabId, async () => view(await getTab(tabId)));
    case MSG.DUE: return serial(tabId, async () => view(await due(tabId)));
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
 * The panel asks once it has loaded: the badge is set again (the navigation's commit may have
 * reset it) and the report is redone with the page's body, which names gateways better.
 */
async function viewForPage(tabId, sender, body) {
  const state = await getTab(tabId);
  if (!state || !samePage(sender.url, state.url) || sender.frameId !== 0) return null;
  if (typeof body === 'string' && !state.sawBody) {
    state.report = await explain({ ...state.observation, body: body.slice(0, MAX_BODY_CHARS) });
    state.sawBody = true;
    await putTab(state);
  }
  await setBadge(state);
  if (await isDismissed(state.origin)) return null;
  return viewOf(await adoptPageTimer(state));
}

async function act(tabId, action) {
  const state = await getTab(tabId);
  if (!state) return null;
  switch (action) {
    case 'reload':
      await ext.api.tabs.reload(tabId, { bypassCache: true });
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
  await clearBadge(tabId);
}));

