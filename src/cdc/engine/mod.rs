//! The built-in capture engine: publication + pgoutput slot, optional snapshot, then a loop
//! of peek -> publish -> wait for Kafka acks -> advance the slot.
//!
//! Delivery is at-least-once: the slot is advanced only past changes Kafka acknowledged,
//! so a crash re-sends (at most) the batch that was in flight.
//!
//! Snapshot consistency over SQL: the slot is created first (its consistent point C), then
//! the tables are read in a REPEATABLE READ transaction whose snapshot S is recorded
//! (`pg_current_snapshot()`). The slot streams every transaction committing after C;
//! those already visible in S are in the snapshot, so a streamed transaction is skipped
//! exactly when S sees its xid. Nothing is lost (everything invisible to S commits after C
//! and is streamed) and nothing is doubled (everything visible is skipped). S is stored
//! with the connector so the rule survives restarts.
//!
//! Memory: `pg_logical_slot_peek_binary_changes` stops after `upto_nchanges` only at a
//! transaction boundary, so one 100,000-row transaction comes back whole from one call
//! (PostgreSQL spills it to disk on its side). The engine streams the rows of a call
//! (`query_raw`), publishes as it goes and keeps at most `MAX_PENDING` deliveries
//! outstanding; memory stays bounded by the producer queue, not by the transaction.

mod apply;
mod config;
mod prepare;
mod publisher;
mod snapshot;
mod stream;

pub use config::{default_publication, is_valid_slot_name, slot_name, EngineConfig, SnapshotMode};

use apply::Engine;
use prepare::prepare;
use publisher::Publisher;
use snapshot::{snapshot, SnapshotMark};
use stream::stream;

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use serde::Serialize;
use tokio::sync::watch;

use crate::cdc::envelope::EnvelopeOptions;
use crate::cdc::state::{self};
use crate::error::{Error, Result};
use crate::pg::{self, query_error};
use crate::profile::{Scalar, TopicSpec};
use crate::settings::{KafkaSettings, PgSettings};

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub connector: String,
    /// snapshot | streaming | stopped
    pub phase: &'static str,
    /// Records published and acknowledged or in flight (changes, tombstones, truncates).
    pub events: u64,
    pub snapshot_rows: u64,
    pub transactions: u64,
    /// Transactions skipped because the snapshot already held them.
    pub skipped_transactions: u64,
    pub events_per_sec: f64,
    /// LSN of the last change seen.
    pub last_lsn: Option<String>,
    /// Where the slot stands (everything before it is acknowledged by Kafka).
    pub confirmed_lsn: Option<String>,
    pub slot_lag_bytes: Option<i64>,
    pub uptime_s: f64,
}

/// What the engine tells the command while it runs.
pub enum Progress<'a> {
    Info(String),
    Stats(&'a Stats),
}

pub(super) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub use crate::infra::process::hostname;

/// Run the connector until stopped (or idle with `until_idle`).
pub async fn run(
    pg_settings: &PgSettings,
    kafka: &KafkaSettings,
    cfg: &EngineConfig,
    mut stop: watch::Receiver<bool>,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Stats> {
    let client = pg::connect(pg_settings).await?;
    client
        .batch_execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3; SET bytea_output = 'hex'")
        .await
        .map_err(|e| query_error("setting session parameters", e))?;
    let locked: bool = client
        .query_one(
            "SELECT pg_try_advisory_lock(hashtext('livedbctl.connector'), hashtext($1))",
            &[&cfg.name],
        )
        .await
        .map_err(|e| query_error("locking the connector", e))?
        .get(0);
    if !locked {
        return Err(
            Error::runtime(format!("connector `{}` is already running", cfg.name))
                .hint("`livedbctl connector status NAME` shows where; stop it first"),
        );
    }
    let (row, res) = prepare(&client, cfg, observer).await?;
    let mut catalog = BTreeMap::new();
    for t in &row.tables {
        let c = state::catalog_table(&client, t).await?;
        if c.key_names.is_empty() && c.replica_identity != b'f' {
            observer(Progress::Info(format!(
                "warning: `{t}` has no primary key nor replica identity: UPDATE/DELETE on it will fail while it is published (ALTER TABLE {t} REPLICA IDENTITY FULL)"
            )));
        }
        catalog.insert(t.clone(), c);
    }
    let topics: Vec<TopicSpec> = row
        .topics()
        .into_iter()
        .map(|name| TopicSpec {
            name,
            partitions: cfg.partitions,
            replication_factor: cfg.replication_factor,
            configs: BTreeMap::<String, Scalar>::new(),
        })
        .collect();
    let created = crate::kafka::admin::ensure_topics(kafka, &topics, false).await?;
    for t in created.iter().filter(|t| t.status == "created") {
        observer(Progress::Info(format!("created topic `{}`", t.name)));
    }
    let dbname: String = client
        .query_one("SELECT current_database()::text", &[])
        .await
        .map_err(|e| query_error("reading current_database()", e))?
        .get(0);
    let now = Instant::now();
    let mut eng = Engine {
        cfg,
        opts: EnvelopeOptions {
            topic_prefix: res.topic_prefix.clone(),
            db: dbname,
            decimal: res.decimal_handling,
            schemas_enable: res.schemas_enable,
        },
        res: res.clone(),
        catalog,
        tables: HashMap::new(),
        publisher: Publisher::new(kafka)?,
        stats: Stats {
            connector: cfg.name.clone(),
            phase: "snapshot",
            events: 0,
            snapshot_rows: 0,
            transactions: 0,
            skipped_transactions: 0,
            events_per_sec: 0.0,
            last_lsn: None,
            confirmed_lsn: None,
            slot_lag_bytes: None,
            uptime_s: 0.0,
        },
        pid: std::process::id() as i32,
        host: hostname(),
        started: now,
        rate_window: (now, 0),
        last_report: now,
    };
    state::heartbeat(&client, &cfg.name, eng.pid, &eng.host).await?;

    let do_snapshot = match res.snapshot {
        SnapshotMode::Never => false,
        SnapshotMode::Always => true,
        SnapshotMode::Initial | SnapshotMode::InitialOnly => !row.snapshot_done,
    };
    let mut mark = row.snapshot_xip.as_deref().and_then(SnapshotMark::parse);
    if do_snapshot {
        let snap = snapshot(&client, &mut eng, &row, &stop, observer).await?;
        eng.publisher.drain().await?;
        let Some(text) = snap else {
            observer(Progress::Info(format!(
                "stopped during the snapshot after {} rows; the next start snapshots again",
                eng.stats.snapshot_rows
            )));
            eng.stats.phase = "stopped";
            state::mark_stopped(&client, &cfg.name).await?;
            eng.finish();
            return Ok(eng.stats);
        };
        state::mark_snapshot(&client, &cfg.name, true, Some(&text)).await?;
        mark = SnapshotMark::parse(&text);
        observer(Progress::Info(format!(
            "snapshot done: {} rows",
            eng.stats.snapshot_rows
        )));
    }
    if res.snapshot == SnapshotMode::InitialOnly {
        eng.stats.phase = "stopped";
        eng.finish();
        state::mark_stopped(&client, &cfg.name).await?;
        return Ok(eng.stats);
    }
    eng.stats.phase = "streaming";
    let result = stream(&client, &mut eng, mark.as_ref(), &mut stop, observer).await;
    eng.stats.phase = "stopped";
    let _ = state::mark_stopped(&client, &cfg.name).await;
    eng.finish();
    result.map(|_| eng.stats)
}
