//! What can go wrong with the local stack, and the kind (so the exit code) of each.

use crate::error::Error;
use crate::profile::ServiceName;

/// Files and programs of the local stack that could not be written or started; the
/// operating system's error is the source.
#[derive(Debug, thiserror::Error)]
pub enum InfraError {
    #[error("cannot {action} {}", path.display())]
    File {
        /// What was being done to the file: `write`, `create`, `open log`, `delete`...
        action: &'static str,
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start {program}")]
    Start {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot create {}: {source}", dir.display())]
    CreateDir {
        dir: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A program (a service, or a step of starting one) exited before it was up; `tail`
    /// is the end of its log when it did.
    #[error("{what} exited during start-up ({status})")]
    Exited {
        what: String,
        status: String,
        log: std::path::PathBuf,
        tail: String,
    },
    /// A step of starting a service (`pg_ctl start`, formatting storage) that failed.
    #[error("{what} failed ({status})")]
    StepFailed {
        what: String,
        status: String,
        log: std::path::PathBuf,
        tail: String,
    },
    #[error("{what} did not finish within {secs} s")]
    StepTimedOut {
        what: String,
        secs: u64,
        log: std::path::PathBuf,
        tail: String,
    },
    #[error("{what} did not open {host}:{port} within {secs} s")]
    PortNotOpen {
        what: String,
        host: String,
        port: u16,
        secs: u64,
        log: std::path::PathBuf,
        tail: String,
    },
    /// A started service that did not answer its own protocol within the start-up
    /// timeout (`infra.start_timeout_secs`); `last` is the last probe's message.
    #[error("{service} did not answer at {address} within {secs} s: {last}")]
    NoAnswer {
        service: ServiceName,
        address: String,
        secs: u64,
        last: String,
        log: std::path::PathBuf,
        tail: String,
    },
    /// Something else holds the service's port: the probe's error (`source`) is why it
    /// is not the service. The message is the probe's, after this one.
    #[error("something listens on {host}:{port}{} but does not answer as {service}", listener.as_ref().map(|(pid, name)| format!(" (`{name}`, pid {pid})")).unwrap_or_default())]
    Occupied {
        host: String,
        port: u16,
        /// The pid and name of the program that listens, when known.
        listener: Option<(u32, String)>,
        service: ServiceName,
        #[source]
        source: Error,
    },
    /// A service at an address of another machine that does not answer (`source`): not
    /// ours to start. The message is the probe's.
    #[error("{source}")]
    Remote {
        host: String,
        service: ServiceName,
        #[source]
        source: Error,
    },
    #[error("{service} (pid {pid}) did not stop")]
    DidNotStop {
        service: ServiceName,
        pid: u32,
        log: std::path::PathBuf,
    },
    #[error("{service} has no log at {}", path.display())]
    NoLog {
        service: ServiceName,
        path: std::path::PathBuf,
    },
    /// `infra up --topic` (or a plan) names a topic the profile does not define.
    #[error("the profile defines no topic `{0}` to create")]
    NoTopicSpec(String),
    /// `flink.url`, redacted, is not a URL.
    #[error("flink.url `{url}` is not a URL: {reason}")]
    FlinkUrl { url: String, reason: String },
    #[error("no Flink distribution to start (FLINK_HOME or flink.home)")]
    NoFlinkHome,
    #[error("{} is not a Flink distribution (no bin/jobmanager.sh)", .0.display())]
    NotFlinkHome(std::path::PathBuf),
    /// `connect.url`, redacted, is not a URL.
    #[error("connect.url `{url}` is not a URL: {reason}")]
    ConnectUrl { url: String, reason: String },
    #[error("no Kafka Connect runtime to start (connect.home or CONNECT_HOME)")]
    NoConnectHome,
    #[error("{} is neither a Kafka install (bin/connect-distributed.sh) nor a directory of Connect jars (libs/connect-runtime-*.jar)", .0.display())]
    NotConnectHome(std::path::PathBuf),
    /// `wanted` is the `infra.kafka_engine` asked for.
    #[error("no Kafka broker to start (infra.kafka_engine: {wanted})")]
    NoKafka { wanted: &'static str },
    #[error("PostgreSQL server programs (initdb, pg_ctl) were not found")]
    NoPostgres,
    #[error("livedbctl runs as root, and PostgreSQL refuses to; the OS user `{0}` that should run it does not exist")]
    NoOsUser(String),
    #[error("the OS user `{user}` cannot write to {} nor {}", dir.display(), alt.display())]
    UserCannotWrite {
        user: String,
        dir: std::path::PathBuf,
        alt: std::path::PathBuf,
    },
    /// `pg_ctl start` failed (`source`); the message is its error's.
    #[error("{source}")]
    PostgresStart {
        port: u16,
        #[source]
        source: Error,
    },
    #[error("PostgreSQL started but wrote no postmaster.pid")]
    NoPostmasterPid { log: std::path::PathBuf },
    #[error("redis-server was not found on PATH")]
    NoRedis,
    /// `infra down --purge` as root found a directory that neither root alone controls
    /// nor the PostgreSQL OS user owns: a link on its path may lead elsewhere.
    #[error("not deleting {}: another user can redirect its path, and it is not `{user}`'s", path.display())]
    NotPurged {
        path: std::path::PathBuf,
        user: String,
    },
}

/// `map_err` for a file operation: `.map_err(file_error("write", &path))`.
pub fn file_error(
    action: &'static str,
    path: &std::path::Path,
) -> impl FnOnce(std::io::Error) -> crate::error::Error {
    let path = path.to_path_buf();
    move |source| {
        InfraError::File {
            action,
            path,
            source,
        }
        .into()
    }
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<InfraError> for Error {
    fn from(e: InfraError) -> Self {
        use crate::error::ErrorKind;
        let kind = match &e {
            // The error of the probe or step underneath decides, and its message is kept.
            InfraError::Occupied { source, .. } => {
                let mut err = Error::new(source.kind, format!("{e}: {}", source.message));
                err.code = source.code.clone();
                return err.with_source(e);
            }
            InfraError::Remote { source, .. } | InfraError::PostgresStart { source, .. } => {
                let mut err = Error::new(source.kind, source.message.clone());
                err.code = source.code.clone();
                return err.with_source(e);
            }
            InfraError::File { .. } | InfraError::Start { .. } => {
                return Error::from_domain(ErrorKind::Runtime, e)
            }
            InfraError::NoLog { .. }
            | InfraError::NoFlinkHome
            | InfraError::NotFlinkHome(_)
            | InfraError::NoConnectHome
            | InfraError::NotConnectHome(_)
            | InfraError::NoKafka { .. }
            | InfraError::NoPostgres
            | InfraError::NoRedis => ErrorKind::NotFound,
            InfraError::NoTopicSpec(_)
            | InfraError::FlinkUrl { .. }
            | InfraError::ConnectUrl { .. }
            | InfraError::NoOsUser(_) => ErrorKind::Config,
            InfraError::CreateDir { .. }
            | InfraError::Exited { .. }
            | InfraError::StepFailed { .. }
            | InfraError::StepTimedOut { .. }
            | InfraError::PortNotOpen { .. }
            | InfraError::NoAnswer { .. }
            | InfraError::DidNotStop { .. }
            | InfraError::UserCannotWrite { .. }
            | InfraError::NotPurged { .. }
            | InfraError::NoPostmasterPid { .. } => ErrorKind::Runtime,
        };
        // The error's own line, as it always read (a cause in it is already there).
        Error::new(kind, e.to_string()).with_source(e)
    }
}
