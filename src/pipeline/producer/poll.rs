//! `produce poll`: the loop that reads pending rows, sends them ahead (up to
//! [`PIPELINE_DEPTH`] batches in flight), moves the offset as the oldest batch is
//! acknowledged, and recovers from a lost database or broker without losing or doubling
//! a row. Its state lives in one [`Poller`].

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use rdkafka::producer::{Producer, PurgeConfig};
use serde::Serialize;

use super::event::{to_event, Row};
use super::kafka::{
    await_acks, create_producer, nothing_sent, partition_count_blocking, retire, send_batch,
    settle, ConnectionWatch, Kafka, Pending,
};
use super::offsets::{read_offset, rewind, write_offset, Rewind, Rewound};
use super::reconcile::{read_topic_state, TopicState};
use super::source::{connect_locked, read_batch, PRODUCER_LOCK_KEY};
use crate::error::{Error, ErrorKind, Result};
use crate::pg::connection_loss::is_connection_loss;
use crate::pg::query_error;
use crate::retry::Backoff;
use crate::settings::{KafkaSettings, PgSettings};
use crate::shutdown::{sleep_or_stop, stopped, Stop};

pub struct PollOptions {
    pub batch: BatchSizing,
    pub interval: Duration,
    pub once: bool,
    pub replay: Option<Rewind>,
}

/// How many rows one batch reads. A batch that comes back full means a backlog: the next
/// one reads twice as many, up to `max`, so a drain pays the per-batch costs (a database
/// round trip, an acknowledgement wait, an offset update) rarely. A batch that comes back
/// short means the producer has caught up: the next starts again at `start`, so a live
/// trickle goes out in small batches that are acknowledged (and move the offset) at once.
/// Rows are sent as soon as they are read either way, so the size never delays a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchSizing {
    pub start: i64,
    pub max: i64,
}

impl BatchSizing {
    /// The default: from 1,000 rows up to 10,000 while a backlog lasts. Measured on a 1M-row
    /// backlog against tansu, 1,000, 5,000 and 20,000-row batches drained at the same rate
    /// (the broker is the limit) while peak memory grew with the size (18, 30, 60 MB);
    /// 10,000 keeps the per-batch costs (a read, an offset update) rare on a faster broker
    /// and memory well under 100 MB with [`PIPELINE_DEPTH`] batches in flight.
    pub const ADAPTIVE: BatchSizing = BatchSizing {
        start: 1_000,
        max: 10_000,
    };

    /// Always `n` rows (`--batch-size N`).
    pub fn fixed(n: i64) -> BatchSizing {
        BatchSizing { start: n, max: n }
    }

    /// The limit after a batch asked for `limit` rows and got `got`.
    fn next(self, limit: i64, got: usize) -> i64 {
        if got as i64 >= limit {
            (limit.saturating_mul(2)).min(self.max)
        } else {
            self.start
        }
    }
}

