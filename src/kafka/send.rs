//! `produce send`: lines to a topic (JSON, raw bytes, or a `consume tail -o json` dump),
//! with keys, headers, a partition and tombstones, at full speed or a fixed rate.
//! Every line ends up either delivered (acknowledged by the broker) or in the failures with
//! its line number and the reason: nothing is dropped silently.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use base64::Engine as _;
use rdkafka::error::KafkaError;
use rdkafka::message::{Header, Message as _, OwnedHeaders};
use rdkafka::producer::{
    BaseRecord, DeliveryResult, FutureProducer, ProducerContext, ThreadedProducer,
};
use serde::Serialize;
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::error::{Error, Result};
use crate::json_path;
use crate::kafka::enqueue::enqueue_reported;
use crate::kafka::{client_config, fetch_metadata, ClusterError};
use crate::settings::KafkaSettings;

/// What one input line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFormat {
    /// A JSON document, sent as written; the line `null` is a tombstone (a null value).
    Json,
    /// The line's bytes as they are (without the line end), never checked.
    Raw,
    /// A `consume tail -o json` record: key, value, headers, partition and timestamp are
    /// taken from it, byte for byte.
    TailJson,
}

#[derive(Debug, Clone)]
pub struct SendOptions {
    pub topic: String,
    pub format: LineFormat,
    /// The same key for every message.
    pub key: Option<String>,
    /// Dotted path of the field whose value is the message key (JSON lines).
    pub key_field: Option<String>,
    /// Headers added to every message, in order.
    pub headers: Vec<(String, String)>,
    /// Dotted path of a JSON object field whose members become headers (JSON lines).
    pub header_field: Option<String>,
    /// Every message to this partition (else the partitioner's, or the dump's).
    pub partition: Option<i32>,
    /// Messages per second; `None` is as fast as the broker takes them.
    pub rate: Option<f64>,
}

impl SendOptions {
    /// JSON lines to `topic`, no key, no headers, full speed.
    pub fn json(topic: &str) -> SendOptions {
        SendOptions {
            topic: topic.to_string(),
            format: LineFormat::Json,
            key: None,
            key_field: None,
            headers: Vec::new(),
            header_field: None,
            partition: None,
            rate: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LineFailure {
    /// 1-based line number in the input.
    pub line: u64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SendSummary {
    pub topic: String,
    /// Non-blank input lines.
    pub lines: u64,
    pub delivered: u64,
    pub failed: u64,
    /// Blank lines, skipped.
    pub blank: u64,
    /// Messages delivered with a null value (tombstones), counted in `delivered` too.
    pub tombstones: u64,
    /// Messages delivered per partition.
    pub partitions: BTreeMap<i32, u64>,
    pub elapsed_ms: u64,
    pub messages_per_sec: f64,
    pub failures: Vec<LineFailure>,
}

/// The settings of livedbctl's forwarding producers: every replica acknowledges
/// (`acks=all`), a record is given 30 s, then the profile's own properties.
fn producer_config(k: &KafkaSettings) -> rdkafka::ClientConfig {
    let mut c = client_config(k);
    c.set("acks", "all")
        .set("linger.ms", "5")
        .set("message.timeout.ms", "30000");
    for (key, v) in &k.properties {
        c.set(key, v);
    }
    c
}

/// A producer that waits for every replica (`acks=all`) and reports each delivery.
pub fn producer(k: &KafkaSettings) -> Result<FutureProducer> {
    producer_config(k)
        .create()
        .map_err(|e| crate::kafka::bad_settings("producer", e))
}

/// What `produce send` is told of each record: its line and whether it is a tombstone.
type Sent = Box<(u64, bool)>;

/// `produce send`'s producer: deliveries are reported by librdkafka's polling thread
/// straight into a channel, one [`Outcome`] each, with no future per record (a future,
/// its channel and its box per record were a third of `produce send`'s CPU).
struct Reports(tokio::sync::mpsc::UnboundedSender<Outcome>);

impl rdkafka::ClientContext for Reports {}

impl ProducerContext for Reports {
    type DeliveryOpaque = Sent;
    fn delivery(&self, r: &DeliveryResult<'_>, sent: Sent) {
        let (line, tombstone) = *sent;
        let outcome = match r {
            Ok(m) => Ok((m.partition(), tombstone)),
            Err((e, _)) => Err(describe(e)),
        };
        // The receiver lives until every record sent is reported.
        let _ = self.0.send((line, outcome));
    }
}

/// Partitions of `topic`, or a not-found error that says how to create it.
pub async fn require_topic(k: &KafkaSettings, topic: &str) -> Result<usize> {
    let md = fetch_metadata(k, Some(topic.to_string()), Duration::from_secs(10)).await?;
    match md.topics().iter().find(|t| t.name() == topic) {
        Some(t) if t.error().is_none() && !t.partitions().is_empty() => Ok(t.partitions().len()),
        _ => Err(ClusterError::NoTopic {
            topic: topic.to_string(),
            bootstrap: k.bootstrap(),
        }
        .into()),
    }
}

/// How long a reader that runs until stopped (`consume sink|aggregate|route`, `stream run`,
/// the demo) waits by default at its start for a broker that does not answer, as it waits
/// through one lost while it runs: a stack still starting, a broker restarting, or one too
/// busy to answer a metadata request within its 10 s (seen with many clients on a loaded
/// broker). The commands' `--wait-for-kafka` sets it.
pub const START_PATIENCE: Duration = Duration::from_secs(60);

/// A broker that did not answer at a reader's start, and when it is asked again.
#[derive(Debug, Clone, Serialize)]
pub struct BrokerWait {
    pub error: String,
    pub retry_in_ms: u64,
    /// How long it has been waited for so far.
    pub waited_ms: u64,
}

impl std::fmt::Display for BrokerWait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}; asking again in {:.1} s (waited {:.0} s so far)",
            self.error,
            self.retry_in_ms as f64 / 1000.0,
            self.waited_ms as f64 / 1000.0
        )
    }
}

