//! `consume aggregate` and `consume route`, and two sinks sharing a group.

use std::time::Duration;

use super::*;

fn agg_events(scope: &Scope, counts: &[(&str, u32)]) {
    let mut lines = String::new();
    for (k, n) in counts {
        for i in 0..*n {
            lines.push_str(&json!({"k": k, "amount": i + 1}).to_string());
            lines.push('\n');
        }
    }
    scope
        .kafka_stdin(&["produce", &scope.topic, "--key-field", "k"], &lines)
        .ok();
}

#[test]
fn aggregate_counts_per_key_fires_exec_and_counts_replays_once() {
    let scope = ready("agg_exec");
    agg_events(&scope, &[("a", 7), ("b", 3), ("c", 2)]);
    let out = scope.dir.join("fired.txt");
    let exec = format!("printf '%s %s %s %s\\n' \"$LIVEDB_AGG_KEY\" \"$LIVEDB_AGG_COUNT\" \"$LIVEDB_AGG_SUM\" \"$(cat)\" >> '{}'", out.display());
    let prefix = "t_agg1";
    let args = [
        "-o",
        "json",
        "consume",
        "aggregate",
        &scope.topic,
        "--key-field",
        "k",
        "--sum",
        "amount",
        "--max-events",
        "3",
        "--max-time",
        "10m",
        "--exec",
        &exec,
        "--prefix",
        prefix,
        "-e",
        "--group",
        "agg_g1",
    ];
    let r = scope.run(&args).ok();
    let records = r.json_lines();
    let triggers: Vec<&Value> = records.iter().filter(|r| r["type"] == "trigger").collect();
    assert_eq!(triggers.len(), 3, "{}", r.stdout);
    assert!(triggers.iter().all(|t| t["ok"] == true && t["count"] == 3));

    // What the exec'd command saw: key, count, sum in the environment, the events on stdin.
    let fired = std::fs::read_to_string(&out).unwrap();
    let mut seen: Vec<(String, String, String, Vec<Value>)> = fired
        .lines()
        .map(|l| {
            let mut parts = l.splitn(4, ' ');
            let (k, c, s) = (
                parts.next().unwrap().to_string(),
                parts.next().unwrap().to_string(),
                parts.next().unwrap().to_string(),
            );
            let events: Vec<Value> = serde_json::from_str(parts.next().unwrap()).unwrap();
            (k, c, s, events)
        })
        .collect();
    seen.sort_by_key(|a| (a.0.clone(), a.2.clone()));
    let summary: Vec<(&str, &str, &str)> = seen
        .iter()
        .map(|(k, c, s, _)| (k.as_str(), c.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        summary,
        [("a", "3", "15"), ("a", "3", "6"), ("b", "3", "6")],
        "{fired}"
    );
    for (k, _, s, events) in &seen {
        assert_eq!(events.len(), 3);
        assert!(events.iter().all(|e| e["k"] == k.as_str()));
        let total: f64 = events.iter().map(|e| e["amount"].as_f64().unwrap()).sum();
        assert_eq!(total.to_string(), *s);
    }

    // Redis holds the open windows under the documented layout, checked with redis-cli.
    let base = format!("{prefix}:{}", scope.topic);
    assert_eq!(
        scope.redis_cli(&["HGET", &format!("{base}:window:a"), "count"]),
        "1"
    );
    assert_eq!(
        scope.redis_cli(&["HGET", &format!("{base}:window:a"), "sum"]),
        "7"
    );
    assert_eq!(
        scope.redis_cli(&["HGET", &format!("{base}:window:c"), "count"]),
        "2"
    );
    assert_eq!(
        scope.redis_cli(&["LLEN", &format!("{base}:window:c:events")]),
        "2"
    );
    assert_eq!(
        scope.redis_cli(&["EXISTS", &format!("{base}:window:b")]),
        "0",
        "b's window closed when it fired"
    );
    let ttl: i64 = scope
        .redis_cli(&["PTTL", &format!("{base}:window:c")])
        .parse()
        .unwrap();
    assert!(ttl > 0 && ttl <= 600_000, "window TTL {ttl}");
    assert_eq!(
        scope.redis_cli(&["HGET", &format!("{base}:stats"), "windows_fired"]),
        "3"
    );
    assert_eq!(scope.redis_cli(&["LLEN", &format!("{base}:triggers")]), "0");
    // And `redis dump` shows them.
    let dump = scope
        .run(&[
            "-o",
            "json",
            "redis",
            "dump",
            "--match",
            &format!("{base}:window:*"),
            "--type",
            "hash",
        ])
        .ok()
        .json_lines();
    assert_eq!(dump.len(), 2, "{dump:?}");

    // Offsets were committed after the Redis writes: the same group reads nothing new.
    let again = scope.run(&args).ok();
    assert_eq!(again.json_lines().last().unwrap()["events"], 0);
    // Another group re-reads everything (as after a crash before the commit): the
    // per-partition offsets marker makes every event a no-op.
    let mut other = args.to_vec();
    *other.last_mut().unwrap() = "agg_g2";
    let replay = scope.run(&other).ok().json_lines();
    let last = replay.last().unwrap();
    assert_eq!(last["events"], 12);
    assert_eq!(last["replayed"], 12);
    assert_eq!(last["windows_fired"], 0);
    assert_eq!(
        scope.redis_cli(&["HGET", &format!("{base}:window:a"), "count"]),
        "1"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 3);
}

#[test]
fn aggregate_failed_trigger_is_retried_reported_and_kept_until_it_succeeds() {
    let scope = ready("agg_retry");
    agg_events(&scope, &[("x", 2)]);
    let prefix = "t_agg2";
    let base = format!("{prefix}:{}", scope.topic);
    let common = [
        "-o",
        "json",
        "consume",
        "aggregate",
        &scope.topic,
        "--key-field",
        "k",
        "--max-events",
        "2",
        "--prefix",
        prefix,
        "-e",
        "--group",
        "agg_r",
    ];
    let mut failing = common.to_vec();
    failing.extend(["--exec", "echo boom >&2; exit 3", "--attempts", "2"]);
    let r = scope.run(&failing).ok();
    let t: Vec<Value> = r
        .json_lines()
        .into_iter()
        .filter(|r| r["type"] == "trigger")
        .collect();
    assert_eq!(t.len(), 1, "{}", r.stdout);
    assert_eq!(t[0]["ok"], false);
    assert_eq!(t[0]["attempts"], 2);
    assert!(t[0]["error"].as_str().unwrap().contains("boom"), "{}", t[0]);
    assert_eq!(
        scope.redis_cli(&["LLEN", &format!("{base}:triggers")]),
        "1",
        "a failed trigger stays pending"
    );
    assert_eq!(
        scope.redis_cli(&["HGET", &format!("{base}:stats"), "trigger_failures"]),
        "1"
    );

    // The next start retries it first, here publishing to a trigger topic.
    let trig = format!("{}_triggers", scope.topic);
    let mut working = common.to_vec();
    working.extend(["--trigger-topic", &trig]);
    let r = scope.run(&working).ok();
    let t: Vec<Value> = r
        .json_lines()
        .into_iter()
        .filter(|r| r["type"] == "trigger")
        .collect();
    assert_eq!(t.len(), 1, "{}", r.stdout);
    assert_eq!(t[0]["ok"], true);
    assert_eq!(scope.redis_cli(&["LLEN", &format!("{base}:triggers")]), "0");
    let published = scope.kafka_tool(&["consume", &trig]).ok().json_lines();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0]["key"], "x");
    let doc: Value = serde_json::from_str(published[0]["value"].as_str().unwrap()).unwrap();
    assert_eq!(doc["count"], 2);
    assert_eq!(doc["events"].as_array().unwrap().len(), 2);
}

