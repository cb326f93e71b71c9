//! `consume aggregate`: per-key event counts (and sums) in Redis within a time window; a
//! key that reaches `max_events` inside its window fires a trigger (a command or a Kafka
//! event) and starts a new window. The CDC seed's consumer API (`max_event`, `max_time`).
//!
//! Redis layout, under `PREFIX:TOPIC` (PREFIX defaults to `livedb:agg`):
//!
//! | key                              | type   | holds                                                   |
//! |----------------------------------|--------|---------------------------------------------------------|
//! | `PREFIX:TOPIC:window:KEY`        | hash   | key, count, sum, window_start_ms, last_ms; TTL = window |
//! | `PREFIX:TOPIC:window:KEY:events` | list   | the window's events (JSON), same TTL                    |
//! | `PREFIX:TOPIC:triggers`          | list   | fired windows whose trigger has not succeeded yet       |
//! | `PREFIX:TOPIC:offsets`           | hash   | partition -> last offset applied (replays are no-ops)   |
//! | `PREFIX:TOPIC:stats`             | hash   | events, windows_fired, triggers_ok, trigger_failures    |
//!
//! One Lua script applies a batch atomically: counts, the offsets marker and, for a key
//! that reaches the threshold, moving its window onto the `triggers` list. So a crash
//! before the Kafka commit replays events that the offsets marker then skips, and a crash
//! before a trigger ran leaves it on the list, where the next run retries it first.
//!
//! **Lost state.** Redis run without persistence (as `infra up` runs it) comes back empty
//! after a restart: the open windows' counts are gone, and counting on from the group's
//! committed offsets would be silently wrong. The offsets marker exists from the first
//! start on (an `_created` field), so its absence is the sign: the script refuses a batch
//! when it is gone, and a start refuses when it is gone while the group has committed
//! past the start of the topic. Either ends the consumer with [`ConsumerError::StateLost`];
//! rewinding the group (`group seek`) recounts from what Kafka still holds. A lost Redis
//! connection is retried with backoff first, so a restart with the data kept is survived.

use std::collections::BTreeMap;
use std::time::Duration;

use rdkafka::producer::FutureRecord;
use serde::Serialize;
use serde_json::Value as Json;

use super::dead_letter::DeadLetters;
use super::{BatchHandler, BatchOutcome, ConsumerError, Event};
use crate::error::{Error, Result};
use crate::hooks::Hook;
use crate::json_path;
use crate::redisdb;
use crate::settings::KafkaSettings;

pub const DEFAULT_PREFIX: &str = "livedb:agg";

#[derive(Debug, Clone)]
pub enum TriggerAction {
    /// `sh -c COMMAND` with LIVEDB_AGG_* variables and the events as a JSON array on stdin.
    Exec { command: String, timeout: Duration },
    /// The fired window as a JSON event, keyed by the aggregate key.
    Topic(String),
}

#[derive(Debug, Clone)]
pub struct AggregateOptions {
    pub topic: String,
    pub prefix: String,
    /// Dotted path of the field to group by; `None`: the message key.
    pub key_field: Option<String>,
    pub sum_field: Option<String>,
    pub max_events: u64,
    pub max_time: Duration,
    pub action: TriggerAction,
    /// Attempts per trigger and flush before it is reported failed (it stays pending).
    pub attempts: u32,
    /// The consumer group (its committed offsets tell a lost Redis state at start).
    pub group: String,
}

/// One trigger attempt's result, for the stream of records.
#[derive(Debug, Clone, Serialize)]
pub struct TriggerReport {
    pub key: String,
    pub count: u64,
    pub sum: Option<f64>,
    pub window_start_ms: Option<i64>,
    pub window_end_ms: Option<i64>,
    pub ok: bool,
    pub attempts: u32,
    /// Why the last attempt failed (the trigger stays pending and is retried later).
    pub error: Option<String>,
}

/// What the aggregator tells the operator as it goes.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Note {
    /// A trigger ran (or failed and stays pending).
    Trigger(TriggerReport),
    /// An event that could not be counted, and why.
    Skipped {
        topic: String,
        partition: i32,
        offset: i64,
        reason: String,
    },
    /// The connection to Redis was lost; the batch is applied again once it is back.
    RedisLost { error: String, retry_in_ms: u64 },
}

/// Where notes go (the command prints them).
type NoteFn<'a> = Box<dyn FnMut(&Note) -> Result<()> + 'a>;

