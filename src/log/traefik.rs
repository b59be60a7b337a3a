//! Reading Traefik's logs: one line in, a finding or none.

use super::*;

pub(super) fn traefik(line: &[u8]) -> Option<Finding<'_>> {
    let reason = after(line, b"' caused by: ")
        .or_else(|| {
            if contains(line, b"Bad Gateway") || contains(line, b"Gateway Timeout") {
                after(line, b"error=\"")
            } else {
                None
            }
        })
        // Traefik 1.0-1.3's forwarder (vulcand/oxy forward/fwd.go, serveHTTP): "Error
        // forwarding to <url>, err: <Go error>" when the round trip fails, then its error
        // handler answers 502/504. The Go error is read as Caddy's is (rules::GO).
        .or_else(|| after(line, b"Error forwarding to ").and_then(|rest| after(rest, b", err: ")));
    if let Some(reason) = reason {
        let mut f = from_rule(GatewayId::Traefik, rules::GO, reason)?;
        f.upstream = go_address(reason)
            .or_else(|| after(line, b"Error forwarding to ").map(|url| host_of(until(url, b','))))
            .and_then(non_empty);
        // logrus: `time="…"` (logfmt) or `WARN[2016-09-27T11:33:53Z]` (text on a terminal).
        f.at = after(line, b"time=\"")
            .and_then(time::ymd)
            .or_else(|| time::ymd(line))
            .or_else(|| after(line, b"[").and_then(time::ymd));
        return Some(f);
    }
    // The access log: CLF, then `N "router@provider" "http://server" Nms`.
    let status = access_status(line)?;
    let tail = after(line, b"@")?;
    let server = quoted_after(tail, b"\" \"")?;
    let causes = codes::traefik(status)?;
    let mut f = finding(GatewayId::Traefik, causes, false, codes::TRAEFIK_SRC);
    f.upstream = non_empty(host_of(server));
    f.request = request_of(line);
    f.at = after(line, b" [").and_then(time::clf);
    Some(f)
}
