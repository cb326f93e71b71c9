//! The harness's shared stack as `infra up` made it: topics, schema, every service's
//! status, and its human table.

use crate::harness::*;

#[test]
fn stack_comes_up_with_topics_and_schema() {
    let stack = stack();
    let scope = stack.scope("infra_up");
    // What infra up made is there, seen by independent clients.
    assert_eq!(scope.psql("SHOW wal_level"), "logical");
    assert_eq!(
        scope.psql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema='public'"),
        "",
        "a fresh scope database has no tables until migrated"
    );
    let topics = scope.kafka_tool(&["topics"]).ok().json();
    assert_eq!(topics["db_live_events"], 3, "{topics}");
    assert_eq!(scope.redis_cli(&["PING"]), "PONG");

    // A second `up` on the scope's profile reuses everything and is idempotent; it
    // creates the scope's topic and applies the schema to the scope's database.
    let r = scope.run(&["-o", "json", "infra", "up"]).ok().json();
    let states: Vec<&str> = r["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["running", "running", "running"], "{r}");
    assert!(r["services"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["started_by_livedbctl"] == true));
    assert_eq!(r["topics"][0]["name"], scope.topic.as_str());
    assert_eq!(r["topics"][0]["status"], "created");
    assert_eq!(r["migrations"]["applied"][0], "0001_livedb.sql");
    assert_eq!(
        scope.psql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema='public'"),
        "livedb,livedbctl_migrations,producer_offsets"
    );
    assert_eq!(scope.kafka_tool(&["topics"]).ok().json()[&scope.topic], 3);

    let again = scope.run(&["-o", "json", "infra", "up"]).ok().json();
    assert_eq!(again["topics"][0]["status"], "exists");
    assert_eq!(again["migrations"]["applied"].as_array().unwrap().len(), 0);
    let first_run = r["migrations"]["applied"].as_array().unwrap().len();
    assert!(first_run >= 1);
    assert_eq!(again["migrations"]["already_applied"], first_run as u64);
}

#[test]
fn status_reports_every_service() {
    let scope = stack().scope("infra_status");
    let r = scope
        .run(&["-o", "json", "infra", "status", "--check"])
        .ok()
        .json();
    let services = r["services"].as_array().unwrap();
    assert_eq!(services.len(), 3);
    for s in services {
        assert_eq!(s["state"], "running", "{s}");
        assert!(s["pid"].as_u64().unwrap() > 0);
        assert!(s["address"].as_str().unwrap().starts_with("127.0.0.1:"));
    }
    assert!(
        services[0]["version"].as_str().unwrap().starts_with("15")
            || services[0]["version"]
                .as_str()
                .unwrap()
                .chars()
                .next()
                .unwrap()
                .is_ascii_digit()
    );
    assert_eq!(services[1]["engine"], "tansu");

    let human = scope.run(&["infra", "status"]).ok();
    for word in ["postgres", "kafka", "redis", "running"] {
        assert!(human.stdout.contains(word), "{}", human.stdout);
    }
    // Logs of a started service are readable.
    let logs = scope.run(&["infra", "logs", "postgres", "-n", "5"]).ok();
    assert!(!logs.stdout.trim().is_empty());
}

#[test]
fn human_status_table_snapshot() {
    let scope = stack().scope("infra_snapshot");
    let out = scope.run(&["infra", "status"]).ok().stdout;
    insta::assert_snapshot!(crate::harness::snapshot::redact(&out), @r"
    | service | state | address | version | pid | started by livedbctl |
    |---|---|---|---|---|---|
    | postgres | running | 127.0.0.1:[PORT] | [VERSION] | [PID] | yes |
    | kafka | running | 127.0.0.1:[PORT] | [VERSION] | [PID] | yes |
    | redis | running | 127.0.0.1:[PORT] | [VERSION] | [PID] | yes |
    ");
}
