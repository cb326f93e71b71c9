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
//!
//! The types live here; `catalog.rs` reads `pg_type` and resolves a column to its type,
//! `schema.rs` writes a type's Connect schema.

mod catalog;
mod schema;

pub use catalog::{TypeCatalog, TypeFacts};

/// How `numeric` columns are written: the schema and the value follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
