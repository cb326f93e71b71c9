//! Bad seed files, missing tables, an unreachable broker, a wrong password, lost connections, the demo, and rows committed late.

use super::*;

#[test]
fn bad_seed_files_are_reported_by_position_and_insert_nothing() {
    let scope = stack().scope("pipe_badseed");
    scope.run(&["db", "migrate"]).ok();
    let write = |name: &str, text: &str| -> String {
        let p: PathBuf = scope.dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let csv = write(
        "bad.csv",
        "org,amount,region\nAcme,10.00,eu-west\nGlobex,12.345,us-east\nInitech,5,\n",
    );
    let r = scope
        .run(&["seed", "burst", "--once", "--file", &csv])
        .code(2);
    assert!(
        r.stderr.contains(&format!(
            "{csv}:3:8: amount `12.345` has more than 2 decimals"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("{csv}:4:11: region is empty")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was inserted"), "{}", r.stderr);

    let quote = write("quote.csv", "org,amount,region\n\"Acme,10.00,eu\n");
    let r = scope
        .run(&["seed", "burst", "--once", "--file", &quote])
        .code(2);
    assert!(
        r.stderr
            .contains(&format!("{quote}:2:1: unterminated quoted field")),
        "{}",
        r.stderr
    );

    let header = write("header.csv", "org,amount,regoin\nAcme,1,eu\n");
    let r = scope
        .run(&["seed", "burst", "--once", "--file", &header])
        .code(2);
    assert!(r.stderr.contains("no `region` column"), "{}", r.stderr);

    let json = write("bad.json", "[\n  {\"org\": \"Acme\", \"amount\": 1.5, \"region\": \"eu\"},\n  {\"org\": \"Globex\", \"amount\": \"ten\", \"region\": \"us\"}\n]\n");
    let r = scope
        .run(&["seed", "burst", "--once", "--file", &json])
        .code(2);
    assert!(
        r.stderr.contains(&format!(
            "{json}:3:31: amount `ten` is not a decimal number"
        )),
        "{}",
        r.stderr
    );

    let syntax = write(
        "syntax.json",
        "[\n  {\"org\": \"Acme\", \"amount\": 1.5,, \"region\": \"eu\"}\n]\n",
    );
    let r = scope
        .run(&["-o", "json", "seed", "burst", "--once", "--file", &syntax])
        .code(2);
    let err: Value = serde_json::from_str(r.stderr.lines().last().unwrap()).unwrap();
    assert_eq!(err["error"]["kind"], "usage");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("{syntax}:2:")),
        "{err}"
    );

    let missing = scope
        .run(&["seed", "burst", "--once", "--file", "/nonexistent/seed.csv"])
        .code(2);
    assert!(
        missing.stderr.contains("/nonexistent/seed.csv"),
        "{}",
        missing.stderr
    );

    assert_eq!(
        scope.psql("SELECT count(*) FROM livedb"),
        "0",
        "a bad file inserts nothing"
    );
    // The shipped files are valid and hold the same rows.
    let csv_rows = scope
        .run(&[
            "seed",
            "burst",
            "--once",
            "--rows",
            "42",
            "--file",
            &repo_file("seed/livedb_seed.csv"),
        ])
        .ok();
    assert!(
        csv_rows.stdout.contains("inserted 42 rows"),
        "{}",
        csv_rows.stdout
    );
    scope
        .run(&[
            "seed",
            "burst",
            "--once",
            "--rows",
            "42",
            "--file",
            &repo_file("seed/livedb_seed.json"),
        ])
        .ok();
    assert_eq!(
        scope.psql("SELECT count(*) FROM livedb a JOIN livedb b ON b.id = a.id + 42 WHERE a.id <= 42 AND (a.org, a.amount, a.region) = (b.org, b.amount, b.region)"),
        "42"
    );
}

#[test]
fn missing_table_unreachable_broker_and_wrong_password_fail_clearly() {
    // No schema: both commands say which table and how to fix it.
    let bare = stack().scope("pipe_notable");
    let r = bare.run(&["seed", "burst", "--once"]).code(1);
    assert!(
        r.stderr.contains("livedb") && r.stderr.contains("db migrate"),
        "{}",
        r.stderr
    );
    let r = bare.run(&["produce", "poll", "--once"]).code(1);
    assert!(
        r.stderr.contains("livedb") && r.stderr.contains("db migrate"),
        "{}",
        r.stderr
    );

    let scope = ready("pipe_failures");
    scope.run(&["seed", "burst", "--once", "--rows", "4"]).ok();
    let yaml = std::fs::read_to_string(&scope.profile).unwrap();

    let dead_port = free_port();
    let no_broker = scope.dir.join("nobroker.yaml");
    std::fs::write(
        &no_broker,
        yaml.replace(
            &format!("127.0.0.1:{}", scope.stack.kafka_port),
            &format!("127.0.0.1:{dead_port}"),
        ),
    )
    .unwrap();
    let mut c = livedbctl(&scope.dir);
    c.args([
        "--config",
        no_broker.to_str().unwrap(),
        "produce",
        "poll",
        "--once",
    ]);
    let r = run(c).code(1);
    assert!(
        r.stderr
            .contains(&format!("cannot reach Kafka at 127.0.0.1:{dead_port}")),
        "{}",
        r.stderr
    );
    assert_eq!(last_offset(&scope), 0, "nothing recorded as published");

    let no_topic = scope.dir.join("notopic.yaml");
    std::fs::write(
        &no_topic,
        yaml.replace(&format!("topic: {}", scope.topic), "topic: no_such_topic"),
    )
    .unwrap();
    let mut c = livedbctl(&scope.dir);
    c.args([
        "--config",
        no_topic.to_str().unwrap(),
        "produce",
        "poll",
        "--once",
    ]);
    let r = run(c).code(1);
    assert!(
        r.stderr.contains("topic `no_such_topic` does not exist")
            && r.stderr.contains("`livedbctl topic create no_such_topic`"),
        "{}",
        r.stderr
    );
    assert_eq!(last_offset(&scope), 0);

    let wrong_pw = scope.dir.join("wrongpw.yaml");
    std::fs::write(
        &wrong_pw,
        yaml.replace(&scope.stack.password, "not-the-password"),
    )
    .unwrap();
    for args in [
        &["seed", "burst", "--once"][..],
        &["produce", "poll", "--once"][..],
        &["db", "status"][..],
    ] {
        let mut c = livedbctl(&scope.dir);
        c.arg("--config").arg(&wrong_pw).args(args);
        let r = run(c).code(1);
        assert!(
            r.stderr.contains("refused user `livedb`") && r.stderr.contains("password"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            !r.stderr.contains("not-the-password"),
            "the secret is never printed"
        );
    }
    // sslmode=require (or verify-full) against a server without TLS says so, and how.
    let tls = scope.dir.join("tls.yaml");
    std::fs::write(&tls, yaml.replace("sslmode: disable", "sslmode: require")).unwrap();
    let mut c = livedbctl(&scope.dir);
    c.arg("--config").arg(&tls).args(["db", "status"]);
    let r = run(c).code(1);
    assert!(
        r.stderr.contains("the server does not accept TLS")
            && r.stderr.contains("turn TLS on at the server")
            // Never a weaker mode.
            && !r.stderr.contains("prefer")
            && !r.stderr.contains("disable"),
        "{}",
        r.stderr
    );
    assert_eq!(scope.psql("SELECT count(*) FROM livedb"), "4");
    assert_eq!(last_offset(&scope), 0);
    let offsets = scope.kafka_tool(&["offsets", &scope.topic]).ok().json();
    assert!(
        offsets.as_object().unwrap().values().all(|v| v[1] == 0),
        "nothing was published: {offsets}"
    );
}

#[test]
fn demo_proves_rows_inserted_equal_events_published_and_seen() {
    let scope = ready("pipe_demo");
    // A backlog from before the demo is published first and kept out of its counts.
    scope.run(&["seed", "burst", "--once", "--rows", "3"]).ok();
    let r = scope
        .run(&["-o", "json", "demo", "--duration", "3s", "--rate", "40"])
        .ok();
    let lines = r.json_lines();
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["ok"], true, "{summary}");
    assert_eq!(summary["backlog"], 3);
    let inserted = summary["inserted"].as_i64().unwrap();
    assert!(inserted > 0);
    assert_eq!(summary["published"], inserted);
    assert_eq!(summary["seen"], inserted);
    let events: Vec<&Value> = lines.iter().filter(|l| l["type"] == "event").collect();
    assert_eq!(events.len() as i64, inserted);
    // The proof is a verify of the demo's ids (the backlog's are not among them).
    let verify = &summary["verify"];
    assert_eq!(verify["ok"], true, "{summary}");
    assert_eq!(verify["cut"]["from_id"], 4, "{summary}");
    assert_eq!(verify["cut"]["to_id"], inserted + 3, "{summary}");
    let topic = verify["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == "topic")
        .unwrap();
    assert_eq!(topic["expected"], inserted, "{summary}");
    assert_eq!(topic["found"], inserted, "{summary}");
    assert_eq!(
        (summary["missing"].as_i64(), summary["duplicates"].as_i64()),
        (Some(0), Some(0))
    );
    assert_eq!(events[0]["event"]["meta"]["source"], "kafka-producer");
    // Cross-checked independently.
    assert_eq!(
        scope.psql("SELECT count(*) FROM livedb"),
        (inserted + 3).to_string()
    );
    assert_exactly_once(&ids_on_topic(&consume_all(&scope)), 1, inserted + 3);

    let human = scope
        .run(&["demo", "--duration", "1s", "--rate", "20"])
        .ok();
    assert!(
        human
            .stdout
            .contains("every row is on `pipe_demo_events` exactly once with its content"),
        "{}",
        human.stdout
    );
}

#[test]
fn lost_database_connections_are_retried_and_reported() {
    let scope = ready("pipe_pgloss");
    let kill_backends = || {
        scope.psql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND (application_name = 'livedbctl' OR application_name LIKE 'livedbctl %')",
        )
    };
    let count = || -> i64 { scope.psql("SELECT count(*) FROM livedb").parse().unwrap() };

    let writer = spawn(
        &scope,
        &[
            "seed", "burst", "--rows", "2", "--every", "200ms", "--count", "40",
        ],
    );
    wait_for("the first bursts", Duration::from_secs(60), || count() >= 6);
    assert_eq!(kill_backends(), "1");
    let out = writer.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("lost the database connection") && stderr.contains("reconnected"),
        "{stderr}"
    );
    assert_eq!(
        count(),
        40,
        "the burst that failed was retried, none doubled"
    );

    let producer = spawn(&scope, &["produce", "poll", "--interval", "100ms"]);
    wait_for("the producer to publish", Duration::from_secs(60), || {
        last_offset(&scope) == 40
    });
    assert_eq!(kill_backends(), "1");
    scope.run(&["seed", "burst", "--once", "--rows", "5"]).ok();
    wait_for("the producer to come back", Duration::from_secs(60), || {
        last_offset(&scope) == 45
    });
    interrupt(&producer);
    let out = producer.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("PostgreSQL unavailable") && stderr.contains("PostgreSQL is back"),
        "{stderr}"
    );
    assert_exactly_once(&ids_on_topic(&consume_all(&scope)), 1, 45);
}

