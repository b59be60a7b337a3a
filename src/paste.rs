//! What people paste when a site fails, read back into a response: `curl -v` (lines prefixed
//! `< `, `> `, `* `), `curl -i` behind its progress meter or a `$ curl …` line, a response
//! quoted in Markdown (`> `), headers dumped by a tool (`Status code: 502` then `Name: value`
//! lines, or PHP's `[0] => HTTP/1.1 502`), and the page's text alone, copied from the browser,
//! with or without its status. [`crate::raw_response::parse`] tries the exact form first and
//! comes here only when the input does not start with a status line.
//!
//! A paste is untrusted text like any response: every loop here is bounded by the input.

use crate::prelude::*;
use crate::text;

/// The paste with its wrapping taken off: `curl -v`'s prefixes, a Markdown quote's `>`, PHP's
/// `[n] => `; anything else is returned as it came.
pub fn unwrap(paste: &str) -> String {
    let lines = || paste.lines();
    // curl -v: the response is the `< ` lines, then the body as it came (unprefixed), with
    // curl's own `* ` notes and the request's `> ` lines in between or after.
    if lines().any(|line| line.starts_with("< HTTP/")) {
        let mut out = String::with_capacity(paste.len());
        let mut in_response = false;
        for line in lines() {
            if let Some(rest) = line
                .strip_prefix("< ")
                .or_else(|| (line == "<").then_some(""))
            {
                in_response = true;
                out.push_str(rest);
                out.push('\n');
            } else if line.starts_with("* ")
                || line.starts_with("> ")
                || line == ">"
                || line.starts_with("{ [")
                || line.starts_with("} [")
            {
                continue;
            } else if in_response {
                out.push_str(line);
                out.push('\n');
            }
        }
        return out;
    }
    // A Markdown quote: every non-blank line starts with `>`.
    let quoted = lines()
        .filter(|line| !line.trim_ascii().is_empty())
        .all(|line| line.trim_ascii_start().starts_with('>'));
    if quoted && lines().any(|line| !line.trim_ascii().is_empty()) {
        let mut out = String::with_capacity(paste.len());
        for line in lines() {
            let line = line.trim_ascii_start();
            let line = line.strip_prefix('>').unwrap_or(line);
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        return out;
    }
    // PHP's print_r of get_headers(): `[0] => HTTP/1.1 502 Bad Gateway`.
    if lines().any(|line| php_index(line).is_some()) {
        let mut out = String::with_capacity(paste.len());
        for line in lines() {
            out.push_str(php_index(line).unwrap_or(line));
            out.push('\n');
        }
        return out;
    }
    paste.to_string()
}

/// The rest of a `[n] => value` line.
fn php_index(line: &str) -> Option<&str> {
    let rest = line.trim_ascii_start().strip_prefix('[')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then_some(())?;
    rest.get(digits..)?.strip_prefix("] => ")
}

/// Where the first status line (`HTTP/1.1 502`, `HTTP/2 503`) starts, also after other text
/// on its line (curl's progress meter ends with no newline before it). `GET / HTTP/1.1` is a
/// request line: its version is followed by the line's end, not by a status.
pub fn status_line_at(text: &str) -> Option<usize> {
    let mut from = 0;
    // Each turn moves past one "HTTP/": bounded by the text.
    while let Some(at) = text.get(from..).and_then(|rest| text::find(rest, "HTTP/")) {
        let start = from + at;
        let after = text.get(start + 5..).unwrap_or("");
        let version = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let rest = after.get(version..).unwrap_or("");
        let code = rest.strip_prefix(' ').unwrap_or("");
        let digits = code.bytes().take_while(u8::is_ascii_digit).count();
        let end = code.as_bytes().get(3).copied();
        if version > 0 && digits == 3 && matches!(end, None | Some(b' ' | b'\r' | b'\n')) {
            return Some(start);
        }
        from = start + 5;
    }
    None
}

/// A status, its header pairs and the body.
pub type Dump<'a> = (u16, Vec<(&'a str, &'a str)>, &'a str);

