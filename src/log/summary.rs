//! A summary over any amount of log: counts per cause and gateway, first and last seen, the
//! top upstream addresses, the window where failures cluster, and the developer advice for the
//! leading cause (the Report's own advice table, called with the log's gateway). Memory is
//! bounded whatever the input: fixed counters, at most `UPSTREAMS` addresses (Misra–Gries:
//! the frequent ones survive, counts are lower bounds) and at most `WINDOWS` open windows.

use super::{time, Finding, Line};
use crate::advice;
use crate::diagnose::CauseId;
use crate::gateway::GatewayId;
use crate::i18n::Lang;
use crate::prelude::*;
use crate::report::{Cause, Context, Gateway, Hop, Tip};
use crate::status::Family;

const UPSTREAMS: usize = 64;
/// Windows kept open at once (a log is mostly in time order; an older window that comes back
/// after being closed starts again, so a badly shuffled log may split a cluster).
const WINDOWS: usize = 64;
/// The width of a cluster window, seconds.
pub const WINDOW_S: i64 = 300;

#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub lines: u64,
    pub recognised: u64,
    /// Of `recognised`: health checks and server state changes.
    pub health: u64,
    /// Access-log lines with a 5xx status and no reason (a CLF line, `varnishncsa`).
    pub status_only: u64,
    /// Access-log 5xx lines that took their request's cause from its error-log line (join.rs):
    /// the same failure as that line, so not counted again in `recognised` or `by_cause`.
    pub joined: u64,
    /// Request failures per cause (health lines apart, in `health_by_cause`).
    pub by_cause: [u64; CauseId::ALL.len()],
    pub health_by_cause: [u64; CauseId::ALL.len()],
    /// Request failures per gateway (health lines apart, in `health_by_gateway`).
    pub by_gateway: [u64; GatewayId::ALL.len()],
    pub health_by_gateway: [u64; GatewayId::ALL.len()],
    pub first: Option<i64>,
    pub last: Option<i64>,
    upstreams: Vec<(Vec<u8>, u64)>,
    /// (window, failures), oldest first.
    windows: Vec<(i64, u64)>,
    best_window: Option<(i64, u64)>,
}

/// The busiest window.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub from: i64,
    pub to: i64,
    pub failures: u64,
}

