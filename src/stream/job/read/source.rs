//! The `source` section: the topic, event time, watermark delay and lateness, where to
//! start, the envelope, and the declared field types.

use std::collections::BTreeMap;

use marked_yaml::Node;

use super::read_duration;
use crate::stream::decimal::DecimalType;
use crate::stream::expr::FieldPath;
use crate::stream::job::{
    Envelope, FieldType, Source, StartFrom, TimeFormat, TimeSource, RECORD_TIMESTAMP,
};
use crate::stream::yaml::{loc, scalar, Loc, Map, Problems};

const SOURCE_KEYS: [&str; 9] = [
    "topic",
    "time",
    "time_format",
    "watermark_delay",
    "allowed_lateness",
    "max_future",
    "from",
    "envelope",
    "fields",
];

pub(super) fn read_source(n: &Node, problems: &mut Problems) -> Option<Source> {
    let m = Map::new(n, "source", &SOURCE_KEYS, problems)?;
    let topic = m.require("topic", "source", problems).and_then(|t| {
        let s = scalar(t, "source.topic", problems)?;
        let ok = !s.is_empty()
            && s.len() <= 249
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !ok {
            problems.push(
                loc(t),
                format!("source.topic `{s}` is not a Kafka topic name"),
                Some("topic names use letters, digits, `.`, `_` and `-`".into()),
            );
            return None;
        }
        Some(s.to_string())
    });
    let time_format = match m.get("time_format") {
        None => Some(TimeFormat::Iso8601),
        Some(t) => match scalar(t, "source.time_format", problems)? {
            "iso8601" => Some(TimeFormat::Iso8601),
            "epoch_millis" => Some(TimeFormat::EpochMillis),
            other => {
                problems.push(
                    loc(t),
                    format!("source.time_format `{other}` is not known"),
                    Some("use iso8601 (2026-11-22T04:21:40.421854Z) or epoch_millis".into()),
                );
                None
            }
        },
    };
    let time = match m.get("time") {
        None => Some(TimeSource::RecordTimestamp),
        Some(t) => {
            let s = scalar(t, "source.time", problems)?;
            if s == RECORD_TIMESTAMP {
                Some(TimeSource::RecordTimestamp)
            } else {
                match FieldPath::parse(s) {
                    Ok(path) => Some(TimeSource::Field {
                        path,
                        format: time_format.unwrap_or(TimeFormat::Iso8601),
                    }),
                    Err(e) => {
                        problems.push(
                            loc(t),
                            format!("source.time: {e}"),
                            Some(format!("name a field such as meta.created_at, or {RECORD_TIMESTAMP} for the Kafka record's timestamp")),
                        );
                        None
                    }
                }
            }
        }
    };
    if time == Some(TimeSource::RecordTimestamp) && m.get("time_format").is_some() {
        problems.push(
            m.key_loc("time_format"),
            "source.time_format applies to a time field, and source.time is the record timestamp",
            Some("name the field with source.time, or remove time_format".into()),
        );
    }
    let watermark_delay_ms = match m.get("watermark_delay") {
        None => Some(0),
        Some(d) => read_duration(d, "source.watermark_delay", true, problems),
    };
    let allowed_lateness_ms = match m.get("allowed_lateness") {
        None => Some(0),
        Some(d) => read_duration(d, "source.allowed_lateness", true, problems),
    };
    let max_future_ms = match m.get("max_future") {
        None => Some(Some(crate::stream::job::DEFAULT_MAX_FUTURE_MS)),
        Some(Node::Scalar(s)) if s.as_str() == "none" => Some(None),
        Some(d) => read_duration(d, "source.max_future", false, problems).map(Some),
    };
    let from = match m.get("from") {
        None => Some(StartFrom::Earliest),
        Some(f) => match scalar(f, "source.from", problems)? {
            "earliest" => Some(StartFrom::Earliest),
            "latest" => Some(StartFrom::Latest),
            other => {
                problems.push(
                    loc(f),
                    format!("source.from `{other}` is not known"),
                    Some(
                        "use earliest (the topic's history first) or latest (only new events)"
                            .into(),
                    ),
                );
                None
            }
        },
    };
    let envelope = match m.get("envelope") {
        None => Some(Envelope::Plain),
        Some(e) => match scalar(e, "source.envelope", problems)? {
            "plain" | "none" => Some(Envelope::Plain),
            "debezium" => Some(Envelope::Debezium),
            other => {
                problems.push(
                    loc(e),
                    format!("source.envelope `{other}` is not known"),
                    Some("use plain (the JSON value as it is) or debezium (change events: fields of `after`, plus __op)".into()),
                );
                None
            }
        },
    };
    let fields = match m.get("fields") {
        None => Some(BTreeMap::new()),
        Some(f) => read_fields(f, problems),
    };
    Some(Source {
        topic: topic?,
        time: time?,
        watermark_delay_ms: watermark_delay_ms?,
        allowed_lateness_ms: allowed_lateness_ms?,
        max_future_ms: max_future_ms?,
        from: from?,
        envelope: envelope?,
        fields: fields?,
    })
}

fn read_fields(n: &Node, problems: &mut Problems) -> Option<BTreeMap<FieldPath, FieldType>> {
    let Node::Mapping(m) = n else {
        problems.push(
            loc(n),
            "source.fields must be a mapping of field paths to types",
            Some("e.g. fields: {payload.amount: decimal(10, 2)}".into()),
        );
        return None;
    };
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (k, v) in m.iter() {
        let path = match FieldPath::parse(k.as_str()) {
            Ok(p) => p,
            Err(e) => {
                problems.push(Loc::of(k.span()), format!("source.fields: {e}"), None);
                ok = false;
                continue;
            }
        };
        let Some(t) = scalar(v, "a field type", problems) else {
            ok = false;
            continue;
        };
        let ty = if t.eq_ignore_ascii_case("string") {
            FieldType::String
        } else {
            match DecimalType::parse(t) {
                Ok(d) => FieldType::Decimal(d),
                Err(e) => {
                    let fix = if t.contains('(') && !t.contains(')') {
                        "inside {...} a comma ends the value: quote it, 'decimal(10, 2)', or write the fields one per line"
                    } else {
                        "types are decimal(P, S) with P up to 28, or string"
                    };
                    problems.push(
                        loc(v),
                        format!("source.fields.{}: {e}", path.dotted()),
                        Some(fix.into()),
                    );
                    ok = false;
                    continue;
                }
            }
        };
        out.insert(path, ty);
    }
    ok.then_some(out)
}
