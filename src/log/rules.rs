//! The patterns, as data: one table per gateway. A rule is the needles its line must hold
//! (all of them, anywhere in the line) and the causes that line means, in percent (the rest is
//! `unknown`). First match wins, so the specific comes before the general. Every rule names its
//! source: the gateway's own code or docs, or a recorded line (tests/fixtures/logs/).
//!
//! Honest confidence: a line that can mean two causes spreads. A "weak" line (top below 60 %) is a
//! consequence line (Apache's "failed to make connection to backend") that says more next to
//! the line of the same request that names the errno (see `Reader` in mod.rs).

use crate::diagnose::CauseId::{self, *};

/// Causes in percent.
pub type Dist = &'static [(CauseId, u8)];

pub struct Rule {
    pub needles: &'static [&'static [u8]],
    /// Each needle's rarest byte offset (up to four needles), computed at compile time.
    rare: [u8; 4],
    /// 1 + the index of the needle that is an Apache AH code (`AH01102`), or 0: such a rule
    /// is tried only on a line of that code (`first_match_coded`), not searched for.
    code: u8,
    pub causes: Dist,
    /// A health check or a server state change, not one request's failure.
    pub health: bool,
    pub source: &'static str,
}

const fn rare(needles: &'static [&'static [u8]]) -> [u8; 4] {
    assert!(needles.len() <= 4);
    let mut out = [0u8; 4];
    let mut i = 0;
    while i < needles.len() {
        out[i] = super::bytes::rarest(needles[i]) as u8;
        i += 1;
    }
    out
}

/// `AH` and five digits.
const fn is_code(needle: &[u8]) -> bool {
    if needle.len() != 7 || needle[0] != b'A' || needle[1] != b'H' {
        return false;
    }
    let mut i = 2;
    while i < 7 {
        if !needle[i].is_ascii_digit() {
            return false;
        }
        i += 1;
    }
    true
}

const fn code(needles: &'static [&'static [u8]]) -> u8 {
    let mut i = 0;
    while i < needles.len() {
        if is_code(needles[i]) {
            return i as u8 + 1;
        }
        i += 1;
    }
    0
}

const fn r(needles: &'static [&'static [u8]], causes: Dist, source: &'static str) -> Rule {
    Rule {
        needles,
        rare: rare(needles),
        code: code(needles),
        causes,
        health: false,
        source,
    }
}

const fn h(needles: &'static [&'static [u8]], causes: Dist, source: &'static str) -> Rule {
    Rule {
        needles,
        rare: rare(needles),
        code: code(needles),
        causes,
        health: true,
        source,
    }
}

// Shared distributions.
/// A backend's name that did not resolve when the gateway read its configuration (nginx's
/// "host not found in upstream", Varnish's VCC "Backend host '…' could not be resolved"): the
/// start or reload stops. DNS first: the name is mistyped, or not resolvable from where the
/// gateway runs (a Compose service not started yet or on another network: the address is the
/// wrong one), so the wrong address second.
pub const NAME_AT_START: Dist = &[(DnsFailure, 60), (WrongUpstreamAddress, 35)];
pub const DOWN: Dist = &[(UpstreamDown, 90), (WrongUpstreamAddress, 5)];
/// A refused connection: nothing listens on that address. The app is down (or restarting), or
/// the gateway points at the wrong port: the line cannot say which (held out:
/// lucaslorentz/caddy-docker-proxy#547, a generated upstream `:9999` where no app listened),
/// so the top stays at 0.6.
pub const REFUSED: Dist = &[(UpstreamDown, 60), (WrongUpstreamAddress, 30)];
/// No route to host (EHOSTUNREACH: the next hop's ARP or NDP went unanswered, or an ICMP
/// host-unreachable came back): no machine holds that address now. Either the host is off or
/// cut off (down), or the address is no longer the app's: a container or VM that came back at
/// another address while the gateway kept the old one (nginx resolves a name once, at start).
/// The threads that settle it say the second (held out: zammad-docker-compose#96,
/// goharbor/harbor#19384, docker/compose#2003; recorded: blind round 27's moved address at
/// nginx and Varnish); a host powered off says the first (blind rounds 14 and 27). Neither
/// above 0.5.
pub const NO_ROUTE: Dist = &[(WrongUpstreamAddress, 50), (UpstreamDown, 45)];
/// Refused at an IPv6 address, with no other address of the same request failing beside it
/// (mod.rs reads the request's lines together: nginx logs each address it tries, Apache only
/// the last, at error level, lighttpd dials one). Nothing listens on that family: the app listens on IPv4 only
/// (gunicorn, uvicorn, Flask, PHP-FPM bind `127.0.0.1` by default) while the gateway's name
/// (`localhost`) also gave `::1`, tried first (RFC 6724's order); the visitor's request went on
/// to the IPv4 address, or failed if the gateway names the IPv6 address alone (held out:
/// SUSE/rmt#220 "The backend doesn't listen on ::1", ietf-tools/mailarchive#4016; recorded:
/// blind round 16's and 21's IPv6 literal before an IPv4-only app at nginx, Apache and
/// lighttpd). What
/// else it could mean: an app that is down behind an IPv6 address alone, which writes the same
/// line (recorded: blind round 6's `[::1]` where nothing listened); so neither above 0.5.
/// When the same request's other address failed too, the line is `REFUSED`'s. (Readings are
/// told apart by value: this one must differ from `NO_ROUTE`'s, whose lines are held for
/// their neighbours.)
pub const REFUSED_V6: Dist = &[(WrongUpstreamAddress, 50), (UpstreamDown, 40)];
/// EACCES from connect(2): the gateway may not open the connection, the app is not asked. To a
/// unix socket, the socket file's owner or mode (php-fpm's `listen.owner`/`listen.mode`, a
/// gunicorn socket in a home directory); to a TCP address, the host's security policy
/// (SELinux's `httpd_can_network_connect` off, or a port without the `http_port_t` type, as
/// RHEL-family hosts ship; held out: nexus-cookbook#115, Nexus up and nginx denied). The
/// contract has no cause of its own for it: the gateway's set-up names what it may not reach,
/// so the wrong address first; an app down second (a socket left behind by another user's
/// process). Apache's `(13)`, nginx's `(13: `, lighttpd's "Permission denied" alike.
pub const PERMISSION_DENIED: Dist = &[(WrongUpstreamAddress, 60), (UpstreamDown, 25)];
/// Refused on its own loopback by a gateway inside a container (container.rs): most often the
/// wrong address (the app is in another container or on the host), the app down behind it.
pub const REFUSED_OWN_LOOPBACK: Dist = &[(WrongUpstreamAddress, 60), (UpstreamDown, 30)];
/// Not an upstream failure: the line is about the client's side (recognised so that the
/// consequence line next to it is not read as the backend's fault).
pub const NOT_UPSTREAM: Dist = &[];
/// The connect timed out: the gateway gave up waiting (upstream_timeout, as the contract puts
/// it, and as every recorded connect-timeout case is labelled), though a powered-off or
/// firewalled host (down), a full listen backlog (overloaded) and a wrong, unroutable address
/// or network read the same: no SYN-ACK came back, and the line cannot say why, so the top
/// stays at 0.6 (it was 0.7 until held-out round 6's Traefik dial timeout, whose thread found
/// Traefik dialling a container on a Docker network it was not on).
/// A full listen queue drops the SYN too (recorded: blind round 11's gunicorn `--backlog 1`
/// and uWSGI `--listen 1`, read `sC--` and "fail errno 110"): overloaded is as likely as a
/// wrong address.
pub const CONNECT_TIMEOUT: Dist = &[
    (UpstreamTimeout, 60),
    (UpstreamDown, 15),
    (Overloaded, 10),
    (WrongUpstreamAddress, 10),
];
/// A timeout once the answer had begun (between bytes of its body): the app was answering.
pub const READ_TIMEOUT: Dist = &[(UpstreamTimeout, 95)];
/// A timeout before the first byte of the answer, at every gateway: nginx's "upstream timed
/// out … while reading response header", Apache's (70007) on the status line or the headers,
/// Go's "timeout awaiting response headers", lighttpd's "read timeout on socket", HAProxy's `sH`, which its doc calls "too long
/// transactions, probably caused by server or database saturation" (doc/configuration.txt §8.5,
/// github:haproxy/haproxy; src/http_ana.c sets SF_ERR_SRVTO and answers 504 while it waits for
/// the response's headers), Varnish's "first byte timeout" (bin/varnishd/http1/cache_http1_fetch.c,
/// HTC_S_IDLE; cache_backend.c's "… (reused connection)"), Squid's 504 in its native access.log.
/// The app did not answer in time, but the line cannot say whether it was slow on this request
/// or never started it: an app server whose workers are all busy leaves the request in its
/// listen queue, accepted by the kernel, with no sign to the gateway (recorded:
/// haproxy/b11-fpm-max-children, php-fpm at `pm.max_children = 1`, whose own log says "server
/// reached pm.max_children setting"; a 1.5-s script queued behind a 10-s one met `timeout
/// server 3s`). Its advice differs (speed up the request or raise the timeout, against add
/// workers), so neither is named above 0.6. What else the words could mean: a hung app (a
/// deadlock, a lock wait), a database behind the app that is slow or saturated.
pub const FIRST_BYTE_TIMEOUT: Dist = &[(UpstreamTimeout, 60), (Overloaded, 25)];
/// Reset or closed mid-answer: a crash (the OOM killer's kill is one: the gateway's line is the
/// same, only the kernel's log says "Out of memory: Killed process"), a worker recycled, or a
/// deliberate close; so no more than 0.6.
pub const RESET: Dist = &[
    (UpstreamReset, 60),
    (UpstreamOutOfMemory, 25),
    (UpstreamDown, 5),
];
/// The connection broke just after the gateway saw the process behind it die (lighttpd's
/// "child exited: 1", mod.rs Reader): it crashed with the request in hand.
pub const CRASHED: Dist = &[(UpstreamDown, 60), (UpstreamReset, 30)];
/// An answer that broke on a port another protocol owns (port.rs): the wrong address, the
/// symptom's own reading second.
pub const OTHER_SERVICE_INVALID: Dist =
    &[(WrongUpstreamAddress, 60), (UpstreamInvalidResponse, 30)];
/// Plain HTTP spoken to a port that serves TLS (port.rs `plain_to_tls`).
pub const PLAIN_TO_TLS_PORT: Dist = &[(TlsFailure, 60), (UpstreamReset, 25)];
pub const OTHER_SERVICE_RESET: Dist = &[(WrongUpstreamAddress, 60), (UpstreamReset, 30)];
pub const OTHER_SERVICE_TIMEOUT: Dist = &[(WrongUpstreamAddress, 60), (UpstreamTimeout, 30)];
pub const INVALID: Dist = &[(UpstreamInvalidResponse, 90), (UpstreamReset, 5)];
/// No HTTP status line at all: a broken app, or another protocol's server on the port the
/// gateway points at (its greeting read as a status line).
pub const NOT_HTTP: Dist = &[(UpstreamInvalidResponse, 60), (WrongUpstreamAddress, 30)];
/// FastCGI spoken to an HTTP server (nginx and Apache): ngx_http_fastcgi_module.c's
/// ngx_http_fastcgi_process_record() writes "upstream sent unsupported FastCGI protocol
/// version: %d" with the first byte of what came back, and 72 is "H", the first byte of an HTTP answer ("HTTP/1.1 400 Bad Request" from
/// the app's HTTP parser; recorded: nginx/b16-fcgi-to-http, `fastcgi_pass` to a Node `http` app).
/// An app meant to speak FastCGI that answers in HTTP is a wrong port or an app started in the
/// wrong mode: an answer in another protocol, read as `NOT_HTTP` reads HTTP's other way round
/// (invalid first at 0.6, the address next), as Caddy's "fcgi: invalid header version" is.
/// Testers labelled it invalid_response in rounds 33 and 61 (nginx, Apache) and
/// wrong_upstream_address in round 16, which first set the address first (before session 19).
/// Other bytes stay rules::NGINX's invalid answer (junk from a broken app, surer).
pub const FASTCGI_GOT_HTTP: Dist = &[(UpstreamInvalidResponse, 60), (WrongUpstreamAddress, 30)];
/// The gateway says it has no healthy server left (Varnish's "unhealthy", Apache's "All
/// workers are in error state", Envoy's `UH`): the state is sure, but not why each server left
/// it, and an operator may name the set-up by either: "no healthy upstream" or "the app is
/// down" (its checks failing on a refusal). Down is close behind; the top stays at 0.6, so
/// neither label is contradicted above it.
pub const NO_HEALTHY: Dist = &[(NoHealthyUpstream, 60), (UpstreamDown, 30)];
pub const DNS: Dist = &[(DnsFailure, 90), (WrongUpstreamAddress, 5)];
pub const TLS: Dist = &[(TlsFailure, 90), (WrongUpstreamAddress, 5)];
pub const OVERLOADED: Dist = &[(Overloaded, 90)];
/// A rate or connection limit of the gateway's own turned the request away (nginx's
/// limit_req/limit_conn, Envoy's `RL`): nothing behind it failed. The limit's key is most often
/// the client's address, so one client over its rate (a bot, a retry loop) writes the same
/// line as a site over its capacity, and a limit set too low reads the same as real load:
/// overloaded, but no more than 0.6 (blind round 13's tester labelled nginx's limits "no
/// upstream failed"; read at 0.9 before).
pub const GATEWAY_LIMIT: Dist = &[(Overloaded, 60)];
/// A connection failure with no reason given.
pub const CONNECT_FAILED: Dist = &[
    (UpstreamDown, 55),
    (UpstreamTimeout, 20),
    (TlsFailure, 5),
    (DnsFailure, 5),
];
/// "Could not read the answer", no reason given.
pub const READ_FAILED: Dist = &[
    (UpstreamReset, 40),
    (UpstreamTimeout, 25),
    (UpstreamInvalidResponse, 20),
];
/// Apache's balancer tried member after member in one request and each connect failed
/// (mod_proxy_balancer.c: with `forcerecovery` on, the default, members all in error state are
/// reset and tried again, logging AH01165 at debug only, so AH01167 "All workers are in error
/// state" is not written; recorded: blind round 12's apache/b12-allDown, an independent
/// tester's "every member down"): no healthy member was left. Each member's own line says it
/// refused (down), so down stays close behind.
pub const POOL_EXHAUSTED: Dist = &[(NoHealthyUpstream, 60), (UpstreamDown, 30)];
/// lighttpd's request that found every host of its pool refusing (mod.rs
/// `Reader::flush_lighttpd`): the same fact as `POOL_EXHAUSTED`, labelled otherwise. Of the
/// recorded two-host pools whose hosts were both down (lighttpd 1.4.69, rounds 2–68), 10
/// testers labelled upstream_down and 9 no_healthy_upstream (Apache's balancer: 25 cases
/// no_healthy_upstream, 11 upstream_down; nginx's refused pair: 13 upstream_down, 1
/// no_healthy_upstream): down first at 0.6 (as a refusal, so its lines stand alone, never held
/// for a neighbour: mod.rs `weak`), no healthy host next instead of the wrong port.
pub const LIGHTTPD_POOL_EXHAUSTED: Dist = &[(UpstreamDown, 60), (NoHealthyUpstream, 35)];
/// Caddy's "no upstreams available" just after its lookup of `dynamic` upstreams failed
/// (mod.rs `Reader::caddy_lookup`).
pub const NO_UPSTREAM_AFTER_LOOKUP: Dist = &[(DnsFailure, 60), (NoHealthyUpstream, 30)];
pub const DOWN_OR_NO_HEALTHY: Dist = &[(NoHealthyUpstream, 55), (UpstreamDown, 35)];
/// lighttpd's "all handlers … are down" alone (rules::LIGHTTPD).
pub const ALL_HANDLERS_DOWN: Dist = &[
    (UpstreamDown, 50),
    (NoHealthyUpstream, 30),
    (UpstreamTimeout, 10),
];
/// A Squid peer's connection counted failed twice by one master transaction (squid.rs
/// `PeerTwice`): Squid's TLS code counts each failed handshake twice
/// (src/security/PeerConnector.cc bail() → countFailingConnection(), then
/// BlindPeerConnector::noteNegotiationDone(error), Squid 5.7 and master alike), where a refused
/// or timed-out connect to one address is counted once (src/HappyConnOpener.cc). The TCP
/// connect had succeeded: the TLS handshake with the peer failed (recorded: every TLS-to-plain
/// case at Squid, rounds 8–37, two lines, one transaction; every refusal, one). What else it
/// could mean: a handshake that timed out (the peer took the connection and never answered),
/// or a transaction that tried the same peer again. Read only for a peer named by its address
/// (a name may have two addresses, each refused once).
pub const PEER_TLS_TWICE: Dist = &[(TlsFailure, 60), (UpstreamTimeout, 20), (UpstreamDown, 10)];