#[test]
fn route_forwards_by_field_creates_topics_and_runs_the_side_channel() {
    let scope = ready("route_city");
    let cities = ["Oslo", "Bergen", "New York", "Oslo", "Bergen", "Oslo"];
    let mut input = String::new();
    for (i, c) in cities.iter().enumerate() {
        let prio = if i % 3 == 0 { "high" } else { "low" };
        input.push_str(
            &json!({"order_id": i, "customer": {"address": {"city": c}}, "priority": prio})
                .to_string(),
        );
        input.push('\n');
    }
    input.push_str("{\"order_id\": 99, \"priority\": \"high\"}\n"); // no city: skipped, reported
    scope
        .kafka_stdin(
            &["produce", &scope.topic, "--key-field", "order_id"],
            &input,
        )
        .ok();

    let mail = scope.dir.join("mail.txt");
    let template = format!("{}.city.{{}}", scope.topic);
    let exec = format!("{{ cat; echo; }} >> '{}'", mail.display());
    let r = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "route",
            &scope.topic,
            "--by",
            "customer.address.city",
            "--to",
            &template,
            "--when",
            "priority=high",
            "--exec",
            &exec,
            "-e",
            "--group",
            "route_g",
        ])
        .ok();
    let records = r.json_lines();
    let mut created: Vec<String> = records
        .iter()
        .filter(|r| r["type"] == "topic_created")
        .map(|r| r["topic"].as_str().unwrap().to_string())
        .collect();
    created.sort();
    let t = |c: &str| format!("{}.city.{c}", scope.topic);
    assert_eq!(
        created,
        [t("Bergen"), t("New_York"), t("Oslo")],
        "{}",
        r.stdout
    );
    let skipped: Vec<&Value> = records.iter().filter(|r| r["type"] == "skipped").collect();
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0]["reason"]
        .as_str()
        .unwrap()
        .contains("customer.address.city"));

    for (city, n) in [("Oslo", 3), ("Bergen", 2), ("New_York", 1)] {
        let got = scope.kafka_tool(&["consume", &t(city)]).ok().json_lines();
        assert_eq!(got.len(), n, "{city}: {got:?}");
        for m in &got {
            let v: Value = serde_json::from_str(m["value"].as_str().unwrap()).unwrap();
            assert_eq!(
                v["customer"]["address"]["city"]
                    .as_str()
                    .unwrap()
                    .replace(' ', "_"),
                city
            );
            assert_eq!(m["key"], v["order_id"].to_string(), "the key is kept");
        }
    }
    // The side channel saw exactly the high-priority orders that were routed (0 and 3).
    let mut mailed: Vec<i64> = std::fs::read_to_string(&mail)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["order_id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    mailed.sort();
    assert_eq!(mailed, [0, 3]);
    let summary = records.last().unwrap();
    assert_eq!(summary["written"], 6);
    assert_eq!(summary["side_channel_ok"], 2);
}

