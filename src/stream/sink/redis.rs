//! Window results in Redis, the way `consume aggregate` users read counters: a hash per
//! window and group, `PREFIX:JOB:window:START_MS` (`:GROUP1|GROUP2` appended when the job
//! groups), with `window_start`, `window_end`, `window_start_ms`, `window_end_ms`, `key`
//! (the group), `kind` (final, early, update), the group columns and the aggregates; and a
//! sorted set `PREFIX:JOB:windows` of the hashes by window start, for "the latest
//! windows". A batch is one MULTI/EXEC.

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
        let mut pipe = redis::pipe();
        pipe.atomic();
        for r in results {
            let key = hash_key(&self.prefix, job, r.window.start_ms, &r.group);
            if r.kind == ResultKind::Retract {
                pipe.del(&key).ignore().zrem(&index, &key).ignore();
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
    }
}
