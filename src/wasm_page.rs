//! The error pages' wasm edge (cargo feature `page`): plain exports of numbers and one byte
//! buffer, no wasm-bindgen. A page's explanation, advice and every language's text are HTML
//! written at build time by the core (tools/build.mjs); at run time a page needs only what
//! depends on the moment: the retry decisions, the reading of a probe's answer and the name of
//! the gateway that the probe met. wasm-bindgen's glue, its externref table and js-sys (whose
//! closure and future shims stay in the table whether used or not) were half the page's wasm.
//!
//! Text goes through [`BUF`]: JS writes UTF-8 into it (`buffer()` gives its address) and
//! passes the length; a text answer is written back to it and its length returned. Headers
//! travel as `name\tvalue` lines. www/error-pages/page.js is the only caller.

use crate::gateway;
use crate::observation::{Headers, Observation};
use crate::retry::{self, Attempt, Decision, Policy};
use crate::status::Family;

// A free-list allocator is a few hundred bytes (dlmalloc 7 KB); wasm here is single-threaded.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// A panic is a bug the tests missed: trap (JS sees a RuntimeError), without formatting.
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// The one text buffer shared with JS. Longer input is cut by JS at this size.
const BUF_LEN: usize = 16 * 1024;
static mut BUF: [u8; BUF_LEN] = [0; BUF_LEN];

/// The buffer's bytes (wasm is single-threaded, and no export holds on to them).
#[allow(static_mut_refs)]
fn buf() -> &'static mut [u8; BUF_LEN] {
    unsafe { &mut BUF }
}

/// The first `len` bytes of the buffer as text ("" when they are not UTF-8).
fn input(len: u32) -> &'static str {
    let bytes = buf().get(..len as usize).unwrap_or_default();
    core::str::from_utf8(bytes).unwrap_or("")
}

/// Writes `text` to the buffer (cut at its size, on a character boundary); its length.
fn output(text: &str) -> u32 {
    let mut end = text.len().min(BUF_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    buf()[..end].copy_from_slice(&text.as_bytes()[..end]);
    end as u32
}

/// `name\tvalue` lines as headers.
fn headers(len: u32) -> Headers {
    let mut headers = Headers::new();
    for line in crate::text::split(input(len), b"\n") {
        if let Some((name, value)) = crate::text::split_once(line, b'\t') {
            headers.push(name, value);
        }
    }
    headers
}

/// A duration in ms from JS: finite and non-negative, rounded; None otherwise (JS passes −1).
fn millis(value: f64) -> Option<u64> {
    (value.is_finite() && value >= 0.0).then(|| libm::round(value) as u64)
}

/// The buffer's address, for JS to write and read text.
#[no_mangle]
pub extern "C" fn buffer() -> *const u8 {
    buf().as_ptr()
}

/// The retry policy's next step (contract §2c). The method is the buffer's first
/// `method_len` bytes; −1 stands for a missing duration. Returns the wait in ms (≥ 0), or
/// −(n + 1) where n is the length of the stop reason written to the buffer.
#[no_mangle]
pub extern "C" fn retry_decision(
    attempt: u32,
    elapsed_ms: f64,
    retry_after_ms: f64,
    status: u32,
    max_wait_ms: f64,
    method_len: u32,
    random: f64,
) -> f64 {
    let mut policy = Policy::default();
    if let Some(max_wait_ms) = millis(max_wait_ms).filter(|ms| *ms >= 1_000) {
        policy.max_wait_ms = max_wait_ms;
    }
    let method = match input(method_len) {
        "" => "GET",
        method => method,
    };
    let decision = policy.next(
        &Attempt {
            attempt,
            elapsed_ms: millis(elapsed_ms).unwrap_or(0),
            retry_after_ms: millis(retry_after_ms),
            method,
            status: status.min(999) as u16,
        },
        random,
    );
    match decision {
        Decision::Wait { wait_ms } => wait_ms as f64,
        Decision::Stop { reason } => -(output(reason.as_str()) as f64) - 1.0,
    }
}

/// ms before the one probe after the tab is shown or back online.
#[no_mangle]
pub extern "C" fn resume_wait(random: f64) -> f64 {
    retry::resume_wait_ms(random) as f64
}

/// ms a non-probing tab waits before reloading once the site is back.
#[no_mangle]
pub extern "C" fn reload_spread(random: f64) -> f64 {
    retry::reload_spread_ms(random) as f64
}

/// Whether a page served with this status is a preview (src/preview.rs): it never recovers.
#[no_mangle]
pub extern "C" fn is_preview(served_status: u32) -> u32 {
    crate::preview::is_preview(served_status.min(999) as u16) as u32
}

/// Whether a probe's answer with this status means the site is back: something else than a
/// gateway failure (0 is no answer at all).
#[no_mangle]
pub extern "C" fn is_back(status: u32) -> u32 {
    (status != 0 && !Family::of(status.min(999) as u16).is_gateway_failure()) as u32
}

/// The `Retry-After` of a probe's answer (its headers in the buffer) in ms from `now_ms`,
/// or −1 without one.
#[no_mangle]
pub extern "C" fn retry_after(headers_len: u32, now_ms: f64) -> f64 {
    headers(headers_len)
        .get("retry-after")
        .and_then(|value| retry::retry_after_ms(value, millis(now_ms)))
        .map_or(-1.0, |ms| ms as f64)
}

/// The gateway that a probe's answer names by its headers (in the buffer): its product name,
/// else its id, written to the buffer; the length (0: none).
#[no_mangle]
pub extern "C" fn gateway_name(headers_len: u32) -> u32 {
    let observation = Observation {
        headers: headers(headers_len),
        ..Observation::new(502)
    };
    let (gateway, _) = gateway::identify(&observation, "");
    match (gateway.name, gateway.id) {
        (Some(name), _) => output(&name),
        (None, Some(id)) => output(id.as_str()),
        (None, None) => 0,
    }
}
