//! Change data capture: a built-in Debezium-compatible engine over pgoutput, its state,
//! and the database checks it needs.

pub mod connect;
pub mod convert;
pub mod engine;
pub mod envelope;
pub mod graduate;
pub mod json;
pub mod lifecycle;
pub mod liveness;
pub mod offsets;
pub mod pgoutput;
pub mod replication;
pub mod runner;
pub mod state;
pub mod types;
pub mod view;
pub mod wal;

/// Bytes for people (`12.30 MiB`), as indicatif writes them; a negative count is 0.
pub fn human_bytes(b: i64) -> String {
    indicatif::HumanBytes(b.max(0) as u64).to_string()
}

/// What the CDC domain refuses or cannot find, in its own words; the command layer adds
/// the command or flag that helps.
#[derive(Debug, thiserror::Error)]
pub enum CdcError {
    #[error("no connector named `{0}` in this database")]
    NoConnector(String),
    #[error("connector `{name}` is running (pid {})", pid.unwrap_or(0))]
    Running { name: String, pid: Option<i32> },
    /// A setting fixed when the connector was created, asked for differently now.
    #[error("connector `{name}` was created with {setting} {stored}, not {asked}")]
    FixedSetting {
        name: String,
        setting: Setting,
        stored: String,
        asked: String,
    },
    /// A new connector without tables to capture.
    #[error("connector `{0}` does not exist yet: name the tables to capture")]
    NoTables(String),
    /// An existing connector asked to use another slot or publication.
    #[error("connector `{name}` already uses slot `{slot}` and publication `{publication}`")]
    OtherSlot {
        name: String,
        slot: String,
        publication: String,
    },
    /// A numeric NaN/Infinity in `precise` decimal mode (Debezium's task fails the same way).
    #[error("{table}.{column}: {error}")]
    Unwritable {
        table: String,
        column: String,
        error: crate::cdc::convert::ConvertError,
        /// The connector's decimal mode (fixed at creation).
        decimal: crate::cdc::envelope::DecimalHandling,
    },
    /// A table to capture that the database does not have.
    #[error("table `{schema}.{name}` does not exist in this database")]
    NoTable { schema: String, name: String },
    /// The engine's lock on the connector is held by another engine; `holder` says who,
    /// when known ([`crate::pg::run_lock::Refused::describe`]).
    #[error("connector `{name}` is already running{holder}")]
    AlreadyRunning { name: String, holder: String },
    /// The connector's slot was dropped while the engine ran.
    #[error("replication slot `{0}` disappeared")]
    SlotGone(String),
    /// Kafka refused a record the engine published (the slot was not confirmed past it).
    #[error("Kafka did not acknowledge a record for `{topic}`: {error}")]
    Unacknowledged {
        topic: String,
        error: rdkafka::error::KafkaError,
    },
    /// The server closed the replication stream.
    #[error("the server ended the replication stream from slot `{0}`")]
    StreamEnded(String),
    /// A slot of that name exists with another output plugin.
    #[error("replication slot `{slot}` exists but uses plugin {plugin:?}, not pgoutput")]
    WrongPlugin {
        slot: String,
        plugin: Option<String>,
    },
}

/// The settings of a connector that are fixed when it is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    TopicPrefix,
    Tombstones,
    SchemasEnable,
    DecimalHandling,
    SkippedOperations,
    TransactionMetadata,
    ExtendedHeaders,
}

impl std::fmt::Display for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Setting::TopicPrefix => "topic prefix",
            Setting::Tombstones => "tombstones",
            Setting::SchemasEnable => "schemas_enable",
            Setting::DecimalHandling => "decimal handling",
            Setting::SkippedOperations => "skipped operations",
            Setting::TransactionMetadata => "transaction metadata",
            Setting::ExtendedHeaders => "extended headers",
        })
    }
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<CdcError> for crate::error::Error {
    fn from(e: CdcError) -> Self {
        use crate::error::ErrorKind;
        let kind = match &e {
            CdcError::NoConnector(_) | CdcError::NoTable { .. } | CdcError::SlotGone(_) => {
                ErrorKind::NotFound
            }
            CdcError::Running { .. }
            | CdcError::Unwritable { .. }
            | CdcError::AlreadyRunning { .. }
            | CdcError::Unacknowledged { .. }
            | CdcError::StreamEnded(_) => ErrorKind::Runtime,
            CdcError::FixedSetting { .. }
            | CdcError::NoTables(_)
            | CdcError::OtherSlot { .. }
            | CdcError::WrongPlugin { .. } => ErrorKind::Usage,
        };
        crate::error::Error::from_domain(kind, e)
    }
}
