//! The worker in the stack (`infra`), a task failing on `wal_level`, and moving a
//! connector between the built-in engine and Debezium (`connector graduate`).

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use super::*;

#[test]
fn infra_starts_reports_and_stops_a_standalone_worker() {
    let stack = module_stack("connect_worker");
    let home = connect::connect_home();
    // Kept: the watchdog below stops the worker with the profile in it, then removes it.
    let dir = temp_dir("connect_standalone").keep();
    let port = free_port();
    let profile = dir.join("standalone.yaml");
    std::fs::write(
        &profile,
        format!(
            "kafka:\n  brokers: {}\n\
             connect:\n  url: http://127.0.0.1:{port}\n  home: {}\n  mode: standalone\n  heap: 512m\n\
             infra:\n  state_dir: {}\n  services: [connect]\n  start_timeout_secs: 300\n",
            stack.bootstrap(),
            home.display(),
            dir.join("state").display()
        ),
    )
    .unwrap();
    watch_down(&profile, &dir);
    let infra = |args: &[&str]| {
        let mut c = livedbctl(&dir);
        c.arg("--config").arg(&profile).args(args);
        run(c)
    };
    let up = infra(&["-o", "json", "infra", "up"]).ok().json();
    let svc = &up["services"][0];
    assert_eq!(svc["service"], "connect");
    assert_eq!(svc["state"], "started");
    assert!(
        svc["version"]
            .as_str()
            .unwrap()
            .starts_with(|c: char| c.is_ascii_digit()),
        "{svc}"
    );
    let props = std::fs::read_to_string(dir.join("state/connect/worker.properties")).unwrap();
    assert!(props.contains("offset.storage.file.filename="), "{props}");
    assert!(!props.contains("group.id"), "{props}");
    let pid = svc["pid"].as_u64().unwrap();
    let cmdline = std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(cmdline.contains("-Xmx512m"), "{cmdline}");
    assert!(cmdline.contains("ConnectStandalone"), "{cmdline}");

    let status = infra(&["-o", "json", "infra", "status"]).ok().json();
    assert_eq!(status["services"][0]["state"], "running", "{status}");
    assert_eq!(status["services"][0]["started_by_livedbctl"], true);
    let logs = infra(&["infra", "logs", "connect"]).ok();
    assert!(logs.stdout.contains("Kafka Connect"), "{}", logs.stdout);
    // A second up finds it running.
    let again = infra(&["-o", "json", "infra", "up"]).ok().json();
    assert_eq!(again["services"][0]["state"], "running");

    let down = infra(&["-o", "json", "infra", "down"]).ok().json();
    assert_eq!(down["services"][0]["state"], "stopped", "{down}");
    // Gone, or a zombie nobody reaps (a container's init may not).
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    assert!(stat.is_empty() || stat.contains(") Z "), "{stat}");
    let status = infra(&["-o", "json", "infra", "status"]).ok().json();
    assert_eq!(status["services"][0]["state"], "stopped", "{status}");
}

