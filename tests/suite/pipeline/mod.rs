//! `db migrate|status`, `seed burst`, `produce poll` and `demo` against real PostgreSQL and
//! tansu, checked with psql and an independent Kafka client (kafka-python).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::harness::*;
// The producer's batch read, the very SQL it runs, from the library.
use livedbctl::pipeline::producer::batch_query;
use serde_json::Value;
use std::sync::Arc;

mod failures;
mod run_locks;

/// The stack of this module's tests alone. `produce poll` publishes only rows that no
/// transaction still open on the *server* could precede (`pg_snapshot_xmin` is
/// cluster-wide), so what `--once` publishes, which these tests count exactly, depends on
/// every other test's transactions; and `a_row_committed_late...` holds one open on purpose.
fn stack() -> Arc<Stack> {
    module_stack("pipeline")
}

fn ready(name: &str) -> Scope {
    stack().ready(name)
}

fn repo_file(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .display()
        .to_string()
}

/// Every record of the scope's topic, read by kafka-python.
fn consume_all(scope: &Scope) -> Vec<Value> {
    scope
        .kafka_tool(&["consume", &scope.topic, "--timeout", "60"])
        .ok()
        .json_lines()
}

/// id -> number of times it is on the topic; also checks ids grow with offsets per partition.
fn ids_on_topic(records: &[Value]) -> BTreeMap<i64, usize> {
    let mut counts = BTreeMap::new();
    let mut last_per_partition: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for r in records {
        let value: Value = serde_json::from_str(r["value"].as_str().unwrap()).unwrap();
        let id = value["id"].as_i64().unwrap();
        assert_eq!(
            r["key"].as_str().unwrap(),
            id.to_string(),
            "key is the id: {r}"
        );
        *counts.entry(id).or_insert(0) += 1;
        let p = r["partition"].as_i64().unwrap();
        let off = r["offset"].as_i64().unwrap();
        if let Some((prev_off, prev_id)) = last_per_partition.get(&p) {
            assert!(off > *prev_off);
            assert!(
                id > *prev_id || counts[&id] > 1,
                "partition {p}: id {id} after {prev_id}"
            );
        }
        last_per_partition.insert(p, (off, id));
    }
    counts
}

fn assert_exactly_once(counts: &BTreeMap<i64, usize>, first: i64, last: i64) {
    let missing: Vec<i64> = (first..=last)
        .filter(|id| !counts.contains_key(id))
        .take(10)
        .collect();
    let dup: Vec<(i64, usize)> = counts
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(k, v)| (*k, *v))
        .take(10)
        .collect();
    assert!(missing.is_empty(), "ids never published: {missing:?}");
    assert!(dup.is_empty(), "ids published more than once: {dup:?}");
    assert_eq!(
        counts.len() as i64,
        last - first + 1,
        "unexpected ids on the topic"
    );
}

fn last_offset(scope: &Scope) -> i64 {
    scope
        .psql("SELECT last_id FROM producer_offsets WHERE id = 1")
        .parse()
        .unwrap()
}

fn spawn(scope: &Scope, args: &[&str]) -> Child {
    let mut c = scope.cmd(args);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    c.spawn().expect("spawn livedbctl")
}

