//! Finding one row's event on the producer's topic, without reading the topic through.
//!
//! The partition is the producer's own (`murmur2(key) % partitions`, the key being the id
//! as text). Within it, in three steps:
//! 1. from a minute before the row was created (the broker's time index,
//!    `offsets_for_times`), read forward at most [`NEAR`] records: a row published on time
//!    is a few records on, read in one sequential fetch;
//! 2. not there: the producer was behind (down for a while). It writes ids in increasing
//!    order, each once, so a binary search over the rest finds the event, one record per
//!    step (about 20 for a million records; a step costs a fetch, about half a second on
//!    tansu, where a forward read does 40,000 records a second);
//! 3. the search misses (a replay rewound the producer, another writer's records break
//!    the order): read on, up to `scan_limit` records in all.
//!
//! `--all-copies` reads forward from the creation time to the high watermark taken at the
//! start (at most `scan_limit`), listing every copy a replay wrote.

use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};

use super::TraceError;
use crate::kafka::{client_config, read};
use crate::settings::KafkaSettings;

/// How long one record may take to arrive after an assignment.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
const METADATA_TIMEOUT: Duration = Duration::from_secs(10);
/// The forward read starts this long before the row's `created_at` (clocks differ).
const SCAN_MARGIN_MS: i64 = 60_000;
/// Records read from the row's creation time before a binary search takes over.
const NEAR: u64 = 20_000;

/// One record as the trace shows it.
#[derive(Debug, Clone)]
pub struct Record {
    pub partition: i32,
    pub offset: i64,
    pub timestamp_ms: Option<i64>,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Option<Vec<u8>>)>,
}

impl Record {
    /// The id the record is about: its key as an integer (as `produce poll` keys), else
    /// the value's `id`.
    pub fn id(&self) -> Option<i64> {
        let from_key = self
            .key
            .as_deref()
            .and_then(|k| std::str::from_utf8(k).ok())
            .and_then(|k| k.trim().parse().ok());
        from_key.or_else(|| {
            let v: serde_json::Value = serde_json::from_slice(self.value.as_deref()?).ok()?;
            v.get("id")?.as_i64()
        })
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.as_deref())
            .map(|v| String::from_utf8_lossy(v).into_owned())
    }
}

/// Where the search looked and what it found.
#[derive(Debug, Clone)]
pub struct Located {
    pub partitions: i32,
    pub partition: i32,
    pub low: i64,
    pub high: i64,
    /// Every record of the id found (usually one).
    pub copies: Vec<Record>,
    /// `search` (binary search) or `scan` (read forward).
    pub found_by: &'static str,
    /// Records read in all.
    pub read: u64,
    /// The forward read stopped at `scan_limit` before the high watermark.
    pub scan_cut: bool,
}

/// A reader of single records at chosen offsets of one topic.
pub struct Reader {
    consumer: BaseConsumer,
    topic: String,
    bootstrap: String,
    pub read: u64,
    /// The partition assigned and read from: moving within it is a seek.
    assigned: Option<i32>,
}

impl Reader {
    pub fn new(k: &KafkaSettings, topic: &str) -> Result<Reader, TraceError> {
        let mut cfg = read::reader_config(client_config(k), "trace");
        // A search reads one record per position: librdkafka is not to fill its queue
        // ahead of a position about to be left (a full queue held the next fetch back for
        // a second after each move: 17 reads took 17 s on a 100,000-record partition, and
        // 9 s with these), nor to wait long for a fetch to fill.
        cfg.set("fetch.wait.max.ms", "10")
            .set("fetch.error.backoff.ms", "10")
            .set("fetch.queue.backoff.ms", "10")
            .set("queued.max.messages.kbytes", "4096")
            .set("queued.min.messages", "1");
        let consumer: BaseConsumer = cfg.create().map_err(|e| TraceError::Kafka {
            bootstrap: k.bootstrap(),
            message: e.to_string(),
        })?;
        Ok(Reader {
            consumer,
            topic: topic.to_string(),
            bootstrap: k.bootstrap(),
            read: 0,
            assigned: None,
        })
    }

    fn kafka(&self, e: impl std::fmt::Display) -> TraceError {
        TraceError::Kafka {
            bootstrap: self.bootstrap.clone(),
            message: e.to_string(),
        }
    }

