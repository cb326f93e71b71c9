pub mod check;
pub mod setup;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ReplicationCommand {
    /// Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure
    Check(check::CheckArgs),
    /// Create the replication role, grants, publication and replica identity (after confirmation)
    Setup(setup::SetupArgs),
}

pub async fn run(ctx: &Context, cmd: ReplicationCommand) -> Result<()> {
    match cmd {
        ReplicationCommand::Check(a) => check::run(ctx, &a).await,
        ReplicationCommand::Setup(a) => setup::run(ctx, &a).await,
    }
}
