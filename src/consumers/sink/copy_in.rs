//! COPY, the fast way in: a batch encoded for COPY (binary where `copy_binary` can, else
//! text), straight into the table or through the session's staging table, and the
//! value-by-value check that the text is what the JSON statement would store.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use bytes::Bytes;
use futures::SinkExt;
use serde_json::Value as Json;
use tokio_postgres::error::SqlState;

use super::cells::{jsonb_number_text, Cell};
use super::columns::qualified;
use super::copy_binary::{self, BinaryKind};
use super::statement::insert_sql_from;
use super::SinkColumn;
use crate::consumers::Event;
use crate::error::Result;
use crate::pg::{copy, ident, query_error};

/// The fast way in: each value the text `jsonb_to_record` would have given the column's
/// input function (which COPY calls too), so the table ends up holding exactly what the
/// JSON statement would have stored. A batch goes in COPY's binary format when every
/// column's type is one `copy_binary` writes and every value's text has a form whose value
/// is certain (a plain integer, a JSON number, an RFC 3339 time with its offset...);
/// otherwise in COPY text, which leaves every conversion to PostgreSQL's input functions,
/// as the statement does.
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
    /// Name, kind, has a default, binary form.
    columns: Vec<(String, ColumnKind, bool, Option<BinaryKind>)>,
    upsert: bool,
    /// An upsert batch met a key already in the table: no more straight COPYs.
    conflicts_seen: AtomicBool,
    from_stage: tokio_postgres::Statement,
    /// The COPY statements prepared so far, by the columns they name (`None`: into the
    /// staging table) and format (binary or not): a batch's COPY then costs no round trip
    /// to parse it.
    prepared: Mutex<HashMap<CopyKey, tokio_postgres::Statement>>,
}

