//! `livedbctl trace ID`: one row followed from PostgreSQL through the producer's topic to a
//! sink table, an aggregate's window and the dead letters, each step checked against an
//! independent client (psql, kafka-python, redis-cli).

use crate::harness::*;
use serde_json::{json, Value};

fn trace(scope: &Scope, id: i64) -> Value {
    scope
        .run(&["-o", "json", "trace", &id.to_string()])
        .ok()
        .json()
}

/// The record of `id` on the topic as kafka-python reads it: (partition, offset).
fn record_of(records: &[Value], id: i64) -> (i64, i64) {
    let r = records
        .iter()
        .find(|r| r["key"].as_str() == Some(id.to_string().as_str()))
        .unwrap_or_else(|| panic!("no record of {id}"));
    (
        r["partition"].as_i64().unwrap(),
        r["offset"].as_i64().unwrap(),
    )
}

fn all_records(scope: &Scope) -> Vec<Value> {
    scope
        .kafka_tool(&["consume", &scope.topic, "--timeout", "180"])
        .ok()
        .json_lines()
}

#[test]
fn a_row_is_followed_to_its_event_its_groups_its_sink_row_and_its_window() {
    let scope = ready("trace_row");
    // The sink's table records when it wrote a row; id 7's amount breaks its CHECK, so the
    // sink sets that event aside in its dead-letter table.
    scope.psql(
        "CREATE TABLE trace_sink (id bigint PRIMARY KEY, amount numeric CHECK (amount < 5000), \
           region text, written_at timestamptz NOT NULL DEFAULT now())",
    );
    scope.psql(
        "INSERT INTO livedb (org, amount, region) \
           SELECT 'org' || g, CASE WHEN g = 7 THEN 9000 ELSE g * 10 END, \
                  CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END \
           FROM generate_series(1, 30) g",
    );
    scope.wait_rows_settled();
    scope.run(&["produce", "poll", "--once"]).ok();

    // A record that is not the producer's, in every partition: the binary search cannot
    // rely on order there and reads forward instead.
    let strays: Vec<String> = (0..3)
        .map(|p| json!({"key": "stray", "value": "not json", "partition": p}).to_string())
        .collect();
    scope.produce_raw(&scope.topic, &strays);

    // Rows 31-35; the producer's bookkeeping is moved past 31-33 by hand, as a lost batch
    // would leave it: 34 and 35 are published, 31-33 never are.
    scope.psql(
        "INSERT INTO livedb (org, amount, region, created_at) \
           SELECT 'late' || g, 1, 'eu', now() + interval '10 seconds' FROM generate_series(31, 35) g",
    );
    scope.psql("UPDATE producer_offsets SET last_id = 33 WHERE id = 1");

    let map = ["-m", "amount=payload.amount", "-m", "region=payload.region"];
    let mut sink = vec!["consume", "sink", &scope.topic, "-t", "trace_sink", "-e"];
    sink.extend(map);
    scope.run(&sink).ok();
    let prefix = format!("trace:{}", scope.name);
    scope
        .run(&[
            "consume",
            "aggregate",
            &scope.topic,
            "--prefix",
            &prefix,
            "--key-field",
            "payload.region",
            "--max-events",
            "1000",
            "--max-time",
            "1h",
            "--exec",
            "true",
            "-e",
        ])
        .ok();
    // 34 and 35 come after both consumers stopped.
    scope.wait_rows_settled();
    scope.run(&["produce", "poll", "--once"]).ok();
    assert_eq!(
        scope.psql("SELECT last_id FROM producer_offsets"),
        "35",
        "the producer published 34 and 35"
    );
    let records = all_records(&scope);

    // A stream job over the same topic: one-second windows per region; rows 34 and 35,
    // created 10 s later, close the window of rows 1-30. Row 7 fails its `where`.
    let job = scope.dir.join("rev.yaml");
    std::fs::write(
        &job,
        format!(
            "name: trace-rev\n\
             source: {{topic: {}, time: meta.created_at, watermark_delay: 0ms, \
             fields: {{payload.amount: 'decimal(10, 2)'}}}}\n\
             where: payload.amount < 5000\n\
             group_by: [payload.region]\n\
             window: {{tumble: 1s}}\n\
             aggregates: {{orders: count, revenue: sum(payload.amount)}}\n\
             sinks:\n  - postgres: {{table: trace_rev}}\n",
            scope.topic
        ),
    )
    .unwrap();
    let job = job.to_str().unwrap();
    scope.run(&["stream", "run", job, "-e"]).ok();

    // Row 10: published, consumed by both, in the table and in its window.
    let t = scope
        .run(&["-o", "json", "trace", "10", "--job", job])
        .ok()
        .json();
    let result = &t["stream_results"][0];
    assert_eq!(result["found"], true, "{t:#}");
    assert_eq!(result["group"], json!(["eu"]));
    assert_eq!(result["results"][0]["region"], "eu");
    assert_eq!(
        result["results"][0]["orders"].to_string(),
        scope.psql(&format!(
            "SELECT orders FROM trace_rev WHERE region = 'eu' AND window_start <= '{}' AND window_end > '{}'",
            t["row"]["created_at"].as_str().unwrap(),
            t["row"]["created_at"].as_str().unwrap()
        )),
        "{t:#}"
    );
    assert_eq!(t["row"]["org"], "org10");
    assert_eq!(t["row"]["amount"], "100.00");
    assert_eq!(
        t["row"]["xmin"].to_string(),
        scope.psql("SELECT xmin FROM livedb WHERE id = 10")
    );
    let (p, o) = record_of(&records, 10);
    assert_eq!(t["event"]["partition"], p, "{t:#}");
    assert_eq!(t["event"]["offset"], o, "{t:#}");
    assert_eq!(t["event"]["matches_row"], true, "{t:#}");
    assert_eq!(t["producer"]["passed"], true);
    let groups = t["groups"].as_array().unwrap();
    let sink_group = groups
        .iter()
        .find(|g| g["group"] == "livedbctl-sink-trace_sink")
        .expect("the sink's group");
    assert_eq!(sink_group["consumed"], true, "{t:#}");
    assert_eq!(sink_group["kind"], "sink");
    let agg_group = format!("livedbctl-aggregate-{prefix}");
    assert!(groups
        .iter()
        .any(|g| g["group"] == agg_group.as_str() && g["consumed"] == true));
    let dests = t["destinations"].as_array().unwrap();
    let table = dests.iter().find(|d| d["kind"] == "postgres").unwrap();
    assert_eq!(table["found"], true, "{t:#}");
    assert_eq!(table["detail"]["amount"], 100.0);
    assert!(table["written_at"].is_string(), "{t:#}");
    let window = dests.iter().find(|d| d["kind"] == "redis").unwrap();
    assert_eq!(window["found"], true, "{t:#}");
    assert_eq!(
        window["name"],
        format!("{prefix}:{}:window:eu", scope.topic)
    );
    assert_eq!(
        window["detail"]["count"],
        scope.redis_cli(&[
            "HGET",
            &format!("{prefix}:{}:window:eu", scope.topic),
            "count"
        ])
    );
    let steps: Vec<&str> = t["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps[..2], ["created", "published"], "{t:#}");
    assert!(
        steps.contains(&"consumed") && steps.contains(&"written"),
        "{t:#}"
    );

    // The sink row deleted: the trace says the table does not have it.
    scope.psql("DELETE FROM trace_sink WHERE id = 10");
    let t = trace(&scope, 10);
    let table = t["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "postgres")
        .unwrap()
        .clone();
    assert_eq!(table["found"], false, "{t:#}");

    // Row 7: set aside by the sink, with the database's reason; not used by the job.
    let t = scope
        .run(&["-o", "json", "trace", "7", "--job", job])
        .ok()
        .json();
    assert!(
        t["stream_results"][0]["skipped"]
            .as_str()
            .unwrap()
            .contains("`where` is not true"),
        "{t:#}"
    );
    let dead = t["dead_letters"].as_array().unwrap();
    assert_eq!(dead.len(), 1, "{t:#}");
    assert_eq!(dead[0]["where"], "table:livedbctl_dead_letters");
    assert!(
        dead[0]["reason"]
            .as_str()
            .unwrap()
            .contains("check constraint"),
        "{t:#}"
    );

    // Row 32: the producer moved past it but it is not on the topic.
    let t = trace(&scope, 32);
    assert_eq!(t["producer"]["passed"], true);
    assert!(t["event"]["offset"].is_null(), "{t:#}");
    assert_eq!(t["event"]["found_by"], "scan");
    assert!(records.iter().all(|r| r["key"] != "32"));

    // Row 34: published after the sink stopped; it has not got there.
    let t = trace(&scope, 34);
    let (p, o) = record_of(&records, 34);
    assert_eq!(
        (
            t["event"]["partition"].clone(),
            t["event"]["offset"].clone()
        ),
        (json!(p), json!(o))
    );
    let sink_group = t["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "livedbctl-sink-trace_sink")
        .unwrap()
        .clone();
    assert_eq!(sink_group["consumed"], false, "{t:#}");
    let committed = sink_group["committed"].as_i64().unwrap();
    assert_eq!(sink_group["records_before"], o - committed, "{t:#}");
    assert!(sink_group["waiting_ms"].as_i64().unwrap() >= 0);

    // No such row: exit 1, said plainly.
    let r = scope.run(&["trace", "999999"]).code(1);
    assert!(r.stderr.contains("no row with id 999999"), "{}", r.stderr);
}

#[test]
fn a_replayed_partition_is_read_forward_and_every_copy_is_listed() {
    let scope = ready("trace_replay");
    scope.psql(
        "INSERT INTO livedb (org, amount, region) \
           SELECT 'org' || g, g, 'eu' FROM generate_series(1, 40) g",
    );
    scope.wait_rows_settled();
    scope.run(&["produce", "poll", "--once"]).ok();
    // Published on time: found reading from the row's creation time.
    let t = trace(&scope, 20);
    assert_eq!(t["event"]["found_by"], "time", "{t:#}");
    assert!(t["event"]["records_read"].as_u64().unwrap() <= 20, "{t:#}");
    // Far behind its creation (here: --scan-limit 5 makes "far" five records), the binary
    // search over the partition in id order finds it.
    let t = scope
        .run(&["-o", "json", "trace", "30", "--scan-limit", "5"])
        .ok()
        .json();
    assert_eq!(t["event"]["found_by"], "search", "{t:#}");
    let (p, o) = record_of(&all_records(&scope), 30);
    assert_eq!(
        (
            t["event"]["partition"].clone(),
            t["event"]["offset"].clone()
        ),
        (json!(p), json!(o))
    );
    let human = scope.run(&["trace", "20"]).ok().stdout;
    assert!(human.contains("same as the row"), "{human}");
    // A replay from id 5 publishes 5..40 again: partitions are no longer in id order.
    scope
        .run(&[
            "produce",
            "poll",
            "--once",
            "--replay",
            "--from-id",
            "5",
            "--yes",
        ])
        .ok();
    let records = all_records(&scope);
    let copies: Vec<i64> = records
        .iter()
        .filter(|r| r["key"] == "20")
        .map(|r| r["offset"].as_i64().unwrap())
        .collect();
    assert_eq!(copies.len(), 2, "the replay wrote 20 again");
    let t = scope
        .run(&["-o", "json", "trace", "20", "--all-copies"])
        .ok()
        .json();
    assert_eq!(t["event"]["copies_complete"], true, "{t:#}");
    assert_eq!(t["event"]["offset"], copies[0], "{t:#}");
    assert_eq!(t["event"]["copies"], json!([copies[1]]), "{t:#}");
    assert_eq!(t["event"]["matches_row"], true);

    // A row changed after it was published: the trace names the field.
    scope.psql("UPDATE livedb SET amount = 1234.5 WHERE id = 3");
    let t = trace(&scope, 3);
    assert_eq!(t["event"]["matches_row"], false, "{t:#}");
    assert!(
        t["event"]["differences"][0]
            .as_str()
            .unwrap()
            .starts_with("payload.amount: row \"1234.50\""),
        "{t:#}"
    );
}

#[test]
fn a_cdc_key_is_followed_through_its_changes_to_the_row_now() {
    let scope = ready("trace_cdc");
    scope.psql("CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL)");
    scope.psql("INSERT INTO accounts VALUES (1, 'ann'), (2, 'bob')");
    let connector = [
        "connector",
        "start",
        "c_trace",
        "--table",
        "public.accounts",
        "--topic-prefix",
        "tr",
        "--until-idle",
    ];
    scope.run(&connector).ok();
    scope.psql("UPDATE accounts SET owner = 'bo' WHERE id = 2");
    scope.psql("INSERT INTO accounts VALUES (3, 'cy')");
    scope
        .run(&["connector", "start", "c_trace", "--until-idle"])
        .ok();

    let t = scope
        .run(&[
            "-o",
            "json",
            "trace",
            "--key",
            "2",
            "--topic",
            "tr.public.accounts",
        ])
        .ok()
        .json();
    let ops: Vec<&str> = t["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["op"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["r", "u"], "{t:#}");
    assert_eq!(t["changes"][1]["after"]["owner"], "bo");
    assert!(t["changes"][1]["lsn"].is_i64(), "{t:#}");
    assert!(t["changes"][1]["commit_to_kafka_ms"].is_i64(), "{t:#}");
    assert_eq!(t["key"], json!({"id": 2}));
    assert_eq!(t["row"], json!({"id": 2, "owner": "bo"}));
    // Offsets as the independent client reads them.
    let records = scope
        .kafka_tool(&["consume", "tr.public.accounts", "--timeout", "180"])
        .ok()
        .json_lines();
    let offsets: Vec<i64> = records
        .iter()
        .filter(|r| r["key"].as_str().is_some_and(|k| k.contains("\"id\":2")))
        .map(|r| r["offset"].as_i64().unwrap())
        .collect();
    let traced: Vec<i64> = t["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["offset"].as_i64().unwrap())
        .collect();
    assert_eq!(traced, offsets);

    // The key as JSON finds the same; a key never written finds nothing, and says so.
    let t2 = scope
        .run(&[
            "-o",
            "json",
            "trace",
            "--key",
            r#"{"id":2}"#,
            "--topic",
            "tr.public.accounts",
        ])
        .ok()
        .json();
    assert_eq!(t2["changes"], t["changes"]);
    let none = scope
        .run(&[
            "-o",
            "json",
            "trace",
            "--key",
            "9",
            "--topic",
            "tr.public.accounts",
        ])
        .ok()
        .json();
    assert_eq!(none["changes"], json!([]));
    assert!(none["row"].is_null());
    scope
        .run(&["trace", "--key", "2", "--topic", "no.such.topic"])
        .code(1);
}
