//! A small JSON reader for provider answers, plus RFC 6901 JSON pointers.
//!
//! Why not serde_json: this code ships in the wasm of the self-contained error pages (40 KB
//! gzip budget), and provider answers are read, never written, a few fields at a time.
//! Numbers stay as their text (no float parsing linked in); depth and size are capped so a
//! hostile answer cannot exhaust the stack or the memory.

use crate::prelude::*;

/// Answers longer than this are not parsed (a status answer is a few KB at most).
pub const MAX_JSON_BYTES: usize = 512 * 1024;
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written (validated as a JSON number).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in order; a repeated key keeps all (lookups find the first).
    Object(Vec<(String, Json)>),
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// RFC 6901: `""` is the whole document, `/a/0/b~1c` walks keys and indices.
    pub fn pointer(&self, pointer: &str) -> Option<&Json> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = unescape_token(token);
            node = match node {
                Json::Object(_) => node.get(&token)?,
                Json::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Integral numbers only (`2`, `-1`; not `2.0` or `2e0`).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            _ => &[],
        }
    }
}

/// A pointer token with `~1` → `/` and `~0` → `~` (in that order, as RFC 6901 says).
fn unescape_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('1') => out.push('/'),
            Some('0') => out.push('~'),
            Some(other) => {
                out.push('~');
                out.push(other);
            }
            None => out.push('~'),
        }
    }
    out
}

/// The document `text` holds, or None if it is not exactly one valid JSON value (or too big
/// or too deep).
pub fn parse(text: &str) -> Option<Json> {
    parse_within(text, MAX_JSON_BYTES)
}

/// [`parse`] with another size cap (a HAR file is larger than a provider's answer).
pub fn parse_within(text: &str, max_bytes: usize) -> Option<Json> {
    if text.len() > max_bytes {
        return None;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.skip_space();
    (reader.at == reader.bytes.len()).then_some(value)
}

/// Slices of `text` are taken only at ASCII delimiters, so they are always char boundaries.
struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn rest(&self) -> &[u8] {
        self.bytes.get(self.at..).unwrap_or_default()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, word: &[u8]) -> Option<()> {
        self.rest().starts_with(word).then(|| {
            self.at += word.len();
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        match self.peek()? {
            b'n' => self.eat(b"null").map(|_| Json::Null),
            b't' => self.eat(b"true").map(|_| Json::Bool(true)),
            b'f' => self.eat(b"false").map(|_| Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.eat(b"]").is_some() {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.peek()? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            return Some(Json::Array(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                self.skip_space();
                if self.eat(b"}").is_some() {
                    return Some(Json::Object(members));
                }
                loop {
                    self.skip_space();
                    let key = self.string()?;
                    self.skip_space();
                    self.eat(b":")?;
                    members.push((key, self.value(depth + 1)?));
                    self.skip_space();
                    match self.peek()? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            return Some(Json::Object(members));
                        }
                        _ => return None,
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.at += 1;
            }
            (r.at > from).then_some(())
        };
        let _ = self.eat(b"-");
        digits(self)?;
        if self.eat(b".").is_some() {
            digits(self)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            digits(self)?;
        }
        Some(Json::Number(self.text.get(start..self.at)?.to_string()))
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b"\"")?;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, escape or control character at once.
            let run_start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            out.push_str(self.text.get(run_start..self.at)?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escaped = self.peek()?;
                    self.at += 1;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                _ => return None, // a raw control character
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let text = self.text.get(self.at..self.at + 4)?;
        self.at += 4;
        u32::from_str_radix(text, 16).ok()
    }

    /// After `\u`: one code point, joining a surrogate pair; a lone surrogate becomes U+FFFD.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xd800..0xdc00).contains(&first) && self.rest().starts_with(b"\\u") {
            let save = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xdc00..0xe000).contains(&second) {
                return char::from_u32(0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00));
            }
            self.at = save;
        }
        Some(char::from_u32(first).unwrap_or('\u{fffd}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_providers_send() {
        let doc = parse(
            r#" {"a": [1, -2.5e3, true, null], "b": {"c/d": "x\"\u00e9\ud83d\ude00"}, "": 0} "#,
        )
        .expect("valid");
        assert_eq!(doc.pointer("/a/0").and_then(Json::as_i64), Some(1));
        assert_eq!(doc.pointer("/a/1"), Some(&Json::Number("-2.5e3".into())));
        assert_eq!(doc.pointer("/a/2").and_then(Json::as_bool), Some(true));
        assert_eq!(doc.pointer("/a/3"), Some(&Json::Null));
        assert_eq!(
            doc.pointer("/b/c~1d").and_then(Json::as_str),
            Some("x\"é😀")
        );
        assert_eq!(doc.pointer("/").and_then(Json::as_i64), Some(0));
        assert_eq!(doc.pointer(""), Some(&doc));
        assert_eq!(doc.pointer("/a/9"), None);
        assert_eq!(doc.pointer("a"), None);
    }

    #[test]
    fn refuses_what_is_not_json() {
        let bad = [
            "",
            "{",
            "[1,]",
            "{\"a\":}",
            "01x",
            "\"\u{1}\"",
            "nul",
            "{} {}",
            "<html>",
            "[-]",
            "1.",
            "\"\\x\"",
            "{'a':1}",
        ];
        for text in bad {
            assert_eq!(parse(text), None, "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert_eq!(parse(&deep), None);
        let big = format!("\"{}\"", "a".repeat(MAX_JSON_BYTES));
        assert_eq!(parse(&big), None);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(
            parse(r#""\ud800x""#),
            Some(Json::String("\u{fffd}x".into()))
        );
    }
}
