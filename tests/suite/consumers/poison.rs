//! The adversarial corpus: poison events among good ones, fed to `consume aggregate` and
//! `consume route`. Each consumer keeps going, sets the bad ones aside on its dead-letter
//! topic with a reason (and their partition and offset), counts them, and every other
//! result stays exact.

use super::*;
use std::collections::BTreeMap;

/// One record of the corpus: what kafka_tool's `produce-raw` sends, and whether each
/// consumer must set it aside (with a word its reason must hold).
struct Case {
    record: Value,
    aggregate: Option<&'static str>,
    route: Option<&'static str>,
}

fn value(v: String) -> Value {
    json!({ "value": v, "partition": 0 })
}

fn corpus(d1: &str, d2: &str) -> Vec<Case> {
    let good = |v: Value| Case {
        record: value(v.to_string()),
        aggregate: None,
        route: None,
    };
    let mut cases = Vec::new();
    for i in 1..=5 {
        cases.push(good(json!({"k": "a", "amount": i, "dest": d1})));
    }
    for _ in 0..2 {
        cases.push(good(json!({"k": "b", "amount": 2.5, "dest": d2})));
    }
    cases.push(Case {
        record: value("not json {".into()),
        aggregate: Some("not valid JSON"),
        route: Some("not valid JSON"),
    });
    for nan in ["NaN", "Infinity", "-inf"] {
        cases.push(Case {
            record: value(json!({"k": "a", "amount": nan, "dest": d1}).to_string()),
            aggregate: Some("not a finite number"),
            route: None,
        });
    }
    cases.push(Case {
        record: value(format!(r#"{{"k": "a", "amount": 1e400, "dest": "{d1}"}}"#)),
        aggregate: Some("not valid JSON"),
        route: Some("not valid JSON"),
    });
    // 1e308 + 1e308 leaves the doubles: the second is set aside, the third counts.
    cases.push(good(json!({"k": "big", "amount": 1e308, "dest": d2})));
    cases.push(Case {
        record: value(json!({"k": "big", "amount": 1e308, "dest": d2}).to_string()),
        aggregate: Some("would overflow"),
        route: None,
    });
    cases.push(good(json!({"k": "big", "amount": 1, "dest": d2})));
    // A NUL in the key: a command's environment cannot carry it.
    cases.push(Case {
        record: json!({
            "key_b64": "eABZ", // "x\0Y"
            "value": json!({"k": "x\u{0}Y", "amount": 1, "dest": d1, "priority": "high"}).to_string(),
            "partition": 0,
        }),
        aggregate: Some("NUL"),
        route: Some("NUL"),
    });
    // Over the 1 MiB limit, set aside unread. (2 MB: tansu serves no record of 5 MB or
    // more to any client, kcat included; the reader of such a partition waits there.)
    cases.push(Case {
        record: value(
            json!({"k": "a", "amount": 1, "dest": d1, "pad": "x".repeat(2 << 20)}).to_string(),
        ),
        aggregate: Some("over the limit"),
        route: Some("over the limit"),
    });
    // 10,000 levels deep.
    cases.push(Case {
        record: value(format!(
            r#"{{"k": "a", "amount": 1, "dest": "{d1}", "deep": {}{}}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        )),
        aggregate: Some("not valid JSON"),
        route: Some("not valid JSON"),
    });
    cases.push(Case {
        record: value(json!({"amount": 1, "dest": d1}).to_string()),
        aggregate: Some("no key"),
        route: None,
    });
    cases.push(Case {
        record: value(json!({"k": "a", "amount": {"x": 1}, "dest": d1}).to_string()),
        aggregate: Some("not a number"),
        route: None,
    });
    // A destination Kafka forbids.
    cases.push(Case {
        record: value(json!({"k": "a", "amount": 1, "dest": ".."}).to_string()),
        aggregate: None,
        route: Some("not a topic name"),
    });
    // Control characters are data, not poison.
    cases.push(good(
        json!({"k": "c\u{1}\t", "amount": 1, "dest": d1, "note": "tab\there"}),
    ));
    cases
}

/// The dead letters on `topic`, by the offset they came from.
fn dead_letters(scope: &Scope, topic: &str, want: usize) -> BTreeMap<i64, Value> {
    let got = scope
        .kafka_tool(&["consume", topic, "--timeout", "180"])
        .ok()
        .json_lines();
    assert_eq!(got.len(), want, "{got:?}");
    got.into_iter()
        .map(|r| {
            let h = &r["headers"];
            assert_eq!(h["dlq.topic"], scope.topic.as_str(), "{r}");
            assert_eq!(h["dlq.partition"], "0", "{r}");
            let offset: i64 = h["dlq.offset"].as_str().unwrap().parse().unwrap();
            (offset, r)
        })
        .collect()
}

fn check_reasons(dead: &BTreeMap<i64, Value>, cases: &[Case], pick: fn(&Case) -> Option<&str>) {
    for (offset, case) in cases.iter().enumerate() {
        let offset = offset as i64;
        match pick(case) {
            Some(word) => {
                let reason = dead[&offset]["headers"]["dlq.reason"].as_str().unwrap();
                assert!(
                    reason.contains(word),
                    "offset {offset}: {reason:?} lacks {word:?}"
                );
            }
            None => assert!(!dead.contains_key(&offset), "offset {offset} set aside"),
        }
    }
}

#[test]
fn poison_events_are_set_aside_with_reasons_and_the_rest_stays_exact() {
    let scope = ready("poison");
    let (d1, d2) = (
        format!("{}_one", scope.topic),
        format!("{}_two", scope.topic),
    );
    let cases = corpus(&d1, &d2);
    let input: String = cases.iter().map(|c| format!("{}\n", c.record)).collect();
    scope
        .kafka_stdin(&["produce-raw", &scope.topic], &input)
        .ok();

    // consume aggregate: counts and sums in Redis, a trigger command.
    let prefix = "t_poison";
    let r = scope
        .run(&[
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
            "1000",
            "--max-time",
            "10m",
            "--exec",
            "cat > /dev/null",
            "--prefix",
            prefix,
            "-e",
            "--group",
            "poison_agg",
        ])
        .ok();
    let bad = cases.iter().filter(|c| c.aggregate.is_some()).count();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["events"], cases.len(), "{}", r.stdout);
    assert_eq!(summary["dead_lettered"], bad, "{}", r.stdout);
    assert_eq!(summary["written"], cases.len() - bad, "{}", r.stdout);
    let dead = dead_letters(&scope, &format!("{}.dlq", scope.topic), bad);
    check_reasons(&dead, &cases, |c| c.aggregate);
    let big = dead
        .values()
        .find(|r| r["headers"]["dlq.value-omitted"].is_string());
    assert!(
        big.is_some_and(|r| r["value"].is_null()),
        "the 2 MB value is left out of its dead letter"
    );
    let base = format!("{prefix}:{}", scope.topic);
    let hget =
        |key: &str, field: &str| scope.redis_cli(&["HGET", &format!("{base}:window:{key}"), field]);
    assert_eq!(
        (hget("a", "count"), hget("a", "sum")),
        ("6".into(), "16".into())
    );
    assert_eq!(
        (hget("b", "count"), hget("b", "sum")),
        ("2".into(), "5".into())
    );
    assert_eq!(hget("big", "count"), "2");
    assert_eq!(hget("big", "sum").parse::<f64>().unwrap(), 1e308);
    assert_eq!(hget("c\u{1}\t", "count"), "1");
    // Committed past the poison: the same group reads nothing again.
    let again = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "aggregate",
            &scope.topic,
            "--key-field",
            "k",
            "--sum",
            "amount",
            "--exec",
            "true",
            "--prefix",
            prefix,
            "-e",
            "--group",
            "poison_agg",
        ])
        .ok();
    assert_eq!(again.json_lines().pop().unwrap()["events"], 0);

    // consume route: to the topic named by `dest`, a side channel for priority=high.
    let rdlq = format!("{}.route-dlq", scope.topic);
    let r = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "route",
            &scope.topic,
            "--by",
            "dest",
            "--to",
            "{}",
            "--when",
            "priority=high",
            "--exec",
            "cat > /dev/null",
            "--dead-letter",
            &rdlq,
            "-e",
            "--group",
            "poison_route",
        ])
        .ok();
    let bad = cases.iter().filter(|c| c.route.is_some()).count();
    let summary = r.json_lines().pop().unwrap();
    assert_eq!(summary["dead_lettered"], bad, "{}", r.stdout);
    assert_eq!(summary["written"], cases.len() - bad, "{}", r.stdout);
    let dead = dead_letters(&scope, &rdlq, bad);
    check_reasons(&dead, &cases, |c| c.route);
    let routed = |dest: &str| {
        cases
            .iter()
            .filter(|c| c.route.is_none())
            .filter(|c| {
                serde_json::from_str::<Value>(c.record["value"].as_str().unwrap())
                    .is_ok_and(|v| v["dest"] == dest)
            })
            .count()
    };
    for dest in [&d1, &d2] {
        assert_eq!(scope.read_topic(dest).len(), routed(dest), "{dest}");
    }

    // consume sink: PostgreSQL decides what a row may hold ('NaN' is a float8, a NUL is
    // not text); what it refuses is a dead letter in the table, the rest are rows.
    scope.psql("CREATE TABLE poison_sink (k TEXT, amount FLOAT8, dest TEXT)");
    let r = scope
        .run(&[
            "-o",
            "json",
            "consume",
            "sink",
            &scope.topic,
            "--table",
            "poison_sink",
            "-e",
            "--group",
            "poison_sink",
        ])
        .ok();
    let summary = r.json_lines().pop().unwrap();
    // 10,000 levels deep is valid JSON, and the sink reads only the fields it maps: a row.
    let refused: Vec<(usize, &str)> = vec![
        (7, "not valid JSON"),
        (11, "not valid JSON"),         // 1e400
        (15, "rejected by PostgreSQL"), // a NUL in text
        (19, "rejected by PostgreSQL"), // {"x": 1} as a float8
    ];
    assert_eq!(summary["dead_lettered"], refused.len(), "{}", r.stdout);
    assert_eq!(
        summary["written"],
        cases.len() - refused.len(),
        "{}",
        r.stdout
    );
    let dead = scope.psql(
        "SELECT \"offset\" || ':' || reason FROM livedbctl_dead_letters \
         WHERE destination = 'poison_sink' ORDER BY \"offset\"",
    );
    let got: Vec<&str> = dead.lines().collect();
    assert_eq!(got.len(), refused.len(), "{got:?}");
    for (line, (offset, reason)) in got.iter().zip(&refused) {
        assert!(line.starts_with(&format!("{offset}:{reason}")), "{got:?}");
    }
    assert_eq!(
        scope.psql(
            "SELECT count(*), sum(amount) FILTER (WHERE k = 'a' AND amount BETWEEN 0 AND 100) FROM poison_sink"
        ),
        format!("{}|18", cases.len() - refused.len())
    );
}
