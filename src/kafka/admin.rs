//! Topic administration over the Kafka admin API.

use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::types::RDKafkaErrorCode;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::kafka::client_config;
use crate::profile::TopicSpec;
use crate::settings::KafkaSettings;

pub fn admin_client(k: &KafkaSettings) -> Result<AdminClient<DefaultClientContext>> {
    client_config(k).create().map_err(|e| {
        Error::config(format!("invalid Kafka client settings: {e}"))
            .hint("check kafka.properties in the profile")
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicOutcome {
    pub name: String,
    /// `created`, `exists`, or `would-create` (dry run).
    pub status: String,
    pub partitions: i32,
    pub replication_factor: i32,
}

/// Plain words for the broker's error codes; the code itself is kept by the caller.
pub fn explain(code: RDKafkaErrorCode, topic: &str) -> Error {
    let name = format!("{code:?}");
    let err = match code {
        RDKafkaErrorCode::TopicAlreadyExists => Error::runtime(format!("topic `{topic}` already exists"))
            .hint("pass --if-not-exists to accept an existing topic"),
        RDKafkaErrorCode::InvalidReplicationFactor => Error::runtime(format!(
            "invalid replication factor for `{topic}`: the cluster has fewer brokers than replicas asked for"
        ))
        .hint("lower -r/--replication-factor to at most the number of brokers"),
        RDKafkaErrorCode::InvalidPartitions => {
            Error::runtime(format!("invalid partition count for `{topic}`")).hint("use at least 1 partition")
        }
        RDKafkaErrorCode::PolicyViolation => Error::runtime(format!("the broker's policy refused the change to `{topic}`")),
        RDKafkaErrorCode::UnknownTopicOrPartition | RDKafkaErrorCode::UnknownTopic => {
            Error::not_found(format!("topic `{topic}` does not exist")).hint("`livedbctl topic list` shows the topics")
        }
        RDKafkaErrorCode::TopicAuthorizationFailed => {
            Error::runtime(format!("not authorised for topic `{topic}`")).hint("check the SASL credentials and ACLs")
        }
        RDKafkaErrorCode::InvalidConfig => Error::runtime(format!("invalid topic configuration for `{topic}`")),
        RDKafkaErrorCode::InvalidTopic => Error::usage(format!("`{topic}` is not a valid topic name"))
            .hint("use letters, digits, '.', '_' and '-' (at most 249 characters)"),
        _ => Error::runtime(format!("broker error for `{topic}`: {code}")),
    };
    err.with_code(name)
}

/// Create topics that are missing; existing ones are reported, not touched.
pub async fn ensure_topics(
    k: &KafkaSettings,
    specs: &[TopicSpec],
    dry_run: bool,
) -> Result<Vec<TopicOutcome>> {
    let admin = admin_client(k)?;
    let md = crate::kafka::fetch_metadata(k, None, Duration::from_secs(10)).await?;
    let existing: std::collections::BTreeSet<String> =
        md.topics().iter().map(|t| t.name().to_string()).collect();
    let mut out = Vec::new();
    let mut to_create = Vec::new();
    for s in specs {
        let status = if existing.contains(&s.name) {
            "exists"
        } else if dry_run {
            "would-create"
        } else {
            to_create.push(s);
            "created"
        };
        out.push(TopicOutcome {
            name: s.name.clone(),
            status: status.into(),
            partitions: s.partitions,
            replication_factor: s.replication_factor,
        });
    }
    if to_create.is_empty() {
        return Ok(out);
    }
    let configs: Vec<Vec<(String, String)>> = to_create
        .iter()
        .map(|s| {
            s.configs
                .iter()
                .map(|(k, v)| (k.clone(), v.0.clone()))
                .collect()
        })
        .collect();
    let new_topics: Vec<NewTopic> = to_create
        .iter()
        .zip(&configs)
        .map(|(s, cfg)| {
            let mut t = NewTopic::new(
                &s.name,
                s.partitions,
                TopicReplication::Fixed(s.replication_factor),
            );
            for (k, v) in cfg {
                t = t.set(k, v);
            }
            t
        })
        .collect();
    let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(30)));
    let results = admin
        .create_topics(new_topics.iter(), &opts)
        .await
        .map_err(|e| crate::kafka::unreachable(k, e))?;
    for r in results {
        if let Err((name, code)) = r {
            if code == RDKafkaErrorCode::TopicAlreadyExists {
                // Created concurrently by someone else: that is what we wanted.
                if let Some(o) = out.iter_mut().find(|o| o.name == name) {
                    o.status = "exists".into();
                }
                continue;
            }
            return Err(explain(code, &name));
        }
    }
    Ok(out)
}
