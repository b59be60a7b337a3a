//! English: the reference language, and the fallback for every string another one lacks.

pub(super) fn text(id: &str) -> Option<&'static str> {
    headline(id).or_else(|| ui(id)).or_else(|| advice(id))
}

/// `headline.<family>`: the one sentence a visitor reads first.
fn headline(id: &str) -> Option<&'static str> {
    Some(match id {
        "headline.bad_gateway" => "The site's server is not answering properly",
        "headline.service_unavailable" => "The site is temporarily unavailable",
        "headline.gateway_timeout" => "The site's server took too long to answer",
        "headline.origin_error" => "The site's server could not be reached through its CDN",
        "headline.server_error" => "The site ran into an error",
        "headline.client_error" => "The request could not be served",
        "headline.ok" => "The site answered normally",
        _ => return None,
    })
}

/// `ui.*`: the widget's and the extension's labels (every id is in `super::UI_KEYS`).
fn ui(id: &str) -> Option<&'static str> {
    Some(match id {
        "ui.you" => "You",
        "ui.gateway" => "Gateway",
        "ui.app" => "App",
        "ui.diagram" => "Where the request stopped",
        "ui.failed_here" => "failed here",
        "ui.hop.browser" => "The problem is on the way from your device.",
        "ui.hop.gateway" => "The site's gateway itself failed.",
        "ui.hop.upstream" => "The gateway is up, but the app behind it did not answer properly.",
        "ui.hop.unknown" => "It is not clear which part failed.",
        "ui.observed" => "What we saw",
        "ui.observed_status" => "HTTP status",
        "ui.observed_gateway" => "Answered by",
        "ui.observed_address" => "Address",
        "ui.retry_in" => "Trying again in",
        "ui.seconds" => "s",
        "ui.retry_now" => "Retry now",
        "ui.try_again" => "Try again",
        "ui.checking" => "Checking whether the site is back…",
        "ui.back" => "The site is back. Loading it…",
        "ui.stopped" => "Stopped trying automatically. Try again in a while.",
        "ui.not_resent" => "Your form was not sent again by itself, so nothing happens twice. Try again when you are ready.",
        "ui.verdict.down_for_everyone" => "It is down for everyone, not just you.",
        "ui.verdict.just_you" => "Others can reach the site: the problem may be on your side.",
        "ui.verdict.unknown" => "We could not tell whether it is down for everyone.",
        "ui.your_advice" => "What you can do",
        "ui.developer" => "For the site's team",
        "ui.contact" => "Contact the site's team",
        "ui.status_page" => "Status page",
        "ui.no_script" => "This page reloads itself every two minutes.",
        _ => return None,
    })
}

/// `advice.*`: the visitor's and the developer's advice (see `advice.rs`).
fn advice(_id: &str) -> Option<&'static str> {
    None
}
