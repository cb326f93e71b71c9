//! The stream sinks against real PostgreSQL, Kafka (tansu) and Redis, written through
//! `stream eval --write` and read back with psql, redis-cli and kafka-python.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use crate::harness::*;
use serde_json::Value;

fn event(id: u32, time: &str, region: Option<&str>, amount: &str) -> String {
    let region = region
        .map(|r| format!("\"{r}\""))
        .unwrap_or_else(|| "null".into());
    format!(
        "{{\"id\":{id},\"payload\":{{\"org\":\"o\",\"amount\":\"{amount}\",\"region\":{region}}},\"meta\":{{\"created_at\":\"2026-11-22T04:{time}Z\"}}}}\n"
    )
}

#[test]
fn results_are_upserted_into_postgres_kafka_and_redis() {
    let scope = stack().scope("stream_sinks");
    let topic = "stream_sinks_out";
    scope.run(&["topic", "create", topic, "-p", "1"]).ok();
    let job = scope.dir.join("job.yaml");
    let job_text = format!(
        "name: sinks-test\n\
         source: {{topic: {src}, time: meta.created_at}}\n\
         group_by: [payload.region]\n\
         window: {{tumble: 1m}}\n\
         aggregates: {{orders: count, revenue: sum(payload.amount)}}\n\
         sinks:\n  - postgres: {{table: stream_revenue}}\n  - kafka: {{topic: {topic}}}\n  - redis: {{prefix: 'livedb:streamtest', ttl: 1h}}\n",
        src = scope.topic
    );
    std::fs::write(&job, &job_text).unwrap();
    let events = scope.dir.join("events.jsonl");
    std::fs::write(
        &events,
        [
            event(1, "00:01", Some("us-east"), "10.00"),
            event(2, "00:02", Some("us-east"), "2.50"),
            event(3, "00:03", None, "1.25"),
            event(4, "01:05", Some("eu-west"), "7.00"),
        ]
        .concat(),
    )
    .unwrap();
    let args = [
        "-o",
        "json",
        "stream",
        "eval",
        job.to_str().unwrap(),
        "--events",
        events.to_str().unwrap(),
        "--write",
    ];
    let r = scope.run(&args).ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["results"], 3);
    assert_eq!(
        summary["written_to"],
        serde_json::json!([
            "postgres:stream_revenue",
            format!("kafka:{topic}"),
            "redis:livedb:streamtest"
        ])
    );

    let table = || {
        scope.psql(
            "SELECT to_char(window_start AT TIME ZONE 'UTC', 'HH24:MI'), to_char(window_end AT TIME ZONE 'UTC', 'HH24:MI'), \
             coalesce(region, '<null>'), orders, revenue FROM stream_revenue ORDER BY 1, 3",
        )
    };
    let expected =
        "04:00|04:01|<null>|1|1.25\n04:00|04:01|us-east|2|12.50\n04:01|04:02|eu-west|1|7.00";
    assert_eq!(table(), expected);

    // A second run rewrites the same rows: upserts on (window_start, region), NULL included.
    scope.run(&args).ok();
    assert_eq!(table(), expected);

    let key = "livedb:streamtest:sinks-test:window:1795320000000:us-east";
    let hash = scope.redis_cli(&["HGETALL", key]);
    let fields: Vec<&str> = hash.lines().collect();
    let get = |f: &str| {
        let i = fields
            .iter()
            .position(|x| *x == f)
            .unwrap_or_else(|| panic!("{f} missing in {hash}"));
        fields[i + 1]
    };
    assert_eq!(get("orders"), "2");
    assert_eq!(get("revenue"), "12.50");
    assert_eq!(get("region"), "us-east");
    assert_eq!(get("window_start"), "2026-11-22T04:00:00.000Z");
    assert_eq!(get("kind"), "final");
    let ttl: i64 = scope.redis_cli(&["PTTL", key]).parse().unwrap();
    assert!(ttl > 3_500_000, "ttl {ttl}");
    let index = scope.redis_cli(&["ZRANGE", "livedb:streamtest:sinks-test:windows", "0", "-1"]);
    assert_eq!(index.lines().count(), 3, "{index}");
    assert!(
        index.contains("livedb:streamtest:sinks-test:window:1795320000000:"),
        "{index}"
    );

    let consumed = scope
        .kafka_tool(&["consume", topic, "--max", "6", "--timeout", "30"])
        .ok();
    let records = consumed.json_lines();
    assert_eq!(records.len(), 6, "two runs of three results");
    let first: Vec<&Value> = records
        .iter()
        .filter(|r| r["key"].as_str().unwrap().contains("us-east"))
        .collect();
    assert_eq!(first.len(), 2);
    let key: Value = serde_json::from_str(first[0]["key"].as_str().unwrap()).unwrap();
    assert_eq!(
        key,
        serde_json::json!({"window_start": "2026-11-22T04:00:00.000Z", "region": "us-east"})
    );
    let value: Value = serde_json::from_str(first[0]["value"].as_str().unwrap()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({"window_start": "2026-11-22T04:00:00.000Z", "window_end": "2026-11-22T04:01:00.000Z",
                           "region": "us-east", "orders": 2, "revenue": "12.50"})
    );

    // A changed job cannot reuse the table silently.
    std::fs::write(
        &job,
        job_text.replace(
            "revenue: sum(payload.amount)",
            "revenue: sum(payload.amount), biggest: max(payload.amount)",
        ),
    )
    .unwrap();
    let r = scope
        .run(&[
            "stream",
            "eval",
            job.to_str().unwrap(),
            "--events",
            events.to_str().unwrap(),
            "--write",
        ])
        .code(2);
    assert!(
        r.stderr
            .contains("exists with other columns: it lacks biggest"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("a changed job needs a new table"),
        "{}",
        r.stderr
    );
}

