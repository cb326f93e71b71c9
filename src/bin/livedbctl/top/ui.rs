//! Drawing one frame of `top` from a snapshot: a pure function of (snapshot, history, view
//! state), so layouts are tested with ratatui's `TestBackend`.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Sparkline, Table, Tabs, Wrap};
use ratatui::Frame;

use crate::present::{bytes, count};
use crate::sampler::history::Columns;
use crate::sampler::snapshot::Snapshot;

use super::style::*;

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
    use super::panels::*;
    match view.panel {
        Panel::Flow => draw_topics(f, content, s),
        Panel::Groups => draw_groups(f, content, s),
        Panel::Events => draw_events(f, content, s),
        Panel::Results => draw_results(f, content, s),
        Panel::Jobs => draw_jobs(f, content, s),
        Panel::Alerts => draw_alerts(f, content, s),
    }
}
