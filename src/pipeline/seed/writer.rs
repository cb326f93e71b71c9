//! Writing seed rows into `livedb`: bursts (one INSERT, one transaction each) on a
//! cadence, or COPY batches at a target rate; a lost connection is retried with backoff.

use std::time::{Duration, Instant};

use bytes::Bytes;
use futures::SinkExt;
use serde::Serialize;

use super::file::SeedRow;
use crate::error::Result;
use crate::pg::connection_loss::is_connection_loss;
use crate::pg::query_error;
use crate::retry::Backoff;
use crate::settings::PgSettings;
use crate::shutdown::{sleep_or_stop, stopped, Stop};

/// What happened, for the command to show.
#[derive(Debug, Clone, Serialize)]
pub struct BurstRecord {
    /// 1-based burst number.
    pub burst: u64,
    pub rows: u64,
    pub first_id: i64,
    pub last_id: i64,
    /// Rows inserted by this run so far.
    pub total: u64,
}

#[derive(Debug, Clone)]
pub enum SeedEvent {
    Burst(BurstRecord),
    /// Rows written so far in load mode.
    Progress(u64),
    /// The database went away; retrying after `delay`.
    Retrying {
        error: String,
        delay: Duration,
    },
    Reconnected,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeedSummary {
    pub rows: u64,
    pub bursts: u64,
    pub seconds: f64,
    pub rows_per_sec: f64,
    /// How the run ended: `count` (--count reached), `once`, or `stopped` (Ctrl-C / duration).
    pub ended_by: String,
    pub retries: u64,
}

pub struct BurstPlan {
    pub rows_per_burst: u64,
    pub every: Duration,
    pub count: Option<u64>,
    pub once: bool,
}

pub struct RatePlan {
    /// Rows per second; None = as fast as the database allows.
    pub rate: Option<f64>,
    pub count: Option<u64>,
    /// Rows per COPY (each COPY is one transaction).
    pub batch: u64,
}

/// Keeps a connection, reconnecting with backoff when it is lost.
struct Writer<'a> {
    pg: &'a PgSettings,
    client: tokio_postgres::Client,
    backoff: Backoff,
    retries: u64,
}