/// A COPY statement's columns (`None`: the staging table's) and whether it is binary.
type CopyKey = (Option<Vec<usize>>, bool);

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
    binary: bool,
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
                        BinaryKind::of(&c.sql_type),
                    )
                })
                .collect(),
            upsert: !upsert_key.is_empty(),
            conflicts_seen: AtomicBool::new(false),
            from_stage,
            prepared: Mutex::new(HashMap::new()),
        })
    }

    /// Write the batch by COPY (`Ok(true)`: in the binary format); None (and nothing
    /// written) when a value's text could differ from what the JSON statement stores.
    pub(super) async fn insert(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        rows: &[(&Event, Vec<Cell<'_>>)],
    ) -> Option<std::result::Result<bool, tokio_postgres::Error>> {
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
        for (i, ((_, _, has_default, _), n)) in self.columns.iter().zip(&nulls).enumerate() {
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
        let every: Vec<usize>;
        let chosen: &[usize] = match &direct {
            Some(cols) => cols,
            None => {
                every = (0..self.columns.len()).collect();
                &every
            }
        };
        let ord = direct.is_none();
        let (binary, data) = match self.encode_binary(rows, chosen, ord) {
            Some(data) => (true, data),
            None => (false, self.encode_text(rows, chosen, ord)?),
        };
        Some(Encoded {
            direct,
            binary,
            data: Bytes::from(data),
        })
    }

    /// The rows' `chosen` columns (and the row number, `ord`) in COPY text.
    fn encode_text(
        &self,
        rows: &[(&Event, Vec<Cell<'_>>)],
        chosen: &[usize],
        ord: bool,
    ) -> Option<Vec<u8>> {
        let mut text = String::with_capacity(rows.len() * 16 * chosen.len());
        for (n, (_, values)) in rows.iter().enumerate() {
            for (k, &i) in chosen.iter().enumerate() {
                if k > 0 {
                    text.push('\t');
                }
                copy_field(self.columns[i].1, &values[i], &mut text)?;
            }
            if ord {
                text.push('\t');
                text.push_str(itoa::Buffer::new().format(n + 1));
            }
            text.push('\n');
        }
        Some(text.into_bytes())
    }

    /// The same in COPY's binary format, or None when a column or a value has none here.
    fn encode_binary(
        &self,
        rows: &[(&Event, Vec<Cell<'_>>)],
        chosen: &[usize],
        ord: bool,
    ) -> Option<Vec<u8>> {
        let kinds: Vec<BinaryKind> = chosen
            .iter()
            .map(|&i| self.columns[i].3)
            .collect::<Option<_>>()?;
        let fields = (chosen.len() + usize::from(ord)) as i16;
        let mut out = Vec::with_capacity(rows.len() * 12 * kinds.len() + 32);
        out.extend_from_slice(copy_binary::HEADER);
        for (n, (_, values)) in rows.iter().enumerate() {
            out.extend_from_slice(&fields.to_be_bytes());
            for (&i, &kind) in chosen.iter().zip(&kinds) {
                let text = input_text(self.columns[i].1, &values[i])?;
                copy_binary::write_field(kind, text.as_deref(), &mut out)?;
            }
            if ord {
                out.extend_from_slice(&8i32.to_be_bytes());
                out.extend_from_slice(&(n as i64 + 1).to_be_bytes());
            }
        }
        out.extend_from_slice(copy_binary::TRAILER);
        Some(out)
    }

    async fn write(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        batch: Encoded,
    ) -> std::result::Result<bool, tokio_postgres::Error> {
        let copy = self.statement(tx, &batch.direct, batch.binary).await?;
        let sink = tx.copy_in(&copy).await?;
        futures::pin_mut!(sink);
        sink.send(batch.data).await?;
        sink.finish().await?;
        if batch.direct.is_none() {
            tx.execute(&self.from_stage, &[]).await?;
        }
        Ok(batch.binary)
    }

    /// The COPY statement for these columns (`None`: into the staging table), prepared once.
    async fn statement(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        direct: &Option<Vec<usize>>,
        binary: bool,
    ) -> std::result::Result<tokio_postgres::Statement, tokio_postgres::Error> {
        let key = (direct.clone(), binary);
        let known = self.prepared.lock().ok().and_then(|p| p.get(&key).cloned());
        if let Some(st) = known {
            return Ok(st);
        }
        let format = if binary { " (FORMAT binary)" } else { "" };
        let sql = match direct {
            Some(cols) => {
                let names: Vec<String> = cols.iter().map(|&i| ident(&self.columns[i].0)).collect();
                format!(
                    "COPY {} ({}) FROM STDIN{format}",
                    qualified(&self.table),
                    names.join(", ")
                )
            }
            None => format!("COPY {STAGE} FROM STDIN{format}"),
        };
        let st = tx.prepare(&sql).await?;
        if let Ok(mut p) = self.prepared.lock() {
            p.insert(key, st.clone());
        }
        Ok(st)
    }
}

/// Append a value as the COPY text field of the text `jsonb_to_record` would have given the
/// column's input function (see [`input_text`]). None for what only the statement gets
/// right.
pub(super) fn copy_field(kind: ColumnKind, v: &Cell, out: &mut String) -> Option<()> {
    match input_text(kind, v)? {
        None => out.push_str(copy::NULL),
        Some(t) => copy::escape_into(out, &t),
    }
    Some(())
}

/// The text `jsonb_to_record` would give the column's input function for a value (None:
/// NULL): strings as themselves, numbers and booleans as their JSON text, anything for a
/// `jsonb` column as JSON. None for what only the statement gets right (objects and arrays
/// outside `jsonb`, exponents outside `double precision`, anything for `json`). A number
/// read by the scanner goes as its own text, which is what the value read by serde_json
/// writes (see `cells::keep_number_text`).
fn input_text<'v>(kind: ColumnKind, v: &'v Cell) -> Option<Option<Cow<'v, str>>> {
    Some(Some(match (kind, v) {
        (_, Cell::Json(v)) => return json_text(kind, v),
        (ColumnKind::Json, _) => return None,
        // Its JSON text: it has nothing JSON escapes.
        (ColumnKind::Jsonb, Cell::Str(s)) => Cow::Owned(format!("\"{s}\"")),
        // As the event writes it: `jsonb_in` reads every digit.
        (ColumnKind::Jsonb, Cell::Number(t) | Cell::Raw(t)) => Cow::Borrowed(*t),
        // Only JSON columns hold raw values; anything else is left to the statement.
        (_, Cell::Raw(_)) => return None,
        (_, Cell::Str(s)) => Cow::Borrowed(*s),
        (_, Cell::Number(t)) => jsonb_number_text(t),
    }))
}

fn json_text(kind: ColumnKind, v: &Json) -> Option<Option<Cow<'_, str>>> {
    Some(Some(match (kind, v) {
        (_, Json::Null) => return Some(None),
        (ColumnKind::Json, _) => return None,
        (ColumnKind::Jsonb, v) => Cow::Owned(v.to_string()),
        (_, Json::String(s)) => Cow::Borrowed(s.as_str()),
        (_, Json::Bool(b)) => Cow::Borrowed(if *b { "true" } else { "false" }),
        (_, Json::Number(n)) => {
            let t = n.to_string();
            if kind != ColumnKind::Float8 && t.contains(['e', 'E']) {
                return None;
            }
            Cow::Owned(jsonb_number_text(&t).into_owned())
        }
        (_, Json::Array(_) | Json::Object(_)) => return None,
    }))
}
