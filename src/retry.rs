//! When to try again (issue "Retry"): the pure policy behind every surface's automatic retry.
//!
//! No clock, no randomness, no I/O: the caller passes the attempt number, the time elapsed
//! since the first error, the wall clock (for HTTP-dates) and one random number in [0, 1).
//! The same inputs always give the same decision, so `examples/herd.rs` can replay 10 000
//! visitors through this very code and the tests can pin it.

use crate::observation::Observation;
use crate::status::Family;
use crate::text;
use serde::{Deserialize, Serialize};

/// A `Retry-After` shorter than this is read as this: a loop faster than 1 s helps nobody.
pub const RETRY_AFTER_MIN_MS: u64 = 1_000;
/// A `Retry-After` longer than this is read as this: past it the visitor has better things to
/// do than watch a countdown, and the budget's "Try again" button takes over.
pub const RETRY_AFTER_MAX_MS: u64 = 10 * 60 * 1_000;

/// How a wait is randomized. The scheme was picked by `examples/herd.rs` (see [`Policy`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Jitter {
    /// Exactly the computed wait: what "exponential backoff without jitter" means.
    None,
    /// Anywhere in [0, wait) ("full jitter"): the best spread, but the mean wait is halved.
    Full,
    /// The wait times a factor in [1 − f, 1]: spreads clients apart, never exceeds the cap.
    Proportional(f64),
}

/// The backoff schedule: `wait(n) = min(max_wait, base × factor^n)`, then jittered.
///
/// Why these defaults (from `cargo run --release --example herd`, 10 000 visitors). A gentle
/// ramp (3 s × 1.4ⁿ) keeps the waits of the first minute under ~20 s, so a 60-s outage is over
/// for 95 % of visitors within 17.2 s of recovery; the plateau (49–70 s, mean 60 s) sends 0.14×
/// the origin requests of a 5-second auto-refresh during a 10-minute outage, and reloads 95 %
/// within 59 s of recovery.
///
/// Jitter: −30 % of the wait, drawn below it so that every wait stays under the cap. It is
/// there for the clients that start together (pages open when the site falls over, a network
/// coming back, one `Retry-After` date): started in the same second, 10 000 visitors come
/// back at most 2 760 per second after a 60-s outage (−10 % left 7 532; no jitter, all
/// 20 000 probes and reloads at once). Full jitter (anywhere in [0, wait)) spreads them
/// best, but halves the mean wait: 1.4× the requests for a p95 5 s better. The 10-s longer
/// cap pays for the wider jitter: the mean plateau wait stays ~60 s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    pub base_ms: u64,
    pub factor: f64,
    /// The cap of one wait (the element's `max-wait`).
    pub max_wait_ms: u64,
    /// Total time since the first error after which the policy stops ("Try again" button).
    pub budget_ms: u64,
    pub jitter: Jitter,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            base_ms: 3_000,
            factor: 1.4,
            max_wait_ms: 70_000,
            budget_ms: 30 * 60 * 1_000,
            jitter: Jitter::Proportional(0.3),
        }
    }
}

/// One question to the policy: "the last try failed; now what?"
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt<'a> {
    /// Tries made so far after the first error (0 before the first retry).
    pub attempt: u32,
    /// Milliseconds since the first error.
    pub elapsed_ms: u64,
    /// The last response's `Retry-After`, already read by [`retry_after_ms`].
    pub retry_after_ms: Option<u64>,
    /// The method of the request being recovered (a navigation is a GET).
    pub method: &'a str,
    /// The status being recovered from.
    pub status: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Decision {
    /// Try again after this many milliseconds.
    Wait {
        #[serde(rename = "waitMs")]
        wait_ms: u64,
    },
    /// Do not try again automatically.
    Stop { reason: StopReason },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// POST, PATCH, …: resending could repeat an order or a payment.
    NotIdempotent,
    /// The status is one that trying again does not fix (404, 501, …).
    NotRetryable,
    /// The time budget is spent: the surface offers a "Try again" button.
    BudgetSpent,
    /// The visitor said "stop" (`crate::recovery`).
    UserStopped,
    /// Automatic retry is off (the element's `retry="off"`, the extension's setting).
    Off,
}

