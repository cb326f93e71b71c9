//! Membership of a Kafka consumer group: join, read events, notice the end of every
//! assigned partition, and commit offsets for partitions this member still owns. Or, for
//! a consumer that keeps its own positions, read every partition from them under the
//! group's name without joining it ([`GroupConsumer::assign`]). Either way each partition
//! has a queue of its own, read in batches, and the partitions are read in turn
//! ([`partitions`]).

mod partitions;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, StreamConsumer};
use rdkafka::error::{KafkaError, KafkaResult};
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use tokio::time::Instant;

use self::partitions::{Change, PartitionQueue, Splitting};
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
    /// Shared by the events of a topic, not copied per event.
    pub topic: Arc<str>,
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

/// Messages handed out from the partition queues before the consumer's own queue (errors,
/// rebalances) is looked at even though they still have more.
const MAIN_QUEUE_EVERY: u32 = 1_000;

/// What waiting came to.
enum Waited {
    Partition(usize, KafkaResult<Event>),
    Main(KafkaResult<Event>),
    Changed,
    Deadline,
}

/// What looking for the next message came to.
enum Step {
    Message(KafkaResult<Event>),
    /// The partitions changed (a rebalance): look again.
    Again,
    /// The deadline passed.
    Idle,
}

pub struct GroupConsumer {
    consumer: Arc<StreamConsumer<Splitting>>,
    pub opts: GroupOptions,
    bootstrap: String,
    at_end: BTreeSet<i32>,
    /// Look again whether every assigned partition is at its end before reading on: after
    /// an idle spell, when a rebalance may have taken away the partitions that were not.
    /// Not per event: asking librdkafka for the assignment is a round trip to its main
    /// thread, and doing it per event cost two context switches per record (`consume sink`
    /// spent most of its CPU there).
    recheck_end: bool,
    /// One queue per partition read, read in turn.
    queues: Vec<PartitionQueue>,
    /// The queue to look at first next time.
    turn: usize,
    /// Messages handed out since the consumer's queue was last looked at.
    since_main: u32,
    /// The topic's name, shared by the events read.
    topic: Arc<str>,
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
            reader.add_queue(*p)?;
        }
        Ok(reader)
    }

    /// Read partition `p` from a queue of its own (split already by a rebalance, or now).
    fn add_queue(&mut self, p: i32) -> Result<()> {
        if self.queues.iter().any(|q| q.partition == p) {
            return Ok(());
        }
        let topic = &self.opts.topic;
        let alone = || Error::internal(format!("cannot read partition {p} of `{topic}` alone"));
        let queue = self
            .consumer
            .split_partition_queue(topic, p)
            .ok_or_else(alone)?;
        // SAFETY: the batch reader is dropped before the queue, which holds the consumer
        // (`PartitionQueue`'s field order).
        let batch = unsafe { BatchReader::of_partition(self.consumer.client(), topic, p) }
            .ok_or_else(alone)?;
        self.queues.push(PartitionQueue {
            partition: p,
            batch,
            queue,
        });
        Ok(())
    }

    /// Make and drop queues for the partitions a rebalance gave and took away. A taken
    /// partition's messages still in hand go with its reader: they are the new owner's.
    fn follow_rebalances(&mut self) -> Result<()> {
        let changes = self.consumer.context().take_changes();
        for (p, ours) in last_word(changes, &self.opts.topic) {
            if ours {
                self.add_queue(p)?;
            } else {
                self.queues.retain(|q| q.partition != p);
            }
        }
        Ok(())
    }

    fn create(k: &KafkaSettings, opts: &GroupOptions) -> Result<StreamConsumer<Splitting>> {
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
        c.create_with_context(Splitting::default())
            .map_err(|e| crate::kafka::bad_settings("consumer", e))
    }

    fn new(
        k: &KafkaSettings,
        consumer: StreamConsumer<Splitting>,
        opts: GroupOptions,
    ) -> GroupConsumer {
        GroupConsumer {
            consumer: Arc::new(consumer),
            topic: Arc::from(opts.topic.as_str()),
            opts,
            bootstrap: k.bootstrap(),
            at_end: BTreeSet::new(),
            recheck_end: false,
            queues: Vec::new(),
            turn: 0,
            since_main: 0,
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
            match self.next_in_turn(deadline).await? {
                Step::Message(msg) => {
                    if let Some(next) = self.take(msg, stop_at_end) {
                        return next;
                    }
                }
                Step::Again => {}
                Step::Idle => {
                    self.recheck_end = true;
                    return Ok(Next::Idle);
                }
            }
        }
    }

    /// The next message of the partition queues, one partition after the other (a partition
    /// with nothing waiting is passed over), or an error of the main queue; `Idle` at
    /// `deadline`. Each partition's messages are taken from librdkafka in batches (of up
    /// to 1024) and handed out one at a time, the partitions in turn as long as each has
    /// some in hand. The consumer's own queue is polled when the partitions have nothing,
    /// and every [`MAIN_QUEUE_EVERY`] messages behind a backlog, so rebalances are served.
    async fn next_in_turn(&mut self, deadline: Instant) -> Result<Step> {
        let looked = self.since_main < MAIN_QUEUE_EVERY;
        if looked {
            // What is in hand first; librdkafka is asked for more only once every queue's
            // is handed out (asking for a partition with nothing queued, per message, cost
            // as much as the batches saved: tansu sends a partition's backlog at once).
            for refilled in [false, true] {
                if refilled
                    && !self
                        .queues
                        .iter_mut()
                        .fold(false, |any, q| q.batch.refill() | any)
                {
                    break;
                }
                let n = self.queues.len();
                for i in 0..n {
                    let at = (self.turn + i) % n;
                    if let Some(m) = self.queues[at].batch.next_in_hand() {
                        self.turn = at + 1;
                        self.since_main += 1;
                        return Ok(Step::Message(m.map(|m| owned(&m, &self.topic))));
                    }
                }
            }
        }
        self.since_main = 0;
        // An event already waiting wins over a deadline already passed.
        let main = self
            .consumer
            .recv()
            .now_or_never()
            .map(|m| m.map(|m| owned(&m, &self.topic)));
        self.follow_rebalances()?;
        if let Some(m) = main {
            return Ok(Step::Message(m));
        }
        if !looked {
            return Ok(Step::Again);
        }
        let waited = {
            let any_queue = async {
                if self.queues.is_empty() {
                    return std::future::pending().await;
                }
                let topic = &self.topic;
                futures::future::select_all(self.queues.iter().enumerate().map(|(i, q)| {
                    Box::pin(async move { (i, q.queue.recv().await.map(|m| owned(&m, topic))) })
                }))
                .await
                .0
            };
            tokio::select! {
                biased;
                (i, m) = any_queue => Waited::Partition(i, m),
                m = self.consumer.recv() => Waited::Main(m.map(|m| owned(&m, &self.topic))),
                _ = self.consumer.context().changed.notified() => Waited::Changed,
                _ = tokio::time::sleep_until(deadline) => Waited::Deadline,
            }
        };
        match waited {
            Waited::Partition(i, m) => {
                self.turn = i + 1;
                Ok(Step::Message(m))
            }
            Waited::Main(m) => {
                self.follow_rebalances()?;
                Ok(Step::Message(m))
            }
            Waited::Changed => {
                self.follow_rebalances()?;
                Ok(Step::Again)
            }
            Waited::Deadline => Ok(Step::Idle),
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

/// Whether each partition of `topic` a rebalance touched is this member's now: the last
/// change to it has the word.
fn last_word(changes: Vec<Change>, topic: &str) -> BTreeMap<i32, bool> {
    let mut ours = BTreeMap::new();
    for change in changes {
        let (t, p, given) = match change {
            Change::Given(t, p) => (t, p, true),
            Change::Taken(t, p) => (t, p, false),
        };
        if t == topic {
            ours.insert(p, given);
        }
    }
    ours
}

/// A message as an owned [`Event`]; `topic` is the name shared when it is the message's.
fn owned(m: &impl Message, topic: &Arc<str>) -> Event {
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
        topic: if m.topic() == &**topic {
            Arc::clone(topic)
        } else {
            Arc::from(m.topic())
        },
        partition: m.partition(),
        offset: m.offset(),
        key: m.key().map(<[u8]>::to_vec),
        payload: m.payload().map(<[u8]>::to_vec),
        timestamp_ms: m.timestamp().to_millis(),
        headers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(p: i32) -> Change {
        Change::Given("t".into(), p)
    }

    fn taken(p: i32) -> Change {
        Change::Taken("t".into(), p)
    }

    #[test]
    fn the_last_change_to_a_partition_decides_whether_it_is_read() {
        let changes = vec![
            taken(0),
            given(0),
            taken(0),
            given(1),
            taken(1),
            given(1),
            taken(2),
            given(3),
            Change::Given("other".into(), 4),
        ];
        let ours = last_word(changes, "t");
        let expected = BTreeMap::from([(0, false), (1, true), (2, false), (3, true)]);
        assert_eq!(ours, expected);
    }
}
