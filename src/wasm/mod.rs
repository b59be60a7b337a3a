//! The wasm edge: the only module that knows `JsValue`. Every export has one shape: read the
//! JS input, call the pure core, build the result's JS object (`objects`). No `unwrap` on any
//! path JS can reach: bad input becomes a thrown `Error` with a clear message.
//!
//! Inputs are read field by field with `Reflect` rather than deserialized with serde: serde's
//! error messages format floats, and that alone pulled ~15 KB of float-printing code into a
//! wasm that is inlined into every error page.
//!
//! One file per concern: this one holds the shared conversions and `explain`; the browser
//! I/O (probes, down checks) lives beside it.

use crate::prelude::*;
mod i18n;
mod objects;

use crate::observation::Context;
use crate::observation::{Headers, Observation};
use crate::report;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

// dlmalloc (std's wasm allocator) is 7 KB of code; a free-list allocator is a few hundred
// bytes, and a page makes few, small allocations. Wasm here is single-threaded.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// A panic is a bug the tests missed: trap, and let the JS glue turn it into an exception,
/// without std's message formatting (see src/lib.rs).
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(feature = "downcheck")]
mod downcheck;
#[cfg(feature = "site")]
mod har;
#[cfg(feature = "site")]
mod log;
#[cfg(feature = "worker")]
mod probe;
#[cfg(feature = "site")]
mod raw;
mod recovery;

pub(crate) fn into_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// `object[key]`, or `undefined` when `object` is not an object or has no such key.
pub(crate) fn field(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A non-negative whole number that fits `u64`, or None (missing, NaN, negative, fractional…).
pub(crate) fn whole_number(value: &JsValue) -> Option<u64> {
    let n = value.as_f64()?;
    (n.is_finite() && n >= 0.0 && libm::trunc(n) == n && n < 9.0e15).then_some(n as u64)
}

pub(crate) fn string_list(value: &JsValue) -> Vec<String> {
    if !Array::is_array(value) {
        return value.as_string().into_iter().collect();
    }
    Array::from(value)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// Headers from JS as name/value pairs, repeated names kept (two `Set-Cookie` stay two):
/// `[[name, value], …]` (what `[...response.headers]` and the extension's `responseHeaders`
/// give), or an object of `name: value` where a value may be a list of values. Entries that
/// are not strings are skipped.
pub(crate) fn headers_from_js(value: &JsValue) -> Headers {
    let mut headers = Headers::new();
    let entries = if Array::is_array(value) {
        Array::from(value)
    } else if value.is_object() {
        Object::entries(&Object::from(value.clone()))
    } else {
        return headers;
    };
    for entry in entries.iter() {
        if !Array::is_array(&entry) {
            continue;
        }
        let entry = Array::from(&entry);
        let Some(name) = entry.get(0).as_string() else {
            continue;
        };
        for value in string_list(&entry.get(1)) {
            headers.push(&name, &value);
        }
    }
    headers
}

/// Contract §1's Observation from a JS object; only `status` (100–999) is required.
pub(crate) fn observation_from_js(value: &JsValue) -> Result<Observation, JsValue> {
    let status = whole_number(&field(value, "status"))
        .filter(|s| (100..=999).contains(s))
        .ok_or_else(|| into_error("bad observation: `status` must be a number from 100 to 999"))?;
    Ok(Observation {
        url: field(value, "url").as_string(),
        method: field(value, "method").as_string(),
        status: status as u16,
        headers: headers_from_js(&field(value, "headers")),
        body: field(value, "body").as_string(),
        elapsed_ms: whole_number(&field(value, "elapsed_ms")),
    })
}

/// The visitor's side: `{ userAgent, platform, languages, nowMs }`, every field optional.
pub(crate) fn context_from_js(value: &JsValue) -> Context {
    Context {
        user_agent: field(value, "userAgent").as_string(),
        platform: field(value, "platform").as_string(),
        languages: string_list(&field(value, "languages")),
        now_ms: whole_number(&field(value, "nowMs")),
    }
}

/// `isGatewayFailure(status)`: the core's rule for what the surfaces react to (a 502, 503,
/// 504 or CDN 52x: `status::Family::is_gateway_failure`), so no surface keeps a list of its own.
#[wasm_bindgen(js_name = isGatewayFailure)]
pub fn is_gateway_failure(status: u16) -> bool {
    crate::status::Family::of(status).is_gateway_failure()
}

/// `pageStatus(status)`: what a page's own status means (`status::PageStatus`): `"explain"`
/// (a 5xx: explain it; the Report says whether it is an outage), `"fine"` (the page loaded: an
/// older outage of the tab is over) or `"unknown"` (not a status: read the page). The extension
/// asks this instead of comparing numbers.
#[wasm_bindgen(js_name = pageStatus)]
pub fn page_status(status: JsValue) -> JsValue {
    let status = whole_number(&status)
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(0);
    JsValue::from_str(crate::status::PageStatus::of(status).as_str())
}

/// `maxBodyBytes()`: the most of a page's body the core reads (`observation::MAX_BODY_BYTES`);
/// a surface sends no more (the core caps again on the way in).
#[wasm_bindgen(js_name = maxBodyBytes)]
pub fn max_body_bytes() -> u32 {
    crate::observation::MAX_BODY_BYTES as u32
}

/// `explain(observation, context?) → Report` (contract §1).
#[wasm_bindgen]
pub fn explain(observation: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let observation = observation_from_js(&observation)?;
    Ok(objects::report(&report::explain(
        &observation,
        &context_from_js(&context),
    )))
}
