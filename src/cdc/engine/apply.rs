//! The engine's state while it runs, and what it does with each pgoutput message:
//! relations, begins and commits (skipping what the snapshot already holds), and rows
//! turned into Debezium records.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use super::config::{EngineConfig, Resolved};
use super::publisher::Publisher;
use super::{now_ms, Progress, Stats};
use crate::cdc::envelope::{self, EnvelopeOptions, Record, SourcePosition, TableInfo};
use crate::cdc::pgoutput::{Message, OldTuple, Relation};
use crate::cdc::state::CatalogTable;
use crate::error::Result;

pub(super) struct Engine<'a> {
    pub(super) cfg: &'a EngineConfig,
    pub(super) res: Resolved,
    pub(super) opts: EnvelopeOptions,
    pub(super) catalog: BTreeMap<String, CatalogTable>,
    /// Relation oid -> table info (from the latest Relation message).
    pub(super) tables: HashMap<u32, TableInfo>,
    pub(super) publisher: Publisher,
    pub(super) stats: Stats,
    /// Who runs the engine, written with each heartbeat (`connector stop` signals it).
    pub(super) pid: i32,
    pub(super) host: String,
    pub(super) started: Instant,
    pub(super) rate_window: (Instant, u64),
    pub(super) last_report: Instant,
}

