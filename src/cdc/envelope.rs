//! Debezium-compatible change events: the key (primary-key columns), the value envelope
//! `{before, after, source, op, ts_ms, transaction}`, optional `schemas.enable` wrapping,
//! and the mapping from PostgreSQL's text output to the JSON Debezium emits.
//!
//! Type mapping (Debezium's defaults where this engine follows them):
//! - int2/int4/int8/oid -> JSON number; float4/float8 -> number ("NaN"/"Infinity" as strings)
//! - bool -> true/false; bytea -> base64 string (Debezium `bytes`)
//! - numeric -> string (default) or double (`DecimalHandling`); Debezium's default
//!   "precise" mode (bytes + scale) is not offered: JSON users cannot read it
//! - date -> days since 1970-01-01 (`io.debezium.time.Date`)
//! - time -> microseconds since midnight (`MicroTime`), milliseconds when declared time(0..3)
//! - timestamp -> microseconds since epoch (`MicroTimestamp`), milliseconds when declared
//!   timestamp(0..3) (`Timestamp`), as Debezium's "adaptive" time precision mode does
//! - timestamptz -> ISO-8601 string in UTC, e.g. `2024-01-15T10:20:30.5Z` (`ZonedTimestamp`)
//! - json/jsonb/uuid/text/varchar/everything else -> string (json as its text, like
//!   `io.debezium.data.Json`); arrays and intervals are their PostgreSQL text (deviation)
//! - unchanged TOAST values with no old row -> `__debezium_unavailable_value`

use serde_json::{json, Map, Value};

use crate::cdc::pgoutput::{Datum, Relation};

/// What Debezium puts in place of an unchanged TOASTed value it cannot see.
pub const UNAVAILABLE: &str = "__debezium_unavailable_value";

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum DecimalHandling {
    /// numeric as a JSON string, exact ("1234.50")
    String,
    /// numeric as a JSON number (may lose precision)
    Double,
}

impl DecimalHandling {
    /// Debezium's `decimal.handling.mode` for the same output.
    pub fn debezium(self) -> &'static str {
        match self {
            DecimalHandling::String => "string",
            DecimalHandling::Double => "double",
        }
    }
}

#[derive(Debug, Clone)]
pub struct EnvelopeOptions {
    /// `source.name` and the first part of topic names.
    pub topic_prefix: String,
    pub db: String,
    pub decimal: DecimalHandling,
    pub schemas_enable: bool,
}

/// A captured table: its latest relation description and the catalog facts pgoutput lacks.
#[derive(Debug, Clone)]
pub struct TableInfo {
    pub relation: Relation,
    /// Primary-key column names (or the replica-identity index's), in key order.
    pub key_names: Vec<String>,
    /// Columns declared NOT NULL (for `optional` in schemas).
    pub not_null: Vec<String>,
    pub topic: String,
}

impl TableInfo {
    fn key_positions(&self) -> Vec<usize> {
        self.key_names
            .iter()
            .filter_map(|k| self.relation.columns.iter().position(|c| &c.name == k))
            .collect()
    }
}

/// Where an event came from (the `source` block).
#[derive(Debug, Clone)]
pub struct SourcePosition {
    /// Commit time (stream) or snapshot time, Unix milliseconds.
    pub ts_ms: i64,
    /// "false" when streaming; "first"/"true"/"last" in a snapshot.
    pub snapshot: &'static str,
    pub tx_id: Option<i64>,
    pub lsn: Option<u64>,
    pub last_commit_lsn: Option<u64>,
}

/// One Kafka record to publish.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub topic: String,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Vec<u8>)>,
}

