//! One typed `Settings`, resolved once before any service is touched:
//! flag > environment > profile file > built-in default. Nothing after this reads the
//! environment for configuration.
//!
//! Here: the settings of each service and how they serialize (secrets redacted);
//! `resolution.rs` resolves them, `address.rs` reads addresses, `conninfo.rs` the TLS
//! parameters of a connection string.

mod address;
pub mod conninfo;
mod resolution;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::profile::{
    self, KafkaEngine, KafkaMode, ProfileSource, ServiceName, SslMode, TopicSpec, REDACTED,
};
pub use address::{is_local_host, redis_host_port, split_host_port};
pub use resolution::{read_env, resolve, resolve_from, select_profile, Env, Overrides};

pub const DEFAULT_TOPIC: &str = "db_live_events";

/// A setting that cannot be used, in the domain's words (URLs shown redacted); the
/// command layer adds the flag or variable that helps. Every one is a config error.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("`{0}` is not host:port")]
    NotHostPort(String),
    /// The URL, redacted.
    #[error("`{0}` is not a redis URL")]
    NotRedisUrl(String),
    /// The URL, redacted, and what is wrong with it.
    #[error("`{url}` is not a valid PostgreSQL URL: {reason}")]
    NotPostgresUrl { url: String, reason: String },
    /// `--config` (or LIVEDB_CONFIG) names no file.
    #[error("profile file {} does not exist", .0.display())]
    NoProfileFile(PathBuf),
    #[error("environment variable PGSSLMODE: `{0}` is not an sslmode")]
    PgSslMode(String),
    #[error("environment variable DB_SSL: `{0}` is not understood")]
    DbSsl(String),
    /// One half of a client certificate (`given`) without the other (`missing`).
    #[error("profile {origin}: postgres.{given} is set without postgres.{missing}")]
    HalfClientCert {
        origin: String,
        given: &'static str,
        missing: &'static str,
    },
    /// A rule of the profile's `alerts:` list (`index` from 1) that does not parse.
    #[error("profile {origin}: alerts, rule {index}: {source}")]
    AlertRule {
        origin: String,
        index: usize,
        #[source]
        source: crate::alert_rules::RuleError,
    },
    #[error("profile {0}: kafka.brokers is empty")]
    NoBrokers(String),
    /// `verify-ca` with the system's roots would take any publicly trusted certificate for
    /// any host name (libpq refuses `sslrootcert=system` below `verify-full`).
    #[error("profile {0}: sslmode=verify-ca needs sslrootcert, the file of the CA that signed the server's certificate (with the system's roots any publicly trusted certificate, for any host name, would pass)")]
    VerifyCaWithoutRoot(String),
}

impl From<SettingsError> for crate::error::Error {
    fn from(e: SettingsError) -> Self {
        crate::error::Error::from_domain(crate::error::ErrorKind::Config, e)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub profile: ProfileSource,
    pub postgres: PgSettings,
    pub kafka: KafkaSettings,
    pub redis: RedisSettings,
    pub connect: Option<ConnectSettings>,
    pub topics: Vec<TopicSpec>,
    pub infra: InfraSettings,
    pub flink: FlinkSettings,
    /// The profile's alert rules, parsed (shown as written; left out when there are none).
    #[serde(serialize_with = "ser_rules", skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<crate::alert_rules::AlertRule>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlinkSettings {
    #[serde(serialize_with = "ser_url")]
    pub url: String,
    #[serde(serialize_with = "ser_opt_url")]
    pub sql_gateway_url: Option<String>,
    pub home: Option<PathBuf>,
    pub runner_jar: Option<PathBuf>,
    /// A cluster was named (`flink.url`, `FLINK_URL`, or `flink` among `infra.services`),
    /// rather than `url` being the built-in default: watchers only ask a named one.
    #[serde(skip)]
    pub named: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PgSettings {
    pub host: String,
    pub port: u16,
    pub dbname: String,
    pub user: String,
    #[serde(serialize_with = "ser_secret")]
    pub password: Option<String>,
    /// libpq's sslmode. Resolved with libpq's rule that `require` with an explicit root
    /// certificate file means `verify-ca`.
    pub sslmode: SslMode,
    /// Trusted roots for `verify-ca` / `verify-full`.
    pub sslrootcert: RootCert,
    /// Client certificate and its key (PEM), for servers that ask for one.
    pub sslcert: Option<PathBuf>,
    pub sslkey: Option<PathBuf>,
}

/// Where the trusted root certificates for PostgreSQL come from (libpq's `sslrootcert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootCert {
    /// The operating system's trust store (`sslrootcert=system`, and the default).
    System,
    /// The certificates in one PEM file (the provider's CA, or a private CA).
    File(PathBuf),
}

impl Serialize for RootCert {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            RootCert::System => s.serialize_str("system"),
            RootCert::File(p) => s.serialize_str(&p.display().to_string()),
        }
    }
}

