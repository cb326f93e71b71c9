//! `topic create | list | describe | alter | delete`: Kafka topic administration.

pub mod alter;
pub mod create;
pub mod delete;
pub mod describe;
pub mod list;

use clap::Subcommand;

use crate::context::Context;
use crate::error::{Error, Result};

#[derive(Debug, Subcommand)]
pub enum TopicCommand {
    /// Create a topic, or every topic the profile declares
    Create(create::CreateArgs),
    /// List topics with partitions, replication and message counts
    List(list::ListArgs),
    /// Show a topic's partitions (leader, replicas, ISR, offsets) and configs
    Describe(describe::DescribeArgs),
    /// Change a topic's configs incrementally (--set k=v, --delete k)
    Alter(alter::AlterArgs),
    /// Delete topics (shows what will go and asks first)
    Delete(delete::DeleteArgs),
}

pub async fn run(ctx: &Context, cmd: TopicCommand) -> Result<()> {
    match cmd {
        TopicCommand::Create(a) => create::run(ctx, &a).await,
        TopicCommand::List(a) => list::run(ctx, &a).await,
        TopicCommand::Describe(a) => describe::run(ctx, &a).await,
        TopicCommand::Alter(a) => alter::run(ctx, &a).await,
        TopicCommand::Delete(a) => delete::run(ctx, &a).await,
    }
}

/// A topic name Kafka allows (`crate::kafka::validate_topic_name`); clap reports the rule.
pub fn parse_topic_name(s: &str) -> std::result::Result<String, String> {
    crate::kafka::validate_topic_name(s)
        .map(|()| s.to_string())
        .map_err(|e| e.rule.to_string())
}

/// `key=value` from the command line.
pub fn parse_key_value(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("expected key=value, got `{s}`")),
    }
}

/// Refuse a config key given twice in one command: which one wins would be a guess.
pub fn no_duplicates<'a>(keys: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for k in keys {
        if !seen.insert(k) {
            return Err(
                Error::usage(format!("config `{k}` is given more than once"))
                    .hint("name each config once"),
            );
        }
    }
    Ok(())
}
