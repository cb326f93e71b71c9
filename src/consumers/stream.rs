//! `stream run`: a stream job (`crate::stream`) as a group consumer. Each record goes
//! through the job's extractor into the window engine; on every flush (a full batch, the
//! flush interval, the end, a stop) the results due are written to every sink, then the
//! engine's checkpoint is saved beside the job's run lock (`stream::store`), then its
//! offsets are committed to the group.
//!
//! **Restart correctness.** Results are upserts keyed by window and group. The checkpoint's
//! offsets are, per partition, the oldest event a window still open needs (or past all it
//! delivered), so they move as windows close and only pass events of windows already
//! written (`stream::engine`); every
//! partition starts at its saved offset (the group's commits only follow, for lag tools),
//! and the engine resumes from the saved watermark, so a replay after kill -9 rewrites the
//! same values and no window's result is lost or overwritten by a partial one.
//!
//! **One reader.** The runner reads every partition of the topic itself, from its saved
//! positions, under the group's name without joining it (as Flink's Kafka source does):
//! the watermark needs them all, no rebalance can move one back to an older commit, and a
//! restart after kill -9 does not wait for the broker to notice the dead member. The run
//! lock keeps it single.
//!
//! **Watermark.** The engine is told every partition, so one that has not delivered holds
//! the watermark back (its events may be older); a partition read to its end stops holding
//! it back until it delivers again. The partitions are those the topic has at the start;
//! one added later is read from the next start on.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{BatchHandler, BatchOutcome, Event};
use crate::consumers::DeadLetters;
use crate::error::Result;
use crate::settings::Settings;
use crate::stream::engine::{Checkpoint, Engine, EngineConfig, Pushed, WindowResult};
use crate::stream::event::{Extractor, Skip};
use crate::stream::job::Job;
use crate::stream::sink::{self, Connections, Schema, Sink};
use crate::stream::store::JobLock;
use crate::stream::StreamError;

/// How a job runs as a consumer.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    pub group: String,
    /// Where partitions without a checkpoint start: `earliest` or `latest`.
    pub start: String,
    /// How long to wait for a broker that does not answer ([`crate::kafka::send::await_topic`]).
    pub start_patience: std::time::Duration,
}

