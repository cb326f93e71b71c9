//! `consume tail` against the real broker (tansu), over records written by an independent
//! client (kafka-python): exact counts and contents for each way of choosing offsets,
//! group commits seen by that client, binary payloads, headers and Debezium envelopes.

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::harness::*;
use serde_json::{json, Value};

/// A one-partition topic holding `n` records: key `k<i>`, value `{"n": i}`, timestamp
/// `T0 + i seconds`.
const T0: i64 = 1_700_000_000_000;

fn numbered_topic(scope: &Scope, topic: &str, n: usize) {
    scope.run(&["topic", "create", topic, "-p", "1"]).ok();
    let lines: Vec<String> = (0..n)
        .map(|i| {
            json!({"key": format!("k{i}"), "value": json!({"n": i}).to_string(), "timestamp": T0 + i as i64 * 1000})
                .to_string()
        })
        .collect();
    scope.produce_raw(topic, &lines);
}

fn tail_json(scope: &Scope, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["-o", "json", "consume", "tail"];
    all.extend_from_slice(args);
    scope.run(&all).ok().json_lines()
}

fn offsets(records: &[Value]) -> Vec<i64> {
    records
        .iter()
        .map(|r| r["offset"].as_i64().unwrap())
        .collect()
}

#[test]
fn offsets_start_end_relative_and_ranges() {
    let scope = stack().scope("tail_offsets");
    let t = "tail_offsets_t";
    numbered_topic(&scope, t, 10);

    let all = tail_json(&scope, &[t, "--from", "start", "-e"]);
    assert_eq!(offsets(&all), (0..10).collect::<Vec<_>>());
    for (i, r) in all.iter().enumerate() {
        assert_eq!(r["topic"], t);
        assert_eq!(r["partition"], 0);
        assert_eq!(r["key"], format!("k{i}"));
        assert_eq!(r["value"], json!({"n": i}), "a JSON payload stays JSON");
        assert_eq!(r["value_encoding"], "json");
        assert_eq!(r["timestamp"], T0 + i as i64 * 1000);
    }

    assert_eq!(
        offsets(&tail_json(&scope, &[t, "--from", "-3", "-e"])),
        [7, 8, 9]
    );
    assert_eq!(
        offsets(&tail_json(&scope, &[t, "--from", "+8", "-e"])),
        [8, 9]
    );
    assert_eq!(
        offsets(&tail_json(&scope, &[t, "--from", "4", "-n", "2"])),
        [4, 5]
    );
    // Ranges end by themselves, the upper bound excluded.
    assert_eq!(
        offsets(&tail_json(&scope, &[t, "--from", "2:5"])),
        [2, 3, 4]
    );
    assert_eq!(
        offsets(&tail_json(&scope, &[t, "--from", ":end"])).len(),
        10
    );
    assert_eq!(
        offsets(&tail_json(&scope, &[t, "--from", "-2:end"])),
        [8, 9]
    );
    let pretty = scope
        .run(&["consume", "tail", t, "--from", "3", "-n", "1", "--pretty"])
        .ok()
        .stdout;
    assert!(
        pretty.contains("0/3  k3") && pretty.contains("{\n  \"n\": 3\n}"),
        "{pretty}"
    );
    // The default start is the end: with -e there is nothing to print.
    assert!(tail_json(&scope, &[t, "-e"]).is_empty());
}

#[test]
fn timestamps_absolute_rfc3339_and_ranges() {
    let scope = stack().scope("tail_time");
    let t = "tail_time_t";
    numbered_topic(&scope, t, 8);
    let at = |i: i64| format!("@{}", T0 + i * 1000);

    assert_eq!(
        offsets(&tail_json(&scope, &[t, "--from", &at(5), "-e"])),
        [5, 6, 7]
    );
    // Between two records: starts at the first one at or after the time.
    assert_eq!(
        offsets(&tail_json(
            &scope,
            &[t, "--from", &format!("@{}", T0 + 5500), "-e"]
        )),
        [6, 7]
    );
    // T0 is 2023-11-14T22:13:20Z.
    assert_eq!(
        offsets(&tail_json(
            &scope,
            &[t, "--from", "@2023-11-14T22:13:26Z", "-e"]
        )),
        [6, 7]
    );
    assert_eq!(
        offsets(&tail_json(
            &scope,
            &[t, "--from", &format!("{}:{}", at(2), at(5))]
        )),
        [2, 3, 4]
    );
    assert_eq!(
        offsets(&tail_json(
            &scope,
            &[t, "--from", "@2023-11-14T22:13:21Z:@2023-11-14T22:13:23Z"]
        )),
        [1, 2]
    );
    // Records stamped in 2023 are all older than ten minutes ago.
    assert!(tail_json(&scope, &[t, "--from", "@-10m", "-e"]).is_empty());
}

