//! The state the read loop shares with librdkafka's rebalance callback: where each
//! assigned partition starts, and what was handled (so committed) before partitions move.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext};
use rdkafka::types::RDKafkaRespErr;
use rdkafka::{ClientContext, Offset, TopicPartitionList};

use super::Tp;

/// Shared between the read loop and librdkafka's rebalance callback.
pub struct TailContext {
    /// Where each partition starts when it is assigned: the operator's `--from` when
    /// `explicit`, else the group's committed offset, else this (the `--from` default).
    pub(super) start: BTreeMap<Tp, i64>,
    pub(super) explicit: bool,
    /// Starts of partitions assigned since the reader last looked.
    pub(super) new_starts: Mutex<BTreeMap<Tp, i64>>,
    /// Next offset after the last handled record of each partition: what gets committed.
    pub(super) handled: Mutex<BTreeMap<Tp, i64>>,
    pub(super) assigned: Mutex<BTreeSet<Tp>>,
    pub(super) group: bool,
    pub(super) commit_error: Mutex<Option<String>>,
    /// Partitions found by `-r` after the start: with no committed offset, a group reads
    /// them from their beginning (everything in them is new).
    pub(super) from_beginning: Mutex<BTreeSet<Tp>>,
}

impl ClientContext for TailContext {}

impl ConsumerContext for TailContext {
    fn rebalance(
        &self,
        consumer: &BaseConsumer<Self>,
        err: RDKafkaRespErr,
        tpl: &mut TopicPartitionList,
    ) {
        match err {
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS => {
                let handled = self.handled.lock().expect("handled lock").clone();
                let parts: Vec<Tp> = tpl
                    .elements()
                    .iter()
                    .map(|e| (e.topic().to_string(), e.partition()))
                    .collect();
                let committed: BTreeMap<Tp, i64> = if self.explicit {
                    BTreeMap::new()
                } else {
                    consumer
                        .committed_offsets(tpl.clone(), Duration::from_secs(10))
                        .map(|c| {
                            c.elements()
                                .iter()
                                .filter_map(|e| match e.offset() {
                                    Offset::Offset(o) if o >= 0 => {
                                        Some(((e.topic().to_string(), e.partition()), o))
                                    }
                                    _ => None,
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                };
                // Every start is explicit, so the reader knows where each partition begins
                // (and can tell at once that one has nothing to read).
                let mut starts = self.new_starts.lock().expect("starts lock");
                for tp in &parts {
                    // Resume after what was handled before a rebalance; else as asked.
                    let at = handled.get(tp).or_else(|| {
                        if self.explicit {
                            self.start.get(tp)
                        } else {
                            committed.get(tp).or(self.start.get(tp))
                        }
                    });
                    if let Some(&at) = at {
                        let _ = tpl.set_partition_offset(&tp.0, tp.1, Offset::Offset(at));
                        starts.insert(tp.clone(), at);
                    } else if self
                        .from_beginning
                        .lock()
                        .expect("from_beginning lock")
                        .contains(tp)
                    {
                        let _ = tpl.set_partition_offset(&tp.0, tp.1, Offset::Beginning);
                    }
                }
                drop(starts);
                self.assigned.lock().expect("assigned lock").extend(parts);
                let _ = consumer.assign(tpl);
            }
            _ => {
                if self.group {
                    // Commit what was handled before the partitions go to another member.
                    if let Err(e) = self.commit(consumer, CommitMode::Sync) {
                        *self.commit_error.lock().expect("commit error lock") = Some(e);
                    }
                }
                self.assigned.lock().expect("assigned lock").clear();
                let _ = consumer.unassign();
            }
        }
    }
}

impl TailContext {
    pub(super) fn commit(
        &self,
        consumer: &BaseConsumer<Self>,
        mode: CommitMode,
    ) -> std::result::Result<usize, String> {
        let handled = self.handled.lock().expect("handled lock").clone();
        if handled.is_empty() {
            return Ok(0);
        }
        let mut tpl = TopicPartitionList::new();
        for ((t, p), next) in &handled {
            tpl.add_partition_offset(t, *p, Offset::Offset(*next))
                .map_err(|e| e.to_string())?;
        }
        consumer.commit(&tpl, mode).map_err(|e| e.to_string())?;
        Ok(handled.len())
    }
}
