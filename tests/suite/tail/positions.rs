//! Where a tail starts and stops: offsets, times and partitions, and the errors of bad ones.

use super::{numbered_topic, offsets, tail_json, T0};
use crate::harness::*;
use serde_json::json;

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
