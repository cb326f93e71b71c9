//! The stream jobs panel: jobs run here (`stream run`: who holds each job's run lock, and
//! the checkpoints saved in the profile's database) and jobs on Flink (`GET
//! /jobs/overview`), joined with their consumer groups as the Kafka part saw them. Pure
//! functions of one round's parts, so they are tested without servers.

use super::snapshot::{
    FlinkJobStat, GroupStat, KafkaSnapshot, ResultSet, StreamCheckpointStat, StreamHolderStat,
    StreamJobStat,
};
use crate::groups::lag;
use crate::stream::flink::rest::JobOverview;
use crate::stream::job::{self as stream_job, Engine};
use crate::stream::store::{self, Runs};

/// The built-in jobs: one per job name, from its newest checkpoint and its run lock; a run
/// that has not saved a checkpoint yet is shown from its lock alone.
pub fn builtin(
    runs: &Runs,
    kafka: &KafkaSnapshot,
    results: &[ResultSet],
    now_ms: i64,
) -> Vec<StreamJobStat> {
    let mut out: Vec<StreamJobStat> = Vec::new();
    // Newest first: the first row of a job is the one shown.
    for cp in &runs.checkpoints {
        if out.iter().any(|j| j.name == cp.job) {
            continue;
        }
        let holder = runs.holder_of(cp.key);
        let group = kafka.groups.iter().find(|g| g.group == cp.consumer_group);
        let checkpoint = &cp.checkpoint;
        let checkpoint_lag = lag::total_lag(checkpoint.offsets.iter().map(|(p, offset)| {
            let (low, high) = watermarks(kafka, &cp.topic, *p)?;
            lag::partition_lag(Some(*offset), low, high)
        }));
        let mut job = entry(&cp.job, holder, group, results, now_ms);
        job.source_topic = Some(cp.topic.clone());
        job.group = Some(cp.consumer_group.clone());
        job.lag = group.and_then(|g| g.lag).or(checkpoint_lag);
        job.checkpoint = Some(StreamCheckpointStat {
            saved_at_ms: cp.saved_at_ms,
            watermark_ms: checkpoint.watermark_ms,
            emitted_watermark_ms: checkpoint.emitted_watermark_ms,
            max_event_ms: checkpoint.max_event_ms.values().copied().max(),
            offsets: checkpoint.offsets.clone(),
        });
        out.push(job);
    }
    for h in &runs.holders {
        if runs.checkpoints.iter().any(|cp| cp.key == h.key) {
            continue;
        }
        let name = h
            .application_name
            .as_deref()
            .and_then(store::job_of_run_name)
            .map(str::to_string)
            .unwrap_or_else(|| format!("lock {}", h.key));
        if out.iter().any(|j| j.name == name) {
            continue;
        }
        let default_group = stream_job::default_group(&name);
        let group = kafka.groups.iter().find(|g| g.group == default_group);
        let mut job = entry(&name, Some(h), group, results, now_ms);
        job.group = group.map(|g| g.group.clone());
        job.source_topic = group.and_then(|g| g.topics.first().cloned());
        out.push(job);
    }
    out.sort_by(|a, b| b.running.cmp(&a.running).then(a.name.cmp(&b.name)));
    out
}

fn entry(
    name: &str,
    holder: Option<&store::Holder>,
    group: Option<&GroupStat>,
    results: &[ResultSet],
    now_ms: i64,
) -> StreamJobStat {
    let since = holder.and_then(|h| h.since_ms);
    StreamJobStat {
        name: name.to_string(),
        engine: Engine::Builtin.name().into(),
        state: if holder.is_some() {
            "running"
        } else {
            "stopped"
        }
        .into(),
        running: holder.is_some(),
        source_topic: None,
        group: None,
        lag: group.and_then(|g| g.lag),
        time_behind_ms: group.and_then(|g| g.time_behind_ms),
        events_per_sec: group.and_then(|g| g.records_per_sec),
        windows: windows_of(results, name),
        started_at_ms: since,
        duration_ms: since.map(|s| (now_ms - s).max(0)),
        holder: holder.map(|h| StreamHolderStat {
            application_name: h.application_name.clone(),
            backend_pid: h.backend_pid,
            client: h.client.clone(),
        }),
        checkpoint: None,
        flink: None,
    }
}

