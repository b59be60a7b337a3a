//! The herd benchmark (issue "Retry", contract §2c): 10 000 visitors reach a site during an
//! outage and each keeps trying by some strategy until the site is back. Measures what the
//! origin suffers and how long visitors wait.
//!
//! Outages (the JSON's top-level keys):
//! - `60s`, `600s`: the issue's, a 60-second and a 10-minute outage, visitors arriving
//!   uniformly over its first minute (each meets its first error on arrival);
//! - `60s_synchronised`, `600s_synchronised` (extra): every visitor already has the page open
//!   when the site falls over (an SPA, a live page, one `Retry-After` date), so all meet their
//!   first error in the same second. This is where a herd really forms: with arrivals spread
//!   over a minute, even a schedule without jitter stays spread, because each visitor's is
//!   offset by its own arrival.
//!
//! `cargo run --release --example herd` prints a table; `-- --json` prints
//! `{"60s": {strategy: figures}, "600s": {…}, "60s_synchronised": {…}, "600s_synchronised": {…}}`
//! with, per strategy:
//! - `origin_requests`: automatic requests (refreshes, probes) that reached the origin during
//!   the outage; each visitor's own first visit is the same for all and not counted;
//! - `peak_rps_after_recovery`: the most requests (probes and reloads) in any one-second
//!   window after recovery (sliding: a window cut at whole seconds would halve a herd that
//!   straddles the cut); a probe strategy's recovery is 2 requests, the good probe and the
//!   reload, a refresh strategy's 1;
//! - `reload_delay_p50_ms`, `reload_delay_p95_ms`: from recovery to each visitor's reload.
//!
//! Strategies: `explain502` (the real recovery machine, `explain502::recovery::step`, the one
//! the widget, the error pages and the extension drive: a HEAD probe per wait, then a reload
//! once a probe finds the site back); `fixed_5s` / `fixed_30s` (a page refresh every 5 s / 30 s: the
//! refresh is the reload); `chromium` (its net-error auto-reload schedule, as a refresh);
//! `no_jitter` and `full_jitter` (the machine's policy, `explain502::retry::Policy`, with
//! only the jitter changed: counterfactuals, so they call the policy directly); and
//! `explain502_half_hidden` (the machine, every other visitor switching away 10 s after
//! arriving and back 0–10 min later: its `Hidden` and `Shown` events) and `explain502_cached_probe`
//! (the gateway caches the health URL for 5 s with request collapsing, see
//! docs/operators/health-cache.md). Deterministic: a seeded SplitMix64, the same arrivals for
//! every strategy.

use explain502::observation::Headers;
use explain502::recovery::{self, Command, Event, Recovery, Start};
use explain502::retry::{Attempt, Decision, Jitter, Policy};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

const VISITORS: usize = 10_000;

/// One outage: its JSON key, its length, and over how long the visitors meet their first error.
struct Scenario {
    key: &'static str,
    outage_ms: u64,
    first_error_spread_ms: u64,
}

const SCENARIOS: [Scenario; 4] = [
    Scenario {
        key: "60s",
        outage_ms: 60_000,
        first_error_spread_ms: 60_000,
    },
    Scenario {
        key: "600s",
        outage_ms: 600_000,
        first_error_spread_ms: 60_000,
    },
    Scenario {
        key: "60s_synchronised",
        outage_ms: 60_000,
        first_error_spread_ms: 1_000,
    },
    Scenario {
        key: "600s_synchronised",
        outage_ms: 600_000,
        first_error_spread_ms: 1_000,
    },
];
/// The extra "cacheable health probe": how long the gateway keeps a probe's answer.
const HEALTH_CACHE_MS: u64 = 5_000;
/// The extra "half hidden": who switches away, when, and for how long at most.
const HIDE_AFTER_MS: u64 = 10_000;
const HIDDEN_FOR_MAX_MS: u64 = 600_000;
/// Chromium's net-error auto-reload schedule (never applied to HTTP 5xx pages, in fact).
const CHROMIUM_WAITS_S: [u64; 7] = [1, 5, 30, 60, 300, 600, 1_800];

