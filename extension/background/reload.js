// Bringing a tab back once the core says the site answers normally again. A tab whose request
// the network layer saw (method known, a GET: the core never lets a POST be reloaded) is
// reloaded past the cache. A tab noticed only from the page side (browser start, session
// restore, a restart of the worker: the method is unknown) is sent to its address again with
// a plain GET navigation, so a form's body can never be resent.
import '../shared/ext-compat.js';

const ext = globalThis.explain502Ext;

export async function reloadTab(state) {
  if (state.seenBy === 'page') return ext.api.tabs.update(state.tabId, { url: state.url });
  return ext.api.tabs.reload(state.tabId, { bypassCache: true });
}
