//! Which hop failed and why: ranked causes with honest confidence, from the status, the
//! gateway, the body and how long the response took (contract §1 `failing_hop`, `causes`).
//!
//! The rule: a signal that names one cause (HAProxy's "No server is available", Squid's
//! `X-Squid-Error`, a 504, Cloudflare's 52x codes…) may give it more than 0.6; evidence that
//! cannot tell causes apart (nginx's one 502 page, Varnish's "Backend fetch failed") spreads
//! the confidence, and timing moves it (refusals and resets are instant, timeouts are not).
//! Whatever confidence is left over is `unknown`.

use crate::gateway::{
    Gateway,
    GatewayId::{self, *},
};
use crate::ids::id_enum;
use crate::observation::Observation;
use crate::prelude::*;
use crate::text;
use serde::Serialize;
use CauseId::*;

mod cloudflare;
mod phrases;
mod readings;
mod timing;

use cloudflare::*;
use phrases::*;
use readings::*;
use timing::*;

id_enum! {
    /// Why the failing hop failed (contract §1 `causes[].id`).
    pub enum CauseId {
        UpstreamDown = "upstream_down",
        UpstreamReset = "upstream_reset",
        UpstreamInvalidResponse = "upstream_invalid_response",
        UpstreamTimeout = "upstream_timeout",
        NoHealthyUpstream = "no_healthy_upstream",
        WrongUpstreamAddress = "wrong_upstream_address",
        UpstreamOutOfMemory = "upstream_out_of_memory",
        Overloaded = "overloaded",
        Maintenance = "maintenance",
        DnsFailure = "dns_failure",
        TlsFailure = "tls_failure",
        Unknown = "unknown",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hop {
    Browser,
    Gateway,
    Upstream,
    Unknown,
}

impl Hop {
    /// The serialized name (as serde's `snake_case`), for the wasm edge's hand-built objects.
    pub fn as_str(self) -> &'static str {
        match self {
            Hop::Browser => "browser",
            Hop::Gateway => "gateway",
            Hop::Upstream => "upstream",
            Hop::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cause {
    pub id: CauseId,
    pub confidence: f32,
}

pub struct Diagnosis {
    pub causes: Vec<Cause>,
    pub failing_hop: Hop,
    /// `retry_after` of an RFC 9457 problem body (seconds → ms), for when no header says.
    pub problem_retry_after_ms: Option<u64>,
}

/// Which hop failed and the ranked causes. `body_lc` is the body, lower-cased, `text_lc` its
/// text form ([`crate::page_text`]); `own_page`
/// says the body is the gateway's own error page (not one its upstream sent).
pub fn diagnose(
    observation: &Observation,
    body_lc: &str,
    text_lc: &str,
    gateway: &Gateway,
    own_page: bool,
) -> Diagnosis {
    let status = observation.status;
    // How a product fails is how its engine fails: OpenResty, Tengine, Kong and APISIX are
    // nginx underneath (their own words are read as theirs in the phrase tables).
    let id = gateway.id.map(GatewayId::engine);
    let problem = Problem::read(observation, body_lc);
    let passed_through = !own_page && !body_lc.trim_ascii().is_empty();

    let told = telling(observation, body_lc, text_lc, id, own_page, &problem);
    let guessed = if told.is_some() || status < 500 {
        None
    } else {
        by_gateway_and_status(status, id, own_page).map(|d| match observation.elapsed_ms {
            _ if status != 504 => d,
            Some(ms) if ms < SLOW_MS => FAST_504,
            None if id.is_none() => UNKNOWN_504,
            _ => d,
        })
    };
    let dist = told
        .or(guessed)
        .map_or(NOTHING, |d| with_timing(d, observation.elapsed_ms, id));

    // The failing hop: where the evidence puts it; else the app, when the answer is the
    // app's own (passed through a known gateway, or with the app's headers); else unknown.
    let app_answered =
        status >= 500 && ((id.is_some() && passed_through) || app_headers(observation));
    let failing_hop = problem
        .hop
        .or_else(|| cloudflare_error_source(body_lc))
        .or_else(|| gateway_itself(observation, body_lc))
        .unwrap_or_else(|| match hop_of(dist) {
            Hop::Unknown if app_answered => Hop::Upstream,
            // A 502 or 504 says by definition that the gateway's upstream failed; a bare 503
            // may be any server speaking for itself.
            _ if told.is_none()
                && id.is_none()
                && !app_answered
                && !matches!(status, 502 | 504) =>
            {
                Hop::Unknown
            }
            hop => hop,
        });

    Diagnosis {
        causes: rank(dist),
        failing_hop,
        problem_retry_after_ms: problem.retry_after_s.map(|s| s.saturating_mul(1000)),
    }
}

/// Evidence that names the cause: vendor error headers, structured bodies, page phrases.
fn telling(
    observation: &Observation,
    body_lc: &str,
    text_lc: &str,
    id: Option<GatewayId>,
    own_page: bool,
    problem: &Problem,
) -> Option<Dist> {
    let status = observation.status;
    let headers = &observation.headers;
    // Squid relays a reply without a status line as a 200 and says so.
    if headers
        .get("x-transformed-from")
        .is_some_and(|v| text::contains(v, "0.9"))
    {
        return Some(INVALID);
    }
    if status < 500 {
        return None;
    }
    if let Some(dist) = headers.get("x-squid-error").and_then(squid_error) {
        return Some(dist);
    }
    if let Some(dist) = headers.get("x-vercel-error").and_then(vercel_error) {
        return Some(dist);
    }
    if let Some(dist) = problem.error_code.and_then(cloudflare_code) {
        return Some(dist);
    }
    let cloudflare_status_code = (520..=527).contains(&status) || status == 530;
    if id == Some(Cloudflare) || cloudflare_status_code {
        if let Some(dist) = cloudflare_body_code(body_lc).and_then(cloudflare_code) {
            return Some(dist);
        }
        if cloudflare_status_code {
            return Some(cloudflare_status(status));
        }
    }
    page_words(body_lc, text_lc, own_page)
}

/// What the status says given the gateway, where no page or header names the cause. Timing
/// refines it later.
fn by_gateway_and_status(status: u16, id: Option<GatewayId>, own_page: bool) -> Option<Dist> {
    Some(match (status, id) {
        (504, _) => TIMEOUT,
        // mod_proxy of Apache and lighttpd answer 503 when the connection fails.
        (503, Some(Apache | Lighttpd)) => REFUSED_OR_NONE_LEFT,
        // Varnish answers every failed fetch with one 503.
        (503, Some(Varnish)) => FAILED_FAST,
        (503, Some(AwsElb | Caddy | Envoy | Traefik)) => NONE_LEFT,
        (503, Some(Akamai)) => AKAMAI_503,
        (503, Some(Heroku)) => HEROKU_APP_ERROR,
        (503, Some(Azure)) => FAILED_FAST,
        (502, Some(AwsElb)) => ELB_502,
        (502, Some(Azure | GoogleFrontend)) => UNHEALTHY_POOL_502,
        (503, Some(Nginx)) => NGINX_503,
        (503, _) => UNAVAILABLE,
        // lighttpd's own 502: refusals are its 503, resets and closes its 500.
        (502, Some(Lighttpd)) if own_page => LIGHTTPD_502,
        (502, Some(Nginx)) => NGINX_FAILED_FAST,
        (502, _) => FAILED_FAST,
        (500, Some(Lighttpd)) if own_page => BROKE_OFF,
        (520..=527 | 530, _) => cloudflare_status(status),
        _ => return None,
    })
}

/// Headers only an application framework sends: the answer is the app's own.
fn app_headers(observation: &Observation) -> bool {
    ["x-powered-by", "x-runtime", "x-aspnet-version"]
        .iter()
        .any(|name| observation.headers.get(name).is_some())
}

/// Sorted causes; `unknown` takes what is left of 100 %, up to 50 % (not knowing is no
/// certainty either); causes under 5 % are dropped. The tables are whole percents, and the
/// confidence `n / 100.0` is the f32 nearest n %, as the literal `0.n` would be.
fn rank(dist: Dist) -> Vec<Cause> {
    let known: u32 = dist
        .causes
        .iter()
        .map(|&(_, percent)| u32::from(percent))
        .sum();
    let unknown = (Unknown, 100u32.saturating_sub(known).min(50) as u8);
    let mut causes: Vec<Cause> = Vec::new();
    for &(id, percent) in dist.causes.iter().chain([&unknown]) {
        if percent < 5 {
            continue;
        }
        let cause = Cause {
            id,
            confidence: f32::from(percent) / 100.0,
        };
        // After every cause at least as likely: stable, so `unknown` (last) follows its equals.
        let at = causes
            .iter()
            .position(|c| c.confidence < cause.confidence)
            .unwrap_or(causes.len());
        causes.insert(at, cause);
    }
    causes
}

/// Every cause but `unknown` lies between the gateway and the app, or in the app (the gateway
/// itself is the failing hop only when it says so, `gateway_itself`): the upstream, if the
/// causes the ranking keeps hold at least half the confidence.
fn hop_of(dist: Dist) -> Hop {
    let kept: u32 = dist
        .causes
        .iter()
        .map(|&(_, percent)| u32::from(percent))
        .filter(|&percent| percent >= 5)
        .sum();
    if kept >= 50 {
        Hop::Upstream
    } else {
        Hop::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::Headers;

    /// (status, headers, body, elapsed, gateway id, expected top cause, top confidence ≤ 0.6?)
    type Case = (
        u16,
        &'static [(&'static str, &'static str)],
        &'static str,
        Option<u64>,
        Option<GatewayId>,
        &'static str,
        bool,
    );

    const CASES: &[Case] = &[
        (504, &[], "", Some(60_000), Some(Nginx), "upstream_timeout", false),
        (502, &[], "", Some(3), Some(Nginx), "upstream_down", true),
        // nginx has its own 504 for timeouts: a slow 502 broke off.
        (502, &[], "", Some(60_010), Some(Nginx), "upstream_reset", true),
        (502, &[], "<p>Reason: <strong>Error reading from remote server</strong></p>", Some(60_010), Some(Apache), "upstream_timeout", false),
        (502, &[], "<p>Reason: <strong>Error reading from remote server</strong></p>", Some(2_003), Some(Apache), "upstream_timeout", true),
        (502, &[], "", None, None, "upstream_down", true),
        (503, &[], "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused", None, Some(Envoy), "upstream_down", false),
        (503, &[], "<h1>Error 503 Backend fetch failed</h1><p>Guru Meditation:</p>", Some(5), Some(Varnish), "upstream_down", true),
        (503, &[], "<h1>Error 503 Backend fetch failed</h1>", Some(61_000), Some(Varnish), "upstream_timeout", false),
        (503, &[], "<h1>503 Service Unavailable</h1>\nNo server is available to handle this request.", None, Some(Haproxy), "no_healthy_upstream", true),
        (502, &[], "The server returned an invalid or incomplete response.", None, Some(Haproxy), "upstream_invalid_response", true),
        (503, &[("X-Squid-Error", "ERR_CONNECT_FAIL 111")], "", None, Some(Squid), "upstream_down", false),
        (504, &[("X-Squid-Error", "ERR_READ_TIMEOUT 0")], "", None, Some(Squid), "upstream_timeout", false),
        (521, &[], "", None, Some(Cloudflare), "upstream_down", false),
        (522, &[], "", None, Some(Cloudflare), "upstream_timeout", true),
        (524, &[], "", None, Some(Cloudflare), "upstream_timeout", false),
        (526, &[], "", None, Some(Cloudflare), "tls_failure", false),
        (530, &[("Content-Type", "application/problem+json")], "{\"type\":\"https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1016/\",\"status\":530,\"error_code\":1016,\"retry_after\":120}", None, Some(Cloudflare), "dns_failure", false),
        (530, &[], "error code: 1033", None, Some(Cloudflare), "upstream_down", false),
        (503, &[], "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111", None, Some(Envoy), "upstream_down", false),
        (504, &[("x-vercel-error", "FUNCTION_INVOCATION_TIMEOUT")], "", None, Some(Vercel), "upstream_timeout", false),
                (503, &[], "", None, None, "no_healthy_upstream", true),
        (503, &[], "<h1>503 Service Unavailable</h1>\nNo server is available to handle this request.", Some(3_003), Some(Haproxy), "upstream_down", true),
        // Gateways outside the list speak plain words.
        (502, &[], "<H1>Could Not Connect</H1>\nDescription: Could not connect to the requested server host.", Some(2), None, "upstream_down", true),
        (504, &[], "<H1>Connection Timed Out</H1>", Some(30_000), None, "upstream_timeout", true),
        (502, &[], "Tinyproxy was unable to connect to the remote web server.", Some(2), None, "upstream_down", true),
        (502, &[], "I/O timeout", Some(10_000), None, "upstream_timeout", true),
        // No timeout is that short: a 504 back at once calls a refusal a timeout.
        (504, &[], "Error occurred while trying to proxy: 127.0.0.1:3000/", Some(3), None, "upstream_down", true),
        (504, &[], "", Some(2_002), None, "upstream_timeout", false),
        (504, &[], "", None, None, "upstream_timeout", true),
        // A connect failure that took seconds hung: a connect timeout, not a refusal.
        (503, &[], "", Some(2_002), Some(Apache), "upstream_timeout", true),
        (503, &[], "", Some(1), Some(Apache), "upstream_down", true),
        // HAProxy: at once = marked down; ~3 s = retried refusals; else connect or queue timeouts.
        (503, &[], "No server is available to handle this request.", Some(8_005), Some(Haproxy), "upstream_timeout", true),
        // Caddy's dial timeout is a 502.
        (502, &[], "", Some(3_001), Some(Caddy), "upstream_timeout", true),
        (502, &[("X-Squid-Error", "ERR_READ_ERROR 0")], "", Some(1), Some(Squid), "upstream_down", true),
    ];

    #[test]
    fn causes_follow_the_evidence() {
        for &(status, headers, body, elapsed, id, top, spread) in CASES {
            let mut obs = Observation::new(status);
            obs.headers = headers.iter().copied().collect::<Headers>();
            obs.elapsed_ms = elapsed;
            obs.body = Some(body.to_string());
            let gateway = Gateway {
                id,
                ..Gateway::default()
            };
            let diagnosis = diagnose(
                &obs,
                &body.to_ascii_lowercase(),
                &crate::page_text::of(&body.to_ascii_lowercase()),
                &gateway,
                id.is_some(),
            );
            let first = &diagnosis.causes[0];
            assert_eq!(first.id.as_str(), top, "{status} {body}");
            assert_eq!(
                first.confidence <= 0.6,
                spread,
                "{status} {body}: {}",
                first.confidence
            );
            let sum: f32 = diagnosis.causes.iter().map(|c| c.confidence).sum();
            assert!(sum <= 1.01, "{status}: {sum}");
        }
    }

    #[test]
    fn vendor_codes_match_their_patterns() {
        assert_eq!(squid_error("err_connect_fail  110"), Some(CONNECT_TIMEOUT));
        assert_eq!(squid_error("ERR_CONNECT_FAIL"), Some(DOWN));
        assert_eq!(squid_error("ERR_CONNECT_FAILED 110"), None);
        assert_eq!(
            vercel_error(" edge_function_invocation_timeout"),
            Some(TIMEOUT)
        );
        assert_eq!(vercel_error("NO_RESPONSE_FROM_FUNCTION"), Some(RESET));
        assert_eq!(vercel_error("INVALID_RESPONSE_HEADER"), Some(INVALID));
        assert_eq!(vercel_error("FUNCTION_INVOCATION_FAILED_X"), None);
        assert!(glob("ab", "*") && glob("ab", "a*") && !glob("ab", "b*") && glob("ab", "*b"));
    }

    #[test]
    fn long_pages_are_read_by_their_title() {
        let style = "td.box { border: solid black 1px; }\n".repeat(200);
        for (title, top) in [
            ("503 - Connect failed (Privoxy@localhost)", "upstream_down"),
            ("Shop", "no_healthy_upstream"),
        ] {
            let body = [
                "<html><head><title>",
                title,
                "</title><style>",
                &style,
                "</style>",
            ]
            .concat();
            let mut obs = Observation::new(503);
            obs.body = Some(body.clone());
            let diagnosis = diagnose(
                &obs,
                &body.to_ascii_lowercase(),
                "",
                &Gateway::default(),
                false,
            );
            assert_eq!(diagnosis.causes[0].id.as_str(), top, "{title}");
        }
    }

    /// `rank` reads a percent as `n / 100.0`: the very f32 the literal `0.nn` is, so the
    /// confidences (and their sums) are those of the decimal tables they replaced.
    #[test]
    fn percents_are_the_decimal_literals() {
        for percent in 0u8..100 {
            let literal: f32 = format!("0.{percent:02}").parse().unwrap();
            assert_eq!(f32::from(percent) / 100.0, literal);
        }
    }

    #[test]
    fn cloudflare_page_names_the_failing_hop() {
        let body = "<div id=\"cf-browser-status\" class=\"cf-column cf-status-item cf-browser-status \"></div>\n<div id=\"cf-host-status\" class=\"cf-column cf-status-item cf-host-status cf-error-source\">";
        assert_eq!(cloudflare_error_source(body), Some(Hop::Upstream));
        assert_eq!(
            cloudflare_error_source("<div class=\"cf-cloudflare-status cf-error-source\">"),
            Some(Hop::Gateway)
        );
        assert_eq!(cloudflare_error_source("cf-error-source"), None);
    }

    #[test]
    fn problem_fields_are_read_without_a_json_parser() {
        let body = "{ \"status\": 429, \"error_code\" : 1015, \"retry_after\": \"30\", \"detail\": \"error_code\" }";
        assert_eq!(
            json_field(body, "error_code").and_then(leading_number),
            Some(1015)
        );
        assert_eq!(
            json_field(body, "retry_after").and_then(leading_number),
            Some(30)
        );
        assert_eq!(json_field(body, "missing"), None);
    }
}
