//! Debezium-compatible records, as Debezium 3.6's PostgreSQL connector writes them through
//! Kafka Connect's JSON converter: the key (primary-key columns), the value envelope
//! `{before, after, source, transaction, op, ts_ms, ts_us, ts_ns}` with its `source` block,
//! tombstones, the context headers, transaction metadata (`<prefix>.transaction`) and
//! heartbeats (`__debezium-heartbeat.<prefix>`); with `schemas.enable` each key and value
//! is `{"schema": ..., "payload": ...}`. Column values: [`crate::cdc::convert`]; column
//! types: [`crate::cdc::types`].
//!
//! Here: the options, the table and record types, the framing of a key or value; `row.rs`
//! (row and key objects), `headers.rs`, `source.rs` (the `source` and `transaction`
//! blocks), `schema.rs` (Connect schemas), `change.rs` (change events, tombstones),
//! `metadata.rs` (transaction, message and heartbeat records).

mod change;
mod headers;
mod metadata;
mod row;
mod schema;
mod source;
#[cfg(test)]
mod tests;

use serde_json::Value;

use crate::cdc::json;
pub use crate::cdc::json::base64;
use crate::cdc::types::ColumnType;
pub use crate::cdc::types::DecimalHandling;
pub use change::{change_record, tombstone};
pub use headers::{context_headers, key_header};
pub use metadata::{
    heartbeat_record, heartbeat_topic, message_record, message_topic, transaction_record,
    transaction_topic, MESSAGE_COLLECTION,
};
pub use row::{key_object, row_object, RowError};
use schema::{key_schema, value_schema};

/// What Debezium puts in place of an unchanged TOASTed value it cannot see.
pub const UNAVAILABLE: &str = "__debezium_unavailable_value";

/// `source.version`: who wrote the event (see "What still differs from Debezium" in docs/connector.md).
pub const VERSION: &str = concat!("livedbctl-", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone)]
pub struct EnvelopeOptions {
    /// `source.name` and the first part of topic names.
    pub topic_prefix: String,
    pub db: String,
    pub decimal: DecimalHandling,
    pub schemas_enable: bool,
    /// Fill each streamed event's `transaction` block.
    pub transaction_metadata: bool,
    /// Put the `__debezium.context.*` headers on data-change records (Debezium's
    /// `extended.headers.enabled`).
    pub extended_headers: bool,
    /// `__debezium.context.runId`: one per engine start.
    pub run_id: String,
}

/// A column as events carry it.
#[derive(Debug, Clone)]
pub struct ColumnInfo {
    pub name: String,
    /// Position in the tuples pgoutput sends (all columns of the table).
    pub index: usize,
    pub ty: ColumnType,
    pub optional: bool,
    /// The schema's `default` (written in place of a null, as the JSON converter does).
    pub default: Option<Value>,
}

/// A captured table as events show it: the columns Debezium keeps (of types it converts),
/// the key columns, and the Connect schemas rendered once.
#[derive(Debug, Clone)]
pub struct TableInfo {
    pub schema: String,
    pub name: String,
    pub topic: String,
    pub columns: Vec<ColumnInfo>,
    /// Indexes into `columns` of the key (primary key, else replica-identity index).
    pub key: Vec<usize>,
    key_schema: String,
    value_schema: String,
    /// The constant parts of `source`, rendered once: `{"version":...,"name":...,` and
    /// `"schema":...,"table":...,`; and the database name as JSON.
    source_head: String,
    source_table: String,
    db_json: String,
}

impl TableInfo {
    pub fn new(
        o: &EnvelopeOptions,
        schema: String,
        name: String,
        columns: Vec<ColumnInfo>,
        key_names: &[String],
    ) -> TableInfo {
        let topic = format!("{}.{schema}.{name}", o.topic_prefix);
        let key: Vec<usize> = key_names
            .iter()
            .filter_map(|k| columns.iter().position(|c| &c.name == k))
            .collect();
        let source_head = format!(
            "{{\"version\":{},\"connector\":\"postgresql\",\"name\":{},",
            json::to_string(VERSION),
            json::to_string(&o.topic_prefix)
        );
        let source_table = format!(
            "\"schema\":{},\"table\":{},",
            json::to_string(&schema),
            json::to_string(&name)
        );
        let mut t = TableInfo {
            schema,
            name,
            topic,
            columns,
            key,
            key_schema: String::new(),
            value_schema: String::new(),
            source_head,
            source_table,
            db_json: json::to_string(&o.db),
        };
        if o.schemas_enable {
            t.key_schema = json::to_string(&key_schema(o, &t));
            t.value_schema = json::to_string(&value_schema(o, &t));
        }
        t
    }

    /// `schema.table`, as transaction metadata names it.
    pub fn data_collection(&self) -> String {
        format!("{}.{}", self.schema, self.name)
    }
}

/// Where an event came from (the `source` block).
#[derive(Debug, Clone)]
pub struct SourcePosition {
    /// Commit time (stream) or snapshot start (snapshot), Unix microseconds.
    pub ts_us: i64,
    /// "false" when streaming; "first"/"first_in_data_collection"/"true"/
    /// "last_in_data_collection"/"last" in a snapshot.
    pub snapshot: &'static str,
    pub tx_id: Option<i64>,
    pub lsn: Option<u64>,
    /// End of the last transaction processed before this one (`sequence[0]`).
    pub last_commit_lsn: Option<u64>,
    pub xmin: Option<i64>,
    /// The replication origin of the transaction (name, origin commit LSN).
    pub origin: Option<(String, u64)>,
}

/// The `transaction` block of a streamed event.
#[derive(Debug, Clone)]
pub struct TxBlock {
    pub id: String,
    pub total_order: u64,
    pub data_collection_order: u64,
}

/// One Kafka record to publish.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub topic: String,
    /// Set only where Debezium sets it (heartbeats: partition 0); otherwise the producer's
    /// partitioner (murmur2 of the key bytes, as Kafka Connect's).
    pub partition: Option<i32>,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Vec<u8>)>,
}

/// Now, truncated to microseconds: (ts_ms, ts_us, ts_ns) as Debezium derives them from one
/// `Instant`.
pub fn now_stamps() -> (i64, i64, i64) {
    let us = chrono::Utc::now().timestamp_micros();
    (us.div_euclid(1000), us, us.saturating_mul(1000))
}

/// `payload`, or `{"schema": <schema>, "payload": <payload>}` with schemas enabled.
fn encode(o: &EnvelopeOptions, schema: &str, payload: &Value) -> Vec<u8> {
    let body = json::to_vec(payload);
    if !o.schemas_enable {
        return body;
    }
    let mut out = Vec::with_capacity(schema.len() + body.len() + 24);
    out.extend_from_slice(b"{\"schema\":");
    out.extend_from_slice(schema.as_bytes());
    out.extend_from_slice(b",\"payload\":");
    out.extend_from_slice(&body);
    out.push(b'}');
    out
}
