//! The gateways whose log lines carry a code rather than a sentence: HAProxy's termination
//! state, Envoy's response flags, Heroku's router codes, Squid's result codes. Each table is
//! data with its source; the positional parsing lives in each gateway's reader (haproxy.rs, squid.rs…).

use super::rules::*;
use crate::diagnose::CauseId::*;

pub const HAPROXY_SRC: &str = "HAProxy doc/configuration.txt §8.5 \"Stream state at disconnection\" (github:haproxy/haproxy 50872daa, the \"most common termination flags combinations\" table); recorded: tests/fixtures/logs/haproxy/";

/// HAProxy's two first termination-state characters (and the status HAProxy answered) →
/// causes, or None when the stream did not end by an upstream failure: the client's aborts
/// and timeouts (`C?`, `c?`), HAProxy's local answers (`L?`), an admin's or a backup's kill
/// (`K`, `U`), an internal error (`I`), a request blocked (`PR`), normal ends (`--`).
/// The doc's words, row by row, and what else they can mean:
pub fn haproxy(first: u8, second: u8, no_server: bool, status: Option<u64>) -> Option<Dist> {
    Some(match (first, second) {
        // sQ "spent too much time in queue": servers at maxconn.
        (b's', b'Q') | (b'S', b'Q') => OVERLOADED,
        // SC with <NOSRV>: no server could be chosen: all DOWN by their checks, in maintenance
        // (an admin's, or "DNS NX status": the name does not resolve, recorded:
        // haproxy/dns-fail), or none in the backend. The line alone cannot say which; the
        // server's state line before it can ("Server be/a is DOWN, reason: …", read apart
        // as a health line with its reason).
        (b'S', b'C') if no_server => NOSRV,
        // SC "explicitly refused the TCP connection (RST or ICMP) … or no route, no ARP":
        // down or the wrong address; recorded also for TLS spoken to a plain-HTTP server,
        // timers and all (tests/fixtures/logs/haproxy/tls-to-plain).
        (b'S', b'C') => &[
            (UpstreamDown, 55),
            (WrongUpstreamAddress, 20),
            (TlsFailure, 15),
        ],
        // sC "timeout connect stroke".
        (b's', b'C') => CONNECT_TIMEOUT,
        // SH "aborted before sending its full HTTP response headers, or it crashed" (or an
        // IDS in between).
        (b'S', b'H') => RESET,
        // sH "timeout server stroke before the server could return its response headers":
        // a slow request, or one that waited in the app's own queue (FIRST_BYTE_TIMEOUT).
        (b's', b'H') => FIRST_BYTE_TIMEOUT,
        // SD "died with an error during the data transfer" (RST, ICMP: crash or network).
        (b'S', b'D') => RESET,
        // sD "did not send nor acknowledge any data … timeout server" in the data phase.
        (b's', b'D') => &[(UpstreamTimeout, 85), (UpstreamReset, 10)],
        // PH "blocked the server's response, because it was invalid" → 502. The same flags
        // with 400 are the client's chunked request, with 500 a header rewrite of HAProxy's
        // own: not the server's.
        (b'P', b'H') if matches!(status, Some(400 | 500)) => return None,
        (b'P', b'H') => PH_INVALID,
        // PD "incorrectly formatted chunked encoded message … after the server has emitted
        // its headers".
        (b'P', b'D') => INVALID,
        // PC "the process's socket limit has been reached": HAProxy's own limit.
        (b'P', b'C') => OVERLOADED,
        // D "killed … because the server was detected as down".
        (b'D', _) => DOWN,
        // R "a resource on the proxy has been exhausted (memory, sockets, source ports)".
        (b'R', b'C') => OVERLOADED,
        _ => return None,
    })
}

/// `<NOSRV>`: no server to choose: every server DOWN by its checks, or in maintenance (an
/// admin's `disabled`, `set server … state maint`, the stats page's 'disable'; recorded:
/// haproxy/b6-disabled-maint), or its name did not resolve (src/server.c's "DNS NX status").
pub const NOSRV: Dist = &[
    (NoHealthyUpstream, 60),
    (UpstreamDown, 10),
    (Maintenance, 10),
    (DnsFailure, 10),
];

