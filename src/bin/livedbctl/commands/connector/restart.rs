use std::time::Duration;

use crate::commands::connector::require_remote;
use crate::context::Context;
use crate::error::Result;

/// Restart a Kafka Connect connector (and with --include-tasks its tasks).
#[derive(Debug, clap::Args)]
pub struct RestartArgs {
    pub name: String,
    /// Restart the tasks too
    #[arg(long)]
    pub include_tasks: bool,
    /// Only what has FAILED
    #[arg(long)]
    pub only_failed: bool,
    /// After the restart, wait until the connector and all tasks are RUNNING
    #[arg(long)]
    pub wait: bool,
    #[arg(long, default_value = "120s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
}

pub async fn run(ctx: &Context, args: &RestartArgs) -> Result<()> {
    let client = require_remote(ctx)?;
    client
        .restart(&args.name, args.include_tasks, args.only_failed)
        .await?;
    let status = if args.wait {
        client
            .wait_running(&args.name, args.timeout, Duration::from_millis(500))
            .await?
    } else {
        client.status(&args.name).await?
    };
    ctx.out.report(&status)
}