#[test]
fn partitions_filter_and_per_partition_tail() {
    let scope = stack().scope("tail_parts");
    scope.run(&["topic", "create"]).ok(); // the profile's topic: 3 partitions
    let t = scope.topic.as_str();
    let lines: Vec<String> = (0..9)
        .map(|i| {
            json!({"key": format!("k{i}"), "value": format!("v{i}"), "partition": i % 3})
                .to_string()
        })
        .collect();
    scope.produce_raw(t, &lines);

    let p1 = tail_json(&scope, &[t, "--from", "start", "-e", "-p", "1"]);
    let keys: Vec<&str> = p1.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["k1", "k4", "k7"]);
    assert!(p1
        .iter()
        .all(|r| r["partition"] == 1 && r["value_encoding"] == "text"));

    // -N is per partition, as in kcat.
    let last = tail_json(&scope, &[t, "--from", "-1", "-e"]);
    let mut keys: Vec<&str> = last.iter().map(|r| r["key"].as_str().unwrap()).collect();
    keys.sort();
    assert_eq!(keys, ["k6", "k7", "k8"]);

    let grep = tail_json(&scope, &[t, "--from", "start", "-e", "--grep", "^v[25]$"]);
    let mut vals: Vec<&str> = grep.iter().map(|r| r["value"].as_str().unwrap()).collect();
    vals.sort();
    assert_eq!(vals, ["v2", "v5"]);

    // Several topics at once; human lines then name the topic.
    let other = "tail_parts_other";
    scope.run(&["topic", "create", other]).ok();
    scope.produce_raw(other, &[json!({"key": "o1", "value": "w1"}).to_string()]);
    let both = tail_json(&scope, &[t, other, "--from", "start", "-e"]);
    assert_eq!(both.len(), 10);
    assert_eq!(both.iter().filter(|r| r["topic"] == other).count(), 1);
    let human = scope
        .run(&["consume", "tail", t, other, "--from", "start", "-e"])
        .ok()
        .stdout;
    assert!(human.contains(&format!("{other}:0/0  o1  w1")), "{human}");

    let tpl = scope
        .run(&[
            "consume",
            "tail",
            t,
            "--from",
            "start",
            "-e",
            "-p",
            "2",
            "-f",
            "%t|%p|%o|%k|%v",
        ])
        .ok();
    assert_eq!(
        tpl.stdout,
        format!("{t}|2|0|k2|v2\n{t}|2|1|k5|v5\n{t}|2|2|k8|v8\n")
    );
}

#[test]
fn binary_payloads_and_headers_survive() {
    let scope = stack().scope("tail_binary");
    let t = "tail_binary_t";
    scope.run(&["topic", "create", t]).ok();
    // 0xff 0x00 0x80 0x7f is not UTF-8.
    scope.produce_raw(t,
        &[
            json!({"key_b64": "/wCAfw==", "value_b64": "AAGA/w==", "headers": {"trace": "abc", "tenant": "t1"}})
                .to_string(),
            json!({"key": "7", "value": null}).to_string(),
        ],
    );
    let recs = tail_json(&scope, &[t, "--from", "start", "-e"]);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["key"], "/wCAfw==");
    assert_eq!(recs[0]["key_encoding"], "base64");
    assert_eq!(recs[0]["value"], "AAGA/w==");
    assert_eq!(recs[0]["value_encoding"], "base64");
    let headers = recs[0]["headers"].as_array().unwrap();
    assert!(
        headers.contains(&json!({"key": "trace", "value": "abc", "value_encoding": "text"})),
        "{headers:?}"
    );
    assert!(
        headers.contains(&json!({"key": "tenant", "value": "t1", "value_encoding": "text"})),
        "{headers:?}"
    );
    // A key "7" stays the text "7"; a null value (tombstone) stays null.
    assert_eq!(recs[1]["key"], "7");
    assert_eq!(recs[1]["value"], Value::Null);
    assert_eq!(recs[1]["value_encoding"], Value::Null);

    let human = scope
        .run(&["consume", "tail", t, "--from", "start", "-e"])
        .ok()
        .stdout;
    assert!(human.contains("base64:AAGA/w=="), "{human}");
    assert!(human.contains("(null)"), "{human}");
    let h = scope
        .run(&["consume", "tail", t, "--from", "0", "-n", "1", "-f", "%h"])
        .ok()
        .stdout;
    assert!(h.contains("trace=abc") && h.contains("tenant=t1"), "{h}");
}

