//! The probe's `/api/check`, minus the network: what both probes (the native
//! `explain502 serve --probe` and the Cloudflare Worker in worker/) decide, so they answer the
//! same JSON for the same target. The edges only fetch: each hop's URL goes through
//! [`hop`] (the address guard) before it is fetched, each answer through [`next`] (follow a
//! redirect or stop), and what was fetched becomes the answer in [`answer`].
//!
//! Limits: [`MAX_REDIRECTS`] hops, [`MAX_BODY_BYTES`] of body, [`TOTAL_TIME_MS`] per check.

use super::explain502::server_view;
use super::{verdict, DownCheck, Reading};
use crate::address_guard::{self, Policy, Refusal, Target};
use crate::prelude::*;
use crate::report::{self, Context, Report};
use crate::{Headers, Observation};
use alloc::{format, vec};
use serde::{Deserialize, Serialize};

pub const MAX_REDIRECTS: usize = 5;
pub const MAX_BODY_BYTES: usize = 64 * 1024;
pub const CONNECT_TIME_MS: u64 = 3_000;
pub const TOTAL_TIME_MS: u64 = 8_000;
/// The longest `url=` accepted.
pub const MAX_TARGET_BYTES: usize = 2048;

/// Why `/api/check` answers an error instead of a check: `status()` is the HTTP status and
/// `message()` the JSON `error` (`{"error": "…"}`).
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Method,
    MissingUrl,
    TooLong,
    NotAUrl,
    BadRedirect,
    RateLimited,
    Busy,
    Refused {
        refusal: Refusal,
        host: String,
        scheme: String,
        port: Option<u16>,
        redirects: usize,
    },
}

impl Problem {
    pub fn status(&self) -> u16 {
        match self {
            Problem::Method => 405,
            Problem::RateLimited => 429,
            Problem::Busy => 503,
            _ => 400,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Problem::Method => "use GET /api/check?url=…".into(),
            Problem::MissingUrl => "missing url= (GET /api/check?url=https://shop.example/)".into(),
            Problem::TooLong => "url= is too long".into(),
            Problem::NotAUrl => "url= is not a URL".into(),
            Problem::BadRedirect => "redirect to a bad URL".into(),
            Problem::RateLimited => "too many checks from this address: wait a minute".into(),
            Problem::Busy => "too many checks in progress: try again shortly".into(),
            Problem::Refused {
                refusal,
                host,
                scheme,
                port,
                redirects,
            } => {
                let hop = if *redirects > 0 {
                    " (reached by a redirect)"
                } else {
                    ""
                };
                match refusal {
                    Refusal::Scheme => {
                        format!("only http and https URLs can be checked, not {scheme}:{hop}")
                    }
                    Refusal::Credentials => format!(
                        "refused: a URL with a user name or password{hop}: this probe never sends credentials"
                    ),
                    Refusal::Port => format!(
                        "refused: port {}{hop} is not checked: this probe checks ports 80 and 443",
                        port.unwrap_or(0)
                    ),
                    Refusal::OwnAddress => format!(
                        "refused: {host}{hop} is this probe itself and this probe only checks public addresses"
                    ),
                    other => format!(
                        "refused: {host}{hop} is a {} and this probe only checks public addresses",
                        other.reason()
                    ),
                }
            }
        }
    }

