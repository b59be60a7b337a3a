//! What a log's carrier puts before the gateway's own line: a syslog header (BSD, rsyslog's
//! RFC 3339 form, RFC 5424), journald's short output, a container runtime's timestamp and
//! stream (CRI: `2026-12-06T18:13:13.123456789Z stderr F `; `docker logs -t`, `kubectl logs
//! --timestamps`), or Compose's service column (`web-1  | `). Each format's reader finds its
//! own anchor anywhere in the line, but some read only from where the gateway's line starts
//! (Squid's cache.log date, lighttpd's date before its source tag): `strip` gives that start.
//! It is tried only on a line no reader took as it came (mod.rs), so a reader that uses the
//! header (HAProxy's `haproxy[pid]:` tag) still sees it first.
//!
//! What else the same bytes could mean: a gateway line that itself starts with a date and a
//! word ending in `:` (lighttpd's `2026-12-06 09:07:29: (…)`) has no `T` between date and
//! time, so it is not taken for rsyslog's header; a request path holding ` | ` comes after
//! a quote or a method, never in the first column.

/// The three-letter month names of a BSD syslog header (RFC 3164).
const MONTHS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// The longest header taken (a Compose service name, a host, a tag): anything longer is not one.
const MAX_HEADER: usize = 160;

/// The line after one carrier's header, or `None` when the line does not start with one.
pub(super) fn strip(line: &[u8]) -> Option<&[u8]> {
    let rest = pri(line).unwrap_or(line);
    let taken = rfc5424(rest)
        .or_else(|| bsd(rest))
        .or_else(|| iso(rest))
        .or_else(|| compose(rest));
    match taken {
        Some(inner) => Some(inner),
        // A bare `<134>` before the gateway's own line (`log stdout format raw` does not add
        // it, HAProxy's `format rfc3164` to a file does).
        None if rest.len() < line.len() => Some(rest),
        None => None,
    }
}

/// Where the gateway's own line starts: after every carrier's header (at most three: Compose
/// around a process manager's column around syslog's), or the line itself.
pub(super) fn gateway_start(line: &[u8]) -> &[u8] {
    // No header starts with these (a varnishlog row, an Apache or JSON line, an indent).
    if matches!(
        line.first(),
        None | Some(b'-' | b'*' | b'[' | b'{' | b' ' | b'\t' | b'"')
    ) {
        return line;
    }
    let mut rest = line;
    for _ in 0..3 {
        match strip(rest) {
            Some(inner) => rest = inner,
            None => break,
        }
    }
    rest
}

/// Whether one of the line's carrier headers is Compose's service column (container.rs: the
/// gateway runs in a container).
pub(super) fn compose_column(line: &[u8]) -> bool {
    let mut rest = line;
    for _ in 0..3 {
        if compose(rest).is_some() {
            return true;
        }
        match strip(rest) {
            Some(inner) => rest = inner,
            None => return false,
        }
    }
    false
}

/// A line whose reader reads from its first byte: Squid's cache.log (`2026/12/06 09:08:04| `,
/// with milliseconds or with its process, `kid1| `,
/// src/debug.cc), lighttpd's error log (`2026-12-06 09:07:29: (`, src/log.c; its reader takes
/// a syslog header only when the tag says lighttpd) and varnishlog's rows (`-   FetchError …`,
/// `**  << BeReq >>`).
pub(super) fn start_anchored(line: &[u8]) -> bool {
    let dated = |sep: u8, end: u8| {
        line.len() > 20
            && line[4] == sep
            && line[7] == sep
            && line[19] == end
            && line[..4].iter().all(u8::is_ascii_digit)
    };
    // Squid with a debug section writes milliseconds: `2026/12/06 20:53:16.545| `.
    let squid_ms = line.len() > 24 && line[19] == b'.' && line[23] == b'|' && dated(b'/', b'.');
    // Squid 4 and later name the process: `2026/12/07 06:27:30 kid1| ` (src/debug.cc).
    let squid_kid = dated(b'/', b' ') && line[20..].starts_with(b"kid");
    dated(b'/', b'|')
        || squid_ms
        || squid_kid
        || dated(b'-', b':')
        || line.starts_with(b"-")
        || line.starts_with(b"*")
}

