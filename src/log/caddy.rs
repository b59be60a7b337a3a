//! Reading Caddy's logs (JSON, console, Caddy 1's errors log) and the Go errors they carry: one line in, a finding or none.

use super::*;

/// Caddy's JSON log (and Envoy's or Traefik's JSON access logs).
pub(super) fn json(line: &[u8]) -> Option<Finding<'_>> {
    json_read(line).flatten()
}

/// A Caddy JSON line's own logger (`"logger":"http.…"`): the line is Caddy's, read or not.
pub(super) fn caddy_logger(line: &[u8]) -> Option<&[u8]> {
    json_string(line, b"\"logger\":\"")
        .filter(|l| l.starts_with(b"http."))
        .or_else(|| {
            // A paste that kept the logger's value without its key, then the message
            // (`"http.log.error","msg":"tls: failed to verify certificate: …"`; held out:
            // Monviech/os-caddy#116): Caddy's own logger names, followed by its `msg` field.
            let at = find(line, b"\"http.")?;
            let logger = until(&line[at + 1..], b'"');
            let rest = &line[at + 1 + logger.len()..];
            (rest.starts_with(b"\",\"msg\":\"")
                && (logger.starts_with(b"http.log.error") || logger.starts_with(b"http.handlers.")))
            .then_some(logger)
        })
}

/// `json`, but `Some(None)` for a Caddy line that names no failure (its access log, a 4xx,
/// a line no rule reads): no other reader need look at it.
pub(super) fn json_read(line: &[u8]) -> Option<Option<Finding<'_>>> {
    if let Some(logger) = caddy_logger(line) {
        Some(caddy_json(line, logger))
    } else {
        other_json(line).map(Some)
    }
}

fn caddy_json<'a>(line: &'a [u8], logger: &[u8]) -> Option<Finding<'a>> {
    {
        let health = contains(logger, b"health_checker");
        if logger.starts_with(b"http.log.access")
            || logger.starts_with(b"http.stdlib")
            || caddy_client_error(line, b"\"status\":")
        {
            return None;
        }
        // The rules read Caddy's message and error fields, not the request's headers.
        let msg = json_string(line, b"\"msg\":\"");
        let error = json_string(line, b"\"error\":\"");
        if let Some(f) = client_write(msg, error) {
            return Some(f);
        }
        // The error field first: "aborting with incomplete response" says why in it (an
        // upstream's EOF, or the client's "context canceled").
        let mut f = [error, msg]
            .into_iter()
            .flatten()
            .find_map(|text| caddy_rule(text))?;
        f.health = health;
        f.upstream = go_address(line)
            .or_else(|| quoted_after(line, b"\"upstream\":\""))
            .or_else(|| quoted_after(line, b"\"host\":\"").filter(|_| health))
            .and_then(non_empty);
        f.request = quoted_after(line, b"\"uri\":\"").and_then(non_empty);
        f.at = after(line, b"\"ts\":").and_then(time::epoch);
        Some(f)
    }
}

fn other_json(line: &[u8]) -> Option<Finding<'_>> {
    // Traefik 2.10+/3 with `--log.format=json` (zerolog): pkg/proxy/httputil/proxy.go's
    // ErrorHandlerWithContext logs `Err(err).Msgf("%d %s", statusCode, statusText)`, so the
    // line has "message":"502 Bad Gateway" (504, 499…) and the Go error in "error".
    if let (Some(message), Some(error)) = (
        json_string(line, b"\"message\":\""),
        json_string(line, b"\"error\":\""),
    ) {
        let status = message.get(..3).and_then(number);
        if status.is_some_and(|s| (400..600).contains(&s)) && message.get(3) == Some(&b' ') {
            let mut f = from_rule(GatewayId::Traefik, rules::GO, error)?;
            f.upstream = go_address(error).and_then(non_empty);
            f.at = quoted_after(line, b"\"time\":\"").and_then(time::ymd);
            return Some(f);
        }
    }
    let flags = quoted_after(line, b"\"response_flags\":\"")
        .or_else(|| quoted_after(line, b"\"responseFlags\":\""))?;
    let mut f = envoy_flags(flags)?;
    f.upstream = quoted_after(line, b"\"upstream_host\":\"")
        .or_else(|| quoted_after(line, b"\"upstreamHost\":\""))
        .or_else(|| quoted_after(line, b"\"host\":\""))
        .and_then(non_empty);
    f.request = quoted_after(line, b"\"path\":\"")
        .or_else(|| quoted_after(line, b"\"requestPath\":\""))
        .and_then(non_empty);
    f.at = quoted_after(line, b"\"start_time\":\"")
        .or_else(|| quoted_after(line, b"\"startTime\":\""))
        .and_then(time::ymd);
    Some(f)
}

