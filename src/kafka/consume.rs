//! Reading topics: where to start and stop (the kcat/rpk offset grammar), a consumer that
//! reads by assignment or as a group member and commits only what the caller handled, and
//! records rendered as JSON with Debezium change events recognised.
//!
//! Reusable by any command that consumes: parse an [`OffsetSpec`], open a [`Tailer`],
//! call [`Tailer::next`] until it says `Done`, [`Tailer::mark_handled`] each record you
//! have finished with, and [`Tailer::close`] to commit.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine as _;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext};
use rdkafka::error::KafkaError;
use rdkafka::message::{Headers, Message};
use rdkafka::types::RDKafkaRespErr;
use rdkafka::{ClientContext, Offset, TopicPartitionList};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::kafka::admin::{explain, kafka_error};
use crate::kafka::{client_config, unreachable};
use crate::settings::KafkaSettings;

// ---------------------------------------------------------------------------------------
// Offset grammar
// ---------------------------------------------------------------------------------------

/// One end of an offset range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The oldest offset still kept (`start`, `beginning`, `oldest`).
    Start,
    /// The next offset to be written (`end`, `newest`).
    End,
    /// An absolute offset `N`.
    Offset(i64),
    /// `-N`: N before the end of each partition.
    FromEnd(i64),
    /// `+N`: N after the start of each partition.
    FromStart(i64),
    /// `@T`: the first record at or after T (milliseconds since the epoch).
    Time(i64),
}

/// `--from`: where to start, and optionally where to stop (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetSpec {
    pub from: Position,
    pub until: Option<Position>,
}

/// Parse `start|end|N|-N|+N|@TIME` or a range `A:B` (`:B` starts at `start`, `A:` has no
/// end). TIME is milliseconds since the epoch, RFC 3339 (`2024-05-01T10:00:00Z`), a date
/// (`2024-05-01`, UTC), or a duration back from `now_ms` (`-10m`, `-2h 30m`).
pub fn parse_offset_spec(s: &str, now_ms: i64) -> std::result::Result<OffsetSpec, String> {
    let s = s.trim();
    if let Ok(p) = parse_position(s, now_ms) {
        return Ok(OffsetSpec {
            from: p,
            until: None,
        });
    }
    // Timestamps contain ':' themselves: take the split where both sides parse.
    let mut first_err = None;
    for (i, _) in s.match_indices(':') {
        let (a, b) = (&s[..i], &s[i + 1..]);
        let from = if a.is_empty() {
            Ok(Position::Start)
        } else {
            parse_position(a, now_ms)
        };
        let until = if b.is_empty() {
            Ok(None)
        } else {
            parse_position(b, now_ms).map(Some)
        };
        match (from, until) {
            (Ok(from), Ok(until)) => return Ok(OffsetSpec { from, until }),
            (Err(e), _) | (_, Err(e)) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or_else(|| format!("`{s}` is not an offset")))
}

fn parse_position(s: &str, now_ms: i64) -> std::result::Result<Position, String> {
    match s {
        "start" | "beginning" | "oldest" | "earliest" => return Ok(Position::Start),
        "end" | "newest" | "latest" => return Ok(Position::End),
        _ => {}
    }
    if let Some(t) = s.strip_prefix('@') {
        return parse_time(t, now_ms).map(Position::Time);
    }
    let count = |digits: &str| {
        digits
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| format!("`{s}` is not an offset"))
    };
    if let Some(n) = s.strip_prefix('-') {
        return count(n).map(Position::FromEnd);
    }
    if let Some(n) = s.strip_prefix('+') {
        return count(n).map(Position::FromStart);
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return count(s).map(Position::Offset);
    }
    Err(format!("`{s}` is not an offset"))
}

/// A point in time in milliseconds since the epoch.
pub fn parse_time(t: &str, now_ms: i64) -> std::result::Result<i64, String> {
    let t = t.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse::<i64>()
            .map_err(|_| format!("`{t}` is out of range"));
    }
    if let Some(ago) = t.strip_prefix('-') {
        let d = humantime::parse_duration(ago.trim()).map_err(|e| format!("`{t}`: {e}"))?;
        return Ok(now_ms - d.as_millis() as i64);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(dt.timestamp_millis());
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .timestamp_millis());
    }
    Err(format!(
        "`@{t}` is not a time: use milliseconds since the epoch, RFC 3339 (2024-05-01T10:00:00Z), a date, or a duration back from now (-10m)"
    ))
}

