//! Walks `tests/fixtures/<gateway>/<case>/` (a raw `response.http` and its `expected.json`)
//! and checks the bar of issue 4 on each: the right gateway id, family and failing hop; the
//! right cause top-1 where the response can tell, else in the top 2 with a top-1 confidence
//! ≤ 0.6; never a wrong top-1 above 0.6. A new case is a new folder, no new code.

#![cfg(not(target_arch = "wasm32"))]

use explain502::report::Context;
use explain502::{explain, raw_response};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Cases whose response is byte-identical to others with a different cause, when three causes
/// share one answer and only two fit in the top 2 (refused first, then reset or closed, which
/// are commoner than junk). FIXME: nothing in the response can tell them apart; they stay
/// listed so that a rule that gets them right shows up here.
const KNOWN_MISSES: &[&str] = &[
    // 502 page identical for refused, reset, "no live upstreams" and an unresolvable name.
    "nginx/no-healthy",
    "nginx/dns-fail",
    // "503 Backend fetch failed" at once: refused, reset, junk, sick backend, max_connections.
    "varnish/garbage",
    "varnish/bad-status",
    "varnish/no-healthy",
    "varnish/busy",
    // An empty 502 identical for refused, reset, closed and junk.
    "caddy/garbage",
    "caddy/bad-status",
    // Gateways outside the list: one fast 502 for refused, reset, closed and junk.
    "nghttpx/garbage",
    "http-proxy-middleware/garbage",
    // TLS spoken to a plain-HTTP upstream: the refusal's page (Apache and Squid name it).
    "nginx/tls-to-plain",
    "caddy/tls-to-plain",
];

fn case_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs = Vec::new();
    for gateway in std::fs::read_dir(&root).expect("tests/fixtures exists") {
        let gateway = gateway.unwrap().path();
        if !gateway.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&gateway).unwrap() {
            let case = case.unwrap().path();
            if case.join("expected.json").is_file() {
                dirs.push(case);
            }
        }
    }
    dirs.sort();
    dirs
}

fn name_of(dir: &Path) -> String {
    let gateway = dir.parent().unwrap().file_name().unwrap().to_string_lossy();
    let case = dir.file_name().unwrap().to_string_lossy();
    [gateway.as_ref(), case.as_ref()].join("/")
}

