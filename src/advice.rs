//! What the visitor and the site's developer should do (contract §1 `advice`). Texts come from
//! the i18n table (`advice.<id>`); this module picks, orders and fills them: the keys and
//! window names of the visitor's browser, and the commands and knobs of the known gateway.

use crate::diagnose::CauseId::{self, *};
use crate::diagnose::{Cause, Hop};
use crate::gateway::Gateway;
use crate::gateway::GatewayId::{self, *};
use crate::i18n::{self, joined, lines, Lang};
use crate::ids::id_enum;
use crate::observation::Context;
use crate::prelude::*;
use crate::status::Family;
use crate::text;
use serde::Serialize;
use TipId::*;

id_enum! {
    /// What to do (contract §1 `advice.*[].id`); each has its text `advice.<id>`.
    pub enum TipId {
        WaitAndRetry = "wait_and_retry",
        HardRefresh = "hard_refresh",
        PrivateWindow = "private_window",
        OtherBrowser = "other_browser",
        CheckDownForEveryone = "check_down_for_everyone",
        ArchivedCopy = "archived_copy",
        CheckGatewayStatus = "check_gateway_status",
        ReadGatewayLog = "read_gateway_log",
        CheckAppRunning = "check_app_running",
        CheckTimeouts = "check_timeouts",
        CheckProxyAddress = "check_proxy_address",
        CheckMemory = "check_memory",
        CheckTls = "check_tls",
        // A bot check answered (crate::challenge): the visitor completes it; the developer
        // reviews the rule that fired.
        CompleteCheck = "complete_check",
        DisableVpnOrExtension = "disable_vpn_or_extension",
        ReviewBotRules = "review_bot_rules",
    }
}

/// The visitor's and the developer's advice (contract §1 `advice`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Advice {
    pub user: Vec<Tip>,
    pub developer: Vec<Tip>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tip {
    pub id: TipId,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Browser {
    Chrome,
    Edge,
    Firefox,
    Safari,
    Opera,
    Vivaldi,
    Samsung,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Os {
    Mac,
    Windows,
    Linux,
    Chromebook,
    Touch,
    Unknown,
}

/// The visitor's browser and OS from the user agent (and `navigator.platform`). Order
/// matters: Edge, Opera and friends also say "Chrome", Chrome also says "Safari".
fn browser_and_os(context: &Context) -> (Browser, Os) {
    let ua = context.user_agent.as_deref().unwrap_or("");
    let platform = context.platform.as_deref().unwrap_or("");
    let has = |needle: &str| text::contains(ua, needle);
    let browser = if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        Browser::Edge
    } else if has("OPR/") || has("Opera") {
        Browser::Opera
    } else if has("SamsungBrowser") {
        Browser::Samsung
    } else if has("Vivaldi") {
        Browser::Vivaldi
    } else if has("Firefox/") || has("FxiOS/") {
        Browser::Firefox
    } else if has("Chrome/") || has("CriOS/") || has("Chromium/") {
        Browser::Chrome
    } else if has("Safari/") && has("Version/") {
        Browser::Safari
    } else {
        Browser::Other
    };
    let either = |needle: &str| has(needle) || text::contains(platform, needle);
    let os = if either("iPhone")
        || either("iPad")
        || either("iPod")
        || either("Android")
        || has("Mobile")
    {
        Os::Touch
    } else if either("Mac") {
        Os::Mac
    } else if either("Win") {
        Os::Windows
    } else if either("CrOS") {
        Os::Chromebook
    } else if either("Linux") || either("X11") {
        Os::Linux
    } else {
        Os::Unknown
    };
    (browser, os)
}

/// A key a shortcut holds down, named in the language's own words (`key.<id>`: "Strg",
/// "Umschalttaste", "⌘ Befehlstaste"…; the sources are beside each language's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Ctrl,
    Shift,
    Command,
    Option,
}

