//! The Kafka side of the producer: an idempotent producer that notices a lost broker
//! connection (so it can be replaced), queueing a batch with explicit partitions, and
//! settling its acknowledgements.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::client::ClientContext;
use rdkafka::error::KafkaError;
use rdkafka::producer::{FutureProducer, FutureRecord, Producer, PurgeConfig};
use rdkafka::types::RDKafkaErrorCode;

use super::event::{to_event, Row};
use super::partition::{key_of, partition_for};
use crate::error::{Error, Result};
use crate::kafka::client_config;
use crate::kafka::enqueue::enqueue;
use crate::settings::KafkaSettings;

pub fn producer_config(k: &KafkaSettings) -> rdkafka::ClientConfig {
    let mut c = client_config(k);
    c.set("enable.idempotence", "true")
        .set("acks", "all")
        // Partitions are assigned explicitly (see `partition_for`); this only documents that
        // librdkafka would choose the same ones.
        .set("partitioner", "murmur2_random")
        .set("linger.ms", "5")
        .set("queue.buffering.max.messages", "1000000")
        .set("queue.buffering.max.kbytes", "1048576")
        // Surface an unreachable broker as failed deliveries after 15 s (then retried here,
        // with a report), instead of librdkafka's silent 5 minutes.
        .set("message.timeout.ms", "15000");
    c
}

/// Notices a lost broker connection, so the producer can be replaced before the broker
/// comes back: a producer that lived through a broker restart keeps retrying its in-flight
/// batches under its old producer id, which some brokers mishandle (tansu 0.6 with sqlite
/// panics in its idempotence check). A fresh producer gets a fresh id, and the topic itself
/// tells what the old one managed to write.
#[derive(Default, Clone)]
pub struct ConnectionWatch {
    lost: Arc<AtomicBool>,
    reason: Arc<Mutex<Option<String>>>,
}

impl ClientContext for ConnectionWatch {
    fn error(&self, error: KafkaError, reason: &str) {
        if let KafkaError::Global(
            RDKafkaErrorCode::BrokerTransportFailure
            | RDKafkaErrorCode::AllBrokersDown
            | RDKafkaErrorCode::Resolve
            | RDKafkaErrorCode::Fatal,
        ) = error
        {
            if let Ok(mut r) = self.reason.lock() {
                r.get_or_insert_with(|| format!("{reason} ({error})"));
            }
            self.lost.store(true, Ordering::SeqCst);
        }
    }
}

impl ConnectionWatch {
    pub(super) fn lost(&self) -> Option<String> {
        if self.lost.load(Ordering::SeqCst) {
            Some(
                self.reason
                    .lock()
                    .ok()
                    .and_then(|r| r.clone())
                    .unwrap_or_else(|| "connection lost".into()),
            )
        } else {
            None
        }
    }
}

pub(super) type Kafka = FutureProducer<ConnectionWatch>;

pub(super) fn create_producer(k: &KafkaSettings) -> Result<(Kafka, ConnectionWatch)> {
    let watch = ConnectionWatch::default();
    let producer = producer_config(k)
        .create_with_context(watch.clone())
        .map_err(|e| crate::kafka::bad_settings("producer", e))?;
    Ok((producer, watch))
}

/// Stop the producer sending anything more (queued or in flight) and destroy it off the runtime.
pub(super) async fn retire(producer: Kafka) {
    producer.purge(PurgeConfig::default().queue().inflight().non_blocking());
    let _ = tokio::task::spawn_blocking(move || drop(producer)).await;
}

/// Partition count of the topic (blocking).
pub(super) fn partition_count_blocking(k: &KafkaSettings, topic: &str) -> Result<i32> {
    let md = crate::kafka::fetch_metadata_blocking(k, Some(topic), Duration::from_secs(10))?;
    let t = md.topics().iter().find(|t| t.name() == topic);
    match t {
        Some(t) if t.error().is_none() && !t.partitions().is_empty() => Ok(t.partitions().len() as i32),
        _ => Err(Error::not_found(format!("topic `{topic}` does not exist on Kafka at {}", k.bootstrap()))
            .hint(format!("create it: `livedbctl topic create {topic}` (or `livedbctl topic create`, which creates the profile's topics and kafka.topic)"))),
    }
}

pub(super) type Pending = Vec<(i64, i32, rdkafka::producer::DeliveryFuture)>;

/// Queue every not-yet-published row of the batch. Returns what was queued, how many rows
/// were skipped as already on the topic, and an error if queueing failed part-way.
pub(super) async fn send_batch(
    producer: &Kafka,
    topic: &str,
    partitions: i32,
    rows: &[Row],
    max_published: &[i64],
) -> (Pending, u64, Option<String>) {
    let mut pending = Vec::with_capacity(rows.len());
    let mut skipped = 0;
    for r in rows {
        let key = key_of(r.id);
        let p = partition_for(key.as_bytes(), partitions);
        if r.id <= max_published[p as usize] {
            skipped += 1;
            continue;
        }
        let value = match serde_json::to_vec(&to_event(r)) {
            Ok(v) => v,
            Err(e) => {
                return (
                    pending,
                    skipped,
                    Some(format!("cannot encode event {}: {e}", r.id)),
                )
            }
        };
        let record = FutureRecord::to(topic)
            .key(&key)
            .payload(&value)
            .partition(p);
        let queued = enqueue(producer, record, async || {
            // Only this batch is ours to wait for, and it is still being queued.
            Ok::<_, std::convert::Infallible>(false)
        })
        .await;
        match queued {
            Ok(f) => pending.push((r.id, p, f)),
            Err(Ok(e)) => {
                return (
                    pending,
                    skipped,
                    Some(format!("cannot queue event {}: {e}", r.id)),
                )
            }
            Err(Err(never)) => match never {},
        }
    }
    (pending, skipped, None)
}

/// Wait for every acknowledgement of a batch; if the connection drops meanwhile, stop this
/// producer at once (its batches fail and are reconciled) rather than let it retry into a
/// restarted broker. Returns the events acknowledged, and an error if any failed.
pub(super) async fn await_acks(
    producer: &Kafka,
    watch: &ConnectionWatch,
    pending: Pending,
    max_published: &mut [i64],
) -> (u64, std::result::Result<(), String>) {
    let settled = settle(pending, max_published);
    tokio::pin!(settled);
    let mut purged = false;
    loop {
        tokio::select! {
            r = &mut settled => return r,
            _ = tokio::time::sleep(Duration::from_millis(20)), if !purged => {
                if watch.lost().is_some() {
                    producer.purge(PurgeConfig::default().queue().inflight().non_blocking());
                    purged = true;
                }
            }
        }
    }
}

/// Await deliveries; `max_published` is raised for each acknowledged event, also when
/// others failed.
pub(super) async fn settle(
    pending: Pending,
    max_published: &mut [i64],
) -> (u64, std::result::Result<(), String>) {
    let mut first_error = None;
    let mut acked = 0;
    let results = futures::future::join_all(
        pending
            .into_iter()
            .map(|(id, p, f)| async move { (id, p, f.await) }),
    )
    .await;
    for (id, p, r) in results {
        match r {
            Ok(Ok(_)) => {
                acked += 1;
                let m = &mut max_published[p as usize];
                *m = (*m).max(id);
            }
            Ok(Err((e, _))) => {
                first_error.get_or_insert_with(|| format!("delivery of event {id} failed: {e}"));
            }
            Err(_) => {
                first_error.get_or_insert_with(|| format!("delivery of event {id} was cancelled"));
            }
        }
    }
    (acked, first_error.map_or(Ok(()), Err))
}
