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
    f.causes = probe_failure(rest);
    Some(f)
}

/// What a sick probe's response says (the row ends with it: cache_backend_probe.c vbp_poke()'s
/// `resp_buf`). The probe's request went out and no answer came within the probe's `.timeout`
/// ("Poll error N (…)" when poll(2) gave up: errno 0 in Varnish before the fix for
/// varnish-cache#2866, ETIMEDOUT after it; "Poll timeout …s exceeded by …s"): a slow app, read
/// as a header timeout is. The connect did not finish in time ("Open timeout …s exceeded by
/// …s"): a connect timeout. Anything else (a refusal, "Open error 0", an answer with a status
/// other than the expected one, an empty one) keeps the state's reading: the backend is sick
/// (no healthy backend), the app down second. What else the timeout could mean: a `.timeout`
/// shorter than the app's normal answer to the probe's URL (the advice is the same: compare
/// them).
fn probe_failure(row: &[u8]) -> Dist {
    if contains(row, b"Poll error") || contains(row, b"Poll timeout") {
        rules::FIRST_BYTE_TIMEOUT
    } else if contains(row, b"Open timeout") {
        rules::CONNECT_TIMEOUT
    } else {
        rules::DOWN_OR_NO_HEALTHY
    }
}

/// Varnish's VCL compiler at start-up or `vcl.load` (lib/libvcc, recorded from varnishd 7.1.1
/// `-C` with `.host = "app.invalid"` in a namespace without a resolver; held out:
/// api-platform#1272, ddev-varnish#1): `Backend host '"app.invalid"' could not be resolved to
/// an IP address:`, getaddrinfo's reason on the next line. No VCL is loaded, so Varnish does
/// not start (or keeps the old VCL): a state line, the name as the upstream. What else it could
/// mean: a mistyped name, or a Compose service not up yet when Varnish compiled (rules::NAME_AT_START).
pub(super) fn varnish_vcc(line: &[u8]) -> Option<Finding<'_>> {
    let rest = after(line, b"Backend host '")?;
    let name = until(rest, b'\'');
    if !rest[name.len()..].starts_with(b"' could not be resolved to an IP address") {
        return None;
    }
    let mut f = finding(
        GatewayId::Varnish,
        rules::NAME_AT_START,
        true,
        "Varnish 7.1 lib/libvcc (the VCL compiler: a backend's .host, resolved at compile time)",
    );
    let name = name.strip_prefix(b"\"").unwrap_or(name);
    f.upstream = non_empty(name.strip_suffix(b"\"").unwrap_or(name));
    Some(f)
}

pub(super) fn varnish(rest: &[u8]) -> Option<Finding<'_>> {
    // `-g raw` rows and varnishtest's vsl lines carry the transaction's side after the tag
    // (`     65544 FetchError     b HTC eof (-1)`; lib/libvarnishapi/vsl.c VSL_Print's
    // "%10u %-14s %c %.*s"): `c` is a client's transaction, whose FetchError is about the
    // client's request body (cache_req_body.c reads it through the same "straight" and
    // "chunked" pulls a backend's body uses: "straight insufficient bytes" is a POST shorter
    // than its Content-Length there), never a backend's failure; `b` is the backend's.
    let rest = trim_start(rest);
    if rest.starts_with(b"c ") {
        return Some(finding(
            GatewayId::Varnish,
            rules::NOT_UPSTREAM,
            false,
            rules::V_REQBODY,
        ));
    }
    let rest = rest.strip_prefix(b"b ").unwrap_or(rest);
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
    f.record = true;
    Some(f)
}

