//! Recovery from the topic itself: the last record of every partition says the highest id
//! published there, so rows already on the topic after a crash or a failed delivery are
//! skipped instead of sent twice (SOP.md, step 5).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rdkafka::consumer::BaseConsumer;
use rdkafka::message::Message;

use crate::error::{Error, Result};
use crate::kafka::{client_config, read, unreachable};
use crate::pipeline::PipelineError;
use crate::settings::KafkaSettings;

/// What the topic already holds: per partition, (high watermark, highest id published).
#[derive(Debug, Clone, Default)]
pub struct TopicState {
    pub high: Vec<i64>,
    pub max_published: Vec<i64>,
}

/// Read the last record of every partition (blocking). Records below `trust_from[p]` are
/// ignored (replay: only what this run wrote counts).
fn read_topic_state_blocking(
    k: &KafkaSettings,
    topic: &str,
    partitions: i32,
    trust_from: Option<&[i64]>,
) -> Result<TopicState> {
    let consumer: BaseConsumer = read::reader_config(client_config(k), "reconcile")
        .create()
        .map_err(|e| crate::kafka::bad_settings("client", e))?;
    let mut state = TopicState {
        high: vec![0; partitions as usize],
        max_published: vec![-1; partitions as usize],
    };
    let mut wanted = BTreeMap::new();
    // The last record of each partition that has one past what this run may trust.
    read::assign_from_watermarks(
        &consumer,
        (0..partitions).map(|p| (topic, p)),
        Duration::from_secs(10),
        |_, p, low, high| {
            state.high[p as usize] = high;
            let floor = trust_from
                .map(|t| t.get(p as usize).copied().unwrap_or(0))
                .unwrap_or(0);
            (high > low && high > floor).then(|| {
                wanted.insert(p, high - 1);
                high - 1
            })
        },
    )
    .map_err(|e| unreachable(k, e))?;
    if wanted.is_empty() {
        return Ok(state);
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while !wanted.is_empty() {
        if Instant::now() > deadline {
            return Err(PipelineError::Unreconciled {
                topic: topic.to_string(),
                partitions: wanted.keys().copied().collect(),
            }
            .into());
        }
        match consumer.poll(Duration::from_millis(500)) {
            Some(Ok(m)) => {
                let p = m.partition();
                if wanted.get(&p).is_some_and(|want| m.offset() >= *want) {
                    wanted.remove(&p);
                    // A record not written by livedbctl (no integer key) tells nothing.
                    if let Some(id) = m
                        .key()
                        .and_then(|k| std::str::from_utf8(k).ok())
                        .and_then(|k| k.parse::<i64>().ok())
                    {
                        state.max_published[p as usize] = id;
                    }
                }
            }
            Some(Err(e)) => return Err(unreachable(k, e)),
            None => {}
        }
    }
    Ok(state)
}

pub(super) async fn read_topic_state(
    k: &KafkaSettings,
    topic: &str,
    partitions: i32,
    trust_from: Option<Vec<i64>>,
) -> Result<TopicState> {
    let (k, topic) = (k.clone(), topic.to_string());
    tokio::task::spawn_blocking(move || {
        read_topic_state_blocking(&k, &topic, partitions, trust_from.as_deref())
    })
    .await
    .map_err(|e| Error::internal(format!("reconcile task failed: {e}")))?
}