/// [`require_topic`] for a reader that runs until stopped: a broker that does not answer
/// is asked again with backoff (each pause told to `on_wait` first) for up to `patience`,
/// then its error is returned; a topic the broker says is not there fails at once, as does
/// a stop.
pub async fn await_topic(
    k: &KafkaSettings,
    topic: &str,
    patience: Duration,
    stop: &crate::shutdown::Stop,
    mut on_wait: impl FnMut(&BrokerWait),
) -> Result<usize> {
    let started = Instant::now();
    let mut backoff = crate::retry::Backoff::default();
    let mut stop = stop.clone();
    loop {
        match require_topic(k, topic).await {
            Err(e) if e.kind == crate::error::ErrorKind::Connection => {
                let waited = started.elapsed();
                if waited >= patience || crate::shutdown::stopped(&stop) {
                    return Err(e);
                }
                let delay = backoff.next_delay();
                on_wait(&BrokerWait {
                    error: e.to_string(),
                    retry_in_ms: delay.as_millis() as u64,
                    waited_ms: waited.as_millis() as u64,
                });
                if crate::shutdown::sleep_or_stop(&mut stop, delay).await {
                    return Err(e);
                }
            }
            other => return other,
        }
    }
}

/// A line's number, and where its message went (partition, whether a tombstone) or why not.
type Outcome = (u64, std::result::Result<(i32, bool), String>);