impl Key {
    fn id(self) -> &'static str {
        match self {
            Key::Ctrl => "key.ctrl",
            Key::Shift => "key.shift",
            Key::Command => "key.command",
            Key::Option => "key.option",
        }
    }
}

/// A key combination: the keys held down, in order, then the key pressed, as printed on it
/// ("R", "F5": the same in every language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Combo(&'static [Key], &'static str);

const CTRL_SHIFT: &[Key] = &[Key::Ctrl, Key::Shift];
const COMMAND_SHIFT: &[Key] = &[Key::Command, Key::Shift];

impl Combo {
    /// "Strg + Umschalttaste + R": the language's key names and the last key, joined by " + ".
    fn text(self, lang: Lang) -> String {
        let Combo(held, last) = self;
        let mut text = String::new();
        for key in held {
            text.push_str(i18n::text(lang, key.id()));
            text.push_str(" + ");
        }
        text.push_str(last);
        text
    }
}

/// A shortcut: one, or two joined by the language's words (`advice.keys.<how>`: "{keys} (or
/// {other})"…), so no English connects the key caps in another language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keys {
    None,
    One(Combo),
    Two(&'static str, Combo, Combo),
}

impl Keys {
    fn text(self, lang: Lang) -> String {
        match self {
            Keys::None => String::new(),
            Keys::One(keys) => keys.text(lang),
            Keys::Two(how, keys, other) => {
                let joined = text::replace(i18n::text(lang, how), "{keys}", &keys.text(lang));
                text::replace(&joined, "{other}", &other.text(lang))
            }
        }
    }
}

fn hard_refresh_keys(browser: Browser, os: Os) -> Keys {
    let ctrl_shift_r = Combo(CTRL_SHIFT, "R");
    let command_shift_r = Combo(COMMAND_SHIFT, "R");
    match (os, browser) {
        (Os::Mac, Browser::Safari) => Keys::One(Combo(&[Key::Option, Key::Command], "R")),
        (Os::Mac, _) => Keys::One(command_shift_r),
        (Os::Windows, _) => Keys::Two("advice.keys.or", Combo(&[Key::Ctrl], "F5"), ctrl_shift_r),
        (Os::Linux | Os::Chromebook, _) => Keys::One(ctrl_shift_r),
        _ => Keys::Two("advice.keys.mac", ctrl_shift_r, command_shift_r),
    }
}

/// The private window's text id and shortcut, in the browser's own words.
fn private_window(browser: Browser, os: Os) -> (&'static str, Keys) {
    // The letter after Ctrl + Shift (⌘ + Shift on a Mac).
    let keys = |letter: &'static str| {
        Keys::One(Combo(
            if os == Os::Mac {
                COMMAND_SHIFT
            } else {
                CTRL_SHIFT
            },
            letter,
        ))
    };
    if os == Os::Touch {
        let window = match browser {
            Browser::Chrome => "advice.window.chrome.touch",
            Browser::Edge => "advice.window.edge.touch",
            Browser::Firefox => "advice.window.firefox.touch",
            Browser::Safari => "advice.window.safari.touch",
            Browser::Samsung => "advice.window.samsung.touch",
            _ => "advice.window.other.touch",
        };
        return (window, Keys::None);
    }
    match browser {
        Browser::Chrome => ("advice.window.chrome", keys("N")),
        Browser::Edge => ("advice.window.edge", keys("N")),
        Browser::Firefox => ("advice.window.private", keys("P")),
        Browser::Safari => (
            "advice.window.private",
            Keys::One(Combo(COMMAND_SHIFT, "N")),
        ),
        Browser::Opera | Browser::Vivaldi => ("advice.window.private", keys("N")),
        Browser::Samsung | Browser::Other => (
            "advice.window.other",
            Keys::Two(
                "advice.keys.firefox",
                Combo(CTRL_SHIFT, "N"),
                Combo(CTRL_SHIFT, "P"),
            ),
        ),
    }
}

