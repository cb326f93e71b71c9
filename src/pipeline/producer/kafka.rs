//! The Kafka side of the producer: a producer with one request in flight and no client
//! retries that notices a lost broker connection (so it can be replaced), queueing a batch with explicit partitions, and
//! settling its acknowledgements. Acknowledgements are counted into their batch by
//! librdkafka's delivery callback, and the batch's waiter is woken once, when the last one
//! arrives (a future per event cost a task wake-up per event: most of the producer's CPU).

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::client::ClientContext;
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::producer::{BaseRecord, DeliveryResult, Producer, ProducerContext, PurgeConfig};
use rdkafka::types::RDKafkaErrorCode;

use super::event::write_event;
use super::partition::partition_for;
use super::source::ReadRow;
use crate::error::Result;
use crate::kafka::client_config;
use crate::kafka::enqueue::enqueue_reported;
use crate::pipeline::PipelineError;
use crate::settings::KafkaSettings;

pub fn producer_config(k: &KafkaSettings) -> rdkafka::ClientConfig {
    let mut c = client_config(k);
    // One produce request in flight and no retries by the client: a partition receives a
    // batch only once the one before was acknowledged, and a request that fails is never
    // resent by librdkafka (it might have landed): the batch fails, this producer is
    // replaced and the topic is read to learn what it holds (SOP.md, "produce poll:
    // delivery guarantee"). The idempotent producer gave the same order, but against
    // tansu it halved the throughput and its broker thread spun at ten times the CPU
    // (the same with kcat, `-X enable.idempotence=true`).
    c.set("enable.idempotence", "false")
        .set("max.in.flight.requests.per.connection", "1")
        .set("retries", "0")
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
/// comes back: what the old one managed to write is then read from the topic itself, and
/// nothing it had queued can reach the restarted broker behind the reconciliation's back.
#[derive(Default, Clone)]
pub struct ConnectionWatch {
    lost: Arc<AtomicBool>,
    reason: Arc<Mutex<Option<String>>>,
}

impl ConnectionWatch {
    fn on_error(&self, error: KafkaError, reason: &str) {
        // A fatal error ends the producer as surely as a lost connection.
        if let KafkaError::Global(code) = error {
            if !crate::kafka::connection::is_connection_loss(code)
                && code != RDKafkaErrorCode::Fatal
            {
                return;
            }
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

/// What librdkafka reports to the producer: errors (for [`ConnectionWatch`]) and each
/// event's delivery, counted into its [`BatchAcks`].
pub(super) struct ProducerEvents {
    watch: ConnectionWatch,
}

impl ClientContext for ProducerEvents {
    fn error(&self, error: KafkaError, reason: &str) {
        self.watch.on_error(error, reason);
    }
}

impl ProducerContext for ProducerEvents {
    type DeliveryOpaque = Box<Delivery>;

    fn delivery(&self, result: &DeliveryResult<'_>, d: Box<Delivery>) {
        d.batch.settle_one(d.id, result);
    }
}

/// The event a delivery report is about.
pub(super) struct Delivery {
    batch: Arc<BatchAcks>,
    id: i64,
}

/// The acknowledgements of one batch, as they arrive.
pub(super) struct BatchAcks {
    /// Events queued and not yet reported.
    outstanding: AtomicUsize,
    /// Every event of the batch has been queued: `outstanding` at 0 then means settled.
    sealed: AtomicBool,
    acked: AtomicU64,
    /// Per partition, the highest id acknowledged (-1: none).
    max_acked: Vec<AtomicI64>,
    first_error: Mutex<Option<String>>,
    settled: tokio::sync::Notify,
}

impl BatchAcks {
    fn new(partitions: i32) -> Arc<BatchAcks> {
        Arc::new(BatchAcks {
            outstanding: AtomicUsize::new(0),
            sealed: AtomicBool::new(false),
            acked: AtomicU64::new(0),
            max_acked: (0..partitions).map(|_| AtomicI64::new(-1)).collect(),
            first_error: Mutex::new(None),
            settled: tokio::sync::Notify::new(),
        })
    }

    /// Called by librdkafka's thread for each event of the batch.
    fn settle_one(&self, id: i64, result: &DeliveryResult<'_>) {
        match result {
            Ok(m) => {
                self.acked.fetch_add(1, Ordering::Relaxed);
                if let Some(max) = self.max_acked.get(m.partition() as usize) {
                    max.fetch_max(id, Ordering::Relaxed);
                }
            }
            Err((e, _)) => {
                if let Ok(mut first) = self.first_error.lock() {
                    first.get_or_insert_with(|| format!("delivery of event {id} failed: {e}"));
                }
            }
        }
        if self.outstanding.fetch_sub(1, Ordering::AcqRel) == 1
            && self.sealed.load(Ordering::Acquire)
        {
            self.settled.notify_one();
        }
    }

    /// No more events will be queued in this batch.
    fn seal(&self) {
        self.sealed.store(true, Ordering::Release);
        if self.outstanding.load(Ordering::Acquire) == 0 {
            self.settled.notify_one();
        }
    }

    fn is_settled(&self) -> bool {
        self.sealed.load(Ordering::Acquire) && self.outstanding.load(Ordering::Acquire) == 0
    }

    /// Wait until every queued event was reported.
    async fn wait(&self) {
        while !self.is_settled() {
            self.settled.notified().await;
        }
    }

    /// Events acknowledged, and the first failure; `max_published` is raised for each
    /// partition that got acknowledgements (also when others failed).
    fn outcome(&self, max_published: &mut [i64]) -> (u64, std::result::Result<(), String>) {
        for (m, acked) in max_published.iter_mut().zip(&self.max_acked) {
            *m = (*m).max(acked.load(Ordering::Relaxed));
        }
        let error = self.first_error.lock().ok().and_then(|mut e| e.take());
        (
            self.acked.load(Ordering::Relaxed),
            error.map_or(Ok(()), Err),
        )
    }
}

pub(super) type Kafka = crate::kafka::polled::PolledProducer<ProducerEvents>;

pub(super) fn create_producer(k: &KafkaSettings) -> Result<(Kafka, ConnectionWatch)> {
    let watch = ConnectionWatch::default();
    let producer = crate::kafka::polled::create(
        &producer_config(k),
        ProducerEvents {
            watch: watch.clone(),
        },
        "producer",
    )?;
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
        Some(t) if t.error().is_none() && !t.partitions().is_empty() => {
            Ok(t.partitions().len() as i32)
        }
        _ => Err(PipelineError::NoTopic {
            topic: topic.to_string(),
            bootstrap: k.bootstrap(),
        }
        .into()),
    }
}

/// A batch sent: its acknowledgements as they arrive.
pub(super) type Pending = Arc<BatchAcks>;

/// A batch of which nothing was sent.
pub(super) fn nothing_sent(partitions: i32) -> Pending {
    let batch = BatchAcks::new(partitions);
    batch.seal();
    batch
}

/// Queue every not-yet-published row of the batch. Returns what was queued, how many rows
/// were skipped as already on the topic, and an error if queueing failed part-way.
pub(super) async fn send_batch(
    producer: &Kafka,
    topic: &str,
    partitions: i32,
    rows: &[ReadRow],
    max_published: &[i64],
) -> (Pending, u64, Option<String>) {
    let batch = BatchAcks::new(partitions);
    let mut skipped = 0;
    let mut id_text = itoa::Buffer::new();
    let mut value = Vec::with_capacity(256);
    for r in rows {
        let key = id_text.format(r.id);
        let p = partition_for(key.as_bytes(), partitions);
        if r.id <= max_published[p as usize] {
            skipped += 1;
            continue;
        }
        value.clear();
        write_event(&r.columns(), &mut value);
        batch.outstanding.fetch_add(1, Ordering::AcqRel);
        let record = BaseRecord::with_opaque_to(
            topic,
            Box::new(Delivery {
                batch: batch.clone(),
                id: r.id,
            }),
        )
        .key(key)
        .payload(value.as_slice())
        .partition(p);
        if let Err(e) = enqueue_reported(producer, record).await {
            // Refused, so never reported.
            batch.outstanding.fetch_sub(1, Ordering::AcqRel);
            batch.seal();
            return (
                batch,
                skipped,
                Some(format!("cannot queue event {}: {e}", r.id)),
            );
        }
    }
    batch.seal();
    (batch, skipped, None)
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
    let settled = pending.wait();
    tokio::pin!(settled);
    let mut purged = false;
    loop {
        tokio::select! {
            () = &mut settled => return pending.outcome(max_published),
            _ = tokio::time::sleep(Duration::from_millis(20)), if !purged => {
                if watch.lost().is_some() {
                    producer.purge(PurgeConfig::default().queue().inflight().non_blocking());
                    purged = true;
                }
            }
        }
    }
}

/// Await a batch's deliveries; `max_published` is raised for each acknowledged event, also
/// when others failed.
pub(super) async fn settle(
    pending: Pending,
    max_published: &mut [i64],
) -> (u64, std::result::Result<(), String>) {
    pending.wait().await;
    pending.outcome(max_published)
}
