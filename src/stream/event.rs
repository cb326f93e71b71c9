//! From a record's JSON value to what the window engine needs: the event time, the group,
//! one input per aggregate, after the `where` filter. Values are read as Flink reads the
//! source table `stream plan` declares (every field a STRING, numbers through
//! `TRY_CAST(... AS DECIMAL(p, s))`), so both compute the same results.

use std::borrow::Cow;
use std::cell::Cell;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::stream::decimal::DecimalType;
use crate::stream::expr::{Expr, FieldPath};
use crate::stream::job::{AggFunc, Envelope, Job, TimeFormat, TimeSource};
use crate::stream::wanted::{Parsed, Slot, Wanted};

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
    path: Option<Place>,
    /// Its field's place in `numbers`, for the aggregates that read a number.
    number: Option<usize>,
}

/// Built once per job; `extract` runs per event.
pub struct Extractor {
    envelope: Envelope,
    time: TimeSource,
    /// The time field's place, when the time is a field.
    time_place: Option<Place>,
    filter: Option<Expr>,
    /// Every field the filter reads.
    filter_places: Vec<Place>,
    groups: Vec<Place>,
    aggs: Vec<AggInput>,
    /// The fields read as numbers (by the filter or an aggregate), each once, with the
    /// decimal type it is read as: an event's field is cast once however often it is used.
    numbers: Vec<(Place, DecimalType)>,
    /// The members of an event that the above read: only they are built from its text.
    wanted: Wanted,
}

/// Numbers of an event kept once cast; fields past this many are cast at each use.
const CAST_ONCE: usize = 8;

impl Extractor {
    pub fn new(job: &Job) -> Extractor {
        let wanted = wanted(job);
        let place = |p: &FieldPath| Place::new(p, &wanted, job.source.envelope);
        let filter = job.filter.as_ref().map(|f| f.expr.clone());
        let mut numbers: Vec<(Place, DecimalType)> = Vec::new();
        let mut number_of = |p: &FieldPath| match numbers.iter().position(|(q, _)| q.path == *p) {
            Some(i) => i,
            None => {
                numbers.push((place(p), job.decimal_type(p)));
                numbers.len() - 1
            }
        };
        if let Some(e) = &filter {
            for p in e.numeric_fields() {
                number_of(p);
            }
        }
        let aggs = job
            .aggregates
            .iter()
            .map(|a| AggInput {
                func: a.func,
                path: a.field.as_ref().map(place),
                number: match (a.func, &a.field) {
                    (AggFunc::Count | AggFunc::CountDistinct, _) | (_, None) => None,
                    (_, Some(p)) => Some(number_of(p)),
                },
            })
            .collect();
        Extractor {
            envelope: job.source.envelope,
            time: job.source.time.clone(),
            time_place: match &job.source.time {
                TimeSource::Field { path, .. } => Some(place(path)),
                TimeSource::RecordTimestamp => None,
            },
            filter_places: filter
                .as_ref()
                .map(|f| f.fields().into_iter().map(place).collect())
                .unwrap_or_default(),
            filter,
            groups: job.group_by.iter().map(|g| place(&g.path)).collect(),
            aggs,
            numbers,
            wanted,
        }
    }

