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
//!
//! Both are readable from outside a run ([`Runs`]): who holds which job's lock (with the
//! session's `application_name`, [`run_name`]) and every saved checkpoint, for the
//! dashboard's stream jobs panel.

use serde::Deserialize;
use tokio_postgres::Client;

use crate::error::{Error, Result};
use crate::pg::query_error;
use crate::pg::run_lock::{self, LockKey, LockWait, Refused};
use crate::settings::PgSettings;
use crate::stream::engine::Checkpoint;
use crate::stream::StreamError;

pub const TABLE: &str = "livedbctl_stream_checkpoints";

/// The statement that deletes a group's checkpoint: run with the job stopped, the next run
/// starts over at `source.from` (SOP: "Starting a job over").
pub fn reset_sql(group: &str, topic: &str) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    format!(
        "DELETE FROM {TABLE} WHERE consumer_group = {} AND topic = {};",
        quote(group),
        quote(topic)
    )
}

/// The advisory lock's first key; the second is `hashtext(job name)`.
const LOCK_SPACE: &str = "livedbctl.stream";

/// The sessions holding a job's run lock in this database (`$1` = [`LOCK_SPACE`]); `l.objid`
/// is the job's key, `hashtext(name)` as an unsigned 32-bit number ([`job_key_sql`]).
const HOLDERS: &str = "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid::bigint = (hashtext($1)::bigint & 4294967295)";

/// The lock key of the job named by the SQL expression `name`, as `pg_locks.objid` shows it.
fn job_key_sql(name: &str) -> String {
    format!("(hashtext({name})::bigint & 4294967295)")
}

/// The `application_name` of a run's session: `livedbctl stream run NAME (pid P on HOST)`
/// (a long name cut so the process part stays, [`run_lock::session_name`]).
pub fn run_name(job: &str) -> String {
    run_lock::session_name(&run_what(job))
}

/// What a run's lock is for, as the lock's messages say it.
fn run_what(job: &str) -> String {
    format!("stream run {job}")
}

const RUN_NAME_PREFIX: &str = "livedbctl stream run ";

/// The job named in a run's `application_name` ([`run_name`]); PostgreSQL cuts names at 63
/// bytes, so a long one may come back cut (the lock key identifies the job exactly).
pub fn job_of_run_name(application_name: &str) -> Option<&str> {
    let rest = application_name.strip_prefix(RUN_NAME_PREFIX)?;
    let name = rest.split_once(" (pid ").map_or(rest, |(n, _)| n);
    (!name.is_empty()).then_some(name)
}

/// What the profile's database says about stream jobs: the runs holding their locks now
/// and the checkpoints saved.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Runs {
    pub holders: Vec<Holder>,
    pub checkpoints: Vec<SavedCheckpoint>,
}

/// A session holding a job's run lock.
#[derive(Debug, Clone, Deserialize)]
pub struct Holder {
    /// The job's lock key (`hashtext(name)`, unsigned).
    pub key: i64,
    pub application_name: Option<String>,
    pub backend_pid: i32,
    /// The client's address, `local` for a Unix socket.
    pub client: String,
    /// When the session started, ms since the epoch.
    pub since_ms: Option<i64>,
}

/// A row of the checkpoints table.
#[derive(Debug, Clone, Deserialize)]
pub struct SavedCheckpoint {
    pub job: String,
    /// The job's lock key, to match it with a [`Holder`].
    pub key: i64,
    pub consumer_group: String,
    pub topic: String,
    pub checkpoint: Checkpoint,
    pub saved_at_ms: i64,
}

