//! The revenue-per-region job: results against an independent computation through
//! out-of-order events, late events and kill -9; one run per job; the demo's job.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::{last_progress, records, DELAY_MS, LONG, T0, WINDOW_MS};
use crate::harness::*;
use serde_json::Value;

/// Revenue per region per minute, written to PostgreSQL and Kafka (and Redis).
fn write_job(scope: &Scope, name: &str, postgres: bool) -> PathBuf {
    let out = format!("{}_out", scope.name);
    scope
        .run(&["topic", "create", &out, "-p", "1", "--if-not-exists"])
        .ok();
    let mut sinks = format!("  - kafka: {{topic: {out}}}\n");
    if postgres {
        sinks.push_str(&format!("  - postgres: {{table: {}_rev}}\n", scope.name));
        sinks.push_str(&format!("  - redis: {{prefix: 'livedb:{}'}}\n", scope.name));
    }
    let p = scope.dir.join(format!("{name}.yaml"));
    std::fs::write(
        &p,
        format!(
            "name: {name}\n\
             source: {{topic: {topic}, time: meta.created_at, watermark_delay: {DELAY_MS}ms, \
             fields: {{payload.amount: 'decimal(10, 2)'}}}}\n\
             where: payload.amount > 0\n\
             group_by: [payload.region]\n\
             window: {{tumble: 1m}}\n\
             aggregates: {{orders: count, revenue: sum(payload.amount), biggest: max(payload.amount)}}\n\
             sinks:\n{sinks}",
            topic = scope.topic,
        ),
    )
    .unwrap();
    p
}

/// A deterministic pseudo-random sequence.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// An event as `produce poll` publishes it, with its phase (the job ignores it).
fn event(id: u64, phase: u32, t_ms: i64, region: &str, amount: &str) -> String {
    let at = chrono::DateTime::from_timestamp_millis(t_ms)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ");
    format!(
        "{{\"id\":{id},\"payload\":{{\"org\":\"org-{}\",\"amount\":\"{amount}\",\"region\":\"{region}\"}},\"meta\":{{\"source\":\"kafka-producer\",\"created_at\":\"{at}\",\"phase\":{phase}}}}}\n",
        id % 7
    )
}

const REGIONS: [&str; 4] = ["us-east", "eu-west", "ap-south", "sa-east"];

/// `n` events from `from_ms` every `step_ms`, each up to 3 s early (out of order within
/// the 5 s watermark delay); about one in twelve has an amount the job filters out.
fn events(rng: &mut Lcg, first_id: u64, phase: u32, n: u64, from_ms: i64, step_ms: i64) -> String {
    let mut out = String::new();
    for i in 0..n {
        let t = from_ms + i as i64 * step_ms - rng.below(3_000) as i64;
        let region = REGIONS[rng.below(4) as usize];
        let amount = match rng.below(12) {
            0 => "0.00".to_string(),
            _ => format!("{}.{:02}", rng.below(500), rng.below(100)),
        };
        out.push_str(&event(first_id + i, phase, t, region, &amount));
    }
    out
}

/// Produce JSON lines with the independent client, keyed by id (spread over partitions).
fn produce(scope: &Scope, lines: &str) {
    scope
        .kafka_stdin(&["produce", &scope.topic, "--key-field", "id"], lines)
        .ok();
}

fn start_run(scope: &Scope, name: &str, job: &Path) -> Child {
    scope.spawn_logged(
        name,
        &[
            "-o",
            "json",
            "stream",
            "run",
            job.to_str().unwrap(),
            "-b",
            "200",
            "-f",
            "200ms",
        ],
    )
}

/// Wait until a background run's watermark reached `ms` (everything before it read).
fn wait_watermark(scope: &Scope, name: &str, child: &mut Child, ms: i64) {
    wait_for(&format!("{name}'s watermark to reach {ms}"), LONG, || {
        if let Ok(Some(status)) = child.try_wait() {
            let (out, err) = scope.output_of(name);
            panic!("{name} exited ({status}):\n{out}\n{err}");
        }
        last_progress(scope, name)
            .and_then(|p| p["watermark_ms"].as_i64())
            .is_some_and(|w| w >= ms)
    });
}

