//! Moving a connector between the two engines on the same slot, without loss: the
//! built-in engine stops at a transaction boundary (its stop request: it finishes the
//! transaction in hand, waits for Kafka and confirms the slot), and a Debezium connector
//! with the same topics and event format is created STOPPED on that slot, put at the
//! slot's position through Kafka Connect's offsets API, then resumed. Back: the Debezium
//! connector is stopped, the slot is moved up to Debezium's committed offset (its last
//! commit: Debezium confirms the slot only from time to time) and the connector is
//! deleted; the built-in engine's state is still there, and `connector start NAME`
//! resumes at the slot.

use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{json, Map, Value};
use tokio_postgres::Client;

use crate::cdc::connect::{debezium_config, ConnectClient, DebeziumSpec, TargetState};
use crate::cdc::engine::Resolved;
use crate::cdc::pgoutput::{format_lsn, parse_lsn};
use crate::cdc::{liveness, state, CdcError};
use crate::error::{Error, ErrorKind, Result};
use crate::http::enc;
use crate::settings::Settings;

#[derive(Debug, thiserror::Error)]
pub enum GraduateError {
    #[error("Kafka Connect already has a connector `{0}`")]
    RemoteExists(String),
    #[error("connector `{name}` (built-in) did not stop within {}", humantime::format_duration(*timeout))]
    DidNotStop { name: String, timeout: Duration },
    #[error(
        "connector `{name}` on Kafka Connect uses slot `{remote}`, the built-in one `{builtin}`"
    )]
    OtherSlot {
        name: String,
        remote: String,
        builtin: String,
    },
    #[error("slot `{0}` is still in use after the Debezium connector stopped")]
    SlotBusy(String),
}

impl From<GraduateError> for Error {
    fn from(e: GraduateError) -> Self {
        let kind = match &e {
            GraduateError::RemoteExists(_) | GraduateError::OtherSlot { .. } => ErrorKind::Usage,
            GraduateError::DidNotStop { .. } | GraduateError::SlotBusy(_) => ErrorKind::Runtime,
        };
        Error::new(kind, e.to_string()).with_source(e)
    }
}

/// What a move did.
#[derive(Debug, Clone, Serialize)]
pub struct Graduated {
    pub name: String,
    /// `remote` or `builtin`: where the connector runs now (or is to be started).
    pub to: &'static str,
    pub slot: String,
    /// Where the new engine resumes (the slot's confirmed position).
    pub position: Option<String>,
    /// For `--to remote`: the configuration sent, secrets redacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<Map<String, Value>>,
}

/// Stop the built-in engine (if it runs) and wait until it has; false when it was not
/// running.
pub async fn stop_builtin(c: &Client, name: &str, timeout: Duration) -> Result<bool> {
    let row = state::load(c, name)
        .await?
        .ok_or_else(|| CdcError::NoConnector(name.to_string()))?;
    let slot = state::slot(c, &row.slot).await?;
    if !liveness::is_running(&row, slot.as_ref()) {
        return Ok(false);
    }
    if !state::request_stop(c, name).await? {
        return Err(CdcError::NoConnector(name.to_string()).into());
    }
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if liveness::has_stopped(state::load(c, name).await?.as_ref()) {
            return Ok(true);
        }
    }
    Err(GraduateError::DidNotStop {
        name: name.to_string(),
        timeout,
    }
    .into())
}

