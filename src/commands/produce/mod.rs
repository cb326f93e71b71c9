pub mod poll;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ProduceCommand {
    /// Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets
    Poll(poll::PollArgs),
}

pub async fn run(ctx: &Context, cmd: ProduceCommand) -> Result<()> {
    match cmd {
        ProduceCommand::Poll(a) => poll::run(ctx, &a).await,
    }
}
