//! `-r`: topics named by patterns, and those that come to match while following, by
//! assignment and in a group.

use std::process::Stdio;
use std::time::Duration;

use super::{line_reader, tail_json};
use crate::harness::*;
use serde_json::{json, Value};

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
