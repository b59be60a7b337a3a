//! Every user-facing string, in one table keyed by id, per language (one file each). Surfaces
//! never hold their own copies: they ask the core (through `Report` or a wasm export).

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
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
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
    let found = match lang {
        Lang::En => None,
        Lang::Es => es::text(id),
        Lang::De => de::text(id),
        Lang::Fr => fr::text(id),
        Lang::Pt => pt::text(id),
        Lang::Ja => ja::text(id),
    };
    found.or_else(|| en::text(id)).unwrap_or("")
}

/// Every language, for tests and for surfaces that list them.
pub const LANGS: [Lang; 6] = [Lang::En, Lang::Es, Lang::De, Lang::Fr, Lang::Pt, Lang::Ja];

/// The ids of the `ui.*` area (without the prefix): what `uiText` hands the widget.
pub const UI_KEYS: &[&str] = &[
    "you",
    "gateway",
    "app",
    "diagram",
    "failed_here",
    "hop.browser",
    "hop.gateway",
    "hop.upstream",
    "hop.unknown",
    "observed",
    "observed_status",
    "observed_gateway",
    "observed_address",
    "retry_in",
    "seconds",
    "retry_now",
    "try_again",
    "checking",
    "back",
    "stopped",
    "not_resent",
    "verdict.down_for_everyone",
    "verdict.just_you",
    "verdict.unknown",
    "your_advice",
    "developer",
    "contact",
    "status_page",
    "no_script",
];

/// The `ui.*` table in `lang`: (id without the prefix, text), English where `lang` lacks one.
pub fn ui_table(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    UI_KEYS.iter().map(move |key| {
        let mut id = String::with_capacity(3 + key.len());
        id.push_str("ui.");
        id.push_str(key);
        (*key, text(lang, &id))
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
        let families = [
            "bad_gateway",
            "service_unavailable",
            "gateway_timeout",
            "origin_error",
        ];
        for lang in LANGS {
            for (key, value) in ui_table(lang) {
                assert!(!value.is_empty(), "{} ui.{key}", lang.code());
                if lang != Lang::En && key != "gateway" && key != "seconds" {
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