/// Read lines from `input` and publish them. `on_failure` sees each failure as it
/// happens, `on_delivered` the running count.
pub async fn send_lines<R: AsyncBufRead + Unpin>(
    k: &KafkaSettings,
    opts: &SendOptions,
    mut input: R,
    mut on_failure: impl FnMut(&LineFailure),
    mut on_delivered: impl FnMut(u64),
) -> Result<SendSummary> {
    let partitions = require_topic(k, &opts.topic).await?;
    if let Some(p) = opts.partition {
        if p < 0 || p as usize >= partitions {
            return Err(ClusterError::NoPartition {
                topic: opts.topic.clone(),
                partition: p,
                count: partitions,
            }
            .into());
        }
    }
    let (reports, mut outcomes) = tokio::sync::mpsc::unbounded_channel();
    let producer: ThreadedProducer<Reports> = producer_config(k)
        .create_with_context(Reports(reports))
        .map_err(|e| crate::kafka::bad_settings("producer", e))?;
    let started = Instant::now();
    let mut summary = SendSummary {
        topic: opts.topic.clone(),
        lines: 0,
        delivered: 0,
        failed: 0,
        blank: 0,
        tombstones: 0,
        partitions: BTreeMap::new(),
        elapsed_ms: 0,
        messages_per_sec: 0.0,
        failures: Vec::new(),
    };
    let mut settle = |summary: &mut SendSummary, (line, r): Outcome| match r {
        Ok((p, tombstone)) => {
            summary.delivered += 1;
            summary.tombstones += u64::from(tombstone);
            *summary.partitions.entry(p).or_default() += 1;
            on_delivered(summary.delivered);
        }
        Err(reason) => {
            let f = LineFailure { line, reason };
            on_failure(&f);
            summary.failed += 1;
            summary.failures.push(f);
        }
    };
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    let mut sent = 0u64;
    // Records queued and not yet reported.
    let mut in_flight = 0u64;
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .await
            .map_err(|e| Error::runtime(format!("reading input at line {}: {e}", line_no + 1)))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            summary.blank += 1;
            continue;
        }
        summary.lines += 1;
        let msg = match parse_line(&buf, opts) {
            Ok(msg) => msg,
            Err(reason) => {
                settle(&mut summary, (line_no, Err(reason)));
                continue;
            }
        };
        if let Some(rate) = opts.rate {
            let due = started + Duration::from_secs_f64(sent as f64 / rate);
            tokio::time::sleep_until(due.into()).await;
        }
        let tombstone = msg.value.is_none();
        let mut record: BaseRecord<'_, [u8], [u8], Sent> =
            BaseRecord::with_opaque_to(&opts.topic, Box::new((line_no, tombstone)));
        if let Some(v) = msg.value.as_deref() {
            record = record.payload(v);
        }
        if let Some(key) = msg.key.as_deref() {
            record = record.key(key);
        }
        if let Some(p) = opts.partition.or(msg.partition) {
            record = record.partition(p);
        }
        if let Some(t) = msg.timestamp {
            record = record.timestamp(t);
        }
        if !msg.headers.is_empty() || !opts.headers.is_empty() {
            let mut h = OwnedHeaders::new_with_capacity(msg.headers.len() + opts.headers.len());
            for (key, value) in &msg.headers {
                h = h.insert(Header {
                    key,
                    value: value.as_deref(),
                });
            }
            for (key, value) in &opts.headers {
                h = h.insert(Header {
                    key,
                    value: Some(value.as_bytes()),
                });
            }
            record = record.headers(h);
        }
        // Back-pressure: a full queue is waited out (deliveries make room).
        match enqueue_reported(&producer, record).await {
            Ok(()) => in_flight += 1,
            Err(e) => settle(&mut summary, (line_no, Err(describe(&e)))),
        }
        sent += 1;
        while let Ok(o) = outcomes.try_recv() {
            in_flight -= 1;
            settle(&mut summary, o);
        }
    }
    // Every record queued is reported once: delivered, or failed within its timeout.
    while in_flight > 0 {
        let Some(o) = outcomes.recv().await else {
            break;
        };
        in_flight -= 1;
        settle(&mut summary, o);
    }
    // Nothing is left in it; dropping it joins its polling thread, off the runtime.
    let _ = tokio::task::spawn_blocking(move || drop(producer)).await;
    summary.failures.sort_by_key(|f| f.line);
    let elapsed = started.elapsed();
    summary.elapsed_ms = elapsed.as_millis() as u64;
    summary.messages_per_sec = if elapsed.as_secs_f64() > 0.0 {
        summary.delivered as f64 / elapsed.as_secs_f64()
    } else {
        0.0
    };
    Ok(summary)
}

/// A message's headers: names, and values (None: a header without one).
type Headers = Vec<(String, Option<Vec<u8>>)>;

