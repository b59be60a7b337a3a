//! Timing: how long the failure took moves the confidence (refusals, resets and junk are
//! instant; timeouts are not).

use super::readings::*;
use crate::gateway::GatewayId::{self, *};

/// Default timeouts (ms) after which each gateway gives up on its upstream, per its docs:
/// a failure that took about this long was a timeout even when the page does not say so.
pub(super) fn default_timeout_ms(gateway: Option<GatewayId>) -> Option<u64> {
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
pub(super) const SLOW_MS: u64 = 1_000;

/// Evidence that cannot tell an instant failure (refused, reset, junk) from a timeout:
/// timing decides. Gateways that answer a timeout with their own 504 did not time out when
/// they sent something else, however long it took: a slow failure there broke off.
pub(super) fn with_timing(dist: Dist, elapsed_ms: Option<u64>, id: Option<GatewayId>) -> Dist {
    let untimed = match dist.timing {
        Timing::Fixed => return dist,
        // HAProxy retries a refused connect 3 times, min(timeout connect, 1 s) apart.
        Timing::NoneAvailable => {
            return match elapsed_ms {
                Some(2_500..=3_600) => NONE_AVAILABLE_AFTER_RETRIES,
                Some(ms) if ms >= SLOW_MS => NONE_AVAILABLE_AFTER_WAITING,
                _ => dist,
            }
        }
        // A refused connect fails at once: a connect failure that took seconds hung.
        Timing::RefusedOrNoneLeft => {
            return match elapsed_ms {
                Some(ms) if ms >= SLOW_MS => CONNECT_TIMEOUT,
                _ => dist,
            }
        }
        untimed => untimed,
    };
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
                | Nghttpx
                | Trafficserver
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
        (None, _) if id.is_none() && untimed == Timing::FailedFast => dist,
        (None, _) if untimed != Timing::ResetOrInvalid => FAILED_UNTIMED,
        (Some(ms), Some(limit)) if ms >= limit * 9 / 10 => FAILED_AT_TIMEOUT,
        (Some(ms), _) if ms >= SLOW_MS => FAILED_SLOW,
        _ => dist,
    }
}
