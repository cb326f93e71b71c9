//! A stream job: the YAML file `stream plan` and `stream submit` read.
//!
//! ```yaml
//! name: revenue-by-region
//! source: {topic: db_live_events, time: meta.created_at, watermark_delay: 5s}
//! where: payload.amount > 0
//! group_by: [payload.region]
//! window: {tumble: 1m}            # or {hop: 5m, every: 1m}, {session: 30s}
//! aggregates: {orders: count, revenue: sum(payload.amount), biggest: max(payload.amount)}
//! emit: on_close                  # or {every: 5s}
//! limits: {panes_per_event: 1000, open_panes: 1000000}   # the defaults
//! sinks:
//!   - postgres: {table: revenue_by_region}
//!   - kafka: {topic: revenue_by_region}
//!   - redis: {prefix: "livedb:stream", ttl: 1h}
//! ```
//! Loading checks everything and reports every problem with `file:line:column` and the fix.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::stream::decimal::{DecimalType, DEFAULT_TYPE};
use crate::stream::expr::{Expr, FieldPath};
use crate::stream::yaml::{self, Problem, Problems};

mod read;

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<JobError> for crate::error::Error {
    fn from(e: JobError) -> Self {
        let lines = match &e {
            JobError::Invalid { .. } => e.lines(),
            JobError::Read { .. } => Vec::new(),
        };
        let mut err = crate::error::Error::from_domain(crate::error::ErrorKind::Usage, e);
        for line in lines {
            err.message.push_str("\n  ");
            err.message.push_str(&line);
        }
        err
    }
}

#[cfg(test)]
mod tests;

#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub name: String,
    pub source: Source,
    /// The `where` filter as written, and parsed.
    pub filter: Option<Filter>,
    pub group_by: Vec<GroupField>,
    pub window: WindowSpec,
    pub aggregates: Vec<Aggregate>,
    pub emit: Emit,
    pub sinks: Vec<SinkSpec>,
    pub limits: Limits,
}

/// What one job may hold (`limits` in the job file): a window that puts one event in too
/// many windows is refused when the file is read; a run that would hold more panes stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// The most windows one event may fall in (a hop window's size / every).
    pub panes_per_event: u64,
    /// The most (window, group) states held at once: open windows × groups.
    pub max_open_panes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            panes_per_event: 1_000,
            max_open_panes: 1_000_000,
        }
    }
}

/// `source.max_future` when the job file does not say: 10 minutes.
pub const DEFAULT_MAX_FUTURE_MS: i64 = 10 * 60_000;

#[derive(Debug, Clone, Serialize)]
pub struct Filter {
    pub text: String,
    #[serde(skip)]
    pub expr: Expr,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub topic: String,
    pub time: TimeSource,
    pub watermark_delay_ms: i64,
    pub allowed_lateness_ms: i64,
    /// Events whose time is further ahead of the wall clock are set aside (`None`: no
    /// limit).
    pub max_future_ms: Option<i64>,
    pub from: StartFrom,
    pub envelope: Envelope,
    /// Declared decimal types of fields (others used as numbers are `DECIMAL(28, 2)`).
    #[serde(serialize_with = "ser_fields")]
    pub fields: BTreeMap<FieldPath, FieldType>,
}