fn watermarks(kafka: &KafkaSnapshot, topic: &str, partition: i32) -> Option<(i64, i64)> {
    let t = kafka.topics.iter().find(|t| t.topic == topic)?;
    let p = t.partitions.iter().find(|p| p.partition == partition)?;
    Some((p.low, p.high))
}

fn windows_of(results: &[ResultSet], job: &str) -> Option<usize> {
    results
        .iter()
        .find(|r| r.source == "stream" && r.name == job)
        .map(|r| r.windows.len())
}

/// Jobs on Flink (one per name), with the group its Kafka source commits as.
pub fn flink(
    jobs: &[JobOverview],
    kafka: &KafkaSnapshot,
    results: &[ResultSet],
) -> Vec<StreamJobStat> {
    let mut out: Vec<StreamJobStat> = jobs
        .iter()
        .map(|j| {
            let group_name = stream_job::flink_group(&j.name);
            let group = kafka.groups.iter().find(|g| g.group == group_name);
            let positive = |ms: i64| (ms > 0).then_some(ms);
            StreamJobStat {
                name: j.name.clone(),
                engine: Engine::Flink.name().into(),
                state: j.state.clone(),
                running: j.state == "RUNNING",
                source_topic: group.and_then(|g| g.topics.first().cloned()),
                group: group.map(|g| g.group.clone()),
                lag: group.and_then(|g| g.lag),
                time_behind_ms: group.and_then(|g| g.time_behind_ms),
                events_per_sec: group.and_then(|g| g.records_per_sec),
                windows: windows_of(results, &j.name),
                started_at_ms: positive(j.start_time),
                duration_ms: (j.duration >= 0).then_some(j.duration),
                holder: None,
                checkpoint: None,
                flink: Some(FlinkJobStat {
                    jid: j.jid.clone(),
                    end_time_ms: positive(j.end_time),
                    tasks: j.tasks.clone(),
                }),
            }
        })
        .collect();
    out.sort_by(|a, b| b.running.cmp(&a.running).then(a.name.cmp(&b.name)));
    out
}

