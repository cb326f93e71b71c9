use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::kafka::admin::{self, TopicSummary};
use crate::output::{table, Report};

/// List topics: partitions, replication factor and messages kept (high - low watermark,
/// summed over partitions). Internal topics (`__consumer_offsets`, ...) only with --all.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Include internal topics (names starting with `__`)
    #[arg(short, long)]
    pub all: bool,
}

#[derive(Debug, Serialize)]
pub struct ListReport {
    pub topics: Vec<TopicSummary>,
}

impl Report for ListReport {
    fn human(&self) -> String {
        if self.topics.is_empty() {
            return "no topics".into();
        }
        let mut t = table(&["topic", "partitions", "replication", "messages"]);
        for s in &self.topics {
            let name = if s.internal {
                format!("{} (internal)", s.name)
            } else {
                s.name.clone()
            };
            t.add_row(vec![
                name,
                s.partitions.to_string(),
                s.replication_factor.to_string(),
                s.messages.to_string(),
            ]);
        }
        t.to_string()
    }
}

pub async fn run(ctx: &Context, args: &ListArgs) -> Result<()> {
    let s = ctx.settings()?;
    let topics = admin::list_topics(&s.kafka, args.all).await?;
    ctx.out.report(&ListReport { topics })
}
