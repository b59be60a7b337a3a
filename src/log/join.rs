//! An access log's 5xx line and its request's error-log line: one failure written twice.
//!
//! nginx, Apache, lighttpd, Caddy's `common_log` and varnishncsa write each request with its
//! status in the access log (the common log format) and the reason in the error log; a 5xx
//! access line alone names no cause (`Line::StatusOnly`). When a finding of the error log names
//! the same request target (`Finding::request`: nginx's `request: "GET /x HTTP/1.1"`, Apache's
//! "returned by /x", Caddy's `"uri"`) within `WINDOW` seconds of the access line, the access
//! line is that request's record and takes the finding's causes. The logs may come in either
//! order (`explain502 log access.log error.log`, a shell's `*.log`): up to `HELD` access lines
//! wait for their error line and up to `KEPT` findings for their access line, so memory stays
//! bounded whatever the input. A finding without a target (Apache's AH00957 and AH01114, a
//! varnishlog row) joins nothing: the time alone cannot tell two requests of one second apart.
//! What else a match could be: another request for the same target in the same window, failed
//! for another reason (a busy site whose one URL fails twice in a minute); the nearest in time
//! is taken, and each finding joins one access line at most.

use super::bytes::{after, find, until};
use super::{name_hash, time, Finding, GatewayId, Line};
use crate::prelude::*;
use alloc::collections::VecDeque;

/// How far apart the two lines' times may be: nginx writes the access line when the request
/// ends and the error line when it failed, Apache's access line has the time the request
/// came, so the two are a timeout apart at most (Apache's default `Timeout` is 60 s, nginx's
/// `proxy_read_timeout` 60 s); five minutes covers a raised one.
const WINDOW: i64 = 300;
/// Access lines waiting for their error line.
const HELD: usize = 256;
/// Findings waiting for their access line.
const KEPT: usize = 256;
/// The longest access line held (longer ones are counted as they read, never held).
const LINE_MAX: usize = 4096;

struct Kept {
    target: u64,
    at: i64,
    gateway: GatewayId,
    causes: super::rules::Dist,
    source: &'static str,
}

struct Held {
    from: u32,
    number: u64,
    line: Vec<u8>,
    target: u64,
    /// The access line's time as written (local) and in UTC (its zone applied).
    local: i64,
    utc: i64,
}

/// What a joined access line is emitted with: which source it came from (the caller's index),
/// its line number there, the line, and its finding.
pub type Joined<'f> = dyn FnMut(u32, u64, &[u8], Finding<'_>) + 'f;

#[derive(Default)]
pub struct Join {
    kept: VecDeque<Kept>,
    held: VecDeque<Held>,
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
    (request.starts_with(b"/") && request.len() > 1).then_some(request)
}

/// An access line's request target and its time (local as written, and UTC).
fn access(line: &[u8]) -> Option<(u64, i64, i64)> {
    let request = until(after(line, b"\"")?, b'"');
    let target = name_hash(target(request)?);
    let stamp = after(line, b"[")?;
    let utc = time::clf(stamp)?;
    let local = time::clf(&stamp[..stamp.len().min(20)])?;
    Some((target, local, utc))
}

impl Join {
    pub fn new() -> Join {
        Join::default()
    }

    /// A finding of any source: joins the nearest held access line of its request, if any,
    /// else is kept for an access line to come.
    pub fn finding(&mut self, f: &Finding<'_>, joined: &mut Joined<'_>) {
        if f.health || f.record || f.causes.is_empty() {
            return;
        }
        let (Some(request), Some(at)) = (f.request, f.at) else {
            return;
        };
        let Some(target) = target(request).map(name_hash) else {
            return;
        };
        let near = self
            .held
            .iter()
            .enumerate()
            .filter(|(_, h)| h.target == target)
            .map(|(i, h)| (i, (at - h.local).abs().min((at - h.utc).abs())))
            .filter(|(_, apart)| *apart <= WINDOW)
            .min_by_key(|(_, apart)| *apart);
        if let Some((i, _)) = near {
            if let Some(h) = self.held.remove(i) {
                let found = Finding {
                    gateway: f.gateway,
                    causes: f.causes,
                    health: false,
                    upstream: None,
                    request: super::access_request(&h.line),
                    at: Some(h.utc),
                    source: f.source,
                    record: true,
                };
                joined(h.from, h.number, &h.line, found);
            }
            return;
        }
        if self.kept.len() >= KEPT {
            self.kept.pop_front();
        }
        self.kept.push_back(Kept {
            target,
            at,
            gateway: f.gateway,
            causes: f.causes,
            source: f.source,
        });
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
        let (Line::StatusOnly(_), Some((target, local, utc))) = (read, access(line)) else {
            return other(read);
        };
        let near = self
            .kept
            .iter()
            .enumerate()
            .filter(|(_, k)| k.target == target)
            .map(|(i, k)| (i, (k.at - local).abs().min((k.at - utc).abs())))
            .filter(|(_, apart)| *apart <= WINDOW)
            .min_by_key(|(_, apart)| *apart);
        if let Some((i, _)) = near {
            if let Some(k) = self.kept.remove(i) {
                let found = Finding {
                    gateway: k.gateway,
                    causes: k.causes,
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
        if line.len() > LINE_MAX {
            return other(read);
        }
        if self.held.len() >= HELD {
            if let Some(out) = self.held.pop_front() {
                other(&super::read_line(&out.line));
            }
        }
        self.held.push_back(Held {
            from,
            number,
            line: line.to_vec(),
            target,
            local,
            utc,
        });
    }

    /// The end of the input: every access line still waiting is one that names no cause.
    pub fn finish(&mut self, other: &mut dyn FnMut(&Line<'_>)) {
        for h in self.held.drain(..) {
            other(&super::read_line(&h.line));
        }
        self.kept.clear();
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
                Line::Found(f) => join.finding(f, &mut joined),
                _ => join.other(0, number, line.as_bytes(), &read, &mut joined, &mut |r| {
                    unread += u64::from(matches!(r, Line::StatusOnly(_)))
                }),
            }
        }
        join.finish(&mut |r| unread += u64::from(matches!(r, Line::StatusOnly(_))));
        (out, unread)
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

    #[test]
    fn targets() {
        assert_eq!(target(b"GET /x?a=1 HTTP/1.1"), Some(&b"/x?a=1"[..]));
        assert_eq!(target(b"/x"), Some(&b"/x"[..]));
        assert_eq!(
            target(b"GET http://127.0.0.1:80/x HTTP/1.1"),
            Some(&b"/x"[..])
        );
        assert_eq!(target(b"GET / HTTP/1.1"), None);
        assert_eq!(target(b"-"), None);
    }

    /// Bounded: a flood of 5xx access lines that nothing explains holds `HELD` at most, and
    /// every one is counted once.
    #[test]
    fn held_lines_are_bounded() {
        let lines: Vec<String> = (0..1000)
            .map(|i| format!("127.0.0.1 - - [07/Dec/2026:14:26:20 +0000] \"GET /x{i} HTTP/1.1\" 502 157 \"-\" \"curl\""))
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(run(&refs), (vec![], 1000));
    }
}
