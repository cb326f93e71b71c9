//! The engine against hand-computed windows, and crashed at many points.

use super::*;
use std::collections::BTreeMap;

use crate::stream::event::Extracted;

const MIN: i64 = 60_000;

fn config(window: WindowSpec, delay: i64, lateness: i64) -> EngineConfig {
    EngineConfig {
        window,
        watermark_delay_ms: delay,
        allowed_lateness_ms: lateness,
        emit_every_ms: None,
        aggregates: vec![
            AggSpec {
                func: AggFunc::Count,
                avg_scale: 0,
            },
            AggSpec {
                func: AggFunc::Sum,
                avg_scale: 0,
            },
        ],
        max_future_ms: None,
        max_open_panes: u64::MAX,
    }
}

fn ev(t: i64, group: &str, amount: i64) -> Result<Extracted, Skip> {
    Ok(Extracted {
        time_ms: t,
        group: vec![Some(group.to_string())],
        inputs: vec![Input::Count, Input::Number(Some(Decimal::from(amount)))],
    })
}

fn row(r: &WindowResult) -> (i64, i64, String, i64, String) {
    let count = match r.values[0] {
        AggValue::Count(n) => n,
        _ => panic!(),
    };
    let sum = match &r.values[1] {
        AggValue::Decimal(Some(d)) => d.to_string(),
        other => format!("{other:?}"),
    };
    (
        r.window.start_ms,
        r.window.end_ms,
        r.group[0].clone().unwrap(),
        count,
        sum,
    )
}

/// Feed (partition 0, offset = index) and drain after each event.
fn run(engine: &mut Engine, events: &[(i64, &str, i64)]) -> Vec<WindowResult> {
    let mut out = Vec::new();
    for (i, (t, g, a)) in events.iter().enumerate() {
        engine.push(0, i as i64, ev(*t, g, *a));
        out.extend(engine.drain(0));
    }
    out
}

#[test]
fn tumbling_windows_close_when_the_watermark_passes() {
    let mut e = Engine::new(config(WindowSpec::Tumble { size_ms: MIN }, 5_000, 0));
    let out = run(
        &mut e,
        &[
            (1_000, "a", 1),
            (2_000, "b", 2),
            (59_000, "a", 3),
            (64_000, "a", 4),
        ],
    );
    assert!(
        out.is_empty(),
        "nothing closes before max - delay reaches 59_999: {out:?}"
    );
    let out = run(&mut e, &[(65_000, "b", 5)]);
    let rows: Vec<_> = out.iter().map(row).collect();
    let mut rows = rows;
    rows.sort();
    assert_eq!(
        rows,
        vec![
            (0, MIN, "a".into(), 2, "4".into()),
            (0, MIN, "b".into(), 1, "2".into())
        ]
    );
    assert!(out.iter().all(|r| r.kind == ResultKind::Final));
    let rest: Vec<_> = e.finish().iter().map(row).collect();
    assert_eq!(rest.len(), 2);
    assert_eq!(e.stats().emitted_final, 4);
    assert_eq!(e.stats().open_panes, 0);
}

#[test]
fn out_of_order_within_the_delay_counts_late_beyond_it_does_not() {
    let mut e = Engine::new(config(WindowSpec::Tumble { size_ms: MIN }, 10_000, 0));
    // 55s arrives after 62s: within the 10 s delay, it still lands in [0, 60s).
    let mut out = run(
        &mut e,
        &[(10_000, "a", 1), (62_000, "a", 1), (55_000, "a", 1)],
    );
    // 70s moves the watermark to 60s: [0, 60s) closes; then 30s is late.
    out.extend(run(&mut e, &[(70_000, "a", 1)]));
    assert_eq!(e.push(0, 9, ev(30_000, "a", 100)), Pushed::Late);
    out.extend(e.drain(0));
    assert_eq!(
        out.iter().map(row).collect::<Vec<_>>(),
        vec![(0, MIN, "a".into(), 2, "2".into())]
    );
    assert_eq!(e.stats().late, 1);
}

