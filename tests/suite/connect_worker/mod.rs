//! `connector ... --remote` against a real Kafka Connect worker (distributed mode on the
//! module's tansu) running Debezium's PostgreSQL connector: every verb, the offsets API,
//! and failures shown in Connect's own words without the Java stack. The worker is the
//! module's: one JVM for all of these tests.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;

use crate::harness::connect::Worker;
use crate::harness::*;

fn worker() -> &'static Worker {
    static W: OnceLock<Worker> = OnceLock::new();
    W.get_or_init(|| Worker::start("connect_worker", module_stack("connect_worker")))
}

/// Records on `topic` so far (0 when it does not exist yet).
fn count(scope: &Scope, topic: &str) -> u64 {
    let r = scope.kafka_tool(&["offsets", topic]);
    if r.code != 0 {
        return 0;
    }
    r.json()["0"][1].as_u64().unwrap_or(0)
}

fn wait_count(scope: &Scope, topic: &str, n: u64) {
    wait_for(
        &format!("{n} records on {topic}"),
        Duration::from_secs(240),
        || count(scope, topic) >= n,
    );
}

fn pg_lsn(scope: &Scope) -> u64 {
    let text = scope.psql("SELECT pg_current_wal_lsn()");
    let (hi, lo) = text.split_once('/').unwrap();
    (u64::from_str_radix(hi, 16).unwrap() << 32) | u64::from_str_radix(lo, 16).unwrap()
}

