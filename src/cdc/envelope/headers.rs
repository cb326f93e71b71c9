//! The headers of a data-change record: the old and new key (`__debezium.oldkey`/`newkey`)
//! and the `__debezium.context.*` headers.

use serde_json::Value;

use super::{DecimalHandling, EnvelopeOptions, TableInfo};
use crate::cdc::json;
use crate::cdc::pgoutput::Datum;
use crate::cdc::types::ColumnType;

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
