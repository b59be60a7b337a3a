//! Helpers shared by the native tests that run the real `explain502` binary on loopback.
// Each test file uses a different subset of these.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A running `explain502 serve …`, killed (by its pid) when dropped.
pub struct Served {
    child: Child,
    pub port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `explain502 serve --port <free port> <extra…> <site>`, once it listens.
pub fn serve(extra: &[&str], site: &Path) -> Served {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_explain502"))
        .args(["serve", "--port", &port.to_string()])
        .args(extra)
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("explain502 starts");
    wait_for_port(port);
    Served { child, port }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on {port}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A fresh directory under the system's temp dir.
pub fn scratch_dir(what: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "explain502-{what}-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