impl StopReason {
    /// Every reason, in declaration order (`reason as u8` is its index).
    pub const ALL: [StopReason; 5] = [
        StopReason::NotIdempotent,
        StopReason::NotRetryable,
        StopReason::BudgetSpent,
        StopReason::UserStopped,
        StopReason::Off,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StopReason::NotIdempotent => "not_idempotent",
            StopReason::NotRetryable => "not_retryable",
            StopReason::BudgetSpent => "budget_spent",
            StopReason::UserStopped => "user_stopped",
            StopReason::Off => "off",
        }
    }
}

/// The Report's `retry` field (contract §1): may this request be tried again automatically,
/// and after how long the server asked (already through [`retry_after`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetryHint {
    pub retryable: bool,
    pub after_ms: Option<u64>,
}

impl Policy {
    /// The next wait, or why to stop. `random` is one draw in [0, 1) (out-of-range values are
    /// clamped, NaN reads as 0).
    pub fn next(&self, attempt: &Attempt, random: f64) -> Decision {
        if !is_idempotent(attempt.method) {
            return Decision::Stop {
                reason: StopReason::NotIdempotent,
            };
        }
        if !is_retryable_status(attempt.status) {
            return Decision::Stop {
                reason: StopReason::NotRetryable,
            };
        }
        let wait_ms = match attempt.retry_after_ms {
            // The server said when: honour it, clamped, plus up to a tenth more so that a
            // crowd given one HTTP-date does not come back in the same millisecond.
            Some(after) => {
                // Clamped here too: a caller may hand a value that did not come through
                // `retry_after` (the same clamp, so a clamped value is unchanged).
                let after = clamp_retry_after(after);
                after + (after as f64 * 0.1 * unit(random)) as u64
            }
            None => self.jittered(self.backoff_ms(attempt.attempt), random),
        };
        if attempt.elapsed_ms.saturating_add(wait_ms) > self.budget_ms {
            return Decision::Stop {
                reason: StopReason::BudgetSpent,
            };
        }
        Decision::Wait { wait_ms }
    }

    /// `min(max_wait, base × factor^attempt)`, before jitter.
    fn backoff_ms(&self, attempt: u32) -> u64 {
        // Multiplied step by step, not `powi` (std only) or `libm::pow` (2.4 KB of wasm); it
        // stops at the cap, and past 200 steps any sane factor has long reached it.
        let cap = self.max_wait_ms as f64;
        let mut grown = self.base_ms as f64;
        for _ in 0..attempt.min(200) {
            if grown >= cap {
                break;
            }
            grown *= self.factor.max(1.0);
        }
        libm::round(grown.min(cap)) as u64
    }

    fn jittered(&self, wait_ms: u64, random: f64) -> u64 {
        let scale = match self.jitter {
            Jitter::None => 1.0,
            Jitter::Full => unit(random),
            Jitter::Proportional(spread) => 1.0 - spread.clamp(0.0, 1.0) * unit(random),
        };
        libm::round(wait_ms as f64 * scale) as u64
    }
}

/// After the tab comes back into view (or the machine back online): probe soon, but not all
/// tabs of a returning network in the same instant: 0.5–2.5 s.
pub fn resume_wait_ms(random: f64) -> u64 {
    500 + (2_000.0 * unit(random)) as u64
}

/// When the probing tab finds the site back, the other tabs of the site reload spread over
/// 0–3 s instead of in the same millisecond.
pub fn reload_spread_ms(random: f64) -> u64 {
    (3_000.0 * unit(random)) as u64
}

/// RFC 9110 §9.2.2: the methods a client may resend automatically. Methods are compared
/// trimmed and case-insensitively (so " get" is a GET); an unknown method is not.
pub fn is_idempotent(method: &str) -> bool {
    ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method.trim_ascii()))
}

