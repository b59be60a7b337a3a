//! An access log's 5xx line and its request's error-log line: one failure written twice.
//!
//! nginx, Apache, lighttpd, Caddy's `common_log` and varnishncsa write each request with its
//! status in the access log (the common log format; Caddy's `log` directive writes JSON,
//! `"uri"`, `"remote_ip"` and `"ts"`) and the reason in the error log; a 5xx
//! access line alone names no cause (`Line::StatusOnly`). When a finding of the error log names
//! the same request target (`Finding::request`: nginx's `request: "GET /x HTTP/1.1"`, Apache's
//! "returned by /x", Caddy's `"uri"`) within `WINDOW` seconds of the access line, the access
//! line is that request's record and takes the finding's causes. The logs may come in either
//! order (`explain502 log access.log error.log`, a shell's `*.log`): access lines wait for
//! their error line in `HELD` slots and findings for their access line in `KEPT` slots, so
//! memory stays bounded whatever the input. A varnishlog row's request is its transaction's `BereqURL` and
//! `Timestamp Start:` (the FetchError row names neither). Apache's connect failures name no
//! URL (AH01114 `[client 127.0.0.1:35514]`, AH01102): they join the access line of the same
//! client address whose request came at most `WINDOW` seconds before (the access log's `%t`
//! is the request's arrival), at 0.6 at most (`AT_MOST`), as the time and the address alone
//! cannot tell two requests of one client in one window apart (behind a load balancer every
//! client has its address). What else a match could be: another request for the same target
//! in the same window, failed for another reason (a busy site whose one URL fails twice in a
//! minute); of several lines of a key the nearest in time joins (a slot keeps the newest
//! four), each finding joins one access line at most, and the other lines of its request
//! (Apache's `[pid:tid]` and second) join none.

use super::bytes::{after, find, until};
use super::rules::Dist;
use super::{name_hash, time, Finding, GatewayId, Line};
use crate::diagnose::CauseId::{self, *};
use crate::prelude::*;

/// How far apart the two lines' times may be: nginx writes the access line when the request
/// ends and the error line when it failed, Apache's access line has the time the request
/// came, so the two are a timeout apart at most (Apache's default `Timeout` is 60 s, nginx's
/// `proxy_read_timeout` 60 s); five minutes covers a raised one.
const WINDOW: i64 = 300;
/// Slots for access lines waiting for their error line.
const HELD: usize = 256;
/// Slots for findings waiting for their access line.
const KEPT: usize = 256;
/// Lines of one slot: several requests for the same target wait side by side (an outage's
/// visitors all asking for `/` in the same seconds, each written in both logs: recorded, blind
/// round 56's busy gateways, where one slot a target let the next second's line push the
/// waiting ones out), and a finding joins the nearest in time. When a slot is full, its oldest
/// line goes.
const BUCKET: usize = 4;

/// The slot of a hash in a table of `n`.
fn slot(hash: u64, n: usize) -> usize {
    (hash % n as u64) as usize
}

/// The longest access line held (longer ones are counted as they read, never held).
const LINE_MAX: usize = 4096;

/// Each cause alone at 0.6: the most a join by the time and the client alone says.
const AT_MOST: [(CauseId, Dist); 12] = [
    (UpstreamDown, &[(UpstreamDown, 60)]),
    (UpstreamReset, &[(UpstreamReset, 60)]),
    (UpstreamInvalidResponse, &[(UpstreamInvalidResponse, 60)]),
    (UpstreamTimeout, &[(UpstreamTimeout, 60)]),
    (NoHealthyUpstream, &[(NoHealthyUpstream, 60)]),
    (WrongUpstreamAddress, &[(WrongUpstreamAddress, 60)]),
    (UpstreamOutOfMemory, &[(UpstreamOutOfMemory, 60)]),
    (Overloaded, &[(Overloaded, 60)]),
    (Maintenance, &[(Maintenance, 60)]),
    (DnsFailure, &[(DnsFailure, 60)]),
    (TlsFailure, &[(TlsFailure, 60)]),
    (Unknown, &[(Unknown, 60)]),
];

/// `causes` with its top at 0.6 at most.
fn at_most(causes: Dist) -> Dist {
    let (top, p) = super::rules::top(causes);
    if p <= 60 {
        return causes;
    }
    AT_MOST
        .iter()
        .find(|(c, _)| *c == top)
        .map_or(causes, |(_, d)| d)
}

/// How a kept finding is matched: by its request target, or (Apache's connect failures) by
/// the client's address and the time.
#[derive(Clone, Copy, PartialEq)]
enum By {
    Target(u64),
    Client(u64),
}

impl By {
    /// The first of the key's `BUCKET` places in `kept` (a client's hash apart from a target's).
    fn slot(self) -> usize {
        BUCKET
            * match self {
                By::Target(t) => slot(t, KEPT),
                By::Client(c) => slot(c.rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15, KEPT),
            }
    }
}

