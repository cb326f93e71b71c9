//! `producer_offsets`: where the producer is, moved only after Kafka acknowledged a batch,
//! and rewound on purpose for a replay.

use serde::Serialize;

use super::event::Row;
use crate::error::Result;
use crate::pg::query_error;
use crate::pipeline::PipelineError;

#[derive(Debug, Clone)]
pub enum Rewind {
    FromId(i64),
    /// A timestamp as PostgreSQL reads it (`2026-11-22 04:00`, RFC 3339, ...).
    Since(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct Rewound {
    pub from_last_id: i64,
    pub to_last_id: i64,
}

pub(super) async fn read_offset(client: &tokio_postgres::Client) -> Result<i64> {
    client
        .execute(
            "INSERT INTO producer_offsets (id, last_id, last_created_at) VALUES (1, 0, '1970-01-01') ON CONFLICT (id) DO NOTHING",
            &[],
        )
        .await
        .map_err(|e| query_error("preparing producer_offsets", e))?;
    let row = client
        .query_one(
            "SELECT last_id::bigint FROM producer_offsets WHERE id = 1",
            &[],
        )
        .await
        .map_err(|e| query_error("reading producer_offsets", e))?;
    Ok(row.get(0))
}

pub(super) async fn write_offset(
    client: &tokio_postgres::Client,
    last: &Row,
) -> std::result::Result<(), tokio_postgres::Error> {
    let id = last.id as i32;
    client
        .execute(
            "UPDATE producer_offsets SET last_id = $1, last_created_at = coalesce($2, last_created_at), updated_at = CURRENT_TIMESTAMP WHERE id = 1",
            &[&id, &last.created_at],
        )
        .await
        .map(|_| ())
}

pub(super) async fn rewind(client: &tokio_postgres::Client, to: &Rewind) -> Result<Rewound> {
    let from_last_id = read_offset(client).await?;
    let target: i64 = match to {
        Rewind::FromId(n) => (*n - 1).max(0),
        Rewind::Since(ts) => client
            .query_one(
                "SELECT coalesce(min(id) - 1, (SELECT coalesce(max(id), 0) FROM livedb))::bigint FROM livedb
                 WHERE created_at >= ($1::text::timestamptz AT TIME ZONE current_setting('TimeZone'))",
                &[ts],
            )
            .await
            .map_err(|e| match e.as_db_error() {
                Some(d) if d.code().code().starts_with("22") => {
                    PipelineError::BadTimestamp {
                        input: ts.clone(),
                        reason: d.message().to_string(),
                    }
                    .into()
                }
                _ => query_error("finding the first row to replay", e),
            })?
            .get(0),
    };
    let id = target as i32;
    client
        .execute(
            "UPDATE producer_offsets SET last_id = $1,
                    last_created_at = coalesce((SELECT created_at FROM livedb WHERE id = $1), '1970-01-01'),
                    updated_at = CURRENT_TIMESTAMP
             WHERE id = 1",
            &[&id],
        )
        .await
        .map_err(|e| query_error("rewinding producer_offsets", e))?;
    Ok(Rewound {
        from_last_id,
        to_last_id: target,
    })
}