/// `PH` with the server's 502: its answer did not parse as HTTP (src/http_ana.c
/// http_wait_for_response(), the H1 parser's error). Either the app answers broken HTTP (a
/// header with a bad character, junk), or the server line names a port where something that
/// is not the app listens: a mail, cache or database server answers its own protocol to
/// HAProxy's request (recorded: haproxy/b16-smtp-port, an SMTP banner then its refusal of
/// `GET`, `PH--` the same as junk's). The line cannot say which, so no more than 0.6.
pub const PH_INVALID: Dist = &[
    (UpstreamInvalidResponse, 60),
    (WrongUpstreamAddress, 25),
    (UpstreamReset, 5),
];

pub const HAPROXY_ERR_SRC: &str = "HAProxy src/connection.c conn_err_code_name()/conn_err_code_str() (the bc_err_name / bc_err_str sample fetches, in a log-format that carries them)";

/// The backend connection's error, by name (`SSL_HANDSHAKE`, `EREFUSED`) or by its text ("SSL
/// handshake failure", "ECONNREFUSED returned by OS"), when a log-format carries it.
pub fn haproxy_conn_err(text: &[u8]) -> Option<Dist> {
    use super::bytes::contains;
    Some(
        if contains(text, b"SSL_")
            || contains(text, b"SSL handshake")
            || contains(text, b"during SSL")
        {
            TLS
        } else if contains(text, b"EREFUSED") || contains(text, b"ECONNREFUSED") {
            REFUSED
        } else if contains(text, b"EUNREACH") || contains(text, b"ENETUNREACH") {
            &[(WrongUpstreamAddress, 55), (UpstreamDown, 35)]
        } else if contains(text, b"ERESET") || contains(text, b"ECONNRESET") {
            RESET
        } else {
            return None;
        },
    )
}

pub const ENVOY_SRC: &str = "Envoy docs, configuration/observability/access_log/usage \"%RESPONSE_FLAGS%\" (envoyproxy.io); lines: tests/fixtures/logs/envoy/";

/// Envoy's response flags, most telling first (a line may carry several: `UF,URX`).
pub static ENVOY: &[(&[u8], Dist)] = &[
    (b"UH", NO_HEALTHY),
    (b"NR", &[(WrongUpstreamAddress, 75)]),
    (b"NC", &[(WrongUpstreamAddress, 75)]),
    (b"DF", DNS),
    (b"UO", OVERLOADED),
    (b"RL", GATEWAY_LIMIT),
    (b"UPE", INVALID),
    (b"UT", FIRST_BYTE_TIMEOUT),
    // "Upstream connection failure": refused, a connect timeout or a failed TLS handshake.
    (b"UF", CONNECT_FAILED),
    (b"UC", RESET),
    (b"UR", RESET),
    (b"LR", &[(UpstreamReset, 50), (UpstreamTimeout, 20)]),
    (b"URX", READ_FAILED),
    (b"SI", &[(UpstreamTimeout, 80)]),
    (b"UMSDR", &[(UpstreamTimeout, 85)]),
];

pub const HEROKU_SRC: &str =
    "Heroku Dev Center, Heroku Error Codes (https://devcenter.heroku.com/articles/error-codes)";

