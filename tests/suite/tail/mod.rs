//! `consume tail` against the real broker (tansu), over records written by an independent
//! client (kafka-python): exact counts and contents for each way of choosing offsets,
//! group commits seen by that client, binary payloads, headers and Debezium envelopes.
//!
//! By topic: where to start and stop (`positions`), what a record shows (`contents`),
//! groups, following and ending (`follow`), and `-r` patterns (`patterns`).

mod contents;
mod follow;
mod patterns;
mod positions;

use std::io::{BufRead, BufReader};
use std::sync::mpsc;

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
