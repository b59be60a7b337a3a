//! Is this URL an acceptable target for the probe (`explain502 serve --probe`, and the
//! Cloudflare Worker in worker/)?
//!
//! A down-detector that fetches any URL it is given is a server-side request forgery waiting
//! to happen: `url=http://169.254.169.254/` would read the cloud metadata service,
//! `url=http://127.0.0.1:6379/` would poke at the host's own services, `url=http://a:b@…/`
//! would make the probe send someone's credentials, and any port of any public address would
//! make it a port scanner. So the probe only connects to public unicast addresses, on ports 80
//! and 443 (unless its operator allows more), never to the machine it runs on, and never with
//! credentials. The checks are pure; both edges apply them to every hop before anything is
//! resolved ([`check_target`]) and the native server again to every resolved address
//! ([`check_resolved`]), before any connection.
//!
//! Hosts are read the way the WHATWG URL standard (browsers, the `url` crate, the Workers
//! runtime) reads them: a host whose last label is a number is an IPv4 address in one of the
//! `inet_aton` spellings (`0x7f000001`, `2130706433`, `0177.0.0.1`, `127.1`) or invalid; it is
//! never a name (`1.2.3.08` and `0999999999999999999` are invalid, not names to resolve).
//!
//! The rule, and what else the evidence could mean: the ranges refused are the IANA
//! special-purpose registries' blocks that are not plain websites, plus the cloud metadata
//! addresses; the peers' test vectors (tests/fixtures/ssrf/) hold each difference from five
//! other projects as a documented decision. An address can be public and still be the
//! operator's own (behind NAT the machine does not know its public address): that one is
//! refused only if the operator lists it (the native server finds its interface addresses).

use crate::prelude::*;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why a target is refused. `reason()` is the text of the probe's JSON `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Loopback,
    Private,
    LinkLocal,
    Metadata,
    Unspecified,
    Broadcast,
    SharedCgnat,
    Multicast,
    /// Documentation, benchmarking, IETF-reserved and other never-a-website ranges.
    Reserved,
    /// An IPv6 transition form whose embedded IPv4 address cannot be checked.
    Tunnel,
    /// A name that always means this machine or its cloud (`localhost`, `metadata.google.internal`).
    LocalName,
    /// No host at all, or one that is not a valid host name (`1.2.3.08`).
    BadHost,
    /// One of the probe's own addresses (or, for the Worker, its own host name).
    OwnAddress,
    /// A port other than 80 and 443 (and those the operator allowed).
    Port,
    /// A URL with a user name or password: the probe never sends credentials.
    Credentials,
    /// A scheme other than http and https.
    Scheme,
}

impl Refusal {
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Loopback => "loopback address (this machine)",
            Refusal::Private => "private network address",
            Refusal::LinkLocal => "link-local address",
            Refusal::Metadata => "cloud metadata address",
            Refusal::Unspecified => "unspecified address (0.0.0.0 or ::)",
            Refusal::Broadcast => "broadcast address",
            Refusal::SharedCgnat => "carrier-grade NAT address (100.64.0.0/10)",
            Refusal::Multicast => "multicast address",
            Refusal::Reserved => "reserved or documentation address",
            Refusal::Tunnel => "IPv6 tunnel address carrying a non-public IPv4 address",
            Refusal::LocalName => "host name of this machine or its cloud",
            Refusal::BadHost => "missing or invalid host name",
            Refusal::OwnAddress => "address of this probe itself",
            Refusal::Port => "port other than 80 and 443",
            Refusal::Credentials => "URL with a user name or password",
            Refusal::Scheme => "scheme other than http and https",
        }
    }
}

/// The operator's settings: what the guard lets through beyond public addresses on 80/443.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Private and loopback addresses pass (tests only). Ports, credentials and the probe's
    /// own non-loopback addresses are still refused.
    pub allow_private: bool,
    /// Ports allowed besides 80 and 443 (`--allow-port N`).
    pub allowed_ports: Vec<u16>,
    /// The probe's own addresses (the native server's interface addresses).
    pub own_addresses: Vec<IpAddr>,
    /// The probe's own host names (the Worker's): a check of itself is refused.
    pub own_hosts: Vec<String>,
}

