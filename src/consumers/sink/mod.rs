//! `consume sink`: batches of JSON events bulk-inserted into a PostgreSQL table.
//!
//! One batch is one transaction. Its values go in by COPY ([`CopyIn`], binary where every
//! column and value allows, else text): straight into
//! the table (for an upsert, while its keys are new to the table), or into a temporary
//! staging table and from there with one `INSERT ... SELECT` (taking column defaults for
//! values missing in some events, and with an upsert key `ON CONFLICT (key) DO UPDATE`,
//! keeping the last event per key). When a value's text
//! would not be what `jsonb_to_record` makes of it, the batch goes as one JSON array through
//! the statement of [`insert_sql`] instead. When the database rejects a row's data
//! (SQLSTATE class 22 or 23: bad number, NULL in a NOT NULL column...), the batch is
//! written again in halves under savepoints, a refused half halved again down to single
//! rows, so only the bad events go to the dead-letter destination, with the database's
//! reason. Events that are not JSON objects go there too.
//! Offsets are committed by the caller after `handle` returns, i.e. after the transaction
//! (and any dead-letter delivery) is durable.
//!
//! Here: the options, the sink and its write path (the transaction, the search for bad rows);
//! `columns.rs` maps the table's columns, `copy_in.rs` and `statement.rs` are the two ways
//! in, `dead_letter.rs` sends the rejects on.

mod cells;
mod columns;
mod copy_binary;
mod copy_in;
mod dead_letter;
mod statement;

use std::collections::BTreeMap;

use super::dead_letter::{DeadLetter, DeadLetters};
use super::{BatchHandler, BatchOutcome, ConsumerError, Event};
use crate::error::Result;
use crate::pg::{query_error, PgError};
use crate::settings::PgSettings;
use cells::Cell;
pub use columns::qualified;
use columns::{check_unique, table_columns};
use copy_in::CopyIn;
use dead_letter::DeadLetterWriter;
pub use statement::insert_sql;
use statement::JsonRows;

pub const DEFAULT_DEAD_LETTER_TABLE: &str = "livedbctl_dead_letters";

#[derive(Debug, Clone)]
pub struct SinkOptions {
    pub table: String,
    /// column -> dotted JSON path; unmapped columns read the same-name field.
    pub map: Vec<(String, String)>,
    pub upsert_key: Vec<String>,
    pub dead_letter: DeadLetterTarget,
}

#[derive(Debug, Clone)]
pub enum DeadLetterTarget {
    /// A topic: the original key and value, with `dlq.*` headers saying why.
    Topic(String),
    /// A table in the same database, written in the batch's transaction.
    Table(String),
}

#[derive(Debug, Clone)]
pub struct SinkColumn {
    pub name: String,
    pub sql_type: String,
    /// SQL used when the event has no value for the column.
    pub default: Option<String>,
    pub path: String,
}

pub struct Sink {
    client: tokio_postgres::Client,
    /// Each column's member, when every column reads one member of the event by its name
    /// (no dots): events are then read by the scanner first ([`cells::scan_row`]).
    scan_names: Option<Vec<String>>,
    insert: tokio_postgres::Statement,
    copy_in: CopyIn,
    pub columns: Vec<SinkColumn>,
    table: String,
    /// The dead-letter table's insert; `None`: they go to the consumer loop's topic.
    dl_insert: Option<tokio_postgres::Statement>,
}