/// Tip `id`'s text `advice.<id>[.<variant>]`, its placeholders filled.
fn tip(lang: Lang, id: TipId, variant: Option<&str>, fill: &[(&str, &str)]) -> Tip {
    let mut text = text_of(lang, id, variant).to_string();
    for (name, value) in fill {
        text = text::replace(&text, name, value);
    }
    Tip {
        id,
        text,
        commands: Vec::new(),
    }
}

/// The text `advice.<tip>`, or `advice.<tip>.<variant>` (a gateway's sentence, a touch
/// screen's words), built without `format!`.
fn text_of(lang: Lang, tip: TipId, variant: Option<&str>) -> &'static str {
    let mut key = String::from("advice.");
    key.push_str(tip.as_str());
    if let Some(variant) = variant {
        key.push('.');
        key.push_str(variant);
    }
    i18n::text(lang, &key)
}

fn user_advice(family: Family, hop: Hop, context: &Context, lang: Lang) -> Vec<Tip> {
    if !family.is_gateway_failure() && family != Family::ServerError {
        return Vec::new();
    }
    let (browser, os) = browser_and_os(context);
    let (window_id, window_keys) = private_window(browser, os);
    let window = i18n::text(lang, window_id);
    // A touch screen has no keys: its own words for the tips that name some.
    let touch = (os == Os::Touch).then_some("touch");
    // Waiting first, unless the browser itself is the likely culprit.
    let ids = if hop == Hop::Browser {
        [
            HardRefresh,
            PrivateWindow,
            WaitAndRetry,
            OtherBrowser,
            CheckDownForEveryone,
            ArchivedCopy,
        ]
    } else {
        [
            WaitAndRetry,
            HardRefresh,
            PrivateWindow,
            OtherBrowser,
            CheckDownForEveryone,
            ArchivedCopy,
        ]
    };
    let mut tips = Vec::with_capacity(ids.len());
    for id in ids {
        let (keys, variant) = match id {
            HardRefresh => (hard_refresh_keys(browser, os), touch),
            PrivateWindow => (window_keys, touch),
            _ => (Keys::None, None),
        };
        // Every text gets both fills: one without the placeholder is left as it is.
        tips.push(tip(
            lang,
            id,
            variant,
            &[("{window}", window), ("{keys}", &keys.text(lang))],
        ));
    }
    tips
}

/// The developer tip that answers a cause.
fn tip_for_cause(cause: CauseId) -> Option<TipId> {
    Some(match cause {
        UpstreamDown | NoHealthyUpstream | UpstreamReset | UpstreamInvalidResponse => {
            CheckAppRunning
        }
        UpstreamTimeout | Overloaded => CheckTimeouts,
        WrongUpstreamAddress | DnsFailure => CheckProxyAddress,
        UpstreamOutOfMemory => CheckMemory,
        TlsFailure => CheckTls,
        Maintenance | Unknown => return None,
    })
}

/// A tip's commands, one a line (`joined!`: as arrays, 8 bytes of pointer and length each).
macro_rules! commands {
    ($($command:literal),* $(,)?) => {
        joined!([$($command),*])
    };
}

/// Commands for a tip, whatever the gateway.
fn generic_commands(tip: TipId) -> &'static str {
    match tip {
        CheckAppRunning => commands![
            "systemctl status myapp",
            "journalctl -u myapp --since \"15 min ago\"",
            "docker ps -a",
            "pm2 list",
        ],
        CheckTimeouts => commands!["time curl -sv -o /dev/null http://127.0.0.1:PORT/slow-page"],
        CheckProxyAddress => commands![
            "ss -ltnp",
            "curl -v http://127.0.0.1:PORT/",
            "docker ps --format '{{.Names}}  {{.Ports}}'",
        ],
        CheckMemory => commands![
            "free -h",
            "docker stats --no-stream",
            "dmesg -T | grep -i -E 'out of memory|oom|killed process'",
        ],
        CheckTls => commands!["openssl s_client -connect ORIGIN:443 -servername HOST </dev/null"],
        _ => "",
    }
}

