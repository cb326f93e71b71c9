//! The human output of each command, snapshotted with insta (tests/suite/snapshots/). Volatile
//! values (ports, temporary paths, times, durations, rates, pids, versions, LSNs, sizes)
//! are redacted by `crate::harness::snapshot::redact`; everything else is compared as printed,
//! so a change of wording or layout shows up as a snapshot diff to review
//! (`cargo insta review`). JSON output is asserted by parsing it, in the other files.

use crate::harness::snapshot::{redact, shown};
use crate::harness::*;
use std::sync::Arc;

/// The stack of this module's tests alone. Two outputs snapshotted here are the whole
/// server's: `produce poll --once` notes rows held back by any transaction open on it
/// (`pg_snapshot_xmin` is cluster-wide), and `connector list` shows every replication slot
/// on it ("other slot").
fn stack() -> Arc<Stack> {
    module_stack("human")
}

fn ready(name: &str) -> Scope {
    stack().ready(name)
}

fn snap(name: &str, r: &Run) {
    insta::assert_snapshot!(name, shown(r));
}

/// A one-partition topic, so records come back in one order.
fn one_partition_topic(scope: &Scope, topic: &str) {
    scope.run(&["topic", "create", topic, "-p", "1"]).ok();
}

fn produce(scope: &Scope, topic: &str, lines: &[&str], key_field: &str) {
    let input = lines.join("\n") + "\n";
    scope
        .kafka_stdin(&["produce", topic, "--key-field", key_field], &input)
        .ok();
}

#[test]
fn infra_up_status() {
    let scope = ready("h_infra");
    snap("infra_up", &scope.run(&["infra", "up"]).ok());
    snap("infra_status", &scope.run(&["infra", "status"]).ok());
    snap(
        "infra_status_only_redis",
        &scope.run(&["infra", "status", "--only", "redis"]).ok(),
    );
}

#[test]
fn profile_list_show_init() {
    let scope = stack().scope("h_profile");
    snap("profile_show", &scope.run(&["profile", "show"]).ok());
    snap(
        "profile_init",
        &scope.run(&["profile", "init", "staging"]).ok(),
    );
    snap("profile_list", &scope.run(&["profile", "list"]).ok());
}

#[test]
fn db_migrate_status_replication_check() {
    let scope = stack().scope("h_db");
    snap("db_migrate_first", &scope.run(&["db", "migrate"]).ok());
    snap("db_migrate_again", &scope.run(&["db", "migrate"]).ok());
    scope.psql("INSERT INTO livedb (org, amount, region) VALUES ('Acme', 10.5, 'eu')");
    snap("db_status", &scope.run(&["db", "status"]).ok());
    let check = scope.run(&["db", "replication", "check", "--table", "public.livedb"]);
    // Free slots and senders, and the slots listed, depend on what the other tests of
    // this binary hold right now (connector_lifecycle makes one).
    let free = regex::Regex::new(r"\d+ of \d+ free").unwrap();
    let text = shown(&check);
    let mine: Vec<&str> = text.lines().filter(|l| !l.starts_with("| slot:")).collect();
    insta::assert_snapshot!(
        "db_replication_check",
        free.replace_all(&mine.join("\n"), "[N] of [M] free")
    );
}

#[test]
fn seed_burst_and_produce_poll() {
    let scope = ready("h_pipeline");
    snap(
        "seed_burst_once",
        &scope.run(&["seed", "burst", "--once", "--rows", "3"]).ok(),
    );
    scope.wait_rows_settled();
    snap(
        "produce_poll_once",
        &scope.run(&["produce", "poll", "--once"]).ok(),
    );
}

#[test]
fn produce_send_reports_bad_lines() {
    let scope = ready("h_send");
    let input = "{\"id\": 1}\nnot json\n\n{\"id\": 2}\n{\"other\": 3}\n";
    let r = scope.run_stdin(
        &["produce", "send", &scope.topic, "--key-field", "id"],
        input,
    );
    snap("produce_send", &r.code(1));
}

