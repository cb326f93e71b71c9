//! The window engine: event-time windows over extracted events, with no I/O.
//!
//! - **Windows.** Tumbling windows `[k·size, (k+1)·size)`, hopping windows of `size`
//!   starting every `slide`, and session windows per group that close `gap` after their
//!   last event (touching sessions merge, as in Flink). Windows are aligned to 1970 UTC.
//! - **Watermark.** Per partition the highest event time seen; the watermark is the
//!   smallest of those over the partitions that are assigned and not idle, minus
//!   `watermark_delay`, and never goes back (Flink's per-split watermarks with idleness).
//!   A window `[s, e)` closes when `e - 1 <= watermark` and its result is emitted.
//! - **Late events.** An event whose earliest window has closed is late (for hopping
//!   windows as in Flink's slicing: the first window holding it decides). Without
//!   `allowed_lateness` it is counted and dropped; with it, windows are kept that much
//!   longer and a late event updates the window's result (emitted again as an upsert).
//! - **Early results.** With `emit: {every}`, changed open windows are emitted every
//!   interval of processing time (the caller passes the clock).
//! - **Restart correctness.** Results are upserts keyed by (window, group). Every pane
//!   remembers, per partition, the first event it took from it (its offset, and the
//!   partition's highest event time and the watermark just before it). `checkpoint`
//!   resumes each partition at the oldest offset still needed by a pane held now, or past
//!   everything it delivered when no pane needs it; so committed offsets move as windows
//!   close, and a restart re-reads at most the events of the windows still open. It
//!   restores the event times and the (lowest) watermark of those first events, so the
//!   replay places them as the first run did. The checkpoint's `emitted_watermark_ms`
//!   marks the windows whose results were written before: replayed events of those are
//!   dropped (or, within an allowed lateness, rebuilt silently and written once,
//!   complete, when they expire), so no partial result overwrites a complete one.
//!   Replayed in a different interleaving of partitions, only events near the watermark
//!   (late or not) can be decided differently, as in any event-time processor.
//! - **Guards.** An event time further ahead of the caller's wall clock than
//!   `max_future` is set aside (`too_far_ahead`) without moving the watermark; at most
//!   `max_open_panes` panes are held: an event that needs a new one beyond that is
//!   refused ([`Pushed::StateFull`]) and the caller stops before committing it.
//! - **Memory** is one accumulator set per open (window, group) pane, not per event;
//!   `count_distinct` holds its distinct values per pane.

//!
//! Here: the engine's results, configuration and state; `place.rs` puts events in
//! windows and moves the watermark, `emit.rs` closes windows and emits results,
//! `checkpoint.rs` takes checkpoints, `acc.rs` holds the accumulators.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::stream::event::{GroupKey, Input, Skip};
use crate::stream::job::{AggFunc, Emit, Job, OutputType, WindowSpec};

mod acc;
mod checkpoint;
mod emit;
mod place;
#[cfg(test)]
mod tests;

use acc::Acc;
pub use checkpoint::Checkpoint;
pub use place::windows_of;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Window {
    pub start_ms: i64,
    pub end_ms: i64,
}

impl Window {
    /// The last millisecond in the window; it closes when the watermark reaches it.
    fn max_ts(&self) -> i64 {
        self.end_ms - 1
    }
}

/// What an emitted result means for a sink.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// The window closed: its result (upsert).
    Final,
    /// An early result of an open window (`emit: {every}`), upserted.
    Early,
    /// A closed window changed by late events within `allowed_lateness` (upsert).
    Update,
    /// A session window that merged into another: delete its row.
    Retract,
}

/// One aggregate's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AggValue {
    Count(i64),
    /// `None` is SQL NULL (no values, or an overflow).
    Decimal(Option<Decimal>),
}

impl Serialize for AggValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AggValue::Count(n) => s.serialize_i64(*n),
            AggValue::Decimal(Some(d)) => s.serialize_str(&d.to_string()),
            AggValue::Decimal(None) => s.serialize_none(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowResult {
    pub kind: ResultKind,
    pub window: Window,
    pub group: GroupKey,
    /// One per aggregate, in the job's order (empty for a retraction).
    pub values: Vec<AggValue>,
}

/// What the engine needs from a job.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub window: WindowSpec,
    pub watermark_delay_ms: i64,
    pub allowed_lateness_ms: i64,
    pub emit_every_ms: Option<i64>,
    pub aggregates: Vec<AggSpec>,
    /// Events further ahead of the wall clock (see [`Engine::set_clock`]) are set aside;
    /// `None`: no limit.
    pub max_future_ms: Option<i64>,
    /// The most panes ((window, group) states) held at once.
    pub max_open_panes: u64,
}