/// Heroku's router codes (`at=error code=H10`) and runtime memory errors (`R14`, `R15`).
pub static HEROKU: &[(&[u8], Dist)] = &[
    (b"H10", &[(UpstreamDown, 85), (UpstreamOutOfMemory, 5)]), // App crashed
    (b"H11", OVERLOADED),                                      // Backlog too deep
    (b"H12", FIRST_BYTE_TIMEOUT),                              // Request timeout
    (b"H13", RESET),                                           // Connection closed without response
    (b"H14", &[(UpstreamDown, 85), (WrongUpstreamAddress, 5)]), // No web dynos running
    (b"H15", &[(UpstreamTimeout, 70)]),                        // Idle connection
    (b"H17", INVALID),                                         // Poorly formatted HTTP response
    (b"H18", RESET),                                           // Server request interrupted
    (b"H19", CONNECT_TIMEOUT),                                 // Backend connection timeout
    (b"H20", &[(UpstreamDown, 70), (UpstreamTimeout, 20)]),    // App boot timeout
    (b"H21", REFUSED),                                         // Backend connection refused
    (b"H22", OVERLOADED),                                      // Connection limit reached
    (b"H23", &[(WrongUpstreamAddress, 80)]),                   // Endpoint misconfigured
    (b"H24", RESET),                                           // Forced close
    (b"H31", &[(WrongUpstreamAddress, 70)]),                   // Misdirected request
    (b"H80", &[(Maintenance, 95)]),                            // Maintenance mode
    (b"H81", &[(WrongUpstreamAddress, 60)]),                   // Blank app
    (b"R14", &[(UpstreamOutOfMemory, 90)]),                    // Memory quota exceeded
    (b"R15", &[(UpstreamOutOfMemory, 95)]),                    // Memory quota vastly exceeded
];

pub const SQUID_ACCESS_SRC: &str = "Squid wiki SquidFaq/SquidLogs (access.log native format, result codes, hierarchy codes); recorded: tests/fixtures/logs/squid/";

