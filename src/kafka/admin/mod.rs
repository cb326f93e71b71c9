//! Topic administration over the Kafka admin API.

use std::collections::BTreeMap;
use std::time::Duration;

use rdkafka::admin::{
    AdminClient, AdminOptions, ConfigSource, NewTopic, ResourceSpecifier, TopicReplication,
};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::metadata::Metadata;
use rdkafka::types::RDKafkaErrorCode;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::kafka::{client_config, ClusterError};
use crate::profile::TopicSpec;
use crate::settings::KafkaSettings;

pub fn admin_client(k: &KafkaSettings) -> Result<AdminClient<DefaultClientContext>> {
    crate::kafka::one_shot_config(k)
        .create()
        .map_err(|e| crate::kafka::bad_settings("client", e))
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicOutcome {
    pub name: String,
    /// `created`, `exists`, or `would-create` (dry run).
    pub status: String,
    pub partitions: i32,
    pub replication_factor: i32,
}

/// A broker's refusal for one topic, in plain words; the command layer adds the kind, the
/// hint and the code (`TopicAlreadyExists`, ...).
#[derive(Debug, thiserror::Error)]
#[error("{}", words(*code, topic))]
pub struct TopicError {
    pub code: RDKafkaErrorCode,
    pub topic: String,
}

fn words(code: RDKafkaErrorCode, topic: &str) -> String {
    match code {
        RDKafkaErrorCode::TopicAlreadyExists => format!("topic `{topic}` already exists"),
        RDKafkaErrorCode::InvalidReplicationFactor => format!(
            "invalid replication factor for `{topic}`: the cluster has fewer brokers than replicas asked for"
        ),
        RDKafkaErrorCode::InvalidPartitions => format!("invalid partition count for `{topic}`"),
        RDKafkaErrorCode::PolicyViolation => {
            format!("the broker's policy refused the change to `{topic}`")
        }
        RDKafkaErrorCode::UnknownTopicOrPartition | RDKafkaErrorCode::UnknownTopic => {
            format!("topic `{topic}` does not exist")
        }
        RDKafkaErrorCode::TopicAuthorizationFailed => format!("not authorised for topic `{topic}`"),
        RDKafkaErrorCode::InvalidConfig => format!("invalid topic configuration for `{topic}`"),
        RDKafkaErrorCode::InvalidRequest => {
            format!("the broker rejected the request for `{topic}` as invalid")
        }
        RDKafkaErrorCode::UnsupportedVersion => {
            format!("the broker does not support this admin request (for `{topic}`)")
        }
        RDKafkaErrorCode::TopicDeletionDisabled => {
            format!("the broker refused to delete `{topic}`: topic deletion is disabled")
        }
        RDKafkaErrorCode::InvalidTopic => format!("`{topic}` is not a valid topic name"),
        _ => format!("broker error for `{topic}`: {code}"),
    }
}

/// The broker's refusal `code` for `topic` as an error.
pub fn explain(code: RDKafkaErrorCode, topic: &str) -> Error {
    TopicError {
        code,
        topic: topic.to_string(),
    }
    .into()
}

/// Create topics that are missing; existing ones are reported, not touched.
pub async fn ensure_topics(
    k: &KafkaSettings,
    specs: &[TopicSpec],
    dry_run: bool,
) -> Result<Vec<TopicOutcome>> {
    for s in specs {
        crate::kafka::validate_topic_name(&s.name)?;
    }
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
    // Made only when there is something to create: dropping it joins its polling thread,
    // which sleeps up to 100 ms (a connector's every start paid that for topics it had).
    let admin = admin_client(k)?;
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

const ADMIN_TIMEOUT: Duration = Duration::from_secs(30);

fn admin_opts() -> AdminOptions {
    AdminOptions::new()
        .operation_timeout(Some(ADMIN_TIMEOUT))
        .request_timeout(Some(ADMIN_TIMEOUT))
}

/// Topics whose names start with `__` are the broker's own (`__consumer_offsets`,
/// `__transaction_state`); librdkafka's metadata does not expose the internal flag.
pub fn is_internal(name: &str) -> bool {
    name.starts_with("__")
}

/// One partition's offsets: `low` is the first offset still kept, `high` the next to be written.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Watermarks {
    pub low: i64,
    pub high: i64,
}

fn watermark_consumer(k: &KafkaSettings) -> Result<BaseConsumer> {
    client_config(k)
        .create()
        .map_err(|e| crate::kafka::bad_settings("client", e))
}

/// Watermarks of every partition of `topics` (blocking: call from `spawn_blocking`).
fn watermarks_blocking(
    k: &KafkaSettings,
    md: &Metadata,
    topics: &[String],
) -> Result<BTreeMap<(String, i32), Watermarks>> {
    let consumer = watermark_consumer(k)?;
    let mut out = BTreeMap::new();
    for t in md
        .topics()
        .iter()
        .filter(|t| topics.iter().any(|n| n == t.name()))
    {
        for p in t.partitions() {
            let (low, high) = consumer
                .fetch_watermarks(t.name(), p.id(), Duration::from_secs(10))
                .map_err(|e| kafka_error(k, e, t.name()))?;
            out.insert((t.name().to_string(), p.id()), Watermarks { low, high });
        }
    }
    Ok(out)
}

/// A librdkafka error on `topic`: broker codes in plain words, transport errors as
/// connection failures.
pub fn kafka_error(k: &KafkaSettings, e: rdkafka::error::KafkaError, topic: &str) -> Error {
    match e.rdkafka_error_code() {
        Some(
            code @ (RDKafkaErrorCode::UnknownTopicOrPartition
            | RDKafkaErrorCode::UnknownTopic
            | RDKafkaErrorCode::TopicAuthorizationFailed
            | RDKafkaErrorCode::UnknownPartition),
        ) => explain(code, topic),
        _ => crate::kafka::unreachable(k, e),
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::internal(format!("Kafka task failed: {e}")))?
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicSummary {
    pub name: String,
    pub partitions: usize,
    pub replication_factor: usize,
    /// Sum over partitions of high - low watermark: messages currently kept.
    pub messages: i64,
    pub internal: bool,
}

/// Every topic with its size; internal topics only when `all`.
pub async fn list_topics(k: &KafkaSettings, all: bool) -> Result<Vec<TopicSummary>> {
    let k = k.clone();
    blocking(move || {
        let md = crate::kafka::fetch_metadata_blocking(&k, None, Duration::from_secs(10))?;
        let names: Vec<String> = md
            .topics()
            .iter()
            .map(|t| t.name().to_string())
            .filter(|n| all || !is_internal(n))
            .collect();
        let wm = watermarks_blocking(&k, &md, &names)?;
        let mut out: Vec<TopicSummary> = md
            .topics()
            .iter()
            .filter(|t| names.iter().any(|n| n == t.name()))
            .map(|t| TopicSummary {
                name: t.name().to_string(),
                partitions: t.partitions().len(),
                replication_factor: t
                    .partitions()
                    .iter()
                    .map(|p| p.replicas().len())
                    .max()
                    .unwrap_or(0),
                messages: t
                    .partitions()
                    .iter()
                    .filter_map(|p| wm.get(&(t.name().to_string(), p.id())))
                    .map(|w| (w.high - w.low).max(0))
                    .sum(),
                internal: is_internal(t.name()),
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    })
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct PartitionDescription {
    pub partition: i32,
    pub leader: i32,
    pub replicas: Vec<i32>,
    pub isr: Vec<i32>,
    pub low: i64,
    pub high: i64,
    pub messages: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConfigDescription {
    pub name: String,
    pub value: Option<String>,
    /// Where the value comes from, as the broker reports it: `topic` (set on the topic),
    /// `broker`, `default`, or `unknown`.
    pub source: String,
    /// The value is the default (not set on this topic).
    pub is_default: bool,
    pub read_only: bool,
    pub sensitive: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicDescription {
    pub name: String,
    pub internal: bool,
    pub partitions: Vec<PartitionDescription>,
    pub replication_factor: usize,
    pub messages: i64,
    pub configs: Vec<ConfigDescription>,
    /// Set when the broker could not describe the configs (the partitions are still shown).
    pub configs_error: Option<String>,
}

/// The names among `wanted` that the cluster does not have, as a not-found error.
fn require_topics(md: &Metadata, wanted: &[String]) -> Result<()> {
    let missing: Vec<&String> = wanted
        .iter()
        .filter(|w| !md.topics().iter().any(|t| t.name() == w.as_str()))
        .collect();
    match missing.as_slice() {
        [] => Ok(()),
        [one] => Err(explain(RDKafkaErrorCode::UnknownTopicOrPartition, one)),
        many => Err(ClusterError::NoTopics(many.iter().map(|s| s.to_string()).collect()).into()),
    }
}

fn source_name(s: &ConfigSource) -> &'static str {
    match s {
        ConfigSource::DynamicTopic => "topic",
        ConfigSource::DynamicBroker
        | ConfigSource::DynamicDefaultBroker
        | ConfigSource::StaticBroker => "broker",
        ConfigSource::Default => "default",
        ConfigSource::Unknown => "unknown",
    }
}

/// Partitions (leader, replicas, ISR, offsets) and configs of one topic.
pub async fn describe_topic(k: &KafkaSettings, name: &str) -> Result<TopicDescription> {
    let (md, wm) = {
        let (k, name) = (k.clone(), name.to_string());
        blocking(move || {
            let md = crate::kafka::fetch_metadata_blocking(&k, None, Duration::from_secs(10))?;
            require_topics(&md, std::slice::from_ref(&name))?;
            let wm = watermarks_blocking(&k, &md, std::slice::from_ref(&name))?;
            Ok((md, wm))
        })
        .await?
    };
    let topic = md
        .topics()
        .iter()
        .find(|t| t.name() == name)
        .expect("checked by require_topics");
    let mut partitions: Vec<PartitionDescription> = topic
        .partitions()
        .iter()
        .map(|p| {
            let w = wm
                .get(&(name.to_string(), p.id()))
                .copied()
                .unwrap_or(Watermarks { low: 0, high: 0 });
            PartitionDescription {
                partition: p.id(),
                leader: p.leader(),
                replicas: p.replicas().to_vec(),
                isr: p.isr().to_vec(),
                low: w.low,
                high: w.high,
                messages: (w.high - w.low).max(0),
            }
        })
        .collect();
    partitions.sort_by_key(|p| p.partition);

    let (configs, configs_error) = match describe_configs(k, name).await {
        Ok(c) => (c, None),
        Err(e) => (Vec::new(), Some(e.message)),
    };
    Ok(TopicDescription {
        name: name.to_string(),
        internal: is_internal(name),
        replication_factor: partitions
            .iter()
            .map(|p| p.replicas.len())
            .max()
            .unwrap_or(0),
        messages: partitions.iter().map(|p| p.messages).sum(),
        partitions,
        configs,
        configs_error,
    })
}

/// The topic's configs through DescribeConfigs, sorted by name.
pub async fn describe_configs(k: &KafkaSettings, name: &str) -> Result<Vec<ConfigDescription>> {
    let admin = admin_client(k)?;
    let results = admin
        .describe_configs([&ResourceSpecifier::Topic(name)], &admin_opts())
        .await
        .map_err(|e| crate::kafka::unreachable(k, e))?;
    let mut out = Vec::new();
    for r in results {
        let res = r.map_err(|code| explain(code, name).context("describing configs"))?;
        for e in res.entries {
            out.push(ConfigDescription {
                source: source_name(&e.source).to_string(),
                is_default: e.is_default,
                read_only: e.is_read_only,
                sensitive: e.is_sensitive,
                value: if e.is_sensitive {
                    e.value.map(|_| crate::profile::REDACTED.to_string())
                } else {
                    e.value
                },
                name: e.name,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Create one topic. `if_not_exists` turns "already exists" into status `exists`;
/// `dry_run` only checks whether it exists (no broker-side validation: some brokers, tansu
/// among them, ignore CreateTopics' validate_only and would create the topic).
pub async fn create_topic(
    k: &KafkaSettings,
    spec: &TopicSpec,
    if_not_exists: bool,
    dry_run: bool,
) -> Result<TopicOutcome> {
    crate::kafka::validate_topic_name(&spec.name)?;
    let md = crate::kafka::fetch_metadata(k, None, Duration::from_secs(10)).await?;
    let outcome = |status: &str| TopicOutcome {
        name: spec.name.clone(),
        status: status.into(),
        partitions: spec.partitions,
        replication_factor: spec.replication_factor,
    };
    if let Some(t) = md.topics().iter().find(|t| t.name() == spec.name) {
        if !if_not_exists {
            return Err(explain(RDKafkaErrorCode::TopicAlreadyExists, &spec.name));
        }
        // Report the topic as it is, not as it was asked for.
        return Ok(TopicOutcome {
            partitions: t.partitions().len() as i32,
            replication_factor: t
                .partitions()
                .iter()
                .map(|p| p.replicas().len())
                .max()
                .unwrap_or(0) as i32,
            ..outcome("exists")
        });
    }
    if dry_run {
        return Ok(outcome("would-create"));
    }
    let admin = admin_client(k)?;
    let configs: Vec<(String, String)> = spec
        .configs
        .iter()
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect();
    let mut t = NewTopic::new(
        &spec.name,
        spec.partitions,
        TopicReplication::Fixed(spec.replication_factor),
    );
    for (key, v) in &configs {
        t = t.set(key, v);
    }
    let results = admin
        .create_topics([&t], &admin_opts())
        .await
        .map_err(|e| crate::kafka::unreachable(k, e))?;
    for r in results {
        if let Err((name, code)) = r {
            if code == RDKafkaErrorCode::TopicAlreadyExists && if_not_exists {
                return Ok(outcome("exists"));
            }
            return Err(explain(code, &name));
        }
    }
    Ok(outcome("created"))
}

/// What `topic delete` will remove, for the preview.
pub async fn topics_to_delete(k: &KafkaSettings, names: &[String]) -> Result<Vec<TopicSummary>> {
    let (k, names) = (k.clone(), names.to_vec());
    blocking(move || {
        let md = crate::kafka::fetch_metadata_blocking(&k, None, Duration::from_secs(10))?;
        require_topics(&md, &names)?;
        let wm = watermarks_blocking(&k, &md, &names)?;
        Ok(names
            .iter()
            .map(|n| {
                let t = md
                    .topics()
                    .iter()
                    .find(|t| t.name() == n)
                    .expect("checked by require_topics");
                TopicSummary {
                    name: n.clone(),
                    partitions: t.partitions().len(),
                    replication_factor: t
                        .partitions()
                        .iter()
                        .map(|p| p.replicas().len())
                        .max()
                        .unwrap_or(0),
                    messages: t
                        .partitions()
                        .iter()
                        .filter_map(|p| wm.get(&(n.clone(), p.id())))
                        .map(|w| (w.high - w.low).max(0))
                        .sum(),
                    internal: is_internal(n),
                }
            })
            .collect())
    })
    .await
}

/// Delete `names`; returns other topics that vanished with them. That list should always
/// be empty, but tansu 0.6 deletes every topic of the cluster on any DeleteTopics, and an
/// operator must hear about it.
pub async fn delete_topics(k: &KafkaSettings, names: &[String]) -> Result<Vec<String>> {
    let before = crate::kafka::fetch_metadata(k, None, Duration::from_secs(10)).await?;
    let others: Vec<String> = before
        .topics()
        .iter()
        .map(|t| t.name().to_string())
        .filter(|n| !names.contains(n) && !is_internal(n))
        .collect();
    let admin = admin_client(k)?;
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let results = admin
        .delete_topics(&refs, &admin_opts())
        .await
        .map_err(|e| crate::kafka::unreachable(k, e))?;
    for r in results {
        if let Err((name, code)) = r {
            return Err(explain(code, &name).context("deleting topics"));
        }
    }
    let after = crate::kafka::fetch_metadata(k, None, Duration::from_secs(10)).await?;
    Ok(others
        .into_iter()
        .filter(|n| !after.topics().iter().any(|t| t.name() == n))
        .collect())
}

/// One incremental config change.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum ConfigChange {
    Set { name: String, value: String },
    Delete { name: String },
}

/// Apply `changes` to a topic's configs with IncrementalAlterConfigs (KIP-339): only the
/// named keys change, every other setting stays as it is. rdkafka 0.39 has no safe wrapper
/// for it, so this calls librdkafka directly; the legacy AlterConfigs would reset every
/// unnamed key to its default (and tansu does not implement it).
pub async fn alter_topic_configs(
    k: &KafkaSettings,
    topic: &str,
    changes: &[ConfigChange],
) -> Result<()> {
    let admin = admin_client(k)?;
    // The topic must exist: some brokers accept config changes for unknown names.
    let md = crate::kafka::fetch_metadata(k, None, Duration::from_secs(10)).await?;
    require_topics(&md, &[topic.to_string()])?;
    let (k2, topic, changes) = (k.clone(), topic.to_string(), changes.to_vec());
    blocking(move || {
        let r = incremental::alter(&admin, &topic, &changes, ADMIN_TIMEOUT);
        drop(admin);
        r.map_err(|e| match e {
            incremental::Failure::Broker(code, msg) => {
                let err = explain(code, &topic);
                match msg {
                    Some(m) if !m.is_empty() && err.kind == crate::error::ErrorKind::Runtime => {
                        Error {
                            message: format!("{}: {m}", err.message),
                            ..err
                        }
                    }
                    _ => err,
                }
            }
            incremental::Failure::Client(m) => crate::kafka::unreachable(&k2, m),
        })
    })
    .await
}

mod incremental;

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<TopicError> for Error {
    fn from(e: TopicError) -> Self {
        use crate::error::ErrorKind;
        use RDKafkaErrorCode as C;
        let kind = match e.code {
            C::UnknownTopicOrPartition | C::UnknownTopic => ErrorKind::NotFound,
            C::InvalidTopic => ErrorKind::Usage,
            _ => ErrorKind::Runtime,
        };
        let code = format!("{:?}", e.code);
        Error::from_domain(kind, e).with_code(code)
    }
}