/// connect(2)'s EADDRNOTAVAIL ("(99)Cannot assign requested address", AH00957 here; the same
/// errno in lighttpd's and Caddy's connect lines). Linux returns it from a connect without a
/// bind for two reasons: no local (ephemeral) port is left for that destination
/// (`net.ipv4.ip_local_port_range` used up by connections to the app, as a gateway without
/// keep-alive to a busy app meets it: the gateway's own overload; recorded: apache/b14-ports,
/// lighttpd/b14-ports, caddy/b14-ports), or the destination's family has no usable source
/// address (an IPv6 upstream, `[::1]` for `localhost`, on a host or container without IPv6: a
/// wrong address). The address the line names decides between the two; without one the line
/// cannot say (nginx's `(99: ` row below).
const NO_PORT_V4: Dist = &[(Overloaded, 60), (WrongUpstreamAddress, 25)];
const NO_ADDR_V6: Dist = &[(WrongUpstreamAddress, 60), (Overloaded, 25)];
/// The gateway's own disk or process failed while the app was fine (round 24, recorded:
/// nginx/b24-body-temp-full, nginx/b24-worker-killed, lighttpd/b24-upload-full): none of the
/// upstream causes, so `unknown` first; its load second, as what fills a temp directory or
/// gets a worker killed is most often a burst.
pub const GATEWAY_OWN: Dist = &[(Unknown, 60), (Overloaded, 25)];
pub const NO_LOCAL_PORT: Dist = &[(Overloaded, 50), (WrongUpstreamAddress, 40)];

/// EADDRNOTAVAIL's causes by the upstream address its line names (`[::1]:80`, `::1:80`:
/// IPv6; `127.0.0.1:80`: IPv4; a name or nothing: either).
pub fn no_local_port(address: Option<&[u8]>) -> Dist {
    match address.map(|a| a.strip_prefix(b"(").unwrap_or(a)) {
        // `[::1]:8080` (APR's %pI, Go), or `::1:8080` (lighttpd's "tcp:" + host + ":" + port).
        Some(a) if a.starts_with(b"[") || a.iter().filter(|b| **b == b':').count() > 1 => {
            NO_ADDR_V6
        }
        Some(a)
            if a.first().is_some_and(u8::is_ascii_digit)
                && a.iter().take_while(|b| **b != b':').any(|b| *b == b'.') =>
        {
            NO_PORT_V4
        }
        _ => NO_LOCAL_PORT,
    }
}

// nginx: each row names the file that writes its words (github:nginx/nginx 3f6f7824; Debian 12
// ships 1.22.1 with the same texts). The rules read nginx's own words only (nginx.rs cuts the
// line at ", client: ").
const NGX_UPSTREAM: &str =
    "nginx src/http/ngx_http_upstream.c; recorded: tests/fixtures/logs/nginx/";
const NGX_RR: &str = "nginx src/http/ngx_http_upstream_round_robin.c";
const NGX_PROXY: &str = "nginx src/http/modules/ngx_http_proxy_module.c (and the fastcgi/uwsgi/scgi/grpc modules' same texts); recorded: tests/fixtures/logs/nginx/";
const NGX_CONNECT: &str = "nginx src/event/ngx_event_connect.c (\"connect() to %V failed\"), ngx_http_upstream.c (\"connect() failed\"); recorded: tests/fixtures/logs/nginx/";
const NGX_IO: &str = "nginx src/os/unix/ngx_recv.c, ngx_readv_chain.c, ngx_send.c, ngx_writev_chain.c (\"recv() failed (errno: text)\")";
const NGX_SSL: &str = "nginx src/event/ngx_event_openssl.c, ngx_http_upstream.c (upstream SSL); recorded: tests/fixtures/logs/nginx/";
const NGX_START: &str = "nginx src/core/ngx_inet.c, src/core/ngx_resolver.c, src/http/ngx_http_upstream.c (configuration, at start or reload)";
const NGX_RESOLVER: &str = "nginx src/core/ngx_resolver.c, ngx_http_upstream.c (\"%V could not be resolved\"); recorded: tests/fixtures/logs/nginx/";
pub const NGX_CLIENT: &str =
    "nginx src/http/ngx_http_request.c, ngx_http_upstream.c (client-side texts and log actions)";
const NGX_LIMIT: &str = "nginx src/http/modules/ngx_http_limit_req_module.c, ngx_http_limit_conn_module.c, src/event/ngx_event_accept.c";

/// nginx's client side, not the upstream's (logged at `info`, seen with `error_log … info`):
/// "client prematurely closed connection" (ngx_http_request.c, ngx_http_upstream.c's
/// "epoll_wait() reported that client prematurely closed connection, so upstream connection is
/// closed too"), an errno met "while sending to client" or "while reading client request …"
/// (the connection's log action). Tried before `NGINX` on a line whose own words say "client"
/// (nginx.rs), so that "(104: Connection reset by peer)" there is not read as the upstream's.
pub static NGINX_CLIENT: &[Rule] = &[
    r(&[b"client prematurely closed"], NOT_UPSTREAM, NGX_CLIENT),
    r(&[b"while sending to client"], NOT_UPSTREAM, NGX_CLIENT),
    r(
        &[b"while sending response to client"],
        NOT_UPSTREAM,
        NGX_CLIENT,
    ),
    r(&[b"while reading client request"], NOT_UPSTREAM, NGX_CLIENT),
];

/// The log actions of a client's connection that do not say "client" (nginx appends
/// " while <action>" to every line of a connection, src/core/ngx_log.c; the actions are set in
/// src/http/ngx_http_request.c, ngx_http_v2.c, src/event/ngx_event_openssl_stapling.c): a
/// line of nginx's own words that ends in one of these is about the client's side (a TLS
/// handshake a scanner broke, a keep-alive connection reset), never the upstream's, whatever
/// its errno says. The upstream's actions all name the upstream ("SSL handshaking to upstream",
/// "reading response header from upstream"). What else it could mean: nothing of the upstream;
/// an OCSP responder ("requesting certificate status") is not the upstream either.
pub const NGINX_CLIENT_ACTIONS: &[&[u8]] = &[
    b"SSL handshaking",
    b"waiting for request",
    b"keepalive",
    b"reading PROXY protocol",
    b"processing HTTP/2 connection",
    b"closing request",
    b"prereading client data",
    b"requesting certificate status",
];

const NGX_FASTCGI: &str = "nginx src/http/modules/ngx_http_fastcgi_module.c (\"FastCGI sent in stderr\"); recorded: tests/fixtures/logs/nginx/b5-fpm-*";

const NGX_FASTCGI_VERSION: &str = "nginx src/http/modules/ngx_http_fastcgi_module.c (ngx_http_fastcgi_process_record: unsupported FastCGI protocol version)";
const NGX_STATUS_LINE: &str = "nginx src/http/modules/ngx_http_proxy_module.c (ngx_http_proxy_process_status_line: no valid HTTP/1.0 header)";
const NGX_NO_CONNECTION: &str =
    "nginx src/event/ngx_event_connect.c, src/core/ngx_connection.c (ngx_get_connection)";

