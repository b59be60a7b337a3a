//! `explain502 serve --probe`, live: the real binary on a free loopback port, asked about real
//! servers on other loopback ports (a real nginx for the gateway error). Loopback only: every
//! URL below is 127.0.0.1, [::1] or a name that /etc/hosts maps to 127.0.0.1.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{free_port, scratch_dir, serve, wait_for_port, Served};

/// `--allow-port` for each of `ports` (the test servers' random ports).
fn allow_ports(ports: &[u16]) -> Vec<String> {
    ports
        .iter()
        .flat_map(|port| ["--allow-port".to_string(), port.to_string()])
        .collect()
}

fn start_probe_with(flags: &[&str], ports: &[u16]) -> Served {
    let ports = allow_ports(ports);
    let mut all: Vec<&str> = flags.to_vec();
    all.extend(ports.iter().map(String::as_str));
    start_probe(&all)
}

fn start_probe(extra: &[&str]) -> Served {
    let site = scratch_dir("site");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>site</title>",
    )
    .unwrap();
    serve(&[&["--probe"], extra].concat(), &site)
}

/// GET `path` from the probe server: (status, JSON body, Access-Control-Allow-Origin).
fn get(port: u16, path: &str) -> (u16, Value, Option<String>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("a full HTTP answer");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let cors = head
        .lines()
        .find_map(|l| l.strip_prefix("Access-Control-Allow-Origin: "))
        .map(str::to_string);
    let json = serde_json::from_str(body).unwrap_or(Value::Null);
    (status, json, cors)
}

fn check(port: u16, target: &str) -> (u16, Value) {
    let encoded: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
    let (status, json, cors) = get(port, &format!("/api/check?url={encoded}"));
    assert_eq!(cors.as_deref(), Some("*"), "CORS on every answer");
    (status, json)
}

/// A loopback server answering every connection (at most `limit`) with `answer(port)`.
fn serve_raw(limit: usize, answer: impl Fn(u16) -> Vec<u8> + Send + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(limit) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(&answer(port));
        }
    });
    port
}

fn redirect_to(location: String) -> impl Fn(u16) -> Vec<u8> + Send + 'static {
    move |_| {
        format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .into_bytes()
    }
}

/// A name other than `localhost` that /etc/hosts maps to 127.0.0.1, if there is one: it
/// passes the host check and must be caught after resolution.
fn loopback_alias() -> Option<String> {
    let hosts = std::fs::read_to_string("/etc/hosts").ok()?;
    hosts.lines().find_map(|line| {
        let mut fields = line.split_whitespace();
        (fields.next()? == "127.0.0.1")
            .then(|| fields.find(|name| !name.contains("localhost")))
            .flatten()
            .map(str::to_string)
    })
}

#[test]
fn loopback_targets_are_refused_with_a_clear_error() {
    let target = serve_raw(10, |_| {
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_vec()
    });
    let other = serve_raw(10, |_| {
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_vec()
    });
    let redirector = serve_raw(10, redirect_to(format!("http://127.0.0.1:{other}/")));
    let probe = start_probe_with(&[], &[target, other, redirector]);
    let mut targets = vec![
        format!("http://127.0.0.1:{target}/"),
        format!("http://localhost:{target}/"),
        format!("http://[::1]:{target}/"),
        format!("http://[::ffff:127.0.0.1]:{target}/"),
        format!("http://0x7f000001:{target}/"),
        format!("http://2130706433:{target}/"),
        format!("http://0177.0.0.1:{target}/"),
        format!("http://127.1:{target}/"),
        format!("http://127.0.0.1:{redirector}/"),
    ];
    targets.extend(loopback_alias().map(|name| format!("http://{name}:{target}/")));
    for url in &targets {
        let (status, json) = check(probe.port, url);
        assert_eq!(status, 400, "{url}: {json}");
        let error = json["error"].as_str().unwrap_or_default();
        assert!(
            error.starts_with("refused: ") && error.contains("public addresses"),
            "{url}: {error}"
        );
    }
    // (A second server: the first one's per-client bucket is spent.)
    let probe = start_probe(&[]);
    let (status, json) = check(probe.port, "file:///etc/passwd");
    assert_eq!(status, 400);
    assert!(json["error"]
        .as_str()
        .unwrap()
        .contains("only http and https"));
    let (status, json, _) = get(probe.port, "/api/check");
    assert_eq!(status, 400);
    assert!(json["error"].as_str().unwrap().contains("missing url="));
}

