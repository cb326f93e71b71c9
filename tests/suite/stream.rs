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

fn setup(tag: &str, job: &str) -> (PathBuf, PathBuf) {
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