#[test]
fn a_row_committed_late_is_not_overtaken_by_higher_ids() {
    use std::io::{BufRead, BufReader, Write};
    let scope = ready("pipe_overtake");
    // A writer takes id 1 and keeps its transaction open...
    let mut slow = scope
        .stack
        .psql_client(&scope.dbname)
        .arg("-qAtX")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut slow_in = slow.stdin.take().unwrap();
    writeln!(
        slow_in,
        "BEGIN; INSERT INTO livedb (org, amount, region) VALUES ('Slow Writer', 1.00, 'eu-west');"
    )
    .unwrap();
    slow_in.flush().unwrap();
    wait_for("the open transaction", Duration::from_secs(30), || {
        scope.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'") == "1"
    });
    // ...while ids 2 and 3 commit.
    scope.run(&["seed", "burst", "--once", "--rows", "2"]).ok();
    assert_eq!(
        scope.psql("SELECT string_agg(id::text, ',' ORDER BY id) FROM livedb"),
        "2,3"
    );

    let mut producer = spawn(&scope, &["produce", "poll", "--interval", "100ms"]);
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = producer.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut log = Vec::new();
    while !log
        .iter()
        .any(|l: &String| l.contains("wait for an older transaction"))
    {
        log.push(
            rx.recv_timeout(Duration::from_secs(60))
                .expect("the producer reports the held-back rows"),
        );
    }
    assert_eq!(
        last_offset(&scope),
        0,
        "2 and 3 must not be published before 1 is settled"
    );

    writeln!(slow_in, "COMMIT;").unwrap();
    drop(slow_in);
    slow.wait().unwrap();
    wait_for(
        "the producer to publish all three",
        Duration::from_secs(60),
        || last_offset(&scope) == 3,
    );
    interrupt(&producer);
    assert!(producer.wait().unwrap().success());
    let records = consume_all(&scope);
    assert_exactly_once(&ids_on_topic(&records), 1, 3);
}

