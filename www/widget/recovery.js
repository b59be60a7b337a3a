// Browser manners for the automatic retry (issue "Retry"): timers and events only. Every
// wait and jitter amount comes from the Rust core (`retryDecision`, `resumeWait`,
// `reloadSpread`), and whether the site is back from its judgment of each probe
// (`probeAnswer`).
//
// - No probing while the tab is hidden or the machine offline; back in view (or online), one
//   probe soon.
// - One probing tab per site: the holder of a Web Lock named after the site probes; the
//   others wait in the lock's queue and take over if it closes or hides. Without Web Locks,
//   a tab that probes tells the others (BroadcastChannel), and they push their timers back.
// - The prober tells the others when the site is back; they reload spread over a short
//   window, not all in the same millisecond.
//
// No imports: the error pages inline this file next to the core's glue and element.js.

/** A probe that has not answered after this long counts as failed. */
const RECOVERY_PROBE_TIMEOUT_MS = 10_000;

/**
 * One probe of `url`: HEAD (GET when the server refuses HEAD), never from the cache, aborted
 * after `timeoutMs`. Resolves to the core's reading of the answer
 * (`{ status, headers, elapsedMs, back, retryAfterMs, error? }`), never throws.
 */
export async function probe(core, url, timeoutMs = RECOVERY_PROBE_TIMEOUT_MS) {
  const started = Date.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const send = (method) => fetch(url, { method, cache: 'no-store', redirect: 'follow', signal });
  let response = null;
  let error = null;
  try {
    response = await send('HEAD');
    if (response.status === 405 || response.status === 501) response = await send('GET');
  } catch {
    error = signal.aborted ? 'timeout' : 'network';
  }
  const headers = response ? [...response.headers] : []; // pairs: repeated names kept
  return core.probeAnswer({ status: response?.status ?? 0, headers, elapsedMs: Date.now() - started, error }, Date.now());
}

/**
 * Starts the retry loop of one page. `core` is the wasm core's exports. Returns
 * `{ retryNow(), stop() }`: a probe now (the "Try again" button), and the end of the loop.
 */
export function startRecovery(core, {
  healthUrl = location.href, method = 'GET', status = 502, retryAfterMs = null, maxWaitMs = null,
  onWait = () => {}, onProbe = () => {}, onBack = () => {}, onStop = () => {},
} = {}) {
  const started = Date.now();
  const name = `explain502-recovery ${new URL(healthUrl, location.href).origin}`;
  const locks = navigator.locks;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
  let attempt = 0;
  let retryAfter = retryAfterMs;
  let timer = 0;
  let active = false; // this tab is the one that probes
  let release = null; // ends our hold of the lock
  let queued = null; // aborts our place in the lock's queue
  let over = false;

  const canProbe = () => !document.hidden && navigator.onLine !== false;

  function begin() {
    if (over || active || queued || !canProbe()) return;
    if (!locks) return activate();
    queued = new AbortController();
    locks.request(name, { signal: queued.signal }, () => new Promise((resolve) => {
      queued = null;
      release = resolve;
      if (over || !canProbe()) return pause();
      activate();
    })).catch(() => {}); // AbortError: we left the queue on purpose
  }

  function activate() {
    active = true;
    if (attempt === 0) plan();
    else arm(core.resumeWait(Math.random()));
  }

  function pause() {
    active = false;
    clearTimeout(timer);
    queued?.abort();
    queued = null;
    release?.();
    release = null;
  }

  const decide = () => core.retryDecision(
    { attempt, elapsedMs: Date.now() - started, retryAfterMs: retryAfter, method, status, maxWaitMs },
    Math.random(),
  );

  // A stop is this tab's own (its method, status, budget): a tab that takes over decides anew.
  function plan() {
    const decision = decide();
    if (decision.action === 'stop') return finish(() => onStop(decision.reason));
    channel?.postMessage({ type: 'wait', waitMs: decision.waitMs, attempt });
    onWait(decision.waitMs, attempt);
    arm(decision.waitMs);
  }

  function arm(ms) {
    clearTimeout(timer);
    timer = setTimeout(() => probeNow(false), ms);
  }

  async function probeNow(asked) {
    if (over || (!asked && !active)) return;
    clearTimeout(timer);
    if (!locks) channel?.postMessage({ type: 'probing' });
    const result = await probe(core, new URL(healthUrl, location.href).href);
    if (over) return;
    onProbe(result);
    if (result.back) {
      channel?.postMessage({ type: 'back' });
      return finish(onBack);
    }
    attempt += 1;
    retryAfter = result.retryAfterMs ?? null;
    if (active) plan();
  }

  function finish(then) {
    over = true;
    pause();
    channel?.close();
    document.removeEventListener('visibilitychange', onChange);
    removeEventListener('online', onChange);
    removeEventListener('offline', onChange);
    then();
  }

  function onChange() {
    if (canProbe()) begin();
    else pause();
  }

  if (channel) {
    channel.onmessage = ({ data }) => {
      if (over) return;
      if (data.type === 'back') finish(() => setTimeout(onBack, core.reloadSpread(Math.random())));
      else if (data.type === 'wait' && !active) onWait(data.waitMs, data.attempt);
      else if (data.type === 'probing' && active) plan();
    };
  }
  document.addEventListener('visibilitychange', onChange);
  addEventListener('online', onChange);
  addEventListener('offline', onChange);
  // A page that must not retry (a POST, a 404) neither probes nor waits for the site's news.
  const first = decide();
  if (first.action === 'stop') finish(() => onStop(first.reason));
  else begin();

  return {
    retryNow: () => probeNow(true),
    stop: () => { if (!over) finish(() => {}); },
  };
}
