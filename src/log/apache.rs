//! Reading Apache httpd's error log (mod_proxy's AH codes): one line in, a finding or none.

use super::*;

/// AH01084 "pass request body failed to …" with (70007) APR_TIMEUP: proxy_util.c's
/// ap_proxy_pass_brigade() logs the status of a write to the BACKEND (the origin connection's
/// output filters) and answers 504 for a TIMEUP: the app accepted and did not read the request
/// (busy, stuck, a full receive window; recorded: apache/b13-send-timeout). A client's slow body
/// is AH02608/AH01095 (the client side), not this line. The same write carries mod_ssl's
/// handshake with a TLS backend, so a handshake that timed out reads the same (then an AH00898
/// "Error during SSL Handshake" follows): upstream_timeout at 0.8, tls_failure 0.1.
const SEND_TIMEOUT: Dist = &[
    (crate::diagnose::CauseId::UpstreamTimeout, 80),
    (crate::diagnose::CauseId::TlsFailure, 10),
];
const AP_PASS_BRIGADE: &str =
    "httpd modules/proxy/proxy_util.c ap_proxy_pass_brigade (AH01084, APR_TIMEUP)";

/// AH01110 "error reading response" with (70007) APR_TIMEUP: mod_proxy_http.c's
/// ap_proxy_http_process_response() met ProxyTimeout while it read the answer's BODY: the app
/// began an answer and stalled (recorded: apache/midbody-stall). A status line that is not
/// HTTP at all is read as an HTTP/0.9 answer, all of it body ("backasswards", a 200), so a
/// service on the wrong port that speaks first and keeps the connection open (an SMTP, FTP or
/// MySQL server's greeting; recorded: apache/b16-smtp-port, a 200 whose body is the SMTP
/// dialogue) ends on this same line once ProxyTimeout strikes. The line cannot tell them apart:
/// upstream_timeout at 0.6, the wrong address next. (Before this, READ_TIMEOUT, 0.95.)
const BODY_TIMEOUT: Dist = &[
    (crate::diagnose::CauseId::UpstreamTimeout, 60),
    (crate::diagnose::CauseId::WrongUpstreamAddress, 25),
];
const AP_BODY_TIMEOUT: &str =
    "httpd modules/proxy/mod_proxy_http.c ap_proxy_http_process_response (AH01110, APR_TIMEUP; HTTP/0.9 backasswards)";

const AP_CONNECT_99: &str =
    "httpd modules/proxy/proxy_util.c ap_proxy_connect_backend (AH00957, EADDRNOTAVAIL)";

