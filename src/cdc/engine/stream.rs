//! Streaming: peek changes from the slot, publish them, wait for Kafka, then advance the
//! slot; heartbeat and stats between rounds.

use std::time::{Duration, Instant};

use futures::{pin_mut, StreamExt};
use tokio::sync::watch;
use tokio_postgres::types::ToSql;
use tokio_postgres::Client;

use super::apply::{Engine, TxState};
use super::config::EngineConfig;
use super::snapshot::SnapshotMark;
use super::Progress;
use crate::cdc::pgoutput::{self, format_lsn, parse_lsn, Message};
use crate::cdc::state;
use crate::error::{Error, Result};
use crate::pg::query_error;

pub(super) async fn slot_position(
    client: &Client,
    slot: &str,
) -> Result<(Option<u64>, Option<i64>)> {
    let s = state::slot(client, slot).await?.ok_or_else(|| {
        Error::not_found(format!("replication slot `{slot}` disappeared"))
            .hint("was it dropped? `livedbctl connector delete` then start again")
    })?;
    Ok((
        s.confirmed_flush_lsn.as_deref().and_then(parse_lsn),
        s.lag_bytes,
    ))
}

pub(super) const PEEK: &str = "SELECT lsn::text, xid::text, data FROM pg_logical_slot_peek_binary_changes($1::text::name, $2::text::pg_lsn, $3::int4, 'proto_version', '1', 'publication_names', $4::text)";

pub(super) async fn stream(
    client: &Client,
    eng: &mut Engine<'_>,
    mark: Option<&SnapshotMark>,
    stop: &mut watch::Receiver<bool>,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<()> {
    let cfg = eng.cfg;
    let (mut confirmed, lag) = slot_position(client, &cfg.slot).await?;
    eng.stats.confirmed_lsn = confirmed.map(format_lsn);
    eng.stats.slot_lag_bytes = lag;
    let mut last_heartbeat = Instant::now();
    let mut tx = TxState::default();
    loop {
        if *stop.borrow() {
            return Ok(());
        }
        let upto: String = client
            .query_one("SELECT pg_current_wal_flush_lsn()::text", &[])
            .await
            .map_err(|e| query_error("reading the WAL position", e))?
            .get(0);
        let upto_lsn = parse_lsn(&upto).unwrap_or(0);
        let params: [&(dyn ToSql + Sync); 4] =
            [&cfg.slot, &upto, &cfg.batch_changes, &cfg.publication];
        let rows = client
            .query_raw(PEEK, params)
            .await
            .map_err(|e| peek_error(cfg, e))?;
        pin_mut!(rows);
        let mut n: i64 = 0;
        let mut last_commit_end: Option<u64> = None;
        while let Some(row) = rows.next().await {
            let row = row.map_err(|e| peek_error(cfg, e))?;
            n += 1;
            let lsn = parse_lsn(row.get::<_, &str>(0)).unwrap_or(0);
            let data: &[u8] = row.get(2);
            let msg = pgoutput::decode(data).map_err(|e| {
                Error::internal(format!(
                    "decoding a pgoutput message at {}: {e}",
                    format_lsn(lsn)
                ))
            })?;
            match msg {
                Message::Begin {
                    commit_ts_micros,
                    xid,
                    ..
                } => {
                    tx.xid = xid;
                    tx.commit_ms = Message::unix_millis(commit_ts_micros);
                    tx.skip = mark.is_some_and(|m| m.sees(xid));
                }
                Message::Commit {
                    commit_lsn,
                    end_lsn,
                    ..
                } => {
                    if tx.skip {
                        eng.stats.skipped_transactions += 1;
                    } else {
                        eng.stats.transactions += 1;
                    }
                    tx.last_commit_lsn = Some(commit_lsn);
                    last_commit_end = Some(end_lsn);
                    tx.skip = false;
                }
                Message::Relation(_) => eng.handle(msg, lsn, &tx).await?,
                other => {
                    if !tx.skip {
                        eng.stats.last_lsn = Some(format_lsn(lsn));
                        eng.handle(other, lsn, &tx).await?;
                    }
                }
            }
            eng.tick(observer);
        }
        // Everything published in this call must be acknowledged before the slot moves.
        eng.publisher.drain().await?;
        // Fewer rows than asked for: the call decoded everything committed before `upto`.
        let complete = n < i64::from(cfg.batch_changes);
        let target = match (complete, last_commit_end) {
            (true, Some(e)) => Some(e.max(upto_lsn)),
            (true, None) => Some(upto_lsn),
            (false, e) => e,
        };
        if let Some(target) = target {
            if confirmed.is_none_or(|c| target > c) {
                client
                    .execute(
                        "SELECT pg_replication_slot_advance($1::text::name, $2::text::pg_lsn)",
                        &[&cfg.slot, &format_lsn(target)],
                    )
                    .await
                    .map_err(|e| {
                        query_error(&format!("advancing replication slot `{}`", cfg.slot), e)
                    })?;
                confirmed = Some(target);
                eng.stats.confirmed_lsn = Some(format_lsn(target));
            }
        }
        if last_heartbeat.elapsed() >= Duration::from_secs(2) || (n == 0 && cfg.until_idle) {
            state::heartbeat(client, &cfg.name, eng.pid, &eng.host).await?;
            last_heartbeat = Instant::now();
            eng.stats.slot_lag_bytes = slot_position(client, &cfg.slot).await?.1;
        }
        eng.tick(observer);
        if n == 0 {
            if cfg.until_idle {
                return Ok(());
            }
            tokio::select! {
                _ = tokio::time::sleep(cfg.poll_interval) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

pub(super) fn peek_error(cfg: &EngineConfig, e: tokio_postgres::Error) -> Error {
    let err = query_error(&format!("reading changes from slot `{}`", cfg.slot), e);
    match err.code.as_deref() {
        Some("55006") => {
            err.hint("another process is reading this slot; only one engine may run per connector")
        }
        Some("42704") => err.hint(format!(
            "publication `{}` is missing; it is recreated on the next start",
            cfg.publication
        )),
        _ => err,
    }
}
