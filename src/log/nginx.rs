//! Reading nginx's error.log: one line in, a finding or none.

use super::*;

/// nginx: `2026/12/06 09:04:33 [error] 18759#18759: *2 message`: the offset of the message.
pub(super) fn nginx_message(line: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(hash) = find_byte(&line[from..], b'#').map(|p| p + from) {
        from = hash + 1;
        let pid = line[..hash]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        // After the level's `] `, or at the line's start: the date and level cut off in a
        // paste (`38933#38933: *1 connect() failed …`), the header nginx's own still.
        let at_start = hash == pid;
        if pid == 0 || !at_start && (hash < pid + 2 || &line[hash - pid - 2..hash - pid] != b"] ") {
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
pub(super) fn nginx_body(line: &[u8]) -> Option<usize> {
    let Some(client) = find(line, b", client: ") else {
        return nginx_bare(line);
    };
    let star = if line.first() == Some(&b'*') {
        0
    } else {
        match find(&line[..client], b"] *") {
            Some(at) => at + 2,
            // No connection number either (a paste that starts at the message): nginx's still
            // when the words before ", client: " end with the upstream's phase, as a bare
            // message's do (held-out w15, ietf-tools/mailarchive#4016).
            None => return nginx_bare(&line[..client]),
        }
    };
    let digits = line[star + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (digits > 0 && line.get(star + 1 + digits) == Some(&b' ') && star + 1 + digits < client)
        .then_some(star + digits + 2)
}

/// What ngx_http_upstream.c is doing when it logs (`c->log->action`, which
/// src/core/ngx_log.c ngx_log_error_core() appends as " while %s"): the upstream's phases.
const UPSTREAM_ACTIONS: [&[u8]; 5] = [
    b" while connecting to upstream",
    b" while sending request to upstream",
    b" while reading response header from upstream",
    b" while reading upstream",
    b" while SSL handshaking to upstream",
];

/// nginx's own line on its standard error, as `nginx -t`, a failed start or reload, and
/// `systemctl status`/`docker logs` show it: `nginx: [emerg] host not found in upstream …`
/// (src/core/ngx_log.c ngx_log_error_core() writes "nginx: [%V] " and the message, without
/// date, pid or connection, for levels up to warn while nginx still has its console): the
/// message's offset, behind a carrier's header or not.
pub(super) fn nginx_stderr(line: &[u8]) -> Option<usize> {
    let at = find(line, b"nginx: [")? + 8;
    let level = until(&line[at..], b']');
    let levels: [&[u8]; 7] = [
        b"emerg", b"alert", b"crit", b"error", b"warn", b"notice", b"info",
    ];
    (levels.contains(&level) && line[at + level.len()..].starts_with(b"] "))
        .then_some(at + level.len() + 2)
}

/// The message alone, as people paste it from a thread or a dashboard ("upstream sent too big
/// header while reading response header from upstream"): no date, level, pid or connection
/// number, no `, client: `. What makes it nginx's is the upstream phase nginx appends (UPSTREAM_ACTIONS) at
/// the message's end; OpenResty, Tengine and ingress-nginx are nginx and write the same. The
/// line's own words start at its first byte.
pub(super) fn nginx_bare(line: &[u8]) -> Option<usize> {
    // Cut at the end of nginx's own words: before the `.` a sentence gets in a post, or
    // after the `,` nginx writes before ", client: " (a paste cut there, the request's
    // fields left out as private or long).
    // A paste may also stop right after ", client:" (held out: nginx-proxy#1591).
    let line = line.trim_ascii_end();
    let line = line.strip_suffix(b", client:").unwrap_or(line);
    let line = line.strip_suffix(b",").unwrap_or(line);
    // Every dot or ellipsis the poster ended with (held out w21, nginx-proxy#936:
    // "… while SSL handshaking to upstream....").
    let mut line = line;
    while let Some(cut) = line
        .strip_suffix(b".")
        .or_else(|| line.strip_suffix("\u{2026}".as_bytes()))
    {
        line = cut;
    }
    UPSTREAM_ACTIONS
        .iter()
        .any(|action| line.ends_with(action))
        .then_some(0)
}

/// Where the dry-run wording comes from.
const NGX_DRY_RUN: &str =
    "nginx src/http/modules/ngx_http_limit_req_module.c, ngx_http_limit_conn_module.c (dry run)";

pub(super) fn nginx(line: &[u8], message: usize) -> Option<Finding<'_>> {
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
    // nginx's own limits in `limit_req_dry_run on` / `limit_conn_dry_run on` (1.17.1+):
    // ngx_http_limit_req_module.c writes "limiting requests, dry run, excess: …" and
    // ngx_http_limit_conn_module.c "limiting connections, dry run, by zone …" for a request
    // it lets through (the dry run only counts): no refusal, no upstream failure; the same
    // words without ", dry run" are a refusal (503 or limit_*_status), read by rules::NGINX.
    let dry_run = contains(own, b"limiting requests, dry run")
        || contains(own, b"limiting connections, dry run");
    let client_side = client_side.or_else(|| {
        dry_run.then(|| finding(GatewayId::Nginx, rules::NOT_UPSTREAM, false, NGX_DRY_RUN))
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
    // EADDRNOTAVAIL: the address dialled decides (rules::no_local_port), as "connect() to
    // [::]:9000 failed (99: …)" or the request's upstream names it (held out:
    // privatebin/docker-nginx-fpm-alpine#99, an IPv6 any-address in a container without IPv6).
    if f.causes == rules::NO_LOCAL_PORT {
        let dialled = after(own, b"connect() to ")
            .map(|r| until(r, b' '))
            .or(f.upstream);
        f.causes = rules::no_local_port(dialled);
    }
    f.request = quoted_after(text, b"request: \"").and_then(non_empty);
    // The date sits just before " [level]".
    f.at = find(line, b" [")
        .and_then(|bracket| bracket.checked_sub(19))
        .and_then(|start| time::ymd(&line[start..]));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paste that cut the date and level off still starts with nginx's own `pid#tid: `
    /// (src/core/ngx_log.c): read as nginx's line (errno 111 is a refusal whatever text the
    /// libc gives it).
    #[test]
    fn a_line_without_its_date_and_level() {
        let cut = "38933#38933: *1 connect() failed (111: Unknown error) while connecting to upstream, client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", upstream: \"uwsgi://127.0.0.1:9090\", host: \"localhost:8080\"";
        assert_eq!(cause(cut), Some((CauseId::UpstreamDown, 0.6)));
        // The message alone, cut right after ", client:" (held out: nginx-proxy#1591).
        let bare = "no live upstreams while connecting to upstream, client:";
        assert_eq!(cause(bare).map(|c| c.0), Some(CauseId::NoHealthyUpstream));
    }

    /// A name (`localhost`) that gave ::1 and 127.0.0.1: nginx logs each address it tries
    /// (each its own peer). Refused at ::1 alone, the app listens on IPv4 only and the request
    /// went on to 127.0.0.1 (or ::1 is all the gateway names); refused at both, before or after
    /// ::1 and with "upstream server temporarily disabled" between, the app is down. Another
    /// connection's lines are another request's.
    #[test]
    fn an_ipv6_refusal_with_and_without_its_request_other_address() {
        let line = |n: u32, level: &str, what: &str, upstream: &str| {
            format!("2026/12/07 10:00:00 [{level}] 12#12: *{n} {what} while connecting to upstream, client: 10.0.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"http://{upstream}:3000/\", host: \"x\"\n")
        };
        let refused = "connect() failed (111: Connection refused)";
        let disabled = "upstream server temporarily disabled";
        let alone = line(1, "error", refused, "[::1]") + &line(1, "warn", disabled, "[::1]");
        let read = read_all(alone.as_bytes());
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(read
            .iter()
            .all(|r| r.2 == CauseId::WrongUpstreamAddress && r.3 <= 0.5));
        for both in [
            alone.clone() + &line(1, "error", refused, "127.0.0.1"),
            line(1, "error", refused, "127.0.0.1")
                + &line(1, "warn", disabled, "127.0.0.1")
                + &line(1, "error", refused, "[::1]"),
            line(1, "error", refused, "[::1]")
                + &line(
                    1,
                    "error",
                    "upstream timed out (110: Connection timed out)",
                    "127.0.0.1",
                ),
        ] {
            let read = read_all(both.as_bytes());
            assert!(read.len() >= 2, "{read:?}");
            assert!(
                read.iter().all(|r| r.2 != CauseId::WrongUpstreamAddress),
                "{read:?}"
            );
        }
        let others = line(1, "error", refused, "[::1]") + &line(2, "error", refused, "127.0.0.1");
        let read = read_all(others.as_bytes());
        assert_eq!(read[0].2, CauseId::WrongUpstreamAddress, "{read:?}");
        assert_eq!(read[1].2, CauseId::UpstreamDown, "{read:?}");
        // A unix socket's path is no IPv6 address.
        let socket = "2026/12/07 10:00:00 [error] 12#12: *1 connect() to unix:/run/php/fpm.sock failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/run/php/fpm.sock:\", host: \"x\"";
        assert_eq!(cause(socket).unwrap().0, CauseId::UpstreamDown);
    }

    /// EACCES on the connect: a TCP address the host's policy forbids (SELinux on RHEL-family
    /// hosts; held out: nexus-cookbook#115) reads as a unix socket's permissions do, the
    /// gateway's set-up first; another errno keeps its own reading.
    #[test]
    fn a_connect_the_host_forbids() {
        let line = |to: &str, errno: &str| {
            format!("2026/12/07 10:00:00 [crit] 1#1: *1 connect() to {to} failed ({errno}) while connecting to upstream, client: 1.2.3.4, server: x, request: \"GET / HTTP/1.1\", upstream: \"http://{to}/\", host: \"x\"")
        };
        let tcp = cause(&line("127.0.0.1:8081", "13: Permission denied"));
        assert_eq!(
            tcp,
            cause(&line("unix:/run/php/fpm.sock", "13: Permission denied"))
        );
        assert_eq!(tcp, Some((CauseId::WrongUpstreamAddress, 0.6)));
        assert_eq!(
            cause(&line("127.0.0.1:8081", "111: Connection refused")).map(|c| c.0),
            Some(CauseId::UpstreamDown)
        );
        // EADDRNOTAVAIL reads by the address dialled (rules::no_local_port): no local port
        // left for an IPv4 one (recorded: nginx/b14-ports), no IPv6 on the host for an IPv6
        // one (held out: privatebin/docker-nginx-fpm-alpine#99's `[::]:9000`).
        assert_eq!(
            cause(&line(
                "127.0.0.1:18085",
                "99: Cannot assign requested address"
            )),
            Some((CauseId::Overloaded, 0.6))
        );
        assert_eq!(
            cause(&line("[::]:9000", "99: Address not available")),
            Some((CauseId::WrongUpstreamAddress, 0.6))
        );
    }

    /// Start-up and reload lines, on nginx's standard error (`nginx: [emerg] …`, what `nginx
    /// -t` and a failed start show) or in its error.log: state lines, DNS first; a warning
    /// about the configuration is none.
    #[test]
    fn a_start_that_cannot_resolve() {
        for line in [
            "nginx: [emerg] host not found in upstream \"app:3000\" in /etc/nginx/conf.d/default.conf:5",
            "2026/12/07 10:00:00 [emerg] 1#1: host not found in upstream \"app:3000\" in /etc/nginx/conf.d/default.conf:5",
            "Dec 07 10:00:00 h nginx[5]: nginx: [emerg] no name servers defined in /etc/nginx/conf.d/include/resolvers.conf:2",
        ] {
            match read_line(line.as_bytes()) {
                Line::Found(f) => {
                    assert!(f.health, "{line}");
                    assert_eq!(f.cause(), CauseId::DnsFailure, "{line}");
                    assert!(f.confidence() <= 0.6);
                }
                _ => panic!("not read: {line}"),
            }
        }
        let warn = "nginx: [warn] the \"user\" directive makes sense only if the master process runs with super-user privileges";
        assert!(cause(warn).is_none());
        let not_nginx = "myapp: [emerg] host not found in upstream of mine";
        assert!(cause(not_nginx).is_none());
    }

    /// nginx 1.22's dry-run wording (ngx_http_limit_req_module.c, ngx_http_limit_conn_module.c):
    /// the request went through, nothing is read as a failure; the refusal is still read.
    #[test]
    fn limits_in_dry_run_refuse_nothing() {
        let dry = [
            "2026/12/06 23:07:25 [error] 4881#4881: *6 limiting requests, dry run, excess: 0.991 by zone \"one\", client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", host: \"a\"",
            "2026/12/06 23:07:27 [error] 4881#4881: *9 limiting connections, dry run, by zone \"addr\", client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", host: \"a\"",
        ];
        for line in dry {
            assert!(
                !matches!(read_line(line.as_bytes()), Line::Found(_)),
                "{line}"
            );
        }
        let refused = "2026/12/06 23:07:25 [error] 4881#4881: *6 limiting requests, excess: 0.991 by zone \"one\", client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", host: \"a\"";
        assert!(matches!(read_line(refused.as_bytes()), Line::Found(_)));
    }

    /// The message alone, pasted without nginx's date, level, pid and connection (as threads
    /// quote it): read when it ends with one of nginx's upstream phases; a sentence that merely
    /// mentions an upstream is not.
    #[test]
    fn a_bare_message_with_its_upstream_phase() {
        let big = "upstream sent too big header while reading response header from upstream";
        match read_line(big.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.gateway, GatewayId::Nginx);
                assert_eq!(f.cause(), CauseId::UpstreamInvalidResponse);
            }
            other => panic!("not read: {other:?}"),
        }
        let tls = "peer closed connection in SSL handshake (104: Connection reset by peer) while SSL handshaking to upstream";
        assert!(
            matches!(read_line(tls.as_bytes()), Line::Found(f) if f.cause() == CauseId::TlsFailure)
        );
        // Cut inside its connection number, ended with the poster's dots (held out:
        // nginx-proxy#936) or an ellipsis.
        for cut in [
            "3 SSL_do_handshake() failed (SSL: error:1408F10B:SSL routines:ssl3_get_record:wrong version number) while SSL handshaking to upstream....",
            "SSL_do_handshake() failed (SSL: error:1408F10B:SSL routines:ssl3_get_record:wrong version number) while SSL handshaking to upstream\u{2026}",
        ] {
            assert!(
                matches!(read_line(cut.as_bytes()), Line::Found(f) if f.cause() == CauseId::TlsFailure),
                "{cut}"
            );
        }
        for prose in [
            "the upstream was slow while we deployed",
            "upstream sent too big header while reading response header from upstream servers, see below",
        ] {
            assert!(!matches!(read_line(prose.as_bytes()), Line::Found(_)), "{prose}");
        }
    }

    /// A status line that is not HTTP and no connection slot for the upstream (round 16,
    /// recorded: nginx/b16-ssh-port, nginx/b16-loop): read as before, but not above 0.6, the
    /// wrong address next; a bad header after a valid status line and the accept side's alert
    /// keep their readings. (An ephemeral port, as recorded; on SSH's own port 22 the wrong
    /// address leads: port.rs.)
    #[test]
    fn not_http_and_no_slot_fit_a_wrong_address_too() {
        let read = |line: &str| match read_line(line.as_bytes()) {
            Line::Found(f) => (f.cause(), f.confidence(), f.causes.to_vec()),
            _ => panic!("not read: {line}"),
        };
        let banner = "2026/12/07 01:52:08 [error] 18811#18811: *2 upstream sent no valid HTTP/1.0 header while reading response header from upstream, client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:40022/\", host: \"a\"";
        let (cause, confidence, causes) = read(banner);
        assert_eq!(cause, CauseId::UpstreamInvalidResponse);
        assert!(confidence <= 0.6);
        assert!(causes.iter().any(|c| c.0 == CauseId::WrongUpstreamAddress));
        let slots = "2026/12/07 01:52:09 [alert] 18811#18811: *768 768 worker_connections are not enough while connecting to upstream, client: 127.0.0.1, server: , request: \"GET / HTTP/1.0\", upstream: \"http://127.0.0.1:8080/\", host: \"127.0.0.1\"";
        let (cause, confidence, causes) = read(slots);
        assert_eq!(cause, CauseId::Overloaded);
        assert!(confidence <= 0.6);
        assert!(causes.iter().any(|c| c.0 == CauseId::WrongUpstreamAddress));
        let header = "2026/12/07 01:52:08 [error] 18811#18811: *2 upstream sent invalid header: \"Content-Type text/html\" while reading response header from upstream, client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:8080/\", host: \"a\"";
        assert!(read(header).1 > 0.6);
        let accept =
            "2026/12/07 01:52:09 [alert] 18811#18811: 768 worker_connections are not enough";
        assert_eq!(read(accept).0, CauseId::Overloaded);
        // FastCGI answered in HTTP ("H", 72): another protocol's answer, the address next;
        // another byte ("-", 45): junk, surer.
        let http = "2026/12/07 02:00:15 [error] 14835#14835: *4 upstream sent unsupported FastCGI protocol version: 72 while reading response header from upstream, client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:9000\", host: \"a\"";
        let (cause, confidence, causes) = read(http);
        assert_eq!(cause, CauseId::UpstreamInvalidResponse);
        assert!(confidence <= 0.6);
        assert!(causes.iter().any(|c| c.0 == CauseId::WrongUpstreamAddress));
        let junk = http.replace("version: 72", "version: 45");
        assert_eq!(read(&junk).0, CauseId::UpstreamInvalidResponse);
        assert!(read(&junk).1 > 0.6);
    }
}