impl Summary {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, f: &Finding<'_>) {
        self.recognised += 1;
        if f.health {
            self.health += 1;
            self.health_by_cause[f.cause() as usize] += 1;
            self.health_by_gateway[f.gateway as usize] += 1;
        } else {
            self.by_cause[f.cause() as usize] += 1;
            self.by_gateway[f.gateway as usize] += 1;
        }
        if let Some(at) = f.at {
            self.first = Some(self.first.map_or(at, |t| t.min(at)));
            self.last = Some(self.last.map_or(at, |t| t.max(at)));
            if !f.health {
                self.count_window(at.div_euclid(WINDOW_S));
            }
        }
        if let Some(upstream) = f.upstream {
            self.count_upstream(upstream);
        }
    }

    /// A line that is not a finding (counted by `lines` through `line()`).
    pub fn add_other(&mut self, line: &Line<'_>) {
        if let Line::StatusOnly(_) = line {
            self.status_only += 1;
        }
    }

    /// An access line joined to its request's error line (join.rs).
    pub fn add_joined(&mut self) {
        self.joined += 1;
    }

    pub fn line(&mut self) {
        self.lines += 1;
    }

    fn count_window(&mut self, window: i64) {
        // Mostly the newest window: searched from the end.
        match self.windows.iter().rposition(|(w, _)| *w <= window) {
            Some(at) if self.windows[at].0 == window => self.windows[at].1 += 1,
            found => {
                let at = found.map_or(0, |at| at + 1);
                self.windows.insert(at, (window, 1));
                if self.windows.len() > WINDOWS {
                    let (oldest, count) = self.windows.remove(0);
                    self.keep_best(oldest, count);
                }
            }
        }
    }

    fn keep_best(&mut self, window: i64, count: u64) {
        if self.best_window.is_none_or(|(_, best)| count > best) {
            self.best_window = Some((window, count));
        }
    }

    fn count_upstream(&mut self, upstream: &[u8]) {
        let upstream = &upstream[..upstream.len().min(200)];
        if let Some(entry) = self.upstreams.iter_mut().find(|(u, _)| u == upstream) {
            entry.1 += 1;
        } else if self.upstreams.len() < UPSTREAMS {
            self.upstreams.push((upstream.to_vec(), 1));
        } else {
            for entry in &mut self.upstreams {
                entry.1 -= 1;
            }
            self.upstreams.retain(|(_, n)| *n > 0);
        }
    }

    /// The most frequent upstream addresses, most first (at most `n`).
    pub fn upstreams(&self, n: usize) -> Vec<(String, u64)> {
        let mut top: Vec<(String, u64)> = self
            .upstreams
            .iter()
            .map(|(u, n)| (String::from_utf8_lossy(u).into_owned(), *n))
            .collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top.truncate(n);
        top
    }

    pub fn cluster(&self) -> Option<Cluster> {
        let mut best = self.best_window;
        for &(window, count) in &self.windows {
            if best.is_none_or(|(_, b)| count > b) {
                best = Some((window, count));
            }
        }
        best.map(|(window, failures)| Cluster {
            from: window * WINDOW_S,
            to: window * WINDOW_S + WINDOW_S,
            failures,
        })
    }

    /// Request failures (not health lines) per cause, most first.
    pub fn causes(&self) -> Vec<(CauseId, u64)> {
        Self::ranked(&self.by_cause)
    }

    /// Health lines per cause, most first.
    pub fn health_causes(&self) -> Vec<(CauseId, u64)> {
        Self::ranked(&self.health_by_cause)
    }

    fn ranked(counts: &[u64; CauseId::ALL.len()]) -> Vec<(CauseId, u64)> {
        let mut causes: Vec<(CauseId, u64)> = CauseId::ALL
            .iter()
            .map(|&c| (c, counts[c as usize]))
            .filter(|(_, n)| *n > 0)
            .collect();
        causes.sort_by(|a, b| b.1.cmp(&a.1).then((a.0 as u8).cmp(&(b.0 as u8))));
        causes
    }

    /// The gateway most request failures (else health lines) came from.
    pub fn gateway(&self) -> Option<GatewayId> {
        let counts = if self.by_gateway.iter().any(|n| *n > 0) {
            &self.by_gateway
        } else {
            &self.health_by_gateway
        };
        GatewayId::ALL
            .iter()
            .copied()
            .filter(|g| counts[*g as usize] > 0)
            .max_by_key(|g| (counts[*g as usize], core::cmp::Reverse(*g as u8)))
    }

    /// The developer advice for the leading cause of the request failures (else of the health
    /// lines), tailored to the gateway.
    pub fn advice(&self, lang: Lang) -> Vec<Tip> {
        let causes = self.causes();
        let (causes, total) = if causes.is_empty() {
            (self.health_causes(), self.health)
        } else {
            (causes, self.recognised - self.health)
        };
        let Some(&(cause, count)) = causes.first() else {
            return Vec::new();
        };
        advice_for(
            cause,
            count as f32 / total.max(1) as f32,
            self.gateway(),
            lang,
        )
    }
}

/// The Report's developer advice for one cause at one gateway (src/advice.rs decides).
pub fn advice_for(
    cause: CauseId,
    confidence: f32,
    gateway: Option<GatewayId>,
    lang: Lang,
) -> Vec<Tip> {
    let family = match cause {
        CauseId::UpstreamTimeout => Family::GatewayTimeout,
        CauseId::NoHealthyUpstream | CauseId::Overloaded | CauseId::Maintenance => {
            Family::ServiceUnavailable
        }
        _ => Family::BadGateway,
    };
    // The advice names the gateway as a response's `Server` header would.
    let name = gateway.map(|g| {
        String::from(match g {
            GatewayId::Apache => "Apache",
            GatewayId::Haproxy => "HAProxy",
            GatewayId::Varnish => "Varnish",
            GatewayId::Caddy => "Caddy",
            GatewayId::Squid => "Squid",
            GatewayId::Envoy => "Envoy",
            GatewayId::Traefik => "Traefik",
            GatewayId::Heroku => "Heroku",
            other => other.as_str(),
        })
    });
    let gateway = Gateway {
        id: gateway,
        name,
        ..Gateway::default()
    };
    let causes = [Cause {
        id: cause,
        confidence,
    }];
    advice::advise(
        family,
        &gateway,
        Hop::Upstream,
        &causes,
        &Context::default(),
        lang,
    )
    .developer
}

/// `YYYY/MM/DD HH:MM:SS`.
pub fn show_time(at: i64) -> String {
    String::from_utf8_lossy(&time::format(at)).into_owned()
}
