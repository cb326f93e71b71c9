//! Restart correctness: the cuts noted at every drain and the checkpoint taken from the
//! latest cut before the oldest event still held (see the engine's module documentation).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Engine;

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

/// The engine's position at a moment: where each partition would resume and what the
/// watermark was.
#[derive(Debug, Clone)]
pub(super) struct Cut {
    /// Events pushed before this cut.
    step: u64,
    offsets: BTreeMap<i32, i64>,
    max_event_ms: BTreeMap<i32, i64>,
    watermark: Option<i64>,
}

/// Cuts kept while windows are open; beyond this, every other one is dropped.
const MAX_CUTS: usize = 512;

impl Engine {
    pub(super) fn note_cut(&mut self) {
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
