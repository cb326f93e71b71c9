//! Data-change records: a change event (`op` c/u/d/r/t) and the tombstone after a delete.

use serde_json::Value;

use super::headers::context_headers;
use super::source::{tx_block_value, write_int, write_source};
use super::{encode, now_stamps, EnvelopeOptions, Record, SourcePosition, TableInfo, TxBlock};
use crate::cdc::json;

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
    out.extend_from_slice(b",\"op\":\"");
    out.extend_from_slice(op.as_bytes());
    out.extend_from_slice(b"\",\"ts_ms\":");
    write_int(&mut out, ts_ms);
    out.extend_from_slice(b",\"ts_us\":");
    write_int(&mut out, ts_us);
    out.extend_from_slice(b",\"ts_ns\":");
    write_int(&mut out, ts_ns);
    out.push(b'}');
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
