//! Spanish. Missing strings fall back to English (`super::text`).

pub(super) fn text(id: &str) -> Option<&'static str> {
    headline(id).or_else(|| ui(id))
    // FIXME: the `advice.*` area is still English only; translate it once it settles.
}

fn headline(id: &str) -> Option<&'static str> {
    Some(match id {
        "headline.bad_gateway" => "El servidor del sitio no está respondiendo correctamente",
        "headline.service_unavailable" => "El sitio no está disponible temporalmente",
        "headline.gateway_timeout" => "El servidor del sitio tardó demasiado en responder",
        "headline.origin_error" => "No se pudo llegar al servidor del sitio a través de su CDN",
        "headline.server_error" => "El sitio ha tenido un error",
        "headline.client_error" => "No se pudo atender la solicitud",
        "headline.ok" => "El sitio respondió con normalidad",
        _ => return None,
    })
}

fn ui(id: &str) -> Option<&'static str> {
    Some(match id {
        "ui.you" => "Tú",
        "ui.gateway" => "Pasarela",
        "ui.app" => "Aplicación",
        "ui.diagram" => "Dónde se detuvo la solicitud",
        "ui.failed_here" => "falló aquí",
        "ui.hop.browser" => "El problema está en el camino desde tu dispositivo.",
        "ui.hop.gateway" => "Falló la propia pasarela del sitio.",
        "ui.hop.upstream" => "La pasarela funciona, pero la aplicación que hay detrás no respondió bien.",
        "ui.hop.unknown" => "No está claro qué parte falló.",
        "ui.observed" => "Lo que vimos",
        "ui.observed_status" => "Estado HTTP",
        "ui.observed_gateway" => "Respondió",
        "ui.observed_address" => "Dirección",
        "ui.retry_in" => "Nuevo intento en",
        "ui.seconds" => "s",
        "ui.retry_now" => "Reintentar ahora",
        "ui.try_again" => "Intentar de nuevo",
        "ui.checking" => "Comprobando si el sitio ha vuelto…",
        "ui.back" => "El sitio ha vuelto. Cargándolo…",
        "ui.stopped" => "Se dejó de reintentar automáticamente. Vuelve a intentarlo dentro de un rato.",
        "ui.not_resent" => "Tu formulario no se ha reenviado solo, así que nada ocurre dos veces. Inténtalo de nuevo cuando quieras.",
        "ui.verdict.down_for_everyone" => "Está caído para todo el mundo, no solo para ti.",
        "ui.verdict.just_you" => "Otras personas pueden acceder al sitio: el problema puede estar de tu lado.",
        "ui.verdict.unknown" => "No pudimos saber si está caído para todo el mundo.",
        "ui.your_advice" => "Qué puedes hacer",
        "ui.developer" => "Para el equipo del sitio",
        "ui.contact" => "Contactar con el equipo del sitio",
        "ui.status_page" => "Página de estado",
        "ui.no_script" => "Esta página se recarga sola cada dos minutos.",
        _ => return None,
    })
}
