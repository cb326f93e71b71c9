use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use crate::commands::seed::parse_duration;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{table, Printer, Report};
use crate::pipeline::producer::ProducerEvent;
use crate::shutdown::Shutdown;
use crate::verify::{self, Range, Repair, SinkTarget, Stage, VerifyOptions, VerifyReport};

/// Reconcile the pipeline without stopping it: livedb's rows against the events on the
/// profile's topic (by id and by content), the events against each `consume sink` table
/// (given with --sink, or found by its consumer group `livedbctl-sink-TABLE`), and the dead
/// letters on TOPIC.dlq (an id set aside counts as accounted for). Reads up to a cut taken
/// at start: the rows of one snapshot and the topics below their ends of that moment.
///
/// Prints per stage the ids missing, duplicated, different or extra, as ranges; exits 1
/// when there are any (or the topic cannot be read), 0 when all agree, 2 on a usage error.
/// --repair republishes the ids missing from the topic through `produce poll`'s replay path
/// (asks first; --yes), then verifies again and reports both. With --topic and --table, a
/// `connector` (CDC) topic is checked instead: the table's rows against the latest change
/// per primary key.
///
/// JSON: `{ok, topic, dead_letter_topic, cut: {from_id, to_id, max_id, producer_last_id,
/// high_watermarks}, stages: [{stage, checked, reason, expected, found, missing,
/// duplicated, different, extra, pending, dead_lettered, unreadable, outside_cut}],
/// repair?}` (README.md, "verify").
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Only rows created within this long before now (e.g. 15m, 2h)
    #[arg(long, value_parser = parse_duration)]
    pub since: Option<Duration>,
    /// First id to check
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub from_id: Option<i64>,
    /// Last id to check [default: the highest id when verify starts]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub to_id: Option<i64>,
    /// A `consume sink` table holding the events (by its `id` column), repeatable; its group
    /// is `livedbctl-sink-TABLE`. Tables of such groups on the topic are found without it
    #[arg(long, value_name = "TABLE")]
    pub sink: Vec<String>,
    /// A `connector` (CDC) topic to check instead, with --table: the table's rows against
    /// the latest change per primary key on it
    #[arg(long, value_name = "TOPIC", requires = "table", conflicts_with_all = ["since", "sink", "repair"])]
    pub topic: Option<String>,
    /// With --topic: the table it captures (`schema.table`; a primary key of one integer column)
    #[arg(long, value_name = "TABLE", requires = "topic")]
    pub table: Option<String>,
    /// Republish the ids missing from the topic (as `produce poll --replay` does, without
    /// moving its offset), then verify again
    #[arg(long)]
    pub repair: bool,
}

/// What `verify` prints: the (last) report, and with --repair what was done.
#[derive(Debug, Serialize)]
pub struct VerifyOutcome {
    #[serde(flatten)]
    pub report: VerifyReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<Repair>,
}

fn stage_row(st: &Stage) -> Vec<String> {
    let ids = |ids: &verify::Ids| {
        if ids.is_empty() {
            "-".to_string()
        } else {
            format!("{} ({})", ids.count, ids.text())
        }
    };
    let dead: u64 = st.dead_lettered.iter().map(|d| d.ids.count).sum();
    let unreadable: u64 = st.unreadable.iter().map(|u| u.count).sum();
    if !st.checked {
        return vec![st.stage.clone(), "not checkable".to_string()];
    }
    vec![
        st.stage.clone(),
        if st.agrees() { "ok" } else { "MISMATCH" }.to_string(),
        format!("{}/{}", st.found, st.expected),
        ids(&st.missing),
        ids(&st.duplicated),
        ids(&st.different),
        ids(&st.extra),
        ids(&st.pending),
        dead.to_string(),
        unreadable.to_string(),
    ]
}

/// The report as people read it: a table, then the reasons.
pub fn human_report(r: &VerifyReport) -> String {
    let mut t = table(&[
        "stage",
        "result",
        "found",
        "missing",
        "duplicated",
        "different",
        "extra",
        "pending",
        "dead letters",
        "unreadable",
    ]);
    for st in &r.stages {
        t.add_row(stage_row(st));
    }
    let c = &r.cut;
    let mut s = match (&c.table, c.producer_last_id) {
        (Some(table), _) => format!(
            "keys {}..{} of `{table}` at WAL {} against the latest change per key on `{}` up to offsets {:?}\n{t}",
            c.from_id,
            c.to_id,
            c.wal_lsn.as_deref().unwrap_or("-"),
            r.topic,
            c.high_watermarks
        ),
        (None, offset) => format!(
            "ids {}..{} of livedb (max id {}, producer offset {}) against `{}` up to offsets {:?}\n{t}",
            c.from_id,
            c.to_id,
            c.max_id,
            offset.unwrap_or(0),
            r.topic,
            c.high_watermarks
        ),
    };
    for st in &r.stages {
        if let Some(reason) = &st.reason {
            s.push_str(&format!("\n{}: {reason}", st.stage));
        }
        for d in &st.dead_lettered {
            s.push_str(&format!(
                "\n{}: set aside ({}): {}",
                st.stage,
                d.reason,
                d.ids.text()
            ));
        }
        for u in &st.unreadable {
            s.push_str(&format!(
                "\n{}: {} unreadable: {}{}",
                st.stage,
                u.count,
                u.reason,
                if u.first.is_empty() {
                    String::new()
                } else {
                    format!(" (first at {})", u.first)
                }
            ));
        }
    }
    s.push_str(if r.ok {
        "\nall stages agree"
    } else {
        "\nMISMATCH: see the stages above"
    });
    s
}