/// One hop's URL, as a WHATWG URL parser split it (the `url` crate natively, `new URL()` in
/// the Worker): `host` as the URL's host (`[::1]` bracketed or not), `port` the explicit or
/// default port.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub scheme: &'a str,
    pub username: &'a str,
    pub password: &'a str,
    pub host: &'a str,
    pub port: Option<u16>,
}

/// Whether the probe may fetch this hop, before anything is resolved. Names that pass still
/// need every resolved address checked with [`check_resolved`] (where the edge resolves).
pub fn check_target(target: &Target, policy: &Policy) -> Result<(), Refusal> {
    if !matches!(target.scheme, "http" | "https") {
        return Err(Refusal::Scheme);
    }
    if !target.username.is_empty() || !target.password.is_empty() {
        return Err(Refusal::Credentials);
    }
    let port = target.port.or(match target.scheme {
        "http" => Some(80),
        _ => Some(443),
    });
    check_port(port.unwrap_or(0), &policy.allowed_ports)?;
    let name = target.host.trim_end_matches('.').to_ascii_lowercase();
    if policy
        .own_hosts
        .iter()
        .any(|own| own.eq_ignore_ascii_case(&name))
    {
        return Err(Refusal::OwnAddress);
    }
    match literal_ip(target.host) {
        Some(ip) => check_resolved(ip, policy),
        None => match check_host(target.host) {
            Err(Refusal::LocalName) if policy.allow_private => Ok(()),
            other => other,
        },
    }
}

/// Whether the probe may connect to `ip` (a literal host, or an address a name resolved to).
pub fn check_resolved(ip: IpAddr, policy: &Policy) -> Result<(), Refusal> {
    let ip = canonical(ip);
    // What the address is comes first (a loopback address is refused as loopback); then
    // whether it is the probe's own (a public one, or any but loopback under allow_private).
    match check_ip(ip) {
        Err(refusal) if !policy.allow_private => return Err(refusal),
        _ => {}
    }
    let own = policy.own_addresses.iter().any(|own| canonical(*own) == ip);
    if own && !(policy.allow_private && ip.is_loopback()) {
        return Err(Refusal::OwnAddress);
    }
    Ok(())
}

/// `::ffff:a.b.c.d` as `a.b.c.d`, so an own address matches in both forms.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Ports 80 and 443, and those the operator allowed: the probe checks websites, it does not
/// scan ports.
pub fn check_port(port: u16, allowed: &[u16]) -> Result<(), Refusal> {
    if port == 80 || port == 443 || allowed.contains(&port) {
        Ok(())
    } else {
        Err(Refusal::Port)
    }
}

/// Whether `ip` is a public unicast address (not the probe's own: see [`check_resolved`]).
pub fn check_ip(ip: IpAddr) -> Result<(), Refusal> {
    match ip {
        IpAddr::V4(v4) => check_v4(v4),
        IpAddr::V6(v6) => check_v6(v6),
    }
}

/// Whether `host` (a URL's host: a name, an IPv4 address in any spelling, or a bracketed or
/// bare IPv6 address) may be probed before resolution. Names that pass still need their
/// resolved addresses checked with [`check_ip`].
pub fn check_host(host: &str) -> Result<(), Refusal> {
    if let Some(ip) = literal_ip(host) {
        return check_ip(ip);
    }
    // WHATWG's "ends in a number": such a host is an IPv4 address (handled above) or invalid.
    if ends_in_a_number(host) {
        return Err(Refusal::BadHost);
    }
    let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    let valid = !name.is_empty()
        && name.len() <= 253
        && name
            .split('.')
            .all(|label| !label.is_empty() && label.len() <= 63)
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    if !valid {
        return Err(Refusal::BadHost);
    }
    const LOCAL_NAMES: [&str; 4] = [
        "localhost",
        "metadata",
        "metadata.google.internal",
        "instance-data",
    ];
    const LOCAL_SUFFIXES: [&str; 4] = [".localhost", ".local", ".internal", ".home.arpa"];
    if LOCAL_NAMES.contains(&name.as_str()) || LOCAL_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return Err(Refusal::LocalName);
    }
    Ok(())
}

