//! "Is it down for everyone?" at the browser's edge, in two synchronous halves around the
//! fetching that `www/widget/downcheck.js` does: `downCheckPlan` says what to ask, and
//! `downCheckVerdict` reads whatever arrived by the deadline into the pure verdict
//! (`crate::downcheck::verdict`). Fetching in wasm (gloo-net and an async runtime) cost ~10 KB
//! gzipped of the error page's budget; all the rules stay here and in `crate::downcheck`.
//!
//! `downCheck(core, url, config?) → Promise<DownCheck>` (contract §2b), in downcheck.js.
//!
//! Asks all enabled providers about `url` at once and resolves by the overall deadline with
//! `{ verdict: "down_for_everyone" | "just_you" | "unknown", confidence: 0–1,
//!    providers: [{ id, answer: "up" | "down" | "unknown", detail, elapsed_ms }],
//!    archived: { url, timestamp } | null }`.
//! It never rejects because of a provider (a provider that hangs, fails or talks nonsense is
//! `unknown`); it rejects only on a malformed `config`. `detail` and `archived.url` are
//! untrusted text: render them with `textContent` (and check the link's scheme if you link).
//!
//! `config` (all optional):
//! - `timeoutMs`: per provider (default 5000); `deadlineMs`: overall (default timeout + 1000).
//! - `seenStatus`: the status the visitor got (an error page knows it); `direct` then does not
//!   fetch the page again.
//! - `providers`: which to ask. A provider is asked only when listed here (no third party is
//!   contacted unless the caller says so); `{ enabled: false }` turns one off. Each takes a
//!   `base` URL (tests point them at loopback):
//!   - `statuspage: { base: "https://status.shop.example" }` (required base),
//!   - `isitup: { base? }` (default https://isitup.org), `wayback: { base? }` (default
//!     https://archive.org),
//!   - `custom: { base: "https://ops.example/health?site={host}", pointer: "/status" }`,
//!   - `explain502: { base: "https://probe.example" }` (an `explain502 serve --probe` or the
//!     Worker in worker/), or `explain502: { endpoints: ["https://probe.example",
//!     "https://explain502-probe.you.workers.dev"] }`: several vantage points, each asked
//!     (at most [`MAX_ENDPOINTS`], duplicates dropped); answers from one vantage point (the
//!     Worker's data centre, else the endpoint's host) are one vote. Each provider row then
//!     carries `vantage`.
//!   - `direct: { base? }`: the visitor's own view; `base` is a reference URL on another
//!     origin, fetched `no-cors` to tell "offline" from "the site is failing".
//!
//! The widget passes only CORS-capable providers; the extension (host permissions) may pass
//! all. Requests carry no credentials and no referrer.

use super::objects::Js;
use super::{field, into_error, whole_number};
use crate::downcheck::{self, json::MAX_JSON_BYTES, DownCheck, Fetched, Provider, Reading};
use crate::prelude::*;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

const DEFAULT_TIMEOUT_MS: u32 = 5_000;
const DEFAULT_ISITUP: &str = "https://isitup.org";
const DEFAULT_WAYBACK: &str = "https://archive.org";
/// The most explain502 endpoints asked in one check.
pub const MAX_ENDPOINTS: usize = 8;

/// The caller's config (see `downCheck`), read field by field (no serde: see `super`).
struct Config {
    timeout_ms: u32,
    deadline_ms: u32,
    seen_status: Option<u16>,
    providers: JsValue,
}

impl Config {
    fn from_js(config: &JsValue) -> Result<Config, JsValue> {
        let number = |key: &str| -> Result<Option<u64>, JsValue> {
            let value = field(config, key);
            if value.is_undefined() || value.is_null() {
                return Ok(None);
            }
            whole_number(&value).map(Some).ok_or_else(|| {
                into_error(
                    "bad down-check config: timeoutMs, deadlineMs and seenStatus are whole numbers",
                )
            })
        };
        let timeout_ms =
            number("timeoutMs")?.map_or(DEFAULT_TIMEOUT_MS, |n| n.clamp(100, 60_000) as u32);
        let deadline_ms =
            number("deadlineMs")?.map_or(timeout_ms + 1_000, |n| n.clamp(100, 120_000) as u32);
        let seen_status = number("seenStatus")?
            .filter(|s| (100..=999).contains(s))
            .map(|s| s as u16);
        Ok(Config {
            timeout_ms,
            deadline_ms,
            seen_status,
            providers: field(config, "providers"),
        })
    }