pub static NGINX: &[Rule] = &[
    r(&[b"while reading client request"], NOT_UPSTREAM, NGX_CLIENT),
    // ENOSPC, which nginx meets only writing a file of its own (src/os/unix/ngx_files.c
    // ngx_write_file(), ngx_write_chain_to_file(): a request body, a buffered answer or a cache
    // entry in its temp paths): the gateway's disk is full (or its quota, `(122: Disk quota
    // exceeded)`), not the app. Apache's `(28)` is APR_ENOSPC from its buffers
    // (AH10124's header over ResponseFieldSize) and is not read here.
    r(
        &[b"(28: No space left on device)"],
        GATEWAY_OWN,
        "nginx src/os/unix/ngx_files.c (ngx_write_file)",
    ),
    r(
        &[b"(122: Disk quota exceeded)"],
        GATEWAY_OWN,
        "nginx src/os/unix/ngx_files.c (ngx_write_file)",
    ),
    // The master's "worker process N exited on signal S" (src/os/unix/ngx_process.c
    // ngx_process_get_status()): nginx's own worker was killed (9: the OOM killer or an
    // operator) or crashed (11, 6: nginx or one of its modules) with its requests in flight.
    // A worker that ends itself (a reload, a shutdown) "exited with code 0" instead.
    r(
        &[b"worker process ", b" exited on signal "],
        GATEWAY_OWN,
        "nginx src/os/unix/ngx_process.c (ngx_process_get_status)",
    ),
    // A status line that is not HTTP at all: ngx_http_proxy_module.c's
    // ngx_http_proxy_process_status_line() writes "upstream sent no valid HTTP/1.0 header" when the
    // first bytes are not "HTTP/x.y nnn" (and passes them on as an HTTP/0.9 answer: the access log
    // says 009). A broken app writes such bytes, and so does another service on the port the proxy
    // points at: an SSH or SMTP server that speaks first, a database, PHP-FPM's FastCGI port behind
    // `proxy_pass` (recorded: nginx/b16-ssh-port, the proxy pointed at an SSH server). The line
    // cannot tell a broken app from a wrong port: invalid_response at 0.6, wrong address next.
    // A bad header line after a valid status line ("upstream sent invalid header") is an HTTP
    // answer, the app's: its row below keeps it sure.
    r(
        &[b"upstream sent no valid HTTP/1.0 header"],
        NOT_HTTP,
        NGX_STATUS_LINE,
    ),
    // FastCGI answered in HTTP (FASTCGI_GOT_HTTP): the byte nginx quotes is 72, "H"; nginx
    // always writes its action after it (" while reading response header from upstream").
    r(
        &[b"unsupported FastCGI protocol version: 72 "],
        FASTCGI_GOT_HTTP,
        NGX_FASTCGI_VERSION,
    ),
    // ngx_event_connect.c / ngx_http_upstream.c: "%ui worker_connections are not enough while
    // connecting to upstream" (ngx_get_connection() in ngx_event_connect_peer(): no free slot for
    // the upstream connection). Real traffic over `worker_connections` writes it (overloaded, the
    // gateway's own limit), and so does a proxy loop: `proxy_pass` to nginx's own address, each
    // hop holding a client and an upstream connection until the slots run out (recorded:
    // nginx/b16-loop, 768 slots gone in 50 ms by one request). The line cannot tell them apart:
    // overloaded at 0.6. The accept side's alert (ngx_event_accept.c, no "while connecting to
    // upstream") stays rules::NGINX's.
    r(
        &[b"worker_connections are not enough while connecting to upstream"],
        &[(Overloaded, 60), (WrongUpstreamAddress, 30)],
        NGX_NO_CONNECTION,
    ),
    // The FastCGI app's own stderr, quoted (PHP's warnings, "Primary script unknown" with its
    // 404, a fatal error with its 500): the app answered, and its words are the app's, not
    // nginx's (a PHP message that says "Connection refused" is about the app's database).
    // Only PHP's memory_limit is a cause of ours, as Apache's AH01071 reads it (the app's
    // own 500 after its memory ran out, not the kernel's OOM killer: 0.6 at most).
    r(
        &[b"FastCGI sent in stderr", b"Allowed memory size"],
        &[(UpstreamOutOfMemory, 60)],
        NGX_FASTCGI,
    ),
    r(&[b"FastCGI sent in stderr"], NOT_UPSTREAM, NGX_FASTCGI),
    // No server of the upstream group could be picked (ngx_http_upstream_round_robin.c and the
    // hash/least_conn balancers skip a peer that is `down`, failed past max_fails within
    // fail_timeout, or at its `max_conns`): mostly every server marked failed (what failed them
    // is in the lines before; a single-server group is never marked failed), but the same line
    // is written when every server is at its max_conns (overloaded, blind round 8's
    // b8-max-conns) or marked `down` by hand (maintenance). The line cannot say which: ≤ 0.6.
    r(
        &[b"no live upstreams"],
        &[(NoHealthyUpstream, 60), (Overloaded, 30), (UpstreamDown, 5)],
        NGX_UPSTREAM,
    ),
    // The name behind proxy_pass $variable did not resolve (NXDOMAIN, SERVFAIL, a timeout of
    // the resolver); a typo in the name reads the same.
    r(&[b"could not be resolved"], DNS, NGX_RESOLVER),
    // The resolver's own socket failed (ngx_resolver.c logs its send()/recv() errors with the
    // log action "resolving" and ", resolver: %V"): the DNS server is down or unreachable, not
    // the upstream; the request's "could not be resolved" line follows when no cached answer
    // is left. (The same words could come from a resolver only refreshing a cached name,
    // which the request may outlive: still the DNS server's failure.)
    r(&[b"while resolving"], DNS, NGX_RESOLVER),
    r(
        &[b"no resolver defined to resolve"],
        &[(DnsFailure, 60), (WrongUpstreamAddress, 35)],
        NGX_UPSTREAM,
    ),
    // nginx's own timers: proxy_connect_timeout (the host drops SYNs: down, firewalled, or
    // a full backlog), proxy_read_timeout (the app is slow).
    r(
        &[b"upstream timed out", b"while connecting"],
        CONNECT_TIMEOUT,
        NGX_UPSTREAM,
    ),
    r(
        &[b"upstream timed out", b"SSL handshaking"],
        &[(UpstreamTimeout, 60), (TlsFailure, 30)],
        NGX_UPSTREAM,
    ),
    r(
        &[b"upstream timed out", b"reading response header"],
        FIRST_BYTE_TIMEOUT,
        NGX_UPSTREAM,
    ),
    r(
        &[b"upstream timed out", b"sending request"],
        FIRST_BYTE_TIMEOUT,
        NGX_UPSTREAM,
    ),
    r(&[b"upstream timed out"], READ_TIMEOUT, NGX_UPSTREAM),
    // TLS to the upstream: a handshake refused or spoken to a port that does not speak TLS
    // ("wrong version number"); a certificate refused.
    r(&[b"SSL_do_handshake() failed"], TLS, NGX_SSL),
    // "peer closed connection in SSL handshake" (ngx_event_openssl.c ngx_ssl_handshake(): an
    // EOF or an errno such as (104) with no TLS error queued): the upstream went away during
    // the handshake without saying why. Most often it would not take this handshake (no SNI,
    // a protocol it refuses: held-out w10, princeton-ansible#1111); a backend restarting or
    // dropping connections writes the same words (held-out w15, engintron#1023).
    r(
        &[b"peer closed connection in SSL handshake"],
        &[(TlsFailure, 60), (UpstreamReset, 30)],
        NGX_SSL,
    ),
    r(&[b"while SSL handshaking to upstream"], TLS, NGX_SSL),
    // SSL_read()/SSL_write() on an established upstream connection: the peer's alert (a
    // client certificate it wanted after a TLS 1.3 handshake) or a reset under TLS.
    r(
        &[b"SSL_read() failed"],
        &[(UpstreamReset, 45), (TlsFailure, 35)],
        NGX_SSL,
    ),
    r(
        &[b"SSL_write() failed", b"upstream"],
        &[(UpstreamReset, 45), (TlsFailure, 35)],
        NGX_SSL,
    ),
    r(&[b"upstream SSL certificate"], TLS, NGX_SSL),
    r(&[b"SSL certificate verify"], TLS, NGX_SSL),
    // The upstream sent bytes before nginx began TLS with it: it does not speak TLS there.
    r(
        &[b"upstream prematurely sent response"],
        &[(TlsFailure, 55), (UpstreamInvalidResponse, 30)],
        NGX_UPSTREAM,
    ),
    // connect() to a unix socket: (2) the app never created it (or a wrong path), (111) a
    // stale socket file nobody listens on, (13) permissions, (11) the listen backlog is full
    // (php-fpm busy).
    r(
        &[b"connect() to unix:", b"(2: "],
        &[(UpstreamDown, 60), (WrongUpstreamAddress, 30)],
        NGX_CONNECT,
    ),
    r(&[b"connect() to unix:", b"(111: "], REFUSED, NGX_CONNECT),
    r(
        &[b"connect() to unix:", b"(13: "],
        PERMISSION_DENIED,
        NGX_CONNECT,
    ),
    r(
        &[b"connect() to unix:", b"(11: "],
        &[(Overloaded, 60), (UpstreamTimeout, 20)],
        NGX_CONNECT,
    ),
    // nginx's own limits at the connect: out of file descriptors (worker_rlimit_nofile), a
    // TCP connect's EAGAIN or EADDRINUSE (no local port left, ngx_event_connect.c): the
    // upstream may be fine. (EAGAIN on a unix socket is the app's full backlog, above.)
    r(
        &[b"(24: Too many open files)"],
        &[(Overloaded, 60)],
        NGX_CONNECT,
    ),
    r(
        &[b"connect() ", b"(11: "],
        &[(Overloaded, 55), (UpstreamTimeout, 15)],
        NGX_CONNECT,
    ),
    r(
        &[b"(98: Address already in use)"],
        &[(Overloaded, 55), (WrongUpstreamAddress, 15)],
        NGX_CONNECT,
    ),
    // The connect's errno, whichever shape ("connect() failed (111: …)" after a non-blocking
    // connect, "connect() to 10.0.0.2:80 failed (113: …)" at once, or the same errno met by
    // the first recv()).
    r(&[b"(111: "], REFUSED, NGX_CONNECT),
    r(&[b"connect() ", b"(13: "], PERMISSION_DENIED, NGX_CONNECT),
    r(&[b"(113: "], NO_ROUTE, NGX_CONNECT),
    r(
        &[b"(101: "],
        &[(WrongUpstreamAddress, 55), (UpstreamDown, 35)],
        NGX_CONNECT,
    ),
    // EADDRNOTAVAIL: out of local ports (overload), or an IPv6 upstream (`[::1]`) on a host
    // without IPv6.
    r(&[b"(99: "], NO_LOCAL_PORT, NGX_CONNECT),
    // The kernel gave up on the connect (SYN retries) before nginx's timer did.
    r(
        &[b"(110: ", b"while connecting"],
        CONNECT_TIMEOUT,
        NGX_CONNECT,
    ),
    r(&[b"connect() failed"], CONNECT_FAILED, NGX_CONNECT),
    r(&[b"connect() to"], CONNECT_FAILED, NGX_CONNECT),
    // Closed or reset mid-answer: a crash (maybe the OOM killer), a worker recycled, a
    // keep-alive connection the app closed as nginx reused it.
    r(&[b"upstream prematurely closed"], RESET, NGX_UPSTREAM),
    r(&[b"(104: Connection reset by peer)"], RESET, NGX_IO),
    r(&[b"(32: Broken pipe)", b"upstream"], RESET, NGX_IO),
    // ETIMEDOUT on an established connection: TCP retransmissions gave up (the host vanished)
    // or keep-alive probes went unanswered.
    r(
        &[b"(110: ", b"upstream"],
        &[(UpstreamTimeout, 50), (UpstreamReset, 30)],
        NGX_IO,
    ),
    // The answer is not HTTP nginx can take.
    r(
        &[b"upstream sent too big header"],
        &[(UpstreamInvalidResponse, 60), (WrongUpstreamAddress, 5)],
        NGX_UPSTREAM,
    ),
    // What nginx logs at `warn` and goes on with (ngx_http_upstream.c, ngx_http_proxy_module.c):
    // a duplicate header line "…, ignored", bytes past the Content-Length or after the final
    // chunk or the trailers (dropped, the connection not kept alive): the answer was
    // delivered, no request failed. (A second Content-Length is logged at `error` without
    // "ignored" and answered 502: read below.)
    r(
        &[b"upstream sent", b", ignored"],
        NOT_UPSTREAM,
        NGX_UPSTREAM,
    ),
    r(&[b"upstream sent more data than"], NOT_UPSTREAM, NGX_PROXY),
    r(&[b"upstream sent data after"], NOT_UPSTREAM, NGX_PROXY),
    r(&[b"upstream sent no valid"], INVALID, NGX_PROXY),
    r(&[b"upstream sent invalid"], INVALID, NGX_PROXY),
    r(&[b"upstream sent duplicate"], INVALID, NGX_PROXY),
    r(&[b"upstream sent unexpected"], INVALID, NGX_PROXY),
    r(&[b"upstream sent unknown"], INVALID, NGX_PROXY),
    r(&[b"upstream sent unsupported"], INVALID, NGX_PROXY),
    r(
        &[b"upstream sent HTTP/1.0 response with early hints"],
        INVALID,
        NGX_PROXY,
    ),
    r(&[b"upstream sent", b"header"], INVALID, NGX_PROXY),
    // gRPC (ngx_http_grpc_module.c): the upstream reset the stream ("upstream rejected
    // request with error N", RST_STREAM: REFUSED_STREAM is a busy server, INTERNAL_ERROR a
    // crash) or closed the connection (GOAWAY with an error): not a protocol violation.
    r(
        &[b"upstream rejected request with error"],
        &[
            (UpstreamReset, 50),
            (Overloaded, 15),
            (UpstreamInvalidResponse, 15),
        ],
        NGX_PROXY,
    ),
    r(
        &[b"upstream sent goaway with error"],
        &[(UpstreamReset, 55), (Overloaded, 10)],
        NGX_PROXY,
    ),
    // Every other "upstream sent …" of the proxy, FastCGI, uwsgi, SCGI, gRPC and memcached
    // modules is a protocol violation nginx refused (data after the final chunk, a body
    // larger than its Content-Length, HTTP/2 frames out of order, too big trailers…);
    // "memcached sent invalid …" is the memcached module's own.
    r(&[b"upstream sent "], INVALID, NGX_PROXY),
    r(&[b"memcached sent invalid"], INVALID, NGX_PROXY),
    r(&[b"upstream violated"], INVALID, NGX_PROXY),
    // proxy_pass with variables: the URL they made is no address ("invalid URL prefix in
    // \"…\"", "no port in upstream \"…\"", ngx_http_proxy_module.c, ngx_http_upstream.c).
    r(
        &[b"invalid URL prefix in"],
        &[(WrongUpstreamAddress, 60)],
        NGX_PROXY,
    ),
    r(
        &[b"no port in upstream"],
        &[(WrongUpstreamAddress, 60)],
        NGX_UPSTREAM,
    ),
    r(
        &[b"upstream buffer is too small"],
        &[(UpstreamInvalidResponse, 55)],
        NGX_PROXY,
    ),
    // nginx's own limits (the app may be fine).
    r(&[b"limiting requests"], GATEWAY_LIMIT, NGX_LIMIT),
    r(&[b"limiting connections"], GATEWAY_LIMIT, NGX_LIMIT),
    r(
        &[b"worker_connections are not enough"],
        OVERLOADED,
        NGX_LIMIT,
    ),
    // A consequence: the server was marked failed after the error logged just before.
    h(
        &[b"upstream server temporarily disabled"],
        &[
            (UpstreamDown, 45),
            (UpstreamTimeout, 20),
            (UpstreamReset, 15),
        ],
        NGX_RR,
    ),
    // Start-up and reload lines (`[emerg]`, no request): nginx resolves a static upstream's
    // name when it reads its configuration (src/core/ngx_inet.c ngx_inet_resolve_host()'s
    // "host not found", which ngx_http_upstream.c writes as "%s in upstream \"%V\""); a name
    // that does not resolve stops the start, or the reload (the old configuration keeps
    // serving). A state line, DNS first: the name is mistyped, or not resolvable from where
    // nginx runs (a Compose service not started yet or on another network: the address is
    // the wrong one), so the wrong address second.
    h(&[b"host not found in upstream"], NAME_AT_START, NGX_START),
    // `resolver` without an address (src/core/ngx_resolver.c: "no name servers defined"): the
    // configuration is refused, and names behind `proxy_pass $variable` cannot be looked up
    // (held out: app-nginx-proxy-manager#64, a generated resolvers.conf that lost its address).
    h(
        &[b"no name servers defined"],
        &[(DnsFailure, 60), (WrongUpstreamAddress, 25)],
        NGX_START,
    ),
];

// Apache httpd: each row names the file that writes its AH code (github:apache/httpd 0cb68044;
// Debian 12 ships 2.4.x with the same codes). Apache 2.2 wrote the same texts without codes.
const AP_UTIL: &str =
    "httpd modules/proxy/proxy_util.c (AH code rows); recorded: tests/fixtures/logs/apache/";
const AP_HTTP: &str =
    "httpd modules/proxy/mod_proxy_http.c (AH code rows); recorded: tests/fixtures/logs/apache/";
const AP_FCGI: &str =
    "httpd modules/proxy/mod_proxy_fcgi.c (AH code rows); recorded: tests/fixtures/logs/apache/";
const AP_AJP: &str = "httpd modules/proxy/ajp_msg.c (AH01080), ajp_link.c (AH01030, AH01031), ajp_header.c (AH00992), mod_proxy_ajp.c (AH00878, AH00893); recorded: tests/fixtures/logs/apache/b3-ajp-*";
const AP_BALANCER: &str =
    "httpd modules/proxy/mod_proxy_balancer.c (AH01167, AH01170, AH01171, AH01174, AH02460)";
const AP_SSL: &str = "httpd modules/ssl/ssl_engine_io.c, ssl_engine_kernel.c (SSL Proxy rows), server/log.c ([remote]/[client]); recorded: tests/fixtures/logs/apache/tls-to-plain, b5-self-signed, b5-mtls-required";
const AP_HTTP_FILTERS: &str = "httpd modules/http/http_filters.c (parse_chunk_size's APR_EINVAL/APR_ENOSPC, check_headers' AH02429/AH02430); recorded: tests/fixtures/logs/apache/b10-*";
const AP_22: &str = "Apache 2.2 mod_proxy texts without AH codes (held out: zdavatz/oddb.org#92, openshift/origin-server#5456, bsudy/saml-proxy#1)";

/// mod_proxy_hcheck's proxy functions as Apache prints them after an AH code (see `apache`
/// in apache.rs): a health check's connection, not a request's.
pub const APACHE_HEALTH_CHECKS: &[&[u8]] =
    &[b": HCTCP: ", b": HCOH: ", b": HCCPING: ", b": HCHECK: "];

const AP_SCRIPT: &str =
    "httpd server/util_script.c ap_scan_script_header_err_core_ex() (no AH code)";
const AP_MOD_FASTCGI: &str = "the third-party mod_fastcgi (github:FastCGI-Archives/mod_fastcgi mod_fastcgi.c, fcgi_protocol.c; no AH codes)";

