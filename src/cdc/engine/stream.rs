//! Streaming: the slot read over the replication protocol ([`WalStream`]), each
//! transaction published as it arrives, and the slot confirmed up to the end of the newest
//! transaction whose records Kafka has all acknowledged (at-least-once). Between events:
//! the connector's state heartbeat, Debezium heartbeats, `source.xmin`, stats.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::shutdown::Stop;
use pgwire_replication::ReplicationEvent;
use tokio_postgres::Client;

use super::apply::{Engine, TxState};
use super::snapshot::SnapshotMark;
use super::Progress;
use crate::cdc::envelope;
use crate::cdc::pgoutput::{self, format_lsn, parse_lsn, Message};
use crate::cdc::state;
use crate::cdc::wal::{self, WalStream};
use crate::cdc::CdcError;
use crate::error::{Error, Result};
use crate::pg::query_error;
use crate::settings::PgSettings;

/// How often the engine writes its state heartbeat (and reads the slot's lag).
const STATE_HEARTBEAT: Duration = Duration::from_secs(2);

/// Events handled in a row when the server has them ready, before the loop looks at its
/// timers, acknowledgements and stop again: a one-row transaction is three events, and a
/// turn of the loop for each (its futures polled, the clock read) was a tenth of the
/// engine's CPU on such transactions.
const EVENTS_PER_TURN: usize = 256;

pub(super) async fn slot_position(
    client: &Client,
    slot: &str,
) -> Result<(Option<u64>, Option<i64>)> {
    let s = state::slot(client, slot)
        .await?
        .ok_or_else(|| CdcError::SlotGone(slot.to_string()))?;
    Ok((
        s.confirmed_flush_lsn.as_deref().and_then(parse_lsn),
        s.lag_bytes,
    ))
}

async fn current_flush_lsn(client: &Client) -> Result<u64> {
    let lsn: String = client
        .query_one("SELECT pg_current_wal_flush_lsn()::text", &[])
        .await
        .map_err(|e| query_error("reading the WAL position", e))?
        .get(0);
    Ok(parse_lsn(&lsn).unwrap_or(0))
}

/// The streaming loop's bookkeeping beside the engine.
struct Streamer {
    /// Transactions whose records are not all acknowledged: (records sent up to and
    /// including the transaction, its end LSN), in commit order.
    commits: VecDeque<(u64, u64)>,
    /// The end of the newest transaction confirmed to the server.
    confirmed_commit: Option<u64>,
    /// The furthest WAL position the server said it sent (commits, keepalives).
    seen: u64,
    /// With `--until-idle`: stop once everything before this position is delivered.
    until: Option<u64>,
    last_state: Instant,
    last_beat: Instant,
    last_xmin: Option<Instant>,
}

impl Streamer {
    /// Confirm every transaction whose records Kafka acknowledged.
    fn confirm_acked(&mut self, eng: &mut Engine<'_>, wal: &mut WalStream) {
        while let Some(&(sent, end)) = self.commits.front() {
            if sent > eng.publisher.acked {
                break;
            }
            self.commits.pop_front();
            wal.confirm(end);
            self.confirmed_commit = Some(end);
        }
        eng.confirmed_lsn = Some(wal.confirmed());
    }

    /// Nothing in flight: no open transaction, every record acknowledged.
    fn quiet(&self, eng: &Engine<'_>) -> bool {
        !eng.tx.open && self.commits.is_empty() && !eng.publisher.has_pending()
    }
}

