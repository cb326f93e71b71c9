//! Hints for change data capture: the built-in engine, its slot and replication checks, Kafka Connect.

use super::one;
use super::postgres::pg;
use crate::cdc::connect::{trace_reason, ConnectError};
use crate::cdc::replication::ReplicationError;
use crate::cdc::state::SlotError;
use crate::cdc::wal::WalError;
use crate::cdc::{CdcError, Setting};

pub fn cdc(e: &CdcError) -> Vec<String> {
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
        CdcError::AlreadyRunning { .. } => {
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

const WAL_LEVEL_HINT: &str = "the server needs wal_level = logical (restart after changing it); `livedbctl db replication check` shows what is missing";

pub fn connect(e: &ConnectError) -> Vec<String> {
    let trace = |t: &Option<String>| {
        format!(
            "trace: {}",
            trace_reason(t.as_deref().unwrap_or("(no trace)"))
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
        ConnectError::TaskFailed { name, trace: t, .. } => {
            let mut hints = vec![trace(t)];
            if t.as_deref().is_some_and(|t| t.contains("requires wal_level >= logical")) {
                hints.push(WAL_LEVEL_HINT.into());
            }
            hints.push(format!("fix the cause, then `livedbctl connector restart {name} --remote --include-tasks --only-failed`"));
            hints
        }
        ConnectError::ConnectorFailed { trace: t, .. } => vec![trace(t)],
        ConnectError::NotInState { name, .. } => one(format!(
            "`livedbctl connector status {name} --remote` shows where it is; Connect keeps moving it"
        )),
        ConnectError::NotStopped { name, .. } => one(format!(
            "stop it first: `livedbctl connector stop {name} --remote`, then `connector resume {name} --remote` after the move"
        )),
        ConnectError::NotRunning { .. } => {
            one("`livedbctl connector status NAME --remote` shows the current state")
        }
        ConnectError::NotJsonNorYaml { .. } => {
            one("expected {\"name\": ..., \"config\": {...}} or a flat config map")
        }
    }
}

pub fn slot(e: &SlotError) -> Vec<String> {
    let mut hints = pg(e.pg());
    match (e, e.pg().sqlstate()) {
        (SlotError::Create(_), Some("55000")) => hints.push(WAL_LEVEL_HINT.into()),
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

pub fn replication(e: &ReplicationError) -> Vec<String> {
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

pub fn wal(e: &WalError) -> Vec<String> {
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
