//! PostgreSQL's text output (as pgoutput and the simple query protocol send it, session
//! pinned to `TimeZone=UTC`, `DateStyle=ISO`, `IntervalStyle=postgres`,
//! `extra_float_digits=3`, `bytea_output=hex`, `lc_monetary=C`) turned into the JSON value
//! Debezium's PostgreSQL connector writes for the column's Connect type
//! ([`ColumnType`]): worked examples from Debezium's documentation and tests are the unit
//! tests below.

mod decimal;
mod text;
mod time;

use serde_json::{json, Map, Value};

use crate::cdc::json::base64;
use crate::cdc::types::ColumnType;
use crate::cdc::types::DecimalHandling;

pub use decimal::Decimal;
pub use text::java_hashmap_order;

/// Why a value could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    /// NaN or ±Infinity in a numeric column in `precise` mode: the Connect `Decimal` type
    /// cannot hold it (Debezium's task fails the same way).
    #[error("numeric value {0} cannot be written as a Decimal")]
    SpecialDecimal(String),
    /// Text in a form this converter does not read.
    #[error("cannot read {text:?} as {what}")]
    Unreadable { what: &'static str, text: String },
}

fn unreadable(what: &'static str, text: &str) -> ConvertError {
    ConvertError::Unreadable {
        what,
        text: text.to_string(),
    }
}

/// A float as Debezium writes it: a number, or NaN/±Infinity as strings (Jackson's
/// `WRITE_NAN_AS_STRINGS`).
fn float(text: &str) -> Result<Value, ConvertError> {
    match text {
        "NaN" => Ok(json!("NaN")),
        "Infinity" => Ok(json!("Infinity")),
        "-Infinity" => Ok(json!("-Infinity")),
        _ => text
            .parse::<f64>()
            .map(|f| json!(f))
            .map_err(|_| unreadable("a floating-point number", text)),
    }
}

fn integer(text: &str) -> Result<Value, ConvertError> {
    text.parse::<i64>()
        .map(Value::from)
        .map_err(|_| unreadable("an integer", text))
}

/// Convert one non-null value of type `t` from PostgreSQL's text output.
pub fn convert(t: &ColumnType, text: &str, mode: DecimalHandling) -> Result<Value, ConvertError> {
    Ok(match t {
        ColumnType::Int16 | ColumnType::Int32 | ColumnType::Int64 => integer(text)?,
        ColumnType::Float32 | ColumnType::Float64 => float(text)?,
        ColumnType::Decimal { scale, .. } => decimal::numeric(text, Some(*scale), mode)?,
        ColumnType::VariableDecimal => decimal::numeric(text, None, mode)?,
        ColumnType::Money => decimal::money(text, mode)?,
        ColumnType::Boolean | ColumnType::BitBool => {
            Value::Bool(matches!(text, "t" | "true" | "1"))
        }
        ColumnType::Bits(_) => Value::String(base64(&text::bits_le(text)?)),
        ColumnType::Bytes => {
            let bytes = text
                .strip_prefix("\\x")
                .and_then(text::hex_decode)
                .ok_or_else(|| unreadable("bytea in hex format", text))?;
            Value::String(base64(&bytes))
        }
        ColumnType::String | ColumnType::Named(_) | ColumnType::Enum(_) => json!(text),
        ColumnType::Hstore => json!(text::hstore_json(text)?),
        ColumnType::Date => json!(time::date_days(text)?),
        ColumnType::Time => json!(time::time_micros(text)? / 1000),
        ColumnType::MicroTime => json!(time::time_micros(text)?),
        ColumnType::ZonedTime => json!(time::zoned_time(text)?),
        ColumnType::Timestamp => json!(time::timestamp_millis(text)?),
        ColumnType::MicroTimestamp => json!(time::timestamp_micros(text)?),
        ColumnType::ZonedTimestamp(p) => json!(time::zoned_timestamp(text, *p)?),
        ColumnType::Interval => json!(time::interval_micros(text)?),
        ColumnType::Point => {
            let (x, y) = text::point(text)?;
            point(x, y)
        }
        ColumnType::Array { element, .. } => {
            let items = text::array_items(text)?;
            array(element, &items, mode)?
        }
    })
}

