//! `top`: the sampler's snapshot in the terminal, redrawn every sample. Keys: q/Esc/Ctrl-C
//! quit, p/space pause, tab and 1-5 switch panels. The terminal is restored on exit, on
//! error and on panic (ratatui's panic hook, installed before raw mode is entered).

mod panels;
mod style;
pub mod ui;

use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::sampler::Sampler;
use crate::shutdown::{stopped, Shutdown};
use ui::{Panel, View, PANELS};

#[derive(Debug, thiserror::Error)]
pub enum TopError {
    #[error("cannot set up the terminal: {0}")]
    Terminal(#[source] std::io::Error),
}

/// Leaves raw mode and the alternate screen however `run` ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = ratatui::try_restore();
    }
}

enum Input {
    Key(KeyCode, KeyModifiers),
    Resize,
}

/// Run until the viewer quits or `stop` resolves.
pub async fn run(
    sampler: &Sampler,
    stop: impl std::future::Future<Output = ()>,
) -> Result<(), TopError> {
    let mut terminal = ratatui::try_init().map_err(TopError::Terminal)?;
    let _restore = Restore;
    let (tx, mut keys) = tokio::sync::mpsc::unbounded_channel();
    let done = Shutdown::manual();
    let reader_done = done.stop();
    // crossterm's reader blocks; poll with a timeout so the thread ends with `top`.
    std::thread::spawn(move || {
        while !stopped(&reader_done) {
            if event::poll(Duration::from_millis(100)).unwrap_or(false) {
                let input = match event::read() {
                    Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                        Input::Key(k.code, k.modifiers)
                    }
                    Ok(Event::Resize(..)) => Input::Resize,
                    _ => continue,
                };
                if tx.send(input).is_err() {
                    break;
                }
            }
        }
    });

    let mut rx = sampler.subscribe();
    let mut view = View {
        panel: Panel::Flow,
        paused: false,
    };
    let mut shown = rx.borrow_and_update().clone();
    let mut hist = sampler.history();
    tokio::pin!(stop);
    let result = loop {
        if let Err(e) = terminal.draw(|f| ui::draw(f, &shown, &hist, &view)) {
            break Err(TopError::Terminal(e));
        }
        tokio::select! {
            changed = rx.changed() => {
                if changed.is_err() {
                    break Ok(());
                }
                let latest = rx.borrow_and_update().clone();
                if !view.paused {
                    shown = latest;
                    hist = sampler.history();
                }
            }
            input = keys.recv() => match input {
                None => break Ok(()),
                Some(Input::Resize) => {}
                Some(Input::Key(code, mods)) => match code {
                    KeyCode::Char('q') | KeyCode::Esc => break Ok(()),
                    KeyCode::Char('c') if mods.contains(KeyModifiers::CONTROL) => break Ok(()),
                    KeyCode::Char('p') | KeyCode::Char(' ') => {
                        view.paused = !view.paused;
                        if !view.paused {
                            shown = sampler.latest();
                            hist = sampler.history();
                        }
                    }
                    KeyCode::Tab | KeyCode::Right => view.panel = next(view.panel, 1),
                    KeyCode::BackTab | KeyCode::Left => view.panel = next(view.panel, PANELS.len() - 1),
                    KeyCode::Char(c @ '1'..='6') => view.panel = PANELS[(c as u8 - b'1') as usize],
                    _ => {}
                },
            },
            _ = &mut stop => break Ok(()),
        }
    };
    done.request();
    result
}

