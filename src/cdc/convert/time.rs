//! Dates, times and intervals as Debezium writes them (`time.precision.mode=adaptive`,
//! `interval.handling.mode=numeric`), from PostgreSQL's ISO output in UTC.

use super::{unreadable, ConvertError};

const MICROS_PER_DAY: i64 = 86_400_000_000;

use crate::civil::civil_from_days;
pub use crate::civil::days_from_civil;

/// `YYYY-MM-DD` (the year may have more digits) -> (year, month, day).
fn ymd(s: &str) -> Option<(i64, u32, u32)> {
    let mut it = s.rsplitn(3, '-');
    let d = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let y = it.next()?.parse().ok()?;
    Some((y, m, d))
}

/// Strip PostgreSQL's ` BC` suffix; a BC year N is astronomical year 1 - N.
fn era(s: &str) -> (&str, bool) {
    match s.strip_suffix(" BC") {
        Some(rest) => (rest, true),
        None => (s, false),
    }
}

fn days(date: &str, bc: bool) -> Option<i64> {
    let (y, m, d) = ymd(date)?;
    Some(days_from_civil(if bc { 1 - y } else { y }, m, d))
}

/// `io.debezium.time.Date`. `infinity`/`-infinity` become what Debezium makes of them
/// (the epoch days of `-5877611-06-21` and `-5877611-06-22`).
pub fn date_days(text: &str) -> Result<i64, ConvertError> {
    match text {
        "infinity" => return Ok(days_from_civil(-5_877_611, 6, 21)),
        "-infinity" => return Ok(days_from_civil(-5_877_611, 6, 22)),
        _ => {}
    }
    let (date, bc) = era(text);
    days(date, bc).ok_or_else(|| unreadable("a date", text))
}

/// `HH:MM:SS[.ffffff]` -> microseconds past midnight.
fn clock_micros(s: &str) -> Option<i64> {
    let (hms, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut it = hms.split(':');
    let h: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let sec: i64 = it.next().map_or(Some(0), |x| x.parse().ok())?;
    if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut f = frac.to_string();
    f.truncate(6);
    while f.len() < 6 {
        f.push('0');
    }
    let micros: i64 = f.parse().ok()?;
    Some(((h * 60 + m) * 60 + sec) * 1_000_000 + micros)
}

/// A UTC offset (`+02`, `-05:30`, `+01:02:03`) in seconds.
fn offset_secs(s: &str) -> Option<i64> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let mut secs = 0;
    let mut unit = 3600;
    for part in rest.split(':') {
        secs += part.parse::<i64>().ok()? * unit;
        unit /= 60;
    }
    Some(sign * secs)
}

/// Split `13:51:30.12+02` into the clock and the offset.
fn split_offset(s: &str) -> Option<(&str, &str)> {
    let i = s.rfind(['+', '-'])?;
    Some((&s[..i], &s[i..]))
}

pub fn time_micros(text: &str) -> Result<i64, ConvertError> {
    clock_micros(text).ok_or_else(|| unreadable("a time", text))
}

/// `HH:mm:ss` with the fraction's trailing zeros removed (Java's ISO formatters).
fn format_clock(micros_of_day: i64, fraction_width: Option<u32>) -> String {
    let secs = micros_of_day / 1_000_000;
    let frac = micros_of_day % 1_000_000;
    let mut s = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    match fraction_width {
        Some(w @ 1..=9) => {
            let digits = format!("{:09}", frac * 1000);
            s.push('.');
            s.push_str(&digits[..w as usize]);
        }
        _ if frac != 0 => {
            let digits = format!("{frac:06}");
            s.push('.');
            s.push_str(digits.trim_end_matches('0'));
        }
        _ => {}
    }
    s
}

/// `io.debezium.time.ZonedTime`: the time in UTC, `HH:mm:ss[.f]Z`.
pub fn zoned_time(text: &str) -> Result<String, ConvertError> {
    let bad = || unreadable("a time with time zone", text);
    let (clock, off) = split_offset(text).ok_or_else(bad)?;
    let local = clock_micros(clock).ok_or_else(bad)?;
    let utc = (local - offset_secs(off).ok_or_else(bad)? * 1_000_000).rem_euclid(MICROS_PER_DAY);
    Ok(format!("{}Z", format_clock(utc, None)))
}

/// pgjdbc's `DATE_POSITIVE_INFINITY` / `DATE_NEGATIVE_INFINITY`, which Debezium writes as
/// microseconds.
const POSITIVE_INFINITY_MICROS: i64 = 9_223_372_036_825_200_000;
const NEGATIVE_INFINITY_MICROS: i64 = -9_223_372_036_832_400_000;

