//! The gateway's own log says what the response cannot: one log line, or many, in → for each
//! recognised line the gateway, the contract cause with a confidence, the upstream address and
//! the request where the line names them, and the time. Unrecognised lines are counted, never
//! guessed. Pure: bytes in, findings out (the CLI and the site's page do the reading).
//!
//! Speed: every line first meets a cheap prefilter (a byte scan for one anchor per format:
//! nginx's `#`, Apache's `AH0`, HAProxy's ` [`…); only a line that passes reaches its
//! gateway's rule table (rules.rs, codes.rs).

pub mod gzip;
pub mod join;
pub mod narrow;
pub mod rules;
pub mod summary;
pub mod time;

mod bytes;
mod codes;
mod container;
mod port;
mod prefix;

// One reader per gateway's log, each in the file named after it; `classify` picks the one a
// line's anchor points to, and they share this module's small readers (`finding`,
// `from_rule`, `json_string`…).
mod apache;
mod caddy;
mod envoy;
mod haproxy;
mod heroku;
mod lighttpd;
mod nginx;
mod squid;
mod traefik;
mod varnish;
use {
    apache::*, caddy::*, envoy::*, haproxy::*, heroku::*, lighttpd::*, nginx::*, squid::*,
    traefik::*, varnish::*,
};

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
    /// The request's own record (an access-log line: Squid's access.log, varnishncsa's): whole
    /// by itself, it never takes a neighbour's reading, as another request may share its
    /// second.
    pub record: bool,
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
        record: false,
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
    read_from(line, None)
}

/// `read_any` with where the gateway's own line starts, when the caller knows it already
/// (`prefix::gateway_start`, without the line's `\r`).
fn read_from<'a>(line: &'a [u8], start: Option<&'a [u8]>) -> Line<'a> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.len() < 12 {
        return Line::Other;
    }
    let found = classify(line, start).or_else(|| {
        unquoted(line)
            .filter(|inner| inner.len() >= 12)
            .and_then(|inner| classify(inner, None))
    });
    if let Some(mut found) = found {
        if found.causes == rules::REFUSED && container::refused_own_loopback(line, found.upstream) {
            found.causes = rules::REFUSED_OWN_LOOPBACK;
        }
        if found.causes == rules::REFUSED && refused_v6_address(line, &found) {
            found.causes = rules::REFUSED_V6;
        }
        if let Some(causes) = port::other_service(line, &found) {
            found.causes = causes;
        }
        return Line::Found(found);
    }
    if line.starts_with(b"-   ") {
        return Line::Other;
    }
    match access_status(line)
        .or_else(|| caddy_access_status(line))
        .or_else(|| json_access(line).map(|a| a.status))
    {
        Some(status) if status >= 500 => Line::StatusOnly(status),
        _ => Line::Other,
    }
}

fn classify<'a>(line: &'a [u8], start: Option<&'a [u8]>) -> Option<Finding<'a>> {
    if let Some(found) = classify_as_is(line) {
        return Some(found);
    }
    // Behind a carrier's header (syslog, journald, a container runtime, Compose; prefix.rs):
    // each reader finds its anchor anywhere in the line but the ones that read from where the
    // gateway's own line starts (Squid's cache.log date, a varnishlog row): for those, the
    // line is read again from there.
    let rest = start.unwrap_or_else(|| prefix::gateway_start(line));
    if rest.len() < line.len() && prefix::start_anchored(rest) {
        return classify_as_is(rest);
    }
    None
}

