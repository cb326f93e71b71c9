//! Reading a job file node by node: every section, every value checked where it is
//! written, then the checks across sections.
//!
//! Here: the job as a whole, durations, and the checks across sections; one file per
//! section family: `source.rs`, `aggregates.rs` (group_by and aggregates), `window.rs`
//! (window and emit), `sinks.rs`.

mod aggregates;
mod sinks;
mod source;
mod window;

use std::collections::BTreeMap;

use marked_yaml::Node;

use super::*;
use crate::stream::expr::{self, FieldPath};
use crate::stream::yaml::{loc, scalar, Loc, Map, Problems};
use aggregates::{read_aggregates, read_group_by};
use sinks::read_sinks;
use source::read_source;
use window::{read_emit, read_limits, read_window};

const TOP_KEYS: [&str; 9] = [
    "name",
    "source",
    "where",
    "group_by",
    "window",
    "aggregates",
    "emit",
    "sinks",
    "limits",
];

pub(super) fn read_job(root: &Node, problems: &mut Problems) -> Option<Job> {
    let top = Map::new(root, "the job", &TOP_KEYS, problems)?;
    let name = top
        .require("name", "the job", problems)
        .and_then(|n| read_job_name(n, problems));
    let source = top
        .require("source", "the job", problems)
        .and_then(|n| read_source(n, problems));
    let fields = source
        .as_ref()
        .map(|s| s.fields.clone())
        .unwrap_or_default();
    let declared_numeric = |p: &FieldPath| matches!(fields.get(p), Some(FieldType::Decimal(_)));
    let filter = top.get("where").and_then(|n| {
        let text = scalar(n, "where", problems)?;
        match expr::parse(text, &declared_numeric) {
            Ok(expr) => Some(Filter {
                text: text.to_string(),
                expr,
            }),
            Err(e) => {
                let mut at = loc(n);
                // A plain one-line value starts where the node does: point at the spot.
                if !text.contains('\n') && matches!(n, Node::Scalar(s) if s.may_coerce()) {
                    at.column += text[..e.offset.min(text.len())].chars().count();
                }
                problems.push(
                    at,
                    format!("where: {}", e.message),
                    Some("see `where` in docs/stream.md: comparisons joined by and/or/not".into()),
                );
                None
            }
        }
    });
    let group_by = match top.get("group_by") {
        Some(n) => read_group_by(n, problems),
        None => Some(Vec::new()),
    };
    let window = top
        .require("window", "the job", problems)
        .and_then(|n| read_window(n, problems));
    let aggregates = top
        .require("aggregates", "the job", problems)
        .and_then(|n| read_aggregates(n, problems));
    let emit = match top.get("emit") {
        Some(n) => read_emit(n, problems),
        None => Some(Emit::OnClose),
    };
    let sinks = top
        .require("sinks", "the job", problems)
        .and_then(|n| read_sinks(n, problems));
    let limits = match top.get("limits") {
        Some(n) => read_limits(n, problems),
        None => Some(Limits::default()),
    };

    let job = Job {
        name: name?,
        source: source?,
        filter: match top.get("where") {
            Some(_) => Some(filter?),
            None => None,
        },
        group_by: group_by?,
        window: window?,
        aggregates: aggregates?,
        emit: emit?,
        sinks: sinks?,
        limits: limits?,
    };
    check_job(&job, &top, problems);
    Some(job)
}

fn read_job_name(n: &Node, problems: &mut Problems) -> Option<String> {
    let s = scalar(n, "name", problems)?;
    let ok = !s.is_empty()
        && s.len() <= 100
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        problems.push(
            loc(n),
            format!("name `{s}` is not a job name"),
            Some("use letters, digits, `-`, `_` and `.` (it names the Flink job, the consumer group and Redis keys)".into()),
        );
        return None;
    }
    Some(s.to_string())
}

/// A duration: `5s`, `1m`, `1h 30m`, `250ms`, or bare seconds; whole milliseconds.
fn read_duration(n: &Node, what: &str, zero_ok: bool, problems: &mut Problems) -> Option<i64> {
    let s = scalar(n, what, problems)?;
    let parsed = match s.trim().parse::<u64>() {
        Ok(secs) => Ok(std::time::Duration::from_secs(secs)),
        Err(_) => humantime::parse_duration(s.trim()).map_err(|e| e.to_string()),
    };
    match parsed {
        Ok(d) if d.subsec_nanos() % 1_000_000 != 0 => {
            problems.push(
                loc(n),
                format!("{what}: `{s}` is finer than a millisecond"),
                Some("use whole milliseconds (e.g. 250ms)".into()),
            );
            None
        }
        Ok(d) if d.is_zero() && !zero_ok => {
            problems.push(
                loc(n),
                format!("{what} must be longer than zero"),
                Some("e.g. 1m".into()),
            );
            None
        }
        Ok(d) if d.as_millis() > i64::MAX as u128 / 4 => {
            problems.push(loc(n), format!("{what}: `{s}` is too long"), None);
            None
        }
        Ok(d) => Some(d.as_millis() as i64),
        Err(e) => {
            problems.push(
                loc(n),
                format!("{what}: `{s}` is not a duration ({e})"),
                Some("write e.g. 500ms, 5s, 1m, 2h, or bare seconds".into()),
            );
            None
        }
    }
}

