//! `explainHar`: the site's "Explain my response" for a HAR file (DevTools "Save all as HAR"):
//! every failing entry explained in the browser, nothing uploaded. The reading is
//! [`crate::har`]'s; this only converts.

use super::objects::{self, Js};
use super::{context_from_js, into_error};
use crate::har;
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// `explainHar(text, context?) → [{ entry, method, url, report }]`, in the HAR's order; a
/// file that is no HAR throws an `Error` with one line.
#[wasm_bindgen(js_name = explainHar)]
pub fn explain_har(text: &str, context: JsValue) -> Result<JsValue, JsValue> {
    let failing = har::explain_failures(text, &context_from_js(&context)).map_err(into_error)?;
    let list: Array = failing
        .iter()
        .map(|f| {
            Js::new()
                .set("entry", f.index as u32)
                .set("method", f.method.as_str())
                .set("url", f.url.as_str())
                .set("report", objects::report(&f.report))
                .done()
        })
        .collect();
    Ok(list.into())
}
