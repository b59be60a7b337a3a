//! Retry at the browser's edge: the policy's decisions for `www/widget/recovery.js`, and the
//! probe that tells whether the site is back. JS only keeps the timers.

use super::{field, into_error, to_js, whole_number};
use crate::observation::Headers;
use crate::retry::{self, Attempt, Policy};
use crate::status::Family;
use gloo_net::http::{Method, Request, Response};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, RequestCache};

/// The shortest and longest probe timeout accepted from JS.
const PROBE_TIMEOUT_MS: (u32, u32) = (100, 60_000);

/// A duration in ms from JS (`Date.now()` differences, header values): a finite, non-negative
/// number, rounded; None otherwise.
fn millis(value: &JsValue) -> Option<u64> {
    let n = value.as_f64()?;
    // `as` saturates: a huge number becomes u64::MAX, which the policy clamps.
    (n.is_finite() && n >= 0.0).then(|| n.round() as u64)
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
    to_js(&policy.next(&attempt, random))
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProbeResult {
    /// 0 when no response came (network error or timeout).
    status: u16,
    headers: Headers,
    elapsed_ms: u64,
    /// The site answers with something else than a gateway failure.
    back: bool,
    /// The answer's `Retry-After`, read by the core, for the next `retryDecision`.
    retry_after_ms: Option<u64>,
    /// `"timeout"` or `"network"` when no response came; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'static str>,
}

/// `probe(url, timeoutMs)` → `{ status, headers, elapsedMs, back, retryAfterMs, error? }`.
/// HEAD, then GET when the server refuses HEAD (405, 501); never from the cache; aborted
/// after `timeoutMs`. A network failure resolves (status 0, `error`), never throws.
#[wasm_bindgen]
pub async fn probe(
    url: String,
    #[wasm_bindgen(js_name = timeoutMs)] timeout_ms: u32,
) -> Result<JsValue, JsValue> {
    let started = js_sys::Date::now();
    let signal =
        AbortSignal::timeout_with_u32(timeout_ms.clamp(PROBE_TIMEOUT_MS.0, PROBE_TIMEOUT_MS.1));
    let mut outcome = send(&url, Method::HEAD, &signal).await;
    if matches!(&outcome, Ok(response) if matches!(response.status(), 405 | 501)) {
        outcome = send(&url, Method::GET, &signal).await;
    }
    let now = js_sys::Date::now();
    let elapsed_ms = (now - started).max(0.0) as u64;
    let result = match outcome {
        Ok(response) => {
            let headers: Headers =
                response
                    .headers()
                    .entries()
                    .fold(Headers::new(), |mut all, (name, value)| {
                        all.push(&name, &value);
                        all
                    });
            let retry_after_ms = headers
                .get("retry-after")
                .and_then(|value| retry::retry_after_ms(value, Some(now as u64)));
            let status = response.status();
            ProbeResult {
                status,
                back: !Family::of(status).is_gateway_failure(),
                headers,
                elapsed_ms,
                retry_after_ms,
                error: None,
            }
        }
        Err(_) => ProbeResult {
            status: 0,
            headers: Headers::new(),
            elapsed_ms,
            back: false,
            retry_after_ms: None,
            error: Some(if signal.aborted() {
                "timeout"
            } else {
                "network"
            }),
        },
    };
    to_js(&result)
}

async fn send(
    url: &str,
    method: Method,
    signal: &AbortSignal,
) -> Result<Response, gloo_net::Error> {
    Request::get(url)
        .method(method)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(signal))
        .send()
        .await
}
