pub mod dump;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum RedisCommand {
    /// Every key with its type, TTL and value (first N items per collection), without blocking the server
    Dump(dump::DumpArgs),
}

pub async fn run(ctx: &Context, cmd: RedisCommand) -> Result<()> {
    match cmd {
        RedisCommand::Dump(a) => dump::run(ctx, &a).await,
    }
}
