//! The operations behind `group list | describe | seek | delete`, built on [`GroupClient`]
//! and the shared lag computation. Async: the blocking Kafka calls run on blocking threads.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::{
    group_partitions, lag, partition_lags, timestamp_wants, GroupClient, GroupError, Member,
    PartitionLag, SeekChange, SeekTo, Tp,
};
use crate::settings::KafkaSettings;

const TIMEOUT: Duration = Duration::from_secs(10);
const DESCRIBE_TIMEOUT: Duration = Duration::from_secs(3);
/// Time spent reading the records at committed offsets, for "time behind".
const TIMESTAMP_BUDGET: Duration = Duration::from_secs(3);

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, GroupError> + Send + 'static,
) -> Result<T, GroupError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| GroupError::Broker {
            what: "the Kafka task",
            group: String::new(),
            message: e.to_string(),
            code: None,
        })?
}

/// One line of `group list`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupOverview {
    pub group: String,
    /// The broker's state (`Stable`, `Empty`, ...; `Unknown` where the broker does not say).
    pub state: String,
    /// Active members; null when the broker cannot describe groups.
    pub members: Option<usize>,
    /// Topics with committed offsets.
    pub topics: Vec<String>,
    /// Total lag over the group's partitions (those never committed counted from the start).
    pub lag: Option<i64>,
    /// `start` when part of `lag` is counted from the start of partitions the group never
    /// committed on (an estimate), else `committed`.
    pub lag_from: lag::LagFrom,
}

/// `group describe`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupDescription {
    pub group: String,
    pub state: String,
    /// Null when the broker cannot describe groups (then `members_error` says why).
    pub members: Option<Vec<Member>>,
    pub members_error: Option<String>,
    pub lag: Option<i64>,
    /// `start` when part of `lag` is estimated (see `GroupOverview::lag_from`).
    pub lag_from: lag::LagFrom,
    /// The largest time behind over the partitions.
    pub time_behind_ms: Option<i64>,
    pub partitions: Vec<PartitionLag>,
}

fn all_partitions(topics: &BTreeMap<String, Vec<i32>>) -> Vec<Tp> {
    topics
        .iter()
        .flat_map(|(t, ps)| ps.iter().map(move |p| (t.clone(), *p)))
        .collect()
}

fn state_of(listed: &[(String, String)], group: &str, described: Option<&str>) -> String {
    described
        .map(str::to_string)
        .or_else(|| {
            listed
                .iter()
                .find(|(g, _)| g == group)
                .map(|(_, s)| s.clone())
        })
        .unwrap_or_else(|| "Unknown".into())
}

pub async fn list(k: &KafkaSettings) -> Result<Vec<GroupOverview>, GroupError> {
    let k = k.clone();
    blocking(move || {
        let mut c = GroupClient::new(&k)?;
        let listed = c.list(TIMEOUT)?;
        let topics = c.topics(TIMEOUT)?;
        let tps = all_partitions(&topics);
        let wm = c.watermarks(&tps, TIMEOUT)?;
        let mut out = Vec::new();
        let mut describe_works = true;
        for (g, listed_state) in &listed {
            let d = if describe_works {
                let d = c.describe(g, DESCRIBE_TIMEOUT);
                // A broker that cannot describe one group cannot describe the next either.
                describe_works = d.error.is_none();
                Some(d)
            } else {
                None
            };
            let committed = c.committed(g, &tps, TIMEOUT)?;
            let parts = group_partitions(&topics, &committed, &[]);
            let rows = partition_lags(&parts, &committed, &wm, &BTreeMap::new(), 0);
            let mut group_topics: Vec<String> = parts.iter().map(|(t, _)| t.clone()).collect();
            group_topics.dedup();
            out.push(GroupOverview {
                group: g.clone(),
                state: d
                    .as_ref()
                    .and_then(|d| d.state.clone())
                    .unwrap_or_else(|| listed_state.clone()),
                members: d.and_then(|d| d.members.map(|m| m.len())),
                topics: group_topics,
                lag: lag::total_lag(rows.iter().map(|r| r.lag)),
                lag_from: lag::total_lag_from(rows.iter().map(|r| (r.lag, r.lag_from))),
            });
        }
        Ok(out)
    })
    .await
}

