//! Alerts: the rules of the profile (`alerts:`) or the command line (`--alert`), judged on
//! every snapshot the sampler takes. [`eval`] measures a rule on a snapshot and
//! [`state`] carries it from ok through pending to firing and resolved, both pure;
//! [`Engine`] puts them together and fills the snapshot's `alerts`; [`deliver`] sends each
//! change (fired, resolved) to a command and a webhook, off the sampler's path.
//!
//! The grammar of the rules is [`crate::alert_rules`] (settings parse them once).

pub mod deliver;
pub mod eval;
pub mod state;

use serde::Serialize;

use crate::alert_rules::AlertRule;
use crate::sampler::snapshot::{AlertStat, AlertSubject, Snapshot};
use crate::sampler::JudgeSnapshot;
use deliver::Notifier;
use state::{Change, Tracker};

/// One change of one rule, as delivered (stdin of `--alert-exec`, the body POSTed to
/// `--webhook`). Field names are a public interface (README, "Alerts"). It names the
/// rule, its subjects (group, topic, table, destination and slot names) and the profile,
/// never an address or a credential.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AlertEvent {
    /// Always `alert`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// firing | resolved
    pub status: &'static str,
    pub rule: String,
    pub metric: &'static str,
    pub value: Option<f64>,
    pub threshold: Option<f64>,
    pub unit: &'static str,
    /// The subjects over the threshold when it fired (empty when it resolved).
    pub subjects: Vec<AlertSubject>,
    /// Since when the condition held.
    pub active_since_ms: Option<i64>,
    pub fired_at_ms: i64,
    /// Set when `status` is `resolved`.
    pub resolved_at_ms: Option<i64>,
    /// When this change happened (the sample that saw it).
    pub at_ms: i64,
    /// The profile's name.
    pub profile: String,
    /// The sample that saw it.
    pub seq: u64,
}

/// The rules and their states, judging every snapshot.
pub struct Engine {
    rules: Vec<(AlertRule, Tracker)>,
    notifier: Option<Notifier>,
}

impl Engine {
    pub fn new(rules: Vec<AlertRule>, notifier: Option<Notifier>) -> Engine {
        Engine {
            rules: rules
                .into_iter()
                .map(|r| {
                    let t = Tracker::new(r.hold_for);
                    (r, t)
                })
                .collect(),
            notifier,
        }
    }

    /// Judge `snap`: every rule measured, moved along, its changes delivered, and the
    /// verdict written into `snap.alerts`. Returns the changes.
    pub fn judge(&mut self, snap: &mut Snapshot) -> Vec<AlertEvent> {
        let now = snap.taken_at_ms;
        let mut events = Vec::new();
        let mut shown = Vec::with_capacity(self.rules.len());
        for (rule, tracker) in &mut self.rules {
            let m = eval::measure(rule, snap);
            let change = tracker.observe(now, m.holds);
            if let Some(change) = change {
                let (status, fired_at_ms, resolved_at_ms, subjects) = match change {
                    Change::Fired { at_ms, .. } => ("firing", at_ms, None, m.subjects.clone()),
                    Change::Resolved {
                        fired_at_ms, at_ms, ..
                    } => ("resolved", fired_at_ms, Some(at_ms), Vec::new()),
                };
                events.push(AlertEvent {
                    kind: "alert",
                    status,
                    rule: rule.text.clone(),
                    metric: rule.metric_name(),
                    value: m.value,
                    threshold: eval::threshold(rule),
                    unit: eval::unit(rule),
                    subjects,
                    active_since_ms: match change {
                        Change::Fired { since_ms, .. } => Some(since_ms),
                        Change::Resolved { .. } => None,
                    },
                    fired_at_ms,
                    resolved_at_ms,
                    at_ms: now,
                    profile: snap.profile.clone(),
                    seq: snap.seq,
                });
            }
            shown.push(AlertStat {
                rule: rule.text.clone(),
                metric: rule.metric_name().to_string(),
                state: tracker.state().to_string(),
                value: m.value,
                threshold: eval::threshold(rule),
                unit: eval::unit(rule).to_string(),
                subjects: m.subjects,
                active_since_ms: tracker.active_since_ms(),
                fired_at_ms: tracker.fired_at_ms(),
                resolved_at_ms: tracker.resolved_at_ms(),
                note: m.note,
            });
        }
        if let Some(n) = &self.notifier {
            for e in &events {
                n.notify(e.clone());
            }
        }
        snap.alerts.firing = shown.iter().filter(|a| a.state == "firing").count();
        snap.alerts.rules = shown;
        snap.alerts.delivery = self
            .notifier
            .as_ref()
            .map(Notifier::stats)
            .unwrap_or_default();
        events
    }
}

impl JudgeSnapshot for Engine {
    fn judge(&mut self, snap: &mut Snapshot) {
        Engine::judge(self, snap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert_rules::parse;
    use crate::groups::lag::{LagFrom, Trend};
    use crate::sampler::snapshot::GroupStat;

    fn with_lag(t: i64, lag: i64) -> Snapshot {
        let mut s = Snapshot {
            taken_at_ms: t,
            profile: "p".into(),
            ..Snapshot::default()
        };
        s.kafka.up = true;
        s.kafka.groups = vec![GroupStat {
            group: "g".into(),
            state: "Empty".into(),
            members: None,
            kind: "other".into(),
            sink: None,
            topics: Vec::new(),
            lag: Some(lag),
            lag_from: LagFrom::Committed,
            trend: Trend::Unknown,
            time_behind_ms: None,
            records_per_sec: None,
            partitions: Vec::new(),
        }];
        s
    }

    #[test]
    fn the_snapshot_carries_each_rule_and_the_changes_come_out_once() {
        let mut e = Engine::new(
            vec![
                parse("lag > 100 for 2s").unwrap(),
                parse("lag > 1000").unwrap(),
            ],
            None,
        );
        let mut s = with_lag(0, 500);
        assert!(e.judge(&mut s).is_empty());
        assert_eq!(s.alerts.rules[0].state, "pending");
        assert_eq!(s.alerts.rules[1].state, "ok");
        assert_eq!(s.alerts.firing, 0);
        let mut s = with_lag(2_000, 500);
        let ev = e.judge(&mut s);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].status, "firing");
        assert_eq!(ev[0].rule, "lag > 100 for 2s");
        assert_eq!(ev[0].subjects[0].subject, "group:g");
        assert_eq!(s.alerts.firing, 1);
        let mut s = with_lag(3_000, 0);
        let ev = e.judge(&mut s);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].status, "resolved");
        assert_eq!(ev[0].resolved_at_ms, Some(3_000));
        assert_eq!(s.alerts.rules[0].state, "resolved");
        let json = serde_json::to_value(&ev[0]).unwrap();
        assert_eq!(json["type"], "alert");
        assert_eq!(json["profile"], "p");
    }
}
