//! What was seen of one response (contract §1). Everything in it is untrusted text.

use crate::prelude::*;
use core::fmt;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// Whether the rules read the response body (the cargo feature `response-body`, on by
/// default). The error pages' wasm goes without: a page is itself the body of the gateway's
/// error response, and its probe is a HEAD, so it never has a gateway's page to read. Without
/// it the body-reading rules and their tables (default pages, phrases, problem+json) are
/// compiled out, ~2 KB gzipped of every page. `body()` is "" without it, and each rule that reads
/// the body checks it too: an empty body alone leaves the rules' tables in the wasm.
pub const READS_BODY: bool = cfg!(feature = "response-body");

/// The most of a body that is kept (contract §1: "at most the first 64 KiB").
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Headers beyond this count are dropped: no real gateway error sends more.
pub const MAX_HEADERS: usize = 100;
/// Longer header values are cut: evidence lives in the first few hundred bytes.
pub const MAX_HEADER_VALUE_BYTES: usize = 4096;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub status: u16,
    #[serde(default)]
    pub headers: Headers,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_ms: Option<u64>,
}

impl Observation {
    pub fn new(status: u16) -> Observation {
        Observation {
            status,
            ..Observation::default()
        }
    }

    /// The body, capped at [`MAX_BODY_BYTES`] on a character boundary ("" without
    /// [`READS_BODY`]).
    pub fn body(&self) -> &str {
        if !READS_BODY {
            return "";
        }
        self.body.as_deref().map(cap_str_default).unwrap_or("")
    }

    /// The method ([`method_or_get`]), upper-cased for showing.
    pub fn method(&self) -> String {
        method_or_get(self.method.as_deref()).to_ascii_uppercase()
    }
}

/// The one method rule, for a request whose method may be unknown (an Observation, the
/// recovery machine's start): trimmed; missing or blank is a GET (what a navigation is).
/// Compare it with `retry::is_idempotent` (case-insensitive).
pub fn method_or_get(method: Option<&str>) -> &str {
    method
        .map(str::trim_ascii)
        .filter(|m| !m.is_empty())
        .unwrap_or("GET")
}

fn cap_str_default(s: &str) -> &str {
    cap_str(s, MAX_BODY_BYTES)
}

/// `s` cut to at most `max` bytes without splitting a character.
pub fn cap_str(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// What the core knows of the visitor's side: it tailors advice and reads HTTP-dates.
/// Every field is optional; surfaces fill what they can (`navigator.userAgent`, `Date.now()`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub user_agent: Option<String>,
    pub platform: Option<String>,
    /// BCP 47 tags, most preferred first (`navigator.languages`, or the `lang` attribute).
    pub languages: Vec<String>,
    /// Milliseconds since the Unix epoch, for `Retry-After` given as an HTTP-date.
    pub now_ms: Option<u64>,
}

/// Response headers: names lower-cased on the way in, so lookups are case-insensitive.
/// Repeated names are kept (e.g. several `Set-Cookie`), in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    pub fn new() -> Headers {
        Headers(Vec::new())
    }

    /// Adds a header; past [`MAX_HEADERS`] it is ignored, long values are cut.
    pub fn push(&mut self, name: &str, value: &str) {
        if self.0.len() >= MAX_HEADERS {
            return;
        }
        let value = cap_str(value.trim_ascii(), MAX_HEADER_VALUE_BYTES);
        self.0
            .push((name.trim_ascii().to_ascii_lowercase(), value.to_string()));
    }

    /// The first value of `name` (any case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name` (any case), in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> FromIterator<(&'a str, &'a str)> for Headers {
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(iter: I) -> Headers {
        let mut headers = Headers::new();
        for (name, value) in iter {
            headers.push(name, value);
        }
        headers
    }
}

/// On the wire (contract §1) headers are a JSON object; repeated names are joined with ", ".
impl Serialize for Headers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut names: Vec<&str> = Vec::new();
        for (name, _) in &self.0 {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        let mut map = serializer.serialize_map(Some(names.len()))?;
        for name in names {
            let joined = self.get_all(name).collect::<Vec<_>>().join(", ");
            map.serialize_entry(name, &joined)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Headers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Headers, D::Error> {
        struct HeadersVisitor;
        impl<'de> Visitor<'de> for HeadersVisitor {
            type Value = Headers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of header names to string values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Headers, A::Error> {
                let mut headers = Headers::new();
                while let Some((name, value)) = map.next_entry::<String, String>()? {
                    headers.push(&name, &value);
                }
                Ok(headers)
            }
            fn visit_unit<E>(self) -> Result<Headers, E> {
                Ok(Headers::new())
            }
            fn visit_none<E>(self) -> Result<Headers, E> {
                Ok(Headers::new())
            }
        }
        deserializer.deserialize_any(HeadersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lookup_ignores_case() {
        let headers: Headers = [
            ("Server", "nginx/1.22.1"),
            ("Set-Cookie", "a=1"),
            ("set-cookie", "b=2"),
        ]
        .into_iter()
        .collect();
        assert_eq!(headers.get("SERVER"), Some("nginx/1.22.1"));
        assert_eq!(
            headers.get_all("set-cookie").collect::<Vec<_>>(),
            ["a=1", "b=2"]
        );
        assert_eq!(headers.get("via"), None);
    }

    #[test]
    fn header_count_and_length_are_bounded() {
        let mut headers = Headers::new();
        let long = "x".repeat(MAX_HEADER_VALUE_BYTES * 2);
        for _ in 0..MAX_HEADERS * 2 {
            headers.push("x-junk", &long);
        }
        assert_eq!(headers.len(), MAX_HEADERS);
        assert_eq!(headers.get("x-junk").unwrap().len(), MAX_HEADER_VALUE_BYTES);
    }

    #[test]
    fn body_is_capped_on_a_char_boundary() {
        let mut obs = Observation::new(502);
        obs.body = Some("é".repeat(MAX_BODY_BYTES));
        assert!(obs.body().len() <= MAX_BODY_BYTES);
        assert!(obs.body().chars().all(|c| c == 'é'));
    }

    #[test]
    fn missing_method_is_get() {
        assert_eq!(Observation::new(502).method(), "GET");
        let mut obs = Observation::new(502);
        obs.method = Some(" post ".into());
        assert_eq!(obs.method(), "POST");
        // The one rule: the recovery machine and the retry hint read it too.
        assert_eq!(method_or_get(Some(" \t")), "GET");
        assert_eq!(method_or_get(None), "GET");
        assert_eq!(method_or_get(Some(" post ")), "post");
    }
}