struct Kept {
    by: By,
    at: i64,
    /// When it came (`Join::seq`): of two as near, the newer joins (a retry's finding after
    /// its first attempt's), and a full slot's oldest gives its place.
    seq: u64,
    /// Apache's request (`[pid:tid]` and second): its other lines join nothing once one has.
    request: Option<u64>,
    gateway: GatewayId,
    causes: Dist,
    source: &'static str,
}

struct Held {
    from: u32,
    number: u64,
    /// When it came (`Join::seq`), as `Kept::seq`.
    seq: u64,
    line: Vec<u8>,
    target: u64,
    client: u64,
    status: u16,
    /// The access line's time as written (local) and in UTC (its zone applied).
    local: i64,
    utc: i64,
    /// The same request in other access logs (`TWINS` at most, the oldest pushed out): (from,
    /// number, line).
    twins: Vec<(u32, u64, Vec<u8>)>,
}

impl Held {
    /// The request an access line records: its target, client, second and status, as two
    /// access logs of one gateway write the same request (`CustomLog` twice, `access_log`
    /// twice, the common format beside a JSON one).
    fn request(&self) -> u64 {
        request_of(self.target, self.client, self.utc, self.status)
    }
}

fn request_of(target: u64, client: u64, utc: i64, status: u16) -> u64 {
    (target.rotate_left(7) ^ client.rotate_left(29) ^ (utc as u64).rotate_left(43) ^ status as u64)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The most other access logs' lines of one request held with it.
const TWINS: usize = 3;
/// Slots for the requests an access line joined lately, for the same request in another
/// access log read after its error line.
const ECHO: usize = 64;

/// A joined access line's request (`request_of`) and the finding it took.
struct Echo {
    request: u64,
    gateway: GatewayId,
    causes: Dist,
    source: &'static str,
}

/// What a joined access line is emitted with: which source it came from (the caller's index),
/// its line number there, the line, and its finding.
pub type Joined<'f> = dyn FnMut(u32, u64, &[u8], Finding<'_>) + 'f;

/// Set-associative: a finding or an access line goes to one of the `BUCKET` places of the slot
/// its key's hash names (a full slot's oldest gives its place), so each line costs `BUCKET`
/// looks at most whatever the log's size.
#[derive(Default)]
pub struct Join {
    kept: Vec<Option<Kept>>,
    held: Vec<Option<Held>>,
    /// The slot in `held` of each client's last access line (+1; 0 for none), by its hash.
    held_client: Vec<u16>,
    /// varnishlog's grouped dump (one transaction's rows together, `Begin` to `End`): the
    /// transaction's `BereqURL` (or `ReqURL`) and its `Timestamp Start:`, for a finding of
    /// its rows (a FetchError names neither).
    vsl_url: Vec<u8>,
    vsl_at: Option<i64>,
    /// The last Apache request (`[pid:tid]` and second) an access line joined.
    joined_request: Option<u64>,
    /// The requests access lines joined lately (`ECHO` slots, by `request_of`): the same
    /// request in another access log takes the same finding.
    echo: Vec<Option<Echo>>,
    /// Lines held or kept so far.
    seq: u64,
}

/// The longest URL kept from a varnishlog row.
const URL_MAX: usize = 2048;

/// A varnishlog row's tag and value: `-   BereqURL       /x` → (`BereqURL`, `/x`).
fn vsl_row(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let start = line
        .iter()
        .position(|b| !matches!(b, b'-' | b'*' | b' ' | b'|'))?;
    if start == 0 {
        return None;
    }
    let row = &line[start..];
    let tag = until(row, b' ');
    let value = &row[tag.len()..];
    let value = &value[value.iter().position(|b| *b != b' ').unwrap_or(value.len())..];
    Some((tag, value))
}

/// The request target of a request line or a finding's request: `GET /x HTTP/1.1` → `/x`,
/// `http://host/x` → `/x` (varnishncsa and Squid write the absolute form), `/x?a` → `/x?a`.
fn target(request: &[u8]) -> Option<&[u8]> {
    let request = match find(request, b" ") {
        Some(at) if request[..at].iter().all(u8::is_ascii_uppercase) => &request[at + 1..],
        _ => request,
    };
    let request = until(request, b' ');
    let request = match after(request, b"://") {
        Some(rest) => &rest[find(rest, b"/").unwrap_or(rest.len())..],
        None => request,
    };
    // `/` too: an outage's visitors mostly ask for the home page (recorded, nginx 1.22.1 with
    // its upstream down: `"GET / HTTP/1.1" 502` in the access log and `request: "GET /
    // HTTP/1.1"` in the error line; the bare `/` was left out before, and such lines stayed
    // unread). What else a `/` match could be is what any target's is: another request for
    // the home page in the window, failed for another reason.
    request.starts_with(b"/").then_some(request)
}

