//! The time a log line names, in the shapes the gateways write, as seconds on the line's own
//! clock (a zone is applied where the line states one; nginx, Apache and lighttpd write local
//! time without a zone, so two logs from machines in different zones can disagree by hours).

use super::bytes::number;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(text: &[u8], at: usize, len: usize) -> Option<i64> {
    let part = text.get(at..at + len)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    number(part).map(|n| n as i64)
}

fn seconds(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let valid = (1970..=9999).contains(&y)
        && (1..=12).contains(&mo)
        && (1..=31).contains(&d)
        && h < 24
        && mi < 60
        && s <= 60;
    valid.then(|| days(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

/// `2026/12/06 09:04:33` (nginx), `2026-12-06 09:04:33` (lighttpd), `2026-12-06T09:04:33`
/// (ISO 8601: Envoy, Heroku, Traefik), with an ISO zone (`Z`, `+01:00`, `-0700`) applied.
pub fn ymd(text: &[u8]) -> Option<i64> {
    let sep = *text.get(4)?;
    if !(sep == b'/' || sep == b'-') || text.get(7) != Some(&sep) {
        return None;
    }
    if !matches!(text.get(10), Some(b' ' | b'T')) || text.get(13) != Some(&b':') {
        return None;
    }
    let at = seconds(
        digits(text, 0, 4)?,
        digits(text, 5, 2)?,
        digits(text, 8, 2)?,
        digits(text, 11, 2)?,
        digits(text, 14, 2)?,
        digits(text, 17, 2)?,
    )?;
    // Fractions, then a zone.
    let rest = fraction(text.get(19..).unwrap_or(&[]), b",.");
    Some(at - zone(rest).unwrap_or(0))
}

/// `text` past a fraction of a second (`.243`, `,123456`) when it starts with one of `marks`.
fn fraction<'a>(text: &'a [u8], marks: &[u8]) -> &'a [u8] {
    match text.first() {
        Some(mark) if marks.contains(mark) => {
            let n = text[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            &text[1 + n..]
        }
        _ => text,
    }
}

/// An ISO/CLF zone offset in seconds: `Z`, `+01:00`, `-0700`.
fn zone(text: &[u8]) -> Option<i64> {
    let sign = match text.first()? {
        b'Z' => return Some(0),
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h = digits(text, 1, 2)?;
    let m = digits(text, if text.get(3) == Some(&b':') { 4 } else { 3 }, 2)?;
    Some(sign * (h * 3600 + m * 60))
}

fn month(name: &[u8]) -> Option<i64> {
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let name = name.get(..3)?;
    MONTHS.iter().position(|m| *m == name).map(|i| i as i64 + 1)
}

/// `06/Dec/2026:09:05:45.243` (HAProxy) or `06/Dec/2026:09:06:23 +0000` (common log format).
pub fn clf(text: &[u8]) -> Option<i64> {
    if text.get(2) != Some(&b'/') || text.get(6) != Some(&b'/') || text.get(11) != Some(&b':') {
        return None;
    }
    let at = seconds(
        digits(text, 7, 4)?,
        month(text.get(3..6)?)?,
        digits(text, 0, 2)?,
        digits(text, 12, 2)?,
        digits(text, 15, 2)?,
        digits(text, 18, 2)?,
    )?;
    let rest = fraction(text.get(20..).unwrap_or(&[]), b".");
    Some(at - rest.strip_prefix(b" ").and_then(zone).unwrap_or(0))
}

/// `Sun Dec 06 09:05:30.590330 2026` (Apache's error log).
pub fn apache(text: &[u8]) -> Option<i64> {
    let mo = month(text.get(4..7)?)?;
    let d = digits(text, 8, 2)?;
    let (h, mi, s) = (
        digits(text, 11, 2)?,
        digits(text, 14, 2)?,
        digits(text, 17, 2)?,
    );
    let rest = fraction(text.get(19..)?, b".");
    let y = digits(rest.strip_prefix(b" ")?, 0, 4)?;
    seconds(y, mo, d, h, mi, s)
}

/// Seconds since the epoch with an optional fraction: `1796547983.039452` (Squid, Caddy).
pub fn epoch(text: &[u8]) -> Option<i64> {
    let n = number(text)?;
    // 2001 … 2286: anything else is not a timestamp.
    (1_000_000_000..10_000_000_000)
        .contains(&n)
        .then_some(n as i64)
}

/// `YYYY/MM/DD HH:MM:SS`: how every time is written out, whatever shape the line used.
pub fn format(at: i64) -> [u8; 19] {
    let (day, secs) = (at.div_euclid(86_400), at.rem_euclid(86_400));
    // civil_from_days
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    let mut out = *b"0000/00/00 00:00:00";
    let mut put = |at: usize, value: i64, width: usize| {
        let mut v = value.clamp(0, 9999);
        for i in (0..width).rev() {
            out[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, y, 4);
    put(5, m, 2);
    put(8, d, 2);
    put(11, secs / 3600, 2);
    put(14, secs % 3600 / 60, 2);
    put(17, secs % 60, 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(at: Option<i64>) -> alloc::string::String {
        alloc::string::String::from_utf8(format(at.unwrap()).to_vec()).unwrap()
    }

    #[test]
    fn every_shape_reads_to_the_same_clock() {
        type Read = fn(&[u8]) -> Option<i64>;
        let shapes: [(Read, &[u8], &str); 8] = [
            (ymd, b"2026/12/06 09:04:33 [error]", "2026/12/06 09:04:33"),
            (ymd, b"2026-12-06 09:04:33: (gw", "2026/12/06 09:04:33"),
            (
                ymd,
                b"2010-10-06T21:51:12-07:00 heroku",
                "2010/10/07 04:51:12",
            ),
            (ymd, b"2016-04-15T20:17:00.310Z]", "2016/04/15 20:17:00"),
            (clf, b"06/Dec/2026:09:05:45.243] fe", "2026/12/06 09:05:45"),
            (clf, b"06/Dec/2026:09:06:23 +0100]", "2026/12/06 08:06:23"),
            (
                apache,
                b"Sun Dec 06 09:05:30.590330 2026]",
                "2026/12/06 09:05:30",
            ),
            (epoch, b"1796547983.039452", "2026/12/06 09:06:23"),
        ];
        for (read, text, want) in shapes {
            assert_eq!(shown(read(text)), want);
        }
        // Apache 2.2: no fraction.
        assert_eq!(
            shown(apache(b"Wed Dec 04 17:14:32 2019] [error]")),
            "2019/12/04 17:14:32"
        );
        assert_eq!(ymd(b"2026/13/06 09:04:33"), None);
        assert_eq!(epoch(b"12"), None);
    }
}
