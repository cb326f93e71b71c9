//! `redis dump`: every key with its type, TTL, length and (the first N items of) its value.
//!
//! Replaces the shell loop of the CDC seed (`redis-cli --scan`, then one `type` and one read
//! per key, two processes per key). Here: SCAN with a large COUNT (never KEYS, so the server
//! is never blocked for long), then for each batch one pipelined round of TYPE and one
//! pipelined round of PTTL + length + read. A key that vanishes (or changes type) between
//! the rounds is counted and skipped, never an error.

//! [`Dumper`] (here) drives SCAN and keeps batches in flight, [`reader`] reads one batch
//! with pipelined commands, [`record`] turns a key into JSON or the seed's text layout.

mod reader;
mod record;

pub use record::printable;

use std::collections::HashSet;

use futures::future::BoxFuture;
use futures::stream::{FuturesOrdered, StreamExt};
use futures::FutureExt;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::redisdb;

/// What a dump refuses, in its own words; the command layer adds the flag that helps.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// A type to dump that Redis does not have (not one of [`TYPES`]).
    #[error("unknown Redis type `{0}`")]
    UnknownType(String),
}

impl From<DumpError> for Error {
    fn from(e: DumpError) -> Self {
        Error::from_domain(crate::error::ErrorKind::Usage, e)
    }
}
use reader::Reader;

#[derive(Debug, Clone)]
pub struct DumpOptions {
    /// SCAN MATCH pattern (glob).
    pub pattern: Option<String>,
    /// Only keys of these types (empty: all).
    pub types: Vec<String>,
    /// Items per collection; 0 means all.
    pub limit: usize,
    /// SCAN COUNT hint: keys examined per SCAN call.
    pub scan_count: usize,
}

/// What a run saw, for the summary line.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DumpStats {
    /// Keys dumped.
    pub keys: u64,
    /// Keys SCAN returned that were gone (or had changed type) by the time they were read.
    pub vanished: u64,
    /// Keys left out by `--type`.
    pub filtered: u64,
    /// Keys SCAN returned twice (it may, while the server rehashes); dumped once.
    pub duplicates: u64,
}

/// One key as read, bytes untouched.
#[derive(Debug, Clone)]
pub struct KeyDump {
    pub key: Vec<u8>,
    /// Redis type name (`string`, `list`, `set`, `zset`, `hash`, `stream`, or a module type).
    pub kind: String,
    /// Milliseconds left to live; `None` when the key does not expire.
    pub ttl_ms: Option<i64>,
    /// Items in the collection (bytes for a string); `None` for types not read.
    pub length: Option<u64>,
    pub value: DumpValue,
    /// Fewer items shown than the collection holds (`--limit`).
    pub truncated: bool,
}

#[derive(Debug, Clone)]
pub enum DumpValue {
    String(Vec<u8>),
    List(Vec<Vec<u8>>),
    Set(Vec<Vec<u8>>),
    Hash(Vec<(Vec<u8>, Vec<u8>)>),
    Zset(Vec<(Vec<u8>, f64)>),
    Stream(Vec<StreamEntry>),
    /// A type livedbctl does not read (e.g. a module type).
    Unsupported,
}

#[derive(Debug, Clone)]
pub struct StreamEntry {
    pub id: String,
    pub fields: Vec<(Vec<u8>, Vec<u8>)>,
}

pub const TYPES: &[&str] = &["string", "list", "set", "zset", "hash", "stream"];

/// Batches read at once: SCAN and the pipelined reads of earlier batches overlap on the
/// one multiplexed connection, so the server never waits for the client to parse.
const IN_FLIGHT: usize = 4;

type BatchResult = Result<(Vec<KeyDump>, DumpStats)>;

pub struct Dumper {
    reader: Reader,
    cursor: u64,
    scan_done: bool,
    /// Every key of the dump. foldhash, not SipHash (made to resist chosen keys, which a
    /// read of one's own Redis does not need; SipHash was 2% of the dump's CPU).
    seen: HashSet<Vec<u8>, foldhash::fast::RandomState>,
    in_flight: FuturesOrdered<BoxFuture<'static, BatchResult>>,
    pub stats: DumpStats,
}
impl Dumper {
    pub async fn connect(url: &str, opts: DumpOptions) -> Result<Dumper> {
        for t in &opts.types {
            if !TYPES.contains(&t.as_str()) {
                return Err(DumpError::UnknownType(t.clone()).into());
            }
        }
        let conn = redisdb::connect(url).await?;
        Ok(Dumper {
            reader: Reader {
                conn,
                url: url.to_string(),
                opts,
                stats: DumpStats::default(),
            },
            cursor: 0,
            scan_done: false,
            seen: HashSet::default(),
            in_flight: FuturesOrdered::new(),
            stats: DumpStats::default(),
        })
    }

    /// The next batch of keys (one SCAN call's worth), or `None` when the scan is complete.
    /// A batch may be empty: SCAN may return no keys before it is done.
    pub async fn next_batch(&mut self) -> Result<Option<Vec<KeyDump>>> {
        while !self.scan_done && self.in_flight.len() < IN_FLIGHT {
            let keys = self.scan().await?;
            let reader = self.reader.clone();
            self.in_flight.push_back(reader.read_keys(keys).boxed());
        }
        match self.in_flight.next().await {
            None => Ok(None),
            Some(r) => {
                let (keys, st) = r?;
                self.stats.keys += st.keys;
                self.stats.vanished += st.vanished;
                self.stats.filtered += st.filtered;
                Ok(Some(keys))
            }
        }
    }

    /// One SCAN call: the keys not seen before.
    async fn scan(&mut self) -> Result<Vec<Vec<u8>>> {
        let opts = &self.reader.opts;
        let mut scan = redis::cmd("SCAN");
        scan.arg(self.cursor);
        if let Some(p) = &opts.pattern {
            scan.arg("MATCH").arg(p);
        }
        scan.arg("COUNT").arg(opts.scan_count.max(1));
        if let [only] = opts.types.as_slice() {
            // Filtered on the server (Redis 6+), and checked again when read.
            scan.arg("TYPE").arg(only);
        }
        let mut conn = self.reader.conn.clone();
        let (cursor, keys): (u64, Vec<Vec<u8>>) = scan
            .query_async(&mut conn)
            .await
            .map_err(|e| self.reader.fail("SCAN failed", e))?;
        self.cursor = cursor;
        if cursor == 0 {
            self.scan_done = true;
        }
        let mut fresh = Vec::with_capacity(keys.len());
        for k in keys {
            if self.seen.insert(k.clone()) {
                fresh.push(k);
            } else {
                self.stats.duplicates += 1;
            }
        }
        Ok(fresh)
    }
}
