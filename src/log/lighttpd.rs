//! Reading lighttpd's error log: one line in, a finding or none.

use super::*;

/// lighttpd's source tag, `(gw_backend.c.274)` (src/log.c writes `(%s.%d) ` after its
/// date): the offset of its `(`.
pub(super) fn lighttpd_tag(line: &[u8]) -> Option<usize> {
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

pub(super) fn lighttpd(line: &[u8]) -> Option<Finding<'_>> {
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
    let mut f = own_rule(own).or_else(|| from_rule(GatewayId::Lighttpd, rules::LIGHTTPD, own))?;
    f.upstream = after(message, b"tcp:")
        .map(until_colon_space)
        .or_else(|| after(message, b"socket: unix:").map(until_colon_space))
        // A spawned process's connection name ("child exited: 1 unix:/run/app.sock-0").
        .or_else(|| after(message, b" unix:").map(until_colon_space))
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

/// The second a lighttpd error-log line was written in (its own date, or its carrier's).
pub(super) fn second(line: &[u8]) -> Option<i64> {
    // Its own date, 21 bytes before the tag (as `lighttpd` reads it), without reading the line.
    let tag = lighttpd_tag(line)?;
    if let Some(at) = tag
        .checked_sub(21)
        .and_then(|start| time::ymd(&line[start..]))
    {
        return Some(at);
    }
    match read_line(line) {
        Line::Found(f) if f.gateway == GatewayId::Lighttpd => f.at,
        _ => None,
    }
}

/// The socket of a failed connect ("establishing connection failed: socket: tcp:127.0.0.1:3000:
/// Connection refused" → `tcp:127.0.0.1:3000`), or None for any other line.
pub(super) fn connect_failed(line: &[u8]) -> Option<&[u8]> {
    let message = &line[lighttpd_tag(line)?..];
    let rest = after(message, b") establishing connection failed: socket: ")?;
    non_empty(until_colon_space(rest))
}

/// "all handlers for /path? on … are down." (gw_backend.c gw_host_get()).
pub(super) fn all_down(line: &[u8]) -> bool {
    lighttpd_tag(line).is_some_and(|tag| contains(&line[tag..], b") all handlers for "))
}

const LT_CONNECT: &str =
    "lighttpd1.4 src/gw_backend.c gw_establish_connection (connect(2)'s errno)";
const LT_FDEVENT: &str = "lighttpd1.4 src/gw_backend.c gw_process_fdevent (FDEVENT_ERR alone)";

/// An error event on the backend socket with nothing to read and no hang-up (1.4.69
/// gw_backend.c gw_process_fdevent(): FDEVENT_IN is read first, a hang-up while connecting
/// goes to the connect's own "establishing connection failed: <errno>", a hang-up after it to
/// "unexpected close of gw connection"; only an error alone reaches "got a FDEVENT_ERR. Don't
/// know why."). That is an asynchronous socket error the kernel flagged without data or a
/// hang-up: mostly an ICMP unreachable answering the connect (port: refused, as
/// `REJECT --reject-with icmp-port-unreachable` does, recorded: lighttpd/b14-fw-icmp; host or
/// network: a host down or a wrong address), less often an established connection that broke.
/// The line names neither the errno nor the phase: spread, top 0.45.
const FDEVENT_ERR: Dist = &[
    (crate::diagnose::CauseId::UpstreamDown, 45),
    (crate::diagnose::CauseId::UpstreamReset, 25),
    (crate::diagnose::CauseId::WrongUpstreamAddress, 20),
];

pub(super) const LT_CHILD: &str = "lighttpd1.4 src/gw_backend.c gw_proc_waitpid_log (mod_fastcgi.c before 1.4.46); recorded: lighttpd/b20-fcgi-spawn-dies";

/// A backend process lighttpd spawned (`bin-path`) ended without lighttpd killing it
/// (gw_proc_waitpid_log): "child exited: <status> <socket>", "child signalled: <signal>"
/// (a signal other than the ones lighttpd stops it with; "child signaled" before 1.4.46),
/// "child died somehow". The app crashed or failed to start: down, a state line. What else
/// it could mean: exit status 0 is a child that ended on purpose (PHP's
/// PHP_FCGI_MAX_REQUESTS recycling it): nothing; SIGKILL (9) is the kernel's OOM killer's
/// signal as much as an operator's `kill -9`, so memory comes second there. lighttpd's own
/// failure to spawn at start-up ("child exited with status 2 …", then "Going down") has other
/// words: lighttpd itself is not running then.
fn child_died(own: &[u8]) -> Option<Dist> {
    use CauseId::{UpstreamDown, UpstreamOutOfMemory};
    if let Some(status) = after(own, b"child exited: ") {
        let status = until(status, b' ');
        let failed = !status.is_empty()
            && status.iter().all(u8::is_ascii_digit)
            && status.iter().any(|d| *d != b'0');
        return failed.then_some(&[(UpstreamDown, 60)][..]);
    }
    let signal = after(own, b"child signalled: ").or_else(|| after(own, b"child signaled: "));
    if let Some(signal) = signal {
        return Some(if until(signal, b' ') == b"9" {
            &[(UpstreamDown, 60), (UpstreamOutOfMemory, 30)]
        } else {
            &[(UpstreamDown, 60)]
        });
    }
    contains(own, b"child died somehow").then_some(&[(UpstreamDown, 60)][..])
}

/// The rules of this file, tried before rules::LIGHTTPD.
fn own_rule(own: &[u8]) -> Option<Finding<'static>> {
    // "establishing connection failed: socket: tcp:…: Cannot assign requested address":
    // connect(2)'s EADDRNOTAVAIL (log_serror appends strerror): no local port left for that
    // destination, or an IPv6 address on a host without IPv6 (rules::no_local_port: the address decides).
    if contains(own, b"establishing connection failed")
        && contains(own, b"Cannot assign requested address")
    {
        let address = after(own, b"tcp:").map(until_colon_space);
        let causes = rules::no_local_port(address);
        return Some(finding(GatewayId::Lighttpd, causes, false, LT_CONNECT));
    }
    // server.c server_sockets_disable(): "[note] sockets disabled, connection limit reached"
    // (every client connection server.max-connections allows is open; by default a third of
    // the descriptor limit) or "…, out-of-fds": lighttpd stops accepting until a connection
    // ends ("sockets enabled again"); new clients wait in the kernel's listen queue. The
    // gateway at its own capacity, not any request's failure and not the app's: a state line
    // (recorded after round 14's rules: lighttpd/b14-gw-nofile, `ulimit -n 64`, the request
    // answered 200 after a wait).
    if contains(own, b"sockets disabled, connection limit reached")
        || contains(own, b"sockets disabled, out-of-fds")
    {
        return Some(finding(
            GatewayId::Lighttpd,
            &[(CauseId::Overloaded, 60)],
            true,
            "lighttpd1.4 src/server.c server_sockets_disable",
        ));
    }
    if let Some(causes) = child_died(own) {
        return Some(finding(GatewayId::Lighttpd, causes, true, LT_CHILD));
    }
    if contains(own, b"got a FDEVENT_ERR") {
        return Some(finding(GatewayId::Lighttpd, FDEVENT_ERR, false, LT_FDEVENT));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round 14 (recorded: lighttpd/b14-ports, lighttpd/b14-fw-icmp): EADDRNOTAVAIL on the
    /// connect reads by its address (rules::no_local_port); an error event alone on the
    /// backend socket is spread, the connect's failure first, never above 0.6.
    #[test]
    fn no_local_port_and_an_error_event_alone() {
        use CauseId::*;
        let v4 = "2026-12-06 23:57:29: (gw_backend.c.274) establishing connection failed: socket: tcp:10.0.0.7:8080: Cannot assign requested address";
        assert_eq!(cause(v4), Some((Overloaded, 0.6)));
        // gw_backend.c names the socket "tcp:" + host + ":" + port: IPv6 without brackets.
        let v6 = "2026-12-06 23:57:29: (gw_backend.c.274) establishing connection failed: socket: tcp:::1:8080: Cannot assign requested address";
        assert_eq!(cause(v6), Some((WrongUpstreamAddress, 0.6)));
        // Refused there: the one address lighttpd dials for the host (rules::REFUSED_V6);
        // at an IPv4 address, a refusal.
        let refused = "2026-12-07 04:33:15: (gw_backend.c.274) establishing connection failed: socket: tcp:::1:42759: Connection refused";
        assert_eq!(cause(refused), Some((WrongUpstreamAddress, 0.5)));
        let refused_v4 = "2026-12-07 04:33:15: (gw_backend.c.274) establishing connection failed: socket: tcp:127.0.0.1:42759: Connection refused";
        assert_eq!(cause(refused_v4), Some((UpstreamDown, 0.6)));
        let name = "2026-12-06 23:57:29: (gw_backend.c.274) establishing connection failed: socket: tcp:app.internal:8080: Cannot assign requested address";
        assert_eq!(cause(name), Some((Overloaded, 0.5)));
        let err = "2026-12-06 23:57:23: (gw_backend.c.2455) gw: got a FDEVENT_ERR. Don't know why.";
        let (c, p) = cause(err).unwrap();
        assert!(c == UpstreamDown && p < 0.6);
        // The gateway at its connection limit: a state line, overloaded.
        let limit = "2026-12-07 00:09:35: (server.c.1089) [note] sockets disabled, connection limit reached";
        match read_line(limit.as_bytes()) {
            Line::Found(f) => assert!(f.health && f.cause() == Overloaded && f.confidence() <= 0.6),
            _ => panic!("not read"),
        }
    }

    /// "all handlers for … are down" (gw_backend.c gw_host_get(), answered 503) is its
    /// request's failure: with the same second's connect line before it, that line's reading
    /// (recorded: lighttpd/b30-syn-drop, a connect timeout; lighttpd/refused); alone, the host
    /// down at 0.5 (held out: pi-hole/pi-hole#5131).
    #[test]
    fn all_handlers_down_is_its_request_failure() {
        use CauseId::*;
        let read = |text: &str| -> Vec<(bool, CauseId, f32)> {
            super::super::read_all(text.as_bytes())
                .into_iter()
                .map(|(_, line, cause, p)| {
                    let health = matches!(read_line(&line), Line::Found(f) if f.health);
                    (health, cause, p)
                })
                .collect()
        };
        let down = "2026-12-07 09:48:55: (gw_backend.c.960) all handlers for /x? on  are down.";
        assert_eq!(read(down), vec![(false, UpstreamDown, 0.5)]);
        let timed_out = "2026-12-07 09:48:55: (gw_backend.c.274) establishing connection failed: socket: tcp:127.0.0.1:9: Connection timed out\n2026-12-07 09:48:55: (gw_backend.c.960) all handlers for /x? on  are down.";
        let found = read(timed_out);
        assert_eq!(found.len(), 2);
        assert!(
            found.iter().all(|f| !f.0 && f.1 == UpstreamTimeout),
            "{found:?}"
        );
    }

    /// A spawned process's death (gw_proc_waitpid_log): down as a state line, but for exit
    /// status 0 (recycled on purpose) and lighttpd's own start-up failure's words.
    #[test]
    fn a_spawned_process_that_died() {
        use CauseId::*;
        let state = |line: &str| match read_line(line.as_bytes()) {
            Line::Found(f) => Some((
                f.health,
                f.cause(),
                f.confidence(),
                f.causes.get(1).map(|c| c.0),
            )),
            _ => None,
        };
        let exited = "2026-12-07 04:05:16: (gw_backend.c.362) child exited: 1 unix:/run/app.sock-0";
        assert_eq!(state(exited), Some((true, UpstreamDown, 0.6, None)));
        assert_eq!(
            state("2026-12-07 04:05:16: (gw_backend.c.362) child exited: 0 unix:/run/app.sock-0"),
            None
        );
        let killed = "2026-12-07 04:05:16: (gw_backend.c.376) child signalled: 9";
        assert_eq!(
            state(killed),
            Some((true, UpstreamDown, 0.6, Some(UpstreamOutOfMemory)))
        );
        assert_eq!(
            state("2010-12-29 09:16:11: (mod_fastcgi.c.2803) child signaled: 11").map(|s| s.1),
            Some(UpstreamDown)
        );
        assert_eq!(state("2016-01-27 01:02:38: (mod_fastcgi.c.1116) child exited with status 2 /usr/bin/php-cgi"), None);
    }

    /// Round 10 (recorded, lighttpd/b10-chunk-overflow): the backend's chunked answer that does
    /// not parse (http_chunk.c) is read as an invalid answer; the line after it, alone, is
    /// spread with the invalid answer first (a reset writes its `read()` line before it, a close
    /// writes nothing: round 21 (a)), never above 0.6. Guard: h1.c's words for a client's
    /// chunked request body are not the backend's.
    #[test]
    fn a_backend_chunked_answer_that_does_not_parse() {
        use CauseId::*;
        let chunk = "2026-12-06 20:40:54: (http_chunk.c.336) chunked data size too large";
        assert_eq!(cause(chunk).unwrap().0, UpstreamInvalidResponse);
        let after = "2026-12-06 20:40:54: (gw_backend.c.2396) response already sent out, but backend returned error on socket: tcp:127.0.0.1:36809 for /b10-chunk-overflow?, terminating connection";
        let (c, p) = cause(after).unwrap();
        assert!(c == UpstreamInvalidResponse && p <= 0.6);
        let client = "2026-12-06 20:40:54: (h1.c.692) chunked data size too large -> 400";
        assert!(cause(client).is_none_or(|(c, _)| c != UpstreamInvalidResponse));
    }

    /// Round 11 (recorded, lighttpd/b11-uwsgi-listen-full): a unix socket whose listen queue is
    /// full. lighttpd takes the connect's EAGAIN as "in progress" and writes to a socket never
    /// connected: ENOTCONN (network_write.c), then the same second's consequence lines, which
    /// take its cause. Alone, "dropped after accept() … write-offset: 0" stays a weak reset.
    #[test]
    fn a_unix_socket_whose_listen_queue_is_full() {
        use CauseId::*;
        let write = "2026-12-06 21:17:17: (network_write.c.109) write failed: 10: Transport endpoint is not connected";
        assert_eq!(cause(write), Some((Overloaded, 0.6)));
        let dropped = "2026-12-06 21:17:17: (gw_backend.c.2026) connection was dropped after accept() (perhaps the gw process died), write-offset: 0 socket: unix:/run/uwsgi/app.sock";
        let (c, p) = cause(dropped).unwrap();
        assert!(c == UpstreamReset && p < 0.6);
        let read = "2026-12-06 21:17:17: (http-header-glue.c.1341) read() 9 10: Invalid argument";
        let not_sent = "2026-12-06 21:17:17: (gw_backend.c.2380) response not received, request not sent on socket: unix:/run/uwsgi/app.sock for /x?, reconnecting";
        let text = [write, dropped, read, not_sent].join("\n");
        let read_all = super::super::read_all(text.as_bytes());
        assert_eq!(read_all.len(), 4);
        assert!(read_all.iter().all(|r| r.2 == Overloaded && r.3 <= 0.6));
        // A backend that accepted and went away mid-request (EPIPE, a byte written) keeps its
        // own reading.
        let midway = "2026-12-06 21:17:17: (gw_backend.c.2026) connection was dropped after accept() (perhaps the gw process died), write-offset: 412 socket: unix:/run/uwsgi/app.sock";
        assert_eq!(cause(midway).unwrap().0, UpstreamReset);
    }
}
