//! The seed's kafka producer: new `livedb` rows become events on the profile's topic, in id
//! order, with the offset in `producer_offsets` moved only after Kafka acknowledged the whole
//! batch, and without duplicates after a crash.
//!
//! How duplicates are avoided (the guarantee is written out in SOP.md):
//! - every event's partition is computed here from its key, `murmur2(key) % partitions`
//!   exactly as Java's default partitioner (and librdkafka's `murmur2_random`) does, and the
//!   producer is idempotent, so each partition receives ids in increasing order;
//! - on start-up and after any failed delivery, the last record of each partition tells the
//!   highest id published there (`max_published[p]`); a pending row X was already
//!   published iff X <= max_published[partition(X)], and is skipped.
//!
//! Rows are only read up to the oldest transaction still running, so a row committed with a
//! higher id than a still-open insert is never published before it (that would move the
//! offset past the open row and lose it).

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDateTime, Utc};
use rdkafka::client::ClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord, Producer, PurgeConfig};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};
use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::kafka::{client_config, unreachable};
use crate::pg::query_error;
use crate::pipeline::{sleep_or_stop, stopped, Backoff, Stop};
use crate::settings::{KafkaSettings, PgSettings};

/// Session advisory lock held by the one producer allowed to advance `producer_offsets`.
pub const PRODUCER_LOCK_KEY: i64 = 0x6c69_7665_6462_0002;
/// Value of `meta.source` in every event, as in the seed.
pub const SOURCE: &str = "kafka-producer";

// ---------------------------------------------------------------------------------------
// Events

