//! The whole flow at once, for a newcomer: seed rows at a rate, the producer publishing
//! them, and a plain consumer watching the topic. What proves every row became exactly one
//! event is not counted here: the summary gives the ids the demo wrote, and the command
//! ends with a `verify` of them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::BaseConsumer;
use rdkafka::message::Message;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::kafka::{client_config, read, unreachable};
use crate::pg::query_error;
use crate::pipeline::producer::{self, BatchSizing, Event, PollOptions, ProducerEvent};
use crate::pipeline::seed::{self, RatePlan, SeedEvent, SeedRow};
use crate::settings::Settings;
use crate::shutdown::{never, stopped, Shutdown, Stop};

pub struct DemoOptions {
    /// Rows per second written by the seeder.
    pub rate: f64,
    pub batch: BatchSizing,
    /// How long rows are written, counted from the first write (publishing an earlier
    /// backlog and starting the consumer come before, and take what they take); `None`:
    /// until stopped.
    pub duration: Option<Duration>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeenEvent {
    /// Always "event".
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub partition: i32,
    pub offset: i64,
    pub event: Event,
}

#[derive(Debug, Clone)]
pub enum DemoEvent {
    /// Rows waiting from before the demo were published first.
    Backlog(u64),
    Seen(SeenEvent),
    Counts {
        inserted: u64,
        published: u64,
        seen: u64,
    },
    /// Winding down: the writer stopped, waiting for the producer and consumer to catch up.
    Draining,
    Warn(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    /// Always "summary".
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub topic: String,
    pub seconds: f64,
    /// Rows inserted by the demo's writer.
    pub inserted: u64,
    /// Events published (acknowledged) by the demo's producer for those rows.
    pub published: u64,
    /// Events the demo's consumer read from the topic.
    pub seen: u64,
    /// The ids the demo wrote: `first_id..=last_id` (none written: both null).
    pub first_id: Option<i64>,
    pub last_id: Option<i64>,
    /// Rows published before the demo started (a backlog), not counted above.
    pub backlog: u64,
    /// With `--stream`: the stream job's counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream: Option<DemoStream>,
}

/// What the demo's stream job did (`demo --stream`).
#[derive(Debug, Clone, Serialize)]
pub struct DemoStream {
    pub job: String,
    pub group: String,
    #[serde(flatten)]
    pub progress: crate::consumers::stream::Progress,
}

struct Seen {
    partition: i32,
    offset: i64,
    payload: Option<Vec<u8>>,
}

/// Assign every partition at its current end and forward what arrives (blocking thread).
fn start_consumer(
    s: &Settings,
    partitions: i32,
    stop: Stop,
) -> Result<tokio::sync::mpsc::UnboundedReceiver<std::result::Result<Seen, String>>> {
    let consumer: BaseConsumer = read::reader_config(client_config(&s.kafka), "demo")
        .create()
        .map_err(|e| crate::kafka::bad_settings("client", e))?;
    // Every partition from its end: only what the demo writes is counted.
    read::assign_from_watermarks(
        &consumer,
        (0..partitions).map(|p| (&s.kafka.topic, p)),
        Duration::from_secs(10),
        |_, _, _, high| Some(high),
    )
    .map_err(|e| unreachable(&s.kafka, e))?;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        while !stopped(&stop) {
            match consumer.poll(Duration::from_millis(200)) {
                Some(Ok(m)) => {
                    let seen = Seen {
                        partition: m.partition(),
                        offset: m.offset(),
                        payload: m.payload().map(<[u8]>::to_vec),
                    };
                    if tx.send(Ok(seen)).is_err() {
                        break;
                    }
                }
                Some(Err(e)) => {
                    let _ = tx.send(Err(e.to_string()));
                }
                None => {}
            }
        }
    });
    Ok(rx)
}

async fn max_id(s: &Settings) -> Result<i64> {
    let client = crate::pg::connect(&s.postgres).await?;
    Ok(client
        .query_one("SELECT coalesce(max(id), 0)::bigint FROM livedb", &[])
        .await
        .map_err(|e| query_error("reading livedb", e))?
        .get(0))
}