#[derive(Clone, Copy)]
enum Strategy {
    /// A page refresh every so often: each try is itself the reload.
    Fixed {
        period_ms: u64,
    },
    Chromium,
    /// A probe on a policy alone (the counterfactual jitters), then a reload once a probe
    /// finds the site back.
    Probe {
        policy: Policy,
    },
    /// The recovery machine itself: probes, pauses while hidden, reloads.
    Machine {
        hidden: bool,
        cached: bool,
    },
}

fn strategies() -> Vec<(&'static str, Strategy)> {
    let without = |jitter| Strategy::Probe {
        policy: Policy {
            jitter,
            ..Policy::default()
        },
    };
    let machine = |hidden, cached| Strategy::Machine { hidden, cached };
    vec![
        ("explain502", machine(false, false)),
        ("fixed_5s", Strategy::Fixed { period_ms: 5_000 }),
        ("fixed_30s", Strategy::Fixed { period_ms: 30_000 }),
        ("chromium", Strategy::Chromium),
        ("no_jitter", without(Jitter::None)),
        ("full_jitter", without(Jitter::Full)),
        ("explain502_half_hidden", machine(true, false)),
        ("explain502_cached_probe", machine(false, true)),
    ]
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Figures {
    origin_requests: u64,
    peak_rps_after_recovery: u64,
    reload_delay_p50_ms: u64,
    reload_delay_p95_ms: u64,
}

/// SplitMix64: tiny, seeded, good enough to place visitors and draw jitter.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Visitor {
    arrival_ms: u64,
    /// When the tab is out of view: [from, to), for the "half hidden" strategy.
    hidden: Option<(u64, u64)>,
}

fn visitors(count: usize, spread_ms: u64) -> Vec<Visitor> {
    let mut rng = Rng(502);
    (0..count)
        .map(|i| {
            let arrival_ms = (rng.next_f64() * spread_ms as f64) as u64;
            let away = (rng.next_f64() * HIDDEN_FOR_MAX_MS as f64) as u64;
            let from = arrival_ms + HIDE_AFTER_MS;
            Visitor {
                arrival_ms,
                hidden: (i % 2 == 0).then_some((from, from + away)),
            }
        })
        .collect()
}

/// What happens to one visitor, in time order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Happening {
    /// A timer fires (its generation must still be current): refresh, probe, or the machine's
    /// `TimerFired`.
    Timer {
        generation: u32,
    },
    /// The tab goes out of view / comes back (the machine's `Hidden` / `Shown`).
    Hide,
    Show,
}

struct Tab {
    attempt: u32,
    generation: u32,
    done: bool,
    machine: Recovery,
}

/// What the origin and the visitors saw.
struct Tally {
    outage_ms: u64,
    origin_requests: u64,
    /// When each request after recovery reached the origin.
    after_recovery: Vec<u64>,
    delays: Vec<u64>,
    /// The gateway's cached probe answer: (up?, valid until).
    health_cache: Option<(bool, u64)>,
}

impl Tally {
    /// One request at `now`: is the site up for it? (`cached`: a probe through the cache.)
    fn request(&mut self, now: u64, cached: bool) -> bool {
        let up = now >= self.outage_ms;
        if cached {
            if let Some((cached_up, until)) = self.health_cache {
                if now < until {
                    return cached_up;
                }
            }
            self.health_cache = Some((up, now + HEALTH_CACHE_MS));
        }
        if up {
            self.after_recovery.push(now);
        } else {
            self.origin_requests += 1;
        }
        up
    }

    fn figures(mut self) -> Figures {
        self.delays.sort_unstable();
        self.after_recovery.sort_unstable();
        Figures {
            origin_requests: self.origin_requests,
            peak_rps_after_recovery: busiest_second(&self.after_recovery),
            reload_delay_p50_ms: percentile(&self.delays, 50),
            reload_delay_p95_ms: percentile(&self.delays, 95),
        }
    }
}

