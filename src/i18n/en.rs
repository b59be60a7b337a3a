//! English: the reference language, and the fallback for every string another one lacks.

pub(super) fn text(id: &str) -> Option<&'static str> {
    // Tables searched in a loop rather than `match` arms: string matches compile to a chain
    // of comparisons, a KB more code in every error page. Each table is one string of
    // "id\ttext" lines (`joined!`).
    const EXTENSION: &str = if cfg!(feature = "extension-labels") {
        joined!(EXTENSION_UI)
    } else {
        ""
    };
    [joined!(HEADLINE), joined!(UI), EXTENSION, joined!(ADVICE)]
        .into_iter()
        .flat_map(super::lines)
        .find_map(|line| line.strip_prefix(id)?.strip_prefix('\t'))
}

/// `headline.<family>`: the one sentence a visitor reads first.
#[rustfmt::skip]
const HEADLINE: &[&str] = &[
    "headline.bad_gateway\tThe site's server is not answering properly",
    "headline.service_unavailable\tThe site is temporarily unavailable",
    "headline.gateway_timeout\tThe site's server took too long to answer",
    "headline.origin_error\tThe site's server could not be reached through its CDN",
    "headline.server_error\tThe site ran into an error",
    "headline.client_error\tThe request could not be served",
    "headline.ok\tThe site answered normally",
];

/// `ui.*`: the widget's and the extension's labels (every id is in `super::TRANSLATED`).
#[rustfmt::skip]
const UI: &[&str] = &[
    "ui.you\tYou",
    "ui.gateway\tGateway",
    "ui.app\tApp",
    "ui.diagram\tWhere the request stopped",
    "ui.failed_here\tfailed here",
    "ui.hop.browser\tThe problem is on the way from your device.",
    "ui.hop.gateway\tThe site's gateway itself failed.",
    "ui.hop.upstream\tThe gateway is up, but the app behind it did not answer properly.",
    "ui.hop.unknown\tIt is not clear which part failed.",
    "ui.observed\tWhat we saw",
    "ui.observed_status\tHTTP status",
    "ui.observed_gateway\tAnswered by",
    "ui.observed_address\tAddress",
    "ui.retry_in\tTrying again in",
    "ui.seconds\ts",
    "ui.retry_now\tRetry now",
    "ui.try_again\tTry again",
    "ui.checking\tChecking whether the site is back…",
    "ui.back\tThe site is back. Loading it…",
    "ui.stopped\tStopped trying automatically. Try again in a while.",
    "ui.not_resent\tYour form was not sent again by itself, so nothing happens twice. Try again when you are ready.",
    "ui.verdict.down_for_everyone\tIt is down for everyone, not just you.",
    "ui.verdict.just_you\tOthers can reach the site: the problem may be on your side.",
    "ui.verdict.unknown\tWe could not tell whether it is down for everyone.",
    "ui.your_advice\tWhat you can do",
    "ui.developer\tFor the site's team",
    "ui.contact\tContact the site's team",
    "ui.status_page\tStatus page",
    "ui.no_script\tThis page reloads itself every two minutes.",
];