#[test]
fn allowed_lateness_updates_the_closed_window() {
    let mut e = Engine::new(config(WindowSpec::Tumble { size_ms: MIN }, 0, 30_000));
    let out = run(&mut e, &[(10_000, "a", 1), (61_000, "a", 1)]);
    assert_eq!(
        out.iter().map(row).collect::<Vec<_>>(),
        vec![(0, MIN, "a".into(), 1, "1".into())]
    );
    // Late but within 30 s of lateness: the window's result is emitted again.
    let out = run(&mut e, &[(20_000, "a", 5)]);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].kind, ResultKind::Update);
    assert_eq!(row(&out[0]), (0, MIN, "a".into(), 2, "6".into()));
    // Past the lateness the state is gone and late events are dropped.
    run(&mut e, &[(95_000, "a", 1)]);
    assert_eq!(e.push(0, 9, ev(30_000, "a", 1)), Pushed::Late);
    assert_eq!(e.stats().late, 1);
}

#[test]
fn hopping_windows_overlap() {
    let mut e = Engine::new(config(
        WindowSpec::Hop {
            size_ms: 3 * MIN,
            slide_ms: MIN,
        },
        0,
        0,
    ));
    let mut out = run(&mut e, &[(90_000, "a", 1), (150_000, "a", 10)]);
    out.extend(e.finish());
    let mut rows: Vec<_> = out.iter().map(row).collect();
    rows.sort();
    assert_eq!(
        rows,
        vec![
            (-MIN, 2 * MIN, "a".into(), 1, "1".into()),
            (0, 3 * MIN, "a".into(), 2, "11".into()),
            (MIN, 4 * MIN, "a".into(), 2, "11".into()),
            (2 * MIN, 5 * MIN, "a".into(), 1, "10".into()),
        ]
    );
}

#[test]
fn a_hop_event_joins_the_windows_still_open() {
    let mut e = Engine::new(config(
        WindowSpec::Hop {
            size_ms: 2 * MIN,
            slide_ms: MIN,
        },
        0,
        0,
    ));
    run(&mut e, &[(0, "a", 1), (125_000, "a", 1)]);
    // 70s belongs to [0,2m) (closed at watermark 125s) and [1m,3m) (open).
    assert_eq!(e.push(0, 5, ev(70_000, "a", 1)), Pushed::Accepted);
    let rows: Vec<_> = e.finish().iter().map(row).collect();
    assert!(
        rows.contains(&(MIN, 3 * MIN, "a".into(), 2, "2".into())),
        "{rows:?}"
    );
    assert_eq!(e.push(0, 6, ev(10_000, "a", 1)), Pushed::Late);
}

#[test]
fn sessions_merge_and_retract_what_they_replace() {
    let mut c = config(WindowSpec::Session { gap_ms: 10_000 }, 0, 0);
    c.emit_every_ms = Some(1_000);
    let mut e = Engine::new(c);
    e.push(0, 0, ev(0, "a", 1));
    e.push(0, 1, ev(25_000, "a", 2));
    // Early results: two sessions [0,10s) and [25s,35s) are open... but 25s closed the first.
    let out = e.drain(0);
    let kinds: Vec<_> = out.iter().map(|r| (r.kind, r.window.start_ms)).collect();
    assert_eq!(
        kinds,
        vec![(ResultKind::Final, 0), (ResultKind::Early, 25_000)]
    );
    // An event at 18s joins [25s, 35s) (touching [18s, 28s)): the early row at 25s is
    // replaced by one starting at 18s.
    e.push(0, 2, ev(18_000, "a", 4));
    let out = e.drain(2_000);
    assert_eq!(out[0].kind, ResultKind::Retract);
    assert_eq!(
        out[0].window,
        Window {
            start_ms: 25_000,
            end_ms: 35_000
        }
    );
    assert_eq!(out[1].kind, ResultKind::Early);
    assert_eq!(row(&out[1]), (18_000, 35_000, "a".into(), 2, "6".into()));
    let fin = e.finish();
    assert_eq!(
        fin.iter().map(row).collect::<Vec<_>>(),
        vec![(18_000, 35_000, "a".into(), 2, "6".into())]
    );
    assert_eq!(fin[0].kind, ResultKind::Final);
}

