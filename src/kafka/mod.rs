//! Kafka clients built from the profile: shared configuration, metadata, and admin work.
//! Written to the Kafka protocol through librdkafka, not to any one broker.

pub mod admin;
pub mod awaited;
pub mod batch;
pub mod connection;
pub mod enqueue;
pub mod ffi;
pub mod polled;
pub mod read;
pub mod send;
pub mod tail;

use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::metadata::Metadata;
use rdkafka::ClientConfig;

use crate::error::{Error, Result};
use crate::settings::KafkaSettings;

/// Base configuration every client shares: brokers, client id, the profile's properties.
pub fn client_config(k: &KafkaSettings) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", k.bootstrap());
    c.set("client.id", &k.client_id);
    // Fail fast on a wrong address instead of retrying forever in the background.
    c.set("socket.connection.setup.timeout.ms", "10000");
    for (key, v) in &k.properties {
        c.set(key, v);
    }
    c
}

/// A cause as the client reported it (librdkafka's error, or a reason in words).
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Kafka client failures, keeping librdkafka's error as the source.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot reach Kafka at {bootstrap}")]
    Unreachable {
        bootstrap: String,
        #[source]
        source: Cause,
    },
    /// librdkafka refused the configuration built from the profile.
    #[error("invalid Kafka {client} settings")]
    Settings {
        client: &'static str,
        #[source]
        source: rdkafka::error::KafkaError,
    },
}

pub fn unreachable(k: &KafkaSettings, e: impl Into<Cause>) -> Error {
    ClientError::Unreachable {
        bootstrap: k.bootstrap(),
        source: e.into(),
    }
    .into()
}

/// Settings for a client made for one request and dropped (a metadata probe, an admin
/// call): it connects to the bootstrap brokers as it is made (and to the brokers it
/// learns of, as librdkafka did before sparse connections; the client is gone soon
/// after). librdkafka's default (sparse connections) holds back a second connection
/// attempt for `reconnect.backoff.ms` / 2 (50 ms), and the request often made that attempt
/// while the first was under way: half of such probes took 53 ms instead of 2. A
/// profile's own `enable.sparse.connections` wins.
pub fn one_shot_config(k: &KafkaSettings) -> ClientConfig {
    let mut c = client_config(k);
    if c.get("enable.sparse.connections").is_none() {
        c.set("enable.sparse.connections", "false");
    }
    c
}

/// A client librdkafka would not create from the profile's settings.
pub fn bad_settings(client: &'static str, e: rdkafka::error::KafkaError) -> Error {
    ClientError::Settings { client, source: e }.into()
}

/// Cluster metadata (blocking: call from `spawn_blocking`).
pub fn fetch_metadata_blocking(
    k: &KafkaSettings,
    topic: Option<&str>,
    timeout: Duration,
) -> Result<Metadata> {
    let consumer: BaseConsumer = one_shot_config(k)
        .create()
        .map_err(|e| bad_settings("client", e))?;
    consumer
        .fetch_metadata(topic, timeout)
        .map_err(|e| unreachable(k, e))
}

pub async fn fetch_metadata(
    k: &KafkaSettings,
    topic: Option<String>,
    timeout: Duration,
) -> Result<Metadata> {
    let k = k.clone();
    tokio::task::spawn_blocking(move || fetch_metadata_blocking(&k, topic.as_deref(), timeout))
        .await
        .map_err(|e| Error::internal(format!("metadata task failed: {e}")))?
}

/// Brokers that answered, for status output.
pub async fn ping(k: &KafkaSettings, timeout: Duration) -> Result<usize> {
    let md = fetch_metadata(k, None, timeout).await?;
    if md.brokers().is_empty() {
        return Err(unreachable(k, "the cluster reported no brokers"));
    }
    Ok(md.brokers().len())
}

/// Kafka's rule for topic names, as the broker enforces it (`org.apache.kafka.common.internals.Topic`).
pub const TOPIC_NAME_RULE: &str =
    "a topic name is 1 to 249 characters of A-Z a-z 0-9 . _ - and is not `.` or `..`";

