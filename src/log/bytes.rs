//! Byte search for log lines: a word-at-a-time scan for one byte (the prefilter every rule
//! runs behind) and a substring find built on it. Log lines are bytes, not UTF-8: a binary or
//! mis-encoded line is searched like any other and never panics.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The first offset of `byte` in `hay` (memchr, eight bytes per step).
#[inline(always)]
pub fn find_byte(hay: &[u8], byte: u8) -> Option<usize> {
    let pattern = LO.wrapping_mul(byte as u64);
    let mut at = 0;
    while at + 8 <= hay.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&hay[at..at + 8]);
        let x = u64::from_le_bytes(word) ^ pattern;
        let found = x.wrapping_sub(LO) & !x & HI;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    hay[at..].iter().position(|&b| b == byte).map(|p| at + p)
}

/// How common a byte is in log text (higher: commoner), to search a needle by its rarest
/// byte rather than its first (memchr's heuristic, coarse): lower-case letters, digits,
/// spaces and common punctuation are common; upper-case letters and the rest rarer.
const fn commonness(b: u8) -> u8 {
    match b {
        b' ' | b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' | b'0'..=b'9' => 4,
        b'.' | b'/' | b':' | b'"' => 4,
        b'a'..=b'z' | b'-' | b',' => 3,
        b'_' | b'=' | b'(' | b')' | b'[' | b']' => 2,
        b'A'..=b'Z' => 1,
        _ => 0,
    }
}

static RANK: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = commonness(b as u8);
        b += 1;
    }
    table
};

/// The offset of `needle`'s rarest byte (a `const fn`: the rule tables compute theirs at
/// compile time).
#[inline(always)]
pub const fn rarest(needle: &[u8]) -> usize {
    let mut rare = 0;
    let mut i = 1;
    while i < needle.len() {
        if commonness(needle[i]) < commonness(needle[rare]) {
            rare = i;
        }
        i += 1;
    }
    rare
}

#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    // A plain loop: short needles, and no call into libc's memcmp.
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The first offset of `needle` in `hay` (empty needle: 0). Scans for the needle's rarest
/// byte, then compares the whole needle around it.
#[inline]
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut rare = 0;
    for (i, &b) in needle.iter().enumerate() {
        if RANK[b as usize] < RANK[needle[rare] as usize] {
            rare = i;
        }
    }
    find_by(hay, needle, rare)
}

/// [`find`] with the needle's rarest byte offset already known.
#[inline]
pub fn find_by(hay: &[u8], needle: &[u8], rare: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() || rare >= needle.len() {
        return None;
    }
    let byte = needle[rare];
    // Candidates: offsets where the rare byte sits at `rare` inside a whole needle.
    let mut from = rare;
    let last = hay.len() - needle.len() + rare;
    while from <= last {
        let at = from + find_byte(&hay[from..=last], byte)?;
        let start = at - rare;
        if same(&hay[start..start + needle.len()], needle) {
            return Some(start);
        }
        from = at + 1;
    }
    None
}

/// Which bytes a line holds: one pass, then every format's prefilter is a bit test.
pub struct Present([u64; 4]);

impl Present {
    #[inline(always)]
    pub fn of(line: &[u8]) -> Self {
        let mut set = [0u64; 4];
        for &b in line {
            set[(b >> 6) as usize] |= 1 << (b & 63);
        }
        Present(set)
    }

    #[inline(always)]
    pub fn has(&self, b: u8) -> bool {
        self.0[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }
}

#[inline]
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

/// The text after `needle`, when `hay` holds it.
#[inline]
pub fn after<'a>(hay: &'a [u8], needle: &[u8]) -> Option<&'a [u8]> {
    find(hay, needle).map(|at| &hay[at + needle.len()..])
}

/// The text up to (not including) the first `end` byte, or all of it.
#[inline]
pub fn until(hay: &[u8], end: u8) -> &[u8] {
    &hay[..find_byte(hay, end).unwrap_or(hay.len())]
}

/// The text up to the first of `ends`, or all of it.
pub fn until_any<'a>(hay: &'a [u8], ends: &[u8]) -> &'a [u8] {
    &hay[..hay
        .iter()
        .position(|b| ends.contains(b))
        .unwrap_or(hay.len())]
}

/// The value of `key` when the text after it is quoted: `upstream: "` → up to the next `"`.
pub fn quoted_after<'a>(hay: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    after(hay, key).map(|rest| until(rest, b'"'))
}

/// A decimal number made of the leading ASCII digits (None without any; saturates).
pub fn number(text: &[u8]) -> Option<u64> {
    let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    Some(text[..digits].iter().fold(0u64, |n, &d| {
        n.saturating_mul(10).saturating_add((d - b'0') as u64)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_like_the_naive_search() {
        let hay = b"2026/12/06 09:04:33 [error] 18759#18759: *2 connect() failed (111: x";
        for needle in [
            &b"connect()"[..],
            b"(111",
            b"x",
            b"2026",
            b"nope",
            b"",
            b"*2 c",
        ] {
            let naive = hay.windows(needle.len().max(1)).position(|w| w == needle);
            let want = if needle.is_empty() { Some(0) } else { naive };
            assert_eq!(
                find(hay, needle),
                want,
                "{:?}",
                core::str::from_utf8(needle)
            );
        }
        for len in 0..20 {
            let hay: alloc::vec::Vec<u8> = (0..len).map(|i| b'a' + (i % 3) as u8).collect();
            assert_eq!(find_byte(&hay, b'c'), hay.iter().position(|&b| b == b'c'));
            assert_eq!(find_byte(&hay, 0x80), None);
        }
        assert_eq!(find_byte(&[0xff, 0x80, 0x81], 0x80), Some(1));
        assert_eq!(number(b"0042x"), Some(42));
        assert_eq!(number(b"x"), None);
    }
}
