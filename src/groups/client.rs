//! The Kafka calls of group work, on long-lived clients: topics and watermarks, listing
//! and describing groups, committed offsets, record timestamps, planning and committing a
//! seek, deleting a group.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::{Offset, TopicPartitionList};
use serde::Serialize;

use super::ffi;
use super::members::{decode_assignment, Described, Member};
use super::{GroupError, Result, Tp};
use crate::settings::KafkaSettings;

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
