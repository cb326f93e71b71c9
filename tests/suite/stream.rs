//! `stream plan` and `stream eval`: job files checked with their line and column, the
//! Flink SQL printed, and the built-in window engine run over a file of events. No server.

use std::path::{Path, PathBuf};

use crate::harness::snapshot::shown;
use crate::harness::*;
use serde_json::Value;

const JOB: &str = "\
name: revenue-by-region
source: {topic: db_live_events, time: meta.created_at, watermark_delay: 5s}
where: payload.amount > 0
group_by: [payload.region]
window: {tumble: 1m}
aggregates: {orders: count, revenue: sum(payload.amount), biggest: max(payload.amount)}
emit: on_close
sinks:
  - postgres: {table: revenue_by_region}
  - kafka: {topic: revenue_by_region}
  - redis: {prefix: 'livedb:stream'}
";

fn setup(tag: &str, job: &str) -> (TestDir, PathBuf) {
    let dir = temp_dir(tag);
    let path = dir.join("job.yaml");
    std::fs::write(&path, job).unwrap();
    (dir, path)
}

fn cli(dir: &Path, args: &[&str]) -> Run {
    let mut c = livedbctl(dir);
    c.args(args);
    run(c)
}

#[test]
fn plan_prints_flink_sql_for_the_issue_example() {
    let (dir, job) = setup("plan_good", JOB);
    let r = cli(&dir, &["stream", "plan", job.to_str().unwrap()]).ok();
    for want in [
        "CREATE TABLE `revenue_by_region_source`",
        "WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5' SECOND",
        "'connector' = 'kafka'",
        "'connector' = 'jdbc'",
        "'password' = '********'",
        "'connector' = 'upsert-kafka'",
        "FROM TABLE(TUMBLE(TABLE `revenue_by_region_events`, DESCRIPTOR(`event_time`), INTERVAL '1' MINUTE))",
        "GROUP BY `window_start`, `window_end`, `region`",
        "-- not in Flink: redis:livedb:stream",
    ] {
        assert!(r.stdout.contains(want), "missing {want:?}:\n{}", r.stdout);
    }
    assert!(
        !r.stdout.contains("livedb'\n"),
        "the default password is not shown"
    );
    let v = cli(
        &dir,
        &["-o", "json", "stream", "plan", job.to_str().unwrap()],
    )
    .ok()
    .json();
    assert_eq!(v["job"], "revenue-by-region");
    let statements = v["statements"].as_array().unwrap();
    assert_eq!(statements[0], "SET 'pipeline.name' = 'revenue-by-region'");
    assert!(statements
        .last()
        .unwrap()
        .as_str()
        .unwrap()
        .starts_with("EXECUTE STATEMENT SET"));
    assert_eq!(v["unsupported_sinks"][0]["sink"], "redis:livedb:stream");
    assert!(v["notes"].is_array());
}

