use serde::Serialize;

use crate::commands::group::{lag_cell, ESTIMATE_NOTE};
use crate::context::Context;
use crate::error::Result;
use crate::groups::lag::LagFrom;
use crate::groups::ops::{self, GroupOverview};
use crate::output::{table, Report};

/// List consumer groups with their state, members (where the broker describes groups),
/// the topics they committed offsets for, and their total lag.
#[derive(Debug, clap::Args)]
pub struct ListArgs {}

#[derive(Debug, Serialize)]
pub struct ListReport {
    pub groups: Vec<GroupOverview>,
}

impl Report for ListReport {
    fn human(&self) -> String {
        if self.groups.is_empty() {
            return "no consumer groups".into();
        }
        let mut t = table(&["group", "state", "members", "topics", "lag"]);
        for g in &self.groups {
            t.add_row(vec![
                g.group.clone(),
                g.state.clone(),
                g.members
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "?".into()),
                g.topics.join(", "),
                lag_cell(g.lag, Some(g.lag_from)),
            ]);
        }
        let mut s = t.to_string();
        if self.groups.iter().any(|g| g.lag_from == LagFrom::Start) {
            s.push('\n');
            s.push_str(ESTIMATE_NOTE);
        }
        if self.groups.iter().any(|g| g.members.is_none()) {
            s.push_str("\nmembers ?: the broker does not describe groups (DescribeGroups)");
        }
        s
    }
}

pub async fn run(ctx: &Context, _args: &ListArgs) -> Result<()> {
    let s = ctx.settings()?;
    let groups = ops::list(&s.kafka).await?;
    ctx.out.report(&ListReport { groups })
}
