//! The built-in CDC engine (`connector start | list | status | delete`) against real
//! PostgreSQL (wal_level=logical) and the real broker; every event is read back with an
//! independent Kafka client (kafka-python) and checked field by field.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use std::collections::BTreeMap;
use std::process::Stdio;

use crate::harness::*;
use serde_json::{json, Value};

/// (key, value) of every record of `topic`, in offset order (topics have one partition).
fn events(scope: &Scope, topic: &str) -> Vec<(Value, Value)> {
    scope
        .read_topic(topic)
        .into_iter()
        .map(|rec| {
            let parse = |f: &str| match rec[f].as_str() {
                Some(s) => serde_json::from_str(s).unwrap(),
                None => Value::Null,
            };
            (parse("key"), parse("value"))
        })
        .collect()
}

fn start(scope: &Scope, args: &[&str]) -> Run {
    let mut a = vec!["-o", "json", "connector", "start"];
    a.extend_from_slice(args);
    a.push("--until-idle");
    scope.run(&a).ok()
}

fn last_stats(run: &Run) -> Value {
    run.json_lines().pop().expect("a final stats object")
}

#[test]
fn streams_inserts_updates_deletes_truncates_with_debezium_fields() {
    let scope = stack().scope("cdc_basic");
    scope.psql(
        "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, amount numeric(10,2), happened timestamp,
            happened_tz timestamptz, day date, flag bool, doc jsonb, note text, big bigint, ratio float8);
         INSERT INTO items VALUES (1, 'one', 12.50, '2024-01-15 10:20:30.123456', '2024-01-15 10:20:30.5+02',
            '2024-01-15', true, '{\"a\": 1}', NULL, 9007199254740993, 0.25);",
    );
    let first = start(
        &scope,
        &[
            "c_basic",
            "--table",
            "public.items",
            "--topic-prefix",
            "cdcbasic",
            // Debezium skips truncates unless told not to (skipped.operations=none).
            "--skipped-operations",
            "none",
        ],
    );
    let stats = last_stats(&first);
    assert_eq!(stats["phase"], "stopped");
    assert_eq!(stats["snapshot_rows"], 1);

    // One transaction each (psql -c would run them as one).
    scope.psql("INSERT INTO items (id, name, amount, flag) VALUES (2, 'two', 0.10, false)");
    scope.psql("UPDATE items SET name = 'deux', note = 'n' WHERE id = 2");
    scope.psql("DELETE FROM items WHERE id = 1");
    scope.psql("TRUNCATE items");
    let second = start(&scope, &["c_basic"]);
    assert_eq!(last_stats(&second)["transactions"], 4);

    let ev = events(&scope, "cdcbasic.public.items");
    let ops: Vec<String> = ev
        .iter()
        .map(|(_, v)| {
            v.get("op")
                .and_then(Value::as_str)
                .unwrap_or("tombstone")
                .to_string()
        })
        .collect();
    assert_eq!(ops, ["r", "c", "u", "d", "tombstone", "t"], "{ev:?}");

    // Snapshot read: every type as Debezium writes it (numeric(10,2) as Connect's Decimal:
    // base64 of the unscaled 1250; timestamptz padded to the column's 6 digits).
    let (k, v) = &ev[0];
    assert_eq!(k, &json!({"id": 1}));
    assert_eq!(v["before"], Value::Null);
    assert_eq!(
        v["after"],
        json!({"id": 1, "name": "one", "amount": "BOI=", "happened": 1705314030123456i64,
               "happened_tz": "2024-01-15T08:20:30.500000Z", "day": 19737, "flag": true, "doc": "{\"a\": 1}",
               "note": null, "big": 9007199254740993i64, "ratio": 0.25})
    );
    let src = &v["source"];
    assert_eq!(src["connector"], "postgresql");
    assert_eq!(src["name"], "cdcbasic");
    assert_eq!(src["db"], "cdc_basic");
    assert_eq!(src["schema"], "public");
    assert_eq!(src["table"], "items");
    assert_eq!(src["snapshot"], "last");
    assert!(v["ts_ms"].as_i64().unwrap() > 1_600_000_000_000);

    // Insert with NULLs.
    let (k, v) = &ev[1];
    assert_eq!(k, &json!({"id": 2}));
    assert_eq!(v["after"]["amount"], "Cg==", "0.10 at scale 2: unscaled 10");
    assert_eq!(v["after"]["flag"], false);
    assert_eq!(v["after"]["happened"], Value::Null);
    assert_eq!(v["after"]["note"], Value::Null);
    let s = &v["source"];
    assert_eq!(s["snapshot"], "false");
    assert!(s["txId"].as_i64().unwrap() > 0);
    let lsn = s["lsn"].as_u64().unwrap();
    assert!(lsn > 0);
    let seq: Vec<Option<String>> = serde_json::from_str(s["sequence"].as_str().unwrap()).unwrap();
    assert_eq!(seq[1].as_deref(), Some(lsn.to_string().as_str()));
    assert!(
        s["ts_ms"].as_i64().unwrap() > 1_600_000_000_000,
        "commit time"
    );

    // Update with the default replica identity: no before.
    let (k, v) = &ev[2];
    assert_eq!(k, &json!({"id": 2}));
    assert_eq!(v["before"], Value::Null);
    assert_eq!(v["after"]["name"], "deux");
    assert_eq!(v["after"]["note"], "n");
    assert!(v["source"]["txId"].as_i64() > ev[1].1["source"]["txId"].as_i64());

    // Delete: key columns in before, others null (a NOT NULL text column: Debezium's ""
    // fallback); then the tombstone with the same key.
    let (k, v) = &ev[3];
    assert_eq!(k, &json!({"id": 1}));
    assert_eq!(v["after"], Value::Null);
    assert_eq!(v["before"]["id"], 1);
    assert_eq!(v["before"]["name"], "");
    assert_eq!(v["before"]["amount"], Value::Null);
    assert_eq!(ev[4], (json!({"id": 1}), Value::Null));

    // Truncate: no key, no rows.
    let (k, v) = &ev[5];
    assert_eq!(k, &Value::Null);
    assert_eq!(v["before"], Value::Null);
    assert_eq!(v["after"], Value::Null);
    assert_eq!(v["source"]["table"], "items");

    // Restarting with nothing new publishes nothing.
    let third = start(&scope, &["c_basic"]);
    assert_eq!(last_stats(&third)["events"], 0);
    assert_eq!(events(&scope, "cdcbasic.public.items").len(), 6);
}

