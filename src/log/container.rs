//! A gateway inside a container whose connection to its own loopback was refused.
//!
//! Inside a container, `127.0.0.1`, `::1`, `localhost`, `0.0.0.0` and an empty host (Go's
//! `dial tcp :9999`) are the container itself, not the machine or the app's container
//! (Docker's networking docs: each container has its own network namespace). A gateway that
//! runs in one and is refused there most often points at the wrong address: the app runs in
//! another container (reach it by its service name) or on the host. The line shows the
//! container two ways: Compose's service column before the gateway's line (`web-1  | `,
//! prefix.rs), or the client being a Docker bridge's gateway address (`172.17.0.1`…
//! `172.31.x.1`: what a published port's clients arrive from).
//!
//! What else the same evidence could mean: an image that runs the app beside the gateway in
//! one container (nginx with PHP-FPM under supervisord), where a refusal on loopback is the
//! app down; so the wrong address leads at 0.6 with the app down close behind, the same
//! spread turned round. A Kubernetes pod's sidecars share one loopback legitimately: its
//! runtime's prefix (CRI's `stdout F`) is not taken as evidence here, only Compose's column.

use super::bytes::{after, find, until_any};
use super::prefix;

/// Whether a refused connection to `upstream` came from a gateway inside a container that
/// pointed at its own loopback.
pub(super) fn refused_own_loopback(line: &[u8], upstream: Option<&[u8]>) -> bool {
    upstream.is_some_and(loopback) && (prefix::compose_column(line) || bridge_client(line))
}

/// `host:port` (or `[v6]:port`, or `:port`) names this machine's own loopback or any address.
fn loopback(upstream: &[u8]) -> bool {
    let host = match upstream.strip_prefix(b"[") {
        Some(v6) => &v6[..find(v6, b"]").unwrap_or(v6.len())],
        None => {
            &upstream[..upstream
                .iter()
                .rposition(|b| *b == b':')
                .unwrap_or(upstream.len())]
        }
    };
    host.is_empty()
        || host.starts_with(b"127.")
        || host.eq_ignore_ascii_case(b"localhost")
        || host == b"::1"
        || host == b"0.0.0.0"
        || host == b"::"
}

/// The request's client is a Docker bridge's gateway (`172.16.0.0/12`, last octet 1), as the
/// gateway writes it: nginx `client: `, Apache `[client ` / `[remote `, Caddy `"remote_ip":"`.
fn bridge_client(line: &[u8]) -> bool {
    [
        &b"client: "[..],
        b"[client ",
        b"[remote ",
        b"\"remote_ip\":\"",
        b"\"client_ip\":\"",
    ]
    .iter()
    .filter_map(|key| after(line, key))
    .any(|rest| docker_gateway(until_any(rest, b":,\" ]")))
}

fn docker_gateway(address: &[u8]) -> bool {
    let mut octets = [0u16; 4];
    let mut parts = address.split(|b| *b == b'.');
    for octet in &mut octets {
        match parts.next() {
            Some(part) if (1..=3).contains(&part.len()) && part.iter().all(u8::is_ascii_digit) => {
                *octet = part.iter().fold(0, |n, d| n * 10 + u16::from(d - b'0'));
            }
            _ => return false,
        }
    }
    parts.next().is_none() && octets[0] == 172 && (16..=31).contains(&octets[1]) && octets[3] == 1
}

#[cfg(test)]
mod tests {
    use super::{docker_gateway, loopback, refused_own_loopback};

    #[test]
    fn loopback_and_any_address_are_the_container_itself() {
        for host in [
            "127.0.0.1:3000",
            "[::1]:3000",
            ":9999",
            "localhost:8000",
            "0.0.0.0:8080",
            "[::]:80",
        ] {
            assert!(loopback(host.as_bytes()), "{host}");
        }
        for host in [
            "172.18.0.5:3000",
            "app:3000",
            "[fd00::1]:80",
            "10.0.0.1:80",
            "unix:/run/app.sock",
        ] {
            assert!(!loopback(host.as_bytes()), "{host}");
        }
    }

    #[test]
    fn only_a_bridge_gateway_address_is_a_docker_client() {
        for yes in ["172.17.0.1", "172.31.255.1", "172.16.3.1"] {
            assert!(docker_gateway(yes.as_bytes()), "{yes}");
        }
        for no in [
            "172.17.0.2",
            "172.32.0.1",
            "172.15.0.1",
            "127.0.0.1",
            "172.17.0",
            "172.17.0.1.5",
            "1172.17.0.1",
        ] {
            assert!(!docker_gateway(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn the_container_shows_by_compose_or_by_its_client() {
        let ngx = |client: &str| {
            format!("2026/12/07 04:00:00 [error] 30#30: *1 connect() failed (111: Connection refused) while connecting to upstream, client: {client}, server: , request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:3000/\"")
        };
        let up = Some(&b"127.0.0.1:3000"[..]);
        assert!(refused_own_loopback(ngx("172.18.0.1").as_bytes(), up));
        assert!(!refused_own_loopback(ngx("127.0.0.1").as_bytes(), up));
        assert!(!refused_own_loopback(
            ngx("172.18.0.1").as_bytes(),
            Some(b"172.18.0.4:3000")
        ));
        let composed = format!("web-1  | {}", ngx("203.0.113.9"));
        assert!(refused_own_loopback(composed.as_bytes(), up));
        let cri = format!(
            "2026-12-07T04:00:00.123456789Z stderr F {}",
            ngx("10.1.2.3")
        );
        assert!(
            !refused_own_loopback(cri.as_bytes(), up),
            "a pod's sidecars share loopback"
        );
    }
}
