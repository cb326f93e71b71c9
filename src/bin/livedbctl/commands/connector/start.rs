use std::time::Duration;

use serde::Serialize;

use crate::cdc::engine::{self, EngineConfig, Progress, SkippedOps, SnapshotMode, Stats};
use crate::cdc::envelope::DecimalHandling;
use crate::cdc::runner;
use crate::commands::values::{Decimal, Snapshot};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Report;
use crate::shutdown::Shutdown;

/// Capture changes of PostgreSQL tables into Kafka with the built-in engine.
///
/// Creates (or reuses) a publication and a pgoutput replication slot, snapshots existing
/// rows (`--snapshot`), then streams the slot over the replication protocol and writes
/// inserts, updates and deletes (truncates with --skipped-operations none) as Debezium's
/// PostgreSQL connector does to `<prefix>.<schema>.<table>`. The slot is confirmed only
/// past changes Kafka acknowledged: a restart resumes where the last run stopped
/// (at-least-once). Runs in the foreground; Ctrl-C stops after the transaction being read
/// is acknowledged.
#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// Connector name (also the default slot name)
    pub name: String,
    /// Table to capture as schema.table (repeatable); defaults to the connector's stored tables
    #[arg(long = "table", value_name = "SCHEMA.TABLE")]
    pub tables: Vec<String>,
    /// Topic prefix: events go to <prefix>.<schema>.<table> (Debezium's topic.prefix) [default: db]
    #[arg(long)]
    pub topic_prefix: Option<String>,
    /// Replication slot name (default: the connector name, made a valid slot name)
    #[arg(long)]
    pub slot: Option<String>,
    /// Publication name (default: <slot>_pub); reused when it exists
    #[arg(long)]
    pub publication: Option<String>,
    /// When to emit existing rows as `r` events [default: the stored mode, else initial]
    #[arg(long, value_enum)]
    pub snapshot: Option<Snapshot>,
    /// Do not follow deletes with a tombstone (Debezium's tombstones.on.delete=false)
    #[arg(long)]
    pub no_tombstones: bool,
    /// Wrap keys and values as {"schema": ..., "payload": ...} (Connect's schemas.enable=true)
    #[arg(long)]
    pub schemas_enable: bool,
    /// How numeric/decimal and money columns are written (Debezium's decimal.handling.mode) [default: the stored mode, else precise]
    #[arg(long, value_enum)]
    pub decimal_handling: Option<Decimal>,
    /// Change kinds not to emit, comma-separated c,u,d,t or `none` (Debezium's skipped.operations) [default: the stored list, else t]
    #[arg(long, value_name = "OPS", value_parser = parse_skipped)]
    pub skipped_operations: Option<SkippedOps>,
    /// Write BEGIN/END records to <prefix>.transaction and fill each event's `transaction` block (Debezium's provide.transaction.metadata)
    #[arg(long)]
    pub transaction_metadata: bool,
    /// Put Debezium's __debezium.context.* headers (logical name, task id, connector, run id) on every change record (Debezium's extended.headers.enabled; off by default, see docs/connector.md)
    #[arg(long)]
    pub extended_headers: bool,
    /// Publish a heartbeat to __debezium-heartbeat.<prefix> this often (Debezium's heartbeat.interval.ms) [default: off]
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub heartbeat_interval: Option<Duration>,
    /// SQL run on each heartbeat, e.g. an INSERT into a published table so the slot of a quiet database advances (Debezium's heartbeat.action.query)
    #[arg(long, value_name = "SQL", requires = "heartbeat_interval")]
    pub heartbeat_action_query: Option<String>,
    /// Read the slot's catalog_xmin this often for source.xmin (Debezium's xmin.fetch.interval.ms) [default: off, xmin is null]
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub xmin_fetch_interval: Option<Duration>,
    /// Ignored: the slot is streamed, not polled (kept so scripts that pass it still run)
    #[arg(long, hide = true)]
    pub batch_changes: Option<i32>,
    /// Ignored: the slot is streamed, not polled (kept so scripts that pass it still run)
    #[arg(long, hide = true, value_parser = humantime::parse_duration)]
    pub poll_interval: Option<Duration>,
    /// How often the status line / JSON stats are refreshed
    #[arg(long, default_value = "1s", value_parser = humantime::parse_duration)]
    pub stats_interval: Duration,
    /// Partitions of topics created by the connector
    #[arg(long, default_value_t = 1)]
    pub partitions: i32,
    /// Replication factor of topics created by the connector
    #[arg(long, default_value_t = 1)]
    pub replication_factor: i32,
    /// Exit once everything available has been delivered (for scripts and backfills)
    #[arg(long)]
    pub until_idle: bool,
    #[command(flatten)]
    pub target: super::Where,
    /// Remote: the database host as the Kafka Connect workers reach it [default: the profile's]
    #[arg(long)]
    pub database_hostname: Option<String>,
    /// Remote: how long to wait until the connector and all tasks are RUNNING
    #[arg(long, default_value = "120s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
}

