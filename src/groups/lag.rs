//! The one lag computation: `group list`, `group describe`, the sampler behind `dashboard`
//! and `top`, and `/metrics` all count lag, trend and time behind here, so the numbers an
//! operator sees in one place match the others.

use serde::Serialize;

/// Records of `topic`/`partition` the group has not consumed yet.
///
/// `committed` is the next offset the group will read (what Kafka stores). A committed
/// offset below `low` (records deleted by retention) leaves `high - low` to read. Where the
/// group never committed, it starts wherever its `auto.offset.reset` says, which cannot be
/// read from outside the group: see [`lag_and_source`].
pub fn partition_lag(committed: Option<i64>, low: i64, high: i64) -> Option<i64> {
    let c = committed?;
    if c < 0 {
        return None;
    }
    Some((high - c.max(low)).max(0))
}

/// Where a lag was counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LagFrom {
    /// From the group's committed offset: what Kafka knows.
    Committed,
    /// The group never committed on the partition: counted from where a group starts by
    /// `auto.offset.reset=earliest` (livedbctl's consumers' default), i.e. `high - low`.
    /// An estimate: a group set to `latest` would skip these records.
    Start,
}

/// The lag of one partition and what it was counted from: the committed offset when there
/// is one, else the start of the partition (an estimate, see [`LagFrom::Start`]), so a
/// partition the group never read counts its whole backlog instead of nothing.
pub fn lag_and_source(committed: Option<i64>, low: i64, high: i64) -> (i64, LagFrom) {
    match partition_lag(committed, low, high) {
        Some(l) => (l, LagFrom::Committed),
        None => ((high - low).max(0), LagFrom::Start),
    }
}

/// What a total lag rests on: `Start` when some of it is estimated (a partition without a
/// committed offset that has records), else `Committed`.
pub fn total_lag_from<I: IntoIterator<Item = (Option<i64>, Option<LagFrom>)>>(rows: I) -> LagFrom {
    let estimated = rows
        .into_iter()
        .any(|(l, from)| from == Some(LagFrom::Start) && l.is_some_and(|l| l > 0));
    if estimated {
        LagFrom::Start
    } else {
        LagFrom::Committed
    }
}

/// Sum of the known lags; `None` when no partition has a committed offset.
pub fn total_lag<I: IntoIterator<Item = Option<i64>>>(lags: I) -> Option<i64> {
    lags.into_iter()
        .flatten()
        .fold(None, |acc, l| Some(acc.unwrap_or(0) + l))
}

/// Time behind: how old the record at the committed offset is, i.e. how long ago the
/// oldest unconsumed record was written. Zero when nothing is left to read; `None` when the
/// record's timestamp is unknown.
pub fn time_behind_ms(now_ms: i64, lag: Option<i64>, ts_at_committed: Option<i64>) -> Option<i64> {
    match lag {
        Some(0) => Some(0),
        Some(_) => ts_at_committed.map(|t| (now_ms - t).max(0)),
        None => None,
    }
}

/// Whether a lag grows or drains, from its recent history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    /// More records arrive than the group consumes.
    Growing,
    /// The group catches up.
    Draining,
    /// Neither (within noise), or no lag at all.
    Steady,
    /// Burrow's rule: the committed offsets did not move over the window while there was
    /// lag all along; the consumer is stopped or stuck.
    Stalled,
    /// Not enough history yet.
    Unknown,
}

/// Slope (records per second) below which a lag counts as steady.
const STEADY_SLOPE: f64 = 0.5;

