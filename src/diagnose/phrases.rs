//! The words: phrases of default error pages and vendor error codes, and what each names.

use super::cloudflare::cdn_itself;
use super::readings::*;
use super::CauseId::*;
use crate::i18n::{joined, lines};
use crate::observation::READS_BODY;
use crate::text;

/// A phrase table as the wasm holds it: the phrases in one joined string and their
/// distributions in order (as `(&str, Dist)` pairs, 16 bytes of pointers and lengths each).
pub(super) struct Phrases {
    joined: &'static str,
    dists: &'static [Dist],
}

impl Phrases {
    /// The distribution of the first phrase `matches(subject, phrase)` holds for: one loop for
    /// every table (a closure each would be a copy each).
    pub(super) fn first(&self, subject: &str, matches: fn(&str, &str) -> bool) -> Option<Dist> {
        let index = lines(self.joined).position(|phrase| matches(subject, phrase))?;
        self.dists.get(index).copied()
    }

    /// The distribution of the first phrase in `body_lc`.
    pub(super) fn find(&self, body_lc: &str) -> Option<Dist> {
        self.first(body_lc, text::contains)
    }
}

/// `subject` against `pattern`, where a `*` at either end of the pattern stands for any text.
pub(super) fn glob(subject: &str, pattern: &str) -> bool {
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
pub(super) const fn phrases_of<const N: usize>(
    table: &[(&'static str, Dist)],
) -> [&'static str; N] {
    let mut phrases = [""; N];
    let mut i = 0;
    while i < N {
        phrases[i] = table[i].0;
        i += 1;
    }
    phrases
}

/// A phrase table's distributions.
pub(super) const fn dists_of<const N: usize>(table: &[(&'static str, Dist)]) -> [Dist; N] {
    let mut dists: [Dist; N] = [NOTHING; N];
    let mut i = 0;
    while i < N {
        dists[i] = table[i].1;
        i += 1;
    }
    dists
}

/// Squid's `X-Squid-Error` values: the error page's name, then the errno where it matters
/// (Squid error pages docs), matched as `NAME ERRNO` by [`glob`]. The first match wins.
pub(super) const SQUID_ERRORS: &[(&str, Dist)] = &[
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
        &Reading::new(&[
            (UpstreamDown, 45),
            (DnsFailure, 20),
            (UpstreamTimeout, 10),
            (UpstreamReset, 5),
        ]),
    ),
    ("ERR_ZERO_SIZE_OBJECT *", RESET),
    ("ERR_WRITE_ERROR *", RESET),
    ("ERR_INVALID_RESP *", INVALID),
    ("ERR_DNS_FAIL *", DNS),
    ("ERR_SECURE_CONNECT_FAIL *", TLS),
    ("ERR_CANNOT_FORWARD *", NONE_AVAILABLE),
];

pub(super) fn squid_error(value: &str) -> Option<Dist> {
    let mut parts = text::split(value, b" \t").filter(|part| !part.is_empty());
    let mut subject = parts.next()?.to_ascii_uppercase();
    subject.push(' ');
    subject.push_str(parts.next().unwrap_or(""));
    phrases!(SQUID_ERRORS).first(&subject, glob)
}

/// Vercel's `x-vercel-error` codes (vercel.com/docs/errors), matched by [`glob`].
pub(super) const VERCEL_ERRORS: &[(&str, Dist)] = &[
    ("*_TIMEOUT", TIMEOUT),
    ("DNS_HOSTNAME*", DNS),
    ("NO_RESPONSE_FROM_FUNCTION", RESET),
    ("FUNCTION_INVOCATION_FAILED", FUNCTION_FAILED),
    ("EDGE_FUNCTION_INVOCATION_FAILED", FUNCTION_FAILED),
    ("FUNCTION_THROTTLED", OVERLOADED),
    ("DEPLOYMENT_PAUSED", MAINTENANCE),
    (
        "ROUTER_EXTERNAL_TARGET*",
        &Reading::new(&[(UpstreamDown, 50), (UpstreamReset, 30)]),
    ),
    ("*RESPONSE*", INVALID),
    ("BODY_NOT*", INVALID),
];
pub(super) const FUNCTION_FAILED: Dist = &Reading::new(&[(UpstreamDown, 50), (UpstreamReset, 20)]);

pub(super) fn vercel_error(value: &str) -> Option<Dist> {
    phrases!(VERCEL_ERRORS).first(&value.trim_ascii().to_ascii_uppercase(), glob)
}

/// Phrases of default error pages that name one cause, and the cause they name. The first
/// match wins, so specific phrases come before the general ones.
pub(super) const TELLING_PHRASES: &[(&str, Dist)] = &[
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
    // Kong prints this for every 502 of nginx underneath: a refused connection and a reset
    // as well as an answer that is not HTTP (Kong issues #5054, #11864, #3314).
    (
        "an invalid response was received from the upstream server",
        KONG_502,
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
    // Akamai ("Service Unavailable - DNS failure": its edge could not resolve the origin)
    ("zero size object", RESET),
    ("service unavailable - dns failure", DNS),
    // Runtimes that die of memory on the way out
    ("javascript heap out of memory", OOM),
    ("outofmemoryerror", OOM),
    ("allowed memory size of", OOM),
    ("oomkilled", OOM),
    // Apache (a target whose path was glued to its port is read first: glued_proxy_target)
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
        &Reading::new(&[
            (UpstreamDown, 50),
            (WrongUpstreamAddress, 20),
            (UpstreamTimeout, 15),
        ]),
    ),
    ("ssl certificate", TLS),
    ("ssl handshake", TLS),
    ("tls handshake", TLS),
];

/// Plain words that name the cause when the gateway wrote them itself (Fastly's and Varnish's
/// `obj.response`, Squid's errno text); in an app's page they may be about its database.
pub(super) const OWN_PAGE_PHRASES: &[(&str, Dist)] = &[
    ("connection refused", DOWN),
    ("connection reset", RESET),
    ("connection timed out", CONNECT_TIMEOUT),
];

/// Phrases any gateway or app may write in plain English: they suggest a cause, they do not
/// prove it, so no more than 0.55. Trusted only in short bodies (error pages, not whole sites
/// whose scripts say "timeout").
pub(super) const GENERAL_PHRASES: &[(&str, Dist)] = &[
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
pub(super) const SUGGESTS_DOWN: Dist =
    &Reading::new(&[(UpstreamDown, 55), (WrongUpstreamAddress, 15)]);
pub(super) const SUGGESTS_INVALID: Dist =
    &Reading::new(&[(UpstreamInvalidResponse, 55), (UpstreamReset, 15)]);
pub(super) const SUGGESTS_RESET: Dist =
    &Reading::new(&[(UpstreamReset, 55), (UpstreamOutOfMemory, 15)]);
pub(super) const SUGGESTS_BROKE_OFF: Dist =
    &Reading::new(&[(UpstreamInvalidResponse, 40), (UpstreamReset, 35)]);
pub(super) const SUGGESTS_OOM: Dist =
    &Reading::new(&[(UpstreamOutOfMemory, 55), (UpstreamReset, 20)]);
pub(super) const SUGGESTS_DNS: Dist =
    &Reading::new(&[(DnsFailure, 55), (WrongUpstreamAddress, 20)]);
pub(super) const SUGGESTS_MAINTENANCE: Dist = &Reading::new(&[(Maintenance, 55), (Overloaded, 15)]);
pub(super) const SUGGESTS_TIMEOUT: Dist = &Reading::new(&[(UpstreamTimeout, 55), (Overloaded, 15)]);
pub(super) const SUGGESTS_OVERLOAD: Dist =
    &Reading::new(&[(Overloaded, 55), (UpstreamTimeout, 15)]);
pub(super) const SHORT_BODY: usize = 4096;

/// What the page's words name: a gateway's or an app's phrase, Cloudflare's own plain page.
pub(super) fn page_words(body_lc: &str, text_lc: &str, own_page: bool) -> Option<Dist> {
    if !READS_BODY {
        return None;
    }
    if let Some(dist) = glued_proxy_target(text_lc) {
        return Some(dist);
    }
    // The body as it came, then its text (an HTML page breaks a phrase with tags and line
    // breaks; a copy from the browser has none of its markup).
    let telling = phrases!(TELLING_PHRASES);
    if let Some(dist) = telling.find(body_lc).or_else(|| telling.find(text_lc)) {
        return Some(dist);
    }
    if own_page {
        let own = phrases!(OWN_PAGE_PHRASES);
        if let Some(dist) = own.find(body_lc).or_else(|| own.find(text_lc)) {
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
pub(super) fn title(body_lc: &str) -> Option<&str> {
    let start = text::find(body_lc, "<title>")? + "<title>".len();
    let rest = body_lc.get(start..)?;
    rest.get(..text::find(rest, "</title>")?)
        .filter(|t| t.len() <= 200)
}

/// Apache's "DNS lookup failure for: 127.0.0.1:8080sogo": a `ProxyPass` target without its
/// slash glues the path to the port, and Apache looks the whole up as a name. A name with a
/// port and then letters, or an IP address, is no name DNS could fail on: the proxy's target
/// is written wrong. ("DNS lookup failure for: backend" stays a DNS failure.)
fn glued_proxy_target(text_lc: &str) -> Option<Dist> {
    let key = "dns lookup failure for: ";
    let rest = text_lc.get(text::find(text_lc, key)? + key.len()..)?;
    let target = text::split(rest, b" <").next()?;
    let colon = text::rfind(target, ":")?;
    let (host, port) = (target.get(..colon)?, target.get(colon + 1..)?);
    let digits = port.bytes().take_while(u8::is_ascii_digit).count();
    let glued = digits > 0 && digits < port.len();
    let ip_literal = !host.is_empty() && host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    (glued || ip_literal).then_some(GLUED_TARGET)
}
/// What else prints it: nothing but a target Apache cannot resolve as written; a real name
/// that failed to resolve is read by the "dns lookup failure for" phrase.
const GLUED_TARGET: Dist = &Reading::new(&[(WrongUpstreamAddress, 75), (DnsFailure, 10)]);
/// Kong's one 502 message: refused and reset connections print it as often as junk does.
const KONG_502: Dist = &Reading::new(&[
    (UpstreamDown, 40),
    (UpstreamReset, 30),
    (UpstreamInvalidResponse, 15),
]);
