//! The snapshot: everything the sampler saw in one round, as `/api/snapshot`, `/api/stream`,
//! `/metrics`, `top` and `top -o json` show it. Field names are a public interface
//! (docs/dashboard.md, "Snapshot JSON").

use std::collections::BTreeMap;

use serde::Serialize;

use crate::groups::lag::Trend;
use crate::groups::PartitionLag;

/// Bumped when a field changes meaning or goes away (new fields do not bump it).
pub const SNAPSHOT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Default)]
pub struct Snapshot {
    pub version: u32,
    /// Sample number since the sampler started (1, 2, ...).
    pub seq: u64,
    /// When the sample was taken, ms since the epoch.
    pub taken_at_ms: i64,
    pub interval_ms: u64,
    pub profile: String,
    pub services: Vec<ServiceHealth>,
    pub postgres: PgSnapshot,
    pub kafka: KafkaSnapshot,
    pub connectors: Vec<ConnectorStat>,
    /// Stream jobs: run here (`stream run`, their locks and checkpoints in the profile's
    /// database) and on Flink (when the profile names a cluster).
    pub stream_jobs: Vec<StreamJobStat>,
    /// Why the built-in jobs' runs and checkpoints could not be read this round.
    pub stream_jobs_error: Option<String>,
    /// The profile's Flink cluster as last asked; null when the profile names none.
    pub flink: Option<FlinkStat>,
    pub redis: RedisSnapshot,
    pub results: Vec<ResultSet>,
    /// Latest records of the followed topics, newest last.
    pub events: Vec<FeedEvent>,
    /// Topics whose records are in `events`.
    pub feed_topics: Vec<String>,
    pub flow: Flow,
    pub sampler: SamplerStats,
    /// The alert rules as this sample judged them, and how their changes were delivered.
    pub alerts: AlertsStat,
}

