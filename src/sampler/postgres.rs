//! The PostgreSQL part of a sample, on one connection kept open between samples: insert
//! counters of every table, the database size, `produce poll`'s offset and lag,
//! replication slots, CDC connectors, and stream jobs' runs (their locks) and checkpoints.
//! A handful of cheap statements per round (counted).

use std::collections::BTreeMap;

use serde_json::Value;

use super::seams::{self, SeamError};
use super::snapshot::{ConnectorStat, PgSnapshot, ProducerStat, ResultSet, TableStat};
use crate::groups::lag::rate_per_sec;
use crate::settings::PgSettings;
use crate::stream::store::Runs;

/// The size is a directory walk on the server: read it every few rounds only.
const SIZE_EVERY: u64 = 5;
/// Stream jobs' checkpoints read per round (the newest).
const CHECKPOINTS_LIMIT: u32 = 50;

pub struct PgSampler {
    settings: PgSettings,
    results_table: Option<String>,
    client: Option<tokio_postgres::Client>,
    /// Prepared once per connection: a statement sent by name costs the server no parse
    /// and half the round trips of an unnamed one.
    stats_stmt: Option<tokio_postgres::Statement>,
    producer_stmt: Option<tokio_postgres::Statement>,
    /// The runs statement, and whether it reads the checkpoints table (which `stream run`
    /// creates: prepared again once it appears).
    runs_stmt: Option<(bool, tokio_postgres::Statement)>,
    prev: Option<Prev>,
    size: Option<i64>,
    rounds: u64,
    /// Statements sent since start.
    pub statements: u64,
}

struct Prev {
    t_ms: i64,
    inserted: BTreeMap<String, i64>,
    producer_last_id: Option<i64>,
}

pub struct PgRound {
    pub snapshot: PgSnapshot,
    pub connectors: Vec<ConnectorStat>,
    pub results: Option<ResultSet>,
    /// Stream jobs' runs and checkpoints; `Err` says why they could not be read.
    pub runs: Result<Runs, String>,
}

/// Table statistics, whether `produce poll`'s tables and the stream checkpoints exist, and
/// (when `$1`) the database size.
fn stats_sql() -> String {
    format!(
        "SELECT
    (SELECT coalesce(json_agg(json_build_array(schemaname || '.' || relname, n_tup_ins, n_live_tup)), '[]'::json)
       FROM pg_stat_user_tables),
    to_regclass('public.livedb') IS NOT NULL AND to_regclass('public.producer_offsets') IS NOT NULL,
    CASE WHEN $1 THEN pg_database_size(current_database()) END,
    to_regclass('{}') IS NOT NULL",
        seams::CHECKPOINTS_TABLE
    )
}

/// What one round read besides the snapshot's PostgreSQL part.
struct Inner {
    connectors: Vec<ConnectorStat>,
    runs: Result<Runs, String>,
}