/// Squid's native access.log: the status, whether the answer came through a peer
/// (`FIRSTUP_PARENT/10.0.0.2`: the peer's bytes were read; `HIER_NONE/-`: no connection was
/// made) and the elapsed time. The line never says why a connection failed: refused, DNS and TLS
/// failures all read `TCP_MISS/502 … HIER_NONE/-` at once, so these spread; a connect that
/// took a second or more points to a timeout (a refusal is instant). A 503 through a peer that
/// had been reached before is Squid's own ERR_CONNECT_FAIL when its page is Squid's size
/// (squid.rs keeps an app's own small 503 away).
pub fn squid(status: u16, through_peer: bool, direct: bool, elapsed_ms: u64) -> Option<Dist> {
    let slow = elapsed_ms >= 1000;
    Some(match (status, through_peer || direct, slow) {
        // read_timeout before the headers (a timeout after them is logged with the origin's
        // status, TCP_MISS/200): slow or queued in the app's own listen queue alike.
        (504, _, _) => FIRST_BYTE_TIMEOUT,
        // HIER_NONE 502 after a second or more: no server connection was tried and no error
        // was set (FwdState::completed's ERR_READ_ERROR, "we quit before an error"), yet time
        // went by: the name lookup, which is done before any connection (recorded:
        // squid/b8-dns-dead, a DNS server that does not answer, 6 s = two dns_timeout). A
        // connect that timed out is named (ERR_CONNECT_FAIL, 503: squid/forward-timeout); a
        // slow lookup that then met a refusal or a DEAD peer reads the same.
        (502, false, true) => &[(DnsFailure, 45), (UpstreamTimeout, 25), (UpstreamDown, 15)],
        (503, false, true) => &[(UpstreamTimeout, 60), (UpstreamDown, 25)],
        // HIER_NONE 503, at once: Squid's own page for a forwarding that never got a server
        // connection. A failed TLS handshake with the peer is ERR_SECURE_CONNECT_FAIL, built
        // with 503 (src/security/PeerConnector.cc, SQUID_5_7; recorded: squid/tls-to-plain,
        // squid/d-tls-to-plain); ERR_CANNOT_FORWARD (FwdState.cc, a connection lost while
        // queued) and ERR_DNS_FAIL (peer_select.cc, direct forwarding) are 503 too. A peer
        // refused, DEAD or unresolvable reads 502 here (FwdState::completed's ERR_READ_ERROR,
        // "we quit before an error"; recorded: squid/refused, b-peer-dead, d-dns), a refused
        // connect attempt 503 through the peer (HappyConnOpener::makeError, squid/died).
        (503, false, false) => &[
            (TlsFailure, 45),
            (UpstreamDown, 20),
            (DnsFailure, 15),
            (NoHealthyUpstream, 10),
        ],
        // HIER_NONE, at once: no server was reached: refused, a name that did not resolve, a
        // failed handshake, or every peer DEAD (recorded: squid/b-peer-dead).
        (502, false, false) => &[
            (UpstreamDown, 45),
            (DnsFailure, 15),
            (TlsFailure, 15),
            (UpstreamTimeout, 10),
            (NoHealthyUpstream, 10),
        ],
        // A forward proxy logs HIER_DIRECT/ip for the address it tried, reached or not; a
        // 503 there may also be the origin's own.
        (503, true, true) if direct => &[(UpstreamTimeout, 50), (UpstreamDown, 20)],
        (503, true, false) if direct => &[(UpstreamDown, 40), (UpstreamTimeout, 10)],
        // `TCP_MISS/503 … FIRSTUP_PARENT/10.0.0.2` with Squid's own page: the connect to a peer
        // that had come up failed (src/HappyConnOpener.cc makeError(ERR_CONNECT_FAIL), built
        // with 503; the hierarchy names the peer tried; cache.log says "TCP connection to …
        // failed"). Recorded: an app stopped or killed after serving (squid/died,
        // b11-gu-stopped, b33-squid-deploy-restart, b38-sq-crash-warm: a refusal, at once), a
        // full listen queue or no free local port (b11-uw-listen, b14-ports-exhausted:
        // overloaded), SYNs dropped (b38-sq-silenced-warm: 3.2 s). What else it could mean: an
        // app's own 503 page as large as Squid's, relayed (an app's small one is not read,
        // squid.rs), so no more than 0.45.
        (503, true, false) => &[
            (UpstreamDown, 45),
            (Overloaded, 20),
            (WrongUpstreamAddress, 10),
        ],
        (503, true, true) => &[(UpstreamTimeout, 45), (Overloaded, 30), (UpstreamDown, 10)],
        // The peer was reached and its answer failed: a close or a reset, junk or a header
        // over Squid's limit, or TLS (recorded: squid/tls-verify and squid/plain-to-tls read
        // the same).
        (502, true, _) => &[
            (UpstreamReset, 45),
            (UpstreamInvalidResponse, 35),
            (TlsFailure, 10),
        ],
        _ => return None,
    })
}