#[derive(Debug, Clone, Copy)]
pub struct AggSpec {
    pub func: AggFunc,
    /// For `avg`: the result's scale.
    pub avg_scale: u32,
}

impl EngineConfig {
    pub fn from_job(job: &Job) -> EngineConfig {
        EngineConfig {
            window: job.window,
            watermark_delay_ms: job.source.watermark_delay_ms,
            allowed_lateness_ms: job.source.allowed_lateness_ms,
            emit_every_ms: match job.emit {
                Emit::OnClose => None,
                Emit::Every { interval_ms } => Some(interval_ms),
            },
            aggregates: job
                .aggregates
                .iter()
                .map(|a| AggSpec {
                    func: a.func,
                    avg_scale: match job.output_type(a) {
                        OutputType::Decimal(t) => t.scale,
                        OutputType::Count => 0,
                    },
                })
                .collect(),
            max_future_ms: job.source.max_future_ms,
            max_open_panes: job.limits.max_open_panes,
        }
    }
}

/// Counters for progress lines and summaries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EngineStats {
    /// Events handed to `push`.
    pub events: u64,
    /// Events added to at least one window.
    pub accepted: u64,
    /// Events behind the watermark (past the allowed lateness), dropped. After a restart
    /// this includes replayed events of windows emitted before it.
    pub late: u64,
    pub filtered: u64,
    pub not_json: u64,
    pub no_time: u64,
    /// Events whose time is further ahead of the wall clock than `max_future`: set aside,
    /// the watermark not moved.
    pub too_far_ahead: u64,
    /// Results emitted, by kind.
    pub emitted_final: u64,
    pub emitted_early: u64,
    pub emitted_updates: u64,
    pub retractions: u64,
    /// Panes ((window, group) states) held now.
    pub open_panes: u64,
    pub watermark_ms: Option<i64>,
    pub max_event_ms: Option<i64>,
}

/// The state of one (window, group).
#[derive(Debug, Clone)]
struct Pane {
    window: Window,
    accs: Vec<Acc>,
    /// Per partition, the first event it took from it: a restart reads again from there.
    origins: Vec<Origin>,
    /// Changed since it was last emitted.
    dirty: bool,
    /// The window as last emitted, if it was.
    emitted: Option<Window>,
    /// Its window closed before a restart: rebuilt from replayed events without emitting
    /// until it expires, so a partial rebuild never overwrites the complete result.
    silent: bool,
    /// Its window has closed (the final result was emitted).
    closed: bool,
}

impl Pane {
    fn new(window: Window, specs: &[AggSpec]) -> Pane {
        Pane {
            window,
            accs: specs.iter().map(|s| Acc::new(s.func)).collect(),
            origins: Vec::new(),
            dirty: false,
            emitted: None,
            silent: false,
            closed: false,
        }
    }
    fn add(&mut self, origin: &Origin, inputs: &[Input]) {
        for (acc, input) in self.accs.iter_mut().zip(inputs) {
            acc.add(input);
        }
        self.note_origin(origin);
        self.dirty = true;
    }
    /// Offsets of a partition only grow within a run: its first event stays the oldest.
    fn note_origin(&mut self, origin: &Origin) {
        match self
            .origins
            .iter_mut()
            .find(|o| o.partition == origin.partition)
        {
            Some(o) if o.offset <= origin.offset => {}
            Some(o) => *o = *origin,
            None => self.origins.push(*origin),
        }
    }
    fn values(&self, specs: &[AggSpec]) -> Vec<AggValue> {
        self.accs
            .iter()
            .zip(specs)
            .map(|(a, s)| a.value(s))
            .collect()
    }
}

/// Where a pane's first event of a partition was, and the state just before it.
#[derive(Debug, Clone, Copy)]
struct Origin {
    partition: i32,
    offset: i64,
    /// The partition's highest event time before it.
    max_event_ms: Option<i64>,
    /// The watermark before it.
    watermark: Option<i64>,
}

