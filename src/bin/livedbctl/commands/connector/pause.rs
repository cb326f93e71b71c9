use std::time::Duration;

use crate::cdc::connect::TargetState;
use crate::commands::connector::require_remote;
use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct PauseArgs {
    pub name: String,
    /// How long to wait until the connector and its tasks are PAUSED
    #[arg(long, default_value = "60s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
}

/// Connect answers at once and moves the connector later: the command returns when it got
/// there, so what follows (status, offsets, restart) sees it paused.
pub async fn run(ctx: &Context, args: &PauseArgs) -> Result<()> {
    let client = require_remote(ctx)?;
    let status = client
        .move_to(&args.name, TargetState::Paused, args.timeout)
        .await?;
    ctx.out.report(&status)
}
