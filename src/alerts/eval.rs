//! What a rule measures on one snapshot: pure, no I/O. Each rule looks at its subjects
//! (every group, topic, table, destination or slot the snapshot holds, or the one it is
//! scoped to) and holds when any of them is over its threshold.

use crate::alert_rules::{AlertRule, Condition, Metric, Op, Scope};
use crate::groups::lag::Trend;
use crate::sampler::kafka::is_dead_letter_topic;
use crate::sampler::snapshot::{AlertSubject, Snapshot};

/// A rule's reading on one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// The worst value among the subjects; none when nothing was measured.
    pub value: Option<f64>,
    /// Whether the condition holds; none when it cannot be told (a service not answering,
    /// no such subject): the rule then stays as it was.
    pub holds: Option<bool>,
    /// The subjects over the threshold.
    pub subjects: Vec<AlertSubject>,
    pub note: Option<String>,
}

impl Measure {
    fn unknown(note: impl Into<String>) -> Measure {
        Measure {
            value: None,
            holds: None,
            subjects: Vec::new(),
            note: Some(note.into()),
        }
    }
}

/// The unit a rule's values are in.
pub fn unit(rule: &AlertRule) -> &'static str {
    match &rule.condition {
        Condition::Threshold { metric, .. } => metric.unit(),
        Condition::Stalled { .. } => "groups",
    }
}

pub fn threshold(rule: &AlertRule) -> Option<f64> {
    match &rule.condition {
        Condition::Threshold { threshold, .. } => Some(*threshold),
        Condition::Stalled { .. } => None,
    }
}

/// Measure `rule` on `snap`.
pub fn measure(rule: &AlertRule, snap: &Snapshot) -> Measure {
    match &rule.condition {
        Condition::Threshold {
            metric,
            scope,
            op,
            threshold,
        } => {
            let subjects = match subjects(*metric, scope.as_ref(), snap) {
                Ok(s) => s,
                Err(note) => return Measure::unknown(note),
            };
            compare(subjects, *op, *threshold, *metric, scope.as_ref())
        }
        Condition::Stalled { group } => stalled(group.as_deref(), snap),
    }
}

fn compare(
    subjects: Vec<(String, Option<f64>)>,
    op: Op,
    threshold: f64,
    metric: Metric,
    scope: Option<&Scope>,
) -> Measure {
    let measured: Vec<(String, f64)> = subjects
        .into_iter()
        .filter_map(|(name, v)| v.map(|v| (name, v)))
        .collect();
    if measured.is_empty() {
        return Measure::unknown(match scope {
            Some(s) => format!(
                "no {} `{}` with a {} to measure",
                s.label,
                s.value,
                metric.name()
            ),
            None => format!("nothing to measure {} on", metric.name()),
        });
    }
    let worst =
        measured
            .iter()
            .map(|(_, v)| *v)
            .reduce(|a, b| if op.upward() { a.max(b) } else { a.min(b) });
    let over: Vec<AlertSubject> = measured
        .iter()
        .filter(|(_, v)| op.holds(*v, threshold))
        .map(|(name, v)| AlertSubject {
            subject: name.clone(),
            value: *v,
        })
        .collect();
    Measure {
        value: worst,
        holds: Some(!over.is_empty()),
        subjects: over,
        note: None,
    }
}

