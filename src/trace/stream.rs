//! What a stream job made of one event: the job file says how it reads an event (its time,
//! its `where`, its group) and where it writes; the engine's own extractor and window rule
//! are applied to the record, and the job's PostgreSQL or Redis results are read for the
//! window(s) and group it falls in.

use serde::Serialize;
use serde_json::Value as Json;

use super::event::Record;
use super::rfc3339_ms;
use crate::settings::Settings;
use crate::stream::engine::windows_of;
use crate::stream::event::{Extractor, Skip};
use crate::stream::job::{Job, SinkSpec};

#[derive(Debug, Clone, Serialize)]
pub struct StreamResult {
    pub job: String,
    /// `postgres:TABLE`, `redis:PREFIX`, `kafka:TOPIC`.
    pub sink: String,
    /// The event's time as the job reads it.
    pub event_time: Option<String>,
    /// The group-by values the job reads from the event.
    pub group: Vec<Option<String>>,
    /// Why the job does not use the event (`where` false, no event time, not JSON).
    pub skipped: Option<String>,
    /// Whether a result holding the event's window and group is there; null when not
    /// looked up (see `note`).
    pub found: Option<bool>,
    /// The result rows (PostgreSQL) or hashes (Redis) of those windows.
    pub results: Vec<Json>,
    pub note: Option<String>,
}

fn skipped(why: Skip) -> String {
    match why {
        Skip::Filtered { .. } => "its `where` is not true for this event".into(),
        Skip::NotJson => "not JSON, or a tombstone".into(),
        Skip::NoTime => "no event time (the field is missing, null or not a time)".into(),
    }
}

/// The job's results for `rec`, one entry per sink.
pub async fn results(s: &Settings, job: &Job, rec: &Record) -> Vec<StreamResult> {
    let extracted = Extractor::new(job).extract_bytes(rec.value.as_deref(), rec.timestamp_ms);
    let mut out = Vec::new();
    for sink in &job.sinks {
        let mut r = StreamResult {
            job: job.name.clone(),
            sink: sink.label(),
            event_time: None,
            group: Vec::new(),
            skipped: None,
            found: None,
            results: Vec::new(),
            note: None,
        };
        let ev = match &extracted {
            Ok(ev) => ev,
            Err(why) => {
                if let Skip::Filtered { time_ms } = why {
                    r.event_time = rfc3339_ms(*time_ms);
                }
                r.skipped = Some(skipped(*why));
                out.push(r);
                continue;
            }
        };
        r.event_time = rfc3339_ms(ev.time_ms);
        r.group = ev.group.clone();
        let looked = match sink {
            SinkSpec::Postgres { table } => postgres(s, job, table, ev.time_ms, &ev.group).await,
            SinkSpec::Redis { prefix, .. } => redis(s, job, prefix, ev.time_ms, &ev.group).await,
            SinkSpec::Kafka { topic } => Err(format!(
                "results on topic {topic} are not looked up (read them with `consume tail`)"
            )),
        };
        match looked {
            Ok(rows) => {
                r.found = Some(!rows.is_empty());
                if rows.is_empty() {
                    r.note = Some(
                        "no result for its window and group yet (the window is open, or its result is not written)"
                            .into(),
                    );
                }
                r.results = rows;
            }
            Err(e) => r.note = Some(e),
        }
        out.push(r);
    }
    out
}

async fn postgres(
    s: &Settings,
    job: &Job,
    table: &str,
    time_ms: i64,
    group: &[Option<String>],
) -> Result<Vec<Json>, String> {
    let client = crate::pg::connect(&s.postgres)
        .await
        .map_err(|e| e.to_string())?;
    let mut sql = format!(
        "SELECT row_to_json(t)::text FROM {} t \
         WHERE t.window_start <= to_timestamp($1::float8 / 1000) AND t.window_end > to_timestamp($1::float8 / 1000)",
        crate::pg::qualified(table)
    );
    for (i, g) in job.group_by.iter().enumerate() {
        sql.push_str(&format!(
            " AND t.{} IS NOT DISTINCT FROM ${}",
            crate::pg::ident(&g.name),
            i + 2
        ));
    }
    sql.push_str(" ORDER BY t.window_start");
    let at = time_ms as f64;
    let mut params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = vec![&at];
    for g in group {
        params.push(g);
    }
    let rows = client
        .query(&sql, &params)
        .await
        .map_err(|e| format!("reading {table}: {e}"))?;
    Ok(rows
        .iter()
        .filter_map(|r| serde_json::from_str(&r.get::<_, String>(0)).ok())
        .collect())
}

async fn redis(
    s: &Settings,
    job: &Job,
    prefix: &str,
    time_ms: i64,
    group: &[Option<String>],
) -> Result<Vec<Json>, String> {
    let Some(windows) = windows_of(job.window, time_ms) else {
        return Err(
            "session windows in Redis are not looked up (their bounds depend on the other events)"
                .into(),
        );
    };
    let mut conn = crate::redisdb::connect(&s.redis.url)
        .await
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for w in windows {
        let key = crate::stream::sink::redis::hash_key(prefix, &job.name, w.start_ms, group);
        let hash: std::collections::BTreeMap<String, String> = redis::cmd("HGETALL")
            .arg(&key)
            .query_async(&mut conn)
            .await
            .map_err(|e| format!("reading {key}: {e}"))?;
        if !hash.is_empty() {
            let mut m = serde_json::Map::new();
            m.insert("key".into(), Json::String(key));
            for (k, v) in hash {
                m.insert(k, Json::String(v));
            }
            out.push(Json::Object(m));
        }
    }
    Ok(out)
}
