//! Argument parsing and terminal output (contract §2). The logic lives in the library.

use crate::{log_cli, serve};
use clap::{Args, Parser, Subcommand};
use explain502::report::{Context, Report};
use explain502::{explain, har, raw_response};
use std::io::Read;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "explain502",
    version,
    about = "Explain a gateway error (502, 503, 504, 52x) from the raw response `curl -si` prints",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    explain: ExplainArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the built site and the live demo on 127.0.0.1.
    Serve(serve::ServeArgs),
    /// Read a gateway's log: the cause of each failure line, then a summary (contract §2d).
    Log(log_cli::LogArgs),
}

#[derive(Args)]
struct ExplainArgs {
    /// Print the Report as JSON (contract §1).
    #[arg(long)]
    json: bool,
    /// The request method that got this response (a POST is never retried).
    #[arg(long, value_name = "M")]
    method: Option<String>,
    /// The URL that was requested.
    #[arg(long, value_name = "U")]
    url: Option<String>,
    /// How long the response took, in milliseconds.
    #[arg(long, value_name = "N")]
    elapsed_ms: Option<u64>,
    /// The gateway's log file(s): narrow the response's causes with its lines of the same
    /// time, request or upstream.
    #[arg(long, value_name = "FILE")]
    log: Vec<PathBuf>,
    /// A file holding the raw response; standard input when absent.
    file: Option<PathBuf>,
}

pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Log(args)) => log_cli::run(args),
        None => explain_input(cli.explain),
    }
}

fn explain_input(args: ExplainArgs) -> i32 {
    let mut input = Vec::new();
    let read = match &args.file {
        Some(path) => {
            std::fs::File::open(path).and_then(|f| f.take(16 << 20).read_to_end(&mut input))
        }
        None => std::io::stdin().take(16 << 20).read_to_end(&mut input),
    };
    if let Err(e) = read {
        let source = args
            .file
            .as_ref()
            .map_or("standard input".into(), |p| p.display().to_string());
        eprintln!("explain502: cannot read {source}: {e}");
        return 2;
    }
    if har::looks_like_har(&input) {
        return explain_har(&input, args.json);
    }
    let mut observation = match raw_response::parse(&input) {
        Ok(observation) => observation,
        Err(e) => {
            eprintln!("explain502: {e}");
            return 2;
        }
    };
    observation.method = args.method;
    observation.url = args.url;
    observation.elapsed_ms = args.elapsed_ms;
    let context = Context {
        now_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_millis() as u64),
        ..Context::default()
    };
    let mut report = explain(&observation, &context);
    let mut narrowed = None;
    if !args.log.is_empty() {
        let evidence = match log_cli::evidence(&args.log) {
            Ok(evidence) => evidence,
            Err(message) => {
                eprintln!("explain502: {message}");
                return 2;
            }
        };
        narrowed = log_cli::narrow_report(&mut report, &observation, &context, &evidence);
    }
    if args.json {
        // The Report serialized as itself (through a `serde_json::Value` its f32 confidences
        // would print as 0.44999998807907104, not 0.45, unlike the wasm and the contract),
        // with `log` beside its fields when asked.
        #[derive(serde::Serialize)]
        struct WithLog<'a> {
            #[serde(flatten)]
            report: &'a Report,
            #[serde(skip_serializing_if = "Option::is_none")]
            log: Option<serde_json::Value>,
        }
        let log = (!args.log.is_empty()).then(|| {
            narrowed
                .as_ref()
                .map_or(serde_json::Value::Null, |(n, before)| {
                    log_cli::narrowed_json(n, before)
                })
        });
        let out = WithLog {
            report: &report,
            log,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("a Report always serializes")
        );
    } else {
        print!("{}", human(&report));
        if !args.log.is_empty() {
            match &narrowed {
                Some((n, _)) => println!(
                    "\nlog:         narrowed by {} line(s) of the log (matched by {}); top cause now {} {:.0}%",
                    n.lines,
                    n.matched_by.as_str(),
                    report.causes[0].id,
                    report.causes[0].confidence * 100.0
                ),
                None => println!("\nlog:         no failure of this gateway in the log"),
            }
        }
    }
    0
}

