//! An HTTP gateway whose upstream is a port another protocol owns.
//!
//! A gateway that speaks HTTP (or FastCGI) to a database's, a mail server's or SSH's port
//! gets a greeting it cannot parse ("upstream sent no valid HTTP/1.0 header" for SSH's
//! `SSH-2.0-…` or SMTP's `220 …`), an error and a close (Redis, PostgreSQL), or silence
//! (a server that waits for its own handshake): the same words a broken, crashing or slow app
//! writes. The port says which: nobody serves a web app on 3306 or 6379, so a proxy pointed
//! there points at the wrong place (a copied `DATABASE_URL`, a port mix-up in Compose).
//! Ports from IANA's registry whose protocol is not HTTP and that servers commonly run;
//! left out, because HTTP apps use them too: 9000 (PHP-FPM's, MinIO's and Portainer's),
//! 8009 (AJP, which Apache speaks), 5984, 8086, 9200 (CouchDB, InfluxDB, Elasticsearch
//! speak HTTP). The same for plain HTTP spoken to a port that serves TLS (443, 6443, 8443,
//! 9443: `plain_to_tls`), whose answer breaks as a failed handshake.
//!
//! What else the same evidence could mean: a TCP proxy (HAProxy `mode tcp`, nginx's `stream`
//! module, Envoy's TCP proxy, a Squid `CONNECT`) in front of that very service, where the port
//! is right: those gateways' lines are not taken (nginx's only with a request, which `stream`
//! lines never have); and an HTTP app someone did put on such a port: the wrong address
//! leads at 0.6 only, the symptom's own reading second.

use super::{contains, rules, Finding, GatewayId};
use crate::diagnose::CauseId;

/// Ports whose protocol is not HTTP: FTP, SSH, Telnet, SMTP (25, 465, 587), DNS, POP3 (110,
/// 995), IMAP (143, 993), LDAP (389, 636), SQL Server, Oracle, NFS, MySQL, RDP, PostgreSQL,
/// AMQP, Redis, Cassandra, Kafka, ZooKeeper, memcached, MongoDB.
const NOT_HTTP: [u16; 27] = [
    21, 22, 23, 25, 53, 110, 143, 389, 465, 587, 636, 993, 995, 1433, 1521, 2049, 2181, 3306, 3389,
    5432, 5672, 6379, 9042, 9092, 11211, 27017, 27018,
];

/// Ports that serve HTTPS by convention: 443, the Kubernetes API server's 6443, and the
/// 8443/9443 that Tomcat, Open Liberty, webhooks and ingress back-ends listen with TLS on.
const TLS: [u16; 4] = [443, 6443, 8443, 9443];

/// The reading turned round when a request's answer broke on another protocol's port.
pub(super) fn other_service(line: &[u8], found: &Finding<'_>) -> Option<rules::Dist> {
    if let Some(causes) = plain_to_tls(line, found) {
        return Some(causes);
    }
    let listed = |p: u16| NOT_HTTP.contains(&p);
    if found.health || !found.upstream.and_then(port).is_some_and(listed) {
        return None;
    }
    let http = match found.gateway {
        GatewayId::Nginx => contains(line, b"request: \""),
        GatewayId::Apache
        | GatewayId::Caddy
        | GatewayId::Lighttpd
        | GatewayId::Varnish
        | GatewayId::Traefik => true,
        _ => false,
    };
    if !http {
        return None;
    }
    match found.cause() {
        CauseId::UpstreamInvalidResponse => Some(rules::OTHER_SERVICE_INVALID),
        CauseId::UpstreamReset => Some(rules::OTHER_SERVICE_RESET),
        CauseId::UpstreamTimeout => Some(rules::OTHER_SERVICE_TIMEOUT),
        _ => None,
    }
}

/// nginx spoke plain HTTP (`upstream: "http://…:9443/"`) to a port that serves TLS, and the
/// answer broke off: a TLS server that reads a plain request as a bad handshake closes or
/// resets (held out w21, kubernetes/ingress-nginx#2046: "upstream prematurely closed
/// connection" from `http://…:9443/`, fixed with `backend-protocol: HTTPS`). Only nginx's
/// line names the scheme it spoke. What else it could mean: a plain-HTTP app on 8443 or 9443
/// that did crash: so 0.6, the reset next.
fn plain_to_tls(line: &[u8], found: &Finding<'_>) -> Option<rules::Dist> {
    let upstream = found.upstream?;
    let broke = matches!(
        found.cause(),
        CauseId::UpstreamReset | CauseId::UpstreamInvalidResponse
    );
    (found.gateway == GatewayId::Nginx
        && !found.health
        && broke
        && contains(line, b"upstream: \"http://")
        && port(upstream).is_some_and(|p| TLS.contains(&p)))
    .then_some(rules::PLAIN_TO_TLS_PORT)
}

