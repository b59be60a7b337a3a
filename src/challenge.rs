//! Not an outage: a bot check or firewall answered instead of the site (Cloudflare's "Just a
//! moment..." and "Attention Required!", DDoS-Guard's check, Sucuri's and Imperva's block
//! pages, AWS WAF's challenge). The site is up; the visitor has to pass the check (or stop
//! tripping it). The Report says so in `challenge` (contract §1, additive), carries no
//! gateway-failure cause, is not retryable, and advises completing the check.
//!
//! The rule: the vendor's own documented marker (`cf-mitigated: challenge`,
//! `x-amzn-waf-action`), or the vendor's check page (its title or script), at a status the
//! vendor sends it with. What else could the same evidence mean: a site may put "Just a
//! moment..." in its own loading page (so Cloudflare's title counts only with Cloudflare's
//! headers or its challenge script), and Cloudflare injects `/cdn-cgi/challenge-platform/`
//! scripts into ordinary pages, errors included (so that path is no evidence); DDoS-Guard and
//! Sucuri also relay the origin's own 5xx pages (so their header alone is none either).

use crate::advice::{Advice, Tip};
use crate::gateway::{Gateway, GatewayId};
use crate::i18n::{self, Lang};
use crate::ids::id_enum;
use crate::observation::{Observation, READS_BODY};
use crate::prelude::*;
use crate::text;
use serde::Serialize;

id_enum! {
    /// Who put up the check (contract §1 `challenge.provider`).
    pub enum Provider {
        Cloudflare = "cloudflare",
        DdosGuard = "ddos_guard",
        Sucuri = "sucuri",
        Imperva = "imperva",
        AwsWaf = "aws_waf",
    }
}

/// A bot check or firewall block answered: the site is not down.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Challenge {
    pub provider: Provider,
}

/// The check that answered, if one did. `body_lc` is the body lower-cased, `text_lc` its text
/// form, `gateway` what [`crate::gateway::identify`] found.
pub fn detect(
    observation: &Observation,
    body_lc: &str,
    text_lc: &str,
    gateway: &Gateway,
) -> Option<Challenge> {
    // The error pages' wasm reads no body: it is itself the answer, never a bot check's (and
    // leaves the bot-check sentences out).
    if !READS_BODY {
        return None;
    }
    let headers = &observation.headers;
    let status = observation.status;
    // Documented markers: Cloudflare's `cf-mitigated: challenge` (Challenge pages docs) and
    // AWS WAF's `x-amzn-waf-action: challenge | captcha` (AWS WAF developer guide).
    if headers
        .get_all("cf-mitigated")
        .any(|v| text::contains_ignore_case(v, "challenge"))
    {
        return found(Provider::Cloudflare);
    }
    if headers.get_all("x-amzn-waf-action").any(|v| {
        text::contains_ignore_case(v, "challenge") || text::contains_ignore_case(v, "captcha")
    }) {
        return found(Provider::AwsWaf);
    }
    if !matches!(status, 200 | 202 | 403 | 405 | 429 | 503) {
        return None;
    }
    let has = |needle: &str| text::contains(body_lc, needle) || text::contains(text_lc, needle);
    let by = |id: GatewayId| gateway.id == Some(id);
    // Cloudflare's challenge script, or its pages' titles with Cloudflare's evidence.
    let cloudflare_script = ["_cf_chl_opt", "cf-chl-widget", "jschl_vc", "jschl-answer"]
        .iter()
        .any(|needle| has(needle));
    let cloudflare_title = has("attention required! | cloudflare")
        || (by(GatewayId::Cloudflare) && (has("just a moment...") || has("checking your browser")));
    if cloudflare_script || cloudflare_title {
        return found(Provider::Cloudflare);
    }
    if by(GatewayId::DdosGuard) && (matches!(status, 403 | 429) || has("checking your browser")) {
        return found(Provider::DdosGuard);
    }
    if by(GatewayId::Sucuri)
        && (headers.get("x-sucuri-block").is_some()
            || has("sucuri website firewall - access denied"))
    {
        return found(Provider::Sucuri);
    }
    if has("incapsula incident id") || has("_incapsula_resource") {
        return found(Provider::Imperva);
    }
    // AWS WAF's challenge page: its `gokuProps` with the awswaf.com script (no header when a
    // CloudFront or ALB in front dropped it).
    if has("gokuprops") && has("awswaf") {
        return found(Provider::AwsWaf);
    }
    None
}