#[test]
fn db_migrate_is_idempotent_and_status_shows_rows_and_lag() {
    let scope = stack().scope("pipe_migrate");
    let before = scope.run(&["-o", "json", "db", "status"]).ok().json();
    assert_eq!(before["pending"], 2, "{before}");
    assert!(before["rows"].is_null());
    assert!(before["producer"].is_null());

    let m = scope.run(&["-o", "json", "db", "migrate"]).ok().json();
    assert_eq!(
        m["applied"],
        serde_json::json!(["0001_livedb.sql", "0002_producer_bookkeeping.sql"])
    );
    let again = scope.run(&["-o", "json", "db", "migrate"]).ok().json();
    assert_eq!(again["applied"].as_array().unwrap().len(), 0);
    assert_eq!(again["already_applied"], 2);
    assert_eq!(
        scope.psql(
            "SELECT string_agg(version::text, ',' ORDER BY version) FROM livedbctl_migrations"
        ),
        "1,2"
    );
    // The seed's tables, exactly as defined, and the offset row ready.
    assert_eq!(
        scope.psql(
            "SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'livedb'"
        ),
        "id:integer,org:character varying,amount:numeric,region:character varying,created_at:timestamp without time zone"
    );
    assert_eq!(
        scope.psql("SELECT id, last_id FROM producer_offsets"),
        "1|0"
    );

    scope.run(&["seed", "burst", "--once", "--rows", "3"]).ok();
    let st = scope.run(&["-o", "json", "db", "status"]).ok().json();
    assert_eq!(st["pending"], 0);
    assert_eq!(st["rows"], 3);
    assert_eq!(st["max_id"], 3);
    assert_eq!(st["producer"]["last_id"], 0);
    assert_eq!(st["producer"]["lag"], 3);
    let human = scope.run(&["db", "status"]).ok().stdout;
    assert!(
        human.contains("0002_producer_bookkeeping.sql") && human.contains("lag 3"),
        "{human}"
    );
}

#[test]
fn burst_rows_come_out_of_kafka_as_documented_events_exactly_once() {
    let scope = ready("pipe_e2e");
    let file = repo_file("seed/livedb_seed.json");
    let r = scope
        .run(&[
            "-o", "json", "seed", "burst", "--file", &file, "--rows", "7", "--every", "20ms",
            "--count", "60",
        ])
        .ok();
    let lines = r.json_lines();
    let bursts: Vec<&Value> = lines.iter().filter(|l| l["type"] == "burst").collect();
    assert_eq!(bursts.len(), 9, "60 rows in bursts of 7: {}", r.stdout);
    assert_eq!(bursts[0]["first_id"], 1);
    assert_eq!(bursts[8]["rows"], 4);
    assert_eq!(lines.last().unwrap()["type"], "summary");
    assert_eq!(lines.last().unwrap()["rows"], 60);
    // Each burst is one transaction: its rows share one xmin.
    assert_eq!(
        scope.psql("SELECT count(DISTINCT xmin::text) FROM livedb"),
        "9"
    );
    assert_eq!(
        scope.psql("SELECT org FROM livedb WHERE id = 1"),
        "Acme Corporation"
    );
    assert_eq!(
        scope.psql("SELECT org FROM livedb WHERE id = 43"),
        "Acme Corporation",
        "the file is cycled"
    );

    scope.wait_rows_settled();
    let poll = scope
        .run(&[
            "-o",
            "json",
            "produce",
            "poll",
            "--once",
            "--batch-size",
            "25",
        ])
        .ok();
    let stats = poll.json_lines();
    let batches: Vec<&Value> = stats.iter().filter(|s| s["type"] == "batch").collect();
    assert_eq!(batches.len(), 3);
    assert_eq!(batches[0]["published"], 25);
    assert_eq!(batches[2]["last_id"], 60);
    assert_eq!(batches[2]["lag"], 0);
    let summary = stats.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["published"], 60);
    assert_eq!(summary["ended_by"], "drained");
    assert_eq!(last_offset(&scope), 60);
    assert_eq!(
        scope.psql("SELECT last_created_at = (SELECT created_at FROM livedb WHERE id = 60) FROM producer_offsets"),
        "t"
    );

    let records = consume_all(&scope);
    assert_eq!(records.len(), 60);
    let counts = ids_on_topic(&records);
    assert_exactly_once(&counts, 1, 60);

    // The documented event, field by field, against the row read by psql.
    let expected: BTreeMap<i64, Value> = scope
        .psql(
            "SELECT json_build_object('id', id, 'payload', json_build_object('org', org, 'amount', amount::text, 'region', region),
                    'meta', json_build_object('source', 'kafka-producer', 'created_at',
                    to_char((created_at AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')))
             FROM livedb ORDER BY id",
        )
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["id"].as_i64().unwrap(), v)
        })
        .collect();
    let keys: Vec<String> = (1..=60).map(|i| i.to_string()).collect();
    let mut args = vec!["partition-of", "--partitions", "3"];
    args.extend(keys.iter().map(String::as_str));
    let partition_of = scope.kafka_tool(&args).ok().json();
    for r in &records {
        let text = r["value"].as_str().unwrap();
        let value: Value = serde_json::from_str(text).unwrap();
        let id = value["id"].as_i64().unwrap();
        assert_eq!(value, expected[&id], "event {id}");
        assert!(
            value["payload"]["amount"].is_string(),
            "amount is a JSON string: {text}"
        );
        assert!(
            text.starts_with(&format!("{{\"id\":{id},\"payload\":{{\"org\":")),
            "field order: {text}"
        );
        // The partition is the one Java's default partitioner picks for the key.
        assert_eq!(
            r["partition"],
            partition_of[id.to_string()],
            "partition of key {id}"
        );
    }

    // Nothing pending: a second run publishes nothing.
    let again = scope
        .run(&["-o", "json", "produce", "poll", "--once"])
        .ok()
        .json_lines();
    assert_eq!(again.last().unwrap()["published"], 0);
    assert_eq!(consume_all(&scope).len(), 60);
}

