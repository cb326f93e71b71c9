//! Kafka consumer groups as an operator sees them: which groups exist, who is in them, how
//! far behind they are, and moving or deleting their committed offsets. What `group list |
//! describe | seek | delete` and the sampler behind `dashboard`/`top` read.
//!
//! Written to the Kafka protocol, for every broker: groups are listed with ListGroups,
//! members come from DescribeGroups where the broker answers it (tansu 0.6 does not; the
//! members are then unknown, not an error), committed offsets from OffsetFetch, which every
//! broker that runs groups answers. All calls block: run them in `spawn_blocking`.

pub mod lag;
pub mod ops;

mod ffi;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::{Offset, TopicPartitionList};
use serde::Serialize;

use crate::settings::KafkaSettings;

/// (topic, partition)
pub type Tp = (String, i32);

#[derive(Debug, Clone, thiserror::Error)]
pub enum GroupError {
    #[error("invalid Kafka client settings: {0}")]
    Config(String),
    #[error("cannot reach Kafka at {bootstrap}: {message}")]
    Unreachable { bootstrap: String, message: String },
    #[error("no consumer group named `{0}`")]
    NotFound(String),
    #[error("topic `{0}` does not exist")]
    UnknownTopic(String),
    #[error("group `{0}` has no committed offsets to move")]
    NothingToSeek(String),
    #[error("consumer group `{group}` has active members ({members})")]
    Active { group: String, members: String },
    #[error("{what} for group `{group}` failed: {message}")]
    Broker {
        what: &'static str,
        group: String,
        message: String,
        code: Option<String>,
    },
}

type Result<T, E = GroupError> = std::result::Result<T, E>;

/// A member as DescribeGroups reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub member_id: String,
    pub client_id: String,
    pub host: String,
    /// Partitions assigned to the member: `{topic, partitions}`.
    pub assignment: Vec<TopicPartitions>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TopicPartitions {
    pub topic: String,
    pub partitions: Vec<i32>,
}

/// What DescribeGroups said about a group, or why it could not say.
#[derive(Debug, Clone)]
pub struct Described {
    pub state: Option<String>,
    /// `None`: the broker did not describe the group (the reason is in `error`).
    pub members: Option<Vec<Member>>,
    pub error: Option<String>,
}

/// One partition's offsets and what the group has left to read there.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartitionLag {
    pub topic: String,
    pub partition: i32,
    /// Next offset the group reads; null when it never committed here.
    pub committed: Option<i64>,
    pub low: i64,
    pub high: i64,
    /// `high - committed` (see `lag::partition_lag`); where the group never committed,
    /// `high - low`, counted from the start (`lag_from: "start"`, an estimate).
    pub lag: Option<i64>,
    /// `committed` | `start` (see `lag::LagFrom`).
    pub lag_from: Option<lag::LagFrom>,
    /// Age of the record at the committed offset (or at `low` where the group never
    /// committed); 0 when caught up; null when unknown.
    pub time_behind_ms: Option<i64>,
}

impl PartitionLag {
    /// The offset the group reads next: the committed one, or the oldest kept record.
    pub fn position(&self) -> i64 {
        self.committed.unwrap_or(self.low).max(self.low)
    }
}

/// Build the per-partition view from committed offsets, watermarks and the timestamps of
/// the records at the committed offsets. The one place lag rows are made.
pub fn partition_lags(
    partitions: &[Tp],
    committed: &BTreeMap<Tp, i64>,
    watermarks: &BTreeMap<Tp, (i64, i64)>,
    timestamps: &BTreeMap<(String, i32, i64), i64>,
    now_ms: i64,
) -> Vec<PartitionLag> {
    partitions
        .iter()
        .map(|tp| {
            let (low, high) = watermarks.get(tp).copied().unwrap_or((0, 0));
            let c = committed.get(tp).copied();
            let (l, from) = lag::lag_and_source(c, low, high);
            let at = c.unwrap_or(low).max(low);
            let ts = timestamps.get(&(tp.0.clone(), tp.1, at)).copied();
            PartitionLag {
                topic: tp.0.clone(),
                partition: tp.1,
                committed: c,
                low,
                high,
                lag: Some(l),
                lag_from: Some(from),
                time_behind_ms: lag::time_behind_ms(now_ms, Some(l), ts),
            }
        })
        .collect()
}