/// A topic name Kafka would refuse (or a broker that does not check would create, leaving
/// a topic no other client can use).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not a topic name Kafka allows: {rule}")]
pub struct TopicNameError {
    pub name: String,
    pub rule: &'static str,
}

/// Check `name` against Kafka's topic-name rules before it is sent anywhere: every place
/// that creates or names a topic (topic create, the profile's topics, consumers'
/// dead-letter and trigger topics, CDC topics) goes through here.
pub fn validate_topic_name(name: &str) -> std::result::Result<(), TopicNameError> {
    let ok = !name.is_empty()
        && name.len() <= 249
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(TopicNameError {
            name: name.to_string(),
            rule: TOPIC_NAME_RULE,
        })
    }
}

impl From<TopicNameError> for Error {
    fn from(e: TopicNameError) -> Self {
        Error::new(crate::error::ErrorKind::Usage, e.to_string()).with_source(e)
    }
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

/// Topics and partitions named that the cluster does not have, and a commit it refused,
/// in the domain's words; the command layer adds the command that helps.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("topic `{topic}` does not exist on {bootstrap}")]
    NoTopic { topic: String, bootstrap: String },
    #[error("topics do not exist: {}", .0.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))]
    NoTopics(Vec<String>),
    #[error("topic `{topic}` has no partition {partition} (it has {count})")]
    NoPartition {
        topic: String,
        partition: i32,
        count: usize,
    },
    /// A commit of a reader's offsets that the group refused.
    #[error("committing offsets failed: {0}")]
    Commit(String),
}

impl From<ClusterError> for Error {
    fn from(e: ClusterError) -> Self {
        use crate::error::ErrorKind;
        let (kind, code) = match &e {
            ClusterError::NoTopic { .. } | ClusterError::NoPartition { .. } => {
                (ErrorKind::NotFound, None)
            }
            ClusterError::NoTopics(_) => (ErrorKind::NotFound, Some("UnknownTopicOrPartition")),
            ClusterError::Commit(_) => (ErrorKind::Runtime, None),
        };
        let mut err = Error::new(kind, e.to_string()).with_source(e);
        err.code = code.map(str::to_string);
        err
    }
}

impl From<ClientError> for Error {
    fn from(e: ClientError) -> Self {
        use crate::error::ErrorKind;
        let kind = match &e {
            ClientError::Unreachable { .. } => ErrorKind::Connection,
            ClientError::Settings { .. } => ErrorKind::Config,
        };
        Error::from_domain(kind, e)
    }
}

#[cfg(test)]
mod topic_name_tests {
    use super::validate_topic_name;

    #[test]
    fn topic_names_follow_kafkas_rules() {
        for ok in [
            "orders",
            "db.public.orders",
            "a_b-c.9",
            "..x",
            &"x".repeat(249),
        ] {
            assert_eq!(validate_topic_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "<img src=x>",
            "a b",
            "ä",
            "a/b",
            &"x".repeat(250),
        ] {
            let e = validate_topic_name(bad).unwrap_err();
            assert!(e.to_string().contains("249 characters"), "{e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(properties: &[(&str, &str)]) -> KafkaSettings {
        KafkaSettings {
            brokers: vec!["127.0.0.1:9092".into()],
            client_id: "t".into(),
            topic: "t".into(),
            properties: properties
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn one_shot_clients_connect_at_once_unless_the_profile_says_otherwise() {
        let sparse = "enable.sparse.connections";
        assert_eq!(one_shot_config(&settings(&[])).get(sparse), Some("false"));
        assert_eq!(client_config(&settings(&[])).get(sparse), None);
        let own = settings(&[(sparse, "true"), ("socket.timeout.ms", "5000")]);
        assert_eq!(one_shot_config(&own).get(sparse), Some("true"));
        assert_eq!(one_shot_config(&own).get("socket.timeout.ms"), Some("5000"));
    }
}
