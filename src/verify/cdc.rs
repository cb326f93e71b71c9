//! A `connector` (CDC) topic of one table: the table's rows ↔ the latest event per key on
//! the topic, by primary key (one integer column), up to a cut: the rows of one snapshot
//! and its WAL position; events whose change lies past that position are newer and left
//! out, so the latest event kept for a key is its state at the cut.
//!
//! Content is compared on the columns whose values read the same in the table and in a
//! Debezium event (text, character types, integers, booleans); the others (numeric as
//! base64, times as epoch numbers) by presence only.

use futures::TryStreamExt;
use rdkafka::message::Message;

use super::compare::checksum;
use super::ranges::Ids;
use super::topic::{self, UnreadableTally};
use super::{Stage, VerifyError};
use crate::error::Result;
use crate::pg::query_error;
use crate::settings::{KafkaSettings, PgSettings};

/// Column types whose text in PostgreSQL is the event's value as written.
const COMPARED_TYPES: &[&str] = &[
    "text", "varchar", "bpchar", "name", "int2", "int4", "int8", "bool", "citext",
];

/// The table's side of the cut.
#[derive(Debug, Clone)]
pub struct TableCut {
    /// `schema.table` as PostgreSQL names it.
    pub table: String,
    pub key_column: String,
    /// The columns compared by content.
    pub compared: Vec<String>,
    /// `pg_current_wal_lsn()` in the snapshot, as a number.
    pub lsn: u64,
    pub lsn_text: String,
    pub max_key: i64,
    /// (key, checksum of the compared columns), sorted.
    pub rows: Vec<(i64, u64)>,
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The compared columns' values as one checksum: each as text (an event's string as it
/// is, a number in decimal, a boolean as `true`/`false`), a null as a byte no text holds.
fn content_checksum<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> u64 {
    let mut bytes = Vec::new();
    for v in values {
        match v {
            Some(t) => bytes.extend_from_slice(t.as_bytes()),
            None => bytes.push(0xff),
        }
        bytes.push(0);
    }
    checksum(&bytes)
}

/// Read the table at a snapshot, with its WAL position.
pub async fn read_table(
    pg: &PgSettings,
    table: &str,
    (from, to): (Option<i64>, Option<i64>),
) -> Result<TableCut> {
    let client = crate::pg::connect(pg).await?;
    let q = |what: &'static str| move |e| query_error(what, e);
    client
        .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await
        .map_err(q("starting a snapshot"))?;
    let found = client
        .query_opt("SELECT to_regclass($1)::text", &[&table])
        .await
        .map_err(q("looking up the table"))?
        .and_then(|r| r.get::<_, Option<String>>(0));
    let Some(regclass) = found else {
        return Err(VerifyError::NoTable(table.to_string()).into());
    };
    let key: Vec<(String, String)> = client
        .query(
            "SELECT a.attname::text, t.typname::text FROM pg_index i
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
               JOIN pg_type t ON t.oid = a.atttypid
              WHERE i.indrelid = to_regclass($1) AND i.indisprimary",
            &[&table],
        )
        .await
        .map_err(q("reading the primary key"))?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let key_column = match key.as_slice() {
        [(name, ty)] if matches!(ty.as_str(), "int2" | "int4" | "int8") => name.clone(),
        _ => return Err(VerifyError::KeyNotOneInteger(table.to_string()).into()),
    };
    let compared: Vec<String> = client
        .query(
            "SELECT a.attname::text FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
              WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
                AND t.typname = ANY($2) ORDER BY a.attnum",
            &[&table, &COMPARED_TYPES],
        )
        .await
        .map_err(q("reading the columns"))?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let lsn_row = client
        .query_one(
            "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::text, pg_current_wal_lsn()::text",
            &[],
        )
        .await
        .map_err(q("reading the WAL position"))?;
    let lsn: u64 = lsn_row.get::<_, String>(0).parse().unwrap_or(0);
    let select: Vec<String> = compared
        .iter()
        .map(|c| format!("{}::text", quote_ident(c)))
        .collect();
    let sql = format!(
        "SELECT {k}::bigint{comma}{cols} FROM {regclass} WHERE {k} BETWEEN $1::bigint AND $2::bigint",
        k = quote_ident(&key_column),
        comma = if select.is_empty() { "" } else { ", " },
        cols = select.join(", "),
    );
    let (lo, hi) = (from.unwrap_or(i64::MIN), to.unwrap_or(i64::MAX));
    let stream = client
        .query_raw(&sql, [&lo, &hi])
        .await
        .map_err(q("reading the table"))?;
    futures::pin_mut!(stream);
    let mut rows = Vec::new();
    while let Some(r) = stream.try_next().await.map_err(q("reading the table"))? {
        let id: i64 = r.get(0);
        let sum = content_checksum((1..=compared.len()).map(|i| r.get::<_, Option<&str>>(i)));
        rows.push((id, sum));
    }
    rows.sort_unstable();
    let _ = client.batch_execute("COMMIT").await;
    Ok(TableCut {
        table: regclass,
        key_column,
        compared,
        lsn,
        lsn_text: lsn_row.get(1),
        max_key: rows.last().map_or(0, |r| r.0),
        rows,
    })
}

/// The Debezium envelope's payload (with `--schemas-enable`, under `payload`).
fn payload(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(mut m)
            if m.contains_key("schema") && m.contains_key("payload") =>
        {
            m.remove("payload").unwrap_or_default()
        }
        other => other,
    }
}

