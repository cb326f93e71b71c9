//! The broker restarted while `consume sink --upsert-key`, `consume aggregate` and
//! `consume route` run: nothing is lost, the sink holds no duplicate rows, the aggregate's
//! counts are exact, and the router forwards every event (replays only as at-least-once
//! allows); a sink started while the broker is away waits for it (`--wait-for-kafka`) and
//! writes once it is back; `produce send` running through the outage reports, line by
//! line, what the broker did not acknowledge in time and delivers the rest. This test
//! stops and starts the stack's broker, so it has a stack of its own.

use std::collections::BTreeMap;
use std::process::Child;
use std::time::Duration;

use crate::harness::*;
use serde_json::Value;

const CITIES: usize = 6;

/// Events `{"id", "city", "qty"}` for `ids`, sent with `produce send` keyed by id.
fn produce(scope: &Scope, name: &str, ids: impl Iterator<Item = usize>, qty: u32) {
    let input: String = ids
        .map(|i| {
            format!(
                "{{\"id\":{i},\"city\":\"c{}\",\"qty\":{qty}}}\n",
                i % CITIES
            )
        })
        .collect();
    scope.send_file(name, &input, Some("id"));
}

fn route_topics() -> Vec<String> {
    (0..CITIES)
        .map(|c| format!("fault_broker_route.c{c}"))
        .collect()
}

/// Records forwarded by the router so far (sum of the destination topics' ends).
fn forwarded(scope: &Scope) -> u64 {
    route_topics()
        .iter()
        .map(|t| {
            let r = scope.kafka_tool(&["offsets", t]);
            if r.code != 0 {
                return 0;
            }
            r.json()["0"][1].as_u64().unwrap_or(0)
        })
        .sum()
}

fn stop(scope: &Scope, name: &str, mut child: Child) {
    terminate(&child);
    let status = child.wait().unwrap();
    assert!(status.success(), "{name}: {:?}", scope.output_of(name));
}

