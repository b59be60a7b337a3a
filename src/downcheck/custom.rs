//! An operator's own JSON endpoint. The base URL is the whole endpoint; `{url}` and `{host}` in
//! it are replaced by the checked page's URL and host (percent-encoded). A JSON pointer
//! (RFC 6901) names the field that says up or down.
//!
//! The field may be a boolean (`true` up), a string (`up`, `ok`, `operational`, `online`,
//! `healthy` / `down`, `outage`, `major_outage`, `offline`, `unhealthy`, `error`; any case),
//! or an HTTP status number (< 500 up, ≥ 500 down).

use super::json::{self, Json};
use super::{url, Answer, Reading};
use crate::prelude::*;

pub fn request_url(base: &str, target: &str) -> Option<String> {
    // A placeholder the page URL cannot fill is filled with this mark: then no request at all.
    const UNFILLABLE: &str = "\u{0}";
    let target_url = url::is_http_url(target).then(|| url::encode_component(target));
    let host = url::host_of(target).map(|h| url::encode_component(&h));
    let out = url::fill(base, "url", target_url.as_deref().unwrap_or(UNFILLABLE));
    let out = url::fill(&out, "host", host.as_deref().unwrap_or(UNFILLABLE));
    (!out.contains('\u{0}')).then_some(out)
}

pub fn read(body: &str, pointer: &str) -> Reading {
    let Some(doc) = json::parse(body) else {
        return Reading::unknown(super::INVALID_ANSWER);
    };
    let Some(field) = doc.pointer(pointer) else {
        return Reading::unknown("the configured JSON pointer matches nothing");
    };
    let answer = match field {
        Json::Bool(true) => Answer::Up,
        Json::Bool(false) => Answer::Down,
        Json::String(word) => match word.to_ascii_lowercase().as_str() {
            "up" | "ok" | "operational" | "online" | "healthy" => Answer::Up,
            "down" | "outage" | "major_outage" | "offline" | "unhealthy" | "error" => Answer::Down,
            _ => Answer::Unknown,
        },
        Json::Number(_) => match field.as_i64() {
            Some(100..=499) => Answer::Up,
            Some(500..=599) => Answer::Down,
            _ => Answer::Unknown,
        },
        _ => Answer::Unknown,
    };
    let mut detail = String::from(pointer);
    detail.push_str(" = ");
    match field {
        Json::String(s) => detail.push_str(&super::clean_text(s, 60)),
        Json::Number(n) => detail.push_str(&super::clean_text(n, 20)),
        Json::Bool(b) => detail.push_str(if *b { "true" } else { "false" }),
        _ => detail.push_str("(not a value)"),
    }
    Reading::new(answer, &detail)
}