/// Apache: the APR errno in "(111)Connection refused:" decides, the AH code says what failed.
pub static APACHE: &[Rule] = &[
    // "malformed header from script '%s': Bad header: %.30s": the header block a CGI program or
    // a FastCGI app (mod_fcgid, mod_proxy_fcgi's scanner) wrote has a line without a colon (a
    // PHP notice printed before the headers, binary output, a status line where a header
    // should be); Apache answers 500. The app's own answer, malformed. First in the table, as
    // the next rows: the line quotes the bytes, which must not meet a later rule.
    r(&[b"malformed header from script"], INVALID, AP_SCRIPT),
    // mod_fastcgi (not shipped with httpd, common with 2.2 and some 2.4 set-ups):
    // "FastCGI: comm with server \"%s\" aborted: <why>" when its exchange with the app failed:
    // its headers did not parse (process_headers(): "malformed header", "duplicate header"),
    // its records were not FastCGI ("protocol error: invalid version": another service or an
    // HTTP server on the port, 0.6 as rules::NOT_HTTP), reading or writing the socket failed
    // (a crash, a reset), or `-idle-timeout` passed with nothing from the app (before or
    // after its first byte: rules::FIRST_BYTE_TIMEOUT); "bwrite() to client failed (client
    // aborted?)" is the visitor's side.
    r(
        &[b"FastCGI: comm with server", b"error parsing headers"],
        INVALID,
        AP_MOD_FASTCGI,
    ),
    r(
        &[b"FastCGI: comm with server", b"protocol error"],
        NOT_HTTP,
        AP_MOD_FASTCGI,
    ),
    r(
        &[b"FastCGI: comm with server", b"idle timeout"],
        FIRST_BYTE_TIMEOUT,
        AP_MOD_FASTCGI,
    ),
    r(
        &[b"FastCGI: comm with server", b"client aborted"],
        NOT_UPSTREAM,
        AP_MOD_FASTCGI,
    ),
    r(
        &[b"FastCGI: comm with server", b"read failed"],
        RESET,
        AP_MOD_FASTCGI,
    ),
    r(
        &[b"FastCGI: comm with server", b"write failed"],
        RESET,
        AP_MOD_FASTCGI,
    ),
    // "incomplete headers (%d bytes) received from server": the app ended before its header
    // block did (it died, or closed).
    // With "(0 bytes)" nothing came at all: mod_fastcgi writes it also after its own failed
    // connect (the request goes on with no socket), so it stays below 0.6 and a connect
    // failure of the same request just before it gives its reading (Reader).
    r(
        &[b"FastCGI: incomplete headers (0 bytes)"],
        &[(UpstreamReset, 55), (UpstreamDown, 25)],
        AP_MOD_FASTCGI,
    ),
    r(&[b"FastCGI: incomplete headers"], RESET, AP_MOD_FASTCGI),
    // "failed to connect to server": the errno before it says why, as AH02454's below: (13)
    // the socket's permissions (php-fpm's `listen.owner`/`listen.mode` not Apache's user),
    // (2) no socket file; otherwise a refusal's reading.
    r(
        &[b"(13)", b"FastCGI: failed to connect to server"],
        &[(WrongUpstreamAddress, 60), (UpstreamDown, 25)],
        AP_MOD_FASTCGI,
    ),
    r(
        &[b"(2)No such file", b"FastCGI: failed to connect to server"],
        &[(UpstreamDown, 60), (WrongUpstreamAddress, 30)],
        AP_MOD_FASTCGI,
    ),
    r(
        &[b"FastCGI: failed to connect to server"],
        REFUSED,
        AP_MOD_FASTCGI,
    ),
    // AH02429/AH02430 "Response header [name '%s' | '%s' value of '%s'] contains invalid
    // characters, aborting request" (modules/http/http_filters.c check_headers, in the header
    // output filter): Apache refused to send an answer whose header holds a control byte (a
    // bare CR, recorded: apache/b10-cr-in-header) and answered 500. Behind ProxyPass the header
    // is the upstream's; but the same filter checks every answer, so the header may come from a
    // local CGI or handler, or from a `Header set` of the configuration: 0.6 at most. First in
    // the table: the line quotes the header's bytes, which must not meet a later rule.
    r(
        &[b"AH02430"],
        &[(UpstreamInvalidResponse, 60)],
        AP_HTTP_FILTERS,
    ),
    r(
        &[b"AH02429"],
        &[(UpstreamInvalidResponse, 60)],
        AP_HTTP_FILTERS,
    ),
    // The balancer found no usable member (all in error state after failures).
    r(&[b"AH01170"], NO_HEALTHY, AP_BALANCER),
    r(&[b"AH01167"], NO_HEALTHY, AP_BALANCER),
    // AH01171 "No workers in balancer": a balancer with no member (a configuration slip).
    r(
        &[b"AH01171"],
        &[(WrongUpstreamAddress, 50), (NoHealthyUpstream, 40)],
        AP_BALANCER,
    ),
    // "Forcing worker (…) into error state due to status code N matching 'failonstatus'" /
    // "… due to timeout and 'failontimeout'": a member's state change after its answer.
    h(
        &[b"AH01174"],
        &[(NoHealthyUpstream, 55), (UpstreamDown, 20)],
        AP_BALANCER,
    ),
    h(
        &[b"AH02460"],
        &[(UpstreamTimeout, 55), (NoHealthyUpstream, 25)],
        AP_BALANCER,
    ),
    // "all workers are busy": Apache's own connection limit per worker.
    r(&[b"AH00934"], OVERLOADED, AP_UTIL),
    // "DNS lookup failure for: host" (AH00898 message) or a name that did not resolve.
    r(&[b"DNS lookup failure"], DNS, AP_UTIL),
    // TLS to the backend: "Error during SSL Handshake with remote server" (AH00898 message),
    // "SSL Proxy connect failed", a peer certificate refused.
    r(&[b"SSL Handshake"], TLS, AP_SSL),
    r(&[b"AH02003"], TLS, AP_SSL),
    r(&[b"AH02004"], TLS, AP_SSL),
    r(&[b"AH02005"], TLS, AP_SSL),
    r(&[b"AH02411"], TLS, AP_SSL),
    // AH02039 (AH02276 at LogLevel info) "Certificate Verification: Error (N): …" is
    // written for a client's certificate as for the backend's (ssl_engine_kernel.c
    // ssl_callback_SSLVerify): the default ErrorLogFormat says which, "[remote ip:port]" for
    // an outgoing (proxy) connection, "[client ip:port]" for a client's (server/log.c,
    // `c->outgoing ? "remote" : "client"`). A format without the address (%a) cannot say: a
    // client refused at SSLVerifyClient reads the same, so no more than 0.55 there.
    r(&[b"[remote ", b"AH02039"], TLS, AP_SSL),
    r(&[b"[remote ", b"AH02276"], TLS, AP_SSL),
    r(&[b"[client ", b"AH02039"], NOT_UPSTREAM, AP_SSL),
    r(&[b"[client ", b"AH02276"], NOT_UPSTREAM, AP_SSL),
    r(&[b"AH02039"], &[(TlsFailure, 55)], AP_SSL),
    r(&[b"AH02276"], &[(TlsFailure, 55)], AP_SSL),
    // AH02268 "Proxy client certificate callback: … downstream server wanted client
    // certificate but none are configured" (ssl_engine_kernel.c, warn): the backend asked for
    // a client certificate (mTLS) and Apache has no SSLProxyMachineCertificateFile. A backend
    // that only asks (optional client auth) lets the handshake go on and the request succeed,
    // so the line alone is a condition, not a request's failure (read as a state line); the
    // same request's next lines ("(70014)End of file found: AH01102", AH00898, recorded:
    // apache/b5-mtls-required) are weak and take its cause.
    h(
        &[b"AH02268"],
        &[(TlsFailure, 60), (UpstreamReset, 15)],
        AP_SSL,
    ),
    r(&[b"AH01961"], TLS, AP_SSL),
    r(&[b"AH00961"], TLS, AP_UTIL),
    // AH00957 "attempt to connect to … failed" / AH02454 the Unix domain socket one: the errno
    // decides. (111) nothing listens (down, restarting, or the wrong port), (2) no socket
    // file, (70007)/(110) the connect timed out, (113) no route.
    // A Unix socket path with " = " in it: a line of php-fpm's pool file pasted into the
    // handler (`SetHandler "proxy:unix:listen = /run/php/…sock|fcgi://localhost"`), which
    // Apache makes relative to its run-time directory (fixup_uds_filename) and then cannot
    // open, whatever the errno says: the address is wrong. What else: nothing a socket path
    // holds in practice.
    r(
        &[b"Unix domain socket ", b" = ", b"attempt to connect"],
        &[(WrongUpstreamAddress, 60), (UpstreamDown, 25)],
        AP_UTIL,
    ),
    r(&[b"(111)", b"attempt to connect"], REFUSED, AP_UTIL),
    r(
        &[b"(2)No such file", b"attempt to connect"],
        &[(UpstreamDown, 60), (WrongUpstreamAddress, 30)],
        AP_UTIL,
    ),
    r(
        &[b"(13)", b"attempt to connect"],
        PERMISSION_DENIED,
        AP_UTIL,
    ),
    r(
        &[b"(11)", b"attempt to connect"],
        &[(Overloaded, 60), (UpstreamTimeout, 20)],
        AP_UTIL,
    ),
    r(
        &[b"(70007)", b"attempt to connect"],
        CONNECT_TIMEOUT,
        AP_UTIL,
    ),
    r(&[b"(110)", b"attempt to connect"], CONNECT_TIMEOUT, AP_UTIL),
    r(&[b"(113)", b"attempt to connect"], NO_ROUTE, AP_UTIL),
    r(
        &[b"(101)", b"attempt to connect"],
        &[(WrongUpstreamAddress, 55), (UpstreamDown, 35)],
        AP_UTIL,
    ),
    r(&[b"attempt to connect"], CONNECT_FAILED, AP_UTIL),
    // AH01102 error reading status line: (22) the bytes are no status line, (20014) the
    // connection ended with nothing (recorded for a clean close), (104) reset, (70007) timeout.
    r(&[b"(70007)", b"AH01102"], FIRST_BYTE_TIMEOUT, AP_HTTP),
    // AH01103 "read timeout" (debug) follows AH01102 on the same status-line read.
    r(&[b"AH01103"], FIRST_BYTE_TIMEOUT, AP_HTTP),
    r(&[b"(104)", b"AH01102"], RESET, AP_HTTP),
    r(&[b"(22)", b"AH01102"], INVALID, AP_HTTP),
    // (20014) on AH01102: the connection ended before a byte of a status line. An app that
    // closed (or crashed) mid-request, or a port that speaks TLS and dropped our plain request
    // (recorded: tests/fixtures/logs/apache/plain-to-tls, the same line as apache/closed), or a
    // stale keep-alive connection: no more than 0.6.
    r(
        &[b"(20014)", b"AH01102"],
        &[
            (UpstreamReset, 60),
            (TlsFailure, 15),
            (UpstreamInvalidResponse, 10),
            (UpstreamOutOfMemory, 5),
        ],
        AP_HTTP,
    ),
    r(&[b"AH01102"], READ_FAILED, AP_HTTP),
    // AH10404 "Error reading headers from backend" (mod_proxy_http.c): the read broke in the
    // headers; AH10293/AH10294 "Unexpected empty data reading (uwscgi) response": the
    // connection ended before a byte (a close, a crash).
    r(&[b"(70007)", b"AH10404"], FIRST_BYTE_TIMEOUT, AP_HTTP),
    r(&[b"(104)", b"AH10404"], RESET, AP_HTTP),
    // (70014) APR_EOF on AH10404: the status line came, then the end before the blank line:
    // the app died in its headers, or wrote an unfinished header block and closed (recorded:
    // apache/d-headers-close).
    r(&[b"(70014)", b"AH10404"], RESET, AP_HTTP),
    r(&[b"AH10404"], READ_FAILED, AP_HTTP),
    r(&[b"AH10293"], RESET, AP_HTTP),
    r(&[b"AH10294"], RESET, AP_HTTP),
    // AH01099 "No HTTP headers returned by …": a status line and no header block (HTTP/0.9
    // or junk); AH02475 "Response chunk/line was too large to parse" and AH02476 "Response
    // Transfer-Encoding was not recognised": the answer's framing is not HTTP/1.1's.
    r(&[b"AH01099"], INVALID, AP_HTTP),
    r(
        &[b"AH02475"],
        &[(UpstreamInvalidResponse, 60), (WrongUpstreamAddress, 5)],
        AP_HTTP,
    ),
    r(&[b"AH02476"], INVALID, AP_HTTP),
    // mod_proxy_scgi (AH00858 "sending data to … failed", AH00860 "error reading response
    // headers from …") and mod_proxy_uwsgi (AH10098): the errno decides, as for HTTP.
    r(
        &[b"(70007)", b"AH00860"],
        FIRST_BYTE_TIMEOUT,
        "httpd modules/proxy/mod_proxy_scgi.c",
    ),
    r(
        &[b"(104)", b"AH00860"],
        RESET,
        "httpd modules/proxy/mod_proxy_scgi.c",
    ),
    r(
        &[b"AH00860"],
        READ_FAILED,
        "httpd modules/proxy/mod_proxy_scgi.c",
    ),
    r(
        &[b"(104)", b"AH00858"],
        RESET,
        "httpd modules/proxy/mod_proxy_scgi.c",
    ),
    r(
        &[b"(32)", b"AH00858"],
        RESET,
        "httpd modules/proxy/mod_proxy_scgi.c",
    ),
    r(
        &[b"(104)", b"AH10098"],
        RESET,
        "httpd modules/proxy/mod_proxy_uwsgi.c",
    ),
    r(
        &[b"(32)", b"AH10098"],
        RESET,
        "httpd modules/proxy/mod_proxy_uwsgi.c",
    ),
    r(
        &[b"AH00858"],
        &[(UpstreamReset, 45), (UpstreamTimeout, 20)],
        "httpd modules/proxy/mod_proxy_scgi.c",
    ),
    r(
        &[b"AH10098"],
        &[(UpstreamReset, 45), (UpstreamTimeout, 20)],
        "httpd modules/proxy/mod_proxy_uwsgi.c",
    ),
    // AH01110 "error reading response": the body broke off; its APR errno says how. (70007)
    // APR_TIMEUP: ProxyTimeout struck mid-body (recorded: apache/midbody-stall); (70008)
    // APR_INCOMPLETE (a close) and (104) a reset are the upstream's.
    r(&[b"(70007)", b"AH01110"], READ_TIMEOUT, AP_HTTP),
    // (28) APR_ENOSPC and (22) APR_EINVAL: the body's chunked framing broke the HTTP input
    // filter (http_filters.c parse_chunk_size: a chunk size over 63 bits or a chunk line over
    // its limit, ENOSPC, recorded: apache/b10-chunk-overflow; a byte that is no hex digit or
    // a bare CR, EINVAL). The filter's other ENOSPC, a body over LimitRequestBody, is not
    // checked on a backend's answer (ctx->limit is 0 for PROXYREQ_RESPONSE), and nothing is
    // written to disk on this path: not a full disk, not a close.
    r(&[b"(28)", b"AH01110"], INVALID, AP_HTTP_FILTERS),
    r(&[b"(22)", b"AH01110"], INVALID, AP_HTTP_FILTERS),
    // (20014) APR_EGENERAL: http_filters.c's bail_out_on_error() for a proxied answer whose
    // chunk line (AH01590), Transfer-Encoding (AH01585) or Content-Length (AH01587) does not
    // parse (recorded: apache/b21-ans-bad-chunk). What else: mod_ssl's read error on a TLS
    // backend mid-body returns it too (a reset of the TLS stream), so a reset comes second.
    r(
        &[b"(20014)", b"AH01110"],
        &[(UpstreamInvalidResponse, 60), (UpstreamReset, 25)],
        AP_HTTP_FILTERS,
    ),
    r(&[b"AH01110"], RESET, AP_HTTP),
    // AH10124 "header size is over the limit allowed by ResponseFieldSize": an answer over
    // Apache's own limit (a huge cookie is not invalid HTTP, but the contract's nearest cause
    // is the answer's).
    r(
        &[b"AH10124"],
        &[(UpstreamInvalidResponse, 60), (WrongUpstreamAddress, 5)],
        AP_HTTP,
    ),
    // Bogus or malformed headers, HTTP/0.9, Transfer-Encoding with Content-Length.
    r(&[b"AH01098"], INVALID, AP_HTTP),
    r(&[b"AH01100"], &[(UpstreamInvalidResponse, 60)], AP_HTTP),
    // AH01106 "bad HTTP/1.1 header returned by": ap_proxy_read_headers() failed
    // (mod_proxy_http.c, 2.4.x). Alone, a header line with no colon (ProxyBadHeader's default
    // `bad_error` returns without a log line of its own: recorded apache/bad-header). After
    // AH10404 "Error reading headers from backend" (its errno: EOF, a reset, a timeout) the
    // header block was cut by the app's end (recorded: apache/d-headers-close, d-headers-reset),
    // after AH10124 it was too big: a consequence line, weak, that takes the line before it.
    r(
        &[b"AH01106"],
        &[
            (UpstreamInvalidResponse, 55),
            (UpstreamReset, 30),
            (UpstreamTimeout, 5),
        ],
        AP_HTTP,
    ),
    r(&[b"AH01107"], INVALID, AP_HTTP),
    // FastCGI: a record that is not FastCGI (a port speaking HTTP, say), unparsable headers.
    r(&[b"AH01068"], INVALID, AP_FCGI),
    r(&[b"AH01070"], INVALID, AP_FCGI),
    // "Got bogus rid", "Got bogus record", "Error occurred reading padding": records that are
    // not the FastCGI the request started.
    r(&[b"AH01069"], INVALID, AP_FCGI),
    r(&[b"AH01072"], INVALID, AP_FCGI),
    r(&[b"AH02537"], INVALID, AP_FCGI),
    // AH01073 "Failed Writing Request to", AH01074 "Failed writing Environment to": the app's
    // socket broke as the request went out (a crash, a recycled worker, its backlog closed).
    r(&[b"(104)", b"AH01073"], RESET, AP_FCGI),
    r(&[b"(32)", b"AH01073"], RESET, AP_FCGI),
    r(&[b"(104)", b"AH01074"], RESET, AP_FCGI),
    r(&[b"(32)", b"AH01074"], RESET, AP_FCGI),
    r(
        &[b"AH01073"],
        &[(UpstreamReset, 45), (UpstreamDown, 15)],
        AP_FCGI,
    ),
    r(
        &[b"AH01074"],
        &[(UpstreamReset, 45), (UpstreamDown, 15)],
        AP_FCGI,
    ),
    r(&[b"AH01067"], READ_FAILED, AP_FCGI),
    // "Got error '…'": the FastCGI app's own stderr (PHP's warnings and errors): the app
    // answered, only PHP's memory_limit is a cause of ours.
    r(
        &[b"AH01071", b"Allowed memory size"],
        &[(UpstreamOutOfMemory, 60)],
        AP_FCGI,
    ),
    r(&[b"AH01071"], NOT_UPSTREAM, AP_FCGI),
    // The client's request body, not the backend: "read … bytes of request body than
    // expected", "prefetch request body failed … from client".
    r(&[b"AH01086"], NOT_UPSTREAM, AP_HTTP),
    r(&[b"AH01095"], NOT_UPSTREAM, AP_UTIL),
    // AH02608 "read request body failed to … from <client>": the client's body.
    r(&[b"AH02608"], NOT_UPSTREAM, AP_UTIL),
    r(&[b"(104)", b"AH01084"], RESET, AP_UTIL),
    r(&[b"(32)", b"AH01084"], RESET, AP_UTIL),
    r(&[b"(104)", b"AH01097"], RESET, AP_HTTP),
    // Consequence lines: weak alone, they take the cause of the same request's errno line.
    r(
        &[b"AH01084"],
        &[
            (UpstreamReset, 35),
            (TlsFailure, 25),
            (UpstreamInvalidResponse, 15),
        ],
        AP_UTIL,
    ),
    r(
        &[b"AH01097"],
        &[
            (UpstreamReset, 35),
            (TlsFailure, 25),
            (UpstreamInvalidResponse, 15),
        ],
        AP_HTTP,
    ),
    r(&[b"AH00898"], READ_FAILED, AP_UTIL),
    r(&[b"AH01114"], CONNECT_FAILED, AP_HTTP),
    r(&[b"AH00960"], CONNECT_FAILED, AP_UTIL),
    r(&[b"AH01079"], CONNECT_FAILED, AP_FCGI),
    // AH01075 "Error dispatching request to …": the errno says what (a FastCGI app too slow
    // for ProxyTimeout is "(70007)The timeout specified has expired").
    r(&[b"(70007)", b"AH01075"], FIRST_BYTE_TIMEOUT, AP_FCGI),
    r(&[b"(104)", b"AH01075"], RESET, AP_FCGI),
    // "(70014)End of file found" is APR_EOF: the FastCGI app closed the connection before its
    // answer (apr_errno.h APR_OS_START_STATUS + 14; mod_proxy_fcgi.c dispatch() returns the
    // read's status): a crash or a close, like nginx's "upstream prematurely closed".
    r(&[b"(70014)", b"AH01075"], RESET, AP_FCGI),
    r(&[b"AH01075"], CONNECT_FAILED, AP_FCGI),
    // mod_proxy_ajp: AH01080 "ajp_msg_check_header() got bad signature": the answer's first
    // two bytes are not AJP's ("AB"): something else listens there (an HTTP port given as
    // ajp:// reads the same). AH00878 "read response failed from": its errno says what; without
    // one (AJP's own codes print as "APR does not understand") the line is weak and takes the
    // same request's AH01080.
    r(
        &[b"AH01080"],
        &[(UpstreamInvalidResponse, 60), (WrongUpstreamAddress, 30)],
        AP_AJP,
    ),
    // AH01031 "ajp_ilink_receive() received bad header" follows AH01080 (ajp_link.c: the
    // check failed); AH01030 "can't receive header" is the read's own failure, its errno says
    // what; AH00992 "ajp_read_header: ajp_ilink_receive failed" is their consequence (weak).
    r(
        &[b"AH01031"],
        &[(UpstreamInvalidResponse, 60), (WrongUpstreamAddress, 30)],
        AP_AJP,
    ),
    // A timeout reading an AJP message: the first (the answer's headers) as likely as a later
    // one, so read as before the first byte (FIRST_BYTE_TIMEOUT: a request queued behind busy
    // workers reads the same).
    r(&[b"(70007)", b"AH01030"], FIRST_BYTE_TIMEOUT, AP_AJP),
    r(&[b"(104)", b"AH01030"], RESET, AP_AJP),
    r(&[b"AH01030"], READ_FAILED, AP_AJP),
    r(&[b"AH00992"], READ_FAILED, AP_AJP),
    // AH00878 "read response failed": ajp_read_header() of the answer's first message.
    r(&[b"(70007)", b"AH00878"], FIRST_BYTE_TIMEOUT, AP_AJP),
    r(&[b"(104)", b"AH00878"], RESET, AP_AJP),
    r(&[b"(70014)", b"AH00878"], RESET, AP_AJP),
    r(&[b"AH00878"], READ_FAILED, AP_AJP),
    // AH00893 "dialog to <addr> (<host>) failed" (mod_proxy_ajp.c, `backend_failed`: sending
    // the body, reading or parsing the answer failed; a client's failure sets `client_failed`
    // and is not logged so): its APR status says how. AH00877 "read zero bytes, expecting N
    // bytes" is not read: the source's comment, "We can only get here if the client closed
    // the connection to us without sending the body".
    r(&[b"(70007)", b"AH00893"], FIRST_BYTE_TIMEOUT, AP_AJP),
    r(&[b"(104)", b"AH00893"], RESET, AP_AJP),
    r(&[b"AH00893"], READ_FAILED, AP_AJP),
    // A reused keep-alive connection held unread bytes: Apache closed it (a race, not a cause).
    r(&[b"AH03408"], NOT_UPSTREAM, AP_UTIL),
    h(&[b"AH00959"], CONNECT_FAILED, AP_UTIL),
    // AH00940 "disabled connection for (host)": the worker is in error state after an earlier
    // failure and its `retry` window has not passed, so the request is refused at once (the
    // app may be back already: held out, perfsonar/maddash#21). Read as the worker's state,
    // like Apache 2.2's same words below: the failure that disabled it has its own line.
    h(&[b"AH00940"], DOWN_OR_NO_HEALTHY, AP_UTIL),
    h(&[b"AH00933"], DOWN_OR_NO_HEALTHY, AP_UTIL),
    // AH00941 "failed to acquire connection" (ap_proxy_acquire_connection(), on the request's
    // path): the worker's pool is exhausted (`max=`, waited `acquire=`; recorded:
    // apache/busy): this request's failure, not a state change.
    r(
        &[b"AH00941"],
        &[(Overloaded, 75), (UpstreamTimeout, 10)],
        AP_UTIL,
    ),
    // Apache 2.2 wrote the same texts without AH codes ("[error] (111)Connection refused:
    // proxy: HTTP: attempt to connect to 127.0.0.1:8212 (*) failed"): the errno rules above
    // already read "attempt to connect"; these read the rest by their words.
    r(
        &[b"(70007)", b"error reading status line"],
        FIRST_BYTE_TIMEOUT,
        AP_22,
    ),
    r(&[b"(104)", b"error reading status line"], RESET, AP_22),
    r(&[b"error reading status line"], READ_FAILED, AP_22),
    r(&[b"Error reading from remote server"], READ_FAILED, AP_22),
    r(&[b"All workers are in error state"], NO_HEALTHY, AP_22),
    r(
        &[b"failed to make connection to backend"],
        CONNECT_FAILED,
        AP_22,
    ),
    // "pass request body failed to …": the backend took the headers and then dropped the
    // connection or stopped reading (a crash, a hang, a keep-alive race).
    r(
        &[b"pass request body failed"],
        &[(UpstreamReset, 50), (UpstreamTimeout, 20)],
        AP_22,
    ),
    h(&[b"disabling worker for"], CONNECT_FAILED, AP_22),
    h(&[b"disabled connection for"], CONNECT_FAILED, AP_22),
    // AH00961's and AH01961's words before their codes (an https:// backend with
    // SSLProxyEngine off: "proxy: HTTPS: failed to enable ssl support for [::1]:9443
    // (localhost)", "SSL Proxy requested for xxx but not enabled [Hint: SSLProxyEngine]";
    // held out: bsudy/saml-proxy#1).
    r(&[b"failed to enable ssl support for"], TLS, AP_22),
    r(
        &[b"SSL Proxy requested for", b"but not enabled"],
        TLS,
        AP_22,
    ),
];