/// One per batch (`-o json` prints these).
#[derive(Debug, Clone, Serialize)]
pub struct BatchStats {
    /// Always "batch".
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub batch: u64,
    /// Events published (acknowledged by Kafka) in this batch.
    pub published: u64,
    /// Rows found already on the topic after a crash, not published again.
    pub skipped: u64,
    pub first_id: i64,
    pub last_id: i64,
    pub last_created_at: Option<String>,
    /// Events published by this run so far.
    pub published_total: u64,
    /// Average since start.
    pub rows_per_sec: f64,
    /// Rows waiting: max(livedb.id) - offset.
    pub lag: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PollSummary {
    /// Always "summary".
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub topic: String,
    pub partitions: i32,
    pub batches: u64,
    pub published: u64,
    pub skipped: u64,
    pub seconds: f64,
    pub rows_per_sec: f64,
    pub last_id: i64,
    pub lag: i64,
    pub retries: u64,
    pub rewound: Option<Rewound>,
    /// `drained` (--once), or `stopped`.
    pub ended_by: String,
}

#[derive(Debug, Clone)]
pub enum ProducerEvent {
    Started {
        topic: String,
        partitions: i32,
        last_id: i64,
        max_published: Vec<i64>,
    },
    Rewound(Rewound),
    Batch(BatchStats),
    /// Something went away; retrying after `delay`.
    Retrying {
        what: String,
        error: String,
        delay: Duration,
    },
    Recovered {
        what: String,
    },
    /// Pending rows wait for an older transaction still running.
    HeldBack {
        after_id: i64,
    },
    /// The run lock's holder is a process that is gone; waiting for its session to end.
    WaitingForLock(crate::pg::run_lock::LockWait),
}

/// A batch sent and not yet fully acknowledged.
struct InFlight {
    first_id: i64,
    last: Row,
    /// Rows of the batch already on the topic, not sent.
    skipped: u64,
    max_id: i64,
    pending: Pending,
}

/// Batches sent ahead while the oldest waits for its acknowledgements.
const PIPELINE_DEPTH: usize = 4;

/// Settle every batch in flight (after a failure): only to learn what was acknowledged.
async fn drain(in_flight: &mut VecDeque<InFlight>, max_published: &mut [i64]) -> u64 {
    let mut acked = 0;
    while let Some(b) = in_flight.pop_front() {
        acked += settle(b.pending, max_published).await.0;
    }
    acked
}

/// How a poll run ended: `drained` (`--once` found nothing more) or `stopped`.
type Ended = &'static str;

/// What one turn of the loop came to.
enum Read {
    /// A batch was queued: read the next one.
    Sent,
    /// Nothing new; `true` when rows wait behind an open transaction.
    Idle(bool),
    KafkaFailed(String),
    DatabaseLost(String),
}

/// Everything `poll` keeps between turns.
struct Poller<'a, F: FnMut(ProducerEvent)> {
    pg: &'a PgSettings,
    k: &'a KafkaSettings,
    opts: &'a PollOptions,
    topic: String,
    partitions: i32,
    client: tokio_postgres::Client,
    producer: Kafka,
    watch: ConnectionWatch,
    stop: Stop,
    on: F,
    /// In a replay, only records at or past these offsets (per partition) were written by
    /// this run and say what is already published.
    trust_from: Option<Vec<i64>>,
    /// Per partition, the highest id known to be on the topic.
    max_published: Vec<i64>,
    /// The offset recorded in `producer_offsets`.
    last_id: i64,
    /// Rows after this id have not been sent.
    read_pos: i64,
    /// Rows the next read asks for (see [`BatchSizing`]).
    limit: i64,
    /// Batches sent, oldest first; their acknowledgements are awaited in order and the
    /// offset follows the oldest.
    in_flight: VecDeque<InFlight>,
    backoff: Backoff,
    batches: u64,
    published: u64,
    skipped: u64,
    retries: u64,
    lag: i64,
    held_reported: Option<i64>,
    started: Instant,
    /// A republish ([`super::republish`]): only these id ranges (inclusive, ascending) are read,
    /// and `producer_offsets` is left where it is. `None`: the ordinary poll.
    only: Option<Vec<(i64, i64)>>,
    /// In a republish, the ranges not read to their end yet (the first is being read).
    ranges_left: VecDeque<(i64, i64)>,
}

/// What every run starts from: the producer's lock (its connection), a Kafka producer,
/// the topic's partitions and what they already hold.
pub(super) struct Opened {
    pub(super) topic: String,
    pub(super) client: tokio_postgres::Client,
    pub(super) producer: Kafka,
    pub(super) watch: ConnectionWatch,
    pub(super) partitions: i32,
    pub(super) start: TopicState,
}

pub(super) async fn open(
    pg: &PgSettings,
    k: &KafkaSettings,
    on: &mut impl FnMut(ProducerEvent),
) -> Result<Opened> {
    let topic = k.topic.clone();
    let client = connect_locked(pg, &mut |w| on(ProducerEvent::WaitingForLock(w.clone()))).await?;
    let (producer, watch) = create_producer(k)?;
    let partitions = {
        let (k2, t) = (k.clone(), topic.clone());
        tokio::task::spawn_blocking(move || partition_count_blocking(&k2, &t))
            .await
            .map_err(|e| Error::internal(format!("metadata task failed: {e}")))??
    };
    let start = read_topic_state(k, &topic, partitions, None).await?;
    Ok(Opened {
        topic,
        client,
        producer,
        watch,
        partitions,
        start,
    })
}

/// Where a run starts and what it trusts (see [`Poller`]'s fields of the same names).
pub(super) struct Plan {
    pub(super) trust_from: Option<Vec<i64>>,
    pub(super) max_published: Vec<i64>,
    pub(super) last_id: i64,
    pub(super) only: Option<Vec<(i64, i64)>>,
}