    /// The topic's partition count; `None` when the topic does not exist.
    pub fn partitions(&self) -> Result<Option<i32>, TraceError> {
        let md = self
            .consumer
            .fetch_metadata(Some(&self.topic), METADATA_TIMEOUT)
            .map_err(|e| self.kafka(e))?;
        Ok(md
            .topics()
            .iter()
            .find(|t| t.name() == self.topic && t.error().is_none())
            .map(|t| t.partitions().len() as i32)
            .filter(|n| *n > 0))
    }

    pub fn watermarks(&self, p: i32) -> Result<(i64, i64), TraceError> {
        self.consumer
            .fetch_watermarks(&self.topic, p, METADATA_TIMEOUT)
            .map_err(|e| self.kafka(e))
    }

    /// The first offset of `p` whose timestamp is at or after `ms` (the high watermark when
    /// none is).
    fn offset_for_time(&self, p: i32, ms: i64, high: i64) -> Result<i64, TraceError> {
        let mut tpl = TopicPartitionList::new();
        tpl.add_partition_offset(&self.topic, p, Offset::Offset(ms))
            .map_err(|e| self.kafka(e))?;
        let got = self
            .consumer
            .offsets_for_times(tpl, METADATA_TIMEOUT)
            .map_err(|e| self.kafka(e))?;
        Ok(got
            .elements()
            .first()
            .and_then(|e| match e.offset() {
                Offset::Offset(o) if o >= 0 => Some(o),
                _ => None,
            })
            .unwrap_or(high))
    }

    /// Start reading `p` at `offset`: the first time an assignment, then a seek within
    /// it (librdkafka drops what it fetched for the old position either way).
    fn seek(&mut self, p: i32, offset: i64) -> Result<(), TraceError> {
        if self.assigned == Some(p) {
            let moved = self.consumer.seek(
                &self.topic,
                p,
                rdkafka::Offset::Offset(offset),
                METADATA_TIMEOUT,
            );
            if moved.is_ok() {
                return Ok(());
            }
        }
        read::assign_at(&self.consumer, [(self.topic.as_str(), p, offset)])
            .map_err(|e| self.kafka(e))?;
        self.assigned = Some(p);
        Ok(())
    }

    /// The next record of `p` at or after `from` (records fetched for an earlier
    /// assignment are passed over); `None` when nothing came within the timeout.
    fn next(&mut self, p: i32, from: i64) -> Result<Option<Record>, TraceError> {
        let deadline = Instant::now() + READ_TIMEOUT;
        while Instant::now() < deadline {
            match self.consumer.poll(Duration::from_millis(200)) {
                None => continue,
                Some(Err(e)) => {
                    let lost = e
                        .rdkafka_error_code()
                        .is_some_and(crate::kafka::connection::is_connection_loss);
                    if lost {
                        return Err(self.kafka(e));
                    }
                }
                Some(Ok(m)) => {
                    if m.partition() != p || m.offset() < from {
                        continue;
                    }
                    self.read += 1;
                    return Ok(Some(Record {
                        partition: p,
                        offset: m.offset(),
                        timestamp_ms: m.timestamp().to_millis(),
                        key: m.key().map(<[u8]>::to_vec),
                        value: m.payload().map(<[u8]>::to_vec),
                        headers: m
                            .headers()
                            .map(|h| {
                                h.iter()
                                    .map(|x| (x.key.to_string(), x.value.map(<[u8]>::to_vec)))
                                    .collect()
                            })
                            .unwrap_or_default(),
                    }));
                }
            }
        }
        Ok(None)
    }

    /// The record at `offset` or the first after it, below `high`.
    pub fn at(&mut self, p: i32, offset: i64, high: i64) -> Result<Option<Record>, TraceError> {
        if offset >= high {
            return Ok(None);
        }
        self.seek(p, offset)?;
        Ok(self.next(p, offset)?.filter(|r| r.offset < high))
    }

    /// Read `p` forward from `from` to `high`, at most `limit` records, handing each to `f`
    /// until it returns false. Returns whether the limit cut the read short.
    pub fn scan(
        &mut self,
        p: i32,
        from: i64,
        high: i64,
        limit: u64,
        mut f: impl FnMut(&Record) -> bool,
    ) -> Result<bool, TraceError> {
        if from >= high {
            return Ok(false);
        }
        self.seek(p, from)?;
        let mut at = from;
        let mut n = 0u64;
        while at < high {
            if n >= limit {
                return Ok(true);
            }
            let Some(r) = self.next(p, at)? else {
                return Err(TraceError::ReadStalled {
                    topic: self.topic.clone(),
                    partition: p,
                    offset: at,
                });
            };
            if r.offset >= high {
                break;
            }
            at = r.offset + 1;
            n += 1;
            if !f(&r) {
                break;
            }
        }
        Ok(false)
    }
}