pub struct Aggregator<'a> {
    conn: redis::aio::MultiplexedConnection,
    url: String,
    opts: AggregateOptions,
    base: String,
    producer: Option<crate::kafka::awaited::AwaitedProducer>,
    on_note: NoteFn<'a>,
}

const APPLY_SCRIPT: &str = r#"
local base = ARGV[1]
local max_events = tonumber(ARGV[2])
local max_ms = tonumber(ARGV[3])
local with_sum = ARGV[4] == '1'
local n = tonumber(ARGV[5])
local offsets = base .. ':offsets'
local stats = base .. ':stats'
if redis.call('EXISTS', offsets) == 0 then
  return redis.error_reply('LIVEDB_STATE_LOST ' .. offsets .. ' is gone')
end
local applied, fired = 0, 0
local i = 6
for _ = 1, n do
  local part, off, key, amount, ts, doc = ARGV[i], tonumber(ARGV[i+1]), ARGV[i+2], ARGV[i+3], ARGV[i+4], ARGV[i+5]
  i = i + 6
  local last = tonumber(redis.call('HGET', offsets, part) or '-1')
  if off > last then
    local wkey = base .. ':window:' .. key
    local ekey = wkey .. ':events'
    if with_sum then
      -- A sum that would leave the doubles (1e308 + 1e308) stops here, before anything of
      -- this event is written: the caller sets it aside and sends the rest again.
      local nxt = tonumber(redis.call('HGET', wkey, 'sum') or '0') + tonumber(amount)
      if nxt ~= nxt or nxt == math.huge or nxt == -math.huge then
        redis.call('HINCRBY', stats, 'events', applied)
        redis.call('HINCRBY', stats, 'windows_fired', fired)
        return {applied, fired, (i - 6) / 6}
      end
    end
    redis.call('HSET', offsets, part, off)
    applied = applied + 1
    local count = redis.call('HINCRBY', wkey, 'count', 1)
    if count == 1 then
      redis.call('HSET', wkey, 'key', key, 'window_start_ms', ts, 'sum', '0')
      redis.call('DEL', ekey)
      redis.call('PEXPIRE', wkey, max_ms)
    end
    if with_sum then redis.call('HINCRBYFLOAT', wkey, 'sum', amount) end
    redis.call('HSET', wkey, 'last_ms', ts)
    redis.call('RPUSH', ekey, doc)
    redis.call('PEXPIRE', ekey, math.max(redis.call('PTTL', wkey), 1))
    if count >= max_events then
      local sum = redis.call('HGET', wkey, 'sum')
      local start = redis.call('HGET', wkey, 'window_start_ms')
      local events = redis.call('LRANGE', ekey, 0, -1)
      local t = '{"key":' .. cjson.encode(key) .. ',"count":' .. count
      if with_sum then t = t .. ',"sum":' .. sum else t = t .. ',"sum":null' end
      t = t .. ',"window_start_ms":' .. start .. ',"window_end_ms":' .. ts .. ',"events":[' .. table.concat(events, ',') .. ']}'
      redis.call('RPUSH', base .. ':triggers', t)
      redis.call('DEL', wkey, ekey)
      fired = fired + 1
    end
  end
end
redis.call('HINCRBY', stats, 'events', applied)
redis.call('HINCRBY', stats, 'windows_fired', fired)
return {applied, fired, 0}
"#;

/// How long a lost Redis connection is retried before the consumer gives up.
const RECONNECT_FOR: Duration = Duration::from_secs(120);

use redisdb::is_connection_error;

/// A partition whose committed offset for `group` is past the topic's start, as
/// (partition, committed, low): the group has consumed (and counted) events there.
fn committed_past_start(
    k: &KafkaSettings,
    group: &str,
    topic: &str,
) -> Result<Option<(i32, i64, i64)>> {
    let timeout = Duration::from_secs(10);
    let mut client = crate::groups::GroupClient::new(k)?;
    let partitions = client.topics(timeout)?.remove(topic).unwrap_or_default();
    let tps: Vec<crate::groups::Tp> = partitions.iter().map(|p| (topic.to_string(), *p)).collect();
    let committed = client.committed(group, &tps, timeout)?;
    let marks = client.watermarks(&tps, timeout)?;
    Ok(committed.iter().find_map(|(tp, c)| {
        let low = marks.get(tp).map(|m| m.0).unwrap_or(0);
        (*c > low).then_some((tp.1, *c, low))
    }))
}

struct Parsed {
    key: String,
    amount: f64,
    doc: String,
}