/// The IP address `host` spells, if it spells one: `[::1]`, `::1`, `127.0.0.1`, and the
/// WHATWG IPv4 forms (`127.1`, `0x7f.1`, `0177.0.0.1`, `2130706433`, one trailing dot).
pub fn literal_ip(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    // Zone ids (`fe80::1%eth0`, `%25` in a URL) still name the address before the `%`.
    let bare = bare.split('%').next().unwrap_or(bare);
    if let Ok(v6) = bare.parse::<Ipv6Addr>() {
        return Some(IpAddr::V6(v6));
    }
    whatwg_ipv4(bare).map(IpAddr::V4)
}

/// WHATWG URL's "ends in a number checker": the last label (after one trailing dot) is all
/// ASCII digits, or parses as an IPv4 number (`0x1f`, `0x`, `017`).
pub fn ends_in_a_number(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let last = host.rsplit('.').next().unwrap_or("");
    !last.is_empty() && (last.bytes().all(|b| b.is_ascii_digit()) || ipv4_number(last).is_some())
}

/// WHATWG URL's IPv4 parser: 1 to 4 parts (one trailing dot allowed), each decimal, `0x` hex
/// or `0` octal; every part but the last at most 255; the last fills the remaining bytes.
pub fn whatwg_ipv4(text: &str) -> Option<Ipv4Addr> {
    let text = text.strip_suffix('.').unwrap_or(text);
    if text.is_empty() {
        return None;
    }
    let mut numbers = [0u64; 4];
    let mut count = 0;
    for part in text.split('.') {
        if count == 4 {
            return None;
        }
        numbers[count] = ipv4_number(part)?;
        count += 1;
    }
    let (last, leading) = numbers[..count].split_last()?;
    let mut value: u64 = 0;
    for (i, n) in leading.iter().enumerate() {
        if *n > 255 {
            return None;
        }
        value |= n << (24 - 8 * i);
    }
    let room = 32 - 8 * leading.len() as u32;
    if *last >= 1u64 << room {
        return None;
    }
    Some(Ipv4Addr::from((value | last) as u32))
}

/// WHATWG URL's IPv4 number parser; large values saturate (they fail the range check).
fn ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) =
        if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (hex, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        return Some(0); // "0x" alone is 0 (and "0" is decimal 0)
    }
    let mut value: u64 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix)?;
        value = value
            .saturating_mul(u64::from(radix))
            .saturating_add(u64::from(digit));
    }
    Some(value)
}