pub async fn describe(k: &KafkaSettings, group: &str) -> Result<GroupDescription, GroupError> {
    let (k, group) = (k.clone(), group.to_string());
    blocking(move || {
        let mut c = GroupClient::new(&k)?;
        let listed = c.list(TIMEOUT)?;
        let d = c.describe(&group, DESCRIBE_TIMEOUT);
        let topics = c.topics(TIMEOUT)?;
        let tps = all_partitions(&topics);
        let committed = c.committed(&group, &tps, TIMEOUT)?;
        let known = listed.iter().any(|(g, _)| *g == group);
        if !known && committed.is_empty() {
            return Err(GroupError::NotFound(group));
        }
        let assigned: Vec<Tp> = d
            .members
            .iter()
            .flatten()
            .flat_map(|m| &m.assignment)
            .flat_map(|a| a.partitions.iter().map(|p| (a.topic.clone(), *p)))
            .collect();
        let parts = group_partitions(&topics, &committed, &assigned);
        let wm = c.watermarks(&parts, TIMEOUT)?;
        let now = chrono::Utc::now().timestamp_millis();
        let first = partition_lags(&parts, &committed, &wm, &BTreeMap::new(), now);
        let ts = c.timestamps_at(&timestamp_wants(&first), TIMESTAMP_BUDGET);
        let now = chrono::Utc::now().timestamp_millis();
        let rows = partition_lags(&parts, &committed, &wm, &ts, now);
        Ok(GroupDescription {
            state: state_of(&listed, &group, d.state.as_deref()),
            lag: lag::total_lag(rows.iter().map(|r| r.lag)),
            lag_from: lag::total_lag_from(rows.iter().map(|r| (r.lag, r.lag_from))),
            time_behind_ms: rows.iter().filter_map(|r| r.time_behind_ms).max(),
            members: d.members,
            members_error: d.error,
            partitions: rows,
            group,
        })
    })
    .await
}

/// What `group seek` and `group delete` checked before acting.
#[derive(Debug, Clone, Serialize)]
pub struct Quiet {
    pub state: String,
    /// True when DescribeGroups confirmed there are no members; false when the broker
    /// could not say (Kafka itself refuses offsets for a group with members).
    pub members_checked: bool,
    pub members_error: Option<String>,
}

/// Refuse when the group has active members (or a state that says it has).
pub async fn check_quiet(k: &KafkaSettings, group: &str) -> Result<Quiet, GroupError> {
    let (k, group) = (k.clone(), group.to_string());
    blocking(move || {
        let c = GroupClient::new(&k)?;
        let listed = c.list(TIMEOUT)?;
        let d = c.describe(&group, DESCRIBE_TIMEOUT);
        let state = state_of(&listed, &group, d.state.as_deref());
        if let Some(m) = &d.members {
            if !m.is_empty() {
                let who: Vec<String> = m
                    .iter()
                    .map(|m| format!("{} on {}", m.client_id, m.host))
                    .collect();
                return Err(GroupError::Active {
                    group,
                    members: who.join(", "),
                });
            }
        }
        if d.members.is_none()
            && matches!(
                state.as_str(),
                "Stable" | "PreparingRebalance" | "CompletingRebalance"
            )
        {
            return Err(GroupError::Active {
                group,
                members: format!("state {state}"),
            });
        }
        Ok(Quiet {
            state,
            members_checked: d.members.is_some(),
            members_error: d.error,
        })
    })
    .await
}

pub async fn plan_seek(
    k: &KafkaSettings,
    group: &str,
    to: SeekTo,
    topic: Option<&str>,
) -> Result<Vec<SeekChange>, GroupError> {
    let (k, group, topic) = (k.clone(), group.to_string(), topic.map(str::to_string));
    blocking(move || {
        let mut c = GroupClient::new(&k)?;
        c.plan_seek(&group, to, topic.as_deref(), TIMEOUT)
    })
    .await
}

pub async fn commit_seek(
    k: &KafkaSettings,
    group: &str,
    changes: &[SeekChange],
) -> Result<(), GroupError> {
    let (k, group, changes) = (k.clone(), group.to_string(), changes.to_vec());
    blocking(move || {
        let mut c = GroupClient::new(&k)?;
        c.commit_seek(&group, &changes, TIMEOUT)
    })
    .await
}

pub async fn delete(k: &KafkaSettings, group: &str) -> Result<(), GroupError> {
    let c = GroupClient::new(k)?;
    c.delete(group, TIMEOUT).await
}