/// The trend of `points` (`(time_ms, lag)`, oldest first). A consumer that commits in
/// batches makes its lag a sawtooth, whose slope alone says "growing" half the time; so the
/// lag must also have moved as a whole: growing when the lowest lag of the later half is
/// above the lowest of the earlier half, draining when the highest fell. At least three
/// points spanning two seconds are needed.
pub fn trend(points: &[(i64, i64)]) -> Trend {
    if points.len() < 3 {
        return Trend::Unknown;
    }
    let span = points[points.len() - 1].0 - points[0].0;
    if span < 2000 {
        return Trend::Unknown;
    }
    if points.iter().all(|&(_, l)| l == 0) {
        return Trend::Steady;
    }
    let slope = slope_per_sec(points);
    let mid = points[0].0 + span / 2;
    let (early, late): (Vec<i64>, Vec<i64>) = {
        let e = points.iter().filter(|p| p.0 <= mid).map(|p| p.1).collect();
        let l = points.iter().filter(|p| p.0 > mid).map(|p| p.1).collect();
        (e, l)
    };
    let (Some(&lo1), Some(&lo2), Some(&hi1), Some(&hi2)) = (
        early.iter().min(),
        late.iter().min(),
        early.iter().max(),
        late.iter().max(),
    ) else {
        return Trend::Unknown;
    };
    let margin = 2.max(hi1 / 20);
    if slope > STEADY_SLOPE && lo2 > lo1 + margin {
        Trend::Growing
    } else if slope < -STEADY_SLOPE && hi2 < hi1 - margin {
        Trend::Draining
    } else {
        Trend::Steady
    }
}

/// The least time without a commit before a lagging group counts as stalled: consumers
/// commit in batches (a sink every few seconds), so a shorter pause is normal.
pub const STALL_AFTER_MS: i64 = 10_000;

/// The trend of a group from its lag and its committed offsets (`(time_ms, sum of
/// committed offsets)`), both oldest first: [`Trend::Stalled`] when the committed offsets
/// stayed put for at least [`STALL_AFTER_MS`] while every lag reading was above zero (Burrow's
/// "stalled"), else [`trend`] of the lag.
pub fn group_trend(lags: &[(i64, i64)], commits: &[(i64, i64)]) -> Trend {
    if stalled(lags, commits) {
        Trend::Stalled
    } else {
        trend(lags)
    }
}

fn stalled(lags: &[(i64, i64)], commits: &[(i64, i64)]) -> bool {
    let (Some(first), Some(last)) = (commits.first(), commits.last()) else {
        return false;
    };
    if commits.len() < 3 || last.0 - first.0 < STALL_AFTER_MS {
        return false;
    }
    let moved = commits.iter().any(|&(_, c)| c != first.1);
    let lagging = lags
        .iter()
        .filter(|&&(t, _)| t >= first.0)
        .all(|&(_, l)| l > 0);
    !moved && lagging && !lags.is_empty()
}

