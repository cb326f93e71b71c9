//! `stream plan | eval | run | submit | list | status | cancel`: stream jobs, checked and
//! translated to Flink SQL, tried on recorded events, run in this process on Kafka, and
//! managed on a Flink cluster.

pub mod cancel;
pub mod eval;
pub mod list;
pub mod plan;
pub mod run;
pub mod status;
pub mod submit;

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde_json::{Map, Value};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::stream::engine::WindowResult;
use crate::stream::job::{self, Job};
use crate::stream::sink::{kind_name, row_json, Schema};
use crate::stream::sql::{JdbcTarget, Targets};

#[derive(Debug, Subcommand)]
pub enum StreamCommand {
    /// Check a job file and print the equivalent Flink SQL
    Plan(plan::PlanArgs),
    /// Run a job's windows over a file of JSON events and print the results (no Kafka)
    Eval(eval::EvalArgs),
    /// Run a job in this process: a Kafka consumer group, results to the job's sinks
    Run(run::RunArgs),
    /// Send a job's SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)
    Submit(submit::SubmitArgs),
    /// List the jobs on the Flink cluster
    List(list::ListArgs),
    /// Show one Flink job: state, times, operators and their record counts
    Status(status::StatusArgs),
    /// Cancel a Flink job, or stop it with a savepoint
    Cancel(cancel::CancelArgs),
}

pub async fn run(ctx: &Context, cmd: StreamCommand) -> Result<()> {
    match cmd {
        StreamCommand::Plan(a) => plan::run(ctx, &a).await,
        StreamCommand::Eval(a) => eval::run(ctx, &a).await,
        StreamCommand::Run(a) => run::run(ctx, &a).await,
        StreamCommand::Submit(a) => submit::run(ctx, &a).await,
        StreamCommand::List(a) => list::run(ctx, &a).await,
        StreamCommand::Status(a) => status::run(ctx, &a).await,
        StreamCommand::Cancel(a) => cancel::run(ctx, &a).await,
    }
}

/// Load a job file, every problem in the error.
pub fn load_job(path: &Path) -> Result<Job> {
    Ok(job::load(path)?)
}

/// Where the statements point: the profile's Kafka and PostgreSQL, or files.
pub fn targets(
    s: &Settings,
    redact: bool,
    source_file: Option<&PathBuf>,
    sink_dir: Option<&PathBuf>,
) -> Result<Targets> {
    let absolute = |p: &PathBuf| -> Result<String> {
        let abs = if p.is_absolute() {
            p.clone()
        } else {
            std::env::current_dir()
                .map_err(|e| Error::runtime(format!("cannot read the current directory: {e}")))?
                .join(p)
        };
        Ok(abs.display().to_string())
    };
    let pg = &s.postgres;
    let url = pg.jdbc_url();
    Ok(Targets {
        kafka_bootstrap: s.kafka.bootstrap(),
        kafka_properties: s.kafka.properties.clone(),
        postgres: Some(JdbcTarget {
            url,
            user: pg.user.clone(),
            password: pg.password.clone(),
        }),
        source_file: source_file.map(absolute).transpose()?,
        source_is_dir: source_file.is_some_and(|p| p.is_dir()),
        sink_dir: sink_dir.map(absolute).transpose()?,
        redact,
    })
}

/// Milliseconds since 1970 as `2026-11-22 04:21:40` (UTC), or `-`.
pub fn show_time(ms: i64) -> String {
    if ms <= 0 {
        return "-".into();
    }
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| "-".into())
}

/// A result as a JSON record: `{"type":"result", kind, window_start, window_end, <groups>,
/// <aggregates>}` (the Kafka sink's row with its kind).
pub fn result_row(schema: &Schema, r: &WindowResult) -> Map<String, Value> {
    let mut row = Map::new();
    row.insert("type".into(), Value::String("result".into()));
    row.insert("kind".into(), Value::String(kind_name(r.kind).into()));
    row.extend(row_json(schema, r));
    row
}

/// A result as one human line: `final  04:21:00..04:22:00  region=us-east  orders=3 ...`.
pub fn result_line(schema: &Schema, r: &WindowResult) -> String {
    let row = row_json(schema, r);
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => "-".into(),
        Some(v) => v.to_string(),
    };
    let mut out = format!(
        "{:<7} {} .. {}",
        kind_name(r.kind),
        show_time(r.window.start_ms),
        show_time(r.window.end_ms)
    );
    for g in &schema.groups {
        out.push_str(&format!("  {g}={}", text(row.get(g))));
    }
    for (name, _) in &schema.aggregates {
        out.push_str(&format!("  {name}={}", text(row.get(name))));
    }
    out
}
