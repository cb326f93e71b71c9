//! Every call the sampler makes into the rest of livedbctl, in one file: the services'
//! health (`infra`), connections (`pg`, `redisdb`, `kafka`), replication slots and
//! connectors (`cdc`), stream jobs' runs and checkpoints (`stream::store`) and Flink's jobs
//! (`stream::flink`), and the feed's decoding (`kafka::tail`). When one of those moves,
//! only this file follows it.

use std::time::Duration;

use crate::cdc::state::SlotInfo;
use crate::profile::ServiceName;
use crate::settings::{PgSettings, Settings};
use crate::stream::flink::rest::{FlinkRest, JobOverview};
use crate::stream::store::Runs;

use super::snapshot::{ConnectorStat, FeedEvent, ServiceHealth, SlotStat};

/// Why a call out of the sampler failed. The snapshot shows it as one line of text.
#[derive(Debug, thiserror::Error)]
pub enum SeamError {
    /// livedbctl's own error (connecting, reading the CDC state), as the CLI words it.
    #[error("{0}")]
    Livedbctl(#[from] crate::error::Error),
    #[error("{what}: {source}")]
    Query {
        what: &'static str,
        #[source]
        source: tokio_postgres::Error,
    },
    #[error("the stream jobs' runs and checkpoints are unreadable: {0}")]
    Runs(#[source] serde_json::Error),
    #[error("{0}")]
    Flink(#[from] crate::stream::flink::FlinkError),
}

impl SeamError {
    pub fn query(what: &'static str) -> impl FnOnce(tokio_postgres::Error) -> SeamError {
        move |source| SeamError::Query { what, source }
    }
}

/// A service's health exactly as `infra status` probes it: the service's own protocol, a
/// refused connection answering at once.
pub async fn service_health(s: &Settings, svc: ServiceName, now_ms: i64) -> ServiceHealth {
    let r = crate::infra::status_service(s, svc).await;
    let up = matches!(r.state.as_str(), "running" | "external");
    ServiceHealth {
        service: svc.to_string(),
        state: r.state,
        up,
        address: r.address,
        version: r.version,
        engine: r.engine,
        // `status` puts the probe's error here; it never holds credentials (URLs are
        // redacted by the probes), but keep it to one line.
        detail: r
            .detail
            .map(|d| d.lines().next().unwrap_or_default().to_string()),
        checked_at_ms: now_ms,
    }
}

pub fn services(s: &Settings) -> Vec<ServiceName> {
    s.infra.services.clone()
}

/// The sampler's connection, named `livedbctl-sampler` in `pg_stat_activity` so an
/// operator (and the benchmark) can tell it from the pipeline's own connections.
pub async fn pg_connect(s: &PgSettings) -> Result<tokio_postgres::Client, SeamError> {
    let client = crate::pg::connect(s).await?;
    client
        .batch_execute("SET application_name = 'livedbctl-sampler'")
        .await
        .map_err(SeamError::query("naming the connection"))?;
    Ok(client)
}

pub async fn redis_connect(url: &str) -> Result<redis::aio::MultiplexedConnection, SeamError> {
    Ok(crate::redisdb::connect(url).await?)
}

/// Replication slots of the server (`connector list` reads the same): one statement.
pub async fn slots(c: &tokio_postgres::Client) -> Result<Vec<SlotInfo>, SeamError> {
    Ok(crate::cdc::state::slots(c, None).await?)
}

pub fn slot_stats(slots: &[SlotInfo]) -> Vec<SlotStat> {
    slots
        .iter()
        .map(|s| SlotStat {
            slot: s.slot.clone(),
            plugin: s.plugin.clone(),
            active: s.active,
            lag_bytes: s.lag_bytes,
            retained_bytes: s.retained_bytes,
            wal_status: s.wal_status.clone(),
        })
        .collect()
}

/// Connectors of the database with the state `connector list` shows (`cdc::view`, which
/// applies the CDC domain's one liveness rule, `cdc::liveness`), against the `slots` just
/// read; and the statements sent (the state table's existence check, its rows).
pub async fn connectors(
    c: &tokio_postgres::Client,
    slots: &[SlotInfo],
) -> Result<(Vec<ConnectorStat>, usize), SeamError> {
    let rows = crate::cdc::state::list(c).await?;
    if rows.is_empty() {
        return Ok((Vec::new(), 1));
    }
    let out = rows
        .iter()
        .map(|r| {
            let slot = slots.iter().find(|s| s.slot == r.slot);
            let v = crate::cdc::view::view(r, slot, crate::cdc::view::DEFAULT_LAG_WARN_BYTES);
            ConnectorStat {
                name: v.name,
                state: v.state,
                tables: v.tables,
                topics: v.topics,
                slot: v.slot,
                last_lsn: v.last_lsn,
                slot_lag_bytes: v.slot_lag_bytes,
                wal_status: v.wal_status,
                lag_warning: v.lag_warning,
            }
        })
        .collect();
    Ok((out, 2))
}

/// The statement reading stream jobs' runs and checkpoints (`stream::store`), at most
/// `limit` checkpoints; `with_checkpoints` when the table exists.
pub fn runs_sql(with_checkpoints: bool, limit: u32) -> String {
    crate::stream::store::runs_sql(with_checkpoints, limit)
}

pub fn read_runs(row: &tokio_postgres::Row) -> Result<Runs, SeamError> {
    Runs::from_row(row).map_err(SeamError::Runs)
}

/// The checkpoints table's name (unqualified: the search path's schema, as `stream run`
/// creates it).
pub const CHECKPOINTS_TABLE: &str = crate::stream::store::TABLE;

/// The jobs on a Flink cluster (`GET /jobs/overview`, the client `stream list` uses), one
/// per name as `stream status` picks it, giving up after `timeout`.
pub async fn flink_jobs(url: &str, timeout: Duration) -> Result<Vec<JobOverview>, SeamError> {
    let jobs = FlinkRest::with_timeout(url, timeout).jobs().await?;
    Ok(crate::stream::flink::rest::current_per_name(jobs))
}

/// A URL as it may be shown (a password in it replaced).
pub fn shown_url(url: &str) -> String {
    crate::profile::redact_conn(url)
}

/// A record for the live feed, decoded as `consume tail` decodes it (Debezium envelopes
/// become changes).
pub fn feed_event(
    topic: &str,
    partition: i32,
    offset: i64,
    timestamp_ms: Option<i64>,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
) -> FeedEvent {
    use crate::kafka::tail::{decode::debezium_change, Payload};
    let k = Payload::from_bytes(key);
    let v = Payload::from_bytes(value);
    let change = debezium_change(&k, &v);
    let text = |p: &Payload| match p {
        Payload::Null => None,
        other => Some(cut(other.display(), 2000)),
    };
    FeedEvent {
        topic: topic.to_string(),
        partition,
        offset,
        timestamp_ms,
        key: text(&k),
        value: text(&v),
        change,
    }
}

fn cut(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut at = max;
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        s.truncate(at);
        s.push('…');
    }
    s
}

/// The Kafka client settings every sampler client starts from.
pub fn kafka_config(k: &crate::settings::KafkaSettings) -> rdkafka::ClientConfig {
    let mut c = crate::kafka::client_config(k);
    c.set("socket.timeout.ms", "10000");
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debezium_records_in_the_feed_are_changes_and_long_values_are_cut() {
        let key = br#"{"id": 7}"#;
        let value = br#"{"before": {"id": 7, "name": "a"}, "after": {"id": 7, "name": "b"},
            "source": {"schema": "public", "table": "t", "ts_ms": 5}, "op": "u", "ts_ms": 6}"#;
        let e = feed_event("db.public.t", 0, 3, Some(9), Some(key), Some(value));
        let c = e.change.expect("a change");
        assert_eq!(c.op, "update");
        assert_eq!(c.table.as_deref(), Some("public.t"));
        assert_eq!(c.columns.len(), 1);
        assert_eq!(c.columns[0].name, "name");

        let long = "x".repeat(5000);
        let e = feed_event("t", 0, 0, None, None, Some(long.as_bytes()));
        assert!(e.key.is_none());
        assert!(e.value.unwrap().chars().count() <= 2001);
    }
}
