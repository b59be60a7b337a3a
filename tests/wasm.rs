//! The core as wasm, inside a real Chromium (wasm-bindgen-test): run by `make test` through
//! `wasm-pack test --headless --chrome -- --test wasm`.
#![cfg(target_arch = "wasm32")]

use explain502::report::{explain, Context};
use explain502::{raw_response, Family};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn explains_a_raw_nginx_502_inside_the_browser() {
    let raw = b"HTTP/1.1 502 Bad Gateway\r\nServer: nginx/1.22.1\r\n\r\n<html><center><h1>502 Bad Gateway</h1></center></html>";
    let observation = raw_response::parse(raw).expect("parses");
    let report = explain(&observation, &Context::default());
    assert_eq!(report.status, 502);
    assert_eq!(report.family, Family::BadGateway);
    assert!(!report.headline.is_empty());
}

/// The retry policy's float math gives the same schedule in wasm as natively (the table in
/// `src/retry.rs` pins the native one): JS surfaces and the herd benchmark agree.
#[wasm_bindgen_test]
fn retry_schedule_is_the_same_inside_the_browser() {
    use explain502::retry::{Attempt, Decision, Policy};
    let policy = Policy::default();
    let mut elapsed_ms = 0;
    let mut waits = Vec::new();
    for (attempt, random) in [0.1, 0.9, 0.5, 0.0, 0.75, 0.3, 0.6, 0.2]
        .into_iter()
        .enumerate()
    {
        let question = Attempt {
            attempt: attempt as u32,
            elapsed_ms,
            retry_after_ms: None,
            method: "GET",
            status: 502,
        };
        match policy.next(&question, random) {
            Decision::Wait { wait_ms } => {
                elapsed_ms += wait_ms;
                waits.push(wait_ms);
            }
            Decision::Stop { reason } => panic!("stopped: {}", reason.as_str()),
        }
    }
    assert_eq!(
        waits,
        [2_910, 3_066, 4_998, 8_232, 8_932, 14_683, 18_523, 29_727]
    );
}
