//! Which Kafka Connect type Debezium's PostgreSQL connector gives a column (its data type
//! table, with the defaults `decimal.handling.mode=precise`, `time.precision.mode=adaptive`,
//! `interval.handling.mode=numeric`, `hstore.handling.mode=json`, `binary.handling.mode=bytes`),
//! decided from the column's type oid and typmod and, for types that are not built in
//! (enums, domains, arrays, hstore, ltree, citext), from `pg_type`.
//!
//! A column whose type Debezium has no converter for (`box`, `circle`, `line`, `lseg`,
//! `path`, `polygon`, `tsquery`, `pg_lsn`, `money[]`, `interval[]`, arrays of domains, ...)
//! resolves to `None` and is left out of events, as Debezium leaves it out with
//! `include.unknown.datatypes=false`.

use std::collections::HashMap;

use serde_json::{json, Map, Value};
use tokio_postgres::Client;

use crate::error::Result;
use crate::pg::query_error;

/// How `numeric` columns are written: the schema and the value follow it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum DecimalHandling {
    /// numeric as Connect's Decimal: base64 of the unscaled value, scale in the schema
    /// (Debezium's default)
    Precise,
    /// numeric as a JSON string, exact ("1234.50")
    String,
    /// numeric as a JSON number (may lose precision)
    Double,
}

impl DecimalHandling {
    /// Debezium's `decimal.handling.mode` for the same output.
    pub fn debezium(self) -> &'static str {
        match self {
            DecimalHandling::Precise => "precise",
            DecimalHandling::String => "string",
            DecimalHandling::Double => "double",
        }
    }
}

/// Built-in type oids (`pg_type.dat`, stable across PostgreSQL versions).
pub mod oid {
    pub const BOOL: u32 = 16;
    pub const BYTEA: u32 = 17;
    pub const CHAR: u32 = 18;
    pub const NAME: u32 = 19;
    pub const INT8: u32 = 20;
    pub const INT2: u32 = 21;
    pub const INT4: u32 = 23;
    pub const TEXT: u32 = 25;
    pub const OID: u32 = 26;
    pub const JSON: u32 = 114;
    pub const XML: u32 = 142;
    pub const POINT: u32 = 600;
    pub const CIDR: u32 = 650;
    pub const FLOAT4: u32 = 700;
    pub const FLOAT8: u32 = 701;
    pub const MACADDR8: u32 = 774;
    pub const MONEY: u32 = 790;
    pub const MACADDR: u32 = 829;
    pub const INET: u32 = 869;
    pub const BPCHAR: u32 = 1042;
    pub const VARCHAR: u32 = 1043;
    pub const DATE: u32 = 1082;
    pub const TIME: u32 = 1083;
    pub const TIMESTAMP: u32 = 1114;
    pub const TIMESTAMPTZ: u32 = 1184;
    pub const INTERVAL: u32 = 1186;
    pub const TIMETZ: u32 = 1266;
    pub const BIT: u32 = 1560;
    pub const VARBIT: u32 = 1562;
    pub const NUMERIC: u32 = 1700;
    pub const REFCURSOR: u32 = 1790;
    pub const UUID: u32 = 2950;
    pub const TSVECTOR: u32 = 3614;
    pub const JSONB: u32 = 3802;
    pub const INT4RANGE: u32 = 3904;
    pub const NUMRANGE: u32 = 3906;
    pub const TSRANGE: u32 = 3908;
    pub const TSTZRANGE: u32 = 3910;
    pub const DATERANGE: u32 = 3912;
    pub const INT8RANGE: u32 = 3926;
}

/// A string with a Debezium logical name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Json,
    Xml,
    Uuid,
    Tsvector,
    Ltree,
}

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

