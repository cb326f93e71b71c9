use std::path::PathBuf;
use std::time::Duration;

use crate::commands::stream::{load_job, targets};
use crate::context::Context;
use crate::error::Result;
use crate::output::Report;
use crate::stream::flink::submit::{self, Route, RunnerJar, Submitted};
use crate::stream::job::SinkSpec;
use crate::stream::sink::{postgres::PostgresSink, Schema};
use crate::stream::sql;

/// Send a job's SQL to Flink: through the SQL Gateway when the profile names one
/// (flink.sql_gateway_url), else by uploading livedbctl's SQL runner (built with javac
/// against FLINK_HOME/flink.home, once) to flink.url and running it with the statements.
/// A PostgreSQL sink's table is created first.
#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// The job file (YAML)
    pub job: PathBuf,
    /// Read the events from this file (on the Flink machine) instead of Kafka; a directory
    /// is watched for new files and the job keeps running
    #[arg(long, value_name = "FILE")]
    pub source_file: Option<PathBuf>,
    /// Write every sink as JSON lines under this directory (on the Flink machine) instead
    #[arg(long, value_name = "DIR")]
    pub sink_dir: Option<PathBuf>,
    /// Use this SQL runner jar instead of building one
    #[arg(long, value_name = "JAR")]
    pub runner_jar: Option<PathBuf>,
    /// How long to wait for each statement (gateway) or the submission
    #[arg(long, default_value = "120s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
}

struct Shown(Submitted);

impl serde::Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Report for Shown {
    fn human(&self) -> String {
        let s = &self.0;
        format!(
            "submitted {} to {} through the {}: job id {}",
            s.job,
            s.url,
            if s.via == "sql-gateway" {
                "SQL Gateway"
            } else {
                "SQL runner"
            },
            s.job_id.as_deref().unwrap_or("(not reported)")
        )
    }
}

pub async fn run(ctx: &Context, args: &SubmitArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let job = load_job(&args.job)?;
    let t = targets(
        settings,
        false,
        args.source_file.as_ref(),
        args.sink_dir.as_ref(),
    )?;
    let plan = sql::plan(&job, &t)?;
    for u in &plan.unsupported_sinks {
        ctx.out.warn(format!("{}: {}", u.sink, u.reason));
    }
    if args.sink_dir.is_none() {
        // Flink's jdbc sink writes into an existing table.
        for sink in &job.sinks {
            if let SinkSpec::Postgres { table } = sink {
                PostgresSink::open(&settings.postgres, table, &Schema::of(&job)).await?;
            }
        }
    }
    let f = &settings.flink;
    let route = match &f.sql_gateway_url {
        Some(url) => Route::Gateway { url: url.clone() },
        None => Route::Runner {
            rest_url: f.url.clone(),
            jar: match args.runner_jar.clone().or_else(|| f.runner_jar.clone()) {
                Some(p) => RunnerJar::Prebuilt(p),
                None => RunnerJar::Build {
                    flink_home: f.home.clone(),
                    cache_dir: settings.infra.state_dir.join("flink"),
                },
            },
        },
    };
    let step = ctx.out.step(format!("submitting {} to Flink", job.name));
    match submit::submit(&plan, &route, args.timeout).await {
        Ok(done) => {
            step.done("ok");
            ctx.out.report(&Shown(done))
        }
        Err(e) => {
            step.fail("(see below)");
            Err(e.into())
        }
    }
}