#[test]
fn broker_restart_while_consumers_run_loses_and_doubles_nothing() {
    let scope = own_stack("fault_broker").ready("fault_broker");
    scope.psql("CREATE TABLE orders (id int PRIMARY KEY, city text NOT NULL, qty int NOT NULL)");
    const FIRST: usize = 20_000;
    produce(&scope, "first", 0..FIRST, 1);

    let common = [
        "--batch-size",
        "200",
        "--flush-interval",
        "200ms",
        "--session-timeout",
        "6s",
    ];
    let with = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["-o", "json", "consume"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.extend(args.iter().map(|s| s.to_string()));
        v.extend(common.iter().map(|s| s.to_string()));
        v
    };
    let spawn = |name: &str, args: Vec<String>| {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        scope.spawn_logged(name, &a)
    };
    let topic = scope.topic.as_str();
    let sink = spawn(
        "sink",
        with(&[
            "sink",
            topic,
            "--table",
            "orders",
            "--upsert-key",
            "id",
            "--group",
            "fb_sink",
        ]),
    );
    let agg = spawn(
        "agg",
        with(&[
            "aggregate",
            topic,
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
            "fb_agg",
            "--group",
            "fb_agg",
        ]),
    );
    let route = spawn(
        "route",
        with(&[
            "route",
            topic,
            "--by",
            "city",
            "--to",
            "fault_broker_route.{}",
            "--partitions",
            "1",
            "--group",
            "fb_route",
        ]),
    );
    let rows =
        |scope: &Scope| -> i64 { scope.psql("SELECT count(*) FROM orders").parse().unwrap() };
    let counted = |scope: &Scope| -> i64 {
        scope
            .redis_cli(&["HGET", &format!("fb_agg:{}:stats", scope.topic), "events"])
            .parse()
            .unwrap_or(0)
    };
    wait_for(
        "every consumer to be under way",
        Duration::from_secs(300),
        || rows(&scope) >= 2_000 && counted(&scope) >= 2_000 && forwarded(&scope) >= 2_000,
    );

    // A paced `produce send` runs through the outage, records given 3 s each.
    const SEND: usize = 3_000;
    scope.run(&["topic", "create", "fb_send", "-p", "1"]).ok();
    let send_file = scope.dir.join("send.jsonl");
    std::fs::write(
        &send_file,
        (0..SEND)
            .map(|i| format!("{{\"id\":{i}}}\n"))
            .collect::<String>(),
    )
    .unwrap();
    let send_profile = scope.dir.join("send.yaml");
    std::fs::write(
        &send_profile,
        std::fs::read_to_string(&scope.profile).unwrap().replacen(
            "kafka:\n",
            "kafka:\n  properties:\n    message.timeout.ms: '3000'\n",
            1,
        ),
    )
    .unwrap();
    let log = |ext: &str| std::fs::File::create(scope.dir.join(format!("send.{ext}"))).unwrap();
    let mut send = livedbctl(&scope.dir)
        .arg("--config")
        .arg(&send_profile)
        .args([
            "-o",
            "json",
            "produce",
            "send",
            "fb_send",
            "--key-field",
            "id",
        ])
        .args(["--rate", "100", "--file"])
        .arg(&send_file)
        .stdout(log("out"))
        .stderr(log("err"))
        .spawn()
        .unwrap();
    let on_send_topic = |scope: &Scope| -> u64 {
        let r = scope.kafka_tool(&["offsets", "fb_send"]);
        if r.code != 0 {
            return 0;
        }
        r.json()["0"][1].as_u64().unwrap_or(0)
    };
    wait_for(
        "produce send to deliver its first records",
        Duration::from_secs(120),
        || on_send_topic(&scope) >= 100,
    );

    // The broker goes away mid-stream and comes back with its data.
    scope.stack.base(&["infra", "down", "--only", "kafka"]).ok();
    // A sink started while it is away waits for it and says so, then reads once it is back;
    // one told not to wait gives up after its first try.
    scope.psql(
        "CREATE TABLE late_orders (id int PRIMARY KEY, city text NOT NULL, qty int NOT NULL)",
    );
    let late = spawn(
        "late",
        with(&[
            "sink",
            topic,
            "--table",
            "late_orders",
            "--upsert-key",
            "id",
            "--group",
            "fb_late",
            "--wait-for-kafka",
            "1h",
        ]),
    );
    let r = scope
        .run(&[
            "consume",
            "sink",
            topic,
            "--table",
            "late_orders",
            "--group",
            "fb_impatient",
            "--wait-for-kafka",
            "0s",
        ])
        .code(1);
    assert!(
        r.stderr.contains("cannot reach Kafka") && !r.stderr.contains("asking again"),
        "{}",
        r.stderr
    );
    wait_for(
        "the late sink to say it waits for the broker",
        Duration::from_secs(300),
        || scope.output_of("late").1.contains("cannot reach Kafka"),
    );
    scope
        .stack
        .base(&["infra", "up", "--only", "kafka", "--no-topics"])
        .ok();
    // It writes what it reads. Not waited for to the end: in this run's setting (a group
    // formed right after the broker came back, beside three rejoining groups) tansu 0.6's
    // coordinator was seen to keep the group rebalancing (JoinGroup, then SyncGroup answered
    // REBALANCE_IN_PROGRESS, generation 88 and counting), a broker gap in SOP.md.
    let mut late = late;
    wait_for(
        "the late sink to write rows once the broker is back",
        Duration::from_secs(600),
        || {
            assert!(
                late.try_wait().unwrap().is_none(),
                "the late sink ended: {:?}",
                scope.output_of("late")
            );
            scope.output_of("late").0.contains("\"type\":\"flush\"")
        },
    );
    late.kill().unwrap();
    late.wait().unwrap();

    // produce send: every line is either delivered or reported with its number and reason
    // (the outage outlasted the records' 3 s); what was delivered is on the topic.
    wait_for("produce send to finish", Duration::from_secs(600), || {
        send.try_wait().unwrap().is_some()
    });
    let status = send.wait().unwrap();
    let (out, err) = scope.output_of("send");
    assert_eq!(status.code(), Some(1), "{out}\n{err}");
    let summary: Value = serde_json::from_str(out.trim()).expect("a JSON summary");
    let (delivered, failed) = (
        summary["delivered"].as_u64().unwrap(),
        summary["failed"].as_u64().unwrap(),
    );
    assert_eq!(summary["lines"], SEND as u64, "{summary}");
    assert!(delivered > 0 && failed > 0, "{summary}");
    assert_eq!(delivered + failed, SEND as u64, "{summary}");
    let failures = summary["failures"].as_array().unwrap();
    assert_eq!(failures.len() as u64, failed);
    let failed_ids: std::collections::BTreeSet<u64> = failures
        .iter()
        .map(|f| {
            let reason = f["reason"].as_str().unwrap();
            assert!(reason.starts_with("not delivered"), "{f}");
            f["line"].as_u64().unwrap() - 1
        })
        .collect();
    assert_eq!(failed_ids.len() as u64, failed, "a line reported twice");
    let on_topic: std::collections::BTreeSet<u64> = scope
        .kafka_tool(&["consume", "fb_send", "--timeout", "300"])
        .ok()
        .json_lines()
        .iter()
        .map(|m| m["key"].as_str().unwrap().parse().unwrap())
        .collect();
    // A record that timed out may still have been written (acknowledged too late).
    let lost: Vec<u64> = (0..SEND as u64)
        .filter(|i| !failed_ids.contains(i) && !on_topic.contains(i))
        .take(10)
        .collect();
    assert!(lost.is_empty(), "delivered but not on the topic: {lost:?}");
    eprintln!("produce send through the outage: {delivered} delivered, {failed} reported");
    // Then updates of the first 2,000 ids and 3,000 new ones.
    produce(&scope, "updates", 0..2_000, 2);
    produce(&scope, "second", FIRST..FIRST + 3_000, 1);
    let events = (FIRST + 2_000 + 3_000) as i64;
    let total_rows = (FIRST + 3_000) as i64;

    let mut children = vec![("sink", sink), ("agg", agg), ("route", route)];
    wait_for(
        "every consumer to catch up",
        Duration::from_secs(900),
        || {
            for (name, child) in children.iter_mut() {
                assert!(
                    child.try_wait().unwrap().is_none(),
                    "{name} ended during the outage: {:?}",
                    scope.output_of(name)
                );
            }
            rows(&scope) == total_rows
                && scope.psql("SELECT sum(qty) FROM orders") == (total_rows + 2_000).to_string()
                && counted(&scope) == events
                && forwarded(&scope) >= events as u64
        },
    );
    for (name, child) in children {
        stop(&scope, name, child);
    }

    // Sink: one row per id, holding the last event of each.
    assert_eq!(
        scope.psql("SELECT count(*) = count(DISTINCT id) FROM orders"),
        "t"
    );
    assert_eq!(rows(&scope), total_rows);
    assert_eq!(
        scope.psql("SELECT count(*) FROM orders WHERE qty = 2"),
        "2000"
    );
    assert_eq!(
        scope.psql("SELECT count(*) FROM orders WHERE city <> 'c' || (id % 6)"),
        "0"
    );

    // Aggregate: exact counts per key, nothing counted twice across the outage.
    assert_eq!(counted(&scope), events);
    let mut sum = 0;
    for c in 0..CITIES {
        let n: i64 = scope
            .redis_cli(&[
                "HGET",
                &format!("fb_agg:{}:window:c{c}", scope.topic),
                "count",
            ])
            .parse()
            .unwrap();
        let expected = (0..FIRST + 3_000).filter(|i| i % CITIES == c).count()
            + (0..2_000).filter(|i| i % CITIES == c).count();
        assert_eq!(n as usize, expected, "city c{c}");
        sum += n;
    }
    assert_eq!(sum, events);

    // Router: every event forwarded to its city's topic; replays only repeat events.
    let mut seen: BTreeMap<(u64, u64), usize> = BTreeMap::new();
    for (c, t) in route_topics().iter().enumerate() {
        for rec in scope
            .kafka_tool(&["consume", t, "--timeout", "300"])
            .ok()
            .json_lines()
        {
            let v: Value = serde_json::from_str(rec["value"].as_str().unwrap()).unwrap();
            assert_eq!(v["city"], format!("c{c}"));
            *seen
                .entry((v["id"].as_u64().unwrap(), v["qty"].as_u64().unwrap()))
                .or_default() += 1;
        }
    }
    let expected: Vec<(u64, u64)> = (0..FIRST + 3_000)
        .map(|i| (i as u64, 1))
        .chain((0..2_000).map(|i| (i as u64, 2)))
        .collect();
    let missing: Vec<&(u64, u64)> = expected
        .iter()
        .filter(|e| !seen.contains_key(e))
        .take(10)
        .collect();
    assert!(missing.is_empty(), "not forwarded: {missing:?}");
    assert_eq!(seen.len(), expected.len());
    let replayed: usize = seen.values().map(|n| n - 1).sum();
    eprintln!(
        "route: {} events forwarded, {replayed} replayed after the restart",
        expected.len()
    );
}