/// `<134>` (a syslog priority: one to three digits).
fn pri(line: &[u8]) -> Option<&[u8]> {
    let body = line.strip_prefix(b"<")?;
    let digits = body
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    (1..=3).contains(&digits).then_some(())?;
    body[digits..].strip_prefix(b">")
}

/// The word at the start of `text` (up to a space) and what follows its spaces.
fn word(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = text.iter().take(MAX_HEADER).position(|b| *b == b' ')?;
    let after = &text[end..];
    let spaces = after.iter().take_while(|b| **b == b' ').count();
    (end > 0).then_some((&text[..end], &after[spaces..]))
}

/// A syslog tag: `lighttpd[812]:`, `squid:`, `nginx:`.
fn tag(text: &[u8]) -> Option<&[u8]> {
    let (tag, rest) = word(text)?;
    let name = tag.strip_suffix(b":")?;
    let name = match name.iter().position(|b| *b == b'[') {
        Some(open) => {
            let pid = name[open + 1..].strip_suffix(b"]")?;
            (!pid.is_empty() && pid.iter().all(u8::is_ascii_digit)).then_some(())?;
            &name[..open]
        }
        None => name,
    };
    let ok = !name.is_empty()
        && name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./@".contains(b));
    ok.then_some(rest)
}

/// `2026-12-06T18:13:13` at the start (the rest of an RFC 3339 time is the word's).
fn rfc3339(word: &[u8]) -> bool {
    word.len() >= 19
        && word[4] == b'-'
        && word[7] == b'-'
        && word[10] == b'T'
        && word[13] == b':'
        && word[16] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|i| word[*i].is_ascii_digit())
}

/// RFC 5424 after its priority: `1 TIMESTAMP HOST APP PROCID MSGID SD MSG`, SD `-` or
/// `[id k="v"]…` (a value may hold spaces and an escaped `]`).
fn rfc5424(text: &[u8]) -> Option<&[u8]> {
    let rest = text.strip_prefix(b"1 ")?;
    let (time, rest) = word(rest)?;
    (rfc3339(time) || time == b"-").then_some(())?;
    let mut rest = rest;
    for _ in 0..4 {
        rest = word(rest)?.1;
    }
    if let Some(after) = rest.strip_prefix(b"- ") {
        return Some(after);
    }
    // Structured data: bounded by the line.
    let mut quoted = false;
    let mut escaped = false;
    let mut depth = 0u8;
    for (i, b) in rest.iter().enumerate() {
        match (*b, quoted, escaped) {
            (_, _, true) => escaped = false,
            (b'\\', true, false) => escaped = true,
            (b'"', _, false) => quoted = !quoted,
            (b'[', false, false) => depth = depth.saturating_add(1),
            (b']', false, false) => depth = depth.saturating_sub(1),
            (b' ', false, false) if depth == 0 => return Some(&rest[i + 1..]),
            _ => {}
        }
    }
    None
}

/// BSD syslog / journald's short output: `Dec  6 18:13:13 host tag[pid]: `.
fn bsd(text: &[u8]) -> Option<&[u8]> {
    if text.get(3) != Some(&b' ') {
        return None;
    }
    let month = text.get(..3)?;
    MONTHS.contains(&month).then_some(())?;
    let rest = text[3..].strip_prefix(b" ")?;
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let (day, rest) = word(rest)?;
    (day.len() <= 2 && day.iter().all(u8::is_ascii_digit)).then_some(())?;
    let (clock, rest) = word(rest)?;
    let clock_ok = clock.len() >= 8
        && clock[2] == b':'
        && clock[5] == b':'
        && [0, 1, 3, 4, 6, 7]
            .iter()
            .all(|i| clock[*i].is_ascii_digit());
    clock_ok.then_some(())?;
    // A local syslog socket's header has no host (`<134>Dec  6 18:03:48 haproxy[21645]: `).
    tag(rest).or_else(|| tag(word(rest)?.1))
}