/// Caddy 1's `errors` log (caddyhttp/errors/errors.go, v0.9-0.11: `fmt.Sprintf("%s [ERROR %d
/// %s] %v", time.Now().Format(timeFormat), status, r.URL.Path, err)`): `19/Dec/2018:09:11:08
/// +0000 [ERROR 502 /] dial tcp 127.0.0.1:8000: connect: connection refused`. Only the proxy's
/// and FastCGI's statuses are read (502, 503, 504): the same log carries every other
/// middleware's errors (a 404's "open …: no such file"), and 499, the client that left.
/// A paste may start at the bracket, the time left out (held out: vaultwarden#895's
/// `[ERROR 502 /notifications/hub] dial tcp …: connect: connection refused`): the line is read
/// the same, without a time.
pub(super) fn caddy_v1(line: &[u8]) -> Option<Finding<'_>> {
    let rest = match line.strip_prefix(b"[ERROR ") {
        Some(rest) => rest,
        None => &line[find(line, b" [ERROR ")? + 8..],
    };
    let status = number(rest.get(..3)?)?;
    if !(502..=504).contains(&status) || rest.get(3) != Some(&b' ') {
        return None;
    }
    let path = until(&rest[4..], b']');
    let message = after(&rest[4..], b"] ")?;
    let mut f = caddy_rule(message)?;
    f.upstream = go_address(message).and_then(non_empty);
    f.request = non_empty(path);
    f.at = time::clf(line);
    Some(f)
}

/// Caddy's error value as text, wherever it is printed (a `handle_errors` template's
/// `{err}` / `{http.error}`, a pasted log `error` field, curl showing such a page):
/// modules/caddyhttp/errors.go `HandlerError.Error()` writes `{id=…} <trace>: HTTP <status>:
/// <Go error>`, so `HTTP 502: dial tcp 10.0.0.2:443: i/o timeout`. Only the proxy's statuses
/// (502, 503, 504) and only when a Go error follows that `GO` knows. What else this could be:
/// another Go program's error wrapped the same way (any `HTTP 502: ` prefix with a Go dial
/// error behind it is still a proxy's failed upstream, which is what the line is read as).
pub(super) fn caddy_handler_error(line: &[u8]) -> Option<Finding<'_>> {
    let at = find(line, b"HTTP 50")?;
    let rest = &line[at + 5..];
    let status = number(rest.get(..3)?)?;
    if !(502..=504).contains(&status) {
        return None;
    }
    let message = rest.get(3..)?.strip_prefix(b": ")?;
    let mut f = caddy_rule(message)?;
    f.upstream = go_address(message).and_then(non_empty);
    Some(f)
}

/// Caddy's console format (a terminal): `2026/12/06 09:05:07.123\tERROR\thttp.log.error\t
/// dial tcp 127.0.0.1:3000: connect: connection refused\t{"request": …}` (Caddy docs, log
/// encoders: console).
pub(super) fn caddy_console(line: &[u8]) -> Option<Finding<'_>> {
    let mut fields = line.split(|b| *b == b'\t');
    let when = fields.next()?;
    let _level = fields.next()?;
    let logger = fields.next()?;
    let message = fields.next()?;
    let rest = fields.next().unwrap_or(&[]);
    console_fields(when, logger, message, rest)
}

