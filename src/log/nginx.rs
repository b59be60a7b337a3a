//! Reading nginx's error.log: one line in, a finding or none.

use super::*;

/// nginx: `2026/12/06 09:04:33 [error] 18759#18759: *2 message`: the offset of the message.
pub(super) fn nginx_message(line: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(hash) = find_byte(&line[from..], b'#').map(|p| p + from) {
        from = hash + 1;
        let pid = line[..hash]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if pid == 0 || hash < pid + 2 || &line[hash - pid - 2..hash - pid] != b"] " {
            continue;
        }
        let rest = &line[hash + 1..];
        let tid = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if tid == 0 || !rest[tid..].starts_with(b": ") {
            continue;
        }
        return Some(hash + 1 + tid + 2);
    }
    nginx_body(line)
}

/// A line pasted without the header `pid#tid: ` (or without date and level too): nginx's
/// body is still its own. src/core/ngx_log.c ngx_log_error_core() writes `*%uA ` (the
/// connection) before the message when the log has a connection, and src/http/
/// ngx_http_request.c ngx_http_log_error() appends `, client: %V` after it for every request:
/// a message that starts at a `*<digits> ` (at the line's start or after `] `) and a
/// `, client: ` later are read as nginx's.
pub(super) fn nginx_body(line: &[u8]) -> Option<usize> {
    let client = find(line, b", client: ")?;
    let star = if line.first() == Some(&b'*') {
        0
    } else {
        find(&line[..client], b"] *")? + 2
    };
    let digits = line[star + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (digits > 0 && line.get(star + 1 + digits) == Some(&b' ') && star + 1 + digits < client)
        .then_some(star + digits + 2)
}

/// Where the dry-run wording comes from.
const NGX_DRY_RUN: &str =
    "nginx src/http/modules/ngx_http_limit_req_module.c, ngx_http_limit_conn_module.c (dry run)";

pub(super) fn nginx(line: &[u8], message: usize) -> Option<Finding<'_>> {
    // `error_log … debug` (Debian's nginx is built --with-debug): the debug lines echo the
    // request's and the answer's bytes ("http header: \"…\"", "http proxy header: \"…\"",
    // ngx_http_request.c, ngx_http_proxy_module.c), which a client or an app writes; every
    // failure nginx reports is also logged at info or above, so debug lines are not read.
    if contains(&line[..message], b" [debug] ") {
        return None;
    }
    let text = &line[message..];
    // The rules read nginx's own words only: the request line after ", client: " is the
    // client's, and a crafted URI must not steer the cause.
    let own = &text[..find(text, b", client: ").unwrap_or(text.len())];
    // nginx's words say "client" only about the client's side: one search, not four rules.
    let client_side = contains(own, b"client")
        .then(|| from_rule(GatewayId::Nginx, rules::NGINX_CLIENT, own))
        .flatten()
        .or_else(|| {
            // The connection's log action, " while <action>" at the end of nginx's words: a
            // client connection's own (rules::NGINX_CLIENT_ACTIONS) is not the upstream's.
            let at = own.windows(7).rposition(|w| w == b" while ")?;
            let action = &own[at + 7..];
            rules::NGINX_CLIENT_ACTIONS.contains(&action).then(|| {
                finding(
                    GatewayId::Nginx,
                    rules::NOT_UPSTREAM,
                    false,
                    rules::NGX_CLIENT,
                )
            })
        });
    // nginx's own limits in `limit_req_dry_run on` / `limit_conn_dry_run on` (1.17.1+):
    // ngx_http_limit_req_module.c writes "limiting requests, dry run, excess: …" and
    // ngx_http_limit_conn_module.c "limiting connections, dry run, by zone …" for a request
    // it lets through (the dry run only counts): no refusal, no upstream failure; the same
    // words without ", dry run" are a refusal (503 or limit_*_status), read by rules::NGINX.
    let dry_run = contains(own, b"limiting requests, dry run")
        || contains(own, b"limiting connections, dry run");
    let client_side = client_side.or_else(|| {
        dry_run.then(|| finding(GatewayId::Nginx, rules::NOT_UPSTREAM, false, NGX_DRY_RUN))
    });
    let mut f = client_side.or_else(|| from_rule(GatewayId::Nginx, rules::NGINX, own))?;
    f.upstream = quoted_after(text, b"upstream: \"")
        .map(host_of)
        .and_then(non_empty)
        .or_else(|| {
            // "app.invalid could not be resolved (3: Host not found)"
            let end = find(text, b" could not be resolved")?;
            let start = text[..end]
                .iter()
                .rposition(|b| *b == b' ')
                .map_or(0, |p| p + 1);
            non_empty(&text[start..end])
        });
    f.request = quoted_after(text, b"request: \"").and_then(non_empty);
    // The date sits just before " [level]".
    f.at = find(line, b" [")
        .and_then(|bracket| bracket.checked_sub(19))
        .and_then(|start| time::ymd(&line[start..]));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// nginx 1.22's dry-run wording (ngx_http_limit_req_module.c, ngx_http_limit_conn_module.c):
    /// the request went through, nothing is read as a failure; the refusal is still read.
    #[test]
    fn limits_in_dry_run_refuse_nothing() {
        let dry = [
            "2026/12/06 23:07:25 [error] 4881#4881: *6 limiting requests, dry run, excess: 0.991 by zone \"one\", client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", host: \"a\"",
            "2026/12/06 23:07:27 [error] 4881#4881: *9 limiting connections, dry run, by zone \"addr\", client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", host: \"a\"",
        ];
        for line in dry {
            assert!(
                !matches!(read_line(line.as_bytes()), Line::Found(_)),
                "{line}"
            );
        }
        let refused = "2026/12/06 23:07:25 [error] 4881#4881: *6 limiting requests, excess: 0.991 by zone \"one\", client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", host: \"a\"";
        assert!(matches!(read_line(refused.as_bytes()), Line::Found(_)));
    }
}
