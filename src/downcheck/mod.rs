//! "Is it down for everyone or just me?" (contract §2b): several independent providers are
//! asked at once; their answers become one honest verdict.
//!
//! Pure: this module builds request URLs and reads answer texts; the edges fetch (the wasm
//! `downCheck` with gloo-net, the probe server with its own client). Everything a provider
//! says is untrusted data: kept short (`clean_text`), never markup.

pub mod custom;
pub mod direct;
pub mod explain502;
pub mod isitup;
pub mod json;
pub mod probe;
pub mod statuspage;
pub mod url;
pub mod wayback;

use crate::prelude::*;
use serde::Serialize;

/// One provider's opinion of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Up,
    Down,
    Unknown,
}

impl Answer {
    /// The serialized name (as serde's `snake_case`), for the wasm edge's hand-built objects.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Up => "up",
            Answer::Down => "down",
            Answer::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    DownForEveryone,
    JustYou,
    Unknown,
}

impl Verdict {
    /// The serialized name (as serde's `snake_case`), for the wasm edge's hand-built objects.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::DownForEveryone => "down_for_everyone",
            Verdict::JustYou => "just_you",
            Verdict::Unknown => "unknown",
        }
    }
}

/// An archived copy of the page (from the Wayback Machine).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Archived {
    pub url: String,
    pub timestamp: String,
}

/// One provider's answer as it goes on the wire (contract §2b `providers[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderAnswer {
    pub id: &'static str,
    pub answer: Answer,
    /// Short plain text for people; never markup.
    pub detail: String,
    pub elapsed_ms: u64,
    /// The archived copy this provider found (wayback only); reported once, at the top.
    #[serde(skip)]
    pub archived: Option<Archived>,
    /// The visitor's own connection is down (direct only): then it is "just you".
    #[serde(skip)]
    pub visitor_offline: bool,
    /// Where an explain502 probe checked from: the Cloudflare data centre it ran in (its
    /// `probe.colo`), else the endpoint's host. Answers from one vantage point are one vote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vantage: Option<String>,
}

/// The down-check result (contract §2b).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DownCheck {
    pub verdict: Verdict,
    /// 0–1; lowered by disagreement, 0 when unknown.
    pub confidence: f64,
    pub providers: Vec<ProviderAnswer>,
    pub archived: Option<Archived>,
}

/// What a provider's answer text says, before its id and timing are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub answer: Answer,
    pub detail: String,
    pub archived: Option<Archived>,
    pub visitor_offline: bool,
    /// Where the provider checked from, when it says (an explain502 probe's `probe.colo`).
    pub vantage: Option<String>,
}

impl Reading {
    pub fn new(answer: Answer, detail: &str) -> Reading {
        Reading {
            answer,
            detail: clean_text(detail, MAX_DETAIL_CHARS),
            archived: None,
            visitor_offline: false,
            vantage: None,
        }
    }

    pub fn unknown(detail: &str) -> Reading {
        Reading::new(Answer::Unknown, detail)
    }

    pub fn into_answer(self, id: &'static str, elapsed_ms: u64) -> ProviderAnswer {
        ProviderAnswer {
            id,
            answer: self.answer,
            detail: self.detail,
            elapsed_ms,
            archived: self.archived,
            visitor_offline: self.visitor_offline,
            vantage: self.vantage,
        }
    }
}

/// How the fetch of a provider went, as the edge saw it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fetched<'a> {
    Answered {
        status: u16,
        body: &'a str,
    },
    /// No answer within the per-provider timeout (or before the overall deadline).
    TimedOut {
        after_ms: u64,
    },
    /// Network error, refused connection, CORS, DNS: the fetch itself failed.
    Failed,
    /// The answer was longer than [`json::MAX_JSON_BYTES`].
    TooLarge,
    /// Nothing was fetched (direct without a reference URL).
    NotAsked,
}