/// A timestamp without zone as microseconds since the epoch (read as UTC).
pub fn timestamp_micros(text: &str) -> Result<i64, ConvertError> {
    match text {
        "infinity" => return Ok(POSITIVE_INFINITY_MICROS),
        "-infinity" => return Ok(NEGATIVE_INFINITY_MICROS),
        _ => {}
    }
    let bad = || unreadable("a timestamp", text);
    let (s, bc) = era(text);
    let (date, clock) = s.split_once([' ', 'T']).unwrap_or((s, "00:00:00"));
    let d = days(date, bc).ok_or_else(bad)?;
    Ok(d * MICROS_PER_DAY + clock_micros(clock).ok_or_else(bad)?)
}

/// A timestamp without zone as milliseconds since the epoch (`timestamp(0..3)`).
pub fn timestamp_millis(text: &str) -> Result<i64, ConvertError> {
    let micros = timestamp_micros(text)?;
    Ok(if matches!(text, "infinity" | "-infinity") {
        micros / 1000
    } else {
        micros.div_euclid(1000)
    })
}

/// A timestamp with zone as UTC microseconds since the epoch.
fn zoned_micros(text: &str, offset_required: bool) -> Option<i64> {
    let (s, bc) = era(text);
    let (date, rest) = s.split_once([' ', 'T']).unwrap_or((s, "00:00:00+00"));
    let (clock, off) = match split_offset(rest) {
        Some(p) => p,
        None if !offset_required => (rest, "+00"),
        None => return None,
    };
    let d = days(date, bc)?;
    Some(d * MICROS_PER_DAY + clock_micros(clock)? - offset_secs(off)? * 1_000_000)
}

fn format_zoned(utc_micros: i64, precision: u32) -> String {
    let d = utc_micros.div_euclid(MICROS_PER_DAY);
    let (y, m, day) = civil_from_days(d);
    let year = if y > 9999 {
        format!("+{y}")
    } else if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    };
    let width = (1..=9).contains(&precision).then_some(precision);
    format!(
        "{year}-{m:02}-{day:02}T{}Z",
        format_clock(utc_micros.rem_euclid(MICROS_PER_DAY), width)
    )
}

/// `io.debezium.time.ZonedTimestamp`: ISO-8601 in UTC, the fraction exactly `precision`
/// digits (the column's, 6 without one; none for 0), `+` before years past 9999.
pub fn zoned_timestamp(text: &str, precision: u32) -> Result<String, ConvertError> {
    if matches!(text, "infinity" | "-infinity") {
        return Ok(text.to_string());
    }
    let micros =
        zoned_micros(text, true).ok_or_else(|| unreadable("a timestamp with time zone", text))?;
    Ok(format_zoned(micros, precision))
}

/// As [`zoned_timestamp`], also reading a date alone or a time without offset (UTC): the
/// forms a column default's literal takes.
pub fn zoned_timestamp_lenient(text: &str, precision: u32) -> Result<String, ConvertError> {
    let micros =
        zoned_micros(text, false).ok_or_else(|| unreadable("a timestamp with time zone", text))?;
    Ok(format_zoned(micros, precision))
}

