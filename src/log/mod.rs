//! The gateway's own log says what the response cannot: one log line, or many, in → for each
//! recognised line the gateway, the contract cause with a confidence, the upstream address and
//! the request where the line names them, and the time. Unrecognised lines are counted, never
//! guessed. Pure: bytes in, findings out (the CLI and the site's page do the reading).
//!
//! Speed: every line first meets a cheap prefilter (a byte scan for one anchor per format:
//! nginx's `#`, Apache's `AH0`, HAProxy's ` [`…); only a line that passes reaches its
//! gateway's rule table (rules.rs, codes.rs).

mod bytes;
mod codes;
pub mod narrow;
pub mod rules;
pub mod summary;
pub mod time;

use crate::diagnose::CauseId;
use crate::gateway::GatewayId;
use crate::prelude::*;
/// The newline search the edges split lines with (eight bytes per step).
pub use bytes::find_byte;
use bytes::{after, contains, find, number, quoted_after, until, until_any};
use rules::Dist;

/// One recognised line.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding<'a> {
    pub gateway: GatewayId,
    /// Causes in percent, best first; the rest is `unknown`.
    pub causes: Dist,
    /// A health check or a server's state change rather than one request's failure.
    pub health: bool,
    pub upstream: Option<&'a [u8]>,
    pub request: Option<&'a [u8]>,
    /// Seconds on the line's own clock (see time.rs).
    pub at: Option<i64>,
    /// Where the rule comes from.
    pub source: &'static str,
}

impl Finding<'_> {
    pub fn cause(&self) -> CauseId {
        rules::top(self.causes).0
    }

    /// The top cause's confidence, 0–1.
    pub fn confidence(&self) -> f32 {
        rules::top(self.causes).1 as f32 / 100.0
    }
}

/// What one line is: recognised, a 5xx access-log line that names no reason, or nothing known.
#[derive(Debug, Clone, PartialEq)]
pub enum Line<'a> {
    Found(Finding<'a>),
    StatusOnly(u16),
    Other,
}

fn finding<'a>(
    gateway: GatewayId,
    causes: Dist,
    health: bool,
    source: &'static str,
) -> Finding<'a> {
    Finding {
        gateway,
        causes,
        health,
        upstream: None,
        request: None,
        at: None,
        source,
    }
}

fn from_rule<'a>(gateway: GatewayId, table: &[rules::Rule], text: &[u8]) -> Option<Finding<'a>> {
    rules::first_match(table, text)
        .map(|rule| finding(gateway, rule.causes, rule.health, rule.source))
}

fn non_empty(text: &[u8]) -> Option<&[u8]> {
    (!text.is_empty() && text != b"-").then_some(text)
}

/// The word after `key` (up to a space), unless empty or `-`.
fn word_after<'a>(line: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    after(line, key).map(|r| until(r, b' ')).and_then(non_empty)
}

/// `scheme://host:port/path` → `host:port` (`unix:/path.sock` kept whole).
fn host_of(url: &[u8]) -> &[u8] {
    let rest = after(url, b"://").unwrap_or(url);
    if rest.starts_with(b"unix:") {
        let body = &rest[5..];
        // nginx writes `unix:/run/app.sock:/uri`.
        return match find(body, b":/") {
            Some(end) => &rest[..5 + end],
            None => rest,
        };
    }
    until(rest, b'/')
}

/// The text up to ": " (an address followed by Go's or lighttpd's ": reason").
fn until_colon_space(text: &[u8]) -> &[u8] {
    &text[..find(text, b": ").unwrap_or(text.len())]
}

/// Reads one line (without its newline).
pub fn read_line(line: &[u8]) -> Line<'_> {
    match read_any(line) {
        Line::Found(f) if f.causes.is_empty() => Line::Other,
        other => other,
    }
}

/// `read_line`, but a line recognised as not an upstream failure (a rule with no causes:
/// Varnish's "req.body read error", the client's side) stays `Found` with empty causes, so
/// the `Reader` can keep the same request's consequence line from blaming the backend.
fn read_any(line: &[u8]) -> Line<'_> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.len() < 12 {
        return Line::Other;
    }
    if let Some(found) = classify(line) {
        return Line::Found(found);
    }
    if line.starts_with(b"-   ") {
        return Line::Other;
    }
    match access_status(line) {
        Some(status) if status >= 500 => Line::StatusOnly(status),
        _ => Line::Other,
    }
}

fn classify(line: &[u8]) -> Option<Finding<'_>> {
    // The prefilter: one pass notes which bytes the line holds; each format is tried only
    // when its anchor bytes are there (nginx's `#`, JSON's `{`, Apache's `AH`…).
    // varnishlog's transaction dump (`-   ReqHeader …`): only two of its tags matter, and
    // they come first on their line.
    if line.starts_with(b"-   ") || line.starts_with(b"*   ") || line.starts_with(b"**  ") {
        let tag = trim_start(&line[2..]);
        if let Some(rest) = tag.strip_prefix(b"FetchError") {
            return varnish(rest);
        }
        if tag.starts_with(b"Backend_health") && contains(line, b"sick") {
            return varnish_health(line);
        }
        return None;
    }
    // Caddy's (and Envoy's) JSON lines: tried first, they are long.
    if line.first() == Some(&b'{') {
        if let Some(found) = json(line) {
            return Some(found);
        }
    }
    let has = bytes::Present::of(line);
    if has.has(b'#') || (has.has(b'*') && has.has(b',')) {
        if let Some(message) = nginx_message(line) {
            return nginx(line, message);
        }
    }
    if has.has(b'A') && has.has(b'H') && has.has(b':') {
        if let Some(at) = find(line, b"AH0").or_else(|| find(line, b"AH1")) {
            if line.get(at + 7) == Some(&b':') {
                return apache(line);
            }
        }
    }
    // Apache 2.2 (no AH codes): `[Wed Dec 04 17:14:32 2019] [error] (111)Connection refused:
    // proxy: HTTP: attempt to connect to …`.
    if line.first() == Some(&b'[')
        && has.has(b'p')
        && has.has(b':')
        && (contains(line, b"proxy: ") || contains(line, b"ap_proxy_"))
    {
        if let Some(found) = apache(line) {
            return Some(found);
        }
    }
    // A keyed FetchError is in a JSON or key=value `varnishncsa -F` line.
    if (has.has(b'{') || has.has(b'=')) && has.has(b'h') && has.has(b'c') {
        if let Some(value) = fetch_error_value(line) {
            return varnish_keyed(line, value);
        }
    }
    if has.has(b'F') && has.has(b'E') {
        if let Some(rest) = after(line, b"FetchError") {
            return varnish(rest);
        }
    }
    if has.has(b'_') && contains(line, b"Backend_health") && contains(line, b"sick") {
        return varnish_health(line);
    }
    if line.first() != Some(&b'{') && has.has(b'{') {
        // JSON behind a prefix (`journalctl`: `Dec 06 09:05:07 host caddy[123]: {"level":…`).
        if let Some(found) = find(line, b"{\"").and_then(|at| json(&line[at..])) {
            return Some(found);
        }
    }
    if has.has(b'\t') {
        if let Some(found) = caddy_console(line) {
            return Some(found);
        }
    }
    if has.has(b'=') {
        if let Some(flags) =
            after(line, b"response_flag=").or_else(|| after(line, b"response_flags="))
        {
            // Envoy with a key=value access log format.
            let mut f = envoy_flags(until(flags, b' '))?;
            f.upstream = word_after(line, b" upstream=");
            f.request = word_after(line, b" request=");
            return Some(f);
        }
    }
    if has.has(b'=') || has.has(b'E') {
        if let Some(found) = heroku(line) {
            return Some(found);
        }
    }
    if has.has(b'\'')
        || (has.has(b'=') && has.has(b'B'))
        || has.has(b'@')
        || (has.has(b'E') && has.has(b',') && contains(line, b"Error forwarding to "))
    {
        if let Some(found) = traefik(line) {
            return Some(found);
        }
    }
    if has.has(b'[') || has.has(b'S') || has.has(b'!') || has.has(b'{') || has.has(b'=') {
        if let Some(found) = haproxy(line) {
            return Some(found);
        }
    }
    if has.has(b'[') && has.has(b'"') {
        if let Some(found) = envoy(line) {
            return Some(found);
        }
    }
    if has.has(b'[') && has.has(b'R') && has.has(b']') {
        if let Some(found) = caddy_v1(line) {
            return Some(found);
        }
    }
    if line.first().is_some_and(u8::is_ascii_digit) {
        if let Some(found) = squid(line) {
            return Some(found);
        }
        if has.has(b'(') {
            return lighttpd(line);
        }
    } else if has.has(b'/') && (has.has(b'_') || has.has(b'N')) {
        // Squid's access line in a format that starts with something else (`[%tl]`, a syslog
        // header): its result and hierarchy codes are found wherever they are.
        return squid_access(line);
    }
    // lighttpd through syslog or journald: its tag names it.
    if has.has(b'(') && contains(line, b"lighttpd") {
        return lighttpd(line);
    }
    None
}

fn varnish_health(line: &[u8]) -> Option<Finding<'_>> {
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

fn trim_start(text: &[u8]) -> &[u8] {
    let n = text
        .iter()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    &text[n..]
}

/// nginx: `2026/12/06 09:04:33 [error] 18759#18759: *2 message`: the offset of the message.
fn nginx_message(line: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(hash) = find_byte(&line[from..], b'#').map(|p| p + from) {
        from = hash + 1;
        let pid = line[..hash]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if pid == 0 || hash < pid + 2 || &line[hash - pid - 2..hash - pid] != b"] " {
            continue;
        }
        let rest = &line[hash + 1..];
        let tid = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if tid == 0 || !rest[tid..].starts_with(b": ") {
            continue;
        }
        return Some(hash + 1 + tid + 2);
    }
    nginx_body(line)
}

