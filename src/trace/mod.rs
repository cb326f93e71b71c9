//! `trace ID`: where one `livedb` row went. The row in PostgreSQL, its event on the
//! producer's topic (partition computed as the producer computes it, offset found by
//! reading: [`event`]), each consumer group's position against that offset, and what it
//! became downstream ([`downstream`]: the sink row, the aggregate's window, dead letters),
//! with the time at each step where the systems record one.
//!
//! Nothing is written and nothing waits for the pipeline: a trace is a look at this
//! moment. A stage that cannot be looked at says why; the rest is still shown.

pub mod cdc;
pub mod downstream;
pub mod event;
pub mod stream;

use std::time::Duration;

use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::groups::GroupClient;
use crate::pipeline::producer::{self, Event};
use crate::settings::Settings;
use downstream::{DeadLetter, Destination};
use event::Record;

/// Records read at most from a partition when the binary search misses.
pub const DEFAULT_SCAN_LIMIT: u64 = 200_000;
/// Records read at most from the end of each dead-letter topic partition.
const DEAD_LETTER_SCAN: u64 = 100_000;
const GROUP_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum TraceError {
    #[error("no row with id {id} in table livedb of database `{database}`")]
    NoRow { id: i64, database: String },
    #[error("topic `{topic}` does not exist")]
    NoTopic { topic: String },
    #[error("Kafka at {bootstrap}: {message}")]
    Kafka { bootstrap: String, message: String },
    #[error("no record came from `{topic}` partition {partition} at offset {offset} (below its high watermark) within 10 s")]
    ReadStalled {
        topic: String,
        partition: i32,
        offset: i64,
    },
}

impl From<TraceError> for Error {
    fn from(e: TraceError) -> Self {
        let kind = match &e {
            TraceError::NoRow { .. } | TraceError::NoTopic { .. } => ErrorKind::NotFound,
            TraceError::Kafka { .. } => ErrorKind::Connection,
            TraceError::ReadStalled { .. } => ErrorKind::Runtime,
        };
        Error::from_domain(kind, e)
    }
}

#[derive(Debug, Clone)]
pub struct TraceOptions {
    pub id: i64,
    /// The producer's topic (the profile's `kafka.topic`).
    pub topic: String,
    pub scan_limit: u64,
    /// Read the rest of the partition for more copies of the event (a replay's).
    pub all_copies: bool,
    /// Stream jobs whose results to look for the event in.
    pub jobs: Vec<crate::stream::job::Job>,
}

/// The row as PostgreSQL holds it.
#[derive(Debug, Clone, Serialize)]
pub struct RowStep {
    pub org: String,
    pub amount: String,
    pub region: String,
    /// UTC, as the event's `meta.created_at` writes it.
    pub created_at: Option<String>,
    /// The inserting transaction.
    pub xmin: u32,
}

/// `producer_offsets`: whether `produce poll` has moved past the row.
#[derive(Debug, Clone, Serialize)]
pub struct ProducerStep {
    pub last_id: Option<i64>,
    pub passed: bool,
}

/// The event on the topic.
#[derive(Debug, Clone, Serialize)]
pub struct EventStep {
    pub topic: String,
    pub partitions: i32,
    /// `murmur2(key) % partitions`, as the producer computes it.
    pub partition: i32,
    /// Null when the event is not on the partition.
    pub offset: Option<i64>,
    pub published_at: Option<String>,
    /// The event is exactly what `produce poll` makes of the row today; the fields that
    /// differ are listed in `differences`.
    pub matches_row: Option<bool>,
    pub differences: Vec<String>,
    /// More offsets holding the same id (a replay), beside `offset`: all of them when
    /// `copies_complete`, else those a read forward came across.
    pub copies: Vec<i64>,
    /// Every record of the partition after `offset` was read for copies (a forward read
    /// to the end, or `--all-copies`).
    pub copies_complete: bool,
    /// `search` (binary search over the partition) or `scan` (read forward).
    pub found_by: String,
    pub records_read: u64,
    /// The partition's offsets when the trace began.
    pub low: i64,
    pub high: i64,
    pub note: Option<String>,
}

