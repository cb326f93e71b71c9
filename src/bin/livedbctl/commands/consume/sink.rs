use std::time::Duration;

use crate::commands::consume::group_args::{GroupArgs, Run};
use crate::consumers::sink::{DeadLetterTarget, Sink, SinkOptions, DEFAULT_DEAD_LETTER_TABLE};
use crate::consumers::DeadLetterOptions;
use crate::context::Context;
use crate::error::{Error, Result};

/// Consume TOPIC as a group and bulk-insert its JSON events into a PostgreSQL table.
///
/// A batch is written in one transaction when it holds --batch-size events or every
/// --flush-interval, whichever comes first; the group's offsets are committed only after
/// the transaction commits, so a crash loses nothing (a replay is harmless with
/// --upsert-key). Table columns read the same-name JSON fields unless --map says otherwise;
/// a missing field takes the column's default. Events that are not JSON objects, or whose
/// data PostgreSQL rejects, go to the dead-letter destination with the reason and the
/// stream goes on.
///
/// JSON (`-o json`): one {"type":"flush", events, written, dead_lettered, committed:
/// {partition: next_offset}, why} per batch, then {"type":"summary", topic, group, events,
/// written, dead_lettered, batches, stopped}.
#[derive(Debug, clap::Args)]
pub struct SinkArgs {
    /// Topic to read
    pub topic: String,
    /// Table to write (schema.table or table); it must exist
    #[arg(short, long, value_name = "TABLE")]
    pub table: String,
    /// Column from a JSON path, e.g. --map city=customer.address.city (repeatable)
    #[arg(short, long = "map", value_name = "COLUMN=PATH", value_parser = parse_map)]
    pub map: Vec<(String, String)>,
    /// Upsert on these columns (comma-separated; a unique index must cover them) so replays do not duplicate rows
    #[arg(short = 'k', long, value_name = "COLUMNS", value_delimiter = ',')]
    pub upsert_key: Vec<String>,
    /// Events per transaction, fixed [default: 500, growing up to 20000 while more events
    /// are already waiting (a backlog)]
    #[arg(short, long, value_name = "N")]
    pub batch_size: Option<usize>,
    /// Write what is batched at least this often
    #[arg(short, long, default_value = "3s", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub flush_interval: Duration,
    /// Send malformed events to this topic (created if missing), with dlq.* headers giving the reason
    #[arg(long, value_name = "TOPIC", conflicts_with = "dead_letter_table", value_parser = crate::commands::topic::parse_topic_name)]
    pub dead_letter: Option<String>,
    /// Or write them to this table, in the batch's transaction [default: livedbctl_dead_letters]
    #[arg(long, value_name = "TABLE")]
    pub dead_letter_table: Option<String>,
    /// Stop after this many events (flushed and committed)
    #[arg(short = 'n', long, value_name = "N")]
    pub max_events: Option<u64>,
    #[command(flatten)]
    pub consumer: GroupArgs,
}

/// A batch of the default size is written once nothing more is waiting; behind a backlog
/// batches grow to forty times that, so a transaction's fixed cost (its commit waits for
/// the WAL flush) is paid that much less often (measured: 500-row transactions held the
/// write path to a third of `psql \copy`; 20,000-row ones wrote 400,000 events 10-15%
/// faster than 5,000-row ones). The 32 MiB bound on a growing batch holds its memory.
const DEFAULT_BATCH: usize = 500;
const DEFAULT_BATCH_MAX: usize = 20_000;

fn parse_map(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((c, p)) if !c.trim().is_empty() && !p.trim().is_empty() => {
            Ok((c.trim().to_string(), p.trim().to_string()))
        }
        _ => Err(format!("expected COLUMN=JSON.PATH, got `{s}`")),
    }
}

pub async fn run(ctx: &Context, args: &SinkArgs) -> Result<()> {
    let s = ctx.settings()?;
    let dead_letter = match (&args.dead_letter, &args.dead_letter_table) {
        (Some(t), _) => DeadLetterTarget::Topic(t.clone()),
        (None, Some(t)) => DeadLetterTarget::Table(t.clone()),
        (None, None) => DeadLetterTarget::Table(DEFAULT_DEAD_LETTER_TABLE.to_string()),
    };
    if let DeadLetterTarget::Topic(t) = &dead_letter {
        if t == &args.topic {
            return Err(Error::usage(
                "--dead-letter must not be the topic being consumed",
            ));
        }
    }
    let opts = SinkOptions {
        table: args.table.clone(),
        map: args.map.clone(),
        upsert_key: args.upsert_key.clone(),
        dead_letter,
    };
    let run = Run {
        topic: &args.topic,
        default_group: format!("livedbctl-sink-{}", args.table),
        batch_size: args.batch_size.unwrap_or(DEFAULT_BATCH),
        batch_max: args.batch_size.unwrap_or(DEFAULT_BATCH_MAX),
        flush_interval: args.flush_interval,
        max_events: args.max_events,
        group: &args.consumer,
        // To a topic, the consumer loop sends the dead letters; no size limit: PostgreSQL
        // decides what the table takes.
        dead_letter: args.dead_letter.as_ref().map(|t| DeadLetterOptions {
            topic: t.clone(),
            destination: args.table.clone(),
            max_event_bytes: None,
        }),
    };
    run.run(ctx, async || {
        let sink = Sink::open(&s.postgres, &opts).await?;
        ctx.out.debug(format!(
            "columns: {}",
            sink.columns
                .iter()
                .map(|c| format!("{} <- {}", c.name, c.path))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        Ok(sink)
    })
    .await
}
