//! Retry at the browser's edge: the policy's decisions for `www/widget/recovery.js`, and the
//! judgment of each probe's answer (is the site back? what does its Retry-After say?). JS
//! keeps the timers and sends the probe: `fetch` in wasm (gloo-net and its async runtime)
//! cost 9.7 KB gzipped in a page whose whole budget is 40 KB.

use super::objects::{self, Js};
use super::{field, headers_from_js, into_error, whole_number};
use crate::retry::{self, Attempt, Policy};
use crate::status::Family;
use wasm_bindgen::prelude::*;

/// A duration in ms from JS (`Date.now()` differences, header values): a finite, non-negative
/// number, rounded; None otherwise.
fn millis(value: &JsValue) -> Option<u64> {
    let n = value.as_f64()?;
    // `as` saturates: a huge number becomes u64::MAX, which the policy clamps.
    (n.is_finite() && n >= 0.0).then(|| libm::round(n) as u64)
}

/// `retryDecision({ attempt, elapsedMs, retryAfterMs, method, status, maxWaitMs }, random)` →
/// `{ action: "wait", waitMs }` or `{ action: "stop", reason }`. Only `status` is required
/// (0 for "no response"); `maxWaitMs` is the element's `max-wait`, at least 1 s.
#[wasm_bindgen(js_name = retryDecision)]
pub fn retry_decision(question: JsValue, random: f64) -> Result<JsValue, JsValue> {
    let status = whole_number(&field(&question, "status"))
        .filter(|s| *s <= 999)
        .ok_or_else(|| into_error("bad retry question: `status` must be a number from 0 to 999"))?;
    let mut policy = Policy::default();
    if let Some(max_wait_ms) = millis(&field(&question, "maxWaitMs")).filter(|ms| *ms >= 1_000) {
        policy.max_wait_ms = max_wait_ms;
    }
    let method = field(&question, "method").as_string();
    let attempt = Attempt {
        attempt: whole_number(&field(&question, "attempt"))
            .map_or(0, |n| n.min(u32::MAX.into()) as u32),
        elapsed_ms: millis(&field(&question, "elapsedMs")).unwrap_or(0),
        retry_after_ms: millis(&field(&question, "retryAfterMs")),
        method: method.as_deref().unwrap_or("GET"),
        status: status as u16,
    };
    Ok(objects::decision(&policy.next(&attempt, random)))
}

/// `resumeWait(random)`: ms before the one probe after the tab is shown or back online.
#[wasm_bindgen(js_name = resumeWait)]
pub fn resume_wait(random: f64) -> f64 {
    retry::resume_wait_ms(random) as f64
}

/// `reloadSpread(random)`: ms a non-probing tab waits before reloading once the site is back.
#[wasm_bindgen(js_name = reloadSpread)]
pub fn reload_spread(random: f64) -> f64 {
    retry::reload_spread_ms(random) as f64
}

/// `probeAnswer({ status, headers, elapsedMs, error }, nowMs)` →
/// `{ status, headers, elapsedMs, back, retryAfterMs, error? }`: what one probe's answer means.
/// `status` 0 (with `error` "timeout" or "network") is "no response".
#[wasm_bindgen(js_name = probeAnswer)]
pub fn probe_answer(answer: JsValue, now_ms: f64) -> JsValue {
    let status = whole_number(&field(&answer, "status"))
        .filter(|s| *s <= 999)
        .unwrap_or(0) as u16;
    let headers = headers_from_js(&field(&answer, "headers"));
    let retry_after_ms = headers
        .get("retry-after")
        .and_then(|value| retry::retry_after_ms(value, millis(&JsValue::from(now_ms))));
    let error = match field(&answer, "error").as_string().as_deref() {
        _ if status != 0 => None,
        Some("timeout") => Some("timeout"),
        _ => Some("network"),
    };
    let result = Js::new()
        .set("status", status)
        .set("headers", objects::headers(&headers))
        .set(
            "elapsedMs",
            millis(&field(&answer, "elapsedMs")).unwrap_or(0) as f64,
        )
        // The site answers with something else than a gateway failure.
        .set(
            "back",
            status != 0 && !Family::of(status).is_gateway_failure(),
        )
        // The answer's `Retry-After`, read by the core, for the next `retryDecision`.
        .set("retryAfterMs", objects::number(retry_after_ms));
    // `"timeout"` or `"network"` when no response came; absent otherwise.
    match error {
        Some(error) => result.set("error", error).done(),
        None => result.done(),
    }
}
