//! Processed results, read from where the processors leave them:
//!
//! - **`consume aggregate`'s windows** under its prefix: one hash per open window at
//!   `PREFIX:TOPIC:window:KEY` (`key`, `count`, `sum`, `window_start_ms`, `last_ms`) and
//!   `PREFIX:TOPIC:stats` (a hash of integers) beside them, found with a bounded SCAN.
//! - **A stream job's Redis sink** (`stream::sink::redis`): a hash per window and group at
//!   `PREFIX:JOB:window:START_MS[:GROUP]` (`window_start`, `window_end`, `window_start_ms`,
//!   `window_end_ms`, `key` = the group values joined by `|`, `kind`, the group columns
//!   and the aggregates) and the sorted set `PREFIX:JOB:windows` of those hashes by window
//!   start. The jobs are known from the database (their checkpoints and run locks), so
//!   their newest windows are read from that index: no SCAN.
//! - **A stream job's PostgreSQL sink** (`--results-table`): `window_start`, `window_end`
//!   (timestamptz), the group columns (text) and the aggregates (bigint, numeric); the
//!   newest windows are shown.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::snapshot::{ResultSet, ResultWindow};
use crate::stream::sink::redis as stream_redis;

#[derive(Debug, Clone)]
pub struct WindowSource {
    /// aggregate
    pub source: String,
    pub prefix: String,
}

impl WindowSource {
    pub fn aggregate(prefix: &str) -> WindowSource {
        WindowSource {
            source: "aggregate".into(),
            prefix: prefix.to_string(),
        }
    }
}

/// Where stream jobs' Redis sinks keep their windows unless a job names another prefix.
pub const STREAM_PREFIX: &str = crate::stream::job::DEFAULT_REDIS_PREFIX;

/// Fields of `consume aggregate`'s hashes that describe a window rather than hold a value.
const WINDOW_FIELDS: [&str; 5] = [
    "key",
    "window_start_ms",
    "window_end_ms",
    "last_ms",
    "group",
];

