//! The database side of the producer: the one connection allowed to advance the offsets
//! (an advisory lock), and reading pending rows in id order without overtaking an open
//! transaction.

use super::batch_query::{MAX_ID, READ_BATCH};
use super::event::{Columns, Row};
use crate::error::Result;
use crate::pg::query_error;
use crate::pg::run_lock::{self, LockKey, LockWait, Refused};
use crate::pipeline::PipelineError;
use crate::settings::PgSettings;

/// Session advisory lock held by the one producer allowed to advance `producer_offsets`.
pub const PRODUCER_LOCK_KEY: i64 = 0x6c69_7665_6462_0002;

/// Connect and take the producer lock ([`crate::pg::run_lock`]: waits while its holder's
/// process is gone, telling `on_wait`), or say who holds it.
pub(super) async fn connect_locked(
    pg: &PgSettings,
    on_wait: &mut impl FnMut(&LockWait),
) -> Result<tokio_postgres::Client> {
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
    match run_lock::take(
        &client,
        &LockKey::Single(PRODUCER_LOCK_KEY),
        "produce poll",
        on_wait,
    )
    .await
    {
        Ok(()) => Ok(client),
        Err(Refused::Failed(e)) => Err(e),
        Err(Refused::Held { holder, waited }) => Err(PipelineError::ProducerRunning {
            database: pg.dbname.clone(),
            address: pg.address(),
            holder: Refused::describe(&holder, &waited),
        }
        .into()),
    }
}

/// A pending row as read: its id, and the driver's row its event is written from (its
/// columns are not copied out).
pub(super) struct ReadRow {
    pub(super) id: i64,
    row: tokio_postgres::Row,
}

impl ReadRow {
    pub(super) fn columns(&self) -> Columns<'_> {
        Columns {
            id: self.id,
            org: self.row.get(1),
            amount: self.row.get(2),
            region: self.row.get(3),
            created_at_text: self.row.get(5),
        }
    }

    pub(super) fn to_row(&self) -> Row {
        row_of(&self.row)
    }
}

/// Pending rows after `after`, in id order, cut before the first row a still-running
/// transaction could precede. Returns (rows, held_back, max_id).
pub(super) async fn read_batch(
    client: &tokio_postgres::Client,
    after: i64,
    limit: i64,
) -> std::result::Result<(Vec<ReadRow>, bool, i64), tokio_postgres::Error> {
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
    for row in rows {
        let horizon = row.get::<_, i64>(7) as u32;
        let xmin = xmin_of(&row);
        // Frozen/bootstrap xids (< 3) are older than everything.
        let settled = xmin < 3 || (horizon.wrapping_sub(xmin) as i32) > 0;
        if !settled {
            held_back = true;
            break;
        }
        out.push(ReadRow {
            id: row.get(0),
            row,
        });
    }
    Ok((out, held_back, max_id))
}

/// The row `id` as `produce poll` reads it (None: no such row), read with the producer's
/// own statement, so the event made from it is exactly the one it publishes.
pub async fn read_row(
    client: &tokio_postgres::Client,
    id: i64,
) -> std::result::Result<Option<Row>, tokio_postgres::Error> {
    let after = (id - 1) as i32;
    let limit = 1i64;
    let rows = client.query(READ_BATCH, &[&after, &limit]).await?;
    Ok(rows.iter().map(row_of).find(|r| r.id == id))
}

fn xmin_of(r: &tokio_postgres::Row) -> u32 {
    r.get::<_, i64>(6) as u32
}

fn row_of(r: &tokio_postgres::Row) -> Row {
    Row {
        id: r.get(0),
        org: r.get(1),
        amount: r.get(2),
        region: r.get(3),
        // Beyond chrono's range (the year 287,000): no value for the bookkeeping column;
        // the event takes the text.
        created_at: r.try_get(4).ok().flatten(),
        created_at_text: r.get(5),
        xmin: xmin_of(r),
    }
}
