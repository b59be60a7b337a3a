//! The gateways whose log lines carry a code rather than a sentence: HAProxy's termination
//! state, Envoy's response flags, Heroku's router codes, Squid's result codes. Each table is
//! data with its source; the positional parsing lives in mod.rs.

use super::rules::*;
use crate::diagnose::CauseId::*;

pub const HAPROXY_SRC: &str = "HAProxy doc/configuration.txt §8.5 \"Session state at disconnection\" (github:haproxy/haproxy); recorded: tests/fixtures/logs/haproxy/";

/// HAProxy's two first termination-state characters → causes, or None when the session did
/// not end by an upstream failure (client aborts `C`/`c`, HAProxy's own answers `L`/`P`R…, `--`).
/// The doc's own words: `SC` "the server … explicitly refused the TCP connection" (recorded
/// also for TLS spoken to a plain-HTTP server), `sC` connect timeout, `SH` "the server aborted
/// before sending its full HTTP response headers, or it crashed", `sH` server timeout before
/// headers, `SD`/`sD` the same during data, `PH` "the proxy blocked the server's HTTP response,
/// because it was invalid", `sQ` queue timeout, `D`: killed because the server went down.
pub fn haproxy(first: u8, second: u8, no_server: bool) -> Option<Dist> {
    Some(match (first, second) {
        (b's', b'Q') | (b'S', b'Q') => OVERLOADED,
        (b'S', b'C') if no_server => NO_HEALTHY,
        (b'S', b'C') => &[
            (UpstreamDown, 60),
            (TlsFailure, 20),
            (WrongUpstreamAddress, 10),
        ],
        (b's', b'C') => CONNECT_TIMEOUT,
        (b'S', b'H') => RESET,
        (b's', b'H') => READ_TIMEOUT,
        (b'S', b'D') => RESET,
        (b's', b'D') => &[(UpstreamTimeout, 90)],
        (b'P', b'H') => INVALID,
        (b'P', b'D') => INVALID,
        (b'D', _) => DOWN,
        (b'R', b'C') => OVERLOADED,
        _ => return None,
    })
}

pub const ENVOY_SRC: &str = "Envoy docs, configuration/observability/access_log/usage \"%RESPONSE_FLAGS%\" (envoyproxy.io); lines: tests/fixtures/logs/envoy/";

/// Envoy's response flags, most telling first (a line may carry several: `UF,URX`).
pub static ENVOY: &[(&[u8], Dist)] = &[
    (b"UH", NO_HEALTHY),
    (b"NR", &[(WrongUpstreamAddress, 75)]),
    (b"NC", &[(WrongUpstreamAddress, 75)]),
    (b"DF", DNS),
    (b"UO", OVERLOADED),
    (b"RL", OVERLOADED),
    (b"UPE", INVALID),
    (b"UT", READ_TIMEOUT),
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
    (b"H12", READ_TIMEOUT),                                    // Request timeout
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
/// took a second or more points to a timeout (a refusal is instant). A 503 read through a peer
/// is the app's own answer, not a failure.
pub fn squid(status: u16, through_peer: bool, direct: bool, elapsed_ms: u64) -> Option<Dist> {
    let slow = elapsed_ms >= 1000;
    Some(match (status, through_peer || direct, slow) {
        (504, _, _) => &[(UpstreamTimeout, 85), (UpstreamDown, 5)],
        (502 | 503, false, true) => &[(UpstreamTimeout, 60), (UpstreamDown, 25)],
        (502 | 503, false, false) => &[
            (UpstreamDown, 45),
            (DnsFailure, 15),
            (TlsFailure, 15),
            (UpstreamTimeout, 10),
        ],
        // A forward proxy logs HIER_DIRECT/ip for the address it tried, reached or not; a
        // 503 there may also be the origin's own.
        (503, true, true) if direct => &[(UpstreamTimeout, 50), (UpstreamDown, 20)],
        (503, true, false) if direct => &[(UpstreamDown, 40), (UpstreamTimeout, 10)],
        (502, true, _) => &[(UpstreamReset, 45), (UpstreamInvalidResponse, 35)],
        _ => return None,
    })
}

pub const TRAEFIK_SRC: &str = "Traefik docs, observability/access-logs (CLF + router, server URL, duration); a status alone: 502/503/504 as Traefik's proxy writes them";

/// Traefik's access log has only the status; its own log line (`'502 Bad Gateway' caused by:
/// …`) has the reason and is read by the Go rules.
pub fn traefik(status: u16) -> Option<Dist> {
    Some(match status {
        504 => &[(UpstreamTimeout, 85)],
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