#[test]
fn topic_verbs() {
    let scope = ready("h_topic");
    snap(
        "topic_create",
        &scope
            .run(&[
                "topic",
                "create",
                "h_topic_a",
                "-p",
                "2",
                "--retention-ms",
                "3600000",
            ])
            .ok(),
    );
    snap(
        "topic_create_existing",
        &scope
            .run(&["topic", "create", "h_topic_a", "--if-not-exists"])
            .ok(),
    );
    snap(
        "topic_alter",
        &scope
            .run(&[
                "topic",
                "alter",
                "h_topic_a",
                "--set",
                "retention.ms=7200000",
            ])
            .ok(),
    );
    let describe = scope.run(&["topic", "describe", "h_topic_a"]).ok();
    // tansu reports every config; the partition table and the header are what we own.
    let head: String = describe
        .stdout
        .split("\nconfigs")
        .next()
        .unwrap_or("")
        .to_string();
    insta::assert_snapshot!("topic_describe_partitions", redact(&head));
    let list = scope.run(&["topic", "list"]).ok();
    let mine: Vec<&str> = list
        .stdout
        .lines()
        .filter(|l| !l.starts_with('│') || l.contains("h_topic") || l.contains(" topic "))
        .collect();
    insta::assert_snapshot!("topic_list", redact(&mine.join("\n")));
}

#[test]
fn consume_tail_lines_templates_and_changes() {
    let scope = ready("h_tail");
    let topic = "h_tail_t";
    one_partition_topic(&scope, topic);
    produce(
        &scope,
        topic,
        &[
            r#"{"id": 1, "city": "Oslo"}"#,
            r#"{"id": 2, "city": "Bergen"}"#,
        ],
        "id",
    );
    snap(
        "consume_tail_plain",
        &scope
            .run(&["consume", "tail", topic, "--from", "start", "-e"])
            .ok(),
    );
    snap(
        "consume_tail_template",
        &scope
            .run(&[
                "consume",
                "tail",
                topic,
                "--from",
                "start",
                "-e",
                "-f",
                r"%p/%o %k=%v\n",
            ])
            .ok(),
    );
    snap(
        "consume_tail_pretty_grep",
        &scope
            .run(&[
                "consume", "tail", topic, "--from", "start", "-e", "--pretty", "--grep", "Bergen",
            ])
            .ok(),
    );
}

#[test]
fn consumers_sink_aggregate_route() {
    let scope = ready("h_consumers");
    let topic = "h_cons_t";
    one_partition_topic(&scope, topic);
    produce(
        &scope,
        topic,
        &[
            r#"{"id": 1, "city": "Oslo", "priority": "high", "amount": 5}"#,
            r#"{"id": 2, "city": "Bergen", "priority": "low", "amount": 7}"#,
            r#"{"id": 3, "city": "Oslo", "priority": "low", "amount": 1}"#,
        ],
        "id",
    );
    scope.psql("CREATE TABLE h_orders (id INTEGER PRIMARY KEY, city TEXT NOT NULL)");
    let slow = ["--flush-interval", "60s", "-e"];
    let mut sink = vec![
        "consume",
        "sink",
        topic,
        "--table",
        "h_orders",
        "--upsert-key",
        "id",
    ];
    sink.extend(slow);
    snap("consume_sink", &scope.run(&sink).ok());
    let mut agg = vec![
        "consume",
        "aggregate",
        topic,
        "--key-field",
        "city",
        "--sum",
        "amount",
        "--max-events",
        "2",
        "--exec",
        "cat > /dev/null",
        "--prefix",
        "h_agg",
    ];
    agg.extend(slow);
    snap("consume_aggregate", &scope.run(&agg).ok());
    let mut route = vec![
        "consume",
        "route",
        topic,
        "--by",
        "city",
        "--to",
        "h_city.{}",
        "--when",
        "priority=high",
        "--exec",
        "cat > /dev/null",
    ];
    route.extend(slow);
    snap("consume_route", &scope.run(&route).ok());
    snap(
        "redis_dump",
        &scope
            .run(&[
                "redis",
                "dump",
                "--match",
                "h_agg:h_cons_t:stats",
                "--limit",
                "0",
            ])
            .ok(),
    );
}

#[test]
fn connector_lifecycle() {
    let scope = stack().scope("h_cdc");
    scope.psql("CREATE TABLE h_items (id int PRIMARY KEY, name text); INSERT INTO h_items VALUES (1, 'one'), (2, 'two')");
    let start = scope
        .run(&[
            "connector",
            "start",
            "h_cdc",
            "--table",
            "public.h_items",
            "--until-idle",
        ])
        .ok();
    snap("connector_start_until_idle", &start);
    snap("connector_list", &scope.run(&["connector", "list"]).ok());
    snap(
        "connector_status",
        &scope.run(&["connector", "status", "h_cdc"]).ok(),
    );
    snap(
        "connector_stop_not_running",
        &scope.run(&["connector", "stop", "h_cdc"]).ok(),
    );
    snap(
        "connector_delete",
        &scope.run(&["--yes", "connector", "delete", "h_cdc"]).ok(),
    );
}

