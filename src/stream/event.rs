//! From a record's JSON value to what the window engine needs: the event time, the group,
//! one input per aggregate, after the `where` filter. Values are read as Flink reads the
//! source table `stream plan` declares (every field a STRING, numbers through
//! `TRY_CAST(... AS DECIMAL(p, s))`), so both compute the same results.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::stream::decimal::DecimalType;
use crate::stream::expr::{Expr, FieldPath};
use crate::stream::job::{AggFunc, Envelope, Job, TimeFormat, TimeSource};
use crate::stream::wanted::{Node, Wanted};

/// The group an event belongs to: one text per group-by field (`None` for missing/null).
pub type GroupKey = Vec<Option<String>>;

/// An aggregate's input from one event.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// `count`: nothing to read.
    Count,
    /// A number (`None` when missing, null or not a number).
    Number(Option<Decimal>),
    /// Text for `count_distinct` (`None` when missing or null).
    Text(Option<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub time_ms: i64,
    pub group: GroupKey,
    pub inputs: Vec<Input>,
}

/// Why an event was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// The `where` filter is not true for it. Its time still moves the watermark, as
    /// Flink assigns watermarks at the source, before any filter.
    Filtered { time_ms: i64 },
    /// Not JSON, or a tombstone (no value).
    NotJson,
    /// No event time: the field is missing, null or not a time.
    NoTime,
}

struct AggInput {
    func: AggFunc,
    path: Option<FieldPath>,
    ty: DecimalType,
}

/// Built once per job; `extract` runs per event.
pub struct Extractor {
    envelope: Envelope,
    time: TimeSource,
    filter: Option<Expr>,
    groups: Vec<FieldPath>,
    aggs: Vec<AggInput>,
    /// Decimal types of fields compared as numbers in the filter.
    types: Vec<(FieldPath, DecimalType)>,
    /// The members of an event that the above read: only they are built from its text.
    wanted: Wanted,
}

impl Extractor {
    pub fn new(job: &Job) -> Extractor {
        let filter = job.filter.as_ref().map(|f| f.expr.clone());
        let types = filter
            .as_ref()
            .map(|e| {
                e.numeric_fields()
                    .into_iter()
                    .map(|p| (p.clone(), job.decimal_type(p)))
                    .collect()
            })
            .unwrap_or_default();
        Extractor {
            envelope: job.source.envelope,
            time: job.source.time.clone(),
            filter,
            groups: job.group_by.iter().map(|g| g.path.clone()).collect(),
            aggs: job
                .aggregates
                .iter()
                .map(|a| AggInput {
                    func: a.func,
                    path: a.field.clone(),
                    ty: a
                        .field
                        .as_ref()
                        .map(|f| job.decimal_type(f))
                        .unwrap_or(crate::stream::decimal::DEFAULT_TYPE),
                })
                .collect(),
            types,
            wanted: wanted(job),
        }
    }

    /// Parse a record's value and extract; `record_ts_ms` is the Kafka record's timestamp.
    pub fn extract_bytes(
        &self,
        value: Option<&[u8]>,
        record_ts_ms: Option<i64>,
    ) -> Result<Extracted, Skip> {
        let node = value
            .and_then(|b| self.wanted.parse(b))
            .ok_or(Skip::NotJson)?;
        self.extract_from(Field::Node(&node), record_ts_ms)
    }

    /// Extract from an event already parsed whole.
    pub fn extract(&self, value: &Value, record_ts_ms: Option<i64>) -> Result<Extracted, Skip> {
        self.extract_from(Field::Value(value), record_ts_ms)
    }

