//! The surfaces only show (issue 14): a static scan of every script in `www/` and `extension/`
//! that fails when one holds an English sentence of its own (the core's i18n tables are the one
//! home of every sentence) or compares a status with a 5xx number (what counts as a gateway
//! failure, a page to explain or a fine one is the core's rule: `isGatewayFailure`,
//! `pageStatus`, the recovery machine's `Answer::of`).
//!
//! A scan, not a parser: string literals are found by their quotes (comments skipped), a
//! sentence is a literal of three or more words among which a common English word; a 5xx
//! comparison is a number from 500 to 599 beside a comparison operator or a `case`, or a list
//! of two such numbers. What it cannot see (a sentence built from one-word literals, a status
//! compared through a variable) the reviews must; what it flags on purpose is in `ALLOWED`,
//! each with its reason.

use std::fs;
use std::path::{Path, PathBuf};

/// (file, the literal or the code it holds) that may stay, and why.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "extension/build.mjs",
        "(the wasm build) first",
        "the extension's build script: its messages are for the developer running it, in the terminal",
    ),
    (
        "www/site/log.js",
        "connect() failed (111: Connection refused) while connecting to upstream",
        "a line nginx 1.22.1 wrote (tests/fixtures/logs/nginx/): the example the page reads, data",
    ),
];

/// Words that mark English prose (not code, CSS or a selector; "a" is CSS's link selector).
const ENGLISH: &[&str] = &[
    "the", "and", "or", "not", "no", "is", "are", "was", "be", "of", "to", "from", "in", "on",
    "at", "by", "for", "with", "that", "this", "it", "could", "can", "cannot", "please", "your",
    "you", "read", "lines", "between", "seen", "most", "name", "check", "checking", "try", "again",
    "retry", "retrying", "seconds", "site", "page", "down", "back", "failed", "failure",
    "failures", "error", "reload", "wait", "waiting", "stop", "upstream", "gateway", "health",
];

fn scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("node_modules") && !path.ends_with("core") {
                scripts(&path, out);
            }
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "mjs")
        ) {
            out.push(path);
        }
    }
}

/// The code with comments and string literals told apart: (code outside literals, literals).
/// A template literal's `${…}` parts count as code, its text as one literal (parts joined by a
/// space). A `/` that starts a regular expression is read as one (after `(`, `,`, `=`, `:`,
/// `[`, `!`, `&`, `|`, `?`, `{`, `}`, `;`, `return` or a line start), so quotes in it are skipped.
fn split(source: &str) -> (String, Vec<(usize, String)>) {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::new();
    let mut literals = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Template literals being read, innermost last: (their text so far, the `${` depth).
    let mut templates: Vec<(String, usize, usize)> = Vec::new();
    let mut depth = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
        }
        match c {
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if next == Some('*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    if chars[i] == '\n' {
                        line += 1;
                        code.push('\n'); // keeps the code's line numbers
                    }
                    i += 1;
                }
                i += 2;
                continue;
            }
            '/' if starts_regex(&code) => {
                let mut class = false;
                i += 1;
                while i < chars.len() && chars[i] != '\n' {
                    match chars[i] {
                        '\\' => i += 1,
                        '[' => class = true,
                        ']' => class = false,
                        '/' if !class => break,
                        _ => {}
                    }
                    i += 1;
                }
                code.push_str("/re/");
                i += 1;
                continue;
            }
            '\'' | '"' => {
                let start = line;
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if let Some(&ch) = chars.get(i) {
                        text.push(ch);
                    }
                    i += 1;
                }
                literals.push((start, text));
                code.push_str("\"\"");
                i += 1;
                continue;
            }
            '`' => {
                i += 1;
                let mut t = (String::new(), line, depth);
                match template_text(&chars, &mut i, &mut line, &mut code, &mut t.0) {
                    Some(Stop::End) => {
                        literals.push((t.1, t.0));
                        code.push_str("\"\"");
                    }
                    Some(Stop::Substitution) => {
                        templates.push(t);
                        depth += 1;
                    }
                    None => {}
                }
                continue;
            }
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                // The end of a `${…}`: back into the template's text.
                if templates.last().is_some_and(|t| t.2 == depth) {
                    let mut t = templates.pop().unwrap_or_default();
                    i += 1;
                    match template_text(&chars, &mut i, &mut line, &mut code, &mut t.0) {
                        Some(Stop::End) => {
                            literals.push((t.1, t.0));
                            code.push_str("\"\"");
                        }
                        Some(Stop::Substitution) => {
                            templates.push(t);
                            depth += 1;
                        }
                        None => {}
                    }
                    continue;
                }
            }
            _ => {}
        }
        code.push(c);
        i += 1;
    }
    (code, literals)
}

/// Where a template literal's text stops.
enum Stop {
    /// Its closing backtick.
    End,
    /// A `${`: code until the matching `}`.
    Substitution,
}

/// Reads a template literal's text from `chars[*i]` into `text` up to its end or its next `${`
/// (both consumed; a `${` reads as a space); None when the source ends first. Newlines go to
/// `code` too, which keeps the code's line numbers.
fn template_text(
    chars: &[char],
    i: &mut usize,
    line: &mut usize,
    code: &mut String,
    text: &mut String,
) -> Option<Stop> {
    while let Some(&ch) = chars.get(*i) {
        if ch == '\\' {
            *i += 2;
            continue;
        }
        if ch == '\n' {
            *line += 1;
            code.push('\n');
        }
        if ch == '`' {
            *i += 1;
            return Some(Stop::End);
        }
        if ch == '$' && chars.get(*i + 1) == Some(&'{') {
            text.push(' ');
            *i += 2;
            return Some(Stop::Substitution);
        }
        text.push(ch);
        *i += 1;
    }
    None
}

