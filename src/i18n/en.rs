//! English: the reference language, and the fallback for every string another one lacks.

pub(super) fn text(id: &str) -> Option<&'static str> {
    headline(id).or_else(|| ui(id)).or_else(|| advice(id))
}

/// `headline.<family>`: the one sentence a visitor reads first.
fn headline(id: &str) -> Option<&'static str> {
    Some(match id {
        "headline.bad_gateway" => "The site's server is not answering properly",
        "headline.service_unavailable" => "The site is temporarily unavailable",
        "headline.gateway_timeout" => "The site's server took too long to answer",
        "headline.origin_error" => "The site's server could not be reached through its CDN",
        "headline.server_error" => "The site ran into an error",
        "headline.client_error" => "The request could not be served",
        "headline.ok" => "The site answered normally",
        _ => return None,
    })
}

/// `ui.*`: the widget's and the extension's labels (every id is in `super::TRANSLATED`).
fn ui(id: &str) -> Option<&'static str> {
    Some(match id {
        "ui.you" => "You",
        "ui.gateway" => "Gateway",
        "ui.app" => "App",
        "ui.diagram" => "Where the request stopped",
        "ui.failed_here" => "failed here",
        "ui.hop.browser" => "The problem is on the way from your device.",
        "ui.hop.gateway" => "The site's gateway itself failed.",
        "ui.hop.upstream" => "The gateway is up, but the app behind it did not answer properly.",
        "ui.hop.unknown" => "It is not clear which part failed.",
        "ui.observed" => "What we saw",
        "ui.observed_status" => "HTTP status",
        "ui.observed_gateway" => "Answered by",
        "ui.observed_address" => "Address",
        "ui.retry_in" => "Trying again in",
        "ui.seconds" => "s",
        "ui.retry_now" => "Retry now",
        "ui.try_again" => "Try again",
        "ui.checking" => "Checking whether the site is back…",
        "ui.back" => "The site is back. Loading it…",
        "ui.stopped" => "Stopped trying automatically. Try again in a while.",
        "ui.not_resent" => "Your form was not sent again by itself, so nothing happens twice. Try again when you are ready.",
        "ui.verdict.down_for_everyone" => "It is down for everyone, not just you.",
        "ui.verdict.just_you" => "Others can reach the site: the problem may be on your side.",
        "ui.verdict.unknown" => "We could not tell whether it is down for everyone.",
        "ui.your_advice" => "What you can do",
        "ui.developer" => "For the site's team",
        "ui.contact" => "Contact the site's team",
        "ui.status_page" => "Status page",
        "ui.no_script" => "This page reloads itself every two minutes.",
        "ui.hide_site" => "Hide on this site",
        "ui.hard_reload" => "Hard reload",
        "ui.private_window" => "Private window",
        "ui.archived_copy" => "Archived copy",
        "ui.stop_retrying" => "Stop retrying",
        "ui.gateway_unknown" => "unidentified gateway",
        "ui.likely_cause" => "Likely cause",
        "ui.verdict.pending" => "Checking whether it is down for everyone…",
        "ui.back_manual" => "The site answers again. Reload when you are ready (your form will be sent again).",
        "ui.retry_off" => "Automatic retry is off (see the options).",
        "ui.follower" => "Another tab of this site is checking; this one reloads when it is back.",
        "ui.still_down" => "Still down",
        "ui.private_howto" => "This extension may not open private windows: open one yourself (Ctrl + Shift + N in Chrome, Ctrl + Shift + P in Firefox) and paste the address.",
        "ui.no_report" => "No gateway error in this tab.",
        "ui.host_access" => "explain502 cannot see the sites you visit yet.",
        "ui.grant_access" => "Allow access to sites",
        _ => return None,
    })
}

