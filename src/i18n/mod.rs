//! Every user-facing string, keyed by id, per language (one file each). Surfaces never hold
//! their own copies: they ask the core (through `Report`, `uiText` or another wasm export).
//!
//! Every id (the headlines, `ui.*`, the visitor's and the developer's `advice.*`, with
//! `advice.<tip>.<gateway>` for a gateway's own sentence) is a field of [`Table`], declared
//! once in the `table!` list below; each language's `TEXT: Table` gives each field its text,
//! written whole in that language (commands, directives and log lines stay as the software
//! prints them, in ASCII quotes). A missing, unknown or repeated key fails to compile; the
//! order of the lines is free. Stored as one string per language in the order of
//! [`TRANSLATED`] (built at compile time), so keys cost nothing in the wasm.
//!
//! How to add a sentence:
//! 1. Add `field = "area.id",` to the `table!` list (the field is the id with `_` for `.`;
//!    the build checks it). An extension-only label goes between `ui.hide_site` and
//!    `ui.saved`, a label of the static site only after `ui.saved`, among `ui.check.*`,
//!    `ui.log.*` and `ui.har.*` (`LEFT_OUT`: the error pages' wasm leaves both out, the widget's the site's).
//! 2. `cargo build`: it names every language file that lacks the field. Add it to each
//!    (en, es, de, fr, pt, ja), written whole in that language, with the same `{placeholders}`
//!    as English (a test checks them); connecting words too ("{keys} (or {other})" is a
//!    sentence of its own, `advice.keys.or`; key names too, `key.shift`: "Umschalttaste"),
//!    only the key pressed ("R", "F5") and product names stay as they are.
//! 3. Read it with `i18n::text(lang, "area.id")`; a `ui.*` label reaches JS through `uiText`.

use crate::prelude::*;
use core::ops::Range;

/// `parts` as one string, each part ended by a newline, built at compile time (a part holding
/// a newline fails the build). The tables ship in every error page, and as arrays each string
/// costs 8 bytes of pointer and length that gzip barely shrinks (~2 KB gzipped in all); one
/// string per table costs nothing, and `lines` walks it with little code.
macro_rules! joined {
    ($parts:expr) => {
        $crate::i18n::joined!($parts, 0..0)
    };
    ($parts:expr, $skip:expr) => {{
        const BYTES: [u8; $crate::i18n::joined_len(&$parts, $skip)] =
            $crate::i18n::join(&$parts, $skip);
        const TEXT: &str = match core::str::from_utf8(&BYTES) {
            Ok(text) => text,
            Err(_) => panic!("not UTF-8"),
        };
        TEXT
    }};
}

pub(crate) use joined;

/// The length of `joined!(parts, skip)`: the parts but those at the indices in `skip`.
pub(crate) const fn joined_len(parts: &[&str], skip: Range<usize>) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < parts.len() {
        if i < skip.start || i >= skip.end {
            len += parts[i].len() + 1;
        }
        i += 1;
    }
    len
}

pub(crate) const fn join<const LEN: usize>(parts: &[&str], skip: Range<usize>) -> [u8; LEN] {
    let mut out = [0u8; LEN];
    let mut at = 0;
    let mut i = 0;
    while i < parts.len() {
        if i < skip.start || i >= skip.end {
            let bytes = parts[i].as_bytes();
            let mut j = 0;
            while j < bytes.len() {
                assert!(bytes[j] != b'\n', "a joined string holds a newline");
                out[at] = bytes[j];
                at += 1;
                j += 1;
            }
            out[at] = b'\n';
            at += 1;
        }
        i += 1;
    }
    out
}

/// Every language, for tests and for surfaces that list them.
pub const LANGS: [Lang; 6] = [Lang::En, Lang::Es, Lang::De, Lang::Fr, Lang::Pt, Lang::Ja];

