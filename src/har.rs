//! A HAR file (DevTools "Save all as HAR", HAR 1.2: `log.entries[]`) read into observations,
//! one per request, so every failing answer in it is explained: the page and each failing
//! subrequest. Used by the CLI (`explain502 page.har`) and by the site's "Explain my
//! response", where it runs in the browser and nothing is uploaded.
//!
//! The HAR is untrusted input: it is read with the crate's small JSON reader (bounded depth,
//! numbers kept as text), with the size and the number of entries capped.

use crate::downcheck::json::{self, Json};
use crate::observation::{cap_str, Headers, Observation, MAX_BODY_BYTES};
use crate::prelude::*;
use crate::report::{self, Context, Report};

/// HAR files larger than this are refused (a page's HAR is a few MB; bodies make them grow).
pub const MAX_HAR_BYTES: usize = 32 << 20;
/// Entries read at most.
pub const MAX_ENTRIES: usize = 5_000;

/// One request of the HAR and what was seen of its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its place in `log.entries`, from 0.
    pub index: usize,
    pub observation: Observation,
}

/// A failing entry explained.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub index: usize,
    pub method: String,
    pub url: String,
    pub report: Report,
}

/// Whether `input` looks like a HAR rather than a raw response: a JSON object with `"log"`.
pub fn looks_like_har(input: &[u8]) -> bool {
    let start = input
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xef && *b != 0xbb && *b != 0xbf);
    let head = &input[start.unwrap_or(0)..input.len().min(start.unwrap_or(0) + 4096)];
    head.first() == Some(&b'{') && head.windows(5).any(|w| w == b"\"log\"")
}

/// Every entry with an answer (status 0, a request that got none, is skipped).
pub fn entries(text: &str) -> Result<Vec<Entry>, &'static str> {
    if text.len() > MAX_HAR_BYTES {
        return Err("the HAR file is larger than 32 MB");
    }
    let har =
        json::parse_within(text, MAX_HAR_BYTES).ok_or("not a HAR file: the JSON does not parse")?;
    let list = har
        .pointer("/log/entries")
        .ok_or("not a HAR file: no log.entries")?
        .as_array();
    let mut out = Vec::new();
    for (index, entry) in list.iter().enumerate().take(MAX_ENTRIES) {
        if let Some(observation) = observe(entry) {
            out.push(Entry { index, observation });
        }
    }
    Ok(out)
}

/// The entries that failed (5xx, or a bot check answering), each explained.
pub fn explain_failures(text: &str, context: &Context) -> Result<Vec<Explained>, &'static str> {
    let mut out = Vec::new();
    for entry in entries(text)? {
        let report = report::explain(&entry.observation, context);
        if entry.observation.status >= 500 || report.challenge.is_some() {
            out.push(Explained {
                index: entry.index,
                method: entry.observation.method(),
                url: entry.observation.url.clone().unwrap_or_default(),
                report,
            });
        }
    }
    Ok(out)
}

/// One entry as an observation.
fn observe(entry: &Json) -> Option<Observation> {
    let response = entry.get("response")?;
    let status = number(response.get("status")?)?;
    let status = u16::try_from(status)
        .ok()
        .filter(|s| (100..=999).contains(s))?;
    let mut observation = Observation::new(status);
    let mut headers = Headers::new();
    for header in response.get("headers").map_or(&[][..], Json::as_array) {
        if let (Some(name), Some(value)) = (
            header.get("name").and_then(Json::as_str),
            header.get("value").and_then(Json::as_str),
        ) {
            // HTTP/2 pseudo-headers (`:status`) are no headers of the answer.
            if !name.starts_with(':') {
                headers.push(name, value);
            }
        }
    }
    observation.headers = headers;
    let content = response.get("content");
    let text = content.and_then(|c| c.get("text")).and_then(Json::as_str);
    let base64 = content
        .and_then(|c| c.get("encoding"))
        .and_then(Json::as_str)
        == Some("base64");
    observation.body = match text {
        Some(text) if base64 => {
            decode_base64(cap_str(text, MAX_BODY_BYTES * 4 / 3 + 4)).map(|bytes| {
                String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_BODY_BYTES)]).into_owned()
            })
        }
        Some(text) => Some(cap_str(text, MAX_BODY_BYTES).to_string()),
        None => None,
    }
    .filter(|body| !body.is_empty());
    let request = entry.get("request");
    observation.method = request
        .and_then(|r| r.get("method"))
        .and_then(Json::as_str)
        .map(|m| cap_str(m, 16).to_string());
    observation.url = request
        .and_then(|r| r.get("url"))
        .and_then(Json::as_str)
        .map(|u| cap_str(u, 2048).to_string());
    // `time`: the whole request in ms (a decimal); -1 or absent when not known.
    observation.elapsed_ms = entry.get("time").and_then(number);
    Some(observation)
}

