//! Reads a raw HTTP response as `curl -si` prints it into an [`Observation`].
//!
//! Used by the CLI and by the site's "Explain my response" (through wasm). Accepts CRLF or LF,
//! `HTTP/1.0`, `HTTP/1.1` and `HTTP/2`, and several responses in a row (`100 Continue`, or the
//! redirects `curl -L` follows): the last one counts. Input that does not start with a status
//! line is read as a paste ([`crate::paste`]): `curl -v`, a quoted response, a tool's header
//! dump, or a page's text with or without its status.

use crate::observation::{cap_str, Headers, Observation, MAX_BODY_BYTES, MAX_HEADERS};
use crate::paste;
use crate::prelude::*;
use core::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(&'static str);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl core::error::Error for ParseError {}

/// Parses the last response in `input`; `method`, `url` and `elapsed_ms` are left for the caller.
pub fn parse(input: &[u8]) -> Result<Observation, ParseError> {
    if input.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError(
            "empty input: expected an HTTP response as `curl -si` prints it",
        ));
    }
    let exact = parse_exact(input);
    if exact.is_ok() || skip_blank_lines(input).starts_with(b"HTTP/") {
        return exact;
    }
    parse_paste(input).ok_or(exact.err().unwrap_or(ParseError("no status line")))
}

/// A paste that does not start with a status line (see [`crate::paste`]).
fn parse_paste(input: &[u8]) -> Option<Observation> {
    let text = String::from_utf8_lossy(&input[..input.len().min(4 * MAX_BODY_BYTES)]);
    let text = paste::unwrap(&text);
    if let Some(at) = paste::status_line_at(&text) {
        if let Ok(observation) = parse_exact(text.get(at..)?.as_bytes()) {
            return Some(observation);
        }
    }
    let (status, headers, body) = match paste::tool_dump(&text) {
        Some((status, headers, body)) => (status, headers.into_iter().collect(), body),
        None => (
            paste::infer_status(&text.to_ascii_lowercase())?,
            Headers::default(),
            text.as_str(),
        ),
    };
    let mut observation = Observation::new(status);
    observation.headers = headers;
    let body = cap_str(body, MAX_BODY_BYTES);
    if !body.trim_ascii().is_empty() {
        observation.body = Some(body.to_string());
    }
    Some(observation)
}

/// The last response of input that starts with a status line.
fn parse_exact(input: &[u8]) -> Result<Observation, ParseError> {
    let mut rest = skip_blank_lines(input);
    loop {
        let (status, headers, after) = parse_head(rest)?;
        let next = skip_blank_lines(after);
        // Another response after the head: this one was an interim, a followed redirect or a
        // proxy's CONNECT answer (curl prints no bodies for those). A body that merely starts
        // with "HTTP/" is still the body.
        if next.starts_with(b"HTTP/") && parse_head(next).is_ok() {
            rest = next;
            continue;
        }
        let body = &after[..after.len().min(MAX_BODY_BYTES)];
        let mut observation = Observation::new(status);
        observation.headers = headers;
        if !body.is_empty() {
            observation.body = Some(String::from_utf8_lossy(body).into_owned());
        }
        return Ok(observation);
    }
}

fn skip_blank_lines(mut input: &[u8]) -> &[u8] {
    while let Some(rest) = input
        .strip_prefix(b"\r\n")
        .or_else(|| input.strip_prefix(b"\n"))
    {
        input = rest;
    }
    input
}

/// One status line and its headers; returns the bytes after the blank line that ends them.
fn parse_head(input: &[u8]) -> Result<(u16, Headers, &[u8]), ParseError> {
    // A paste cut right after the status line still has its status.
    let line_end = input
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(input.len());
    let status = parse_status_line(&input[..line_end])?;
    let after_status = input.get(line_end + 1..).unwrap_or(&[]);
    let (head, body) = split_head(after_status);
    if let Some(unfolded) = unfold(head) {
        let mut raw = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let headers = match httparse::parse_headers(&unfolded, &mut raw) {
            Ok(httparse::Status::Complete((_, parsed))) => parsed
                .iter()
                .map(|h| (h.name, core::str::from_utf8(h.value).unwrap_or("")))
                .collect(),
            Err(httparse::Error::TooManyHeaders) => {
                return Err(ParseError("too many headers (more than 100)"))
            }
            _ => lenient_headers(&unfolded),
        };
        return Ok((status, headers, body));
    }

    let mut raw = [httparse::EMPTY_HEADER; MAX_HEADERS];
    match httparse::parse_headers(after_status, &mut raw) {
        Ok(httparse::Status::Complete((used, parsed))) => {
            let headers = parsed
                .iter()
                .map(|h| (h.name, core::str::from_utf8(h.value).unwrap_or("")))
                .collect();
            Ok((status, headers, &after_status[used..]))
        }
        // Headers that never end: a truncated paste. Keep what the status line says.
        Ok(httparse::Status::Partial) => Ok((status, lenient_headers(after_status), &[])),
        Err(httparse::Error::TooManyHeaders) => Err(ParseError("too many headers (more than 100)")),
        // A header httparse rejects (control characters, a space before the colon…): keep
        // the lines that parse, as a browser would, rather than refuse the whole response.
        Err(_) => {
            let (head, body) = split_head(after_status);
            Ok((status, lenient_headers(head), body))
        }
    }
}