fn found(provider: Provider) -> Option<Challenge> {
    Some(Challenge { provider })
}

/// The headline and the advice for a challenge, in `lang` (`headline.challenge`,
/// `advice.complete_check`, `advice.disable_vpn_or_extension`; the developer's
/// `advice.review_bot_rules`).
pub fn advice(lang: Lang) -> (&'static str, Advice) {
    use crate::advice::TipId::{self, *};
    let tip = |id: TipId| {
        let mut key = String::from("advice.");
        key.push_str(id.as_str());
        Tip {
            id,
            text: i18n::text(lang, &key).to_string(),
            commands: Vec::new(),
        }
    };
    let advice = Advice {
        user: alloc::vec![tip(CompleteCheck), tip(DisableVpnOrExtension)],
        developer: alloc::vec![tip(ReviewBotRules)],
    };
    (i18n::text(lang, "headline.challenge"), advice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::Headers;

    fn check(
        status: u16,
        headers: &[(&str, &str)],
        body: &str,
        gateway: Option<GatewayId>,
    ) -> Option<&'static str> {
        let mut obs = Observation::new(status);
        obs.headers = headers.iter().copied().collect::<Headers>();
        let body_lc = body.to_ascii_lowercase();
        let gateway = Gateway {
            id: gateway,
            ..Gateway::default()
        };
        detect(&obs, &body_lc, &crate::page_text::of(&body_lc), &gateway)
            .map(|c| c.provider.as_str())
    }

    #[test]
    fn checks_are_told_from_outages() {
        use GatewayId::*;
        assert_eq!(
            check(403, &[("cf-mitigated", "challenge")], "", Some(Cloudflare)),
            Some("cloudflare")
        );
        assert_eq!(
            check(
                503,
                &[],
                "<title>Just a moment...</title>",
                Some(Cloudflare)
            ),
            Some("cloudflare")
        );
        // Without Cloudflare's evidence the title alone is any site's loading page.
        assert_eq!(
            check(503, &[], "<title>Just a moment...</title>", None),
            None
        );
        // Cloudflare injects its challenge-platform script into ordinary error pages.
        assert_eq!(
            check(
                503,
                &[],
                "<script src=\"/cdn-cgi/challenge-platform/h/b/x.js\"></script>Service Unavailable",
                Some(Cloudflare)
            ),
            None
        );
        assert_eq!(
            check(202, &[("x-amzn-waf-action", "challenge")], "", None),
            Some("aws_waf")
        );
        assert_eq!(
            check(
                403,
                &[],
                "Request unsuccessful. Incapsula incident ID: 1-2",
                None
            ),
            Some("imperva")
        );
        // DDoS-Guard relaying the origin's 502 is an outage.
        assert_eq!(
            check(
                502,
                &[("server", "ddos-guard")],
                "502 Bad Gateway",
                Some(DdosGuard)
            ),
            None
        );
        assert_eq!(
            check(
                403,
                &[("server", "ddos-guard")],
                "<title>DDOS-GUARD</title>",
                Some(DdosGuard)
            ),
            Some("ddos_guard")
        );
    }

    #[test]
    fn every_language_has_the_sentences() {
        for lang in i18n::LANGS {
            let (headline, advice) = advice(lang);
            assert!(!headline.is_empty());
            assert!(advice
                .user
                .iter()
                .chain(&advice.developer)
                .all(|t| !t.text.is_empty()));
        }
    }
}