    /// Parse a record's value and extract; `record_ts_ms` is the Kafka record's timestamp.
    pub fn extract_bytes(
        &self,
        value: Option<&[u8]>,
        record_ts_ms: Option<i64>,
    ) -> Result<Extracted, Skip> {
        let parsed = value
            .and_then(|b| self.wanted.parse(b))
            .ok_or(Skip::NotJson)?;
        self.extract_from(Field::Parsed(&parsed, Parsed::ROOT), record_ts_ms)
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
        let time_ms = match (&self.time, &self.time_place) {
            (TimeSource::Field { format, .. }, Some(place)) => {
                time_of(row.get(place).ok_or(Skip::NoTime)?, *format).ok_or(Skip::NoTime)?
            }
            _ => record_ts_ms.ok_or(Skip::NoTime)?,
        };
        let cast: [Cell<Option<Option<Decimal>>>; CAST_ONCE] = Default::default();
        let number_at = |i: usize| -> Option<Decimal> {
            let (p, ty) = &self.numbers[i];
            let read = || row.get(p).and_then(as_text).and_then(|t| ty.cast(&t));
            match cast.get(i) {
                Some(kept) => kept.get().unwrap_or_else(|| {
                    let v = read();
                    kept.set(Some(v));
                    v
                }),
                None => read(),
            }
        };
        if let Some(f) = &self.filter {
            let text = |p: &FieldPath| -> Option<Cow<'v, str>> {
                match self.filter_places.iter().find(|q| q.path == *p) {
                    Some(place) => row.get(place),
                    None => row.get_path(p),
                }
                .and_then(as_text)
            };
            let number = |p: &FieldPath| match self.numbers.iter().position(|(q, _)| q.path == *p) {
                Some(i) => number_at(i),
                None => text(p).and_then(|t| crate::stream::decimal::DEFAULT_TYPE.cast(&t)),
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
            .map(|a| match (a.func, &a.path, a.number) {
                (AggFunc::CountDistinct, Some(p), _) => {
                    Input::Text(row.get(p).and_then(as_text).map(Cow::into_owned))
                }
                (_, _, Some(i)) => Input::Number(number_at(i)),
                _ => Input::Count,
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
    let mut paths: Vec<Vec<String>> = Vec::new();
    for p in job.referenced_fields() {
        match job.source.envelope {
            Envelope::Plain => paths.push(p.0.clone()),
            Envelope::Debezium => {
                for side in ["after", "before"] {
                    paths.push([&[side.to_string()], p.0.as_slice()].concat());
                }
            }
        }
    }
    if job.source.envelope == Envelope::Debezium {
        paths.push(vec!["op".to_string()]);
        paths.push(vec!["ts_ms".to_string()]);
    }
    Wanted::new(paths.iter().map(Vec::as_slice))
}

/// A place in an event: in its whole `Value`, or a slot of the wanted members read from
/// its text.
#[derive(Clone, Copy)]
enum Field<'a> {
    Value(&'a Value),
    Parsed(&'a Parsed<'a>, usize),
}

/// The value a path ends at: a string read from the text, or a value.
#[derive(Clone, Copy)]
enum Leaf<'a> {
    Str(&'a str),
    Value(&'a Value),
}

impl<'a> Field<'a> {
    fn member(self, name: &str) -> Option<Field<'a>> {
        match self {
            Field::Value(v) => v.as_object()?.get(name).map(Field::Value),
            Field::Parsed(p, id) => match p.slot(id) {
                Slot::Value(v) => Field::Value(v).member(name),
                _ => p.member(id, name).map(|c| Field::Parsed(p, c)),
            },
        }
    }

    /// Member `name` of this object, whose slot (if the event was read by slots) is `id`.
    fn step(self, id: usize, name: &str) -> Option<Field<'a>> {
        match self {
            Field::Parsed(p, at) => match p.slot(at) {
                Slot::Value(v) => Field::Value(v).member(name),
                Slot::Object => {
                    (!matches!(p.slot(id), Slot::Missing)).then_some(Field::Parsed(p, id))
                }
                _ => None,
            },
            value => value.member(name),
        }
    }

    fn is_null(self) -> bool {
        match self {
            Field::Value(v) => v.is_null(),
            Field::Parsed(p, id) => matches!(p.slot(id), Slot::Null | Slot::Value(Value::Null)),
        }
    }

    /// The value a path ends at (never null).
    fn value(self) -> Option<Leaf<'a>> {
        match self {
            Field::Value(v) => (!v.is_null()).then_some(Leaf::Value(v)),
            Field::Parsed(p, id) => match p.slot(id) {
                Slot::Str(s) => Some(Leaf::Str(s)),
                Slot::Value(v) => (!v.is_null()).then_some(Leaf::Value(v)),
                _ => None,
            },
        }
    }
}

/// A field a job reads, with the slots its steps have among the wanted members: from the
/// document, or in a Debezium envelope from `after` (`[0]`) and from `before` (`[1]`).
/// Found once per job, so no member name is looked up per event.
struct Place {
    path: FieldPath,
    slots: [Option<Vec<usize>>; 2],
}

impl Place {
    fn new(path: &FieldPath, wanted: &Wanted, envelope: Envelope) -> Place {
        let under = |side: &[String]| wanted.slots_of(side, &path.0);
        let slots = match envelope {
            Envelope::Plain => [under(&[]), None],
            Envelope::Debezium => [under(&["after".into()]), under(&["before".into()])],
        };
        Place {
            path: path.clone(),
            slots,
        }
    }
}

/// The fields of an event: the value itself, or a Debezium envelope's row.
struct Row<'a> {
    row: Option<Field<'a>>,
    /// Which of a [`Place`]'s slots the row's fields are in.
    side: usize,
    envelope: Option<Field<'a>>,
}

impl<'a> Row<'a> {
    fn new(value: Field<'a>, envelope: Envelope) -> Row<'a> {
        match envelope {
            Envelope::Plain => Row {
                row: Some(value),
                side: 0,
                envelope: None,
            },
            Envelope::Debezium => {
                let side = |name| value.member(name).filter(|v| !v.is_null());
                let (row, side) = match side("after") {
                    Some(after) => (Some(after), 0),
                    None => (side("before"), 1),
                };
                Row {
                    row,
                    side,
                    envelope: Some(value),
                }
            }
        }
    }

    fn get(&self, place: &Place) -> Option<Leaf<'a>> {
        let (Some(Field::Parsed(..)), Some(slots)) = (self.row, &place.slots[self.side]) else {
            return self.get_path(&place.path);
        };
        if let Some(leaf) = self.envelope_field(&place.path) {
            return leaf;
        }
        let mut cur = self.row?;
        for (id, step) in slots.iter().zip(&place.path.0) {
            cur = cur.step(*id, step)?;
        }
        cur.value()
    }

