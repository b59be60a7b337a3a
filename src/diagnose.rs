//! Which hop failed and why: ranked causes with honest confidence, from the status, the
//! gateway, the body and how long the response took (contract §1 `failing_hop`, `causes`).
//!
//! The rule: a signal that names one cause (HAProxy's "No server is available", Squid's
//! `X-Squid-Error`, a 504, Cloudflare's 52x codes…) may give it more than 0.6; evidence that
//! cannot tell causes apart (nginx's one 502 page, Varnish's "Backend fetch failed") spreads
//! the confidence, and timing moves it (refusals and resets are instant, timeouts are not).
//! Whatever confidence is left over is `unknown`.

use crate::gateway::GatewayId::{self, *};
use crate::i18n::{joined, lines};
use crate::ids::id_enum;
use crate::observation::{Observation, READS_BODY};
use crate::prelude::*;
use crate::report::{Cause, Gateway, Hop};
use crate::text;
use CauseId::*;

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

/// A distribution over causes, in percent (two bytes an entry); the rest up to 100 is
/// `unknown`.
type Dist = &'static [(CauseId, u8)];

const DOWN: Dist = &[(UpstreamDown, 80), (WrongUpstreamAddress, 10)];
const RESET: Dist = &[
    (UpstreamReset, 75),
    (UpstreamOutOfMemory, 10),
    (UpstreamDown, 5),
];
const INVALID: Dist = &[(UpstreamInvalidResponse, 80), (UpstreamReset, 10)];
const TIMEOUT: Dist = &[(UpstreamTimeout, 85), (Overloaded, 5), (UpstreamDown, 5)];
const NO_HEALTHY: Dist = &[(NoHealthyUpstream, 75), (UpstreamDown, 20)];
const DNS: Dist = &[(DnsFailure, 85), (WrongUpstreamAddress, 10)];
const TLS: Dist = &[(TlsFailure, 85), (WrongUpstreamAddress, 5)];
const OVERLOADED: Dist = &[(Overloaded, 75), (UpstreamTimeout, 10)];
const MAINTENANCE: Dist = &[(Maintenance, 85)];
const OOM: Dist = &[(UpstreamOutOfMemory, 75), (UpstreamReset, 10)];
const WRONG_ADDRESS: Dist = &[
    (WrongUpstreamAddress, 65),
    (DnsFailure, 15),
    (UpstreamDown, 15),
];
/// HAProxy's 503 after its connection retries failed, or with every server marked down.
static NONE_AVAILABLE_READING: [(CauseId, u8); 2] = [(NoHealthyUpstream, 60), (UpstreamDown, 35)];
const NONE_AVAILABLE: Dist = &NONE_AVAILABLE_READING;
/// The same HAProxy page after ~3 s: every connection try failed at once, so nothing
/// listened or the TLS handshake failed (servers already marked down answer at once).
const NONE_AVAILABLE_AFTER_RETRIES: Dist = &[
    (UpstreamDown, 55),
    (TlsFailure, 15),
    (NoHealthyUpstream, 10),
    (WrongUpstreamAddress, 10),
];
/// A response that broke off or did not parse (HAProxy's 502, Apache's "Error reading").
static RESET_OR_INVALID_READING: [(CauseId, u8); 3] = [
    (UpstreamInvalidResponse, 45),
    (UpstreamReset, 40),
    (UpstreamDown, 5),
];
const RESET_OR_INVALID: Dist = &RESET_OR_INVALID_READING;
/// A connection that never completed: host down, packets dropped, or the wrong address.
const CONNECT_TIMEOUT: Dist = &[
    (UpstreamTimeout, 40),
    (UpstreamDown, 35),
    (WrongUpstreamAddress, 10),
    (Overloaded, 10),
];
/// HAProxy's "No server is available" neither at once (servers marked down) nor after the
/// ~3 s of retrying a refused connection: every try waited for `timeout connect`, or the
/// request waited in the queue for `timeout queue` behind busy servers.
const NONE_AVAILABLE_AFTER_WAITING: Dist = &[
    (UpstreamTimeout, 35),
    (Overloaded, 30),
    (UpstreamDown, 15),
    (NoHealthyUpstream, 10),
];
/// A 504 from a product not known, with no timing: most proxies mean a timeout, some call
/// every failure 504 (http-proxy-middleware), so not above 0.6.
const UNKNOWN_504: Dist = &[
    (UpstreamTimeout, 60),
    (UpstreamDown, 15),
    (UpstreamReset, 10),
];
/// A 504 back within a second: no timeout is that short, so the gateway calls every failure
/// a timeout (http-proxy-middleware answers refused and reset with 504).
const FAST_504: Dist = &[
    (UpstreamDown, 35),
    (UpstreamReset, 30),
    (UpstreamInvalidResponse, 10),
    (UpstreamTimeout, 10),
];
/// Apache's and lighttpd's own 503: a refused connection, or every balancer member in error.
static REFUSED_OR_NONE_LEFT_READING: [(CauseId, u8); 3] = [
    (UpstreamDown, 50),
    (NoHealthyUpstream, 30),
    (Overloaded, 10),
];
const REFUSED_OR_NONE_LEFT: Dist = &REFUSED_OR_NONE_LEFT_READING;
/// Caddy's (and Envoy's, ELB's…) empty 503: no upstream left; an app's own empty 503 looks
/// the same.
const NONE_LEFT: Dist = &[
    (NoHealthyUpstream, 55),
    (Overloaded, 15),
    (UpstreamDown, 10),
    (Maintenance, 10),
];
/// lighttpd's own 502: the backend answered, but not with HTTP.
const LIGHTTPD_502: Dist = &[
    (UpstreamInvalidResponse, 55),
    (WrongUpstreamAddress, 15),
    (UpstreamReset, 10),
];
/// lighttpd's own 500: the backend reset or closed before answering.
const BROKE_OFF: Dist = &[
    (UpstreamReset, 50),
    (UpstreamInvalidResponse, 20),
    (UpstreamOutOfMemory, 10),
];

