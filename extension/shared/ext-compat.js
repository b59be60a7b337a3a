// The one door to the extension APIs: every other file reaches `chrome.*` / `browser.*` only
// through `globalThis.explain502Ext`. Loaded twice over: as a classic content script (listed
// before content/panel.js in the manifest) and as a side-effect import by the background
// and page modules, so it has no import/export of its own.
//
// Browser differences handled here, by name:
// - Chrome has long ignored a Promise returned from a runtime.onMessage listener (Firefox
//   honours it): `onMessage` wraps handlers with sendResponse + `return true`, which both do.
// - Sending to a tab without our content script (a chrome-error:// page, a page loaded before
//   the extension) rejects with "Receiving end does not exist": `sendToTab` resolves undefined.
// - Firefox MV3 can leave host permissions ungranted at install: `hasHostAccess` /
//   `requestHostAccess` let the popup and options page ask.
// - The browser's content languages (`navigator.languages`, its Accept-Language) and its UI
//   language (`i18n.getUILanguage()`) can differ: `languages` lists the content ones first,
//   as the widget and the error pages read them, so the panel speaks the language of the
//   pages around it; the UI's comes last, for a browser that lists none.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const HOSTS = { origins: ['http://*/*', 'https://*/*'] };

  globalThis.explain502Ext = Object.freeze({
    api,
    url: (path) => api.runtime.getURL(path),
    /** BCP 47 tags, most preferred first: the content languages, then the browser's UI one. */
    languages: () => [...(globalThis.navigator?.languages ?? []), api.i18n?.getUILanguage?.()].filter(Boolean),
    send: (message) => api.runtime.sendMessage(message),
    async sendToTab(tabId, message) {
      try {
        return await api.tabs.sendMessage(tabId, message, { frameId: 0 });
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