#[test]
fn sessions_are_per_group_and_bridge_gaps() {
    let mut e = Engine::new(config(WindowSpec::Session { gap_ms: 10_000 }, 30_000, 0));
    e.push(0, 0, ev(0, "a", 1));
    e.push(0, 1, ev(20_000, "a", 1));
    e.push(0, 2, ev(5_000, "b", 1));
    // 10s bridges [0,10s) and [20s,30s) for a (touching both): one session.
    e.push(0, 3, ev(10_000, "a", 1));
    let mut rows: Vec<_> = e.finish().iter().map(row).collect();
    rows.sort();
    assert_eq!(
        rows,
        vec![
            (0, 30_000, "a".into(), 3, "3".into()),
            (5_000, 15_000, "b".into(), 1, "1".into())
        ]
    );
}

#[test]
fn early_results_every_interval_then_the_final_one() {
    let mut c = config(WindowSpec::Tumble { size_ms: MIN }, 0, 0);
    c.emit_every_ms = Some(5_000);
    let mut e = Engine::new(c);
    e.push(0, 0, ev(1_000, "a", 1));
    let out = e.drain(100);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].kind, ResultKind::Early);
    e.push(0, 1, ev(2_000, "a", 1));
    assert!(
        e.drain(3_000).is_empty(),
        "not due before 5 s of processing time"
    );
    let out = e.drain(5_200);
    assert_eq!(row(&out[0]), (0, MIN, "a".into(), 2, "2".into()));
    assert!(
        e.drain(11_000).is_empty(),
        "unchanged windows are not repeated"
    );
    let fin = e.finish();
    assert_eq!(fin[0].kind, ResultKind::Final);
}

#[test]
fn the_watermark_waits_for_assigned_partitions_and_ignores_idle_ones() {
    let mut e = Engine::new(config(WindowSpec::Tumble { size_ms: MIN }, 0, 0));
    e.assign(&[0, 1]);
    e.push(0, 0, ev(200_000, "a", 1));
    assert_eq!(e.watermark(), None, "partition 1 has not delivered");
    e.push(1, 0, ev(10_000, "a", 1));
    assert_eq!(e.watermark(), Some(10_000), "the slowest partition decides");
    assert_eq!(e.push(1, 1, ev(20_000, "a", 1)), Pushed::Accepted);
    e.mark_idle(1);
    assert_eq!(e.watermark(), Some(200_000));
    assert_eq!(e.push(1, 2, ev(30_000, "a", 1)), Pushed::Late);
}

#[test]
fn checkpoints_commit_only_past_events_of_emitted_windows() {
    let mut e = Engine::new(config(WindowSpec::Tumble { size_ms: MIN }, 0, 0));
    e.assign(&[0, 1]);
    e.push(0, 10, ev(1_000, "a", 1));
    e.push(1, 50, ev(2_000, "a", 1));
    e.drain(0);
    let cp = e.checkpoint();
    assert_eq!(
        cp.offsets,
        BTreeMap::from([(0, 10), (1, 50)]),
        "nothing is emitted yet: both read again"
    );
    assert_eq!(cp.watermark_ms, None);
    e.push(0, 11, ev(61_000, "a", 1));
    e.push(1, 51, ev(30_000, "b", 1));
    e.drain(0);
    e.push(1, 52, ev(62_000, "a", 1));
    let out = e.drain(0);
    assert_eq!(out.len(), 2, "[0, 60s) closed for a and b");
    // [60s, 120s) holds p0@11 and p1@52: each partition resumes at its own oldest event.
    let cp = e.checkpoint();
    assert_eq!(cp.offsets, BTreeMap::from([(0, 11), (1, 52)]));
    assert_eq!(cp.max_event_ms, BTreeMap::from([(0, 1_000), (1, 30_000)]));
    assert_eq!(cp.watermark_ms, Some(1_000), "the watermark before p0@11");
    assert_eq!(cp.emitted_watermark_ms, Some(61_000));
    e.finish();
    assert_eq!(e.checkpoint().offsets, BTreeMap::from([(0, 12), (1, 53)]));
}