#[derive(Debug, Clone, Default)]
struct PartitionState {
    max_event_ms: Option<i64>,
    next_offset: Option<i64>,
    idle: bool,
}

/// The hasher of the group maps: foldhash, seeded per map, not SipHash (which was 3.5% of
/// `stream eval`'s CPU per event). Groups come from events, so chosen keys could collide
/// more than chance; the maps are bounded by `max_open_panes` either way.
type Hasher = foldhash::fast::RandomState;

/// See the module documentation.
pub struct Engine {
    config: EngineConfig,
    /// Tumbling and hopping windows, in the order they close.
    windows: BTreeMap<(i64, i64), HashMap<GroupKey, Pane, Hasher>>,
    /// Session windows per group, sorted by start.
    sessions: HashMap<GroupKey, Vec<Pane>, Hasher>,
    partitions: BTreeMap<i32, PartitionState>,
    watermark: Option<i64>,
    /// After a restart: windows closed at this watermark were emitted before it.
    emitted_before: Option<i64>,
    /// Panes held now (fixed windows and sessions).
    panes: u64,
    /// The caller's wall clock, for `max_future`.
    now_ms: Option<i64>,
    next_early_ms: Option<i64>,
    /// Retractions waiting for the next drain.
    pending: Vec<WindowResult>,
    stats: EngineStats,
}

/// What happened to one pushed event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    Accepted,
    Late,
    Skipped(Skip),
    /// Its time is further ahead of the wall clock than `max_future`: set aside.
    TooFarAhead,
    /// It needs a new pane and `max_open_panes` are held: not placed, nothing counted.
    /// The caller must stop before committing past it.
    StateFull,
}

impl Engine {
    pub fn new(config: EngineConfig) -> Engine {
        Engine {
            config,
            windows: BTreeMap::new(),
            sessions: HashMap::default(),
            partitions: BTreeMap::new(),
            watermark: None,
            emitted_before: None,
            panes: 0,
            now_ms: None,
            next_early_ms: None,
            pending: Vec::new(),
            stats: EngineStats::default(),
        }
    }

    /// Continue after a restart from a checkpoint: the caller reads again from its
    /// offsets; its watermark and event times tell which windows were already emitted.
    pub fn resume(config: EngineConfig, from: &Checkpoint) -> Engine {
        let mut e = Engine::new(config);
        e.watermark = from.watermark_ms;
        e.emitted_before = from.emitted_watermark_ms;
        e.stats.watermark_ms = from.watermark_ms;
        for (p, t) in &from.max_event_ms {
            e.partitions.entry(*p).or_default().max_event_ms = Some(*t);
        }
        e
    }

    /// The wall clock now: events further ahead than `max_future` are set aside. Until it
    /// is set, no event is.
    pub fn set_clock(&mut self, now_ms: i64) {
        self.now_ms = Some(now_ms);
    }

    /// The partitions this engine reads: one that has delivered nothing yet holds the
    /// watermark back (its events may be older) until it delivers or is marked idle.
    pub fn assign(&mut self, partitions: &[i32]) {
        for p in partitions {
            self.partitions.entry(*p).or_default();
        }
        self.partitions.retain(|p, _| partitions.contains(p));
        self.update_watermark();
    }

    /// A partition with nothing to read now (at its end, or quiet for a while) stops
    /// holding the watermark back until it delivers again.
    pub fn mark_idle(&mut self, partition: i32) {
        self.partitions.entry(partition).or_default().idle = true;
        self.update_watermark();
    }

    /// A partition about to deliver holds the watermark back again from now, not only from
    /// its first event on: events of other partitions pushed before its own must not close
    /// windows it still has events for.
    pub fn mark_active(&mut self, partition: i32) {
        self.partitions.entry(partition).or_default().idle = false;
    }

    #[cfg_attr(not(test), allow(dead_code))]
    pub fn watermark(&self) -> Option<i64> {
        self.watermark
    }

    pub fn stats(&self) -> EngineStats {
        let mut s = self.stats.clone();
        debug_assert_eq!(
            self.panes,
            self.windows.values().map(|g| g.len() as u64).sum::<u64>()
                + self.sessions.values().map(|v| v.len() as u64).sum::<u64>()
        );
        s.open_panes = self.panes;
        s.watermark_ms = self.watermark;
        s
    }
}
