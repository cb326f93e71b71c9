use std::time::{Duration, Instant};

use crate::cdc::{engine, liveness, state};
use crate::commands::connector::not_found;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Message;

/// Ask a running engine to stop. It finishes the batch in flight, waits for Kafka's
/// acknowledgements and advances the slot before exiting. Works for engines on this host.
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
        remote.put_state(&args.name, "stop").await?;
        return ctx.out.report(&Message {
            message: format!("connector `{}`: stop requested on Kafka Connect", args.name),
        });
    }
    let s = ctx.settings()?;
    let client = crate::pg::connect(&s.postgres).await?;
    let row = state::load(&client, &args.name)
        .await?
        .ok_or_else(|| not_found(&args.name))?;
    let slot = state::slot(&client, &row.slot).await?;
    let running = liveness::is_running(&row, slot.as_ref());
    let (Some(pid), Some(host), true) = (row.engine_pid, row.engine_host.clone(), running) else {
        return ctx.out.report(&Message {
            message: format!("connector `{}` is not running", args.name),
        });
    };
    if host != engine::hostname() {
        return Err(Error::runtime(format!(
            "connector `{}` runs on host `{host}` (pid {pid}), not here",
            args.name
        ))
        .hint("stop it there (Ctrl-C, or `livedbctl connector stop` on that host)"));
    }
    signal_term(pid)?;
    let deadline = Instant::now() + args.timeout;
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let row = state::load(&client, &args.name).await?;
        if liveness::has_stopped(row.as_ref()) {
            return ctx.out.report(&Message {
                message: format!("connector `{}` stopped", args.name),
            });
        }
    }
    Err(Error::runtime(format!(
        "connector `{}` (pid {pid}) did not stop within {}",
        args.name,
        humantime::format_duration(args.timeout)
    )))
}

#[cfg(unix)]
fn signal_term(pid: i32) -> Result<()> {
    crate::infra::process::send_signal(pid as u32, nix::sys::signal::Signal::SIGTERM)
        .map_err(|e| Error::runtime(format!("cannot signal pid {pid}: {e}")))
}

#[cfg(not(unix))]
fn signal_term(pid: i32) -> Result<()> {
    Err(Error::runtime(format!("stopping pid {pid} from another process is not supported here; press Ctrl-C in its terminal")))
}
