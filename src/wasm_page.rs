//! The error pages' wasm edge (cargo feature `page`): plain exports of numbers and one byte
//! buffer, no wasm-bindgen. A page's explanation, advice and every language's text are HTML
//! written at build time by the core (tools/build.mjs); at run time a page needs only what
//! depends on the moment: the recovery machine's steps (src/recovery_numbers.rs), whether the
//! page is a preview (src/preview.rs) and the name of the gateway that a probe met. wasm-bindgen's glue, its externref table and js-sys (whose
//! closure and future shims stay in the table whether used or not) were half the page's wasm.
//!
//! Text goes through [`BUF`]: JS writes UTF-8 into it (`buffer()` gives its address) and
//! passes the length; a text answer is written back to it and its length returned. Headers
//! travel as `name: value` lines. www/error-pages/page.js is the only caller.

use crate::gateway;
use crate::observation::Observation;

/// The heap: one arena, emptied as each export starts ([`Arena::reset`]). Nothing allocated
/// outlives the call that made it (a step's state and commands go back to JS as numbers, text
/// through [`BUF`]), and wasm here is single-threaded with no calls back into JS, so every
/// call starts with the whole arena. A bump allocator frees nothing: a free list (lol_alloc's,
/// with its realloc paths ~1.3 KB of the wasm) had nothing to do.
///
/// Bounded: a call's input is at most [`BUF_LEN`] bytes of text (a probe's headers: at most
/// `MAX_HEADERS` of them, copied once, their list grown by doubling) or [`NUMS_LEN`] numbers,
/// well under a quarter of [`ARENA_LEN`]. Past its end: a trap, like a panic.
struct Arena;

const ARENA_LEN: usize = 128 * 1024;
#[repr(align(16))]
struct ArenaBytes([u8; ARENA_LEN]);
static mut ARENA: ArenaBytes = ArenaBytes([0; ARENA_LEN]);
static mut ARENA_USED: usize = 0;

impl Arena {
    /// Empties the arena: called first by every export.
    fn reset() {
        unsafe { ARENA_USED = 0 };
    }
}

#[global_allocator]
static ALLOCATOR: Arena = Arena;

unsafe impl core::alloc::GlobalAlloc for Arena {
    #[allow(static_mut_refs)]
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        // Alignments are powers of two (Layout's own invariant), at most 16 here: rounding
        // the offset keeps the arena's own alignment.
        let start = (ARENA_USED + layout.align() - 1) & !(layout.align() - 1);
        if layout.align() > 16 || start > ARENA_LEN || layout.size() > ARENA_LEN - start {
            core::arch::wasm32::unreachable()
        }
        ARENA_USED = start + layout.size();
        ARENA.0.as_mut_ptr().add(start)
    }

    unsafe fn dealloc(&self, _: *mut u8, _: core::alloc::Layout) {}
}

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
    crate::text::utf8(buf().get(..len as usize).unwrap_or_default()).unwrap_or("")
}

/// Writes `text` to the buffer (cut at its size, on a character boundary); its length.
fn output(text: &str) -> u32 {
    // What leaves is a gateway's name from a response header, which the browser reads as
    // Latin-1 (C1 controls, a bidi override's bytes): only printable ASCII is shown (else
    // nothing), so no Cc/Cf character reaches the page and `inert`'s table stays out of here.
    for &b in text.as_bytes() {
        if !(b' '..=b'~').contains(&b) {
            return 0;
        }
    }
    let mut end = text.len().min(BUF_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Zipped, not `copy_from_slice`: no length check whose panic would link the formatting.
    for (to, from) in buf().iter_mut().zip(text.as_bytes().iter().take(end)) {
        *to = *from;
    }
    end as u32
}

/// The buffer's address, for JS to write and read text.
#[no_mangle]
pub extern "C" fn buffer() -> *const u8 {
    buf().as_ptr()
}

/// Numbers between JS and [`recovery_step`]: the state and event in, the state and commands out.
const NUMS_LEN: usize = 512;
static mut NUMS: [f64; NUMS_LEN] = [0.0; NUMS_LEN];

#[allow(static_mut_refs)]
fn nums() -> &'static mut [f64; NUMS_LEN] {
    unsafe { &mut NUMS }
}

/// The numbers' address, for JS to write and read them.
#[no_mangle]
pub extern "C" fn numbers() -> *const f64 {
    nums().as_ptr()
}

/// One step of the recovery machine (src/recovery_numbers.rs): the state's `state_len`
/// numbers then the event's `event_len` in the numbers, its text (the method, or a probe's
/// headers as `name: value` lines) in the buffer. The result (state, then 5 numbers per
/// command) replaces them; its length (cut at the numbers' size).
#[no_mangle]
pub extern "C" fn recovery_step(
    state_len: u32,
    event_len: u32,
    text_len: u32,
    now_ms: f64,
    random: f64,
) -> u32 {
    Arena::reset();
    let (state_len, event_len) = (state_len as usize, event_len as usize);
    let end = (state_len + event_len).min(NUMS_LEN);
    let given = &nums()[..end];
    let (state, event) = given.split_at(state_len.min(end));
    let out = crate::recovery_numbers::step(state, event, input(text_len), now_ms, random);
    let len = out.len().min(NUMS_LEN);
    for (to, from) in nums().iter_mut().zip(&out) {
        *to = *from;
    }
    len as u32
}

/// Whether a page served with this status is a preview (src/preview.rs): it never recovers.
#[no_mangle]
pub extern "C" fn is_preview(served_status: u32) -> u32 {
    crate::preview::is_preview(served_status.min(999) as u16) as u32
}

/// The gateway that a probe's answer names by its headers (in the buffer): its product name,
/// else its id, written to the buffer; the length (0: none).
#[no_mangle]
pub extern "C" fn gateway_name(headers_len: u32) -> u32 {
    Arena::reset();
    let observation = Observation {
        headers: crate::recovery_numbers::lines(input(headers_len)),
        ..Observation::new(502)
    };
    let (gateway, _) = gateway::identify(&observation, "", "");
    match (gateway.name, gateway.id) {
        (Some(name), _) => output(&name),
        (None, Some(id)) => output(id.as_str()),
        (None, None) => 0,
    }
}
