//! Connector state kept in PostgreSQL (`livedbctl_connectors`, created on demand in the
//! captured database), replication slots, publications, and the catalog facts the engine
//! needs (primary keys, columns).

use serde::Serialize;
use tokio_postgres::Client;

use crate::cdc::CdcError;
use crate::error::{Error, Result};
use crate::pg::{ident, query_error, PgError};

/// A replication slot the server would not create or drop; the statement's own error
/// underneath (its message, kind and SQLSTATE are the error's).
#[derive(Debug, thiserror::Error)]
pub enum SlotError {
    #[error("{0}")]
    Create(#[source] PgError),
    #[error("{0}")]
    Drop(#[source] PgError),
}

impl SlotError {
    pub fn pg(&self) -> &PgError {
        match self {
            SlotError::Create(e) | SlotError::Drop(e) => e,
        }
    }
}

impl From<SlotError> for Error {
    fn from(e: SlotError) -> Self {
        e.pg().boundary().with_source(e)
    }
}

const STATE_DDL: &str = "CREATE TABLE IF NOT EXISTS livedbctl_connectors (
    name TEXT PRIMARY KEY,
    slot TEXT NOT NULL,
    publication TEXT NOT NULL,
    tables TEXT[] NOT NULL,
    topic_prefix TEXT NOT NULL,
    created_publication BOOLEAN NOT NULL DEFAULT false,
    snapshot_mode TEXT NOT NULL DEFAULT 'initial',
    snapshot_done BOOLEAN NOT NULL DEFAULT false,
    snapshot_xip TEXT,
    options JSONB NOT NULL DEFAULT '{}',
    engine_pid INTEGER,
    engine_host TEXT,
    heartbeat_at TIMESTAMPTZ,
    stopped_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE livedbctl_connectors ADD COLUMN IF NOT EXISTS last_commit_lsn TEXT";

#[derive(Debug, Clone, Serialize)]
pub struct ConnectorRow {
    pub name: String,
    pub slot: String,
    pub publication: String,
    /// `schema.table`
    pub tables: Vec<String>,
    pub topic_prefix: String,
    pub created_publication: bool,
    pub snapshot_mode: String,
    pub snapshot_done: bool,
    /// The snapshot used to deduplicate the switch to streaming (`xmin:xmax:xip,...`).
    pub snapshot_xip: Option<String>,
    /// Event format fixed at creation: tombstones, schemas_enable, decimal_handling,
    /// skipped_operations, transaction_metadata.
    pub options: serde_json::Value,
    /// End of the last transaction the engine confirmed (`source.sequence[0]` after a
    /// restart); None before it streamed one.
    pub last_commit_lsn: Option<String>,
    pub engine_pid: Option<i32>,
    pub engine_host: Option<String>,
    /// Seconds since the engine last reported in (None when it never ran).
    pub heartbeat_age_s: Option<f64>,
}

impl ConnectorRow {
    pub fn topics(&self) -> Vec<String> {
        self.tables
            .iter()
            .map(|t| format!("{}.{t}", self.topic_prefix))
            .collect()
    }
}

pub async fn ensure_state_table(c: &Client) -> Result<()> {
    c.batch_execute(STATE_DDL)
        .await
        .map_err(|e| query_error("creating livedbctl_connectors", e))?;
    c.batch_execute(STOP_REQUEST_DDL)
        .await
        .map_err(|e| query_error("adding stop_requested_at to livedbctl_connectors", e))
}

async fn state_table_exists(c: &Client) -> Result<bool> {
    Ok(c.query_one(
        "SELECT to_regclass('livedbctl_connectors') IS NOT NULL",
        &[],
    )
    .await
    .map_err(|e| query_error("looking for livedbctl_connectors", e))?
    .get(0))
}

const SELECT: &str =
    "SELECT name, slot, publication, tables, topic_prefix, created_publication, snapshot_mode,
    snapshot_done, snapshot_xip, engine_pid, engine_host, options,
    extract(epoch FROM now() - heartbeat_at)::float8,
    -- Read this way, a state table from before the column existed still reads.
    to_jsonb(livedbctl_connectors.*) ->> 'last_commit_lsn' FROM livedbctl_connectors";

fn from_row(r: &tokio_postgres::Row) -> ConnectorRow {
    ConnectorRow {
        name: r.get(0),
        slot: r.get(1),
        publication: r.get(2),
        tables: r.get(3),
        topic_prefix: r.get(4),
        created_publication: r.get(5),
        snapshot_mode: r.get(6),
        snapshot_done: r.get(7),
        snapshot_xip: r.get(8),
        engine_pid: r.get(9),
        engine_host: r.get(10),
        options: r.get(11),
        heartbeat_age_s: r.get(12),
        last_commit_lsn: r.get(13),
    }
}

pub async fn load(c: &Client, name: &str) -> Result<Option<ConnectorRow>> {
    if !state_table_exists(c).await? {
        return Ok(None);
    }
    let row = c
        .query_opt(&format!("{SELECT} WHERE name = $1"), &[&name])
        .await
        .map_err(|e| query_error("reading livedbctl_connectors", e))?;
    Ok(row.as_ref().map(from_row))
}

pub async fn list(c: &Client) -> Result<Vec<ConnectorRow>> {
    if !state_table_exists(c).await? {
        return Ok(Vec::new());
    }
    let rows = c
        .query(&format!("{SELECT} ORDER BY name"), &[])
        .await
        .map_err(|e| query_error("reading livedbctl_connectors", e))?;
    Ok(rows.iter().map(from_row).collect())
}

pub async fn save(c: &Client, r: &ConnectorRow) -> Result<()> {
    c.execute(
        "INSERT INTO livedbctl_connectors (name, slot, publication, tables, topic_prefix, created_publication, snapshot_mode, options)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (name) DO UPDATE SET tables = EXCLUDED.tables, topic_prefix = EXCLUDED.topic_prefix,
             snapshot_mode = EXCLUDED.snapshot_mode, created_publication = EXCLUDED.created_publication,
             options = EXCLUDED.options",
        &[&r.name, &r.slot, &r.publication, &r.tables, &r.topic_prefix, &r.created_publication, &r.snapshot_mode, &r.options],
    )
    .await
    .map_err(|e| query_error("saving the connector in livedbctl_connectors", e))?;
    Ok(())
}

pub async fn mark_snapshot(c: &Client, name: &str, done: bool, xip: Option<&str>) -> Result<()> {
    c.execute(
        "UPDATE livedbctl_connectors SET snapshot_done = $2, snapshot_xip = $3 WHERE name = $1",
        &[&name, &done, &xip],
    )
    .await
    .map_err(|e| query_error("recording the snapshot", e))?;
    Ok(())
}

/// The engine reports in: who runs it, and the end of the last transaction it confirmed.
pub async fn heartbeat(
    c: &Client,
    name: &str,
    pid: i32,
    host: &str,
    last_commit_lsn: Option<&str>,
) -> Result<()> {
    c.execute(
        "UPDATE livedbctl_connectors SET engine_pid = $2, engine_host = $3, heartbeat_at = now(), stopped_at = NULL,
             last_commit_lsn = coalesce($4, last_commit_lsn) WHERE name = $1",
        &[&name, &pid, &host, &last_commit_lsn],
    )
    .await
    .map_err(|e| query_error("updating the connector heartbeat", e))?;
    Ok(())
}

pub async fn mark_stopped(c: &Client, name: &str) -> Result<()> {
    c.execute(
        "UPDATE livedbctl_connectors SET heartbeat_at = NULL, stopped_at = now() WHERE name = $1",
        &[&name],
    )
    .await
    .map_err(|e| query_error("recording the stop", e))?;
    Ok(())
}

/// `connector stop` writes a time here; the running engine's stop watch
/// (`cdc::runner`) sees it change and stops the engine. No process is signalled, so it
/// works from any host and on every OS.
const STOP_REQUEST_DDL: &str =
    "ALTER TABLE livedbctl_connectors ADD COLUMN IF NOT EXISTS stop_requested_at TIMESTAMPTZ";

/// Ask the connector's engine to stop; false when there is no such connector.
pub async fn request_stop(c: &Client, name: &str) -> Result<bool> {
    ensure_state_table(c).await?;
    let n = c
        .execute(
            "UPDATE livedbctl_connectors SET stop_requested_at = clock_timestamp() WHERE name = $1",
            &[&name],
        )
        .await
        .map_err(|e| query_error("requesting the connector to stop", e))?;
    Ok(n > 0)
}

/// The connector's last stop request, as text (compared, never interpreted): `None` when
/// there is none (or no row yet).
pub async fn stop_request(c: &Client, name: &str) -> Result<Option<String>> {
    let row = c
        .query_opt(
            "SELECT stop_requested_at::text FROM livedbctl_connectors WHERE name = $1",
            &[&name],
        )
        .await
        .map_err(|e| query_error("reading the connector's stop request", e))?;
    Ok(row.and_then(|r| r.get(0)))
}

pub async fn delete_row(c: &Client, name: &str) -> Result<()> {
    c.execute("DELETE FROM livedbctl_connectors WHERE name = $1", &[&name])
        .await
        .map_err(|e| query_error("deleting the connector from livedbctl_connectors", e))?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct SlotInfo {
    pub slot: String,
    pub plugin: Option<String>,
    pub database: Option<String>,
    /// A backend is reading from the slot right now.
    pub active: bool,
    pub confirmed_flush_lsn: Option<String>,
    pub restart_lsn: Option<String>,
    /// Bytes of WAL between the server's current position and what the slot confirmed.
    pub lag_bytes: Option<i64>,
    /// Bytes of WAL the server keeps for this slot (from restart_lsn).
    pub retained_bytes: Option<i64>,
    /// reserved / extended / unreserved / lost
    pub wal_status: Option<String>,
}

pub async fn slots(c: &Client, name: Option<&str>) -> Result<Vec<SlotInfo>> {
    let rows = c
        .query(
            "SELECT slot_name::text, plugin::text, database::text, active, confirmed_flush_lsn::text, restart_lsn::text,
                    pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint,
                    pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint,
                    wal_status
             FROM pg_replication_slots WHERE $1::text IS NULL OR slot_name = $1 ORDER BY slot_name",
            &[&name],
        )
        .await
        .map_err(|e| query_error("reading pg_replication_slots", e))?;
    Ok(rows
        .iter()
        .map(|r| SlotInfo {
            slot: r.get(0),
            plugin: r.get(1),
            database: r.get(2),
            active: r.get(3),
            confirmed_flush_lsn: r.get(4),
            restart_lsn: r.get(5),
            lag_bytes: r.get(6),
            retained_bytes: r.get(7),
            wal_status: r.get(8),
        })
        .collect())
}

pub async fn slot(c: &Client, name: &str) -> Result<Option<SlotInfo>> {
    Ok(slots(c, Some(name)).await?.into_iter().next())
}

/// Create a logical slot with pgoutput; returns its consistent point.
pub async fn create_slot(c: &Client, slot: &str) -> Result<String> {
    let row = c
        .query_one(
            "SELECT lsn::text FROM pg_create_logical_replication_slot($1, 'pgoutput')",
            &[&slot],
        )
        .await
        .map_err(|e| {
            SlotError::Create(PgError::Query {
                what: format!("creating replication slot `{slot}`"),
                source: e,
            })
        })?;
    Ok(row.get(0))
}

pub async fn drop_slot(c: &Client, slot: &str) -> Result<()> {
    c.execute("SELECT pg_drop_replication_slot($1)", &[&slot])
        .await
        .map_err(|e| {
            SlotError::Drop(PgError::Query {
                what: format!("dropping replication slot `{slot}`"),
                source: e,
            })
        })?;
    Ok(())
}

/// Move an inactive slot's confirmed position up to `lsn` (never back: a position before
/// it is left alone, as PostgreSQL refuses it).
pub async fn advance_slot(c: &Client, slot: &str, lsn: u64) -> Result<()> {
    let target = crate::cdc::pgoutput::format_lsn(lsn);
    c.execute(
        "SELECT pg_replication_slot_advance(slot_name, $2::text::pg_lsn)
           FROM pg_replication_slots
          WHERE slot_name = $1 AND confirmed_flush_lsn < $2::text::pg_lsn",
        &[&slot, &target],
    )
    .await
    .map_err(|e| query_error(&format!("advancing replication slot `{slot}`"), e))?;
    Ok(())
}

/// Tables in a publication as `schema.table`, or None when it does not exist.
pub async fn publication_tables(c: &Client, publication: &str) -> Result<Option<Vec<String>>> {
    let exists = c
        .query_opt(
            "SELECT puballtables FROM pg_publication WHERE pubname = $1",
            &[&publication],
        )
        .await
        .map_err(|e| query_error("reading pg_publication", e))?;
    if exists.is_none() {
        return Ok(None);
    }
    let rows = c
        .query("SELECT schemaname::text || '.' || tablename::text FROM pg_publication_tables WHERE pubname = $1", &[&publication])
        .await
        .map_err(|e| query_error("reading pg_publication_tables", e))?;
    Ok(Some(rows.iter().map(|r| r.get(0)).collect()))
}

pub use crate::pg::qualified;

pub async fn create_publication(c: &Client, publication: &str, tables: &[String]) -> Result<()> {
    let list: Vec<String> = tables.iter().map(|t| qualified(t)).collect();
    c.batch_execute(&format!(
        "CREATE PUBLICATION {} FOR TABLE {}",
        ident(publication),
        list.join(", ")
    ))
    .await
    .map_err(|e| query_error(&format!("creating publication `{publication}`"), e))
}

pub async fn add_to_publication(c: &Client, publication: &str, tables: &[String]) -> Result<()> {
    let list: Vec<String> = tables.iter().map(|t| qualified(t)).collect();
    c.batch_execute(&format!(
        "ALTER PUBLICATION {} ADD TABLE {}",
        ident(publication),
        list.join(", ")
    ))
    .await
    .map_err(|e| query_error(&format!("adding tables to publication `{publication}`"), e))
}

pub async fn drop_publication(c: &Client, publication: &str) -> Result<()> {
    c.batch_execute(&format!(
        "DROP PUBLICATION IF EXISTS {}",
        ident(publication)
    ))
    .await
    .map_err(|e| query_error(&format!("dropping publication `{publication}`"), e))
}

/// What the catalog says about a column.
#[derive(Debug, Clone)]
pub struct CatalogColumn {
    pub name: String,
    pub type_oid: u32,
    pub typmod: i32,
    pub not_null: bool,
    /// The DEFAULT expression as `pg_get_expr` prints it.
    pub default: Option<String>,
}

/// What the catalog says about a captured table.
#[derive(Debug, Clone)]
pub struct CatalogTable {
    pub oid: u32,
    pub schema: String,
    pub name: String,
    pub replica_identity: u8,
    /// The columns pgoutput sends (not dropped, not generated), in column order.
    pub columns: Vec<CatalogColumn>,
    /// Primary key, else replica-identity index columns, else empty.
    pub key_names: Vec<String>,
}

/// `schema.table` (or `table`, meaning `public.table`) -> (schema, table).
pub fn split_table(t: &str) -> (String, String) {
    match t.split_once('.') {
        Some((s, n)) => (s.to_string(), n.to_string()),
        None => ("public".to_string(), t.to_string()),
    }
}

pub async fn catalog_table(c: &Client, table: &str) -> Result<CatalogTable> {
    let (schema, name) = split_table(table);
    let rel = c
        .query_opt(
            "SELECT c.oid, c.relreplident::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')",
            &[&schema, &name],
        )
        .await
        .map_err(|e| query_error("reading pg_class", e))?
        .ok_or_else(|| CdcError::NoTable {
            schema: schema.to_string(),
            name: name.to_string(),
        })?;
    let oid: u32 = rel.get(0);
    let ident_char: String = rel.get(1);
    let cols = c
        .query(
            "SELECT a.attname::text, a.atttypid, a.atttypmod, a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
             ORDER BY a.attnum",
            &[&oid],
        )
        .await
        .map_err(|e| query_error("reading pg_attribute", e))?;
    let keys = c
        .query(
            "SELECT a.attname::text, i.indisprimary FROM pg_index i
             JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = $1 AND (i.indisprimary OR i.indisreplident)
             ORDER BY i.indisprimary DESC, k.ord",
            &[&oid],
        )
        .await
        .map_err(|e| query_error("reading the primary key", e))?;
    // Only one index's columns: the primary key when there is one (its rows come first).
    let has_pk = keys.first().is_some_and(|r| r.get::<_, bool>(1));
    let key_names: Vec<String> = keys
        .iter()
        .filter(|r| !has_pk || r.get::<_, bool>(1))
        .map(|r| r.get::<_, String>(0))
        .collect();
    Ok(CatalogTable {
        oid,
        schema,
        name,
        replica_identity: ident_char.bytes().next().unwrap_or(b'd'),
        columns: cols
            .iter()
            .map(|r| CatalogColumn {
                name: r.get(0),
                type_oid: r.get(1),
                typmod: r.get(2),
                not_null: r.get(3),
                default: r.get(4),
            })
            .collect(),
        key_names,
    })
}