/// A service as `infra status` reports it (no paths, no credentials).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceHealth {
    /// postgres | kafka | redis
    pub service: String,
    /// running | external | stopped | unresponsive | unreachable (as `infra status`)
    pub state: String,
    pub up: bool,
    pub address: String,
    pub version: Option<String>,
    pub engine: Option<String>,
    pub detail: Option<String>,
    pub checked_at_ms: i64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct PgSnapshot {
    /// The sampler's queries succeeded this round.
    pub up: bool,
    pub error: Option<String>,
    pub database: String,
    pub size_bytes: Option<i64>,
    /// Rows/s inserted into all tables of the database (`pg_stat_user_tables.n_tup_ins`).
    pub inserted_rows_per_sec: Option<f64>,
    pub tables: Vec<TableStat>,
    /// `produce poll`'s position; null without `producer_offsets`.
    pub producer: Option<ProducerStat>,
    pub slots: Vec<SlotStat>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableStat {
    /// schema.table
    pub table: String,
    /// Rows ever inserted (`n_tup_ins`, since the statistics were last reset).
    pub inserted_total: i64,
    pub live_rows: i64,
    pub rows_per_sec: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProducerStat {
    pub last_id: i64,
    pub max_id: Option<i64>,
    /// `max(livedb.id) - last_id`, as `produce poll` reports its lag.
    pub lag_rows: i64,
    /// Age of the oldest row not yet published (0 when none is pending).
    pub time_behind_ms: Option<i64>,
    /// Rows/s the producer publishes (`last_id` delta).
    pub rows_per_sec: Option<f64>,
    pub updated_at: Option<String>,
    /// Age of the newest row of `livedb` (its `created_at`), when it has rows.
    pub newest_row_age_ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SlotStat {
    pub slot: String,
    pub plugin: Option<String>,
    pub active: bool,
    pub lag_bytes: Option<i64>,
    pub retained_bytes: Option<i64>,
    pub wal_status: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct KafkaSnapshot {
    pub up: bool,
    pub error: Option<String>,
    pub topics: Vec<TopicStat>,
    pub groups: Vec<GroupStat>,
    /// Why groups could not be listed (the topics may still be there).
    pub groups_error: Option<String>,
    /// The dead-letter topics (named `*.dlq`, the consumers' default) and what they hold.
    pub dead_letters: Vec<DeadLetterStat>,
}

/// A dead-letter topic: events a consumer set aside, each with its reason in a header.
#[derive(Debug, Clone, Serialize)]
pub struct DeadLetterStat {
    pub topic: String,
    /// Records kept now (sum of high - low).
    pub messages: i64,
    /// Records ever written (sum of high watermarks).
    pub total: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicStat {
    pub topic: String,
    pub partitions: Vec<PartitionStat>,
    /// Sum of high watermarks: records ever written.
    pub high_total: i64,
    /// Records kept now (sum of high - low).
    pub messages: i64,
    pub records_per_sec: Option<f64>,
    /// When its newest record arrived, to within a sample (the sample before its high
    /// watermark last grew), without reading it; null for an empty topic.
    pub newest_ms: Option<i64>,
    /// True when nothing arrived while the sampler watched: `newest_ms` is when it began
    /// watching, and the newest record is older than that.
    pub newest_at_most: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartitionStat {
    pub partition: i32,
    pub low: i64,
    pub high: i64,
    pub records_per_sec: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupStat {
    pub group: String,
    /// The broker's state (Stable, Empty, ...; `Unknown` where it does not tell).
    pub state: String,
    /// Active members; null when the broker cannot describe groups.
    pub members: Option<usize>,
    /// What livedbctl consumer runs under this group, from its default name:
    /// sink | aggregate | route | stream | other.
    pub kind: String,
    /// Where that consumer writes (`postgres:TABLE`, `redis:PREFIX`, `kafka:TEMPLATE`), when known.
    pub sink: Option<String>,
    pub topics: Vec<String>,
    /// Total lag; partitions the group never committed on count from their start.
    pub lag: Option<i64>,
    /// `start` when part of `lag` is estimated (a partition never committed on), else
    /// `committed`.
    pub lag_from: crate::groups::lag::LagFrom,
    pub trend: Trend,
    pub time_behind_ms: Option<i64>,
    /// Records/s the group commits (committed offset delta over the last 10 s).
    pub records_per_sec: Option<f64>,
    pub partitions: Vec<PartitionLag>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConnectorStat {
    pub name: String,
    /// running | stopped | slot-missing (as `connector list`)
    pub state: String,
    pub tables: Vec<String>,
    pub topics: Vec<String>,
    pub slot: String,
    pub last_lsn: Option<String>,
    pub slot_lag_bytes: Option<i64>,
    pub wal_status: Option<String>,
    pub lag_warning: bool,
}

/// A stream job, one per name and engine.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StreamJobStat {
    pub name: String,
    /// builtin (`stream run`, `demo --stream`) | flink
    pub engine: String,
    /// builtin: running | stopped; flink: Flink's job state (RUNNING, FINISHED, CANCELED,
    /// FAILED, ...).
    pub state: String,
    pub running: bool,
    /// The topic it reads (builtin: from its checkpoint; flink: its group's topic).
    pub source_topic: Option<String>,
    /// The consumer group it reads as (builtin: its checkpoint's; flink:
    /// `livedbctl-flink-NAME`), when known.
    pub group: Option<String>,
    /// Records of the source topic not yet read: the group's lag (as `groups` shows it),
    /// else the checkpoint's offsets against the high watermarks.
    pub lag: Option<i64>,
    pub time_behind_ms: Option<i64>,
    /// Records/s its group commits (the group's `records_per_sec`).
    pub events_per_sec: Option<f64>,
    /// Result windows read for it this round (its Redis sink's newest windows).
    pub windows: Option<usize>,
    /// Since when it runs: the run's session start (builtin), Flink's start-time.
    pub started_at_ms: Option<i64>,
    /// How long it has run (ran, for a Flink job that ended).
    pub duration_ms: Option<i64>,
    /// builtin: the session holding the job's run lock.
    pub holder: Option<StreamHolderStat>,
    /// builtin: the last checkpoint saved.
    pub checkpoint: Option<StreamCheckpointStat>,
    /// flink: the job on the cluster.
    pub flink: Option<FlinkJobStat>,
}

/// The `stream run` holding a job's lock, as `pg_stat_activity` shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StreamHolderStat {
    /// `livedbctl stream run NAME (pid P on HOST)`
    pub application_name: Option<String>,
    /// The PostgreSQL backend serving it.
    pub backend_pid: i32,
    /// Its address, `local` for a Unix socket.
    pub client: String,
}

/// A row of `livedbctl_stream_checkpoints`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StreamCheckpointStat {
    pub saved_at_ms: i64,
    /// The watermark at the saved position.
    pub watermark_ms: Option<i64>,
    /// The watermark up to which results were written.
    pub emitted_watermark_ms: Option<i64>,
    /// The highest event time seen over its partitions.
    pub max_event_ms: Option<i64>,
    /// Next offset to read, per partition.
    pub offsets: BTreeMap<i32, i64>,
}

/// A job on Flink, from `GET /jobs/overview`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FlinkJobStat {
    pub jid: String,
    pub end_time_ms: Option<i64>,
    /// Tasks by state (`total`, `running`, `finished`, ...), as Flink counts them.
    pub tasks: BTreeMap<String, i64>,
}

/// The profile's Flink cluster, asked every few rounds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FlinkStat {
    /// Its REST address (a password in it replaced).
    pub url: String,
    pub up: bool,
    /// ok | unreachable
    pub state: String,
    pub error: Option<String>,
    /// Jobs it listed (one per name), when it answered.
    pub jobs: Option<usize>,
    pub checked_at_ms: i64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct RedisSnapshot {
    pub up: bool,
    pub error: Option<String>,
    /// DBSIZE
    pub keys: Option<i64>,
    pub ops_per_sec: Option<f64>,
    pub used_memory_bytes: Option<i64>,
    /// Keys per prefix (the first two `:`-separated parts), from a bounded SCAN.
    pub prefixes: Vec<PrefixCount>,
    /// The prefix counts come from a SCAN that stopped at its limit.
    pub prefixes_partial: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrefixCount {
    pub prefix: String,
    pub keys: u64,
}

/// Processed results: the current windows of a `consume aggregate` prefix or a stream job.
#[derive(Debug, Clone, Serialize)]
pub struct ResultSet {
    /// aggregate | stream
    pub source: String,
    /// The aggregated topic (aggregate) or the job name (stream).
    pub name: String,
    /// Where the windows are read: `redis:PREFIX:TOPIC:window:*`, `postgres:TABLE`.
    pub location: String,
    /// Value columns, in display order.
    pub columns: Vec<String>,
    pub windows: Vec<ResultWindow>,
    /// Counters kept beside the windows (aggregate: events, windows_fired, ...).
    pub stats: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultWindow {
    pub key: String,
    pub window_start_ms: Option<i64>,
    pub window_end_ms: Option<i64>,
    /// Last event in the window (aggregate `last_ms`).
    pub last_ms: Option<i64>,
    /// A stream job's result kind (final, early, update), when its sink says.
    pub kind: Option<String>,
    pub values: BTreeMap<String, f64>,
}

/// One record of a followed topic, for the live feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEvent {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    pub timestamp_ms: Option<i64>,
    pub key: Option<String>,
    /// The value as one line of text (JSON compacted), cut at 2,000 characters.
    pub value: Option<String>,
    /// Present for Debezium change events, as `consume tail -o json` shows them.
    pub change: Option<crate::kafka::tail::Change>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Flow {
    pub nodes: Vec<FlowNode>,
    pub edges: Vec<FlowEdge>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlowNode {
    pub id: String,
    /// postgres | producer | topic | group | connector | stream | sink
    pub kind: String,
    pub label: String,
    /// ok | warn | down | idle
    pub status: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlowEdge {
    pub from: String,
    pub to: String,
    pub rate: Option<f64>,
    /// rows/s | records/s
    pub rate_unit: String,
    pub lag: Option<i64>,
    /// rows | records | bytes
    pub lag_unit: String,
    pub trend: Option<Trend>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct SamplerStats {
    pub samples: u64,
    /// Statements the sampler sent to PostgreSQL since it started (health probes included).
    pub pg_statements_total: u64,
    pub sample_duration_ms: u64,
    /// Series kept in the history and its length in samples.
    pub history_series: usize,
    pub history_points: usize,
}

/// The alert rules (`alerts:` in the profile, `--alert`) as judged on this sample.
#[derive(Debug, Clone, Serialize, Default)]
pub struct AlertsStat {
    /// Rules firing now.
    pub firing: usize,
    pub rules: Vec<AlertStat>,
    /// One entry per way changes are delivered (`--alert-exec`, `--webhook`).
    pub delivery: Vec<DeliveryStat>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AlertStat {
    /// The rule as written: its name on `/metrics` and in delivered events.
    pub rule: String,
    /// lag | freshness | slot_lag | dead_letters | consumer_stalled
    pub metric: String,
    /// ok | pending | firing | resolved (ok again after firing)
    pub state: String,
    /// The worst value among the rule's subjects (the largest for `>`, the smallest for
    /// `<`); null when nothing could be measured (`note` says why).
    pub value: Option<f64>,
    pub threshold: Option<f64>,
    /// records | ms | bytes | groups
    pub unit: String,
    /// The subjects (group, topic, table, destination, slot) over the threshold.
    pub subjects: Vec<AlertSubject>,
    /// Since when the condition holds (pending or firing).
    pub active_since_ms: Option<i64>,
    /// When it fired, while firing or since it last fired.
    pub fired_at_ms: Option<i64>,
    /// When it last resolved.
    pub resolved_at_ms: Option<i64>,
    /// Why there is no value (a service not answering, no such group).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AlertSubject {
    /// `group:NAME`, `topic:NAME`, `table:NAME`, `destination:WHERE`, `slot:NAME`
    pub subject: String,
    pub value: f64,
}

/// How changes went out through one way of delivering them.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct DeliveryStat {
    /// exec | webhook
    pub via: String,
    /// The command, or the URL with any password replaced.
    pub target: String,
    pub delivered: u64,
    /// Changes given up on (after the retries).
    pub failed: u64,
    /// Attempts repeated after a failure.
    pub retries: u64,
    /// Changes not delivered because too many were waiting.
    pub dropped: u64,
    pub last_error: Option<String>,
    pub last_error_at_ms: Option<i64>,
}
