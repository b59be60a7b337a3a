//! `explain502 log [--json] [--follow] [FILE…]` (contract §2d) and `explain502 --log FILE`:
//! reading files and pipes in bounded chunks, printing. The reading of lines is the core's
//! (src/log/); this file only moves bytes and prints.

use clap::Args;
use explain502::i18n::Lang;
use explain502::log::gzip;
use explain502::log::join::Join;
use explain502::log::narrow::{self, Evidence, Narrowed};
use explain502::log::summary::{self, Summary};
use explain502::log::{Finding, Line, Reader};
use explain502::report::{Cause, Context, Report, Tip};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct LogArgs {
    /// JSON Lines: one object per recognised line, then one summary object.
    #[arg(long)]
    json: bool,
    /// Keep reading a growing file (or a pipe such as `journalctl -f`) until interrupted.
    #[arg(long)]
    follow: bool,
    /// With --follow: stop after this many seconds without a new byte.
    #[arg(long, value_name = "S", requires = "follow")]
    idle_exit: Option<u64>,
    /// Log files (gzip-compressed rotated ones too); standard input when none.
    files: Vec<PathBuf>,
}

/// Bytes read at a time; a line longer than `LINE_MAX` is cut there (the rest is skipped).
const CHUNK: usize = 256 * 1024;
const LINE_MAX: usize = 64 * 1024;
/// How often a followed file is looked at again.
const POLL: Duration = Duration::from_millis(250);
/// How many findings `--log` keeps to narrow a response with (the latest win).
const EVIDENCE_MAX: usize = 100_000;

/// Splits a byte stream into lines in bounded memory: at most `CHUNK + LINE_MAX` bytes held.
struct Lines {
    buf: Vec<u8>,
    /// Dropping the rest of an over-long line.
    skipping: bool,
}

impl Lines {
    fn new() -> Self {
        Lines {
            buf: Vec::with_capacity(CHUNK + LINE_MAX),
            skipping: false,
        }
    }

    /// Feeds bytes; calls `each` for every complete line.
    fn feed(&mut self, mut bytes: &[u8], each: &mut dyn FnMut(&[u8])) {
        while !bytes.is_empty() {
            match explain502::log::find_byte(bytes, b'\n') {
                Some(end) => {
                    if self.skipping {
                        self.skipping = false;
                        self.buf.clear();
                    } else if self.buf.is_empty() {
                        each(&bytes[..end]);
                    } else {
                        let room = LINE_MAX.saturating_sub(self.buf.len());
                        self.buf.extend_from_slice(&bytes[..end.min(room)]);
                        each(&self.buf);
                        self.buf.clear();
                    }
                    bytes = &bytes[end + 1..];
                }
                None => {
                    if !self.skipping {
                        let room = LINE_MAX.saturating_sub(self.buf.len());
                        self.buf.extend_from_slice(&bytes[..bytes.len().min(room)]);
                        if self.buf.len() >= LINE_MAX {
                            each(&self.buf);
                            self.buf.clear();
                            self.skipping = true;
                        }
                    }
                    bytes = &[];
                }
            }
        }
    }

    /// The last line without a newline.
    fn finish(&mut self, each: &mut dyn FnMut(&[u8])) {
        if !self.buf.is_empty() && !self.skipping {
            each(&self.buf);
        }
        self.buf.clear();
        self.skipping = false;
    }
}

/// Where the findings go: printed as they come (JSON Lines, or human lines when following),
/// counted in the summary, and kept as evidence for `--log`.
struct Sink<'a> {
    json: bool,
    follow: bool,
    /// The files' names when there are several (`file` in each line's object), and which one
    /// is being read.
    files: Vec<String>,
    from: u32,
    summary: Summary,
    evidence: Option<&'a mut VecDeque<Evidence>>,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    /// Access lines and the error lines of their requests, across files (join.rs).
    join: Join,
}