/// `Table`, one `&str` field per translated id, and `TRANSLATED`, the ids in field order.
/// Each field is its id with `_` for `.` (checked at compile time), so each language's
/// `TEXT: Table = Table { field: "text", … }` is keyed by id: a missing, unknown or repeated
/// key fails to compile and the compiler names it, and the order of the lines is free.
macro_rules! table {
    ($($field:ident = $id:literal,)*) => {
        /// One language's translated strings (see the module's doc).
        pub(crate) struct Table {
            $(pub $field: &'static str,)*
        }

        /// The ids every translation carries, in the order of [`Table`]'s fields.
        pub(crate) const TRANSLATED: [&str; [$($id),*].len()] = [$($id),*];

        impl Table {
            /// The strings in the order of [`TRANSLATED`], for `joined!` at compile time.
            const fn parts(&self) -> [&'static str; TRANSLATED.len()] {
                [$(self.$field),*]
            }
        }

        $(const _: () = assert!(
            field_names_id(stringify!($field), $id),
            concat!("field ", stringify!($field), " is not named after ", $id)
        );)*
    };
}

/// Whether `field` is `id` with `_` for each `.`.
const fn field_names_id(field: &str, id: &str) -> bool {
    let (field, id) = (field.as_bytes(), id.as_bytes());
    if field.len() != id.len() {
        return false;
    }
    let mut i = 0;
    while i < id.len() {
        let expected = if id[i] == b'.' { b'_' } else { id[i] };
        if field[i] != expected {
            return false;
        }
        i += 1;
    }
    true
}

// The ids: the headlines, the whole `ui.*` area, the visitor's and the developer's advice.
// The extension's own labels, and the bot-check sentences, run from `ui.hide_site` to
// `ui.saved`, the site's own after them (`LEFT_OUT`).
table! {
    headline_bad_gateway = "headline.bad_gateway",
    headline_service_unavailable = "headline.service_unavailable",
    headline_gateway_timeout = "headline.gateway_timeout",
    headline_origin_error = "headline.origin_error",
    headline_server_error = "headline.server_error",
    headline_client_error = "headline.client_error",
    headline_ok = "headline.ok",
    ui_you = "ui.you",
    ui_gateway = "ui.gateway",
    ui_app = "ui.app",
    ui_diagram = "ui.diagram",
    ui_failed_here = "ui.failed_here",
    ui_hop_browser = "ui.hop.browser",
    ui_hop_gateway = "ui.hop.gateway",
    ui_hop_upstream = "ui.hop.upstream",
    ui_hop_unknown = "ui.hop.unknown",
    ui_observed = "ui.observed",
    ui_observed_status = "ui.observed_status",
    ui_observed_gateway = "ui.observed_gateway",
    ui_observed_address = "ui.observed_address",
    ui_retry_in = "ui.retry_in",
    ui_seconds = "ui.seconds",
    ui_retry_now = "ui.retry_now",
    ui_try_again = "ui.try_again",
    ui_checking = "ui.checking",
    ui_back = "ui.back",
    ui_stopped = "ui.stopped",
    ui_not_resent = "ui.not_resent",
    ui_verdict_down_for_everyone = "ui.verdict.down_for_everyone",
    ui_verdict_just_you = "ui.verdict.just_you",
    ui_verdict_unknown = "ui.verdict.unknown",
    ui_your_advice = "ui.your_advice",
    ui_developer = "ui.developer",
    ui_contact = "ui.contact",
    ui_status_page = "ui.status_page",
    ui_no_script = "ui.no_script",
    ui_preview = "ui.preview",
    ui_hide_site = "ui.hide_site",
    ui_hard_reload = "ui.hard_reload",
    ui_private_window = "ui.private_window",
    ui_archived_copy = "ui.archived_copy",
    ui_stop_retrying = "ui.stop_retrying",
    ui_gateway_unknown = "ui.gateway_unknown",
    ui_likely_cause = "ui.likely_cause",
    ui_cause_upstream_down = "ui.cause.upstream_down",
    ui_cause_upstream_reset = "ui.cause.upstream_reset",
    ui_cause_upstream_invalid_response = "ui.cause.upstream_invalid_response",
    ui_cause_upstream_timeout = "ui.cause.upstream_timeout",
    ui_cause_no_healthy_upstream = "ui.cause.no_healthy_upstream",
    ui_cause_wrong_upstream_address = "ui.cause.wrong_upstream_address",
    ui_cause_upstream_out_of_memory = "ui.cause.upstream_out_of_memory",
    ui_cause_overloaded = "ui.cause.overloaded",
    ui_cause_maintenance = "ui.cause.maintenance",
    ui_cause_dns_failure = "ui.cause.dns_failure",
    ui_cause_tls_failure = "ui.cause.tls_failure",
    ui_cause_unknown = "ui.cause.unknown",
    ui_verdict_pending = "ui.verdict.pending",
    ui_back_manual = "ui.back_manual",
    ui_retry_off = "ui.retry_off",
    ui_follower = "ui.follower",
    ui_still_down = "ui.still_down",
    ui_private_howto = "ui.private_howto",
    ui_no_report = "ui.no_report",
    ui_host_access = "ui.host_access",
    ui_grant_access = "ui.grant_access",
    ui_options = "ui.options",
    ui_auto_retry = "ui.auto_retry",
    ui_max_wait = "ui.max_wait",
    ui_sources = "ui.sources",
    ui_source_isitup = "ui.source.isitup",
    ui_source_wayback = "ui.source.wayback",
    ui_source_direct = "ui.source.direct",
    ui_ignored_sites = "ui.ignored_sites",
    ui_retry_yes = "ui.retry.yes",
    ui_retry_no = "ui.retry.no",
    ui_retry_after = "ui.retry.after",
    ui_no_advice = "ui.no_advice",
    ui_evidence = "ui.evidence",
    ui_save = "ui.save",
    // A bot check answered (crate::challenge): in the widget, site and extension; never in
    // the error pages, which are themselves the answer and see no bot check.
    headline_challenge = "headline.challenge",
    advice_complete_check = "advice.complete_check",
    advice_disable_vpn_or_extension = "advice.disable_vpn_or_extension",
    ui_not_on_site = "ui.not_on_site",
    ui_pause_all = "ui.pause_all",
    ui_paused = "ui.paused",
    ui_resume = "ui.resume",
    ui_privacy = "ui.privacy",
    ui_endpoints = "ui.endpoints",
    ui_endpoints_help = "ui.endpoints_help",
    ui_endpoints_invalid = "ui.endpoints_invalid",
    ui_saved = "ui.saved",
    // The static site's own labels (its check, explain and log pages): only with the cargo feature
    // `site` (`LEFT_OUT`).
    ui_check_checking = "ui.check.checking",
    ui_check_done = "ui.check.done",
    ui_check_failed = "ui.check.failed",
    ui_check_enter_address = "ui.check.enter_address",
    ui_check_confidence = "ui.check.confidence",
    ui_check_archived = "ui.check.archived",
    ui_check_no_archived = "ui.check.no_archived",
    ui_har_count = "ui.har.count",
    ui_har_none = "ui.har.none",
    ui_har_show = "ui.har.show",
    ui_explain_unreadable = "ui.explain.unreadable",
    ui_log_counts = "ui.log.counts",
    ui_log_health = "ui.log.health",
    ui_log_status_only = "ui.log.status_only",
    ui_log_joined = "ui.log.joined",
    ui_log_gateway = "ui.log.gateway",
    ui_log_seen = "ui.log.seen",
    ui_log_cluster = "ui.log.cluster",
    ui_log_line = "ui.log.line",
    ui_log_upstream = "ui.log.upstream",
    ui_log_health_check = "ui.log.health_check",
    ui_log_joined_line = "ui.log.joined_line",
    ui_log_unreadable = "ui.log.unreadable",
    ui_log_compressed_cut = "ui.log.compressed_cut",
    ui_har_unreadable = "ui.har.unreadable",
    advice_wait_and_retry = "advice.wait_and_retry",
    advice_hard_refresh = "advice.hard_refresh",
    advice_hard_refresh_touch = "advice.hard_refresh.touch",
    advice_private_window = "advice.private_window",
    advice_private_window_touch = "advice.private_window.touch",
    advice_other_browser = "advice.other_browser",
    advice_check_down_for_everyone = "advice.check_down_for_everyone",
    advice_archived_copy = "advice.archived_copy",
    advice_window_chrome = "advice.window.chrome",
    advice_window_chrome_touch = "advice.window.chrome.touch",
    advice_window_edge = "advice.window.edge",
    advice_window_edge_touch = "advice.window.edge.touch",
    advice_window_private = "advice.window.private",
    advice_window_firefox_touch = "advice.window.firefox.touch",
    advice_window_safari_touch = "advice.window.safari.touch",
    advice_window_samsung_touch = "advice.window.samsung.touch",
    advice_window_other = "advice.window.other",
    advice_window_other_touch = "advice.window.other.touch",
    advice_keys_or = "advice.keys.or",
    advice_keys_mac = "advice.keys.mac",
    advice_keys_firefox = "advice.keys.firefox",
    // The key caps a shortcut names, as the language's own help pages name them (sources in
    // each language file); advice.rs composes a combination from them and the last key.
    key_ctrl = "key.ctrl",
    key_shift = "key.shift",
    key_command = "key.command",
    key_option = "key.option",
    // The developer's advice: one sentence per tip, and one added per tip and gateway.
    advice_check_app_running = "advice.check_app_running",
    advice_check_timeouts = "advice.check_timeouts",
    advice_check_proxy_address = "advice.check_proxy_address",
    advice_check_memory = "advice.check_memory",
    advice_check_tls = "advice.check_tls",
    advice_review_bot_rules = "advice.review_bot_rules",
    advice_check_gateway_status = "advice.check_gateway_status",
    advice_read_gateway_log = "advice.read_gateway_log",
    advice_gateway_unknown = "advice.gateway.unknown",
    advice_check_app_running_nginx = "advice.check_app_running.nginx",
    advice_check_app_running_apache = "advice.check_app_running.apache",
    advice_check_app_running_haproxy = "advice.check_app_running.haproxy",
    advice_check_app_running_varnish = "advice.check_app_running.varnish",
    advice_check_app_running_squid = "advice.check_app_running.squid",
    advice_check_app_running_heroku = "advice.check_app_running.heroku",
    advice_check_timeouts_nginx = "advice.check_timeouts.nginx",
    advice_check_timeouts_apache = "advice.check_timeouts.apache",
    advice_check_timeouts_haproxy = "advice.check_timeouts.haproxy",
    advice_check_timeouts_caddy = "advice.check_timeouts.caddy",
    advice_check_timeouts_varnish = "advice.check_timeouts.varnish",
    advice_check_timeouts_lighttpd = "advice.check_timeouts.lighttpd",
    advice_check_timeouts_squid = "advice.check_timeouts.squid",
    advice_check_timeouts_envoy = "advice.check_timeouts.envoy",
    advice_check_timeouts_traefik = "advice.check_timeouts.traefik",
    advice_check_timeouts_iis = "advice.check_timeouts.iis",
    advice_check_timeouts_cloudflare = "advice.check_timeouts.cloudflare",
    advice_check_timeouts_aws_elb = "advice.check_timeouts.aws_elb",
    advice_check_timeouts_aws_cloudfront = "advice.check_timeouts.aws_cloudfront",
    advice_check_timeouts_google_frontend = "advice.check_timeouts.google_frontend",
    advice_check_timeouts_heroku = "advice.check_timeouts.heroku",
    advice_check_timeouts_azure = "advice.check_timeouts.azure",
    advice_check_timeouts_fastly = "advice.check_timeouts.fastly",
    advice_check_timeouts_vercel = "advice.check_timeouts.vercel",
    advice_check_proxy_address_nginx = "advice.check_proxy_address.nginx",
    advice_check_proxy_address_apache = "advice.check_proxy_address.apache",
    advice_check_proxy_address_haproxy = "advice.check_proxy_address.haproxy",
    advice_check_proxy_address_caddy = "advice.check_proxy_address.caddy",
    advice_check_proxy_address_varnish = "advice.check_proxy_address.varnish",
    advice_check_proxy_address_lighttpd = "advice.check_proxy_address.lighttpd",
    advice_check_proxy_address_squid = "advice.check_proxy_address.squid",
    advice_check_proxy_address_envoy = "advice.check_proxy_address.envoy",
    advice_check_proxy_address_traefik = "advice.check_proxy_address.traefik",
    advice_check_proxy_address_cloudflare = "advice.check_proxy_address.cloudflare",
}

mod de;
mod en;
mod es;
mod fr;
mod ja;
mod pt;

/// The languages explain502 speaks. English is the fallback for every missing string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
    De,
    Fr,
    Pt,
    Ja,
}