/// The Connect type of a column, as Debezium chooses it.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnType {
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    /// `numeric(p,s)`: Connect `Decimal` with that scale (precise mode).
    Decimal {
        precision: u32,
        scale: u32,
    },
    /// `numeric` without a typmod: `io.debezium.data.VariableScaleDecimal` (precise mode).
    VariableDecimal,
    /// `money`: `Decimal` with scale 2 (precise mode).
    Money,
    Boolean,
    /// `bit`, `bit(1)`, `varbit(1)`: a boolean.
    BitBool,
    /// `bit(n)`, `varbit(n)` with n > 1 (`varbit`: 2147483647): `io.debezium.data.Bits`.
    Bits(u32),
    Bytes,
    /// Text as PostgreSQL prints it (text, varchar, char, inet, ranges, ...).
    String,
    Named(Named),
    /// `hstore` as a JSON object in a string (`io.debezium.data.Json`).
    Hstore,
    /// An enum; `allowed` = the labels in sort order, comma-separated.
    Enum(String),
    /// `io.debezium.time.Date`: days since 1970-01-01.
    Date,
    /// `time(0..3)`: `io.debezium.time.Time`, milliseconds past midnight.
    Time,
    /// `time`, `time(4..6)`: `io.debezium.time.MicroTime`.
    MicroTime,
    /// `timetz`: `io.debezium.time.ZonedTime`.
    ZonedTime,
    /// `timestamp(0..3)`: `io.debezium.time.Timestamp`, milliseconds.
    Timestamp,
    /// `timestamp`, `timestamp(4..6)`: `io.debezium.time.MicroTimestamp`.
    MicroTimestamp,
    /// `timestamptz(p)`: `io.debezium.time.ZonedTimestamp`, the fraction `p` digits wide.
    ZonedTimestamp(u32),
    /// `interval`: `io.debezium.time.MicroDuration`.
    Interval,
    /// `point`: `io.debezium.data.geometry.Point`.
    Point,
    /// An array of the element type; `element_optional` is false only for enums.
    Array {
        element: Box<ColumnType>,
        element_optional: bool,
    },
}

/// What `pg_type` says about a type that is not a built-in scalar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeFacts {
    pub name: String,
    /// `typtype`: b base, e enum, d domain, r range, c composite, p pseudo, m multirange.
    pub kind: u8,
    /// `typelem` of an array type (0 otherwise).
    pub element: u32,
    /// `typcategory` (`A` for arrays).
    pub category: u8,
    /// `typbasetype`/`typtypmod` of a domain.
    pub base: u32,
    pub base_typmod: i32,
    /// Enum labels in `enumsortorder`, comma-separated.
    pub enum_labels: Option<String>,
}

/// Facts about the non-built-in types the captured tables use, read from `pg_type`.
#[derive(Debug, Default, Clone)]
pub struct TypeCatalog {
    facts: HashMap<u32, TypeFacts>,
}

/// Built-in scalars: resolved without asking the catalog.
fn is_builtin_scalar(o: u32) -> bool {
    use oid::*;
    matches!(
        o,
        BOOL | BYTEA
            | CHAR
            | NAME
            | INT8
            | INT2
            | INT4
            | TEXT
            | OID
            | JSON
            | XML
            | POINT
            | CIDR
            | FLOAT4
            | FLOAT8
            | MACADDR8
            | MONEY
            | MACADDR
            | INET
            | BPCHAR
            | VARCHAR
            | DATE
            | TIME
            | TIMESTAMP
            | TIMESTAMPTZ
            | INTERVAL
            | TIMETZ
            | BIT
            | VARBIT
            | NUMERIC
            | UUID
            | TSVECTOR
            | JSONB
            | INT4RANGE
            | NUMRANGE
            | TSRANGE
            | TSTZRANGE
            | DATERANGE
            | INT8RANGE
    )
}

/// Fractional-second precision from a time type's typmod (-1: 6).
fn time_precision(typmod: i32) -> u32 {
    if typmod < 0 {
        6
    } else {
        typmod as u32
    }
}

impl TypeCatalog {
    /// Read the facts of `oids` (and of the element and base types they lead to) that are
    /// not built-in scalars. Already known types are read again when `refresh` is set (an
    /// enum may have gained a label).
    pub async fn load(&mut self, c: &Client, oids: &[u32], refresh: bool) -> Result<()> {
        let mut want: Vec<u32> = oids
            .iter()
            .copied()
            .filter(|o| !is_builtin_scalar(*o) && (refresh || !self.facts.contains_key(o)))
            .collect();
        while !want.is_empty() {
            want.sort_unstable();
            want.dedup();
            let rows = c
                .query(
                    "SELECT t.oid, t.typname::text, t.typtype::text, t.typelem, t.typcategory::text,
                            t.typbasetype, t.typtypmod,
                            (SELECT string_agg(e.enumlabel::text, ',' ORDER BY e.enumsortorder)
                               FROM pg_enum e WHERE e.enumtypid = t.oid)
                     FROM pg_type t WHERE t.oid = ANY($1)",
                    &[&want],
                )
                .await
                .map_err(|e| query_error("reading column types from pg_type", e))?;
            let mut next = Vec::new();
            for r in rows {
                let oid: u32 = r.get(0);
                let facts = TypeFacts {
                    name: r.get(1),
                    kind: r.get::<_, String>(2).bytes().next().unwrap_or(b'b'),
                    element: r.get(3),
                    category: r.get::<_, String>(4).bytes().next().unwrap_or(b'U'),
                    base: r.get(5),
                    base_typmod: r.get(6),
                    enum_labels: r.get(7),
                };
                for o in [facts.element, facts.base] {
                    if o != 0 && !is_builtin_scalar(o) && !self.facts.contains_key(&o) {
                        next.push(o);
                    }
                }
                self.facts.insert(oid, facts);
            }
            want = next;
        }
        Ok(())
    }

