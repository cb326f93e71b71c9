//! A stream job as Flink SQL: the statements `stream plan` prints and `stream submit`
//! sends. The source table reads every field the job uses as a STRING (the time field as
//! a timestamp) and numbers go through `TRY_CAST(... AS DECIMAL(p, s))`, which is how the
//! built-in engine reads them too, so both produce the same window results.
//!
//! Statements, in order:
//! 1. `SET` the job name (`pipeline.name`, how `stream status NAME` finds it), UTC as the
//!    session time zone (window boundaries in UTC, as the built-in engine's), and a
//!    checkpoint interval (the Kafka source commits its offsets and the sinks flush on
//!    checkpoints, so a restarted job resumes where it was).
//! 2. `CREATE TABLE` for the source (Kafka, JSON) with its `WATERMARK`.
//! 3. `CREATE TEMPORARY VIEW` of the events: the filter applied, fields flattened.
//! 4. `CREATE TABLE` per sink: `jdbc` for PostgreSQL (upsert on the window start and the
//!    group), `upsert-kafka` for Kafka (JSON key of the same columns). Redis has no Flink
//!    connector and is listed in `unsupported_sinks`.
//! 5. The `INSERT INTO ... SELECT ... FROM TABLE(TUMBLE|HOP|SESSION(...)) GROUP BY
//!    window_start, window_end, ...` per sink, in one `EXECUTE STATEMENT SET` when there
//!    are several (Flink runs a program's inserts as one job).
//!
//! For trying a job on recorded events, the source can be a file of JSON lines and the
//! sinks a directory (filesystem connector, JSON lines in the Kafka sink's shape).
//!
//! Here: the plan and its statements in order, with the SQL text helpers; `source.rs`
//! writes the source table and events view, `sinks.rs` the sink tables and inserts.

mod sinks;
mod source;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::stream::job::{Job, SinkSpec};
use sinks::{file_sink_table, insert, jdbc_sink_table, kafka_sink_table, Shape};
use source::{events_view, source_table};

/// Where the statements point, beyond what the job says.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// Kafka bootstrap servers and client properties (`security.protocol`, ...).
    pub kafka_bootstrap: String,
    pub kafka_properties: BTreeMap<String, String>,
    /// PostgreSQL for the jdbc sink.
    pub postgres: Option<JdbcTarget>,
    /// Read the events from this file (JSON lines) instead of Kafka; a directory is read
    /// file by file and watched for new files, so the job keeps running.
    pub source_file: Option<String>,
    pub source_is_dir: bool,
    /// Write every sink as JSON lines under this directory instead.
    pub sink_dir: Option<String>,
    /// Print secrets as `********` (for showing the plan, not for submitting it).
    pub redact: bool,
}

#[derive(Debug, Clone)]
pub struct JdbcTarget {
    pub url: String,
    pub user: String,
    pub password: Option<String>,
}

/// `stream plan -o json` prints this (the field names are stable).
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub job: String,
    pub statements: Vec<String>,
    pub unsupported_sinks: Vec<UnsupportedSink>,
    /// What the SQL does differently from the built-in engine for this job.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnsupportedSink {
    pub sink: String,
    pub reason: String,
}

/// Why a job cannot be planned for these targets.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("the job reads the Kafka record timestamp (source.time: $timestamp), which a file of events does not have")]
    NoRecordTimestamp,
    #[error("no sink of the job has a Flink connector ({0})")]
    NothingToRun(String),
}

use crate::profile::REDACTED;
const CHECKPOINT_INTERVAL: &str = "10 s";

pub fn ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

pub fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A duration as a Flink interval literal.
pub fn interval(ms: i64) -> String {
    const UNITS: [(i64, &str); 4] = [
        (86_400_000, "DAY"),
        (3_600_000, "HOUR"),
        (60_000, "MINUTE"),
        (1_000, "SECOND"),
    ];
    for (size, unit) in UNITS {
        if ms % size == 0 {
            return format!("INTERVAL '{}' {unit}", ms / size);
        }
    }
    format!("INTERVAL '{}.{:03}' SECOND(9, 3)", ms / 1000, ms % 1000)
}