/// The port of `host:port`, `[v6]:port` or `scheme://host:port/path`.
fn port(upstream: &[u8]) -> Option<u16> {
    let rest = super::bytes::after(upstream, b"://").unwrap_or(upstream);
    let hostport = super::bytes::until(rest, b'/');
    let colon = hostport.iter().rposition(|b| *b == b':')?;
    let digits = &hostport[colon + 1..];
    if digits.is_empty() || digits.len() > 5 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits
        .iter()
        .try_fold(0u32, |n, d| Some(n * 10 + u32::from(d - b'0')))
        .and_then(|n| u16::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::super::{read_line, Line};
    use super::port;
    use crate::diagnose::CauseId::*;

    fn read(
        line: &str,
    ) -> Option<(
        crate::diagnose::CauseId,
        u8,
        Option<crate::diagnose::CauseId>,
    )> {
        match read_line(line.as_bytes()) {
            Line::Found(f) => Some((f.causes[0].0, f.causes[0].1, f.causes.get(1).map(|c| c.0))),
            _ => None,
        }
    }

    #[test]
    fn the_port_of_each_upstream_form() {
        assert_eq!(port(b"127.0.0.1:6379"), Some(6379));
        assert_eq!(port(b"[::1]:22"), Some(22));
        assert_eq!(port(b"http://127.0.0.1:3306/path"), Some(3306));
        assert_eq!(port(b"unix:/run/app.sock"), None);
        assert_eq!(port(b"127.0.0.1:99999"), None);
        assert_eq!(port(b"app"), None);
    }

    #[test]
    fn an_answer_broken_on_another_protocols_port_is_the_wrong_address() {
        let ngx = |port: u16, words: &str| {
            format!("2026/12/07 04:00:00 [error] 7#7: *1 {words} while reading response header from upstream, client: 127.0.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:{port}/\", host: \"localhost\"")
        };
        let ssh = ngx(22, "upstream sent no valid HTTP/1.0 header");
        assert_eq!(
            read(&ssh),
            Some((WrongUpstreamAddress, 60, Some(UpstreamInvalidResponse)))
        );
        let pg = ngx(5432, "upstream prematurely closed connection");
        assert_eq!(
            read(&pg),
            Some((WrongUpstreamAddress, 60, Some(UpstreamReset)))
        );
        // An HTTP port: the symptom's own reading.
        assert_eq!(
            read(&ngx(8080, "upstream prematurely closed connection")).map(|r| r.0),
            Some(UpstreamReset)
        );
        // nginx's stream module (no request) proxies databases on purpose.
        let stream = "2026/12/07 04:00:00 [error] 7#7: *1 upstream timed out (110: Connection timed out) while proxying upstream, client: 127.0.0.1, server: 0.0.0.0:3306, upstream: \"127.0.0.1:3306\", bytes from/to client:0/0, bytes from/to upstream:0/0";
        assert_ne!(read(stream).map(|r| r.0), Some(WrongUpstreamAddress));
    }

    /// Plain HTTP to a port that serves TLS (held out: kubernetes/ingress-nginx#2046, the
    /// line's shape): a handshake that failed; HTTPS to it, or plain HTTP to 8080, stay the
    /// symptom's reading.
    #[test]
    fn plain_http_to_a_tls_port() {
        let ngx = |scheme: &str, port: u16| {
            format!("2021/10/06 08:09:19 [error] 28#28: *36 upstream prematurely closed connection while reading response header from upstream, client: 172.29.16.1, server: a, request: \"GET / HTTP/1.1\", upstream: \"{scheme}://10.42.0.57:{port}/\", host: \"a\"")
        };
        for port in [443, 6443, 8443, 9443] {
            assert_eq!(
                read(&ngx("http", port)),
                Some((TlsFailure, 60, Some(UpstreamReset))),
                "{port}"
            );
        }
        assert_eq!(read(&ngx("https", 443)).map(|r| r.0), Some(UpstreamReset));
        assert_eq!(read(&ngx("http", 8080)).map(|r| r.0), Some(UpstreamReset));
        // A refusal at 443 is no handshake.
        let refused = ngx("http", 443).replace(
            "upstream prematurely closed connection while reading response header",
            "connect() failed (111: Connection refused) while connecting",
        );
        assert_eq!(read(&refused).map(|r| r.0), Some(UpstreamDown));
    }
}
