// The one door to the extension APIs: every other file reaches `chrome.*` / `browser.*` only
// through `globalThis.explain502Ext`. Loaded twice over: as a classic content script (listed
// before content/panel.js in the manifest) and as a side-effect import by the background
// and page modules, so it has no import/export of its own.
//
// Browser differences handled here, by name:
// - Chrome has long ignored a Promise returned from a runtime.onMessage listener (Firefox
//   honours it): `onMessage` wraps handlers with sendResponse + `return true`, which both do.
// - Sending to a tab without our content script (a chrome-error:// page, a page loaded before
//   the extension) rejects with "Receiving end does not exist": `sendToTab` resolves undefined,
//   as it does when no answer comes within 2 s (a page frozen in the back/forward cache).
// - Firefox MV3 can leave host permissions ungranted at install: `hasHostAccess` /
//   `requestHostAccess` let the popup and options page ask.
// - The browser's content languages (`navigator.languages`, its Accept-Language) and its UI
//   language (`i18n.getUILanguage()`) can differ: `languages` lists the content ones first,
//   as the widget and the error pages read them, so the panel speaks the language of the
//   pages around it; the UI's comes last, for a browser that lists none.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const HOSTS = { origins: ['http://*/*', 'https://*/*'] };
  /** How long a tab's content script may take to answer before it counts as absent. */
  const SEND_TO_TAB_MS = 2000;

  globalThis.explain502Ext = Object.freeze({
    api,
    url: (path) => api.runtime.getURL(path),
    /** BCP 47 tags, most preferred first: the content languages, then the browser's UI one. */
    languages: () => [...(globalThis.navigator?.languages ?? []), api.i18n?.getUILanguage?.()].filter(Boolean),
    send: (message) => api.runtime.sendMessage(message),
    async sendToTab(tabId, message) {
      try {
        // Bounded: a content script answers in milliseconds, but a page that is leaving or
        // frozen in the back/forward cache may never answer, and the tab's queue waits on it.
        return await Promise.race([
          api.tabs.sendMessage(tabId, message, { frameId: 0 }),
          new Promise((resolve) => { setTimeout(resolve, SEND_TO_TAB_MS, undefined); }),
        ]);
      } catch {
        return undefined;
      }
    },
    onMessage(handler) {
      api.runtime.onMessage.addListener((message, sender, sendResponse) => {
        Promise.resolve()
          .then(() => handler(message, sender))
          .then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error) }));
        return true;
      });
    },
    hasHostAccess: () => api.permissions.contains(HOSTS),
    requestHostAccess: () => api.permissions.request(HOSTS),
    sync: api.storage.sync,
    session: api.storage.session,
  });
})();
