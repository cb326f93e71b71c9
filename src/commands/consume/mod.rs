//! `consume tail`: watch topics from the terminal.

pub mod tail;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ConsumeCommand {
    /// Print records of topics as they arrive (or a bounded range of them)
    Tail(tail::TailArgs),
}

pub async fn run(ctx: &Context, cmd: ConsumeCommand) -> Result<()> {
    match cmd {
        ConsumeCommand::Tail(a) => tail::run(ctx, &a).await,
    }
}