/// Checks across sections: column names, field uses that contradict each other, a
/// window beyond the limits.
fn check_job(job: &Job, top: &Map, problems: &mut Problems) {
    let per_event = job.window.panes_per_event();
    if per_event > job.limits.panes_per_event {
        // Point at `every` (what makes the windows many), else at the window.
        let at = top
            .get("window")
            .and_then(|n| n.as_mapping())
            .and_then(|m| m.get_node("every"))
            .map(loc)
            .unwrap_or_else(|| top.key_loc("window"));
        problems.push(
            at,
            format!(
                "window: each event falls in {per_event} hop windows (size / every), more than limits.panes_per_event ({}); one event would hold that many states",
                job.limits.panes_per_event
            ),
            Some("make `every` larger (e.g. {hop: 5m, every: 1m}), or raise limits.panes_per_event if that many windows per event is meant".into()),
        );
    }
    let mut columns: BTreeMap<&str, &str> = BTreeMap::new();
    for w in WINDOW_COLUMNS {
        columns.insert(w, "the window");
    }
    for g in &job.group_by {
        if let Some(prev) = columns.insert(&g.name, "group_by") {
            problems.push(
                top.key_loc("group_by"),
                format!(
                    "group_by: the column `{}` is already taken by {prev}",
                    g.name
                ),
                Some(format!(
                    "name it: {{{}_value: {}}}",
                    g.name,
                    g.path.dotted()
                )),
            );
        }
    }
    for a in &job.aggregates {
        if let Some(prev) = columns.insert(&a.name, "aggregates") {
            let at = top
                .get("aggregates")
                .and_then(|n| n.as_mapping())
                .and_then(|m| m.keys().find(|k| k.as_str() == a.name))
                .map(|k| Loc::of(k.span()))
                .unwrap_or_else(|| top.key_loc("aggregates"));
            problems.push(
                at,
                format!(
                    "aggregates: the column `{}` is already taken by {prev}",
                    a.name
                ),
                Some("give the aggregate another name".into()),
            );
        }
    }
    // A field that is read as an object somewhere cannot be a value elsewhere.
    let mut paths: Vec<&FieldPath> = job.referenced_fields();
    paths.sort();
    paths.dedup();
    for (i, a) in paths.iter().enumerate() {
        for b in &paths[i + 1..] {
            if b.0.len() > a.0.len() && b.0[..a.0.len()] == a.0[..] {
                problems.push(
                    top.at,
                    format!("`{a}` is used as a value and `{b}` reads inside it"),
                    Some("use fields at one level (the SQL source table gives each a type)".into()),
                );
            }
        }
    }
    for a in &job.aggregates {
        if let (AggFunc::Sum | AggFunc::Avg | AggFunc::Min | AggFunc::Max, Some(f)) =
            (a.func, &a.field)
        {
            if job.source.fields.get(f) == Some(&FieldType::String) {
                problems.push(
                    top.key_loc("aggregates"),
                    format!("aggregates.{}: {}({f}) needs a number, and source.fields declares {f} a string", a.name, a.func.name()),
                    Some("declare it decimal(P, S), or use count_distinct".into()),
                );
            }
        }
    }
    if let Some(f) = &job.filter {
        for p in f.expr.numeric_fields() {
            if job.source.fields.get(p) == Some(&FieldType::String) {
                problems.push(
                    top.key_loc("where"),
                    format!("where: {p} is compared with a number, and source.fields declares it a string"),
                    Some("compare it with a string ('...'), or declare it decimal(P, S)".into()),
                );
            }
        }
    }
    if job.source.envelope == Envelope::Debezium {
        if let TimeSource::Field { path, format } = &job.source.time {
            if path.dotted() == "__ts_ms" && *format != TimeFormat::EpochMillis {
                problems.push(
                    top.key_loc("source"),
                    "source.time __ts_ms is milliseconds since 1970",
                    Some("add time_format: epoch_millis".into()),
                );
            }
        }
    }
}
