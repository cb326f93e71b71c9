use crate::context::Context;
use crate::error::Result;
use crate::kafka::admin::{self, TopicDescription};
use crate::output::{opt, table, Report};

/// Show a topic: each partition's leader, replicas, in-sync replicas and low/high offsets,
/// then the topic's configs as the broker reports them (defaults marked).
#[derive(Debug, clap::Args)]
pub struct DescribeArgs {
    /// Topic to describe
    pub name: String,
}

impl Report for TopicDescription {
    fn human(&self) -> String {
        let mut out = format!(
            "topic {}: {} partitions, replication {}, {} messages\n",
            self.name,
            self.partitions.len(),
            self.replication_factor,
            self.messages
        );
        let mut t = table(&[
            "partition",
            "leader",
            "replicas",
            "isr",
            "low",
            "high",
            "messages",
        ]);
        let ids = |v: &[i32]| {
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        for p in &self.partitions {
            t.add_row(vec![
                p.partition.to_string(),
                p.leader.to_string(),
                ids(&p.replicas),
                ids(&p.isr),
                p.low.to_string(),
                p.high.to_string(),
                p.messages.to_string(),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
        if let Some(e) = &self.configs_error {
            out.push_str(&format!("configs: not available ({e})"));
        } else if self.configs.is_empty() {
            out.push_str("configs: none reported by the broker");
        } else {
            let mut c = table(&["config", "value", "source", "default"]);
            for e in &self.configs {
                c.add_row(vec![
                    e.name.clone(),
                    opt(&e.value),
                    e.source.clone(),
                    if e.is_default {
                        "default".into()
                    } else {
                        String::new()
                    },
                ]);
            }
            out.push_str(&c.to_string());
        }
        out
    }
}

pub async fn run(ctx: &Context, args: &DescribeArgs) -> Result<()> {
    let s = ctx.settings()?;
    let d = admin::describe_topic(&s.kafka, &args.name).await?;
    if let Some(e) = &d.configs_error {
        ctx.out
            .warn(format!("could not read the configs of `{}`: {e}", d.name));
    }
    ctx.out.report(&d)
}
