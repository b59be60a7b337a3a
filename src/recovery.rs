//! Bringing the visitor back (issues 14 and 16): the one recovery state machine that the
//! widget, the error pages and the extension all drive.
//!
//! `step(state, event, now_ms, random) → (state, commands)`: pure, no clock, no randomness,
//! no I/O. The surface feeds it what happened (the page failed, a timer fired, a probe
//! answered, the tab hid, another tab took the lead…) and does what the commands say (arm the
//! one timer, send one probe, reload with a GET navigation, show, tell the other tabs). The
//! state is plain data ([`Recovery`], serde), so the extension keeps it in `storage.session`
//! and a restarted worker resumes it; [`SiteMemory`] is what outlives a reload (the widget
//! keeps it in `sessionStorage`), so the wait keeps growing across reloads and reloads stay
//! bounded.
//!
//! The rules, each decided here only:
//! - every wait comes from [`Policy`] (capped, jittered, inside a total budget) or from the
//!   server's Retry-After (through [`retry::retry_after`], one clamp);
//! - never a probe-and-reload for a non-idempotent request: a POST answered 502 stops at once
//!   with [`StopReason::NotIdempotent`]; the visitor may still ask "is it back?", and is told,
//!   but the page is never resent (the visitor navigates);
//! - "back" only when a probe says the site answers normally ([`Answer::of`]);
//! - a probe is a HEAD, a GET once the server refuses HEAD (405/501), with [`PROBE_TIMEOUT_MS`];
//! - no probe while the tab is hidden or offline, and one tab of a site probes (the leader);
//! - at most [`FREE_RELOADS`] reloads, then one per [`RELOAD_INTERVAL_MS`];
//! - once the budget is spent, only the visitor's own "Try again" starts a new one.

use crate::observation::{self, Headers};
use crate::prelude::*;
use crate::retry::{self, Attempt, Decision, Policy, StopReason};
use crate::status::Family;
use serde::{Deserialize, Serialize};

/// A probe that has not answered after this long counts as failed.
pub const PROBE_TIMEOUT_MS: u64 = 10_000;
/// Reloads of one tab's site that may follow each other as soon as the site seems back.
pub const FREE_RELOADS: u32 = 3;
/// After [`FREE_RELOADS`], at most one reload per this long: a site whose probe says "back"
/// while its pages still fail (a cached health URL, a flapping pool) gets no reload loop.
pub const RELOAD_INTERVAL_MS: u64 = 60_000;
/// A [`SiteMemory`] older than this (since its reload) belongs to another outage: forgotten.
pub const MEMORY_TTL_MS: u64 = 10 * 60 * 1_000;

/// Where the machine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not started yet ([`Recovery::default`]).
    Idle,
    /// The timer runs until `due_at_ms`; then a probe.
    Waiting,
    /// A probe is out; its answer (or failure) comes next.
    Probing,
    /// Another tab of the site probes; this one waits for its news (or for the lead).
    Following,
    /// Hidden or offline: no timer, no probe, no lead.
    Paused,
    /// The site is back; the reload waits for its turn (spread, or the reload bound).
    ReloadDue,
    /// Reloading: the page is going away.
    Back,
    /// The site is back, but the request was not idempotent: the visitor navigates.
    BackManual,
    /// No more automatic tries (`reason`); the visitor may still ask.
    Stopped,
}

/// The machine's whole state: small plain data (serde), kept by the surface between steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    pub phase: Phase,
    /// The failure being recovered from (the page's status; a probe's answer does not change
    /// it: a 503 page whose probe answers 403 is still recovering from the 503).
    pub status: u16,
    pub idempotent: bool,
    /// Failed tries since the first error (probes and reloads that landed on a failure).
    pub attempt: u32,
    /// When the budget started (the first error, or the visitor's "Try again").
    pub first_at_ms: u64,
    /// When the running timer fires (0: none).
    pub due_at_ms: u64,
    /// The last answer's Retry-After, clamped.
    pub retry_after_ms: Option<u64>,
    /// The cap of one wait (the element's `max-wait`, the extension's setting).
    pub max_wait_ms: u64,
    /// Probe with GET: the server refused HEAD.
    pub probe_get: bool,
    pub hidden: bool,
    pub offline: bool,
    /// This tab probes for the site.
    pub leader: bool,
    /// Paused since the last wait: the next lead probes soon instead of waiting its turn.
    pub resume: bool,
    pub reloads: u32,
    /// When the last reload was sent (0: never).
    pub last_reload_at_ms: u64,
    /// Why it stopped, in [`Phase::Stopped`].
    pub reason: Option<StopReason>,
}

impl Default for Recovery {
    fn default() -> Recovery {
        Recovery {
            phase: Phase::Idle,
            status: 0,
            idempotent: true,
            attempt: 0,
            first_at_ms: 0,
            due_at_ms: 0,
            retry_after_ms: None,
            max_wait_ms: Policy::default().max_wait_ms,
            probe_get: false,
            hidden: false,
            offline: false,
            leader: false,
            resume: false,
            reloads: 0,
            last_reload_at_ms: 0,
            reason: None,
        }
    }
}

/// What outlives a reload, per site and tab: the surface persists it (`sessionStorage`,
/// `storage.session`) when told ([`Command::Remember`]) and hands it back in [`Start`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteMemory {
    pub attempt: u32,
    pub first_at_ms: u64,
    pub reloads: u32,
    pub last_reload_at_ms: u64,
}

/// The page failed: what the surface knows of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Start<'a> {
    pub status: u16,
    /// The request's method, as seen (normalised here); None is a navigation (GET).
    pub method: Option<&'a str>,
    /// The response's Retry-After in ms, as read by [`retry::retry_after`] (the Report's
    /// `retry.after_ms`); clamped again here.
    pub retry_after_ms: Option<u64>,
    pub visible: bool,
    pub online: bool,
    /// This tab holds the site's lead (no other tab of the site probes).
    pub leader: bool,
    /// Automatic retry wanted (false: `retry="off"`, the extension's setting).
    pub auto: bool,
    /// The cap of one wait; None: the policy's. At least 1 s.
    pub max_wait_ms: Option<u64>,
    /// The site's memory from before the last reload, if the surface kept one.
    pub memory: Option<SiteMemory>,
    /// One probe at once, besides the loop: the widget's page cannot read its own response
    /// headers, and a probe's answer shows the gateway's. An answer that says "back" reloads;
    /// one that says "down" is not a failed try.
    pub look: bool,
    /// The Report found a bot challenge (`Report::challenge`): not an outage, never retried.
    pub challenge: bool,
}

