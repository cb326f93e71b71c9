//! The Connect schema of a column type, as Kafka Connect's JSON converter writes it.

use serde_json::{json, Map, Value};

use super::{ColumnType, DecimalHandling, Named};

impl Named {
    fn schema_name(self) -> &'static str {
        match self {
            Named::Json => "io.debezium.data.Json",
            Named::Xml => "io.debezium.data.Xml",
            Named::Uuid => "io.debezium.data.Uuid",
            Named::Tsvector => "io.debezium.data.Tsvector",
            Named::Ltree => "io.debezium.data.Ltree",
        }
    }
}

impl ColumnType {
    /// The Connect schema of this type as the JSON converter writes it (keys in Jackson's
    /// order: type, items/fields, optional, name, version, doc, parameters), without
    /// `default` and `field`.
    pub fn schema(&self, optional: bool, decimal: DecimalHandling) -> Map<String, Value> {
        let mut m = Map::new();
        let simple = |ty: &str, m: &mut Map<String, Value>| {
            m.insert("type".into(), json!(ty));
            m.insert("optional".into(), json!(optional));
        };
        let named = |ty: &str, name: &str, m: &mut Map<String, Value>| {
            m.insert("type".into(), json!(ty));
            m.insert("optional".into(), json!(optional));
            m.insert("name".into(), json!(name));
            m.insert("version".into(), json!(1));
        };
        let decimal_schema = |scale: u32, precision: Option<u32>, m: &mut Map<String, Value>| {
            named("bytes", "org.apache.kafka.connect.data.Decimal", m);
            let mut p = Map::new();
            p.insert("scale".into(), json!(scale.to_string()));
            if let Some(precision) = precision {
                p.insert(
                    "connect.decimal.precision".into(),
                    json!(precision.to_string()),
                );
            }
            m.insert("parameters".into(), Value::Object(p));
        };
        match self {
            ColumnType::Int16 => simple("int16", &mut m),
            ColumnType::Int32 => simple("int32", &mut m),
            ColumnType::Int64 => simple("int64", &mut m),
            ColumnType::Float32 => simple("float", &mut m),
            ColumnType::Float64 => simple("double", &mut m),
            ColumnType::Decimal { .. } | ColumnType::VariableDecimal | ColumnType::Money
                if decimal == DecimalHandling::String =>
            {
                simple("string", &mut m)
            }
            ColumnType::Decimal { .. } | ColumnType::VariableDecimal | ColumnType::Money
                if decimal == DecimalHandling::Double =>
            {
                simple("double", &mut m)
            }
            ColumnType::Decimal { precision, scale } => {
                decimal_schema(*scale, Some(*precision), &mut m)
            }
            ColumnType::Money => decimal_schema(2, None, &mut m),
            ColumnType::VariableDecimal => {
                m.insert("type".into(), json!("struct"));
                m.insert(
                    "fields".into(),
                    json!([
                        {"type": "int32", "optional": false, "field": "scale"},
                        {"type": "bytes", "optional": false, "field": "value"},
                    ]),
                );
                m.insert("optional".into(), json!(optional));
                m.insert(
                    "name".into(),
                    json!("io.debezium.data.VariableScaleDecimal"),
                );
                m.insert("version".into(), json!(1));
                m.insert("doc".into(), json!("Variable scaled decimal"));
            }
            ColumnType::Boolean | ColumnType::BitBool => simple("boolean", &mut m),
            ColumnType::Bits(length) => {
                named("bytes", "io.debezium.data.Bits", &mut m);
                m.insert("parameters".into(), json!({"length": length.to_string()}));
            }
            ColumnType::Bytes => simple("bytes", &mut m),
            ColumnType::String => simple("string", &mut m),
            ColumnType::Named(n) => named("string", n.schema_name(), &mut m),
            ColumnType::Hstore => named("string", Named::Json.schema_name(), &mut m),
            ColumnType::Enum(allowed) => {
                named("string", "io.debezium.data.Enum", &mut m);
                m.insert("parameters".into(), json!({ "allowed": allowed }));
            }
            ColumnType::Date => named("int32", "io.debezium.time.Date", &mut m),
            ColumnType::Time => named("int32", "io.debezium.time.Time", &mut m),
            ColumnType::MicroTime => named("int64", "io.debezium.time.MicroTime", &mut m),
            ColumnType::ZonedTime => named("string", "io.debezium.time.ZonedTime", &mut m),
            ColumnType::Timestamp => named("int64", "io.debezium.time.Timestamp", &mut m),
            ColumnType::MicroTimestamp => named("int64", "io.debezium.time.MicroTimestamp", &mut m),
            ColumnType::ZonedTimestamp(_) => {
                named("string", "io.debezium.time.ZonedTimestamp", &mut m)
            }
            ColumnType::Interval => named("int64", "io.debezium.time.MicroDuration", &mut m),
            ColumnType::Point => {
                m.insert("type".into(), json!("struct"));
                m.insert(
                    "fields".into(),
                    json!([
                        {"type": "double", "optional": false, "field": "x"},
                        {"type": "double", "optional": false, "field": "y"},
                        {"type": "bytes", "optional": true, "field": "wkb"},
                        {"type": "int32", "optional": true, "field": "srid"},
                    ]),
                );
                m.insert("optional".into(), json!(optional));
                m.insert("name".into(), json!("io.debezium.data.geometry.Point"));
                m.insert("version".into(), json!(1));
                m.insert("doc".into(), json!("Geometry (POINT)"));
            }
            ColumnType::Array {
                element,
                element_optional,
            } => {
                m.insert("type".into(), json!("array"));
                m.insert(
                    "items".into(),
                    Value::Object(element.schema(*element_optional, decimal)),
                );
                m.insert("optional".into(), json!(optional));
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_as_the_json_converter_writes_them() {
        let p = DecimalHandling::Precise;
        let s = |t: ColumnType, opt| crate::cdc::json::to_string(&t.schema(opt, p));
        assert_eq!(
            s(
                ColumnType::Decimal {
                    precision: 3,
                    scale: 2
                },
                true
            ),
            r#"{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"3"}}"#
        );
        assert_eq!(
            s(ColumnType::Money, true),
            r#"{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}}"#
        );
        assert_eq!(
            s(ColumnType::Bits(2147483647), true),
            r#"{"type":"bytes","optional":true,"name":"io.debezium.data.Bits","version":1,"parameters":{"length":"2147483647"}}"#
        );
        assert_eq!(
            s(ColumnType::VariableDecimal, true),
            r#"{"type":"struct","fields":[{"type":"int32","optional":false,"field":"scale"},{"type":"bytes","optional":false,"field":"value"}],"optional":true,"name":"io.debezium.data.VariableScaleDecimal","version":1,"doc":"Variable scaled decimal"}"#
        );
        assert_eq!(
            s(
                ColumnType::Array {
                    element: Box::new(ColumnType::Decimal {
                        precision: 10,
                        scale: 2
                    }),
                    element_optional: true
                },
                true
            ),
            r#"{"type":"array","items":{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"}},"optional":true}"#
        );
        assert_eq!(
            s(ColumnType::Enum("V1,V2".into()), true),
            r#"{"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"V1,V2"}}"#
        );
        assert_eq!(
            crate::cdc::json::to_string(&ColumnType::Money.schema(true, DecimalHandling::String)),
            r#"{"type":"string","optional":true}"#
        );
    }
}
