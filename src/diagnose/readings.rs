//! The readings: what a piece of evidence says of the causes, as a distribution in percent,
//! and how timing may refine it ([`Timing`], named, so no reading is known by its address).

use super::CauseId::{self, *};

/// How timing refines a reading (see `timing::with_timing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Timing {
    /// Timing changes nothing.
    Fixed,
    /// HAProxy's "No server is available": at once, after its retries, or after waiting.
    NoneAvailable,
    /// Apache's and lighttpd's own 503: a refusal at once, a connect timeout when slow.
    RefusedOrNoneLeft,
    /// A failed fetch from a product not known that says nothing of why.
    FailedFast,
    /// nginx's fast 502.
    NginxFailedFast,
    /// A response that broke off or did not parse.
    ResetOrInvalid,
    /// Heroku's one "Application Error" page.
    AppError,
}

/// A distribution over causes, in percent (two bytes an entry); the rest up to 100 is
/// `unknown`; and how timing refines it.
#[derive(Debug, PartialEq)]
pub(super) struct Reading {
    pub causes: &'static [(CauseId, u8)],
    pub timing: Timing,
}

impl Reading {
    pub const fn new(causes: &'static [(CauseId, u8)]) -> Reading {
        Reading {
            causes,
            timing: Timing::Fixed,
        }
    }

    const fn timed(timing: Timing, causes: &'static [(CauseId, u8)]) -> Reading {
        Reading { causes, timing }
    }
}

/// A reading as the tables hold it: one pointer.
pub(super) type Dist = &'static Reading;

/// No evidence at all: everything is `unknown`.
pub(super) const NOTHING: Dist = &Reading::new(&[]);

pub(super) const DOWN: Dist = &Reading::new(&[(UpstreamDown, 80), (WrongUpstreamAddress, 10)]);
pub(super) const RESET: Dist = &Reading::new(&[
    (UpstreamReset, 75),
    (UpstreamOutOfMemory, 10),
    (UpstreamDown, 5),
]);
pub(super) const INVALID: Dist =
    &Reading::new(&[(UpstreamInvalidResponse, 80), (UpstreamReset, 10)]);
pub(super) const TIMEOUT: Dist =
    &Reading::new(&[(UpstreamTimeout, 85), (Overloaded, 5), (UpstreamDown, 5)]);
pub(super) const NO_HEALTHY: Dist = &Reading::new(&[(NoHealthyUpstream, 75), (UpstreamDown, 20)]);
pub(super) const DNS: Dist = &Reading::new(&[(DnsFailure, 85), (WrongUpstreamAddress, 10)]);
pub(super) const TLS: Dist = &Reading::new(&[(TlsFailure, 85), (WrongUpstreamAddress, 5)]);
pub(super) const OVERLOADED: Dist = &Reading::new(&[(Overloaded, 75), (UpstreamTimeout, 10)]);
pub(super) const MAINTENANCE: Dist = &Reading::new(&[(Maintenance, 85)]);
pub(super) const OOM: Dist = &Reading::new(&[(UpstreamOutOfMemory, 75), (UpstreamReset, 10)]);
pub(super) const WRONG_ADDRESS: Dist = &Reading::new(&[
    (WrongUpstreamAddress, 65),
    (DnsFailure, 15),
    (UpstreamDown, 15),
]);
/// HAProxy's 503 after its connection retries failed, or with every server marked down.
pub(super) const NONE_AVAILABLE: Dist = &Reading::timed(
    Timing::NoneAvailable,
    &[(NoHealthyUpstream, 60), (UpstreamDown, 35)],
);
/// The same HAProxy page after ~3 s: every connection try failed at once, so nothing
/// listened or the TLS handshake failed (servers already marked down answer at once).
pub(super) const NONE_AVAILABLE_AFTER_RETRIES: Dist = &Reading::new(&[
    (UpstreamDown, 55),
    (TlsFailure, 15),
    (NoHealthyUpstream, 10),
    (WrongUpstreamAddress, 10),
]);
/// A response that broke off or did not parse (HAProxy's 502, Apache's "Error reading").
pub(super) const RESET_OR_INVALID: Dist = &Reading::timed(
    Timing::ResetOrInvalid,
    &[
        (UpstreamInvalidResponse, 45),
        (UpstreamReset, 40),
        (UpstreamDown, 5),
    ],
);
/// A connection that never completed: host down, packets dropped, or the wrong address.
pub(super) const CONNECT_TIMEOUT: Dist = &Reading::new(&[
    (UpstreamTimeout, 40),
    (UpstreamDown, 35),
    (WrongUpstreamAddress, 10),
    (Overloaded, 10),
]);
/// HAProxy's "No server is available" neither at once (servers marked down) nor after the
/// ~3 s of retrying a refused connection: every try waited for `timeout connect`, or the
/// request waited in the queue for `timeout queue` behind busy servers.
pub(super) const NONE_AVAILABLE_AFTER_WAITING: Dist = &Reading::new(&[
    (UpstreamTimeout, 35),
    (Overloaded, 30),
    (UpstreamDown, 15),
    (NoHealthyUpstream, 10),
]);
/// A 504 from a product not known, with no timing: most proxies mean a timeout, some call
/// every failure 504 (http-proxy-middleware), so not above 0.6.
pub(super) const UNKNOWN_504: Dist = &Reading::new(&[
    (UpstreamTimeout, 60),
    (UpstreamDown, 15),
    (UpstreamReset, 10),
]);
/// A 504 back within a second: no timeout is that short, so the gateway calls every failure
/// a timeout (http-proxy-middleware answers refused and reset with 504).
pub(super) const FAST_504: Dist = &Reading::new(&[
    (UpstreamDown, 35),
    (UpstreamReset, 30),
    (UpstreamInvalidResponse, 10),
    (UpstreamTimeout, 10),
]);
/// Apache's and lighttpd's own 503: a refused connection, or every balancer member in error.
pub(super) const REFUSED_OR_NONE_LEFT: Dist = &Reading::timed(
    Timing::RefusedOrNoneLeft,
    &[
        (UpstreamDown, 50),
        (NoHealthyUpstream, 30),
        (Overloaded, 10),
    ],
);
/// Caddy's (and Envoy's, ELB's…) empty 503: no upstream left; an app's own empty 503 looks
/// the same.
pub(super) const NONE_LEFT: Dist = &Reading::new(&[
    (NoHealthyUpstream, 55),
    (Overloaded, 15),
    (UpstreamDown, 10),
    (Maintenance, 10),
]);
/// lighttpd's own 502: the backend answered, but not with HTTP.
pub(super) const LIGHTTPD_502: Dist = &Reading::new(&[
    (UpstreamInvalidResponse, 55),
    (WrongUpstreamAddress, 15),
    (UpstreamReset, 10),
]);
/// lighttpd's own 500: the backend reset or closed before answering.
pub(super) const BROKE_OFF: Dist = &Reading::new(&[
    (UpstreamReset, 50),
    (UpstreamInvalidResponse, 20),
    (UpstreamOutOfMemory, 10),
]);

