//! Debezium-compatible records, as Debezium 3.6's PostgreSQL connector writes them through
//! Kafka Connect's JSON converter: the key (primary-key columns), the value envelope
//! `{before, after, source, transaction, op, ts_ms, ts_us, ts_ns}` with its `source` block,
//! tombstones, the context headers, transaction metadata (`<prefix>.transaction`) and
//! heartbeats (`__debezium-heartbeat.<prefix>`); with `schemas.enable` each key and value
//! is `{"schema": ..., "payload": ...}`. Column values: [`crate::cdc::convert`]; column
//! types: [`crate::cdc::types`].

use serde_json::{json, Map, Value};

use crate::cdc::convert::{self, ConvertError};
use crate::cdc::json;
pub use crate::cdc::json::base64;
use crate::cdc::pgoutput::Datum;
use crate::cdc::types::ColumnType;
pub use crate::cdc::types::DecimalHandling;

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

/// The placeholder for an unchanged TOASTed value of type `t` (Debezium's
/// `UnchangedToastedPlaceholder`).
fn unavailable(t: &ColumnType) -> Value {
    match t {
        ColumnType::Bytes => json!(base64(UNAVAILABLE.as_bytes())),
        ColumnType::Hstore => json!(format!("{{\"{UNAVAILABLE}\":\"{UNAVAILABLE}\"}}")),
        ColumnType::Array { element, .. } => match element.as_ref() {
            ColumnType::Int16 | ColumnType::Int32 | ColumnType::Int64 => {
                Value::Array(UNAVAILABLE.bytes().map(|b| json!(b)).collect())
            }
            ColumnType::Named(crate::cdc::types::Named::Uuid) => {
                json!(["b68a35a7-17ad-35b3-af2a-ae46edb4545a"])
            }
            _ => json!([UNAVAILABLE]),
        },
        _ => json!(UNAVAILABLE),
    }
}

/// A row as a JSON object: columns Debezium keeps, in table order. A null becomes the
/// column's default when it has one (the JSON converter's `replace.null.with.default`), and
/// a NOT NULL column without a value its type's fallback. Unchanged TOAST values come from
/// `old` when it has them.
pub fn row_object(
    t: &TableInfo,
    tuple: &[Datum],
    old: Option<&[Datum]>,
    mode: DecimalHandling,
    unreadable: &mut Vec<(String, ConvertError)>,
) -> Result<Value, RowError> {
    let mut m = Map::with_capacity(t.columns.len());
    for col in &t.columns {
        let text = match tuple.get(col.index).unwrap_or(&Datum::Null) {
            Datum::Text(s) => Some(s.as_str()),
            Datum::UnchangedToast => match old.and_then(|o| o.get(col.index)) {
                Some(Datum::Text(s)) => Some(s.as_str()),
                _ => {
                    m.insert(col.name.clone(), unavailable(&col.ty));
                    continue;
                }
            },
            Datum::Null => None,
        };
        let v = match text {
            Some(s) => match convert::convert(&col.ty, s, mode) {
                Ok(v) => v,
                Err(e @ ConvertError::SpecialDecimal(_)) => {
                    return Err(RowError {
                        column: col.name.clone(),
                        error: e,
                    })
                }
                // Debezium logs what it cannot read and writes null (or the fallback).
                Err(e) => {
                    unreadable.push((col.name.clone(), e));
                    null_value(col, mode)
                }
            },
            None => null_value(col, mode),
        };
        m.insert(col.name.clone(), v);
    }
    Ok(Value::Object(m))
}

fn null_value(col: &ColumnInfo, mode: DecimalHandling) -> Value {
    match (&col.default, col.optional) {
        (Some(d), _) => d.clone(),
        (None, true) => Value::Null,
        (None, false) => convert::fallback(&col.ty, mode),
    }
}

/// A value that stops the engine, and its column.
#[derive(Debug, Clone)]
pub struct RowError {
    pub column: String,
    pub error: ConvertError,
}