/// An access line's request target, client address (its first field, `%h`) and time (local
/// as written, and UTC).
fn access(line: &[u8]) -> Option<(u64, u64, i64, i64)> {
    // Caddy's JSON access line: its `uri`, `remote_ip` and `ts` (UTC).
    if let Some((uri, client, at)) = super::caddy_access(line) {
        return Some((name_hash(target(uri)?), name_hash(client), at, at));
    }
    // A JSON access line in an operator's own format.
    if let Some(a) = super::json_access(line) {
        let client = name_hash(a.client);
        return Some((name_hash(target(a.request)?), client, a.local, a.utc));
    }
    let target = name_hash(target(super::access_request(line)?)?);
    let client = name_hash(until(line, b' '));
    let stamp = after(line, b"[")?;
    let utc = time::clf(stamp)?;
    let local = time::clf(&stamp[..stamp.len().min(20)])?;
    Some((target, client, local, utc))
}

/// An Apache error line's client address: `[client 127.0.0.1:35514]` → `127.0.0.1`,
/// `[client [::1]:35514]` → `::1`.
fn apache_client(line: &[u8]) -> Option<u64> {
    let client = until(after(line, b"[client ")?, b' ');
    let client = client.strip_suffix(b"]").unwrap_or(client);
    let port = client.iter().rposition(|b| *b == b':')?;
    let address = &client[..port];
    let address = address
        .strip_prefix(b"[")
        .and_then(|a| a.strip_suffix(b"]"))
        .unwrap_or(address);
    (!address.is_empty()).then(|| name_hash(address))
}

impl Join {
    pub fn new() -> Join {
        Join::default()
    }

    /// A finding of any source (`line`, its line): joins the nearest held access line of its
    /// request, if any, else is kept for an access line to come.
    pub fn finding(&mut self, f: &Finding<'_>, line: &[u8], joined: &mut Joined<'_>) {
        // A request's own record line (an access line that names its cause: Squid's, or
        // varnishncsa's with its FetchError) joins nothing, but for varnishncsa's backend side
        // (`-b`), whose client side (`-c`, the visitor's 503 with no FetchError) is the same
        // request a second apart (recorded: varnish/b53-vn-refused).
        if f.health || (f.record && f.gateway != GatewayId::Varnish) || f.causes.is_empty() {
            return;
        }
        let (by, at) = match (f.request, f.at) {
            (Some(request), Some(at)) => match target(request) {
                Some(t) => (By::Target(name_hash(t)), at),
                None => return,
            },
            // A varnishlog row: its transaction's URL and start (`other` keeps them).
            (None, None) if f.gateway == GatewayId::Varnish && !self.vsl_url.is_empty() => {
                match (self.vsl_at, target(&self.vsl_url)) {
                    (Some(at), Some(t)) => (By::Target(name_hash(t)), at),
                    _ => return,
                }
            }
            (None, Some(at)) if f.gateway == GatewayId::Apache => match apache_client(line) {
                Some(client) => (By::Client(client), at),
                None => return,
            },
            _ => return,
        };
        let request = (f.gateway == GatewayId::Apache)
            .then(|| super::apache_request(line))
            .flatten();
        // Another line of a request that has joined already joins nothing.
        if request.is_some() && self.joined_request == request {
            return;
        }
        self.ready();
        let i = match by {
            // The nearest in time of the target's waiting lines.
            By::Target(t) => {
                let first = slot(t, HELD) * BUCKET;
                (first..first + BUCKET)
                    .filter_map(|i| {
                        let h = self.held[i].as_ref().filter(|h| h.target == t)?;
                        let apart = (at - h.local).abs().min((at - h.utc).abs());
                        (apart <= WINDOW).then_some((i, apart, h.seq))
                    })
                    .min_by_key(|&(_, apart, seq)| (apart, core::cmp::Reverse(seq)))
                    .map(|(i, _, _)| i)
            }
            // The client's last line: the error comes after the request did, within the window.
            By::Client(c) => {
                let i = usize::from(self.held_client[slot(c, HELD)]).wrapping_sub(1);
                self.held
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_some_and(|h| {
                        h.client == c && (h.local - 1..=h.local + WINDOW).contains(&at)
                    })
                    .then_some(i)
            }
        };
        if let Some(i) = i {
            if let Some(h) = self.held[i].take() {
                if request.is_some() {
                    self.joined_request = request;
                }
                let causes = match by {
                    By::Target(_) => f.causes,
                    By::Client(_) => at_most(f.causes),
                };
                self.remember(h.request(), f.gateway, causes, f.source);
                for (from, number, line) in h
                    .twins
                    .iter()
                    .map(|(f, n, l)| (*f, *n, l.as_slice()))
                    .chain([(h.from, h.number, h.line.as_slice())])
                {
                    let found = Finding {
                        gateway: f.gateway,
                        causes,
                        health: false,
                        upstream: None,
                        request: super::access_request(line),
                        at: Some(h.utc),
                        source: f.source,
                        record: true,
                    };
                    joined(from, number, line, found);
                }
            }
            return;
        }
        let first = by.slot();
        let place = (first..first + BUCKET)
            .min_by_key(|&i| self.kept[i].as_ref().map_or(0, |k| k.seq))
            .unwrap_or(first);
        self.seq += 1;
        self.kept[place] = Some(Kept {
            by,
            at,
            seq: self.seq,
            request,
            gateway: f.gateway,
            causes: f.causes,
            source: f.source,
        });
    }