    #[cfg(test)]
    pub fn insert(&mut self, oid: u32, facts: TypeFacts) {
        self.facts.insert(oid, facts);
    }

    /// The name Debezium's default-value parser knows the type by (`int4`, `varchar`, an
    /// enum's name, ...), when it has one.
    pub fn type_name(&self, type_oid: u32) -> Option<String> {
        use oid::*;
        let builtin = match type_oid {
            BOOL => "bool",
            INT2 => "int2",
            INT4 => "int4",
            INT8 => "int8",
            FLOAT4 => "float4",
            FLOAT8 => "float8",
            NUMERIC => "numeric",
            BPCHAR => "bpchar",
            VARCHAR => "varchar",
            TEXT => "text",
            JSON => "json",
            JSONB => "jsonb",
            XML => "xml",
            UUID => "uuid",
            DATE => "date",
            TIME => "time",
            TIMESTAMP => "timestamp",
            TIMESTAMPTZ => "timestamptz",
            INTERVAL => "interval",
            BIT => "bit",
            VARBIT => "varbit",
            _ => {
                let f = self.facts.get(&type_oid)?;
                return (f.kind == b'e').then(|| f.name.clone());
            }
        };
        Some(builtin.to_string())
    }

    /// The Connect type of a column of type `type_oid` with modifier `typmod`; None when
    /// Debezium leaves such a column out.
    pub fn resolve(&self, type_oid: u32, typmod: i32) -> Option<ColumnType> {
        use oid::*;
        Some(match type_oid {
            INT2 => ColumnType::Int16,
            INT4 => ColumnType::Int32,
            INT8 | OID => ColumnType::Int64,
            FLOAT4 => ColumnType::Float32,
            FLOAT8 => ColumnType::Float64,
            NUMERIC if typmod < 0 => ColumnType::VariableDecimal,
            NUMERIC => {
                let t = (typmod - 4) as u32;
                ColumnType::Decimal {
                    precision: (t >> 16) & 0xFFFF,
                    scale: t & 0xFFFF,
                }
            }
            MONEY => ColumnType::Money,
            BOOL => ColumnType::Boolean,
            BIT | VARBIT => {
                let length = if typmod < 0 {
                    if type_oid == BIT {
                        1
                    } else {
                        i32::MAX as u32
                    }
                } else {
                    typmod as u32
                };
                if length > 1 {
                    ColumnType::Bits(length)
                } else {
                    ColumnType::BitBool
                }
            }
            BYTEA => ColumnType::Bytes,
            CHAR | NAME | TEXT | BPCHAR | VARCHAR | INET | CIDR | MACADDR | MACADDR8
            | INT4RANGE | NUMRANGE | TSRANGE | TSTZRANGE | DATERANGE | INT8RANGE => {
                ColumnType::String
            }
            JSON | JSONB => ColumnType::Named(Named::Json),
            XML => ColumnType::Named(Named::Xml),
            UUID => ColumnType::Named(Named::Uuid),
            TSVECTOR => ColumnType::Named(Named::Tsvector),
            DATE => ColumnType::Date,
            TIME if time_precision(typmod) <= 3 => ColumnType::Time,
            TIME => ColumnType::MicroTime,
            TIMETZ => ColumnType::ZonedTime,
            TIMESTAMP if time_precision(typmod) <= 3 => ColumnType::Timestamp,
            TIMESTAMP => ColumnType::MicroTimestamp,
            TIMESTAMPTZ => ColumnType::ZonedTimestamp(time_precision(typmod)),
            INTERVAL => ColumnType::Interval,
            POINT => ColumnType::Point,
            _ => return self.resolve_catalog(type_oid, typmod),
        })
    }

