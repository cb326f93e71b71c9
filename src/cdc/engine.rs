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

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant};

use futures::{pin_mut, StreamExt};
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::watch;
use tokio_postgres::types::ToSql;
use tokio_postgres::Client;

use crate::cdc::envelope::{self, EnvelopeOptions, Record, SourcePosition, TableInfo};
use crate::cdc::pgoutput::{self, format_lsn, parse_lsn, Datum, Message, OldTuple, Relation};
use crate::cdc::state::{self, CatalogTable, ConnectorRow};
use crate::cdc::{CdcError, Setting};
use crate::error::{Error, Result};
use crate::kafka::enqueue::enqueue;
use crate::pg::{self, query_error};
use crate::profile::{Scalar, TopicSpec};
use crate::settings::{KafkaSettings, PgSettings};

/// Deliveries awaited before more are queued (bounds memory inside one transaction).
const MAX_PENDING: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SnapshotMode {
    /// Snapshot existing rows once (first start), then stream
    Initial,
    /// Never snapshot; stream changes from the slot's position
    #[value(alias = "no-data")]
    Never,
    /// Snapshot on every start, then stream
    Always,
    /// Snapshot once and exit without streaming
    InitialOnly,
}

impl SnapshotMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotMode::Initial => "initial",
            SnapshotMode::Never => "never",
            SnapshotMode::Always => "always",
            SnapshotMode::InitialOnly => "initial-only",
        }
    }
}

#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub name: String,
    /// `schema.table`; empty = the tables stored with the connector.
    pub tables: Vec<String>,
    pub slot: String,
    pub publication: String,
    /// Settings given on the command line; None = the stored value (or the default for a
    /// new connector). They are fixed when the connector is created.
    pub topic_prefix: Option<String>,
    pub snapshot: Option<SnapshotMode>,
    pub tombstones: Option<bool>,
    pub decimal: Option<envelope::DecimalHandling>,
    pub schemas_enable: Option<bool>,
    /// `upto_nchanges` per peek.
    pub batch_changes: i32,
    pub poll_interval: Duration,
    pub stats_interval: Duration,
    pub partitions: i32,
    pub replication_factor: i32,
    /// Stop once the slot has nothing more to give (scripts, tests, backfills).
    pub until_idle: bool,
}

/// The connector's settings after merging flags with what is stored.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Resolved {
    #[serde(skip)]
    pub topic_prefix: String,
    #[serde(skip, default = "default_snapshot")]
    pub snapshot: SnapshotMode,
    pub tombstones: bool,
    pub schemas_enable: bool,
    pub decimal_handling: envelope::DecimalHandling,
}

fn default_snapshot() -> SnapshotMode {
    SnapshotMode::Initial
}

impl SnapshotMode {
    fn parse(s: &str) -> SnapshotMode {
        match s {
            "never" => SnapshotMode::Never,
            "always" => SnapshotMode::Always,
            "initial-only" => SnapshotMode::InitialOnly,
            _ => SnapshotMode::Initial,
        }
    }
}

