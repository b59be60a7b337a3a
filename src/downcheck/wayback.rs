//! The Wayback Machine availability API: `GET {base}/wayback/available?url=…`.
//!
//! Documented shape (archive.org/help/wayback_api.php): `{ "archived_snapshots": { "closest":
//! { "available": true, "url": "http://web.archive.org/web/<timestamp>/<url>", "timestamp":
//! "<YYYYMMDDhhmmss>", "status": "200" } } }`, or `{ "archived_snapshots": {} }` when there is
//! no copy. It finds the archived copy; it does not vote on up or down.

use super::json::{self, Json};
use super::{url, Reading};
use crate::prelude::*;

/// Longest snapshot URL kept (real ones are the page URL plus ~40 characters).
const MAX_URL_BYTES: usize = 2048;

pub fn request_url(base: &str, target: &str) -> Option<String> {
    if !url::is_http_url(target) {
        return None;
    }
    let mut path = String::from("/wayback/available?url=");
    path.push_str(&url::encode_component(target));
    Some(url::join(base, &path))
}

pub fn read(body: &str) -> Reading {
    let Some(doc) = json::parse(body) else {
        return Reading::unknown(super::INVALID_ANSWER);
    };
    let Some(closest) = doc.pointer("/archived_snapshots/closest") else {
        return Reading::unknown("no archived copy");
    };
    let available = closest.get("available").and_then(Json::as_bool) == Some(true);
    let snapshot = closest.get("url").and_then(Json::as_str).unwrap_or("");
    let timestamp = closest
        .get("timestamp")
        .and_then(Json::as_str)
        .unwrap_or("");
    // The URL becomes a link: only http(s), no whitespace or quotes, bounded; the timestamp
    // only digits. Anything else is not the documented answer.
    let link_ok = url::is_http_url(snapshot)
        && snapshot.len() <= MAX_URL_BYTES
        && !snapshot.chars().any(|c| {
            c.is_whitespace()
                || crate::inert::is_control_or_format(c)
                || matches!(c, '"' | '<' | '>')
        });
    let stamp_ok = !timestamp.is_empty()
        && timestamp.len() <= 14
        && timestamp.bytes().all(|b| b.is_ascii_digit());
    if !available || !link_ok || !stamp_ok {
        return Reading::unknown("no usable archived copy");
    }
    let mut detail = String::from("archived copy from ");
    detail.push_str(timestamp);
    let mut reading = Reading::unknown(&detail);
    reading.archived = Some(super::Archived {
        url: snapshot.to_string(),
        timestamp: timestamp.to_string(),
    });
    reading
}
