//! Reading HAProxy's logs: httplog/tcplog termination states, operators' log-formats, health checks: one line in, a finding or none.

use super::*;

/// A failed check's reason, as src/check.c's check_statuses[] describe it ("Layer4 connection
/// problem", "Layer7 wrong status"…), written after ", reason: " by "Server be/app is DOWN" and
/// by `option log-health-checks`'s "Health check for server be/app failed".
pub(super) fn haproxy_check_reason(line: &[u8]) -> Dist {
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

/// The failed checks' descriptions in src/check.c's check_statuses[] that name a layer.
const CHECK_FAILURES: [&[u8]; 7] = [
    b"Layer4 timeout",
    b"Layer4 connection problem",
    b"Layer6 timeout",
    b"Layer6 invalid response",
    b"Layer7 timeout",
    b"Layer7 invalid response",
    b"Layer7 wrong status",
];

pub(super) fn haproxy(line: &[u8]) -> Option<Finding<'_>> {
    // A failed check's status quoted alone, as HAProxy's stats page shows it ("Layer4
    // connection problem: Connection refused", its description then the check's info) or
    // a wrapped paste's "reason: Layer4 connection problem," line (held-out w14,
    // eclipse/steady#51): a state line, read as the whole check line's reason is.
    let alone = trim_start(line);
    let alone = alone.strip_prefix(b"reason: ").unwrap_or(alone);
    if CHECK_FAILURES
        .iter()
        .any(|status| alone.starts_with(status))
    {
        return Some(finding(
            GatewayId::Haproxy,
            haproxy_check_reason(alone),
            true,
            "HAProxy src/check.c check_statuses[] (a failed check's description)",
        ));
    }
    if let Some(server) = after(line, b"Server ") {
        // "Server be/app is DOWN, reason: <check status>" (src/server.c; the check statuses of
        // src/check.c), or "is going DOWN for maintenance (DNS NX status)".
        // "Server be/app enters drain state." (src/server.c, srv_update_status(): the runtime
        // API's `set server … state drain`, the stats page, or an agent-check answering
        // "drain"): it takes no new connection, so with no other server the backend has none
        // (recorded from HAProxy 2.6.12: then "backend 'be' has no server available!" and
        // `be/<NOSRV> … SC--` 503s). Someone took it out of rotation: maintenance; what else it
        // could be: an agent that drains an app it finds unwell (its own health, not an operator).
        if contains(line, b" enters drain state") {
            let mut f = finding(
                GatewayId::Haproxy,
                &[(CauseId::Maintenance, 70), (CauseId::NoHealthyUpstream, 20)],
                true,
                "HAProxy src/server.c srv_update_status() (\"Server %s/%s enters drain state\")",
            );
            f.upstream = non_empty(until(server, b' '));
            return Some(f);
        }
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
    // A server's name that did not resolve when HAProxy read its configuration (src/server.c
    // srv_iterate_initaddr(): "parsing [%s:%d] : 'server %s' : could not resolve address
    // '%s'." as an ALERT, then "Failed to initialize server(s) addr." and HAProxy does not
    // start or reload; with `init-addr none` a WARNING ending ", disabling server." and the
    // server stays in maintenance). A state line, no request: the name's; what else it could
    // be: a name mistyped in the configuration (then the address is wrong, and the lookup
    // fails the same way).
    if let Some(name) =
        after(line, b"' : could not resolve address '").filter(|_| contains(line, b"'server "))
    {
        let mut f = finding(
            GatewayId::Haproxy,
            rules::DNS,
            true,
            "HAProxy src/server.c srv_iterate_initaddr() (\"could not resolve address '%s'\")",
        );
        f.upstream = non_empty(until(name, b'\''));
        return Some(f);
    }
    if contains(line, b"has no server available!") {
        let mut f = finding(
            GatewayId::Haproxy,
            rules::NO_HEALTHY,
            true,
            codes::HAPROXY_SRC,
        );
        // src/backend.c writes the name quoted ("backend 'be' has no server available!",
        // recorded from HAProxy 2.6.12's stderr), the syslog copy too in some versions.
        f.upstream = after(line, b"backend ")
            .or_else(|| after(line, b"Backend "))
            .map(|r| until(r, b' '))
            .map(|name| name.strip_prefix(b"'").unwrap_or(name))
            .map(|name| name.strip_suffix(b"'").unwrap_or(name))
            .and_then(non_empty);
        return Some(f);
    }
    haproxy_httplog(line).or_else(|| haproxy_log_format(line))
}

/// A termination state as HAProxy writes it (`%ts`/`%tsc`, doc/configuration.txt "8.5.
/// Session state at disconnection"): the side and the phase, then (`%tsc`) the persistence
/// cookie's two characters.
pub(super) fn termination_state(t: &[u8]) -> bool {
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
pub(super) fn haproxy_log_format(line: &[u8]) -> Option<Finding<'_>> {
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
    // A short, unkeyed `log-format` (`%ci %b/%s %ST %tsc %Tr`, recorded: haproxy/b13-short-timeout)
    // writes the status bare: a three-digit HTTP status (100–599) right after the `backend/server`
    // pair (`%b/%s`) or the timers, or right before the state (`%ST %tsc`), the order of HAProxy's own
    // httplog (which haproxy_httplog reads when its ` [date]` comes first: a redacted ` [addr]`
    // before it leaves the line to this reader) (src/log.c's logformat_keywords[]: "ST" status code, "ts"/"tsc" termination
    // state). Only on HAProxy's tag, where the line is its own access line; what else a bare
    // number there could be: `%B` bytes or `%Tr` milliseconds in another order, which
    // codes::haproxy only uses to tell a client's `PH` 400/500 from a server's; a mis-taken
    // status changes no cause but PH's.
    let http = |t: &[u8]| t.len() == 3 && number(t).is_some_and(|n| (100..600).contains(&n));
    // `%b/%s`: one slash between two names.
    let pair = |t: &[u8]| {
        t.iter().filter(|b| **b == b'/').count() == 1
            && find_byte(t, b'/').is_some_and(|p| p > 0 && p + 1 < t.len())
    };
    // httplog's timers `%TR/%Tw/%Tc/%Tr/%Ta` (tcplog's `%Tw/%Tc/%Tt`): numbers (or -1) and slashes.
    let timers = |t: &[u8]| {
        t.iter().filter(|b| **b == b'/').count() >= 2
            && t.iter().all(|b| b.is_ascii_digit() || b"/-+".contains(b))
    };
    let at = tokens.iter().position(|(_, t)| *t == state).unwrap_or(0);
    let bare = tag.and_then(|_| {
        let w = tokens[..at]
            .windows(2)
            .find(|w| (pair(w[0].1) || timers(w[0].1)) && http(w[1].1))?;
        Some((w[1].1, w[0].1))
    });
    let status = tokens
        .windows(2)
        .find(|w| contains(w[0].1, b"status"))
        .and_then(|w| number(w[1].1))
        // `option httplog clf`: a common log line's status after the quoted request.
        .or_else(|| access_status(body).map(u64::from))
        .or_else(|| bare.and_then(|(t, _)| number(t)))
        .or_else(|| {
            let before = at.checked_sub(1).map(|k| tokens[k].1)?;
            tag.and(http(before).then_some(before)).and_then(number)
        });
    // An access line has a status: without one, a word of HAProxy's own messages that happens
    // to fit the grammar ("SHED") is not taken for a state.
    status?;
    let causes = codes::haproxy(state[0], state[1], contains(body, b"<NOSRV>"), status)?;
    let mut f = finding(GatewayId::Haproxy, causes, false, codes::HAPROXY_SRC);
    f.upstream = tokens
        .windows(2)
        .find(|w| w[0].1 == b"backend")
        .map(|w| w[1].1)
        // The short format's `%b/%s` pair, right before its bare status.
        .or_else(|| bare.map(|(_, before)| before).filter(|t| pair(t)))
        .and_then(non_empty);
    // `%tr`/`%t` (`06/Dec/2026:16:00:34.254`) wherever the format put it.
    f.at = body
        .windows(3)
        .position(|w| w[0].is_ascii_digit() && w[2] == b'/')
        .and_then(|at| time::clf(&body[at..]));
    Some(f)
}

pub(super) fn haproxy_httplog(line: &[u8]) -> Option<Finding<'_>> {
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
    // httplog: status bytes cookie cookie state; tcplog: bytes state; an operator's shortened
    // httplog (`… %TR/%Tw/%Tc/%Tr/%Ta %ST %B %tsc`, the default without the cookies, counters
    // and request): status bytes state. The last is taken only after an HTTP status and a byte
    // count, so that a tcplog's third field (`1/1/0/0/0`) or another format's word is not read
    // as one; it comes before anything a client wrote (a request, a header). Its `SC` may also
    // be TLS spoken to a plain server (recorded: b9-lf-ssl-to-plain): codes.rs spreads it.
    let rest: Vec<&[u8]> = tokens.take(5).collect();
    let http_status =
        |t: &&[u8]| t.len() == 3 && number(t).is_some_and(|n| (100..600).contains(&n));
    let short =
        rest.first().is_some_and(http_status) && rest.get(1).and_then(|t| number(t)).is_some();
    let (place, state) = [4, 1, 2]
        .into_iter()
        .filter(|n| *n != 2 || short)
        // `option tcplog` writes only the first two characters of the state.
        .find_map(|n| {
            rest.get(n)
                .filter(|t| termination_state(t))
                .map(|t| (n, *t))
        })?;
    let no_server = contains(backend, b"<NOSRV>");
    // httplog: the status is the first field after the timers (tcplog has none).
    let status = rest
        .first()
        .filter(|_| rest.len() >= 5 || place == 2)
        .and_then(|t| number(t));
    let mut source = codes::HAPROXY_SRC;
    let mut causes = match codes::haproxy(state[0], state[1], no_server, status) {
        Some(causes) => causes,
        // A status outside 100–599 with no termination flag (`999 … ----`): HAProxy's HTTP/1
        // parser takes any digits (src/h1.c h1_parse_msg_stline), so a server's answer with a
        // code HTTP does not define (RFC 9110 15) is relayed as is (recorded: "HTTP/1.1 999 Odd",
        // haproxy/b10-status-999). The same line comes from the operator's own
        // `http-response set-status` (doc/configuration.txt: "between 100 and 999"), a
        // rewrite and no failure: no more than 0.6.
        None if state.starts_with(b"--") && status.is_some_and(|s| s >= 600) => {
            source = "HAProxy src/h1.c h1_parse_msg_stline (any digits), doc/configuration.txt set-status";
            &[(CauseId::UpstreamInvalidResponse, 60)]
        }
        None => return None,
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Blind round 10 (recorded, haproxy/b10-*): a status HTTP does not define, relayed with no
    /// termination flag, is read as a bad answer at 0.6; an app's own 502 (`----`) is not read.
    #[test]
    fn a_status_outside_http() {
        let odd = br#"<134>Dec  6 20:50:48 haproxy[18368]: 127.0.0.1:45024 [06/Dec/2026:20:50:48.512] fe be10_status_999/app 0/0/0/1/1 999 75 - - ---- 1/1/0/0/0 0/0 "GET /b10-status-999 HTTP/1.1""#;
        match read_line(odd) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamInvalidResponse);
                assert!(f.confidence() <= 0.6);
            }
            _ => panic!("not read"),
        }
        let own = br#"<134>Dec  6 20:51:04 haproxy[18368]: 127.0.0.1:36390 [06/Dec/2026:20:51:04.510] fe be10_app_502/app 0/0/0/0/0 502 159 - - ---- 1/1/0/0/0 0/0 "GET /b10-app-502 HTTP/1.1""#;
        assert!(!matches!(read_line(own), Line::Found(_)));
    }

    /// Blind round 11 (recorded, haproxy/b11-*): `sH--` is a timeout before the headers, which a
    /// request queued behind an app server's busy workers writes too (php-fpm at
    /// pm.max_children): a timeout at 0.6 at most, overloaded next; `SH--` (a worker killed by
    /// its app server's own timeout) stays a reset.
    #[test]
    fn a_timeout_before_the_headers_may_be_a_queue() {
        let queued = br#"2026-12-06T21:11:59.325681+00:00 vm haproxy[25046]: 127.0.0.1:40176 [06/Dec/2026:21:11:56.324] fe be_fpm-max-children/php 0/0/0/-1/3001 504 198 - - sH-- 2/2/0/0/0 0/0 "GET /b11-fpm-max-children HTTP/1.1""#;
        match read_line(queued) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamTimeout);
                assert!(f.confidence() <= 0.6);
                assert_eq!(f.causes.get(1).map(|c| c.0), Some(CauseId::Overloaded));
            }
            _ => panic!("not read"),
        }
        let killed = br#"2026-12-06T21:11:13.419405+00:00 vm haproxy[25046]: 127.0.0.1:54508 [06/Dec/2026:21:11:12.212] fe be_gu-timeout/app 0/0/0/-1/1206 502 208 - - SH-- 1/1/0/0/0 0/0 "GET /b11-gu-timeout HTTP/1.1""#;
        match read_line(killed) {
            Line::Found(f) => assert_eq!(f.cause(), CauseId::UpstreamReset),
            _ => panic!("not read"),
        }
    }

    /// Blind round 13 (recorded, haproxy/b13-short-timeout): a short unkeyed log-format
    /// (`%ci %b/%s %ST %tsc %Tr`) is read by its bare status after `%b/%s`; the same words
    /// without HAProxy's tag, or without a status, are not.
    #[test]
    fn a_short_log_format() {
        let short = b"2026-12-06T23:10:36.146448+00:00 vm haproxy[14569]: 127.0.0.1 be_short/app 504 sH-- -1";
        match read_line(short) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamTimeout);
                assert!(f.confidence() <= 0.6);
                assert_eq!(f.upstream, Some(&b"be_short/app"[..]));
            }
            _ => panic!("not read"),
        }
        assert!(!matches!(
            read_line(b"127.0.0.1 be_short/app 504 sH-- -1"),
            Line::Found(_)
        ));
        assert!(!matches!(
            read_line(b"Dec  6 23:10:36 vm haproxy[14569]: 127.0.0.1 be_short/app sH-- -1"),
            Line::Found(_)
        ));
    }
    /// Blind round 14 (recorded, haproxy/b14-ports-exhausted, b14-unreachable): a connect() that
    /// fails locally with EADDRNOTAVAIL (one ephemeral port, taken) writes "Connect() failed for
    /// backend …: no free ports." (src/proto_tcp.c, SF_ERR_RESOURCE), read as the gateway's own
    /// limit; the request's own line then says `SC--`, because src/backend.c
    /// back_try_conn_req() retries SF_ERR_RESOURCE as any connect error (SC_ST_CER): the same
    /// words as a refusal or an unreachable host (ECONNREFUSED, EHOSTUNREACH), so it stays at
    /// 0.6 at most whatever it is read as.
    #[test]
    fn no_free_ports_then_sc() {
        let ports = b"2026-12-06T23:54:25.712813+00:00 vm haproxy[31581]: Connect() failed for backend be_x: no free ports.";
        match read_line(ports) {
            Line::Found(f) => assert_eq!(f.cause(), CauseId::Overloaded),
            _ => panic!("not read"),
        }
        let sc = br#"2026-12-06T23:54:25.713004+00:00 vm haproxy[31581]: 127.0.0.1:61000 [06/Dec/2026:23:54:25.712] fe be_x/app 0/0/-1/-1/0 503 216 - - SC-- 1/1/0/0/3 0/0 "GET /x HTTP/1.1""#;
        match read_line(sc) {
            Line::Found(f) => assert!(f.confidence() <= 0.6),
            _ => panic!("not read"),
        }
    }
    /// Blind round 16 (recorded, haproxy/b16-smtp-port): `PH--` with a 502 is an answer that did
    /// not parse, from a broken app or from a port where another protocol's server listens (an
    /// SMTP banner): no more than 0.6, a wrong address next.
    #[test]
    fn an_invalid_answer_may_be_another_service() {
        let ph = br#"2026-12-07T01:51:13.442944+00:00 vm haproxy[16492]: 127.0.0.1:55268 [07/Dec/2026:01:51:13.441] fe be_smtp_port/app 0/0/0/-1/0 502 208 - - PH-- 1/1/0/0/0 0/0 "GET /b16-smtp-port HTTP/1.1""#;
        match read_line(ph) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamInvalidResponse);
                assert!(f.confidence() <= 0.6);
                assert_eq!(
                    f.causes.get(1).map(|c| c.0),
                    Some(CauseId::WrongUpstreamAddress)
                );
            }
            _ => panic!("not read"),
        }
    }
}
