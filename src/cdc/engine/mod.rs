//! The built-in capture engine: publication + pgoutput slot, optional snapshot, then the
//! slot streamed over the replication protocol (`START_REPLICATION ... LOGICAL`), each
//! change published as Debezium's PostgreSQL connector would publish it.
//!
//! Delivery is at-least-once: the slot is confirmed only up to the end of the newest
//! transaction whose records Kafka acknowledged, so a crash re-sends (at most) what was
//! received but not yet confirmed.
//!
//! Snapshot consistency: the slot is created first (its consistent point C), then the
//! tables are read in a REPEATABLE READ transaction whose snapshot S is recorded
//! (`pg_current_snapshot()`). The slot streams every transaction committing after C;
//! those already visible in S are in the snapshot, so a streamed transaction is skipped
//! exactly when S sees its xid. Nothing is lost (everything invisible to S commits after C
//! and is streamed) and nothing is doubled (everything visible is skipped). S is stored
//! with the connector so the rule survives restarts, and it also serves `--snapshot always`
//! on an existing slot, which an exported snapshot (only available when a slot is created)
//! could not.
//!
//! Memory: a transaction arrives as a stream of messages after its commit; the engine
//! publishes as it reads and keeps at most `MAX_PENDING` deliveries outstanding. While it
//! waits for Kafka it stops reading, and TCP back-pressure holds the walsender; the
//! replication client keeps answering keepalives meanwhile.

mod apply;
mod config;
mod prepare;
mod publisher;
mod snapshot;
mod stream;

pub use config::{
    default_publication, is_valid_slot_name, slot_name, EngineConfig, Resolved, SkippedOps,
    SnapshotMode,
};

use apply::Engine;
use prepare::{prepare, Prepared};
use publisher::Publisher;
use snapshot::{snapshot, SnapshotMark};
use stream::stream;

use std::collections::BTreeMap;

use crate::shutdown::Stop;
use serde::Serialize;

use crate::cdc::envelope::{self, EnvelopeOptions};
use crate::cdc::pgoutput::parse_lsn;
use crate::cdc::state::{self};
use crate::cdc::types::TypeCatalog;
use crate::cdc::CdcError;
use crate::error::Result;
use crate::pg::{self, query_error};
use crate::profile::{Scalar, TopicSpec};
use crate::settings::{KafkaSettings, PgSettings};

#[derive(Debug, Clone, Serialize, Default)]
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
    /// BEGIN/END records written to `<prefix>.transaction`.
    pub transaction_records: u64,
    /// Records written to `__debezium-heartbeat.<prefix>`.
    pub heartbeats: u64,
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

pub use crate::host::hostname;
use crate::pg::run_lock::{self, LockKey, Refused};

/// Run the connector until stopped (or idle with `until_idle`).
pub async fn run(
    pg_settings: &PgSettings,
    kafka: &KafkaSettings,
    cfg: &EngineConfig,
    mut stop: Stop,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Stats> {
    let client = pg::connect(pg_settings).await?;
    // The same text forms pgoutput sends on the replication connection.
    client
        .batch_execute(
            "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';
             SET extra_float_digits = 3; SET bytea_output = 'hex'; SET lc_monetary = 'C'",
        )
        .await
        .map_err(|e| query_error("setting session parameters", e))?;
    let key = LockKey::Named {
        space: "livedbctl.connector",
        name: cfg.name.clone(),
    };
    let what = format!("connector start {}", cfg.name);
    match run_lock::take(&client, &key, &what, &mut |w| {
        observer(Progress::Info(w.to_string()))
    })
    .await
    {
        Ok(()) => {}
        Err(Refused::Failed(e)) => return Err(e),
        Err(Refused::Held { holder, waited }) => {
            return Err(CdcError::AlreadyRunning {
                name: cfg.name.clone(),
                holder: Refused::describe(&holder, &waited),
            }
            .into())
        }
    }
    let Prepared {
        row,
        res,
        catalog,
        new_slot_lsn,
    } = prepare(&client, cfg, observer).await?;
    for (t, c) in &catalog {
        if c.key_names.is_empty() && c.replica_identity != b'f' {
            observer(Progress::Info(format!(
                "warning: `{t}` has no primary key nor replica identity: UPDATE/DELETE on it will fail while it is published (ALTER TABLE {t} REPLICA IDENTITY FULL)"
            )));
        }
    }
    // Every table's column types in one read.
    let oids: Vec<u32> = catalog
        .values()
        .flat_map(|c| c.columns.iter().map(|c| c.type_oid))
        .collect();
    let mut types = TypeCatalog::default();
    types.load(&client, &oids, false).await?;
    let dbname: String = client
        .query_one("SELECT current_database()::text", &[])
        .await
        .map_err(|e| query_error("reading current_database()", e))?
        .get(0);
    let opts = EnvelopeOptions {
        topic_prefix: res.topic_prefix.clone(),
        db: dbname,
        decimal: res.decimal_handling,
        schemas_enable: res.schemas_enable,
        transaction_metadata: res.transaction_metadata,
        extended_headers: res.extended_headers,
        run_id: uuid::Uuid::new_v4().to_string(),
    };
    let topic = |name: String, partitions: i32| TopicSpec {
        name,
        partitions,
        replication_factor: cfg.replication_factor,
        configs: BTreeMap::<String, Scalar>::new(),
    };
    let mut topics: Vec<TopicSpec> = row
        .topics()
        .into_iter()
        .map(|name| topic(name, cfg.partitions))
        .collect();
    // BEGIN and END of a transaction have different keys: one partition keeps them in order.
    if res.transaction_metadata {
        topics.push(topic(envelope::transaction_topic(&opts), 1));
    }
    if cfg.heartbeat_interval.is_some() {
        topics.push(topic(envelope::heartbeat_topic(&opts), 1));
    }
    let created = crate::kafka::admin::ensure_topics(kafka, &topics, false).await?;
    for t in created.iter().filter(|t| t.status == "created") {
        observer(Progress::Info(format!("created topic `{}`", t.name)));
    }
    let mut eng = Engine::new(
        cfg,
        res.clone(),
        opts,
        catalog,
        types,
        Publisher::new(kafka)?,
        Stats {
            connector: cfg.name.clone(),
            phase: "snapshot",
            ..Stats::default()
        },
        row.last_commit_lsn.as_deref().and_then(parse_lsn),
        kafka,
    );
    state::heartbeat(&client, &cfg.name, eng.pid, &eng.host, None).await?;

    let do_snapshot = match res.snapshot {
        SnapshotMode::Never => false,
        SnapshotMode::Always => true,
        SnapshotMode::Initial | SnapshotMode::InitialOnly => !row.snapshot_done,
    };
    let mut mark = row.snapshot_xip.as_deref().and_then(SnapshotMark::parse);
    if do_snapshot {
        let snap = snapshot(&client, &mut eng, &row, new_slot_lsn, &stop, observer).await?;
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
    let result = stream(
        &client,
        pg_settings,
        &mut eng,
        mark.as_ref(),
        &mut stop,
        observer,
    )
    .await;
    eng.stats.phase = "stopped";
    let _ = state::mark_stopped(&client, &cfg.name).await;
    eng.finish();
    result.map(|_| eng.stats)
}
