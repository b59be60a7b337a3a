//! Portuguese. Missing strings fall back to English (`super::text`).

pub(super) fn text(id: &str) -> Option<&'static str> {
    headline(id).or_else(|| ui(id))
    // FIXME: the `advice.*` area is still English only; translate it once it settles.
}

fn headline(id: &str) -> Option<&'static str> {
    Some(match id {
        "headline.bad_gateway" => "O servidor do site não está respondendo corretamente",
        "headline.service_unavailable" => "O site está temporariamente indisponível",
        "headline.gateway_timeout" => "O servidor do site demorou demais para responder",
        "headline.origin_error" => "Não foi possível alcançar o servidor do site pela CDN",
        "headline.server_error" => "O site encontrou um erro",
        "headline.client_error" => "Não foi possível atender à solicitação",
        "headline.ok" => "O site respondeu normalmente",
        _ => return None,
    })
}

fn ui(id: &str) -> Option<&'static str> {
    Some(match id {
        "ui.you" => "Você",
        "ui.gateway" => "Gateway",
        "ui.app" => "Aplicação",
        "ui.diagram" => "Onde a solicitação parou",
        "ui.failed_here" => "falhou aqui",
        "ui.hop.browser" => "O problema está no caminho a partir do seu dispositivo.",
        "ui.hop.gateway" => "O próprio gateway do site falhou.",
        "ui.hop.upstream" => "O gateway está no ar, mas a aplicação por trás dele não respondeu corretamente.",
        "ui.hop.unknown" => "Não está claro qual parte falhou.",
        "ui.observed" => "O que vimos",
        "ui.observed_status" => "Status HTTP",
        "ui.observed_gateway" => "Respondido por",
        "ui.observed_address" => "Endereço",
        "ui.retry_in" => "Nova tentativa em",
        "ui.seconds" => "s",
        "ui.retry_now" => "Tentar agora",
        "ui.try_again" => "Tentar novamente",
        "ui.checking" => "Verificando se o site voltou…",
        "ui.back" => "O site voltou. Carregando…",
        "ui.stopped" => "As tentativas automáticas pararam. Tente novamente daqui a pouco.",
        "ui.not_resent" => "Seu formulário não foi reenviado sozinho, então nada acontece duas vezes. Tente novamente quando quiser.",
        "ui.verdict.down_for_everyone" => "Está fora do ar para todos, não só para você.",
        "ui.verdict.just_you" => "Outras pessoas conseguem acessar o site: o problema pode estar do seu lado.",
        "ui.verdict.unknown" => "Não foi possível saber se está fora do ar para todos.",
        "ui.your_advice" => "O que você pode fazer",
        "ui.developer" => "Para a equipe do site",
        "ui.contact" => "Falar com a equipe do site",
        "ui.status_page" => "Página de status",
        "ui.no_script" => "Esta página se recarrega sozinha a cada dois minutos.",
        _ => return None,
    })
}