/// The subjects of a metric with their values (none where not known), or why none can be
/// read at all.
fn subjects(
    metric: Metric,
    scope: Option<&Scope>,
    snap: &Snapshot,
) -> Result<Vec<(String, Option<f64>)>, String> {
    let wanted =
        |label: &str, name: &str| scope.is_none_or(|s| s.label == label && s.value == name);
    let kafka_down = || {
        (!snap.kafka.up).then(|| {
            snap.kafka
                .error
                .clone()
                .unwrap_or_else(|| "Kafka was not sampled".into())
        })
    };
    let now = snap.taken_at_ms;
    let out: Vec<(String, Option<f64>)> = match metric {
        Metric::Lag => {
            if let Some(e) = kafka_down() {
                return Err(e);
            }
            snap.kafka
                .groups
                .iter()
                .filter(|g| wanted("group", &g.group))
                .map(|g| (format!("group:{}", g.group), g.lag.map(|l| l as f64)))
                .collect()
        }
        Metric::DeadLetters => {
            if let Some(e) = kafka_down() {
                return Err(e);
            }
            let found: Vec<(String, Option<f64>)> = snap
                .kafka
                .dead_letters
                .iter()
                .filter(|d| wanted("topic", &d.topic))
                .map(|d| (format!("topic:{}", d.topic), Some(d.messages as f64)))
                .collect();
            // No dead-letter topic at all: nothing was set aside.
            if found.is_empty() && scope.is_none() {
                vec![("dead-letter topics".into(), Some(0.0))]
            } else {
                found
            }
        }
        Metric::SlotLag => {
            if !snap.postgres.up {
                return Err(snap
                    .postgres
                    .error
                    .clone()
                    .unwrap_or_else(|| "PostgreSQL was not sampled".into()));
            }
            snap.postgres
                .slots
                .iter()
                .filter(|s| wanted("slot", &s.slot))
                .map(|s| (format!("slot:{}", s.slot), s.lag_bytes.map(|b| b as f64)))
                .collect()
        }
        Metric::Freshness => {
            let mut out = Vec::new();
            if let Some(p) = &snap.postgres.producer {
                if snap.postgres.up
                    && (wanted("table", "livedb") || wanted("table", "public.livedb"))
                {
                    out.push((
                        "table:public.livedb".to_string(),
                        p.newest_row_age_ms.map(|a| a as f64),
                    ));
                }
            }
            if snap.kafka.up {
                for t in &snap.kafka.topics {
                    if t.topic.starts_with("__") || is_dead_letter_topic(&t.topic) {
                        continue;
                    }
                    if wanted("topic", &t.topic) {
                        out.push((
                            format!("topic:{}", t.topic),
                            t.newest_ms.map(|ms| (now - ms).max(0) as f64),
                        ));
                    }
                }
            }
            for r in &snap.results {
                if !(wanted("destination", &r.name) || wanted("destination", &r.location)) {
                    continue;
                }
                let newest = r
                    .windows
                    .iter()
                    .filter_map(|w| w.last_ms.or(w.window_end_ms))
                    .max();
                out.push((
                    format!("destination:{}", r.location),
                    newest.map(|ms| (now - ms).max(0) as f64),
                ));
            }
            out
        }
    };
    Ok(out)
}

