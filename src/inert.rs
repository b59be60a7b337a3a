//! Untrusted text made inert, once, in the core: every string that comes from a response or a
//! provider and reaches a [`Report`](crate::Report) or a down-check result goes through
//! [`inert`]. Control and format characters (Unicode's general categories Cc and Cf: C0/C1
//! controls, bidi embeddings, overrides and isolates, LRM/RLM/ALM, zero-width characters, the
//! BOM, soft hyphen, tag characters…) are shown as `\u{…}` escapes, and the length is bounded.
//! So `Server: nginx\u{202e}xyz` reads "nginx\u{202e}xyz" in every surface instead of reversing
//! what follows; surfaces still render text nodes only (no HTML).
//!
//! Escapes rather than removal: a hidden character in a header is itself a finding (a forged
//! or broken gateway name), and removing it could join two words into a name we recognise.

use crate::prelude::*;

/// Unicode 16.0.0's Cc and Cf code points as inclusive ranges, sorted, from the data file
/// `src/inert/DerivedGeneralCategory-16.0.0.Cc-Cf.txt` (its source is named there; a native
/// test checks this table against it). Format characters added by a later Unicode version
/// are not here: they pass as ordinary characters until the table is regenerated.
const CC_CF: [(u32, u32); 23] = [
    (0x0000, 0x001F),
    (0x007F, 0x009F),
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// Whether `c` is a control (Cc) or format (Cf) character.
pub fn is_control_or_format(c: char) -> bool {
    let c = c as u32;
    // Printable ASCII is the common case: one comparison.
    if (0x20..0x7F).contains(&c) {
        return false;
    }
    CC_CF.iter().any(|&(first, last)| first <= c && c <= last)
}

/// The longest text a Report or a down-check result carries from a response or a provider,
/// in characters (escapes count as the characters they print).
pub const MAX_CHARS: usize = 200;

/// `text` with each control or format character written as `\u{hex}`, cut to `max_chars`
/// characters (then ended by `…`; an escape is never cut).
pub fn inert(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in text.chars() {
        let escape = is_control_or_format(c);
        // `\u{` + hex digits + `}`.
        let width = if escape { 4 + hex_digits(c as u32) } else { 1 };
        if count + width > max_chars {
            out.push('…');
            break;
        }
        count += width;
        if escape {
            push_escape(&mut out, c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// How many hex digits `value` takes (no leading zeros; 1 for 0).
fn hex_digits(value: u32) -> usize {
    let mut digits = 1;
    while digits < 8 && value >> (4 * digits) != 0 {
        digits += 1;
    }
    digits
}

/// `\u{hex}`, lower-case, without `core::fmt` (kept out of the error pages' wasm).
fn push_escape(out: &mut String, value: u32) {
    out.push_str("\\u{");
    for i in (0..hex_digits(value)).rev() {
        let digit = (value >> (4 * i)) & 0xF;
        out.push(char::from(b"0123456789abcdef"[digit as usize]));
    }
    out.push('}');
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The table is the Unicode data, range for range.
    #[test]
    fn table_is_the_unicode_data() {
        let data = include_str!("inert/DerivedGeneralCategory-16.0.0.Cc-Cf.txt");
        let ranges: Vec<(u32, u32)> = data
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| {
                let points = line.split(';').next().unwrap().trim();
                let (first, last) = points.split_once("..").unwrap_or((points, points));
                let hex = |s: &str| u32::from_str_radix(s, 16).unwrap();
                (hex(first), hex(last))
            })
            .collect();
        assert_eq!(ranges, CC_CF);
        let total: u32 = CC_CF.iter().map(|(a, b)| b - a + 1).sum();
        assert_eq!(total, 65 + 170, "the file's totals");
    }

    #[test]
    fn hostile_strings_become_inert() {
        let cases = [
            ("nginx\u{202e}xyz", "nginx\\u{202e}xyz"),
            ("\u{202e}gnp.exe", "\\u{202e}gnp.exe"),
            ("ngi\u{200d}nx", "ngi\\u{200d}nx"),
            (
                "a\u{200b}b\u{2060}c\u{feff}",
                "a\\u{200b}b\\u{2060}c\\u{feff}",
            ),
            ("x\u{2066}y\u{2069}", "x\\u{2066}y\\u{2069}"),
            ("\u{200e}\u{200f}\u{61c}", "\\u{200e}\\u{200f}\\u{61c}"),
            ("c1\u{85}\u{9b}31m", "c1\\u{85}\\u{9b}31m"),
            ("esc\u{1b}[31m\u{7}", "esc\\u{1b}[31m\\u{7}"),
            ("soft\u{ad}hyphen", "soft\\u{ad}hyphen"),
            ("tag\u{e0041}", "tag\\u{e0041}"),
            ("nul\0", "nul\\u{0}"),
            ("nginx/1.22.1", "nginx/1.22.1"),
            ("Amazon CloudFront — 東京", "Amazon CloudFront — 東京"),
        ];
        for (hostile, expected) in cases {
            assert_eq!(inert(hostile, MAX_CHARS), expected, "{hostile:?}");
            assert!(!inert(hostile, MAX_CHARS).chars().any(is_control_or_format));
        }
    }

    #[test]
    fn length_is_bounded() {
        let long = "n".repeat(100_000);
        let out = inert(&long, MAX_CHARS);
        assert_eq!(out.chars().count(), MAX_CHARS + 1);
        assert!(out.ends_with('…'));
        let escapes = "\u{202e}".repeat(10_000);
        let out = inert(&escapes, MAX_CHARS);
        assert!(out.chars().count() <= MAX_CHARS + 1);
        // An escape is never cut in half.
        assert!(out.trim_end_matches('…').ends_with('}'));
        assert_eq!(inert("short", MAX_CHARS), "short");
    }

    /// Every Cc/Cf code point is caught, and nothing printable between them (against std's
    /// `is_control`, which is Cc only, and a few known non-format neighbours).
    #[test]
    fn classifies_like_the_data() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_control() {
                assert!(is_control_or_format(c), "{c:?}");
            }
        }
        for c in [
            'a', ' ', '\u{a0}', '\u{2028}', '\u{2065}', '\u{1806}', 'é', '東',
        ] {
            assert!(!is_control_or_format(c), "{c:?}");
        }
    }

    /// The down check's provider text (its own `clean_text`, which turns these characters
    /// into spaces) holds none either.
    #[test]
    fn down_check_text_is_inert() {
        use crate::downcheck::{clean_text, MAX_DETAIL_CHARS};
        for hostile in [
            "Major \u{202e}outage",
            "a\u{200b}\u{200d}b",
            "\u{85}x\u{feff}",
            "\u{e0041}",
        ] {
            let cleaned = clean_text(hostile, MAX_DETAIL_CHARS);
            assert!(!cleaned.chars().any(is_control_or_format), "{hostile:?}");
        }
    }
}
