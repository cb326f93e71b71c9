//! `connector ... --remote` against a stand-in Kafka Connect (tests/support/connect_server.py)
//! that follows the documented REST contract, for what a real worker cannot show here:
//! the configuration built from flags that would not run against this machine's database
//! (another host, TLS roots), a rebalance's 409s, tasks that never get assigned, a worker
//! behind credentials, and human output with stable worker ids. Everything else runs
//! against a real worker: tests/suite/connect_worker.rs.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use crate::harness::snapshot::shown;
use crate::harness::*;

/// The Kafka Connect stand-in, with a profile whose `connect.url` points at it.
fn fake_connect(tag: &str) -> StandIn {
    StandIn::start("connect_server.py", tag, "remote.yaml", |port, dir| {
        profile_yaml(55432, 59092, 56379, "db-secret-pw", "shop", "unused", dir)
            + &format!("connect:\n  url: http://127.0.0.1:{port}\n")
    })
}

#[test]
fn start_builds_debezium_pgoutput_config_from_the_flags_and_waits_for_its_tasks() {
    let fc = fake_connect("connect_start");
    let r = fc
        .run(&[
            "-o",
            "json",
            "connector",
            "start",
            "shop-cdc",
            "--table",
            "public.orders",
            "--table",
            "inventory.items",
            "--topic-prefix",
            "shop",
            "--database-hostname",
            "db.internal",
            "--decimal-handling",
            "double",
            "--snapshot",
            "never",
        ])
        .ok();
    let v = r.json();
    assert_eq!(v["action"], "created");
    assert_eq!(v["status"]["connector"]["state"], "RUNNING");
    assert_eq!(v["status"]["tasks"][0]["state"], "RUNNING");
    assert_eq!(v["config"]["database.password"], "********");
    assert!(!r.stdout.contains("db-secret-pw") && !r.stderr.contains("db-secret-pw"));

    // What Connect received: Debezium's PostgreSQL connector on pgoutput, built from the flags.
    let reqs = fc.requests();
    let put = reqs
        .iter()
        .find(|r| r["method"] == "PUT" && r["path"] == "/connectors/shop-cdc/config")
        .expect("PUT config");
    let c = &put["body"];
    assert_eq!(
        c["connector.class"],
        "io.debezium.connector.postgresql.PostgresConnector"
    );
    assert_eq!(c["plugin.name"], "pgoutput");
    assert_eq!(c["database.hostname"], "db.internal");
    assert_eq!(c["database.port"], "55432");
    assert_eq!(c["database.dbname"], "shop");
    assert_eq!(c["database.user"], PG_USER);
    assert_eq!(c["database.password"], "db-secret-pw");
    // The profile's sslmode, in every mode (pgjdbc would take `prefer` otherwise).
    assert_eq!(c["database.sslmode"], "disable");
    assert_eq!(c["topic.prefix"], "shop");
    assert_eq!(c["table.include.list"], "public.orders,inventory.items");
    assert_eq!(c["slot.name"], "shop_cdc");
    assert_eq!(c["publication.name"], "shop_cdc_pub");
    assert_eq!(c["snapshot.mode"], "no_data");
    assert_eq!(c["decimal.handling.mode"], "double");
    assert_eq!(c["tombstones.on.delete"], "true");
    // The built-in engine's defaults, so the same flags give the same events.
    assert_eq!(c["extended.headers.enabled"], "false");
    assert!(
        c.get("skipped.operations").is_none(),
        "Debezium's default (t)"
    );
    // It polled status until the tasks were there (two polls without tasks first).
    let polls = reqs
        .iter()
        .filter(|r| r["path"] == "/connectors/shop-cdc/status")
        .count();
    assert!(polls >= 3, "{polls} status polls");
    // The verbs themselves (list, pause, resume, stop, offsets, restart, delete) run
    // against a real worker: tests/suite/connect_worker.rs.
}

#[test]
fn a_failed_task_under_a_running_connector_fails_start_with_its_trace() {
    let fc = fake_connect("connect_fail");
    let file = fc.dir.join("conn.yaml");
    std::fs::write(
        &file,
        "name: broken\nconfig:\n  connector.class: io.debezium.connector.postgresql.PostgresConnector\n  tasks.max: 1\n  test.behavior: fail-task\n  test.conflicts: 2\n",
    )
    .unwrap();
    let r = fc
        .run(&["connector", "apply", "-f", file.to_str().unwrap()])
        .code(1);
    assert!(
        r.stderr
            .contains("task 0 of connector `broken` FAILED (the connector itself reports RUNNING)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("replication slot \"dbz\" is active"),
        "trace shown: {}",
        r.stderr
    );
    // YAML numbers were sent as strings, and plugin.name defaulted to pgoutput.
    let reqs = fc.requests();
    let put = reqs.iter().find(|r| r["method"] == "PUT").unwrap();
    assert_eq!(put["body"]["tasks.max"], "1");
    assert_eq!(put["body"]["plugin.name"], "pgoutput");
    // The 409s of a rebalance were retried.
    assert!(
        reqs.iter()
            .filter(|r| r["path"] == "/connectors/broken/status")
            .count()
            >= 3
    );

    let st = fc
        .run(&["-o", "json", "connector", "status", "broken"])
        .ok();
    assert!(
        st.stderr.contains("reports RUNNING but a task FAILED"),
        "{}",
        st.stderr
    );
    assert_eq!(st.json()["tasks"][0]["state"], "FAILED");

    let r = fc
        .run(&[
            "-o",
            "json",
            "connector",
            "restart",
            "broken",
            "--include-tasks",
            "--only-failed",
            "--wait",
            "--timeout",
            "20s",
        ])
        .ok();
    assert_eq!(r.json()["tasks"][0]["state"], "RUNNING");
    let restart = fc
        .requests()
        .into_iter()
        .find(|r| r["path"] == "/connectors/broken/restart")
        .unwrap();
    assert_eq!(restart["query"]["includeTasks"], "true");
    assert_eq!(restart["query"]["onlyFailed"], "true");
}