impl Start<'_> {
    /// A navigation (GET) that answered `status`, in a visible, online tab that holds the
    /// site's lead, with automatic retry on; nothing else known (no Retry-After, no memory).
    pub fn new(status: u16) -> Self {
        Start {
            status,
            method: None,
            retry_after_ms: None,
            visible: true,
            online: true,
            leader: true,
            auto: true,
            max_wait_ms: None,
            memory: None,
            look: false,
            challenge: false,
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
    Started(Start<'a>),
    /// The one timer armed by [`Command::Wait`] fired.
    TimerFired,
    /// A probe got an HTTP answer (after redirects).
    ProbeAnswered {
        status: u16,
        headers: &'a Headers,
    },
    /// A probe got no answer (network error, or [`PROBE_TIMEOUT_MS`] passed).
    ProbeFailed,
    /// The visitor asks: "try again" / "is it back?".
    UserRetry,
    /// The visitor says "stop retrying".
    UserStop,
    Hidden,
    Shown,
    Offline,
    Online,
    /// This tab now holds the site's lead (a Web Lock granted; no other tab probes).
    LeaderGained,
    /// Another tab holds the lead now.
    LeaderLost,
    /// The leading tab waits this long (for a follower's countdown).
    PeerWaiting {
        ms: u64,
    },
    /// The leading tab found the site back.
    PeerBack,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeMethod {
    Head,
    Get,
}

impl ProbeMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeMethod::Head => "HEAD",
            ProbeMethod::Get => "GET",
        }
    }
}

/// What the surface shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum View {
    /// A countdown: the next try in `ms`.
    Waiting {
        ms: u64,
        attempt: u32,
    },
    Checking,
    /// Another tab checks for this one (`ms`: its countdown, when known).
    Following {
        ms: Option<u64>,
    },
    Paused,
    Back,
    /// Back, but not reloaded: the request was not idempotent.
    BackManual,
    Stopped {
        reason: StopReason,
    },
}

/// News a leading tab sends the other tabs of its site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "news", rename_all = "snake_case")]
pub enum News {
    Waiting { ms: u64 },
    Back,
}

/// What the surface does, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// (Re)arm the one timer: [`Event::TimerFired`] in `ms`. Replaces any running timer.
    Wait {
        ms: u64,
    },
    /// Clear the timer.
    Cancel,
    /// Send one probe of the health URL, uncached, aborted after `timeout_ms`; answer with
    /// [`Event::ProbeAnswered`] or [`Event::ProbeFailed`].
    Probe {
        method: ProbeMethod,
        timeout_ms: u64,
    },
    /// Persist this memory for the site (before the reload that follows).
    Remember {
        memory: SiteMemory,
    },
    /// Load the page again with a GET navigation (never `reload()`: it would resend a form).
    ReloadGet,
    Show {
        view: View,
    },
    /// No more automatic tries (the visitor may still ask).
    Stop {
        reason: StopReason,
    },
    /// Do not probe: ask for the site's lead (queue for it) and listen to the leader's news.
    FollowLeader,
    /// Give up the lead and leave its queue (hidden, offline, stopped, back).
    Yield,
    /// Tell the other tabs of the site.
    Tell {
        news: News,
    },
}

/// What a probe's answer says about the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The site answers normally: 2xx, or a 3xx that was not followed (fetch follows
    /// redirects, so a 3xx here is a 304 or a redirect the browser would follow too).
    Back,
    /// Still down: no answer, a gateway failure (502/503/504/52x), 408 or 429 (both say
    /// "later").
    Down,
    /// The site answers, but not normally: it cannot tell us the page would load. 401/403 are
    /// what bot protection, a WAF or the gateway's own auth return to a script while the app
    /// behind may be down or up; a challenge (`cf-mitigated`) the same at any status; a 404
    /// may be the app's "gone" but also a gateway or ingress that has lost its route during a
    /// deploy; a 500 is the app failing. None of these is worth a reload (22 reloads in 60 s
    /// came from calling a 403 "back"), so they count as a failed try and the wait grows.
    Unclear,
}

impl Answer {
    pub fn of(status: u16, headers: &Headers) -> Answer {
        if status == 0 || status == 408 || status == 429 || Family::of(status).is_gateway_failure()
        {
            Answer::Down
        } else if headers.get("cf-mitigated").is_some() || !(200..400).contains(&status) {
            Answer::Unclear
        } else {
            Answer::Back
        }
    }
}

/// The commands of one step (at most a handful).
pub type Commands = Vec<Command>;

