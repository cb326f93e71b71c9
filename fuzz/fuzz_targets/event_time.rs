//! The event-time parser of stream jobs (`stream/event.rs`): `parse_time` over any JSON
//! value in each `TimeFormat`, and `parse_iso8601` over any string and over times chrono
//! formats. Never a panic or an overflow; a time it returns is the instant written.
//! Input: a JSON value (else the bytes as a string), or after a NUL, 8 bytes of an
//! instant to format.
#![no_main]

use chrono::{DateTime, SecondsFormat, Utc};
use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::split;
use livedbctl_fuzz::stream::event::{parse_iso8601, parse_time};
use livedbctl_fuzz::stream::job::TimeFormat;
use serde_json::Value;

/// `0000-01-01T00:00:00Z` and `9999-12-31T23:59:59.999999999Z`: the four-digit years of
/// the only form read, in milliseconds.
const ISO_MIN_MS: i64 = -62_167_219_200_000;
const ISO_MAX_MS: i64 = 253_402_300_799_999;

fn check_iso(s: &str) {
    let Some(ms) = parse_iso8601(s) else {
        return;
    };
    assert!((ISO_MIN_MS..=ISO_MAX_MS).contains(&ms), "{s:?} -> {ms}");
    // The same instant as chrono reads it (RFC 3339 is a superset of the form), floored
    // to the millisecond.
    let t = DateTime::parse_from_rfc3339(s)
        .or_else(|_| {
            // `HH:MM` without seconds is ours, not RFC 3339's.
            let (hm, z) = s.split_at(16);
            DateTime::parse_from_rfc3339(&format!("{hm}:00{z}"))
        })
        .unwrap_or_else(|e| panic!("{s:?} -> {ms}, chrono refuses it: {e}"));
    assert_eq!(t.timestamp_millis(), ms, "{s:?}");
}

fuzz_target!(|data: &[u8]| {
    let (text, instant) = split(data);
    let value = serde_json::from_slice::<Value>(text)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(text).into_owned()));
    for format in [TimeFormat::Iso8601, TimeFormat::EpochMillis] {
        let got = parse_time(&value, format);
        match (format, &value) {
            (TimeFormat::Iso8601, Value::String(s)) => assert_eq!(got, parse_iso8601(s)),
            (TimeFormat::Iso8601, _) => assert_eq!(got, None, "{value}"),
            (TimeFormat::EpochMillis, Value::Number(n)) => assert_eq!(got, n.as_i64()),
            (TimeFormat::EpochMillis, Value::String(s)) => {
                assert_eq!(got, s.trim().parse::<i64>().ok())
            }
            (TimeFormat::EpochMillis, _) => assert_eq!(got, None, "{value}"),
        }
    }
    if let Value::String(s) = &value {
        check_iso(s);
    }
    check_iso(&String::from_utf8_lossy(text));

    // Round trip: any instant of years 0..=9999, formatted as Flink and Debezium do.
    if instant.len() >= 8 {
        let raw = i64::from_le_bytes(instant[..8].try_into().unwrap());
        let span = (ISO_MAX_MS - ISO_MIN_MS) as i128 + 1;
        let ms = ISO_MIN_MS + (raw as i128).rem_euclid(span) as i64;
        let nanos_extra = instant.get(8..12).map_or(0, |b| {
            u32::from_le_bytes(b.try_into().unwrap()) % 1_000_000
        });
        let t = DateTime::<Utc>::from_timestamp_millis(ms).unwrap()
            + chrono::Duration::nanoseconds(nanos_extra as i64);
        for f in [
            SecondsFormat::Secs,
            SecondsFormat::Millis,
            SecondsFormat::Micros,
            SecondsFormat::Nanos,
        ] {
            let s = t.to_rfc3339_opts(f, true);
            let want = match f {
                SecondsFormat::Secs => ms.div_euclid(1000) * 1000,
                _ => ms,
            };
            assert_eq!(parse_iso8601(&s), Some(want), "{s}");
            check_iso(&s);
        }
        let minutes = t.format("%Y-%m-%dT%H:%MZ").to_string();
        assert_eq!(
            parse_iso8601(&minutes),
            Some(ms.div_euclid(60_000) * 60_000),
            "{minutes}"
        );
    }
});
