//! The records beside the data changes: transaction metadata (`<prefix>.transaction`),
//! logical decoding messages (`<prefix>.message`) and heartbeats
//! (`__debezium-heartbeat.<prefix>`).

use serde_json::{json, Map, Value};

use super::schema::{f, source_schema, transaction_block_schema};
use super::source::{source_block_for, tx_block_value};
use super::{base64, encode, now_stamps, EnvelopeOptions, Record, SourcePosition, TxBlock};
use crate::cdc::{convert, json};

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
