//! Reading Squid's access.log (native, common/combined, any logformat) and cache.log: one line in, a finding or none.

use super::*;

pub(super) fn squid(line: &[u8]) -> Option<Finding<'_>> {
    // cache.log: `2026/12/06 09:08:04| WARNING: …` (or `kid1| …`).
    if line.get(19) == Some(&b'|') || contains(line, b"| ") && time::ymd(line).is_some() {
        if let Some(f) = squid_icap(line) {
            return Some(f);
        }
        let mut f = from_rule(GatewayId::Squid, rules::SQUID_CACHE, line)?;
        f.at = time::ymd(line);
        f.request = after(line, b"received for ")
            .or_else(|| after(line, b"encountered from "))
            .map(|r| until(r, b' '))
            .and_then(non_empty);
        f.upstream = word_after(line, b"TCP connection to ");
        return Some(f);
    }
    squid_access(line)
}

/// The peer a connect-failure line of cache.log names: Squid 5's "TCP connection to
/// 127.0.0.1/3000 failed" (src/neighbors.cc peerConnectFailed(), host/port) or master's "ERROR:
/// Connection to app failed" (src/CachePeer.cc noteFailure(), the peer's name), behind any
/// carrier's header.
fn peer_failed(line: &[u8]) -> Option<&[u8]> {
    // One search: the words both forms share, then what comes before them.
    let at = find(line, b"onnection to ")?;
    let before = &line[..at];
    if !before.ends_with(b"TCP c") && !before.ends_with(b"ERROR: C") {
        return None;
    }
    let rest = &line[at + b"onnection to ".len()..];
    let peer = until(rest, b' ');
    rest[peer.len()..].starts_with(b" failed").then_some(peer)
}

/// The transaction a cache.log line belongs to: the line Squid writes after a level-1 line
/// during one ("    current master transaction: master58", src/debug.cc).
fn master_of(line: &[u8]) -> Option<&[u8]> {
    word_after(line, b"current master transaction: ")
}

/// A peer named by its address (`127.0.0.1/3000`, `[::1]/3000`, `10.0.0.2`): one address,
/// so one connect per try.
fn peer_is_address(peer: &[u8]) -> bool {
    let host = match peer.iter().rposition(|b| *b == b'/') {
        Some(slash) => &peer[..slash],
        None => peer,
    };
    let host = host
        .strip_prefix(b"[")
        .and_then(|h| h.strip_suffix(b"]"))
        .unwrap_or(host);
    core::str::from_utf8(host).is_ok_and(|h| h.parse::<core::net::IpAddr>().is_ok())
}

/// What `PeerTwice::offer` did with a line.
pub(super) enum Offered {
    /// Held: the reader waits for the next line.
    Taken,
    /// Not Squid's failure or its transaction: the held lines go out as they read, then this
    /// line is read as any other.
    Refused,
    /// The held lines, this one the last, are one transaction that counted the same peer's
    /// connection failed twice: its failure lines read `rules::PEER_TLS_TWICE`.
    Twice,
}

/// Squid's cache.log lines of a peer's failed connection held with their transaction's line
/// (`peer_failed`, `master_of`), to see whether the same transaction counts the same peer's
/// failure a second time in the same second: a TLS handshake that failed
/// (`rules::PEER_TLS_TWICE`). At most four lines are held; any other line lets them go.
#[derive(Default)]
pub(super) struct PeerTwice {
    held: Vec<(u64, Vec<u8>)>,
    /// The first failure's peer and second, and its transaction once its line came.
    peer: Vec<u8>,
    at: Option<i64>,
    master: Vec<u8>,
}

impl PeerTwice {
    /// Whether lines are held.
    pub(super) fn holding(&self) -> bool {
        !self.held.is_empty()
    }

    /// Offers the next line (the first only when it is a peer's failure at an address).
    pub(super) fn offer(&mut self, number: u64, line: &[u8]) -> Offered {
        let take = match self.held.len() {
            0 => match peer_failed(line) {
                Some(peer) if peer_is_address(peer) && line.len() <= 4096 => {
                    self.peer = peer.to_vec();
                    self.at = time::ymd(prefix::gateway_start(line));
                    true
                }
                _ => false,
            },
            1 | 3 => match master_of(line) {
                Some(master) if self.held.len() == 1 => {
                    self.master = master.to_vec();
                    true
                }
                Some(master) => master == self.master.as_slice(),
                None => false,
            },
            _ => {
                peer_failed(line) == Some(self.peer.as_slice())
                    && time::ymd(prefix::gateway_start(line)) == self.at
            }
        };
        if !take {
            return Offered::Refused;
        }
        self.held.push((number, line.to_vec()));
        if self.held.len() == 4 {
            Offered::Twice
        } else {
            Offered::Taken
        }
    }