#[test]
fn every_remote_verb_drives_a_real_debezium_connector() {
    let w = worker();
    let scope = w.scope("cw_verbs");
    scope.psql(
        "CREATE TABLE orders (id int PRIMARY KEY, note text); \
         INSERT INTO orders VALUES (1, 'one'), (2, 'two')",
    );
    let topic = "cwv.public.orders";

    let started = scope
        .run(&[
            "-o",
            "json",
            "connector",
            "start",
            "shop",
            "--table",
            "public.orders",
            "--topic-prefix",
            "cwv",
            "--timeout",
            "240s",
        ])
        .ok();
    let v = started.json();
    assert_eq!(v["action"], "created");
    assert_eq!(v["status"]["connector"]["state"], "RUNNING");
    assert_eq!(v["status"]["tasks"][0]["state"], "RUNNING");
    assert_eq!(v["config"]["database.password"], "********");
    assert!(!started.stdout.contains(&scope.stack.password));
    // What the worker holds, read without livedbctl.
    let config = w.get("/connectors/shop/config").expect("config");
    assert_eq!(
        config["connector.class"],
        "io.debezium.connector.postgresql.PostgresConnector"
    );
    assert_eq!(config["plugin.name"], "pgoutput");
    assert_eq!(config["slot.name"], "shop");
    // tansu creates no topic on demand: the connector creates its own.
    assert_eq!(config["topic.creation.default.partitions"], "1");
    assert_eq!(config["topic.creation.default.replication.factor"], "1");
    wait_count(&scope, topic, 2);

    let listed = scope.run(&["-o", "json", "connector", "list"]).ok().json();
    let ours: Vec<&Value> = listed["connectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"] == "shop")
        .collect();
    assert_eq!(ours.len(), 1, "{listed}");
    assert_eq!(ours[0]["connector"]["state"], "RUNNING");

    // Offsets move only while the connector is stopped: said in our words, nothing sent.
    let refused = scope
        .run(&["--yes", "connector", "offsets", "shop", "--set", "0/0"])
        .code(2);
    assert!(
        refused
            .stderr
            .contains("connector `shop` is RUNNING: its offsets move only while it is STOPPED"),
        "{}",
        refused.stderr
    );

    // pause returns once the connector and its task are PAUSED.
    let paused = scope
        .run(&["-o", "json", "connector", "pause", "shop"])
        .ok()
        .json();
    assert_eq!(paused["connector"]["state"], "PAUSED");
    assert_eq!(paused["tasks"][0]["state"], "PAUSED");
    let seen = w.get("/connectors/shop/status").unwrap();
    assert_eq!(seen["connector"]["state"], "PAUSED", "{seen}");
    scope.psql("INSERT INTO orders VALUES (3, 'three')");
    let resumed = scope
        .run(&["-o", "json", "connector", "resume", "shop"])
        .ok()
        .json();
    assert_eq!(resumed["tasks"][0]["state"], "RUNNING");
    wait_count(&scope, topic, 3);

    // stop returns once Connect has stopped the task: the offsets can move at once.
    let after_three = pg_lsn(&scope);
    let stopped = scope
        .run(&["-o", "json", "connector", "stop", "shop"])
        .ok()
        .json();
    assert_eq!(stopped["connector"]["state"], "STOPPED");
    assert_eq!(stopped["tasks"], serde_json::json!([]));
    let offsets = scope
        .run(&["-o", "json", "connector", "offsets", "shop"])
        .ok()
        .json();
    assert_eq!(offsets["engine"], "kafka-connect");
    assert_eq!(offsets["offsets"][0]["partition"]["server"], "cwv");
    let lsn = offsets["offsets"][0]["offset"]["lsn"].as_u64().unwrap();
    assert!(lsn > 0 && lsn <= after_three, "{offsets}");
    assert_eq!(
        offsets,
        {
            let mut v = w.get("/connectors/shop/offsets").unwrap();
            v["name"] = "shop".into();
            v["engine"] = "kafka-connect".into();
            v
        },
        "the worker's own answer"
    );

    // A move asks first; --yes moves it, and the worker holds the new position.
    scope
        .run(&["connector", "offsets", "shop", "--set", "0/1000"])
        .code(2);
    let set = scope
        .run(&["--yes", "connector", "offsets", "shop", "--set", "0/1000"])
        .ok();
    assert!(set.stdout.contains("offsets set"), "{}", set.stdout);
    assert_eq!(
        w.get("/connectors/shop/offsets").unwrap()["offsets"][0]["offset"]["lsn"],
        4096
    );
    // Reset forgets them: resumed, the connector snapshots again as a new one would.
    scope
        .run(&["--yes", "connector", "offsets", "shop", "--reset"])
        .ok();
    assert_eq!(
        w.get("/connectors/shop/offsets").unwrap()["offsets"][0]["offset"],
        Value::Null
    );
    scope.run(&["connector", "resume", "shop"]).ok();
    wait_count(&scope, topic, 6);
    let again: Vec<Value> = scope.read_topic(topic)[3..]
        .iter()
        .map(|r| serde_json::from_str::<Value>(r["value"].as_str().unwrap()).unwrap())
        .collect();
    assert!(
        again
            .iter()
            .all(|v| v["payload"]["op"] == "r" || v["op"] == "r"),
        "{again:?}"
    );

    let restarted = scope
        .run(&[
            "-o",
            "json",
            "connector",
            "restart",
            "shop",
            "--include-tasks",
            "--wait",
        ])
        .ok()
        .json();
    assert_eq!(restarted["tasks"][0]["state"], "RUNNING");
    // A second start updates the same connector.
    let again = scope
        .run(&[
            "-o",
            "json",
            "connector",
            "start",
            "shop",
            "--table",
            "public.orders",
            "--topic-prefix",
            "cwv",
            "--timeout",
            "240s",
        ])
        .ok()
        .json();
    assert_eq!(again["action"], "updated");

    // delete asks first, then says the slot stays.
    scope.run(&["connector", "delete", "shop"]).code(2);
    let d = scope.run(&["--yes", "connector", "delete", "shop"]).ok();
    assert!(
        d.stderr.contains("pg_drop_replication_slot('shop')"),
        "{}",
        d.stderr
    );
    assert!(!w
        .get("/connectors")
        .unwrap()
        .as_array()
        .unwrap()
        .contains(&Value::from("shop")));
    scope.run(&["connector", "status", "shop"]).code(1);
    wait_for("the slot to be released", Duration::from_secs(120), || {
        scope.psql(
            "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'shop' AND NOT active",
        ) == "1"
    });
    scope.psql("SELECT pg_drop_replication_slot('shop')");
}

