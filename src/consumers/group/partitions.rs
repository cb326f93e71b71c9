//! Each partition a group consumer reads has a queue of its own, read in batches
//! ([`BatchReader`]): a `StreamConsumer`'s `recv` per message registered a waker under a
//! lock and read the clock twice in librdkafka (with the Instant the rdkafka crate takes,
//! 8% of `consume sink`'s CPU in `clock_gettime`), and a batch read of the consumer's own
//! queue is not possible for a group member: librdkafka would answer a rebalance met
//! there with an unassign.
//!
//! A member's partitions change at every rebalance, so the queues are split in the
//! rebalance callback, before librdkafka starts fetching (a queue the application split
//! stays split when fetching starts: librdkafka's `RD_KAFKA_Q_F_FWD_APP`), so none of a
//! partition's messages reaches the consumer's queue ahead of its own, which would read
//! them out of order. The consumer's queue is left with errors and rebalances, and the
//! [`GroupConsumer`](super::GroupConsumer) makes and drops its readers after polling it.

use std::ffi::CString;
use std::sync::Mutex;

use rdkafka::bindings as rd;
use rdkafka::client::ClientContext;
use rdkafka::consumer::stream_consumer::StreamPartitionQueue;
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, Rebalance};

use crate::kafka::batch::BatchReader;

/// The group consumers' context: splits each partition given to this member off the
/// consumer's queue, and notes what was given and taken away.
#[derive(Default)]
pub struct Splitting {
    changes: Mutex<Vec<Change>>,
    /// Wakes a consumer waiting on its queues: a partition came or went.
    pub changed: tokio::sync::Notify,
}

/// A partition given to or taken from this member. The consumer applies them in the order
/// they happened: a partition taken, given back and taken again before it looked is not
/// this member's.
pub enum Change {
    Given(String, i32),
    Taken(String, i32),
}

impl Splitting {
    /// What changed since the last call, in order.
    pub fn take_changes(&self) -> Vec<Change> {
        std::mem::take(&mut *self.changes.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl ClientContext for Splitting {}

impl ConsumerContext for Splitting {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let mut changes = self.changes.lock().unwrap_or_else(|e| e.into_inner());
        match rebalance {
            Rebalance::Assign(tpl) => {
                for e in tpl.elements() {
                    split(consumer, e.topic(), e.partition());
                    changes.push(Change::Given(e.topic().to_string(), e.partition()));
                }
            }
            Rebalance::Revoke(tpl) => {
                for e in tpl.elements() {
                    changes.push(Change::Taken(e.topic().to_string(), e.partition()));
                }
            }
            Rebalance::Error(_) => return,
        }
        drop(changes);
        self.changed.notify_one();
    }
}

/// Give this partition a queue of its own (again: splitting is idempotent).
fn split(consumer: &BaseConsumer<Splitting>, topic: &str, partition: i32) {
    let Ok(name) = CString::new(topic) else {
        return;
    };
    // SAFETY: the client lives for the call; the queue reference is released at once (the
    // partition keeps its queue, now unforwarded).
    unsafe {
        let q = rd::rd_kafka_queue_get_partition(
            consumer.client().native_ptr(),
            name.as_ptr(),
            partition,
        );
        if !q.is_null() {
            rd::rd_kafka_queue_forward(q, std::ptr::null_mut());
            rd::rd_kafka_queue_destroy(q);
        }
    }
}

/// One partition's queue: read in batches while messages are waiting, and awaited through
/// the rdkafka crate when none is.
pub struct PartitionQueue {
    pub partition: i32,
    /// Declared before `queue`: dropped before it, while `queue` still keeps the consumer.
    pub batch: BatchReader,
    pub queue: StreamPartitionQueue<Splitting>,
}