fn next(p: Panel, step: usize) -> Panel {
    let i = PANELS.iter().position(|x| *x == p).unwrap_or(0);
    PANELS[(i + step) % PANELS.len()]
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    use super::ui::{draw, Panel, View};
    use crate::groups::lag::Trend;
    use crate::groups::PartitionLag;
    use crate::sampler::history::Columns;
    use crate::sampler::snapshot::*;

    /// A pipeline mid-run: rows in, producer slightly behind, one sink group growing.
    fn fixture() -> Snapshot {
        let mut s = Snapshot {
            version: SNAPSHOT_VERSION,
            seq: 42,
            taken_at_ms: 1_767_268_800_000,
            interval_ms: 1000,
            profile: "local".into(),
            ..Snapshot::default()
        };
        s.services = ["postgres", "kafka", "redis"]
            .iter()
            .map(|n| ServiceHealth {
                service: n.to_string(),
                state: "running".into(),
                up: *n != "redis",
                address: "127.0.0.1:1".into(),
                version: Some("1.0".into()),
                engine: None,
                detail: None,
                checked_at_ms: 0,
            })
            .collect();
        s.postgres = PgSnapshot {
            up: true,
            database: "livedb".into(),
            size_bytes: Some(9_000_000),
            inserted_rows_per_sec: Some(120.0),
            tables: vec![TableStat {
                table: "public.livedb".into(),
                inserted_total: 5000,
                live_rows: 5000,
                rows_per_sec: Some(120.0),
            }],
            producer: Some(ProducerStat {
                last_id: 4990,
                max_id: Some(5000),
                lag_rows: 10,
                time_behind_ms: Some(300),
                rows_per_sec: Some(118.0),
                updated_at: None,
                newest_row_age_ms: None,
            }),
            ..PgSnapshot::default()
        };
        s.kafka = KafkaSnapshot {
            up: true,
            topics: vec![TopicStat {
                topic: "db_live_events".into(),
                partitions: vec![PartitionStat {
                    partition: 0,
                    low: 0,
                    high: 4990,
                    records_per_sec: Some(118.0),
                }],
                high_total: 4990,
                messages: 4990,
                records_per_sec: Some(118.0),
                newest_ms: None,
                newest_at_most: false,
            }],
            groups: vec![GroupStat {
                group: "livedbctl-sink-orders".into(),
                state: "Unknown".into(),
                members: None,
                kind: "sink".into(),
                sink: Some("postgres:orders".into()),
                topics: vec!["db_live_events".into()],
                lag: Some(70),
                lag_from: crate::groups::lag::LagFrom::Committed,
                trend: Trend::Growing,
                time_behind_ms: Some(2500),
                records_per_sec: Some(90.0),
                partitions: vec![PartitionLag {
                    topic: "db_live_events".into(),
                    partition: 0,
                    committed: Some(4920),
                    low: 0,
                    high: 4990,
                    lag: Some(70),
                    lag_from: Some(crate::groups::lag::LagFrom::Committed),
                    time_behind_ms: Some(2500),
                }],
            }],
            ..KafkaSnapshot::default()
        };
        s.events = vec![FeedEvent {
            topic: "db_live_events".into(),
            partition: 0,
            offset: 4989,
            timestamp_ms: Some(1_767_268_799_000),
            key: Some("5000".into()),
            value: Some(r#"{"id":5000,"payload":{"org":"Acme"}}"#.into()),
            change: None,
        }];
        s.feed_topics = vec!["db_live_events".into()];
        s.results = vec![ResultSet {
            source: "aggregate".into(),
            name: "db_live_events".into(),
            location: "redis:livedb:agg:db_live_events:window:*".into(),
            columns: vec!["count".into(), "sum".into()],
            windows: vec![
                ResultWindow {
                    key: "us-east".into(),
                    window_start_ms: None,
                    window_end_ms: None,
                    last_ms: None,
                    kind: None,
                    values: BTreeMap::from([("count".into(), 8.0), ("sum".into(), 1200.5)]),
                },
                ResultWindow {
                    key: "eu-west".into(),
                    window_start_ms: None,
                    window_end_ms: None,
                    last_ms: None,
                    kind: None,
                    values: BTreeMap::from([("count".into(), 4.0), ("sum".into(), 300.0)]),
                },
            ],
            stats: BTreeMap::new(),
        }];
        s.stream_jobs = vec![
            StreamJobStat {
                name: "revenue-by-region".into(),
                engine: "builtin".into(),
                state: "running".into(),
                running: true,
                source_topic: Some("db_live_events".into()),
                group: Some("livedbctl-stream-revenue-by-region".into()),
                lag: Some(12),
                time_behind_ms: Some(800),
                events_per_sec: Some(117.0),
                windows: Some(8),
                started_at_ms: Some(1_767_268_000_000),
                duration_ms: Some(800_000),
                holder: Some(StreamHolderStat {
                    application_name: Some(
                        "livedbctl stream run revenue-by-region (pid 4242 on box)".into(),
                    ),
                    backend_pid: 777,
                    client: "127.0.0.1".into(),
                }),
                checkpoint: Some(StreamCheckpointStat {
                    saved_at_ms: 1_767_268_799_000,
                    watermark_ms: Some(1_767_268_790_000),
                    emitted_watermark_ms: Some(1_767_268_790_000),
                    max_event_ms: Some(1_767_268_795_000),
                    offsets: BTreeMap::from([(0, 4978)]),
                }),
                flink: None,
            },
            StreamJobStat {
                name: "sessions".into(),
                engine: "flink".into(),
                state: "FAILED".into(),
                running: false,
                source_topic: None,
                group: None,
                lag: None,
                time_behind_ms: None,
                events_per_sec: None,
                windows: None,
                started_at_ms: Some(1_767_260_000_000),
                duration_ms: Some(60_000),
                holder: None,
                checkpoint: None,
                flink: Some(FlinkJobStat {
                    jid: "a1b2c3d4e5f6a7b8c9d0".into(),
                    end_time_ms: Some(1_767_260_060_000),
                    tasks: BTreeMap::from([("failed".into(), 1), ("total".into(), 1)]),
                }),
            },
        ];
        s.flink = Some(FlinkStat {
            url: "http://127.0.0.1:8081".into(),
            up: true,
            state: "ok".into(),
            error: None,
            jobs: Some(1),
            checked_at_ms: 1_767_268_799_000,
        });
        s.flow = crate::sampler::flow::build(&s, "db_live_events");
        s
    }

    fn history() -> Columns {
        let n = 30;
        Columns {
            t: (0..n).map(|i| i as f64).collect(),
            series: BTreeMap::from([
                (
                    "pg.inserted_rows_per_sec".into(),
                    (0..n).map(|i| Some((i % 7) as f64 * 20.0)).collect(),
                ),
                (
                    "group.livedbctl-sink-orders.lag".into(),
                    (0..n).map(|i| Some(i as f64 * 3.0)).collect(),
                ),
            ]),
        }
    }

    fn render(panel: Panel, paused: bool) -> String {
        render_snapshot(&fixture(), panel, paused)
    }

    fn render_snapshot(snap: &Snapshot, panel: Panel, paused: bool) -> String {
        let mut t = Terminal::new(TestBackend::new(110, 32)).unwrap();
        t.draw(|f| draw(f, snap, &history(), &View { panel, paused }))
            .unwrap();
        let buf = t.backend().buffer().clone();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn layout_flow_panel() {
        insta::assert_snapshot!("top_flow", render(Panel::Flow, false));
    }

    #[test]
    fn layout_groups_panel_paused() {
        insta::assert_snapshot!("top_groups_paused", render(Panel::Groups, true));
    }

    #[test]
    fn layout_events_panel() {
        insta::assert_snapshot!("top_events", render(Panel::Events, false));
    }

    #[test]
    fn layout_results_panel() {
        insta::assert_snapshot!("top_results", render(Panel::Results, false));
    }

    #[test]
    fn results_never_lose_digits() {
        let mut s = fixture();
        let w = &mut s.results[0].windows;
        w[0].values.insert("sum".into(), 10_318_164.7);
        w[1].values.insert("sum".into(), 10_000_000_000.5);
        w[1].values.insert("count".into(), 123_456_789_012.0);
        let widths = super::style::result_column_widths(&s.results[0]);
        assert_eq!(widths, vec![12, 14]);
        let screen = render_snapshot(&s, Panel::Results, false);
        for n in ["10318164.70", "10000000000.50", "123456789012"] {
            assert!(screen.contains(n), "{n} cut in:\n{screen}");
        }
    }

    #[test]
    fn a_stalled_group_is_marked_in_the_groups_panel() {
        let mut s = fixture();
        s.kafka.groups[0].trend = Trend::Stalled;
        s.kafka.groups[0].lag_from = crate::groups::lag::LagFrom::Start;
        let screen = render_snapshot(&s, Panel::Groups, false);
        assert!(screen.contains("stalled"), "{screen}");
        assert!(screen.contains("~70"), "estimated lag unmarked:\n{screen}");
    }

    #[test]
    fn the_alerts_panel_shows_each_rule_and_the_header_counts_the_firing_ones() {
        use crate::sampler::snapshot::AlertStat;
        let mut s = fixture();
        let rule = |r: &str, state: &str, value: f64| AlertStat {
            rule: r.into(),
            metric: "lag".into(),
            state: state.into(),
            value: Some(value),
            threshold: Some(100.0),
            unit: "records".into(),
            subjects: Vec::new(),
            active_since_ms: None,
            fired_at_ms: None,
            resolved_at_ms: None,
            note: None,
        };
        s.alerts.rules = vec![
            rule("lag > 100 for 1m", "firing", 4321.0),
            rule("dead_letters > 0", "resolved", 0.0),
        ];
        s.alerts.firing = 1;
        let screen = render_snapshot(&s, Panel::Alerts, false);
        assert!(screen.contains("1 ALERT FIRING"), "{screen}");
        assert!(screen.contains("6 alerts"), "{screen}");
        assert!(
            screen.contains("lag > 100 for 1m") && screen.contains("4321"),
            "{screen}"
        );
        assert!(screen.contains("resolved"), "{screen}");
        // Without rules, no tab and no banner: the other panels look as before.
        let plain = render_snapshot(&fixture(), Panel::Flow, false);
        assert!(
            !plain.contains("6 alerts") && !plain.contains("FIRING"),
            "{plain}"
        );
    }

    #[test]
    fn layout_jobs_panel() {
        insta::assert_snapshot!("top_jobs", render(Panel::Jobs, false));
    }

    #[test]
    fn an_empty_snapshot_draws_without_panicking() {
        for panel in super::PANELS {
            let mut t = Terminal::new(TestBackend::new(40, 10)).unwrap();
            t.draw(|f| {
                draw(
                    f,
                    &Snapshot::default(),
                    &Columns::default(),
                    &View {
                        panel,
                        paused: false,
                    },
                )
            })
            .unwrap();
        }
    }
}
