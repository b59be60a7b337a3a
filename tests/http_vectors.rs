//! HTTP read as RFC 9112 and 9110 say, checked against other projects' own test vectors, kept
//! as data with their source in tests/fixtures/peers/: httparse's response tests, llhttp's
//! response tests, Go's HTTP-date tests and RFC 9110 §5.6.7's examples.
//!
//! explain502 reads what people paste, so it is more lenient than a proxy's parser: where it
//! answers differently from a peer, the case is listed below with the reason, and the test
//! fails on any difference that is not (and on a listed one that no longer differs).

#![cfg(not(target_arch = "wasm32"))]

use explain502::{http_date, raw_response};
use std::path::Path;

fn peers(path: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/peers")
            .join(path),
    )
    .unwrap()
}

/// `\r \n \t \f \xNN \\ \"` escapes, as the peers' test files write bytes.
fn unescape(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 1 < bytes.len() {
            let (byte, used) = match bytes[i + 1] {
                b'r' => (b'\r', 2),
                b'n' => (b'\n', 2),
                b't' => (b'\t', 2),
                b'f' => (0x0c, 2),
                b'0' => (0, 2),
                b'\\' => (b'\\', 2),
                b'"' => (b'"', 2),
                b'x' => {
                    let hex = text.get(i + 2..i + 4).unwrap();
                    (u8::from_str_radix(hex, 16).unwrap(), 4)
                }
                _ => (b'\\', 1),
            };
            out.push(byte);
            i += used;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// What explain502 reads: the status, or None when it refuses the input.
fn status_of(bytes: &[u8]) -> Option<u16> {
    raw_response::parse(bytes).ok().map(|o| o.status)
}

/// httparse: (name, why explain502 answers otherwise).
const HTTPARSE_DECISIONS: &[(&str, &str)] = &[
    (
        "test_response_reason_with_nul_byte",
        "the reason phrase is ignored whatever it holds (RFC 9112 §4: a client SHOULD ignore it); a NUL there does not hide the status",
    ),
    (
        "test_response_code_missing_space",
        "a paste cut after the status code still has the code: read it (httparse waits for more bytes)",
    ),
    (
        "test_response_partial_parses_headers_as_much_as_it_can",
        "a paste cut inside the headers keeps what it has (httparse waits for more bytes)",
    ),
    (
        "test_allow_response_with_obsolete_line_folding_in_middle",
        "RFC 9112 §5.2: each obs-fold is replaced by SP before the value is read (httparse keeps the raw bytes: \"hello  \\r\\n \\r\\n there\"); explain502 reads \"hello there\"",
    ),
];

#[test]
fn httparse_response_vectors() {
    let mut differences = Vec::new();
    for line in peers("httparse-responses.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (name, input, expect) = (fields[0], unescape(fields[1]), fields[2]);
        let ours = raw_response::parse(&input);
        let agrees = if let Some(value) = fields.get(3).filter(|_| expect.contains("obsolete")) {
            // The folded header's value, as httparse returns it with obs-fold allowed.
            let want = String::from_utf8(unescape(value)).unwrap();
            ours.as_ref()
                .is_ok_and(|o| o.headers.get("line-folded-header") == Some(want.as_str()))
        } else if let Some(code) = expect.strip_prefix("complete:") {
            ours.as_ref().ok().map(|o| o.status.to_string()).as_deref() == Some(code)
        } else if expect == "complete" {
            ours.is_ok()
        } else {
            // partial or error: nothing to read.
            ours.is_err()
        };
        if !agrees {
            differences.push(name.to_string());
        }
    }
    check("httparse", differences, HTTPARSE_DECISIONS);
}

/// llhttp: (case title, why explain502 answers otherwise).
const LLHTTP_DECISIONS: &[(&str, &str)] = &[
    (
        "Bare CR after response line",
        "a bare CR in a paste is a copying accident, not an attack on a proxy: the status line before it is still read",
    ),
    (
        "Bare CR followed by CR after response line",
        "a bare CR in a paste is a copying accident, not an attack on a proxy: the status line before it is still read",
    ),
    (
        "Headers separated by CR",
        "a bare CR in a paste is a copying accident, not an attack on a proxy: the status line before it is still read",
    ),
    (
        "Extra space between HTTP version and status code",
        "extra or odd whitespace in a pasted status line (two spaces, a tab) is read as one separator",
    ),
    (
        "Tab after HTTP version",
        "extra or odd whitespace in a pasted status line (two spaces, a tab) is read as one separator",
    ),
    (
        "Invalid space after start line",
        "a first header line indented by the copy is read as a header (llhttp refuses it: a request-smuggling guard)",
    ),
    (
        "HTTP version 0.9",
        "only HTTP/1.0, HTTP/1.1, HTTP/2 and HTTP/3 status lines are responses explain502 explains; RTSP, ICE and an HTTP/0.9 status line (which HTTP/0.9 never had) are not",
    ),
    (
        "RTSP response",
        "only HTTP/1.0, HTTP/1.1, HTTP/2 and HTTP/3 status lines are responses explain502 explains; RTSP, ICE and an HTTP/0.9 status line (which HTTP/0.9 never had) are not",
    ),
    (
        "ICE response",
        "only HTTP/1.0, HTTP/1.1, HTTP/2 and HTTP/3 status lines are responses explain502 explains; RTSP, ICE and an HTTP/0.9 status line (which HTTP/0.9 never had) are not",
    ),
    (
        "HTTP/1.0 with keep-alive and 204 status",
        "several responses in a row: the last one counts (curl -L, 100 Continue), even when it is cut; llhttp's last completed one is an earlier one",
    ),
    (
        "HTTP/1.1 with 204 status",
        "several responses in a row: the last one counts (curl -L, 100 Continue), even when it is cut; llhttp's last completed one is an earlier one",
    ),
    (
        "HTTP/1.1 with keep-alive disabled and 204 status",
        "several responses in a row: the last one counts (curl -L, 100 Continue), even when it is cut; llhttp's last completed one is an earlier one",
    ),
    (
        "Should parse multiple events",
        "pipelined responses are not split by Content-Length: curl prints one response per request, and a body that starts with \"HTTP/\" stays the body; explain502 reads the first, llhttp goes on to the third",
    ),
    (
        "No carriage ret",
        "a pasted response often has bare LF line ends (copied on Unix, or from a terminal): read them; llhttp's strict mode refuses them against request smuggling, which a reader of pastes does not face",
    ),
    (
        "Only LFs present",
        "a pasted response often has bare LF line ends (copied on Unix, or from a terminal): read them; llhttp's strict mode refuses them against request smuggling, which a reader of pastes does not face",
    ),
    (
        "Only LFs present and no body",
        "a pasted response often has bare LF line ends (copied on Unix, or from a terminal): read them; llhttp's strict mode refuses them against request smuggling, which a reader of pastes does not face",
    ),
];

/// One `response` case of llhttp's markdown: its title, the bytes, and llhttp's verdict (the
/// status of the last message it completed the headers of, or None when it errs first).
fn llhttp_cases(markdown: &str) -> Vec<(String, Vec<u8>, Option<u16>)> {
    let mut cases = Vec::new();
    let mut title = String::new();
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(heading) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            title = heading.trim().to_string();
            continue;
        }
        if line.trim() != "<!-- meta={\"type\": \"response\"} -->"
            && line.trim() != "<!-- meta={\"type\": \"response\" } -->"
        {
            continue;
        }
        // The ```http block, then the ```log block.
        let mut block = |fence: &str| -> String {
            for line in lines.by_ref() {
                if line.trim() == fence {
                    break;
                }
            }
            let mut body = Vec::new();
            for line in lines.by_ref() {
                if line.trim() == "```" {
                    break;
                }
                body.push(line);
            }
            body.join("\n")
        };
        let http = block("```http");
        let log = block("```log");
        // test/md-test.ts: drop escaped newlines, lines end in CRLF, then the escapes.
        let mut input = http.replace("\\\n", "").replace('\n', "\r\n");
        input.push_str("\r\n");
        let bytes = unescape(&input);
        let mut verdict = None;
        for entry in log.lines() {
            if entry.contains(" error ") && verdict.is_none() {
                break;
            }
            if let Some(at) = entry.find("headers complete status=") {
                let rest = &entry[at + "headers complete status=".len()..];
                verdict = rest.split(' ').next().and_then(|s| s.parse().ok());
            }
        }
        cases.push((title.clone(), bytes, verdict));
    }
    cases
}

