//! Response and log together: the response alone often cannot tell its causes apart (nginx's
//! one 502 page for "refused", "no live upstreams" and "reset"); the gateway's log line for
//! the same request can. The rule:
//!
//! 1. The log lines that belong to this response: request failures (not health lines) of the
//!    same gateway, written within `SAME_TIME_S` of the response's `Date`; when no line's time
//!    matches (another clock, a log read later), those naming the same request path; when
//!    none does, those naming the same upstream; else every request failure in the log.
//! 2. Their causes, averaged, weigh the response's own ranking: each cause's weight is the
//!    log's share × (the response's confidence + a floor, so a cause the response could not
//!    see is not ruled out by it). The result is never surer than the log lines themselves.
//!
//! What else it could mean: a log of a busy gateway has other requests' failures in the same
//! second; the request path narrows that, the upstream less so. `matched_by` says which held.

use super::rules::Dist;
use super::time;
use crate::diagnose::CauseId;
use crate::gateway::GatewayId;
use crate::prelude::*;
use crate::report::Cause;

/// How far apart the response's Date and a log line's time may be, in seconds.
pub const SAME_TIME_S: i64 = 2;
/// What a cause the response did not rank still weighs.
const FLOOR: f32 = 0.5;

/// What the log said of one request failure, owned (the lines may be long gone).
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub gateway: GatewayId,
    pub causes: Dist,
    pub health: bool,
    pub at: Option<i64>,
    pub upstream: Option<String>,
    pub request: Option<String>,
}

impl From<&super::Finding<'_>> for Evidence {
    fn from(f: &super::Finding<'_>) -> Self {
        let text = |b: Option<&[u8]>| b.map(|b| String::from_utf8_lossy(b).into_owned());
        Evidence {
            gateway: f.gateway,
            causes: f.causes,
            health: f.health,
            at: f.at,
            upstream: text(f.upstream),
            request: text(f.request),
        }
    }
}

/// What the response was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Response<'a> {
    pub gateway: Option<GatewayId>,
    pub causes: &'a [Cause],
    /// The response's `Date` header.
    pub date: Option<&'a str>,
    /// The request's path (`/cart`), when known.
    pub path: Option<&'a str>,
    pub upstream: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    Time,
    Request,
    Upstream,
    Everything,
}

impl MatchedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Time => "time",
            MatchedBy::Request => "request",
            MatchedBy::Upstream => "upstream",
            MatchedBy::Everything => "all_lines",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Narrowed {
    /// Ranked, best first.
    pub causes: Vec<Cause>,
    /// How many log lines were used.
    pub lines: usize,
    pub matched_by: MatchedBy,
}

/// `Sun, 06 Dec 2026 09:06:23 GMT` → seconds.
pub fn http_date(date: &str) -> Option<i64> {
    let rest = date.as_bytes().get(5..)?;
    // "06 Dec 2026 09:06:23" → "06/Dec/2026:09:06:23"
    if rest.len() < 20 {
        return None;
    }
    let mut clf = [0u8; 20];
    clf.copy_from_slice(&rest[..20]);
    clf[2] = b'/';
    clf[6] = b'/';
    clf[11] = b':';
    time::clf(&clf)
}

fn path_of(request: &str) -> &str {
    // "GET /refused HTTP/1.1", "http://127.0.0.1/refused", "/refused"
    let target = request
        .split(' ')
        .find(|p| p.starts_with('/') || p.contains("://"))
        .unwrap_or(request);
    let target = match target.find("://") {
        Some(at) => target[at + 3..]
            .find('/')
            .map_or("/", |p| &target[at + 3 + p..]),
        None => target,
    };
    target.split(['?', '#']).next().unwrap_or(target)
}

/// Narrows the response's causes with the log's evidence; None when the log has no request
/// failure of this gateway.
pub fn narrow(response: &Response<'_>, log: &[Evidence]) -> Option<Narrowed> {
    let same_gateway = |e: &&Evidence| !e.health && response.gateway.is_none_or(|g| g == e.gateway);
    let candidates: Vec<&Evidence> = log.iter().filter(same_gateway).collect();
    if candidates.is_empty() {
        return None;
    }
    let date = response.date.and_then(http_date);
    let pick = |keep: &dyn Fn(&Evidence) -> bool| -> Vec<&Evidence> {
        candidates.iter().copied().filter(|e| keep(e)).collect()
    };
    let by_time = date.map(|d| pick(&|e| e.at.is_some_and(|at| (at - d).abs() <= SAME_TIME_S)));
    let by_request = response.path.map(|p| {
        pick(&|e| {
            e.request
                .as_deref()
                .is_some_and(|r| path_of(r) == path_of(p))
        })
    });
    let by_upstream = response
        .upstream
        .map(|u| pick(&|e| e.upstream.as_deref() == Some(u)));
    let (chosen, matched_by) = [
        (by_time, MatchedBy::Time),
        (by_request, MatchedBy::Request),
        (by_upstream, MatchedBy::Upstream),
    ]
    .into_iter()
    .find_map(|(lines, by)| lines.filter(|l| !l.is_empty()).map(|l| (l, by)))
    .unwrap_or((candidates, MatchedBy::Everything));

    // The log's average distribution, in 0–1, and its own top confidence.
    let mut log_share = [0f32; CauseId::ALL.len()];
    for e in &chosen {
        for &(cause, pct) in e.causes {
            log_share[cause as usize] += pct as f32 / 100.0 / chosen.len() as f32;
        }
    }
    let log_top = log_share.iter().copied().fold(0.0, f32::max);
    let mut weights = [0f32; CauseId::ALL.len()];
    for cause in CauseId::ALL {
        let prior = response
            .causes
            .iter()
            .find(|c| c.id == *cause)
            .map_or(0.0, |c| c.confidence);
        weights[*cause as usize] = log_share[*cause as usize] * (prior + FLOOR);
    }
    let total: f32 = weights.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let mut causes: Vec<Cause> = CauseId::ALL
        .iter()
        .filter(|c| weights[**c as usize] > 0.0)
        .map(|&id| Cause {
            id,
            confidence: round2((weights[id as usize] / total).min(log_top)),
        })
        .collect();
    causes.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    Some(Narrowed {
        causes,
        lines: chosen.len(),
        matched_by,
    })
}

fn round2(x: f32) -> f32 {
    libm::roundf(x * 100.0) / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_paths() {
        assert_eq!(
            http_date("Sun, 06 Dec 2026 09:06:23 GMT"),
            time::clf(b"06/Dec/2026:09:06:23")
        );
        assert_eq!(path_of("GET /refused?x=1 HTTP/1.1"), "/refused");
        assert_eq!(path_of("http://127.0.0.1:8080/refused"), "/refused");
        assert_eq!(path_of("/refused"), "/refused");
    }
}
