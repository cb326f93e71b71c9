//! `stream submit | list | status | cancel` against a real Apache Flink 2.3 cluster started
//! for these tests (tests/suite/harness/flink.rs), through the SQL runner; and the same window
//! results from Flink and from `stream run` over the same events (from Kafka, on the test
//! stack).
//!
//! Flink's Python wheels carry no Kafka or JDBC connector, so the jobs read a file of
//! events and write files (`--source-file`, `--sink-dir`: the filesystem connector); the
//! statements are otherwise those `stream plan` prints.

// The harness's watchdogs are deliberately never waited for.
#![allow(clippy::zombie_processes)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::harness::flink::flink;
use crate::harness::snapshot::{redact, shown};
use crate::harness::*;
use serde_json::Value;

struct Env {
    dir: PathBuf,
    profile: PathBuf,
}

impl Env {
    fn new(tag: &str) -> Env {
        // Inside the cluster's directory, which its watchdog removes.
        let dir = flink().dir.join(tag);
        std::fs::create_dir_all(&dir).unwrap();
        let profile = flink().profile(&dir);
        Env { dir, profile }
    }
    fn run(&self, args: &[&str]) -> Run {
        let mut c = livedbctl(&self.dir);
        c.arg("--config").arg(&self.profile).args(args);
        run(c)
    }
    /// RUNNING with every operator running (slots may be busy with another test's job).
    fn wait_running(&self, name: &str) -> Value {
        let mut last = Value::Null;
        wait_for(
            &format!("every task of job {name} to run"),
            Duration::from_secs(300),
            || {
                last = self.wait_state(name, |s| s == "RUNNING");
                let vertices = last["vertices"].as_array().cloned().unwrap_or_default();
                !vertices.is_empty() && vertices.iter().all(|x| x["status"] == "RUNNING")
            },
        );
        last
    }

    /// `stream status NAME -o json` until `pred` holds for the state.
    fn wait_state(&self, name: &str, pred: impl Fn(&str) -> bool) -> Value {
        let mut found = None;
        wait_for(
            &format!("job {name} to reach the state"),
            Duration::from_secs(300),
            || {
                let r = self.run(&["-o", "json", "stream", "status", name]);
                if r.code != 0 {
                    return false;
                }
                let v = r.json();
                let state = v["state"].as_str().unwrap_or("").to_string();
                assert_ne!(
                    state,
                    "FAILED",
                    "job {name} failed: {v}\nlogs: {}",
                    flink().dir.display()
                );
                let done = pred(&state);
                if done {
                    found = Some(v);
                }
                done
            },
        );
        found.expect("wait_for returned")
    }
}

/// The seed's events (`produce poll`): fields under `payload`, time under `meta`.
/// (`TOPIC` becomes `<job name>_in`, the topic `stream run` reads.)
const SEED_SOURCE: &str = "{topic: TOPIC, time: meta.created_at, watermark_delay: 5s}";

/// A job over `source` whose fields are `<prefix>amount`, `<prefix>region`, `<prefix>org`.
fn write_job(
    dir: &Path,
    name: &str,
    source: &str,
    prefix: &str,
    filter: &str,
    window: &str,
) -> PathBuf {
    let p = dir.join(format!("{name}.yaml"));
    let f = |s: &str| format!("{prefix}{s}");
    std::fs::write(
        &p,
        format!(
            "name: {name}\n\
             source: {source}\n\
             where: {filter}\n\
             group_by: [{region}]\n\
             window: {window}\n\
             aggregates: {{orders: count, revenue: sum({amount}), biggest: max({amount}), \
             smallest: min({amount}), mean: avg({amount}), orgs: count_distinct({org})}}\n\
             sinks:\n  - kafka: {{topic: {name}_out}}\n  - redis: {{}}\n",
            source = source.replace("TOPIC", &format!("{name}_in")),
            region = f("region"),
            amount = f("amount"),
            org = f("org"),
        ),
    )
    .unwrap();
    p
}