pub mod oid {
    pub const BOOL: u32 = 16;
    pub const BYTEA: u32 = 17;
    pub const INT8: u32 = 20;
    pub const INT2: u32 = 21;
    pub const INT4: u32 = 23;
    pub const OID: u32 = 26;
    pub const JSON: u32 = 114;
    pub const FLOAT4: u32 = 700;
    pub const FLOAT8: u32 = 701;
    pub const DATE: u32 = 1082;
    pub const TIME: u32 = 1083;
    pub const TIMESTAMP: u32 = 1114;
    pub const TIMESTAMPTZ: u32 = 1184;
    pub const NUMERIC: u32 = 1700;
    pub const UUID: u32 = 2950;
    pub const JSONB: u32 = 3802;
}

/// Declared fractional-second precision of time types: typmod is the precision, -1 = 6.
fn millis_precision(typmod: i32) -> bool {
    (0..=3).contains(&typmod)
}

/// Convert one value from PostgreSQL's text output (session in UTC, DateStyle ISO).
pub fn convert(type_oid: u32, typmod: i32, text: &str, decimal: DecimalHandling) -> Value {
    let as_string = || Value::String(text.to_string());
    match type_oid {
        // "t" from the output function (pgoutput), "true" from a `::text` cast (snapshot).
        oid::BOOL => Value::Bool(text == "t" || text == "true"),
        oid::INT2 | oid::INT4 | oid::INT8 | oid::OID => text
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| as_string()),
        oid::FLOAT4 | oid::FLOAT8 => match text.parse::<f64>() {
            Ok(f) if f.is_finite() => json!(f),
            _ => as_string(),
        },
        oid::NUMERIC => match decimal {
            DecimalHandling::String => as_string(),
            DecimalHandling::Double => match text.parse::<f64>() {
                Ok(f) if f.is_finite() => json!(f),
                _ => as_string(),
            },
        },
        oid::BYTEA => match text.strip_prefix("\\x").and_then(hex_decode) {
            Some(bytes) => Value::String(base64(&bytes)),
            None => as_string(),
        },
        oid::DATE => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) => Value::from(
                d.signed_duration_since(chrono::NaiveDate::default())
                    .num_days(),
            ),
            Err(_) => as_string(),
        },
        oid::TIME => match chrono::NaiveTime::parse_from_str(text, "%H:%M:%S%.f") {
            Ok(t) => {
                let micros = t
                    .signed_duration_since(chrono::NaiveTime::MIN)
                    .num_microseconds()
                    .unwrap_or(0);
                Value::from(if millis_precision(typmod) {
                    micros / 1000
                } else {
                    micros
                })
            }
            Err(_) => as_string(),
        },
        oid::TIMESTAMP => match chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
        {
            Ok(t) => {
                let micros = t.and_utc().timestamp_micros();
                Value::from(if millis_precision(typmod) {
                    micros.div_euclid(1000)
                } else {
                    micros
                })
            }
            Err(_) => as_string(),
        },
        oid::TIMESTAMPTZ => match chrono::DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%#z")
        {
            Ok(t) => Value::String(zoned(t.with_timezone(&chrono::Utc))),
            Err(_) => as_string(),
        },
        _ => as_string(),
    }
}

