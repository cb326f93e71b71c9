//! The `source` and `transaction` blocks of an event's value.

use serde_json::{json, Map, Value};

use super::{EnvelopeOptions, SourcePosition, TableInfo, TxBlock, VERSION};
use crate::cdc::json;

pub(super) fn source_block_for(
    o: &EnvelopeOptions,
    schema: &str,
    table: &str,
    p: &SourcePosition,
) -> Value {
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

fn write_opt(out: &mut Vec<u8>, v: Option<impl itoa::Integer>) {
    match v {
        Some(v) => write_int(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

/// An integer's digits, without core::fmt (a dozen per event: its formatting machinery was
/// a tenth of the engine's CPU).
pub(super) fn write_int(out: &mut Vec<u8>, v: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// `"source"`'s value written straight into `out` (one per event: the hot path), the same
/// JSON [`source_block_for`] gives.
pub(super) fn write_source(out: &mut Vec<u8>, t: &TableInfo, p: &SourcePosition) {
    out.extend_from_slice(t.source_head.as_bytes());
    out.extend_from_slice(b"\"ts_ms\":");
    write_int(out, p.ts_us.div_euclid(1000));
    out.extend_from_slice(b",\"snapshot\":\"");
    out.extend_from_slice(p.snapshot.as_bytes());
    out.extend_from_slice(b"\",\"db\":");
    out.extend_from_slice(t.db_json.as_bytes());
    out.extend_from_slice(b",\"sequence\":\"[");
    for (i, lsn) in [p.last_commit_lsn, p.lsn].into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match lsn {
            Some(l) => {
                out.extend_from_slice(b"\\\"");
                write_int(out, l);
                out.extend_from_slice(b"\\\"");
            }
            None => out.extend_from_slice(b"null"),
        }
    }
    out.extend_from_slice(b"]\",\"ts_us\":");
    write_int(out, p.ts_us);
    out.extend_from_slice(b",\"ts_ns\":");
    write_int(out, p.ts_us.saturating_mul(1000));
    out.push(b',');
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
            out.extend_from_slice(b",\"origin_lsn\":");
            write_int(out, *lsn);
            out.push(b'}');
        }
        None => out.extend_from_slice(b"\"origin\":null,\"origin_lsn\":null}"),
    }
}

pub(super) fn tx_block_value(tx: Option<&TxBlock>) -> Value {
    match tx {
        Some(b) => {
            json!({"id": b.id, "total_order": b.total_order, "data_collection_order": b.data_collection_order})
        }
        None => Value::Null,
    }
}
