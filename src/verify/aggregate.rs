//! `consume aggregate`'s state in Redis as a destination: per aggregate of the topic
//! (`PREFIX:TOPIC:offsets` found by a scan), the last offset applied per partition and the
//! `events` counted (read together, atomically), and the open windows' events.

use std::collections::BTreeMap;

use redis::aio::MultiplexedConnection;

/// One aggregate's state, read at the cut.
#[derive(Debug, Clone)]
pub struct AggregateState {
    /// `PREFIX:TOPIC`: its keys' prefix, and its dead letters' `dlq.destination`.
    pub base: String,
    /// Partition → the last offset applied.
    pub applied_to: BTreeMap<i32, i64>,
    /// `PREFIX:TOPIC:stats` `events`: events counted into windows.
    pub counted: i64,
}

/// An open window's events, as the aggregate keeps them.
#[derive(Debug, Clone)]
pub struct Window {
    pub key: String,
    pub events: Vec<String>,
}

async fn scan(
    conn: &mut MultiplexedConnection,
    pattern: &str,
    kind: &str,
) -> redis::RedisResult<Vec<String>> {
    let mut cursor: u64 = 0;
    let mut out = Vec::new();
    loop {
        let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(pattern)
            .arg("COUNT")
            .arg(1000)
            .arg("TYPE")
            .arg(kind)
            .query_async(conn)
            .await?;
        out.extend(keys);
        if next == 0 {
            break;
        }
        cursor = next;
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Redis glob characters escaped.
fn glob_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Connect to Redis (the reason when it cannot be reached).
pub async fn connect(url: &str) -> Result<MultiplexedConnection, String> {
    crate::redisdb::connect(url).await.map_err(|e| e.message)
}

/// Every aggregate of `topic`, its offsets and count read in one transaction each.
pub async fn read_states(
    conn: &mut MultiplexedConnection,
    topic: &str,
) -> Result<Vec<AggregateState>, String> {
    let pattern = format!("*:{}:offsets", glob_literal(topic));
    let keys = scan(conn, &pattern, "hash")
        .await
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for key in keys {
        let base = key.trim_end_matches(":offsets").to_string();
        let (offsets, counted): (BTreeMap<String, String>, Option<i64>) = redis::pipe()
            .atomic()
            .cmd("HGETALL")
            .arg(&key)
            .cmd("HGET")
            .arg(format!("{base}:stats"))
            .arg("events")
            .query_async(conn)
            .await
            .map_err(|e| e.to_string())?;
        let applied_to = offsets
            .iter()
            .filter_map(|(p, o)| Some((p.parse().ok()?, o.parse().ok()?)))
            .collect();
        out.push(AggregateState {
            base,
            applied_to,
            counted: counted.unwrap_or(0),
        });
    }
    Ok(out)
}

/// The open windows of the aggregate at `base`, with their events.
pub async fn read_windows(
    conn: &mut MultiplexedConnection,
    base: &str,
) -> Result<Vec<Window>, String> {
    let prefix = format!("{base}:window:");
    let pattern = format!("{}*:events", glob_literal(&prefix));
    let keys = scan(conn, &pattern, "list")
        .await
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for key in keys {
        let events: Vec<String> = redis::cmd("LRANGE")
            .arg(&key)
            .arg(0)
            .arg(-1)
            .query_async(conn)
            .await
            .map_err(|e| e.to_string())?;
        let window = key
            .strip_prefix(&prefix)
            .and_then(|k| k.strip_suffix(":events"))
            .unwrap_or(&key)
            .to_string();
        out.push(Window {
            key: window,
            events,
        });
    }
    Ok(out)
}