// Varnish: every FetchError text, by the file that writes it (github:varnishcache/varnish-cache
// 27d2ce15; Debian 12 ships 7.1, whose texts are the same but for "HTC eof (-1)" where master
// writes "HTC eof (Unexpected end of input)").
const V_BACKEND: &str = "varnish-cache bin/varnishd/cache/cache_backend.c (FetchError); recorded: tests/fixtures/logs/varnish/";
const V_H1FETCH: &str = "varnish-cache bin/varnishd/http1/cache_http1_fetch.c (FetchError); recorded: tests/fixtures/logs/varnish/";
const V_H1VFP: &str =
    "varnish-cache bin/varnishd/http1/cache_http1_vfp.c (body read errors, errno text)";
pub const V_REQBODY: &str =
    "varnish-cache bin/varnishd/cache/cache_req_body.c, http1/cache_http1_fetch.c (req.body)";
const V_FETCH: &str = "varnish-cache bin/varnishd/cache/cache_fetch.c";
const V_OLD: &str =
    "Varnish 4.x/5.x FetchError texts (varnish-cache#2185, #813, libvmod-dynamic#4)";
const V_HTC_NUMBER: &str = "Varnish 5.x/6.0 `HTC status %d` (varnish-cache include/tbl/htc.h; varnish-cache#2185: \"HTC status 3\" is HTC_S_IDLE)";
const V_DOCS: &str = "Varnish docs, \"Backend fetch failures and the FetchError tag\" (varnish-cache.org/tips/varnishlog/fetcherror.html)";

pub static VARNISH: &[Rule] = &[
    // "backend X: unhealthy": the probe marked it sick; no connection was tried.
    r(&[b"unhealthy"], NO_HEALTHY, V_BACKEND),
    // "backend X: busy": .max_connections reached (Varnish's own limit, the app may be fine).
    r(&[b": busy"], OVERLOADED, V_BACKEND),
    // "backend X: fail errno N (text)": connect() failed.
    r(&[b"fail errno 111"], REFUSED, V_BACKEND),
    r(&[b"fail errno 110"], CONNECT_TIMEOUT, V_BACKEND),
    r(&[b"fail errno 113"], NO_ROUTE, V_BACKEND),
    // Varnish 7.1 loses errno on a refused connect (recorded: "fail errno 0 (Success)").
    r(&[b": fail"], CONNECT_FAILED, V_BACKEND),
    // "backend X: proxy write errno": the PROXY protocol preamble could not be written.
    r(&[b"proxy write errno"], RESET, V_BACKEND),
    // Varnish's own workspace ran out: a Varnish setting, not the backend.
    r(&[b"out of workspace"], &[(Overloaded, 40)], V_BACKEND),
    // "first byte timeout" and "… (reused connection)": no byte within first_byte_timeout: a
    // slow request or one queued behind the app's busy workers (codes::FIRST_BYTE_TIMEOUT).
    r(&[b"first byte timeout"], FIRST_BYTE_TIMEOUT, V_H1FETCH),
    r(&[b"between bytes timeout"], READ_TIMEOUT, V_H1FETCH),
    r(&[b"http format error"], INVALID, V_H1FETCH),
    // HTC_S_JUNK: bytes that cannot start an HTTP response.
    r(&[b"Received junk"], INVALID, V_H1FETCH),
    // HTC_S_OVERFLOW: a header larger than http_resp_hdr_len / http_resp_size: a Varnish
    // limit met by an unusual (not necessarily invalid) answer.
    r(&[b"overflow"], &[(UpstreamInvalidResponse, 55)], V_H1FETCH),
    // HTC_S_CLOSE / "backend closed": the backend closed before a whole header.
    r(&[b"backend closed"], RESET, V_H1FETCH),
    // "HTC eof": the connection ended before a whole header. Alone it is a reset, a clean close
    // or junk then a close (all three recorded); the transaction's BereqAcct line (the header
    // bytes received, cache_http1_fetch.c adds them on failure) tells junk (bytes > 0) from a
    // close (0): see `Reader` in mod.rs.
    r(
        &[b"HTC eof"],
        &[(UpstreamReset, 55), (UpstreamInvalidResponse, 35)],
        V_H1FETCH,
    ),
    // "HTC timeout (…)": between_bytes_timeout while reading the header.
    r(&[b"HTC timeout"], READ_TIMEOUT, V_H1FETCH),
    // Varnish 5.x/6.0 named only junk, close, timeout and overflow and wrote any other status
    // by its number (`HTC status %d`; include/tbl/htc.h's enum htc_status_e). -1 is HTC_S_EOF,
    // the end before a whole header, "HTC eof" above (a close: an nginx `return 444` behind
    // Varnish writes it, a reset, or junk then a close: the BereqAcct row tells, see `Reader`).
    // 3 is HTC_S_IDLE: nothing came within first_byte_timeout (varnishtest b00023's
    // `first_byte_timeout 1`, varnish-cache#2185), a first byte timeout. Any other number: the
    // read failed, as "HTC " below.
    r(
        &[b"HTC status -1"],
        &[(UpstreamReset, 55), (UpstreamInvalidResponse, 35)],
        V_HTC_NUMBER,
    ),
    r(&[b"HTC status 3"], FIRST_BYTE_TIMEOUT, V_HTC_NUMBER),
    r(&[b"HTC "], READ_FAILED, V_H1FETCH),
    r(&[b"timeout"], READ_TIMEOUT, V_H1FETCH),
    // "req.body read error" / "Had failed reading req.body before.": the client's request
    // body could not be read; Varnish then also logs "backend write error" for the same fetch
    // (maintainer, varnishcache/varnish-cache#2629), so that line alone cannot blame the
    // backend.
    // Its errno is the failed side's, and Varnish writes this text for both (cache_http1_fetch.c
    // V1F_SendReq(): the body is passed on as it is read, vbf_iter_req_body() writing each
    // piece to the backend, so a write the backend reset ends the same iteration as a client
    // read that failed): ECONNRESET and EPIPE are a connection the peer reset, most often the
    // backend's, answering before it read a large body (blind round 34's 4 MB POST, "backend
    // write error: 104" after it). What else it could mean: a client that reset its own
    // upload, whose read fails with the same errno; so no more than 0.5. Errno 0 (a short body,
    // the client's FIN) and 11 (the client's timeout) stay the client's.
    r(
        &[b"req.body read error: 104 "],
        &[(UpstreamReset, 50)],
        V_REQBODY,
    ),
    r(
        &[b"req.body read error: 32 "],
        &[(UpstreamReset, 50)],
        V_REQBODY,
    ),
    r(&[b"req.body read error"], NOT_UPSTREAM, V_REQBODY),
    r(&[b"Had failed reading req.body"], NOT_UPSTREAM, V_REQBODY),
    r(
        &[b"backend write error"],
        &[(UpstreamReset, 55), (UpstreamDown, 10)],
        V_H1FETCH,
    ),
    // Body read errors: the errno text alone.
    r(&[b"Connection reset by peer"], RESET, V_H1VFP),
    // EAGAIN on a backend read: Varnish sets the socket's receive timeout to
    // between_bytes_timeout (first_byte_timeout for the header), so the errno is its timer
    // (recorded: varnish/midbody-stall, "Resource temporarily unavailable" then "straight
    // insufficient bytes").
    r(
        &[b"Resource temporarily unavailable"],
        READ_TIMEOUT,
        V_H1VFP,
    ),
    // The body ended short of its Content-Length: a consequence line, weak, that takes the
    // errno line before it (a reset, EAGAIN's timeout); alone, a close mid-body.
    r(
        &[b"straight insufficient bytes"],
        &[(UpstreamReset, 55), (UpstreamTimeout, 30)],
        V_OLD,
    ),
    // The chunked twins (cache_http1_vfp.c v1f_pull_chunked(): a chunk's read failed or
    // ended early; recorded: varnish/b25-chunk-die, after "Connection reset by peer").
    r(
        &[b"chunked read err"],
        &[(UpstreamReset, 55), (UpstreamTimeout, 30)],
        V_H1VFP,
    ),
    r(
        &[b"chunked insufficient bytes"],
        &[(UpstreamReset, 55), (UpstreamTimeout, 30)],
        V_H1VFP,
    ),
    r(&[b"eof socket fail"], RESET, V_OLD),
    // `Error  Body cannot be fetched` (cache_fetch.c vbf_stp_startfetch, when the answer's
    // body_status is BS_ERROR): the headers parsed but the body's framing cannot be known: a
    // bogus Content-Length, a Transfer-Encoding other than chunked, Content-Length with
    // Transfer-Encoding (http1/cache_http1_proto.c http1_body_status, "we're going to be
    // strict"; recorded: varnish/b10-cl-te), a 204 with a body, or any 1xx answer
    // (http1/cache_http1_fetch.c: "1xx responses never have a body … but we should never see
    // them"). A 1xx may be an app's 100 Continue before it closed (recorded: varnish/
    // b10-continue-close) or a valid 103 Early Hints Varnish cannot relay: no more than 0.6.
    r(
        &[b"Body cannot be fetched"],
        &[(UpstreamInvalidResponse, 60), (UpstreamReset, 20)],
        V_FETCH,
    ),
    // The chunked body's framing (cache_http1_vfp.c v1f_chunked_hdr/v1f_chunk_end): a chunk size
    // that is no hex number, too long, without its line end, absurdly large, or a chunk without
    // its CRLF. Only the backend's bytes are parsed there (the client's body has its own
    // reader), so the app framed its body wrongly (recorded: varnish/b10-bad-chunk, "chunked
    // header non-hex"). The same words could come from a body cut in the middle of a chunk
    // header by something else on the path (a proxy or a load balancer between Varnish and
    // the app that breaks the stream): hence not a certainty. "chunked read err" is a read
    // that failed (a reset, a close or a between-bytes timeout) and "chunked insufficient
    // bytes" a body cut short: not the framing; they are read above, weak as their straight
    // twin, so that the errno row before them (a reset, EAGAIN's timeout) decides.
    r(
        &[b"chunked header"],
        &[(UpstreamInvalidResponse, 80), (UpstreamReset, 10)],
        V_H1VFP,
    ),
    r(
        &[b"chunked tail no NL"],
        &[(UpstreamInvalidResponse, 80), (UpstreamReset, 10)],
        V_H1VFP,
    ),
    r(
        &[b"bogusly large chunk size"],
        &[(UpstreamInvalidResponse, 80), (UpstreamReset, 10)],
        V_H1VFP,
    ),
    // Varnish's own storage or threads: a Varnish limit, not the backend.
    r(&[b"Could not get storage"], &[(Overloaded, 60)], V_FETCH),
    r(&[b"No thread available"], &[(Overloaded, 60)], V_FETCH),
    // Varnish 4.x/5.0, in Varnish's own words (varnish-cache.org/tips/varnishlog/fetcherror):
    // "http first read error: EOF: Usually this indicates a first byte timeout. In less common
    // cases, the backend may have closed the connection"; "http read error: EOF: Usually a
    // between-bytes timeout"; "no backend connection: … the backend is unhealthy (or all of
    // the backends in a director are unhealthy), or … the connection timeout expired".
    r(
        &[b"http first read error"],
        &[(UpstreamTimeout, 55), (UpstreamReset, 35)],
        V_DOCS,
    ),
    r(
        &[b"http read error"],
        &[(UpstreamTimeout, 55), (UpstreamReset, 35)],
        V_DOCS,
    ),
    r(
        &[b"no backend connection"],
        &[
            (NoHealthyUpstream, 45),
            (UpstreamTimeout, 30),
            (UpstreamDown, 15),
        ],
        V_DOCS,
    ),
    r(&[b"Timed out reusing backend connection"], RESET, V_OLD),
    // "Director rr returned no backend" (cache_director.c): every backend of the director is
    // sick, or the director is empty (a configuration slip).
    r(
        &[b"returned no backend"],
        &[
            (NoHealthyUpstream, 60),
            (UpstreamDown, 20),
            (WrongUpstreamAddress, 10),
        ],
        V_FETCH,
    ),
    // "No backend" (cache_director.c VDI_Resolve: bo->director_req == NULL): the VCL's backend
    // hint was empty. Directors that pick at once in vcl_recv return none when every backend is
    // sick (vmod_directors shard.backend(), resolve=NOW by default in the client context, and
    // hash.backend(): recorded, varnish/b5-shard-sick); `backend default none` or a hint left
    // unset by the VCL (a configuration slip) read the same, so no more than 0.55.
    r(
        &[b"No backend"],
        &[(NoHealthyUpstream, 55), (WrongUpstreamAddress, 35)],
        V_FETCH,
    ),
];