/// One statement reading [`Runs`]: its first column the holders, its second the newest
/// `limit` checkpoints (empty when `with_checkpoints` is false: the table does not exist
/// yet, see [`TABLE`]). Parameters: none (the lock space is inlined); read the row with
/// [`Runs::from_row`].
pub fn runs_sql(with_checkpoints: bool, limit: u32) -> String {
    let holders = format!(
        "SELECT coalesce(json_agg(json_build_object('key', l.objid::bigint,
            'application_name', a.application_name, 'backend_pid', a.pid,
            'client', coalesce(a.client_addr::text, 'local'),
            'since_ms', (extract(epoch FROM a.backend_start) * 1000)::bigint)), '[]'::json) {}",
        HOLDERS.replace("$1", &format!("'{LOCK_SPACE}'"))
    );
    let checkpoints = if with_checkpoints {
        format!(
            "SELECT coalesce(json_agg(json_build_object('job', c.job, 'key', {key},
                'consumer_group', c.consumer_group, 'topic', c.topic, 'checkpoint', c.checkpoint,
                'saved_at_ms', (extract(epoch FROM c.saved_at) * 1000)::bigint)
                ORDER BY c.saved_at DESC), '[]'::json)
             FROM (SELECT * FROM {TABLE} ORDER BY saved_at DESC LIMIT {limit}) c",
            key = job_key_sql("c.job")
        )
    } else {
        "SELECT '[]'::json".to_string()
    };
    format!("SELECT ({holders}), ({checkpoints})")
}

impl Runs {
    pub fn from_row(row: &tokio_postgres::Row) -> Result<Runs, serde_json::Error> {
        let holders: serde_json::Value = row.get(0);
        let checkpoints: serde_json::Value = row.get(1);
        Ok(Runs {
            holders: serde_json::from_value(holders)?,
            checkpoints: serde_json::from_value(checkpoints)?,
        })
    }

    /// The session holding the lock whose key is `key`, if a run holds it now.
    pub fn holder_of(&self, key: i64) -> Option<&Holder> {
        self.holders.iter().find(|h| h.key == key)
    }
}

/// The lock of one job, held by this session, and its saved checkpoints.
pub struct JobLock {
    client: Client,
    job: String,
    save: tokio_postgres::Statement,
}

impl JobLock {
    /// Take the job's lock, or say who holds it ([`crate::pg::run_lock`]: waits while its
    /// holder's process is gone, telling `on_wait`).
    pub async fn take(
        pg: &PgSettings,
        job: &str,
        on_wait: &mut impl FnMut(&LockWait),
    ) -> Result<JobLock> {
        let client = crate::pg::connect(pg).await?;
        // The session's name (shown in pg_stat_activity) is [`run_name`]: the refusal says
        // who runs the job, and the dashboard which job a lock is for.
        let key = LockKey::Named {
            space: LOCK_SPACE,
            name: job.to_string(),
        };
        match run_lock::take(&client, &key, &run_what(job), on_wait).await {
            Ok(()) => {}
            Err(Refused::Failed(e)) => return Err(e),
            Err(Refused::Held { holder, waited }) => {
                return Err(StreamError::AlreadyRunning {
                    job: job.to_string(),
                    database: format!("{} at {}", pg.dbname, pg.address()),
                    holder: Some(Refused::describe(&holder, &waited)).filter(|h| !h.is_empty()),
                }
                .into())
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runs_application_name_names_its_job() {
        let name = run_name("revenue-by-region");
        assert!(name.starts_with("livedbctl stream run revenue-by-region (pid "));
        assert_eq!(job_of_run_name(&name), Some("revenue-by-region"));
        // Cut by PostgreSQL at 63 bytes: the part that is left.
        assert_eq!(
            job_of_run_name("livedbctl stream run a-very-long-job-name-that-goes-o"),
            Some("a-very-long-job-name-that-goes-o")
        );
        assert_eq!(job_of_run_name("livedbctl-sampler"), None);
    }

    #[test]
    fn the_runs_statement_reads_the_table_only_when_it_exists() {
        assert!(!runs_sql(false, 10).contains(TABLE));
        let sql = runs_sql(true, 10);
        assert!(sql.contains(TABLE) && sql.contains("LIMIT 10"));
        assert!(!sql.contains("$1"), "no parameters: {sql}");
    }
}