/// `ui.*` labels only the extension shows (`super::LEFT_OUT`).
#[rustfmt::skip]
const EXTENSION_UI: &[&str] = &[
    "ui.hide_site\tHide on this site",
    "ui.hard_reload\tHard reload",
    "ui.private_window\tPrivate window",
    "ui.archived_copy\tArchived copy",
    "ui.stop_retrying\tStop retrying",
    "ui.gateway_unknown\tunidentified gateway",
    "ui.likely_cause\tLikely cause",
    "ui.cause.upstream_down\tthe app is not running",
    "ui.cause.upstream_reset\tthe app broke off the connection",
    "ui.cause.upstream_invalid_response\tthe app sent a broken answer",
    "ui.cause.upstream_timeout\tthe app took too long",
    "ui.cause.no_healthy_upstream\tnone of the app's servers is available",
    "ui.cause.wrong_upstream_address\tthe gateway points to the wrong address",
    "ui.cause.upstream_out_of_memory\tthe app ran out of memory",
    "ui.cause.overloaded\tthe site is overloaded",
    "ui.cause.maintenance\tthe site is under maintenance",
    "ui.cause.dns_failure\tthe site's name could not be looked up",
    "ui.cause.tls_failure\tthe secure connection failed",
    "ui.verdict.pending\tChecking whether it is down for everyone…",
    "ui.back_manual\tThe site answers again. Reload when you are ready (your form will be sent again).",
    "ui.retry_off\tAutomatic retry is off (see the options).",
    "ui.follower\tAnother tab of this site is checking; this one reloads when it is back.",
    "ui.still_down\tStill down",
    "ui.private_howto\tThis extension may not open private windows: open one yourself (Ctrl + Shift + N in Chrome, Ctrl + Shift + P in Firefox) and paste the address.",
    "ui.no_report\tNo gateway error in this tab.",
    "ui.host_access\texplain502 cannot see the sites you visit yet.",
    "ui.grant_access\tAllow access to sites",
    "ui.options\tOptions",
    "ui.auto_retry\tReload the tab by itself when the site is back",
    "ui.max_wait\tLongest wait between two checks (seconds)",
    "ui.sources\tAsk these “down for everyone?” sources",
    "ui.source.isitup\tisitup.org (sends the site’s host name)",
    "ui.source.wayback\tWayback Machine, for an archived copy (sends the address)",
    "ui.source.direct\tThis browser’s own view (no third party)",
    "ui.ignored_sites\tSites to ignore (one host name per line; subdomains included)",
    "ui.save\tSave",
    "ui.saved\tSaved.",
];

