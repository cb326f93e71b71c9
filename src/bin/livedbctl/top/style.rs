//! What `top`'s views share: the status colours and the way numbers and trends are shown.

use ratatui::style::Color;

use crate::groups::lag::Trend;

pub(super) const OK: Color = Color::Green;
pub(super) const WARN: Color = Color::Yellow;
pub(super) const DOWN: Color = Color::Red;
pub(super) const DIM: Color = Color::DarkGray;

pub(super) fn status_color(status: &str) -> Color {
    match status {
        "ok" => OK,
        "warn" => WARN,
        "down" => DOWN,
        _ => DIM,
    }
}

pub(super) fn rate(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(v) if v >= 10_000.0 => format!("{:.1}k", v / 1000.0),
        Some(v) if v >= 100.0 || v == v.trunc() => format!("{v:.0}"),
        Some(v) => format!("{v:.1}"),
    }
}

/// A result value: integers as they are, others with two decimals.
pub(super) fn value(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(v) if v == v.trunc() && v.abs() < 1e15 => format!("{v:.0}"),
        Some(v) => format!("{v:.2}"),
    }
}

/// Each value column as wide as its header and its widest value (at least 10), so a number
/// is never cut: ratatui truncates a cell to its column's width.
pub(super) fn result_column_widths(set: &crate::sampler::snapshot::ResultSet) -> Vec<u16> {
    set.columns
        .iter()
        .map(|c| {
            let widest = set
                .windows
                .iter()
                .map(|w| value(w.values.get(c).copied()).chars().count())
                .chain([c.chars().count(), 10])
                .max()
                .unwrap_or(10);
            u16::try_from(widest).unwrap_or(u16::MAX)
        })
        .collect()
}

pub(super) fn trend_mark(t: Trend) -> (&'static str, Color) {
    match t {
        Trend::Growing => ("↑ growing", WARN),
        Trend::Draining => ("↓ draining", OK),
        Trend::Steady => ("→ steady", DIM),
        Trend::Stalled => ("■ stalled", WARN),
        Trend::Unknown => ("…", DIM),
    }
}