/// The header block and what follows the blank line that ends it.
fn split_head(input: &[u8]) -> (&[u8], &[u8]) {
    let mut start = 0;
    while start < input.len() {
        let end = input[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(input.len(), |i| start + i + 1);
        let line = &input[start..end];
        if line == b"\n" || line == b"\r\n" {
            return (&input[..start], &input[end..]);
        }
        start = end;
    }
    (input, &[])
}

/// Headers of a truncated head, line by line, skipping what does not parse.
fn lenient_headers(input: &[u8]) -> Headers {
    String::from_utf8_lossy(input)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim(), value.trim()))
        .filter(|(name, _)| !name.is_empty() && !name.contains(' '))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The status code of a status line. Only the version and the code are read: the reason
/// phrase is ignored, whatever bytes it holds (RFC 9112 §4: obs-text is allowed there, and a
/// client should ignore the phrase), so a non-UTF-8 phrase never rejects the response.
fn parse_status_line(line: &[u8]) -> Result<u16, ParseError> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut parts = line
        .split(|b| *b == b' ' || *b == b'\t')
        .filter(|part| !part.is_empty());
    let version = parts.next().unwrap_or(b"");
    let known: [&[u8]; 5] = [b"HTTP/1.0", b"HTTP/1.1", b"HTTP/2", b"HTTP/2.0", b"HTTP/3"];
    if !known.contains(&version) {
        return Err(ParseError(
            "no status line: expected it to start with HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3",
        ));
    }
    match parts.next().unwrap_or(b"") {
        [a, b, c] if [a, b, c].iter().all(|d| d.is_ascii_digit()) && *a != b'0' => {
            Ok(u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0'))
        }
        _ => Err(ParseError("the status line has no three-digit status code")),
    }
}

/// The header block with each obs-fold (a line break followed by spaces or tabs, RFC 9112
/// §5.2) replaced by one space, as a recipient must before reading the value; None when the
/// block has none.
fn unfold(head: &[u8]) -> Option<Vec<u8>> {
    let folded = head
        .windows(2)
        .any(|w| w[0] == b'\n' && (w[1] == b' ' || w[1] == b'\t'));
    if !folded {
        return None;
    }
    let mut out = Vec::with_capacity(head.len() + 2);
    let mut i = 0;
    while i < head.len() {
        let byte = head[i];
        let at_break = byte == b'\n' || (byte == b'\r' && head.get(i + 1) == Some(&b'\n'));
        let break_len = if byte == b'\r' { 2 } else { 1 };
        if at_break && matches!(head.get(i + break_len), Some(b' ' | b'\t')) {
            // Drop the trailing whitespace before the fold and the fold itself: one SP.
            while out.last().is_some_and(|b| *b == b' ' || *b == b'\t') {
                out.pop();
            }
            out.push(b' ');
            i += break_len;
            while matches!(head.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
            continue;
        }
        out.push(byte);
        i += 1;
    }
    out.extend_from_slice(b"\r\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_crlf_and_lf() {
        for input in [
            "HTTP/1.1 502 Bad Gateway\r\nServer: nginx/1.22.1\r\n\r\n<html>bad</html>",
            "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.22.1\n\n<html>bad</html>",
        ] {
            let obs = parse(input.as_bytes()).unwrap();
            assert_eq!(obs.status, 502);
            assert_eq!(obs.headers.get("server"), Some("nginx/1.22.1"));
            assert_eq!(obs.body(), "<html>bad</html>");
        }
    }

    #[test]
    fn reads_http2_and_the_last_of_several_responses() {
        let input = "HTTP/1.1 100 Continue\r\n\r\nHTTP/2 301\r\nlocation: /b\r\n\r\nHTTP/2 504\r\nserver: cloudflare\r\n\r\n";
        let obs = parse(input.as_bytes()).unwrap();
        assert_eq!(obs.status, 504);
        assert_eq!(obs.headers.get("Server"), Some("cloudflare"));
        assert_eq!(obs.body, None);
    }

    #[test]
    fn truncated_head_keeps_the_status() {
        let obs = parse(b"HTTP/1.1 503 Service Unavailable\r\nServer: Varnish").unwrap();
        assert_eq!(obs.status, 503);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        for input in [
            &b""[..],
            b"   \n\n",
            b"hello world\n",
            b"HTTP/1.1 abc Bad\r\n\r\n",
            b"HTTP/1.1 5020 Bad\r\n\r\n",
            b"\x00\xff\xfe\x01binary",
            b"HTTP/1.1",
        ] {
            assert!(parse(input).is_err(), "{input:?}");
        }
    }
}