/// ISO-8601 in UTC with the fraction trimmed, as Java's ISO_OFFSET_DATE_TIME prints it.
fn zoned(t: chrono::DateTime<chrono::Utc>) -> String {
    let base = t.format("%Y-%m-%dT%H:%M:%S").to_string();
    let nanos = t.timestamp_subsec_nanos();
    if nanos == 0 {
        format!("{base}Z")
    } else {
        let frac = format!("{nanos:09}");
        format!("{base}.{}Z", frac.trim_end_matches('0'))
    }
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

pub fn base64(data: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// A row as a JSON object. Unchanged TOAST values come from `old` when it has them.
pub fn row_object(
    t: &TableInfo,
    tuple: &[Datum],
    old: Option<&[Datum]>,
    decimal: DecimalHandling,
) -> Value {
    let mut m = Map::new();
    for (i, col) in t.relation.columns.iter().enumerate() {
        let v = match tuple.get(i).unwrap_or(&Datum::Null) {
            Datum::Null => Value::Null,
            Datum::Text(s) => convert(col.type_oid, col.type_modifier, s, decimal),
            Datum::UnchangedToast => match old.and_then(|o| o.get(i)) {
                Some(Datum::Text(s)) => convert(col.type_oid, col.type_modifier, s, decimal),
                _ => Value::String(UNAVAILABLE.into()),
            },
        };
        m.insert(col.name.clone(), v);
    }
    Value::Object(m)
}

/// The key object, or None when the table has no key columns.
pub fn key_object(t: &TableInfo, row: &Value) -> Option<Value> {
    let pos = t.key_positions();
    if pos.is_empty() {
        return None;
    }
    let mut m = Map::new();
    for i in pos {
        let name = &t.relation.columns[i].name;
        m.insert(name.clone(), row.get(name).cloned().unwrap_or(Value::Null));
    }
    Some(Value::Object(m))
}

fn source_block(o: &EnvelopeOptions, t: &TableInfo, p: &SourcePosition) -> Value {
    json!({
        "version": concat!("livedbctl-", env!("CARGO_PKG_VERSION")),
        "connector": "postgresql",
        "name": o.topic_prefix,
        "ts_ms": p.ts_ms,
        "snapshot": p.snapshot,
        "db": o.db,
        "sequence": p.lsn.map(|l| {
            serde_json::to_string(&[p.last_commit_lsn.map(|c| c.to_string()), Some(l.to_string())]).unwrap_or_default()
        }),
        "schema": t.relation.namespace,
        "table": t.relation.name,
        "txId": p.tx_id,
        "lsn": p.lsn,
        "xmin": Value::Null,
    })
}

/// A change event (`op` c/u/d/r/t) as a Kafka record.
#[allow(clippy::too_many_arguments)]
pub fn change_record(
    o: &EnvelopeOptions,
    t: &TableInfo,
    op: &str,
    key: Option<&Value>,
    before: Option<Value>,
    after: Option<Value>,
    p: &SourcePosition,
    now_ms: i64,
) -> Record {
    let value = json!({
        "before": before.unwrap_or(Value::Null),
        "after": after.unwrap_or(Value::Null),
        "source": source_block(o, t, p),
        "op": op,
        "ts_ms": now_ms,
        "transaction": Value::Null,
    });
    Record {
        topic: t.topic.clone(),
        key: key.map(|k| encode(o, key_schema(o, t), k.clone())),
        value: Some(encode(o, value_schema(o, t), value)),
        headers: Vec::new(),
    }
}

/// The tombstone that follows a delete: same key, null value (lets compaction drop the key).
pub fn tombstone(o: &EnvelopeOptions, t: &TableInfo, key: &Value) -> Record {
    Record {
        topic: t.topic.clone(),
        key: Some(encode(o, key_schema(o, t), key.clone())),
        value: None,
        headers: Vec::new(),
    }
}

fn encode(o: &EnvelopeOptions, schema: Value, payload: Value) -> Vec<u8> {
    let doc = if o.schemas_enable {
        json!({"schema": schema, "payload": payload})
    } else {
        payload
    };
    serde_json::to_vec(&doc).unwrap_or_default()
}

fn column_schema(o: &EnvelopeOptions, t: &TableInfo, i: usize) -> Value {
    let c = &t.relation.columns[i];
    let (ty, name) = match c.type_oid {
        oid::BOOL => ("boolean", None),
        oid::INT2 => ("int16", None),
        oid::INT4 => ("int32", None),
        oid::INT8 | oid::OID => ("int64", None),
        oid::FLOAT4 => ("float", None),
        oid::FLOAT8 => ("double", None),
        oid::BYTEA => ("bytes", None),
        oid::NUMERIC => match o.decimal {
            DecimalHandling::String => ("string", None),
            DecimalHandling::Double => ("double", None),
        },
        oid::DATE => ("int32", Some("io.debezium.time.Date")),
        oid::TIME if millis_precision(c.type_modifier) => ("int32", Some("io.debezium.time.Time")),
        oid::TIME => ("int64", Some("io.debezium.time.MicroTime")),
        oid::TIMESTAMP if millis_precision(c.type_modifier) => {
            ("int64", Some("io.debezium.time.Timestamp"))
        }
        oid::TIMESTAMP => ("int64", Some("io.debezium.time.MicroTimestamp")),
        oid::TIMESTAMPTZ => ("string", Some("io.debezium.time.ZonedTimestamp")),
        oid::JSON | oid::JSONB => ("string", Some("io.debezium.data.Json")),
        oid::UUID => ("string", Some("io.debezium.data.Uuid")),
        _ => ("string", None),
    };
    let mut s = json!({"type": ty, "optional": !t.not_null.contains(&c.name), "field": c.name});
    if let Some(n) = name {
        s["name"] = json!(n);
        s["version"] = json!(1);
    }
    s
}

fn key_schema(o: &EnvelopeOptions, t: &TableInfo) -> Value {
    if !o.schemas_enable {
        return Value::Null;
    }
    let fields: Vec<Value> = t
        .key_positions()
        .into_iter()
        .map(|i| column_schema(o, t, i))
        .collect();
    json!({"type": "struct", "fields": fields, "optional": false, "name": format!("{}.Key", t.topic)})
}

fn value_schema(o: &EnvelopeOptions, t: &TableInfo) -> Value {
    if !o.schemas_enable {
        return Value::Null;
    }
    let cols: Vec<Value> = (0..t.relation.columns.len())
        .map(|i| column_schema(o, t, i))
        .collect();
    let row = |field: &str| json!({"type": "struct", "fields": cols, "optional": true, "name": format!("{}.Value", t.topic), "field": field});
    let f = |ty: &str, optional: bool, field: &str| json!({"type": ty, "optional": optional, "field": field});
    let source = json!({
        "type": "struct",
        "fields": [
            f("string", false, "version"), f("string", false, "connector"), f("string", false, "name"),
            f("int64", false, "ts_ms"),
            {"type": "string", "optional": true, "name": "io.debezium.data.Enum", "version": 1,
             "parameters": {"allowed": "true,last,false,incremental"}, "default": "false", "field": "snapshot"},
            f("string", false, "db"), f("string", true, "sequence"), f("string", false, "schema"),
            f("string", false, "table"), f("int64", true, "txId"), f("int64", true, "lsn"), f("int64", true, "xmin"),
        ],
        "optional": false,
        "name": "io.debezium.connector.postgresql.Source",
        "field": "source",
    });
    let transaction = json!({
        "type": "struct",
        "fields": [f("string", false, "id"), f("int64", false, "total_order"), f("int64", false, "data_collection_order")],
        "optional": true, "name": "event.block", "version": 1, "field": "transaction",
    });
    json!({
        "type": "struct",
        "fields": [row("before"), row("after"), source, f("string", false, "op"), f("int64", true, "ts_ms"), transaction],
        "optional": false,
        "name": format!("{}.Envelope", t.topic),
        "version": 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cdc::pgoutput::Column;

    fn table() -> TableInfo {
        let col = |name: &str, type_oid, key| Column {
            key,
            name: name.into(),
            type_oid,
            type_modifier: -1,
        };
        TableInfo {
            relation: Relation {
                oid: 1,
                namespace: "public".into(),
                name: "t".into(),
                replica_identity: b'd',
                columns: vec![
                    col("id", oid::INT4, true),
                    col("body", 25, false),
                    col("amount", oid::NUMERIC, false),
                ],
            },
            key_names: vec!["id".into()],
            not_null: vec!["id".into()],
            topic: "db.public.t".into(),
        }
    }

    #[test]
    fn converts_types_like_debezium() {
        let s = DecimalHandling::String;
        assert_eq!(
            convert(oid::INT8, -1, "-9007199254740993", s),
            json!(-9007199254740993i64)
        );
        assert_eq!(convert(oid::BOOL, -1, "f", s), json!(false));
        assert_eq!(convert(oid::NUMERIC, -1, "1234.50", s), json!("1234.50"));
        assert_eq!(
            convert(oid::NUMERIC, -1, "1234.50", DecimalHandling::Double),
            json!(1234.5)
        );
        assert_eq!(convert(oid::FLOAT8, -1, "NaN", s), json!("NaN"));
        assert_eq!(convert(oid::DATE, -1, "1970-01-11", s), json!(10));
        assert_eq!(convert(oid::DATE, -1, "1969-12-31", s), json!(-1));
        assert_eq!(
            convert(oid::TIMESTAMP, -1, "1970-01-01 00:00:01.5", s),
            json!(1_500_000)
        );
        assert_eq!(
            convert(oid::TIMESTAMP, 3, "1970-01-01 00:00:01.5", s),
            json!(1_500)
        );
        assert_eq!(
            convert(oid::TIMESTAMPTZ, -1, "2024-01-15 10:20:30.5+00", s),
            json!("2024-01-15T10:20:30.5Z")
        );
        assert_eq!(
            convert(oid::TIMESTAMPTZ, -1, "2024-01-15 10:20:30+02", s),
            json!("2024-01-15T08:20:30Z")
        );
        assert_eq!(convert(oid::TIME, -1, "00:00:02.25", s), json!(2_250_000));
        assert_eq!(
            convert(oid::BYTEA, -1, "\\x68656c6c6f", s),
            json!("aGVsbG8=")
        );
        assert_eq!(
            convert(oid::JSONB, -1, "{\"a\": 1}", s),
            json!("{\"a\": 1}")
        );
        assert_eq!(convert(oid::DATE, -1, "infinity", s), json!("infinity"));
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b""), "");
    }

    #[test]
    fn envelope_key_and_toast() {
        let t = table();
        let o = EnvelopeOptions {
            topic_prefix: "db".into(),
            db: "d".into(),
            decimal: DecimalHandling::String,
            schemas_enable: false,
        };
        let old = vec![
            Datum::Text("1".into()),
            Datum::Text("long".into()),
            Datum::Null,
        ];
        let new = vec![
            Datum::Text("1".into()),
            Datum::UnchangedToast,
            Datum::Text("2.00".into()),
        ];
        let after = row_object(&t, &new, Some(&old), o.decimal);
        assert_eq!(after, json!({"id": 1, "body": "long", "amount": "2.00"}));
        let after2 = row_object(&t, &new, None, o.decimal);
        assert_eq!(after2["body"], json!(UNAVAILABLE));
        let key = key_object(&t, &after).unwrap();
        assert_eq!(key, json!({"id": 1}));
        let p = SourcePosition {
            ts_ms: 5,
            snapshot: "false",
            tx_id: Some(9),
            lsn: Some(100),
            last_commit_lsn: Some(90),
        };
        let r = change_record(&o, &t, "u", Some(&key), None, Some(after), &p, 7);
        let v: Value = serde_json::from_slice(r.value.as_ref().unwrap()).unwrap();
        assert_eq!(v["op"], "u");
        assert_eq!(v["before"], Value::Null);
        assert_eq!(v["source"]["sequence"], "[\"90\",\"100\"]");
        assert_eq!(v["source"]["table"], "t");
        assert_eq!(r.key.as_deref(), Some(&b"{\"id\":1}"[..]));
        let o2 = EnvelopeOptions {
            schemas_enable: true,
            ..o
        };
        let ts = tombstone(&o2, &t, &key);
        let k: Value = serde_json::from_slice(ts.key.as_ref().unwrap()).unwrap();
        assert_eq!(k["payload"], json!({"id": 1}));
        assert_eq!(k["schema"]["fields"][0]["type"], "int32");
        assert!(ts.value.is_none());
    }
}