/// A line pasted without the header `pid#tid: ` (or without date and level too): nginx's
/// body is still its own. src/core/ngx_log.c ngx_log_error_core() writes `*%uA ` (the
/// connection) before the message when the log has a connection, and src/http/
/// ngx_http_request.c ngx_http_log_error() appends `, client: %V` after it for every request:
/// a message that starts at a `*<digits> ` (at the line's start or after `] `) and a
/// `, client: ` later are read as nginx's.
fn nginx_body(line: &[u8]) -> Option<usize> {
    let client = find(line, b", client: ")?;
    let star = if line.first() == Some(&b'*') {
        0
    } else {
        find(&line[..client], b"] *")? + 2
    };
    let digits = line[star + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (digits > 0 && line.get(star + 1 + digits) == Some(&b' ') && star + 1 + digits < client)
        .then_some(star + digits + 2)
}

fn nginx(line: &[u8], message: usize) -> Option<Finding<'_>> {
    // `error_log … debug` (Debian's nginx is built --with-debug): the debug lines echo the
    // request's and the answer's bytes ("http header: \"…\"", "http proxy header: \"…\"",
    // ngx_http_request.c, ngx_http_proxy_module.c), which a client or an app writes; every
    // failure nginx reports is also logged at info or above, so debug lines are not read.
    if contains(&line[..message], b" [debug] ") {
        return None;
    }
    let text = &line[message..];
    // The rules read nginx's own words only: the request line after ", client: " is the
    // client's, and a crafted URI must not steer the cause.
    let own = &text[..find(text, b", client: ").unwrap_or(text.len())];
    // nginx's words say "client" only about the client's side: one search, not four rules.
    let client_side = contains(own, b"client")
        .then(|| from_rule(GatewayId::Nginx, rules::NGINX_CLIENT, own))
        .flatten()
        .or_else(|| {
            // The connection's log action, " while <action>" at the end of nginx's words: a
            // client connection's own (rules::NGINX_CLIENT_ACTIONS) is not the upstream's.
            let at = own.windows(7).rposition(|w| w == b" while ")?;
            let action = &own[at + 7..];
            rules::NGINX_CLIENT_ACTIONS.contains(&action).then(|| {
                finding(
                    GatewayId::Nginx,
                    rules::NOT_UPSTREAM,
                    false,
                    rules::NGX_CLIENT,
                )
            })
        });
    let mut f = client_side.or_else(|| from_rule(GatewayId::Nginx, rules::NGINX, own))?;
    f.upstream = quoted_after(text, b"upstream: \"")
        .map(host_of)
        .and_then(non_empty)
        .or_else(|| {
            // "app.invalid could not be resolved (3: Host not found)"
            let end = find(text, b" could not be resolved")?;
            let start = text[..end]
                .iter()
                .rposition(|b| *b == b' ')
                .map_or(0, |p| p + 1);
            non_empty(&text[start..end])
        });
    f.request = quoted_after(text, b"request: \"").and_then(non_empty);
    // The date sits just before " [level]".
    f.at = find(line, b" [")
        .and_then(|bracket| bracket.checked_sub(19))
        .and_then(|start| time::ymd(&line[start..]));
    Some(f)
}

fn apache(line: &[u8]) -> Option<Finding<'_>> {
    // Apache's own words, without the client's path ("… returned by /path").
    let own = &line[..find(line, b" returned by ").unwrap_or(line.len())];
    // The line's AH code (`AH01102:`): rules naming another code are not searched for.
    let code = find(own, b"AH0")
        .or_else(|| find(own, b"AH1"))
        .and_then(|at| own.get(at..at + 7))
        .filter(|c| c[2..].iter().all(u8::is_ascii_digit));
    let mut f = rules::first_match_coded(rules::APACHE, own, code)
        .map(|rule| finding(GatewayId::Apache, rule.causes, rule.health, rule.source))?;
    // mod_proxy_hcheck's own connections (modules/proxy/mod_proxy_hcheck.c passes
    // "HCTCP", "HCOH", "HCCPING" or "HCHECK" as the proxy function, which AH00957/AH02454
    // print: "AH00957: HCTCP: attempt to connect to … failed"): a health check of a
    // balancer member, every `hcinterval`, not a request's failure (recorded:
    // apache/b5-hcheck-tcp's check lines, written into every case's window).
    if rules::APACHE_HEALTH_CHECKS
        .iter()
        .any(|function| contains(own, function))
    {
        f.health = true;
    }
    f.upstream = after(line, b"connect to Unix domain socket ")
        .map(|r| until(r, b' '))
        .or_else(|| after(line, b"attempt to connect to ").map(|r| until(r, b' ')))
        .or_else(|| {
            after(line, b"from remote server ")
                .map(|r| until(r, b' '))
                .filter(|a| *a != b"returned")
        })
        .or_else(|| after(line, b"body failed to ").map(|r| until_any(r, b" <")))
        .or_else(|| after(line, b"worker for (").map(|r| until(r, b')')))
        .or_else(|| after(line, b"connection for (").map(|r| until(r, b')')))
        .or_else(|| after(line, b"connection to backend: ").map(|r| until(r, b' ')))
        .and_then(non_empty);
    f.request = word_after(line, b"returned by ");
    f.at = line.strip_prefix(b"[").and_then(time::apache);
    Some(f)
}

fn varnish(rest: &[u8]) -> Option<Finding<'_>> {
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
fn fetch_error_value(line: &[u8]) -> Option<&[u8]> {
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
fn varnish_keyed<'a>(line: &'a [u8], value: &'a [u8]) -> Option<Finding<'a>> {
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

/// Caddy's JSON log (and Envoy's or Traefik's JSON access logs).
fn json(line: &[u8]) -> Option<Finding<'_>> {
    if let Some(logger) = json_string(line, b"\"logger\":\"").filter(|l| l.starts_with(b"http.")) {
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
        // The error field first: "aborting with incomplete response" says why in it (an
        // upstream's EOF, or the client's "context canceled").
        let mut f = [error, msg]
            .into_iter()
            .flatten()
            .find_map(|text| from_rule(GatewayId::Caddy, rules::GO, text))?;
        f.health = health;
        f.upstream = go_address(line)
            .or_else(|| quoted_after(line, b"\"upstream\":\""))
            .or_else(|| quoted_after(line, b"\"host\":\"").filter(|_| health))
            .and_then(non_empty);
        f.request = quoted_after(line, b"\"uri\":\"").and_then(non_empty);
        f.at = after(line, b"\"ts\":").and_then(time::epoch);
        return Some(f);
    }
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
fn caddy_v1(line: &[u8]) -> Option<Finding<'_>> {
    let at = find(line, b" [ERROR ")?;
    let rest = &line[at + 8..];
    let status = number(rest.get(..3)?)?;
    if !(502..=504).contains(&status) || rest.get(3) != Some(&b' ') {
        return None;
    }
    let path = until(&rest[4..], b']');
    let message = after(&rest[4..], b"] ")?;
    let mut f = from_rule(GatewayId::Caddy, rules::GO, message)?;
    f.upstream = go_address(message).and_then(non_empty);
    f.request = non_empty(path);
    f.at = time::clf(line);
    Some(f)
}

/// Caddy's console format (a terminal): `2026/12/06 09:05:07.123\tERROR\thttp.log.error\t
/// dial tcp 127.0.0.1:3000: connect: connection refused\t{"request": …}` (Caddy docs, log
/// encoders: console).
fn caddy_console(line: &[u8]) -> Option<Finding<'_>> {
    let mut fields = line.split(|b| *b == b'\t');
    let when = fields.next()?;
    let _level = fields.next()?;
    let logger = fields.next()?;
    if !logger.starts_with(b"http.")
        || logger.starts_with(b"http.log.access")
        || logger.starts_with(b"http.stdlib")
    {
        return None;
    }
    let message = fields.next()?;
    let rest = fields.next().unwrap_or(&[]);
    if caddy_client_error(rest, b"\"status\": ") {
        return None;
    }
    let mut f = from_rule(GatewayId::Caddy, rules::GO, message).or_else(|| {
        json_string(rest, b"\"error\": \"").and_then(|e| from_rule(GatewayId::Caddy, rules::GO, e))
    })?;
    f.health = contains(logger, b"health_checker");
    f.upstream = go_address(message).and_then(non_empty);
    f.request = json_string(rest, b"\"uri\": \"").and_then(non_empty);
    f.at = time::ymd(when);
    Some(f)
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
fn caddy_client_error(line: &[u8], key: &[u8]) -> bool {
    after(line, key)
        .and_then(number)
        .is_some_and(|status| (400..500).contains(&status))
}

/// A JSON string value after `key` (raw, escapes kept), up to its closing quote.
fn json_string<'a>(line: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let rest = after(line, key)?;
    let mut escaped = false;
    let end = rest.iter().position(|&b| {
        let close = b == b'"' && !escaped;
        escaped = b == b'\\' && !escaped;
        close
    })?;
    Some(&rest[..end])
}

/// The address in a Go dial/read error: `dial tcp 10.0.0.2:80: …`, `read tcp a->b: …`.
fn go_address(line: &[u8]) -> Option<&[u8]> {
    if let Some(rest) = after(line, b"dial tcp ").or_else(|| after(line, b"dial unix ")) {
        return Some(until_colon_space(rest));
    }
    let rest = after(line, b"->")?;
    Some(until_colon_space(rest))
}

fn heroku(line: &[u8]) -> Option<Finding<'_>> {
    // `at=error code=H10 desc="App crashed" …`; older `Error H10 (App crashed) -> …`;
    // `Error R14 (Memory quota exceeded)`.
    let code: &[u8] = if let Some(c) = after(line, b"code=").filter(|_| contains(line, b"at=error"))
    {
        c.get(..3)?
    } else if let Some(at) = find(line, b"Error R1").or_else(|| find(line, b"Error H")) {
        line.get(at + 6..at + 9)?
    } else {
        return None;
    };
    let (_, causes) = codes::HEROKU.iter().find(|(c, _)| *c == code)?;
    let mut f = finding(GatewayId::Heroku, causes, false, codes::HEROKU_SRC);
    f.request = after(line, b"path=")
        .map(|r| until(r.strip_prefix(b"\"").unwrap_or(r), b'"'))
        .map(|r| until(r, b' '))
        .and_then(non_empty);
    f.upstream = word_after(line, b"dyno=");
    f.at = time::ymd(line);
    Some(f)
}

