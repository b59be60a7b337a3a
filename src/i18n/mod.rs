//! Every user-facing string, in one table keyed by id, per language (one file each). Surfaces
//! never hold their own copies: they ask the core (through `Report` or a wasm export).

mod en;

/// The languages explain502 speaks. English is the fallback for every missing string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
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
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
        }
    }
}

/// The string `id` in `lang`, falling back to English; unknown ids give "".
pub fn text(lang: Lang, id: &str) -> &'static str {
    let found = match lang {
        Lang::En => None,
    };
    found.or_else(|| en::text(id)).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_first_supported_language() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(Lang::pick(&tags(&["xx", "en-GB"])), Lang::En);
        assert_eq!(Lang::pick(&[]), Lang::En);
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
