//! French. Missing strings fall back to English (`super::text`).

pub(super) fn text(id: &str) -> Option<&'static str> {
    headline(id).or_else(|| ui(id))
    // FIXME: the `advice.*` area is still English only; translate it once it settles.
}

fn headline(id: &str) -> Option<&'static str> {
    Some(match id {
        "headline.bad_gateway" => "Le serveur du site ne répond pas correctement",
        "headline.service_unavailable" => "Le site est temporairement indisponible",
        "headline.gateway_timeout" => "Le serveur du site a mis trop de temps à répondre",
        "headline.origin_error" => "Le serveur du site n'a pas pu être joint via son CDN",
        "headline.server_error" => "Le site a rencontré une erreur",
        "headline.client_error" => "La requête n'a pas pu être traitée",
        "headline.ok" => "Le site a répondu normalement",
        _ => return None,
    })
}

fn ui(id: &str) -> Option<&'static str> {
    Some(match id {
        "ui.you" => "Vous",
        "ui.gateway" => "Passerelle",
        "ui.app" => "Application",
        "ui.diagram" => "Où la requête s'est arrêtée",
        "ui.failed_here" => "échec ici",
        "ui.hop.browser" => "Le problème se situe entre votre appareil et le site.",
        "ui.hop.gateway" => "La passerelle du site elle-même est en panne.",
        "ui.hop.upstream" => "La passerelle fonctionne, mais l'application derrière elle n'a pas répondu correctement.",
        "ui.hop.unknown" => "On ne sait pas quelle partie est en panne.",
        "ui.observed" => "Ce que nous avons vu",
        "ui.observed_status" => "Statut HTTP",
        "ui.observed_gateway" => "Réponse de",
        "ui.observed_address" => "Adresse",
        "ui.retry_in" => "Nouvel essai dans",
        "ui.seconds" => "s",
        "ui.retry_now" => "Réessayer maintenant",
        "ui.try_again" => "Réessayer",
        "ui.checking" => "Vérification du retour du site…",
        "ui.back" => "Le site est de retour. Chargement…",
        "ui.stopped" => "Nouveaux essais automatiques arrêtés. Réessayez dans un moment.",
        "ui.not_resent" => "Votre formulaire n'a pas été renvoyé tout seul : rien ne se produit deux fois. Réessayez quand vous le souhaitez.",
        "ui.verdict.down_for_everyone" => "Le site est en panne pour tout le monde, pas seulement pour vous.",
        "ui.verdict.just_you" => "D'autres personnes accèdent au site : le problème vient peut-être de chez vous.",
        "ui.verdict.unknown" => "Impossible de savoir si le site est en panne pour tout le monde.",
        "ui.your_advice" => "Ce que vous pouvez faire",
        "ui.developer" => "Pour l'équipe du site",
        "ui.contact" => "Contacter l'équipe du site",
        "ui.status_page" => "Page d'état",
        "ui.no_script" => "Cette page se recharge toute seule toutes les deux minutes.",
        _ => return None,
    })
}
