//! Job files: the issue's example, and every kind of mistake with its place.

use super::*;

const GOOD: &str = "\
name: revenue-by-region
source: {topic: db_live_events, time: meta.created_at, watermark_delay: 5s}
where: payload.amount > 0
group_by: [payload.region]
window: {tumble: 1m}
aggregates: {orders: count, revenue: sum(payload.amount), biggest: max(payload.amount)}
emit: on_close
sinks:
  - postgres: {table: revenue_by_region}
  - kafka: {topic: revenue_by_region}
";

fn problems(text: &str) -> Vec<String> {
    match parse(text, "job.yaml") {
        Ok(_) => Vec::new(),
        Err(e) => e.lines(),
    }
}

#[test]
fn the_issue_example_loads() {
    let job = parse(GOOD, "job.yaml").unwrap();
    assert_eq!(job.name, "revenue-by-region");
    assert_eq!(job.source.watermark_delay_ms, 5000);
    assert_eq!(job.source.from, StartFrom::Earliest);
    assert_eq!(job.window, WindowSpec::Tumble { size_ms: 60_000 });
    assert_eq!(job.group_by[0].name, "region");
    assert_eq!(job.aggregates.len(), 3);
    assert_eq!(job.aggregates[1].func, AggFunc::Sum);
    assert_eq!(job.sinks.len(), 2);
    assert_eq!(
        job.output_type(&job.aggregates[1]),
        OutputType::Decimal(DecimalType {
            precision: 38,
            scale: 2
        })
    );
}

#[test]
fn unknown_keys_get_the_nearest_valid_one_and_their_line() {
    let text = GOOD.replace("watermark_delay", "watermark_dealy");
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("job.yaml:2:56: unknown key `watermark_dealy` in source"),
        "{p:?}"
    );
    assert!(p[0].contains("did you mean `watermark_delay`?"), "{p:?}");
    let p = problems(&GOOD.replace("group_by", "groupby"));
    assert!(
        p[0].starts_with("job.yaml:4:1:") && p[0].contains("`group_by`"),
        "{p:?}"
    );
}

#[test]
fn every_bad_field_is_reported_at_once_with_its_place() {
    let text = "\
name: bad name
source: {topic: t, time: meta.created_at, watermark_delay: soon, from: middle}
where: payload.amount > 0 and
group_by: [payload.region, {region: payload.other}]
window: {hop: 5m, every: 2m}
aggregates: {orders: cnt, revenue: sum(), window_end: count}
emit: sometimes
sinks:
  - postgres: {table: 'a b'}
  - s3: {bucket: x}
";
    let p = problems(text);
    let expect = [
        "job.yaml:1:7: name `bad name`",
        "job.yaml:2:60: source.watermark_delay: `soon` is not a duration",
        "job.yaml:2:72: source.from `middle`",
        "job.yaml:3:30: where: the condition ends too early",
        "appears twice",
        "job.yaml:5:26: window: a hop window's size (5m) must be a whole multiple of `every` (2m)",
        "job.yaml:6:22: aggregates.orders: `cnt` is not an aggregate function (did you mean `count`?",
        "job.yaml:6:36: aggregates.revenue: sum needs a field",
        "job.yaml:7:7: emit `sometimes`",
        "job.yaml:9:23: postgres.table `a b`",
        "job.yaml:10:5: unknown key `s3` in a sink",
    ];
    for e in expect {
        assert!(p.iter().any(|l| l.contains(e)), "missing {e:?} in {p:#?}");
    }
}

#[test]
fn missing_sections_and_syntax_errors() {
    let p = problems("name: x\n");
    assert!(p.iter().any(|l| l.contains("`source` is missing")), "{p:?}");
    assert!(p.iter().any(|l| l.contains("`window` is missing")), "{p:?}");
    let p = problems("name: x\nsource: {topic: [\n");
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("job.yaml:"), "{p:?}");
    let p = problems("name: a\nname: b\n");
    assert!(p[0].contains("`name` is given twice"), "{p:?}");
    let p = problems("- a\n");
    assert!(p[0].contains("mapping"), "{p:?}");
}

#[test]
fn windows_emit_and_sinks_variants() {
    let j = parse(
        &GOOD
            .replace("{tumble: 1m}", "{hop: 5m, every: 1m}")
            .replace("emit: on_close", "emit: {every: 5s}")
            .replace(
                "  - kafka: {topic: revenue_by_region}",
                "  - redis: {ttl: 1h}\n  - redis:\n      prefix: other",
            ),
        "j",
    )
    .unwrap();
    assert_eq!(
        j.window,
        WindowSpec::Hop {
            size_ms: 300_000,
            slide_ms: 60_000
        }
    );
    assert_eq!(j.emit, Emit::Every { interval_ms: 5000 });
    assert_eq!(
        j.sinks[1],
        SinkSpec::Redis {
            prefix: DEFAULT_REDIS_PREFIX.into(),
            ttl_ms: Some(3_600_000)
        }
    );
    let j = parse(&GOOD.replace("{tumble: 1m}", "{session: 30s}"), "j").unwrap();
    assert_eq!(j.window, WindowSpec::Session { gap_ms: 30_000 });
    let p = problems(&GOOD.replace("{tumble: 1m}", "{tumble: 1m, every: 10s}"));
    assert!(p[0].contains("`every` belongs to hop windows"), "{p:?}");
    let p = problems(&GOOD.replace("{tumble: 1m}", "{hop: 1m}"));
    assert!(p[0].contains("needs `every`"), "{p:?}");
    let p = problems(&GOOD.replace("{tumble: 1m}", "{tumble: 0s}"));
    assert!(p[0].contains("longer than zero"), "{p:?}");
}

