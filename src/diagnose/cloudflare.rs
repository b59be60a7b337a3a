//! Cloudflare's evidence (its 52x statuses, 1xxx codes, error page diagram) and RFC 9457
//! problem bodies (Cloudflare's structured errors).

use super::readings::*;
use super::CauseId::*;
use super::Hop;
use crate::observation::{Observation, READS_BODY};
use crate::text;

/// Cloudflare's documented 52x meanings (developers.cloudflare.com, "Cloudflare 5xx errors").
pub(super) fn cloudflare_status(status: u16) -> Dist {
    const UNKNOWN_ERROR: Dist = &Reading::new(&[
        (UpstreamReset, 45),
        (UpstreamInvalidResponse, 35),
        (UpstreamDown, 10),
    ]);
    const UNREACHABLE: Dist = &Reading::new(&[
        (WrongUpstreamAddress, 55),
        (UpstreamDown, 20),
        (DnsFailure, 15),
    ]);
    // Railgun is retired: no meaning left to rely on.
    const RAILGUN: Dist = &Reading::new(&[
        (UpstreamDown, 25),
        (UpstreamTimeout, 15),
        (UpstreamReset, 15),
    ]);
    const ORIGIN_DNS_OR_TUNNEL: Dist = &Reading::new(&[(DnsFailure, 40), (UpstreamDown, 35)]);
    match status {
        520 => UNKNOWN_ERROR,
        521 => const { &Reading::new(&[(UpstreamDown, 75), (WrongUpstreamAddress, 10)]) },
        522 => CONNECT_TIMEOUT,
        523 => UNREACHABLE,
        524 => TIMEOUT,
        525 | 526 => TLS,
        527 => RAILGUN,
        _ => ORIGIN_DNS_OR_TUNNEL,
    }
}

/// Cloudflare 1xxx codes that explain a 5xx (Cloudflare 1xxx errors docs).
pub(super) fn cloudflare_code(code: u32) -> Option<Dist> {
    Some(match code {
        520..=527 | 530 => cloudflare_status(code as u16),
        1000 | 1001 | 1004 | 1016 => DNS,
        1033 => const { &Reading::new(&[(UpstreamDown, 80), (WrongUpstreamAddress, 10)]) },
        1015 | 1200 => OVERLOADED,
        _ => return None,
    })
}

/// Cloudflare's error page marks the failing hop of its browser → Cloudflare → host diagram.
pub(super) fn cloudflare_error_source(body_lc: &str) -> Option<Hop> {
    if !READS_BODY {
        return None;
    }
    let at = text::find(body_lc, "cf-error-source")?;
    let before = body_lc.get(..at)?;
    let start = text::rfind(before, "<div")?;
    let tag = before.get(start..)?;
    if text::contains(tag, "cf-host-status") {
        Some(Hop::Upstream)
    } else if text::contains(tag, "cf-cloudflare-status") {
        Some(Hop::Gateway)
    } else if text::contains(tag, "cf-browser-status") {
        Some(Hop::Browser)
    } else {
        None
    }
}

/// The gateway says it failed itself: Envoy's overload manager sheds load with
/// `x-envoy-overloaded`; Cloudflare's plain page (not its browser → host diagram) is its own.
pub(super) fn gateway_itself(observation: &Observation, body_lc: &str) -> Option<Hop> {
    (observation.headers.get("x-envoy-overloaded").is_some() || cdn_itself(body_lc))
        .then_some(Hop::Gateway)
}

/// Cloudflare's own plain 5xx page, signed `<center>cloudflare</center>`.
pub(super) fn cdn_itself(body_lc: &str) -> bool {
    READS_BODY && text::contains(body_lc, "<center>cloudflare</center>")
}

/// The 1xxx (or 52x) code a Cloudflare page or plain-text error names.
pub(super) fn cloudflare_body_code(body_lc: &str) -> Option<u32> {
    if !READS_BODY {
        return None;
    }
    // "Error 1016" as copied from its page (only read for Cloudflare or a 52x status).
    ["cf-error-code\">", "error code: ", "error code ", "error "]
        .iter()
        .find_map(|key| leading_number(body_lc.get(text::find(body_lc, key)? + key.len()..)?))
}

/// The number `text` starts with: one to six ASCII digits.
pub(super) fn leading_number(text: &str) -> Option<u32> {
    let len = text.bytes().take_while(u8::is_ascii_digit).count();
    // Six digits fit a u32.
    (1..=6)
        .contains(&len)
        .then(|| text::digits(text.get(..len).unwrap_or("")) as u32)
}

/// The fields of an RFC 9457 problem body (`application/problem+json`, or JSON with
/// `"status"`) that matter here, e.g. Cloudflare's structured errors.
#[derive(Default)]
pub(super) struct Problem {
    pub(super) error_code: Option<u32>,
    pub(super) retry_after_s: Option<u64>,
    /// Cloudflare's `error_category`: `origin` or `cloudflare` names the failing hop.
    pub(super) hop: Option<Hop>,
}

impl Problem {
    pub(super) fn read(observation: &Observation, body_lc: &str) -> Problem {
        let json_type = observation
            .headers
            .get("content-type")
            .is_some_and(|t| text::contains_ignore_case(t, "json"));
        if !READS_BODY || (!json_type && !body_lc.trim_ascii_start().starts_with('{')) {
            return Problem::default();
        }
        Problem {
            error_code: json_field(body_lc, "error_code").and_then(leading_number),
            retry_after_s: json_field(body_lc, "retry_after")
                .and_then(leading_number)
                .map(u64::from),
            hop: json_field(body_lc, "error_category").and_then(|category| {
                if category.starts_with("origin") {
                    Some(Hop::Upstream)
                } else if category.starts_with("cloudflare") {
                    Some(Hop::Gateway)
                } else {
                    None
                }
            }),
        }
    }
}

/// The raw value text after `"key":` in a JSON object (a number, or a string's contents).
/// Enough for flat problem bodies, without a JSON parser in the wasm.
pub(super) fn json_field<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = json;
    loop {
        let at = text::find(rest, key)?;
        let before = rest.get(..at)?;
        let after = rest.get(at + key.len()..)?;
        rest = after;
        if !before.ends_with('"') || !after.starts_with('"') {
            continue;
        }
        let value = after
            .get(1..)?
            .trim_ascii_start()
            .strip_prefix(':')?
            .trim_ascii_start();
        return Some(value.strip_prefix('"').unwrap_or(value));
    }
}
