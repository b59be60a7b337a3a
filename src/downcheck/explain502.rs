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

/// The endpoints to ask, in order: http(s) only, each once (trailing slashes and the case of
/// letters ignored), at most `max`. One endpoint listed twice is one vantage point.
pub fn distinct_endpoints(endpoints: Vec<String>, max: usize) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for endpoint in endpoints {
        let key = endpoint.trim_end_matches('/');
        let seen = kept
            .iter()
            .any(|k| k.trim_end_matches('/').eq_ignore_ascii_case(key));
        if kept.len() < max && url::is_http_url(&endpoint) && !seen {
            kept.push(endpoint);
        }
    }
    kept
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
    let mut reading = Reading::new(answer, detail);
    // The Worker says where it ran (Cloudflare's data centre code): its vantage point.
    reading.vantage = doc
        .get("probe")
        .and_then(|probe| probe.get("colo"))
        .and_then(Json::as_str)
        .filter(|colo| !colo.is_empty())
        .map(|colo| super::clean_text(colo, 16));
    reading
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_endpoint_is_asked_once() {
        let listed = [
            "https://probe.example",
            "https://PROBE.example/",
            "https://explain502-probe.you.workers.dev",
            "javascript:alert(1)",
            "https://probe.example/Path",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            distinct_endpoints(listed, 8),
            [
                "https://probe.example",
                "https://explain502-probe.you.workers.dev",
                "https://probe.example/Path"
            ]
        );
        let many = (0..20).map(|i| format!("https://p{i}.example")).collect();
        assert_eq!(distinct_endpoints(many, 8).len(), 8);
    }

    #[test]
    fn the_workers_colo_is_its_vantage() {
        let body = r#"{"verdict":"down_for_everyone","providers":[{"id":"explain502","answer":"down","detail":"HTTP 502"}],"probe":{"colo":"FRA"}}"#;
        let reading = read(body);
        assert_eq!(reading.answer, Answer::Down);
        assert_eq!(reading.vantage.as_deref(), Some("FRA"));
        let native =
            r#"{"providers":[{"id":"explain502","answer":"up","detail":"HTTP 200"}],"probe":{}}"#;
        assert_eq!(read(native).vantage, None);
    }
}
