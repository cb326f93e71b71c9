use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::commands::consume::group_args::{GroupArgs, Run, SetAsideArgs, WaitArgs};
use crate::commands::stream::{load_job, result_line, result_row, show_time};
use crate::consumers::stream::{Progress, StreamNote, StreamOptions, StreamRunner};
use crate::consumers::RunSummary;
use crate::context::Context;
use crate::error::Result;
use crate::present::short_duration;
use crate::stream::job::StartFrom;

/// Run a job in this process: a Kafka consumer group over the job's source topic, state
/// per open window, results written to the job's sinks as windows close.
///
/// One run per job: a second `stream run` of the same job is refused while one runs (a
/// PostgreSQL advisory lock in the profile's database, whatever the sinks). On every flush
/// (--batch-size events, every --flush-interval, at the end, on Ctrl-C/SIGTERM) the
/// results due are written, then the engine's checkpoint is saved in the profile's
/// database (table livedbctl_stream_checkpoints), then its offsets are committed; offsets
/// only ever pass events of windows already written. A restart, also after kill -9,
/// resumes from the checkpoint and rewrites the same results: nothing lost, nothing wrong.
/// A run without a checkpoint starts at the job's `source.from` (or --from).
///
/// Events that are not events of the job (not JSON, no event time, a time further ahead
/// of the clock than `source.max_future`, too large) are set aside on --dead-letter with
/// their reason, and counted; tombstones and events the filter drops are only counted.
///
/// JSON (`-o json`), one object per line: {"type":"start", job, topic, group, resumed,
/// positions, sinks, checkpoint_too_far_ahead (only when it is)}; {"type":"result", kind, window_start, window_end, <groups>,
/// <aggregates>} per result written; {"type":"progress", events, accepted, late,
/// filtered, not_json, no_time, too_far_ahead, emitted, open_windows, watermark_ms, max_event_ms,
/// watermark_lag_ms, committed, events_per_sec} at most once a second; {"type":"summary",
/// job, topic, group, stopped, ... the progress fields}.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The job file (YAML)
    pub job: PathBuf,
    /// Consumer group [default: livedbctl-stream-<job name>]
    #[arg(short, long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Where a run without a checkpoint starts [default: the job's source.from, else earliest]
    #[arg(long, value_name = "WHERE", value_parser = ["earliest", "latest"])]
    pub from: Option<String>,
    /// Stop once every partition has been read to its end (results due written, checkpoint
    /// saved; windows still open stay open for the next run)
    #[arg(short = 'e', long)]
    pub exit_at_end: bool,
    /// Stop after this many events (then flush)
    #[arg(short = 'n', long, value_name = "N")]
    pub max_events: Option<u64>,
    /// Events per flush, fixed [default: 10000, growing up to 50000 while more events are
    /// already waiting (a backlog)]
    #[arg(short, long, value_name = "N")]
    pub batch_size: Option<usize>,
    /// Flush at least this often (closes windows of quiet partitions, emits early results)
    #[arg(short, long, default_value = "1s", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub flush_interval: Duration,
    #[command(flatten)]
    pub set_aside: SetAsideArgs,
    #[command(flatten)]
    pub wait: WaitArgs,
}

/// A flush of the default size comes once nothing more is waiting; behind a backlog
/// batches grow to five times that. Each flush waits for the sinks' writes and the
/// checkpoint, and librdkafka fetched on meanwhile: with 10,000-event flushes through a
/// 1M-event backlog `stream run` held about 200 MiB of fetched events and spent 15% more
/// CPU than with 50,000 (61 MiB).
const DEFAULT_BATCH: usize = 10_000;
const DEFAULT_BATCH_MAX: usize = 50_000;

#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    inner: &'a T,
}

#[derive(Serialize)]
struct ProgressRecord<'a> {
    #[serde(flatten)]
    progress: &'a Progress,
    events_per_sec: f64,
}

#[derive(Serialize)]
struct Summary<'a> {
    job: &'a str,
    topic: &'a str,
    group: &'a str,
    /// Why it stopped: `end` (-e), `max-events` (-n), `signal`.
    stopped: &'a str,
    #[serde(flatten)]
    progress: &'a Progress,
}

/// The live line's and the progress records' pace.
struct Pace {
    last_shown: Option<Instant>,
    rate_from: (Instant, u64),
    rate: f64,
    latest: Progress,
}

