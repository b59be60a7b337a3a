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

/// `ui.*`: the widget's and the extension's labels.
fn ui(_id: &str) -> Option<&'static str> {
    None
}

/// `advice.*`: the visitor's and the developer's advice (see `advice.rs`).
fn advice(_id: &str) -> Option<&'static str> {
    None
}
