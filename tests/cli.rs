//! The CLI as a user runs it (contract §2): the built binary on files and standard input.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_explain502"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn json(args: &[&str], stdin: &[u8]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(&all, stdin);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

const NGINX_502: &str = "HTTP/1.1 502 Bad Gateway\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

#[test]
fn json_is_the_contract_report() {
    let report = json(&["--elapsed-ms", "3"], NGINX_502.as_bytes());
    assert_eq!(report["status"], 502);
    assert_eq!(report["family"], "bad_gateway");
    assert_eq!(report["gateway"]["id"], "nginx");
    assert_eq!(report["gateway"]["version"], "1.22.1");
    assert_eq!(report["failing_hop"], "upstream");
    assert_eq!(report["causes"][0]["id"], "upstream_down");
    assert_eq!(report["retry"]["retryable"], true);
    for audience in ["user", "developer"] {
        assert!(!report["advice"][audience].as_array().unwrap().is_empty());
    }
}

#[test]
fn reads_files_lf_http2_and_the_last_of_several_responses() {
    let dir = std::env::temp_dir().join(format!("explain502-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("response.http");
    std::fs::write(&file, NGINX_502.replace("\r\n", "\n")).unwrap();
    let report = json(&[file.to_str().unwrap()], b"");
    assert_eq!(report["gateway"]["id"], "nginx");
    std::fs::remove_dir_all(&dir).unwrap();

    let chain = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/2 301\r\nlocation: /b\r\n\r\nHTTP/2 504\r\nserver: nginx\r\n\r\n";
    let report = json(&[], chain);
    assert_eq!(report["status"], 504);
    assert_eq!(report["causes"][0]["id"], "upstream_timeout");
}

#[test]
fn a_post_is_never_retryable() {
    let report = json(
        &["--method", "POST", "--url", "https://shop.example/cart"],
        NGINX_502.as_bytes(),
    );
    assert_eq!(report["retry"]["retryable"], false);
}

#[test]
fn human_output_is_short_and_names_the_essentials() {
    let out = run(&["--elapsed-ms", "2"], NGINX_502.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "502 bad_gateway",
        "gateway:     nginx 1.22.1",
        "failing hop: upstream",
        "upstream_down",
        "What you can do:",
        "$ tail -n 50 /var/log/nginx/error.log",
    ] {
        assert!(text.contains(needle), "{needle} in\n{text}");
    }
    assert!(text.lines().count() <= 40, "{text}");
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let cases: &[&[u8]] = &[
        b"",
        b"\r\n\r\n",
        b"<html>no status here</html>",
        b"\x00\x01\x02\xff\xfe binary junk",
        b"HTTP/1.1 abc Bad Gateway\r\n\r\n",
        b"-ERR unknown command \xff\xfe not http\r\n",
    ];
    for input in cases {
        let out = run(&[], input);
        assert_eq!(out.status.code(), Some(2), "{input:?}");
        assert!(out.stdout.is_empty(), "{input:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{input:?}: {stderr}");
        assert!(stderr.starts_with("explain502: "), "{stderr}");
    }
    // A page's text without a status line names its status (issue 15: pasted pages).
    let out = run(&["--json"], b"<html>502 Bad Gateway</html>");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("\"status\": 502"));
    let out = run(&["/nonexistent/response.http"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[test]
fn control_characters_from_the_response_never_reach_the_terminal() {
    let hostile =
        b"HTTP/1.1 502 Bad Gateway\r\nServer: Evil\x1b]0;pwned\x07\x1b[2J\xe2\x80\xae/1.0\r\n\r\n";
    let out = run(&[], hostile);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("Evil"), "{text}");
}

#[test]
fn a_problem_body_gives_the_wait_when_no_header_does() {
    let body = r#"{"type":"https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-521/","status":521,"error_code":521,"error_category":"origin","retryable":true,"retry_after":30,"ray_id":"8e6f1c2b3a4d521a"}"#;
    let input = format!(
        "HTTP/2 521\r\ncontent-type: application/problem+json\r\nserver: cloudflare\r\n\r\n{body}"
    );
    let report = json(&[], input.as_bytes());
    assert_eq!(report["gateway"]["id"], "cloudflare");
    assert_eq!(report["failing_hop"], "upstream");
    assert_eq!(report["causes"][0]["id"], "upstream_down");
    assert_eq!(report["retry"]["after_ms"], 30_000);
}
