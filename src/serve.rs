//! `explain502 serve`: the built site, plus a live demo. The demo is a real (tiny) gateway in
//! front of a real (tiny) app on another loopback port: switching the app off closes its
//! socket, so the gateway's 502 is the genuine article, answered with the real error page.

use clap::Args;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tiny_http::{Header, Method, Request, Response, Server};

#[derive(Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 [default: $PORT, else 8502]; 0 picks a free one (printed)
    #[arg(long)]
    port: Option<u16>,
    /// Also answer GET /api/check?url=U (a down check from this server's vantage point).
    #[arg(long)]
    probe: bool,
    /// Let /api/check reach private and loopback addresses (tests only).
    #[arg(long)]
    allow_private: bool,
    /// Let /api/check reach this port too (besides 80 and 443); repeatable.
    #[arg(long, value_name = "PORT")]
    allow_port: Vec<u16>,
    /// Checks a client may make at once before the 1-per-2-s refill (load tests only).
    #[arg(long, hide = true, default_value_t = 10)]
    burst: u32,
    /// Exempt this one address (IP:PORT) from the /api/check guard (tests of redirect hops).
    #[arg(long, hide = true, value_name = "IP:PORT")]
    allow_address: Vec<SocketAddr>,
    /// The built site to serve.
    #[arg(default_value = "dist/site")]
    dir: PathBuf,
}

const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(10);

struct State {
    site: PathBuf,
    error_pages: PathBuf,
    app: DemoApp,
    probe: Option<crate::probe_server::Probe>,
}

pub fn run(args: ServeArgs) -> i32 {
    let port = match args.port.map(Ok).unwrap_or_else(port_from_env) {
        Ok(port) => port,
        Err(message) => {
            eprintln!("explain502 serve: {message}");
            return 2;
        }
    };
    if !args.dir.join("index.html").is_file() {
        eprintln!(
            "explain502 serve: {} has no index.html: build the site first (make dist)",
            args.dir.display()
        );
        return 2;
    }
    let server = match Server::http(("127.0.0.1", port)) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("explain502 serve: cannot listen on 127.0.0.1:{port}: {e} (is it busy? set PORT= to use another)");
            return 1;
        }
    };
    let app = match DemoApp::start() {
        Ok(app) => app,
        Err(e) => {
            eprintln!("explain502 serve: cannot start the demo app: {e}");
            return 1;
        }
    };
    let state = Arc::new(State {
        error_pages: args.dir.join("..").join("error-pages"),
        site: args.dir,
        app,
        probe: args.probe.then(|| {
            crate::probe_server::Probe::new(crate::probe_server::Options {
                allow_private: args.allow_private,
                allowed_ports: args.allow_port,
                exempt: args.allow_address,
                burst: args.burst,
            })
        }),
    });
    // The port really bound (with --port 0, the one the system picked): tests read it here.
    let port = server
        .server_addr()
        .to_ip()
        .map_or(port, |addr| addr.port());
    println!("explain502: serving http://127.0.0.1:{port}/ (demo at /demo/; Ctrl-C stops)");
    // A fixed pool: a flood of requests waits in the listener's queue instead of growing one
    // thread each. More workers than the probe's in-flight checks, so pages and files are
    // still served while every check slot waits on a slow target.
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, state) = (Arc::clone(&server), Arc::clone(&state));
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &state);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    0
}

/// Threads answering requests (`explain502 serve`): twice the probe's in-flight checks.
const WORKERS: usize = 64;

fn port_from_env() -> Result<u16, String> {
    match std::env::var("PORT") {
        Err(_) => Ok(8502),
        Ok(value) => value
            .parse()
            .map_err(|_| format!("PORT={value:?} is not a port number (1-65535)")),
    }
}

fn handle(mut request: Request, state: &State) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let response = if let (Some(probe), "/api/check") = (&state.probe, path.as_str()) {
        probe.answer(&request, &url)
    } else if path == "/demo" || path.starts_with("/demo/") {
        proxy_to_app(&mut request, state)
    } else if let Some(action) = path.strip_prefix("/demo-control/") {
        demo_control(action, &url, request.method(), state)
    } else {
        static_file(&state.site, &path)
    };
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header names are valid")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn static_file(root: &Path, url_path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(mut path) = safe_join(root, url_path) else {
        return text(400, "bad path");
    };
    if path.is_dir() {
        path = path.join("index.html");
    }
    match std::fs::read(&path) {
        Ok(data) => Response::from_data(if content_type(&path).starts_with("text/html") {
            serve_only(data)
        } else {
            data
        })
        .with_header(header("Content-Type", content_type(&path)))
        .with_header(header("Cache-Control", "no-cache")),
        Err(_) => text(404, "not found"),
    }
}

