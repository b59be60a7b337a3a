//! A page as a person reads it: the same words whether the body is a gateway's HTML or the
//! text someone copied from the browser. Tags are dropped (each ends a word), comments,
//! `<script>` and `<style>` dropped whole, entities decoded, Markdown's `*` and `` ` `` marks
//! dropped, and every run of whitespace is one space, so a phrase matches across
//! the line breaks an HTML page or a copy puts in it. Fingerprints and phrases that hold for
//! the page's text ([`crate::gateway`]'s text marks, [`crate::diagnose`]'s phrases) are
//! matched against this form.

use crate::observation::READS_BODY;
use crate::prelude::*;
use crate::text;

/// The text form of `body_lc` (a lower-cased body), lower-case. Empty without body reading.
///
/// Written byte-wise with `get` and [`text::find`] (no panicking slices, no `str::find`): it
/// ships in the widget's wasm, where core's string searchers and slice-panic messages cost
/// kilobytes.
pub fn of(body_lc: &str) -> String {
    let mut out = String::with_capacity(if READS_BODY { body_lc.len() } else { 0 });
    if !READS_BODY {
        return out;
    }
    let mut rest = body_lc;
    // Each turn consumes at least one character: bounded by the body.
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(after) = skip_markup(rest) {
                space(&mut out);
                rest = after;
                continue;
            }
        }
        if c == '&' {
            if let Some((decoded, after)) = entity(rest) {
                push(&mut out, decoded);
                rest = after;
                continue;
            }
        }
        push(&mut out, c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// One character into the text form: whitespace becomes one space, emphasis marks go.
fn push(out: &mut String, c: char) {
    match c {
        c if c.is_whitespace() => space(out),
        '*' | '`' => {}
        c => out.push(c),
    }
}

fn space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// What follows a tag, comment or `<script>`/`<style>` element at the start of `text`; None
/// when the `<` starts no markup (`a < b`, `<3`).
fn skip_markup(text: &str) -> Option<&str> {
    if let Some(comment) = text.strip_prefix("<!--") {
        return Some(after(comment, "-->"));
    }
    let next = text.as_bytes().get(1).copied()?;
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
        return None;
    }
    let end = text::find(text, ">")?;
    let tag = text.get(1..end).unwrap_or("");
    let rest = text.get(end + 1..).unwrap_or("");
    for (element, close) in [("script", "</script"), ("style", "</style")] {
        if tag.starts_with(element) {
            return Some(after(after(rest, close), ">"));
        }
    }
    Some(rest)
}

/// The text after the first `needle` in `text` (nothing when there is none).
fn after<'a>(text: &'a str, needle: &str) -> &'a str {
    text::find(text, needle)
        .and_then(|i| text.get(i + needle.len()..))
        .unwrap_or("")
}

/// The character an entity at the start of `text` stands for, and what follows it.
fn entity(text: &str) -> Option<(char, &str)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = text.get(1..end)?;
    let rest = text.get(end + 1..)?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "rsquo" | "lsquo" => '\'',
        "nbsp" => ' ',
        _ => {
            let number = name.strip_prefix('#')?;
            let (digits, radix) = match number.strip_prefix('x') {
                Some(hex) => (hex, 16),
                None => (number, 10),
            };
            let mut code = 0u32;
            for byte in digits.bytes() {
                let digit = char::from(byte).to_digit(radix)?;
                code = code.checked_mul(radix)?.checked_add(digit)?;
            }
            char::from_u32(code)
                .filter(|_| !digits.is_empty())?
                .to_ascii_lowercase()
        }
    };
    Some((c, rest))
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn html_and_copied_text_read_the_same() {
        let html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
        assert_eq!(
            of(&html.to_ascii_lowercase()),
            "502 bad gateway 502 bad gateway nginx/1.22.1"
        );
        assert_eq!(
            of("502 bad gateway\n  nginx/1.22.1\n"),
            "502 bad gateway nginx/1.22.1"
        );
        assert_eq!(
            of("<p>the server is temporarily unable to service your\nrequest</p>"),
            "the server is temporarily unable to service your request"
        );
        assert_eq!(of("reference&#32;&#35;18.e3c1202"), "reference #18.e3c1202");
        assert_eq!(
            of("a < b &unknown; <!-- x --><script>var a='<p>';</script>c"),
            "a < b &unknown; c"
        );
        assert_eq!(
            of("**proxy error**\n## didn&#39;t"),
            "proxy error ## didn't"
        );
        assert_eq!(of("<a href=x>unterminated"), " unterminated".trim_start());
    }
}
