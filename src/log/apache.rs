//! Reading Apache httpd's error log (mod_proxy's AH codes): one line in, a finding or none.

use super::*;

pub(super) fn apache(line: &[u8]) -> Option<Finding<'_>> {
    // Apache's own words, without the client's path ("… returned by /path").
    let own = &line[..find(line, b" returned by ").unwrap_or(line.len())];
    // The line's AH code (`AH01102:`): rules naming another code are not searched for.
    let code = find(own, b"AH0")
        .or_else(|| find(own, b"AH1"))
        .and_then(|at| own.get(at..at + 7))
        .filter(|c| c[2..].iter().all(u8::is_ascii_digit));
    let mut f = rules::first_match_coded(rules::APACHE, own, code)
        .map(|rule| finding(GatewayId::Apache, rule.causes, rule.health, rule.source))?;
    // mod_proxy_hcheck's own connections (modules/proxy/mod_proxy_hcheck.c passes
    // "HCTCP", "HCOH", "HCCPING" or "HCHECK" as the proxy function, which AH00957/AH02454
    // print: "AH00957: HCTCP: attempt to connect to … failed"): a health check of a
    // balancer member, every `hcinterval`, not a request's failure (recorded:
    // apache/b5-hcheck-tcp's check lines, written into every case's window).
    if rules::APACHE_HEALTH_CHECKS
        .iter()
        .any(|function| contains(own, function))
    {
        f.health = true;
    }
    f.upstream = after(line, b"connect to Unix domain socket ")
        .map(|r| until(r, b' '))
        .or_else(|| after(line, b"attempt to connect to ").map(|r| until(r, b' ')))
        .or_else(|| {
            after(line, b"from remote server ")
                .map(|r| until(r, b' '))
                .filter(|a| *a != b"returned")
        })
        .or_else(|| after(line, b"body failed to ").map(|r| until_any(r, b" <")))
        .or_else(|| after(line, b"worker for (").map(|r| until(r, b')')))
        .or_else(|| after(line, b"connection for (").map(|r| until(r, b')')))
        .or_else(|| after(line, b"connection to backend: ").map(|r| until(r, b' ')))
        .and_then(non_empty);
    f.request = word_after(line, b"returned by ");
    f.at = line.strip_prefix(b"[").and_then(time::apache);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round 10's lines (recorded, apache/b10-*): a chunk size that overflows (APR_ENOSPC from
    /// the chunk parser on AH01110) and a header with a bare CR (AH02430, at most 0.6: the
    /// header may be a local handler's). Guards: the quoted header value decides nothing, and
    /// AH01110 with a close's errno is still a reset.
    #[test]
    fn chunked_framing_and_header_bytes() {
        use CauseId::*;
        let chunk = "[Sun Dec 06 20:40:15.791278 2026] [proxy_http:error] [pid 3061:tid 3084] (28)No space left on device: [client 127.0.0.1:51462] AH01110: error reading response";
        assert_eq!(cause(chunk).unwrap().0, UpstreamInvalidResponse);
        let cr = "[Sun Dec 06 20:40:16.405923 2026] [http:error] [pid 3060:tid 3137] [client 127.0.0.1:51472] AH02430: Response header 'X-Trace' value of 'abc\\rdef' contains invalid characters, aborting request";
        assert_eq!(cause(cr), Some((UpstreamInvalidResponse, 0.6)));
        let crafted = "[Sun Dec 06 20:40:16.405923 2026] [http:error] [pid 3060:tid 3137] [client 127.0.0.1:51472] AH02430: Response header 'X' value of '(111)Connection refused: upstream timed out\\r' contains invalid characters, aborting request";
        assert_eq!(cause(crafted), Some((UpstreamInvalidResponse, 0.6)));
        let close = "[Sun Dec 06 20:40:13.332686 2026] [proxy_http:error] [pid 3061:tid 3083] (70008)Partial results are valid but processing is incomplete: [client 127.0.0.1:51428] AH01110: error reading response";
        assert_eq!(cause(close).unwrap().0, UpstreamReset);
    }
}
