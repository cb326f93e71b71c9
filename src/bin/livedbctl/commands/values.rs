//! The library's choices as the command line spells them: clap's value enums live here,
//! so no domain type derives a parser. Each converts into the library's own type; the doc
//! comments are the help text of the values.

use crate::cdc::engine::SnapshotMode;
use crate::cdc::envelope::DecimalHandling;
use crate::profile::ServiceName;

/// A service of the stack (`--only`, `infra logs SERVICE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Service {
    Postgres,
    Kafka,
    Redis,
    /// A local Apache Flink cluster, for `stream submit` (only when listed).
    Flink,
    /// A local Kafka Connect worker, for `connector ... --remote` (only when listed).
    Connect,
}

impl From<Service> for ServiceName {
    fn from(s: Service) -> ServiceName {
        match s {
            Service::Postgres => ServiceName::Postgres,
            Service::Kafka => ServiceName::Kafka,
            Service::Redis => ServiceName::Redis,
            Service::Flink => ServiceName::Flink,
            Service::Connect => ServiceName::Connect,
        }
    }
}

/// The services named on the command line, as the library names them.
pub fn services(only: &[Service]) -> Vec<ServiceName> {
    only.iter().map(|&s| s.into()).collect()
}

/// `connector start --snapshot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Snapshot {
    /// Snapshot existing rows once (first start), then stream
    Initial,
    /// Never snapshot; stream changes from the slot's position
    #[value(alias = "no-data")]
    Never,
    /// Snapshot on every start, then stream
    Always,
    /// Snapshot once and exit without streaming
    InitialOnly,
}

impl From<Snapshot> for SnapshotMode {
    fn from(s: Snapshot) -> SnapshotMode {
        match s {
            Snapshot::Initial => SnapshotMode::Initial,
            Snapshot::Never => SnapshotMode::Never,
            Snapshot::Always => SnapshotMode::Always,
            Snapshot::InitialOnly => SnapshotMode::InitialOnly,
        }
    }
}

/// `connector start --decimal-handling`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Decimal {
    /// numeric as Connect's Decimal: base64 of the unscaled value, scale in the schema
    /// (Debezium's default)
    Precise,
    /// numeric as a JSON string, exact ("1234.50")
    String,
    /// numeric as a JSON number (may lose precision)
    Double,
}

impl From<Decimal> for DecimalHandling {
    fn from(d: Decimal) -> DecimalHandling {
        match d {
            Decimal::Precise => DecimalHandling::Precise,
            Decimal::String => DecimalHandling::String,
            Decimal::Double => DecimalHandling::Double,
        }
    }
}