/// Every batch of a drain must be an index range scan that stops at its limit: ordered by
/// anything the primary key cannot serve, each batch scans and sorts the whole backlog and
/// a drain becomes quadratic. Asserted on the plan PostgreSQL chooses, not on time.
#[test]
fn the_batch_query_reads_a_backlog_through_the_primary_key_index() {
    let scope = ready("batch_plan");
    scope.psql(
        "INSERT INTO livedb (org, amount, region) \
         SELECT 'org ' || (g % 42), (g % 1000) / 10.0, 'region' FROM generate_series(1, 200000) g; \
         ANALYZE livedb",
    );
    // tokio-postgres plans its unnamed statements with the values bound: EXPLAIN EXECUTE
    // of the first run of a prepared statement shows that same custom plan.
    for (after, limit) in [
        (0, 1_000),
        (0, 20_000),
        (100_000, 20_000),
        (199_990, 20_000),
    ] {
        let plan = scope.psql(&format!(
            "PREPARE batch(integer, bigint) AS {}; EXPLAIN (COSTS OFF) EXECUTE batch({after}, {limit})",
            batch_query::READ_BATCH
        ));
        assert!(
            plan.contains("Index Scan using livedb_pkey on livedb"),
            "after {after}, limit {limit}: the batch read does not use the primary key:\n{plan}"
        );
        assert!(
            !plan.contains("Sort") && !plan.contains("Seq Scan"),
            "after {after}, limit {limit}: the batch read sorts or scans the backlog:\n{plan}"
        );
    }
}

#[test]
fn offset_behind_the_topic_is_reconciled_without_duplicates() {
    let scope = ready("pipe_reconcile");
    scope
        .run(&["seed", "burst", "--rate", "max", "--count", "500"])
        .ok();
    scope.wait_rows_settled();
    scope
        .run(&["produce", "poll", "--once", "--batch-size", "100"])
        .ok();
    // A crash after Kafka acknowledged a batch but before the offset was written.
    scope.psql("UPDATE producer_offsets SET last_id = 123");
    scope
        .run(&["seed", "burst", "--rate", "max", "--count", "50"])
        .ok();
    scope.wait_rows_settled();
    let s = scope
        .run(&["-o", "json", "produce", "poll", "--once"])
        .ok()
        .json_lines();
    let summary = s.last().unwrap();
    assert_eq!(summary["skipped"], 377, "{summary}");
    assert_eq!(summary["published"], 50, "{summary}");
    assert_eq!(last_offset(&scope), 550);
    assert_exactly_once(&ids_on_topic(&consume_all(&scope)), 1, 550);
}