#[test]
fn every_redirect_hop_is_guarded() {
    // The first hop is exempted (as if it were public); the hop it redirects to is not.
    let other = serve_raw(10, |_| {
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_vec()
    });
    let redirector = serve_raw(10, redirect_to(format!("http://127.0.0.1:{other}/")));
    let by_name = serve_raw(10, redirect_to(format!("http://localhost:{other}/")));
    let probe = start_probe_with(
        &[
            "--allow-address",
            &format!("127.0.0.1:{redirector}"),
            "--allow-address",
            &format!("127.0.0.1:{by_name}"),
        ],
        &[other],
    );
    for first in [redirector, by_name] {
        let (status, json) = check(probe.port, &format!("http://127.0.0.1:{first}/"));
        assert_eq!(status, 400, "{json}");
        let error = json["error"].as_str().unwrap();
        assert!(error.contains("(reached by a redirect)"), "{error}");
    }
}

/// A real nginx in front of a loopback port where nothing listens: a genuine 502.
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: the master then stops its worker too.
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        let _ = self.0.wait();
    }
}

fn start_nginx() -> (Nginx, u16) {
    let prefix = scratch_dir("nginx");
    std::fs::create_dir_all(prefix.join("logs")).unwrap();
    let (port, dead) = (free_port(), free_port());
    let user = if std::env::var("USER").as_deref() == Ok("root") || is_root() {
        "user root;"
    } else {
        ""
    };
    let temp: String = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
        .iter()
        .map(|n| format!("{n}_temp_path {};\n", prefix.join(n).display()))
        .collect();
    let config = format!(
        "{user}\ndaemon off;\nworker_processes 1;\npid {pid};\nerror_log stderr crit;\n\
         events {{ worker_connections 64; }}\nhttp {{ access_log off; {temp}\n\
         server {{ listen 127.0.0.1:{port}; location / {{ proxy_pass http://127.0.0.1:{dead}; }} }} }}\n",
        pid = prefix.join("nginx.pid").display()
    );
    let file = prefix.join("nginx.conf");
    std::fs::write(&file, config).unwrap();
    let child = Command::new("/usr/sbin/nginx")
        .arg("-p")
        .arg(&prefix)
        .arg("-c")
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nginx starts");
    wait_for_port(port);
    (Nginx(child), port)
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

#[test]
fn with_allow_private_loopback_sites_are_checked() {
    let (_nginx, nginx_port) = start_nginx();
    let up = serve_raw(10, |_| {
        b"HTTP/1.1 200 OK\r\nServer: tiny\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            .to_vec()
    });
    let looping = serve_raw(20, |port| {
        format!("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{port}/again\r\nContent-Length: 0\r\n\r\n")
            .into_bytes()
    });
    let huge = serve_raw(5, |_| {
        let mut answer = b"HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n\r\n".to_vec();
        answer.resize(answer.len() + 10 * 1024 * 1024, b'x');
        answer
    });
    let closed = free_port();
    let probe = start_probe_with(
        &["--allow-private"],
        &[nginx_port, up, looping, huge, closed],
    );

    let (status, json) = check(probe.port, &format!("http://127.0.0.1:{nginx_port}/shop"));
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["verdict"], "down_for_everyone");
    assert_eq!(json["providers"][0]["id"], "explain502");
    assert_eq!(json["providers"][0]["answer"], "down");
    assert_eq!(json["probe"]["status"], 502);
    assert_eq!(json["probe"]["report"]["family"], "bad_gateway");
    let server = json["probe"]["report"]["gateway"]["name"].as_str().unwrap();
    assert!(server.starts_with("nginx"), "{server}");
    assert!(json["providers"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("from nginx"));

    let (_, json) = check(probe.port, &format!("http://127.0.0.1:{up}/"));
    assert_eq!(json["verdict"], "just_you", "{json}");
    assert_eq!(json["providers"][0]["answer"], "up");

    let (_, json) = check(probe.port, &format!("http://127.0.0.1:{looping}/"));
    assert_eq!(json["verdict"], "unknown", "{json}");
    assert_eq!(json["probe"]["redirects"], 5);
    assert!(json["probe"]["error"]
        .as_str()
        .unwrap()
        .contains("redirects"));

    let started = Instant::now();
    let (_, json) = check(probe.port, &format!("http://127.0.0.1:{huge}/"));
    assert_eq!(json["probe"]["status"], 200, "{json}");
    assert!(started.elapsed() < Duration::from_secs(9));

    let (_, json) = check(probe.port, &format!("http://127.0.0.1:{closed}/"));
    assert_eq!(json["providers"][0]["answer"], "down", "{json}");
    assert_eq!(json["probe"]["status"], Value::Null);
}

#[test]
fn a_hanging_site_is_given_up_on_within_the_time_cap() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        // Accepts and never answers; the sockets stay open until the test ends.
        let held: Vec<_> = listener.incoming().take(3).collect();
        std::thread::sleep(Duration::from_secs(30));
        drop(held);
    });
    let probe = start_probe_with(&["--allow-private"], &[port]);
    let started = Instant::now();
    let (status, json) = check(probe.port, &format!("http://127.0.0.1:{port}/"));
    let took = started.elapsed();
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["providers"][0]["answer"], "down", "{json}");
    assert!(json["probe"]["error"]
        .as_str()
        .unwrap()
        .contains("no answer within"));
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn the_per_client_limit_holds_under_a_burst_of_200() {
    let probe = start_probe(&[]);
    let port = probe.port;
    let threads: Vec<_> = (0..20)
        .map(|_| {
            std::thread::spawn(move || {
                (0..10)
                    .map(|_| check(port, "http://127.0.0.1:9/").0)
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    let statuses: Vec<u16> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(statuses.len(), 200);
    let limited = statuses.iter().filter(|&&s| s == 429).count();
    let served = statuses.iter().filter(|&&s| s == 400).count();
    assert_eq!(
        limited + served,
        200,
        "only 400 (refused) or 429: {statuses:?}"
    );
    // A bucket of 10, plus at most a few refills while the burst runs.
    assert!((10..=13).contains(&served), "{served} got through");
    let (status, json, _) = get(port, "/api/check?url=http%3A%2F%2F127.0.0.1%3A9%2F");
    assert_eq!(status, 429);
    assert!(json["error"].as_str().unwrap().contains("too many checks"));
}

/// A loopback canary: counts its connections and keeps every request head it reads.
struct Canary {
    port: u16,
    heads: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

fn canary() -> Canary {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let heads = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = std::sync::Arc::clone(&heads);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(50) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut buf = [0u8; 8192];
            let n = stream.read(&mut buf).unwrap_or(0);
            seen.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&buf[..n]).into_owned());
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        }
    });
    Canary { port, heads }
}