/// One line turned into a message: the value borrowed from the line where it can be.
#[derive(Debug, Default, PartialEq)]
struct Message<'a> {
    key: Option<Cow<'a, [u8]>>,
    /// None: a tombstone.
    value: Option<Cow<'a, [u8]>>,
    headers: Headers,
    partition: Option<i32>,
    timestamp: Option<i64>,
}

/// The message for one (non-blank) line, or why there is none.
fn parse_line<'a>(line: &'a [u8], opts: &SendOptions) -> std::result::Result<Message<'a>, String> {
    let fixed_key = opts
        .key
        .as_deref()
        .map(|k| Cow::Owned(k.as_bytes().to_vec()));
    match opts.format {
        LineFormat::Raw => Ok(Message {
            key: fixed_key,
            value: Some(Cow::Borrowed(line)),
            ..Message::default()
        }),
        LineFormat::Json => {
            // An object (nearly every line): its members are found in the text and only
            // the key's and the headers' are parsed; the value is sent as written.
            if let Some(fields) = json_path::Fields::parse(line) {
                let member = |field: &str, what: &str| {
                    fields
                        .get(field)
                        .map_err(|e| format!("{what}: field `{field}`: {e}"))
                };
                let key = match opts.key_field.as_deref() {
                    None => fixed_key,
                    Some(field) => match member(field, "no key")? {
                        Some(serde_json::Value::Null) | None => {
                            return Err(format!("no key: field `{field}` is missing or null"))
                        }
                        Some(k) => Some(Cow::Owned(json_path::as_text(&k).into_bytes())),
                    },
                };
                let headers = match opts.header_field.as_deref() {
                    None => Vec::new(),
                    Some(field) => headers_of(field, member(field, "headers")?.as_ref())?,
                };
                return Ok(Message {
                    key,
                    value: Some(Cow::Borrowed(line)),
                    headers,
                    ..Message::default()
                });
            }
            let v: serde_json::Value =
                serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
            let key = match opts.key_field.as_deref() {
                None => fixed_key,
                Some(field) => match json_path::lookup(&v, field) {
                    Some(serde_json::Value::Null) | None => {
                        return Err(format!("no key: field `{field}` is missing or null"))
                    }
                    Some(k) => Some(Cow::Owned(json_path::as_text(k).into_bytes())),
                },
            };
            let headers = match opts.header_field.as_deref() {
                None => Vec::new(),
                Some(field) => headers_of(field, json_path::lookup(&v, field))?,
            };
            Ok(Message {
                key,
                value: (!v.is_null()).then_some(Cow::Borrowed(line)),
                headers,
                ..Message::default()
            })
        }
        LineFormat::TailJson => tail_record(line),
    }
}

/// The headers a line's `--header-field` member gives: each of its members, values as
/// text (null: a header without a value).
fn headers_of(
    field: &str,
    member: Option<&serde_json::Value>,
) -> std::result::Result<Headers, String> {
    match member {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(serde_json::Value::Object(m)) => Ok(m
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    serde_json::Value::Null => None,
                    v => Some(json_path::as_text(v).into_bytes()),
                };
                (k.clone(), value)
            })
            .collect()),
        Some(_) => Err(format!("headers: field `{field}` is not a JSON object")),
    }
}

