//! `explain502 serve --probe` under load and faults, on loopback: C clients × K checks each,
//! at once, against slow, dripping, hanging, huge, redirect-looping, failing and healthy
//! targets (servers started here, reached with `--allow-private`). Every answer must come by
//! its deadline (the check's 8-s cap plus slack), every answer is one of the documented ones
//! (200 check, 503 too many in flight), and the server's memory must not keep growing from one
//! round to the next. Prints the figures: answers by status, p50/p99/max answer time, the
//! server's peak RSS (VmHWM) and peak thread count.
//!
//! `cargo test --test probe_load` runs a short version (20 × 1, two rounds, ~17 s);
//! `tools/probe-load.sh` the full one (200 × 10, `PROBE_LOAD_CLIENTS=200 PROBE_LOAD_CHECKS=10`).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{scratch_dir, serve, Served};

/// A loopback target: every connection gets its own thread running `answer`.
fn target(answer: fn(TcpStream, u16)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut stream = stream;
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                answer(stream, port);
            });
        }
    });
    port
}

fn slow(mut s: TcpStream, _: u16) {
    std::thread::sleep(Duration::from_millis(1500));
    let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
}

fn drip(mut s: TcpStream, _: u16) {
    let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
    for _ in 0..300 {
        std::thread::sleep(Duration::from_millis(100));
        if s.write_all(b"x").is_err() {
            return;
        }
    }
}

fn hanging(s: TcpStream, _: u16) {
    std::thread::sleep(Duration::from_secs(20));
    drop(s);
}

fn huge(mut s: TcpStream, _: u16) {
    let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n");
    let chunk = vec![b'x'; 64 * 1024];
    for _ in 0..16_384 {
        if s.write_all(&chunk).is_err() {
            return;
        }
    }
}

fn looping(mut s: TcpStream, port: u16) {
    let _ = write!(s, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{port}/again\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

fn failing(mut s: TcpStream, _: u16) {
    let body = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    let _ = write!(s, "HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
}

fn healthy(mut s: TcpStream, _: u16) {
    let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
}

/// VmHWM (peak RSS), VmRSS (now) in KiB and the thread count of `pid`.
fn memory(pid: u32) -> (u64, u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"), field("Threads:"))
}

fn get(port: u16, target: &str) -> u16 {
    let encoded: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return 0;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = write!(
        stream,
        "GET /api/check?url={encoded} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    );
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw);
    text.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

struct Round {
    statuses: Vec<u16>,
    times: Vec<Duration>,
}

fn round(
    probe: &Served,
    targets: &Arc<Vec<String>>,
    clients: usize,
    checks: usize,
    peak_threads: &Arc<AtomicUsize>,
) -> Round {
    let port = probe.port;
    let pid = probe.pid();
    let done = Arc::new(AtomicUsize::new(0));
    let sampler = {
        let (done, peak) = (Arc::clone(&done), Arc::clone(peak_threads));
        std::thread::spawn(move || {
            while done.load(Ordering::SeqCst) == 0 {
                peak.fetch_max(memory(pid).2 as usize, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    let workers: Vec<_> = (0..clients)
        .map(|client| {
            let targets = Arc::clone(targets);
            std::thread::spawn(move || {
                (0..checks)
                    .map(|k| {
                        let target = &targets[(client + k) % targets.len()];
                        let started = Instant::now();
                        let status = get(port, target);
                        (status, started.elapsed())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let results: Vec<(u16, Duration)> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    done.store(1, Ordering::SeqCst);
    sampler.join().unwrap();
    Round {
        statuses: results.iter().map(|r| r.0).collect(),
        times: results.iter().map(|r| r.1).collect(),
    }
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn every_answer_comes_by_its_deadline_and_memory_stays_bounded() {
    let clients = env("PROBE_LOAD_CLIENTS", 20);
    let checks = env("PROBE_LOAD_CHECKS", 1);
    let ports = [
        target(slow),
        target(drip),
        target(hanging),
        target(huge),
        target(looping),
        target(failing),
        target(healthy),
    ];
    let targets: Arc<Vec<String>> = Arc::new(
        ports
            .iter()
            .map(|p| format!("http://127.0.0.1:{p}/"))
            .collect(),
    );
    let site = scratch_dir("load-site");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>site</title>",
    )
    .unwrap();
    let mut flags = vec![
        "--probe".to_string(),
        "--allow-private".into(),
        "--burst".into(),
        "1000000".into(),
    ];
    for p in ports {
        flags.extend(["--allow-port".to_string(), p.to_string()]);
    }
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let probe = serve(&flags, &site);
    let peak_threads = Arc::new(AtomicUsize::new(0));
    let deadline = Duration::from_secs(8 + 3);
    let mut rss_after = Vec::new();
    let mut all = Round {
        statuses: Vec::new(),
        times: Vec::new(),
    };
    for _ in 0..2 {
        let r = round(&probe, &targets, clients, checks, &peak_threads);
        rss_after.push(memory(probe.pid()).1);
        all.statuses.extend(r.statuses);
        all.times.extend(r.times);
    }
    let (peak_kib, _, _) = memory(probe.pid());
    let mut times = all.times.clone();
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1];
    let count = |s: u16| all.statuses.iter().filter(|&&x| x == s).count();
    println!(
        "probe load: {clients} clients x {checks} checks x 2 rounds = {} answers: {} checks (200), {} busy (503), {} other; \
         answer time p50 {} ms, p99 {} ms, max {} ms; server peak RSS {:.1} MiB (VmHWM), RSS after each round {:?} KiB, peak threads {}",
        all.statuses.len(),
        count(200),
        count(503),
        all.statuses.len() - count(200) - count(503),
        pct(0.50).as_millis(),
        pct(0.99).as_millis(),
        times.last().unwrap().as_millis(),
        peak_kib as f64 / 1024.0,
        rss_after,
        peak_threads.load(Ordering::SeqCst),
    );
    assert!(
        all.statuses.iter().all(|s| *s == 200 || *s == 503),
        "only checks and 'busy': {:?}",
        all.statuses
    );
    assert!(count(200) > 0);
    assert!(
        *times.last().unwrap() <= deadline,
        "an answer took {:?}",
        times.last()
    );
    // No unbounded growth: the second round ends no bigger than 1.5 × the first (plus 4 MiB).
    assert!(
        rss_after[1] <= rss_after[0] * 3 / 2 + 4096,
        "RSS grew: {rss_after:?}"
    );
    // The peak stays far from what 1 GiB bodies would take: bodies are capped at 64 KiB.
    assert!(peak_kib < 200 * 1024, "peak RSS {peak_kib} KiB");
}
