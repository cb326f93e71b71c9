//! Where each partition stops, and what the read loop does with each message by it.

use std::collections::BTreeMap;

use rdkafka::message::Message;

use super::Tp;
use crate::kafka::tail::decode::Record;

/// Where a partition stops: before `until_offset`, or at the first record stamped at or
/// after `until_time`, whichever comes first.
#[derive(Debug, Default)]
pub(super) struct PartState {
    pub(super) until_offset: Option<i64>,
    pub(super) until_time: Option<i64>,
    /// Skip records stamped before this until one at or after it is seen. ListOffsets by
    /// time already starts there on Apache Kafka; tansu 0.6 answers offset 0 when no record
    /// is that late, and this keeps the result right there too.
    pub(super) skip_before: Option<i64>,
    pub(super) done: bool,
}

impl PartState {
    pub(super) fn bounded(&self) -> bool {
        self.until_offset.is_some() || self.until_time.is_some()
    }
}

/// What [`Tailer::next`](super::Tailer::next) does with a message read.
pub(super) enum Verdict {
    /// Not for this reader (a partition not read, or already done).
    Skip,
    /// Past its partition's end bound: that partition is done, the message not shown.
    Finish,
    /// Copied into the record; `last` when it is its partition's last one.
    Take { last: bool },
}

/// Judge message `m` by its partition's state in `parts` (looked up through `key`, refilled
/// without allocating), and copy it into `rec` (its headers too when `headers`) when it is
/// to be shown.
pub(super) fn judge(
    parts: &mut BTreeMap<Tp, PartState>,
    key: &mut Tp,
    m: &impl Message,
    rec: &mut Record,
    headers: bool,
) -> Verdict {
    let topic = m.topic();
    if key.0 != topic {
        key.0.clear();
        key.0.push_str(topic);
    }
    key.1 = m.partition();
    let Some(state) = parts.get_mut(key) else {
        return Verdict::Skip;
    };
    if state.done {
        return Verdict::Skip;
    }
    let (offset, timestamp) = (m.offset(), m.timestamp().to_millis());
    let past = state.until_offset.is_some_and(|b| offset >= b)
        || state
            .until_time
            .is_some_and(|t| timestamp.is_some_and(|ts| ts >= t));
    if past {
        return Verdict::Finish;
    }
    if let Some(t) = state.skip_before {
        if timestamp.is_some_and(|ts| ts < t) {
            return match state.until_offset.is_some_and(|b| offset + 1 >= b) {
                true => Verdict::Finish,
                false => Verdict::Skip,
            };
        }
        state.skip_before = None;
    }
    rec.fill(m, topic, headers);
    Verdict::Take {
        last: state.until_offset.is_some_and(|b| offset + 1 >= b),
    }
}