/// The gateway's own knobs and logs, per tip.
fn gateway_commands(tip: TipId, gateway: GatewayId) -> &'static str {
    match (tip, gateway) {
        (CheckGatewayStatus, Cloudflare) => {
            commands!["curl -s https://www.cloudflarestatus.com/api/v2/status.json"]
        }
        (ReadGatewayLog, Nginx) => commands!["tail -n 50 /var/log/nginx/error.log"],
        (ReadGatewayLog, Apache) => commands!["tail -n 50 /var/log/apache2/error.log"],
        (ReadGatewayLog, Haproxy) => commands!["journalctl -u haproxy --since \"15 min ago\""],
        (ReadGatewayLog, Varnish) => commands!["varnishlog -g request -q 'RespStatus >= 500'"],
        (ReadGatewayLog, Lighttpd) => commands!["tail -n 50 /var/log/lighttpd/error.log"],
        (ReadGatewayLog, Caddy) => commands!["journalctl -u caddy --since \"15 min ago\""],
        (ReadGatewayLog, Squid) => commands![
            "tail -n 50 /var/log/squid/cache.log",
            "tail -n 50 /var/log/squid/access.log",
        ],
        (ReadGatewayLog, Envoy) => {
            commands![
                "curl -s http://127.0.0.1:9901/clusters | grep -E 'health_flags|cx_connect_fail'"
            ]
        }
        (ReadGatewayLog, Traefik) => commands!["docker logs --since 15m traefik"],
        (ReadGatewayLog, Heroku) => commands!["heroku logs --tail", "heroku ps"],
        (ReadGatewayLog, Vercel) => commands!["vercel logs DEPLOYMENT_URL"],
        (ReadGatewayLog, AwsElb) => {
            commands!["aws elbv2 describe-target-health --target-group-arn TARGET_GROUP_ARN"]
        }
        (ReadGatewayLog, GoogleFrontend) => {
            commands!["gcloud compute backend-services get-health BACKEND_SERVICE --global"]
        }
        (ReadGatewayLog, Azure) => {
            commands!["az webapp log tail --name APP --resource-group GROUP"]
        }
        (CheckAppRunning, Cloudflare | AwsCloudfront | Fastly | Akamai) => {
            commands!["curl -sv --resolve HOST:443:ORIGIN_IP https://HOST/"]
        }
        (CheckTimeouts, Nginx) => {
            commands!["nginx -T 2>/dev/null | grep -n -E 'proxy_(read|connect|send)_timeout'"]
        }
        (CheckTimeouts, Apache) => commands![
            "apachectl -t -D DUMP_RUN_CFG; grep -rn -i -E 'ProxyTimeout|^Timeout|connectiontimeout' /etc/apache2/",
        ],
        // A slow "No server is available" is `timeout connect` on every try, or `timeout queue`.
        (CheckTimeouts, Haproxy) => {
            commands!["grep -n -E 'timeout (server|connect|queue)|maxconn' /etc/haproxy/haproxy.cfg"]
        }
        (CheckTimeouts, Caddy) => {
            commands![
                "caddy adapt --config /etc/caddy/Caddyfile | grep -o '\"[a-z_]*timeout\":[^,]*'"
            ]
        }
        (CheckTimeouts, Varnish) => commands![
            "varnishadm param.show first_byte_timeout",
            "varnishadm param.show connect_timeout",
            "varnishlog -g request -q 'FetchError'",
        ],
        (CheckTimeouts, Squid) => {
            commands!["grep -n -E '^(read|connect)_timeout' /etc/squid/squid.conf"]
        }
        (CheckProxyAddress, Nginx) => {
            commands!["nginx -T 2>/dev/null | grep -n -E 'proxy_pass|server .*:[0-9]+'"]
        }
        (CheckProxyAddress, Apache) => commands![
            "apachectl -S",
            "grep -rn -E 'ProxyPass|BalancerMember' /etc/apache2/",
        ],
        (CheckProxyAddress, Haproxy) => commands![
            "haproxy -c -f /etc/haproxy/haproxy.cfg",
            "echo 'show servers state' | socat stdio /run/haproxy/admin.sock",
        ],
        (CheckProxyAddress, Varnish) => commands!["varnishadm backend.list -p"],
        (CheckProxyAddress, Caddy) => {
            commands!["caddy adapt --config /etc/caddy/Caddyfile | grep -o '\"dial\":\"[^\"]*\"'"]
        }
        (CheckProxyAddress, Squid) => commands!["squid -k parse 2>&1 | grep -i cache_peer"],
        (CheckProxyAddress, Lighttpd) => {
            commands!["lighttpd -p -f /etc/lighttpd/lighttpd.conf | grep -n -A4 proxy.server"]
        }
        (CheckProxyAddress, Envoy) => commands!["curl -s http://127.0.0.1:9901/clusters"],
        _ => "",
    }
}

