//! An Atlassian Statuspage (or compatible) page: `GET {base}/api/v2/summary.json`.
//!
//! Documented shape (Statuspage public API v2, `summary.json`): `status.indicator` is one of
//! `none`, `minor`, `major`, `critical` (some compatible pages add `maintenance`),
//! `status.description` a sentence, `incidents[]` the unresolved incidents with `name` and
//! `status`. `status.json` has the same `status` object, so a base pointing at either works.

use super::json::{self, Json};
use super::{url, Answer, Reading, MAX_DETAIL_CHARS};
use crate::prelude::*;

/// Incident names listed in the detail, at most.
const MAX_INCIDENTS: usize = 3;

pub fn request_url(base: &str) -> String {
    url::join(base, "/api/v2/summary.json")
}

/// `none`/`minor` (degraded but serving) → up; `major`/`critical`/`maintenance` → down.
pub fn read(body: &str) -> Reading {
    let Some(doc) = json::parse(body) else {
        return Reading::unknown(super::INVALID_ANSWER);
    };
    let status = doc.get("status");
    let indicator = status
        .and_then(|s| s.get("indicator"))
        .and_then(Json::as_str)
        .unwrap_or("");
    let answer = match indicator {
        "none" | "minor" => Answer::Up,
        "major" | "critical" | "maintenance" => Answer::Down,
        _ => return Reading::unknown("status page without a known status.indicator"),
    };
    let mut detail = String::from(indicator);
    if let Some(description) = status
        .and_then(|s| s.get("description"))
        .and_then(Json::as_str)
    {
        detail.push_str(": ");
        detail.push_str(&super::clean_text(description, 80));
    }
    let open = doc
        .get("incidents")
        .map(Json::as_array)
        .unwrap_or(&[])
        .iter()
        .filter(|i| {
            !matches!(
                i.get("status").and_then(Json::as_str),
                Some("resolved" | "postmortem")
            )
        })
        .filter_map(|i| i.get("name").and_then(Json::as_str));
    for (n, name) in open.take(MAX_INCIDENTS).enumerate() {
        detail.push_str(if n == 0 { "; incidents: " } else { ", " });
        // Each name is capped on its own so one long name cannot hide the others.
        detail.push_str(&super::clean_text(name, MAX_DETAIL_CHARS / 4));
    }
    Reading::new(answer, &detail)
}
