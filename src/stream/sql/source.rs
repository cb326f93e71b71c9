//! What the job reads: the source table (Kafka or a file, the fields as nested ROWs, the
//! watermark) and the events view (the filter applied, fields flattened).

use std::collections::BTreeMap;

use super::{
    arg_column, file_uri, ident, interval, kafka_properties, literal, with_clause, Names,
    PlanError, Targets,
};
use crate::stream::expr::{CmpKind, Expr, FieldPath, Operand};
use crate::stream::job::{AggFunc, Envelope, Job, StartFrom, TimeFormat, TimeSource};

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

pub(super) fn source_table(
    job: &Job,
    targets: &Targets,
    names: &Names,
) -> Result<String, PlanError> {
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

pub(super) fn events_view(job: &Job, names: &Names) -> String {
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