/// The independent computation: every event read back from the topic by kafka-python,
/// windows computed by `tests/support/stream_windows.py`. Rows `ms|region|orders|revenue|biggest`.
fn expected_rows(scope: &Scope) -> Vec<String> {
    let consumed = scope
        .kafka_tool(&["consume", &scope.topic, "--timeout", "60"])
        .ok()
        .stdout;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/stream_windows.py");
    let mut child = Command::new(python3())
        .arg(script)
        .args(["--window-ms", &WINDOW_MS.to_string()])
        .args(["--delay-ms", &DELAY_MS.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(consumed.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            format!(
                "{}|{}|{}|{}|{}",
                v["window_start_ms"],
                v["region"].as_str().unwrap(),
                v["orders"],
                v["revenue"].as_str().unwrap(),
                v["biggest"].as_str().unwrap()
            )
        })
        .collect()
}

/// The PostgreSQL sink, read with psql.
fn table_rows(scope: &Scope) -> Vec<String> {
    scope
        .psql(&format!(
            "SELECT (extract(epoch FROM window_start) * 1000)::bigint, region, orders, revenue, biggest \
             FROM {}_rev ORDER BY 1, 2",
            scope.name
        ))
        .lines()
        .map(String::from)
        .collect()
}

/// The Kafka sink read back by kafka-python: the latest value per key, as table rows.
fn kafka_rows(scope: &Scope) -> Vec<String> {
    let out = format!("{}_out", scope.name);
    let consumed = scope
        .kafka_tool(&["consume", &out, "--timeout", "60"])
        .ok()
        .stdout;
    let mut latest: BTreeMap<String, Option<Value>> = BTreeMap::new();
    for line in consumed.lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let value = rec["value"]
            .as_str()
            .map(|v| serde_json::from_str::<Value>(v).unwrap());
        latest.insert(rec["key"].as_str().unwrap().to_string(), value);
    }
    let mut rows: Vec<(i64, String)> = latest
        .into_values()
        .flatten()
        .map(|v| {
            let start = chrono::DateTime::parse_from_rfc3339(v["window_start"].as_str().unwrap())
                .unwrap()
                .timestamp_millis();
            (
                start,
                format!(
                    "{start}|{}|{}|{}|{}",
                    v["region"].as_str().unwrap(),
                    v["orders"],
                    v["revenue"].as_str().unwrap(),
                    v["biggest"].as_str().unwrap()
                ),
            )
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, r)| r).collect()
}

