//! What one event became past Kafka: the row a `consume sink` wrote, the Redis window of a
//! `consume aggregate`, and the dead letters it may have been set aside as. Each look is
//! independent: one that cannot be made (a table gone, Redis down) says why and the others
//! go on.

use serde::Serialize;
use serde_json::Value as Json;

use super::event::{Reader, Record};
use crate::settings::KafkaSettings;

/// One destination looked at.
#[derive(Debug, Clone, Serialize)]
pub struct Destination {
    /// `postgres` (a sink table) or `redis` (an aggregate's windows).
    pub kind: String,
    /// The table, or the window's key.
    pub name: String,
    /// The consumer group that writes it.
    pub group: String,
    /// Whether the event's data was found there; null when the look could not be made.
    pub found: Option<bool>,
    /// The row (as JSON) or the window (its hash, and how many of its events there are).
    pub detail: Option<Json>,
    /// When it was written, where the destination records it (a sink table's timestamp
    /// column with a `now()` default).
    pub written_at: Option<String>,
    /// Why it was not found, or could not be looked at.
    pub note: Option<String>,
}

impl Destination {
    fn new(kind: &str, name: &str, group: &str) -> Destination {
        Destination {
            kind: kind.into(),
            name: name.into(),
            group: group.into(),
            found: None,
            detail: None,
            written_at: None,
            note: None,
        }
    }

    fn unknown(mut self, why: impl Into<String>) -> Destination {
        self.note = Some(why.into());
        self
    }
}

/// A dead letter of the event.
#[derive(Debug, Clone, Serialize)]
pub struct DeadLetter {
    /// `topic:NAME` or `table:NAME`.
    pub r#where: String,
    pub reason: Option<String>,
    /// Where the event was going when it was set aside (`dlq.destination`).
    pub destination: Option<String>,
    pub at: Option<String>,
}

/// The row of `id` in a sink table (by its `id` column).
pub async fn sink_row(
    client: &tokio_postgres::Client,
    table: &str,
    group: &str,
    id: i64,
) -> Destination {
    let d = Destination::new("postgres", table, group);
    let exists: Option<String> = match client
        .query_one(
            "SELECT to_regclass($1)::text",
            &[&crate::pg::qualified(table)],
        )
        .await
    {
        Ok(r) => r.get(0),
        Err(e) => return d.unknown(format!("cannot look for table {table}: {e}")),
    };
    let Some(regclass) = exists else {
        return d.unknown(format!("table {table} does not exist"));
    };
    // The `id` column, and a timestamp column filled by the database when written.
    let columns = match client
        .query(
            "SELECT attname::text, format_type(atttypid, atttypmod),
                    coalesce(pg_get_expr(d.adbin, d.adrelid), '')
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum",
            &[&regclass],
        )
        .await
    {
        Ok(rows) => rows
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1), r.get::<_, String>(2)))
            .collect::<Vec<_>>(),
        Err(e) => return d.unknown(format!("cannot read the columns of {table}: {e}")),
    };
    if !columns.iter().any(|(c, _, _)| c == "id") {
        return d.unknown(format!(
            "table {table} has no `id` column to find the row by"
        ));
    }
    let written_column = columns.iter().find(|(_, ty, default)| {
        ty.starts_with("timestamp")
            && [
                "now()",
                "current_timestamp",
                "clock_timestamp()",
                "statement_timestamp()",
                "transaction_timestamp()",
            ]
            .iter()
            .any(|f| default.to_ascii_lowercase().contains(f))
    });
    // In UTC: a `timestamp` column holds the server's local time (its `TimeZone`).
    let written_expr = match written_column {
        Some((c, ty, _)) => {
            let c = format!("t.{}", crate::pg::ident(c));
            let utc = if ty.contains("with time zone") {
                format!("{c} AT TIME ZONE 'UTC'")
            } else {
                format!("({c} AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE 'UTC'")
            };
            format!("to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
        }
        None => "NULL::text".into(),
    };
    // `to_regclass(..)::text` is the table's name quoted as SQL needs it.
    let sql = format!(
        "SELECT row_to_json(t)::text, {written_expr} FROM {regclass} t WHERE t.id::text = $1 LIMIT 2"
    );
    match client.query(&sql, &[&id.to_string()]).await {
        Ok(rows) if rows.is_empty() => Destination {
            found: Some(false),
            note: Some(format!("no row with id {id} in {table}")),
            ..d
        },
        Ok(rows) => {
            let json: String = rows[0].get(0);
            Destination {
                found: Some(true),
                detail: serde_json::from_str(&json).ok(),
                written_at: rows[0].get(1),
                note: (rows.len() > 1).then(|| format!("more than one row with id {id}")),
                ..d
            }
        }
        Err(e) => d.unknown(format!("cannot read {table}: {e}")),
    }
}

/// Candidate window keys of an event for an aggregate: the record's key and every scalar
/// of its value (the aggregate groups by the key or by one field).
fn window_keys(rec: &Record) -> Vec<String> {
    fn scalars(v: &Json, out: &mut Vec<String>) {
        match v {
            Json::String(s) => out.push(s.clone()),
            Json::Number(n) => out.push(n.to_string()),
            Json::Bool(b) => out.push(b.to_string()),
            Json::Object(m) => m.values().for_each(|x| scalars(x, out)),
            Json::Array(a) => a.iter().for_each(|x| scalars(x, out)),
            Json::Null => {}
        }
    }
    let mut out = Vec::new();
    if let Some(k) = rec.key.as_deref() {
        out.push(String::from_utf8_lossy(k).into_owned());
    }
    if let Some(v) = rec
        .value
        .as_deref()
        .and_then(|v| serde_json::from_slice::<Json>(v).ok())
    {
        scalars(&v, &mut out);
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|k| seen.insert(k.clone()));
    out
}

