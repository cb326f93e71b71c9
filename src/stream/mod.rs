//! Stream processing, the seed's Flink stage: windowed aggregations over event streams,
//! defined once in a job file (`job`), checked and translated to Flink SQL (`sql`), run by
//! the built-in window engine (`event` -> `engine` -> `sink`) or submitted to an Apache
//! Flink cluster (`flink`). No clap and no printing here: commands call in and report.

pub mod decimal;
pub mod engine;
pub mod event;
pub mod expr;
pub mod flink;
pub mod job;
pub mod replay;
pub mod sink;
pub mod sql;
pub mod store;
pub mod wanted;
pub mod yaml;

/// Errors of stream jobs, in the domain's words; `error/domain.rs` chooses the kind and
/// the hints.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Job(#[from] job::JobError),
    #[error(transparent)]
    Plan(#[from] sql::PlanError),
    #[error(transparent)]
    Flink(#[from] flink::FlinkError),
    #[error(transparent)]
    Sink(#[from] sink::SinkError),
    #[error(transparent)]
    Replay(#[from] replay::ReplayError),
    /// Another `stream run` of the job holds its lock.
    #[error("stream job `{job}` is already running{}", holder.as_deref().unwrap_or_default())]
    AlreadyRunning {
        job: String,
        /// Where the lock lives: `dbname at host:port`.
        database: String,
        holder: Option<String>,
    },
    /// The job holds `limit` panes ((window, group) states) and an event needs more.
    #[error("stream job `{job}` holds {open_panes} open windows × groups and an event{} needs more: limits.open_panes is {limit}", at.map(|(p, o)| format!(" (partition {p}, offset {o})")).unwrap_or_default())]
    StateFull {
        job: String,
        open_panes: u64,
        limit: u64,
        /// Where the event is in the topic.
        at: Option<(i32, i64)>,
    },
    /// The saved checkpoint cannot be read back.
    #[error("the checkpoint saved for group `{group}` on `{topic}` is unreadable")]
    BadCheckpoint {
        group: String,
        topic: String,
        #[source]
        source: serde_json::Error,
    },
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<StreamError> for crate::error::Error {
    fn from(e: StreamError) -> Self {
        match e {
            StreamError::Job(e) => e.into(),
            StreamError::Plan(e) => e.into(),
            StreamError::Flink(e) => e.into(),
            StreamError::Sink(e) => e.into(),
            StreamError::Replay(e) => e.into(),
            e @ (StreamError::AlreadyRunning { .. }
            | StreamError::BadCheckpoint { .. }
            | StreamError::StateFull { .. }) => {
                crate::error::Error::from_domain(crate::error::ErrorKind::Runtime, e)
            }
        }
    }
}