#[test]
fn credentials_never_reach_the_target_and_no_authorization_is_sent() {
    let canary = canary();
    let c = canary.port;
    let to_canary = serve_raw(
        10,
        redirect_to(format!("http://user:secret@127.0.0.1:{c}/")),
    );
    let probe = start_probe_with(&["--allow-private"], &[c, to_canary]);
    for url in [
        format!("http://user:secret@127.0.0.1:{c}/"),
        format!("http://user@127.0.0.1:{c}/"),
        format!("http://:secret@127.0.0.1:{c}/"),
        format!("http://user:secret@localhost:{c}/"),
    ] {
        let (status, json) = check(probe.port, &url);
        assert_eq!(status, 400, "{url}: {json}");
        assert!(
            json["error"]
                .as_str()
                .unwrap()
                .contains("never sends credentials"),
            "{json}"
        );
    }
    let (status, json) = check(probe.port, &format!("http://127.0.0.1:{to_canary}/"));
    assert_eq!(status, 400, "{json}");
    assert!(json["error"]
        .as_str()
        .unwrap()
        .contains("(reached by a redirect)"));
    assert!(
        canary.heads.lock().unwrap().is_empty(),
        "nothing reached the canary"
    );
    // A plain check does reach it, and sends no Authorization header.
    let (status, _) = check(probe.port, &format!("http://127.0.0.1:{c}/"));
    assert_eq!(status, 200);
    let heads = canary.heads.lock().unwrap();
    assert_eq!(heads.len(), 1);
    assert!(
        !heads[0].to_ascii_lowercase().contains("authorization"),
        "{}",
        heads[0]
    );
}

#[test]
fn ports_other_than_80_and_443_are_refused_unless_allowed() {
    let canary = canary();
    let probe = start_probe(&["--allow-private"]);
    for url in [
        format!("http://127.0.0.1:{}/", canary.port),
        "http://93.184.216.34:8080/".to_string(),
        "https://example.com:22/".to_string(),
    ] {
        let (status, json) = check(probe.port, &url);
        assert_eq!(status, 400, "{url}: {json}");
        let error = json["error"].as_str().unwrap();
        assert!(error.contains("checks ports 80 and 443"), "{error}");
    }
    assert!(canary.heads.lock().unwrap().is_empty());
    let allowed = start_probe_with(&["--allow-private"], &[canary.port]);
    let (status, _) = check(allowed.port, &format!("http://127.0.0.1:{}/", canary.port));
    assert_eq!(status, 200);
}

#[test]
fn the_probes_own_addresses_are_refused_even_with_allow_private() {
    // The address this machine would use towards the internet (a UDP connect sends nothing).
    let own = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:80").map(|()| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip());
    let Ok(own) = own else {
        eprintln!("no route: nothing to test");
        return;
    };
    let probe = start_probe(&["--allow-private"]);
    let (status, json) = check(probe.port, &format!("http://{own}/"));
    assert_eq!(status, 400, "{json}");
    assert!(
        json["error"]
            .as_str()
            .unwrap()
            .contains("is this probe itself"),
        "{json}"
    );
}
