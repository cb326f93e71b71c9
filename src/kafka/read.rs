//! Reading chosen partitions from chosen offsets outside any consumer group: the one way
//! the loops beside the consumer framework (the demo's counter, the producer's
//! reconciliation, the dashboard's feed, the lag's look at the record a group committed)
//! start reading. Each says, from a partition's
//! watermarks, where to start (or not to read it); this assigns the consumer there.

use std::time::Duration;

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaResult;
use rdkafka::{Offset, TopicPartitionList};

/// The settings of a reader: a group id only because librdkafka wants one for an
/// assignment (`livedbctl-PURPOSE`); nothing joins a group, stores or commits an offset,
/// and the end of a partition is not an event.
pub fn reader_config(mut cfg: ClientConfig, purpose: &str) -> ClientConfig {
    cfg.set("group.id", format!("livedbctl-{purpose}"))
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("enable.partition.eof", "false");
    cfg
}

/// Assign `consumer` to those of the `(topic, partition)`s that `start` gives an offset
/// for, given each one's `(low, high)` watermarks, read within `timeout` each. Returns how
/// many partitions were assigned (none: the consumer is left unassigned).
pub fn assign_from_watermarks<T: AsRef<str>>(
    consumer: &BaseConsumer,
    partitions: impl IntoIterator<Item = (T, i32)>,
    timeout: Duration,
    mut start: impl FnMut(&str, i32, i64, i64) -> Option<i64>,
) -> KafkaResult<usize> {
    let mut at = Vec::new();
    for (topic, p) in partitions {
        let topic = topic.as_ref();
        let (low, high) = consumer.fetch_watermarks(topic, p, timeout)?;
        if let Some(offset) = start(topic, p, low, high) {
            at.push((topic.to_string(), p, offset));
        }
    }
    assign_at(consumer, at)
}

/// Assign `consumer` to exactly these `(topic, partition, offset)`s, replacing what it was
/// assigned (records fetched for that are discarded). Returns how many were assigned; with
/// none, the consumer is left as it was.
pub fn assign_at<T: AsRef<str>>(
    consumer: &BaseConsumer,
    positions: impl IntoIterator<Item = (T, i32, i64)>,
) -> KafkaResult<usize> {
    let mut tpl = TopicPartitionList::new();
    for (topic, p, offset) in positions {
        tpl.add_partition_offset(topic.as_ref(), p, Offset::Offset(offset))?;
    }
    let n = tpl.count();
    if n > 0 {
        consumer.assign(&tpl)?;
    }
    Ok(n)
}
