//! Domain errors at the command boundary: each becomes an [`Error`] of a kind (which
//! decides the exit code) with hints that name the flags to change. Domain modules say
//! what failed in their own words; only this layer knows the command line.

use crate::cdc::wal::WalError;
use crate::cdc::{CdcError, Setting};
use crate::consumers::ConsumerError;
use crate::dashboard::DashboardError;
use crate::error::{Error, ErrorKind};
use crate::groups::GroupError;
use crate::infra::InfraError;
use crate::kafka::admin::TopicError;
use crate::kafka::ClientError;
use crate::pg::tls::TlsFailure;
use crate::pg::PgError;
use crate::pipeline::PipelineError;
use crate::profile::ProfileError;
use crate::profile::SslMode;
use crate::redisdb::RedisError;
use crate::sampler::SamplerError;
use crate::stream::flink::{runner::RunnerError, FlinkError};
use crate::stream::job::JobError;
use crate::stream::replay::ReplayError;
use crate::stream::sink::SinkError;
use crate::stream::sql::PlanError;
use crate::stream::StreamError;

impl From<ConsumerError> for Error {
    fn from(e: ConsumerError) -> Self {
        let (kind, hints): (ErrorKind, Vec<String>) = match &e {
            ConsumerError::UpsertKeyNotAColumn { columns, .. } => (
                ErrorKind::Usage,
                vec![format!(
                    "--upsert-key names columns of the table; its columns: {}",
                    columns.join(", ")
                )],
            ),
            ConsumerError::NoUniqueIndex { table, key } => (
                ErrorKind::Usage,
                vec![format!(
                    "--upsert-key needs a unique index on exactly those columns: CREATE UNIQUE INDEX ON {} ({})",
                    crate::consumers::sink::qualified(table),
                    key.iter()
                        .map(|k| crate::pg::ident(k))
                        .collect::<Vec<_>>()
                        .join(", ")
                )],
            ),
            ConsumerError::MappedColumnUnknown { columns, .. } => (
                ErrorKind::Usage,
                vec![format!(
                    "--map COLUMN=PATH names a writable column; its columns: {}",
                    columns.join(", ")
                )],
            ),
            ConsumerError::BadRule(_) | ConsumerError::RuleWithoutField(_) => (
                ErrorKind::Usage,
                vec!["--when takes FIELD=VALUE or FIELD!=VALUE, e.g. --when priority=high".into()],
            ),
            ConsumerError::StateLost { group, topic, .. } => (
                ErrorKind::Runtime,
                vec![
                    "the counts of the windows open at that moment are gone (Redis restarted without persistence, or its keys were deleted); counting on would be silently wrong, so nothing more is counted".into(),
                    format!("to count again from what Kafka still holds: `livedbctl group seek {group} --topic {topic} --to start --yes` (or --to @TIME), then start the aggregate again"),
                    "where counts must survive a Redis restart, run Redis with persistence (appendonly yes)".into(),
                ],
            ),
        };
        hints
            .into_iter()
            .fold(Error::from_domain(kind, e), |err, h| err.hint(h))
    }
}

impl From<PipelineError> for Error {
    fn from(e: PipelineError) -> Self {
        match &e {
            PipelineError::BadTimestamp { .. } => Error::from_domain(ErrorKind::Usage, e)
                .hint("--since takes e.g. 2026-11-22T04:00:00Z or '2026-11-22 04:00'"),
            PipelineError::SeedFile { .. } => {
                Error::from_domain(ErrorKind::Usage, e).hint("pass an existing file with --file")
            }
        }
    }
}

