//! `trace --key K --topic T`: one key of a change-data-capture topic (the built-in engine's
//! or Debezium's, `PREFIX.SCHEMA.TABLE`). Its changes on the topic (the newest
//! `scan_limit` records of each partition are read: a connector's key bytes are the
//! converter's JSON, which this cannot rebuild byte for byte to compute a partition), the
//! row in the table now, and each consumer group's position against its newest change.

use serde::Serialize;
use serde_json::Value as Json;

use super::event::{Reader, Record};
use super::{groups_against, rfc3339_ms, GroupStep, Position, TraceError};
use crate::settings::Settings;

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub partition: i32,
    pub offset: i64,
    pub published_at: Option<String>,
    /// `c`, `u`, `d`, `r` (snapshot), `t` (truncate); `tombstone` for a null value.
    pub op: String,
    /// The source's commit time (`source.ts_ms`).
    pub committed_at: Option<String>,
    /// Milliseconds from the commit to the record's timestamp on the topic.
    pub commit_to_kafka_ms: Option<i64>,
    pub lsn: Option<i64>,
    pub tx_id: Option<i64>,
    /// The row after the change (`after`), null for a delete.
    pub after: Option<Json>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyTrace {
    pub topic: String,
    /// The key as matched (the record key's fields).
    pub key: Json,
    /// Oldest first.
    pub changes: Vec<Change>,
    /// The newest `records_per_partition` records of each partition were read.
    pub records_per_partition: u64,
    /// `SCHEMA.TABLE` from the topic's name.
    pub table: Option<String>,
    /// The row in the table now (null: no row with this key, or not looked up: see notes).
    pub row: Option<Json>,
    pub groups: Vec<GroupStep>,
    pub notes: Vec<String>,
}

/// A record key's fields: the converter's `payload` when schemas are on.
fn key_fields(key: &[u8]) -> Option<serde_json::Map<String, Json>> {
    let v: Json = serde_json::from_slice(key).ok()?;
    let v = match v {
        Json::Object(mut m) if m.contains_key("schema") && m.contains_key("payload") => {
            m.remove("payload")?
        }
        other => other,
    };
    match v {
        Json::Object(m) => Some(m),
        _ => None,
    }
}

