//! The engine's state while it runs, and what it does with each pgoutput change: tables
//! described from Relation messages and the catalog, rows turned into Debezium records,
//! and the transaction bookkeeping (`transaction` blocks, BEGIN/END records).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;
use tokio_postgres::Client;

use super::config::{EngineConfig, Resolved};
use super::publisher::Publisher;
use super::{Progress, Stats};
use crate::cdc::convert;
use crate::cdc::envelope::{
    self, ColumnInfo, EnvelopeOptions, Record, RowError, SourcePosition, TableInfo, TxBlock,
};
use crate::cdc::pgoutput::{Datum, Message, OldTuple, Relation};
use crate::cdc::state::{self, CatalogTable};
use crate::cdc::types::TypeCatalog;
use crate::cdc::CdcError;
use crate::error::Result;
use crate::settings::KafkaSettings;

pub(super) struct Engine<'a> {
    pub(super) cfg: &'a EngineConfig,
    pub(super) res: Resolved,
    pub(super) opts: EnvelopeOptions,
    /// `schema.table` -> catalog facts, for the captured tables.
    pub(super) catalog: BTreeMap<String, CatalogTable>,
    pub(super) types: TypeCatalog,
    /// Relation oid -> table (from the latest Relation message).
    pub(super) tables: HashMap<u32, Arc<TableInfo>>,
    pub(super) publisher: Publisher,
    pub(super) stats: Stats,
    /// Who runs the engine, written with each heartbeat (`connector stop` signals it).
    pub(super) pid: i32,
    pub(super) host: String,
    pub(super) started: Instant,
    pub(super) rate_window: (Instant, u64),
    pub(super) last_report: Instant,
    /// The transaction being streamed.
    pub(super) tx: TxState,
    /// End of the last transaction processed: `source.sequence[0]`.
    pub(super) last_commit_lsn: Option<u64>,
    /// The slot's catalog_xmin, when `--xmin-fetch-interval` is set.
    pub(super) xmin: Option<i64>,
    /// Values that could not be read (written as null), reported once per column.
    pub(super) unreadable: Vec<String>,
    warned: HashSet<String>,
    kafka: &'a KafkaSettings,
    /// The position of the last change (formatted into the stats when they are shown).
    last_change_lsn: Option<u64>,
    /// The slot's confirmed position as last told to the server (formatted likewise: it
    /// moves with every transaction acknowledged).
    pub(super) confirmed_lsn: Option<u64>,
    /// `<prefix>.message` exists (made when the first logical decoding message comes).
    message_topic_ready: bool,
}

/// The transaction being streamed.
#[derive(Default)]
pub(super) struct TxState {
    pub(super) open: bool,
    pub(super) xid: u32,
    /// Commit time, Unix microseconds.
    pub(super) commit_us: i64,
    /// The snapshot already holds this transaction.
    pub(super) skip: bool,
    pub(super) origin: Option<(String, u64)>,
    /// `<xid>:<lsn>` of the BEGIN record, once written.
    pub(super) begin_id: Option<String>,
    /// Events so far (`total_order`) and per table in order of appearance.
    pub(super) total: u64,
    pub(super) counts: Vec<(String, u64)>,
}

impl TxState {
    pub(super) fn begin(xid: u32, commit_us: i64, skip: bool) -> TxState {
        TxState {
            open: true,
            xid,
            commit_us,
            skip,
            ..TxState::default()
        }
    }
}

