//! The native edge: `explain502` (explain a raw response) and `explain502 serve`.

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod log_cli;
#[cfg(not(target_arch = "wasm32"))]
mod probe_server;
#[cfg(not(target_arch = "wasm32"))]
mod serve;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run());
}

// The binary is native only; the wasm build of this crate is its library.
#[cfg(target_arch = "wasm32")]
fn main() {}
