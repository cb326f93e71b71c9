//! Hints for Kafka: clients, topics, consumer groups.

use super::one;
use crate::groups::GroupError;
use crate::kafka::admin::TopicError;
use crate::kafka::{ClientError, ClusterError};

pub fn topic(e: &TopicError) -> Vec<String> {
    use rdkafka::types::RDKafkaErrorCode as C;
    let hint = match e.code {
        C::TopicAlreadyExists => "pass --if-not-exists to accept an existing topic",
        C::InvalidReplicationFactor => {
            "lower -r/--replication-factor to at most the number of brokers"
        }
        C::InvalidPartitions => "use at least 1 partition",
        C::UnknownTopicOrPartition | C::UnknownTopic => "`livedbctl topic list` shows the topics",
        C::TopicAuthorizationFailed => "check the SASL credentials and ACLs",
        C::InvalidConfig => "check the names and values given with -c/--topic-config or --set",
        C::UnsupportedVersion => {
            "the broker is older than, or does not implement, the Kafka API this command needs"
        }
        C::TopicDeletionDisabled => "set delete.topic.enable=true on the brokers",
        C::InvalidTopic => "use letters, digits, '.', '_' and '-' (at most 249 characters)",
        _ => return Vec::new(),
    };
    one(hint)
}

pub fn client(e: &ClientError) -> Vec<String> {
    match e {
        ClientError::Unreachable { .. } => one(
            "is the broker running? `livedbctl infra up` starts the local stack; check kafka.brokers / KAFKA_BROKER",
        ),
        ClientError::Settings { .. } => one("check kafka.properties in the profile"),
    }
}

pub fn cluster(e: &ClusterError) -> Vec<String> {
    match e {
        ClusterError::NoTopic { topic, .. } => {
            one(format!("create it: `livedbctl topic create {topic}`"))
        }
        ClusterError::NoTopics(_) => one("`livedbctl topic list` shows the topics"),
        ClusterError::NoPartition { .. } => one("`livedbctl topic describe` shows the partitions"),
        ClusterError::Commit(_) => {
            one("the group may have been rebalanced; the records will be read again")
        }
    }
}

pub fn group(e: &GroupError) -> Vec<String> {
    match e {
        GroupError::Config(_) => one("check kafka.properties in the profile"),
        GroupError::Unreachable { .. } => one(
            "is the broker running? `livedbctl infra up` starts the local stack; check kafka.brokers / KAFKA_BROKER",
        ),
        GroupError::NotFound(_) => one("`livedbctl group list` shows the groups"),
        GroupError::UnknownTopic(_) => one("`livedbctl topic list` shows the topics"),
        GroupError::NothingToSeek(_) => one("name the topic to move with --topic"),
        GroupError::Active { .. } => one(
            "stop the group's consumers first (Ctrl-C or SIGTERM); offsets of a running group are its own",
        ),
        GroupError::Broker { .. } => Vec::new(),
    }
}
