//! The sink's columns: read from the table's catalog, each mapped to a JSON path; the
//! unique index an upsert needs; a table name quoted.

use super::SinkColumn;
use crate::consumers::ConsumerError;
use crate::error::Result;
use crate::pg::query_error;

/// ON CONFLICT needs a unique index on exactly the key columns; PostgreSQL would only say
/// so when the first batch runs.
pub(super) async fn check_unique(
    client: &tokio_postgres::Client,
    table: &str,
    key: &[String],
) -> Result<()> {
    let mut sorted = key.to_vec();
    sorted.sort();
    let row = client
        .query_one(
            "SELECT EXISTS (
               SELECT 1 FROM pg_index i
               WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
                 AND (SELECT array_agg(a.attname::text ORDER BY a.attname::text) FROM pg_attribute a
                      WHERE a.attrelid = i.indrelid AND a.attnum = ANY((i.indkey::int2[])[0:i.indnkeyatts - 1])) = $2::text[])",
            &[&qualified(table), &sorted],
        )
        .await
        .map_err(|e| query_error(&format!("reading the unique indexes of `{table}`"), e))?;
    if row.get::<_, bool>(0) {
        Ok(())
    } else {
        Err(ConsumerError::NoUniqueIndex {
            table: table.to_string(),
            key: key.to_vec(),
        }
        .into())
    }
}

pub use crate::pg::qualified;

pub(super) async fn table_columns(
    client: &tokio_postgres::Client,
    table: &str,
    map: &[(String, String)],
) -> Result<Vec<SinkColumn>> {
    let rows = client
        .query(
            "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid),
                    a.attgenerated::text, a.attidentity::text
             FROM pg_attribute a
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum",
            &[&qualified(table)],
        )
        .await
        .map_err(|e| query_error(&format!("reading the columns of `{table}`"), e))?;
    if rows.is_empty() {
        return Err(ConsumerError::NoTable(table.to_string()).into());
    }
    let mut cols = Vec::new();
    for r in rows {
        let name: String = r.get(0);
        let generated: String = r.get(3);
        let identity: String = r.get(4);
        if !generated.is_empty() || identity == "a" {
            continue; // PostgreSQL computes these itself.
        }
        let default: Option<String> = r.get(2);
        let default = if identity == "d" {
            Some(format!(
                "nextval(pg_get_serial_sequence('{}', '{}'))",
                qualified(table).replace('\'', "''"),
                name.replace('\'', "''")
            ))
        } else {
            default
        };
        let path = map
            .iter()
            .find(|(c, _)| *c == name)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| name.clone());
        cols.push(SinkColumn {
            name,
            sql_type: r.get(1),
            default,
            path,
        });
    }
    for (c, _) in map {
        if !cols.iter().any(|x| &x.name == c) {
            return Err(ConsumerError::MappedColumnUnknown {
                column: c.clone(),
                table: table.to_string(),
                columns: cols.iter().map(|c| c.name.clone()).collect(),
            }
            .into());
        }
    }
    Ok(cols)
}
