//! The built-in engine against real Debezium (3.6.3 on a Kafka Connect worker), on one
//! database and one series of changes: every record of every topic the two write is
//! compared field by field — keys, values (with schemas and without), headers and
//! tombstones — over the README's whole type table, the snapshot and the stream, a
//! primary-key change, an unchanged TOASTed value, REPLICA IDENTITY FULL, a truncate
//! (`--skipped-operations none`), logical decoding messages, transaction metadata and
//! heartbeats. Only what docs/connector.md lists under "What still differs" may differ:
//! [`allowed`] is that list, path by path; anything else fails the test.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;

use crate::cdc_debezium::{TYPES_COLUMNS, TYPES_DDL, TYPES_ROW};
use crate::harness::connect::Worker;
use crate::harness::*;

/// Topic prefixes of the two engines: long enough never to occur in the data, so the one
/// is replaced by the other before comparing.
const BUILTIN: &str = "engine_builtin";
const DEBEZIUM: &str = "engine_debezium";
const SAME: &str = "PREFIX";

const TABLES: [&str; 4] = [
    "public.dbz_types",
    "public.cust",
    "public.full_row",
    "public.toasty",
];

/// What kind of record a value is, for [`allowed`].
#[derive(Clone, Copy)]
struct Kind<'a> {
    /// The envelope's `op` (None: not a change event).
    op: Option<&'a str>,
    /// A logical decoding message outside any transaction (no xid, no commit time).
    loose_message: bool,
}

/// Where a difference is expected, and why (docs/connector.md, "What still differs").
/// `path` is the field's path in the envelope (`payload.` stripped); `a` and `b` the two
/// values (built-in, Debezium).
fn allowed(path: &str, kind: Kind<'_>, a: &Value, b: &Value) -> bool {
    if path == "data_collections" {
        // A transaction's END record: Debezium names the entry of its logical decoding
        // messages by a Java object's identity (`...LogicalDecodingMessageId@5115f509`,
        // another hash every run) and lists the entries in a hash map's order; livedbctl
        // writes LOGICAL_DECODING_MESSAGE, in the order first seen. The entries and their
        // counts are the same.
        return a != b && collections(a) == collections(b);
    }
    match path {
        // "source.version is livedbctl-<version>": the events say who wrote them.
        "source.version" => true,
        // The envelope's ts_* are when each engine wrote the event (a heartbeat's, when it
        // beat).
        "ts_ms" | "ts_us" | "ts_ns" => true,
        // A message outside any transaction has no commit time: each engine stamps it
        // when it reads it.
        "source.ts_ms" | "source.ts_us" | "source.ts_ns" if kind.loose_message => true,
        // Two snapshots are two transactions at two moments: their xid, start time and WAL
        // position differ; the rows they read do not.
        "source.ts_ms" | "source.ts_us" | "source.ts_ns" | "source.txId" | "source.lsn"
        | "source.sequence" | "source.xmin" => kind.op == Some("r"),
        _ => false,
    }
}

/// A transaction's `data_collections`, sorted, the logical decoding messages' entry named
/// as livedbctl names it.
fn collections(v: &Value) -> Vec<(String, Value)> {
    let message =
        "io.debezium.connector.postgresql.LogicalDecodingMessageMonitor$LogicalDecodingMessageId@";
    let mut entries: Vec<(String, Value)> = v
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let name = e["data_collection"].as_str().unwrap_or_default();
            let name = if name.starts_with(message) {
                "LOGICAL_DECODING_MESSAGE"
            } else {
                name
            };
            (name.to_string(), e["event_count"].clone())
        })
        .collect();
    entries.sort_by(|x, y| x.0.cmp(&y.0));
    entries
}

struct Rec {
    key: Option<String>,
    value: Option<String>,
    headers: Value,
}

fn read(scope: &Scope, topic: &str) -> Vec<Rec> {
    records(scope.read_topic(topic))
}

/// The first record of a topic that keeps growing (heartbeats).
fn first(scope: &Scope, topic: &str) -> Rec {
    let lines = scope
        .kafka_tool(&["consume", topic, "--max", "1", "--timeout", "180"])
        .ok()
        .json_lines();
    records(lines).into_iter().next().expect("a record")
}