pub(super) async fn stream(
    client: &Client,
    pg_settings: &PgSettings,
    eng: &mut Engine<'_>,
    mark: Option<&SnapshotMark>,
    stop: &mut Stop,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<()> {
    let cfg = eng.cfg;
    let (confirmed, lag) = slot_position(client, &cfg.slot).await?;
    let start = confirmed.unwrap_or(0);
    eng.stats.confirmed_lsn = confirmed.map(format_lsn);
    eng.stats.slot_lag_bytes = lag;
    let until = if cfg.until_idle {
        Some(current_flush_lsn(client).await?)
    } else {
        None
    };
    if *stop.borrow() || until.is_some_and(|u| start >= u) {
        return Ok(());
    }
    let mut wal = WalStream::start(
        pg_settings,
        &cfg.slot,
        &cfg.publication,
        start,
        &wal::application_name(&cfg.name),
    )
    .await?;
    let now = Instant::now();
    let mut s = Streamer {
        commits: VecDeque::new(),
        confirmed_commit: None,
        seen: start,
        until,
        last_state: now,
        last_beat: now,
        last_xmin: None,
    };
    let result = run(client, eng, &mut wal, &mut s, mark, stop, observer).await;
    if result.is_ok() {
        // Everything received is in Kafka: confirm it, and let the server know before
        // the connection closes.
        eng.publisher.drain().await?;
        s.confirm_acked(eng, &mut wal);
        wal.stop().await;
        let last = s.confirmed_commit.or(eng.last_commit_lsn).map(format_lsn);
        state::heartbeat(client, &cfg.name, eng.pid, &eng.host, last.as_deref()).await?;
    }
    result
}

async fn run(
    client: &Client,
    eng: &mut Engine<'_>,
    wal: &mut WalStream,
    s: &mut Streamer,
    mark: Option<&SnapshotMark>,
    stop: &mut Stop,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<()> {
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut stopping = *stop.borrow();
    let mut ready = Vec::with_capacity(EVENTS_PER_TURN);
    loop {
        // A stop waits for the end of the transaction being read, so that a clean stop
        // re-sends nothing.
        if stopping && !eng.tx.open {
            return Ok(());
        }
        // Not biased: under a steady stream the timers (state heartbeat, stats) still run.
        tokio::select! {
            changed = stop.changed(), if !stopping => {
                stopping = changed.is_err() || *stop.borrow();
            }
            acked = eng.publisher.next_ack(), if eng.publisher.has_pending() => {
                acked?;
                eng.publisher.take_ready_acks()?;
                s.confirm_acked(eng, wal);
            }
            ev = wal.recv() => {
                // Taken first, then all handled: nothing taken is left unhandled.
                take_ready(ev, EVENTS_PER_TURN, &mut ready, || wal.try_recv());
                for ev in ready.drain(..) {
                    let Some(e) = ev? else {
                        return Err(CdcError::StreamEnded(eng.cfg.slot.clone()).into());
                    };
                    event(client, eng, wal, s, mark, e).await?;
                }
                eng.tick(observer);
            }
            _ = tick.tick() => {
                wal.confirm_moved();
                timers(client, eng, s, observer).await?;
            }
        }
        // `--until-idle`: done as soon as the last change is in Kafka, not at the next tick.
        if s.until.is_some_and(|u| s.seen >= u) && s.quiet(eng) {
            return Ok(());
        }
    }
}

/// `first`, then up to `max` in all of what `next` has ready (None: nothing more now),
/// into the empty `buf`.
fn take_ready<T>(first: T, max: usize, buf: &mut Vec<T>, mut next: impl FnMut() -> Option<T>) {
    debug_assert!(buf.is_empty());
    buf.push(first);
    while buf.len() < max {
        match next() {
            Some(e) => buf.push(e),
            None => break,
        }
    }
}

async fn event(
    client: &Client,
    eng: &mut Engine<'_>,
    wal: &mut WalStream,
    s: &mut Streamer,
    mark: Option<&SnapshotMark>,
    ev: ReplicationEvent,
) -> Result<()> {
    match ev {
        ReplicationEvent::Begin {
            xid,
            commit_time_micros,
            ..
        } => {
            let skip = mark.is_some_and(|m| m.sees(xid));
            eng.tx = TxState::begin(xid, pgoutput::unix_micros(commit_time_micros), skip);
        }
        ReplicationEvent::XLogData {
            wal_start, data, ..
        } => {
            let msg = pgoutput::decode(&data).map_err(|e| {
                Error::internal(format!(
                    "decoding a pgoutput message at {}: {e}",
                    format_lsn(wal_start.as_u64())
                ))
            })?;
            match msg {
                Message::Relation(rel) => eng.relation(client, rel).await?,
                other if eng.tx.open && !eng.tx.skip => {
                    eng.handle(other, wal_start.as_u64()).await?
                }
                _ => {}
            }
        }
        ReplicationEvent::Commit { end_lsn, .. } => {
            let end = end_lsn.as_u64();
            if eng.tx.skip {
                eng.stats.skipped_transactions += 1;
            } else {
                eng.end_transaction(end).await?;
                eng.stats.transactions += 1;
            }
            eng.tx.open = false;
            eng.last_commit_lsn = Some(end);
            s.seen = s.seen.max(end);
            s.commits.push_back((eng.publisher.sent, end));
            s.confirm_acked(eng, wal);
            beat(client, eng, s).await?;
        }
        ReplicationEvent::KeepAlive { wal_end, .. } => {
            s.seen = s.seen.max(wal_end.as_u64());
            // Idle: every commit before the server's position was delivered to us ahead of
            // this keepalive and is acknowledged, so the slot may move to it (as
            // pg_recvlogical does); a quiet captured table does not hold WAL back.
            if s.quiet(eng) {
                wal.confirm(wal_end.as_u64());
                eng.confirmed_lsn = Some(wal.confirmed());
            }
        }
        ReplicationEvent::Message {
            transactional,
            lsn,
            prefix,
            content,
        } => {
            if !transactional || (eng.tx.open && !eng.tx.skip) {
                eng.message(transactional, lsn.as_u64(), &prefix, &content)
                    .await?;
            }
        }
        ReplicationEvent::StoppedAt { .. } => {}
    }
    Ok(())
}

/// A Debezium heartbeat when one is due (checked after commits and while idle), then the
/// action query.
async fn beat(client: &Client, eng: &mut Engine<'_>, s: &mut Streamer) -> Result<()> {
    let Some(interval) = eng.cfg.heartbeat_interval else {
        return Ok(());
    };
    if eng.tx.open || s.last_beat.elapsed() < interval {
        return Ok(());
    }
    s.last_beat = Instant::now();
    let r = envelope::heartbeat_record(&eng.opts, envelope::now_stamps().0);
    eng.publisher.send(&r).await?;
    eng.stats.heartbeats += 1;
    if let Some(sql) = &eng.cfg.heartbeat_action_query {
        if let Err(e) = client.batch_execute(sql).await {
            let err = query_error("running --heartbeat-action-query", e);
            // As Debezium: a shutting-down server or a missing table stops the connector,
            // anything else is reported and the next beat tries again.
            match err.code.as_deref() {
                Some("57P01") | Some("42P01") => return Err(err),
                _ => eng.unreadable.push(format!("warning: {err}")),
            }
        }
    }
    Ok(())
}

async fn timers(
    client: &Client,
    eng: &mut Engine<'_>,
    s: &mut Streamer,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<()> {
    let cfg = eng.cfg;
    if s.last_state.elapsed() >= STATE_HEARTBEAT {
        s.last_state = Instant::now();
        let last = s.confirmed_commit.map(format_lsn);
        state::heartbeat(client, &cfg.name, eng.pid, &eng.host, last.as_deref()).await?;
        eng.stats.slot_lag_bytes = slot_position(client, &cfg.slot).await?.1;
    }
    if let Some(every) = cfg.xmin_fetch_interval {
        if s.last_xmin.is_none_or(|t| t.elapsed() >= every) {
            s.last_xmin = Some(Instant::now());
            let xmin: Option<i64> = client
                .query_one(
                    "SELECT catalog_xmin::text::bigint FROM pg_replication_slots WHERE slot_name = $1",
                    &[&cfg.slot],
                )
                .await
                .map_err(|e| query_error("reading the slot's catalog_xmin", e))?
                .get(0);
            eng.xmin = xmin;
        }
    }
    beat(client, eng, s).await?;
    eng.tick(observer);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::take_ready;

    #[test]
    fn a_turn_takes_at_most_its_share_and_loses_nothing() {
        // 1,000 events, some turns finding the source dry for a moment.
        let mut source = (1..1000).peekable();
        let mut dry = [3usize, 300, 301, 777].into_iter().peekable();
        let (mut got, mut buf) = (vec![], vec![]);
        let mut first = 0;
        loop {
            take_ready(first, 256, &mut buf, || {
                if dry.next_if(|d| source.peek() == Some(d)).is_some() {
                    return None;
                }
                source.next()
            });
            assert!(buf.len() <= 256);
            got.append(&mut buf);
            match source.next() {
                Some(n) => first = n,
                None => break,
            }
        }
        assert_eq!(got, (0..1000).collect::<Vec<_>>());
    }
}