#[test]
fn submit_list_status_and_cancel_through_the_sql_runner() {
    let env = Env::new("flink_lifecycle");
    // A directory source is watched for new files, so the job keeps running.
    let input = env.dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.jsonl"), events(50, 1)).unwrap();
    let out = env.dir.join("out");
    let job = write_job(
        &env.dir,
        "lifecycle",
        SEED_SOURCE,
        "payload.",
        "payload.amount > 0",
        "{tumble: 1m}",
    );
    let (job_s, input_s, out_s) = (
        job.to_str().unwrap(),
        input.to_str().unwrap(),
        out.to_str().unwrap(),
    );

    let r = env
        .run(&[
            "-o",
            "json",
            "stream",
            "submit",
            job_s,
            "--source-file",
            input_s,
            "--sink-dir",
            out_s,
        ])
        .ok();
    let submitted = r.json();
    assert_eq!(submitted["via"], "sql-runner");
    assert_eq!(submitted["job"], "lifecycle");
    let id = submitted["job_id"].as_str().unwrap().to_string();
    assert!(
        r.stderr.contains("redis:livedb:stream"),
        "the Redis sink is named: {}",
        r.stderr
    );

    let status = env.wait_running("lifecycle");
    assert_eq!(status["jid"], id.as_str());
    assert!(
        !status["vertices"].as_array().unwrap().is_empty(),
        "{status}"
    );
    // Flink's own view, without livedbctl.
    let overview = flink().get("/jobs/overview").unwrap();
    assert!(
        overview.contains(&id) && overview.contains("\"name\":\"lifecycle\""),
        "{overview}"
    );

    // The dashboard's sampler lists it too (one snapshot of `top -o json`, against the test
    // stack with this cluster named in the profile), with Flink's own task counts.
    let scope = stack().scope("flink_dashboard");
    let mut profile = std::fs::read_to_string(&scope.profile).unwrap();
    profile.push_str(&format!("flink:\n  url: {}\n", flink().url()));
    std::fs::write(&scope.profile, profile).unwrap();
    let mut listed = Value::Null;
    wait_for(
        "the Flink job in the dashboard's snapshot",
        Duration::from_secs(300),
        || {
            let s = scope
                .run(&["-o", "json", "top", "--interval", "300ms"])
                .ok()
                .json();
            assert_eq!(s["postgres"]["up"], true, "{}", s["postgres"]);
            let found = s["stream_jobs"].as_array().and_then(|jobs| {
                jobs.iter()
                    .find(|j| j["engine"] == "flink" && j["name"] == "lifecycle")
                    .cloned()
            });
            match found {
                Some(j) if j["state"] == "RUNNING" && s["flink"]["up"] == true => {
                    listed = j;
                    true
                }
                _ => false,
            }
        },
    );
    assert_eq!(listed["flink"]["jid"], id.as_str(), "{listed}");
    assert_eq!(listed["running"], true);
    assert!(listed["started_at_ms"].as_i64().unwrap() > 0, "{listed}");
    let total = listed["flink"]["tasks"]["total"].as_i64().unwrap();
    assert!(total >= 1, "{listed}");
    // The same count in Flink's own answer (plain HTTP, no livedbctl).
    let overview: Value = serde_json::from_str(&flink().get("/jobs/overview").unwrap()).unwrap();
    let theirs = overview["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["jid"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(theirs["tasks"]["total"].as_i64(), Some(total), "{theirs}");

    let list = env.run(&["-o", "json", "stream", "list"]).ok().json();
    let mine: Vec<&Value> = list["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["jid"] == id.as_str())
        .collect();
    assert_eq!(mine.len(), 1, "{list}");
    assert_eq!(mine[0]["name"], "lifecycle");
    let human = env.run(&["stream", "list"]).ok().stdout;
    assert!(
        human.contains("lifecycle") && human.contains("RUNNING"),
        "{human}"
    );
    // The cluster runs the other test's jobs too: the header and this job's row.
    let listed: Vec<&str> = human
        .lines()
        .filter(|l| !l.starts_with('│') || l.contains(" name ") || l.contains(&id))
        .collect();
    insta::assert_snapshot!("stream_list", redact(&listed.join("\n")));
    insta::assert_snapshot!(
        "stream_status",
        shown(&env.run(&["stream", "status", "lifecycle"]).ok())
    );

    // A second copy of a running job is refused.
    let again = env
        .run(&[
            "stream",
            "submit",
            job_s,
            "--source-file",
            input_s,
            "--sink-dir",
            out_s,
        ])
        .code(1);
    assert!(again.stderr.contains("already RUNNING"), "{}", again.stderr);
    insta::assert_snapshot!("stream_submit_already_running", shown(&again));

    let r = env
        .run(&["-o", "json", "stream", "cancel", "lifecycle"])
        .ok();
    assert_eq!(r.json()["state"], "CANCELED");
    let detail = flink().get(&format!("/jobs/{id}")).unwrap();
    assert!(detail.contains("\"state\":\"CANCELED\""), "{detail}");
    let r = env.run(&["stream", "cancel", "lifecycle"]).code(2);
    assert!(r.stderr.contains("already CANCELED"), "{}", r.stderr);
    insta::assert_snapshot!("stream_cancel_already_canceled", shown(&r));
    let r = env.run(&["stream", "status", "no-such-job"]).code(1);
    assert!(
        r.stderr.contains("no Flink job named `no-such-job`"),
        "{}",
        r.stderr
    );

    // Stop with a savepoint: the job ends FINISHED and the savepoint is on disk.
    let r = env
        .run(&[
            "-o",
            "json",
            "stream",
            "submit",
            job_s,
            "--source-file",
            input_s,
            "--sink-dir",
            out_s,
        ])
        .ok();
    let id2 = r.json()["job_id"].as_str().unwrap().to_string();
    assert_ne!(id2, id);
    env.wait_running("lifecycle");
    let sp_dir = env.dir.join("savepoints");
    let target = format!("file://{}", sp_dir.display());
    let r = env
        .run(&[
            "-o",
            "json",
            "stream",
            "cancel",
            "lifecycle",
            "--savepoint",
            &target,
        ])
        .ok();
    let v = r.json();
    assert_eq!(v["job_id"], id2.as_str());
    assert_eq!(v["state"], "FINISHED");
    let location = v["savepoint"].as_str().unwrap();
    let path = location.strip_prefix("file:").unwrap_or(location);
    assert!(
        Path::new(path).join("_metadata").is_file(),
        "no savepoint at {location}"
    );

    // What a user sees of a submission and a cancel.
    let r = env
        .run(&[
            "stream",
            "submit",
            job_s,
            "--source-file",
            input_s,
            "--sink-dir",
            out_s,
        ])
        .ok();
    insta::assert_snapshot!("stream_submit", shown(&r));
    env.wait_running("lifecycle");
    let r = env.run(&["stream", "cancel", "lifecycle"]).ok();
    insta::assert_snapshot!("stream_cancel", shown(&r));
}

/// 2026-11-18T11:06:40Z, the first event's time.
const BASE_MS: i64 = 1_795_000_000_000;

/// Seeded events like `produce poll` writes: out of order within the watermark delay,
/// some filtered (amount <= 0), some with a bad amount, a missing region or no time, and
/// amounts with a third decimal that DECIMAL(28, 2) rounds.
fn events(n: usize, seed: u64) -> String {
    let mut state = seed;
    let mut rand = move |m: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % m
    };
    let base = BASE_MS;
    let mut out = String::new();
    for i in 0..n {
        let t = base + i as i64 * 1_300 - rand(3_500) as i64;
        let when = time_text(t, rand(3) as usize);
        let region = match rand(10) {
            0 => Value::Null,
            1..=4 => Value::from("us-east"),
            5..=7 => Value::from("eu-west"),
            _ => Value::from("ap-south"),
        };
        let amount = match rand(25) {
            0 => Value::from("-3.50"),
            1 => Value::from("abc"),
            2 => Value::from(format!("{}.{:03}", rand(100), rand(1000))),
            3 => Value::from(rand(50) as i64),
            _ => Value::from(format!("{}.{:02}", rand(2000), rand(100))),
        };
        let meta = if rand(40) == 0 {
            serde_json::json!({"source": "kafka-producer", "created_at": null})
        } else {
            serde_json::json!({"source": "kafka-producer", "created_at": when})
        };
        let ev = serde_json::json!({
            "id": i,
            "payload": {"org": format!("org-{}", rand(7)), "amount": amount, "region": region},
            "meta": meta,
        });
        out.push_str(&ev.to_string());
        out.push('\n');
        if rand(60) == 0 {
            out.push_str("not json\n");
        }
    }
    out
}

/// The same events as Debezium change events (JSON converter, no schemas): the row in
/// `after` (in `before` for deletes), the event time as `ts_ms`, some deleted.
fn as_debezium(events: &str, seed: u64) -> String {
    let mut state = seed;
    let mut out = String::new();
    for line in events.lines() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let mut row = v["payload"].clone();
        row["id"] = v["id"].clone();
        let ts = v["meta"]["created_at"]
            .as_str()
            .map(|t| Value::from(parse_ms(t)))
            .unwrap_or(Value::Null);
        let op = ["c", "u", "r", "d"][((state >> 33) % 4) as usize];
        let (before, after) = if op == "d" {
            (row, Value::Null)
        } else {
            (Value::Null, row)
        };
        let env = serde_json::json!({
            "before": before, "after": after, "op": op, "ts_ms": ts, "transaction": null,
            "source": {"connector": "postgresql", "table": "livedb"},
        });
        out.push_str(&env.to_string());
        out.push('\n');
    }
    out
}