/// What the runner tells the operator as it goes (the command prints it).
pub enum StreamNote<'r> {
    /// Where the run starts.
    Started(&'r Started),
    /// Results just written to every sink.
    Results {
        schema: &'r Schema,
        results: &'r [WindowResult],
    },
    /// After every flush.
    Progress(&'r Progress),
    /// The job's run lock is held by a process that is gone; waiting for its session to end.
    WaitingForLock(&'r crate::pg::run_lock::LockWait),
    /// The broker did not answer when the partitions were counted; asking again.
    WaitingForKafka(&'r crate::kafka::send::BrokerWait),
}

#[derive(Debug, Clone, Serialize)]
pub struct Started {
    pub job: String,
    pub topic: String,
    pub group: String,
    /// A checkpoint of an earlier run was found and resumed.
    pub resumed: bool,
    /// Where each partition starts.
    pub positions: BTreeMap<i32, i64>,
    pub sinks: Vec<String>,
    /// The checkpoint's watermark or event times are further ahead of the wall clock
    /// than `source.max_future`: every event to come is late until it is reset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint_too_far_ahead: Option<FarCheckpoint>,
}

/// A checkpoint saved beyond the wall clock (by a far-future event before the guard).
#[derive(Debug, Clone, Serialize)]
pub struct FarCheckpoint {
    /// The furthest of its watermark and event times.
    pub time_ms: i64,
    pub max_future_ms: i64,
    /// The statement that deletes it (in the profile's database, with the job stopped):
    /// the next run starts over at `source.from`.
    pub reset_sql: String,
}

/// Where the job stands after a flush; counts are since this process started.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Progress {
    /// Records read.
    pub events: u64,
    /// Events added to at least one window.
    pub accepted: u64,
    /// Events behind the watermark, dropped (after a restart, also replayed events of
    /// windows written before it).
    pub late: u64,
    pub filtered: u64,
    pub not_json: u64,
    pub no_time: u64,
    /// Events further ahead of the wall clock than `source.max_future`: set aside, the
    /// watermark not moved.
    pub too_far_ahead: u64,
    /// Results written to the sinks (final, early, updates, retractions).
    pub emitted: u64,
    /// (window, group) states held now.
    pub open_windows: u64,
    pub watermark_ms: Option<i64>,
    pub max_event_ms: Option<i64>,
    /// Wall clock minus watermark.
    pub watermark_lag_ms: Option<i64>,
    /// The positions saved and committed: partition -> next offset.
    pub committed: BTreeMap<i32, i64>,
}

type NoteFn<'a> = Box<dyn FnMut(&StreamNote) -> Result<()> + 'a>;

pub struct StreamRunner<'a> {
    job: Job,
    opts: StreamOptions,
    schema: Schema,
    extractor: Extractor,
    engine: Engine,
    sinks: Vec<Box<dyn Sink>>,
    lock: JobLock,
    partitions: Vec<i32>,
    /// Every partition's saved position (where the run started, until the first save).
    positions: BTreeMap<i32, i64>,
    /// The last checkpoint saved.
    saved: Option<Checkpoint>,
    /// Partitions read to their end, marked idle after the batch is pushed.
    at_end: BTreeSet<i32>,
    /// Results written.
    emitted: u64,
    on_note: NoteFn<'a>,
}

impl<'a> StreamRunner<'a> {
    /// Take the job's run lock (refused while another run holds it), load its checkpoint,
    /// work out where every partition starts, and open the sinks.
    pub async fn open(
        s: &Settings,
        job: Job,
        opts: StreamOptions,
        on_note: impl FnMut(&StreamNote) -> Result<()> + 'a,
    ) -> Result<StreamRunner<'a>> {
        let mut on_note: NoteFn<'a> = Box::new(on_note);
        // A note that cannot be shown does not stop the wait.
        let lock = JobLock::take(&s.postgres, &job.name, &mut |w| {
            let _ = on_note(&StreamNote::WaitingForLock(w));
        })
        .await?;
        let topic = job.source.topic.clone();
        let saved = lock.load(&opts.group, &topic).await?;
        // The consumer framework has just waited for the topic; a broker that stops answering
        // in between is waited for the same way, not taken for a failed start. Ctrl-C twice
        // ends the wait (the signal handler's second signal exits).
        let count = crate::kafka::send::await_topic(
            &s.kafka,
            &topic,
            opts.start_patience,
            &crate::shutdown::never(),
            |w| {
                let _ = on_note(&StreamNote::WaitingForKafka(w));
            },
        )
        .await?;
        let partitions: Vec<i32> = (0..count as i32).collect();
        // Without a checkpoint the group's commits (if any) are not enough to resume from:
        // the engine's state that goes with them is gone. Start over at `from`.
        let mut start =
            super::group::edge_offsets(&s.kafka, &topic, &opts.start, &partitions).await?;
        if let Some(cp) = &saved {
            start.extend(cp.offsets.iter().map(|(p, o)| (*p, *o)));
        }
        let config = EngineConfig::from_job(&job);
        let mut engine = match &saved {
            Some(cp) => Engine::resume(config, cp),
            None => Engine::new(config),
        };
        engine.assign(&partitions);
        let schema = Schema::of(&job);
        let conn = Connections {
            postgres: &s.postgres,
            kafka: &s.kafka,
            redis_url: &s.redis.url,
        };
        let mut sinks = Vec::new();
        for spec in &job.sinks {
            sinks.push(
                sink::open(spec, &schema, &conn)
                    .await
                    .map_err(StreamError::from)?,
            );
        }
        let now = chrono::Utc::now().timestamp_millis();
        let checkpoint_too_far_ahead =
            saved
                .as_ref()
                .zip(job.source.max_future_ms)
                .and_then(|(cp, ahead)| {
                    let furthest = cp
                        .watermark_ms
                        .into_iter()
                        .chain(cp.emitted_watermark_ms)
                        .chain(cp.max_event_ms.values().copied())
                        .max()?;
                    (furthest > now.saturating_add(ahead)).then(|| FarCheckpoint {
                        time_ms: furthest,
                        max_future_ms: ahead,
                        reset_sql: crate::stream::store::reset_sql(&opts.group, &topic),
                    })
                });
        on_note(&StreamNote::Started(&Started {
            job: job.name.clone(),
            topic,
            group: opts.group.clone(),
            resumed: saved.is_some(),
            positions: start.clone(),
            sinks: sinks.iter().map(|s| s.label()).collect(),
            checkpoint_too_far_ahead,
        }))?;
        Ok(StreamRunner {
            extractor: Extractor::new(&job),
            job,
            opts,
            schema,
            engine,
            sinks,
            lock,
            partitions,
            positions: start,
            saved,
            at_end: BTreeSet::new(),
            emitted: 0,
            on_note,
        })
    }

    fn progress(&self) -> Progress {
        let s = self.engine.stats();
        let now = chrono::Utc::now().timestamp_millis();
        Progress {
            events: s.events,
            accepted: s.accepted,
            late: s.late,
            filtered: s.filtered,
            not_json: s.not_json,
            no_time: s.no_time,
            too_far_ahead: s.too_far_ahead,
            emitted: self.emitted,
            open_windows: s.open_panes,
            watermark_ms: s.watermark_ms,
            max_event_ms: s.max_event_ms,
            watermark_lag_ms: s.watermark_ms.map(|w| now.saturating_sub(w)),
            committed: self.positions.clone(),
        }
    }

    /// Save the engine's checkpoint with every partition's position, if it moved.
    async fn save_checkpoint(&mut self) -> Result<()> {
        let mut cp = self.engine.checkpoint();
        // A partition the engine has not read from since it started keeps its position.
        let mut offsets = self.positions.clone();
        offsets.extend(cp.offsets.iter().map(|(p, o)| (*p, *o)));
        cp.offsets = offsets;
        if self.saved.as_ref() == Some(&cp) {
            return Ok(());
        }
        self.lock
            .save(&self.opts.group, &self.job.source.topic, &cp)
            .await?;
        self.positions.clone_from(&cp.offsets);
        self.saved = Some(cp);
        Ok(())
    }
}

