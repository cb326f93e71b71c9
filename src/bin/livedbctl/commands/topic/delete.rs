use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::kafka::admin::{self, TopicSummary};
use crate::output::{table, Report};

/// Delete topics and every message in them. Shows what will be deleted and asks first;
/// --yes skips the question (required without a terminal).
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Topics to delete
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct DeleteReport {
    pub deleted: Vec<TopicSummary>,
    /// Topics not asked for that disappeared too (a broker bug; see `topic delete` in SOP.md).
    pub also_removed: Vec<String>,
}

impl Report for DeleteReport {
    fn human(&self) -> String {
        self.deleted
            .iter()
            .map(|t| {
                format!(
                    "deleted topic {} ({} partitions, {} messages)",
                    t.name, t.partitions, t.messages
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub async fn run(ctx: &Context, args: &DeleteArgs) -> Result<()> {
    let s = ctx.settings()?;
    let mut names = args.names.clone();
    names.dedup();
    let doomed = admin::topics_to_delete(&s.kafka, &names).await?;
    let mut t = table(&["topic", "partitions", "messages"]);
    for d in &doomed {
        t.add_row(vec![
            d.name.clone(),
            d.partitions.to_string(),
            d.messages.to_string(),
        ]);
    }
    ctx.out
        .info(format!("will delete from {}:\n{t}", s.kafka.bootstrap()));
    let total: i64 = doomed.iter().map(|d| d.messages).sum();
    ctx.out.confirm(
        &format!(
            "delete {} topic(s) and their {total} messages?",
            doomed.len()
        ),
        ctx.yes,
    )?;
    let also_removed = admin::delete_topics(&s.kafka, &names).await?;
    if !also_removed.is_empty() {
        ctx.out.warn(format!(
            "the broker also removed topics that were not asked for: {} (tansu 0.6 deletes every topic on DeleteTopics)",
            also_removed.join(", ")
        ));
    }
    ctx.out.report(&DeleteReport {
        deleted: doomed,
        also_removed,
    })
}
