//! The command line's words about a domain error: the hints that name the flags to change
//! and the commands to run. The library gives every error its kind and keeps the domain
//! error it was made from as the source; here, once, at the boundary where errors become
//! exit codes, that source is read and its hints are put before any the library added.
//! One file per family of domains; this one dispatches by the source's type.

mod cdc;
mod consumers;
mod kafka;
mod postgres;
mod setup;
mod stream;
mod watch;

use cdc::{cdc, connect, replication, slot, wal};
use consumers::{consumer, pipeline};
use kafka::{client, cluster, group, topic};
use postgres::pg;
use setup::{infra, profile, settings};
use stream::{flink, job, plan, replay, sink, stream};
use watch::{dashboard, redis};

use crate::cdc::connect::ConnectError;
use crate::cdc::replication::ReplicationError;
use crate::cdc::state::SlotError;
use crate::cdc::wal::WalError;
use crate::cdc::CdcError;
use crate::consumers::ConsumerError;
use crate::dashboard::DashboardError;
use crate::error::Error;
use crate::groups::GroupError;
use crate::infra::InfraError;
use crate::kafka::admin::TopicError;
use crate::kafka::{ClientError, ClusterError};
use crate::pg::migrate::MigrateError;
use crate::pg::PgError;
use crate::pipeline::PipelineError;
use crate::profile::ProfileError;
use crate::redis_dump::{DumpError, TYPES};
use crate::redisdb::RedisError;
use crate::sampler::SamplerError;
use crate::settings::SettingsError;
use crate::stream::flink::FlinkError;
use crate::stream::job::JobError;
use crate::stream::replay::ReplayError;
use crate::stream::sink::SinkError;
use crate::stream::sql::PlanError;
use crate::stream::StreamError;
use crate::verify::VerifyError;

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
        VerifyError => |e: &VerifyError| match e {
            VerifyError::EmptyRange { .. } => one("give a --from-id at or below --to-id"),
            VerifyError::NoTable(_) => one("name the table as `schema.table` (`public.items`)"),
            VerifyError::KeyNotOneInteger(_) => one(
                "verify --table checks a CDC topic by a primary key of one integer column; compare other tables' topics with `consume tail`",
            ),
        },
    );
    Vec::new()
}

fn one(hint: impl Into<String>) -> Vec<String> {
    vec![hint.into()]
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