/// A JSON number's whole part, when it is not negative (`123.45` → 123).
fn number(value: &Json) -> Option<u64> {
    let Json::Number(text) = value else {
        return None;
    };
    let whole = text.split(['.', 'e', 'E']).next()?;
    if whole.starts_with('-') || whole.is_empty() || whole.len() > 12 {
        return None;
    }
    whole.parse().ok()
}

/// Standard base64 (RFC 4648 §4), padding optional, whitespace ignored; None on other bytes.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAR: &str = r#"{"log":{"version":"1.2","entries":[
      {"time":12.5,"request":{"method":"GET","url":"https://shop.example/"},
       "response":{"status":200,"headers":[],"content":{"text":"<html>ok</html>"}}},
      {"time":3.2,"request":{"method":"GET","url":"https://shop.example/api/cart"},
       "response":{"status":502,"headers":[{"name":"Server","value":"nginx/1.22.1"},{"name":"Set-Cookie","value":"a=1"},{"name":"Set-Cookie","value":"b=2"}],
       "content":{"mimeType":"text/html","text":"PGh0bWw+PGhyPjxjZW50ZXI+bmdpbngvMS4yMi4xPC9jZW50ZXI+PC9odG1sPg==","encoding":"base64"}}},
      {"time":-1,"request":{"method":"GET","url":"https://shop.example/blocked"},"response":{"status":0,"headers":[],"content":{}}}
    ]}}"#;

    #[test]
    fn every_failing_entry_is_explained() {
        assert!(looks_like_har(HAR.as_bytes()));
        assert!(!looks_like_har(b"HTTP/1.1 502 Bad Gateway\r\n\r\n"));
        let all = entries(HAR).unwrap();
        assert_eq!(all.len(), 2, "the status-0 entry has no answer");
        let failing = explain_failures(HAR, &Context::default()).unwrap();
        assert_eq!(failing.len(), 1);
        let one = &failing[0];
        assert_eq!((one.index, one.method.as_str()), (1, "GET"));
        assert_eq!(one.url, "https://shop.example/api/cart");
        assert_eq!(one.report.status, 502);
        assert_eq!(one.report.gateway.id.map(|id| id.as_str()), Some("nginx"));
        // Repeated headers stay apart; the base64 body is decoded.
        assert_eq!(all[1].observation.headers.get_all("set-cookie").count(), 2);
        assert_eq!(
            all[1].observation.body(),
            "<html><hr><center>nginx/1.22.1</center></html>"
        );
        assert_eq!(all[1].observation.elapsed_ms, Some(3));
    }

    #[test]
    fn bad_hars_are_errors() {
        for input in [
            "",
            "{",
            "{\"log\":{}}",
            "[1,2]",
            "{\"log\":{\"entries\":[{\"response\":{\"status\":\"x\"}}]}}",
        ] {
            let result = entries(input);
            assert!(result.is_err() || result.unwrap().is_empty(), "{input}");
        }
    }
}
