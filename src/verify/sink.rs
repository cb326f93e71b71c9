//! A `consume sink` table as a destination: its rows by id (with their payload columns
//! when it has `org`, `amount` and `region`), the dead letters its consumer kept in
//! `livedbctl_dead_letters`, and how far its consumer group has committed.

use std::collections::BTreeMap;
use std::time::Duration;

use futures::TryStreamExt;

use super::compare::{payload_checksum, SinkRow};
use crate::settings::{KafkaSettings, PgSettings};

/// A `consume sink` destination to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkTarget {
    pub table: String,
    /// The column holding the event's `id`.
    pub id_column: String,
    /// Its consumer group (`livedbctl-sink-TABLE` by default).
    pub group: String,
}

impl SinkTarget {
    pub fn new(table: &str) -> SinkTarget {
        SinkTarget {
            table: table.to_string(),
            id_column: "id".into(),
            group: default_group(table),
        }
    }
}

/// `consume sink`'s default group for a table.
pub fn default_group(table: &str) -> String {
    format!("livedbctl-sink-{table}")
}

const GROUP_PREFIX: &str = "livedbctl-sink-";

/// The sink tables whose consumer groups (by their default names) have committed offsets
/// on `topic`.
pub fn discover(k: &KafkaSettings, topic: &str, partitions: &[i32]) -> Vec<SinkTarget> {
    let Ok(mut client) = crate::groups::GroupClient::new(k) else {
        return Vec::new();
    };
    let timeout = Duration::from_secs(10);
    let Ok(groups) = client.list(timeout) else {
        return Vec::new();
    };
    let tps: Vec<(String, i32)> = partitions.iter().map(|p| (topic.to_string(), *p)).collect();
    groups
        .into_iter()
        .filter_map(|(g, _)| g.strip_prefix(GROUP_PREFIX).map(str::to_string))
        .filter(|table| {
            client
                .committed(&default_group(table), &tps, timeout)
                .is_ok_and(|c| !c.is_empty())
        })
        .map(|table| SinkTarget::new(&table))
        .collect()
}

/// The group's committed offset per partition of `topic` (partitions without one left out).
pub fn committed(
    k: &KafkaSettings,
    group: &str,
    topic: &str,
    partitions: &[i32],
) -> Result<BTreeMap<i32, i64>, String> {
    let mut client = crate::groups::GroupClient::new(k).map_err(|e| e.to_string())?;
    let tps: Vec<(String, i32)> = partitions.iter().map(|p| (topic.to_string(), *p)).collect();
    client
        .committed(group, &tps, Duration::from_secs(10))
        .map(|c| c.into_iter().map(|((_, p), o)| (p, o)).collect())
        .map_err(|e| format!("cannot read the committed offsets of group `{group}`: {e}"))
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The sink table's rows with ids in `from..=to`, sorted by id, and how many rows had an
/// id that is not an integer.
pub async fn read_rows(
    pg: &PgSettings,
    target: &SinkTarget,
    (from, to): (i64, i64),
) -> Result<(Vec<SinkRow>, u64), String> {
    let client = crate::pg::connect(pg).await.map_err(|e| e.message)?;
    let regclass: Option<String> = client
        .query_one("SELECT to_regclass($1)::text", &[&target.table])
        .await
        .map_err(|e| e.to_string())?
        .get(0);
    let Some(regclass) = regclass else {
        return Err(format!("table `{}` does not exist", target.table));
    };
    let columns: Vec<String> = client
        .query(
            "SELECT attname::text FROM pg_attribute
              WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
            &[&target.table],
        )
        .await
        .map_err(|e| e.to_string())?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if !columns.contains(&target.id_column) {
        return Err(format!(
            "table `{}` has no column `{}`",
            target.table, target.id_column
        ));
    }
    let payload = ["org", "amount", "region"]
        .iter()
        .all(|c| columns.iter().any(|have| have == c));
    let sql = format!(
        "SELECT {}::text{} FROM {regclass}",
        quote_ident(&target.id_column),
        if payload {
            ", org::text, amount::text, region::text"
        } else {
            ""
        }
    );
    let stream = client
        .query_raw(&sql, std::iter::empty::<i32>())
        .await
        .map_err(|e| e.to_string())?;
    futures::pin_mut!(stream);
    let (mut rows, mut bad_ids) = (Vec::new(), 0u64);
    while let Some(r) = stream.try_next().await.map_err(|e| e.to_string())? {
        let Some(id) = r
            .get::<_, Option<String>>(0)
            .and_then(|t| t.trim().parse::<i64>().ok())
        else {
            bad_ids += 1;
            continue;
        };
        if !(from..=to).contains(&id) {
            continue;
        }
        let payload = payload.then(|| {
            let text = |i| r.get::<_, Option<String>>(i).unwrap_or_default();
            payload_checksum(&text(1), &text(2), &text(3))
        });
        rows.push(SinkRow { id, payload });
    }
    rows.sort_unstable_by_key(|r| r.id);
    Ok((rows, bad_ids))
}

/// The dead letters `consume sink` kept in its table (`livedbctl_dead_letters`, the
/// default) for this destination and topic: id → reason. None when there is no such table.
pub async fn table_dead_letters(
    pg: &PgSettings,
    table: &str,
    topic: &str,
) -> Result<BTreeMap<i64, String>, String> {
    let client = crate::pg::connect(pg).await.map_err(|e| e.message)?;
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('livedbctl_dead_letters') IS NOT NULL",
            &[],
        )
        .await
        .map_err(|e| e.to_string())?
        .get(0);
    if !exists {
        return Ok(BTreeMap::new());
    }
    let rows = client
        .query(
            "SELECT key, payload, reason FROM livedbctl_dead_letters
              WHERE destination = $1 AND topic = $2",
            &[&table, &topic],
        )
        .await
        .map_err(|e| e.to_string())?;
    let mut out = BTreeMap::new();
    for r in rows {
        let from_key = r
            .try_get::<_, Option<Vec<u8>>>(0)
            .ok()
            .flatten()
            .and_then(|k| String::from_utf8(k).ok())
            .and_then(|k| k.trim().parse::<i64>().ok());
        let from_value = || {
            r.try_get::<_, Option<Vec<u8>>>(1)
                .ok()
                .flatten()
                .and_then(|v| serde_json::from_slice::<serde_json::Value>(&v).ok())
                .and_then(|v| v.get("id").and_then(serde_json::Value::as_i64))
        };
        if let Some(id) = from_key.or_else(from_value) {
            out.insert(id, r.get::<_, String>(2));
        }
    }
    Ok(out)
}
