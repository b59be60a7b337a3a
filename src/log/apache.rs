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
