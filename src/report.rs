//! The Report (contract §1): what explain502 concludes from one [`Observation`], and
//! [`explain`], the pipeline that builds it. On top of the core: it imports the modules that
//! hold the rules (gateway, diagnose, advice, retry) and their types; none imports it back
//! once `Gateway`/`Hop`/`Cause` live in gateway.rs/diagnose.rs and `RetryHint` in retry.rs.
//! `Context` (observation.rs) and `Advice`/`Tip` (advice.rs) are re-exported here.

pub use crate::advice::{Advice, Tip};
use crate::challenge::{self, Challenge};
use crate::i18n::{self, Lang};
use crate::inert::{inert, MAX_CHARS};
pub use crate::observation::{Context, Observation};
use crate::prelude::*;
use crate::retry;
pub use crate::retry::RetryHint;
use crate::status::Family;
use crate::{advice, diagnose, gateway};
use serde::Serialize;

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

/// The whole pipeline: observation → report. Pure and total: any input gives a report.
pub fn explain(observation: &Observation, context: &Context) -> Report {
    let family = Family::of(observation.status);
    let lang = Lang::pick(&context.languages);
    // Lower-cased once: every body fingerprint and phrase is matched against it.
    let body_lc = observation.body().to_ascii_lowercase();
    // And its words as a person reads them, for the fingerprints and phrases of the text.
    let text_lc = crate::page_text::of(&body_lc);
    let (mut gateway, own_page) = gateway::identify(observation, &body_lc, &text_lc);
    // The name and version come from the response: inert before anything shows or embeds
    // them (the developer's advice names the gateway).
    for text in [&mut gateway.name, &mut gateway.version]
        .into_iter()
        .flatten()
    {
        *text = inert(text, MAX_CHARS);
    }
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

    /// No string in a Report holds a Cc/Cf character from the response, whatever the header
    /// or body carries, and each is bounded.
    #[test]
    fn no_report_string_holds_a_control_or_format_character() {
        use crate::inert::{is_control_or_format, MAX_CHARS};
        use crate::observation::Observation;
        let long = "x".repeat(5000);
        let servers = [
            "nginx\u{202e}xyz".to_string(),
            "\u{202e}gnp.exe".to_string(),
            "ng\u{200d}inx/1.2\u{200b}5".to_string(),
            "Apache\u{85}\u{9b}31m/2.4".to_string(),
            "cloud\u{2066}flare\u{2069}".to_string(),
            "\u{feff}awselb/2.0".to_string(),
            format!("evil{long}"),
        ];
        for server in &servers {
            let mut observation = Observation::new(502);
            observation.headers.push("server", server);
            observation.body = Some(format!("<h1>502 Bad Gateway</h1>\u{202e}<hr>{server}"));
            let report = super::explain(&observation, &super::Context::default());
            let json = serde_json::to_value(&report).unwrap();
            let mut strings = Vec::new();
            collect(&json, &mut strings);
            for text in strings {
                assert!(
                    !text.chars().any(is_control_or_format),
                    "{server:?}: {text:?}"
                );
            }
            for text in [&report.gateway.name, &report.gateway.version]
                .into_iter()
                .flatten()
            {
                assert!(text.chars().count() <= MAX_CHARS + 1, "{text}");
            }
        }
        fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
                serde_json::Value::Object(map) => map.values().for_each(|v| collect(v, out)),
                _ => {}
            }
        }
    }
}
