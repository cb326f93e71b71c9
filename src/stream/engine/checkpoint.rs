//! Restart correctness: the checkpoint taken from the oldest event of each partition that
//! a held pane still needs (see the engine's module documentation).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Engine, Origin};

/// Where it is safe to resume: commit `offsets` (the next offset to read, per partition;
/// a partition missing from it has not delivered since the engine started, and keeps the
/// position it started from) and keep the rest beside them
/// (e.g. in the commits' metadata); after a restart pass it to [`Engine::resume`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Checkpoint {
    pub offsets: BTreeMap<i32, i64>,
    /// The highest event time per partition before its offset.
    pub max_event_ms: BTreeMap<i32, i64>,
    /// The watermark before the oldest event read again (the watermark now when none is).
    pub watermark_ms: Option<i64>,
    /// The watermark when the checkpoint was taken: windows it closed were emitted.
    pub emitted_watermark_ms: Option<i64>,
}

impl Engine {
    /// Where it is safe to resume now: per partition, the oldest offset a held pane still
    /// needs, else past everything it delivered. Call it only after the results of every
    /// `drain` so far are written.
    pub fn checkpoint(&self) -> Checkpoint {
        let mut oldest: BTreeMap<i32, Origin> = BTreeMap::new();
        let panes = self
            .windows
            .values()
            .flat_map(|g| g.values())
            .chain(self.sessions.values().flatten());
        for o in panes.flat_map(|p| &p.origins) {
            let slot = oldest.entry(o.partition).or_insert(*o);
            if o.offset < slot.offset {
                *slot = *o;
            }
        }
        let mut cp = Checkpoint {
            // Watermarks only grow: the oldest first event's is the lowest.
            watermark_ms: if oldest.is_empty() {
                self.watermark
            } else {
                oldest
                    .values()
                    .map(|o| o.watermark)
                    .min()
                    .unwrap_or(self.watermark)
            },
            emitted_watermark_ms: self.watermark.max(self.emitted_before),
            ..Checkpoint::default()
        };
        for (p, s) in &self.partitions {
            if oldest.contains_key(p) {
                continue;
            }
            if let Some(o) = s.next_offset {
                cp.offsets.insert(*p, o);
            }
            if let Some(t) = s.max_event_ms {
                cp.max_event_ms.insert(*p, t);
            }
        }
        for (p, o) in &oldest {
            cp.offsets.insert(*p, o.offset);
            if let Some(t) = o.max_event_ms {
                cp.max_event_ms.insert(*p, t);
            }
        }
        cp
    }
}