fn simulate(strategy: Strategy, outage_ms: u64, visitors: &[Visitor]) -> Figures {
    let mut rng = Rng(0x0E_0502);
    let mut queue = BinaryHeap::new();
    let mut tally = Tally {
        outage_ms,
        origin_requests: 0,
        after_recovery: Vec::new(),
        delays: Vec::new(),
        health_cache: None,
    };
    let mut tabs: Vec<Tab> = visitors
        .iter()
        .map(|_| Tab {
            attempt: 0,
            generation: 0,
            done: false,
            machine: Recovery::default(),
        })
        .collect();
    let no_headers = Headers::new();
    let (hides, cached) = match strategy {
        Strategy::Machine { hidden, cached } => (hidden, cached),
        _ => (false, false),
    };
    // Every visitor's first error is at arrival; its strategy decides the first wait.
    for (i, visitor) in visitors.iter().enumerate() {
        let at = visitor.arrival_ms;
        if let Strategy::Machine { .. } = strategy {
            let start = Start::new(502);
            drive(
                &mut tabs[i],
                &Event::Started(start),
                at,
                i,
                &mut rng,
                &mut queue,
                &mut tally,
                &no_headers,
                cached,
            );
        } else if let Some(wait) = next_wait(strategy, 0, 0, &mut rng) {
            queue.push(Reverse((at + wait, i, Happening::Timer { generation: 0 })));
        }
        if let (true, Some((from, to))) = (hides, visitor.hidden) {
            queue.push(Reverse((from, i, Happening::Hide)));
            queue.push(Reverse((to, i, Happening::Show)));
        }
    }
    while let Some(Reverse((now, i, happening))) = queue.pop() {
        let tab = &mut tabs[i];
        if tab.done {
            continue;
        }
        let event = match happening {
            Happening::Timer { generation } if generation != tab.generation => continue,
            Happening::Timer { .. } => Event::TimerFired,
            Happening::Hide => Event::Hidden,
            Happening::Show => Event::Shown,
        };
        if let Strategy::Machine { .. } = strategy {
            drive(
                tab,
                &event,
                now,
                i,
                &mut rng,
                &mut queue,
                &mut tally,
                &no_headers,
                cached,
            );
            continue;
        }
        // A refresh (the refresh is the reload) or a policy's probe (then the reload).
        if tally.request(now, false) {
            if let Strategy::Probe { .. } = strategy {
                tally.after_recovery.push(now); // the reload that follows the good probe
            }
            tally.delays.push(now - outage_ms);
            tab.done = true;
            continue;
        }
        tab.attempt += 1;
        match next_wait(
            strategy,
            tab.attempt,
            now - visitors[i].arrival_ms,
            &mut rng,
        ) {
            Some(wait) => {
                let generation = tab.generation;
                queue.push(Reverse((now + wait, i, Happening::Timer { generation })));
            }
            None => tab.done = true, // gave up: no reload
        }
    }
    tally.figures()
}

type Queue = BinaryHeap<Reverse<(u64, usize, Happening)>>;

/// One event into visitor `i`'s machine, and its commands carried out as the widget does: a
/// probe is answered at once (up or down, through the cache if any), a wait becomes a timer,
/// the lead is always free (one tab per visitor), a reload ends the visit.
#[allow(clippy::too_many_arguments)]
fn drive(
    tab: &mut Tab,
    first: &Event,
    now: u64,
    i: usize,
    rng: &mut Rng,
    queue: &mut Queue,
    tally: &mut Tally,
    no_headers: &Headers,
    cached: bool,
) {
    let mut pending = vec![first.clone()];
    // Bounded: a step yields at most one follow-up event (a probe's answer, the lead).
    for _ in 0..16 {
        let Some(event) = pending.pop() else { return };
        let (machine, commands) = recovery::step(&tab.machine, &event, now, rng.next_f64());
        tab.machine = machine;
        for command in commands {
            match command {
                Command::Wait { ms } => {
                    tab.generation += 1;
                    let generation = tab.generation;
                    queue.push(Reverse((now + ms, i, Happening::Timer { generation })));
                }
                Command::Cancel => tab.generation += 1,
                Command::Probe { .. } => {
                    let up = tally.request(now, cached);
                    pending.push(Event::ProbeAnswered {
                        status: if up { 200 } else { 502 },
                        headers: no_headers,
                    });
                }
                Command::FollowLeader => pending.push(Event::LeaderGained),
                Command::ReloadGet => {
                    tally.after_recovery.push(now);
                    tally.delays.push(now - tally.outage_ms);
                    tab.done = true;
                    return;
                }
                Command::Stop { .. } => {
                    tab.done = true;
                    return;
                }
                _ => {}
            }
        }
    }
}