impl BatchHandler for StreamRunner<'_> {
    const FLUSH_WHEN_IDLE: bool = true;

    fn positions(&self) -> Option<BTreeMap<i32, i64>> {
        Some(self.positions.clone())
    }

    fn at_end(&mut self, partitions: &BTreeSet<i32>) {
        self.at_end.clone_from(partitions);
    }

    async fn handle(&mut self, batch: &[Event], dead: &mut DeadLetters) -> Result<BatchOutcome> {
        // A partition with events in the batch is not idle, whatever their order in it.
        let mut seen = vec![false; self.partitions.len()];
        for e in batch {
            if let Some(slot) = seen.get_mut(e.partition as usize) {
                if !*slot {
                    *slot = true;
                    self.engine.mark_active(e.partition);
                }
            }
        }
        self.engine.set_clock(chrono::Utc::now().timestamp_millis());
        for e in batch {
            let ev = self
                .extractor
                .extract_bytes(e.payload.as_deref(), e.timestamp_ms);
            // Set aside with a reason: what is not an event of this job (a tombstone and
            // an event the filter drops are not poison, only counted).
            let reason = match &ev {
                Err(Skip::NotJson) if e.payload.is_some() => {
                    Some("not valid JSON (or JSON null)".to_string())
                }
                Err(Skip::NoTime) => {
                    Some("no event time: the time field is missing, null or not a time".into())
                }
                _ => None,
            };
            let pushed = self.engine.push(e.partition, e.offset, ev);
            if let Some(reason) = reason {
                dead.set_aside(e, reason);
            } else if pushed == Pushed::TooFarAhead {
                dead.set_aside(
                    e,
                    format!(
                        "event time more than {} ahead of the clock (source.max_future)",
                        humantime::format_duration(std::time::Duration::from_millis(
                            self.job.source.max_future_ms.unwrap_or(0).max(0) as u64
                        ))
                    ),
                );
            }
            if pushed == Pushed::StateFull {
                // Nothing of this batch is written or committed: the next run (with a
                // higher cap) reads it again from the last checkpoint.
                return Err(StreamError::StateFull {
                    job: self.job.name.clone(),
                    open_panes: self.engine.stats().open_panes,
                    limit: self.job.limits.max_open_panes,
                    at: Some((e.partition, e.offset)),
                }
                .into());
            }
        }
        for p in &self.at_end {
            self.engine.mark_idle(*p);
        }
        let results = self.engine.drain(chrono::Utc::now().timestamp_millis());
        if !results.is_empty() {
            for s in self.sinks.iter_mut() {
                s.write(&results).await.map_err(StreamError::from)?;
            }
            self.emitted += results.len() as u64;
            (self.on_note)(&StreamNote::Results {
                schema: &self.schema,
                results: &results,
            })?;
        }
        self.save_checkpoint().await?;
        let progress = self.progress();
        (self.on_note)(&StreamNote::Progress(&progress))?;
        Ok(BatchOutcome {
            written: results.len() as u64,
            ..Default::default()
        })
    }

    fn commit_offsets(&mut self, _handled: BTreeMap<i32, i64>) -> BTreeMap<i32, i64> {
        // Only what the saved checkpoint covers: past events of windows already written.
        self.positions.clone()
    }
}
