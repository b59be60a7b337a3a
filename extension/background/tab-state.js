// Per-tab state in storage.session: a service worker (Chrome) or event page (Firefox) sleeps
// between events and loses its memory; the session area survives that and is cleared when the
// browser closes. Only trusted contexts (background, popup, options) can read it.
import '../shared/ext-compat.js';

const ext = globalThis.explain502Ext;
const key = (tabId) => `tab:${tabId}`;

/**
 * One tab's gateway error: { tabId, url, origin, method, report, verdict, retry, attempt,
 * firstAt }. `retry.state`: waiting | checking | back | back_manual | stopped | off |
 * follower | gave_up | not_retryable.
 */
export async function getTab(tabId) {
  const { [key(tabId)]: state } = await ext.session.get(key(tabId));
  return state ?? null;
}

export async function putTab(state) {
  await ext.session.set({ [key(state.tabId)]: state });
  return state;
}

export async function dropTab(tabId) {
  await ext.session.remove(key(tabId));
}

export async function allTabs() {
  const all = await ext.session.get(null);
  return Object.entries(all).filter(([name]) => name.startsWith('tab:')).map(([, state]) => state);
}

/** Sites where the user hid the panel, for this browser session. */
export async function isDismissed(origin) {
  const { dismissed = [] } = await ext.session.get('dismissed');
  return dismissed.includes(origin);
}

export async function dismiss(origin) {
  const { dismissed = [] } = await ext.session.get('dismissed');
  if (!dismissed.includes(origin)) await ext.session.set({ dismissed: [...dismissed, origin].slice(-200) });
}

/** Same document address, ignoring the fragment (webRequest reports URLs without it). */
export function samePage(a, b) {
  return typeof a === 'string' && typeof b === 'string' && a.split('#')[0] === b.split('#')[0];
}

/** How many of a tab's last top-level responses are remembered (for back/forward restores). */
const SEEN_KEPT = 8;
const seenKey = (tabId) => `seen:${tabId}`;

/**
 * What the network layer saw of a tab's top-level responses, newest first:
 * `{ url, status, outage, observation }` (`observation` only for an outage). A page that asks
 * later (a back/forward-cache restore, which makes no request) is matched against it: the
 * network's method and headers win over what the page alone can tell, and an answer the core
 * called "not an outage" (a challenge, say) stays quiet when the page asks.
 */
export async function noteSeen(tabId, record) {
  const { [seenKey(tabId)]: list = [] } = await ext.session.get(seenKey(tabId));
  await ext.session.set({ [seenKey(tabId)]: [record, ...list].slice(0, SEEN_KEPT) });
}

/** The newest record of `url` answered with `status` in the tab, or null. */
export async function seenFor(tabId, url, status) {
  const { [seenKey(tabId)]: list = [] } = await ext.session.get(seenKey(tabId));
  return list.find((record) => samePage(record.url, url) && record.status === status) ?? null;
}

export async function dropSeen(tabId) {
  await ext.session.remove(seenKey(tabId));
}