#[test]
fn full_identity_primary_key_change_and_unchanged_toast() {
    let scope = stack().scope("cdc_toast");
    scope.psql(
        "CREATE TABLE docs (id int PRIMARY KEY, body text, n int);
         ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;
         CREATE TABLE plain (id int PRIMARY KEY, v text);",
    );
    // Create the slot with nothing to snapshot, then change.
    start(
        &scope,
        &[
            "c_toast",
            "--table",
            "public.docs",
            "--table",
            "public.plain",
            "--topic-prefix",
            "cdctoast",
            "--snapshot",
            "never",
        ],
    );
    let body: String =
        scope.psql("SELECT string_agg(md5(g::text), '') FROM generate_series(1, 300) g");
    assert!(body.len() > 8000);
    scope.psql(&format!(
        "INSERT INTO docs VALUES (1, '{body}', 0);
         UPDATE docs SET n = 1 WHERE id = 1;
         ALTER TABLE docs REPLICA IDENTITY FULL;
         UPDATE docs SET n = 2 WHERE id = 1;
         UPDATE docs SET id = 10 WHERE id = 1;
         INSERT INTO plain VALUES (1, 'a');
         UPDATE plain SET id = 2 WHERE id = 1;"
    ));
    start(&scope, &["c_toast"]);

    let ev = events(&scope, "cdctoast.public.docs");
    let ops: Vec<&str> = ev
        .iter()
        .map(|(_, v)| v.get("op").and_then(Value::as_str).unwrap_or("tombstone"))
        .collect();
    assert_eq!(ops, ["c", "u", "u", "d", "tombstone", "c"], "{ev:?}");
    assert_eq!(ev[0].1["after"]["body"], body.as_str());
    // Default identity, body untouched: the TOASTed value is not in the WAL.
    assert_eq!(ev[1].1["before"], Value::Null);
    assert_eq!(ev[1].1["after"]["body"], "__debezium_unavailable_value");
    assert_eq!(ev[1].1["after"]["n"], 1);
    // FULL identity: the whole old row, and the unchanged value copied from it.
    assert_eq!(ev[2].1["before"], json!({"id": 1, "body": body, "n": 1}));
    assert_eq!(ev[2].1["after"], json!({"id": 1, "body": body, "n": 2}));
    // Primary-key change: delete + tombstone for the old key, create for the new one.
    assert_eq!(ev[3].0, json!({"id": 1}));
    assert_eq!(ev[3].1["before"]["n"], 2);
    assert_eq!(ev[3].1["after"], Value::Null);
    assert_eq!(ev[4], (json!({"id": 1}), Value::Null));
    assert_eq!(ev[5].0, json!({"id": 10}));
    assert_eq!(ev[5].1["before"], Value::Null);
    assert_eq!(ev[5].1["after"]["id"], 10);
    assert_eq!(ev[5].1["after"]["body"], body.as_str());

    // Same with the default identity: the old key alone.
    let ev = events(&scope, "cdctoast.public.plain");
    let ops: Vec<&str> = ev
        .iter()
        .map(|(_, v)| v.get("op").and_then(Value::as_str).unwrap_or("tombstone"))
        .collect();
    assert_eq!(ops, ["c", "d", "tombstone", "c"], "{ev:?}");
    assert_eq!(ev[1].1["before"], json!({"id": 1, "v": null}));
    assert_eq!(ev[3].1["after"], json!({"id": 2, "v": "a"}));
}

