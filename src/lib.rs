//! explain502: turns a gateway error (502 and its siblings) into an explanation and a recovery.
//!
//! The core is pure: no I/O, no DOM, no network. It reads an [`Observation`] of one response and
//! returns a [`Report`]. Two thin edges sit around it: `wasm` (the browser, behind
//! `cfg(target_arch = "wasm32")`) and the native CLI in `src/main.rs`.

pub mod address_guard;
pub mod advice;
pub mod diagnose;
pub mod downcheck;
pub mod gateway;
pub mod i18n;
mod ids;
pub mod observation;
pub mod raw_response;
pub mod report;
pub mod retry;
pub mod status;
mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use observation::{Headers, Observation};
pub use report::{explain, Report};
pub use status::Family;
