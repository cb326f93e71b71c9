//! Window results into a PostgreSQL table, created when missing and upserted on
//! (`window_start`, group columns). A batch is one transaction.

use futures::future::BoxFuture;
use futures::FutureExt;

use super::{format_time, Schema, Sink, SinkError};
use crate::pg::ident;
use crate::settings::PgSettings;
use crate::stream::engine::{AggValue, ResultKind, WindowResult};
use crate::stream::job::OutputType;

pub struct PostgresSink {
    client: tokio_postgres::Client,
    table: String,
    upsert: String,
    delete: String,
    groups: usize,
}

pub use crate::pg::qualified;

/// The columns in order, with their PostgreSQL types.
pub fn columns(schema: &Schema) -> Vec<(String, String)> {
    let mut cols = vec![
        ("window_start".to_string(), "timestamptz".to_string()),
        ("window_end".to_string(), "timestamptz".to_string()),
    ];
    for g in &schema.groups {
        cols.push((g.clone(), "text".into()));
    }
    for (name, t) in &schema.aggregates {
        cols.push((
            name.clone(),
            match t {
                OutputType::Count => "bigint".into(),
                OutputType::Decimal(d) => format!("numeric({}, {})", d.precision, d.scale),
            },
        ));
    }
    cols
}

/// `CREATE TABLE IF NOT EXISTS` and its unique key (NULL groups are one group, as in the
/// engine and in Flink: `NULLS NOT DISTINCT`, PostgreSQL 15+).
pub fn create_sql(table: &str, schema: &Schema) -> Vec<String> {
    let cols: Vec<String> = columns(schema)
        .iter()
        .map(|(c, t)| {
            let not_null = if c.starts_with("window_") {
                " NOT NULL"
            } else {
                ""
            };
            format!("{} {t}{not_null}", ident(c))
        })
        .collect();
    let key = key_columns(schema).join(", ");
    let index = ident(&format!("{}_window_key", table.replace('.', "_")));
    vec![
        format!(
            "CREATE TABLE IF NOT EXISTS {} ({})",
            qualified(table),
            cols.join(", ")
        ),
        format!(
            "CREATE UNIQUE INDEX IF NOT EXISTS {index} ON {} ({key}) NULLS NOT DISTINCT",
            qualified(table)
        ),
    ]
}

fn key_columns(schema: &Schema) -> Vec<String> {
    let mut key = vec![ident("window_start")];
    key.extend(schema.groups.iter().map(|g| ident(g)));
    key
}

impl PostgresSink {
    pub async fn open(
        pg: &PgSettings,
        table: &str,
        schema: &Schema,
    ) -> Result<PostgresSink, SinkError> {
        let label = format!("postgres:{table}");
        let client = crate::pg::connect(pg)
            .await
            .map_err(|source| SinkError::Open {
                sink: label.clone(),
                source,
            })?;
        let pg_err = |action: &str| {
            let table = table.to_string();
            let action = action.to_string();
            move |source| SinkError::Postgres {
                table,
                action,
                source,
            }
        };
        for sql in create_sql(table, schema) {
            client
                .batch_execute(&sql)
                .await
                .map_err(pg_err("creating the table"))?;
        }
        check_columns(&client, table, schema).await?;
        let cols = columns(schema);
        let names: Vec<String> = cols.iter().map(|(c, _)| ident(c)).collect();
        let values: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, (_, t))| format!("${}::text::{t}", i + 1))
            .collect();
        let key = key_columns(schema);
        let updates: Vec<String> = names
            .iter()
            .filter(|n| !key.contains(n))
            .map(|n| format!("{n} = EXCLUDED.{n}"))
            .collect();
        let upsert = format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}",
            qualified(table),
            names.join(", "),
            values.join(", "),
            key.join(", "),
            updates.join(", ")
        );
        let mut conds = vec![format!("{} = $1::text::timestamptz", ident("window_start"))];
        for (i, g) in schema.groups.iter().enumerate() {
            conds.push(format!(
                "{} IS NOT DISTINCT FROM ${}::text",
                ident(g),
                i + 2
            ));
        }
        let delete = format!(
            "DELETE FROM {} WHERE {}",
            qualified(table),
            conds.join(" AND ")
        );
        Ok(PostgresSink {
            client,
            table: table.to_string(),
            upsert,
            delete,
            groups: schema.groups.len(),
        })
    }

    async fn write_all(&mut self, results: &[WindowResult]) -> Result<(), SinkError> {
        let table = self.table.clone();
        let err = |action: &'static str| {
            let table = table.clone();
            move |source| SinkError::Postgres {
                table,
                action: action.into(),
                source,
            }
        };
        let tx = self.client.transaction().await.map_err(err("begin"))?;
        let upsert = tx
            .prepare(&self.upsert)
            .await
            .map_err(err("preparing the upsert"))?;
        let delete = tx
            .prepare(&self.delete)
            .await
            .map_err(err("preparing the delete"))?;
        for r in results {
            let mut params: Vec<Option<String>> = vec![Some(format_time(r.window.start_ms))];
            if r.kind == ResultKind::Retract {
                params.extend(r.group.iter().take(self.groups).cloned());
                let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> =
                    params.iter().map(|p| p as _).collect();
                tx.execute(&delete, &refs)
                    .await
                    .map_err(err("deleting a merged session"))?;
                continue;
            }
            params.push(Some(format_time(r.window.end_ms)));
            params.extend(r.group.iter().cloned());
            params.extend(r.values.iter().map(|v| match v {
                AggValue::Count(n) => Some(n.to_string()),
                AggValue::Decimal(d) => d.map(|d| d.to_string()),
            }));
            let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> =
                params.iter().map(|p| p as _).collect();
            tx.execute(&upsert, &refs)
                .await
                .map_err(err("upserting results"))?;
        }
        tx.commit().await.map_err(err("commit"))?;
        Ok(())
    }
}

/// An existing table must have the job's columns (a changed job needs a new table).
async fn check_columns(
    client: &tokio_postgres::Client,
    table: &str,
    schema: &Schema,
) -> Result<(), SinkError> {
    let (schema_name, name) = match table.split_once('.') {
        Some((s, t)) => (s.to_string(), t.to_string()),
        None => ("public".to_string(), table.to_string()),
    };
    let rows = client
        .query(
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
            &[&schema_name, &name],
        )
        .await
        .map_err(|source| SinkError::Postgres {
            table: table.to_string(),
            action: "reading its columns".into(),
            source,
        })?;
    let have: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    let want: Vec<String> = columns(schema).into_iter().map(|(c, _)| c).collect();
    let missing: Vec<&String> = want.iter().filter(|c| !have.contains(c)).collect();
    if !missing.is_empty() {
        return Err(SinkError::TableMismatch {
            table: table.to_string(),
            detail: format!(
                "it lacks {} (it has {})",
                missing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                have.join(", ")
            ),
        });
    }
    Ok(())
}

impl Sink for PostgresSink {
    fn label(&self) -> String {
        format!("postgres:{}", self.table)
    }
    fn write<'a>(
        &'a mut self,
        results: &'a [WindowResult],
    ) -> BoxFuture<'a, Result<(), SinkError>> {
        self.write_all(results).boxed()
    }
}