#[test]
fn a_broken_job_is_refused_with_every_problem_and_its_place() {
    let bad = JOB
        .replace("watermark_delay: 5s", "watermark_dealy: 5s")
        .replace("{tumble: 1m}", "{hop: 5m, every: 2m}")
        .replace("max(payload.amount)", "maxx(payload.amount)");
    let (dir, job) = setup("plan_bad", &bad);
    let r = cli(&dir, &["stream", "plan", job.to_str().unwrap()]).code(2);
    let shown = job.display().to_string();
    for want in [
        format!("{shown}: 3 problems in the stream job"),
        format!("{shown}:2:56: unknown key `watermark_dealy` in source (did you mean `watermark_delay`?"),
        format!("{shown}:5:26: window: a hop window's size (5m) must be a whole multiple of `every` (2m)"),
        format!("{shown}:6:68: aggregates.biggest: `maxx` is not an aggregate function (did you mean `max`?"),
    ] {
        assert!(r.stderr.contains(&want), "missing {want:?}:\n{}", r.stderr);
    }
    let r = cli(
        &dir,
        &["-o", "json", "stream", "plan", job.to_str().unwrap()],
    )
    .code(2);
    let err: Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert_eq!(err["error"]["kind"], "usage");

    let r = cli(&dir, &["stream", "plan", "no-such-job.yaml"]).code(2);
    assert!(
        r.stderr.contains("cannot read stream job no-such-job.yaml"),
        "{}",
        r.stderr
    );
    let (dir, job) = setup(
        "plan_where",
        &JOB.replace("payload.amount > 0", "payload.amount > > 0"),
    );
    let r = cli(&dir, &["stream", "plan", job.to_str().unwrap()]).code(2);
    assert!(
        r.stderr.contains(&format!(
            "{}:3:25: where: expected a field, number or string, found `>`",
            job.display()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn eval_runs_the_windows_over_a_file_of_events() {
    let (dir, job) = setup(
        "eval",
        &JOB.replace("{tumble: 1m}", "{tumble: 1m}\n")
            .replace("watermark_delay: 5s", "watermark_delay: 2s"),
    );
    let ev = |id: u32, t: &str, region: &str, amount: &str| {
        format!(
            "{{\"id\":{id},\"payload\":{{\"org\":\"o\",\"amount\":\"{amount}\",\"region\":\"{region}\"}},\"meta\":{{\"source\":\"kafka-producer\",\"created_at\":\"2026-11-22T04:{t}Z\"}}}}\n"
        )
    };
    let events = [
        ev(1, "00:10.000000", "us-east", "10.00"),
        ev(2, "00:50.000000", "eu-west", "1.005"),
        // Out of order, within the 2 s delay: still in [04:00, 04:01).
        ev(3, "01:01.000000", "us-east", "5.00"),
        ev(4, "00:59.500000", "us-east", "2.50"),
        // Filtered, then late (behind the watermark 04:01:59).
        ev(5, "01:30.000000", "us-east", "-1.00"),
        ev(6, "02:01.000000", "us-east", "1.00"),
        ev(7, "00:30.000000", "us-east", "100.00"),
        "not json\n".to_string(),
    ]
    .concat();
    let events_path = dir.join("events.jsonl");
    std::fs::write(&events_path, events).unwrap();
    let r = cli(
        &dir,
        &[
            "-o",
            "json",
            "stream",
            "eval",
            job.to_str().unwrap(),
            "--events",
            events_path.to_str().unwrap(),
        ],
    )
    .ok();
    let lines = r.json_lines();
    let results: Vec<&Value> = lines.iter().filter(|l| l["type"] == "result").collect();
    let us_first = results
        .iter()
        .find(|r| r["window_start"] == "2026-11-22T04:00:00.000Z" && r["region"] == "us-east")
        .unwrap();
    assert_eq!(us_first["orders"], 2);
    assert_eq!(us_first["revenue"], "12.50");
    assert_eq!(us_first["biggest"], "10.00");
    assert_eq!(us_first["kind"], "final");
    let eu = results.iter().find(|r| r["region"] == "eu-west").unwrap();
    assert_eq!(eu["revenue"], "1.01", "rounded half-up to DECIMAL(28, 2)");
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["events"], 8);
    assert_eq!(summary["late"], 1);
    assert_eq!(summary["filtered"], 1);
    assert_eq!(summary["not_json"], 1);
    assert_eq!(summary["results"], results.len());
    let shown_run = cli(
        &dir,
        &[
            "stream",
            "eval",
            job.to_str().unwrap(),
            "--events",
            events_path.to_str().unwrap(),
        ],
    )
    .ok();
    let human = &shown_run.stdout;
    assert!(
        human.contains("8 events: 5 in windows, 1 late, 1 filtered, 1 not JSON"),
        "{human}"
    );
    insta::assert_snapshot!("stream_eval", shown(&shown_run));
}

/// `ts` in epoch milliseconds, one key, one-minute windows.
const TS_JOB: &str = "\
name: guard
source: {topic: events, time: ts, time_format: epoch_millis}
group_by: [k]
window: {tumble: 1m}
aggregates: {n: count}
sinks:
  - kafka: {topic: guard_out}
";

fn eval_json(dir: &Path, job: &Path, events: &Path) -> Vec<Value> {
    cli(
        dir,
        &[
            "-o",
            "json",
            "stream",
            "eval",
            job.to_str().unwrap(),
            "--events",
            events.to_str().unwrap(),
        ],
    )
    .ok()
    .json_lines()
}

/// Issue 20: 60 good events, one at ts = 9e15 ms (the year 287,000), 70 good events gave
/// `"late":70`: the one event moved the watermark past every window to come.
#[test]
fn eval_sets_aside_an_event_far_ahead_of_the_clock_and_the_rest_count() {
    let (dir, job) = setup("eval_future", TS_JOB);
    // A minute of events a second apart, an hour ago: they end in two windows.
    let base = (chrono::Utc::now().timestamp_millis() / 60_000 - 60) * 60_000;
    let mut events = String::new();
    for i in 0..60 {
        events.push_str(&format!("{{\"k\":\"a\",\"ts\":{}}}\n", base + i * 1_000));
    }
    events.push_str("{\"k\":\"a\",\"ts\":9000000000000000}\n");
    for i in 60..130 {
        events.push_str(&format!("{{\"k\":\"a\",\"ts\":{}}}\n", base + i * 1_000));
    }
    let events_path = dir.join("events.jsonl");
    std::fs::write(&events_path, events).unwrap();

    let lines = eval_json(&dir, &job, &events_path);
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["events"], 131, "{summary}");
    assert_eq!(summary["late"], 0, "{summary}");
    assert_eq!(summary["too_far_ahead"], 1, "{summary}");
    assert_eq!(summary["accepted"], 130, "{summary}");
    assert_eq!(summary["max_event_ms"], base + 129_000, "{summary}");
    let counts: Vec<i64> = lines
        .iter()
        .filter(|l| l["type"] == "result")
        .map(|l| l["n"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [60, 60, 10], "every good event counted once");

    // `max_future: none` turns the guard off: as before, everything after it is late.
    std::fs::write(
        &job,
        TS_JOB.replace("epoch_millis}", "epoch_millis, max_future: none}"),
    )
    .unwrap();
    let summary = eval_json(&dir, &job, &events_path).pop().unwrap();
    assert_eq!(summary["late"], 70, "{summary}");
    assert_eq!(summary["too_far_ahead"], 0, "{summary}");

    // A shorter limit sets aside what is further ahead than it, human output says so.
    std::fs::write(
        &job,
        TS_JOB.replace("epoch_millis}", "epoch_millis, max_future: 30m}"),
    )
    .unwrap();
    let later = chrono::Utc::now().timestamp_millis() + 3_600_000;
    std::fs::write(
        &events_path,
        format!("{{\"k\":\"a\",\"ts\":{base}}}\n{{\"k\":\"a\",\"ts\":{later}}}\n"),
    )
    .unwrap();
    let r = cli(
        &dir,
        &[
            "stream",
            "eval",
            job.to_str().unwrap(),
            "--events",
            events_path.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        r.stdout
            .contains("2 events: 1 in windows, 0 late, 0 filtered, 0 not JSON, 0 without a time, 1 too far ahead"),
        "{}",
        r.stdout
    );
}

/// Issue 20: `window: {hop: 30d, every: 1ms}` passed validation, and `stream eval` over one
/// event reached 8 GB. Refused by every command that reads the job, at `every`.
#[test]
fn plan_eval_and_run_refuse_a_window_of_too_many_panes_with_its_place() {
    let (dir, job) = setup(
        "too_many_panes",
        &TS_JOB.replace("{tumble: 1m}", "{hop: 30d, every: 1ms}"),
    );
    let events_path = dir.join("events.jsonl");
    std::fs::write(&events_path, "{\"k\":\"a\",\"ts\":1000}\n").unwrap();
    let job_arg = job.to_str().unwrap();
    let want = format!(
        "{}:4:27: window: each event falls in 2592000000 hop windows (size / every), more than limits.panes_per_event (1000)",
        job.display()
    );
    for args in [
        vec!["stream", "plan", job_arg],
        vec![
            "stream",
            "eval",
            job_arg,
            "--events",
            events_path.to_str().unwrap(),
        ],
        vec!["stream", "run", job_arg, "-e"],
    ] {
        let r = cli(&dir, &args).code(2);
        assert!(r.stderr.contains(&want), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("make `every` larger"), "{}", r.stderr);
    }
}

/// Open windows × groups are capped (limits.open_panes): the run stops with an error that
/// names the cap and how to raise it, rather than setting events aside (which would
/// write wrong results) or taking all memory.
#[test]
fn eval_stops_at_the_open_panes_limit_naming_it() {
    let (dir, job) = setup(
        "open_panes",
        &format!("{TS_JOB}limits: {{open_panes: 5}}\n"),
    );
    let events: String = (0..10)
        .map(|i| format!("{{\"k\":\"k{i}\",\"ts\":{}}}\n", 1_000 + i))
        .collect();
    let events_path = dir.join("events.jsonl");
    std::fs::write(&events_path, events).unwrap();
    let r = cli(
        &dir,
        &[
            "stream",
            "eval",
            job.to_str().unwrap(),
            "--events",
            events_path.to_str().unwrap(),
        ],
    )
    .code(1);
    assert!(
        r.stderr.contains("line 6: the job holds 5 open windows × groups and this event needs more: limits.open_panes is 5"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("limits: {open_panes: "), "{}", r.stderr);
    // Raised, the same file runs.
    std::fs::write(&job, format!("{TS_JOB}limits: {{open_panes: 10}}\n")).unwrap();
    let summary = eval_json(&dir, &job, &events_path).pop().unwrap();
    assert_eq!(summary["accepted"], 10, "{summary}");
}
