//! Reading a job file node by node: every section, every value checked where it is
//! written, then the checks across sections.

use std::collections::{BTreeMap, BTreeSet};

use marked_yaml::Node;

use super::*;
use crate::stream::decimal::DecimalType;
use crate::stream::expr::{self, FieldPath};
use crate::stream::yaml::{self, loc, scalar, Loc, Map, Problems};

const TOP_KEYS: [&str; 8] = [
    "name",
    "source",
    "where",
    "group_by",
    "window",
    "aggregates",
    "emit",
    "sinks",
];
const SOURCE_KEYS: [&str; 8] = [
    "topic",
    "time",
    "time_format",
    "watermark_delay",
    "allowed_lateness",
    "from",
    "envelope",
    "fields",
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

fn read_source(n: &Node, problems: &mut Problems) -> Option<Source> {
    let m = Map::new(n, "source", &SOURCE_KEYS, problems)?;
    let topic = m.require("topic", "source", problems).and_then(|t| {
        let s = scalar(t, "source.topic", problems)?;
        let ok = !s.is_empty()
            && s.len() <= 249
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !ok {
            problems.push(
                loc(t),
                format!("source.topic `{s}` is not a Kafka topic name"),
                Some("topic names use letters, digits, `.`, `_` and `-`".into()),
            );
            return None;
        }
        Some(s.to_string())
    });
    let time_format = match m.get("time_format") {
        None => Some(TimeFormat::Iso8601),
        Some(t) => match scalar(t, "source.time_format", problems)? {
            "iso8601" => Some(TimeFormat::Iso8601),
            "epoch_millis" => Some(TimeFormat::EpochMillis),
            other => {
                problems.push(
                    loc(t),
                    format!("source.time_format `{other}` is not known"),
                    Some("use iso8601 (2026-11-22T04:21:40.421854Z) or epoch_millis".into()),
                );
                None
            }
        },
    };
    let time = match m.get("time") {
        None => Some(TimeSource::RecordTimestamp),
        Some(t) => {
            let s = scalar(t, "source.time", problems)?;
            if s == RECORD_TIMESTAMP {
                Some(TimeSource::RecordTimestamp)
            } else {
                match FieldPath::parse(s) {
                    Ok(path) => Some(TimeSource::Field {
                        path,
                        format: time_format.unwrap_or(TimeFormat::Iso8601),
                    }),
                    Err(e) => {
                        problems.push(
                            loc(t),
                            format!("source.time: {e}"),
                            Some(format!("name a field such as meta.created_at, or {RECORD_TIMESTAMP} for the Kafka record's timestamp")),
                        );
                        None
                    }
                }
            }
        }
    };
    if time == Some(TimeSource::RecordTimestamp) && m.get("time_format").is_some() {
        problems.push(
            m.key_loc("time_format"),
            "source.time_format applies to a time field, and source.time is the record timestamp",
            Some("name the field with source.time, or remove time_format".into()),
        );
    }
    let watermark_delay_ms = match m.get("watermark_delay") {
        None => Some(0),
        Some(d) => read_duration(d, "source.watermark_delay", true, problems),
    };
    let allowed_lateness_ms = match m.get("allowed_lateness") {
        None => Some(0),
        Some(d) => read_duration(d, "source.allowed_lateness", true, problems),
    };
    let from = match m.get("from") {
        None => Some(StartFrom::Earliest),
        Some(f) => match scalar(f, "source.from", problems)? {
            "earliest" => Some(StartFrom::Earliest),
            "latest" => Some(StartFrom::Latest),
            other => {
                problems.push(
                    loc(f),
                    format!("source.from `{other}` is not known"),
                    Some(
                        "use earliest (the topic's history first) or latest (only new events)"
                            .into(),
                    ),
                );
                None
            }
        },
    };
    let envelope = match m.get("envelope") {
        None => Some(Envelope::Plain),
        Some(e) => match scalar(e, "source.envelope", problems)? {
            "plain" | "none" => Some(Envelope::Plain),
            "debezium" => Some(Envelope::Debezium),
            other => {
                problems.push(
                    loc(e),
                    format!("source.envelope `{other}` is not known"),
                    Some("use plain (the JSON value as it is) or debezium (change events: fields of `after`, plus __op)".into()),
                );
                None
            }
        },
    };
    let fields = match m.get("fields") {
        None => Some(BTreeMap::new()),
        Some(f) => read_fields(f, problems),
    };
    Some(Source {
        topic: topic?,
        time: time?,
        watermark_delay_ms: watermark_delay_ms?,
        allowed_lateness_ms: allowed_lateness_ms?,
        from: from?,
        envelope: envelope?,
        fields: fields?,
    })
}

fn read_fields(n: &Node, problems: &mut Problems) -> Option<BTreeMap<FieldPath, FieldType>> {
    let Node::Mapping(m) = n else {
        problems.push(
            loc(n),
            "source.fields must be a mapping of field paths to types",
            Some("e.g. fields: {payload.amount: decimal(10, 2)}".into()),
        );
        return None;
    };
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (k, v) in m.iter() {
        let path = match FieldPath::parse(k.as_str()) {
            Ok(p) => p,
            Err(e) => {
                problems.push(Loc::of(k.span()), format!("source.fields: {e}"), None);
                ok = false;
                continue;
            }
        };
        let Some(t) = scalar(v, "a field type", problems) else {
            ok = false;
            continue;
        };
        let ty = if t.eq_ignore_ascii_case("string") {
            FieldType::String
        } else {
            match DecimalType::parse(t) {
                Ok(d) => FieldType::Decimal(d),
                Err(e) => {
                    let fix = if t.contains('(') && !t.contains(')') {
                        "inside {...} a comma ends the value: quote it, 'decimal(10, 2)', or write the fields one per line"
                    } else {
                        "types are decimal(P, S) with P up to 28, or string"
                    };
                    problems.push(
                        loc(v),
                        format!("source.fields.{}: {e}", path.dotted()),
                        Some(fix.into()),
                    );
                    ok = false;
                    continue;
                }
            }
        };
        out.insert(path, ty);
    }
    ok.then_some(out)
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

fn read_group_by(n: &Node, problems: &mut Problems) -> Option<Vec<GroupField>> {
    let items: Vec<&Node> = match n {
        Node::Sequence(s) => s.iter().collect(),
        Node::Scalar(_) => vec![n],
        Node::Mapping(_) => vec![n],
    };
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let (name, path_node, path_text) = match item {
            Node::Scalar(s) => (None, item, s.as_str()),
            Node::Mapping(m) if m.len() == 1 => {
                let (k, v) = m.iter().next().expect("one entry");
                let Some(text) = scalar(v, "a group_by field", problems) else {
                    ok = false;
                    continue;
                };
                (Some((k.as_str(), Loc::of(k.span()))), v, text)
            }
            _ => {
                problems.push(
                    loc(item),
                    "group_by lists field paths, or `column: path` to name the column",
                    Some("e.g. group_by: [payload.region, {org: payload.org}]".into()),
                );
                ok = false;
                continue;
            }
        };
        let path = match FieldPath::parse(path_text) {
            Ok(p) => p,
            Err(e) => {
                problems.push(loc(path_node), format!("group_by: {e}"), None);
                ok = false;
                continue;
            }
        };
        let (name, at) = match name {
            Some((n, at)) => (n.to_string(), at),
            None => (path.last().to_string(), loc(path_node)),
        };
        if !expr::is_name(&name) {
            problems.push(
                at,
                format!("group_by: `{name}` is not a column name"),
                Some("column names are letters, digits and `_`".into()),
            );
            ok = false;
            continue;
        }
        out.push((GroupField { name, path }, at));
    }
    if !ok {
        return None;
    }
    let mut seen = BTreeSet::new();
    for (g, at) in &out {
        if !seen.insert(g.name.clone()) {
            problems.push(
                *at,
                format!("group_by: the column `{}` appears twice", g.name),
                Some(format!(
                    "name one of them: {{other_{}: {}}}",
                    g.name,
                    g.path.dotted()
                )),
            );
        }
    }
    Some(out.into_iter().map(|(g, _)| g).collect())
}

fn read_window(n: &Node, problems: &mut Problems) -> Option<WindowSpec> {
    let m = Map::new(
        n,
        "window",
        &["tumble", "hop", "every", "session"],
        problems,
    )?;
    let kinds: Vec<&str> = ["tumble", "hop", "session"]
        .into_iter()
        .filter(|k| m.get(k).is_some())
        .collect();
    if kinds.len() != 1 {
        problems.push(
            m.at,
            if kinds.is_empty() {
                "window: say which kind of window".to_string()
            } else {
                format!("window: choose one of {}", kinds.join(", "))
            },
            Some("{tumble: 1m}, {hop: 5m, every: 1m} or {session: 30s}".into()),
        );
        return None;
    }
    if kinds[0] != "hop" && m.get("every").is_some() {
        problems.push(
            m.key_loc("every"),
            format!("window: `every` belongs to hop windows, not {}", kinds[0]),
            Some(
                "{hop: 5m, every: 1m}; for early results of any window use emit: {every: 5s}"
                    .into(),
            ),
        );
        return None;
    }
    match kinds[0] {
        "tumble" => Some(WindowSpec::Tumble {
            size_ms: read_duration(m.get("tumble")?, "window.tumble", false, problems)?,
        }),
        "session" => Some(WindowSpec::Session {
            gap_ms: read_duration(m.get("session")?, "window.session", false, problems)?,
        }),
        _ => {
            let size = read_duration(m.get("hop")?, "window.hop", false, problems);
            let Some(every) = m.get("every") else {
                problems.push(
                    m.key_loc("hop"),
                    "window: a hop window needs `every` (how often a window starts)",
                    Some("{hop: 5m, every: 1m}".into()),
                );
                return None;
            };
            let slide = read_duration(every, "window.every", false, problems);
            let (size_ms, slide_ms) = (size?, slide?);
            if slide_ms > size_ms || size_ms % slide_ms != 0 {
                problems.push(
                    loc(every),
                    format!(
                        "window: a hop window's size ({}) must be a whole multiple of `every` ({})",
                        show_ms(size_ms),
                        show_ms(slide_ms)
                    ),
                    Some("as in Flink's HOP windows, e.g. {hop: 5m, every: 1m}".into()),
                );
                return None;
            }
            Some(WindowSpec::Hop { size_ms, slide_ms })
        }
    }
}

fn read_aggregates(n: &Node, problems: &mut Problems) -> Option<Vec<Aggregate>> {
    let Node::Mapping(m) = n else {
        problems.push(
            loc(n),
            "aggregates must be a mapping of column names to functions",
            Some("e.g. aggregates: {orders: count, revenue: sum(payload.amount)}".into()),
        );
        return None;
    };
    if m.is_empty() {
        problems.push(
            loc(n),
            "aggregates is empty",
            Some("add e.g. {events: count}".into()),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (k, v) in m.iter() {
        let name = k.as_str();
        if !expr::is_name(name) {
            problems.push(
                Loc::of(k.span()),
                format!("aggregates: `{name}` is not a column name"),
                Some("column names are letters, digits and `_`".into()),
            );
            ok = false;
        }
        let Some(text) = scalar(v, "an aggregate", problems) else {
            ok = false;
            continue;
        };
        match parse_aggregate(text) {
            Ok((func, field)) => out.push(Aggregate {
                name: name.to_string(),
                func,
                field,
            }),
            Err((msg, fix)) => {
                problems.push(loc(v), format!("aggregates.{name}: {msg}"), Some(fix));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// `count`, `count(*)`, `sum(path)`, `avg(path)`, `min(path)`, `max(path)`,
/// `count_distinct(path)`.
pub fn parse_aggregate(text: &str) -> Result<(AggFunc, Option<FieldPath>), (String, String)> {
    let t = text.trim();
    let all = AggFunc::ALL.map(|f| f.name());
    let functions = "count, sum(f), avg(f), min(f), max(f), count_distinct(f)".to_string();
    let (fname, arg) = match t.find('(') {
        Some(i) => {
            let Some(inner) = t[i + 1..].strip_suffix(')') else {
                return Err((format!("`{t}` has no closing `)`"), functions));
            };
            (t[..i].trim(), Some(inner.trim()))
        }
        None => (t, None),
    };
    let lower = fname.to_ascii_lowercase();
    let Some(func) = AggFunc::ALL.into_iter().find(|f| f.name() == lower) else {
        let fix = match crate::profile::nearest(&lower, all.iter().copied()) {
            Some(n) => format!("did you mean `{n}`? functions: {functions}"),
            None => format!("functions: {functions}"),
        };
        return Err((format!("`{fname}` is not an aggregate function"), fix));
    };
    match (func, arg) {
        (AggFunc::Count, None) | (AggFunc::Count, Some("*")) | (AggFunc::Count, Some("")) => {
            Ok((AggFunc::Count, None))
        }
        (AggFunc::Count, Some(_)) => Err((
            "count takes no field (it counts events)".into(),
            "write `count`; for distinct values of a field, count_distinct(field)".into(),
        )),
        (f, None) | (f, Some("")) => Err((
            format!("{} needs a field", f.name()),
            format!("write e.g. {}(payload.amount)", f.name()),
        )),
        (f, Some(a)) => match FieldPath::parse(a) {
            Ok(p) => Ok((f, Some(p))),
            Err(e) => Err((e, format!("write e.g. {}(payload.amount)", f.name()))),
        },
    }
}

fn read_emit(n: &Node, problems: &mut Problems) -> Option<Emit> {
    match n {
        Node::Scalar(s) if s.as_str() == "on_close" => Some(Emit::OnClose),
        Node::Scalar(s) => {
            problems.push(
                loc(n),
                format!("emit `{}` is not known", s.as_str()),
                Some("use on_close, or {every: 5s} for early results".into()),
            );
            None
        }
        _ => {
            let m = Map::new(n, "emit", &["every"], problems)?;
            let every = m.require("every", "emit", problems)?;
            Some(Emit::Every {
                interval_ms: read_duration(every, "emit.every", false, problems)?,
            })
        }
    }
}

fn read_sinks(n: &Node, problems: &mut Problems) -> Option<Vec<SinkSpec>> {
    let Node::Sequence(seq) = n else {
        problems.push(
            loc(n),
            "sinks must be a list",
            Some("e.g. sinks: [{postgres: {table: t}}, {kafka: {topic: t}}]".into()),
        );
        return None;
    };
    if seq.is_empty() {
        problems.push(
            loc(n),
            "sinks is empty",
            Some("add postgres, kafka or redis".into()),
        );
        return None;
    }
    let kinds = ["postgres", "kafka", "redis"];
    let mut out = Vec::new();
    let mut ok = true;
    for item in seq.iter() {
        let Some(m) = Map::new(item, "a sink", &kinds, problems) else {
            ok = false;
            continue;
        };
        if m.node.len() != 1 {
            problems.push(
                m.at,
                "each sink is one of postgres, kafka, redis",
                Some("write one per list item: - postgres: {table: t}".into()),
            );
            ok = false;
            continue;
        }
        let (k, v) = m.entries().next().expect("one entry");
        let sink = match k.as_str() {
            "postgres" => read_pg_sink(v, problems),
            "kafka" => read_kafka_sink(v, problems),
            "redis" => read_redis_sink(v, problems),
            _ => None,
        };
        match sink {
            Some(s) => out.push((s, Loc::of(k.span()))),
            None => ok = false,
        }
    }
    let mut seen = BTreeSet::new();
    for (s, at) in &out {
        if !seen.insert(s.label()) {
            problems.push(*at, format!("the sink {} is listed twice", s.label()), None);
            ok = false;
        }
    }
    ok.then(|| out.into_iter().map(|(s, _)| s).collect())
}

fn read_pg_sink(n: &Node, problems: &mut Problems) -> Option<SinkSpec> {
    let m = Map::new(n, "the postgres sink", &["table"], problems)?;
    let t = m.require("table", "the postgres sink", problems)?;
    let table = scalar(t, "postgres.table", problems)?;
    let ok =
        !table.is_empty() && table.split('.').count() <= 2 && table.split('.').all(expr::is_name);
    if !ok {
        problems.push(
            loc(t),
            format!("postgres.table `{table}` is not a table name"),
            Some("write name or schema.name with letters, digits and `_`".into()),
        );
        return None;
    }
    Some(SinkSpec::Postgres {
        table: table.to_string(),
    })
}

fn read_kafka_sink(n: &Node, problems: &mut Problems) -> Option<SinkSpec> {
    let m = Map::new(n, "the kafka sink", &["topic"], problems)?;
    let t = m.require("topic", "the kafka sink", problems)?;
    let topic = scalar(t, "kafka.topic", problems)?;
    let ok = !topic.is_empty()
        && topic
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        problems.push(
            loc(t),
            format!("kafka.topic `{topic}` is not a Kafka topic name"),
            Some("topic names use letters, digits, `.`, `_` and `-`".into()),
        );
        return None;
    }
    Some(SinkSpec::Kafka {
        topic: topic.to_string(),
    })
}

fn read_redis_sink(n: &Node, problems: &mut Problems) -> Option<SinkSpec> {
    // `- redis: {}` and `- redis:` both mean the defaults.
    if yaml::is_null(n) {
        return Some(SinkSpec::Redis {
            prefix: DEFAULT_REDIS_PREFIX.into(),
            ttl_ms: None,
        });
    }
    let m = Map::new(n, "the redis sink", &["prefix", "ttl"], problems)?;
    let prefix = match m.get("prefix") {
        None => Some(DEFAULT_REDIS_PREFIX.to_string()),
        Some(p) => {
            let s = scalar(p, "redis.prefix", problems)?;
            if s.is_empty() || s.chars().any(|c| c.is_whitespace()) {
                problems.push(
                    loc(p),
                    "redis.prefix must be non-empty, without spaces",
                    None,
                );
                None
            } else {
                Some(s.to_string())
            }
        }
    };
    let ttl_ms = match m.get("ttl") {
        None => Some(None),
        Some(t) => read_duration(t, "redis.ttl", false, problems).map(Some),
    };
    Some(SinkSpec::Redis {
        prefix: prefix?,
        ttl_ms: ttl_ms?,
    })
}

/// Checks across sections: column names, field uses that contradict each other.
fn check_job(job: &Job, top: &Map, problems: &mut Problems) {
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
