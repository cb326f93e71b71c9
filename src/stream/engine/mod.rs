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
//! - **Restart correctness.** Results are upserts keyed by (window, group). The engine
//!   notes a *cut* at every drain: the next offset and highest event time per partition,
//!   and the watermark. `checkpoint` returns the latest cut taken before the first event
//!   of any window still held, so its offsets are only past events of windows already
//!   emitted; the caller commits them and keeps the rest of the checkpoint beside them.
//!   After a restart, [`Engine::resume`] restores the cut's watermark and event times, so
//!   the replay from the committed offsets (in the same order) makes the same decisions as
//!   the first run, and the checkpoint's `emitted_watermark_ms` marks the windows whose
//!   results were written before: their replayed events are dropped (or, within an
//!   allowed lateness, rebuilt silently and written once, complete, when they expire), so
//!   no partial result overwrites a complete one. Replayed in a different interleaving of
//!   partitions, only events near the watermark (late or not) can be decided differently,
//!   as in any event-time processor.
//! - **Memory** is one accumulator set per open (window, group) pane, not per event;
//!   `count_distinct` holds its distinct values per pane.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::stream::event::{Extracted, GroupKey, Input, Skip};
use crate::stream::job::{AggFunc, Emit, Job, OutputType, WindowSpec};

mod acc;
#[cfg(test)]
mod tests;

use acc::Acc;

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
        }
    }
}

/// Where it is safe to resume: commit `offsets` (the next offset to read, per partition;
/// a partition missing from it has not delivered since the engine started, and keeps the
/// position it started from) and keep the rest beside them
/// (e.g. in the commits' metadata); after a restart pass it to [`Engine::resume`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Checkpoint {
    pub offsets: BTreeMap<i32, i64>,
    /// The highest event time per partition at the cut.
    pub max_event_ms: BTreeMap<i32, i64>,
    /// The watermark at the cut.
    pub watermark_ms: Option<i64>,
    /// The watermark when the checkpoint was taken: windows it closed were emitted.
    pub emitted_watermark_ms: Option<i64>,
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
    /// The engine's event count at its first event: cuts after it cannot be committed.
    birth: u64,
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
            birth: u64::MAX,
            dirty: false,
            emitted: None,
            silent: false,
            closed: false,
        }
    }
    fn add(&mut self, step: u64, inputs: &[Input]) {
        for (acc, input) in self.accs.iter_mut().zip(inputs) {
            acc.add(input);
        }
        self.birth = self.birth.min(step);
        self.dirty = true;
    }
    fn values(&self, specs: &[AggSpec]) -> Vec<AggValue> {
        self.accs
            .iter()
            .zip(specs)
            .map(|(a, s)| a.value(s))
            .collect()
    }
}

/// The engine's position at a moment: where each partition would resume and what the
/// watermark was.
#[derive(Debug, Clone)]
struct Cut {
    /// Events pushed before this cut.
    step: u64,
    offsets: BTreeMap<i32, i64>,
    max_event_ms: BTreeMap<i32, i64>,
    watermark: Option<i64>,
}

/// Cuts kept while windows are open; beyond this, every other one is dropped.
const MAX_CUTS: usize = 512;

#[derive(Debug, Clone, Default)]
struct PartitionState {
    max_event_ms: Option<i64>,
    next_offset: Option<i64>,
    idle: bool,
}

/// See the module documentation.
pub struct Engine {
    config: EngineConfig,
    /// Tumbling and hopping windows, in the order they close.
    windows: BTreeMap<(i64, i64), HashMap<GroupKey, Pane>>,
    /// Session windows per group, sorted by start.
    sessions: HashMap<GroupKey, Vec<Pane>>,
    partitions: BTreeMap<i32, PartitionState>,
    watermark: Option<i64>,
    /// After a restart: windows closed at this watermark were emitted before it.
    emitted_before: Option<i64>,
    /// Events pushed so far.
    step: u64,
    /// Recent cuts, oldest first.
    cuts: std::collections::VecDeque<Cut>,
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
}

impl Engine {
    pub fn new(config: EngineConfig) -> Engine {
        let mut e = Engine {
            config,
            windows: BTreeMap::new(),
            sessions: HashMap::new(),
            partitions: BTreeMap::new(),
            watermark: None,
            emitted_before: None,
            step: 0,
            cuts: std::collections::VecDeque::new(),
            next_early_ms: None,
            pending: Vec::new(),
            stats: EngineStats::default(),
        };
        e.note_cut();
        e
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
        e.cuts.clear();
        e.note_cut();
        e
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
        s.open_panes = self.windows.values().map(|g| g.len() as u64).sum::<u64>()
            + self.sessions.values().map(|v| v.len() as u64).sum::<u64>();
        s.watermark_ms = self.watermark;
        s
    }

