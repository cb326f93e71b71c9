//! `redis dump`: every key with its type, TTL, length and (the first N items of) its value.
//!
//! Replaces the shell loop of the CDC seed (`redis-cli --scan`, then one `type` and one read
//! per key, two processes per key). Here: SCAN with a large COUNT (never KEYS, so the server
//! is never blocked for long), then for each batch one pipelined round of TYPE and one
//! pipelined round of PTTL + length + read. A key that vanishes (or changes type) between
//! the rounds is counted and skipped, never an error.

use std::collections::HashSet;

use base64::Engine as _;
use futures::future::BoxFuture;
use futures::stream::{FuturesOrdered, StreamExt};
use futures::FutureExt;
use redis::aio::ConnectionLike;
use redis::Value;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::Serialize;
use serde_json::{json, Value as Json};

use crate::error::{Error, Result};
use crate::redisdb;

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
    seen: HashSet<Vec<u8>>,
    in_flight: FuturesOrdered<BoxFuture<'static, BatchResult>>,
    pub stats: DumpStats,
}

/// What one batch's reads need; cloned per batch (the connection is multiplexed).
#[derive(Clone)]
struct Reader {
    conn: redis::aio::MultiplexedConnection,
    url: String,
    opts: DumpOptions,
    stats: DumpStats,
}

impl Dumper {
    pub async fn connect(url: &str, opts: DumpOptions) -> Result<Dumper> {
        for t in &opts.types {
            if !TYPES.contains(&t.as_str()) {
                return Err(Error::usage(format!("unknown Redis type `{t}` for --type"))
                    .hint(format!("use one of: {}", TYPES.join(", "))));
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
            seen: HashSet::new(),
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
            if self.seen.contains(&k) {
                self.stats.duplicates += 1;
            } else {
                self.seen.insert(k.clone());
                fresh.push(k);
            }
        }
        Ok(fresh)
    }
}

impl Reader {
    fn fail(&self, what: &str, e: impl std::fmt::Display) -> Error {
        redisdb::unreachable(&self.url, format!("{what}: {e}"))
    }

