//! Where window results go: one trait, three implementations. Every result is an upsert
//! keyed by the window's start and the group (a retraction deletes that key), so writing
//! the same results again after a restart leaves the same rows.
//!
//! - PostgreSQL: a table created when missing (`window_start`, `window_end`, the group
//!   columns, the aggregates), upserted on (`window_start`, groups). Within one job the
//!   start identifies the window: tumbling and hopping windows have a fixed size, and a
//!   session's end grows while it is open, so the end cannot be part of the key.
//! - Kafka: JSON values keyed by JSON `{window_start, groups...}` (the key Flink's
//!   upsert-kafka writes for the same primary key); a retraction is a tombstone.
//! - Redis: a hash per window and group, `PREFIX:JOB:window:START_MS[:GROUP]`, plus a
//!   sorted set `PREFIX:JOB:windows` of those keys by window start (trimmed of expired
//!   hashes when the sink has a TTL).

pub mod kafka;
pub mod postgres;
pub mod redis;

use futures::future::BoxFuture;
use serde_json::{Map, Value};

use crate::stream::engine::{AggValue, ResultKind, WindowResult};
use crate::stream::job::{Job, OutputType, SinkSpec};

/// The columns of a job's results.
#[derive(Debug, Clone)]
pub struct Schema {
    pub job: String,
    pub groups: Vec<String>,
    pub aggregates: Vec<(String, OutputType)>,
}

impl Schema {
    pub fn of(job: &Job) -> Schema {
        Schema {
            job: job.name.clone(),
            groups: job.group_by.iter().map(|g| g.name.clone()).collect(),
            aggregates: job
                .aggregates
                .iter()
                .map(|a| (a.name.clone(), job.output_type(a)))
                .collect(),
        }
    }
}

/// Why a sink could not take results.
#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error("cannot open the sink {sink}")]
    Open {
        sink: String,
        #[source]
        source: crate::error::Error,
    },
    #[error("PostgreSQL table {table}: {action}")]
    Postgres {
        table: String,
        action: String,
        #[source]
        source: tokio_postgres::Error,
    },
    #[error("PostgreSQL table {table} exists with other columns: {detail}")]
    TableMismatch { table: String, detail: String },
    #[error("Kafka topic {topic}: delivery failed")]
    Kafka {
        topic: String,
        #[source]
        source: rdkafka::error::KafkaError,
    },
    #[error("Redis ({prefix}): writing results failed")]
    Redis {
        prefix: String,
        #[source]
        source: ::redis::RedisError,
    },
}

/// A destination for window results. `write` returns once the results are durable there,
/// so offsets may be committed after it.
pub trait Sink: Send {
    fn label(&self) -> String;
    fn write<'a>(&'a mut self, results: &'a [WindowResult])
        -> BoxFuture<'a, Result<(), SinkError>>;
}

/// What the sinks connect with: the profile's settings.
pub struct Connections<'a> {
    pub postgres: &'a crate::settings::PgSettings,
    pub kafka: &'a crate::settings::KafkaSettings,
    pub redis_url: &'a str,
}

/// Open (and prepare: create the table, check the topic) one sink.
pub async fn open(
    spec: &SinkSpec,
    schema: &Schema,
    conn: &Connections<'_>,
) -> Result<Box<dyn Sink>, SinkError> {
    Ok(match spec {
        SinkSpec::Postgres { table } => {
            Box::new(postgres::PostgresSink::open(conn.postgres, table, schema).await?)
        }
        SinkSpec::Kafka { topic } => {
            Box::new(kafka::KafkaSink::open(conn.kafka, topic, schema).await?)
        }
        SinkSpec::Redis { prefix, ttl_ms } => {
            Box::new(redis::RedisSink::open(conn.redis_url, prefix, *ttl_ms, schema).await?)
        }
    })
}

/// `2026-11-22T04:21:00.000Z`, as the Flink plan formats window times for Kafka.
pub fn format_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| ms.to_string())
}

fn agg_json(v: &AggValue) -> Value {
    match v {
        AggValue::Count(n) => Value::from(*n),
        AggValue::Decimal(Some(d)) => Value::String(d.to_string()),
        AggValue::Decimal(None) => Value::Null,
    }
}

/// The key columns of a result: `{window_start, groups...}`.
pub fn key_json(schema: &Schema, r: &WindowResult) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "window_start".into(),
        Value::String(format_time(r.window.start_ms)),
    );
    for (name, v) in schema.groups.iter().zip(&r.group) {
        m.insert(
            name.clone(),
            v.clone().map(Value::String).unwrap_or(Value::Null),
        );
    }
    m
}

/// A result as the Kafka sink's JSON value: window times, groups, aggregates (decimals
/// as strings, exactly).
pub fn row_json(schema: &Schema, r: &WindowResult) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "window_start".into(),
        Value::String(format_time(r.window.start_ms)),
    );
    m.insert(
        "window_end".into(),
        Value::String(format_time(r.window.end_ms)),
    );
    for (name, v) in schema.groups.iter().zip(&r.group) {
        m.insert(
            name.clone(),
            v.clone().map(Value::String).unwrap_or(Value::Null),
        );
    }
    for ((name, _), v) in schema.aggregates.iter().zip(&r.values) {
        m.insert(name.clone(), agg_json(v));
    }
    m
}

pub fn kind_name(k: ResultKind) -> &'static str {
    match k {
        ResultKind::Final => "final",
        ResultKind::Early => "early",
        ResultKind::Update => "update",
        ResultKind::Retract => "retract",
    }
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<SinkError> for crate::error::Error {
    fn from(e: SinkError) -> Self {
        use crate::error::ErrorKind;
        match e {
            // The sink's own connection error already has its kind.
            SinkError::Open { sink, source } => {
                source.context(format!("cannot open the sink {sink}"))
            }
            e @ SinkError::TableMismatch { .. } => {
                crate::error::Error::from_domain(ErrorKind::Config, e)
            }
            e => crate::error::Error::from_domain(ErrorKind::Runtime, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::decimal::DecimalType;
    use crate::stream::engine::Window;

    #[test]
    fn rows_and_keys_have_the_flink_plan_shape() {
        let schema = Schema {
            job: "j".into(),
            groups: vec!["region".into()],
            aggregates: vec![
                ("orders".into(), OutputType::Count),
                (
                    "revenue".into(),
                    OutputType::Decimal(DecimalType {
                        precision: 38,
                        scale: 2,
                    }),
                ),
            ],
        };
        let r = WindowResult {
            kind: ResultKind::Final,
            window: Window {
                start_ms: 60_000,
                end_ms: 120_000,
            },
            group: vec![Some("us-east".into())],
            values: vec![
                AggValue::Count(3),
                AggValue::Decimal(Some("12.50".parse().unwrap())),
            ],
        };
        assert_eq!(
            Value::Object(row_json(&schema, &r)).to_string(),
            r#"{"window_start":"1970-01-01T00:01:00.000Z","window_end":"1970-01-01T00:02:00.000Z","region":"us-east","orders":3,"revenue":"12.50"}"#
        );
        assert_eq!(
            Value::Object(key_json(&schema, &r)).to_string(),
            r#"{"window_start":"1970-01-01T00:01:00.000Z","region":"us-east"}"#
        );
    }
}