/// The finding of issue 20: partitions read one after the other (as a backlog is), 30
/// keys, one-minute windows. The old checkpoint took the cut before the oldest event held
/// by any open window, and the last window of the partition read first held one from the
/// first batch: `{0:0,1:0,2:0}` for the whole backlog.
#[test]
fn checkpoints_advance_per_partition_through_a_backlog() {
    let mut e = Engine::new(config(WindowSpec::Tumble { size_ms: MIN }, 0, 0));
    e.assign(&[0, 1, 2]);
    // 30,000 events 60 ms apart; key k on partition k % 3; read in batches of 1,000 per
    // partition, partition by partition.
    let mut per_part: Vec<Vec<(i64, i64, String)>> = vec![Vec::new(); 3];
    for i in 0..30_000i64 {
        let key = i % 30;
        let p = (key % 3) as usize;
        let o = per_part[p].len() as i64;
        per_part[p].push((o, i * 60, format!("k{key}")));
    }
    let mut committed = Vec::new();
    for chunk in 0..10 {
        for (p, events) in per_part.iter().enumerate() {
            for (o, t, k) in &events[chunk * 1_000..(chunk + 1) * 1_000] {
                e.push(p as i32, *o, ev(*t, k, 1));
            }
            e.drain(0);
            committed.push(e.checkpoint().offsets);
        }
    }
    let last = committed.last().unwrap();
    for p in 0..3 {
        // The last minute (t >= 29m) began at event 29,000: offset 9,666 or so.
        let o = last[&p];
        assert!(
            (9_600..=9_700).contains(&o),
            "partition {p} committed {o}: more than one window behind ({committed:?})"
        );
    }
    // And they moved all along, never back.
    for w in committed.windows(2) {
        for p in 0..3 {
            assert!(w[1].get(&p) >= w[0].get(&p), "went back: {w:?}");
        }
    }
    assert!(committed[12][&0] > 3_000, "{:?}", committed[12]);
}

/// Sink semantics: upsert by (window start, group), delete on retract; keeps every
/// value each key was given.
type Key = (i64, String);
/// (window end, count, sum)
type Row = (i64, i64, String);

#[derive(Default)]
struct Table {
    rows: BTreeMap<Key, Row>,
    history: BTreeMap<Key, Vec<Row>>,
}

impl Table {
    fn write(&mut self, results: &[WindowResult]) {
        for r in results {
            let key = (r.window.start_ms, r.group[0].clone().unwrap());
            if r.kind == ResultKind::Retract {
                self.rows.remove(&key);
                continue;
            }
            let (_, end, c, sum) = {
                let (s, e, _, c, sum) = row(r);
                (s, e, c, sum)
            };
            self.history
                .entry(key.clone())
                .or_default()
                .push((end, c, sum.clone()));
            self.rows.insert(key, (end, c, sum));
        }
    }
}

/// Events over three partitions, out of order within the delay, a few late ones.
fn workload() -> Vec<(i32, i64, i64, String, i64)> {
    let mut out = Vec::new();
    let mut seed = 7u64;
    let mut rand = move |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    let mut offsets = [0i64; 3];
    for i in 0..3000i64 {
        let p = rand(3) as i32;
        let jitter = rand(8_000) as i64;
        let late = if rand(100) == 0 { 40_000 } else { 0 };
        let t = i * 400 - jitter - late;
        let g = ["a", "b", "c", "d"][rand(4) as usize].to_string();
        out.push((p, offsets[p as usize], t, g, rand(100) as i64));
        offsets[p as usize] += 1;
    }
    out
}

fn crash_and_resume(window: WindowSpec, lateness: i64, crash_at: usize) {
    let cfg = config(window, 5_000, lateness);
    let events = workload();
    // Without a crash.
    let mut whole = Engine::new(cfg.clone());
    whole.assign(&[0, 1, 2]);
    let mut expected = Table::default();
    for (p, o, t, g, a) in &events {
        whole.push(*p, *o, ev(*t, g, *a));
        expected.write(&whole.drain(0));
    }
    expected.write(&whole.finish());

    // With a crash after `crash_at` events: the last checkpoint taken after writing.
    let mut table = Table::default();
    let mut first = Engine::new(cfg.clone());
    first.assign(&[0, 1, 2]);
    let mut cp = first.checkpoint();
    let mut replayed = 0;
    for (i, (p, o, t, g, a)) in events.iter().enumerate().take(crash_at) {
        first.push(*p, *o, ev(*t, g, *a));
        table.write(&first.drain(0));
        if i % 97 == 0 {
            cp = first.checkpoint();
        }
    }
    drop(first); // kill -9
    let mut second = Engine::resume(cfg, &cp);
    second.assign(&[0, 1, 2]);
    for (p, o, t, g, a) in &events {
        if *o >= cp.offsets.get(p).copied().unwrap_or(0) {
            replayed += 1;
            second.push(*p, *o, ev(*t, g, *a));
            table.write(&second.drain(0));
        }
    }
    table.write(&second.finish());
    assert!(
        replayed < events.len() || crash_at < 100,
        "the checkpoint moved: {cp:?}"
    );
    let diff: Vec<_> = expected
        .rows
        .iter()
        .filter(|(k, v)| table.rows.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k:?}: expected {v:?}, got {:?}", table.rows.get(k)))
        .chain(
            table
                .rows
                .iter()
                .filter(|(k, _)| !expected.rows.contains_key(*k))
                .map(|(k, v)| format!("{k:?}: unexpected {v:?}")),
        )
        .take(6)
        .collect();
    assert!(
        diff.is_empty(),
        "{window:?} crash at {crash_at}: results differ: {diff:#?}"
    );
    // No value was ever written that the run without a crash did not write too (a
    // partial window rebuilt from the replay would be one).
    for (key, values) in &table.history {
        for v in values {
            assert!(
                expected.history.get(key).is_some_and(|h| h.contains(v)),
                "{key:?} was given {v:?}, never a result without the crash ({:?})",
                expected.history.get(key)
            );
        }
    }
}

