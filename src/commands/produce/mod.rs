pub mod send;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ProduceCommand {
    /// Publish JSON lines from stdin or a file, keyed by a field, with a delivery summary
    Send(send::SendArgs),
}

pub async fn run(ctx: &Context, cmd: ProduceCommand) -> Result<()> {
    match cmd {
        ProduceCommand::Send(a) => send::run(ctx, &a).await,
    }
}