/// `BereqAcct` (varnishlog) after "HTC eof": the response header bytes received
/// (`beresp_hdrbytes`, its fourth number). Bytes that never made a header, then the end: the
/// backend spoke something else, or it died in the middle of its headers (recorded:
/// varnish/d-headers-close and d-headers-reset, 38 bytes, against junk's 37 in
/// varnish/d-junk): the count cannot tell them, no more than 0.6; none: it closed or reset.
pub const HTC_EOF_AFTER_BYTES: Dist = &[(UpstreamInvalidResponse, 55), (UpstreamReset, 40)];
/// No byte: a close or a reset before the answer (a crash, the OOM killer), or a port that
/// speaks TLS and dropped Varnish's plain request (recorded: varnish/plain-to-tls, the same
/// rows as varnish/closed): no more than 0.6.
pub const HTC_EOF_NO_BYTES: Dist = &[
    (UpstreamReset, 60),
    (TlsFailure, 15),
    (UpstreamOutOfMemory, 10),
];

// lighttpd: each row names the file that writes it (github:lighttpd/lighttpd1.4 2ddc5138; Debian
// 12 ships 1.4.69). Found missing (a finding, not a rule): when the backend closes before any
// header, http-header-glue.c's http_response_read() ends the read (`0 == n` →
// HANDLER_FINISHED) without a log line, and lighttpd answers 500: nothing to read.
const LT_GW: &str = "lighttpd1.4 src/gw_backend.c; recorded: tests/fixtures/logs/lighttpd/";
const LT_GLUE: &str = "lighttpd1.4 src/http-header-glue.c; recorded: tests/fixtures/logs/lighttpd/";
const LT_CHUNK: &str = "lighttpd1.4 src/http_chunk.c (http_chunk_decode_append_error); recorded: tests/fixtures/logs/lighttpd/b10-chunk-overflow";
const LT_NOTCONN: &str = "lighttpd1.4 src/network_write.c network_write_error() and src/gw_backend.c gw_establish_connection() (a unix socket's EAGAIN taken as a connect in progress); recorded: tests/fixtures/logs/lighttpd/b11-uwsgi-listen-full";
const LT_OLD: &str =
    "lighttpd 1.4 before gw_backend.c: src/mod_proxy.c (held out: OpenCCU/OpenCCU#256)";

pub static LIGHTTPD: &[Rule] = &[
    // chunk.c's temp-file writer (a request body spooled to server.upload-dirs, or a large
    // backend answer spooled the same way): "write() temp-file <path> failed: No space left on
    // device": lighttpd's own disk, not the backend (rules::GATEWAY_OWN).
    r(
        &[b"temp-file", b"No space left on device"],
        GATEWAY_OWN,
        "lighttpd src/chunk.c (its temp-file writer)",
    ),
    // mod_fastcgi.c writes the FastCGI app's stderr line by line as "FastCGI-stderr:<text>"
    // (log_error_multiline): the app's own words (PHP's warnings, "Primary script unknown",
    // a fatal error with its own 500), not lighttpd's; a PHP text that says "Connection reset
    // by peer" is about the app's own peer. Only PHP's memory_limit is a cause of ours, as
    // Apache's AH01071 and nginx's "FastCGI sent in stderr" read it (0.6 at most).
    r(
        &[b"FastCGI-stderr:", b"Allowed memory size"],
        &[(UpstreamOutOfMemory, 60)],
        "lighttpd1.4 src/mod_fastcgi.c",
    ),
    r(
        &[b"FastCGI-stderr:"],
        NOT_UPSTREAM,
        "lighttpd1.4 src/mod_fastcgi.c; recorded: tests/fixtures/logs/lighttpd/b5-fpm-*",
    ),
    // "establishing connection failed: socket: tcp:127.0.0.1:3000: <strerror>" (log_serror):
    // the errno decides, as for every gateway.
    r(
        &[b"establishing connection failed", b"Connection refused"],
        REFUSED,
        LT_GW,
    ),
    r(
        &[b"establishing connection failed", b"No such file"],
        &[(UpstreamDown, 60), (WrongUpstreamAddress, 30)],
        LT_GW,
    ),
    r(
        &[b"establishing connection failed", b"timed out"],
        CONNECT_TIMEOUT,
        LT_GW,
    ),
    // EAGAIN: gw_backend.c's own comment, "cool down the backend; it is overloaded" (a unix
    // socket's listen backlog is full).
    r(
        &[
            b"establishing connection failed",
            b"temporarily unavailable",
        ],
        &[(Overloaded, 60), (UpstreamTimeout, 20)],
        LT_GW,
    ),
    r(
        &[b"establishing connection failed", b"No route to host"],
        NO_ROUTE,
        LT_GW,
    ),
    r(
        &[b"establishing connection failed", b"Network is unreachable"],
        &[(WrongUpstreamAddress, 55), (UpstreamDown, 35)],
        LT_GW,
    ),
    r(
        &[b"establishing connection failed", b"Permission denied"],
        PERMISSION_DENIED,
        LT_GW,
    ),
    r(&[b"establishing connection failed"], CONNECT_FAILED, LT_GW),
    // lighttpd's own limits: out of file descriptors at socket(), and gw_backend.c's note
    // after an EAGAIN connect "You have run out of local ports": the backend may be fine.
    r(&[b"socket() failed (cur_fds"], &[(Overloaded, 60)], LT_GW),
    r(
        &[b"run out of local ports"],
        &[(Overloaded, 60), (UpstreamTimeout, 15)],
        LT_GW,
    ),
    // A write to a socket that was never connected. gw_backend.c's gw_establish_connection()
    // takes a unix socket's EAGAIN (the app's listen queue is full: the kernel refuses the
    // connect at once, it is never "in progress") as a connect in progress; when the socket
    // turns writable no connect has happened, and network_write.c's network_write_error() logs
    // the write's ENOTCONN ("write failed: <fd>: Transport endpoint is not connected"; EPIPE and
    // ECONNRESET, a backend that accepted and went away, it leaves unlogged). What else the
    // words could mean: the line names no socket, and network_write.c writes to clients too,
    // whose accepted sockets are connected (a client gone gives EPIPE/ECONNRESET): 0.6.
    r(
        &[
            b"network_write.c.",
            b"write failed",
            b"Transport endpoint is not connected",
        ],
        &[(Overloaded, 60), (UpstreamReset, 15)],
        LT_NOTCONN,
    ),
    // The same request's next lines, in the same second: "connection was dropped after accept()
    // … write-offset: 0 socket: unix:…" (nothing written to a unix socket: the app accepted and
    // went away before the first byte, or the connect never happened, above), and
    // http-header-glue.c's "read() <fd> <fd>: Invalid argument" (Linux's EINVAL for a read on a
    // stream socket never connected). Consequence lines: weak alone, they take the cause of the
    // same second's line before them (mod.rs Reader), as "response not received" does.
    r(
        &[
            b"connection was dropped after accept()",
            b"write-offset: 0 socket: unix:",
        ],
        &[(UpstreamReset, 45), (Overloaded, 30), (UpstreamDown, 10)],
        LT_NOTCONN,
    ),
    r(
        &[b"http-header-glue.c.", b") read() ", b"Invalid argument"],
        &[(UpstreamReset, 40), (Overloaded, 30)],
        LT_NOTCONN,
    ),
    // "connection was dropped after accept() (perhaps the gw process died)": the write of
    // the request met EPIPE/ECONNRESET: the backend accepted and went away.
    r(
        &[b"connection was dropped after accept()"],
        &[
            (UpstreamReset, 60),
            (UpstreamOutOfMemory, 15),
            (UpstreamDown, 10),
        ],
        LT_GW,
    ),
    // "HTTP backend response missing CR before LF" (http-header-glue.c): a header block that
    // is not HTTP's.
    r(&[b"response missing CR before LF"], INVALID, LT_GLUE),
    // http_chunk.c http_chunk_decode_append_error(): the backend's chunked answer does not
    // parse ("chunked data size too large", recorded: lighttpd/b10-chunk-overflow; "chunked
    // header line too long", "chunked header invalid chars"). The file's name is a needle:
    // h1.c writes "chunked data size too large -> 400" for a client's chunked request body.
    // (The gw_backend.c "response already sent out, but backend returned error" that follows
    // is a consequence line: it takes this line's cause, below.)
    r(
        &[b"http_chunk.c.", b"chunked data size too large"],
        INVALID,
        LT_CHUNK,
    ),
    r(
        &[b"http_chunk.c.", b"chunked header line too long"],
        INVALID,
        LT_CHUNK,
    ),
    r(
        &[b"http_chunk.c.", b"chunked header invalid chars"],
        INVALID,
        LT_CHUNK,
    ),
    // ("got a FDEVENT_ERR" is read in lighttpd.rs, by what its event can be.)
    r(&[b"connect delayed", b"Connection refused"], REFUSED, LT_GW),
    // "%s timeout on socket: …": lighttpd's own timers (proxy.server "read-timeout",
    // "connect-timeout", "write-timeout").
    r(&[b"read timeout on socket"], FIRST_BYTE_TIMEOUT, LT_GW),
    r(&[b"connect timeout on socket"], CONNECT_TIMEOUT, LT_GW),
    // The backend did not take the request in time: busy (its workers all taken, its listen
    // queue full) as likely as slow, and no byte of an answer yet.
    r(&[b"write timeout on socket"], FIRST_BYTE_TIMEOUT, LT_GW),
    r(&[b"invalid HTTP status line"], INVALID, LT_GLUE),
    // "response headers too large for /path" (MAX_HTTP_RESPONSE_FIELD_SIZE): over
    // lighttpd's own limit.
    r(
        &[b"response headers too large"],
        &[(UpstreamInvalidResponse, 60), (WrongUpstreamAddress, 5)],
        LT_GLUE,
    ),
    // mod_fastcgi.c fcgi_recv_0(): "unexpected end-of-file (perhaps the fastcgi process
    // died)": the backend closed before a whole FastCGI answer (a crash; or junk that never
    // made a packet, recorded: lighttpd/fastcgi-garbage).
    r(
        &[b"unexpected end-of-file"],
        &[
            (UpstreamReset, 55),
            (UpstreamInvalidResponse, 25),
            (UpstreamOutOfMemory, 5),
        ],
        "lighttpd1.4 src/mod_fastcgi.c",
    ),
    // "read() 12 15: Connection reset by peer" (log_perror in http_response_read()).
    r(&[b"Connection reset by peer"], RESET, LT_GLUE),
    // gw_backend_error(): the connection broke before an answer. "request not sent": the
    // backend closed as the request went out (a stale keep-alive, a crash); "request sent":
    // it read the request and closed; "already sent out": the body broke off.
    r(
        &[b"response not received, but request sent"],
        &[
            (UpstreamReset, 65),
            (UpstreamInvalidResponse, 15),
            (UpstreamOutOfMemory, 5),
        ],
        LT_GW,
    ),
    r(
        &[b"response not received"],
        &[(UpstreamReset, 55), (UpstreamDown, 25)],
        LT_GW,
    ),
    // gw_backend.c: the answer's head was already sent when the backend's read failed. A
    // consequence line, written after the line that says how (http-header-glue.c's "read() …
    // Connection reset by peer", http_chunk.c's chunk error): weak alone (mostly a reset or a
    // crash mid-body), it takes the cause of the same second's line before it (mod.rs Reader).
    r(
        &[b"response already sent out"],
        // Alone: a reset mid-body writes http-header-glue.c's "read() …: Connection reset by
        // peer" first (recorded: lighttpd/midbody-reset, b9-, b20-) and this line then takes its
        // reading; a close mid-body writes nothing (recorded: round 21 (a)'s dropped lighttpd
        // cl-long). Without a line before it, http_chunk.c's decode failed on a chunk line it
        // does not log (a size with no hex digit: recorded, lighttpd/b21-ans-bad-chunk), or
        // lighttpd's own temporary file could not be written (its disk, not the backend).
        &[
            (UpstreamInvalidResponse, 50),
            (UpstreamReset, 30),
            (UpstreamOutOfMemory, 5),
        ],
        LT_GW,
    ),
    // FastCGI: "unexpected close of gw connection … (no gw process on socket: … ?)".
    r(
        &[b"unexpected close of gw connection"],
        &[(UpstreamReset, 60), (UpstreamDown, 25)],
        LT_GW,
    ),
    // "all handlers for <path>?<query> on <extension> are down." (gw_backend.c gw_host_get(),
    // lighttpd 1.4.69: no host of the extension has an active process left, so this request is
    // answered 503; written once, for the first request that finds none, until a host is back):
    // one request's failure. Most often it follows the same request's own connect line in the
    // same second (a refusal, a timeout, a missing socket: gw_backend_error() reconnects and
    // finds no host), whose reading it takes (mod.rs Reader); alone (pasted by itself, or the
    // first request after the backends were disabled), the host is down, or every host of a
    // pool (no_healthy_upstream) as operators label a pool half the time. The rules read the
    // words before the path, " for /" (lighttpd.rs), so the needle is the words before it.
    // (Before session 15 it was read as a state line, never as a request's failure; held out:
    // pi-hole#5131, the line alone for a php-cgi that was not respawned.)
    r(&[b"all handlers"], ALL_HANDLERS_DOWN, LT_GW),
    // State changes after failures, not one request's failure.
    h(&[b"backend is overloaded"], OVERLOADED, LT_GW),
    h(&[b"backend died"], DOWN, LT_GW),
    h(&[b"gw-server disabled"], DOWN_OR_NO_HEALTHY, LT_GW),
    h(&[b"backend error; we'll disable"], CONNECT_FAILED, LT_GW),
    // lighttpd before 1.4.46 (mod_proxy.c): the same failures in older words.
    h(&[b"proxy-server disabled"], DOWN_OR_NO_HEALTHY, LT_OLD),
    h(&[b"no proxy-handler found"], DOWN_OR_NO_HEALTHY, LT_OLD),
];