/// A `varnishncsa -F` line whose format writes `%{VSL:FetchError}x` in a quoted field of its own,
/// without a key (`… "GET /x HTTP/1.1" 503 0 "-" "backend be: fail errno 111 (Connection
/// refused)"`, recorded: varnish/b13-ncsa-refused; `… 503 0 "-" "curl/7.88.1" b - "HTC eof
/// (-1)"`, blind round 35). A field is taken when its whole value is one of the texts Varnish
/// writes as a FetchError record (`fetch_error_text`), never when the words are only inside
/// it. What else the field could be: the same place holds a client's `"%{Referer}i"` or
/// `"%{User-agent}i"` in varnishncsa's default format, so a client could write these words;
/// the line must then also be a 5xx (a fetch that failed this way ends in vcl_backend_error's
/// 503), and the words go through the same VARNISH rules as varnishlog's own rows.
pub(super) fn varnish_ncsa_fetch_error(line: &[u8]) -> Option<Finding<'_>> {
    let status = access_status(line)?;
    if status < 500 {
        return None;
    }
    // The fields after the request's closing quote and the status.
    let rest = after(&line[find(line, b" HTTP/")?..], b"\" ")?;
    let mut parts = rest.split(|b| *b == b'"');
    // The status, the bytes and whatever the format puts before the first quote.
    let head = parts.next()?;
    let value = parts.step_by(2).find(|v| fetch_error_text(v)).or_else(|| {
        // No quote after the status: `%{VSL:FetchError}x` unquoted at the end of the format
        // (recorded: varnish/b53-vn-refused, `… 503 0 - backend b53_refused: fail errno 0
        // (Success)`): the words after one of the spaces, to the end, whole, and more than one
        // word (a format's last unquoted field could be any one word, `overflow` among them).
        let tail = (head.len() == rest.len()).then_some(head)?;
        let end = tail.iter().rposition(|b| *b != b' ' && *b != b'\r')? + 1;
        let tail = &tail[..end];
        tail.iter()
            .enumerate()
            .filter(|(_, b)| **b == b' ')
            .map(|(i, _)| &tail[i + 1..])
            .find(|v| v.contains(&b' ') && fetch_error_text(v))
    })?;
    let mut f = varnish(value)?;
    f.request = after(line, b"\"")
        .map(|r| until(r, b'"'))
        .and_then(non_empty);
    f.at = find_byte(line, b'[').and_then(|at| time::clf(&line[at + 1..]));
    f.record = true;
    Some(f)
}

