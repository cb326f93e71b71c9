//! Records as people and scripts read them: payloads as JSON, text or base64, and
//! Debezium change events recognised (operation, table, key, changed columns).

use base64::Engine as _;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// A record copied out of the consumer.
#[derive(Debug, Clone)]
pub struct Record {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    /// Milliseconds since the epoch, when the record carries one.
    pub timestamp: Option<i64>,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Option<Vec<u8>>)>,
}

/// How a payload is shown: JSON objects and arrays stay JSON, other UTF-8 stays text,
/// anything else is base64. (Scalars such as `7` or `true` stay text so a key "7" is not
/// silently turned into a number.)
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Null,
    Json(Value),
    Text(String),
    Binary(Vec<u8>),
}

impl Payload {
    pub fn from_bytes(b: Option<&[u8]>) -> Payload {
        let Some(b) = b else { return Payload::Null };
        let first = b.iter().find(|c| !c.is_ascii_whitespace());
        if matches!(first, Some(b'{') | Some(b'[')) {
            if let Ok(v) = serde_json::from_slice::<Value>(b) {
                return Payload::Json(v);
            }
        }
        match std::str::from_utf8(b) {
            Ok(s) => Payload::Text(s.to_string()),
            Err(_) => Payload::Binary(b.to_vec()),
        }
    }

    /// `json`, `text`, `base64`, or None for a null payload.
    pub fn encoding(&self) -> Option<&'static str> {
        match self {
            Payload::Null => None,
            Payload::Json(_) => Some("json"),
            Payload::Text(_) => Some("text"),
            Payload::Binary(_) => Some("base64"),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Payload::Null => Value::Null,
            Payload::Json(v) => v.clone(),
            Payload::Text(s) => Value::String(s.clone()),
            Payload::Binary(b) => {
                Value::String(base64::engine::general_purpose::STANDARD.encode(b))
            }
        }
    }

    /// One-line text: compact JSON, the text itself, or `base64:...`.
    pub fn display(&self) -> String {
        match self {
            Payload::Null => "null".into(),
            Payload::Json(v) => v.to_string(),
            Payload::Text(s) => s.clone(),
            Payload::Binary(b) => format!(
                "base64:{}",
                base64::engine::general_purpose::STANDARD.encode(b)
            ),
        }
    }

    /// Text a pattern is matched against (lossy for binary payloads).
    pub fn haystack<'a>(raw: Option<&'a [u8]>) -> std::borrow::Cow<'a, str> {
        raw.map(String::from_utf8_lossy).unwrap_or_default()
    }
}

/// A Debezium change event in plain terms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// `insert`, `update`, `delete`, `read` (snapshot) or `truncate`.
    pub op: &'static str,
    /// `schema.table` from `source`, when present.
    pub table: Option<String>,
    /// The record key with any `{schema, payload}` wrapper removed.
    pub key: Value,
    /// Columns that changed: all columns of an insert, read or delete; on an update, those
    /// whose value differs (every column of `after` when `before` is unknown).
    pub columns: Vec<ColumnChange>,
    /// Whether `before` was present (updates without REPLICA IDENTITY FULL have none).
    pub before_known: bool,
    /// Commit time at the source (`source.ts_ms`), else the envelope's `ts_ms`.
    pub ts_ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnChange {
    pub name: String,
    pub before: Value,
    pub after: Value,
}

fn unwrap_schema(v: &Value) -> &Value {
    match v {
        Value::Object(m)
            if m.contains_key("schema") && m.contains_key("payload") && m.len() == 2 =>
        {
            &m["payload"]
        }
        _ => v,
    }
}

/// Recognise a Debezium envelope (`before`/`after`/`op`/`source`, optionally wrapped in
/// `{schema, payload}` by the JSON converter).
pub fn debezium_change(key: &Payload, value: &Payload) -> Option<Change> {
    let Payload::Json(v) = value else { return None };
    let env = unwrap_schema(v).as_object()?;
    let op = match env.get("op")?.as_str()? {
        "c" => "insert",
        "u" => "update",
        "d" => "delete",
        "r" => "read",
        "t" => "truncate",
        _ => return None,
    };
    if !(env.contains_key("before") || env.contains_key("after")) || !env.get("source")?.is_object()
    {
        return None;
    }
    let source = &env["source"];
    let table = match (
        source.get("schema").and_then(Value::as_str),
        source.get("table").and_then(Value::as_str),
    ) {
        (Some(s), Some(t)) => Some(format!("{s}.{t}")),
        (None, Some(t)) => Some(t.to_string()),
        _ => None,
    };
    let empty = Map::new();
    let before = env.get("before").and_then(Value::as_object);
    let after = env.get("after").and_then(Value::as_object);
    let mut columns = Vec::new();
    match (before, after) {
        (Some(b), Some(a)) => {
            for (name, av) in a {
                let bv = b.get(name).cloned().unwrap_or(Value::Null);
                if &bv != av {
                    columns.push(ColumnChange {
                        name: name.clone(),
                        before: bv,
                        after: av.clone(),
                    });
                }
            }
            for (name, bv) in b.iter().filter(|(n, _)| !a.contains_key(*n)) {
                columns.push(ColumnChange {
                    name: name.clone(),
                    before: bv.clone(),
                    after: Value::Null,
                });
            }
        }
        (None, Some(a)) => columns.extend(a.iter().map(|(n, v)| ColumnChange {
            name: n.clone(),
            before: Value::Null,
            after: v.clone(),
        })),
        (Some(b), None) => columns.extend(b.iter().map(|(n, v)| ColumnChange {
            name: n.clone(),
            before: v.clone(),
            after: Value::Null,
        })),
        (None, None) => {
            let _ = &empty;
        }
    }
    Some(Change {
        op,
        table,
        key: match key {
            Payload::Json(k) => unwrap_schema(k).clone(),
            other => other.to_json(),
        },
        columns,
        before_known: before.is_some(),
        ts_ms: source
            .get("ts_ms")
            .and_then(Value::as_i64)
            .or_else(|| env.get("ts_ms").and_then(Value::as_i64)),
    })
}