fn traefik(line: &[u8]) -> Option<Finding<'_>> {
    let reason = after(line, b"' caused by: ")
        .or_else(|| {
            if contains(line, b"Bad Gateway") || contains(line, b"Gateway Timeout") {
                after(line, b"error=\"")
            } else {
                None
            }
        })
        // Traefik 1.0-1.3's forwarder (vulcand/oxy forward/fwd.go, serveHTTP): "Error
        // forwarding to <url>, err: <Go error>" when the round trip fails, then its error
        // handler answers 502/504. The Go error is read as Caddy's is (rules::GO).
        .or_else(|| after(line, b"Error forwarding to ").and_then(|rest| after(rest, b", err: ")));
    if let Some(reason) = reason {
        let mut f = from_rule(GatewayId::Traefik, rules::GO, reason)?;
        f.upstream = go_address(reason)
            .or_else(|| after(line, b"Error forwarding to ").map(|url| host_of(until(url, b','))))
            .and_then(non_empty);
        // logrus: `time="…"` (logfmt) or `WARN[2016-09-27T11:33:53Z]` (text on a terminal).
        f.at = after(line, b"time=\"")
            .and_then(time::ymd)
            .or_else(|| time::ymd(line))
            .or_else(|| after(line, b"[").and_then(time::ymd));
        return Some(f);
    }
    // The access log: CLF, then `N "router@provider" "http://server" Nms`.
    let status = access_status(line)?;
    let tail = after(line, b"@")?;
    let server = quoted_after(tail, b"\" \"")?;
    let causes = codes::traefik(status)?;
    let mut f = finding(GatewayId::Traefik, causes, false, codes::TRAEFIK_SRC);
    f.upstream = non_empty(host_of(server));
    f.request = request_of(line);
    f.at = after(line, b" [").and_then(time::clf);
    Some(f)
}

/// The quoted request of an access-log line: `"GET /path HTTP/1.1"`.
fn request_of(line: &[u8]) -> Option<&[u8]> {
    let start = find(line, b"\"")? + 1;
    non_empty(until(&line[start..], b'"'))
}

/// The status of a CLF-like access line (`"GET / HTTP/1.1" 502 …`).
fn access_status(line: &[u8]) -> Option<u16> {
    let at = find(line, b" HTTP/")?;
    let rest = after(&line[at..], b"\" ")?;
    let status = number(rest)?;
    (rest.get(3) == Some(&b' ') && (100..600).contains(&status)).then_some(status as u16)
}

/// A failed check's reason, as src/check.c's check_statuses[] describe it ("Layer4 connection
/// problem", "Layer7 wrong status"…), written after ", reason: " by "Server be/app is DOWN" and
/// by `option log-health-checks`'s "Health check for server be/app failed".
fn haproxy_check_reason(line: &[u8]) -> Dist {
    if contains(line, b"DNS ") {
        rules::DNS
    } else if contains(line, b"Layer6") {
        rules::TLS
    } else if contains(line, b"Layer7 invalid response") {
        rules::INVALID
    } else if contains(line, b"Layer7 timeout") {
        rules::READ_TIMEOUT
    } else if contains(line, b"Layer7 wrong status") {
        // The app answers its health check with an error: up, not healthy.
        &[
            (CauseId::NoHealthyUpstream, 55),
            (CauseId::UpstreamDown, 20),
        ]
    } else if contains(line, b"timeout") {
        rules::CONNECT_TIMEOUT
    } else if contains(line, b"Connection refused") {
        rules::REFUSED
    } else {
        rules::DOWN_OR_NO_HEALTHY
    }
}

fn haproxy(line: &[u8]) -> Option<Finding<'_>> {
    if let Some(server) = after(line, b"Server ") {
        // "Server be/app is DOWN, reason: <check status>" (src/server.c; the check statuses of
        // src/check.c), or "is going DOWN for maintenance (DNS NX status)".
        if contains(line, b" is DOWN") || contains(line, b" is going DOWN") {
            // "is going DOWN for maintenance" (src/server.c), with its cause in parentheses
            // (srv_adm_st_chg_cause_str[]): a DNS one ("DNS NX status", "No IP for server",
            // "entry removed from SRV record") is the name's; none, the CLI's or the stats
            // page's 'disable'/'stop' is an operator's maintenance.
            let maintenance = contains(line, b"for maintenance")
                && !contains(line, b"DNS ")
                && !contains(line, b"No IP for server")
                && !contains(line, b"SRV record");
            let causes = if maintenance {
                &[(CauseId::Maintenance, 80), (CauseId::NoHealthyUpstream, 10)][..]
            } else if contains(line, b"No IP for server") || contains(line, b"SRV record") {
                rules::DNS
            } else {
                haproxy_check_reason(line)
            };
            let mut f = finding(GatewayId::Haproxy, causes, true, codes::HAPROXY_SRC);
            f.upstream = non_empty(until(server, b' '));
            return Some(f);
        }
    }
    // `option log-health-checks` (src/check.c set_server_check_status(): "%s check for
    // %sserver %s/%s %s%s" then ", reason: …", ", status: 0/2 DOWN"): each failed check, with the
    // reason the later "Server … is DOWN." line leaves out under that option.
    if contains(line, b" check for ") && contains(line, b" failed, reason: ") {
        let server = after(line, b"server ")?;
        let mut f = finding(
            GatewayId::Haproxy,
            haproxy_check_reason(line),
            true,
            "HAProxy src/check.c set_server_check_status() (option log-health-checks), check_statuses[]",
        );
        f.upstream = non_empty(until(server, b' '));
        return Some(f);
    }
    // src/proto_tcp.c / proto_uxst.c: "Connect() failed for backend %s: %s." when connect()
    // itself fails locally: EAGAIN/EADDRNOTAVAIL ("no free ports": HAProxy's source ports are
    // exhausted, its own limit), EADDRINUSE, or for a unix socket "can't connect to destination
    // unix socket, check backlog size on the server" (the app's listen backlog is full).
    if let Some(rest) = after(line, b"Connect() failed for backend ") {
        let causes: Dist = if contains(rest, b"check backlog size") {
            &[(CauseId::Overloaded, 70), (CauseId::UpstreamDown, 15)]
        } else if contains(rest, b"no free ports") || contains(rest, b"address already in use") {
            &[(CauseId::Overloaded, 75)]
        } else {
            return None;
        };
        let mut f = finding(
            GatewayId::Haproxy,
            causes,
            false,
            "HAProxy src/proto_tcp.c, src/proto_uxst.c (\"Connect() failed for backend %s: %s.\")",
        );
        f.upstream = non_empty(until_any(rest, b": "));
        return Some(f);
    }
    if contains(line, b"has no server available!") {
        let mut f = finding(
            GatewayId::Haproxy,
            rules::NO_HEALTHY,
            true,
            codes::HAPROXY_SRC,
        );
        f.upstream = after(line, b"backend ")
            .or_else(|| after(line, b"Backend "))
            .map(|r| until(r, b' '))
            .and_then(non_empty);
        return Some(f);
    }
    haproxy_httplog(line).or_else(|| haproxy_log_format(line))
}

/// A termination state as HAProxy writes it (`%ts`/`%tsc`, doc/configuration.txt "8.5.
/// Session state at disconnection"): the side and the phase, then (`%tsc`) the persistence
/// cookie's two characters.
fn termination_state(t: &[u8]) -> bool {
    match t {
        [a, b] => b"CSPLRIDUKcs-".contains(a) && b"RQCHDLT-".contains(b),
        [a, b, c, d] => {
            b"CSPLRIDUKcs-".contains(a)
                && b"RQCHDLT-".contains(b)
                && b"NIDVEO-".contains(c)
                && b"NIUDRE-".contains(d)
        }
        _ => false,
    }
}

/// An operator's own `log-format` (JSON, key=value…) on HAProxy's syslog tag: its fields have
/// no fixed places, so the state is the one value that has the full four-character grammar of
/// `%tsc` (a two-character `%ts` only as the value of a key that says "term"), and the status
/// the number after a key "status" (or a common log line's, `option httplog clf`). A value that merely looks like a state (a header a client
/// sent, a path segment) is kept out: the request's quoted value is not read and a token with
/// a slash is never one.
///
/// HAProxy's tag (`haproxy[pid]:` in the default syslog header, `haproxy pid` in `format
/// rfc5424`) is missing when it logs with `format raw` (`log stdout format raw`, the container
/// set-up of the docs' "log" keyword): then only a state that is the value of a key naming it
/// (`"termination_state":"SH"`, `term=sH`, `ts=`, `tsc=`) is taken, since a bare four-character
/// token of the grammar (`----`) is common in other logs.
fn haproxy_log_format(line: &[u8]) -> Option<Finding<'_>> {
    let tag = find(line, b"haproxy[").or_else(|| find(line, b" haproxy "));
    if tag.is_none()
        && !contains(line, b"term")
        && !contains(line, b"ts=")
        && !contains(line, b"\"ts")
    {
        return None;
    }
    let body = &line[tag.unwrap_or(0)..];
    let delimiter = |b: &u8| b" \"',={}:;|\t".contains(b);
    let tokens: Vec<(usize, &[u8])> = {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, b) in body.iter().enumerate() {
            if delimiter(b) {
                if i > start {
                    out.push((start, &body[start..i]));
                }
                start = i + 1;
            }
        }
        if body.len() > start {
            out.push((start, &body[start..]));
        }
        out
    };
    let state = tokens.iter().enumerate().find_map(|(n, (_, t))| {
        let key = n.checked_sub(1).map(|k| tokens[k].1).unwrap_or(&[]);
        let keyed = contains(key, b"term") || key == b"ts" || key == b"tsc";
        if t.len() == 4 && termination_state(t) && (tag.is_some() || keyed) {
            return Some(*t);
        }
        (t.len() == 2 && termination_state(t) && keyed).then_some(*t)
    })?;
    let status = tokens
        .windows(2)
        .find(|w| contains(w[0].1, b"status"))
        .and_then(|w| number(w[1].1))
        // `option httplog clf`: a common log line's status after the quoted request.
        .or_else(|| access_status(body).map(u64::from));
    // An access line has a status: without one, a word of HAProxy's own messages that happens
    // to fit the grammar ("SHED") is not taken for a state.
    status?;
    let causes = codes::haproxy(state[0], state[1], contains(body, b"<NOSRV>"), status)?;
    let mut f = finding(GatewayId::Haproxy, causes, false, codes::HAPROXY_SRC);
    f.upstream = tokens
        .windows(2)
        .find(|w| w[0].1 == b"backend")
        .map(|w| w[1].1)
        .and_then(non_empty);
    // `%tr`/`%t` (`06/Dec/2026:16:00:34.254`) wherever the format put it.
    f.at = body
        .windows(3)
        .position(|w| w[0].is_ascii_digit() && w[2] == b'/')
        .and_then(|at| time::clf(&body[at..]));
    Some(f)
}