/// The wait after `attempt` failed tries, `elapsed_ms` after the first error.
fn next_wait(strategy: Strategy, attempt: u32, elapsed_ms: u64, rng: &mut Rng) -> Option<u64> {
    match strategy {
        Strategy::Fixed { period_ms } => Some(period_ms),
        Strategy::Chromium => {
            let step = (attempt as usize).min(CHROMIUM_WAITS_S.len() - 1);
            Some(CHROMIUM_WAITS_S[step] * 1_000)
        }
        Strategy::Probe { policy } => {
            let attempt = Attempt {
                attempt,
                elapsed_ms,
                retry_after_ms: None,
                method: "GET",
                status: 502,
            };
            match policy.next(&attempt, rng.next_f64()) {
                Decision::Wait { wait_ms } => Some(wait_ms),
                Decision::Stop { .. } => None,
            }
        }
        Strategy::Machine { .. } => unreachable!("the machine decides its own waits"),
    }
}

/// The most requests in any one-second window `[t, t + 1 s)`, wherever it starts: windows cut
/// at whole seconds after recovery would split a herd that straddles a cut in two.
fn busiest_second(sorted_ms: &[u64]) -> u64 {
    let mut start = 0;
    let mut most = 0;
    for (end, &t) in sorted_ms.iter().enumerate() {
        while sorted_ms[start] + 1_000 <= t {
            start += 1;
        }
        most = most.max(end + 1 - start);
    }
    most as u64
}

fn percentile(sorted: &[u64], p: usize) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    sorted[((sorted.len() - 1) * p).div_ceil(100)]
}

fn run() -> Vec<(&'static str, Vec<(&'static str, Figures)>)> {
    SCENARIOS
        .iter()
        .map(|scenario| {
            let visitors = visitors(VISITORS, scenario.first_error_spread_ms);
            let figures = strategies()
                .into_iter()
                .map(|(name, strategy)| (name, simulate(strategy, scenario.outage_ms, &visitors)))
                .collect();
            (scenario.key, figures)
        })
        .collect()
}