#[test]
fn results_match_an_independent_computation_through_late_events_and_kill_9() {
    let scope = ready("stream_run_kill");
    let job = write_job(&scope, "kill-test", true);
    let mut rng = Lcg(7);

    // Phase 1: ten minutes of events, every 20 ms, out of order within the delay.
    let phase1 = events(&mut rng, 0, 1, 30_000, T0, 20);
    produce(&scope, &phase1);
    let mut run = start_run(&scope, "run1", &job);
    // kill -9 once windows were written (open ones and a checkpoint in between).
    wait_for("run1 to have written a window", LONG, || {
        last_progress(&scope, "run1").is_some_and(|p| p["emitted"].as_u64() > Some(0))
    });
    signal(&run, Signal::SIGKILL);
    let _ = run.wait();
    let written_before = table_rows(&scope).len();

    let mut run = start_run(&scope, "run2", &job);
    // The last event of phase 1 is at most 3 s early: all of it read.
    wait_watermark(&scope, "run2", &mut run, T0 + 10 * 60_000 - 10_000);
    let resumed = records(&scope, "run2")
        .into_iter()
        .find(|r| r["type"] == "start")
        .unwrap();
    assert_eq!(resumed["resumed"], true, "{resumed}");

    // Phase 2, after phase 1 was read: late events for windows long closed, and on-time
    // events all in one minute that stays open (whatever order the partitions are read).
    let mut phase2 = String::new();
    for i in 0..40u64 {
        let t = T0 + 60_000 + rng.below(120_000) as i64;
        phase2.push_str(&event(
            100_000 + i,
            2,
            t,
            REGIONS[(i % 4) as usize],
            "99.99",
        ));
    }
    phase2.push_str(&events(
        &mut rng,
        200_000,
        2,
        500,
        T0 + 11 * 60_000 + 3_000,
        90,
    ));
    produce(&scope, &phase2);
    // kill -9 again while phase 2 is being read (or just after).
    wait_for("run2 to read phase 2", LONG, || {
        last_progress(&scope, "run2").is_some_and(|p| p["late"].as_u64() > Some(0))
    });
    signal(&run, Signal::SIGKILL);
    let _ = run.wait();

    // Phase 3: one event far ahead closes every window before it.
    let mut run = start_run(&scope, "run3", &job);
    wait_watermark(&scope, "run3", &mut run, T0 + 11 * 60_000 + 35_000);
    produce(
        &scope,
        &event(300_000, 3, T0 + 20 * 60_000, "us-east", "1.00"),
    );
    wait_watermark(&scope, "run3", &mut run, T0 + 20 * 60_000 - DELAY_MS);
    // A graceful stop: the results due are written and the checkpoint saved first.
    terminate(&run);
    assert!(
        run.wait().unwrap().success(),
        "{:?}",
        scope.output_of("run3")
    );
    let summary = records(&scope, "run3").pop().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["stopped"], "signal");

    // And once more to the end: nothing new, nothing changes.
    let r = scope
        .run(&["-o", "json", "stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    let last = r.json_lines().pop().unwrap();
    assert_eq!(last["stopped"], "end");

    let expected = expected_rows(&scope);
    assert!(expected.len() > 40, "too few windows: {expected:?}");
    assert!(
        written_before > 0 && written_before < expected.len(),
        "the first kill came after some windows were written ({written_before} of {})",
        expected.len()
    );
    let table = table_rows(&scope);
    let diff = |ours: &[String]| -> String {
        let missing: Vec<&String> = expected.iter().filter(|r| !ours.contains(r)).collect();
        let extra: Vec<&String> = ours.iter().filter(|r| !expected.contains(r)).collect();
        format!("missing or wrong: {missing:#?}\nnot expected: {extra:#?}")
    };
    assert!(table == expected, "PostgreSQL sink:\n{}", diff(&table));
    let kafka = kafka_rows(&scope);
    assert!(kafka == expected, "Kafka sink:\n{}", diff(&kafka));
    // Redis holds a hash per window and region.
    let keys = scope.redis_cli(&[
        "--scan",
        "--pattern",
        "livedb:stream_run_kill:kill-test:window:*",
    ]);
    assert_eq!(keys.lines().count(), expected.len());

    // The group's commits follow the saved checkpoint, never ahead of it.
    let saved: Value = serde_json::from_str(&scope.psql(
        "SELECT checkpoint FROM livedbctl_stream_checkpoints WHERE consumer_group = 'livedbctl-stream-kill-test'",
    ))
    .unwrap();
    let committed = scope
        .kafka_tool(&[
            "committed",
            &scope.topic,
            "--group",
            "livedbctl-stream-kill-test",
        ])
        .ok()
        .json();
    for (p, o) in saved["offsets"].as_object().unwrap() {
        assert_eq!(&committed[p], o, "partition {p}: {committed} vs {saved}");
    }
}

#[test]
fn a_second_run_of_the_same_job_is_refused_while_one_runs() {
    let scope = ready("stream_run_lock");
    // No PostgreSQL sink: the lock lives in the profile's database all the same.
    let job = write_job(&scope, "lock-test", false);
    let mut rng = Lcg(11);
    produce(&scope, &events(&mut rng, 0, 1, 600, T0, 500));
    let mut first = start_run(&scope, "first", &job);
    wait_for("the first run to write results", LONG, || {
        if let Ok(Some(status)) = first.try_wait() {
            panic!(
                "first run exited ({status}): {:?}",
                scope.output_of("first")
            );
        }
        last_progress(&scope, "first").is_some_and(|p| p["emitted"].as_u64() > Some(0))
    });

    let second = scope
        .run(&["stream", "run", job.to_str().unwrap(), "-e"])
        .code(1);
    assert!(
        second
            .stderr
            .contains("stream job `lock-test` is already running")
            && second.stderr.contains(&format!("pid {}", first.id())),
        "{}",
        second.stderr
    );
    // The same job under another group is the same job.
    scope
        .run(&["stream", "run", job.to_str().unwrap(), "-e", "-g", "other"])
        .code(1);

    // SIGTERM: the first run writes what is due, saves, commits and ends cleanly.
    terminate(&first);
    assert!(
        first.wait().unwrap().success(),
        "{:?}",
        scope.output_of("first")
    );
    let summary = records(&scope, "first").pop().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["stopped"], "signal");
    assert!(summary["emitted"].as_u64() > Some(0), "{summary}");

    // The lock went with the process; the next run resumes from its checkpoint.
    let r = scope
        .run(&["-o", "json", "stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    let lines = r.json_lines();
    assert_eq!(lines[0]["type"], "start");
    assert_eq!(lines[0]["resumed"], true);
    assert!(
        !lines.iter().any(|l| l["type"] == "result"),
        "nothing new to write: {lines:?}"
    );
}

#[test]
fn demo_stream_runs_the_revenue_job_beside_the_pipeline() {
    let scope = ready("stream_demo");
    let r = scope
        .run(&[
            "-o",
            "json",
            "demo",
            "--stream",
            "--duration",
            "8s",
            "--rate",
            "30",
        ])
        .ok();
    let lines = r.json_lines();
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["ok"], true, "{summary}");
    let stream = &summary["stream"];
    assert_eq!(stream["job"], "revenue-by-region", "{summary}");
    assert_eq!(stream["group"], "livedbctl-stream-revenue-by-region");
    // The job read every event the demo published (the scope's topic was empty).
    assert_eq!(stream["events"], summary["published"], "{summary}");
    assert_eq!(stream["late"], 0);

    // Results were shown as they were written: early ones of the open minute.
    let results: Vec<&Value> = lines.iter().filter(|l| l["type"] == "result").collect();
    assert!(!results.is_empty(), "no results shown: {}", r.stderr);
    assert_eq!(stream["emitted"], results.len() as u64);
    let mut latest: BTreeMap<(String, String), i64> = BTreeMap::new();
    for res in &results {
        assert!(
            matches!(res["kind"].as_str(), Some("early" | "final")),
            "{res}"
        );
        latest.insert(
            (
                res["window_start"].as_str().unwrap().to_string(),
                res["region"].as_str().unwrap().to_string(),
            ),
            res["orders"].as_i64().unwrap(),
        );
    }
    // The PostgreSQL sink holds the latest of each, read back with psql.
    let table: BTreeMap<(String, String), i64> = scope
        .psql(
            "SELECT to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), region, orders \
             FROM revenue_by_region",
        )
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            ((f[0].to_string(), f[1].to_string()), f[2].parse().unwrap())
        })
        .collect();
    assert_eq!(table, latest);
    // Never more orders than rows the demo inserted in that minute and region.
    for ((start, region), orders) in &table {
        let rows: i64 = scope
            .psql(&format!(
                "SELECT count(*) FROM livedb WHERE region = '{region}' AND amount > 0 AND \
                 date_trunc('minute', created_at AT TIME ZONE current_setting('TimeZone') AT TIME ZONE 'UTC') = '{}'",
                &start[..19].replace('T', " ")
            ))
            .parse()
            .unwrap();
        assert!(
            *orders <= rows,
            "{start} {region}: {orders} orders, {rows} rows"
        );
    }
}