fn classify_as_is(line: &[u8]) -> Option<Finding<'_>> {
    // The prefilter: one pass notes which bytes the line holds; each format is tried only
    // when its anchor bytes are there (nginx's `#`, JSON's `{`, Apache's `AH`…).
    // varnishlog's transaction dump (`-   ReqHeader …`): only two of its tags matter, and
    // they come first on their line.
    if line.starts_with(b"-   ") || line.starts_with(b"*   ") || line.starts_with(b"**  ") {
        let tag = trim_start(&line[2..]);
        if let Some(rest) = tag.strip_prefix(b"FetchError") {
            return varnish(rest);
        }
        // The `Error` tag is Varnish's own trouble of every kind; only its fetch's "Body cannot
        // be fetched" is about the backend's answer (rules::VARNISH).
        if let Some(rest) = tag.strip_prefix(b"Error ") {
            return contains(rest, b"Body cannot be fetched")
                .then(|| varnish(rest))
                .flatten();
        }
        if tag.starts_with(b"Backend_health") && contains(line, b"sick") {
            return varnish_health(line);
        }
        return None;
    }
    // Caddy's (and Envoy's) JSON lines: tried first, they are long; or a fragment of one,
    // pasted from its first quoted field on (caddy_logger).
    if line.first() == Some(&b'{') || line.first() == Some(&b'"') {
        if let Some(read) = json_read(line) {
            // Caddy's own line (read or not: its access log names no cause) or another
            // gateway's JSON that was read: no other reader's anchors are in it.
            return read;
        }
    }
    let has = bytes::Present::of(line);
    if has.has(b'#') || (has.has(b'*') && has.has(b',')) {
        if let Some(message) = nginx_message(line) {
            return nginx(line, message);
        }
    }
    if has.has(b'[') && has.has(b'x') {
        if let Some(message) = nginx_stderr(line) {
            return nginx(line, message);
        }
    }
    // nginx's message pasted alone: only its last words (before its `, client: ` when the
    // request's fields are there) are looked at.
    if has.has(b'w') && has.has(b'm') {
        if let Some(message) = nginx_body(line) {
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
    // proxy: HTTP: attempt to connect to …`; mod_ssl's "SSL Proxy requested for … but not
    // enabled", AH01961's words).
    if line.first() == Some(&b'[')
        && (has.has(b'p') || has.has(b'P'))
        && has.has(b':')
        && (contains(line, b"proxy: ")
            || contains(line, b"ap_proxy_")
            || contains(line, b"SSL Proxy requested for"))
    {
        if let Some(found) = apache(line) {
            return Some(found);
        }
    }
    // Apache's CGI header scanner and the third-party mod_fastcgi write no AH code, and are
    // pasted without Apache's `[date] [module:level]` as often as with it (rules::APACHE).
    // (Anchored on letters most lines lack: "FastCGI" and "Bad header", which always follows
    // the scanner's words.)
    if (has.has(b'F')
        && has.has(b'C')
        && has.has(b'G')
        && has.has(b'I')
        && contains(line, b"FastCGI: "))
        || (has.has(b'B') && has.has(b'f') && contains(line, b"malformed header from script"))
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
    // An unkeyed `%{VSL:FetchError}x` field of a `varnishncsa -F` line (varnish.rs).
    if has.has(b'"') && has.has(b':') {
        if let Some(found) = varnish_ncsa_fetch_error(line) {
            return Some(found);
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
    if has.has(b'B') && has.has(b'\'') && has.has(b'I') {
        if let Some(found) = varnish_vcc(line) {
            return Some(found);
        }
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
    } else if has.has(b'h') && has.has(b'.') {
        if let Some(found) = caddy_console_spaced(line) {
            return Some(found);
        }
    }
    if has.has(b'=') && has.has(b'g') {
        if let Some(found) = caddy_logfmt(line) {
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
    if has.has(b'[')
        || has.has(b'S')
        || has.has(b'!')
        || has.has(b'{')
        || has.has(b'=')
        || (has.has(b'L') && has.has(b'y'))
    {
        if let Some(found) = haproxy(line) {
            return Some(found);
        }
    }
    if has.has(b'"') && (has.has(b'[') || line.first() == Some(&b'"')) {
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
        if let Some(found) = squid_access(line) {
            return Some(found);
        }
    }
    // lighttpd through syslog or journald: its tag names it.
    if has.has(b'(') && contains(line, b"lighttpd") {
        return lighttpd(line);
    }
    if has.has(b'H') && has.has(b'T') && has.has(b'P') {
        if let Some(found) = caddy_handler_error(line) {
            return Some(found);
        }
    }
    None
}

/// A line pasted inside quotes or backticks (`"upstream sent too big header while reading
/// response header from upstream"` in a thread, a YAML or JSON string): the text between them.
/// Only a line that starts and ends with the same quote, and only when the line as it is was
/// not read (a CSV field or a JSON string is read as such first).
fn unquoted(line: &[u8]) -> Option<&[u8]> {
    let line = line.trim_ascii();
    let (first, last) = (*line.first()?, *line.last()?);
    (line.len() > 2 && first == last && matches!(first, b'"' | b'\'' | b'`'))
        .then(|| &line[1..line.len() - 1])
}

fn trim_start(text: &[u8]) -> &[u8] {
    let n = text
        .iter()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    &text[n..]
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

/// The quoted request of an access-log line: `"GET /path HTTP/1.1"`.
fn request_of(line: &[u8]) -> Option<&[u8]> {
    let start = find(line, b"\"")? + 1;
    non_empty(until(&line[start..], b'"'))
}

/// The status of a CLF-like access line (`"GET / HTTP/1.1" 502 …`).
/// Caddy's JSON access log (the `log` directive: logger `http.log.access…`, "handled
/// request"): the status it answered. Like a common-log line, it names no reason.
fn caddy_access_status(line: &[u8]) -> Option<u16> {
    if !line.starts_with(b"{")
        || !contains(line, b"\"logger\":\"http.log.access")
        || !contains(line, b"\"handled request\"")
    {
        return None;
    }
    let status = number(until(after(line, b"\"status\":")?, b','))?;
    (100..600).contains(&status).then_some(status as u16)
}

/// A JSON access line in an operator's own format (nginx's `log_format … escape=json`, the
/// usual keys of its docs and of log shippers): the status (`"status"`, a number or a string),
/// the request (`"request"` as nginx's `$request`, else `"request_uri"`, `"uri"`, `"path"`), the
/// client (`"remote_addr"`, `"client"`, `"remote_ip"`) and the time (`"time_iso8601"`,
/// `"time"`, `"@timestamp"`, `"timestamp"` in ISO 8601, or `"time_local"` as the common log
/// format writes it): as written (`local`) and in UTC. Like a common-log line, it names no
/// reason (recorded: nginx/b51-*, `{"time":"2026-12-07T19:24:43+00:00",…,"request":"GET
/// /b51-ng-refused-cold HTTP/1.1","status":502,…}`). What else such a line could be: an app's
/// own JSON request log with the same keys, whose 5xx is then counted as naming no cause.
pub(crate) struct JsonAccess<'a> {
    pub status: u16,
    pub request: &'a [u8],
    pub client: &'a [u8],
    pub local: i64,
    pub utc: i64,
}

/// The string value of the first of `keys` (each `"key":"`) the line has.
fn json_first<'a>(line: &'a [u8], keys: &[&[u8]]) -> Option<&'a [u8]> {
    keys.iter().find_map(|k| json_string(line, k))
}

pub(crate) fn json_access(line: &[u8]) -> Option<JsonAccess<'_>> {
    if !line.starts_with(b"{") || caddy_access_status(line).is_some() {
        return None;
    }
    let raw = after(line, b"\"status\":")?;
    let raw = trim_start(raw);
    let raw = raw.strip_prefix(b"\"").unwrap_or(raw);
    let status = raw
        .get(..3)
        .filter(|d| d.iter().all(u8::is_ascii_digit) && !raw.get(3).is_some_and(u8::is_ascii_digit))
        .and_then(number)
        .filter(|s| (100..600).contains(s))? as u16;
    let request = json_first(
        line,
        &[
            b"\"request\":\"",
            b"\"request_uri\":\"",
            b"\"uri\":\"",
            b"\"path\":\"",
        ],
    )
    .and_then(non_empty)?;
    let client = json_first(
        line,
        &[b"\"remote_addr\":\"", b"\"client\":\"", b"\"remote_ip\":\""],
    )
    .unwrap_or(b"");
    let (local, utc) = if let Some(t) = json_first(
        line,
        &[
            b"\"time_iso8601\":\"",
            b"\"time\":\"",
            b"\"@timestamp\":\"",
            b"\"timestamp\":\"",
        ],
    ) {
        (time::ymd(t.get(..19)?)?, time::ymd(t)?)
    } else {
        let t = json_string(line, b"\"time_local\":\"")?;
        (time::clf(&t[..t.len().min(20)])?, time::clf(t)?)
    };
    Some(JsonAccess {
        status,
        request,
        client,
        local,
        utc,
    })
}

/// Caddy's JSON access line's fields for join.rs: its URI, client address and time.
pub(crate) fn caddy_access(line: &[u8]) -> Option<(&[u8], &[u8], i64)> {
    caddy_access_status(line)?;
    let uri = json_string(line, b"\"uri\":\"")?;
    let client = json_string(line, b"\"remote_ip\":\"").unwrap_or(b"");
    let at = time::epoch(until(after(line, b"\"ts\":")?, b'.'))?;
    Some((uri, client, at))
}

/// An access line's quoted request (`GET /x HTTP/1.1`), for a line that `access_status` read;
/// Caddy's JSON access line's `uri`.
fn access_request(line: &[u8]) -> Option<&[u8]> {
    if let Some((uri, _, _)) = caddy_access(line) {
        return Some(uri);
    }
    if let Some(a) = json_access(line) {
        return Some(a.request);
    }
    let at = find(line, b" HTTP/")?;
    let start = line[..at].iter().rposition(|b| *b == b'"')? + 1;
    let end = start + find(&line[start..], b"\"")?;
    Some(&line[start..end])
}

fn access_status(line: &[u8]) -> Option<u16> {
    let at = find(line, b" HTTP/")?;
    let rest = after(&line[at..], b"\" ")?;
    let status = number(rest)?;
    (rest.get(3) == Some(&b' ') && (100..600).contains(&status)).then_some(status as u16)
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
    /// varnishlog's grouped dump: bit `d` set while the transaction at depth `d` (its leading
    /// dashes or stars) is a client's (`Begin req`, `ReqMethod`, `<< Request >>`).
    vsl_client: u16,
    /// One request's lines held to be read together, (line number, line), at most `GROUP_MAX`:
    /// Apache's while its balancer may try member after member (`Grouped::Pool`), nginx's
    /// after a refusal at an IPv6 address, to see whether another address of the request
    /// failed too (`Grouped::EveryAddress`), or lighttpd's connect failures of one second, to
    /// see whether it tried another host of the pool (`group_kind`).
    group: Vec<(u64, Vec<u8>)>,
    group_key: u64,
    group_kind: GroupKind,
    /// HAProxy's last local connect failure ("Connect() failed for backend B: no free
    /// ports."): B's hash, its line number, and what it means.
    haproxy_local: Option<(u64, u64, Dist)>,
    /// HAProxy backends whose last server an operator or the name's resolution took out
    /// (`haproxy_out`): each backend's hash and what its state line meant, `HAPROXY_OUT_MAX` at most.
    haproxy_out: [Option<(u64, Dist)>; HAPROXY_OUT_MAX],
    haproxy_out_next: usize,
    /// How many of `haproxy_out` are held (most logs: none, and then no line is looked at for it).
    haproxy_out_len: usize,
    /// lighttpd's last spawned process that died (`lighttpd_died`): its second and its socket's hash.
    lighttpd_died: Option<(i64, u64)>,
    /// The second of Caddy's last failed lookup of `dynamic` upstreams (`caddy_lookup`).
    caddy_lookup: Option<i64>,
    /// Squid's failed peer connection held with its transaction's lines (squid.rs `PeerTwice`).
    squid_twice: PeerTwice,
    /// An nginx error line cut short in a paste (`wraps`), held to take the indented pieces
    /// that follow it: its number, the line so far, and how many pieces it took.
    wrap: Option<(u64, Vec<u8>, u8)>,
    /// The last Apache finding's request (`apache_request`: its `[pid:tid]` and own second,
    /// whatever carrier's time is before it), for `apache_same_request`.
    last_apache: Option<u64>,
}

/// The most indented pieces one wrapped line takes (recorded in a thread: three).
const WRAP_PIECES: u8 = 8;

/// An nginx error line whose request fields (`, client: `) are missing: the end of the line, or
/// a paste that wrapped it over several lines and indented the rest (held out:
/// TechEmpower/FrameworkBenchmarks#3249, "connect() failed (111: Connection refused)" then
/// "  while connecting to upstream, client: …," then "  request: …, upstream:
/// \"http://[::1]:9001/json\","). What else it could mean: a line that has no request at all
/// (the next line is then no piece of it, and it is read alone, one line later).
fn wraps(line: &[u8], found: &Finding<'_>) -> bool {
    found.gateway == GatewayId::Nginx
        && !found.health
        && line.len() <= PENDING_MAX
        && !contains(line, b"client: ")
        && !contains(line, b"upstream: ")
}

/// A piece of a wrapped line: indented, and not a line of its own (a date, a `[level]`, a JSON
/// object, a prefix's bracket start a log line; a paste's indented log lines stay lines).
fn wrap_piece(line: &[u8]) -> bool {
    let rest = trim_start(line);
    line.first().is_some_and(|b| *b == b' ' || *b == b'\t')
        && rest
            .first()
            .is_some_and(|b| !b.is_ascii_digit() && !matches!(b, b'[' | b'{' | b'<' | b'*'))
}

/// How many HAProxy backends' "taken out" states the reader keeps (a new one replaces the oldest).
const HAPROXY_OUT_MAX: usize = 16;

/// How many lines after HAProxy's local connect-failure alert the request line it failed may
/// come (the alert has no date of its own to match the request's accept date by; each retry
/// writes one alert, then the request line follows: recorded, 8 alerts then the line).
const HAPROXY_LOCAL_LINES: u64 = 256;

/// FNV-1a of a backend's name.
fn name_hash(name: &[u8]) -> u64 {
    name.iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, b| {
        (hash ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The most lines one Apache request's group holds (two members: 6 lines, recorded).
const GROUP_MAX: usize = 32;

/// The most varnishlog rows "HTC eof" waits for its BereqAcct (recorded: 14).
const ACCT_WAIT: u32 = 64;

/// What the reader hands out: the line number (1-based), the line, and its finding.
pub type Emit<'f> = dyn FnMut(u64, &[u8], Finding<'_>) + 'f;

/// Told about each line that is not a finding: its number, the line and how it reads
/// (`Line::StatusOnly` or `Line::Other`).
pub type Other<'f> = dyn FnMut(u64, &[u8], &Line<'_>) + 'f;

/// The most a held-back line may be (longer weak lines are not held).
const PENDING_MAX: usize = 64 * 1024;

fn key(gateway: GatewayId, line: &[u8], at: Option<i64>) -> u64 {
    let part: &[u8] = match gateway {
        // `[pid 9971:tid 1405…]`, or an ErrorLogFormat's JSON `"tid":"1405…"`.
        GatewayId::Apache => after(line, b"[pid ")
            .map(|r| until(r, b']'))
            .or_else(|| after(line, b"\"tid\":\"").map(|r| until(r, b'"')))
            .unwrap_or(&[]),
        // Caddy's JSON and console lines: the request's client port (one connection's
        // requests), or the upstream a health checker's line names (`"host":"…"`): another
        // request's or another upstream's line in the same second is another story.
        GatewayId::Caddy => json_value(line, b"\"remote_port\":")
            .or_else(|| json_value(line, b"\"host\":"))
            .unwrap_or(&[]),
        GatewayId::Nginx => after(line, b": *").map_or(&[][..], |r| until(r, b' ')),
        // HAProxy's check and state lines name their server ("Health check for server be/a
        // failed…", then "Server be/a is DOWN."): another server's line is another story.
        GatewayId::Haproxy => after(line, b"erver ").map_or(&[][..], |r| until(r, b' ')),
        // Squid's "WARNING: DNS lookup for 'app.internal' failed!" (neighbors.cc, a peer's name
        // at start-up or reconfigure) is about that name; its connect lines name an address
        // ("TCP connection to 127.0.0.1/3000 failed"), another peer's as often as not (Squid
        // tries every peer at start), so none takes the DNS line's reading.
        GatewayId::Squid => after(line, b"DNS lookup for '").map_or(&[][..], |r| until(r, b'\'')),
        _ => &[],
    };
    // FNV-1a over the key and the second.
    let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ (gateway as u64);
    for b in part.iter().copied().chain(at.unwrap_or(0).to_le_bytes()) {
        hash = (hash ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Whose lines `Reader::group` holds.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum GroupKind {
    #[default]
    Apache,
    Nginx,
    Lighttpd,
}

/// How the lines of a request held together read (`Reader::flush_group`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grouped {
    /// Each line as it reads.
    Alone,
    /// Apache's balancer tried two members or more (`rules::POOL_EXHAUSTED`), or lighttpd
    /// two hosts of its pool (`rules::LIGHTTPD_POOL_EXHAUSTED`).
    Pool,
    /// nginx tried another address of the request too: its IPv6 refusal is `rules::REFUSED`.
    EveryAddress,
}

/// An IPv6 refusal read as a refusal whatever the address: the request's other address
/// failed too.
fn every_address(read: Line<'_>) -> Line<'_> {
    match read {
        Line::Found(f) if f.causes == rules::REFUSED_V6 => Line::Found(Finding {
            causes: rules::REFUSED,
            ..f
        }),
        other => other,
    }
}

/// A JSON string's value after `key` (`"remote_port":"57264"`, or with a space after the
/// colon as Caddy's console encoder writes it).
fn json_value<'a>(line: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let rest = after(line, key)?;
    let rest = rest
        .strip_prefix(b" ")
        .unwrap_or(rest)
        .strip_prefix(b"\"")?;
    Some(until(rest, b'"'))
}

fn weak(f: &Finding<'_>) -> bool {
    // Below 60: a line that can be honest at 0.6 (a refused connect: down or the wrong port)
    // stands alone; only consequence lines are held for their neighbours. An IPv6 refusal's
    // reading already took its request's other lines into account.
    rules::top(f.causes).1 < 60 && f.causes != rules::REFUSED_V6
}

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    /// "Server be/app is UP" (src/server.c; no cause, so not a finding): the backend has a
    /// server again (haproxy_out).
    fn haproxy_back(&mut self, row: &[u8]) {
        if self.haproxy_out_len == 0 || !contains(row, b" is UP") {
            return;
        }
        if let Some(server) = after(row, b"Server ") {
            let hash = name_hash(until(server, b'/'));
            self.haproxy_forget(hash);
        }
    }

    fn haproxy_forget(&mut self, hash: u64) {
        for slot in self.haproxy_out.iter_mut() {
            if matches!(slot, Some((h, _)) if *h == hash) {
                *slot = None;
                self.haproxy_out_len -= 1;
            }
        }
    }

    /// A HAProxy server's state line ("Server be/app is going DOWN for maintenance. 0 active
    /// and 0 backup servers left.", "… enters drain state. 0 active and 0 backup servers
    /// online.", src/server.c): when it leaves the backend no server and says an operator or
    /// the name's resolution took it out, the backend's `<NOSRV>` request lines that follow
    /// take its reading; any other state line of the backend (a server back, the last one
    /// failing its checks) forgets it. What else it could mean: a server brought back by a
    /// line this log does not hold (another process's, a reload's) leaves the reading in place
    /// until the backend's next state line.
    fn haproxy_out(&mut self, row: &[u8], found: &Finding<'_>) {
        // A server's line names `backend/server`; "backend 'be' has no server available!"
        // (the alert after the last one went) says nothing of why.
        let Some(backend) = found
            .upstream
            .filter(|u| u.contains(&b'/'))
            .map(|u| until(u, b'/'))
        else {
            return;
        };
        let hash = name_hash(backend);
        self.haproxy_forget(hash);
        let none_left = contains(row, b" 0 active and 0 backup servers");
        let top = rules::top(found.causes).0;
        if none_left && matches!(top, CauseId::Maintenance | CauseId::DnsFailure) {
            let slot = &mut self.haproxy_out[self.haproxy_out_next];
            if slot.is_none() {
                self.haproxy_out_len += 1;
            }
            *slot = Some((hash, found.causes));
            self.haproxy_out_next = (self.haproxy_out_next + 1) % HAPROXY_OUT_MAX;
        }
    }

    /// lighttpd writes a spawned process's death ("child exited: 1 unix:/run/app.sock-0",
    /// lighttpd.rs) when it reaps it, before the broken request's own lines ("read() …:
    /// Connection reset by peer", "response not received, request sent … on socket: …", which
    /// read as a reset alone): a reset in that second or the next, on that socket or naming
    /// none, is the crash's (recorded: lighttpd/b20-fcgi-spawn-dies). What else it could mean:
    /// another backend's reset in the same second, when the reset line names no socket.
    fn lighttpd_died(&mut self, found: &mut Finding<'_>) {
        if found.health && found.source == lighttpd::LT_CHILD {
            let socket = found.upstream.map_or(0, name_hash);
            self.lighttpd_died = found.at.map(|at| (at, socket));
            return;
        }
        let Some((died, died_socket)) = self.lighttpd_died else {
            return;
        };
        let near = found.at.is_some_and(|at| (died..=died + 1).contains(&at));
        let same = || match found.upstream {
            Some(socket) => died_socket == 0 || name_hash(socket) == died_socket,
            None => true,
        };
        if !found.health && near && found.cause() == CauseId::UpstreamReset && same() {
            found.causes = rules::CRASHED;
        }
    }

    /// Caddy's `dynamic` upstreams (reverseproxy.go ServeHTTP): when their lookup fails it
    /// writes "failed getting dynamic upstreams; falling back to static upstreams" with the
    /// resolver's error, then selects among the static ones; with none (the usual `dynamic`
    /// set-up) it answers 503 "no upstreams available" within the same request, the same
    /// millisecond. That line then follows from the failed lookup (recorded: caddy/b6-dynamic-dns,
    /// "no such host"; caddy/b60-cd-servfail, a SERVFAIL, "server misbehaving"; both labelled
    /// dns_failure). What else it could mean: static upstreams beside the dynamic ones, all
    /// down, or another handler's pool with none left in the same second: so 0.6.
    fn caddy_lookup(&mut self, row: &[u8], found: &mut Finding<'_>) {
        if contains(row, b"failed getting dynamic upstreams") {
            self.caddy_lookup = (found.cause() == CauseId::DnsFailure)
                .then_some(found.at)
                .flatten();
            return;
        }
        let near = match (self.caddy_lookup, found.at) {
            (Some(lookup), Some(at)) => (lookup..=lookup + 1).contains(&at),
            _ => false,
        };
        if near && !found.health && contains(row, b"no upstreams available") {
            found.causes = rules::NO_UPSTREAM_AFTER_LOOKUP;
        }
    }

    /// How many lines were pushed.
    pub fn lines(&self) -> u64 {
        self.line
    }

    /// Reads one line; calls `emit` for each finding now known (the held-back line first).
    /// `other` is told about each line that is not a finding (StatusOnly or Other).
    pub fn push(&mut self, line: &[u8], emit: &mut Emit<'_>, other: &mut Other<'_>) {
        self.line += 1;
        let number = self.line;
        if let Some((first, mut held, pieces)) = self.wrap.take() {
            if pieces < WRAP_PIECES && held.len() + line.len() < PENDING_MAX && wrap_piece(line) {
                held.push(b' ');
                held.extend_from_slice(trim_start(line.strip_suffix(b"\r").unwrap_or(line)));
                self.wrap = Some((first, held, pieces + 1));
                other(number, line, &Line::Other);
                return;
            }
            self.push_at(first, &held, false, emit, other);
        }
        self.push_at(number, line, true, emit, other);
    }

    /// `push` for one line (or a wrapped line's pieces joined) numbered `number`; `may_wrap`:
    /// it may be held for the pieces of a wrapped paste (`wraps`).
    fn push_at(
        &mut self,
        number: u64,
        line: &[u8],
        may_wrap: bool,
        emit: &mut Emit<'_>,
        other: &mut Other<'_>,
    ) {
        // A request whose connect failed is held with the rest of its lines (Apache's `[pid:tid]`
        // and second, to see whether its balancer tried another member; nginx's `*N` and
        // second, to see whether another address of an IPv6 refusal's name failed too;
        // lighttpd's second, to see whether it went on to another host of its pool).
        if !self.group.is_empty() {
            let request = match self.group_kind {
                GroupKind::Nginx => nginx_request(line),
                GroupKind::Apache => apache_request(line),
                GroupKind::Lighttpd => lighttpd::second(line).map(lighttpd_request),
            };
            if self.group.len() < GROUP_MAX
                && line.len() <= PENDING_MAX
                && request == Some(self.group_key)
            {
                self.group.push((number, line.to_vec()));
                return;
            }
            self.flush_group(emit, other);
        }
        // Squid's failed peer connection, held to see whether its transaction counts it twice.
        if self.squid_twice.holding() {
            match self.squid_twice.offer(number, line) {
                Offered::Taken => return,
                Offered::Twice => return self.release_squid(true, emit, other),
                Offered::Refused => self.release_squid(false, emit, other),
            }
        }
        let row = prefix::gateway_start(line.strip_suffix(b"\r").unwrap_or(line));
        let read = read_from(line, Some(row));
        if let Line::Found(f) = &read {
            if may_wrap && wraps(line, f) {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                self.wrap = Some((number, line.to_vec(), 0));
                return;
            }
            if f.gateway == GatewayId::Squid
                && !f.health
                && matches!(self.squid_twice.offer(number, line), Offered::Taken)
            {
                return;
            }
            if f.gateway == GatewayId::Apache
                && line.len() <= PENDING_MAX
                && contains(line, b"attempt to connect to ")
            {
                if let Some(k) = apache_request(line) {
                    self.group_key = k;
                    self.group_kind = GroupKind::Apache;
                    self.group.push((number, line.to_vec()));
                    return;
                }
            }
            // nginx's refusal at an IPv6 address: another address of the same request that
            // failed before it (the last strong line's) or after it (held) says every address
            // refused.
            if f.gateway == GatewayId::Nginx
                && f.causes == rules::REFUSED_V6
                && line.len() <= PENDING_MAX
            {
                let k = key(f.gateway, line, f.at);
                let before = matches!(self.last, Some((GatewayId::Nginx, last, causes))
                    if last == k && !causes.is_empty());
                if before {
                    let read = every_address(read);
                    self.process_read(number, line, row, read, Grouped::Alone, emit, other);
                    return;
                }
                if contains(line, b": *") {
                    self.group_key = k;
                    self.group_kind = GroupKind::Nginx;
                    self.group.push((number, line.to_vec()));
                    return;
                }
            }
            // lighttpd's failed connect: the request's next host, if it has a pool, fails in
            // the same second (`flush_group`).
            if f.gateway == GatewayId::Lighttpd
                && !f.health
                && line.len() <= PENDING_MAX
                && lighttpd::connect_failed(line).is_some()
            {
                if let Some(at) = f.at {
                    self.group_key = lighttpd_request(at);
                    self.group_kind = GroupKind::Lighttpd;
                    self.group.push((number, line.to_vec()));
                    return;
                }
            }
        }
        self.process_read(number, line, row, read, Grouped::Alone, emit, other);
    }

    /// An Apache line no rule reads, of the request the last line or the held one belongs to
    /// (its `[pid:tid]` and second): `LogLevel proxy:debug` writes AH01103, AH01105, AH00943…
    /// between a request's AH01102 and its AH00898 (recorded: apache/b51-ap-timeout), and they
    /// neither end that request's lines nor explain them. What else it could mean: another
    /// request served by the same thread in the same second (the key's known limit).
    fn apache_same_request(&self, line: &[u8]) -> bool {
        let held = match (&self.last, &self.pending) {
            (Some((GatewayId::Apache, _, _)), _) => self.last_apache,
            (_, Some((_, held))) => apache_request(held),
            _ => None,
        };
        held.is_some_and(|k| apache_request(line) == Some(k))
    }

    /// Hands out Squid's held lines of a failed peer connection: its failure lines as a failed
    /// TLS handshake when one transaction counted the peer twice (`rules::PEER_TLS_TWICE`),
    /// else every line as it reads.
    fn release_squid(&mut self, twice: bool, emit: &mut Emit<'_>, other: &mut Other<'_>) {
        for (number, line) in self.squid_twice.take() {
            if twice && PeerTwice::is_failure(&line) {
                if let Line::Found(mut found) = read_line(&line) {
                    found.causes = rules::PEER_TLS_TWICE;
                    self.flush(emit);
                    self.last = Some((
                        found.gateway,
                        key(found.gateway, &line, found.at),
                        found.causes,
                    ));
                    emit(number, &line, found);
                    continue;
                }
            }
            self.process(number, &line, Grouped::Alone, emit, other);
        }
    }

    /// Hands out a held request's lines: Apache's, when its connects failed to two members or
    /// more, as a balancer with none left (`rules::POOL_EXHAUSTED`); nginx's, when another
    /// address failed beside its IPv6 refusal, as a refusal (`rules::REFUSED`); lighttpd's as
    /// `flush_lighttpd` says; else each line as it reads.
    fn flush_group(&mut self, emit: &mut Emit<'_>, other: &mut Other<'_>) {
        let group = core::mem::take(&mut self.group);
        if self.group_kind == GroupKind::Lighttpd {
            return self.flush_lighttpd(group, emit, other);
        }
        if self.group_kind == GroupKind::Nginx {
            // Any other failure of the request (another address refused or timed out, "no
            // live upstreams") besides its IPv6 refusals.
            let another = group.iter().any(|(_, line)| {
                matches!(read_line(line), Line::Found(f)
                    if !f.health && f.causes != rules::REFUSED_V6)
            });
            let grouped = if another {
                Grouped::EveryAddress
            } else {
                Grouped::Alone
            };
            for (number, line) in &group {
                self.process(*number, line, grouped, emit, other);
            }
            return;
        }
        let mut workers: [Option<(&[u8], &[u8])>; 2] = [None, None];
        for (_, line) in &group {
            let Some(w) = apache_worker(line) else {
                continue;
            };
            match workers {
                [None, _] => workers[0] = Some(w),
                [Some(first), None] if first != w => workers[1] = Some(w),
                _ => {}
            }
        }
        let grouped = if workers[1].is_some() {
            Grouped::Pool
        } else {
            Grouped::Alone
        };
        for (number, line) in &group {
            self.process(*number, line, grouped, emit, other);
        }
    }

    /// lighttpd's lines of one second that began with a failed connect. A request that went
    /// from host to host of its `proxy.server` pool and found none writes its connects to two
    /// hosts or more, then "all handlers … are down" (gw_backend.c: a failed connect disables
    /// the host and the request reconnects to the next; that line when none is left), with no
    /// "all handlers" line between them: those lines read as a pool with none left
    /// (`rules::LIGHTTPD_POOL_EXHAUSTED`), every other line as it reads. A single host's
    /// request writes its one connect, then its own "all handlers" line, before the next
    /// request's (recorded: a round's logs read as one, two single-host cases in one second).
    /// What else it could mean: two requests to two single-host backends failing at the same
    /// moment on a busy server, their lines interleaved (lighttpd's connect lines name no
    /// request).
    fn flush_lighttpd(
        &mut self,
        group: Vec<(u64, Vec<u8>)>,
        emit: &mut Emit<'_>,
        other: &mut Other<'_>,
    ) {
        let mut pool = [false; GROUP_MAX];
        let mut run = 0;
        let mut hosts: [Option<&[u8]>; 2] = [None, None];
        for (i, (_, line)) in group.iter().enumerate() {
            if let Some(host) = lighttpd::connect_failed(line) {
                match hosts {
                    [None, _] => hosts[0] = Some(host),
                    [Some(first), None] if first != host => hosts[1] = Some(host),
                    _ => {}
                }
            } else if lighttpd::all_down(line) {
                if hosts[1].is_some() {
                    for (j, (_, held)) in group.iter().enumerate().take(i + 1).skip(run) {
                        pool[j] = j == i || lighttpd::connect_failed(held).is_some();
                    }
                }
                hosts = [None, None];
                run = i + 1;
            }
        }
        for (i, (number, line)) in group.iter().enumerate() {
            let grouped = if pool.get(i) == Some(&true) {
                Grouped::Pool
            } else {
                Grouped::Alone
            };
            self.process(*number, line, grouped, emit, other);
        }
    }

    fn process(
        &mut self,
        number: u64,
        line: &[u8],
        grouped: Grouped,
        emit: &mut Emit<'_>,
        other: &mut Other<'_>,
    ) {
        // varnishlog's rows, behind a carrier's header or not (prefix.rs).
        let row = prefix::gateway_start(line.strip_suffix(b"\r").unwrap_or(line));
        let read = read_from(line, Some(row));
        let read = match grouped {
            Grouped::EveryAddress => every_address(read),
            _ => read,
        };
        self.process_read(number, line, row, read, grouped, emit, other);
    }

    #[allow(clippy::too_many_arguments)]
    fn process_read(
        &mut self,
        number: u64,
        line: &[u8],
        row: &[u8],
        read: Line<'_>,
        grouped: Grouped,
        emit: &mut Emit<'_>,
        other: &mut Other<'_>,
    ) {
        let pool = grouped == Grouped::Pool;
        // Varnish's background fetch (grace: the client already got the stale object,
        // cache_fetch.c VBF_Fetch's "bgfetch"): its FetchError says the backend's state, not a
        // request that failed; read as a state line (`health`).
        let background = match row.first() {
            Some(b'-') => self.grouped_bgfetch(row),
            Some(b' ') => self.raw_bgfetch(row),
            _ => false,
        };
        let client_side = self.client_side_fetch_error(row);
        let read = match read {
            Line::Found(found) if pool && !found.health && !found.causes.is_empty() => {
                let causes = if found.gateway == GatewayId::Lighttpd {
                    rules::LIGHTTPD_POOL_EXHAUSTED
                } else {
                    rules::POOL_EXHAUSTED
                };
                Line::Found(Finding { causes, ..found })
            }
            Line::Found(found) if client_side => Line::Found(Finding {
                causes: rules::NOT_UPSTREAM,
                source: rules::V_REQBODY,
                ..found
            }),
            other => other,
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
        self.haproxy_back(row);
        let Line::Found(mut found) = read else {
            if self.awaits_acct(row, emit) || self.apache_same_request(line) {
                other(number, line, &read);
                return;
            }
            self.flush(emit);
            self.last = None;
            other(number, line, &read);
            return;
        };
        self.last_apache = (found.gateway == GatewayId::Apache)
            .then(|| apache_request(line))
            .flatten();
        if found.gateway == GatewayId::Haproxy && found.health {
            self.haproxy_out(row, &found);
        }
        if found.gateway == GatewayId::Lighttpd {
            self.lighttpd_died(&mut found);
        }
        if found.gateway == GatewayId::Caddy {
            self.caddy_lookup(row, &mut found);
        }
        if found.gateway == GatewayId::Haproxy && !found.health {
            if let Some(backend) = after(row, b"Connect() failed for backend ") {
                self.haproxy_local =
                    Some((name_hash(until_any(backend, b": ")), number, found.causes));
            } else if found.request.is_some()
                || found.source == codes::HAPROXY_SRC
                || found.source == codes::HAPROXY_ERR_SRC
            {
                // A request's own line (its termination state): whole by itself, so it never
                // takes a neighbour's causes (another request's line may share its second and its key).
                // Only the local connect failure HAProxy alerted for its backend just before
                // explains its `SC` (src/proto_tcp.c returns SF_ERR_RESOURCE for "no free
                // ports", and src/backend.c retries it as any connect error: the request's
                // line is a refusal's, timers and all; recorded: haproxy/b14-ports-exhausted).
                let backend = found.upstream.map(|u| until(u, b'/'));
                if let (true, Some((hash, seen, causes)), Some(backend)) =
                    (weak(&found), self.haproxy_local, backend)
                {
                    if hash == name_hash(backend) && number - seen <= HAPROXY_LOCAL_LINES {
                        found.causes = causes;
                    }
                }
                // `be/<NOSRV> … SC--`: no server to try. Its words are the same whether checks
                // failed every server or someone put the last one in maintenance or drain (the
                // runtime API, the stats page) or its name stopped resolving; HAProxy said which
                // when it happened, in the state line of the backend's last server.
                if let (true, Some(backend)) = (contains(row, b"/<NOSRV>"), backend) {
                    let hash = name_hash(backend);
                    if let Some((_, causes)) =
                        self.haproxy_out.iter().flatten().find(|(h, _)| *h == hash)
                    {
                        found.causes = causes;
                    }
                }
                self.flush(emit);
                self.last = None;
                emit(number, line, found);
                return;
            }
        }
        // A record, or a Squid state line (a peer's digest fetch, a DEAD peer, a name at
        // start-up: tied to no request, so it lends its reading to no neighbour).
        if found.record || (found.health && found.gateway == GatewayId::Squid) {
            self.flush(emit);
            self.last = None;
            emit(number, line, found);
            return;
        }
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
                    other(held_number, &held, &Line::Other);
                } else {
                    emit(held_number, &held, before);
                }
            }
        }
        if found.causes.is_empty() {
            // Not the upstream's failure; the same request's next weak line is not either.
            self.last = Some((found.gateway, k, found.causes));
            other(number, line, &Line::Other);
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
                    other(number, line, &Line::Other);
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
        if self.waited >= ACCT_WAIT
            || !line.starts_with(b"-")
            || !(contains(held, b"HTC eof") || contains(held, b"HTC status -1"))
        {
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

    /// Follows which side each grouped varnishlog transaction is on; true for a `FetchError`
    /// row inside a client's transaction. There it is about the client's request body
    /// (cache_req_body.c: a POST shorter than its Content-Length writes "straight
    /// insufficient bytes", as a backend's short body does; held out:
    /// varnishcache/varnish-cache#2628), never the backend's failure, which has its own
    /// `BeReq` transaction.
    fn client_side_fetch_error(&mut self, row: &[u8]) -> bool {
        let marks = row
            .iter()
            .take_while(|b| **b == b'-' || **b == b'*')
            .count();
        if marks == 0 || marks > 15 {
            return false;
        }
        let bit = 1u16 << marks;
        let tag = trim_start(&row[marks..]);
        // Most rows are other tags: the first byte sends them on at once.
        let client = match tag.first() {
            // A group's header: `*   << Request  >> 32770`, `**  << BeReq    >> 32771`.
            Some(b'<') if row[0] == b'*' => tag
                .strip_prefix(b"<< ")
                .map(|kind| kind.starts_with(b"Request")),
            Some(b'B') => {
                if let Some(what) = tag.strip_prefix(b"Begin") {
                    Some(trim_start(what).starts_with(b"req "))
                } else if tag.starts_with(b"Bereq") || tag.starts_with(b"Beresp") {
                    Some(false)
                } else {
                    None
                }
            }
            Some(b'E') if tag.starts_with(b"End") => Some(false),
            Some(b'R') if tag.starts_with(b"ReqMethod") || tag.starts_with(b"ReqURL") => Some(true),
            _ => None,
        };
        match client {
            Some(true) => self.vsl_client |= bit,
            Some(false) => self.vsl_client &= !bit,
            None => {}
        }
        row[0] == b'-' && tag.starts_with(b"FetchError") && self.vsl_client & bit != 0
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
        if let Some((first, held, _)) = self.wrap.take() {
            self.push_at(first, &held, false, emit, &mut |_, _, _| {});
        }
        if self.squid_twice.holding() {
            self.release_squid(false, emit, &mut |_, _, _| {});
        }
        // The held lines are error-log lines (Apache's, nginx's, lighttpd's): none is a 5xx
        // access line for `other`.
        self.flush_group(emit, &mut |_, _, _| {});
        self.waited = 0;
        if let Some((number, held)) = self.pending.take() {
            if let Line::Found(found) = read_line(&held) {
                emit(number, &held, found);
            }
        }
    }
}

/// An Apache 2.4 error-log line's request: its `[pid N:tid M]` and second (`key`), or None
/// for any other line.
pub(crate) fn apache_request(line: &[u8]) -> Option<u64> {
    let line = prefix::gateway_start(line);
    if !line.starts_with(b"[") || !contains(line, b"] [pid ") {
        return None;
    }
    Some(key(GatewayId::Apache, line, time::apache(&line[1..])))
}

/// The balancer member a connect failure names: "attempt to connect to 127.0.0.1:38737
/// (127.0.0.1:38737) failed", "… to [::1]:8080 (localhost:8080) …" (proxy_util.c
/// ap_proxy_connect_backend: the address tried, then the worker's hostname). One worker's
/// name may resolve to several addresses (`localhost` to ::1 and 127.0.0.1), each tried in
/// turn: the member is the name in parentheses and the address's port, not the address.
fn apache_worker(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let rest = after(line, b"attempt to connect to ")?;
    let address = until(rest, b' ');
    let port = &address[address
        .iter()
        .rposition(|b| *b == b':')
        .map_or(0, |p| p + 1)..];
    let name = until(after(rest, b"(")?, b')');
    Some((name, port))
}

/// A refusal at an IPv6 address that is the only one of its request the line speaks for
/// (`rules::REFUSED_V6`): nginx names the address it tried (`upstream: "http://[::1]:8000/"`;
/// it logs each address of a name it tries, so the Reader looks at the request's other
/// lines); lighttpd dials one address for a host (the first its resolver gives:
/// `socket: tcp:::1:8080`); Apache logs only the last address of a name at error level
/// (proxy_util.c ap_proxy_connect_backend: the others at debug), so its line speaks for the
/// IPv6 address alone only when the worker is an IPv6 literal (`(::1:8080)`;
/// `(localhost:8080)` means the name's other addresses failed first). Go (Caddy, Traefik)
/// reports the first address's error after trying them all: its lines stay `REFUSED`.
fn refused_v6_address(line: &[u8], found: &Finding<'_>) -> bool {
    match found.gateway {
        GatewayId::Nginx | GatewayId::Lighttpd => found.upstream.is_some_and(ipv6),
        GatewayId::Apache => apache_worker(line).is_some_and(|(name, _)| ipv6(name)),
        _ => false,
    }
}

/// `[::1]:8080` (nginx, APR), `::1:8080` (lighttpd's and APR's worker name): an IPv6 address
/// and port; a name, an IPv4 address or a unix socket's path (`unix:/run/app.sock`) is not.
fn ipv6(address: &[u8]) -> bool {
    address.starts_with(b"[")
        || address.iter().filter(|b| **b == b':').count() > 2
            && address
                .iter()
                .all(|b| b.is_ascii_hexdigit() || b":.".contains(b))
}

/// lighttpd's lines name no request: the second they were written in stands for it.
fn lighttpd_request(at: i64) -> u64 {
    key(GatewayId::Lighttpd, &[], Some(at))
}

/// nginx's request a line belongs to: its connection number (`*N`) and second, as `key`
/// makes it, or None for a line without them.
fn nginx_request(line: &[u8]) -> Option<u64> {
    match read_any(line) {
        Line::Found(f) if f.gateway == GatewayId::Nginx && contains(line, b": *") => {
            Some(key(GatewayId::Nginx, line, f.at))
        }
        _ => None,
    }
}

/// The cause and confidence one line reads as, alone (the gateway readers' tests).
#[cfg(test)]
fn cause(line: &str) -> Option<(CauseId, f32)> {
    match read_line(line.as_bytes()) {
        Line::Found(f) => Some((f.cause(), f.confidence())),
        _ => None,
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
        reader.push(line, &mut emit, &mut |_, _, _| {});
    }
    reader.flush(&mut emit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `LogLevel proxy:debug` puts the request's own debug lines between its AH01102 and its
    /// AH00898 (recorded: apache/b51-ap-timeout); AH00898 still takes the timeout. Another
    /// thread's line between them does end the request's lines.
    #[test]
    fn apache_debug_lines_inside_a_request() {
        let lines = |between: &str| {
            format!("[Mon Dec 07 19:25:18.719904 2026] [proxy_http:error] [pid 17762:tid 1402] (70007)The timeout specified has expired: [client 127.0.0.1:52776] AH01102: error reading status line from remote server 127.0.0.1:41871\n\
                {between}\n\
                [Mon Dec 07 19:25:18.721129 2026] [proxy:error] [pid 17762:tid 1402] [client 127.0.0.1:52776] AH00898: Error reading from remote server returned by /x")
        };
        let same = "[Mon Dec 07 19:25:18.720821 2026] [proxy_http:debug] [pid 17762:tid 1402] mod_proxy_http.c(1187): [client 127.0.0.1:52776] AH01105: NOT Closing connection to client although reading from backend server 127.0.0.1:41871 failed.";
        let read = read_all(lines(same).as_bytes());
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(
            read.iter().all(|r| r.2 == CauseId::UpstreamTimeout),
            "{read:?}"
        );
        let other = same.replace("tid 1402", "tid 9999");
        let read = read_all(lines(&other).as_bytes());
        assert_eq!(
            read.last().map(|r| r.2),
            Some(CauseId::UpstreamReset),
            "{read:?}"
        );
    }

    /// An nginx error line a paste wrapped and indented (held out:
    /// TechEmpower/FrameworkBenchmarks#3249) is read whole: its address and request too. A
    /// paste's own indented log lines stay lines; a cut line with nothing after it is read at
    /// the end; a wrapped line takes at most `WRAP_PIECES` pieces.
    #[test]
    fn a_wrapped_paste_is_read_as_one_line() {
        let wrapped = b"  [error] 31982#0: *72922 connect() failed (111: Connection refused)\n  while connecting to upstream, client: 204.93.249.210, server: _,\n  request: \"GET /json HTTP/1.1\", upstream: \"http://[::1]:9001/json\",\n  host: \"TFB-server\"\n";
        let mut found = Vec::new();
        let mut others = 0;
        let mut reader = Reader::new();
        for line in wrapped.split(|b| *b == b'\n') {
            reader.push(
                line,
                &mut |n, _, f| {
                    found.push((n, f.cause(), f.confidence(), f.upstream.map(<[u8]>::to_vec)))
                },
                &mut |_, _, _| others += 1,
            );
        }
        reader.flush(&mut |n, _, f| {
            found.push((n, f.cause(), f.confidence(), f.upstream.map(<[u8]>::to_vec)))
        });
        assert_eq!(found.len(), 1, "{found:?}");
        let (n, cause, confidence, upstream) = &found[0];
        assert_eq!((*n, *cause), (1, CauseId::WrongUpstreamAddress));
        assert!(*confidence <= 0.6);
        assert_eq!(upstream.as_deref(), Some(&b"[::1]:9001"[..]));
        assert!(others >= 3, "the pieces are no findings of their own");

        // A Markdown block's indented lines: each a line of its own.
        let line = "    2026/12/07 10:00:00 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:8080/\", host: \"x\"";
        assert_eq!(read_all(format!("{line}\n{line}\n").as_bytes()).len(), 2);

        // A cut line, then another line: both read, in order; a cut line last: read at the end.
        let cut = "2026/12/07 10:00:00 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream";
        let read = read_all(format!("{cut}\n{line}\n{cut}").as_bytes());
        assert_eq!(read.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(read.iter().all(|r| r.2 == CauseId::UpstreamDown));

        // Bounded: a cut line followed by 100 indented pieces takes WRAP_PIECES of them.
        let mut text = format!("{cut}\n");
        for _ in 0..100 {
            text.push_str("  and more words\n");
        }
        let read = read_all(text.as_bytes());
        assert_eq!(read.len(), 1);
        assert_eq!(
            read[0]
                .1
                .split(|b| *b == b' ')
                .filter(|w| *w == b"more")
                .count(),
            WRAP_PIECES as usize
        );
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
            reader.push(line.as_bytes(), &mut emit, &mut |_, _, _| {});
        }
        reader.flush(&mut emit);
        out
    }

    /// lighttpd's two-host pool with both hosts refusing (recorded: lighttpd/b57-lig-pool-down,
    /// lighttpd 1.4.69): the request's connects to two hosts in one second, then "all handlers
    /// … are down", read as a pool with no host left (down, no healthy host next); one host,
    /// two seconds apart, or the same host twice stay a refusal each (down, the wrong port next).
    #[test]
    fn a_lighttpd_pool_with_no_host_left() {
        use CauseId::{NoHealthyUpstream, UpstreamDown, WrongUpstreamAddress};
        let a = "2026-12-07 21:24:13: (gw_backend.c.274) establishing connection failed: socket: tcp:127.0.0.1:29985: Connection refused";
        let b = "2026-12-07 21:24:13: (gw_backend.c.274) establishing connection failed: socket: tcp:127.0.0.1:30896: Connection refused";
        let all = "2026-12-07 21:24:13: (gw_backend.c.960) all handlers for /b57-lig-pool-down? on  are down.";
        // Each finding's top cause and the cause after it.
        let read = |text: &str| {
            let mut out = Vec::new();
            let mut reader = Reader::new();
            let mut emit =
                |n: u64, _: &[u8], f: Finding<'_>| out.push((n, f.causes[0].0, f.causes[1].0));
            for line in text.lines() {
                reader.push(line.as_bytes(), &mut emit, &mut |_, _, _| {});
            }
            reader.flush(&mut emit);
            out
        };
        let pool = [
            (1, UpstreamDown, NoHealthyUpstream),
            (2, UpstreamDown, NoHealthyUpstream),
            (3, UpstreamDown, NoHealthyUpstream),
        ];
        assert_eq!(read(&[a, b, all].join("\n")), pool);
        // Behind syslog's prefix as well.
        let syslog = [a, b, all].map(|l| format!("Dec  7 21:24:13 vm lighttpd[42]: {l}"));
        assert_eq!(read(&syslog.join("\n")), pool);
        // One host: a refusal (down, or the wrong port).
        let alone = [
            (1, UpstreamDown, WrongUpstreamAddress),
            (2, UpstreamDown, WrongUpstreamAddress),
        ];
        assert_eq!(read(&[a, all].join("\n")), alone);
        assert_eq!(read(&[a, a].join("\n")), alone);
        let later = b.replace(":13:", ":14:");
        assert_eq!(read(&[a, later.as_str()].join("\n")), alone);
    }

    /// Held out w22: Envoy's access line pasted from its request on (istio#45802), read by its
    /// response flag, where another access log's size is not a flag; Caddy 0.x's bracket line
    /// with HTTP/2's stream error (caddy#2259), read by the RST_STREAM's code.
    #[test]
    fn envoy_without_its_time_and_a_go_stream_error() {
        use CauseId::{Overloaded, UpstreamInvalidResponse, UpstreamReset};
        let envoy = r#""GET /v1/status HTTP/1.1" 503 UC upstream_reset_before_response_started{connection_termination} - "-" 0 95 0 - "10.90.16.220" "Apache-HttpClient/4.5.1 (Java/1.8.0_372)" "3a7c" "health.abc.com" "10.80.47.192:8181" outbound|80||health-api 10.80.45.233:37132 10.80.45.233:80 10.80.46.220:59375 - -"#;
        assert_eq!(cause(envoy).map(|c| c.0), Some(UpstreamReset));
        for other in [
            r#""GET / HTTP/1.1" 502 157 "-" "curl/7.88.1""#,
            r#""GET / HTTP/1.1" 503 - "-" "curl/7.88.1""#,
        ] {
            assert!(
                !matches!(read_line(other.as_bytes()), Line::Found(_)),
                "{other}"
            );
        }
        let h11 = "[ERROR 502 /Autodiscover/Autodiscover.xml] stream error: stream ID 3; HTTP_1_1_REQUIRED";
        assert_eq!(cause(h11), Some((UpstreamInvalidResponse, 0.55)));
        let refused = "[ERROR 502 /] stream error: stream ID 5; REFUSED_STREAM; received from peer";
        assert_eq!(cause(refused), Some((Overloaded, 0.5)));
        let other = "[ERROR 502 /] stream error: stream ID 7; INTERNAL_ERROR; received from peer";
        assert_eq!(cause(other), Some((UpstreamReset, 0.55)));
    }

    /// Caddy's "no upstreams available" just after its `dynamic` upstreams' lookup failed
    /// (recorded: caddy/b60-cd-servfail) follows from the lookup; alone, or seconds later, a
    /// pool with none left.
    #[test]
    fn caddy_no_upstream_after_a_failed_lookup() {
        use CauseId::{DnsFailure, NoHealthyUpstream};
        let lookup = r#"{"level":"error","ts":1796687026.6805801,"logger":"http.handlers.reverse_proxy","msg":"failed getting dynamic upstreams; falling back to static upstreams","error":"lookup fail.internal on 127.0.0.1:53: server misbehaving"}"#;
        let none = r#"{"level":"error","ts":1796687026.6806743,"logger":"http.log.error","msg":"no upstreams available","request":{"remote_ip":"127.0.0.1","remote_port":"34912","proto":"HTTP/1.1","method":"GET","host":"127.0.0.1:28173","uri":"/b60-cd-servfail"},"duration":0.001892055,"status":503}"#;
        assert_eq!(
            findings(&[lookup, none].join("\n")),
            [(1, DnsFailure, false), (2, DnsFailure, false)]
        );
        assert_eq!(findings(none), [(1, NoHealthyUpstream, false)]);
        let later = none.replace("1796687026.", "1796687036.");
        assert_eq!(
            findings(&[lookup, later.as_str()].join("\n"))[1],
            (2, NoHealthyUpstream, false)
        );
    }

    /// HAProxy's request lines stand alone: one never takes another request's causes, even in
    /// the same second; only the local connect failure alerted for its backend just before
    /// (src/proto_tcp.c "no free ports") explains an `SC`. Lines shaped from recorded ones
    /// (haproxy/b14-ports-exhausted, haproxy/b6-…): the alert, then the request.
    #[test]
    fn haproxy_request_lines_stand_alone() {
        let alert = "2026-12-06T23:54:25.712813+00:00 vm haproxy[1]: Connect() failed for backend be_a: no free ports.";
        let sc_a = "2026-12-06T23:54:25.713004+00:00 vm haproxy[1]: 127.0.0.1:61000 [06/Dec/2026:23:54:25.712] fe be_a/app 0/0/-1/-1/0 503 216 - - SC-- 1/1/0/0/3 0/0 \"GET /x HTTP/1.1\"";
        let sc_b = "2026-12-06T23:54:25.713004+00:00 vm haproxy[1]: 127.0.0.1:61002 [06/Dec/2026:23:54:25.712] fe be_b/app 0/0/-1/-1/0 503 216 - - SC-- 1/1/0/0/3 0/0 \"GET /y HTTP/1.1\"";
        let sd = "2026-12-06T23:54:25.713004+00:00 vm haproxy[1]: 127.0.0.1:61001 [06/Dec/2026:23:54:25.700] fe be_b/app 0/0/0/3/10 200 12 - - SD-- 1/1/0/0/0 0/0 \"GET /z HTTP/1.1\"";
        assert_eq!(
            findings(&[alert, sc_a].join("\n")),
            [
                (1, CauseId::Overloaded, false),
                (2, CauseId::Overloaded, false)
            ]
        );
        // Another backend's refusal is its own; a reset mid-body of another request in the
        // same second does not become this refusal's cause, before or after it.
        assert_eq!(
            findings(&[alert, sc_b].join("\n"))[1],
            (2, CauseId::UpstreamDown, false)
        );
        assert_eq!(
            findings(&[sd, sc_b, sd].join("\n")),
            [
                (1, CauseId::UpstreamReset, false),
                (2, CauseId::UpstreamDown, false),
                (3, CauseId::UpstreamReset, false)
            ]
        );
    }

    /// A `<NOSRV>` request line takes the reading of its backend's last server's state line
    /// when that line says someone took it out (maintenance, drain) and left none; a server
    /// back, or the last one failing its checks, forgets it; another backend is not touched.
    /// Lines from a run of HAProxy 2.6.12 here (haproxy/state-maint-drain).
    #[test]
    fn a_backend_taken_out_explains_its_nosrv_lines() {
        let maint = "Server be_maint/app is going DOWN for maintenance. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
        let alert = "backend be_maint has no server available!";
        let drain = "Server be_drain/app enters drain state. 0 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.";
        let up = "Server be_maint/app is UP/READY (leaving forced maintenance).";
        let nosrv = |be: &str| {
            format!("127.0.0.1:45704 [07/Dec/2026:02:14:25.045] fe {be}/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 \"GET /m HTTP/1.1\"")
        };
        let (m, d, o) = (nosrv("be_maint"), nosrv("be_drain"), nosrv("be_other"));
        let read = findings(&[maint, alert, drain, &m, &d, &o, up, &m].join("\n"));
        let requests: Vec<_> = read.iter().filter(|(_, _, health)| !health).collect();
        assert_eq!(
            requests,
            [
                &(4, CauseId::Maintenance, false),
                &(5, CauseId::Maintenance, false),
                &(6, CauseId::NoHealthyUpstream, false),
                &(8, CauseId::NoHealthyUpstream, false)
            ]
        );
        // One server of two out for maintenance leaves the other: nothing to remember.
        let one = "Server be_two/a is going DOWN for maintenance. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
        assert_eq!(
            findings(&[one, &nosrv("be_two")].join("\n"))[1],
            (2, CauseId::NoHealthyUpstream, false)
        );
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
        // A server's name that did not resolve at start-up (held-out w13, vfarcic/
        // docker-flow-proxy#224, #266): a state line, the name's; another program's words
        // without HAProxy's `'server …'` are not read.
        let startup = "[ALERT] 118/170701 (14) : parsing [/cfg/haproxy.cfg:109] : 'server web' : could not resolve address 'web'.";
        assert_eq!(findings(startup), vec![(1, CauseId::DnsFailure, true)]);
        let other = "resolver: could not resolve address 'web' : could not resolve address 'web'";
        assert_eq!(cause(other), None);
        // A failed check's status quoted alone (the stats page's "description: info", a
        // wrapped paste's "reason: …" line): a state line; a passed check is none.
        let alone = "Layer4 connection problem: Connection refused";
        assert_eq!(findings(alone), vec![(1, CauseId::UpstreamDown, true)]);
        let wrapped = "reason: Layer7 wrong status, code: 500,";
        assert_eq!(
            findings(wrapped),
            vec![(1, CauseId::NoHealthyUpstream, true)]
        );
        assert_eq!(cause("Layer7 check passed, code: 200"), None);
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
        // A shortened httplog, `%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %tsc` (recorded:
        // haproxy/b9-lf-refused, b9-lf-app-503): status, bytes, state.
        let short = "<134>Dec  6 19:22:24 haproxy[31286]: 127.0.0.1:59678 [06/Dec/2026:19:22:21.790] fe_lf9 be_refused/app 0/0/-1/-1/3003 503 217 SC--";
        assert_eq!(cause(short).unwrap().0, CauseId::UpstreamDown);
        let relayed = "<134>Dec  6 19:22:29 haproxy[31286]: 127.0.0.1:33158 [06/Dec/2026:19:22:29.798] fe_lf9 be9_503/app 0/0/0/0/0 503 151 ----";
        assert_eq!(cause(relayed), None);
        // A third word that fits the grammar is taken only after a status and a byte count.
        let odd = "<134>Dec  6 19:22:24 haproxy[1]: 127.0.0.1:59678 [06/Dec/2026:19:22:21.790] fe be/app 0/0/-1/-1/3003 GET /x SC--";
        assert_eq!(cause(odd), None);
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
        // Caddy's console line with its tabs turned into spaces by a paste (held-out w13,
        // caddyserver/caddy#4025): the level, the logger, the message; its access logger and a
        // level word inside another line's text are not read.
        let spaced = "ERROR http.log.error.log0 dialing backend: dial unix /run/php/php7.4-fpm.sock: connect: resource temporarily unavailable";
        assert_eq!(cause(spaced).unwrap().0, Overloaded);
        let dated = "2026/12/07 09:00:01.123 ERROR http.log.error dial tcp 127.0.0.1:3000: connect: connection refused {\"request\": {\"uri\": \"/x\"}, \"status\": 502}";
        assert_eq!(cause(dated).unwrap().0, UpstreamDown);
        let access =
            "2026/12/07 09:00:01.123 INFO http.log.access.log0 handled request {\"status\": 502}";
        assert_eq!(cause(access), None);
        let prose = "we saw http.log.error say nothing about ERROR levels";
        assert_eq!(cause(prose), None);
        // nginx lines pasted without `pid#tid: ` or without their whole header: the body
        // (ngx_log.c's `*%uA `, ngx_http_log_error's `, client: `) is nginx's own.
        let bare = "*12 connect() failed (111: Connection refused) while connecting to upstream, client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.2:3000/\", host: \"x\"";
        assert_eq!(cause(bare).unwrap().0, UpstreamDown);
        let no_pid = "2026/12/06 09:05:07 [error] *12 app.invalid could not be resolved (3: Host not found), client: 1.2.3.4, server: , request: \"GET / HTTP/1.1\", host: \"x\"";
        assert_eq!(cause(no_pid).unwrap().0, DnsFailure);
        // Neither header nor connection number, the request's fields still there (held-out
        // w15, ietf-tools/mailarchive#4016): the words before ", client: " end with the phase.
        let no_star = "connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"http://[::1]:8000/\", host: \"x\"";
        // Its IPv6 address alone: the app listens on IPv4 only (the thread's reading).
        assert_eq!(cause(no_star).unwrap().0, WrongUpstreamAddress);
        // Cut at nginx's own `,` before ", client: " (held-out w13, niiknow/vestacp#76).
        let cut = "*106 connect() to unix:/run/php/php-fpm.sock failed (2: No such file or directory) while connecting to upstream,";
        assert_eq!(cause(cut).unwrap().0, UpstreamDown);
        // An Apache line pasted without its opening `[` keeps its date, so mod_fastcgi's weak
        // "incomplete headers" of the same request takes the failed connect's reading.
        let lost = "Sun May 25 14:25:16.651463 2014] [fastcgi:error] [pid 7:tid 9](2)No such file or directory: [client 1.2.3.4:5] FastCGI: failed to connect to server \"/usr/lib/cgi-bin/php5-fcgi\": connect() failed\n[Sun May 25 14:25:16.657363 2014] [fastcgi:error] [pid 7:tid 9] [client 1.2.3.4:5] FastCGI: incomplete headers (0 bytes) received from server \"/usr/lib/cgi-bin/php5-fcgi\"\n";
        assert_eq!(
            findings(lost),
            vec![(1, UpstreamDown, false), (2, UpstreamDown, false)]
        );
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