/// The partitions a group's view shows: every partition of each topic the group committed
/// on or is assigned (those without a commit show a null lag, as `kafka-consumer-groups`).
pub fn group_partitions(
    topics: &BTreeMap<String, Vec<i32>>,
    committed: &BTreeMap<Tp, i64>,
    assigned: &[Tp],
) -> Vec<Tp> {
    let names: BTreeSet<&String> = committed
        .keys()
        .map(|(t, _)| t)
        .chain(assigned.iter().map(|(t, _)| t))
        .collect();
    let mut out: BTreeSet<Tp> = names
        .iter()
        .flat_map(|t| {
            topics
                .get(*t)
                .into_iter()
                .flatten()
                .map(move |p| ((*t).clone(), *p))
        })
        .collect();
    out.extend(committed.keys().cloned());
    out.extend(assigned.iter().cloned());
    out.into_iter().collect()
}

/// The partitions whose record timestamps are needed for time behind: lagging ones, at the
/// committed offset (or the oldest kept record when the committed one is gone or the group
/// never committed).
pub fn timestamp_wants(rows: &[PartitionLag]) -> Vec<(String, i32, i64)> {
    rows.iter()
        .filter(|r| r.lag.is_some_and(|l| l > 0))
        .map(|r| (r.topic.clone(), r.partition, r.position()))
        .collect()
}

/// Where `group seek` moves a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeekTo {
    Start,
    End,
    Offset(i64),
    /// The first record at or after this time (ms since the epoch); the end when none is.
    Time(i64),
}

#[derive(Debug, Clone, Serialize)]
pub struct SeekChange {
    pub topic: String,
    pub partition: i32,
    /// The committed offset before; null when the group had none on the partition.
    pub from: Option<i64>,
    pub to: i64,
}

/// Long-lived clients for group work: a metadata/offsets consumer, an admin client, and one
/// consumer per group for OffsetFetch (a Kafka client asks for committed offsets as a
/// member of the group it names, without joining it).
pub struct GroupClient {
    k: KafkaSettings,
    base: BaseConsumer,
    admin: AdminClient<DefaultClientContext>,
    per_group: BTreeMap<String, BaseConsumer>,
    /// Reads single records for "time behind"; kept because the sampler asks every second.
    peek: Option<BaseConsumer>,
}

/// At most this many per-group clients are kept (the sampler asks every second).
const MAX_GROUP_CLIENTS: usize = 64;

impl GroupClient {
    pub fn new(k: &KafkaSettings) -> Result<GroupClient> {
        let base: BaseConsumer = crate::kafka::client_config(k)
            .create()
            .map_err(|e| GroupError::Config(e.to_string()))?;
        let admin: AdminClient<DefaultClientContext> = crate::kafka::client_config(k)
            .create()
            .map_err(|e| GroupError::Config(e.to_string()))?;
        Ok(GroupClient {
            k: k.clone(),
            base,
            admin,
            per_group: BTreeMap::new(),
            peek: None,
        })
    }

    fn unreachable(&self, e: impl std::fmt::Display) -> GroupError {
        GroupError::Unreachable {
            bootstrap: self.k.bootstrap(),
            message: e.to_string(),
        }
    }

    /// Every non-internal topic with its partition ids.
    pub fn topics(&self, timeout: Duration) -> Result<BTreeMap<String, Vec<i32>>> {
        let md = self
            .base
            .fetch_metadata(None, timeout)
            .map_err(|e| self.unreachable(e))?;
        Ok(md
            .topics()
            .iter()
            .filter(|t| !crate::kafka::admin::is_internal(t.name()))
            .filter(|t| t.error().is_none())
            .map(|t| {
                let mut ps: Vec<i32> = t.partitions().iter().map(|p| p.id()).collect();
                ps.sort_unstable();
                (t.name().to_string(), ps)
            })
            .collect())
    }

    /// Low and high watermark of each partition (partitions that fail are left out).
    pub fn watermarks(&self, tps: &[Tp], timeout: Duration) -> Result<BTreeMap<Tp, (i64, i64)>> {
        // Two ListOffsets requests per broker for every partition (earliest, latest), not
        // two round trips per partition: with hundreds of partitions on a busy broker the
        // one-by-one way took longer than a sample may. What they do not answer is asked
        // one by one.
        let mut out = self.listed_watermarks(tps, timeout).unwrap_or_default();
        let rest: Vec<Tp> = tps
            .iter()
            .filter(|tp| !out.contains_key(*tp))
            .cloned()
            .collect();
        if rest.is_empty() {
            return Ok(out);
        }
        let mut one_by_one = self.watermarks_one_by_one(&rest, timeout)?;
        out.append(&mut one_by_one);
        Ok(out)
    }

