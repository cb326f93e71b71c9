use std::cell::Cell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::commands::infra::up::show_steps;
use crate::commands::seed::parse_duration;
use crate::commands::stream::{result_line, result_row};
use crate::commands::verify::{human_report, mismatch, verify_with_progress};
use crate::consumers::stream::{Progress, StreamNote, StreamOptions, StreamRunner};
use crate::consumers::{GroupOptions, RunOptions};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::infra::bringup::{bring_up, topic_spec, Plan};
use crate::output::Report;
use crate::pipeline::demo::{self, DemoEvent, DemoOptions, DemoStream, DemoSummary};
use crate::pipeline::producer::BatchSizing;
use crate::profile::{ServiceName, TopicSpec};
use crate::shutdown::{Shutdown, Stop};
use crate::stream::job::{self, Emit, Job, SinkSpec};
use crate::verify::{Range, VerifyOptions, VerifyReport};
use serde::Serialize;

/// Show the whole pipeline working: bring the local stack up (as `infra up`), apply the
/// schema, create the topics, then write seed rows at `--rate`, publish them with the
/// producer, and watch the events arrive on the topic, until `--duration` ends or Ctrl-C.
/// It ends with a `verify` of the ids it wrote: every row on the topic exactly once, with
/// its content (exit 1 otherwise).
///
/// With --stream, the seed's third stage runs too: the revenue-by-region stream job
/// (jobs/revenue-by-region.yaml, or the copy built into livedbctl; --job another) reads the
/// profile's topic as `stream run` would, showing the current minute's results every 5 s
/// (early, upserted) and each minute's final result when it closes.
///
/// JSON output (one object per line): `{"type":"event","partition","offset","event"}` per
/// event seen, `{"type":"result", kind, window_start, ...}` per stream result, then
/// `{"type":"summary",...}` (with `stream: {job, group, events, emitted, late, ...}`).
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// How long to write rows (e.g. 30s, 2m), from the first write; then it drains and checks. Without it, until Ctrl-C
    #[arg(long, value_parser = parse_duration)]
    pub duration: Option<Duration>,
    /// Rows per second written to PostgreSQL
    #[arg(long, default_value_t = 20.0)]
    pub rate: f64,
    /// Seed file (default: seed/livedb_seed.csv, or the copy built into livedbctl)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Producer batch size, fixed [default: adaptive, as `produce poll`]
    #[arg(long, value_parser = clap::value_parser!(i64).range(1..=1_000_000))]
    pub batch_size: Option<i64>,
    /// Use the services as they are: do not start anything
    #[arg(long)]
    pub no_up: bool,
    /// Also run the revenue-by-region stream job and show its results
    #[arg(long)]
    pub stream: bool,
    /// The stream job to run instead (implies --stream)
    #[arg(long, value_name = "FILE")]
    pub job: Option<PathBuf>,
}

/// The demo's summary and the `verify` of the ids it wrote, which proves the flow.
#[derive(Debug, Serialize)]
pub struct DemoReport {
    #[serde(flatten)]
    pub summary: DemoSummary,
    /// Rows of the demo's range not on the topic (verify's topic stage).
    pub missing: u64,
    /// Rows of the demo's range on the topic more than once.
    pub duplicates: u64,
    /// Every row of the range is on the topic exactly once, with its content.
    pub ok: bool,
    /// The verify of `first_id..=last_id` (null when the demo wrote no row).
    pub verify: Option<VerifyReport>,
}

impl DemoReport {
    fn new(summary: DemoSummary, verify: Option<VerifyReport>) -> DemoReport {
        let topic = verify
            .as_ref()
            .and_then(|v| v.stages.iter().find(|st| st.stage == "topic"));
        DemoReport {
            missing: topic.map_or(0, |t| t.missing.count),
            duplicates: topic.map_or(0, |t| t.duplicated.count),
            ok: verify.as_ref().is_none_or(|v| v.ok),
            summary,
            verify,
        }
    }
}

impl Report for DemoReport {
    fn human(&self) -> String {
        let sum = &self.summary;
        let mut s = format!(
            "\n{} rows inserted, {} events published, {} events seen on `{}` in {:.1} s",
            sum.inserted, sum.published, sum.seen, sum.topic, sum.seconds
        );
        match (&self.verify, sum.first_id, sum.last_id) {
            (Some(v), Some(first), Some(last)) if v.ok => s.push_str(&format!(
                "\nverify of ids {first}..{last}: every row is on `{}` exactly once with its content, none lost, none twice",
                sum.topic
            )),
            (Some(v), _, _) => {
                s.push_str("\nverify of the demo's ids:\n");
                s.push_str(&human_report(v));
            }
            _ => s.push_str("\nno rows were written, so there is nothing to verify"),
        }
        if sum.backlog > 0 {
            s.push_str(&format!(
                "\n({} rows waiting from before the demo were published first)",
                sum.backlog
            ));
        }
        if let Some(st) = &sum.stream {
            let p = &st.progress;
            s.push_str(&format!(
                "\nstream job `{}`: {} events read, {} results written, {} late, {} windows open",
                st.job, p.events, p.emitted, p.late, p.open_windows
            ));
        }
        s
    }
}

