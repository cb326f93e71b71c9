use std::time::Duration;

use crate::commands::seed::parse_duration;
use crate::context::Context;
use crate::error::Result;
use crate::output::Report;
use crate::pipeline::producer::{
    self, BatchSizing, PollOptions, PollSummary, ProducerEvent, Rewind,
};
use crate::shutdown::Shutdown;

/// Poll `livedb` for rows above the stored offset and publish each, in id order, as one event
/// keyed by its id to the profile's topic (the seed's kafka producer). The offset in
/// producer_offsets moves only after Kafka acknowledged the whole batch; after a crash the
/// topic itself is read so that nothing is published twice (see SOP.md). Only one producer
/// may run per database. Ctrl-C stops after the current batch.
///
/// Event: `{"id":1,"payload":{"org":"..","amount":"1250.00","region":".."},"meta":{"source":"kafka-producer","created_at":"2026-11-22T04:14:13.123456Z"}}`.
/// JSON output: one `{"type":"batch",...}` object per batch, then `{"type":"summary",...}`.
#[derive(Debug, clap::Args)]
pub struct PollArgs {
    /// Rows per batch (one database read, one wait for Kafka's acknowledgements, one offset
    /// update), fixed. [default: adaptive, 1000 rows doubling up to 10000 while a backlog
    /// lasts, back to 1000 once caught up]
    #[arg(long, value_parser = clap::value_parser!(i64).range(1..=1_000_000))]
    pub batch_size: Option<i64>,
    /// How long to wait when no rows are pending
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    pub interval: Duration,
    /// Publish everything pending, then exit
    #[arg(long)]
    pub once: bool,
    /// Rewind the offset (after confirmation) and publish the rows again; needs --from-id or --since
    #[arg(long, requires = "replay_start")]
    pub replay: bool,
    /// With --replay: publish again from this id on
    #[arg(long, value_name = "N", group = "replay_start", requires = "replay")]
    pub from_id: Option<i64>,
    /// With --replay: publish again the rows created at or after this time (e.g. 2026-11-22T04:00:00Z)
    #[arg(
        long,
        value_name = "TIMESTAMP",
        group = "replay_start",
        requires = "replay"
    )]
    pub since: Option<String>,
}

impl Report for PollSummary {
    fn human(&self) -> String {
        let mut s = format!(
            "published {} events to {} in {:.1} s ({:.0} rows/s); offset {}, lag {}",
            self.published, self.topic, self.seconds, self.rows_per_sec, self.last_id, self.lag
        );
        if self.skipped > 0 {
            s.push_str(&format!(
                "; {} rows were already on the topic and not sent again",
                self.skipped
            ));
        }
        s
    }
}

pub async fn run(ctx: &Context, args: &PollArgs) -> Result<()> {
    let s = ctx.settings()?;
    let replay = match (args.from_id, &args.since) {
        (Some(n), _) => Some(Rewind::FromId(n)),
        (None, Some(ts)) => Some(Rewind::Since(ts.clone())),
        _ => None,
    };
    if let Some(r) = &replay {
        let from = match r {
            Rewind::FromId(n) => format!("id {n}"),
            Rewind::Since(t) => format!("rows created since {t}"),
        };
        ctx.out.confirm(
            &format!(
                "Rewind the producer offset of {} and publish {from} onwards to `{}` again (consumers will see them twice)?",
                s.postgres.display(),
                s.kafka.topic
            ),
            ctx.yes,
        )?;
    }
    let opts = PollOptions {
        batch: args
            .batch_size
            .map_or(BatchSizing::ADAPTIVE, BatchSizing::fixed),
        interval: args.interval,
        once: args.once,
        replay,
    };
    let stop = Shutdown::on_signals().stop();
    let out = &ctx.out;
    let line = out.status_line();
    let live = !line.is_hidden();
    let mut failed = None;
    let summary = producer::poll(&s.postgres, &s.kafka, &opts, stop, |ev| match ev {
        ProducerEvent::Started { topic, partitions, last_id, max_published } => out.debug(format!(
            "publishing to {topic} ({partitions} partitions) after id {last_id}; highest ids already there per partition: {max_published:?}"
        )),
        ProducerEvent::Rewound(r) => out.info(format!("offset rewound from {} to {}", r.from_last_id, r.to_last_id)),
        ProducerEvent::Batch(b) => {
            let text = format!("published {} ({:.0} rows/s), lag {}, last id {}", b.published_total, b.rows_per_sec, b.lag, b.last_id);
            if out.is_json() || !live {
                if let Err(e) = out.record(&b, || {
                    let mut t = format!("batch {}: published {} (ids {}-{}), {}", b.batch, b.published, b.first_id, b.last_id, text);
                    if b.skipped > 0 {
                        t.push_str(&format!(", {} already on the topic", b.skipped));
                    }
                    t
                }) {
                    failed.get_or_insert(e);
                }
            } else {
                line.set_message(text);
            }
        }
        ProducerEvent::Retrying { what, error, delay } => {
            if delay.is_zero() {
                out.warn(format!("{what}: {error}"));
            } else {
                out.warn(format!("{what} unavailable ({error}); retrying in {:.1} s, nothing is skipped", delay.as_secs_f64()));
            }
        }
        ProducerEvent::Recovered { what } => out.info(format!("{what} is back; resuming")),
        ProducerEvent::WaitingForLock(w) => out.info(w.to_string()),
        ProducerEvent::HeldBack { after_id } => out.info(format!(
            "rows after id {after_id} wait for an older transaction still open on livedb (publishing them first could lose its row)"
        )),
    })
    .await;
    line.finish_and_clear();
    let summary = summary?;
    if let Some(e) = failed {
        return Err(e);
    }
    if out.is_json() {
        out.record(&summary, String::new)
    } else {
        out.report(&summary)
    }
}
