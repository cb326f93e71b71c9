use std::time::Duration;

use serde::Serialize;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Report;
use crate::stream::flink::rest::FlinkRest;

/// Cancel a Flink job by name or id; with --savepoint, stop it with a savepoint into DIR
/// (a path the cluster can write, e.g. file:///savepoints) and print its location.
#[derive(Debug, clap::Args)]
pub struct CancelArgs {
    /// Job name or Flink job id
    pub name: String,
    /// Stop with a savepoint into this directory instead of cancelling
    #[arg(long, value_name = "DIR")]
    pub savepoint: Option<String>,
    /// How long to wait for the job to stop
    #[arg(long, default_value = "120s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
}

#[derive(Debug, Serialize)]
pub struct Cancelled {
    pub job: String,
    pub job_id: String,
    /// The state it ended in: CANCELED, or FINISHED after a stop with savepoint.
    pub state: String,
    pub savepoint: Option<String>,
}

impl Report for Cancelled {
    fn human(&self) -> String {
        match &self.savepoint {
            Some(p) => format!(
                "{} ({}) stopped: {}; savepoint at {p}",
                self.job, self.job_id, self.state
            ),
            None => format!("{} ({}): {}", self.job, self.job_id, self.state),
        }
    }
}

pub async fn run(ctx: &Context, args: &CancelArgs) -> Result<()> {
    let s = ctx.settings()?;
    let flink = FlinkRest::new(&s.flink.url);
    let job = flink.find(&args.name).await?;
    if !job.is_active() {
        return Err(Error::usage(format!(
            "job `{}` ({}) is already {}",
            job.name, job.jid, job.state
        ))
        .hint("`livedbctl stream list` shows the cluster's jobs"));
    }
    let savepoint = match &args.savepoint {
        Some(dir) => Some(
            flink
                .stop_with_savepoint(&job.jid, dir, args.timeout)
                .await?,
        ),
        None => {
            flink.cancel(&job.jid).await?;
            None
        }
    };
    let state = flink.wait_terminal(&job.jid, args.timeout).await?;
    ctx.out.report(&Cancelled {
        job: job.name,
        job_id: job.jid,
        state,
        savepoint,
    })
}
