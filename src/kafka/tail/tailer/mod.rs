//! The tail consumer: reads by assignment, or as a group member committing only what the
//! caller handled, and knows when every partition reached its end.
//!
//! Here: the read loop. [`Tailer::open`] is in `open`; where a partition stops, `bounds`;
//! the state shared with the rebalance callback, `rebalance`; `-r` finding new topics,
//! `discover`.

mod bounds;
mod discover;
mod open;
mod rebalance;

pub use discover::topic_patterns;
pub use rebalance::TailContext;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::{Offset, TopicPartitionList};

use super::decode::Record;
use super::offsets::OffsetSpec;
use crate::error::{Error, Result};
use crate::kafka::admin::explain;
use crate::kafka::batch::BatchReader;
use crate::kafka::{unreachable, ClusterError};
use crate::settings::KafkaSettings;
use bounds::{judge, PartState, Verdict};
use discover::Discover;

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
    /// `topics` are regular expressions, each matching whole topic names. While following
    /// (no end bound), topics that come to match later are read too, from their start.
    pub regex: bool,
    /// Copy each record's headers into [`Record::headers`] (left empty otherwise: asking
    /// librdkafka for them is a call per record, for output that may not show them).
    pub headers: bool,
}

/// What [`Tailer::next`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// The record was written into the caller's [`Record`].
    Record,
    /// Nothing within the timeout; poll again.
    Idle,
    /// Every partition read reached its end bound.
    Done,
}

/// A consumer reading from an [`OffsetSpec`], by assignment or as a group member.
pub struct Tailer {
    /// Reading by assignment: the consumer's queue in batches. Declared before `consumer`
    /// so it is dropped first.
    batch: Option<BatchReader>,
    consumer: BaseConsumer<TailContext>,
    parts: BTreeMap<Tp, PartState>,
    group: bool,
    bounded: bool,
    last_commit: Instant,
    settings: KafkaSettings,
    /// The partition of the record being read, as a key into `parts`: refilled per record
    /// without allocating (a `(String, i32)` made per record was a measurable share of
    /// `consume tail`'s CPU).
    key: Tp,
    /// With `-r` while following: the patterns, to pick up topics created later.
    discover: Option<Discover>,
    /// Only these partitions (of every topic); empty means all.
    only: Vec<i32>,
    /// See [`TailOptions::headers`].
    headers: bool,
}

/// How often a group member commits while reading (and always on close).
const COMMIT_EVERY: Duration = Duration::from_secs(1);

impl Tailer {
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

    /// The next record, waiting at most `timeout`: on [`Next::Record`] it is in `rec`, whose
    /// buffers are reused from one record to the next (no allocation per record).
    pub fn next(&mut self, timeout: Duration, rec: &mut Record) -> Result<Next> {
        if self.group && self.last_commit.elapsed() >= COMMIT_EVERY {
            self.commit(CommitMode::Async)?;
        }
        self.check_new_assignments();
        self.discover(false)?;
        if self.all_done() {
            return Ok(Next::Done);
        }
        // No clock reading when not waiting: this runs once per record.
        let deadline = (!timeout.is_zero()).then(|| Instant::now() + timeout);
        loop {
            let left = deadline.map_or(Duration::ZERO, |d| {
                d.saturating_duration_since(Instant::now())
            });
            let (parts, key, headers) = (&mut self.parts, &mut self.key, self.headers);
            let got = match self.batch.as_mut() {
                Some(b) => b
                    .next(left)
                    .map(|m| m.map(|m| judge(parts, key, &m, rec, headers))),
                None => self
                    .consumer
                    .poll(left)
                    .map(|m| m.map(|m| judge(parts, key, &m, rec, headers))),
            };
            match got {
                None => {
                    self.check_new_assignments();
                    self.discover(true)?;
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
                }
                Some(Ok(Verdict::Skip)) => {}
                Some(Ok(Verdict::Finish)) => {
                    let tp = self.key.clone();
                    self.finish_partition(&tp);
                    if self.all_done() {
                        return Ok(Next::Done);
                    }
                }
                Some(Ok(Verdict::Take { last })) => {
                    if last {
                        let tp = self.key.clone();
                        self.finish_partition(&tp);
                    }
                    return Ok(Next::Record);
                }
            }
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

    /// Whether this reader is a group member (and commits what was handled).
    pub fn is_group(&self) -> bool {
        self.group
    }

    /// The caller has finished with the record at `offset`: with a group, it will be
    /// committed.
    pub fn mark_handled(&self, topic: &str, partition: i32, offset: i64) {
        if self.group {
            self.consumer
                .context()
                .handled
                .lock()
                .expect("handled lock")
                .insert((topic.to_string(), partition), offset + 1);
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
            .map_err(|e| ClusterError::Commit(e).into())
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