/// The FetchError texts varnishd writes whole (bin/varnishd: cache_fetch.c, cache_backend.c,
/// http1/cache_http1_fetch.c, cache_http1_fsm.c's HTC status names, cache_vfp.c,
/// cache_http1_vfp.c; github:varnishcache/varnish-cache 27d2ce15b), a value of varnishncsa's
/// `%{VSL:FetchError}x` field: one with no parameter, equal; one with parameters, its shape.
/// ("timeout" and "backend closed" alone are left out: a Referer or a User-Agent could be
/// either word.)
fn fetch_error_text(v: &[u8]) -> bool {
    const WHOLE: [&[u8]; 20] = [
        b"overflow",
        b"http format error",
        b"first byte timeout",
        b"first byte timeout (reused connection)",
        b"between bytes timeout",
        b"Could not get storage",
        b"Received junk",
        b"straight insufficient bytes",
        b"chunked read err",
        b"chunked tail no NL",
        b"chunked insufficient bytes",
        b"chunked header too long",
        b"chunked header number syntax",
        b"chunked header non-hex",
        b"chunked header no NL",
        b"bogusly large chunk size",
        b"eof socket fail",
        b"out of workspace",
        b"no backend connection",
        b"No backend connection (rollback?)",
    ];
    if WHOLE.contains(&v) {
        return true;
    }
    // "HTC %s (%s)": an HTC status name and its number (`HTC eof (-1)`, `HTC overflow (-3)`);
    // Varnish 5.x/6.0's "HTC status %d" (`HTC status -1`).
    if let Some(n) = v.strip_prefix(b"HTC status ") {
        let digits = n.strip_prefix(b"-").unwrap_or(n);
        return !digits.is_empty() && digits.len() <= 3 && digits.iter().all(u8::is_ascii_digit);
    }
    if let Some(r) = v.strip_prefix(b"HTC ") {
        let name = until(r, b' ');
        let number = &r[name.len()..];
        return !name.is_empty()
            && name.iter().all(u8::is_ascii_lowercase)
            && number
                .strip_prefix(b" (")
                .and_then(|n| n.strip_suffix(b")"))
                .is_some_and(|n| {
                    !n.is_empty() && n.iter().all(|b| b.is_ascii_digit() || *b == b'-')
                });
    }
    // "backend write error: %d (%s) (%s)", "http first read error: …", "http read error: …".
    if [
        &b"backend write error: "[..],
        b"http first read error: ",
        b"http read error: ",
    ]
    .iter()
    .any(|p| v.starts_with(p))
    {
        return true;
    }
    // "Director %s returned no backend".
    if v.starts_with(b"Director ") && v.ends_with(b" returned no backend") {
        return !v[9..v.len() - 20].contains(&b' ');
    }
    // cache_backend.c's `backend <name>: unhealthy`, `: busy`, `: fail errno N (…)`,
    // `: proxy write errno N (…)` (VRT_BACKEND_string(dir) then the words).
    v.strip_prefix(b"backend ").is_some_and(|r| {
        let name = until(r, b':');
        !name.is_empty()
            && !name.contains(&b' ')
            && [
                &b": unhealthy"[..],
                b": busy",
                b": fail errno ",
                b": proxy write errno ",
            ]
            .iter()
            .any(|w| r[name.len()..].starts_with(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "req.body read error" names the errno of whichever side failed (blind round 34): a reset
    /// or a broken pipe is most often the backend's answer before it read a large body (0.5 at
    /// most: a client that reset its upload writes it too); a short body's errno 0 and a
    /// client's timeout (11) are the client's, and the "backend write error" after them too.
    #[test]
    fn a_request_body_that_failed_on_either_side() {
        let rows = |errno: &str| {
            format!("-   FetchError     req.body read error: {errno}\n-   FetchError     backend write error: {errno} (Error transaction\n")
        };
        let reset = read_all(rows("104 (Connection reset by peer)").as_bytes());
        assert_eq!(reset.len(), 2, "{reset:?}");
        assert!(reset
            .iter()
            .all(|r| r.2 == CauseId::UpstreamReset && r.3 <= 0.55));
        for client in ["0 (Success)", "11 (Resource temporarily unavailable)"] {
            assert!(read_all(rows(client).as_bytes()).is_empty(), "{client}");
        }
    }

    /// varnishncsa `-F` with an unkeyed `"%{VSL:FetchError}x"` (blind round 35): a field whose
    /// whole value is a FetchError text is read; the same words inside a User-Agent, or on a
    /// line below 500, are not.
    #[test]
    fn an_unkeyed_fetch_error_field() {
        let line = |status: u16, ua: &str, fe: &str| {
            format!("127.0.0.1 - - [07/Dec/2026:11:47:12 +0000] \"GET http://127.0.0.1:28910/x HTTP/1.1\" {status} 0 \"-\" \"{ua}\" b - \"{fe}\"")
        };
        for (fe, want) in [
            ("HTC eof (-1)", CauseId::UpstreamReset),
            ("http format error", CauseId::UpstreamInvalidResponse),
            ("overflow", CauseId::UpstreamInvalidResponse),
            ("first byte timeout", CauseId::UpstreamTimeout),
            (
                "backend be: fail errno 111 (Connection refused)",
                CauseId::UpstreamDown,
            ),
        ] {
            // As varnishlog's own row of the same words reads.
            let read = cause(&line(503, "curl/7.88.1", fe));
            assert_eq!(read.map(|r| r.0), Some(want), "{fe}");
            assert_eq!(read, cause(&format!("-   FetchError     {fe}")), "{fe}");
        }
        for quiet in [
            line(503, "my overflow tool", "-"),
            line(503, "curl/7.88.1", "HTC eof (-1) and more"),
            line(503, "curl/7.88.1", "HTC Eof (x)"),
            line(200, "curl/7.88.1", "http format error"),
        ] {
            assert!(cause(&quiet).is_none(), "{quiet}");
        }
    }

    /// Varnish 5.x/6.0 wrote an HTC status it had no words for by its number: 3, nothing
    /// within first_byte_timeout (varnish-cache#2185, varnishtest b00023's row
    /// `1002 FetchError      b HTC status 3`), -1, the end before a whole header (a
    /// troubleshooting guide's `FetchError     HTC status -1` for an nginx `return 444` behind
    /// Varnish), which waits for its BereqAcct as "HTC eof" does; other numbers are a failed
    /// read, spread; in varnishncsa's `%{VSL:FetchError}x` field too.
    #[test]
    fn an_htc_status_by_its_number() {
        assert_eq!(
            cause("**** v1    1.6 vsl|       1002 FetchError      b HTC status 3").map(|r| r.0),
            Some(CauseId::UpstreamTimeout)
        );
        let eof = cause("-   FetchError     HTC status -1").unwrap();
        assert_eq!(eof.0, CauseId::UpstreamReset);
        assert!(eof.1 <= 0.6);
        let closed = read_all(
            b"--  FetchError     HTC status -1\n--  BereqAcct      132 0 132 0 0 0\n--  End\n",
        );
        assert_eq!(closed.len(), 1, "{closed:?}");
        assert_eq!((closed[0].2, closed[0].3), (CauseId::UpstreamReset, 0.6));
        let junk = read_all(
            b"--  FetchError     HTC status -1\n--  BereqAcct      132 0 132 37 0 37\n--  End\n",
        );
        assert_eq!(junk[0].2, CauseId::UpstreamInvalidResponse, "{junk:?}");
        assert!(cause("-   FetchError     HTC status 1").is_some_and(|r| r.1 <= 0.6));
        let ncsa = "127.0.0.1 - - [07/Dec/2026:11:47:12 +0000] \"GET http://127.0.0.1:28910/x HTTP/1.1\" 503 0 \"-\" \"curl/7.88.1\" b - \"HTC status 3\"";
        assert_eq!(cause(ncsa).map(|r| r.0), Some(CauseId::UpstreamTimeout));
    }

    /// A sick probe's row reads by its response: no answer in time is a timeout (held out:
    /// varnish-cache#2866's `Poll error 0 (Success)`), a refusal or a wrong status the sick
    /// state; a healthy row is no finding. The backend's name decides nothing.
    #[test]
    fn a_sick_probe_reads_by_its_response() {
        let rows = [
            ("0 Backend_health - varnish-8445d4f7f-n74dl Still sick 4---Xr-- 0 3 8 0.000000 0.000000 Poll error 0 (Success)", CauseId::UpstreamTimeout),
            ("         0 Backend_health - be Went sick 4---Xr-- 2 3 8 0.000000 0.001000 \"Poll timeout 2.000s exceeded by 0.001s\"", CauseId::UpstreamTimeout),
            ("         0 Backend_health - be Went sick -------- 2 3 8 0.000000 0.001000 \"Open timeout 2.000s exceeded by 0.001s\"", CauseId::UpstreamTimeout),
            ("         0 Backend_health - be5_sick1 Still sick -------- 0 1 1 0.000000 0.000000 \"Open error 111 (Connection refused)\"", CauseId::NoHealthyUpstream),
            ("         0 Backend_health - be_check500 Still sick 4---X-R- 0 2 3 0.001480 0.000000 \"HTTP/1.1 500 Internal Server Error\"", CauseId::NoHealthyUpstream),
            ("         0 Backend_health - be_Poll_timeout Still sick 4---X-R- 0 2 3 0.001480 0.000000 \"HTTP/1.1 500 Internal Server Error\"", CauseId::NoHealthyUpstream),
        ];
        for (row, want) in rows {
            match read_line(row.as_bytes()) {
                Line::Found(f) => {
                    assert!(f.health, "{row}");
                    assert_eq!(f.cause(), want, "{row}");
                    assert!(f.confidence() <= 0.6, "{row}");
                }
                _ => panic!("not read: {row}"),
            }
        }
    }

    /// A FetchError in a client's transaction is about the client's request body (held out:
    /// varnishcache/varnish-cache#2628, a POST shorter than its Content-Length); the same
    /// words in the backend's transaction stay the backend's short body.
    /// The VCL compiler's line for a backend name that does not resolve (varnishd 7.1.1 `-C`,
    /// and behind Compose's prefix as held-out api-platform#1272 pasted it): a state line,
    /// DNS at 0.6, the name as the upstream; the too-many-addresses line is not that.
    #[test]
    fn a_backend_name_the_vcl_compiler_cannot_resolve() {
        for line in [
            "Backend host '\"app.invalid\"' could not be resolved to an IP address:",
            "cache-proxy_1  | Backend host '\"api\"' could not be resolved to an IP address:",
        ] {
            match read_line(line.as_bytes()) {
                Line::Found(f) => {
                    assert_eq!(f.cause(), CauseId::DnsFailure, "{line}");
                    assert!(f.health && f.confidence() <= 0.6);
                    assert!(
                        matches!(f.upstream, Some(b"app.invalid" | b"api")),
                        "{line}"
                    );
                }
                other => panic!("not read: {line}: {other:?}"),
            }
        }
        let other = "Backend host \"app\": resolves to too many addresses.";
        assert!(matches!(read_line(other.as_bytes()), Line::Other));
    }

    #[test]
    fn a_client_transactions_fetch_error_is_not_the_backends() {
        let client = "*   << Request  >> 32770\n-   Begin          req 32769 rxreq\n\
            -   ReqMethod      POST\n-   Link           bereq 32771 pass\n\
            -   FetchError     straight insufficient bytes\n-   End\n";
        assert_eq!(read_all(client.as_bytes()), vec![]);
        // The backend's own transaction (`-g vxid`), after a client's that ended well.
        let backend = "*   << Request  >> 32772\n-   ReqMethod      GET\n-   End\n\
            *   << BeReq    >> 32773\n-   Begin          bereq 32772 fetch\n\
            -   BereqMethod    GET\n-   FetchError     straight insufficient bytes\n-   End\n";
        let found = read_all(backend.as_bytes());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 7);
        // `-g raw` and varnishtest: the side is written after the tag.
        // (A client's body error also keeps the same request's next weak backend line from
        // blaming the backend, as "req.body read error" does: the backend's row comes first.)
        let raw = "     32771 FetchError     b straight insufficient bytes\n\
            \x20    32770 FetchError     c straight insufficient bytes\n";
        let found = read_all(raw.as_bytes());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 1);
        assert_eq!(found[0].2, CauseId::UpstreamReset);
    }

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

    /// Blind round 13 (recorded, varnish/b13-ncsa-refused): `varnishncsa -b -F` with an unkeyed
    /// `"%{VSL:FetchError}x"` field is read by cache_backend.c's `backend <name>: …` shape on a
    /// 5xx; the same words on a 200 (a client's User-Agent) or another shape are not.
    #[test]
    fn an_unkeyed_fetch_error_in_varnishncsa() {
        let line = br#"- - - [06/Dec/2026:23:12:26 +0000] "GET http://127.0.0.1:34427/b13-ncsa-refused HTTP/1.1" 503 0 "-" "backend b13_ncsa_refused: fail errno 111 (Connection refused)""#;
        match read_line(line) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamDown);
                assert_eq!(f.upstream, Some(&b"b13_ncsa_refused"[..]));
            }
            _ => panic!("not read"),
        }
        let ok = br#"127.0.0.1 - - [06/Dec/2026:23:12:26 +0000] "GET /x HTTP/1.1" 200 3 "-" "backend b: fail errno 111 (Connection refused)""#;
        assert!(!matches!(read_line(ok), Line::Found(_)));
        let client =
            br#"127.0.0.1 - - [06/Dec/2026:23:12:26 +0000] "GET /x HTTP/1.1" 503 278 "miss" "-""#;
        assert!(!matches!(read_line(client), Line::Found(_)));
        // Unquoted at the end of the format (recorded: varnish/b53-vn-refused); the client
        // side's `pass -` after the same request is no FetchError.
        let bare = br#"- [07/Dec/2026:19:50:55 +0000] "GET http://127.0.0.1:28948/b53-vn-refused HTTP/1.1" 503 0 - backend b53_refused: fail errno 0 (Success)"#;
        match read_line(bare) {
            Line::Found(f) => assert_eq!(f.cause(), CauseId::UpstreamDown),
            _ => panic!("not read"),
        }
        let pass = br#"127.0.0.1 [07/Dec/2026:19:50:54 +0000] "GET http://127.0.0.1:28948/b53-vn-refused HTTP/1.1" 503 278 pass -"#;
        assert!(matches!(read_line(pass), Line::StatusOnly(503)));
        let words =
            br#"127.0.0.1 [07/Dec/2026:19:50:54 +0000] "GET /x HTTP/1.1" 503 278 pass my overflow"#;
        assert!(!matches!(read_line(words), Line::Found(_)));
    }
}