    /// Whether `other` has anything to do with this line: a 5xx access line, or a row of
    /// varnishlog's dump (it starts with `-`, `*`, `|` or a space); any other line is only
    /// counted, and the caller may skip the call.
    pub fn wants(read: &Line<'_>, line: &[u8]) -> bool {
        matches!(read, Line::StatusOnly(_))
            || matches!(line.first(), Some(b'-' | b'*' | b'|' | b' '))
    }

    /// A line that is no finding: a 5xx access line takes the nearest kept finding of its
    /// request (emitted through `joined`), or waits for one (`other` is told of the oldest
    /// held line it pushes out); any other line goes to `other` at once.
    pub fn other(
        &mut self,
        from: u32,
        number: u64,
        line: &[u8],
        read: &Line<'_>,
        joined: &mut Joined<'_>,
        other: &mut dyn FnMut(&Line<'_>),
    ) {
        if let (Line::Other, Some((tag, value))) = (read, vsl_row(line)) {
            match tag {
                b"Begin" => {
                    self.vsl_url.clear();
                    self.vsl_at = None;
                }
                b"BereqURL" | b"ReqURL" if value.len() <= URL_MAX => {
                    self.vsl_url.clear();
                    self.vsl_url.extend_from_slice(value);
                }
                b"Timestamp" if value.starts_with(b"Start: ") => {
                    self.vsl_at = time::epoch(until(&value[7..], b'.'));
                }
                _ => {}
            }
        }
        let (&Line::StatusOnly(status), Some((target, client, local, utc))) = (read, access(line))
        else {
            return other(read);
        };
        self.ready();
        // The request target first; Apache's lines without one by the client and the time; of
        // several, the nearest in time.
        let apart = |k: &Kept| match k.by {
            By::Target(t) if t == target => Some((k.at - local).abs().min((k.at - utc).abs())),
            By::Client(c) if c == client => Some(k.at - local),
            _ => None,
        };
        let near = [By::Target(target).slot(), By::Client(client).slot()]
            .into_iter()
            .find_map(|first| {
                (first..first + BUCKET)
                    .filter_map(|i| {
                        let k = self.kept[i].as_ref()?;
                        let d = apart(k)?;
                        let within = match k.by {
                            By::Client(_) => (-1..=WINDOW).contains(&d),
                            By::Target(_) => d <= WINDOW,
                        };
                        within.then_some((i, d.abs(), k.seq))
                    })
                    .min_by_key(|&(_, d, seq)| (d, core::cmp::Reverse(seq)))
                    .map(|(i, _, _)| i)
            });
        if let Some(i) = near {
            if let Some(k) = self.kept[i].take() {
                if k.request.is_some() {
                    self.joined_request = k.request;
                    for other in &mut self.kept {
                        if other.as_ref().is_some_and(|o| o.request == k.request) {
                            *other = None;
                        }
                    }
                }
                let causes = match k.by {
                    By::Target(_) => k.causes,
                    By::Client(_) => at_most(k.causes),
                };
                self.remember(
                    request_of(target, client, utc, status),
                    k.gateway,
                    causes,
                    k.source,
                );
                let found = Finding {
                    gateway: k.gateway,
                    causes,
                    health: false,
                    upstream: None,
                    request: super::access_request(line),
                    at: Some(utc),
                    source: k.source,
                    record: true,
                };
                joined(from, number, line, found);
            }
            return;
        }
        // The same request in another access log, after its first access line joined.
        let request = request_of(target, client, utc, status);
        if let Some(e) = self.echo[slot(request, ECHO)]
            .as_ref()
            .filter(|e| e.request == request)
        {
            let found = Finding {
                gateway: e.gateway,
                causes: e.causes,
                health: false,
                upstream: None,
                request: super::access_request(line),
                at: Some(utc),
                source: e.source,
                record: true,
            };
            return joined(from, number, line, found);
        }
        if line.len() > LINE_MAX {
            return other(read);
        }
        let first = slot(target, HELD) * BUCKET;
        let places = first..first + BUCKET;
        // The same request in another access log waits with its line; else a free place, else
        // the oldest line's, which is pushed out naming no cause.
        let i = places
            .clone()
            .find(|&i| {
                self.held[i]
                    .as_ref()
                    .is_some_and(|h| h.request() == request)
            })
            .or_else(|| places.min_by_key(|&i| self.held[i].as_ref().map_or(0, |h| h.seq)))
            .unwrap_or(first);
        let mut twins = Vec::new();
        if let Some(mut out) = self.held[i].take() {
            if out.request() == request {
                twins = core::mem::take(&mut out.twins);
                if twins.len() == TWINS {
                    twins.remove(0);
                    other(&Line::StatusOnly(out.status));
                }
                twins.push((out.from, out.number, out.line));
            } else {
                for _ in &out.twins {
                    other(&Line::StatusOnly(out.status));
                }
                other(&Line::StatusOnly(out.status));
            }
        }
        self.held_client[slot(client, HELD)] = i as u16 + 1;
        self.seq += 1;
        self.held[i] = Some(Held {
            from,
            number,
            seq: self.seq,
            line: line.to_vec(),
            target,
            client,
            status,
            local,
            utc,
            twins,
        });
    }

    /// Notes the request an access line joined (`ECHO`).
    fn remember(&mut self, request: u64, gateway: GatewayId, causes: Dist, source: &'static str) {
        self.echo[slot(request, ECHO)] = Some(Echo {
            request,
            gateway,
            causes,
            source,
        });
    }

    /// The end of the input: every access line still waiting is one that names no cause.
    pub fn finish(&mut self, other: &mut dyn FnMut(&Line<'_>)) {
        for h in self.held.iter_mut().filter_map(Option::take) {
            for _ in 0..=h.twins.len() {
                other(&Line::StatusOnly(h.status));
            }
        }
        self.kept.clear();
        self.echo.clear();
        self.held_client.clear();
    }

    /// The tables, made on the first line that needs them (most logs have no access line).
    fn ready(&mut self) {
        if self.kept.is_empty() {
            self.kept.resize_with(KEPT * BUCKET, || None);
            self.held.resize_with(HELD * BUCKET, || None);
            self.held_client.resize(HELD, 0);
            self.echo.resize_with(ECHO, || None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::CauseId;

    fn run(lines: &[&str]) -> (Vec<(u64, CauseId, f32)>, u64) {
        let mut join = Join::new();
        let mut out = Vec::new();
        let mut unread = 0;
        for (i, line) in lines.iter().enumerate() {
            let number = i as u64 + 1;
            let read = super::super::read_line(line.as_bytes());
            let mut joined =
                |_: u32, n: u64, _: &[u8], f: Finding<'_>| out.push((n, f.cause(), f.confidence()));
            match &read {
                Line::Found(f) => join.finding(f, line.as_bytes(), &mut joined),
                _ => join.other(0, number, line.as_bytes(), &read, &mut joined, &mut |r| {
                    unread += u64::from(matches!(r, Line::StatusOnly(_)))
                }),
            }
        }
        join.finish(&mut |r| unread += u64::from(matches!(r, Line::StatusOnly(_))));
        (out, unread)
    }

    /// Like `run`, through the Reader (which holds and groups varnishlog rows).
    fn run_reader(lines: &[&str]) -> (Vec<(u64, CauseId)>, u64) {
        let mut join = Join::new();
        let mut reader = super::super::Reader::new();
        let out = core::cell::RefCell::new(Vec::new());
        let unread = core::cell::Cell::new(0);
        let cell = core::cell::RefCell::new(&mut join);
        let mut emit = |_: u64, l: &[u8], f: Finding<'_>| {
            cell.borrow_mut().finding(&f, l, &mut |_, n, _, j| {
                out.borrow_mut().push((n, j.cause()))
            })
        };
        let mut other = |n: u64, l: &[u8], r: &Line<'_>| {
            cell.borrow_mut().other(
                0,
                n,
                l,
                r,
                &mut |_, n, _, j| out.borrow_mut().push((n, j.cause())),
                &mut |r| unread.set(unread.get() + u64::from(matches!(r, Line::StatusOnly(_)))),
            )
        };
        for line in lines {
            reader.push(line.as_bytes(), &mut emit, &mut other);
        }
        reader.flush(&mut emit);
        cell.borrow_mut().finish(&mut |r| {
            unread.set(unread.get() + u64::from(matches!(r, Line::StatusOnly(_))))
        });
        (out.into_inner(), unread.get())
    }

    /// One request in two access logs (recorded: apache/b51-ap-timeout, the combined format
    /// and a `CustomLog` with `%D` after the status): both lines take the error line's cause,
    /// whichever order the three come in; a third access line of another request is not joined.
    #[test]
    fn one_request_in_two_access_logs() {
        let error = "[Mon Dec 07 19:25:18.721129 2026] [proxy:error] [pid 17762:tid 1402] [client 127.0.0.1:52776] AH00898: Error reading from remote server returned by /b51-ap-timeout";
        let a = "127.0.0.1 - - [07/Dec/2026:19:25:16 +0000] \"GET /b51-ap-timeout HTTP/1.1\" 502 641 \"-\" \"curl/7.88.1\"";
        let b = "127.0.0.1 - - [07/Dec/2026:19:25:16 +0000] \"GET /b51-ap-timeout HTTP/1.1\" 502 459 2006003 \"-\"";
        let other = "127.0.0.1 - - [07/Dec/2026:19:25:40 +0000] \"GET /b51-ap-timeout HTTP/1.1\" 503 459 2006003 \"-\"";
        for lines in [[error, a, b], [a, error, b], [a, b, error]] {
            let (out, unread) = run(&lines);
            assert_eq!(out.len(), 2, "{lines:?}: {out:?}");
            assert_eq!(unread, 0);
        }
        let (out, unread) = run(&[error, a, b, other]);
        assert_eq!((out.len(), unread), (2, 1));
        // Bounded: the same request written by ten access logs before its error line.
        let mut many = vec![a; 10];
        many.push(error);
        let (out, unread) = run(&many);
        assert_eq!(out.len() as u64 + unread, 10);
        assert_eq!(out.len(), TWINS + 1);
    }

    /// varnishncsa's backend side (`-b`, its FetchError unquoted last) and client side (`-c`,
    /// the visitor's 503, no FetchError) of one request, a second apart (recorded:
    /// varnish/b53-vn-refused): the client's line takes the backend's cause, either order.
    #[test]
    fn varnishncsa_client_side_takes_the_backend_side_s_cause() {
        let backend = "- [07/Dec/2026:19:50:55 +0000] \"GET http://127.0.0.1:28948/b53-vn-refused HTTP/1.1\" 503 0 - backend b53_refused: fail errno 0 (Success)";
        let client = "127.0.0.1 [07/Dec/2026:19:50:54 +0000] \"GET http://127.0.0.1:28948/b53-vn-refused HTTP/1.1\" 503 278 pass -";
        for (lines, n) in [([backend, client], 2), ([client, backend], 1)] {
            let (out, unread) = run(&lines);
            assert_eq!(out.len(), 1, "{lines:?}");
            assert_eq!((out[0].0, out[0].1), (n, CauseId::UpstreamDown));
            assert!(out[0].2 <= 0.6);
            assert_eq!(unread, 0);
        }
    }

    /// nginx's access log in JSON (`log_format … escape=json`, recorded: nginx/b51-*) is read
    /// as its common-format line is; a JSON line without a request or a status is no access line.
    #[test]
    fn a_json_access_line_takes_its_request_s_cause() {
        let error = "2026/12/07 19:24:43 [error] 15922#15922: *3 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: _, request: \"GET /b51-ng-refused-cold HTTP/1.1\", upstream: \"http://127.0.0.1:29045/b51-ng-refused-cold\", host: \"127.0.0.1\"";
        let json = "{\"time\":\"2026-12-07T19:24:43+00:00\",\"remote_addr\":\"127.0.0.1\",\"request\":\"GET /b51-ng-refused-cold HTTP/1.1\",\"status\":502,\"body_bytes_sent\":157,\"request_time\":0.000,\"upstream_addr\":\"127.0.0.1:29045\",\"upstream_status\":\"502\"}";
        for lines in [[error, json], [json, error]] {
            assert_eq!(
                run(&lines),
                (
                    vec![(2 - u64::from(lines[0] == json), CauseId::UpstreamDown, 0.6)],
                    0
                )
            );
        }
        let quoted = json.replace("\"status\":502", "\"status\":\"502\"");
        assert!(matches!(
            super::super::read_line(quoted.as_bytes()),
            Line::StatusOnly(502)
        ));
        for not in [
            "{\"time\":\"2026-12-07T19:24:43+00:00\",\"status\":502}",
            "{\"time\":\"2026-12-07T19:24:43+00:00\",\"request\":\"GET / HTTP/1.1\",\"status\":5020}",
            "{\"time\":\"2026-12-07T19:24:43+00:00\",\"request\":\"GET / HTTP/1.1\",\"status\":200}",
        ] {
            assert!(!matches!(super::super::read_line(not.as_bytes()), Line::StatusOnly(_)), "{not}");
        }
    }

    /// Recorded (nginx 1.22.1, tests/fixtures/logs/nginx/b41-*): the error line then the
    /// access line, and the other way round (a shell's `*.log` puts access.log first).
    #[test]
    fn an_access_line_takes_its_request_s_cause() {
        let error = "2026/12/07 14:26:20 [error] 8489#8489: *15 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: _, request: \"GET /b41-hang HTTP/1.1\", upstream: \"http://127.0.0.1:9/b41-hang\", host: \"127.0.0.1\"";
        let access = "127.0.0.1 - - [07/Dec/2026:14:26:20 +0000] \"GET /b41-hang HTTP/1.1\" 504 167 \"-\" \"curl/7.88.1\"";
        let (out, unread) = run(&[error, access]);
        assert_eq!(out, vec![(2, CauseId::UpstreamTimeout, 0.6)]);
        assert_eq!(unread, 0);
        let (out, unread) = run(&[access, error]);
        assert_eq!(out, vec![(1, CauseId::UpstreamTimeout, 0.6)]);
        assert_eq!(unread, 0);
        // Another target, or the same one an hour later, is another request.
        let other = access.replace("/b41-hang", "/b41-other");
        assert_eq!(run(&[error, &other]), (vec![], 1));
        let later = access.replace("14:26:20", "15:26:20");
        assert_eq!(run(&[error, &later]), (vec![], 1));
        // An access line of a zone east of UTC beside nginx's local time.
        let zoned = access.replace("14:26:20 +0000", "14:26:20 +0100");
        assert_eq!(run(&[error, &zoned]).0.len(), 1);
    }

    /// Recorded (varnish 7.1.1, varnishlog's default grouping and varnishncsa's default
    /// format, tests/fixtures/logs/varnish/b44-close-noreply): the FetchError row names no
    /// URL; its transaction's BereqURL and Timestamp Start do.
    #[test]
    fn a_varnishncsa_line_takes_its_fetch_s_cause() {
        let rows = [
            "*   << BeReq    >> 10        ",
            "-   Begin          bereq 9 pass",
            "-   Timestamp      Start: 1796661748.986263 0.000000 0.000000",
            "-   BereqMethod    GET",
            "-   BereqURL       /b44-close-noreply",
            "-   FetchError     HTC eof (-1)",
            "-   BackendClose   21 b44_close_noreply close Received bad req/resp",
            "-   BereqAcct      139 0 139 0 0 0",
            "-   End            ",
        ];
        let ncsa = "127.0.0.1 - - [07/Dec/2026:16:42:28 +0000] \"GET http://127.0.0.1:29655/b44-close-noreply HTTP/1.1\" 503 279 \"-\" \"curl/7.88.1\"";
        let mut lines: Vec<&str> = rows.to_vec();
        lines.push(ncsa);
        let (out, unread) = run_reader(&lines);
        assert_eq!(unread, 0);
        assert_eq!(out.last().map(|o| o.0), Some(10));
        let mut first = vec![ncsa];
        first.extend(rows);
        assert_eq!(run_reader(&first).1, 0);
    }

    /// Recorded (Apache 2.4.62, tests/fixtures/logs/apache/b44-balancer-dead): a balancer's
    /// two refused members, two AH01114 lines with the client's address and no URL; the access
    /// line of that client a moment before joins the first, at 0.6 at most, either file first;
    /// another client's does not.
    #[test]
    fn an_apache_connect_failure_joins_by_client_and_time() {
        let error = [
            "[Mon Dec 07 16:41:42.990239 2026] [proxy:error] [pid 30920:tid 30952] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:29958 (127.0.0.1:29958) failed",
            "[Mon Dec 07 16:41:42.990274 2026] [proxy:error] [pid 30920:tid 30952] AH00959: ap_proxy_connect_backend disabling worker for (127.0.0.1:29958) for 60s",
            "[Mon Dec 07 16:41:42.990277 2026] [proxy_http:error] [pid 30920:tid 30952] [client 127.0.0.1:36538] AH01114: HTTP: failed to make connection to backend: 127.0.0.1",
            "[Mon Dec 07 16:41:42.990323 2026] [proxy:error] [pid 30920:tid 30952] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:30569 (127.0.0.1:30569) failed",
            "[Mon Dec 07 16:41:42.990334 2026] [proxy:error] [pid 30920:tid 30952] AH00959: ap_proxy_connect_backend disabling worker for (127.0.0.1:30569) for 60s",
            "[Mon Dec 07 16:41:42.990335 2026] [proxy_http:error] [pid 30920:tid 30952] [client 127.0.0.1:36538] AH01114: HTTP: failed to make connection to backend: 127.0.0.1",
        ];
        let access = "127.0.0.1 - - [07/Dec/2026:16:41:42 +0000] \"GET /b44-balancer-dead HTTP/1.1\" 503 607 \"-\" \"curl/7.88.1\"";
        let mut lines = error.to_vec();
        lines.push(access);
        let (out, unread) = run_reader(&lines);
        assert_eq!(unread, 0);
        assert_eq!(out, vec![(7, CauseId::NoHealthyUpstream)]);
        let mut first = vec![access];
        first.extend(error);
        let (out, unread) = run_reader(&first);
        assert_eq!((out.len(), unread), (1, 0));
        // Another client, or a request that came after the failure, is another request.
        let other = access.replace("127.0.0.1 - -", "192.0.2.7 - -");
        let mut lines = error.to_vec();
        lines.push(&other);
        assert_eq!(run_reader(&lines), (vec![], 1));
        let later = access.replace("16:41:42", "16:41:50");
        let mut lines = error.to_vec();
        lines.push(&later);
        assert_eq!(run_reader(&lines), (vec![], 1));
        assert_eq!(
            at_most(&[(CauseId::UpstreamDown, 95)]),
            &[(CauseId::UpstreamDown, 60)]
        );
    }

    /// Recorded (Caddy 2.6.2 with its `log` directive, tests/fixtures/logs/caddy/b-fastcgi-closed):
    /// the JSON access line ("handled request", status 502) and the error line of the same
    /// `uri` and `ts`, the access log first.
    #[test]
    fn a_caddy_access_line_takes_its_request_s_cause() {
        let access = r#"{"level":"error","ts":1796573022.6872702,"logger":"http.log.access.log0","msg":"handled request","request":{"remote_ip":"127.0.0.1","remote_port":"57264","proto":"HTTP/1.1","method":"GET","host":"127.0.0.1:34889","uri":"/b-fastcgi-closed","headers":{"User-Agent":["curl/7.88.1"],"Accept":["*/*"],"Connection":["close"]}},"user_id":"","duration":0.001153815,"size":0,"status":502,"resp_headers":{"Server":["Caddy"]}}"#;
        let error = r#"{"level":"error","ts":1796573022.6872413,"logger":"http.log.error.log0","msg":"EOF","request":{"remote_ip":"127.0.0.1","remote_port":"57264","proto":"HTTP/1.1","method":"GET","host":"127.0.0.1:34889","uri":"/b-fastcgi-closed","headers":{"Connection":["close"],"User-Agent":["curl/7.88.1"],"Accept":["*/*"]}},"duration":0.001153815,"status":502,"err_id":"iaje55qzs","err_trace":"reverseproxy.statusError (reverseproxy.go:1272)"}"#;
        assert_eq!(
            super::super::read_line(access.as_bytes()),
            Line::StatusOnly(502)
        );
        let (out, unread) = run_reader(&[access, error]);
        assert_eq!((out, unread), (vec![(1, CauseId::UpstreamReset)], 0));
        // A 200 of the access log is no failure.
        let fine = access.replace("\"status\":502", "\"status\":200");
        assert_eq!(super::super::read_line(fine.as_bytes()), Line::Other);
    }

    /// Recorded (nginx 1.22 under load, tests/fixtures/logs/nginx/b56-ngx-badhdr): four
    /// visitors' requests for one target fail over two seconds, each written in both logs;
    /// every access line joins, whichever log comes first (with one place a target, the next
    /// second's line pushed the waiting three out).
    #[test]
    fn several_requests_for_one_target_each_join() {
        let access = |second: u32, agent: &str| {
            format!("127.0.0.1 - - [07/Dec/2026:21:18:{second} +0000] \"GET /b56-ngx-badhdr HTTP/1.1\" 502 157 \"-\" \"{agent}\"")
        };
        let error = |second: u32, n: u32| {
            format!("2026/12/07 21:18:{second} [error] 27152#27152: *{n} upstream sent invalid header: \"Content-Type\\x20...\" while reading response header from upstream, client: 127.0.0.1, server: _, request: \"GET /b56-ngx-badhdr HTTP/1.1\", upstream: \"http://127.0.0.1:39089/b56-ngx-badhdr\", host: \"127.0.0.1:32359\"")
        };
        let access = [
            access(34, "curl/7.88.1"),
            access(34, "-"),
            access(34, "-"),
            access(35, "-"),
        ];
        let error = [
            error(34, 1522),
            error(34, 1345),
            error(34, 1345),
            error(35, 1535),
        ];
        for access_first in [true, false] {
            let mut lines: Vec<&str> = Vec::new();
            let (a, e): (Vec<&str>, Vec<&str>) = (
                access.iter().map(String::as_str).collect(),
                error.iter().map(String::as_str).collect(),
            );
            if access_first {
                lines.extend(&a);
                lines.extend(&e);
            } else {
                lines.extend(&e);
                lines.extend(&a);
            }
            let (out, unread) = run_reader(&lines);
            let joined = out
                .iter()
                .filter(|(_, c)| *c == CauseId::UpstreamInvalidResponse)
                .count();
            assert_eq!(
                (joined, unread),
                (4, 0),
                "access first: {access_first}: {out:?}"
            );
        }
    }

    /// Recorded (nginx 1.22.1 on loopback, its upstream refusing): three visitors ask for `/`
    /// and one for `/about` in the same second; every access line joins its error line.
    #[test]
    fn the_home_page_joins() {
        let access = |path: &str| {
            format!("127.0.0.1 - - [07/Dec/2026:22:24:13 +0000] \"GET {path} HTTP/1.1\" 502 157 \"-\" \"curl/7.88.1\"")
        };
        let error = |n: u32, path: &str| {
            format!("2026/12/07 22:24:13 [error] 27835#27835: *{n} connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: , request: \"GET {path} HTTP/1.1\", upstream: \"http://127.0.0.1:38412{path}\", host: \"127.0.0.1:38411\"")
        };
        let mut lines = vec![access("/"), access("/"), access("/"), access("/about")];
        lines.extend([
            error(1, "/"),
            error(3, "/"),
            error(5, "/"),
            error(7, "/about"),
        ]);
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (out, unread) = run_reader(&refs);
        assert_eq!(out.len(), 4, "{out:?}");
        assert!(out.iter().all(|(_, c)| *c == CauseId::UpstreamDown));
        assert_eq!(unread, 0);
    }

    #[test]
    fn targets() {
        assert_eq!(target(b"GET /x?a=1 HTTP/1.1"), Some(&b"/x?a=1"[..]));
        assert_eq!(target(b"/x"), Some(&b"/x"[..]));
        assert_eq!(
            target(b"GET http://127.0.0.1:80/x HTTP/1.1"),
            Some(&b"/x"[..])
        );
        assert_eq!(target(b"GET / HTTP/1.1"), Some(&b"/"[..]));
        assert_eq!(target(b"GET http://127.0.0.1:80 HTTP/1.1"), None);
        assert_eq!(target(b"-"), None);
    }

    /// Bounded: a flood of 5xx access lines that nothing explains holds `HELD` × `BUCKET` at
    /// most, and every one is counted once.
    #[test]
    fn held_lines_are_bounded() {
        let lines: Vec<String> = (0..1000)
            .map(|i| format!("127.0.0.1 - - [07/Dec/2026:14:26:20 +0000] \"GET /x{i} HTTP/1.1\" 502 157 \"-\" \"curl\""))
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(run(&refs), (vec![], 1000));
    }
}
