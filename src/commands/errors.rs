//! Domain errors at the command boundary: each becomes an [`Error`] of a kind (which
//! decides the exit code) with hints that name the flags to change. Domain modules say
//! what failed in their own words; only this layer knows the command line.

use crate::cdc::wal::WalError;
use crate::cdc::{CdcError, Setting};
use crate::consumers::ConsumerError;
use crate::error::{Error, ErrorKind};
use crate::infra::InfraError;
use crate::kafka::admin::TopicError;
use crate::kafka::ClientError;
use crate::pg::PgError;
use crate::pipeline::PipelineError;
use crate::profile::ProfileError;
use crate::redisdb::RedisError;

impl From<ConsumerError> for Error {
    fn from(e: ConsumerError) -> Self {
        let hint = match &e {
            ConsumerError::UpsertKeyNotAColumn { columns, .. } => format!(
                "--upsert-key names columns of the table; its columns: {}",
                columns.join(", ")
            ),
            ConsumerError::NoUniqueIndex { table, key } => format!(
                "--upsert-key needs a unique index on exactly those columns: CREATE UNIQUE INDEX ON {} ({})",
                crate::consumers::sink::qualified(table),
                key.iter()
                    .map(|k| crate::pg::ident(k))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ConsumerError::MappedColumnUnknown { columns, .. } => format!(
                "--map COLUMN=PATH names a writable column; its columns: {}",
                columns.join(", ")
            ),
            ConsumerError::BadRule(_) | ConsumerError::RuleWithoutField(_) => {
                "--when takes FIELD=VALUE or FIELD!=VALUE, e.g. --when priority=high".into()
            }
        };
        Error::from_domain(ErrorKind::Usage, e).hint(hint)
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

impl From<PgError> for Error {
    fn from(e: PgError) -> Self {
        let code = e.sqlstate().map(str::to_string);
        let mut err = match &e {
            PgError::Connect {
                addr,
                db,
                user,
                source,
            } => match source.as_db_error() {
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
