//! `explain502 serve --probe`: `GET /api/check?url=U` checks U from this server's vantage point
//! and answers the down-check result (contract §2b) as JSON, with CORS, plus a `probe` object
//! (status, timing, redirects, and the Report of what it saw).
//!
//! A public URL fetcher is a server-side request forgery tool unless fenced in, so:
//! - every hop's host passes `address_guard::check_host`, and the HTTP client's resolver
//!   checks every resolved address with `address_guard::check_ip` before any connection (so a
//!   name that resolves, or re-resolves, to 127.0.0.1 is caught); redirects are followed by hand
//!   so each hop goes through both; `--allow-private` (tests only) lifts the guard;
//! - per client (IP, or IPv6 /64) a token bucket: over it, HTTP 429;
//! - at most [`MAX_REDIRECTS`] hops, [`MAX_BODY_BYTES`] of body, [`TOTAL_TIME`] per check, and
//!   [`MAX_IN_FLIGHT`] checks at once;
//! - only GET, no cookies, no credentials; proxies from the environment are ignored.

use explain502::address_guard::{self, Refusal};
use explain502::downcheck::{self, explain502::server_view, DownCheck};
use explain502::report::{self, Context, Report};
use explain502::{Headers, Observation};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tiny_http::{Header, Request, Response};
use url::Url;

const MAX_REDIRECTS: usize = 5;
const MAX_BODY_BYTES: u64 = 64 * 1024;
const CONNECT_TIME: Duration = Duration::from_secs(3);
const TOTAL_TIME: Duration = Duration::from_secs(8);
const MAX_IN_FLIGHT: usize = 32;
const MAX_TARGET_BYTES: usize = 2048;
/// Token bucket per client: a burst of this many checks …
const BUCKET_SIZE: u32 = 10;
/// … then one more every this many milliseconds (30 a minute).
const REFILL_MS: u64 = 2000;

type Answer = Response<Cursor<Vec<u8>>>;

pub struct Probe {
    guard: Guard,
    limiter: Mutex<RateLimiter>,
    in_flight: AtomicUsize,
    started: Instant,
}

impl Probe {
    /// `exempt`: single addresses the guard lets through (tests of redirect hops only).
    pub fn new(allow_private: bool, exempt: Vec<SocketAddr>) -> Probe {
        Probe {
            guard: Guard {
                allow_private,
                exempt,
            },
            limiter: Mutex::new(RateLimiter::default()),
            in_flight: AtomicUsize::new(0),
            started: Instant::now(),
        }
    }

    /// Answers `/api/check`; `url` is the request's path and query.
    pub fn answer(&self, request: &Request, url: &str) -> Answer {
        let now_ms = self.started.elapsed().as_millis() as u64;
        let client = request.remote_addr().map(|a| a.ip());
        let allowed = self
            .limiter
            .lock()
            .map(|mut limiter| limiter.allow(client_key(client), now_ms))
            .unwrap_or(false);
        if !allowed {
            return error(429, "too many checks from this address: wait a minute")
                .with_header(header("Retry-After", "60"));
        }
        if *request.method() != tiny_http::Method::Get {
            return error(405, "use GET /api/check?url=…");
        }
        let Some(target) = query_param(url, "url") else {
            return error(
                400,
                "missing url= (GET /api/check?url=https://shop.example/)",
            );
        };
        if self.in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_IN_FLIGHT {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            return error(503, "too many checks in progress: try again shortly");
        }
        let result = check(&target, &self.guard);
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        match result {
            Ok(body) => json(200, &body),
            Err(message) => error(400, &message),
        }
    }
}

/// What the probe may reach: public addresses only, unless told otherwise (tests only).
#[derive(Clone)]
struct Guard {
    allow_private: bool,
    exempt: Vec<SocketAddr>,
}

impl Guard {
    fn check(&self, ip: IpAddr, port: u16) -> Result<(), Refusal> {
        if self.allow_private || self.exempt.contains(&SocketAddr::new(ip, port)) {
            return Ok(());
        }
        address_guard::check_ip(ip)
    }
}

/// The JSON answer: the down-check result, plus what the probe saw.
#[derive(Serialize)]
struct CheckAnswer {
    #[serde(flatten)]
    result: DownCheck,
    probe: Seen,
}

#[derive(Serialize)]
struct Seen {
    /// The last URL fetched (after redirects).
    url: String,
    status: Option<u16>,
    elapsed_ms: u64,
    redirects: usize,
    /// Why there is no status (connection refused, timeout, too many redirects…).
    error: Option<String>,
    report: Option<Report>,
}

