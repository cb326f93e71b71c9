//! `produce send`: lines to a topic (JSON, raw bytes, or a `consume tail -o json` dump),
//! with keys, headers, a partition and tombstones, at full speed or a fixed rate.
//! Every line ends up either delivered (acknowledged by the broker) or in the failures with
//! its line number and the reason: nothing is dropped silently.

mod parse;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rdkafka::error::KafkaError;
use rdkafka::message::{Header, Message as _, OwnedHeaders};
use rdkafka::producer::{BaseRecord, DeliveryResult, Producer as _, ProducerContext};
use serde::Serialize;
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::error::{Error, Result};
use crate::kafka::enqueue::enqueue_reported;
use crate::kafka::{client_config, fetch_metadata, ClusterError};
use crate::settings::KafkaSettings;
use parse::parse_line;

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
pub fn producer(k: &KafkaSettings) -> Result<crate::kafka::awaited::AwaitedProducer> {
    crate::kafka::awaited::create(&producer_config(k), "producer")
}

/// What `produce send` is told of each record: its line and whether it is a tombstone.
type Sent = Box<(u64, bool)>;

/// `produce send`'s producer context: librdkafka's polling thread tallies each delivery
/// here (counters, and the failures with their lines), with no future or channel per
/// record, only the small box of its line: a future per record was a third of `produce
/// send`'s CPU, and a channel of outcomes a tenth of what was left.
struct Reports {
    /// Records reported, delivered or not.
    reported: AtomicU64,
    delivered: AtomicU64,
    tombstones: AtomicU64,
    /// Deliveries by partition (the topic's partitions when the send began).
    by_partition: Vec<AtomicU64>,
    /// Deliveries to a partition beyond those (the topic grew meanwhile).
    beyond: Mutex<BTreeMap<i32, u64>>,
    failed: AtomicU64,
    failures: Mutex<Vec<LineFailure>>,
    /// Set once every record is queued: each report then wakes the sender.
    draining: AtomicBool,
    wake: tokio::sync::Notify,
}

impl Reports {
    fn new(partitions: usize) -> Reports {
        Reports {
            reported: AtomicU64::new(0),
            delivered: AtomicU64::new(0),
            tombstones: AtomicU64::new(0),
            by_partition: (0..partitions).map(|_| AtomicU64::new(0)).collect(),
            beyond: Mutex::new(BTreeMap::new()),
            failed: AtomicU64::new(0),
            failures: Mutex::new(Vec::new()),
            draining: AtomicBool::new(false),
            wake: tokio::sync::Notify::new(),
        }
    }
}

impl rdkafka::ClientContext for Reports {}

impl ProducerContext for Reports {
    type DeliveryOpaque = Sent;
    fn delivery(&self, r: &DeliveryResult<'_>, sent: Sent) {
        let (line, tombstone) = *sent;
        match r {
            Ok(m) => {
                let p = m.partition();
                match usize::try_from(p)
                    .ok()
                    .and_then(|i| self.by_partition.get(i))
                {
                    Some(n) => {
                        n.fetch_add(1, Ordering::Relaxed);
                    }
                    None => {
                        let mut beyond = self.beyond.lock().unwrap_or_else(|e| e.into_inner());
                        *beyond.entry(p).or_default() += 1;
                    }
                }
                self.tombstones
                    .fetch_add(u64::from(tombstone), Ordering::Relaxed);
                self.delivered.fetch_add(1, Ordering::Relaxed);
            }
            Err((e, _)) => {
                let reason = describe(e);
                let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
                failures.push(LineFailure { line, reason });
                self.failed.fetch_add(1, Ordering::SeqCst);
            }
        }
        self.reported.fetch_add(1, Ordering::SeqCst);
        // The sender sets `draining` before it reads `reported`: one of the two sees the
        // other's write, so the last report is never missed (a stored permit if early).
        if self.draining.load(Ordering::SeqCst) {
            self.wake.notify_one();
        }
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

/// How many deliveries apart `send_lines` reports progress.
const PROGRESS_EVERY: u64 = 1000;

/// Read lines from `input` and publish them. `on_failure` sees each failure as it is
/// known, `on_delivered` the running count of deliveries every thousand or so, and the
/// total at the end.
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
    let producer =
        crate::kafka::polled::create(&producer_config(k), Reports::new(partitions), "producer")?;
    let reports = producer.context();
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
    // Failures found here (the line) and reported by the producer, each passed on once.
    let mut fail = |summary: &mut SendSummary, f: LineFailure| {
        on_failure(&f);
        summary.failures.push(f);
    };
    // What the producer reported since the last look: failures passed on, progress at
    // most every PROGRESS_EVERY deliveries.
    let mut seen_failures = 0u64;
    let mut shown = 0u64;
    let mut look = |summary: &mut SendSummary,
                    fail: &mut dyn FnMut(&mut SendSummary, LineFailure)| {
        if reports.failed.load(Ordering::SeqCst) > seen_failures {
            let new: Vec<LineFailure> =
                std::mem::take(&mut *reports.failures.lock().unwrap_or_else(|e| e.into_inner()));
            seen_failures += new.len() as u64;
            for f in new {
                fail(summary, f);
            }
        }
        let delivered = reports.delivered.load(Ordering::Relaxed);
        if delivered >= shown + PROGRESS_EVERY {
            shown = delivered;
            on_delivered(delivered);
        }
    };
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    let mut sent = 0u64;
    // Records queued: each will be reported once.
    let mut queued = 0u64;
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
                let line = line_no;
                fail(&mut summary, LineFailure { line, reason });
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
            Ok(()) => queued += 1,
            Err(e) => {
                let reason = describe(&e);
                fail(
                    &mut summary,
                    LineFailure {
                        line: line_no,
                        reason,
                    },
                );
            }
        }
        sent += 1;
        look(&mut summary, &mut fail);
    }
    // Every record queued is reported once: delivered, or failed within its timeout.
    reports.draining.store(true, Ordering::SeqCst);
    while reports.reported.load(Ordering::SeqCst) < queued {
        reports.wake.notified().await;
    }
    look(&mut summary, &mut fail);
    summary.delivered = reports.delivered.load(Ordering::SeqCst);
    summary.tombstones = reports.tombstones.load(Ordering::SeqCst);
    summary.partitions = reports
        .beyond
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    for (p, n) in reports.by_partition.iter().enumerate() {
        let n = n.load(Ordering::SeqCst);
        if n > 0 {
            summary.partitions.insert(p as i32, n);
        }
    }
    summary.failed = summary.failures.len() as u64;
    on_delivered(summary.delivered);
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

fn describe(e: &KafkaError) -> String {
    match e.rdkafka_error_code() {
        Some(code) => format!("not delivered: {e} ({code:?})"),
        None => format!("not delivered: {e}"),
    }
}
