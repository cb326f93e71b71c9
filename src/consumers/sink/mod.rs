//! `consume sink`: batches of JSON events bulk-inserted into a PostgreSQL table.
//!
//! One batch is one transaction. Its values go in as COPY text ([`CopyIn`]): straight into
//! the table (for an upsert, while its keys are new to the table), or into a temporary
//! staging table and from there with one `INSERT ... SELECT` (taking column defaults for
//! values missing in some events, and with an upsert key `ON CONFLICT (key) DO UPDATE`,
//! keeping the last event per key). When a value's text
//! would not be what `jsonb_to_record` makes of it, the batch goes as one JSON array through
//! the statement of [`insert_sql`] instead. When the database rejects a row's data
//! (SQLSTATE class 22 or 23: bad number, NULL in a NOT NULL column...), the batch is
//! retried row by row under savepoints so only the bad events go to the dead-letter
//! destination, with the database's reason. Events that are not JSON objects go there too.
//! Offsets are committed by the caller after `handle` returns, i.e. after the transaction
//! (and any dead-letter delivery) is durable.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;
use futures::SinkExt;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde_json::{Map, Value as Json};
use tokio_postgres::error::SqlState;

use super::{BatchHandler, BatchOutcome, ConsumerError, Event};
use crate::error::{Error, Result};
use crate::json_path;
use crate::pg::{copy, ident, query_error};
use crate::settings::{KafkaSettings, PgSettings};

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
    insert: tokio_postgres::Statement,
    copy_in: CopyIn,
    pub columns: Vec<SinkColumn>,
    table: String,
    dead_letter: DeadLetterTarget,
    dl_insert: Option<tokio_postgres::Statement>,
    producer: Option<FutureProducer>,
}

struct DeadLetter<'a> {
    event: &'a Event,
    reason: String,
}

impl Sink {
    pub async fn open(pg: &PgSettings, k: &KafkaSettings, opts: &SinkOptions) -> Result<Sink> {
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
        let insert = client.prepare(&sql).await.map_err(|e| {
            let err = query_error(&format!("preparing the insert into `{}`", opts.table), e);
            if err.code.as_deref() == Some("42P10") {
                err.hint(format!(
                    "an upsert needs a unique index or primary key on ({})",
                    opts.upsert_key.join(", ")
                ))
            } else {
                err
            }
        })?;
        let copy_in = CopyIn::prepare(&client, &opts.table, &columns, &opts.upsert_key).await?;
        let (dl_insert, producer) = match &opts.dead_letter {
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
                (Some(st), None)
            }
            DeadLetterTarget::Topic(topic) => {
                ensure_topic(k, topic).await?;
                (None, Some(crate::kafka::send::producer(k)?))
            }
        };
        Ok(Sink {
            client,
            insert,
            copy_in,
            columns,
            table: opts.table.clone(),
            dead_letter: opts.dead_letter.clone(),
            dl_insert,
            producer,
        })
    }

    /// The event's value for each column (in column order), or why it has none.
    fn row(&self, e: &Event) -> std::result::Result<Vec<Json>, String> {
        let Some(payload) = &e.payload else {
            return Err("the event has no value (a tombstone)".into());
        };
        // The fields the columns need, without parsing the rest of the event. A field no
        // `Value` can hold takes the whole parse below, which words the dead letter.
        if let Some(fields) = json_path::Fields::parse(payload) {
            let row: serde_json::Result<Vec<Json>> = self
                .columns
                .iter()
                .map(|c| fields.get(&c.path).map(|v| v.unwrap_or(Json::Null)))
                .collect();
            if let Ok(row) = row {
                return Ok(row);
            }
        }
        let doc: Json =
            serde_json::from_slice(payload).map_err(|err| format!("not valid JSON: {err}"))?;
        if !doc.is_object() {
            return Err("not a JSON object".into());
        }
        Ok(self
            .columns
            .iter()
            .map(|c| {
                json_path::lookup(&doc, &c.path)
                    .cloned()
                    .unwrap_or(Json::Null)
            })
            .collect())
    }

    async fn publish_dead_letters(&self, dead: &[DeadLetter<'_>]) -> Result<()> {
        let (Some(producer), DeadLetterTarget::Topic(topic)) = (&self.producer, &self.dead_letter)
        else {
            return Ok(());
        };
        let mut pending = Vec::with_capacity(dead.len());
        for d in dead {
            let (partition, offset) = (d.event.partition.to_string(), d.event.offset.to_string());
            let headers = OwnedHeaders::new()
                .insert(Header {
                    key: "dlq.reason",
                    value: Some(d.reason.as_bytes()),
                })
                .insert(Header {
                    key: "dlq.topic",
                    value: Some(d.event.topic.as_bytes()),
                })
                .insert(Header {
                    key: "dlq.partition",
                    value: Some(partition.as_bytes()),
                })
                .insert(Header {
                    key: "dlq.offset",
                    value: Some(offset.as_bytes()),
                })
                .insert(Header {
                    key: "dlq.destination",
                    value: Some(self.table.as_bytes()),
                });
            let mut rec: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(topic).headers(headers);
            if let Some(k) = &d.event.key {
                rec = rec.key(&k[..]);
            }
            if let Some(p) = &d.event.payload {
                rec = rec.payload(&p[..]);
            }
            pending.push(producer.send(rec, Duration::from_secs(30)));
        }
        for r in futures::future::join_all(pending).await {
            if let Err((e, _)) = r {
                return Err(Error::runtime(format!(
                    "sending to dead-letter topic `{topic}` failed: {e}"
                ))
                .hint("offsets were not committed: the batch will be read again"));
            }
        }
        Ok(())
    }
}