impl PgSettings {
    /// The TLS settings as pgjdbc (the PostgreSQL driver of Flink's jdbc connector and of
    /// Debezium) names them, for every mode: `sslmode`, and for the verifying modes the
    /// trusted roots: `sslrootcert` (a file), or the JVM's trust store
    /// (`sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory`) for `system`, the nearest
    /// pgjdbc has to the operating system's roots. Without them pgjdbc would fall back to
    /// `prefer`: no certificate check, maybe no encryption.
    pub fn pgjdbc_tls(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("sslmode", self.sslmode.as_str().to_string())];
        match &self.sslrootcert {
            RootCert::File(p) => out.push(("sslrootcert", p.display().to_string())),
            RootCert::System if self.sslmode.verifies() => out.push((
                "sslfactory",
                "org.postgresql.ssl.DefaultJavaSSLFactory".to_string(),
            )),
            RootCert::System => {}
        }
        out
    }

    /// The JDBC URL of this database with its TLS settings ([`PgSettings::pgjdbc_tls`]);
    /// the user and password travel beside it, never in it.
    pub fn jdbc_url(&self) -> String {
        let host = if self.host.contains(':') && !self.host.starts_with('[') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let query: Vec<String> = self
            .pgjdbc_tls()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", query_escape(&v)))
            .collect();
        format!(
            "jdbc:postgresql://{host}:{}/{}?{}",
            self.port,
            query_escape(&self.dbname),
            query.join("&")
        )
    }

    /// `host:port/dbname`, for messages (never the password).
    pub fn display(&self) -> String {
        format!("{}:{}/{}", self.host, self.port, self.dbname)
    }
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct KafkaSettings {
    pub brokers: Vec<String>,
    pub client_id: String,
    pub topic: String,
    #[serde(serialize_with = "ser_props")]
    pub properties: BTreeMap<String, String>,
}

impl KafkaSettings {
    pub fn bootstrap(&self) -> String {
        self.brokers.join(",")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RedisSettings {
    #[serde(serialize_with = "ser_url")]
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConnectSettings {
    #[serde(serialize_with = "ser_url")]
    pub url: String,
    /// A Kafka install or a directory with `libs/` (see `connect.home`), for `infra up`.
    pub home: Option<PathBuf>,
    pub plugin_path: Option<PathBuf>,
    pub mode: crate::profile::ConnectMode,
    pub group_id: String,
    pub heap: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct InfraSettings {
    pub state_dir: PathBuf,
    pub services: Vec<ServiceName>,
    pub kafka_engine: KafkaEngine,
    pub kafka_mode: Option<KafkaMode>,
    pub kafka_home: Option<PathBuf>,
    pub kafka_controller_port: Option<u16>,
    pub zookeeper_port: u16,
    #[serde(with = "secs")]
    pub start_timeout: Duration,
    pub postgres_os_user: String,
}

mod secs {
    pub fn serialize<S: serde::Serializer>(
        d: &std::time::Duration,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_secs())
    }
}

/// `%XX` for the characters that would end or split a URL's query value.
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' | '&' | '=' | '?' | '#' | '+' | ' ' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn ser_secret<S: serde::Serializer>(
    v: &Option<String>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(_) => s.serialize_str(REDACTED),
        None => s.serialize_none(),
    }
}

fn ser_rules<S: serde::Serializer>(
    v: &[crate::alert_rules::AlertRule],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|r| r.text.as_str()))
}

fn ser_url<S: serde::Serializer>(v: &str, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&profile::redact_conn(v))
}

fn ser_opt_url<S: serde::Serializer>(
    v: &Option<String>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(u) => s.serialize_str(&profile::redact_conn(u)),
        None => s.serialize_none(),
    }
}

fn ser_props<S: serde::Serializer>(
    v: &BTreeMap<String, String>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(v.len()))?;
    for (k, val) in v {
        m.serialize_entry(k, &profile::redact_value(k, val))?;
    }
    m.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pg(sslmode: SslMode, root: RootCert) -> PgSettings {
        PgSettings {
            host: "db.example".into(),
            port: 5432,
            dbname: "livedb".into(),
            user: "u".into(),
            password: Some("pw".into()),
            sslmode,
            sslrootcert: root,
            sslcert: None,
            sslkey: None,
        }
    }

    #[test]
    fn the_jdbc_url_carries_every_sslmode_and_its_roots() {
        let file = || RootCert::File(PathBuf::from("/etc/ssl/my ca&x.pem"));
        for (mode, root, want) in [
            (SslMode::Disable, RootCert::System, "?sslmode=disable"),
            (SslMode::Prefer, RootCert::System, "?sslmode=prefer"),
            (SslMode::Require, RootCert::System, "?sslmode=require"),
            (
                SslMode::VerifyCa,
                file(),
                "?sslmode=verify-ca&sslrootcert=/etc/ssl/my%20ca%26x.pem",
            ),
            (
                SslMode::VerifyFull,
                file(),
                "?sslmode=verify-full&sslrootcert=/etc/ssl/my%20ca%26x.pem",
            ),
            (
                SslMode::VerifyFull,
                RootCert::System,
                "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory",
            ),
        ] {
            let url = pg(mode, root).jdbc_url();
            assert_eq!(
                url,
                format!("jdbc:postgresql://db.example:5432/livedb{want}"),
                "{mode:?}"
            );
            assert!(!url.contains("pw"), "{url}");
        }
        let mut six = pg(SslMode::Disable, RootCert::System);
        six.host = "::1".into();
        assert!(six.jdbc_url().starts_with("jdbc:postgresql://[::1]:5432/"));
    }
}
