//! One folder per noun, one file per verb. Commands are thin: arguments -> domain call ->
//! report for the printer.

pub mod completions;
pub mod connector;
pub mod consume;
pub mod dashboard;
pub mod db;
pub mod demo;
mod errors;
pub mod group;
pub mod infra;
pub mod produce;
pub mod profile;
pub mod redis;
pub mod sampling;
pub mod seed;
pub mod stream;
pub mod top;
pub mod topic;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Result;

pub async fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Infra(c) => infra::run(ctx, c).await,
        Command::Profile(c) => profile::run(ctx, c).await,
        Command::Db(c) => db::run(ctx, c).await,
        Command::Seed(c) => seed::run(ctx, c).await,
        Command::Produce(c) => produce::run(ctx, c).await,
        Command::Demo(a) => demo::run(ctx, &a).await,
        Command::Connector(c) => connector::run(ctx, c).await,
        Command::Redis(c) => redis::run(ctx, c).await,
        Command::Topic(c) => topic::run(ctx, c).await,
        Command::Consume(c) => consume::run(ctx, c).await,
        Command::Group(c) => group::run(ctx, c).await,
        Command::Dashboard(a) => dashboard::run(ctx, &a).await,
        Command::Top(a) => top::run(ctx, &a).await,
        Command::Stream(c) => stream::run(ctx, c).await,
        Command::Completions(a) => completions::run(ctx, &a),
    }
}
