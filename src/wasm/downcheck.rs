//! `downCheck(url, config)`: asks every enabled provider at once (gloo-net), each bounded by
//! its own timeout, and returns the pure verdict (`crate::downcheck::verdict`) by the overall
//! deadline whatever the providers do. The rules all live in `crate::downcheck`; this file only
//! fetches.

use super::{field, into_error, whole_number};
use crate::downcheck::{self, json::MAX_JSON_BYTES, Fetched, Provider, ProviderAnswer, Reading};
use gloo_net::http::Request;
use js_sys::{Array, Promise};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortSignal, ReferrerPolicy, RequestCache, RequestCredentials, RequestMode};

const DEFAULT_TIMEOUT_MS: u32 = 5_000;
const DEFAULT_ISITUP: &str = "https://isitup.org";
const DEFAULT_WAYBACK: &str = "https://archive.org";

#[wasm_bindgen]
extern "C" {
    // The global one: there is no `window` in the extension's service worker.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: u32) -> JsValue;
}

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
    /// direct only: fetch the checked page itself to learn the status the visitor gets.
    fetch_site: bool,
}

/// `downCheck(url, config?) → Promise<DownCheck>` (contract §2b).
///
/// Asks all enabled providers about `url` at once and resolves by the overall deadline with
/// `{ verdict: "down_for_everyone" | "just_you" | "unknown", confidence: 0–1,
///    providers: [{ id, answer: "up" | "down" | "unknown", detail, elapsed_ms }],
///    archived: { url, timestamp } | null }`.
/// It never rejects because of a provider (a provider that hangs, fails or talks nonsense is
/// `unknown`); it rejects only on a malformed `config`. `detail` and `archived.url` are
/// untrusted text: render them with `textContent` (and check the link's scheme if you link).
///
/// `config` (all optional):
/// - `timeoutMs`: per provider (default 5000); `deadlineMs`: overall (default timeout + 1000).
/// - `seenStatus`: the status the visitor got (an error page knows it); `direct` then does not
///   fetch the page again.
/// - `providers`: which to ask. A provider is asked only when listed here (no third party is
///   contacted unless the caller says so); `{ enabled: false }` turns one off. Each takes a
///   `base` URL (tests point them at loopback):
///   - `statuspage: { base: "https://status.shop.example" }` (required base),
///   - `isitup: { base? }` (default https://isitup.org), `wayback: { base? }` (default
///     https://archive.org),
///   - `custom: { base: "https://ops.example/health?site={host}", pointer: "/status" }`,
///   - `explain502: { base: "https://probe.example" }` (an `explain502 serve --probe`),
///   - `direct: { base? }`: the visitor's own view; `base` is a reference URL on another
///     origin, fetched `no-cors` to tell "offline" from "the site is failing".
///
/// The widget passes only CORS-capable providers; the extension (host permissions) may pass
/// all. Requests carry no credentials and no referrer.
#[wasm_bindgen(js_name = downCheck)]
pub async fn down_check(url: String, config: JsValue) -> Result<JsValue, JsValue> {
    let config = Config::from_js(&config)?;
    let (timeout_ms, deadline_ms) = (config.timeout_ms, config.deadline_ms);
    let jobs = jobs(&url, &config);
    let slots: Rc<RefCell<Vec<Option<ProviderAnswer>>>> =
        Rc::new(RefCell::new(vec![None; jobs.len()]));
    let ids: Vec<&'static str> = jobs.iter().map(|job| job.provider.id()).collect();
    let started = now();
    let running = Array::new();
    for (index, job) in jobs.into_iter().enumerate() {
        let slots = Rc::clone(&slots);
        let target = url.clone();
        running.push(&future_to_promise(async move {
            let answer = ask(job, &target, timeout_ms).await;
            if let Some(slot) = slots.borrow_mut().get_mut(index) {
                *slot = Some(answer);
            }
            Ok(JsValue::UNDEFINED)
        }));
    }
    let everyone = Promise::all_settled(&running);
    let _ = JsFuture::from(Promise::race(&Array::of2(&everyone, &sleep(deadline_ms)))).await;
    let waited = elapsed_since(started);
    let answers = slots
        .borrow()
        .iter()
        .zip(ids)
        .map(|(slot, id)| {
            slot.clone().unwrap_or_else(|| {
                Reading::unknown("no answer by the deadline").into_answer(id, waited)
            })
        })
        .collect();
    // `archived: null` (contract §2b), not `undefined`.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    downcheck::verdict(answers)
        .serialize(&serializer)
        .map_err(|_| into_error("explain502: could not convert the down-check result for JS"))
}