/// The key object, or None when the table has no key columns.
pub fn key_object(t: &TableInfo, row: &Value) -> Option<Value> {
    if t.key.is_empty() {
        return None;
    }
    let mut m = Map::with_capacity(t.key.len());
    for &i in &t.key {
        let name = &t.columns[i].name;
        m.insert(name.clone(), row.get(name).cloned().unwrap_or(Value::Null));
    }
    Some(Value::Object(m))
}

/// A key as Kafka Connect's `SimpleHeaderConverter` writes a struct into a header
/// (`__debezium.oldkey`/`newkey`): `{"id":1}`, strings quoted with `\` and `"` escaped.
/// Numbers are the Connect values' own text: a precise decimal key shows its decimal
/// digits, not the base64 of its JSON form.
pub fn key_header(t: &TableInfo, key: &Value, tuple: &[Datum], mode: DecimalHandling) -> Vec<u8> {
    let mut s = String::from("{");
    for (n, &i) in t.key.iter().enumerate() {
        let col = &t.columns[i];
        if n > 0 {
            s.push(',');
        }
        s.push('"');
        s.push_str(&header_escape(&col.name));
        s.push_str("\":");
        let decimal_text = match (&col.ty, tuple.get(col.index)) {
            (ColumnType::Decimal { .. } | ColumnType::Money, Some(Datum::Text(text)))
                if mode == DecimalHandling::Precise =>
            {
                Some(text.replace(['$', ','], ""))
            }
            _ => None,
        };
        match (decimal_text, key.get(&col.name)) {
            (Some(d), _) => s.push_str(&d),
            (None, Some(Value::String(v))) => {
                s.push('"');
                s.push_str(&header_escape(v));
                s.push('"');
            }
            (None, Some(v)) => s.push_str(&json::to_string(v)),
            (None, None) => s.push_str("null"),
        }
    }
    s.push('}');
    s.into_bytes()
}

fn header_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The headers Debezium (3.2+, `extended.headers.enabled`) puts on every data-change
/// record, tombstones and snapshot reads included; none unless enabled.
pub fn context_headers(o: &EnvelopeOptions) -> Vec<(String, Vec<u8>)> {
    if !o.extended_headers {
        return Vec::new();
    }
    vec![
        (
            "__debezium.context.connectorLogicalName".into(),
            o.topic_prefix.clone().into_bytes(),
        ),
        ("__debezium.context.taskId".into(), b"0".to_vec()),
        (
            "__debezium.context.connectorName".into(),
            b"postgresql".to_vec(),
        ),
        (
            "__debezium.context.runId".into(),
            o.run_id.clone().into_bytes(),
        ),
    ]
}

fn source_block_for(o: &EnvelopeOptions, schema: &str, table: &str, p: &SourcePosition) -> Value {
    let mut m = Map::with_capacity(16);
    m.insert("version".into(), json!(VERSION));
    m.insert("connector".into(), json!("postgresql"));
    m.insert("name".into(), json!(o.topic_prefix));
    m.insert("ts_ms".into(), json!(p.ts_us.div_euclid(1000)));
    m.insert("snapshot".into(), json!(p.snapshot));
    m.insert("db".into(), json!(o.db));
    let sequence = [
        p.last_commit_lsn.map(|c| c.to_string()),
        p.lsn.map(|l| l.to_string()),
    ];
    m.insert("sequence".into(), json!(json::to_string(&sequence)));
    m.insert("ts_us".into(), json!(p.ts_us));
    m.insert("ts_ns".into(), json!(p.ts_us.saturating_mul(1000)));
    m.insert("schema".into(), json!(schema));
    m.insert("table".into(), json!(table));
    m.insert("txId".into(), json!(p.tx_id));
    m.insert("lsn".into(), json!(p.lsn));
    m.insert("xmin".into(), json!(p.xmin));
    m.insert(
        "origin".into(),
        json!(p.origin.as_ref().map(|(name, _)| name)),
    );
    m.insert(
        "origin_lsn".into(),
        json!(p.origin.as_ref().map(|(_, lsn)| lsn)),
    );
    Value::Object(m)
}

/// Now, truncated to microseconds: (ts_ms, ts_us, ts_ns) as Debezium derives them from one
/// `Instant`.
pub fn now_stamps() -> (i64, i64, i64) {
    let us = chrono::Utc::now().timestamp_micros();
    (us.div_euclid(1000), us, us.saturating_mul(1000))
}