/// One consumer group that reads the topic, against the event.
#[derive(Debug, Clone, Serialize)]
pub struct GroupStep {
    pub group: String,
    /// `sink`, `aggregate`, `route`, `stream` or `other`, from the group's name.
    pub kind: String,
    /// Where it writes, when its name says (`postgres:TABLE`, `redis:PREFIX`, ...).
    pub writes_to: Option<String>,
    /// Its committed offset on the event's partition (null: never committed there).
    pub committed: Option<i64>,
    pub consumed: bool,
    /// Records it still has to read before it reaches the event (0: the event is next).
    pub records_before: Option<i64>,
    /// How long the event has been waiting for this group (now − published), if not consumed.
    pub waiting_ms: Option<i64>,
}

/// The time at each step, where a system records one.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub step: String,
    pub at: Option<String>,
    /// Milliseconds from the row's `created_at` to this step, when both are known.
    pub after_created_ms: Option<i64>,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    pub id: i64,
    pub row: RowStep,
    pub producer: ProducerStep,
    /// Null when the topic does not exist.
    pub event: Option<EventStep>,
    pub groups: Vec<GroupStep>,
    pub destinations: Vec<Destination>,
    pub dead_letters: Vec<DeadLetter>,
    /// What each `--job` made of the event, per sink.
    pub stream_results: Vec<stream::StreamResult>,
    pub timeline: Vec<Step>,
    /// Stages that could not be looked at, and why.
    pub notes: Vec<String>,
}