/// Find the records of `id` on the topic. `None` when the topic does not exist. A binary
/// search stops at the record of the id it meets; `all_copies` reads forward instead, for
/// every copy (a replay's).
pub fn locate(
    k: &KafkaSettings,
    topic: &str,
    id: i64,
    created_at_ms: Option<i64>,
    scan_limit: u64,
    all_copies: bool,
) -> Result<Option<Located>, TraceError> {
    let mut r = Reader::new(k, topic)?;
    let Some(partitions) = r.partitions()? else {
        return Ok(None);
    };
    let key = id.to_string();
    let partition = crate::pipeline::producer::partition_for(key.as_bytes(), partitions);
    let (low, high) = r.watermarks(partition)?;
    let mut located = Located {
        partitions,
        partition,
        low,
        high,
        copies: Vec::new(),
        found_by: "search",
        read: 0,
        scan_cut: false,
    };

    // 1. From a minute before the row was created (the broker's time index): the event
    //    is usually a few records on, read in one sequential fetch.
    let from = match created_at_ms {
        Some(ms) => r.offset_for_time(partition, ms - SCAN_MARGIN_MS, high)?,
        None => low,
    }
    .max(low);
    let near = if all_copies {
        scan_limit
    } else {
        NEAR.min(scan_limit)
    };
    let (copies, end, cut) = read_forward(&mut r, partition, (from, high), near, id, all_copies)?;
    located.copies = copies;
    located.scan_cut = cut;
    if all_copies || !located.copies.is_empty() || !cut {
        located.found_by = if all_copies || located.copies.is_empty() {
            "scan"
        } else {
            "time"
        };
        located.read = r.read;
        return Ok(Some(located));
    }

    // 2. Published long after it was created (a producer that was down): a binary search
    //    over the rest, where the producer writes ids in increasing order.
    if let Some(b) = search(&mut r, partition, (end, high), id)? {
        located.copies.push(b);
        located.found_by = "search";
        located.scan_cut = false;
        located.read = r.read;
        return Ok(Some(located));
    }

    // 3. Out of order (a replay, another writer's records), or not there: read on.
    located.found_by = "scan";
    let left = scan_limit.saturating_sub(r.read);
    let (copies, _, cut) = read_forward(&mut r, partition, (end, high), left, id, false)?;
    located.copies = copies;
    located.scan_cut = cut;
    located.read = r.read;
    Ok(Some(located))
}

/// Read `p` over `from..high`, at most `limit` records, collecting the records of `id`
/// (stopping at the first unless `all` copies are wanted). Returns them, the first offset
/// not read, and whether the limit cut the read short.
fn read_forward(
    r: &mut Reader,
    p: i32,
    (from, high): (i64, i64),
    limit: u64,
    id: i64,
    all: bool,
) -> Result<(Vec<Record>, i64, bool), TraceError> {
    let mut copies = Vec::new();
    let mut end = from;
    let cut = r.scan(p, from, high, limit, |rec| {
        end = rec.offset + 1;
        if rec.id() == Some(id) {
            copies.push(rec.clone());
            return all;
        }
        true
    })?;
    Ok((copies, end, cut))
}

/// Binary search of `lo..hi` for the record of `id`, on a partition in id order; `None`
/// when it is not found that way (not there, or a record that is not the producer's
/// breaks the order).
fn search(
    r: &mut Reader,
    p: i32,
    (mut lo, mut hi): (i64, i64),
    id: i64,
) -> Result<Option<Record>, TraceError> {
    let mut best: Option<Record> = None;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match r.at(p, mid, hi)? {
            None => hi = mid,
            Some(rec) => match rec.id() {
                None => return Ok(None),
                Some(got) if got < id => lo = rec.offset + 1,
                Some(_) => {
                    hi = mid;
                    best = Some(rec);
                }
            },
        }
    }
    Ok(best.filter(|b| b.id() == Some(id)))
}
