//! `produce send`, `consume sink`, `consume aggregate` against the real broker (tansu),
//! PostgreSQL and Redis, cross-checked with kafka-python, psql and redis-cli.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::*;
use serde_json::{json, Value};

/// Run with `input` on stdin.
fn run_stdin(scope: &Scope, args: &[&str], input: &str) -> Run {
    let mut cmd = scope.cmd(args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    Run::from(child.wait_with_output().unwrap())
}

fn up(scope: &Scope) {
    scope.run(&["infra", "up"]).ok();
}

#[test]
fn produce_send_delivers_every_good_line_and_reports_the_rest() {
    let scope = stack().scope("produce_send");
    up(&scope);
    let input = [
        r#"{"id": 1, "city": "Oslo"}"#,
        r#"{"id": 2, "city": "Bergen"}"#,
        r#"{"id": 3, "city": "#, // line 3: not JSON
        "",                      // line 4: blank
        r#"{"id": 4, "city": "Oslo"}"#,
        r#"{"city": "no id"}"#, // line 6: no key
        r#"{"id": "five", "city": "Tromsø"}"#,
    ]
    .join("\n");
    let r = run_stdin(
        &scope,
        &[
            "-o",
            "json",
            "produce",
            "send",
            &scope.topic,
            "--key-field",
            "id",
        ],
        &input,
    )
    .code(1);
    let summary = r.json();
    assert_eq!(summary["lines"], 6, "{summary}");
    assert_eq!(summary["delivered"], 4);
    assert_eq!(summary["failed"], 2);
    assert_eq!(summary["blank"], 1);
    let failed: Vec<u64> = summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(failed, [3, 6]);
    assert!(summary["failures"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("invalid JSON"));
    assert!(summary["failures"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("`id`"));
    assert!(
        r.stderr.contains("2 of 6 lines were not delivered"),
        "{}",
        r.stderr
    );

    // An independent client sees exactly the delivered lines, keyed by id.
    let got = scope
        .kafka_tool(&["consume", &scope.topic])
        .ok()
        .json_lines();
    let mut pairs: Vec<(String, String)> = got
        .iter()
        .map(|m| {
            (
                m["key"].as_str().unwrap().to_string(),
                m["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    pairs.sort();
    let lines: Vec<&str> = input.lines().collect();
    assert_eq!(
        pairs,
        vec![
            ("1".to_string(), lines[0].to_string()),
            ("2".to_string(), lines[1].to_string()),
            ("4".to_string(), lines[4].to_string()),
            ("five".to_string(), lines[6].to_string()),
        ]
    );
    let delivered_total: u64 = summary["partitions"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(delivered_total, 4);

    // From a file, paced: all good lines, exit 0.
    let file = scope.dir.join("events.jsonl");
    std::fs::write(
        &file,
        (10..30)
            .map(|i| format!("{{\"id\":{i}}}\n"))
            .collect::<String>(),
    )
    .unwrap();
    let r = scope
        .run(&[
            "-o",
            "json",
            "produce",
            "send",
            &scope.topic,
            "--file",
            file.to_str().unwrap(),
            "--rate",
            "200",
        ])
        .ok();
    assert_eq!(r.json()["delivered"], 20);
    assert_eq!(
        scope
            .kafka_tool(&["consume", &scope.topic])
            .ok()
            .json_lines()
            .len(),
        24
    );

    let missing = scope
        .run(&[
            "produce",
            "send",
            "no_such_topic_here",
            "--file",
            file.to_str().unwrap(),
        ])
        .code(1);
    assert!(
        missing
            .stderr
            .contains("topic `no_such_topic_here` does not exist"),
        "{}",
        missing.stderr
    );
}
