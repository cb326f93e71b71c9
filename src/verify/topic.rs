//! The Kafka side of the cut: each partition's high watermark taken at start, and the
//! records below it read once (blocking; run under `spawn_blocking`), each turned into a
//! few numbers at once so a topic of millions of events stays small in memory.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{BorrowedMessage, Headers, Message};
use rdkafka::{Offset, TopicPartitionList};

use super::compare::{livedb_event, EventSeen};
use super::Unreadable;
use crate::settings::KafkaSettings;

/// A partition's watermarks at the cut.
#[derive(Debug, Clone, Copy)]
pub struct PartitionCut {
    pub partition: i32,
    pub low: i64,
    pub high: i64,
}

/// The partitions of `topic` and their watermarks, or why they cannot be had.
pub fn watermarks(k: &KafkaSettings, topic: &str) -> Result<Vec<PartitionCut>, String> {
    let consumer: BaseConsumer =
        crate::kafka::read::reader_config(crate::kafka::client_config(k), "verify")
            .create()
            .map_err(|e| format!("cannot create a Kafka client: {e}"))?;
    let timeout = Duration::from_secs(10);
    let md = consumer
        .fetch_metadata(Some(topic), timeout)
        .map_err(|e| format!("cannot reach Kafka at {}: {e}", k.bootstrap()))?;
    let partitions: Vec<i32> = match md.topics().iter().find(|t| t.name() == topic) {
        Some(t) if t.error().is_none() && !t.partitions().is_empty() => {
            t.partitions().iter().map(|p| p.id()).collect()
        }
        _ => return Err(format!("topic `{topic}` does not exist")),
    };
    let mut out = Vec::new();
    for p in partitions {
        let (low, high) = consumer
            .fetch_watermarks(topic, p, timeout)
            .map_err(|e| format!("cannot read the offsets of `{topic}` partition {p}: {e}"))?;
        out.push(PartitionCut {
            partition: p,
            low,
            high,
        });
    }
    out.sort_by_key(|c| c.partition);
    Ok(out)
}

