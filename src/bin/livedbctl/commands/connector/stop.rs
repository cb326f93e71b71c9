use std::time::{Duration, Instant};

use crate::cdc::{liveness, state};
use crate::commands::connector::not_found;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Message;

/// Ask a running engine to stop, from any host. The request is written into the
/// connector's state row in PostgreSQL; the engine sees it within a second, finishes the
/// batch in flight, waits for Kafka's acknowledgements and advances the slot before
/// exiting. No process is signalled.
#[derive(Debug, clap::Args)]
pub struct StopArgs {
    pub name: String,
    /// How long to wait for the engine to exit
    #[arg(long, default_value = "60s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
    #[command(flatten)]
    pub target: super::Where,
}

pub async fn run(ctx: &Context, args: &StopArgs) -> Result<()> {
    if let Some(remote) = super::remote_client(ctx, &args.target)? {
        // Connect answers at once and stops the tasks later: the offsets move only once
        // it has, so wait for it.
        let status = remote
            .move_to(
                &args.name,
                crate::cdc::connect::TargetState::Stopped,
                args.timeout,
            )
            .await?;
        return ctx.out.report(&status);
    }
    let s = ctx.settings()?;
    let client = crate::pg::connect(&s.postgres).await?;
    let row = state::load(&client, &args.name)
        .await?
        .ok_or_else(|| not_found(&args.name))?;
    let slot = state::slot(&client, &row.slot).await?;
    if !liveness::is_running(&row, slot.as_ref()) {
        return ctx.out.report(&Message {
            message: format!("connector `{}` is not running", args.name),
        });
    }
    let host = row.engine_host.clone().unwrap_or_else(|| "?".into());
    if !state::request_stop(&client, &args.name).await? {
        return Err(not_found(&args.name));
    }
    let deadline = Instant::now() + args.timeout;
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let row = state::load(&client, &args.name).await?;
        if liveness::has_stopped(row.as_ref()) {
            return ctx.out.report(&Message {
                message: format!("connector `{}` (on host `{host}`) stopped", args.name),
            });
        }
    }
    Err(Error::runtime(format!(
        "connector `{}` (on host `{host}`) did not stop within {}",
        args.name,
        humantime::format_duration(args.timeout)
    ))
    .hint("an engine of an older livedbctl does not watch for stop requests: stop it with Ctrl-C or SIGTERM where it runs")
    .hint("a large transaction being read delays the stop until it is published; `--timeout` waits longer"))
}
