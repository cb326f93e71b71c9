//! Connection profiles: YAML files naming where PostgreSQL, Kafka, Redis and Kafka Connect
//! are, which topics exist, and how the local stack is run. Loading validates strictly
//! (file:line:column, nearest valid key for typos); `${VAR}` references are expanded from
//! the environment after parsing so secrets need not be written in files.

//! [`locate`] finds profiles by name, [`parse`] reads and validates them, [`redact`]
//! hides secrets, [`template`] is what `profile init` writes.

mod locate;
mod parse;
mod redact;
mod template;

pub use locate::*;
pub use parse::*;
pub use redact::*;
pub use template::*;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A profile that cannot be used, in the profile's own words; the command layer adds how
/// to point at another one.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("cannot read profile {}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// No profile of that name in the searched directories.
    #[error("unknown profile `{name}`")]
    Unknown {
        name: String,
        /// The profiles that exist.
        known: Vec<String>,
        /// The known name nearest to the one asked for.
        near: Option<String>,
        /// The directories searched, in order.
        searched: Vec<String>,
    },
    /// The YAML does not make a profile; `at` is `origin:line:column` (or the origin).
    #[error("invalid profile {at}: {message}")]
    Invalid {
        at: String,
        message: String,
        /// The valid name nearest to an unknown key or value.
        near: Option<String>,
        /// The keys valid where an unknown key was found.
        valid_keys: Option<Vec<String>>,
    },
    /// A `${VAR}` reference that cannot be expanded.
    #[error("profile {origin}: {key}: {reason}")]
    Unexpanded {
        origin: String,
        key: String,
        reason: String,
    },
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres: Option<PostgresSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka: Option<KafkaSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redis: Option<RedisSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect: Option<ConnectSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<TopicSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infra: Option<InfraSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flink: Option<FlinkSection>,
    /// Alert rules (`lag > 10000 for 1m`), read by `dashboard`, `top` and `check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alerts: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PostgresSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dbname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sslmode: Option<SslMode>,
    /// Trusted roots for `verify-ca`/`verify-full`: a PEM file, or `system` (the default;
    /// `verify-full` only: `verify-ca` needs a file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sslrootcert: Option<String>,
    /// Client certificate (PEM) for servers that ask for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sslcert: Option<String>,
    /// The client certificate's private key (PEM: PKCS#8, PKCS#1 or SEC1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sslkey: Option<String>,
}

