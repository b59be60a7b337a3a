// Detection: observes (never blocks) top-level navigations with webRequest and hands the ones
// that end in a gateway failure to `onFailure` as a contract §1 Observation. Subresources and
// iframes are not observed at all (`types: ['main_frame']`); prerendering is skipped.
import '../shared/ext-compat.js';

const ext = globalThis.explain502Ext;
const FILTER = { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] };
/** requestId → when the request started, for the time to the response headers. */
const started = new Map();
const headersAt = new Map();

function topLevel(details) {
  return details.tabId >= 0 && details.documentLifecycle !== 'prerender' && details.frameId === 0;
}

/**
 * Registers the listeners; call at the top level of the background script (a service worker
 * only gets the events whose listeners exist when it starts).
 */
export function observeNavigations({ onFailureCandidate, onFine }) {
  const { webRequest } = ext.api;
  webRequest.onBeforeRequest.addListener((details) => {
    if (topLevel(details)) started.set(details.requestId, details.timeStamp);
  }, FILTER);
  webRequest.onHeadersReceived.addListener((details) => {
    if (topLevel(details)) headersAt.set(details.requestId, details.timeStamp);
  }, FILTER);
  webRequest.onErrorOccurred.addListener((details) => {
    started.delete(details.requestId);
    headersAt.delete(details.requestId);
  }, FILTER);
  webRequest.onCompleted.addListener((details) => {
    const start = started.get(details.requestId);
    const end = headersAt.get(details.requestId) ?? details.timeStamp;
    started.delete(details.requestId);
    headersAt.delete(details.requestId);
    if (!topLevel(details)) return;
    // Only 5xx can be a gateway failure; the core decides which ones are (family).
    if (details.statusCode < 500 || details.statusCode > 599) {
      onFine(details.tabId, { url: details.url, status: details.statusCode });
      return;
    }
    // Name/value pairs, repeated names kept: two Set-Cookie values joined by ", " would hide
    // a fingerprint (AWS ELB's AWSALB cookies) from the core.
    const headers = (details.responseHeaders ?? [])
      .filter(({ value }) => typeof value === 'string')
      .map(({ name, value }) => [name.toLowerCase(), value]);
    onFailureCandidate(details.tabId, {
      url: details.url,
      method: details.method,
      status: details.statusCode,
      headers,
      ...(start !== undefined ? { elapsed_ms: Math.max(0, Math.round(end - start)) } : {}),
    });
  }, FILTER, ['responseHeaders']);
}
