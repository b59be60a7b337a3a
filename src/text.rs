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

/// `bytes` as text when they are UTF-8 (RFC 3629: shortest form, no surrogates, at most
/// U+10FFFF), as `core::str::from_utf8` checks, in one plain loop: core's (unrolled for long
/// text) was ~600 B of the error pages' wasm, whose text is a probe's few hundred bytes of
/// headers.
#[cfg(any(test, all(target_arch = "wasm32", feature = "page")))]
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (len, least, mut c) = match lead {
            0x00..=0x7f => (1, 0, u32::from(lead)),
            0xc0..=0xdf => (2, 0x80, u32::from(lead & 0x1f)),
            0xe0..=0xef => (3, 0x800, u32::from(lead & 0x0f)),
            0xf0..=0xf7 => (4, 0x1_0000, u32::from(lead & 0x07)),
            _ => return None,
        };
        for k in 1..len {
            match bytes.get(at + k) {
                Some(&next) if next & 0xc0 == 0x80 => c = c << 6 | u32::from(next & 0x3f),
                _ => return None,
            }
        }
        if c < least || c > 0x10_ffff || (0xd800..0xe000).contains(&c) {
            return None;
        }
        at += len;
    }
    // SAFETY: every sequence was checked above, as `from_utf8` would.
    Some(unsafe { core::str::from_utf8_unchecked(bytes) })
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

    /// `utf8` agrees with core's `from_utf8` on every sequence of one to three bytes, on every
    /// four-byte sequence that starts with a lead of 0xF0–0xF7 and holds a few interesting
    /// continuation bytes, and around them (ASCII before and after, cut short).
    #[test]
    fn utf8_is_what_core_accepts() {
        let agree = |bytes: &[u8]| {
            assert_eq!(
                utf8(bytes),
                core::str::from_utf8(bytes).ok(),
                "{bytes:02x?}"
            );
        };
        for a in 0..=255u8 {
            agree(&[a]);
            for b in 0..=255u8 {
                agree(&[a, b]);
                for c in [
                    0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff,
                ] {
                    agree(&[a, b, c]);
                    agree(&[b'x', a, b, c, b'y']);
                }
            }
        }
        let continuations = [0x7f, 0x80, 0x8f, 0x90, 0xbf, 0xc0];
        for lead in 0xf0..=0xff {
            for b in continuations {
                for c in continuations {
                    for d in continuations {
                        agree(&[lead, b, c, d]);
                        agree(&[lead, b, c]);
                    }
                }
            }
        }
        for text in ["", "é", "日本", "😀", "a\u{10ffff}b", "\u{d7ff}\u{e000}"] {
            agree(text.as_bytes());
        }
    }
}
