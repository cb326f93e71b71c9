//! Hints for stream jobs: job files, plans, Flink, sinks, replays.

use super::one;
use crate::stream::flink::{runner::RunnerError, FlinkError};
use crate::stream::job::JobError;
use crate::stream::replay::ReplayError;
use crate::stream::sink::SinkError;
use crate::stream::sql::PlanError;
use crate::stream::StreamError;

pub fn stream(e: &StreamError) -> Vec<String> {
    match e {
        StreamError::Job(e) => job(e),
        StreamError::Plan(e) => plan(e),
        StreamError::Flink(e) => flink(e),
        StreamError::Sink(e) => sink(e),
        StreamError::Replay(e) => replay(e),
        StreamError::AlreadyRunning { database, .. } => one(format!(
            "one run per job: stop the other one first (its lock is a PostgreSQL advisory lock in database {database}, released when it ends)"
        )),
        StreamError::StateFull { .. } => state_full(true),
        StreamError::BadCheckpoint { .. } => one(format!(
            "delete its row from {} to start the group over from the beginning of the topic (or pass -g/--group NEW)",
            crate::stream::store::TABLE
        )),
    }
}

pub fn job(e: &JobError) -> Vec<String> {
    match e {
        JobError::Read { .. } => one("pass the path of a stream job file (YAML)"),
        JobError::Invalid { .. } => {
            one("the job file format is in docs/stream.md, section `The job file`")
        }
    }
}

pub fn plan(e: &PlanError) -> Vec<String> {
    one(match e {
        PlanError::NoRecordTimestamp => {
            "name a time field with source.time to read events from a file"
        }
        PlanError::NothingToRun(_) => "add a postgres or kafka sink; `stream run` writes Redis",
    })
}

pub fn flink(e: &FlinkError) -> Vec<String> {
    match e {
        FlinkError::Unreachable { service, .. } if *service == "Flink SQL Gateway" => {
            one("check flink.sql_gateway_url in the profile; is the gateway running?")
        }
        FlinkError::Unreachable { .. } => one(
            "check flink.url in the profile (or FLINK_URL); is the JobManager running? (`livedbctl infra up` starts a local one when infra.services lists flink)",
        ),
        FlinkError::NoSuchJob(_) => one("`livedbctl stream list` shows the cluster's jobs"),
        FlinkError::Refused { status: 404, .. } => Vec::new(),
        FlinkError::Runner(RunnerError::NoFlinkHome | RunnerError::NoFlinkJars(_)) => one(
            "set FLINK_HOME or flink.home to a Flink distribution (scripts/flink.sh fetches one), or give --runner-jar",
        ),
        FlinkError::Runner(RunnerError::NoJdk(_)) => {
            one("install a JDK (Debian: openjdk-17-jdk-headless)")
        }
        FlinkError::Failed { .. } | FlinkError::Refused { .. } => {
            one("the statements are printed by `livedbctl stream plan JOB`")
        }
        _ => Vec::new(),
    }
}

pub fn sink(e: &SinkError) -> Vec<String> {
    match e {
        // Opening a sink becomes the connection's own error (`From<SinkError>`), whose
        // source answers for itself.
        SinkError::Open { .. } => Vec::new(),
        SinkError::TableMismatch { .. } => {
            one("a changed job needs a new table: change postgres.table, or drop the old table")
        }
        _ => Vec::new(),
    }
}

pub fn replay(e: &ReplayError) -> Vec<String> {
    match e {
        ReplayError::Sink(s) => sink(s),
        ReplayError::NoRecordTimestamp => one("name a time field with source.time"),
        ReplayError::StateFull { .. } => state_full(false),
        _ => Vec::new(),
    }
}

/// Open windows × groups beyond `limits.open_panes`: the cap guards memory, so raising it
/// is the operator's call; nothing was committed past the last checkpoint.
fn state_full(run: bool) -> Vec<String> {
    let mut hints = vec![
        "raise it in the job file, e.g. `limits: {open_panes: 5000000}` (each takes a few hundred bytes, more with count_distinct), or hold fewer: fewer group_by values, shorter windows or hop windows with a larger `every`, a smaller watermark_delay or allowed_lateness".to_string(),
    ];
    if run {
        hints.push(
            "nothing was lost: the checkpoint was not moved past the event, and the next run resumes from it".into(),
        );
    }
    hints
}