fn parse_skipped(s: &str) -> std::result::Result<SkippedOps, String> {
    SkippedOps::parse(s)
}

#[derive(Serialize)]
struct Summary<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
}

impl Report for Summary<'_> {
    fn human(&self) -> String {
        let s = self.stats;
        format!(
            "connector `{}` stopped: {} events ({} snapshot rows, {} transactions), slot at {}",
            s.connector,
            s.events,
            s.snapshot_rows,
            s.transactions,
            s.confirmed_lsn.as_deref().unwrap_or("-")
        )
    }
}

pub async fn run(ctx: &Context, args: &StartArgs) -> Result<()> {
    let s = ctx.settings()?;
    if args.name.is_empty() {
        return Err(Error::usage("the connector name is empty"));
    }
    let slot = args
        .slot
        .clone()
        .unwrap_or_else(|| engine::slot_name(&args.name));
    if !engine::is_valid_slot_name(&slot) {
        return Err(
            Error::usage(format!("`{slot}` is not a valid replication slot name"))
                .hint("use lower-case letters, digits and underscores, at most 63 characters"),
        );
    }
    if let Some(client) = super::remote_client(ctx, &args.target)? {
        return start_remote(ctx, args, &client, &slot).await;
    }
    let cfg = EngineConfig {
        name: args.name.clone(),
        tables: args.tables.clone(),
        topic_prefix: args.topic_prefix.clone(),
        publication: args
            .publication
            .clone()
            .unwrap_or_else(|| engine::default_publication(&slot)),
        slot,
        snapshot: args.snapshot.map(Into::into),
        // Flags absent on a restart mean "as stored"; the format is fixed at creation.
        tombstones: args.no_tombstones.then_some(false),
        decimal: args.decimal_handling.map(Into::into),
        schemas_enable: args.schemas_enable.then_some(true),
        skipped_operations: args.skipped_operations,
        transaction_metadata: args.transaction_metadata.then_some(true),
        extended_headers: args.extended_headers.then_some(true),
        // Debezium's 0 means off.
        heartbeat_interval: args.heartbeat_interval.filter(|d| !d.is_zero()),
        heartbeat_action_query: args.heartbeat_action_query.clone(),
        xmin_fetch_interval: args.xmin_fetch_interval.filter(|d| !d.is_zero()),
        stats_interval: args.stats_interval,
        partitions: args.partitions,
        replication_factor: args.replication_factor,
        until_idle: args.until_idle,
    };
    let out = ctx.out.clone();
    let shutdown = Shutdown::on_signals_then(move || {
        out.info(
            "stopping: waiting for Kafka to acknowledge what is in flight (Ctrl-C again to abort)",
        )
    });
    let line = ctx.out.status_line();
    let out = ctx.out.clone();
    let json = ctx.out.is_json();
    let status = line.clone();
    let observer = move |p: Progress<'_>| match p {
        Progress::Info(msg) => line.suspend(|| out.info(&msg)),
        Progress::Stats(st) => {
            if json {
                let _ = out.record(st, String::new);
            } else {
                line.set_message(format!(
                    "{} | {} events ({}/s) | last LSN {} | slot lag {}",
                    st.phase,
                    st.events,
                    st.events_per_sec,
                    st.last_lsn.as_deref().unwrap_or("-"),
                    st.slot_lag_bytes
                        .map(super::human_bytes)
                        .unwrap_or_else(|| "-".into())
                ));
            }
        }
    };
    // On a thread of its own; stop requests (`connector stop`) and PostgreSQL restarts:
    // see cdc::runner.
    let result = runner::run_on_own_thread(
        s.postgres.clone(),
        s.kafka.clone(),
        cfg,
        shutdown.clone(),
        observer,
    )
    .await;
    status.finish_and_clear();
    let stats = result?;
    if json {
        ctx.out.record(&stats, String::new)
    } else {
        ctx.out.report(&Summary { stats: &stats })
    }
}