/// A database whose server is not set up for logical decoding: Debezium's task fails, and
/// the reason is PostgreSQL's own line.
#[test]
fn a_server_without_logical_wal_fails_the_task_with_postgresqls_reason() {
    let w = worker();
    let dir = temp_dir("connect_nowal").keep();
    let pg_port = free_port();
    let password = "nowal-secret-pw";
    let profile = dir.join("nowal.yaml");
    std::fs::write(
        &profile,
        profile_yaml(
            pg_port,
            w.stack.kafka_port,
            free_port(),
            password,
            "livedb",
            "nowal_events",
            &dir,
        ) + &format!("connect:\n  url: {}\n", w.url()),
    )
    .unwrap();
    watch_down(&profile, &dir);
    let cli = |args: &[&str]| {
        let mut c = livedbctl(&dir);
        c.arg("--config").arg(&profile).args(args);
        run(c)
    };
    let psql = |sql: &str| {
        let out = std::process::Command::new("psql")
            .args(["-h", "127.0.0.1", "-p", &pg_port.to_string(), "-U", PG_USER])
            .args(["-d", "livedb", "-v", "ON_ERROR_STOP=1", "-AtXc", sql])
            .env("PGPASSWORD", password)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    cli(&["infra", "up", "--only", "postgres"]).ok();
    psql("ALTER SYSTEM SET wal_level = replica");
    cli(&["infra", "down", "--only", "postgres"]).ok();
    cli(&["infra", "up", "--only", "postgres"]).ok();
    assert_eq!(psql("SHOW wal_level"), "replica");
    psql("CREATE TABLE t (id int PRIMARY KEY)");

    let r = cli(&[
        "connector",
        "start",
        "nowal",
        "--table",
        "public.t",
        "--topic-prefix",
        "nowal",
        "--timeout",
        "240s",
    ]);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("Caused by: org.postgresql.util.PSQLException: ERROR: logical decoding requires wal_level >= logical"),
        "{}",
        r.stderr
    );
    // The fix, as the built-in engine names it.
    assert!(
        r.stderr.contains("livedbctl db replication check"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("\tat "), "{}", r.stderr);
    assert!(r.stderr.lines().count() <= 8, "{}", r.stderr);
    cli(&["--yes", "connector", "delete", "nowal"]).ok();
    cli(&["--yes", "infra", "down", "--purge"]).ok();
}

/// A writer runs throughout: the built-in engine moves to Debezium on Kafka Connect and
/// back, on the same slot; every row arrives on the topic, and a row comes twice only as a
/// restart resends a whole transaction (at most twice; each row is its own transaction).
#[test]
fn graduate_moves_a_connector_to_kafka_connect_and_back_without_loss() {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    let w = worker();
    let scope = w.scope("cw_graduate");
    scope.psql("CREATE TABLE g (id int PRIMARY KEY, v text)");
    let topic = "cwg.public.g";
    let engine_args = [
        "connector",
        "start",
        "gr",
        "--builtin",
        "--table",
        "public.g",
        "--topic-prefix",
        "cwg",
    ];
    let stop = AtomicBool::new(false);
    let written = AtomicU64::new(0);
    // The writer stops however the test ends (a failed assertion included).
    struct Stop<'a>(&'a AtomicBool);
    impl Drop for Stop<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }
    std::thread::scope(|t| {
        let _stop_writer = Stop(&stop);
        let writer = t.spawn(|| {
            while !stop.load(Ordering::SeqCst) {
                let id = written.load(Ordering::SeqCst) + 1;
                scope.psql(&format!("INSERT INTO g VALUES ({id}, 'row {id}')"));
                written.store(id, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let wait_more = |what: &str| {
            let target = written.load(Ordering::SeqCst) + 20;
            wait_for(what, Duration::from_secs(240), || {
                written.load(Ordering::SeqCst) >= target && count(&scope, topic) >= target
            });
        };

        let mut first = scope.spawn_logged("engine1", &engine_args);
        wait_more("the built-in engine to publish");
        let to_remote = scope
            .run(&[
                "--yes",
                "-o",
                "json",
                "connector",
                "graduate",
                "gr",
                "--to",
                "remote",
                "--timeout",
                "240s",
            ])
            .ok()
            .json();
        assert_eq!(to_remote["to"], "remote");
        assert_eq!(to_remote["slot"], "gr");
        assert!(
            first.wait().unwrap().success(),
            "{:?}",
            scope.output_of("engine1")
        );
        let config = w.get("/connectors/gr/config").unwrap();
        assert_eq!(config["slot.name"], "gr");
        assert_eq!(config["snapshot.mode"], "no_data");
        wait_more("Debezium to publish");

        let back = scope
            .run(&[
                "--yes",
                "-o",
                "json",
                "connector",
                "graduate",
                "gr",
                "--to",
                "builtin",
                "--timeout",
                "240s",
            ])
            .ok()
            .json();
        assert_eq!(back["to"], "builtin");
        assert!(
            w.get("/connectors/gr/status").is_none(),
            "deleted on Connect"
        );
        let mut second = scope.spawn_logged("engine2", &engine_args);
        wait_more("the built-in engine to publish again");
        // The writer's insert in hand commits before `last` is read (a busy machine can
        // take longer than any fixed pause over one psql).
        stop.store(true, Ordering::SeqCst);
        writer.join().expect("the writer");
        let last = written.load(Ordering::SeqCst);
        wait_for("every row on the topic", Duration::from_secs(240), || {
            count(&scope, topic) >= last
        });
        // What else arrives after `last` was seen is a resend; give it no time to matter:
        // the engine is stopped before reading.
        scope.run(&["connector", "stop", "gr", "--builtin"]).ok();
        assert!(second.wait().unwrap().success());

        let mut seen = std::collections::BTreeMap::<u64, u32>::new();
        let mut writers = Vec::new();
        for r in scope.read_topic(topic) {
            let Some(v) = r["value"].as_str() else {
                continue;
            };
            let v: Value = serde_json::from_str(v).unwrap();
            // The first rows are the first engine's snapshot.
            assert!(v["op"] == "c" || v["op"] == "r", "{v}");
            *seen.entry(v["after"]["id"].as_u64().unwrap()).or_default() += 1;
            writers.push((
                v["after"]["id"].as_u64().unwrap(),
                v["source"]["version"].to_string(),
                v["op"].to_string(),
            ));
        }
        let missing: Vec<u64> = (1..=last).filter(|i| !seen.contains_key(i)).collect();
        assert!(missing.is_empty(), "lost: {missing:?}");
        assert_eq!(
            seen.keys().next_back(),
            Some(&last),
            "nothing beyond what was written"
        );
        // A row twice is the last transaction(s) Debezium wrote, sent again by the built-in
        // engine after the move back: Debezium's offset points inside its last transaction
        // (it resumes mid-transaction), the built-in engine resends whole ones, as after
        // any restart (docs/connector.md).
        let debezium = |w: &(u64, String, String)| !w.1.contains("livedbctl");
        for (id, n) in seen.iter().filter(|(_, n)| **n > 1) {
            let copies: Vec<&(u64, String, String)> =
                writers.iter().filter(|w| w.0 == *id).collect();
            assert!(
                *n == 2 && debezium(copies[0]) && !debezium(copies[1]),
                "row {id}: {copies:?}"
            );
        }
    });
    scope
        .run(&["--yes", "connector", "delete", "gr", "--builtin"])
        .ok();
}

/// The path the README leads with: an Apache Kafka install's `bin/connect-distributed.sh`
/// and a plugin folder. No Kafka install can be downloaded here, so the install is a
/// stand-in whose script records how it was called and runs the same Connect jars.
#[test]
fn infra_runs_a_kafka_installs_connect_distributed_script_with_the_plugin_path() {
    use std::os::unix::fs::PermissionsExt;
    let stack = module_stack("connect_worker");
    let libs = connect::connect_home().join("libs");
    let dir = temp_dir("connect_kafka_install").keep();
    let kafka = dir.join("kafka");
    std::fs::create_dir_all(kafka.join("bin")).unwrap();
    let plugins = dir.join("plugins");
    std::fs::create_dir_all(&plugins).unwrap();
    let script = kafka.join("bin/connect-distributed.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             {{ echo \"args=$*\"; echo \"heap=$KAFKA_HEAP_OPTS\"; echo \"log_dir=$LOG_DIR\"; echo \"log4j=$KAFKA_LOG4J_OPTS\"; }} > {record}\n\
             exec java $KAFKA_HEAP_OPTS $KAFKA_OPTS $KAFKA_LOG4J_OPTS -cp '{libs}/*' org.apache.kafka.connect.cli.ConnectDistributed \"$@\"\n",
            record = dir.join("called").display(),
            libs = libs.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let port = free_port();
    let profile = dir.join("install.yaml");
    std::fs::write(
        &profile,
        format!(
            "kafka:\n  brokers: {}\n\
             connect:\n  url: http://127.0.0.1:{port}\n  home: {}\n  plugin_path: {}\n  group_id: kafka_install\n\
             infra:\n  state_dir: {}\n  services: [connect]\n  start_timeout_secs: 300\n",
            stack.bootstrap(),
            kafka.display(),
            plugins.display(),
            dir.join("state").display()
        ),
    )
    .unwrap();
    watch_down(&profile, &dir);
    let infra = |args: &[&str]| {
        let mut c = livedbctl(&dir);
        c.arg("--config").arg(&profile).args(args);
        run(c)
    };
    let up = infra(&["-o", "json", "infra", "up"]).ok().json();
    assert_eq!(up["services"][0]["state"], "started", "{up}");
    let called = std::fs::read_to_string(dir.join("called")).unwrap();
    let props = dir.join("state/connect/worker.properties");
    assert!(
        called.contains(&format!("args={}", props.display())),
        "{called}"
    );
    assert!(called.contains("heap=-Xms64m -Xmx768m"), "{called}");
    assert!(
        called.contains("log4j=-Dlog4j2.configurationFile="),
        "{called}"
    );
    let props = std::fs::read_to_string(props).unwrap();
    assert!(
        props.contains(&format!("plugin.path={}", plugins.display())),
        "{props}"
    );
    assert!(props.contains("group.id=kafka_install"), "{props}");
    assert!(
        props.contains("config.storage.topic=kafka_install-configs"),
        "{props}"
    );
    // The worker serves Debezium's connector.
    let plugins_seen = flink::http_get(port, "/connector-plugins").unwrap();
    assert!(
        plugins_seen.contains("io.debezium.connector.postgresql.PostgresConnector"),
        "{plugins_seen}"
    );
    let down = infra(&["-o", "json", "infra", "down"]).ok().json();
    assert_eq!(down["services"][0]["state"], "stopped", "{down}");
}
