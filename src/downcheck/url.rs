//! The few URL operations the providers need, without a URL crate in the wasm.

use crate::prelude::*;

/// `http://` or `https://` followed by something.
pub fn is_http_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("http://") && text.len() > 7)
        || (lower.starts_with("https://") && text.len() > 8)
}

/// The host of an http(s) URL, lower-cased, without userinfo, port or brackets; None when the
/// URL is not http(s) or has no plausible host.
pub fn host_of(target: &str) -> Option<String> {
    if !is_http_url(target) {
        return None;
    }
    // Char searches and `get` only: a `&str` pattern search, or a slice that can panic,
    // brings kilobytes of searcher and panic-message code into the wasm.
    let scheme_len = if target.as_bytes().get(4) == Some(&b':') {
        7
    } else {
        8
    };
    let rest = target.get(scheme_len..)?;
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        host_port.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let plausible = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'));
    plausible.then_some(host)
}

/// Percent-encodes everything but RFC 3986 unreserved characters (for a query value).
pub fn encode_component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// `template` with every `{key}` replaced by `value`.
pub fn fill(template: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        match after.strip_prefix(key).and_then(|a| a.strip_prefix('}')) {
            Some(tail) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `base` (trailing slashes dropped) followed by `path`.
pub fn join(base: &str, path: &str) -> String {
    let mut out = base.trim_end_matches('/').to_string();
    out.push_str(path);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        let cases: &[(&str, Option<&str>)] = &[
            ("https://Shop.Example/cart?x=1", Some("shop.example")),
            ("http://user:pw@shop.example:8080/", Some("shop.example")),
            ("http://[2001:db8::1]:80/", Some("2001:db8::1")),
            ("https://shop.example.", Some("shop.example")),
            ("https://evil.example\\@good.example/", Some("evil.example")),
            ("javascript:alert(1)", None),
            ("ftp://shop.example/", None),
            ("https://", None),
            ("https://<img>/", None),
        ];
        for (url, want) in cases {
            assert_eq!(host_of(url).as_deref(), *want, "{url}");
        }
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(
            encode_component("https://a.example/?q=1&r=é"),
            "https%3A%2F%2Fa.example%2F%3Fq%3D1%26r%3D%C3%A9"
        );
        assert_eq!(join("http://127.0.0.1:9/", "/x"), "http://127.0.0.1:9/x");
        assert_eq!(fill("a{host}b{host}{x}{", "host", "h"), "ahbh{x}{");
    }
}
