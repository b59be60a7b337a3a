//! The log reader's benchmark (issue 20): builds a log of SIZE bytes from the lines real
//! gateways wrote (tests/fixtures/logs/, every line of every recorded case, noise included:
//! varnishlog's whole transactions, Caddy's health checks), then summarises it as
//! `explain502 log` does (256 KiB chunks, one Reader, one Summary) and prints MB/s.
//!
//!   cargo run --release --example log_bench -- [SIZE_MB=1024] [FILE=/tmp/explain502-bench.log]
//!   /usr/bin/time -v target/release/explain502 log /tmp/explain502-bench.log   # peak RSS
//!
//! `cargo test` runs it on 4 MB (figures printed, the counts checked).

use explain502::log::summary::Summary;
use explain502::log::{Finding, Reader};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

fn recorded_lines() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logs");
    let mut lines = Vec::new();
    let mut files = Vec::new();
    for gateway in std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        for case in std::fs::read_dir(gateway.path())
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_dir())
        {
            for file in std::fs::read_dir(case.path()).unwrap() {
                let path = file.unwrap().path();
                if path.file_name().unwrap() != "expected.json" {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    for path in files {
        let text = std::fs::read(&path).unwrap();
        lines.extend(
            text.split(|b| *b == b'\n')
                .filter(|l| !l.is_empty())
                .map(<[u8]>::to_vec),
        );
    }
    lines
}

/// Writes `size` bytes of recorded lines (in order, repeated) to `path`.
fn generate(path: &Path, size: u64) -> u64 {
    let lines = recorded_lines();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    let mut written = 0u64;
    'outer: loop {
        for line in &lines {
            if written + line.len() as u64 + 1 > size {
                break 'outer;
            }
            out.write_all(line).unwrap();
            out.write_all(b"\n").unwrap();
            written += line.len() as u64 + 1;
        }
    }
    out.flush().unwrap();
    written
}

/// Summarises `path` in 256 KiB chunks (as the CLI does); returns the summary.
fn summarise(path: &Path) -> Summary {
    let mut file = std::fs::File::open(path).unwrap();
    let mut chunk = vec![0u8; 256 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    let mut reader = Reader::new();
    let mut summary = Summary::new();
    let cell = std::cell::RefCell::new(&mut summary);
    let mut emit = |_: u64, _: &[u8], f: Finding<'_>| cell.borrow_mut().add(&f);
    let mut push = |line: &[u8], reader: &mut Reader| {
        cell.borrow_mut().line();
        reader.push(line, &mut emit, &mut |_, _, other| {
            cell.borrow_mut().add_other(other)
        });
    };
    loop {
        let n = file.read(&mut chunk).unwrap();
        if n == 0 {
            break;
        }
        let mut rest = &chunk[..n];
        while let Some(end) = explain502::log::find_byte(rest, b'\n') {
            if carry.is_empty() {
                push(&rest[..end], &mut reader);
            } else {
                carry.extend_from_slice(&rest[..end]);
                let line = std::mem::take(&mut carry);
                push(&line, &mut reader);
            }
            rest = &rest[end + 1..];
        }
        carry.extend_from_slice(rest);
    }
    if !carry.is_empty() {
        push(&carry, &mut reader);
    }
    reader.flush(&mut |_, _, f| cell.borrow_mut().add(&f));
    summary
}

fn run(size_mb: u64, path: &Path) -> (Summary, f64) {
    let size = size_mb << 20;
    let started = Instant::now();
    let written = generate(path, size);
    println!(
        "generated {:.1} MB of recorded log lines in {:.1} s: {}",
        written as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        path.display()
    );
    let started = Instant::now();
    let summary = summarise(path);
    let seconds = started.elapsed().as_secs_f64();
    let rate = written as f64 / 1e6 / seconds;
    println!(
        "summarised {} lines ({} recognised, {} health) in {:.2} s: {:.0} MB/s",
        summary.lines, summary.recognised, summary.health, seconds, rate
    );
    (summary, rate)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let size_mb = args.first().and_then(|a| a.parse().ok()).unwrap_or(1024);
    let path = args.get(1).map_or_else(
        || std::env::temp_dir().join("explain502-bench.log"),
        Into::into,
    );
    run(size_mb, Path::new(&path));
}

#[test]
fn four_megabytes_are_summarised_whole() {
    let path = std::env::temp_dir().join(format!("explain502-bench-{}.log", std::process::id()));
    let (summary, _) = run(4, &path);
    std::fs::remove_file(&path).ok();
    assert!(summary.lines > 10_000);
    // A twentieth at least name a cause: the busy-gateway rounds (56, 58) recorded thousands of
    // healthy requests around each failure, and the first megabytes of the sorted fixtures
    // hold them (9.6 % after them; 10 % was the share before).
    assert!(
        summary.recognised > summary.lines / 20,
        "{} of {}",
        summary.recognised,
        summary.lines
    );
    assert!(summary.upstreams(5).len() == 5);
}
