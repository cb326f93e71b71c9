use std::time::Duration;

use serde::Serialize;

use crate::cdc::engine::{self, EngineConfig, Progress, SnapshotMode, Stats};
use crate::cdc::envelope::DecimalHandling;
use crate::cdc::runner;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Report;
use crate::shutdown::Shutdown;

/// Capture changes of PostgreSQL tables into Kafka with the built-in engine.
///
/// Creates (or reuses) a publication and a pgoutput replication slot, snapshots existing
/// rows (`--snapshot`), then streams inserts, updates, deletes and truncates as
/// Debezium-compatible events to `<prefix>.<schema>.<table>`. The slot advances only past
/// changes Kafka acknowledged: a restart resumes where the last run stopped (at-least-once).
/// Runs in the foreground; Ctrl-C stops after the records in flight are acknowledged.
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
    pub snapshot: Option<SnapshotMode>,
    /// Do not follow deletes with a tombstone (Debezium's tombstones.on.delete=false)
    #[arg(long)]
    pub no_tombstones: bool,
    /// Wrap keys and values as {"schema": ..., "payload": ...} (Connect's schemas.enable=true)
    #[arg(long)]
    pub schemas_enable: bool,
    /// How numeric/decimal columns are written: exact string or JSON number [default: string]
    #[arg(long, value_enum)]
    pub decimal_handling: Option<DecimalHandling>,
    /// Changes asked for per read of the slot (checked only at transaction boundaries)
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(i32).range(1..))]
    pub batch_changes: i32,
    /// Wait between reads when there is nothing new
    #[arg(long, default_value = "50ms", value_parser = humantime::parse_duration)]
    pub poll_interval: Duration,
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
        snapshot: args.snapshot,
        // Flags absent on a restart mean "as stored"; the format is fixed at creation.
        tombstones: args.no_tombstones.then_some(false),
        decimal: args.decimal_handling,
        schemas_enable: args.schemas_enable.then_some(true),
        batch_changes: args.batch_changes,
        poll_interval: args.poll_interval,
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
    let mut observer = |p: Progress<'_>| match p {
        Progress::Info(msg) => line.suspend(|| out.info(msg)),
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
    // Stop requests (`connector stop`) and PostgreSQL restarts: see cdc::runner.
    let result = runner::run(&s.postgres, &s.kafka, &cfg, &shutdown, &mut observer).await;
    line.finish_and_clear();
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
        snapshot_mode: args.snapshot.unwrap_or(SnapshotMode::Initial).debezium(),
        tombstones: !args.no_tombstones,
        decimal_handling: args
            .decimal_handling
            .unwrap_or(DecimalHandling::String)
            .debezium(),
        schemas_enable: args.schemas_enable,
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