    /// The JSON body: `{"error":"…"}`.
    pub fn body(&self) -> ErrorAnswer {
        ErrorAnswer {
            error: self.message(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorAnswer {
    pub error: String,
}

/// The request's own checks, before its URL is parsed: method and `url=`.
pub fn request(method: &str, target: Option<&str>) -> Result<(), Problem> {
    if method != "GET" {
        return Err(Problem::Method);
    }
    match target {
        None | Some("") => Err(Problem::MissingUrl),
        Some(t) if t.len() > MAX_TARGET_BYTES => Err(Problem::TooLong),
        Some(_) => Ok(()),
    }
}

/// One hop, as the edge's WHATWG URL parser split it, through the address guard.
pub fn hop(target: &Target, policy: &Policy, redirects: usize) -> Result<(), Problem> {
    address_guard::check_target(target, policy)
        .map_err(|refusal| refused(target, refusal, redirects))
}

/// The refusal of `target` (also for an address its name resolved to).
pub fn refused(target: &Target, refusal: Refusal, redirects: usize) -> Problem {
    Problem::Refused {
        refusal,
        host: target.host.into(),
        scheme: target.scheme.into(),
        port: target.port,
        redirects,
    }
}

/// Who a client is, for the per-client limit: its IPv4 address, or its IPv6 /64 (one host
/// usually holds a whole /64, so single addresses are free to rotate).
pub fn client_key(ip: core::net::IpAddr) -> u128 {
    match ip {
        core::net::IpAddr::V4(v4) => u128::from(u32::from(v4)),
        core::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => u128::from(u32::from(v4)),
            None => u128::from(v6) & !u128::from(u64::MAX),
        },
    }
}

/// What to do with an answer: follow its redirect, or stop here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Stop,
    Follow,
    /// A redirect beyond [`MAX_REDIRECTS`]: stop, and say so.
    TooManyRedirects,
}

pub fn next(status: u16, has_location: bool, redirects: usize) -> Next {
    if !(300..400).contains(&status) || !has_location {
        Next::Stop
    } else if redirects >= MAX_REDIRECTS {
        Next::TooManyRedirects
    } else {
        Next::Follow
    }
}

/// Why a hop brought no HTTP answer, as the edge's client saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    Dns,
    ConnectionFailed,
    TimedOut,
    Reset,
    BadHttp,
}

impl Failure {
    fn text(self) -> String {
        match self {
            Failure::Dns => "no such host (DNS)".into(),
            Failure::ConnectionFailed => "connection refused or unreachable".into(),
            Failure::TimedOut => format!("no answer within {TOTAL_TIME_MS} ms"),
            Failure::Reset => "connection reset or broken answer".into(),
            Failure::BadHttp => "the answer was not valid HTTP".into(),
        }
    }
}

/// What the edge fetched on the last hop. `body`: at most [`MAX_BODY_BYTES`], as text.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Fetched {
    pub url: String,
    pub status: Option<u16>,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    #[serde(default)]
    pub body: String,
    pub elapsed_ms: u64,
    pub redirects: usize,
    #[serde(default)]
    pub failure: Option<Failure>,
    #[serde(default)]
    pub too_many_redirects: bool,
}

/// The JSON answer: the down-check result, plus what the probe saw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckAnswer {
    #[serde(flatten)]
    pub result: DownCheck,
    pub probe: Seen,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seen {
    /// The last URL fetched (after redirects).
    pub url: String,
    pub status: Option<u16>,
    pub elapsed_ms: u64,
    pub redirects: usize,
    /// Why there is no status (connection refused, timeout, too many redirects…).
    pub error: Option<String>,
    pub report: Option<Report>,
    /// Where the check ran, when the edge knows (the Worker: Cloudflare's `cf.colo`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colo: Option<String>,
}

/// The answer to a check from what was fetched.
pub fn answer(fetched: Fetched) -> CheckAnswer {
    let report = fetched.status.map(|status| {
        let mut headers = Headers::new();
        for (name, value) in &fetched.headers {
            headers.push(name, value);
        }
        let observation = Observation {
            url: Some(fetched.url.clone()),
            method: Some("GET".into()),
            status,
            headers,
            body: Some(fetched.body.clone()),
            elapsed_ms: Some(fetched.elapsed_ms),
        };
        report::explain(&observation, &Context::default())
    });
    let error = if fetched.too_many_redirects {
        Some(format!("more than {MAX_REDIRECTS} redirects"))
    } else if fetched.status.is_none() {
        Some(fetched.failure.unwrap_or(Failure::ConnectionFailed).text())
    } else {
        None
    };
    let seen = Seen {
        url: fetched.url,
        status: fetched.status,
        elapsed_ms: fetched.elapsed_ms,
        redirects: fetched.redirects,
        error,
        report,
        colo: None,
    };
    let what = describe(&seen);
    let reading = if seen.error.is_some() && seen.status.is_some() {
        Reading::unknown(&what) // e.g. a redirect loop: no verdict on the site
    } else {
        server_view(seen.status, &what)
    };
    let provider = reading.into_answer("explain502", seen.elapsed_ms);
    CheckAnswer {
        result: verdict(vec![provider]),
        probe: seen,
    }
}

