//! The wasm edge: the only module that knows `JsValue`. Every export has one shape:
//! deserialize the JS input, call the pure core, serialize the result. No `unwrap` on any path
//! JS can reach: bad input becomes a thrown `Error` with a clear message.
//!
//! One file per concern: this one holds the shared conversions and `explain`; the browser
//! I/O (probes, down checks) lives beside it.

use crate::observation::Observation;
use crate::report::{self, Context};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod raw;

pub(crate) fn into_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Maps as plain objects (not `Map`), so JS reads `report.gateway.id`.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(into_error)
}

pub(crate) fn from_js<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| into_error(format_args!("bad {what}: {e}")))
}

/// `explain(observation, context?) → Report` (contract §1).
#[wasm_bindgen]
pub fn explain(observation: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let observation: Observation = from_js(observation, "observation")?;
    let context: Context = if context.is_undefined() || context.is_null() {
        Context::default()
    } else {
        from_js(context, "context")?
    };
    to_js(&report::explain(&observation, &context))
}