/// One step of the machine. `random` is one draw in [0, 1) (bad values are clamped by the
/// policy). Unknown combinations (a stale timer, an answer after a stop) change nothing.
pub fn step(state: &Recovery, event: &Event, now_ms: u64, random: f64) -> (Recovery, Commands) {
    let mut s = state.clone();
    let mut out = Commands::new();
    match *event {
        Event::Started(ref start) => {
            s = started(start, now_ms);
            if start.look && s.reason.is_none() {
                out.push(Command::Probe {
                    method: ProbeMethod::Head,
                    timeout_ms: PROBE_TIMEOUT_MS,
                });
            }
            if let Some(reason) = s.reason {
                stop(&mut s, &mut out, reason);
            } else if s.hidden || s.offline {
                pause(&mut s, &mut out);
            } else if !s.leader {
                follow(&mut s, &mut out, None);
            } else {
                plan(&mut s, &mut out, now_ms, random);
            }
        }
        Event::TimerFired => match s.phase {
            Phase::Waiting if s.leader && !s.hidden && !s.offline => probe(&mut s, &mut out),
            Phase::ReloadDue => reload(&mut s, &mut out, now_ms),
            _ => {}
        },
        Event::ProbeAnswered { status, headers } => {
            if !s.probe_get && (status == 405 || status == 501) {
                // HEAD refused: the same question as a GET, at once, and from now on.
                s.probe_get = true;
                if s.phase == Phase::Probing {
                    probe(&mut s, &mut out);
                }
            } else {
                let after = retry::retry_after(headers.get("retry-after"), None, Some(now_ms));
                answered(
                    &mut s,
                    &mut out,
                    Answer::of(status, headers),
                    after,
                    now_ms,
                    random,
                );
            }
        }
        Event::ProbeFailed => answered(&mut s, &mut out, Answer::Down, None, now_ms, random),
        Event::UserRetry => {
            if !matches!(s.phase, Phase::Idle | Phase::Back | Phase::Probing) {
                // The visitor's own "Try again": the only way a spent budget starts over.
                if s.phase == Phase::Stopped
                    && matches!(
                        s.reason,
                        Some(StopReason::BudgetSpent | StopReason::UserStopped)
                    )
                {
                    s.first_at_ms = now_ms;
                    s.reason = None;
                }
                out.push(Command::Cancel);
                probe(&mut s, &mut out);
            }
        }
        Event::UserStop => {
            if !matches!(
                s.phase,
                Phase::Idle | Phase::Back | Phase::BackManual | Phase::Stopped
            ) {
                out.push(Command::Cancel);
                stop(&mut s, &mut out, StopReason::UserStopped);
            }
        }
        Event::Hidden | Event::Offline => {
            if matches!(event, Event::Hidden) {
                s.hidden = true;
            } else {
                s.offline = true;
            }
            if matches!(s.phase, Phase::Waiting | Phase::Following) {
                pause(&mut s, &mut out);
            }
        }
        Event::Shown | Event::Online => {
            if matches!(event, Event::Shown) {
                s.hidden = false;
            } else {
                s.offline = false;
            }
            if s.phase == Phase::Paused && !s.hidden && !s.offline {
                follow(&mut s, &mut out, None);
            }
        }
        Event::LeaderGained => {
            s.leader = true;
            match s.phase {
                // Back in view (or online) after a pause: one probe soon, not all tabs of a
                // returning network in the same instant.
                Phase::Following if s.resume => {
                    s.resume = false;
                    let ms = retry::resume_wait_ms(random);
                    wait(&mut s, &mut out, now_ms, ms);
                }
                Phase::Following => plan(&mut s, &mut out, now_ms, random),
                Phase::Paused | Phase::Stopped | Phase::Back | Phase::BackManual => {
                    s.leader = false;
                    out.push(Command::Yield);
                }
                _ => {}
            }
        }
        Event::LeaderLost => {
            s.leader = false;
            if s.phase == Phase::Waiting {
                out.push(Command::Cancel);
                follow(&mut s, &mut out, None);
            }
        }
        Event::PeerWaiting { ms } => {
            if s.phase == Phase::Following {
                show(&mut out, View::Following { ms: Some(ms) });
            }
        }
        Event::PeerBack => {
            if matches!(s.phase, Phase::Following | Phase::Paused | Phase::Waiting) {
                // Spread: the tabs of one site do not all reload in the same millisecond.
                back(&mut s, &mut out, now_ms, retry::reload_spread_ms(random));
            }
        }
    }
    (s, out)
}

/// The state of a fresh start, its memory applied; `reason` set when it must not retry.
fn started(start: &Start, now_ms: u64) -> Recovery {
    let policy = Policy::default();
    let mut s = Recovery {
        status: start.status,
        idempotent: retry::is_idempotent(observation::method_or_get(start.method)),
        first_at_ms: now_ms,
        retry_after_ms: start.retry_after_ms.map(retry::clamp_retry_after),
        max_wait_ms: start
            .max_wait_ms
            .map_or(policy.max_wait_ms, |ms| ms.clamp(1_000, policy.budget_ms)),
        hidden: !start.visible,
        offline: !start.online,
        leader: start.leader,
        ..Recovery::default()
    };
    // The memory of the reload that brought this page: it landed on a failure again, one
    // more failed try, inside the same budget.
    if let Some(memory) = start
        .memory
        .filter(|m| m.last_reload_at_ms <= now_ms && now_ms - m.last_reload_at_ms <= MEMORY_TTL_MS)
    {
        s.attempt = memory.attempt.saturating_add(1);
        s.first_at_ms = memory.first_at_ms.min(now_ms);
        s.reloads = memory.reloads;
        s.last_reload_at_ms = memory.last_reload_at_ms;
    }
    s.reason = if !s.idempotent {
        Some(StopReason::NotIdempotent)
    } else if !retry::is_retryable_status(s.status) || start.challenge {
        Some(StopReason::NotRetryable)
    } else if !start.auto {
        Some(StopReason::Off)
    } else {
        None
    };
    s
}

fn show(out: &mut Commands, view: View) {
    out.push(Command::Show { view });
}

/// The policy's next wait, or a stop when the budget is spent.
fn plan(s: &mut Recovery, out: &mut Commands, now_ms: u64, random: f64) {
    let policy = Policy {
        max_wait_ms: s.max_wait_ms,
        ..Policy::default()
    };
    let attempt = Attempt {
        attempt: s.attempt,
        elapsed_ms: now_ms.saturating_sub(s.first_at_ms),
        retry_after_ms: s.retry_after_ms,
        method: "GET", // only idempotent requests reach here
        status: s.status,
    };
    match policy.next(&attempt, random) {
        Decision::Wait { wait_ms } => {
            wait(s, out, now_ms, wait_ms);
            out.push(Command::Tell {
                news: News::Waiting { ms: wait_ms },
            });
        }
        Decision::Stop { reason } => stop(s, out, reason),
    }
}

fn wait(s: &mut Recovery, out: &mut Commands, now_ms: u64, ms: u64) {
    s.phase = Phase::Waiting;
    s.due_at_ms = now_ms.saturating_add(ms);
    out.push(Command::Wait { ms });
    show(
        out,
        View::Waiting {
            ms,
            attempt: s.attempt,
        },
    );
}

fn probe(s: &mut Recovery, out: &mut Commands) {
    s.phase = Phase::Probing;
    s.due_at_ms = 0;
    let method = if s.probe_get {
        ProbeMethod::Get
    } else {
        ProbeMethod::Head
    };
    out.push(Command::Probe {
        method,
        timeout_ms: PROBE_TIMEOUT_MS,
    });
    show(out, View::Checking);
}

fn pause(s: &mut Recovery, out: &mut Commands) {
    s.phase = Phase::Paused;
    s.due_at_ms = 0;
    s.leader = false;
    s.resume = true;
    out.push(Command::Cancel);
    out.push(Command::Yield);
    show(out, View::Paused);
}

fn follow(s: &mut Recovery, out: &mut Commands, ms: Option<u64>) {
    s.phase = Phase::Following;
    s.due_at_ms = 0;
    out.push(Command::FollowLeader);
    show(out, View::Following { ms });
}

fn stop(s: &mut Recovery, out: &mut Commands, reason: StopReason) {
    s.phase = Phase::Stopped;
    s.due_at_ms = 0;
    s.reason = Some(reason);
    s.leader = false;
    out.push(Command::Yield);
    out.push(Command::Stop { reason });
    show(out, View::Stopped { reason });
}

