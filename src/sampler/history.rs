//! The last minutes of every series, in bounded memory: a ring of points (one per sample),
//! each holding at most `MAX_SERIES` named values. Names are interned so a point costs a
//! pointer per value, and names no longer in the ring are dropped.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use serde::Serialize;

/// Series per point; more (a cluster with hundreds of groups) are cut, names sorted.
pub const MAX_SERIES: usize = 200;

#[derive(Debug)]
struct Point {
    t_ms: i64,
    values: Vec<(Arc<str>, f64)>,
}

#[derive(Debug)]
pub struct History {
    capacity: usize,
    points: VecDeque<Point>,
    names: BTreeMap<String, Arc<str>>,
}

/// Column form for charts (uPlot's `[xs, ys...]`): `t` in seconds since the epoch, each
/// series aligned with it, null where it had no value.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Columns {
    pub t: Vec<f64>,
    pub series: BTreeMap<String, Vec<Option<f64>>>,
}

impl History {
    pub fn new(capacity: usize) -> History {
        History {
            capacity: capacity.max(2),
            points: VecDeque::with_capacity(capacity.max(2)),
            names: BTreeMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn series_count(&self) -> usize {
        self.names.len()
    }

    pub fn push(&mut self, t_ms: i64, values: BTreeMap<String, f64>) {
        let mut v = Vec::with_capacity(values.len().min(MAX_SERIES));
        for (name, x) in values.into_iter().take(MAX_SERIES) {
            if !x.is_finite() {
                continue;
            }
            let interned = match self.names.get(&name) {
                Some(a) => a.clone(),
                None => {
                    let a: Arc<str> = Arc::from(name.as_str());
                    self.names.insert(name, a.clone());
                    a
                }
            };
            v.push((interned, x));
        }
        if self.points.len() == self.capacity {
            self.points.pop_front();
        }
        self.points.push_back(Point { t_ms, values: v });
        // A name is only referenced by the table when no point holds it any more.
        if self.names.len() > MAX_SERIES {
            self.names.retain(|_, a| Arc::strong_count(a) > 1);
        }
    }

    /// `(t_ms, value)` of one series over the last `window_ms`, oldest first.
    pub fn recent(&self, name: &str, window_ms: i64) -> Vec<(i64, f64)> {
        let Some(last) = self.points.back() else {
            return Vec::new();
        };
        let from = last.t_ms - window_ms;
        self.points
            .iter()
            .filter(|p| p.t_ms >= from)
            .filter_map(|p| {
                p.values
                    .iter()
                    .find(|(n, _)| &**n == name)
                    .map(|(_, x)| (p.t_ms, *x))
            })
            .collect()
    }

    pub fn columns(&self) -> Columns {
        let n = self.points.len();
        let mut series: BTreeMap<String, Vec<Option<f64>>> = BTreeMap::new();
        for (i, p) in self.points.iter().enumerate() {
            for (name, x) in &p.values {
                series
                    .entry(name.to_string())
                    .or_insert_with(|| vec![None; n])[i] = Some(*x);
            }
        }
        Columns {
            t: self.points.iter().map(|p| p.t_ms as f64 / 1000.0).collect(),
            series,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn keeps_only_the_last_capacity_points() {
        let mut h = History::new(3);
        for i in 0..10 {
            h.push(i * 1000, values(&[("a", i as f64)]));
        }
        let c = h.columns();
        assert_eq!(c.t, vec![7.0, 8.0, 9.0]);
        assert_eq!(c.series["a"], vec![Some(7.0), Some(8.0), Some(9.0)]);
    }

    #[test]
    fn series_that_come_and_go_are_aligned_with_nulls() {
        let mut h = History::new(10);
        h.push(0, values(&[("a", 1.0)]));
        h.push(1000, values(&[("a", 2.0), ("b", 5.0)]));
        h.push(2000, values(&[("b", 6.0)]));
        let c = h.columns();
        assert_eq!(c.series["a"], vec![Some(1.0), Some(2.0), None]);
        assert_eq!(c.series["b"], vec![None, Some(5.0), Some(6.0)]);
        assert_eq!(h.recent("b", 1500), vec![(1000, 5.0), (2000, 6.0)]);
    }

    #[test]
    fn names_of_vanished_series_are_dropped_so_memory_stays_bounded() {
        let mut h = History::new(2);
        for i in 0..1000 {
            h.push(i, values(&[(&format!("s{i}"), 1.0)]));
        }
        assert!(h.series_count() <= MAX_SERIES + 1);
        assert_eq!(h.len(), 2);
    }

    #[test]
    fn non_finite_values_are_not_kept() {
        let mut h = History::new(2);
        h.push(0, values(&[("a", f64::NAN), ("b", 1.0)]));
        assert!(!h.columns().series.contains_key("a"));
    }
}
