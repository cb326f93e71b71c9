//! The broker goes away while `produce poll` runs: it retries, reports it, and once the
//! broker is back every row is on the topic exactly once. This test stops and starts the
//! broker, so it has a stack of its own (`own_stack`).

use std::collections::BTreeMap;
use std::time::Duration;

use crate::harness::*;
use serde_json::Value;

#[test]
fn broker_restart_during_a_run_loses_nothing() {
    let scope = own_stack("crash_broker").scope("crash_broker");
    scope.run(&["infra", "up"]).ok();
    scope
        .run(&["seed", "burst", "--rate", "max", "--count", "20000"])
        .ok();
    let last_offset = || -> i64 {
        scope
            .psql("SELECT last_id FROM producer_offsets WHERE id = 1")
            .parse()
            .unwrap()
    };

    let mut producer = scope.spawn_logged(
        "producer",
        &[
            "produce",
            "poll",
            "--batch-size",
            "200",
            "--interval",
            "100ms",
        ],
    );
    wait_for("the producer to get going", Duration::from_secs(60), || {
        last_offset() > 0
    });

    scope.stack.base(&["infra", "down", "--only", "kafka"]).ok();
    // Rows keep arriving while the broker is away.
    scope
        .run(&["seed", "burst", "--rate", "max", "--count", "3000"])
        .ok();
    wait_for(
        "the producer to report the outage",
        Duration::from_secs(120),
        || scope.output_of("producer").1.contains("Kafka unavailable"),
    );
    let stalled = last_offset();
    assert!(
        stalled < 23_000,
        "the offset cannot pass rows Kafka never acknowledged"
    );
    scope
        .stack
        .base(&["infra", "up", "--only", "kafka", "--no-topics"])
        .ok();

    wait_for("the producer to catch up", Duration::from_secs(240), || {
        last_offset() == 23_000
    });
    interrupt(&producer);
    let status = producer.wait().unwrap();
    let stderr = scope.output_of("producer").1;
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("Kafka unavailable") && stderr.contains("retrying"),
        "the outage is reported: {stderr}"
    );

    let records = scope
        .kafka_tool(&["consume", &scope.topic, "--timeout", "60"])
        .ok()
        .json_lines();
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for r in &records {
        let v: Value = serde_json::from_str(r["value"].as_str().unwrap()).unwrap();
        *counts.entry(v["id"].as_i64().unwrap()).or_default() += 1;
    }
    let missing: Vec<i64> = (1..=23_000)
        .filter(|id| !counts.contains_key(id))
        .take(10)
        .collect();
    assert!(
        missing.is_empty(),
        "lost across the broker restart: {missing:?}"
    );
    let dup: Vec<(&i64, &usize)> = counts.iter().filter(|(_, n)| **n > 1).take(10).collect();
    assert!(
        dup.is_empty(),
        "published twice across the broker restart: {dup:?}"
    );
    assert_eq!(records.len(), 23_000);
}