/// Milliseconds of `YYYY-MM-DDTHH:MM:SS[.f]Z` (only what `time_text` writes).
fn parse_ms(t: &str) -> i64 {
    let n = |a: usize, b: usize| t[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    let days = days_from_civil(y, m, d);
    let secs = days * 86_400 + n(11, 13) * 3600 + n(14, 16) * 60 + n(17, 19);
    let frac = t[19..].trim_end_matches('Z').trim_start_matches('.');
    let ms = if frac.is_empty() {
        0
    } else {
        frac[..3].parse::<i64>().unwrap()
    };
    secs * 1000 + ms
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// RFC 3339 UTC with 6, 3 or no fraction digits.
fn time_text(ms: i64, style: usize) -> String {
    let secs = ms.div_euclid(1000);
    let milli = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil(days);
    let base = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    match style {
        0 => format!("{base}.{milli:03}{:03}Z", milli % 7 * 111),
        1 => format!("{base}.{milli:03}Z"),
        _ => format!("{base}Z"),
    }
}

/// Days since 1970 to a date (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Window results of `stream run` over `events`: produced in file order to a topic of one
/// partition (by kafka-python), the job run to the end of it, and its Kafka sink read
/// back (the latest value of each key; a tombstone deletes it), as JSON rows.
fn engine_rows(scope: &Scope, job: &Path, name: &str, events: &Path) -> Vec<String> {
    let (input, output) = (format!("{name}_in"), format!("{name}_out"));
    for topic in [&input, &output] {
        scope.run(&["topic", "create", topic, "-p", "1"]).ok();
    }
    let lines = std::fs::read_to_string(events).unwrap();
    scope.kafka_stdin(&["produce", &input], &lines).ok();
    let r = scope
        .run(&["-o", "json", "stream", "run", job.to_str().unwrap(), "-e"])
        .ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["stopped"], "end", "{summary}");
    let consumed = scope
        .kafka_tool(&["consume", &output, "--timeout", "60"])
        .ok()
        .stdout;
    let mut latest: BTreeMap<String, Option<String>> = BTreeMap::new();
    for line in consumed.lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let row = rec["value"].as_str().map(|v| {
            let v: Value = serde_json::from_str(v).unwrap();
            serde_json::to_string(&canonical(&v)).unwrap()
        });
        latest.insert(rec["key"].as_str().unwrap().to_string(), row);
    }
    let mut rows: Vec<String> = latest.into_values().flatten().collect();
    rows.sort();
    rows
}