/// With a TTL the hashes expire, and the index must lose them as well: the next batch
/// removes them from `PREFIX:JOB:windows` (and from its companion `:written` set, each
/// hash's last write on Redis's clock). Without that, the index of a long-running job grows
/// by one member per window and group. An hour-old write is made by moving its score back,
/// so the test does not wait for a TTL to run out.
#[test]
fn a_redis_ttl_trims_the_index_of_expired_hashes() {
    const TTL_MS: i64 = 3_600_000;
    let scope = stack().scope("stream_ttl");
    let job = scope.dir.join("job.yaml");
    std::fs::write(
        &job,
        format!(
            "name: ttl-test\n\
             source: {{topic: {src}, time: meta.created_at}}\n\
             group_by: [payload.region]\n\
             window: {{tumble: 1m}}\n\
             aggregates: {{orders: count}}\n\
             sinks:\n  - redis: {{prefix: 'livedb:ttltest', ttl: 1h}}\n",
            src = scope.topic
        ),
    )
    .unwrap();
    let write = |name: &str, events: &[String]| {
        let file = scope.dir.join(name);
        std::fs::write(&file, events.concat()).unwrap();
        let args = [
            "stream",
            "eval",
            job.to_str().unwrap(),
            "--events",
            file.to_str().unwrap(),
            "--write",
        ];
        scope.run(&args).ok();
    };
    let redis_now_ms = || {
        let t = scope.redis_cli(&["TIME"]);
        let mut parts = t.lines().map(|l| l.trim().parse::<i64>().unwrap());
        parts.next().unwrap() * 1000 + parts.next().unwrap() / 1000
    };
    let index = "livedb:ttltest:ttl-test:windows";
    let written = "livedb:ttltest:ttl-test:windows:written";
    let expired = "livedb:ttltest:ttl-test:window:1795320000000:us-east";
    let alive = "livedb:ttltest:ttl-test:window:1795320060000:eu-west";
    let fresh = "livedb:ttltest:ttl-test:window:1795320300000:us-east";
    write(
        "first.jsonl",
        &[
            event(1, "00:01", Some("us-east"), "1.00"),
            event(2, "01:01", Some("eu-west"), "1.00"),
        ],
    );
    for set in [index, written] {
        let ttl: i64 = scope.redis_cli(&["PTTL", set]).parse().unwrap();
        assert!((1..=TTL_MS).contains(&ttl), "{set}: PTTL {ttl}");
    }
    let now = redis_now_ms();
    for key in [expired, alive] {
        let at: i64 = scope.redis_cli(&["ZSCORE", written, key]).parse().unwrap();
        assert!(
            (now - 600_000..=now).contains(&at),
            "{key} last written at {at}, Redis's clock says {now}"
        );
    }
    // One hash last written more than a TTL ago (gone, as Redis would have expired it), one
    // written a minute short of the TTL ago (still there).
    let (old, recent) = (
        (now - TTL_MS - 60_000).to_string(),
        (now - TTL_MS + 60_000).to_string(),
    );
    scope.redis_cli(&["ZADD", written, "XX", &old, expired, &recent, alive]);
    scope.redis_cli(&["DEL", expired]);
    write(
        "second.jsonl",
        &[event(3, "05:01", Some("us-east"), "1.00")],
    );
    assert_eq!(
        scope.redis_cli(&["ZRANGE", index, "0", "-1"]),
        format!("{alive}\n{fresh}")
    );
    assert_eq!(
        scope.redis_cli(&["ZRANGE", written, "0", "-1"]),
        format!("{alive}\n{fresh}")
    );
}
