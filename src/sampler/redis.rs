//! The Redis part of a sample: key count, load, keys per prefix (a bounded SCAN now and
//! then), and the processed results kept there (windows of `consume aggregate`, and of
//! the known stream jobs' Redis sinks, read from their indexes).

use std::collections::BTreeMap;

use super::results::{self, WindowSource};
use super::seams;
use super::snapshot::{PrefixCount, RedisSnapshot, ResultSet};

/// Rounds between prefix scans, and the keys one scan may look at.
const PREFIX_EVERY: u64 = 10;
const PREFIX_SCAN_LIMIT: usize = 10_000;
/// Window keys read per source and round.
const WINDOW_LIMIT: usize = 500;
/// Newest windows read per stream job and round.
const STREAM_WINDOW_LIMIT: usize = 100;
/// Stream jobs whose windows are read per round.
const STREAM_JOBS_LIMIT: usize = 20;

pub struct RedisSampler {
    url: String,
    aggregate: WindowSource,
    /// Stream jobs whose Redis windows to read (known from the database).
    stream_jobs: Vec<String>,
    conn: Option<redis::aio::MultiplexedConnection>,
    rounds: u64,
    prefixes: (Vec<PrefixCount>, bool),
}

impl RedisSampler {
    pub fn new(url: String, aggregate: WindowSource) -> RedisSampler {
        RedisSampler {
            url,
            aggregate,
            stream_jobs: Vec::new(),
            conn: None,
            rounds: 0,
            prefixes: (Vec::new(), false),
        }
    }

    /// The stream jobs whose windows the next rounds read (at most [`STREAM_JOBS_LIMIT`]).
    pub fn set_stream_jobs(&mut self, mut jobs: Vec<String>) {
        jobs.sort();
        jobs.dedup();
        jobs.truncate(STREAM_JOBS_LIMIT);
        self.stream_jobs = jobs;
    }

    pub async fn sample(&mut self) -> (RedisSnapshot, Vec<ResultSet>) {
        match self.sample_inner().await {
            Ok(r) => r,
            Err(e) => {
                self.conn = None;
                (
                    RedisSnapshot {
                        up: false,
                        error: Some(e),
                        ..RedisSnapshot::default()
                    },
                    Vec::new(),
                )
            }
        }
    }

    async fn sample_inner(&mut self) -> Result<(RedisSnapshot, Vec<ResultSet>), String> {
        if self.conn.is_none() {
            self.conn = Some(
                seams::redis_connect(&self.url)
                    .await
                    .map_err(|e| e.to_string())?,
            );
        }
        self.rounds += 1;
        let round = self.rounds;
        let conn = self.conn.as_mut().expect("connected above");
        let err = |what: &str, e: redis::RedisError| format!("{what}: {e}");
        let keys: i64 = redis::cmd("DBSIZE")
            .query_async(conn)
            .await
            .map_err(|e| err("DBSIZE", e))?;
        // Plain INFO: sections as arguments need Redis 7. Load figures are optional.
        let info: String = redis::cmd("INFO")
            .query_async(conn)
            .await
            .unwrap_or_default();
        let field = |name: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .map(str::trim)
        };
        if round == 1 || round.is_multiple_of(PREFIX_EVERY) {
            self.prefixes = scan_prefixes(conn).await.map_err(|e| err("SCAN", e))?;
        }
        let mut sets = results::read_windows(conn, &self.aggregate, WINDOW_LIMIT)
            .await
            .map_err(|e| err("reading result windows", e))?;
        let stream = results::read_stream_windows(
            conn,
            results::STREAM_PREFIX,
            &self.stream_jobs,
            STREAM_WINDOW_LIMIT,
        )
        .await
        .map_err(|e| err("reading stream jobs' windows", e))?;
        sets.extend(stream);
        Ok((
            RedisSnapshot {
                up: true,
                error: None,
                keys: Some(keys),
                ops_per_sec: field("instantaneous_ops_per_sec").and_then(|v| v.parse().ok()),
                used_memory_bytes: field("used_memory").and_then(|v| v.parse().ok()),
                prefixes: self.prefixes.0.clone(),
                prefixes_partial: self.prefixes.1,
            },
            sets,
        ))
    }
}

/// Keys per prefix (first two `:`-separated parts) over at most `PREFIX_SCAN_LIMIT` keys.
async fn scan_prefixes(
    conn: &mut redis::aio::MultiplexedConnection,
) -> Result<(Vec<PrefixCount>, bool), redis::RedisError> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut cursor: u64 = 0;
    let mut seen = 0usize;
    loop {
        let (next, batch): (u64, Vec<Vec<u8>>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("COUNT")
            .arg(1000)
            .query_async(conn)
            .await?;
        for k in &batch {
            *counts
                .entry(prefix_of(&String::from_utf8_lossy(k)))
                .or_default() += 1;
        }
        seen += batch.len();
        cursor = next;
        if cursor == 0 || seen >= PREFIX_SCAN_LIMIT {
            break;
        }
    }
    let mut v: Vec<PrefixCount> = counts
        .into_iter()
        .map(|(prefix, keys)| PrefixCount { prefix, keys })
        .collect();
    v.sort_by(|a, b| b.keys.cmp(&a.keys).then(a.prefix.cmp(&b.prefix)));
    v.truncate(50);
    Ok((v, cursor != 0))
}

pub fn prefix_of(key: &str) -> String {
    let mut parts = key.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(_)) => format!("{a}:{b}"),
        (Some(a), Some(_), None) => a.to_string(),
        (Some(a), None, _) => a.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_the_first_two_parts() {
        assert_eq!(prefix_of("livedb:agg:t:window:k"), "livedb:agg");
        assert_eq!(prefix_of("session:42"), "session");
        assert_eq!(prefix_of("plain"), "plain");
    }
}
