//! UI strings for the widget and the error pages: the core picks the language, JS only reads.

use super::string_list;
use crate::i18n::{ui_table, Lang};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// `uiText(languages) → { lang, text: { retry_now: "…", … } }`: the `ui.*` table in the first
/// supported language of `languages` (BCP 47 tags, most preferred first), else English.
#[wasm_bindgen(js_name = uiText)]
pub fn ui_text(languages: JsValue) -> Result<JsValue, JsValue> {
    let lang = Lang::pick(&string_list(&languages));
    let text = Object::new();
    for (key, value) in ui_table(lang) {
        Reflect::set(&text, &key.into(), &value.into())?;
    }
    let result = Object::new();
    Reflect::set(&result, &"lang".into(), &lang.code().into())?;
    Reflect::set(&result, &"text".into(), &text)?;
    Ok(result.into())
}