    fn resolve_catalog(&self, type_oid: u32, typmod: i32) -> Option<ColumnType> {
        use oid::*;
        let f = self.facts.get(&type_oid)?;
        match f.kind {
            b'e' => return Some(ColumnType::Enum(f.enum_labels.clone().unwrap_or_default())),
            // A domain is mapped as its base type, with the domain's modifier when it has one.
            b'd' => {
                let m = if f.base_typmod >= 0 {
                    f.base_typmod
                } else {
                    typmod
                };
                return self.resolve(f.base, m);
            }
            _ => {}
        }
        if f.category == b'A' && f.element != 0 {
            // Debezium has no converter for these arrays (nor for arrays of domains).
            if matches!(
                f.element,
                MONEY | NAME | INTERVAL | VARBIT | BIT | XML | POINT | REFCURSOR
            ) {
                return None;
            }
            let elem = self.facts.get(&f.element);
            if elem.is_some_and(|e| e.kind == b'd') {
                return None;
            }
            if let Some(ColumnType::Enum(allowed)) = elem
                .filter(|e| e.kind == b'e')
                .and_then(|_| self.resolve(f.element, -1))
            {
                return Some(ColumnType::Array {
                    element: Box::new(ColumnType::Enum(allowed)),
                    element_optional: false,
                });
            }
            let element = self.resolve(f.element, typmod)?;
            if matches!(element, ColumnType::Array { .. }) {
                return None;
            }
            return Some(ColumnType::Array {
                element: Box::new(element),
                element_optional: true,
            });
        }
        match f.name.as_str() {
            "hstore" => Some(ColumnType::Hstore),
            "ltree" => Some(ColumnType::Named(Named::Ltree)),
            "citext" | "isbn" => Some(ColumnType::String),
            _ => None,
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

    fn facts(name: &str, kind: u8, element: u32, category: u8) -> TypeFacts {
        TypeFacts {
            name: name.into(),
            kind,
            element,
            category,
            base: 0,
            base_typmod: -1,
            enum_labels: None,
        }
    }

    #[test]
    fn builtin_types_and_modifiers() {
        let c = TypeCatalog::default();
        // numeric(6,4): typmod = (6 << 16 | 4) + 4
        assert_eq!(
            c.resolve(oid::NUMERIC, (6 << 16 | 4) + 4),
            Some(ColumnType::Decimal {
                precision: 6,
                scale: 4
            })
        );
        assert_eq!(
            c.resolve(oid::NUMERIC, -1),
            Some(ColumnType::VariableDecimal)
        );
        assert_eq!(c.resolve(oid::BIT, 1), Some(ColumnType::BitBool));
        assert_eq!(c.resolve(oid::BIT, 2), Some(ColumnType::Bits(2)));
        assert_eq!(c.resolve(oid::VARBIT, 1), Some(ColumnType::BitBool));
        assert_eq!(
            c.resolve(oid::VARBIT, -1),
            Some(ColumnType::Bits(2147483647))
        );
        assert_eq!(c.resolve(oid::TIME, 3), Some(ColumnType::Time));
        assert_eq!(c.resolve(oid::TIME, -1), Some(ColumnType::MicroTime));
        assert_eq!(c.resolve(oid::TIMESTAMP, 0), Some(ColumnType::Timestamp));
        assert_eq!(
            c.resolve(oid::TIMESTAMPTZ, -1),
            Some(ColumnType::ZonedTimestamp(6))
        );
        assert_eq!(
            c.resolve(oid::TIMESTAMPTZ, 3),
            Some(ColumnType::ZonedTimestamp(3))
        );
        assert_eq!(c.resolve(603, -1), None, "box is left out");
    }

    #[test]
    fn catalog_types_enums_domains_arrays() {
        let mut c = TypeCatalog::default();
        let mut e = facts("test_type", b'e', 0, b'E');
        e.enum_labels = Some("V1,V2".into());
        c.insert(50_000, e);
        c.insert(50_001, facts("_test_type", b'b', 50_000, b'A'));
        let mut d = facts("money2", b'd', 0, b'N');
        d.base = oid::NUMERIC;
        d.base_typmod = (12 << 16 | 2) + 4;
        c.insert(50_002, d);
        c.insert(50_003, facts("_money2", b'b', 50_002, b'A'));
        c.insert(1007, facts("_int4", b'b', oid::INT4, b'A'));
        c.insert(791, facts("_money", b'b', oid::MONEY, b'A'));
        c.insert(50_004, facts("hstore", b'b', 0, b'U'));
        assert_eq!(
            c.resolve(50_000, -1),
            Some(ColumnType::Enum("V1,V2".into()))
        );
        assert_eq!(
            c.resolve(50_001, -1),
            Some(ColumnType::Array {
                element: Box::new(ColumnType::Enum("V1,V2".into())),
                element_optional: false
            })
        );
        assert_eq!(
            c.resolve(50_002, -1),
            Some(ColumnType::Decimal {
                precision: 12,
                scale: 2
            })
        );
        assert_eq!(
            c.resolve(50_003, -1),
            None,
            "arrays of domains are left out"
        );
        assert_eq!(
            c.resolve(1007, -1),
            Some(ColumnType::Array {
                element: Box::new(ColumnType::Int32),
                element_optional: true
            })
        );
        assert_eq!(c.resolve(791, -1), None, "money[] is left out");
        assert_eq!(c.resolve(50_004, -1), Some(ColumnType::Hstore));
        assert_eq!(c.type_name(50_000).as_deref(), Some("test_type"));
    }

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
