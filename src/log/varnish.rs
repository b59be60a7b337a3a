//! Reading Varnish: varnishlog's FetchError and Backend_health rows, varnishncsa: one line in, a finding or none.

use super::*;

pub(super) fn varnish_health(line: &[u8]) -> Option<Finding<'_>> {
    let mut f = finding(
        GatewayId::Varnish,
        rules::DOWN_OR_NO_HEALTHY,
        true,
        "Varnish 7.1 varnishlog Backend_health (doc/sphinx/reference/vsl.rst)",
    );
    let rest = after(line, b"Backend_health")?;
    // `Backend_health - be_sick Still sick …` (vxid grouping writes a `-` first). The row is
    // `name Went|Still sick|healthy bits …` (cache_backend_probe.c's VSL(SLT_Backend_health,
    // "%s %s %s %s …", vcl_name, chg ? "Went" : "Still", i ? "sick" : "healthy", …)): the third
    // word decides, not a "sick" anywhere (a backend may be named `be_sick`).
    let rest = trim_start(rest);
    let rest = rest.strip_prefix(b"- ").map(trim_start).unwrap_or(rest);
    let mut words = rest.split(|b| *b == b' ').filter(|w| !w.is_empty());
    let name = words.next()?;
    let _change = words.next()?;
    if words.next()? != b"sick" {
        return None;
    }
    f.upstream = non_empty(name);
    Some(f)
}

pub(super) fn varnish(rest: &[u8]) -> Option<Finding<'_>> {
    let mut f = from_rule(GatewayId::Varnish, rules::VARNISH, rest)?;
    f.upstream = after(rest, b"backend ")
        .map(|r| until(r, b':'))
        .and_then(non_empty);
    Some(f)
}

/// The value of a key named after Varnish's `FetchError` tag (`"fetch_error":"…"`,
/// `fetcherror=…`, `FetchError: …`), as an operator's `varnishncsa -F` writes
/// `%{VSL:FetchError}x` (varnishncsa(1): "%{VSL:tag}x: the value of the VSL entry for the given
/// tag"): the key must be followed by `"`, `'`, `:` or `=`, so varnishlog's own rows
/// (`FetchError     backend …`) are not taken. `-` (no FetchError) is none.
pub(super) fn fetch_error_value(line: &[u8]) -> Option<&[u8]> {
    // "etch" (a fast search on its rarest byte), then an `f`/`F` before it and `[_-]?error`
    // (any case) after it.
    let mut from = 1;
    while from < line.len() {
        let i = from + find(&line[from..], b"etch")?;
        from = i + 1;
        if !matches!(line[i - 1], b'f' | b'F') {
            continue;
        }
        let mut j = i + 4;
        if matches!(line.get(j), Some(b'_' | b'-')) {
            j += 1;
        }
        if !line
            .get(j..j + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"error"))
        {
            continue;
        }
        j += 5;
        let start = j + line[j..]
            .iter()
            .take_while(|b| b" \"':=".contains(b))
            .count();
        let separators = &line[j..start];
        if separators.iter().all(|b| *b == b' ') {
            continue;
        }
        let quote = separators
            .iter()
            .rev()
            .find(|b| **b == b'"' || **b == b'\'');
        let rest = &line[start..];
        let value = match quote {
            Some(q) => until(rest, *q),
            None => until_any(rest, b" ,;}"),
        };
        return non_empty(value);
    }
    None
}

/// A `varnishncsa -F` line with a keyed FetchError value: Varnish's words, read by the
/// VARNISH rules; the request and time from the usual keys when the format has them.
pub(super) fn varnish_keyed<'a>(line: &'a [u8], value: &'a [u8]) -> Option<Finding<'a>> {
    let mut f = varnish(value)?;
    f.request = [&b"\"url\":\""[..], b"\"request\":\"", b"\"path\":\""]
        .iter()
        .find_map(|k| quoted_after(line, k))
        .and_then(non_empty);
    f.at = [&b"\"time\":\""[..], b"\"timestamp\":\""]
        .iter()
        .find_map(|k| quoted_after(line, k))
        .and_then(|t| time::ymd(t).or_else(|| time::clf(t)));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blind round 10 (recorded, varnish/b10-bad-chunk): the chunked parser's framing errors
    /// name a bad answer, in the full varnishlog and in a `-g request -i` filtered one; a failed
    /// read inside a chunk is no framing error.
    #[test]
    fn chunked_framing() {
        for line in [
            "-   FetchError     chunked header non-hex",
            "--  FetchError     chunked header non-hex",
            "-   FetchError     chunked tail no NL",
        ] {
            match read_line(line.as_bytes()) {
                Line::Found(f) => {
                    assert_eq!(f.cause(), CauseId::UpstreamInvalidResponse, "{line}")
                }
                _ => panic!("not read: {line}"),
            }
        }
        // Varnish's `Error` tag is read only for a body whose framing cannot be known.
        match read_line(b"-   Error          Body cannot be fetched") {
            Line::Found(f) => assert!(f.confidence() <= 0.6),
            _ => panic!("not read"),
        }
        assert!(!matches!(
            read_line(b"-   Error          out of workspace (bo)"),
            Line::Found(_)
        ));
        if let Line::Found(f) = read_line(b"-   FetchError     chunked read err") {
            assert_ne!(f.cause(), CauseId::UpstreamInvalidResponse);
        }
    }
}
