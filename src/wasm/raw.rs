//! `explainRaw`: the site's "Explain my response". Reads what `curl -si` printed, with the
//! same parser as the CLI, and explains it with the same core.

use super::{context_from_js, into_error, objects, whole_number};
use crate::prelude::*;
use crate::raw_response;
use crate::report;
use wasm_bindgen::prelude::*;

/// `explainRaw(text, method?, url?, elapsedMs?, context?) → Report` (contract §1). Bad input
/// throws an `Error` whose message is the parser's one line (e.g. "no status line: …").
#[wasm_bindgen(js_name = explainRaw)]
pub fn explain_raw(
    text: &str,
    method: Option<String>,
    url: Option<String>,
    elapsed_ms: JsValue,
    context: JsValue,
) -> Result<JsValue, JsValue> {
    let mut observation =
        raw_response::parse(text.as_bytes()).map_err(|e| into_error(&e.to_string()))?;
    observation.method = method.filter(|m| !m.trim().is_empty());
    observation.url = url.filter(|u| !u.trim().is_empty());
    observation.elapsed_ms = whole_number(&elapsed_ms);
    Ok(objects::report(&report::explain(
        &observation,
        &context_from_js(&context),
    )))
}