/// The providers (one file each). Each builds its request URL from a configurable base (so
/// tests point them at loopback) and reads its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Provider {
    /// An Atlassian Statuspage(-compatible) page: `{base}/api/v2/summary.json`.
    Statuspage,
    /// isitup.org: `{base}/{host}.json`.
    Isitup,
    /// The Wayback Machine availability API: the archived copy, not a vote.
    Wayback,
    /// An operator's JSON endpoint; `pointer` (RFC 6901) names the up/down field.
    Custom { pointer: String },
    /// explain502's own probe server: `{base}/api/check?url=…`.
    Explain502,
    /// The browser's own view: is the visitor online, and what did the site answer them?
    Direct {
        online: bool,
        site_status: Option<u16>,
    },
}

impl Provider {
    pub fn id(&self) -> &'static str {
        match self {
            Provider::Statuspage => "statuspage",
            Provider::Isitup => "isitup",
            Provider::Wayback => "wayback",
            Provider::Custom { .. } => "custom",
            Provider::Explain502 => "explain502",
            Provider::Direct { .. } => "direct",
        }
    }

    /// The URL to fetch for `target` (the page being checked), or None when this provider
    /// cannot be asked about it (e.g. no host) or has nothing to fetch.
    pub fn request_url(&self, base: &str, target: &str) -> Option<String> {
        if !url::is_http_url(base) {
            return None;
        }
        match self {
            Provider::Statuspage => Some(statuspage::request_url(base)),
            Provider::Isitup => isitup::request_url(base, target),
            Provider::Wayback => wayback::request_url(base, target),
            Provider::Custom { .. } => custom::request_url(base, target),
            Provider::Explain502 => explain502::request_url(base, target),
            Provider::Direct { .. } => Some(base.to_string()),
        }
    }

    /// What the fetch says. Transport failures and non-2xx answers are `unknown`, never a guess.
    pub fn read(&self, fetched: Fetched) -> Reading {
        if let Provider::Direct {
            online,
            site_status,
        } = self
        {
            return direct::read(*online, fetched, *site_status);
        }
        match fetched {
            Fetched::Answered { status, body } if (200..300).contains(&status) => match self {
                Provider::Statuspage => statuspage::read(body),
                Provider::Isitup => isitup::read(body),
                Provider::Wayback => wayback::read(body),
                Provider::Custom { pointer } => custom::read(body, pointer),
                Provider::Explain502 => explain502::read(body),
                Provider::Direct { .. } => unreachable!("handled above"),
            },
            Fetched::Answered { status, body } => {
                let mut detail = String::from("provider answered HTTP ");
                detail.push_str(&status.to_string());
                // The probe server explains its refusals and its rate limit in `error`.
                if let Some(error) = json::parse(body)
                    .as_ref()
                    .and_then(|doc| doc.get("error"))
                    .and_then(json::Json::as_str)
                {
                    detail.push_str(": ");
                    detail.push_str(error);
                }
                Reading::unknown(&detail)
            }
            Fetched::TimedOut { after_ms } => {
                let mut detail = String::from("no answer within ");
                detail.push_str(&after_ms.to_string());
                detail.push_str(" ms");
                Reading::unknown(&detail)
            }
            Fetched::Failed => Reading::unknown("provider unreachable"),
            Fetched::TooLarge => Reading::unknown("provider answer too large"),
            Fetched::NotAsked => Reading::unknown("not asked"),
        }
    }
}

/// The detail of an answer that is not the provider's documented JSON.
const INVALID_ANSWER: &str = "invalid answer (not the documented JSON)";

/// The longest `detail` kept, in characters.
pub const MAX_DETAIL_CHARS: usize = 200;

/// Untrusted text made safe to keep: control characters become spaces, runs of spaces
/// collapse, and it is cut to `max_chars` (with "…"). It stays plain text: surfaces render it
/// with `textContent`, so `<img onerror=…>` shows as those characters.
pub fn clean_text(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut last_space = true;
    for c in text.chars() {
        let c = if crate::inert::is_control_or_format(c) || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && last_space {
            continue;
        }
        if count == max_chars {
            out.push('…');
            return out;
        }
        last_space = c == ' ';
        out.push(c);
        count += 1;
    }
    out.truncate(out.trim_end().len());
    out
}