impl Sink<'_> {
    fn finding(&mut self, number: u64, line: &[u8], f: Finding<'_>) {
        let mut join = core::mem::take(&mut self.join);
        join.finding(&f, line, &mut |from, n, l, joined| {
            self.print(from, n, l, &joined, true)
        });
        self.join = join;
        self.summary.add(&f);
        if let Some(evidence) = self.evidence.as_deref_mut() {
            if evidence.len() >= EVIDENCE_MAX {
                evidence.pop_front();
            }
            evidence.push_back(Evidence::from(&f));
        }
        self.print(self.from, number, line, &f, false);
    }

    /// Prints one line's finding; `joined`: an access line that took its request's cause from
    /// the error log (counted apart, `Summary::joined`).
    fn print(&mut self, from: u32, number: u64, line: &[u8], f: &Finding<'_>, joined: bool) {
        if joined {
            self.summary.add_joined();
        }
        let text = |b: Option<&[u8]>| b.map(|b| String::from_utf8_lossy(b).into_owned());
        if self.json {
            let mut object = json!({
                "line": number,
                "gateway": f.gateway.as_str(),
                "cause": f.cause().as_str(),
                "confidence": percent(explain502::log::rules::top(f.causes).1),
                "upstream": text(f.upstream),
                "time": f.at.map(summary::show_time),
                "text": String::from_utf8_lossy(line),
                "request": text(f.request),
                "health": f.health,
                "causes": f.causes.iter().map(|(c, p)| json!({"id": c.as_str(), "confidence": percent(*p)})).collect::<Vec<_>>(),
            });
            if let Some(file) = self.files.get(from as usize) {
                object["file"] = json!(file);
            }
            if joined {
                object["joined"] = json!(true);
            }
            let _ = writeln!(self.out, "{object}");
        } else if self.follow {
            let _ = writeln!(
                self.out,
                "{} line {number}: {} {:.0}% {}{}",
                f.at.map(summary::show_time).unwrap_or_default(),
                f.cause().as_str(),
                f.confidence() * 100.0,
                f.gateway.as_str(),
                text(f.upstream)
                    .map(|u| format!(" upstream {}", crate::cli::terminal_safe(&u)))
                    .unwrap_or_default(),
            );
        }
        if self.follow {
            let _ = self.out.flush();
        }
    }

    fn other(&mut self, number: u64, line: &[u8], read: &Line<'_>) {
        if !Join::wants(read, line) {
            return self.summary.add_other(read);
        }
        let mut join = core::mem::take(&mut self.join);
        let from = self.from;
        let cell = std::cell::RefCell::new(&mut *self);
        join.other(
            from,
            number,
            line,
            read,
            &mut |from, n, l, joined| cell.borrow_mut().print(from, n, l, &joined, true),
            &mut |read| cell.borrow_mut().summary.add_other(read),
        );
        self.join = join;
    }

    /// The end of every source: the access lines still waiting name no cause.
    fn finish(&mut self) {
        let mut join = core::mem::take(&mut self.join);
        join.finish(&mut |read| self.summary.add_other(read));
    }
}

/// Reads every source through one reader. Errors: the message for `explain502: …`.
fn read_sources(args: &LogArgs, sink: &mut Sink<'_>) -> Result<(), String> {
    let mut reader = Reader::new();
    let many = args.files.len() > 1;
    if args.files.is_empty() {
        let stdin = std::io::stdin();
        let mut stdin = stdin.lock();
        let mut input = decompressed(&mut stdin, "standard input")?;
        read_source(&mut input, "standard input", args, sink, &mut reader)?;
    }
    for path in &args.files {
        let shown = path.display().to_string();
        let mut file =
            std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        if many {
            sink.from = sink.files.len() as u32;
            sink.files.push(shown.clone());
        }
        reader = Reader::new();
        let mut input = decompressed(&mut file, &shown)?;
        read_source(&mut input, &shown, args, sink, &mut reader)?;
        let compressed = input.compressed();
        drop(input);
        // A compressed log is a rotated one: it does not grow.
        if args.follow && !compressed {
            follow_file(&mut file, &shown, args, sink, &mut reader)?;
        }
    }
    sink.finish();
    Ok(())
}

type Head<'a> = std::io::Chain<std::io::Cursor<Vec<u8>>, &'a mut dyn Read>;