/// A record as `consume tail -o json` printed it: `key`/`value` with their `*_encoding`
/// (`json`, `text`, `base64`, null for none) and the exact `key_text`/`value_text` when the
/// JSON shown was reformatted, `headers: [{key, value, value_encoding}]`, `partition`,
/// `timestamp`.
fn tail_record(line: &[u8]) -> std::result::Result<Message<'static>, String> {
    use serde_json::Value;
    let v: Value = serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(r) = v else {
        return Err("not a `consume tail -o json` record: not a JSON object".into());
    };
    fn payload(
        r: &serde_json::Map<String, Value>,
        field: &str,
    ) -> std::result::Result<Option<Vec<u8>>, String> {
        if let Some(Value::String(exact)) = r.get(&format!("{field}_text")) {
            return Ok(Some(exact.clone().into_bytes()));
        }
        let value = r.get(field).unwrap_or(&Value::Null);
        let encoding = r.get(&format!("{field}_encoding")).unwrap_or(&Value::Null);
        decode(value, encoding).map_err(|e| format!("`{field}`: {e}"))
    }
    fn decode(value: &Value, encoding: &Value) -> std::result::Result<Option<Vec<u8>>, String> {
        match (encoding.as_str(), value) {
            (None, Value::Null) => Ok(None),
            (Some("json"), v) if !v.is_null() => Ok(Some(v.to_string().into_bytes())),
            (Some("text"), Value::String(s)) => Ok(Some(s.clone().into_bytes())),
            (Some("base64"), Value::String(s)) => base64::engine::general_purpose::STANDARD
                .decode(s)
                .map(Some)
                .map_err(|e| format!("bad base64: {e}")),
            (e, v) => Err(format!(
                "encoding {} does not fit the value {}",
                e.map_or("null".to_string(), |e| format!("`{e}`")),
                crate::json_path::as_text(v)
            )),
        }
    }
    if !r.contains_key("value") || !r.contains_key("value_encoding") {
        return Err("not a `consume tail -o json` record: no `value`/`value_encoding`".into());
    }
    let headers = match r.get("headers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(hs)) => hs
            .iter()
            .map(|h| {
                let key = h
                    .get("key")
                    .and_then(Value::as_str)
                    .ok_or("a header has no `key`")?;
                let value = decode(
                    h.get("value").unwrap_or(&Value::Null),
                    h.get("value_encoding").unwrap_or(&Value::Null),
                )
                .map_err(|e| format!("header `{key}`: {e}"))?;
                Ok((key.to_string(), value))
            })
            .collect::<std::result::Result<_, String>>()?,
        Some(_) => return Err("`headers` is not a list".into()),
    };
    let int = |field: &str| -> std::result::Result<Option<i64>, String> {
        match r.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| format!("`{field}` is not an integer")),
        }
    };
    let partition = int("partition")?
        .map(|p| i32::try_from(p).map_err(|_| format!("partition {p} is out of range")))
        .transpose()?;
    Ok(Message {
        key: payload(&r, "key")?.map(Cow::Owned),
        value: payload(&r, "value")?.map(Cow::Owned),
        headers,
        partition,
        timestamp: int("timestamp")?,
    })
}

