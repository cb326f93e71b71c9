//! The initial snapshot: every table read in one REPEATABLE READ transaction whose
//! snapshot is stored, so streaming can skip exactly the transactions it already saw.
//!
//! Rows are read with the simple query protocol, so each value arrives in its type's text
//! output, exactly as pgoutput sends it when streaming (a `::text` cast would differ, e.g.
//! `char(n)` loses its padding). The `source` block is Debezium's for snapshot reads: the
//! snapshot transaction's own xid (`pg_current_xact_id()`) and start time, the slot's
//! consistent point as `lsn` (a slot created now; otherwise the WAL position at the start),
//! and the markers `first`, `first_in_data_collection`, `true`, `last_in_data_collection`,
//! `last`.

use std::sync::Arc;

use crate::shutdown::Stop;
use futures::{pin_mut, StreamExt};
use serde_json::Value;
use tokio_postgres::{Client, SimpleQueryMessage};

use super::apply::Engine;
use super::Progress;
use crate::cdc::envelope::{self, SourcePosition, TableInfo};
use crate::cdc::pgoutput::{self, parse_lsn, Datum, Relation};
use crate::cdc::state::{self, ConnectorRow};
use crate::error::{Error, Result};
use crate::pg::{self, query_error};

/// The snapshot used for de-duplication: `xmin:xmax:xip,...` from `pg_current_snapshot()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotMark {
    xmin: u64,
    xmax: u64,
    xip: Vec<u64>,
}

impl SnapshotMark {
    pub fn parse(s: &str) -> Option<SnapshotMark> {
        let mut it = s.splitn(3, ':');
        let xmin = it.next()?.parse().ok()?;
        let xmax = it.next()?.parse().ok()?;
        let xip = match it.next() {
            Some("") | None => Vec::new(),
            Some(list) => list
                .split(',')
                .map(|x| x.parse().ok())
                .collect::<Option<Vec<u64>>>()?,
        };
        Some(SnapshotMark { xmin, xmax, xip })
    }

    /// Did the snapshot see the (32-bit) transaction `xid` as committed?
    pub fn sees(&self, xid: u32) -> bool {
        // 32-bit xids compare modulo 2^32 (as PostgreSQL does): place xid within 2^31 of xmax.
        let back = (self.xmax as u32).wrapping_sub(xid) as i32;
        let full = self.xmax as i64 - i64::from(back);
        if full < 0 {
            return true;
        }
        let full = full as u64;
        full < self.xmin || (full < self.xmax && !self.xip.contains(&full))
    }
}

/// Debezium's snapshot marker of a row (its `SnapshotMarkerResolver`).
fn marker(first_table: bool, last_table: bool, first_row: bool, last_row: bool) -> &'static str {
    if last_row && last_table {
        "last"
    } else if first_row && first_table {
        "first"
    } else if last_row {
        "last_in_data_collection"
    } else if first_row {
        "first_in_data_collection"
    } else {
        "true"
    }
}

/// A row read, waiting to know whether it is its table's last.
struct Held {
    table: Arc<TableInfo>,
    after: Value,
    first_row: bool,
}