    /// `providers[id]` when listed and not `enabled: false`: its `base`, if any.
    fn provider(&self, id: &str) -> Option<(Option<String>, JsValue)> {
        let entry = field(&self.providers, id);
        let enabled = entry.is_object() && field(&entry, "enabled").as_bool() != Some(false);
        enabled.then(|| (field(&entry, "base").as_string(), entry))
    }
}

/// One provider to ask: what to fetch (None: nothing to fetch) and how to read it.
struct Job {
    provider: Provider,
    request: Option<String>,
    /// explain502 endpoints: the endpoint's host, the vantage point unless the answer names
    /// its data centre.
    vantage: Option<String>,
    /// direct only: fetch the checked page itself to learn the status the visitor gets.
    fetch_site: bool,
}

/// `downCheckPlan(url, config, online)` → `{ timeoutMs, deadlineMs, maxBodyBytes, jobs }`, where
/// each job is `{ id, url, mode: "cors" | "no-cors", readBody, siteUrl }` (`url` null: nothing
/// to fetch; `siteUrl`: the checked page itself, whose status `direct` needs). Throws on a
/// malformed config.
#[wasm_bindgen(js_name = downCheckPlan)]
pub fn down_check_plan(url: String, config: JsValue, online: bool) -> Result<JsValue, JsValue> {
    let config = Config::from_js(&config)?;
    let plan = Object::new();
    set(&plan, "timeoutMs", config.timeout_ms.into());
    set(&plan, "deadlineMs", config.deadline_ms.into());
    set(&plan, "maxBodyBytes", (MAX_JSON_BYTES as u32).into());
    let list = Array::new();
    for job in jobs(&url, &config, online) {
        let entry = Object::new();
        let direct = matches!(job.provider, Provider::Direct { .. });
        set(&entry, "id", job.provider.id().into());
        set(
            &entry,
            "url",
            job.request.map_or(JsValue::NULL, JsValue::from),
        );
        // Direct's reference is on another origin that owes us no CORS: reaching it is enough.
        set(
            &entry,
            "mode",
            if direct { "no-cors" } else { "cors" }.into(),
        );
        set(&entry, "readBody", (!direct).into());
        let site = job.fetch_site && downcheck::url::is_http_url(&url);
        set(
            &entry,
            "siteUrl",
            if site {
                JsValue::from(&url)
            } else {
                JsValue::NULL
            },
        );
        list.push(&entry);
    }
    set(&plan, "jobs", list.into());
    Ok(plan.into())
}

/// `downCheckVerdict(url, config, online, answers, waitedMs)` → the DownCheck. `answers[i]`
/// belongs to the plan's `jobs[i]`: null when nothing came by the deadline, else
/// `{ outcome: "answered" | "timed_out" | "failed" | "too_large" | "not_asked", status, body,
/// siteStatus, elapsedMs }`.
#[wasm_bindgen(js_name = downCheckVerdict)]
pub fn down_check_verdict(
    url: String,
    config: JsValue,
    online: bool,
    answers: JsValue,
    #[wasm_bindgen(js_name = waitedMs)] waited_ms: f64,
) -> Result<JsValue, JsValue> {
    let config = Config::from_js(&config)?;
    let answers = Array::from(&answers);
    let providers = jobs(&url, &config, online)
        .into_iter()
        .enumerate()
        .map(|(index, job)| {
            read(
                job,
                &answers.get(index as u32),
                config.timeout_ms,
                waited_ms,
            )
        })
        .collect();
    Ok(down_check(&downcheck::verdict(providers)))
}