#[test]
fn apply_times_out_when_tasks_never_run_and_errors_are_plain() {
    let fc = fake_connect("connect_timeout");
    let file = fc.dir.join("slow.json");
    std::fs::write(
        &file,
        r#"{"name": "slow", "config": {"connector.class": "x.Y", "test.behavior": "never-ready"}}"#,
    )
    .unwrap();
    let r = fc
        .run(&[
            "connector",
            "apply",
            "-f",
            file.to_str().unwrap(),
            "--timeout",
            "2s",
        ])
        .code(1);
    assert!(
        r.stderr
            .contains("not RUNNING with all tasks within 2s: connector RUNNING, task 0 UNASSIGNED"),
        "{}",
        r.stderr
    );

    // Connect's own refusal is passed on.
    let bad = fc.dir.join("bad.json");
    std::fs::write(&bad, r#"{"name": "bad", "config": {"tasks.max": "1"}}"#).unwrap();
    let r = fc
        .run(&["connector", "apply", "-f", bad.to_str().unwrap()])
        .code(2);
    assert!(
        r.stderr.contains("contains no connector type"),
        "{}",
        r.stderr
    );

    // Remote-only verbs without a Connect URL say where to set it.
    let dir = temp_dir("connect_none");
    let p = dir.join("p.yaml");
    std::fs::write(
        &p,
        profile_yaml(55432, 59092, 56379, "pw", "shop", "unused", &dir),
    )
    .unwrap();
    let mut c = livedbctl(&dir);
    c.arg("--config").arg(&p).args(["connector", "pause", "x"]);
    let r = run(c).code(2);
    assert!(r.stderr.contains("connect.url"), "{}", r.stderr);
    let mut c = livedbctl(&dir);
    c.arg("--config")
        .arg(&p)
        .args(["connector", "list", "--remote"]);
    run(c).code(2);
}

/// The human output of the remote verbs, snapshotted (tests/suite/snapshots/).
#[test]
fn remote_verbs_human_output() {
    let fc = fake_connect("connect_human");
    let start = fc
        .run(&[
            "connector",
            "start",
            "human-cdc",
            "--table",
            "public.orders",
            "--remote",
        ])
        .ok();
    insta::assert_snapshot!("connect_start_remote", shown(&start));
    insta::assert_snapshot!(
        "connect_list_remote",
        shown(&fc.run(&["connector", "list", "--remote"]).ok())
    );
    insta::assert_snapshot!(
        "connect_pause",
        shown(&fc.run(&["connector", "pause", "human-cdc"]).ok())
    );
    insta::assert_snapshot!(
        "connect_resume",
        shown(&fc.run(&["connector", "resume", "human-cdc"]).ok())
    );
    insta::assert_snapshot!(
        "connect_restart",
        shown(
            &fc.run(&[
                "connector",
                "restart",
                "human-cdc",
                "--include-tasks",
                "--wait"
            ])
            .ok()
        )
    );
    insta::assert_snapshot!(
        "connect_delete_remote",
        shown(
            &fc.run(&["--yes", "connector", "delete", "human-cdc", "--remote"])
                .ok()
        )
    );
}

#[test]
fn credentials_in_the_connect_url_are_never_printed() {
    let fc = fake_connect("connect_creds");
    let secret = "connect-url-Hunter2";
    let yaml = std::fs::read_to_string(&fc.profile).unwrap().replace(
        "url: http://127.0.0.1:",
        &format!("url: http://admin:{secret}@127.0.0.1:"),
    );
    std::fs::write(&fc.profile, yaml).unwrap();
    let listed = fc
        .run(&["-o", "json", "connector", "list", "--remote"])
        .ok();
    assert_eq!(
        listed.json()["connect_url"],
        format!("http://admin:********@127.0.0.1:{}", fc.port)
    );
    for args in [
        &["-v", "connector", "list", "--remote"][..],
        &["-v", "connector", "status", "nope", "--remote"][..],
        &[
            "-v",
            "-o",
            "json",
            "connector",
            "status",
            "nope",
            "--remote",
        ][..],
    ] {
        let r = fc.run(args);
        assert!(
            !r.stdout.contains(secret) && !r.stderr.contains(secret),
            "{args:?}\n{}\n{}",
            r.stdout,
            r.stderr
        );
    }
}

/// The config registered for Debezium carries the profile's TLS: pgjdbc's default is
/// `prefer`, which checks no certificate.
#[test]
fn start_carries_the_profiles_sslmode_and_root_certificate_to_debezium() {
    let fc = StandIn::start(
        "connect_server.py",
        "connect_tls",
        "remote.yaml",
        |port, dir| {
            profile_yaml(55432, 59092, 56379, "db-secret-pw", "shop", "unused", dir).replace(
                "  sslmode: disable\n",
                "  sslmode: verify-full\n  sslrootcert: /etc/livedb/provider-ca.pem\n",
            ) + &format!("connect:\n  url: http://127.0.0.1:{port}\n")
        },
    );
    fc.run(&["connector", "start", "shop-tls", "--table", "public.orders"])
        .ok();
    let reqs = fc.requests();
    let put = reqs
        .iter()
        .find(|r| r["method"] == "PUT" && r["path"] == "/connectors/shop-tls/config")
        .expect("PUT config");
    assert_eq!(put["body"]["database.sslmode"], "verify-full");
    assert_eq!(
        put["body"]["database.sslrootcert"],
        "/etc/livedb/provider-ca.pem"
    );
}