    /// Lets the held lines go: (line number, line), in order.
    pub(super) fn take(&mut self) -> Vec<(u64, Vec<u8>)> {
        self.peer.clear();
        self.master.clear();
        self.at = None;
        core::mem::take(&mut self.held)
    }

    /// Whether a held line is one of the failure lines (not a transaction's line).
    pub(super) fn is_failure(line: &[u8]) -> bool {
        peer_failed(line).is_some()
    }
}

/// An ICAP service's state, as src/adaptation/icap/ServiceRep.cc announceStatusChange()
/// writes it at level 1 (github:squid-cache/squid; recorded: squid/b16-icap-down): "essential
/// ICAP service is down after an options fetch failure: icap://host:port/path [down,!opt]"
/// (its OPTIONS request failed: refused, timed out or answered with something else) and
/// "… is suspended: …" (more failures than `icap_service_failure_limit`). An essential
/// (`bypass=0`) service that is down fails every request it should adapt (Squid's own 500,
/// ERR_ICAP_FAILURE); an optional one is skipped, no request fails, and is not read. A state
/// line, like a peer's "Detected DEAD": the hop that is down is the ICAP server, not the app.
/// What else the same words could mean: the ICAP server runs but on another address or
/// family than the `icap_service` URI names (a public thread: an adapter bound to IPv4 that
/// Squid reached over IPv6, "connects to nothing, and reports essential ICAP service is
/// down"), so no more than 0.6.
fn squid_icap(line: &[u8]) -> Option<Finding<'_>> {
    let rest = after(line, b"essential ICAP service is ")?;
    if !rest.starts_with(b"down") && !rest.starts_with(b"suspended") {
        return None;
    }
    let mut f = finding(
        GatewayId::Squid,
        &[
            (CauseId::UpstreamDown, 60),
            (CauseId::WrongUpstreamAddress, 20),
            (CauseId::UpstreamTimeout, 10),
        ],
        true,
        "squid src/adaptation/icap/ServiceRep.cc announceStatusChange() (\"essential ICAP service is down after an options fetch failure\", \"… is suspended\"); recorded: tests/fixtures/logs/squid/b16-icap-down",
    );
    f.at = time::ymd(line);
    f.upstream = after(rest, b"icap://")
        .or_else(|| after(rest, b"icaps://"))
        .map(|r| until_any(r, b"/ "))
        .and_then(non_empty);
    Some(f)
}

/// Squid's result codes (`%Ss`, src/LogTags.cc: `TCP_MISS`, `TCP_DENIED`, `TAG_NONE`, `NONE`,
/// `UDP_HIT`…, with suffixes such as `_ABORTED`).
pub(super) fn squid_result(word: &[u8]) -> bool {
    [&b"TCP_"[..], b"UDP_", b"TAG_", b"NONE"]
        .iter()
        .any(|k| word.starts_with(k))
        && word.iter().all(|b| b.is_ascii_uppercase() || *b == b'_')
}

/// Squid's hierarchy codes (`%Sh`, src/hier_code.h, github:squid-cache/squid 7c20a8a7).
pub(super) const SQUID_HIERARCHY: &[&[u8]] = &[
    b"HIER_NONE",
    b"HIER_DIRECT",
    b"SIBLING_HIT",
    b"PARENT_HIT",
    b"DEFAULT_PARENT",
    b"SINGLE_PARENT",
    b"FIRSTUP_PARENT",
    b"FIRST_PARENT_MISS",
    b"CLOSEST_PARENT_MISS",
    b"CLOSEST_PARENT",
    b"CLOSEST_DIRECT",
    b"NO_DIRECT_FAIL",
    b"SOURCE_FASTEST",
    b"ROUNDROBIN_PARENT",
    b"CD_PARENT_HIT",
    b"CD_SIBLING_HIT",
    b"CARP",
    b"ANY_OLD_PARENT",
    b"USERHASH_PARENT",
    b"SOURCEHASH_PARENT",
    b"PINNED",
    b"ORIGINAL_DST",
    b"STANDBY_POOL",
];