pub async fn run(ctx: &Context, args: &RunArgs) -> Result<()> {
    let s = ctx.settings()?;
    let job = load_job(&args.job)?;
    let from = args.from.clone().unwrap_or_else(|| match job.source.from {
        StartFrom::Earliest => "earliest".into(),
        StartFrom::Latest => "latest".into(),
    });
    let group_args = GroupArgs {
        group: args.group.clone(),
        from,
        exit_at_end: args.exit_at_end,
        // The runner reads its partitions without joining the group: no sessions.
        session_timeout: Duration::from_secs(10),
        wait: args.wait.clone(),
    };
    let default_group = crate::stream::job::default_group(&job.name);
    let opts = StreamOptions {
        group: args.group.clone().unwrap_or_else(|| default_group.clone()),
        start: group_args.from.clone(),
        start_patience: args.wait.wait_for_kafka,
    };
    let (job_name, topic, group) = (
        job.name.clone(),
        job.source.topic.clone(),
        opts.group.clone(),
    );
    let line = ctx.out.status_line();
    let interactive = !line.is_hidden();
    let pace = std::cell::RefCell::new(Pace {
        // A log line (human, no terminal) only once the run has lasted a while.
        last_shown: (!interactive && !ctx.out.is_json()).then(Instant::now),
        rate_from: (Instant::now(), 0),
        rate: 0.0,
        latest: Progress::default(),
    });
    let on_note = |n: &StreamNote| -> Result<()> {
        match n {
            StreamNote::Started(st) => {
                if let Some(far) = &st.checkpoint_too_far_ahead {
                    ctx.out.warn(format!(
                        "the checkpoint of group `{}` is at {}, more than source.max_future ({}) ahead of the clock: every event until then counts as late. To start the group over from source.from, stop the job and run in the profile's database: {} (or run with -g/--group NEW)",
                        st.group,
                        show_time(far.time_ms),
                        short_duration(far.max_future_ms),
                        far.reset_sql
                    ));
                }
                if ctx.out.is_json() {
                    return ctx.out.record(
                        &Tagged {
                            kind: "start",
                            inner: *st,
                        },
                        String::new,
                    );
                }
                ctx.out.info(format!(
                    "running `{}` on `{}` as group `{}` ({}), writing to {}",
                    st.job,
                    st.topic,
                    st.group,
                    if st.resumed {
                        "resumed from its checkpoint"
                    } else {
                        "no checkpoint yet: a new run"
                    },
                    st.sinks.join(", ")
                ));
                Ok(())
            }
            StreamNote::WaitingForLock(w) => {
                line.suspend(|| ctx.out.info(w.to_string()));
                Ok(())
            }
            StreamNote::WaitingForKafka(w) => {
                line.suspend(|| ctx.out.warn(w.to_string()));
                Ok(())
            }
            StreamNote::Results { schema, results } => {
                for r in *results {
                    let row = result_row(schema, r);
                    line.suspend(|| ctx.out.record(&row, || result_line(schema, r)))?;
                }
                Ok(())
            }
            StreamNote::Progress(p) => {
                let mut pace = pace.borrow_mut();
                let now = Instant::now();
                let (since, events) = pace.rate_from;
                if now.duration_since(since) >= Duration::from_secs(1) {
                    pace.rate = (p.events - events.min(p.events)) as f64
                        / now.duration_since(since).as_secs_f64();
                    pace.rate_from = (now, p.events);
                }
                pace.latest = (*p).clone();
                if interactive {
                    line.set_message(live_line(p, pace.rate));
                    return Ok(());
                }
                // Without a terminal: a record (JSON) each second, a log line (human) each ten.
                let every = if ctx.out.is_json() {
                    Duration::from_secs(1)
                } else {
                    Duration::from_secs(10)
                };
                if pace
                    .last_shown
                    .is_some_and(|t| now.duration_since(t) < every)
                {
                    return Ok(());
                }
                pace.last_shown = Some(now);
                if ctx.out.is_json() {
                    ctx.out.record(
                        &Tagged {
                            kind: "progress",
                            inner: &ProgressRecord {
                                progress: p,
                                events_per_sec: (pace.rate * 10.0).round() / 10.0,
                            },
                        },
                        String::new,
                    )
                } else {
                    ctx.out.info(live_line(p, pace.rate));
                    Ok(())
                }
            }
        }
    };
    let run = Run {
        topic: &topic,
        default_group,
        batch_size: args.batch_size.unwrap_or(DEFAULT_BATCH),
        batch_max: args.batch_size.unwrap_or(DEFAULT_BATCH_MAX),
        flush_interval: args.flush_interval,
        max_events: args.max_events,
        group: &group_args,
        dead_letter: Some(
            args.set_aside
                .options(&topic, &format!("stream job {job_name}"))?,
        ),
    };
    let summary: RunSummary = run
        .run_with(
            ctx,
            async || StreamRunner::open(s, job, opts, on_note).await,
            |_| Ok(()),
        )
        .await?;
    line.finish_and_clear();
    let progress = pace.into_inner().latest;
    let summary = Summary {
        job: &job_name,
        topic: &topic,
        group: &group,
        stopped: &summary.stopped,
        progress: &progress,
    };
    if ctx.out.is_json() {
        return ctx.out.record(
            &Tagged {
                kind: "summary",
                inner: &summary,
            },
            String::new,
        );
    }
    ctx.out.info(format!(
        "stopped ({}): {} events of `{}` as group `{}`: {} in windows, {} late, {} filtered, {} not JSON, {} without a time, {} too far ahead; {} results written; open windows {}; watermark {}",
        summary.stopped,
        progress.events,
        topic,
        group,
        progress.accepted,
        progress.late,
        progress.filtered,
        progress.not_json,
        progress.no_time,
        progress.too_far_ahead,
        progress.emitted,
        progress.open_windows,
        progress.watermark_ms.map(show_time).unwrap_or_else(|| "-".into()),
    ));
    Ok(())
}

/// `12345 events (2345/s) | 14 results | watermark 2026-11-22 04:21:55, 5.2s behind | 3 late | open windows 6`
fn live_line(p: &Progress, rate: f64) -> String {
    let lag = p
        .watermark_lag_ms
        .map(|l| format!(", {} behind", short_duration(l)))
        .unwrap_or_default();
    format!(
        "{} events ({:.0}/s) | {} results | watermark {}{lag} | {} late | open windows {}",
        p.events,
        rate,
        p.emitted,
        p.watermark_ms.map(show_time).unwrap_or_else(|| "-".into()),
        p.late,
        p.open_windows
    )
}