/// Say where the run starts, then turn the loop until it ends.
pub(super) async fn run<F: FnMut(ProducerEvent)>(
    (pg, k, opts): (&PgSettings, &KafkaSettings, &PollOptions),
    o: Opened,
    plan: Plan,
    stop: Stop,
    mut on: F,
    rewound: Option<Rewound>,
) -> Result<PollSummary> {
    on(ProducerEvent::Started {
        topic: o.topic.clone(),
        partitions: o.partitions,
        last_id: plan.last_id,
        max_published: plan.max_published.clone(),
    });
    let mut poller = Poller {
        pg,
        k,
        opts,
        topic: o.topic,
        partitions: o.partitions,
        client: o.client,
        producer: o.producer,
        watch: o.watch,
        stop,
        on,
        trust_from: plan.trust_from,
        max_published: plan.max_published,
        last_id: plan.last_id,
        read_pos: plan.last_id,
        limit: opts.batch.start,
        in_flight: VecDeque::new(),
        backoff: Backoff::default(),
        batches: 0,
        published: 0,
        skipped: 0,
        retries: 0,
        lag: 0,
        held_reported: None,
        started: Instant::now(),
        only: plan.only,
        ranges_left: VecDeque::new(),
    };
    poller.reset_position();
    let ended_by = loop {
        if let Some(ended) = poller.turn().await? {
            break ended;
        }
    };
    Ok(poller.finish(rewound, ended_by).await)
}

pub async fn poll(
    pg: &PgSettings,
    k: &KafkaSettings,
    opts: &PollOptions,
    stop: Stop,
    mut on: impl FnMut(ProducerEvent),
) -> Result<PollSummary> {
    let o = open(pg, k, &mut on).await?;
    // Rewind only once Kafka is known to work, so a failed start leaves the offset alone.
    let rewound = match &opts.replay {
        Some(r) => {
            let rw = rewind(&o.client, r).await?;
            on(ProducerEvent::Rewound(rw.clone()));
            Some(rw)
        }
        None => None,
    };
    let last_id = read_offset(&o.client).await?;
    // In a replay only what this run writes says what it has already sent.
    let trust_from: Option<Vec<i64>> = opts.replay.as_ref().map(|_| o.start.high.clone());
    let max_published = if trust_from.is_some() {
        vec![-1; o.partitions as usize]
    } else {
        o.start.max_published.clone()
    };
    let plan = Plan {
        trust_from,
        max_published,
        last_id,
        only: None,
    };
    run((pg, k, opts), o, plan, stop, on, rewound).await
}