/// A tool's dump: a `Status code: 503` (or `Status: 503`, `:status: 503`) line, then
/// `Name: value` lines, then (after a line that is not a header) the body. Returns the
/// status, the header pairs and the body.
pub fn tool_dump(text: &str) -> Option<Dump<'_>> {
    let mut offset = 0;
    let mut status = None;
    let mut headers = Vec::new();
    for line in text.split_inclusive('\n') {
        let content = line.trim_ascii();
        offset += line.len();
        if status.is_none() {
            let lower = content.to_ascii_lowercase();
            let value = ["status code:", "status:", ":status:"]
                .iter()
                .find_map(|key| lower.strip_prefix(key))
                .map(str::trim_ascii);
            status = value.and_then(three_digits);
            continue;
        }
        match content.split_once(':') {
            Some((name, value))
                if !name.is_empty()
                    && name.len() <= 64
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
            {
                headers.push((name, value.trim_ascii()));
            }
            _ => {
                // The line that ends the headers: `-->` or a blank line is no part of the body.
                let body_from = if content.is_empty() || content == "-->" {
                    offset
                } else {
                    offset - line.len()
                };
                return Some((status?, headers, text.get(body_from..).unwrap_or("")));
            }
        }
    }
    Some((status?, headers, ""))
}

/// A status code `value` starts with: three digits, 100–599.
fn three_digits(value: &str) -> Option<u16> {
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 3)
        .then(|| text::digits(value.get(..3).unwrap_or("")) as u16)
        .filter(|status| (100..=599).contains(status))
}

/// Words that follow a status code on an error page (`502 Bad Gateway`, `503: SERVICE…`,
/// `502. That’s an error.`, `522: Connection timed out`).
const REASON_WORDS: &[&str] = &[
    "bad gateway",
    "service",
    "gateway",
    "internal server error",
    "backend fetch failed",
    "error",
    "server error",
    "origin",
    "web server",
    "connection timed out",
    "connection refused",
    "a timeout occurred",
    "forbidden",
    "too many requests",
    "proxy error",
    "invalid ssl",
    "ssl handshake failed",
    "that’s an error",
    "that's an error",
    "not found",
    "access denied",
];

/// Words that name the status before it: `Error 503`, `Error code 521`, `HTTP code 522`.
const STATUS_LABELS: &[&str] = &[
    "error ",
    "error code ",
    "http code ",
    "status code ",
    "code: ",
];

/// The status a page's text names, when it has no status line: a number next to an error's
/// words, else the reason phrase or a product's own failure page (each product answers that
/// page with one status, per its docs or source). `text_lc` is lower-case.
pub fn infer_status(text_lc: &str) -> Option<u16> {
    numbered_status(text_lc).or_else(|| {
        let (_, status) = NAMED_STATUS
            .iter()
            .find(|(words, _)| text::contains(text_lc, words))?;
        Some(*status)
    })
}

/// Reason phrases and default pages that say which status they came with.
const NAMED_STATUS: &[(&str, u16)] = &[
    ("bad gateway", 502),
    ("gateway time-out", 504),
    ("gateway timeout", 504),
    ("service temporarily unavailable", 503),
    ("service unavailable", 503),
    ("internal server error", 500),
    // Apache's 503 text, also copied without its title.
    ("due to maintenance downtime or capacity problems", 503),
    // Apache's mod_proxy page (502), Tengine's ("the proxy server received…", 502).
    ("proxy error", 502),
    ("the proxy server received an invalid response", 502),
    // Varnish answers every failed fetch with a 503.
    ("backend fetch failed", 503),
    ("guru meditation", 503),
    // HAProxy's and Envoy's pages for these are 503s; Kong's "invalid response" page a 502.
    ("no server is available to handle this request", 503),
    (
        "upstream connect error or disconnect/reset before headers",
        503,
    ),
    ("no healthy upstream", 503),
    (
        "an invalid response was received from the upstream server",
        502,
    ),
    ("the upstream server is timing out", 504),
    // Heroku's router answers its "Application error" page with a 503.
    ("heroku logs --tail", 503),
    // Vercel's codes (vercel.com/docs/errors).
    ("function_invocation_timeout", 504),
    ("function_invocation_failed", 500),
    ("no_response_from_function", 502),
    // Cloudflare's 52x titles.
    ("web server is down", 521),
    ("web server is returning an unknown error", 520),
    ("a timeout occurred", 524),
    // Cloudflare's 1xxx pages about the origin, answered with a 530.
    ("origin dns error", 530),
    ("argo tunnel error", 530),
    ("cloudflare tunnel error", 530),
    ("dns resolution error", 530),
    // Azure Front Door's outage page (its 503) and App Service's "Application Error" (503).
    ("our services aren't available right now", 503),
    ("you can access the diagnostic resources", 503),
    // Google's front end says "Error: Server Error … try again in 30 seconds" with a 502.
    ("error: server error", 502),
    // nginx's 50x.html serves 500, 502, 503 and 504 alike: the commonest, 502, is assumed.
    ("faithfully yours, nginx", 502),
    // CloudFront's "The request could not be satisfied" with no number: its 502.
    ("the request could not be satisfied", 502),
];

