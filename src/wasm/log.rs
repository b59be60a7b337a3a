//! `LogSession`: the site's "Explain my log". The page pushes the pasted text or the dropped
//! file in chunks (read in the browser, nothing uploaded); the core reads the lines and keeps
//! the summary in bounded memory; `finish` gives the summary and the first findings.

use super::context_from_js;
use super::objects::Js;
use crate::i18n::Lang;
use crate::log::join::Join;
use crate::log::rules::top;
use crate::log::summary::{show_time, Summary};
use crate::log::{Finding, Line, Reader};
use crate::prelude::*;
use crate::report::Tip;
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// Findings handed back in full (the summary counts them all).
const SHOWN: usize = 200;
const LINE_MAX: usize = 64 * 1024;
/// Text of one shown line, at most.
const TEXT_MAX: usize = 2000;

/// Whether a dropped file's first bytes say gzip (`crate::log::gzip`): the page then inflates
/// it with the browser's `DecompressionStream` before pushing it (no inflater in this wasm).
#[wasm_bindgen(js_name = logCompressed)]
pub fn log_compressed(head: &[u8]) -> bool {
    crate::log::gzip::compressed(head)
}

#[wasm_bindgen(js_name = LogSession)]
pub struct LogSession {
    reader: Reader,
    /// Access lines and their requests' error lines (join.rs).
    join: Join,
    summary: Summary,
    carry: Vec<u8>,
    skipping: bool,
    shown: Array,
    lang: Lang,
}

fn finding_object(number: u64, line: &[u8], f: &Finding<'_>, joined: bool) -> JsValue {
    let text = |b: Option<&[u8]>| {
        b.map_or(JsValue::NULL, |b| {
            JsValue::from_str(&String::from_utf8_lossy(b))
        })
    };
    let shown = &line[..line.len().min(TEXT_MAX)];
    Js::new()
        .set("line", number as f64)
        .set("gateway", f.gateway.as_str())
        .set("cause", f.cause().as_str())
        .set("confidence", top(f.causes).1 as f64 / 100.0)
        .set("upstream", text(f.upstream))
        .set("request", text(f.request))
        .set(
            "time",
            f.at.map_or(JsValue::NULL, |at| JsValue::from_str(&show_time(at))),
        )
        .set("text", String::from_utf8_lossy(shown).as_ref())
        .set("health", f.health)
        .set("joined", joined)
        .done()
}

/// `[{ <key>: name, count: n }, …]`: the summary's counted lists (causes, upstreams).
fn counted<'a>(key: &str, items: impl Iterator<Item = (&'a str, u64)>) -> Array {
    items
        .map(|(name, n)| Js::new().set(key, name).set("count", n as f64).done())
        .collect()
}

/// Counts one finding and keeps it among the first `SHOWN`; an access line `joined` to its
/// request's error line is counted apart (`Summary::joined`).
fn take(
    summary: &mut Summary,
    shown: &Array,
    number: u64,
    line: &[u8],
    f: &Finding<'_>,
    joined: bool,
) {
    if joined {
        summary.add_joined();
    } else {
        summary.add(f);
    }
    if (shown.length() as usize) < SHOWN {
        shown.push(&finding_object(number, line, f, joined));
    }
}

/// One finding: joins a waiting access line of its request (join.rs), then is counted.
fn found(
    join: &mut Join,
    summary: &mut Summary,
    shown: &Array,
    number: u64,
    line: &[u8],
    f: &Finding<'_>,
) {
    join.finding(f, line, &mut |_, n, l, joined| {
        take(summary, shown, n, l, &joined, true)
    });
    take(summary, shown, number, line, f, false);
}

fn tip_object(tip: &Tip) -> JsValue {
    let commands: Array = tip.commands.iter().map(|c| JsValue::from_str(c)).collect();
    Js::new()
        .set("id", tip.id.as_str())
        .set("text", tip.text.as_str())
        .set("commands", commands)
        .done()
}