pub(crate) fn rfc3339_ms(ms: i64) -> Option<String> {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

/// The fields of the event on the topic that differ from the event made from the row.
fn differences(expected: &Event, rec: &Record) -> Vec<String> {
    let Some(v) = rec.value.as_deref() else {
        return vec!["value: null (a tombstone)".into()];
    };
    let got: serde_json::Value = match serde_json::from_slice(v) {
        Ok(g) => g,
        Err(e) => return vec![format!("value: not JSON ({e})")],
    };
    let want = serde_json::to_value(expected).unwrap_or_default();
    let mut out = Vec::new();
    diff("", &want, &got, &mut out);
    out
}

fn diff(path: &str, want: &serde_json::Value, got: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value::Object;
    match (want, got) {
        (Object(w), Object(g)) => {
            for (k, wv) in w {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match g.get(k) {
                    Some(gv) => diff(&p, wv, gv, out),
                    None => out.push(format!("{p}: missing (row has {wv})")),
                }
            }
            for k in g.keys().filter(|k| !w.contains_key(*k)) {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                out.push(format!("{p}: not in the row's event"));
            }
        }
        _ if want != got => out.push(format!("{path}: row {want}, event {got}")),
        _ => {}
    }
}

/// Trace row `id`. Fails only when the row does not exist or Kafka cannot be reached; every
/// other stage that cannot be looked at is a note.
pub async fn trace(s: &Settings, opts: &TraceOptions) -> crate::error::Result<Trace> {
    let id = opts.id;
    let client = crate::pg::connect(&s.postgres).await?;
    let row = producer::read_row(&client, id)
        .await
        .map_err(|e| crate::pg::query_error("reading the row from livedb", e))?
        .ok_or_else(|| TraceError::NoRow {
            id,
            database: s.postgres.dbname.clone(),
        })?;
    let expected = producer::to_event(&row);
    // None for a time beyond chrono's range: the event is then searched from the start.
    let created_ms = row
        .created_at_text
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.timestamp_millis());
    let mut notes = Vec::new();
    let last_id: Option<i64> = match client
        .query_opt(
            "SELECT last_id::bigint FROM producer_offsets WHERE id = 1",
            &[],
        )
        .await
    {
        Ok(r) => r.map(|r| r.get(0)),
        Err(e) => {
            notes.push(format!("producer_offsets: {e}"));
            None
        }
    };

    let k = s.kafka.clone();
    let topic = opts.topic.clone();
    let (limit, all) = (opts.scan_limit, opts.all_copies);
    let located =
        tokio::task::spawn_blocking(move || event::locate(&k, &topic, id, created_ms, limit, all))
            .await
            .map_err(|e| Error::internal(format!("the Kafka task: {e}")))??;

    let mut out = Trace {
        id,
        row: RowStep {
            org: row.org.clone(),
            amount: row.amount.clone(),
            region: row.region.clone(),
            created_at: expected.meta.created_at.clone(),
            xmin: row.xmin(),
        },
        producer: ProducerStep {
            last_id,
            passed: last_id.is_some_and(|l| l >= id),
        },
        event: None,
        groups: Vec::new(),
        destinations: Vec::new(),
        dead_letters: Vec::new(),
        stream_results: Vec::new(),
        timeline: vec![Step {
            step: "created".into(),
            at: expected.meta.created_at.clone(),
            after_created_ms: None,
            detail: format!("row {id} in livedb (xmin {})", row.xmin()),
        }],
        notes,
    };
    let Some(located) = located else {
        out.notes
            .push(format!("topic `{}` does not exist", opts.topic));
        return Ok(with_delays(out, created_ms));
    };
    let first = located.copies.first().cloned();
    out.event = Some(EventStep {
        topic: opts.topic.clone(),
        partitions: located.partitions,
        partition: located.partition,
        offset: first.as_ref().map(|r| r.offset),
        published_at: first
            .as_ref()
            .and_then(|r| r.timestamp_ms)
            .and_then(rfc3339_ms),
        matches_row: first.as_ref().map(|r| differences(&expected, r).is_empty()),
        differences: first
            .as_ref()
            .map(|r| differences(&expected, r))
            .unwrap_or_default(),
        copies: located.copies.iter().skip(1).map(|r| r.offset).collect(),
        copies_complete: (located.found_by == "scan" || opts.all_copies) && !located.scan_cut,
        found_by: located.found_by.into(),
        records_read: located.read,
        low: located.low,
        high: located.high,
        note: first.is_none().then(|| {
            let cut = if located.scan_cut {
                format!(
                    " (read stopped after {} records: --scan-limit)",
                    opts.scan_limit
                )
            } else {
                String::new()
            };
            format!(
                "not on partition {} of `{}` (offsets {}..{}){cut}",
                located.partition, opts.topic, located.low, located.high
            )
        }),
    });
    let Some(rec) = first else {
        return Ok(with_delays(out, created_ms));
    };
    out.timeline.push(Step {
        step: "published".into(),
        at: rec.timestamp_ms.and_then(rfc3339_ms),
        after_created_ms: None,
        detail: format!(
            "{} partition {} offset {}",
            opts.topic, rec.partition, rec.offset
        ),
    });

    // Consumer groups: every group with a committed offset on the topic.
    let at = Position {
        topic: opts.topic.clone(),
        partitions: located.partitions,
        partition: rec.partition,
        low: located.low,
        offset: rec.offset,
        published_ms: rec.timestamp_ms,
    };
    out.groups = groups_against(&s.kafka, at, &mut out.notes).await?;
    for g in out.groups.iter().filter(|g| g.consumed) {
        out.timeline.push(Step {
            step: "consumed".into(),
            at: None,
            after_created_ms: None,
            detail: format!(
                "by {} (committed {}; Kafka does not record when)",
                g.group,
                g.committed.unwrap_or(0)
            ),
        });
    }

    // Destinations, from the groups' names.
    let mut redis: Option<redis::aio::MultiplexedConnection> = None;
    for g in out.groups.clone() {
        match (g.kind.as_str(), g.writes_to.as_deref()) {
            ("sink", Some(w)) => {
                let table = w.trim_start_matches("postgres:");
                let d = downstream::sink_row(&client, table, &g.group, id).await;
                if d.found == Some(true) {
                    out.timeline.push(Step {
                        step: "written".into(),
                        at: d.written_at.clone(),
                        after_created_ms: None,
                        detail: format!("row in {table} (by {})", g.group),
                    });
                }
                out.destinations.push(d);
            }
            ("aggregate", Some(w)) => {
                let prefix = w.trim_start_matches("redis:");
                if redis.is_none() {
                    match crate::redisdb::connect(&s.redis.url).await {
                        Ok(c) => redis = Some(c),
                        Err(e) => {
                            out.notes.push(format!("aggregate {}: {e}", g.group));
                            continue;
                        }
                    }
                }
                if let Some(conn) = redis.as_mut() {
                    let d = downstream::aggregate_window(conn, prefix, &opts.topic, &g.group, &rec)
                        .await;
                    if d.found == Some(true) {
                        out.timeline.push(Step {
                            step: "written".into(),
                            at: None,
                            after_created_ms: None,
                            detail: format!("window {} (by {})", d.name, g.group),
                        });
                    }
                    out.destinations.push(d);
                }
            }
            _ => {}
        }
    }

    for job in &opts.jobs {
        for r in stream::results(s, job, &rec).await {
            if r.found == Some(true) {
                out.timeline.push(Step {
                    step: "in a result".into(),
                    at: None,
                    after_created_ms: None,
                    detail: format!(
                        "{} window(s) of job {} in {}",
                        r.results.len(),
                        r.job,
                        r.sink
                    ),
                });
            }
            out.stream_results.push(r);
        }
    }

    // Dead letters: the topic's dead-letter topic, and the sink's default table.
    let k = s.kafka.clone();
    let topic = opts.topic.clone();
    let dlq = format!("{}.dlq", opts.topic);
    let rec2 = rec.clone();
    match tokio::task::spawn_blocking(move || {
        downstream::dead_letters_on_topic(&k, &dlq, &rec2, &topic, DEAD_LETTER_SCAN)
    })
    .await
    .map_err(|e| Error::internal(format!("the Kafka task: {e}")))?
    {
        Ok(d) => out.dead_letters.extend(d),
        Err(e) => out.notes.push(format!("dead-letter topic: {e}")),
    }
    match downstream::dead_letters_in_table(
        &client,
        crate::consumers::sink::DEFAULT_DEAD_LETTER_TABLE,
        &rec,
        &opts.topic,
    )
    .await
    {
        Ok(d) => out.dead_letters.extend(d),
        Err(e) => out.notes.push(format!("dead-letter table: {e}")),
    }
    for d in &out.dead_letters {
        out.timeline.push(Step {
            step: "set aside".into(),
            at: d.at.clone(),
            after_created_ms: None,
            detail: format!(
                "in {}: {}",
                d.r#where,
                d.reason.as_deref().unwrap_or("no reason given")
            ),
        });
    }
    Ok(with_delays(out, created_ms))
}