#[test]
fn debezium_envelopes_are_shown_as_changes() {
    let scope = stack().scope("tail_cdc");
    let t = "db.public.livedb";
    scope.run(&["topic", "create", t]).ok();
    let source = json!({"version": "2.7", "connector": "postgresql", "name": "db", "ts_ms": 1700000000123i64, "db": "livedb", "schema": "public", "table": "livedb"});
    let update = json!({"before": {"id": 7, "name": "a", "qty": 1}, "after": {"id": 7, "name": "b", "qty": 1}, "source": source, "op": "u", "ts_ms": 1700000000200i64});
    let insert = json!({"schema": {"type": "struct"}, "payload": {"before": null, "after": {"id": 8, "name": "c"}, "source": source, "op": "c", "ts_ms": 1}});
    scope.produce_raw(
        t,
        &[
            json!({"key": json!({"id": 7}).to_string(), "value": update.to_string()}).to_string(),
            json!({"key": json!({"id": 8}).to_string(), "value": insert.to_string()}).to_string(),
            json!({"key": "plain", "value": json!({"op": "u", "after": {}}).to_string()})
                .to_string(),
        ],
    );
    let recs = tail_json(&scope, &[t, "--from", "start", "-e"]);
    assert_eq!(recs.len(), 3);
    let c = &recs[0]["change"];
    assert_eq!(c["op"], "update", "{c}");
    assert_eq!(c["table"], "public.livedb");
    assert_eq!(c["key"], json!({"id": 7}));
    assert_eq!(
        c["columns"],
        json!([{"name": "name", "before": "a", "after": "b"}])
    );
    assert_eq!(c["ts_ms"], 1700000000123i64);
    assert_eq!(recs[0]["value"], update, "the envelope itself is kept");
    assert_eq!(recs[1]["change"]["op"], "insert");
    assert_eq!(recs[1]["change"]["columns"].as_array().unwrap().len(), 2);
    assert!(
        recs[2].get("change").is_none(),
        "no `source`: not an envelope: {}",
        recs[2]
    );

    let human = scope
        .run(&["consume", "tail", t, "--from", "start", "-e"])
        .ok()
        .stdout;
    let lines: Vec<&str> = human.lines().collect();
    assert!(
        lines[0].contains("UPDATE public.livedb id=7") && lines[0].contains(r#"name: "a" -> "b""#),
        "{human}"
    );
    assert!(
        !lines[0].contains("qty"),
        "unchanged columns are not shown: {human}"
    );
    assert!(
        lines[1].contains("INSERT public.livedb id=8") && lines[1].contains(r#"name="c""#),
        "{human}"
    );
}

#[test]
fn group_commits_what_was_printed() {
    let scope = stack().scope("tail_group");
    let t = "tail_group_t";
    numbered_topic(&scope, t, 10);

    let first = tail_json(
        &scope,
        &[t, "--group", "tail_g", "--from", "start", "-n", "4"],
    );
    assert_eq!(offsets(&first), [0, 1, 2, 3]);
    assert_eq!(
        scope
            .kafka_tool(&["committed", t, "--group", "tail_g"])
            .ok()
            .json(),
        json!({"0": 4})
    );

    // Without --from the group resumes where it stopped.
    let rest = tail_json(&scope, &[t, "--group", "tail_g", "-e"]);
    assert_eq!(offsets(&rest), (4..10).collect::<Vec<_>>());
    assert_eq!(
        scope
            .kafka_tool(&["committed", t, "--group", "tail_g"])
            .ok()
            .json(),
        json!({"0": 10})
    );

    // Without --group nothing is committed anywhere.
    tail_json(&scope, &[t, "--from", "start", "-e"]);
    assert_eq!(
        scope
            .kafka_tool(&["committed", t, "--group", "tail_g"])
            .ok()
            .json(),
        json!({"0": 10})
    );
}

/// Lines of a child's stdout, read on a thread so a broken feature cannot hang the test.
fn line_reader(stdout: std::process::ChildStdout) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

#[test]
fn follows_new_records_and_commits_on_ctrl_c() {
    let scope = stack().scope("tail_follow");
    let t = "tail_follow_t";
    numbered_topic(&scope, t, 2);

    let mut child = scope
        .cmd(&[
            "-o",
            "json",
            "consume",
            "tail",
            t,
            "--group",
            "tail_follow_g",
            "--from",
            "start",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = line_reader(child.stdout.take().unwrap());
    let wait = Duration::from_secs(60);
    for i in 0..2 {
        let l: Value =
            serde_json::from_str(&lines.recv_timeout(wait).expect("existing record")).unwrap();
        assert_eq!(l["offset"], i);
    }
    // Written after tail started: it must still arrive.
    scope.produce_raw(t, &[json!({"key": "late", "value": "arrived"}).to_string()]);
    let l: Value = serde_json::from_str(
        &lines
            .recv_timeout(wait)
            .expect("record produced while following"),
    )
    .unwrap();
    assert_eq!(
        (l["offset"].as_i64(), l["value"].as_str()),
        (Some(2), Some("arrived"))
    );

    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "Ctrl-C ends cleanly: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        scope
            .kafka_tool(&["committed", t, "--group", "tail_follow_g"])
            .ok()
            .json(),
        json!({"0": 3})
    );
}

#[test]
fn a_closed_pipe_is_a_normal_end() {
    let scope = stack().scope("tail_pipe");
    let t = "tail_pipe_t";
    numbered_topic(&scope, t, 3000);
    let mut child = scope
        .cmd(&["consume", "tail", t, "--from", "start"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn bad_offsets_and_unknown_topics_are_clear_errors() {
    let scope = stack().scope("tail_errors");
    let t = "tail_errors_t";
    scope.run(&["topic", "create", t, "-p", "3"]).ok();
    for bad in ["abc", "@notatime", "1:2:3", "@-10parsecs", "--5"] {
        let r = scope.run(&["consume", "tail", t, "--from", bad]).code(2);
        assert!(
            r.stderr.contains("--from") && r.stderr.contains(bad.trim_start_matches('@')),
            "{bad}: {}",
            r.stderr
        );
    }
    scope.run(&["consume", "tail", t, "-n", "0"]).code(2);
    scope
        .run(&["-o", "json", "consume", "tail", t, "-f", "%v"])
        .code(2);
    scope.run(&["consume", "tail", t, "--grep", "("]).code(2);

    let r = scope
        .run(&["-o", "json", "consume", "tail", "tail_errors_missing", "-e"])
        .code(1);
    assert!(
        r.stderr.contains("tail_errors_missing") && r.stderr.contains("UnknownTopicOrPartition"),
        "{}",
        r.stderr
    );
    let r = scope.run(&["consume", "tail", t, "-p", "7", "-e"]).code(1);
    assert!(r.stderr.contains("no partition 7"), "{}", r.stderr);
}

/// Partition -> records as the independent client reads them, in offset order, without the
/// topic and offset (which differ between a topic and its copy).
fn by_partition(records: Vec<Value>) -> std::collections::BTreeMap<i64, Vec<Value>> {
    let mut out: std::collections::BTreeMap<i64, Vec<Value>> = Default::default();
    for mut r in records {
        let p = r["partition"].as_i64().unwrap();
        let o = r.as_object_mut().unwrap();
        o.remove("topic");
        o.remove("offset");
        out.entry(p).or_default().push(r);
    }
    out
}

#[test]
fn tail_json_into_produce_send_copies_a_topic_record_for_record() {
    let scope = stack().scope("tail_copy");
    let (a, b) = ("tail_copy_a", "tail_copy_b");
    scope.run(&["topic", "create", a, "-p", "3"]).ok();
    scope.run(&["topic", "create", b, "-p", "3"]).ok();
    let t0 = 1_700_000_000_000i64;
    let lines: Vec<String> = vec![
        json!({"partition": 0, "key": "k1", "value": r#"{"id": 1, "amount": 1.50}"#, "headers": {"trace": "abc", "tenant": "t1"}, "timestamp": t0}),
        json!({"partition": 0, "key": "k2", "value": r#"{"id":2}"#, "timestamp": t0 + 1}),
        json!({"partition": 1, "key_b64": "/wCAfw==", "value_b64": "AAGA/w==", "headers": {"bin": "yes"}, "timestamp": t0 + 2}),
        json!({"partition": 1, "key": "k1", "value": null, "timestamp": t0 + 3}),
        json!({"partition": 2, "key": null, "value": "plain text", "timestamp": t0 + 4}),
        json!({"partition": 2, "key": "7", "value": "[1, 2,  3]", "timestamp": t0 + 5}),
        json!({"partition": 2, "key": "{\"k\": 1}", "value": "", "timestamp": t0 + 6}),
    ]
    .into_iter()
    .map(|v| v.to_string())
    .collect();
    scope.produce_raw(a, &lines);

    let dump = scope
        .run(&["-o", "json", "consume", "tail", a, "--from", "start", "-e"])
        .ok()
        .stdout;
    assert_eq!(dump.lines().count(), lines.len(), "{dump}");
    let sent = scope
        .run_stdin(
            &["-o", "json", "produce", "send", b, "--from-tail-json"],
            &dump,
        )
        .ok()
        .json();
    assert_eq!(
        (&sent["delivered"], &sent["tombstones"], &sent["failed"]),
        (&json!(lines.len()), &json!(1), &json!(0)),
        "{sent}"
    );

    let from_a = by_partition(scope.kafka_tool(&["consume", a]).ok().json_lines());
    let from_b = by_partition(scope.kafka_tool(&["consume", b]).ok().json_lines());
    assert_eq!(from_a.values().map(Vec::len).sum::<usize>(), lines.len());
    assert_eq!(from_a, from_b);
    // Spot checks that the comparison saw what matters.
    assert_eq!(from_b[&1][0]["value_b64"], "AAGA/w==");
    assert_eq!(from_b[&1][1]["value"], Value::Null);
    assert_eq!(from_b[&0][0]["value"], r#"{"id": 1, "amount": 1.50}"#);
    assert_eq!(
        from_b[&0][0]["headers"],
        json!({"trace": "abc", "tenant": "t1"})
    );

    // A line that is not a tail record is reported by number; the rest still go.
    let mut bad = dump.lines().take(2).map(str::to_string).collect::<Vec<_>>();
    bad.insert(1, r#"{"id": 1}"#.into());
    let r = scope
        .run_stdin(
            &["-o", "json", "produce", "send", b, "--from-tail-json"],
            &(bad.join("\n") + "\n"),
        )
        .code(1)
        .json();
    assert_eq!(
        (&r["delivered"], &r["failed"]),
        (&json!(2), &json!(1)),
        "{r}"
    );
    assert_eq!(r["failures"][0]["line"], 2);
}

#[test]
fn regex_tail_follows_topics_created_after_it_started() {
    let scope = stack().scope("tail_regex");
    scope
        .run(&["topic", "create", "rxdb.public.orders", "-p", "1"])
        .ok();
    scope.produce_raw(
        "rxdb.public.orders",
        &[json!({"key": "o1", "value": "first"}).to_string()],
    );
    let mut child = scope
        .cmd(&[
            "-o",
            "json",
            "consume",
            "tail",
            "-r",
            r"rxdb\.public\..*",
            "--from",
            "start",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = line_reader(child.stdout.take().unwrap());
    let wait = Duration::from_secs(60);
    let first: Value =
        serde_json::from_str(&lines.recv_timeout(wait).expect("existing record")).unwrap();
    assert_eq!(
        (first["topic"].as_str(), first["value"].as_str()),
        (Some("rxdb.public.orders"), Some("first"))
    );

    // Created and written after the tail started: one that does not match (written first),
    // one that does.
    scope
        .run(&["topic", "create", "rxdb.private.secrets", "-p", "1"])
        .ok();
    scope.produce_raw(
        "rxdb.private.secrets",
        &[json!({"key": "s", "value": "hidden"}).to_string()],
    );
    scope
        .run(&["topic", "create", "rxdb.public.items", "-p", "2"])
        .ok();
    scope.produce_raw(
        "rxdb.public.items",
        &[
            json!({"key": "i1", "value": "new topic", "partition": 1}).to_string(),
            json!({"key": "i0", "value": "new topic too", "partition": 0}).to_string(),
        ],
    );
    scope.produce_raw(
        "rxdb.public.orders",
        &[json!({"key": "o2", "value": "second"}).to_string()],
    );
    let mut seen: Vec<(String, String)> = Vec::new();
    while seen.len() < 3 {
        let l: Value = serde_json::from_str(
            &lines
                .recv_timeout(wait)
                .unwrap_or_else(|_| panic!("records after start; seen {seen:?}")),
        )
        .unwrap();
        seen.push((
            l["topic"].as_str().unwrap().to_string(),
            l["value"].as_str().unwrap().to_string(),
        ));
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            ("rxdb.public.items".to_string(), "new topic".to_string()),
            ("rxdb.public.items".to_string(), "new topic too".to_string()),
            ("rxdb.public.orders".to_string(), "second".to_string()),
        ]
    );

    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Nothing more was printed: in particular nothing from the topic that does not match.
    let rest: Vec<String> = lines.try_iter().collect();
    assert!(rest.is_empty(), "{rest:?}");
}

/// In a group, a topic that comes to match is subscribed to and read from its beginning
/// (the group has no offset for it, and without `--from` the default would be its end),
/// and committed.
#[test]
fn regex_tail_in_a_group_subscribes_to_new_topics_and_commits_them() {
    let scope = stack().scope("tail_regex_group");
    scope.run(&["topic", "create", "rxg.a", "-p", "1"]).ok();
    scope.produce_raw("rxg.a", &[json!({"key": "a", "value": "in a"}).to_string()]);
    // The group reads what is there and commits it.
    let first = tail_json(
        &scope,
        &[
            "-r", r"rxg\..*", "--group", "rxg_g", "--from", "start", "-e",
        ],
    );
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0]["value"], "in a");

    // Following from the group's offsets (no --from: a topic without one starts at its end).
    let mut child = scope
        .cmd(&[
            "-o", "json", "consume", "tail", "-r", r"rxg\..*", "--group", "rxg_g",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = line_reader(child.stdout.take().unwrap());
    let wait = Duration::from_secs(90);
    let next = |what: &str| -> Value {
        serde_json::from_str(
            &lines
                .recv_timeout(wait)
                .unwrap_or_else(|_| panic!("no record: {what}")),
        )
        .unwrap()
    };
    // Once this arrives the tail is reading: what is created next is new to it.
    scope.produce_raw(
        "rxg.a",
        &[json!({"key": "a", "value": "a again"}).to_string()],
    );
    assert_eq!(next("written to rxg.a while following")["value"], "a again");

    scope.run(&["topic", "create", "rxg_not.b", "-p", "1"]).ok();
    scope.produce_raw(
        "rxg_not.b",
        &[json!({"key": "x", "value": "no"}).to_string()],
    );
    scope.run(&["topic", "create", "rxg.b", "-p", "1"]).ok();
    scope.produce_raw(
        "rxg.b",
        &[
            json!({"key": "b1", "value": "in b"}).to_string(),
            json!({"key": "b2", "value": "in b too"}).to_string(),
        ],
    );
    let seen: Vec<(String, i64)> = (0..2)
        .map(|_| {
            let l = next("the new topic's records");
            (
                l["topic"].as_str().unwrap().to_string(),
                l["offset"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(seen, [("rxg.b".to_string(), 0), ("rxg.b".to_string(), 1)]);

    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rest: Vec<String> = lines.try_iter().collect();
    assert!(rest.is_empty(), "{rest:?}");
    for (topic, next) in [("rxg.a", 2), ("rxg.b", 2)] {
        assert_eq!(
            scope
                .kafka_tool(&["committed", topic, "--group", "rxg_g"])
                .ok()
                .json(),
            json!({"0": next}),
            "{topic}"
        );
    }
}
