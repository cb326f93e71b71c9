//! The consumer loop, the one every group consumer runs: read events, batch them (by
//! count or time), hand a batch to its [`BatchHandler`], commit exactly the offsets of
//! what the handler finished, only after it finished; stop at the end, after a count, or
//! on a stop request.
//!
//! Delivery is at-least-once: a crash between a handler's write and the offset commit
//! replays that batch on restart, so handlers make their writes idempotent (upserts) or
//! say that replays may repeat.
//!
//! A handler that holds state across batches (a stream job's open windows) uses the rest
//! of the trait: it keeps its own positions ([`BatchHandler::positions`]: it then reads
//! every partition from them instead of sharing them in the group), decides what may be
//! committed ([`BatchHandler::commit_offsets`]), hears of partitions read to their end,
//! and is called on every flush interval even without events
//! ([`BatchHandler::FLUSH_WHEN_IDLE`]).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::Serialize;
use tokio::time::Instant;

use super::dead_letter::{event_bytes, DeadLetterOptions, DeadLetters};
use super::group::{Event, GroupConsumer, Next};
use crate::error::Result;
use crate::shutdown::{requested, Stop};

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

/// A consumer: what it does with a batch. Everything else (joining the group, batching,
/// committing, stopping) is [`run_batches`]'s.
pub trait BatchHandler {
    /// Call [`handle`](Self::handle) on every flush interval, also with no events (for
    /// work driven by time, like closing windows of partitions that went quiet).
    const FLUSH_WHEN_IDLE: bool = false;

    /// Work left by an earlier run, done once before the first event is read (aggregate's
    /// pending triggers).
    fn resume(&mut self) -> impl std::future::Future<Output = Result<()>> {
        async { Ok(()) }
    }

    /// For a handler that keeps its positions itself: every partition of the topic and
    /// its next offset, read by this consumer alone ([`GroupConsumer::assign`]). `None`:
    /// join the group and share its partitions, starting at the group's commits.
    fn positions(&self) -> Option<BTreeMap<i32, i64>> {
        None
    }

    /// Before each flush: the partitions read to their end, with nothing of them read
    /// since (so nothing of them after the batch about to be handled).
    fn at_end(&mut self, _partitions: &BTreeSet<i32>) {}

    /// Process the batch durably; offsets are committed only after this returns `Ok`.
    /// An event the handler cannot process (not JSON, a wrong type, a value it cannot
    /// carry) is set aside with its reason in `dead`, never an error: the loop sends it
    /// to the dead-letter topic, counts it, and commits past it. An error is for a
    /// dependency that is really gone, and ends the consumer.
    fn handle(
        &mut self,
        batch: &[Event],
        dead: &mut DeadLetters,
    ) -> impl std::future::Future<Output = Result<BatchOutcome>>;

    /// What to commit after a handled batch; `handled` is the next offset per partition
    /// of the batch, which is what is committed unless the handler says otherwise.
    fn commit_offsets(&mut self, handled: BTreeMap<i32, i64>) -> BTreeMap<i32, i64> {
        handled
    }
}

/// A batch grows past `batch_size` (behind a backlog) only while its events hold less than
/// this many bytes: `batch_max` large events would otherwise all be held at once.
pub const GROW_BYTES: usize = 32 << 20;

#[derive(Debug, Clone)]
pub struct RunOptions {
    /// A batch is written once it holds this many events and no more are waiting...
    pub batch_size: usize,
    /// ...or, while more are waiting (a backlog), once it holds this many (`batch_size` or
    /// more) or [`GROW_BYTES`]: larger batches, fewer transactions, when behind.
    pub batch_max: usize,
    pub flush_interval: Duration,
    /// Stop once every assigned partition is read to its end and flushed.
    pub exit_at_end: bool,
    /// Stop after this many events (then flush).
    pub max_events: Option<u64>,
    /// Where events the handler sets aside go (and the size limit checked before it).
    pub dead_letter: Option<DeadLetterOptions>,
}