/// Squid's access.log in any `logformat` that has the result code with the status
/// (`%Ss/%03>Hs`, the native format's `TCP_MISS/502`) or with the hierarchy (`%Ss:%Sh`, the
/// predefined `combined`'s `TCP_MISS:HIER_NONE`, then the status is the common log line's), and
/// the hierarchy (`%Sh/%<a`, `HIER_NONE/-`, `FIRSTUP_PARENT/10.0.0.2`). Those two codes are
/// Squid's own words (src/LogTags.cc, src/hier_code.h), so they are found wherever the
/// operator's format put them (squid.conf.documented: `logformat` codes may come in any order,
/// after any time format: `%ts.%03tu`, `%tl`, `[%tl]`…). The elapsed time (`%tr`) is known only
/// in the native layout (its second field); elsewhere a slow connect is not told from a quick
/// one (codes::squid's quick case, whose spread allows a timeout).
pub(super) fn squid_access(line: &[u8]) -> Option<Finding<'_>> {
    // Every result code a failed request can have holds one of these (`TCP_MISS`,
    // `TCP_REFRESH_FAIL_ERR`, `NONE_NONE`, `TAG_NONE`): a cheap test before the split.
    if !contains(line, b"TCP_") && !contains(line, b"NONE") {
        return None;
    }
    let tokens: Vec<&[u8]> = line
        .split(|b| *b == b' ')
        .filter(|t| !t.is_empty())
        .collect();
    let mut status = None;
    let mut hierarchy: Option<&[u8]> = None;
    let mut after_hierarchy = None;
    for (i, t) in tokens.iter().enumerate() {
        if status.is_none() {
            if let Some(slash) = find_byte(t, b'/') {
                if squid_result(&t[..slash]) && t.len() == slash + 4 {
                    status = number(&t[slash + 1..]).map(|s| (s as u16, &t[..slash]));
                    continue;
                }
            }
            if let Some(colon) = find_byte(t, b':') {
                if squid_result(&t[..colon]) && SQUID_HIERARCHY.contains(&&t[colon + 1..]) {
                    status = access_status(line).map(|s| (s, &t[..colon]));
                    hierarchy = Some(&t[colon + 1..]);
                    after_hierarchy = Some(i + 1);
                    break;
                }
            }
        } else {
            let name = until(t, b'/');
            if SQUID_HIERARCHY.contains(&name) {
                hierarchy = Some(t);
                after_hierarchy = Some(i + 1);
                break;
            }
        }
    }
    let (status, result) = status?;
    if contains(result, b"ABORTED") {
        return None;
    }
    // The native layout (`%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru …`), at the line's start
    // or after a prefix (`access_log syslog:…` and journald put a syslog header first): its
    // epoch time with milliseconds, then the elapsed time, then the client, then the result.
    let epoch_at = tokens.iter().position(|t| {
        t.len() == 14 && t[10] == b'.' && t.iter().filter(|b| b.is_ascii_digit()).count() == 13
    });
    let native = epoch_at.filter(|k| {
        tokens
            .get(k + 3)
            .is_some_and(|t| squid_result(until(t, b'/')))
    });
    let elapsed_ms = native
        .and_then(|k| tokens.get(k + 1))
        .and_then(|t| number(t))
        .unwrap_or(0);
    // A logformat without the hierarchy (`%Sh`): the native layout's first fields then other
    // codes (recorded: `%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %<a %{Host}>h`,
    // squid/b8-lf-*). Whether a server was reached is unknown, and so is the type of the body
    // (an app's own 503 relayed reads the same as Squid's): only a 502 or a 504 is read, spread
    // (codes::squid_unplaced), unless %err_code names the error.
    let Some(hierarchy) = hierarchy else {
        native?;
        let named = find(line, b"ERR_")
            .filter(|_| !(400..500).contains(&status))
            .and_then(|at| rules::first_match(rules::SQUID_ERR, &line[at..]));
        let mut f = squid_finding(named, elapsed_ms, || {
            codes::squid_unplaced(status, elapsed_ms)
        })?;
        let k = native?;
        f.request = tokens.get(k + 6).copied().and_then(non_empty);
        f.at = time::epoch(tokens[k]);
        f.record = true;
        return Some(f);
    };
    let peer = after(hierarchy, b"/").and_then(non_empty);
    let direct = hierarchy.starts_with(b"HIER_DIRECT");
    let hier_none = hierarchy.starts_with(b"HIER_NONE");
    let through_peer = !direct && !hier_none;
    // Squid's own error pages are text/html (src/errorpage.cc BuildHttpReply sets
    // "text/html;charset=utf-8", github:squid-cache/squid 7c20a8a7; recorded: every Squid page
    // in tests/fixtures/squid/ says "text/html;charset=utf-8"): a 5xx with another type was
    // written by the origin itself (an app's own 503 relayed), not by Squid's failure. A "-"
    // type is no body at all (a failed CONNECT), still Squid's. The type is `%mt` right after
    // the hierarchy, as the native format has it (a token with a slash that is no ERR_ name).
    // (A 2xx was the origin's answer from the start: a body cut later is named by %err_code.)
    if let Some(mime) = after_hierarchy
        .and_then(|i| tokens.get(i))
        .filter(|_| status >= 500)
    {
        let looks_mime =
            *mime == b"-" || (find_byte(mime, b'/').is_some() && !mime.starts_with(b"ERR_"));
        if looks_mime && *mime != b"-" && !mime.starts_with(b"text/html") {
            return None;
        }
    }
    // Squid's own 5xx pages are its stock ERR_* templates (errors/templates: the smallest page a
    // failed forwarding writes, ERR_ZERO_SIZE_OBJECT, is 1 048 bytes of HTML; Debian's default
    // config inlines errorpage.css, 1 800 more; recorded: every Squid-made 5xx in
    // tests/fixtures/logs/squid/ is 3 349–3 900 bytes with its headers). A text/html 5xx of
    // fewer than 1 000 bytes (`%<st`, the native layout's fifth field) that came from a server
    // (not HIER_NONE) is the origin's own page relayed (recorded: an app's own 502, 313 bytes,
    // squid/b10-app-502), not Squid's failure. What else it could be: an operator's own
    // `error_directory` with very short templates, where a real failure would go unread (a miss,
    // never a wrong cause).
    if let Some(size) = native
        .filter(|_| status >= 500 && !hier_none)
        .and_then(|k| tokens.get(k + 4))
        .and_then(|t| number(t))
    {
        if size > 0 && size < 1000 {
            return None;
        }
    }
    // A logformat with %err_code names the error; the native format does not. A 4xx's name is
    // about the client's request (ERR_TOO_BIG for its body, ERR_ACCESS_DENIED); a 2xx's is a
    // body cut after the origin's headers were relayed (recorded: ERR_READ_TIMEOUT on a 200,
    // squid/b-forward-midbody-stall). HIER_NONE: no server was connected at all, so Squid 5.7's
    // ERR_READ_ERROR there is its default name for a forwarding that ended before an error was
    // set (FwdState.cc "we quit before an error"): a refusal, a dead peer or a name that did not
    // resolve; the hierarchy's spread (codes::squid) says that better than the name.
    let named = find(line, b"ERR_")
        .filter(|_| !(400..500).contains(&status))
        .filter(|at| !(hier_none && line[*at..].starts_with(b"ERR_READ_ERROR")))
        .and_then(|at| rules::first_match(rules::SQUID_ERR, &line[at..]));
    // A 502 from a server Squid reached: its page's size tells junk (ERR_INVALID_RESP) from a
    // close or a reset (codes::SQUID_INVALID_PAGE_BYTES): `%<st` less twice the URL. A URL
    // whose query Squid cut from the log (strip_query_terms, on by default: it ends in "?")
    // is longer on the page by an unknown length, so it is not measured.
    let invalid_page = native
        .filter(|_| status == 502 && !hier_none)
        .and_then(|k| Some((number(tokens.get(k + 4)?)?, *tokens.get(k + 6)?)))
        .filter(|(_, url)| find_byte(url, b'?').is_none())
        .and_then(|(size, url)| size.checked_sub(2 * url.len() as u64))
        .is_some_and(|rest| codes::SQUID_INVALID_PAGE_BYTES.contains(&rest));
    let connect = tokens.iter().any(|t| *t == b"CONNECT");
    let mut f = squid_finding(named, elapsed_ms, || {
        if invalid_page {
            Some(codes::SQUID_INVALID_PAGE)
        } else if connect && status == 503 && hier_none && elapsed_ms < 1000 {
            Some(codes::SQUID_CONNECT_UNREACHED)
        } else {
            codes::squid(status, through_peer, direct, elapsed_ms)
        }
    })?;
    f.upstream = peer;
    // The URL: the native format's seventh field; else the common log line's quoted request.
    f.request = if let Some(k) = native {
        tokens.get(k + 6).copied().and_then(non_empty)
    } else {
        after(line, b"\"")
            .map(|r| until(r, b'"'))
            .and_then(non_empty)
            .or_else(|| {
                tokens
                    .iter()
                    .copied()
                    .find(|t| t.starts_with(b"http://") || t.starts_with(b"https://"))
            })
    };
    f.at = if let Some(k) = native {
        time::epoch(tokens[k])
    } else {
        // `%tl` (`06/Dec/2026:18:07:59 +0000`), bare or in brackets, wherever it is.
        line.windows(3)
            .position(|w| w[0].is_ascii_digit() && w[2] == b'/')
            .and_then(|at| time::clf(&line[at..]))
    };
    f.record = true;
    Some(f)
}

