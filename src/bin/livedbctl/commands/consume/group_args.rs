//! Flags every group consumer shares (`consume sink | aggregate | route`, `stream run`),
//! the start-up they share, and the stream records they print.

use std::time::Duration;

use serde::Serialize;

use crate::consumers::dead_letter::{default_topic, DEFAULT_MAX_EVENT_BYTES};
use crate::consumers::{
    BatchHandler, DeadLetterOptions, FlushRecord, GroupOptions, RunOptions, RunSummary,
};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::shutdown::Shutdown;

#[derive(Debug, Clone, clap::Args)]
pub struct GroupArgs {
    /// Consumer group; copies run with the same group share the partitions
    #[arg(short, long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Where a group without committed offsets starts
    #[arg(long, value_name = "WHERE", default_value = "earliest", value_parser = ["earliest", "latest"])]
    pub from: String,
    /// Stop once every assigned partition has been read to its end (and flushed)
    #[arg(short = 'e', long)]
    pub exit_at_end: bool,
    /// Seconds without a heartbeat before the broker gives this member's partitions to another
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = humantime::parse_duration)]
    pub session_timeout: Duration,
    #[command(flatten)]
    pub wait: WaitArgs,
}

/// How a reader that runs until stopped starts when the broker does not answer yet
/// (`consume sink | aggregate | route`, `stream run`).
#[derive(Debug, Clone, clap::Args)]
pub struct WaitArgs {
    /// How long to wait at start for a Kafka broker that does not answer (a stack still
    /// starting, a broker restarting) before giving up; 0s gives up after the first try
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = humantime::parse_duration)]
    pub wait_for_kafka: Duration,
}

impl GroupArgs {
    pub fn group_options(&self, topic: &str, default_group: String) -> GroupOptions {
        GroupOptions {
            topic: topic.to_string(),
            group: self.group.clone().unwrap_or(default_group),
            start: self.from.clone(),
            session_timeout: self.session_timeout,
            start_patience: self.wait.wait_for_kafka,
        }
    }
}

/// Where a consumer sets aside the events it cannot process (`consume aggregate | route`).
#[derive(Debug, Clone, clap::Args)]
pub struct SetAsideArgs {
    /// Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large),
    /// with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]
    #[arg(long, value_name = "TOPIC", value_parser = crate::commands::topic::parse_topic_name)]
    pub dead_letter: Option<String>,
    /// Events larger than this (key, value and headers) are set aside unread
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_EVENT_BYTES)]
    pub max_event_bytes: usize,
}

impl SetAsideArgs {
    /// The dead-letter settings for a consumer of `topic` writing to `destination`.
    pub fn options(&self, topic: &str, destination: &str) -> Result<DeadLetterOptions> {
        let dlq = self
            .dead_letter
            .clone()
            .unwrap_or_else(|| default_topic(topic));
        if dlq == topic {
            return Err(Error::usage(
                "--dead-letter must not be the topic being consumed",
            ));
        }
        Ok(DeadLetterOptions {
            topic: dlq,
            destination: destination.to_string(),
            max_event_bytes: Some(self.max_event_bytes),
        })
    }
}

fn check_batch(batch_size: usize, interval: Duration) -> Result<()> {
    if batch_size == 0 {
        return Err(Error::usage("--batch-size must be at least 1"));
    }
    if interval.is_zero() {
        return Err(Error::usage("--flush-interval must be longer than 0s"));
    }
    Ok(())
}

/// What every consumer command does once its handler is described: run it as a member of
/// the group until it stops (end, count, Ctrl-C/SIGTERM), printing each flush and the
/// summary.
pub struct Run<'a> {
    pub topic: &'a str,
    pub default_group: String,
    pub batch_size: usize,
    /// While a backlog waits, batches grow up to this (`batch_size` when fixed).
    pub batch_max: usize,
    pub flush_interval: Duration,
    pub max_events: Option<u64>,
    pub group: &'a GroupArgs,
    /// Where set-aside events go (`None`: the consumer keeps its own, or sets none aside).
    pub dead_letter: Option<DeadLetterOptions>,
}

impl Run<'_> {
    pub async fn run<H: BatchHandler>(
        self,
        ctx: &Context,
        open: impl AsyncFnOnce() -> Result<H>,
    ) -> Result<()> {
        let summary = self.run_with(ctx, open, |f| print_flush(ctx, f)).await?;
        print_summary(ctx, &summary)
    }

    /// As [`Run::run`], for a consumer that reports its flushes and summary itself.
    pub async fn run_with<H: BatchHandler>(
        self,
        ctx: &Context,
        open: impl AsyncFnOnce() -> Result<H>,
        on_flush: impl FnMut(&FlushRecord) -> Result<()>,
    ) -> Result<RunSummary> {
        let s = ctx.settings()?;
        check_batch(self.batch_size, self.flush_interval)?;
        let opts = RunOptions {
            batch_size: self.batch_size,
            batch_max: self.batch_max,
            flush_interval: self.flush_interval,
            exit_at_end: self.group.exit_at_end,
            max_events: self.max_events,
            dead_letter: self.dead_letter,
        };
        let group = self.group.group_options(self.topic, self.default_group);
        let stop = Shutdown::on_signals().stop();
        let on_wait = |w: &crate::kafka::send::BrokerWait| ctx.out.warn(w.to_string());
        crate::consumers::run(&s.kafka, group, &opts, open, stop, on_wait, on_flush).await
    }
}

#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    inner: &'a T,
}

/// A flushed batch as a stream record (`{"type":"flush", events, written, dead_lettered,
/// committed: {partition: next_offset}, why}`).
pub fn print_flush(ctx: &Context, f: &FlushRecord) -> Result<()> {
    ctx.out.record(
        &Tagged {
            kind: "flush",
            inner: f,
        },
        || {
            let committed: Vec<String> = f
                .committed
                .iter()
                .map(|(p, o)| format!("p{p}@{o}"))
                .collect();
            let extra: Vec<String> = f
                .outcome
                .extra
                .iter()
                .map(|(k, v)| format!(", {v} {}", k.replace('_', " ")))
                .collect();
            format!(
                "{} events: {} written, {} dead-lettered{}; committed {} ({})",
                f.events,
                f.outcome.written,
                f.outcome.dead_lettered,
                extra.concat(),
                committed.join(" "),
                f.why
            )
        },
    )
}

/// The last record of a run (`{"type":"summary", topic, group, events, written,
/// dead_lettered, batches, stopped}`).
pub fn print_summary(ctx: &Context, s: &RunSummary) -> Result<()> {
    if ctx.out.is_json() {
        ctx.out.record(
            &Tagged {
                kind: "summary",
                inner: s,
            },
            String::new,
        )
    } else {
        let extra: Vec<String> = s
            .extra
            .iter()
            .map(|(k, v)| format!(", {v} {}", k.replace('_', " ")))
            .collect();
        ctx.out.info(format!(
            "stopped ({}): {} events from `{}` as group `{}` in {} batches: {} written, {} dead-lettered{}",
            s.stopped,
            s.events,
            s.topic,
            s.group,
            s.batches,
            s.written,
            s.dead_lettered,
            extra.concat()
        ));
        Ok(())
    }
}