fn table_base(job: &str) -> String {
    job.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

struct Names {
    source: String,
    events: String,
}

/// The statements for `job` against `targets`.
pub fn plan(job: &Job, targets: &Targets) -> Result<Plan, PlanError> {
    let base = table_base(&job.name);
    let names = Names {
        source: format!("{base}_source"),
        events: format!("{base}_events"),
    };
    let mut statements = vec![
        format!("SET 'pipeline.name' = {}", literal(&job.name)),
        "SET 'table.local-time-zone' = 'UTC'".to_string(),
        format!("SET 'execution.checkpointing.interval' = '{CHECKPOINT_INTERVAL}'"),
    ];
    statements.push(source_table(job, targets, &names)?);
    statements.push(events_view(job, &names));

    let mut unsupported = Vec::new();
    let mut inserts = Vec::new();
    for (i, sink) in job.sinks.iter().enumerate() {
        let table = format!("{base}_sink_{}", i + 1);
        let shape = match (sink, &targets.sink_dir) {
            (SinkSpec::Redis { .. }, _) => {
                unsupported.push(UnsupportedSink {
                    sink: sink.label(),
                    reason: "Flink has no Redis connector; `stream run` writes this sink".into(),
                });
                continue;
            }
            (_, Some(dir)) => {
                statements.push(file_sink_table(job, &table, dir, i + 1));
                Shape::Json
            }
            (SinkSpec::Postgres { table: pg_table }, None) => {
                statements.push(jdbc_sink_table(job, &table, pg_table, targets));
                Shape::Typed
            }
            (SinkSpec::Kafka { topic }, None) => {
                statements.push(kafka_sink_table(job, &table, topic, targets));
                Shape::Json
            }
        };
        inserts.push(insert(job, &table, &names, shape));
    }
    if inserts.is_empty() {
        let labels: Vec<String> = job.sinks.iter().map(SinkSpec::label).collect();
        return Err(PlanError::NothingToRun(labels.join(", ")));
    }
    if inserts.len() == 1 {
        statements.extend(inserts);
    } else {
        statements.push(format!(
            "EXECUTE STATEMENT SET\nBEGIN\n{};\nEND",
            inserts.join(";\n")
        ));
    }

    let mut notes = Vec::new();
    if let crate::stream::job::Emit::Every { interval_ms } = job.emit {
        notes.push(format!(
            "emit: {{every: {}}} has no counterpart in Flink's window aggregations: Flink writes each window once, when it closes",
            crate::stream::job::show_ms(interval_ms)
        ));
    }
    if job.source.allowed_lateness_ms > 0 {
        notes.push(
            "source.allowed_lateness has no counterpart in Flink's window aggregations: Flink drops events behind the watermark".into(),
        );
    }
    if job
        .sinks
        .iter()
        .any(|s| matches!(s, SinkSpec::Postgres { .. }))
        && targets.sink_dir.is_none()
    {
        notes.push("the jdbc sink needs flink-connector-jdbc and the PostgreSQL driver on the cluster, and writes into an existing table: `stream submit` creates it first".into());
        notes.push("the jdbc sink writes window times as TIMESTAMP in the JVM's time zone into timestamptz columns: run Flink in UTC (-Duser.timezone=UTC)".into());
    }
    let kafka_sink = targets.sink_dir.is_none()
        && job
            .sinks
            .iter()
            .any(|s| matches!(s, SinkSpec::Kafka { .. }));
    if targets.source_file.is_none() || kafka_sink {
        notes.push(
            "the kafka and upsert-kafka connectors need flink-sql-connector-kafka on the cluster"
                .into(),
        );
    }
    Ok(Plan {
        job: job.name.clone(),
        statements,
        unsupported_sinks: unsupported,
        notes,
    })
}

fn kafka_properties(targets: &Targets) -> Vec<(String, String)> {
    let mut out = vec![(
        "properties.bootstrap.servers".to_string(),
        targets.kafka_bootstrap.clone(),
    )];
    for (k, v) in &targets.kafka_properties {
        let value = if targets.redact {
            crate::profile::redact_value(k, v)
        } else {
            v.clone()
        };
        out.push((format!("properties.{k}"), value));
    }
    out
}

fn with_clause(with: &[(String, String)]) -> String {
    with.iter()
        .map(|(k, v)| format!("  {} = {}", literal(k), literal(v)))
        .collect::<Vec<_>>()
        .join(",\n")
}

fn file_uri(path: &str) -> String {
    if path.contains("://") {
        path.to_string()
    } else {
        format!("file://{path}")
    }
}

/// Column `i` of the events view holds aggregate `i`'s argument.
fn arg_column(i: usize) -> String {
    format!("arg_{}", i + 1)
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<PlanError> for crate::error::Error {
    fn from(e: PlanError) -> Self {
        crate::error::Error::from_domain(crate::error::ErrorKind::Usage, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::job;

    const JOB: &str = "\
name: revenue-by-region
source: {topic: db_live_events, time: meta.created_at, watermark_delay: 5s}
where: payload.amount > 0 and not payload.region = 'test'
group_by: [payload.region]
window: {tumble: 1m}
aggregates: {orders: count, revenue: sum(payload.amount), biggest: max(payload.amount), orgs: count_distinct(payload.org)}
sinks:
  - postgres: {table: revenue_by_region}
  - kafka: {topic: revenue_by_region}
  - redis: {}
";

    fn targets() -> Targets {
        Targets {
            kafka_bootstrap: "127.0.0.1:9092".into(),
            kafka_properties: BTreeMap::from([("sasl.password".into(), "pw".into())]),
            postgres: Some(JdbcTarget {
                url: "jdbc:postgresql://127.0.0.1:5432/livedb".into(),
                user: "livedb".into(),
                password: Some("secret".into()),
            }),
            redact: true,
            ..Targets::default()
        }
    }

    #[test]
    fn the_issue_example_becomes_flink_sql() {
        let job = job::parse(JOB, "j").unwrap();
        let plan = plan(&job, &targets()).unwrap();
        let all = plan.statements.join(";\n");
        assert_eq!(
            plan.statements[0],
            "SET 'pipeline.name' = 'revenue-by-region'"
        );
        for want in [
            "`payload` ROW<`amount` STRING, `org` STRING, `region` STRING>",
            "`meta` ROW<`created_at` TIMESTAMP_LTZ(6)>",
            "WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5' SECOND",
            "'connector' = 'kafka'",
            "'properties.sasl.password' = '********'",
            "WHERE `meta`.`created_at` IS NOT NULL\n  AND (TRY_CAST(`payload`.`amount` AS DECIMAL(28, 2)) > 0 AND NOT `payload`.`region` = 'test')",
            "'connector' = 'jdbc'",
            "'password' = '********'",
            "PRIMARY KEY (`window_start`, `region`) NOT ENFORCED",
            "'connector' = 'upsert-kafka'",
            "EXECUTE STATEMENT SET",
            "FROM TABLE(TUMBLE(TABLE `revenue_by_region_events`, DESCRIPTOR(`event_time`), INTERVAL '1' MINUTE))",
            "GROUP BY `window_start`, `window_end`, `region`",
            "SUM(`arg_2`) AS `revenue`",
            "CAST(SUM(`arg_2`) AS STRING) AS `revenue`",
            "COUNT(DISTINCT `arg_4`) AS `orgs`",
            "`revenue` DECIMAL(38, 2)",
        ] {
            assert!(all.contains(want), "missing {want:?} in\n{all}");
        }
        assert!(!all.contains("secret") && !all.contains("'pw'"), "{all}");
        assert_eq!(plan.unsupported_sinks.len(), 1);
        assert_eq!(plan.unsupported_sinks[0].sink, "redis:livedb:stream");
    }

    #[test]
    fn windows_and_intervals() {
        assert_eq!(interval(300_000), "INTERVAL '5' MINUTE");
        assert_eq!(interval(7_200_000), "INTERVAL '2' HOUR");
        assert_eq!(interval(1_500), "INTERVAL '1.500' SECOND(9, 3)");
        let hop = job::parse(&JOB.replace("{tumble: 1m}", "{hop: 5m, every: 1m}"), "j").unwrap();
        let all = plan(&hop, &targets()).unwrap().statements.join("\n");
        assert!(all.contains("HOP(TABLE `revenue_by_region_events`, DESCRIPTOR(`event_time`), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)"), "{all}");
        let session = job::parse(&JOB.replace("{tumble: 1m}", "{session: 30s}"), "j").unwrap();
        let all = plan(&session, &targets()).unwrap().statements.join("\n");
        assert!(all.contains("SESSION(TABLE `revenue_by_region_events` PARTITION BY `region`, DESCRIPTOR(`event_time`), INTERVAL '30' SECOND)"), "{all}");
    }

    #[test]
    fn files_replace_kafka_and_the_sinks() {
        let job = job::parse(JOB, "j").unwrap();
        let mut t = targets();
        t.source_file = Some("/data/events.jsonl".into());
        t.sink_dir = Some("/data/out".into());
        let p = plan(&job, &t).unwrap();
        let all = p.statements.join("\n");
        assert!(
            all.contains("'path' = 'file:///data/events.jsonl'"),
            "{all}"
        );
        assert!(all.contains("'path' = 'file:///data/out/sink_1'"), "{all}");
        assert!(!all.contains("'kafka'") && !all.contains("jdbc"), "{all}");
        let ts = job::parse(&JOB.replace("time: meta.created_at, ", ""), "j").unwrap();
        assert!(matches!(plan(&ts, &t), Err(PlanError::NoRecordTimestamp)));
        let all = plan(&ts, &targets()).unwrap().statements.join("\n");
        assert!(all.contains("METADATA FROM 'timestamp'"), "{all}");
    }

    #[test]
    fn debezium_fields_come_from_after_or_before() {
        let job = job::parse(
            "name: cdc\nsource: {topic: t, time: __ts_ms, time_format: epoch_millis, envelope: debezium}\n\
             where: __op != 'd'\ngroup_by: [region]\nwindow: {tumble: 1m}\naggregates: {n: count}\n\
             sinks: [{kafka: {topic: o}}]\n",
            "j",
        )
        .unwrap();
        let all = plan(&job, &targets()).unwrap().statements.join("\n");
        for want in [
            "`after` ROW<`region` STRING>",
            "`before` ROW<`region` STRING>",
            "`op` STRING",
            "`ts_ms` BIGINT",
            "COALESCE(TO_TIMESTAMP_LTZ(`ts_ms`, 3), TO_TIMESTAMP_LTZ(0, 3))",
            "IF(`after` IS NULL, `before`.`region`, `after`.`region`) AS `region`",
            "WHERE `ts_ms` IS NOT NULL\n  AND `op` <> 'd'",
        ] {
            assert!(all.contains(want), "missing {want:?} in\n{all}");
        }
    }

    #[test]
    fn a_job_with_only_redis_has_nothing_for_flink() {
        let job = job::parse(
            &JOB.replace(
                "  - postgres: {table: revenue_by_region}\n  - kafka: {topic: revenue_by_region}\n",
                "",
            ),
            "j",
        )
        .unwrap();
        assert!(matches!(
            plan(&job, &targets()),
            Err(PlanError::NothingToRun(_))
        ));
    }
}