/// The causes of the error Squid's `%err_code` names. ERR_CONNECT_FAIL with no errno
/// (`%err_detail` WITH_SERVER) after a second or more (the native layout's %tr): the connect
/// attempts ran out of time (recorded: squid/b8-forward-blackhole, forward_timeout over a host
/// that never accepts, 3.5 s; a refusal is logged at 0 ms, squid/b5-forward-refused-errs). It
/// could still be a refusal after a slow name lookup (the elapsed time holds it) or after lost
/// SYNs: a spread, ≤ 0.6.
/// An access line's finding: the rule of the error its `%err_code` names, else the spread its
/// layout gives (`spread`). None for the client's side (WITH_CLIENT…, a rule with no causes):
/// not read at all; a Squid line is one request's, so it must not hush the next line as a
/// consequence line (`Reader`) would be.
fn squid_finding<'a>(
    named: Option<&rules::Rule>,
    elapsed_ms: u64,
    spread: impl FnOnce() -> Option<rules::Dist>,
) -> Option<Finding<'a>> {
    Some(match named {
        Some(rule) if rule.causes.is_empty() => return None,
        Some(rule) => finding(
            GatewayId::Squid,
            squid_named(rule, elapsed_ms),
            false,
            rule.source,
        ),
        None => finding(GatewayId::Squid, spread()?, false, codes::SQUID_ACCESS_SRC),
    })
}

