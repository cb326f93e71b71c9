//! Jobs over a backlog (30 keys, 60 ms apart): checkpoints that advance per partition
//! and survive kill -9, events and checkpoints far ahead of the clock, and the open
//! windows limit.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{last_progress, records, LONG, T0, WINDOW_MS};
use crate::harness::*;
use serde_json::{json, Value};

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
    // Events that are not events of the job: set aside, never late. The last two are
    // well-formed where the job reads (key, ts, amount) and broken in a member it does not
    // read (a lone surrogate, NaN): the job builds only what it reads, but checks it all.
    let ts = T0 + 2_500 * 60;
    let poison = [
        json!({"value": "not json", "partition": 0}),
        json!({"value": json!({"key": "k1", "amount": 3}).to_string(), "partition": 0}),
        json!({"value": format!(r#"{{"key":"k1","ts":{ts},"amount":3,"note":"\ud800"}}"#), "partition": 0}),
        json!({"value": format!(r#"{{"key":"k1","ts":{ts},"amount":3,"x":NaN}}"#), "partition": 0}),
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
    for broken in [r#""note":"\ud800""#, r#""x":NaN"#] {
        assert!(
            dlq.iter()
                .any(|r| r["value"].as_str().unwrap().contains(broken)
                    && r["headers"]["dlq.reason"]
                        .as_str()
                        .unwrap()
                        .contains("not valid JSON")),
            "{broken}: {dlq:?}"
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
