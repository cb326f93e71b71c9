//! A row as events carry it: the `before`/`after` objects (defaults, fallbacks, unchanged
//! TOAST values) and the key object.

use serde_json::{json, Map, Value};

use super::{base64, ColumnInfo, DecimalHandling, TableInfo, UNAVAILABLE};
use crate::cdc::convert::{self, ConvertError};
use crate::cdc::pgoutput::Datum;
use crate::cdc::types::ColumnType;

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
