use std::path::PathBuf;
use std::time::Duration;

use crate::commands::infra::up::show_steps;
use crate::commands::seed::parse_duration;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::infra::bringup::{bring_up, topic_spec, Plan};
use crate::output::Report;
use crate::pipeline::demo::{self, DemoEvent, DemoOptions, DemoSummary};
use crate::pipeline::producer::BatchSizing;
use crate::profile::ServiceName;
use crate::shutdown::Shutdown;

/// Show the whole pipeline working: bring the local stack up (as `infra up`), apply the
/// schema, create the topics, then write seed rows at `--rate`, publish them with the
/// producer, and watch the events arrive on the topic, until `--duration` ends or Ctrl-C.
/// The summary proves the flow: rows inserted = events published = events seen.
///
/// JSON output (one object per line): `{"type":"event","partition","offset","event"}` per
/// event seen, then `{"type":"summary",...}`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// How long to run (e.g. 30s, 2m); without it, until Ctrl-C
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
}

impl Report for DemoSummary {
    fn human(&self) -> String {
        let mut s = format!(
            "\n{} rows inserted = {} events published = {} events seen on `{}` in {:.1} s",
            self.inserted, self.published, self.seen, self.topic, self.seconds
        );
        if self.ok {
            s.push_str(&format!(
                "\nevery row became exactly one event (ids {}..{}), none lost, none twice",
                self.first_id
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "-".into()),
                self.last_id
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "-".into())
            ));
        } else {
            s.push_str(&format!(
                "\nMISMATCH: {} missing, {} duplicates",
                self.missing, self.duplicates
            ));
        }
        if self.backlog > 0 {
            s.push_str(&format!(
                "\n({} rows waiting from before the demo were published first)",
                self.backlog
            ));
        }
        s
    }
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
    let plan = Plan {
        services: if args.no_up {
            Vec::new()
        } else {
            s.infra
                .services
                .iter()
                .copied()
                .filter(|svc| matches!(svc, ServiceName::Postgres | ServiceName::Kafka))
                .collect()
        },
        topics: vec![topic_spec(s, &s.kafka.topic)?],
        migrate: true,
    };
    bring_up(s, &plan, show_steps(ctx))
        .await
        .map_err(|e| e.context("demo"))?;

    let shutdown = Shutdown::on_signals();
    let stop = shutdown.stop();
    if let Some(d) = args.duration {
        let timer = shutdown.clone();
        tokio::spawn(async move {
            tokio::time::sleep(d).await;
            timer.request();
        });
    }
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
    };
    let mut failed = None;
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
            "inserted {inserted} | published {published} | seen {seen}"
        )),
        DemoEvent::Draining => {
            out.info("stopping the writer; waiting for the producer and the consumer to catch up")
        }
        DemoEvent::Warn(w) => out.warn(w),
    })
    .await;
    line.finish_and_clear();
    let summary = summary?;
    if let Some(e) = failed {
        return Err(e);
    }
    if out.is_json() {
        out.record(&summary, String::new)?;
    } else {
        out.report(&summary)?;
    }
    if !summary.ok {
        return Err(Error::runtime(format!(
            "the counts do not match: {} inserted, {} published, {} seen ({} missing, {} duplicates)",
            summary.inserted, summary.published, summary.seen, summary.missing, summary.duplicates
        ))
        .hint("was another writer or producer running on the same database or topic?"));
    }
    Ok(())
}
