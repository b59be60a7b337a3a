//! The recovery machine ([`crate::recovery`]) for JS: one function, the surfaces' whole
//! retry logic. JS keeps only timers, `fetch`, locks, alarms, storage and the DOM.
//!
//! Numbers in, numbers out: every error page inlines this wasm, and building JS objects field
//! by field (`Reflect`) cost ~2 KB of it more than arrays of numbers (measured: the pages'
//! wasm, gzipped). `www/widget/recovery.js` (`step`, shared by the widget, the error pages
//! and the extension) turns them into the objects below; nothing else calls this directly.
//!
//! `recoveryStep(state, event, text, nowMs, random)` → numbers:
//! - `state`: the previous result's first [`Recovery::NUMBERS`] numbers, kept as they are
//!   (storage.session, a variable); anything else (`[]`) before `started`.
//! - `event`: `[kind, a, b, c, d, e, f, g, h]`, kind (its index in recovery.js's `EVENTS`):
//!   `started` `[status, retryAfterMs, flags, maxWaitMs, memory×4]` (−1: none; flags: 1
//!   visible, 2 online, 4 leader (no other tab of the site probes), 8 auto (retry on), 16 look
//!   (one probe at once besides the loop, to see the gateway's headers), 32 challenge (the
//!   Report's `challenge`: not retried); `text`: the method;
//!   `memory`: the last `remember`'s four numbers for this site and tab) · `timer` (the `wait`
//!   ran out) · `answer` `[status]` (a probe's answer; `text`: its headers, `name: value`
//!   lines) · `failed` (no answer, or timed out) · `retry` (the visitor's "try again") ·
//!   `stop` (the visitor's "stop") · `hidden` · `shown` · `offline` · `online` · `lead` (this
//!   tab now holds the site's lead) · `unlead` · `peer_waiting` `[ms]` (the leader's
//!   countdown) · `peer_back` (the leader found the site back).
//! - the result: the new state, then one command per 5 numbers `[kind, a, b, c, d]`, in
//!   order, kind (its index in recovery.js's `COMMANDS`): `wait` `[ms]` (arm the one timer, replacing any;
//!   then `timer`) · `cancel` (clear it) · `probe` `[get, timeoutMs]` (HEAD, or GET when
//!   `get` is 1; no cache; then `answer` or `failed`) · `remember` `[memory×4]` (keep for this
//!   site and tab) · `reload` (a GET navigation of the page, never `reload()`, which resends
//!   a form) · `show` `[view, ms, attempt, reason]` (view: its index in recovery.js's `VIEWS`; `ms` −1 when
//!   none; reason: index in [`StopReason::ALL`]) · `stop` `[reason]` (no more automatic
//!   tries; `retry` still works) · `follow` (do not probe: ask for the site's lead, e.g. queue
//!   for its Web Lock, and listen to the leader) · `yield` (release the lead, leave its
//!   queue) · `tell` `[back, ms]` (for the other tabs of the site: `peer_back` when `back` is
//!   1, else `peer_waiting`).

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

/// `recoveryStep(state, event, text, nowMs, random)` (see the module doc; the mapping is
/// [`crate::recovery_numbers`], shared with the error pages' wasm).
#[wasm_bindgen(js_name = recoveryStep)]
pub fn recovery_step(
    state: &[f64],
    event: &[f64],
    text: &str,
    now_ms: f64,
    random: f64,
) -> Float64Array {
    let out = crate::recovery_numbers::step(state, event, text, now_ms, random);
    // A copy into a new JS array: returning the Vec would shrink it to a boxed slice first.
    Float64Array::from(out.as_slice())
}
