//! `db ...`: database-side work. (`db migrate | status` live beside this on another branch.)

pub mod replication;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Check or prepare the database for change data capture
    #[command(subcommand)]
    Replication(replication::ReplicationCommand),
}

pub async fn run(ctx: &Context, cmd: DbCommand) -> Result<()> {
    match cmd {
        DbCommand::Replication(c) => replication::run(ctx, c).await,
    }
}