pub(super) fn squid_named(rule: &rules::Rule, elapsed_ms: u64) -> rules::Dist {
    if elapsed_ms >= 1000 && rule.needles == [b"ERR_CONNECT_FAIL".as_slice()] {
        codes::SQUID_SLOW_CONNECT_FAIL
    } else {
        rule.causes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blind round 10 (recorded, squid/b10-*): an app's own small 502 relayed through a peer is
    /// not Squid's failure; Squid's own page of the same status is read; the header and
    /// de-chunking warnings of cache.log name a bad answer.
    #[test]
    fn round_10_lines() {
        use CauseId::*;
        let own = "1796590381.898      1 127.0.0.1 TCP_MISS/502 313 GET http://127.0.0.1/b10-app-502 - FIRSTUP_PARENT/127.0.0.1 text/html";
        assert_eq!(cause(own), None);
        let squids = "1796590379.422      5 127.0.0.1 TCP_MISS/502 3447 GET http://127.0.0.1/b10-expired-cert - FIRSTUP_PARENT/127.0.0.1 text/html";
        assert!(cause(squids).is_some_and(|(_, p)| p <= 0.6));
        // HIER_NONE: no server answered, the page is Squid's whatever its size.
        let none = "1796590381.282      0 127.0.0.1 TCP_MISS/502 313 GET http://127.0.0.1/x - HIER_NONE/- text/html";
        assert!(cause(none).is_some());
        let nul = "2026/12/06 20:52:55| WARNING: HTTP header contains NULL characters {Content-Type: text/plain";
        assert_eq!(cause(nul), Some((UpstreamInvalidResponse, 0.55)));
        let chunk = "2026/12/06 20:53:15.929| 11,2| http.cc(1493) decodeAndWriteReplyBody: de-chunking failure: corrupted chunk size";
        assert_eq!(cause(chunk).unwrap().0, UpstreamInvalidResponse);
    }
    /// Blind round 14 (recorded, squid/b14-ports-exhausted, b14-huge-header): Squid 5.7's
    /// src/neighbors.cc peerConnectFailed() writes "TCP connection to HOST/PORT failed" for any
    /// failed connect to a peer (refused, timed out, unreachable, or EADDRNOTAVAIL when the
    /// gateway's own source ports are gone) with no errno, and src/http.cc writes no cache.log
    /// line for a header over reply_header_max_size (ERR_TOO_BIG), whose access line is the one a
    /// reset writes (`TCP_MISS/502 … FIRSTUP_PARENT`): both stay at 0.6 at most.
    #[test]
    fn round_14_lines() {
        let failed = "2026/12/06 23:54:33| TCP connection to 127.0.0.1/42375 failed";
        assert!(cause(failed).is_some_and(|(_, p)| p <= 0.6));
        let big = "1796601138.553      1 127.0.0.1 TCP_MISS/502 3657 GET http://127.0.0.1/x - FIRSTUP_PARENT/127.0.0.1 text/html";
        assert!(cause(big).is_some_and(|(_, p)| p <= 0.6));
    }
    /// A 502 through a server: the page's size tells junk from a close or a reset, whatever
    /// the host name (codes::SQUID_INVALID_PAGE_BYTES). Recorded in session 16 from Debian's
    /// squid 5.7-2+deb12u6 on loopback, one originserver peer per app (junk, a close, a reset,
    /// a 70 KB header), curl with no Accept-Language, `visible_hostname` `vm`, `localhost` and
    /// `a-much-longer-host-name.example.internal`.
    #[test]
    fn page_size_tells_junk_from_a_reset() {
        use CauseId::*;
        let runs = [
            [
                "3596 GET http://127.0.0.1/garbage",
                "3324 GET http://127.0.0.1/close",
                "3424 GET http://127.0.0.1/reset",
                "3610 GET http://127.0.0.1/big",
            ],
            [
                "3578 GET http://127.0.0.1/garbage",
                "3352 GET http://127.0.0.1/close",
                "3452 GET http://127.0.0.1/reset",
                "3638 GET http://127.0.0.1/big",
            ],
            [
                "3702 GET http://127.0.0.1/garbage",
                "3476 GET http://127.0.0.1/close",
                "3576 GET http://127.0.0.1/reset",
                "3762 GET http://127.0.0.1/big",
            ],
        ];
        for (n, run) in runs.into_iter().enumerate() {
            let read = |rest: &str| {
                let line = format!("1796661120.126      0 127.0.0.1 TCP_MISS/502 {rest} - FIRSTUP_PARENT/127.0.0.1 text/html");
                cause(&line).unwrap()
            };
            assert_eq!(read(run[0]), (UpstreamInvalidResponse, 0.45));
            assert_eq!(read(run[1]).0, UpstreamReset);
            assert_eq!(read(run[3]), (UpstreamInvalidResponse, 0.45));
            // A reset's page with a host name of 32 characters or more is junk's size: the
            // limit codes::SQUID_INVALID_PAGE_BYTES names, read wrong at 0.45, never above.
            let reset = read(run[2]);
            if n < 2 {
                assert_eq!(reset.0, UpstreamReset);
            } else {
                assert_eq!(reset, (UpstreamInvalidResponse, 0.45));
            }
        }
        // A URL whose query the log cut is longer on the page: not measured.
        let cut = "1796661120.126      0 127.0.0.1 TCP_MISS/502 3578 GET http://127.0.0.1/garbage? - FIRSTUP_PARENT/127.0.0.1 text/html";
        assert_eq!(cause(cut).unwrap().0, UpstreamReset);
        // No server reached (HIER_NONE): the size says nothing the hierarchy does not.
        let none = "1796661120.156      0 127.0.0.1 TCP_MISS/502 3578 GET http://127.0.0.1/garbage - HIER_NONE/- text/html";
        assert_eq!(cause(none).unwrap().0, UpstreamDown);
    }
    /// A CONNECT tunnel answered 503 with no server reached (Squid 6's line for a refused
    /// tunnel, squid-cache/squid#1354) is no TLS failure of Squid's: the tunnel carries the
    /// client's own TLS. A GET's 503 the same way is still read as Squid's failed handshake
    /// first; a slow CONNECT is a timeout.
    #[test]
    fn a_tunnel_that_reached_no_server() {
        use crate::log::CauseId::{TlsFailure, UpstreamDown, UpstreamTimeout};
        let tunnel = cause("    TAG_NONE/503 0 CONNECT example.com:443 - HIER_NONE/- -").unwrap();
        assert_eq!(tunnel, (UpstreamDown, 0.45));
        let native = "1796661120.156      0 127.0.0.1 TAG_NONE/503 0 CONNECT example.com:443 - HIER_NONE/- -";
        assert_eq!(cause(native).unwrap(), (UpstreamDown, 0.45));
        let get = "1796661120.156      0 127.0.0.1 TCP_MISS/503 3900 GET https://example.com/ - HIER_NONE/- text/html";
        assert_eq!(cause(get).unwrap().0, TlsFailure);
        let slow = "1796661120.156   3004 127.0.0.1 TAG_NONE/503 0 CONNECT example.com:443 - HIER_NONE/- -";
        assert_eq!(cause(slow).unwrap().0, UpstreamTimeout);
    }

    /// Squid's resolver cannot reach its name server over TCP (src/dns_internal.cc): a state
    /// line, dns_failure at 0.6.
    #[test]
    fn a_name_server_out_of_reach() {
        let line =
            "2026/12/07 02:10:00| ERROR: Failed to connect to nameserver 127.0.0.53 using TCP.";
        match read_line(line.as_bytes()) {
            Line::Found(f) => {
                assert!(f.health);
                assert_eq!(f.cause(), CauseId::DnsFailure);
                assert!(f.confidence() <= 0.6);
            }
            other => panic!("not read: {other:?}"),
        }
    }

    /// Blind round 16 (recorded, squid/b16-icap-down): an essential ICAP service that does not
    /// answer its OPTIONS is a state line (the ICAP server is down, or not where its URI says,
    /// no more than 0.6), with its host and port; an optional one (`bypass=1`) fails no request
    /// and is not read.
    #[test]
    fn an_essential_icap_service_down() {
        let down = "2026/12/07 01:51:37| essential ICAP service is down after an options fetch failure: icap://127.0.0.1:44189/reqmod [down,!opt]";
        match read_line(down.as_bytes()) {
            Line::Found(f) => {
                assert!(f.health);
                assert_eq!(f.cause(), CauseId::UpstreamDown);
                assert!(f.confidence() <= 0.6);
                assert_eq!(f.upstream, Some(&b"127.0.0.1:44189"[..]));
            }
            other => panic!("not read: {other:?}"),
        }
        let suspended = "2026/12/07 01:51:37| essential ICAP service is suspended: icap://icap.internal:1344/av [down,susp,fail11]";
        assert!(cause(suspended).is_some_and(|(c, p)| c == CauseId::UpstreamDown && p <= 0.6));
        let optional = "2026/12/07 01:51:37| optional ICAP service is down after an options fetch failure: icap://127.0.0.1:1344/reqmod [down,!opt]";
        assert_eq!(cause(optional), None);
    }

    /// Every line's (number, cause, confidence) as the reader gives them, the lines read as one log.
    fn read(text: &str) -> Vec<(u64, CauseId, f32)> {
        read_all(text.as_bytes())
            .into_iter()
            .map(|(n, _, cause, p)| (n, cause, p))
            .collect()
    }

    /// One transaction that counts the same peer's connection failed twice (Squid's TLS code
    /// counts each failed handshake twice, src/security/PeerConnector.cc and
    /// BlindPeerConnector.cc; recorded: squid/b34-sq-tls, b35-sqd-dbg-tls): a TLS failure at
    /// 0.6. A refusal (counted once), two transactions' failures in one second, another peer's,
    /// and a peer named by a name (two addresses may each refuse once) stay as they read.
    #[test]
    fn a_peer_counted_failed_twice_by_one_transaction() {
        use CauseId::*;
        let tls = "2026/12/07 11:52:11| TCP connection to 127.0.0.1/38353 failed\n    current master transaction: master73\n2026/12/07 11:52:11| TCP connection to 127.0.0.1/38353 failed\n    current master transaction: master73\n1796644331.519      4 127.0.0.1 TCP_MISS/503 3843 GET http://127.0.0.1/x - HIER_NONE/- text/html";
        let found = read(tls);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0], (1, TlsFailure, 0.6));
        assert_eq!(found[1], (3, TlsFailure, 0.6));
        assert_eq!(found[2].1, TlsFailure);
        // Behind journald's header, and master's words for the same count.
        let carried = "Dec 07 11:52:11 vm squid[812]: 2026/12/07 11:52:11 kid1| ERROR: Connection to 10.0.0.2 failed\nDec 07 11:52:11 vm squid[812]:     current master transaction: master9\nDec 07 11:52:11 vm squid[812]: 2026/12/07 11:52:11 kid1| ERROR: Connection to 10.0.0.2 failed\nDec 07 11:52:11 vm squid[812]:     current master transaction: master9";
        assert!(read(carried).iter().all(|f| f.1 == TlsFailure));
        let refused = "2026/12/06 21:13:55| TCP connection to 127.0.0.1/37187 failed\n    current master transaction: master56\n1796635894.514      0 127.0.0.1 TCP_MISS/503 3473 GET http://127.0.0.1/x - FIRSTUP_PARENT/127.0.0.1 text/html";
        assert_eq!(read(refused)[0], (1, UpstreamDown, 0.45));
        let two_requests = "2026/12/07 11:52:11| TCP connection to 127.0.0.1/38353 failed\n    current master transaction: master73\n2026/12/07 11:52:11| TCP connection to 127.0.0.1/38353 failed\n    current master transaction: master74";
        assert!(read(two_requests).iter().all(|f| f.1 == UpstreamDown));
        let two_peers = "2026/12/07 11:52:11| TCP connection to 127.0.0.1/38353 failed\n    current master transaction: master73\n2026/12/07 11:52:11| TCP connection to 127.0.0.1/38354 failed\n    current master transaction: master73";
        assert!(read(two_peers).iter().all(|f| f.1 == UpstreamDown));
        let named = "2026/12/07 11:52:11| TCP connection to localhost/3000 failed\n    current master transaction: master73\n2026/12/07 11:52:11| TCP connection to localhost/3000 failed\n    current master transaction: master73";
        assert!(read(named).iter().all(|f| f.1 == UpstreamDown));
        // A held line still goes out at the end of the input, and an unfinished pair as it reads.
        let alone = "2026/12/07 11:52:11| TCP connection to 127.0.0.1/38353 failed";
        assert_eq!(read(alone), vec![(1, UpstreamDown, 0.45)]);
        let unfinished = "2026/12/07 11:52:11| TCP connection to 127.0.0.1/38353 failed\n    current master transaction: master73\n2026/12/07 11:52:11| TCP connection to 127.0.0.1/38353 failed";
        assert_eq!(read(unfinished).len(), 2);
    }

    /// Blind round 38 (recorded, squid/b38-sq-crash-warm, b38-sq-silenced-warm; squid/died,
    /// b11-gu-stopped before it): a peer that had come up and then failed its connect is
    /// Squid's own 503 with the peer in the hierarchy, at once for a refusal, after the connect
    /// timeout for dropped SYNs; an app's own small 503 relayed is not read.
    #[test]
    fn a_peer_that_failed_after_serving() {
        use CauseId::*;
        let refused = "1796650790.706      1 127.0.0.1 TCP_MISS/503 3479 GET http://127.0.0.1/b38-sq-crash-warm - FIRSTUP_PARENT/127.0.0.1 text/html";
        assert_eq!(cause(refused), Some((UpstreamDown, 0.45)));
        let silenced = "1796650867.325   3203 127.0.0.1 TCP_MISS/503 3487 GET http://127.0.0.1/b38-sq-silenced-warm - FIRSTUP_PARENT/127.0.0.1 text/html";
        assert_eq!(cause(silenced), Some((UpstreamTimeout, 0.45)));
        let own = "1796635901.546      0 127.0.0.1 TCP_MISS/503 345 GET http://127.0.0.1/b29-maint - FIRSTUP_PARENT/127.0.0.1 text/html";
        assert_eq!(cause(own), None);
    }

    /// Squid's failed fetch of a peer's cache digest (src/peer_digest.cc, level 1) is a state
    /// line read by the status it names (recorded: squid/b34-sq-slow's 504, b31-squid-killed's
    /// 502, b33-squid-tls-to-plain's 503); the peer's answer that is no digest is not read
    /// (recorded: squid/b34-sq-halfbody, an app that answers any path).
    #[test]
    fn a_peer_digest_fetch_that_failed() {
        use CauseId::*;
        let state = |line: &str| match read_line(line.as_bytes()) {
            Line::Found(f) => Some((f.health, f.cause(), f.confidence())),
            _ => None,
        };
        let at = "2026/12/07 11:52:06| temporary disabling";
        assert_eq!(
            state(&format!("{at} (Gateway Timeout) digest from 127.0.0.1")),
            Some((true, UpstreamTimeout, 0.6))
        );
        assert_eq!(
            state(&format!("{at} (Bad Gateway) digest from 127.0.0.1")).map(|s| s.1),
            Some(UpstreamReset)
        );
        assert_eq!(
            state(&format!("{at} (Service Unavailable) digest from 127.0.0.1")).map(|s| s.1),
            Some(TlsFailure)
        );
        assert_eq!(
            state(&format!(
                "{at} (premature end of digest reply) digest from 127.0.0.1"
            )),
            None
        );
    }
}