/// The DownCheck as a JS object (contract §2b), `archived: null` when there is none.
fn down_check(check: &DownCheck) -> JsValue {
    let providers: js_sys::Array = check
        .providers
        .iter()
        .map(|p| {
            Js::new()
                .set("id", p.id)
                .set("answer", p.answer.as_str())
                .set("detail", p.detail.as_str())
                .set("elapsed_ms", p.elapsed_ms as f64)
                .set(
                    "vantage",
                    p.vantage
                        .as_deref()
                        .map_or(JsValue::UNDEFINED, JsValue::from_str),
                )
                .done()
        })
        .collect();
    let archived = check.archived.as_ref().map_or(JsValue::NULL, |a| {
        Js::new()
            .set("url", a.url.as_str())
            .set("timestamp", a.timestamp.as_str())
            .done()
    });
    Js::new()
        .set("verdict", check.verdict.as_str())
        .set("confidence", check.confidence)
        .set("providers", providers)
        .set("archived", archived)
        .done()
}

fn set(object: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value);
}

/// One job's answer, as JS fetched it, read by its provider.
fn read(job: Job, answer: &JsValue, timeout_ms: u32, waited_ms: f64) -> downcheck::ProviderAnswer {
    let mut provider = job.provider;
    let id = provider.id();
    if !answer.is_object() {
        let waited = whole_number(&JsValue::from(libm::round(waited_ms.max(0.0)))).unwrap_or(0);
        return Reading::unknown("no answer by the deadline").into_answer(id, waited);
    }
    if let Provider::Direct { site_status, .. } = &mut provider {
        if site_status.is_none() {
            *site_status = whole_number(&field(answer, "siteStatus"))
                .filter(|s| (100..=999).contains(s))
                .map(|s| s as u16);
        }
    }
    let body = field(answer, "body").as_string().unwrap_or_default();
    let status = whole_number(&field(answer, "status")).unwrap_or(0).min(999) as u16;
    let fetched = match field(answer, "outcome").as_string().as_deref() {
        Some("answered") => Fetched::Answered {
            status,
            body: &body,
        },
        Some("timed_out") => Fetched::TimedOut {
            after_ms: u64::from(timeout_ms),
        },
        Some("too_large") => Fetched::TooLarge,
        Some("not_asked") => Fetched::NotAsked,
        _ => Fetched::Failed,
    };
    let mut reading = if job.request.is_none() && !matches!(provider, Provider::Direct { .. }) {
        Reading::unknown("no usable base URL or page URL for this provider")
    } else {
        provider.read(fetched)
    };
    if reading.vantage.is_none() {
        reading.vantage = job.vantage;
    }
    reading.into_answer(id, whole_number(&field(answer, "elapsedMs")).unwrap_or(0))
}

fn jobs(url: &str, config: &Config, online: bool) -> Vec<Job> {
    let listed = [
        ("statuspage", None, Provider::Statuspage),
        ("isitup", Some(DEFAULT_ISITUP), Provider::Isitup),
        ("wayback", Some(DEFAULT_WAYBACK), Provider::Wayback),
    ];
    let mut jobs: Vec<Job> = listed
        .into_iter()
        .filter_map(|(id, default, provider)| {
            let (base, _) = config.provider(id)?;
            let base = base.as_deref().or(default)?;
            Some(Job {
                request: provider.request_url(base, url),
                provider,
                vantage: None,
                fetch_site: false,
            })
        })
        .collect();
    if let Some((base, entry)) = config.provider("explain502") {
        let mut endpoints = crate::wasm::string_list(&field(&entry, "endpoints"));
        endpoints.extend(base);
        let endpoints = downcheck::explain502::distinct_endpoints(endpoints, MAX_ENDPOINTS);
        for endpoint in endpoints {
            let provider = Provider::Explain502;
            jobs.push(Job {
                request: provider.request_url(&endpoint, url),
                vantage: downcheck::url::host_of(&endpoint),
                provider,
                fetch_site: false,
            });
        }
    }
    if let Some((base, entry)) = config.provider("custom") {
        let provider = Provider::Custom {
            pointer: field(&entry, "pointer").as_string().unwrap_or_default(),
        };
        let request = base.and_then(|base| provider.request_url(&base, url));
        jobs.push(Job {
            provider,
            request,
            vantage: None,
            fetch_site: false,
        });
    }
    if let Some((base, _)) = config.provider("direct") {
        let provider = Provider::Direct {
            online,
            site_status: config.seen_status,
        };
        let request = base.and_then(|base| provider.request_url(&base, url));
        jobs.push(Job {
            provider,
            request,
            vantage: None,
            fetch_site: config.seen_status.is_none(),
        });
    }
    jobs
}