    /// Add one record's event (or the reason it has none) at `partition`/`offset`.
    pub fn push(&mut self, partition: i32, offset: i64, event: Result<Extracted, Skip>) -> Pushed {
        self.stats.events += 1;
        self.step += 1;
        let part = self.partitions.entry(partition).or_default();
        part.next_offset = Some(part.next_offset.map_or(offset + 1, |n| n.max(offset + 1)));
        let time_ms = match &event {
            Ok(ev) => Some(ev.time_ms),
            Err(Skip::Filtered { time_ms }) => Some(*time_ms),
            Err(_) => None,
        };
        if let Some(t) = time_ms {
            let part = self.partitions.entry(partition).or_default();
            part.idle = false;
            part.max_event_ms = Some(part.max_event_ms.map_or(t, |m| m.max(t)));
            self.stats.max_event_ms = Some(self.stats.max_event_ms.map_or(t, |m| m.max(t)));
        }
        let ev = match event {
            Ok(ev) => ev,
            Err(skip) => {
                match skip {
                    Skip::Filtered { .. } => self.stats.filtered += 1,
                    Skip::NotJson => self.stats.not_json += 1,
                    Skip::NoTime => self.stats.no_time += 1,
                }
                self.update_watermark();
                return Pushed::Skipped(skip);
            }
        };
        let accepted = match self.config.window {
            WindowSpec::Tumble { size_ms } => self.add_fixed(&ev, size_ms, size_ms),
            WindowSpec::Hop { size_ms, slide_ms } => self.add_fixed(&ev, size_ms, slide_ms),
            WindowSpec::Session { gap_ms } => self.add_session(ev, gap_ms),
        };
        // The watermark moves after the event is placed (Flink's on-event watermarks).
        self.update_watermark();
        if accepted {
            self.stats.accepted += 1;
            Pushed::Accepted
        } else {
            self.stats.late += 1;
            Pushed::Late
        }
    }

    /// A window that can still take events: not yet closed, or within the lateness.
    fn is_live(&self, w: &Window) -> bool {
        let lateness = self.config.allowed_lateness_ms;
        self.watermark.is_none_or(|wm| w.max_ts() + lateness > wm)
    }

    fn closed_before_restart(&self, w: &Window) -> bool {
        self.emitted_before.is_some_and(|r| w.max_ts() <= r)
    }

    fn add_fixed(&mut self, ev: &Extracted, size: i64, slide: i64) -> bool {
        let last_start = ev.time_ms.div_euclid(slide) * slide;
        let count = size / slide;
        let first_start = last_start - (count - 1) * slide;
        let mut accepted = false;
        for k in 0..count {
            let start = first_start + k * slide;
            let w = Window {
                start_ms: start,
                end_ms: start + size,
            };
            // Each window decides for itself (Flink's slicing drops a hop event whose
            // first window fired; a replay after a restart must not, see the module docs).
            if !self.is_live(&w) {
                continue;
            }
            accepted = true;
            let silent = self.closed_before_restart(&w);
            // The hot path: no allocation when the pane exists.
            let groups = self.windows.entry((w.end_ms, w.start_ms)).or_default();
            let pane = match groups.get_mut(&ev.group) {
                Some(p) => p,
                None => groups.entry(ev.group.clone()).or_insert_with(|| {
                    let mut p = Pane::new(w, &self.config.aggregates);
                    p.silent = silent;
                    p
                }),
            };
            pane.add(self.step, &ev.inputs);
        }
        accepted
    }

    fn add_session(&mut self, ev: Extracted, gap: i64) -> bool {
        let own = Window {
            start_ms: ev.time_ms,
            end_ms: ev.time_ms.saturating_add(gap),
        };
        let specs = self.config.aggregates.clone();
        let (wm, before) = (self.watermark, self.emitted_before);
        let lateness = self.config.allowed_lateness_ms;
        let live = |w: &Window| wm.is_none_or(|wm| w.max_ts() + lateness > wm);
        let step = self.step;
        let sessions = self.sessions.entry(ev.group.clone()).or_default();
        // Touching windows merge, as Flink's TimeWindow.intersects.
        let (overlapping, rest): (Vec<Pane>, Vec<Pane>) = std::mem::take(sessions)
            .into_iter()
            .partition(|p| p.window.start_ms <= own.end_ms && p.window.end_ms >= own.start_ms);
        *sessions = rest;
        let merged_window = overlapping.iter().fold(own, |w, p| Window {
            start_ms: w.start_ms.min(p.window.start_ms),
            end_ms: w.end_ms.max(p.window.end_ms),
        });
        if !live(&merged_window) {
            // Nothing live to join: put the others back untouched.
            sessions.extend(overlapping);
            sessions.sort_by_key(|p| p.window.start_ms);
            return false;
        }
        let silent = before.is_some_and(|r| merged_window.max_ts() <= r);
        let mut merged = Pane::new(merged_window, &specs);
        merged.silent = silent;
        let mut retract = Vec::new();
        for p in overlapping {
            merged.closed |= p.closed;
            for (acc, other) in merged.accs.iter_mut().zip(p.accs) {
                acc.merge(other);
            }
            merged.birth = merged.birth.min(p.birth);
            if let Some(w) = p.emitted {
                if w.start_ms == merged_window.start_ms {
                    merged.emitted = Some(w);
                } else {
                    retract.push(w);
                }
            }
        }
        merged.add(step, &ev.inputs);
        sessions.push(merged);
        sessions.sort_by_key(|p| p.window.start_ms);
        for w in retract {
            self.stats.retractions += 1;
            self.pending.push(WindowResult {
                kind: ResultKind::Retract,
                window: w,
                group: ev.group.clone(),
                values: Vec::new(),
            });
        }
        true
    }

