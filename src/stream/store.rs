//! What a running job keeps in the profile's PostgreSQL database (whatever its sinks are):
//!
//! - **The run lock.** A session advisory lock keyed by the job's name, taken before
//!   anything is read: a second `stream run` of the same job is refused while one runs,
//!   from this machine or another. PostgreSQL releases it when the session ends, so a
//!   killed run (kill -9) leaves nothing to clean up.
//! - **The checkpoint**, one row per consumer group and topic in
//!   `livedbctl_stream_checkpoints` (created when missing): the engine's [`Checkpoint`]
//!   with every partition's offset, saved after the results of a flush are written and
//!   before its offsets are committed to Kafka. A restart starts each partition at the
//!   saved offset and resumes the engine from the rest. Kafka's commit metadata would be
//!   the natural place beside the offsets, but not every broker keeps it (tansu drops it).

use tokio_postgres::Client;

use crate::error::{Error, Result};
use crate::pg::query_error;
use crate::settings::PgSettings;
use crate::stream::engine::Checkpoint;
use crate::stream::StreamError;

pub const TABLE: &str = "livedbctl_stream_checkpoints";

/// The advisory lock's first key; the second is `hashtext(job name)`.
const LOCK_SPACE: &str = "livedbctl.stream";

/// The lock of one job, held by this session, and its saved checkpoints.
pub struct JobLock {
    client: Client,
    job: String,
    save: tokio_postgres::Statement,
}

impl JobLock {
    /// Take the job's lock, or say who holds it.
    pub async fn take(pg: &PgSettings, job: &str) -> Result<JobLock> {
        let client = crate::pg::connect(pg).await?;
        // Shown in pg_stat_activity, so the refusal below can say who runs the job.
        let me = format!(
            "livedbctl stream run {job} (pid {} on {})",
            std::process::id(),
            crate::infra::process::hostname()
        );
        client
            .execute("SELECT set_config('application_name', $1, false)", &[&me])
            .await
            .map_err(|e| query_error("naming the session", e))?;
        let locked: bool = client
            .query_one(
                "SELECT pg_try_advisory_lock(hashtext($1), hashtext($2))",
                &[&LOCK_SPACE, &job],
            )
            .await
            .map_err(|e| query_error("taking the job's lock", e))?
            .get(0);
        if !locked {
            let holder = client
                .query_opt(
                    "SELECT a.application_name, a.pid, coalesce(a.client_addr::text, 'local'),
                            to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS')
                     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                       AND l.classid::bigint = (hashtext($1)::bigint & 4294967295)
                       AND l.objid::bigint = (hashtext($2)::bigint & 4294967295)",
                    &[&LOCK_SPACE, &job],
                )
                .await
                .ok()
                .flatten()
                .map(|r| {
                    format!(
                        "{} (PostgreSQL backend {}, from {}, since {})",
                        r.get::<_, String>(0),
                        r.get::<_, i32>(1),
                        r.get::<_, String>(2),
                        r.get::<_, String>(3)
                    )
                });
            return Err(StreamError::AlreadyRunning {
                job: job.to_string(),
                database: format!("{} at {}", pg.dbname, pg.address()),
                holder,
            }
            .into());
        }
        if let Err(e) = client
            .batch_execute(&format!(
                "CREATE TABLE IF NOT EXISTS {TABLE} (
                    consumer_group text NOT NULL,
                    topic text NOT NULL,
                    job text NOT NULL,
                    checkpoint jsonb NOT NULL,
                    saved_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (consumer_group, topic))"
            ))
            .await
        {
            // Another job created it at the same moment.
            if !matches!(e.code().map(|c| c.code()), Some("23505" | "42P07")) {
                return Err(query_error(&format!("creating {TABLE}"), e));
            }
        }
        let save = client
            .prepare(&format!(
                "INSERT INTO {TABLE} (consumer_group, topic, job, checkpoint) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (consumer_group, topic)
                 DO UPDATE SET job = excluded.job, checkpoint = excluded.checkpoint, saved_at = now()"
            ))
            .await
            .map_err(|e| query_error(&format!("preparing to save into {TABLE}"), e))?;
        Ok(JobLock {
            client,
            job: job.to_string(),
            save,
        })
    }

    /// The checkpoint saved for `group` reading `topic`, if any.
    pub async fn load(&self, group: &str, topic: &str) -> Result<Option<Checkpoint>> {
        let row = self
            .client
            .query_opt(
                &format!(
                    "SELECT checkpoint::text FROM {TABLE} WHERE consumer_group = $1 AND topic = $2"
                ),
                &[&group, &topic],
            )
            .await
            .map_err(|e| query_error(&format!("reading the checkpoint from {TABLE}"), e))?;
        let Some(row) = row else {
            return Ok(None);
        };
        let text: String = row.get(0);
        serde_json::from_str(&text).map(Some).map_err(|source| {
            Error::from(StreamError::BadCheckpoint {
                group: group.to_string(),
                topic: topic.to_string(),
                source,
            })
        })
    }

    /// Save `checkpoint` (every partition's offset in it) for `group` reading `topic`.
    pub async fn save(&self, group: &str, topic: &str, checkpoint: &Checkpoint) -> Result<()> {
        let json = tokio_postgres::types::Json(checkpoint);
        self.client
            .execute(&self.save, &[&group, &topic, &self.job, &json])
            .await
            .map_err(|e| query_error(&format!("saving the checkpoint into {TABLE}"), e))?;
        Ok(())
    }
}
