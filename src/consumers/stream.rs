//! `stream run`: a stream job (`crate::stream`) as a group consumer. Each record goes
//! through the job's extractor into the window engine; on every flush (a full batch, the
//! flush interval, the end, a stop) the results due are written to every sink, then the
//! engine's checkpoint is saved beside the job's run lock (`stream::store`), then its
//! offsets are committed to the group.
//!
//! **Restart correctness.** Results are upserts keyed by window and group. The checkpoint's
//! offsets are only past events of windows already written (`stream::engine`), every
//! partition starts at its saved offset (the group's commits only follow, for lag tools),
//! and the engine resumes from the saved watermark, so a replay after kill -9 rewrites the
//! same values and no window's result is lost or overwritten by a partial one. A rebalance
//! is handled as a restart: the batch in hand is dropped and the engine goes back to the
//! saved checkpoint, where the group now starts every partition.
//!
//! **Watermark.** The engine is told every partition of the topic, so one that has not
//! delivered holds the watermark back (its events may be older); a partition read to its
//! end stops holding it back until it delivers again.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::{BatchHandler, BatchOutcome, Event, OnAssign, Positions};
use crate::error::Result;
use crate::settings::Settings;
use crate::stream::engine::{Checkpoint, Engine, EngineConfig, EngineStats, WindowResult};
use crate::stream::event::Extractor;
use crate::stream::job::Job;
use crate::stream::sink::{self, Connections, Schema, Sink};
use crate::stream::store::JobLock;
use crate::stream::StreamError;

/// How a job runs as a consumer.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    pub group: String,
    /// Where partitions without a checkpoint or a commit start: `earliest` or `latest`.
    pub start: String,
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
    /// The group assigned partitions again (a rebalance): back to the saved checkpoint.
    Rewound { partitions: &'r [i32] },
    /// After every flush.
    Progress(&'r Progress),
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
    config: EngineConfig,
    engine: Engine,
    sinks: Vec<Box<dyn Sink>>,
    lock: JobLock,
    partitions: Vec<i32>,
    /// Every partition's saved position; where assignments start.
    positions: Positions,
    /// The last checkpoint saved (what a rebalance goes back to).
    saved: Option<Checkpoint>,
    /// Partitions read to their end, marked idle after the batch is pushed.
    at_end: BTreeSet<i32>,
    /// Counts of engines replaced by a rebalance, plus results written.
    carried: EngineStats,
    emitted: u64,
    assignments: u64,
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
        let lock = JobLock::take(&s.postgres, &job.name).await?;
        let topic = job.source.topic.clone();
        let saved = lock.load(&opts.group, &topic).await?;
        let count = crate::kafka::send::require_topic(&s.kafka, &topic).await?;
        let partitions: Vec<i32> = (0..count as i32).collect();
        let mut start =
            super::group::starting_offsets(&s.kafka, &topic, &opts.group, &opts.start, &partitions)
                .await?;
        if let Some(cp) = &saved {
            start.extend(cp.offsets.iter().map(|(p, o)| (*p, *o)));
        }
        let config = EngineConfig::from_job(&job);
        let mut engine = match &saved {
            Some(cp) => Engine::resume(config.clone(), cp),
            None => Engine::new(config.clone()),
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
        on_note(&StreamNote::Started(&Started {
            job: job.name.clone(),
            topic,
            group: opts.group.clone(),
            resumed: saved.is_some(),
            positions: start.clone(),
            sinks: sinks.iter().map(|s| s.label()).collect(),
        }))?;
        Ok(StreamRunner {
            extractor: Extractor::new(&job),
            job,
            opts,
            schema,
            config,
            engine,
            sinks,
            lock,
            partitions,
            positions: Arc::new(Mutex::new(start)),
            saved,
            at_end: BTreeSet::new(),
            carried: EngineStats::default(),
            emitted: 0,
            assignments: 0,
            on_note,
        })
    }

    fn positions_now(&self) -> BTreeMap<i32, i64> {
        self.positions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn progress(&self) -> Progress {
        let s = self.engine.stats();
        let c = &self.carried;
        let now = chrono::Utc::now().timestamp_millis();
        Progress {
            events: c.events + s.events,
            accepted: c.accepted + s.accepted,
            late: c.late + s.late,
            filtered: c.filtered + s.filtered,
            not_json: c.not_json + s.not_json,
            no_time: c.no_time + s.no_time,
            emitted: self.emitted,
            open_windows: s.open_panes,
            watermark_ms: s.watermark_ms,
            max_event_ms: s.max_event_ms.max(c.max_event_ms),
            watermark_lag_ms: s.watermark_ms.map(|w| now.saturating_sub(w)),
            committed: self.positions_now(),
        }
    }

    /// Save the engine's checkpoint with every partition's position, if it moved.
    async fn save_checkpoint(&mut self) -> Result<()> {
        let Some(mut cp) = self.engine.checkpoint() else {
            // No safe cut beyond the saved one.
            return Ok(());
        };
        // A partition the engine has not read from since it started keeps its position.
        let mut offsets = self.positions_now();
        offsets.extend(cp.offsets.iter().map(|(p, o)| (*p, *o)));
        cp.offsets = offsets;
        if self.saved.as_ref() == Some(&cp) {
            return Ok(());
        }
        self.lock
            .save(&self.opts.group, &self.job.source.topic, &cp)
            .await?;
        *self.positions.lock().unwrap_or_else(|p| p.into_inner()) = cp.offsets.clone();
        self.saved = Some(cp);
        Ok(())
    }
}

impl BatchHandler for StreamRunner<'_> {
    const FLUSH_WHEN_IDLE: bool = true;

    fn positions(&self) -> Option<Positions> {
        Some(self.positions.clone())
    }

    fn assigned(&mut self, partitions: &[i32]) -> Result<OnAssign> {
        self.assignments += 1;
        if self.assignments == 1 {
            // The first assignment starts at the positions `open` worked out.
            return Ok(OnAssign::Keep);
        }
        // A rebalance restarts the assigned partitions at the saved positions: go back to
        // the saved checkpoint too, as a restart would.
        let stats = self.engine.stats();
        let c = &mut self.carried;
        c.events += stats.events;
        c.accepted += stats.accepted;
        c.late += stats.late;
        c.filtered += stats.filtered;
        c.not_json += stats.not_json;
        c.no_time += stats.no_time;
        c.max_event_ms = c.max_event_ms.max(stats.max_event_ms);
        self.engine = match &self.saved {
            Some(cp) => Engine::resume(self.config.clone(), cp),
            None => Engine::new(self.config.clone()),
        };
        self.engine.assign(&self.partitions);
        self.at_end.clear();
        (self.on_note)(&StreamNote::Rewound { partitions })?;
        Ok(OnAssign::Discard)
    }

    fn at_end(&mut self, partitions: &BTreeSet<i32>) {
        self.at_end.clone_from(partitions);
    }

    async fn handle(&mut self, batch: &[Event]) -> Result<BatchOutcome> {
        for e in batch {
            let ev = self
                .extractor
                .extract_bytes(e.payload.as_deref(), e.timestamp_ms);
            self.engine.push(e.partition, e.offset, ev);
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
        self.positions_now()
    }
}
