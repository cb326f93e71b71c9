use std::time::Duration;

use crate::commands::consume::group_args::{GroupArgs, Run, SetAsideArgs};
use crate::consumers::aggregate::{
    AggregateOptions, Aggregator, Note, TriggerAction, DEFAULT_PREFIX,
};
use crate::context::Context;
use crate::error::{Error, Result};

/// Count events per key in Redis within a time window, and fire a trigger when a key
/// reaches --max-events inside its window. Needs a trigger: --exec or --trigger-topic.
///
/// A key's window opens with its first event and lasts --max-time (a Redis TTL); when the
/// count reaches --max-events before that, the window is closed and its trigger fires:
/// --exec runs `sh -c COMMAND` with LIVEDB_AGG_KEY, LIVEDB_AGG_COUNT, LIVEDB_AGG_SUM,
/// LIVEDB_AGG_WINDOW_START_MS, LIVEDB_AGG_WINDOW_END_MS, LIVEDB_AGG_WINDOW_MS and
/// LIVEDB_AGG_TOPIC set and the window's events as a JSON array on stdin; --trigger-topic
/// publishes {key, count, sum, window_start_ms, window_end_ms, events} keyed by the key.
/// A failing trigger is retried (--attempts), reported, and kept pending in Redis to be
/// retried after the next batch and at the next start; it is never dropped.
///
/// Redis keys (see `redis dump --match 'PREFIX:TOPIC:*'`): PREFIX:TOPIC:window:KEY (hash:
/// key, count, sum, window_start_ms, last_ms; TTL = rest of the window),
/// PREFIX:TOPIC:window:KEY:events (list), PREFIX:TOPIC:triggers (pending triggers),
/// PREFIX:TOPIC:offsets (last offset applied per partition, so replays count once),
/// PREFIX:TOPIC:stats. Offsets are committed to Kafka after the Redis writes.
///
/// An event that cannot be counted (not JSON, no key, a sum field that is not a finite
/// number, a sum that would overflow, too large) is set aside on --dead-letter with its
/// reason and the consumer goes on.
///
/// JSON (`-o json`): {"type":"trigger", key, count, sum, window_start_ms, window_end_ms,
/// ok, attempts, error}, {"type":"skipped", topic, partition, offset, reason}, one
/// {"type":"flush", events, written, windows_fired, triggers_ok, trigger_failures,
/// replayed, skipped, committed, why} per batch, and a final {"type":"summary", ...}.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("trigger").required(true).args(["exec", "trigger_topic"])))]
pub struct AggregateArgs {
    /// Topic to read
    pub topic: String,
    /// Group by this field (dotted path); default: the message key
    #[arg(short, long, value_name = "FIELD")]
    pub key_field: Option<String>,
    /// Also sum this numeric field per window
    #[arg(short, long, value_name = "FIELD")]
    pub sum: Option<String>,
    /// Events per key that fire the trigger within the window
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub max_events: u64,
    /// Window length from a key's first event (`90s`, `1h`; a bare number is seconds, as in the seed's API)
    #[arg(long, default_value = "1h", value_name = "DURATION", value_parser = seconds_or_duration)]
    pub max_time: Duration,
    /// Command run (sh -c) when a window fires (this or --trigger-topic is required)
    #[arg(short = 'x', long, value_name = "COMMAND")]
    pub exec: Option<String>,
    /// Topic to publish fired windows to, created if missing (this or --exec is required)
    #[arg(long, value_name = "TOPIC", value_parser = crate::commands::topic::parse_topic_name)]
    pub trigger_topic: Option<String>,
    /// Tries per trigger before it is reported failed (it stays pending)
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub attempts: u32,
    /// Longest a --exec command may run
    #[arg(long, default_value = "60s", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub exec_timeout: Duration,
    /// Redis key prefix
    #[arg(long, default_value = DEFAULT_PREFIX, value_name = "PREFIX")]
    pub prefix: String,
    /// Events per Redis round trip (one atomic script)
    #[arg(short, long, default_value_t = 500, value_name = "N")]
    pub batch_size: usize,
    /// Apply what is batched at least this often
    #[arg(short, long, default_value = "1s", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub flush_interval: Duration,
    /// Stop after this many events (applied and committed)
    #[arg(short = 'n', long = "count", value_name = "N")]
    pub count: Option<u64>,
    #[command(flatten)]
    pub set_aside: SetAsideArgs,
    #[command(flatten)]
    pub consumer: GroupArgs,
}

fn seconds_or_duration(s: &str) -> std::result::Result<Duration, String> {
    match s.trim().parse::<u64>() {
        Ok(secs) => Ok(Duration::from_secs(secs)),
        Err(_) => humantime::parse_duration(s).map_err(|e| e.to_string()),
    }
}

pub async fn run(ctx: &Context, args: &AggregateArgs) -> Result<()> {
    let s = ctx.settings()?;
    if args.max_events == 0 {
        return Err(Error::usage("--max-events must be at least 1"));
    }
    if args.max_time.as_millis() == 0 {
        return Err(Error::usage("--max-time must be at least 1ms"));
    }
    let action = match (&args.exec, &args.trigger_topic) {
        (Some(c), _) => TriggerAction::Exec {
            command: c.clone(),
            timeout: args.exec_timeout,
        },
        (None, Some(t)) => TriggerAction::Topic(t.clone()),
        (None, None) => return Err(Error::usage("give --exec COMMAND or --trigger-topic TOPIC")),
    };
    let default_group = format!("livedbctl-aggregate-{}", args.prefix);
    let opts = AggregateOptions {
        group: args
            .consumer
            .group
            .clone()
            .unwrap_or_else(|| default_group.clone()),
        topic: args.topic.clone(),
        prefix: args.prefix.clone(),
        key_field: args.key_field.clone(),
        sum_field: args.sum.clone(),
        max_events: args.max_events,
        max_time: args.max_time,
        action,
        attempts: args.attempts.max(1),
    };
    let on_note = |n: &Note| {
        ctx.out.record(n, || match n {
            Note::Trigger(t) if t.ok => format!(
                "trigger {}: {} events (attempt {})",
                t.key, t.count, t.attempts
            ),
            Note::Trigger(t) => format!(
                "trigger {} FAILED after {} attempts, kept pending: {}",
                t.key,
                t.attempts,
                t.error.as_deref().unwrap_or("")
            ),
            Note::Skipped {
                partition,
                offset,
                reason,
                ..
            } => format!("skipped p{partition}@{offset}: {reason}"),
            Note::RedisLost { error, retry_in_ms } => format!(
                "Redis connection lost ({error}); applying the batch again in {:.1} s",
                *retry_in_ms as f64 / 1000.0
            ),
        })
    };
    let run = Run {
        topic: &args.topic,
        default_group,
        batch_size: args.batch_size,
        batch_max: args.batch_size,
        flush_interval: args.flush_interval,
        max_events: args.count,
        group: &args.consumer,
        dead_letter: Some(
            args.set_aside
                .options(&args.topic, &format!("{}:{}", args.prefix, args.topic))?,
        ),
    };
    run.run(ctx, async || {
        Aggregator::open(&s.redis.url, &s.kafka, opts, on_note).await
    })
    .await
}