fn slope_per_sec(points: &[(i64, i64)]) -> f64 {
    let n = points.len() as f64;
    let t0 = points[0].0;
    let xs: Vec<f64> = points
        .iter()
        .map(|&(t, _)| (t - t0) as f64 / 1000.0)
        .collect();
    let ys: Vec<f64> = points.iter().map(|&(_, l)| l as f64).collect();
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for (x, y) in xs.iter().zip(&ys) {
        num += (x - mx) * (y - my);
        den += (x - mx) * (x - mx);
    }
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// A rate from two readings of a counter; `None` across a reset or without time passing.
pub fn rate_per_sec(before: i64, after: i64, elapsed_ms: i64) -> Option<f64> {
    if elapsed_ms <= 0 || after < before {
        return None;
    }
    Some((after - before) as f64 * 1000.0 / elapsed_ms as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lag_counts_from_the_committed_offset_and_skips_deleted_records() {
        assert_eq!(partition_lag(Some(40), 0, 100), Some(60));
        assert_eq!(partition_lag(Some(100), 0, 100), Some(0));
        assert_eq!(partition_lag(Some(5), 50, 100), Some(50));
        assert_eq!(partition_lag(None, 0, 100), None);
        assert_eq!(partition_lag(Some(-1001), 0, 100), None);
        // A committed offset past the end (topic recreated) is no lag, not a negative one.
        assert_eq!(partition_lag(Some(120), 0, 100), Some(0));
    }

    #[test]
    fn a_partition_never_committed_counts_from_its_start() {
        assert_eq!(lag_and_source(Some(40), 0, 100), (60, LagFrom::Committed));
        assert_eq!(lag_and_source(None, 0, 100), (100, LagFrom::Start));
        assert_eq!(lag_and_source(None, 30, 100), (70, LagFrom::Start));
        assert_eq!(lag_and_source(None, 0, 0), (0, LagFrom::Start));
        assert_eq!(
            total_lag_from([
                (Some(5), Some(LagFrom::Committed)),
                (Some(0), Some(LagFrom::Start))
            ]),
            LagFrom::Committed
        );
        assert_eq!(
            total_lag_from([
                (Some(5), Some(LagFrom::Committed)),
                (Some(9), Some(LagFrom::Start))
            ]),
            LagFrom::Start
        );
    }

    #[test]
    fn total_ignores_partitions_without_commits() {
        assert_eq!(total_lag([Some(3), None, Some(4)]), Some(7));
        assert_eq!(total_lag([None, None]), None);
        assert_eq!(total_lag(Vec::<Option<i64>>::new()), None);
    }

    #[test]
    fn time_behind_is_zero_when_caught_up() {
        assert_eq!(time_behind_ms(10_000, Some(0), None), Some(0));
        assert_eq!(time_behind_ms(10_000, Some(5), Some(7_000)), Some(3_000));
        assert_eq!(time_behind_ms(10_000, Some(5), None), None);
        assert_eq!(time_behind_ms(10_000, Some(5), Some(12_000)), Some(0));
    }

    #[test]
    fn trend_follows_the_slope() {
        let growing: Vec<(i64, i64)> = (0..10).map(|i| (i * 1000, i * 10)).collect();
        assert_eq!(trend(&growing), Trend::Growing);
        let draining: Vec<(i64, i64)> = (0..10).map(|i| (i * 1000, 100 - i * 10)).collect();
        assert_eq!(trend(&draining), Trend::Draining);
        let flat: Vec<(i64, i64)> = (0..10).map(|i| (i * 1000, 50)).collect();
        assert_eq!(trend(&flat), Trend::Steady);
        assert_eq!(trend(&growing[..2]), Trend::Unknown);
        // A batching consumer: lag climbs between commits and falls to 0 at each one.
        let sawtooth: Vec<(i64, i64)> = (0..30).map(|i| (i * 1000, (i % 3) * 10)).collect();
        assert_eq!(trend(&sawtooth), Trend::Steady);
        let sawtooth_late: Vec<(i64, i64)> = (0..30)
            .map(|i| (i * 1000, if i % 4 == 3 { 0 } else { (i % 4) * 10 + 20 }))
            .collect();
        assert_eq!(trend(&sawtooth_late), Trend::Steady);
        // Growing underneath the sawtooth.
        let rising: Vec<(i64, i64)> = (0..30).map(|i| (i * 1000, i * 5 + (i % 3) * 10)).collect();
        assert_eq!(trend(&rising), Trend::Growing);
        assert_eq!(trend(&[(0, 1), (100, 2), (200, 3)]), Trend::Unknown);
    }

    #[test]
    fn a_group_whose_offsets_do_not_move_while_it_lags_is_stalled() {
        let still: Vec<(i64, i64)> = (0..12).map(|i| (i * 1000, 400)).collect();
        let lag: Vec<(i64, i64)> = (0..12).map(|i| (i * 1000, 422)).collect();
        assert_eq!(group_trend(&lag, &still), Trend::Stalled);
        // Not yet long enough: a batching consumer pauses between commits.
        assert_eq!(group_trend(&lag[..5], &still[..5]), Trend::Steady);
        // Caught up: not moving is fine.
        let zero: Vec<(i64, i64)> = (0..12).map(|i| (i * 1000, 0)).collect();
        assert_eq!(group_trend(&zero, &still), Trend::Steady);
        // Committing: the lag's own trend.
        let moving: Vec<(i64, i64)> = (0..12).map(|i| (i * 1000, 400 + i)).collect();
        assert_eq!(group_trend(&lag, &moving), Trend::Steady);
    }

    #[test]
    fn rates_need_time_and_a_counter_that_did_not_reset() {
        assert_eq!(rate_per_sec(100, 150, 500), Some(100.0));
        assert_eq!(rate_per_sec(100, 50, 1000), None);
        assert_eq!(rate_per_sec(100, 150, 0), None);
    }
}
