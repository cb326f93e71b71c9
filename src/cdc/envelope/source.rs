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
pub(super) fn write_source(out: &mut Vec<u8>, t: &TableInfo, p: &SourcePosition) {
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

pub(super) fn tx_block_value(tx: Option<&TxBlock>) -> Value {
    match tx {
        Some(b) => {
            json!({"id": b.id, "total_order": b.total_order, "data_collection_order": b.data_collection_order})
        }
        None => Value::Null,
    }
}