/// libpq's `sslmode`. `require` encrypts without checking the server's certificate;
/// `verify-ca` checks it was signed by a trusted root; `verify-full` also checks it names
/// the host connected to.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SslMode {
    Disable,
    #[default]
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    pub const NAMES: &'static str = "disable, prefer, require, verify-ca, verify-full";

    /// libpq's names (`allow` is taken as `prefer`: both encrypt when the server can).
    pub fn parse(s: &str) -> Option<SslMode> {
        Some(match s.to_ascii_lowercase().as_str() {
            "disable" => SslMode::Disable,
            "allow" | "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    /// Whether the server's certificate is checked against trusted roots.
    pub fn verifies(self) -> bool {
        matches!(self, SslMode::VerifyCa | SslMode::VerifyFull)
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct KafkaSection {
    /// `host:port[,host:port]` or a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brokers: Option<StringOrList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The topic the producer writes to (the seed's `KAFKA_TOPIC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// librdkafka properties, e.g. `security.protocol: SASL_SSL`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Scalar>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum StringOrList {
    One(String),
    Many(Vec<String>),
}

impl StringOrList {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            StringOrList::One(s) => split_list(s),
            StringOrList::Many(v) => v.iter().flat_map(|s| split_list(s)).collect(),
        }
    }
}

pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// A YAML scalar kept as text (`linger.ms: 5` and `linger.ms: "5"` mean the same).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(transparent)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = serde_yaml::Value::deserialize(d)?;
        match v {
            serde_yaml::Value::String(s) => Ok(Scalar(s)),
            serde_yaml::Value::Number(n) => Ok(Scalar(n.to_string())),
            serde_yaml::Value::Bool(b) => Ok(Scalar(b.to_string())),
            _ => Err(serde::de::Error::custom(
                "expected a string, number or boolean",
            )),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RedisSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConnectSection {
    /// The worker's REST address (default http://127.0.0.1:8083 when `connect` is among
    /// `infra.services`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What `infra up` runs: an Apache Kafka install (its `bin/connect-distributed.sh`),
    /// or a directory whose `libs/` holds the worker's whole class path
    /// (`scripts/connect.sh` makes one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<String>,
    /// Where Connect looks for connector plugins (Debezium's PostgreSQL connector).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plugin_path: Option<String>,
    /// `distributed` (default: configs, offsets and status in Kafka topics) or
    /// `standalone` (offsets in a file of the state directory).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ConnectMode>,
    /// The worker group's id and the prefix of its topics (default `livedbctl-connect`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// The JVM's maximum heap (default 768m).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heap: Option<String>,
}

/// How `infra up` runs the Kafka Connect worker.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ConnectMode {
    #[default]
    Distributed,
    Standalone,
}

/// Apache Flink, for `stream submit|list|status|cancel`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FlinkSection {
    /// The JobManager's REST address (default http://127.0.0.1:8081).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A SQL Gateway's REST address: statements go there instead of through the runner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql_gateway_url: Option<String>,
    /// A Flink distribution (its lib/ builds the SQL runner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<String>,
    /// A prebuilt SQL runner jar, instead of building one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_jar: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TopicSpec {
    pub name: String,
    #[serde(default = "one")]
    pub partitions: i32,
    #[serde(default = "one")]
    pub replication_factor: i32,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub configs: BTreeMap<String, Scalar>,
}

fn one() -> i32 {
    1
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InfraSection {
    /// Where data directories, logs and pid records live (relative to the profile file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_dir: Option<String>,
    /// Which services `infra up` manages (default: all three).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ServiceName>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_engine: Option<KafkaEngine>,
    /// Apache Kafka: `kraft` (default when `kafka-storage` exists) or `zookeeper`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_mode: Option<KafkaMode>,
    /// Apache Kafka install directory (else `KAFKA_HOME`, else scripts on PATH).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_home: Option<String>,
    /// KRaft controller port (default: Kafka port + 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_controller_port: Option<u16>,
    /// ZooKeeper port in ZooKeeper mode (default 2181).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zookeeper_port: Option<u16>,
    /// Seconds to wait for a service to answer after starting it (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_timeout_secs: Option<u64>,
    /// OS user that runs PostgreSQL when livedbctl runs as root (default `postgres`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres_os_user: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ServiceName {
    Postgres,
    Kafka,
    Redis,
    /// A local Apache Flink cluster, for `stream submit` (only when listed).
    Flink,
    /// A local Kafka Connect worker, for `connector ... --remote` (only when listed).
    Connect,
}

impl ServiceName {
    /// The services of a profile that does not list its own.
    pub const DEFAULT: [ServiceName; 3] = [
        ServiceName::Postgres,
        ServiceName::Kafka,
        ServiceName::Redis,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceName::Postgres => "postgres",
            ServiceName::Kafka => "kafka",
            ServiceName::Redis => "redis",
            ServiceName::Flink => "flink",
            ServiceName::Connect => "connect",
        }
    }
}

impl std::fmt::Display for ServiceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KafkaEngine {
    #[default]
    Auto,
    Apache,
    Redpanda,
    Tansu,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KafkaMode {
    Kraft,
    Zookeeper,
}

/// Where a profile came from.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileSource {
    pub name: String,
    /// `None` for the built-in `local` defaults when no file exists.
    pub path: Option<PathBuf>,
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<ProfileError> for crate::error::Error {
    fn from(e: ProfileError) -> Self {
        crate::error::Error::from_domain(crate::error::ErrorKind::Config, e)
    }
}
