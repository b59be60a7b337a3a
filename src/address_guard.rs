//! Is this address an acceptable target for the probe server (`explain502 serve --probe`)?
//!
//! A down-detector that fetches any URL it is given is a server-side request forgery waiting
//! to happen: `url=http://169.254.169.254/` would read the cloud metadata service, and
//! `url=http://127.0.0.1:6379/` would poke at the host's own services. So the probe only
//! connects to public unicast addresses. The checks are pure; the server applies them after
//! DNS resolution (the resolver it gives its HTTP client filters every answer), before any
//! connection, and again on every redirect hop.
//!
//! Hosts are read the way browsers and `inet_aton` read them, so odd spellings of a loopback
//! address (`0x7f000001`, `2130706433`, `0177.0.0.1`, `127.1`) are recognised as what they are.

use crate::prelude::*;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why a target is refused. `reason()` is the text of the probe server's JSON `error`.
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
    /// Documentation, benchmarking, IETF-reserved and other never-public ranges.
    Reserved,
    /// IPv6 transition forms (Teredo) whose embedded IPv4 address cannot be checked.
    Tunnel,
    /// A name that always means this machine or its cloud (`localhost`, `metadata.google.internal`).
    LocalName,
    /// No host at all, or one that is not a valid host name.
    BadHost,
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
            Refusal::Tunnel => "IPv6 tunnel address hiding an IPv4 address",
            Refusal::LocalName => "host name of this machine or its cloud",
            Refusal::BadHost => "missing or invalid host name",
        }
    }
}

/// Whether the probe may connect to `ip`.
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
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    let valid = !name.is_empty()
        && name.len() <= 253
        && name
            .split('.')
            .all(|label| !label.is_empty() && label.len() <= 63)
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    // Like browsers: a host whose last label is a number is an IPv4 address or nothing.
    let numeric_tail = name.rsplit('.').next().and_then(parse_part).is_some();
    if !valid || numeric_tail {
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
/// `inet_aton` forms browsers also accept (`127.1`, `0x7f.1`, `0177.0.0.1`, `2130706433`).
pub fn literal_ip(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    // Zone ids (`fe80::1%eth0`) still name the link-local address before the `%`.
    let bare = bare.split('%').next().unwrap_or(bare);
    if let Ok(v6) = bare.parse::<Ipv6Addr>() {
        return Some(IpAddr::V6(v6));
    }
    loose_ipv4(bare.strip_suffix('.').unwrap_or(bare)).map(IpAddr::V4)
}

/// `inet_aton`: 1 to 4 parts, each decimal, `0x` hex or `0` octal; the last part fills the
/// remaining bytes (`127.1` is 127.0.0.1, `2130706433` is 127.0.0.1).
fn loose_ipv4(text: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut numbers = Vec::with_capacity(4);
    for part in &parts {
        numbers.push(parse_part(part)?);
    }
    let (last, leading) = numbers.split_last()?;
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

fn parse_part(part: &str) -> Option<u64> {
    let (digits, radix) =
        if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (hex, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        // "0x" alone is 0 for inet_aton; a bare "" part is not a number.
        return (radix == 16).then_some(0);
    }
    if digits.len() > 11 || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

fn check_v4(ip: Ipv4Addr) -> Result<(), Refusal> {
    let [a, b, c, _] = ip.octets();
    let refusal = match (a, b, c) {
        _ if ip == Ipv4Addr::BROADCAST => Refusal::Broadcast,
        // The metadata services of AWS/GCP/Azure/OpenStack (169.254.169.254), Azure's
        // wireserver (168.63.129.16), Alibaba's (100.100.100.200), AWS's IPv4 DNS/NTP.
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
        (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => Refusal::Reserved,
        (198, 18..=19, _) => Refusal::Reserved,
        (224..=239, _, _) => Refusal::Multicast,
        (240..=255, _, _) => Refusal::Reserved,
        _ => return Ok(()),
    };
    Err(refusal)
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
    let embedded_low = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if s[..6] == [0; 6] {
        return check_v4(embedded_low).and(Err(Refusal::Reserved)); // ::a.b.c.d (deprecated)
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] || s[..3] == [0x64, 0xff9b, 1] {
        return check_v4(embedded_low); // NAT64 (RFC 6052, RFC 8215)
    }
    if s[0] == 0x2002 {
        let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
        return check_v4(v4); // 6to4
    }
    let refusal = match s[0] {
        0xfd00 if s[1..] == [0xec2, 0, 0, 0, 0, 0, 0x254] => Refusal::Metadata, // AWS IMDS
        0xfc00..=0xfdff => Refusal::Private,                                    // ULA
        0xfe80..=0xfebf => Refusal::LinkLocal,
        0xfec0..=0xfeff => Refusal::Private, // deprecated site-local
        0xff00..=0xffff => Refusal::Multicast,
        0x2001 if s[1] == 0 => Refusal::Tunnel, // Teredo
        0x2001 if s[1] == 0xdb8 => Refusal::Reserved,
        0x2001 if s[1] < 0x200 => Refusal::Reserved, // IETF protocol assignments
        0x3fff if s[1] < 0x1000 => Refusal::Reserved, // documentation (RFC 9637)
        // Only 2000::/3 is global unicast; the rest is unassigned or special.
        0x2000..=0x3fff => return Ok(()),
        _ => Refusal::Reserved,
    };
    Err(refusal)
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
        ("[2001::1]", Err(Refusal::Tunnel)),
        ("[64:ff9b::10.1.2.3]", Err(Refusal::Private)),
        ("[64:ff9b:1::a00:1]", Err(Refusal::Private)),
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
    fn odd_ipv4_spellings_parse_like_inet_aton() {
        let cases: &[(&str, Option<[u8; 4]>)] = &[
            ("127.1", Some([127, 0, 0, 1])),
            ("0x7f000001", Some([127, 0, 0, 1])),
            ("2130706433", Some([127, 0, 0, 1])),
            ("0177.0.0.1", Some([127, 0, 0, 1])),
            ("1.2.65535", Some([1, 2, 255, 255])),
            ("1.2.65536", None),
            ("4294967296", None),
            ("08.0.0.1", None),
            ("1.2.3.4.5", None),
            ("1..2", None),
            ("example", None),
        ];
        for (text, want) in cases {
            assert_eq!(loose_ipv4(text), want.map(Ipv4Addr::from), "{text}");
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
}