/// A failed fetch that says nothing of why, by timing: fast, slow, or unknown. Fast, the
/// connection was refused, reset or closed, or answered with junk: nothing tells which. An
/// app that dies mid-request is commoner than one that speaks something else than HTTP.
static FAILED_FAST_READING: [(CauseId, u8); 5] = [
    (UpstreamDown, 40),
    (UpstreamReset, 25),
    (UpstreamInvalidResponse, 20),
    (WrongUpstreamAddress, 5),
    (NoHealthyUpstream, 5),
];
const FAILED_FAST: Dist = &FAILED_FAST_READING;
/// nginx relays a reply without a status line as HTTP/0.9 instead of a 502, so its fast 502
/// is mostly a refusal or a reset (or "no live upstreams" after them).
static NGINX_FAILED_FAST_READING: [(CauseId, u8); 5] = [
    (UpstreamDown, 45),
    (UpstreamReset, 25),
    (NoHealthyUpstream, 10),
    (UpstreamInvalidResponse, 5),
    (WrongUpstreamAddress, 5),
];
const NGINX_FAILED_FAST: Dist = &NGINX_FAILED_FAST_READING;
const FAILED_SLOW: Dist = &[
    (UpstreamTimeout, 55),
    (UpstreamReset, 20),
    (UpstreamDown, 10),
    (UpstreamInvalidResponse, 5),
];
/// Gateway-specific pages that do not tell, with the causes their docs list first.
const ELB_502: Dist = &[
    (UpstreamReset, 40),
    (UpstreamDown, 30),
    (UpstreamInvalidResponse, 20),
];
const UNHEALTHY_POOL_502: Dist = &[
    (NoHealthyUpstream, 40),
    (UpstreamDown, 25),
    (UpstreamReset, 15),
    (UpstreamTimeout, 10),
];
const AKAMAI_503: Dist = &[
    (UpstreamDown, 45),
    (UpstreamReset, 20),
    (UpstreamTimeout, 15),
];
/// Heroku's one "Application Error" page: H10 crashed, H14 no dynos, H13 closed, H12 timeout.
static HEROKU_APP_ERROR_READING: [(CauseId, u8); 4] = [
    (UpstreamDown, 45),
    (UpstreamReset, 20),
    (NoHealthyUpstream, 10),
    (UpstreamTimeout, 10),
];
const HEROKU_APP_ERROR: Dist = &HEROKU_APP_ERROR_READING;
/// The CDN's own plain error page: the CDN failed, and does not say why.
const CDN_ITSELF: Dist = &[(Overloaded, 20)];
/// A slow failure from a gateway that has its own 504 for timeouts.
/// Either the app broke off after working a while, or the gateway retried a refused
/// connection until its try duration ran out (Caddy's lb_try_duration, HAProxy's retries).
const FAILED_SLOW_NOT_TIMEOUT: Dist = &[
    (UpstreamReset, 40),
    (UpstreamDown, 25),
    (UpstreamOutOfMemory, 10),
    (UpstreamInvalidResponse, 10),
];
/// A slow 502 from a gateway that keeps its 504 for a slow answer, not a slow connect (Caddy):
/// the dial timed out, or retries of a refused connection ran out, or the app broke off.
const FAILED_SLOW_DIAL: Dist = &[
    (UpstreamTimeout, 35),
    (UpstreamDown, 30),
    (UpstreamReset, 20),
];
const FAILED_AT_TIMEOUT: Dist = &[(UpstreamTimeout, 80), (UpstreamReset, 10)];
const FAILED_UNTIMED: Dist = &[
    (UpstreamDown, 35),
    (UpstreamTimeout, 20),
    (UpstreamReset, 20),
    (UpstreamInvalidResponse, 15),
];
/// A 503 from no known gateway: proxies send it when no backend is left, apps when overloaded
/// or in maintenance.
const UNAVAILABLE: Dist = &[
    (NoHealthyUpstream, 30),
    (Overloaded, 25),
    (UpstreamDown, 20),
    (Maintenance, 15),
];

