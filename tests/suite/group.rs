//! `group list | describe | seek | delete` against the real broker (tansu), with the
//! committed offsets checked by an independent client (kafka-python's `committed()`).

use std::io::Write;
use std::process::Stdio;

use crate::harness::snapshot::{redact, shown};
use crate::harness::*;
use serde_json::{json, Value};

fn send(scope: &Scope, topic: &str, ids: std::ops::Range<usize>) {
    let lines: String = ids
        .map(|i| json!({"id": format!("k{i}"), "n": i}).to_string() + "\n")
        .collect();
    let mut c = scope
        .cmd(&["produce", "send", topic, "--key-field", "id"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    c.stdin.take().unwrap().write_all(lines.as_bytes()).unwrap();
    assert!(c.wait().unwrap().success());
}

/// A 3-partition topic with 42 events; group `group` read and committed the first 30 (on
/// every partition), so 12 are left: its lag.
fn topic_with_group(scope: &Scope, topic: &str, group: &str) {
    scope.run(&["topic", "create", topic, "-p", "3"]).ok();
    send(scope, topic, 0..30);
    scope
        .run(&[
            "consume", "tail", topic, "--group", group, "--from", "start", "-e",
        ])
        .ok();
    send(scope, topic, 30..42);
}

fn committed(scope: &Scope, topic: &str, group: &str) -> Value {
    let r = scope
        .kafka_tool(&["committed", topic, "--group", group])
        .ok();
    serde_json::from_str(r.stdout.trim()).unwrap()
}

fn sum_committed(v: &Value) -> i64 {
    v.as_object()
        .unwrap()
        .values()
        .filter_map(Value::as_i64)
        .sum()
}

fn json_of(scope: &Scope, args: &[&str]) -> Value {
    let mut all = vec!["-o", "json"];
    all.extend_from_slice(args);
    scope.run(&all).ok().json()
}

#[test]
fn list_and_describe_show_lag_per_partition() {
    let scope = stack().scope("group_describe");
    let (topic, group) = ("group_describe_t", "gd-readers");
    topic_with_group(&scope, topic, group);

    let list = json_of(&scope, &["group", "list"]);
    let g = list["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == group)
        .unwrap_or_else(|| panic!("{group} not listed: {list}"));
    assert_eq!(g["lag"], 12);
    assert_eq!(g["topics"], json!([topic]));
    for k in ["state", "members"] {
        assert!(g.get(k).is_some());
    }

    let d = json_of(&scope, &["group", "describe", group]);
    assert_eq!(d["group"], group);
    assert_eq!(d["lag"], 12);
    let parts = d["partitions"].as_array().unwrap();
    assert_eq!(parts.len(), 3);
    assert_eq!(
        parts
            .iter()
            .map(|p| p["high"].as_i64().unwrap())
            .sum::<i64>(),
        42
    );
    let by_client = committed(&scope, topic, group);
    for p in parts {
        let id = p["partition"].as_i64().unwrap().to_string();
        assert_eq!(
            p["committed"], by_client[&id],
            "partition {id}: kafka-python says {by_client}"
        );
        assert_eq!(
            p["lag"].as_i64().unwrap(),
            p["high"].as_i64().unwrap() - p["committed"].as_i64().unwrap()
        );
        if p["lag"].as_i64().unwrap() > 0 {
            // The record at the committed offset was just written: seconds, not hours.
            let behind = p["time_behind_ms"].as_i64().expect("time behind");
            assert!((0..600_000).contains(&behind), "{p}");
        } else {
            assert_eq!(p["time_behind_ms"], 0);
        }
    }
    assert!(d.get("members").is_some() && d.get("members_error").is_some());

    let described = scope.run(&["group", "describe", group]).ok();
    let human = &described.stdout;
    assert!(human.contains("lag 12") && human.contains(topic), "{human}");
    insta::assert_snapshot!("group_describe", shown(&described));
    // Every test's groups are on the broker: the header and this group's row (the note on
    // estimated lags is there when another test's group has one).
    let list = scope.run(&["group", "list"]).ok().stdout;
    let mine: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with("~ estimated"))
        .filter(|l| !l.starts_with('│') || l.contains(" group ") || l.contains(group))
        .collect();
    insta::assert_snapshot!("group_list", redact(&mine.join("\n")));
    scope
        .run(&["group", "describe", "no-such-group-here"])
        .code(1);
}

#[test]
fn seek_moves_offsets_after_asking_and_delete_removes_the_group() {
    let scope = stack().scope("group_seek");
    let (topic, group) = ("group_seek_t", "gs-readers");
    topic_with_group(&scope, topic, group);
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 30);

    // Without a terminal and without --yes nothing moves.
    let r = scope
        .run(&["group", "seek", group, "--to", "start"])
        .code(2);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 30);

    let r = json_of(&scope, &["--yes", "group", "seek", group, "--to", "start"]);
    assert_eq!(r["changes"].as_array().unwrap().len(), 3);
    assert!(r["changes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["to"] == 0));
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 0);
    assert_eq!(json_of(&scope, &["group", "describe", group])["lag"], 42);

    json_of(&scope, &["--yes", "group", "seek", group, "--to", "end"]);
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 42);
    assert_eq!(json_of(&scope, &["group", "describe", group])["lag"], 0);
    // The same move back, as a user sees it.
    let r = scope
        .run(&["--yes", "group", "seek", group, "--to", "start"])
        .ok();
    insta::assert_snapshot!("group_seek", shown(&r));
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 0);

    // An offset is clamped to each partition's range; --topic picks every partition.
    let r = json_of(
        &scope,
        &[
            "--yes", "group", "seek", group, "--to", "2", "--topic", topic,
        ],
    );
    for c in r["changes"].as_array().unwrap() {
        assert_eq!(c["to"], 2, "{c}");
    }
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 6);

    // @TIME: everything was written in the last minutes, so an hour ago is the start and
    // a minute ahead is the end.
    json_of(&scope, &["--yes", "group", "seek", group, "--to", "@-1h"]);
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 0);
    let ahead = (chrono_now_ms() + 60_000).to_string();
    json_of(
        &scope,
        &[
            "--yes",
            "group",
            "seek",
            group,
            "--to",
            &format!("@{ahead}"),
        ],
    );
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 42);

    scope
        .run(&["group", "seek", group, "--to", "soon", "--yes"])
        .code(2);
    scope
        .run(&[
            "group",
            "seek",
            group,
            "--to",
            "start",
            "--topic",
            "missing_topic_x",
            "--yes",
        ])
        .code(1);

    // Delete asks too, then the group is gone.
    let refused = scope.run(&["group", "delete", group]).code(2);
    insta::assert_snapshot!("group_delete_refused", shown(&refused));
    let r = json_of(&scope, &["--yes", "group", "delete", group]);
    assert_eq!(r["deleted"], true);
    let list = json_of(&scope, &["group", "list"]);
    assert!(
        !list["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["group"] == group),
        "{list}"
    );
    assert_eq!(sum_committed(&committed(&scope, topic, group)), 0);

    // A second group on the topic, deleted as a user sees it.
    let other = "gs-others";
    scope
        .run(&[
            "consume", "tail", topic, "--group", other, "--from", "start", "-e",
        ])
        .ok();
    let r = scope.run(&["--yes", "group", "delete", other]).ok();
    insta::assert_snapshot!("group_delete", shown(&r));
    assert_eq!(sum_committed(&committed(&scope, topic, other)), 0);
}