/// Read every record of `topic` below the cut, handing each to `each`; `progress` is told
/// how many were read now and then. Gives up (with the reason) when nothing arrives for a
/// minute.
pub(super) fn read_below(
    k: &KafkaSettings,
    topic: &str,
    cut: &[PartitionCut],
    mut each: impl FnMut(&BorrowedMessage<'_>),
    mut progress: impl FnMut(u64),
) -> Result<(), String> {
    let consumer: BaseConsumer =
        crate::kafka::read::reader_config(crate::kafka::client_config(k), "verify")
            .create()
            .map_err(|e| format!("cannot create a Kafka client: {e}"))?;
    let mut left: BTreeMap<i32, i64> = cut
        .iter()
        .filter(|c| c.high > c.low)
        .map(|c| (c.partition, c.high))
        .collect();
    crate::kafka::read::assign_at(
        &consumer,
        cut.iter()
            .filter(|c| c.high > c.low)
            .map(|c| (topic, c.partition, c.low)),
    )
    .map_err(|e| format!("cannot read `{topic}`: {e}"))?;
    let mut read = 0u64;
    let mut last_progress = Instant::now();
    let stall = Duration::from_secs(60);
    while !left.is_empty() {
        match consumer.poll(Duration::from_millis(500)) {
            Some(Ok(m)) => {
                last_progress = Instant::now();
                let p = m.partition();
                let Some(&high) = left.get(&p) else { continue };
                if m.offset() < high {
                    each(&m);
                    read += 1;
                    if read.is_multiple_of(10_000) {
                        progress(read);
                    }
                }
                if m.offset() + 1 >= high {
                    left.remove(&p);
                }
            }
            Some(Err(e)) => return Err(format!("reading `{topic}`: {e}")),
            None => {
                // Past the last record there may be only transaction markers: the
                // position tells.
                if let Ok(pos) = consumer.position() {
                    for e in pos.elements_for_topic(topic) {
                        if let Offset::Offset(o) = e.offset() {
                            if left.get(&e.partition()).is_some_and(|high| o >= *high) {
                                left.remove(&e.partition());
                            }
                        }
                    }
                }
                if last_progress.elapsed() > stall {
                    let parts: Vec<i32> = left.keys().copied().collect();
                    return Err(format!(
                        "nothing arrived from `{topic}` partitions {parts:?} for {}s",
                        stall.as_secs()
                    ));
                }
            }
        }
    }
    progress(read);
    let _ = consumer.assign(&TopicPartitionList::new());
    Ok(())
}

/// The producer's topic below the cut.
#[derive(Debug, Default)]
pub struct TopicEvents {
    /// Events whose id is inside the range, sorted by id (then partition and offset).
    pub events: Vec<EventSeen>,
    /// Records that are no livedb event, by reason.
    pub unreadable: Vec<Unreadable>,
    /// Events with an id outside the range asked for.
    pub outside_range: u64,
}

/// Reasons kept in order of first sight, each with a count and where it was first seen.
#[derive(Default)]
pub struct UnreadableTally(Vec<Unreadable>);

impl UnreadableTally {
    pub fn add(&mut self, reason: &str, partition: i32, offset: i64) {
        match self.0.iter_mut().find(|u| u.reason == reason) {
            Some(u) => u.count += 1,
            None => self.0.push(Unreadable {
                reason: reason.to_string(),
                count: 1,
                first: format!("partition {partition} offset {offset}"),
            }),
        }
    }
    pub fn into_vec(self) -> Vec<Unreadable> {
        self.0
    }
}

pub fn read_events(
    k: &KafkaSettings,
    topic: &str,
    cut: &[PartitionCut],
    (from_id, to_id): (i64, i64),
    progress: impl FnMut(u64),
) -> Result<TopicEvents, String> {
    let mut out = TopicEvents::default();
    let mut unreadable = UnreadableTally::default();
    read_below(
        k,
        topic,
        cut,
        |m| match livedb_event(m.payload()) {
            Ok((id, sum)) if (from_id..=to_id).contains(&id) => out.events.push(EventSeen {
                id,
                checksum: sum,
                partition: m.partition(),
                offset: m.offset(),
            }),
            Ok(_) => out.outside_range += 1,
            Err(reason) => unreadable.add(reason, m.partition(), m.offset()),
        },
        progress,
    )?;
    out.events
        .sort_unstable_by_key(|e| (e.id, e.partition, e.offset));
    out.unreadable = unreadable.into_vec();
    Ok(out)
}

/// One dead letter of the producer's topic.
#[derive(Debug, Clone)]
pub struct DeadLetter {
    /// None when neither its key nor its value tells (it is then also counted unreadable).
    pub id: Option<i64>,
    pub reason: String,
    /// `dlq.destination`: what the consumer that set it aside writes to.
    pub destination: String,
    /// `dlq.partition`, `dlq.offset`: where it was on the source topic.
    pub source: Option<(i32, i64)>,
}

/// The dead letters on `dlq_topic` that came from `source_topic` (header `dlq.topic`), with
/// their ids (the original key, or the value's `id`).
pub fn read_dead_letters(
    k: &KafkaSettings,
    dlq_topic: &str,
    source_topic: &str,
    cut: &[PartitionCut],
    progress: impl FnMut(u64),
) -> Result<(Vec<DeadLetter>, Vec<Unreadable>), String> {
    let mut out = Vec::new();
    let mut unreadable = UnreadableTally::default();
    read_below(
        k,
        dlq_topic,
        cut,
        |m| {
            let header = |name: &str| -> Option<String> {
                let hs = m.headers()?;
                hs.iter()
                    .find(|h| h.key == name)
                    .and_then(|h| h.value)
                    .map(|v| String::from_utf8_lossy(v).into_owned())
            };
            if header("dlq.topic").is_some_and(|t| t != source_topic) {
                return;
            }
            let id = m
                .key()
                .and_then(|k| std::str::from_utf8(k).ok())
                .and_then(|k| k.trim().parse::<i64>().ok())
                .or_else(|| {
                    m.payload()
                        .and_then(|v| serde_json::from_slice::<serde_json::Value>(v).ok())
                        .and_then(|v| v.get("id").and_then(serde_json::Value::as_i64))
                });
            if id.is_none() {
                unreadable.add("a dead letter without an id", m.partition(), m.offset());
            }
            let source = header("dlq.partition")
                .and_then(|p| p.parse().ok())
                .zip(header("dlq.offset").and_then(|o| o.parse().ok()));
            out.push(DeadLetter {
                id,
                reason: header("dlq.reason").unwrap_or_else(|| "(no dlq.reason)".into()),
                destination: header("dlq.destination").unwrap_or_default(),
                source,
            });
        },
        progress,
    )?;
    out.sort_by_key(|d| d.id);
    Ok((out, unreadable.into_vec()))
}
