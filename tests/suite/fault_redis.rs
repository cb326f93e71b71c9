//! Redis restarted empty (no persistence, as `infra up` runs it) while `consume
//! aggregate` runs: the lost state is detected and reported, nothing is counted over it,
//! a restart refuses too, and after the group is rewound (`group seek`) the counts come
//! out exact again from what Kafka holds. This test restarts the stack's Redis, so it has
//! a stack of its own (`own_stack`).

use std::time::Duration;

use crate::harness::*;

/// `n` events `{"city": "cN", "qty": 1}` over 6 cities, sent with `produce send`.
fn produce(scope: &Scope, from: usize, n: usize) {
    let input: String = (from..from + n)
        .map(|i| format!("{{\"id\":{i},\"city\":\"c{}\",\"qty\":1}}\n", i % 6))
        .collect();
    scope.send_file(&format!("events-{from}"), &input, Some("id"));
}

const PREFIX: &str = "fault_agg";
const GROUP: &str = "fault_redis_g";

fn aggregate_args(scope: &Scope, exit_at_end: bool) -> Vec<&str> {
    let mut a = vec![
        "-o",
        "json",
        "consume",
        "aggregate",
        &scope.topic,
        "--key-field",
        "city",
        "--sum",
        "qty",
        "--max-events",
        "1000000",
        "--max-time",
        "1h",
        "--exec",
        "true",
        "--prefix",
        PREFIX,
        "--group",
        GROUP,
        "--batch-size",
        "50",
        "--flush-interval",
        "200ms",
        "--session-timeout",
        "6s",
    ];
    if exit_at_end {
        a.push("-e");
    }
    a
}

#[test]
fn redis_restarted_empty_is_reported_and_never_counted_over() {
    let scope = own_stack("fault_redis").ready("fault_redis");
    let stats = format!("{PREFIX}:{}:stats", scope.topic);
    let counted = |scope: &Scope| -> i64 {
        scope
            .redis_cli(&["HGET", &stats, "events"])
            .parse()
            .unwrap_or(0)
    };
    produce(&scope, 0, 600);
    let mut agg = scope.spawn_logged("agg", &aggregate_args(&scope, false));
    wait_for(
        "the aggregate to count the first 600 events",
        Duration::from_secs(180),
        || counted(&scope) == 600,
    );

    // Redis goes away and comes back empty, as a restart without persistence leaves it.
    scope.stack.base(&["infra", "down", "--only", "redis"]).ok();
    scope.stack.base(&["infra", "up", "--only", "redis"]).ok();
    assert_eq!(scope.redis_cli(&["EXISTS", &stats]), "0");
    produce(&scope, 600, 400);

    wait_for(
        "the aggregate to stop on the lost state",
        Duration::from_secs(240),
        || agg.try_wait().unwrap().is_some(),
    );
    let status = agg.wait().unwrap();
    let (_, stderr) = scope.output_of("agg");
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("Redis lost the state of this aggregate")
            && stderr.contains(&format!(
                "livedbctl group seek {GROUP} --topic {}",
                scope.topic
            )),
        "{stderr}"
    );
    // Nothing was counted over the loss: no partial counts pass for the real ones.
    let keys = scope.redis_cli(&["--scan", "--pattern", &format!("{PREFIX}:*")]);
    assert_eq!(keys, "", "counted after the state was lost");

    // Starting again refuses too: the group has committed past the start of the topic.
    let again = scope.run(&aggregate_args(&scope, true)).code(1);
    assert!(
        again
            .stderr
            .contains("Redis lost the state of this aggregate")
            && again.stderr.contains("committed offset"),
        "{}",
        again.stderr
    );

    // The documented way back: rewind the group and count again from the topic.
    scope
        .run(&[
            "--yes",
            "group",
            "seek",
            GROUP,
            "--topic",
            &scope.topic,
            "--to",
            "start",
        ])
        .ok();
    let r = scope.run(&aggregate_args(&scope, true)).ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["type"], "summary", "{summary}");
    assert_eq!(counted(&scope), 1000);
    for city in 0..6 {
        let window = format!("{PREFIX}:{}:window:c{city}", scope.topic);
        let count: i64 = scope
            .redis_cli(&["HGET", &window, "count"])
            .parse()
            .unwrap();
        let expected = (0..1000).filter(|i| i % 6 == city).count() as i64;
        assert_eq!(count, expected, "city c{city}");
    }
}