    /// Earliest and latest offsets of `tps` in one ListOffsets request per broker each;
    /// the partitions the broker answered.
    fn listed_watermarks(&self, tps: &[Tp], timeout: Duration) -> Option<BTreeMap<Tp, (i64, i64)>> {
        if tps.is_empty() {
            return Some(BTreeMap::new());
        }
        let ask = |at: Offset| -> Option<BTreeMap<Tp, i64>> {
            let mut tpl = TopicPartitionList::new();
            for (t, p) in tps {
                tpl.add_partition_offset(t, *p, at).ok()?;
            }
            let answered = self.base.offsets_for_times(tpl, timeout).ok()?;
            Some(
                answered
                    .elements()
                    .iter()
                    .filter(|e| e.error().is_ok())
                    .filter_map(|e| match e.offset() {
                        Offset::Offset(o) if o >= 0 => {
                            Some(((e.topic().to_string(), e.partition()), o))
                        }
                        _ => None,
                    })
                    .collect(),
            )
        };
        let low = ask(Offset::Beginning)?;
        let high = ask(Offset::End)?;
        Some(
            low.into_iter()
                .filter_map(|(tp, l)| high.get(&tp).map(|h| (tp, (l, *h))))
                .collect(),
        )
    }

    fn watermarks_one_by_one(
        &self,
        tps: &[Tp],
        timeout: Duration,
    ) -> Result<BTreeMap<Tp, (i64, i64)>> {
        let mut out = BTreeMap::new();
        let mut last_err = None;
        for (t, p) in tps {
            match self.base.fetch_watermarks(t, *p, timeout) {
                Ok(w) => {
                    out.insert((t.clone(), *p), w);
                }
                Err(e) => last_err = Some(e),
            }
        }
        match last_err {
            Some(e) if out.is_empty() && !tps.is_empty() => Err(self.unreachable(e)),
            _ => Ok(out),
        }
    }

    /// Groups and their states (ListGroups). Names sorted.
    pub fn list(&self, timeout: Duration) -> Result<Vec<(String, String)>> {
        let mut groups = match ffi::list_consumer_groups(&self.admin, timeout) {
            Ok(g) => g,
            // Older brokers without the admin API's ListGroups version: librdkafka's
            // combined list (ListGroups + DescribeGroups).
            Err(first) => match self.base.fetch_group_list(None, timeout) {
                Ok(list) => list
                    .groups()
                    .iter()
                    .map(|g| (g.name().to_string(), g.state().to_string()))
                    .collect(),
                Err(_) => return Err(self.unreachable(first)),
            },
        };
        groups.sort();
        groups.dedup_by(|a, b| a.0 == b.0);
        Ok(groups)
    }

    /// DescribeGroups for one group. A broker that cannot describe groups gives
    /// `members: None` and the reason, not an error.
    pub fn describe(&self, group: &str, timeout: Duration) -> Described {
        match self.base.fetch_group_list(Some(group), timeout) {
            Ok(list) => match list.groups().iter().find(|g| g.name() == group) {
                Some(g) if !g.state().is_empty() => Described {
                    state: Some(g.state().to_string()),
                    members: Some(
                        g.members()
                            .iter()
                            .map(|m| Member {
                                member_id: m.id().to_string(),
                                client_id: m.client_id().to_string(),
                                host: m.client_host().to_string(),
                                assignment: m
                                    .assignment()
                                    .map(decode_assignment)
                                    .unwrap_or_default(),
                            })
                            .collect(),
                    ),
                    error: None,
                },
                Some(_) => Described {
                    state: None,
                    members: None,
                    error: Some("the broker described the group without a state".into()),
                },
                None => Described {
                    state: None,
                    members: None,
                    error: Some("the broker did not describe the group".into()),
                },
            },
            Err(e) => Described {
                state: None,
                members: None,
                error: Some(format!("DescribeGroups failed: {e}")),
            },
        }
    }

