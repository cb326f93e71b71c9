//! What `dashboard`, `top` and `check` share about alerts: the rules from the command line
//! (`--alert`, replacing the profile's `alerts:`), the ways changes are delivered
//! (`--alert-exec`, `--webhook`), and the engine handed to the sampler.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::alert_rules::{self, AlertRule};
use crate::alerts::deliver::{self, DeliveryOptions, Notifier};
use crate::alerts::Engine;
use crate::error::{Error, Result};
use crate::sampler::snapshot::AlertStat;
use crate::sampler::Judge;
use crate::settings::Settings;

#[derive(Debug, Clone, clap::Args)]
pub struct RuleArgs {
    /// An alert rule, e.g. 'lag > 10000 for 1m' (repeatable; replaces the profile's `alerts:`)
    #[arg(long = "alert", value_name = "RULE", value_parser = parse_rule)]
    pub alerts: Vec<AlertRule>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct AlertingArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Run this command (`sh -c`) on every alert change (fired, resolved), the event as JSON on stdin
    #[arg(long, value_name = "CMD")]
    pub alert_exec: Option<String>,
    /// How long --alert-exec may run before it is stopped and reported failed
    #[arg(long, default_value = "10s", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub alert_exec_timeout: Duration,
    /// POST every alert change as JSON to this URL (retried with backoff, 5 tries)
    #[arg(
        long,
        value_name = "URL",
        env = "LIVEDB_ALERT_WEBHOOK",
        hide_env_values = true
    )]
    pub webhook: Option<String>,
}

/// A rule given with `--alert`; a bad one is a usage error (exit 2) pointing at its fault.
fn parse_rule(s: &str) -> std::result::Result<AlertRule, String> {
    alert_rules::parse(s).map_err(|e| format!("{}\n{}", e.message, indent(&e.pointer())))
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl RuleArgs {
    /// The rules in force: the command line's, else the profile's.
    pub fn rules(&self, s: &Settings) -> Vec<AlertRule> {
        if self.alerts.is_empty() {
            s.alerts.clone()
        } else {
            self.alerts.clone()
        }
    }
}

impl AlertingArgs {
    fn delivery(&self) -> Result<DeliveryOptions> {
        if let Some(url) = &self.webhook {
            let ok = reqwest::Url::parse(url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if !ok {
                return Err(Error::usage(format!(
                    "--webhook {} is not an http(s) URL",
                    deliver::shown_url(url)
                ))
                .hint("e.g. --webhook https://alerts.example.com/hook"));
            }
        }
        Ok(DeliveryOptions {
            exec: self.alert_exec.clone().filter(|c| !c.trim().is_empty()),
            exec_timeout: self.alert_exec_timeout,
            webhook: self.webhook.clone().filter(|u| !u.is_empty()),
            ..DeliveryOptions::default()
        })
    }

    /// The engine for the sampler, with its deliveries started (on the current runtime);
    /// none when there are no rules.
    pub fn judge(&self, s: &Settings) -> Result<Option<Judge>> {
        let rules = self.rules.rules(s);
        let delivery = self.delivery()?;
        if rules.is_empty() {
            if delivery.any() {
                return Err(Error::usage(
                    "--alert-exec and --webhook deliver alert changes, and there are no alert rules",
                )
                .hint("give rules with --alert 'lag > 10000 for 1m', or in the profile's `alerts:` list"));
            }
            return Ok(None);
        }
        let notifier = delivery.any().then(|| Notifier::start(delivery));
        Ok(Some(judge_of(Engine::new(rules, notifier))))
    }
}

pub fn judge_of(engine: Engine) -> Judge {
    Judge(Arc::new(Mutex::new(engine)))
}

/// `value` in the rule's unit, for people.
pub fn shown_value(a: &AlertStat, v: Option<f64>) -> String {
    let Some(v) = v else {
        return "-".into();
    };
    match a.unit.as_str() {
        "ms" => crate::present::duration_ms(Some(v as i64)),
        "bytes" => crate::present::bytes(v as i64),
        _ => format!("{}", v as i64),
    }
}

/// Say on stderr when a rule fires or resolves and when a delivery fails, for an operator
/// watching a headless `dashboard` (the page and `/metrics` show the same).
pub async fn report_changes(
    out: crate::output::Printer,
    mut rx: tokio::sync::watch::Receiver<Arc<crate::sampler::snapshot::Snapshot>>,
) {
    let mut states: std::collections::BTreeMap<String, String> = Default::default();
    let mut failures: std::collections::BTreeMap<String, u64> = Default::default();
    while rx.changed().await.is_ok() {
        let snap = rx.borrow_and_update().clone();
        for a in &snap.alerts.rules {
            let before = states.insert(a.rule.clone(), a.state.clone());
            if before.as_deref() == Some(a.state.as_str()) {
                continue;
            }
            match a.state.as_str() {
                "firing" => out.warn(format!(
                    "alert firing: {} (value {})",
                    a.rule,
                    shown_value(a, a.value)
                )),
                "resolved" if before.as_deref() == Some("firing") => {
                    out.info(format!("alert resolved: {}", a.rule))
                }
                _ => {}
            }
        }
        for d in &snap.alerts.delivery {
            let lost = d.failed + d.dropped;
            let before = failures.insert(d.via.clone(), lost).unwrap_or(0);
            if lost > before {
                out.warn(format!(
                    "alert delivery through {} {} failed ({} so far): {}",
                    d.via,
                    d.target,
                    lost,
                    d.last_error
                        .as_deref()
                        .unwrap_or("too many changes waiting")
                ));
            }
        }
    }
}