/// `io.debezium.time.MicroDuration`, computed as Debezium does from pgjdbc's `PGInterval`:
/// a month is 365.25/12 days, in floating point, truncated to whole microseconds.
pub fn interval_micros(text: &str) -> Result<i64, ConvertError> {
    let bad = || unreadable("an interval", text);
    let (mut years, mut months, mut days, mut hours, mut minutes) = (0i32, 0i32, 0i32, 0i32, 0i32);
    let mut seconds = 0f64;
    let normalized = text.replace('+', " ").to_ascii_lowercase();
    let mut value: Option<&str> = None;
    for (i, token) in normalized.split_whitespace().enumerate() {
        if i % 2 == 0 {
            let Some(colon) = token.find(':') else {
                value = Some(token);
                continue;
            };
            let negative = token.starts_with('-');
            let off = usize::from(negative);
            hours = token
                .get(off..colon)
                .and_then(|h| h.parse().ok())
                .ok_or_else(bad)?;
            minutes = token
                .get(colon + 1..colon + 3)
                .and_then(|m| m.parse().ok())
                .ok_or_else(bad)?;
            if let Some(second_colon) = token[colon + 1..].find(':') {
                seconds = token[colon + 1 + second_colon + 1..]
                    .parse()
                    .map_err(|_| bad())?;
            }
            if negative {
                hours = -hours;
                minutes = -minutes;
                seconds = -seconds;
            }
            value = None;
        } else {
            let v = value.ok_or_else(bad)?;
            let int = || v.parse::<i32>().map_err(|_| bad());
            if token.starts_with("year") {
                years = int()?;
            } else if token.starts_with("mon") {
                months = int()?;
            } else if token.starts_with("day") {
                days = int()?;
            } else if token.starts_with("hour") {
                hours = int()?;
            } else if token.starts_with("min") {
                minutes = int()?;
            } else if token.starts_with("sec") {
                seconds = v.parse().map_err(|_| bad())?;
            }
        }
    }
    // PGInterval.setSeconds keeps whole seconds and microseconds apart.
    let total = (seconds * 1e6 + 0.5).floor() as i64;
    let seconds = (total / 1_000_000) as f64 + (total % 1_000_000) as f64 / 1e6;
    let day_count =
        f64::from(years.wrapping_mul(12).wrapping_add(months)) * (365.25 / 12.0) + f64::from(days);
    let secs = ((day_count * 24.0 + f64::from(hours)) * 60.0 + f64::from(minutes)) * 60.0 + seconds;
    Ok((secs * 1e6) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_timestamps() {
        assert_eq!(date_days("2016-11-04").unwrap(), 17109);
        assert_eq!(date_days("2019-10-02").unwrap(), 18171);
        assert_eq!(date_days("1970-01-01").unwrap(), 0);
        assert_eq!(date_days("1969-12-31").unwrap(), -1);
        // LocalDate -5877611-06-21 / -06-22 (what Debezium makes of them) as epoch days.
        assert_eq!(date_days("infinity").unwrap(), -2147472692);
        assert_eq!(date_days("-infinity").unwrap(), -2147472691);
        assert_eq!(
            timestamp_micros("2018-06-20 15:13:16.945104").unwrap(),
            1529507596945104
        );
        assert_eq!(
            timestamp_micros("1936-10-25 22:10:12.608").unwrap(),
            -1047174587392000
        );
        assert_eq!(
            timestamp_micros("2019-10-02 01:02:03.123456").unwrap(),
            1569978123123456
        );
        assert_eq!(timestamp_micros("infinity").unwrap(), 9223372036825200000);
        assert_eq!(timestamp_micros("-infinity").unwrap(), -9223372036832400000);
        assert_eq!(
            timestamp_millis("1936-10-25 22:10:12.608").unwrap(),
            -1047174587392
        );
        assert_eq!(time_micros("24:00:00").unwrap(), 86400000000);
        assert_eq!(time_micros("01:02:03").unwrap(), 3723000000);
    }

    #[test]
    fn zoned_values() {
        assert_eq!(
            zoned_time("01:02:03.123789+00").unwrap(),
            "01:02:03.123789Z"
        );
        assert_eq!(zoned_time("10:15:00+00").unwrap(), "10:15:00Z");
        assert_eq!(zoned_time("13:51:30.12+02").unwrap(), "11:51:30.12Z");
        assert_eq!(zoned_time("01:00:00+02").unwrap(), "23:00:00Z");
        assert_eq!(zoned_time("01:00:00-05:30").unwrap(), "06:30:00Z");
        let z = |t: &str, p| zoned_timestamp(t, p).unwrap();
        assert_eq!(
            z("2016-11-04 11:51:30.123456+00", 6),
            "2016-11-04T11:51:30.123456Z"
        );
        assert_eq!(
            z("21016-11-04 06:51:30+00", 6),
            "+21016-11-04T06:51:30.000000Z"
        );
        assert_eq!(
            z("294247-01-01 23:59:59.999999+00", 6),
            "+294247-01-01T23:59:59.999999Z"
        );
        assert_eq!(
            z("4714-12-31 23:59:59.999999+00 BC", 6),
            "-4713-12-31T23:59:59.999999Z"
        );
        assert_eq!(
            z("2020-04-01 11:51:02+00", 6),
            "2020-04-01T11:51:02.000000Z"
        );
        assert_eq!(z("2016-11-04 11:51:30+00", 0), "2016-11-04T11:51:30Z");
        assert_eq!(
            z("2024-01-15 08:20:30.5+00", 6),
            "2024-01-15T08:20:30.500000Z"
        );
        assert_eq!(
            z("2024-01-15 10:20:30.5+02", 6),
            "2024-01-15T08:20:30.500000Z"
        );
        assert_eq!(z("infinity", 6), "infinity");
        assert_eq!(
            zoned_timestamp_lenient("1970-01-01", 6).unwrap(),
            "1970-01-01T00:00:00.000000Z"
        );
    }

    #[test]
    fn intervals_as_micro_durations() {
        let i = |t: &str| interval_micros(t).unwrap();
        assert_eq!(i("1 year 2 mons 3 days 04:05:06.78"), 37091106780000);
        assert_eq!(i("1 day"), 86400000000);
        assert_eq!(i("1 mon"), 2629800000000);
        assert_eq!(i("1 year"), 31557600000000);
        assert_eq!(i("2 mons 3 days"), 5518800000000);
        assert_eq!(i("-1 days +02:03:00"), -79020000000);
        assert_eq!(i("60 days"), 5184000000000);
        assert_eq!(i("-00:00:01.5"), -1500000);
        assert_eq!(i("00:00:00"), 0);
    }
}
