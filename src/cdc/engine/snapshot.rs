//! The initial snapshot: every table read in one REPEATABLE READ transaction whose
//! snapshot is stored, so streaming can skip exactly the transactions it already saw.

use futures::{pin_mut, StreamExt};
use serde_json::Value;
use tokio::sync::watch;
use tokio_postgres::types::ToSql;
use tokio_postgres::Client;

use super::apply::Engine;
use super::{now_ms, Progress};
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

/// Read every table in one REPEATABLE READ snapshot; returns the snapshot's text form.
/// `None` when a stop was requested before the snapshot finished.
pub(super) async fn snapshot(
    client: &Client,
    eng: &mut Engine<'_>,
    row: &ConnectorRow,
    stop: &watch::Receiver<bool>,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Option<String>> {
    client
        .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await
        .map_err(|e| query_error("starting the snapshot transaction", e))?;
    let result = snapshot_in_tx(client, eng, row, stop, observer).await;
    let _ = client.batch_execute("ROLLBACK").await;
    result
}

pub(super) async fn snapshot_in_tx(
    client: &Client,
    eng: &mut Engine<'_>,
    row: &ConnectorRow,
    stop: &watch::Receiver<bool>,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Option<String>> {
    // The first statement fixes the transaction's snapshot.
    let mark: String = client
        .query_one("SELECT pg_current_snapshot()::text", &[])
        .await
        .map_err(|e| query_error("taking the snapshot", e))?
        .get(0);
    let slot_lsn = state::slot(client, &row.slot)
        .await?
        .and_then(|s| s.confirmed_flush_lsn)
        .and_then(|l| parse_lsn(&l));
    let ts = now_ms();
    let mut held: Option<(TableInfo, Value)> = None;
    let mut first = true;
    for t in &row.tables {
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
                .map(|(n, oid, typmod, _)| pgoutput::Column {
                    key: cat.key_names.contains(n),
                    name: n.clone(),
                    type_oid: *oid,
                    type_modifier: *typmod,
                })
                .collect(),
        };
        let info = eng
            .table_info(rel)
            .ok_or_else(|| Error::internal(format!("no table info for {t}")))?;
        let cols: Vec<String> = cat
            .columns
            .iter()
            .map(|c| format!("{}::text", pg::ident(&c.0)))
            .collect();
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
            .query_raw(&sql, std::iter::empty::<&(dyn ToSql + Sync)>())
            .await
            .map_err(|e| query_error(&format!("reading {t} for the snapshot"), e))?;
        pin_mut!(rows);
        while let Some(r) = rows.next().await {
            if *stop.borrow() {
                // An unfinished snapshot is not recorded: the next start reads it again.
                return Ok(None);
            }
            let r = r.map_err(|e| query_error(&format!("reading {t} for the snapshot"), e))?;
            let tuple: Vec<Datum> = (0..cat.columns.len())
                .map(|i| {
                    r.get::<_, Option<String>>(i)
                        .map(Datum::Text)
                        .unwrap_or(Datum::Null)
                })
                .collect();
            let after = envelope::row_object(&info, &tuple, None, eng.opts.decimal);
            if let Some((ti, v)) = held.replace((info.clone(), after)) {
                emit_read(
                    eng,
                    &ti,
                    v,
                    if first { "first" } else { "true" },
                    ts,
                    slot_lsn,
                )
                .await?;
                first = false;
            }
            eng.stats.snapshot_rows += 1;
            eng.tick(observer);
        }
    }
    if let Some((ti, v)) = held {
        emit_read(eng, &ti, v, "last", ts, slot_lsn).await?;
    }
    Ok(Some(mark))
}

pub(super) async fn emit_read(
    eng: &mut Engine<'_>,
    t: &TableInfo,
    after: Value,
    snapshot: &'static str,
    ts: i64,
    lsn: Option<u64>,
) -> Result<()> {
    let key = envelope::key_object(t, &after);
    let pos = SourcePosition {
        ts_ms: ts,
        snapshot,
        tx_id: None,
        lsn,
        last_commit_lsn: None,
    };
    let r = envelope::change_record(
        &eng.opts,
        t,
        "r",
        key.as_ref(),
        None,
        Some(after),
        &pos,
        now_ms(),
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
}
