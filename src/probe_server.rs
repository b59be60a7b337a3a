//! `explain502 serve --probe`: `GET /api/check?url=U` checks U from this server's vantage point
//! and answers the down-check result (contract §2b) as JSON, with CORS, plus a `probe` object
//! (status, timing, redirects, and the Report of what it saw).
//!
//! A public URL fetcher is a server-side request forgery tool unless fenced in, so:
//! - every hop passes `address_guard::check_target` (http/https, no credentials, ports 80 and
//!   443 unless `--allow-port N`, not this machine's own addresses, a public host), and the
//!   HTTP client's resolver checks every resolved address with `check_resolved` before any
//!   connection (so a name that resolves, or re-resolves, to 127.0.0.1 is caught); redirects
//!   are followed by hand so each hop goes through both; `--allow-private` (tests only) lets
//!   private and loopback addresses through, not credentials, other ports or own addresses;
//! - what is decided (the guard, redirects, the answer's JSON) is `downcheck::probe`, shared
//!   with the Cloudflare Worker (worker/): this file only fetches;
//! - per client (IP, or IPv6 /64) a token bucket: over it, HTTP 429;
//! - at most `probe::MAX_REDIRECTS` hops, `MAX_BODY_BYTES` of body, `TOTAL_TIME_MS` per
//!   check, and [`MAX_IN_FLIGHT`] checks at once;
//! - only GET, no cookies, no credentials; proxies from the environment are ignored.

use explain502::address_guard::{self, Policy, Target};
use explain502::downcheck::probe::{
    self, CheckAnswer, Failure, Fetched, Next, Problem, CONNECT_TIME_MS, MAX_BODY_BYTES,
    TOTAL_TIME_MS,
};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs, UdpSocket};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tiny_http::{Header, Request, Response};
use url::Url;

const TOTAL_TIME: Duration = Duration::from_millis(TOTAL_TIME_MS);
const MAX_IN_FLIGHT: usize = 32;
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

/// The operator's options (`explain502 serve --probe …`).
pub struct Options {
    pub allow_private: bool,
    pub allowed_ports: Vec<u16>,
    /// Single addresses the guard lets through (tests of redirect hops only).
    pub exempt: Vec<SocketAddr>,
    /// Checks per client before the refill ([`BUCKET_SIZE`] unless a load test says more).
    pub burst: u32,
}

impl Probe {
    pub fn new(options: Options) -> Probe {
        Probe {
            guard: Guard {
                policy: Policy {
                    allow_private: options.allow_private,
                    allowed_ports: options.allowed_ports,
                    own_addresses: own_addresses(),
                    own_hosts: Vec::new(),
                },
                exempt: options.exempt,
            },
            limiter: Mutex::new(RateLimiter::new(options.burst)),
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
            return error(&Problem::RateLimited).with_header(header("Retry-After", "60"));
        }
        let target = query_param(url, "url");
        if let Err(problem) = probe::request(request.method().as_str(), target.as_deref()) {
            return error(&problem);
        }
        if self.in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_IN_FLIGHT {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            return error(&Problem::Busy);
        }
        let result = check(target.as_deref().unwrap_or(""), &self.guard);
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        match result {
            Ok(body) => json(200, &body),
            Err(problem) => error(&problem),
        }
    }
}

/// What the probe may reach: the address guard's policy, plus single exempted addresses.
#[derive(Clone)]
struct Guard {
    policy: Policy,
    exempt: Vec<SocketAddr>,
}

impl Guard {
    fn exempted(&self, ip: IpAddr, port: u16) -> bool {
        self.exempt.contains(&SocketAddr::new(ip, port))
    }
}

/// The probe's own addresses, found once at start-up: every local address the kernel lists
/// (Linux: /proc/net/fib_trie's LOCAL entries and /proc/net/if_inet6), plus the source
/// address the system would use towards the internet (a UDP "connect" sends nothing). A
/// public address in front of a NAT is not among them: the machine cannot see it.
pub fn own_addresses() -> Vec<IpAddr> {
    let mut found: Vec<IpAddr> = Vec::new();
    if let Ok(trie) = std::fs::read_to_string("/proc/net/fib_trie") {
        let mut last: Option<IpAddr> = None;
        for line in trie.lines() {
            let line = line.trim_start_matches([' ', '|', '-', '+']);
            if let Ok(ip) = line.trim().parse::<IpAddr>() {
                last = Some(ip);
            } else if line.trim() == "/32 host LOCAL" {
                found.extend(last);
            }
        }
    }
    if let Ok(table) = std::fs::read_to_string("/proc/net/if_inet6") {
        for hex in table.lines().filter_map(|l| l.split_whitespace().next()) {
            if let Ok(bits) = u128::from_str_radix(hex, 16) {
                found.push(IpAddr::from(std::net::Ipv6Addr::from(bits)));
            }
        }
    }
    for (bind, public) in [
        ("0.0.0.0:0", "192.0.2.1:80"),
        ("[::]:0", "[2001:db8::1]:80"),
    ] {
        let source = UdpSocket::bind(bind)
            .and_then(|socket| socket.connect(public).map(|()| socket))
            .and_then(|socket| socket.local_addr());
        if let Ok(addr) = source {
            found.push(addr.ip());
        }
    }
    found.retain(|ip| !ip.is_unspecified());
    found.sort();
    found.dedup();
    found
}