/// A source as text: a gzip stream (a log rotated by logrotate's `compress`, `error.log.2.gz`,
/// or `cat *.gz |`) is inflated as it is read, member after member as `zcat` does, in bounded
/// memory (the inflater's 32 KB window and `CHUNK`); anything else is passed on as it is, the
/// two bytes looked at included.
enum Source<'a> {
    Plain(Head<'a>),
    /// Compressed data that stops inflating (a file cut while logrotate wrote it, a binary file
    /// that starts with the magic bytes) ends the source where it broke, the error kept: bad
    /// input is counted and said, never fatal.
    Gzip(Box<flate2::read::MultiGzDecoder<Head<'a>>>, Option<String>),
}

impl Read for Source<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::Plain(input) => input.read(buf),
            Source::Gzip(_, Some(_)) => Ok(0),
            Source::Gzip(input, broken) => match input.read(buf) {
                Err(e) if e.kind() != std::io::ErrorKind::Interrupted => {
                    *broken = Some(e.to_string());
                    Ok(0)
                }
                other => other,
            },
        }
    }
}

impl Source<'_> {
    fn compressed(&self) -> bool {
        matches!(self, Source::Gzip(..))
    }

    /// What stopped a compressed source early, for the message on standard error.
    fn broken(&self) -> Option<&str> {
        match self {
            Source::Gzip(_, broken) => broken.as_deref(),
            Source::Plain(_) => None,
        }
    }
}

fn decompressed<'a>(input: &'a mut dyn Read, name: &str) -> Result<Source<'a>, String> {
    let mut head = [0u8; gzip::MAGIC.len()];
    let mut got = 0;
    while got < head.len() {
        match input.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("cannot read {name}: {e}")),
        }
    }
    let whole = std::io::Cursor::new(head[..got].to_vec()).chain(input);
    Ok(if gzip::compressed(&head[..got]) {
        Source::Gzip(Box::new(flate2::read::MultiGzDecoder::new(whole)), None)
    } else {
        Source::Plain(whole)
    })
}

/// Reads one source whole; a compressed one that broke says so on standard error.
fn read_source(
    input: &mut Source<'_>,
    name: &str,
    args: &LogArgs,
    sink: &mut Sink<'_>,
    reader: &mut Reader,
) -> Result<(), String> {
    read_stream(input, name, args, sink, reader)?;
    if let Some(why) = input.broken() {
        let _ = sink.out.flush();
        eprintln!("explain502: {name}: the compressed data stops early ({why}); read up to there");
    }
    Ok(())
}

fn read_stream(
    input: &mut dyn Read,
    name: &str,
    args: &LogArgs,
    sink: &mut Sink<'_>,
    reader: &mut Reader,
) -> Result<(), String> {
    let mut chunk = vec![0u8; CHUNK];
    let mut lines = Lines::new();
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("cannot read {name}: {e}")),
        };
        push_lines(&mut lines, &chunk[..n], sink, reader);
        if args.follow {
            // A pipe (`journalctl -f`): hand out what is held without waiting for more.
            lines.finish(&mut |line| push_one(line, sink, reader));
            reader.flush(&mut |n, l, f| sink.finding(n, l, f));
        }
    }
    lines.finish(&mut |line| push_one(line, sink, reader));
    reader.flush(&mut |n, l, f| sink.finding(n, l, f));
    Ok(())
}

fn push_one(line: &[u8], sink: &mut Sink<'_>, reader: &mut Reader) {
    sink.summary.line();
    // Two closures borrow the sink in turn: the reader calls one, then the other.
    let sink_cell = std::cell::RefCell::new(sink);
    reader.push(
        line,
        &mut |n, l, f| sink_cell.borrow_mut().finding(n, l, f),
        &mut |n, l, other| sink_cell.borrow_mut().other(n, l, other),
    );
}

fn push_lines(lines: &mut Lines, bytes: &[u8], sink: &mut Sink<'_>, reader: &mut Reader) {
    lines.feed(bytes, &mut |line| push_one(line, sink, reader));
}

