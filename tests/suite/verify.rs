//! `verify` against real PostgreSQL and tansu: a pipeline with a row deliberately left
//! unpublished (the producer's offset moved past it, as a lost batch would leave it), a sink
//! row deleted, a sink row set aside as a dead letter and poison records on the topic; then
//! `--repair`, checked with kafka-python.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::harness::*;

/// The stage named `name` of a verify report.
fn stage<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == name)
        .unwrap_or_else(|| panic!("no stage {name} in {report:#}"))
}

fn ranges(ids: &Value) -> Vec<String> {
    ids["ranges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}

/// A stage that agrees: nothing missing, duplicated, different or extra.
fn assert_agrees(st: &Value) {
    assert_eq!(st["checked"], true, "{st:#}");
    for k in ["missing", "duplicated", "different", "extra"] {
        assert_eq!(st[k]["count"], 0, "{k} in {st:#}");
    }
}

/// How many times each id is on `topic`, read by kafka-python (livedb events only).
fn ids_on_topic(scope: &Scope) -> BTreeMap<i64, usize> {
    let mut counts = BTreeMap::new();
    for r in scope
        .kafka_tool(&["consume", &scope.topic, "--timeout", "120"])
        .ok()
        .json_lines()
    {
        let Some(value) = r["value"].as_str() else {
            continue;
        };
        if let Some(id) = serde_json::from_str::<Value>(value)
            .ok()
            .and_then(|v| v["id"].as_i64())
        {
            *counts.entry(id).or_insert(0) += 1;
        }
    }
    counts
}

fn publish(scope: &Scope) {
    scope.wait_rows_settled();
    scope.run(&["produce", "poll", "--once"]).ok();
}

fn sink(scope: &Scope) {
    scope
        .run(&[
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "verify_sink",
            "--map",
            "org=payload.org",
            "--map",
            "amount=payload.amount",
            "--map",
            "region=payload.region",
            "--flush-interval",
            "200ms",
            "-e",
        ])
        .ok();
}

#[test]
fn verify_names_the_unpublished_row_and_the_deleted_sink_row_and_repair_publishes_it_once() {
    let scope = ready("verify_gap");
    scope.run(&["seed", "burst", "--rows", "20", "--once"]).ok();
    publish(&scope);

    // A clean pipeline: exit 0. A sink table that does not exist is not checkable, and the
    // other stages are checked all the same.
    let clean = scope
        .run(&["-o", "json", "verify", "--sink", "no_such_table"])
        .ok()
        .json();
    assert_eq!(clean["ok"], true, "{clean:#}");
    assert_eq!(clean["cut"]["from_id"], 1);
    assert_eq!(clean["cut"]["to_id"], 20);
    let topic = stage(&clean, "topic");
    assert_agrees(topic);
    assert_eq!(
        (topic["expected"].as_u64(), topic["found"].as_u64()),
        (Some(20), Some(20))
    );
    let missing_sink = stage(&clean, "sink:no_such_table");
    assert_eq!(missing_sink["checked"], false);
    assert!(
        missing_sink["reason"]
            .as_str()
            .unwrap()
            .contains("does not exist"),
        "{missing_sink:#}"
    );
    let human = scope.run(&["verify"]).ok();
    assert!(
        human.stdout.contains("all stages agree"),
        "{}",
        human.stdout
    );

    // --since starts the range at the first row created within it.
    scope.psql("UPDATE livedb SET created_at = created_at - interval '2 hours' WHERE id <= 5");
    let recent = scope
        .run(&["-o", "json", "verify", "--since", "1h"])
        .ok()
        .json();
    assert_eq!(recent["cut"]["from_id"], 6, "{recent:#}");
    let topic = stage(&recent, "topic");
    assert_agrees(topic);
    assert_eq!(topic["expected"], 15);
    scope.psql("UPDATE livedb SET created_at = created_at + interval '2 hours' WHERE id <= 5");

    // Row 21 left unpublished: the producer's offset moved past it, as if its batch had
    // been recorded and lost; the rows after it are published as usual.
    let hole: i64 = scope
        .psql("INSERT INTO livedb (org, amount, region) VALUES ('Hole Inc', 12.34, 'eu-west') RETURNING id")
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(hole, 21);
    scope.psql(&format!(
        "UPDATE producer_offsets SET last_id = {hole} WHERE id = 1"
    ));
    scope.run(&["seed", "burst", "--rows", "10", "--once"]).ok();
    publish(&scope);

    // A producer that stopped between publishing and recording its offset (ids up to 31
    // on the topic, offset 25): --repair refuses, sending nothing, and names the fix,
    // which settles it without sending anything again.
    scope.psql("UPDATE producer_offsets SET last_id = 25 WHERE id = 1");
    let refused = scope.run(&["verify", "--repair", "--yes"]).code(1);
    assert!(
        refused.stderr.contains("past the producer's offset 25"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("produce poll --once"),
        "{}",
        refused.stderr
    );
    assert_eq!(ids_on_topic(&scope).get(&hole), None);
    let settled = scope
        .run(&["-o", "json", "produce", "poll", "--once"])
        .ok()
        .json_lines();
    let summary = settled.last().unwrap();
    assert_eq!(
        (summary["published"].as_u64(), summary["skipped"].as_u64()),
        (Some(0), Some(6)),
        "{summary}"
    );
    assert_eq!(
        scope.psql("SELECT last_id FROM producer_offsets WHERE id = 1"),
        "31"
    );

    // Poison on the topic: not JSON, JSON without an id, a tombstone, a 2 MB value.
    let blob = "x".repeat(2 * 1024 * 1024);
    scope.produce_raw(
        &scope.topic,
        &[
            r#"{"key": "p1", "value": "not json {"}"#.to_string(),
            r#"{"key": "p2", "value": "{\"no_id\": true}"}"#.to_string(),
            r#"{"key": "p3", "value": null}"#.to_string(),
            serde_json::json!({"key": "p4", "value": format!("{{\"blob\": \"{blob}\"}}")})
                .to_string(),
        ],
    );

    // The sink: row 25 is refused by the table (set aside as a dead letter), row 7 is
    // then deleted.
    scope.psql(
        "CREATE TABLE verify_sink (id INTEGER PRIMARY KEY CHECK (id <> 25), org TEXT, \
         amount NUMERIC(10, 2), region TEXT)",
    );
    sink(&scope);
    assert_eq!(scope.psql("SELECT count(*) FROM verify_sink"), "29");
    // An aggregate in Redis: the poison records go to TOPIC.dlq.
    scope
        .run(&[
            "consume",
            "aggregate",
            &scope.topic,
            "--key-field",
            "payload.region",
            "--sum",
            "payload.amount",
            "--max-events",
            "1000",
            "--max-time",
            "1h",
            "--exec",
            "true",
            "--prefix",
            "verify_agg",
            "--flush-interval",
            "200ms",
            "-e",
        ])
        .ok();
    let agg_stage = format!("aggregate:verify_agg:{}", scope.topic);
    scope.psql("DELETE FROM verify_sink WHERE id = 7");

    let r = scope.run(&["-o", "json", "verify"]).code(1);
    let report = r.json();
    assert_eq!(report["ok"], false);
    assert_eq!(report["cut"]["max_id"], 31);
    assert_eq!(report["cut"]["producer_last_id"], 31);
    let topic = stage(&report, "topic");
    assert_eq!(ranges(&topic["missing"]), ["21"], "{topic:#}");
    for k in ["duplicated", "different", "extra", "pending"] {
        assert_eq!(topic[k]["count"], 0, "{k} in {topic:#}");
    }
    assert_eq!(
        (topic["expected"].as_u64(), topic["found"].as_u64()),
        (Some(31), Some(30))
    );
    let unreadable: BTreeMap<String, u64> = topic["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["reason"].as_str().unwrap().to_string(),
                u["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        unreadable,
        BTreeMap::from([
            ("not JSON".to_string(), 1),
            ("no integer `id` field".to_string(), 2),
            ("tombstone (no value)".to_string(), 1),
        ])
    );
    let sink_stage = stage(&report, "sink:verify_sink");
    assert_eq!(ranges(&sink_stage["missing"]), ["7"], "{sink_stage:#}");
    for k in ["duplicated", "different", "extra", "pending"] {
        assert_eq!(sink_stage[k]["count"], 0, "{k} in {sink_stage:#}");
    }
    let dead = sink_stage["dead_lettered"].as_array().unwrap();
    assert_eq!(dead.len(), 1, "{sink_stage:#}");
    assert_eq!(ranges(&dead[0]["ids"]), ["25"]);
    assert!(
        dead[0]["reason"].as_str().unwrap().contains("check"),
        "{dead:?}"
    );
    assert!(
        r.stderr
            .contains("verify found differences at: topic, sink:verify_sink"),
        "{}",
        r.stderr
    );
    // The aggregate counted every event the topic holds up to what it applied, less what it
    // set aside; its windows hold each event once, as on the topic.
    let agg = stage(&report, &agg_stage);
    assert_agrees(agg);
    assert_eq!(
        agg["counts"],
        serde_json::json!({"expected": 30, "found": 30}),
        "{agg:#}"
    );
    assert_eq!(agg["found"], 30);
    // The dead letters: the four poison records, none with an id.
    let dlq = stage(&report, "dead_letters");
    assert_eq!(dlq["checked"], true, "{dlq:#}");
    assert_eq!(dlq["found"], 0);
    assert_eq!(
        dlq["unreadable"][0]["reason"],
        "a dead letter without an id"
    );
    assert_eq!(dlq["unreadable"][0]["count"], 4, "{dlq:#}");

    let human = scope.run(&["verify"]).code(1);
    eprintln!("{}", human.stdout);
    assert!(human.stdout.contains("MISMATCH"), "{}", human.stdout);

    // --repair asks first; without a terminal and --yes it is refused and nothing is sent.
    let refused = scope.run(&["verify", "--repair"]).code(2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert_eq!(ids_on_topic(&scope).get(&hole), None);

    // The operator puts the sink row back; --repair republishes row 21 and verifies again.
    scope.psql("INSERT INTO verify_sink SELECT id, org, amount, region FROM livedb WHERE id = 7");
    let repaired = scope
        .run(&["-o", "json", "verify", "--repair", "--yes"])
        .ok()
        .json();
    assert_eq!(repaired["repair"]["ranges"], serde_json::json!(["21"]));
    assert_eq!(repaired["repair"]["published"], 1);
    assert_eq!(
        ranges(&stage(&repaired["repair"]["before"], "topic")["missing"]),
        ["21"]
    );
    assert_eq!(repaired["ok"], true, "{repaired:#}");
    assert_agrees(stage(&repaired, "topic"));
    // The sink has not read the republished event yet: pending, not missing.
    let after_sink = stage(&repaired, "sink:verify_sink");
    assert_agrees(after_sink);
    assert_eq!(ranges(&after_sink["pending"]), ["21"]);
    // The producer's offset did not move back.
    assert_eq!(
        scope.psql("SELECT last_id FROM producer_offsets WHERE id = 1"),
        "31"
    );

    // An independent client sees every row's event exactly once, row 21 included.
    let counts = ids_on_topic(&scope);
    assert_eq!(counts.get(&hole), Some(&1));
    assert_eq!(counts.len(), 31);
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");

    // The sink reads it, and everything agrees with nothing pending.
    sink(&scope);
    let last = scope.run(&["-o", "json", "verify"]).ok().json();
    assert_eq!(last["ok"], true);
    let last_sink = stage(&last, "sink:verify_sink");
    assert_agrees(last_sink);
    assert_eq!(last_sink["pending"]["count"], 0);
    assert_eq!(last_sink["found"], 30);

    // A new producer run after the repair publishes new rows once: the republished event
    // at the end of its partition does not make it send older rows again.
    scope.run(&["seed", "burst", "--rows", "5", "--once"]).ok();
    publish(&scope);
    let counts = ids_on_topic(&scope);
    assert_eq!(counts.len(), 36);
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    scope
        .run(&["verify", "--from-id", "20", "--to-id", "36"])
        .ok();

    // Redis state that no longer matches the topic: one count too many, and a window's
    // event with other content.
    let base = format!("verify_agg:{}", scope.topic);
    scope.redis_cli(&["HINCRBY", &format!("{base}:stats"), "events", "1"]);
    let list = scope.redis_cli(&["--scan", "--pattern", &format!("{base}:window:*:events")]);
    let list = list.lines().next().unwrap().to_string();
    let mut doc: Value = serde_json::from_str(&scope.redis_cli(&["LINDEX", &list, "0"])).unwrap();
    let changed = doc["id"].as_i64().unwrap();
    doc["payload"]["org"] = "Tampered".into();
    scope.redis_cli(&["LSET", &list, "0", &doc.to_string()]);
    let r = scope.run(&["-o", "json", "verify"]).code(1);
    let agg = stage(&r.json(), &agg_stage).clone();
    assert_eq!(
        agg["counts"],
        serde_json::json!({"expected": 30, "found": 31}),
        "{agg:#}"
    );
    assert_eq!(ranges(&agg["different"]), [changed.to_string()], "{agg:#}");
    assert!(
        r.stderr.contains(&format!("differences at: {agg_stage}")),
        "{}",
        r.stderr
    );
}

#[test]
fn verify_of_a_topic_that_does_not_exist_says_so_and_exits_1() {
    let scope = ready("verify_no_topic");
    scope.run(&["seed", "burst", "--rows", "3", "--once"]).ok();
    // The topic does not exist, and Redis is not there.
    let profile = std::fs::read_to_string(&scope.profile)
        .unwrap()
        .replace(
            &format!("topic: {}", scope.topic),
            "topic: verify_no_such_topic",
        )
        .replace(
            &format!("redis://127.0.0.1:{}", scope.stack.redis_port),
            &format!("redis://127.0.0.1:{}", free_port()),
        );
    let other = scope.dir.join("no_topic.yaml");
    std::fs::write(&other, profile).unwrap();
    let mut cmd = livedbctl(&scope.dir);
    cmd.arg("--config")
        .arg(&other)
        .args(["-o", "json", "verify"]);
    let r = run(cmd).code(1);
    let report = r.json();
    let topic = stage(&report, "topic");
    assert_eq!(topic["checked"], false);
    assert!(
        topic["reason"]
            .as_str()
            .unwrap()
            .contains("topic `verify_no_such_topic` does not exist"),
        "{topic:#}"
    );
    assert_eq!(stage(&report, "dead_letters")["checked"], true);
    let redis = stage(&report, "aggregate");
    assert_eq!(redis["checked"], false);
    assert!(
        redis["reason"].as_str().unwrap().contains("Redis"),
        "{redis:#}"
    );
    assert!(r.stderr.contains("could not be checked"), "{}", r.stderr);
    // A range the wrong way round is a usage error.
    let r = scope
        .run(&["verify", "--from-id", "9", "--to-id", "3"])
        .code(2);
    assert!(
        r.stderr.contains("--from-id at or below --to-id"),
        "{}",
        r.stderr
    );
}

/// `connector start` until everything committed is on the topic.
fn capture(scope: &Scope) {
    scope
        .run(&[
            "connector",
            "start",
            "c_verify",
            "--table",
            "public.items",
            "--topic-prefix",
            "vcdc",
            "--until-idle",
        ])
        .ok();
}

#[test]
fn verify_of_a_cdc_topic_compares_the_table_with_the_latest_change_per_key() {
    let scope = stack().scope("verify_cdc");
    scope.psql(
        "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, amount numeric(10,2), qty int);
         INSERT INTO items SELECT i, 'item ' || i, i * 1.5, i FROM generate_series(1, 5) i;",
    );
    capture(&scope);
    scope.psql("UPDATE items SET name = 'deux' WHERE id = 2");
    scope.psql("DELETE FROM items WHERE id = 3");
    scope.psql("INSERT INTO items VALUES (6, 'six', 9.00, 6)");
    capture(&scope);
    let args = [
        "-o",
        "json",
        "verify",
        "--topic",
        "vcdc.public.items",
        "--table",
        "public.items",
    ];
    let clean = scope.run(&args).ok().json();
    let topic = stage(&clean, "topic");
    assert_agrees(topic);
    assert_eq!(topic["found"], 5, "{clean:#}");
    assert_eq!(clean["cut"]["table"], "public.items");

    // Changes the connector has not captured (it is stopped): an update, an insert, a
    // delete, each named by its key.
    scope.psql("UPDATE items SET name = 'changed' WHERE id = 4");
    scope.psql("INSERT INTO items VALUES (7, 'seven', 1.00, 7)");
    scope.psql("DELETE FROM items WHERE id = 5");
    let r = scope.run(&args).code(1);
    let topic = stage(&r.json(), "topic").clone();
    assert_eq!(ranges(&topic["different"]), ["4"], "{topic:#}");
    assert_eq!(ranges(&topic["missing"]), ["7"], "{topic:#}");
    assert_eq!(ranges(&topic["extra"]), ["5"], "{topic:#}");

    // Captured, with a record that is not JSON on the topic: counted, and all agrees.
    capture(&scope);
    scope.produce_raw(
        "vcdc.public.items",
        &[r#"{"key": "{\"id\": 4}", "value": "garbage"}"#.to_string()],
    );
    let after = scope.run(&args).ok().json();
    let topic = stage(&after, "topic");
    assert_agrees(topic);
    assert_eq!(topic["unreadable"][0]["reason"], "not JSON", "{topic:#}");
    assert_eq!(topic["found"], 5);

    // A table without a one-column integer key, and --topic without --table: usage.
    scope.psql("CREATE TABLE pairs (a int, b int, PRIMARY KEY (a, b))");
    let r = scope
        .run(&[
            "verify",
            "--topic",
            "vcdc.public.items",
            "--table",
            "public.pairs",
        ])
        .code(2);
    assert!(r.stderr.contains("one integer column"), "{}", r.stderr);
    scope
        .run(&["verify", "--topic", "vcdc.public.items"])
        .code(2);
}
