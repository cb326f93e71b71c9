//! Sets of ids as compact ranges (`1201-1250`, `7`): how every stage reports them.

use serde::{Serialize, Serializer};

/// Ids `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdRange {
    pub first: i64,
    pub last: i64,
}

impl std::fmt::Display for IdRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

impl Serialize for IdRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A set of ids, built in ascending order, kept as ranges of consecutive ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ids {
    pub count: u64,
    pub ranges: Vec<IdRange>,
}

impl Ids {
    /// Add `id`, which must not be below the last one added (a repeat is ignored).
    pub fn push(&mut self, id: i64) {
        match self.ranges.last_mut() {
            Some(r) if id <= r.last => return,
            Some(r) if id == r.last + 1 => r.last = id,
            _ => self.ranges.push(IdRange {
                first: id,
                last: id,
            }),
        }
        self.count += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// `1-3, 7, 10-12`.
    pub fn text(&self) -> String {
        self.ranges
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl FromIterator<i64> for Ids {
    fn from_iter<I: IntoIterator<Item = i64>>(iter: I) -> Self {
        let mut ids = Ids::default();
        for id in iter {
            ids.push(id);
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_ids_make_one_range_and_repeats_count_once() {
        let ids: Ids = [1, 2, 3, 3, 7, 10, 11, 12].into_iter().collect();
        assert_eq!(ids.count, 7);
        assert_eq!(ids.text(), "1-3, 7, 10-12");
        assert_eq!(
            serde_json::to_string(&ids).unwrap(),
            r#"{"count":7,"ranges":["1-3","7","10-12"]}"#
        );
        assert!(Ids::default().is_empty());
    }
}