impl<'a> Engine<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        cfg: &'a EngineConfig,
        res: Resolved,
        opts: EnvelopeOptions,
        catalog: BTreeMap<String, CatalogTable>,
        types: TypeCatalog,
        publisher: Publisher,
        stats: Stats,
        last_commit_lsn: Option<u64>,
        kafka: &'a KafkaSettings,
    ) -> Engine<'a> {
        let now = Instant::now();
        Engine {
            cfg,
            res,
            opts,
            catalog,
            types,
            tables: HashMap::new(),
            publisher,
            stats,
            pid: std::process::id() as i32,
            host: super::hostname(),
            started: now,
            rate_window: (now, 0),
            last_report: now,
            tx: TxState::default(),
            last_commit_lsn,
            xmin: None,
            unreadable: Vec::new(),
            warned: HashSet::new(),
            kafka,
            confirmed_lsn: None,
            last_change_lsn: None,
            message_topic_ready: false,
        }
    }

    /// The table as events show it, from a relation description and the catalog; None
    /// for a table the connector does not capture.
    pub(super) fn table_info(&self, rel: &Relation) -> Option<TableInfo> {
        let cat = self
            .catalog
            .get(&format!("{}.{}", rel.namespace, rel.name))?;
        let mode = self.opts.decimal;
        let columns = rel
            .columns
            .iter()
            .enumerate()
            .filter_map(|(index, c)| {
                let ty = self.types.resolve(c.type_oid, c.type_modifier)?;
                let facts = cat.columns.iter().find(|cc| cc.name == c.name);
                let default = facts.and_then(|f| f.default.as_deref()).and_then(|expr| {
                    let name = self.types.type_name(c.type_oid)?;
                    convert::default_value(&ty, &name, expr, mode)
                });
                Some(ColumnInfo {
                    name: c.name.clone(),
                    index,
                    ty,
                    optional: !facts.is_some_and(|f| f.not_null),
                    default,
                })
            })
            .collect();
        Some(TableInfo::new(
            &self.opts,
            rel.namespace.clone(),
            rel.name.clone(),
            columns,
            &cat.key_names,
        ))
    }

    /// A Relation message: read the table's catalog entry and types again (a column may
    /// have been added, an enum may have gained a label), then describe it.
    pub(super) async fn relation(&mut self, client: &Client, rel: Relation) -> Result<()> {
        let q = format!("{}.{}", rel.namespace, rel.name);
        if !self.catalog.contains_key(&q) {
            return Ok(());
        }
        let cat = state::catalog_table(client, &q).await?;
        let oids: Vec<u32> = rel.columns.iter().map(|c| c.type_oid).collect();
        self.types.load(client, &oids, true).await?;
        self.catalog.insert(q, cat);
        if let Some(info) = self.table_info(&rel) {
            self.tables.insert(rel.oid, Arc::new(info));
        }
        Ok(())
    }

    pub(super) async fn publish(&mut self, r: Record) -> Result<()> {
        self.publisher.send(&r).await?;
        self.stats.events += 1;
        Ok(())
    }

    /// A row as JSON; a value that cannot be written at all stops the engine.
    pub(super) fn row(
        &mut self,
        t: &TableInfo,
        tuple: &[Datum],
        old: Option<&[Datum]>,
    ) -> Result<Value> {
        let mut unreadable = Vec::new();
        let row = envelope::row_object(t, tuple, old, self.opts.decimal, &mut unreadable).map_err(
            |RowError { column, error }| CdcError::Unwritable {
                table: t.data_collection(),
                column,
                error,
                decimal: self.opts.decimal,
            },
        )?;
        for (column, error) in unreadable {
            let key = format!("{}.{column}", t.data_collection());
            if self.warned.insert(key.clone()) {
                self.unreadable.push(format!(
                    "warning: {key}: {error}; written as null (as Debezium does)"
                ));
            }
        }
        Ok(row)
    }

    pub(super) fn tick(&mut self, observer: &mut dyn FnMut(Progress<'_>)) {
        for w in self.unreadable.drain(..) {
            observer(Progress::Info(w));
        }
        let now = Instant::now();
        if now.duration_since(self.last_report) < self.cfg.stats_interval {
            return;
        }
        self.format_positions();
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
        self.format_positions();
        let secs = self.started.elapsed().as_secs_f64();
        self.stats.uptime_s = (secs * 1000.0).round() / 1000.0;
        self.stats.events_per_sec =
            (self.stats.events as f64 / secs.max(0.001) * 10.0).round() / 10.0;
    }

    fn format_positions(&mut self) {
        use crate::cdc::pgoutput::format_lsn;
        self.stats.last_lsn = self.last_change_lsn.map(format_lsn);
        if self.confirmed_lsn.is_some() {
            self.stats.confirmed_lsn = self.confirmed_lsn.map(format_lsn);
        }
    }

    fn position(&self, lsn: u64) -> SourcePosition {
        SourcePosition {
            ts_us: self.tx.commit_us,
            snapshot: "false",
            tx_id: Some(i64::from(self.tx.xid)),
            lsn: Some(lsn),
            last_commit_lsn: self.last_commit_lsn,
            xmin: self.xmin,
            origin: self.tx.origin.clone(),
        }
    }

    /// The BEGIN record, at the transaction's first change (PostgreSQL 15 sends BEGIN
    /// just before it, so its position is that change's).
    async fn begin_once(&mut self, lsn: u64) -> Result<()> {
        if !self.opts.transaction_metadata || self.tx.begin_id.is_some() {
            return Ok(());
        }
        let id = format!("{}:{lsn}", self.tx.xid);
        let r =
            envelope::transaction_record(&self.opts, &id, self.tx.commit_us.div_euclid(1000), None);
        self.tx.begin_id = Some(id);
        self.publisher.send(&r).await?;
        self.stats.transaction_records += 1;
        Ok(())
    }

    /// The END record of the transaction that ends at `end_lsn`.
    pub(super) async fn end_transaction(&mut self, end_lsn: u64) -> Result<()> {
        if self.tx.begin_id.is_none() {
            return Ok(());
        }
        let id = format!("{}:{end_lsn}", self.tx.xid);
        let counts = std::mem::take(&mut self.tx.counts);
        let r = envelope::transaction_record(
            &self.opts,
            &id,
            self.tx.commit_us.div_euclid(1000),
            Some(&counts),
        );
        self.publisher.send(&r).await?;
        self.stats.transaction_records += 1;
        Ok(())
    }

    /// Count one event of `t` and give its `transaction` block.
    fn tx_block(&mut self, t: &TableInfo, lsn: u64) -> Option<TxBlock> {
        self.tx_block_for(t.data_collection(), lsn)
    }

    fn tx_block_for(&mut self, name: String, lsn: u64) -> Option<TxBlock> {
        if !self.opts.transaction_metadata {
            return None;
        }
        self.tx.total += 1;
        let n = match self.tx.counts.iter_mut().find(|(c, _)| *c == name) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.tx.counts.push((name, 1));
                1
            }
        };
        Some(TxBlock {
            id: format!("{}:{lsn}", self.tx.xid),
            total_order: self.tx.total,
            data_collection_order: n,
        })
    }

    /// A change event, with the context headers and `extra` headers first.
    #[allow(clippy::too_many_arguments)]
    async fn change(
        &mut self,
        t: &TableInfo,
        op: &str,
        key: Option<&Value>,
        before: Option<Value>,
        after: Option<Value>,
        lsn: u64,
        extra: Vec<(String, Vec<u8>)>,
    ) -> Result<Vec<(String, Vec<u8>)>> {
        let pos = self.position(lsn);
        let block = self.tx_block(t, lsn);
        let mut r =
            envelope::change_record(&self.opts, t, op, key, before, after, &pos, block.as_ref());
        if !extra.is_empty() {
            let mut headers = extra;
            headers.append(&mut r.headers);
            r.headers = headers;
        }
        let headers = r.headers.clone();
        self.publish(r).await?;
        Ok(headers)
    }

    /// A logical decoding message (`pg_logical_emit_message`) on `<prefix>.message`: inside
    /// the current transaction when `transactional`, else on its own (no txId, the time it
    /// was seen).
    pub(super) async fn message(
        &mut self,
        transactional: bool,
        lsn: u64,
        prefix: &str,
        content: &[u8],
    ) -> Result<()> {
        if !self.message_topic_ready {
            let spec = crate::profile::TopicSpec {
                name: envelope::message_topic(&self.opts),
                partitions: self.cfg.partitions,
                replication_factor: self.cfg.replication_factor,
                configs: Default::default(),
            };
            crate::kafka::admin::ensure_topics(self.kafka, &[spec], false).await?;
            self.message_topic_ready = true;
        }
        let (pos, block) = if transactional {
            self.begin_once(lsn).await?;
            let block = self.tx_block_for(envelope::MESSAGE_COLLECTION.to_string(), lsn);
            (self.position(lsn), block)
        } else {
            // Debezium counts a message outside any transaction as processed the way a
            // commit is: it, and the changes after it, carry its position as
            // `source.sequence[0]` (the last commit processed).
            self.last_commit_lsn = Some(lsn);
            let pos = SourcePosition {
                ts_us: envelope::now_stamps().1,
                tx_id: None,
                origin: None,
                ..self.position(lsn)
            };
            (pos, None)
        };
        let r = envelope::message_record(&self.opts, prefix, content, &pos, block.as_ref());
        self.publish(r).await
    }

    /// Emit the events of one pgoutput change of the current transaction, at `lsn`.
    pub(super) async fn handle(&mut self, msg: Message, lsn: u64) -> Result<()> {
        let skip = self.res.skipped_operations;
        let relid = match &msg {
            Message::Insert { relid, .. }
            | Message::Update { relid, .. }
            | Message::Delete { relid, .. } => Some(*relid),
            Message::Truncate { .. } => None,
            Message::Origin { name, lsn } => {
                self.tx.origin = Some((name.clone(), *lsn));
                return Ok(());
            }
            _ => return Ok(()),
        };
        if relid.is_some_and(|r| !self.tables.contains_key(&r)) {
            return Ok(());
        }
        self.begin_once(lsn).await?;
        self.last_change_lsn = Some(lsn);
        match msg {
            Message::Insert { relid, new } if !skip.create => {
                let t = Arc::clone(&self.tables[&relid]);
                let after = self.row(&t, &new, None)?;
                let key = envelope::key_object(&t, &after);
                self.change(&t, "c", key.as_ref(), None, Some(after), lsn, Vec::new())
                    .await?;
            }
            Message::Update { relid, old, new } if !skip.update => {
                let t = Arc::clone(&self.tables[&relid]);
                let old_tuple = old.as_ref().map(|o| o.tuple().as_slice());
                let after = self.row(&t, &new, old_tuple)?;
                let new_key = envelope::key_object(&t, &after);
                let before = match &old {
                    Some(o) => Some(self.row(&t, o.tuple(), None)?),
                    None => None,
                };
                let old_key = before.as_ref().and_then(|b| envelope::key_object(&t, b));
                match old_key.filter(|k| Some(k) != new_key.as_ref()) {
                    Some(ok) => {
                        // A primary-key change: delete (+ tombstone) the old key, create the
                        // new one; each carries the other key in a header.
                        let old_tuple = old.as_ref().map(|o| o.tuple().as_slice()).unwrap_or(&[]);
                        let mut newkey = Vec::new();
                        if let Some(nk) = &new_key {
                            newkey.push((
                                "__debezium.newkey".to_string(),
                                envelope::key_header(&t, nk, &new, self.opts.decimal),
                            ));
                        }
                        let headers = self
                            .change(&t, "d", Some(&ok), before, None, lsn, newkey)
                            .await?;
                        if self.res.tombstones {
                            let ts = envelope::tombstone(&self.opts, &t, &ok, &headers);
                            self.publish(ts).await?;
                        }
                        let oldkey = vec![(
                            "__debezium.oldkey".to_string(),
                            envelope::key_header(&t, &ok, old_tuple, self.opts.decimal),
                        )];
                        self.change(&t, "c", new_key.as_ref(), None, Some(after), lsn, oldkey)
                            .await?;
                    }
                    None => {
                        // The old row is known only with REPLICA IDENTITY FULL, as in Debezium.
                        let before = match old {
                            Some(OldTuple::Full(_)) => before,
                            _ => None,
                        };
                        self.change(
                            &t,
                            "u",
                            new_key.as_ref(),
                            before,
                            Some(after),
                            lsn,
                            Vec::new(),
                        )
                        .await?;
                    }
                }
            }
            Message::Delete { relid, old } if !skip.delete => {
                let t = Arc::clone(&self.tables[&relid]);
                let before = self.row(&t, old.tuple(), None)?;
                let key = envelope::key_object(&t, &before);
                let headers = self
                    .change(&t, "d", key.as_ref(), Some(before), None, lsn, Vec::new())
                    .await?;
                if let (Some(k), true) = (&key, self.res.tombstones) {
                    let ts = envelope::tombstone(&self.opts, &t, k, &headers);
                    self.publish(ts).await?;
                }
            }
            Message::Truncate { relids, .. } if !skip.truncate => {
                for relid in relids {
                    let Some(t) = self.tables.get(&relid).map(Arc::clone) else {
                        continue;
                    };
                    self.change(&t, "t", None, None, None, lsn, Vec::new())
                        .await?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
