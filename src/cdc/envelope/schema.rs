//! The Connect schemas of records: a table's key and value envelope, the `source` and
//! `transaction` structs.

use serde_json::{json, Value};

use super::{ColumnInfo, EnvelopeOptions, TableInfo};

fn field_schema(c: &ColumnInfo, o: &EnvelopeOptions, force_required: bool) -> Value {
    let mut s = c.ty.schema(c.optional && !force_required, o.decimal);
    if let Some(d) = &c.default {
        s.insert("default".into(), d.clone());
    }
    s.insert("field".into(), json!(c.name));
    Value::Object(s)
}

pub(super) fn key_schema(o: &EnvelopeOptions, t: &TableInfo) -> Value {
    let fields: Vec<Value> = t
        .key
        .iter()
        .map(|&i| field_schema(&t.columns[i], o, true))
        .collect();
    json!({"type": "struct", "fields": fields, "optional": false, "name": format!("{}.Key", t.topic)})
}

pub(super) fn f(ty: &str, optional: bool, field: &str) -> Value {
    json!({"type": ty, "optional": optional, "field": field})
}

/// The `source` struct of Debezium 3.6's PostgreSQL connector.
pub(super) fn source_schema() -> Value {
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

pub(super) fn transaction_block_schema() -> Value {
    json!({
        "type": "struct",
        "fields": [f("string", false, "id"), f("int64", false, "total_order"), f("int64", false, "data_collection_order")],
        "optional": true, "name": "event.block", "version": 1, "field": "transaction",
    })
}

pub(super) fn value_schema(o: &EnvelopeOptions, t: &TableInfo) -> Value {
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