/// An event after all others (filtered out by every job here, amount 0): its time moves
/// the watermark past every window, as the end of the file does for Flink, so `stream
/// run` closes the same windows.
fn end_marker(after_ms: i64) -> String {
    let ev = serde_json::json!({
        "id": -1,
        "payload": {"org": "end", "amount": "0", "region": "end"},
        "meta": {"source": "kafka-producer", "created_at": time_text(after_ms + 3_600_000, 1)},
    });
    format!("{ev}\n")
}

/// A row with its columns in name order, so rows compare as text.
fn canonical(v: &Value) -> BTreeMap<String, Value> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The same job on Flink, source and sinks swapped for files.
fn flink_rows(env: &Env, job: &Path, name: &str, events: &Path) -> Vec<String> {
    let out = env.dir.join(format!("{name}-out"));
    env.run(&[
        "stream",
        "submit",
        job.to_str().unwrap(),
        "--source-file",
        events.to_str().unwrap(),
        "--sink-dir",
        out.to_str().unwrap(),
    ])
    .ok();
    env.wait_state(name, |s| s == "FINISHED");
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(out.join("sink_1")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // an in-progress part file
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap();
            rows.push(serde_json::to_string(&canonical(&v)).unwrap());
        }
    }
    rows.sort();
    rows
}