#[test]
fn killing_the_producer_repeatedly_publishes_every_row_exactly_once() {
    let scope = ready("pipe_kill9");
    let total = 30_000;
    scope
        .run(&[
            "seed",
            "burst",
            "--rate",
            "max",
            "--count",
            &total.to_string(),
        ])
        .ok();
    let mut offsets_seen = Vec::new();
    for round in 0..10u64 {
        let mut child = spawn(
            &scope,
            &[
                "produce",
                "poll",
                "--batch-size",
                "300",
                "--interval",
                "100ms",
            ],
        );
        // Let it run a varying while (kill points spread over the run), then kill -9.
        std::thread::sleep(Duration::from_millis(300 + (round * 137) % 500));
        child.kill().unwrap();
        child.wait().unwrap();
        offsets_seen.push(last_offset(&scope));
        if round == 4 {
            // More rows arrive while the producer is down.
            scope
                .run(&["seed", "burst", "--rate", "max", "--count", "2000"])
                .ok();
        }
    }
    eprintln!("offsets after each kill: {offsets_seen:?}");
    let end = scope
        .run(&[
            "-o",
            "json",
            "produce",
            "poll",
            "--once",
            "--batch-size",
            "2000",
        ])
        .ok()
        .json_lines();
    assert_eq!(end.last().unwrap()["lag"], 0);
    let last = total + 2000;
    assert_eq!(last_offset(&scope), last);
    let records = consume_all(&scope);
    assert_exactly_once(&ids_on_topic(&records), 1, last);
    assert_eq!(records.len() as i64, last);
}

#[test]
fn a_second_producer_is_refused_and_ctrl_c_stops_cleanly() {
    let scope = ready("pipe_lock");
    scope.run(&["seed", "burst", "--once", "--rows", "5"]).ok();
    let first = spawn(
        &scope,
        &["-o", "json", "produce", "poll", "--interval", "100ms"],
    );
    wait_for(
        "the first producer to publish",
        Duration::from_secs(60),
        || last_offset(&scope) == 5,
    );
    let second = scope.run(&["produce", "poll", "--once"]).code(1);
    assert!(
        second
            .stderr
            .contains("another `produce poll` is already running"),
        "{}",
        second.stderr
    );
    assert!(second.stderr.contains("pid"), "{}", second.stderr);

    interrupt(&first);
    let out = first.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["ended_by"], "stopped");
    assert_eq!(summary["published"], 5);
    // The lock went with it.
    scope.run(&["produce", "poll", "--once"]).ok();
}

#[test]
fn replay_asks_first_then_publishes_again() {
    let scope = ready("pipe_replay");
    scope.run(&["seed", "burst", "--once", "--rows", "10"]).ok();
    scope.wait_rows_settled();
    scope.run(&["produce", "poll", "--once"]).ok();
    let refused = scope
        .run(&["produce", "poll", "--once", "--replay", "--from-id", "4"])
        .code(2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert_eq!(last_offset(&scope), 10, "no confirmation, no rewind");
    let usage = scope
        .run(&["produce", "poll", "--once", "--replay"])
        .code(2);
    assert!(
        usage.stderr.contains("--from-id") || usage.stderr.contains("--since"),
        "{}",
        usage.stderr
    );

    let r = scope
        .run(&[
            "--yes",
            "-o",
            "json",
            "produce",
            "poll",
            "--once",
            "--replay",
            "--from-id",
            "4",
        ])
        .ok();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["published"], 7);
    assert_eq!(summary["rewound"]["from_last_id"], 10);
    assert_eq!(summary["rewound"]["to_last_id"], 3);
    let counts = ids_on_topic(&consume_all(&scope));
    assert_eq!(counts.values().sum::<usize>(), 17);
    assert!(
        (4..=10).all(|id| counts[&id] == 2) && (1..=3).all(|id| counts[&id] == 1),
        "{counts:?}"
    );

    // --since: rows created at or after a time.
    scope.psql("UPDATE livedb SET created_at = '2020-01-01' WHERE id <= 8");
    let r = scope
        .run(&[
            "--yes",
            "-o",
            "json",
            "produce",
            "poll",
            "--once",
            "--replay",
            "--since",
            "2021-01-01T00:00:00Z",
        ])
        .ok();
    assert_eq!(r.json_lines().pop().unwrap()["published"], 2);
    let bad = scope
        .run(&[
            "--yes",
            "produce",
            "poll",
            "--once",
            "--replay",
            "--since",
            "yesterday-ish",
        ])
        .code(2);
    assert!(bad.stderr.contains("--since"), "{}", bad.stderr);
}