impl<F: FnMut(ProducerEvent)> Poller<'_, F> {
    /// Where reading starts again after a start or a recovery: after the offset, or in a
    /// republish at the start of its first range (what this run already sent is skipped by
    /// `max_published`, read from the topic).
    fn reset_position(&mut self) {
        match &self.only {
            None => self.read_pos = self.last_id,
            Some(ranges) => {
                self.ranges_left = ranges.iter().copied().collect();
                self.read_pos = self.ranges_left.front().map_or(self.last_id, |r| r.0 - 1);
            }
        }
    }

    /// In a republish: the end of the range being read, moving to the next range when this
    /// one is read through; `None` when every range is read.
    fn range_end(&mut self) -> Option<i64> {
        while let Some(&(_, to)) = self.ranges_left.front() {
            if self.read_pos < to {
                return Some(to);
            }
            self.ranges_left.pop_front();
            if let Some(&(from, _)) = self.ranges_left.front() {
                self.read_pos = self.read_pos.max(from - 1);
            }
        }
        None
    }

    /// One turn: send a batch ahead, or settle the oldest, or wait for rows.
    async fn turn(&mut self) -> Result<Option<Ended>> {
        let stopping = stopped(&self.stop);
        if stopping && self.in_flight.is_empty() {
            return Ok(Some("stopped"));
        }
        let mut idle = None;
        if !stopping && self.in_flight.len() < PIPELINE_DEPTH {
            match self.read_and_send().await? {
                Read::Sent => return Ok(None),
                Read::Idle(held_back) => idle = Some(held_back),
                Read::KafkaFailed(e) => return self.recover_kafka(e).await,
                Read::DatabaseLost(e) => return self.recover_database(e).await,
            }
        }
        if let Some(oldest) = self.in_flight.pop_front() {
            return self.acknowledge(oldest).await;
        }
        match idle {
            Some(held_back) => self.wait_for_rows(held_back).await,
            None => Ok(None),
        }
    }

    async fn read_and_send(&mut self) -> Result<Read> {
        let (limit, range_end) = match self.only {
            None => (self.limit, None),
            Some(_) => match self.range_end() {
                Some(to) => (self.limit.min(to - self.read_pos), Some(to)),
                None => return Ok(Read::Idle(false)),
            },
        };
        let (mut rows, held_back, max_id) =
            match read_batch(&self.client, self.read_pos, limit).await {
                Ok(read) => read,
                Err(e) if is_connection_loss(&e, &self.client) => {
                    return Ok(Read::DatabaseLost(e.to_string()))
                }
                Err(e) => return Err(query_error("reading new rows from livedb", e)),
            };
        if let Some(to) = range_end {
            let read_through =
                rows.len() < limit as usize || rows.last().is_some_and(|r| r.id >= to);
            rows.retain(|r| r.id <= to);
            if rows.is_empty() && !held_back {
                // Nothing (more) in this range: the next turn reads the next one.
                if read_through {
                    self.read_pos = to;
                }
                return Ok(Read::Sent);
            }
        }
        self.lag = (max_id - self.last_id).max(0);
        // Rows held back behind an open transaction are no sign of a backlog read in full.
        self.limit = if held_back {
            self.opts.batch.start
        } else {
            self.opts.batch.next(self.limit, rows.len())
        };
        let Some(last) = rows.last().map(|r| r.to_row()) else {
            return Ok(Read::Idle(held_back));
        };
        let (pending, skipped, error) = match self.watch.lost() {
            // Lost while idle: replace the producer before it sends again.
            Some(reason) => (
                nothing_sent(self.partitions),
                0,
                Some(format!("connection to the broker lost: {reason}")),
            ),
            None => {
                send_batch(
                    &self.producer,
                    &self.topic,
                    self.partitions,
                    &rows,
                    &self.max_published,
                )
                .await
            }
        };
        let last_sent = last.id;
        self.in_flight.push_back(InFlight {
            first_id: rows[0].id,
            last,
            skipped,
            max_id,
            pending,
        });
        match error {
            None => {
                self.read_pos = last_sent;
                Ok(Read::Sent)
            }
            Some(e) => Ok(Read::KafkaFailed(e)),
        }
    }

    /// Await the oldest batch's acknowledgements; only then does the offset move.
    async fn acknowledge(&mut self, batch: InFlight) -> Result<Option<Ended>> {
        let (acked, result) = await_acks(
            &self.producer,
            &self.watch,
            batch.pending,
            &mut self.max_published,
        )
        .await;
        self.published += acked;
        if let Err(e) = result {
            return self.recover_kafka(e).await;
        }
        // A republish leaves the offset where it is.
        let record_offset = self.only.is_none();
        if let Err(e) = match record_offset {
            true => write_offset(&self.client, &batch.last).await,
            false => Ok(()),
        } {
            if !is_connection_loss(&e, &self.client) {
                return Err(query_error("updating producer_offsets", e));
            }
            return self.recover_database(e.to_string()).await;
        }
        self.backoff.reset();
        if record_offset {
            self.last_id = batch.last.id;
        }
        self.batches += 1;
        self.skipped += batch.skipped;
        self.lag = (batch.max_id - self.last_id).max(0);
        let secs = self.started.elapsed().as_secs_f64();
        (self.on)(ProducerEvent::Batch(BatchStats {
            kind: "batch",
            batch: self.batches,
            published: acked,
            skipped: batch.skipped,
            first_id: batch.first_id,
            last_id: self.last_id,
            last_created_at: to_event(&batch.last).meta.created_at,
            published_total: self.published,
            rows_per_sec: if secs > 0.0 {
                self.published as f64 / secs
            } else {
                0.0
            },
            lag: self.lag,
        }));
        Ok(None)
    }

    async fn wait_for_rows(&mut self, held_back: bool) -> Result<Option<Ended>> {
        if held_back && self.held_reported != Some(self.last_id) {
            self.held_reported = Some(self.last_id);
            (self.on)(ProducerEvent::HeldBack {
                after_id: self.last_id,
            });
        }
        if self.opts.once && !held_back {
            return Ok(Some("drained"));
        }
        let wait = if held_back {
            Duration::from_millis(100)
        } else {
            self.opts.interval
        };
        if sleep_or_stop(&mut self.stop, wait).await {
            return Ok(Some("stopped"));
        }
        Ok(None)
    }

    /// Learn what the batches in flight got acknowledged (after a failure).
    async fn drain(&mut self) {
        self.published += drain(&mut self.in_flight, &mut self.max_published).await;
    }

    /// The database went away: reconnect with backoff, re-take the lock, re-read the
    /// offset; `max_published` keeps what was acknowledged from being sent again.
    async fn recover_database(&mut self, error: String) -> Result<Option<Ended>> {
        self.drain().await;
        loop {
            let delay = self.backoff.next_delay();
            self.retries += 1;
            (self.on)(ProducerEvent::Retrying {
                what: "PostgreSQL".into(),
                error: error.clone(),
                delay,
            });
            if sleep_or_stop(&mut self.stop, delay).await {
                return Ok(Some("stopped"));
            }
            let on = &mut self.on;
            match connect_locked(self.pg, &mut |w| {
                on(ProducerEvent::WaitingForLock(w.clone()))
            })
            .await
            {
                Ok(c) => {
                    self.client = c;
                    self.last_id = read_offset(&self.client).await?;
                    self.reset_position();
                    (self.on)(ProducerEvent::Recovered {
                        what: "PostgreSQL".into(),
                    });
                    return Ok(None);
                }
                Err(e) if e.kind == ErrorKind::Connection => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Kafka failed: stop this producer, learn what it got acknowledged, replace it, and
    /// ask the topic what is on it before anything is sent again.
    async fn recover_kafka(&mut self, error: String) -> Result<Option<Ended>> {
        self.producer
            .purge(PurgeConfig::default().queue().inflight().non_blocking());
        self.drain().await;
        let (fresh, fresh_watch) = create_producer(self.k)?;
        retire(std::mem::replace(&mut self.producer, fresh)).await;
        self.watch = fresh_watch;
        let mut error = error;
        loop {
            let delay = self.backoff.next_delay();
            self.retries += 1;
            (self.on)(ProducerEvent::Retrying {
                what: "Kafka".into(),
                error: error.clone(),
                delay,
            });
            if sleep_or_stop(&mut self.stop, delay).await {
                return Ok(Some("stopped"));
            }
            match read_topic_state(
                self.k,
                &self.topic,
                self.partitions,
                self.trust_from.clone(),
            )
            .await
            {
                Ok(state) => {
                    for (m, seen) in self.max_published.iter_mut().zip(state.max_published) {
                        *m = (*m).max(seen);
                    }
                    break;
                }
                Err(e) => error = e.message,
            }
        }
        (self.on)(ProducerEvent::Recovered {
            what: "Kafka".into(),
        });
        self.reset_position();
        Ok(None)
    }

    async fn finish(self, rewound: Option<Rewound>, ended_by: Ended) -> PollSummary {
        let seconds = self.started.elapsed().as_secs_f64();
        let summary = PollSummary {
            kind: "summary",
            topic: self.topic,
            partitions: self.partitions,
            batches: self.batches,
            published: self.published,
            skipped: self.skipped,
            seconds,
            rows_per_sec: if seconds > 0.0 {
                self.published as f64 / seconds
            } else {
                0.0
            },
            last_id: self.last_id,
            lag: self.lag,
            retries: self.retries,
            rewound,
            ended_by: ended_by.into(),
        };
        let producer = self.producer;
        tokio::task::spawn_blocking(move || drop(producer))
            .await
            .ok();
        // Release the lock now rather than when the server notices the closed connection,
        // so a producer started right after this one (the demo does) is not refused.
        let _ = self
            .client
            .execute("SELECT pg_advisory_unlock($1)", &[&PRODUCER_LOCK_KEY])
            .await;
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::BatchSizing;

    #[test]
    fn batches_grow_under_a_backlog_and_start_small_again_when_caught_up() {
        let b = BatchSizing::ADAPTIVE;
        let mut limit = b.start;
        let mut seen = vec![limit];
        for _ in 0..6 {
            limit = b.next(limit, limit as usize);
            seen.push(limit);
        }
        assert_eq!(seen, [1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
        assert_eq!(b.next(10_000, 9_999), 1_000);
        assert_eq!(b.next(1_000, 0), 1_000);
        let fixed = BatchSizing::fixed(100);
        assert_eq!(fixed.next(100, 100), 100);
        assert_eq!(fixed.next(100, 3), 100);
    }
}
