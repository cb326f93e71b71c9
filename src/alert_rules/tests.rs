use super::*;

fn ok(rule: &str) -> AlertRule {
    parse(rule).unwrap_or_else(|e| panic!("{rule}: {e}"))
}

fn bad(rule: &str) -> RuleError {
    parse(rule).expect_err(rule)
}

#[test]
fn good_rules_are_understood() {
    let r = ok("lag > 10000 for 1m");
    assert_eq!(
        r.condition,
        Condition::Threshold {
            metric: Metric::Lag,
            scope: None,
            op: Op::Gt,
            threshold: 10000.0
        }
    );
    assert_eq!(r.hold_for, Duration::from_secs(60));
    assert_eq!(r.text, "lag > 10000 for 1m");

    let r = ok("  lag{group=livedbctl-sink-orders}   >=  10_000 ");
    assert_eq!(r.text, "lag{group=livedbctl-sink-orders} >= 10_000");
    assert_eq!(
        r.condition,
        Condition::Threshold {
            metric: Metric::Lag,
            scope: Some(Scope {
                label: "group".into(),
                value: "livedbctl-sink-orders".into()
            }),
            op: Op::Ge,
            threshold: 10000.0
        }
    );
    assert_eq!(r.hold_for, Duration::ZERO);

    let r = ok("freshness{topic=\"db.public.orders\"} > 30s for 1m 30s");
    assert!(matches!(
        r.condition,
        Condition::Threshold { metric: Metric::Freshness, threshold, scope: Some(ref s), .. }
            if threshold == 30_000.0 && s.label == "topic" && s.value == "db.public.orders"
    ));
    assert_eq!(r.hold_for, Duration::from_secs(90));

    for (rule, bytes) in [
        ("slot_lag > 1GiB", 1u64 << 30),
        ("slot_lag > 1 GiB", 1 << 30),
        ("slot_lag > 1.5gib", 3 << 29),
        ("slot_lag > 2GB", 2_000_000_000),
        ("slot_lag{slot=livedb_orders} > 4096", 4096),
        ("slot_lag > 512MiB", 512 << 20),
    ] {
        assert!(
            matches!(ok(rule).condition, Condition::Threshold { threshold, .. } if threshold == bytes as f64),
            "{rule}"
        );
    }
    assert!(matches!(
        ok("dead_letters > 0").condition,
        Condition::Threshold { metric: Metric::DeadLetters, threshold, .. } if threshold == 0.0
    ));
    assert_eq!(
        ok("consumer stalled").condition,
        Condition::Stalled { group: None }
    );
    let r = ok("consumer{group=readers} stalled for 2m");
    assert_eq!(
        r.condition,
        Condition::Stalled {
            group: Some("readers".into())
        }
    );
    assert_eq!(r.hold_for, Duration::from_secs(120));
    assert!(matches!(
        ok("freshness < 1h").condition,
        Condition::Threshold { op: Op::Lt, .. }
    ));
}

#[test]
fn bad_rules_say_where_and_what() {
    let e = bad("lga > 10");
    assert_eq!((e.column, e.len), (1, 3));
    assert!(
        e.message.contains("unknown metric `lga`") && e.message.contains("did you mean `lag`?"),
        "{e}"
    );
    assert_eq!(e.pointer(), "lga > 10\n^^^");

    let e = bad("lag > 10k for 1m");
    assert_eq!((e.column, e.len), (7, 3), "{e}");
    assert!(
        e.message.contains("`10k` is not a number of records"),
        "{e}"
    );

    let e = bad("freshness > 30 for 1m");
    assert_eq!(e.column, 13, "{e}");
    assert!(e.message.contains("`30` is not a duration"), "{e}");

    let e = bad("slot_lag > 1GiBs");
    assert_eq!((e.column, e.len), (12, 5), "{e}");
    assert!(e.message.contains("not a size"), "{e}");

    let e = bad("lag{grop=x} > 1");
    assert_eq!((e.column, e.len), (5, 4), "{e}");
    assert!(e.message.contains("did you mean `group`?"), "{e}");

    let e = bad("freshness{group=x} > 1s");
    assert!(
        e.message
            .contains("it takes `table`, `topic`, `destination`"),
        "{e}"
    );

    let e = bad("lag 10");
    assert_eq!(e.column, 5, "{e}");
    assert!(e.message.contains("expected a comparison"), "{e}");

    let e = bad("lag >");
    assert_eq!(e.column, 6, "{e}");
    assert!(e.message.contains("expected a threshold"), "{e}");

    let e = bad("lag > 10 fro 1m");
    assert_eq!((e.column, e.len), (10, 3), "{e}");
    assert!(e.message.contains("expected `for DURATION`"), "{e}");

    let e = bad("lag > 10 for");
    assert!(e.message.contains("expected a duration after `for`"), "{e}");

    let e = bad("lag > 10 for 1 minnit");
    assert_eq!((e.column, e.len), (14, 8), "{e}");

    let e = bad("consumer stalls");
    assert_eq!(e.column, 10, "{e}");
    assert!(e.message.contains("expected `stalled`"), "{e}");

    let e = bad("lag{group=\"x} > 1");
    assert!(e.message.contains("not closed"), "{e}");

    let e = bad("lag{group=a,topic=b} > 1");
    assert!(e.message.contains("one label"), "{e}");

    let e = bad("");
    assert!(e.message.contains("the rule is empty"), "{e}");
    assert_eq!(
        e.to_string().split(':').next().unwrap(),
        "alert rule ``, column 1"
    );
}

#[test]
fn sizes_in_every_unit_the_house_prints() {
    assert_eq!(parse_bytes("0"), Ok(0));
    assert_eq!(parse_bytes("19.1 KiB"), Ok(19558));
    assert_eq!(parse_bytes("12.5 MiB"), Ok(13_107_200));
    assert!(parse_bytes("-1GiB").is_err());
    assert!(parse_bytes("GiB").is_err());
}
