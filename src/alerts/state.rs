//! One rule's state over time: ok → pending (the condition holds, not for long enough yet)
//! → firing → resolved (ok again, remembered). Pure: it is told the time and whether the
//! condition holds, and says when the rule fired or resolved.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Ok,
    /// The condition holds since `since`, not yet for the rule's `for`.
    Pending {
        since: i64,
    },
    /// Fired at `at`; the condition holds since `since`.
    Firing {
        since: i64,
        at: i64,
    },
}

/// A change to deliver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Fired { since_ms: i64, at_ms: i64 },
    Resolved { fired_at_ms: i64, at_ms: i64 },
}

#[derive(Debug, Clone)]
pub struct Tracker {
    hold_for_ms: i64,
    phase: Phase,
    /// (fired at, resolved at) of the last time it fired, once it resolved.
    last: Option<(i64, i64)>,
}

impl Tracker {
    pub fn new(hold_for: Duration) -> Tracker {
        Tracker {
            hold_for_ms: hold_for.as_millis() as i64,
            phase: Phase::Ok,
            last: None,
        }
    }

    /// The condition at `now_ms`: held or not, or unknown (nothing changes then: a
    /// service that does not answer neither fires nor resolves a rule).
    pub fn observe(&mut self, now_ms: i64, holds: Option<bool>) -> Option<Change> {
        let holds = holds?;
        match (self.phase, holds) {
            (Phase::Ok, true) => {
                self.phase = Phase::Pending { since: now_ms };
                self.promote(now_ms)
            }
            (Phase::Pending { .. }, true) => self.promote(now_ms),
            (Phase::Pending { .. }, false) => {
                // It flapped back before its time: nothing fired, nothing to resolve.
                self.phase = Phase::Ok;
                None
            }
            (Phase::Firing { at, .. }, false) => {
                self.phase = Phase::Ok;
                self.last = Some((at, now_ms));
                Some(Change::Resolved {
                    fired_at_ms: at,
                    at_ms: now_ms,
                })
            }
            (Phase::Firing { .. }, true) | (Phase::Ok, false) => None,
        }
    }

    fn promote(&mut self, now_ms: i64) -> Option<Change> {
        let Phase::Pending { since } = self.phase else {
            return None;
        };
        if now_ms - since < self.hold_for_ms {
            return None;
        }
        self.phase = Phase::Firing { since, at: now_ms };
        Some(Change::Fired {
            since_ms: since,
            at_ms: now_ms,
        })
    }

    /// ok | pending | firing | resolved
    pub fn state(&self) -> &'static str {
        match self.phase {
            Phase::Pending { .. } => "pending",
            Phase::Firing { .. } => "firing",
            Phase::Ok if self.last.is_some() => "resolved",
            Phase::Ok => "ok",
        }
    }

    pub fn firing(&self) -> bool {
        matches!(self.phase, Phase::Firing { .. })
    }

    pub fn active_since_ms(&self) -> Option<i64> {
        match self.phase {
            Phase::Pending { since } | Phase::Firing { since, .. } => Some(since),
            Phase::Ok => None,
        }
    }

    pub fn fired_at_ms(&self) -> Option<i64> {
        match self.phase {
            Phase::Firing { at, .. } => Some(at),
            _ => self.last.map(|(at, _)| at),
        }
    }

    pub fn resolved_at_ms(&self) -> Option<i64> {
        self.last.map(|(_, at)| at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_for_it_fires_at_once_and_resolves_when_it_stops_holding() {
        let mut t = Tracker::new(Duration::ZERO);
        assert_eq!(t.state(), "ok");
        assert_eq!(t.observe(0, Some(false)), None);
        assert_eq!(
            t.observe(1_000, Some(true)),
            Some(Change::Fired {
                since_ms: 1_000,
                at_ms: 1_000
            })
        );
        assert_eq!(t.state(), "firing");
        assert_eq!(t.observe(2_000, Some(true)), None, "fires once");
        assert_eq!(
            t.observe(3_000, Some(false)),
            Some(Change::Resolved {
                fired_at_ms: 1_000,
                at_ms: 3_000
            })
        );
        assert_eq!(t.state(), "resolved");
        assert_eq!(
            (t.fired_at_ms(), t.resolved_at_ms()),
            (Some(1_000), Some(3_000))
        );
        assert_eq!(t.observe(4_000, Some(false)), None, "resolves once");
    }

    #[test]
    fn for_waits_the_whole_duration_and_a_flap_starts_it_over() {
        let mut t = Tracker::new(Duration::from_secs(60));
        assert_eq!(t.observe(0, Some(true)), None);
        assert_eq!(t.state(), "pending");
        assert_eq!(t.active_since_ms(), Some(0));
        assert_eq!(t.observe(59_999, Some(true)), None);
        // One sample below the threshold: pending again from scratch, nothing delivered.
        assert_eq!(t.observe(60_500, Some(false)), None);
        assert_eq!(t.state(), "ok");
        assert_eq!(t.observe(61_000, Some(true)), None);
        assert_eq!(t.observe(120_000, Some(true)), None);
        assert_eq!(
            t.observe(121_000, Some(true)),
            Some(Change::Fired {
                since_ms: 61_000,
                at_ms: 121_000
            })
        );
    }

    #[test]
    fn flapping_while_firing_gives_one_change_each_way() {
        let mut t = Tracker::new(Duration::ZERO);
        let changes: Vec<Change> = [true, false, true, false]
            .iter()
            .enumerate()
            .filter_map(|(i, h)| t.observe(i as i64 * 1000, Some(*h)))
            .collect();
        assert_eq!(changes.len(), 4);
        assert!(matches!(changes[0], Change::Fired { .. }));
        assert!(matches!(changes[1], Change::Resolved { .. }));
        assert!(matches!(changes[2], Change::Fired { .. }));
        assert!(matches!(changes[3], Change::Resolved { .. }));
    }

    #[test]
    fn an_unknown_reading_changes_nothing() {
        let mut t = Tracker::new(Duration::from_secs(10));
        t.observe(0, Some(true));
        // Kafka down for a while: still pending from 0, and it fires on the next reading.
        assert_eq!(t.observe(5_000, None), None);
        assert_eq!(t.observe(9_000, None), None);
        assert_eq!(t.state(), "pending");
        assert!(matches!(
            t.observe(11_000, Some(true)),
            Some(Change::Fired { since_ms: 0, .. })
        ));
        assert_eq!(t.observe(12_000, None), None);
        assert!(t.firing(), "an unknown reading does not resolve");
    }
}
