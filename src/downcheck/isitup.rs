//! isitup.org: `GET {base}/{host}.json`.
//!
//! Documented shape (isitup.org API page): `{ "domain", "port", "status_code", "response_ip",
//! "response_code", "response_time" }` with `status_code` 1 (website is alive), 2 (appears
//! down) or 3 (domain not valid).

use super::json::{self, Json};
use super::{url, Answer, Reading};
use crate::prelude::*;

pub fn request_url(base: &str, target: &str) -> Option<String> {
    let host = url::host_of(target)?;
    // isitup takes domain names; an IPv6 literal has no sensible path form.
    if host.contains(':') {
        return None;
    }
    let mut path = String::from("/");
    path.push_str(&host);
    path.push_str(".json");
    Some(url::join(base, &path))
}

pub fn read(body: &str) -> Reading {
    let Some(doc) = json::parse(body) else {
        return Reading::unknown(super::INVALID_ANSWER);
    };
    let code = doc.get("status_code").and_then(Json::as_i64);
    let (answer, mut detail) = match code {
        Some(1) => (Answer::Up, String::from("status_code 1")),
        Some(2) => (Answer::Down, String::from("status_code 2")),
        Some(3) => (
            Answer::Unknown,
            String::from("status_code 3 (domain not valid)"),
        ),
        _ => return Reading::unknown("no status_code in the answer"),
    };
    if let Some(http) = doc.get("response_code").and_then(Json::as_i64) {
        if http > 0 {
            detail.push_str(" (HTTP ");
            detail.push_str(&http.to_string());
            detail.push(')');
        }
    }
    Reading::new(answer, &detail)
}