    async fn read_keys(mut self, keys: Vec<Vec<u8>>) -> BatchResult {
        if keys.is_empty() {
            return Ok((Vec::new(), self.stats));
        }
        // Round 1: TYPE of every key.
        let mut pipe = redis::pipe();
        for k in &keys {
            pipe.cmd("TYPE").arg(k);
        }
        let types = self.send(&pipe).await?;
        let mut wanted = Vec::with_capacity(keys.len());
        for (k, t) in keys.into_iter().zip(types) {
            let t = match t {
                Value::SimpleString(s) => s,
                Value::BulkString(b) => String::from_utf8_lossy(&b).into_owned(),
                Value::Okay => "OK".into(),
                other => return Err(self.fail("unexpected TYPE reply", format!("{other:?}"))),
            };
            if t == "none" {
                self.stats.vanished += 1;
                continue;
            }
            if !self.opts.types.is_empty() && !self.opts.types.contains(&t) {
                self.stats.filtered += 1;
                continue;
            }
            wanted.push((k, t));
        }
        // Round 2: PTTL, length and read of each key; a string's length is its value's.
        let limit = self.opts.limit;
        let mut pipe = redis::pipe();
        for (k, t) in &wanted {
            pipe.cmd("PTTL").arg(k);
            if t == "string" {
                pipe.cmd("GET").arg(k);
                continue;
            }
            let (len_cmd, read): (&str, redis::Cmd) = match t.as_str() {
                "list" => (
                    "LLEN",
                    cmd_with("LRANGE", k, &["0".into(), last_index(limit)]),
                ),
                "set" if limit == 0 => ("SCARD", cmd_with("SMEMBERS", k, &[])),
                "set" => (
                    "SCARD",
                    cmd_with("SSCAN", k, &["0".into(), "COUNT".into(), limit.to_string()]),
                ),
                "hash" if limit == 0 => ("HLEN", cmd_with("HGETALL", k, &[])),
                "hash" => (
                    "HLEN",
                    cmd_with("HSCAN", k, &["0".into(), "COUNT".into(), limit.to_string()]),
                ),
                "zset" => (
                    "ZCARD",
                    cmd_with(
                        "ZRANGE",
                        k,
                        &["0".into(), last_index(limit), "WITHSCORES".into()],
                    ),
                ),
                "stream" => {
                    let mut args = vec!["-".to_string(), "+".to_string()];
                    if limit > 0 {
                        args.extend(["COUNT".to_string(), limit.to_string()]);
                    }
                    ("XLEN", cmd_with("XRANGE", k, &args))
                }
                _ => ("EXISTS", cmd_with("EXISTS", k, &[])),
            };
            pipe.cmd(len_cmd).arg(k);
            pipe.add_command(read);
        }
        let replies = self.send(&pipe).await?;
        let mut out = Vec::with_capacity(wanted.len());
        let mut replies = replies.into_iter();
        for (key, kind) in wanted {
            let (ttl, len, read) = if kind == "string" {
                let (ttl, read) = (replies.next(), replies.next());
                let len = match &read {
                    Some(Value::BulkString(b)) => Some(Value::Int(b.len() as i64)),
                    _ => Some(Value::Nil),
                };
                (ttl, len, read)
            } else {
                (replies.next(), replies.next(), replies.next())
            };
            let (Some(ttl), Some(len), Some(read)) = (ttl, len, read) else {
                return Err(self.fail("short pipeline reply", "fewer replies than commands"));
            };
            let ttl = match ttl {
                Value::Int(n) => n,
                _ => -2,
            };
            // Gone between the rounds, or replaced by a key of another type (WRONGTYPE).
            let (Value::Int(len), false) =
                (&len, ttl == -2 || matches!(read, Value::ServerError(_)))
            else {
                self.stats.vanished += 1;
                continue;
            };
            let len = *len as u64;
            let ttl_ms = (ttl >= 0).then_some(ttl);
            let mut dump = KeyDump {
                key,
                kind: kind.clone(),
                ttl_ms,
                length: Some(len),
                value: DumpValue::Unsupported,
                truncated: false,
            };
            dump.value = match kind.as_str() {
                "string" => match read {
                    Value::BulkString(b) => DumpValue::String(b),
                    _ => {
                        self.stats.vanished += 1;
                        continue;
                    }
                },
                "list" => DumpValue::List(bulk_list(read)),
                "set" => {
                    let mut members = scan_reply(read);
                    if limit > 0 && (members.len() as u64) < len.min(limit as u64) {
                        members = self.sscan_more(&dump.key, "SSCAN", members, limit).await?;
                    }
                    let mut members = dedup(members);
                    members.sort();
                    members.truncate(if limit == 0 { usize::MAX } else { limit });
                    DumpValue::Set(members)
                }
                "hash" => {
                    let mut flat = scan_reply(read);
                    if limit > 0 && ((flat.len() / 2) as u64) < len.min(limit as u64) {
                        flat = self.sscan_more(&dump.key, "HSCAN", flat, limit * 2).await?;
                    }
                    let mut pairs = pairs(flat);
                    pairs.sort_by(|a, b| a.0.cmp(&b.0));
                    pairs.dedup_by(|a, b| a.0 == b.0);
                    pairs.truncate(if limit == 0 { usize::MAX } else { limit });
                    DumpValue::Hash(pairs)
                }
                "zset" => DumpValue::Zset(
                    pairs(bulk_list(read))
                        .into_iter()
                        .map(|(m, s)| {
                            (
                                m,
                                String::from_utf8_lossy(&s)
                                    .parse::<f64>()
                                    .unwrap_or(f64::NAN),
                            )
                        })
                        .collect(),
                ),
                "stream" => DumpValue::Stream(stream_entries(read)),
                _ => {
                    dump.length = None;
                    DumpValue::Unsupported
                }
            };
            dump.truncated = match dump.length {
                Some(len) => dump.shown() < len && !matches!(dump.value, DumpValue::String(_)),
                None => false,
            };
            out.push(dump);
        }
        self.stats.keys += out.len() as u64;
        Ok((out, self.stats))
    }

    /// The first SSCAN/HSCAN call gave fewer items than wanted (large, hashtable-encoded
    /// collections): continue the cursor for this one key until enough are in hand.
    async fn sscan_more(
        &mut self,
        key: &[u8],
        cmd: &str,
        mut items: Vec<Vec<u8>>,
        want: usize,
    ) -> Result<Vec<Vec<u8>>> {
        items.clear();
        let mut cursor = 0u64;
        loop {
            let (next, batch): (u64, Vec<Vec<u8>>) = redis::cmd(cmd)
                .arg(key)
                .arg(cursor)
                .arg("COUNT")
                .arg(want.max(10))
                .query_async(&mut self.conn)
                .await
                .map_err(|e| self.fail(&format!("{cmd} failed"), e))?;
            items.extend(batch);
            cursor = next;
            if cursor == 0 || items.len() >= want {
                return Ok(items);
            }
        }
    }

