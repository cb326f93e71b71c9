//! Membership of a Kafka consumer group: join, read events one by one, notice the end of
//! every assigned partition, and commit offsets for partitions this member still owns.
//! Or, for a consumer that keeps its own positions, read every partition from them under
//! the group's name without joining it, the partitions in turn, each in batches
//! ([`GroupConsumer::assign`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use rdkafka::consumer::stream_consumer::StreamPartitionQueue;
use rdkafka::consumer::{
    BaseConsumer, CommitMode, Consumer, DefaultConsumerContext, StreamConsumer,
};
use rdkafka::error::{KafkaError, KafkaResult};
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use tokio::time::Instant;

use super::ConsumerError;
use crate::error::{Error, Result};
use crate::kafka::batch::BatchReader;
use crate::kafka::client_config;
use crate::settings::KafkaSettings;

#[derive(Debug, Clone)]
pub struct GroupOptions {
    pub topic: String,
    pub group: String,
    /// Where a group without committed offsets starts: `earliest` or `latest`.
    pub start: String,
    /// How long the broker waits for a silent member before handing its partitions on.
    pub session_timeout: Duration,
    /// How long to wait at start for a broker that does not answer
    /// ([`crate::kafka::send::await_topic`]).
    pub start_patience: Duration,
}

/// One event as read from Kafka, owned.
#[derive(Debug, Clone)]
pub struct Event {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    pub key: Option<Vec<u8>>,
    pub payload: Option<Vec<u8>>,
    pub timestamp_ms: Option<i64>,
    pub headers: Vec<(String, Vec<u8>)>,
}

pub enum Next {
    Event(Event),
    /// The deadline passed with nothing new.
    Idle,
    /// Every assigned partition is at its end (`--exit-at-end`).
    AllAtEnd,
}

pub struct GroupConsumer {
    consumer: Arc<StreamConsumer>,
    pub opts: GroupOptions,
    bootstrap: String,
    at_end: BTreeSet<i32>,
    /// Look again whether every assigned partition is at its end before reading on: after
    /// an idle spell, when a rebalance may have taken away the partitions that were not.
    /// Not per event: asking librdkafka for the assignment is a round trip to its main
    /// thread, and doing it per event cost two context switches per record (`consume sink`
    /// spent most of its CPU there).
    recheck_end: bool,
    /// With [`assign`](Self::assign): one queue per partition, read in turn.
    queues: Vec<PartitionQueue>,
    /// The queue to look at first next time.
    turn: usize,
}

impl GroupConsumer {
    /// Join the group: the broker shares the topic's partitions among its members.
    pub fn subscribe(k: &KafkaSettings, opts: GroupOptions) -> Result<GroupConsumer> {
        let consumer = Self::create(k, &opts)?;
        consumer
            .subscribe(&[&opts.topic])
            .map_err(|e| Error::runtime(format!("cannot subscribe to `{}`: {e}", opts.topic)))?;
        Ok(Self::new(k, consumer, opts))
    }

    /// Read these partitions from these offsets (partition -> next offset), under the
    /// group's name (its commits show the progress to Kafka's tools) but without joining
    /// it: no rebalance moves a partition away or back to a committed offset. For a
    /// consumer that keeps its own positions and state across all partitions, and makes
    /// sure itself that it runs once (a stream job and its run lock).
    ///
    /// Each partition has its own queue, and [`next`](Self::next) takes from them in turn:
    /// a fetch can bring a whole partition's backlog at once (tansu does), and read in
    /// arrival order one partition came entirely before the next, so a stream job, whose
    /// watermark waits for every partition, held all of its windows open and could commit
    /// nothing until the last partition delivered.
    pub fn assign(
        k: &KafkaSettings,
        opts: GroupOptions,
        positions: &BTreeMap<i32, i64>,
    ) -> Result<GroupConsumer> {
        let consumer = Self::create(k, &opts)?;
        let mut tpl = TopicPartitionList::new();
        for (p, o) in positions {
            tpl.add_partition_offset(&opts.topic, *p, Offset::Offset(*o))
                .map_err(|e| Error::internal(format!("offset list: {e}")))?;
        }
        consumer
            .assign(&tpl)
            .map_err(|e| Error::runtime(format!("cannot read `{}`: {e}", opts.topic)))?;
        let mut reader = Self::new(k, consumer, opts);
        // Before the first `recv`, so that no event of these partitions goes to the main
        // queue; that one still carries errors and is polled beside them.
        for p in positions.keys() {
            let alone = || {
                Error::internal(format!(
                    "cannot read partition {p} of `{}` alone",
                    reader.opts.topic
                ))
            };
            let queue = reader
                .consumer
                .split_partition_queue(&reader.opts.topic, *p)
                .ok_or_else(alone)?;
            // SAFETY: the batch reader is dropped before the queue, which holds the
            // consumer (`PartitionQueue`'s field order).
            let batch = unsafe {
                BatchReader::of_partition(reader.consumer.client(), &reader.opts.topic, *p)
            }
            .ok_or_else(alone)?;
            reader.queues.push(PartitionQueue { batch, queue });
        }
        Ok(reader)
    }

