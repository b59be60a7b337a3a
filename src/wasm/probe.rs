//! The probe's decisions for the Cloudflare Worker (worker/src/index.js), feature `worker`:
//! the same `downcheck::probe` the native server runs, so both answer `/api/check` with the
//! same JSON. The Worker only fetches. Inputs and outputs are JSON texts (serde_json, as the
//! native server writes them); a problem is `{"status": 400, "error": "…"}`.

use crate::address_guard::{Policy, Target};
use crate::downcheck::probe::{self, Fetched, Next, Problem};
use crate::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

fn problem_json(problem: &Problem) -> String {
    let mut out = String::from("{\"status\":");
    out.push_str(&problem.status().to_string());
    out.push_str(",\"error\":");
    out.push_str(&serde_json::to_string(&problem.message()).unwrap_or_default());
    out.push('}');
    out
}

/// The limits the Worker applies while fetching (`max_redirects`, `max_body_bytes`,
/// `total_time_ms`).
#[wasm_bindgen(js_name = checkLimits)]
pub fn probe_limits() -> String {
    let mut out = String::from("{\"max_body_bytes\":");
    out.push_str(&probe::MAX_BODY_BYTES.to_string());
    out.push_str(",\"total_time_ms\":");
    out.push_str(&probe::TOTAL_TIME_MS.to_string());
    out.push('}');
    out
}

/// The request's own checks (method, `url=`): null, or the problem.
#[wasm_bindgen(js_name = checkStart)]
pub fn probe_start(method: String, target: Option<String>) -> Option<String> {
    probe::request(&method, target.as_deref())
        .err()
        .map(|p| problem_json(&p))
}

/// A problem by name: `not_a_url`, `bad_redirect`, `rate_limited`, `busy`.
#[wasm_bindgen(js_name = checkProblem)]
pub fn probe_problem(kind: String) -> String {
    let problem = match kind.as_str() {
        "not_a_url" => Problem::NotAUrl,
        "bad_redirect" => Problem::BadRedirect,
        "rate_limited" => Problem::RateLimited,
        _ => Problem::Busy,
    };
    problem_json(&problem)
}

#[derive(Deserialize)]
struct Hop {
    scheme: String,
    username: String,
    password: String,
    host: String,
    port: Option<u16>,
}

#[derive(Deserialize)]
struct PolicyInput {
    #[serde(default)]
    allow_private: bool,
    #[serde(default)]
    allowed_ports: Vec<u16>,
    #[serde(default)]
    own_hosts: Vec<String>,
}

/// One hop through the address guard: null, or the refusal. `hop`: `{scheme, username,
/// password, host, port}` as `new URL()` split it (scheme without its colon, port null when
/// default); `policy`: `{allow_private, allowed_ports, own_hosts}`.
#[wasm_bindgen(js_name = checkHop)]
pub fn probe_hop(hop: String, policy: String, redirects: u32) -> Option<String> {
    let (Ok(hop), Ok(policy)) = (
        serde_json::from_str::<Hop>(&hop),
        serde_json::from_str::<PolicyInput>(&policy),
    ) else {
        return Some(problem_json(&Problem::NotAUrl));
    };
    let target = Target {
        scheme: &hop.scheme,
        username: &hop.username,
        password: &hop.password,
        host: &hop.host,
        port: hop.port,
    };
    let policy = Policy {
        allow_private: policy.allow_private,
        allowed_ports: policy.allowed_ports,
        own_addresses: Vec::new(),
        own_hosts: policy.own_hosts,
    };
    probe::hop(&target, &policy, redirects as usize)
        .err()
        .map(|p| problem_json(&p))
}

/// After an answer: `"follow"` its redirect, `"stop"`, or `"too_many"` (stop, and say so).
#[wasm_bindgen(js_name = checkNext)]
pub fn probe_next(status: u16, has_location: bool, redirects: u32) -> String {
    match probe::next(status, has_location, redirects as usize) {
        Next::Follow => "follow".into(),
        Next::Stop => "stop".into(),
        Next::TooManyRedirects => "too_many".into(),
    }
}

/// The answer's JSON from what was fetched (`downcheck::probe::Fetched` as JSON), with where
/// the check ran (`colo`, Cloudflare's data centre code) when known.
#[wasm_bindgen(js_name = checkAnswer)]
pub fn probe_answer(fetched: String, colo: Option<String>) -> String {
    let fetched: Fetched = serde_json::from_str(&fetched).unwrap_or_default();
    let mut answer = probe::answer(fetched);
    answer.probe.colo = colo;
    serde_json::to_string(&answer).unwrap_or_default()
}

/// The per-client limit's key for a client address (IPv4, or the IPv6 /64), as hex; the
/// address itself when it does not parse.
#[wasm_bindgen(js_name = checkClientKey)]
pub fn probe_client_key(ip: String) -> String {
    match ip.parse::<core::net::IpAddr>() {
        Ok(ip) => alloc::format!("{:x}", probe::client_key(ip)),
        Err(_) => ip,
    }
}