    async fn send(&mut self, pipe: &redis::Pipeline) -> Result<Vec<Value>> {
        let n = pipe.len();
        // An empty pipeline sends nothing, so no reply would ever arrive: a batch whose
        // keys were all filtered out or vanished would hang the dump.
        if n == 0 {
            return Ok(Vec::new());
        }
        let url = self.url.clone();
        self.conn
            .req_packed_commands(pipe, 0, n)
            .await
            .map_err(|e| redisdb::unreachable(&url, format!("pipelined read failed: {e}")))
    }
}

impl KeyDump {
    /// Items in hand (bytes for a string).
    pub fn shown(&self) -> u64 {
        (match &self.value {
            DumpValue::String(b) => b.len(),
            DumpValue::List(v) | DumpValue::Set(v) => v.len(),
            DumpValue::Hash(v) => v.len(),
            DumpValue::Zset(v) => v.len(),
            DumpValue::Stream(v) => v.len(),
            DumpValue::Unsupported => 0,
        }) as u64
    }

    /// Every byte string of the key, to pick one encoding for the whole record.
    fn all_bytes(&self) -> Vec<&[u8]> {
        let mut v: Vec<&[u8]> = vec![&self.key];
        match &self.value {
            DumpValue::String(b) => v.push(b),
            DumpValue::List(items) | DumpValue::Set(items) => {
                v.extend(items.iter().map(|b| b.as_slice()))
            }
            DumpValue::Hash(p) => p
                .iter()
                .for_each(|(a, b)| v.extend([a.as_slice(), b.as_slice()])),
            DumpValue::Zset(p) => v.extend(p.iter().map(|(m, _)| m.as_slice())),
            DumpValue::Stream(e) => e
                .iter()
                .flat_map(|e| &e.fields)
                .for_each(|(a, b)| v.extend([a.as_slice(), b.as_slice()])),
            DumpValue::Unsupported => {}
        }
        v
    }

    /// `utf8` when every byte string of the key is UTF-8 text, else `base64`: then the key,
    /// values, members and fields of this record are all base64.
    pub fn encoding(&self) -> &'static str {
        if self
            .all_bytes()
            .iter()
            .all(|b| std::str::from_utf8(b).is_ok())
        {
            "utf8"
        } else {
            "base64"
        }
    }

    /// The JSON form: `{key, type, ttl_ms, length, value | items, truncated, encoding}`.
    #[cfg(test)]
    pub fn to_json(&self) -> Json {
        serde_json::to_value(self.json()).unwrap_or(Json::Null)
    }

    /// The JSON form, serialised straight from the bytes (no intermediate tree).
    pub fn json(&self) -> KeyJson<'_> {
        KeyJson {
            k: self,
            b64: self.encoding() == "base64",
        }
    }
}

pub struct KeyJson<'a> {
    k: &'a KeyDump,
    b64: bool,
}

struct Bytes<'a>(&'a [u8], bool);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if self.1 {
            s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(self.0))
        } else {
            s.serialize_str(&String::from_utf8_lossy(self.0))
        }
    }
}

struct Pair<'a>(&'static str, &'a [u8], &'static str, &'a [u8], bool);

impl Serialize for Pair<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(self.0, &Bytes(self.1, self.4))?;
        m.serialize_entry(self.2, &Bytes(self.3, self.4))?;
        m.end()
    }
}

struct Items<'a>(&'a DumpValue, bool);

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let b64 = self.1;
        let mut seq = s.serialize_seq(None)?;
        match self.0 {
            DumpValue::List(items) | DumpValue::Set(items) => {
                for i in items {
                    seq.serialize_element(&Bytes(i, b64))?;
                }
            }
            DumpValue::Hash(p) => {
                for (f, v) in p {
                    seq.serialize_element(&Pair("field", f, "value", v, b64))?;
                }
            }
            DumpValue::Zset(p) => {
                for (m, sc) in p {
                    seq.serialize_element(
                        &json!({"member": Bytes(m, b64), "score": score_json(*sc)}),
                    )?;
                }
            }
            DumpValue::Stream(entries) => {
                for e in entries {
                    let fields: Vec<Pair<'_>> = e
                        .fields
                        .iter()
                        .map(|(f, v)| Pair("field", f, "value", v, b64))
                        .collect();
                    seq.serialize_element(&json!({"id": e.id, "fields": fields}))?;
                }
            }
            DumpValue::String(_) | DumpValue::Unsupported => {}
        }
        seq.end()
    }
}