    fn extract_from<'v>(
        &self,
        value: Field<'v>,
        record_ts_ms: Option<i64>,
    ) -> Result<Extracted, Skip> {
        if value.is_null() {
            return Err(Skip::NotJson);
        }
        let row = Row::new(value, self.envelope);
        let time_ms = match &self.time {
            TimeSource::RecordTimestamp => record_ts_ms.ok_or(Skip::NoTime)?,
            TimeSource::Field { path, format } => {
                parse_time(row.get(path).ok_or(Skip::NoTime)?, *format).ok_or(Skip::NoTime)?
            }
        };
        if let Some(f) = &self.filter {
            let text = |p: &FieldPath| -> Option<Cow<'v, str>> { row.get(p).and_then(as_text) };
            let number = |p: &FieldPath| {
                let ty = self
                    .types
                    .iter()
                    .find(|(q, _)| q == p)
                    .map(|(_, t)| *t)
                    .unwrap_or(crate::stream::decimal::DEFAULT_TYPE);
                row.get(p).and_then(as_text).and_then(|t| ty.cast(&t))
            };
            if f.eval(&text, &number) != Some(true) {
                return Err(Skip::Filtered { time_ms });
            }
        }
        let group = self
            .groups
            .iter()
            .map(|p| row.get(p).and_then(as_text).map(Cow::into_owned))
            .collect();
        let inputs = self
            .aggs
            .iter()
            .map(|a| match (a.func, &a.path) {
                (AggFunc::Count, _) | (_, None) => Input::Count,
                (AggFunc::CountDistinct, Some(p)) => {
                    Input::Text(row.get(p).and_then(as_text).map(Cow::into_owned))
                }
                (_, Some(p)) => {
                    Input::Number(row.get(p).and_then(as_text).and_then(|t| a.ty.cast(&t)))
                }
            })
            .collect();
        Ok(Extracted {
            time_ms,
            group,
            inputs,
        })
    }
}

/// Every member `Extractor::extract` can read: the time field, the filter's fields, the
/// groups and the aggregates' fields; in a Debezium envelope, those of `after` and `before`,
/// and `op` and `ts_ms` (for `__op` and `__ts_ms`).
fn wanted(job: &Job) -> Wanted {
    let mut w = Wanted::default();
    for p in job.referenced_fields() {
        match job.source.envelope {
            Envelope::Plain => w.add(&p.0),
            Envelope::Debezium => {
                for side in ["after", "before"] {
                    w.add(&[&[side.to_string()], p.0.as_slice()].concat());
                }
            }
        }
    }
    if job.source.envelope == Envelope::Debezium {
        w.add(&["op".to_string()]);
        w.add(&["ts_ms".to_string()]);
    }
    w
}

/// A place in an event: in its whole `Value`, or in the wanted members read from its text.
#[derive(Clone, Copy)]
enum Field<'a> {
    Value(&'a Value),
    Node(&'a Node<'a>),
}

impl<'a> Field<'a> {
    fn member(self, name: &str) -> Option<Field<'a>> {
        match self {
            Field::Value(v) => v.as_object()?.get(name).map(Field::Value),
            Field::Node(Node::Whole(v)) => Field::Value(v).member(name),
            Field::Node(n) => n.member(name).map(Field::Node),
        }
    }

    fn is_null(self) -> bool {
        matches!(
            self,
            Field::Value(Value::Null) | Field::Node(Node::Null | Node::Whole(Value::Null))
        )
    }

    /// The value a path ends at (never null).
    fn value(self) -> Option<&'a Value> {
        match self {
            Field::Value(v) | Field::Node(Node::Whole(v)) => (!v.is_null()).then_some(v),
            Field::Node(_) => None,
        }
    }
}

/// The fields of an event: the value itself, or a Debezium envelope's row.
struct Row<'a> {
    row: Option<Field<'a>>,
    envelope: Option<Field<'a>>,
}

impl<'a> Row<'a> {
    fn new(value: Field<'a>, envelope: Envelope) -> Row<'a> {
        match envelope {
            Envelope::Plain => Row {
                row: Some(value),
                envelope: None,
            },
            Envelope::Debezium => {
                let side = |name| value.member(name).filter(|v| !v.is_null());
                Row {
                    row: side("after").or_else(|| side("before")),
                    envelope: Some(value),
                }
            }
        }
    }

    fn get(&self, path: &FieldPath) -> Option<&'a Value> {
        if let (Some(env), [only]) = (self.envelope, path.0.as_slice()) {
            match only.as_str() {
                "__op" => return env.member("op")?.value(),
                "__ts_ms" => return env.member("ts_ms")?.value(),
                _ => {}
            }
        }
        let mut cur = self.row?;
        for step in &path.0 {
            cur = cur.member(step)?;
        }
        cur.value()
    }
}

/// A value as a STRING column holds it: strings bare, other values as JSON text.
pub fn as_text(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        other => Some(Cow::Owned(other.to_string())),
    }
}

/// Milliseconds since 1970 (floored, as Flink casts to TIMESTAMP_LTZ(3)).
pub fn parse_time(v: &Value, format: TimeFormat) -> Option<i64> {
    match format {
        TimeFormat::EpochMillis => match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        },
        TimeFormat::Iso8601 => parse_iso8601(v.as_str()?),
    }
}

