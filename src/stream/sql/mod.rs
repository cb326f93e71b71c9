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

use std::collections::BTreeMap;

use serde::Serialize;

use crate::stream::expr::{CmpKind, Expr, FieldPath, Operand};
use crate::stream::job::{
    AggFunc, Envelope, Job, OutputType, SinkSpec, StartFrom, TimeFormat, TimeSource, WindowSpec,
};

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

const REDACTED: &str = "********";
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

/// The SQL type of a leaf field in the source table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leaf {
    Text,
    Timestamp,
    EpochMillis,
}

/// Nested ROW types for the fields the job reads.
#[derive(Debug, Default)]
struct Tree {
    children: BTreeMap<String, Tree>,
    leaf: Option<Leaf>,
}

impl Tree {
    fn insert(&mut self, path: &[String], leaf: Leaf) {
        match path {
            [] => {
                // A time field wins over a text use of the same field.
                if self.leaf != Some(Leaf::Timestamp) && self.leaf != Some(Leaf::EpochMillis) {
                    self.leaf = Some(leaf);
                }
            }
            [first, rest @ ..] => self
                .children
                .entry(first.clone())
                .or_default()
                .insert(rest, leaf),
        }
    }
    fn sql_type(&self) -> String {
        match self.leaf {
            Some(Leaf::Text) => "STRING".into(),
            Some(Leaf::Timestamp) => "TIMESTAMP_LTZ(6)".into(),
            Some(Leaf::EpochMillis) => "BIGINT".into(),
            None => {
                let fields: Vec<String> = self
                    .children
                    .iter()
                    .map(|(k, v)| format!("{} {}", ident(k), v.sql_type()))
                    .collect();
                format!("ROW<{}>", fields.join(", "))
            }
        }
    }
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

/// How a field of the event is read in the source table.
fn field_sql(job: &Job, path: &FieldPath) -> String {
    let nested = |prefix: Option<&str>| {
        let mut parts: Vec<String> = Vec::new();
        if let Some(p) = prefix {
            parts.push(ident(p));
        }
        parts.extend(path.0.iter().map(|s| ident(s)));
        parts.join(".")
    };
    match job.source.envelope {
        Envelope::Plain => nested(None),
        Envelope::Debezium => match path.dotted().as_str() {
            "__op" => ident("op"),
            "__ts_ms" => ident("ts_ms"),
            _ => format!(
                "IF({} IS NULL, {}, {})",
                ident("after"),
                nested(Some("before")),
                nested(Some("after"))
            ),
        },
    }
}

fn source_table(job: &Job, targets: &Targets, names: &Names) -> Result<String, PlanError> {
    let mut tree = Tree::default();
    let mut envelope_cols: Vec<(String, &str)> = Vec::new();
    let mut add = |path: &FieldPath, leaf: Leaf, tree: &mut Tree| match job.source.envelope {
        Envelope::Plain => tree.insert(&path.0, leaf),
        Envelope::Debezium => match path.dotted().as_str() {
            "__op" => envelope_cols.push(("op".into(), "STRING")),
            "__ts_ms" => envelope_cols.push(("ts_ms".into(), "BIGINT")),
            _ => {
                let mut before = vec!["before".to_string()];
                before.extend(path.0.iter().cloned());
                tree.insert(&before, leaf);
                let mut after = vec!["after".to_string()];
                after.extend(path.0.iter().cloned());
                tree.insert(&after, leaf);
            }
        },
    };
    let time_sql = match &job.source.time {
        TimeSource::RecordTimestamp => None,
        TimeSource::Field { path, format } => {
            let leaf = match format {
                TimeFormat::Iso8601 => Leaf::Timestamp,
                TimeFormat::EpochMillis => Leaf::EpochMillis,
            };
            add(path, leaf, &mut tree);
            let f = field_sql(job, path);
            Some(match format {
                TimeFormat::Iso8601 => format!("CAST({f} AS TIMESTAMP_LTZ(3))"),
                TimeFormat::EpochMillis => format!("TO_TIMESTAMP_LTZ({f}, 3)"),
            })
        }
    };
    for p in job.referenced_fields() {
        add(p, Leaf::Text, &mut tree);
    }
    if job.source.envelope == Envelope::Debezium {
        // `after` is tested for null even when only envelope fields are read.
        tree.children.entry("after".into()).or_default();
    }
    envelope_cols.sort();
    envelope_cols.dedup();

    let mut cols: Vec<String> = tree
        .children
        .iter()
        .filter(|(_, t)| t.leaf.is_some() || !t.children.is_empty())
        .map(|(k, t)| format!("  {} {}", ident(k), t.sql_type()))
        .collect();
    // An envelope with no row fields read still needs a type for `after`.
    if job.source.envelope == Envelope::Debezium
        && tree
            .children
            .get("after")
            .is_some_and(|t| t.children.is_empty() && t.leaf.is_none())
    {
        cols.push(format!("  {} STRING", ident("after")));
    }
    for (c, t) in &envelope_cols {
        cols.push(format!("  {} {t}", ident(c)));
    }
    let time_col = ident("event_time");
    match (&time_sql, &targets.source_file) {
        (None, Some(_)) => return Err(PlanError::NoRecordTimestamp),
        (None, None) => cols.push(format!(
            "  {time_col} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'"
        )),
        // An event without a usable time becomes 1970: behind any watermark, so dropped,
        // as the built-in engine drops it.
        (Some(t), _) => cols.push(format!(
            "  {time_col} AS COALESCE({t}, TO_TIMESTAMP_LTZ(0, 3))"
        )),
    }
    cols.push(format!(
        "  WATERMARK FOR {time_col} AS {time_col}{}",
        if job.source.watermark_delay_ms > 0 {
            format!(" - {}", interval(job.source.watermark_delay_ms))
        } else {
            String::new()
        }
    ));

    let mut with: Vec<(String, String)> = Vec::new();
    match &targets.source_file {
        Some(path) => {
            with.push(("connector".into(), "filesystem".into()));
            with.push(("path".into(), file_uri(path)));
            if targets.source_is_dir {
                with.push(("source.monitor-interval".into(), "1 s".into()));
            }
        }
        None => {
            with.push(("connector".into(), "kafka".into()));
            with.push(("topic".into(), job.source.topic.clone()));
            with.extend(kafka_properties(targets));
            with.push((
                "properties.group.id".into(),
                crate::stream::job::flink_group(&job.name),
            ));
            // A new job starts where `from` says; a restarted one from its commits.
            with.push(("scan.startup.mode".into(), "group-offsets".into()));
            with.push((
                "properties.auto.offset.reset".into(),
                match job.source.from {
                    StartFrom::Earliest => "earliest".into(),
                    StartFrom::Latest => "latest".into(),
                },
            ));
        }
    }
    with.push(("format".into(), "json".into()));
    with.push(("json.ignore-parse-errors".into(), "true".into()));
    with.push(("json.timestamp-format.standard".into(), "ISO-8601".into()));
    // A watermark after every event, as the built-in engine computes it.
    with.push(("scan.watermark.emit.strategy".into(), "on-event".into()));
    Ok(format!(
        "CREATE TABLE {} (\n{}\n) WITH (\n{}\n)",
        ident(&names.source),
        cols.join(",\n"),
        with_clause(&with)
    ))
}

fn kafka_properties(targets: &Targets) -> Vec<(String, String)> {
    let mut out = vec![(
        "properties.bootstrap.servers".to_string(),
        targets.kafka_bootstrap.clone(),
    )];
    for (k, v) in &targets.kafka_properties {
        let value = if targets.redact && crate::profile::is_secret_key(k) {
            REDACTED.to_string()
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

fn events_view(job: &Job, names: &Names) -> String {
    let mut cols = vec![ident("event_time")];
    for g in &job.group_by {
        cols.push(format!("{} AS {}", field_sql(job, &g.path), ident(&g.name)));
    }
    for (i, a) in job.aggregates.iter().enumerate() {
        let Some(f) = &a.field else { continue };
        let value = match a.func {
            AggFunc::CountDistinct => field_sql(job, f),
            _ => format!("TRY_CAST({} AS {})", field_sql(job, f), job.decimal_type(f)),
        };
        cols.push(format!("{value} AS {}", ident(&arg_column(i))));
    }
    let mut sql = format!(
        "CREATE TEMPORARY VIEW {} AS\nSELECT {}\nFROM {}",
        ident(&names.events),
        cols.join(",\n       "),
        ident(&names.source)
    );
    // Events without a time are read as 1970 (they must not stop the watermark); they
    // belong to no window, as the built-in engine skips them.
    let mut conds = Vec::new();
    if let TimeSource::Field { path, .. } = &job.source.time {
        conds.push(format!("{} IS NOT NULL", field_sql(job, path)));
    }
    if let Some(f) = &job.filter {
        conds.push(expr_sql(job, &f.expr));
    }
    if !conds.is_empty() {
        sql.push_str(&format!("\nWHERE {}", conds.join("\n  AND ")));
    }
    sql
}

fn expr_sql(job: &Job, e: &Expr) -> String {
    match e {
        Expr::And(a, b) => format!("({} AND {})", expr_sql(job, a), expr_sql(job, b)),
        Expr::Or(a, b) => format!("({} OR {})", expr_sql(job, a), expr_sql(job, b)),
        Expr::Not(a) => format!("NOT {}", expr_sql(job, a)),
        Expr::IsNull { field, negated } => format!(
            "{} IS {}NULL",
            field_sql(job, field),
            if *negated { "NOT " } else { "" }
        ),
        Expr::Compare {
            left,
            op,
            right,
            kind,
        } => {
            let side = |o: &Operand| match (o, kind) {
                (Operand::Field(f), CmpKind::Numeric) => {
                    format!("TRY_CAST({} AS {})", field_sql(job, f), job.decimal_type(f))
                }
                (Operand::Field(f), CmpKind::Text) => field_sql(job, f),
                (Operand::Number(d), _) => d.to_string(),
                (Operand::Str(s), _) => literal(s),
                (Operand::Bool(b), _) => literal(if *b { "true" } else { "false" }),
                (Operand::Null, _) => "NULL".into(),
            };
            format!("{} {} {}", side(left), op.sql(), side(right))
        }
    }
}

/// How a sink's columns are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// TIMESTAMP(3) windows and DECIMAL values (PostgreSQL).
    Typed,
    /// The Kafka sink's JSON: windows as `2026-11-22T04:21:00.000Z`, decimals as strings.
    Json,
}

fn sink_columns(job: &Job, shape: Shape) -> Vec<String> {
    let ts = match shape {
        Shape::Typed => "TIMESTAMP(3)",
        Shape::Json => "STRING",
    };
    let mut cols = vec![
        format!("  {} {ts}", ident("window_start")),
        format!("  {} {ts}", ident("window_end")),
    ];
    for g in &job.group_by {
        cols.push(format!("  {} STRING", ident(&g.name)));
    }
    for a in &job.aggregates {
        let t = match (job.output_type(a), shape) {
            (OutputType::Count, _) => "BIGINT".to_string(),
            (OutputType::Decimal(d), Shape::Typed) => d.to_string(),
            (OutputType::Decimal(_), Shape::Json) => "STRING".to_string(),
        };
        cols.push(format!("  {} {t}", ident(&a.name)));
    }
    cols
}

fn primary_key(job: &Job) -> String {
    let mut key = vec![ident("window_start")];
    key.extend(job.group_by.iter().map(|g| ident(&g.name)));
    format!("  PRIMARY KEY ({}) NOT ENFORCED", key.join(", "))
}

fn jdbc_sink_table(job: &Job, table: &str, pg_table: &str, targets: &Targets) -> String {
    let mut cols = sink_columns(job, Shape::Typed);
    cols.push(primary_key(job));
    let mut with = vec![("connector".to_string(), "jdbc".to_string())];
    match &targets.postgres {
        Some(pg) => {
            with.push(("url".into(), pg.url.clone()));
            with.push(("username".into(), pg.user.clone()));
            if let Some(p) = &pg.password {
                with.push((
                    "password".into(),
                    if targets.redact {
                        REDACTED.into()
                    } else {
                        p.clone()
                    },
                ));
            }
        }
        None => with.push(("url".into(), "jdbc:postgresql://HOST:PORT/DATABASE".into())),
    }
    with.push(("table-name".into(), pg_table.to_string()));
    format!(
        "CREATE TABLE {} (\n{}\n) WITH (\n{}\n)",
        ident(table),
        cols.join(",\n"),
        with_clause(&with)
    )
}

fn kafka_sink_table(job: &Job, table: &str, topic: &str, targets: &Targets) -> String {
    let mut cols = sink_columns(job, Shape::Json);
    cols.push(primary_key(job));
    let mut with = vec![
        ("connector".to_string(), "upsert-kafka".to_string()),
        ("topic".into(), topic.to_string()),
    ];
    with.extend(kafka_properties(targets));
    with.push(("key.format".into(), "json".into()));
    with.push(("value.format".into(), "json".into()));
    format!(
        "CREATE TABLE {} (\n{}\n) WITH (\n{}\n)",
        ident(table),
        cols.join(",\n"),
        with_clause(&with)
    )
}

fn file_sink_table(job: &Job, table: &str, dir: &str, n: usize) -> String {
    let cols = sink_columns(job, Shape::Json);
    let path = format!("{}/sink_{n}", dir.trim_end_matches('/'));
    let with = vec![
        ("connector".to_string(), "filesystem".to_string()),
        ("path".into(), file_uri(&path)),
        ("format".into(), "json".into()),
    ];
    format!(
        "CREATE TABLE {} (\n{}\n) WITH (\n{}\n)",
        ident(table),
        cols.join(",\n"),
        with_clause(&with)
    )
}

fn window_tvf(job: &Job, names: &Names) -> String {
    let events = ident(&names.events);
    let time = format!("DESCRIPTOR({})", ident("event_time"));
    match job.window {
        WindowSpec::Tumble { size_ms } => {
            format!("TUMBLE(TABLE {events}, {time}, {})", interval(size_ms))
        }
        WindowSpec::Hop { size_ms, slide_ms } => format!(
            "HOP(TABLE {events}, {time}, {}, {})",
            interval(slide_ms),
            interval(size_ms)
        ),
        WindowSpec::Session { gap_ms } => {
            let partition = if job.group_by.is_empty() {
                String::new()
            } else {
                let keys: Vec<String> = job.group_by.iter().map(|g| ident(&g.name)).collect();
                format!(" PARTITION BY {}", keys.join(", "))
            };
            format!(
                "SESSION(TABLE {events}{partition}, {time}, {})",
                interval(gap_ms)
            )
        }
    }
}

fn insert(job: &Job, table: &str, names: &Names, shape: Shape) -> String {
    let window = |col: &str| match shape {
        Shape::Typed => ident(col),
        Shape::Json => format!(
            "DATE_FORMAT({}, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''')",
            ident(col)
        ),
    };
    let mut select = vec![
        format!("{} AS {}", window("window_start"), ident("window_start")),
        format!("{} AS {}", window("window_end"), ident("window_end")),
    ];
    for g in &job.group_by {
        select.push(ident(&g.name));
    }
    for (i, a) in job.aggregates.iter().enumerate() {
        let arg = ident(&arg_column(i));
        let agg = match a.func {
            AggFunc::Count => "COUNT(*)".to_string(),
            AggFunc::CountDistinct => format!("COUNT(DISTINCT {arg})"),
            AggFunc::Sum => format!("SUM({arg})"),
            AggFunc::Avg => format!("AVG({arg})"),
            AggFunc::Min => format!("MIN({arg})"),
            AggFunc::Max => format!("MAX({arg})"),
        };
        let value = match (job.output_type(a), shape) {
            (OutputType::Decimal(_), Shape::Json) => format!("CAST({agg} AS STRING)"),
            _ => agg,
        };
        select.push(format!("{value} AS {}", ident(&a.name)));
    }
    let mut group = vec![ident("window_start"), ident("window_end")];
    group.extend(job.group_by.iter().map(|g| ident(&g.name)));
    format!(
        "INSERT INTO {}\nSELECT {}\nFROM TABLE({})\nGROUP BY {}",
        ident(table),
        select.join(",\n       "),
        window_tvf(job, names),
        group.join(", ")
    )
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
