//! `topic delete` on a stack of its own: tansu 0.6 removes every topic of the cluster on
//! DeleteTopics, which would pull the topics from under the other tests.

use crate::harness::snapshot::shown;
use crate::harness::*;
use serde_json::Value;

#[test]
fn delete_previews_asks_and_removes() {
    let scope = own_stack("topic_delete").scope("topic_delete");
    scope.run(&["topic", "create", "doomed", "-p", "2"]).ok();
    scope.run(&["topic", "create", "bystander"]).ok();
    let input = "{\"key\":\"a\",\"value\":\"1\"}\n{\"key\":\"b\",\"value\":\"2\"}\n";
    kafka_tool(
        &scope.stack.bootstrap(),
        &["produce-raw", "doomed"],
        Some(input.as_bytes()),
    )
    .ok();

    // No terminal and no --yes: refused with a usage error, nothing deleted, preview shown.
    let refused = scope.run(&["topic", "delete", "doomed"]).code(2);
    assert!(
        refused.stderr.contains("doomed") && refused.stderr.contains("--yes"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("2 messages"), "{}", refused.stderr);
    insta::assert_snapshot!("topic_delete_refused", shown(&refused));
    assert_eq!(scope.kafka_tool(&["topics"]).ok().json()["doomed"], 2);

    // An unknown name stops the whole command before anything is deleted.
    let unknown = scope
        .run(&[
            "-o",
            "json",
            "topic",
            "delete",
            "doomed",
            "never_was",
            "--yes",
        ])
        .code(1);
    assert!(
        unknown.stderr.contains("never_was") && unknown.stderr.contains("UnknownTopicOrPartition"),
        "{}",
        unknown.stderr
    );
    assert_eq!(scope.kafka_tool(&["topics"]).ok().json()["doomed"], 2);

    let r = scope
        .run(&["-o", "json", "topic", "delete", "doomed", "--yes"])
        .ok()
        .json();
    assert_eq!(r["deleted"][0]["name"], "doomed", "{r}");
    assert_eq!(r["deleted"][0]["messages"], 2);
    let topics = scope.kafka_tool(&["topics"]).ok().json();
    assert!(topics.get("doomed").is_none(), "{topics}");

    // The report is truthful about collateral damage: the bystander is either still
    // there or listed as removed (tansu 0.6 removes it).
    let also: Vec<&str> = r["also_removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    match topics.get("bystander") {
        Some(Value::Number(_)) => assert!(also.is_empty(), "{r}"),
        _ => {
            eprintln!(
                "note: the broker (tansu 0.6) deleted every topic, not only the one asked for"
            );
            assert!(also.contains(&"bystander"), "{r}");
        }
    }

    // What a user sees: the stack is this test's own, so what else goes is known (the
    // profile's topic, and the bystander if the broker still had it).
    scope.run(&["topic", "create", "doomed_again"]).ok();
    let r = scope
        .run(&["topic", "delete", "doomed_again", "--yes"])
        .ok();
    insta::assert_snapshot!("topic_delete", shown(&r));
}