/// The up and down votes of the independent providers (all but `direct` and `wayback`). One
/// vantage point is one vote: answers sharing an id and a vantage (two explain502 endpoints
/// that ran in the same data centre, or one endpoint listed twice) are one vote, their
/// majority (none on a tie). Providers without a vantage vote once per answer, as before.
fn votes(providers: &[ProviderAnswer]) -> (u32, u32) {
    let (mut up, mut down) = (0u32, 0u32);
    for (i, p) in providers.iter().enumerate() {
        if p.id == "direct" || p.id == "wayback" {
            continue;
        }
        let same_place =
            |q: &ProviderAnswer| p.vantage.is_some() && q.id == p.id && q.vantage == p.vantage;
        if providers[..i].iter().any(same_place) {
            continue; // this vantage point has voted
        }
        let mut balance = 0i32; // up minus down, within this vantage point
        for q in providers[i..]
            .iter()
            .filter(|q| core::ptr::eq(*q, p) || same_place(q))
        {
            balance += match q.answer {
                Answer::Up => 1,
                Answer::Down => -1,
                Answer::Unknown => 0,
            };
        }
        if balance > 0 {
            up += 1;
        } else if balance < 0 {
            down += 1;
        }
    }
    (up, down)
}

/// Confidence (in percent) of a verdict backed by this many agreeing providers, before
/// disagreement is taken into account. One source is a hint; more sources, more trust; never
/// certainty.
const AGREEMENT_PERCENT: [u32; 5] = [0, 60, 75, 85, 90];

/// The verdict from all answers. The rules:
///
/// 1. If the visitor's own connection is down (`direct` says offline), it is `just_you`
///    (0.9): nothing else can be concluded from a browser that reaches nothing.
/// 2. The votes are the `up`/`down` answers of the independent providers (all but `direct`,
///    which is the visitor's own view, and `wayback`, which only finds archived copies).
///    `unknown` answers (timeouts, errors, junk) do not vote.
/// 3. No votes, or as many up as down → `unknown` (0): never a guess.
/// 4. Otherwise the majority decides: down → `down_for_everyone`, up → `just_you` (the site
///    answers others, so the trouble is on the visitor's path).
/// 5. Confidence = AGREEMENT_PERCENT[majority] × majority ÷ (majority + dissent). Dissent is
///    the minority's votes, plus one when the visitor's own view contradicts a `down` majority
///    (it answered the visitor fine).
pub fn verdict(providers: Vec<ProviderAnswer>) -> DownCheck {
    let archived = providers.iter().find_map(|p| p.archived.clone());
    let (verdict, percent) = judge(&providers);
    DownCheck {
        verdict,
        confidence: f64::from(percent) / 100.0,
        providers,
        archived,
    }
}