impl Sink {
    pub async fn open(pg: &PgSettings, opts: &SinkOptions) -> Result<Sink> {
        let client = crate::pg::connect(pg).await?;
        let columns = table_columns(&client, &opts.table, &opts.map).await?;
        for key in &opts.upsert_key {
            if !columns.iter().any(|c| &c.name == key) {
                return Err(ConsumerError::UpsertKeyNotAColumn {
                    column: key.clone(),
                    table: opts.table.clone(),
                    columns: columns.iter().map(|c| c.name.clone()).collect(),
                }
                .into());
            }
        }
        if !opts.upsert_key.is_empty() {
            check_unique(&client, &opts.table, &opts.upsert_key).await?;
        }
        let sql = insert_sql(&opts.table, &columns, &opts.upsert_key);
        let insert = client
            .prepare(&sql)
            .await
            .map_err(|e| ConsumerError::PrepareInsert {
                upsert_key: opts.upsert_key.clone(),
                source: PgError::Query {
                    what: format!("preparing the insert into `{}`", opts.table),
                    source: e,
                },
            })?;
        let copy_in = CopyIn::prepare(&client, &opts.table, &columns, &opts.upsert_key).await?;
        let dl_insert = match &opts.dead_letter {
            DeadLetterTarget::Table(t) => {
                let create = format!(
                    "CREATE TABLE IF NOT EXISTS {} (
                        id BIGSERIAL PRIMARY KEY,
                        received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                        destination TEXT NOT NULL,
                        topic TEXT NOT NULL,
                        partition INTEGER NOT NULL,
                        \"offset\" BIGINT NOT NULL,
                        key BYTEA,
                        payload BYTEA,
                        reason TEXT NOT NULL
                    )",
                    qualified(t)
                );
                // Two sinks starting together can both find the table missing; the one
                // that loses the race gets a duplicate-key or duplicate-table error, and
                // the table then exists.
                let created = match client.batch_execute(&create).await {
                    Err(e) if matches!(e.code().map(|c| c.code()), Some("23505" | "42P07")) => {
                        client.batch_execute(&create).await
                    }
                    other => other,
                };
                created
                    .map_err(|e| query_error(&format!("creating dead-letter table `{t}`"), e))?;
                let st = client
                    .prepare(&format!(
                        "INSERT INTO {} (destination, topic, partition, \"offset\", key, payload, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        qualified(t)
                    ))
                    .await
                    .map_err(|e| query_error(&format!("preparing inserts into dead-letter table `{t}`"), e))?;
                Some(st)
            }
            DeadLetterTarget::Topic(_) => None,
        };
        let scan_names = columns
            .iter()
            .all(|c| !c.path.is_empty() && !c.path.contains('.'))
            .then(|| columns.iter().map(|c| c.path.clone()).collect());
        Ok(Sink {
            client,
            scan_names,
            insert,
            copy_in,
            columns,
            table: opts.table.clone(),
            dl_insert,
        })
    }

    /// The event's value for each column (in column order), or why it has none.
    fn row<'e>(&self, e: &'e Event) -> std::result::Result<Vec<Cell<'e>>, String> {
        let Some(payload) = &e.payload else {
            return Err("the event has no value (a tombstone)".into());
        };
        cells::read_row(payload, &self.columns, self.scan_names.as_deref())
    }
}

impl BatchHandler for Sink {
    async fn handle(
        &mut self,
        batch: &[Event],
        set_aside: &mut DeadLetters,
    ) -> Result<BatchOutcome> {
        let mut rows: Vec<(&Event, Vec<Cell<'_>>)> = Vec::with_capacity(batch.len());
        let mut dead: Vec<DeadLetter<'_>> = Vec::new();
        for e in batch {
            match self.row(e) {
                Ok(r) => rows.push((e, r)),
                Err(reason) => dead.push(DeadLetter { event: e, reason }),
            }
        }
        let table = self.table.clone();
        let what = format!("inserting a batch into `{table}`");
        let mut written = rows.len() as u64;
        let way_in = WayIn {
            copy_in: &self.copy_in,
            insert: &self.insert,
            columns: &self.columns,
        };
        let tx = self
            .client
            .transaction()
            .await
            .map_err(|e| query_error(&what, e))?;
        let mut ways = Ways::default();
        let first_try = way_in.write(&tx, &rows).await;
        let tx = match first_try {
            Ok(way) => {
                ways.add(way, rows.len());
                tx
            }
            Err(e) if is_row_error(&e) => {
                // Find the bad rows; the good ones still go in, in this transaction.
                tx.rollback().await.map_err(|e| query_error(&what, e))?;
                let mut tx = self
                    .client
                    .transaction()
                    .await
                    .map_err(|e| query_error(&what, e))?;
                written = way_in
                    .write_around_bad_rows(&mut tx, &rows, &mut dead, &mut ways)
                    .await
                    .map_err(|e| query_error(&what, e))?;
                tx
            }
            Err(e) => return Err(query_error(&what, e)),
        };
        let dl = DeadLetterWriter {
            st: self.dl_insert.as_ref(),
            table: &table,
        };
        dl.write(&tx, &dead).await?;
        tx.commit()
            .await
            .map_err(|e| query_error(&format!("committing a batch into `{table}`"), e))?;
        // To a topic: the consumer loop sends them (and counts them) before it commits.
        let in_table = if self.dl_insert.is_some() {
            dead.len() as u64
        } else {
            for d in &dead {
                set_aside.set_aside(d.event, d.reason.clone());
            }
            0
        };
        Ok(BatchOutcome {
            written,
            dead_lettered: in_table,
            extra: ways.counts(),
        })
    }
}

/// How a batch's rows went in: its first try, or each part of the search for bad rows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Way {
    CopyBinary,
    CopyText,
    Statement,
}