/// Statuses that waiting can fix: the gateway failures (the app may come back), 408 and 429
/// (the server asks for later). Not 500/501/505 nor other 4xx: the same request gets the same
/// answer. 0 is a network error (no response at all), which waiting can fix too.
pub fn is_retryable_status(status: u16) -> bool {
    status == 0 || status == 408 || status == 429 || Family::of(status).is_gateway_failure()
}

/// The Report's `retry` field (contract §1). `problem_after_ms`: a problem+json body's
/// `retry_after` (Cloudflare's structured errors), read by the diagnosis.
pub fn hint(
    observation: &Observation,
    now_ms: Option<u64>,
    problem_after_ms: Option<u64>,
) -> RetryHint {
    RetryHint {
        retryable: is_idempotent(crate::observation::method_or_get(
            observation.method.as_deref(),
        )) && is_retryable_status(observation.status),
        after_ms: retry_after(
            observation.headers.get("retry-after"),
            problem_after_ms,
            now_ms,
        ),
    }
}

/// Every Retry-After, whatever its source, in ms from now: the header (RFC 9110 §10.2.3,
/// delay-seconds or an HTTP-date) when it can be read, else a problem+json body's
/// `retry_after` (already in ms), then the one clamp ([`clamp_retry_after`]). The Report, the
/// recovery machine's probe answers and the policy all read it here.
pub fn retry_after(
    header: Option<&str>,
    problem_ms: Option<u64>,
    now_ms: Option<u64>,
) -> Option<u64> {
    header
        .and_then(|value| retry_after_ms(value, now_ms))
        .or(problem_ms)
        .map(clamp_retry_after)
}

/// The one clamp of a server's "come back in": [`RETRY_AFTER_MIN_MS`]..=[`RETRY_AFTER_MAX_MS`].
pub fn clamp_retry_after(ms: u64) -> u64 {
    ms.clamp(RETRY_AFTER_MIN_MS, RETRY_AFTER_MAX_MS)
}

/// `Retry-After` (RFC 9110 §10.2.3) in milliseconds from `now_ms`, unclamped: delay-seconds,
/// or an HTTP-date (IMF-fixdate, and the obsolete RFC 850 and asctime forms). A date needs
/// the clock; a date in the past is 0. Anything else is None.
pub fn retry_after_ms(value: &str, now_ms: Option<u64>) -> Option<u64> {
    let value = value.trim_ascii();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than u64 holds means "very long": saturate, the clamp handles it.
        let seconds = text::digits(value);
        return Some(seconds.saturating_mul(1_000));
    }
    let date_ms = crate::http_date::parse_ms(value, now_ms)?;
    Some(date_ms.saturating_sub(now_ms?))
}