/// Two copies with the same group share the partitions (consumer groups work on tansu),
/// and SIGTERM flushes, commits and stops each cleanly.
///
/// Every wait is for a condition, with a deadline far above what a loaded machine needs:
/// how long the second member takes to join and the group to rebalance is the broker's
/// business, not something to assert.
#[test]
fn two_sinks_in_one_group_share_the_partitions_and_stop_cleanly_on_sigterm() {
    let scope = ready("sink_share");
    scope.psql("CREATE TABLE shared (id INTEGER PRIMARY KEY, who TEXT)");
    let args = [
        "-o",
        "json",
        "consume",
        "sink",
        &scope.topic,
        "--table",
        "shared",
        "--upsert-key",
        "id",
        "--group",
        "share_g",
        "--flush-interval",
        "200ms",
    ];
    let mut a = scope.spawn_logged("a", &args);
    let mut b = scope.spawn_logged("b", &args);
    let flushed = |name: &str| scope.output_of(name).0.contains("\"type\":\"flush\"");
    // Keep producing until both members have written something: the group hands
    // partitions to the second member once it has joined, however long that takes.
    let mut produced = 0;
    let explain = |a: &mut std::process::Child, b: &mut std::process::Child| {
        let mut said = String::new();
        for (name, c) in [("a", a), ("b", b)] {
            let (out, err) = scope.output_of(name);
            let tail = |t: &str| t.lines().rev().take(8).collect::<Vec<_>>().join("\n");
            said += &format!(
                "--- {name}: {:?}\nstdout (last lines first):\n{}\nstderr (last lines first):\n{}\n",
                c.try_wait(),
                tail(&out),
                tail(&err)
            );
        }
        said + &format!(
            "committed: {}",
            scope
                .kafka_tool(&["committed", &scope.topic, "--group", "share_g"])
                .stdout
        )
    };
    wait_for_or(
        "both members to receive partitions and flush",
        std::time::Duration::from_secs(600),
        || {
            if flushed("a") && flushed("b") {
                return true;
            }
            let lines: String = (produced..produced + 60)
                .map(|i| format!("{{\"id\":{i},\"who\":\"x\"}}\n"))
                .collect();
            scope
                .kafka_stdin(&["produce", &scope.topic, "--key-field", "id"], &lines)
                .ok();
            produced += 60;
            flushed("a") && flushed("b")
        },
        || explain(&mut a, &mut b),
    );
    // Wait until everything produced is in the table, then stop both with SIGTERM.
    wait_for(
        "every produced row in the table",
        std::time::Duration::from_secs(300),
        || scope.psql("SELECT count(*) FROM shared") == produced.to_string(),
    );
    for c in [&a, &b] {
        terminate(c);
    }
    for (name, mut c) in [("a", a), ("b", b)] {
        let status = c.wait().unwrap();
        assert!(
            status.success(),
            "{name}: {status}\n{}",
            scope.output_of(name).1
        );
    }
    let a_out = scope.dir.join("a.out");
    let b_out = scope.dir.join("b.out");
    let summary = |p: &std::path::Path| -> Value {
        let text = std::fs::read_to_string(p).unwrap();
        serde_json::from_str(text.lines().last().unwrap()).unwrap()
    };
    let (sa, sb) = (summary(&a_out), summary(&b_out));
    assert_eq!(sa["stopped"], "signal");
    assert_eq!(sb["stopped"], "signal");
    assert!(
        sa["events"].as_u64().unwrap() > 0 && sb["events"].as_u64().unwrap() > 0,
        "{sa} {sb}"
    );
    assert_eq!(
        scope.psql("SELECT count(*), count(DISTINCT id) FROM shared"),
        format!("{produced}|{produced}")
    );
    // The final commits cover everything: nothing left for the group.
    let committed = scope
        .kafka_tool(&["committed", &scope.topic, "--group", "share_g"])
        .ok()
        .json();
    let ends = scope.kafka_tool(&["offsets", &scope.topic]).ok().json();
    for (p, c) in committed.as_object().unwrap() {
        assert_eq!(c, &ends[p][1], "partition {p}");
    }
}