/// A HAR file: every failing entry explained, in the order of the HAR. `--json` prints an
/// array of `{ "entry", "method", "url", "report" }`.
fn explain_har(input: &[u8], json: bool) -> i32 {
    let text = String::from_utf8_lossy(input);
    let context = Context {
        now_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_millis() as u64),
        ..Context::default()
    };
    let failing = match har::explain_failures(&text, &context) {
        Ok(failing) => failing,
        Err(e) => {
            eprintln!("explain502: {e}");
            return 2;
        }
    };
    if json {
        let entries: Vec<serde_json::Value> = failing
            .iter()
            .map(|f| {
                serde_json::json!({ "entry": f.index, "method": f.method, "url": f.url, "report": f.report })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&entries).expect("reports always serialize")
        );
    } else if failing.is_empty() {
        println!("No failing request in this HAR (no 5xx answer, no bot check).");
    } else {
        for f in &failing {
            println!(
                "entry {}: {} {}",
                f.index,
                terminal_safe(&f.method),
                terminal_safe(&f.url)
            );
            print!("{}", human(&f.report));
            println!();
        }
    }
    0
}

/// Tips shown per audience in the terminal; `--json` has them all.
const TIPS_SHOWN: usize = 3;

/// The terminal rendering: short, and with every control character from the response escaped.
fn human(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} {} — {}\n",
        report.status,
        report.family.as_str(),
        report.headline
    ));
    let gateway = match (&report.gateway.id, &report.gateway.name) {
        (Some(id), _) => {
            let version = report.gateway.version.as_deref().unwrap_or("");
            let evidence = report.gateway.evidence.join(", ");
            format!("{id} {} (from {evidence})", terminal_safe(version)).replace("  ", " ")
        }
        (None, Some(name)) => format!("not recognised (Server: {})", terminal_safe(name)),
        (None, None) => "unknown (no evidence in the response)".to_string(),
    };
    out.push_str(&format!("gateway:     {gateway}\n"));
    let hop = serde_json::to_value(report.failing_hop).unwrap_or_default();
    out.push_str(&format!(
        "failing hop: {}\n",
        hop.as_str().unwrap_or("unknown")
    ));
    let causes: Vec<String> = report
        .causes
        .iter()
        .take(3)
        .map(|c| format!("{} {:.0}%", c.id, c.confidence * 100.0))
        .collect();
    match report.challenge {
        Some(challenge) => out.push_str(&format!(
            "causes:      none: a bot check ({}) answered, not an outage\n",
            challenge.provider
        )),
        None => out.push_str(&format!("causes:      {}\n", causes.join(", "))),
    }
    let retry = match (report.retry.retryable, report.retry.after_ms) {
        (false, _) => "no".to_string(),
        (true, Some(ms)) => format!("yes, after {} s", ms.div_ceil(1000)),
        (true, None) => "yes".to_string(),
    };
    out.push_str(&format!("retry:       {retry}\n"));
    for (title, tips) in [
        ("What you can do", &report.advice.user),
        ("For the site's developer", &report.advice.developer),
    ] {
        if tips.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}:\n"));
        for tip in tips.iter().take(TIPS_SHOWN) {
            out.push_str(&format!("  - {}\n", terminal_safe(&tip.text)));
            for command in &tip.commands {
                out.push_str(&format!("      $ {}\n", terminal_safe(command)));
            }
        }
    }
    out
}

/// Escapes control characters (ESC sequences, BEL, bidi overrides…) so a hostile response
/// cannot drive the terminal.
pub(crate) fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
            {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(terminal_safe("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(terminal_safe("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(terminal_safe("nginx/1.22.1"), "nginx/1.22.1");
    }
}