impl Serialize for KeyJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let k = self.k;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("key", &Bytes(&k.key, self.b64))?;
        m.serialize_entry("type", &k.kind)?;
        m.serialize_entry("ttl_ms", &k.ttl_ms)?;
        m.serialize_entry("length", &k.length)?;
        match &k.value {
            DumpValue::String(b) => m.serialize_entry("value", &Bytes(b, self.b64))?,
            DumpValue::Unsupported => {}
            other => m.serialize_entry("items", &Items(other, self.b64))?,
        }
        m.serialize_entry("truncated", &k.truncated)?;
        m.serialize_entry("encoding", if self.b64 { "base64" } else { "utf8" })?;
        m.end()
    }
}

/// Finite scores are numbers; `inf`/`-inf` (valid in Redis, not in JSON) are strings.
fn score_json(s: f64) -> Json {
    if s.is_finite() {
        json!(s)
    } else if s.is_nan() {
        json!("nan")
    } else if s > 0.0 {
        json!("inf")
    } else {
        json!("-inf")
    }
}

/// Bytes for people: UTF-8 text as is, anything else escaped like redis-cli does (`\xff`).
pub fn printable(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b
            .iter()
            .flat_map(|c| std::ascii::escape_default(*c))
            .map(char::from)
            .collect(),
    }
}

fn cmd_with(name: &str, key: &[u8], args: &[String]) -> redis::Cmd {
    let mut c = redis::cmd(name);
    c.arg(key);
    for a in args {
        c.arg(a);
    }
    c
}

fn last_index(limit: usize) -> String {
    if limit == 0 {
        "-1".into()
    } else {
        (limit - 1).to_string()
    }
}

fn bytes_of(v: Value) -> Option<Vec<u8>> {
    match v {
        Value::BulkString(b) => Some(b),
        Value::SimpleString(s) => Some(s.into_bytes()),
        Value::Int(n) => Some(n.to_string().into_bytes()),
        Value::Double(d) => Some(d.to_string().into_bytes()),
        _ => None,
    }
}

fn bulk_list(v: Value) -> Vec<Vec<u8>> {
    match v {
        Value::Array(items) | Value::Set(items) => items.into_iter().filter_map(bytes_of).collect(),
        Value::Map(pairs) => pairs
            .into_iter()
            .flat_map(|(a, b)| [a, b])
            .filter_map(bytes_of)
            .collect(),
        _ => Vec::new(),
    }
}

/// SSCAN/HSCAN reply `[cursor, [items]]`, or a plain array (SMEMBERS, HGETALL).
fn scan_reply(v: Value) -> Vec<Vec<u8>> {
    match v {
        Value::Array(mut parts) if parts.len() == 2 && matches!(parts[1], Value::Array(_)) => {
            bulk_list(parts.remove(1))
        }
        other => bulk_list(other),
    }
}

fn pairs(flat: Vec<Vec<u8>>) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut it = flat.into_iter();
    let mut out = Vec::new();
    while let (Some(a), Some(b)) = (it.next(), it.next()) {
        out.push((a, b));
    }
    out
}

fn dedup(mut v: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let mut seen = HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

/// XRANGE reply: `[[id, [f, v, ...]], ...]`.
fn stream_entries(v: Value) -> Vec<StreamEntry> {
    let Value::Array(entries) = v else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter_map(|e| {
            let Value::Array(mut parts) = e else {
                return None;
            };
            if parts.len() != 2 {
                return None;
            }
            let fields = pairs(bulk_list(parts.pop()?));
            let id = String::from_utf8_lossy(&bytes_of(parts.pop()?)?).into_owned();
            Some(StreamEntry { id, fields })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(key: &[u8], value: DumpValue) -> KeyDump {
        KeyDump {
            key: key.to_vec(),
            kind: "string".into(),
            ttl_ms: None,
            length: Some(1),
            value,
            truncated: false,
        }
    }

    #[test]
    fn binary_values_switch_the_whole_record_to_base64() {
        let d = dump(b"k", DumpValue::String(vec![0xff, 0x00]));
        let j = d.to_json();
        assert_eq!(j["encoding"], "base64");
        assert_eq!(j["key"], "aw==");
        assert_eq!(j["value"], "/wA=");
        let d = dump("clé".as_bytes(), DumpValue::String(b"v".to_vec()));
        assert_eq!(d.to_json()["key"], "clé");
        assert_eq!(d.to_json()["encoding"], "utf8");
    }

    #[test]
    fn infinite_scores_stay_valid_json() {
        assert_eq!(score_json(f64::INFINITY), json!("inf"));
        assert_eq!(score_json(1.5), json!(1.5));
    }

    #[test]
    fn printable_escapes_non_utf8() {
        assert_eq!(printable(b"abc"), "abc");
        assert_eq!(printable(&[0x61, 0xff]), "a\\xff");
    }
}
