use crate::commands::group::{behind, lag_cell, ESTIMATE_NOTE};
use crate::context::Context;
use crate::error::Result;
use crate::groups::lag::LagFrom;
use crate::groups::ops::{self, GroupDescription};
use crate::output::{opt, table, Report};

/// Show one group per partition: committed offset, high watermark, lag, and how far behind
/// in time (the age of the record at the committed offset); and its members.
#[derive(Debug, clap::Args)]
pub struct DescribeArgs {
    /// The consumer group
    pub name: String,
}

impl Report for GroupDescription {
    fn human(&self) -> String {
        let mut s = format!(
            "group {}  state {}  lag {}  behind {}\n",
            self.group,
            self.state,
            lag_cell(self.lag, Some(self.lag_from)),
            behind(self.time_behind_ms)
        );
        let mut t = table(&["topic", "partition", "committed", "high", "lag", "behind"]);
        for p in &self.partitions {
            t.add_row(vec![
                p.topic.clone(),
                p.partition.to_string(),
                opt(&p.committed),
                p.high.to_string(),
                lag_cell(p.lag, p.lag_from),
                behind(p.time_behind_ms),
            ]);
        }
        s.push_str(&t.to_string());
        if self.lag_from == LagFrom::Start {
            s.push('\n');
            s.push_str(ESTIMATE_NOTE);
        }
        match &self.members {
            Some(m) if m.is_empty() => s.push_str("\nno active members"),
            Some(m) => {
                let mut t = table(&["member", "client", "host", "assigned"]);
                for x in m {
                    t.add_row(vec![
                        x.member_id.clone(),
                        x.client_id.clone(),
                        x.host.clone(),
                        x.assignment
                            .iter()
                            .map(|a| {
                                format!(
                                    "{}[{}]",
                                    a.topic,
                                    a.partitions
                                        .iter()
                                        .map(|p| p.to_string())
                                        .collect::<Vec<_>>()
                                        .join(",")
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" "),
                    ]);
                }
                s.push('\n');
                s.push_str(&t.to_string());
            }
            None => s.push_str(&format!(
                "\nmembers unknown: {}",
                self.members_error
                    .as_deref()
                    .unwrap_or("the broker did not describe the group")
            )),
        }
        s
    }
}

pub async fn run(ctx: &Context, args: &DescribeArgs) -> Result<()> {
    let s = ctx.settings()?;
    let d = ops::describe(&s.kafka, &args.name).await?;
    ctx.out.report(&d)
}