/// Groups the jobs read as, whatever their names (`stream run -g` names its own): marked
/// `stream`, writing to `stream:JOB`.
pub fn claim_groups(jobs: &[StreamJobStat], kafka: &mut KafkaSnapshot) {
    for j in jobs {
        let Some(name) = &j.group else { continue };
        if let Some(g) = kafka.groups.iter_mut().find(|g| &g.group == name) {
            g.kind = "stream".into();
            g.sink = Some(format!("stream:{}", j.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::groups::lag::Trend;
    use crate::sampler::snapshot::{PartitionStat, TopicStat};
    use crate::stream::engine::Checkpoint;
    use crate::stream::store::{Holder, SavedCheckpoint};

    fn topic(name: &str, highs: &[i64]) -> TopicStat {
        TopicStat {
            topic: name.into(),
            partitions: highs
                .iter()
                .enumerate()
                .map(|(i, h)| PartitionStat {
                    partition: i as i32,
                    low: 0,
                    high: *h,
                    records_per_sec: None,
                })
                .collect(),
            high_total: highs.iter().sum(),
            messages: highs.iter().sum(),
            records_per_sec: None,
            newest_ms: None,
            newest_at_most: false,
        }
    }

    fn group(name: &str, lag: i64) -> GroupStat {
        GroupStat {
            group: name.into(),
            state: "Empty".into(),
            members: None,
            kind: "other".into(),
            sink: None,
            topics: vec!["events".into()],
            lag: Some(lag),
            lag_from: crate::groups::lag::LagFrom::Committed,
            trend: Trend::Steady,
            time_behind_ms: Some(1500),
            records_per_sec: Some(40.0),
            partitions: Vec::new(),
        }
    }

    fn saved(job: &str, key: i64, group: &str, saved_at_ms: i64) -> SavedCheckpoint {
        SavedCheckpoint {
            job: job.into(),
            key,
            consumer_group: group.into(),
            topic: "events".into(),
            checkpoint: Checkpoint {
                offsets: BTreeMap::from([(0, 7), (1, 3)]),
                max_event_ms: BTreeMap::from([(0, 9_000), (1, 12_000)]),
                watermark_ms: Some(4_000),
                emitted_watermark_ms: Some(3_999),
            },
            saved_at_ms,
        }
    }

    #[test]
    fn a_running_job_shows_its_holder_checkpoint_and_groups_lag() {
        let runs = Runs {
            holders: vec![Holder {
                key: 11,
                application_name: Some("livedbctl stream run rev (pid 42 on box)".into()),
                backend_pid: 900,
                client: "127.0.0.1".into(),
                since_ms: Some(100_000),
            }],
            checkpoints: vec![
                saved("rev", 11, "custom", 50_000),
                // An older row of the same job under its default group: not shown.
                saved("rev", 11, "livedbctl-stream-rev", 10_000),
                saved("old", 12, "livedbctl-stream-old", 20_000),
            ],
        };
        let mut kafka = KafkaSnapshot {
            up: true,
            topics: vec![topic("events", &[10, 5])],
            groups: vec![group("custom", 4)],
            ..KafkaSnapshot::default()
        };
        let jobs = builtin(&runs, &kafka, &[], 160_000);
        assert_eq!(jobs.len(), 2, "{jobs:?}");
        let rev = &jobs[0];
        assert_eq!((rev.name.as_str(), rev.state.as_str()), ("rev", "running"));
        assert!(rev.running);
        assert_eq!(rev.engine, "builtin");
        assert_eq!(rev.group.as_deref(), Some("custom"));
        assert_eq!(rev.lag, Some(4), "the group's lag");
        assert_eq!(rev.events_per_sec, Some(40.0));
        assert_eq!(rev.duration_ms, Some(60_000));
        assert_eq!(rev.holder.as_ref().unwrap().backend_pid, 900);
        let cp = rev.checkpoint.as_ref().unwrap();
        assert_eq!(
            (cp.saved_at_ms, cp.watermark_ms, cp.max_event_ms),
            (50_000, Some(4_000), Some(12_000))
        );
        // Stopped, no group listed: the lag from its checkpoint against the watermarks.
        let old = &jobs[1];
        assert_eq!((old.state.as_str(), old.running), ("stopped", false));
        assert_eq!(old.lag, Some((10 - 7) + (5 - 3)));
        assert!(old.holder.is_none() && old.started_at_ms.is_none());

        claim_groups(&jobs, &mut kafka);
        assert_eq!(kafka.groups[0].kind, "stream");
        assert_eq!(kafka.groups[0].sink.as_deref(), Some("stream:rev"));
    }

    #[test]
    fn a_run_without_a_checkpoint_yet_is_shown_from_its_lock() {
        let runs = Runs {
            holders: vec![Holder {
                key: 5,
                application_name: Some("livedbctl stream run fresh (pid 1 on h)".into()),
                backend_pid: 1,
                client: "local".into(),
                since_ms: None,
            }],
            checkpoints: Vec::new(),
        };
        let jobs = builtin(&runs, &KafkaSnapshot::default(), &[], 0);
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].name, "fresh");
        assert!(jobs[0].running && jobs[0].checkpoint.is_none());
    }

    #[test]
    fn flink_jobs_carry_their_state_tasks_and_group() {
        let j = JobOverview {
            jid: "abc".into(),
            name: "rev".into(),
            state: "RUNNING".into(),
            start_time: 1_000,
            end_time: -1,
            duration: 5_000,
            tasks: BTreeMap::from([("total".into(), 3), ("running".into(), 3)]),
        };
        let kafka = KafkaSnapshot {
            groups: vec![group("livedbctl-flink-rev", 9)],
            ..KafkaSnapshot::default()
        };
        let jobs = flink(&[j], &kafka, &[]);
        let f = &jobs[0];
        assert_eq!((f.engine.as_str(), f.state.as_str()), ("flink", "RUNNING"));
        assert!(f.running);
        assert_eq!(f.lag, Some(9));
        assert_eq!(f.source_topic.as_deref(), Some("events"));
        assert_eq!((f.started_at_ms, f.duration_ms), (Some(1_000), Some(5_000)));
        let fl = f.flink.as_ref().unwrap();
        assert_eq!((fl.jid.as_str(), fl.end_time_ms), ("abc", None));
        assert_eq!(fl.tasks["total"], 3);
    }
}