fn main() {
    let json = std::env::args().any(|arg| arg == "--json");
    let results = run();
    if json {
        let outages: Vec<String> = results
            .iter()
            .map(|(key, figures)| {
                let strategies: Vec<String> = figures
                    .iter()
                    .map(|(name, f)| {
                        format!(
                            "\"{name}\": {{\"origin_requests\": {}, \"peak_rps_after_recovery\": {}, \"reload_delay_p50_ms\": {}, \"reload_delay_p95_ms\": {}}}",
                            f.origin_requests, f.peak_rps_after_recovery, f.reload_delay_p50_ms, f.reload_delay_p95_ms
                        )
                    })
                    .collect();
                format!("  \"{key}\": {{\n    {}\n  }}", strategies.join(",\n    "))
            })
            .collect();
        println!("{{\n{}\n}}", outages.join(",\n"));
        return;
    }
    println!("{VISITORS} visitors");
    for (key, figures) in &results {
        println!("\noutage {key}");
        println!(
            "{:<26}{:>16}{:>12}{:>12}{:>12}",
            "strategy", "origin reqs", "peak rps", "p50 s", "p95 s"
        );
        for (name, f) in figures {
            println!(
                "{:<26}{:>16}{:>12}{:>12.1}{:>12.1}",
                name,
                f.origin_requests,
                f.peak_rps_after_recovery,
                f.reload_delay_p50_ms as f64 / 1_000.0,
                f.reload_delay_p95_ms as f64 / 1_000.0
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fewest requests a probe strategy must send in its busiest second after recovery to
    /// reload 95 % of the visitors within `p95_ms`: each sends its good probe and its reload
    /// (2 requests) inside [0, p95_ms], which `p95_ms / 1 000 + 1` one-second windows cover.
    fn peak_lower_bound(visitors: usize, p95_ms: u64) -> u64 {
        let within = ((visitors - 1) * 95).div_ceil(100) + 1; // as `percentile` counts
        (2 * within as u64).div_ceil(p95_ms / 1_000 + 1)
    }

    #[test]
    fn explain502_meets_the_bar_against_the_herd() {
        // The issue's own 10 000 visitors (≈ 6 s unoptimized): the figures below are the
        // ones `cargo run --release --example herd` prints.
        let results = run();
        let get = |outage: &str, name: &str| {
            let (_, figures) = results.iter().find(|(o, _)| *o == outage).unwrap();
            figures.iter().find(|(n, _)| *n == name).unwrap().1
        };
        let (long, short) = (get("600s", "explain502"), get("60s", "explain502"));
        let ratio = long.origin_requests as f64 / get("600s", "fixed_5s").origin_requests as f64;
        assert!(ratio <= 0.15, "origin requests {ratio:.3}× fixed_5s"); // 0.142
        assert!(long.reload_delay_p95_ms <= 75_000, "{long:?}"); // 58.8 s
        assert!(short.reload_delay_p95_ms <= 20_000, "{short:?}"); // 17.1 s

        // The peak bar (≤ 0.25× no_jitter's peak second after recovery) is a trade-off:
        // - In the scenario (arrivals spread over a minute) no_jitter cannot herd:
        //   each visitor's fixed schedule is offset by its own arrival, so its peak (436 rps)
        //   is already about its average rate. And to reload 95 % within 75 s, any probe
        //   strategy puts 2 × 9 501 requests (good probe + reload) in 76 one-second windows:
        //   ≥ 251 rps = 0.58× no_jitter, whatever the policy (a refresh, 1 request each,
        //   still ≥ 126 rps > 0.25 × 436 = 109). explain502: 422 rps (0.97×), 1.68× that
        //   bound; the rest is the Poisson noise of random arrivals. Held: ≤ 1.7× (426 rps).
        // - Where herds do form (every page open when the site falls over, "_synchronised"),
        //   explain502 holds the bar: 2 706 vs 20 000 rps (0.14×) for 60 s, 450 vs 20 000
        //   (0.023×) for 10 min.
        let peak = |outage, name| get(outage, name).peak_rps_after_recovery as f64;
        let bound = peak_lower_bound(VISITORS, 75_000) as f64; // 251
        assert!(
            bound > 0.25 * peak("600s", "no_jitter"),
            "the peak bar came within reach: assert it instead of this trade-off"
        );
        assert!(peak("600s", "explain502") <= 1.7 * bound, "{long:?}");
        for outage in ["60s_synchronised", "600s_synchronised"] {
            let (ours, herd) = (peak(outage, "explain502"), peak(outage, "no_jitter"));
            assert!(ours <= 0.25 * herd, "{outage}: {ours} vs no_jitter {herd}");
        }

        // Why proportional jitter: full jitter halves the mean wait, so it costs far more.
        let requests = |name| get("600s", name).origin_requests;
        assert!(requests("full_jitter") as f64 >= 1.4 * requests("explain502") as f64);
        // Pausing while hidden shows; a cached probe costs one origin request per period.
        assert!(requests("explain502_half_hidden") < requests("explain502"));
        assert!(requests("explain502_cached_probe") <= 600_000 / HEALTH_CACHE_MS);
    }
}
