//! Every user-facing string, in one table keyed by id, per language (one file each). Surfaces
//! never hold their own copies: they ask the core (through `Report` or a wasm export).

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

/// The ids every translation carries: the headlines, the whole `ui.*` area and the visitor's
/// advice (the developer's stays English: commands and log lines are English anyway).
const TRANSLATED: [&str; 91] = [
    "headline.bad_gateway",
    "headline.service_unavailable",
    "headline.gateway_timeout",
    "headline.origin_error",
    "headline.server_error",
    "headline.client_error",
    "headline.ok",
    "ui.you",
    "ui.gateway",
    "ui.app",
    "ui.diagram",
    "ui.failed_here",
    "ui.hop.browser",
    "ui.hop.gateway",
    "ui.hop.upstream",
    "ui.hop.unknown",
    "ui.observed",
    "ui.observed_status",
    "ui.observed_gateway",
    "ui.observed_address",
    "ui.retry_in",
    "ui.seconds",
    "ui.retry_now",
    "ui.try_again",
    "ui.checking",
    "ui.back",
    "ui.stopped",
    "ui.not_resent",
    "ui.verdict.down_for_everyone",
    "ui.verdict.just_you",
    "ui.verdict.unknown",
    "ui.your_advice",
    "ui.developer",
    "ui.contact",
    "ui.status_page",
    "ui.no_script",
    "ui.hide_site",
    "ui.hard_reload",
    "ui.private_window",
    "ui.archived_copy",
    "ui.stop_retrying",
    "ui.gateway_unknown",
    "ui.likely_cause",
    "ui.cause.upstream_down",
    "ui.cause.upstream_reset",
    "ui.cause.upstream_invalid_response",
    "ui.cause.upstream_timeout",
    "ui.cause.no_healthy_upstream",
    "ui.cause.wrong_upstream_address",
    "ui.cause.upstream_out_of_memory",
    "ui.cause.overloaded",
    "ui.cause.maintenance",
    "ui.cause.dns_failure",
    "ui.cause.tls_failure",
    "ui.verdict.pending",
    "ui.back_manual",
    "ui.retry_off",
    "ui.follower",
    "ui.still_down",
    "ui.private_howto",
    "ui.no_report",
    "ui.host_access",
    "ui.grant_access",
    "ui.options",
    "ui.auto_retry",
    "ui.max_wait",
    "ui.sources",
    "ui.source.isitup",
    "ui.source.wayback",
    "ui.source.direct",
    "ui.ignored_sites",
    "ui.save",
    "ui.saved",
    "advice.wait_and_retry",
    "advice.hard_refresh",
    "advice.hard_refresh.touch",
    "advice.private_window",
    "advice.private_window.touch",
    "advice.other_browser",
    "advice.check_down_for_everyone",
    "advice.archived_copy",
    "advice.window.chrome",
    "advice.window.chrome.touch",
    "advice.window.edge",
    "advice.window.edge.touch",
    "advice.window.private",
    "advice.window.firefox.touch",
    "advice.window.safari.touch",
    "advice.window.samsung.touch",
    "advice.window.other",
    "advice.window.other.touch",
];

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

/// The string `id` in `lang`, falling back to English; unknown ids give "".
pub fn text(lang: Lang, id: &str) -> &'static str {
    let found = translation(lang).and_then(|table| {
        let index = lines(TRANSLATED_IDS).position(|known| known == id)?;
        lines(table).nth(index)
    });
    found.or_else(|| en::text(id)).unwrap_or("")
}

/// A translation's strings, one a line, in the order of [`TRANSLATED`]; None for English (the
/// reference).
fn translation(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Es => Some(joined!(es::TEXT, LEFT_OUT)),
        Lang::De => Some(joined!(de::TEXT, LEFT_OUT)),
        Lang::Fr => Some(joined!(fr::TEXT, LEFT_OUT)),
        Lang::Pt => Some(joined!(pt::TEXT, LEFT_OUT)),
        Lang::Ja => Some(joined!(ja::TEXT, LEFT_OUT)),
    }
}

/// The parts of a `joined!` string.
pub(crate) fn lines(joined: &'static str) -> impl Iterator<Item = &'static str> {
    crate::text::split(joined, b"\n")
}

const TRANSLATED_IDS: &str = joined!(TRANSLATED, LEFT_OUT);

/// The extension's own labels (its popup and options page, `ui.hide_site` … `ui.saved`) in
/// [`TRANSLATED`]: left out of every language without the default cargo feature
/// `extension-labels`, as in the error pages' wasm, which never shows them (~3.7 KB gzipped).
const LEFT_OUT: Range<usize> = if cfg!(feature = "extension-labels") {
    0..0
} else {
    index_of("ui.hide_site")..index_of("ui.saved") + 1
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
        for (index, id) in lines(TRANSLATED_IDS).enumerate() {
            let english = en::text(id).unwrap_or_else(|| panic!("{id} is not in English"));
            for lang in LANGS.into_iter().skip(1) {
                let table = translation(lang).unwrap();
                assert_eq!(
                    lines(table).count(),
                    lines(TRANSLATED_IDS).count(),
                    "{}",
                    lang.code()
                );
                assert_eq!(
                    placeholders(lines(table).nth(index).unwrap()),
                    placeholders(english),
                    "{} {id}",
                    lang.code()
                );
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

    /// Every cause but `unknown` has a name (`ui.cause.<id>`, the extension's "Likely cause"),
    /// so a new cause cannot ship unnamed, and every name is a cause's. The names are
    /// extension labels: without `extension-labels` they are left out on purpose.
    #[cfg(feature = "extension-labels")]
    #[test]
    fn every_cause_but_unknown_has_a_name() {
        use crate::diagnose::CauseId;
        for &cause in CauseId::ALL {
            let name = text(Lang::En, &format!("ui.cause.{cause}"));
            assert_eq!(
                name.is_empty(),
                cause == CauseId::Unknown,
                "ui.cause.{cause}"
            );
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