fn haproxy_httplog(line: &[u8]) -> Option<Finding<'_>> {
    // `client:port [06/Dec/2026:09:05:45.243] fe be/srv 0/0/-1/-1/3005 503 217 - - SC-- …`
    let open = find(line, b" [")?;
    let date = &line[open + 2..];
    let at = time::clf(date)?;
    let fields_start = find_byte(date, b']')? + 2;
    let fields = date.get(fields_start..)?;
    let mut tokens = fields.split(|b| *b == b' ').filter(|t| !t.is_empty());
    let _frontend = tokens.next()?;
    let backend = tokens.next()?;
    let timers = tokens.next()?;
    if find_byte(backend, b'/').is_none() || find_byte(timers, b'/').is_none() {
        return None;
    }
    // httplog: status bytes cookie cookie state; tcplog: bytes state.
    let rest: Vec<&[u8]> = tokens.take(5).collect();
    let state = [rest.get(4), rest.get(1)]
        .into_iter()
        .flatten()
        // `option tcplog` writes only the first two characters of the state.
        .find(|t| termination_state(t))?;
    let no_server = contains(backend, b"<NOSRV>");
    // httplog: the status is the first field after the timers (tcplog has none).
    let status = rest
        .first()
        .filter(|_| rest.len() >= 5)
        .and_then(|t| number(t));
    let mut causes = codes::haproxy(state[0], state[1], no_server, status)?;
    let mut source = codes::HAPROXY_SRC;
    // A log-format with the backend connection's error (`%[bc_err_str]`, `bc_err=%[bc_err_name]`…)
    // says what `SC`/`SH` cannot: read outside the quoted request, which a client shapes.
    if matches!((state[0], state[1]), (b'S', b'C') | (b'S', b'H')) && !no_server {
        let quote = find_byte(line, b'"').unwrap_or(line.len());
        let close = line[(quote + 1).min(line.len())..]
            .iter()
            .position(|b| *b == b'"')
            .map_or(line.len(), |p| quote + 2 + p);
        let own = [&line[..quote], line.get(close..).unwrap_or(&[])];
        if let Some(named) = own.iter().find_map(|part| codes::haproxy_conn_err(part)) {
            causes = named;
            source = codes::HAPROXY_ERR_SRC;
        }
    }
    let mut f = finding(GatewayId::Haproxy, causes, false, source);
    f.upstream = Some(backend);
    f.request = after(line, b"\"")
        .map(|r| until(r, b'"'))
        .and_then(non_empty);
    f.at = Some(at);
    Some(f)
}

fn envoy_flags<'a>(flags: &[u8]) -> Option<Finding<'a>> {
    let (_, causes) = codes::ENVOY
        .iter()
        .find(|(flag, _)| flags.split(|b| *b == b',').any(|f| f == *flag))?;
    Some(finding(GatewayId::Envoy, causes, false, codes::ENVOY_SRC))
}

/// Envoy's default format: `[START] "METHOD PATH PROTO" CODE FLAGS … "UPSTREAM_HOST"`.
fn envoy(line: &[u8]) -> Option<Finding<'_>> {
    let open = find_byte(line, b'[')?;
    let at = time::ymd(&line[open + 1..])?;
    let quote = find(&line[open..], b"] \"")? + open + 3;
    let request = until(&line[quote..], b'"');
    let rest = line.get(quote + request.len() + 2..)?;
    let mut tokens = rest.split(|b| *b == b' ');
    let _code = number(tokens.next()?)?;
    let flags = tokens.next()?;
    let mut f = envoy_flags(flags)?;
    f.request = non_empty(request);
    // The last quoted field of the default format is %UPSTREAM_HOST%.
    let end = line.iter().rposition(|b| *b == b'"')?;
    let start = line[..end].iter().rposition(|b| *b == b'"')? + 1;
    f.upstream = non_empty(host_of(&line[start..end]));
    f.at = Some(at);
    Some(f)
}

fn squid(line: &[u8]) -> Option<Finding<'_>> {
    // cache.log: `2026/12/06 09:08:04| WARNING: …` (or `kid1| …`).
    if line.get(19) == Some(&b'|') || contains(line, b"| ") && time::ymd(line).is_some() {
        let mut f = from_rule(GatewayId::Squid, rules::SQUID_CACHE, line)?;
        f.at = time::ymd(line);
        f.request = after(line, b"received for ")
            .or_else(|| after(line, b"encountered from "))
            .map(|r| until(r, b' '))
            .and_then(non_empty);
        f.upstream = word_after(line, b"TCP connection to ");
        return Some(f);
    }
    squid_access(line)
}

/// Squid's result codes (`%Ss`, src/LogTags.cc: `TCP_MISS`, `TCP_DENIED`, `TAG_NONE`, `NONE`,
/// `UDP_HIT`…, with suffixes such as `_ABORTED`).
fn squid_result(word: &[u8]) -> bool {
    [&b"TCP_"[..], b"UDP_", b"TAG_", b"NONE"]
        .iter()
        .any(|k| word.starts_with(k))
        && word.iter().all(|b| b.is_ascii_uppercase() || *b == b'_')
}

/// Squid's hierarchy codes (`%Sh`, src/hier_code.h, github:squid-cache/squid 7c20a8a7).
const SQUID_HIERARCHY: &[&[u8]] = &[
    b"HIER_NONE",
    b"HIER_DIRECT",
    b"SIBLING_HIT",
    b"PARENT_HIT",
    b"DEFAULT_PARENT",
    b"SINGLE_PARENT",
    b"FIRSTUP_PARENT",
    b"FIRST_PARENT_MISS",
    b"CLOSEST_PARENT_MISS",
    b"CLOSEST_PARENT",
    b"CLOSEST_DIRECT",
    b"NO_DIRECT_FAIL",
    b"SOURCE_FASTEST",
    b"ROUNDROBIN_PARENT",
    b"CD_PARENT_HIT",
    b"CD_SIBLING_HIT",
    b"CARP",
    b"ANY_OLD_PARENT",
    b"USERHASH_PARENT",
    b"SOURCEHASH_PARENT",
    b"PINNED",
    b"ORIGINAL_DST",
    b"STANDBY_POOL",
];

/// Squid's access.log in any `logformat` that has the result code with the status
/// (`%Ss/%03>Hs`, the native format's `TCP_MISS/502`) or with the hierarchy (`%Ss:%Sh`, the
/// predefined `combined`'s `TCP_MISS:HIER_NONE`, then the status is the common log line's), and
/// the hierarchy (`%Sh/%<a`, `HIER_NONE/-`, `FIRSTUP_PARENT/10.0.0.2`). Those two codes are
/// Squid's own words (src/LogTags.cc, src/hier_code.h), so they are found wherever the
/// operator's format put them (squid.conf.documented: `logformat` codes may come in any order,
/// after any time format: `%ts.%03tu`, `%tl`, `[%tl]`…). The elapsed time (`%tr`) is known only
/// in the native layout (its second field); elsewhere a slow connect is not told from a quick
/// one (codes::squid's quick case, whose spread allows a timeout).
fn squid_access(line: &[u8]) -> Option<Finding<'_>> {
    // Every result code a failed request can have holds one of these (`TCP_MISS`,
    // `TCP_REFRESH_FAIL_ERR`, `NONE_NONE`, `TAG_NONE`): a cheap test before the split.
    if !contains(line, b"TCP_") && !contains(line, b"NONE") {
        return None;
    }
    let tokens: Vec<&[u8]> = line
        .split(|b| *b == b' ')
        .filter(|t| !t.is_empty())
        .collect();
    let mut status = None;
    let mut hierarchy: Option<&[u8]> = None;
    let mut after_hierarchy = None;
    for (i, t) in tokens.iter().enumerate() {
        if status.is_none() {
            if let Some(slash) = find_byte(t, b'/') {
                if squid_result(&t[..slash]) && t.len() == slash + 4 {
                    status = number(&t[slash + 1..]).map(|s| (s as u16, &t[..slash]));
                    continue;
                }
            }
            if let Some(colon) = find_byte(t, b':') {
                if squid_result(&t[..colon]) && SQUID_HIERARCHY.contains(&&t[colon + 1..]) {
                    status = access_status(line).map(|s| (s, &t[..colon]));
                    hierarchy = Some(&t[colon + 1..]);
                    after_hierarchy = Some(i + 1);
                    break;
                }
            }
        } else {
            let name = until(t, b'/');
            if SQUID_HIERARCHY.contains(&name) {
                hierarchy = Some(t);
                after_hierarchy = Some(i + 1);
                break;
            }
        }
    }
    let (status, result) = status?;
    if contains(result, b"ABORTED") {
        return None;
    }
    // The native layout (`%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru …`), at the line's start
    // or after a prefix (`access_log syslog:…` and journald put a syslog header first): its
    // epoch time with milliseconds, then the elapsed time, then the client, then the result.
    let epoch_at = tokens.iter().position(|t| {
        t.len() == 14 && t[10] == b'.' && t.iter().filter(|b| b.is_ascii_digit()).count() == 13
    });
    let native = epoch_at.filter(|k| {
        tokens
            .get(k + 3)
            .is_some_and(|t| squid_result(until(t, b'/')))
    });
    let elapsed_ms = native
        .and_then(|k| tokens.get(k + 1))
        .and_then(|t| number(t))
        .unwrap_or(0);
    // A logformat without the hierarchy (`%Sh`): the native layout's first fields then other
    // codes (recorded: `%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %<a %{Host}>h`,
    // squid/b8-lf-*). Whether a server was reached is unknown, and so is the type of the body
    // (an app's own 503 relayed reads the same as Squid's): only a 502 or a 504 is read, spread
    // (codes::squid_unplaced), unless %err_code names the error.
    let Some(hierarchy) = hierarchy else {
        native?;
        let named = find(line, b"ERR_")
            .filter(|_| !(400..500).contains(&status))
            .and_then(|at| rules::first_match(rules::SQUID_ERR, &line[at..]));
        let mut f = match named {
            Some(rule) if rule.causes.is_empty() => return None,
            Some(rule) => finding(
                GatewayId::Squid,
                squid_named(rule, elapsed_ms),
                false,
                rule.source,
            ),
            None => finding(
                GatewayId::Squid,
                codes::squid_unplaced(status, elapsed_ms)?,
                false,
                codes::SQUID_ACCESS_SRC,
            ),
        };
        let k = native?;
        f.request = tokens.get(k + 6).copied().and_then(non_empty);
        f.at = time::epoch(tokens[k]);
        return Some(f);
    };
    let peer = after(hierarchy, b"/").and_then(non_empty);
    let direct = hierarchy.starts_with(b"HIER_DIRECT");
    let hier_none = hierarchy.starts_with(b"HIER_NONE");
    let through_peer = !direct && !hier_none;
    // Squid's own error pages are text/html (src/errorpage.cc BuildHttpReply sets
    // "text/html;charset=utf-8", github:squid-cache/squid 7c20a8a7; recorded: every Squid page
    // in tests/fixtures/squid/ says "text/html;charset=utf-8"): a 5xx with another type was
    // written by the origin itself (an app's own 503 relayed), not by Squid's failure. A "-"
    // type is no body at all (a failed CONNECT), still Squid's. The type is `%mt` right after
    // the hierarchy, as the native format has it (a token with a slash that is no ERR_ name).
    // (A 2xx was the origin's answer from the start: a body cut later is named by %err_code.)
    if let Some(mime) = after_hierarchy
        .and_then(|i| tokens.get(i))
        .filter(|_| status >= 500)
    {
        let looks_mime =
            *mime == b"-" || (find_byte(mime, b'/').is_some() && !mime.starts_with(b"ERR_"));
        if looks_mime && *mime != b"-" && !mime.starts_with(b"text/html") {
            return None;
        }
    }
    // A logformat with %err_code names the error; the native format does not. A 4xx's name is
    // about the client's request (ERR_TOO_BIG for its body, ERR_ACCESS_DENIED); a 2xx's is a
    // body cut after the origin's headers were relayed (recorded: ERR_READ_TIMEOUT on a 200,
    // squid/b-forward-midbody-stall). HIER_NONE: no server was connected at all, so Squid 5.7's
    // ERR_READ_ERROR there is its default name for a forwarding that ended before an error was
    // set (FwdState.cc "we quit before an error"): a refusal, a dead peer or a name that did not
    // resolve; the hierarchy's spread (codes::squid) says that better than the name.
    let named = find(line, b"ERR_")
        .filter(|_| !(400..500).contains(&status))
        .filter(|at| !(hier_none && line[*at..].starts_with(b"ERR_READ_ERROR")))
        .and_then(|at| rules::first_match(rules::SQUID_ERR, &line[at..]));
    let mut f = match named {
        // The client's side (WITH_CLIENT…): not read at all. A Squid line is one request's, so
        // it must not hush the next line as a consequence line (`Reader`) would be.
        Some(rule) if rule.causes.is_empty() => return None,
        Some(rule) => finding(
            GatewayId::Squid,
            squid_named(rule, elapsed_ms),
            false,
            rule.source,
        ),
        None => finding(
            GatewayId::Squid,
            codes::squid(status, through_peer, direct, elapsed_ms)?,
            false,
            codes::SQUID_ACCESS_SRC,
        ),
    };
    f.upstream = peer;
    // The URL: the native format's seventh field; else the common log line's quoted request.
    f.request = if let Some(k) = native {
        tokens.get(k + 6).copied().and_then(non_empty)
    } else {
        after(line, b"\"")
            .map(|r| until(r, b'"'))
            .and_then(non_empty)
            .or_else(|| {
                tokens
                    .iter()
                    .copied()
                    .find(|t| t.starts_with(b"http://") || t.starts_with(b"https://"))
            })
    };
    f.at = if let Some(k) = native {
        time::epoch(tokens[k])
    } else {
        // `%tl` (`06/Dec/2026:18:07:59 +0000`), bare or in brackets, wherever it is.
        line.windows(3)
            .position(|w| w[0].is_ascii_digit() && w[2] == b'/')
            .and_then(|at| time::clf(&line[at..]))
    };
    Some(f)
}