fn resolve(cfg: &EngineConfig, existing: Option<&ConnectorRow>) -> Result<Resolved> {
    let Some(row) = existing else {
        return Ok(Resolved {
            topic_prefix: cfg.topic_prefix.clone().unwrap_or_else(|| "db".into()),
            snapshot: cfg.snapshot.unwrap_or(SnapshotMode::Initial),
            tombstones: cfg.tombstones.unwrap_or(true),
            schemas_enable: cfg.schemas_enable.unwrap_or(false),
            decimal_handling: cfg.decimal.unwrap_or(envelope::DecimalHandling::String),
        });
    };
    let stored: Resolved = serde_json::from_value(row.options.clone()).unwrap_or(Resolved {
        topic_prefix: String::new(),
        snapshot: SnapshotMode::Initial,
        tombstones: true,
        schemas_enable: false,
        decimal_handling: envelope::DecimalHandling::String,
    });
    let conflict = |setting: Setting, stored: String, asked: String| -> Error {
        CdcError::FixedSetting {
            name: cfg.name.clone(),
            setting,
            stored,
            asked,
        }
        .into()
    };
    if let Some(p) = &cfg.topic_prefix {
        if p != &row.topic_prefix {
            return Err(conflict(
                Setting::TopicPrefix,
                row.topic_prefix.clone(),
                p.clone(),
            ));
        }
    }
    if let Some(t) = cfg.tombstones {
        if t != stored.tombstones {
            return Err(conflict(
                Setting::Tombstones,
                stored.tombstones.to_string(),
                t.to_string(),
            ));
        }
    }
    if let Some(x) = cfg.schemas_enable {
        if x != stored.schemas_enable {
            return Err(conflict(
                Setting::SchemasEnable,
                stored.schemas_enable.to_string(),
                x.to_string(),
            ));
        }
    }
    if let Some(d) = cfg.decimal {
        if d != stored.decimal_handling {
            return Err(conflict(
                Setting::DecimalHandling,
                format!("{:?}", stored.decimal_handling),
                format!("{d:?}"),
            ));
        }
    }
    Ok(Resolved {
        topic_prefix: row.topic_prefix.clone(),
        // The snapshot mode may change between runs (e.g. `always` once to re-read).
        snapshot: cfg
            .snapshot
            .unwrap_or_else(|| SnapshotMode::parse(&row.snapshot_mode)),
        ..stored
    })
}

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

/// The snapshot used for de-duplication: `xmin:xmax:xip,...` from `pg_current_snapshot()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotMark {
    xmin: u64,
    xmax: u64,
    xip: Vec<u64>,
}

impl SnapshotMark {
    pub fn parse(s: &str) -> Option<SnapshotMark> {
        let mut it = s.splitn(3, ':');
        let xmin = it.next()?.parse().ok()?;
        let xmax = it.next()?.parse().ok()?;
        let xip = match it.next() {
            Some("") | None => Vec::new(),
            Some(list) => list
                .split(',')
                .map(|x| x.parse().ok())
                .collect::<Option<Vec<u64>>>()?,
        };
        Some(SnapshotMark { xmin, xmax, xip })
    }

    /// Did the snapshot see the (32-bit) transaction `xid` as committed?
    pub fn sees(&self, xid: u32) -> bool {
        // 32-bit xids compare modulo 2^32 (as PostgreSQL does): place xid within 2^31 of xmax.
        let back = (self.xmax as u32).wrapping_sub(xid) as i32;
        let full = self.xmax as i64 - i64::from(back);
        if full < 0 {
            return true;
        }
        let full = full as u64;
        full < self.xmin || (full < self.xmax && !self.xip.contains(&full))
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".into())
}

struct Publisher {
    producer: FutureProducer,
    pending: VecDeque<DeliveryFuture>,
    sent: u64,
}

impl Publisher {
    fn new(k: &KafkaSettings) -> Result<Publisher> {
        let mut cfg = crate::kafka::client_config(k);
        cfg.set("acks", "all")
            // Same partition for a key as Kafka Connect's Java producer would choose.
            .set("partitioner", "murmur2_random")
            // Retries must not reorder the changes of a key. (An idempotent producer also
            // would, but measured at half the throughput against tansu: benches/RESULTS-cdc.md.)
            .set("max.in.flight.requests.per.connection", "1")
            .set("linger.ms", "5")
            .set("message.timeout.ms", "120000")
            .set("queue.buffering.max.messages", "50000");
        let producer = cfg.create().map_err(|e| {
            Error::config(format!("invalid Kafka producer settings: {e}"))
                .hint("check kafka.properties in the profile")
        })?;
        Ok(Publisher {
            producer,
            pending: VecDeque::new(),
            sent: 0,
        })
    }