#[test]
fn flink_and_the_built_in_engine_compute_the_same_windows() {
    let env = Env::new("flink_same");
    let scope = stack().scope("stream_flink_same");
    let seeded = events(900, 42) + &end_marker(BASE_MS + 900 * 1_300);
    let events_path = env.dir.join("events.jsonl");
    std::fs::write(&events_path, &seeded).unwrap();
    let debezium_path = env.dir.join("debezium.jsonl");
    std::fs::write(&debezium_path, as_debezium(&seeded, 43)).unwrap();
    let debezium_source = "{topic: TOPIC, time: __ts_ms, time_format: epoch_millis, \
                           watermark_delay: 5s, envelope: debezium}";
    for (name, source, prefix, filter, window, input) in [
        (
            "same-tumble",
            SEED_SOURCE,
            "payload.",
            // SQL's three-valued logic: a null region is unknown for `!=`, true for `= null`.
            "payload.amount > 0 and (payload.region != 'ap-south' or payload.region = null) and not payload.org = 'org-6'",
            "{tumble: 1m}",
            &events_path,
        ),
        ("same-hop", SEED_SOURCE, "payload.", "payload.amount > 0", "{hop: 3m, every: 1m}", &events_path),
        // A gap in milliseconds: the plan writes INTERVAL '2.500' SECOND(9, 3).
        ("same-session", SEED_SOURCE, "payload.", "payload.amount > 0", "{session: 2500ms}", &events_path),
        ("same-debezium", debezium_source, "", "__op != 'd' and amount >= 1", "{tumble: 1m}", &debezium_path),
    ] {
        let job = write_job(&env.dir, name, source, prefix, filter, window);
        let events_path = input;
        let ours = engine_rows(&scope, &job, name, events_path);
        let theirs = flink_rows(&env, &job, name, events_path);
        assert!(
            ours.len() > 10,
            "{name}: too few windows to compare: {ours:?}"
        );
        let only_ours: Vec<&String> = ours.iter().filter(|r| !theirs.contains(r)).collect();
        let only_theirs: Vec<&String> = theirs.iter().filter(|r| !ours.contains(r)).collect();
        assert!(
            only_ours.is_empty() && only_theirs.is_empty(),
            "{name}: {} rows ours, {} Flink's\nonly ours: {:#?}\nonly Flink's: {:#?}",
            ours.len(),
            theirs.len(),
            &only_ours[..only_ours.len().min(5)],
            &only_theirs[..only_theirs.len().min(5)]
        );
    }
}