/// The stream job of `demo --stream`: on the profile's topic, early results every 5 s.
fn demo_job(args: &DemoArgs, topic: &str) -> Result<Option<Job>> {
    if !args.stream && args.job.is_none() {
        return Ok(None);
    }
    let mut job = job::lookup(args.job.as_deref())?;
    job.source.topic = topic.to_string();
    if job.emit == Emit::OnClose {
        job.emit = Emit::Every { interval_ms: 5_000 };
    }
    Ok(Some(job))
}

pub async fn run(ctx: &Context, args: &DemoArgs) -> Result<()> {
    if !(args.rate > 0.0 && args.rate.is_finite()) {
        return Err(Error::usage(
            "--rate must be a positive number of rows per second",
        ));
    }
    let (_, rows) = crate::pipeline::seed::lookup(args.file.as_deref())?;
    let s = ctx.settings()?;
    let out = &ctx.out;
    let job = demo_job(args, &s.kafka.topic)?;
    let mut topics = vec![topic_spec(s, &s.kafka.topic)?];
    let mut wanted = vec![ServiceName::Postgres, ServiceName::Kafka];
    for sink in job.iter().flat_map(|j| &j.sinks) {
        match sink {
            SinkSpec::Kafka { topic } => {
                topics.push(topic_spec(s, topic).unwrap_or_else(|_| TopicSpec {
                    name: topic.clone(),
                    partitions: 1,
                    replication_factor: 1,
                    configs: Default::default(),
                }))
            }
            SinkSpec::Redis { .. } => wanted.push(ServiceName::Redis),
            SinkSpec::Postgres { .. } => {}
        }
    }
    let plan = Plan {
        services: if args.no_up {
            Vec::new()
        } else {
            s.infra
                .services
                .iter()
                .copied()
                .filter(|svc| wanted.contains(svc))
                .collect()
        },
        topics,
        migrate: true,
    };
    bring_up(s, &plan, show_steps(ctx))
        .await
        .map_err(|e| e.context("demo"))?;

    let shutdown = Shutdown::on_signals();
    let stop = shutdown.stop();
    out.info(format!(
        "writing {} rows/s into livedb, publishing to `{}`, watching the topic{}",
        args.rate,
        s.kafka.topic,
        match args.duration {
            Some(d) => format!(" for {}", humantime::format_duration(d)),
            None => " until Ctrl-C".to_string(),
        }
    ));
    let line = out.status_line();
    let opts = DemoOptions {
        rate: args.rate,
        batch: args
            .batch_size
            .map_or(BatchSizing::ADAPTIVE, BatchSizing::fixed),
        duration: args.duration,
    };
    let mut failed = None;
    let results = Cell::new(0u64);
    let stream_read = Cell::new(0u64);
    let stream_shutdown = Shutdown::manual();
    let writing = async {
        let summary = demo::run(s, rows, &opts, stop, |ev| match ev {
            DemoEvent::Backlog(n) if n > 0 => {
                out.info(format!("published {n} rows waiting from before"))
            }
            DemoEvent::Backlog(_) => {}
            DemoEvent::Seen(e) => {
                let r = out.record(&e, || {
                    format!(
                        "p{} @{:<6} id {:<7} {:<24} {:>10} {}",
                        e.partition,
                        e.offset,
                        e.event.id,
                        e.event.payload.org,
                        e.event.payload.amount,
                        e.event.payload.region
                    )
                });
                if let Err(err) = r {
                    failed.get_or_insert(err);
                }
            }
            DemoEvent::Counts {
                inserted,
                published,
                seen,
            } => line.set_message(format!(
                "inserted {inserted} | published {published} | seen {seen}{}",
                if job.is_some() {
                    format!(" | stream results {}", results.get())
                } else {
                    String::new()
                }
            )),
            DemoEvent::Draining => out.info(
                "stopping the writer; waiting for the producer and the consumers to catch up",
            ),
            DemoEvent::Warn(w) => out.warn(w),
        })
        .await;
        // The stream job stops once it has read what the demo published.
        let quiet_since = Instant::now();
        let mut last = stream_read.get();
        let mut unchanged = Instant::now();
        while job.is_some() && quiet_since.elapsed() < Duration::from_secs(60) {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let now = stream_read.get();
            if now != last {
                (last, unchanged) = (now, Instant::now());
            } else if unchanged.elapsed() >= Duration::from_secs(3) {
                break;
            }
        }
        stream_shutdown.request();
        summary
    };
    let streaming = async {
        match &job {
            Some(job) => run_stream(
                ctx,
                s,
                job.clone(),
                stream_shutdown.stop(),
                &results,
                &stream_read,
            )
            .await
            .map(Some),
            None => Ok(None),
        }
    };
    let (summary, stream) = tokio::join!(writing, streaming);
    line.finish_and_clear();
    let mut summary = summary?;
    summary.stream = stream.map_err(|e| e.context("the demo's stream job"))?;
    if let Some(e) = failed {
        return Err(e);
    }
    // The proof: a verify of the ids the demo wrote (rows ↔ events, by content).
    let verified = match (summary.first_id, summary.last_id) {
        (Some(first), Some(last)) => {
            let opts = VerifyOptions {
                range: Range {
                    from_id: Some(first),
                    to_id: Some(last),
                    since: None,
                },
                sinks: Vec::new(),
                discover_sinks: false,
            };
            Some(
                verify_with_progress(ctx, s, &opts)
                    .await
                    .map_err(|e| e.context("verifying the demo's rows"))?,
            )
        }
        _ => None,
    };
    let report = DemoReport::new(summary, verified);
    if out.is_json() {
        out.record(&report, String::new)?;
    } else {
        out.report(&report)?;
    }
    if let Some(v) = report.verify.as_ref().filter(|v| !v.ok) {
        return Err(mismatch(v)
            .hint("was another writer or producer running on the same database or topic?"));
    }
    Ok(())
}

