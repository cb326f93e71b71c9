//! COPY, the fast way in: a batch encoded as COPY text, straight into the table or through
//! the session's staging table, and the value-by-value check that the text is what the
//! JSON statement would store.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use bytes::Bytes;
use futures::SinkExt;
use serde_json::Value as Json;
use tokio_postgres::error::SqlState;

use super::cells::Cell;
use super::columns::qualified;
use super::statement::insert_sql_from;
use super::SinkColumn;
use crate::consumers::Event;
use crate::error::Result;
use crate::pg::{copy, ident, query_error};

/// The fast way in: the batch as COPY text, each value the text `jsonb_to_record` would
/// have given the column's input function (which COPY calls too), so the table ends up
/// holding exactly what the JSON statement would have stored. Text, not binary COPY: the
/// binary format would need the client to convert every value to every column type itself,
/// where COPY text leaves that to PostgreSQL's own input functions, as the statement does.
///
/// A batch whose rows all have a value for every column with a default (or none of them
/// has one: the column is left out, so it takes its default) is copied straight into the
/// table. Otherwise (a default to fill in for some rows only) the batch is copied into a
/// temporary staging table and moved with one `INSERT … SELECT` from it, with the same
/// defaults and upsert as [`insert_sql`](super::insert_sql).
///
/// An upsert first tries the straight COPY too, under a savepoint: while its keys are new
/// to the table (a first load, a replay into an empty table), that is all it takes. The
/// first batch that hits an existing key (or repeats one) goes through the staging table's
/// `ON CONFLICT`, and so does every batch after it in this run.
pub(super) struct CopyIn {
    table: String,
    columns: Vec<(String, ColumnKind, bool)>,
    upsert: bool,
    /// An upsert batch met a key already in the table: no more straight COPYs.
    conflicts_seen: AtomicBool,
    from_stage: tokio_postgres::Statement,
    /// The COPY statements prepared so far, by the columns they name (`None`: into the
    /// staging table): a batch's COPY then costs no round trip to parse it.
    prepared: Mutex<HashMap<Option<Vec<usize>>, tokio_postgres::Statement>>,
}

/// The session's staging table (in `pg_temp`, emptied at every commit).
const STAGE: &str = "pg_temp.livedbctl_sink_stage";

/// Name of the row number in the batch (for "the last event per key wins").
const ORD: &str = "livedbctl_ord";

/// What decides a value's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ColumnKind {
    /// `jsonb`: every value as its JSON text.
    Jsonb,
    /// `json` keeps the text PostgreSQL's jsonb writes (spaces, key order): left to the
    /// statement.
    Json,
    /// `double precision`: numbers in any notation.
    Float8,
    Other,
}

impl ColumnKind {
    pub(super) fn of(sql_type: &str) -> ColumnKind {
        match sql_type {
            "jsonb" => ColumnKind::Jsonb,
            "json" => ColumnKind::Json,
            "double precision" => ColumnKind::Float8,
            _ => ColumnKind::Other,
        }
    }
}

/// A batch encoded for COPY, and where it goes.
struct Encoded {
    /// `Some(columns)`: straight into the table, these columns; `None`: into the staging
    /// table, every column and the row number.
    direct: Option<Vec<usize>>,
    data: Bytes,
}

impl CopyIn {
    pub(super) async fn prepare(
        client: &tokio_postgres::Client,
        table: &str,
        cols: &[SinkColumn],
        upsert_key: &[String],
    ) -> Result<CopyIn> {
        // Typed like the table, without its constraints and defaults: those apply when the
        // rows move into the table.
        let mut stage_columns: Vec<String> = cols
            .iter()
            .map(|c| format!("{} {}", ident(&c.name), c.sql_type))
            .collect();
        stage_columns.push(format!("{ORD} bigint"));
        let create = format!(
            "CREATE TEMPORARY TABLE IF NOT EXISTS livedbctl_sink_stage ({}) ON COMMIT DELETE ROWS",
            stage_columns.join(", ")
        );
        client
            .batch_execute(&create)
            .await
            .map_err(|e| query_error(&format!("creating the staging table for `{table}`"), e))?;
        let sql = insert_sql_from(
            table,
            cols,
            upsert_key,
            &format!("FROM {STAGE} AS x"),
            &format!("x.{ORD}"),
        );
        let from_stage = client
            .prepare(&sql)
            .await
            .map_err(|e| query_error(&format!("preparing the insert into `{table}`"), e))?;
        Ok(CopyIn {
            table: table.to_string(),
            columns: cols
                .iter()
                .map(|c| {
                    (
                        c.name.clone(),
                        ColumnKind::of(&c.sql_type),
                        c.default.is_some(),
                    )
                })
                .collect(),
            upsert: !upsert_key.is_empty(),
            conflicts_seen: AtomicBool::new(false),
            from_stage,
            prepared: Mutex::new(HashMap::new()),
        })
    }