/// A `created_at` no Rust date type holds (the year 287,000; PostgreSQL takes up to
/// 294,276) made every `produce poll` panic on that row, for good. It is published as
/// PostgreSQL writes it, the rows after it too, and `trace` and `verify` read it.
#[test]
fn a_row_from_the_year_287000_is_published_as_written_and_the_rest_go_on() {
    let scope = ready("pipe_far_future");
    scope.psql(
        "INSERT INTO livedb (org, amount, region, created_at) VALUES \
           ('far', 1, 'eu', '287000-01-01 00:00:00'), ('whole', 2, 'eu', '2026-01-01 00:00:00'), \
           ('now', 3, 'eu', now())",
    );
    scope.wait_rows_settled();
    scope.run(&["produce", "poll", "--once"]).ok();
    assert_eq!(scope.psql("SELECT last_id FROM producer_offsets"), "3");
    let events: Vec<Value> = scope
        .kafka_tool(&["consume", &scope.topic, "--timeout", "180"])
        .ok()
        .json_lines()
        .iter()
        .map(|r| serde_json::from_str(r["value"].as_str().unwrap()).unwrap())
        .collect();
    let created = |id: i64| {
        events
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("event {id}: {events:?}"))["meta"]["created_at"]
            .clone()
    };
    assert_eq!(created(1), "287000-01-01T00:00:00.000000Z");
    // Whole seconds keep their six decimals.
    assert_eq!(created(2), "2026-01-01T00:00:00.000000Z");
    assert!(created(3).as_str().unwrap().ends_with('Z'));
    assert_eq!(events.len(), 3);
    let t = scope.run(&["-o", "json", "trace", "1"]).ok().json();
    assert_eq!(t["event"]["matches_row"], true, "{t:#}");
    assert_eq!(t["row"]["created_at"], "287000-01-01T00:00:00.000000Z");
    let v = scope.run(&["-o", "json", "verify"]).ok().json();
    assert_eq!(v["ok"], true, "{v:#}");
}