/// The event published for one `livedb` row (field order as in the seed).
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Event {
    pub id: i64,
    pub payload: Payload,
    pub meta: Meta,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Payload {
    pub org: String,
    /// The exact `DECIMAL(10, 2)` value as a JSON string with two decimals ("1250.00").
    pub amount: String,
    pub region: String,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Meta {
    pub source: String,
    /// RFC 3339 UTC with microseconds ("2026-11-22T04:14:13.123456Z"), or null when the row
    /// has no `created_at`. The column has no time zone; it is read in the server's `TimeZone`.
    pub created_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub org: String,
    pub amount: String,
    pub region: String,
    /// As stored (no zone), for `producer_offsets.last_created_at`.
    pub created_at: Option<NaiveDateTime>,
    pub created_at_utc: Option<DateTime<Utc>>,
    xmin: u32,
}

pub fn to_event(r: &Row) -> Event {
    Event {
        id: r.id,
        payload: Payload {
            org: r.org.clone(),
            amount: r.amount.clone(),
            region: r.region.clone(),
        },
        meta: Meta {
            source: SOURCE.into(),
            created_at: r
                .created_at_utc
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()),
        },
    }
}

// ---------------------------------------------------------------------------------------
// Partitioning

/// Kafka's murmur2 (Java `Utils.murmur2`, librdkafka `rd_murmur2`).
pub fn murmur2(data: &[u8]) -> u32 {
    const M: u32 = 0x5bd1_e995;
    const R: u32 = 24;
    let mut h: u32 = 0x9747_b28c ^ (data.len() as u32);
    let chunks = data.chunks_exact(4);
    let rem = chunks.remainder();
    for c in chunks {
        let mut k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    if rem.len() >= 3 {
        h ^= (rem[2] as u32) << 16;
    }
    if rem.len() >= 2 {
        h ^= (rem[1] as u32) << 8;
    }
    if !rem.is_empty() {
        h ^= rem[0] as u32;
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h
}

/// The partition of a key: Java's default partitioner for keyed records.
pub fn partition_for(key: &[u8], partitions: i32) -> i32 {
    ((murmur2(key) & 0x7fff_ffff) % partitions as u32) as i32
}

pub fn key_of(id: i64) -> String {
    id.to_string()
}

// ---------------------------------------------------------------------------------------
// Offsets

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

async fn read_offset(client: &tokio_postgres::Client) -> Result<i64> {
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

async fn write_offset(
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

async fn rewind(client: &tokio_postgres::Client, to: &Rewind) -> Result<Rewound> {
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
                    Error::usage(format!("--since `{ts}` is not a timestamp PostgreSQL understands: {}", d.message()))
                        .hint("use e.g. 2026-11-22T04:00:00Z or '2026-11-22 04:00'")
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

// ---------------------------------------------------------------------------------------
// The database side: connection, lock, reading rows

fn is_connection_loss(e: &tokio_postgres::Error, client: &tokio_postgres::Client) -> bool {
    client.is_closed()
        || e.as_db_error().map_or(true, |d| {
            d.code().code().starts_with("08") || d.code().code().starts_with("57P")
        })
}

/// Connect and take the producer lock, or say who holds it.
async fn connect_locked(pg: &PgSettings) -> Result<tokio_postgres::Client> {
    let client = crate::pg::connect(pg).await?;
    for table in ["livedb", "producer_offsets"] {
        client
            .execute(&format!("SELECT 1 FROM {table} LIMIT 0"), &[])
            .await
            .map_err(|e| {
                query_error(
                    &format!("checking table {table} in database `{}`", pg.dbname),
                    e,
                )
            })?;
    }
    let got: bool = client
        .query_one("SELECT pg_try_advisory_lock($1)", &[&PRODUCER_LOCK_KEY])
        .await
        .map_err(|e| query_error("taking the producer lock", e))?
        .get(0);
    if !got {
        let holder = client
            .query_opt(
                "SELECT a.pid, coalesce(a.client_addr::text, 'local'), to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS')
                 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295) AND l.objsubid = 1",
                &[&PRODUCER_LOCK_KEY],
            )
            .await
            .ok()
            .flatten()
            .map(|r| format!(" (PostgreSQL backend pid {}, from {}, connected since {})", r.get::<_, i32>(0), r.get::<_, String>(1), r.get::<_, String>(2)))
            .unwrap_or_default();
        return Err(Error::runtime(format!(
            "another `produce poll` is already running on producer_offsets in database `{}` at {}{holder}",
            pg.dbname,
            pg.address()
        ))
        .hint("only one producer may advance the offsets: stop the other one first (or wait for it to finish)"));
    }
    Ok(client)
}

/// Pending rows after `after`, in id order, cut before the first row a still-running
/// transaction could precede. Returns (rows, held_back, max_id).
async fn read_batch(
    client: &tokio_postgres::Client,
    after: i64,
    limit: i64,
) -> std::result::Result<(Vec<Row>, bool, i64), tokio_postgres::Error> {
    let after32 = after as i32;
    let rows = client
        .query(
            "SELECT id::bigint, org::text, amount::text, region::text, created_at,
                    created_at AT TIME ZONE current_setting('TimeZone'),
                    xmin::text::bigint,
                    (pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296)
             FROM livedb WHERE id > $1 ORDER BY id LIMIT $2",
            &[&after32, &limit],
        )
        .await?;
    let max_id: i64 = client
        .query_one("SELECT coalesce(max(id), 0)::bigint FROM livedb", &[])
        .await?
        .get(0);
    let mut out = Vec::with_capacity(rows.len());
    let mut held_back = false;
    for r in rows {
        let horizon = r.get::<_, i64>(7) as u32;
        let row = Row {
            id: r.get(0),
            org: r.get(1),
            amount: r.get(2),
            region: r.get(3),
            created_at: r.get(4),
            created_at_utc: r.get(5),
            xmin: r.get::<_, i64>(6) as u32,
        };
        // Frozen/bootstrap xids (< 3) are older than everything.
        let settled = row.xmin < 3 || (horizon.wrapping_sub(row.xmin) as i32) > 0;
        if !settled {
            held_back = true;
            break;
        }
        out.push(row);
    }
    Ok((out, held_back, max_id))
}

// ---------------------------------------------------------------------------------------
// The Kafka side

pub fn producer_config(k: &KafkaSettings) -> rdkafka::ClientConfig {
    let mut c = client_config(k);
    c.set("enable.idempotence", "true")
        .set("acks", "all")
        // Partitions are assigned explicitly (see `partition_for`); this only documents that
        // librdkafka would choose the same ones.
        .set("partitioner", "murmur2_random")
        .set("linger.ms", "5")
        .set("queue.buffering.max.messages", "1000000")
        .set("queue.buffering.max.kbytes", "1048576")
        // Surface an unreachable broker as failed deliveries after 15 s (then retried here,
        // with a report), instead of librdkafka's silent 5 minutes.
        .set("message.timeout.ms", "15000");
    c
}

/// Notices a lost broker connection, so the producer can be replaced before the broker
/// comes back: a producer that lived through a broker restart keeps retrying its in-flight
/// batches under its old producer id, which some brokers mishandle (tansu 0.6 with sqlite
/// panics in its idempotence check). A fresh producer gets a fresh id, and the topic itself
/// tells what the old one managed to write.
#[derive(Default, Clone)]
pub struct ConnectionWatch {
    lost: Arc<AtomicBool>,
    reason: Arc<Mutex<Option<String>>>,
}

impl ClientContext for ConnectionWatch {
    fn error(&self, error: KafkaError, reason: &str) {
        if let KafkaError::Global(
            RDKafkaErrorCode::BrokerTransportFailure
            | RDKafkaErrorCode::AllBrokersDown
            | RDKafkaErrorCode::Resolve
            | RDKafkaErrorCode::Fatal,
        ) = error
        {
            if let Ok(mut r) = self.reason.lock() {
                r.get_or_insert_with(|| format!("{reason} ({error})"));
            }
            self.lost.store(true, Ordering::SeqCst);
        }
    }
}

impl ConnectionWatch {
    fn lost(&self) -> Option<String> {
        if self.lost.load(Ordering::SeqCst) {
            Some(
                self.reason
                    .lock()
                    .ok()
                    .and_then(|r| r.clone())
                    .unwrap_or_else(|| "connection lost".into()),
            )
        } else {
            None
        }
    }
}

type Kafka = FutureProducer<ConnectionWatch>;

fn create_producer(k: &KafkaSettings) -> Result<(Kafka, ConnectionWatch)> {
    let watch = ConnectionWatch::default();
    let producer = producer_config(k)
        .create_with_context(watch.clone())
        .map_err(|e| {
            Error::config(format!("invalid Kafka producer settings: {e}"))
                .hint("check kafka.properties in the profile")
        })?;
    Ok((producer, watch))
}

/// Stop the producer sending anything more (queued or in flight) and destroy it off the runtime.
async fn retire(producer: Kafka) {
    producer.purge(PurgeConfig::default().queue().inflight().non_blocking());
    let _ = tokio::task::spawn_blocking(move || drop(producer)).await;
}

/// Partition count of the topic (blocking).
fn partition_count_blocking(k: &KafkaSettings, topic: &str) -> Result<i32> {
    let md = crate::kafka::fetch_metadata_blocking(k, Some(topic), Duration::from_secs(10))?;
    let t = md.topics().iter().find(|t| t.name() == topic);
    match t {
        Some(t) if t.error().is_none() && !t.partitions().is_empty() => Ok(t.partitions().len() as i32),
        _ => Err(Error::not_found(format!("topic `{topic}` does not exist on Kafka at {}", k.bootstrap()))
            .hint("create it with `livedbctl infra up` (the profile's topics), or set kafka.topic in the profile")),
    }
}

/// What the topic already holds: per partition, (high watermark, highest id published).
#[derive(Debug, Clone, Default)]
pub struct TopicState {
    pub high: Vec<i64>,
    pub max_published: Vec<i64>,
}

/// Read the last record of every partition (blocking). Records below `trust_from[p]` are
/// ignored (replay: only what this run wrote counts).
fn read_topic_state_blocking(
    k: &KafkaSettings,
    topic: &str,
    partitions: i32,
    trust_from: Option<&[i64]>,
) -> Result<TopicState> {
    let mut cfg = client_config(k);
    // A group id is required by librdkafka even for assignment; nothing joins or commits.
    cfg.set("group.id", "livedbctl-reconcile")
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("enable.partition.eof", "false");
    let consumer: BaseConsumer = cfg.create().map_err(|e| {
        Error::config(format!("invalid Kafka client settings: {e}"))
            .hint("check kafka.properties in the profile")
    })?;
    let mut state = TopicState {
        high: vec![0; partitions as usize],
        max_published: vec![-1; partitions as usize],
    };
    let mut tpl = TopicPartitionList::new();
    let mut wanted = BTreeMap::new();
    for p in 0..partitions {
        let (low, high) = consumer
            .fetch_watermarks(topic, p, Duration::from_secs(10))
            .map_err(|e| unreachable(k, e))?;
        state.high[p as usize] = high;
        let floor = trust_from
            .map(|t| t.get(p as usize).copied().unwrap_or(0))
            .unwrap_or(0);
        if high > low && high > floor {
            tpl.add_partition_offset(topic, p, Offset::Offset(high - 1))
                .map_err(|e| Error::internal(e.to_string()))?;
            wanted.insert(p, high - 1);
        }
    }
    if wanted.is_empty() {
        return Ok(state);
    }
    consumer.assign(&tpl).map_err(|e| unreachable(k, e))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !wanted.is_empty() {
        if Instant::now() > deadline {
            return Err(Error::connection(format!(
                "cannot read the last record of partitions {:?} of `{topic}` to reconcile",
                wanted.keys().collect::<Vec<_>>()
            ))
            .hint("is the broker healthy? `livedbctl infra status`"));
        }
        match consumer.poll(Duration::from_millis(500)) {
            Some(Ok(m)) => {
                let p = m.partition();
                if wanted.get(&p).is_some_and(|want| m.offset() >= *want) {
                    wanted.remove(&p);
                    // A record not written by livedbctl (no integer key) tells nothing.
                    if let Some(id) = m
                        .key()
                        .and_then(|k| std::str::from_utf8(k).ok())
                        .and_then(|k| k.parse::<i64>().ok())
                    {
                        state.max_published[p as usize] = id;
                    }
                }
            }
            Some(Err(e)) => return Err(unreachable(k, e)),
            None => {}
        }
    }
    Ok(state)
}

async fn read_topic_state(
    k: &KafkaSettings,
    topic: &str,
    partitions: i32,
    trust_from: Option<Vec<i64>>,
) -> Result<TopicState> {
    let (k, topic) = (k.clone(), topic.to_string());
    tokio::task::spawn_blocking(move || {
        read_topic_state_blocking(&k, &topic, partitions, trust_from.as_deref())
    })
    .await
    .map_err(|e| Error::internal(format!("reconcile task failed: {e}")))?
}

// ---------------------------------------------------------------------------------------
// The loop

pub struct PollOptions {
    pub batch_size: i64,
    pub interval: Duration,
    pub once: bool,
    pub replay: Option<Rewind>,
}

/// One per batch (`-o json` prints these).
#[derive(Debug, Clone, Serialize)]
pub struct BatchStats {
    /// Always "batch".
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub batch: u64,
    /// Events published (acknowledged by Kafka) in this batch.
    pub published: u64,
    /// Rows found already on the topic after a crash, not published again.
    pub skipped: u64,
    pub first_id: i64,
    pub last_id: i64,
    pub last_created_at: Option<String>,
    /// Events published by this run so far.
    pub published_total: u64,
    /// Average since start.
    pub rows_per_sec: f64,
    /// Rows waiting: max(livedb.id) - offset.
    pub lag: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PollSummary {
    /// Always "summary".
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub topic: String,
    pub partitions: i32,
    pub batches: u64,
    pub published: u64,
    pub skipped: u64,
    pub seconds: f64,
    pub rows_per_sec: f64,
    pub last_id: i64,
    pub lag: i64,
    pub retries: u64,
    pub rewound: Option<Rewound>,
    /// `drained` (--once), or `stopped`.
    pub ended_by: String,
}

#[derive(Debug, Clone)]
pub enum ProducerEvent {
    Started {
        topic: String,
        partitions: i32,
        last_id: i64,
        max_published: Vec<i64>,
    },
    Rewound(Rewound),
    Batch(BatchStats),
    /// Something went away; retrying after `delay`.
    Retrying {
        what: String,
        error: String,
        delay: Duration,
    },
    Recovered {
        what: String,
    },
    /// Pending rows wait for an older transaction still running.
    HeldBack {
        after_id: i64,
    },
}

struct Db<'a> {
    pg: &'a PgSettings,
    client: tokio_postgres::Client,
}

pub async fn poll(
    pg: &PgSettings,
    k: &KafkaSettings,
    opts: &PollOptions,
    mut stop: Stop,
    mut on: impl FnMut(ProducerEvent),
) -> Result<PollSummary> {
    let topic = k.topic.clone();
    let mut db = Db {
        pg,
        client: connect_locked(pg).await?,
    };
    let (mut producer, mut watch) = create_producer(k)?;
    let partitions = {
        let (k2, t) = (k.clone(), topic.clone());
        tokio::task::spawn_blocking(move || partition_count_blocking(&k2, &t))
            .await
            .map_err(|e| Error::internal(format!("metadata task failed: {e}")))??
    };
    // In a replay only records written by this run say what is already published.
    let start = read_topic_state(k, &topic, partitions, None).await?;
    // Rewind only once Kafka is known to work, so a failed start leaves the offset alone.
    let rewound = match &opts.replay {
        Some(r) => {
            let rw = rewind(&db.client, r).await?;
            on(ProducerEvent::Rewound(rw.clone()));
            Some(rw)
        }
        None => None,
    };
    let mut last_id = read_offset(&db.client).await?;
    let trust_from: Option<Vec<i64>> = opts.replay.as_ref().map(|_| start.high.clone());
    let mut max_published = if trust_from.is_some() {
        vec![-1; partitions as usize]
    } else {
        start.max_published.clone()
    };
    on(ProducerEvent::Started {
        topic: topic.clone(),
        partitions,
        last_id,
        max_published: max_published.clone(),
    });

    let started = Instant::now();
    let (mut batches, mut published_total, mut skipped_total, mut retries) =
        (0u64, 0u64, 0u64, 0u64);
    let mut backoff = Backoff::default();
    let mut lag = 0i64;
    let mut held_reported = None;
    // Batches sent, oldest first, whose acknowledgements are awaited in order; the offset
    // follows the oldest. Rows after `read_pos` have not been sent; `last_id` is recorded.
    let mut in_flight: VecDeque<InFlight> = VecDeque::new();
    let mut read_pos = last_id;
    let ended_by;
    loop {
        let stopping = stopped(&stop);
        if stopping && in_flight.is_empty() {
            ended_by = "stopped";
            break;
        }
        let mut failure: Option<String> = None;
        let mut idle: Option<bool> = None;
        if !stopping && in_flight.len() < PIPELINE_DEPTH {
            match read_batch(&db.client, read_pos, opts.batch_size).await {
                Ok((rows, held_back, max_id)) => {
                    lag = (max_id - last_id).max(0);
                    if rows.is_empty() {
                        idle = Some(held_back);
                    } else {
                        let last = rows.last().expect("non-empty").clone();
                        let (pending, skipped, error) = match watch.lost() {
                            // Lost while idle: replace the producer before it sends again.
                            Some(reason) => (
                                Vec::new(),
                                0,
                                Some(format!("connection to the broker lost: {reason}")),
                            ),
                            None => {
                                send_batch(&producer, &topic, partitions, &rows, &max_published)
                                    .await
                            }
                        };
                        in_flight.push_back(InFlight {
                            first_id: rows[0].id,
                            last,
                            skipped,
                            max_id,
                            pending,
                        });
                        match error {
                            None => {
                                read_pos = in_flight.back().expect("just pushed").last.id;
                                continue;
                            }
                            Some(e) => failure = Some(e),
                        }
                    }
                }
                Err(e) if is_connection_loss(&e, &db.client) => {
                    // Learn what was acknowledged, then start again from the recorded offset.
                    published_total += drain(&mut in_flight, &mut max_published).await;
                    if !reconnect_db(
                        &mut db,
                        &mut last_id,
                        format!("{e}"),
                        &mut backoff,
                        &mut retries,
                        &mut stop,
                        &mut on,
                    )
                    .await?
                    {
                        ended_by = "stopped";
                        break;
                    }
                    read_pos = last_id;
                    continue;
                }
                Err(e) => return Err(query_error("reading new rows from livedb", e)),
            }
        }
        if failure.is_none() {
            if let Some(front) = in_flight.pop_front() {
                let (acked, result) =
                    await_acks(&producer, &watch, front.pending, &mut max_published).await;
                published_total += acked;
                match result {
                    Err(e) => {
                        failure = Some(e);
                    }
                    Ok(()) => {
                        // Only now, with every event of the batch acknowledged, does the offset move.
                        if let Err(e) = write_offset(&db.client, &front.last).await {
                            if !is_connection_loss(&e, &db.client) {
                                return Err(query_error("updating producer_offsets", e));
                            }
                            published_total += drain(&mut in_flight, &mut max_published).await;
                            if !reconnect_db(
                                &mut db,
                                &mut last_id,
                                format!("{e}"),
                                &mut backoff,
                                &mut retries,
                                &mut stop,
                                &mut on,
                            )
                            .await?
                            {
                                ended_by = "stopped";
                                break;
                            }
                            read_pos = last_id;
                            continue;
                        }
                        backoff.reset();
                        last_id = front.last.id;
                        batches += 1;
                        skipped_total += front.skipped;
                        lag = (front.max_id - last_id).max(0);
                        let secs = started.elapsed().as_secs_f64();
                        on(ProducerEvent::Batch(BatchStats {
                            kind: "batch",
                            batch: batches,
                            published: acked,
                            skipped: front.skipped,
                            first_id: front.first_id,
                            last_id,
                            last_created_at: to_event(&front.last).meta.created_at,
                            published_total,
                            rows_per_sec: if secs > 0.0 {
                                published_total as f64 / secs
                            } else {
                                0.0
                            },
                            lag,
                        }));
                        continue;
                    }
                }
            } else if let Some(held_back) = idle {
                if held_back && held_reported != Some(last_id) {
                    held_reported = Some(last_id);
                    on(ProducerEvent::HeldBack { after_id: last_id });
                }
                if opts.once && !held_back {
                    ended_by = "drained";
                    break;
                }
                let wait = if held_back {
                    Duration::from_millis(100)
                } else {
                    opts.interval
                };
                if sleep_or_stop(&mut stop, wait).await {
                    ended_by = "stopped";
                    break;
                }
                continue;
            } else {
                continue;
            }
        }
        let Some(error) = failure else { continue };
        // Kafka failed: stop this producer, learn what it got acknowledged, and replace it.
        producer.purge(PurgeConfig::default().queue().inflight().non_blocking());
        published_total += drain(&mut in_flight, &mut max_published).await;
        (producer, watch) = {
            let (fresh, fresh_watch) = create_producer(k)?;
            retire(std::mem::replace(&mut producer, fresh)).await;
            (producer, fresh_watch)
        };
        let mut error = error;
        // Some events may be on the topic without our knowing: ask the topic before resending.
        let reconciled = loop {
            let delay = backoff.next_delay();
            retries += 1;
            on(ProducerEvent::Retrying {
                what: "Kafka".into(),
                error: error.clone(),
                delay,
            });
            if sleep_or_stop(&mut stop, delay).await {
                break false;
            }
            match read_topic_state(k, &topic, partitions, trust_from.clone()).await {
                Ok(state) => {
                    for (m, seen) in max_published.iter_mut().zip(state.max_published) {
                        *m = (*m).max(seen);
                    }
                    break true;
                }
                Err(e) => error = e.message,
            }
        };
        if !reconciled {
            ended_by = "stopped";
            break;
        }
        on(ProducerEvent::Recovered {
            what: "Kafka".into(),
        });
        read_pos = last_id;
    }
    let s = summary(
        &topic,
        partitions,
        batches,
        published_total,
        skipped_total,
        started,
        last_id,
        lag,
        retries,
        rewound,
        ended_by,
    );
    tokio::task::spawn_blocking(move || drop(producer))
        .await
        .ok();
    // Release the lock now rather than when the server notices the closed connection, so a
    // producer started right after this one (the demo does) is not refused.
    let _ = db
        .client
        .execute("SELECT pg_advisory_unlock($1)", &[&PRODUCER_LOCK_KEY])
        .await;
    Ok(s)
}

#[allow(clippy::too_many_arguments)]
fn summary(
    topic: &str,
    partitions: i32,
    batches: u64,
    published: u64,
    skipped: u64,
    started: Instant,
    last_id: i64,
    lag: i64,
    retries: u64,
    rewound: Option<Rewound>,
    ended_by: &str,
) -> PollSummary {
    let seconds = started.elapsed().as_secs_f64();
    PollSummary {
        kind: "summary",
        topic: topic.to_string(),
        partitions,
        batches,
        published,
        skipped,
        seconds,
        rows_per_sec: if seconds > 0.0 {
            published as f64 / seconds
        } else {
            0.0
        },
        last_id,
        lag,
        retries,
        rewound,
        ended_by: ended_by.into(),
    }
}

/// Reconnect after a lost database connection, re-taking the lock and re-reading the offset.
async fn reconnect_db(
    db: &mut Db<'_>,
    last_id: &mut i64,
    error: String,
    backoff: &mut Backoff,
    retries: &mut u64,
    stop: &mut Stop,
    on: &mut impl FnMut(ProducerEvent),
) -> Result<bool> {
    loop {
        let delay = backoff.next_delay();
        *retries += 1;
        on(ProducerEvent::Retrying {
            what: "PostgreSQL".into(),
            error: error.clone(),
            delay,
        });
        if sleep_or_stop(stop, delay).await {
            return Ok(false);
        }
        match connect_locked(db.pg).await {
            Ok(c) => {
                db.client = c;
                *last_id = read_offset(&db.client).await?;
                on(ProducerEvent::Recovered {
                    what: "PostgreSQL".into(),
                });
                return Ok(true);
            }
            Err(e) if e.kind == ErrorKind::Connection => continue,
            Err(e) => return Err(e),
        }
    }
}

type Pending = Vec<(i64, i32, rdkafka::producer::DeliveryFuture)>;

/// A batch sent and not yet fully acknowledged.
struct InFlight {
    first_id: i64,
    last: Row,
    /// Rows of the batch already on the topic, not sent.
    skipped: u64,
    max_id: i64,
    pending: Pending,
}

/// Batches sent ahead while the oldest waits for its acknowledgements.
const PIPELINE_DEPTH: usize = 4;

/// Queue every not-yet-published row of the batch. Returns what was queued, how many rows
/// were skipped as already on the topic, and an error if queueing failed part-way.
async fn send_batch(
    producer: &Kafka,
    topic: &str,
    partitions: i32,
    rows: &[Row],
    max_published: &[i64],
) -> (Pending, u64, Option<String>) {
    let mut pending = Vec::with_capacity(rows.len());
    let mut skipped = 0;
    for r in rows {
        let key = key_of(r.id);
        let p = partition_for(key.as_bytes(), partitions);
        if r.id <= max_published[p as usize] {
            skipped += 1;
            continue;
        }
        let value = match serde_json::to_vec(&to_event(r)) {
            Ok(v) => v,
            Err(e) => {
                return (
                    pending,
                    skipped,
                    Some(format!("cannot encode event {}: {e}", r.id)),
                )
            }
        };
        let mut record = FutureRecord::to(topic)
            .key(&key)
            .payload(&value)
            .partition(p);
        loop {
            match producer.send_result(record) {
                Ok(f) => {
                    pending.push((r.id, p, f));
                    break;
                }
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), rec)) => {
                    record = rec;
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                Err((e, _)) => {
                    return (
                        pending,
                        skipped,
                        Some(format!("cannot queue event {}: {e}", r.id)),
                    )
                }
            }
        }
    }
    (pending, skipped, None)
}

/// Wait for every acknowledgement of a batch; if the connection drops meanwhile, stop this
/// producer at once (its batches fail and are reconciled) rather than let it retry into a
/// restarted broker. Returns the events acknowledged, and an error if any failed.
async fn await_acks(
    producer: &Kafka,
    watch: &ConnectionWatch,
    pending: Pending,
    max_published: &mut [i64],
) -> (u64, std::result::Result<(), String>) {
    let settled = settle(pending, max_published);
    tokio::pin!(settled);
    let mut purged = false;
    loop {
        tokio::select! {
            r = &mut settled => return r,
            _ = tokio::time::sleep(Duration::from_millis(20)), if !purged => {
                if watch.lost().is_some() {
                    producer.purge(PurgeConfig::default().queue().inflight().non_blocking());
                    purged = true;
                }
            }
        }
    }
}

/// Settle every batch in flight (after a failure): only to learn what was acknowledged.
async fn drain(in_flight: &mut VecDeque<InFlight>, max_published: &mut [i64]) -> u64 {
    let mut acked = 0;
    while let Some(b) = in_flight.pop_front() {
        acked += settle(b.pending, max_published).await.0;
    }
    acked
}

/// Await deliveries; `max_published` is raised for each acknowledged event, also when
/// others failed.
async fn settle(
    pending: Pending,
    max_published: &mut [i64],
) -> (u64, std::result::Result<(), String>) {
    let mut first_error = None;
    let mut acked = 0;
    let results = futures::future::join_all(
        pending
            .into_iter()
            .map(|(id, p, f)| async move { (id, p, f.await) }),
    )
    .await;
    for (id, p, r) in results {
        match r {
            Ok(Ok(_)) => {
                acked += 1;
                let m = &mut max_published[p as usize];
                *m = (*m).max(id);
            }
            Ok(Err((e, _))) => {
                first_error.get_or_insert_with(|| format!("delivery of event {id} failed: {e}"));
            }
            Err(_) => {
                first_error.get_or_insert_with(|| format!("delivery of event {id} was cancelled"));
            }
        }
    }
    (acked, first_error.map_or(Ok(()), Err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmur2_matches_java() {
        // Values from Kafka's own tests (UtilsTest.testMurmur2) / kafka-python.
        assert_eq!(murmur2(b"21") as i32, -973932308);
        assert_eq!(murmur2(b"foobar") as i32, -790332482);
        assert_eq!(murmur2(b"a-little-bit-long-string") as i32, -985981536);
        assert_eq!(murmur2(b"a-little-bit-longer-string") as i32, -1486304829);
        assert_eq!(
            murmur2(b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") as i32,
            -58897971
        );
        assert_eq!(murmur2(b"abc") as i32, 479470107);
    }

    #[test]
    fn event_shape() {
        let r = Row {
            id: 7,
            org: "Acme".into(),
            amount: "12.50".into(),
            region: "eu".into(),
            created_at: None,
            created_at_utc: Some(DateTime::from_timestamp(1_700_000_000, 123_456_000).unwrap()),
            xmin: 0,
        };
        assert_eq!(
            serde_json::to_string(&to_event(&r)).unwrap(),
            r#"{"id":7,"payload":{"org":"Acme","amount":"12.50","region":"eu"},"meta":{"source":"kafka-producer","created_at":"2023-11-14T22:13:20.123456Z"}}"#
        );
    }
}