/// An offset on a partition with watermarks `low..high`; `by_time` is the broker's answer
/// to ListOffsets for a `Time` position (None: no record that late yet).
pub fn resolve(pos: Position, low: i64, high: i64, by_time: Option<i64>) -> i64 {
    match pos {
        Position::Start => low,
        Position::End => high,
        Position::Offset(n) => n,
        Position::FromEnd(n) => (high - n).max(low),
        Position::FromStart(n) => (low + n).min(high),
        Position::Time(_) => by_time.unwrap_or(high).clamp(low, high),
    }
}

// ---------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------

/// A record copied out of the consumer.
#[derive(Debug, Clone)]
pub struct Record {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    /// Milliseconds since the epoch, when the record carries one.
    pub timestamp: Option<i64>,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Option<Vec<u8>>)>,
}

/// How a payload is shown: JSON objects and arrays stay JSON, other UTF-8 stays text,
/// anything else is base64. (Scalars such as `7` or `true` stay text so a key "7" is not
/// silently turned into a number.)
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Null,
    Json(Value),
    Text(String),
    Binary(Vec<u8>),
}

impl Payload {
    pub fn from_bytes(b: Option<&[u8]>) -> Payload {
        let Some(b) = b else { return Payload::Null };
        let first = b.iter().find(|c| !c.is_ascii_whitespace());
        if matches!(first, Some(b'{') | Some(b'[')) {
            if let Ok(v) = serde_json::from_slice::<Value>(b) {
                return Payload::Json(v);
            }
        }
        match std::str::from_utf8(b) {
            Ok(s) => Payload::Text(s.to_string()),
            Err(_) => Payload::Binary(b.to_vec()),
        }
    }

    /// `json`, `text`, `base64`, or None for a null payload.
    pub fn encoding(&self) -> Option<&'static str> {
        match self {
            Payload::Null => None,
            Payload::Json(_) => Some("json"),
            Payload::Text(_) => Some("text"),
            Payload::Binary(_) => Some("base64"),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Payload::Null => Value::Null,
            Payload::Json(v) => v.clone(),
            Payload::Text(s) => Value::String(s.clone()),
            Payload::Binary(b) => {
                Value::String(base64::engine::general_purpose::STANDARD.encode(b))
            }
        }
    }

    /// One-line text: compact JSON, the text itself, or `base64:...`.
    pub fn display(&self) -> String {
        match self {
            Payload::Null => "null".into(),
            Payload::Json(v) => v.to_string(),
            Payload::Text(s) => s.clone(),
            Payload::Binary(b) => format!(
                "base64:{}",
                base64::engine::general_purpose::STANDARD.encode(b)
            ),
        }
    }

    /// Text a pattern is matched against (lossy for binary payloads).
    pub fn haystack<'a>(raw: Option<&'a [u8]>) -> std::borrow::Cow<'a, str> {
        raw.map(String::from_utf8_lossy).unwrap_or_default()
    }
}

/// A Debezium change event in plain terms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// `insert`, `update`, `delete`, `read` (snapshot) or `truncate`.
    pub op: &'static str,
    /// `schema.table` from `source`, when present.
    pub table: Option<String>,
    /// The record key with any `{schema, payload}` wrapper removed.
    pub key: Value,
    /// Columns that changed: all columns of an insert, read or delete; on an update, those
    /// whose value differs (every column of `after` when `before` is unknown).
    pub columns: Vec<ColumnChange>,
    /// Whether `before` was present (updates without REPLICA IDENTITY FULL have none).
    pub before_known: bool,
    /// Commit time at the source (`source.ts_ms`), else the envelope's `ts_ms`.
    pub ts_ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnChange {
    pub name: String,
    pub before: Value,
    pub after: Value,
}

fn unwrap_schema(v: &Value) -> &Value {
    match v {
        Value::Object(m)
            if m.contains_key("schema") && m.contains_key("payload") && m.len() == 2 =>
        {
            &m["payload"]
        }
        _ => v,
    }
}