impl Report for VerifyOutcome {
    fn human(&self) -> String {
        match &self.repair {
            None => human_report(&self.report),
            Some(rep) => format!(
                "before:\n{}\n\nrepublished {} events (ids {})\n\nafter:\n{}",
                human_report(&rep.before),
                rep.published,
                rep.ranges
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                human_report(&self.report)
            ),
        }
    }
}

/// Verify with a progress line on stderr.
pub async fn verify_with_progress(
    ctx: &Context,
    s: &crate::settings::Settings,
    opts: &VerifyOptions,
) -> Result<VerifyReport> {
    let line = ctx.out.status_line();
    let shown = line.clone();
    let on: verify::OnProgress = Arc::new(move |p: verify::Progress| {
        shown.set_message(match p.total {
            Some(t) => format!("reading {}: {}/{t}", p.what, p.done),
            None => format!("reading {}: {}", p.what, p.done),
        })
    });
    let report = verify::verify(s, opts, on).await;
    line.finish_and_clear();
    report
}

/// The error that makes the exit code 1 after the report was printed.
pub fn mismatch(r: &VerifyReport) -> Error {
    let bad: Vec<String> = r
        .stages
        .iter()
        .filter(|st| st.checked && !st.agrees())
        .map(|st| st.stage.clone())
        .collect();
    if bad.is_empty() {
        Error::runtime(format!("the topic `{}` could not be checked", r.topic))
    } else {
        Error::runtime(format!("verify found differences at: {}", bad.join(", ")))
    }
}

fn confirm_repair(out: &Printer, yes: bool, r: &VerifyReport, ranges: &str) -> Result<()> {
    out.confirm(
        &format!("Republish ids {ranges} of livedb to `{}`?", r.topic),
        yes,
    )
}

pub async fn run(ctx: &Context, args: &VerifyArgs) -> Result<()> {
    let s = ctx.settings()?;
    if let (Some(topic), Some(table)) = (&args.topic, &args.table) {
        let range = Range {
            from_id: args.from_id,
            to_id: args.to_id,
            since: None,
        };
        let line = ctx.out.status_line();
        let shown = line.clone();
        let on: verify::OnProgress = Arc::new(move |p: verify::Progress| {
            shown.set_message(format!("reading {}: {}", p.what, p.done))
        });
        let report = verify::verify_cdc(s, topic, table, &range, on).await;
        line.finish_and_clear();
        let outcome = VerifyOutcome {
            report: report?,
            repair: None,
        };
        ctx.out.report(&outcome)?;
        if !outcome.report.ok {
            return Err(mismatch(&outcome.report));
        }
        return Ok(());
    }
    let opts = VerifyOptions {
        range: Range {
            from_id: args.from_id,
            to_id: args.to_id,
            since: args.since,
        },
        sinks: args.sink.iter().map(|t| SinkTarget::new(t)).collect(),
        discover_sinks: true,
    };
    let mut report = verify_with_progress(ctx, s, &opts).await?;
    let mut repair = None;
    let ranges = verify::missing_on_topic(&report);
    if args.repair && ranges.is_empty() {
        ctx.out
            .info("nothing is missing from the topic: nothing to republish");
    }
    if args.repair && !ranges.is_empty() {
        let text = ranges
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        confirm_repair(&ctx.out, ctx.yes, &report, &text)?;
        let out = &ctx.out;
        let summary = verify::republish(s, &ranges, Shutdown::on_signals().stop(), |ev| {
            if let ProducerEvent::Retrying { what, error, .. } = ev {
                out.warn(format!("{what} unavailable ({error}); retrying"));
            }
        })
        .await?;
        out.info(format!(
            "republished {} events (ids {text}); verifying again",
            summary.published
        ));
        // The same range again, with the cut taken anew.
        let again = VerifyOptions {
            range: Range {
                from_id: Some(report.cut.from_id),
                to_id: Some(report.cut.to_id),
                since: None,
            },
            ..opts
        };
        let after = verify_with_progress(ctx, s, &again).await?;
        repair = Some(Repair {
            ranges,
            published: summary.published,
            before: Box::new(std::mem::replace(&mut report, after)),
        });
    }
    let ok = report.ok;
    let outcome = VerifyOutcome { report, repair };
    ctx.out.report(&outcome)?;
    if !ok {
        return Err(mismatch(&outcome.report));
    }
    Ok(())
}