async fn start_remote(
    ctx: &Context,
    args: &StartArgs,
    client: &crate::cdc::connect::ConnectClient,
    slot: &str,
) -> Result<()> {
    use crate::cdc::connect::{debezium_config, redact, DebeziumSpec};
    let s = ctx.settings()?;
    if args.tables.is_empty() {
        return Err(Error::usage(
            "name the tables to capture with --table schema.table",
        ));
    }
    let tables: Vec<String> = args
        .tables
        .iter()
        .map(|t| {
            let (sch, n) = crate::cdc::state::split_table(t);
            format!("{sch}.{n}")
        })
        .collect();
    let publication = args
        .publication
        .clone()
        .unwrap_or_else(|| engine::default_publication(slot));
    let spec = DebeziumSpec {
        hostname: args
            .database_hostname
            .as_deref()
            .unwrap_or(&s.postgres.host),
        port: s.postgres.port,
        user: &s.postgres.user,
        password: s.postgres.password.as_deref(),
        dbname: &s.postgres.dbname,
        topic_prefix: args.topic_prefix.as_deref().unwrap_or("db"),
        tables: &tables,
        slot,
        publication: &publication,
        snapshot_mode: args
            .snapshot
            .map_or(SnapshotMode::Initial, Into::into)
            .debezium(),
        tombstones: !args.no_tombstones,
        decimal_handling: args
            .decimal_handling
            .map_or(DecimalHandling::Precise, Into::into)
            .debezium(),
        schemas_enable: args.schemas_enable,
        skipped_operations: args.skipped_operations.map(|o| o.to_string()),
        transaction_metadata: args.transaction_metadata,
        extended_headers: args.extended_headers,
        heartbeat_interval_ms: args.heartbeat_interval.map(|d| d.as_millis() as u64),
        heartbeat_action_query: args.heartbeat_action_query.as_deref(),
        xmin_fetch_interval_ms: args.xmin_fetch_interval.map(|d| d.as_millis() as u64),
        topic_partitions: args.partitions,
        topic_replication_factor: args.replication_factor,
        tls: s.postgres.pgjdbc_tls(),
    };
    let config = debezium_config(&spec);
    let created = client.put_config_and_run(&args.name, &config).await?;
    let step = ctx.out.step(format!(
        "waiting for connector `{}` and its tasks to be RUNNING",
        args.name
    ));
    let status = match client
        .wait_running(&args.name, args.timeout, Duration::from_millis(500))
        .await
    {
        Ok(st) => {
            step.done("RUNNING");
            st
        }
        Err(e) => {
            step.fail("");
            return Err(e);
        }
    };
    ctx.out.report(&super::remote::Applied {
        name: args.name.clone(),
        action: if created { "created" } else { "updated" },
        config: redact(&config),
        status,
    })
}