/// One check, hop by hop. Err is a refusal (HTTP 400): a bad URL or a guarded address.
fn check(target: &str, guard: &Guard) -> Result<CheckAnswer, String> {
    if target.len() > MAX_TARGET_BYTES {
        return Err("url= is too long".into());
    }
    let mut url = Url::parse(target).map_err(|e| format!("url= is not a URL: {e}"))?;
    let refused = Arc::new(Mutex::new(None));
    let agent = ureq::AgentBuilder::new()
        .redirects(0)
        .timeout_connect(CONNECT_TIME)
        .resolver(GuardedResolver {
            guard: guard.clone(),
            refused: Arc::clone(&refused),
        })
        .user_agent(concat!(
            "explain502-probe/",
            env!("CARGO_PKG_VERSION"),
            " (+https://github.com/explain502/explain502)"
        ))
        .build();
    let started = Instant::now();
    let mut redirects = 0;
    let seen = loop {
        check_url(&url, guard, redirects)?;
        let remaining = TOTAL_TIME.saturating_sub(started.elapsed());
        let outcome = agent.request_url("GET", &url).timeout(remaining).call();
        if let Some((host, refusal)) = refused.lock().ok().and_then(|mut r| r.take()) {
            return Err(refusal_message(&host, refusal, redirects));
        }
        let response = match outcome {
            Ok(response) | Err(ureq::Error::Status(_, response)) => response,
            Err(ureq::Error::Transport(transport)) => {
                break seen_nothing(&url, started, redirects, &transport);
            }
        };
        let location = response.header("location").map(str::to_string);
        match location {
            Some(location) if (300..400).contains(&response.status()) => {
                if redirects == MAX_REDIRECTS {
                    break Seen {
                        error: Some(format!("more than {MAX_REDIRECTS} redirects")),
                        ..seen_response(&url, started, redirects, response)
                    };
                }
                url = url
                    .join(&location)
                    .map_err(|e| format!("redirect to a bad URL: {e}"))?;
                redirects += 1;
            }
            _ => break seen_response(&url, started, redirects, response),
        }
    };
    let what = describe(&seen);
    let reading = if seen.error.is_some() && seen.status.is_some() {
        downcheck::Reading::unknown(&what) // e.g. a redirect loop: no verdict on the site
    } else {
        server_view(seen.status, &what)
    };
    let answer = reading.into_answer("explain502", seen.elapsed_ms);
    Ok(CheckAnswer {
        result: downcheck::verdict(vec![answer]),
        probe: seen,
    })
}

/// The scheme and host of one hop, before anything is resolved.
fn check_url(url: &Url, guard: &Guard, redirects: usize) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "only http and https URLs can be checked, not {}:",
            url.scheme()
        ));
    }
    let host = url.host_str().unwrap_or("");
    let literal = address_guard::literal_ip(host);
    let port = url.port_or_known_default().unwrap_or(0);
    let verdict = match literal {
        Some(ip) => guard.check(ip, port),
        None if guard.allow_private => Ok(()),
        None => address_guard::check_host(host),
    };
    verdict.map_err(|r| refusal_message(host, r, redirects))
}

fn refusal_message(host: &str, refusal: Refusal, redirects: usize) -> String {
    let hop = if redirects > 0 {
        " (reached by a redirect)"
    } else {
        ""
    };
    format!(
        "refused: {host}{hop} is a {} and this probe only checks public addresses",
        refusal.reason()
    )
}

fn seen_response(url: &Url, started: Instant, redirects: usize, response: ureq::Response) -> Seen {
    let status = response.status();
    let mut headers = Headers::new();
    for name in response.headers_names() {
        if let Some(value) = response.header(&name) {
            headers.push(&name, value);
        }
    }
    let mut body = Vec::new();
    // A body cut short (by the time cap or a reset) still leaves a status worth reporting.
    let _ = response
        .into_reader()
        .take(MAX_BODY_BYTES)
        .read_to_end(&mut body);
    let elapsed_ms = started.elapsed().as_millis() as u64;
    let observation = Observation {
        url: Some(url.to_string()),
        method: Some("GET".into()),
        status,
        headers,
        body: Some(String::from_utf8_lossy(&body).into_owned()),
        elapsed_ms: Some(elapsed_ms),
    };
    Seen {
        url: url.to_string(),
        status: Some(status),
        elapsed_ms,
        redirects,
        error: None,
        report: Some(report::explain(&observation, &Context::default())),
    }
}