fn developer_tip(lang: Lang, id: TipId, gateway: &Gateway, gateway_name: &str) -> Tip {
    let mut tip = tip(lang, id, None, &[("{gateway}", gateway_name)]);
    if let Some(gw) = gateway.id {
        let extra = text_of(lang, id, Some(gw.as_str()));
        if !extra.is_empty() {
            tip.text.push(' ');
            tip.text.push_str(extra);
        }
        tip.commands
            .extend(lines(gateway_commands(id, gw)).map(String::from));
    }
    tip.commands
        .extend(lines(generic_commands(id)).map(String::from));
    tip
}

fn developer_advice(
    family: Family,
    gateway: &Gateway,
    hop: Hop,
    causes: &[Cause],
    lang: Lang,
) -> Vec<Tip> {
    if !family.is_gateway_failure() {
        return Vec::new();
    }
    let gateway_name = match (&gateway.id, &gateway.name) {
        (Some(_), Some(name)) => name.as_str(),
        _ => i18n::text(lang, "advice.gateway.unknown"),
    };
    // The gateway's own tips (its status when it failed itself, its log when known), then
    // those for the likely causes, then the rest of the four.
    let mut ids: Vec<TipId> = Vec::new();
    if hop == Hop::Gateway {
        ids.push(CheckGatewayStatus);
    }
    if gateway
        .id
        .is_some_and(|gw| !gateway_commands(ReadGatewayLog, gw).is_empty())
    {
        ids.push(ReadGatewayLog);
    }
    let for_causes = causes.iter().filter_map(|cause| tip_for_cause(cause.id));
    for id in for_causes.chain([
        CheckAppRunning,
        CheckTimeouts,
        CheckProxyAddress,
        CheckMemory,
    ]) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut tips = Vec::with_capacity(ids.len());
    for id in ids {
        tips.push(developer_tip(lang, id, gateway, gateway_name));
    }
    tips
}

