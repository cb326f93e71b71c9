//! `connector start | list | status | stop | delete`: the built-in capture engine and its
//! state.

pub mod apply;
pub mod delete;
pub mod graduate;
pub mod list;
pub mod offsets;
pub mod pause;
pub mod remote;
pub mod restart;
pub mod resume;
pub mod start;
pub mod status;
pub mod stop;

use clap::Subcommand;

use crate::cdc::connect::ConnectClient;
pub use crate::cdc::view::{view, ConnectorView, DEFAULT_LAG_WARN_BYTES};
use crate::context::Context;
use crate::error::{Error, Result};

#[derive(Debug, Subcommand)]
pub enum ConnectorCommand {
    /// Capture changes of tables into Kafka (Debezium-compatible events), in the foreground
    Start(Box<start::StartArgs>),
    /// List connectors with state, slot position and lag
    List(list::ListArgs),
    /// Show one connector: state, tables, topics, slot, lag
    Status(status::StatusArgs),
    /// Ask a running engine to stop (after acknowledging what is in flight)
    Stop(stop::StopArgs),
    /// Delete a connector: drop its slot (and the publication it created)
    Delete(delete::DeleteArgs),
    /// Create or update a Kafka Connect connector from a JSON/YAML file (remote)
    Apply(apply::ApplyArgs),
    /// Restart a Kafka Connect connector, optionally its (failed) tasks (remote)
    Restart(restart::RestartArgs),
    /// Pause a Kafka Connect connector (remote)
    Pause(pause::PauseArgs),
    /// Resume a paused Kafka Connect connector (remote)
    Resume(resume::ResumeArgs),
    /// Show a connector's position (Connect's offsets shape); move a stopped remote one
    Offsets(offsets::OffsetsArgs),
    /// Move a connector between the built-in engine and Kafka Connect without loss
    Graduate(graduate::GraduateArgs),
}

pub async fn run(ctx: &Context, cmd: ConnectorCommand) -> Result<()> {
    match cmd {
        ConnectorCommand::Start(a) => start::run(ctx, &a).await,
        ConnectorCommand::List(a) => list::run(ctx, &a).await,
        ConnectorCommand::Status(a) => status::run(ctx, &a).await,
        ConnectorCommand::Stop(a) => stop::run(ctx, &a).await,
        ConnectorCommand::Delete(a) => delete::run(ctx, &a).await,
        ConnectorCommand::Apply(a) => apply::run(ctx, &a).await,
        ConnectorCommand::Restart(a) => restart::run(ctx, &a).await,
        ConnectorCommand::Pause(a) => pause::run(ctx, &a).await,
        ConnectorCommand::Resume(a) => resume::run(ctx, &a).await,
        ConnectorCommand::Offsets(a) => offsets::run(ctx, &a).await,
        ConnectorCommand::Graduate(a) => graduate::run(ctx, &a).await,
    }
}

pub fn lag_warning_text(v: &ConnectorView) -> String {
    format!(
        "slot `{}` of connector `{}` holds {} of WAL not yet delivered: start the connector (`livedbctl connector start {}`) or delete it (`livedbctl connector delete {}`) before the disk fills",
        v.slot,
        v.name,
        human_bytes(v.slot_lag_bytes.unwrap_or(0)),
        v.name,
        v.name
    )
}

pub use crate::present::bytes as human_bytes;

pub fn not_found(name: &str) -> Error {
    crate::cdc::CdcError::NoConnector(name.to_string()).into()
}

/// Built-in engine or Kafka Connect.
#[derive(Debug, Clone, clap::Args)]
pub struct Where {
    /// Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine
    #[arg(long)]
    pub remote: bool,
    /// Use the built-in engine even when the profile names a Kafka Connect URL
    #[arg(long, conflicts_with = "remote")]
    pub builtin: bool,
}

/// The Kafka Connect client when the command targets Kafka Connect: `--remote`, or a
/// profile with connect.url (unless `--builtin`).
pub fn remote_client(ctx: &Context, w: &Where) -> Result<Option<ConnectClient>> {
    if w.builtin {
        return Ok(None);
    }
    let s = ctx.settings()?;
    match (&s.connect, w.remote) {
        (Some(c), _) => Ok(Some(ConnectClient::new(&c.url)?)),
        (None, true) => Err(no_connect_url()),
        (None, false) => Ok(None),
    }
}

pub fn no_connect_url() -> Error {
    Error::config("no Kafka Connect URL in the profile")
        .hint("set connect.url in the profile (e.g. http://127.0.0.1:8083) or CONNECT_URL")
}

pub fn require_remote(ctx: &Context) -> Result<ConnectClient> {
    let s = ctx.settings()?;
    match &s.connect {
        Some(c) => ConnectClient::new(&c.url),
        None => Err(no_connect_url()
            .hint("apply, restart, pause and resume manage Kafka Connect connectors only")),
    }
}