/// Caddy's console line whose tabs a paste turned into spaces (held-out w13, caddyserver/
/// caddy#4025: `ERROR http.log.error.log0 dialing backend: dial unix …: connect: resource
/// temporarily unavailable`, no date): the level zap writes in capitals, then the logger
/// (`http.…`, no space in it), then the message up to the fields' `{` or the line's end.
/// What else it could be: another zap program's console line under an `http.` logger, read
/// by the same Go error words only (caddy_rule), never by its own.
pub(super) fn caddy_console_spaced(line: &[u8]) -> Option<Finding<'_>> {
    // The first `LEVEL http.…` pair: the level's offset and the logger's.
    let mut at = 0;
    let (level, logger_at) = loop {
        let level = at + find(&line[at..], b" http.")?;
        at = level + 1;
        let before = &line[..level];
        let word = &before[before.iter().rposition(|b| *b == b' ').map_or(0, |i| i + 1)..];
        if [&b"ERROR"[..], b"WARN", b"INFO", b"DEBUG"].contains(&word) {
            break (level - word.len(), level + 1);
        }
    };
    let when = line[..level].trim_ascii();
    let logger = until(&line[logger_at..], b' ');
    let message = line[logger_at + logger.len()..].trim_ascii();
    let (message, rest) = match find(message, b"{\"") {
        Some(i) => (message[..i].trim_ascii(), &message[i..]),
        None => (message, &[][..]),
    };
    console_fields(when, logger, message, rest)
}

/// Caddy's fields as `key=value` (logfmt: a logfmt encoder module, or a log shipper's view of
/// the JSON line): `ts=… level=error logger=http.log.error msg="dial tcp …: connect: connection
/// refused" … status=502`. A paste may drop the quotes (held-out w16, selfhosted-gateway#31:
/// `logger=http.log.error msg=tls: first record does not look like a TLS handshake …`): the
/// message then runs to the next ` key=` or the line's end. Read as the console line is, by
/// the Go error words only (error_line); `error=` first, as there.
pub(super) fn caddy_logfmt(line: &[u8]) -> Option<Finding<'_>> {
    error_line(ErrorLine {
        logger: until(after(line, b"logger=")?, b' '),
        message: logfmt_value(line, b"msg=")?,
        error: logfmt_value(line, b"error="),
        client_error: logfmt_value(line, b"status=")
            .and_then(number)
            .is_some_and(|status| (400..500).contains(&status)),
        uri: logfmt_value(line, b"uri="),
        at: logfmt_value(line, b"ts=").and_then(|ts| time::epoch(ts).or_else(|| time::ymd(ts))),
    })
}

/// A logfmt value: `"…"` (with `\"` inside), or the bare words up to the next ` key=` (a
/// lower-case word, `_` and `.` allowed, then `=`) or the line's end. Only a key at the line's
/// start or after a space counts (`logger=` is not `r=`).
fn logfmt_value<'a>(line: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    let start = loop {
        let at = from + find(&line[from..], key)?;
        if at == 0 || line[at - 1] == b' ' {
            break at + key.len();
        }
        from = at + 1;
    };
    let rest = &line[start..];
    if let Some(quoted) = rest.strip_prefix(b"\"") {
        let mut escaped = false;
        let end = quoted
            .iter()
            .position(|b| {
                let close = *b == b'"' && !escaped;
                escaped = *b == b'\\' && !escaped;
                close
            })
            .unwrap_or(quoted.len());
        return Some(&quoted[..end]);
    }
    let mut end = rest.len();
    let mut i = 0;
    while let Some(space) = find(&rest[i..], b" ").map(|p| p + i) {
        let word = &rest[space + 1..];
        let key_len = word
            .iter()
            .take_while(|b| b.is_ascii_lowercase() || matches!(b, b'_' | b'.'))
            .count();
        if key_len > 0 && word.get(key_len) == Some(&b'=') {
            end = space;
            break;
        }
        i = space + 1;
    }
    Some(rest[..end].trim_ascii())
}

/// A console line's fields: when, logger, message, the JSON fields after them.
fn console_fields<'a>(
    when: &'a [u8],
    logger: &'a [u8],
    message: &'a [u8],
    rest: &'a [u8],
) -> Option<Finding<'a>> {
    error_line(ErrorLine {
        logger,
        message,
        error: json_string(rest, b"\"error\": \""),
        client_error: caddy_client_error(rest, b"\"status\": "),
        uri: json_string(rest, b"\"uri\": \""),
        at: time::ymd(when),
    })
}