#[test]
fn errors_name_the_flag_in_the_hint() {
    let scope = ready("h_errors");
    scope.psql("CREATE TABLE h_t (id INTEGER PRIMARY KEY)");
    snap(
        "error_sink_map",
        &scope
            .run(&[
                "consume",
                "sink",
                &scope.topic,
                "--table",
                "h_t",
                "--map",
                "nope=x",
            ])
            .code(2),
    );
    snap(
        "error_sink_upsert_key",
        &scope
            .run(&[
                "consume",
                "sink",
                &scope.topic,
                "--table",
                "h_t",
                "--upsert-key",
                "nope",
            ])
            .code(2),
    );
    snap(
        "error_route_when",
        &scope
            .run(&[
                "consume",
                "route",
                &scope.topic,
                "--by",
                "x",
                "--when",
                "nothing",
                "--exec",
                "true",
            ])
            .code(2),
    );
    snap(
        "error_topic_exists",
        &scope.run(&["topic", "create", &scope.topic]).code(1),
    );
    snap(
        "error_seed_file",
        &scope
            .run(&["seed", "burst", "--once", "--file", "no-such-file.csv"])
            .code(2),
    );
}

#[test]
fn profile_use_and_replication_setup_plan() {
    let scope = ready("h_use");
    scope.run(&["profile", "init", "other"]).ok();
    snap("profile_use", &scope.run(&["profile", "use", "other"]).ok());
    let mut setup = scope.cmd(&[
        "db",
        "replication",
        "setup",
        "--table",
        "public.livedb",
        "--role",
        "h_cdc_role",
        "--dry-run",
    ]);
    setup.env("CDC_PASSWORD", "not-printed");
    snap("db_replication_setup_dry_run", &run(setup).ok());
}

#[test]
fn demo_summary() {
    let scope = ready("h_demo");
    let r = scope
        .run(&["demo", "--no-up", "--duration", "2s", "--rate", "10"])
        .ok();
    // Events are printed as they arrive; how many depends on timing. The summary's shape
    // is what is compared, its counts masked.
    let tail: Vec<&str> = r.stdout.trim_end().lines().rev().take(2).collect();
    let summary = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
    let masked = regex::Regex::new(r"\d+")
        .unwrap()
        .replace_all(&redact(&summary), "N")
        .into_owned();
    insta::assert_snapshot!("demo_summary", masked);
}

#[test]
fn stream_plan_and_run() {
    let scope = stack().scope("h_stream");
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("jobs/revenue-by-region.yaml");
    snap(
        "stream_plan",
        &scope
            .run(&["stream", "plan", example.to_str().unwrap()])
            .ok(),
    );
    let topic = "h_stream_in";
    one_partition_topic(&scope, topic);
    let job = scope.dir.join("job.yaml");
    std::fs::write(
        &job,
        format!(
            "name: h-stream\nsource: {{topic: {topic}, time: meta.created_at, watermark_delay: 5s}}\n\
             where: payload.amount > 0\ngroup_by: [payload.region]\nwindow: {{tumble: 1m}}\n\
             aggregates: {{orders: count, revenue: sum(payload.amount)}}\n\
             sinks:\n  - postgres: {{table: h_stream_rev}}\n"
        ),
    )
    .unwrap();
    let event = |id: u32, at: &str, region: &str, amount: &str| {
        format!(
            "{{\"id\":{id},\"payload\":{{\"amount\":\"{amount}\",\"region\":\"{region}\"}},\"meta\":{{\"created_at\":\"2026-11-22T04:{at}Z\"}}}}"
        )
    };
    let lines = [
        event(1, "00:01", "us-east", "10.00"),
        event(2, "00:30", "eu-west", "2.50"),
        event(3, "00:50", "us-east", "-1.00"),
        event(4, "01:20", "us-east", "7.25"),
        event(5, "02:30", "eu-west", "1.00"),
    ];
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    produce(&scope, topic, &refs, "id");
    snap(
        "stream_run_to_the_end",
        &scope
            .run(&["stream", "run", job.to_str().unwrap(), "-e"])
            .ok(),
    );
}