    /// The same, looking each member up by name.
    fn get_path(&self, path: &FieldPath) -> Option<Leaf<'a>> {
        if let Some(leaf) = self.envelope_field(path) {
            return leaf;
        }
        let mut cur = self.row?;
        for step in &path.0 {
            cur = cur.member(step)?;
        }
        cur.value()
    }

    /// `__op` and `__ts_ms` of a Debezium envelope.
    fn envelope_field(&self, path: &FieldPath) -> Option<Option<Leaf<'a>>> {
        let (Some(env), [only]) = (self.envelope, path.0.as_slice()) else {
            return None;
        };
        let name = match only.as_str() {
            "__op" => "op",
            "__ts_ms" => "ts_ms",
            _ => return None,
        };
        Some(env.member(name).and_then(Field::value))
    }
}

/// A value as a STRING column holds it: strings bare, other values as JSON text.
fn as_text(leaf: Leaf<'_>) -> Option<Cow<'_, str>> {
    let v = match leaf {
        Leaf::Str(s) => return Some(Cow::Borrowed(s)),
        Leaf::Value(v) => v,
    };
    match v {
        Value::Null => None,
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        other => Some(Cow::Owned(other.to_string())),
    }
}

/// Milliseconds since 1970 (floored, as Flink casts to TIMESTAMP_LTZ(3)).
pub fn parse_time(v: &Value, format: TimeFormat) -> Option<i64> {
    time_of(Leaf::Value(v), format)
}

fn time_of(leaf: Leaf<'_>, format: TimeFormat) -> Option<i64> {
    let v = match (leaf, format) {
        (Leaf::Str(s), TimeFormat::EpochMillis) => return s.trim().parse().ok(),
        (Leaf::Str(s), TimeFormat::Iso8601) => return parse_iso8601(s),
        (Leaf::Value(v), _) => v,
    };
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
/// Read digit by digit, the date checked as chrono checks it (a unit test holds the two
/// equal); a fraction of up to 9 digits.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
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
    let (mut sec, mut millis) = (0, 0u32);
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
            // Floored to the millisecond: only the first three digits count.
            let first = num(start..start + digits.min(3))?;
            millis = first * 10u32.pow(3 - digits.min(3) as u32);
            i = j;
        }
    }
    if &b[i..] != b"Z"
        || !(1..=12).contains(&mo)
        || d == 0
        || d > crate::civil::days_in_month(i64::from(y), mo)
    {
        return None;
    }
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let days = crate::civil::days_from_civil(i64::from(y), mo, d);
    let secs = days * 86_400 + i64::from(h * 3600 + mi * 60 + sec);
    Some(secs * 1000 + i64::from(millis))
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

    /// The reading before the digit-by-digit one: the fields parsed as numbers, the date
    /// and time built by chrono.
    fn chrono_iso8601(s: &str) -> Option<i64> {
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
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi) = (num(11..13)?, num(14..16)?);
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
        Some(
            date.and_hms_nano_opt(h, mi, sec, nanos)?
                .and_utc()
                .timestamp_millis(),
        )
    }

    #[test]
    fn times_read_digit_by_digit_equal_chronos() {
        let mut seed = 7u64;
        let mut random = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut texts: Vec<String> = [
            "0000-01-01T00:00:00Z",
            "0000-02-29T00:00Z",
            "1900-02-29T00:00Z",
            "2000-02-29T12:00Z",
            "2100-02-29T00:00Z",
            "2024-02-29T23:59:59.999999999Z",
            "9999-12-31T23:59:59.999Z",
            "1969-12-31T23:59:59.9995Z",
            "2026-04-31T00:00Z",
            "2026-13-01T00:00Z",
            "2026-00-01T00:00Z",
            "2026-01-00T00:00Z",
            "2026-01-01T24:00Z",
            "2026-01-01T23:60Z",
            "2026-01-01T23:59:60Z",
            "2026-01-01T00:00:00.1234567890Z",
            "2026-01-01T00:00:0aZ",
            "2026-01-01T00:00Z ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..20_000 {
            texts.push(format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:0w$}Z",
                random(10_000),
                random(14),
                random(33),
                random(25),
                random(61),
                random(61),
                random(1_000_000_000) % 10u64.pow(random(9) as u32 + 1),
                w = 1 + random(9) as usize,
            ));
        }
        for t in &texts {
            assert_eq!(parse_iso8601(t), chrono_iso8601(t), "{t}");
        }
        let read = texts.iter().filter(|t| parse_iso8601(t).is_some()).count();
        assert!(read > 5_000, "only {read} of the texts are times");
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
