//! `-r` while following: topics (and partitions) that come to match are found and read.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use rdkafka::consumer::Consumer;
use rdkafka::{Offset, TopicPartitionList};

use super::bounds::PartState;
use super::Tailer;
use crate::error::{Error, Result};
use crate::kafka::unreachable;

/// Topics named by patterns, looked for again while following.
pub(super) struct Discover {
    pub(super) patterns: Vec<regex::Regex>,
    pub(super) last: Instant,
    /// Calls to `next` since the clock was last read.
    pub(super) calls: u32,
}

/// How often a following `-r` tail looks for new matching topics (and partitions).
const DISCOVER_EVERY: Duration = Duration::from_secs(2);

/// The patterns of `-r`, anchored so each matches whole topic names.
pub fn topic_patterns(patterns: &[String]) -> Result<Vec<regex::Regex>> {
    patterns
        .iter()
        .map(|p| {
            regex::Regex::new(&format!("^(?:{p})$"))
                .map_err(|e| Error::usage(format!("`{p}` is not a valid pattern: {e}")))
        })
        .collect()
}

impl Tailer {
    /// With `-r` while following, every [`DISCOVER_EVERY`]: read the topics that came to
    /// match (and partitions added to matching ones) from their start: by assignment they
    /// are added to it; a group member subscribes to them too, and the rebalance starts them
    /// at the group's committed offset, else at their beginning. The clock is read once per
    /// 1024 records, or when idle.
    pub(super) fn discover(&mut self, idle: bool) -> Result<()> {
        let Some(d) = self.discover.as_mut() else {
            return Ok(());
        };
        d.calls += 1;
        if !idle && d.calls < 1024 {
            return Ok(());
        }
        d.calls = 0;
        if d.last.elapsed() < DISCOVER_EVERY {
            return Ok(());
        }
        d.last = Instant::now();
        // A broker that does not answer now is asked again next time.
        let Ok(md) =
            crate::kafka::fetch_metadata_blocking(&self.settings, None, Duration::from_secs(5))
        else {
            return Ok(());
        };
        let mut tpl = TopicPartitionList::new();
        let mut found = Vec::new();
        for t in md.topics() {
            if t.error().is_some() || !d.patterns.iter().any(|p| p.is_match(t.name())) {
                continue;
            }
            for p in t.partitions() {
                let tp = (t.name().to_string(), p.id());
                if self.parts.contains_key(&tp)
                    || !(self.only.is_empty() || self.only.contains(&tp.1))
                {
                    continue;
                }
                tpl.add_partition_offset(&tp.0, tp.1, Offset::Beginning)
                    .map_err(|e| Error::internal(e.to_string()))?;
                found.push(tp);
            }
        }
        if found.is_empty() {
            return Ok(());
        }
        if self.group {
            let new_topic = found
                .iter()
                .any(|tp| !self.parts.keys().any(|(t, _)| *t == tp.0));
            self.consumer
                .context()
                .from_beginning
                .lock()
                .expect("from_beginning lock")
                .extend(found.iter().cloned());
            for tp in found {
                self.parts.insert(tp, PartState::default());
            }
            // New partitions of subscribed topics come with the next rebalance by themselves.
            if new_topic {
                let names: BTreeSet<&str> = self.parts.keys().map(|(t, _)| t.as_str()).collect();
                let names: Vec<&str> = names.into_iter().collect();
                self.consumer
                    .subscribe(&names)
                    .map_err(|e| unreachable(&self.settings, e))?;
            }
            return Ok(());
        }
        self.consumer
            .incremental_assign(&tpl)
            .map_err(|e| unreachable(&self.settings, e))?;
        for tp in found {
            self.parts.insert(tp, PartState::default());
        }
        Ok(())
    }
}
