use std::time::Duration;

use crate::commands::consume::group_args::{GroupArgs, Run, SetAsideArgs};
use crate::consumers::route::{RouteNote, RouteOptions, Router, Rule};
use crate::context::Context;
use crate::error::{Error, Result};

/// Forward each event of TOPIC to a topic named from its fields, creating missing topics.
///
/// --to is a template: `{}` is the --by field's value, `{PATH}` any field's (dotted path);
/// characters not allowed in topic names become `_`. Key, value and headers are kept.
/// Events matching --when FIELD=VALUE (or FIELD!=VALUE) also run --exec COMMAND (sh -c,
/// the event on stdin, LIVEDB_ROUTE_TOPIC, LIVEDB_SOURCE_TOPIC, LIVEDB_PARTITION,
/// LIVEDB_OFFSET, LIVEDB_KEY set), retried --attempts times and reported if it still
/// fails. Offsets are committed after a batch's forwards are acknowledged and its
/// commands have run; a crash may repeat them, never skip them.
///
/// An event that cannot be routed (not JSON, no destination field, a name Kafka forbids,
/// too large) is set aside on --dead-letter with its reason and the consumer goes on.
///
/// JSON (`-o json`): {"type":"topic_created", topic, partitions}, {"type":"side_channel",
/// partition, offset, ok, attempts, error}, {"type":"skipped", partition, offset, reason},
/// {"type":"flush", ...} per batch and a final {"type":"summary", ...}.
#[derive(Debug, clap::Args)]
pub struct RouteArgs {
    /// Topic to read
    pub topic: String,
    /// Field that picks the destination (dotted path), used by `{}` in --to
    #[arg(long, value_name = "FIELD")]
    pub by: String,
    /// Destination topic template [default: TOPIC.{}]
    #[arg(long, value_name = "TEMPLATE")]
    pub to: Option<String>,
    /// Partitions of topics created on the way
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub partitions: i32,
    /// Rule for the side channel: FIELD=VALUE or FIELD!=VALUE
    #[arg(long, value_name = "RULE", requires = "exec")]
    pub when: Option<String>,
    /// Command run for events matching --when (sh -c, the event on stdin)
    #[arg(short = 'x', long, value_name = "COMMAND", requires = "when")]
    pub exec: Option<String>,
    /// Tries per side-channel command
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub attempts: u32,
    /// Longest a side-channel command may run
    #[arg(long, default_value = "60s", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub exec_timeout: Duration,
    /// Events per batch (forwards awaited together, then offsets committed)
    #[arg(short, long, default_value_t = 500, value_name = "N")]
    pub batch_size: usize,
    /// Forward what is batched at least this often
    #[arg(short, long, default_value = "500ms", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub flush_interval: Duration,
    /// Stop after this many events
    #[arg(short = 'n', long = "count", value_name = "N")]
    pub count: Option<u64>,
    #[command(flatten)]
    pub set_aside: SetAsideArgs,
    #[command(flatten)]
    pub consumer: GroupArgs,
}

pub async fn run(ctx: &Context, args: &RouteArgs) -> Result<()> {
    let s = ctx.settings()?;
    if args.partitions < 1 {
        return Err(Error::usage("--partitions must be at least 1"));
    }
    let rule = args.when.as_deref().map(Rule::parse).transpose()?;
    let to = args
        .to
        .clone()
        .unwrap_or_else(|| format!("{}.{{}}", args.topic));
    if to == args.topic {
        return Err(Error::usage(
            "--to must not route events back to the topic being read",
        ));
    }
    let opts_to = to.clone();
    let opts = RouteOptions {
        to,
        by: args.by.clone(),
        partitions: args.partitions,
        rule,
        exec: args.exec.clone(),
        exec_timeout: args.exec_timeout,
        attempts: args.attempts.max(1),
    };
    let on_note = |n: &RouteNote| {
        ctx.out.record(n, || match n {
            RouteNote::TopicCreated { topic, partitions } => {
                format!("created topic {topic} ({partitions} partitions)")
            }
            RouteNote::SideChannel {
                partition,
                offset,
                ok: true,
                ..
            } => format!("side channel ran for p{partition}@{offset}"),
            RouteNote::SideChannel {
                partition,
                offset,
                attempts,
                error,
                ..
            } => format!(
                "side channel FAILED for p{partition}@{offset} after {attempts} attempts: {}",
                error.as_deref().unwrap_or("")
            ),
            RouteNote::Skipped {
                partition,
                offset,
                reason,
            } => format!("skipped p{partition}@{offset}: {reason}"),
            RouteNote::Resending {
                failed,
                error,
                retry_in_ms,
            } => format!(
                "{error}; sending {failed} events again in {:.1} s",
                *retry_in_ms as f64 / 1000.0
            ),
        })
    };
    let run = Run {
        topic: &args.topic,
        default_group: format!("livedbctl-route-{}", args.topic),
        batch_size: args.batch_size,
        batch_max: args.batch_size,
        flush_interval: args.flush_interval,
        max_events: args.count,
        group: &args.consumer,
        dead_letter: Some(args.set_aside.options(&args.topic, &opts_to)?),
    };
    run.run(ctx, async || Router::open(&s.kafka, opts, on_note).await)
        .await
}