/// A probe's answer (or its failure), in whatever phase it arrives.
fn answered(
    s: &mut Recovery,
    out: &mut Commands,
    answer: Answer,
    retry_after_ms: Option<u64>,
    now_ms: u64,
    random: f64,
) {
    let asked = s.phase == Phase::Probing;
    match answer {
        Answer::Back if asked || matches!(s.phase, Phase::Waiting | Phase::Following) => {
            if s.leader {
                out.push(Command::Tell { news: News::Back });
            }
            back(s, out, now_ms, 0);
        }
        // A late or unasked answer that says "down" changes nothing.
        _ if !asked => {}
        _ => {
            s.attempt = s.attempt.saturating_add(1);
            s.retry_after_ms = retry_after_ms;
            // A check the visitor asked for after a stop that still holds (not idempotent, not
            // retryable, off) answers the question; it does not start the loop.
            if let Some(reason) = s.reason {
                stop(s, out, reason);
            } else if s.hidden || s.offline {
                pause(s, out);
            } else if !s.leader {
                follow(s, out, None);
            } else {
                plan(s, out, now_ms, random);
            }
        }
    }
}

/// The site is back: reload after `spread_ms` (at least), within the reload bound; or, for a
/// request that must not be resent, say so and let the visitor navigate.
fn back(s: &mut Recovery, out: &mut Commands, now_ms: u64, spread_ms: u64) {
    s.leader = false;
    out.push(Command::Yield);
    if !s.idempotent {
        s.phase = Phase::BackManual;
        s.due_at_ms = 0;
        out.push(Command::Cancel);
        show(out, View::BackManual);
        return;
    }
    let allowed_at = if s.reloads < FREE_RELOADS {
        now_ms
    } else {
        s.last_reload_at_ms.saturating_add(RELOAD_INTERVAL_MS)
    };
    let ms = allowed_at.saturating_sub(now_ms).max(spread_ms);
    if ms == 0 {
        reload(s, out, now_ms);
    } else {
        s.phase = Phase::ReloadDue;
        s.due_at_ms = now_ms + ms;
        out.push(Command::Wait { ms });
        show(
            out,
            View::Waiting {
                ms,
                attempt: s.attempt,
            },
        );
    }
}

fn reload(s: &mut Recovery, out: &mut Commands, now_ms: u64) {
    s.phase = Phase::Back;
    s.due_at_ms = 0;
    s.reloads = s.reloads.saturating_add(1);
    s.last_reload_at_ms = now_ms;
    out.push(Command::Remember {
        memory: SiteMemory {
            attempt: s.attempt,
            first_at_ms: s.first_at_ms,
            reloads: s.reloads,
            last_reload_at_ms: now_ms,
        },
    });
    show(out, View::Back);
    out.push(Command::ReloadGet);
}

/// The state as numbers, and back: how the wasm edge hands it to JS (an array that JS stores
/// as it is, in `storage.session` or a variable), without serde's code in the wasm. `-1` is
/// "none"; times are ms since the epoch (exact in an f64 for 285 000 years).
impl Recovery {
    pub const NUMBERS: usize = 12;

    pub fn to_numbers(&self) -> [f64; Recovery::NUMBERS] {
        let flags = [
            self.idempotent,
            self.probe_get,
            self.hidden,
            self.offline,
            self.leader,
            self.resume,
        ]
        .iter()
        .enumerate()
        .fold(0, |bits, (i, on)| bits | (u32::from(*on) << i));
        [
            self.phase as u8 as f64,
            f64::from(self.status),
            f64::from(flags),
            f64::from(self.attempt),
            self.first_at_ms as f64,
            self.due_at_ms as f64,
            self.retry_after_ms.map_or(-1.0, |ms| ms as f64),
            self.max_wait_ms as f64,
            f64::from(self.reloads),
            self.last_reload_at_ms as f64,
            self.reason.map_or(-1.0, |r| r as u8 as f64),
            1.0, // the encoding's version
        ]
    }

    /// None for anything [`Recovery::to_numbers`] did not write (then the surface starts
    /// afresh). Numbers are read with `as` (saturating; NaN is 0): a state JS mangled can
    /// only give a state the machine handles like any other.
    pub fn from_numbers(n: &[f64]) -> Option<Recovery> {
        if n.len() != Recovery::NUMBERS || n[11] != 1.0 {
            return None;
        }
        let flags = n[2] as u32;
        let flag = |i: u32| flags & (1 << i) != 0;
        let optional = |x: f64| (x >= 0.0).then_some(x as u64);
        Some(Recovery {
            phase: *PHASES.get(n[0] as usize)?,
            status: n[1] as u16,
            idempotent: flag(0),
            probe_get: flag(1),
            hidden: flag(2),
            offline: flag(3),
            leader: flag(4),
            resume: flag(5),
            attempt: n[3] as u32,
            first_at_ms: n[4] as u64,
            due_at_ms: n[5] as u64,
            retry_after_ms: optional(n[6]),
            max_wait_ms: n[7] as u64,
            reloads: n[8] as u32,
            last_reload_at_ms: n[9] as u64,
            reason: match optional(n[10]) {
                None => None,
                Some(i) => Some(*StopReason::ALL.get(i as usize)?),
            },
        })
    }
}

impl SiteMemory {
    pub fn to_numbers(&self) -> [f64; 4] {
        [
            f64::from(self.attempt),
            self.first_at_ms as f64,
            f64::from(self.reloads),
            self.last_reload_at_ms as f64,
        ]
    }

    pub fn from_numbers(n: &[f64]) -> Option<SiteMemory> {
        (n.len() == 4).then(|| SiteMemory {
            attempt: n[0] as u32,
            first_at_ms: n[1] as u64,
            reloads: n[2] as u32,
            last_reload_at_ms: n[3] as u64,
        })
    }
}