fn judge(providers: &[ProviderAnswer]) -> (Verdict, u32) {
    if providers.iter().any(|p| p.visitor_offline) {
        return (Verdict::JustYou, 90);
    }
    let (up, down) = votes(providers);
    if up == down {
        return (Verdict::Unknown, 0);
    }
    let visitor_sees_up = providers
        .iter()
        .any(|p| p.id == "direct" && p.answer == Answer::Up);
    let (verdict, majority, dissent) = if down > up {
        (
            Verdict::DownForEveryone,
            down,
            up + u32::from(visitor_sees_up),
        )
    } else {
        (Verdict::JustYou, up, down)
    };
    let base = AGREEMENT_PERCENT[(majority as usize).min(AGREEMENT_PERCENT.len() - 1)];
    (verdict, base * majority / (majority + dissent))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wasm edge builds its objects with `as_str`: the same names as serde's.
    #[test]
    #[cfg(not(target_arch = "wasm32"))] // serde_json is native-only
    fn answer_and_verdict_names_are_the_serialized_ones() {
        for answer in [Answer::Up, Answer::Down, Answer::Unknown] {
            assert_eq!(serde_json::to_value(answer).unwrap(), answer.as_str());
        }
        for verdict in [Verdict::DownForEveryone, Verdict::JustYou, Verdict::Unknown] {
            assert_eq!(serde_json::to_value(verdict).unwrap(), verdict.as_str());
        }
    }

    fn answer(id: &'static str, answer: Answer) -> ProviderAnswer {
        Reading::new(answer, "").into_answer(id, 1)
    }

    fn parse_answer(c: char) -> Answer {
        match c {
            'u' => Answer::Up,
            'd' => Answer::Down,
            _ => Answer::Unknown,
        }
    }

    /// Every combination of up (u) / down (d) / unknown (?) across three independent providers.
    const TABLE: [(&str, Verdict, f64); 27] = [
        ("uuu", Verdict::JustYou, 0.85),
        ("uud", Verdict::JustYou, 0.5),
        ("uu?", Verdict::JustYou, 0.75),
        ("udu", Verdict::JustYou, 0.5),
        ("udd", Verdict::DownForEveryone, 0.5),
        ("ud?", Verdict::Unknown, 0.0),
        ("u?u", Verdict::JustYou, 0.75),
        ("u?d", Verdict::Unknown, 0.0),
        ("u??", Verdict::JustYou, 0.6),
        ("duu", Verdict::JustYou, 0.5),
        ("dud", Verdict::DownForEveryone, 0.5),
        ("du?", Verdict::Unknown, 0.0),
        ("ddu", Verdict::DownForEveryone, 0.5),
        ("ddd", Verdict::DownForEveryone, 0.85),
        ("dd?", Verdict::DownForEveryone, 0.75),
        ("d?u", Verdict::Unknown, 0.0),
        ("d?d", Verdict::DownForEveryone, 0.75),
        ("d??", Verdict::DownForEveryone, 0.6),
        ("?uu", Verdict::JustYou, 0.75),
        ("?ud", Verdict::Unknown, 0.0),
        ("?u?", Verdict::JustYou, 0.6),
        ("?du", Verdict::Unknown, 0.0),
        ("?dd", Verdict::DownForEveryone, 0.75),
        ("?d?", Verdict::DownForEveryone, 0.6),
        ("??u", Verdict::JustYou, 0.6),
        ("??d", Verdict::DownForEveryone, 0.6),
        ("???", Verdict::Unknown, 0.0),
    ];

    #[test]
    fn the_verdict_table_across_three_providers() {
        let ids = ["statuspage", "isitup", "explain502"];
        for (row, want, confidence) in TABLE {
            let answers = row
                .chars()
                .zip(ids)
                .map(|(c, id)| answer(id, parse_answer(c)))
                .collect();
            let got = verdict(answers);
            assert_eq!(
                (got.verdict, got.confidence),
                (want, confidence),
                "row {row}"
            );
        }
    }

    fn probe_at(vantage: &str, a: Answer) -> ProviderAnswer {
        let mut p = answer("explain502", a);
        p.vantage = Some(vantage.into());
        p
    }

    #[test]
    fn independent_vantage_points_agreeing_raise_confidence_one_vote_each() {
        let one = verdict(vec![probe_at("FRA", Answer::Down)]);
        assert_eq!(
            (one.verdict, one.confidence),
            (Verdict::DownForEveryone, 0.6)
        );
        let three = verdict(vec![
            probe_at("FRA", Answer::Down),
            probe_at("self.example", Answer::Down),
            probe_at("NRT", Answer::Down),
        ]);
        assert_eq!(
            (three.verdict, three.confidence),
            (Verdict::DownForEveryone, 0.85)
        );
        // Two endpoints that ran in the same data centre are one vote.
        let same_place = verdict(vec![
            probe_at("FRA", Answer::Down),
            probe_at("FRA", Answer::Down),
        ]);
        assert_eq!(same_place.confidence, 0.6);
        // … and cannot outvote two other places.
        let outvoted = verdict(vec![
            probe_at("FRA", Answer::Down),
            probe_at("FRA", Answer::Down),
            probe_at("FRA", Answer::Down),
            probe_at("NRT", Answer::Up),
            probe_at("self.example", Answer::Up),
        ]);
        assert_eq!(
            (outvoted.verdict, outvoted.confidence),
            (Verdict::JustYou, 0.5)
        );
        // A vantage point that contradicts itself casts no vote.
        let torn = verdict(vec![
            probe_at("FRA", Answer::Down),
            probe_at("FRA", Answer::Up),
        ]);
        assert_eq!(torn.verdict, Verdict::Unknown);
        // Every answer keeps its row (and its vantage) in providers[].
        assert_eq!(outvoted.providers.len(), 5);
    }

    #[test]
    fn no_answers_at_all_is_unknown() {
        let got = verdict(Vec::new());
        assert_eq!((got.verdict, got.confidence), (Verdict::Unknown, 0.0));
        assert_eq!(got.archived, None);
    }

    #[test]
    fn an_offline_visitor_is_just_you_whatever_others_say() {
        let mut direct = answer("direct", Answer::Unknown);
        direct.visitor_offline = true;
        let got = verdict(vec![answer("isitup", Answer::Down), direct]);
        assert_eq!((got.verdict, got.confidence), (Verdict::JustYou, 0.9));
    }

    #[test]
    fn the_visitors_own_view_is_not_a_vote_but_can_dissent() {
        // Seeing the gateway error yourself says nothing about everyone else.
        let alone = verdict(vec![answer("direct", Answer::Down)]);
        assert_eq!(alone.verdict, Verdict::Unknown);
        let agree = verdict(vec![
            answer("isitup", Answer::Down),
            answer("direct", Answer::Down),
        ]);
        assert_eq!(
            (agree.verdict, agree.confidence),
            (Verdict::DownForEveryone, 0.6)
        );
        let dissent = verdict(vec![
            answer("isitup", Answer::Down),
            answer("direct", Answer::Up),
        ]);
        assert_eq!(
            (dissent.verdict, dissent.confidence),
            (Verdict::DownForEveryone, 0.3)
        );
    }

    #[test]
    fn wayback_gives_the_archived_copy_not_a_vote() {
        let mut wayback = answer("wayback", Answer::Up);
        wayback.archived = Some(Archived {
            url: "https://web.archive.org/web/2026/https://shop.example/".into(),
            timestamp: "2026".into(),
        });
        let got = verdict(vec![wayback]);
        assert_eq!(got.verdict, Verdict::Unknown);
        assert_eq!(got.archived.map(|a| a.timestamp), Some("2026".into()));
    }

    #[test]
    fn transport_failures_are_unknown_with_a_reason() {
        let cases: [(Fetched, &str); 6] = [
            (
                Fetched::TimedOut { after_ms: 5000 },
                "no answer within 5000 ms",
            ),
            (Fetched::Failed, "provider unreachable"),
            (Fetched::TooLarge, "provider answer too large"),
            (
                Fetched::Answered {
                    status: 500,
                    body: "<html>oops</html>",
                },
                "provider answered HTTP 500",
            ),
            (
                Fetched::Answered {
                    status: 429,
                    body: r#"{"error":"too many checks"}"#,
                },
                "provider answered HTTP 429: too many checks",
            ),
            (
                Fetched::Answered {
                    status: 200,
                    body: "{not json",
                },
                "invalid answer (not the documented JSON)",
            ),
        ];
        for (fetched, detail) in cases {
            assert_eq!(Provider::Isitup.read(fetched), Reading::unknown(detail));
        }
    }

    #[test]
    fn hostile_text_is_capped_and_flattened() {
        let long = "<img src=x onerror=alert(1)>".repeat(50);
        let cleaned = clean_text(&long, MAX_DETAIL_CHARS);
        assert_eq!(cleaned.chars().count(), MAX_DETAIL_CHARS + 1);
        assert!(cleaned.starts_with("<img src=x onerror=alert(1)>"));
        assert_eq!(clean_text("a\n\n\tb\u{0}c  ", 10), "a b c");
    }
}
