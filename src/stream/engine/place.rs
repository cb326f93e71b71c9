//! Placing events: `push`, the fixed windows an event falls in, sessions that merge, and
//! the watermark that moves after each event.

use super::{Engine, Origin, Pane, Pushed, ResultKind, Window, WindowResult};
use crate::stream::event::{Extracted, Skip};
use crate::stream::job::WindowSpec;

impl Engine {
    /// Add one record's event (or the reason it has none) at `partition`/`offset`.
    pub fn push(&mut self, partition: i32, offset: i64, event: Result<Extracted, Skip>) -> Pushed {
        let time_ms = match &event {
            Ok(ev) => Some(ev.time_ms),
            Err(Skip::Filtered { time_ms }) => Some(*time_ms),
            Err(_) => None,
        };
        let too_far_ahead = time_ms.is_some_and(|t| self.too_far_ahead(t));
        if let (Ok(ev), false) = (&event, too_far_ahead) {
            // Only near the cap is it worth working out which panes the event would add.
            let room = self.config.max_open_panes.saturating_sub(self.panes);
            if self.config.window.panes_per_event() > room && self.new_panes(ev) > room {
                return Pushed::StateFull;
            }
        }
        self.stats.events += 1;
        let part = self.partitions.entry(partition).or_default();
        part.next_offset = Some(part.next_offset.map_or(offset + 1, |n| n.max(offset + 1)));
        if too_far_ahead {
            // Set aside before its time counts anywhere: one such event must not move the
            // watermark past every window to come.
            self.stats.too_far_ahead += 1;
            return Pushed::TooFarAhead;
        }
        let origin = Origin {
            partition,
            offset,
            max_event_ms: part.max_event_ms,
            watermark: self.watermark,
        };
        if let Some(t) = time_ms {
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
            WindowSpec::Tumble { size_ms } => self.add_fixed(&ev, &origin, size_ms, size_ms),
            WindowSpec::Hop { size_ms, slide_ms } => {
                self.add_fixed(&ev, &origin, size_ms, slide_ms)
            }
            WindowSpec::Session { gap_ms } => self.add_session(ev, &origin, gap_ms),
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

    /// Further ahead of the wall clock than `max_future` (once the caller set the clock).
    fn too_far_ahead(&self, time_ms: i64) -> bool {
        self.config
            .max_future_ms
            .zip(self.now_ms)
            .is_some_and(|(ahead, now)| time_ms > now.saturating_add(ahead))
    }

    /// How many panes placing `ev` would add (0 on the hot path: its panes exist).
    fn new_panes(&self, ev: &Extracted) -> u64 {
        match self.config.window {
            WindowSpec::Tumble { size_ms } => self.new_fixed_panes(ev, size_ms, size_ms),
            WindowSpec::Hop { size_ms, slide_ms } => self.new_fixed_panes(ev, size_ms, slide_ms),
            WindowSpec::Session { gap_ms } => {
                let end = ev.time_ms.saturating_add(gap_ms);
                let touches = self.sessions.get(&ev.group).is_some_and(|s| {
                    s.iter()
                        .any(|p| p.window.start_ms <= end && p.window.end_ms >= ev.time_ms)
                });
                // Alone, a late one is dropped (see `add_session`).
                let lateness = self.config.allowed_lateness_ms;
                let live = self
                    .watermark
                    .is_none_or(|wm| end.saturating_sub(1) + lateness > wm);
                u64::from(!touches && live)
            }
        }
    }

    fn new_fixed_panes(&self, ev: &Extracted, size: i64, slide: i64) -> u64 {
        fixed_windows(ev.time_ms, size, slide)
            .filter(|w| self.is_live(w))
            .filter(|w| {
                self.windows
                    .get(&(w.end_ms, w.start_ms))
                    .is_none_or(|g| !g.contains_key(&ev.group))
            })
            .count() as u64
    }

    /// A fixed window that can still take events: not yet closed, or within the lateness;
    /// after a restart, not one that had expired before it (its result is written, and the
    /// restored watermark may be lower than the one that closed it).
    fn is_live(&self, w: &Window) -> bool {
        let lateness = self.config.allowed_lateness_ms;
        self.watermark
            .max(self.emitted_before)
            .is_none_or(|wm| w.max_ts() + lateness > wm)
    }

    fn closed_before_restart(&self, w: &Window) -> bool {
        self.emitted_before.is_some_and(|r| w.max_ts() <= r)
    }

    fn add_fixed(&mut self, ev: &Extracted, origin: &Origin, size: i64, slide: i64) -> bool {
        let mut accepted = false;
        for w in fixed_windows(ev.time_ms, size, slide) {
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
                None => {
                    self.panes += 1;
                    groups.entry(ev.group.clone()).or_insert_with(|| {
                        let mut p = Pane::new(w, &self.config.aggregates);
                        p.silent = silent;
                        p
                    })
                }
            };
            pane.add(origin, &ev.inputs);
        }
        accepted
    }

    fn add_session(&mut self, ev: Extracted, origin: &Origin, gap: i64) -> bool {
        let own = Window {
            start_ms: ev.time_ms,
            end_ms: ev.time_ms.saturating_add(gap),
        };
        let specs = self.config.aggregates.clone();
        let (wm, before) = (self.watermark, self.emitted_before);
        let lateness = self.config.allowed_lateness_ms;
        let live = |w: &Window| wm.is_none_or(|wm| w.max_ts() + lateness > wm);
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
        let replaced = overlapping.len() as u64;
        let silent = before.is_some_and(|r| merged_window.max_ts() <= r);
        let mut merged = Pane::new(merged_window, &specs);
        merged.silent = silent;
        let mut retract = Vec::new();
        for p in overlapping {
            merged.closed |= p.closed;
            for (acc, other) in merged.accs.iter_mut().zip(p.accs) {
                acc.merge(other);
            }
            for o in &p.origins {
                merged.note_origin(o);
            }
            if let Some(w) = p.emitted {
                if w.start_ms == merged_window.start_ms {
                    merged.emitted = Some(w);
                } else {
                    retract.push(w);
                }
            }
        }
        merged.add(origin, &ev.inputs);
        sessions.push(merged);
        sessions.sort_by_key(|p| p.window.start_ms);
        // One pane in place of those it merged.
        self.panes = self.panes + 1 - replaced;
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

    pub(super) fn update_watermark(&mut self) {
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
}

/// The fixed windows holding an event at `time_ms`, oldest first: one for a tumbling
/// window, size / slide for a hopping one (the job file caps that).
/// The tumbling or hopping windows an event at `time_ms` falls in; `None` for session
/// windows, whose bounds depend on the other events.
pub fn windows_of(spec: WindowSpec, time_ms: i64) -> Option<Vec<Window>> {
    match spec {
        WindowSpec::Tumble { size_ms } => Some(fixed_windows(time_ms, size_ms, size_ms).collect()),
        WindowSpec::Hop { size_ms, slide_ms } => {
            Some(fixed_windows(time_ms, size_ms, slide_ms).collect())
        }
        WindowSpec::Session { .. } => None,
    }
}

fn fixed_windows(time_ms: i64, size: i64, slide: i64) -> impl Iterator<Item = Window> {
    let last_start = time_ms.div_euclid(slide) * slide;
    let count = size / slide;
    let first_start = last_start - (count - 1) * slide;
    (0..count).map(move |k| {
        let start = first_start + k * slide;
        Window {
            start_ms: start,
            end_ms: start + size,
        }
    })
}