/// A record decoded for display.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    pub record: &'a Record,
    pub key: Payload,
    pub value: Payload,
    pub change: Option<Change>,
}

impl<'a> Decoded<'a> {
    pub fn new(record: &'a Record) -> Self {
        let key = Payload::from_bytes(record.key.as_deref());
        let value = Payload::from_bytes(record.value.as_deref());
        let change = debezium_change(&key, &value);
        Decoded {
            record,
            key,
            value,
            change,
        }
    }

    /// The JSON line: `{topic, partition, offset, timestamp, key, key_encoding, value,
    /// value_encoding, headers: [{key, value, value_encoding}], change?}`.
    pub fn to_json(&self) -> Value {
        let r = self.record;
        let headers: Vec<Value> = r
            .headers
            .iter()
            .map(|(k, v)| {
                let p = match v {
                    None => Payload::Null,
                    Some(b) => match std::str::from_utf8(b) {
                        Ok(s) => Payload::Text(s.to_string()),
                        Err(_) => Payload::Binary(b.clone()),
                    },
                };
                json!({"key": k, "value": p.to_json(), "value_encoding": p.encoding()})
            })
            .collect();
        let mut m = Map::new();
        m.insert("topic".into(), json!(r.topic));
        m.insert("partition".into(), json!(r.partition));
        m.insert("offset".into(), json!(r.offset));
        m.insert("timestamp".into(), json!(r.timestamp));
        m.insert("key".into(), self.key.to_json());
        m.insert("key_encoding".into(), json!(self.key.encoding()));
        m.insert("value".into(), self.value.to_json());
        m.insert("value_encoding".into(), json!(self.value.encoding()));
        m.insert("headers".into(), Value::Array(headers));
        if let Some(c) = &self.change {
            m.insert(
                "change".into(),
                serde_json::to_value(c).unwrap_or(Value::Null),
            );
        }
        Value::Object(m)
    }
}

/// Milliseconds since the epoch as `2024-05-01T10:00:00.123Z`.
pub fn format_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| ms.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_keep_json_as_json_and_binary_as_base64() {
        assert_eq!(
            Payload::from_bytes(Some(br#"{"a":1}"#)),
            Payload::Json(json!({"a":1}))
        );
        assert_eq!(Payload::from_bytes(Some(b"7")), Payload::Text("7".into()));
        assert_eq!(
            Payload::from_bytes(Some(b"{not json")),
            Payload::Text("{not json".into())
        );
        let bin = Payload::from_bytes(Some(&[0xff, 0x00, 0x80]));
        assert_eq!(bin.encoding(), Some("base64"));
        assert_eq!(bin.to_json(), json!("/wCA"));
        assert_eq!(Payload::from_bytes(None).encoding(), None);
    }

    #[test]
    fn debezium_updates_show_changed_columns() {
        let key = Payload::Json(json!({"schema": {}, "payload": {"id": 7}}));
        let value = Payload::Json(json!({
            "before": {"id": 7, "name": "a", "qty": 1},
            "after": {"id": 7, "name": "b", "qty": 1},
            "source": {"schema": "public", "table": "livedb", "ts_ms": 5},
            "op": "u", "ts_ms": 9
        }));
        let c = debezium_change(&key, &value).unwrap();
        assert_eq!(c.op, "update");
        assert_eq!(c.table.as_deref(), Some("public.livedb"));
        assert_eq!(c.key, json!({"id": 7}));
        assert_eq!(
            c.columns,
            vec![ColumnChange {
                name: "name".into(),
                before: json!("a"),
                after: json!("b")
            }]
        );
        assert_eq!(c.ts_ms, Some(5));
        // Not an envelope: no `source`.
        assert!(debezium_change(&key, &Payload::Json(json!({"op": "u", "after": {}}))).is_none());
    }
}