/// `--follow` on a file: poll for growth every `POLL`; a file that shrinks was truncated or
/// rotated and is read again from its start.
fn follow_file(
    file: &mut std::fs::File,
    name: &str,
    args: &LogArgs,
    sink: &mut Sink<'_>,
    reader: &mut Reader,
) -> Result<(), String> {
    let mut at = file
        .stream_position()
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    let mut last_growth = Instant::now();
    loop {
        std::thread::sleep(POLL);
        let len = file
            .metadata()
            .map_err(|e| format!("cannot read {name}: {e}"))?
            .len();
        if len < at {
            file.seek(SeekFrom::Start(0))
                .map_err(|e| format!("cannot read {name}: {e}"))?;
            at = 0;
        }
        if len > at {
            read_stream(file, name, args, sink, reader)?;
            at = file
                .stream_position()
                .map_err(|e| format!("cannot read {name}: {e}"))?;
            last_growth = Instant::now();
        } else if args
            .idle_exit
            .is_some_and(|s| last_growth.elapsed() >= Duration::from_secs(s))
        {
            return Ok(());
        }
    }
}

/// A percentage as the contract's 0–1 confidence (f64: no f32 digits such as 0.8500000238).
fn percent(p: u8) -> f64 {
    p as f64 / 100.0
}

fn tip_json(tip: &Tip) -> Value {
    serde_json::to_value(tip).unwrap_or(Value::Null)
}

