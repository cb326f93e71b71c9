//! Emitting results: windows the watermark closed (final results, then updates from late
//! events), early results of open windows, and the order results leave in.

use super::{AggSpec, Engine, EngineStats, Pane, ResultKind, Window, WindowResult};
use crate::stream::event::GroupKey;

impl Engine {
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
        out
    }

    /// The end of the input (a bounded source): every window closes, as Flink does at the
    /// end of a bounded stream.
    pub fn finish(&mut self) -> Vec<WindowResult> {
        let mut out = std::mem::take(&mut self.pending);
        self.close_due(&mut out, true);
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
            if let Some(groups) = self.windows.remove(&k) {
                self.panes -= groups.len() as u64;
            }
        }
        let first = out.len();
        let mut removed = 0u64;
        for (group, panes) in self.sessions.iter_mut() {
            let held = panes.len();
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
            removed += (held - panes.len()) as u64;
        }
        self.panes -= removed;
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
