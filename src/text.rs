//! Byte-wise substring search for the rules' short needles in at most 64 KiB of text. `str`'s
//! own search brings the generic two-way searcher into the wasm; this is one small loop.

use crate::prelude::*;

/// The first byte offset of `needle` in `haystack`. A match of a UTF-8 needle in UTF-8 text
/// always starts and ends on character boundaries, so the offset can slice `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    position(haystack, needle, <[u8]>::eq)
}

/// The first offset where `same(bytes there, needle)` holds: one loop for both kinds of find,
/// generic so that each inlines its comparison (this runs for every phrase over up to 64 KiB).
fn position(haystack: &str, needle: &str, same: impl Fn(&[u8], &[u8]) -> bool) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let last = hay.len().checked_sub(needle.len())?;
    (0..=last).find(|&at| {
        hay.get(at..at + needle.len())
            .is_some_and(|part| same(part, needle))
    })
}

/// The last byte offset of `needle` in `haystack`.
pub fn rfind(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let last = hay.len().checked_sub(needle.len())?;
    (0..=last)
        .rev()
        .find(|&at| hay.get(at..at + needle.len()) == Some(needle))
}

/// Like [`find`], ignoring ASCII case.
pub fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    position(haystack, needle, <[u8]>::eq_ignore_ascii_case)
}

pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    find_ignore_case(haystack, needle).is_some()
}

/// `text.starts_with(prefix)`, ignoring ASCII case.
pub fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    let prefix = prefix.as_bytes();
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// The pieces of `text` between any of the ASCII `separators`, like `str::split_terminator`
/// (no empty last piece). Every separator here is ASCII, and core's generic char searcher
/// costs ~1 KB of wasm.
pub fn split<'a>(text: &'a str, separators: &'a [u8]) -> impl Iterator<Item = &'a str> + 'a {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let current = rest?;
        match current.bytes().position(|b| separators.contains(&b)) {
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => {
                rest = None;
                (!current.is_empty()).then_some(current)
            }
        }
    })
}

/// ASCII digits as a number, saturating at `u64::MAX` (`str::parse` brings its error type into
/// the wasm). Callers check that `text` is all digits.
pub fn digits(text: &str) -> u64 {
    text.bytes().fold(0, |n: u64, b| {
        n.saturating_mul(10)
            .saturating_add(u64::from(b.wrapping_sub(b'0')))
    })
}

/// `str::split_once` at the first ASCII `separator`.
pub fn split_once(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == separator)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `text` with every `from` replaced by `to`.
pub fn replace(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, from).filter(|_| !from.is_empty()) {
        out.push_str(rest.get(..at).unwrap_or(""));
        out.push_str(to);
        rest = rest.get(at + from.len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_like_str_does() {
        for (hay, needle) in [
            ("abcabc", "bc"),
            ("abc", ""),
            ("", "a"),
            ("ab", "abc"),
            ("héllo é", "é"),
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay} {needle}");
            assert_eq!(rfind(hay, needle), hay.rfind(needle), "{hay} {needle}");
            let upper = hay.to_ascii_uppercase();
            assert_eq!(
                find_ignore_case(&upper, needle),
                hay.find(needle),
                "{hay} {needle}"
            );
            let starts = starts_with_ignore_case(&upper, needle);
            assert_eq!(starts, hay.starts_with(needle), "{hay} {needle}");
        }
        assert_eq!(replace("{a} and {a}", "{a}", "x"), "x and x");
        for text in ["", "a", "a\n", "\na\n\nb", "é\tü\n", "\n\n"] {
            let ours: Vec<&str> = split(text, b"\n\t").collect();
            let std: Vec<&str> = text.split_terminator(['\n', '\t']).collect();
            assert_eq!(ours, std, "{text:?}");
            assert_eq!(split_once(text, b'\n'), text.split_once('\n'), "{text:?}");
        }
        assert_eq!(replace("abc", "", "x"), "abc");
    }
}