impl From<CdcError> for Error {
    fn from(e: CdcError) -> Self {
        match &e {
            CdcError::NoConnector(_) => Error::from_domain(ErrorKind::NotFound, e)
                .hint("`livedbctl connector list` shows the connectors of the profile's database"),
            CdcError::Running { name, .. } => {
                let hint = format!("stop it first: `livedbctl connector stop {name}`");
                Error::from_domain(ErrorKind::Runtime, e).hint(hint)
            }
            CdcError::FixedSetting { setting, .. } => {
                let flag = match setting {
                    Setting::TopicPrefix => "--topic-prefix",
                    Setting::Tombstones => "--no-tombstones",
                    Setting::SchemasEnable => "--schemas-enable",
                    Setting::DecimalHandling => "--decimal-handling",
                    Setting::SkippedOperations => "--skipped-operations",
                    Setting::TransactionMetadata => "--transaction-metadata",
                    Setting::ExtendedHeaders => "--extended-headers",
                };
                let hint = format!(
                    "the event format and topics of a connector are fixed when it is created; drop {flag}, or `connector delete` it and start again"
                );
                Error::from_domain(ErrorKind::Usage, e).hint(hint)
            }
            CdcError::NoTables(_) => Error::from_domain(ErrorKind::Usage, e)
                .hint("e.g. `livedbctl connector start NAME --table public.livedb`"),
            CdcError::OtherSlot { .. } => Error::from_domain(ErrorKind::Usage, e)
                .hint("drop --slot/--publication, or delete the connector first"),
            CdcError::WrongPlugin { .. } => {
                Error::from_domain(ErrorKind::Usage, e).hint("choose another --slot")
            }
            CdcError::Unwritable { decimal, .. } => {
                let hint = format!(
                    "Connect's Decimal (--decimal-handling {}) has no NaN or Infinity; nothing was skipped: the slot stays before this change. Fix the row, or `connector delete` and start again with --decimal-handling string or double",
                    decimal.debezium()
                );
                Error::from_domain(ErrorKind::Runtime, e).hint(hint)
            }
        }
    }
}

impl From<WalError> for Error {
    fn from(e: WalError) -> Self {
        match &e {
            WalError::Start { source, .. } if source.is_auth() => {
                Error::from_domain(ErrorKind::Connection, e).hint(
                    "check the profile's postgres user and password; the role needs REPLICATION (`livedbctl db replication check`)",
                )
            }
            WalError::Start { .. } => Error::from_domain(ErrorKind::Connection, e).hint(
                "the replication connection uses the profile's host, port, user, password and sslmode; `livedbctl db replication check` shows what the server lacks (wal_level, free WAL senders, the role's REPLICATION attribute)",
            ),
            WalError::SlotActive { .. } => Error::from_domain(ErrorKind::Runtime, e).hint(
                "only one engine may read a slot: `livedbctl connector list` shows what runs; stop it first",
            ),
            WalError::Lost { .. } => Error::from_domain(ErrorKind::Connection, e).hint(
                "nothing is lost: the slot stays at the last transaction Kafka acknowledged; start the connector again",
            ),
        }
    }
}

impl From<TopicError> for Error {
    fn from(e: TopicError) -> Self {
        use rdkafka::types::RDKafkaErrorCode as C;
        let (kind, hint) = match e.code {
            C::TopicAlreadyExists => (
                ErrorKind::Runtime,
                Some("pass --if-not-exists to accept an existing topic"),
            ),
            C::InvalidReplicationFactor => (
                ErrorKind::Runtime,
                Some("lower -r/--replication-factor to at most the number of brokers"),
            ),
            C::InvalidPartitions => (ErrorKind::Runtime, Some("use at least 1 partition")),
            C::UnknownTopicOrPartition | C::UnknownTopic => (
                ErrorKind::NotFound,
                Some("`livedbctl topic list` shows the topics"),
            ),
            C::TopicAuthorizationFailed => (
                ErrorKind::Runtime,
                Some("check the SASL credentials and ACLs"),
            ),
            C::InvalidConfig => (
                ErrorKind::Runtime,
                Some("check the names and values given with -c/--topic-config or --set"),
            ),
            C::UnsupportedVersion => (
                ErrorKind::Runtime,
                Some("the broker is older than, or does not implement, the Kafka API this command needs"),
            ),
            C::TopicDeletionDisabled => (
                ErrorKind::Runtime,
                Some("set delete.topic.enable=true on the brokers"),
            ),
            C::InvalidTopic => (
                ErrorKind::Usage,
                Some("use letters, digits, '.', '_' and '-' (at most 249 characters)"),
            ),
            _ => (ErrorKind::Runtime, None),
        };
        let code = format!("{:?}", e.code);
        let mut err = Error::from_domain(kind, e).with_code(code);
        if let Some(h) = hint {
            err = err.hint(h);
        }
        err
    }
}

impl From<ProfileError> for Error {
    fn from(e: ProfileError) -> Self {
        Error::from_domain(ErrorKind::Config, e)
            .hint("check the path given to --config / LIVEDB_CONFIG")
    }
}

