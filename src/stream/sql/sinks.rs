//! What the job writes: a table per sink (jdbc, upsert-kafka, or files) and the `INSERT`
//! of the window aggregation into it.

use super::{
    arg_column, file_uri, ident, interval, kafka_properties, with_clause, Names, Targets, REDACTED,
};
use crate::stream::job::{AggFunc, Job, OutputType, WindowSpec};

/// How a sink's columns are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
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

pub(super) fn jdbc_sink_table(job: &Job, table: &str, pg_table: &str, targets: &Targets) -> String {
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

pub(super) fn kafka_sink_table(job: &Job, table: &str, topic: &str, targets: &Targets) -> String {
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

pub(super) fn file_sink_table(job: &Job, table: &str, dir: &str, n: usize) -> String {
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

pub(super) fn insert(job: &Job, table: &str, names: &Names, shape: Shape) -> String {
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