/// The demo's stream job, as `stream run` runs it (its group, lock and checkpoint), until
/// `stop`; results printed as they are written.
async fn run_stream(
    ctx: &Context,
    s: &crate::settings::Settings,
    job: Job,
    stop: Stop,
    results: &Cell<u64>,
    read: &Cell<u64>,
) -> Result<DemoStream> {
    let group = job::default_group(&job.name);
    let name = job.name.clone();
    let latest = std::cell::RefCell::new(Progress::default());
    let on_note = |n: &StreamNote| -> Result<()> {
        match n {
            StreamNote::Started(st) => {
                ctx.out.info(format!(
                    "stream job `{}` reads `{}` as group `{}` ({}), writing to {}",
                    st.job,
                    st.topic,
                    st.group,
                    if st.resumed {
                        "resumed from its checkpoint"
                    } else {
                        "from the start of the topic"
                    },
                    st.sinks.join(", ")
                ));
                Ok(())
            }
            StreamNote::Results {
                schema,
                results: rs,
            } => {
                results.set(results.get() + rs.len() as u64);
                for r in *rs {
                    ctx.out.record(&result_row(schema, r), || {
                        format!("{name}: {}", result_line(schema, r))
                    })?;
                }
                Ok(())
            }
            StreamNote::WaitingForLock(w) => {
                ctx.out.info(w.to_string());
                Ok(())
            }
            StreamNote::WaitingForKafka(w) => {
                ctx.out.warn(w.to_string());
                Ok(())
            }
            StreamNote::Progress(p) => {
                read.set(p.events);
                *latest.borrow_mut() = (*p).clone();
                Ok(())
            }
        }
    };
    let opts = StreamOptions {
        group: group.clone(),
        start: match job.source.from {
            job::StartFrom::Earliest => "earliest".into(),
            job::StartFrom::Latest => "latest".into(),
        },
        start_patience: crate::kafka::send::START_PATIENCE,
    };
    let group_opts = GroupOptions {
        topic: job.source.topic.clone(),
        group: group.clone(),
        start: opts.start.clone(),
        session_timeout: Duration::from_secs(10),
        start_patience: crate::kafka::send::START_PATIENCE,
    };
    let run_opts = RunOptions {
        batch_size: 10_000,
        batch_max: 10_000,
        flush_interval: Duration::from_secs(1),
        exit_at_end: false,
        max_events: None,
        dead_letter: None,
    };
    crate::consumers::run(
        &s.kafka,
        group_opts,
        &run_opts,
        async || StreamRunner::open(s, job, opts, on_note).await,
        stop,
        |w| ctx.out.warn(w.to_string()),
        |_| Ok(()),
    )
    .await?;
    Ok(DemoStream {
        job: name,
        group,
        progress: latest.into_inner(),
    })
}
