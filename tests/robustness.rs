//! No panic on any input (issue 4, item 7): random bytes, mutated recorded fixtures and random
//! observations go through `raw_response::parse` and `explain`, and every report keeps its
//! invariants. Case counts: `ROBUSTNESS_CASES` (default below) per property.

#![cfg(not(target_arch = "wasm32"))]

use explain502::observation::{Headers, Observation};
use explain502::report::{Context, Report};
use explain502::{explain, har, raw_response};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::sync::OnceLock;

/// Per property (three properties). `make test` sets `ROBUSTNESS_CASES=34000`: 102 000 cases
/// in all, about 30 s in a debug build on 2 cores; a plain `cargo test` runs fewer.
const CASES: u32 = 5_000;

fn cases() -> u32 {
    std::env::var("ROBUSTNESS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES)
}

fn config() -> Config {
    Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Every recorded `response.http`, the seeds for mutation.
fn fixtures() -> &'static [Vec<u8>] {
    static FIXTURES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut found = Vec::new();
        for gateway in std::fs::read_dir(root).into_iter().flatten().flatten() {
            for case in std::fs::read_dir(gateway.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                // Recorded and documented responses, and pasted ones (tests/fixtures/pasted).
                for name in ["response.http", "response.txt"] {
                    if let Ok(bytes) = std::fs::read(case.path().join(name)) {
                        found.push(bytes);
                    }
                }
            }
        }
        if found.is_empty() {
            found.push(
                b"HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\n\r\n<hr><center>nginx</center>"
                    .to_vec(),
            );
        }
        found
    })
}

fn check(report: &Report) {
    // A bot check names no cause (crate::challenge); every other report ranks some.
    assert!(!report.causes.is_empty() || report.challenge.is_some());
    if report.challenge.is_some() {
        assert!(!report.retry.retryable);
    }
    for pair in report.causes.windows(2) {
        assert!(pair[0].confidence >= pair[1].confidence);
    }
    for cause in &report.causes {
        assert!((0.0..=1.0).contains(&cause.confidence), "{cause:?}");
    }
    assert_eq!(
        report.gateway.id.is_some(),
        !report.gateway.evidence.is_empty()
    );
    serde_json::to_string(report).expect("a report serializes");
}

fn explain_bytes(bytes: &[u8], elapsed_ms: Option<u64>) {
    if let Ok(mut observation) = raw_response::parse(bytes) {
        observation.elapsed_ms = elapsed_ms;
        check(&explain(&observation, &Context::default()));
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip(at, byte)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len().max(1);
        match mutation {
            Mutation::Flip(at, byte) if !bytes.is_empty() => bytes[at % len] = *byte,
            Mutation::Insert(at, new) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Delete(at, n) if !bytes.is_empty() => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Mutation::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
            _ => {}
        }
    }
    bytes
}

/// Header names and values, bodies and statuses the rules look at, mixed at random.
const HEADER_NAMES: &[&str] = &[
    "server",
    "via",
    "x-squid-error",
    "x-vercel-error",
    "set-cookie",
    "content-type",
    "cf-ray",
    "x-cache",
    "x-served-by",
    "x-powered-by",
    "retry-after",
    "x-transformed-from",
    "cf-mitigated",
    "x-amzn-waf-action",
    "x-sucuri-block",
];
const SNIPPETS: &[&str] = &[
    "nginx/1.22.1",
    "Apache/2.4.62 (Debian)",
    "cloudflare",
    "1.1 varnish (Varnish/7.1)",
    "ERR_CONNECT_FAIL 111",
    "ERR_READ_ERROR",
    "FUNCTION_INVOCATION_TIMEOUT",
    "application/problem+json",
    "<hr><center>nginx",
    "Backend fetch failed",
    "No server is available",
    "cf-error-source",
    "error code: 1016",
    "\"error_code\":",
    "\"retry_after\":",
    "{",
    "\"",
    ":",
    "cache-",
    "HTTP/0.9",
    "é",
    "\u{202e}",
    "\u{0}",
    "999999999999999999999",
    "-1",
    "maintenance",
    "<div",
    "/",
    "< HTTP/1.1 503 x\n",
    "> GET / HTTP/1.1\n",
    "Status code: 502\n",
    "[0] => ",
    "> ",
    "challenge",
    "<title>Just a moment...</title>",
    "Kong Error",
    "DNS lookup failure for: ",
    "<!--",
    "<script>",
    "&#",
    "&amp",
    "Server: ddos-guard\n",
    "Error 503",
    "\r\n\t",
];

fn snippet_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(SNIPPETS).prop_map(str::to_string),
            ".{0,8}"
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), elapsed in any::<Option<u64>>()) {
        explain_bytes(&bytes, elapsed);
        let mut with_status = b"HTTP/1.1 502 Bad Gateway\r\n".to_vec();
        with_status.extend_from_slice(&bytes);
        explain_bytes(&with_status, elapsed);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
        elapsed in any::<Option<u64>>(),
    ) {
        let all = fixtures();
        let bytes = mutate(all[seed.index(all.len())].clone(), &mutations);
        explain_bytes(&bytes, elapsed);
    }

    #[test]
    fn random_observations_never_panic(
        status in prop_oneof![Just(502u16), Just(503), Just(504), Just(500), 520u16..=530, any::<u16>()],
        headers in prop::collection::vec((prop::sample::select(HEADER_NAMES), snippet_text()), 0..6),
        body in snippet_text(),
        method in prop::option::of(snippet_text()),
        elapsed in any::<Option<u64>>(),
        user_agent in prop::option::of(snippet_text()),
    ) {
        let mut observation = Observation::new(status);
        observation.headers = headers.iter().map(|(n, v)| (*n, v.as_str())).collect::<Headers>();
        observation.body = Some(body);
        observation.method = method;
        observation.elapsed_ms = elapsed;
        let context = Context { user_agent, ..Context::default() };
        check(&explain(&observation, &context));
    }
}

proptest! {
    // A tenth of the cases: each one parses a whole (small) HAR and explains its entries.
    #![proptest_config(Config { cases: cases() / 10, ..config() })]

    #[test]
    fn random_hars_never_panic(
        parts in prop::collection::vec(prop_oneof![
            prop::sample::select(HAR_PARTS).prop_map(str::to_string),
            snippet_text(),
        ], 0..24),
    ) {
        let text = parts.concat();
        if let Ok(entries) = har::entries(&text) {
            for entry in entries {
                check(&explain(&entry.observation, &Context::default()));
            }
        }
    }
}

/// Pieces of HAR 1.2, mixed at random with the snippets.
const HAR_PARTS: &[&str] = &[
    "{\"log\":{\"entries\":[",
    "{\"response\":{\"status\":502,\"headers\":[",
    "{\"name\":\"server\",\"value\":\"nginx\"}",
    "],\"content\":{\"text\":\"",
    "\",\"encoding\":\"base64\"}}",
    "\"time\":-1,",
    "\"time\":1e999,",
    "\"request\":{\"method\":\"POST\",\"url\":\"",
    "}",
    "]",
    ",",
    "]}}",
];