fn starts_regex(code: &str) -> bool {
    let before = code.trim_end();
    before.is_empty()
        || before.ends_with("return")
        || before.ends_with(|c: char| "(,=:[!&|?{};\n".contains(c))
}

/// A literal that reads as English prose: three or more words in a row (punctuation at their
/// ends aside), one of them a common English word. CSS and selectors break the run with their
/// `{`, numbers and hyphenated names.
fn is_sentence(text: &str) -> bool {
    let mut run: Vec<String> = Vec::new();
    let prose =
        |run: &[String]| run.len() >= 3 && run.iter().any(|w| ENGLISH.contains(&w.as_str()));
    for token in text.split_whitespace() {
        let word = token
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !word.is_empty() && word.chars().all(|c| c.is_alphabetic() || c == '\'') {
            run.push(word);
        } else {
            if prose(&run) {
                return true;
            }
            run.clear();
        }
    }
    prose(&run)
}

/// Where the code compares with a 5xx number, or lists two of them.
fn status_comparisons(code: &str) -> Vec<String> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let is_5xx = bytes[i] == b'5'
            && bytes[i + 1].is_ascii_digit()
            && bytes[i + 2].is_ascii_digit()
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric() || b"_.$#".contains(&bytes[i - 1])))
            && bytes
                .get(i + 3)
                .is_none_or(|b| !(b.is_ascii_alphanumeric() || b"_.".contains(b)));
        if is_5xx {
            let before = code[..i].trim_end();
            let after = code[i + 3..].trim_start();
            // `status = 502` (a default) and `=> 502` (a returned value) are not comparisons.
            let compared = ["<", "==", "<=", ">=", "!=", "case"]
                .iter()
                .any(|op| before.ends_with(op))
                || (before.ends_with('>') && !before.ends_with("=>"))
                || ["<", ">", "==", "!="]
                    .iter()
                    .any(|op| after.starts_with(op));
            // A list of statuses: `[502, 503…`.
            let listed = (before.ends_with('[') || before.ends_with(','))
                && after
                    .strip_prefix(',')
                    .map(str::trim_start)
                    .is_some_and(|rest| rest.starts_with('5'));
            if compared || listed {
                let line = code[..i].matches('\n').count() + 1;
                let start = code[..i].rfind('\n').map_or(0, |n| n + 1);
                let end = code[i..].find('\n').map_or(code.len(), |n| i + n);
                found.push(format!("line {line}: {}", code[start..end].trim()));
            }
        }
        i += 1;
    }
    found
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn allowed(file: &str, text: &str) -> bool {
    ALLOWED
        .iter()
        .any(|(f, held, _)| *f == file && text.contains(held))
}

#[test]
fn every_allowance_is_still_needed() {
    for (file, held, why) in ALLOWED {
        let source = fs::read_to_string(root().join(file)).unwrap_or_default();
        assert!(
            source.contains(held),
            "{file} no longer holds {held:?} ({why}): drop it from ALLOWED"
        );
    }
}

fn surface_scripts() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["www", "extension"] {
        scripts(&root().join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 20, "the surfaces' scripts were not found");
    files
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[test]
fn no_surface_holds_an_english_sentence() {
    let mut found = Vec::new();
    for (name, source) in surface_scripts() {
        let (_, literals) = split(&source);
        for (line, text) in literals {
            if is_sentence(&text) && !allowed(&name, &text) {
                found.push(format!("{name}:{line}: {:?}", text.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "sentences belong in src/i18n (a ui.* id, all six languages), not in a surface:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_surface_compares_a_status_with_a_5xx_number() {
    let mut found = Vec::new();
    for (name, source) in surface_scripts() {
        let (code, _) = split(&source);
        for hit in status_comparisons(&code) {
            if !allowed(&name, &hit) {
                found.push(format!("{name} {hit}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "what a status means is the core's rule (isGatewayFailure, pageStatus, the recovery \
         machine), not a surface's:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_what_it_must() {
    // What issue 14 found on main, as it was written there.
    let old_log = "part.textContent = `${s.lines} lines read, ${s.recognised} recognised`;\n\
                   error.textContent = `Could not read that log: ${e}`;";
    let (_, literals) = split(old_log);
    assert_eq!(
        literals.iter().filter(|(_, t)| is_sentence(t)).count(),
        2,
        "{literals:?}"
    );
    for code in [
        "if (details.statusCode < 500 || details.statusCode > 599) return;",
        "if (status > 0 && status < 500) {",
        "if (status >= 500) x();",
        "return 502 === status;",
        "switch (s) { case 503: break; }",
        "const bad = (s) => s >= 520 && s <= 527;",
        "const failing = [502, 503, 504];",
    ] {
        let (code, _) = split(code);
        assert_eq!(status_comparisons(&code).len().min(1), 1, "{code}");
    }
    // Not flagged: CSS, selectors, options, a comment, a status shown as text.
    let quiet = "// a 502 page (status < 500 is fine)\n\
                 host.style.cssText = 'all: initial; position: fixed; z-index: 2147483647;';\n\
                 fetch(url, { cache: 'no-store', redirect: 'follow' });\n\
                 const re = /[\\u202a-\\u202e]/g; el('p', {}, String(report.status));\n\
                 const size = 64 * 1024; const e = 'e502-live';\n\
                 function start({ status = 502 } = {}) { return () => 502; }\n\
                 const css = 'a { color: #0b57d0; } button { color: inherit; cursor: pointer; }';";
    let (code, literals) = split(quiet);
    assert!(status_comparisons(&code).is_empty(), "{code}");
    assert!(
        !literals.iter().any(|(_, t)| is_sentence(t)),
        "{literals:?}"
    );
}