#[test]
fn options_schemas_double_and_no_tombstones() {
    let scope = stack().scope("cdc_opts");
    scope.psql("CREATE TABLE m (id bigint PRIMARY KEY, price numeric(12,3) NOT NULL, at timestamp(3)); INSERT INTO m VALUES (5, 1.5, '1970-01-01 00:00:02.5')");
    start(
        &scope,
        &[
            "c_opts",
            "--table",
            "m",
            "--topic-prefix",
            "cdcopts",
            "--schemas-enable",
            "--decimal-handling",
            "double",
            "--no-tombstones",
        ],
    );
    scope.psql("DELETE FROM m");
    // The format is fixed at creation: a restart without the flags keeps it, a different one is refused.
    let r = scope
        .run(&[
            "connector",
            "start",
            "c_opts",
            "--decimal-handling",
            "string",
            "--until-idle",
        ])
        .code(2);
    assert!(r.stderr.contains("decimal-handling"), "{}", r.stderr);
    start(&scope, &["c_opts"]);
    let ev = events(&scope, "cdcopts.public.m");
    assert_eq!(ev.len(), 2, "a read and a delete, no tombstone: {ev:?}");
    let (k, v) = &ev[0];
    assert_eq!(k["payload"], json!({"id": 5}));
    assert_eq!(
        k["schema"]["fields"][0],
        json!({"type": "int64", "optional": false, "field": "id"})
    );
    assert_eq!(
        v["payload"]["after"],
        json!({"id": 5, "price": 1.5, "at": 2500})
    );
    assert_eq!(v["payload"]["op"], "r");
    let after_schema = &v["schema"]["fields"][1];
    assert_eq!(after_schema["field"], "after");
    assert_eq!(
        after_schema["fields"][1],
        json!({"type": "double", "optional": false, "field": "price"})
    );
    assert_eq!(
        after_schema["fields"][2]["name"],
        "io.debezium.time.Timestamp"
    );
    assert_eq!(
        v["schema"]["fields"][2]["name"],
        "io.debezium.connector.postgresql.Source"
    );
    assert_eq!(ev[1].1["payload"]["op"], "d");
}

#[test]
fn large_transaction_arrives_whole() {
    let scope = stack().scope("cdc_large");
    scope.psql("CREATE TABLE big (id int PRIMARY KEY, label text)");
    start(
        &scope,
        &[
            "c_large",
            "--table",
            "public.big",
            "--topic-prefix",
            "cdclarge",
            "--snapshot",
            "never",
        ],
    );
    scope.psql("INSERT INTO big SELECT g, 'row ' || g FROM generate_series(1, 100000) g");
    let run = start(&scope, &["c_large", "--batch-changes", "1000"]);
    let stats = last_stats(&run);
    assert_eq!(stats["transactions"], 1);
    assert_eq!(stats["events"], 100_000);
    let offsets = scope
        .kafka_tool(&["offsets", "cdclarge.public.big"])
        .ok()
        .json();
    assert_eq!(offsets["0"][1], 100_000);
    let ev = events(&scope, "cdclarge.public.big");
    assert_eq!(ev.len(), 100_000);
    let mut seen = vec![false; 100_001];
    for (k, v) in &ev {
        let id = k["id"].as_u64().unwrap() as usize;
        assert!(!seen[id], "id {id} twice");
        seen[id] = true;
        assert_eq!(v["after"]["label"], format!("row {id}"));
        assert_eq!(v["op"], "c");
    }
    assert!(seen[1..].iter().all(|s| *s));
    // The slot moved past the transaction: nothing is re-sent.
    let again = start(&scope, &["c_large"]);
    assert_eq!(last_stats(&again)["events"], 0);
}