/// Where an operator sets `sslmode`, named in hints.
const SSL_WHERE: &str =
    "postgres.sslmode in the profile, PGSSLMODE, DB_SSL, or ?sslmode= in DATABASE_URL";
/// Where an operator names the trusted roots, named in hints.
const ROOT_WHERE: &str =
    "postgres.sslrootcert in the profile, PGSSLROOTCERT, or ?sslrootcert= in DATABASE_URL";

impl From<PgError> for Error {
    fn from(e: PgError) -> Self {
        let code = e.sqlstate().map(str::to_string);
        let mut err = match &e {
            PgError::Connect {
                addr,
                db,
                user,
                sslmode,
                source,
            } => match source.as_db_error() {
                Some(d)
                    if d.code().code() == "28000"
                        && *sslmode == SslMode::Disable
                        && (d.message().contains("no encryption") || d.message().contains("SSL off")) =>
                {
                    Error::new(
                        ErrorKind::Connection,
                        format!("PostgreSQL at {addr} accepts only TLS connections: {}", d.message()),
                    )
                    .hint(format!("the server requires TLS: set sslmode=require (encrypts) or sslmode=verify-full with sslrootcert=CA.pem (also checks the server); {SSL_WHERE}"))
                }
                Some(d)
                    if d.code().code() == "28000"
                        && d.message().contains("requires a valid client certificate") =>
                {
                    Error::new(
                        ErrorKind::Connection,
                        format!("PostgreSQL at {addr} refused user `{user}`: {}", d.message()),
                    )
                    .hint("the server wants a client certificate: set postgres.sslcert and postgres.sslkey (or PGSSLCERT/PGSSLKEY, or ?sslcert=&sslkey= in DATABASE_URL)")
                }
                Some(d)
                    if d.code().code() == "28000"
                        && d.message().contains("certificate authentication failed") =>
                {
                    Error::new(
                        ErrorKind::Connection,
                        format!("PostgreSQL at {addr} refused user `{user}`: {}", d.message()),
                    )
                    .hint(format!("the client certificate's common name (CN) must be the user name `{user}` (or be mapped to it in pg_ident.conf)"))
                }
                Some(d) if matches!(d.code().code(), "28P01" | "28000") => Error::new(
                    ErrorKind::Connection,
                    format!("PostgreSQL at {addr} refused user `{user}`: {}", d.message()),
                )
                .hint("check the password (profile postgres.password, DB_PASSWORD or DATABASE_URL)"),
                Some(d) if d.code().code() == "3D000" => Error::new(
                    ErrorKind::NotFound,
                    format!("database `{db}` does not exist on PostgreSQL at {addr}"),
                )
                .hint("create it, or run `livedbctl infra up` for the local stack"),
                Some(d) => Error::new(
                    ErrorKind::Connection,
                    format!("PostgreSQL at {addr}: {}", d.message()),
                ),
                None => Error::new(ErrorKind::Connection, crate::error::chain(&e))
                    .hint("is it running? `livedbctl infra up` starts the local stack; `livedbctl infra status` shows it"),
            },
            PgError::Tls {
                sslmode, failure, host, ..
            } => {
                // Its own words say it all; the handshake's wording underneath repeats it.
                let err = Error::new(ErrorKind::Connection, e.to_string());
                match failure {
                    TlsFailure::Untrusted { .. } => err.hint(format!(
                        "trust the CA that signed the server's certificate: sslrootcert=/path/to/ca.pem (your provider documents it); {ROOT_WHERE}"
                    )).hint("sslmode=require encrypts without checking the certificate (open to interception)"),
                    TlsFailure::NameMismatch { .. } => err.hint(format!(
                        "connect by a name the certificate holds (postgres.host, now `{host}`), or use sslmode=verify-ca to check only who signed it"
                    )),
                    TlsFailure::ServerWithoutTls => err.hint(format!(
                        "enable ssl on the server, or choose sslmode=prefer or disable (now {}) where an unencrypted connection is acceptable",
                        sslmode.as_str()
                    )),
                }
            }
            PgError::LoginTimeout { .. } => Error::new(ErrorKind::Connection, e.to_string())
                .hint("is that a PostgreSQL server? check postgres.host and postgres.port; `livedbctl infra status` shows what runs"),
            PgError::TlsSetup(_) => Error::new(ErrorKind::Config, crate::error::chain(&e)).hint(
                format!("check the certificate files: postgres.sslrootcert, sslcert and sslkey in the profile; {ROOT_WHERE}"),
            ),
            PgError::Query { what, source } => match source.as_db_error() {
                Some(d) => {
                    let err = if d.code().code() == "42P01" {
                        Error::new(ErrorKind::NotFound, format!("{what}: {}", d.message())).hint(
                            "apply the schema with `livedbctl db migrate` (or `livedbctl infra up`)",
                        )
                    } else {
                        Error::new(ErrorKind::Runtime, format!("{what}: {}", d.message()))
                    };
                    match d.detail() {
                        Some(detail) => err.hint(detail.to_string()),
                        None => err,
                    }
                }
                None => Error::new(ErrorKind::Connection, format!("{what}: {source}")),
            },
        };
        if let Some(c) = code {
            err = err.with_code(c);
        }
        err.source = Some(std::sync::Arc::new(e));
        err
    }
}

