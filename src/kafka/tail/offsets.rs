//! Where a tail starts and stops: the kcat/rpk offset grammar (`start|end|N|-N|+N|@TIME`
//! and ranges `A:B`), resolved per partition within its watermarks.

/// One end of an offset range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The oldest offset still kept (`start`, `beginning`, `oldest`).
    Start,
    /// The next offset to be written (`end`, `newest`).
    End,
    /// An absolute offset `N`.
    Offset(i64),
    /// `-N`: N before the end of each partition.
    FromEnd(i64),
    /// `+N`: N after the start of each partition.
    FromStart(i64),
    /// `@T`: the first record at or after T (milliseconds since the epoch).
    Time(i64),
}

/// `--from`: where to start, and optionally where to stop (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetSpec {
    pub from: Position,
    pub until: Option<Position>,
}

/// Parse `start|end|N|-N|+N|@TIME` or a range `A:B` (`:B` starts at `start`, `A:` has no
/// end). TIME is milliseconds since the epoch, RFC 3339 (`2024-05-01T10:00:00Z`), a date
/// (`2024-05-01`, UTC), or a duration back from `now_ms` (`-10m`, `-2h 30m`).
pub fn parse_offset_spec(s: &str, now_ms: i64) -> std::result::Result<OffsetSpec, String> {
    let s = s.trim();
    if let Ok(p) = parse_position(s, now_ms) {
        return Ok(OffsetSpec {
            from: p,
            until: None,
        });
    }
    // Timestamps contain ':' themselves: take the split where both sides parse.
    let mut first_err = None;
    for (i, _) in s.match_indices(':') {
        let (a, b) = (&s[..i], &s[i + 1..]);
        let from = if a.is_empty() {
            Ok(Position::Start)
        } else {
            parse_position(a, now_ms)
        };
        let until = if b.is_empty() {
            Ok(None)
        } else {
            parse_position(b, now_ms).map(Some)
        };
        match (from, until) {
            (Ok(from), Ok(until)) => return Ok(OffsetSpec { from, until }),
            (Err(e), _) | (_, Err(e)) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or_else(|| format!("`{s}` is not an offset")))
}

fn parse_position(s: &str, now_ms: i64) -> std::result::Result<Position, String> {
    match s {
        "start" | "beginning" | "oldest" | "earliest" => return Ok(Position::Start),
        "end" | "newest" | "latest" => return Ok(Position::End),
        _ => {}
    }
    if let Some(t) = s.strip_prefix('@') {
        return parse_time(t, now_ms).map(Position::Time);
    }
    let count = |digits: &str| {
        digits
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| format!("`{s}` is not an offset"))
    };
    if let Some(n) = s.strip_prefix('-') {
        return count(n).map(Position::FromEnd);
    }
    if let Some(n) = s.strip_prefix('+') {
        return count(n).map(Position::FromStart);
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return count(s).map(Position::Offset);
    }
    Err(format!("`{s}` is not an offset"))
}

/// A point in time in milliseconds since the epoch.
pub fn parse_time(t: &str, now_ms: i64) -> std::result::Result<i64, String> {
    let t = t.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse::<i64>()
            .map_err(|_| format!("`{t}` is out of range"));
    }
    if let Some(ago) = t.strip_prefix('-') {
        let d = humantime::parse_duration(ago.trim()).map_err(|e| format!("`{t}`: {e}"))?;
        return i64::try_from(d.as_millis())
            .ok()
            .and_then(|ms| now_ms.checked_sub(ms))
            .ok_or_else(|| format!("`{t}` is too far back"));
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(dt.timestamp_millis());
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .timestamp_millis());
    }
    Err(format!(
        "`@{t}` is not a time: use milliseconds since the epoch, RFC 3339 (2024-05-01T10:00:00Z), a date, or a duration back from now (-10m)"
    ))
}