#[test]
fn a_backlog_of_one_row_transactions_arrives_whole() {
    // Three events a transaction (BEGIN, the row, COMMIT), read in turns of many events at
    // a time when the server has them ready: every change arrives once. (That a turn
    // handles all it takes is unit-tested beside it, `take_ready`: on a debug build this
    // backlog rarely has a turn's worth ready.)
    let scope = stack().scope("cdc_small_tx");
    scope.psql("CREATE TABLE small (id int PRIMARY KEY, label text)");
    let prepare = [
        "c_small",
        "--table",
        "public.small",
        "--topic-prefix",
        "cdcsmall",
        "--snapshot",
        "never",
    ];
    start(&scope, &prepare);
    const N: usize = 20_000;
    scope.psql(&format!(
        "DO $$ BEGIN FOR i IN 1..{N} LOOP \
           INSERT INTO small VALUES (i, 'row ' || i); COMMIT; \
         END LOOP; END $$"
    ));
    let stats = last_stats(&start(&scope, &["c_small"]));
    assert_eq!(stats["transactions"], N);
    assert_eq!(stats["events"], N);
    let ev = events(&scope, "cdcsmall.public.small");
    assert_eq!(ev.len(), N);
    let mut seen = vec![false; N + 1];
    for (k, v) in &ev {
        let id = k["id"].as_u64().unwrap() as usize;
        assert!(!seen[id], "id {id} twice");
        seen[id] = true;
        assert_eq!(v["after"]["label"], format!("row {id}"));
    }
    assert!(seen[1..].iter().all(|s| *s));
    // Each transaction its own: its id in source.txId, ids rising with the rows.
    let tx: Vec<i64> = ev
        .iter()
        .map(|(_, v)| v["source"]["txId"].as_i64().unwrap())
        .collect();
    assert!(
        tx.windows(2).all(|w| w[0] < w[1]),
        "one transaction per row"
    );
    let again = start(&scope, &["c_small"]);
    assert_eq!(last_stats(&again)["events"], 0);
}

#[test]
fn snapshot_to_stream_switch_loses_and_doubles_nothing() {
    let scope = stack().scope("cdc_switch");
    scope.psql("CREATE TABLE s (id int PRIMARY KEY, v int); INSERT INTO s SELECT g, 0 FROM generate_series(1, 30000) g");
    // Writers commit while the engine creates its slot and snapshots.
    let mut engine = scope.cmd(&[
        "-o",
        "json",
        "connector",
        "start",
        "c_switch",
        "--table",
        "s",
        "--topic-prefix",
        "cdcswitch",
    ]);
    engine.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = engine.spawn().unwrap();
    for i in 0..200 {
        scope.psql(&format!("INSERT INTO s VALUES ({}, 1)", 30001 + i));
    }
    // Let the engine catch up, then stop it the way an operator would.
    wait_for(
        "the snapshot to finish",
        std::time::Duration::from_secs(120),
        || {
            let st = scope.run(&["-o", "json", "connector", "status", "c_switch"]);
            st.code == 0 && st.json()["snapshot_done"] == true
        },
    );
    scope.run(&["connector", "stop", "c_switch"]).ok();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start(&scope, &["c_switch"]);

    let mut count: BTreeMap<u64, usize> = BTreeMap::new();
    for (k, v) in events(&scope, "cdcswitch.public.s") {
        assert!(matches!(v["op"].as_str(), Some("r" | "c")), "{v}");
        *count.entry(k["id"].as_u64().unwrap()).or_default() += 1;
    }
    assert_eq!(count.len(), 30200, "every row exactly once");
    assert!(
        count.values().all(|n| *n == 1),
        "doubles: {:?}",
        count
            .iter()
            .filter(|(_, n)| **n > 1)
            .take(5)
            .collect::<Vec<_>>()
    );
}

