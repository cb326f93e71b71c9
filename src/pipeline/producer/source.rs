//! The database side of the producer: the one connection allowed to advance the offsets
//! (an advisory lock), and reading pending rows in id order without overtaking an open
//! transaction.

use super::batch_query::{MAX_ID, READ_BATCH};
use super::event::Row;
use crate::error::Result;
use crate::pg::query_error;
use crate::pipeline::PipelineError;
use crate::settings::PgSettings;

/// Session advisory lock held by the one producer allowed to advance `producer_offsets`.
pub const PRODUCER_LOCK_KEY: i64 = 0x6c69_7665_6462_0002;

/// Connect and take the producer lock, or say who holds it.
pub(super) async fn connect_locked(pg: &PgSettings) -> Result<tokio_postgres::Client> {
    let client = crate::pg::connect(pg).await?;
    for table in ["livedb", "producer_offsets"] {
        client
            .execute(&format!("SELECT 1 FROM {table} LIMIT 0"), &[])
            .await
            .map_err(|e| {
                query_error(
                    &format!("checking table {table} in database `{}`", pg.dbname),
                    e,
                )
            })?;
    }
    let got: bool = client
        .query_one("SELECT pg_try_advisory_lock($1)", &[&PRODUCER_LOCK_KEY])
        .await
        .map_err(|e| query_error("taking the producer lock", e))?
        .get(0);
    if !got {
        let holder = client
            .query_opt(
                "SELECT a.pid, coalesce(a.client_addr::text, 'local'), to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS')
                 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295) AND l.objsubid = 1",
                &[&PRODUCER_LOCK_KEY],
            )
            .await
            .ok()
            .flatten()
            .map(|r| format!(" (PostgreSQL backend pid {}, from {}, connected since {})", r.get::<_, i32>(0), r.get::<_, String>(1), r.get::<_, String>(2)))
            .unwrap_or_default();
        return Err(PipelineError::ProducerRunning {
            database: pg.dbname.clone(),
            address: pg.address(),
            holder,
        }
        .into());
    }
    Ok(client)
}

/// Pending rows after `after`, in id order, cut before the first row a still-running
/// transaction could precede. Returns (rows, held_back, max_id).
pub(super) async fn read_batch(
    client: &tokio_postgres::Client,
    after: i64,
    limit: i64,
) -> std::result::Result<(Vec<Row>, bool, i64), tokio_postgres::Error> {
    let after32 = after as i32;
    // Both statements go out at once on the one connection (pipelined).
    let params: [&(dyn tokio_postgres::types::ToSql + Sync); 2] = [&after32, &limit];
    let (rows, max_id) = futures::try_join!(
        client.query(READ_BATCH, &params),
        client.query_one(MAX_ID, &[]),
    )?;
    let max_id: i64 = max_id.get(0);
    let mut out = Vec::with_capacity(rows.len());
    let mut held_back = false;
    for r in rows {
        let horizon = r.get::<_, i64>(7) as u32;
        let row = Row {
            id: r.get(0),
            org: r.get(1),
            amount: r.get(2),
            region: r.get(3),
            created_at: r.get(4),
            created_at_utc: r.get(5),
            xmin: r.get::<_, i64>(6) as u32,
        };
        // Frozen/bootstrap xids (< 3) are older than everything.
        let settled = row.xmin < 3 || (horizon.wrapping_sub(row.xmin) as i32) > 0;
        if !settled {
            held_back = true;
            break;
        }
        out.push(row);
    }
    Ok((out, held_back, max_id))
}