    async fn send(&mut self, r: &Record) -> Result<()> {
        if self.pending.len() >= MAX_PENDING {
            self.await_one().await?;
        }
        let mut rec: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(&r.topic);
        if let Some(k) = &r.key {
            rec = rec.key(k.as_slice());
        }
        if let Some(v) = &r.value {
            rec = rec.payload(v.as_slice());
        }
        if !r.headers.is_empty() {
            let mut h = OwnedHeaders::new();
            for (k, v) in &r.headers {
                h = h.insert(Header {
                    key: k,
                    value: Some(v.as_slice()),
                });
            }
            rec = rec.headers(h);
        }
        let producer = self.producer.clone();
        let queued = enqueue(&producer, rec, async || {
            if self.pending.is_empty() {
                return Ok(false);
            }
            self.await_one().await.map(|()| true)
        })
        .await;
        match queued {
            Ok(f) => {
                self.pending.push_back(f);
                self.sent += 1;
                Ok(())
            }
            Err(Ok(e)) => Err(Error::runtime(format!(
                "cannot queue a record for `{}`: {e}",
                r.topic
            ))),
            Err(Err(e)) => Err(e),
        }
    }

    async fn await_one(&mut self) -> Result<()> {
        if let Some(f) = self.pending.pop_front() {
            match f.await {
                Ok(Ok(_)) => {}
                Ok(Err((e, m))) => {
                    use rdkafka::Message as _;
                    return Err(Error::runtime(format!("Kafka did not acknowledge a record for `{}`: {e}", m.topic()))
                        .hint("nothing was lost: the slot was not advanced; the engine resumes from the last acknowledged transaction"));
                }
                Err(_) => {
                    return Err(Error::runtime(
                        "the Kafka producer was shut down with records in flight",
                    ))
                }
            }
        }
        Ok(())
    }

    /// Wait until Kafka acknowledged every record sent so far.
    async fn drain(&mut self) -> Result<()> {
        while !self.pending.is_empty() {
            self.await_one().await?;
        }
        Ok(())
    }
}

struct Engine<'a> {
    cfg: &'a EngineConfig,
    res: Resolved,
    opts: EnvelopeOptions,
    catalog: BTreeMap<String, CatalogTable>,
    /// Relation oid -> table info (from the latest Relation message).
    tables: HashMap<u32, TableInfo>,
    publisher: Publisher,
    stats: Stats,
    started: Instant,
    rate_window: (Instant, u64),
    last_report: Instant,
}