/// One check, hop by hop. Err is a refusal or a bad request (HTTP 4xx).
fn check(target: &str, guard: &Guard) -> Result<CheckAnswer, Problem> {
    let mut url = Url::parse(target).map_err(|_| Problem::NotAUrl)?;
    let refused = Arc::new(Mutex::new(None));
    let agent = ureq::AgentBuilder::new()
        .redirects(0)
        .timeout_connect(Duration::from_millis(CONNECT_TIME_MS))
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
    let fetched = loop {
        let hop = Target {
            scheme: url.scheme(),
            username: url.username(),
            password: url.password().unwrap_or(""),
            host: url.host_str().unwrap_or(""),
            port: url.port(),
        };
        let exempt = address_guard::literal_ip(hop.host)
            .is_some_and(|ip| guard.exempted(ip, url.port_or_known_default().unwrap_or(0)));
        if !exempt {
            probe::hop(&hop, &guard.policy, redirects)?;
        }
        let remaining = TOTAL_TIME.saturating_sub(started.elapsed());
        let outcome = agent.request_url("GET", &url).timeout(remaining).call();
        if let Some(refusal) = refused.lock().ok().and_then(|mut r| r.take()) {
            return Err(probe::refused(&hop, refusal, redirects));
        }
        let response = match outcome {
            Ok(response) | Err(ureq::Error::Status(_, response)) => response,
            Err(ureq::Error::Transport(transport)) => {
                break Fetched {
                    url: url.to_string(),
                    elapsed_ms: started.elapsed().as_millis() as u64,
                    redirects,
                    failure: Some(failure(&transport, started.elapsed())),
                    ..Fetched::default()
                };
            }
        };
        let location = response.header("location").map(str::to_string);
        match probe::next(response.status(), location.is_some(), redirects) {
            Next::Follow => {
                let location = location.unwrap_or_default();
                url = url.join(&location).map_err(|_| Problem::BadRedirect)?;
                redirects += 1;
            }
            Next::TooManyRedirects => {
                break Fetched {
                    too_many_redirects: true,
                    ..fetched(&url, started, redirects, response)
                }
            }
            Next::Stop => break fetched(&url, started, redirects, response),
        }
    };
    Ok(probe::answer(fetched))
}

fn fetched(url: &Url, started: Instant, redirects: usize, response: ureq::Response) -> Fetched {
    let status = response.status();
    let headers = response
        .headers_names()
        .into_iter()
        .filter_map(|name| {
            let value = response.header(&name)?.to_string();
            Some((name, value))
        })
        .collect();
    let mut body = Vec::new();
    // A body cut short (by the time cap or a reset) still leaves a status worth reporting.
    let _ = response
        .into_reader()
        .take(MAX_BODY_BYTES as u64)
        .read_to_end(&mut body);
    Fetched {
        url: url.to_string(),
        status: Some(status),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        elapsed_ms: started.elapsed().as_millis() as u64,
        redirects,
        failure: None,
        too_many_redirects: false,
    }
}

fn failure(error: &ureq::Transport, elapsed: Duration) -> Failure {
    match error.kind() {
        ureq::ErrorKind::Dns => Failure::Dns,
        ureq::ErrorKind::ConnectionFailed => Failure::ConnectionFailed,
        ureq::ErrorKind::Io if elapsed >= TOTAL_TIME - Duration::from_millis(100) => {
            Failure::TimedOut
        }
        ureq::ErrorKind::BadStatus | ureq::ErrorKind::BadHeader => Failure::BadHttp,
        _ => Failure::Reset,
    }
}

/// Resolves like the system does, then refuses the whole answer if any address is guarded (a
/// name with one private address among public ones is not a public site). Runs on every hop,
/// before ureq connects: this is where DNS-rebinding tricks end.
struct GuardedResolver {
    guard: Guard,
    refused: Arc<Mutex<Option<address_guard::Refusal>>>,
}

impl ureq::Resolver for GuardedResolver {
    fn resolve(&self, netloc: &str) -> std::io::Result<Vec<SocketAddr>> {
        let addrs: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
        for addr in &addrs {
            if self.guard.exempted(addr.ip(), addr.port()) {
                continue;
            }
            if let Err(refusal) = address_guard::check_resolved(addr.ip(), &self.guard.policy) {
                if let Ok(mut slot) = self.refused.lock() {
                    *slot = Some(refusal);
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

/// Who a client is, for the rate limit (`probe::client_key`; 0 when unknown).
fn client_key(ip: Option<IpAddr>) -> u128 {
    ip.map_or(0, probe::client_key)
}

/// Token buckets by client. Pure: time comes in as an argument.
struct RateLimiter {
    /// client → (tokens left, time of the last refill in ms).
    buckets: HashMap<u128, (u32, u64)>,
    size: u32,
}

impl Default for RateLimiter {
    fn default() -> RateLimiter {
        RateLimiter::new(BUCKET_SIZE)
    }
}

impl RateLimiter {
    const MAX_CLIENTS: usize = 10_000;

    fn new(size: u32) -> RateLimiter {
        RateLimiter {
            buckets: HashMap::new(),
            size: size.max(1),
        }
    }

    fn allow(&mut self, client: u128, now_ms: u64) -> bool {
        if self.buckets.len() >= Self::MAX_CLIENTS {
            // Forget the clients whose buckets have refilled: they lose nothing.
            let full_after = u64::from(self.size) * REFILL_MS;
            self.buckets
                .retain(|_, (_, since)| now_ms.saturating_sub(*since) < full_after);
        }
        let size = self.size;
        let (tokens, since) = self.buckets.entry(client).or_insert((size, now_ms));
        let refills = now_ms.saturating_sub(*since) / REFILL_MS;
        if refills > 0 {
            *tokens = (*tokens).saturating_add(refills as u32).min(size);
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

fn error(problem: &Problem) -> Answer {
    json(problem.status(), &problem.body())
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
