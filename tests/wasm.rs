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
