//! `verify --repair`'s way of publishing: chosen id ranges through `produce poll`'s loop.

use std::time::Duration;

use super::offsets::read_offset;
use super::poll::{open, run, Plan};
use super::{BatchSizing, PollOptions, PollSummary, ProducerEvent};
use crate::error::Result;
use crate::settings::{KafkaSettings, PgSettings};
use crate::shutdown::Stop;

/// Publish again the rows of these id ranges (inclusive) that are not on the topic, as a
/// replay does and with its bookkeeping: under the producer's lock, records counted from
/// the topic's ends at start (so a failed delivery is retried without sending an event
/// twice), every batch acknowledged before the next is trusted. Unlike a replay it does not
/// rewind `producer_offsets` (rows after the ranges are not sent again) and it publishes
/// only ids at or below the offset: rows above it are the ordinary producer's to send.
///
/// Refused when the topic already holds ids above the offset (a producer stopped between
/// publishing and recording its offset): the next `produce poll` settles that first.
pub async fn republish(
    pg: &PgSettings,
    k: &KafkaSettings,
    ranges: &[(i64, i64)],
    batch: BatchSizing,
    stop: Stop,
    mut on: impl FnMut(ProducerEvent),
) -> Result<PollSummary> {
    let o = open(pg, k, &mut on).await?;
    let last_id = read_offset(&o.client).await?;
    if let Some(ahead) = o
        .start
        .max_published
        .iter()
        .copied()
        .max()
        .filter(|m| *m > last_id)
    {
        return Err(crate::pipeline::PipelineError::PublishedPastOffset {
            topic: o.topic,
            offset: last_id,
            published: ahead,
        }
        .into());
    }
    let mut only: Vec<(i64, i64)> = ranges
        .iter()
        .map(|&(a, b)| (a.max(1), b.min(last_id)))
        .filter(|(a, b)| a <= b)
        .collect();
    only.sort_unstable();
    let opts = PollOptions {
        batch,
        interval: Duration::from_millis(100),
        once: true,
        replay: None,
    };
    let plan = Plan {
        // Only what this run writes says what it has already sent.
        trust_from: Some(o.start.high.clone()),
        max_published: vec![-1; o.partitions as usize],
        last_id,
        only: Some(only),
    };
    run((pg, k, &opts), o, plan, stop, on, None).await
}
