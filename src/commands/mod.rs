//! One folder per noun, one file per verb. Commands are thin: arguments -> domain call ->
//! report for the printer.

pub mod completions;
pub mod consume;
pub mod infra;
pub mod produce;
pub mod profile;
pub mod redis;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Infra(c) => infra::run(ctx, c).await,
        Command::Profile(c) => profile::run(ctx, c).await,
        Command::Consume(c) => consume::run(ctx, c).await,
        Command::Produce(c) => produce::run(ctx, c).await,
        Command::Redis(c) => redis::run(ctx, c).await,
        Command::Completions(a) => completions::run(ctx, &a),
    }
}