/// Cloudflare's documented 52x meanings (developers.cloudflare.com, "Cloudflare 5xx errors").
fn cloudflare_status(status: u16) -> Dist {
    const UNKNOWN_ERROR: Dist = &[
        (UpstreamReset, 45),
        (UpstreamInvalidResponse, 35),
        (UpstreamDown, 10),
    ];
    const UNREACHABLE: Dist = &[
        (WrongUpstreamAddress, 55),
        (UpstreamDown, 20),
        (DnsFailure, 15),
    ];
    // Railgun is retired: no meaning left to rely on.
    const RAILGUN: Dist = &[
        (UpstreamDown, 25),
        (UpstreamTimeout, 15),
        (UpstreamReset, 15),
    ];
    const ORIGIN_DNS_OR_TUNNEL: Dist = &[(DnsFailure, 40), (UpstreamDown, 35)];
    match status {
        520 => UNKNOWN_ERROR,
        521 => &[(UpstreamDown, 75), (WrongUpstreamAddress, 10)],
        522 => CONNECT_TIMEOUT,
        523 => UNREACHABLE,
        524 => TIMEOUT,
        525 | 526 => TLS,
        527 => RAILGUN,
        _ => ORIGIN_DNS_OR_TUNNEL,
    }
}

/// Cloudflare 1xxx codes that explain a 5xx (Cloudflare 1xxx errors docs).
fn cloudflare_code(code: u32) -> Option<Dist> {
    Some(match code {
        520..=527 | 530 => cloudflare_status(code as u16),
        1000 | 1001 | 1004 | 1016 => DNS,
        1033 => &[(UpstreamDown, 80), (WrongUpstreamAddress, 10)],
        1015 | 1200 => OVERLOADED,
        _ => return None,
    })
}

/// A phrase table as the wasm holds it: the phrases in one joined string and their
/// distributions in order (as `(&str, Dist)` pairs, 16 bytes of pointers and lengths each).
struct Phrases {
    joined: &'static str,
    dists: &'static [Dist],
}

impl Phrases {
    /// The distribution of the first phrase `matches(subject, phrase)` holds for: one loop for
    /// every table (a closure each would be a copy each).
    fn first(&self, subject: &str, matches: fn(&str, &str) -> bool) -> Option<Dist> {
        let index = lines(self.joined).position(|phrase| matches(subject, phrase))?;
        self.dists.get(index).copied()
    }