impl Engine<'_> {
    pub(super) fn topic_of(&self, schema: &str, table: &str) -> String {
        format!("{}.{schema}.{table}", self.res.topic_prefix)
    }

    pub(super) fn table_info(&self, rel: Relation) -> Option<TableInfo> {
        let q = format!("{}.{}", rel.namespace, rel.name);
        let cat = self.catalog.get(&q)?;
        Some(TableInfo {
            topic: self.topic_of(&rel.namespace, &rel.name),
            key_names: cat.key_names.clone(),
            not_null: cat
                .columns
                .iter()
                .filter(|c| c.3)
                .map(|c| c.0.clone())
                .collect(),
            relation: rel,
        })
    }

    pub(super) async fn publish(&mut self, r: Record) -> Result<()> {
        self.publisher.send(&r).await?;
        self.stats.events += 1;
        Ok(())
    }

    pub(super) fn tick(&mut self, observer: &mut dyn FnMut(Progress<'_>)) {
        let now = Instant::now();
        if now.duration_since(self.last_report) < self.cfg.stats_interval {
            return;
        }
        let (t0, n0) = self.rate_window;
        let secs = now.duration_since(t0).as_secs_f64().max(0.001);
        self.stats.events_per_sec = ((self.stats.events - n0) as f64 / secs * 10.0).round() / 10.0;
        self.rate_window = (now, self.stats.events);
        self.stats.uptime_s = (self.started.elapsed().as_secs_f64() * 10.0).round() / 10.0;
        self.last_report = now;
        observer(Progress::Stats(&self.stats));
    }

    /// Final figures: uptime and the average rate over the whole run.
    pub(super) fn finish(&mut self) {
        let secs = self.started.elapsed().as_secs_f64();
        self.stats.uptime_s = (secs * 1000.0).round() / 1000.0;
        self.stats.events_per_sec =
            (self.stats.events as f64 / secs.max(0.001) * 10.0).round() / 10.0;
    }

    /// Emit the events of one decoded message.
    pub(super) async fn handle(&mut self, msg: Message, lsn: u64, tx: &TxState) -> Result<()> {
        let pos = |snapshot| SourcePosition {
            ts_ms: tx.commit_ms,
            snapshot,
            tx_id: Some(i64::from(tx.xid)),
            lsn: Some(lsn),
            last_commit_lsn: tx.last_commit_lsn,
        };
        let dec = self.opts.decimal;
        match msg {
            Message::Insert { relid, new } => {
                let Some(t) = self.tables.get(&relid) else {
                    return Ok(());
                };
                let after = envelope::row_object(t, &new, None, dec);
                let key = envelope::key_object(t, &after);
                let r = envelope::change_record(
                    &self.opts,
                    t,
                    "c",
                    key.as_ref(),
                    None,
                    Some(after),
                    &pos("false"),
                    now_ms(),
                );
                self.publish(r).await?;
            }
            Message::Update { relid, old, new } => {
                let Some(t) = self.tables.get(&relid) else {
                    return Ok(());
                };
                let old_tuple = old.as_ref().map(|o| o.tuple().as_slice());
                let after = envelope::row_object(t, &new, old_tuple, dec);
                let new_key = envelope::key_object(t, &after);
                let before = old
                    .as_ref()
                    .map(|o| envelope::row_object(t, o.tuple(), None, dec));
                let old_key = before.as_ref().and_then(|b| envelope::key_object(t, b));
                let mut records = Vec::new();
                if let Some(ok) = old_key.as_ref().filter(|k| Some(*k) != new_key.as_ref()) {
                    // A primary-key change: delete (+ tombstone) the old key, create the new one.
                    let mut d = envelope::change_record(
                        &self.opts,
                        t,
                        "d",
                        Some(ok),
                        before,
                        None,
                        &pos("false"),
                        now_ms(),
                    );
                    if let Some(nk) = &new_key {
                        d.headers.push((
                            "__debezium.newkey".into(),
                            serde_json::to_vec(nk).unwrap_or_default(),
                        ));
                    }
                    records.push(d);
                    if self.res.tombstones {
                        records.push(envelope::tombstone(&self.opts, t, ok));
                    }
                    let mut c = envelope::change_record(
                        &self.opts,
                        t,
                        "c",
                        new_key.as_ref(),
                        None,
                        Some(after),
                        &pos("false"),
                        now_ms(),
                    );
                    c.headers.push((
                        "__debezium.oldkey".into(),
                        serde_json::to_vec(ok).unwrap_or_default(),
                    ));
                    records.push(c);
                } else {
                    // The old row is known only with REPLICA IDENTITY FULL, as in Debezium.
                    let before = match old {
                        Some(OldTuple::Full(_)) => before,
                        _ => None,
                    };
                    records.push(envelope::change_record(
                        &self.opts,
                        t,
                        "u",
                        new_key.as_ref(),
                        before,
                        Some(after),
                        &pos("false"),
                        now_ms(),
                    ));
                }
                for r in records {
                    self.publish(r).await?;
                }
            }
            Message::Delete { relid, old } => {
                let Some(t) = self.tables.get(&relid) else {
                    return Ok(());
                };
                let before = envelope::row_object(t, old.tuple(), None, dec);
                let key = envelope::key_object(t, &before);
                let d = envelope::change_record(
                    &self.opts,
                    t,
                    "d",
                    key.as_ref(),
                    Some(before),
                    None,
                    &pos("false"),
                    now_ms(),
                );
                let ts = match (&key, self.res.tombstones) {
                    (Some(k), true) => Some(envelope::tombstone(&self.opts, t, k)),
                    _ => None,
                };
                self.publish(d).await?;
                if let Some(ts) = ts {
                    self.publish(ts).await?;
                }
            }
            Message::Truncate { relids, .. } => {
                for relid in relids {
                    let Some(t) = self.tables.get(&relid) else {
                        continue;
                    };
                    let r = envelope::change_record(
                        &self.opts,
                        t,
                        "t",
                        None,
                        None,
                        None,
                        &pos("false"),
                        now_ms(),
                    );
                    self.publish(r).await?;
                }
            }
            Message::Relation(rel) => {
                if let Some(info) = self.table_info(rel.clone()) {
                    self.tables.insert(rel.oid, info);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

#[derive(Default)]
pub(super) struct TxState {
    pub(super) xid: u32,
    pub(super) commit_ms: i64,
    pub(super) skip: bool,
    pub(super) last_commit_lsn: Option<u64>,
}