/// `advice.*`: the visitor's and the developer's advice (see `advice.rs`). `{keys}`,
/// `{window}` and `{gateway}` are filled in there; `advice.<tip>.<gateway>` is a sentence
/// added for that gateway.
fn advice(id: &str) -> Option<&'static str> {
    Some(match id {
        // The visitor.
        "advice.wait_and_retry" => "Wait a minute and try again: this is usually temporary, and this page can reload by itself when the site is back.",
        "advice.hard_refresh" => "Reload the page without your browser's cache: press {keys}.",
        "advice.hard_refresh.touch" => "Reload the page: pull it down, or tap the reload button.",
        "advice.private_window" => "Open the page in your browser's {window} ({keys}): it runs without your extensions and stored cookies.",
        "advice.private_window.touch" => "Open the page in your browser's {window}, from its menu: it runs without your stored cookies.",
        "advice.other_browser" => "Try another browser or device, or switch between Wi-Fi and mobile data.",
        "advice.check_down_for_everyone" => "Check whether the site is down for everyone or just for you.",
        "advice.archived_copy" => "If you only need to read the page, an archived copy may still show it.",
        // The names browsers give their private windows.
        "advice.window.chrome" => "Incognito window",
        "advice.window.chrome.touch" => "new Incognito tab",
        "advice.window.edge" => "InPrivate window",
        "advice.window.edge.touch" => "new InPrivate tab",
        "advice.window.private" => "private window",
        "advice.window.firefox.touch" => "private tab",
        "advice.window.safari.touch" => "Private tab",
        "advice.window.samsung.touch" => "Secret mode tab",
        "advice.window.other" => "private (incognito) window",
        "advice.window.other.touch" => "private (incognito) tab",
        // The site's developer: the four causes of a 502, then the gateway's own log.
        "advice.check_app_running" => "Check that the app behind {gateway} is running and has not crashed or restarted.",
        "advice.check_timeouts" => "Check whether the app is too slow: the gateway stops waiting after its timeout. Make the slow request faster, or raise the timeout to match it.",
        "advice.check_proxy_address" => "Check that the proxy points at the address and port the app really listens on. In Docker, use the container's name and its internal port, not localhost or the published port.",
        "advice.check_memory" => "Check whether the app ran out of memory and was killed: it then drops connections mid-answer.",
        "advice.check_tls" => "Check the certificate and TLS settings between the gateway and the app (expired, self-signed, wrong name, or no TLS on that port).",
        "advice.check_gateway_status" => "The failure is in {gateway} itself, not necessarily in your app: check its status page, and retry in a few minutes.",
        "advice.read_gateway_log" => "Read {gateway}'s log: it names the connection that failed and why.",
        "advice.gateway.unknown" => "the gateway",
        // Tailored sentences.
        "advice.check_app_running.nginx" => "In nginx's error.log, \"connect() failed (111: Connection refused)\" means nothing listens on the upstream port; \"upstream prematurely closed connection\" means the app closed it mid-answer.",
        "advice.check_app_running.apache" => "In Apache's error.log, AH00957 or \"Connection refused\" means nothing listens on the backend port.",
        "advice.check_app_running.haproxy" => "HAProxy marks failing servers DOWN: its stats page or \"show servers state\" tells which.",
        "advice.check_app_running.varnish" => "varnishlog shows the FetchError (\"Connection refused\", \"first byte timeout\"…) that Varnish's page hides.",
        "advice.check_app_running.squid" => "The X-Squid-Error header names the failure (ERR_CONNECT_FAIL, ERR_READ_TIMEOUT…).",
        "advice.check_app_running.heroku" => "The router's H-code in the logs says which: H10 app crashed, H12 request timeout, H13 connection closed, H14 no web dynos.",
        "advice.check_timeouts.nginx" => "nginx waits proxy_read_timeout (60 s by default) and logs \"upstream timed out (110: Connection timed out)\".",
        "advice.check_timeouts.apache" => "Apache waits ProxyTimeout (the Timeout directive, 60 s by default), or timeout= on the ProxyPass line.",
        "advice.check_timeouts.haproxy" => "HAProxy waits \"timeout server\" in the backend or defaults section, then answers 504.",
        "advice.check_timeouts.caddy" => "Caddy's reverse_proxy has transport timeouts: dial_timeout, response_header_timeout and read_timeout.",
        "advice.check_timeouts.varnish" => "Varnish waits first_byte_timeout (60 s by default), between_bytes_timeout and connect_timeout, per backend or as parameters.",
        "advice.check_timeouts.lighttpd" => "lighttpd's proxy.server has \"connect-timeout\", \"write-timeout\" and \"read-timeout\" options.",
        "advice.check_timeouts.squid" => "Squid waits read_timeout (15 minutes by default) and connect_timeout.",
        "advice.check_timeouts.envoy" => "Envoy's route timeout is 15 s by default (\"upstream request timeout\").",
        "advice.check_timeouts.traefik" => "Traefik's serversTransport has forwardingTimeouts (dialTimeout, responseHeaderTimeout).",
        "advice.check_timeouts.iis" => "Application Request Routing has a proxy time-out (server farm → Proxy), ANCM a requestTimeout.",
        "advice.check_timeouts.cloudflare" => "Cloudflare waits 100 s for the origin's answer, then sends 524.",
        "advice.check_timeouts.aws_elb" => "The load balancer's idle timeout is 60 s by default.",
        "advice.check_timeouts.aws_cloudfront" => "CloudFront's origin response timeout is 30 s by default.",
        "advice.check_timeouts.google_frontend" => "The backend service timeout is 30 s by default.",
        "advice.check_timeouts.heroku" => "Heroku's router waits 30 s for the first byte (H12).",
        "advice.check_timeouts.azure" => "App Service stops waiting after 230 s; Application Gateway after its request time-out (20 s by default).",
        "advice.check_timeouts.fastly" => "Fastly's first_byte_timeout is 15 s by default.",
        "advice.check_timeouts.vercel" => "A function that runs past its maxDuration gets FUNCTION_INVOCATION_TIMEOUT.",
        "advice.check_proxy_address.nginx" => "Compare proxy_pass (or the upstream block) with it.",
        "advice.check_proxy_address.apache" => "Compare ProxyPass / BalancerMember with it.",
        "advice.check_proxy_address.haproxy" => "Compare the backend's server lines with it.",
        "advice.check_proxy_address.caddy" => "Compare reverse_proxy's upstream with it.",
        "advice.check_proxy_address.varnish" => "Compare the backend's .host and .port in the VCL with it.",
        "advice.check_proxy_address.lighttpd" => "Compare proxy.server's host and port with it.",
        "advice.check_proxy_address.squid" => "Compare cache_peer with it.",
        "advice.check_proxy_address.envoy" => "Compare the cluster's endpoints with it.",
        "advice.check_proxy_address.traefik" => "Compare the service's loadBalancer server URL with it.",
        "advice.check_proxy_address.cloudflare" => "Compare the DNS record's origin IP (or the tunnel's service URL) with it.",
        _ => return None,
    })
}
