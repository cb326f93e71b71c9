//! Versioned SQL from `sql/`, embedded in the binary, applied in order, each in its own
//! transaction, recorded in `livedbctl_migrations`. Applying twice changes nothing.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::pg::query_error;

/// What the schema's migrations refuse, in their own words; the command layer adds what
/// to do.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// The database was migrated by a newer livedbctl.
    #[error("the database has migration {0}, newer than this livedbctl knows")]
    Newer(i32),
}

impl From<MigrateError> for Error {
    fn from(e: MigrateError) -> Self {
        Error::from_domain(crate::error::ErrorKind::Runtime, e)
    }
}

pub struct Migration {
    pub version: i32,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_livedb.sql",
        sql: include_str!("../../sql/0001_livedb.sql"),
    },
    Migration {
        version: 2,
        name: "0002_producer_bookkeeping.sql",
        sql: include_str!("../../sql/0002_producer_bookkeeping.sql"),
    },
];

/// Serialises concurrent `migrate` runs (two `infra up` at once).
const LOCK_KEY: i64 = 0x6c69_7665_6462_0001;

#[derive(Debug, Clone, Serialize)]
pub struct MigrationState {
    pub version: i32,
    pub name: String,
    pub applied: bool,
    /// RFC 3339 time it was applied, when it was.
    pub applied_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MigrateOutcome {
    /// Migrations applied by this run.
    pub applied: Vec<String>,
    /// Migrations that were already in place.
    pub already_applied: usize,
}

async fn ensure_table(client: &tokio_postgres::Client) -> Result<()> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS livedbctl_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )",
        )
        .await
        .map_err(|e| query_error("creating livedbctl_migrations", e))
}

pub async fn apply(client: &mut tokio_postgres::Client) -> Result<MigrateOutcome> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&LOCK_KEY])
        .await
        .map_err(|e| query_error("taking the migration lock", e))?;
    let result = apply_locked(client).await;
    let _ = client
        .execute("SELECT pg_advisory_unlock($1)", &[&LOCK_KEY])
        .await;
    result
}

async fn apply_locked(client: &mut tokio_postgres::Client) -> Result<MigrateOutcome> {
    ensure_table(client).await?;
    let mut outcome = MigrateOutcome {
        applied: Vec::new(),
        already_applied: 0,
    };
    for m in MIGRATIONS {
        let tx = client
            .transaction()
            .await
            .map_err(|e| query_error("starting a transaction", e))?;
        let done = tx
            .query_opt(
                "SELECT 1 FROM livedbctl_migrations WHERE version = $1",
                &[&m.version],
            )
            .await
            .map_err(|e| query_error("reading livedbctl_migrations", e))?;
        if done.is_some() {
            outcome.already_applied += 1;
            continue;
        }
        tx.batch_execute(m.sql)
            .await
            .map_err(|e| query_error(&format!("applying migration {}", m.name), e))?;
        tx.execute(
            "INSERT INTO livedbctl_migrations (version, name) VALUES ($1, $2)",
            &[&m.version, &m.name],
        )
        .await
        .map_err(|e| query_error("recording the migration", e))?;
        tx.commit()
            .await
            .map_err(|e| query_error(&format!("committing migration {}", m.name), e))?;
        outcome.applied.push(m.name.to_string());
    }
    Ok(outcome)
}

pub async fn status(client: &tokio_postgres::Client) -> Result<Vec<MigrationState>> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('livedbctl_migrations') IS NOT NULL",
            &[],
        )
        .await
        .map_err(|e| query_error("looking for livedbctl_migrations", e))?
        .get(0);
    let mut applied = std::collections::BTreeMap::new();
    if exists {
        for row in client
            .query("SELECT version, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM livedbctl_migrations", &[])
            .await
            .map_err(|e| query_error("reading livedbctl_migrations", e))?
        {
            applied.insert(row.get::<_, i32>(0), row.get::<_, String>(1));
        }
    }
    if let Some(max) = applied.keys().max() {
        if *max > MIGRATIONS.last().map(|m| m.version).unwrap_or(0) {
            return Err(MigrateError::Newer(*max).into());
        }
    }
    Ok(MIGRATIONS
        .iter()
        .map(|m| MigrationState {
            version: m.version,
            name: m.name.to_string(),
            applied: applied.contains_key(&m.version),
            applied_at: applied.get(&m.version).cloned(),
        })
        .collect())
}

/// What `db status` shows: migrations, the table's size, and where the producer is.
#[derive(Debug, Clone, Serialize)]
pub struct DbOverview {
    pub database: String,
    pub migrations: Vec<MigrationState>,
    pub pending: usize,
    /// Rows in `livedb`; null when the table does not exist yet.
    pub rows: Option<i64>,
    /// Highest `livedb.id`; null when the table is empty or missing.
    pub max_id: Option<i64>,
    /// The producer's offset row; null when `producer_offsets` is missing or empty.
    pub producer: Option<ProducerOffset>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProducerOffset {
    pub last_id: i64,
    /// `last_created_at` as stored (the column has no time zone), `YYYY-MM-DDTHH:MM:SS.ffffff`.
    pub last_created_at: String,
    pub updated_at: Option<String>,
    /// Rows in `livedb` with an id above `last_id`: not yet published.
    pub lag: i64,
}

async fn table_exists(client: &tokio_postgres::Client, name: &str) -> Result<bool> {
    Ok(client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&name])
        .await
        .map_err(|e| query_error(&format!("looking for table {name}"), e))?
        .get(0))
}

pub async fn overview(client: &tokio_postgres::Client, database: &str) -> Result<DbOverview> {
    let migrations = status(client).await?;
    let pending = migrations.iter().filter(|m| !m.applied).count();
    let (mut rows, mut max_id, mut producer) = (None, None, None);
    if table_exists(client, "public.livedb").await? {
        let r = client
            .query_one("SELECT count(*), max(id)::bigint FROM livedb", &[])
            .await
            .map_err(|e| query_error("counting livedb rows", e))?;
        rows = Some(r.get::<_, i64>(0));
        max_id = r.get::<_, Option<i64>>(1);
        if table_exists(client, "public.producer_offsets").await? {
            let r = client
                .query_opt(
                    "SELECT last_id::bigint,
                            to_char(last_created_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'),
                            to_char(updated_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'),
                            (SELECT count(*) FROM livedb WHERE id > o.last_id)
                     FROM producer_offsets o WHERE id = 1",
                    &[],
                )
                .await
                .map_err(|e| query_error("reading producer_offsets", e))?;
            producer = r.map(|r| ProducerOffset {
                last_id: r.get(0),
                last_created_at: r.get(1),
                updated_at: r.get(2),
                lag: r.get(3),
            });
        }
    }
    Ok(DbOverview {
        database: database.to_string(),
        migrations,
        pending,
        rows,
        max_id,
        producer,
    })
}