/// The smallest and largest `%<st` less twice the URL (`%ru`) that Squid 5.7's English
/// ERR_INVALID_RESP page (junk, a bad status line, a header over reply_header_max_size)
/// takes, for a `visible_hostname` of 1 to 31 characters. Squid's 502 reply through a server
/// it reached is one of a few stock pages, and `%<st` is that page with its headers: the
/// template, the URL twice (the link and its text) and the host name four times (X-Cache,
/// X-Cache-Lookup, Via and the page's footer). Measured on loopback (Debian's squid 5.7-2,
/// curl without Accept-Language; tests/fixtures/logs/squid/, `visible_hostname localhost`,
/// and session 16's runs with `vm`, `localhost` and a 41-character name: 4 bytes a
/// character): for a host name of h characters, a close before any answer
/// (ERR_ZERO_SIZE_OBJECT) is 3 272 + 4h, a reset (ERR_READ_ERROR, "(104) Connection reset by
/// peer") 3 372 + 4h, a refusal or a failed certificate check 3 350 + 4h, junk or a bad status
/// 3 494–3 505 + 4h, a header over the limit 3 562 + 4h. So 3 498 splits a reset from junk
/// for any host name of 1 to 31 characters.
/// What else the same size could mean: a reset with a host name of 32 characters or more; a
/// page in the visitor's language (Accept-Language, 16 languages measured at `localhost`: a
/// reset is over the line in Russian, Ukrainian and Japanese, 3 549, 3 580 and 3 509, whose
/// letters take 2–3 bytes; junk is over it in all 16); an app's own 502 page of that size
/// relayed; an operator's own `error_directory`: so no more than 0.45. The top, 4 100, takes junk
/// in every language measured (Russian 3 897); above it is no page of Squid's 502.
pub const SQUID_INVALID_PAGE_BYTES: core::ops::RangeInclusive<u64> = 3498..=4100;
/// A CONNECT answered 503 at once with no server reached (`TAG_NONE/503 0 CONNECT
/// example.com:443 - HIER_NONE/- -`, Squid 6's line for a refused tunnel, squid-cache/squid#1354,
/// where Squid 5.7 wrote `HIER_DIRECT/ip`: recorded, squid/b-connect-refused). A tunnel relays
/// the client's own TLS, so Squid's failed handshake (ERR_SECURE_CONNECT_FAIL, the leading
/// reading of a GET's 503, `squid`) is not one of its causes: a refusal, a name that did not
/// resolve (ERR_DNS_FAIL is 503 too) or Squid's own state (an allowlisted host's tunnels
/// refused while others pass: held out, wild/w6-squid-pier-15-tunnel-503), so no more than 0.45.
pub const SQUID_CONNECT_UNREACHED: Dist = &[
    (UpstreamDown, 45),
    (DnsFailure, 25),
    (NoHealthyUpstream, 10),
];
/// A 502 through a server whose page is ERR_INVALID_RESP's size (SQUID_INVALID_PAGE_BYTES).
pub const SQUID_INVALID_PAGE: Dist = &[
    (UpstreamInvalidResponse, 45),
    (UpstreamReset, 25),
    (TlsFailure, 5),
];

/// Squid's ERR_CONNECT_FAIL with no errno, logged after a second or more (squid.rs).
pub const SQUID_SLOW_CONNECT_FAIL: Dist = &[(UpstreamTimeout, 60), (UpstreamDown, 25)];

/// Squid's access line in a logformat without the hierarchy (`%Sh`) nor `%err_code`: the
/// status and the elapsed time only. A 503 is not read (an app's own 503 relayed is the same
/// line). A quick 502 is a server reached whose answer failed (a reset, a close, junk) or no
/// server reached at all (a refusal, a name that did not resolve: Squid 5.7 logs those 502
/// too, FwdState::completed's ERR_READ_ERROR); a slow one a timeout or a slow refusal.
pub fn squid_unplaced(status: u16, elapsed_ms: u64) -> Option<Dist> {
    Some(match (status, elapsed_ms >= 1000) {
        (504, _) => &[(UpstreamTimeout, 60), (UpstreamDown, 5)],
        (502, true) => &[(UpstreamTimeout, 45), (UpstreamDown, 25), (DnsFailure, 10)],
        (502, false) => &[
            (UpstreamReset, 35),
            (UpstreamDown, 30),
            (UpstreamInvalidResponse, 20),
            (DnsFailure, 5),
            (TlsFailure, 5),
        ],
        _ => return None,
    })
}

pub const TRAEFIK_SRC: &str = "Traefik docs, observability/access-logs (CLF + router, server URL, duration); a status alone: 502/503/504 as Traefik's proxy writes them";

/// Traefik's access log has only the status; its own log line (`'502 Bad Gateway' caused by:
/// …`) has the reason and is read by the Go rules.
pub fn traefik(status: u16) -> Option<Dist> {
    Some(match status {
        // Traefik's own 504 (the server's answer took too long) reads the same as the app's
        // own 504 relayed: a status alone stays at 0.6.
        504 => &[(UpstreamTimeout, 60)],
        503 => &[(NoHealthyUpstream, 60), (UpstreamDown, 25)],
        502 => &[
            (UpstreamDown, 40),
            (UpstreamReset, 25),
            (UpstreamInvalidResponse, 15),
            (DnsFailure, 5),
        ],
        _ => return None,
    })
}
