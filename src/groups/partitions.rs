//! How far behind a group is, per partition: the one place lag rows are made, from
//! committed offsets, watermarks and record timestamps.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{lag, Tp};

/// One partition's offsets and what the group has left to read there.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartitionLag {
    pub topic: String,
    pub partition: i32,
    /// Next offset the group reads; null when it never committed here.
    pub committed: Option<i64>,
    pub low: i64,
    pub high: i64,
    /// `high - committed` (see `lag::partition_lag`); where the group never committed,
    /// `high - low`, counted from the start (`lag_from: "start"`, an estimate).
    pub lag: Option<i64>,
    /// `committed` | `start` (see `lag::LagFrom`).
    pub lag_from: Option<lag::LagFrom>,
    /// Age of the record at the committed offset (or at `low` where the group never
    /// committed); 0 when caught up; null when unknown.
    pub time_behind_ms: Option<i64>,
}

impl PartitionLag {
    /// The offset the group reads next: the committed one, or the oldest kept record.
    pub fn position(&self) -> i64 {
        self.committed.unwrap_or(self.low).max(self.low)
    }
}

/// Build the per-partition view from committed offsets, watermarks and the timestamps of
/// the records at the committed offsets. The one place lag rows are made.
pub fn partition_lags(
    partitions: &[Tp],
    committed: &BTreeMap<Tp, i64>,
    watermarks: &BTreeMap<Tp, (i64, i64)>,
    timestamps: &BTreeMap<(String, i32, i64), i64>,
    now_ms: i64,
) -> Vec<PartitionLag> {
    partitions
        .iter()
        .map(|tp| {
            let (low, high) = watermarks.get(tp).copied().unwrap_or((0, 0));
            let c = committed.get(tp).copied();
            let (l, from) = lag::lag_and_source(c, low, high);
            let at = c.unwrap_or(low).max(low);
            let ts = timestamps.get(&(tp.0.clone(), tp.1, at)).copied();
            PartitionLag {
                topic: tp.0.clone(),
                partition: tp.1,
                committed: c,
                low,
                high,
                lag: Some(l),
                lag_from: Some(from),
                time_behind_ms: lag::time_behind_ms(now_ms, Some(l), ts),
            }
        })
        .collect()
}

/// The partitions a group's view shows: every partition of each topic the group committed
/// on or is assigned (those without a commit show a null lag, as `kafka-consumer-groups`).
pub fn group_partitions(
    topics: &BTreeMap<String, Vec<i32>>,
    committed: &BTreeMap<Tp, i64>,
    assigned: &[Tp],
) -> Vec<Tp> {
    let names: BTreeSet<&String> = committed
        .keys()
        .map(|(t, _)| t)
        .chain(assigned.iter().map(|(t, _)| t))
        .collect();
    let mut out: BTreeSet<Tp> = names
        .iter()
        .flat_map(|t| {
            topics
                .get(*t)
                .into_iter()
                .flatten()
                .map(move |p| ((*t).clone(), *p))
        })
        .collect();
    out.extend(committed.keys().cloned());
    out.extend(assigned.iter().cloned());
    out.into_iter().collect()
}

/// The partitions whose record timestamps are needed for time behind: lagging ones, at the
/// committed offset (or the oldest kept record when the committed one is gone or the group
/// never committed).
pub fn timestamp_wants(rows: &[PartitionLag]) -> Vec<(String, i32, i64)> {
    rows.iter()
        .filter(|r| r.lag.is_some_and(|l| l > 0))
        .map(|r| (r.topic.clone(), r.partition, r.position()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lag_rows_use_the_shared_computation() {
        let tps = vec![("t".to_string(), 0), ("t".to_string(), 1)];
        let committed = BTreeMap::from([(("t".to_string(), 0), 5)]);
        let wm = BTreeMap::from([
            (("t".to_string(), 0), (0, 9)),
            (("t".to_string(), 1), (0, 4)),
        ]);
        let ts = BTreeMap::from([(("t".to_string(), 0, 5), 1_000)]);
        let rows = partition_lags(&tps, &committed, &wm, &ts, 4_000);
        assert_eq!(rows[0].lag, Some(4));
        assert_eq!(rows[0].time_behind_ms, Some(3_000));
        assert_eq!(rows[0].lag_from, Some(lag::LagFrom::Committed));
        // Never committed on partition 1: its whole backlog, counted from the start.
        assert_eq!(rows[1].lag, Some(4));
        assert_eq!(rows[1].lag_from, Some(lag::LagFrom::Start));
        assert_eq!(
            timestamp_wants(&rows),
            vec![("t".to_string(), 0, 5), ("t".to_string(), 1, 0)]
        );
    }
}