/// An offset on a partition with watermarks `low..high`; `by_time` is the broker's answer
/// to ListOffsets for a `Time` position (None: no record that late yet).
pub fn resolve(pos: Position, low: i64, high: i64, by_time: Option<i64>) -> i64 {
    match pos {
        Position::Start => low,
        Position::End => high,
        Position::Offset(n) => n,
        // `-N`/`+N` come from the user and may be near i64::MAX: saturate, then clamp.
        Position::FromEnd(n) => high.saturating_sub(n).max(low),
        Position::FromStart(n) => low.saturating_add(n).min(high),
        Position::Time(_) => by_time.unwrap_or(high).clamp(low, high),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    fn p(s: &str) -> OffsetSpec {
        parse_offset_spec(s, NOW).unwrap()
    }

    #[test]
    fn offsets_parse_like_kcat_and_rpk() {
        assert_eq!(
            p("start"),
            OffsetSpec {
                from: Position::Start,
                until: None
            }
        );
        assert_eq!(p("beginning").from, Position::Start);
        assert_eq!(p("end").from, Position::End);
        assert_eq!(p("42").from, Position::Offset(42));
        assert_eq!(p("-5").from, Position::FromEnd(5));
        assert_eq!(p("+5").from, Position::FromStart(5));
        assert_eq!(p("@1699999999000").from, Position::Time(1_699_999_999_000));
        assert_eq!(p("@-10m").from, Position::Time(NOW - 600_000));
        assert_eq!(p("@2023-11-14T22:13:20Z").from, Position::Time(NOW));
        assert_eq!(p("@2023-11-14T23:13:20+01:00").from, Position::Time(NOW));
        assert_eq!(p("@2023-11-14").from, Position::Time(1_699_920_000_000));
    }

    /// Crashers found by `fuzz/run.sh offsets` (overflow in `resolve`), kept as they came.
    #[test]
    fn fuzz_crashers_resolve_without_overflow() {
        let spec = parse_offset_spec(std::str::from_utf8(b"+5").unwrap(), NOW).unwrap();
        assert_eq!(resolve(spec.from, i64::MAX - 1, i64::MAX, None), i64::MAX);
        let huge = p("+9223372036854775807").from;
        assert_eq!(resolve(huge, 5, 1_000, None), 1_000);
        let back = p("-9223372036854775807").from;
        assert_eq!(resolve(back, 0, 10, None), 0);
        // A duration back from now longer than i64 milliseconds reach.
        assert!(parse_time("-300000000years", NOW).is_err());
    }

    #[test]
    fn ranges_split_where_both_sides_parse() {
        assert_eq!(
            p("10:20"),
            OffsetSpec {
                from: Position::Offset(10),
                until: Some(Position::Offset(20))
            }
        );
        assert_eq!(
            p(":end"),
            OffsetSpec {
                from: Position::Start,
                until: Some(Position::End)
            }
        );
        assert_eq!(
            p("start:end"),
            OffsetSpec {
                from: Position::Start,
                until: Some(Position::End)
            }
        );
        assert_eq!(
            p("-3:"),
            OffsetSpec {
                from: Position::FromEnd(3),
                until: None
            }
        );
        assert_eq!(
            p("@2023-11-14T22:13:20Z:@2023-11-14T22:13:21Z"),
            OffsetSpec {
                from: Position::Time(NOW),
                until: Some(Position::Time(NOW + 1000))
            }
        );
        assert_eq!(
            p("@1:@2"),
            OffsetSpec {
                from: Position::Time(1),
                until: Some(Position::Time(2))
            }
        );
    }

    #[test]
    fn bad_offsets_are_rejected_with_the_input_named() {
        for bad in [
            "",
            "x",
            "-",
            "+x",
            "1.5",
            "@",
            "@yesterday",
            "1:2:3",
            "--3",
            "@-10q",
        ] {
            let e = parse_offset_spec(bad, NOW).unwrap_err();
            assert!(e.contains('`'), "{bad}: {e}");
        }
    }

    #[test]
    fn positions_resolve_within_the_watermarks() {
        assert_eq!(resolve(Position::Start, 5, 20, None), 5);
        assert_eq!(resolve(Position::End, 5, 20, None), 20);
        assert_eq!(resolve(Position::FromEnd(3), 5, 20, None), 17);
        assert_eq!(resolve(Position::FromEnd(30), 5, 20, None), 5);
        assert_eq!(resolve(Position::FromStart(3), 5, 20, None), 8);
        assert_eq!(resolve(Position::FromStart(30), 5, 20, None), 20);
        assert_eq!(resolve(Position::Time(0), 5, 20, Some(9)), 9);
        assert_eq!(resolve(Position::Time(0), 5, 20, None), 20);
    }
}
