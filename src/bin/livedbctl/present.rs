//! How numbers read to a person, in one place for every command and `top`: durations
//! (a spelled-out style for tables and a compact one for one-line status), byte counts and
//! optional counts. JSON output never goes through here: it carries the raw numbers.

/// `12 ms`, `3.4 s`, `5m 2s`, `2h 5m`; `-` for unknown.
pub fn duration_ms(ms: Option<i64>) -> String {
    match ms {
        None => "-".into(),
        Some(ms) if ms < 1000 => format!("{ms} ms"),
        Some(ms) if ms < 60_000 => format!("{:.1} s", ms as f64 / 1000.0),
        Some(ms) if ms < 3_600_000 => format!("{}m {}s", ms / 60_000, (ms % 60_000) / 1000),
        Some(ms) => format!("{}h {}m", ms / 3_600_000, (ms % 3_600_000) / 60_000),
    }
}

/// `850ms`, `12.3s`, `5m`, `3h`, `333d`: the largest unit that fits, for a status line.
pub fn short_duration(ms: i64) -> String {
    let ms = ms.max(0);
    match ms {
        0..1_000 => format!("{ms}ms"),
        1_000..60_000 => format!("{:.1}s", ms as f64 / 1000.0),
        60_000..3_600_000 => format!("{}m", ms / 60_000),
        3_600_000..86_400_000 => format!("{}h", ms / 3_600_000),
        _ => format!("{}d", ms / 86_400_000),
    }
}

/// Bytes for people (`12.30 MiB`); a negative count is 0. The library's own messages
/// write bytes the same way (`cdc::human_bytes`), so there is one rule.
pub fn bytes(b: i64) -> String {
    crate::cdc::human_bytes(b)
}

/// `bytes` of a value that may be unknown (`-`).
pub fn maybe_bytes(b: Option<i64>) -> String {
    b.map(bytes).unwrap_or_else(|| "-".into())
}

/// A count that may be unknown (`-`).
pub fn count(x: Option<i64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}

/// A lag, with `~` in front when part of it is counted from the start of partitions the
/// group never committed on (an estimate: see [`ESTIMATE_NOTE`]); `-` for unknown.
pub fn lag_cell(lag: Option<i64>, from: Option<crate::groups::lag::LagFrom>) -> String {
    match (lag, from) {
        (Some(l), Some(crate::groups::lag::LagFrom::Start)) if l > 0 => format!("~{l}"),
        (l, _) => count(l),
    }
}

/// The footnote under a table that has a `~` lag.
pub const ESTIMATE_NOTE: &str = "~ estimated: partitions the group never committed on count \
from their start (high - low), as a group with auto.offset.reset=earliest (livedbctl's \
consumers' default) would read them";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_estimated_lag_is_marked() {
        use crate::groups::lag::LagFrom;
        assert_eq!(lag_cell(Some(400), Some(LagFrom::Start)), "~400");
        assert_eq!(lag_cell(Some(0), Some(LagFrom::Start)), "0");
        assert_eq!(lag_cell(Some(95), Some(LagFrom::Committed)), "95");
        assert_eq!(lag_cell(None, None), "-");
    }

    #[test]
    fn durations_read_in_the_largest_unit_that_fits() {
        assert_eq!(duration_ms(None), "-");
        assert_eq!(duration_ms(Some(12)), "12 ms");
        assert_eq!(duration_ms(Some(3_400)), "3.4 s");
        assert_eq!(duration_ms(Some(302_000)), "5m 2s");
        assert_eq!(duration_ms(Some(7_500_000)), "2h 5m");
        assert_eq!(short_duration(-5), "0ms");
        assert_eq!(short_duration(12_340), "12.3s");
        assert_eq!(short_duration(30 * 86_400_000), "30d");
    }

    #[test]
    fn bytes_and_counts_show_unknown_as_a_dash() {
        assert_eq!(bytes(-1), "0 B");
        assert_eq!(maybe_bytes(None), "-");
        assert_eq!(bytes(12 * 1024 * 1024 + 300 * 1024), "12.29 MiB");
        assert_eq!(count(Some(7)), "7");
        assert_eq!(count(None), "-");
    }
}