/// A failed fetch that says nothing of why, by timing: fast, slow, or unknown. Fast, the
/// connection was refused, reset or closed, or answered with junk: nothing tells which. An
/// app that dies mid-request is commoner than one that speaks something else than HTTP.
pub(super) const FAILED_FAST: Dist = &Reading::timed(
    Timing::FailedFast,
    &[
        (UpstreamDown, 40),
        (UpstreamReset, 25),
        (UpstreamInvalidResponse, 20),
        (WrongUpstreamAddress, 5),
        (NoHealthyUpstream, 5),
    ],
);
/// nginx relays a reply without a status line as HTTP/0.9 instead of a 502, so its fast 502
/// is mostly a refusal or a reset (or "no live upstreams" after them).
pub(super) const NGINX_FAILED_FAST: Dist = &Reading::timed(
    Timing::NginxFailedFast,
    &[
        (UpstreamDown, 45),
        (UpstreamReset, 25),
        (NoHealthyUpstream, 10),
        (UpstreamInvalidResponse, 5),
        (WrongUpstreamAddress, 5),
    ],
);
pub(super) const FAILED_SLOW: Dist = &Reading::new(&[
    (UpstreamTimeout, 55),
    (UpstreamReset, 20),
    (UpstreamDown, 10),
    (UpstreamInvalidResponse, 5),
]);
/// Gateway-specific pages that do not tell, with the causes their docs list first.
pub(super) const ELB_502: Dist = &Reading::new(&[
    (UpstreamReset, 40),
    (UpstreamDown, 30),
    (UpstreamInvalidResponse, 20),
]);
pub(super) const UNHEALTHY_POOL_502: Dist = &Reading::new(&[
    (NoHealthyUpstream, 40),
    (UpstreamDown, 25),
    (UpstreamReset, 15),
    (UpstreamTimeout, 10),
]);
pub(super) const AKAMAI_503: Dist = &Reading::new(&[
    (UpstreamDown, 45),
    (UpstreamReset, 20),
    (UpstreamTimeout, 15),
]);
/// Heroku's one "Application Error" page: H10 crashed, H14 no dynos, H13 closed, H12 timeout.
pub(super) const HEROKU_APP_ERROR: Dist = &Reading::timed(
    Timing::AppError,
    &[
        (UpstreamDown, 45),
        (UpstreamReset, 20),
        (NoHealthyUpstream, 10),
        (UpstreamTimeout, 10),
    ],
);
/// The CDN's own plain error page: the CDN failed, and does not say why.
pub(super) const CDN_ITSELF: Dist = &Reading::new(&[(Overloaded, 20)]);
/// A slow failure from a gateway that has its own 504 for timeouts.
/// Either the app broke off after working a while, or the gateway retried a refused
/// connection until its try duration ran out (Caddy's lb_try_duration, HAProxy's retries).
pub(super) const FAILED_SLOW_NOT_TIMEOUT: Dist = &Reading::new(&[
    (UpstreamReset, 40),
    (UpstreamDown, 25),
    (UpstreamOutOfMemory, 10),
    (UpstreamInvalidResponse, 10),
]);
/// A slow 502 from a gateway that keeps its 504 for a slow answer, not a slow connect (Caddy):
/// the dial timed out, or retries of a refused connection ran out, or the app broke off.
pub(super) const FAILED_SLOW_DIAL: Dist = &Reading::new(&[
    (UpstreamTimeout, 35),
    (UpstreamDown, 30),
    (UpstreamReset, 20),
]);
pub(super) const FAILED_AT_TIMEOUT: Dist =
    &Reading::new(&[(UpstreamTimeout, 80), (UpstreamReset, 10)]);
pub(super) const FAILED_UNTIMED: Dist = &Reading::new(&[
    (UpstreamDown, 35),
    (UpstreamTimeout, 20),
    (UpstreamReset, 20),
    (UpstreamInvalidResponse, 15),
]);
/// A 503 from no known gateway: proxies send it when no backend is left, apps when overloaded
/// or in maintenance.
pub(super) const UNAVAILABLE: Dist = &Reading::new(&[
    (NoHealthyUpstream, 30),
    (Overloaded, 25),
    (UpstreamDown, 20),
    (Maintenance, 15),
]);
/// nginx's own 503 comes from limit_req / limit_conn, or a maintenance switch.
pub(super) const NGINX_503: Dist =
    &Reading::new(&[(Overloaded, 45), (Maintenance, 25), (UpstreamDown, 10)]);