/// What the site shows only when this server runs it (the demo, which a static host lacks): the
/// build writes it inside `<!--serve-only … serve-only-->`, a comment to any other host, and its
/// static stand-in (how to run the demo) between `<!--static-only-->` and `<!--/static-only-->`.
/// Here the first is uncommented and the second dropped. A page without the marks is unchanged.
fn serve_only(html: Vec<u8>) -> Vec<u8> {
    let text = match String::from_utf8(html) {
        Ok(text) => text,
        Err(not_utf8) => return not_utf8.into_bytes(),
    };
    let mut text = text
        .replace("<!--serve-only", "")
        .replace("serve-only-->", "");
    // Bounded: each pass removes one marked span or stops.
    while let Some(start) = text.find("<!--static-only-->") {
        let Some(end) = text[start..].find("<!--/static-only-->") else {
            break;
        };
        text.replace_range(start..start + end + "<!--/static-only-->".len(), "");
    }
    text.into_bytes()
}

/// `root` joined with the URL path, or None when the path would leave `root`.
fn safe_join(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for part in Path::new(url_path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "zip" => "application/zip",
        "md" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `/demo-control/off[?seconds=N]` and `/demo-control/on` (POST), `/demo-control/state` (GET).
fn demo_control(
    action: &str,
    url: &str,
    method: &Method,
    state: &State,
) -> Response<std::io::Cursor<Vec<u8>>> {
    match (action, method) {
        ("state", Method::Get) => {
            let on = state.app.is_on();
            Response::from_data(format!("{{\"app\":\"{}\"}}", if on { "on" } else { "off" }).into_bytes())
                .with_header(header("Content-Type", "application/json"))
                .with_header(header("Cache-Control", "no-store"))
        }
        ("on", Method::Post) => {
            state.app.switch_on();
            see_other("/demo/")
        }
        ("off", Method::Post) => {
            let seconds = url
                .split_once("seconds=")
                .and_then(|(_, v)| v.split('&').next()?.parse::<u64>().ok())
                .map(|s| s.clamp(1, 600));
            state.app.switch_off(seconds.map(Duration::from_secs));
            see_other("/demo/")
        }
        _ => text(405, "use POST /demo-control/on, POST /demo-control/off[?seconds=N] or GET /demo-control/state"),
    }
}

fn see_other(location: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    text(303, "").with_header(header("Location", location))
}

/// The demo gateway: forwards the request to the app and relays its answer; when the app does
/// not answer, replies as a gateway does, with the real error page.
fn proxy_to_app(request: &mut Request, state: &State) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut body = Vec::new();
    let _ = request.as_reader().take(1 << 20).read_to_end(&mut body);
    let head = format!(
        "{} {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n{}\r\n",
        request.method(),
        request.url(),
        body.len(),
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Content-Type"))
            .map(|h| format!("Content-Type: {}\r\n", h.value))
            .unwrap_or_default()
    );
    let started = std::time::Instant::now();
    let answer = TcpStream::connect_timeout(&state.app.addr, Duration::from_secs(2)).and_then(
        |mut stream| {
            stream.set_read_timeout(Some(UPSTREAM_TIMEOUT))?;
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
            let mut raw = Vec::new();
            stream.take(4 << 20).read_to_end(&mut raw)?;
            Ok(raw)
        },
    );
    match answer.ok().and_then(|raw| relay(&raw)) {
        Some(response) => response,
        None => {
            let status = if started.elapsed() >= UPSTREAM_TIMEOUT {
                504
            } else {
                502
            };
            error_page(&state.error_pages, status)
        }
    }
}

fn relay(raw: &[u8]) -> Option<Response<std::io::Cursor<Vec<u8>>>> {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut parsed = httparse::Response::new(&mut headers);
    let httparse::Status::Complete(used) = parsed.parse(raw).ok()? else {
        return None;
    };
    let mut response = Response::from_data(raw[used..].to_vec()).with_status_code(parsed.code?);
    for h in parsed
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("content-type"))
    {
        response.add_header(Header::from_bytes(h.name.as_bytes(), h.value).ok()?);
    }
    Some(response)
}

