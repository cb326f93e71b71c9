//! Processed results, read from where the processors leave them. The interface the results
//! panel is built against:
//!
//! - **Redis windows** under a prefix: one hash per open window at `PREFIX:NAME:window:KEY`.
//!   `consume aggregate` writes them today (`livedb:agg:TOPIC:window:KEY` with `key`,
//!   `count`, `sum`, `window_start_ms`, `last_ms`); a stream job's Redis sink (issue 13) is
//!   read the same way under `livedb:stream:JOB:window:KEY`, with `window_start_ms`,
//!   `window_end_ms` and one numeric field per aggregate. `PREFIX:NAME:stats` (a hash of
//!   integers) is shown beside them when present.
//! - **A PostgreSQL results table** (a stream job's PostgreSQL sink): columns
//!   `window_start`, `window_end` (timestamps), the group-by columns (text) and one numeric
//!   column per aggregate; the newest windows are shown.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::snapshot::{ResultSet, ResultWindow};

#[derive(Debug, Clone)]
pub struct WindowSource {
    /// aggregate | stream
    pub source: String,
    pub prefix: String,
}

impl WindowSource {
    pub fn defaults(aggregate_prefix: &str) -> Vec<WindowSource> {
        vec![
            WindowSource {
                source: "aggregate".into(),
                prefix: aggregate_prefix.to_string(),
            },
            WindowSource {
                source: "stream".into(),
                prefix: STREAM_PREFIX.to_string(),
            },
        ]
    }
}

/// Where stream jobs' Redis sinks keep their windows (assumed until issue 13 lands).
pub const STREAM_PREFIX: &str = "livedb:stream";

/// Fields that describe a window rather than hold an aggregate.
const WINDOW_FIELDS: [&str; 5] = [
    "key",
    "window_start_ms",
    "window_end_ms",
    "last_ms",
    "group",
];

pub async fn read_windows(
    conn: &mut redis::aio::MultiplexedConnection,
    src: &WindowSource,
    limit: usize,
) -> Result<Vec<ResultSet>, redis::RedisError> {
    let pattern = format!("{}:*:window:*", src.prefix);
    let mut keys: BTreeSet<String> = BTreeSet::new();
    let mut cursor: u64 = 0;
    loop {
        let (next, batch): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(&pattern)
            .arg("COUNT")
            .arg(1000)
            .query_async(conn)
            .await?;
        keys.extend(batch);
        cursor = next;
        if cursor == 0 || keys.len() >= limit * 2 {
            break;
        }
    }
    // `...:window:KEY:events` lists sit beside the hashes.
    let hashes: Vec<String> = keys
        .iter()
        .filter(|k| {
            k.strip_suffix(":events")
                .is_none_or(|base| !keys.contains(base))
        })
        .take(limit)
        .cloned()
        .collect();
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let mut pipe = redis::pipe();
    for k in &hashes {
        pipe.cmd("HGETALL").arg(k);
    }
    let replies: Vec<redis::Value> = pipe.query_async(conn).await?;
    let mut sets: BTreeMap<String, ResultSet> = BTreeMap::new();
    let base = format!("{}:", src.prefix);
    for (k, reply) in hashes.iter().zip(replies) {
        let Some(rest) = k.strip_prefix(&base) else {
            continue;
        };
        let Some((name, key)) = rest.split_once(":window:") else {
            continue;
        };
        let fields: BTreeMap<String, String> = match redis::from_redis_value(&reply) {
            Ok(f) => f,
            Err(_) => continue, // not a hash (a key of the same shape, another type)
        };
        if fields.is_empty() {
            continue;
        }
        let num = |f: &str| fields.get(f).and_then(|v| v.parse::<f64>().ok());
        let values: BTreeMap<String, f64> = fields
            .iter()
            .filter(|(f, _)| !WINDOW_FIELDS.contains(&f.as_str()))
            .filter_map(|(f, v)| v.parse::<f64>().ok().map(|x| (f.clone(), x)))
            .collect();
        let set = sets.entry(name.to_string()).or_insert_with(|| ResultSet {
            source: src.source.clone(),
            name: name.to_string(),
            location: format!("redis:{}:{name}:window:*", src.prefix),
            columns: Vec::new(),
            windows: Vec::new(),
            stats: BTreeMap::new(),
        });
        for c in values.keys() {
            if !set.columns.contains(c) {
                set.columns.push(c.clone());
            }
        }
        set.windows.push(ResultWindow {
            key: fields
                .get("key")
                .cloned()
                .unwrap_or_else(|| key.to_string()),
            window_start_ms: num("window_start_ms").map(|x| x as i64),
            window_end_ms: num("window_end_ms").map(|x| x as i64),
            last_ms: num("last_ms").map(|x| x as i64),
            values,
        });
    }
    let names: Vec<String> = sets.keys().cloned().collect();
    let mut pipe = redis::pipe();
    for n in &names {
        pipe.cmd("HGETALL").arg(format!("{}:{n}:stats", src.prefix));
    }
    let stats: Vec<BTreeMap<String, String>> = pipe.query_async(conn).await.unwrap_or_default();
    for (n, st) in names.iter().zip(stats) {
        if let Some(set) = sets.get_mut(n) {
            set.stats = st
                .into_iter()
                .filter_map(|(k, v)| v.parse::<i64>().ok().map(|x| (k, x)))
                .collect();
        }
    }
    let mut out: Vec<ResultSet> = sets.into_values().collect();
    for s in &mut out {
        order_columns(&mut s.columns);
        s.windows.sort_by(|a, b| {
            let first = |w: &ResultWindow| {
                s.columns
                    .first()
                    .and_then(|c| w.values.get(c).copied())
                    .unwrap_or(0.0)
            };
            first(b)
                .partial_cmp(&first(a))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.key.cmp(&b.key))
        });
    }
    Ok(out)
}