/// The aggregate's open window holding the event, or what became of it: the offsets
/// marker says whether the aggregate applied it; a window that already fired (or expired)
/// is no longer in Redis.
pub async fn aggregate_window(
    conn: &mut redis::aio::MultiplexedConnection,
    prefix: &str,
    topic: &str,
    group: &str,
    rec: &Record,
) -> Destination {
    let base = format!("{prefix}:{topic}");
    let d = Destination::new("redis", &format!("{base}:window:*"), group);
    let applied: Option<i64> = match redis::cmd("HGET")
        .arg(format!("{base}:offsets"))
        .arg(rec.partition.to_string())
        .query_async(conn)
        .await
    {
        Ok(v) => v,
        Err(e) => return d.unknown(format!("cannot read {base}:offsets: {e}")),
    };
    let id = rec.id();
    for key in window_keys(rec) {
        let wkey = format!("{base}:window:{key}");
        let events: Vec<String> = match redis::cmd("LRANGE")
            .arg(format!("{wkey}:events"))
            .arg(0)
            .arg(-1)
            .query_async(conn)
            .await
        {
            Ok(v) => v,
            Err(e) => return d.unknown(format!("cannot read {wkey}:events: {e}")),
        };
        let holds = events.iter().any(|e| {
            serde_json::from_str::<Json>(e)
                .ok()
                .and_then(|v| v.get("id").and_then(Json::as_i64))
                == id
        });
        if holds {
            let hash: std::collections::BTreeMap<String, String> = redis::cmd("HGETALL")
                .arg(&wkey)
                .query_async(conn)
                .await
                .unwrap_or_default();
            let mut detail = serde_json::Map::new();
            for (k, v) in hash {
                detail.insert(k, Json::String(v));
            }
            detail.insert("events".into(), Json::from(events.len()));
            return Destination {
                name: wkey,
                found: Some(true),
                detail: Some(Json::Object(detail)),
                ..d
            };
        }
    }
    let note = match applied {
        Some(a) if a >= rec.offset => {
            "applied (the offsets marker is past it); its window is no longer open: it fired or expired"
                .to_string()
        }
        Some(a) => format!(
            "not applied yet: the aggregate is at offset {a} of partition {}",
            rec.partition
        ),
        None => format!(
            "not applied: {base}:offsets has nothing for partition {}",
            rec.partition
        ),
    };
    Destination {
        found: Some(false),
        note: Some(note),
        ..d
    }
}

/// The dead letters of the record on a dead-letter topic (`dlq.topic`, `dlq.partition`,
/// `dlq.offset` headers), reading at most its last `limit` records per partition.
pub fn dead_letters_on_topic(
    k: &KafkaSettings,
    dlq: &str,
    rec: &Record,
    topic: &str,
    limit: u64,
) -> Result<Vec<DeadLetter>, super::TraceError> {
    let mut r = Reader::new(k, dlq)?;
    let Some(partitions) = r.partitions()? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for p in 0..partitions {
        let (low, high) = r.watermarks(p)?;
        let from = (high - limit as i64).max(low);
        r.scan(p, from, high, limit, |d| {
            let same = d.header("dlq.topic").as_deref() == Some(topic)
                && d.header("dlq.partition") == Some(rec.partition.to_string())
                && d.header("dlq.offset") == Some(rec.offset.to_string());
            if same {
                out.push(DeadLetter {
                    r#where: format!("topic:{dlq}"),
                    reason: d.header("dlq.reason"),
                    destination: d.header("dlq.destination"),
                    at: d.timestamp_ms.and_then(super::rfc3339_ms),
                });
            }
            true
        })?;
    }
    Ok(out)
}

/// The dead letters of the record in a sink's dead-letter table.
pub async fn dead_letters_in_table(
    client: &tokio_postgres::Client,
    table: &str,
    rec: &Record,
    topic: &str,
) -> Result<Vec<DeadLetter>, tokio_postgres::Error> {
    let exists: Option<String> = client
        .query_one(
            "SELECT to_regclass($1)::text",
            &[&crate::pg::qualified(table)],
        )
        .await?
        .get(0);
    let Some(regclass) = exists else {
        return Ok(Vec::new());
    };
    let sql = format!(
        "SELECT reason::text, destination::text FROM {regclass} WHERE topic = $1 AND partition = $2 AND \"offset\" = $3"
    );
    let rows = client
        .query(&sql, &[&topic, &rec.partition, &rec.offset])
        .await?;
    Ok(rows
        .iter()
        .map(|r| DeadLetter {
            r#where: format!("table:{table}"),
            reason: r.get(0),
            destination: r.get(1),
            at: None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keys_are_the_records_key_then_each_scalar_once() {
        let r = Record {
            partition: 0,
            offset: 0,
            timestamp_ms: None,
            key: Some(b"7".to_vec()),
            value: Some(br#"{"id":7,"payload":{"org":"eu","region":"eu","n":null}}"#.to_vec()),
            headers: Vec::new(),
        };
        assert_eq!(window_keys(&r), ["7", "eu"]);
    }
}