fn ser_fields<S: serde::Serializer>(
    f: &BTreeMap<FieldPath, FieldType>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(f.len()))?;
    for (k, v) in f {
        let t = match v {
            FieldType::Decimal(d) => d.to_string(),
            FieldType::String => "STRING".to_string(),
        };
        m.serialize_entry(&k.dotted(), &t)?;
    }
    m.end()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FieldType {
    Decimal(DecimalType),
    String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimeSource {
    /// The Kafka record's timestamp (`time: $timestamp`, the default).
    RecordTimestamp,
    /// A field of the event.
    Field {
        #[serde(serialize_with = "ser_path")]
        path: FieldPath,
        format: TimeFormat,
    },
}

fn ser_path<S: serde::Serializer>(p: &FieldPath, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.dotted())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeFormat {
    /// `2026-11-22T04:21:40.421854Z`: date, `T`, time with optional seconds and fraction, `Z`.
    Iso8601,
    /// Milliseconds since 1970 (a JSON number, or a string of digits).
    EpochMillis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StartFrom {
    Earliest,
    Latest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Envelope {
    /// The event is the JSON value as it is.
    Plain,
    /// A Debezium change event (JSON converter, no schemas): fields are read from `after`
    /// (from `before` for deletes); `__op` and `__ts_ms` are the envelope's `op` and `ts_ms`.
    Debezium,
}

/// A group-by field and the column it becomes.
#[derive(Debug, Clone, Serialize)]
pub struct GroupField {
    pub name: String,
    #[serde(serialize_with = "ser_path")]
    pub path: FieldPath,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WindowSpec {
    Tumble { size_ms: i64 },
    Hop { size_ms: i64, slide_ms: i64 },
    Session { gap_ms: i64 },
}

impl WindowSpec {
    /// How many windows one event falls in.
    pub fn panes_per_event(&self) -> u64 {
        match *self {
            WindowSpec::Hop { size_ms, slide_ms } => (size_ms / slide_ms.max(1)) as u64,
            WindowSpec::Tumble { .. } | WindowSpec::Session { .. } => 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AggFunc {
    Count,
    Sum,
    Avg,
    Min,
    Max,
    CountDistinct,
}

impl AggFunc {
    pub fn name(self) -> &'static str {
        match self {
            AggFunc::Count => "count",
            AggFunc::Sum => "sum",
            AggFunc::Avg => "avg",
            AggFunc::Min => "min",
            AggFunc::Max => "max",
            AggFunc::CountDistinct => "count_distinct",
        }
    }
    const ALL: [AggFunc; 6] = [
        AggFunc::Count,
        AggFunc::Sum,
        AggFunc::Avg,
        AggFunc::Min,
        AggFunc::Max,
        AggFunc::CountDistinct,
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct Aggregate {
    pub name: String,
    pub func: AggFunc,
    /// The argument; `None` for `count`.
    #[serde(serialize_with = "ser_opt_path")]
    pub field: Option<FieldPath>,
}

fn ser_opt_path<S: serde::Serializer>(p: &Option<FieldPath>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_str(&p.dotted()),
        None => s.serialize_none(),
    }
}

/// The type of an aggregate's result column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputType {
    /// A count (BIGINT).
    Count,
    Decimal(DecimalType),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Emit {
    /// A window's result is written once, when the watermark passes its end.
    OnClose,
    /// Also early results every so often while the window is open (upserted).
    Every { interval_ms: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SinkSpec {
    Postgres { table: String },
    Kafka { topic: String },
    Redis { prefix: String, ttl_ms: Option<i64> },
}

impl SinkSpec {
    /// `postgres:revenue_by_region`, for messages.
    pub fn label(&self) -> String {
        match self {
            SinkSpec::Postgres { table } => format!("postgres:{table}"),
            SinkSpec::Kafka { topic } => format!("kafka:{topic}"),
            SinkSpec::Redis { prefix, .. } => format!("redis:{prefix}"),
        }
    }
}

pub const DEFAULT_REDIS_PREFIX: &str = "livedb:stream";

/// `stream run`'s consumer group unless `--group` names another: `livedbctl-stream-NAME`.
pub fn default_group(job: &str) -> String {
    format!("{RUN_GROUP_PREFIX}{job}")
}

/// The consumer group the Flink plan's Kafka source commits as: `livedbctl-flink-NAME`.
pub fn flink_group(job: &str) -> String {
    format!("{FLINK_GROUP_PREFIX}{job}")
}

/// The job a consumer group belongs to by livedbctl's naming rule, and on which engine:
/// `(name, Engine::Builtin)` for `livedbctl-stream-NAME`, `(name, Engine::Flink)` for
/// `livedbctl-flink-NAME`.
pub fn job_of_group(group: &str) -> Option<(&str, Engine)> {
    let pick = |prefix: &str| group.strip_prefix(prefix).filter(|n| !n.is_empty());
    pick(RUN_GROUP_PREFIX)
        .map(|n| (n, Engine::Builtin))
        .or_else(|| pick(FLINK_GROUP_PREFIX).map(|n| (n, Engine::Flink)))
}

const RUN_GROUP_PREFIX: &str = "livedbctl-stream-";
const FLINK_GROUP_PREFIX: &str = "livedbctl-flink-";

/// Where a job runs: here (`stream run`, `demo --stream`) or on Apache Flink.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    Builtin,
    Flink,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Builtin => "builtin",
            Engine::Flink => "flink",
        }
    }
}
/// Columns every result row has before the group fields.
pub const WINDOW_COLUMNS: [&str; 2] = ["window_start", "window_end"];
/// `time: $timestamp` names the Kafka record's timestamp.
pub const RECORD_TIMESTAMP: &str = "$timestamp";

/// Why a job file was refused.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("cannot read stream job {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}: {} in the stream job", plural(problems.len()))]
    Invalid {
        origin: String,
        problems: Vec<Problem>,
    },
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 problem".into()
    } else {
        format!("{n} problems")
    }
}

impl JobError {
    /// `origin:line:column: message (fix)` per problem, for the boundary error.
    pub fn lines(&self) -> Vec<String> {
        match self {
            JobError::Read { .. } => Vec::new(),
            JobError::Invalid { origin, problems } => problems
                .iter()
                .map(|p| {
                    let mut s = format!("{origin}:{}:{}: {}", p.line, p.column, p.message);
                    if let Some(f) = &p.fix {
                        s.push_str(&format!(" ({f})"));
                    }
                    s
                })
                .collect(),
        }
    }
}

/// The example job (revenue per region per minute), built into livedbctl for `demo --stream`.
pub const BUILTIN_NAME: &str = "jobs/revenue-by-region.yaml";
const BUILTIN_YAML: &str = include_str!("../../../jobs/revenue-by-region.yaml");

/// `file`, else `jobs/revenue-by-region.yaml` if present here, else the built-in copy.
pub fn lookup(file: Option<&Path>) -> Result<Job, JobError> {
    match file {
        Some(p) => load(p),
        None if Path::new(BUILTIN_NAME).is_file() => load(Path::new(BUILTIN_NAME)),
        None => parse(BUILTIN_YAML, &format!("{BUILTIN_NAME} (built in)")),
    }
}

pub fn load(path: &Path) -> Result<Job, JobError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| JobError::Read {
        path: shown.clone(),
        source,
    })?;
    parse(&text, &shown)
}

/// Parse and check a job; `origin` names the file in problems.
pub fn parse(text: &str, origin: &str) -> Result<Job, JobError> {
    let invalid = |problems: Vec<Problem>| JobError::Invalid {
        origin: origin.to_string(),
        problems,
    };
    let root = yaml::parse(text).map_err(|p| invalid(vec![yaml::inside(text, p)]))?;
    let mut problems = Problems::default();
    let job = read::read_job(&root, &mut problems);
    match job {
        Some(job) if problems.is_empty() => Ok(job),
        _ => {
            let mut list: Vec<Problem> = problems
                .0
                .into_iter()
                .map(|p| yaml::inside(text, p))
                .collect();
            list.sort_by_key(|p| (p.line, p.column));
            list.dedup();
            if list.is_empty() {
                list.push(Problem {
                    line: 1,
                    column: 1,
                    message: "the job is incomplete".into(),
                    fix: None,
                });
            }
            Err(invalid(list))
        }
    }
}

pub fn show_ms(ms: i64) -> String {
    humantime::format_duration(std::time::Duration::from_millis(ms.max(0) as u64)).to_string()
}

impl Job {
    /// Every field the job reads (time, filter, groups, aggregates), with repeats.
    pub fn referenced_fields(&self) -> Vec<&FieldPath> {
        let mut out = Vec::new();
        if let TimeSource::Field { path, .. } = &self.source.time {
            out.push(path);
        }
        if let Some(f) = &self.filter {
            out.extend(f.expr.fields());
        }
        out.extend(self.group_by.iter().map(|g| &g.path));
        out.extend(self.aggregates.iter().filter_map(|a| a.field.as_ref()));
        out
    }

    /// The decimal type a field is read as where a number is needed.
    pub fn decimal_type(&self, path: &FieldPath) -> DecimalType {
        match self.source.fields.get(path) {
            Some(FieldType::Decimal(d)) => *d,
            _ => DEFAULT_TYPE,
        }
    }

    pub fn output_type(&self, a: &Aggregate) -> OutputType {
        match (a.func, &a.field) {
            (AggFunc::Count | AggFunc::CountDistinct, _) => OutputType::Count,
            (AggFunc::Sum, Some(f)) => OutputType::Decimal(self.decimal_type(f).sum_type()),
            (AggFunc::Avg, Some(f)) => OutputType::Decimal(self.decimal_type(f).avg_type()),
            (_, Some(f)) => OutputType::Decimal(self.decimal_type(f)),
            (_, None) => OutputType::Count,
        }
    }
}
