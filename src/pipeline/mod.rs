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
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<PipelineError> for crate::error::Error {
    fn from(e: PipelineError) -> Self {
        crate::error::Error::from_domain(crate::error::ErrorKind::Usage, e)
    }
}