    fn create(k: &KafkaSettings, opts: &GroupOptions) -> Result<StreamConsumer> {
        let mut c = client_config(k);
        c.set("group.id", &opts.group)
            .set("enable.auto.commit", "false")
            .set("enable.auto.offset.store", "false")
            .set("enable.partition.eof", "true")
            .set("auto.offset.reset", &opts.start)
            .set(
                "session.timeout.ms",
                opts.session_timeout.as_millis().to_string(),
            )
            .set(
                "heartbeat.interval.ms",
                (opts.session_timeout.as_millis() / 4).max(100).to_string(),
            );
        for (key, v) in &k.properties {
            c.set(key, v);
        }
        c.create()
            .map_err(|e| crate::kafka::bad_settings("consumer", e))
    }

    fn new(k: &KafkaSettings, consumer: StreamConsumer, opts: GroupOptions) -> GroupConsumer {
        GroupConsumer {
            consumer: Arc::new(consumer),
            opts,
            bootstrap: k.bootstrap(),
            at_end: BTreeSet::new(),
            recheck_end: false,
            queues: Vec::new(),
            turn: 0,
        }
    }

    /// Partitions read to their end, with nothing read from them since.
    pub fn at_end(&self) -> &BTreeSet<i32> {
        &self.at_end
    }

    /// The next event, or `Idle` at `deadline`, or `AllAtEnd` when `stop_at_end` and every
    /// assigned partition has been read to its end.
    pub async fn next(&mut self, deadline: Instant, stop_at_end: bool) -> Result<Next> {
        if std::mem::take(&mut self.recheck_end)
            && stop_at_end
            && !self.at_end.is_empty()
            && self.all_at_end()
        {
            return Ok(Next::AllAtEnd);
        }
        loop {
            if !self.queues.is_empty() {
                match self.next_in_turn(deadline).await {
                    Some(msg) => match self.take(msg, stop_at_end) {
                        Some(next) => return next,
                        None => continue,
                    },
                    None => {
                        self.recheck_end = true;
                        return Ok(Next::Idle);
                    }
                }
            }
            // An event already waiting wins over a deadline already passed. Behind a backlog
            // one is nearly always waiting: take it without arming a timer per event (that
            // cost a timer registration and a select per record).
            let msg = match self.consumer.recv().now_or_never() {
                Some(m) => m,
                None => tokio::select! {
                    biased;
                    m = self.consumer.recv() => m,
                    _ = tokio::time::sleep_until(deadline) => {
                        self.recheck_end = true;
                        return Ok(Next::Idle);
                    }
                },
            };
            let msg = msg.map(|m| owned(&m));
            if let Some(next) = self.take(msg, stop_at_end) {
                return next;
            }
        }
    }

    /// The next message of the partition queues, one partition after the other (a partition
    /// with nothing waiting is passed over), or an error of the main queue; `None` at
    /// `deadline`. Each partition's messages are taken from librdkafka in batches
    /// ([`BatchReader`]) and handed out one at a time, so the turns stay one message each.
    async fn next_in_turn(&mut self, deadline: Instant) -> Option<KafkaResult<Event>> {
        let n = self.queues.len();
        for i in 0..n {
            let at = (self.turn + i) % n;
            if let Some(m) = self.queues[at].batch.next(Duration::ZERO) {
                self.turn = at + 1;
                return Some(m.map(|m| owned(&m)));
            }
        }
        if let Some(m) = self.consumer.recv().now_or_never() {
            return Some(m.map(|m| owned(&m)));
        }
        let any_queue =
            futures::future::select_all(self.queues.iter().enumerate().map(|(i, q)| {
                Box::pin(async move { (i, q.queue.recv().await.map(|m| owned(&m))) })
            }));
        tokio::select! {
            biased;
            ((i, m), _, _) = any_queue => {
                self.turn = i + 1;
                Some(m)
            }
            m = self.consumer.recv() => Some(m.map(|m| owned(&m))),
            _ = tokio::time::sleep_until(deadline) => None,
        }
    }

    /// What one message (or error) means: an event to return, or `None` to read on.
    fn take(&mut self, msg: KafkaResult<Event>, stop_at_end: bool) -> Option<Result<Next>> {
        match msg {
            Ok(e) => {
                self.at_end.remove(&e.partition);
                Some(Ok(Next::Event(e)))
            }
            Err(KafkaError::PartitionEOF(p)) => {
                self.at_end.insert(p);
                (stop_at_end && self.all_at_end()).then_some(Ok(Next::AllAtEnd))
            }
            // A broker restarting: librdkafka reconnects and the group resumes at
            // its committed offsets; ending here would turn an outage into a stop.
            Err(e) if is_transient(&e) => None,
            Err(e) => Some(Err(self.kafka_error(e))),
        }
    }