    fn group_consumer(&mut self, group: &str) -> Result<&BaseConsumer> {
        if !self.per_group.contains_key(group) {
            if self.per_group.len() >= MAX_GROUP_CLIENTS {
                let first = self.per_group.keys().next().cloned();
                if let Some(f) = first {
                    self.per_group.remove(&f);
                }
            }
            let mut c = crate::kafka::client_config(&self.k);
            c.set("group.id", group)
                .set("enable.auto.commit", "false")
                .set("enable.auto.offset.store", "false");
            let consumer: BaseConsumer =
                c.create().map_err(|e| GroupError::Config(e.to_string()))?;
            self.per_group.insert(group.to_string(), consumer);
        }
        Ok(&self.per_group[group])
    }

    /// Forget the per-group clients of groups not in `keep`.
    pub fn retain_groups(&mut self, keep: &BTreeSet<String>) {
        self.per_group.retain(|g, _| keep.contains(g));
    }

    /// Committed offsets of `group` on `tps` (OffsetFetch); partitions without one are left out.
    pub fn committed(
        &mut self,
        group: &str,
        tps: &[Tp],
        timeout: Duration,
    ) -> Result<BTreeMap<Tp, i64>> {
        if tps.is_empty() {
            return Ok(BTreeMap::new());
        }
        let mut tpl = TopicPartitionList::new();
        for (t, p) in tps {
            tpl.add_partition(t, *p);
        }
        let bootstrap = self.k.bootstrap();
        let consumer = self.group_consumer(group)?;
        let got = consumer
            .committed_offsets(tpl, timeout)
            .map_err(|e| match e {
                KafkaError::MetadataFetch(_) | KafkaError::Global(_) => GroupError::Unreachable {
                    bootstrap,
                    message: e.to_string(),
                },
                other => GroupError::Broker {
                    what: "reading committed offsets (OffsetFetch)",
                    group: group.to_string(),
                    code: other.rdkafka_error_code().map(|c| format!("{c:?}")),
                    message: other.to_string(),
                },
            })?;
        Ok(got
            .elements()
            .iter()
            .filter(|e| e.error().is_ok())
            .filter_map(|e| match e.offset() {
                Offset::Offset(o) if o >= 0 => Some(((e.topic().to_string(), e.partition()), o)),
                _ => None,
            })
            .collect())
    }

    /// Timestamps of the records at the given offsets, read within `budget`. Records
    /// without a timestamp, or not read in time, are left out.
    pub fn timestamps_at(
        &mut self,
        wants: &[(String, i32, i64)],
        budget: Duration,
    ) -> BTreeMap<(String, i32, i64), i64> {
        let mut out = BTreeMap::new();
        if wants.is_empty() {
            return out;
        }
        if self.peek.is_none() {
            let mut c = crate::kafka::read::reader_config(
                crate::kafka::client_config(&self.k),
                "offset-peek",
            );
            c.set("max.partition.fetch.bytes", "65536")
                .set("fetch.wait.max.ms", "100");
            self.peek = c.create::<BaseConsumer>().ok();
        }
        let Some(consumer) = self.peek.as_ref() else {
            return out;
        };
        // A new assignment replaces the last one; records fetched for it are discarded.
        let at = wants.iter().map(|(t, p, o)| (t, *p, *o));
        if crate::kafka::read::assign_at(consumer, at).is_err() {
            return out;
        }
        let mut pending: BTreeMap<Tp, i64> = wants
            .iter()
            .map(|(t, p, o)| ((t.clone(), *p), *o))
            .collect();
        let deadline = Instant::now() + budget;
        while !pending.is_empty() && Instant::now() < deadline {
            let Some(Ok(m)) = consumer.poll(Duration::from_millis(50)) else {
                continue;
            };
            let tp = (m.topic().to_string(), m.partition());
            if let Some(&want) = pending.get(&tp) {
                if m.offset() >= want {
                    if let Some(ts) = m.timestamp().to_millis() {
                        out.insert((tp.0.clone(), tp.1, want), ts);
                    }
                    pending.remove(&tp);
                }
            }
        }
        let _ = consumer.unassign();
        out
    }