impl<'a> Aggregator<'a> {
    pub async fn open(
        redis_url: &str,
        k: &KafkaSettings,
        opts: AggregateOptions,
        on_note: impl FnMut(&Note) -> Result<()> + 'a,
    ) -> Result<Aggregator<'a>> {
        let conn = redisdb::connect(redis_url).await?;
        let producer = match &opts.action {
            TriggerAction::Topic(t) => {
                let spec = crate::profile::TopicSpec {
                    name: t.clone(),
                    partitions: 1,
                    replication_factor: 1,
                    configs: BTreeMap::new(),
                };
                crate::kafka::admin::ensure_topics(k, &[spec], false).await?;
                Some(crate::kafka::send::producer(k)?)
            }
            TriggerAction::Exec { .. } => None,
        };
        let base = format!("{}:{}", opts.prefix, opts.topic);
        let mut agg = Aggregator {
            conn,
            url: redis_url.to_string(),
            opts,
            base,
            producer,
            on_note: Box::new(on_note),
        };
        agg.check_state(k).await?;
        Ok(agg)
    }

    fn offsets_key(&self) -> String {
        format!("{}:offsets", self.base)
    }

    /// Refuse to count on over lost state (see the module's "Lost state"); create the
    /// offsets marker on a first start.
    async fn check_state(&mut self, k: &KafkaSettings) -> Result<()> {
        let key = self.offsets_key();
        let exists: bool = redis::cmd("EXISTS")
            .arg(&key)
            .query_async(&mut self.conn)
            .await
            .map_err(|e| self.redis_err("reading the offsets marker", e))?;
        if exists {
            return Ok(());
        }
        let (k, group, topic) = (k.clone(), self.opts.group.clone(), self.opts.topic.clone());
        let consumed =
            tokio::task::spawn_blocking(move || committed_past_start(&k, &group, &topic))
                .await
                .map_err(|e| Error::internal(e.to_string()))??;
        if let Some((partition, committed, low)) = consumed {
            return Err(ConsumerError::StateLost {
                key,
                group: self.opts.group.clone(),
                topic: self.opts.topic.clone(),
                why: format!(
                    "while group `{}` has committed offset {committed} on partition {partition} (the topic starts at {low})",
                    self.opts.group
                ),
            }
            .into());
        }
        redis::cmd("HSETNX")
            .arg(&key)
            .arg("_created")
            .arg(chrono::Utc::now().timestamp_millis())
            .query_async::<()>(&mut self.conn)
            .await
            .map_err(|e| self.redis_err("creating the offsets marker", e))
    }

    /// Run the batch script, through lost connections (a restarted Redis): reconnect
    /// with backoff, for about two minutes, then give up.
    /// Applied, fired, and the 1-based position of an event whose sum would overflow
    /// (0: none; the script stopped before it).
    async fn apply(&mut self, inv: &redis::Cmd) -> Result<(u64, u64, usize)> {
        let mut backoff = crate::retry::Backoff::default();
        let mut waited = Duration::ZERO;
        loop {
            match inv.query_async::<(u64, u64, usize)>(&mut self.conn).await {
                Ok(v) => return Ok(v),
                Err(e) if e.to_string().contains("LIVEDB_STATE_LOST") => {
                    return Err(ConsumerError::StateLost {
                        key: self.offsets_key(),
                        group: self.opts.group.clone(),
                        topic: self.opts.topic.clone(),
                        why: "while this consumer ran".into(),
                    }
                    .into())
                }
                Err(e) if is_connection_error(&e) && waited < RECONNECT_FOR => {
                    let delay = backoff.next_delay();
                    (self.on_note)(&Note::RedisLost {
                        error: e.to_string(),
                        retry_in_ms: delay.as_millis() as u64,
                    })?;
                    tokio::time::sleep(delay).await;
                    waited += delay;
                    if let Ok(conn) = redisdb::connect(&self.url).await {
                        self.conn = conn;
                    }
                }
                Err(e) => return Err(self.redis_err("applying a batch (Lua script)", e)),
            }
        }
    }

    fn redis_err(&self, what: &str, e: redis::RedisError) -> Error {
        redisdb::failed(&self.url, what, e)
    }

    fn parse(&self, e: &Event) -> std::result::Result<Parsed, String> {
        let doc: Option<Json> = e
            .payload
            .as_deref()
            .map(|p| serde_json::from_slice(p).map_err(|err| format!("not valid JSON: {err}")))
            .transpose()?;
        let key = match &self.opts.key_field {
            Some(f) => match doc.as_ref().and_then(|d| json_path::lookup(d, f)) {
                Some(Json::Null) | None => {
                    return Err(format!("no key: field `{f}` is missing or null"))
                }
                Some(v) => json_path::as_text(v),
            },
            None => match &e.key {
                Some(k) => String::from_utf8_lossy(k).into_owned(),
                None => return Err("the message has no key, and no key field is set".into()),
            },
        };
        let amount = match &self.opts.sum_field {
            None => 0.0,
            Some(f) => match doc.as_ref().and_then(|d| json_path::lookup(d, f)) {
                None | Some(Json::Null) => 0.0,
                Some(Json::Number(n)) => n.as_f64().unwrap_or(0.0),
                Some(Json::String(s)) => s
                    .trim()
                    .parse::<f64>()
                    .map_err(|_| format!("field `{f}` is not a number: {s:?}"))?,
                Some(other) => return Err(format!("field `{f}` is not a number: {other}")),
            },
        };
        if !amount.is_finite() {
            return Err(format!(
                "field `{}` is not a finite number: {amount}",
                self.opts.sum_field.as_deref().unwrap_or_default()
            ));
        }
        if matches!(self.opts.action, TriggerAction::Exec { .. }) && key.contains('\0') {
            return Err(
                "the key holds a NUL byte, which the --exec command's environment (LIVEDB_AGG_KEY) cannot carry"
                    .into(),
            );
        }
        let doc = match doc {
            Some(d) => d.to_string(),
            None => "null".into(),
        };
        Ok(Parsed { key, amount, doc })
    }

    /// The batch script over `events`.
    fn invocation(&self, events: &[(&Event, Parsed)]) -> redis::Cmd {
        // EVAL rather than EVALSHA: the script is small next to a batch, and a restarted
        // server needs no reload.
        let mut inv = redis::cmd("EVAL");
        inv.arg(APPLY_SCRIPT)
            .arg(0)
            .arg(&self.base)
            .arg(self.opts.max_events)
            .arg(self.opts.max_time.as_millis() as u64)
            .arg(if self.opts.sum_field.is_some() {
                "1"
            } else {
                "0"
            })
            .arg(events.len());
        for (e, p) in events {
            inv.arg(e.partition)
                .arg(e.offset)
                .arg(&p.key)
                .arg(p.amount)
                .arg(e.timestamp_ms.unwrap_or(0))
                .arg(&p.doc);
        }
        inv
    }

    fn set_aside(&mut self, dead: &mut DeadLetters, e: &Event, reason: String) -> Result<()> {
        (self.on_note)(&Note::Skipped {
            topic: e.topic.to_string(),
            partition: e.partition,
            offset: e.offset,
            reason: reason.clone(),
        })?;
        dead.set_aside(e, reason);
        Ok(())
    }

    /// Run every pending trigger (this batch's and any left by earlier runs): at start-up,
    /// and after each batch.
    pub async fn run_pending(&mut self) -> Result<(u64, u64)> {
        let list = format!("{}:triggers", self.base);
        let pending: Vec<String> = redis::cmd("LRANGE")
            .arg(&list)
            .arg(0)
            .arg(-1)
            .query_async(&mut self.conn)
            .await
            .map_err(|e| self.redis_err("reading pending triggers", e))?;
        let (mut ok, mut failed) = (0, 0);
        for doc in pending {
            let parsed: Json = serde_json::from_str(&doc).unwrap_or(Json::Null);
            let mut report = TriggerReport {
                key: parsed["key"].as_str().unwrap_or_default().to_string(),
                count: parsed["count"].as_u64().unwrap_or(0),
                sum: parsed["sum"].as_f64(),
                window_start_ms: parsed["window_start_ms"].as_i64(),
                window_end_ms: parsed["window_end_ms"].as_i64(),
                ok: false,
                attempts: 0,
                error: None,
            };
            let (result, attempts) = self.fire(&report, &parsed, &doc).await;
            report.attempts = attempts;
            report.ok = result.is_ok();
            report.error = result.err();
            let stat = if report.ok {
                "triggers_ok"
            } else {
                "trigger_failures"
            };
            let mut pipe = redis::pipe();
            if report.ok {
                pipe.cmd("LREM").arg(&list).arg(1).arg(&doc).ignore();
                ok += 1;
            } else {
                failed += 1;
            }
            pipe.cmd("HINCRBY")
                .arg(format!("{}:stats", self.base))
                .arg(stat)
                .arg(1)
                .ignore();
            pipe.query_async::<()>(&mut self.conn)
                .await
                .map_err(|e| self.redis_err("recording a trigger", e))?;
            (self.on_note)(&Note::Trigger(report))?;
        }
        Ok((ok, failed))
    }

    /// Run a fired window's trigger, with retries; the result of the last attempt and how
    /// many were made.
    async fn fire(
        &self,
        r: &TriggerReport,
        parsed: &Json,
        doc: &str,
    ) -> (std::result::Result<(), String>, u32) {
        match &self.opts.action {
            TriggerAction::Exec { command, timeout } => {
                let hook = Hook {
                    command: command.clone(),
                    timeout: *timeout,
                    attempts: self.opts.attempts,
                };
                let events = parsed
                    .get("events")
                    .cloned()
                    .unwrap_or(Json::Array(Vec::new()))
                    .to_string();
                let text = |v: Option<String>| v.unwrap_or_default();
                let env = [
                    ("LIVEDB_AGG_KEY", r.key.clone()),
                    ("LIVEDB_AGG_COUNT", r.count.to_string()),
                    ("LIVEDB_AGG_SUM", text(r.sum.map(|s| s.to_string()))),
                    (
                        "LIVEDB_AGG_WINDOW_START_MS",
                        text(r.window_start_ms.map(|s| s.to_string())),
                    ),
                    (
                        "LIVEDB_AGG_WINDOW_END_MS",
                        text(r.window_end_ms.map(|s| s.to_string())),
                    ),
                    (
                        "LIVEDB_AGG_WINDOW_MS",
                        self.opts.max_time.as_millis().to_string(),
                    ),
                    ("LIVEDB_AGG_TOPIC", self.opts.topic.clone()),
                ];
                let o = hook.run(&env, events.as_bytes()).await;
                (o.error.map_or(Ok(()), Err), o.attempts)
            }
            TriggerAction::Topic(topic) => {
                crate::retry::attempts(self.opts.attempts, |_| async {
                    let producer = self.producer.as_ref().ok_or("no producer")?;
                    let rec = FutureRecord::to(topic)
                        .key(r.key.as_bytes())
                        .payload(doc.as_bytes());
                    crate::kafka::enqueue::deliver(producer, rec)
                        .await
                        .map(|_| ())
                        .map_err(|(e, _)| format!("publishing to `{topic}`: {e}"))
                })
                .await
            }
        }
    }
}

