//! The command line's words about a domain error: the hints that name the flags to change
//! and the commands to run. The library gives every error its kind and keeps the domain
//! error it was made from as the source; here, once, at the boundary where errors become
//! exit codes, that source is read and its hints are put before any the library added.

use crate::cdc::connect::{first_lines, ConnectError};
use crate::cdc::replication::ReplicationError;
use crate::cdc::state::SlotError;
use crate::cdc::wal::WalError;
use crate::cdc::{CdcError, Setting};
use crate::consumers::ConsumerError;
use crate::dashboard::DashboardError;
use crate::error::Error;
use crate::groups::GroupError;
use crate::infra::InfraError;
use crate::kafka::admin::TopicError;
use crate::kafka::{ClientError, ClusterError};
use crate::pg::migrate::MigrateError;
use crate::pg::tls::TlsFailure;
use crate::pg::{PgError, Refusal};
use crate::pipeline::PipelineError;
use crate::profile::ProfileError;
use crate::redis_dump::{DumpError, TYPES};
use crate::redisdb::RedisError;
use crate::sampler::SamplerError;
use crate::settings::SettingsError;
use crate::stream::flink::{runner::RunnerError, FlinkError};
use crate::stream::job::JobError;
use crate::stream::replay::ReplayError;
use crate::stream::sink::SinkError;
use crate::stream::sql::PlanError;
use crate::stream::StreamError;

/// `e` with the hints of the domain error it was made from, first.
pub fn explained(mut e: Error) -> Error {
    let Some(source) = e.source.clone() else {
        return e;
    };
    let mut hints = hints(source.as_ref());
    if !hints.is_empty() {
        hints.append(&mut e.hints);
        e.hints = hints;
    }
    e
}