/// `advice.*`: the visitor's and the developer's advice (see `advice.rs`). `{keys}`,
/// `{window}` and `{gateway}` are filled in there; `advice.<tip>.<gateway>` is a sentence
/// added for that gateway.
#[rustfmt::skip]
const ADVICE: &[&str] = &[
    // The visitor.
    "advice.wait_and_retry\tWait a minute and try again: this is usually temporary, and this page can reload by itself when the site is back.",
    "advice.hard_refresh\tReload the page without your browser's cache: press {keys}.",
    "advice.hard_refresh.touch\tReload the page: pull it down, or tap the reload button.",
    "advice.private_window\tOpen the page in your browser's {window} ({keys}): it runs without your extensions and stored cookies.",
    "advice.private_window.touch\tOpen the page in your browser's {window}, from its menu: it runs without your stored cookies.",
    "advice.other_browser\tTry another browser or device, or switch between Wi-Fi and mobile data.",
    "advice.check_down_for_everyone\tCheck whether the site is down for everyone or just for you.",
    "advice.archived_copy\tIf you only need to read the page, an archived copy may still show it.",
    // The names browsers give their private windows.
    "advice.window.chrome\tIncognito window",
    "advice.window.chrome.touch\tnew Incognito tab",
    "advice.window.edge\tInPrivate window",
    "advice.window.edge.touch\tnew InPrivate tab",
    "advice.window.private\tprivate window",
    "advice.window.firefox.touch\tprivate tab",
    "advice.window.safari.touch\tPrivate tab",
    "advice.window.samsung.touch\tSecret mode tab",
    "advice.window.other\tprivate (incognito) window",
    "advice.window.other.touch\tprivate (incognito) tab",
    // The site's developer: the four causes of a 502, then the gateway's own log.
    "advice.check_app_running\tCheck that the app behind {gateway} is running and has not crashed or restarted.",
    "advice.check_timeouts\tCheck whether the app is too slow: the gateway stops waiting after its timeout. Make the slow request faster, or raise the timeout to match it.",
    "advice.check_proxy_address\tCheck that the proxy points at the address and port the app really listens on. In Docker, use the container's name and its internal port, not localhost or the published port.",
    "advice.check_memory\tCheck whether the app ran out of memory and was killed: it then drops connections mid-answer.",
    "advice.check_tls\tCheck the certificate and TLS settings between the gateway and the app (expired, self-signed, wrong name, or no TLS on that port).",
    "advice.check_gateway_status\tThe failure is in {gateway} itself, not necessarily in your app: check its status page, and retry in a few minutes.",
    "advice.read_gateway_log\tRead {gateway}'s log: it names the connection that failed and why.",
    "advice.gateway.unknown\tthe gateway",
    // Tailored sentences.
    "advice.check_app_running.nginx\tIn nginx's error.log, \"connect() failed (111: Connection refused)\" means nothing listens on the upstream port; \"upstream prematurely closed connection\" means the app closed it mid-answer.",
    "advice.check_app_running.apache\tIn Apache's error.log, AH00957 or \"Connection refused\" means nothing listens on the backend port.",
    "advice.check_app_running.haproxy\tHAProxy marks failing servers DOWN: its stats page or \"show servers state\" tells which.",
    "advice.check_app_running.varnish\tvarnishlog shows the FetchError (\"Connection refused\", \"first byte timeout\"…) that Varnish's page hides.",
    "advice.check_app_running.squid\tThe X-Squid-Error header names the failure (ERR_CONNECT_FAIL, ERR_READ_TIMEOUT…).",
    "advice.check_app_running.heroku\tThe router's H-code in the logs says which: H10 app crashed, H12 request timeout, H13 connection closed, H14 no web dynos.",
    "advice.check_timeouts.nginx\tnginx waits proxy_read_timeout (60 s by default) and logs \"upstream timed out (110: Connection timed out)\".",
    "advice.check_timeouts.apache\tApache waits ProxyTimeout (the Timeout directive, 60 s by default), or timeout= on the ProxyPass line.",
    "advice.check_timeouts.haproxy\tHAProxy waits \"timeout server\" in the backend or defaults section, then answers 504.",
    "advice.check_timeouts.caddy\tCaddy's reverse_proxy has transport timeouts: dial_timeout, response_header_timeout and read_timeout.",
    "advice.check_timeouts.varnish\tVarnish waits first_byte_timeout (60 s by default), between_bytes_timeout and connect_timeout, per backend or as parameters.",
    "advice.check_timeouts.lighttpd\tlighttpd's proxy.server has \"connect-timeout\", \"write-timeout\" and \"read-timeout\" options.",
    "advice.check_timeouts.squid\tSquid waits read_timeout (15 minutes by default) and connect_timeout.",
    "advice.check_timeouts.envoy\tEnvoy's route timeout is 15 s by default (\"upstream request timeout\").",
    "advice.check_timeouts.traefik\tTraefik's serversTransport has forwardingTimeouts (dialTimeout, responseHeaderTimeout).",
    "advice.check_timeouts.iis\tApplication Request Routing has a proxy time-out (server farm → Proxy), ANCM a requestTimeout.",
    "advice.check_timeouts.cloudflare\tCloudflare waits 100 s for the origin's answer, then sends 524.",
    "advice.check_timeouts.aws_elb\tThe load balancer's idle timeout is 60 s by default.",
    "advice.check_timeouts.aws_cloudfront\tCloudFront's origin response timeout is 30 s by default.",
    "advice.check_timeouts.google_frontend\tThe backend service timeout is 30 s by default.",
    "advice.check_timeouts.heroku\tHeroku's router waits 30 s for the first byte (H12).",
    "advice.check_timeouts.azure\tApp Service stops waiting after 230 s; Application Gateway after its request time-out (20 s by default).",
    "advice.check_timeouts.fastly\tFastly's first_byte_timeout is 15 s by default.",
    "advice.check_timeouts.vercel\tA function that runs past its maxDuration gets FUNCTION_INVOCATION_TIMEOUT.",
    "advice.check_proxy_address.nginx\tCompare proxy_pass (or the upstream block) with it.",
    "advice.check_proxy_address.apache\tCompare ProxyPass / BalancerMember with it.",
    "advice.check_proxy_address.haproxy\tCompare the backend's server lines with it.",
    "advice.check_proxy_address.caddy\tCompare reverse_proxy's upstream with it.",
    "advice.check_proxy_address.varnish\tCompare the backend's .host and .port in the VCL with it.",
    "advice.check_proxy_address.lighttpd\tCompare proxy.server's host and port with it.",
    "advice.check_proxy_address.squid\tCompare cache_peer with it.",
    "advice.check_proxy_address.envoy\tCompare the cluster's endpoints with it.",
    "advice.check_proxy_address.traefik\tCompare the service's loadBalancer server URL with it.",
    "advice.check_proxy_address.cloudflare\tCompare the DNS record's origin IP (or the tunnel's service URL) with it.",
];
