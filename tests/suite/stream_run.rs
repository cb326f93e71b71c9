//! `stream run` against the real stack: window results checked against an independent
//! computation (Python over the events read back by kafka-python), through out-of-order
//! events, late events and kill -9; checkpoints that advance through a backlog; events
//! and checkpoints far ahead of the clock; the open windows limit; and one run per job.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::harness::*;
use serde_json::{json, Value};

const WINDOW_MS: i64 = 60_000;
const DELAY_MS: i64 = 5_000;
/// 2026-01-01T00:00:00Z: in the past, as events are (source.max_future sets aside those
/// more than 10 minutes ahead of the clock).
const T0: i64 = 1_767_225_600_000;
const LONG: Duration = Duration::from_secs(300);

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

/// The JSON records a background run printed so far (a partial last line is skipped).
fn records(scope: &Scope, name: &str) -> Vec<Value> {
    scope
        .output_of(name)
        .0
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn last_progress(scope: &Scope, name: &str) -> Option<Value> {
    records(scope, name)
        .into_iter()
        .rfind(|r| r["type"] == "progress")
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
    let mut child = Command::new("python3")
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

/// Count and sum per key and minute, 30 keys, keyed by `key` (one key, one partition).
fn write_backlog_job(scope: &Scope, name: &str, source_extra: &str, extra: &str) -> PathBuf {
    let p = scope.dir.join(format!("{name}.yaml"));
    std::fs::write(
        &p,
        format!(
            "name: {name}\n\
             source: {{topic: {topic}, time: ts, time_format: epoch_millis{source_extra}}}\n\
             group_by: [key]\n\
             window: {{tumble: 1m}}\n\
             aggregates: {{n: count, total: sum(amount)}}\n\
             sinks:\n  - postgres: {{table: {scope_name}_counts}}\n{extra}",
            topic = scope.topic,
            scope_name = scope.name,
        ),
    )
    .unwrap();
    p
}

/// Event `i` of the backlog: key `k(i % 30)`, 60 ms apart from T0, amount i % 97.
fn backlog_event(i: i64) -> String {
    format!(
        "{{\"key\":\"k{}\",\"ts\":{},\"amount\":{}}}\n",
        i % 30,
        T0 + i * 60,
        i % 97
    )
}

/// Every record of the scope's topic as kafka-python reads it: (partition, offset, ts).
fn topic_records(scope: &Scope, n: usize) -> Vec<(i64, i64, i64)> {
    let lines = scope
        .kafka_tool(&["consume", &scope.topic, "--timeout", "120"])
        .ok()
        .json_lines();
    assert_eq!(lines.len(), n, "every record read back");
    lines
        .iter()
        .map(|r| {
            let v: Value = serde_json::from_str(r["value"].as_str().unwrap()).unwrap();
            (
                r["partition"].as_i64().unwrap(),
                r["offset"].as_i64().unwrap(),
                v["ts"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// What the checkpoint must hold at watermark `wm`: per partition the first offset of an
/// event whose window is still open (the job's events are in time order in each
/// partition, on multiples of 60 ms: never on a window's last millisecond).
fn oldest_needed(records: &[(i64, i64, i64)], wm: i64) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for (p, o, ts) in records {
        let end = ts.div_euclid(WINDOW_MS) * WINDOW_MS + WINDOW_MS;
        if end - 1 > wm {
            let e = out.entry(p.to_string()).or_insert(*o);
            *e = (*e).min(*o);
        }
    }
    out
}

fn saved_checkpoint(scope: &Scope, job: &str) -> Value {
    serde_json::from_str(&scope.psql(&format!(
        "SELECT checkpoint FROM livedbctl_stream_checkpoints WHERE consumer_group = 'livedbctl-stream-{job}'"
    )))
    .unwrap()
}

fn offsets_of(v: &Value) -> BTreeMap<String, i64> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(p, o)| (p.clone(), o.as_i64().unwrap()))
        .collect()
}

/// Issue 20: over a backlog of 30,000 events (30 keys, 60 ms apart, 3 partitions, 1-minute
/// windows) `stream run` emitted 870 windows and committed `{0:0,1:0,2:0}`: a crash read
/// the whole topic again. Per partition, the checkpoint must be the oldest offset an open
/// window still needs, so it moves as windows close; after kill -9 the results are exact.
#[test]
fn a_backlog_moves_the_checkpoint_per_partition_and_kill_9_loses_nothing() {
    let scope = ready("stream_backlog");
    let name = "backlog";
    let job = write_backlog_job(&scope, name, "", "");
    const N: i64 = 30_000;
    let lines: String = (0..N).map(backlog_event).collect();
    scope
        .kafka_stdin(&["produce", &scope.topic, "--key-field", "key"], &lines)
        .ok();
    let in_topic = topic_records(&scope, N as usize);

    // Half the backlog, then a graceful stop: the checkpoint is where the open windows
    // begin in each partition, not where the run began.
    let r = scope
        .run(&[
            "-o",
            "json",
            "stream",
            "run",
            job.to_str().unwrap(),
            "-n",
            "15000",
            "-b",
            "500",
        ])
        .ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["stopped"], "max-events", "{summary}");
    let wm = summary["watermark_ms"]
        .as_i64()
        .unwrap_or_else(|| panic!("no watermark: {summary}"));
    let committed = offsets_of(&summary["committed"]);
    assert_eq!(
        committed,
        oldest_needed(&in_topic, wm),
        "watermark {wm}: {summary}"
    );
    assert!(
        committed.values().all(|o| *o > 1_000),
        "the checkpoint moved in every partition: {committed:?}"
    );
    assert_eq!(
        offsets_of(&saved_checkpoint(&scope, name)["offsets"]),
        committed
    );

    // The rest, killed with SIGKILL once it wrote more windows.
    let mut run = scope.spawn_logged(
        "run2",
        &[
            "-o",
            "json",
            "stream",
            "run",
            job.to_str().unwrap(),
            "-b",
            "500",
            "-f",
            "200ms",
        ],
    );
    wait_for("run2 to write windows", LONG, || {
        if let Ok(Some(status)) = run.try_wait() {
            panic!("run2 exited ({status}): {:?}", scope.output_of("run2"));
        }
        last_progress(&scope, "run2").is_some_and(|p| p["emitted"].as_u64() > Some(30))
    });
    signal(&run, Signal::SIGKILL);
    let _ = run.wait();
    let start2 = records(&scope, "run2")
        .into_iter()
        .find(|r| r["type"] == "start")
        .unwrap();
    assert_eq!(start2["resumed"], true);
    assert_eq!(
        offsets_of(&start2["positions"]),
        committed,
        "run2 started where run1 saved"
    );
    // What was saved last before the kill is where the windows open then begin: a restart
    // reads those again (and what was read past the last flush), not the backlog.
    let saved = saved_checkpoint(&scope, name);
    let at_kill = offsets_of(&saved["offsets"]);
    let saved_wm = saved["emitted_watermark_ms"].as_i64().unwrap();
    assert_eq!(at_kill, oldest_needed(&in_topic, saved_wm), "{saved}");
    for (p, o) in &at_kill {
        assert!(
            *o >= committed[p],
            "partition {p} went back: {at_kill:?} {committed:?}"
        );
    }

    // To the end: the restart reads again from the checkpoint saved before the kill.
    let r = scope
        .run(&[
            "-o",
            "json",
            "stream",
            "run",
            job.to_str().unwrap(),
            "-e",
            "-b",
            "500",
        ])
        .ok();
    let lines = r.json_lines();
    assert_eq!(offsets_of(&lines[0]["positions"]), at_kill, "{}", lines[0]);
    let summary = lines.last().unwrap();
    assert_eq!(summary["stopped"], "end");
    // Every partition read to its end: only the last minute is open, and the checkpoint
    // re-reads only it (about a third of 1,000 events per partition).
    let wm = summary["watermark_ms"].as_i64().unwrap();
    assert!(wm >= T0 + 29 * WINDOW_MS, "{summary}");
    let last_minute = oldest_needed(&in_topic, wm);
    assert_eq!(offsets_of(&summary["committed"]), last_minute, "{summary}");
    let ends: BTreeMap<String, i64> = in_topic.iter().fold(BTreeMap::new(), |mut m, (p, o, _)| {
        let e = m.entry(p.to_string()).or_insert(0);
        *e = (*e).max(o + 1);
        m
    });
    for (p, o) in &last_minute {
        assert!(ends[p] - o <= 1_000, "partition {p}: {o} of {}", ends[p]);
    }
    // The group's commits follow.
    let group = scope
        .kafka_tool(&[
            "committed",
            &scope.topic,
            "--group",
            "livedbctl-stream-backlog",
        ])
        .ok()
        .json();
    for (p, o) in &last_minute {
        assert_eq!(group[p], *o, "{group}");
    }

    // The sink holds every closed window exactly: 29 minutes × 30 keys, nothing lost,
    // nothing counted twice.
    let expected = expected_counts(N, 29);
    assert_eq!(expected.len(), 870);
    let table = count_rows(&scope);
    let wrong: Vec<_> = expected
        .iter()
        .filter(|(k, v)| table.get(*k) != Some(*v))
        .take(5)
        .collect();
    assert!(
        wrong.is_empty() && table.len() == 870,
        "{} rows; wrong: {wrong:?}",
        table.len()
    );
}

/// Rows of a backlog job's table: (window start ms, key) -> (n, total).
fn count_rows(scope: &Scope) -> BTreeMap<(i64, String), (i64, i64)> {
    scope
        .psql(&format!(
            "SELECT (extract(epoch FROM window_start) * 1000)::bigint, key, n, total FROM {}_counts",
            scope.name
        ))
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            (
                (f[0].parse().unwrap(), f[1].to_string()),
                (f[2].parse().unwrap(), f[3].parse::<f64>().unwrap() as i64),
            )
        })
        .collect()
}

/// The backlog's windows before `minutes`, computed here from the events.
fn expected_counts(n: i64, minutes: i64) -> BTreeMap<(i64, String), (i64, i64)> {
    let mut expected: BTreeMap<(i64, String), (i64, i64)> = BTreeMap::new();
    for i in 0..n {
        let minute = (i * 60).div_euclid(WINDOW_MS) * WINDOW_MS + T0;
        if minute >= T0 + minutes * WINDOW_MS {
            continue;
        }
        let e = expected
            .entry((minute, format!("k{}", i % 30)))
            .or_default();
        e.0 += 1;
        e.1 += i % 97;
    }
    expected
}

/// Issue 20: one event at ts = 9e15 ms moved the watermark to the year 287,000, every
/// later event was late, and the checkpoint kept that watermark, so a restart did not
/// help. Now the event is set aside; a checkpoint saved that way (here with the guard
/// off) is reported on start with the statement that resets it, which works.
#[test]
fn a_far_future_event_is_set_aside_and_a_checkpoint_beyond_the_clock_is_reported() {
    let scope = ready("stream_future");
    let name = "future";
    let first: String = (0..2_000)
        .map(backlog_event)
        .chain(std::iter::once(
            "{\"key\":\"k0\",\"ts\":9000000000000000,\"amount\":1}\n".to_string(),
        ))
        .collect();
    scope
        .kafka_stdin(&["produce", &scope.topic, "--key-field", "key"], &first)
        .ok();

    // The guard off: the finding, as it was. The watermark goes to the year 287,000 and
    // is saved; a restart does not help: every later event is late.
    let job = write_backlog_job(&scope, name, ", max_future: none", "");
    let r = scope
        .run(&["-o", "json", "stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["too_far_ahead"], 0, "{summary}");
    let saved = saved_checkpoint(&scope, name);
    assert!(
        saved["emitted_watermark_ms"].as_i64() > Some(8_000_000_000_000_000),
        "{saved}"
    );
    let rest: String = (2_000..3_000).map(backlog_event).collect();
    scope
        .kafka_stdin(&["produce", &scope.topic, "--key-field", "key"], &rest)
        .ok();
    // Two events that are not events of the job: set aside, never late.
    let poison = [
        json!({"value": "not json", "partition": 0}),
        json!({"value": json!({"key": "k1", "amount": 3}).to_string(), "partition": 0}),
    ];
    let poison: String = poison.iter().map(|p| format!("{p}\n")).collect();
    scope
        .kafka_stdin(&["produce-raw", &scope.topic], &poison)
        .ok();
    let r = scope
        .run(&["-o", "json", "stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["late"], 1_000, "{summary}");

    // With the default guard: the saved checkpoint is reported, with the way out.
    let job = write_backlog_job(&scope, name, "", "");
    let r = scope
        .run(&["-o", "json", "stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    let start = &r.json_lines()[0];
    let far = &start["checkpoint_too_far_ahead"];
    assert_eq!(far["max_future_ms"], 600_000, "{start}");
    let reset = far["reset_sql"].as_str().unwrap().to_string();
    assert_eq!(
        reset,
        format!(
            "DELETE FROM livedbctl_stream_checkpoints WHERE consumer_group = 'livedbctl-stream-future' AND topic = '{}';",
            scope.topic
        )
    );
    assert!(
        r.stderr
            .contains("more than source.max_future (10m) ahead of the clock")
            && r.stderr.contains(&reset),
        "{}",
        r.stderr
    );
    // Human output says it too.
    let r = scope
        .run(&["stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    assert!(r.stderr.contains(&reset), "{}", r.stderr);

    // The statement as printed, then a fresh run: the far-future event is set aside and
    // moves nothing; every other event counts.
    scope.psql(&reset);
    let r = scope
        .run(&["-o", "json", "stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    let lines = r.json_lines();
    assert_eq!(lines[0]["resumed"], false, "{}", lines[0]);
    assert!(lines[0].get("checkpoint_too_far_ahead").is_none());
    let summary = lines.last().unwrap();
    assert_eq!(summary["too_far_ahead"], 1, "{summary}");
    assert_eq!(summary["late"], 0, "{summary}");
    assert_eq!(summary["accepted"], 3_000, "{summary}");
    assert!(
        summary["watermark_ms"].as_i64() < Some(T0 + 3 * WINDOW_MS),
        "{summary}"
    );
    // Minutes 0 and 1 closed, written exactly; minute 2 stays open.
    let table = count_rows(&scope);
    for (k, v) in expected_counts(3_000, 2) {
        assert_eq!(table.get(&k), Some(&v), "{k:?}");
    }
    // Each event set aside is on the dead-letter topic with its reason and its place
    // (the runs before the reset read the poison too: a re-read sets it aside again).
    let dlq = scope
        .kafka_tool(&[
            "consume",
            &format!("{}.dlq", scope.topic),
            "--timeout",
            "120",
        ])
        .ok()
        .json_lines();
    let reasons: Vec<&str> = dlq
        .iter()
        .map(|r| r["headers"]["dlq.reason"].as_str().unwrap())
        .collect();
    for word in [
        "not valid JSON",
        "no event time",
        "ahead of the clock (source.max_future)",
    ] {
        assert!(
            reasons.iter().any(|r| r.contains(word)),
            "{word}: {reasons:?}"
        );
    }
    let far = dlq
        .iter()
        .find(|r| {
            r["headers"]["dlq.reason"]
                .as_str()
                .unwrap()
                .contains("max_future")
        })
        .unwrap();
    assert_eq!(far["key"], "k0", "{far}");
    assert!(
        far["value"].as_str().unwrap().contains("9000000000000000"),
        "{far}"
    );
}

/// Open windows × groups beyond limits.open_panes: `stream run` stops with an error naming
/// the limit and how to raise it; nothing was committed past the event, and with the
/// limit raised the next run resumes and the results are exact.
#[test]
fn stream_run_stops_at_the_open_panes_limit_and_resumes_when_raised() {
    let scope = ready("stream_panes");
    let name = "panes";
    let events: String = (0..3_000).map(backlog_event).collect();
    scope
        .kafka_stdin(&["produce", &scope.topic, "--key-field", "key"], &events)
        .ok();
    let job = write_backlog_job(&scope, name, "", "limits: {open_panes: 20}\n");
    let r = scope
        .run(&["stream", "run", job.to_str().unwrap(), "-e", "-b", "100"])
        .code(1);
    assert!(
        r.stderr
            .contains("stream job `panes` holds 20 open windows × groups and an event (partition ")
            && r.stderr.contains("needs more: limits.open_panes is 20"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("limits: {open_panes: ") && r.stderr.contains("nothing was lost"),
        "{}",
        r.stderr
    );
    let job = write_backlog_job(&scope, name, "", "limits: {open_panes: 100}\n");
    let r = scope
        .run(&["-o", "json", "stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["stopped"], "end", "{summary}");
    let table = count_rows(&scope);
    let expected = expected_counts(3_000, 2);
    assert_eq!(expected.len(), 60);
    for (k, v) in expected {
        assert_eq!(table.get(&k), Some(&v), "{k:?}");
    }
}