/// `YYYY-MM-DDTHH:MM[:SS[.fraction]]Z`, the form Flink's ISO-8601 JSON timestamps take.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 17 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let (y, mo, d, h, mi) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
    );
    let mut i = 16;
    let (mut sec, mut nanos) = (0, 0u32);
    if b.get(i) == Some(&b':') {
        sec = num(i + 1..i + 3)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            let mut j = start;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let digits = j - start;
            if digits == 0 || digits > 9 {
                return None;
            }
            nanos = num(start..j)? * 10u32.pow(9 - digits as u32);
            i = j;
        }
    }
    if &b[i..] != b"Z" {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y as i32, mo, d)?;
    let t = date.and_hms_nano_opt(h, mi, sec, nanos)?;
    let utc = t.and_utc();
    Some(utc.timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::job;
    use serde_json::json;

    fn job(extra: &str) -> Job {
        job::parse(
            &format!(
                "name: j\nsource: {{topic: t, time: meta.created_at{extra}}}\nwhere: payload.amount > 0\n\
                 group_by: [payload.region]\nwindow: {{tumble: 1m}}\n\
                 aggregates: {{n: count, s: sum(payload.amount), d: count_distinct(payload.org)}}\n\
                 sinks: [{{kafka: {{topic: out}}}}]\n"
            ),
            "j",
        )
        .unwrap()
    }

    #[test]
    fn seed_events_are_read_like_flink() {
        let x = Extractor::new(&job(""));
        let ev = json!({"id":42,"payload":{"org":"Acme","amount":"1250.005","region":"us-east"},"meta":{"source":"kafka-producer","created_at":"2026-11-22T04:21:40.421854Z"}});
        let e = x.extract(&ev, None).unwrap();
        assert_eq!(e.time_ms, 1_795_321_300_421);
        assert_eq!(e.group, vec![Some("us-east".to_string())]);
        assert_eq!(e.inputs[0], Input::Count);
        assert_eq!(e.inputs[1], Input::Number(Some("1250.01".parse().unwrap())));
        assert_eq!(e.inputs[2], Input::Text(Some("Acme".into())));
        let neg = json!({"payload":{"amount":"-1","region":"x"},"meta":{"created_at":"2026-11-22T04:21:40Z"}});
        assert_eq!(
            x.extract(&neg, None),
            Err(Skip::Filtered {
                time_ms: 1_795_321_300_000
            })
        );
        let no_time = json!({"payload":{"amount":"1"},"meta":{"created_at":null}});
        assert_eq!(x.extract(&no_time, None), Err(Skip::NoTime));
        assert_eq!(x.extract_bytes(Some(b"not json"), None), Err(Skip::NotJson));
        assert_eq!(x.extract_bytes(None, None), Err(Skip::NotJson));
        // Numbers and missing groups, as a STRING column reads them.
        let odd =
            json!({"payload":{"amount":7,"org":12},"meta":{"created_at":"2026-11-22T04:21Z"}});
        let e = x.extract(&odd, None).unwrap();
        assert_eq!(e.group, vec![None]);
        assert_eq!(e.inputs[1], Input::Number(Some("7.00".parse().unwrap())));
        assert_eq!(e.inputs[2], Input::Text(Some("12".into())));
    }

    #[test]
    fn debezium_envelopes_are_unwrapped() {
        let j = job::parse(
            "name: j\nsource: {topic: t, time: __ts_ms, time_format: epoch_millis, envelope: debezium}\n\
             where: __op != 'd'\ngroup_by: [region]\nwindow: {tumble: 1m}\naggregates: {n: count}\n\
             sinks: [{kafka: {topic: o}}]\n",
            "j",
        )
        .unwrap();
        let x = Extractor::new(&j);
        let c =
            json!({"before":null,"after":{"id":1,"region":"eu"},"source":{},"op":"c","ts_ms":1000});
        let e = x.extract(&c, None).unwrap();
        assert_eq!(
            (e.time_ms, e.group.clone()),
            (1000, vec![Some("eu".to_string())])
        );
        let d =
            json!({"before":{"id":1,"region":"eu"},"after":null,"source":{},"op":"d","ts_ms":2000});
        assert_eq!(x.extract(&d, None), Err(Skip::Filtered { time_ms: 2000 }));
    }

    #[test]
    fn reading_only_the_wanted_members_extracts_what_the_whole_value_does() {
        let debezium = job::parse(
            "name: j\nsource: {topic: t, time: __ts_ms, time_format: epoch_millis, envelope: debezium}\n\
             where: __op != 'd' and amount > 1\ngroup_by: [region, tag]\nwindow: {tumble: 1m}\n\
             aggregates: {n: count, s: sum(amount), d: count_distinct(meta.k)}\nsinks: [{kafka: {topic: o}}]\n",
            "j",
        )
        .unwrap();
        let docs = [
            r#"{"id":42,"payload":{"org":"Acme","amount":"1250.005","region":"us-east"},"meta":{"source":"s","created_at":"2026-11-22T04:21:40.421854Z"}}"#,
            r#" {"payload":{"amount":7,"org":{"n":[1,2.50]},"region":null},"meta":{"created_at":"2026-11-22T04:21Z"}} "#,
            r#"{"payload":{"amount":"1","region":"a"},"payload":{"amount":"-2","region":"b"},"meta":{"created_at":"2026-11-22T04:21Z"}}"#,
            r#"{"\u0070ayload":{"amount":"3","region":"\u00e9"},"meta":{"created_at":"2026-11-22T04:21Z","x":"\""}}"#,
            r#"{"payload":5,"meta":{"created_at":"2026-11-22T04:21Z"}}"#,
            r#"{"payload":{"amount":"2"},"meta":[1]}"#,
            r#"{"before":null,"after":{"id":1,"region":"eu","amount":5,"meta":{"k":"v","z":1}},"op":"c","ts_ms":1000}"#,
            r#"{"before":{"region":"eu","amount":"9"},"after":null,"op":"d","ts_ms":2000}"#,
            r#"{"before":{"region":"eu","amount":"9"},"after":7,"op":"u","ts_ms":"3000"}"#,
            r#"{"after":{"amount":2},"op":null,"ts_ms":1e3}"#,
            "[1,2]",
            "null",
            "5",
            "{}",
            r#"{"payload":{"amount":"1"}} trailing"#,
            r#"{"payload":{"amount":NaN}}"#,
            r#"{"payload":{"amount":"1"},"x":"\ud800"}"#,
            r#"{"payload":{"amount":"1"},"x":"\udc00\ud800"}"#,
            r#"{"payload":{"amount":"1"},"x":"\x"}"#,
            "{\"payload\":{\"amount\":\"1\"},\"x\":\"a\u{1}b\"}",
            "{\"payload\":{\"amount\":\"1\"},\"x\":\"a\tb\"}",
            r#"{"payload":{"amount":"1"},"x":1e400}"#,
            r#"{"payload":{"amount":"1"},"x":-}"#,
            r#"{"payload":{"amount":"1"},"x":01}"#,
        ];
        for x in [Extractor::new(&job("")), Extractor::new(&debezium)] {
            for d in docs {
                let whole = serde_json::from_str::<Value>(d)
                    .map_or(Err(Skip::NotJson), |v| x.extract(&v, Some(5)));
                assert_eq!(x.extract_bytes(Some(d.as_bytes()), Some(5)), whole, "{d}");
            }
        }
    }

    #[test]
    fn record_timestamps_and_time_formats() {
        let j = job::parse(
            "name: j\nsource: {topic: t}\ngroup_by: [k]\nwindow: {tumble: 1m}\naggregates: {n: count}\nsinks: [{kafka: {topic: o}}]\n",
            "j",
        )
        .unwrap();
        let x = Extractor::new(&j);
        assert_eq!(x.extract(&json!({"k": 1}), Some(77)).unwrap().time_ms, 77);
        assert_eq!(x.extract(&json!({"k": 1}), None), Err(Skip::NoTime));
        assert_eq!(parse_iso8601("1970-01-01T00:00:01.5Z"), Some(1500));
        assert_eq!(parse_iso8601("1970-01-01T00:00:00.0009Z"), Some(0));
        assert_eq!(parse_iso8601("1970-01-01T00:01Z"), Some(60_000));
        assert_eq!(parse_iso8601("1969-12-31T23:59:59.9995Z"), Some(-1));
        assert_eq!(parse_iso8601("2026-11-22T04:21:40+01:00"), None);
        assert_eq!(parse_iso8601("2026-11-22 04:21:40Z"), None);
        assert_eq!(parse_iso8601("2026-02-30T04:21:40Z"), None);
        assert_eq!(parse_iso8601("2026-11-22T04:21:40.Z"), None);
        assert_eq!(
            parse_time(&json!(1234), TimeFormat::EpochMillis),
            Some(1234)
        );
        assert_eq!(
            parse_time(&json!("1234"), TimeFormat::EpochMillis),
            Some(1234)
        );
        assert_eq!(parse_time(&json!(1.5), TimeFormat::EpochMillis), None);
    }
}