/// Fields of a stream job's hashes that describe the window (the group columns are found
/// per job: see [`group_columns`]).
const STREAM_WINDOW_FIELDS: [&str; 6] = [
    "key",
    "kind",
    "window_start",
    "window_end",
    "window_start_ms",
    "window_end_ms",
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
            kind: None,
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

/// The newest `limit` windows of each of `jobs` written by a Redis sink under `prefix`,
/// read from the job's index (`PREFIX:JOB:windows`): two pipelined round trips however
/// many jobs. A job without windows there has no result set.
pub async fn read_stream_windows(
    conn: &mut redis::aio::MultiplexedConnection,
    prefix: &str,
    jobs: &[String],
    limit: usize,
) -> Result<Vec<ResultSet>, redis::RedisError> {
    if jobs.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let mut pipe = redis::pipe();
    for j in jobs {
        pipe.cmd("ZREVRANGE")
            .arg(stream_redis::index_key(prefix, j))
            .arg(0)
            .arg(limit - 1);
    }
    let indexed: Vec<Vec<String>> = pipe.query_async(conn).await?;
    let wanted: Vec<(&String, String)> = jobs
        .iter()
        .zip(indexed)
        .flat_map(|(j, keys)| keys.into_iter().map(move |k| (j, k)))
        .collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut pipe = redis::pipe();
    for (_, k) in &wanted {
        pipe.cmd("HGETALL").arg(k);
    }
    let replies: Vec<redis::Value> = pipe.query_async(conn).await?;
    let mut hashes: BTreeMap<&String, Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for ((job, _), reply) in wanted.iter().zip(replies) {
        // A hash past its TTL stays in the index: HGETALL finds nothing.
        match redis::from_redis_value::<BTreeMap<String, String>>(&reply) {
            Ok(fields) if !fields.is_empty() => hashes.entry(*job).or_default().push(fields),
            _ => {}
        }
    }
    Ok(hashes
        .into_iter()
        .map(|(job, windows)| stream_result_set(prefix, job, &windows))
        .collect())
}

/// The fields of a stream job's hashes that are group columns: those whose value is one
/// of the window's group values (`key`, joined by `|`) in every window read. A job has
/// the same columns in every hash, so a number that equals a group value by chance in
/// one window is not taken for a group column.
fn group_columns(windows: &[BTreeMap<String, String>]) -> BTreeSet<String> {
    let mut out: Option<BTreeSet<String>> = None;
    for w in windows {
        let parts: Vec<&str> = match w.get("key") {
            Some(k) => k.split('|').collect(),
            None => return BTreeSet::new(),
        };
        let here: BTreeSet<String> = w
            .iter()
            .filter(|(f, v)| {
                !STREAM_WINDOW_FIELDS.contains(&f.as_str()) && parts.contains(&v.as_str())
            })
            .map(|(f, _)| f.clone())
            .collect();
        out = Some(match out {
            None => here,
            Some(prev) => prev.intersection(&here).cloned().collect(),
        });
    }
    out.unwrap_or_default()
}

/// One job's windows (newest first, as read from its index).
fn stream_result_set(prefix: &str, job: &str, windows: &[BTreeMap<String, String>]) -> ResultSet {
    let groups = group_columns(windows);
    let mut columns: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(windows.len());
    for fields in windows {
        let ms = |f: &str| fields.get(f).and_then(|v| v.parse::<i64>().ok());
        let values: BTreeMap<String, f64> = fields
            .iter()
            .filter(|(f, _)| !STREAM_WINDOW_FIELDS.contains(&f.as_str()) && !groups.contains(*f))
            .filter_map(|(f, v)| v.parse::<f64>().ok().map(|x| (f.clone(), x)))
            .collect();
        for c in values.keys() {
            if !columns.contains(c) {
                columns.push(c.clone());
            }
        }
        out.push(ResultWindow {
            key: fields.get("key").cloned().unwrap_or_default(),
            window_start_ms: ms("window_start_ms"),
            window_end_ms: ms("window_end_ms"),
            last_ms: None,
            kind: fields.get("kind").cloned(),
            values,
        });
    }
    ResultSet {
        source: "stream".into(),
        name: job.to_string(),
        location: format!("redis:{}", stream_redis::index_key(prefix, job)),
        columns,
        windows: out,
        stats: BTreeMap::new(),
    }
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
                // The sink's group columns are text; its aggregates (bigint, numeric) are
                // JSON numbers in `json_agg`, so a group value that looks like a number
                // stays a group value.
                Value::String(s) => key_parts.push(s.clone()),
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
            kind: None,
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
            "org": "42",
            "orders": 3,
            "revenue": 125.50
        })];
        let set = windows_from_rows("revenue_by_region", &rows);
        assert_eq!(set.location, "postgres:revenue_by_region");
        // Text columns are groups, even one whose value reads as a number.
        assert_eq!(set.windows[0].key, "us-east / 42");
        assert_eq!(set.windows[0].values.len(), 2);
        assert_eq!(set.windows[0].values["orders"], 3.0);
        assert_eq!(set.windows[0].values["revenue"], 125.5);
        assert_eq!(set.windows[0].window_start_ms, Some(1_767_261_600_000));
    }

    fn hash(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_stream_jobs_hashes_become_windows_without_their_group_columns() {
        // As `stream::sink::redis` writes them: group `shard` is a number, `orders` equals
        // it by chance in the first window.
        let windows = vec![
            hash(&[
                ("window_start", "2027-01-01T00:01:00.000Z"),
                ("window_end", "2027-01-01T00:02:00.000Z"),
                ("window_start_ms", "1798761660000"),
                ("window_end_ms", "1798761720000"),
                ("key", "us-east|3"),
                ("kind", "final"),
                ("region", "us-east"),
                ("shard", "3"),
                ("orders", "3"),
                ("revenue", "12.50"),
            ]),
            hash(&[
                ("window_start_ms", "1798761600000"),
                ("window_end_ms", "1798761660000"),
                ("key", "eu-west|7"),
                ("kind", "early"),
                ("region", "eu-west"),
                ("shard", "7"),
                ("orders", "2"),
                ("revenue", "1.00"),
            ]),
        ];
        let set = stream_result_set("livedb:stream", "rev", &windows);
        assert_eq!(set.source, "stream");
        assert_eq!(set.name, "rev");
        assert_eq!(set.location, "redis:livedb:stream:rev:windows");
        assert_eq!(set.columns, vec!["orders", "revenue"]);
        let w = &set.windows[0];
        assert_eq!(w.key, "us-east|3");
        assert_eq!(w.kind.as_deref(), Some("final"));
        assert_eq!(w.window_start_ms, Some(1_798_761_660_000));
        assert_eq!(w.values["orders"], 3.0);
        assert_eq!(w.values["revenue"], 12.5);
        assert_eq!(set.windows[1].kind.as_deref(), Some("early"));
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