/// `count` first, then `sum`, then the rest by name.
fn order_columns(cols: &mut [String]) {
    cols.sort_by_key(|c| match c.as_str() {
        "count" => (0, String::new()),
        "sum" => (1, String::new()),
        other => (2, other.to_string()),
    });
}

/// Rows of a stream job's PostgreSQL results table (as JSON objects) to windows.
pub fn windows_from_rows(table: &str, rows: &[Value]) -> ResultSet {
    let mut columns: Vec<String> = Vec::new();
    let mut windows = Vec::new();
    let ms = |v: Option<&Value>| -> Option<i64> {
        let s = v?.as_str()?;
        chrono::DateTime::parse_from_rfc3339(s)
            .map(|t| t.timestamp_millis())
            .ok()
            .or_else(|| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                    .ok()
                    .map(|t| t.and_utc().timestamp_millis())
            })
    };
    for r in rows {
        let Some(obj) = r.as_object() else { continue };
        let mut key_parts = Vec::new();
        let mut values = BTreeMap::new();
        for (c, v) in obj {
            if c == "window_start" || c == "window_end" {
                continue;
            }
            match v {
                Value::Number(n) => {
                    if let Some(x) = n.as_f64() {
                        values.insert(c.clone(), x);
                    }
                }
                Value::String(s) => match s.parse::<f64>() {
                    // numeric columns arrive as strings from json (exact decimals)
                    Ok(x) if c != "key" && looks_numeric(s) => {
                        values.insert(c.clone(), x);
                    }
                    _ => key_parts.push(s.clone()),
                },
                Value::Null => {}
                other => key_parts.push(other.to_string()),
            }
        }
        for c in values.keys() {
            if !columns.contains(c) {
                columns.push(c.clone());
            }
        }
        windows.push(ResultWindow {
            key: key_parts.join(" / "),
            window_start_ms: ms(obj.get("window_start")),
            window_end_ms: ms(obj.get("window_end")),
            last_ms: None,
            values,
        });
    }
    ResultSet {
        source: "stream".into(),
        name: table.to_string(),
        location: format!("postgres:{table}"),
        columns,
        windows,
        stats: BTreeMap::new(),
    }
}

fn looks_numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_results_table_becomes_windows_keyed_by_its_text_columns() {
        let rows = vec![json!({
            "window_start": "2026-01-01T10:00:00+00:00",
            "window_end": "2026-01-01T10:01:00+00:00",
            "region": "us-east",
            "orders": 3,
            "revenue": "125.50"
        })];
        let set = windows_from_rows("revenue_by_region", &rows);
        assert_eq!(set.location, "postgres:revenue_by_region");
        assert_eq!(set.windows[0].key, "us-east");
        assert_eq!(set.windows[0].values["orders"], 3.0);
        assert_eq!(set.windows[0].values["revenue"], 125.5);
        assert_eq!(set.windows[0].window_start_ms, Some(1_767_261_600_000));
    }

    #[test]
    fn count_and_sum_come_first() {
        let mut c = vec![
            "zeta".to_string(),
            "sum".into(),
            "count".into(),
            "alpha".into(),
        ];
        order_columns(&mut c);
        assert_eq!(c, vec!["count", "sum", "alpha", "zeta"]);
    }
}