fn records(lines: Vec<Value>) -> Vec<Rec> {
    lines
        .into_iter()
        .map(|r| Rec {
            key: r["key"]
                .as_str()
                .map(|s| s.replace(BUILTIN, SAME).replace(DEBEZIUM, SAME)),
            value: r["value"]
                .as_str()
                .map(|s| s.replace(BUILTIN, SAME).replace(DEBEZIUM, SAME)),
            headers: serde_json::from_str(
                &r["headers"]
                    .to_string()
                    .replace(BUILTIN, SAME)
                    .replace(DEBEZIUM, SAME),
            )
            .unwrap(),
        })
        .collect()
}

fn count(scope: &Scope, topic: &str) -> u64 {
    let r = scope.kafka_tool(&["offsets", topic]);
    if r.code != 0 {
        return 0;
    }
    r.json()["0"][1].as_u64().unwrap_or(0)
}

/// Every difference between `a` (built-in) and `b` (Debezium) under `path`, the allowed
/// ones left out.
fn diff(path: &str, a: &Value, b: &Value, kind: Kind<'_>, out: &mut Vec<String>) {
    if allowed(path, kind, a, b) {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let xk: Vec<&String> = x.keys().collect();
            let yk: Vec<&String> = y.keys().collect();
            if xk != yk {
                out.push(format!("{path}: fields {xk:?} vs {yk:?}"));
            }
            for (k, v) in x {
                if let Some(w) = y.get(k) {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    diff(&p, v, w, kind, out);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}[{i}]"), v, w, kind, out);
            }
        }
        _ if a != b => out.push(format!("{path}: {a} vs {b}")),
        _ => {}
    }
}

/// Compare one record: key and headers exactly, the value's schema exactly and its
/// payload field by field.
fn compare(topic: &str, i: usize, a: &Rec, b: &Rec, out: &mut Vec<String>) {
    let at = format!("{topic} #{i}");
    if a.key != b.key {
        out.push(format!("{at} key: {:?} vs {:?}", a.key, b.key));
    }
    if a.headers != b.headers {
        out.push(format!("{at} headers: {} vs {}", a.headers, b.headers));
    }
    match (&a.value, &b.value) {
        (None, None) => {}
        (Some(x), Some(y)) => {
            let x: Value = serde_json::from_str(x).unwrap();
            let y: Value = serde_json::from_str(y).unwrap();
            let (xs, xp) = split_schema(&x);
            let (ys, yp) = split_schema(&y);
            if xs != ys {
                let mut d = Vec::new();
                let kind = Kind {
                    op: None,
                    loose_message: false,
                };
                diff("schema", &xs, &ys, kind, &mut d);
                out.extend(d.into_iter().map(|d| format!("{at} {d}")));
            }
            let op = yp["op"].as_str();
            let kind = Kind {
                op,
                loose_message: op == Some("m") && yp["source"]["txId"].is_null(),
            };
            let mut d = Vec::new();
            diff("", &xp, &yp, kind, &mut d);
            out.extend(d.into_iter().map(|d| format!("{at} {d}")));
        }
        _ => out.push(format!(
            "{at} value: {:?} vs {:?} (a tombstone on one side only)",
            a.value, b.value
        )),
    }
}

fn split_schema(v: &Value) -> (Value, Value) {
    match (v.get("schema"), v.get("payload")) {
        (Some(s), Some(p)) => (s.clone(), p.clone()),
        _ => (Value::Null, v.clone()),
    }
}

/// One pair of connectors: the same flags, one engine each.
struct Pair {
    tag: &'static str,
    flags: &'static [&'static str],
}

