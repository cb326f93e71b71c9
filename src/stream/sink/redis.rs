//! Window results in Redis, the way `consume aggregate` users read counters: a hash per
//! window and group, `PREFIX:JOB:window:START_MS` (`:GROUP1|GROUP2` appended when the job
//! groups), with `window_start`, `window_end`, `window_start_ms`, `window_end_ms`, `key`
//! (the group), `kind` (final, early, update), the group columns and the aggregates; and a
//! sorted set `PREFIX:JOB:windows` of the hashes by window start, for "the latest
//! windows". A batch is one MULTI/EXEC.
//!
//! With a TTL, a hash expires that long after its last write, so the index must lose it
//! then too, or it grows by one member per window and group for as long as the job runs.
//! A second sorted set, `PREFIX:JOB:windows:written`, holds each hash's last write (the
//! server's clock, the one its expiry runs on); every batch removes from both sets the
//! hashes last written more than a TTL ago, and gives both sets the TTL as well, so they
//! go when the last hash they list does.

use futures::future::BoxFuture;
use futures::FutureExt;

use super::{format_time, kind_name, Schema, Sink, SinkError};
use crate::stream::engine::{AggValue, ResultKind, WindowResult};

pub struct RedisSink {
    conn: redis::aio::MultiplexedConnection,
    prefix: String,
    ttl_ms: Option<i64>,
    schema: Schema,
}

/// The hash of one window and group.
pub fn hash_key(prefix: &str, job: &str, start_ms: i64, group: &[Option<String>]) -> String {
    let mut k = format!("{prefix}:{job}:window:{start_ms}");
    if !group.is_empty() {
        k.push(':');
        k.push_str(&group_text(group));
    }
    k
}

pub fn index_key(prefix: &str, job: &str) -> String {
    format!("{prefix}:{job}:windows")
}

/// The last write of each hash in the index (kept only with a TTL).
fn written_key(prefix: &str, job: &str) -> String {
    format!("{prefix}:{job}:windows:written")
}

/// Records this batch's hashes as written now (server time) and removes the hashes whose
/// TTL has run out from the index and from the written set; both sets then take the TTL.
/// KEYS: index, written set. ARGV: TTL in ms, then the hashes written in this batch.
/// A hash expires once the server's clock is past its last write + TTL (`now > when`).
/// (`replicate_commands`: Redis before 5 refuses writes after TIME without it.)
const TRIM_EXPIRED: &str = r#"
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[2], now, ARGV[i]) end
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. (now - ttl))
for _, k in ipairs(expired) do
  redis.call('ZREM', KEYS[1], k)
  redis.call('ZREM', KEYS[2], k)
end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return #expired
"#;

/// The group as one text: values joined by `|`, a missing one empty.
pub fn group_text(group: &[Option<String>]) -> String {
    group
        .iter()
        .map(|g| g.as_deref().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("|")
}

impl RedisSink {
    pub async fn open(
        url: &str,
        prefix: &str,
        ttl_ms: Option<i64>,
        schema: &Schema,
    ) -> Result<RedisSink, SinkError> {
        let conn = crate::redisdb::connect(url)
            .await
            .map_err(|source| SinkError::Open {
                sink: format!("redis:{prefix}"),
                source,
            })?;
        Ok(RedisSink {
            conn,
            prefix: prefix.to_string(),
            ttl_ms,
            schema: schema.clone(),
        })
    }

    async fn write_all(&mut self, results: &[WindowResult]) -> Result<(), SinkError> {
        let job = &self.schema.job;
        let index = index_key(&self.prefix, job);
        let written = written_key(&self.prefix, job);
        let mut pipe = redis::pipe();
        pipe.atomic();
        let mut trim = self.ttl_ms.map(|ttl| {
            let mut c = redis::cmd("EVAL");
            c.arg(TRIM_EXPIRED)
                .arg(2)
                .arg(&index)
                .arg(&written)
                .arg(ttl);
            c
        });
        for r in results {
            let key = hash_key(&self.prefix, job, r.window.start_ms, &r.group);
            if r.kind == ResultKind::Retract {
                pipe.del(&key).ignore().zrem(&index, &key).ignore();
                if trim.is_some() {
                    pipe.zrem(&written, &key).ignore();
                }
                continue;
            }
            let mut fields: Vec<(String, String)> = vec![
                ("window_start".into(), format_time(r.window.start_ms)),
                ("window_end".into(), format_time(r.window.end_ms)),
                ("window_start_ms".into(), r.window.start_ms.to_string()),
                ("window_end_ms".into(), r.window.end_ms.to_string()),
                ("key".into(), group_text(&r.group)),
                ("kind".into(), kind_name(r.kind).into()),
            ];
            let mut absent = Vec::new();
            for (name, v) in self.schema.groups.iter().zip(&r.group) {
                match v {
                    Some(v) => fields.push((name.clone(), v.clone())),
                    None => absent.push(name.clone()),
                }
            }
            for ((name, _), v) in self.schema.aggregates.iter().zip(&r.values) {
                match v {
                    AggValue::Count(n) => fields.push((name.clone(), n.to_string())),
                    AggValue::Decimal(Some(d)) => fields.push((name.clone(), d.to_string())),
                    AggValue::Decimal(None) => absent.push(name.clone()),
                }
            }
            pipe.hset_multiple(&key, &fields).ignore();
            if !absent.is_empty() {
                pipe.hdel(&key, &absent).ignore();
            }
            if let Some(ttl) = self.ttl_ms {
                pipe.pexpire(&key, ttl).ignore();
            }
            pipe.zadd(&index, &key, r.window.start_ms).ignore();
            if let Some(c) = trim.as_mut() {
                c.arg(&key);
            }
        }
        if let Some(c) = trim {
            pipe.add_command(c).ignore();
        }
        pipe.query_async::<()>(&mut self.conn)
            .await
            .map_err(|source| SinkError::Redis {
                prefix: self.prefix.clone(),
                source,
            })
    }
}

impl Sink for RedisSink {
    fn label(&self) -> String {
        format!("redis:{}", self.prefix)
    }
    fn write<'a>(
        &'a mut self,
        results: &'a [WindowResult],
    ) -> BoxFuture<'a, Result<(), SinkError>> {
        self.write_all(results).boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_the_job_window_and_group() {
        assert_eq!(
            hash_key(
                "livedb:stream",
                "rev",
                60_000,
                &[Some("us-east".into()), None]
            ),
            "livedb:stream:rev:window:60000:us-east|"
        );
        assert_eq!(hash_key("p", "j", 0, &[]), "p:j:window:0");
        assert_eq!(index_key("p", "j"), "p:j:windows");
        assert_eq!(written_key("p", "j"), "p:j:windows:written");
    }
}
