//! kill -9 a consumer mid-stream, restart it, and nothing is missing or duplicated: offsets
//! are committed only after the database transaction, and replays upsert.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use crate::harness::*;

/// The stack of this module's tests alone. On the stack every test shares, a sink
/// restarted after `kill -9` once waited 18 minutes for its group's partitions (nothing
/// read, the broker unable to describe the group); these tests had a broker of their own
/// before and keep one until that is understood.
fn ready(name: &str) -> Scope {
    module_stack("consumers_crash").ready(name)
}

#[test]
fn sink_survives_kill_9_without_losing_or_duplicating_rows() {
    let scope = ready("sink_crash");
    scope.psql("CREATE TABLE readings (id INTEGER PRIMARY KEY, sensor TEXT NOT NULL, value DOUBLE PRECISION)");
    const N: usize = 20_000;
    let input: String = (0..N)
        .map(|i| {
            format!(
                "{{\"id\":{i},\"sensor\":\"s{}\",\"value\":{}.5}}\n",
                i % 7,
                i
            )
        })
        .collect();
    let sent = scope.send_file("readings", &input, Some("id"));
    assert_eq!(sent.json()["delivered"], N as u64);

    let args = [
        "-o",
        "json",
        "consume",
        "sink",
        &scope.topic,
        "--table",
        "readings",
        "--upsert-key",
        "id",
        "--batch-size",
        "200",
        "--group",
        "crash_g",
        "--session-timeout",
        "6s",
    ];
    let mut child = scope
        .cmd(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut flushes = 0;
    while flushes < 3 {
        let line = lines
            .next()
            .expect("the sink stopped before three flushes")
            .unwrap();
        if line.contains("\"type\":\"flush\"") {
            flushes += 1;
        }
    }
    child.kill().unwrap(); // SIGKILL: no flush, no commit, no goodbye
    child.wait().unwrap();
    let killed = std::time::Instant::now();
    let before: usize = scope.psql("SELECT count(*) FROM readings").parse().unwrap();
    assert!(before > 0 && before < N, "killed mid-stream: {before} rows");

    // The restart resumes from the committed offsets (it reads less than everything).
    let mut resume = args.to_vec();
    resume.push("--exit-at-end");
    // The group still counts the killed member until its session (6 s) runs out. A member
    // that joins before then was seen here (2 of 4 loaded runs) to be given only part of
    // the partitions and never the rest: tansu's coordinator does not rebalance when the
    // dead member expires, where Kafka's would. The restart waits out that session, as an
    // operator's restart after a crash usually does, so the test checks the sink's resume.
    wait_for(
        "the killed member's session to run out",
        Duration::from_secs(60),
        || killed.elapsed() >= Duration::from_secs(9),
    );
    // With a deadline: a restart that never gets its partitions must fail, not hang.
    let mut restarted = scope.spawn_logged("resume", &resume);
    wait_for(
        "the restarted sink to reach the end",
        Duration::from_secs(600),
        || restarted.try_wait().unwrap().is_some(),
    );
    let status = restarted.wait().unwrap();
    let (stdout, stderr) = scope.output_of("resume");
    let r = Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    }
    .ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["stopped"], "end");
    let reread = summary["events"].as_u64().unwrap() as usize;
    assert!(reread < N, "restart read everything again: {reread}");
    assert!(
        reread >= N - before,
        "restart read {reread}, but {} rows were missing",
        N - before
    );

    assert_eq!(
        scope.psql("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM readings"),
        format!("{N}|{N}|0|{}", N - 1)
    );
    assert_eq!(
        scope.psql(
            "SELECT count(*) FROM readings WHERE value <> id + 0.5 OR sensor <> 's' || (id % 7)"
        ),
        "0"
    );
}

#[test]
fn aggregate_survives_kill_9_and_counts_every_event_exactly_once() {
    let scope = ready("agg_crash");
    const N: usize = 6_000;
    let input: String = (0..N)
        .map(|i| format!("{{\"k\":\"key{}\",\"n\":1}}\n", i % 10))
        .collect();
    scope.send_file("events", &input, None);
    let prefix = "crash_agg";
    let args = [
        "-o",
        "json",
        "consume",
        "aggregate",
        &scope.topic,
        "--key-field",
        "k",
        "--sum",
        "n",
        "--max-events",
        "1000000",
        "--max-time",
        "3600",
        "--exec",
        "true",
        "--prefix",
        prefix,
        "--batch-size",
        "100",
        "--group",
        "agg_crash_g",
        "--session-timeout",
        "6s",
    ];
    let mut child = scope
        .cmd(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut flushes = 0;
    while flushes < 3 {
        let line = lines.next().expect("stopped before three flushes").unwrap();
        if line.contains("\"type\":\"flush\"") {
            flushes += 1;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let base = format!("{prefix}:{}", scope.topic);
    let counted = |scope: &Scope| -> usize {
        (0..10)
            .map(|k| {
                scope
                    .redis_cli(&["HGET", &format!("{base}:window:key{k}"), "count"])
                    .parse::<usize>()
                    .unwrap_or(0)
            })
            .sum()
    };
    let before = counted(&scope);
    assert!(
        before > 0 && before < N,
        "killed mid-stream: {before} counted"
    );

    let mut resume = args.to_vec();
    resume.push("-e");
    scope.run(&resume).ok();
    // Every event counted once: replays of uncommitted batches were skipped by the
    // offsets marker, not counted twice.
    assert_eq!(counted(&scope), N);
    assert_eq!(
        scope.redis_cli(&["HGET", &format!("{base}:stats"), "events"]),
        N.to_string()
    );
    for k in 0..10 {
        assert_eq!(
            scope.redis_cli(&["HGET", &format!("{base}:window:key{k}"), "sum"]),
            (N / 10).to_string()
        );
    }
}