fn text_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// What one record says about its key at its place.
enum Change {
    /// The row's compared columns' checksum.
    Row(u64),
    Deleted,
}

/// Read the CDC topic below the cut and reconcile it with the table.
pub fn reconcile(
    k: &KafkaSettings,
    topic_name: &str,
    cut: &[topic::PartitionCut],
    table: &TableCut,
    (from, to): (i64, i64),
    progress: impl FnMut(u64),
) -> std::result::Result<Stage, String> {
    // (key, partition, offset, change): a key's records are in one partition, in order.
    let mut latest: Vec<(i64, i32, i64, Change)> = Vec::new();
    let mut truncated: std::collections::BTreeMap<i32, i64> = Default::default();
    let mut unreadable = UnreadableTally::default();
    let mut newer = 0u64;
    let key_column = &table.key_column;
    topic::read_below(
        k,
        topic_name,
        cut,
        |m| {
            let (p, o) = (m.partition(), m.offset());
            let value = match m.payload() {
                None => None,
                Some(bytes) => match serde_json::from_slice::<serde_json::Value>(bytes) {
                    Ok(v) => Some(payload(v)),
                    Err(_) => return unreadable.add("not JSON", p, o),
                },
            };
            let op = value
                .as_ref()
                .and_then(|v| v.get("op"))
                .and_then(|o| o.as_str())
                .map(str::to_string);
            if let Some(lsn) = value
                .as_ref()
                .and_then(|v| v.pointer("/source/lsn"))
                .and_then(serde_json::Value::as_u64)
            {
                if lsn > table.lsn {
                    newer += 1;
                    return;
                }
            }
            if op.as_deref() == Some("t") {
                truncated.insert(p, o);
                return;
            }
            if op.as_deref() == Some("m") {
                return;
            }
            let key = m
                .key()
                .and_then(|k| serde_json::from_slice::<serde_json::Value>(k).ok())
                .map(payload)
                .and_then(|k| k.get(key_column).and_then(serde_json::Value::as_i64));
            let Some(key) = key else {
                return unreadable.add("no integer key column in the record's key", p, o);
            };
            if !(from..=to).contains(&key) {
                return;
            }
            let change = match (op.as_deref(), &value) {
                (_, None) | (Some("d"), _) => Change::Deleted,
                (Some("c" | "u" | "r"), Some(v)) => match v.get("after") {
                    Some(after) if after.is_object() => Change::Row(content_checksum(
                        table
                            .compared
                            .iter()
                            .map(|c| after.get(c).and_then(text_of))
                            .collect::<Vec<_>>()
                            .iter()
                            .map(|t| t.as_deref()),
                    )),
                    _ => return unreadable.add("a change without `after`", p, o),
                },
                _ => return unreadable.add("not a Debezium change (no `op`)", p, o),
            };
            latest.push((key, p, o, change));
        },
        progress,
    )?;
    // The last record of each key, unless a truncate of its partition came after it.
    latest.sort_by_key(|(key, _, offset, _)| (*key, *offset));
    let mut stage = Stage::new("topic");
    stage.outside_cut = newer;
    stage.unreadable = unreadable.into_vec();
    let mut state: Vec<(i64, Option<u64>)> = Vec::new();
    for (key, p, o, change) in latest {
        let after_truncate = truncated.get(&p).is_none_or(|t| o > *t);
        let now = match change {
            Change::Row(sum) if after_truncate => Some(sum),
            _ => None,
        };
        match state.last_mut() {
            Some(last) if last.0 == key => last.1 = now,
            _ => state.push((key, now)),
        }
    }
    let rows = &table.rows;
    stage.expected = rows.len() as u64;
    let (mut r, mut e) = (0, 0);
    let (mut missing, mut different, mut extra) = (Ids::default(), Ids::default(), Ids::default());
    while r < rows.len() || e < state.len() {
        let row = rows.get(r);
        let ev = state.get(e);
        match (row, ev) {
            (Some(row), Some(ev)) if row.0 == ev.0 => {
                match ev.1 {
                    None => missing.push(row.0),
                    Some(sum) if sum != row.1 => {
                        stage.found += 1;
                        different.push(row.0)
                    }
                    Some(_) => stage.found += 1,
                }
                r += 1;
                e += 1;
            }
            (Some(row), None) => {
                missing.push(row.0);
                r += 1;
            }
            (Some(row), Some(ev)) if row.0 < ev.0 => {
                missing.push(row.0);
                r += 1;
            }
            (_, Some(ev)) => {
                if ev.1.is_some() {
                    extra.push(ev.0);
                }
                e += 1;
            }
            (None, None) => break,
        }
    }
    stage.missing = missing;
    stage.different = different;
    stage.extra = extra;
    Ok(stage)
}