/// A line that starts with an RFC 3339 time: rsyslog's header (`… host tag[pid]: `), CRI's
/// (`… stderr F `), or a container runtime's bare timestamp.
fn iso(text: &[u8]) -> Option<&[u8]> {
    if text.get(10) != Some(&b'T') {
        return None;
    }
    let (time, rest) = word(text)?;
    rfc3339(time).then_some(())?;
    if let Some((stream, after)) = word(rest) {
        if stream == b"stdout" || stream == b"stderr" {
            if let Some((flag, after)) = word(after) {
                if flag == b"F" || flag == b"P" {
                    return Some(after);
                }
            }
            return Some(after);
        }
        if let Some(after_tag) = tag(after) {
            return Some(after_tag);
        }
    }
    Some(rest)
}

/// Compose's service column: `web-1  | `, `nginx.1    | ` (a name, spaces, a bar).
fn compose(text: &[u8]) -> Option<&[u8]> {
    let name = text
        .iter()
        .take(MAX_HEADER)
        .take_while(|b| b.is_ascii_alphanumeric() || b"_-.".contains(b))
        .count();
    let spaces = text[name..].iter().take_while(|b| **b == b' ').count();
    if name == 0 || spaces == 0 || text.get(name + spaces) != Some(&b'|') {
        return None;
    }
    let rest = &text[name + spaces + 1..];
    Some(rest.strip_prefix(b" ").unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::strip;

    const LINE: &str = "2026/12/06 18:15:07| TCP connection to 127.0.0.1/46243 failed";

    fn stripped(prefix: &str) -> Option<String> {
        strip(format!("{prefix}{LINE}").as_bytes()).map(|r| String::from_utf8_lossy(r).into())
    }

    #[test]
    fn each_carrier_header_is_taken_off() {
        for prefix in [
            "Dec  6 18:13:13 vm squid[123]: ",
            "Dec 16 18:13:13 vm squid: ",
            "<134>Dec  6 18:13:13 squid[123]: ",
            "<134>Dec  6 18:13:13 vm squid[123]: ",
            "2026-12-06T18:13:38.084993+00:00 vm squid[23749]: ",
            "<134>1 2026-12-06T18:13:13.123Z vm squid 123 - - ",
            "<134>1 2026-12-06T18:13:13.123Z vm squid 123 - [meta sequenceId=\"1\" x=\"a ] b\"] ",
            "2026-12-06T18:13:13.123456789Z stderr F ",
            "2026-12-06T18:13:13.123456789Z ",
            "squid-1  | ",
            "web_1    | ",
        ] {
            assert_eq!(stripped(prefix).as_deref(), Some(LINE), "{prefix:?}");
        }
        // Stacked: Compose around a process manager's own column.
        let two = strip(b"nginx         | nginx.1    | 2018/10/21 05:57:35 [error] x").unwrap();
        assert_eq!(strip(two).unwrap(), b"2018/10/21 05:57:35 [error] x");
    }

    #[test]
    fn a_gateway_line_is_not_a_header() {
        for line in [
            LINE,
            "2026-12-06 15:25:57: (gw_backend.c.2389) response not received",
            "2026/12/06 18:13:13 [error] 19248#19248: *26 upstream prematurely closed",
            "127.0.0.1 - - [06/Dec/2026:18:13:13 +0000] \"GET /a|b HTTP/1.1\" 502 157",
            "1796580907.073      0 127.0.0.1 TCP_MISS/502 3425 GET http://x/ - HIER_NONE/- text/html",
            "[Sun Dec 06 18:13:29.300031 2026] [proxy_http:error] [pid 1] AH01102: x",
            "",
            "<",
            "<1234>x",
            "Dec",
            "Dec  6",
        ] {
            assert_eq!(strip(line.as_bytes()), None, "{line:?}");
        }
    }
}
