//! When results come: the `window` (tumble, hop, session) and `emit` sections.

use marked_yaml::Node;

use super::read_duration;
use crate::stream::job::{show_ms, Emit, Limits, WindowSpec};
use crate::stream::yaml::{loc, scalar, Map, Problems};

pub(super) fn read_window(n: &Node, problems: &mut Problems) -> Option<WindowSpec> {
    let m = Map::new(
        n,
        "window",
        &["tumble", "hop", "every", "session"],
        problems,
    )?;
    let kinds: Vec<&str> = ["tumble", "hop", "session"]
        .into_iter()
        .filter(|k| m.get(k).is_some())
        .collect();
    if kinds.len() != 1 {
        problems.push(
            m.at,
            if kinds.is_empty() {
                "window: say which kind of window".to_string()
            } else {
                format!("window: choose one of {}", kinds.join(", "))
            },
            Some("{tumble: 1m}, {hop: 5m, every: 1m} or {session: 30s}".into()),
        );
        return None;
    }
    if kinds[0] != "hop" && m.get("every").is_some() {
        problems.push(
            m.key_loc("every"),
            format!("window: `every` belongs to hop windows, not {}", kinds[0]),
            Some(
                "{hop: 5m, every: 1m}; for early results of any window use emit: {every: 5s}"
                    .into(),
            ),
        );
        return None;
    }
    match kinds[0] {
        "tumble" => Some(WindowSpec::Tumble {
            size_ms: read_duration(m.get("tumble")?, "window.tumble", false, problems)?,
        }),
        "session" => Some(WindowSpec::Session {
            gap_ms: read_duration(m.get("session")?, "window.session", false, problems)?,
        }),
        _ => {
            let size = read_duration(m.get("hop")?, "window.hop", false, problems);
            let Some(every) = m.get("every") else {
                problems.push(
                    m.key_loc("hop"),
                    "window: a hop window needs `every` (how often a window starts)",
                    Some("{hop: 5m, every: 1m}".into()),
                );
                return None;
            };
            let slide = read_duration(every, "window.every", false, problems);
            let (size_ms, slide_ms) = (size?, slide?);
            if slide_ms > size_ms || size_ms % slide_ms != 0 {
                problems.push(
                    loc(every),
                    format!(
                        "window: a hop window's size ({}) must be a whole multiple of `every` ({})",
                        show_ms(size_ms),
                        show_ms(slide_ms)
                    ),
                    Some("as in Flink's HOP windows, e.g. {hop: 5m, every: 1m}".into()),
                );
                return None;
            }
            Some(WindowSpec::Hop { size_ms, slide_ms })
        }
    }
}

pub(super) fn read_emit(n: &Node, problems: &mut Problems) -> Option<Emit> {
    match n {
        Node::Scalar(s) if s.as_str() == "on_close" => Some(Emit::OnClose),
        Node::Scalar(s) => {
            problems.push(
                loc(n),
                format!("emit `{}` is not known", s.as_str()),
                Some("use on_close, or {every: 5s} for early results".into()),
            );
            None
        }
        _ => {
            let m = Map::new(n, "emit", &["every"], problems)?;
            let every = m.require("every", "emit", problems)?;
            Some(Emit::Every {
                interval_ms: read_duration(every, "emit.every", false, problems)?,
            })
        }
    }
}

/// `limits: {panes_per_event: N, open_panes: N}`: each a whole number above zero.
pub(super) fn read_limits(n: &Node, problems: &mut Problems) -> Option<Limits> {
    let m = Map::new(n, "limits", &["panes_per_event", "open_panes"], problems)?;
    let defaults = Limits::default();
    let mut count = |key: &str, default: u64| -> Option<u64> {
        let Some(v) = m.get(key) else {
            return Some(default);
        };
        let s = scalar(v, &format!("limits.{key}"), problems)?;
        match s.trim().replace('_', "").parse::<u64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                problems.push(
                    loc(v),
                    format!("limits.{key}: `{s}` is not a whole number above zero"),
                    Some(format!("e.g. {key}: {default}, the default")),
                );
                None
            }
        }
    };
    let panes_per_event = count("panes_per_event", defaults.panes_per_event);
    let max_open_panes = count("open_panes", defaults.max_open_panes);
    Some(Limits {
        panes_per_event: panes_per_event?,
        max_open_panes: max_open_panes?,
    })
}
