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