impl RunOptions {
    /// Whether a batch of `len` events holding `bytes` has grown as large as it may while
    /// more events are waiting.
    fn is_grown(&self, len: usize, bytes: usize) -> bool {
        len >= self.batch_max.max(self.batch_size)
            || (len >= self.batch_size && bytes >= GROW_BYTES)
    }
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
    /// Milliseconds the handler took to write the batch (where a slow consumer's time goes).
    pub write_ms: f64,
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

/// Read, batch, hand over, commit; until the end, a count, or a stop (Ctrl-C/SIGTERM: the
/// batch in hand is flushed and committed before returning).
pub async fn run_batches<H: BatchHandler>(
    consumer: &mut GroupConsumer,
    handler: &mut H,
    opts: &RunOptions,
    mut dead: DeadLetters,
    mut stop: Stop,
    mut on_flush: impl FnMut(&FlushRecord) -> Result<()>,
) -> Result<RunSummary> {
    let mut summary = RunSummary {
        topic: consumer.opts.topic.clone(),
        group: consumer.opts.group.clone(),
        ..Default::default()
    };
    let mut batch: Vec<Event> = Vec::with_capacity(opts.batch_size);
    let mut batch_bytes = 0usize;
    let mut next_flush = Instant::now() + opts.flush_interval;
    let mut positions: BTreeMap<i32, i64> = BTreeMap::new();
    let max_bytes = opts.dead_letter.as_ref().and_then(|d| d.max_event_bytes);
    // One wait for a stop for the whole run, polled beside each read: made anew per event,
    // its registration and drop were a few per cent of a sink's CPU.
    let stop_requested = requested(&mut stop);
    tokio::pin!(stop_requested);
    loop {
        // A full batch only takes the events already waiting (no wait) before it is written.
        let full = batch.len() >= opts.batch_size;
        let deadline = if full { Instant::now() } else { next_flush };
        let step = tokio::select! {
            biased;
            _ = &mut stop_requested => None,
            n = consumer.next(deadline, opts.exit_at_end) => Some(n?),
        };
        let (flush, why, stop) = match step {
            None => (true, "signal", Some("signal")),
            Some(Next::Event(e)) => {
                batch_bytes += event_bytes(&e);
                batch.push(e);
                summary.events += 1;
                let hit_max = opts.max_events.is_some_and(|m| summary.events >= m);
                if hit_max {
                    (true, "max-events", Some("max-events"))
                } else {
                    (opts.is_grown(batch.len(), batch_bytes), "batch-full", None)
                }
            }
            Some(Next::Idle) if full => (true, "batch-full", None),
            Some(Next::Idle) => (true, "interval", None),
            Some(Next::AllAtEnd) => (true, "end", Some("end")),
        };
        if flush && (!batch.is_empty() || H::FLUSH_WHEN_IDLE) {
            handler.at_end(consumer.at_end());
            let writing = Instant::now();
            let mut handled = BTreeMap::new();
            for e in &batch {
                let next = handled.entry(e.partition).or_insert(e.offset + 1);
                *next = (*next).max(e.offset + 1);
            }
            let events = batch.len() as u64;
            if let Some(max) = max_bytes {
                batch.retain(|e| {
                    let size = event_bytes(e);
                    let keep = size <= max;
                    if !keep {
                        dead.set_aside(
                            e,
                            format!("the event is {size} bytes, over the limit of {max} (--max-event-bytes)"),
                        );
                    }
                    keep
                });
            }
            let mut outcome = handler.handle(&batch, &mut dead).await?;
            // Dead letters are on their topic before the offsets past them are committed.
            outcome.dead_lettered += dead.flush().await?;
            let write_ms = (writing.elapsed().as_secs_f64() * 1e6).round() / 1e3;
            let committed = handler.commit_offsets(handled);
            let moved: BTreeMap<i32, i64> = committed
                .iter()
                .filter(|(p, o)| positions.get(p) != Some(o))
                .map(|(p, o)| (*p, *o))
                .collect();
            // Asynchronous while the stream flows (a sync round trip per batch halves the
            // throughput); the final commit below waits for the broker.
            consumer.commit(&moved, false).await?;
            positions.extend(moved);
            if events > 0 {
                summary.batches += 1;
            }
            summary.written += outcome.written;
            summary.dead_lettered += outcome.dead_lettered;
            for (k, v) in &outcome.extra {
                *summary.extra.entry(k.clone()).or_default() += v;
            }
            on_flush(&FlushRecord {
                events,
                outcome,
                committed,
                why,
                write_ms,
            })?;
            batch.clear();
            batch_bytes = 0;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(batch_size: usize, batch_max: usize) -> RunOptions {
        RunOptions {
            batch_size,
            batch_max,
            flush_interval: Duration::from_secs(3),
            exit_at_end: false,
            max_events: None,
            dead_letter: None,
        }
    }

    #[test]
    fn a_batch_grows_to_its_count_or_its_bytes() {
        let o = opts(500, 5000);
        // Below the size asked for, bytes do not cut it short.
        assert!(!o.is_grown(499, GROW_BYTES * 2));
        // Past it, it grows while small events are waiting...
        assert!(!o.is_grown(500, 0));
        assert!(!o.is_grown(4999, GROW_BYTES - 1));
        // ...up to its count, or up to GROW_BYTES of large ones.
        assert!(o.is_grown(5000, 0));
        assert!(o.is_grown(501, GROW_BYTES));
        // A fixed size (`-b N`: batch_max = batch_size) is full at its count.
        let fixed = opts(7, 7);
        assert!(!fixed.is_grown(6, GROW_BYTES));
        assert!(fixed.is_grown(7, 0));
    }
}
