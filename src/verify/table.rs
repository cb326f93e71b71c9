//! The database side of the cut: in one repeatable-read snapshot, the highest id, the
//! producer's offset and the rows of the range, each kept as its id and two checksums.

use std::time::Duration;

use futures::TryStreamExt;

use super::compare::{checksum, payload_checksum, RowSeen};
use super::VerifyError;
use crate::error::Result;
use crate::pg::query_error;
use crate::pipeline::producer::batch_query::READ_RANGE;
use crate::pipeline::producer::{event_json, Columns};
use crate::settings::PgSettings;

/// What was asked, before the cut bounds it.
#[derive(Debug, Clone, Default)]
pub struct Range {
    pub from_id: Option<i64>,
    pub to_id: Option<i64>,
    /// Rows created within this long before now.
    pub since: Option<Duration>,
}

/// The database's half of the cut.
#[derive(Debug, Clone)]
pub struct DbCut {
    /// The ids checked: `from_id..=to_id` (empty when `from_id > to_id`).
    pub from_id: i64,
    pub to_id: i64,
    /// `max(livedb.id)` in the snapshot.
    pub max_id: i64,
    /// `producer_offsets.last_id` in the snapshot (0 when no producer ever ran).
    pub producer_last_id: i64,
}

pub async fn read(
    pg: &PgSettings,
    range: &Range,
    mut progress: impl FnMut(u64),
) -> Result<(DbCut, Vec<RowSeen>)> {
    if let (Some(from), Some(to)) = (range.from_id, range.to_id) {
        if from > to {
            return Err(VerifyError::EmptyRange { from, to }.into());
        }
    }
    let client = crate::pg::connect(pg).await?;
    let q = |what: &'static str| move |e| query_error(what, e);
    client
        .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await
        .map_err(q("starting a snapshot"))?;
    let max_id: i64 = client
        .query_one("SELECT coalesce(max(id), 0)::bigint FROM livedb", &[])
        .await
        .map_err(q("reading livedb"))?
        .get(0);
    let has_offsets: bool = client
        .query_one("SELECT to_regclass('producer_offsets') IS NOT NULL", &[])
        .await
        .map_err(q("looking for producer_offsets"))?
        .get(0);
    let producer_last_id: i64 = if has_offsets {
        client
            .query_opt(
                "SELECT last_id::bigint FROM producer_offsets WHERE id = 1",
                &[],
            )
            .await
            .map_err(q("reading producer_offsets"))?
            .map_or(0, |r| r.get(0))
    } else {
        0
    };
    let since_id: Option<i64> = match range.since {
        Some(d) => client
            .query_one(
                "SELECT min(id)::bigint FROM livedb
                  WHERE created_at >= localtimestamp - make_interval(secs => $1)",
                &[&d.as_secs_f64()],
            )
            .await
            .map_err(q("finding the rows of --since"))?
            .get::<_, Option<i64>>(0)
            .or(Some(max_id + 1)),
        None => None,
    };
    let from_id = range.from_id.unwrap_or(1).max(since_id.unwrap_or(1)).max(1);
    let to_id = range.to_id.unwrap_or(max_id).min(max_id);
    let mut rows = Vec::new();
    if from_id <= to_id {
        rows.reserve(((to_id - from_id + 1) as usize).min(10_000_000));
        let stream = client
            .query_raw(READ_RANGE, [&from_id, &to_id])
            .await
            .map_err(q("reading livedb rows"))?;
        futures::pin_mut!(stream);
        while let Some(r) = stream.try_next().await.map_err(q("reading livedb rows"))? {
            let columns = Columns {
                id: r.get(0),
                org: r.get(1),
                amount: r.get(2),
                region: r.get(3),
                created_at_text: r.get(4),
            };
            let id = columns.id;
            let payload = payload_checksum(columns.org, columns.amount, columns.region);
            let event = checksum(&event_json(&columns));
            rows.push(RowSeen { id, event, payload });
            if rows.len().is_multiple_of(50_000) {
                progress(rows.len() as u64);
            }
        }
    }
    progress(rows.len() as u64);
    let _ = client.batch_execute("COMMIT").await;
    Ok((
        DbCut {
            from_id,
            to_id,
            max_id,
            producer_last_id,
        },
        rows,
    ))
}