/// Each step's time after the row's creation.
fn with_delays(mut t: Trace, created_ms: Option<i64>) -> Trace {
    for step in &mut t.timeline {
        let at = step
            .at
            .as_deref()
            .and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok())
            .map(|a| a.timestamp_millis());
        step.after_created_ms = at.zip(created_ms).map(|(a, c)| a - c);
    }
    t
}

/// An event's place, for the groups' positions against it.
struct Position {
    topic: String,
    partitions: i32,
    partition: i32,
    /// The partition's low watermark: where a group without a commit starts (earliest).
    low: i64,
    offset: i64,
    published_ms: Option<i64>,
}

/// Every group with a committed offset on the topic, against the event; a group whose
/// offsets cannot be read is a note, the others are still shown.
fn group_steps(
    k: &crate::settings::KafkaSettings,
    at: &Position,
) -> crate::error::Result<(Vec<GroupStep>, Vec<String>)> {
    let mut gc = GroupClient::new(k)?;
    let tps: Vec<(String, i32)> = (0..at.partitions).map(|p| (at.topic.clone(), p)).collect();
    let now_ms = chrono::Utc::now().timestamp_millis();
    let (mut out, mut notes) = (Vec::new(), Vec::new());
    for (group, _) in gc.list(GROUP_TIMEOUT)? {
        let committed = match gc.committed(&group, &tps, GROUP_TIMEOUT) {
            Ok(c) => c,
            Err(e) => {
                notes.push(format!("group {group}: {e}"));
                continue;
            }
        };
        if committed.is_empty() {
            continue;
        }
        let c = committed.get(&(at.topic.clone(), at.partition)).copied();
        let consumed = c.is_some_and(|c| c > at.offset);
        let (kind, writes_to) = crate::sampler::kafka::consumer_kind(&group);
        out.push(GroupStep {
            group,
            kind,
            writes_to,
            committed: c,
            consumed,
            records_before: (!consumed)
                .then(|| at.offset - c.unwrap_or(at.low))
                .map(|n| n.max(0)),
            waiting_ms: (!consumed)
                .then_some(at.published_ms)
                .flatten()
                .map(|p| (now_ms - p).max(0)),
        });
    }
    Ok((out, notes))
}

