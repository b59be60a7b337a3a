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

use crate::gateway::{Gateway, GatewayId};
use crate::i18n::Lang;
use crate::ids::id_enum;
use crate::observation::{Observation, READS_BODY};
use crate::prelude::*;
use crate::report::{Advice, Tip};
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
    if !READS_BODY || !matches!(status, 200 | 202 | 403 | 405 | 429 | 503) {
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

/// The headline and the advice for a challenge, in `lang`.
///
/// FIXME(i18n keyed by id): these sentences move into src/i18n once the `core` helper's
/// "translations keyed by id" lands; until then they live here, in one place.
pub fn advice(lang: Lang) -> (&'static str, Advice) {
    let [headline, complete, vpn, developer] = sentences(lang);
    let tip = |id, text: &str| Tip {
        id,
        text: text.to_string(),
        commands: Vec::new(),
    };
    use crate::advice::TipId;
    let advice = Advice {
        user: alloc::vec![
            tip(TipId::CompleteCheck, complete),
            tip(TipId::DisableVpnOrExtension, vpn),
        ],
        developer: alloc::vec![tip(TipId::ReviewBotRules, developer)],
    };
    (headline, advice)
}

/// Headline, "complete the check", "VPN or extension", developer's tip.
fn sentences(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::En => [
            "The site is checking that you are a person: it is not down",
            "Complete the check on the page (wait a few seconds, or tick the box), with JavaScript and cookies allowed; the site then opens.",
            "If the check keeps coming back, turn off your VPN or proxy and any extension that blocks scripts or changes your browser, then reload once.",
            "A bot check or firewall rule answered, not your app: review the security rules (challenge, rate limiting, blocked countries or networks) that matched this request.",
        ],
        Lang::Es => [
            "El sitio está comprobando que eres una persona: no está caído",
            "Completa la comprobación de la página (espera unos segundos o marca la casilla) con JavaScript y las cookies permitidos; después el sitio se abrirá.",
            "Si la comprobación vuelve una y otra vez, desactiva tu VPN o proxy y cualquier extensión que bloquee scripts o modifique el navegador, y recarga una vez.",
            "Respondió una comprobación anti-bots o una regla del cortafuegos, no tu aplicación: revisa las reglas de seguridad (desafío, límite de peticiones, países o redes bloqueados) que coincidieron con esta petición.",
        ],
        Lang::De => [
            "Die Website prüft, ob Sie ein Mensch sind: Sie ist nicht ausgefallen",
            "Schließen Sie die Prüfung auf der Seite ab (einige Sekunden warten oder das Kästchen anklicken), mit erlaubtem JavaScript und erlaubten Cookies; danach öffnet sich die Website.",
            "Wenn die Prüfung immer wiederkommt, schalten Sie Ihr VPN oder Ihren Proxy und jede Erweiterung aus, die Skripte blockiert oder den Browser verändert, und laden Sie die Seite einmal neu.",
            "Geantwortet hat eine Bot-Prüfung oder eine Firewall-Regel, nicht Ihre Anwendung: Prüfen Sie die Sicherheitsregeln (Challenge, Ratenbegrenzung, gesperrte Länder oder Netze), die auf diese Anfrage gepasst haben.",
        ],
        Lang::Fr => [
            "Le site vérifie que vous êtes une personne : il n’est pas en panne",
            "Terminez la vérification sur la page (attendez quelques secondes ou cochez la case), avec JavaScript et les cookies autorisés ; le site s’ouvrira ensuite.",
            "Si la vérification revient sans cesse, désactivez votre VPN ou proxy et toute extension qui bloque les scripts ou modifie le navigateur, puis rechargez une fois.",
            "C’est une vérification anti-robots ou une règle de pare-feu qui a répondu, pas votre application : revoyez les règles de sécurité (défi, limitation de débit, pays ou réseaux bloqués) qui ont visé cette requête.",
        ],
        Lang::Pt => [
            "O site está a verificar que é uma pessoa: não está em baixo",
            "Conclua a verificação na página (espere alguns segundos ou marque a caixa) com JavaScript e cookies permitidos; depois o site abre.",
            "Se a verificação voltar sempre, desligue a VPN ou o proxy e qualquer extensão que bloqueie scripts ou altere o navegador, e recarregue uma vez.",
            "Respondeu uma verificação anti-bots ou uma regra de firewall, não a sua aplicação: reveja as regras de segurança (desafio, limite de pedidos, países ou redes bloqueados) que corresponderam a este pedido.",
        ],
        Lang::Ja => [
            "サイトはあなたが人間かどうかを確認しています。ダウンしているわけではありません",
            "ページ上の確認を完了してください（数秒待つか、チェックボックスにチェックを入れます）。JavaScript と Cookie を許可しておくと、その後サイトが開きます。",
            "確認が何度も表示される場合は、VPN やプロキシ、スクリプトをブロックしたりブラウザーを変更したりする拡張機能をオフにして、一度だけ再読み込みしてください。",
            "応答したのはアプリではなく、ボット対策の確認またはファイアウォールのルールです。このリクエストに一致したセキュリティルール（チャレンジ、レート制限、ブロックした国やネットワーク）を見直してください。",
        ],
    }
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
    fn every_language_has_the_four_sentences() {
        for lang in [Lang::En, Lang::Es, Lang::De, Lang::Fr, Lang::Pt, Lang::Ja] {
            assert!(sentences(lang).iter().all(|s| !s.is_empty()));
        }
    }
}