impl From<ClientError> for Error {
    fn from(e: ClientError) -> Self {
        match &e {
            ClientError::Unreachable { .. } => Error::from_domain(ErrorKind::Connection, e)
                .hint("is the broker running? `livedbctl infra up` starts the local stack; check kafka.brokers / KAFKA_BROKER"),
            ClientError::Settings { .. } => Error::from_domain(ErrorKind::Config, e)
                .hint("check kafka.properties in the profile"),
        }
    }
}

impl From<RedisError> for Error {
    fn from(e: RedisError) -> Self {
        match &e {
            RedisError::BadUrl { .. } => Error::from_domain(ErrorKind::Config, e)
                .hint("expected redis://host:port[/db]"),
            RedisError::Unreachable { .. } => Error::from_domain(ErrorKind::Connection, e)
                .hint("is it running? `livedbctl infra up` starts the local stack; check redis.url / REDIS_URL"),
        }
    }
}

impl From<InfraError> for Error {
    fn from(e: InfraError) -> Self {
        Error::from_domain(ErrorKind::Runtime, e)
    }
}

// The watching domains: the sampler behind `dashboard`/`top`, the dashboard's server, and
// consumer groups (`group`, the sampler's lag).
impl From<SamplerError> for Error {
    fn from(e: SamplerError) -> Self {
        match e {
            SamplerError::Interval(_) => Error::from_domain(ErrorKind::Usage, e)
                .hint("use --interval 1s (the default) or more"),
        }
    }
}

impl From<DashboardError> for Error {
    fn from(e: DashboardError) -> Self {
        match &e {
            DashboardError::Bind { source, .. }
                if source.kind() == std::io::ErrorKind::AddrInUse =>
            {
                Error::runtime(e.to_string()).hint("another program (or another dashboard) uses that port: pick one with --listen 127.0.0.1:PORT")
            }
            DashboardError::Bind { .. } => Error::runtime(e.to_string())
                .hint("check the address given with --listen"),
            DashboardError::Serve(_) => Error::runtime(e.to_string()),
        }
    }
}

impl From<GroupError> for Error {
    fn from(e: GroupError) -> Self {
        let msg = e.to_string();
        match e {
            GroupError::Config(_) => Error::config(msg).hint("check kafka.properties in the profile"),
            GroupError::Unreachable { .. } => Error::connection(msg).hint(
                "is the broker running? `livedbctl infra up` starts the local stack; check kafka.brokers / KAFKA_BROKER",
            ),
            GroupError::NotFound(_) => Error::not_found(msg).hint("`livedbctl group list` shows the groups"),
            GroupError::UnknownTopic(_) => Error::not_found(msg).hint("`livedbctl topic list` shows the topics"),
            GroupError::NothingToSeek(_) => Error::usage(msg).hint("name the topic to move with --topic"),
            GroupError::Active { .. } => Error::runtime(msg)
                .hint("stop the group's consumers first (Ctrl-C or SIGTERM); offsets of a running group are its own"),
            GroupError::Broker { code, .. } => {
                let err = Error::runtime(msg);
                match code {
                    Some(c) => err.with_code(c),
                    None => err,
                }
            }
        }
    }
}

