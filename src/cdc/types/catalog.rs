//! Which Kafka Connect type a column is read as, from `pg_type`: the catalog of the
//! non-built-in types the captured tables use and the resolution of a type oid and typmod
//! to a [`ColumnType`].

use std::collections::HashMap;

use tokio_postgres::Client;

use super::{oid, ColumnType, Named};
use crate::error::Result;
use crate::pg::query_error;

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
}