impl Lang {
    /// The first supported language among BCP 47 tags (most preferred first), else English.
    pub fn pick(tags: &[String]) -> Lang {
        tags.iter()
            .find_map(|tag| Lang::from_tag(tag))
            .unwrap_or(Lang::En)
    }

    fn from_tag(tag: &str) -> Option<Lang> {
        let primary = crate::text::split(tag, b"-_").next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "de" => Some(Lang::De),
            "fr" => Some(Lang::Fr),
            "pt" => Some(Lang::Pt),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Pt => "pt",
            Lang::Ja => "ja",
        }
    }
}

/// The string `id` in `lang`; unknown ids give "".
pub fn text(lang: Lang, id: &str) -> &'static str {
    match lines(TRANSLATED_IDS).position(|known| known == id) {
        Some(index) => lines(translation(lang)).nth(index).unwrap_or(""),
        None => "",
    }
}

/// A language's strings, one a line, in the order of [`TRANSLATED`] (built at compile time:
/// the ids are not stored with them, they are in [`TRANSLATED_IDS`] once).
fn translation(lang: Lang) -> &'static str {
    match lang {
        Lang::En => joined!(en::TEXT.parts(), LEFT_OUT),
        Lang::Es => joined!(es::TEXT.parts(), LEFT_OUT),
        Lang::De => joined!(de::TEXT.parts(), LEFT_OUT),
        Lang::Fr => joined!(fr::TEXT.parts(), LEFT_OUT),
        Lang::Pt => joined!(pt::TEXT.parts(), LEFT_OUT),
        Lang::Ja => joined!(ja::TEXT.parts(), LEFT_OUT),
    }
}

