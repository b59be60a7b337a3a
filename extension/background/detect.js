// Detection: observes (never blocks) top-level navigations with webRequest and hands the ones
// that end in a gateway failure to `onFailure` as a contract §1 Observation. Subresources and
// iframes are not observed at all (`types: ['main_frame']`); prerendering is skipped.
import '../shared/ext-compat.js';
import { pageStatus } from './core.js';

const ext = globalThis.explain502Ext;
const FILTER = { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] };
/** requestId → when the request started, for the time to the response headers. */
const started = new Map();

function topLevel(details) {
  return details.tabId >= 0 && details.documentLifecycle !== 'prerender' && details.frameId === 0;
}

/**
 * Registers the listeners; call at the top level of the background script (a service worker
 * only gets the events whose listeners exist when it starts).
 */
export function observeNavigations({ onFailureCandidate, onFine }) {
  const { webRequest } = ext.api;
  // Chrome hands Set-Cookie to listeners only with 'extraHeaders' (Chrome 72+; AWS ELB's
  // AWSALB cookies name it); Firefox has no such option and always does.
  const HEADERS = webRequest.OnHeadersReceivedOptions?.EXTRA_HEADERS ? ['responseHeaders', 'extraHeaders'] : ['responseHeaders'];
  webRequest.onBeforeRequest.addListener((details) => {
    if (topLevel(details)) started.set(details.requestId, details.timeStamp);
  }, FILTER);
  // A failure is handed on when its headers arrive, not when its body has loaded: the page's
  // content script asks only after the body has begun to parse, so the network's answer (with
  // the request's method: a POST must never be resent) is in the tab's queue first.
  webRequest.onHeadersReceived.addListener((details) => {
    const start = started.get(details.requestId);
    started.delete(details.requestId);
    if (!topLevel(details)) return;
    // The core says which answers it explains (`pageStatus`: a 5xx; its Report then says which
    // are outages). Fine answers are handed on when complete (a redirect's headers are not the
    // tab's page). Calls made in order resolve in order: the tab's events keep their order.
    pageStatus(details.statusCode).then((kind) => {
      if (kind === 'explain') onFailureCandidate(details.tabId, observationOf(details, start));
    });
  }, FILTER, HEADERS);
  webRequest.onErrorOccurred.addListener((details) => {
    started.delete(details.requestId);
  }, FILTER);
  webRequest.onCompleted.addListener((details) => {
    started.delete(details.requestId);
    if (!topLevel(details)) return;
    pageStatus(details.statusCode).then((kind) => {
      if (kind === 'fine') onFine(details.tabId, { url: details.url, status: details.statusCode, at: details.timeStamp });
    });
  }, FILTER);
}

/** A response's headers as contract §1's Observation. */
function observationOf(details, start) {
  // Name/value pairs, repeated names kept: two Set-Cookie values joined by ", " would hide
  // a fingerprint (AWS ELB's AWSALB cookies) from the core.
  // Firefox hands several Set-Cookie headers over as one, its values joined by "\n" (a
  // header value never holds a raw line break): they are split back into pairs.
  const headers = (details.responseHeaders ?? [])
    .filter(({ value }) => typeof value === 'string')
    .flatMap(({ name, value }) => (name.toLowerCase() === 'set-cookie' ? value.split('\n') : [value])
      .map((one) => [name.toLowerCase(), one]));
  return {
    url: details.url,
    method: details.method,
    status: details.statusCode,
    headers,
    ...(start !== undefined ? { elapsed_ms: Math.max(0, Math.round(details.timeStamp - start)) } : {}),
  };
}