/// Recognise a Debezium envelope (`before`/`after`/`op`/`source`, optionally wrapped in
/// `{schema, payload}` by the JSON converter).
pub fn debezium_change(key: &Payload, value: &Payload) -> Option<Change> {
    let Payload::Json(v) = value else { return None };
    let env = unwrap_schema(v).as_object()?;
    let op = match env.get("op")?.as_str()? {
        "c" => "insert",
        "u" => "update",
        "d" => "delete",
        "r" => "read",
        "t" => "truncate",
        _ => return None,
    };
    if !(env.contains_key("before") || env.contains_key("after")) || !env.get("source")?.is_object()
    {
        return None;
    }
    let source = &env["source"];
    let table = match (
        source.get("schema").and_then(Value::as_str),
        source.get("table").and_then(Value::as_str),
    ) {
        (Some(s), Some(t)) => Some(format!("{s}.{t}")),
        (None, Some(t)) => Some(t.to_string()),
        _ => None,
    };
    let empty = Map::new();
    let before = env.get("before").and_then(Value::as_object);
    let after = env.get("after").and_then(Value::as_object);
    let mut columns = Vec::new();
    match (before, after) {
        (Some(b), Some(a)) => {
            for (name, av) in a {
                let bv = b.get(name).cloned().unwrap_or(Value::Null);
                if &bv != av {
                    columns.push(ColumnChange {
                        name: name.clone(),
                        before: bv,
                        after: av.clone(),
                    });
                }
            }
            for (name, bv) in b.iter().filter(|(n, _)| !a.contains_key(*n)) {
                columns.push(ColumnChange {
                    name: name.clone(),
                    before: bv.clone(),
                    after: Value::Null,
                });
            }
        }
        (None, Some(a)) => columns.extend(a.iter().map(|(n, v)| ColumnChange {
            name: n.clone(),
            before: Value::Null,
            after: v.clone(),
        })),
        (Some(b), None) => columns.extend(b.iter().map(|(n, v)| ColumnChange {
            name: n.clone(),
            before: v.clone(),
            after: Value::Null,
        })),
        (None, None) => {
            let _ = &empty;
        }
    }
    Some(Change {
        op,
        table,
        key: match key {
            Payload::Json(k) => unwrap_schema(k).clone(),
            other => other.to_json(),
        },
        columns,
        before_known: before.is_some(),
        ts_ms: source
            .get("ts_ms")
            .and_then(Value::as_i64)
            .or_else(|| env.get("ts_ms").and_then(Value::as_i64)),
    })
}

/// A record decoded for display.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    pub record: &'a Record,
    pub key: Payload,
    pub value: Payload,
    pub change: Option<Change>,
}

impl<'a> Decoded<'a> {
    pub fn new(record: &'a Record) -> Self {
        let key = Payload::from_bytes(record.key.as_deref());
        let value = Payload::from_bytes(record.value.as_deref());
        let change = debezium_change(&key, &value);
        Decoded {
            record,
            key,
            value,
            change,
        }
    }

    /// The JSON line: `{topic, partition, offset, timestamp, key, key_encoding, value,
    /// value_encoding, headers: [{key, value, value_encoding}], change?}`.
    pub fn to_json(&self) -> Value {
        let r = self.record;
        let headers: Vec<Value> = r
            .headers
            .iter()
            .map(|(k, v)| {
                let p = match v {
                    None => Payload::Null,
                    Some(b) => match std::str::from_utf8(b) {
                        Ok(s) => Payload::Text(s.to_string()),
                        Err(_) => Payload::Binary(b.clone()),
                    },
                };
                json!({"key": k, "value": p.to_json(), "value_encoding": p.encoding()})
            })
            .collect();
        let mut m = Map::new();
        m.insert("topic".into(), json!(r.topic));
        m.insert("partition".into(), json!(r.partition));
        m.insert("offset".into(), json!(r.offset));
        m.insert("timestamp".into(), json!(r.timestamp));
        m.insert("key".into(), self.key.to_json());
        m.insert("key_encoding".into(), json!(self.key.encoding()));
        m.insert("value".into(), self.value.to_json());
        m.insert("value_encoding".into(), json!(self.value.encoding()));
        m.insert("headers".into(), Value::Array(headers));
        if let Some(c) = &self.change {
            m.insert(
                "change".into(),
                serde_json::to_value(c).unwrap_or(Value::Null),
            );
        }
        Value::Object(m)
    }
}

/// Milliseconds since the epoch as `2024-05-01T10:00:00.123Z`.
pub fn format_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| ms.to_string())
}

// ---------------------------------------------------------------------------------------
// The consumer
// ---------------------------------------------------------------------------------------

pub type Tp = (String, i32);

#[derive(Debug, Clone)]
pub struct TailOptions {
    pub topics: Vec<String>,
    /// Only these partitions (of every topic); empty means all.
    pub partitions: Vec<i32>,
    pub spec: OffsetSpec,
    /// Whether `spec.from` was given by the operator. With a group and no explicit start,
    /// the group's committed offsets decide.
    pub explicit_from: bool,
    /// Stop at the end of each partition as it was when reading began.
    pub exit_at_end: bool,
    /// Join this consumer group and commit handled records; None reads by assignment.
    pub group: Option<String>,
}

