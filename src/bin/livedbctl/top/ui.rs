//! Drawing one frame of `top` from a snapshot: a pure function of (snapshot, history, view
//! state), so layouts are tested with ratatui's `TestBackend`.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Sparkline, Table, Tabs, Wrap};
use ratatui::Frame;

use crate::groups::lag::Trend;
use crate::present::{bytes, count, duration_ms, maybe_bytes};
use crate::sampler::history::Columns;
use crate::sampler::snapshot::Snapshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Flow,
    Groups,
    Events,
    Results,
    Jobs,
    Alerts,
}

pub const PANELS: [Panel; 6] = [
    Panel::Flow,
    Panel::Groups,
    Panel::Events,
    Panel::Results,
    Panel::Jobs,
    Panel::Alerts,
];

impl Panel {
    pub fn title(self) -> &'static str {
        match self {
            Panel::Flow => "1 flow",
            Panel::Groups => "2 groups",
            Panel::Events => "3 events",
            Panel::Results => "4 results",
            Panel::Jobs => "5 stream jobs",
            Panel::Alerts => "6 alerts",
        }
    }
}

/// What the viewer chose.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub panel: Panel,
    pub paused: bool,
}

const OK: Color = Color::Green;
const WARN: Color = Color::Yellow;
const DOWN: Color = Color::Red;
const DIM: Color = Color::DarkGray;

fn status_color(status: &str) -> Color {
    match status {
        "ok" => OK,
        "warn" => WARN,
        "down" => DOWN,
        _ => DIM,
    }
}

pub fn rate(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(v) if v >= 10_000.0 => format!("{:.1}k", v / 1000.0),
        Some(v) if v >= 100.0 || v == v.trunc() => format!("{v:.0}"),
        Some(v) => format!("{v:.1}"),
    }
}

/// A result value: integers as they are, others with two decimals.
pub(super) fn value(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(v) if v == v.trunc() && v.abs() < 1e15 => format!("{v:.0}"),
        Some(v) => format!("{v:.2}"),
    }
}

/// Each value column as wide as its header and its widest value (at least 10), so a number
/// is never cut: ratatui truncates a cell to its column's width.
pub(super) fn result_column_widths(set: &crate::sampler::snapshot::ResultSet) -> Vec<u16> {
    set.columns
        .iter()
        .map(|c| {
            let widest = set
                .windows
                .iter()
                .map(|w| value(w.values.get(c).copied()).chars().count())
                .chain([c.chars().count(), 10])
                .max()
                .unwrap_or(10);
            u16::try_from(widest).unwrap_or(u16::MAX)
        })
        .collect()
}

fn trend_mark(t: Trend) -> (&'static str, Color) {
    match t {
        Trend::Growing => ("↑ growing", WARN),
        Trend::Draining => ("↓ draining", OK),
        Trend::Steady => ("→ steady", DIM),
        Trend::Stalled => ("■ stalled", WARN),
        Trend::Unknown => ("…", DIM),
    }
}

