//! The `sinks` section: PostgreSQL, Kafka and Redis sinks, each listed once.

use std::collections::BTreeSet;

use marked_yaml::Node;

use super::read_duration;
use crate::stream::expr;
use crate::stream::job::{SinkSpec, DEFAULT_REDIS_PREFIX};
use crate::stream::yaml::{self, loc, scalar, Loc, Map, Problems};

pub(super) fn read_sinks(n: &Node, problems: &mut Problems) -> Option<Vec<SinkSpec>> {
    let Node::Sequence(seq) = n else {
        problems.push(
            loc(n),
            "sinks must be a list",
            Some("e.g. sinks: [{postgres: {table: t}}, {kafka: {topic: t}}]".into()),
        );
        return None;
    };
    if seq.is_empty() {
        problems.push(
            loc(n),
            "sinks is empty",
            Some("add postgres, kafka or redis".into()),
        );
        return None;
    }
    let kinds = ["postgres", "kafka", "redis"];
    let mut out = Vec::new();
    let mut ok = true;
    for item in seq.iter() {
        let Some(m) = Map::new(item, "a sink", &kinds, problems) else {
            ok = false;
            continue;
        };
        if m.node.len() != 1 {
            problems.push(
                m.at,
                "each sink is one of postgres, kafka, redis",
                Some("write one per list item: - postgres: {table: t}".into()),
            );
            ok = false;
            continue;
        }
        let (k, v) = m.entries().next().expect("one entry");
        let sink = match k.as_str() {
            "postgres" => read_pg_sink(v, problems),
            "kafka" => read_kafka_sink(v, problems),
            "redis" => read_redis_sink(v, problems),
            _ => None,
        };
        match sink {
            Some(s) => out.push((s, Loc::of(k.span()))),
            None => ok = false,
        }
    }
    let mut seen = BTreeSet::new();
    for (s, at) in &out {
        if !seen.insert(s.label()) {
            problems.push(*at, format!("the sink {} is listed twice", s.label()), None);
            ok = false;
        }
    }
    ok.then(|| out.into_iter().map(|(s, _)| s).collect())
}

fn read_pg_sink(n: &Node, problems: &mut Problems) -> Option<SinkSpec> {
    let m = Map::new(n, "the postgres sink", &["table"], problems)?;
    let t = m.require("table", "the postgres sink", problems)?;
    let table = scalar(t, "postgres.table", problems)?;
    let ok =
        !table.is_empty() && table.split('.').count() <= 2 && table.split('.').all(expr::is_name);
    if !ok {
        problems.push(
            loc(t),
            format!("postgres.table `{table}` is not a table name"),
            Some("write name or schema.name with letters, digits and `_`".into()),
        );
        return None;
    }
    Some(SinkSpec::Postgres {
        table: table.to_string(),
    })
}

fn read_kafka_sink(n: &Node, problems: &mut Problems) -> Option<SinkSpec> {
    let m = Map::new(n, "the kafka sink", &["topic"], problems)?;
    let t = m.require("topic", "the kafka sink", problems)?;
    let topic = scalar(t, "kafka.topic", problems)?;
    let ok = !topic.is_empty()
        && topic
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        problems.push(
            loc(t),
            format!("kafka.topic `{topic}` is not a Kafka topic name"),
            Some("topic names use letters, digits, `.`, `_` and `-`".into()),
        );
        return None;
    }
    Some(SinkSpec::Kafka {
        topic: topic.to_string(),
    })
}

fn read_redis_sink(n: &Node, problems: &mut Problems) -> Option<SinkSpec> {
    // `- redis: {}` and `- redis:` both mean the defaults.
    if yaml::is_null(n) {
        return Some(SinkSpec::Redis {
            prefix: DEFAULT_REDIS_PREFIX.into(),
            ttl_ms: None,
        });
    }
    let m = Map::new(n, "the redis sink", &["prefix", "ttl"], problems)?;
    let prefix = match m.get("prefix") {
        None => Some(DEFAULT_REDIS_PREFIX.to_string()),
        Some(p) => {
            let s = scalar(p, "redis.prefix", problems)?;
            if s.is_empty() || s.chars().any(|c| c.is_whitespace()) {
                problems.push(
                    loc(p),
                    "redis.prefix must be non-empty, without spaces",
                    None,
                );
                None
            } else {
                Some(s.to_string())
            }
        }
    };
    let ttl_ms = match m.get("ttl") {
        None => Some(None),
        Some(t) => read_duration(t, "redis.ttl", false, problems).map(Some),
    };
    Some(SinkSpec::Redis {
        prefix: prefix?,
        ttl_ms: ttl_ms?,
    })
}