#[test]
fn fields_types_and_debezium() {
    let j = parse(
        &GOOD.replace(
            "watermark_delay: 5s}",
            "watermark_delay: 5s, envelope: debezium, fields: {payload.amount: 'decimal(10, 3)'}}",
        ),
        "j",
    )
    .unwrap();
    assert_eq!(j.source.envelope, Envelope::Debezium);
    assert_eq!(
        j.decimal_type(&FieldPath::parse("payload.amount").unwrap()),
        DecimalType {
            precision: 10,
            scale: 3
        }
    );
    let p = problems(&GOOD.replace(
        "watermark_delay: 5s}",
        "watermark_delay: 5s, fields: {payload.amount: string}}",
    ));
    assert!(p.iter().any(|l| l.contains("needs a number")), "{p:?}");
    let p = problems(&GOOD.replace("group_by: [payload.region]", "group_by: [payload]"));
    assert!(p.iter().any(|l| l.contains("reads inside it")), "{p:?}");
}

#[test]
fn damaged_files_give_problems_never_a_crash() {
    // A cheap deterministic fuzz (the parsers will be fuzzed properly later): every
    // prefix, every single-character deletion, and a few characters swapped in.
    let text =
        format!("{GOOD}emit: {{every: 5s}}\nx: [1, {{a: b}}]\n").replace("emit: on_close\n", "");
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let prefix: String = chars[..i].iter().collect();
        let _ = parse(&prefix, "f");
        let deleted: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
        let _ = parse(&deleted, "f");
        for c in [
            '{', ']', ':', '-', '\'', '(', ' ', '\n', '#', '*', '&', '!', '|',
        ] {
            let swapped: String = chars[..i]
                .iter()
                .chain(std::iter::once(&c))
                .chain(&chars[i + 1..])
                .collect();
            if let Err(JobError::Invalid { problems, .. }) = parse(&swapped, "f") {
                assert!(!problems.is_empty());
                assert!(
                    problems.iter().all(|p| p.line >= 1 && p.column >= 1),
                    "{problems:?}"
                );
            }
        }
    }
}

#[test]
fn the_built_in_example_job_is_valid() {
    let job = parse(BUILTIN_YAML, BUILTIN_NAME).unwrap();
    assert_eq!(job.name, "revenue-by-region");
    assert_eq!(job.sinks.len(), 3);
}

#[test]
fn group_names_tell_the_job_and_its_engine() {
    assert_eq!(default_group("rev"), "livedbctl-stream-rev");
    assert_eq!(flink_group("rev"), "livedbctl-flink-rev");
    assert_eq!(
        job_of_group("livedbctl-stream-rev"),
        Some(("rev", Engine::Builtin))
    );
    assert_eq!(
        job_of_group("livedbctl-flink-rev"),
        Some(("rev", Engine::Flink))
    );
    assert_eq!(job_of_group("livedbctl-stream-"), None);
    assert_eq!(job_of_group("ops"), None);
}

#[test]
fn max_future_and_limits() {
    let job = parse(GOOD, "job.yaml").unwrap();
    assert_eq!(job.source.max_future_ms, Some(DEFAULT_MAX_FUTURE_MS));
    assert_eq!(job.limits, Limits::default());
    let job = parse(
        &GOOD.replace("watermark_delay: 5s", "max_future: none"),
        "job.yaml",
    )
    .unwrap();
    assert_eq!(job.source.max_future_ms, None);
    let job = parse(
        &GOOD.replace("watermark_delay: 5s", "max_future: 2h"),
        "job.yaml",
    )
    .unwrap();
    assert_eq!(job.source.max_future_ms, Some(7_200_000));
    let p = problems(&GOOD.replace("watermark_delay: 5s", "max_future: 0s"));
    assert!(
        p[0].contains("source.max_future must be longer than zero"),
        "{p:?}"
    );

    let text = format!("{GOOD}limits: {{panes_per_event: 50, open_panes: 2_000}}\n");
    let job = parse(&text, "job.yaml").unwrap();
    assert_eq!(
        job.limits,
        Limits {
            panes_per_event: 50,
            max_open_panes: 2_000
        }
    );
    let p = problems(&format!("{GOOD}limits: {{open_panes: 0}}\n"));
    assert!(
        p[0].starts_with("job.yaml:11:22: limits.open_panes: `0` is not a whole number"),
        "{p:?}"
    );
}

/// Issue 20: `{hop: 30d, every: 1ms}` passed, and one event took 8 GB.
#[test]
fn a_hop_window_with_too_many_windows_per_event_is_refused_at_every() {
    let text = GOOD.replace("{tumble: 1m}", "{hop: 30d, every: 1ms}");
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("job.yaml:5:27: window: each event falls in 2592000000 hop windows"),
        "{p:?}"
    );
    assert!(p[0].contains("limits.panes_per_event (1000)"), "{p:?}");
    // At the limit it loads; the limit can be raised.
    assert!(problems(&GOOD.replace("{tumble: 1m}", "{hop: 1000m, every: 1m}")).is_empty());
    let text = GOOD.replace("{tumble: 1m}", "{hop: 2000m, every: 1m}");
    assert!(!problems(&text).is_empty());
    assert!(problems(&format!("{text}limits: {{panes_per_event: 2000}}\n")).is_empty());
}

/// Found by the `job_file` fuzz target (`fuzz/artifacts/job_file/crash-c7ea8e…`): a file
/// of one comment line without a final newline was reported at line 2, a line it does not
/// have. Every problem now points inside the text: the end of the last line at most.
#[test]
fn fuzz_crashers_point_inside_the_text() {
    let lines = problems("# Rneva");
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(l.starts_with("job.yaml:1:8: "), "{l}");
    }
    // With the final newline, the line after it is where the file ends: kept.
    assert!(problems("# Rneva\n")[0].starts_with("job.yaml:2:1: "));
}
