//! `top`'s panels below the stages: alerts, stream jobs, topics, groups, events, results
//! (one is shown at a time; `ui::draw_panel` picks it).

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use ratatui::Frame;

use super::style::*;
use crate::present::{bytes, count, duration_ms, maybe_bytes};
use crate::sampler::snapshot::Snapshot;

pub(super) fn draw_alerts(f: &mut Frame, area: Rect, s: &Snapshot) {
    let block = Block::default().borders(Borders::ALL);
    if s.alerts.rules.is_empty() {
        let msg = "no alert rules (--alert 'lag > 10000 for 1m', or `alerts:` in the profile)";
        f.render_widget(Paragraph::new(msg).block(block), area);
        return;
    }
    let shown = |a: &crate::sampler::snapshot::AlertStat, v: Option<f64>| match (a.unit.as_str(), v)
    {
        (_, None) => "-".to_string(),
        ("ms", Some(v)) => duration_ms(Some(v as i64)),
        ("bytes", Some(v)) => bytes(v as i64),
        (_, Some(v)) => format!("{}", v as i64),
    };
    let rows: Vec<Row> = s
        .alerts
        .rules
        .iter()
        .map(|a| {
            let color = match a.state.as_str() {
                "firing" => DOWN,
                "pending" => WARN,
                "resolved" => OK,
                _ => DIM,
            };
            let since = match a.state.as_str() {
                "firing" => clock(a.fired_at_ms),
                "pending" => clock(a.active_since_ms),
                "resolved" => clock(a.resolved_at_ms),
                _ => String::new(),
            };
            let detail = match &a.note {
                Some(n) => n.clone(),
                None => a
                    .subjects
                    .iter()
                    .map(|x| x.subject.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            Row::new(vec![
                Cell::from(a.rule.clone()),
                Cell::from(Span::styled(a.state.clone(), Style::new().fg(color))),
                Cell::from(since),
                Cell::from(shown(a, a.value)),
                Cell::from(detail),
            ])
        })
        .collect();
    let mut title = format!(" {} firing ", s.alerts.firing);
    for d in &s.alerts.delivery {
        title.push_str(&format!(
            " {} {} ok {} failed ",
            d.via,
            d.delivered,
            d.failed + d.dropped
        ));
    }
    f.render_widget(
        Table::new(
            rows,
            [
                Constraint::Percentage(35),
                Constraint::Length(9),
                Constraint::Length(9),
                Constraint::Length(12),
                Constraint::Percentage(40),
            ],
        )
        .header(
            Row::new(vec!["rule", "state", "since", "value", "subjects"])
                .style(Style::new().fg(DIM)),
        )
        .block(
            block
                .title(title)
                .title_style(Style::new().fg(if s.alerts.firing > 0 { DOWN } else { DIM })),
        ),
        area,
    );
}

/// `12:00:05`, or `-`.
fn clock(ms: Option<i64>) -> String {
    ms.and_then(chrono::DateTime::from_timestamp_millis)
        .map(|t| t.format("%H:%M:%S").to_string())
        .unwrap_or_else(|| "-".into())
}

pub(super) fn draw_jobs(f: &mut Frame, area: Rect, s: &Snapshot) {
    let rows: Vec<Row> = s
        .stream_jobs
        .iter()
        .map(|j| {
            let color = match (j.running, j.state.as_str()) {
                (true, _) => OK,
                (false, "FAILED") => DOWN,
                _ => DIM,
            };
            // Where it runs: the run's session, or the Flink job's id.
            let place = match (&j.holder, &j.flink) {
                (Some(h), _) => h
                    .application_name
                    .as_deref()
                    .and_then(|a| a.split_once(" (").map(|(_, p)| p.trim_end_matches(')')))
                    .unwrap_or("")
                    .to_string(),
                (_, Some(fl)) => fl.jid.chars().take(12).collect(),
                _ => String::new(),
            };
            let cp = j.checkpoint.as_ref();
            Row::new(vec![
                Cell::from(j.name.clone()),
                Cell::from(j.engine.clone()),
                Cell::from(Span::styled(j.state.clone(), Style::new().fg(color))),
                Cell::from(place),
                Cell::from(count(j.lag)),
                Cell::from(rate(j.events_per_sec)),
                Cell::from(clock(
                    cp.and_then(|c| c.emitted_watermark_ms.or(c.watermark_ms)),
                )),
                Cell::from(clock(cp.map(|c| c.saved_at_ms))),
                Cell::from(count(j.windows.map(|w| w as i64))),
            ])
        })
        .collect();
    let flink = match &s.flink {
        None => String::new(),
        Some(fl) if fl.up => format!(" Flink {} ", fl.url),
        Some(fl) => format!(" Flink {} unreachable ", fl.url),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(flink.clone())
        .title_style(Style::new().fg(match &s.flink {
            Some(fl) if !fl.up => DOWN,
            _ => DIM,
        }));
    if rows.is_empty() {
        let msg = s
            .stream_jobs_error
            .clone()
            .unwrap_or_else(|| "no stream jobs (livedbctl stream run, stream submit)".into());
        f.render_widget(Paragraph::new(msg).block(block), area);
        return;
    }
    f.render_widget(
        Table::new(
            rows,
            [
                Constraint::Percentage(22),
                Constraint::Length(8),
                Constraint::Length(9),
                Constraint::Length(20),
                Constraint::Length(8),
                Constraint::Length(7),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(8),
            ],
        )
        .header(
            Row::new(vec![
                "job",
                "engine",
                "state",
                "where",
                "lag",
                "ev/s",
                "watermark",
                "saved",
                "windows",
            ])
            .style(Style::new().fg(DIM)),
        )
        .block(block),
        area,
    );
}

pub(super) fn draw_topics(f: &mut Frame, area: Rect, s: &Snapshot) {
    let mut rows: Vec<Row> = s
        .kafka
        .topics
        .iter()
        .map(|t| {
            // Dead letters stand out: each is an event a consumer could not process.
            let dead = crate::sampler::kafka::is_dead_letter_topic(&t.topic) && t.messages > 0;
            let row = Row::new(vec![
                Cell::from(if dead {
                    format!("dead letters {}", t.topic)
                } else {
                    format!("topic {}", t.topic)
                }),
                Cell::from(t.partitions.len().to_string()),
                Cell::from(t.messages.to_string()),
                Cell::from(rate(t.records_per_sec)),
            ]);
            if dead {
                row.style(Style::new().fg(WARN))
            } else {
                row
            }
        })
        .collect();
    for c in &s.connectors {
        rows.push(Row::new(vec![
            Cell::from(format!("connector {}", c.name)),
            Cell::from(Span::styled(
                c.state.clone(),
                Style::new().fg(if c.state == "running" { OK } else { DIM }),
            )),
            Cell::from(c.last_lsn.clone().unwrap_or_default()),
            Cell::from(maybe_bytes(c.slot_lag_bytes)),
        ]));
    }
    for sl in &s.postgres.slots {
        rows.push(Row::new(vec![
            Cell::from(format!("slot {}", sl.slot)),
            Cell::from(if sl.active { "active" } else { "inactive" }),
            Cell::from(sl.wal_status.clone().unwrap_or_default()),
            Cell::from(maybe_bytes(sl.lag_bytes)),
        ]));
    }
    f.render_widget(
        Table::new(
            rows,
            [
                Constraint::Percentage(45),
                Constraint::Length(11),
                Constraint::Length(14),
                Constraint::Length(12),
            ],
        )
        .header(
            Row::new(vec!["", "partitions", "messages", "rate/lag"]).style(Style::new().fg(DIM)),
        )
        .block(Block::default().borders(Borders::ALL)),
        area,
    );
}

pub(super) fn draw_groups(f: &mut Frame, area: Rect, s: &Snapshot) {
    let rows: Vec<Row> = s
        .kafka
        .groups
        .iter()
        .map(|g| {
            let (tr, tc) = trend_mark(g.trend);
            Row::new(vec![
                Cell::from(g.group.clone()),
                Cell::from(g.kind.clone()),
                Cell::from(g.state.clone()),
                Cell::from(
                    g.members
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "?".into()),
                ),
                Cell::from(crate::present::lag_cell(g.lag, Some(g.lag_from))),
                Cell::from(Span::styled(tr, Style::new().fg(tc))),
                Cell::from(duration_ms(g.time_behind_ms)),
                Cell::from(rate(g.records_per_sec)),
            ])
        })
        .collect();
    let block = Block::default().borders(Borders::ALL);
    if rows.is_empty() {
        let msg = s
            .kafka
            .groups_error
            .clone()
            .unwrap_or_else(|| "no consumer groups".into());
        f.render_widget(Paragraph::new(msg).block(block), area);
        return;
    }
    f.render_widget(
        Table::new(
            rows,
            [
                Constraint::Percentage(30),
                Constraint::Length(9),
                Constraint::Length(10),
                Constraint::Length(7),
                Constraint::Length(9),
                Constraint::Length(11),
                Constraint::Length(9),
                Constraint::Length(8),
            ],
        )
        .header(
            Row::new(vec![
                "group", "kind", "state", "members", "lag", "trend", "behind", "rec/s",
            ])
            .style(Style::new().fg(DIM)),
        )
        .block(block),
        area,
    );
}

pub(super) fn draw_events(f: &mut Frame, area: Rect, s: &Snapshot) {
    let height = area.height.saturating_sub(2) as usize;
    let lines: Vec<Line> = s
        .events
        .iter()
        .rev()
        .take(height)
        .map(|e| {
            let mut spans = vec![Span::styled(
                format!("{} {}/{} ", e.topic, e.partition, e.offset),
                Style::new().fg(DIM),
            )];
            match &e.change {
                Some(c) => {
                    let color = match c.op {
                        "insert" | "read" => OK,
                        "delete" | "truncate" => DOWN,
                        _ => Color::Cyan,
                    };
                    spans.push(Span::styled(
                        format!("{} ", c.op.to_uppercase()),
                        Style::new().fg(color),
                    ));
                    spans.push(Span::raw(format!(
                        "{} {} ",
                        c.table.clone().unwrap_or_default(),
                        c.key
                    )));
                    for col in c.columns.iter().take(6) {
                        if c.op == "update" && c.before_known {
                            spans.push(Span::raw(format!(
                                "{}: {} -> {}  ",
                                col.name, col.before, col.after
                            )));
                        } else {
                            let v = if c.op == "delete" {
                                &col.before
                            } else {
                                &col.after
                            };
                            spans.push(Span::raw(format!("{}: {v}  ", col.name)));
                        }
                    }
                }
                None => {
                    if let Some(k) = &e.key {
                        spans.push(Span::styled(format!("{k} "), Style::new().fg(Color::Cyan)));
                    }
                    spans.push(Span::raw(e.value.clone().unwrap_or_else(|| "null".into())));
                }
            }
            Line::from(spans)
        })
        .collect();
    let title = format!(" latest events: {} ", s.feed_topics.join(", "));
    let p = if lines.is_empty() {
        Paragraph::new("waiting for records…")
    } else {
        Paragraph::new(lines)
    };
    f.render_widget(
        p.block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

pub(super) fn draw_results(f: &mut Frame, area: Rect, s: &Snapshot) {
    let Some(set) = s
        .results
        .iter()
        .find(|r| !r.windows.is_empty())
        .or(s.results.first())
    else {
        f.render_widget(
            Paragraph::new(
                "no processed results yet (consume aggregate windows, stream job sinks)",
            )
            .block(Block::default().borders(Borders::ALL)),
            area,
        );
        return;
    };
    let first = set.columns.first().cloned();
    let max = set
        .windows
        .iter()
        .filter_map(|w| first.as_ref().and_then(|c| w.values.get(c)))
        .fold(0.0f64, |a, b| a.max(*b));
    let bar_width = 20usize;
    let rows: Vec<Row> = set
        .windows
        .iter()
        .map(|w| {
            let v = first
                .as_ref()
                .and_then(|c| w.values.get(c))
                .copied()
                .unwrap_or(0.0);
            let n = if max > 0.0 {
                ((v / max) * bar_width as f64).round() as usize
            } else {
                0
            };
            let mut cells = vec![Cell::from(w.key.clone())];
            for c in &set.columns {
                cells.push(Cell::from(value(w.values.get(c).copied())));
            }
            cells.push(Cell::from(Span::styled(
                "█".repeat(n),
                Style::new().fg(Color::Blue),
            )));
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Percentage(30)];
    widths.extend(
        result_column_widths(set)
            .into_iter()
            .map(Constraint::Length),
    );
    widths.push(Constraint::Length(bar_width as u16 + 1));
    let mut header = vec!["key".to_string()];
    header.extend(set.columns.iter().cloned());
    header.push(String::new());
    f.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(Style::new().fg(DIM)))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" {} {} ({}) ", set.source, set.name, set.location)),
            ),
        area,
    );
}
