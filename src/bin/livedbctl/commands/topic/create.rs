use std::collections::BTreeMap;

use serde::Serialize;

use crate::commands::topic::{no_duplicates, parse_key_value, parse_topic_name};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::kafka::admin::{self, TopicOutcome};
use crate::output::{table, Report};
use crate::profile::{Scalar, TopicSpec};

/// Create a topic. Without NAME, create every topic the profile declares (existing ones
/// are reported and left alone). For a NAME the profile declares, its partitions,
/// replication and configs are the defaults; flags override them.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Topic to create (default: every topic in the profile's `topics:` list); 1 to 249
    /// characters of A-Z a-z 0-9 . _ -
    #[arg(value_parser = parse_topic_name)]
    pub name: Option<String>,
    /// Number of partitions [default: the profile's, else 1]
    #[arg(short, long)]
    pub partitions: Option<i32>,
    /// Replicas per partition [default: the profile's, else 1]
    #[arg(short, long)]
    pub replication_factor: Option<i32>,
    /// Topic config key=value (repeatable), e.g. -c cleanup.policy=compact
    #[arg(short = 'c', long = "topic-config", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub topic_config: Vec<(String, String)>,
    /// Shorthand for -c retention.ms=MS
    #[arg(long, value_name = "MS")]
    pub retention_ms: Option<i64>,
    /// Shorthand for -c retention.bytes=BYTES
    #[arg(long, value_name = "BYTES")]
    pub retention_bytes: Option<i64>,
    /// Succeed when the topic already exists
    #[arg(long)]
    pub if_not_exists: bool,
    /// Show what would be created without creating anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Serialize)]
pub struct CreateReport {
    pub dry_run: bool,
    pub topics: Vec<TopicOutcome>,
}

impl Report for CreateReport {
    fn human(&self) -> String {
        let mut t = table(&["topic", "status", "partitions", "replication"]);
        for o in &self.topics {
            t.add_row(vec![
                o.name.clone(),
                o.status.clone(),
                o.partitions.to_string(),
                o.replication_factor.to_string(),
            ]);
        }
        t.to_string()
    }
}

pub async fn run(ctx: &Context, args: &CreateArgs) -> Result<()> {
    let s = ctx.settings()?;
    let mut configs: Vec<(String, String)> = args.topic_config.clone();
    if let Some(ms) = args.retention_ms {
        configs.push(("retention.ms".into(), ms.to_string()));
    }
    if let Some(b) = args.retention_bytes {
        configs.push(("retention.bytes".into(), b.to_string()));
    }
    no_duplicates(configs.iter().map(|(k, _)| k.as_str()))?;
    if let Some(p) = args.partitions {
        if p < 1 {
            return Err(Error::usage(format!(
                "-p/--partitions must be at least 1, got {p}"
            )));
        }
    }
    if let Some(r) = args.replication_factor {
        if r < 1 {
            return Err(Error::usage(format!(
                "-r/--replication-factor must be at least 1, got {r}"
            )));
        }
    }

    let topics = match &args.name {
        Some(name) => {
            let declared = s.topics.iter().find(|t| &t.name == name);
            let mut spec = declared.cloned().unwrap_or(TopicSpec {
                name: name.clone(),
                partitions: 1,
                replication_factor: 1,
                configs: BTreeMap::new(),
            });
            if let Some(p) = args.partitions {
                spec.partitions = p;
            }
            if let Some(r) = args.replication_factor {
                spec.replication_factor = r;
            }
            for (k, v) in configs {
                spec.configs.insert(k, Scalar(v));
            }
            vec![admin::create_topic(&s.kafka, &spec, args.if_not_exists, args.dry_run).await?]
        }
        None => {
            if args.partitions.is_some() || args.replication_factor.is_some() || !configs.is_empty()
            {
                return Err(
                    Error::usage("-p, -r, -c and --retention-* need a topic NAME").hint(
                        "without NAME the profile's `topics:` list says how each topic is made",
                    ),
                );
            }
            if s.topics.is_empty() {
                return Err(Error::config(format!("profile `{}` declares no topics", s.profile.name))
                    .hint("name a topic (`livedbctl topic create NAME`) or add a `topics:` list to the profile"));
            }
            // Declared topics are created idempotently: "already present" is the point.
            admin::ensure_topics(&s.kafka, &s.topics, args.dry_run).await?
        }
    };
    ctx.out.report(&CreateReport {
        dry_run: args.dry_run,
        topics,
    })
}