impl Engine<'_> {
    fn topic_of(&self, schema: &str, table: &str) -> String {
        format!("{}.{schema}.{table}", self.res.topic_prefix)
    }

    fn table_info(&self, rel: Relation) -> Option<TableInfo> {
        let q = format!("{}.{}", rel.namespace, rel.name);
        let cat = self.catalog.get(&q)?;
        Some(TableInfo {
            topic: self.topic_of(&rel.namespace, &rel.name),
            key_names: cat.key_names.clone(),
            not_null: cat
                .columns
                .iter()
                .filter(|c| c.3)
                .map(|c| c.0.clone())
                .collect(),
            relation: rel,
        })
    }

    async fn publish(&mut self, r: Record) -> Result<()> {
        self.publisher.send(&r).await?;
        self.stats.events += 1;
        Ok(())
    }

    fn tick(&mut self, observer: &mut dyn FnMut(Progress<'_>)) {
        let now = Instant::now();
        if now.duration_since(self.last_report) < self.cfg.stats_interval {
            return;
        }
        let (t0, n0) = self.rate_window;
        let secs = now.duration_since(t0).as_secs_f64().max(0.001);
        self.stats.events_per_sec = ((self.stats.events - n0) as f64 / secs * 10.0).round() / 10.0;
        self.rate_window = (now, self.stats.events);
        self.stats.uptime_s = (self.started.elapsed().as_secs_f64() * 10.0).round() / 10.0;
        self.last_report = now;
        observer(Progress::Stats(&self.stats));
    }

    /// Final figures: uptime and the average rate over the whole run.
    fn finish(&mut self) {
        let secs = self.started.elapsed().as_secs_f64();
        self.stats.uptime_s = (secs * 1000.0).round() / 1000.0;
        self.stats.events_per_sec =
            (self.stats.events as f64 / secs.max(0.001) * 10.0).round() / 10.0;
    }

    /// Emit the events of one decoded message.
    async fn handle(&mut self, msg: Message, lsn: u64, tx: &TxState) -> Result<()> {
        let pos = |snapshot| SourcePosition {
            ts_ms: tx.commit_ms,
            snapshot,
            tx_id: Some(i64::from(tx.xid)),
            lsn: Some(lsn),
            last_commit_lsn: tx.last_commit_lsn,
        };
        let dec = self.opts.decimal;
        match msg {
            Message::Insert { relid, new } => {
                let Some(t) = self.tables.get(&relid) else {
                    return Ok(());
                };
                let after = envelope::row_object(t, &new, None, dec);
                let key = envelope::key_object(t, &after);
                let r = envelope::change_record(
                    &self.opts,
                    t,
                    "c",
                    key.as_ref(),
                    None,
                    Some(after),
                    &pos("false"),
                    now_ms(),
                );
                self.publish(r).await?;
            }
            Message::Update { relid, old, new } => {
                let Some(t) = self.tables.get(&relid) else {
                    return Ok(());
                };
                let old_tuple = old.as_ref().map(|o| o.tuple().as_slice());
                let after = envelope::row_object(t, &new, old_tuple, dec);
                let new_key = envelope::key_object(t, &after);
                let before = old
                    .as_ref()
                    .map(|o| envelope::row_object(t, o.tuple(), None, dec));
                let old_key = before.as_ref().and_then(|b| envelope::key_object(t, b));
                let mut records = Vec::new();
                if let Some(ok) = old_key.as_ref().filter(|k| Some(*k) != new_key.as_ref()) {
                    // A primary-key change: delete (+ tombstone) the old key, create the new one.
                    let mut d = envelope::change_record(
                        &self.opts,
                        t,
                        "d",
                        Some(ok),
                        before,
                        None,
                        &pos("false"),
                        now_ms(),
                    );
                    if let Some(nk) = &new_key {
                        d.headers.push((
                            "__debezium.newkey".into(),
                            serde_json::to_vec(nk).unwrap_or_default(),
                        ));
                    }
                    records.push(d);
                    if self.res.tombstones {
                        records.push(envelope::tombstone(&self.opts, t, ok));
                    }
                    let mut c = envelope::change_record(
                        &self.opts,
                        t,
                        "c",
                        new_key.as_ref(),
                        None,
                        Some(after),
                        &pos("false"),
                        now_ms(),
                    );
                    c.headers.push((
                        "__debezium.oldkey".into(),
                        serde_json::to_vec(ok).unwrap_or_default(),
                    ));
                    records.push(c);
                } else {
                    // The old row is known only with REPLICA IDENTITY FULL, as in Debezium.
                    let before = match old {
                        Some(OldTuple::Full(_)) => before,
                        _ => None,
                    };
                    records.push(envelope::change_record(
                        &self.opts,
                        t,
                        "u",
                        new_key.as_ref(),
                        before,
                        Some(after),
                        &pos("false"),
                        now_ms(),
                    ));
                }
                for r in records {
                    self.publish(r).await?;
                }
            }
            Message::Delete { relid, old } => {
                let Some(t) = self.tables.get(&relid) else {
                    return Ok(());
                };
                let before = envelope::row_object(t, old.tuple(), None, dec);
                let key = envelope::key_object(t, &before);
                let d = envelope::change_record(
                    &self.opts,
                    t,
                    "d",
                    key.as_ref(),
                    Some(before),
                    None,
                    &pos("false"),
                    now_ms(),
                );
                let ts = match (&key, self.res.tombstones) {
                    (Some(k), true) => Some(envelope::tombstone(&self.opts, t, k)),
                    _ => None,
                };
                self.publish(d).await?;
                if let Some(ts) = ts {
                    self.publish(ts).await?;
                }
            }
            Message::Truncate { relids, .. } => {
                for relid in relids {
                    let Some(t) = self.tables.get(&relid) else {
                        continue;
                    };
                    let r = envelope::change_record(
                        &self.opts,
                        t,
                        "t",
                        None,
                        None,
                        None,
                        &pos("false"),
                        now_ms(),
                    );
                    self.publish(r).await?;
                }
            }
            Message::Relation(rel) => {
                if let Some(info) = self.table_info(rel.clone()) {
                    self.tables.insert(rel.oid, info);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

#[derive(Default)]
struct TxState {
    xid: u32,
    commit_ms: i64,
    skip: bool,
    last_commit_lsn: Option<u64>,
}

/// Validate tables, create or reuse the publication, slot and state row.
async fn prepare(
    client: &Client,
    cfg: &EngineConfig,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<(ConnectorRow, Resolved)> {
    state::ensure_state_table(client).await?;
    let existing = state::load(client, &cfg.name).await?;
    let res = resolve(cfg, existing.as_ref())?;
    let tables: Vec<String> = if cfg.tables.is_empty() {
        match &existing {
            Some(r) => r.tables.clone(),
            None => return Err(CdcError::NoTables(cfg.name.clone()).into()),
        }
    } else {
        cfg.tables
            .iter()
            .map(|t| {
                let (s, n) = state::split_table(t);
                format!("{s}.{n}")
            })
            .collect()
    };
    if let Some(r) = &existing {
        if r.slot != cfg.slot || r.publication != cfg.publication {
            return Err(CdcError::OtherSlot {
                name: cfg.name.clone(),
                slot: r.slot.clone(),
                publication: r.publication.clone(),
            }
            .into());
        }
    }
    for t in &tables {
        state::catalog_table(client, t).await?;
    }
    let mut created_publication = existing
        .as_ref()
        .map(|r| r.created_publication)
        .unwrap_or(false);
    match state::publication_tables(client, &cfg.publication).await? {
        None => {
            state::create_publication(client, &cfg.publication, &tables).await?;
            created_publication = true;
            observer(Progress::Info(format!(
                "created publication `{}` for {}",
                cfg.publication,
                tables.join(", ")
            )));
        }
        Some(have) => {
            let missing: Vec<String> = tables
                .iter()
                .filter(|t| !have.contains(t))
                .cloned()
                .collect();
            if !missing.is_empty() {
                state::add_to_publication(client, &cfg.publication, &missing).await?;
                observer(Progress::Info(format!(
                    "added {} to publication `{}`",
                    missing.join(", "),
                    cfg.publication
                )));
            }
        }
    }
    let mut new_slot = false;
    match state::slot(client, &cfg.slot).await? {
        Some(s) => {
            if s.plugin.as_deref() != Some("pgoutput") {
                return Err(CdcError::WrongPlugin {
                    slot: cfg.slot.clone(),
                    plugin: s.plugin.clone(),
                }
                .into());
            }
            observer(Progress::Info(format!(
                "resuming slot `{}` at {}",
                cfg.slot,
                s.confirmed_flush_lsn.unwrap_or_default()
            )));
        }
        None => {
            let lsn = state::create_slot(client, &cfg.slot).await?;
            new_slot = true;
            observer(Progress::Info(format!(
                "created replication slot `{}` (pgoutput) at {lsn}",
                cfg.slot
            )));
        }
    }
    let row = ConnectorRow {
        name: cfg.name.clone(),
        slot: cfg.slot.clone(),
        publication: cfg.publication.clone(),
        tables,
        topic_prefix: res.topic_prefix.clone(),
        created_publication,
        snapshot_mode: res.snapshot.as_str().into(),
        options: serde_json::to_value(&res).unwrap_or_default(),
        snapshot_done: existing.as_ref().map(|r| r.snapshot_done).unwrap_or(false),
        snapshot_xip: existing.as_ref().and_then(|r| r.snapshot_xip.clone()),
        engine_pid: None,
        engine_host: None,
        heartbeat_age_s: None,
    };
    state::save(client, &row).await?;
    if new_slot && row.snapshot_done {
        // The slot was recreated: the old snapshot no longer matches it.
        state::mark_snapshot(client, &row.name, false, None).await?;
    }
    Ok((
        ConnectorRow {
            snapshot_done: row.snapshot_done && !new_slot,
            ..row
        },
        res,
    ))
}

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
        started: now,
        rate_window: (now, 0),
        last_report: now,
    };
    let host = hostname();
    let pid = std::process::id() as i32;
    state::heartbeat(&client, &cfg.name, pid, &host).await?;

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
    let result = stream(
        &client,
        &mut eng,
        mark.as_ref(),
        &mut stop,
        observer,
        pid,
        &host,
    )
    .await;
    eng.stats.phase = "stopped";
    let _ = state::mark_stopped(&client, &cfg.name).await;
    eng.finish();
    result.map(|_| eng.stats)
}

/// Read every table in one REPEATABLE READ snapshot; returns the snapshot's text form.
/// `None` when a stop was requested before the snapshot finished.
async fn snapshot(
    client: &Client,
    eng: &mut Engine<'_>,
    row: &ConnectorRow,
    stop: &watch::Receiver<bool>,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Option<String>> {
    client
        .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await
        .map_err(|e| query_error("starting the snapshot transaction", e))?;
    let result = snapshot_in_tx(client, eng, row, stop, observer).await;
    let _ = client.batch_execute("ROLLBACK").await;
    result
}

async fn snapshot_in_tx(
    client: &Client,
    eng: &mut Engine<'_>,
    row: &ConnectorRow,
    stop: &watch::Receiver<bool>,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Option<String>> {
    // The first statement fixes the transaction's snapshot.
    let mark: String = client
        .query_one("SELECT pg_current_snapshot()::text", &[])
        .await
        .map_err(|e| query_error("taking the snapshot", e))?
        .get(0);
    let slot_lsn = state::slot(client, &row.slot)
        .await?
        .and_then(|s| s.confirmed_flush_lsn)
        .and_then(|l| parse_lsn(&l));
    let ts = now_ms();
    let mut held: Option<(TableInfo, Value)> = None;
    let mut first = true;
    for t in &row.tables {
        let cat = eng
            .catalog
            .get(t)
            .cloned()
            .ok_or_else(|| Error::internal(format!("no catalog entry for {t}")))?;
        let rel = Relation {
            oid: cat.oid,
            namespace: cat.schema.clone(),
            name: cat.name.clone(),
            replica_identity: cat.replica_identity,
            columns: cat
                .columns
                .iter()
                .map(|(n, oid, typmod, _)| pgoutput::Column {
                    key: cat.key_names.contains(n),
                    name: n.clone(),
                    type_oid: *oid,
                    type_modifier: *typmod,
                })
                .collect(),
        };
        let info = eng
            .table_info(rel)
            .ok_or_else(|| Error::internal(format!("no table info for {t}")))?;
        let cols: Vec<String> = cat
            .columns
            .iter()
            .map(|c| format!("{}::text", pg::ident(&c.0)))
            .collect();
        let sql = format!(
            "SELECT {} FROM {}",
            if cols.is_empty() {
                "1".into()
            } else {
                cols.join(", ")
            },
            state::qualified(t)
        );
        let rows = client
            .query_raw(&sql, std::iter::empty::<&(dyn ToSql + Sync)>())
            .await
            .map_err(|e| query_error(&format!("reading {t} for the snapshot"), e))?;
        pin_mut!(rows);
        while let Some(r) = rows.next().await {
            if *stop.borrow() {
                // An unfinished snapshot is not recorded: the next start reads it again.
                return Ok(None);
            }
            let r = r.map_err(|e| query_error(&format!("reading {t} for the snapshot"), e))?;
            let tuple: Vec<Datum> = (0..cat.columns.len())
                .map(|i| {
                    r.get::<_, Option<String>>(i)
                        .map(Datum::Text)
                        .unwrap_or(Datum::Null)
                })
                .collect();
            let after = envelope::row_object(&info, &tuple, None, eng.opts.decimal);
            if let Some((ti, v)) = held.replace((info.clone(), after)) {
                emit_read(
                    eng,
                    &ti,
                    v,
                    if first { "first" } else { "true" },
                    ts,
                    slot_lsn,
                )
                .await?;
                first = false;
            }
            eng.stats.snapshot_rows += 1;
            eng.tick(observer);
        }
    }
    if let Some((ti, v)) = held {
        emit_read(eng, &ti, v, "last", ts, slot_lsn).await?;
    }
    Ok(Some(mark))
}

async fn emit_read(
    eng: &mut Engine<'_>,
    t: &TableInfo,
    after: Value,
    snapshot: &'static str,
    ts: i64,
    lsn: Option<u64>,
) -> Result<()> {
    let key = envelope::key_object(t, &after);
    let pos = SourcePosition {
        ts_ms: ts,
        snapshot,
        tx_id: None,
        lsn,
        last_commit_lsn: None,
    };
    let r = envelope::change_record(
        &eng.opts,
        t,
        "r",
        key.as_ref(),
        None,
        Some(after),
        &pos,
        now_ms(),
    );
    eng.publish(r).await
}

async fn slot_position(client: &Client, slot: &str) -> Result<(Option<u64>, Option<i64>)> {
    let s = state::slot(client, slot).await?.ok_or_else(|| {
        Error::not_found(format!("replication slot `{slot}` disappeared"))
            .hint("was it dropped? `livedbctl connector delete` then start again")
    })?;
    Ok((
        s.confirmed_flush_lsn.as_deref().and_then(parse_lsn),
        s.lag_bytes,
    ))
}

const PEEK: &str = "SELECT lsn::text, xid::text, data FROM pg_logical_slot_peek_binary_changes($1::text::name, $2::text::pg_lsn, $3::int4, 'proto_version', '1', 'publication_names', $4::text)";

#[allow(clippy::too_many_arguments)]
async fn stream(
    client: &Client,
    eng: &mut Engine<'_>,
    mark: Option<&SnapshotMark>,
    stop: &mut watch::Receiver<bool>,
    observer: &mut dyn FnMut(Progress<'_>),
    pid: i32,
    host: &str,
) -> Result<()> {
    let cfg = eng.cfg;
    let (mut confirmed, lag) = slot_position(client, &cfg.slot).await?;
    eng.stats.confirmed_lsn = confirmed.map(format_lsn);
    eng.stats.slot_lag_bytes = lag;
    let mut last_heartbeat = Instant::now();
    let mut tx = TxState::default();
    loop {
        if *stop.borrow() {
            return Ok(());
        }
        let upto: String = client
            .query_one("SELECT pg_current_wal_flush_lsn()::text", &[])
            .await
            .map_err(|e| query_error("reading the WAL position", e))?
            .get(0);
        let upto_lsn = parse_lsn(&upto).unwrap_or(0);
        let params: [&(dyn ToSql + Sync); 4] =
            [&cfg.slot, &upto, &cfg.batch_changes, &cfg.publication];
        let rows = client
            .query_raw(PEEK, params)
            .await
            .map_err(|e| peek_error(cfg, e))?;
        pin_mut!(rows);
        let mut n: i64 = 0;
        let mut last_commit_end: Option<u64> = None;
        while let Some(row) = rows.next().await {
            let row = row.map_err(|e| peek_error(cfg, e))?;
            n += 1;
            let lsn = parse_lsn(row.get::<_, &str>(0)).unwrap_or(0);
            let data: &[u8] = row.get(2);
            let msg = pgoutput::decode(data).map_err(|e| {
                Error::internal(format!(
                    "decoding a pgoutput message at {}: {e}",
                    format_lsn(lsn)
                ))
            })?;
            match msg {
                Message::Begin {
                    commit_ts_micros,
                    xid,
                    ..
                } => {
                    tx.xid = xid;
                    tx.commit_ms = Message::unix_millis(commit_ts_micros);
                    tx.skip = mark.is_some_and(|m| m.sees(xid));
                }
                Message::Commit {
                    commit_lsn,
                    end_lsn,
                    ..
                } => {
                    if tx.skip {
                        eng.stats.skipped_transactions += 1;
                    } else {
                        eng.stats.transactions += 1;
                    }
                    tx.last_commit_lsn = Some(commit_lsn);
                    last_commit_end = Some(end_lsn);
                    tx.skip = false;
                }
                Message::Relation(_) => eng.handle(msg, lsn, &tx).await?,
                other => {
                    if !tx.skip {
                        eng.stats.last_lsn = Some(format_lsn(lsn));
                        eng.handle(other, lsn, &tx).await?;
                    }
                }
            }
            eng.tick(observer);
        }
        // Everything published in this call must be acknowledged before the slot moves.
        eng.publisher.drain().await?;
        // Fewer rows than asked for: the call decoded everything committed before `upto`.
        let complete = n < i64::from(cfg.batch_changes);
        let target = match (complete, last_commit_end) {
            (true, Some(e)) => Some(e.max(upto_lsn)),
            (true, None) => Some(upto_lsn),
            (false, e) => e,
        };
        if let Some(target) = target {
            if confirmed.is_none_or(|c| target > c) {
                client
                    .execute(
                        "SELECT pg_replication_slot_advance($1::text::name, $2::text::pg_lsn)",
                        &[&cfg.slot, &format_lsn(target)],
                    )
                    .await
                    .map_err(|e| {
                        query_error(&format!("advancing replication slot `{}`", cfg.slot), e)
                    })?;
                confirmed = Some(target);
                eng.stats.confirmed_lsn = Some(format_lsn(target));
            }
        }
        if last_heartbeat.elapsed() >= Duration::from_secs(2) || (n == 0 && cfg.until_idle) {
            state::heartbeat(client, &cfg.name, pid, host).await?;
            last_heartbeat = Instant::now();
            eng.stats.slot_lag_bytes = slot_position(client, &cfg.slot).await?.1;
        }
        eng.tick(observer);
        if n == 0 {
            if cfg.until_idle {
                return Ok(());
            }
            tokio::select! {
                _ = tokio::time::sleep(cfg.poll_interval) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

fn peek_error(cfg: &EngineConfig, e: tokio_postgres::Error) -> Error {
    let err = query_error(&format!("reading changes from slot `{}`", cfg.slot), e);
    match err.code.as_deref() {
        Some("55006") => {
            err.hint("another process is reading this slot; only one engine may run per connector")
        }
        Some("42704") => err.hint(format!(
            "publication `{}` is missing; it is recreated on the next start",
            cfg.publication
        )),
        _ => err,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_visibility() {
        let m = SnapshotMark::parse("100:105:101,103").unwrap();
        assert!(m.sees(99));
        assert!(m.sees(100));
        assert!(!m.sees(101));
        assert!(m.sees(102));
        assert!(!m.sees(103));
        assert!(m.sees(104));
        assert!(!m.sees(105));
        assert!(!m.sees(200));
        let e = SnapshotMark::parse("4294967300:4294967310:").unwrap();
        assert!(e.sees(3), "xid 3 in epoch 1 = 4294967299 < xmin");
        assert!(!e.sees(20), "xid 20 is after xmax (epoch 1)");
        assert!(e.sees(u32::MAX), "xid 2^32-1 is in epoch 0");
        assert_eq!(SnapshotMark::parse("bad"), None);
    }
}
