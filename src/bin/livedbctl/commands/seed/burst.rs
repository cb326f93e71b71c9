use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::commands::seed::parse_duration;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Report;
use crate::pipeline::seed::{self, BurstPlan, RatePlan, SeedEvent, SeedSummary};
use crate::shutdown::Shutdown;

/// Insert seed rows into `livedb`, cycling through the seed file forever (the seed's
/// db-burst-writer). All rows of the file are validated first; a bad line is reported as
/// file:line:column and nothing is inserted. Each burst is one transaction. Ctrl-C stops
/// after the current burst; a lost connection is retried with backoff and reported.
///
/// `--rate` switches to load mode: large batches through COPY at R rows per second (or as
/// fast as the database allows with `--rate max`), with a progress bar and a summary.
///
/// JSON output (one object per line): `{"type":"burst","burst","rows","first_id","last_id","total"}`
/// per burst, then `{"type":"summary","rows","bursts","seconds","rows_per_sec","ended_by","retries"}`.
#[derive(Debug, clap::Args)]
pub struct BurstArgs {
    /// Seed file: .csv with a header `org,amount,region`, or .json (an array of objects).
    /// Default: seed/livedb_seed.csv if present, else the copy built into livedbctl
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Rows per burst
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..))]
    pub rows: u64,
    /// Time between bursts
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    pub every: Duration,
    /// Stop after inserting N rows
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,
    /// Insert one burst and exit
    #[arg(long, conflicts_with_all = ["count", "rate"])]
    pub once: bool,
    /// Load mode: rows per second through COPY, or `max`
    #[arg(long, value_name = "R|max", value_parser = parse_rate)]
    pub rate: Option<Rate>,
    /// Load mode: rows per COPY (each COPY is one transaction)
    #[arg(long, default_value_t = 100_000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub batch: u64,
}

#[derive(Debug, Clone, Copy)]
pub enum Rate {
    PerSecond(f64),
    Max,
}

fn parse_rate(s: &str) -> std::result::Result<Rate, String> {
    if s.eq_ignore_ascii_case("max") {
        return Ok(Rate::Max);
    }
    match s.parse::<f64>() {
        Ok(r) if r > 0.0 && r.is_finite() => Ok(Rate::PerSecond(r)),
        _ => Err(format!(
            "`{s}` is not a positive number of rows per second or `max`"
        )),
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    summary: &'a SeedSummary,
}

impl Report for Summary<'_> {
    fn human(&self) -> String {
        let s = self.summary;
        format!(
            "inserted {} rows in {:.1} s ({:.0} rows/s)",
            s.rows, s.seconds, s.rows_per_sec
        )
    }
}

pub async fn run(ctx: &Context, args: &BurstArgs) -> Result<()> {
    // Validate the file before touching the database.
    let (name, rows) = seed::lookup(args.file.as_deref())?;
    let s = ctx.settings()?;
    if args.count == Some(0) {
        return Err(Error::usage("--count must be at least 1"));
    }
    ctx.out
        .debug(format!("{} seed rows from {name}", rows.len()));
    let stop = Shutdown::on_signals().stop();
    let out = &ctx.out;
    let mut failed: Option<Error> = None;
    let summary = match args.rate {
        None => {
            let plan = BurstPlan {
                rows_per_burst: args.rows,
                every: args.every,
                count: args.count,
                once: args.once,
            };
            seed::run_bursts(&s.postgres, &rows, &plan, stop, |ev| match ev {
                SeedEvent::Burst(b) => {
                    let value = serde_json::json!({"type": "burst", "burst": b.burst, "rows": b.rows, "first_id": b.first_id, "last_id": b.last_id, "total": b.total});
                    if let Err(e) = out.record(&value, || {
                        format!("burst {}: inserted {} rows (ids {}-{}), {} in total", b.burst, b.rows, b.first_id, b.last_id, b.total)
                    }) {
                        failed.get_or_insert(e);
                    }
                }
                other => report_retry(ctx, &other),
            })
            .await?
        }
        Some(rate) => {
            let plan = RatePlan {
                rate: match rate {
                    Rate::Max => None,
                    Rate::PerSecond(r) => Some(r),
                },
                count: args.count,
                batch: args.batch,
            };
            let bar = out.bar(args.count, "rows");
            let result = seed::run_rate(&s.postgres, &rows, &plan, stop, |ev| match ev {
                SeedEvent::Progress(n) => bar.set_position(n),
                other => report_retry(ctx, &other),
            })
            .await;
            bar.finish_and_clear();
            result?
        }
    };
    if let Some(e) = failed {
        return Err(e);
    }
    let report = Summary {
        kind: "summary",
        summary: &summary,
    };
    if out.is_json() {
        out.record(&report, String::new)
    } else {
        out.report(&report)
    }
}

fn report_retry(ctx: &Context, ev: &SeedEvent) {
    match ev {
        SeedEvent::Retrying { error, delay } => ctx.out.warn(format!(
            "lost the database connection ({error}); retrying in {:.1} s",
            delay.as_secs_f64()
        )),
        SeedEvent::Reconnected => ctx.out.info("reconnected to PostgreSQL; resuming"),
        _ => {}
    }
}
