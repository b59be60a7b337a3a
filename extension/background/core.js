// The Rust core, as wasm, in the background: every decision (family, gateway, causes, advice,
// retry policy, down-check verdict) comes from it. This file only loads it from the packaged
// file and adapts the arguments; the stand-ins below are marked and go away as the core grows.
import init, * as wasm from '../core/explain502_core.js';
import '../shared/ext-compat.js';

const ext = globalThis.explain502Ext;

/** Instantiated once per background start, from the copy packaged in the extension. */
const ready = init({ module_or_path: ext.url('core/explain502_core_bg.wasm') });

/** The families the extension reacts to: a gateway failure (contract §1 family names). */
const GATEWAY_FAMILIES = new Set(['bad_gateway', 'service_unavailable', 'gateway_timeout', 'origin_error']);

/** What the core may know of the visitor's side, for advice tailored to this browser. */
function context() {
  return {
    userAgent: navigator.userAgent,
    platform: navigator.userAgentData?.platform ?? navigator.platform,
    languages: [...(navigator.languages ?? [])],
    nowMs: Date.now(),
  };
}

/** observation (contract §1) → Report. */
export async function explain(observation) {
  await ready;
  return wasm.explain(observation, context());
}

export function isGatewayFailure(report) {
  return GATEWAY_FAMILIES.has(report?.family);
}

/** Each probe gives up after this long: a hung server must not hang the retry loop. */
const PROBE_TIMEOUT_MS = 8000;

/**
 * Is the site back? `{ status, back }`. A probe is a HEAD of the page's own URL (GET when
 * HEAD is refused), uncached, without cookies; back means "not a gateway failure".
 */
export async function probe(url) {
  await ready;
  if (typeof wasm.probe === 'function') return wasm.probe(url, { timeoutMs: PROBE_TIMEOUT_MS });
  // STAND-IN until the retry module's wasm `probe` lands (branch `retry`).
  const once = (method) => fetch(url, {
    method, cache: 'no-store', credentials: 'omit', redirect: 'follow', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
  });
  let status = 0;
  try {
    let response = await once('HEAD');
    if (response.status === 405 || response.status === 501) response = await once('GET');
    status = response.status;
  } catch {
    return { status: 0, back: false };
  }
  return { status, back: !isGatewayFailure(await explain({ status, url })) };
}

/**
 * The retry policy: `{ waitMs }` or `{ stop: true }` for attempt `attempt` (0 = first wait).
 * `random` in [0, 1) comes from here so the core stays deterministic.
 */
export async function retryDecision({ attempt, elapsedMs, report, method, maxWaitMs }) {
  await ready;
  const input = {
    attempt, elapsedMs, method, status: report.status, retryAfterMs: report.retry?.after_ms ?? null, maxWaitMs,
  };
  if (typeof wasm.retryDecision === 'function') return wasm.retryDecision(input, Math.random());
  // STAND-IN until retry::retryDecision lands (branch `retry`): capped exponential backoff with
  // full jitter over the upper half, Retry-After honoured first, a budget of 30 min / 20 tries.
  if (!report.retry?.retryable || attempt >= 20 || elapsedMs > 30 * 60_000) return { stop: true };
  if (attempt === 0 && input.retryAfterMs != null) return { waitMs: Math.min(maxWaitMs, Math.max(1000, input.retryAfterMs)) };
  const ceiling = Math.min(maxWaitMs, 2000 * 2 ** attempt);
  return { waitMs: Math.max(1000, Math.round(ceiling / 2 + (Math.random() * ceiling) / 2)) };
}

/**
 * Down for everyone or just me (contract §2b), with only the providers the user left on.
 * Resolves within the down-check's own deadline.
 */
export async function downCheck(url, providers) {
  await ready;
  const enabled = Object.entries(providers).filter(([, on]) => on).map(([id]) => id);
  if (typeof wasm.downCheck === 'function') return wasm.downCheck(url, { providers: enabled });
  // STAND-IN until the down-check module's wasm `downCheck` lands (branch `downcheck`): no
  // provider is asked, so the honest verdict is "unknown".
  return { verdict: 'unknown', confidence: 0, providers: [], archived: null };
}
