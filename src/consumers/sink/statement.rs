//! The JSON statement: `INSERT … SELECT` from a JSON array of rows (or from the staging
//! table), defaults for missing values, the last event per key for an upsert.

use bytes::{BufMut, BytesMut};
use tokio_postgres::types::{accepts, to_sql_checked, IsNull, ToSql, Type};

use super::cells::Cell;
use super::columns::qualified;
use super::SinkColumn;
use crate::pg::ident;

/// The JSON statement's `$1`: the rows as a JSON array of `{column: value}` objects, as
/// text, so that a JSON column's value goes as the event wrote it ([`Cell::write_json`]).
#[derive(Debug)]
pub(super) struct JsonRows(String);

impl JsonRows {
    pub(super) fn new<'r, 'e: 'r>(
        columns: &[SinkColumn],
        rows: impl IntoIterator<Item = &'r [Cell<'e>]>,
    ) -> JsonRows {
        // The names' JSON text, once.
        let names: Vec<String> = columns
            .iter()
            .map(|c| serde_json::Value::from(c.name.as_str()).to_string())
            .collect();
        let mut out = String::from("[");
        for (n, values) in rows.into_iter().enumerate() {
            out.push_str(if n == 0 { "{" } else { ",{" });
            for (i, ((c, name), v)) in columns.iter().zip(&names).zip(values).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(name);
                out.push(':');
                v.write_json(&c.sql_type, &mut out);
            }
            out.push('}');
        }
        out.push(']');
        JsonRows(out)
    }
}

impl ToSql for JsonRows {
    /// As serde_json's `Value` goes: `jsonb`'s binary form is a version byte and the text.
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        if *ty == Type::JSONB {
            out.put_u8(1);
        }
        out.put_slice(self.0.as_bytes());
        Ok(IsNull::No)
    }

    accepts!(JSON, JSONB);
    to_sql_checked!();
}

/// The statement a batch runs when its values cannot go as column arrays, and the one that
/// isolates bad rows. `$1` is a JSON array of `{column: value}` objects.
pub fn insert_sql(table: &str, cols: &[SinkColumn], upsert_key: &[String]) -> String {
    let record: Vec<String> = cols
        .iter()
        .map(|c| format!("{} {}", ident(&c.name), c.sql_type))
        .collect();
    let from = format!(
        "FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, ord), jsonb_to_record(e.doc) AS x({})",
        record.join(", ")
    );
    insert_sql_from(table, cols, upsert_key, &from, "e.ord")
}

/// `INSERT … SELECT` of the columns of `x` in `from`; a missing (null) value takes the
/// column's default; with an upsert key the last row per key (highest `ord`) wins.
pub(super) fn insert_sql_from(
    table: &str,
    cols: &[SinkColumn],
    upsert_key: &[String],
    from: &str,
    ord: &str,
) -> String {
    let names: Vec<String> = cols.iter().map(|c| ident(&c.name)).collect();
    let select: Vec<String> = cols
        .iter()
        .map(|c| match &c.default {
            // A missing (or null) field takes the column's default, like an INSERT that omits it.
            Some(d) => format!("COALESCE(x.{n}, {d}) AS {n}", n = ident(&c.name)),
            None => format!("x.{n} AS {n}", n = ident(&c.name)),
        })
        .collect();
    if upsert_key.is_empty() {
        return format!(
            "INSERT INTO {} ({}) SELECT {} {from}",
            qualified(table),
            names.join(", "),
            select.join(", ")
        );
    }
    let keys: Vec<String> = upsert_key.iter().map(|k| ident(k)).collect();
    let xkeys: Vec<String> = upsert_key
        .iter()
        .map(|k| format!("x.{}", ident(k)))
        .collect();
    let updates: Vec<String> = cols
        .iter()
        .filter(|c| !upsert_key.contains(&c.name))
        .map(|c| format!("{n} = EXCLUDED.{n}", n = ident(&c.name)))
        .collect();
    let action = if updates.is_empty() {
        "DO NOTHING".to_string()
    } else {
        format!("DO UPDATE SET {}", updates.join(", "))
    };
    // The last event per key wins inside a batch (ON CONFLICT cannot touch a row twice).
    format!(
        "INSERT INTO {t} ({n}) SELECT {n} FROM (SELECT DISTINCT ON ({xk}) {s} {from} ORDER BY {xk}, {ord} DESC) AS batch ON CONFLICT ({k}) {action}",
        t = qualified(table),
        n = names.join(", "),
        xk = xkeys.join(", "),
        s = select.join(", "),
        k = keys.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(name: &str, ty: &str, default: Option<&str>) -> SinkColumn {
        SinkColumn {
            name: name.into(),
            sql_type: ty.into(),
            default: default.map(String::from),
            path: name.into(),
        }
    }

    #[test]
    fn upsert_keeps_the_last_event_per_key() {
        let cols = [
            col("id", "integer", None),
            col("city", "text", None),
            col("at", "timestamptz", Some("now()")),
        ];
        let sql = insert_sql("public.orders", &cols, &["id".into()]);
        assert!(
            sql.starts_with("INSERT INTO \"public\".\"orders\" (\"id\", \"city\", \"at\")"),
            "{sql}"
        );
        assert!(sql.contains("DISTINCT ON (x.\"id\")"), "{sql}");
        assert!(sql.contains("ORDER BY x.\"id\", e.ord DESC"), "{sql}");
        assert!(sql.contains("COALESCE(x.\"at\", now())"), "{sql}");
        assert!(sql.ends_with("ON CONFLICT (\"id\") DO UPDATE SET \"city\" = EXCLUDED.\"city\", \"at\" = EXCLUDED.\"at\""), "{sql}");
        let plain = insert_sql("t", &cols[..2], &[]);
        assert!(!plain.contains("ON CONFLICT"));
    }
}
