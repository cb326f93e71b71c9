//! Alerts against the real stack: `check` exits 1 while a group lags past a rule and 0 once
//! it caught up; `dashboard` fires and resolves a rule, delivering both changes through a
//! real `--alert-exec` script and a webhook receiver run here (one that fails at first, to
//! show the retry), with `/metrics` at 1 then 0; a dead webhook and a hanging command are
//! reported and counted while sampling goes on; bad rules exit 2 saying where.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Child;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::*;

/// The stack of this module's tests: `dashboard` and `check` sample the whole cluster, so
/// they are kept off the stack every other test fills.
fn stack() -> Arc<Stack> {
    module_stack("alerts")
}

const DEADLINE: Duration = Duration::from_secs(120);

fn wait_some<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `n` records on a new one-partition topic, and `group` having read `read` of them.
fn lagging_group(scope: &Scope, topic: &str, group: &str, n: usize, read: usize) {
    scope.run(&["topic", "create", topic, "-p", "1"]).ok();
    let lines: String = (0..n).map(|i| format!("{{\"id\":{i}}}\n")).collect();
    scope.run_stdin(&["produce", "send", topic], &lines).ok();
    consume(scope, topic, group, read, true);
}

fn consume(scope: &Scope, topic: &str, group: &str, n: usize, from_start: bool) {
    let n = n.to_string();
    let mut args = vec![
        "consume", "tail", topic, "--group", group, "-n", &n, "-o", "json",
    ];
    if from_start {
        args.extend(["--from", "start"]);
    }
    let got = scope.run(&args).ok().json_lines();
    assert_eq!(got.len().to_string(), n, "read {n} records of {topic}");
}

fn rule_of<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == rule)
        .unwrap_or_else(|| panic!("no rule `{rule}` in {report}"))
}