/// The hints for one domain error (none for an error of no domain).
fn hints(e: &(dyn std::error::Error + Send + Sync + 'static)) -> Vec<String> {
    macro_rules! first_of {
        ($($t:ty => $f:expr),* $(,)?) => {$(
            if let Some(x) = e.downcast_ref::<$t>() {
                return $f(x);
            }
        )*};
    }
    first_of!(
        ConsumerError => consumer,
        PipelineError => pipeline,
        CdcError => cdc,
        ConnectError => connect,
        SlotError => slot,
        ReplicationError => replication,
        WalError => wal,
        TopicError => topic,
        ProfileError => profile,
        SettingsError => settings,
        PgError => pg,
        MigrateError => |e: &MigrateError| match e {
            MigrateError::Newer(_) => one("upgrade livedbctl"),
        },
        ClientError => client,
        ClusterError => cluster,
        RedisError => redis,
        DumpError => |e: &DumpError| match e {
            DumpError::UnknownType(_) => one(format!("use one of: {}", TYPES.join(", "))),
        },
        InfraError => infra,
        SamplerError => |_: &SamplerError| one("use --interval 1s (the default) or more"),
        DashboardError => dashboard,
        GroupError => group,
        StreamError => stream,
        JobError => job,
        PlanError => plan,
        FlinkError => flink,
        SinkError => sink,
        ReplayError => replay,
    );
    Vec::new()
}

fn one(hint: impl Into<String>) -> Vec<String> {
    vec![hint.into()]
}

fn consumer(e: &ConsumerError) -> Vec<String> {
    match e {
        ConsumerError::UpsertKeyNotAColumn { columns, .. } => one(format!(
            "--upsert-key names columns of the table; its columns: {}",
            columns.join(", ")
        )),
        ConsumerError::NoUniqueIndex { table, key } => one(format!(
            "--upsert-key needs a unique index on exactly those columns: CREATE UNIQUE INDEX ON {} ({})",
            crate::consumers::sink::qualified(table),
            key.iter()
                .map(|k| crate::pg::ident(k))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        ConsumerError::MappedColumnUnknown { columns, .. } => one(format!(
            "--map COLUMN=PATH names a writable column; its columns: {}",
            columns.join(", ")
        )),
        ConsumerError::BadRule(_) | ConsumerError::RuleWithoutField(_) => {
            one("--when takes FIELD=VALUE or FIELD!=VALUE, e.g. --when priority=high")
        }
        ConsumerError::StateLost { group, topic, .. } => vec![
            "the counts of the windows open at that moment are gone (Redis restarted without persistence, or its keys were deleted); counting on would be silently wrong, so nothing more is counted".into(),
            format!("to count again from what Kafka still holds: `livedbctl group seek {group} --topic {topic} --to start --yes` (or --to @TIME), then start the aggregate again"),
            "where counts must survive a Redis restart, run Redis with persistence (appendonly yes)".into(),
        ],
        ConsumerError::UnknownTopic { topic, .. } => {
            one(format!("create it: `livedbctl topic create {topic}`"))
        }
        ConsumerError::CommitFailed { .. } => one(
            "the batch was written; it will be read again after a restart (idempotent writes make that harmless)",
        ),
        ConsumerError::ForwardFailed { .. } | ConsumerError::DeadLetterFailed { .. } => {
            one("offsets were not committed: the batch will be read again")
        }
        ConsumerError::NoTable(_) => one(
            "create it first (or name it as schema.table); `consume sink` writes into an existing table",
        ),
        ConsumerError::PrepareInsert { upsert_key, source } => {
            let mut hints = pg(source);
            if source.sqlstate() == Some("42P10") {
                hints.push(format!(
                    "an upsert needs a unique index or primary key on ({})",
                    upsert_key.join(", ")
                ));
            }
            hints
        }
    }
}

fn pipeline(e: &PipelineError) -> Vec<String> {
    match e {
        PipelineError::BadTimestamp { .. } => {
            one("--since takes e.g. 2026-11-22T04:00:00Z or '2026-11-22 04:00'")
        }
        PipelineError::SeedFile { .. } => one("pass an existing file with --file"),
        PipelineError::NoSeedRows(_) => one("add rows with org, amount and region"),
        PipelineError::InvalidSeed { .. } => one(
            "fix the lines above; each row needs org and region (1-255 characters) and amount (a number with at most 8 digits before and 2 after the point)",
        ),
        PipelineError::NoTopic { topic, .. } => one(format!(
            "create it: `livedbctl topic create {topic}` (or `livedbctl topic create`, which creates the profile's topics and kafka.topic)"
        )),
        PipelineError::Unreconciled { .. } => {
            one("is the broker healthy? `livedbctl infra status`")
        }
        PipelineError::ProducerRunning { .. } => one(
            "only one producer may advance the offsets: stop the other one first (or wait for it to finish)",
        ),
    }
}

fn cdc(e: &CdcError) -> Vec<String> {
    match e {
        CdcError::NoConnector(_) => {
            one("`livedbctl connector list` shows the connectors of the profile's database")
        }
        CdcError::Running { name, .. } => {
            one(format!("stop it first: `livedbctl connector stop {name}`"))
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
            one(format!(
                "the event format and topics of a connector are fixed when it is created; drop {flag}, or `connector delete` it and start again"
            ))
        }
        CdcError::NoTables(_) => one("e.g. `livedbctl connector start NAME --table public.livedb`"),
        CdcError::OtherSlot { .. } => {
            one("drop --slot/--publication, or delete the connector first")
        }
        CdcError::WrongPlugin { .. } => one("choose another --slot"),
        CdcError::AlreadyRunning(_) => {
            one("`livedbctl connector status NAME` shows where; stop it first")
        }
        CdcError::SlotGone(_) => {
            one("was it dropped? `livedbctl connector delete` then start again")
        }
        CdcError::Unacknowledged { .. } => one(
            "nothing was lost: the slot was not confirmed past it; the engine resumes from the last acknowledged transaction",
        ),
        CdcError::StreamEnded(_) => one("nothing is lost: start the connector again"),
        CdcError::NoTable { .. } => one("name tables as schema.table; `\\dt` in psql lists them"),
        CdcError::Unwritable { decimal, .. } => one(format!(
            "Connect's Decimal (--decimal-handling {}) has no NaN or Infinity; nothing was skipped: the slot stays before this change. Fix the row, or `connector delete` and start again with --decimal-handling string or double",
            decimal.debezium()
        )),
    }
}

fn connect(e: &ConnectError) -> Vec<String> {
    let trace = |t: &Option<String>| {
        format!(
            "trace: {}",
            first_lines(t.as_deref().unwrap_or("(no trace)"), 12)
        )
    };
    match e {
        ConnectError::Unreachable { .. } => one(
            "check connect.url in the profile (or CONNECT_URL); is the Connect worker running?",
        ),
        ConnectError::Refused { status: 404, .. } => {
            one("`livedbctl connector list --remote` shows the connectors")
        }
        ConnectError::Refused { status: 409, .. } => one("try again in a moment"),
        ConnectError::Refused { .. } => Vec::new(),
        ConnectError::TaskFailed { name, trace: t, .. } => vec![
            trace(t),
            format!("fix the cause, then `livedbctl connector restart {name} --remote --include-tasks --only-failed`"),
        ],
        ConnectError::ConnectorFailed { trace: t, .. } => vec![trace(t)],
        ConnectError::NotRunning { .. } => {
            one("`livedbctl connector status NAME --remote` shows the current state")
        }
        ConnectError::NotJsonNorYaml { .. } => {
            one("expected {\"name\": ..., \"config\": {...}} or a flat config map")
        }
    }
}

fn slot(e: &SlotError) -> Vec<String> {
    let mut hints = pg(e.pg());
    match (e, e.pg().sqlstate()) {
        (SlotError::Create(_), Some("55000")) => hints.push(
            "the server needs wal_level = logical (restart after changing it); `livedbctl db replication check` shows what is missing".into(),
        ),
        (SlotError::Create(_), Some("53400")) => hints.push(
            "all replication slots are in use: raise max_replication_slots or drop an abandoned slot (`livedbctl connector list`)".into(),
        ),
        (SlotError::Drop(_), Some("55006")) => hints.push(
            "the slot is in use: stop the running connector first (`livedbctl connector stop NAME` or Ctrl-C)".into(),
        ),
        _ => {}
    }
    hints
}

fn replication(e: &ReplicationError) -> Vec<String> {
    match e {
        ReplicationError::Setup(pg_error) => {
            let mut hints = pg(pg_error);
            if pg_error.sqlstate() == Some("42501") {
                hints.push("creating roles and publications needs a superuser (or CREATEROLE and table ownership); run as one".into());
            }
            hints
        }
        ReplicationError::ChecksFailed { .. } => {
            one("apply the fixes shown; `livedbctl db replication setup` does the SQL part")
        }
    }
}

fn wal(e: &WalError) -> Vec<String> {
    match e {
        WalError::Start { source, .. } if source.is_auth() => one(
            "check the profile's postgres user and password; the role needs REPLICATION (`livedbctl db replication check`)",
        ),
        WalError::Start { .. } => one(
            "the replication connection uses the profile's host, port, user, password and sslmode; `livedbctl db replication check` shows what the server lacks (wal_level, free WAL senders, the role's REPLICATION attribute)",
        ),
        WalError::SlotActive { .. } => one(
            "only one engine may read a slot: `livedbctl connector list` shows what runs; stop it first",
        ),
        WalError::Lost { .. } => one(
            "nothing is lost: the slot stays at the last transaction Kafka acknowledged; start the connector again",
        ),
    }
}

fn topic(e: &TopicError) -> Vec<String> {
    use rdkafka::types::RDKafkaErrorCode as C;
    let hint = match e.code {
        C::TopicAlreadyExists => "pass --if-not-exists to accept an existing topic",
        C::InvalidReplicationFactor => {
            "lower -r/--replication-factor to at most the number of brokers"
        }
        C::InvalidPartitions => "use at least 1 partition",
        C::UnknownTopicOrPartition | C::UnknownTopic => "`livedbctl topic list` shows the topics",
        C::TopicAuthorizationFailed => "check the SASL credentials and ACLs",
        C::InvalidConfig => "check the names and values given with -c/--topic-config or --set",
        C::UnsupportedVersion => {
            "the broker is older than, or does not implement, the Kafka API this command needs"
        }
        C::TopicDeletionDisabled => "set delete.topic.enable=true on the brokers",
        C::InvalidTopic => "use letters, digits, '.', '_' and '-' (at most 249 characters)",
        _ => return Vec::new(),
    };
    one(hint)
}

/// Where an operator sets `sslmode`, named in hints.
const SSL_WHERE: &str =
    "postgres.sslmode in the profile, PGSSLMODE, DB_SSL, or ?sslmode= in DATABASE_URL";
/// Where an operator names the trusted roots, named in hints.
const ROOT_WHERE: &str =
    "postgres.sslrootcert in the profile, PGSSLROOTCERT, or ?sslrootcert= in DATABASE_URL";

fn profile(e: &ProfileError) -> Vec<String> {
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

fn settings(e: &SettingsError) -> Vec<String> {
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
    }
}

fn infra(e: &InfraError) -> Vec<String> {
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
        InfraError::NoRedis => one(
            "install Redis (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`)",
        ),
    }
}

fn pg(e: &PgError) -> Vec<String> {
    match e {
        PgError::Connect { user, .. } => match e.refusal() {
            Some(Refusal::TlsRequired) => one(format!(
                "the server requires TLS: set sslmode=require (encrypts) or sslmode=verify-full with sslrootcert=CA.pem (also checks the server); {SSL_WHERE}"
            )),
            Some(Refusal::ClientCertRequired) => one(
                "the server wants a client certificate: set postgres.sslcert and postgres.sslkey (or PGSSLCERT/PGSSLKEY, or ?sslcert=&sslkey= in DATABASE_URL)",
            ),
            Some(Refusal::CertificateRejected) => one(format!(
                "the client certificate's common name (CN) must be the user name `{user}` (or be mapped to it in pg_ident.conf)"
            )),
            Some(Refusal::Login) => {
                one("check the password (profile postgres.password, DB_PASSWORD or DATABASE_URL)")
            }
            Some(Refusal::NoDatabase) => {
                one("create it, or run `livedbctl infra up` for the local stack")
            }
            Some(Refusal::Other) => Vec::new(),
            Some(Refusal::NoAnswer) | None => one(
                "is it running? `livedbctl infra up` starts the local stack; `livedbctl infra status` shows it",
            ),
        },
        PgError::Tls {
            sslmode,
            failure,
            host,
            ..
        } => match failure {
            TlsFailure::Untrusted { .. } => vec![
                format!("trust the CA that signed the server's certificate: sslrootcert=/path/to/ca.pem (your provider documents it); {ROOT_WHERE}"),
                "sslmode=require encrypts without checking the certificate (open to interception)".into(),
            ],
            TlsFailure::NameMismatch { .. } => one(format!(
                "connect by a name the certificate holds (postgres.host, now `{host}`), or use sslmode=verify-ca to check only who signed it"
            )),
            TlsFailure::ServerWithoutTls => one(format!(
                "enable ssl on the server, or choose sslmode=prefer or disable (now {}) where an unencrypted connection is acceptable",
                sslmode.as_str()
            )),
        },
        PgError::LoginTimeout { .. } => one(
            "is that a PostgreSQL server? check postgres.host and postgres.port; `livedbctl infra status` shows what runs",
        ),
        PgError::TlsSetup(_) => one(format!(
            "check the certificate files: postgres.sslrootcert, sslcert and sslkey in the profile; {ROOT_WHERE}"
        )),
        PgError::Query { source, .. } => match source.as_db_error() {
            Some(d) => {
                let mut hints = Vec::new();
                if d.code().code() == "42P01" {
                    hints.push(
                        "apply the schema with `livedbctl db migrate` (or `livedbctl infra up`)"
                            .to_string(),
                    );
                }
                hints.extend(d.detail().map(str::to_string));
                hints
            }
            None => Vec::new(),
        },
    }
}

fn client(e: &ClientError) -> Vec<String> {
    match e {
        ClientError::Unreachable { .. } => one(
            "is the broker running? `livedbctl infra up` starts the local stack; check kafka.brokers / KAFKA_BROKER",
        ),
        ClientError::Settings { .. } => one("check kafka.properties in the profile"),
    }
}

fn cluster(e: &ClusterError) -> Vec<String> {
    match e {
        ClusterError::NoTopic { topic, .. } => {
            one(format!("create it: `livedbctl topic create {topic}`"))
        }
        ClusterError::NoTopics(_) => one("`livedbctl topic list` shows the topics"),
        ClusterError::NoPartition { .. } => one("`livedbctl topic describe` shows the partitions"),
        ClusterError::Commit(_) => {
            one("the group may have been rebalanced; the records will be read again")
        }
    }
}

fn redis(e: &RedisError) -> Vec<String> {
    match e {
        RedisError::BadUrl { .. } => one("expected redis://host:port[/db]"),
        RedisError::Unreachable { .. } => one(
            "is it running? `livedbctl infra up` starts the local stack; check redis.url / REDIS_URL",
        ),
    }
}

fn dashboard(e: &DashboardError) -> Vec<String> {
    match e {
        DashboardError::Bind { source, .. } if source.kind() == std::io::ErrorKind::AddrInUse => one(
            "another program (or another dashboard) uses that port: pick one with --listen 127.0.0.1:PORT",
        ),
        DashboardError::Bind { .. } => one("check the address given with --listen"),
        DashboardError::Serve(_) => Vec::new(),
    }
}

fn group(e: &GroupError) -> Vec<String> {
    match e {
        GroupError::Config(_) => one("check kafka.properties in the profile"),
        GroupError::Unreachable { .. } => one(
            "is the broker running? `livedbctl infra up` starts the local stack; check kafka.brokers / KAFKA_BROKER",
        ),
        GroupError::NotFound(_) => one("`livedbctl group list` shows the groups"),
        GroupError::UnknownTopic(_) => one("`livedbctl topic list` shows the topics"),
        GroupError::NothingToSeek(_) => one("name the topic to move with --topic"),
        GroupError::Active { .. } => one(
            "stop the group's consumers first (Ctrl-C or SIGTERM); offsets of a running group are its own",
        ),
        GroupError::Broker { .. } => Vec::new(),
    }
}

fn stream(e: &StreamError) -> Vec<String> {
    match e {
        StreamError::Job(e) => job(e),
        StreamError::Plan(e) => plan(e),
        StreamError::Flink(e) => flink(e),
        StreamError::Sink(e) => sink(e),
        StreamError::Replay(e) => replay(e),
        StreamError::AlreadyRunning { database, .. } => one(format!(
            "one run per job: stop the other one first (its lock is a PostgreSQL advisory lock in database {database}, released when it ends)"
        )),
        StreamError::BadCheckpoint { .. } => one(format!(
            "delete its row from {} to start the group over from the beginning of the topic (or pass -g/--group NEW)",
            crate::stream::store::TABLE
        )),
    }
}

fn job(e: &JobError) -> Vec<String> {
    match e {
        JobError::Read { .. } => one("pass the path of a stream job file (YAML)"),
        JobError::Invalid { .. } => {
            one("the job file format is in docs/stream.md, section `The job file`")
        }
    }
}

fn plan(e: &PlanError) -> Vec<String> {
    one(match e {
        PlanError::NoRecordTimestamp => {
            "name a time field with source.time to read events from a file"
        }
        PlanError::NothingToRun(_) => "add a postgres or kafka sink; `stream run` writes Redis",
    })
}

fn flink(e: &FlinkError) -> Vec<String> {
    match e {
        FlinkError::Unreachable { service, .. } if *service == "Flink SQL Gateway" => {
            one("check flink.sql_gateway_url in the profile; is the gateway running?")
        }
        FlinkError::Unreachable { .. } => one(
            "check flink.url in the profile (or FLINK_URL); is the JobManager running? (`livedbctl infra up` starts a local one when infra.services lists flink)",
        ),
        FlinkError::NoSuchJob(_) => one("`livedbctl stream list` shows the cluster's jobs"),
        FlinkError::Refused { status: 404, .. } => Vec::new(),
        FlinkError::Runner(RunnerError::NoFlinkHome | RunnerError::NoFlinkJars(_)) => one(
            "set FLINK_HOME or flink.home to a Flink distribution (scripts/flink.sh fetches one), or give --runner-jar",
        ),
        FlinkError::Runner(RunnerError::NoJdk(_)) => {
            one("install a JDK (Debian: openjdk-17-jdk-headless)")
        }
        FlinkError::Failed { .. } | FlinkError::Refused { .. } => {
            one("the statements are printed by `livedbctl stream plan JOB`")
        }
        _ => Vec::new(),
    }
}

fn sink(e: &SinkError) -> Vec<String> {
    match e {
        // Opening a sink becomes the connection's own error (`From<SinkError>`), whose
        // source answers for itself.
        SinkError::Open { .. } => Vec::new(),
        SinkError::TableMismatch { .. } => {
            one("a changed job needs a new table: change postgres.table, or drop the old table")
        }
        _ => Vec::new(),
    }
}

fn replay(e: &ReplayError) -> Vec<String> {
    match e {
        ReplayError::Sink(s) => sink(s),
        ReplayError::NoRecordTimestamp => one("name a time field with source.time"),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn an_unknown_profile_lists_what_exists_then_the_nearest_then_where() {
        let e = explained(
            ProfileError::Unknown {
                name: "stagng".into(),
                known: vec!["local".into(), "staging".into()],
                near: Some("staging".into()),
                searched: vec!["/a".into(), "/b".into()],
            }
            .into(),
        );
        assert_eq!(e.message, "unknown profile `stagng`");
        assert_eq!(e.exit_code(), 2);
        assert_eq!(
            e.hints,
            [
                "known profiles: local, staging",
                "did you mean `staging`?",
                "searched: /a, /b"
            ]
        );
    }

    #[test]
    fn a_wrapped_error_keeps_its_own_hints_before_the_wrappers() {
        let probe = Error::from(SettingsError::NotHostPort("x".into())).hint("from the library");
        let e = explained(
            InfraError::Occupied {
                host: "127.0.0.1".into(),
                port: 9092,
                listener: Some((7, "nc".into())),
                service: crate::profile::ServiceName::Kafka,
                source: probe,
            }
            .into(),
        );
        assert_eq!(
            e.message,
            "something listens on 127.0.0.1:9092 (`nc`, pid 7) but does not answer as kafka: `x` is not host:port"
        );
        assert_eq!(e.kind, ErrorKind::Config);
        assert_eq!(
            e.hints,
            [
                "write brokers as host:port, e.g. 127.0.0.1:9092",
                "from the library",
                "stop that program, or give this profile another port for kafka; nothing was started"
            ]
        );
    }

    #[test]
    fn connects_refusal_keeps_its_status_as_the_code() {
        let e = explained(
            ConnectError::Refused {
                what: "Kafka Connect GET /connectors/x/status".into(),
                status: 404,
                message: "No status found".into(),
            }
            .into(),
        );
        assert_eq!(
            e.message,
            "Kafka Connect GET /connectors/x/status: No status found"
        );
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert_eq!(e.code.as_deref(), Some("404"));
        assert_eq!(
            e.hints,
            ["`livedbctl connector list --remote` shows the connectors"]
        );
    }

    #[test]
    fn a_failed_task_shows_its_trace_then_the_restart() {
        let e = explained(
            ConnectError::TaskFailed {
                name: "c".into(),
                task: 0,
                connector_state: "RUNNING".into(),
                trace: Some("a\nb".into()),
            }
            .into(),
        );
        assert_eq!(
            e.message,
            "task 0 of connector `c` FAILED (the connector itself reports RUNNING)"
        );
        assert_eq!(
            e.hints,
            [
                "trace: a\n    b",
                "fix the cause, then `livedbctl connector restart c --remote --include-tasks --only-failed`"
            ]
        );
    }

    #[test]
    fn a_hint_added_after_the_library_comes_last() {
        let e = explained(Error::from(SettingsError::NoBrokers("p.yaml".into())).hint("later"));
        assert_eq!(e.message, "profile p.yaml: kafka.brokers is empty");
        assert_eq!(
            e.hints,
            ["set kafka.brokers to host:port (or KAFKA_BROKER)", "later"]
        );
    }
}
