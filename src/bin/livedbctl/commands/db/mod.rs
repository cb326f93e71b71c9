pub mod migrate;
pub mod replication;
pub mod status;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Apply the versioned SQL schema (idempotent, each migration in a transaction)
    Migrate(migrate::MigrateArgs),
    /// Show applied and pending migrations, row counts, the producer's offset and lag
    Status(status::StatusArgs),
    /// Check or prepare the database for change data capture
    #[command(subcommand)]
    Replication(replication::ReplicationCommand),
}

pub async fn run(ctx: &Context, cmd: DbCommand) -> Result<()> {
    match cmd {
        DbCommand::Migrate(a) => migrate::run(ctx, &a).await,
        DbCommand::Status(a) => status::run(ctx, &a).await,
        DbCommand::Replication(c) => replication::run(ctx, c).await,
    }
}
