//! Results as JS objects, built field by field (`Object` + `Reflect::set`), with the field
//! names of contract §1/§2a/§2b. serde-wasm-bindgen did this generically for ~6.5 KB gzipped
//! of wasm, a sixth of an error page. The native side keeps serde (`Serialize` on the same
//! types, whose enum names the `as_str` tests hold equal); the e2e tests read these shapes.
//! In a Report a `None` is `null`, as in the CLI's `--json` (contract §1;
//! `tests/e2e/report-shape.test.mjs` compares the two over every fixture).

use crate::advice::{Advice, Tip};
use crate::gateway::GatewayId;
use crate::report::{Cause, Gateway, Report, RetryHint};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// A JS object under construction.
pub(crate) struct Js(Object);

impl Js {
    pub(crate) fn new() -> Js {
        Js(Object::new())
    }

    pub(crate) fn set(self, key: &str, value: impl Into<JsValue>) -> Js {
        self.put(key, value.into())
    }

    /// The one non-generic body of `set` (one copy per value type cost ~1 KB).
    #[inline(never)]
    fn put(self, key: &str, value: JsValue) -> Js {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value);
        self
    }

    pub(crate) fn done(self) -> JsValue {
        self.0.into()
    }
}

/// A Report's optional text: `null` when absent.
fn text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn list<T>(items: &[T], each: impl Fn(&T) -> JsValue) -> Array {
    items.iter().map(each).collect()
}

pub(crate) fn report(report: &Report) -> JsValue {
    Js::new()
        .set("status", report.status)
        .set("family", report.family.as_str())
        .set("headline", report.headline)
        .set("gateway", gateway(&report.gateway))
        .set("failing_hop", report.failing_hop.as_str())
        .set("causes", list(&report.causes, cause))
        .set("retry", retry_hint(&report.retry))
        .set("advice", advice(&report.advice))
        .set(
            "challenge",
            report.challenge.map_or(JsValue::NULL, |c| {
                Js::new().set("provider", c.provider.as_str()).done()
            }),
        )
        .done()
}

fn gateway(gateway: &Gateway) -> JsValue {
    Js::new()
        .set("id", text(gateway.id.map(GatewayId::as_str)))
        .set("name", text(gateway.name.as_deref()))
        .set("version", text(gateway.version.as_deref()))
        .set(
            "evidence",
            list(&gateway.evidence, |e| JsValue::from_str(e)),
        )
        .done()
}

fn cause(cause: &Cause) -> JsValue {
    Js::new()
        .set("id", cause.id.as_str())
        // A whole percent (src/diagnose.rs) as the f64 nearest it, which is what the CLI's
        // JSON ("0.45", serde's shortest f32) parses to; `f64::from` would give 0.4499999880….
        .set(
            "confidence",
            libm::round(f64::from(cause.confidence) * 100.0) / 100.0,
        )
        .done()
}

fn retry_hint(hint: &RetryHint) -> JsValue {
    Js::new()
        .set("retryable", hint.retryable)
        .set(
            "after_ms",
            hint.after_ms
                .map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64)),
        )
        .done()
}

fn advice(advice: &Advice) -> JsValue {
    Js::new()
        .set("user", list(&advice.user, tip))
        .set("developer", list(&advice.developer, tip))
        .done()
}

fn tip(tip: &Tip) -> JsValue {
    let object = Js::new()
        .set("id", tip.id.as_str())
        .set("text", tip.text.as_str());
    if tip.commands.is_empty() {
        return object.done();
    }
    object
        .set("commands", list(&tip.commands, |c| JsValue::from_str(c)))
        .done()
}
