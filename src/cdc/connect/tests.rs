use super::*;

fn spec(tls: Vec<(&'static str, String)>) -> Map<String, Value> {
    let tables = vec!["public.t".to_string()];
    debezium_config(&DebeziumSpec {
        hostname: "db.example",
        port: 5432,
        user: "u",
        password: Some("pw"),
        dbname: "livedb",
        topic_prefix: "db",
        tables: &tables,
        slot: "s",
        publication: "p",
        snapshot_mode: "initial",
        tombstones: true,
        decimal_handling: "precise",
        schemas_enable: false,
        skipped_operations: None,
        transaction_metadata: false,
        extended_headers: false,
        heartbeat_interval_ms: None,
        heartbeat_action_query: None,
        xmin_fetch_interval_ms: None,
        topic_partitions: 1,
        topic_replication_factor: 1,
        tls,
    })
}

/// The connector config carries the profile's sslmode and roots, as the profile's
/// PostgreSQL settings give them in pgjdbc's names.
#[test]
fn the_debezium_config_carries_the_profiles_tls() {
    use crate::profile::SslMode;
    use crate::settings::{PgSettings, RootCert};
    let pg = |mode, root| PgSettings {
        host: "db.example".into(),
        port: 5432,
        dbname: "livedb".into(),
        user: "u".into(),
        password: None,
        sslmode: mode,
        sslrootcert: root,
        sslcert: None,
        sslkey: None,
    };
    let c = spec(pg(SslMode::VerifyFull, RootCert::File("/etc/ca.pem".into())).pgjdbc_tls());
    assert_eq!(c["database.sslmode"], "verify-full");
    assert_eq!(c["database.sslrootcert"], "/etc/ca.pem");
    assert!(c.get("database.sslfactory").is_none());
    let c = spec(pg(SslMode::VerifyCa, RootCert::File("/etc/ca.pem".into())).pgjdbc_tls());
    assert_eq!(c["database.sslmode"], "verify-ca");
    assert_eq!(c["database.sslrootcert"], "/etc/ca.pem");
    let c = spec(pg(SslMode::VerifyFull, RootCert::System).pgjdbc_tls());
    assert_eq!(c["database.sslmode"], "verify-full");
    assert_eq!(
        c["database.sslfactory"],
        "org.postgresql.ssl.DefaultJavaSSLFactory"
    );
    assert!(c.get("database.sslrootcert").is_none());
    for mode in [SslMode::Disable, SslMode::Prefer, SslMode::Require] {
        let c = spec(pg(mode, RootCert::System).pgjdbc_tls());
        assert_eq!(c["database.sslmode"], mode.as_str());
        assert!(c.get("database.sslrootcert").is_none());
    }
    assert_eq!(redact(&c)["database.password"], crate::profile::REDACTED);
}

#[test]
fn definitions_in_json_and_yaml() {
    let (n, c) = parse_definition(
        r#"{"name": "pg", "config": {"tasks.max": 1, "plugin.name": "pgoutput"}}"#,
        "f",
    )
    .unwrap();
    assert_eq!(n.as_deref(), Some("pg"));
    assert_eq!(c["tasks.max"], "1");
    let (n, c) =
        parse_definition("name: pg2\nconnector.class: x\ndatabase.port: 5432\n", "f").unwrap();
    assert_eq!(n.as_deref(), Some("pg2"));
    assert_eq!(c["database.port"], "5432");
    assert!(!c.contains_key("name"));
    assert!(parse_definition("[1]", "f").is_err());
}

#[test]
fn a_trace_reads_as_its_exception_lines() {
    let trace = "io.debezium.DebeziumException: Creation of replication slot failed\n\tat io.debezium.A.b(A.java:1)\n\tat io.debezium.C.d(C.java:2)\nCaused by: org.postgresql.util.PSQLException: ERROR: replication slot \"s\" already exists\n\tat org.postgresql.E.f(E.java:3)\n\t... 13 more\n";
    assert_eq!(
        trace_reason(trace),
        "io.debezium.DebeziumException: Creation of replication slot failed\n    Caused by: org.postgresql.util.PSQLException: ERROR: replication slot \"s\" already exists"
    );
}

#[test]
fn readiness_looks_at_tasks() {
    let st = |c: &str, tasks: &[&str]| ConnectorStatus {
        name: "x".into(),
        connector: StateInfo {
            state: c.into(),
            worker_id: None,
            trace: None,
        },
        tasks: tasks
            .iter()
            .enumerate()
            .map(|(i, s)| TaskState {
                id: i as i64,
                state: s.to_string(),
                worker_id: None,
                trace: None,
            })
            .collect(),
        kind: None,
    };
    assert!(st("RUNNING", &["RUNNING"]).all_running());
    assert!(!st("RUNNING", &["RUNNING", "FAILED"]).all_running());
    assert!(st("RUNNING", &["FAILED"]).failed_task().is_some());
    assert!(!st("RUNNING", &[]).all_running());
    assert!(TargetState::Stopped.reached(&st("STOPPED", &[])));
    assert!(!TargetState::Stopped.reached(&st("STOPPED", &["RUNNING"])));
    assert!(!TargetState::Paused.reached(&st("PAUSED", &["RUNNING"])));
    assert!(TargetState::Paused.reached(&st("PAUSED", &["PAUSED"])));
    let mut m = Map::new();
    m.insert("database.password".into(), Value::String("p".into()));
    assert_eq!(redact(&m)["database.password"], crate::profile::REDACTED);
}

#[test]
fn a_rebalance_answer_is_retried_and_other_errors_are_not() {
    let msg = |m: &str| serde_json::json!({"error_code": 500, "message": m});
    assert!(rebalancing(409, &msg("anything")));
    assert!(rebalancing(
        500,
        &msg("Request cannot be completed because a rebalance is expected")
    ));
    assert!(!rebalancing(500, &msg("Connector nowal not found")));
    assert!(!rebalancing(
        500,
        &serde_json::json!("rebalance is expected")
    ));
    assert!(!rebalancing(404, &msg("rebalance is expected")));
}
