//! Reading Envoy's access log response flags: one line in, a finding or none.

use super::*;

pub(super) fn envoy_flags<'a>(flags: &[u8]) -> Option<Finding<'a>> {
    let (_, causes) = codes::ENVOY
        .iter()
        .find(|(flag, _)| flags.split(|b| *b == b',').any(|f| f == *flag))?;
    Some(finding(GatewayId::Envoy, causes, false, codes::ENVOY_SRC))
}

/// Envoy's default format: `[START] "METHOD PATH PROTO" CODE FLAGS … "UPSTREAM_HOST"`, or
/// the same pasted from its request on (held out w22, istio#45802: `"GET /v1/status
/// HTTP/1.1" 503 UC upstream_reset_before_response_started{…} …`). Without the time, the
/// token after the status must be a response flag Envoy defines (`codes::ENVOY`): another
/// access log's is its size (nginx, Apache, Traefik's CLF) or `-`.
pub(super) fn envoy(line: &[u8]) -> Option<Finding<'_>> {
    let (at, quote) = if line.first() == Some(&b'"') {
        (None, 1)
    } else {
        let open = find_byte(line, b'[')?;
        let at = time::ymd(&line[open + 1..])?;
        (Some(at), find(&line[open..], b"] \"")? + open + 3)
    };
    let request = until(&line[quote..], b'"');
    let rest = line.get(quote + request.len() + 2..)?;
    let mut tokens = rest.split(|b| *b == b' ');
    let _code = number(tokens.next()?)?;
    let flags = tokens.next()?;
    let mut f = envoy_flags(flags)?;
    f.request = non_empty(request);
    // The last quoted field of the default format is %UPSTREAM_HOST%.
    let end = line.iter().rposition(|b| *b == b'"')?;
    let start = line[..end].iter().rposition(|b| *b == b'"')? + 1;
    f.upstream = non_empty(host_of(&line[start..end]));
    f.at = at;
    Some(f)
}