fn error_page(dir: &Path, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = std::fs::read(dir.join(format!("{status}.html")))
        .unwrap_or_else(|_| format!("{status}: the demo app is not answering.").into_bytes());
    Response::from_data(page)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

/// The demo app: a real listener on a loopback port that can be switched off (socket closed,
/// so connections are refused) and on again (same port).
struct DemoApp {
    addr: SocketAddr,
    /// Bumped on every switch; an accept loop runs only while its generation is current.
    generation: Arc<AtomicU64>,
    /// Unix seconds after which an "off for N seconds" ends (0: no timer).
    back_at: Arc<AtomicU64>,
}

impl DemoApp {
    fn start() -> std::io::Result<DemoApp> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let app = DemoApp {
            addr: listener.local_addr()?,
            generation: Arc::new(AtomicU64::new(0)),
            back_at: Arc::new(AtomicU64::new(0)),
        };
        app.accept_in_background(listener, 0);
        Ok(app)
    }

    fn is_on(&self) -> bool {
        self.generation.load(Ordering::SeqCst) % 2 == 0
    }

    fn switch_on(&self) {
        self.back_at.store(0, Ordering::SeqCst);
        if self.is_on() {
            return;
        }
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        // The old loop sees its generation change within one poll and drops its socket.
        for _ in 0..50 {
            if let Ok(listener) = TcpListener::bind(self.addr) {
                self.accept_in_background(listener, generation);
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!(
            "explain502 serve: could not reopen the demo app's port {}",
            self.addr.port()
        );
    }

    fn switch_off(&self, for_how_long: Option<Duration>) {
        if self.is_on() {
            self.generation.fetch_add(1, Ordering::SeqCst);
        }
        if let Some(duration) = for_how_long {
            let back_at = unix_seconds() + duration.as_secs();
            self.back_at.store(back_at, Ordering::SeqCst);
            let (generation, back, addr) = (
                Arc::clone(&self.generation),
                Arc::clone(&self.back_at),
                self.addr,
            );
            std::thread::spawn(move || {
                std::thread::sleep(duration);
                if back.load(Ordering::SeqCst) == back_at {
                    DemoApp {
                        addr,
                        generation,
                        back_at: back,
                    }
                    .switch_on();
                }
            });
        }
    }

    fn accept_in_background(&self, listener: TcpListener, generation: u64) {
        let current = Arc::clone(&self.generation);
        let _ = listener.set_nonblocking(true);
        std::thread::spawn(move || {
            while current.load(Ordering::SeqCst) == generation {
                match listener.accept() {
                    Ok((stream, _)) => {
                        std::thread::spawn(move || answer_as_app(stream));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
    }
}

fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The app's one page: it says it is up and offers to crash itself for 20 seconds.
fn answer_as_app(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = [0u8; 8192];
    let _ = stream.read(&mut buf);
    let body = DEMO_APP_PAGE;
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

const DEMO_APP_PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Demo shop: up</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1rem}</style></head>
<body><h1 data-testid="demo-app">The demo app is up</h1>
<p>This page comes from a small app behind a gateway. Switch the app off and the gateway answers
<strong>502 Bad Gateway</strong> with explain502's error page, which explains it and brings you back
here by itself when the app returns.</p>
<form method="post" action="/demo-control/off?seconds=20"><button>Switch the app off for 20 seconds</button></form>
<p><a href="/">Back to explain502</a></p></body></html>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_only_parts_are_shown_and_static_ones_dropped() {
        let page = "<h2>Demo</h2>\n<!--serve-only\n<a href=\"demo/\">demo</a>\nserve-only-->\n<!--static-only--><p>run make serve</p><!--/static-only-->\n<p>end</p>";
        assert_eq!(
            String::from_utf8(serve_only(page.as_bytes().to_vec())).unwrap(),
            "<h2>Demo</h2>\n\n<a href=\"demo/\">demo</a>\n\n\n<p>end</p>"
        );
        assert_eq!(serve_only(b"<p>plain</p>".to_vec()), b"<p>plain</p>");
        // An unclosed static part is left as it is (no loop, no cut).
        assert_eq!(
            serve_only(b"<!--static-only--><p>x</p>".to_vec()),
            b"<!--static-only--><p>x</p>"
        );
    }

    #[test]
    fn paths_cannot_leave_the_site() {
        let root = Path::new("/srv/site");
        assert_eq!(
            safe_join(root, "/a/b.html"),
            Some(PathBuf::from("/srv/site/a/b.html"))
        );
        assert_eq!(safe_join(root, "/"), Some(PathBuf::from("/srv/site")));
        assert_eq!(safe_join(root, "/../etc/passwd"), None);
        assert_eq!(safe_join(root, "/a/../../x"), None);
    }
}
