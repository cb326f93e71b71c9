//! The downstream consumers (`consume sink | aggregate | route`) and the framework they
//! share. A consumer is one [`BatchHandler`] in one file; [`run`] does the rest:
//!
//! - [`group`]: membership of the Kafka consumer group, reading and committing;
//! - [`batch`]: the consumer loop (batching, commit after the handler's write, stopping);
//! - [`run`] below: the start-up every consumer shares (the topic must exist, the handler
//!   opens and resumes, the group is joined) and the hand-over to the loop.
//!
//! The next consumer is one new file here with a `BatchHandler`, and a command that calls
//! [`run`].

pub mod aggregate;
pub mod batch;
pub mod dead_letter;
pub mod group;
pub mod route;
pub mod sink;
pub mod stream;

pub use batch::{run_batches, BatchHandler, BatchOutcome, FlushRecord, RunOptions, RunSummary};
pub use dead_letter::{DeadLetterOptions, DeadLetters};
pub use group::{Event, GroupConsumer, GroupOptions};

use crate::error::Result;
use crate::kafka::send::BrokerWait;
use crate::settings::KafkaSettings;
use crate::shutdown::Stop;

/// Errors of the consumers, in their own words; the command layer adds which flag to change.
#[derive(Debug, thiserror::Error)]
pub enum ConsumerError {
    /// An upsert key that is not a column of the table.
    #[error("upsert key column `{column}` is not a column of `{table}`")]
    UpsertKeyNotAColumn {
        column: String,
        table: String,
        columns: Vec<String>,
    },
    /// ON CONFLICT needs a unique index on exactly the key columns.
    #[error("upsert key ({}) has no unique index on `{table}`", key.join(", "))]
    NoUniqueIndex { table: String, key: Vec<String> },
    /// A mapped column the table does not have (or PostgreSQL computes itself).
    #[error("mapped column `{column}` is not a writable column of `{table}`")]
    MappedColumnUnknown {
        column: String,
        table: String,
        columns: Vec<String>,
    },
    /// A routing rule that is not `FIELD=VALUE` or `FIELD!=VALUE`.
    #[error("a rule is FIELD=VALUE or FIELD!=VALUE, got `{0}`")]
    BadRule(String),
    /// A routing rule without a field.
    #[error("rule `{0}` has no field name")]
    RuleWithoutField(String),
    /// `consume aggregate`'s state in Redis is gone (Redis restarted without persistence,
    /// or the keys were deleted): counting on would be silently wrong.
    #[error("Redis lost the state of this aggregate: {key} is gone {why}")]
    StateLost {
        key: String,
        group: String,
        topic: String,
        why: String,
    },
    /// The consumer's topic is not on the cluster.
    #[error("topic `{topic}` does not exist on {bootstrap}")]
    UnknownTopic { topic: String, bootstrap: String },
    /// A commit the broker refused; the batch was written.
    #[error("committing offsets of `{topic}` for group `{group}` failed: {error}")]
    CommitFailed {
        topic: String,
        group: String,
        error: rdkafka::error::KafkaError,
    },
    /// Records Kafka did not take, after resending (offsets not committed).
    #[error("forwarding to `{topic}` failed: {error}")]
    ForwardFailed {
        topic: String,
        error: rdkafka::error::KafkaError,
    },
    #[error("sending to dead-letter topic `{topic}` failed: {error}")]
    DeadLetterFailed {
        topic: String,
        error: rdkafka::error::KafkaError,
    },
    /// The sink's table is not in the database.
    #[error("table `{0}` does not exist")]
    NoTable(String),
    /// The sink's insert statement the server refused; its message, kind and SQLSTATE
    /// are the error's.
    #[error("{source}")]
    PrepareInsert {
        upsert_key: Vec<String>,
        #[source]
        source: crate::pg::PgError,
    },
}

/// Start a consumer and run it until it stops: check that `group.topic` exists (waiting
/// for a broker that does not answer yet, each wait told to `on_wait`, as one lost while
/// running is waited for), open the handler (`open`), let it resume earlier work, join the
/// group (or read the partitions from the handler's positions), then run the loop.
pub async fn run<H: BatchHandler>(
    k: &KafkaSettings,
    group: GroupOptions,
    opts: &RunOptions,
    open: impl AsyncFnOnce() -> Result<H>,
    stop: Stop,
    on_wait: impl FnMut(&BrokerWait),
    on_flush: impl FnMut(&FlushRecord) -> Result<()>,
) -> Result<RunSummary> {
    crate::kafka::send::await_topic(k, &group.topic, group.start_patience, &stop, on_wait).await?;
    let mut handler = open().await?;
    handler.resume().await?;
    let mut consumer = match handler.positions() {
        Some(positions) => GroupConsumer::assign(k, group, &positions)?,
        None => GroupConsumer::subscribe(k, group)?,
    };
    let dead = dead_letter::DeadLetters::new(k, opts.dead_letter.as_ref());
    run_batches(&mut consumer, &mut handler, opts, dead, stop, on_flush).await
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<ConsumerError> for crate::error::Error {
    fn from(e: ConsumerError) -> Self {
        use crate::error::ErrorKind;
        let kind = match &e {
            ConsumerError::UpsertKeyNotAColumn { .. }
            | ConsumerError::NoUniqueIndex { .. }
            | ConsumerError::MappedColumnUnknown { .. }
            | ConsumerError::BadRule(_)
            | ConsumerError::RuleWithoutField(_) => ErrorKind::Usage,
            ConsumerError::StateLost { .. }
            | ConsumerError::CommitFailed { .. }
            | ConsumerError::ForwardFailed { .. }
            | ConsumerError::DeadLetterFailed { .. } => ErrorKind::Runtime,
            ConsumerError::UnknownTopic { .. } | ConsumerError::NoTable(_) => ErrorKind::NotFound,
            ConsumerError::PrepareInsert { source, .. } => {
                return source.boundary().with_source(e);
            }
        };
        crate::error::Error::from_domain(kind, e)
    }
}