fn check_v4(ip: Ipv4Addr) -> Result<(), Refusal> {
    let [a, b, c, _] = ip.octets();
    let refusal = match (a, b, c) {
        _ if ip == Ipv4Addr::BROADCAST => Refusal::Broadcast,
        // The metadata services of AWS/GCP/Azure/OpenStack (169.254.169.254), Azure's
        // wireserver (168.63.129.16), Alibaba's (100.100.100.200), AWS's ECS task metadata.
        _ if matches!(
            ip.octets(),
            [169, 254, 169, 254] | [168, 63, 129, 16] | [100, 100, 100, 200] | [169, 254, 170, 2]
        ) =>
        {
            Refusal::Metadata
        }
        (0, _, _) => Refusal::Unspecified,
        (10, _, _) => Refusal::Private,
        (100, 64..=127, _) => Refusal::SharedCgnat,
        (127, _, _) => Refusal::Loopback,
        (169, 254, _) => Refusal::LinkLocal,
        (172, 16..=31, _) => Refusal::Private,
        (192, 168, _) => Refusal::Private,
        // IETF protocol assignments, TEST-NETs, benchmarking (IANA special-purpose registry).
        (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => Refusal::Reserved,
        (198, 18..=19, _) => Refusal::Reserved,
        // 6to4 relay anycast: deprecated (RFC 7526), a relay, never a website; refused.
        (192, 88, 99) => Refusal::Reserved,
        // AS112 (RFC 7535, RFC 7534) and AMT (RFC 7450): DNS sinks and tunnel relays.
        (192, 31, 196) | (192, 175, 48) | (192, 52, 193) => Refusal::Reserved,
        (224..=239, _, _) => Refusal::Multicast,
        (240..=255, _, _) => Refusal::Reserved,
        _ => return Ok(()),
    };
    Err(refusal)
}

fn v4(high: u16, low: u16) -> Ipv4Addr {
    Ipv4Addr::from((u32::from(high) << 16) | u32::from(low))
}

fn check_v6(ip: Ipv6Addr) -> Result<(), Refusal> {
    let s = ip.segments();
    // Forms that carry an IPv4 address are judged by that address.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return check_v4(v4); // ::ffff:a.b.c.d
    }
    if ip == Ipv6Addr::UNSPECIFIED {
        return Err(Refusal::Unspecified);
    }
    if ip == Ipv6Addr::LOCALHOST {
        return Err(Refusal::Loopback);
    }
    let last32 = v4(s[6], s[7]);
    if s[..6] == [0; 6] {
        return check_v4(last32).and(Err(Refusal::Reserved)); // ::a.b.c.d (deprecated)
    }
    if s[..6] == [0, 0, 0, 0, 0xffff, 0] {
        return check_v4(last32).and(Err(Refusal::Reserved)); // ::ffff:0:a.b.c.d (SIIT)
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return check_v4(last32); // NAT64, well-known prefix (RFC 6052): the last 32 bits
    }
    if s[..3] == [0x64, 0xff9b, 1] {
        return check_nat64_local(s);
    }
    if s[0] == 0x2002 {
        return check_v4(v4(s[1], s[2])); // 6to4 (RFC 3056): bits 16–47
    }
    if s[..2] == [0x2001, 0] {
        // Teredo (RFC 4380): the server's address in bits 32–63, the client's in bits
        // 96–127 with every bit inverted. Both must be public.
        check_v4(v4(s[2], s[3]))?;
        return check_v4(v4(!s[6], !s[7])).map_err(|_| Refusal::Tunnel);
    }
    let refusal = match s[0] {
        0xfd00 if s[1..] == [0xec2, 0, 0, 0, 0, 0, 0x254] => Refusal::Metadata, // AWS IMDS
        0xfc00..=0xfdff => Refusal::Private,                                    // ULA
        0xfe80..=0xfebf => Refusal::LinkLocal,
        0xfec0..=0xfeff => Refusal::Private, // deprecated site-local
        0xff00..=0xffff => Refusal::Multicast,
        0x2001 if s[1] == 0xdb8 => Refusal::Reserved,
        0x2001 if s[1] < 0x200 => Refusal::Reserved, // IETF protocol assignments (2001::/23)
        0x2620 if s[1..3] == [0x4f, 0x8000] => Refusal::Reserved, // AS112 (RFC 7534)
        0x3fff if s[1] < 0x1000 => Refusal::Reserved, // documentation (RFC 9637)
        // Only 2000::/3 is global unicast; the rest is unassigned or special.
        0x2000..=0x3fff => return Ok(()),
        _ => Refusal::Reserved,
    };
    Err(refusal)
}