    /// Write the batch by COPY; None (and nothing written) when a value's text could differ
    /// from what the JSON statement stores.
    pub(super) async fn insert(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        rows: &[(&Event, Vec<Cell<'_>>)],
    ) -> Option<std::result::Result<(), tokio_postgres::Error>> {
        let batch = self.encode(rows, false)?;
        if !self.upsert || batch.direct.is_none() {
            return Some(self.write(tx, batch).await);
        }
        if self.conflicts_seen.load(Ordering::Relaxed) {
            return Some(self.write(tx, self.encode(rows, true)?).await);
        }
        Some(
            async {
                tx.batch_execute("SAVEPOINT livedbctl_copy").await?;
                match self.write(tx, batch).await {
                    Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                        self.conflicts_seen.store(true, Ordering::Relaxed);
                        tx.batch_execute("ROLLBACK TO SAVEPOINT livedbctl_copy")
                            .await?;
                        let staged = self.encode(rows, true).expect("encoded once already");
                        self.write(tx, staged).await
                    }
                    other => other,
                }
            }
            .await,
        )
    }

    /// The batch as COPY text (for the staging table when `staged`), or None when a
    /// value's text could differ from what the JSON statement stores.
    fn encode(&self, rows: &[(&Event, Vec<Cell<'_>>)], staged: bool) -> Option<Encoded> {
        if self.columns.is_empty() {
            return None;
        }
        let mut nulls = vec![0usize; self.columns.len()];
        for (_, values) in rows {
            for (n, v) in nulls.iter_mut().zip(values) {
                *n += usize::from(v.is_null());
            }
        }
        // A column with a default that some rows lack needs the staging table's COALESCE;
        // one that every row lacks is left out of a direct COPY.
        let mut direct = Some(Vec::with_capacity(self.columns.len()));
        for (i, ((_, _, has_default), n)) in self.columns.iter().zip(&nulls).enumerate() {
            match (*has_default, *n) {
                (true, n) if n == rows.len() => {}
                (true, n) if n > 0 => direct = None,
                _ => {
                    if let Some(d) = &mut direct {
                        d.push(i)
                    }
                }
            }
        }
        if staged || direct.as_ref().is_some_and(|d| d.is_empty()) {
            direct = None;
        }
        let mut text = String::with_capacity(rows.len() * 16 * self.columns.len());
        for (ord, (_, values)) in rows.iter().enumerate() {
            match &direct {
                Some(cols) => {
                    for (n, &i) in cols.iter().enumerate() {
                        if n > 0 {
                            text.push('\t');
                        }
                        copy_field(self.columns[i].1, &values[i], &mut text)?;
                    }
                }
                None => {
                    for ((_, kind, _), v) in self.columns.iter().zip(values) {
                        copy_field(*kind, v, &mut text)?;
                        text.push('\t');
                    }
                    use std::fmt::Write as _;
                    let _ = write!(text, "{}", ord + 1);
                }
            }
            text.push('\n');
        }
        Some(Encoded {
            direct,
            data: Bytes::from(text),
        })
    }

    async fn write(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        batch: Encoded,
    ) -> std::result::Result<(), tokio_postgres::Error> {
        let copy = self.statement(tx, &batch.direct).await?;
        let sink = tx.copy_in(&copy).await?;
        futures::pin_mut!(sink);
        sink.send(batch.data).await?;
        sink.finish().await?;
        if batch.direct.is_none() {
            tx.execute(&self.from_stage, &[]).await?;
        }
        Ok(())
    }

    /// The COPY statement for these columns (`None`: into the staging table), prepared once.
    async fn statement(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        direct: &Option<Vec<usize>>,
    ) -> std::result::Result<tokio_postgres::Statement, tokio_postgres::Error> {
        let known = self
            .prepared
            .lock()
            .ok()
            .and_then(|p| p.get(direct).cloned());
        if let Some(st) = known {
            return Ok(st);
        }
        let sql = match direct {
            Some(cols) => {
                let names: Vec<String> = cols.iter().map(|&i| ident(&self.columns[i].0)).collect();
                format!(
                    "COPY {} ({}) FROM STDIN",
                    qualified(&self.table),
                    names.join(", ")
                )
            }
            None => format!("COPY {STAGE} FROM STDIN"),
        };
        let st = tx.prepare(&sql).await?;
        if let Ok(mut p) = self.prepared.lock() {
            p.insert(direct.clone(), st.clone());
        }
        Ok(st)
    }
}

/// Append a value as the COPY field of the text `jsonb_to_record` would have given the
/// column's input function: null as NULL, strings as themselves, numbers and booleans as
/// their JSON text, anything for a `jsonb` column as JSON. None for what only the statement
/// gets right (objects and arrays outside `jsonb`, exponents outside `double precision`,
/// anything for `json`). A number read by the scanner goes as its own text, which is what
/// the value read by serde_json writes (see `cells::keep_number_text`).
pub(super) fn copy_field(kind: ColumnKind, v: &Cell, out: &mut String) -> Option<()> {
    match (kind, v) {
        (_, Cell::Json(v)) => copy_json(kind, v, out)?,
        (ColumnKind::Json, _) => return None,
        (ColumnKind::Jsonb, Cell::Str(s)) => {
            // Its JSON text: it has nothing JSON escapes.
            out.push('"');
            copy::escape_into(out, s);
            out.push('"');
        }
        (ColumnKind::Jsonb, Cell::Number(_)) => copy_json(kind, &v.to_json("jsonb"), out)?,
        (_, Cell::Str(s)) => copy::escape_into(out, s),
        (_, Cell::Number(t)) => out.push_str(t),
    }
    Some(())
}

fn copy_json(kind: ColumnKind, v: &Json, out: &mut String) -> Option<()> {
    match (kind, v) {
        (_, Json::Null) => out.push_str(copy::NULL),
        (ColumnKind::Json, _) => return None,
        (ColumnKind::Jsonb, v) => copy::escape_into(out, &v.to_string()),
        (_, Json::String(s)) => copy::escape_into(out, s),
        (_, Json::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
        (_, Json::Number(n)) => {
            use std::fmt::Write as _;
            let start = out.len();
            let _ = write!(out, "{n}");
            if kind != ColumnKind::Float8 && out[start..].contains(['e', 'E']) {
                return None;
            }
        }
        (_, Json::Array(_) | Json::Object(_)) => return None,
    }
    Some(())
}
