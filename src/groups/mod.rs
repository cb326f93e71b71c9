//! Kafka consumer groups as an operator sees them: which groups exist, who is in them, how
//! far behind they are, and moving or deleting their committed offsets. What `group list |
//! describe | seek | delete` and the sampler behind `dashboard`/`top` read.
//!
//! Written to the Kafka protocol, for every broker: groups are listed with ListGroups,
//! members come from DescribeGroups where the broker answers it (tansu 0.6 does not; the
//! members are then unknown, not an error), committed offsets from OffsetFetch, which every
//! broker that runs groups answers. All calls block: run them in `spawn_blocking`.
//!
//! The Kafka calls are `client`'s ([`GroupClient`]); who is in a group, `members`; lag
//! rows per partition, `partitions`, counted by [`lag`]; the verbs on top, [`ops`].

pub mod lag;
pub mod ops;

mod client;
mod ffi;
mod members;
mod partitions;

pub use client::{GroupClient, SeekChange, SeekTo};
pub use members::{decode_assignment, Described, Member, TopicPartitions};
pub use partitions::{group_partitions, partition_lags, timestamp_wants, PartitionLag};

/// (topic, partition)
pub type Tp = (String, i32);

#[derive(Debug, Clone, thiserror::Error)]
pub enum GroupError {
    #[error("invalid Kafka client settings: {0}")]
    Config(String),
    #[error("cannot reach Kafka at {bootstrap}: {message}")]
    Unreachable { bootstrap: String, message: String },
    #[error("no consumer group named `{0}`")]
    NotFound(String),
    #[error("topic `{0}` does not exist")]
    UnknownTopic(String),
    #[error("group `{0}` has no committed offsets to move")]
    NothingToSeek(String),
    #[error("consumer group `{group}` has active members ({members})")]
    Active { group: String, members: String },
    #[error("{what} for group `{group}` failed: {message}")]
    Broker {
        what: &'static str,
        group: String,
        message: String,
        code: Option<String>,
    },
}

type Result<T, E = GroupError> = std::result::Result<T, E>;

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<GroupError> for crate::error::Error {
    fn from(e: GroupError) -> Self {
        use crate::error::ErrorKind;
        let (kind, code) = match &e {
            GroupError::Config(_) => (ErrorKind::Config, None),
            GroupError::Unreachable { .. } => (ErrorKind::Connection, None),
            GroupError::NotFound(_) | GroupError::UnknownTopic(_) => (ErrorKind::NotFound, None),
            GroupError::NothingToSeek(_) => (ErrorKind::Usage, None),
            GroupError::Active { .. } => (ErrorKind::Runtime, None),
            GroupError::Broker { code, .. } => (ErrorKind::Runtime, code.clone()),
        };
        let mut err = crate::error::Error::new(kind, e.to_string()).with_source(e);
        err.code = code;
        err
    }
}
