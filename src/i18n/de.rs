//! German. Missing strings fall back to English (`super::text`).

pub(super) fn text(id: &str) -> Option<&'static str> {
    headline(id).or_else(|| ui(id))
    // FIXME: the `advice.*` area is still English only; translate it once it settles.
}

fn headline(id: &str) -> Option<&'static str> {
    Some(match id {
        "headline.bad_gateway" => "Der Server der Website antwortet nicht richtig",
        "headline.service_unavailable" => "Die Website ist vorübergehend nicht verfügbar",
        "headline.gateway_timeout" => {
            "Der Server der Website hat zu lange für eine Antwort gebraucht"
        }
        "headline.origin_error" => "Der Server der Website war über sein CDN nicht erreichbar",
        "headline.server_error" => "Auf der Website ist ein Fehler aufgetreten",
        "headline.client_error" => "Die Anfrage konnte nicht bearbeitet werden",
        "headline.ok" => "Die Website hat normal geantwortet",
        _ => return None,
    })
}

fn ui(id: &str) -> Option<&'static str> {
    Some(match id {
        "ui.you" => "Sie",
        "ui.gateway" => "Gateway",
        "ui.app" => "Anwendung",
        "ui.diagram" => "Wo die Anfrage stehen blieb",
        "ui.failed_here" => "hier ausgefallen",
        "ui.hop.browser" => "Das Problem liegt auf dem Weg von Ihrem Gerät.",
        "ui.hop.gateway" => "Das Gateway der Website selbst ist ausgefallen.",
        "ui.hop.upstream" => "Das Gateway läuft, aber die Anwendung dahinter hat nicht richtig geantwortet.",
        "ui.hop.unknown" => "Es ist unklar, welcher Teil ausgefallen ist.",
        "ui.observed" => "Was wir gesehen haben",
        "ui.observed_status" => "HTTP-Status",
        "ui.observed_gateway" => "Geantwortet hat",
        "ui.observed_address" => "Adresse",
        "ui.retry_in" => "Neuer Versuch in",
        "ui.seconds" => "s",
        "ui.retry_now" => "Jetzt erneut versuchen",
        "ui.try_again" => "Erneut versuchen",
        "ui.checking" => "Prüfe, ob die Website wieder da ist…",
        "ui.back" => "Die Website ist wieder da. Sie wird geladen…",
        "ui.stopped" => "Automatische Versuche beendet. Versuchen Sie es später noch einmal.",
        "ui.not_resent" => "Ihr Formular wurde nicht von selbst erneut gesendet, damit nichts doppelt passiert. Versuchen Sie es erneut, wenn Sie so weit sind.",
        "ui.verdict.down_for_everyone" => "Die Website ist für alle nicht erreichbar, nicht nur für Sie.",
        "ui.verdict.just_you" => "Andere erreichen die Website: Das Problem liegt vielleicht bei Ihnen.",
        "ui.verdict.unknown" => "Wir konnten nicht feststellen, ob die Website für alle nicht erreichbar ist.",
        "ui.your_advice" => "Was Sie tun können",
        "ui.developer" => "Für das Team der Website",
        "ui.contact" => "Das Team der Website kontaktieren",
        "ui.status_page" => "Statusseite",
        "ui.no_script" => "Diese Seite lädt sich alle zwei Minuten neu.",
        _ => return None,
    })
}
