//! `produce send`, `consume sink`, `consume aggregate` against the real broker (tansu),
//! PostgreSQL and Redis, cross-checked with kafka-python, psql and redis-cli.

use crate::harness::*;
use serde_json::{json, Value};

mod aggregate_route;
mod poison;

/// kcat -P / rpk produce's options: a fixed key, headers from -H and from a field, one
/// partition, `null` as a tombstone, raw lines; bad lines counted, the run goes on.
#[test]
fn produce_send_keys_headers_partition_tombstones_and_raw() {
    let scope = stack().scope("produce_send_opts");
    let t = "produce_send_opts_t";
    scope.run(&["topic", "create", t, "-p", "3"]).ok();
    let input = [
        r#"{"id": 1, "h": {"trace": "abc", "n": 7}}"#,
        "null",
        r#"{"id": 2, "h": "not an object"}"#, // line 3: bad headers
        r#"{"id": 3}"#,
    ]
    .join("\n");
    let r = scope
        .run_stdin(
            &[
                "-o",
                "json",
                "produce",
                "send",
                t,
                "--key",
                "fixed",
                "-H",
                "src=cli",
                "-H",
                "empty=",
                "--header-field",
                "h",
                "--partition",
                "2",
            ],
            &input,
        )
        .code(1);
    let summary = r.json();
    assert_eq!(
        (
            &summary["delivered"],
            &summary["failed"],
            &summary["tombstones"]
        ),
        (&json!(3), &json!(1), &json!(1)),
        "{summary}"
    );
    assert_eq!(summary["failures"][0]["line"], 3);
    assert_eq!(summary["partitions"], json!({"2": 3}));

    // Raw lines: not JSON, sent as they are.
    let raw = "plain text\n{not json\n";
    let r = scope
        .run_stdin(
            &[
                "-o", "json", "produce", "send", t, "--format", "raw", "--key", "r", "-p", "0",
            ],
            raw,
        )
        .ok();
    assert_eq!(r.json()["delivered"], 2);

    let got = scope.kafka_tool(&["consume", t]).ok().json_lines();
    let p2: Vec<&Value> = got.iter().filter(|m| m["partition"] == 2).collect();
    assert_eq!(p2.len(), 3, "{got:?}");
    assert!(p2.iter().all(|m| m["key"] == "fixed"), "{p2:?}");
    assert_eq!(p2[0]["value"], input.lines().next().unwrap());
    assert_eq!(
        p2[0]["headers"],
        json!({"trace": "abc", "n": "7", "src": "cli", "empty": ""})
    );
    assert_eq!(
        p2[1]["value"],
        Value::Null,
        "the line `null` is a tombstone"
    );
    assert_eq!(p2[1]["headers"], json!({"src": "cli", "empty": ""}));
    assert_eq!(p2[2]["value"], r#"{"id": 3}"#);
    let p0: Vec<&Value> = got.iter().filter(|m| m["partition"] == 0).collect();
    assert_eq!(
        p0.iter()
            .map(|m| m["value"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["plain text", "{not json"]
    );

    // A partition the topic does not have is refused before anything is sent.
    let bad = scope
        .run_stdin(&["produce", "send", t, "--partition", "3"], "{}\n")
        .code(1);
    assert!(bad.stderr.contains("partition"), "{}", bad.stderr);
    let bad = scope
        .run_stdin(&["produce", "send", t, "-H", "nokey"], "{}\n")
        .code(2);
    assert!(bad.stderr.contains("KEY=VALUE"), "{}", bad.stderr);
}

#[test]
fn produce_send_delivers_every_good_line_and_reports_the_rest() {
    let scope = ready("produce_send");
    let input = [
        r#"{"id": 1, "city": "Oslo"}"#,
        r#"{"id": 2, "city": "Bergen"}"#,
        r#"{"id": 3, "city": "#, // line 3: not JSON
        "",                      // line 4: blank
        r#"{"id": 4, "city": "Oslo"}"#,
        r#"{"city": "no id"}"#, // line 6: no key
        r#"{"id": "five", "city": "Tromsø"}"#,
        // line 8: 2 MB, over the producer's message.max.bytes: refused, counted, the rest go on
        &format!(r#"{{"id": 8, "blob": "{}"}}"#, "x".repeat(2 << 20)),
        r#"{"id": "nul\u0000key", "city": "Oslo"}"#, // a NUL in a key is a key like any
    ]
    .join("\n");
    let r = scope
        .run_stdin(
            &[
                "-o",
                "json",
                "produce",
                "send",
                &scope.topic,
                "--key-field",
                "id",
            ],
            &input,
        )
        .code(1);
    let summary = r.json();
    assert_eq!(summary["lines"], 8, "{summary}");
    assert_eq!(summary["delivered"], 5);
    assert_eq!(summary["failed"], 3);
    assert_eq!(summary["blank"], 1);
    let failed: Vec<u64> = summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(failed, [3, 6, 8]);
    let too_large = summary["failures"][2]["reason"].as_str().unwrap();
    assert!(
        too_large.contains("not delivered") && too_large.contains("too large"),
        "{too_large}"
    );
    assert!(summary["failures"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("invalid JSON"));
    assert!(summary["failures"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("`id`"));
    assert!(
        r.stderr.contains("3 of 8 lines were not delivered"),
        "{}",
        r.stderr
    );

    // An independent client sees exactly the delivered lines, keyed by id.
    let got = scope
        .kafka_tool(&["consume", &scope.topic])
        .ok()
        .json_lines();
    let mut pairs: Vec<(String, String)> = got
        .iter()
        .map(|m| {
            (
                m["key"].as_str().unwrap().to_string(),
                m["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    pairs.sort();
    let lines: Vec<&str> = input.lines().collect();
    assert_eq!(
        pairs,
        vec![
            ("1".to_string(), lines[0].to_string()),
            ("2".to_string(), lines[1].to_string()),
            ("4".to_string(), lines[4].to_string()),
            ("five".to_string(), lines[6].to_string()),
            ("nul\0key".to_string(), lines[8].to_string()),
        ]
    );
    let delivered_total: u64 = summary["partitions"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(delivered_total, 5);

    // From a file, paced: all good lines, exit 0.
    let file = scope.dir.join("events.jsonl");
    std::fs::write(
        &file,
        (10..30)
            .map(|i| format!("{{\"id\":{i}}}\n"))
            .collect::<String>(),
    )
    .unwrap();
    let r = scope
        .run(&[
            "-o",
            "json",
            "produce",
            "send",
            &scope.topic,
            "--file",
            file.to_str().unwrap(),
            "--rate",
            "200",
        ])
        .ok();
    assert_eq!(r.json()["delivered"], 20);
    assert_eq!(
        scope
            .kafka_tool(&["consume", &scope.topic])
            .ok()
            .json_lines()
            .len(),
        25
    );

    let missing = scope
        .run(&[
            "produce",
            "send",
            "no_such_topic_here",
            "--file",
            file.to_str().unwrap(),
        ])
        .code(1);
    assert!(
        missing
            .stderr
            .contains("topic `no_such_topic_here` does not exist"),
        "{}",
        missing.stderr
    );
}

fn order(id: u32, qty: Value) -> String {
    json!({"order_id": id, "customer": {"name": format!("c{id}"), "address": {"city": if id.is_multiple_of(2) { "Oslo" } else { "Bergen" }}},
           "quantity": qty, "priority": if id.is_multiple_of(5) { "high" } else { "low" }})
    .to_string()
}

#[test]
fn sink_writes_exact_rows_upserts_and_dead_letters_bad_events() {
    let scope = ready("sink_rows");
    scope.psql(
        "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT, quantity INTEGER NOT NULL,
         priority TEXT, loaded_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    let mut lines: Vec<String> = (1..=20).map(|i| order(i, json!(i))).collect();
    lines.push(order(5, json!(500))); // a later version of order 5
    lines.push(r#"{"order_id": 21, "customer": {"name": "x"}, "quantity": "lots"}"#.into()); // 22P02
    lines.push(r#"{"order_id": 22, "quantity": 1}"#.into()); // no name: 23502
    let input = lines.join("\n") + "\n";
    scope
        .kafka_stdin(
            &["produce", &scope.topic, "--key-field", "order_id"],
            &input,
        )
        .ok();
    // Not JSON at all (kafka_tool's produce parses lines, so send raw).
    let raw = json!({"key": "bad", "value": "this is {not json"}).to_string();
    scope.kafka_stdin(&["produce-raw", &scope.topic], &raw).ok();

    let dlq = format!("{}_dlq", scope.topic);
    let r = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "orders",
            "--map",
            "name=customer.name",
            "--map",
            "city=customer.address.city",
            "--upsert-key",
            "order_id",
            "--dead-letter",
            &dlq,
            "--batch-size",
            "7",
            "--exit-at-end",
            "--group",
            "sink_rows_g",
        ])
        .ok();
    let records = r.json_lines();
    let summary = records.last().unwrap();
    assert_eq!(summary["type"], "summary", "{}", r.stdout);
    assert_eq!(summary["events"], 24);
    assert_eq!(summary["dead_lettered"], 3);
    assert_eq!(summary["stopped"], "end");
    assert!(records
        .iter()
        .filter(|r| r["type"] == "flush")
        .all(|f| f["events"].as_u64().unwrap() <= 7));

    // Exactly the good orders, once each, the later version of order 5 winning.
    assert_eq!(
        scope.psql("SELECT count(*), count(DISTINCT order_id), sum(quantity) FROM orders"),
        format!("20|20|{}", 210 - 5 + 500)
    );
    assert_eq!(
        scope.psql("SELECT name, city, quantity, priority FROM orders WHERE order_id = 5"),
        "c5|Bergen|500|high"
    );
    assert_eq!(
        scope.psql("SELECT count(*) FROM orders WHERE city = 'Oslo'"),
        "10"
    );

    // The three bad events are on the dead-letter topic, with the reason.
    let dead = scope.kafka_tool(&["consume", &dlq]).ok().json_lines();
    assert_eq!(dead.len(), 3, "{dead:?}");
    let mut reasons: Vec<String> = dead
        .iter()
        .map(|m| m["headers"]["dlq.reason"].as_str().unwrap().to_string())
        .collect();
    reasons.sort();
    assert!(
        reasons.iter().any(|r| r.starts_with("not valid JSON")),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|r| r.contains("22P02")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("23502")), "{reasons:?}");
    assert!(dead.iter().any(|m| m["value"] == "this is {not json"));
    assert!(dead
        .iter()
        .all(|m| m["headers"]["dlq.topic"] == scope.topic.as_str()));

    // Offsets were committed to the end: a second run finds nothing new.
    let committed = scope
        .kafka_tool(&["committed", &scope.topic, "--group", "sink_rows_g"])
        .ok()
        .json();
    let ends = scope.kafka_tool(&["offsets", &scope.topic]).ok().json();
    for (p, c) in committed.as_object().unwrap() {
        assert_eq!(
            c, &ends[p][1],
            "partition {p}: committed {committed} vs ends {ends}"
        );
    }
    let again = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "orders",
            "--upsert-key",
            "order_id",
            "-e",
            "--group",
            "sink_rows_g",
            "--map",
            "name=customer.name",
        ])
        .ok();
    assert_eq!(again.json_lines().last().unwrap()["events"], 0);
}

/// One batch of 3,000 events with bad rows among them (the first event, the last, two side
/// by side, a key repeated far from its first use): the batch is written again in halves
/// around them, every good row goes in once, each bad one is set aside with PostgreSQL's
/// reason, and of two events with the same key the first is kept.
#[test]
fn sink_finds_a_few_bad_rows_in_a_large_batch() {
    let scope = ready("sink_halves");
    scope.psql(
        "CREATE TABLE readings (id INTEGER PRIMARY KEY, sensor TEXT NOT NULL, value INTEGER)",
    );
    let lines: Vec<String> = (0..3000)
        .map(|i| match i {
            0 => r#"{"id":0,"value":1}"#.to_string(),
            1500 | 1501 => format!(r#"{{"id":{i},"sensor":"s","value":"x"}}"#),
            2000 => r#"{"id":7,"sensor":"dup","value":1}"#.to_string(),
            2999 => r#"{"id":2999,"sensor":"s","value":99999999999}"#.to_string(),
            _ => format!(r#"{{"id":{i},"sensor":"s{}","value":{i}}}"#, i % 7),
        })
        .collect();
    scope
        .kafka_stdin(
            &["produce", &scope.topic, "--key-field", "id"],
            &(lines.join("\n") + "\n"),
        )
        .ok();
    let r = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "readings",
            "--batch-size",
            "3000",
            "--flush-interval",
            "120s",
            "-e",
        ])
        .ok();
    let records = r.json_lines();
    let summary = records.last().unwrap();
    assert_eq!(summary["events"], 3000, "{}", r.stdout);
    assert_eq!(summary["written"], 2995, "{}", r.stdout);
    assert_eq!(summary["dead_lettered"], 5, "{}", r.stdout);
    assert_eq!(
        scope.psql(
            "SELECT count(*), count(DISTINCT id), min(id), max(id), sum(value) FROM readings"
        ),
        // Every id but 0, 1500, 1501, 2999 and 2000 (whose event repeats 7): 7 once, with
        // its first event's value.
        format!(
            "2995|2995|1|2998|{}",
            (1..2999).sum::<i64>() - 1500 - 1501 - 2000
        )
    );
    assert_eq!(scope.psql("SELECT sensor FROM readings WHERE id = 7"), "s0");
    assert_eq!(
        scope.psql(
            "SELECT string_agg((j->>'id') || ':' || coalesce(j->>'sensor', '-') || ':' || substring(reason from '\\(([0-9A-Z]{5})\\)'), ',' ORDER BY (j->>'id')::int, j->>'sensor')
             FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS j, reason FROM livedbctl_dead_letters) d"
        ),
        "0:-:23502,7:dup:23505,1500:s:22P02,1501:s:22P02,2999:s:22003"
    );
}

#[test]
fn sink_without_dead_letter_topic_keeps_bad_events_in_a_table() {
    let scope = ready("sink_dlt");
    scope
        .psql("CREATE TABLE events (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, amount NUMERIC)");
    let input = "{\"kind\":\"a\",\"amount\":1.5}\n{\"kind\":\"b\"}\n[1,2]\n{\"amount\":3}\n";
    scope.kafka_stdin(&["produce", &scope.topic], input).ok();
    let r = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "events",
            "-e",
            "--flush-interval",
            "200ms",
        ])
        .ok();
    assert_eq!(r.json_lines().last().unwrap()["written"], 2, "{}", r.stdout);
    assert_eq!(scope.psql("SELECT string_agg(kind || ':' || coalesce(amount::text, '-'), ',' ORDER BY kind) FROM events"), "a:1.5,b:-");
    assert_eq!(
        scope.psql("SELECT string_agg(destination || ':' || convert_from(payload, 'UTF8') || ':' || left(reason, 17), ' | ' ORDER BY payload) FROM livedbctl_dead_letters"),
        "events:[1,2]:not a JSON object | events:{\"amount\":3}:rejected by Postg"
    );
    // Bad flags name the problem.
    let bad = scope
        .run(&[
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "events",
            "--map",
            "nope=x",
        ])
        .code(2);
    assert!(
        bad.stderr
            .contains("mapped column `nope` is not a writable column")
            && bad.stderr.contains("hint: --map COLUMN=PATH"),
        "{}",
        bad.stderr
    );
    let missing = scope
        .run(&["consume", "sink", &scope.topic, "--table", "no_table"])
        .code(1);
    assert!(
        missing.stderr.contains("table `no_table` does not exist"),
        "{}",
        missing.stderr
    );
    let no_unique = scope
        .run(&[
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "events",
            "--upsert-key",
            "kind",
        ])
        .code(2);
    assert!(
        no_unique.stderr.contains("unique index"),
        "{}",
        no_unique.stderr
    );
}

/// Each batch goes in by COPY when every value's text is what `jsonb_to_record` would make
/// of it, else through the JSON statement: either way the table holds what PostgreSQL's own
/// `jsonb_to_record` gives for the same events. Checked one event per batch, all in one
/// batch (some events lack some fields), and as upserts: straight COPY while the keys are
/// new, then the staging table's ON CONFLICT when the same events come again.
#[test]
fn sink_stores_every_value_as_jsonb_to_record_would() {
    let scope = ready("sink_values");
    let columns = "id integer, doc jsonb, note text, amount numeric, ratio double precision, flag boolean, j json";
    let events = [
        r#"{"id":1,"doc":{"a":[1,2.5],"b":"x"},"note":"tab\there\nnew \\ line é","amount":12.5,"ratio":0.25,"flag":true}"#,
        r#"{"id":2,"doc":"just a string","note":{"x":1},"amount":-3,"ratio":1e-7,"flag":false}"#,
        r#"{"id":3,"doc":null,"note":"7","amount":1e21,"ratio":1e21}"#,
        r#"{"id":4,"note":"the rest missing"}"#,
        r#"{"id":5,"doc":[true,{"k":null}],"note":true,"amount":0.001,"ratio":-0.5}"#,
        r#"{"id":6,"doc":{"z":1},"note":"back\\slash","amount":7,"ratio":2,"flag":false}"#,
        // Decimals a 64-bit float does not give back as written: the trailing zero, the
        // 18th and later significant digits. jsonb_to_record keeps them.
        // In JSON columns too, inside objects and arrays and beyond a double's range.
        r#"{"id":7,"note":1.50,"amount":1.50,"ratio":1.50,"doc":1.50}"#,
        r#"{"id":8,"note":0.1000000000000000055511151231257827,"amount":12345678901234567.891,"ratio":0.1000000000000000055511151231257827,"doc":{"p":1.50,"big":123456789012345678901234,"tiny":0.1000000000000000055511151231257827},"j":[1.50,-0]}"#,
        r#"{"id":9,"doc":1e400,"j":{"n":123456789012345678901234,"s":"a\u00e9"}}"#,
        // jsonb reads a number as numeric, which has no negative zero.
        r#"{"id":10,"doc":-0,"note":-0.00,"amount":-0.0,"ratio":-0,"flag":true,"j":12345678901234567890123}"#,
        r#"{"id":11,"note":-0,"ratio":-0.0e5}"#,
    ];
    scope
        .kafka_stdin(&["produce", &scope.topic], &(events.join("\n") + "\n"))
        .ok();
    let shown = "x.id, x.doc::text, x.note, x.amount::text, x.ratio::text, x.flag::text, x.j::text";
    let array = format!("[{}]", events.join(",")).replace('\'', "''");
    let reference = scope.psql(&format!(
        "SELECT {shown} FROM jsonb_array_elements('{array}'::jsonb) AS e(doc), jsonb_to_record(e.doc) AS x({columns}) ORDER BY x.id"
    ));
    assert!(
        reference.contains("tab\there\nnew \\ line é"),
        "{reference}"
    );
    // What a double would have changed is there as written.
    for kept in [
        "123456789012345678901234",
        "0.1000000000000000055511151231257827}",
        "[1.50, 0]",
        "|1.50|",
    ] {
        assert!(reference.contains(kept), "{kept} in {reference}");
    }
    let runs: [(&str, &[&str]); 4] = [
        ("vals1", &["--batch-size", "1"]),
        ("vals2", &[]),
        ("vals3", &["--upsert-key", "id"]),
        ("vals3", &["--upsert-key", "id"]),
    ];
    for (i, (table, extra)) in runs.iter().enumerate() {
        scope.psql(&format!(
            "CREATE TABLE IF NOT EXISTS {table} ({columns}, PRIMARY KEY (id))"
        ));
        let group = format!("g{i}");
        let mut args = vec![
            "-o",
            "json",
            "consume",
            "sink",
            &scope.topic,
            "--table",
            table,
            "-e",
            "--group",
            &group,
        ];
        args.extend_from_slice(extra);
        let r = scope.run(&args).ok();
        let last = r.json_lines().last().unwrap().clone();
        assert_eq!(
            last["written"],
            events.len(),
            "{table} {extra:?}: {}",
            r.stdout
        );
        assert_eq!(last["dead_lettered"], 0, "{table} {extra:?}: {}", r.stdout);
        let stored = scope.psql(&format!("SELECT {shown} FROM {table} AS x ORDER BY x.id"));
        assert_eq!(stored, reference, "{table} {extra:?}");
    }
}

/// A table whose every column has a binary form: batches go in by binary COPY, values in
/// other forms (`" 7"`, a time without its offset, `+1`, `NaN`) by COPY text, and the
/// table holds what `jsonb_to_record` gives either way. A value binary COPY refuses (too
/// long for its `varchar`) is found by halves and set aside with PostgreSQL's reason.
#[test]
fn sink_copies_in_binary_what_jsonb_to_record_would_store() {
    let scope = ready("sink_binary");
    let columns = "id integer, s smallint, big bigint, r double precision, f boolean, t text, \
                   v varchar(8), at timestamptz, doc jsonb, u uuid";
    let plain = [
        r#"{"id":1,"s":-32768,"big":-9223372036854775808,"r":0.1000000000000000055511151231257827,"f":true,"t":"tab\there é","v":"12345678","at":"2026-01-01T00:00:07Z","doc":{"a":[1,2.5]},"u":"0123abcd-4567-89EF-0123-456789abcdef"}"#,
        r#"{"id":2,"s":32767,"big":9223372036854775807,"r":-0.5,"f":false,"t":"","v":"","at":"1999-12-31 23:59:59.999999-05:30","doc":"s","u":null}"#,
        r#"{"id":3,"s":7,"big":-0,"r":5e-324,"t":12.50,"at":"2024-02-29T12:00:00.5+02","doc":1.5}"#,
        r#"{"id":4,"s":-0,"r":1.7976931348623157e308,"t":true,"at":"0001-01-01T00:00:00Z","doc":null}"#,
        r#"{"id":5,"r":1e-7,"t":"back\\slash \"q\"","v":"ü","at":"9999-12-31T23:59:59.999999+15:59"}"#,
    ];
    // Each of these takes a batch to COPY text (or the statement), not a wrong value.
    let other_forms = [
        r#"{"id":6,"s":" 7","big":"+1","r":"NaN","f":"yes","at":"2026-01-01 00:00:00"}"#,
        r#"{"id":7,"r":"  2.5","at":"2026-01-01T00:00:00.1234567Z","u":"{0123abcd-4567-89ef-0123-456789abcdef}"}"#,
        r#"{"id":8,"big":" -007 ","at":"2026-01-01T23:59:60Z","t":"x"}"#,
    ];
    let events: Vec<&str> = plain.iter().chain(&other_forms).copied().collect();
    let shown =
        "x.id, x.s, x.big, x.r::text, x.f::text, x.t, x.v, x.at::text, x.doc::text, x.u::text";
    let reference = |events: &[&str]| {
        let array = format!("[{}]", events.join(",")).replace('\'', "''");
        scope.psql(&format!(
            "SET TimeZone = 'UTC'; SELECT {shown} FROM jsonb_array_elements('{array}'::jsonb) AS e(doc), \
             jsonb_to_record(e.doc) AS x({columns}) ORDER BY x.id"
        ))
    };
    let runs = std::cell::Cell::new(0);
    let sink = |table: &str, topic: &str, extra: &[&str]| {
        scope.psql(&format!(
            "CREATE TABLE IF NOT EXISTS {table} ({columns}, PRIMARY KEY (id))"
        ));
        runs.set(runs.get() + 1);
        let group = format!("g{}", runs.get());
        let mut args = vec![
            "-o", "json", "consume", "sink", topic, "--table", table, "-e", "--group", &group,
        ];
        args.extend_from_slice(extra);
        let r = scope.run(&args).ok();
        let stored = scope.psql(&format!(
            "SET TimeZone = 'UTC'; SELECT {shown} FROM {table} AS x ORDER BY x.id"
        ));
        (r.json_lines().last().unwrap().clone(), stored)
    };

    // The plain forms alone: every batch binary, one event per batch and all in one.
    let plain_topic = format!("{}_plain", scope.topic);
    scope
        .run(&["topic", "create", &plain_topic, "-p", "1"])
        .ok();
    scope
        .kafka_stdin(&["produce", &plain_topic], &(plain.join("\n") + "\n"))
        .ok();
    // bin3 twice: straight COPY while the keys are new, then the staging table's.
    for (table, extra) in [
        ("bin1", &["--batch-size", "1"][..]),
        ("bin2", &[][..]),
        ("bin3", &["--upsert-key", "id"][..]),
        ("bin3", &["--upsert-key", "id"][..]),
    ] {
        let (last, stored) = sink(table, &plain_topic, extra);
        assert_eq!(last["written"], plain.len(), "{table}: {last}");
        assert_eq!(last["copied_binary"], plain.len(), "{table}: {last}");
        assert_eq!(stored, reference(&plain), "{table}");
    }

    // With the other forms: each of their batches goes by text (or the statement).
    scope
        .kafka_stdin(&["produce", &scope.topic], &(events.join("\n") + "\n"))
        .ok();
    let (last, stored) = sink("mixed1", &scope.topic, &["--batch-size", "1"]);
    assert_eq!(
        last["written"],
        events.len(),
        "{last} {}",
        scope.psql(
            "SELECT convert_from(payload, 'UTF8') || ' ' || reason FROM livedbctl_dead_letters"
        )
    );
    assert_eq!(last["copied_binary"], plain.len(), "{last}");
    assert_eq!(
        last["copied_text"].as_u64().unwrap() + last["inserted_by_statement"].as_u64().unwrap(),
        other_forms.len() as u64,
        "{last}"
    );
    assert_eq!(stored, reference(&events));
    let (last, stored) = sink("mixed2", &scope.topic, &["--upsert-key", "id"]);
    assert_eq!(last["written"], events.len(), "{last}");
    assert_eq!(last["copied_binary"], 0, "{last}");
    assert_eq!(stored, reference(&events));

    // Refused by binary COPY's receive function: found by halves, set aside with the reason.
    let bad_topic = format!("{}_bad", scope.topic);
    scope.run(&["topic", "create", &bad_topic, "-p", "1"]).ok();
    let bad = r#"{"id":9,"v":"123456789"}"#;
    let with_bad: Vec<&str> = plain[..2]
        .iter()
        .chain([&bad])
        .chain(&plain[2..])
        .copied()
        .collect();
    scope
        .kafka_stdin(&["produce", &bad_topic], &(with_bad.join("\n") + "\n"))
        .ok();
    let (last, stored) = sink("bad1", &bad_topic, &[]);
    assert_eq!(last["written"], plain.len(), "{last}");
    assert_eq!(last["dead_lettered"], 1, "{last}");
    assert_eq!(stored, reference(&plain));
    let reason = scope.psql(
        "SELECT reason FROM livedbctl_dead_letters WHERE destination = 'bad1' AND convert_from(payload, 'UTF8') LIKE '%123456789%'",
    );
    assert!(reason.contains("22001"), "{reason}");

    // One event a batch, bad ones among them: each is set aside with its reason, the binary
    // batches around them go on (a 900 KB text among them).
    let each_topic = format!("{}_each", scope.topic);
    scope.run(&["topic", "create", &each_topic, "-p", "1"]).ok();
    let huge = format!(r#"{{"id":12,"t":"{}"}}"#, "x".repeat(900_000));
    let mut each: Vec<&str> = plain[..2].to_vec();
    each.extend([
        bad,
        // Within timestamptz's range (to 294276): not a binary form, so by COPY text.
        r#"{"id":10,"at":"287000-01-01T00:00:00Z"}"#,
        r#"{"id":13,"at":"300000-01-01T00:00:00Z"}"#,
        "not json {",
        r#"{"id":11,"s":"NaN"}"#,
        &huge,
    ]);
    each.extend(&plain[2..]);
    scope
        .kafka_stdin(&["produce", &each_topic], &(each.join("\n") + "\n"))
        .ok();
    let (last, _) = sink("each1", &each_topic, &["--batch-size", "1"]);
    assert_eq!(last["written"], plain.len() + 2, "{last}");
    assert_eq!(last["dead_lettered"], 4, "{last}");
    assert_eq!(last["copied_binary"], plain.len() + 1, "{last}");
    assert_eq!(last["copied_text"], 1, "{last}");
    assert_eq!(
        scope.psql("SET TimeZone = 'UTC'; SELECT at FROM each1 WHERE id = 10"),
        "SET\n287000-01-01 00:00:00+00"
    );
    assert_eq!(
        scope.psql(&format!(
            "SET TimeZone = 'UTC'; SELECT {shown} FROM each1 AS x WHERE x.id < 9 ORDER BY x.id"
        )),
        reference(&plain)
    );
    assert_eq!(
        scope.psql("SELECT length(t) FROM each1 WHERE id = 12"),
        "900000"
    );
    let reasons = scope.psql(
        "SELECT left(reason, 40) FROM livedbctl_dead_letters WHERE destination = 'each1' ORDER BY \"offset\"",
    );
    let reasons: Vec<&str> = reasons.lines().collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    for (got, want) in reasons.iter().zip([
        "rejected by PostgreSQL (22001)",
        "rejected by PostgreSQL (22008)",
        "not valid JSON",
        "rejected by PostgreSQL (22P02)",
    ]) {
        assert!(got.starts_with(want), "{reasons:?}");
    }
}

/// A `jsonb` column's field goes to PostgreSQL as the event writes it: one that jsonb
/// refuses (a `\u0000` escape) is set aside with PostgreSQL's reason, a large one (1 MB of
/// nested numbers) and a number beyond a double's range are stored whole, and the rows
/// around them are written.
#[test]
fn sink_sets_aside_a_json_value_postgres_refuses_and_keeps_the_rest() {
    let scope = ready("sink_jsonbad");
    scope.psql("CREATE TABLE jdocs (id integer PRIMARY KEY, doc jsonb)");
    let big: Vec<String> = (0..100_000).map(|i| format!("{i}.50")).collect();
    let events = [
        r#"{"id":1,"doc":{"a":1.50}}"#.to_string(),
        r#"{"id":2,"doc":{"s":"nul \u0000 here"}}"#.to_string(),
        format!(r#"{{"id":3,"doc":[{}]}}"#, big.join(",")),
        r#"{"id":4,"doc":1e400}"#.to_string(),
        r#"{"id":5,"doc":"ok"}"#.to_string(),
    ];
    scope
        .kafka_stdin(&["produce", &scope.topic], &(events.join("\n") + "\n"))
        .ok();
    let r = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "jdocs",
            "-e",
        ])
        .ok();
    let last = r.json_lines().last().unwrap().clone();
    assert_eq!(last["written"], 4, "{}", r.stdout);
    assert_eq!(last["dead_lettered"], 1, "{}", r.stdout);
    assert_eq!(
        scope.psql("SELECT string_agg(id::text, ',' ORDER BY id) FROM jdocs"),
        "1,3,4,5"
    );
    assert_eq!(
        scope.psql(
            "SELECT jsonb_array_length(doc) || ' ' || (doc->99999)::text FROM jdocs WHERE id = 3"
        ),
        "100000 99999.50"
    );
    assert_eq!(
        scope.psql("SELECT length(doc::text) FROM jdocs WHERE id = 4"),
        "401"
    );
    let reason = scope.psql(
        "SELECT reason FROM livedbctl_dead_letters WHERE destination = 'jdocs' AND convert_from(payload, 'UTF8') LIKE '%nul %'",
    );
    assert!(reason.contains("22P05"), "{reason}");
}