/// The causes of the error Squid's `%err_code` names. ERR_CONNECT_FAIL with no errno
/// (`%err_detail` WITH_SERVER) after a second or more (the native layout's %tr): the connect
/// attempts ran out of time (recorded: squid/b8-forward-blackhole, forward_timeout over a host
/// that never accepts, 3.5 s; a refusal is logged at 0 ms, squid/b5-forward-refused-errs). It
/// could still be a refusal after a slow name lookup (the elapsed time holds it) or after lost
/// SYNs: a spread, ≤ 0.6.
fn squid_named(rule: &rules::Rule, elapsed_ms: u64) -> rules::Dist {
    if elapsed_ms >= 1000 && rule.needles == [b"ERR_CONNECT_FAIL".as_slice()] {
        codes::SQUID_SLOW_CONNECT_FAIL
    } else {
        rule.causes
    }
}

/// lighttpd's source tag, `(gw_backend.c.274)` (src/log.c writes `(%s.%d) ` after its
/// date): the offset of its `(`.
fn lighttpd_tag(line: &[u8]) -> Option<usize> {
    let mut from = 0;
    // Bounded: each `(` is tried once, and a tag is at most 256 bytes (__FILE__ may be a build
    // path: `(/build/lighttpd-1.4.79/src/gw_backend.c.1234)`).
    while let Some(open) = find_byte(&line[from..], b'(').map(|p| p + from) {
        from = open + 1;
        let rest = &line[open + 1..];
        let inner = rest
            .iter()
            .take(256)
            .take_while(|b| b.is_ascii_alphanumeric() || b"_-./".contains(b))
            .count();
        if rest.get(inner) != Some(&b')') {
            continue;
        }
        let tag = &rest[..inner];
        let Some(dot) = tag.iter().rposition(|b| *b == b'.') else {
            continue;
        };
        let digits = &tag[dot + 1..];
        if !digits.is_empty()
            && digits.iter().all(u8::is_ascii_digit)
            && tag[..dot].ends_with(b".c")
            && dot > 2
        {
            return Some(open);
        }
    }
    None
}

fn lighttpd(line: &[u8]) -> Option<Finding<'_>> {
    // `2026-12-06 09:07:29: (gw_backend.c.274) message`, or the same behind a syslog or
    // journald prefix (`server.errorlog-use-syslog`: `Dec  6 09:07:29 host lighttpd[42]:
    // (gw_backend.c.274) message`, no date of lighttpd's own).
    let tag = lighttpd_tag(line)?;
    let message = &line[tag..];
    // response.c and request.c write the client's request back (debug.log-request-handling's
    // "Request-URI : /path", "Path : …", a request over server.max-request-size): the
    // client's words and lighttpd's verdict on them, never a backend's failure (the backend
    // errors come from gw_backend.c, http-header-glue.c and the mod_* handlers). A crafted
    // path must not read as "read timeout on socket".
    let source = until(message, b')');
    let file = &source[source
        .iter()
        .rposition(|b| *b == b'/' || *b == b'(')
        .map_or(0, |p| p + 1)..];
    if file.starts_with(b"response.c.") || file.starts_with(b"request.c.") {
        return None;
    }
    // lighttpd's own date ends 21 bytes before the tag (`2026-12-06 09:07:29: (`).
    let at = tag
        .checked_sub(21)
        .and_then(|start| time::ymd(&line[start..]));
    // The rules read lighttpd's words before the request's path (" for /path?query", which
    // the client writes and which may hold any words): gw_backend.c puts the path last but
    // for the host ("all handlers for /p? on … are down") and the socket ("unexpected close
    // of gw connection for /p? (no gw process on socket: …)"), whose first words decide.
    let own = &message[..find(message, b" for /").unwrap_or(message.len())];
    let mut f = from_rule(GatewayId::Lighttpd, rules::LIGHTTPD, own)?;
    f.upstream = after(message, b"tcp:")
        .map(until_colon_space)
        .or_else(|| after(message, b"socket: unix:").map(until_colon_space))
        .map(|a| until(a, b' '))
        .and_then(non_empty);
    f.request = after(message, b" for /")
        .map(|r| until_any(r, b"?, "))
        .map(|r| {
            // Point back at the slash.
            let start = r.as_ptr() as usize - message.as_ptr() as usize - 1;
            &message[start..start + r.len() + 1]
        });
    f.at = at;
    Some(f)
}

/// Many lines in, one finding at a time out, with the context one line cannot have: a weak
/// line (top below 60 %) next to a strong one of the same request takes the strong one's causes.
/// Apache writes "(111)Connection refused: AH00957 …" then "AH01114: failed to make
/// connection to backend" for one request; nginx writes `*42 connect() failed (111…)` then
/// `*42 upstream server temporarily disabled`. The same request is: the same gateway, the same
/// key (Apache's `[pid N:tid M]`, nginx's `*connection`, lighttpd's second) on adjacent lines.
/// What else this could mean: on a busy server two requests may share a thread back to back;
/// the key also needs the same second of time, which makes that rare, not impossible.
#[derive(Default)]
pub struct Reader {
    line: u64,
    /// The previous strong finding's gateway, key and causes.
    last: Option<(GatewayId, u64, Dist)>,
    /// One weak line held back to see whether the next line explains it.
    pending: Option<(u64, Vec<u8>)>,
    /// varnishlog rows passed while "HTC eof" waits for its BereqAcct.
    waited: u32,
    /// varnishlog's grouped dump: the depth (leading dashes) of the background fetch being
    /// read, from its `Begin bereq N bgfetch` row to its `End`.
    bgfetch_depth: Option<usize>,
    /// varnishlog `-g raw`: the last background fetches' vxids (their `Begin` rows).
    bgfetch_vxids: [u64; 8],
    bgfetch_next: usize,
}

/// The most varnishlog rows "HTC eof" waits for its BereqAcct (recorded: 14).
const ACCT_WAIT: u32 = 64;

/// What the reader hands out: the line number (1-based), the line, and its finding.
pub type Emit<'f> = dyn FnMut(u64, &[u8], Finding<'_>) + 'f;

/// The most a held-back line may be (longer weak lines are not held).
const PENDING_MAX: usize = 64 * 1024;