/// What every read record of this snapshot shares.
struct ReadSource {
    ts_us: i64,
    tx_id: Option<i64>,
    lsn: Option<u64>,
    /// The last record marked, emitted once the next one is known (the very last is
    /// always `last`).
    ready: Option<(Arc<TableInfo>, Value, &'static str)>,
}

/// Read every table in one REPEATABLE READ snapshot; returns the snapshot's text form.
/// `None` when a stop was requested before the snapshot finished.
pub(super) async fn snapshot(
    client: &Client,
    eng: &mut Engine<'_>,
    row: &ConnectorRow,
    new_slot_lsn: Option<u64>,
    stop: &Stop,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Option<String>> {
    client
        .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await
        .map_err(|e| query_error("starting the snapshot transaction", e))?;
    let result = snapshot_in_tx(client, eng, row, new_slot_lsn, stop, observer).await;
    let _ = client.batch_execute("ROLLBACK").await;
    result
}

async fn snapshot_in_tx(
    client: &Client,
    eng: &mut Engine<'_>,
    row: &ConnectorRow,
    new_slot_lsn: Option<u64>,
    stop: &Stop,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Option<String>> {
    // The first statement fixes the transaction's snapshot.
    let mark: String = client
        .query_one("SELECT pg_current_snapshot()::text", &[])
        .await
        .map_err(|e| query_error("taking the snapshot", e))?
        .get(0);
    // Debezium's snapshot source: the transaction's own xid and start time.
    let facts = client
        .query_one(
            "SELECT pg_current_xact_id()::text::bigint,
                    (extract(epoch FROM current_timestamp) * 1000000)::bigint,
                    pg_current_wal_lsn()::text",
            &[],
        )
        .await
        .map_err(|e| query_error("reading the snapshot's transaction", e))?;
    let mut src = ReadSource {
        tx_id: Some(facts.get(0)),
        ts_us: facts.get(1),
        lsn: new_slot_lsn.or_else(|| parse_lsn(facts.get(2))),
        ready: None,
    };
    let count = row.tables.len();
    for (ti, t) in row.tables.iter().enumerate() {
        let cat = eng
            .catalog
            .get(t)
            .cloned()
            .ok_or_else(|| Error::internal(format!("no catalog entry for {t}")))?;
        let rel = Relation {
            oid: cat.oid,
            namespace: cat.schema.clone(),
            name: cat.name.clone(),
            replica_identity: cat.replica_identity,
            columns: cat
                .columns
                .iter()
                .map(|c| pgoutput::Column {
                    key: cat.key_names.contains(&c.name),
                    name: c.name.clone(),
                    type_oid: c.type_oid,
                    type_modifier: c.typmod,
                })
                .collect(),
        };
        let info = Arc::new(
            eng.table_info(&rel)
                .ok_or_else(|| Error::internal(format!("no table info for {t}")))?,
        );
        let cols: Vec<String> = cat.columns.iter().map(|c| pg::ident(&c.name)).collect();
        let sql = format!(
            "SELECT {} FROM {}",
            if cols.is_empty() {
                "1".into()
            } else {
                cols.join(", ")
            },
            state::qualified(t)
        );
        let rows = client
            .simple_query_raw(&sql)
            .await
            .map_err(|e| query_error(&format!("reading {t} for the snapshot"), e))?;
        pin_mut!(rows);
        let (first_table, last_table) = (ti == 0, ti + 1 == count);
        let mut held: Option<Held> = None;
        while let Some(msg) = rows.next().await {
            if *stop.borrow() {
                // An unfinished snapshot is not recorded: the next start reads it again.
                return Ok(None);
            }
            let msg = msg.map_err(|e| query_error(&format!("reading {t} for the snapshot"), e))?;
            let SimpleQueryMessage::Row(r) = msg else {
                continue;
            };
            let tuple: Vec<Datum> = (0..cat.columns.len())
                .map(|i| match r.try_get(i) {
                    Ok(Some(s)) => Datum::Text(s.to_string()),
                    _ => Datum::Null,
                })
                .collect();
            let after = eng.row(&info, &tuple, None)?;
            let first_row = held.is_none();
            if let Some(h) = held.replace(Held {
                table: Arc::clone(&info),
                after,
                first_row,
            }) {
                let m = marker(first_table, last_table, h.first_row, false);
                emit(eng, &mut src, (h.table, h.after, m)).await?;
            }
            eng.stats.snapshot_rows += 1;
            eng.tick(observer);
        }
        if let Some(h) = held {
            let m = marker(first_table, last_table, h.first_row, true);
            emit(eng, &mut src, (h.table, h.after, m)).await?;
        }
    }
    if let Some((t, after, _)) = src.ready.take() {
        // The snapshot's last event is always `last`.
        write_read(eng, &src, &t, after, "last").await?;
    }
    Ok(Some(mark))
}

/// Queue a marked read; write the one queued before it.
async fn emit(
    eng: &mut Engine<'_>,
    src: &mut ReadSource,
    next: (Arc<TableInfo>, Value, &'static str),
) -> Result<()> {
    if let Some((t, after, m)) = src.ready.replace(next) {
        write_read(eng, src, &t, after, m).await?;
    }
    Ok(())
}

async fn write_read(
    eng: &mut Engine<'_>,
    src: &ReadSource,
    t: &TableInfo,
    after: Value,
    snapshot: &'static str,
) -> Result<()> {
    let key = envelope::key_object(t, &after);
    let pos = SourcePosition {
        ts_us: src.ts_us,
        snapshot,
        tx_id: src.tx_id,
        lsn: src.lsn,
        last_commit_lsn: eng.last_commit_lsn,
        xmin: eng.xmin,
        origin: None,
    };
    let r = envelope::change_record(
        &eng.opts,
        t,
        "r",
        key.as_ref(),
        None,
        Some(after),
        &pos,
        None,
    );
    eng.publish(r).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_visibility() {
        let m = SnapshotMark::parse("100:105:101,103").unwrap();
        assert!(m.sees(99));
        assert!(m.sees(100));
        assert!(!m.sees(101));
        assert!(m.sees(102));
        assert!(!m.sees(103));
        assert!(m.sees(104));
        assert!(!m.sees(105));
        assert!(!m.sees(200));
        let e = SnapshotMark::parse("4294967300:4294967310:").unwrap();
        assert!(e.sees(3), "xid 3 in epoch 1 = 4294967299 < xmin");
        assert!(!e.sees(20), "xid 20 is after xmax (epoch 1)");
        assert!(e.sees(u32::MAX), "xid 2^32-1 is in epoch 0");
        assert_eq!(SnapshotMark::parse("bad"), None);
    }

    #[test]
    fn snapshot_markers_as_debezium_sets_them() {
        // Two tables of two rows: first, last_in_data_collection, first_in_data_collection, last.
        assert_eq!(marker(true, false, true, false), "first");
        assert_eq!(marker(true, false, false, true), "last_in_data_collection");
        assert_eq!(marker(false, true, true, false), "first_in_data_collection");
        assert_eq!(marker(false, true, false, true), "last");
        // One table of one row: last.
        assert_eq!(marker(true, true, true, true), "last");
        // A middle row.
        assert_eq!(marker(true, true, false, false), "true");
        // A one-row table in the middle: last_in_data_collection wins.
        assert_eq!(marker(false, false, true, true), "last_in_data_collection");
    }
}