fn describe(e: &KafkaError) -> String {
    match e.rdkafka_error_code() {
        Some(code) => format!("not delivered: {e} ({code:?})"),
        None => format!("not delivered: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(line: &[u8], opts: &SendOptions) -> std::result::Result<Option<String>, String> {
        parse_line(line, opts).map(|m| m.key.map(|k| String::from_utf8(k.into_owned()).unwrap()))
    }

    #[test]
    fn keys_come_from_the_field_and_bad_lines_say_why() {
        let by = |f: &str| SendOptions {
            key_field: Some(f.into()),
            ..SendOptions::json("t")
        };
        assert_eq!(
            key_of(br#"{"id":7,"a":{"b":"x"}}"#, &by("a.b")),
            Ok(Some("x".into()))
        );
        assert_eq!(key_of(br#"{"id":7}"#, &by("id")), Ok(Some("7".into())));
        assert_eq!(key_of(br#"{"id":7}"#, &SendOptions::json("t")), Ok(None));
        assert!(key_of(b"{nope", &SendOptions::json("t"))
            .unwrap_err()
            .starts_with("invalid JSON"));
        assert!(key_of(br#"{"id":null}"#, &by("id"))
            .unwrap_err()
            .contains("missing or null"));
        // Found as a parsed event would find them: an exact dotted name first, the last
        // of a repeated name, array steps, objects as compact JSON; the line sent as is.
        assert_eq!(
            key_of(br#"{"a.b":1,"a":{"b":2}}"#, &by("a.b")),
            Ok(Some("1".into()))
        );
        assert_eq!(
            key_of(br#"{"id":1,"id":2}"#, &by("id")),
            Ok(Some("2".into()))
        );
        assert_eq!(
            key_of(br#"{"a":[{"k":"x"},{"k":"y"}]}"#, &by("a.1.k")),
            Ok(Some("y".into()))
        );
        assert_eq!(
            key_of(br#"{"id": { "x" : 1 } }"#, &by("id")),
            Ok(Some(r#"{"x":1}"#.into()))
        );
        assert_eq!(
            key_of(br#"{"id":"a\u0000b"}"#, &by("id")),
            Ok(Some("a\0b".into()))
        );
        let line = br#"{"id":5, "n": 1.50}"#;
        let m = parse_line(line, &by("id")).unwrap();
        assert_eq!(m.value.as_deref(), Some(&line[..]));
        // Not an object: parsed whole, as before.
        assert_eq!(key_of(b"[1,2]", &SendOptions::json("t")), Ok(None));
        assert!(key_of(b"[1,2]", &by("id"))
            .unwrap_err()
            .contains("missing or null"));
        assert!(key_of(br#"{"id":1} trailing"#, &by("id"))
            .unwrap_err()
            .starts_with("invalid JSON"));
        // A key no JSON number type holds is refused with the reason, not taken as missing.
        assert!(key_of(br#"{"id":1e400}"#, &by("id"))
            .unwrap_err()
            .contains("field `id`"));
    }

    #[test]
    fn json_null_is_a_tombstone_raw_is_bytes_and_header_fields_become_headers() {
        let opts = SendOptions {
            key: Some("k".into()),
            ..SendOptions::json("t")
        };
        let m = parse_line(b"null", &opts).unwrap();
        assert_eq!((m.key.as_deref(), m.value), (Some(&b"k"[..]), None));
        let raw = SendOptions {
            format: LineFormat::Raw,
            ..SendOptions::json("t")
        };
        let m = parse_line(b"null {not json", &raw).unwrap();
        assert_eq!(m.value.as_deref(), Some(&b"null {not json"[..]));
        let hf = SendOptions {
            header_field: Some("h".into()),
            ..SendOptions::json("t")
        };
        let m = parse_line(br#"{"h":{"a":"x","n":3,"z":null}}"#, &hf).unwrap();
        assert_eq!(
            m.headers,
            vec![
                ("a".to_string(), Some(b"x".to_vec())),
                ("n".to_string(), Some(b"3".to_vec())),
                ("z".to_string(), None)
            ]
        );
        assert!(parse_line(br#"{"h":[1]}"#, &hf)
            .unwrap_err()
            .contains("not a JSON object"));
    }

    #[test]
    fn a_tail_record_reads_back_byte_for_byte() {
        let tail = SendOptions {
            format: LineFormat::TailJson,
            ..SendOptions::json("t")
        };
        let m = parse_line(
            br#"{"topic":"a","partition":2,"offset":5,"timestamp":1700000000000,"key":"/wCA","key_encoding":"base64","value":{"a":1.5},"value_encoding":"json","value_text":"{ \"a\": 1.50 }","headers":[{"key":"h","value":"v","value_encoding":"text"},{"key":"n","value":null,"value_encoding":null}]}"#,
            &tail,
        )
        .unwrap();
        assert_eq!(m.key.as_deref(), Some(&[0xff, 0x00, 0x80][..]));
        assert_eq!(m.value.as_deref(), Some(&br#"{ "a": 1.50 }"#[..]));
        assert_eq!(m.partition, Some(2));
        assert_eq!(m.timestamp, Some(1_700_000_000_000));
        assert_eq!(
            m.headers,
            vec![("h".into(), Some(b"v".to_vec())), ("n".into(), None)]
        );
        let m = parse_line(
            br#"{"partition":0,"key":"7","key_encoding":"text","value":null,"value_encoding":null,"headers":[]}"#,
            &tail,
        )
        .unwrap();
        assert_eq!((m.key.as_deref(), m.value), (Some(&b"7"[..]), None));
        assert!(parse_line(br#"{"id":1}"#, &tail)
            .unwrap_err()
            .contains("not a `consume tail -o json` record"));
        assert!(
            parse_line(br#"{"value":"%%","value_encoding":"base64"}"#, &tail)
                .unwrap_err()
                .contains("bad base64")
        );
    }
}