fn chrono_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// A group that committed on one partition only: the partitions it never committed on
/// count their whole backlog (from the start, as `auto.offset.reset=earliest` would read
/// them), marked as estimated, and the total holds every unread record.
#[test]
fn partitions_never_committed_count_from_their_start() {
    let scope = stack().scope("group_uncommitted");
    let (topic, group) = ("group_uncommitted_t", "gu-one-partition");
    scope.run(&["topic", "create", topic, "-p", "3"]).ok();
    send(&scope, topic, 0..150);
    scope
        .run(&[
            "consume", "tail", topic, "--group", group, "--from", "start", "-p", "0", "-n", "20",
        ])
        .ok();

    let d = json_of(&scope, &["group", "describe", group]);
    let parts = d["partitions"].as_array().unwrap();
    assert_eq!(parts.len(), 3, "{d}");
    let by_client = committed(&scope, topic, group);
    let mut unread = 0;
    for p in parts {
        let id = p["partition"].as_i64().unwrap().to_string();
        let high = p["high"].as_i64().unwrap();
        let low = p["low"].as_i64().unwrap();
        assert_eq!(
            p["committed"], by_client[&id],
            "{p}: kafka-python says {by_client}"
        );
        let lag = p["lag"].as_i64().unwrap_or_else(|| panic!("no lag: {p}"));
        match p["committed"].as_i64() {
            Some(c) => {
                assert_eq!(p["lag_from"], "committed", "{p}");
                assert_eq!(lag, high - c, "{p}");
            }
            None => {
                assert_eq!(p["lag_from"], "start", "{p}");
                assert_eq!(lag, high - low, "{p}");
                if lag > 0 {
                    let behind = p["time_behind_ms"].as_i64().expect("time behind");
                    assert!((0..600_000).contains(&behind), "{p}");
                }
            }
        }
        unread += lag;
    }
    let with_commits = by_client
        .as_object()
        .unwrap()
        .values()
        .filter(|v| !v.is_null());
    assert_eq!(with_commits.count(), 1, "{by_client}");
    assert_eq!(unread, 150 - 20);
    assert_eq!(d["lag"], 130);
    assert_eq!(d["lag_from"], "start");

    let list = json_of(&scope, &["group", "list"]);
    let g = list["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == group)
        .unwrap_or_else(|| panic!("{group} not listed: {list}"));
    assert_eq!(
        (g["lag"].as_i64(), g["lag_from"].as_str()),
        (Some(130), Some("start"))
    );

    let human = scope.run(&["group", "describe", group]).ok().stdout;
    assert!(human.contains("lag ~130"), "{human}");
    assert!(human.contains("~ estimated"), "{human}");
}