/// A status code written beside its error words in `text_lc`.
fn numbered_status(text_lc: &str) -> Option<u16> {
    let bytes = text_lc.as_bytes();
    let mut i = 0;
    // One pass over the text.
    while i + 3 <= bytes.len() {
        let is_number = bytes[i..i + 3].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
        if !is_number {
            i += 1;
            continue;
        }
        let status = text::digits(text_lc.get(i..i + 3).unwrap_or("")) as u16;
        if (400..=599).contains(&status) {
            let before = text_lc.get(..i).unwrap_or("");
            let labelled = STATUS_LABELS.iter().any(|label| before.ends_with(label));
            let after = text_lc.get(i + 3..).unwrap_or("");
            let after = after.trim_start_matches([':', '.', ' ', '-']);
            let reasoned = REASON_WORDS.iter().any(|words| after.starts_with(words));
            if labelled || reasoned {
                return Some(status);
            }
        }
        i += 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_are_found_after_other_text() {
        assert_eq!(
            status_line_at("100 150kHTTP/1.1 502 Bad Gateway\n"),
            Some(8)
        );
        assert_eq!(status_line_at("GET / HTTP/1.1\nHost: x\n"), None);
        assert_eq!(status_line_at("HTTP/2 503\n"), Some(0));
        assert_eq!(status_line_at("HTTP/1.1 5020 x"), None);
    }

    #[test]
    fn page_text_names_its_status() {
        for (text, status) in [
            ("502 bad gateway\nnginx/1.14.0 (ubuntu)", Some(502)),
            ("error 503 backend fetch failed", Some(503)),
            ("error code 521", Some(521)),
            ("502. that’s an error.", Some(502)),
            (
                "504: gateway_timeout\ncode: function_invocation_timeout",
                Some(504),
            ),
            (
                "kong error\nan invalid response was received from the upstream server.",
                Some(502),
            ),
            ("hello world", None),
            ("it costs 502 dollars", None),
        ] {
            assert_eq!(infer_status(text), status, "{text}");
        }
    }

    #[test]
    fn wrappers_come_off() {
        let curl_v = "* Connected\n> GET / HTTP/1.1\n>\n< HTTP/1.1 503 Service Unavailable\n< Server: x\n<\nbody\n* Closing connection 0\n";
        assert_eq!(
            unwrap(curl_v),
            "HTTP/1.1 503 Service Unavailable\nServer: x\n\nbody\n"
        );
        assert_eq!(
            unwrap("> **Proxy Error**\n> \n> Reason\n"),
            "**Proxy Error**\n\nReason\n"
        );
        assert_eq!(
            unwrap("  [0] => HTTP/1.1 502 Bad Gateway\n  [1] => Server: awselb/2.0\n"),
            "HTTP/1.1 502 Bad Gateway\nServer: awselb/2.0\n"
        );
        let dump = "<!--\nGET http://x HTTP/1.1\nStatus code: 503\nServer: Apache\n-->\n<html>";
        let (status, headers, body) = tool_dump(dump).unwrap();
        assert_eq!(
            (status, headers, body),
            (503, vec![("Server", "Apache")], "<html>")
        );
    }
}