const PRODUCER_SQL: &str = "SELECT o.last_id::bigint,
    (SELECT max(id) FROM livedb)::bigint,
    to_char(o.updated_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'),
    (SELECT (extract(epoch FROM localtimestamp - l.created_at) * 1000)::bigint
       FROM livedb l WHERE l.id > o.last_id ORDER BY l.id LIMIT 1),
    (SELECT (extract(epoch FROM localtimestamp - max(created_at)) * 1000)::bigint FROM livedb)
  FROM producer_offsets o WHERE o.id = 1";

impl PgSampler {
    pub fn new(settings: PgSettings, results_table: Option<String>) -> PgSampler {
        PgSampler {
            settings,
            results_table,
            client: None,
            stats_stmt: None,
            producer_stmt: None,
            runs_stmt: None,
            prev: None,
            size: None,
            rounds: 0,
            statements: 0,
        }
    }

    /// Drop the connection (after a round that did not finish in time).
    pub fn reset(&mut self) {
        self.client = None;
        self.stats_stmt = None;
        self.producer_stmt = None;
        self.runs_stmt = None;
    }

    pub async fn sample(&mut self, now_ms: i64) -> PgRound {
        let mut snap = PgSnapshot {
            database: self.settings.dbname.clone(),
            ..PgSnapshot::default()
        };
        match self.sample_inner(now_ms, &mut snap).await {
            Ok(inner) => {
                snap.up = true;
                let results = self.results().await;
                PgRound {
                    snapshot: snap,
                    connectors: inner.connectors,
                    results,
                    runs: inner.runs,
                }
            }
            Err(e) => {
                // Reconnect next round; a closed connection must not stay cached.
                self.reset();
                snap.error = Some(e.to_string());
                snap.size_bytes = self.size;
                PgRound {
                    snapshot: snap,
                    connectors: Vec::new(),
                    results: None,
                    runs: Err("PostgreSQL is not answering".into()),
                }
            }
        }
    }

    /// The newest windows of the stream job's results table, when one is configured and
    /// exists (a missing table is not an error: the job may not have run yet).
    async fn results(&mut self) -> Option<ResultSet> {
        let table = self.results_table.clone()?;
        let client = self.client.as_ref()?;
        let quoted = table
            .split('.')
            .map(crate::pg::ident)
            .collect::<Vec<_>>()
            .join(".");
        let sql = format!(
            "SELECT coalesce(json_agg(t), '[]'::json) FROM \
             (SELECT * FROM {quoted} ORDER BY window_start DESC LIMIT 100) t"
        );
        self.statements += 1;
        let row = client.query_one(&sql, &[]).await.ok()?;
        let rows: Value = row.get(0);
        Some(super::results::windows_from_rows(
            &table,
            rows.as_array().map(Vec::as_slice).unwrap_or_default(),
        ))
    }

    async fn sample_inner(
        &mut self,
        now_ms: i64,
        snap: &mut PgSnapshot,
    ) -> Result<Inner, SeamError> {
        if self.client.as_ref().is_none_or(|c| c.is_closed()) {
            self.statements += 1; // naming the connection
            self.client = Some(seams::pg_connect(&self.settings).await?);
            self.stats_stmt = None;
            self.producer_stmt = None;
            self.runs_stmt = None;
        }
        let client = self.client.as_ref().expect("connected above");
        self.rounds += 1;
        let want_size = self.size.is_none() || self.rounds % SIZE_EVERY == 1;
        if self.stats_stmt.is_none() {
            self.statements += 1;
            self.stats_stmt = Some(
                client
                    .prepare(&stats_sql())
                    .await
                    .map_err(SeamError::query("preparing the statistics query"))?,
            );
        }
        let stats_stmt = self.stats_stmt.as_ref().expect("prepared above");
        self.statements += 1;
        let row = client
            .query_one(stats_stmt, &[&want_size])
            .await
            .map_err(SeamError::query("reading statistics"))?;
        let tables: Value = row.get(0);
        let has_producer: bool = row.get(1);
        let has_checkpoints: bool = row.get(3);
        if let Some(size) = row.get::<_, Option<i64>>(2) {
            self.size = Some(size);
        }
        snap.size_bytes = self.size;

        let mut inserted = BTreeMap::new();
        let mut rows: Vec<TableStat> = Vec::new();
        for t in tables.as_array().into_iter().flatten() {
            let name = t[0].as_str().unwrap_or_default().to_string();
            let ins = t[1].as_i64().unwrap_or(0);
            let live = t[2].as_i64().unwrap_or(0);
            let rate = self.prev.as_ref().and_then(|p| {
                p.inserted
                    .get(&name)
                    .and_then(|&before| rate_per_sec(before, ins, now_ms - p.t_ms))
            });
            inserted.insert(name.clone(), ins);
            rows.push(TableStat {
                table: name,
                inserted_total: ins,
                live_rows: live,
                rows_per_sec: rate,
            });
        }
        rows.sort_by(|a, b| {
            b.inserted_total
                .cmp(&a.inserted_total)
                .then(a.table.cmp(&b.table))
        });
        snap.inserted_rows_per_sec = if self.prev.is_some() {
            Some(rows.iter().filter_map(|t| t.rows_per_sec).sum())
        } else {
            None
        };
        snap.tables = rows;

        let mut producer_last_id = None;
        if has_producer {
            if self.producer_stmt.is_none() {
                self.statements += 1;
                self.producer_stmt = Some(
                    client
                        .prepare(PRODUCER_SQL)
                        .await
                        .map_err(SeamError::query("preparing the producer query"))?,
                );
            }
            let producer_stmt = self.producer_stmt.as_ref().expect("prepared above");
            self.statements += 1;
            let r = client
                .query_opt(producer_stmt, &[])
                .await
                .map_err(SeamError::query("reading producer_offsets"))?;
            if let Some(r) = r {
                let last_id: i64 = r.get(0);
                let max_id: Option<i64> = r.get(1);
                let behind: Option<i64> = r.get(3);
                producer_last_id = Some(last_id);
                snap.producer = Some(ProducerStat {
                    last_id,
                    max_id,
                    lag_rows: max_id.map(|m| (m - last_id).max(0)).unwrap_or(0),
                    time_behind_ms: Some(behind.unwrap_or(0).max(0)),
                    rows_per_sec: self.prev.as_ref().and_then(|p| {
                        p.producer_last_id
                            .and_then(|before| rate_per_sec(before, last_id, now_ms - p.t_ms))
                    }),
                    updated_at: r.get(2),
                    newest_row_age_ms: r.get::<_, Option<i64>>(4).map(|a| a.max(0)),
                });
            }
        }

        self.statements += 1;
        let slots = seams::slots(client).await?;
        snap.slots = seams::slot_stats(&slots);
        let (connectors, statements) = seams::connectors(client, &slots).await?;
        self.statements += statements as u64;

        self.prev = Some(Prev {
            t_ms: now_ms,
            inserted,
            producer_last_id,
        });
        let runs = self.runs(has_checkpoints).await.map_err(|e| e.to_string());
        Ok(Inner { connectors, runs })
    }

    /// Who runs which stream job (its lock) and the checkpoints saved: one statement,
    /// prepared again when the checkpoints table appears.
    async fn runs(&mut self, has_checkpoints: bool) -> Result<Runs, SeamError> {
        let client = self.client.as_ref().expect("connected by the caller");
        if self
            .runs_stmt
            .as_ref()
            .is_none_or(|(t, _)| *t != has_checkpoints)
        {
            self.statements += 1;
            let stmt = client
                .prepare(&seams::runs_sql(has_checkpoints, CHECKPOINTS_LIMIT))
                .await
                .map_err(SeamError::query("preparing the stream jobs query"))?;
            self.runs_stmt = Some((has_checkpoints, stmt));
        }
        let (_, stmt) = self.runs_stmt.as_ref().expect("prepared above");
        self.statements += 1;
        let row = client.query_one(stmt, &[]).await.map_err(SeamError::query(
            "reading stream jobs' runs and checkpoints",
        ))?;
        seams::read_runs(&row)
    }
}