fn array(
    element: &ColumnType,
    items: &[text::ArrayItem],
    mode: DecimalHandling,
) -> Result<Value, ConvertError> {
    items
        .iter()
        .map(|item| match item {
            text::ArrayItem::Null => Ok(Value::Null),
            text::ArrayItem::Text(s) => convert(element, s, mode),
            text::ArrayItem::Nested(inner) => array(element, inner, mode),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

/// `io.debezium.data.geometry.Point`: x, y and the point as little-endian WKB.
fn point(x: f64, y: f64) -> Value {
    let mut wkb = Vec::with_capacity(21);
    wkb.push(1u8);
    wkb.extend_from_slice(&1u32.to_le_bytes());
    wkb.extend_from_slice(&x.to_le_bytes());
    wkb.extend_from_slice(&y.to_le_bytes());
    let mut m = Map::new();
    m.insert("x".into(), json!(x));
    m.insert("y".into(), json!(y));
    m.insert("wkb".into(), json!(base64(&wkb)));
    m.insert("srid".into(), Value::Null);
    Value::Object(m)
}

/// What Debezium writes for a NOT NULL column that came without a value (the non-key
/// columns of a delete's old-key tuple) when the column has no default.
pub fn fallback(t: &ColumnType, mode: DecimalHandling) -> Value {
    match t {
        ColumnType::Int16 | ColumnType::Int32 | ColumnType::Int64 => json!(0),
        ColumnType::Float32 | ColumnType::Float64 => json!(0.0),
        ColumnType::Decimal { scale, .. } => Decimal::zero(*scale).to_json(mode),
        ColumnType::VariableDecimal => Decimal::zero(0).to_json_variable(mode),
        ColumnType::Money => Decimal::zero(2).to_json(mode),
        ColumnType::Boolean | ColumnType::BitBool => json!(false),
        ColumnType::Bits(_) | ColumnType::Bytes => json!(""),
        ColumnType::String | ColumnType::Named(_) | ColumnType::Enum(_) => json!(""),
        ColumnType::Hstore => json!("{}"),
        ColumnType::Date
        | ColumnType::Time
        | ColumnType::MicroTime
        | ColumnType::Timestamp
        | ColumnType::MicroTimestamp
        | ColumnType::Interval => json!(0),
        ColumnType::ZonedTime => json!("00:00:00Z"),
        ColumnType::ZonedTimestamp(_) => json!("1970-01-01T00:00:00Z"),
        ColumnType::Point => point(0.0, 0.0),
        ColumnType::Array { .. } => json!([]),
    }
}

/// The column default Debezium puts in the field's schema (`"default"`), parsed from the
/// default expression as its `PostgresDefaultValueConverter` does: a literal
/// (`'new'::text`, `42`, `true`) is converted like a value; an expression that calls a
/// function (`nextval(...)`, `now()`, `CURRENT_TIMESTAMP`) gives the type's placeholder
/// (0, "", 1970-01-01, ...). Types without a default parser (bytea, money, inet, arrays,
/// ...) and expressions it cannot read get none. `type_name` is the name Debezium's
/// parser knows the type by ([`crate::cdc::types::TypeCatalog::type_name`]).
pub fn default_value(
    t: &ColumnType,
    type_name: &str,
    expr: &str,
    mode: DecimalHandling,
) -> Option<Value> {
    let trimmed = expr.trim();
    let placeholder = match type_name {
        "bit" => "00",
        "varbit" => "0",
        "bool" => "false",
        "bpchar" | "varchar" | "text" | "xml" => "",
        "numeric" | "float4" | "float8" => "0.0",
        "int2" | "int4" | "int8" => "0",
        "json" | "jsonb" => "{}",
        "uuid" => "00000000-0000-0000-0000-000000000000",
        "date" | "timestamp" | "timestamptz" => "1970-01-01",
        "time" => "00:00",
        "interval" => "epoch",
        _ if matches!(t, ColumnType::Enum(_)) => {
            // An enum default is `'label'::type`; a function yields nothing.
            let v = text::literal_default(trimmed)?;
            return Some(json!(v));
        }
        _ => return None,
    };
    let literal: String = if text::is_generated_default(trimmed) {
        placeholder.to_string()
    } else if trimmed.starts_with("NULL::") || trimmed == "NULL" {
        return None;
    } else {
        text::literal_default(trimmed)?
    };
    // The literal text is read the way the type's JDBC parser reads it, then converted.
    match (type_name, t) {
        ("bit", ColumnType::BitBool) | ("varbit", ColumnType::BitBool) => {
            Some(json!(literal == "1"))
        }
        ("bool", _) => Some(json!(literal.eq_ignore_ascii_case("true"))),
        ("date", _) => time::date_days(&literal).ok().map(|d| json!(d)),
        ("timestamp", ColumnType::Timestamp) => {
            time::timestamp_millis(&literal).ok().map(|v| json!(v))
        }
        ("timestamp", _) => time::timestamp_micros(&literal).ok().map(|v| json!(v)),
        ("timestamptz", ColumnType::ZonedTimestamp(p)) => {
            time::zoned_timestamp_lenient(&literal, *p)
                .ok()
                .map(|v| json!(v))
        }
        ("time", _) => {
            let micros = time::time_micros(&literal).ok()?;
            Some(json!(if *t == ColumnType::Time {
                micros / 1000
            } else {
                micros
            }))
        }
        ("interval", _) if literal == "epoch" => Some(json!(0)),
        ("numeric", ColumnType::Decimal { scale, .. }) => Decimal::parse(&literal)
            .ok()
            .map(|d| d.rescaled(*scale).to_json(mode)),
        ("numeric", ColumnType::VariableDecimal) => Decimal::parse(&literal)
            .ok()
            .map(|d| d.to_json_variable(mode)),
        _ => convert(t, &literal, mode).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cdc::types::Named;

    const P: DecimalHandling = DecimalHandling::Precise;

    fn c(t: ColumnType, text: &str) -> Value {
        convert(&t, text, P).unwrap()
    }

    #[test]
    fn debezium_documented_values() {
        // debezium-pg-types.md §4: the dbz_types row, as PostgreSQL 15 prints each value.
        assert_eq!(c(ColumnType::Int16, "1"), json!(1));
        assert_eq!(c(ColumnType::Int64, "4000000000"), json!(4000000000u64));
        assert_eq!(c(ColumnType::Float32, "3.3"), json!(3.3));
        assert_eq!(c(ColumnType::Float32, "NaN"), json!("NaN"));
        assert_eq!(c(ColumnType::Float64, "Infinity"), json!("Infinity"));
        assert_eq!(
            c(
                ColumnType::Decimal {
                    precision: 3,
                    scale: 2
                },
                "1.10"
            ),
            json!("bg==")
        );
        assert_eq!(
            c(
                ColumnType::Decimal {
                    precision: 4,
                    scale: 0
                },
                "10"
            ),
            json!("Cg==")
        );
        assert_eq!(
            c(ColumnType::VariableDecimal, "10.1111"),
            json!({"scale": 4, "value": "AYr3"})
        );
        assert_eq!(
            c(
                ColumnType::Decimal {
                    precision: 6,
                    scale: 4
                },
                "22.2200"
            ),
            json!("A2P4")
        );
        assert_eq!(
            c(ColumnType::VariableDecimal, "22.2222"),
            json!({"scale": 4, "value": "A2QO"})
        );
        assert_eq!(c(ColumnType::Money, "$1,234.11"), json!("AeIT"));
        assert_eq!(c(ColumnType::Money, "-$1,234.11"), json!("/h3t"));
        assert_eq!(c(ColumnType::BitBool, "0"), json!(false));
        assert_eq!(c(ColumnType::Bits(2), "11"), json!("Aw=="));
        assert_eq!(c(ColumnType::Bits(7), "1000000"), json!("QA=="));
        assert_eq!(c(ColumnType::Bits(2), "00"), json!(""));
        assert_eq!(
            c(ColumnType::Bits(24), "000000110000001000000001"),
            json!("AQID")
        );
        assert_eq!(c(ColumnType::Bits(2147483647), "101"), json!("BQ=="));
        assert_eq!(
            c(
                ColumnType::Bits(2147483647),
                "111011010001000110000001000000001"
            ),
            json!("AQIj2gE=")
        );
        assert_eq!(
            c(ColumnType::Bits(64), &format!("1{}", "0".repeat(63))),
            json!("AAAAAAAAAIA=")
        );
        assert_eq!(c(ColumnType::Bytes, "\\x010203"), json!("AQID"));
        assert_eq!(
            c(ColumnType::Named(Named::Json), "{\"bar\": \"baz\"}"),
            json!("{\"bar\": \"baz\"}")
        );
        assert_eq!(c(ColumnType::Date, "2016-11-04"), json!(17109));
        assert_eq!(c(ColumnType::MicroTime, "13:51:30"), json!(49890000000i64));
        assert_eq!(c(ColumnType::Time, "13:51:30.123"), json!(49890123));
        assert_eq!(
            c(ColumnType::ZonedTime, "11:51:30.123789+00"),
            json!("11:51:30.123789Z")
        );
        assert_eq!(
            c(ColumnType::ZonedTime, "13:51:30.123+02"),
            json!("11:51:30.123Z")
        );
        assert_eq!(
            c(ColumnType::MicroTimestamp, "2016-11-04 13:51:30.123456"),
            json!(1478267490123456i64)
        );
        assert_eq!(
            c(ColumnType::Timestamp, "2016-11-04 13:51:30.123"),
            json!(1478267490123i64)
        );
        assert_eq!(
            c(
                ColumnType::ZonedTimestamp(6),
                "2016-11-04 11:51:30.123456+00"
            ),
            json!("2016-11-04T11:51:30.123456Z")
        );
        assert_eq!(
            c(ColumnType::ZonedTimestamp(3), "2016-11-04 11:51:30.1+00"),
            json!("2016-11-04T11:51:30.100Z")
        );
        assert_eq!(
            c(ColumnType::Interval, "1 year 2 mons 3 days 04:05:06.78"),
            json!(37091106780000i64)
        );
        assert_eq!(
            c(ColumnType::Hstore, "\"key1\"=>\"val1\", \"key2\"=>NULL"),
            json!("{\"key1\":\"val1\",\"key2\":null}")
        );
        assert_eq!(
            c(ColumnType::Point, "(1,1)"),
            json!({"x": 1.0, "y": 1.0, "wkb": "AQEAAAAAAAAAAADwPwAAAAAAAPA/", "srid": null})
        );
        let arr = |e: ColumnType| ColumnType::Array {
            element: Box::new(e),
            element_optional: true,
        };
        assert_eq!(c(arr(ColumnType::Int32), "{1,2,3}"), json!([1, 2, 3]));
        assert_eq!(
            c(
                arr(ColumnType::Decimal {
                    precision: 10,
                    scale: 2
                }),
                "{1.20,3.40,5.60}"
            ),
            json!(["eA==", "AVQ=", "AjA="])
        );
        assert_eq!(
            c(arr(ColumnType::VariableDecimal), "{1.1,2.22,3.333}"),
            json!([{"scale": 1, "value": "Cw=="}, {"scale": 2, "value": "AN4="}, {"scale": 3, "value": "DQU="}])
        );
        assert_eq!(
            c(arr(ColumnType::String), "{\"a b\",NULL}"),
            json!(["a b", null])
        );
        assert_eq!(
            c(arr(ColumnType::Date), "{2016-11-04,2016-11-05,2016-11-06}"),
            json!([17109, 17110, 17111])
        );
        assert_eq!(
            c(arr(ColumnType::String), "{\"[1,6)\",\"[1,4)\"}"),
            json!(["[1,6)", "[1,4)"])
        );
        assert_eq!(
            c(arr(ColumnType::Bytes), "{\"\\\\x000102\",\"\\\\x030405\"}"),
            json!(["AAEC", "AwQF"])
        );
        assert_eq!(
            c(
                arr(ColumnType::Named(Named::Json)),
                "{\"{\\\"bar\\\": \\\"baz\\\"}\",\"{\\\"foo\\\": \\\"qux\\\"}\"}"
            ),
            json!(["{\"bar\": \"baz\"}", "{\"foo\": \"qux\"}"])
        );
    }

    #[test]
    fn decimal_modes() {
        let d = ColumnType::Decimal {
            precision: 3,
            scale: 2,
        };
        assert_eq!(
            convert(&d, "1.10", DecimalHandling::String).unwrap(),
            json!("1.10")
        );
        assert_eq!(
            convert(&d, "1.10", DecimalHandling::Double).unwrap(),
            json!(1.1)
        );
        let v = ColumnType::VariableDecimal;
        assert_eq!(
            convert(&v, "NaN", DecimalHandling::String).unwrap(),
            json!("NAN")
        );
        assert_eq!(
            convert(&v, "Infinity", DecimalHandling::String).unwrap(),
            json!("POSITIVE_INFINITY")
        );
        assert_eq!(
            convert(&v, "-Infinity", DecimalHandling::String).unwrap(),
            json!("NEGATIVE_INFINITY")
        );
        assert_eq!(
            convert(&v, "NaN", DecimalHandling::Double).unwrap(),
            json!("NaN")
        );
        assert!(matches!(
            convert(&v, "NaN", P),
            Err(ConvertError::SpecialDecimal(_))
        ));
        assert_eq!(
            convert(&ColumnType::Money, "$1,234.11", DecimalHandling::String).unwrap(),
            json!("1234.11")
        );
        assert_eq!(
            convert(&ColumnType::Money, "-$1,234.11", DecimalHandling::Double).unwrap(),
            json!(-1234.11)
        );
        assert_eq!(fallback(&ColumnType::Money, P), json!("AA=="));
        assert_eq!(
            fallback(&ColumnType::Money, DecimalHandling::String),
            json!("0.00")
        );
        assert_eq!(
            fallback(&ColumnType::Money, DecimalHandling::Double),
            json!(0.0)
        );
    }

    #[test]
    fn defaults_as_debezium_parses_them() {
        let d = |t: ColumnType, name: &str, expr: &str| default_value(&t, name, expr, P);
        assert_eq!(
            d(ColumnType::Int32, "int4", "nextval('t_id_seq'::regclass)"),
            Some(json!(0))
        );
        assert_eq!(d(ColumnType::Int32, "int4", "42"), Some(json!(42)));
        assert_eq!(
            d(ColumnType::Int64, "int8", "'9223372036854775807'::bigint"),
            Some(json!(9223372036854775807i64))
        );
        assert_eq!(
            d(ColumnType::String, "text", "'new'::text"),
            Some(json!("new"))
        );
        assert_eq!(
            d(ColumnType::String, "varchar", "NULL::character varying"),
            None
        );
        assert_eq!(d(ColumnType::Boolean, "bool", "true"), Some(json!(true)));
        assert_eq!(
            d(
                ColumnType::Decimal {
                    precision: 6,
                    scale: 2
                },
                "numeric",
                "12.5"
            ),
            Some(json!("BOI="))
        );
        assert_eq!(
            d(ColumnType::MicroTimestamp, "timestamp", "now()"),
            Some(json!(0))
        );
        assert_eq!(
            d(
                ColumnType::ZonedTimestamp(6),
                "timestamptz",
                "CURRENT_TIMESTAMP"
            ),
            Some(json!("1970-01-01T00:00:00.000000Z"))
        );
        assert_eq!(
            d(ColumnType::Date, "date", "'2020-01-02'::date"),
            Some(json!(18263))
        );
        assert_eq!(
            d(ColumnType::Named(Named::Json), "jsonb", "'{}'::jsonb"),
            Some(json!("{}"))
        );
        assert_eq!(
            d(ColumnType::Named(Named::Uuid), "uuid", "gen_random_uuid()"),
            Some(json!("00000000-0000-0000-0000-000000000000"))
        );
        assert_eq!(d(ColumnType::Bytes, "bytea", "'\\x00'::bytea"), None);
        assert_eq!(
            d(
                ColumnType::Enum("V1,V2".into()),
                "test_type",
                "'V2'::test_type"
            ),
            Some(json!("V2"))
        );
        assert_eq!(
            d(ColumnType::Interval, "interval", "'1 day'::interval"),
            Some(json!(86400000000i64))
        );
    }
}