#[test]
fn llhttp_response_vectors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/peers/llhttp");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("SOURCE.md"))
        .collect();
    files.sort();
    let (mut total, mut differences) = (0, Vec::new());
    for file in files {
        let markdown = std::fs::read_to_string(&file).unwrap();
        for (title, bytes, verdict) in llhttp_cases(&markdown) {
            total += 1;
            let ours = status_of(&bytes);
            if ours != verdict {
                differences.push(format!("{title} (llhttp {verdict:?}, explain502 {ours:?})"));
            }
        }
    }
    eprintln!("llhttp: {total} response cases");
    assert!(total >= 50, "llhttp's response cases are read: {total}");
    check("llhttp", differences, LLHTTP_DECISIONS);
}

/// HTTP-dates: (value, why explain502 answers otherwise).
const DATE_DECISIONS: &[(&str, &str)] = &[(
    "Thu Feb  4 21:00:60 2010",
    "RFC 9110's time-of-day allows second 60 (a leap second); Go says \"second out of range\"",
)];

#[test]
fn http_date_vectors() {
    let mut differences = Vec::new();
    let mut count = 0;
    for line in peers("http-dates.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (value, expect) = (fields[1], fields[2]);
        count += 1;
        let ours = http_date::parse_ms(value, None).map(|ms| (ms / 1000).to_string());
        let want = (expect != "error").then(|| expect.to_string());
        if ours != want {
            differences.push(value.to_string());
        }
    }
    assert!(count >= 15);
    check("HTTP-date", differences, DATE_DECISIONS);
}

