//! The recovery machine's numbers ([`crate::recovery`] for the wasm edges): events in, state
//! and commands out, as `recoveryStep` (src/wasm/recovery.rs, whose module doc lists them) and
//! the error pages' `recovery_step` (src/wasm_page.rs) pass them. One mapping for both.

use crate::observation::Headers;
use crate::prelude::*;
use crate::recovery::{self, Command, Event, News, Recovery, SiteMemory, Start, View};
use crate::retry;
use crate::text;

/// `n` as a duration or status; None for −1 (or any negative number, or NaN).
fn optional(n: f64) -> Option<u64> {
    (n >= 0.0).then_some(n as u64)
}

/// One step of the machine in numbers (see src/wasm/recovery.rs's module doc): the new state,
/// then 5 numbers per command.
pub fn step(state: &[f64], event: &[f64], text: &str, now_ms: f64, random: f64) -> Vec<f64> {
    let state = Recovery::from_numbers(state).unwrap_or_default();
    let at = |i: usize| event.get(i).copied().unwrap_or(-1.0);
    let flags = at(3) as u32;
    let headers;
    let event = match at(0) as u8 {
        0 => Event::Started(Start {
            status: at(1) as u16,
            method: Some(text),
            retry_after_ms: optional(at(2)),
            visible: flags & 1 != 0,
            online: flags & 2 != 0,
            leader: flags & 4 != 0,
            auto: flags & 8 != 0,
            look: flags & 16 != 0,
            challenge: flags & 32 != 0,
            max_wait_ms: optional(at(4)),
            memory: event.get(5..9).and_then(SiteMemory::from_numbers),
        }),
        1 => Event::TimerFired,
        2 => {
            headers = lines(text);
            Event::ProbeAnswered {
                status: at(1) as u16,
                headers: &headers,
            }
        }
        3 => Event::ProbeFailed,
        4 => Event::UserRetry,
        5 => Event::UserStop,
        6 => Event::Hidden,
        7 => Event::Shown,
        8 => Event::Offline,
        9 => Event::Online,
        10 => Event::LeaderGained,
        11 => Event::LeaderLost,
        12 => Event::PeerWaiting {
            ms: optional(at(1)).unwrap_or(0),
        },
        _ => Event::PeerBack,
    };
    let (state, commands) = recovery::step(&state, &event, optional(now_ms).unwrap_or(0), random);
    let mut out = state.to_numbers().to_vec();
    for command in &commands {
        out.extend_from_slice(&numbers(command));
    }
    out
}

/// A probe's headers as `name: value` lines (how both wasm edges pass them).
pub fn lines(text: &str) -> Headers {
    let mut headers = Headers::new();
    for line in text::split(text, b"\n") {
        if let Some((name, value)) = text::split_once(line, b':') {
            headers.push(name, value);
        }
    }
    headers
}

fn numbers(command: &Command) -> [f64; 5] {
    let none = -1.0;
    let ms = |ms: u64| ms as f64;
    match *command {
        Command::Wait { ms: wait } => [0.0, ms(wait), 0.0, 0.0, 0.0],
        Command::Cancel => [1.0, 0.0, 0.0, 0.0, 0.0],
        Command::Probe { method, timeout_ms } => [
            2.0,
            f64::from(u8::from(method == recovery::ProbeMethod::Get)),
            ms(timeout_ms),
            0.0,
            0.0,
        ],
        Command::Remember { memory } => {
            let [a, b, c, d] = memory.to_numbers();
            [3.0, a, b, c, d]
        }
        Command::ReloadGet => [4.0, 0.0, 0.0, 0.0, 0.0],
        Command::Show { view } => {
            let (index, wait, attempt, reason) = match view {
                View::Waiting { ms: wait, attempt } => (0, ms(wait), f64::from(attempt), none),
                View::Checking => (1, none, 0.0, none),
                View::Following { ms: wait } => (2, wait.map_or(none, ms), 0.0, none),
                View::Paused => (3, none, 0.0, none),
                View::Back => (4, none, 0.0, none),
                View::BackManual => (5, none, 0.0, none),
                View::Stopped { reason } => (6, none, 0.0, reason_index(reason)),
            };
            [5.0, f64::from(index), wait, attempt, reason]
        }
        Command::Stop { reason } => [6.0, reason_index(reason), 0.0, 0.0, 0.0],
        Command::FollowLeader => [7.0, 0.0, 0.0, 0.0, 0.0],
        Command::Yield => [8.0, 0.0, 0.0, 0.0, 0.0],
        Command::Tell { news } => match news {
            News::Waiting { ms: wait } => [9.0, 0.0, ms(wait), 0.0, 0.0],
            News::Back => [9.0, 1.0, 0.0, 0.0, 0.0],
        },
    }
}

/// Its index in [`retry::StopReason::ALL`] (declared in that order).
fn reason_index(reason: retry::StopReason) -> f64 {
    reason as u8 as f64
}