impl Pair {
    fn name(&self, engine: &str) -> String {
        format!("{}_{engine}", self.tag)
    }
    fn prefix(&self, engine: &str) -> String {
        format!("{engine}_{}", self.tag)
    }
    fn args(&self, engine: &str, prefix: &str) -> Vec<String> {
        let mut a: Vec<String> = vec![
            "-o".into(),
            "json".into(),
            "connector".into(),
            "start".into(),
            self.name(engine),
            "--topic-prefix".into(),
            prefix.into(),
        ];
        for t in TABLES {
            a.extend(["--table".into(), t.into()]);
        }
        a.extend(self.flags.iter().map(|s| s.to_string()));
        a
    }
    fn start_debezium(&self, scope: &Scope) {
        let mut a = self.args("d", &self.prefix(DEBEZIUM));
        a.extend(["--remote".into(), "--timeout".into(), "300s".into()]);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        scope.run(&a).ok();
    }
    /// The built-in engine until everything available is delivered.
    fn run_builtin(&self, scope: &Scope) {
        let mut a = self.args("b", &self.prefix(BUILTIN));
        a.extend(["--builtin".into(), "--until-idle".into()]);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        scope.run(&a).ok();
    }
}

const PAIRS: [Pair; 2] = [
    Pair {
        tag: "s",
        flags: &[
            "--schemas-enable",
            "--transaction-metadata",
            "--skipped-operations",
            "none",
        ],
    },
    Pair {
        tag: "p",
        flags: &["--skipped-operations", "none", "--heartbeat-interval", "1s"],
    },
];

const TABLES_DDL: &str = "
CREATE TABLE cust (id int PRIMARY KEY, name text NOT NULL, email text, score numeric(6,2) DEFAULT 0);
CREATE TABLE full_row (id int PRIMARY KEY, note text, n int);
ALTER TABLE full_row REPLICA IDENTITY FULL;
CREATE TABLE toasty (id int PRIMARY KEY, n int, big text);
ALTER TABLE toasty ALTER COLUMN big SET STORAGE EXTERNAL;
";

const SNAPSHOT_ROWS: &str = "
INSERT INTO cust VALUES (1, 'Sally', 'sally@example.com', 1.5), (2, 'George', NULL, 2), (3, 'Edward', 'ed@walker.com', NULL);
INSERT INTO full_row VALUES (1, 'one', 1), (2, 'two', 2);
INSERT INTO toasty SELECT 1, 0, string_agg(md5(g::text), '') FROM generate_series(1, 400) g;
";

/// The stream: each statement its own transaction but the ones grouped explicitly.
const CHANGES: [&str; 11] = [
    "INSERT INTO dbz_types DEFAULT VALUES",
    "UPDATE cust SET name = 'Sally Thomas', score = 3.25 WHERE id = 1",
    "UPDATE cust SET id = 7 WHERE id = 2",
    "DELETE FROM cust WHERE id = 3",
    "BEGIN; UPDATE full_row SET note = 'uno', n = 11 WHERE id = 1; DELETE FROM full_row WHERE id = 2; INSERT INTO cust VALUES (10, 'Ten', NULL); COMMIT",
    "UPDATE toasty SET n = n + 1 WHERE id = 1",
    "BEGIN; INSERT INTO cust VALUES (11, 'Eleven', 'e@x'); SELECT pg_logical_emit_message(true, 'diff', 'in a transaction'); COMMIT",
    "SELECT pg_logical_emit_message(false, 'diff', 'outside one')",
    "TRUNCATE full_row",
    "INSERT INTO full_row VALUES (3, 'after truncate', 3)",
    "DELETE FROM toasty WHERE id = 1",
];