    /// The distribution of the first phrase in `body_lc`.
    fn find(&self, body_lc: &str) -> Option<Dist> {
        self.first(body_lc, text::contains)
    }
}

/// `subject` against `pattern`, where a `*` at either end of the pattern stands for any text.
fn glob(subject: &str, pattern: &str) -> bool {
    let any_start = pattern.as_bytes().first() == Some(&b'*');
    let any_end = pattern.len() > 1 && pattern.as_bytes().last() == Some(&b'*');
    let core = pattern
        .get(usize::from(any_start)..pattern.len() - usize::from(any_end))
        .unwrap_or("");
    match (any_start, any_end) {
        (true, true) => text::contains(subject, core),
        (true, false) => subject.ends_with(core),
        (false, true) => subject.starts_with(core),
        (false, false) => subject == core,
    }
}

/// The [`Phrases`] of a `&[(&str, Dist)]` table, built at compile time.
macro_rules! phrases {
    ($table:expr) => {{
        const PHRASES: Phrases = Phrases {
            joined: joined!(phrases_of::<{ $table.len() }>($table)),
            dists: &dists_of::<{ $table.len() }>($table),
        };
        PHRASES
    }};
}

/// A phrase table's phrases.
const fn phrases_of<const N: usize>(table: &[(&'static str, Dist)]) -> [&'static str; N] {
    let mut phrases = [""; N];
    let mut i = 0;
    while i < N {
        phrases[i] = table[i].0;
        i += 1;
    }
    phrases
}

/// A phrase table's distributions.
const fn dists_of<const N: usize>(table: &[(&'static str, Dist)]) -> [Dist; N] {
    let mut dists: [Dist; N] = [&[]; N];
    let mut i = 0;
    while i < N {
        dists[i] = table[i].1;
        i += 1;
    }
    dists
}

/// Squid's `X-Squid-Error` values: the error page's name, then the errno where it matters
/// (Squid error pages docs), matched as `NAME ERRNO` by [`glob`]. The first match wins.
const SQUID_ERRORS: &[(&str, Dist)] = &[
    ("ERR_CONNECT_FAIL 110", CONNECT_TIMEOUT),
    ("ERR_CONNECT_FAIL 113", WRONG_ADDRESS),
    ("ERR_CONNECT_FAIL 101", WRONG_ADDRESS),
    ("ERR_CONNECT_FAIL *", DOWN),
    ("ERR_READ_TIMEOUT *", TIMEOUT),
    ("ERR_LIFETIME_EXP *", TIMEOUT),
    // errno 104 is ECONNRESET. Squid 5 says ERR_READ_ERROR 0 when it found no address to
    // try: a refused or unreachable peer given up, or a name that does not resolve.
    ("ERR_READ_ERROR 104", RESET),
    (
        "ERR_READ_ERROR *",
        &[
            (UpstreamDown, 45),
            (DnsFailure, 20),
            (UpstreamTimeout, 10),
            (UpstreamReset, 5),
        ],
    ),
    ("ERR_ZERO_SIZE_OBJECT *", RESET),
    ("ERR_WRITE_ERROR *", RESET),
    ("ERR_INVALID_RESP *", INVALID),
    ("ERR_DNS_FAIL *", DNS),
    ("ERR_SECURE_CONNECT_FAIL *", TLS),
    ("ERR_CANNOT_FORWARD *", NONE_AVAILABLE),
];

fn squid_error(value: &str) -> Option<Dist> {
    let mut parts = text::split(value, b" \t").filter(|part| !part.is_empty());
    let mut subject = parts.next()?.to_ascii_uppercase();
    subject.push(' ');
    subject.push_str(parts.next().unwrap_or(""));
    phrases!(SQUID_ERRORS).first(&subject, glob)
}

/// Vercel's `x-vercel-error` codes (vercel.com/docs/errors), matched by [`glob`].
const VERCEL_ERRORS: &[(&str, Dist)] = &[
    ("*_TIMEOUT", TIMEOUT),
    ("DNS_HOSTNAME*", DNS),
    ("NO_RESPONSE_FROM_FUNCTION", RESET),
    ("FUNCTION_INVOCATION_FAILED", FUNCTION_FAILED),
    ("EDGE_FUNCTION_INVOCATION_FAILED", FUNCTION_FAILED),
    ("FUNCTION_THROTTLED", OVERLOADED),
    ("DEPLOYMENT_PAUSED", MAINTENANCE),
    (
        "ROUTER_EXTERNAL_TARGET*",
        &[(UpstreamDown, 50), (UpstreamReset, 30)],
    ),
    ("*RESPONSE*", INVALID),
    ("BODY_NOT*", INVALID),
];
const FUNCTION_FAILED: Dist = &[(UpstreamDown, 50), (UpstreamReset, 20)];

fn vercel_error(value: &str) -> Option<Dist> {
    phrases!(VERCEL_ERRORS).first(&value.trim_ascii().to_ascii_uppercase(), glob)
}

/// Phrases of default error pages that name one cause, and the cause they name. The first
/// match wins, so specific phrases come before the general ones.
const TELLING_PHRASES: &[(&str, Dist)] = &[
    // HAProxy
    (
        "no server is available to handle this request",
        NONE_AVAILABLE,
    ),
    ("the server didn't respond in time", TIMEOUT),
    (
        "the server returned an invalid or incomplete response",
        RESET_OR_INVALID,
    ),
    // Envoy
    ("no healthy upstream", NO_HEALTHY),
    ("upstream request timeout", TIMEOUT),
    ("reset reason: overflow", OVERLOADED),
    ("reset reason: connection timeout", CONNECT_TIMEOUT),
    ("reset reason: connection termination", RESET),
    ("reset reason: protocol error", INVALID),
    ("reset reason: remote reset", RESET),
    ("tls_error", TLS),
    ("reset reason: connection failure", DOWN),
    ("remote connection failure", DOWN),
    ("delayed connect error", DOWN),
    // Kong
    ("failure to get a peer from the ring-balancer", NO_HEALTHY),
    ("the upstream server is timing out", TIMEOUT),
    (
        "an invalid response was received from the upstream server",
        INVALID,
    ),
    // Traefik, Caddy
    ("no available server", NO_HEALTHY),
    ("no upstreams available", NO_HEALTHY),
    // Fastly
    ("backend is unhealthy", NO_HEALTHY),
    ("no healthy ip available", NO_HEALTHY),
    ("first byte timeout", TIMEOUT),
    ("between bytes timeout", TIMEOUT),
    ("backend.max_conn reached", OVERLOADED),
    ("backend read error", RESET),
    ("backend write error", RESET),
    // Akamai
    ("zero size object", RESET),
    // Runtimes that die of memory on the way out
    ("javascript heap out of memory", OOM),
    ("outofmemoryerror", OOM),
    ("allowed memory size of", OOM),
    ("oomkilled", OOM),
    // Apache
    ("dns lookup failure for", DNS),
    ("error during ssl handshake", TLS),
    ("error reading from remote server", RESET_OR_INVALID),
    // IIS ARR / ASP.NET Core Module
    ("0x80072efd", DOWN),
    ("0x80072ee2", TIMEOUT),
    ("0x80072efe", RESET),
    ("0x80072f78", INVALID),
    ("http error 502.4", NO_HEALTHY),
    ("http error 502.5", DOWN),
    ("ancm out-of-process startup failure", DOWN),
    // Heroku
    ("herokucdn.com/error-pages/maintenance", MAINTENANCE),
    ("herokucdn.com/error-pages/no-web-dynos", DOWN),
    // CloudFront
    ("wasn't able to resolve the origin domain name", DNS),
    (
        "cloudfront wasn't able to connect to the origin",
        &[
            (UpstreamDown, 50),
            (WrongUpstreamAddress, 20),
            (UpstreamTimeout, 15),
        ],
    ),
    ("ssl certificate", TLS),
    ("ssl handshake", TLS),
    ("tls handshake", TLS),
];

/// Plain words that name the cause when the gateway wrote them itself (Fastly's and Varnish's
/// `obj.response`, Squid's errno text); in an app's page they may be about its database.
const OWN_PAGE_PHRASES: &[(&str, Dist)] = &[
    ("connection refused", DOWN),
    ("connection reset", RESET),
    ("connection timed out", CONNECT_TIMEOUT),
];

/// Phrases any gateway or app may write in plain English: they suggest a cause, they do not
/// prove it, so no more than 0.55. Trusted only in short bodies (error pages, not whole sites
/// whose scripts say "timeout").
const GENERAL_PHRASES: &[(&str, Dist)] = &[
    ("connection refused", SUGGESTS_DOWN),
    ("econnrefused", SUGGESTS_DOWN),
    ("could not connect", SUGGESTS_DOWN),
    ("unable to connect", SUGGESTS_DOWN),
    ("failed to connect", SUGGESTS_DOWN),
    ("connect failed", SUGGESTS_DOWN),
    ("connection failed", SUGGESTS_DOWN),
    ("unknown host", SUGGESTS_DNS),
    ("invalid http response", SUGGESTS_INVALID),
    ("failed to parse", SUGGESTS_INVALID),
    ("look like http", SUGGESTS_INVALID),
    // Node's HTTP parser (llhttp), as Node proxies relay it; PHP's "Parse error: syntax
    // error" is an app's own bug, not this.
    ("parse error: expected http/", SUGGESTS_INVALID),
    ("parse error: invalid", SUGGESTS_INVALID),
    // Traffic Server says it of a reset, a closed connection and junk alike.
    ("did not return the document correctly", SUGGESTS_BROKE_OFF),
    // Could not read the upstream's headers: they broke off or were no HTTP (tinyproxy).
    ("headers from the remote", SUGGESTS_BROKE_OFF),
    ("server hangup", SUGGESTS_RESET),
    ("data received", SUGGESTS_RESET),
    ("i/o timeout", SUGGESTS_TIMEOUT),
    ("i/o error", SUGGESTS_RESET),
    ("connection reset", SUGGESTS_RESET),
    ("econnreset", SUGGESTS_RESET),
    ("out of memory", SUGGESTS_OOM),
    ("name resolution", SUGGESTS_DNS),
    ("could not resolve", SUGGESTS_DNS),
    ("maintenance", SUGGESTS_MAINTENANCE),
    ("timed out", SUGGESTS_TIMEOUT),
    ("timeout occurred", SUGGESTS_TIMEOUT),
    ("too many requests", SUGGESTS_OVERLOAD),
    ("overloaded", SUGGESTS_OVERLOAD),
];
const SUGGESTS_DOWN: Dist = &[(UpstreamDown, 55), (WrongUpstreamAddress, 15)];
const SUGGESTS_INVALID: Dist = &[(UpstreamInvalidResponse, 55), (UpstreamReset, 15)];
const SUGGESTS_RESET: Dist = &[(UpstreamReset, 55), (UpstreamOutOfMemory, 15)];
const SUGGESTS_BROKE_OFF: Dist = &[(UpstreamInvalidResponse, 40), (UpstreamReset, 35)];
const SUGGESTS_OOM: Dist = &[(UpstreamOutOfMemory, 55), (UpstreamReset, 20)];
const SUGGESTS_DNS: Dist = &[(DnsFailure, 55), (WrongUpstreamAddress, 20)];
const SUGGESTS_MAINTENANCE: Dist = &[(Maintenance, 55), (Overloaded, 15)];
const SUGGESTS_TIMEOUT: Dist = &[(UpstreamTimeout, 55), (Overloaded, 15)];
const SUGGESTS_OVERLOAD: Dist = &[(Overloaded, 55), (UpstreamTimeout, 15)];
const SHORT_BODY: usize = 4096;

/// Default timeouts (ms) after which each gateway gives up on its upstream, per its docs:
/// a failure that took about this long was a timeout even when the page does not say so.
fn default_timeout_ms(gateway: Option<GatewayId>) -> Option<u64> {
    Some(match gateway? {
        Nginx | Apache | Varnish | AwsElb => 60_000,
        AwsCloudfront | GoogleFrontend | Heroku => 30_000,
        Envoy | Fastly => 15_000,
        Cloudflare => 100_000,
        Akamai | Iis => 120_000,
        Azure => 230_000,
        _ => return None,
    })
}

/// Slower than this, a failure was not a refusal, a reset or junk (those take milliseconds).
const SLOW_MS: u64 = 1_000;

/// Evidence that cannot tell an instant failure (refused, reset, junk) from a timeout:
/// timing decides. Gateways that answer a timeout with their own 504 did not time out when
/// they sent something else, however long it took: a slow failure there broke off.
///
/// It knows the readings it refines by address: each is a `static`'s array, and a static has
/// one address (a `const`'s own array need not: Rust promises no address for it).
fn with_timing(dist: Dist, elapsed_ms: Option<u64>, id: Option<GatewayId>) -> Dist {
    if core::ptr::eq(dist, NONE_AVAILABLE) {
        // HAProxy retries a refused connect 3 times, min(timeout connect, 1 s) apart.
        return match elapsed_ms {
            Some(2_500..=3_600) => NONE_AVAILABLE_AFTER_RETRIES,
            Some(ms) if ms >= SLOW_MS => NONE_AVAILABLE_AFTER_WAITING,
            _ => dist,
        };
    }
    // A refused connect fails at once: a connect failure that took seconds hung.
    if core::ptr::eq(dist, REFUSED_OR_NONE_LEFT) {
        return match elapsed_ms {
            Some(ms) if ms >= SLOW_MS => CONNECT_TIMEOUT,
            _ => dist,
        };
    }
    let untimed = [
        FAILED_FAST,
        NGINX_FAILED_FAST,
        RESET_OR_INVALID,
        HEROKU_APP_ERROR,
    ]
    .iter()
    .any(|d| core::ptr::eq(*d, dist));
    if !untimed {
        return dist;
    }
    let own_504 = matches!(
        id,
        Some(
            Nginx
                | Caddy
                | Haproxy
                | Lighttpd
                | Envoy
                | Squid
                | Traefik
                | AwsElb
                | Cloudflare
                | GoogleFrontend
                | AwsCloudfront
        )
    );
    // Caddy's 504 is for a slow answer only: its dial timeout is a 502.
    let connect_timeout_502 = id == Some(Caddy);
    match (elapsed_ms, default_timeout_ms(id)) {
        (Some(ms), _) if connect_timeout_502 && ms >= SLOW_MS => FAILED_SLOW_DIAL,
        (Some(ms), _) if own_504 && ms >= SLOW_MS => FAILED_SLOW_NOT_TIMEOUT,
        _ if own_504 => dist,
        // A product not known, untimed: most proxies answer a timeout with their own 504,
        // so its 502 is rather a refusal or a break-off.
        (None, _) if id.is_none() && core::ptr::eq(dist, FAILED_FAST) => dist,
        (None, _) if !core::ptr::eq(dist, RESET_OR_INVALID) => FAILED_UNTIMED,
        (Some(ms), Some(limit)) if ms >= limit * 9 / 10 => FAILED_AT_TIMEOUT,
        (Some(ms), _) if ms >= SLOW_MS => FAILED_SLOW,
        _ => dist,
    }
}

pub struct Diagnosis {
    pub causes: Vec<Cause>,
    pub failing_hop: Hop,
    /// `retry_after` of an RFC 9457 problem body (seconds → ms), for when no header says.
    pub problem_retry_after_ms: Option<u64>,
}

/// Which hop failed and the ranked causes. `body_lc` is the body, lower-cased; `own_page`
/// says the body is the gateway's own error page (not one its upstream sent).
pub fn diagnose(
    observation: &Observation,
    body_lc: &str,
    gateway: &Gateway,
    own_page: bool,
) -> Diagnosis {
    let status = observation.status;
    let id = gateway.id;
    let problem = Problem::read(observation, body_lc);
    let passed_through = !own_page && !body_lc.trim_ascii().is_empty();

    let told = telling(observation, body_lc, id, own_page, &problem);
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
        .map_or(&[][..], |d| with_timing(d, observation.elapsed_ms, id));

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
    page_words(body_lc, own_page)
}

/// What the page's words name: a gateway's or an app's phrase, Cloudflare's own plain page.
fn page_words(body_lc: &str, own_page: bool) -> Option<Dist> {
    if !READS_BODY {
        return None;
    }
    if let Some(dist) = phrases!(TELLING_PHRASES).find(body_lc) {
        return Some(dist);
    }
    if own_page {
        if let Some(dist) = phrases!(OWN_PAGE_PHRASES).find(body_lc) {
            return Some(dist);
        }
    }
    if cdn_itself(body_lc) {
        return Some(CDN_ITSELF);
    }
    // A gateway's own default page is no app's plain words (Apache's 503 mentions
    // "maintenance downtime" whatever happened).
    // A long page is read by its title only (an error page's says what went wrong).
    let plain_words = if body_lc.len() <= SHORT_BODY {
        Some(body_lc)
    } else {
        title(body_lc)
    };
    if let Some(words) = plain_words.filter(|_| !own_page) {
        if let Some(dist) = phrases!(GENERAL_PHRASES).find(words) {
            return Some(dist);
        }
    }
    None
}

/// The text of an HTML page's `<title>`, if it has a short one.
fn title(body_lc: &str) -> Option<&str> {
    let start = text::find(body_lc, "<title>")? + "<title>".len();
    let rest = body_lc.get(start..)?;
    rest.get(..text::find(rest, "</title>")?)
        .filter(|t| t.len() <= 200)
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
        // nginx's own 503 comes from limit_req / limit_conn, or a maintenance switch.
        (503, Some(Nginx)) => &[(Overloaded, 45), (Maintenance, 25), (UpstreamDown, 10)],
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
    let known: u32 = dist.iter().map(|&(_, percent)| u32::from(percent)).sum();
    let unknown = (Unknown, 100u32.saturating_sub(known).min(50) as u8);
    let mut causes: Vec<Cause> = Vec::new();
    for &(id, percent) in dist.iter().chain([&unknown]) {
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

/// Cloudflare's error page marks the failing hop of its browser → Cloudflare → host diagram.
fn cloudflare_error_source(body_lc: &str) -> Option<Hop> {
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
fn gateway_itself(observation: &Observation, body_lc: &str) -> Option<Hop> {
    (observation.headers.get("x-envoy-overloaded").is_some() || cdn_itself(body_lc))
        .then_some(Hop::Gateway)
}

/// Cloudflare's own plain 5xx page, signed `<center>cloudflare</center>`.
fn cdn_itself(body_lc: &str) -> bool {
    READS_BODY && text::contains(body_lc, "<center>cloudflare</center>")
}

/// The 1xxx (or 52x) code a Cloudflare page or plain-text error names.
fn cloudflare_body_code(body_lc: &str) -> Option<u32> {
    if !READS_BODY {
        return None;
    }
    ["cf-error-code\">", "error code: ", "error code "]
        .iter()
        .find_map(|key| leading_number(body_lc.get(text::find(body_lc, key)? + key.len()..)?))
}

/// The number `text` starts with: one to six ASCII digits.
fn leading_number(text: &str) -> Option<u32> {
    let len = text.bytes().take_while(u8::is_ascii_digit).count();
    // Six digits fit a u32.
    (1..=6)
        .contains(&len)
        .then(|| text::digits(text.get(..len).unwrap_or("")) as u32)
}

/// The fields of an RFC 9457 problem body (`application/problem+json`, or JSON with
/// `"status"`) that matter here, e.g. Cloudflare's structured errors.
#[derive(Default)]
struct Problem {
    error_code: Option<u32>,
    retry_after_s: Option<u64>,
    /// Cloudflare's `error_category`: `origin` or `cloudflare` names the failing hop.
    hop: Option<Hop>,
}

impl Problem {
    fn read(observation: &Observation, body_lc: &str) -> Problem {
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
fn json_field<'a>(json: &'a str, key: &str) -> Option<&'a str> {
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
            let diagnosis = diagnose(&obs, &body.to_ascii_lowercase(), &gateway, id.is_some());
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
            let diagnosis = diagnose(&obs, &body.to_ascii_lowercase(), &Gateway::default(), false);
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
