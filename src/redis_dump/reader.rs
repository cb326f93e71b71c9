//! Reading one batch of keys: a pipelined round of TYPE, then one of PTTL + length + read;
//! keys that vanish or change type between the rounds are counted and skipped.

use redis::aio::ConnectionLike;
use redis::Value;

use super::*;

/// What one batch's reads need; cloned per batch (the connection is multiplexed).
#[derive(Clone)]
pub(super) struct Reader {
    pub(super) conn: redis::aio::MultiplexedConnection,
    pub(super) url: String,
    pub(super) opts: DumpOptions,
    pub(super) stats: DumpStats,
}
impl Reader {
    pub(super) fn fail(&self, what: &str, e: impl std::fmt::Display) -> Error {
        redisdb::unreachable(&self.url, format!("{what}: {e}"))
    }

    pub(super) async fn read_keys(mut self, keys: Vec<Vec<u8>>) -> BatchResult {
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
        // Round 2: PTTL, read, and the length when the read may not hold the whole value.
        // A string's length is its value's; HSCAN's first call returning cursor 0 (small,
        // listpack-encoded hashes come back whole), a stream read of fewer than --limit
        // entries and any read without --limit were complete, so their length is counted
        // from the reply (HLEN/XLEN: 25k of the 360k commands of the 100k-key bench dump).
        // Other hashes and streams get HLEN/XLEN in a third round.
        let limit = self.opts.limit;
        let last = last_index(limit);
        let count = limit.to_string();
        let mut pipe = redis::pipe();
        for (k, t) in &wanted {
            pipe.cmd("PTTL").arg(k);
            match t.as_str() {
                "string" => pipe.cmd("GET").arg(k),
                "list" if limit == 0 => pipe.cmd("LRANGE").arg(k).arg(0).arg(-1),
                "list" => pipe
                    .cmd("LLEN")
                    .arg(k)
                    .cmd("LRANGE")
                    .arg(k)
                    .arg(0)
                    .arg(&last),
                "set" if limit == 0 => pipe.cmd("SMEMBERS").arg(k),
                // SCARD here, not in a third round: small sets are hashtables before Redis
                // 7.2, so SSCAN COUNT rarely returns them whole (measured: SCARD then
                // cost 1.2 us a call in a round of its own, 0.5 us next to the SSCAN).
                "set" => pipe
                    .cmd("SCARD")
                    .arg(k)
                    .cmd("SSCAN")
                    .arg(k)
                    .arg(0)
                    .arg("COUNT")
                    .arg(&count),
                "hash" if limit == 0 => pipe.cmd("HGETALL").arg(k),
                "hash" => pipe.cmd("HSCAN").arg(k).arg(0).arg("COUNT").arg(&count),
                "zset" if limit == 0 => pipe.cmd("ZRANGE").arg(k).arg(0).arg(-1).arg("WITHSCORES"),
                "zset" => pipe
                    .cmd("ZCARD")
                    .arg(k)
                    .cmd("ZRANGE")
                    .arg(k)
                    .arg(0)
                    .arg(&last)
                    .arg("WITHSCORES"),
                "stream" if limit == 0 => pipe.cmd("XRANGE").arg(k).arg("-").arg("+"),
                "stream" => pipe
                    .cmd("XRANGE")
                    .arg(k)
                    .arg("-")
                    .arg("+")
                    .arg("COUNT")
                    .arg(&count),
                _ => pipe.cmd("EXISTS").arg(k).cmd("EXISTS").arg(k),
            };
        }
        let replies = self.send(&pipe).await?;
        let mut out = Vec::with_capacity(wanted.len());
        // Keys whose length comes in a third round: index in `out`, the length command,
        // and for a set or hash the items of the first SSCAN/HSCAN call.
        let mut later: Vec<Later> = Vec::new();
        let mut replies = replies.into_iter();
        let short = || Error::internal("short pipeline reply: fewer replies than commands");
        for (key, kind) in wanted {
            let asks_len = limit > 0 && matches!(kind.as_str(), "list" | "set" | "zset")
                || !TYPES.contains(&kind.as_str());
            let ttl = replies.next().ok_or_else(short)?;
            let len = if asks_len {
                Some(replies.next().ok_or_else(short)?)
            } else {
                None
            };
            let read = replies.next().ok_or_else(short)?;
            let ttl = match ttl {
                Value::Int(n) => n,
                _ => -2,
            };
            // Gone between the rounds, or replaced by a key of another type (WRONGTYPE).
            let len = match len {
                Some(Value::Int(n)) => Some(n as u64),
                Some(_) => {
                    self.stats.vanished += 1;
                    continue;
                }
                None => None,
            };
            if ttl == -2 || matches!(read, Value::ServerError(_)) {
                self.stats.vanished += 1;
                continue;
            }
            let ttl_ms = (ttl >= 0).then_some(ttl);
            let mut length = None;
            let value = match kind.as_str() {
                "string" => match read {
                    Value::BulkString(b) => {
                        length = Some(b.len() as u64);
                        DumpValue::String(b)
                    }
                    _ => {
                        self.stats.vanished += 1;
                        continue;
                    }
                },
                "list" => {
                    let items = bulk_list(read);
                    length = Some(len.unwrap_or(items.len() as u64));
                    DumpValue::List(items)
                }
                "set" => {
                    let (complete, mut members) = scan_reply(read);
                    if let Some(len) = len {
                        if (members.len() as u64) < len.min(limit as u64) {
                            members = self.sscan_more(&key, "SSCAN", members, limit).await?;
                        }
                        length = Some(len);
                        DumpValue::Set(set_members(members, limit).0)
                    } else if complete {
                        let members = set_members(members, limit);
                        length = Some(members.1);
                        DumpValue::Set(members.0)
                    } else {
                        later.push((out.len(), "SCARD", members));
                        DumpValue::Set(Vec::new())
                    }
                }
                "hash" => {
                    let (complete, flat) = scan_reply(read);
                    if complete {
                        let pairs = hash_pairs(flat, limit);
                        length = Some(pairs.1);
                        DumpValue::Hash(pairs.0)
                    } else {
                        later.push((out.len(), "HLEN", flat));
                        DumpValue::Hash(Vec::new())
                    }
                }
                "zset" => {
                    let items: Vec<(Vec<u8>, f64)> = pairs(bulk_list(read))
                        .into_iter()
                        .map(|(m, s)| {
                            (
                                m,
                                std::str::from_utf8(&s)
                                    .ok()
                                    .and_then(|s| s.parse::<f64>().ok())
                                    .unwrap_or(f64::NAN),
                            )
                        })
                        .collect();
                    length = Some(len.unwrap_or(items.len() as u64));
                    DumpValue::Zset(items)
                }
                "stream" => {
                    let entries = stream_entries(read);
                    if limit > 0 && entries.len() >= limit {
                        later.push((out.len(), "XLEN", Vec::new()));
                    } else {
                        length = Some(entries.len() as u64);
                    }
                    DumpValue::Stream(entries)
                }
                _ => DumpValue::Unsupported,
            };
            out.push(KeyDump {
                key,
                kind,
                ttl_ms,
                length,
                value,
                truncated: false,
            });
        }
        if !later.is_empty() {
            // Round 3: the length of the collections read only in part.
            let mut pipe = redis::pipe();
            for (i, cmd, _) in &later {
                pipe.cmd(cmd).arg(&out[*i].key);
            }
            let lens = self.send(&pipe).await?;
            let mut gone = Vec::new();
            for ((i, cmd, items), len) in later.into_iter().zip(lens) {
                // Gone (or of another type) since it was read: an empty collection is none.
                let len = match len {
                    Value::Int(n) if n > 0 => n as u64,
                    _ => {
                        gone.push(i);
                        continue;
                    }
                };
                out[i].length = Some(len);
                let want = len.min(limit as u64);
                match cmd {
                    "SCARD" => {
                        let mut members = items;
                        if (members.len() as u64) < want {
                            members = self
                                .sscan_more(&out[i].key, "SSCAN", members, limit)
                                .await?;
                        }
                        out[i].value = DumpValue::Set(set_members(members, limit).0);
                    }
                    "HLEN" => {
                        let mut flat = items;
                        if ((flat.len() / 2) as u64) < want {
                            flat = self
                                .sscan_more(&out[i].key, "HSCAN", flat, limit * 2)
                                .await?;
                        }
                        out[i].value = DumpValue::Hash(hash_pairs(flat, limit).0);
                    }
                    _ => {}
                }
            }
            if !gone.is_empty() {
                self.stats.vanished += gone.len() as u64;
                let mut i = 0;
                out.retain(|_| {
                    i += 1;
                    !gone.contains(&(i - 1))
                });
            }
        }
        for dump in &mut out {
            dump.truncated = match dump.length {
                Some(len) => dump.shown() < len && !matches!(dump.value, DumpValue::String(_)),
                None => false,
            };
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
/// A key whose length is asked in the third round: its index in the batch, the length
/// command, and for a hash the items of the first HSCAN call.
type Later = (usize, &'static str, Vec<Vec<u8>>);

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

/// SSCAN/HSCAN reply `[cursor, [items]]`, or a plain array (SMEMBERS, HGETALL), and
/// whether it is the whole collection (cursor 0 from the first call, or not a scan).
fn scan_reply(v: Value) -> (bool, Vec<Vec<u8>>) {
    match v {
        Value::Array(mut parts) if parts.len() == 2 && matches!(parts[1], Value::Array(_)) => {
            let items = bulk_list(parts.pop().unwrap_or(Value::Nil));
            let done = matches!(parts.pop(), Some(Value::BulkString(c)) if c == b"0");
            (done, items)
        }
        other => (true, bulk_list(other)),
    }
}

/// Members sorted, once each, the first --limit of them; and how many distinct there were.
fn set_members(mut members: Vec<Vec<u8>>, limit: usize) -> (Vec<Vec<u8>>, u64) {
    members.sort_unstable();
    members.dedup();
    let n = members.len() as u64;
    members.truncate(if limit == 0 { usize::MAX } else { limit });
    (members, n)
}

/// Field/value pairs sorted by field, the first of each field, the first --limit of them;
/// and how many distinct fields there were.
fn hash_pairs(flat: Vec<Vec<u8>>, limit: usize) -> (Vec<Field>, u64) {
    let mut pairs = pairs(flat);
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs.dedup_by(|a, b| a.0 == b.0);
    let n = pairs.len() as u64;
    pairs.truncate(if limit == 0 { usize::MAX } else { limit });
    (pairs, n)
}

type Field = (Vec<u8>, Vec<u8>);

fn pairs(flat: Vec<Vec<u8>>) -> Vec<Field> {
    let mut it = flat.into_iter();
    let mut out = Vec::new();
    while let (Some(a), Some(b)) = (it.next(), it.next()) {
        out.push((a, b));
    }
    out
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