impl BatchHandler for Aggregator<'_> {
    async fn resume(&mut self) -> Result<()> {
        // Triggers left by an earlier run go first.
        self.run_pending().await.map(|_| ())
    }

    async fn handle(&mut self, batch: &[Event], dead: &mut DeadLetters) -> Result<BatchOutcome> {
        let mut good = Vec::with_capacity(batch.len());
        let mut skipped = 0u64;
        for e in batch {
            match self.parse(e) {
                Ok(p) => good.push((e, p)),
                Err(reason) => {
                    skipped += 1;
                    self.set_aside(dead, e, reason)?;
                }
            }
        }
        let (mut applied, mut fired, mut start, mut flushed) = (0, 0, 0, 0);
        loop {
            let (a, f, stopped_at) = self.apply(&self.invocation(&good[start..])).await?;
            (applied, fired) = (applied + a, fired + f);
            if stopped_at == 0 {
                break;
            }
            // The script stopped before an event whose sum would overflow: set it aside,
            // and send it to the dead-letter topic before the rest of the batch moves the
            // offsets marker past it (a replay would then skip it).
            let at = start + stopped_at - 1;
            let (e, p) = &good[at];
            let reason = format!(
                "adding {:e} to the sum of key {:?} would overflow",
                p.amount, p.key
            );
            skipped += 1;
            self.set_aside(dead, e, reason)?;
            flushed += dead.flush().await?;
            start = at + 1;
        }
        let (ok, failed) = self.run_pending().await?;
        let mut extra = BTreeMap::new();
        extra.insert("windows_fired".to_string(), fired);
        extra.insert("triggers_ok".to_string(), ok);
        extra.insert("trigger_failures".to_string(), failed);
        let overflowed = skipped - (batch.len() - good.len()) as u64;
        extra.insert(
            "replayed".to_string(),
            good.len() as u64 - overflowed - applied,
        );
        extra.insert("skipped".to_string(), skipped);
        Ok(BatchOutcome {
            written: applied,
            dead_lettered: flushed,
            extra,
        })
    }
}
