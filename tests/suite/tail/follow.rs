//! Reading on: a group resuming and committing what was printed, following new records
//! until Ctrl-C, and a closed pipe as a normal end.

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use super::{line_reader, numbered_topic, offsets, tail_json};
use crate::harness::*;
use serde_json::{json, Value};

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