#[test]
fn list_status_and_delete() {
    let scope = stack().scope("cdc_manage");
    scope.psql("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)");
    start(
        &scope,
        &[
            "c_manage",
            "--table",
            "public.t",
            "--topic-prefix",
            "cdcmanage",
        ],
    );
    let list = scope.run(&["-o", "json", "connector", "list"]).ok().json();
    let c = list["connectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "c_manage")
        .expect("listed")
        .clone();
    assert_eq!(c["state"], "stopped");
    assert_eq!(c["tables"], json!(["public.t"]));
    assert_eq!(c["topics"], json!(["cdcmanage.public.t"]));
    assert_eq!(c["slot"], "c_manage");
    assert_eq!(c["publication"], "c_manage_pub");
    assert_eq!(c["created_publication"], true);
    assert!(c["last_lsn"].as_str().unwrap().contains('/'));
    assert!(c["slot_lag_bytes"].as_i64().unwrap() >= 0);
    assert_eq!(c["lag_warning"], false);

    // WAL written after the engine stopped shows up as lag, and above the threshold as a warning.
    scope.psql("INSERT INTO t SELECT g FROM generate_series(2, 2000) g");
    let st = scope
        .run(&[
            "-o",
            "json",
            "connector",
            "status",
            "c_manage",
            "--lag-warn-bytes",
            "1000",
        ])
        .ok();
    let v = st.json();
    assert!(v["slot_lag_bytes"].as_i64().unwrap() > 1000, "{v}");
    assert_eq!(v["lag_warning"], true);
    assert!(
        st.stderr.contains("holds") && st.stderr.contains("connector delete c_manage"),
        "{}",
        st.stderr
    );
    let human = scope.run(&["connector", "status", "c_manage"]).ok();
    assert!(
        human.stdout.contains("public.t") && human.stdout.contains("cdcmanage.public.t"),
        "{}",
        human.stdout
    );

    // Delete asks first; without a terminal and --yes it refuses and changes nothing.
    scope.run(&["connector", "delete", "c_manage"]).code(2);
    assert_eq!(
        scope.psql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'c_manage'"),
        "1"
    );
    let d = scope
        .run(&["-o", "json", "--yes", "connector", "delete", "c_manage"])
        .ok()
        .json();
    assert_eq!(d["slot_dropped"], true);
    assert_eq!(d["publication_dropped"], true);
    assert_eq!(
        scope.psql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'c_manage'"),
        "0"
    );
    assert_eq!(
        scope.psql("SELECT count(*) FROM pg_publication WHERE pubname = 'c_manage_pub'"),
        "0"
    );
    scope.run(&["connector", "status", "c_manage"]).code(1);
}

#[test]
fn refuses_unknown_tables_and_bad_names() {
    let scope = stack().scope("cdc_errors");
    let r = scope
        .run(&[
            "connector",
            "start",
            "c_err",
            "--table",
            "public.nope",
            "--until-idle",
        ])
        .code(1);
    assert!(
        r.stderr.contains("public.nope") && r.stderr.contains("does not exist"),
        "{}",
        r.stderr
    );
    let r = scope
        .run(&[
            "connector",
            "start",
            "c-err",
            "--slot",
            "Bad-Slot",
            "--table",
            "x",
        ])
        .code(2);
    assert!(r.stderr.contains("Bad-Slot"), "{}", r.stderr);
    assert_eq!(
        scope.psql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'c_err'"),
        "0"
    );
}

#[test]
fn snapshot_modes_initial_only_and_always_skip_what_the_snapshot_holds() {
    let scope = stack().scope("cdc_modes");
    scope.psql(
        "CREATE TABLE r (id int PRIMARY KEY, v text); INSERT INTO r VALUES (1, 'a'), (2, 'b')",
    );
    // initial-only: read the rows, create the slot, exit without streaming.
    let first = scope
        .run(&[
            "-o",
            "json",
            "connector",
            "start",
            "c_modes",
            "--table",
            "r",
            "--topic-prefix",
            "cdcmodes",
            "--snapshot",
            "initial-only",
        ])
        .ok();
    assert_eq!(last_stats(&first)["snapshot_rows"], 2);
    scope.psql("INSERT INTO r VALUES (3, 'c')");
    // always: a new snapshot holds row 3, so its streamed insert is skipped, not doubled.
    let second = start(&scope, &["c_modes", "--snapshot", "always"]);
    let st = last_stats(&second);
    assert_eq!(st["snapshot_rows"], 3);
    assert_eq!(st["skipped_transactions"], 1);
    assert_eq!(st["transactions"], 0);
    let ev = events(&scope, "cdcmodes.public.r");
    let got: Vec<(String, i64, String)> = ev
        .iter()
        .map(|(k, v)| {
            (
                v["op"].as_str().unwrap().to_string(),
                k["id"].as_i64().unwrap(),
                v["source"]["snapshot"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, i64, String)> = [
        ("r", 1, "first"),
        ("r", 2, "last"),
        ("r", 1, "first"),
        ("r", 2, "true"),
        ("r", 3, "last"),
    ]
    .iter()
    .map(|(o, i, s)| (o.to_string(), *i, s.to_string()))
    .collect();
    assert_eq!(got, want);
    // Later changes stream normally.
    scope.psql("UPDATE r SET v = 'z' WHERE id = 3");
    let third = start(&scope, &["c_modes", "--snapshot", "initial"]);
    assert_eq!(last_stats(&third)["transactions"], 1);
    let ev = events(&scope, "cdcmodes.public.r");
    assert_eq!(ev.last().unwrap().1["op"], "u");
    assert_eq!(ev.last().unwrap().1["after"]["v"], "z");
}

#[test]
fn connector_stop_asks_through_the_state_row_and_signals_no_pid() {
    let scope = stack().scope("cdc_stop_req");
    scope.psql("CREATE TABLE t (id int PRIMARY KEY)");
    // A process whose pid is forged into the state row, with another host's name: a
    // stop must neither signal it nor care where the engine runs.
    let mut bystander = std::process::Command::new("sleep")
        .arg("600")
        .spawn()
        .unwrap();
    let engine = scope.spawn_logged(
        "engine",
        &[
            "-o",
            "json",
            "connector",
            "start",
            "c_stopreq",
            "--table",
            "public.t",
            "--topic-prefix",
            "cdcstopreq",
        ],
    );
    let mut engine = engine;
    wait_for(
        "the engine to run",
        std::time::Duration::from_secs(120),
        || {
            let st = scope.run(&["-o", "json", "connector", "status", "c_stopreq"]);
            st.code == 0 && st.json()["state"] == "running"
        },
    );
    scope.psql(&format!(
        "CREATE FUNCTION forge() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN NEW.engine_pid := {pid}; NEW.engine_host := 'another-host.example'; RETURN NEW; END $$;
         CREATE TRIGGER forge BEFORE UPDATE ON livedbctl_connectors FOR EACH ROW EXECUTE FUNCTION forge();
         UPDATE livedbctl_connectors SET engine_pid = engine_pid WHERE name = 'c_stopreq'",
        pid = bystander.id()
    ));
    scope.psql("INSERT INTO t VALUES (1)");
    let r = scope.run(&["connector", "stop", "c_stopreq"]).ok();
    assert!(
        r.stdout
            .contains("connector `c_stopreq` (on host `another-host.example`) stopped"),
        "{}",
        r.stdout
    );
    let status = engine.wait().unwrap();
    let (out, err) = scope.output_of("engine");
    assert!(status.success(), "{err}");
    let last: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["phase"], "stopped");
    assert!(
        bystander.try_wait().unwrap().is_none(),
        "the pid forged into the state row was signalled"
    );
    bystander.kill().unwrap();
    let _ = bystander.wait();
    // The stop request of the last run does not stop the next one; a new request does.
    scope.psql("DROP TRIGGER forge ON livedbctl_connectors");
    let t0 = scope.psql("SELECT clock_timestamp()::text");
    let mut second = scope.spawn_logged("engine2", &["connector", "start", "c_stopreq"]);
    scope.psql("INSERT INTO t VALUES (2)");
    wait_for(
        "the second run to outlive several reads of the stop request",
        std::time::Duration::from_secs(120),
        || {
            assert!(
                second.try_wait().unwrap().is_none(),
                "{:?}",
                scope.output_of("engine2")
            );
            scope.psql(&format!(
                "SELECT coalesce(heartbeat_at > '{t0}'::timestamptz + interval '4 seconds', false) \
                 FROM livedbctl_connectors WHERE name = 'c_stopreq'"
            )) == "t"
        },
    );
    scope.run(&["connector", "stop", "c_stopreq"]).ok();
    assert!(second.wait().unwrap().success());
    let (keys, _): (Vec<Value>, Vec<Value>) =
        events(&scope, "cdcstopreq.public.t").into_iter().unzip();
    assert_eq!(keys, [json!({"id": 1}), json!({"id": 2})]);
    // Not running: nothing to ask.
    let r = scope.run(&["connector", "stop", "c_stopreq"]).ok();
    assert!(r.stdout.contains("is not running"), "{}", r.stdout);
}