/// The visitor's and the developer's advice for one diagnosis.
pub fn advise(
    family: Family,
    gateway: &Gateway,
    hop: Hop,
    causes: &[Cause],
    context: &Context,
    lang: Lang,
) -> Advice {
    Advice {
        user: user_advice(family, hop, context, lang),
        developer: developer_advice(family, gateway, hop, causes, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(ua: &str, platform: &str) -> Context {
        Context {
            user_agent: Some(ua.into()),
            platform: Some(platform.into()),
            ..Context::default()
        }
    }

    fn user_tips(ua: &str, platform: &str) -> Vec<Tip> {
        user_advice(
            Family::BadGateway,
            Hop::Upstream,
            &context(ua, platform),
            Lang::En,
        )
    }

    fn text_of<'a>(tips: &'a [Tip], id: &str) -> &'a str {
        &tips.iter().find(|t| t.id.as_str() == id).unwrap().text
    }

    #[test]
    fn keys_and_window_names_fit_the_browser() {
        let cases = [
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Win32", "Ctrl + F5", "Incognito window (Ctrl + Shift + N)"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Win32", "Ctrl + F5", "InPrivate window (Ctrl + Shift + N)"),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Linux x86_64", "Ctrl + Shift + R", "private window (Ctrl + Shift + P)"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "MacIntel", "⌥ Option + ⌘ Command + R", "private window (⌘ Command + Shift + N)"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "MacIntel", "⌘ Command + Shift + R", "Incognito window (⌘ Command + Shift + N)"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "iPhone", "pull it down", "Private tab"),
            ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Linux armv81", "pull it down", "Secret mode tab"),
        ];
        for (ua, platform, refresh, private) in cases {
            let tips = user_tips(ua, platform);
            assert!(text_of(&tips, "hard_refresh").contains(refresh), "{ua}");
            assert!(
                text_of(&tips, "private_window").contains(private),
                "{ua}: {}",
                text_of(&tips, "private_window")
            );
            for id in [
                "wait_and_retry",
                "other_browser",
                "check_down_for_everyone",
                "archived_copy",
            ] {
                assert!(!text_of(&tips, id).is_empty());
            }
        }
    }

    /// The key caps in each language's own words (issue 14: German advice read "Drücken Sie
    /// Ctrl + Shift + R (⌘ Command + Shift + R on a Mac)"), composed from `key.*`; the
    /// extension's how-to for private windows names the same keys.
    #[test]
    fn key_caps_are_the_language_s_own() {
        let windows_chrome = context(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Win32",
        );
        let mac_safari = context(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "MacIntel",
        );
        let cases = [
            (
                Lang::De,
                "Strg + Umschalttaste + R",
                "⌘ Befehlstaste + Umschalttaste + R",
                "⌥ Wahltaste + ⌘ Befehlstaste + R",
            ),
            (
                Lang::Fr,
                "Ctrl + Maj + R",
                "⌘ Cmd + Maj + R",
                "⌥ Option + ⌘ Cmd + R",
            ),
            (
                Lang::Es,
                "Ctrl + Mayús + R",
                "⌘ Comando + Mayús + R",
                "⌥ Opción + ⌘ Comando + R",
            ),
            (
                Lang::Pt,
                "Ctrl + Shift + R",
                "⌘ Command + Shift + R",
                "⌥ Option + ⌘ Command + R",
            ),
            (
                Lang::Ja,
                "Ctrl + Shift + R",
                "⌘ command + Shift + R",
                "⌥ option + ⌘ command + R",
            ),
            (
                Lang::En,
                "Ctrl + Shift + R",
                "⌘ Command + Shift + R",
                "⌥ Option + ⌘ Command + R",
            ),
        ];
        let tip = |context: &Context, lang: Lang, id: &str| -> String {
            user_advice(Family::BadGateway, Hop::Upstream, context, lang)
                .into_iter()
                .find(|t| t.id.as_str() == id)
                .unwrap()
                .text
        };
        for (lang, ctrl_shift_r, command_shift_r, option_command_r) in cases {
            let refresh = tip(&Context::default(), lang, "hard_refresh");
            assert!(
                refresh.contains(ctrl_shift_r) && refresh.contains(command_shift_r),
                "{}: {refresh}",
                lang.code()
            );
            let windows = tip(&windows_chrome, lang, "hard_refresh");
            let ctrl_f5 = Combo(&[Key::Ctrl], "F5").text(lang);
            assert!(windows.contains(&ctrl_f5), "{}: {windows}", lang.code());
            let mac = tip(&mac_safari, lang, "hard_refresh");
            assert!(mac.contains(option_command_r), "{}: {mac}", lang.code());
            let howto = i18n::text(lang, "ui.private_howto");
            for letter in ["N", "P"] {
                let keys = Combo(CTRL_SHIFT, letter).text(lang);
                assert!(
                    howto.contains(&keys),
                    "{}: {howto} lacks {keys}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn developer_advice_covers_the_four_causes_and_knows_the_gateway() {
        let gateway = Gateway {
            id: Some(Nginx),
            name: Some("nginx".into()),
            ..Gateway::default()
        };
        let causes = [Cause {
            id: UpstreamTimeout,
            confidence: 0.85,
        }];
        let tips = developer_advice(
            Family::GatewayTimeout,
            &gateway,
            Hop::Upstream,
            &causes,
            Lang::En,
        );
        let ids: Vec<&str> = tips.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "read_gateway_log",
                "check_timeouts",
                "check_app_running",
                "check_proxy_address",
                "check_memory"
            ]
        );
        assert!(tips[1].text.contains("proxy_read_timeout"));
        assert!(tips
            .iter()
            .all(|t| !t.commands.is_empty() && !t.text.contains('{')));
        assert!(tips[2]
            .commands
            .iter()
            .any(|c| c == "systemctl status myapp"));
        assert!(tips[4].commands.iter().any(|c| c.contains("oom")));
    }

    #[test]
    fn every_tip_has_its_text_for_every_gateway_and_browser() {
        let causes = [Cause {
            id: TlsFailure,
            confidence: 0.5,
        }];
        for id in GatewayId::ALL.iter().copied().map(Some).chain([None]) {
            let gateway = Gateway {
                id,
                name: id.map(|id| id.as_str().to_string()),
                ..Gateway::default()
            };
            for hop in [Hop::Upstream, Hop::Gateway] {
                for tip in developer_advice(Family::BadGateway, &gateway, hop, &causes, Lang::En) {
                    assert!(
                        !tip.text.is_empty() && !tip.text.contains('{'),
                        "{id:?} {}",
                        tip.id
                    );
                }
            }
        }
        for ua in [
            "",
            "Opera/9.80",
            "Mozilla/5.0 (X11; CrOS x86_64) Chrome/131.0 Safari/537.36 Vivaldi/7.0",
        ] {
            for tip in user_tips(ua, "") {
                assert!(
                    !tip.text.is_empty() && !tip.text.contains('{'),
                    "{ua}: {}",
                    tip.id
                );
            }
        }
    }
    /// Each language's visitor advice is written whole in that language: a word of the English
    /// advice that the language's own table never uses ("or", "on a Mac"…) is an English
    /// fragment. Allowed: the keys pressed as printed on them ("F5", "R", "N", "P"), "Mac", and
    /// the English key names a language's own help pages use (sources beside its `key.*`).
    #[test]
    fn visitor_advice_holds_no_english_words() {
        let key_caps = |lang: Lang| -> &'static [&'static str] {
            match lang {
                // German keyboards print "Strg"; Apple names Befehlstaste, Wahltaste.
                Lang::De => &[],
                // "Ctrl" on French keyboards; Apple's French pages keep "Option".
                Lang::Fr => &["Ctrl", "Option"],
                // "Ctrl" on Spanish keyboards (Chrome's Spanish help: "Ctrl+Mayús+N").
                Lang::Es => &["Ctrl"],
                // Chrome's pt-BR help: "Ctrl + Shift + n", "⌘ + Shift + n".
                Lang::Pt => &["Ctrl", "Shift", "Command", "Option"],
                // Chrome's Japanese help: "Ctrl+Shift+n" ("command", "option" are lower case).
                Lang::Ja => &["Ctrl", "Shift"],
                Lang::En => &[],
            }
        };
        const PRESSED: [&str; 5] = ["F5", "R", "N", "P", "Mac"];
        let words = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        };
        let uas = [
            ("", ""),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Win32"),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Linux x86_64"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "MacIntel"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "iPhone"),
            ("Opera/9.80", ""),
        ];
        let advice_of = |lang: Lang| -> Vec<String> {
            let mut texts = Vec::new();
            for (ua, platform) in uas {
                for hop in [Hop::Browser, Hop::Upstream] {
                    for tip in user_advice(Family::BadGateway, hop, &context(ua, platform), lang) {
                        texts.push(tip.text);
                    }
                }
            }
            texts
        };
        let english: Vec<String> = advice_of(Lang::En).iter().flat_map(|t| words(t)).collect();
        for lang in i18n::LANGS.into_iter().skip(1) {
            let own: Vec<String> = i18n::ui_table(lang)
                .map(|(_, text)| text)
                .chain(
                    i18n::TRANSLATED
                        .iter()
                        // The connecting words are what is checked: not their own proof.
                        .filter(|id| id.starts_with("advice.") && !id.starts_with("advice.keys."))
                        .map(|id| i18n::text(lang, id)),
                )
                .flat_map(words)
                .collect();
            for text in advice_of(lang) {
                for word in words(&text) {
                    assert!(
                        !english.contains(&word)
                            || own.contains(&word)
                            || PRESSED.contains(&word.as_str())
                            || key_caps(lang).contains(&word.as_str()),
                        "{}: English word {word:?} in {text:?}",
                        lang.code()
                    );
                }
            }
        }
    }

    /// The bar "the German advice holds no English words", for every language: the visitor's
    /// and the developer's advice, for every gateway, hop, cause and browser, and a bot
    /// check's, hold none of these common English words. Left out: what is quoted in ASCII
    /// quotes (log lines and settings as the software prints them) and code (a token with `_`,
    /// `=`, or a dot inside: directives, file names). A product's own name that holds one of
    /// the words would fail too: none does today.
    #[test]
    fn advice_in_every_language_holds_no_common_english_words() {
        const ENGLISH: [&str; 14] = [
            "the", "and", "check", "your", "please", "is", "to", "with", "that", "for", "its",
            "if", "when", "reload",
        ];
        fn prose(text: &str) -> String {
            // Quoted spans out (the quotes pair up: checked below).
            let unquoted: String = text
                .split('"')
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, part)| part)
                .collect::<Vec<_>>()
                .join(" ");
            unquoted
                .split_whitespace()
                .filter(|token| {
                    let inner = token.trim_end_matches(|c: char| !c.is_alphanumeric());
                    !inner.contains(['_', '=']) && !inner.trim_start_matches('.').contains('.')
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        let uas = [
            ("", ""),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Win32"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "MacIntel"),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Linux x86_64"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "iPhone"),
        ];
        let causes: Vec<Cause> = CauseId::ALL
            .iter()
            .map(|&id| Cause {
                id,
                confidence: 0.1,
            })
            .collect();
        for lang in i18n::LANGS.into_iter().skip(1) {
            let mut texts: Vec<String> = Vec::new();
            for id in GatewayId::ALL.iter().copied().map(Some).chain([None]) {
                let gateway = Gateway {
                    id,
                    name: id.map(|id| id.as_str().to_string()),
                    ..Gateway::default()
                };
                for hop in [Hop::Browser, Hop::Gateway, Hop::Upstream] {
                    for (ua, platform) in uas {
                        let advice = advise(
                            Family::BadGateway,
                            &gateway,
                            hop,
                            &causes,
                            &context(ua, platform),
                            lang,
                        );
                        texts.extend(
                            advice
                                .user
                                .into_iter()
                                .chain(advice.developer)
                                .map(|t| t.text),
                        );
                    }
                }
            }
            let (_, challenge) = crate::challenge::advice(lang);
            texts.extend(
                challenge
                    .user
                    .into_iter()
                    .chain(challenge.developer)
                    .map(|t| t.text),
            );
            assert!(!texts.is_empty());
            for text in &texts {
                assert_eq!(text.matches('"').count() % 2, 0, "{}: {text}", lang.code());
                for word in prose(text).split(|c: char| !c.is_alphanumeric()) {
                    assert!(
                        !ENGLISH.contains(&word.to_lowercase().as_str()),
                        "{}: English word {word:?} in {text:?}",
                        lang.code()
                    );
                }
            }
        }
        // The same words are found in English (the test can fail).
        let english = developer_advice(
            Family::BadGateway,
            &Gateway::default(),
            Hop::Upstream,
            &causes,
            Lang::En,
        );
        assert!(english
            .iter()
            .any(|tip| prose(&tip.text).split(' ').any(|w| ENGLISH.contains(&w))));
    }
}