/// One line for people: "HTTP 502 (bad_gateway) from nginx/1.22.1".
fn describe(seen: &Seen) -> String {
    match (&seen.status, &seen.report, &seen.error) {
        (Some(status), _, Some(error)) => format!("HTTP {status}, then {error}"),
        (Some(status), Some(report), None) => {
            let mut line = format!("HTTP {status} ({})", report.family.as_str());
            if let Some(server) = &report.gateway.name {
                line.push_str(" from ");
                line.push_str(server);
            }
            line
        }
        (_, _, error) => format!("no answer: {}", error.as_deref().unwrap_or("unknown error")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_are_followed_up_to_the_cap() {
        assert_eq!(next(302, true, 0), Next::Follow);
        assert_eq!(next(302, false, 0), Next::Stop);
        assert_eq!(next(200, true, 0), Next::Stop);
        assert_eq!(next(301, true, MAX_REDIRECTS), Next::TooManyRedirects);
    }

    #[test]
    fn requests_are_checked_before_their_url() {
        assert_eq!(
            request("POST", Some("http://a.example/")),
            Err(Problem::Method)
        );
        assert_eq!(request("GET", None), Err(Problem::MissingUrl));
        assert_eq!(request("GET", Some("")), Err(Problem::MissingUrl));
        let long = "x".repeat(MAX_TARGET_BYTES + 1);
        assert_eq!(request("GET", Some(&long)), Err(Problem::TooLong));
        assert_eq!(Problem::RateLimited.status(), 429);
    }

    #[test]
    fn refusals_say_what_and_where() {
        let target = Target {
            scheme: "http",
            username: "",
            password: "",
            host: "127.0.0.1",
            port: Some(8080),
        };
        let port = hop(&target, &Policy::default(), 1).unwrap_err();
        assert_eq!(
            port.message(),
            "refused: port 8080 (reached by a redirect) is not checked: this probe checks ports 80 and 443"
        );
        let target = Target {
            port: None,
            ..target
        };
        let loopback = hop(&target, &Policy::default(), 0).unwrap_err();
        assert!(loopback
            .message()
            .starts_with("refused: 127.0.0.1 is a loopback"));
    }

    #[test]
    fn a_gateway_error_is_down_and_a_loop_is_unknown() {
        let fetched = Fetched {
            url: "http://shop.example/".into(),
            status: Some(502),
            headers: vec![("Server".into(), "nginx/1.22.1".into())],
            body: "<html><center><h1>502 Bad Gateway</h1></center></html>".into(),
            elapsed_ms: 12,
            ..Fetched::default()
        };
        let down = answer(fetched.clone());
        assert_eq!(down.result.verdict, super::super::Verdict::DownForEveryone);
        assert_eq!(
            down.result.providers[0].detail,
            "HTTP 502 (bad_gateway) from nginx"
        );
        let looping = answer(Fetched {
            status: Some(302),
            too_many_redirects: true,
            redirects: MAX_REDIRECTS,
            ..fetched
        });
        assert_eq!(looping.result.verdict, super::super::Verdict::Unknown);
        assert_eq!(
            looping.probe.error.as_deref(),
            Some("more than 5 redirects")
        );
        let nothing = answer(Fetched {
            failure: Some(Failure::TimedOut),
            ..Fetched::default()
        });
        assert_eq!(
            nothing.probe.error.as_deref(),
            Some("no answer within 8000 ms")
        );
    }
}