/// Built-in → Debezium on Kafka Connect. `hostname` is the database host as the workers
/// reach it.
pub async fn to_remote(
    s: &Settings,
    c: &Client,
    connect: &ConnectClient,
    name: &str,
    hostname: &str,
    timeout: Duration,
) -> Result<Graduated> {
    match connect.status(name).await {
        Ok(_) => return Err(GraduateError::RemoteExists(name.to_string()).into()),
        Err(e) if e.kind == ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    stop_builtin(c, name, timeout).await?;
    let row = state::load(c, name)
        .await?
        .ok_or_else(|| CdcError::NoConnector(name.to_string()))?;
    let slot = state::slot(c, &row.slot)
        .await?
        .ok_or_else(|| CdcError::SlotGone(row.slot.clone()))?;
    let position = slot.confirmed_flush_lsn.as_deref().and_then(parse_lsn);
    let opts: Resolved = serde_json::from_value(row.options.clone())
        .map_err(|e| Error::internal(format!("the stored options of `{name}`: {e}")))?;
    let tls = s.postgres.pgjdbc_tls();
    let spec = DebeziumSpec {
        hostname,
        port: s.postgres.port,
        user: &s.postgres.user,
        password: s.postgres.password.as_deref(),
        dbname: &s.postgres.dbname,
        topic_prefix: &row.topic_prefix,
        tables: &row.tables,
        slot: &row.slot,
        publication: &row.publication,
        // The rows were read by the built-in engine's snapshot: stream only.
        snapshot_mode: "no_data",
        tombstones: opts.tombstones,
        decimal_handling: opts.decimal_handling.debezium(),
        schemas_enable: opts.schemas_enable,
        skipped_operations: Some(opts.skipped_operations.to_string()),
        transaction_metadata: opts.transaction_metadata,
        extended_headers: opts.extended_headers,
        heartbeat_interval_ms: None,
        heartbeat_action_query: None,
        xmin_fetch_interval_ms: None,
        topic_partitions: 1,
        topic_replication_factor: 1,
        tls,
    };
    let mut config = debezium_config(&spec);
    // The publication is the built-in engine's: leave it as it is.
    config.insert(
        "publication.autocreate.mode".into(),
        Value::String("disabled".into()),
    );
    // Created STOPPED (Kafka 3.7+), so the offsets are in place before it first runs.
    connect
        .call(
            reqwest::Method::POST,
            "/connectors",
            Some(&json!({"name": name, "config": config, "initial_state": "STOPPED"})),
        )
        .await?;
    if let Some(lsn) = position {
        let body = json!({"offsets": [{
            "partition": {"server": row.topic_prefix},
            "offset": {"lsn": lsn, "lsn_commit": lsn, "lsn_proc": lsn}
        }]});
        connect
            .call(
                reqwest::Method::PATCH,
                &format!("/connectors/{}/offsets", enc(name)),
                Some(&body),
            )
            .await?;
    }
    connect.move_to(name, TargetState::Running, timeout).await?;
    Ok(Graduated {
        name: name.to_string(),
        to: "remote",
        slot: row.slot,
        position: position.map(format_lsn),
        config: Some(crate::cdc::connect::redact(&config)),
    })
}

/// Debezium on Kafka Connect → the built-in engine (whose state must be there: a
/// connector that came from it).
pub async fn to_builtin(
    c: &Client,
    connect: &ConnectClient,
    name: &str,
    timeout: Duration,
) -> Result<Graduated> {
    let row = state::load(c, name)
        .await?
        .ok_or_else(|| CdcError::NoConnector(name.to_string()))?;
    let config = connect.config(name).await?;
    let remote_slot = config
        .get("slot.name")
        .and_then(Value::as_str)
        .unwrap_or("debezium")
        .to_string();
    if remote_slot != row.slot {
        return Err(GraduateError::OtherSlot {
            name: name.to_string(),
            remote: remote_slot,
            builtin: row.slot,
        }
        .into());
    }
    connect.move_to(name, TargetState::Stopped, timeout).await?;
    let committed = connect
        .offsets(name)
        .await?
        .offsets
        .iter()
        .filter_map(|p| p.offset.as_ref())
        .filter_map(|o| o.get("lsn_commit").or_else(|| o.get("lsn")))
        .filter_map(Value::as_u64)
        .max();
    // The task is gone; its replication connection may take a moment to close.
    let deadline = Instant::now() + timeout;
    loop {
        let slot = state::slot(c, &row.slot)
            .await?
            .ok_or_else(|| CdcError::SlotGone(row.slot.clone()))?;
        if !slot.active {
            break;
        }
        if Instant::now() >= deadline {
            return Err(GraduateError::SlotBusy(row.slot.clone()).into());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // Debezium confirms the slot from time to time; what it committed is further on.
    if let Some(lsn) = committed {
        state::advance_slot(c, &row.slot, lsn).await?;
    }
    connect.delete(name, timeout).await?;
    let position = state::slot(c, &row.slot)
        .await?
        .and_then(|s| s.confirmed_flush_lsn);
    Ok(Graduated {
        name: name.to_string(),
        to: "builtin",
        slot: row.slot,
        position,
        config: None,
    })
}
