//! The SQL that reads a batch of pending rows, public so the integration tests can
//! `EXPLAIN` exactly what the producer runs.
//!
//! `$1` is the last id sent (`integer`), `$2` the batch's row limit (`bigint`).
//!
//! The `ORDER BY` names `livedb.id`, the column: a bare `id` would resolve to the output
//! column `id::bigint`, an expression the primary key index cannot serve, and every batch
//! would scan and sort the whole backlog (quadratic over a drain). Ordered by the column,
//! a batch is an index range scan that stops after `$2` rows, whatever the backlog.
//!
//! The last column is the oldest transaction still running (as a 32-bit xid), read once
//! per statement (an InitPlan), so rows can be cut before any an open transaction could
//! precede.

/// A row's `created_at` as the event's `meta.created_at`: RFC 3339 in UTC with
/// microseconds, written by PostgreSQL (the column has no zone; it is read in the server's
/// `TimeZone`). Text, so a time no Rust date type holds (the year 287,000) is published as
/// it is instead of failing the read.
macro_rules! created_at_text {
    () => {
        "to_char((created_at AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    };
}

/// Pending rows after `$1`, in id order, at most `$2`.
pub const READ_BATCH: &str = concat!(
    "SELECT livedb.id::bigint, org::text, amount::text, region::text, created_at, ",
    created_at_text!(),
    ",
        livedb.xmin::text::bigint,
        (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296)
 FROM livedb WHERE livedb.id > $1 ORDER BY livedb.id LIMIT $2"
);

/// The highest id written (for the lag), from the primary key index.
pub const MAX_ID: &str = "SELECT coalesce(max(id), 0)::bigint FROM livedb";

/// Rows with ids from `$1` to `$2` (`bigint`), in id order, with the columns the events are
/// made of, read as [`READ_BATCH`] reads them (`verify` builds each row's event from them).
pub const READ_RANGE: &str = concat!(
    "SELECT livedb.id::bigint, org::text, amount::text, region::text, ",
    created_at_text!(),
    "
 FROM livedb WHERE livedb.id BETWEEN $1::bigint AND $2::bigint ORDER BY livedb.id"
);