#[test]
fn check_exits_1_while_a_group_lags_past_a_rule_and_0_once_it_caught_up() {
    let scope = stack().scope("alerts_check");
    let (topic, group) = ("alerts_check_t", "alerts-check-readers");
    lagging_group(&scope, topic, group, 50, 10);

    let lag_rule = format!("lag{{group={group}}} > 20 for 2s");
    let stalled_rule = format!("consumer{{group={group}}} stalled");
    let quiet_rule = "dead_letters > 1000000";
    let check = |scope: &Scope| {
        scope.run(&[
            "-o",
            "json",
            "check",
            "--interval",
            "500ms",
            "--alert",
            &lag_rule,
            "--alert",
            &stalled_rule,
            "--alert",
            quiet_rule,
        ])
    };
    let run = check(&scope).code(1);
    let report = run.json();
    assert_eq!(report["firing"], 2, "{report}");
    // `for 2s` is sampled for, as the dashboard would hold it; `stalled` needs Burrow's
    // 10 s window of offsets that did not move.
    assert!(report["over_ms"].as_u64().unwrap() >= 10_000, "{report}");
    let stalled = rule_of(&report, &stalled_rule);
    assert_eq!(stalled["state"], "firing", "{stalled}");
    assert_eq!(
        stalled["subjects"][0]["subject"],
        format!("group:{group}"),
        "{stalled}"
    );
    let lag = rule_of(&report, &lag_rule);
    assert_eq!(lag["state"], "firing", "{lag}");
    assert_eq!(lag["value"], 40.0, "{lag}");
    assert_eq!(lag["threshold"], 20.0, "{lag}");
    assert_eq!(
        lag["subjects"][0]["subject"],
        format!("group:{group}"),
        "{lag}"
    );
    let quiet = rule_of(&report, quiet_rule);
    assert_eq!(quiet["state"], "ok", "{quiet}");
    assert!(
        quiet["value"].is_number(),
        "every rule has its value: {quiet}"
    );
    assert!(
        run.stderr.contains("2 of 3 alert rules firing"),
        "{}",
        run.stderr
    );

    // `top -o json` judges the same rules into its snapshot.
    let plain_lag = format!("lag{{group={group}}} > 20");
    let top = scope
        .run(&[
            "-o",
            "json",
            "top",
            "--interval",
            "500ms",
            "--alert",
            &plain_lag,
        ])
        .ok()
        .json();
    assert_eq!(top["alerts"]["firing"], 1, "{}", top["alerts"]);
    assert_eq!(
        top["alerts"]["rules"][0]["value"], 40.0,
        "{}",
        top["alerts"]
    );

    // The group reads the rest: nothing fires.
    consume(&scope, topic, group, 40, false);
    let report = check(&scope).code(0).json();
    assert_eq!(report["firing"], 0, "{report}");
    let lag = rule_of(&report, &lag_rule);
    assert_eq!(lag["state"], "ok", "{lag}");
    assert_eq!(lag["value"], 0.0, "{lag}");
    assert_eq!(rule_of(&report, &stalled_rule)["state"], "ok", "{report}");

    // The same rule from the profile, human output.
    let profile = std::fs::read_to_string(&scope.profile).unwrap();
    let with_alerts = scope.dir.join("with_alerts.yaml");
    std::fs::write(
        &with_alerts,
        format!("{profile}alerts:\n  - \"lag{{group={group}}} > 20\"\n"),
    )
    .unwrap();
    let mut cmd = livedbctl(&scope.dir);
    cmd.arg("--config")
        .arg(&with_alerts)
        .args(["check", "--interval", "500ms"]);
    let run = run_cmd(cmd).code(0);
    assert!(
        run.stdout.contains(&format!("lag{{group={group}}} > 20")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("0 of 1 rules firing"), "{}", run.stdout);
}

#[test]
fn freshness_fires_on_an_idle_topic_and_a_table_and_not_on_one_being_written() {
    let scope = stack().scope("alerts_fresh");
    scope.run(&["db", "migrate"]).ok();
    let (idle, busy) = ("alerts_fresh_idle", "alerts_fresh_busy");
    for t in [idle, busy] {
        scope.run(&["topic", "create", t, "-p", "2"]).ok();
        scope
            .run_stdin(&["produce", "send", t], "{\"id\":1}\n{\"id\":2}\n")
            .ok();
    }
    // A row an hour old, and none newer.
    scope.psql(
        "INSERT INTO livedb (org, amount, region, created_at) VALUES ('old', 1, 'eu', localtimestamp - interval '1 hour')",
    );

    // Records keep arriving on `busy` while check samples: one `produce send` fed a line
    // every 200 ms.
    let done = std::sync::atomic::AtomicBool::new(false);
    let mut sender = scope
        .cmd(&["produce", "send", busy])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut feed = sender.stdin.take().unwrap();
    let report = std::thread::scope(|t| {
        t.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                feed.write_all(b"{\"id\":3}\n").unwrap();
                feed.flush().unwrap();
                std::thread::sleep(Duration::from_millis(200));
            }
        });
        let run = scope.run(&[
            "-o",
            "json",
            "check",
            "--interval",
            "500ms",
            "--over",
            "6s",
            "--alert",
            &format!("freshness{{topic={idle}}} > 4s"),
            "--alert",
            &format!("freshness{{topic={busy}}} > 4s"),
            "--alert",
            "freshness{table=livedb} > 30m",
        ]);
        done.store(true, Ordering::Relaxed);
        run
    });
    drop(feed);
    assert!(sender.wait().unwrap().success());
    let report = report.code(1).json();
    let idle_rule = rule_of(&report, &format!("freshness{{topic={idle}}} > 4s"));
    assert_eq!(idle_rule["state"], "firing", "{idle_rule}");
    assert!(
        idle_rule["value"].as_f64().unwrap() >= 4000.0,
        "{idle_rule}"
    );
    let busy_rule = rule_of(&report, &format!("freshness{{topic={busy}}} > 4s"));
    assert_eq!(busy_rule["state"], "ok", "{busy_rule}");
    assert!(busy_rule["value"].as_f64().unwrap() < 4000.0, "{busy_rule}");
    let table = rule_of(&report, "freshness{table=livedb} > 30m");
    assert_eq!(table["state"], "firing", "{table}");
    let age = table["value"].as_f64().unwrap();
    assert!((3_500_000.0..3_700_000.0).contains(&age), "{table}");
    assert_eq!(report["firing"], 2, "{report}");
}

fn run_cmd(cmd: std::process::Command) -> Run {
    run(cmd)
}

#[test]
fn bad_rules_exit_2_and_point_at_the_fault() {
    let scope = stack().scope("alerts_bad");
    let run = scope.run(&["check", "--alert", "lag > 10k for 1m"]).code(2);
    assert!(
        run.stderr.contains("`10k` is not a number of records"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("lag > 10k for 1m\n") && run.stderr.contains("      ^^^"),
        "{}",
        run.stderr
    );

    // In a profile: which rule, and where in it.
    let profile = std::fs::read_to_string(&scope.profile).unwrap();
    let bad = scope.dir.join("bad_alerts.yaml");
    std::fs::write(
        &bad,
        format!("{profile}alerts:\n  - \"dead_letters > 0\"\n  - \"freshnes > 30s\"\n"),
    )
    .unwrap();
    let mut cmd = livedbctl(&scope.dir);
    cmd.arg("--config").arg(&bad).args(["check"]);
    let run = run_cmd(cmd).code(2);
    assert!(
        run.stderr.contains(
            "alerts, rule 2: alert rule `freshnes > 30s`, column 1: unknown metric `freshnes`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `freshness`?"),
        "{}",
        run.stderr
    );

    // No rules at all is a usage error too.
    let run = scope.run(&["check"]).code(2);
    assert!(run.stderr.contains("no alert rules"), "{}", run.stderr);
}

/// A local webhook receiver: it keeps every body POSTed to it and answers 503 to the
/// first `fail_first` requests, 200 after.
mod delivery;
