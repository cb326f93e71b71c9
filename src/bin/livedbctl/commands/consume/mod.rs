//! `consume tail` watches topics from the terminal; `sink`, `aggregate` and `route` are the
//! seed systems' downstream consumers, run as consumer groups.

pub mod aggregate;
pub mod group_args;
pub mod route;
pub mod sink;
pub mod tail;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ConsumeCommand {
    /// Print records of topics as they arrive (or a bounded range of them)
    Tail(tail::TailArgs),
    /// Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction
    Sink(Box<sink::SinkArgs>),
    /// Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold
    Aggregate(Box<aggregate::AggregateArgs>),
    /// Forward each event to a topic named from its fields, with a rule-based command side channel
    Route(Box<route::RouteArgs>),
}

pub async fn run(ctx: &Context, cmd: ConsumeCommand) -> Result<()> {
    match cmd {
        ConsumeCommand::Tail(a) => tail::run(ctx, &a).await,
        ConsumeCommand::Sink(a) => sink::run(ctx, &a).await,
        ConsumeCommand::Aggregate(a) => aggregate::run(ctx, &a).await,
        ConsumeCommand::Route(a) => route::run(ctx, &a).await,
    }
}