/// RFC 9110 §5.6.7: two-digit years more than 50 years ahead of the clock are in the past;
/// impossible dates are no dates.
#[test]
fn http_dates_follow_the_rfc_rules() {
    let year_2026 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    let year = |value: &str| http_date::parse_ms(value, Some(year_2026)).map(|ms| ms / 1000);
    // "76" is 2076, 50 years ahead; "77" would be 2077, more than 50 ahead: 1977.
    assert_eq!(
        year("Wednesday, 01-Jan-76 00:00:00 GMT"),
        Some(3_345_062_400)
    );
    assert_eq!(year("Saturday, 01-Jan-77 00:00:00 GMT"), Some(220_924_800));
    for impossible in [
        "Fri, 30 Feb 2024 00:00:00 GMT",
        "Thu, 31 Apr 2026 00:00:00 GMT",
        "Sun Feb 29 00:00:00 2026",
        "Friday, 31-Jun-26 00:00:00 GMT",
    ] {
        assert_eq!(year(impossible), None, "{impossible}");
    }
}

/// Obsolete text in a reason phrase never rejects a response; obs-fold lines are joined with
/// a space (RFC 9112 §4, §5.2).
#[test]
fn obs_text_and_obs_fold() {
    let obs_text = b"HTTP/1.1 502 Mauvaise passerelle \xe9\xe0\r\nServer: nginx\r\n\r\n";
    assert_eq!(status_of(obs_text), Some(502));
    let folded =
        b"HTTP/1.1 503 Service Unavailable\r\nX-Reason: backend\r\n\tdown\r\nServer: x\r\n\r\nbody";
    let observation = raw_response::parse(folded).unwrap();
    assert_eq!(observation.headers.get("x-reason"), Some("backend down"));
    assert_eq!(observation.headers.get("server"), Some("x"));
    assert_eq!(observation.body(), "body");
}

/// The differences must be exactly the documented ones.
fn check(peer: &str, differences: Vec<String>, decisions: &[(&str, &str)]) {
    let undocumented: Vec<&String> = differences
        .iter()
        .filter(|d| !decisions.iter().any(|(name, _)| d.starts_with(name)))
        .collect();
    let stale: Vec<&str> = decisions
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !differences.iter().any(|d| d.starts_with(name)))
        .collect();
    eprintln!("{peer}: {} documented differences", differences.len());
    assert!(
        undocumented.is_empty(),
        "{peer}: undocumented differences: {undocumented:#?}"
    );
    assert!(
        stale.is_empty(),
        "{peer}: documented but no longer different: {stale:?}"
    );
}
