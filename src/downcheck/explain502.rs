//! explain502's own probe server (`explain502 serve --probe`): `GET {base}/api/check?url=…`.
//!
//! Its answer is this module's down-check result (contract §2b) with one provider, id
//! `explain502`, whose `answer` is the server's view of the site; [`server_view`] is the rule
//! that turns what the server saw into that answer, so both sides share it.

use super::json::{self, Json};
use super::{url, Answer, Reading};
use crate::prelude::*;
use crate::status::Family;

pub fn request_url(base: &str, target: &str) -> Option<String> {
    if !url::is_http_url(target) {
        return None;
    }
    let mut path = String::from("/api/check?url=");
    path.push_str(&url::encode_component(target));
    Some(url::join(base, &path))
}

pub fn read(body: &str) -> Reading {
    let Some(doc) = json::parse(body) else {
        return Reading::unknown(super::INVALID_ANSWER);
    };
    let Some(own) = doc
        .get("providers")
        .map(Json::as_array)
        .unwrap_or(&[])
        .iter()
        .find(|p| p.get("id").and_then(Json::as_str) == Some("explain502"))
    else {
        return Reading::unknown("probe answer without an explain502 entry");
    };
    let answer = match own.get("answer").and_then(Json::as_str) {
        Some("up") => Answer::Up,
        Some("down") => Answer::Down,
        _ => Answer::Unknown,
    };
    let detail = own.get("detail").and_then(Json::as_str).unwrap_or("");
    Reading::new(answer, detail)
}

/// The probe server's view: the site is down if it did not answer at all (`status` None:
/// refused, reset, timed out, no DNS) or answered with a server or gateway error (5xx, 52x);
/// any other answer (2xx, 3xx, 4xx) means it is up. `what` says what happened, for people.
pub fn server_view(status: Option<u16>, what: &str) -> Reading {
    let answer = match status.map(Family::of) {
        None => Answer::Down,
        Some(Family::BadGateway)
        | Some(Family::ServiceUnavailable)
        | Some(Family::GatewayTimeout)
        | Some(Family::OriginError)
        | Some(Family::ServerError) => Answer::Down,
        Some(_) => Answer::Up,
    };
    Reading::new(answer, what)
}