/// `consumer stalled`: the groups the sampler judged stalled (Burrow's rule: committed
/// offsets that did not move over the window while every lag reading was above zero).
fn stalled(group: Option<&str>, snap: &Snapshot) -> Measure {
    if !snap.kafka.up {
        return Measure::unknown(
            snap.kafka
                .error
                .clone()
                .unwrap_or_else(|| "Kafka was not sampled".into()),
        );
    }
    let groups: Vec<_> = snap
        .kafka
        .groups
        .iter()
        .filter(|g| group.is_none_or(|name| g.group == name))
        .collect();
    if groups.is_empty() {
        return Measure::unknown(match group {
            Some(g) => format!("no group `{g}`"),
            None => "no consumer groups".to_string(),
        });
    }
    let over: Vec<AlertSubject> = groups
        .iter()
        .filter(|g| g.trend == Trend::Stalled)
        .map(|g| AlertSubject {
            subject: format!("group:{}", g.group),
            value: g.lag.unwrap_or(0) as f64,
        })
        .collect();
    Measure {
        value: Some(over.len() as f64),
        holds: Some(!over.is_empty()),
        subjects: over,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert_rules::parse;
    use crate::groups::lag::LagFrom;
    use crate::sampler::snapshot::{DeadLetterStat, GroupStat, ProducerStat, SlotStat, TopicStat};

    fn group(name: &str, lag: i64, trend: Trend) -> GroupStat {
        GroupStat {
            group: name.into(),
            state: "Empty".into(),
            members: Some(0),
            kind: "other".into(),
            sink: None,
            topics: vec!["t".into()],
            lag: Some(lag),
            lag_from: LagFrom::Committed,
            trend,
            time_behind_ms: None,
            records_per_sec: None,
            partitions: Vec::new(),
        }
    }

    fn snap() -> Snapshot {
        let mut s = Snapshot {
            taken_at_ms: 100_000,
            ..Snapshot::default()
        };
        s.kafka.up = true;
        s.postgres.up = true;
        s.kafka.groups = vec![
            group("a", 50, Trend::Steady),
            group("b", 20_000, Trend::Stalled),
        ];
        s
    }

    #[test]
    fn lag_looks_at_every_group_or_the_one_named() {
        let m = measure(&parse("lag > 10000").unwrap(), &snap());
        assert_eq!(m.holds, Some(true));
        assert_eq!(m.value, Some(20_000.0));
        assert_eq!(m.subjects.len(), 1);
        assert_eq!(m.subjects[0].subject, "group:b");
        let m = measure(&parse("lag{group=a} > 10000").unwrap(), &snap());
        assert_eq!((m.holds, m.value), (Some(false), Some(50.0)));
        let m = measure(&parse("lag{group=nope} > 1").unwrap(), &snap());
        assert_eq!(m.holds, None);
        assert!(m.note.unwrap().contains("no group `nope`"));
        let mut down = snap();
        down.kafka.up = false;
        down.kafka.error = Some("Kafka did not answer in time".into());
        let m = measure(&parse("lag > 1").unwrap(), &down);
        assert_eq!(m.holds, None, "a broker down neither fires nor resolves");
    }

    #[test]
    fn stalled_groups_are_burrows_and_the_sampler_judges_them() {
        let m = measure(&parse("consumer stalled").unwrap(), &snap());
        assert_eq!(m.holds, Some(true));
        assert_eq!(m.subjects[0].subject, "group:b");
        let m = measure(&parse("consumer{group=a} stalled").unwrap(), &snap());
        assert_eq!(m.holds, Some(false));
    }

    #[test]
    fn freshness_of_the_table_each_topic_and_each_destination() {
        let mut s = snap();
        s.postgres.producer = Some(ProducerStat {
            last_id: 1,
            max_id: Some(1),
            lag_rows: 0,
            time_behind_ms: Some(0),
            rows_per_sec: None,
            updated_at: None,
            newest_row_age_ms: Some(5_000),
        });
        let topic = |name: &str, newest: Option<i64>| TopicStat {
            topic: name.into(),
            partitions: Vec::new(),
            high_total: 1,
            messages: 1,
            records_per_sec: None,
            newest_ms: newest,
            newest_at_most: false,
        };
        s.kafka.topics = vec![
            topic("orders", Some(40_000)),
            topic("orders.dlq", Some(0)),
            topic("fresh", Some(99_000)),
        ];
        let m = measure(&parse("freshness > 30s").unwrap(), &s);
        assert_eq!(m.holds, Some(true));
        assert_eq!(m.value, Some(60_000.0));
        let names: Vec<&str> = m.subjects.iter().map(|x| x.subject.as_str()).collect();
        assert_eq!(names, ["topic:orders"], "dead letters are not a stage");
        let m = measure(&parse("freshness{table=livedb} > 30s").unwrap(), &s);
        assert_eq!((m.holds, m.value), (Some(false), Some(5_000.0)));
        let m = measure(&parse("freshness{topic=fresh} > 30s").unwrap(), &s);
        assert_eq!((m.holds, m.value), (Some(false), Some(1_000.0)));
    }

    #[test]
    fn slots_and_dead_letters() {
        let mut s = snap();
        s.postgres.slots = vec![SlotStat {
            slot: "cdc".into(),
            plugin: None,
            active: true,
            lag_bytes: Some(2 << 30),
            retained_bytes: None,
            wal_status: None,
        }];
        let m = measure(&parse("slot_lag > 1GiB").unwrap(), &s);
        assert_eq!(m.holds, Some(true));
        let m = measure(&parse("dead_letters > 0").unwrap(), &s);
        assert_eq!((m.holds, m.value), (Some(false), Some(0.0)));
        s.kafka.dead_letters = vec![DeadLetterStat {
            topic: "t.dlq".into(),
            messages: 3,
            total: 3,
        }];
        let m = measure(&parse("dead_letters > 0").unwrap(), &s);
        assert_eq!((m.holds, m.value), (Some(true), Some(3.0)));
        assert_eq!(m.subjects[0].subject, "topic:t.dlq");
    }
}