#[test]
fn a_restart_from_the_checkpoint_rewrites_the_same_values() {
    for crash_at in [1, 500, 1234, 2999] {
        crash_and_resume(WindowSpec::Tumble { size_ms: MIN }, 0, crash_at);
        crash_and_resume(
            WindowSpec::Hop {
                size_ms: 3 * MIN,
                slide_ms: MIN,
            },
            0,
            crash_at,
        );
        crash_and_resume(WindowSpec::Session { gap_ms: 2_000 }, 0, crash_at);
    }
}

#[test]
fn a_restart_with_allowed_lateness_never_overwrites_with_a_partial_rebuild() {
    for crash_at in [700, 2100] {
        crash_and_resume(WindowSpec::Tumble { size_ms: MIN }, 30_000, crash_at);
        crash_and_resume(
            WindowSpec::Hop {
                size_ms: 2 * MIN,
                slide_ms: MIN,
            },
            30_000,
            crash_at,
        );
        crash_and_resume(WindowSpec::Session { gap_ms: 2_000 }, 10_000, crash_at);
    }
}

#[test]
fn state_is_bounded_by_open_windows_and_groups_not_events() {
    let mut e = Engine::new(config(WindowSpec::Tumble { size_ms: MIN }, 5_000, 0));
    let mut most = 0;
    for i in 0..200_000i64 {
        e.push(0, i, ev(i * 10, ["a", "b", "c"][(i % 3) as usize], 1));
        e.drain(0);
        most = most.max(e.stats().open_panes);
    }
    assert!(
        most <= 6,
        "at most two open windows x three groups, saw {most}"
    );
}

