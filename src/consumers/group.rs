//! Consumer-group plumbing shared by the consumers (`consume sink`, `consume aggregate`,
//! `consume route`): join a group, read events, hand them over in batches, and commit
//! exactly the offsets of what the handler finished, only after it finished.
//!
//! Delivery is at-least-once: a crash between a handler's write and the offset commit
//! replays that batch on restart, so handlers make their writes idempotent (upserts) or
//! say that replays may repeat.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use serde::Serialize;
use tokio::time::Instant;

use crate::error::{Error, Result};
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
}

impl GroupConsumer {
    pub fn subscribe(k: &KafkaSettings, opts: GroupOptions) -> Result<GroupConsumer> {
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
        let consumer: StreamConsumer = c.create().map_err(|e| {
            Error::config(format!("invalid Kafka consumer settings: {e}"))
                .hint("check kafka.properties in the profile")
        })?;
        consumer
            .subscribe(&[&opts.topic])
            .map_err(|e| Error::runtime(format!("cannot subscribe to `{}`: {e}", opts.topic)))?;
        Ok(GroupConsumer {
            consumer: Arc::new(consumer),
            opts,
            bootstrap: k.bootstrap(),
            at_end: BTreeSet::new(),
        })
    }

    /// The next event, or `Idle` at `deadline`, or `AllAtEnd` when `stop_at_end` and every
    /// assigned partition has been read to its end.
    pub async fn next(&mut self, deadline: Instant, stop_at_end: bool) -> Result<Next> {
        if stop_at_end && !self.at_end.is_empty() && self.all_at_end() {
            return Ok(Next::AllAtEnd);
        }
        loop {
            let msg = tokio::select! {
                m = self.consumer.recv() => m,
                _ = tokio::time::sleep_until(deadline) => return Ok(Next::Idle),
            };
            match msg {
                Ok(m) => {
                    self.at_end.remove(&m.partition());
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
                    return Ok(Next::Event(Event {
                        topic: m.topic().to_string(),
                        partition: m.partition(),
                        offset: m.offset(),
                        key: m.key().map(<[u8]>::to_vec),
                        payload: m.payload().map(<[u8]>::to_vec),
                        timestamp_ms: m.timestamp().to_millis(),
                        headers,
                    }));
                }
                Err(KafkaError::PartitionEOF(p)) => {
                    self.at_end.insert(p);
                    if stop_at_end && self.all_at_end() {
                        return Ok(Next::AllAtEnd);
                    }
                }
                Err(e) => return Err(self.kafka_error(e)),
            }
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
            Some(rdkafka::types::RDKafkaErrorCode::UnknownTopicOrPartition | rdkafka::types::RDKafkaErrorCode::UnknownTopic) => {
                Error::not_found(format!("topic `{}` does not exist on {}", self.opts.topic, self.bootstrap))
                    .hint("create it first (`livedbctl topic create`, or the profile's `topics:` and `livedbctl infra up`)")
            }
            _ => Error::connection(format!("consuming `{}` as group `{}` on {}: {e}", self.opts.topic, self.opts.group, self.bootstrap)),
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
        result.map_err(|e| {
                Error::runtime(format!("committing offsets of `{topic}` for group `{group}` failed: {e}"))
                    .hint("the batch was written; it will be read again after a restart (idempotent writes make that harmless)")
            })
    }
}

/// What a batch handler reports back, for the flush record.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BatchOutcome {
    /// Events written to the destination.
    pub written: u64,
    /// Events sent to the dead-letter destination.
    pub dead_lettered: u64,
    /// Handler-specific counts (triggers fired, topics created...).
    #[serde(flatten)]
    pub extra: BTreeMap<String, u64>,
}

pub trait BatchHandler {
    /// Process the batch durably; offsets are committed only after this returns `Ok`.
    fn handle(
        &mut self,
        batch: &[Event],
    ) -> impl std::future::Future<Output = Result<BatchOutcome>>;
}

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub batch_size: usize,
    pub flush_interval: Duration,
    /// Stop once every assigned partition is read to its end and flushed.
    pub exit_at_end: bool,
    /// Stop after this many events (then flush).
    pub max_events: Option<u64>,
}

/// One flushed batch, for the stream of records.
#[derive(Debug, Clone, Serialize)]
pub struct FlushRecord {
    pub events: u64,
    #[serde(flatten)]
    pub outcome: BatchOutcome,
    /// Partition -> next offset, committed for the group after the batch was written
    /// (sent asynchronously; the last commit of a run waits for the broker).
    pub committed: BTreeMap<i32, i64>,
    pub why: &'static str,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RunSummary {
    pub topic: String,
    pub group: String,
    pub events: u64,
    pub written: u64,
    pub dead_lettered: u64,
    pub batches: u64,
    #[serde(flatten)]
    pub extra: BTreeMap<String, u64>,
    /// Why the consumer stopped: `end` (--exit-at-end), `max-events`, `signal`.
    pub stopped: String,
}

/// Read, batch, hand over, commit; until the end, a count, or SIGINT/SIGTERM (the batch in
/// hand is flushed and committed before exiting).
pub async fn run_batches<H: BatchHandler>(
    consumer: &mut GroupConsumer,
    handler: &mut H,
    opts: &RunOptions,
    mut on_flush: impl FnMut(&FlushRecord) -> Result<()>,
) -> Result<RunSummary> {
    let mut summary = RunSummary {
        topic: consumer.opts.topic.clone(),
        group: consumer.opts.group.clone(),
        ..Default::default()
    };
    let mut batch: Vec<Event> = Vec::with_capacity(opts.batch_size);
    let mut next_flush = Instant::now() + opts.flush_interval;
    let mut positions: BTreeMap<i32, i64> = BTreeMap::new();
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let step = tokio::select! {
            biased;
            _ = &mut shutdown => None,
            n = consumer.next(next_flush, opts.exit_at_end) => Some(n?),
        };
        let (flush, why, stop) = match step {
            None => (true, "signal", Some("signal")),
            Some(Next::Event(e)) => {
                batch.push(e);
                summary.events += 1;
                let hit_max = opts.max_events.is_some_and(|m| summary.events >= m);
                if hit_max {
                    (true, "max-events", Some("max-events"))
                } else {
                    (batch.len() >= opts.batch_size, "batch-full", None)
                }
            }
            Some(Next::Idle) => (true, "interval", None),
            Some(Next::AllAtEnd) => (true, "end", Some("end")),
        };
        if flush && !batch.is_empty() {
            let outcome = handler.handle(&batch).await?;
            let mut committed = BTreeMap::new();
            for e in &batch {
                let next = committed.entry(e.partition).or_insert(e.offset + 1);
                *next = (*next).max(e.offset + 1);
            }
            // Asynchronous while the stream flows (a sync round trip per batch halves the
            // throughput); the final commit below waits for the broker.
            consumer.commit(&committed, false).await?;
            for (p, o) in &committed {
                positions.insert(*p, *o);
            }
            summary.batches += 1;
            summary.written += outcome.written;
            summary.dead_lettered += outcome.dead_lettered;
            for (k, v) in &outcome.extra {
                *summary.extra.entry(k.clone()).or_default() += v;
            }
            on_flush(&FlushRecord {
                events: batch.len() as u64,
                outcome,
                committed,
                why,
            })?;
            batch.clear();
        }
        if flush {
            next_flush = Instant::now() + opts.flush_interval;
        }
        if let Some(reason) = stop {
            consumer.commit(&positions, true).await?;
            summary.stopped = reason.into();
            return Ok(summary);
        }
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
