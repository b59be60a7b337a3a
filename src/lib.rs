//! explain502: turns a gateway error (502 and its siblings) into an explanation and a recovery.
//!
//! The core is pure: no I/O, no DOM, no network. It reads an [`Observation`] of one response and
//! returns a [`Report`]. Two thin edges sit around it: `wasm` (the browser, behind
//! `cfg(target_arch = "wasm32")`) and the native CLI in `src/main.rs`.
//!
//! In wasm the crate is `no_std`: std's panic handler formats its message and location, and
//! that formatting machinery (~4.4 KB of code) would ship in every error page for panics that
//! must never happen anyway. The wasm edge brings its own handler (a trap) instead.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

pub mod address_guard;
pub mod advice;
pub mod challenge;
pub mod diagnose;
pub mod downcheck;
pub mod gateway;
pub mod har;
pub mod http_date;
pub mod i18n;
mod ids;
pub mod inert;
pub mod log;
pub mod observation;
pub mod page_text;
pub mod paste;
pub mod preview;
pub mod raw_response;
pub mod recovery;
pub mod recovery_numbers;
pub mod report;
pub mod retry;
pub mod status;
mod text;

/// What std's prelude would bring, for the `no_std` wasm build: `use crate::prelude::*;`.
mod prelude {
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
}

#[cfg(all(target_arch = "wasm32", not(feature = "page")))]
mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "page"))]
mod wasm_page;

pub use observation::{Headers, Observation};
pub use report::{explain, Report};
pub use status::{Family, PageStatus};