fn key(gateway: GatewayId, line: &[u8], at: Option<i64>) -> u64 {
    let part: &[u8] = match gateway {
        GatewayId::Apache => after(line, b"[pid ").map_or(&[][..], |r| until(r, b']')),
        GatewayId::Nginx => after(line, b": *").map_or(&[][..], |r| until(r, b' ')),
        // HAProxy's check and state lines name their server ("Health check for server be/a
        // failed…", then "Server be/a is DOWN."): another server's line is another story.
        GatewayId::Haproxy => after(line, b"erver ").map_or(&[][..], |r| until(r, b' ')),
        _ => &[],
    };
    // FNV-1a over the key and the second.
    let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ (gateway as u64);
    for b in part.iter().copied().chain(at.unwrap_or(0).to_le_bytes()) {
        hash = (hash ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn weak(f: &Finding<'_>) -> bool {
    // Below 60: a line that can be honest at 0.6 (a refused connect: down or the wrong port)
    // stands alone; only consequence lines are held for their neighbours.
    rules::top(f.causes).1 < 60
}

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many lines were pushed.
    pub fn lines(&self) -> u64 {
        self.line
    }

    /// Reads one line; calls `emit` for each finding now known (the held-back line first).
    /// `other` is told about each line that is not a finding (StatusOnly or Other).
    pub fn push(&mut self, line: &[u8], emit: &mut Emit<'_>, other: &mut dyn FnMut(&Line<'_>)) {
        self.line += 1;
        let number = self.line;
        let read = read_any(line);
        // Varnish's background fetch (grace: the client already got the stale object,
        // cache_fetch.c VBF_Fetch's "bgfetch"): its FetchError says the backend's state, not a
        // request that failed; read as a state line (`health`).
        let background = match line.first() {
            Some(b'-') => self.grouped_bgfetch(line),
            Some(b' ') => self.raw_bgfetch(line),
            _ => false,
        };
        if let (true, Line::Found(found)) = (background, &read) {
            if !found.causes.is_empty() {
                let mut found = found.clone();
                found.health = true;
                self.flush(emit);
                self.last = None;
                emit(number, line, found);
                return;
            }
        }
        let Line::Found(mut found) = read else {
            if self.awaits_acct(line, emit) {
                other(&read);
                return;
            }
            self.flush(emit);
            self.last = None;
            other(&read);
            return;
        };
        let k = key(found.gateway, line, found.at);
        let strong = !weak(&found);
        if let Some((held_number, held)) = self.pending.take() {
            self.waited = 0;
            if let Line::Found(mut before) = read_line(&held) {
                if strong
                    && key(before.gateway, &held, before.at) == k
                    && before.gateway == found.gateway
                {
                    before.causes = found.causes;
                }
                if before.causes.is_empty() {
                    other(&Line::Other);
                } else {
                    emit(held_number, &held, before);
                }
            }
        }
        if found.causes.is_empty() {
            // Not the upstream's failure; the same request's next weak line is not either.
            self.last = Some((found.gateway, k, found.causes));
            other(&Line::Other);
            return;
        }
        if strong {
            self.last = Some((found.gateway, k, found.causes));
            emit(number, line, found);
            return;
        }
        match self.last {
            Some((gateway, last_key, causes)) if gateway == found.gateway && last_key == k => {
                found.causes = causes;
                if causes.is_empty() {
                    other(&Line::Other);
                } else {
                    emit(number, line, found);
                }
            }
            _ if line.len() <= PENDING_MAX => self.pending = Some((number, line.to_vec())),
            _ => emit(number, line, found),
        }
    }

    /// Varnish's "HTC eof" is held through the rest of its varnishlog transaction (rows that
    /// start with `-`, at most `ACCT_WAIT` of them) until its `BereqAcct` row says how many
    /// response header bytes came before the end (see rules::HTC_EOF_*). True when `line` was
    /// taken as part of that wait.
    fn awaits_acct(&mut self, line: &[u8], emit: &mut Emit<'_>) -> bool {
        let Some((held_number, held)) = &self.pending else {
            return false;
        };
        if self.waited >= ACCT_WAIT || !line.starts_with(b"-") || !contains(held, b"HTC eof") {
            return false;
        }
        // `-g request` nests a backend request one level down (`--`, `---`): every leading
        // dash is the grouping's, none the row's.
        let depth = line.iter().take_while(|b| **b == b'-').count();
        let row = trim_start(&line[depth..]);
        if let Some(acct) = row.strip_prefix(b"BereqAcct") {
            // `BereqAcct 132 0 132 37 0 37`: request header, body, total; response header …
            let rx = acct
                .split(|b| *b == b' ')
                .filter(|t| !t.is_empty())
                .nth(3)
                .and_then(number);
            let (held_number, held) = (*held_number, held.clone());
            self.pending = None;
            self.waited = 0;
            if let Line::Found(mut f) = read_line(&held) {
                match rx {
                    Some(0) => f.causes = rules::HTC_EOF_NO_BYTES,
                    Some(_) => f.causes = rules::HTC_EOF_AFTER_BYTES,
                    None => {}
                }
                emit(held_number, &held, f);
            }
            return true;
        }
        if row.starts_with(b"End") {
            return false;
        }
        self.waited += 1;
        true
    }

    /// A grouped varnishlog row (`-   Begin          bereq 65542 bgfetch`, `--  FetchError …`):
    /// true inside a background fetch's transaction (at its depth, up to its `End`).
    fn grouped_bgfetch(&mut self, line: &[u8]) -> bool {
        let depth = line.iter().take_while(|b| **b == b'-').count();
        let row = trim_start(&line[depth..]);
        if row.starts_with(b"Begin") {
            if contains(row, b" bgfetch") {
                self.bgfetch_depth = Some(depth);
                return true;
            }
            if self.bgfetch_depth == Some(depth) {
                self.bgfetch_depth = None;
            }
            return false;
        }
        if self.bgfetch_depth != Some(depth) {
            return false;
        }
        if row.starts_with(b"End") {
            self.bgfetch_depth = None;
        }
        true
    }

    /// A `-g raw` row (`     65544 Begin          b bereq 65543 bgfetch`): true for a row of a
    /// vxid whose Begin said bgfetch.
    fn raw_bgfetch(&mut self, line: &[u8]) -> bool {
        let row = trim_start(line);
        let digits = row.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        let Some(vxid) = number(&row[..digits]) else {
            return false;
        };
        let tag = trim_start(&row[digits..]);
        if tag.starts_with(b"Begin") && contains(tag, b" bgfetch") {
            self.bgfetch_vxids[self.bgfetch_next % 8] = vxid;
            self.bgfetch_next += 1;
            return true;
        }
        vxid != 0 && self.bgfetch_vxids.contains(&vxid)
    }

    /// Hands out the held-back line, if any (at the end of input, or when a follow waits).
    pub fn flush(&mut self, emit: &mut Emit<'_>) {
        self.waited = 0;
        if let Some((number, held)) = self.pending.take() {
            if let Line::Found(found) = read_line(&held) {
                emit(number, &held, found);
            }
        }
    }
}

/// Every finding in `text` (many lines), with its line number: for tests and small inputs.
pub fn read_all(text: &[u8]) -> Vec<(u64, Vec<u8>, CauseId, f32)> {
    let mut out = Vec::new();
    let mut reader = Reader::new();
    let mut emit = |n: u64, line: &[u8], f: Finding<'_>| {
        out.push((n, line.to_vec(), f.cause(), f.confidence()))
    };
    for line in text.split(|b| *b == b'\n') {
        reader.push(line, &mut emit, &mut |_| {});
    }
    reader.flush(&mut emit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(line: &str) -> Option<(CauseId, f32)> {
        match read_line(line.as_bytes()) {
            Line::Found(f) => Some((f.cause(), f.confidence())),
            _ => None,
        }
    }

    /// Squid lines round 8 found unread or misread (recorded, squid/b8-*): a logformat without
    /// the hierarchy, a connect failure without errno that took seconds, a HIER_NONE 502 that
    /// took seconds (a name lookup that timed out). Each a spread, none above 0.6.
    #[test]
    fn squid_lines_without_the_hierarchy_or_the_errno() {
        use CauseId::*;
        // `%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %<a %{Host}>h`: a 502 read, spread.
        let reset = "1796583346.452      1 127.0.0.1 TCP_MISS/502 3459 GET http://127.0.0.1/b8-lf-reset 127.0.0.1 127.0.0.1";
        let (c, p) = cause(reset).unwrap();
        assert_eq!(c, UpstreamReset);
        assert!(p <= 0.6);
        // A 503 there may be the app's own, relayed: not read.
        let own = "1796583348.320      1 127.0.0.1 TCP_MISS/503 309 GET http://127.0.0.1/b8-lf-app-503 127.0.0.1 127.0.0.1";
        assert_eq!(cause(own), None);
        let ok = "1796583348.941      0 127.0.0.1 TCP_MISS/200 228 GET http://127.0.0.1/b8-lf-ok 127.0.0.1 127.0.0.1";
        assert_eq!(cause(ok), None);
        // ERR_CONNECT_FAIL with no errno: after 3.5 s a timeout, at 0 ms a refusal.
        let slow = "1796583338.577   3546 127.0.0.1 TCP_MISS/503 3463 GET http://127.0.0.1:57157/b8 - HIER_DIRECT/127.0.0.1 text/html ERR_CONNECT_FAIL/WITH_SERVER";
        assert_eq!(cause(slow), Some((UpstreamTimeout, 0.6)));
        let quick = "1796580478.768      0 127.0.0.1 TCP_MISS/503 3461 GET http://127.0.0.1:38317/b5 - HIER_DIRECT/127.0.0.1 text/html ERR_CONNECT_FAIL/WITH_SERVER";
        assert_eq!(cause(quick).unwrap().0, UpstreamDown);
        // HIER_NONE 502 after 6 s: the name lookup.
        let dns = "1796583345.202   6002 127.0.0.1 TCP_MISS/502 3423 GET http://app.example/b8 - HIER_NONE/- text/html ERR_READ_ERROR/WITH_SERVER";
        let (c, p) = cause(dns).unwrap();
        assert_eq!(c, DnsFailure);
        assert!(p <= 0.6);
    }

    /// Apache's AH01106 says only that the header block failed: alone (a header line without a
    /// colon) it leans to junk, no more than 0.6; after AH10404 of the same request it takes
    /// that line's errno (recorded apache/d-headers-close: the app died inside its headers).
    #[test]
    fn a_bad_header_block_takes_the_errno_before_it() {
        use CauseId::*;
        let bad = "[Sun Dec 06 18:13:24.778771 2026] [proxy_http:warn] [pid 7:tid 9] [client 127.0.0.1:38144] AH01106: bad HTTP/1.1 header returned by /x (GET)";
        let (top, sure) = cause(bad).unwrap();
        assert!(top == UpstreamInvalidResponse && sure <= 0.6);
        let eof = "[Sun Dec 06 18:13:24.778751 2026] [proxy_http:warn] [pid 7:tid 9] (70014)End of file found: [client 127.0.0.1:38144] AH10404: Error reading headers from backend";
        let both = read_all(format!("{eof}\n{bad}\n").as_bytes());
        assert_eq!(both.len(), 2);
        assert!(both.iter().all(|f| f.2 == UpstreamReset));
        // Go's transport: bytes, then the end, before a whole header block.
        let go = r#"{"level":"error","logger":"http.log.error","msg":"net/http: HTTP/1.x transport connection broken: unexpected EOF","status":502}"#;
        assert_eq!(cause(go).unwrap().0, UpstreamReset);
    }

    /// Lines shaped as the gateways' docs describe them (not recorded here): the code tables.
    #[test]
    fn code_tables() {
        use CauseId::*;
        // Squid with `logformat … %err_code/%err_detail` (squid.conf.documented).
        let squid = "1796548091.159     12 127.0.0.1 TCP_MISS/503 3847 GET http://127.0.0.1/x - HIER_NONE/- text/html ERR_SECURE_CONNECT_FAIL/0";
        assert_eq!(cause(squid).unwrap().0, TlsFailure);
        // HAProxy's tcplog: `… Tw/Tc/Tt bytes state …`.
        let tcp =
            "127.0.0.1:5000 [06/Dec/2026:09:05:45.243] fe be/app 0/-1/3005 0 sC-- 1/1/0/0/3 0/0";
        assert_eq!(cause(tcp).unwrap().0, UpstreamTimeout);
        // An operator's own log-format: the state is found by its grammar, never in a path
        // or in HAProxy's own words without a status.
        let json = r#"<134>Dec  6 16:00:37 haproxy[1]: {"path":"/SD--","status":503,"termination":"SC--"}"#;
        assert_eq!(cause(json).unwrap().0, UpstreamDown);
        let words = "<133>Dec  6 16:00:37 haproxy[1]: Proxy fe: SHED mode enabled";
        assert_eq!(cause(words), None);
        // A client abort is no upstream failure.
        let client = "127.0.0.1:5000 [06/Dec/2026:09:05:45.243] fe be/app 0/0/0/-1/5 -1 0 - - CH-- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\"";
        assert_eq!(cause(client), None);
        // A crafted request cannot steer nginx's cause.
        let crafted = "2026/12/06 09:05:07 [error] 1#1: *9 connect() failed (111: Connection refused) while connecting to upstream, client: 1.2.3.4, server: , request: \"GET /no%20live upstream timed out HTTP/1.1\", upstream: \"http://10.0.0.2:3000/\", host: \"x\"";
        assert_eq!(cause(crafted).unwrap().0, UpstreamDown);
        // nginx's client side (its source's texts, logged at `info`): not the upstream's.
        let client = "2026/12/06 09:05:07 [info] 1#1: *9 writev() failed (104: Connection reset by peer) while sending to client, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.2:3000/\", host: \"x\"";
        assert_eq!(cause(client), None);
        let left = "2026/12/06 09:05:07 [info] 1#1: *9 epoll_wait() reported that client prematurely closed connection, so upstream connection is closed too while connecting to upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.2:3000/\", host: \"x\"";
        assert_eq!(cause(left), None);
    }

    /// Every finding of `text`, through the `Reader`: (line, cause, health).
    fn findings(text: &str) -> Vec<(u64, CauseId, bool)> {
        let mut out = Vec::new();
        let mut reader = Reader::new();
        let mut emit = |n: u64, _: &[u8], f: Finding<'_>| out.push((n, f.cause(), f.health));
        for line in text.lines() {
            reader.push(line.as_bytes(), &mut emit, &mut |_| {});
        }
        reader.flush(&mut emit);
        out
    }

    /// Varnish 7.1.1's background fetch (grace: the client got the stale object, 200) to a
    /// sick backend: real rows of `varnishlog` (vxid grouping) and `varnishlog -g raw` from a
    /// run here (varnish 7.1.1-1.1+deb12u2, a 1-s ttl, 1-h grace, the app stopped), trimmed.
    /// Its FetchError is the backend's state, not a request failure: a health line.
    #[test]
    fn a_background_fetch_is_no_request_failure() {
        let vxid = "*   << BeReq    >> 6         \n-   Begin          bereq 5 bgfetch\n-   BereqURL       /grace\n-   VCL_call       BACKEND_FETCH\n-   FetchError     backend b: unhealthy\n-   BerespStatus   503\n-   End            \n\n*   << BeReq    >> 8         \n-   Begin          bereq 7 fetch\n-   FetchError     backend b: unhealthy\n-   End            \n";
        assert_eq!(
            findings(vxid),
            vec![
                (5, CauseId::NoHealthyUpstream, true),
                (11, CauseId::NoHealthyUpstream, false)
            ]
        );
        let raw = "         5 Link           c bereq 6 bgfetch\n         6 Begin          b bereq 5 bgfetch\n         6 BereqURL       b /grace\n         6 FetchError     b backend b: unhealthy\n         6 End            b \n         8 Begin          b bereq 7 fetch\n         8 FetchError     b backend b: unhealthy\n";
        assert_eq!(
            findings(raw),
            vec![
                (4, CauseId::NoHealthyUpstream, true),
                (7, CauseId::NoHealthyUpstream, false)
            ]
        );
    }

    /// HAProxy 2.6.12 with `option log-health-checks` (real lines from a run here): the check's
    /// reason is on the "Health check for server … failed" line; both are health lines.
    #[test]
    fn haproxy_log_health_checks() {
        let text = "<133>Dec  6 18:16:03 haproxy[28148]: Health check for server be/b failed, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms, status: 0/1 DOWN.\n<129>Dec  6 18:16:03 haproxy[28148]: Server be/b is DOWN. 0 active and 1 backup servers left. Running on backup. 0 sessions active, 0 requeued, 0 remaining in queue.\n<133>Dec  6 18:16:03 haproxy[28148]: Health check for server be/a failed, reason: Layer7 wrong status, code: 500, info: \"Internal Server Error\", check duration: 7ms, status: 0/1 DOWN.\n";
        assert_eq!(
            findings(text),
            vec![
                (1, CauseId::UpstreamDown, true),
                (2, CauseId::UpstreamDown, true),
                (3, CauseId::NoHealthyUpstream, true)
            ]
        );
        // src/server.c's maintenance line (shaped from its format string, not recorded): an
        // operator's, unless its cause is the DNS's.
        let maint = "<129>Dec  6 18:16:03 haproxy[1]: Server be/a is going DOWN for maintenance ('disable' on stats page). 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
        assert_eq!(cause(maint).unwrap().0, CauseId::Maintenance);
        let dns = "<129>Dec  6 18:16:03 haproxy[1]: Server be/a is going DOWN for maintenance (DNS NX status). 0 active and 0 backup servers left.";
        assert_eq!(cause(dns).unwrap().0, CauseId::DnsFailure);
        // src/proto_tcp.c's words for exhausted source ports (shaped from its format string,
        // not recorded): HAProxy's own limit.
        let ports =
            "<131>Dec  6 18:16:03 haproxy[1]: Connect() failed for backend be: no free ports.";
        assert_eq!(cause(ports).unwrap().0, CauseId::Overloaded);
        // Squid's native line behind a syslog header (`access_log syslog:local4.info squid`;
        // shaped from a recorded line, squid/forward-timeout): the elapsed time is still read.
        let syslog = "<166>Dec  6 18:07:59 host squid[812]: 1796580478.768   2004 127.0.0.1 TCP_MISS/503 3461 GET http://10.0.0.2:3000/x - HIER_NONE/- text/html";
        assert_eq!(cause(syslog).unwrap().0, CauseId::UpstreamTimeout);
        // Squid's %err_detail WITH_CLIENT: the client's connection, not the server's.
        let client = "1796580511.980      0 127.0.0.1 TCP_MISS/503 0 GET http://127.0.0.1/x - HIER_DIRECT/127.0.0.1 text/html ERR_WRITE_ERROR/WITH_CLIENT";
        assert_eq!(cause(client), None);
        // A backend named after a state is no probe result: the row's third word decides.
        let healthy = "         0 Backend_health - be_sick Still healthy 4---X-RH 1 1 1 0.000759 0.001015 \"HTTP/1.1 200 OK\"";
        assert_eq!(cause(healthy), None);
    }

    /// Lines shaped as the gateways' sources write them (the format strings named in the
    /// comments by each reading), for readings no recorded gateway here writes.
    #[test]
    fn source_shaped_lines() {
        use CauseId::*;
        // Traefik 3, `--log.format=json`: proxy.go's `Err(err).Msgf("%d %s", …)`.
        let json = r#"{"level":"debug","error":"dial tcp 10.0.0.2:3000: connect: connection refused","time":"2026-12-06T09:05:07Z","caller":"github.com/traefik/traefik/v3/pkg/proxy/httputil/proxy.go:121","message":"502 Bad Gateway"}"#;
        assert_eq!(cause(json).unwrap().0, UpstreamDown);
        let timeout = r#"{"level":"debug","error":"net/http: timeout awaiting response headers","time":"2026-12-06T09:05:07Z","message":"504 Gateway Timeout"}"#;
        assert_eq!(cause(timeout).unwrap().0, UpstreamTimeout);
        // The client left (ComputeStatusCode: 499): not the upstream.
        let left = r#"{"level":"debug","error":"context canceled","time":"2026-12-06T09:05:07Z","message":"499 Client Closed Request"}"#;
        assert_eq!(cause(left), None);
        // Another program's JSON with a "message" that is no status is not Traefik's.
        let other =
            r#"{"level":"error","error":"connection refused","message":"cache refresh failed"}"#;
        assert_eq!(cause(other), None);
        // Traefik 1.0-1.3 (vulcand/oxy fwd.go): "Error forwarding to %v, err: %v".
        let oxy = r#"time="2026-12-06T09:05:07Z" level=error msg="Error forwarding to http://10.0.0.2:3000, err: dial tcp 10.0.0.2:3000: getsockopt: connection refused""#;
        assert_eq!(cause(oxy).unwrap().0, UpstreamDown);
        // mod_proxy_ajp's AH00893 "dialog to %pI (%s:%hu) failed" with its APR status.
        let ajp = "[Sun Dec 06 09:05:07.123456 2026] [proxy_ajp:error] [pid 9] (70007)The timeout specified has expired: [client 1.2.3.4:5] AH00893: dialog to 127.0.0.1:8009 (localhost:8009) failed";
        assert_eq!(cause(ajp).unwrap().0, UpstreamTimeout);
        let ajp_reset = "[Sun Dec 06 09:05:07.123456 2026] [proxy_ajp:error] [pid 9] (104)Connection reset by peer: [client 1.2.3.4:5] AH00893: dialog to 127.0.0.1:8009 (localhost:8009) failed";
        assert_eq!(cause(ajp_reset).unwrap().0, UpstreamReset);
        // AH00877: the client's body never came (mod_proxy_ajp.c's own comment).
        let client = "[Sun Dec 06 09:05:07.123456 2026] [proxy_ajp:error] [pid 9] [client 1.2.3.4:5] AH00877: read zero bytes, expecting 303 bytes";
        assert_eq!(cause(client), None);
        // lighttpd with `server.errorlog-use-syslog`: log.c's `(file.c.NNN) ` prefix after
        // syslog's own header (BSD and RFC 5424), a build path in __FILE__ or not.
        let bsd = "Dec  6 09:07:29 host lighttpd[812]: (gw_backend.c.274) establishing connection failed: socket: tcp:127.0.0.1:3000: Connection refused";
        assert_eq!(cause(bsd).unwrap().0, UpstreamDown);
        let rfc = "2026-12-06T09:07:29+01:00 host lighttpd 812 - - (/build/lighttpd-1.4.79/src/gw_backend.c.1234) read timeout on socket: tcp:127.0.0.1:3000";
        assert_eq!(cause(rfc).unwrap().0, UpstreamTimeout);
        // Caddy 1's errors log (errors.go's "%s [ERROR %d %s] %v"): the proxy's 502 read by
        // the Go error, a file server's 404 and the client's 499 not.
        let v1 = "06/Dec/2026:09:05:07 +0000 [ERROR 502 /] dial tcp 127.0.0.1:8000: connect: connection refused";
        assert_eq!(cause(v1).unwrap().0, UpstreamDown);
        let v1_none = "06/Dec/2026:09:05:07 +0000 [ERROR 502 /api] no hosts available upstream";
        assert_eq!(cause(v1_none).unwrap().0, NoHealthyUpstream);
        let v1_404 =
            "06/Dec/2026:09:05:07 +0000 [ERROR 404 /x] open /srv/x: no such file or directory";
        assert_eq!(cause(v1_404), None);
        let v1_left = "06/Dec/2026:09:05:07 +0000 [ERROR 499 /poll] context canceled";
        assert_eq!(cause(v1_left), None);
        // nginx lines pasted without `pid#tid: ` or without their whole header: the body
        // (ngx_log.c's `*%uA `, ngx_http_log_error's `, client: `) is nginx's own.
        let bare = "*12 connect() failed (111: Connection refused) while connecting to upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.2:3000/\", host: \"x\"";
        assert_eq!(cause(bare).unwrap().0, UpstreamDown);
        let no_pid = "2026/12/06 09:05:07 [error] *12 app.invalid could not be resolved (3: Host not found), client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", host: \"x\"";
        assert_eq!(cause(no_pid).unwrap().0, DnsFailure);
        // A `*` and a `, client: ` elsewhere (an Apache line's request) are not nginx's body.
        let apache = "[Sun Dec 06 09:05:07 2026] [error] [client 1.2.3.4] File does not exist: /srv/*1 x, client: y";
        assert_eq!(cause(apache), None);
        // systemd's words about the unit are not lighttpd's log.
        let unit = "Dec  6 09:07:29 host systemd[1]: Started lighttpd.service (Lighttpd Daemon). Connection refused";
        assert_eq!(cause(unit), None);
    }

    /// Lines shaped by the gateways' own format strings (round 5's rules, not recorded):
    /// the client's side and the app's own words are no upstream failure.
    #[test]
    fn client_side_and_app_words() {
        use CauseId::*;
        // nginx: a client's TLS handshake and a client's keep-alive reset (logged at info);
        // the same errno towards the upstream is the upstream's.
        let hello = "2026/12/06 09:05:07 [info] 1#1: *9 SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: 1.2.3.4, server: 0.0.0.0:443";
        assert_eq!(cause(hello), None);
        let idle = "2026/12/06 09:05:07 [info] 1#1: *9 recv() failed (104: Connection reset by peer) while waiting for request, client: 1.2.3.4, server: 0.0.0.0:80";
        assert_eq!(cause(idle), None);
        let upstream = "2026/12/06 09:05:07 [error] 1#1: *9 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking to upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"https://10.0.0.2:443/\", host: \"x\"";
        assert_eq!(cause(upstream).unwrap().0, TlsFailure);
        // The FastCGI app's stderr: its words are not nginx's.
        let php = "2026/12/06 09:05:07 [error] 1#1: *9 FastCGI sent in stderr: \"PHP message: PHP Warning:  mysqli::__construct(): (HY000/2002): Connection refused (111: Connection refused)\" while reading response header from upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"x\"";
        assert_eq!(cause(php), None);
        let memory = "2026/12/06 09:05:07 [error] 1#1: *9 FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)\" while reading response header from upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:9000\", host: \"x\"";
        assert_eq!(cause(memory), Some((UpstreamOutOfMemory, 0.6)));
        let grpc = "2026/12/06 09:05:07 [error] 1#1: *9 upstream rejected request with error 7 while reading response header from upstream, client: 1.2.3.4, server: , request: \"POST /a.B/C HTTP/2.0\", upstream: \"grpc://10.0.0.2:50051\", host: \"x\"";
        assert_eq!(cause(grpc).unwrap().0, UpstreamReset);
        let ignored = "2026/12/06 09:05:07 [warn] 1#1: *9 upstream sent duplicate header line: \"Expires: 0\", previous value: \"Expires: -1\", ignored while reading response header from upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.2:80/\", host: \"x\"";
        assert_eq!(cause(ignored), None);
        let twice = "2026/12/06 09:05:07 [error] 1#1: *9 upstream sent duplicate header line: \"Content-Length: 5\", previous value: \"Content-Length: 3\" while reading response header from upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.2:80/\", host: \"x\"";
        assert_eq!(cause(twice).unwrap().0, UpstreamInvalidResponse);
        let chunk = "2026/12/06 09:05:07 [error] 1#1: *9 upstream sent invalid chunked response while reading upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.2:80/\", host: \"x\"";
        assert_eq!(cause(chunk).unwrap().0, UpstreamInvalidResponse);
        // nginx at `debug` echoes a client's header: not read.
        let echoed =
            "2026/12/06 09:05:07 [debug] 1#1: *9 http header: \"X-Probe: no live upstreams\"";
        assert_eq!(cause(echoed), None);
        // Apache: a client's certificate refused (SSLVerifyClient) is the client's; the
        // backend's is "[remote …]" (server/log.c).
        let client_cert = "[Sun Dec 06 18:06:12.083187 2026] [ssl:error] [pid 1:tid 2] [client 1.2.3.4:5555] AH02039: Certificate Verification: Error (20): unable to get local issuer certificate";
        assert_eq!(cause(client_cert), None);
        let backend_cert = "[Sun Dec 06 18:06:12.083187 2026] [ssl:error] [pid 1:tid 2] [remote 10.0.0.2:443] AH02039: Certificate Verification: Error (20): unable to get local issuer certificate";
        assert_eq!(cause(backend_cert).unwrap().0, TlsFailure);
        // mod_proxy_hcheck's own connection: a health check, not a request.
        let check = "[Sun Dec 06 18:06:20.003817 2026] [proxy:error] [pid 1:tid 3] (111)Connection refused: AH00957: HCOH: attempt to connect to 10.0.0.2:80 (app) failed";
        match read_line(check.as_bytes()) {
            Line::Found(f) => assert!(f.health && f.cause() == UpstreamDown),
            other => panic!("{other:?}"),
        }
        // lighttpd: debug.log-request-handling writes the client's path back; the FastCGI
        // app's stderr is the app's.
        let path =
            "2026-12-06 18:06:45: (response.c.422) Request-URI     : /read timeout on socket";
        assert_eq!(cause(path), None);
        let stderr = "2026-12-06 18:06:37: (mod_fastcgi.c.449) FastCGI-stderr:PHP Warning:  fread(): Connection reset by peer in /var/www/html/a.php on line 3";
        assert_eq!(cause(stderr), None);
        // lighttpd: a crafted path does not steer the cause of a real failure's line.
        let crafted = "2026-12-06 18:06:40: (gw_backend.c.2389) response not received, request sent: 541 on socket: tcp:127.0.0.1:42641 for /read timeout on socket?, closing connection";
        assert_eq!(cause(crafted).unwrap().0, UpstreamReset);
        // lighttpd through syslog (server.errorlog-use-syslog): no date of its own.
        let syslog = "Dec  6 18:06:36 web lighttpd[812]: (gw_backend.c.274) establishing connection failed: socket: tcp:127.0.0.1:3000: Connection refused";
        assert_eq!(cause(syslog).unwrap().0, UpstreamDown);
        // Caddy: a handler error with a 4xx status is the client's request (a body the
        // client stopped sending); the same words with 502 are the upstream's.
        let body = r#"{"level":"debug","ts":1796580393.1,"logger":"http.log.error","msg":"unexpected EOF","request":{"remote_ip":"1.2.3.4","uri":"/upload"},"duration":0.2,"status":400,"err_id":"x","err_trace":"caddyhttp.(*Server).ServeHTTP"}"#;
        assert_eq!(cause(body), None);
        // Go's http.Server about a client's TLS handshake (logger http.stdlib).
        let hello = r#"{"level":"error","ts":1796580393.1,"logger":"http.stdlib","msg":"http: TLS handshake error from 1.2.3.4:5555: remote error: tls: bad certificate"}"#;
        assert_eq!(cause(hello), None);
        let eof = r#"{"level":"error","ts":1796580393.1,"logger":"http.stdlib","msg":"http: TLS handshake error from 1.2.3.4:5555: EOF"}"#;
        assert_eq!(cause(eof), None);
        // A dial that failed at its lookup is the DNS server's, whatever the errno after it.
        let dns = r#"{"level":"error","ts":1796580393.1,"logger":"http.log.error","msg":"dial tcp: lookup app on 127.0.0.11:53: read udp 127.0.0.1:40000->127.0.0.11:53: i/o timeout","request":{"uri":"/"},"status":502}"#;
        assert_eq!(cause(dns).unwrap().0, DnsFailure);
        let upstream = body.replace("\"status\":400", "\"status\":502");
        assert_eq!(cause(&upstream).unwrap().0, UpstreamReset);
    }
}
