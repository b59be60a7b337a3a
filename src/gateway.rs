//! Which gateway answered: fingerprints from the evidence each one really leaves (contract §1
//! `gateway`). The id comes only from evidence; a `Server` naming an unknown product is kept as
//! `name` with no id.

use crate::ids::id_enum;
use crate::observation::{Headers, Observation, READS_BODY};
use crate::prelude::*;
use crate::text;
use crate::text::{contains_ignore_case, starts_with_ignore_case};
use serde::Serialize;
use GatewayId::*;

/// Which gateway answered, and the evidence that says so. `id` is None without evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Gateway {
    pub id: Option<GatewayId>,
    pub name: Option<String>,
    pub version: Option<String>,
    pub evidence: Vec<&'static str>,
}

id_enum! {
    /// The gateways explain502 knows (contract §1 `gateway.id`).
    pub enum GatewayId {
        Nginx = "nginx",
        Apache = "apache",
        Haproxy = "haproxy",
        Varnish = "varnish",
        Lighttpd = "lighttpd",
        Caddy = "caddy",
        Squid = "squid",
        Envoy = "envoy",
        Traefik = "traefik",
        Iis = "iis",
        Cloudflare = "cloudflare",
        AwsElb = "aws_elb",
        AwsCloudfront = "aws_cloudfront",
        GoogleFrontend = "google_frontend",
        Azure = "azure",
        Fastly = "fastly",
        Akamai = "akamai",
        Heroku = "heroku",
        Vercel = "vercel",
        Netlify = "netlify",
        Kong = "kong",
        Apisix = "apisix",
        Openresty = "openresty",
        Tengine = "tengine",
        Nghttpx = "nghttpx",
        Trafficserver = "trafficserver",
        H2o = "h2o",
        DdosGuard = "ddos_guard",
        Sucuri = "sucuri",
        Imperva = "imperva",
    }
}

impl GatewayId {
    /// The product whose proxy code this one runs, for rules about how it fails: OpenResty
    /// and Tengine are nginx; Kong and APISIX are OpenResty.
    pub fn engine(self) -> GatewayId {
        match self {
            Openresty | Tengine | Kong | Apisix => Nginx,
            id => id,
        }
    }
}