    fn update_watermark(&mut self) {
        let (mut any_active, mut waiting, mut slowest) = (false, false, None::<i64>);
        for p in self.partitions.values().filter(|p| !p.idle) {
            any_active = true;
            match p.max_event_ms {
                // An assigned partition has not delivered yet: its events may be older.
                None => waiting = true,
                Some(t) => slowest = Some(slowest.map_or(t, |m| m.min(t))),
            }
        }
        let basis = if !any_active {
            // Everything idle: as far as any partition got.
            self.partitions
                .values()
                .filter_map(|p| p.max_event_ms)
                .max()
        } else if waiting {
            None
        } else {
            slowest
        };
        if let Some(b) = basis {
            let candidate = b.saturating_sub(self.config.watermark_delay_ms);
            if self.watermark.is_none_or(|w| candidate > w) {
                self.watermark = Some(candidate);
            }
        }
    }

    /// Results due now: retractions, windows the watermark closed, updates of closed
    /// windows, and (with `emit: {every}`) early results when `now_ms` reaches the next
    /// interval. Write them to the sinks before taking a [`checkpoint`](Self::checkpoint).
    pub fn drain(&mut self, now_ms: i64) -> Vec<WindowResult> {
        let mut out = std::mem::take(&mut self.pending);
        self.close_due(&mut out, false);
        if let Some(every) = self.config.emit_every_ms {
            let due = self.next_early_ms.is_none_or(|n| now_ms >= n);
            if due {
                self.emit_early(&mut out);
                self.next_early_ms = Some(now_ms + every);
            }
        }
        self.note_cut();
        out
    }

    /// The end of the input (a bounded source): every window closes, as Flink does at the
    /// end of a bounded stream.
    pub fn finish(&mut self) -> Vec<WindowResult> {
        let mut out = std::mem::take(&mut self.pending);
        self.close_due(&mut out, true);
        self.note_cut();
        out
    }

    fn close_due(&mut self, out: &mut Vec<WindowResult>, everything: bool) {
        let wm = if everything {
            Some(i64::MAX)
        } else {
            self.watermark
        };
        let Some(wm) = wm else {
            return;
        };
        let lateness = if everything {
            0
        } else {
            self.config.allowed_lateness_ms
        };
        let specs = self.config.aggregates.clone();
        let before = self.emitted_before;
        let mut stats = std::mem::take(&mut self.stats);
        // Fixed windows, in end order: stop at the first still open.
        let mut expired = Vec::new();
        for (key, groups) in self.windows.iter_mut() {
            let w = Window {
                start_ms: key.1,
                end_ms: key.0,
            };
            if w.max_ts() > wm {
                break;
            }
            let expires = w.max_ts().saturating_add(lateness) <= wm;
            let first = out.len();
            for (group, pane) in groups.iter_mut() {
                emit_closed(
                    pane, group, expires, lateness, before, &specs, out, &mut stats,
                );
            }
            // Groups are hashed: put a window's results in group order, the same every run.
            out[first..].sort_by(|a, b| a.group.cmp(&b.group));
            if expires {
                expired.push(*key);
            }
        }
        for k in expired {
            self.windows.remove(&k);
        }
        let first = out.len();
        for (group, panes) in self.sessions.iter_mut() {
            panes.retain_mut(|pane| {
                if pane.window.max_ts() > wm {
                    return true;
                }
                let expires = pane.window.max_ts().saturating_add(lateness) <= wm;
                emit_closed(
                    pane, group, expires, lateness, before, &specs, out, &mut stats,
                );
                !expires
            });
        }
        out[first..].sort_by(result_order);
        self.sessions.retain(|_, v| !v.is_empty());
        self.stats = stats;
    }