impl From<StreamError> for Error {
    fn from(e: StreamError) -> Self {
        match e {
            StreamError::Job(e) => job_error(e),
            StreamError::Plan(e) => plan_error(e),
            StreamError::Flink(e) => flink_error(e),
            StreamError::Sink(e) => sink_error(e),
            StreamError::Replay(e) => replay_error(e),
            StreamError::AlreadyRunning { ref database, .. } => {
                let hint = format!(
                    "one run per job: stop the other one first (its lock is a PostgreSQL advisory lock in database {database}, released when it ends)"
                );
                Error::from_domain(ErrorKind::Runtime, e).hint(hint)
            }
            e @ StreamError::BadCheckpoint { .. } => Error::from_domain(ErrorKind::Runtime, e)
                .hint(format!(
                    "delete its row from {} to start the group over from the beginning of the topic (or pass -g/--group NEW)",
                    crate::stream::store::TABLE
                )),
        }
    }
}

/// Each part of the stream domain converts through [`StreamError`], so commands use `?`.
macro_rules! through_stream_error {
    ($($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self {
                StreamError::from(e).into()
            }
        }
    )*};
}
through_stream_error!(JobError, PlanError, FlinkError, SinkError, ReplayError);

fn job_error(e: JobError) -> Error {
    match &e {
        JobError::Read { .. } => Error::from_domain(ErrorKind::Usage, e)
            .hint("pass the path of a stream job file (YAML)"),
        JobError::Invalid { .. } => {
            let lines = e.lines();
            let mut err = Error::from_domain(ErrorKind::Usage, e);
            for line in lines {
                err.message.push_str("\n  ");
                err.message.push_str(&line);
            }
            err.hint("the job file format is in the README, section `stream`")
        }
    }
}

fn plan_error(e: PlanError) -> Error {
    let hint = match &e {
        PlanError::NoRecordTimestamp => {
            "name a time field with source.time to read events from a file"
        }
        PlanError::NothingToRun(_) => "add a postgres or kafka sink; `stream run` writes Redis",
    };
    Error::from_domain(ErrorKind::Usage, e).hint(hint)
}

fn flink_error(e: FlinkError) -> Error {
    match &e {
        FlinkError::Unreachable { service, .. } => {
            let hint = if *service == "Flink SQL Gateway" {
                "check flink.sql_gateway_url in the profile; is the gateway running?"
            } else {
                "check flink.url in the profile (or FLINK_URL); is the JobManager running? (`livedbctl infra up` starts a local one when infra.services lists flink)"
            };
            Error::from_domain(ErrorKind::Connection, e).hint(hint)
        }
        FlinkError::NoSuchJob(_) => Error::from_domain(ErrorKind::NotFound, e)
            .hint("`livedbctl stream list` shows the cluster's jobs"),
        FlinkError::Refused { status: 404, .. } => Error::from_domain(ErrorKind::NotFound, e),
        FlinkError::Runner(RunnerError::NoFlinkHome | RunnerError::NoFlinkJars(_)) => {
            Error::from_domain(ErrorKind::Config, e).hint(
                "set FLINK_HOME or flink.home to a Flink distribution (scripts/flink.sh fetches one), or give --runner-jar",
            )
        }
        FlinkError::Runner(RunnerError::NoJdk(_)) => Error::from_domain(ErrorKind::Config, e)
            .hint("install a JDK (Debian: openjdk-17-jdk-headless)"),
        FlinkError::Failed { .. } | FlinkError::Refused { .. } => {
            Error::from_domain(ErrorKind::Runtime, e)
                .hint("the statements are printed by `livedbctl stream plan JOB`")
        }
        _ => Error::from_domain(ErrorKind::Runtime, e),
    }
}

fn sink_error(e: SinkError) -> Error {
    match e {
        // The sink's own connection error already has its kind and hints.
        SinkError::Open { sink, source } => source.context(format!("cannot open the sink {sink}")),
        e @ SinkError::TableMismatch { .. } => Error::from_domain(ErrorKind::Config, e)
            .hint("a changed job needs a new table: change postgres.table, or drop the old table"),
        e => Error::from_domain(ErrorKind::Runtime, e),
    }
}

fn replay_error(e: ReplayError) -> Error {
    match e {
        ReplayError::Sink(s) => sink_error(s),
        e @ ReplayError::NoRecordTimestamp => {
            Error::from_domain(ErrorKind::Usage, e).hint("name a time field with source.time")
        }
        e @ ReplayError::Read { line: 0, .. } => Error::from_domain(ErrorKind::Usage, e),
        e => Error::from_domain(ErrorKind::Runtime, e),
    }
}