pub async fn run(
    s: &Settings,
    rows: Vec<SeedRow>,
    opts: &DemoOptions,
    stop: Stop,
    mut on: impl FnMut(DemoEvent),
) -> Result<DemoSummary> {
    let started = Instant::now();
    // 1. Publish what was already waiting, so the counts below are the demo's own.
    let backlog_opts = PollOptions {
        batch: opts.batch,
        interval: Duration::from_millis(200),
        once: true,
        replay: None,
    };
    let backlog = producer::poll(&s.postgres, &s.kafka, &backlog_opts, never(), |_| {}).await?;
    on(DemoEvent::Backlog(backlog.published));
    let start_max = max_id(s).await?;

    // 2. The consumer, from the end of every partition.
    let consumer_stop = Shutdown::manual();
    let mut events = {
        let (s2, cs, partitions) = (s.clone(), consumer_stop.stop(), backlog.partitions);
        tokio::task::spawn_blocking(move || start_consumer(&s2, partitions, cs))
            .await
            .map_err(|e| Error::internal(format!("consumer task failed: {e}")))??
    };

    // 3. The writer and the producer, each with its own stop switch.
    let writing_since = Instant::now();
    let mut first_write: Option<Instant> = None;
    let inserted = Arc::new(AtomicU64::new(0));
    let published = Arc::new(AtomicU64::new(0));
    let (seed_stop, prod_stop) = (Shutdown::manual(), Shutdown::manual());
    let (seed_rx, prod_rx) = (seed_stop.stop(), prod_stop.stop());
    let (warn_tx, mut warns) = tokio::sync::mpsc::unbounded_channel::<String>();
    let writer = {
        let (pg, ins, warn) = (s.postgres.clone(), inserted.clone(), warn_tx.clone());
        let plan = RatePlan {
            rate: Some(opts.rate),
            count: None,
            batch: 10_000,
        };
        tokio::spawn(async move {
            seed::run_rate(&pg, &rows, &plan, seed_rx, |ev| match ev {
                SeedEvent::Progress(n) => ins.store(n, Ordering::Relaxed),
                SeedEvent::Retrying { error, .. } => {
                    let _ = warn.send(format!(
                        "writer: PostgreSQL unavailable ({error}); retrying"
                    ));
                }
                _ => {}
            })
            .await
        })
    };
    let producer_task = {
        let (pg, k, publ, warn) = (
            s.postgres.clone(),
            s.kafka.clone(),
            published.clone(),
            warn_tx.clone(),
        );
        let popts = PollOptions {
            batch: opts.batch,
            interval: Duration::from_millis(100),
            once: false,
            replay: None,
        };
        tokio::spawn(async move {
            producer::poll(&pg, &k, &popts, prod_rx, |ev| match ev {
                ProducerEvent::Batch(b) => publ.store(b.published_total, Ordering::Relaxed),
                ProducerEvent::Retrying { what, error, .. } => {
                    let _ = warn.send(format!("producer: {what} unavailable ({error}); retrying"));
                }
                _ => {}
            })
            .await
        })
    };
    drop(warn_tx);

    // 4. Watch until told to stop, then drain: writer first, then producer, then consumer.
    let mut seen_total = 0u64;
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    let mut draining_since: Option<Instant> = None;
    let mut producer_stopped = false;
    let mut writer_result = None;
    let mut writer = Some(writer);
    loop {
        tokio::select! {
            msg = events.recv() => match msg {
                Some(Ok(m)) => {
                    seen_total += 1;
                    match m.payload.as_deref().map(serde_json::from_slice::<Event>) {
                        Some(Ok(event)) => {
                            on(DemoEvent::Seen(SeenEvent { kind: "event", partition: m.partition, offset: m.offset, event }));
                        }
                        _ => on(DemoEvent::Warn(format!("partition {} offset {}: not a livedb event", m.partition, m.offset))),
                    }
                }
                Some(Err(e)) => on(DemoEvent::Warn(format!("consumer: {e}"))),
                None => break,
            },
            Some(w) = warns.recv() => on(DemoEvent::Warn(w)),
            _ = tick.tick() => {
                let (ins, publ) = (inserted.load(Ordering::Relaxed), published.load(Ordering::Relaxed));
                on(DemoEvent::Counts { inserted: ins, published: publ, seen: seen_total });
                // The duration runs from the first row written (seen at this tick); a
                // writer that cannot write at all is given the duration and 30 s more.
                if first_write.is_none() && ins > 0 {
                    first_write = Some(Instant::now());
                }
                let done = opts.duration.is_some_and(|d| match first_write {
                    Some(t) => t.elapsed() >= d,
                    None => writing_since.elapsed() >= d + Duration::from_secs(30),
                });
                if draining_since.is_none() && (stopped(&stop) || done) {
                    draining_since = Some(Instant::now());
                    on(DemoEvent::Draining);
                    seed_stop.request();
                    if let Some(w) = writer.take() {
                        writer_result = Some(w.await.map_err(|e| Error::internal(format!("writer task failed: {e}")))??);
                        inserted.store(writer_result.as_ref().map(|r| r.rows).unwrap_or(0), Ordering::Relaxed);
                    }
                }
                if let Some(since) = draining_since {
                    let ins = inserted.load(Ordering::Relaxed);
                    let publ = published.load(Ordering::Relaxed);
                    let given_up = since.elapsed() > Duration::from_secs(60);
                    if !producer_stopped && (publ >= ins || given_up) {
                        producer_stopped = true;
                        prod_stop.request();
                    }
                    if producer_stopped && (seen_total >= publ || given_up) {
                        break;
                    }
                }
            }
        }
    }
    consumer_stop.request();
    prod_stop.request();
    let psum = producer_task
        .await
        .map_err(|e| Error::internal(format!("producer task failed: {e}")))??;
    let ins = writer_result
        .map(|r| r.rows)
        .unwrap_or_else(|| inserted.load(Ordering::Relaxed));
    let end_max = max_id(s).await?;
    let wrote = end_max > start_max;
    Ok(DemoSummary {
        kind: "summary",
        topic: s.kafka.topic.clone(),
        seconds: started.elapsed().as_secs_f64(),
        inserted: ins,
        published: psum.published,
        seen: seen_total,
        first_id: wrote.then_some(start_max + 1),
        last_id: wrote.then_some(end_max),
        backlog: backlog.published,
        stream: None,
    })
}