/// Partitions move between members while a backlog waits: a second member joins behind
/// it, then leaves, and its partitions go back to the first one, which read them before
/// (each partition has a queue of its own, split at every rebalance and read in batches:
/// a partition given back without a reader, or messages in hand dropped and not read
/// again, would leave rows missing). Writes are slowed by a trigger so the backlog lasts.
#[test]
fn partitions_moving_between_members_behind_a_backlog_lose_no_row() {
    let scope = ready("sink_moves");
    scope.psql(
        "CREATE TABLE moved (id INTEGER PRIMARY KEY, who TEXT);
         CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN PERFORM pg_sleep(0.05); RETURN NULL; END $$;
         CREATE TRIGGER slow_down AFTER INSERT ON moved
           FOR EACH STATEMENT EXECUTE FUNCTION slow_down()",
    );
    let mut produced = 0;
    let mut produce = |n: usize| {
        let lines: String = (produced..produced + n)
            .map(|i| format!("{{\"id\":{i},\"who\":\"x\"}}\n"))
            .collect();
        scope
            .kafka_stdin(&["produce", &scope.topic, "--key-field", "id"], &lines)
            .ok();
        produced += n;
        produced
    };
    produce(5_000);
    let args = [
        "-o",
        "json",
        "consume",
        "sink",
        &scope.topic,
        "--table",
        "moved",
        "--upsert-key",
        "id",
        "--group",
        "moves_g",
        "--batch-size",
        "100",
        "--flush-interval",
        "200ms",
    ];
    let flushes = |name: &str| {
        scope
            .output_of(name)
            .0
            .matches("\"type\":\"flush\"")
            .count()
    };
    let mut a = scope.spawn_logged("a", &args);
    wait_for("a's first flush", Duration::from_secs(300), || {
        flushes("a") > 0
    });
    let mut b = scope.spawn_logged("b", &args);
    // B is given partitions once it has joined; the backlog is kept up until it wrote.
    wait_for_or(
        "b to receive partitions behind the backlog and flush",
        Duration::from_secs(600),
        || {
            if flushes("b") > 0 {
                return true;
            }
            produce(1_000);
            false
        },
        || {
            format!(
                "a: {}\nb: {}",
                scope.output_of("a").1,
                scope.output_of("b").1
            )
        },
    );
    let total = produce(5_000);
    // B leaves with a backlog on its partitions: they go back to A.
    terminate(&b);
    let status = b.wait().unwrap();
    assert!(status.success(), "b: {status}\n{}", scope.output_of("b").1);
    wait_for_or(
        "every produced row in the table",
        Duration::from_secs(600),
        || scope.psql("SELECT count(*) FROM moved") == total.to_string(),
        || {
            format!(
                "rows: {}\na: {}",
                scope.psql("SELECT count(*) FROM moved"),
                scope.output_of("a").1
            )
        },
    );
    terminate(&a);
    let status = a.wait().unwrap();
    assert!(status.success(), "a: {status}\n{}", scope.output_of("a").1);
    assert_eq!(
        scope.psql("SELECT count(*), min(id), max(id) FROM moved"),
        format!("{total}|0|{}", total - 1)
    );
    // A read from partitions that had been B's: both members wrote.
    let summary = |name: &str| -> Value {
        let out = scope.output_of(name).0;
        serde_json::from_str(out.lines().last().unwrap()).unwrap()
    };
    let (sa, sb) = (summary("a"), summary("b"));
    assert!(sb["events"].as_u64().unwrap() > 0, "{sb}");
    assert!(
        sa["events"].as_u64().unwrap() + sb["events"].as_u64().unwrap() >= total as u64,
        "{sa} {sb}"
    );
}