    /// Resolve `to` on each partition and return the planned changes (nothing is written).
    pub fn plan_seek(
        &mut self,
        group: &str,
        to: SeekTo,
        topic: Option<&str>,
        timeout: Duration,
    ) -> Result<Vec<SeekChange>> {
        let topics = self.topics(timeout)?;
        let all: Vec<Tp> = topics
            .iter()
            .flat_map(|(t, ps)| ps.iter().map(move |p| (t.clone(), *p)))
            .collect();
        let committed = self.committed(group, &all, timeout)?;
        let targets: Vec<Tp> = match topic {
            Some(t) => match topics.get(t) {
                Some(ps) => ps.iter().map(|p| (t.to_string(), *p)).collect(),
                None => return Err(GroupError::UnknownTopic(t.to_string())),
            },
            None => committed.keys().cloned().collect(),
        };
        if targets.is_empty() {
            return Err(GroupError::NothingToSeek(group.to_string()));
        }
        let wm = self.watermarks(&targets, timeout)?;
        let by_time = match to {
            SeekTo::Time(ms) => {
                let mut tpl = TopicPartitionList::new();
                for (t, p) in &targets {
                    tpl.add_partition_offset(t, *p, Offset::Offset(ms))
                        .map_err(|e| self.unreachable(e))?;
                }
                let got = self
                    .base
                    .offsets_for_times(tpl, timeout)
                    .map_err(|e| self.unreachable(e))?;
                got.elements()
                    .iter()
                    .map(|e| {
                        let o = match e.offset() {
                            Offset::Offset(o) if o >= 0 => Some(o),
                            _ => None,
                        };
                        ((e.topic().to_string(), e.partition()), o)
                    })
                    .collect::<BTreeMap<Tp, Option<i64>>>()
            }
            _ => BTreeMap::new(),
        };
        // Some brokers (tansu 0.6) answer offset 0 instead of "none" when no record is as
        // late as asked: check the record at the answer, and take the end when it is older.
        let by_time = match to {
            SeekTo::Time(ms) => {
                let wants: Vec<(String, i32, i64)> = by_time
                    .iter()
                    .filter_map(|(tp, o)| {
                        let high = wm.get(tp).map(|w| w.1).unwrap_or(0);
                        o.filter(|o| *o < high).map(|o| (tp.0.clone(), tp.1, o))
                    })
                    .collect();
                let ts = self.timestamps_at(&wants, Duration::from_secs(5));
                by_time
                    .into_iter()
                    .map(|(tp, o)| {
                        let checked = o
                            .filter(|o| ts.get(&(tp.0.clone(), tp.1, *o)).is_none_or(|t| *t >= ms));
                        (tp, checked)
                    })
                    .collect()
            }
            _ => by_time,
        };
        Ok(targets
            .iter()
            .map(|tp| {
                let (low, high) = wm.get(tp).copied().unwrap_or((0, 0));
                let dest = match to {
                    SeekTo::Start => low,
                    SeekTo::End => high,
                    SeekTo::Offset(o) => o.clamp(low, high),
                    SeekTo::Time(_) => by_time.get(tp).copied().flatten().unwrap_or(high),
                };
                SeekChange {
                    topic: tp.0.clone(),
                    partition: tp.1,
                    from: committed.get(tp).copied(),
                    to: dest,
                }
            })
            .collect())
    }

    /// Commit `changes` for `group` (OffsetCommit outside any generation: Kafka accepts it
    /// only for a group without active members).
    pub fn commit_seek(
        &mut self,
        group: &str,
        changes: &[SeekChange],
        timeout: Duration,
    ) -> Result<()> {
        let mut tpl = TopicPartitionList::new();
        for c in changes {
            tpl.add_partition_offset(&c.topic, c.partition, Offset::Offset(c.to))
                .map_err(|e| self.unreachable(e))?;
        }
        let consumer = self.group_consumer(group)?;
        let _ = timeout;
        consumer
            .commit(&tpl, CommitMode::Sync)
            .map_err(|e| GroupError::Broker {
                what: "committing the new offsets (OffsetCommit)",
                group: group.to_string(),
                code: e.rdkafka_error_code().map(|c| format!("{c:?}")),
                message: e.to_string(),
            })
    }

