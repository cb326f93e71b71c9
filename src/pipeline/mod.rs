//! The live pipeline: seed rows into `livedb` (`seed`), turn new rows into Kafka events
//! (`producer`), and the two together with a live consumer (`demo`). No clap, no printing:
//! progress is reported through callbacks, stopping through a [`crate::shutdown::Stop`].

pub mod demo;
pub mod producer;
pub mod seed;

/// What the pipeline refuses, in its own words; the command layer says which flag fixes it.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A replay's start time that PostgreSQL cannot read.
    #[error("`{input}` is not a timestamp PostgreSQL understands: {reason}")]
    BadTimestamp { input: String, reason: String },
    /// A seed file that cannot be read.
    #[error("cannot read seed file {path}")]
    SeedFile {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A seed file without rows; `name` is the file as shown.
    #[error("{0}: the seed file has no rows")]
    NoSeedRows(String),
    /// A seed file with bad entries: each is listed, nothing was inserted.
    #[error("{}", seed::file::invalid_text(name, problems))]
    InvalidSeed {
        name: String,
        problems: Vec<seed::file::Problem>,
    },
    /// The producer's topic is not on the cluster.
    #[error("topic `{topic}` does not exist on Kafka at {bootstrap}")]
    NoTopic { topic: String, bootstrap: String },
    /// The last records of these partitions could not be read in time.
    #[error("cannot read the last record of partitions {partitions:?} of `{topic}` to reconcile")]
    Unreconciled { topic: String, partitions: Vec<i32> },
    /// Another producer holds the lock on producer_offsets; `holder` says who, when known
    /// (` by pid P on host H (PostgreSQL backend pid ..., session started ...)`, or empty;
    /// [`crate::pg::run_lock::Refused::describe`]).
    #[error("another `produce poll` is already running on producer_offsets in database `{database}` at {address}{holder}")]
    ProducerRunning {
        database: String,
        address: String,
        holder: String,
    },
    /// A republish found ids on the topic above `producer_offsets.last_id`: a producer
    /// stopped between publishing and recording its offset, and must settle that first.
    #[error("topic `{topic}` holds id {published}, past the producer's offset {offset}")]
    PublishedPastOffset {
        topic: String,
        offset: i64,
        published: i64,
    },
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<PipelineError> for crate::error::Error {
    fn from(e: PipelineError) -> Self {
        use crate::error::ErrorKind;
        let kind = match &e {
            PipelineError::BadTimestamp { .. }
            | PipelineError::SeedFile { .. }
            | PipelineError::NoSeedRows(_)
            | PipelineError::InvalidSeed { .. } => ErrorKind::Usage,
            PipelineError::NoTopic { .. } => ErrorKind::NotFound,
            PipelineError::Unreconciled { .. } => ErrorKind::Connection,
            PipelineError::ProducerRunning { .. } | PipelineError::PublishedPastOffset { .. } => {
                ErrorKind::Runtime
            }
        };
        crate::error::Error::from_domain(kind, e)
    }
}