/// RFC 8215's local-use NAT64 prefix 64:ff9b:1::/48. RFC 6052 §2.2 puts the IPv4 address of
/// a /48 prefix in bits 48–63 and 72–87, skipping the `u` octet (bits 64–71, which must be
/// zero), the suffix (bits 88–127) zero. A network may instead use a longer prefix inside the
/// /48 (RFC 8215 §3), e.g. a /96 with the address in the last 32 bits: when the suffix is not
/// zero that reading is judged too. Either reading being non-public refuses the address.
fn check_nat64_local(s: [u16; 8]) -> Result<(), Refusal> {
    if s[4] >> 8 != 0 {
        return Err(Refusal::Reserved); // the u octet is not zero: not an RFC 6052 address
    }
    check_v4(v4(s[3], ((s[4] & 0xff) << 8) | (s[5] >> 8)))?;
    if s[5] & 0xff != 0 || s[6] != 0 || s[7] != 0 {
        check_v4(v4(s[6], s[7]))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (host as a URL would carry it, expected outcome).
    const HOSTS: &[(&str, Result<(), Refusal>)] = &[
        // Loopback, in every spelling.
        ("127.0.0.1", Err(Refusal::Loopback)),
        ("127.255.255.254", Err(Refusal::Loopback)),
        ("127.1", Err(Refusal::Loopback)),
        ("127.0.1", Err(Refusal::Loopback)),
        ("0x7f000001", Err(Refusal::Loopback)),
        ("0X7F000001", Err(Refusal::Loopback)),
        ("2130706433", Err(Refusal::Loopback)),
        ("0177.0.0.1", Err(Refusal::Loopback)),
        ("0177.1", Err(Refusal::Loopback)),
        ("0x7f.0.0.1", Err(Refusal::Loopback)),
        ("0x7f.1", Err(Refusal::Loopback)),
        ("017700000001", Err(Refusal::Loopback)),
        ("127.0.0.1.", Err(Refusal::Loopback)),
        ("::1", Err(Refusal::Loopback)),
        ("[::1]", Err(Refusal::Loopback)),
        ("[0:0:0:0:0:0:0:1]", Err(Refusal::Loopback)),
        ("[::ffff:127.0.0.1]", Err(Refusal::Loopback)),
        ("[::ffff:7f00:1]", Err(Refusal::Loopback)),
        ("[::127.0.0.1]", Err(Refusal::Loopback)),
        ("[64:ff9b::127.0.0.1]", Err(Refusal::Loopback)),
        ("[2002:7f00:1::]", Err(Refusal::Loopback)),
        ("localhost", Err(Refusal::LocalName)),
        ("LOCALHOST.", Err(Refusal::LocalName)),
        ("app.localhost", Err(Refusal::LocalName)),
        // Unspecified ("this host").
        ("0.0.0.0", Err(Refusal::Unspecified)),
        ("0", Err(Refusal::Unspecified)),
        ("0.1.2.3", Err(Refusal::Unspecified)),
        ("[::]", Err(Refusal::Unspecified)),
        ("[::ffff:0.0.0.0]", Err(Refusal::Unspecified)),
        // Private (RFC 1918), ULA, site-local.
        ("10.0.0.1", Err(Refusal::Private)),
        ("10.255.255.255", Err(Refusal::Private)),
        ("012.0.0.1", Err(Refusal::Private)),
        ("0xa.0.0.1", Err(Refusal::Private)),
        ("167772161", Err(Refusal::Private)),
        ("172.16.0.1", Err(Refusal::Private)),
        ("172.31.255.255", Err(Refusal::Private)),
        ("192.168.0.1", Err(Refusal::Private)),
        ("192.168.1.1.", Err(Refusal::Private)),
        ("[::ffff:10.0.0.1]", Err(Refusal::Private)),
        ("[::ffff:192.168.1.1]", Err(Refusal::Private)),
        ("[fd00::1]", Err(Refusal::Private)),
        ("[fdff:ffff::1]", Err(Refusal::Private)),
        ("[fc00::1]", Err(Refusal::Private)),
        ("[fec0::1]", Err(Refusal::Private)),
        // Link-local and metadata.
        ("169.254.0.1", Err(Refusal::LinkLocal)),
        ("169.254.169.254", Err(Refusal::Metadata)),
        ("0xa9fea9fe", Err(Refusal::Metadata)),
        ("2852039166", Err(Refusal::Metadata)),
        ("0251.0376.0251.0376", Err(Refusal::Metadata)),
        ("169.254.43518", Err(Refusal::Metadata)),
        ("[::ffff:169.254.169.254]", Err(Refusal::Metadata)),
        ("[::ffff:a9fe:a9fe]", Err(Refusal::Metadata)),
        ("[fd00:ec2::254]", Err(Refusal::Metadata)),
        ("169.254.170.2", Err(Refusal::Metadata)),
        ("168.63.129.16", Err(Refusal::Metadata)),
        ("100.100.100.200", Err(Refusal::Metadata)),
        ("metadata.google.internal", Err(Refusal::LocalName)),
        ("metadata", Err(Refusal::LocalName)),
        ("[fe80::1]", Err(Refusal::LinkLocal)),
        ("[fe80::1%25eth0]", Err(Refusal::LinkLocal)),
        ("[febf::1]", Err(Refusal::LinkLocal)),
        // Shared (CGNAT), broadcast, multicast, reserved, documentation.
        ("100.64.0.1", Err(Refusal::SharedCgnat)),
        ("100.127.255.254", Err(Refusal::SharedCgnat)),
        ("255.255.255.255", Err(Refusal::Broadcast)),
        ("0xffffffff", Err(Refusal::Broadcast)),
        ("224.0.0.1", Err(Refusal::Multicast)),
        ("239.255.255.250", Err(Refusal::Multicast)),
        ("[ff02::1]", Err(Refusal::Multicast)),
        ("240.0.0.1", Err(Refusal::Reserved)),
        ("192.0.0.8", Err(Refusal::Reserved)),
        ("192.0.2.1", Err(Refusal::Reserved)),
        ("198.18.0.1", Err(Refusal::Reserved)),
        ("198.51.100.7", Err(Refusal::Reserved)),
        ("203.0.113.9", Err(Refusal::Reserved)),
        ("[2001:db8::1]", Err(Refusal::Reserved)),
        ("[::8.8.8.8]", Err(Refusal::Reserved)),
        ("[100::1]", Err(Refusal::Reserved)),
        ("[2001::1]", Err(Refusal::Unspecified)), // Teredo, server 0.0.0.0
        ("[64:ff9b::10.1.2.3]", Err(Refusal::Private)),
        ("[64:ff9b:1::a00:1]", Err(Refusal::Unspecified)), // RFC 6052 /48 layout: 0.0.0.0
        ("[2002:c0a8:101::1]", Err(Refusal::Private)),
        // Local-only names.
        ("printer.local", Err(Refusal::LocalName)),
        ("db.internal", Err(Refusal::LocalName)),
        ("nas.home.arpa", Err(Refusal::LocalName)),
        // Not host names at all.
        ("", Err(Refusal::BadHost)),
        ("a..b", Err(Refusal::BadHost)),
        ("exa mple.com", Err(Refusal::BadHost)),
        ("256.256.256.256.256", Err(Refusal::BadHost)),
        // Public addresses and names pass (names are checked again once resolved).
        ("8.8.8.8", Ok(())),
        ("1.1.1.1", Ok(())),
        ("93.184.216.34", Ok(())),
        ("172.15.255.255", Ok(())),
        ("172.32.0.1", Ok(())),
        ("100.63.255.255", Ok(())),
        ("100.128.0.1", Ok(())),
        ("169.253.0.1", Ok(())),
        ("192.169.0.1", Ok(())),
        ("[2606:4700:4700::1111]", Ok(())),
        ("[::ffff:8.8.8.8]", Ok(())),
        ("[64:ff9b::8.8.8.8]", Ok(())),
        ("[2002:808:808::1]", Ok(())),
        ("example.com", Ok(())),
        ("shop.example.", Ok(())),
        ("xn--bcher-kva.example", Ok(())),
        ("localhost.example.com", Ok(())),
    ];

    #[test]
    fn every_listed_host_form_is_judged_as_expected() {
        let wrong: Vec<String> = HOSTS
            .iter()
            .filter(|(host, expected)| check_host(host) != *expected)
            .map(|(host, expected)| {
                format!("{host}: got {:?}, want {expected:?}", check_host(host))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn odd_ipv4_spellings_parse_like_whatwg() {
        let cases: &[(&str, Option<[u8; 4]>)] = &[
            ("127.1", Some([127, 0, 0, 1])),
            ("0x7f000001", Some([127, 0, 0, 1])),
            ("2130706433", Some([127, 0, 0, 1])),
            ("0177.0.0.1", Some([127, 0, 0, 1])),
            ("1.2.65535", Some([1, 2, 255, 255])),
            ("1.2.65536", None),
            ("4294967296", None),
            ("08.0.0.1", None),
            ("1.2.3.08", None),
            ("0999999999999999999", None),
            (
                "0x0000007f.0x00000000.0x00000000.0x00000001",
                Some([127, 0, 0, 1]),
            ),
            ("127.0.0.1.", Some([127, 0, 0, 1])),
            ("0x", Some([0, 0, 0, 0])),
            ("1.2.3.4.5", None),
            ("1..2", None),
            ("example", None),
        ];
        for (text, want) in cases {
            assert_eq!(whatwg_ipv4(text), want.map(Ipv4Addr::from), "{text}");
        }
    }

    #[test]
    fn resolved_addresses_are_checked_the_same_way() {
        let refused: &[IpAddr] = &[
            "127.0.0.1".parse().unwrap(),
            "::1".parse().unwrap(),
            "::ffff:127.0.0.1".parse().unwrap(),
            "10.1.2.3".parse().unwrap(),
            "fd00:ec2::254".parse().unwrap(),
        ];
        for ip in refused {
            assert!(check_ip(*ip).is_err(), "{ip}");
        }
        assert_eq!(check_ip("8.8.4.4".parse().unwrap()), Ok(()));
    }

    #[test]
    fn a_host_ending_in_a_number_is_an_ipv4_address_or_invalid() {
        for host in [
            "1.2.3.08",
            "0999999999999999999",
            "example.09",
            "a.0x",
            "a.0x1g.1",
            "1.2.3.4.5",
            "foo.123",
            "256.0.0.1",
            "0x100000000",
        ] {
            assert_eq!(check_host(host), Err(Refusal::BadHost), "{host}");
        }
        assert!(ends_in_a_number("foo.0x1f"));
        assert!(!ends_in_a_number("foo.0x1g"));
        assert!(!ends_in_a_number("1.2.3.a"));
        assert_eq!(check_host("1.2.3.a"), Ok(()));
        assert_eq!(check_host("8.8.8.8."), Ok(()));
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn transition_forms_are_judged_by_the_address_they_embed() {
        // RFC 8215 /48 with RFC 6052's /48 layout: 127.0.0.1 sits in bits 48–63 and 72–87.
        assert_eq!(
            check_ip(ip("64:ff9b:1:7f00:0:100:808:808")),
            Err(Refusal::Loopback)
        );
        assert_eq!(check_ip(ip("64:ff9b:1:a00:0:100::")), Err(Refusal::Private));
        assert_eq!(check_ip(ip("64:ff9b:1:808:8:800::")), Ok(()));
        // … and a /96 inside the /48, read from the last 32 bits when the suffix is set.
        assert_eq!(
            check_ip(ip("64:ff9b:1:808:8:800:7f00:1")),
            Err(Refusal::Loopback)
        );
        assert_eq!(
            check_ip(ip("64:ff9b:1:808:108:800::")),
            Err(Refusal::Reserved)
        ); // u ≠ 0
        assert_eq!(check_ip(ip("64:ff9b::7f00:1")), Err(Refusal::Loopback));
        assert_eq!(check_ip(ip("64:ff9b::808:808")), Ok(()));
        // 6to4 (bits 16–47).
        assert_eq!(check_ip(ip("2002:7f00:1::")), Err(Refusal::Loopback));
        assert_eq!(check_ip(ip("2002:c0a8:ffff::")), Err(Refusal::Private));
        assert_eq!(check_ip(ip("2002:808:808::1")), Ok(()));
        // Teredo: server 65.54.227.120, client 192.168.2.13 obfuscated (every bit inverted).
        assert_eq!(
            check_ip(ip("2001:0:4136:e378:8000:63bf:3f57:fdf2")),
            Err(Refusal::Tunnel)
        );
        // … the same server with client 8.8.8.8 (!0x0808 = 0xf7f7).
        assert_eq!(check_ip(ip("2001:0:4136:e378:8000:63bf:f7f7:f7f7")), Ok(()));
        // … a private server.
        assert_eq!(
            check_ip(ip("2001:0:a00:1:8000:63bf:f7f7:f7f7")),
            Err(Refusal::Private)
        );
        // 6to4 relay anycast (RFC 7526 deprecated it) and the other special blocks.
        for refused in [
            "192.88.99.1",
            "192.31.196.1",
            "192.175.48.6",
            "192.52.193.1",
            "2620:4f:8000::1",
            "2001:4:112::1",
            "::ffff:0:7f00:1",
        ] {
            assert!(check_ip(ip(refused)).is_err(), "{refused}");
        }
    }

    fn target<'a>(scheme: &'a str, user: &'a str, host: &'a str, port: Option<u16>) -> Target<'a> {
        Target {
            scheme,
            username: user,
            password: "",
            host,
            port,
        }
    }

    #[test]
    fn credentials_ports_and_schemes_are_refused_before_the_address() {
        let policy = Policy::default();
        let ok = |t: Target| check_target(&t, &policy);
        assert_eq!(ok(target("http", "", "example.com", None)), Ok(()));
        assert_eq!(ok(target("https", "", "example.com", Some(443))), Ok(()));
        assert_eq!(ok(target("https", "", "example.com", Some(80))), Ok(()));
        assert_eq!(
            ok(target("http", "user", "example.com", None)),
            Err(Refusal::Credentials)
        );
        let with_password = Target {
            password: "pw",
            ..target("http", "", "example.com", None)
        };
        assert_eq!(ok(with_password), Err(Refusal::Credentials));
        assert_eq!(
            ok(target("http", "", "example.com", Some(8080))),
            Err(Refusal::Port)
        );
        assert_eq!(
            ok(target("http", "", "8.8.8.8", Some(22))),
            Err(Refusal::Port)
        );
        assert_eq!(
            ok(target("ftp", "", "example.com", None)),
            Err(Refusal::Scheme)
        );
        let more = Policy {
            allowed_ports: vec![8080],
            ..Policy::default()
        };
        assert_eq!(
            check_target(&target("http", "", "example.com", Some(8080)), &more),
            Ok(())
        );
        assert_eq!(check_port(8443, &[8080]), Err(Refusal::Port));
    }

    #[test]
    fn the_probes_own_addresses_and_names_are_refused() {
        let policy = Policy {
            own_addresses: vec![
                ip("93.184.216.34"),
                ip("2606:2800:220:1::1"),
                ip("127.0.0.1"),
            ],
            own_hosts: vec!["probe.example.workers.dev".into()],
            ..Policy::default()
        };
        assert_eq!(
            check_resolved(ip("93.184.216.34"), &policy),
            Err(Refusal::OwnAddress)
        );
        assert_eq!(
            check_resolved(ip("::ffff:93.184.216.34"), &policy),
            Err(Refusal::OwnAddress)
        );
        assert_eq!(
            check_resolved(ip("2606:2800:220:1::1"), &policy),
            Err(Refusal::OwnAddress)
        );
        assert_eq!(check_resolved(ip("93.184.216.35"), &policy), Ok(()));
        let own_host = target("https", "", "Probe.Example.workers.dev.", None);
        assert_eq!(check_target(&own_host, &policy), Err(Refusal::OwnAddress));
        let own_literal = target("http", "", "93.184.216.34", None);
        assert_eq!(
            check_target(&own_literal, &policy),
            Err(Refusal::OwnAddress)
        );
        // --allow-private (tests) lets loopback through, not the probe's other addresses.
        let testing = Policy {
            allow_private: true,
            ..policy
        };
        assert_eq!(check_resolved(ip("127.0.0.1"), &testing), Ok(()));
        assert_eq!(check_resolved(ip("10.0.0.1"), &testing), Ok(()));
        assert_eq!(
            check_resolved(ip("93.184.216.34"), &testing),
            Err(Refusal::OwnAddress)
        );
        assert_eq!(
            check_target(&target("http", "", "localhost", None), &testing),
            Ok(())
        );
        assert_eq!(
            check_target(&target("http", "", "1.2.3.08", None), &testing),
            Err(Refusal::BadHost)
        );
    }
}
