//! Other projects' SSRF test vectors (tests/fixtures/ssrf/, each file naming its source repo,
//! path and commit) through explain502's address guard. Every difference from a peer must be a
//! documented decision (tests/fixtures/ssrf/decisions.json), and none may let through a target
//! the peer refuses as internal (loopback, private, link-local, metadata, unspecified,
//! broadcast, multicast). Prints the figures: vectors, must-refuse allowed, other differences.
#![cfg(not(target_arch = "wasm32"))]

use explain502::address_guard::{self, Policy, Target};
use serde_json::Value;
use std::collections::HashMap;
use std::net::IpAddr;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ssrf");

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{DIR}/{name}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// First and last address of `prefix` (`10.0.0.0/8`, `2001::/23`).
fn ends_of(prefix: &str) -> [IpAddr; 2] {
    let (addr, len) = prefix.split_once('/').unwrap();
    let len: u32 = len.parse().unwrap();
    match addr.parse::<IpAddr>().unwrap() {
        IpAddr::V4(v4) => {
            let host = if len == 32 { 0 } else { u32::MAX >> len };
            let first = u32::from(v4) & !host;
            [
                IpAddr::from(std::net::Ipv4Addr::from(first)),
                IpAddr::from(std::net::Ipv4Addr::from(first | host)),
            ]
        }
        IpAddr::V6(v6) => {
            let host = if len == 128 { 0 } else { u128::MAX >> len };
            let first = u128::from(v6) & !host;
            [
                IpAddr::from(std::net::Ipv6Addr::from(first)),
                IpAddr::from(std::net::Ipv6Addr::from(first | host)),
            ]
        }
    }
}

/// Whether the probe (default policy: ports 80 and 443, no own addresses) would fetch it.
fn ours_allows(kind: &str, input: &str) -> bool {
    let policy = Policy::default();
    match kind {
        "ip" | "prefix" if input.contains('/') => ends_of(input)
            .iter()
            .all(|ip| address_guard::check_ip(*ip).is_ok()),
        "ip" | "prefix" => address_guard::check_ip(input.parse().unwrap()).is_ok(),
        "hostport" => {
            let (host, port) = input.rsplit_once(':').unwrap();
            let target = Target {
                scheme: "http",
                username: "",
                password: "",
                host,
                port: port.parse().ok(),
            };
            address_guard::check_target(&target, &policy).is_ok()
        }
        "url" => match url::Url::parse(input) {
            Err(_) => false, // the probe answers 400: not a URL
            Ok(url) => {
                let target = Target {
                    scheme: url.scheme(),
                    username: url.username(),
                    password: url.password().unwrap_or(""),
                    host: url.host_str().unwrap_or(""),
                    port: url.port(),
                };
                address_guard::check_target(&target, &policy).is_ok()
            }
        },
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn the_peers_vectors_refuse_every_internal_target_and_differ_only_by_documented_decision() {
    let decisions: HashMap<(String, String), String> = load("decisions.json")["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let key = (
                d["file"].as_str().unwrap().to_string(),
                d["input"].as_str().unwrap().to_string(),
            );
            assert!(
                d["why"].as_str().is_some_and(|w| w.len() > 20),
                "{d}: say why"
            );
            (key, d["ours"].as_str().unwrap().to_string())
        })
        .collect();
    let files = [
        "daenney-ssrf.json",
        "iana-special-purpose.json",
        "advocate.json",
        "ssrf_filter.json",
        "request-filtering-agent.json",
        "safeurl.json",
    ];
    let (mut total, mut must_refuse_allowed, mut differences) = (0, Vec::new(), Vec::new());
    let mut undocumented = Vec::new();
    let mut used = 0;
    for file in files {
        let doc = load(file);
        assert!(
            doc["source"]["commit"]
                .as_str()
                .is_some_and(|c| c.len() == 40),
            "{file}: source commit"
        );
        for v in doc["vectors"].as_array().unwrap() {
            total += 1;
            let input = v["input"].as_str().unwrap();
            let allows = ours_allows(v["kind"].as_str().unwrap(), input);
            let peer_allows = v["peer"] == "allow";
            if allows == peer_allows {
                continue;
            }
            let ours = if allows { "allow" } else { "refuse" };
            if !peer_allows && v["internal"] == true {
                must_refuse_allowed.push(format!("{file}: {input}"));
            }
            match decisions.get(&(file.to_string(), input.to_string())) {
                Some(documented) if documented == ours => used += 1,
                _ => {
                    undocumented.push(format!("{file}: {input} (peer {}, ours {ours})", v["peer"]))
                }
            }
            differences.push(format!("{file}: {input}"));
        }
    }
    let other = differences.len() - must_refuse_allowed.len();
    println!(
        "ssrf vectors: {total} from 6 sources; must-refuse allowed: {}; other differences: {other} ({:.1} %)",
        must_refuse_allowed.len(),
        100.0 * other as f64 / total as f64
    );
    assert!(
        must_refuse_allowed.is_empty(),
        "internal targets allowed:\n{}",
        must_refuse_allowed.join("\n")
    );
    assert!(
        undocumented.is_empty(),
        "differences without a decision:\n{}",
        undocumented.join("\n")
    );
    assert_eq!(
        used,
        decisions.len(),
        "every decision is about a real difference"
    );
    assert!(
        other as f64 <= 0.02 * total as f64,
        "{other} differences of {total}: {differences:?}"
    );
}

#[test]
fn whatwgs_ipv4_hosts_parse_as_whatwg_says() {
    let doc = load("wpt-ipv4.json");
    let mut wrong = Vec::new();
    let vectors = doc["vectors"].as_array().unwrap();
    for v in vectors {
        let host = v["host"].as_str().unwrap();
        let expect = v["expect"].as_str().unwrap();
        let ok = if expect == "invalid" {
            address_guard::literal_ip(host).is_none()
                && address_guard::check_host(host) == Err(address_guard::Refusal::BadHost)
        } else {
            address_guard::whatwg_ipv4(host)
                .map(|ip| ip.to_string())
                .as_deref()
                == Some(expect)
        };
        if !ok {
            wrong.push(format!("{host}: WHATWG says {expect}"));
        }
    }
    println!(
        "WHATWG IPv4 host vectors: {}, differences: {}",
        vectors.len(),
        wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