    fn emit_early(&mut self, out: &mut Vec<WindowResult>) {
        let wm = self.watermark;
        let open = |w: &Window| wm.is_none_or(|wm| w.max_ts() > wm);
        let specs = &self.config.aggregates;
        let panes = self.windows.values_mut().flat_map(|g| g.iter_mut()).chain(
            self.sessions
                .iter_mut()
                .flat_map(|(g, v)| v.iter_mut().map(move |p| (g, p))),
        );
        let first = out.len();
        for (group, pane) in panes {
            if pane.dirty && !pane.silent && open(&pane.window) {
                out.push(WindowResult {
                    kind: ResultKind::Early,
                    window: pane.window,
                    group: group.clone(),
                    values: pane.values(specs),
                });
                pane.dirty = false;
                pane.emitted = Some(pane.window);
                self.stats.emitted_early += 1;
            }
        }
        out[first..].sort_by(result_order);
    }

    fn note_cut(&mut self) {
        if self.cuts.back().is_some_and(|c| c.step == self.step) {
            self.cuts.pop_back();
        }
        self.cuts.push_back(Cut {
            step: self.step,
            offsets: self
                .partitions
                .iter()
                .filter_map(|(p, s)| s.next_offset.map(|o| (*p, o)))
                .collect(),
            max_event_ms: self
                .partitions
                .iter()
                .filter_map(|(p, s)| s.max_event_ms.map(|t| (*p, t)))
                .collect(),
            watermark: self.watermark,
        });
        if self.cuts.len() > MAX_CUTS {
            // Thin out the older half; the newest cuts matter most.
            let keep_from = self.cuts.len() / 2;
            let mut i = 0;
            self.cuts.retain(|_| {
                i += 1;
                i > keep_from || i % 2 == 1
            });
        }
    }

    /// Where it is safe to resume now (see the module documentation). Call it only after
    /// the results of every `drain` so far are written. `None` when no cut is known before
    /// the oldest event held (the caller keeps its previous checkpoint).
    pub fn checkpoint(&mut self) -> Option<Checkpoint> {
        self.note_cut();
        let oldest = self
            .windows
            .values()
            .flat_map(|g| g.values())
            .chain(self.sessions.values().flatten())
            .map(|p| p.birth)
            .min();
        // The newest cut taken before the oldest held event.
        let idx = match oldest {
            None => self.cuts.len() - 1,
            Some(b) => self.cuts.iter().rposition(|c| c.step < b).unwrap_or(0),
        };
        // Older cuts can never be needed again.
        self.cuts.drain(..idx);
        let cut = &self.cuts[0];
        if oldest.is_some_and(|b| cut.step >= b) {
            return None;
        }
        Some(Checkpoint {
            offsets: cut.offsets.clone(),
            max_event_ms: cut.max_event_ms.clone(),
            watermark_ms: cut.watermark,
            emitted_watermark_ms: self.watermark.max(self.emitted_before),
        })
    }
}

/// Results in the order windows close, then by group: the same order every run.
fn result_order(a: &WindowResult, b: &WindowResult) -> std::cmp::Ordering {
    (a.window.end_ms, a.window.start_ms, &a.group).cmp(&(
        b.window.end_ms,
        b.window.start_ms,
        &b.group,
    ))
}

/// Emit what a closed window owes: its final result once, then updates from late events.
#[allow(clippy::too_many_arguments)]
fn emit_closed(
    pane: &mut Pane,
    group: &GroupKey,
    expires: bool,
    lateness: i64,
    emitted_before: Option<i64>,
    specs: &[AggSpec],
    out: &mut Vec<WindowResult>,
    stats: &mut EngineStats,
) {
    let kind = if pane.silent {
        // Closed before a restart, its result was written then. Rebuilt from the replay,
        // it is written again only if it was still taking late events at the restart (so
        // it was held, and the rebuild is complete), once, when it expires.
        pane.emitted = Some(pane.window);
        let held_at_restart = emitted_before.is_some_and(|r| pane.window.max_ts() + lateness > r);
        (expires && held_at_restart).then_some(ResultKind::Update)
    } else if !pane.closed {
        Some(ResultKind::Final)
    } else if pane.dirty {
        Some(ResultKind::Update)
    } else {
        None
    };
    pane.closed = true;
    if let Some(kind) = kind {
        match kind {
            ResultKind::Final => stats.emitted_final += 1,
            _ => stats.emitted_updates += 1,
        }
        out.push(WindowResult {
            kind,
            window: pane.window,
            group: group.clone(),
            values: pane.values(specs),
        });
        pane.emitted = Some(pane.window);
        pane.dirty = false;
    }
}
