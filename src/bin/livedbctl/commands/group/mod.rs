//! `group list | describe | seek | delete`: Kafka consumer groups as `rpk group` and
//! `kafka-consumer-groups --describe` show them, with the lag numbers the dashboard shows.

pub mod delete;
pub mod describe;
pub mod list;
pub mod seek;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// List consumer groups: state, members (where the broker tells), topics, total lag
    List(list::ListArgs),
    /// One group per partition: committed offset, high watermark, lag, time behind; its members
    Describe(describe::DescribeArgs),
    /// Move a group's committed offsets (only while it has no active members; asks first)
    Seek(seek::SeekArgs),
    /// Delete a group and its committed offsets (asks first)
    Delete(delete::DeleteArgs),
}

pub async fn run(ctx: &Context, cmd: GroupCommand) -> Result<()> {
    match cmd {
        GroupCommand::List(a) => list::run(ctx, &a).await,
        GroupCommand::Describe(a) => describe::run(ctx, &a).await,
        GroupCommand::Seek(a) => seek::run(ctx, &a).await,
        GroupCommand::Delete(a) => delete::run(ctx, &a).await,
    }
}

pub use crate::present::duration_ms as behind;
pub use crate::present::{lag_cell, ESTIMATE_NOTE};