// Squid's cache.log at the default debug level (ALL,1): each row names the file that writes it
// (github:squid-cache/squid 7c20a8a7; Debian 12 ships 5.7, whose peer failure line is "TCP
// connection to X/port failed" where master writes "ERROR: Connection to X failed").
const SQ_HTTP: &str =
    "squid src/http.cc (HttpStateData, \"Invalid Response\"); recorded: tests/fixtures/logs/squid/";
const SQ_PEER: &str = "squid src/CachePeer.cc, src/neighbors.cc (peerConnectFailed, \"Detected DEAD\"); recorded: tests/fixtures/logs/squid/";
const SQ_TLS: &str = "squid src/security/PeerConnector.cc";
const SQ_HEADER: &str =
    "squid src/HttpHeader.cc (HttpHeader::parse); recorded: tests/fixtures/logs/squid/";

const SQ_DIGEST: &str = "squid src/peer_digest.cc peerDigestReqFinish() (\"temporary disabling (%s) digest from %s\"); recorded: tests/fixtures/logs/squid/";
/// Squid's cache.log.
const SQ_DNS: &str = "squid src/dns_internal.cc idnsInitVCConnected()";
pub static SQUID_CACHE: &[Rule] = &[
    // "Bad header encountered from …": the status line or a header did not parse.
    r(&[b"Invalid Response: Bad header"], INVALID, SQ_HTTP),
    r(
        &[b"Invalid Response: Headers did not parse"],
        INVALID,
        SQ_HTTP,
    ),
    // "No reply at all for …": headers parsed, no reply in them.
    r(&[b"Invalid Response: No reply at all"], INVALID, SQ_HTTP),
    // ERR_ZERO_SIZE_OBJECT: the connection ended before a byte (logged at level 1 for accel
    // requests only).
    // Recorded for an app that closed without a byte and for plain HTTP spoken to a TLS
    // port (squid/plain-to-tls): no more than 0.6.
    r(
        &[b"Invalid Response: No object data received"],
        &[
            (UpstreamReset, 55),
            (TlsFailure, 15),
            (UpstreamInvalidResponse, 15),
        ],
        SQ_HTTP,
    ),
    r(&[b"Invalid Response"], INVALID, SQ_HTTP),
    // "WARNING: HTTP header contains NULL characters {…}" (src/HttpHeader.cc HttpHeader::parse,
    // level 1): a header block with a NUL byte. The same parser reads a client's request
    // headers, so the line alone may be a client's bad request (Squid answers that one 400);
    // an app's answer is followed by "Invalid Response: Bad header encountered" (recorded:
    // squid/b10-nul-header). No more than 0.6.
    r(
        &[b"HTTP header contains NULL characters"],
        &[(UpstreamInvalidResponse, 55)],
        SQ_HEADER,
    ),
    // "de-chunking failure: …" (src/http.cc HttpStateData::decodeAndWriteReplyBody, debug
    // section 11 at level 2, not at the default ALL,1): the server's chunked body did not parse
    // (recorded: "corrupted chunk size", squid/b10-debug-bad-chunk). Only a reply from a server
    // is de-chunked there; a body cut mid-chunk by something between Squid and the app would
    // read the same, hence not a certainty.
    r(
        &[b"de-chunking failure"],
        &[(UpstreamInvalidResponse, 80), (UpstreamReset, 10)],
        SQ_HTTP,
    ),
    h(&[b"Detected DEAD"], DOWN_OR_NO_HEALTHY, SQ_PEER),
    // "temporary disabling (Gateway Timeout) digest from 127.0.0.1" (src/peer_digest.cc
    // peerDigestReqFinish(), level 1): Squid's fetch of the peer's cache digest failed, and the
    // words in parentheses are that fetch's result, the status text of the answer Squid built
    // for it when the peer failed it (its own 504, 502 or 503), or Squid's own words when the
    // peer answered something that is no digest ("premature end of digest reply": an app that
    // answers any path, not a failure; not read). A state line about the peer, written beside
    // a visitor's request that failed the same way (recorded: the 504 beside every slow-header
    // case, rounds 34–40; the 502 beside a killed app, squid/b31-squid-killed; the 503 beside
    // TLS to a plain app, squid/b33-squid-tls-to-plain, b35-sqd-dbg-tls). What else it could
    // mean: the app's own answer with that status to Squid's digest URL (an app in maintenance
    // answering 503 to everything), so no more than 0.6.
    h(
        &[b"disabling (Gateway Timeout) digest"],
        &[(UpstreamTimeout, 60), (Overloaded, 15)],
        SQ_DIGEST,
    ),
    h(
        &[b"disabling (Bad Gateway) digest"],
        &[
            (UpstreamReset, 40),
            (UpstreamInvalidResponse, 25),
            (UpstreamDown, 15),
        ],
        SQ_DIGEST,
    ),
    h(
        // The digest is first fetched beside the first request that selects the peer once
        // its TCP probe has succeeded (neighbors.cc peerDigestLookup() → peerDigestNeeded()),
        // so a 503 then is most often the TLS handshake after that connect failing
        // (ERR_SECURE_CONNECT_FAIL); a refusal (ERR_CONNECT_FAIL) meets only a later refresh.
        &[b"disabling (Service Unavailable) digest"],
        &[(TlsFailure, 35), (UpstreamDown, 30), (Maintenance, 10)],
        SQ_DIGEST,
    ),
    // A cache_peer's name did not resolve (neighbors.cc, at configure time and on refresh).
    h(&[b"DNS lookup for", b"failed"], DNS, SQ_PEER),
    h(&[b"No IP address found for"], DNS, SQ_PEER),
    // Squid's own resolver cannot reach a name server over TCP (src/dns_internal.cc
    // idnsInitVCConnected(): "Failed to connect to nameserver %s using TCP", after a truncated
    // UDP answer or with `dns_packet_max`): names it needs may not resolve (ERR_DNS_FAIL). A
    // state line, and only the name server's: its UDP may still answer, so no more than 0.6.
    h(
        &[b"Failed to connect to nameserver"],
        &[(DnsFailure, 60)],
        SQ_DNS,
    ),
    // Squid says this for a refusal, a connect timeout and a failed TLS handshake alike
    // (recorded for all three; Squid's own comment in neighbors.cc calls the "TCP" label
    // "often misleading").
    r(
        &[b"TCP connection to", b"failed"],
        &[(UpstreamDown, 45), (UpstreamTimeout, 20), (TlsFailure, 15)],
        SQ_PEER,
    ),
    r(
        &[b"ERROR: Connection to", b"failed"],
        &[(UpstreamDown, 45), (UpstreamTimeout, 20), (TlsFailure, 15)],
        SQ_PEER,
    ),
    r(&[b"ERROR: negotiating TLS"], TLS, SQ_TLS),
    r(&[b"Connection reset by peer"], RESET, SQ_HTTP),
];

/// Squid's error names, in an access.log whose `logformat` has `%err_code` (and
/// `%err_detail`): the same names as the `X-Squid-Error` header.
const SQUID_ERR_SRC: &str = "Squid errors/templates (ERR_* pages) and squid.conf logformat %err_code; the names recorded in X-Squid-Error (tests/fixtures/squid/)";

/// Squid's error detail: src/client_side.cc ConnStateData::terminateAll() names the errors of a
/// client connection it ends `WITH_CLIENT`, src/FwdState.cc names the forwarding's `WITH_SERVER`.
const SQUID_DETAIL_SRC: &str = "squid src/client_side.cc terminateAll() (WITH_CLIENT), src/FwdState.cc updateAleWithFinalError() (WITH_SERVER), src/error/forward.h (ERR_CLIENT_GONE, ERR_REQUEST_*_TIMEOUT)";
const SQUID_WRITE_SRC: &str = "squid src/http.cc (ERR_WRITE_ERROR, 502: the request could not be written to the server), src/security/PeerConnector.cc (ERR_SOCKET_FAILURE), errors/templates";

pub static SQUID_ERR: &[Rule] = &[
    // The client's side: its connection ended (a client that left, a request that never came
    // whole: ERR_CLIENT_GONE, ERR_REQUEST_START_TIMEOUT / ERR_REQUEST_PARSE_TIMEOUT, recorded:
    // squid/b5-request-timeout), whatever the error's name.
    r(&[b"/WITH_CLIENT"], NOT_UPSTREAM, SQUID_DETAIL_SRC),
    r(&[b"ERR_CLIENT_GONE"], NOT_UPSTREAM, SQUID_DETAIL_SRC),
    r(&[b"ERR_REQUEST_"], NOT_UPSTREAM, SQUID_DETAIL_SRC),
    // Writing the request to the server failed: it closed or reset the connection (a crash, a
    // worker recycled), or was gone already.
    r(
        &[b"ERR_WRITE_ERROR"],
        &[(UpstreamReset, 55), (UpstreamDown, 15)],
        SQUID_WRITE_SRC,
    ),
    // "Squid is unable to create a TCP socket, presumably due to excessive load": Squid's own
    // limit (file descriptors), not the upstream.
    r(
        &[b"ERR_SOCKET_FAILURE"],
        &[(Overloaded, 60)],
        SQUID_WRITE_SRC,
    ),
    // ERR_TOO_BIG on a 5xx: the reply (its headers over reply_header_max_size) was too large;
    // a client's request too large is answered 4xx and not read (squid.rs's status gate).
    r(&[b"ERR_TOO_BIG"], INVALID, SQUID_ERR_SRC),
    r(&[b"ERR_SECURE_CONNECT_FAIL"], TLS, SQUID_ERR_SRC),
    r(&[b"ERR_CONNECT_FAIL", b"111"], REFUSED, SQUID_ERR_SRC),
    r(
        &[b"ERR_CONNECT_FAIL", b"110"],
        CONNECT_TIMEOUT,
        SQUID_ERR_SRC,
    ),
    r(&[b"ERR_CONNECT_FAIL"], CONNECT_FAILED, SQUID_ERR_SRC),
    r(&[b"ERR_DNS_FAIL"], DNS, SQUID_ERR_SRC),
    // Squid's read_timeout runs between any two reads, the first included: the phase is not
    // in the code, and a peer whose workers are all busy reads the same as a slow one.
    r(&[b"ERR_READ_TIMEOUT"], FIRST_BYTE_TIMEOUT, SQUID_ERR_SRC),
    r(&[b"ERR_INVALID_RESP"], INVALID, SQUID_ERR_SRC),
    r(
        &[b"ERR_ZERO_SIZE_OBJECT"],
        &[(UpstreamReset, 70), (UpstreamInvalidResponse, 15)],
        SQUID_ERR_SRC,
    ),
    r(&[b"ERR_READ_ERROR", b"104"], RESET, SQUID_ERR_SRC),
    r(&[b"ERR_READ_ERROR"], READ_FAILED, SQUID_ERR_SRC),
    r(&[b"ERR_CANNOT_FORWARD"], CONNECT_FAILED, SQUID_ERR_SRC),
];

// Go's net, net/http and crypto/tls errors, as Caddy and Traefik log them (their message is
// the Go error text), and Caddy's own: each row names the file that writes the words
// (github:caddyserver/caddy 0cf03d32; the Go standard library).
const CADDY_RP: &str =
    "caddy modules/caddyhttp/reverseproxy/reverseproxy.go; recorded: tests/fixtures/logs/caddy/";
const CADDY_FCGI: &str = "caddy modules/caddyhttp/reverseproxy/fastcgi/fastcgi.go, record.go";
const CADDY_V1: &str =
    "caddy v0.11.5 caddyhttp/proxy/proxy.go, v0.8.3 middleware/proxy/proxy.go (Caddy 1's proxy)";
const GO_NET: &str =
    "Go src/net (dial errors, syscall errno texts); recorded: tests/fixtures/logs/caddy/";
const GO_HTTP: &str = "Go src/net/http/transport.go; recorded: tests/fixtures/logs/caddy/";
const GO_HTTP2: &str = "golang.org/x/net/http2 errors.go (StreamError, ErrCode names)";
const GO_CHUNKED: &str =
    "Go src/net/http/internal/chunked.go; recorded: tests/fixtures/logs/caddy/b10-chunk-overflow";
const GO_TLS: &str =
    "Go src/crypto/tls, crypto/x509; recorded: tests/fixtures/logs/caddy/tls-to-plain";