impl BatchHandler for Sink {
    async fn handle(&mut self, batch: &[Event]) -> Result<BatchOutcome> {
        let mut rows: Vec<(&Event, Vec<Json>)> = Vec::with_capacity(batch.len());
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
        let tx = self
            .client
            .transaction()
            .await
            .map_err(|e| query_error(&what, e))?;
        // COPY when every value has the same text as the statement below would give it;
        // else (or when PostgreSQL rejects a row) the statement, row by row if need be.
        let first_try = if rows.is_empty() {
            Ok(())
        } else {
            match self.copy_in.insert(&tx, &rows).await {
                Some(written) => written,
                None => {
                    let whole = Json::Array(
                        rows.iter()
                            .map(|(_, r)| row_object(&self.columns, r))
                            .collect(),
                    );
                    tx.execute(&self.insert, &[&whole]).await.map(|_| ())
                }
            }
        };
        let tx = match first_try {
            Ok(_) => tx,
            Err(e) if is_row_error(&e) => {
                // Find the bad rows one by one; the good ones still go in, in this transaction.
                tx.rollback().await.map_err(|e| query_error(&what, e))?;
                let mut tx = self
                    .client
                    .transaction()
                    .await
                    .map_err(|e| query_error(&what, e))?;
                written = 0;
                for (ev, row) in &rows {
                    let sp = tx
                        .savepoint("livedbctl_row")
                        .await
                        .map_err(|e| query_error(&what, e))?;
                    match sp
                        .execute(
                            &self.insert,
                            &[&Json::Array(vec![row_object(&self.columns, row)])],
                        )
                        .await
                    {
                        Ok(_) => {
                            sp.commit().await.map_err(|e| query_error(&what, e))?;
                            written += 1;
                        }
                        Err(e) if is_row_error(&e) => {
                            let reason = row_reason(&e);
                            sp.rollback().await.map_err(|e| query_error(&what, e))?;
                            dead.push(DeadLetter { event: ev, reason });
                        }
                        Err(e) => return Err(query_error(&what, e)),
                    }
                }
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
        self.publish_dead_letters(&dead).await?;
        Ok(BatchOutcome {
            written,
            dead_lettered: dead.len() as u64,
            extra: BTreeMap::new(),
        })
    }
}

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
/// defaults and upsert as [`insert_sql`].
///
/// An upsert first tries the straight COPY too, under a savepoint: while its keys are new
/// to the table (a first load, a replay into an empty table), that is all it takes. The
/// first batch that hits an existing key (or repeats one) goes through the staging table's
/// `ON CONFLICT`, and so does every batch after it in this run.
struct CopyIn {
    table: String,
    columns: Vec<(String, ColumnKind, bool)>,
    upsert: bool,
    /// An upsert batch met a key already in the table: no more straight COPYs.
    conflicts_seen: AtomicBool,
    from_stage: tokio_postgres::Statement,
}

/// The session's staging table (in `pg_temp`, emptied at every commit).
const STAGE: &str = "pg_temp.livedbctl_sink_stage";

/// Name of the row number in the batch (for "the last event per key wins").
const ORD: &str = "livedbctl_ord";

/// What decides a value's text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ColumnKind {
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
    fn of(sql_type: &str) -> ColumnKind {
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
    async fn prepare(
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
        })
    }