    fn all_at_end(&self) -> bool {
        match self.consumer.assignment() {
            Ok(tpl) => {
                let assigned: Vec<i32> = tpl.elements().iter().map(|e| e.partition()).collect();
                !assigned.is_empty() && assigned.iter().all(|p| self.at_end.contains(p))
            }
            Err(_) => false,
        }
    }

    fn kafka_error(&self, e: KafkaError) -> Error {
        let code = e.rdkafka_error_code().map(|c| format!("{c:?}"));
        let mut err = match e.rdkafka_error_code() {
            Some(
                rdkafka::types::RDKafkaErrorCode::UnknownTopicOrPartition
                | rdkafka::types::RDKafkaErrorCode::UnknownTopic,
            ) => Error::from(ConsumerError::UnknownTopic {
                topic: self.opts.topic.clone(),
                bootstrap: self.bootstrap.clone(),
            }),
            _ => Error::connection(format!(
                "consuming `{}` as group `{}` on {}: {e}",
                self.opts.topic, self.opts.group, self.bootstrap
            )),
        };
        if let Some(c) = code {
            err = err.with_code(c);
        }
        err
    }

    /// Commit `next` (partition -> offset of the next event to read) synchronously.
    /// `sync: false` sends the commit and goes on (the broker applies commits in order);
    /// the last commit of a run is synchronous, so a clean exit leaves them all applied.
    pub async fn commit(&self, next: &BTreeMap<i32, i64>, sync: bool) -> Result<()> {
        if next.is_empty() {
            return Ok(());
        }
        // Only partitions this member still owns: after a rebalance another member may have
        // committed past these offsets, and committing ours would move the group back.
        let owned: BTreeSet<i32> = self
            .consumer
            .assignment()
            .map(|tpl| tpl.elements().iter().map(|e| e.partition()).collect())
            .unwrap_or_default();
        let mut tpl = TopicPartitionList::new();
        for (p, o) in next.iter().filter(|(p, _)| owned.contains(p)) {
            tpl.add_partition_offset(&self.opts.topic, *p, Offset::Offset(*o))
                .map_err(|e| Error::internal(format!("offset list: {e}")))?;
        }
        if tpl.count() == 0 {
            return Ok(());
        }
        let consumer = self.consumer.clone();
        let (topic, group) = (self.opts.topic.clone(), self.opts.group.clone());
        let result = if sync {
            tokio::task::spawn_blocking(move || consumer.commit(&tpl, CommitMode::Sync))
                .await
                .map_err(|e| Error::internal(format!("commit task failed: {e}")))?
        } else {
            consumer.commit(&tpl, CommitMode::Async)
        };
        result.map_err(|error| {
            ConsumerError::CommitFailed {
                topic,
                group,
                error,
            }
            .into()
        })
    }
}

/// Errors librdkafka recovers from by itself (brokers down or restarting, a coordinator or
/// leader moving): the consumer waits through them (`kafka::connection`'s one rule).
fn is_transient(e: &KafkaError) -> bool {
    e.rdkafka_error_code()
        .is_some_and(crate::kafka::connection::is_transient)
}

/// The earliest or latest offset (`start`) of each partition of `topic`, resolved now: where
/// a consumer that keeps its own positions starts the partitions it has none for.
pub async fn edge_offsets(
    k: &KafkaSettings,
    topic: &str,
    start: &str,
    partitions: &[i32],
) -> Result<BTreeMap<i32, i64>> {
    let consumer: BaseConsumer = client_config(k)
        .create()
        .map_err(|e| crate::kafka::bad_settings("consumer", e))?;
    let (k, topic, latest, partitions) = (
        k.clone(),
        topic.to_string(),
        start == "latest",
        partitions.to_vec(),
    );
    tokio::task::spawn_blocking(move || {
        let mut out = BTreeMap::new();
        for p in partitions {
            let (low, high) = consumer
                .fetch_watermarks(&topic, p, Duration::from_secs(30))
                .map_err(|e| crate::kafka::unreachable(&k, e))?;
            out.insert(p, if latest { high } else { low });
        }
        Ok(out)
    })
    .await
    .map_err(|e| Error::internal(format!("offset lookup task failed: {e}")))?
}

/// One partition's queue, split from the consumer's: read in batches while messages are
/// waiting, and awaited through the rdkafka crate when none is.
struct PartitionQueue {
    /// Declared first: dropped before `queue`, which keeps the consumer alive.
    batch: BatchReader,
    queue: StreamPartitionQueue<DefaultConsumerContext>,
}

/// A message as an owned [`Event`].
fn owned(m: &impl Message) -> Event {
    let headers = m
        .headers()
        .map(|h| {
            h.iter()
                .map(|h| {
                    (
                        h.key.to_string(),
                        h.value.map(<[u8]>::to_vec).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Event {
        topic: m.topic().to_string(),
        partition: m.partition(),
        offset: m.offset(),
        key: m.key().map(<[u8]>::to_vec),
        payload: m.payload().map(<[u8]>::to_vec),
        timestamp_ms: m.timestamp().to_millis(),
        headers,
    }
}