pub fn draw(f: &mut Frame, s: &Snapshot, hist: &Columns, view: &View) {
    let [header, services, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(8),
        Constraint::Length(1),
    ])
    .areas(f.area());
    draw_header(f, header, s, view);
    draw_services(f, services, s);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    let [stages, sparks] =
        Layout::horizontal([Constraint::Percentage(64), Constraint::Percentage(36)]).areas(top);
    draw_stages(f, stages, s);
    draw_sparklines(f, sparks, s, hist);
    draw_panel(f, bottom, s, view);
    let help = Line::from(vec![
        Span::styled(" q", Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(" quit  "),
        Span::styled("p", Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(" pause  "),
        Span::styled(
            if s.alerts.rules.is_empty() {
                "tab/1-5"
            } else {
                "tab/1-6"
            },
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(" panels  "),
        Span::styled(
            format!(
                "sample {} ms, {} series",
                s.sampler.sample_duration_ms, s.sampler.history_series
            ),
            Style::new().fg(DIM),
        ),
    ]);
    f.render_widget(Paragraph::new(help), footer);
}

fn draw_header(f: &mut Frame, area: Rect, s: &Snapshot, view: &View) {
    let time = chrono::DateTime::from_timestamp_millis(s.taken_at_ms)
        .map(|t| t.format("%H:%M:%S").to_string())
        .unwrap_or_default();
    let state = if view.paused {
        Span::styled(" PAUSED ", Style::new().fg(Color::Black).bg(WARN))
    } else {
        Span::styled(" live ", Style::new().fg(Color::Black).bg(OK))
    };
    let line = Line::from(vec![
        Span::styled(" livedbctl top ", Style::new().add_modifier(Modifier::BOLD)),
        Span::styled(format!("profile {} ", s.profile), Style::new().fg(DIM)),
        state,
        Span::styled(format!(" #{} {time} UTC", s.seq), Style::new().fg(DIM)),
    ]);
    let mut line = line;
    if s.alerts.firing > 0 {
        line.push_span(Span::raw(" "));
        line.push_span(Span::styled(
            format!(
                " {} ALERT{} FIRING ",
                s.alerts.firing,
                if s.alerts.firing == 1 { "" } else { "S" }
            ),
            Style::new().fg(Color::White).bg(DOWN),
        ));
    }
    f.render_widget(Paragraph::new(line), area);
}

fn draw_services(f: &mut Frame, area: Rect, s: &Snapshot) {
    let mut spans = vec![Span::raw(" ")];
    if s.services.is_empty() {
        spans.push(Span::styled("services: probing…", Style::new().fg(DIM)));
    }
    for h in &s.services {
        let c = if h.up { OK } else { DOWN };
        spans.push(Span::styled("● ", Style::new().fg(c)));
        spans.push(Span::raw(h.service.clone()));
        let what = if h.up {
            h.version
                .clone()
                .or(h.engine.clone())
                .unwrap_or_else(|| h.state.clone())
        } else {
            h.state.clone()
        };
        spans.push(Span::styled(format!(" {what}   "), Style::new().fg(DIM)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_stages(f: &mut Frame, area: Rect, s: &Snapshot) {
    let label = |id: &str| {
        s.flow
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| (n.label.clone(), n.status.clone(), n.kind.clone()))
            .unwrap_or_else(|| (id.to_string(), "idle".into(), String::new()))
    };
    let rows: Vec<Row> = s
        .flow
        .edges
        .iter()
        .map(|e| {
            let (from, _, _) = label(&e.from);
            let (to, status, _) = label(&e.to);
            let lag = match e.lag {
                None => String::new(),
                Some(l) if e.lag_unit == "bytes" => bytes(l),
                Some(l) => format!("{l} {}", e.lag_unit),
            };
            let (tr, tc) = e.trend.map(trend_mark).unwrap_or(("", DIM));
            Row::new(vec![
                Cell::from(Line::from(vec![
                    Span::raw(from),
                    Span::styled(" → ", Style::new().fg(DIM)),
                    Span::styled(to, Style::new().fg(status_color(&status))),
                ])),
                Cell::from(format!("{} {}", rate(e.rate), e.rate_unit)),
                Cell::from(Span::styled(
                    lag,
                    Style::new().fg(if e.lag.unwrap_or(0) > 0 { WARN } else { DIM }),
                )),
                Cell::from(Span::styled(tr, Style::new().fg(tc))),
            ])
        })
        .collect();
    let empty = rows.is_empty();
    let table = Table::new(
        rows,
        [
            Constraint::Min(24),
            Constraint::Length(15),
            Constraint::Length(13),
            Constraint::Length(10),
        ],
    )
    .header(Row::new(vec!["stage", "rate", "lag", "trend"]).style(Style::new().fg(DIM)))
    .block(Block::default().borders(Borders::ALL).title(" stages "));
    if empty {
        let msg = match (&s.postgres.error, &s.kafka.error) {
            (Some(e), _) => format!("PostgreSQL: {e}"),
            (_, Some(e)) => format!("Kafka: {e}"),
            _ => "no pipeline stages seen yet".into(),
        };
        f.render_widget(
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::ALL).title(" stages ")),
            area,
        );
    } else {
        f.render_widget(table, area);
    }
}

/// The last `n` values of the series whose names match, summed per point.
fn series_tail(hist: &Columns, matches: impl Fn(&str) -> bool, n: usize) -> Vec<u64> {
    let len = hist.t.len();
    let from = len.saturating_sub(n);
    (from..len)
        .map(|i| {
            hist.series
                .iter()
                .filter(|(name, _)| matches(name))
                .filter_map(|(_, v)| v[i])
                .sum::<f64>()
                .max(0.0)
                .round() as u64
        })
        .collect()
}

fn draw_sparklines(f: &mut Frame, area: Rect, s: &Snapshot, hist: &Columns) {
    let lag_total: i64 = s.kafka.groups.iter().filter_map(|g| g.lag).sum();
    let topics_rate: f64 = s
        .kafka
        .topics
        .iter()
        .filter_map(|t| t.records_per_sec)
        .sum();
    type Matcher = Box<dyn Fn(&str) -> bool>;
    let charts: [(String, Matcher, Color); 4] = [
        (
            format!(
                " inserted rows/s {} ",
                rate(s.postgres.inserted_rows_per_sec)
            ),
            Box::new(|n: &str| n == "pg.inserted_rows_per_sec"),
            Color::Cyan,
        ),
        (
            format!(" records/s all topics {} ", rate(Some(topics_rate))),
            Box::new(|n: &str| n.starts_with("topic.")),
            Color::Blue,
        ),
        (
            format!(
                " producer lag {} rows ",
                count(s.postgres.producer.as_ref().map(|p| p.lag_rows))
            ),
            Box::new(|n: &str| n == "producer.lag_rows"),
            Color::Magenta,
        ),
        (
            format!(" consumer lag {lag_total} "),
            Box::new(|n: &str| n.starts_with("group.") && n.ends_with(".lag")),
            Color::Yellow,
        ),
    ];
    let areas = Layout::vertical([Constraint::Ratio(1, 4); 4]).split(area);
    for ((title, m, color), a) in charts.iter().zip(areas.iter()) {
        let width = a.width.saturating_sub(2) as usize;
        let data = series_tail(hist, m, width);
        f.render_widget(
            Sparkline::default()
                .block(Block::default().borders(Borders::TOP).title(title.as_str()))
                .data(data)
                .style(Style::new().fg(*color)),
            *a,
        );
    }
}

fn draw_panel(f: &mut Frame, area: Rect, s: &Snapshot, view: &View) {
    let [tabs, content] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    // The alerts tab is there when there are rules (or it was chosen).
    let shown: Vec<Panel> = PANELS
        .iter()
        .copied()
        .filter(|p| {
            *p != Panel::Alerts || !s.alerts.rules.is_empty() || view.panel == Panel::Alerts
        })
        .collect();
    let selected = shown.iter().position(|p| *p == view.panel).unwrap_or(0);
    f.render_widget(
        Tabs::new(shown.iter().map(|p| p.title()))
            .select(selected)
            .highlight_style(Style::new().add_modifier(Modifier::REVERSED)),
        tabs,
    );
    match view.panel {
        Panel::Flow => draw_topics(f, content, s),
        Panel::Groups => draw_groups(f, content, s),
        Panel::Events => draw_events(f, content, s),
        Panel::Results => draw_results(f, content, s),
        Panel::Jobs => draw_jobs(f, content, s),
        Panel::Alerts => draw_alerts(f, content, s),
    }
}

fn draw_alerts(f: &mut Frame, area: Rect, s: &Snapshot) {
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

fn draw_jobs(f: &mut Frame, area: Rect, s: &Snapshot) {
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

fn draw_topics(f: &mut Frame, area: Rect, s: &Snapshot) {
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

fn draw_groups(f: &mut Frame, area: Rect, s: &Snapshot) {
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

fn draw_events(f: &mut Frame, area: Rect, s: &Snapshot) {
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

fn draw_results(f: &mut Frame, area: Rect, s: &Snapshot) {
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