    /// Write the batch by COPY; None (and nothing written) when a value's text could differ
    /// from what the JSON statement stores.
    async fn insert(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        rows: &[(&Event, Vec<Json>)],
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
    fn encode(&self, rows: &[(&Event, Vec<Json>)], staged: bool) -> Option<Encoded> {
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
        let sql = match &batch.direct {
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
        let sink = tx.copy_in(&sql).await?;
        futures::pin_mut!(sink);
        sink.send(batch.data).await?;
        sink.finish().await?;
        if batch.direct.is_none() {
            tx.execute(&self.from_stage, &[]).await?;
        }
        Ok(())
    }
}

/// Append a value as the COPY field of the text `jsonb_to_record` would have given the
/// column's input function: null as NULL, strings as themselves, numbers and booleans as
/// their JSON text, anything for a `jsonb` column as JSON. None for what only the statement
/// gets right (objects and arrays outside `jsonb`, exponents outside `double precision`,
/// anything for `json`).
fn copy_field(kind: ColumnKind, v: &Json, out: &mut String) -> Option<()> {
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

/// A row as the `{column: value}` object the JSON statement takes.
fn row_object(columns: &[SinkColumn], values: &[Json]) -> Json {
    let mut row = Map::new();
    for (c, v) in columns.iter().zip(values) {
        row.insert(c.name.clone(), v.clone());
    }
    Json::Object(row)
}

struct DeadLetterWriter<'a> {
    st: Option<&'a tokio_postgres::Statement>,
    table: &'a str,
}

impl DeadLetterWriter<'_> {
    async fn write(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        dead: &[DeadLetter<'_>],
    ) -> Result<()> {
        let Some(st) = self.st else { return Ok(()) };
        for d in dead {
            tx.execute(
                st,
                &[
                    &self.table,
                    &d.event.topic,
                    &d.event.partition,
                    &d.event.offset,
                    &d.event.key,
                    &d.event.payload,
                    &d.reason,
                ],
            )
            .await
            .map_err(|e| query_error("writing a dead letter", e))?;
        }
        Ok(())
    }
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

/// ON CONFLICT needs a unique index on exactly the key columns; PostgreSQL would only say
/// so when the first batch runs.
async fn check_unique(client: &tokio_postgres::Client, table: &str, key: &[String]) -> Result<()> {
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

/// `schema.table` or `table`, quoted.
pub fn qualified(name: &str) -> String {
    match name.split_once('.') {
        Some((schema, table)) => format!("{}.{}", ident(schema), ident(table)),
        None => ident(name),
    }
}

async fn table_columns(
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
        return Err(Error::not_found(format!("table `{table}` does not exist"))
            .hint("create it first (or name it as schema.table); `consume sink` writes into an existing table"));
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
fn insert_sql_from(
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

async fn ensure_topic(k: &KafkaSettings, topic: &str) -> Result<()> {
    let spec = crate::profile::TopicSpec {
        name: topic.to_string(),
        partitions: 1,
        replication_factor: 1,
        configs: BTreeMap::new(),
    };
    crate::kafka::admin::ensure_topics(k, &[spec], false)
        .await
        .map(|_| ())
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