fn summary_json(s: &Summary) -> Value {
    let mut by_cause = serde_json::Map::new();
    for (cause, n) in s.causes() {
        by_cause.insert(cause.as_str().into(), json!(n));
    }
    let cluster = s.cluster().map(|c| json!({"from": summary::show_time(c.from), "to": summary::show_time(c.to), "failures": c.failures}));
    json!({ "summary": {
        "lines": s.lines,
        "recognised": s.recognised,
        "health": s.health,
        "status_only": s.status_only,
        "joined": s.joined,
        "by_cause": by_cause,
        "health_by_cause": s.health_causes().into_iter().map(|(c, n)| (c.as_str().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "gateway": s.gateway().map(|g| g.as_str()),
        "first": s.first.map(summary::show_time),
        "last": s.last.map(summary::show_time),
        "cluster": cluster,
        "upstreams": s.upstreams(5).into_iter().map(|(u, n)| json!({"address": u, "count": n})).collect::<Vec<_>>(),
        "advice": s.advice(Lang::En).iter().map(tip_json).collect::<Vec<_>>(),
    }})
}

fn summary_human(s: &Summary) -> String {
    use crate::cli::terminal_safe;
    let mut out = String::new();
    out.push_str(&format!(
        "{} lines read, {} recognised",
        s.lines, s.recognised
    ));
    if s.health > 0 {
        out.push_str(&format!(
            " ({} of them health checks or server state changes)",
            s.health
        ));
    }
    if s.joined > 0 {
        out.push_str(&format!(
            ", {} 5xx access lines read with their error lines",
            s.joined
        ));
    }
    if s.status_only > 0 {
        out.push_str(&format!(
            ", {} 5xx access lines that name no reason",
            s.status_only
        ));
    }
    out.push('\n');
    let causes = s.causes();
    if causes.is_empty() && s.health == 0 {
        out.push_str("No gateway failure recognised.\n");
        return out;
    }
    let listed: Vec<String> = causes
        .iter()
        .map(|(c, n)| {
            format!(
                "{} {} ({:.0}%)",
                c.as_str(),
                n,
                *n as f64 * 100.0 / (s.recognised - s.health).max(1) as f64
            )
        })
        .collect();
    if !listed.is_empty() {
        out.push_str(&format!("causes:      {}\n", listed.join(", ")));
    }
    let health: Vec<String> = s
        .health_causes()
        .iter()
        .map(|(c, n)| format!("{} {n}", c.as_str()))
        .collect();
    if !health.is_empty() {
        out.push_str(&format!("health:      {}\n", health.join(", ")));
    }
    if let Some(g) = s.gateway() {
        out.push_str(&format!("gateway:     {}\n", g.as_str()));
    }
    if let (Some(first), Some(last)) = (s.first, s.last) {
        out.push_str(&format!(
            "seen:        {} … {}\n",
            summary::show_time(first),
            summary::show_time(last)
        ));
    }
    if let Some(c) = s.cluster() {
        out.push_str(&format!(
            "busiest:     {} … {} ({} failures)\n",
            summary::show_time(c.from),
            summary::show_time(c.to),
            c.failures
        ));
    }
    let upstreams: Vec<String> = s
        .upstreams(5)
        .into_iter()
        .map(|(u, n)| format!("{} ({n})", terminal_safe(&u)))
        .collect();
    if !upstreams.is_empty() {
        out.push_str(&format!("upstreams:   {}\n", upstreams.join(", ")));
    }
    let advice = s.advice(Lang::En);
    if !advice.is_empty() {
        out.push_str("\nFor the site's developer:\n");
        for tip in advice.iter().take(3) {
            out.push_str(&format!("  - {}\n", terminal_safe(&tip.text)));
            for command in &tip.commands {
                out.push_str(&format!("      $ {}\n", terminal_safe(command)));
            }
        }
    }
    out
}

fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

pub fn run(args: LogArgs) -> i32 {
    let mut sink = Sink {
        json: args.json,
        follow: args.follow,
        files: Vec::new(),
        from: 0,
        join: Join::new(),
        summary: Summary::new(),
        evidence: None,
        out: stdout(),
    };
    if let Err(message) = read_sources(&args, &mut sink) {
        let _ = sink.out.flush();
        eprintln!("explain502: {message}");
        return 2;
    }
    let printed = if args.json {
        format!("{}\n", summary_json(&sink.summary))
    } else {
        summary_human(&sink.summary)
    };
    let _ = sink.out.write_all(printed.as_bytes());
    let _ = sink.out.flush();
    0
}

/// `--log FILE…`: the findings of the log files, for narrowing one response.
pub fn evidence(files: &[PathBuf]) -> Result<Vec<Evidence>, String> {
    let mut evidence = VecDeque::new();
    let args = LogArgs {
        json: false,
        follow: false,
        idle_exit: None,
        files: files.to_vec(),
    };
    let mut sink = Sink {
        json: false,
        follow: false,
        files: Vec::new(),
        from: 0,
        join: Join::new(),
        summary: Summary::new(),
        evidence: Some(&mut evidence),
        out: stdout(),
    };
    read_sources(&args, &mut sink)?;
    drop(sink);
    Ok(evidence.into())
}

/// Narrows the report with the log and redoes its developer advice for the narrowed causes.
pub fn narrow_report(
    report: &mut Report,
    observation: &explain502::Observation,
    context: &Context,
    evidence: &[Evidence],
) -> Option<(Narrowed, Vec<Cause>)> {
    let path = observation.url.as_deref();
    let response = narrow::Response {
        gateway: report.gateway.id,
        causes: &report.causes,
        date: observation.headers.get("date"),
        path,
        upstream: None,
    };
    let narrowed = narrow::narrow(&response, evidence)?;
    let before = std::mem::replace(&mut report.causes, narrowed.causes.clone());
    report.advice = explain502::advice::advise(
        report.family,
        &report.gateway,
        report.failing_hop,
        &report.causes,
        context,
        Lang::pick(&context.languages),
    );
    Some((narrowed, before))
}

/// The `log` object added to the Report's JSON (README, Contract).
pub fn narrowed_json(narrowed: &Narrowed, before: &[Cause]) -> Value {
    json!({
        "lines": narrowed.lines,
        "matched_by": narrowed.matched_by.as_str(),
        "response_causes": serde_json::to_value(before).unwrap_or(Value::Null),
    })
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn lines_are_split_across_chunks_and_bounded() {
        let mut lines = Lines::new();
        let mut got = Vec::new();
        lines.feed(b"ab", &mut |l| got.push(l.to_vec()));
        lines.feed(b"c\nd\n\ne", &mut |l| got.push(l.to_vec()));
        lines.finish(&mut |l| got.push(l.to_vec()));
        assert_eq!(
            got,
            vec![b"abc".to_vec(), b"d".to_vec(), b"".to_vec(), b"e".to_vec()]
        );
        let mut n = 0;
        let long = vec![b'x'; super::LINE_MAX * 3];
        lines.feed(&long, &mut |l| {
            assert!(l.len() <= super::LINE_MAX);
            n += 1
        });
        lines.feed(b"\nok\n", &mut |_| n += 1);
        assert_eq!(n, 2);
    }
}