pub(super) fn apache(line: &[u8]) -> Option<Finding<'_>> {
    // Apache's own words, without the client's path ("… returned by /path").
    let own = &line[..find(line, b" returned by ").unwrap_or(line.len())];
    // The line's AH code (`AH01102:`): rules naming another code are not searched for.
    let code = find(own, b"AH0")
        .or_else(|| find(own, b"AH1"))
        .and_then(|at| own.get(at..at + 7))
        .filter(|c| c[2..].iter().all(u8::is_ascii_digit));
    let send_timeout = code == Some(b"AH01084".as_slice()) && contains(own, b"(70007)");
    let body_timeout = code == Some(b"AH01110".as_slice()) && contains(own, b"(70007)");
    // AH01068 "Got bogus version %d" (mod_proxy_fcgi.c dispatch(): the FastCGI header's first
    // byte): 72 is "H", an HTTP answer on the FastCGI port (recorded: apache/b16-fcgi-to-http,
    // `fcgi://` to a Node `http` app): an answer in another protocol, at 0.6, as nginx's same words
    // (rules::FASTCGI_GOT_HTTP); its AH01075 "(22)… Error dispatching request" that follows is
    // a consequence line and takes this reading. Another byte stays rules::APACHE's invalid answer.
    let fcgi_got_http = code == Some(b"AH01068".as_slice())
        && after(own, b"Got bogus version ").and_then(number) == Some(72);
    // AH00957 (2.4), or the same words without a code (2.2's "proxy: HTTP: attempt to connect").
    let eaddrnotavail = matches!(code, None | Some(b"AH00957"))
        && contains(own, b"(99)")
        && contains(own, b"attempt to connect");
    let mut f = if send_timeout {
        finding(GatewayId::Apache, SEND_TIMEOUT, false, AP_PASS_BRIGADE)
    } else if fcgi_got_http {
        finding(
            GatewayId::Apache,
            rules::FASTCGI_GOT_HTTP,
            false,
            "httpd modules/proxy/mod_proxy_fcgi.c dispatch (AH01068, bogus version 72: \"H\")",
        )
    } else if body_timeout {
        finding(GatewayId::Apache, BODY_TIMEOUT, false, AP_BODY_TIMEOUT)
    } else if eaddrnotavail {
        // proxy_util.c: "attempt to connect to %pI (%s:%hu) failed": the address dialled
        // (APR's %pI brackets IPv6: `[::1]:8080`), then the configured name and port.
        let resolved = after(own, b"attempt to connect to ").map(|r| until(r, b' '));
        finding(
            GatewayId::Apache,
            rules::no_local_port(resolved),
            false,
            AP_CONNECT_99,
        )
    } else {
        rules::first_match_coded(rules::APACHE, own, code)
            .map(|rule| finding(GatewayId::Apache, rule.causes, rule.health, rule.source))?
    };
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
    // The date opens the line inside `[…]`; a paste that lost the `[` (held-out w13,
    // fideloper/Vaprobash#341) keeps the date, and with it the next line of the request.
    f.at = time::apache(line.strip_prefix(b"[").unwrap_or(line));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// connect(2)'s EADDRNOTAVAIL (round 14, recorded: apache/b14-ports): the dialled address
    /// decides: IPv4, the gateway's local ports used up (overloaded, and its AH01114 follows
    /// it); IPv6 (`localhost` as ::1 on a host without IPv6), a wrong address. Both ≤ 0.6.
    #[test]
    fn no_local_port_or_no_ipv6() {
        let v4 = "[Sun Dec 06 23:56:36.715542 2026] [proxy:error] [pid 5821:tid 5836] (99)Cannot assign requested address: AH00957: http: attempt to connect to 10.0.0.7:8080 (app.internal:8080) failed";
        let then = "[Sun Dec 06 23:56:36.715630 2026] [proxy_http:error] [pid 5821:tid 5836] [client 10.1.1.1:40000] AH01114: HTTP: failed to make connection to backend: app.internal";
        let read = super::super::read_all(format!("{v4}\n{then}").as_bytes());
        assert_eq!(read.len(), 2);
        assert!(read
            .iter()
            .all(|r| r.2 == CauseId::Overloaded && r.3 <= 0.6));
        let v6 = "[Sun Dec 06 23:56:36.715542 2026] [proxy:error] [pid 5821:tid 5836] (99)Cannot assign requested address: AH00957: http: attempt to connect to [::1]:8080 (localhost:8080) failed";
        match read_line(v6.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::WrongUpstreamAddress);
                assert!(f.confidence() <= 0.6);
            }
            _ => panic!("not read"),
        }
    }

    /// proxy_util.c's AH01084 with APR_TIMEUP: the write of the request to the backend timed
    /// out (504); its AH01097 follows with the same cause. Another status keeps its reading.
    #[test]
    fn a_request_body_the_backend_never_read() {
        let timeup = "[Sun Dec 06 23:29:44.273609 2026] [proxy:error] [pid 10318:tid 10323] (70007)The timeout specified has expired: [client 127.0.0.1:38830] AH01084: pass request body failed to 127.0.0.1:38729 (127.0.0.1)";
        match read_line(timeup.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamTimeout);
                assert!(f.confidence() <= 0.8);
            }
            _ => panic!("not read"),
        }
        let reset = "[Sun Dec 06 23:29:44.273609 2026] [proxy:error] [pid 10318:tid 10323] (104)Connection reset by peer: [client 127.0.0.1:38830] AH01084: pass request body failed to 127.0.0.1:38729 (127.0.0.1)";
        match read_line(reset.as_bytes()) {
            Line::Found(f) => assert_eq!(f.cause(), CauseId::UpstreamReset),
            _ => panic!("not read"),
        }
    }

    /// A balancer that tried both members in one request (recorded: apache/b12-allDown) had no
    /// healthy member left; one name's two addresses (`localhost`: ::1, then 127.0.0.1) tried
    /// in turn are one member that is down.
    #[test]
    fn a_request_that_tried_every_member() {
        let pool = "[Sun Dec 06 21:55:35.690613 2026] [proxy:error] [pid 26666:tid 26688] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:38737 (127.0.0.1:38737) failed\n\
            [Sun Dec 06 21:55:35.690683 2026] [proxy:error] [pid 26666:tid 26688] AH00959: ap_proxy_connect_backend disabling worker for (127.0.0.1:38737) for 60s\n\
            [Sun Dec 06 21:55:35.690689 2026] [proxy_http:error] [pid 26666:tid 26688] [client 127.0.0.1:36808] AH01114: HTTP: failed to make connection to backend: 127.0.0.1\n\
            [Sun Dec 06 21:55:35.690790 2026] [proxy:error] [pid 26666:tid 26688] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:42161 (127.0.0.1:42161) failed\n\
            [Sun Dec 06 21:55:35.690824 2026] [proxy:error] [pid 26666:tid 26688] AH00959: ap_proxy_connect_backend disabling worker for (127.0.0.1:42161) for 60s\n\
            [Sun Dec 06 21:55:35.690828 2026] [proxy_http:error] [pid 26666:tid 26688] [client 127.0.0.1:36808] AH01114: HTTP: failed to make connection to backend: 127.0.0.1\n";
        let read = read_all(pool.as_bytes());
        let failures: Vec<_> = read
            .iter()
            .filter(|r| [1, 3, 4, 6].contains(&r.0))
            .collect();
        assert_eq!(failures.len(), 4, "{read:?}");
        assert!(failures
            .iter()
            .all(|r| r.2 == CauseId::NoHealthyUpstream && r.3 <= 0.6));
        let one = "[Sun Dec 06 21:55:35.690613 2026] [proxy:error] [pid 1:tid 2] (111)Connection refused: AH00957: http: attempt to connect to [::1]:8080 (localhost:8080) failed\n\
            [Sun Dec 06 21:55:35.690790 2026] [proxy:error] [pid 1:tid 2] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 (localhost:8080) failed\n\
            [Sun Dec 06 21:55:35.690828 2026] [proxy_http:error] [pid 1:tid 2] [client 127.0.0.1:36808] AH01114: HTTP: failed to make connection to backend: localhost\n";
        let read = read_all(one.as_bytes());
        assert_eq!(read.len(), 3, "{read:?}");
        assert!(read.iter().all(|r| r.2 == CauseId::UpstreamDown));
        // At error level Apache logs a name's last address only (proxy_util.c: the others at
        // debug): `[::1]` for `localhost` means its other address failed first, down; for the
        // IPv6 literal `::1` it is the only address, and the app most often listens on IPv4
        // alone (rules::REFUSED_V6).
        let named = "[Sun Dec 06 21:55:35.690613 2026] [proxy:error] [pid 1:tid 2] (111)Connection refused: AH00957: http: attempt to connect to [::1]:8080 (localhost:8080) failed";
        assert_eq!(cause(named).unwrap().0, CauseId::UpstreamDown);
        let literal = "[Mon Dec 07 01:54:52.531410 2026] [proxy:error] [pid 1:tid 2] (111)Connection refused: AH00957: http: attempt to connect to [::1]:41265 (::1:41265) failed\n\
            [Mon Dec 07 01:54:52.531467 2026] [proxy_http:error] [pid 1:tid 2] [client 127.0.0.1:36110] AH01114: HTTP: failed to make connection to backend: ::1\n";
        let read = read_all(literal.as_bytes());
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(read
            .iter()
            .all(|r| r.2 == CauseId::WrongUpstreamAddress && r.3 <= 0.5));
        // Another request's line (another thread) ends the group: each reads alone.
        let two = "[Sun Dec 06 21:55:35.690613 2026] [proxy:error] [pid 1:tid 2] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:1 (127.0.0.1:1) failed\n\
            [Sun Dec 06 21:55:35.690790 2026] [proxy:error] [pid 1:tid 3] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:2 (127.0.0.1:2) failed\n";
        assert!(read_all(two.as_bytes())
            .iter()
            .all(|r| r.2 == CauseId::UpstreamDown));
    }

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

    /// Apache's CGI header scanner and the third-party mod_fastcgi write no AH code: read by
    /// their words, with or without Apache's `[date] [module:level]` before them.
    #[test]
    fn script_headers_and_mod_fastcgi() {
        let cases = [
            ("[Mon Dec 07 02:10:00.000000 2026] [core:error] [pid 9:tid 9] [client 127.0.0.1:5000] malformed header from script 'app.fcgi': Bad header: \\x89PNG", CauseId::UpstreamInvalidResponse),
            ("FastCGI: comm with server \"/srv/php.fcgi\" aborted: error parsing headers: duplicate header 'content-type'", CauseId::UpstreamInvalidResponse),
            ("[Mon Dec 07 02:10:00 2026] [error] [client 127.0.0.1] FastCGI: comm with server \"/srv/php.fcgi\" aborted: idle timeout (30 sec)", CauseId::UpstreamTimeout),
            ("[Mon Dec 07 02:10:00 2026] [error] [client 127.0.0.1] (104)Connection reset by peer: FastCGI: comm with server \"/srv/php.fcgi\" aborted: read failed", CauseId::UpstreamReset),
            ("[Mon Dec 07 02:10:00 2026] [error] [client 127.0.0.1] (111)Connection refused: FastCGI: failed to connect to server \"/srv/php.fcgi\": connect() failed", CauseId::UpstreamDown),
            ("[Mon Dec 07 02:10:00 2026] [error] [client 127.0.0.1] FastCGI: incomplete headers (0 bytes) received from server \"/srv/php.fcgi\"", CauseId::UpstreamReset),
        ];
        for (line, want) in cases {
            match read_line(line.as_bytes()) {
                Line::Found(f) => {
                    assert_eq!(f.gateway, GatewayId::Apache, "{line}");
                    assert_eq!(f.cause(), want, "{line}");
                }
                other => panic!("not read: {line}: {other:?}"),
            }
        }
        let client = "FastCGI: comm with server \"/srv/php.fcgi\" aborted: bwrite() to client failed (client aborted?)";
        assert!(!matches!(read_line(client.as_bytes()), Line::Found(f) if !f.causes.is_empty()));
    }

    /// AH01110 with APR_TIMEUP (round 16, recorded: apache/b16-smtp-port): a stalled body or
    /// another service's greeting taken for an HTTP/0.9 answer: the timeout at 0.6 at most,
    /// the wrong address next; AH01110 with another errno keeps its reading.
    #[test]
    fn a_body_timeout_may_be_another_service() {
        let line = "[Mon Dec 07 01:53:02.837453 2026] [proxy_http:error] [pid 21498:tid 21502] (70007)The timeout specified has expired: [client 127.0.0.1:41398] AH01110: error reading response";
        match read_line(line.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamTimeout);
                assert!(f.confidence() <= 0.6);
                assert!(f
                    .causes
                    .iter()
                    .any(|c| c.0 == CauseId::WrongUpstreamAddress));
            }
            _ => panic!("not read"),
        }
        // FastCGI answered in HTTP: AH01068 with 72, and its AH01075 after it: an answer in
        // another protocol (the address next); another byte: junk, surer.
        let bogus = "[Mon Dec 07 02:00:18.260135 2026] [proxy_fcgi:error] [pid 14875:tid 14911] [client 127.0.0.1:33086] AH01068: Got bogus version 72";
        let then = "[Mon Dec 07 02:00:18.260188 2026] [proxy_fcgi:error] [pid 14875:tid 14911] (22)Invalid argument: [client 127.0.0.1:33086] AH01075: Error dispatching request to :44083: ";
        let read = super::super::read_all(format!("{bogus}\n{then}").as_bytes());
        assert_eq!(read.len(), 2);
        assert!(read
            .iter()
            .all(|r| r.2 == CauseId::UpstreamInvalidResponse && r.3 <= 0.6));
        let junk = bogus.replace("version 72", "version 45");
        match read_line(junk.as_bytes()) {
            Line::Found(f) => {
                assert_eq!(f.cause(), CauseId::UpstreamInvalidResponse);
                assert!(f.confidence() > 0.6);
            }
            _ => panic!("not read"),
        }
        let close = "[Mon Dec 07 01:53:02.837453 2026] [proxy_http:error] [pid 21498:tid 21502] (70008)Partial results are valid but processing is incomplete: [client 127.0.0.1:41398] AH01110: error reading response";
        match read_line(close.as_bytes()) {
            Line::Found(f) => assert_eq!(f.cause(), CauseId::UpstreamReset),
            _ => panic!("not read"),
        }
    }

    /// An https:// backend with SSLProxyEngine off, in Apache 2.2's words (no AH codes; held
    /// out: bsudy/saml-proxy#1): both lines name TLS; the same words under 2.4's codes do too.
    #[test]
    fn ssl_proxy_not_enabled_without_codes() {
        for line in [
            "[Mon Aug 04 00:03:26 2014] [error] proxy: HTTPS: failed to enable ssl support for [::1]:9443 (localhost)",
            "[Mon Aug 04 00:03:31 2014] [error] [client ::1] SSL Proxy requested for xxx but not enabled [Hint: SSLProxyEngine]",
            "[Sun Dec 06 23:56:36.715542 2026] [ssl:error] [pid 1:tid 2] AH01961: SSL Proxy requested for app:443 but not enabled [Hint: SSLProxyEngine]",
        ] {
            match read_line(line.as_bytes()) {
                Line::Found(f) => assert_eq!(f.cause(), CauseId::TlsFailure, "{line}"),
                _ => panic!("not read: {line}"),
            }
        }
        // mod_ssl's words about the client's side are not the backend's.
        let client = "[Mon Aug 04 00:03:31 2014] [error] [client ::1] SSL Library Error: error:1407609C:SSL routines:SSL23_GET_CLIENT_HELLO:http request";
        assert!(!matches!(read_line(client.as_bytes()), Line::Found(_)));
    }
}
