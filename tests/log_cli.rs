//! `explain502 log` and `explain502 --log` as a user runs them (contract §2d).

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_explain502"))
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// `explain502 log --json`'s standard output: one JSON value per line.
fn json_lines(stdout: Vec<u8>) -> Vec<Value> {
    String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn json_lines_then_the_summary() {
    let out = bin()
        .args([
            "log",
            "--json",
            &fixture("logs/nginx/refused/error.log"),
            &fixture("logs/varnish/no-healthy/varnishlog"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(out.stdout);
    assert_eq!(lines.len(), 3, "two findings and the summary");
    assert_eq!(lines[0]["gateway"], "nginx");
    assert_eq!(lines[0]["cause"], "upstream_down");
    // A refused connect: down, or the wrong port (the line cannot say which).
    assert_eq!(lines[0]["confidence"], 0.6);
    assert_eq!(lines[0]["upstream"], "127.0.0.1:46167");
    assert_eq!(lines[0]["line"], 1);
    assert!(lines[0]["time"]
        .as_str()
        .unwrap()
        .starts_with("2026/12/06 "));
    assert!(lines[0]["text"]
        .as_str()
        .unwrap()
        .contains("connect() failed (111"));
    assert_eq!(lines[1]["gateway"], "varnish");
    assert_eq!(lines[1]["cause"], "no_healthy_upstream");
    assert_eq!(lines[1]["upstream"], "be_sick");
    assert_eq!(lines[1]["time"], Value::Null);
    let summary = &lines[2]["summary"];
    assert_eq!(summary["recognised"], 2);
    assert_eq!(summary["by_cause"]["upstream_down"], 1);
    assert_eq!(summary["by_cause"]["no_healthy_upstream"], 1);
    assert!(summary["lines"].as_u64().unwrap() > 40);
    assert!(summary["advice"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == "check_app_running"));
}

#[test]
fn standard_input_binary_and_nothing_recognised_still_exit_0() {
    let mut child = bin()
        .args(["log"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut junk: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    junk.extend_from_slice(b"\n\x1b[31mnot a log\n");
    child.stdin.take().unwrap().write_all(&junk).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("0 recognised"), "{text}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn an_unreadable_file_exits_2_with_one_line() {
    let out = bin()
        .args(["log", "/nonexistent/error.log"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("explain502: cannot read /nonexistent/error.log"));
}

#[test]
fn follow_reads_what_is_appended_and_stops_when_idle() {
    let dir = std::env::temp_dir().join(format!("explain502-follow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("error.log");
    std::fs::write(&path, "").unwrap();
    let child = bin()
        .args([
            "log",
            "--json",
            "--follow",
            "--idle-exit",
            "2",
            path.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let line = std::fs::read(fixture("logs/nginx/timeout/error.log")).unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(&line)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["cause"], "upstream_timeout");
    assert!(text.lines().last().unwrap().contains("\"summary\""));
}

#[test]
fn the_log_narrows_a_response() {
    let out = bin()
        .args([
            "--json",
            "--url",
            "http://127.0.0.1:8080/no-healthy",
            "--log",
            &fixture("logs/nginx/no-healthy/error.log"),
            &fixture("nginx/no-healthy/response.http"),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["causes"][0]["id"], "no_healthy_upstream");
    // nginx's "no live upstreams" is also written when every server is at its max_conns
    // (blind round 8, nginx/b8-max-conns): the line says 0.6 at most, and the narrowed
    // ranking is never surer than its log lines; it still moves the top cause from the
    // response's own (upstream_down, 0.45) to the log's.
    assert!(report["causes"][0]["confidence"].as_f64().unwrap() >= 0.6);
    assert_eq!(report["log"]["matched_by"], "request");
    assert!(
        report["log"]["response_causes"][0]["confidence"]
            .as_f64()
            .unwrap()
            <= 0.6
    );
}

/// A log as logrotate leaves it after `compress` (`error.log.2.gz`): read as the plain file
/// is, from a path or standard input, every gzip member in turn (`cat a.gz b.gz`), and one
/// cut short (logrotate still writing it) read up to where it breaks, said on standard error,
/// exit 0: bad input is counted, never fatal.
#[test]
fn a_rotated_gzip_log_reads_as_the_plain_one() {
    use flate2::{write::GzEncoder, Compression};
    let plain_path = fixture("logs/nginx/refused/error.log");
    let plain = std::fs::read(&plain_path).unwrap();
    let gzip = |bytes: &[u8]| {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    };
    let dir = std::env::temp_dir().join(format!("explain502-gz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gz = dir.join("error.log.2.gz");
    std::fs::write(&gz, gzip(&plain)).unwrap();
    let json = |args: &[&str], stdin: Option<Vec<u8>>| {
        let mut child = bin()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            let mut input = input;
            input.write_all(&bytes).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (expected, _) = json(&["log", "--json", &plain_path], None);
    assert!(expected.contains("\"upstream_down\""));
    let (from_file, quiet) = json(&["log", "--json", gz.to_str().unwrap()], None);
    assert_eq!(from_file, expected);
    assert_eq!(quiet, "");
    let (from_stdin, _) = json(&["log", "--json"], Some(gzip(&plain)));
    assert_eq!(from_stdin, expected);
    // Two members, as `cat error.log.3.gz error.log.2.gz |`: both read.
    let mut two = gzip(&plain);
    two.extend(gzip(&plain));
    let (both, _) = json(&["log", "--json"], Some(two));
    let summary: Value = serde_json::from_str(both.lines().last().unwrap()).unwrap();
    let once: Value = serde_json::from_str(expected.lines().last().unwrap()).unwrap();
    assert_eq!(
        summary["summary"]["lines"],
        once["summary"]["lines"].as_u64().unwrap() * 2
    );
    // Cut short: what inflated before the break is read, and the break is said.
    let whole = gzip(&plain);
    let (cut, said) = json(&["log", "--json"], Some(whole[..whole.len() / 2].to_vec()));
    assert!(cut.lines().last().unwrap().starts_with("{\"summary\""));
    assert!(said.contains("the compressed data stops early"), "{said}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every file of a set-up in one run, the access log first (a shell's `*.log`): each access
/// line of a failure takes its request's cause from the error log, printed once with
/// `"joined": true` and its own file, counted apart (recorded: nginx 1.22.1's and varnish
/// 7.1.1's logs of blind rounds 41 and 44).
#[test]
fn access_lines_take_their_request_s_cause() {
    for (dir, access, error, cause) in [
        (
            "logs/nginx/b41-crash-mid",
            "access.log",
            "error.log",
            "upstream_reset",
        ),
        (
            "logs/varnish/b44-close-noreply",
            "varnishncsa",
            "varnishlog",
            "upstream_reset",
        ),
    ] {
        let access = fixture(&format!("{dir}/{access}"));
        let out = bin()
            .args([
                "log",
                "--json",
                &access,
                &fixture(&format!("{dir}/{error}")),
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let lines = json_lines(out.stdout);
        let joined: Vec<&Value> = lines.iter().filter(|l| l["joined"] == true).collect();
        assert_eq!(joined.len(), 1, "{dir}");
        assert_eq!(joined[0]["file"], access.as_str());
        assert_eq!(joined[0]["cause"], cause);
        let summary = &lines.last().unwrap()["summary"];
        assert_eq!(summary["joined"], 1, "{dir}");
        assert_eq!(summary["status_only"], 0, "{dir}");
        // Alone, the access log names no cause.
        let alone = bin().args(["log", "--json", &access]).output().unwrap();
        let summary = &json_lines(alone.stdout).pop().unwrap()["summary"];
        assert_eq!(summary["status_only"], 1, "{dir}");
        assert_eq!(summary["joined"], 0, "{dir}");
    }
}