fn scalar_text(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a record's key is the one asked for: `wanted` as a JSON object equal to the
/// key's fields, or a bare value equal to a one-field key's value.
pub fn key_matches(wanted: &str, key: &[u8]) -> bool {
    let Some(fields) = key_fields(key) else {
        return false;
    };
    match serde_json::from_str::<Json>(wanted) {
        Ok(Json::Object(w)) => {
            let w = match Json::Object(w) {
                Json::Object(mut m) if m.contains_key("schema") && m.contains_key("payload") => {
                    match m.remove("payload") {
                        Some(Json::Object(p)) => p,
                        _ => return false,
                    }
                }
                Json::Object(m) => m,
                _ => return false,
            };
            w == fields
        }
        _ => {
            fields.len() == 1
                && fields.values().next().and_then(scalar_text).as_deref() == Some(wanted)
        }
    }
}

fn change_of(rec: &Record) -> Change {
    let mut c = Change {
        partition: rec.partition,
        offset: rec.offset,
        published_at: rec.timestamp_ms.and_then(rfc3339_ms),
        op: "tombstone".into(),
        committed_at: None,
        commit_to_kafka_ms: None,
        lsn: None,
        tx_id: None,
        after: None,
    };
    let Some(v) = rec
        .value
        .as_deref()
        .and_then(|v| serde_json::from_slice::<Json>(v).ok())
    else {
        if rec.value.is_some() {
            c.op = "not JSON".into();
        }
        return c;
    };
    let v = match v {
        Json::Object(mut m) if m.contains_key("schema") && m.contains_key("payload") => {
            m.remove("payload").unwrap_or(Json::Null)
        }
        other => other,
    };
    c.op = v["op"].as_str().unwrap_or("?").to_string();
    let source = &v["source"];
    let ts = source["ts_ms"].as_i64();
    c.committed_at = ts.and_then(rfc3339_ms);
    c.commit_to_kafka_ms = ts.zip(rec.timestamp_ms).map(|(a, b)| b - a);
    c.lsn = source["lsn"].as_i64();
    c.tx_id = source["txId"].as_i64();
    c.after = v.get("after").filter(|a| !a.is_null()).cloned();
    c
}

/// Trace one key of a CDC topic.
pub async fn trace_key(
    s: &Settings,
    topic: &str,
    wanted: &str,
    scan_limit: u64,
) -> crate::error::Result<KeyTrace> {
    let k = s.kafka.clone();
    let (t, w) = (topic.to_string(), wanted.to_string());
    let found = tokio::task::spawn_blocking(move || -> Result<_, TraceError> {
        let mut r = Reader::new(&k, &t)?;
        let Some(partitions) = r.partitions()? else {
            return Ok(None);
        };
        let mut records = Vec::new();
        let mut lows = Vec::new();
        for p in 0..partitions {
            let (low, high) = r.watermarks(p)?;
            lows.push(low);
            let from = (high - scan_limit as i64).max(low);
            r.scan(p, from, high, scan_limit, |rec| {
                if rec.key.as_deref().is_some_and(|key| key_matches(&w, key)) {
                    records.push(rec.clone());
                }
                true
            })?;
        }
        Ok(Some((partitions, lows, records)))
    })
    .await
    .map_err(|e| crate::error::Error::internal(format!("the Kafka task: {e}")))??;
    let Some((partitions, lows, mut records)) = found else {
        return Err(TraceError::NoTopic {
            topic: topic.to_string(),
        }
        .into());
    };
    records.sort_by_key(|r| (r.timestamp_ms, r.partition, r.offset));
    let key = records
        .first()
        .and_then(|r| r.key.as_deref())
        .and_then(key_fields)
        .map(Json::Object)
        .unwrap_or_else(|| serde_json::from_str(wanted).unwrap_or(Json::String(wanted.into())));
    let table = {
        let parts: Vec<&str> = topic.split('.').collect();
        (parts.len() >= 3).then(|| format!("{}.{}", parts[parts.len() - 2], parts[parts.len() - 1]))
    };
    let mut out = KeyTrace {
        topic: topic.to_string(),
        key: key.clone(),
        changes: records.iter().map(change_of).collect(),
        records_per_partition: scan_limit,
        table: table.clone(),
        row: None,
        groups: Vec::new(),
        notes: Vec::new(),
    };
    if out.changes.is_empty() {
        out.notes.push(format!(
            "no record with key {wanted} among the newest {scan_limit} records of each partition"
        ));
    }

    // The row now, by the key's fields as columns.
    match (&table, &key) {
        (Some(t), Json::Object(fields)) if !fields.is_empty() => {
            match row_now(s, t, fields).await {
                Ok(row) => out.row = row,
                Err(e) => out.notes.push(format!("table {t}: {e}")),
            }
        }
        _ => out
            .notes
            .push("the table's row is not looked up: the key has no fields".into()),
    }

    if let Some(last) = records.last() {
        let at = Position {
            topic: topic.to_string(),
            partitions,
            partition: last.partition,
            low: lows.get(last.partition as usize).copied().unwrap_or(0),
            offset: last.offset,
            published_ms: last.timestamp_ms,
        };
        out.groups = groups_against(&s.kafka, at, &mut out.notes).await?;
    }
    Ok(out)
}

async fn row_now(
    s: &Settings,
    table: &str,
    fields: &serde_json::Map<String, Json>,
) -> crate::error::Result<Option<Json>> {
    let client = crate::pg::connect(&s.postgres).await?;
    let mut conds = Vec::new();
    let mut params: Vec<String> = Vec::new();
    for (i, (col, v)) in fields.iter().enumerate() {
        conds.push(format!("t.{}::text = ${}", crate::pg::ident(col), i + 1));
        params.push(scalar_text(v).unwrap_or_else(|| v.to_string()));
    }
    let sql = format!(
        "SELECT row_to_json(t)::text FROM {} t WHERE {}",
        crate::pg::qualified(table),
        conds.join(" AND ")
    );
    let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = params
        .iter()
        .map(|p| p as &(dyn tokio_postgres::types::ToSql + Sync))
        .collect();
    let rows = client
        .query(&sql, &refs)
        .await
        .map_err(|e| crate::pg::query_error(&format!("reading {table}"), e))?;
    Ok(rows
        .first()
        .and_then(|r| serde_json::from_str(&r.get::<_, String>(0)).ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_matches_as_json_or_as_the_value_of_a_one_field_key() {
        let plain = br#"{"id":5}"#;
        let with_schema = br#"{"schema":{"type":"struct"},"payload":{"id":5}}"#;
        for key in [&plain[..], &with_schema[..]] {
            assert!(key_matches("5", key));
            assert!(key_matches(r#"{"id":5}"#, key));
            assert!(!key_matches("6", key));
            assert!(!key_matches(r#"{"id":"5"}"#, key));
        }
        let two = br#"{"a":1,"b":"x"}"#;
        assert!(!key_matches("1", two));
        assert!(key_matches(r#"{"b":"x","a":1}"#, two));
        assert!(!key_matches("5", b"\0not json"));
    }
}
