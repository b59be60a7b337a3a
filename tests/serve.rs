//! `explain502 serve`: the site, the demo gateway in front of the demo app, the busy-port error.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::time::Duration;
use support::{serve, Served};

/// A scratch site: an index page and a 502 error page beside it, as `make dist` lays them out.
fn scratch_dist() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("explain502-serve-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("site")).unwrap();
    std::fs::create_dir_all(dir.join("error-pages")).unwrap();
    std::fs::write(dir.join("site/index.html"), "<h1>site</h1>").unwrap();
    std::fs::write(dir.join("error-pages/502.html"), "<p>explained 502</p>").unwrap();
    dir
}

/// (status, body) of one HTTP/1.1 request to the server.
fn request(server: &Served, method: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let status = raw[9..12].parse().unwrap();
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn demo_app_switches_off_into_the_error_page_and_back() {
    let server = serve(&[], &scratch_dist().join("site"));
    assert_eq!(request(&server, "GET", "/").0, 200);
    let (status, body) = request(&server, "GET", "/demo/");
    assert_eq!(status, 200);
    assert!(body.contains("demo app is up"), "{body}");

    assert_eq!(request(&server, "POST", "/demo-control/off").0, 303);
    let (status, body) = request(&server, "GET", "/demo/");
    assert_eq!((status, body.as_str()), (502, "<p>explained 502</p>"));

    assert_eq!(request(&server, "POST", "/demo-control/on").0, 303);
    assert_eq!(request(&server, "GET", "/demo/").0, 200);
}

#[test]
fn paths_outside_the_site_are_refused() {
    let server = serve(&[], &scratch_dist().join("site"));
    assert_eq!(request(&server, "GET", "/../error-pages/502.html").0, 400);
    assert_eq!(request(&server, "GET", "/missing.html").0, 404);
}

#[test]
fn a_busy_port_gives_one_line() {
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let output = Command::new(env!("CARGO_BIN_EXE_explain502"))
        .args(["serve", "--port", &port.to_string()])
        .arg(scratch_dist().join("site"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("busy"), "{stderr}");
}
