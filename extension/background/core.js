// The Rust core, as wasm, in the background: every decision (family, gateway, causes, advice,
// recovery, down-check verdict) comes from it. This file only loads it from the
// packaged file and passes the arguments.
import init, * as wasm from '../core/explain502_core.js';
import { probe as probeWithCore, step as stepWithCore } from '../core/recovery.js';
import { downCheck as downCheckWithCore } from '../core/downcheck.js';
import '../shared/ext-compat.js';

const ext = globalThis.explain502Ext;

/** Instantiated once per background start, from the copy packaged in the extension. */
const ready = init({ module_or_path: ext.url('core/explain502_core_bg.wasm') });

/** What the core may know of the visitor's side, for advice tailored to this browser. */
function context() {
  return {
    userAgent: navigator.userAgent,
    platform: navigator.userAgentData?.platform ?? navigator.platform,
    languages: ext.languages(),
    nowMs: Date.now(),
  };
}

/** observation (contract §1) → Report. */
export async function explain(observation) {
  await ready;
  return wasm.explain(observation, context());
}

/** The core's `ui.*` table in the browser's language: `{ lang, text: { hard_reload: '…', … } }`. */
export async function uiText() {
  await ready;
  return wasm.uiText(ext.languages());
}

/**
 * What a page's own status means, by the core's rule (`pageStatus`, src/status.rs): 'explain'
 * (a 5xx: the core reads it and its Report says whether it is an outage), 'fine' (the page
 * loaded: an older outage of its tab is over) or 'unknown' (not a status: read the page).
 */
export async function pageStatus(status) {
  await ready;
  return wasm.pageStatus(status);
}

/** The most of a page's body the core reads (`maxBodyBytes`): no surface sends more. */
export async function maxBodyBytes() {
  await ready;
  return wasm.maxBodyBytes();
}

/** A gateway failure, by the core's rule (`isGatewayFailure`); call after `explain`. */
export function isGatewayFailure(report) {
  return Number.isInteger(report?.status) && wasm.isGatewayFailure(report.status);
}

/**
 * An outage to explain and recover from: a gateway failure that the core does not call a
 * challenge or bot check (those are answered on purpose; retrying cannot pass them).
 */
export function isOutage(report) {
  return isGatewayFailure(report) && !report.challenge;
}

/** A bot check or firewall answered (the core's `challenge`): the site is up, not an outage. */
export function isChallenge(report) {
  return Boolean(report?.challenge);
}

/**
 * One step of the core's recovery machine (src/recovery.rs, through the widget's `step` in
 * recovery.js): `{ state, commands }`. The clock and the random draw come from there so the
 * core stays deterministic.
 */
export async function recoveryStep(state, event) {
  await ready;
  return stepWithCore(wasm, state, event);
}

/**
 * One probe, as the machine's `probe` command says (method, timeout): the widget's
 * (recovery.js: uncached, aborted at the timeout). `{ status, headers }` or `{ status: 0 }`.
 */
export function probeOnce(url, method, timeoutMs) {
  return probeWithCore(url, method, timeoutMs);
}

/**
 * Down for everyone or just me (contract §2b): the widget's down check (downcheck.js fetches,
 * the core plans and judges), asking only the providers the user left on (`direct` without a
 * base fetches nothing: the status the visitor saw is enough) and the user's probe endpoints
 * (`explain502`, settings.explain502.endpoints). Resolves by the down check's
 * own deadline; never rejects because of a provider.
 */
export async function downCheck(url, providers, seenStatus, endpoints = []) {
  await ready;
  const asked = Object.fromEntries(Object.entries(providers).filter(([, on]) => on).map(([id]) => [id, {}]));
  // The user's own probe servers (options): one vote per vantage point, judged by the core.
  if (endpoints.length) asked.explain502 = { endpoints };
  return downCheckWithCore(wasm, url, { providers: asked, seenStatus });
}