impl<'a> Writer<'a> {
    async fn connect(pg: &'a PgSettings) -> Result<Writer<'a>> {
        let client = crate::pg::connect(pg).await?;
        Ok(Writer {
            pg,
            client,
            backoff: Backoff::default(),
            retries: 0,
        })
    }

    /// After a lost connection: wait, reconnect, report. Stops waiting on a stop request.
    async fn recover(
        &mut self,
        error: String,
        stop: &mut Stop,
        on: &mut impl FnMut(SeedEvent),
    ) -> Result<bool> {
        loop {
            let delay = self.backoff.next_delay();
            self.retries += 1;
            on(SeedEvent::Retrying {
                error: error.clone(),
                delay,
            });
            if sleep_or_stop(stop, delay).await {
                return Ok(false);
            }
            match crate::pg::connect(self.pg).await {
                Ok(c) => {
                    self.client = c;
                    self.backoff.reset();
                    on(SeedEvent::Reconnected);
                    return Ok(true);
                }
                Err(e) if e.kind == crate::error::ErrorKind::Connection => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

async fn check_table(client: &tokio_postgres::Client) -> Result<()> {
    client
        .execute("SELECT 1 FROM livedb LIMIT 0", &[])
        .await
        .map(|_| ())
        .map_err(|e| query_error("checking table livedb", e))
}

async fn insert_burst(
    client: &tokio_postgres::Client,
    rows: &[SeedRow],
) -> std::result::Result<(i64, i64), tokio_postgres::Error> {
    let orgs: Vec<&str> = rows.iter().map(|r| r.org.as_str()).collect();
    let amounts: Vec<&str> = rows.iter().map(|r| r.amount.as_str()).collect();
    let regions: Vec<&str> = rows.iter().map(|r| r.region.as_str()).collect();
    // One statement: one transaction, all rows or none.
    let row = client
        .query_one(
            "WITH ins AS (
                INSERT INTO livedb (org, amount, region)
                SELECT o, a::numeric, r FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(o, a, r, n)
                ORDER BY n
                RETURNING id)
             SELECT min(id)::bigint, max(id)::bigint FROM ins",
            &[&orgs, &amounts, &regions],
        )
        .await?;
    Ok((
        row.get::<_, Option<i64>>(0).unwrap_or(0),
        row.get::<_, Option<i64>>(1).unwrap_or(0),
    ))
}

fn cycle(rows: &[SeedRow], from: u64, n: u64) -> impl Iterator<Item = &SeedRow> {
    let len = rows.len() as u64;
    (from..from + n).map(move |i| &rows[(i % len) as usize])
}

/// The seed's cadence: `rows_per_burst` rows every `every`, each burst one transaction.
pub async fn run_bursts(
    pg: &PgSettings,
    rows: &[SeedRow],
    plan: &BurstPlan,
    mut stop: Stop,
    mut on: impl FnMut(SeedEvent),
) -> Result<SeedSummary> {
    let mut w = Writer::connect(pg).await?;
    check_table(&w.client).await?;
    let started = Instant::now();
    let (mut total, mut bursts) = (0u64, 0u64);
    let ended_by;
    loop {
        let n = match plan.count {
            Some(c) => plan.rows_per_burst.min(c - total),
            None => plan.rows_per_burst,
        };
        let burst: Vec<SeedRow> = cycle(rows, total, n).cloned().collect();
        match insert_burst(&w.client, &burst).await {
            Ok((first_id, last_id)) => {
                total += n;
                bursts += 1;
                on(SeedEvent::Burst(BurstRecord {
                    burst: bursts,
                    rows: n,
                    first_id,
                    last_id,
                    total,
                }));
            }
            Err(e) if is_connection_loss(&e, &w.client) => {
                if !w
                    .recover(format!("inserting a burst: {e}"), &mut stop, &mut on)
                    .await?
                {
                    ended_by = "stopped";
                    break;
                }
                continue;
            }
            Err(e) => return Err(query_error("inserting a burst into livedb", e)),
        }
        if plan.once {
            ended_by = "once";
            break;
        }
        if plan.count.is_some_and(|c| total >= c) {
            ended_by = "count";
            break;
        }
        if sleep_or_stop(&mut stop, plan.every).await {
            ended_by = "stopped";
            break;
        }
    }
    Ok(summary(total, bursts, started, ended_by, w.retries))
}

fn summary(rows: u64, bursts: u64, started: Instant, ended_by: &str, retries: u64) -> SeedSummary {
    let seconds = started.elapsed().as_secs_f64();
    SeedSummary {
        rows,
        bursts,
        seconds,
        rows_per_sec: if seconds > 0.0 {
            rows as f64 / seconds
        } else {
            0.0
        },
        ended_by: ended_by.into(),
        retries,
    }
}

pub fn copy_text(rows: &[SeedRow], from: u64, n: u64) -> Bytes {
    let mut s = String::with_capacity(n as usize * 32);
    for r in cycle(rows, from, n) {
        crate::pg::copy::escape_into(&mut s, &r.org);
        s.push('\t');
        s.push_str(&r.amount);
        s.push('\t');
        crate::pg::copy::escape_into(&mut s, &r.region);
        s.push('\n');
    }
    Bytes::from(s)
}

async fn copy_batch(
    client: &tokio_postgres::Client,
    data: Bytes,
) -> std::result::Result<u64, tokio_postgres::Error> {
    let sink = client
        .copy_in("COPY livedb (org, amount, region) FROM STDIN")
        .await?;
    futures::pin_mut!(sink);
    sink.send(data).await?;
    sink.finish().await
}

/// Load mode: COPY in large batches at `rate` rows/s (or as fast as possible).
pub async fn run_rate(
    pg: &PgSettings,
    rows: &[SeedRow],
    plan: &RatePlan,
    mut stop: Stop,
    mut on: impl FnMut(SeedEvent),
) -> Result<SeedSummary> {
    let mut w = Writer::connect(pg).await?;
    check_table(&w.client).await?;
    let started = Instant::now();
    let (mut total, mut batches) = (0u64, 0u64);
    let ended_by;
    loop {
        if stopped(&stop) {
            ended_by = "stopped";
            break;
        }
        let remaining = plan.count.map(|c| c - total).unwrap_or(u64::MAX);
        if remaining == 0 {
            ended_by = "count";
            break;
        }
        let mut n = plan.batch.min(remaining);
        if let Some(rate) = plan.rate {
            let due = (started.elapsed().as_secs_f64() * rate) as u64;
            if due <= total {
                // Sleep until the next row is due (at most 100 ms, to stay responsive).
                let wait =
                    ((total + 1) as f64 / rate - started.elapsed().as_secs_f64()).clamp(0.001, 0.1);
                if sleep_or_stop(&mut stop, Duration::from_secs_f64(wait)).await {
                    ended_by = "stopped";
                    break;
                }
                continue;
            }
            n = n.min(due - total);
        }
        let data = copy_text(rows, total, n);
        match copy_batch(&w.client, data).await {
            Ok(_) => {
                total += n;
                batches += 1;
                on(SeedEvent::Progress(total));
            }
            Err(e) if is_connection_loss(&e, &w.client) => {
                if !w
                    .recover(format!("copying a batch: {e}"), &mut stop, &mut on)
                    .await?
                {
                    ended_by = "stopped";
                    break;
                }
            }
            Err(e) => return Err(query_error("copying rows into livedb", e)),
        }
    }
    Ok(summary(total, batches, started, ended_by, w.retries))
}