/// [`group_steps`] on a blocking thread, its failures as notes of `notes`.
async fn groups_against(
    k: &crate::settings::KafkaSettings,
    at: Position,
    notes: &mut Vec<String>,
) -> crate::error::Result<Vec<GroupStep>> {
    let k = k.clone();
    let got = tokio::task::spawn_blocking(move || group_steps(&k, &at))
        .await
        .map_err(|e| Error::internal(format!("the Kafka task: {e}")))?;
    Ok(match got {
        Ok((groups, more)) => {
            notes.extend(more);
            groups
        }
        Err(e) => {
            notes.push(format!("consumer groups: {e}"));
            Vec::new()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(value: &[u8]) -> Record {
        Record {
            partition: 0,
            offset: 0,
            timestamp_ms: None,
            key: Some(b"7".to_vec()),
            value: Some(value.to_vec()),
            headers: Vec::new(),
        }
    }

    fn expected() -> Event {
        serde_json::from_str(
            r#"{"id":7,"payload":{"org":"Acme","amount":"12.50","region":"eu"},"meta":{"source":"kafka-producer","created_at":null}}"#,
        )
        .unwrap()
    }

    #[test]
    fn differences_name_each_field_that_is_not_the_rows() {
        let same = serde_json::to_vec(&expected()).unwrap();
        assert!(differences(&expected(), &record(&same)).is_empty());
        let changed = br#"{"id":7,"payload":{"org":"Acme","amount":"99.00","region":"eu","x":1},"meta":{"source":"kafka-producer","created_at":null}}"#;
        assert_eq!(
            differences(&expected(), &record(changed)),
            [
                r#"payload.amount: row "12.50", event "99.00""#,
                "payload.x: not in the row's event"
            ]
        );
        assert_eq!(
            differences(&expected(), &record(b"\0not json"))[0]
                .split(' ')
                .next(),
            Some("value:")
        );
        let mut tombstone = record(b"");
        tombstone.value = None;
        assert_eq!(
            differences(&expected(), &tombstone),
            ["value: null (a tombstone)"]
        );
    }

    #[test]
    fn a_record_is_about_its_key_or_else_its_values_id() {
        assert_eq!(record(b"{}").id(), Some(7));
        let mut r = record(br#"{"id": 9}"#);
        r.key = Some(b"not a number".to_vec());
        assert_eq!(r.id(), Some(9));
        r.key = None;
        r.value = Some(b"[1, 2]".to_vec());
        assert_eq!(r.id(), None);
    }
}