fn write_opt(out: &mut Vec<u8>, v: Option<impl std::fmt::Display>) {
    use std::io::Write as _;
    match v {
        Some(v) => {
            let _ = write!(out, "{v}");
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// `"source"`'s value written straight into `out` (one per event: the hot path), the same
/// JSON [`source_block_for`] gives.
fn write_source(out: &mut Vec<u8>, t: &TableInfo, p: &SourcePosition) {
    use std::io::Write as _;
    out.extend_from_slice(t.source_head.as_bytes());
    let _ = write!(
        out,
        "\"ts_ms\":{},\"snapshot\":\"{}\",\"db\":{},\"sequence\":\"[",
        p.ts_us.div_euclid(1000),
        p.snapshot,
        t.db_json
    );
    for (i, lsn) in [p.last_commit_lsn, p.lsn].into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match lsn {
            Some(l) => {
                let _ = write!(out, "\\\"{l}\\\"");
            }
            None => out.extend_from_slice(b"null"),
        }
    }
    let _ = write!(
        out,
        "]\",\"ts_us\":{},\"ts_ns\":{},",
        p.ts_us,
        p.ts_us.saturating_mul(1000)
    );
    out.extend_from_slice(t.source_table.as_bytes());
    out.extend_from_slice(b"\"txId\":");
    write_opt(out, p.tx_id);
    out.extend_from_slice(b",\"lsn\":");
    write_opt(out, p.lsn);
    out.extend_from_slice(b",\"xmin\":");
    write_opt(out, p.xmin);
    out.push(b',');
    match &p.origin {
        Some((name, lsn)) => {
            out.extend_from_slice(b"\"origin\":");
            json::write_to(out, name);
            let _ = write!(out, ",\"origin_lsn\":{lsn}}}");
        }
        None => out.extend_from_slice(b"\"origin\":null,\"origin_lsn\":null}"),
    }
}

/// A change event (`op` c/u/d/r/t) as a Kafka record. The value is written field by field
/// in Debezium's order, straight into one buffer.
#[allow(clippy::too_many_arguments)]
pub fn change_record(
    o: &EnvelopeOptions,
    t: &TableInfo,
    op: &str,
    key: Option<&Value>,
    before: Option<Value>,
    after: Option<Value>,
    p: &SourcePosition,
    tx: Option<&TxBlock>,
) -> Record {
    use std::io::Write as _;
    let (ts_ms, ts_us, ts_ns) = now_stamps();
    let mut out = Vec::with_capacity(t.value_schema.len() + 512);
    if o.schemas_enable {
        out.extend_from_slice(b"{\"schema\":");
        out.extend_from_slice(t.value_schema.as_bytes());
        out.extend_from_slice(b",\"payload\":");
    }
    out.extend_from_slice(b"{\"before\":");
    json::write_to(&mut out, &before.unwrap_or(Value::Null));
    out.extend_from_slice(b",\"after\":");
    json::write_to(&mut out, &after.unwrap_or(Value::Null));
    out.extend_from_slice(b",\"source\":");
    write_source(&mut out, t, p);
    out.extend_from_slice(b",\"transaction\":");
    json::write_to(&mut out, &tx_block_value(tx));
    let _ = write!(
        out,
        ",\"op\":\"{op}\",\"ts_ms\":{ts_ms},\"ts_us\":{ts_us},\"ts_ns\":{ts_ns}}}"
    );
    if o.schemas_enable {
        out.push(b'}');
    }
    Record {
        topic: t.topic.clone(),
        partition: None,
        key: key.map(|k| encode(o, &t.key_schema, k)),
        value: Some(out),
        headers: context_headers(o),
    }
}

/// The tombstone that follows a delete: same key and headers, null value (lets compaction
/// drop the key).
pub fn tombstone(
    o: &EnvelopeOptions,
    t: &TableInfo,
    key: &Value,
    headers: &[(String, Vec<u8>)],
) -> Record {
    Record {
        topic: t.topic.clone(),
        partition: None,
        key: Some(encode(o, &t.key_schema, key)),
        value: None,
        headers: headers.to_vec(),
    }
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

fn field_schema(c: &ColumnInfo, o: &EnvelopeOptions, force_required: bool) -> Value {
    let mut s = c.ty.schema(c.optional && !force_required, o.decimal);
    if let Some(d) = &c.default {
        s.insert("default".into(), d.clone());
    }
    s.insert("field".into(), json!(c.name));
    Value::Object(s)
}

fn key_schema(o: &EnvelopeOptions, t: &TableInfo) -> Value {
    let fields: Vec<Value> = t
        .key
        .iter()
        .map(|&i| field_schema(&t.columns[i], o, true))
        .collect();
    json!({"type": "struct", "fields": fields, "optional": false, "name": format!("{}.Key", t.topic)})
}

fn f(ty: &str, optional: bool, field: &str) -> Value {
    json!({"type": ty, "optional": optional, "field": field})
}

/// The `source` struct of Debezium 3.6's PostgreSQL connector.
fn source_schema() -> Value {
    json!({
        "type": "struct",
        "fields": [
            f("string", false, "version"), f("string", false, "connector"), f("string", false, "name"),
            f("int64", false, "ts_ms"),
            {"type": "string", "optional": true, "name": "io.debezium.data.Enum", "version": 1,
             "parameters": {"allowed": "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},
             "default": "false", "field": "snapshot"},
            f("string", false, "db"), f("string", true, "sequence"),
            f("int64", true, "ts_us"), f("int64", true, "ts_ns"),
            f("string", false, "schema"), f("string", false, "table"),
            f("int64", true, "txId"), f("int64", true, "lsn"), f("int64", true, "xmin"),
            f("string", true, "origin"), f("int64", true, "origin_lsn"),
        ],
        "optional": false,
        "name": "io.debezium.connector.postgresql.Source",
        "version": 1,
        "field": "source",
    })
}

fn transaction_block_schema() -> Value {
    json!({
        "type": "struct",
        "fields": [f("string", false, "id"), f("int64", false, "total_order"), f("int64", false, "data_collection_order")],
        "optional": true, "name": "event.block", "version": 1, "field": "transaction",
    })
}

fn tx_block_value(tx: Option<&TxBlock>) -> Value {
    match tx {
        Some(b) => {
            json!({"id": b.id, "total_order": b.total_order, "data_collection_order": b.data_collection_order})
        }
        None => Value::Null,
    }
}

fn value_schema(o: &EnvelopeOptions, t: &TableInfo) -> Value {
    let cols: Vec<Value> = t
        .columns
        .iter()
        .map(|c| field_schema(c, o, false))
        .collect();
    let row = |field: &str| json!({"type": "struct", "fields": cols, "optional": true, "name": format!("{}.Value", t.topic), "field": field});
    let transaction = transaction_block_schema();
    json!({
        "type": "struct",
        "fields": [
            row("before"), row("after"), source_schema(), transaction,
            f("string", false, "op"), f("int64", true, "ts_ms"), f("int64", true, "ts_us"), f("int64", true, "ts_ns"),
        ],
        "optional": false,
        "name": format!("{}.Envelope", t.topic),
        "version": 2,
    })
}

/// `<prefix>.transaction`: Debezium's transaction metadata topic.
pub fn transaction_topic(o: &EnvelopeOptions) -> String {
    format!("{}.transaction", o.topic_prefix)
}

/// `<prefix>.message`: logical decoding messages (`pg_logical_emit_message`).
pub fn message_topic(o: &EnvelopeOptions) -> String {
    format!("{}.message", o.topic_prefix)
}

/// The data collection Debezium counts logical decoding messages under.
pub const MESSAGE_COLLECTION: &str = "LOGICAL_DECODING_MESSAGE";

/// A logical decoding message as Debezium's `LogicalDecodingMessageMonitor` writes it: key
/// `{"prefix"}`, value `{op: "m", ts_ms, source (schema and table ""), transaction,
/// message: {prefix, content}}` with the content as bytes.
pub fn message_record(
    o: &EnvelopeOptions,
    prefix: &str,
    content: &[u8],
    p: &SourcePosition,
    tx: Option<&TxBlock>,
) -> Record {
    let key_schema = r#"{"type":"struct","fields":[{"type":"string","optional":true,"field":"prefix"}],"optional":false,"name":"io.debezium.connector.postgresql.MessageKey","version":1}"#;
    let mut source = source_schema();
    source["field"] = json!("source");
    let value_schema = json::to_string(&json!({
        "type": "struct",
        "fields": [
            f("string", false, "op"), f("int64", true, "ts_ms"), source, transaction_block_schema(),
            {"type": "struct", "fields": [f("string", true, "prefix"), f("bytes", true, "content")],
             "optional": false, "name": "io.debezium.connector.postgresql.Message", "version": 1, "field": "message"},
        ],
        "optional": false,
        "name": "io.debezium.connector.postgresql.MessageValue",
        "version": 1,
    }));
    let mut v = Map::with_capacity(5);
    v.insert("op".into(), json!("m"));
    v.insert("ts_ms".into(), json!(now_stamps().0));
    v.insert("source".into(), source_block_for(o, "", "", p));
    v.insert("transaction".into(), tx_block_value(tx));
    v.insert(
        "message".into(),
        json!({"prefix": prefix, "content": base64(content)}),
    );
    Record {
        topic: message_topic(o),
        partition: None,
        key: Some(encode(o, key_schema, &json!({ "prefix": prefix }))),
        value: Some(encode(o, &value_schema, &Value::Object(v))),
        headers: Vec::new(),
    }
}

/// `__debezium-heartbeat.<prefix>`.
pub fn heartbeat_topic(o: &EnvelopeOptions) -> String {
    format!("__debezium-heartbeat.{}", o.topic_prefix)
}

/// A BEGIN (`counts` None) or END record of transaction `id` (`<xid>:<lsn>`) committed at
/// `commit_ms`; `counts` = events per `schema.table` in the order they first appeared.
pub fn transaction_record(
    o: &EnvelopeOptions,
    id: &str,
    commit_ms: i64,
    counts: Option<&[(String, u64)]>,
) -> Record {
    let key_schema = r#"{"type":"struct","fields":[{"type":"string","optional":false,"field":"id"}],"optional":false,"name":"io.debezium.connector.common.TransactionMetadataKey","version":1}"#;
    let value_schema = r#"{"type":"struct","fields":[{"type":"string","optional":false,"field":"status"},{"type":"string","optional":false,"field":"id"},{"type":"int64","optional":true,"field":"event_count"},{"type":"array","items":{"type":"struct","fields":[{"type":"string","optional":false,"field":"data_collection"},{"type":"int64","optional":false,"field":"event_count"}],"optional":true,"name":"event.collection","version":1},"optional":true,"field":"data_collections"},{"type":"int64","optional":false,"field":"ts_ms"}],"optional":false,"name":"io.debezium.connector.common.TransactionMetadataValue","version":1}"#;
    let mut v = Map::new();
    v.insert(
        "status".into(),
        json!(if counts.is_some() { "END" } else { "BEGIN" }),
    );
    v.insert("id".into(), json!(id));
    match counts {
        Some(counts) => {
            v.insert(
                "event_count".into(),
                json!(counts.iter().map(|(_, n)| n).sum::<u64>()),
            );
            // Debezium keeps the counts in a HashMap: its iteration order.
            let names: Vec<&str> = counts.iter().map(|(c, _)| c.as_str()).collect();
            let list: Vec<Value> = convert::java_hashmap_order(&names)
                .into_iter()
                .map(|i| json!({"data_collection": counts[i].0, "event_count": counts[i].1}))
                .collect();
            v.insert("data_collections".into(), Value::Array(list));
        }
        None => {
            v.insert("event_count".into(), Value::Null);
            v.insert("data_collections".into(), Value::Null);
        }
    }
    v.insert("ts_ms".into(), json!(commit_ms));
    Record {
        topic: transaction_topic(o),
        partition: None,
        key: Some(encode(o, key_schema, &json!({ "id": id }))),
        value: Some(encode(o, value_schema, &Value::Object(v))),
        headers: Vec::new(),
    }
}

/// A heartbeat: key `{"serverName": prefix}`, value `{"ts_ms": now}`, partition 0.
pub fn heartbeat_record(o: &EnvelopeOptions, now_ms: i64) -> Record {
    let key_schema = r#"{"type":"struct","fields":[{"type":"string","optional":false,"field":"serverName"}],"optional":false,"name":"io.debezium.connector.common.ServerNameKey","version":1}"#;
    let value_schema = r#"{"type":"struct","fields":[{"type":"int64","optional":false,"field":"ts_ms"}],"optional":false,"name":"io.debezium.connector.common.Heartbeat","version":1}"#;
    Record {
        topic: heartbeat_topic(o),
        partition: Some(0),
        key: Some(encode(
            o,
            key_schema,
            &json!({"serverName": o.topic_prefix}),
        )),
        value: Some(encode(o, value_schema, &json!({ "ts_ms": now_ms }))),
        headers: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of(v: &Value) -> Vec<&String> {
        v.as_object().unwrap().keys().collect()
    }

    fn opts(schemas_enable: bool) -> EnvelopeOptions {
        EnvelopeOptions {
            topic_prefix: "db".into(),
            db: "d".into(),
            decimal: DecimalHandling::Precise,
            schemas_enable,
            transaction_metadata: false,
            extended_headers: true,
            run_id: "r".into(),
        }
    }

    fn table(o: &EnvelopeOptions) -> TableInfo {
        let col = |name: &str, index, ty, optional, default| ColumnInfo {
            name: name.into(),
            index,
            ty,
            optional,
            default,
        };
        TableInfo::new(
            o,
            "public".into(),
            "t".into(),
            vec![
                col("id", 0, ColumnType::Int32, false, Some(json!(0))),
                col("body", 1, ColumnType::String, true, None),
                col("status", 3, ColumnType::String, true, Some(json!("new"))),
                col("qty", 4, ColumnType::Int32, false, None),
            ],
            &["id".into()],
        )
    }

    #[test]
    fn rows_defaults_fallbacks_and_toast() {
        let o = opts(false);
        let t = table(&o);
        let old = vec![
            Datum::Text("1".into()),
            Datum::Text("long".into()),
            Datum::Text("(0,0),(1,1)".into()),
            Datum::Null,
            Datum::Text("3".into()),
        ];
        let new = vec![
            Datum::Text("1".into()),
            Datum::UnchangedToast,
            Datum::Null,
            Datum::Null,
            Datum::Text("4".into()),
        ];
        let after = row_object(&t, &new, Some(&old), o.decimal, &mut Vec::new()).unwrap();
        // The box column (index 2) is left out; a null with a default shows the default.
        assert_eq!(
            json::to_string(&after),
            r#"{"id":1,"body":"long","status":"new","qty":4}"#
        );
        let after2 = row_object(&t, &new, None, o.decimal, &mut Vec::new()).unwrap();
        assert_eq!(after2["body"], json!(UNAVAILABLE));
        // An old-key tuple: NOT NULL columns without a value get the fallback.
        let key_only = vec![
            Datum::Text("1".into()),
            Datum::Null,
            Datum::Null,
            Datum::Null,
            Datum::Null,
        ];
        let before = row_object(&t, &key_only, None, o.decimal, &mut Vec::new()).unwrap();
        assert_eq!(
            before,
            json!({"id": 1, "body": null, "status": "new", "qty": 0})
        );
        let key = key_object(&t, &after).unwrap();
        assert_eq!(key, json!({"id": 1}));
        assert_eq!(key_header(&t, &key, &new, o.decimal), b"{\"id\":1}");
    }

    #[test]
    fn envelope_order_and_schemas() {
        let o = opts(true);
        let t = table(&o);
        let p = SourcePosition {
            ts_us: 1_795_951_861_906_265,
            snapshot: "false",
            tx_id: Some(737),
            lsn: Some(26384888),
            last_commit_lsn: Some(26384840),
            xmin: None,
            origin: None,
        };
        let key = json!({"id": 1});
        let r = change_record(
            &o,
            &t,
            "c",
            Some(&key),
            None,
            Some(json!({"id": 1})),
            &p,
            None,
        );
        let v: Value = serde_json::from_slice(r.value.as_ref().unwrap()).unwrap();
        let keys: Vec<&String> = v["payload"].as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "before",
                "after",
                "source",
                "transaction",
                "op",
                "ts_ms",
                "ts_us",
                "ts_ns"
            ]
        );
        assert_eq!(
            json::to_string(&v["payload"]["source"]),
            format!(
                r#"{{"version":"{VERSION}","connector":"postgresql","name":"db","ts_ms":1795951861906,"snapshot":"false","db":"d","sequence":"[\"26384840\",\"26384888\"]","ts_us":1795951861906265,"ts_ns":1795951861906265000,"schema":"public","table":"t","txId":737,"lsn":26384888,"xmin":null,"origin":null,"origin_lsn":null}}"#
            )
        );
        assert_eq!(v["schema"]["version"], 2);
        // The direct writer gives what the plain form gives, origin included.
        let mut out = Vec::new();
        let p2 = SourcePosition {
            origin: Some(("o\"1".into(), 77)),
            xmin: Some(5),
            ..p.clone()
        };
        write_source(&mut out, &t, &p2);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            json::to_string(&source_block_for(&o, "public", "t", &p2))
        );
        assert_eq!(
            json::to_string(&v["schema"]["fields"][1]["fields"][0]),
            r#"{"type":"int32","optional":false,"default":0,"field":"id"}"#
        );
        let k: Value = serde_json::from_slice(r.key.as_ref().unwrap()).unwrap();
        assert_eq!(
            json::to_string(&k),
            r#"{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"default":0,"field":"id"}],"optional":false,"name":"db.public.t.Key"},"payload":{"id":1}}"#
        );
        assert_eq!(r.headers.len(), 4);
        let ts = tombstone(&o, &t, &key, &r.headers);
        assert!(ts.value.is_none());
        assert_eq!(ts.headers, r.headers);
    }

    #[test]
    fn transaction_and_heartbeat_records() {
        let o = opts(false);
        let begin = transaction_record(&o, "738:26385144", 1795951861978, None);
        assert_eq!(begin.topic, "db.transaction");
        assert_eq!(begin.key.as_deref(), Some(&br#"{"id":"738:26385144"}"#[..]));
        assert_eq!(
            String::from_utf8(begin.value.unwrap()).unwrap(),
            r#"{"status":"BEGIN","id":"738:26385144","event_count":null,"data_collections":null,"ts_ms":1795951861978}"#
        );
        let end = transaction_record(
            &o,
            "738:26385608",
            1795951861978,
            Some(&[("public.customers".into(), 4)]),
        );
        assert_eq!(
            String::from_utf8(end.value.unwrap()).unwrap(),
            r#"{"status":"END","id":"738:26385608","event_count":4,"data_collections":[{"data_collection":"public.customers","event_count":4}],"ts_ms":1795951861978}"#
        );
        let m = message_record(
            &o,
            "foo",
            b"bar",
            &SourcePosition {
                ts_us: 2_000,
                snapshot: "false",
                tx_id: Some(556),
                lsn: Some(46523128),
                last_commit_lsn: None,
                xmin: None,
                origin: None,
            },
            None,
        );
        assert_eq!(m.topic, "db.message");
        assert_eq!(m.key.as_deref(), Some(&br#"{"prefix":"foo"}"#[..]));
        let v: Value = serde_json::from_slice(m.value.as_ref().unwrap()).unwrap();
        assert_eq!(
            keys_of(&v),
            ["op", "ts_ms", "source", "transaction", "message"]
        );
        assert_eq!(v["message"], json!({"prefix": "foo", "content": "YmFy"}));
        assert_eq!(
            (&v["source"]["schema"], &v["source"]["table"]),
            (&json!(""), &json!(""))
        );
        let hb = heartbeat_record(&o, 5);
        assert_eq!(hb.topic, "__debezium-heartbeat.db");
        assert_eq!(hb.partition, Some(0));
        assert_eq!(hb.key.as_deref(), Some(&br#"{"serverName":"db"}"#[..]));
        assert_eq!(hb.value.as_deref(), Some(&br#"{"ts_ms":5}"#[..]));
    }
}