/// A random draw forced into [0, 1): the policy never trusts its caller's randomness.
fn unit(random: f64) -> f64 {
    if random.is_nan() {
        0.0
    } else {
        random.clamp(0.0, 0.999_999_999)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 784_111_777_000; // Sun, 06 Nov 1994 08:49:37 GMT

    #[test]
    fn retry_after_reads_seconds_and_all_three_date_forms() {
        let cases: [(&str, Option<u64>, Option<u64>); 14] = [
            ("120", None, Some(120_000)),
            (" 0 ", None, Some(0)),
            ("99999999999999999999999", None, Some(u64::MAX)),
            ("Sun, 06 Nov 1994 08:49:37 GMT", Some(NOW), Some(0)),
            ("Sun, 06 Nov 1994 08:50:07 GMT", Some(NOW), Some(30_000)),
            ("Sunday, 06-Nov-94 08:50:07 GMT", Some(NOW), Some(30_000)),
            ("Sun Nov  6 08:50:07 1994", Some(NOW), Some(30_000)),
            // In the past: now.
            ("Sat, 05 Nov 1994 08:49:37 GMT", Some(NOW), Some(0)),
            // Leap day and a year boundary.
            (
                "Thu, 29 Feb 2024 00:00:00 GMT",
                Some(1_709_164_800_000),
                Some(0),
            ),
            (
                "Thu, 01 Jan 2026 00:00:10 GMT",
                Some(1_767_225_600_000),
                Some(10_000),
            ),
            // A date needs the clock.
            ("Sun, 06 Nov 1994 08:49:37 GMT", None, None),
            ("-5", None, None),
            ("Sun, 06 Nov 1994 25:49:37 GMT", Some(NOW), None),
            ("soon", Some(NOW), None),
        ];
        for (value, now, expected) in cases {
            assert_eq!(retry_after_ms(value, now), expected, "{value:?}");
        }
    }

    fn get(attempt: u32, elapsed_ms: u64) -> Attempt<'static> {
        Attempt {
            attempt,
            elapsed_ms,
            retry_after_ms: None,
            method: "GET",
            status: 502,
        }
    }

    fn wait(ms: u64) -> Decision {
        Decision::Wait { wait_ms: ms }
    }

    fn stop(reason: StopReason) -> Decision {
        Decision::Stop { reason }
    }

    #[test]
    fn decisions_follow_the_table() {
        let exact = Policy {
            jitter: Jitter::None,
            ..Policy::default()
        };
        let custom_cap = Policy {
            max_wait_ms: 20_000,
            ..exact
        };
        let with_after = |after_ms| Attempt {
            retry_after_ms: Some(after_ms),
            ..get(0, 0)
        };
        let with = |method, status| Attempt {
            method,
            status,
            ..get(0, 0)
        };
        let cases: Vec<(&str, Policy, Attempt, f64, Decision)> = vec![
            ("first wait is the base", exact, get(0, 0), 0.5, wait(3_000)),
            ("then it grows", exact, get(2, 9_000), 0.5, wait(5_880)),
            ("up to the cap", exact, get(40, 600_000), 0.5, wait(70_000)),
            (
                "max-wait moves the cap",
                custom_cap,
                get(40, 0),
                0.5,
                wait(20_000),
            ),
            (
                "Retry-After wins",
                exact,
                with_after(90_000),
                0.0,
                wait(90_000),
            ),
            (
                "plus a tenth at most",
                exact,
                with_after(90_000),
                0.5,
                wait(94_500),
            ),
            ("clamped up", exact, with_after(0), 0.0, wait(1_000)),
            (
                "clamped down",
                exact,
                with_after(u64::MAX),
                0.0,
                wait(600_000),
            ),
            (
                "budget spent",
                exact,
                get(30, 1_790_000),
                0.5,
                stop(StopReason::BudgetSpent),
            ),
            (
                "budget just enough",
                exact,
                get(30, 1_730_000),
                0.5,
                wait(70_000),
            ),
            (
                "no retry for POST",
                exact,
                with("POST", 502),
                0.5,
                stop(StopReason::NotIdempotent),
            ),
            (
                "nor PATCH",
                exact,
                with("patch", 503),
                0.5,
                stop(StopReason::NotIdempotent),
            ),
            (
                "PUT is idempotent",
                exact,
                with("PUT", 503),
                0.5,
                wait(3_000),
            ),
            (
                "404 will stay 404",
                exact,
                with("GET", 404),
                0.5,
                stop(StopReason::NotRetryable),
            ),
            (
                "501 too",
                exact,
                with("GET", 501),
                0.5,
                stop(StopReason::NotRetryable),
            ),
            (
                "429 asks for later",
                exact,
                with("GET", 429),
                0.5,
                wait(3_000),
            ),
            ("network error", exact, with("GET", 0), 0.5, wait(3_000)),
            ("Cloudflare 522", exact, with("HEAD", 522), 0.5, wait(3_000)),
        ];
        for (name, policy, attempt, random, expected) in cases {
            assert_eq!(policy.next(&attempt, random), expected, "{name}");
        }
    }

    #[test]
    fn jitter_stays_within_its_scheme() {
        let cases = [
            (Jitter::None, 0.99, 70_000),
            (Jitter::Full, 0.0, 0),
            (Jitter::Full, 0.5, 35_000),
            (Jitter::Proportional(0.2), 0.0, 70_000),
            (Jitter::Proportional(0.2), 0.5, 63_000),
            // Bad randomness is clamped, never a wait past the cap.
            (Jitter::Proportional(0.2), 7.0, 56_000),
            (Jitter::Proportional(0.2), -1.0, 70_000),
            (Jitter::Proportional(0.2), f64::NAN, 70_000),
        ];
        for (jitter, random, expected) in cases {
            let policy = Policy {
                jitter,
                ..Policy::default()
            };
            assert_eq!(
                policy.next(&get(50, 0), random),
                wait(expected),
                "{jitter:?} {random}"
            );
        }
    }

    #[test]
    fn a_fixed_random_sequence_gives_a_fixed_schedule() {
        let randoms = [0.1, 0.9, 0.5, 0.0, 0.75, 0.3, 0.6, 0.2];
        let run = || {
            let policy = Policy::default();
            let mut elapsed = 0;
            let mut waits = Vec::new();
            for (n, random) in randoms.iter().enumerate() {
                match policy.next(&get(n as u32, elapsed), *random) {
                    Decision::Wait { wait_ms } => {
                        elapsed += wait_ms;
                        waits.push(wait_ms);
                    }
                    Decision::Stop { .. } => unreachable!("the budget is 30 min"),
                }
            }
            waits
        };
        assert_eq!(
            run(),
            [2_910, 3_066, 4_998, 8_232, 8_932, 14_683, 18_523, 29_727]
        );
        assert_eq!(run(), run());
    }

    #[test]
    fn every_retry_after_goes_through_one_clamp() {
        let cases = [
            (Some("120"), None, Some(120_000)),
            (Some("0"), None, Some(1_000)),
            (Some("86400"), Some(5_000), Some(600_000)),
            // An unreadable header leaves the body's word.
            (Some("later"), Some(30_000), Some(30_000)),
            (None, Some(999_999_000), Some(600_000)),
            (None, None, None),
        ];
        for (header, problem_ms, expected) in cases {
            assert_eq!(
                retry_after(header, problem_ms, Some(NOW)),
                expected,
                "{header:?} {problem_ms:?}"
            );
        }
    }

    /// Issue 14: a problem+json body with `"retry_after": 999999` gave `after_ms` 999 999 000.
    #[test]
    fn a_problem_body_is_clamped_like_a_header() {
        let mut observation = Observation::new(503);
        observation
            .headers
            .push("Content-Type", "application/problem+json");
        observation.body = Some("{\"status\":503,\"retry_after\":999999}".into());
        let report = crate::report::explain(&observation, &crate::report::Context::default());
        let expected = crate::observation::READS_BODY.then_some(RETRY_AFTER_MAX_MS);
        assert_eq!(report.retry.after_ms, expected);
    }

    #[test]
    fn hint_says_whether_and_when() {
        let cases = [
            ("GET", 502, None, true, None),
            ("GET", 503, Some("120"), true, Some(120_000)),
            (
                "GET",
                503,
                Some("Sun, 06 Nov 1994 08:50:07 GMT"),
                true,
                Some(30_000),
            ),
            (
                "GET",
                503,
                Some("Sun, 06 Nov 1994 08:49:37 GMT"),
                true,
                Some(1_000),
            ),
            ("GET", 503, Some("86400"), true, Some(600_000)),
            ("GET", 503, Some("later"), true, None),
            ("POST", 502, Some("5"), false, Some(5_000)),
            ("GET", 404, None, false, None),
            ("GET", 200, None, false, None),
        ];
        for (method, status, retry_after, retryable, after_ms) in cases {
            let mut observation = Observation::new(status);
            observation.method = Some(method.into());
            if let Some(value) = retry_after {
                observation.headers.push("Retry-After", value);
            }
            assert_eq!(
                hint(&observation, Some(NOW), None),
                RetryHint {
                    retryable,
                    after_ms
                },
                "{method} {status} {retry_after:?}"
            );
        }
    }
}