    /// DeleteGroups for `group`.
    pub async fn delete(&self, group: &str, timeout: Duration) -> Result<()> {
        let opts = AdminOptions::new().request_timeout(Some(timeout));
        let results = self
            .admin
            .delete_groups(&[group], &opts)
            .await
            .map_err(|e| self.unreachable(e))?;
        for r in results {
            if let Err((name, code)) = r {
                let message = match code {
                    rdkafka::types::RDKafkaErrorCode::NonEmptyGroup => {
                        "the group still has active members".to_string()
                    }
                    rdkafka::types::RDKafkaErrorCode::GroupIdNotFound => {
                        return Err(GroupError::NotFound(name))
                    }
                    other => other.to_string(),
                };
                return Err(GroupError::Broker {
                    what: "deleting the group (DeleteGroups)",
                    group: name,
                    message,
                    code: Some(format!("{code:?}")),
                });
            }
        }
        Ok(())
    }
}

/// Decode a ConsumerProtocolAssignment (version, [topic, [partition]], user data).
/// Anything that does not parse gives what was read so far.
pub fn decode_assignment(b: &[u8]) -> Vec<TopicPartitions> {
    let mut r = Reader { b, at: 0 };
    let mut out = Vec::new();
    let parse = |r: &mut Reader, out: &mut Vec<TopicPartitions>| -> Option<()> {
        let _version = r.i16()?;
        let n = r.i32()?;
        for _ in 0..n.max(0) {
            let topic = r.string()?;
            let m = r.i32()?;
            let mut partitions = Vec::new();
            for _ in 0..m.max(0) {
                partitions.push(r.i32()?);
            }
            partitions.sort_unstable();
            out.push(TopicPartitions { topic, partitions });
        }
        Some(())
    };
    let _ = parse(&mut r, &mut out);
    out
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_be_bytes(self.take(2)?.try_into().ok()?))
    }
    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }
    fn string(&mut self) -> Option<String> {
        let n = self.i16()?;
        let s = self.take(usize::try_from(n).ok()?)?;
        Some(String::from_utf8_lossy(s).into_owned())
    }
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<GroupError> for crate::error::Error {
    fn from(e: GroupError) -> Self {
        use crate::error::ErrorKind;
        let (kind, code) = match &e {
            GroupError::Config(_) => (ErrorKind::Config, None),
            GroupError::Unreachable { .. } => (ErrorKind::Connection, None),
            GroupError::NotFound(_) | GroupError::UnknownTopic(_) => (ErrorKind::NotFound, None),
            GroupError::NothingToSeek(_) => (ErrorKind::Usage, None),
            GroupError::Active { .. } => (ErrorKind::Runtime, None),
            GroupError::Broker { code, .. } => (ErrorKind::Runtime, code.clone()),
        };
        let mut err = crate::error::Error::new(kind, e.to_string()).with_source(e);
        err.code = code;
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_bytes_decode_to_topics_and_partitions() {
        let mut b = vec![0, 1];
        b.extend(1i32.to_be_bytes());
        b.extend(3i16.to_be_bytes());
        b.extend(b"abc");
        b.extend(2i32.to_be_bytes());
        b.extend(2i32.to_be_bytes());
        b.extend(0i32.to_be_bytes());
        b.extend((-1i32).to_be_bytes());
        assert_eq!(
            decode_assignment(&b),
            vec![TopicPartitions {
                topic: "abc".into(),
                partitions: vec![0, 2]
            }]
        );
        assert!(decode_assignment(&[0]).is_empty());
    }

    #[test]
    fn lag_rows_use_the_shared_computation() {
        let tps = vec![("t".to_string(), 0), ("t".to_string(), 1)];
        let committed = BTreeMap::from([(("t".to_string(), 0), 5)]);
        let wm = BTreeMap::from([
            (("t".to_string(), 0), (0, 9)),
            (("t".to_string(), 1), (0, 4)),
        ]);
        let ts = BTreeMap::from([(("t".to_string(), 0, 5), 1_000)]);
        let rows = partition_lags(&tps, &committed, &wm, &ts, 4_000);
        assert_eq!(rows[0].lag, Some(4));
        assert_eq!(rows[0].time_behind_ms, Some(3_000));
        assert_eq!(rows[0].lag_from, Some(lag::LagFrom::Committed));
        // Never committed on partition 1: its whole backlog, counted from the start.
        assert_eq!(rows[1].lag, Some(4));
        assert_eq!(rows[1].lag_from, Some(lag::LagFrom::Start));
        assert_eq!(
            timestamp_wants(&rows),
            vec![("t".to_string(), 0, 5), ("t".to_string(), 1, 0)]
        );
    }
}