/// One kind of evidence. Header names and every needle are lower-case.
#[derive(Debug, PartialEq)]
enum Mark {
    /// The `Server` header's product (the text before `/` or the end), starting with this.
    Server(&'static str),
    /// The `Via` header contains this.
    Via(&'static str),
    /// A header is present (and contains the needle, when the needle is not empty).
    Header(&'static str, &'static str),
    /// A `Set-Cookie` whose name starts with this.
    Cookie(&'static str),
    /// The body (the gateway's default error page) contains this.
    Body(&'static str),
    /// The page's text ([`crate::page_text`]: the HTML's words, or the words a person copied)
    /// holds these words, in order, where `*` stands for up to 80 bytes of anything.
    Text(&'static str),
    /// The page's text names this product right after a status's reason phrase, as nginx's
    /// family signs its pages (`502 Bad Gateway` / `nginx/1.24.0 (Ubuntu)`).
    Signed(&'static str),
}

use Mark::{Body, Cookie, Header, Server, Signed, Text, Via};

/// A gateway's evidence as written here; the wasm holds it packed ([`PACKED`]).
struct Fingerprint {
    id: GatewayId,
    /// The name shown when no `Server` header names the product.
    name: &'static str,
    /// Where a version number may follow (`nginx/1.22.1`), in headers or the body.
    version_key: &'static str,
    /// The product whose default pages this one serves as they are (APISIX and Kong answer
    /// with OpenResty's pages): when its own headers name it, it is the answer, not the base.
    base: Option<GatewayId>,
    marks: &'static [(Mark, &'static str)],
}

/// Order matters only on ties: more specific gateways (Fastly before Varnish) come first.
const FINGERPRINTS: &[Fingerprint] = &[
    Fingerprint {
        id: Cloudflare,
        name: "Cloudflare",
        version_key: "",
        base: None,
        marks: &[
            (Server("cloudflare"), "server header"),
            (Header("cf-ray", ""), "cf-ray header"),
            (Header("cf-cache-status", ""), "cf-cache-status header"),
            (Cookie("__cf_bm"), "cloudflare cookie"),
            (Cookie("__cfruid"), "cloudflare cookie"),
            (Body("cf-error-details"), "cloudflare error page"),
            (Body("cloudflare-nginx"), "cloudflare error page"),
            (Body("<center>cloudflare</center>"), "cloudflare error page"),
            (Body("\"ray_id\""), "cloudflare problem details"),
            (Header("cf-mitigated", ""), "cf-mitigated header"),
            // The words of its error pages, as copied: "Ray ID: …", the link to its 5xx
            // landing page, "Cloudflare's network" in the 52x explanations.
            (Text("ray id:"), "cloudflare error page"),
            (Text("5xx-error-landing"), "cloudflare error page"),
            (Text("cloudflare's network"), "cloudflare error page"),
            (Text("performance & security by cloudflare"), "cloudflare error page"),
            (Text("visit cloudflare.com for more information"), "cloudflare error page"),
        ],
    },
    Fingerprint {
        id: AwsCloudfront,
        name: "Amazon CloudFront",
        version_key: "",
        base: None,
        marks: &[
            (Server("cloudfront"), "server header"),
            (Via("(cloudfront)"), "via header"),
            (Header("x-amz-cf-id", ""), "x-amz-cf-id header"),
            (Header("x-amz-cf-pop", ""), "x-amz-cf-pop header"),
            (Header("x-cache", "cloudfront"), "x-cache header"),
            (Body("generated by cloudfront"), "cloudfront error page"),
            (Text("the request could not be satisfied"), "cloudfront error page"),
            (Text("cloudfront attempted to establish a connection"), "cloudfront error page"),
            (Text("cloudfront wasn't able to connect"), "cloudfront error page"),
            (Text("cloudfront couldn't connect"), "cloudfront error page"),
        ],
    },
    Fingerprint {
        id: AwsElb,
        name: "AWS Elastic Load Balancing",
        version_key: "awselb/",
        base: None,
        marks: &[
            (Server("awselb"), "server header"),
            (Cookie("awsalb"), "load balancer cookie"),
            (Cookie("awselb"), "load balancer cookie"),
        ],
    },
    Fingerprint {
        id: Fastly,
        name: "Fastly",
        version_key: "",
        base: None,
        marks: &[
            (Header("x-served-by", "cache-"), "x-served-by header"),
            (Header("x-timer", ""), "x-timer header"),
            (Header("fastly-debug-digest", ""), "fastly-debug header"),
            (
                Header("x-fastly-request-id", ""),
                "x-fastly-request-id header",
            ),
            (Body("fastly error"), "fastly error page"),
            (Body("guru mediation"), "fastly error page"),
        ],
    },
    Fingerprint {
        id: Akamai,
        name: "Akamai",
        version_key: "",
        base: None,
        marks: &[
            (Server("akamai"), "server header"),
            (Header("akamai-grn", ""), "akamai-grn header"),
            (Header("x-akamai-request-id", ""), "x-akamai header"),
            (Header("x-cache", "akamai"), "x-cache header"),
            (Body("errors.edgesuite.net"), "akamai error page"),
            (Body("reference&#32;&#35;"), "akamai error page"),
            // Its "Service Unavailable" and "Access Denied" pages end with "Reference #…".
            (Text("please try again later. reference #"), "akamai error page"),
            (Text("on this server. reference #"), "akamai error page"),
            (
                Text("an error occurred while processing your request. reference #"),
                "akamai error page",
            ),
        ],
    },
    Fingerprint {
        id: GoogleFrontend,
        name: "Google Front End",
        version_key: "",
        base: None,
        marks: &[
            (Server("google frontend"), "server header"),
            (Via("google"), "via header"),
            (
                Header("x-cloud-trace-context", ""),
                "x-cloud-trace-context header",
            ),
            (
                Body("www.google.com/images/errors/robot.png"),
                "google error page",
            ),
            (Body("(server error)!!1"), "google error page"),
            (Text("that’s an error"), "google error page"),
            (Text("that's an error"), "google error page"),
            (Text("error: server error the server encountered"), "google error page"),
            (Text("please try again in 30 seconds"), "google error page"),
        ],
    },
    Fingerprint {
        id: Azure,
        name: "Azure",
        version_key: "",
        base: None,
        marks: &[
            (
                Server("microsoft-azure-application-gateway"),
                "server header",
            ),
            (Header("x-azure-ref", ""), "x-azure-ref header"),
            (Header("x-msedge-ref", ""), "x-msedge-ref header"),
            (Cookie("arraffinity"), "app service cookie"),
            (
                Body("microsoft-azure-application-gateway"),
                "application gateway error page",
            ),
            (Body("azure front door"), "front door error page"),
            // Front Door's outage page and App Service's "Application Error", as copied.
            (
                Text("our services aren't available right now"),
                "front door error page",
            ),
            (
                Text("if you are the application administrator, you can access the diagnostic resources"),
                "app service error page",
            ),
        ],
    },
    Fingerprint {
        id: Heroku,
        name: "Heroku",
        version_key: "",
        base: None,
        marks: &[
            (Server("heroku"), "server header"),
            (Via("vegur"), "via header"),
            (Via("heroku"), "via header"),
            (Header("report-to", "heroku"), "report-to header"),
            (Body("herokucdn.com/error-pages"), "heroku error page"),
            (Text("heroku logs --tail"), "heroku error page"),
            (
                Text("an error occurred in the application and your page could not be served"),
                "heroku error page",
            ),
        ],
    },
    Fingerprint {
        id: Vercel,
        name: "Vercel",
        version_key: "",
        base: None,
        marks: &[
            (Server("vercel"), "server header"),
            (Header("x-vercel-id", ""), "x-vercel-id header"),
            (Header("x-vercel-error", ""), "x-vercel-error header"),
            (Header("x-vercel-cache", ""), "x-vercel-cache header"),
            (Text("vercel is working correctly"), "vercel error page"),
            (Text("an error occurred with your deployment"), "vercel error page"),
            (Body("function_invocation_"), "vercel error code"),
        ],
    },
    Fingerprint {
        id: Netlify,
        name: "Netlify",
        version_key: "",
        base: None,
        marks: &[
            (Server("netlify"), "server header"),
            (Header("x-nf-request-id", ""), "x-nf-request-id header"),
        ],
    },
    Fingerprint {
        id: Envoy,
        name: "Envoy",
        version_key: "",
        base: None,
        marks: &[
            (Server("envoy"), "server header"),
            (Server("istio-envoy"), "server header"),
            (
                Header("x-envoy-upstream-service-time", ""),
                "x-envoy header",
            ),
            (Header("x-envoy-overloaded", ""), "x-envoy header"),
            (
                Body("upstream connect error or disconnect/reset before headers"),
                "default error body",
            ),
            (Body("no healthy upstream"), "default error body"),
        ],
    },
    Fingerprint {
        id: Traefik,
        name: "Traefik",
        version_key: "",
        base: None,
        marks: &[
            (Server("traefik"), "server header"),
            (Body("no available server"), "default error body"),
        ],
    },
    Fingerprint {
        id: Iis,
        name: "IIS",
        version_key: "microsoft-iis/",
        base: None,
        marks: &[
            (Server("microsoft-iis"), "server header"),
            (Header("x-powered-by", "asp.net"), "x-powered-by header"),
            (
                Body("acting as a gateway or proxy server"),
                "default error body",
            ),
            (Body("<title>iis"), "default error body"),
            (Body("ancm"), "default error body"),
            // "HTTP Error 502.3 - Bad Gateway": IIS's sub-status (Python's urllib says
            // "HTTP Error 502: Bad Gateway", without the dot).
            (Text("http error 500."), "default error page text"),
            (Text("http error 502."), "default error page text"),
            (Text("http error 503."), "default error page text"),
        ],
    },
    Fingerprint {
        id: Squid,
        name: "Squid",
        version_key: "squid/",
        base: None,
        marks: &[
            (Server("squid"), "server header"),
            (Via("(squid"), "via header"),
            (Header("x-squid-error", ""), "x-squid-error header"),
            (Header("x-cache-lookup", ""), "x-cache-lookup header"),
            (Body("(squid/"), "default error body"),
        ],
    },
    Fingerprint {
        id: Varnish,
        name: "Varnish",
        version_key: "varnish/",
        base: None,
        marks: &[
            (Server("varnish"), "server header"),
            (Via("varnish"), "via header"),
            (Header("x-varnish", ""), "x-varnish header"),
            (Body("guru meditation"), "default error body"),
            (Body("varnish cache server"), "default error body"),
            (Body("vinyl cache server"), "default error body"),
        ],
    },
    Fingerprint {
        id: Haproxy,
        name: "HAProxy",
        version_key: "",
        base: None,
        marks: &[
            (Server("haproxy"), "server header"),
            (
                Body("the server returned an invalid or incomplete response"),
                "default error body",
            ),
            (
                Body("no server is available to handle this request"),
                "default error body",
            ),
            (
                Body("the server didn't respond in time"),
                "default error body",
            ),
        ],
    },
    Fingerprint {
        id: Apache,
        name: "Apache",
        version_key: "apache/",
        base: None,
        marks: &[
            (Server("apache"), "server header"),
            (Body("<address>apache"), "default error body"),
            (
                Body("<!doctype html public \"-//ietf//dtd html 2.0//en\">"),
                "default error body",
            ),
            // mod_proxy's pages and the server signature, as copied from the browser.
            (
                Text("proxy error the proxy server received an invalid response"),
                "default error page text",
            ),
            (
                Text("the proxy server could not handle the request"),
                "default error page text",
            ),
            // Apache's own 503 text: what mod_proxy sends when the backend refuses, and what
            // a real maintenance switch sends too (the diagnosis reads it as a refusal first).
            (
                Text("the server is temporarily unable to service your request due to maintenance downtime or capacity problems"),
                "default error page text",
            ),
            (Text("apache/* server at * port"), "server signature"),
            (Text("apache server at * port"), "server signature"),
        ],
    },
    Fingerprint {
        id: Lighttpd,
        name: "lighttpd",
        version_key: "lighttpd/",
        base: None,
        marks: &[
            (Server("lighttpd"), "server header"),
            (
                Body("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>"),
                "default error body",
            ),
        ],
    },
    Fingerprint {
        id: Caddy,
        name: "Caddy",
        version_key: "",
        base: None,
        marks: &[(Server("caddy"), "server header")],
    },
    Fingerprint {
        id: Nginx,
        name: "nginx",
        version_key: "nginx/",
        base: None,
        marks: &[
            (Server("nginx"), "server header"),
            (Body("<hr><center>nginx"), "default error body"),
            (Signed("nginx"), "default error page text"),
            // The 50x.html of Debian's and the official image's nginx.
            (Text("faithfully yours, nginx"), "default error page text"),
        ],
    },
    Fingerprint {
        id: Openresty,
        name: "OpenResty",
        version_key: "openresty/",
        base: Some(Nginx),
        marks: &[
            (Server("openresty"), "server header"),
            (Body("<hr><center>openresty"), "default error body"),
            (Signed("openresty"), "default error page text"),
        ],
    },
    Fingerprint {
        id: Tengine,
        name: "Tengine",
        version_key: "tengine/",
        base: Some(Nginx),
        marks: &[
            (Server("tengine"), "server header"),
            (Text("powered by tengine"), "default error page text"),
            (
                Text("sorry for the inconvenience. please report this message"),
                "default error page text",
            ),
            (Signed("tengine"), "default error page text"),
        ],
    },
    Fingerprint {
        id: Kong,
        name: "Kong",
        version_key: "kong/",
        base: Some(Openresty),
        marks: &[
            (Server("kong"), "server header"),
            (Via("kong/"), "via header"),
            (Header("x-kong-upstream-latency", ""), "x-kong header"),
            (Header("x-kong-proxy-latency", ""), "x-kong header"),
            (Header("x-kong-response-latency", ""), "x-kong header"),
            // Kong's own messages (kong/tools/utils.lua, the proxy's error handler).
            (Text("kong error"), "default error page text"),
            (
                Text("an invalid response was received from the upstream server"),
                "default error message",
            ),
            (
                Text("failure to get a peer from the ring-balancer"),
                "default error message",
            ),
            (
                Text("the upstream server is timing out"),
                "default error message",
            ),
        ],
    },
    Fingerprint {
        id: Apisix,
        name: "Apache APISIX",
        version_key: "apisix/",
        base: Some(Openresty),
        marks: &[
            (Server("apisix"), "server header"),
            (Header("x-apisix-upstream-status", ""), "x-apisix header"),
            (Text("powered by apisix"), "default error page text"),
        ],
    },
    Fingerprint {
        id: Nghttpx,
        name: "nghttpx",
        version_key: "",
        base: None,
        marks: &[
            (Server("nghttpx"), "server header"),
            (Via("nghttpx"), "via header"),
            (Body("<footer>nghttpx</footer>"), "default error body"),
        ],
    },
    // Its pages' words ("Could Not Connect", "did not return the document correctly") are
    // read as plain words, not as its own page: they suggest, not prove (GENERAL_PHRASES).
    Fingerprint {
        id: Trafficserver,
        name: "Apache Traffic Server",
        version_key: "ats/",
        base: None,
        marks: &[
            (Server("ats"), "server header"),
            (Via("apachetrafficserver"), "via header"),
        ],
    },
    // h2o answers in plain words ("connection failed", "I/O error (head)"), read as such.
    Fingerprint {
        id: H2o,
        name: "h2o",
        version_key: "h2o/",
        base: None,
        marks: &[(Server("h2o"), "server header")],
    },
    Fingerprint {
        id: DdosGuard,
        name: "DDoS-Guard",
        version_key: "",
        base: None,
        marks: &[
            (Server("ddos-guard"), "server header"),
            (Cookie("__ddg"), "ddos-guard cookie"),
            (Text("ddos-guard"), "ddos-guard page"),
        ],
    },
    Fingerprint {
        id: Sucuri,
        name: "Sucuri",
        version_key: "",
        base: None,
        marks: &[
            (Server("sucuri"), "server header"),
            (Header("x-sucuri-id", ""), "x-sucuri header"),
            (Header("x-sucuri-block", ""), "x-sucuri header"),
            (Text("sucuri website firewall"), "sucuri page"),
        ],
    },
    Fingerprint {
        id: Imperva,
        name: "Imperva",
        version_key: "",
        base: None,
        marks: &[
            (Header("x-iinfo", ""), "x-iinfo header"),
            (Header("x-cdn", "incapsula"), "x-cdn header"),
            (Header("x-cdn", "imperva"), "x-cdn header"),
            (Cookie("incap_ses_"), "incapsula cookie"),
            (Cookie("visid_incap_"), "incapsula cookie"),
            (Text("incapsula incident id"), "incapsula page"),
            (Body("_incapsula_resource"), "incapsula page"),
        ],
    },
];

/// [`FINGERPRINTS`] as one string, built at compile time: as arrays of `&'static str` they
/// cost ~2 KB of pointers and lengths in every error page. A record per fingerprint, each
/// ended by [`END`]: a line `<id><name>\t<version key>` (the id a byte from `A` up), then a
/// line `<kind><needle>\t<label>` per mark (a header's needle is `<name>:<needle>`).
const PACKED: &str = {
    const BYTES: [u8; pack::<0>(FINGERPRINTS).1] = pack(FINGERPRINTS).0;
    match core::str::from_utf8(&BYTES) {
        Ok(text) => text,
        Err(_) => panic!("not UTF-8"),
    }
};

const END: u8 = 0x1e;

/// Whether the evidence's labels and the version are found (contract §1 `gateway.evidence`,
/// `gateway.version`). The error pages' wasm (the cargo feature `page`) only names the gateway
/// a probe met: without them, ~1.9 KB of its wasm (the labels' part of the table, the code
/// that lists them and reads versions) stay out, and its `evidence` is empty and `version`
/// None. Every other build finds both.
const KEEPS_EVIDENCE: bool = !cfg!(feature = "page");

/// The packed bytes, cut at `LEN`, and their full length (so `pack::<0>` measures).
const fn pack<const LEN: usize>(fingerprints: &[Fingerprint]) -> ([u8; LEN], usize) {
    let mut out = [0u8; LEN];
    let mut at = 0;
    // One byte, or every byte of a part, which must not hold a separator (nor `forbidden`).
    macro_rules! put {
        (byte $byte:expr) => {{
            if at < LEN {
                out[at] = $byte;
            }
            at += 1;
        }};
        ($part:expr) => {
            put!($part, b'\t')
        };
        ($part:expr, $forbidden:expr) => {{
            let bytes = $part.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let byte = bytes[i];
                assert!(
                    byte != b'\n' && byte != b'\t' && byte != END && byte != $forbidden,
                    "a fingerprint holds a separator"
                );
                put!(byte byte);
                i += 1;
            }
        }};
    }
    let mut f = 0;
    while f < fingerprints.len() {
        let fingerprint = &fingerprints[f];
        assert!((fingerprint.id as u8) < 64, "ids are bytes from `A`");
        put!(byte b'A' + fingerprint.id as u8);
        put!(fingerprint.name);
        put!(byte b'\t');
        put!(fingerprint.version_key);
        put!(byte b'\t');
        match fingerprint.base {
            Some(base) => put!(byte b'A' + base as u8),
            None => put!(byte b'-'),
        }
        put!(byte b'\n');
        let mut m = 0;
        while m < fingerprint.marks.len() {
            let (mark, label) = &fingerprint.marks[m];
            m += 1;
            match mark {
                Body(_) | Text(_) | Signed(_) if !READS_BODY => continue,
                Header(name, needle) => {
                    put!(byte b'h');
                    put!(name, b':');
                    put!(byte b':');
                    put!(needle);
                }
                Server(needle) | Via(needle) | Cookie(needle) | Body(needle) | Text(needle)
                | Signed(needle) => {
                    put!(byte kind(mark));
                    put!(needle);
                }
            }
            put!(byte b'\t');
            if KEEPS_EVIDENCE {
                put!(label);
            }
            put!(byte b'\n');
        }
        put!(byte END);
        f += 1;
    }
    (out, at)
}

/// A mark's kind as [`PACKED`] writes it (a header's is `h`).
const fn kind(mark: &Mark) -> u8 {
    match mark {
        Server(_) => b's',
        Via(_) => b'v',
        Header(..) => b'h',
        Cookie(_) => b'c',
        Body(_) => b'b',
        Text(_) => b't',
        Signed(_) => b'g',
    }
}

/// What one fingerprint's marks matched.
#[derive(Default)]
struct Found {
    score: u32,
    /// A `Body` mark matched: the body is this gateway's own error page.
    wrote_body: bool,
    /// A `Server` mark matched: the `Server` header's product is the name to show.
    named_by_server: bool,
    /// A mark of the headers (not the body) matched.
    named_by_headers: bool,
    /// The labels of the marks that matched, each once.
    evidence: Vec<&'static str>,
}

/// The product a `Server` value names: the text before the first `/` (`Apache/2.4 (Debian)`
/// → `Apache`), else the whole value (`Google Frontend`).
fn server_product(server: &str) -> &str {
    let product = text::split_once(server, b'/').map_or(server, |(product, _)| product);
    crate::observation::cap_str(product.trim_ascii(), 64)
}

/// The version after the first `key` (any case, e.g. `nginx/`) in `haystack`: digits and dots.
fn version_after(haystack: &str, key: &str) -> Option<String> {
    if key.is_empty() || !KEEPS_EVIDENCE {
        return None;
    }
    let rest = haystack.get(text::find_ignore_case(haystack, key)? + key.len()..)?;
    // Digits and dots are one byte each: the count of them is where they end.
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .take(16)
        .count();
    let version = rest.get(..len)?.trim_end_matches('.');
    (!version.is_empty()).then(|| version.to_string())
}

/// The first value of the header `name` that passes `test` with `needle`. A `fn`, not a
/// closure: one copy of the header walk serves every kind of mark.
fn first_value<'a>(
    headers: &'a Headers,
    name: &'a str,
    test: fn(&str, &str) -> bool,
    needle: &str,
) -> Option<&'a str> {
    headers.get_all(name).find(|value| test(value, needle))
}

/// Whether a value of the header `name` passes `test` with `needle`.
fn any_value(headers: &Headers, name: &str, test: fn(&str, &str) -> bool, needle: &str) -> bool {
    first_value(headers, name, test, needle).is_some()
}

/// Reason phrases a default page puts before its product's name (`502 Bad Gateway nginx`).
const REASONS: [&str; 8] = [
    "bad gateway ",
    "gateway time-out ",
    "gateway timeout ",
    "service unavailable ",
    "service temporarily unavailable ",
    "internal server error ",
    "forbidden ",
    "not found ",
];

/// Whether `text` names `product` right after a reason phrase, as a word (`nginx`,
/// `nginx/1.24.0`, `openresty edge 2`), not as part of another (`nginxy`).
fn signed(text: &str, product: &str) -> bool {
    let mut from = 0;
    // Each turn moves past one occurrence: bounded by the text.
    while let Some(at) = text.get(from..).and_then(|rest| text::find(rest, product)) {
        let start = from + at;
        let before = text.get(..start).unwrap_or("");
        let next = text.as_bytes().get(start + product.len()).copied();
        if matches!(next, None | Some(b' ' | b'/' | b'.' | b'(' | b','))
            && REASONS.iter().any(|reason| before.ends_with(reason))
        {
            return true;
        }
        from = start + product.len();
    }
    false
}

/// Whether `text` holds the parts of `pattern` (split at `*`) in order, each within 80 bytes
/// of the one before.
fn words_in_order(text: &str, pattern: &str) -> bool {
    let Some(first) = text::split(pattern, b"*").next() else {
        return false;
    };
    let mut from = 0;
    // Every start of the first part is tried: the later parts must follow that one closely.
    while let Some(at) = text.get(from..).and_then(|rest| text::find(rest, first)) {
        let mut end = from + at + first.len();
        let mut all = true;
        for part in text::split(pattern, b"*").skip(1) {
            // Within 80 bytes of the previous part (a window cut by bytes could split a
            // character, so the distance is checked instead).
            match text.get(end..).and_then(|rest| text::find(rest, part)) {
                Some(i) if i <= 80 => end += i + part.len(),
                _ => {
                    all = false;
                    break;
                }
            }
        }
        if all {
            return true;
        }
        from += at + first.len().max(1);
    }
    false
}

/// What one record of [`PACKED`] matched: its head line and its marks' findings. One copy
/// for both of `identify`'s passes.
#[inline(never)]
fn examine(
    record: &'static str,
    observation: &Observation,
    product: &str,
    body_lc: &str,
    text_lc: &str,
) -> (&'static str, Found) {
    let headers = &observation.headers;
    let (head, marks) = text::split_once(record, b'\n').unwrap_or_default();
    let mut found = Found::default();
    for line in text::split(marks, b"\n") {
        let (mark, label) = text::split_once(line, b'\t').unwrap_or_default();
        let kind = mark.bytes().next().unwrap_or(0);
        let needle = mark.get(1..).unwrap_or("");
        let (matched, weight) = match kind {
            b's' => (starts_with_ignore_case(product, needle), 3),
            b'v' => (any_value(headers, "via", contains_ignore_case, needle), 2),
            b'h' => {
                let (name, needle) = text::split_once(needle, b':').unwrap_or_default();
                (any_value(headers, name, contains_ignore_case, needle), 3)
            }
            b'c' => (
                any_value(headers, "set-cookie", starts_with_ignore_case, needle),
                1,
            ),
            // Never in the error pages' table (they read no body): the code goes with it.
            b't' if READS_BODY => (words_in_order(text_lc, needle), 3),
            b'g' if READS_BODY => (signed(text_lc, needle), 3),
            _ => (text::contains(body_lc, needle), 3),
        };
        if matched {
            found.score += weight;
            let from_body = matches!(kind, b'b' | b't' | b'g');
            found.wrote_body |= from_body;
            found.named_by_headers |= !from_body;
            found.named_by_server |= kind == b's';
            if KEEPS_EVIDENCE && !found.evidence.contains(&label) {
                found.evidence.push(label);
            }
        }
    }
    (head, found)
}

/// The id a head line's first byte (or its base byte) stands for.
fn id_of(byte: Option<u8>) -> Option<GatewayId> {
    GatewayId::ALL
        .get(usize::from(byte?.wrapping_sub(b'A')))
        .copied()
}

/// A head line's base product (its third field).
fn base_of(head: &str) -> Option<GatewayId> {
    id_of(head.bytes().last())
}

/// The gateway that answered, and whether the body is that gateway's own error page (else it
/// passed on what its upstream sent). `body_lc` is the observation's body, lower-cased, and
/// `text_lc` its text form ([`crate::page_text::of`]).
pub fn identify(observation: &Observation, body_lc: &str, text_lc: &str) -> (Gateway, bool) {
    let headers = &observation.headers;
    let server = headers.get("server").unwrap_or("");
    let product = server_product(server);

    // The gateway whose default error page is the body wrote the error (a CDN in front passes
    // it through), so body evidence wins; otherwise the strongest header evidence. One pass
    // over PACKED: the best record's head line and what its marks matched.
    let records = || text::split(PACKED, &[END]);
    let mut best = ("", Found::default());
    for record in records() {
        let (head, found) = examine(record, observation, product, body_lc, text_lc);
        if (found.wrote_body, found.score) > (best.1.wrote_body, best.1.score) {
            best = (head, found);
        }
    }
    // A product built on the page's writer (APISIX on OpenResty, OpenResty on nginx) that its
    // headers or its own words name served that page as its own: it is the answer, with both
    // evidences. At most two steps (Kong → OpenResty → nginx).
    for _ in 0..2 {
        let base = id_of(best.0.bytes().next()).filter(|_| best.1.score > 0);
        let derived = records().find_map(|record| {
            let head = text::split_once(record, b'\n').map_or(record, |(head, _)| head);
            if base.is_none() || base_of(head) != base {
                return None;
            }
            let (head, found) = examine(record, observation, product, body_lc, text_lc);
            (found.score > 0).then_some((head, found))
        });
        let Some((head, mut found)) = derived else {
            break;
        };
        for label in core::mem::take(&mut best.1.evidence) {
            if !found.evidence.contains(&label) {
                found.evidence.push(label);
            }
        }
        found.wrote_body = best.1.wrote_body;
        best = (head, found);
    }
    let (head, found) = best;
    let id = id_of(head.bytes().next()).filter(|_| found.score > 0);
    let (name, version) = if id.is_some() {
        let head = head.get(1..).unwrap_or("");
        let (name, rest) = text::split_once(head, b'\t').unwrap_or_default();
        let version_key = text::split_once(rest, b'\t').map_or(rest, |(key, _)| key);
        // Where the version is looked for: the `Server` value, the first `Via` that holds the
        // key (as if the `Via` values were one list), the body.
        let via = first_value(headers, "via", contains_ignore_case, version_key).unwrap_or("");
        let version = version_after(server, version_key)
            .or_else(|| version_after(via, version_key))
            .or_else(|| version_after(body_lc, version_key));
        (
            Some(if found.named_by_server { product } else { name }),
            version,
        )
    } else {
        // No fingerprint matched: a `Server` naming some other product is kept by name.
        let name = (!server.is_empty()).then_some(product);
        let version = name.and_then(|product| version_after(server, &(product.to_string() + "/")));
        (name, version)
    };
    let gateway = Gateway {
        id,
        name: name.map(String::from),
        version,
        evidence: found.evidence,
    };
    (gateway, found.wrote_body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::Headers;

    /// (headers, body, id, name, version)
    type Case<'a> = (
        &'a [(&'a str, &'a str)],
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );

    fn observe(headers: &[(&str, &str)], body: &str) -> Gateway {
        let mut obs = Observation::new(502);
        obs.headers = headers.iter().copied().collect::<Headers>();
        obs.body = Some(body.to_string());
        let body_lc = body.to_ascii_lowercase();
        identify(&obs, &body_lc, &crate::page_text::of(&body_lc)).0
    }

    /// Each mark of the table, alone, names its gateway and shows its label: the packed
    /// table reads back as written.
    #[test]
    fn every_mark_alone_names_its_gateway() {
        for fingerprint in FINGERPRINTS {
            for (mark, label) in fingerprint.marks {
                let cookie;
                let (headers, body): (&[(&str, &str)], &str) = match *mark {
                    Server(product) => (&[("Server", product)], ""),
                    Via(needle) => (&[("Via", needle)], ""),
                    Header(name, needle) => (&[(name, needle)], ""),
                    Cookie(name) => {
                        cookie = format!("{name}=1");
                        (&[("Set-Cookie", &cookie)], "")
                    }
                    Body(_) | Text(_) | Signed(_) if !READS_BODY => continue,
                    Body(needle) => (&[], needle),
                    Text(needle) => {
                        cookie = text::replace(needle, "*", " x ");
                        (&[], &cookie)
                    }
                    Signed(product) => {
                        cookie = ["502 Bad Gateway ", product].concat();
                        (&[], &cookie)
                    }
                };
                let gateway = observe(headers, body);
                assert_eq!(gateway.id, Some(fingerprint.id), "{mark:?}");
                assert_eq!(gateway.evidence, [*label], "{mark:?}");
            }
        }
    }

    #[test]
    fn names_gateways_from_their_evidence() {
        let nginx_page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
        let cases: &[Case] = &[
            (&[("Server", "nginx/1.22.1")], nginx_page, Some("nginx"), Some("nginx"), Some("1.22.1")),
            (&[], nginx_page, Some("nginx"), Some("nginx"), Some("1.22.1")),
            (&[("Server", "cloudflare"), ("CF-RAY", "8a-AMS")], nginx_page, Some("nginx"), Some("nginx"), Some("1.22.1")),
            (&[("Server", "cloudflare"), ("CF-RAY", "8a-AMS")], "", Some("cloudflare"), Some("cloudflare"), None),
            (&[("Server", "Apache/2.4.62 (Debian)")], "", Some("apache"), Some("Apache"), Some("2.4.62")),
            (&[("Via", "1.1 varnish (Varnish/7.1)"), ("X-Varnish", "32770")], "", Some("varnish"), Some("Varnish"), Some("7.1")),
            (&[("Via", "1.1 varnish"), ("X-Served-By", "cache-fra-1"), ("X-Timer", "S1")], "", Some("fastly"), Some("Fastly"), None),
            (&[], "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>", Some("haproxy"), Some("HAProxy"), None),
            (&[("Server", "MyShinyProxy/3.1")], "", None, Some("MyShinyProxy"), Some("3.1")),
            (&[], "Bad Gateway", None, None, None),
            (&[("Set-Cookie", "AWSALB=abc; Path=/"), ("Server", "awselb/2.0")], "", Some("aws_elb"), Some("awselb"), Some("2.0")),
        ];
        for (headers, body, id, name, version) in cases {
            let gateway = observe(headers, body);
            assert_eq!(gateway.id.map(GatewayId::as_str), *id, "{headers:?}");
            assert_eq!(gateway.name.as_deref(), *name, "{headers:?}");
            assert_eq!(gateway.version.as_deref(), *version, "{headers:?}");
            assert_eq!(gateway.id.is_some(), !gateway.evidence.is_empty());
        }
    }
}