#[wasm_bindgen(js_class = LogSession)]
impl LogSession {
    /// `new LogSession(context?)`: the context picks the advice's language.
    #[wasm_bindgen(constructor)]
    pub fn new(context: JsValue) -> LogSession {
        LogSession {
            reader: Reader::new(),
            join: Join::new(),
            summary: Summary::new(),
            carry: Vec::new(),
            skipping: false,
            shown: Array::new(),
            lang: Lang::pick(&context_from_js(&context).languages),
        }
    }

    /// Reads a chunk of the log (any split: a line may span chunks).
    pub fn push(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some(end) = crate::log::find_byte(rest, b'\n') {
            if self.skipping {
                self.skipping = false;
            } else if self.carry.is_empty() {
                self.line(&rest[..end]);
            } else {
                let room = LINE_MAX.saturating_sub(self.carry.len());
                self.carry.extend_from_slice(&rest[..end.min(room)]);
                let line = core::mem::take(&mut self.carry);
                self.line(&line);
            }
            self.carry.clear();
            rest = &rest[end + 1..];
        }
        if !self.skipping {
            let room = LINE_MAX.saturating_sub(self.carry.len());
            self.carry.extend_from_slice(&rest[..rest.len().min(room)]);
            if self.carry.len() >= LINE_MAX {
                let line = core::mem::take(&mut self.carry);
                self.line(&line);
                self.skipping = true;
            }
        }
    }

    fn line(&mut self, line: &[u8]) {
        self.summary.line();
        let (summary, shown) = (&mut self.summary, &self.shown);
        let cell = core::cell::RefCell::new((summary, &mut self.join));
        self.reader.push(
            line,
            &mut |n, l, f| {
                let (summary, join) = &mut *cell.borrow_mut();
                found(join, summary, shown, n, l, &f)
            },
            &mut |n, l, read: &Line<'_>| {
                let (summary, join) = &mut *cell.borrow_mut();
                let summary = core::cell::RefCell::new(&mut **summary);
                join.other(
                    0,
                    n,
                    l,
                    read,
                    &mut |_, n, l, joined| {
                        take(&mut summary.borrow_mut(), shown, n, l, &joined, true)
                    },
                    &mut |read| summary.borrow_mut().add_other(read),
                );
            },
        );
    }

    /// The summary (contract §2d's `summary`, plus `findings`: the first recognised lines).
    pub fn finish(&mut self) -> JsValue {
        if !self.carry.is_empty() && !self.skipping {
            let line = core::mem::take(&mut self.carry);
            self.line(&line);
        }
        let (summary, shown, join) = (&mut self.summary, &self.shown, &mut self.join);
        self.reader
            .flush(&mut |n, l, f| found(join, summary, shown, n, l, &f));
        join.finish(&mut |read| summary.add_other(read));
        let s = &self.summary;
        let by_cause = counted("id", s.causes().iter().map(|(c, n)| (c.as_str(), *n)));
        let health = counted(
            "id",
            s.health_causes().iter().map(|(c, n)| (c.as_str(), *n)),
        );
        let upstreams = counted(
            "address",
            s.upstreams(5).iter().map(|(u, n)| (u.as_str(), *n)),
        );
        let cluster = s.cluster().map_or(JsValue::NULL, |c| {
            Js::new()
                .set("from", show_time(c.from).as_str())
                .set("to", show_time(c.to).as_str())
                .set("failures", c.failures as f64)
                .done()
        });
        let time = |t: Option<i64>| t.map_or(JsValue::NULL, |t| JsValue::from_str(&show_time(t)));
        let advice: Array = s.advice(self.lang).iter().map(tip_object).collect();
        Js::new()
            .set("lines", s.lines as f64)
            .set("recognised", s.recognised as f64)
            .set("health", s.health as f64)
            .set("status_only", s.status_only as f64)
            .set("joined", s.joined as f64)
            .set("by_cause", by_cause)
            .set("health_by_cause", health)
            .set(
                "gateway",
                s.gateway()
                    .map_or(JsValue::NULL, |g| JsValue::from_str(g.as_str())),
            )
            .set("first", time(s.first))
            .set("last", time(s.last))
            .set("cluster", cluster)
            .set("upstreams", upstreams)
            .set("advice", advice)
            .set("findings", self.shown.clone())
            .done()
    }
}