const GO_IO: &str =
    "Go src/io (io.EOF, io.ErrUnexpectedEOF); recorded: tests/fixtures/logs/caddy/closed";

pub static GO: &[Rule] = &[
    // The client left (Caddy answers 499, reverseproxy.go statusError): not the upstream.
    r(&[b"context canceled"], NOT_UPSTREAM, CADDY_RP),
    r(&[b"operation was canceled"], NOT_UPSTREAM, CADDY_RP),
    // errNoUpstream (reverseproxy.go): the selection policy found no available upstream:
    // every one marked down (active health checks, max_fails), every one at max_requests
    // (busy), or none at all: `dynamic` upstreams whose lookup failed (recorded:
    // caddy/b6-dynamic-dns, whose "failed getting dynamic upstreams" line says "no such
    // host" just before) or an empty list. The line alone cannot say which: 0.6 (after a
    // failed lookup in the same second, mod.rs `Reader::caddy_lookup` reads it as DNS).
    r(
        &[b"no upstreams available"],
        &[(NoHealthyUpstream, 60), (DnsFailure, 15), (Overloaded, 10)],
        CADDY_RP,
    ),
    // The active health checker's own verdicts (healthchecks.go, logged at info by
    // http.handlers.reverse_proxy.health_checker.active, so read as health lines): the app
    // answers its check, with a status or a body the check does not accept (up, not
    // healthy; a wrong health_uri reads the same).
    r(
        &[b"status code out of tolerances"],
        &[(NoHealthyUpstream, 55), (UpstreamDown, 20)],
        "caddy modules/caddyhttp/reverseproxy/healthchecks.go",
    ),
    r(
        &[b"response body failed expectations"],
        &[(NoHealthyUpstream, 55), (UpstreamDown, 20)],
        "caddy modules/caddyhttp/reverseproxy/healthchecks.go",
    ),
    // Caddy 0.9-0.11 (caddyhttp/proxy/proxy.go): Select() found no host up before any try
    // (a failed try's own error is returned instead).
    r(&[b"no hosts available upstream"], NO_HEALTHY, CADDY_V1),
    // Caddy 0.8 (middleware/proxy/proxy.go errUnreachable): no host up, or every try in
    // try_duration failed: the two read the same.
    r(
        &[b"unreachable backend"],
        &[(NoHealthyUpstream, 50), (UpstreamDown, 40)],
        CADDY_V1,
    ),
    // DNS: the name did not resolve (a typo reads the same).
    r(&[b"no such host"], DNS, GO_NET),
    r(&[b"server misbehaving"], DNS, GO_NET),
    // Go's *net.DNSError is "lookup <name> on <server>: <reason>" (src/net/net.go): a dial
    // that failed at its lookup never reached the upstream, so an i/o timeout or a refusal
    // there is the DNS server's (Docker's embedded 127.0.0.11 not answering), not the app's.
    r(&[b"dial tcp: lookup "], DNS, GO_NET),
    r(&[b"lookup ", b" on ", b"i/o timeout"], DNS, GO_NET),
    r(&[b"lookup ", b" on ", b"connection refused"], DNS, GO_NET),
    // dial errors: the errno text decides.
    r(&[b"connect: connection refused"], REFUSED, GO_NET),
    r(
        &[b"connect: no such file or directory"],
        &[(UpstreamDown, 60), (WrongUpstreamAddress, 30)],
        GO_NET,
    ),
    r(&[b"connect: no route to host"], NO_ROUTE, GO_NET),
    r(
        &[b"connect: network is unreachable"],
        &[(WrongUpstreamAddress, 55), (UpstreamDown, 35)],
        GO_NET,
    ),
    r(
        &[b"connect: permission denied"],
        &[(WrongUpstreamAddress, 60), (UpstreamDown, 25)],
        GO_NET,
    ),
    r(
        &[b"connect: resource temporarily unavailable"],
        &[(Overloaded, 60), (UpstreamTimeout, 20)],
        GO_NET,
    ),
    r(&[b"dial tcp", b"i/o timeout"], CONNECT_TIMEOUT, GO_NET),
    r(&[b"dial unix", b"i/o timeout"], CONNECT_TIMEOUT, GO_NET),
    // response_header_timeout / read_timeout (Caddy sets none by default: a slow app is
    // waited for).
    r(
        &[b"timeout awaiting response headers"],
        FIRST_BYTE_TIMEOUT,
        GO_HTTP,
    ),
    // A whole-request deadline (the client's or a transport's) or a read deadline with no
    // phase in the words: the app may have been slow, or never started on the request (its
    // workers busy): FIRST_BYTE_TIMEOUT's spread.
    r(&[b"context deadline exceeded"], FIRST_BYTE_TIMEOUT, GO_HTTP),
    r(&[b"i/o timeout"], FIRST_BYTE_TIMEOUT, GO_NET),
    // "net/http: TLS handshake timeout" (transport.go tlsHandshakeTimeoutError): the app
    // accepted and did not finish a handshake in time (too slow, or it does not speak TLS
    // and waits for a request).
    r(
        &[b"TLS handshake timeout"],
        &[(UpstreamTimeout, 60), (TlsFailure, 30)],
        GO_HTTP,
    ),
    // TLS: "first record does not look like a TLS handshake" (TLS to a plain port), the
    // peer's alert, a certificate refused; and the reverse, plain HTTP where TLS was wanted.
    r(&[b"tls: "], TLS, GO_TLS),
    r(&[b"x509: "], TLS, GO_TLS),
    r(&[b"remote error: tls"], TLS, GO_TLS),
    r(
        &[b"server gave HTTP response to HTTPS client"],
        &[(TlsFailure, 60), (WrongUpstreamAddress, 30)],
        GO_HTTP,
    ),
    // Go's net/http ReadResponse (src/net/http/response.go): a status line it cannot parse,
    // "malformed HTTP response" (no space in it), "malformed HTTP status code" (the second
    // word not three digits), "malformed HTTP version" (the first word not HTTP/x.y): bytes
    // that are not HTTP at all. A broken app writes them, and so does another service on the
    // port the proxy points at, greeting first: an SSH server's "SSH-2.0-OpenSSH_9.2p1
    // Debian-2+deb12u3" (status code "Debian-2+deb12u3"), an SMTP server's "220
    // mail.example.com ESMTP" (status code "mail.example.com"; recorded: caddy/b16-ssh-port,
    // caddy/b16-smtp-port). The line cannot tell a broken app from a wrong port: 0.6 at most,
    // the wrong address next (Caddy and Traefik alike).
    // Go quotes the bytes (%q): `"\x15\x03…` opens a TLS alert record (content type 21,
    // version 3.x; RFC 8446 §5.1), a TLS server's answer to a plain-HTTP request: the proxy
    // speaks http:// to an https:// port. A wrong scheme or a wrong port, so no more than
    // 0.6 (the recorded plain-to-tls cases label it tls_failure). `x15\` matches the bytes
    // as a plain line quotes them and as Caddy's JSON escapes them again (`\\x15\\x03`).
    r(
        &[b"malformed HTTP response", b"x15\\"],
        &[(TlsFailure, 60), (WrongUpstreamAddress, 30)],
        GO_HTTP,
    ),
    // (One row for the three: Go's client writes no other "malformed HTTP …" about an answer;
    // a header it cannot parse after a valid status line is worded "malformed MIME header
    // line", not these words.)
    r(&[b"malformed HTTP "], NOT_HTTP, GO_HTTP),
    // Go's chunked decoder (src/net/http/internal/chunked.go: parseHexUint, beginChunk): a
    // chunked body that does not parse (recorded: caddy/b10-chunk-overflow, Caddy's "reading
    // from backend" and "aborting with incomplete response" with it). The same decoder reads
    // a client's chunked request body, whose error may reach the same log with no word of
    // which side sent it: 0.6 at most.
    r(
        &[b"http chunk length too large"],
        &[(UpstreamInvalidResponse, 60), (UpstreamReset, 10)],
        GO_CHUNKED,
    ),
    r(
        &[b"invalid byte in chunk length"],
        &[(UpstreamInvalidResponse, 60), (UpstreamReset, 10)],
        GO_CHUNKED,
    ),
    r(
        &[b"empty hex number for chunk length"],
        &[(UpstreamInvalidResponse, 60), (UpstreamReset, 10)],
        GO_CHUNKED,
    ),
    r(
        &[b"malformed chunked encoding"],
        &[(UpstreamInvalidResponse, 60), (UpstreamReset, 10)],
        GO_CHUNKED,
    ),
    r(
        &[b"chunked encoding contains too much non-data"],
        &[(UpstreamInvalidResponse, 60), (UpstreamReset, 10)],
        GO_CHUNKED,
    ),
    // Caddy's FastCGI client (modules/caddyhttp/reverseproxy/fastcgi) "fcgi: invalid header
    // version": the answer's first byte is not FastCGI's version 1. An HTTP app on the port
    // (recorded: caddy/b16-fcgi-to-http, `transport fastcgi` to a Node `http` app) writes it, and
    // so does a broken or other service; unlike nginx's and Apache's words it does not say which
    // byte came: invalid at 0.6, the wrong address next.
    r(&[b"fcgi: invalid header version"], NOT_HTTP, CADDY_FCGI),
    // "net/http: HTTP/1.x transport connection broken: %w" wraps what the read loop met after
    // the request was written (golang/go src/net/http/transport.go, mapRoundTripError). With
    // io.ErrUnexpectedEOF: bytes came, then the end, before a whole header block: the app died
    // in the middle of its headers (recorded: caddy/d-headers-close, d-headers-reset, a close
    // and a reset read the same), or a peer that speaks something else wrote a partial line
    // and closed (junk with a newline reads "malformed HTTP" above).
    r(
        &[b"transport connection broken", b"unexpected EOF"],
        &[(UpstreamReset, 60), (UpstreamInvalidResponse, 30)],
        GO_HTTP,
    ),
    r(
        &[b"transport connection broken"],
        &[(UpstreamInvalidResponse, 60), (UpstreamReset, 30)],
        GO_HTTP,
    ),
    // Closed or reset mid-answer.
    r(&[b"connection reset by peer"], RESET, GO_NET),
    r(&[b"forcibly closed by the remote host"], RESET, GO_NET),
    r(&[b"broken pipe"], RESET, GO_NET),
    // "readfrom tcp A->B: write tcp A->B: use of closed network connection": the transport was
    // copying the request body to the app (net/tcpsock.go TCPConn.ReadFrom's "readfrom"
    // wrapping net.ErrClosed) when its own read side, having seen the app close or reset the
    // connection, closed it (recorded: caddy/b17-ka-race, a POST on a pooled connection the
    // app reset). What else: Caddy itself closing the connection mid-body (a config reload,
    // its shutdown), so no more than 0.6.
    r(
        &[b"readfrom tcp", b"use of closed network connection"],
        &[(UpstreamReset, 60), (UpstreamDown, 10)],
        GO_NET,
    ),
    r(&[b"unexpected EOF"], RESET, GO_IO),
    r(&[b": EOF"], RESET, GO_IO),
    r(&[b"server closed idle connection"], RESET, GO_HTTP),
    // HTTP/2 to the upstream (golang.org/x/net/http2 transport.go): a GOAWAY (the app shut
    // down or restarted) or the connection lost (a crash, a reset, failed pings).
    r(
        &[b"http2: server sent GOAWAY"],
        &[(UpstreamReset, 55), (UpstreamDown, 20)],
        GO_HTTP,
    ),
    r(
        &[b"http2: client connection lost"],
        &[(UpstreamReset, 55), (UpstreamTimeout, 20)],
        GO_HTTP,
    ),
    // The upstream reset one HTTP/2 stream (golang.org/x/net/http2 errors.go StreamError:
    // "stream error: stream ID 3; HTTP_1_1_REQUIRED", the RST_STREAM's code): the code says
    // why. HTTP_1_1_REQUIRED (an IIS/Exchange endpoint behind NTLM, held out w22 caddy#2259)
    // and PROTOCOL_ERROR: the two do not speak HTTP/2 to each other, the answer is unusable;
    // REFUSED_STREAM and ENHANCE_YOUR_CALM: the app refuses work (busy, or limiting); any
    // other (INTERNAL_ERROR, CANCEL…): the stream broke off. What else it could mean: the
    // gateway's own transport detecting the error and resetting the stream (the same words).
    r(
        &[b"stream error: stream ID", b"HTTP_1_1_REQUIRED"],
        &[(UpstreamInvalidResponse, 55), (UpstreamReset, 30)],
        GO_HTTP2,
    ),
    r(
        &[b"stream error: stream ID", b"PROTOCOL_ERROR"],
        &[(UpstreamInvalidResponse, 55), (UpstreamReset, 30)],
        GO_HTTP2,
    ),
    r(
        &[b"stream error: stream ID", b"REFUSED_STREAM"],
        &[(Overloaded, 50), (UpstreamReset, 35)],
        GO_HTTP2,
    ),
    r(
        &[b"stream error: stream ID", b"ENHANCE_YOUR_CALM"],
        &[(Overloaded, 50), (UpstreamReset, 35)],
        GO_HTTP2,
    ),
    r(
        &[b"stream error: stream ID"],
        &[
            (UpstreamReset, 55),
            (UpstreamInvalidResponse, 20),
            (Overloaded, 10),
        ],
        GO_HTTP2,
    ),
    r(&[b"connection refused"], REFUSED, GO_NET),
    // "aborting with incomplete response" (its error field read first): the body broke off.
    r(&[b"aborting with incomplete response"], RESET, CADDY_RP),
    // The message is the bare error: "EOF" (recorded for a clean close by Caddy 2.6).
    r(&[b"EOF"], RESET, GO_IO),
];

/// The contract's confidence of a rule's top cause.
pub fn top(causes: Dist) -> (CauseId, u8) {
    causes.first().copied().unwrap_or((Unknown, 0))
}

/// The first rule whose needles all occur in `text`. Each rule is first checked against the
/// bytes the text holds (`Present`), so most rules cost a few bit tests, not a search.
pub fn first_match<'r>(rules: &'r [Rule], text: &[u8]) -> Option<&'r Rule> {
    matching(rules, text, None)
}

/// `first_match` for an Apache line whose AH code is `code` (None: a line without one, as
/// Apache 2.2 wrote them): a rule that names another code is passed over without a search.
pub fn first_match_coded<'r>(
    rules: &'r [Rule],
    text: &[u8],
    code: Option<&[u8]>,
) -> Option<&'r Rule> {
    matching(rules, text, Some(code.unwrap_or(b"")))
}

fn matching<'r>(rules: &'r [Rule], text: &[u8], code: Option<&[u8]>) -> Option<&'r Rule> {
    let present = super::bytes::Present::of(text);
    // Index loops: at opt-level "z" an iterator adapter here is a call per rule.
    rules.iter().find(|rule| {
        let count = rule.needles.len().min(4);
        let coded = rule.code as usize;
        if let (Some(code), true) = (code, coded > 0) {
            if rule.needles[coded - 1] != code {
                return false;
            }
        }
        let mut i = 0;
        while i < count {
            let needle = rule.needles[i];
            if !needle.is_empty() && !present.has(needle[rule.rare[i] as usize]) {
                return false;
            }
            i += 1;
        }
        let mut i = 0;
        while i < count {
            let known = code.is_some() && i + 1 == coded;
            if !known
                && super::bytes::find_by(text, rule.needles[i], rule.rare[i] as usize).is_none()
            {
                return false;
            }
            i += 1;
        }
        true
    })
}
