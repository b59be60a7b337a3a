// Every message between the extension's contexts, in one place. Loaded like ext-compat.js
// (classic content script and side-effect module import), hence the global.
//
//   content → background  VIEW    { status, restored } → { fine: true } (the core's rule: nothing to
//                                                        show), or { sendBody: n } (send at most n chars)
//                                                        status: the page's own responseStatus (0: unknown)
//   content → background  VIEW    { body, status }     → the tab's View, or null (nothing to show)
//   content → background  DUE     {}                   → a short wait timed by the page is over: probe
//   content → background  LEFT    { id }               → the page showing View `id` went away
//   content → background  VISIBILITY { id, hidden }    → the page showing View `id` hid or showed
//                                                        (an event for the recovery machine)
//                                                        → the updated View, or null
//   popup → background    POPUP   { tabId }            → that tab's View, or null
//   popup/content → bg    ACTION  { tabId?, action }   → the updated View (with `note` if any)
//   page → background     TEXT    {}                   → { lang, text }: the core's ui.* table
//   background → content  SHOW    { view }             → render this View (replaces the panel)
//
// A View is { id, url, method, elapsedMs, report, verdict, archivedUrl, lastProbe, lang, text,
// retryText, note?, retry: { state, timer?, waitMs?, dueAt? } } (see
// background/view.js). `text` is the core's ui.* table in the browser's language (keys without
// `ui.`); `retryText` and `note` are keys in it. The content script has no wasm: it only reads it.
// Actions: reload, private, archive, check, stop, dismiss (hide for this browser session),
// not_on_site (adds the tab's host to the ignored sites), pause, resume ("pause everywhere").
(() => {
  globalThis.explain502Messages = Object.freeze({
    VIEW: 'explain502:view',
    DUE: 'explain502:due',
    LEFT: 'explain502:left',
    VISIBILITY: 'explain502:visibility',
    POPUP: 'explain502:popup',
    ACTION: 'explain502:action',
    SHOW: 'explain502:show',
    TEXT: 'explain502:text',
  });
})();
