use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::groups::ops;
use crate::output::Report;

/// Delete a consumer group and its committed offsets (DeleteGroups). Kafka refuses while
/// the group has members; livedbctl checks first, shows the group and asks (--yes in scripts).
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// The consumer group
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct DeleteReport {
    pub group: String,
    pub deleted: bool,
    /// The lag the group had, for the record.
    pub lag: Option<i64>,
    pub topics: Vec<String>,
}

impl Report for DeleteReport {
    fn human(&self) -> String {
        format!("deleted group {}", self.group)
    }
}

pub async fn run(ctx: &Context, args: &DeleteArgs) -> Result<()> {
    let s = ctx.settings()?;
    let d = ops::describe(&s.kafka, &args.name).await?;
    let quiet = ops::check_quiet(&s.kafka, &args.name).await?;
    if !quiet.members_checked {
        ctx.out.warn(format!(
            "the broker cannot tell whether group `{}` has active members; make sure none of its consumers runs",
            args.name
        ));
    }
    let mut topics: Vec<String> = d.partitions.iter().map(|p| p.topic.clone()).collect();
    topics.dedup();
    ctx.out.info(format!(
        "will delete group {} on {} (committed offsets on {} partition(s) of {}; lag {})",
        args.name,
        s.kafka.bootstrap(),
        d.partitions
            .iter()
            .filter(|p| p.committed.is_some())
            .count(),
        if topics.is_empty() {
            "-".to_string()
        } else {
            topics.join(", ")
        },
        d.lag.map(|l| l.to_string()).unwrap_or_else(|| "-".into())
    ));
    ctx.out
        .confirm(&format!("delete consumer group {}?", args.name), ctx.yes)?;
    ops::delete(&s.kafka, &args.name).await?;
    ctx.out.report(&DeleteReport {
        group: args.name.clone(),
        deleted: true,
        lag: d.lag,
        topics,
    })
}
