pub mod poll;
pub mod send;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ProduceCommand {
    /// Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets
    Poll(poll::PollArgs),
    /// Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary
    Send(send::SendArgs),
}

pub async fn run(ctx: &Context, cmd: ProduceCommand) -> Result<()> {
    match cmd {
        ProduceCommand::Poll(a) => poll::run(ctx, &a).await,
        ProduceCommand::Send(a) => send::run(ctx, &a).await,
    }
}