#[test]
fn decimal_aggregates_are_exact() {
    let mut c = config(WindowSpec::Tumble { size_ms: MIN }, 0, 0);
    c.aggregates = vec![
        AggSpec {
            func: AggFunc::Sum,
            avg_scale: 0,
        },
        AggSpec {
            func: AggFunc::Avg,
            avg_scale: 6,
        },
        AggSpec {
            func: AggFunc::Min,
            avg_scale: 0,
        },
        AggSpec {
            func: AggFunc::Max,
            avg_scale: 0,
        },
        AggSpec {
            func: AggFunc::CountDistinct,
            avg_scale: 0,
        },
    ];
    let mut e = Engine::new(c);
    for (i, v) in ["0.10", "0.20", "0.10", "-5.55"].iter().enumerate() {
        let d: Decimal = v.parse().unwrap();
        e.push(
            0,
            i as i64,
            Ok(Extracted {
                time_ms: 1,
                group: vec![],
                inputs: vec![
                    Input::Number(Some(d)),
                    Input::Number(Some(d)),
                    Input::Number(Some(d)),
                    Input::Number(Some(d)),
                    Input::Text(Some(v.to_string())),
                ],
            }),
        );
    }
    e.push(
        0,
        9,
        Ok(Extracted {
            time_ms: 2,
            group: vec![],
            inputs: vec![
                Input::Number(None),
                Input::Number(None),
                Input::Number(None),
                Input::Number(None),
                Input::Text(None),
            ],
        }),
    );
    let out = e.finish();
    let json = serde_json::to_string(&out[0].values).unwrap();
    assert_eq!(json, r#"["-5.15","-1.287500","-5.55","0.20",3]"#);
}

/// Issue 20: one event at ts = 9e15 ms moved the watermark to the year 287,000 and every
/// later event was late.
#[test]
fn an_event_far_ahead_of_the_clock_is_set_aside_and_moves_nothing() {
    let mut c = config(WindowSpec::Tumble { size_ms: MIN }, 0, 0);
    c.max_future_ms = Some(10 * MIN);
    let mut e = Engine::new(c);
    e.assign(&[0]);
    let now = 100 * MIN;
    e.set_clock(now);
    for i in 0..60 {
        assert_eq!(e.push(0, i, ev(i * 1_000, "a", 1)), Pushed::Accepted);
    }
    assert_eq!(
        e.push(0, 60, ev(9_000_000_000_000_000, "a", 1)),
        Pushed::TooFarAhead
    );
    // Just inside the limit is taken.
    assert_eq!(e.push(0, 61, ev(now + 10 * MIN, "b", 1)), Pushed::Accepted);
    assert_eq!(e.watermark(), Some(now + 10 * MIN));
    let s = e.stats();
    assert_eq!((s.too_far_ahead, s.late, s.accepted), (1, 0, 61));
    assert_eq!(s.max_event_ms, Some(now + 10 * MIN));
    // Its offset is passed all the same: the checkpoint does not stop at it.
    e.drain(0);
    assert_eq!(e.checkpoint().offsets[&0], 61, "b's window holds 61");
}

#[test]
fn the_open_panes_limit_refuses_the_event_that_needs_one_more() {
    let mut c = config(WindowSpec::Tumble { size_ms: MIN }, 0, 0);
    c.max_open_panes = 3;
    let mut e = Engine::new(c);
    for (i, g) in ["a", "b", "c"].iter().enumerate() {
        assert_eq!(e.push(0, i as i64, ev(1_000, g, 1)), Pushed::Accepted);
    }
    // A pane that exists takes more events; a new one is refused, and nothing counted.
    assert_eq!(e.push(0, 3, ev(2_000, "a", 1)), Pushed::Accepted);
    assert_eq!(e.push(0, 4, ev(2_000, "d", 1)), Pushed::StateFull);
    assert_eq!((e.stats().events, e.stats().open_panes), (4, 3));
    // Once a window closed, there is room again.
    let mut c = config(WindowSpec::Tumble { size_ms: MIN }, 0, 0);
    c.max_open_panes = 4;
    let mut e = Engine::new(c);
    for (i, g) in ["a", "b", "c"].iter().enumerate() {
        e.push(0, i as i64, ev(1_000, g, 1));
    }
    assert_eq!(e.push(0, 3, ev(MIN, "a", 1)), Pushed::Accepted);
    assert_eq!(e.drain(0).len(), 3);
    assert_eq!(e.push(0, 4, ev(MIN + 1, "d", 1)), Pushed::Accepted);
    assert_eq!(e.stats().open_panes, 2);
    // Hop windows: an event needing several new panes beyond the limit is refused whole.
    let mut c = config(
        WindowSpec::Hop {
            size_ms: 4 * MIN,
            slide_ms: MIN,
        },
        0,
        0,
    );
    c.max_open_panes = 6;
    let mut e = Engine::new(c);
    assert_eq!(e.push(0, 0, ev(1_000, "a", 1)), Pushed::Accepted);
    assert_eq!(e.push(0, 1, ev(1_000, "b", 1)), Pushed::StateFull);
    assert_eq!(e.stats().open_panes, 4);
    // Sessions: merging into an existing one needs none.
    let mut c = config(WindowSpec::Session { gap_ms: 1_000 }, 0, 0);
    c.max_open_panes = 1;
    let mut e = Engine::new(c);
    assert_eq!(e.push(0, 0, ev(1_000, "a", 1)), Pushed::Accepted);
    assert_eq!(e.push(0, 1, ev(1_500, "a", 1)), Pushed::Accepted);
    assert_eq!(e.push(0, 2, ev(1_500, "b", 1)), Pushed::StateFull);
    assert_eq!(e.stats().open_panes, 1);
}
