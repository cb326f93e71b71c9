use std::time::Duration;

use serde::Serialize;

use crate::alert_rules::Condition;
use crate::alerts::Engine;
use crate::commands::alerting::{judge_of, shown_value, RuleArgs};
use crate::commands::sampling::SamplingArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{table, Report};
use crate::sampler::snapshot::AlertStat;
use crate::sampler::Sampler;

/// Judge the alert rules (the profile's `alerts:`, or --alert) and exit 1 when any fires,
/// 0 when none does, 2 for a rule that does not parse: for cron, CI and probes. A rule
/// with `for DURATION` must hold that long, as in `dashboard` and `top`: check samples
/// for the longest `for` of its rules (see --over) before it judges.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Sample this long before judging [default: the longest `for` among the rules; at least the stall window (10 s) with `consumer stalled`]. `--over 0s` judges the first full sample, where a `for` rule can only be pending
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub over: Option<Duration>,
    #[command(flatten)]
    pub sampling: SamplingArgs,
}

/// What `check` found (`-o json`): every rule with its value and state.
#[derive(Debug, Serialize)]
struct CheckReport {
    /// Rules firing at the end.
    firing: usize,
    /// How long the rules were sampled.
    over_ms: u64,
    samples: u64,
    rules: Vec<AlertStat>,
}

impl Report for CheckReport {
    fn human(&self) -> String {
        let mut t = table(&["rule", "state", "value", "threshold", "over the threshold"]);
        let mut notes = Vec::new();
        for a in &self.rules {
            let over: Vec<String> = a
                .subjects
                .iter()
                .map(|s| format!("{} ({})", s.subject, shown_value(a, Some(s.value))))
                .collect();
            t.add_row(vec![
                a.rule.clone(),
                a.state.clone(),
                shown_value(a, a.value),
                shown_value(a, a.threshold),
                over.join(", "),
            ]);
            if let Some(n) = &a.note {
                notes.push(format!("{}: {n}", a.rule));
            }
        }
        let mut out = t.to_string();
        for n in notes {
            out.push_str(&format!("\nno value for {n}"));
        }
        out.push_str(&format!(
            "\n{} of {} rules firing (judged over {})",
            self.firing,
            self.rules.len(),
            crate::present::duration_ms(Some(self.over_ms as i64))
        ));
        out
    }
}

/// How long to sample by default: long enough for every rule to mean what it says.
fn default_over(rules: &[crate::alert_rules::AlertRule]) -> Duration {
    rules
        .iter()
        .map(|r| match r.condition {
            Condition::Stalled { .. } => {
                r.hold_for + Duration::from_millis(crate::groups::lag::STALL_AFTER_MS as u64)
            }
            Condition::Threshold { .. } => r.hold_for,
        })
        .max()
        .unwrap_or_default()
}

pub async fn run(ctx: &Context, args: &CheckArgs) -> Result<()> {
    let s = ctx.settings()?;
    let rules = args.rules.rules(s);
    if rules.is_empty() {
        return Err(Error::usage("there are no alert rules to check").hint(
            "give rules with --alert 'lag > 10000 for 1m', or in the profile's `alerts:` list",
        ));
    }
    let over = args.over.unwrap_or_else(|| default_over(&rules));
    let count = rules.len();
    let mut opts = args.sampling.options(s);
    opts.judge = Some(judge_of(Engine::new(rules, None)));
    let sampler = Sampler::start(s, opts)?;
    if !over.is_zero() {
        ctx.out.info(format!(
            "sampling for {} before judging",
            humantime::format_duration(over)
        ));
    }
    let mut rx = sampler.subscribe();
    let mut first: Option<i64> = None;
    let over_ms = over.as_millis() as i64;
    // Every part in (a busy server answering late is waited for), and the rules judged
    // over `over` from the first such sample; two samples at least, so rates are in.
    let wait = rx.wait_for(|snap| {
        let late = |e: &Option<String>| {
            e.as_deref()
                .is_some_and(|e| e.contains("did not answer in time"))
        };
        if snap.seq == 0
            || late(&snap.kafka.error)
            || late(&snap.postgres.error)
            || late(&snap.redis.error)
        {
            return false;
        }
        // The clock starts at the first sample every part answered.
        let start = *first.get_or_insert(snap.taken_at_ms);
        snap.seq >= 2 && snap.taken_at_ms - start >= over_ms
    });
    let _ = tokio::time::timeout(
        over + args.sampling.interval * 2 + Duration::from_secs(30),
        wait,
    )
    .await;
    let snap = sampler.latest();
    if snap.seq == 0 {
        return Err(Error::runtime("no sample was taken within 30 s"));
    }
    let judged_ms = first.map(|f| (snap.taken_at_ms - f).max(0)).unwrap_or(0);
    let report = CheckReport {
        firing: snap.alerts.firing,
        over_ms: judged_ms as u64,
        samples: snap.seq,
        rules: snap.alerts.rules.clone(),
    };
    ctx.out.report(&report)?;
    if report.firing > 0 {
        let names: Vec<&str> = report
            .rules
            .iter()
            .filter(|a| a.state == "firing")
            .map(|a| a.rule.as_str())
            .collect();
        return Err(Error::runtime(format!(
            "{} of {count} alert rules firing: {}",
            report.firing,
            names.join("; ")
        )));
    }
    Ok(())
}