const PHASES: [Phase; 9] = [
    Phase::Idle,
    Phase::Waiting,
    Phase::Probing,
    Phase::Following,
    Phase::Paused,
    Phase::ReloadDue,
    Phase::Back,
    Phase::BackManual,
    Phase::Stopped,
];

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Waiting => "waiting",
            Phase::Probing => "probing",
            Phase::Following => "following",
            Phase::Paused => "paused",
            Phase::ReloadDue => "reload_due",
            Phase::Back => "back",
            Phase::BackManual => "back_manual",
            Phase::Stopped => "stopped",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Command::*;

    const T: u64 = 10_000_000; // "now" in every case

    fn start(status: u16, method: Option<&'static str>) -> Start<'static> {
        Start {
            method,
            ..Start::new(status)
        }
    }

    /// A leading tab of a 502 page in its first wait (the state `Started` gives).
    fn waiting() -> Recovery {
        step(
            &Recovery::default(),
            &Event::Started(start(502, None)),
            T,
            0.0,
        )
        .0
    }

    fn with(f: impl Fn(&mut Recovery)) -> Recovery {
        let mut s = waiting();
        f(&mut s);
        s
    }

    fn wait_view(ms: u64, attempt: u32) -> [Command; 2] {
        [
            Wait { ms },
            Show {
                view: View::Waiting { ms, attempt },
            },
        ]
    }

    fn stopped(reason: StopReason) -> Vec<Command> {
        vec![
            Yield,
            Stop { reason },
            Show {
                view: View::Stopped { reason },
            },
        ]
    }

    const HEAD: Command = Probe {
        method: ProbeMethod::Head,
        timeout_ms: PROBE_TIMEOUT_MS,
    };
    const GET: Command = Probe {
        method: ProbeMethod::Get,
        timeout_ms: PROBE_TIMEOUT_MS,
    };
    const CHECKING: Command = Show {
        view: View::Checking,
    };

    fn then(mut first: Vec<Command>, rest: &[Command]) -> Vec<Command> {
        first.extend_from_slice(rest);
        first
    }

    fn reload_with(attempt: u32, reloads: u32) -> Vec<Command> {
        vec![
            Remember {
                memory: SiteMemory {
                    attempt,
                    first_at_ms: T,
                    reloads,
                    last_reload_at_ms: T,
                },
            },
            Show { view: View::Back },
            ReloadGet,
        ]
    }

    /// (name, state before, event, random, phase after, commands)
    type Case<'a> = (&'a str, Recovery, Event<'a>, f64, Phase, Vec<Command>);

    fn check(cases: Vec<Case>) {
        for (name, before, event, random, phase, commands) in cases {
            let (after, got) = step(&before, &event, T, random);
            assert_eq!(got, commands, "{name}: commands");
            assert_eq!(after.phase, phase, "{name}: phase");
        }
    }

    #[test]
    fn started() {
        let mut headers = Headers::new();
        headers.push("x", "y");
        let s = |start| Event::Started(start);
        let started_with = |f: &dyn Fn(&mut Start<'static>)| {
            let mut st = start(502, None);
            f(&mut st);
            Event::Started(st)
        };
        let news = Tell {
            news: News::Waiting { ms: 3_000 },
        };
        check(vec![
            (
                "a 502 navigation: the first wait is the policy's base",
                Recovery::default(),
                s(start(502, None)),
                0.0,
                Phase::Waiting,
                then(wait_view(3_000, 0).to_vec(), &[news]),
            ),
            (
                "the widget's first look: one probe at once, and the loop",
                Recovery::default(),
                started_with(&|st| st.look = true),
                0.0,
                Phase::Waiting,
                then(then(vec![HEAD], &wait_view(3_000, 0)), &[news]),
            ),
            (
                "no look for a POST",
                Recovery::default(),
                started_with(&|st| {
                    st.look = true;
                    st.method = Some("POST")
                }),
                0.0,
                Phase::Stopped,
                stopped(StopReason::NotIdempotent),
            ),
            (
                "a POST answered 502 is never resent",
                Recovery::default(),
                s(start(502, Some("post"))),
                0.0,
                Phase::Stopped,
                stopped(StopReason::NotIdempotent),
            ),
            (
                "an unknown method neither",
                Recovery::default(),
                s(start(503, Some("PURGE"))),
                0.0,
                Phase::Stopped,
                stopped(StopReason::NotIdempotent),
            ),
            (
                "a blank method is a GET",
                Recovery::default(),
                s(start(504, Some("  "))),
                0.0,
                Phase::Waiting,
                then(wait_view(3_000, 0).to_vec(), &[news]),
            ),
            (
                "a 404 is not retried",
                Recovery::default(),
                s(start(404, None)),
                0.0,
                Phase::Stopped,
                stopped(StopReason::NotRetryable),
            ),
            (
                "a bot challenge is not an outage",
                Recovery::default(),
                started_with(&|st| st.challenge = true),
                0.0,
                Phase::Stopped,
                stopped(StopReason::NotRetryable),
            ),
            (
                "retry off",
                Recovery::default(),
                started_with(&|st| st.auto = false),
                0.0,
                Phase::Stopped,
                stopped(StopReason::Off),
            ),
            (
                "Retry-After: 20 waits 20-22 s",
                Recovery::default(),
                started_with(&|st| st.retry_after_ms = Some(20_000)),
                0.5,
                Phase::Waiting,
                then(
                    wait_view(21_000, 0).to_vec(),
                    &[Tell {
                        news: News::Waiting { ms: 21_000 },
                    }],
                ),
            ),
            (
                "a huge Retry-After is clamped to 10 min",
                Recovery::default(),
                started_with(&|st| st.retry_after_ms = Some(999_999_000)),
                0.0,
                Phase::Waiting,
                then(
                    wait_view(600_000, 0).to_vec(),
                    &[Tell {
                        news: News::Waiting { ms: 600_000 },
                    }],
                ),
            ),
            (
                "hidden at start: paused",
                Recovery::default(),
                started_with(&|st| st.visible = false),
                0.0,
                Phase::Paused,
                vec![Cancel, Yield, Show { view: View::Paused }],
            ),
            (
                "offline at start: paused",
                Recovery::default(),
                started_with(&|st| st.online = false),
                0.0,
                Phase::Paused,
                vec![Cancel, Yield, Show { view: View::Paused }],
            ),
            (
                "not the leader: follow",
                Recovery::default(),
                started_with(&|st| st.leader = false),
                0.0,
                Phase::Following,
                vec![
                    FollowLeader,
                    Show {
                        view: View::Following { ms: None },
                    },
                ],
            ),
            (
                "a reload that lands on the failure again: the wait keeps growing",
                Recovery::default(),
                started_with(&|st| {
                    st.memory = Some(SiteMemory {
                        attempt: 3,
                        first_at_ms: T - 20_000,
                        reloads: 1,
                        last_reload_at_ms: T - 100,
                    })
                }),
                0.0,
                Phase::Waiting,
                then(
                    wait_view(11_525, 4).to_vec(),
                    &[Tell {
                        news: News::Waiting { ms: 11_525 },
                    }],
                ),
            ),
            (
                "an old memory belongs to another outage",
                Recovery::default(),
                started_with(&|st| {
                    st.memory = Some(SiteMemory {
                        attempt: 3,
                        first_at_ms: 0,
                        reloads: 5,
                        last_reload_at_ms: T - MEMORY_TTL_MS - 1,
                    })
                }),
                0.0,
                Phase::Waiting,
                then(wait_view(3_000, 0).to_vec(), &[news]),
            ),
            (
                "a memory from the future (a clock change) is ignored",
                Recovery::default(),
                started_with(&|st| {
                    st.memory = Some(SiteMemory {
                        attempt: 3,
                        first_at_ms: 0,
                        reloads: 5,
                        last_reload_at_ms: T + 1,
                    })
                }),
                0.0,
                Phase::Waiting,
                then(wait_view(3_000, 0).to_vec(), &[news]),
            ),
            (
                "a memory whose budget is spent: stop",
                Recovery::default(),
                started_with(&|st| {
                    st.memory = Some(SiteMemory {
                        attempt: 40,
                        first_at_ms: T - 30 * 60 * 1_000,
                        reloads: 9,
                        last_reload_at_ms: T - 1_000,
                    })
                }),
                0.0,
                Phase::Stopped,
                stopped(StopReason::BudgetSpent),
            ),
        ]);
    }

    #[test]
    fn timers_and_probes() {
        let mut none = Headers::new();
        none.push("server", "nginx");
        let mut challenge = Headers::new();
        challenge.push("cf-mitigated", "challenge");
        let mut later = Headers::new();
        later.push("Retry-After", "120");
        let probing = with(|s| s.phase = Phase::Probing);
        let answer = |status, headers| Event::ProbeAnswered { status, headers };
        let grow = |ms: u64| {
            then(
                wait_view(ms, 1).to_vec(),
                &[Tell {
                    news: News::Waiting { ms },
                }],
            )
        };
        check(vec![
            (
                "the timer fires: a HEAD probe",
                waiting(),
                Event::TimerFired,
                0.0,
                Phase::Probing,
                vec![HEAD, CHECKING],
            ),
            (
                "a GET once HEAD was refused",
                with(|s| s.probe_get = true),
                Event::TimerFired,
                0.0,
                Phase::Probing,
                vec![GET, CHECKING],
            ),
            (
                "a stale timer while following does nothing",
                with(|s| s.phase = Phase::Following),
                Event::TimerFired,
                0.0,
                Phase::Following,
                vec![],
            ),
            (
                "nor while stopped",
                with(|s| s.phase = Phase::Stopped),
                Event::TimerFired,
                0.0,
                Phase::Stopped,
                vec![],
            ),
            (
                "HEAD answered 405: the same probe as a GET, at once",
                probing.clone(),
                answer(405, &none),
                0.0,
                Phase::Probing,
                vec![GET, CHECKING],
            ),
            (
                "HEAD answered 501: the same",
                probing.clone(),
                answer(501, &none),
                0.0,
                Phase::Probing,
                vec![GET, CHECKING],
            ),
            (
                "a GET answered 405 is no more than unclear: the wait grows",
                with(|s| {
                    s.phase = Phase::Probing;
                    s.probe_get = true
                }),
                answer(405, &none),
                0.0,
                Phase::Waiting,
                grow(4_200),
            ),
            (
                "200: back, the leader tells the others and reloads",
                probing.clone(),
                answer(200, &none),
                0.0,
                Phase::Back,
                then(vec![Tell { news: News::Back }, Yield], &reload_with(0, 1)),
            ),
            (
                "a 304 is back too",
                probing.clone(),
                answer(304, &none),
                0.0,
                Phase::Back,
                then(vec![Tell { news: News::Back }, Yield], &reload_with(0, 1)),
            ),
            (
                "still 502: the wait grows",
                probing.clone(),
                answer(502, &none),
                0.0,
                Phase::Waiting,
                grow(4_200),
            ),
            (
                "403 is not back (bot protection, a WAF)",
                probing.clone(),
                answer(403, &none),
                0.0,
                Phase::Waiting,
                grow(4_200),
            ),
            (
                "401 neither",
                probing.clone(),
                answer(401, &none),
                0.0,
                Phase::Waiting,
                grow(4_200),
            ),
            (
                "404 neither (a lost route)",
                probing.clone(),
                answer(404, &none),
                0.0,
                Phase::Waiting,
                grow(4_200),
            ),
            (
                "a 200 challenge neither",
                probing.clone(),
                answer(200, &challenge),
                0.0,
                Phase::Waiting,
                grow(4_200),
            ),
            (
                "429 with Retry-After: 120 is honoured",
                probing.clone(),
                answer(429, &later),
                0.0,
                Phase::Waiting,
                grow(120_000),
            ),
            (
                "no answer: the wait grows",
                probing.clone(),
                Event::ProbeFailed,
                0.0,
                Phase::Waiting,
                grow(4_200),
            ),
            (
                "an unasked 200 while waiting (the element's first look) is back",
                waiting(),
                answer(200, &none),
                0.0,
                Phase::Back,
                then(vec![Tell { news: News::Back }, Yield], &reload_with(0, 1)),
            ),
            (
                "an unasked HEAD refused: GET from now on, nothing else",
                waiting(),
                answer(405, &none),
                0.0,
                Phase::Waiting,
                vec![],
            ),
            (
                "an unasked 502 while waiting changes nothing",
                waiting(),
                answer(502, &none),
                0.0,
                Phase::Waiting,
                vec![],
            ),
            (
                "a late answer after a stop changes nothing",
                with(|s| s.phase = Phase::Stopped),
                answer(200, &none),
                0.0,
                Phase::Stopped,
                vec![],
            ),
            (
                "the last try inside the budget spent it",
                with(|s| {
                    s.phase = Phase::Probing;
                    s.attempt = 30;
                    s.first_at_ms = T - 1_790_000;
                }),
                answer(502, &none),
                0.0,
                Phase::Stopped,
                stopped(StopReason::BudgetSpent),
            ),
            (
                "down while hidden meanwhile: pause",
                with(|s| {
                    s.phase = Phase::Probing;
                    s.hidden = true;
                }),
                Event::ProbeFailed,
                0.0,
                Phase::Paused,
                vec![Cancel, Yield, Show { view: View::Paused }],
            ),
            (
                "down after losing the lead: follow",
                with(|s| {
                    s.phase = Phase::Probing;
                    s.leader = false;
                }),
                Event::ProbeFailed,
                0.0,
                Phase::Following,
                vec![
                    FollowLeader,
                    Show {
                        view: View::Following { ms: None },
                    },
                ],
            ),
        ]);
    }

    #[test]
    fn reloads_are_bounded() {
        let none = Headers::new();
        let probing = |reloads, last| {
            with(move |s| {
                s.phase = Phase::Probing;
                s.reloads = reloads;
                s.last_reload_at_ms = last;
            })
        };
        let answer = Event::ProbeAnswered {
            status: 200,
            headers: &none,
        };
        let deferred = |ms| {
            vec![
                Tell { news: News::Back },
                Yield,
                Wait { ms },
                Show {
                    view: View::Waiting { ms, attempt: 0 },
                },
            ]
        };
        check(vec![
            (
                "the third reload goes at once",
                probing(2, T - 5_000),
                answer.clone(),
                0.0,
                Phase::Back,
                then(vec![Tell { news: News::Back }, Yield], &reload_with(0, 3)),
            ),
            (
                "the fourth waits for a minute since the third",
                probing(3, T - 5_000),
                answer.clone(),
                0.0,
                Phase::ReloadDue,
                deferred(55_000),
            ),
            (
                "after a minute it goes",
                probing(3, T - 60_000),
                answer.clone(),
                0.0,
                Phase::Back,
                then(vec![Tell { news: News::Back }, Yield], &reload_with(0, 4)),
            ),
            (
                "the deferred reload's timer",
                with(|s| {
                    s.phase = Phase::ReloadDue;
                    s.reloads = 3;
                }),
                Event::TimerFired,
                0.0,
                Phase::Back,
                reload_with(0, 4),
            ),
            (
                "another tab found it back: reload spread over 0-3 s",
                with(|s| {
                    s.phase = Phase::Following;
                    s.leader = false;
                }),
                Event::PeerBack,
                0.5,
                Phase::ReloadDue,
                vec![
                    Yield,
                    Wait { ms: 1_500 },
                    Show {
                        view: View::Waiting {
                            ms: 1_500,
                            attempt: 0,
                        },
                    },
                ],
            ),
            (
                "a hidden tab too",
                with(|s| {
                    s.phase = Phase::Paused;
                    s.leader = false;
                }),
                Event::PeerBack,
                0.0,
                Phase::Back,
                then(vec![Yield], &reload_with(0, 1)),
            ),
            (
                "a POST tab is told, never reloaded",
                with(|s| {
                    s.phase = Phase::Following;
                    s.idempotent = false;
                }),
                Event::PeerBack,
                0.0,
                Phase::BackManual,
                vec![
                    Yield,
                    Cancel,
                    Show {
                        view: View::BackManual,
                    },
                ],
            ),
            (
                "a stopped tab is not reloaded by another's news",
                with(|s| s.phase = Phase::Stopped),
                Event::PeerBack,
                0.0,
                Phase::Stopped,
                vec![],
            ),
        ]);
    }

    #[test]
    fn the_visitor_and_the_page() {
        let none = Headers::new();
        let stopped_by = |reason| {
            with(move |s| {
                s.phase = Phase::Stopped;
                s.reason = Some(reason);
                s.attempt = 30;
                s.first_at_ms = 0;
            })
        };
        let paused = with(|s| {
            s.phase = Phase::Paused;
            s.hidden = true;
            s.leader = false;
            s.resume = true;
            s.attempt = 2;
        });
        let following = |attempt| {
            with(move |s| {
                s.phase = Phase::Following;
                s.leader = false;
                s.attempt = attempt;
            })
        };
        let follow = vec![
            FollowLeader,
            Show {
                view: View::Following { ms: None },
            },
        ];
        let pause = vec![Cancel, Yield, Show { view: View::Paused }];
        check(vec![
            (
                "'retry now' while waiting: probe at once",
                waiting(),
                Event::UserRetry,
                0.0,
                Phase::Probing,
                vec![Cancel, HEAD, CHECKING],
            ),
            (
                "'try again' after the budget: probe, and a new budget",
                stopped_by(StopReason::BudgetSpent),
                Event::UserRetry,
                0.0,
                Phase::Probing,
                vec![Cancel, HEAD, CHECKING],
            ),
            (
                "'is it back?' on a POST page: probe",
                with(|s| {
                    s.phase = Phase::Stopped;
                    s.idempotent = false;
                    s.reason = Some(StopReason::NotIdempotent);
                }),
                Event::UserRetry,
                0.0,
                Phase::Probing,
                vec![Cancel, HEAD, CHECKING],
            ),
            (
                "'stop'",
                waiting(),
                Event::UserStop,
                0.0,
                Phase::Stopped,
                then(vec![Cancel], &stopped(StopReason::UserStopped)),
            ),
            (
                "'stop' once stopped does nothing",
                stopped_by(StopReason::BudgetSpent),
                Event::UserStop,
                0.0,
                Phase::Stopped,
                vec![],
            ),
            (
                "hidden while waiting: pause, and give up the lead",
                waiting(),
                Event::Hidden,
                0.0,
                Phase::Paused,
                pause.clone(),
            ),
            (
                "offline while waiting: the same",
                waiting(),
                Event::Offline,
                0.0,
                Phase::Paused,
                pause.clone(),
            ),
            (
                "hidden while following: leave the lead's queue",
                following(0),
                Event::Hidden,
                0.0,
                Phase::Paused,
                pause,
            ),
            (
                "hidden while probing: the answer decides",
                with(|s| s.phase = Phase::Probing),
                Event::Hidden,
                0.0,
                Phase::Probing,
                vec![],
            ),
            (
                "shown: ask for the lead",
                paused.clone(),
                Event::Shown,
                0.0,
                Phase::Following,
                follow.clone(),
            ),
            (
                "shown but still offline: stay paused",
                with(|s| {
                    s.phase = Phase::Paused;
                    s.hidden = true;
                    s.offline = true;
                }),
                Event::Shown,
                0.0,
                Phase::Paused,
                vec![],
            ),
            (
                "online: ask for the lead",
                with(|s| {
                    s.phase = Phase::Paused;
                    s.offline = true;
                }),
                Event::Online,
                0.0,
                Phase::Following,
                follow,
            ),
            (
                "the lead after a pause: one probe soon (0.5-2.5 s)",
                with(|s| {
                    s.phase = Phase::Following;
                    s.leader = false;
                    s.resume = true;
                    s.attempt = 2;
                }),
                Event::LeaderGained,
                0.5,
                Phase::Waiting,
                wait_view(1_500, 2).to_vec(),
            ),
            (
                "the lead for a follower: its own first wait",
                following(0),
                Event::LeaderGained,
                0.0,
                Phase::Waiting,
                then(
                    wait_view(3_000, 0).to_vec(),
                    &[Tell {
                        news: News::Waiting { ms: 3_000 },
                    }],
                ),
            ),
            (
                "the lead while paused: given back",
                paused,
                Event::LeaderGained,
                0.0,
                Phase::Paused,
                vec![Yield],
            ),
            (
                "the lead lost while waiting: follow",
                waiting(),
                Event::LeaderLost,
                0.0,
                Phase::Following,
                vec![
                    Cancel,
                    FollowLeader,
                    Show {
                        view: View::Following { ms: None },
                    },
                ],
            ),
            (
                "the leader's countdown, shown by a follower",
                following(0),
                Event::PeerWaiting { ms: 7_000 },
                0.0,
                Phase::Following,
                vec![Show {
                    view: View::Following { ms: Some(7_000) },
                }],
            ),
            (
                "a POST tab checked and back: told, not reloaded",
                with(|s| {
                    s.phase = Phase::Probing;
                    s.idempotent = false;
                    s.reason = Some(StopReason::NotIdempotent);
                    s.leader = false;
                }),
                Event::ProbeAnswered {
                    status: 200,
                    headers: &none,
                },
                0.0,
                Phase::BackManual,
                vec![
                    Yield,
                    Cancel,
                    Show {
                        view: View::BackManual,
                    },
                ],
            ),
            (
                "a POST tab checked and still down: stopped again, no loop",
                with(|s| {
                    s.phase = Phase::Probing;
                    s.idempotent = false;
                    s.reason = Some(StopReason::NotIdempotent);
                }),
                Event::ProbeFailed,
                0.0,
                Phase::Stopped,
                stopped(StopReason::NotIdempotent),
            ),
        ]);
    }

    /// After the visitor's "Try again", a failed probe plans inside a new budget.
    #[test]
    fn try_again_restarts_the_budget() {
        let spent = with(|s| {
            s.phase = Phase::Stopped;
            s.reason = Some(StopReason::BudgetSpent);
            s.attempt = 30;
            s.first_at_ms = 0;
        });
        let (asked, _) = step(&spent, &Event::UserRetry, T, 0.0);
        assert_eq!((asked.first_at_ms, asked.reason), (T, None));
        let (after, commands) = step(&asked, &Event::ProbeFailed, T + 1_000, 0.0);
        assert_eq!(after.phase, Phase::Waiting);
        assert_eq!(commands[0], Wait { ms: 70_000 });
        // Without the visitor, a spent budget stays spent.
        for event in [Event::TimerFired, Event::Shown, Event::LeaderGained] {
            assert_eq!(
                step(&spent, &event, T, 0.0).0.phase,
                Phase::Stopped,
                "{event:?}"
            );
        }
    }

    /// The state survives a JSON round trip (what `storage.session` does to it), and the
    /// numbers the wasm edge hands to JS.
    // serde_json is a native-only dependency (Cargo.toml); the wasm test build skips this one.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn state_is_plain_data() {
        let mut states = vec![Recovery::default(), waiting()];
        for (i, phase) in PHASES.iter().enumerate() {
            states.push(with(|s| {
                s.phase = *phase;
                s.reason = StopReason::ALL.get(i).copied();
                s.retry_after_ms = Some(i as u64 * 1_000);
                s.hidden = i % 2 == 0;
                s.resume = i % 3 == 0;
                s.reloads = i as u32;
            }));
        }
        for s in states {
            let json = serde_json::to_string(&s).unwrap();
            assert!(json.len() < 400, "{json}");
            assert_eq!(serde_json::from_str::<Recovery>(&json).unwrap(), s);
            assert_eq!(Recovery::from_numbers(&s.to_numbers()), Some(s.clone()));
        }
        let memory = SiteMemory {
            attempt: 4,
            first_at_ms: T,
            reloads: 2,
            last_reload_at_ms: T + 5,
        };
        assert_eq!(SiteMemory::from_numbers(&memory.to_numbers()), Some(memory));
        // Whatever else JS hands back is no state: the surface starts afresh.
        let mut bad = waiting().to_numbers();
        for (i, value) in [(0, 99.0), (11, 2.0), (10, 9.0)] {
            let saved = bad[i];
            bad[i] = value;
            assert_eq!(Recovery::from_numbers(&bad), None, "{i} = {value}");
            bad[i] = saved;
        }
        // A mangled number is still some state the machine handles, never a panic.
        bad[3] = f64::NAN;
        bad[4] = -5.0;
        bad[1] = 1e9;
        let mangled = Recovery::from_numbers(&bad).unwrap();
        assert_eq!(
            (mangled.attempt, mangled.first_at_ms, mangled.status),
            (0, 0, u16::MAX)
        );
        assert_eq!(Recovery::from_numbers(&[]), None);
        // `as u8` is the index in these lists (what JS reads).
        for (i, phase) in PHASES.iter().enumerate() {
            assert_eq!(*phase as usize, i);
        }
        for (i, reason) in StopReason::ALL.iter().enumerate() {
            assert_eq!(*reason as usize, i);
        }
        assert_eq!(SiteMemory::from_numbers(&[1.0, 2.0]), None);
    }

    /// Issue 16: a page 503 whose probe answers 403 reloaded 22 times in 60 s; and a page
    /// whose probe says 200 while every reload lands on the 503 again (a cached health URL)
    /// must neither loop. Each reload carries the memory into the next page's machine.
    #[test]
    fn at_most_three_reloads_a_minute() {
        let mut forbidden = Headers::new();
        forbidden.push("server", "cloudflare");
        let ok = Headers::new();
        for (probe_status, headers, most) in [(403, &forbidden, 0), (200, &ok, 3)] {
            let mut now = 0;
            let mut memory = None;
            let mut reloads = Vec::new();
            let mut page = start(503, None);
            'pages: while now < 600_000 {
                page.memory = memory;
                let (mut s, mut commands) = step(
                    &Recovery::default(),
                    &Event::Started(page.clone()),
                    now,
                    0.5,
                );
                loop {
                    let mut next = None;
                    for command in &commands {
                        match *command {
                            Wait { ms } => next = Some((now + ms, Event::TimerFired)),
                            Probe { .. } => {
                                next = Some((
                                    now + 50,
                                    Event::ProbeAnswered {
                                        status: probe_status,
                                        headers,
                                    },
                                ))
                            }
                            Remember { memory: m } => memory = Some(m),
                            ReloadGet => {
                                reloads.push(now);
                                now += 300; // the reload lands on the 503 again
                                continue 'pages;
                            }
                            _ => {}
                        }
                    }
                    let Some((at, event)) = next else {
                        break 'pages;
                    };
                    now = at;
                    (s, commands) = step(&s, &event, now, 0.5);
                }
            }
            let in_a_minute = (0..reloads.len())
                .map(|i| {
                    reloads[i..]
                        .iter()
                        .take_while(|t| **t < reloads[i] + 60_000)
                        .count()
                })
                .max()
                .unwrap_or(0);
            assert_eq!(
                in_a_minute, most,
                "probe {probe_status}: reloads at {reloads:?}"
            );
        }
    }
}