/// Shared between the read loop and librdkafka's rebalance callback.
pub struct TailContext {
    /// Where each partition starts when it is assigned: the operator's `--from` when
    /// `explicit`, else the group's committed offset, else this (the `--from` default).
    start: BTreeMap<Tp, i64>,
    explicit: bool,
    /// Starts of partitions assigned since the reader last looked.
    new_starts: Mutex<BTreeMap<Tp, i64>>,
    /// Next offset after the last handled record of each partition: what gets committed.
    handled: Mutex<BTreeMap<Tp, i64>>,
    assigned: Mutex<BTreeSet<Tp>>,
    group: bool,
    commit_error: Mutex<Option<String>>,
}

impl ClientContext for TailContext {}

impl ConsumerContext for TailContext {
    fn rebalance(
        &self,
        consumer: &BaseConsumer<Self>,
        err: RDKafkaRespErr,
        tpl: &mut TopicPartitionList,
    ) {
        match err {
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS => {
                let handled = self.handled.lock().expect("handled lock").clone();
                let parts: Vec<Tp> = tpl
                    .elements()
                    .iter()
                    .map(|e| (e.topic().to_string(), e.partition()))
                    .collect();
                let committed: BTreeMap<Tp, i64> = if self.explicit {
                    BTreeMap::new()
                } else {
                    consumer
                        .committed_offsets(tpl.clone(), Duration::from_secs(10))
                        .map(|c| {
                            c.elements()
                                .iter()
                                .filter_map(|e| match e.offset() {
                                    Offset::Offset(o) if o >= 0 => {
                                        Some(((e.topic().to_string(), e.partition()), o))
                                    }
                                    _ => None,
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                };
                // Every start is explicit, so the reader knows where each partition begins
                // (and can tell at once that one has nothing to read).
                let mut starts = self.new_starts.lock().expect("starts lock");
                for tp in &parts {
                    // Resume after what was handled before a rebalance; else as asked.
                    let at = handled.get(tp).or_else(|| {
                        if self.explicit {
                            self.start.get(tp)
                        } else {
                            committed.get(tp).or(self.start.get(tp))
                        }
                    });
                    if let Some(&at) = at {
                        let _ = tpl.set_partition_offset(&tp.0, tp.1, Offset::Offset(at));
                        starts.insert(tp.clone(), at);
                    }
                }
                drop(starts);
                self.assigned.lock().expect("assigned lock").extend(parts);
                let _ = consumer.assign(tpl);
            }
            _ => {
                if self.group {
                    // Commit what was handled before the partitions go to another member.
                    if let Err(e) = self.commit(consumer, CommitMode::Sync) {
                        *self.commit_error.lock().expect("commit error lock") = Some(e);
                    }
                }
                self.assigned.lock().expect("assigned lock").clear();
                let _ = consumer.unassign();
            }
        }
    }
}

impl TailContext {
    fn commit(
        &self,
        consumer: &BaseConsumer<Self>,
        mode: CommitMode,
    ) -> std::result::Result<usize, String> {
        let handled = self.handled.lock().expect("handled lock").clone();
        if handled.is_empty() {
            return Ok(0);
        }
        let mut tpl = TopicPartitionList::new();
        for ((t, p), next) in &handled {
            tpl.add_partition_offset(t, *p, Offset::Offset(*next))
                .map_err(|e| e.to_string())?;
        }
        consumer.commit(&tpl, mode).map_err(|e| e.to_string())?;
        Ok(handled.len())
    }
}

/// Where a partition stops: before `until_offset`, or at the first record stamped at or
/// after `until_time`, whichever comes first.
#[derive(Debug, Default)]
struct PartState {
    until_offset: Option<i64>,
    until_time: Option<i64>,
    /// Skip records stamped before this until one at or after it is seen. ListOffsets by
    /// time already starts there on Apache Kafka; tansu 0.6 answers offset 0 when no record
    /// is that late, and this keeps the result right there too.
    skip_before: Option<i64>,
    done: bool,
}

impl PartState {
    fn bounded(&self) -> bool {
        self.until_offset.is_some() || self.until_time.is_some()
    }
}

/// What [`Tailer::next`] found.
#[derive(Debug)]
pub enum Next {
    Record(Record),
    /// Nothing within the timeout; poll again.
    Idle,
    /// Every partition read reached its end bound.
    Done,
}

/// A consumer reading from an [`OffsetSpec`], by assignment or as a group member.
pub struct Tailer {
    consumer: BaseConsumer<TailContext>,
    parts: BTreeMap<Tp, PartState>,
    group: bool,
    bounded: bool,
    last_commit: Instant,
    settings: KafkaSettings,
}

/// How often a group member commits while reading (and always on close).
const COMMIT_EVERY: Duration = Duration::from_secs(1);

impl Tailer {
    /// Resolve partitions, starts and ends, and start reading (blocking).
    pub fn open(k: &KafkaSettings, opts: &TailOptions) -> Result<Tailer> {
        if opts.topics.is_empty() {
            return Err(Error::usage("name at least one topic"));
        }
        let md = crate::kafka::fetch_metadata_blocking(k, None, Duration::from_secs(10))?;
        let mut tps: Vec<Tp> = Vec::new();
        for t in &opts.topics {
            let Some(mt) = md.topics().iter().find(|m| m.name() == t) else {
                return Err(explain(
                    rdkafka::types::RDKafkaErrorCode::UnknownTopicOrPartition,
                    t,
                ));
            };
            let ids: Vec<i32> = mt.partitions().iter().map(|p| p.id()).collect();
            for p in &opts.partitions {
                if !ids.contains(p) {
                    return Err(Error::not_found(format!(
                        "topic `{t}` has no partition {p} (it has {})",
                        ids.len()
                    ))
                    .hint("`livedbctl topic describe` shows the partitions"));
                }
            }
            let mut ids: Vec<i32> = ids
                .into_iter()
                .filter(|p| opts.partitions.is_empty() || opts.partitions.contains(p))
                .collect();
            ids.sort_unstable();
            tps.extend(ids.into_iter().map(|p| (t.clone(), p)));
        }

        let group = opts.group.is_some();
        let mut cfg = client_config(k);
        cfg.set("enable.auto.commit", "false")
            .set("enable.auto.offset.store", "false")
            .set("enable.partition.eof", "true")
            .set(
                "auto.offset.reset",
                if opts.spec.from == Position::End {
                    "latest"
                } else {
                    "earliest"
                },
            );
        // librdkafka wants a group id even to assign; without --group it is a throwaway
        // that never joins, and nothing is committed under it.
        let throwaway = format!("livedbctl-tail-{}", std::process::id());
        cfg.set("group.id", opts.group.as_deref().unwrap_or(&throwaway));

        // Watermarks and time lookups come from a plain consumer, before any group joins.
        let probe: BaseConsumer = client_config(k).create().map_err(|e| {
            Error::config(format!("invalid Kafka client settings: {e}"))
                .hint("check kafka.properties in the profile")
        })?;
        let mut wm = BTreeMap::new();
        for (t, p) in &tps {
            let w = probe
                .fetch_watermarks(t, *p, Duration::from_secs(10))
                .map_err(|e| kafka_error(k, e, t))?;
            wm.insert((t.clone(), *p), w);
        }
        let by_time = |ts: i64| -> Result<BTreeMap<Tp, i64>> {
            let mut tpl = TopicPartitionList::new();
            for (t, p) in &tps {
                tpl.add_partition_offset(t, *p, Offset::Offset(ts))
                    .map_err(|e| Error::internal(e.to_string()))?;
            }
            let res = probe
                .offsets_for_times(tpl, Duration::from_secs(10))
                .map_err(|e| unreachable(k, e))?;
            Ok(res
                .elements()
                .iter()
                .filter_map(|e| match e.offset() {
                    Offset::Offset(o) if o >= 0 => {
                        Some(((e.topic().to_string(), e.partition()), o))
                    }
                    _ => None,
                })
                .collect())
        };
        let from_times = match opts.spec.from {
            Position::Time(ts) => by_time(ts)?,
            _ => BTreeMap::new(),
        };
        let now = chrono::Utc::now().timestamp_millis();

        let mut start = BTreeMap::new();
        let mut parts = BTreeMap::new();
        for tp in &tps {
            let (low, high) = wm[tp];
            let s = resolve(opts.spec.from, low, high, from_times.get(tp).copied());
            start.insert(tp.clone(), s);
            let mut state = PartState {
                skip_before: match opts.spec.from {
                    Position::Time(ts) => Some(ts),
                    _ => None,
                },
                ..PartState::default()
            };
            match opts.spec.until {
                None => {}
                Some(Position::Time(ts)) => {
                    state.until_time = Some(ts);
                    // A time already past also ends at today's end: nothing stamped
                    // earlier is expected to arrive later.
                    if ts <= now {
                        state.until_offset = Some(high);
                    }
                }
                Some(pos) => state.until_offset = Some(resolve(pos, low, high, None)),
            }
            if opts.exit_at_end {
                state.until_offset = Some(state.until_offset.map_or(high, |o| o.min(high)));
            }
            // In a group the start is the committed offset, known only once assigned.
            state.done = !group && state.until_offset.is_some_and(|b| s >= b);
            parts.insert(tp.clone(), state);
        }

        let ctx = TailContext {
            start: start.clone(),
            explicit: opts.explicit_from,
            new_starts: Mutex::new(BTreeMap::new()),
            handled: Mutex::new(BTreeMap::new()),
            assigned: Mutex::new(BTreeSet::new()),
            group,
            commit_error: Mutex::new(None),
        };
        let consumer: BaseConsumer<TailContext> = cfg.create_with_context(ctx).map_err(|e| {
            Error::config(format!("invalid Kafka client settings: {e}"))
                .hint("check kafka.properties in the profile")
        })?;
        if group {
            let topics: Vec<&str> = opts.topics.iter().map(String::as_str).collect();
            consumer.subscribe(&topics).map_err(|e| unreachable(k, e))?;
        } else {
            let mut tpl = TopicPartitionList::new();
            for (tp, s) in &start {
                if !parts[tp].done {
                    tpl.add_partition_offset(&tp.0, tp.1, Offset::Offset(*s))
                        .map_err(|e| Error::internal(e.to_string()))?;
                }
            }
            consumer.assign(&tpl).map_err(|e| unreachable(k, e))?;
        }
        Ok(Tailer {
            consumer,
            bounded: parts.values().all(PartState::bounded),
            parts,
            group,
            last_commit: Instant::now(),
            settings: k.clone(),
        })
    }

    fn all_done(&self) -> bool {
        if !self.bounded {
            return false;
        }
        if self.group {
            // A member is done when every partition it holds is; it may hold none yet.
            let assigned = self
                .consumer
                .context()
                .assigned
                .lock()
                .expect("assigned lock");
            !assigned.is_empty()
                && assigned
                    .iter()
                    .all(|tp| self.parts.get(tp).is_none_or(|s| s.done))
        } else {
            self.parts.values().all(|s| s.done)
        }
    }

    fn finish_partition(&mut self, tp: &Tp) {
        if let Some(s) = self.parts.get_mut(tp) {
            s.done = true;
        }
        let mut tpl = TopicPartitionList::new();
        tpl.add_partition(&tp.0, tp.1);
        let _ = self.consumer.pause(&tpl);
    }

    /// The next record, waiting at most `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Result<Next> {
        if self.group && self.last_commit.elapsed() >= COMMIT_EVERY {
            self.commit(CommitMode::Async)?;
        }
        self.check_new_assignments();
        if self.all_done() {
            return Ok(Next::Done);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let polled = self.consumer.poll(left);
            let rec = match polled {
                None => {
                    self.check_new_assignments();
                    return Ok(if self.all_done() {
                        Next::Done
                    } else {
                        Next::Idle
                    });
                }
                Some(Err(KafkaError::PartitionEOF(p))) => {
                    self.at_partition_end(p);
                    if self.all_done() {
                        return Ok(Next::Done);
                    }
                    continue;
                }
                Some(Err(e)) => {
                    if let Some(code) = e.rdkafka_error_code() {
                        use rdkafka::types::RDKafkaErrorCode as C;
                        if matches!(
                            code,
                            C::UnknownTopicOrPartition
                                | C::UnknownTopic
                                | C::TopicAuthorizationFailed
                        ) {
                            return Err(explain(
                                code,
                                &self
                                    .parts
                                    .keys()
                                    .next()
                                    .map(|t| t.0.clone())
                                    .unwrap_or_default(),
                            ));
                        }
                    }
                    // Transport hiccups are retried by librdkafka; only fatal ones end the read.
                    if matches!(&e, KafkaError::MessageConsumptionFatal(_)) {
                        return Err(unreachable(&self.settings, e));
                    }
                    continue;
                }
                Some(Ok(m)) => Record {
                    topic: m.topic().to_string(),
                    partition: m.partition(),
                    offset: m.offset(),
                    timestamp: m.timestamp().to_millis(),
                    key: m.key().map(<[u8]>::to_vec),
                    value: m.payload().map(<[u8]>::to_vec),
                    headers: m
                        .headers()
                        .map(|h| {
                            h.iter()
                                .map(|h| (h.key.to_string(), h.value.map(<[u8]>::to_vec)))
                                .collect()
                        })
                        .unwrap_or_default(),
                },
            };
            let tp = (rec.topic.clone(), rec.partition);
            let Some(state) = self.parts.get_mut(&tp) else {
                continue;
            };
            if state.done {
                continue;
            }
            let past = state.until_offset.is_some_and(|b| rec.offset >= b)
                || state
                    .until_time
                    .is_some_and(|t| rec.timestamp.is_some_and(|ts| ts >= t));
            if past {
                self.finish_partition(&tp);
                if self.all_done() {
                    return Ok(Next::Done);
                }
                continue;
            }
            if let Some(t) = state.skip_before {
                if rec.timestamp.is_some_and(|ts| ts < t) {
                    if state.until_offset.is_some_and(|b| rec.offset + 1 >= b) {
                        self.finish_partition(&tp);
                        if self.all_done() {
                            return Ok(Next::Done);
                        }
                    }
                    continue;
                }
                state.skip_before = None;
            }
            if state.until_offset.is_some_and(|b| rec.offset + 1 >= b) {
                self.finish_partition(&tp);
            }
            return Ok(Next::Record(rec));
        }
    }

    /// Partitions a group assigned whose start is already at their end bound are done.
    fn check_new_assignments(&mut self) {
        if !self.group {
            return;
        }
        let starts = std::mem::take(
            &mut *self
                .consumer
                .context()
                .new_starts
                .lock()
                .expect("starts lock"),
        );
        for (tp, at) in starts {
            if self
                .parts
                .get(&tp)
                .and_then(|s| s.until_offset)
                .is_some_and(|b| at >= b)
            {
                self.finish_partition(&tp);
            }
        }
    }

    /// librdkafka reports the end of a partition by number only: check each topic's.
    fn at_partition_end(&mut self, partition: i32) {
        let Ok(positions) = self.consumer.position() else {
            return;
        };
        let ends: Vec<Tp> = positions
            .elements()
            .iter()
            .filter(|e| e.partition() == partition)
            .filter_map(|e| {
                let tp = (e.topic().to_string(), e.partition());
                let s = self.parts.get(&tp)?;
                match (e.offset(), s.until_offset) {
                    (Offset::Offset(pos), Some(b)) if !s.done && pos >= b => Some(tp),
                    _ => None,
                }
            })
            .collect();
        for tp in ends {
            self.finish_partition(&tp);
        }
    }

    /// The caller has finished with this record: with a group, it will be committed.
    pub fn mark_handled(&self, rec: &Record) {
        if self.group {
            self.consumer
                .context()
                .handled
                .lock()
                .expect("handled lock")
                .insert((rec.topic.clone(), rec.partition), rec.offset + 1);
        }
    }

    fn commit(&mut self, mode: CommitMode) -> Result<usize> {
        self.last_commit = Instant::now();
        if let Some(e) = self
            .consumer
            .context()
            .commit_error
            .lock()
            .expect("commit error lock")
            .take()
        {
            return Err(Error::runtime(format!("committing offsets failed: {e}")));
        }
        self.consumer
            .context()
            .commit(&self.consumer, mode)
            .map_err(|e| {
                Error::runtime(format!("committing offsets failed: {e}"))
                    .hint("the group may have been rebalanced; the records will be read again")
            })
    }

    /// Commit what was handled (with a group) and leave. Returns how many partitions'
    /// offsets were committed.
    pub fn close(mut self) -> Result<usize> {
        if !self.group {
            return Ok(0);
        }
        let n = self.commit(CommitMode::Sync)?;
        // Leave the group now rather than letting the session time out.
        self.consumer.unsubscribe();
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    fn p(s: &str) -> OffsetSpec {
        parse_offset_spec(s, NOW).unwrap()
    }

    #[test]
    fn offsets_parse_like_kcat_and_rpk() {
        assert_eq!(
            p("start"),
            OffsetSpec {
                from: Position::Start,
                until: None
            }
        );
        assert_eq!(p("beginning").from, Position::Start);
        assert_eq!(p("end").from, Position::End);
        assert_eq!(p("42").from, Position::Offset(42));
        assert_eq!(p("-5").from, Position::FromEnd(5));
        assert_eq!(p("+5").from, Position::FromStart(5));
        assert_eq!(p("@1699999999000").from, Position::Time(1_699_999_999_000));
        assert_eq!(p("@-10m").from, Position::Time(NOW - 600_000));
        assert_eq!(p("@2023-11-14T22:13:20Z").from, Position::Time(NOW));
        assert_eq!(p("@2023-11-14T23:13:20+01:00").from, Position::Time(NOW));
        assert_eq!(p("@2023-11-14").from, Position::Time(1_699_920_000_000));
    }

    #[test]
    fn ranges_split_where_both_sides_parse() {
        assert_eq!(
            p("10:20"),
            OffsetSpec {
                from: Position::Offset(10),
                until: Some(Position::Offset(20))
            }
        );
        assert_eq!(
            p(":end"),
            OffsetSpec {
                from: Position::Start,
                until: Some(Position::End)
            }
        );
        assert_eq!(
            p("start:end"),
            OffsetSpec {
                from: Position::Start,
                until: Some(Position::End)
            }
        );
        assert_eq!(
            p("-3:"),
            OffsetSpec {
                from: Position::FromEnd(3),
                until: None
            }
        );
        assert_eq!(
            p("@2023-11-14T22:13:20Z:@2023-11-14T22:13:21Z"),
            OffsetSpec {
                from: Position::Time(NOW),
                until: Some(Position::Time(NOW + 1000))
            }
        );
        assert_eq!(
            p("@1:@2"),
            OffsetSpec {
                from: Position::Time(1),
                until: Some(Position::Time(2))
            }
        );
    }

    #[test]
    fn bad_offsets_are_rejected_with_the_input_named() {
        for bad in [
            "",
            "x",
            "-",
            "+x",
            "1.5",
            "@",
            "@yesterday",
            "1:2:3",
            "--3",
            "@-10q",
        ] {
            let e = parse_offset_spec(bad, NOW).unwrap_err();
            assert!(e.contains('`'), "{bad}: {e}");
        }
    }

    #[test]
    fn positions_resolve_within_the_watermarks() {
        assert_eq!(resolve(Position::Start, 5, 20, None), 5);
        assert_eq!(resolve(Position::End, 5, 20, None), 20);
        assert_eq!(resolve(Position::FromEnd(3), 5, 20, None), 17);
        assert_eq!(resolve(Position::FromEnd(30), 5, 20, None), 5);
        assert_eq!(resolve(Position::FromStart(3), 5, 20, None), 8);
        assert_eq!(resolve(Position::FromStart(30), 5, 20, None), 20);
        assert_eq!(resolve(Position::Time(0), 5, 20, Some(9)), 9);
        assert_eq!(resolve(Position::Time(0), 5, 20, None), 20);
    }

    #[test]
    fn payloads_keep_json_as_json_and_binary_as_base64() {
        assert_eq!(
            Payload::from_bytes(Some(br#"{"a":1}"#)),
            Payload::Json(json!({"a":1}))
        );
        assert_eq!(Payload::from_bytes(Some(b"7")), Payload::Text("7".into()));
        assert_eq!(
            Payload::from_bytes(Some(b"{not json")),
            Payload::Text("{not json".into())
        );
        let bin = Payload::from_bytes(Some(&[0xff, 0x00, 0x80]));
        assert_eq!(bin.encoding(), Some("base64"));
        assert_eq!(bin.to_json(), json!("/wCA"));
        assert_eq!(Payload::from_bytes(None).encoding(), None);
    }

    #[test]
    fn debezium_updates_show_changed_columns() {
        let key = Payload::Json(json!({"schema": {}, "payload": {"id": 7}}));
        let value = Payload::Json(json!({
            "before": {"id": 7, "name": "a", "qty": 1},
            "after": {"id": 7, "name": "b", "qty": 1},
            "source": {"schema": "public", "table": "livedb", "ts_ms": 5},
            "op": "u", "ts_ms": 9
        }));
        let c = debezium_change(&key, &value).unwrap();
        assert_eq!(c.op, "update");
        assert_eq!(c.table.as_deref(), Some("public.livedb"));
        assert_eq!(c.key, json!({"id": 7}));
        assert_eq!(
            c.columns,
            vec![ColumnChange {
                name: "name".into(),
                before: json!("a"),
                after: json!("b")
            }]
        );
        assert_eq!(c.ts_ms, Some(5));
        // Not an envelope: no `source`.
        assert!(debezium_change(&key, &Payload::Json(json!({"op": "u", "after": {}}))).is_none());
    }
}
