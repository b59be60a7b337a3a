//! The Report (contract §1): what explain502 concludes from one [`Observation`].

use crate::advice::TipId;
use crate::challenge::{self, Challenge};
use crate::i18n::{self, Lang};
use crate::observation::Observation;
use crate::prelude::*;
use crate::retry;
pub use crate::retry::RetryHint;
use crate::status::Family;
use crate::{advice, diagnose, gateway};
use serde::Serialize;

/// What the core knows of the visitor's side: it tailors advice and reads HTTP-dates.
/// Every field is optional; surfaces fill what they can (`navigator.userAgent`, `Date.now()`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub user_agent: Option<String>,
    pub platform: Option<String>,
    /// BCP 47 tags, most preferred first (`navigator.languages`, or the `lang` attribute).
    pub languages: Vec<String>,
    /// Milliseconds since the Unix epoch, for `Retry-After` given as an HTTP-date.
    pub now_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub status: u16,
    pub family: Family,
    /// One plain-words sentence for the visitor, in the language picked from the context.
    pub headline: &'static str,
    pub gateway: Gateway,
    pub failing_hop: Hop,
    pub causes: Vec<Cause>,
    pub retry: RetryHint,
    pub advice: Advice,
    /// A bot check or firewall answered, not the site (contract §1, additive): null when not.
    pub challenge: Option<Challenge>,
}

pub use crate::diagnose::{Cause, Hop};
pub use crate::gateway::Gateway;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Advice {
    pub user: Vec<Tip>,
    pub developer: Vec<Tip>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tip {
    pub id: TipId,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<String>,
}

/// The whole pipeline: observation → report. Pure and total: any input gives a report.
pub fn explain(observation: &Observation, context: &Context) -> Report {
    let family = Family::of(observation.status);
    let lang = Lang::pick(&context.languages);
    // Lower-cased once: every body fingerprint and phrase is matched against it.
    let body_lc = observation.body().to_ascii_lowercase();
    // And its words as a person reads them, for the fingerprints and phrases of the text.
    let text_lc = crate::page_text::of(&body_lc);
    let (gateway, own_page) = gateway::identify(observation, &body_lc, &text_lc);
    let mut diagnosis = diagnose::diagnose(observation, &body_lc, &text_lc, &gateway, own_page);
    let challenge = challenge::detect(observation, &body_lc, &text_lc, &gateway);
    if challenge.is_some() {
        // Not an outage: no gateway failure to name, the visitor's side has to act.
        diagnosis.causes.clear();
        diagnosis.failing_hop = Hop::Browser;
    }
    let advice = advice::advise(
        family,
        &gateway,
        diagnosis.failing_hop,
        &diagnosis.causes,
        context,
        lang,
    );
    let mut retry = retry::hint(
        observation,
        context.now_ms,
        diagnosis.problem_retry_after_ms,
    );
    if challenge.is_some() {
        retry.retryable = false;
        retry.after_ms = None;
    }
    // Pushed rather than `concat()`: its generic join is a KB of wasm.
    let mut headline_id = String::from("headline.");
    headline_id.push_str(family.as_str());
    let (headline, advice) = match challenge {
        Some(_) => challenge::advice(lang),
        None => (i18n::text(lang, &headline_id), advice),
    };
    Report {
        status: observation.status,
        family,
        headline,
        gateway,
        failing_hop: diagnosis.failing_hop,
        causes: diagnosis.causes,
        retry,
        advice,
        challenge,
    }
}

// serde_json is native-only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::Hop;
    use crate::retry::StopReason;
    use crate::Family;

    /// The wasm edge builds its objects with `as_str`: the same names as serde's.
    #[test]
    fn enum_names_are_the_serialized_ones() {
        for hop in [Hop::Browser, Hop::Gateway, Hop::Upstream, Hop::Unknown] {
            assert_eq!(serde_json::to_value(hop).unwrap(), hop.as_str());
        }
        for status in [200, 404, 500, 502, 503, 504, 522] {
            let family = Family::of(status);
            assert_eq!(serde_json::to_value(family).unwrap(), family.as_str());
        }
        let reasons = [
            StopReason::NotIdempotent,
            StopReason::NotRetryable,
            StopReason::BudgetSpent,
        ];
        for reason in reasons {
            assert_eq!(serde_json::to_value(reason).unwrap(), reason.as_str());
        }
    }
}