fn jobs(url: &str, config: &Config) -> Vec<Job> {
    let online = navigator_online();
    let listed = [
        ("statuspage", None, Provider::Statuspage),
        ("isitup", Some(DEFAULT_ISITUP), Provider::Isitup),
        ("wayback", Some(DEFAULT_WAYBACK), Provider::Wayback),
        ("explain502", None, Provider::Explain502),
    ];
    let mut jobs: Vec<Job> = listed
        .into_iter()
        .filter_map(|(id, default, provider)| {
            let (base, _) = config.provider(id)?;
            let base = base.as_deref().or(default)?;
            Some(Job {
                request: provider.request_url(base, url),
                provider,
                fetch_site: false,
            })
        })
        .collect();
    if let Some((base, entry)) = config.provider("custom") {
        let provider = Provider::Custom {
            pointer: field(&entry, "pointer").as_string().unwrap_or_default(),
        };
        let request = base.and_then(|base| provider.request_url(&base, url));
        jobs.push(Job {
            provider,
            request,
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
            fetch_site: config.seen_status.is_none(),
        });
    }
    jobs
}

async fn ask(job: Job, target: &str, timeout_ms: u32) -> ProviderAnswer {
    let started = now();
    let mut provider = job.provider;
    let id = provider.id();
    let is_direct = matches!(provider, Provider::Direct { .. });
    if let Provider::Direct {
        online: true,
        site_status,
    } = &mut provider
    {
        if job.fetch_site && crate::downcheck::url::is_http_url(target) {
            if let Outcome::Answered(status, _) =
                fetch(target, RequestMode::Cors, timeout_ms, false).await
            {
                *site_status = Some(status);
            }
        }
    }
    let outcome = match &job.request {
        // Direct's reference is on another origin that owes us no CORS: reaching it is enough.
        Some(request) if is_direct => fetch(request, RequestMode::NoCors, timeout_ms, false).await,
        Some(request) => fetch(request, RequestMode::Cors, timeout_ms, true).await,
        None if is_direct => Outcome::NotAsked,
        None => Outcome::Invalid,
    };
    let reading = match &outcome {
        Outcome::Invalid => Reading::unknown("no usable base URL or page URL for this provider"),
        other => provider.read(other.as_fetched(timeout_ms)),
    };
    reading.into_answer(id, elapsed_since(started))
}

enum Outcome {
    Answered(u16, String),
    TimedOut,
    Failed,
    TooLarge,
    NotAsked,
    /// The request could not be built (no base, or a page URL the provider cannot take).
    Invalid,
}

impl Outcome {
    fn as_fetched(&self, timeout_ms: u32) -> Fetched<'_> {
        match self {
            Outcome::Answered(status, body) => Fetched::Answered {
                status: *status,
                body,
            },
            Outcome::TimedOut => Fetched::TimedOut {
                after_ms: u64::from(timeout_ms),
            },
            Outcome::Failed | Outcome::Invalid => Fetched::Failed,
            Outcome::TooLarge => Fetched::TooLarge,
            Outcome::NotAsked => Fetched::NotAsked,
        }
    }
}

/// One GET, aborted after `timeout_ms` (headers and body alike). `read_body`: keep the text
/// (capped); otherwise only the status matters.
async fn fetch(url: &str, mode: RequestMode, timeout_ms: u32, read_body: bool) -> Outcome {
    let signal = AbortSignal::timeout_with_u32(timeout_ms);
    let failed = |signal: &AbortSignal| {
        if signal.aborted() {
            Outcome::TimedOut
        } else {
            Outcome::Failed
        }
    };
    let sent = Request::get(url)
        .mode(mode)
        .cache(RequestCache::NoStore)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(Some(&signal))
        .send()
        .await;
    let Ok(response) = sent else {
        return failed(&signal);
    };
    let status = response.status();
    if !read_body {
        return Outcome::Answered(status, String::new());
    }
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > MAX_JSON_BYTES as u64) {
        return Outcome::TooLarge; // not read at all; dropped with the signal
    }
    match response.text().await {
        Ok(text) if text.len() > MAX_JSON_BYTES => Outcome::TooLarge,
        Ok(text) => Outcome::Answered(status, text),
        Err(_) => failed(&signal),
    }
}

fn sleep(ms: u32) -> Promise {
    Promise::new(&mut |resolve, _reject| {
        let _ = set_timeout(&resolve, ms);
    })
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn elapsed_since(started: f64) -> u64 {
    (now() - started).max(0.0) as u64
}

/// `navigator.onLine`, read through the global object (window or worker); true when absent.
fn navigator_online() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &JsValue::from_str("onLine")))
        .ok()
        .and_then(|online| online.as_bool())
        .unwrap_or(true)
}