/// Rows written each way (for the flush records: a table whose rows miss COPY is slower).
#[derive(Default)]
struct Ways([u64; 3]);

impl Ways {
    fn add(&mut self, way: Way, rows: usize) {
        self.0[way as usize] += rows as u64;
    }

    fn counts(&self) -> BTreeMap<String, u64> {
        ["copied_binary", "copied_text", "inserted_by_statement"]
            .iter()
            .zip(self.0)
            .map(|(k, n)| (k.to_string(), n))
            .collect()
    }
}

/// The two ways rows go in ([`CopyIn`], else the statement), and the search for the rows
/// PostgreSQL refuses.
struct WayIn<'s> {
    copy_in: &'s CopyIn,
    insert: &'s tokio_postgres::Statement,
    columns: &'s [SinkColumn],
}

type Rows<'e> = [(&'e Event, Vec<Cell<'e>>)];

impl WayIn<'_> {
    /// The rows by COPY when every value has the same text as the statement would give it,
    /// else as one JSON array through the statement.
    async fn write(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        rows: &Rows<'_>,
    ) -> std::result::Result<Way, tokio_postgres::Error> {
        if rows.is_empty() {
            return Ok(Way::Statement);
        }
        match self.copy_in.insert(tx, rows).await {
            Some(written) => written.map(|binary| {
                if binary {
                    Way::CopyBinary
                } else {
                    Way::CopyText
                }
            }),
            None => {
                let whole = JsonRows::new(self.columns, rows.iter().map(|(_, r)| r.as_slice()));
                tx.execute(self.insert, &[&whole])
                    .await
                    .map(|_| Way::Statement)
            }
        }
    }

    /// After PostgreSQL refused a batch for a row's data: the batch again in halves, each
    /// under a savepoint; a refused half is halved again, down to single rows, each written
    /// by the statement so a refused one is set aside with PostgreSQL's reason. One bad row
    /// among n costs about 2·log2(n) tries where a row at a time cost n. The rows go in in
    /// their order, as a row at a time did: an insert keeps the first event of a key (the
    /// next is refused as a duplicate), an upsert the last. Returns the rows written.
    async fn write_around_bad_rows<'e>(
        &self,
        tx: &mut tokio_postgres::Transaction<'_>,
        rows: &'e Rows<'e>,
        dead: &mut Vec<DeadLetter<'e>>,
        ways: &mut Ways,
    ) -> std::result::Result<u64, tokio_postgres::Error> {
        let mut written = 0u64;
        // Parts left to write, the next on top. The whole was refused: start with halves.
        let mut parts: Vec<&Rows<'e>> = Vec::new();
        push_halves(&mut parts, rows);
        while let Some(part) = parts.pop() {
            let sp = tx.savepoint("livedbctl_part").await?;
            if let [(event, row)] = part {
                let one = JsonRows::new(self.columns, [row.as_slice()]);
                match sp.execute(self.insert, &[&one]).await {
                    Ok(_) => {
                        sp.commit().await?;
                        written += 1;
                        ways.add(Way::Statement, 1);
                    }
                    Err(e) if is_row_error(&e) => {
                        let reason = row_reason(&e);
                        sp.rollback().await?;
                        dead.push(DeadLetter { event, reason });
                    }
                    Err(e) => return Err(e),
                }
                continue;
            }
            match self.write(&sp, part).await {
                Ok(way) => {
                    sp.commit().await?;
                    written += part.len() as u64;
                    ways.add(way, part.len());
                }
                Err(e) if is_row_error(&e) => {
                    sp.rollback().await?;
                    push_halves(&mut parts, part);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(written)
    }
}

/// The two halves of `rows` onto the stack of parts, the first half on top.
fn push_halves<'r, T>(parts: &mut Vec<&'r [T]>, rows: &'r [T]) {
    if rows.len() < 2 {
        parts.extend((!rows.is_empty()).then_some(rows));
        return;
    }
    let (first, second) = rows.split_at(rows.len() / 2);
    parts.push(second);
    parts.push(first);
}

/// Errors about one row's data, not about the table or the connection.
fn is_row_error(e: &tokio_postgres::Error) -> bool {
    e.as_db_error().is_some_and(|d| {
        let c = d.code().code();
        c.starts_with("22") || c.starts_with("23")
    })
}

fn row_reason(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!(
            "rejected by PostgreSQL ({}): {}",
            d.code().code(),
            d.message()
        ),
        None => e.to_string(),
    }
}