/// The parts of a `joined!` string.
pub(crate) fn lines(joined: &'static str) -> impl Iterator<Item = &'static str> {
    crate::text::split(joined, b"\n")
}

const TRANSLATED_IDS: &str = joined!(TRANSLATED, LEFT_OUT);

/// The labels left out of every language's table in this build: the extension's and the
/// site's shared labels (the popup, the options page, the site's report: `ui.hide_site` …
/// `ui.saved`) without the default cargo feature `extension-labels`, as in the error pages'
/// wasm, which never shows them (~3.7 KB gzipped); the static site's own (`ui.check.*`,
/// `ui.har.*`, `ui.explain.*`, right after them) without the feature `site`, so the widget's and the
/// extension's wasm do not carry them. One range either way (they are adjacent).
const LEFT_OUT: Range<usize> = if !cfg!(feature = "extension-labels") {
    index_of("ui.hide_site")..index_of("ui.har.unreadable") + 1
} else if !cfg!(feature = "site") {
    index_of("ui.check.checking")..index_of("ui.har.unreadable") + 1
} else {
    0..0
};

/// The index of `id` in [`TRANSLATED`], at compile time (a missing id fails the build).
const fn index_of(id: &str) -> usize {
    let mut i = 0;
    while i < TRANSLATED.len() {
        let known = TRANSLATED[i].as_bytes();
        let wanted = id.as_bytes();
        if known.len() == wanted.len() {
            let mut j = 0;
            while j < known.len() && known[j] == wanted[j] {
                j += 1;
            }
            if j == known.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not in TRANSLATED")
}

/// The `ui.*` table in `lang`: (id without the `ui.` prefix, text), what `uiText` hands JS.
pub fn ui_table(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    lines(TRANSLATED_IDS).filter_map(move |id| {
        let key = id.strip_prefix("ui.")?;
        Some((key, text(lang, id)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_first_supported_language() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(Lang::pick(&tags(&["xx", "en-GB"])), Lang::En);
        assert_eq!(Lang::pick(&[]), Lang::En);
        assert_eq!(Lang::pick(&tags(&["pt-BR", "en"])), Lang::Pt);
        assert_eq!(Lang::pick(&tags(&["xx", "ja_JP"])), Lang::Ja);
        assert_eq!(Lang::pick(&tags(&["DE-at"])), Lang::De);
    }

    /// Every language translates every headline and every `ui.*` string (no silent English).
    #[test]
    fn every_language_has_every_headline_and_label() {
        let placeholders = |text: &str| {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}'))
                .map(|(p, _)| p.to_string())
                .collect();
            found.sort();
            found
        };
        let english = translation(Lang::En);
        for lang in LANGS {
            let table = translation(lang);
            assert_eq!(
                lines(table).count(),
                lines(TRANSLATED_IDS).count(),
                "{}",
                lang.code()
            );
            for (index, id) in lines(TRANSLATED_IDS).enumerate() {
                let line = lines(table).nth(index).unwrap();
                assert!(!line.is_empty(), "{} {id}", lang.code());
                assert_eq!(
                    placeholders(line),
                    placeholders(lines(english).nth(index).unwrap()),
                    "{} {id}",
                    lang.code()
                );
                assert_eq!(text(lang, id), line);
            }
        }
        let families = [
            "bad_gateway",
            "service_unavailable",
            "gateway_timeout",
            "origin_error",
        ];
        for lang in LANGS {
            for (key, value) in ui_table(lang) {
                assert!(!value.is_empty(), "{} ui.{key}", lang.code());
                if lang != Lang::En && !["gateway", "seconds"].contains(&key) {
                    assert_ne!(
                        value,
                        text(Lang::En, &format!("ui.{key}")),
                        "{} ui.{key} untranslated",
                        lang.code()
                    );
                }
            }
            for family in families {
                let id = format!("headline.{family}");
                assert!(!text(lang, &id).is_empty());
                if lang != Lang::En {
                    assert_ne!(text(lang, &id), text(Lang::En, &id), "{} {id}", lang.code());
                }
            }
        }
    }

    /// Every field of every language's table, the labels this build leaves out included
    /// (the site's `ui.check.*` without `site`): written, with English's placeholders, and a
    /// label or headline not English's own text.
    #[test]
    fn every_table_is_whole_whatever_the_features() {
        let english = en::TEXT.parts();
        let others = [
            ("es", es::TEXT.parts()),
            ("de", de::TEXT.parts()),
            ("fr", fr::TEXT.parts()),
            ("pt", pt::TEXT.parts()),
            ("ja", ja::TEXT.parts()),
        ];
        let same_everywhere = ["ui.gateway", "ui.seconds"];
        for (code, parts) in others {
            for (index, id) in TRANSLATED.iter().enumerate() {
                assert!(!parts[index].is_empty(), "{code} {id}");
                assert_eq!(
                    parts[index].matches('{').count(),
                    english[index].matches('{').count(),
                    "{code} {id}"
                );
                if (id.starts_with("ui.") || id.starts_with("headline."))
                    && !same_everywhere.contains(id)
                {
                    assert_ne!(parts[index], english[index], "{code} {id} untranslated");
                }
            }
        }
    }

    /// Every cause has a name (`ui.cause.<id>`, the extension's "Likely cause" and the site's
    /// list), so a new cause cannot ship unnamed, and every name is a cause's. The names are
    /// extension and site labels: without `extension-labels` they are left out on purpose.
    #[cfg(feature = "extension-labels")]
    #[test]
    fn every_cause_has_a_name() {
        use crate::diagnose::CauseId;
        for &cause in CauseId::ALL {
            let name = text(Lang::En, &format!("ui.cause.{cause}"));
            assert!(!name.is_empty(), "ui.cause.{cause}");
        }
        for id in TRANSLATED
            .iter()
            .filter_map(|id| id.strip_prefix("ui.cause."))
        {
            assert!(
                CauseId::ALL.iter().any(|cause| cause.as_str() == id),
                "{id}"
            );
        }
    }

    #[test]
    fn every_family_has_a_headline() {
        for status in [200, 404, 500, 502, 503, 504, 522] {
            let family = crate::Family::of(status).as_str();
            assert!(
                !text(Lang::En, &format!("headline.{family}")).is_empty(),
                "{family}"
            );
        }
    }
}