#[test]
fn a_failing_connector_says_why_in_connects_words_without_the_stack() {
    let w = worker();
    let scope = w.scope("cw_fail");
    scope.psql("CREATE TABLE t (id int PRIMARY KEY)");

    // A wrong password: Connect's validation refuses the configuration.
    let yaml = std::fs::read_to_string(&scope.profile)
        .unwrap()
        .replace(&scope.stack.password, "not-the-password");
    let bad = scope.dir.join("bad.yaml");
    std::fs::write(&bad, yaml).unwrap();
    let mut c = livedbctl(&scope.dir);
    c.arg("--config")
        .arg(&bad)
        .args(["connector", "start", "badpw", "--table", "public.t"]);
    let r = run(c).code(2);
    assert!(
        r.stderr.contains("password authentication failed for user"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("\tat "), "{}", r.stderr);

    // A slot of that name already exists (another plugin's): the task fails at start;
    // the reason is the deepest cause, and no stack frame is shown.
    scope.psql("SELECT pg_create_logical_replication_slot('taken', 'test_decoding')");
    let r = scope
        .run(&[
            "connector",
            "start",
            "taken",
            "--table",
            "public.t",
            "--topic-prefix",
            "cwf",
            "--timeout",
            "240s",
        ])
        .code(1);
    assert!(
        r.stderr.contains("task 0 of connector `taken` FAILED"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("Caused by: org.postgresql.util.PSQLException: ERROR: replication slot \"taken\" already exists"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("\tat ") && !r.stderr.contains("more\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.lines().count() <= 6, "{}", r.stderr);
    scope.run(&["--yes", "connector", "delete", "taken"]).ok();
    scope.psql("SELECT pg_drop_replication_slot('taken')");
}

/// The built-in engine's position, in the shape Connect gives Debezium's.
#[test]
fn offsets_of_the_builtin_engine_in_connects_shape() {
    let scope = stack().scope("cw_builtin_offsets");
    scope.psql("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
    scope
        .run(&[
            "connector",
            "start",
            "bo",
            "--table",
            "public.t",
            "--topic-prefix",
            "cwb",
            "--until-idle",
        ])
        .ok();
    scope.psql("INSERT INTO t VALUES (3)");
    scope
        .run(&[
            "connector",
            "start",
            "bo",
            "--table",
            "public.t",
            "--topic-prefix",
            "cwb",
            "--until-idle",
        ])
        .ok();
    let v = scope
        .run(&["-o", "json", "connector", "offsets", "bo"])
        .ok()
        .json();
    assert_eq!(v["engine"], "builtin");
    assert_eq!(v["offsets"][0]["partition"]["server"], "cwb");
    let confirmed = scope.psql(
        "SELECT confirmed_flush_lsn - '0/0' FROM pg_replication_slots WHERE slot_name = 'bo'",
    );
    assert_eq!(
        v["offsets"][0]["offset"]["lsn"]
            .as_u64()
            .unwrap()
            .to_string(),
        confirmed
    );
    assert!(
        v["offsets"][0]["offset"]["lsn_commit"].as_u64().is_some(),
        "{v}"
    );
    assert_eq!(v["offsets"][0]["offset"]["snapshot_completed"], true);
    let r = scope
        .run(&["--yes", "connector", "offsets", "bo", "--reset"])
        .code(2);
    assert!(
        r.stderr.contains("Kafka Connect connectors only"),
        "{}",
        r.stderr
    );
    scope.run(&["--yes", "connector", "delete", "bo"]).ok();
}

/// `infra up|status|logs|down` cover a worker; standalone mode keeps offsets in a file.
mod stack_and_moves;