fn seen_nothing(url: &Url, started: Instant, redirects: usize, error: &ureq::Transport) -> Seen {
    let elapsed = started.elapsed();
    let why = match error.kind() {
        ureq::ErrorKind::Dns => "no such host (DNS)".to_string(),
        ureq::ErrorKind::ConnectionFailed => "connection refused or unreachable".to_string(),
        ureq::ErrorKind::Io if elapsed >= TOTAL_TIME - Duration::from_millis(100) => {
            format!("no answer within {} ms", TOTAL_TIME.as_millis())
        }
        ureq::ErrorKind::Io => "connection reset or broken answer".to_string(),
        ureq::ErrorKind::BadStatus | ureq::ErrorKind::BadHeader => {
            "the answer was not valid HTTP".to_string()
        }
        other => other.to_string(),
    };
    Seen {
        url: url.to_string(),
        status: None,
        elapsed_ms: elapsed.as_millis() as u64,
        redirects,
        error: Some(why),
        report: None,
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

/// Resolves like the system does, then refuses the whole answer if any address is guarded (a
/// name with one private address among public ones is not a public site). Runs on every hop,
/// before ureq connects: this is where DNS-rebinding tricks end.
struct GuardedResolver {
    guard: Guard,
    refused: Arc<Mutex<Option<(String, Refusal)>>>,
}

impl ureq::Resolver for GuardedResolver {
    fn resolve(&self, netloc: &str) -> std::io::Result<Vec<SocketAddr>> {
        let addrs: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
        for addr in &addrs {
            if let Err(refusal) = self.guard.check(addr.ip(), addr.port()) {
                let host = netloc.rsplit_once(':').map_or(netloc, |(h, _)| h);
                if let Ok(mut slot) = self.refused.lock() {
                    *slot = Some((host.to_string(), refusal));
                }
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    refusal.reason(),
                ));
            }
        }
        Ok(addrs)
    }
}

/// Who a client is, for the rate limit: its IPv4 address, or its IPv6 /64 (one host usually
/// holds a whole /64, so single addresses are free to rotate).
fn client_key(ip: Option<IpAddr>) -> u128 {
    match ip {
        Some(IpAddr::V4(v4)) => u128::from(u32::from(v4)),
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => u128::from(u32::from(v4)),
            None => u128::from(v6) & !u128::from(u64::MAX),
        },
        None => 0,
    }
}

/// Token buckets by client. Pure: time comes in as an argument.
#[derive(Default)]
struct RateLimiter {
    /// client → (tokens left, time of the last refill in ms).
    buckets: HashMap<u128, (u32, u64)>,
}

impl RateLimiter {
    const MAX_CLIENTS: usize = 10_000;

    fn allow(&mut self, client: u128, now_ms: u64) -> bool {
        if self.buckets.len() >= Self::MAX_CLIENTS {
            // Forget the clients whose buckets have refilled: they lose nothing.
            let full_after = u64::from(BUCKET_SIZE) * REFILL_MS;
            self.buckets
                .retain(|_, (_, since)| now_ms.saturating_sub(*since) < full_after);
        }
        let (tokens, since) = self.buckets.entry(client).or_insert((BUCKET_SIZE, now_ms));
        let refills = now_ms.saturating_sub(*since) / REFILL_MS;
        if refills > 0 {
            *tokens = (*tokens).saturating_add(refills as u32).min(BUCKET_SIZE);
            *since += refills * REFILL_MS;
        }
        if *tokens == 0 {
            return false;
        }
        *tokens -= 1;
        true
    }
}

fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
        .filter(|value| !value.is_empty())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header names are valid")
}

fn json<T: Serialize>(status: u16, value: &T) -> Answer {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json"))
        .with_header(header("Cache-Control", "no-store"))
        // Any page may ask (the widget runs on other sites); no credentials are involved.
        .with_header(header("Access-Control-Allow-Origin", "*"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn error(status: u16, message: &str) -> Answer {
    json(status, &serde_json::json!({ "error": message }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_a_burst_then_one_check_per_refill() {
        let mut limiter = RateLimiter::default();
        let allowed = (0..200).filter(|_| limiter.allow(1, 0)).count();
        assert_eq!(allowed, BUCKET_SIZE as usize);
        assert!(limiter.allow(2, 0), "another client has its own bucket");
        assert!(!limiter.allow(1, REFILL_MS - 1));
        assert!(limiter.allow(1, REFILL_MS));
        assert!(!limiter.allow(1, REFILL_MS));
        let later = 1_000 * REFILL_MS;
        assert_eq!(
            (0..50).filter(|_| limiter.allow(1, later)).count(),
            BUCKET_SIZE as usize
        );
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(Some(a)), client_key(Some(b)));
        assert_ne!(client_key(Some(a)), client_key(Some(c)));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(
            client_key(Some(mapped)),
            client_key(Some("192.0.2.1".parse().unwrap()))
        );
    }

    #[test]
    fn the_url_parameter_is_decoded() {
        assert_eq!(
            query_param("/api/check?x=1&url=http%3A%2F%2F127.0.0.1%3A9%2F", "url").as_deref(),
            Some("http://127.0.0.1:9/")
        );
        assert_eq!(query_param("/api/check?url=", "url"), None);
        assert_eq!(query_param("/api/check", "url"), None);
    }
}
