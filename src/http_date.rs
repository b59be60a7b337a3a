//! HTTP-date (RFC 9110 §5.6.7): IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), and the two
//! obsolete forms a recipient must still read, RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`)
//! and asctime (`Sun Nov  6 08:49:37 1994`). Used by `Retry-After` ([`crate::retry`]).
//!
//! Checked against Go's `net/http.ParseTime` and `time.Parse` vectors and the RFC's examples
//! (tests/fixtures/peers/, tests/http_vectors.rs). Decisions where this differs from Go:
//! - second `60` is read (RFC 9110's time-of-day allows a leap second; Go says "second out of
//!   range"): it is the next second;
//! - the day name is checked to be a day name, not to match the date (as Go);
//! - a two-digit RFC 850 year follows RFC 9110: the year with those last two digits that is
//!   not more than 50 years after the given clock (Go: 69–99 → 19xx, else 20xx); without a
//!   clock, 70–99 → 19xx, 00–69 → 20xx;
//! - dates before 1970 are not read (a `Retry-After` in the past is "now" anyway).

use crate::prelude::*;
use crate::text;

/// `value` as milliseconds since the Unix epoch; `now_ms` places two-digit years. None for
/// anything that is not an HTTP-date, or an impossible one (30 February, 31 April, 24:00).
pub fn parse_ms(value: &str, now_ms: Option<u64>) -> Option<u64> {
    let tokens: Vec<&str> = text::split(value.trim_ascii(), b" ")
        .filter(|t| !t.is_empty())
        .collect();
    let (day, month, year, time) = match tokens.as_slice() {
        // IMF-fixdate: day-name "," SP 2DIGIT SP month SP 4DIGIT SP time SP "GMT"
        [name, day, month, year, time, "GMT"] => {
            let name = name.strip_suffix(',')?;
            short_day(name)?;
            (digits(day, 2)?, month_of(month)?, digits(year, 4)?, *time)
        }
        // RFC 850: day-name-l "," SP 2DIGIT "-" month "-" 2DIGIT SP time SP "GMT"
        [name, date, time, "GMT"] => {
            long_day(name.strip_suffix(',')?)?;
            let mut parts = text::split(date, b"-");
            let day = digits(parts.next()?, 2)?;
            let month = month_of(parts.next()?)?;
            let short = digits(parts.next()?, 2)?;
            if parts.next().is_some() {
                return None;
            }
            (day, month, full_year(short, now_ms), *time)
        }
        // asctime: day-name SP month SP ( 2DIGIT / ( SP 1DIGIT )) SP time SP 4DIGIT
        [name, month, day, time, year] => {
            short_day(name)?;
            let day = digits(day, 2).or_else(|| digits(day, 1))?;
            (day, month_of(month)?, digits(year, 4)?, *time)
        }
        _ => return None,
    };
    let mut clock = text::split(time, b":");
    let hour = digits(clock.next()?, 2)?;
    let minute = digits(clock.next()?, 2)?;
    let second = digits(clock.next()?, 2)?;
    if clock.next().is_some()
        || year < 1970
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some((((days * 24 + hour) * 60 + minute) * 60 + second) * 1_000)
}

/// A two-digit year as RFC 9110 reads it: the year ending in those digits that is at most 50
/// years after now.
fn full_year(short: u64, now_ms: Option<u64>) -> u64 {
    let Some(now_ms) = now_ms else {
        return if short < 70 {
            2000 + short
        } else {
            1900 + short
        };
    };
    let now_year = year_of_days(now_ms / 86_400_000);
    let candidate = now_year - now_year % 100 + short;
    if candidate > now_year + 50 {
        candidate - 100
    } else {
        candidate
    }
}

/// Exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<u64> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text::digits(text))
}

fn short_day(name: &str) -> Option<()> {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .contains(&name)
        .then_some(())
}

fn long_day(name: &str) -> Option<()> {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    .contains(&name)
    .then_some(())
}

fn month_of(name: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS.iter().position(|m| *m == name).map(|i| i as u64 + 1)
}

fn is_leap(year: u64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm), for
/// years ≥ 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The year a day count since 1970-01-01 falls in.
fn year_of_days(days: u64) -> u64 {
    let mut year = 1970 + days / 366;
    // At most a few steps: the estimate is low by under a year per 366.
    while days_from_civil(year + 1, 1, 1) <= days {
        year += 1;
    }
    year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_not_dates() {
        assert!(parse_ms("Thu, 29 Feb 2024 00:00:00 GMT", None).is_some());
        for value in [
            "Fri, 30 Feb 2024 00:00:00 GMT",
            "Wed, 29 Feb 2023 00:00:00 GMT",
            "Thu, 31 Apr 2026 00:00:00 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Funday, 06-Nov-94 08:49:37 GMT",
        ] {
            assert_eq!(parse_ms(value, None), None, "{value}");
        }
    }

    #[test]
    fn two_digit_years_are_within_fifty_years_of_now() {
        let at = |year| days_from_civil(year, 6, 1) * 86_400_000;
        let year =
            |value: &str, now| year_of_days(parse_ms(value, Some(now)).unwrap() / 86_400_000);
        // In 2026, "75" is 2075 (49 years ahead), "77" is 1977 (2077 is 51 years ahead).
        assert_eq!(year("Sunday, 01-Jan-75 00:00:00 GMT", at(2026)), 2075);
        assert_eq!(year("Saturday, 01-Jan-77 00:00:00 GMT", at(2026)), 1977);
        assert_eq!(year("Sunday, 06-Nov-94 08:49:37 GMT", at(1995)), 1994);
        assert_eq!(year("Sunday, 06-Nov-94 08:49:37 GMT", at(2026)), 1994);
        assert_eq!(year("Monday, 01-Jan-29 00:00:00 GMT", at(2026)), 2029);
    }
}