#[test]
fn builtin_engine_and_debezium_write_the_same_records() {
    let stack = module_stack("cdc_differential");
    let worker = Worker::start("cdc_differential", stack);
    let scope = worker.scope("cdc_diff");
    scope.psql(TYPES_DDL);
    scope.psql(&format!(
        "INSERT INTO dbz_types ({TYPES_COLUMNS}) VALUES {TYPES_ROW}"
    ));
    scope.psql(TABLES_DDL);
    scope.psql(SNAPSHOT_ROWS);

    // Both engines snapshot the same rows, then stream the same changes.
    for p in &PAIRS {
        p.start_debezium(&scope);
        p.run_builtin(&scope);
    }
    // Debezium's snapshot is over (its every row is out) before anything changes: a
    // change it could read in its snapshot and again from the slot would be a difference
    // of timing, not of the engines.
    for p in &PAIRS {
        for (table, rows) in [
            ("dbz_types", 1),
            ("cust", 3),
            ("full_row", 2),
            ("toasty", 1),
        ] {
            let topic = format!("{}.public.{table}", p.prefix(DEBEZIUM));
            wait_for(
                &format!("Debezium's snapshot of {table}"),
                Duration::from_secs(300),
                || count(&scope, &topic) >= rows,
            );
        }
    }
    for sql in CHANGES {
        scope.psql(sql);
    }
    for p in &PAIRS {
        p.run_builtin(&scope);
    }

    let topics = scope.kafka_tool(&["topics"]).ok().json();
    let mut compared = BTreeSet::new();
    let mut differences = Vec::new();
    for p in &PAIRS {
        let (bp, dp) = (p.prefix(BUILTIN), p.prefix(DEBEZIUM));
        let ours: Vec<String> = topics
            .as_object()
            .unwrap()
            .keys()
            .filter(|t| t.starts_with(&format!("{bp}.")))
            .cloned()
            .collect();
        for suffix in [
            "public.dbz_types",
            "public.cust",
            "public.full_row",
            "public.toasty",
            "message",
        ] {
            assert!(
                ours.contains(&format!("{bp}.{suffix}")),
                "the built-in engine wrote no {bp}.{suffix}: {ours:?}"
            );
        }
        for b_topic in &ours {
            let d_topic = b_topic.replacen(&bp, &dp, 1);
            let n = count(&scope, b_topic);
            wait_for(
                &format!("Debezium's {n} records on {d_topic}"),
                Duration::from_secs(300),
                || count(&scope, &d_topic) >= n,
            );
            let (a, b) = (read(&scope, b_topic), read(&scope, &d_topic));
            if a.len() != b.len() {
                differences.push(format!(
                    "{b_topic}: {} records, Debezium's {d_topic}: {}",
                    a.len(),
                    b.len()
                ));
            }
            for (i, (x, y)) in a.iter().zip(&b).enumerate() {
                compare(b_topic, i, x, y, &mut differences);
            }
            compared.insert(b_topic.replacen(&bp, SAME, 1) + " " + p.tag);
        }
    }
    // Heartbeats: the same key and fields; how many depends on the clock. `--until-idle`
    // ends before a beat is due, so the built-in engine runs a while in the background.
    for p in PAIRS
        .iter()
        .filter(|p| p.flags.contains(&"--heartbeat-interval"))
    {
        let (bp, dp) = (p.prefix(BUILTIN), p.prefix(DEBEZIUM));
        let hb = |prefix: &str| format!("__debezium-heartbeat.{prefix}");
        let mut a = p.args("b", &bp);
        a.push("--builtin".into());
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let mut engine = scope.spawn_logged("heartbeat", &a);
        wait_for(
            "a heartbeat from each engine",
            Duration::from_secs(300),
            || count(&scope, &hb(&bp)) > 0 && count(&scope, &hb(&dp)) > 0,
        );
        interrupt(&engine);
        assert!(
            engine.wait().unwrap().success(),
            "{:?}",
            scope.output_of("heartbeat")
        );
        let (a, b) = (first(&scope, &hb(&bp)), first(&scope, &hb(&dp)));
        compare(&hb(&bp), 0, &a, &b, &mut differences);
        compared.insert(format!("heartbeat {}", p.tag));
    }
    assert!(
        differences.is_empty(),
        "the engines differ beyond docs/connector.md's list:\n{}",
        differences.join("\n")
    );
    // Everything the test means to cover was there to compare.
    for t in [
        "PREFIX.transaction s",
        "PREFIX.message s",
        "PREFIX.message p",
        "heartbeat p",
    ] {
        assert!(compared.contains(t), "{t} not compared: {compared:?}");
    }

    for p in &PAIRS {
        scope
            .run(&["--yes", "connector", "delete", &p.name("d"), "--remote"])
            .ok();
        scope
            .run(&["--yes", "connector", "delete", &p.name("b"), "--builtin"])
            .ok();
    }
}