/// What is wrong with one case's report, if anything.
fn check(dir: &Path) -> Result<(), String> {
    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap()).unwrap();
    let raw = std::fs::read(dir.join("response.http")).unwrap();
    let expect = &expected["expect"];
    let parsed = raw_response::parse(&raw);
    if expect["parse_error"] == Value::Bool(true) {
        return match parsed {
            Err(_) => Ok(()),
            Ok(obs) => Err(format!("parsed as {} but should not parse", obs.status)),
        };
    }
    let mut observation = parsed.map_err(|e| format!("does not parse: {e}"))?;
    observation.method = expected["request"]["method"].as_str().map(str::to_string);
    observation.url = expected["request"]["url"].as_str().map(str::to_string);
    observation.elapsed_ms = expected["elapsed_ms"].as_u64();
    let report = explain(&observation, &Context::default());

    let mut problems = Vec::new();
    if report.gateway.id.map(|id| id.as_str()) != expect["gateway"].as_str() {
        problems.push(format!(
            "gateway {:?} ≠ {}",
            report.gateway.id, expect["gateway"]
        ));
    }
    if report.family.as_str() != expect["family"].as_str().unwrap() {
        problems.push(format!(
            "family {} ≠ {}",
            report.family.as_str(),
            expect["family"]
        ));
    }
    let hop = serde_json::to_value(report.failing_hop).unwrap();
    if hop != expect["failing_hop"] {
        problems.push(format!("hop {hop} ≠ {}", expect["failing_hop"]));
    }
    let cause = expect["cause"].as_str().unwrap();
    let telling = expect["cause_is_telling"].as_bool().unwrap();
    let top = &report.causes[0];
    let ranks: Vec<String> = report
        .causes
        .iter()
        .map(|c| [c.id.as_str(), &c.confidence.to_string()].join(" "))
        .collect();
    let in_top2 = report.causes.iter().take(2).any(|c| c.id.as_str() == cause);
    if top.id.as_str() != cause && top.confidence > 0.6 {
        problems.push(format!("wrong top-1 above 0.6: {ranks:?}, want {cause}"));
    } else if telling && top.id.as_str() != cause {
        problems.push(format!("top-1 should be {cause}: {ranks:?}"));
    } else if !telling && !in_top2 {
        problems.push(format!("{cause} not in the top 2: {ranks:?}"));
    } else if !telling && top.confidence > 0.6 {
        problems.push(format!(
            "cannot tell, yet top-1 is {} at {}",
            top.id, top.confidence
        ));
    }
    if report.retry.retryable && observation.method() == "POST" {
        problems.push("a POST must not be retryable".to_string());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn every_fixture_meets_the_bar() {
    let dirs = case_dirs();
    let mut misses = Vec::new();
    let mut unexpected = Vec::new();
    for dir in &dirs {
        let name = name_of(dir);
        match check(dir) {
            Ok(()) if KNOWN_MISSES.contains(&name.as_str()) => {
                unexpected.push(format!("{name}: now passes, remove it from KNOWN_MISSES"))
            }
            Ok(()) => {}
            Err(problem) if KNOWN_MISSES.contains(&name.as_str()) => {
                misses.push(format!("{name}: {problem}"))
            }
            Err(problem) => unexpected.push(format!("{name}: {problem}")),
        }
    }
    eprintln!(
        "{} fixtures, {} known misses:\n{}",
        dirs.len(),
        misses.len(),
        misses.join("\n")
    );
    assert!(unexpected.is_empty(), "\n{}", unexpected.join("\n"));
}

/// One pasted response's verdict: (gateway right, established cause in the top 2 (None when
/// the thread established none), a wrong top-1 above 0.6, challenge right).
fn score_pasted(dir: &Path) -> (bool, Option<bool>, bool, bool, String) {
    let source: Value =
        serde_json::from_slice(&std::fs::read(dir.join("source.json")).unwrap()).unwrap();
    let raw = std::fs::read(dir.join("response.txt")).unwrap();
    let expect = &source["expect"];
    let Ok(observation) = raw_response::parse(&raw) else {
        return (
            false,
            expect["cause"].as_str().map(|_| false),
            false,
            false,
            "does not parse".into(),
        );
    };
    let report = explain(&observation, &Context::default());
    let json = serde_json::to_value(&report).unwrap();
    let gateway_right = json["gateway"]["id"] == expect["gateway"];
    let challenge_right = json["challenge"]["provider"] == expect["challenge"];
    let (in_top2, wrong) = match (expect["cause"].as_str(), report.causes.first()) {
        (Some(cause), Some(top)) => (
            Some(report.causes.iter().take(2).any(|c| c.id.as_str() == cause)),
            top.id.as_str() != cause && top.confidence > 0.6,
        ),
        (Some(_), None) => (Some(false), false),
        (None, _) => (None, false),
    };
    // Not an outage: no gateway-failure cause, not retryable.
    let challenge_report_right =
        report.challenge.is_none() || (report.causes.is_empty() && !report.retry.retryable);
    let ranks: Vec<String> = report
        .causes
        .iter()
        .map(|c| [c.id.as_str(), &c.confidence.to_string()].join(" "))
        .collect();
    let summary = format!(
        "{} gateway {} (want {}), challenge {} (want {}), causes {ranks:?} (want {})",
        report.status,
        json["gateway"]["id"],
        expect["gateway"],
        json["challenge"],
        expect["challenge"],
        expect["cause"]
    );
    (
        gateway_right,
        in_top2,
        wrong,
        challenge_right && challenge_report_right,
        summary,
    )
}

/// Responses people pasted in public threads (tests/fixtures/pasted/, each with its source):
/// kept apart from the recorded and documented fixtures, scored as issue 15 asks.
#[test]
fn pasted_responses_meet_the_bar() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pasted");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures/pasted exists")
        .map(|entry| entry.unwrap().path())
        .filter(|dir| dir.join("source.json").is_file())
        .collect();
    dirs.sort();
    let (mut gateways, mut established, mut in_top2, mut wrong, mut challenges) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for dir in &dirs {
        let (gateway, top2, wrong_top1, challenge, summary) = score_pasted(dir);
        gateways += usize::from(gateway);
        challenges += usize::from(challenge);
        if let Some(top2) = top2 {
            established += 1;
            in_top2 += usize::from(top2);
        }
        wrong += usize::from(wrong_top1);
        if !gateway || top2 == Some(false) || wrong_top1 || !challenge {
            misses.push(format!(
                "{}: {summary}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    let percent = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    eprintln!(
        "pasted: {} responses; gateway right {:.1} %; cause in the top 2 {:.1} % of {} established; \
         wrong top-1 above 0.6: {}; challenge flag right {:.1} %\n{}",
        dirs.len(),
        percent(gateways, dirs.len()),
        percent(in_top2, established),
        established,
        wrong,
        percent(challenges, dirs.len()),
        misses.join("\n")
    );
    assert!(dirs.len() >= 60, "at least 60 pasted responses");
    assert!(
        percent(gateways, dirs.len()) >= 95.0,
        "gateway right < 95 %"
    );
    assert!(
        percent(in_top2, established) >= 85.0,
        "cause in the top 2 < 85 %"
    );
    assert_eq!(wrong, 0, "a wrong top-1 above 0.6");
    assert_eq!(challenges, dirs.len(), "a challenge flag wrong");
}