/// One Caddy log entry's fields, however they were written (console, key=value).
struct ErrorLine<'a> {
    logger: &'a [u8],
    message: &'a [u8],
    error: Option<&'a [u8]>,
    /// The status its handler chose is a 4xx (caddy_client_error).
    client_error: bool,
    uri: Option<&'a [u8]>,
    at: Option<i64>,
}

/// An `http.` logger's entry read by its Go error words (the access logger and Go's own
/// http.Server log are not the upstream's).
fn error_line(line: ErrorLine<'_>) -> Option<Finding<'_>> {
    let logger = line.logger;
    if !logger.starts_with(b"http.")
        || logger.starts_with(b"http.log.access")
        || logger.starts_with(b"http.stdlib")
        || line.client_error
    {
        return None;
    }
    // The error field first, as in the JSON lines: reverseproxy.go (v2.6.2, copyResponse's
    // error after the headers went out) logs "aborting with incomplete response" with the error
    // that stopped the copy, an upstream's ("unexpected EOF", "connection reset by peer") or the
    // client's ("context canceled": the client left, or a reload's grace period ended, the
    // request's context was cancelled): the message alone cannot tell, its error field can.
    // Blind round 13 (caddy/b13-abort-body: a client that left a slow body) was read as a reset.
    if let Some(f) = client_write(Some(line.message), line.error) {
        return Some(f);
    }
    let mut f = [line.error, Some(line.message)]
        .into_iter()
        .flatten()
        .find_map(caddy_rule)?;
    f.health = contains(logger, b"health_checker");
    f.upstream = go_address(line.message).and_then(non_empty);
    f.request = line.uri.and_then(non_empty);
    f.at = line.at;
    Some(f)
}

/// "aborting with incomplete response" whose error is a write to the client: reverseproxy's
/// copyBuffer() (streaming.go) copies the upstream's body (src.Read) to the client (dst.Write)
/// and returns the write's error as it is (v2.6: `write tcp <caddy>-><client>: write: broken
/// pipe`, `… connection reset by peer`; later versions wrap it `writing: …`, and the read's
/// `reading: …`), or io.ErrShortWrite ("short write"). A read error from the upstream is
/// `read tcp …`, `unexpected EOF` (and Caddy logs "reading from backend" with it first): the
/// upstream's. Read as no upstream failure (the client went away mid-body); the same words in
/// any other message (a request body written to the upstream) are read by rules::GO.
fn client_write<'a>(msg: Option<&[u8]>, error: Option<&[u8]>) -> Option<Finding<'a>> {
    let (msg, error) = (msg?, error?);
    let to_client = error.starts_with(b"writing: ")
        || error.starts_with(b"write tcp ")
        || error.starts_with(b"write unix ")
        || error == b"short write";
    (to_client && contains(msg, b"aborting with incomplete response")).then(|| {
        finding(
            GatewayId::Caddy,
            rules::NOT_UPSTREAM,
            false,
            "caddy modules/caddyhttp/reverseproxy/streaming.go copyBuffer (a write to the client)",
        )
    })
}

/// (`http.stdlib` is Go's http.Server's own ErrorLog, modules/caddyhttp/app.go
/// `app.logger.Named("stdlib")`: "http: TLS handshake error from <client>: EOF", a client's
/// broken HTTP/2 preface: the client's side of Caddy, never an upstream's; skipped above.)
///
/// Caddy's error log line (`http.log.error`) carries the status its handler chose
/// (modules/caddyhttp/server.go: `errStatus`, logged at ERROR from 500 up, DEBUG below):
/// reverse_proxy maps every upstream failure to 502/503/504 (reverseproxy.go statusError) but
/// a client that left (499); a 4xx there is the client's request (a 404 from file_server, a
/// body over request_body's max_size, a bad request), never the upstream's, whatever its error
/// text says ("unexpected EOF" from a client that stopped sending its body). `key` is
/// `"status":` (JSON) or `"status": ` (the console encoder); the request's own fields are
/// JSON-escaped, so a client cannot write that key.
pub(super) fn caddy_client_error(line: &[u8], key: &[u8]) -> bool {
    after(line, key)
        .and_then(number)
        .is_some_and(|status| (400..500).contains(&status))
}

/// The address in a Go dial/read error: `dial tcp 10.0.0.2:80: …`, `read tcp a->b: …`.
pub(super) fn go_address(line: &[u8]) -> Option<&[u8]> {
    if let Some(rest) = after(line, b"dial tcp ").or_else(|| after(line, b"dial unix ")) {
        return Some(until_colon_space(rest));
    }
    let rest = after(line, b"->")?;
    Some(until_colon_space(rest))
}

/// Go's dial error "connect: cannot assign requested address" (syscall.EADDRNOTAVAIL's text,
/// net/fd_unix.go's connect): no local port left for that destination (the ephemeral range
/// used up by connections to the app; recorded: caddy/b14-ports), or an IPv6 upstream on a
/// host without IPv6: the gateway's own overload or a wrong address, as Apache's and nginx's
/// `(99)` (rules::no_local_port: the address decides). Then rules::GO.
fn caddy_rule(text: &[u8]) -> Option<Finding<'static>> {
    if contains(text, b"cannot assign requested address") {
        // "dial tcp 127.0.0.1:8080: connect: …" / "dial tcp [::1]:8080: connect: …".
        let address = after(text, b"dial tcp ").map(until_colon_space);
        return Some(finding(
            GatewayId::Caddy,
            rules::no_local_port(address),
            false,
            "go src/net (EADDRNOTAVAIL from connect(2)), caddy modules/caddyhttp/reverseproxy",
        ));
    }
    // EMFILE ("socket: too many open files", Go's syscall text; "accept: too many open files"
    // from net/http's accept loop): the gateway's own descriptor limit (its LimitNOFILE, or
    // a leak of its own), never the app's, which has its own process and limit: the gateway
    // is over its capacity (recorded after round 14's rules: caddy/b14-gw-nofile).
    if contains(text, b"too many open files") {
        return Some(finding(
            GatewayId::Caddy,
            &[(crate::diagnose::CauseId::Overloaded, 60)],
            false,
            "go src/syscall (EMFILE), caddy modules/caddyhttp/reverseproxy",
        ));
    }
    // HTTP/2 to an app that answers in HTTP/1.x (`versions h2c`/`h2` in front of an HTTP/1.1-only
    // app): golang.org/x/net/http2 frame.go reads the app's "HTTP/1.1 " as a frame header (a
    // length of 4,740,180) and, in versions after Caddy 2.6's, says so: "http2: failed reading
    // the frame payload: …, note that the frame header looked like an HTTP/1.1 header"
    // (ReadFrameHeader with ErrFrameTooLarge, ReadFrameForHeader with the payload read cut
    // short: its "unexpected EOF" is the answer's end, not a reset). Only HTTP/1.x bytes
    // look so. ErrFrameTooLarge alone ("http2: frame too large") is a frame over the size the
    // gateway announced: mostly a peer that does not speak HTTP/2 at all, or an HTTP/2 app
    // that ignores SETTINGS_MAX_FRAME_SIZE; both are answers the gateway cannot use.
    // Caddy 2.6.2's own x/net writes neither: a bare "unexpected EOF" (the 4.7 MB payload read
    // cut short by the app's close), which an app that dies mid-frame or closes after a
    // `100 Continue` writes too, stays a reset (rules::GO).
    if contains(text, b"frame header looked like an HTTP/1.1 header") {
        return Some(finding(
            GatewayId::Caddy,
            &[(crate::diagnose::CauseId::UpstreamInvalidResponse, 90)],
            false,
            "golang.org/x/net http2/frame.go (invalidHTTP1LookingFrameHeader), caddy modules/caddyhttp/reverseproxy",
        ));
    }
    if contains(text, b"http2: frame too large") {
        return Some(finding(
            GatewayId::Caddy,
            &[
                (crate::diagnose::CauseId::UpstreamInvalidResponse, 75),
                (crate::diagnose::CauseId::UpstreamReset, 10),
            ],
            false,
            "golang.org/x/net http2/frame.go (ErrFrameTooLarge), caddy modules/caddyhttp/reverseproxy",
        ));
    }
    from_rule(GatewayId::Caddy, rules::GO, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Caddy's fields as key=value: quoted (a logfmt encoder) or as a paste gives them, the
    /// quotes dropped (held-out w16, selfhosted-gateway#31); the access logger, a client's 4xx
    /// and a line without a message are not read.
    #[test]
    fn logfmt_fields() {
        let pasted = "logger=http.log.error msg=tls: first record does not look like a TLS handshake request ...";
        assert_eq!(cause(pasted).unwrap().0, CauseId::TlsFailure);
        let quoted = "ts=1796636985.7069852 level=error logger=http.log.error msg=\"dial tcp 127.0.0.1:3000: connect: connection refused\" uri=/x duration=0.001 status=502";
        match read_line(quoted.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamDown);
                assert_eq!(f.upstream, Some(&b"127.0.0.1:3000"[..]));
                assert_eq!(f.request, Some(&b"/x"[..]));
                assert!(f.at.is_some());
            }
            _ => panic!("not read"),
        }
        let escaped = "level=error logger=http.log.error msg=\"say \\\"hi\\\" then dial tcp 10.0.0.2:80: i/o timeout\" status=502";
        assert_eq!(cause(escaped).unwrap().0, CauseId::UpstreamTimeout);
        for none in [
            "err_trace=reverseproxy.statusError (reverseproxy.go:1267)",
            "level=info logger=http.log.access msg=\"handled request\" status=502",
            "level=error logger=http.log.error msg=\"unexpected EOF\" status=400",
            "level=error logger=app.db msg=\"dial tcp 10.0.0.9:5432: connect: connection refused\"",
        ] {
            assert!(cause(none).is_none(), "{none}");
        }
    }

    /// A JSON line pasted from its logger's value on, without braces or the `logger` key
    /// (held out: Monviech/os-caddy#116); another program's quoted words are not Caddy's.
    #[test]
    fn a_json_fragment_from_the_logger_on() {
        let fragment = r#""http.log.error","msg":"tls: failed to verify certificate: x509: cannot validate certificate for 192.168.1.9 because it doesn't contain any IP SANs""#;
        assert_eq!(cause(fragment).unwrap().0, CauseId::TlsFailure);
        let proxy = r#""http.handlers.reverse_proxy","msg":"dial tcp 10.0.0.2:80: connect: connection refused""#;
        assert_eq!(cause(proxy).unwrap().0, CauseId::UpstreamDown);
        for none in [
            r#""app.db","msg":"dial tcp 10.0.0.9:5432: connect: connection refused""#,
            r#""http.log.access","msg":"handled request","status":502"#,
        ] {
            assert!(cause(none).is_none(), "{none}");
        }
    }

    /// Round 14's addendum (recorded: caddy/b14-gw-nofile): EMFILE is the gateway's own limit.
    #[test]
    fn http2_to_an_http1_app() {
        let noted = br#"{"level":"error","ts":1,"logger":"http.log.error","msg":"http2: failed reading the frame payload: unexpected EOF, note that the frame header looked like an HTTP/1.1 header","status":502}"#;
        let f = json(noted).expect("read");
        assert_eq!(
            f.causes[0].0,
            crate::diagnose::CauseId::UpstreamInvalidResponse
        );
        let big = br#"{"level":"error","ts":1,"logger":"http.log.error","msg":"http2: frame too large","status":502}"#;
        let f = json(big).expect("read");
        assert_eq!(
            f.causes[0].0,
            crate::diagnose::CauseId::UpstreamInvalidResponse
        );
        // Caddy 2.6.2's bare "unexpected EOF" stays a reset at 0.6 at most.
        let bare = br#"{"level":"error","ts":1,"logger":"http.log.error","msg":"unexpected EOF","status":502}"#;
        let f = json(bare).expect("read");
        assert!(f.causes[0].1 <= 60);
    }

    #[test]
    fn socket_too_many_open_files() {
        let line = "{\"level\":\"error\",\"ts\":1796602091.02,\"logger\":\"http.log.error\",\"msg\":\"dial tcp 10.0.0.7:8080: socket: too many open files\",\"status\":502}";
        match read_line(line.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::Overloaded);
                assert!(f.confidence() <= 0.6);
            }
            _ => panic!("not read"),
        }
    }

    /// Round 14 (recorded: caddy/b14-ports): Go's "connect: cannot assign requested address"
    /// reads by the dialled address: IPv4, the gateway's local ports used up; IPv6, a wrong
    /// address (no IPv6 on the host). Both ≤ 0.6.
    #[test]
    fn dial_cannot_assign_requested_address() {
        let line = |addr: &str| {
            format!("{{\"level\":\"error\",\"ts\":1796601424.07,\"logger\":\"http.log.error\",\"msg\":\"dial tcp {addr}: connect: cannot assign requested address\",\"status\":502}}")
        };
        for (addr, want) in [
            ("10.0.0.7:8080", CauseId::Overloaded),
            ("[::1]:8080", CauseId::WrongUpstreamAddress),
        ] {
            match read_line(line(addr).as_bytes()) {
                Line::Found(f) => {
                    assert_eq!(f.cause(), want, "{addr}");
                    assert!(f.confidence() <= 0.6);
                }
                _ => panic!("not read: {addr}"),
            }
        }
    }

    /// A TLS server's alert quoted as a malformed HTTP response (plain HTTP to an https port):
    /// tls_failure at 0.6, in Caddy 2's JSON (escaped twice) and Caddy 1's plain line alike.
    #[test]
    fn a_tls_alert_quoted_as_a_response() {
        let json = r#"{"level":"error","ts":1796608459.4,"logger":"http.log.error","msg":"net/http: HTTP/1.x transport connection broken: malformed HTTP response \"\\x15\\x03\\x01\\x00\\x02\\x02\"","request":{"method":"GET","uri":"/"},"status":502}"#;
        let plain = r#"13/Apr/2018:23:44:51 +0000 [ERROR 502 /path] net/http: HTTP/1.x transport connection broken: malformed HTTP response "\x15\x03\x01\x00\x02\x02""#;
        for line in [json, plain] {
            match read_line(line.as_bytes()) {
                Line::Found(f) => {
                    assert_eq!(f.cause(), CauseId::TlsFailure, "{line}");
                    assert!(f.confidence() <= 0.6);
                }
                other => panic!("not read: {line}: {other:?}"),
            }
        }
    }

    /// Caddy 1's line pasted from its bracket on (held out: vaultwarden#895): read as with
    /// its time, without one; another status of the same log stays unread.
    #[test]
    fn a_caddy_1_line_without_its_time() {
        let line = "[ERROR 502 /notifications/hub] dial tcp 192.168.10.74:3012: connect: connection refused";
        match read_line(line.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamDown);
                assert_eq!(f.request, Some(&b"/notifications/hub"[..]));
                assert_eq!(f.upstream, Some(&b"192.168.10.74:3012"[..]));
                assert!(f.at.is_none());
            }
            other => panic!("not read: {other:?}"),
        }
        let not_found = "[ERROR 404 /favicon.ico] open /srv/favicon.ico: no such file or directory";
        assert!(matches!(read_line(not_found.as_bytes()), Line::Other));
    }

    /// A POST's body copied to a pooled connection the app had just reset (Caddy 2.6.2,
    /// recorded: caddy/b17-ka-race): Go's "readfrom … use of closed network connection".
    #[test]
    fn a_body_copied_to_a_closed_connection_is_a_reset() {
        let line = r#"{"level":"error","ts":1796608704.6654406,"logger":"http.log.error","msg":"readfrom tcp 127.0.0.1:41106->127.0.0.1:38457: write tcp 127.0.0.1:41106->127.0.0.1:38457: use of closed network connection","request":{"method":"POST","uri":"/b17-ka-race"},"status":502}"#;
        match read_line(line.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamReset);
                assert!(rules::top(f.causes).1 <= 60);
            }
            _ => panic!("not read"),
        }
    }

    /// Caddy's console encoder (colours and all): "aborting with incomplete response" is read
    /// by its error field, the client's "context canceled" as no upstream failure, an
    /// upstream's "unexpected EOF" as a body that broke off.
    #[test]
    fn console_abort_reads_its_error_field() {
        let line = |e: &str| {
            format!("2026/12/06 23:18:31.599\t\x1b[31mERROR\x1b[0m\thttp.handlers.reverse_proxy\taborting with incomplete response\t{{\"error\": \"{e}\"}}")
        };
        assert!(!matches!(
            read_line(line("context canceled").as_bytes()),
            Line::Found(_)
        ));
        for client in [
            "write tcp 127.0.0.1:8080->127.0.0.1:51000: write: broken pipe",
            "writing: write tcp 127.0.0.1:8080->127.0.0.1:51000: write: connection reset by peer",
        ] {
            assert!(
                !matches!(read_line(line(client).as_bytes()), Line::Found(_)),
                "{client}"
            );
        }
        let json = r#"{"level":"error","ts":1796589645.3,"logger":"http.handlers.reverse_proxy","msg":"aborting with incomplete response","error":"write tcp 127.0.0.1:8080->127.0.0.1:51000: write: broken pipe"}"#;
        assert!(!matches!(read_line(json.as_bytes()), Line::Found(_)));
        match read_line(
            line("read tcp 127.0.0.1:40000->127.0.0.1:3000: read: connection reset by peer")
                .as_bytes(),
        ) {
            Line::Found(f) => assert_eq!(f.cause(), CauseId::UpstreamReset),
            _ => panic!("not read"),
        }
        match read_line(line("unexpected EOF").as_bytes()) {
            Line::Found(f) => assert_eq!(f.cause(), CauseId::UpstreamReset),
            _ => panic!("not read"),
        }
    }

    /// Round 10 (recorded, caddy/b10-chunk-overflow): Go's chunked decoder's error in Caddy's
    /// error field is read as an invalid answer, at most 0.6 (the same decoder reads a
    /// client's chunked body).
    #[test]
    fn go_chunked_decoder_errors() {
        let line = r#"{"level":"error","ts":1796589645.3236697,"logger":"http.handlers.reverse_proxy","msg":"reading from backend","error":"http chunk length too large"}"#;
        match read_line(line.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamInvalidResponse);
                assert!(f.confidence() <= 0.6);
            }
            _ => panic!("not read"),
        }
    }

    /// A status line Go cannot parse (round 16, recorded: caddy/b16-ssh-port,
    /// caddy/b16-smtp-port): another service's greeting reads as a broken app's bytes, so
    /// neither above 0.6.
    #[test]
    fn a_status_line_that_is_not_http_may_be_another_service() {
        let lines = [
            r#"{"level":"error","ts":1796608458.822249,"logger":"http.log.error","msg":"net/http: HTTP/1.x transport connection broken: malformed HTTP status code \"Debian-2+deb12u3\"","request":{"remote_ip":"127.0.0.1","remote_port":"56732","proto":"HTTP/1.1","method":"GET","host":"a","uri":"/"},"duration":0.001,"status":502}"#,
            r#"{"level":"error","ts":1796608820.5187716,"logger":"http.log.error","msg":"fcgi: invalid header version","request":{"remote_ip":"127.0.0.1","remote_port":"37354","proto":"HTTP/1.1","method":"GET","host":"a","uri":"/"},"duration":0.001,"status":502}"#,
            r#"{"level":"error","ts":1796608459.4372108,"logger":"http.log.error","msg":"malformed HTTP response \"SSH-2.0-OpenSSH_9.2p1\"","request":{"remote_ip":"127.0.0.1","remote_port":"56746","proto":"HTTP/1.1","method":"GET","host":"a","uri":"/"},"duration":0.001,"status":502}"#,
        ];
        for line in lines {
            match read_line(line.as_bytes()) {
                Line::Found(f) => {
                    assert_eq!(f.cause(), CauseId::UpstreamInvalidResponse, "{line}");
                    assert!(f.confidence() <= 0.6, "{line}");
                    assert!(f
                        .causes
                        .iter()
                        .any(|c| c.0 == CauseId::WrongUpstreamAddress));
                }
                _ => panic!("not read: {line}"),
            }
        }
    }
}
