//! Run locks: the one way a long-running command (`produce poll`, `stream run`, a CDC
//! connector) makes sure it runs once. A session advisory lock in the profile's database,
//! taken on the command's own session and released by PostgreSQL when that session ends,
//! so a killed run leaves nothing to clean up.
//!
//! A killed run's session ends only once the server notices its client is gone: at once
//! for a process killed on a quiet machine, seconds later on a busy one, and only through
//! TCP keepalives when the client's host vanished (livedbctl's sessions ask the server for
//! short ones, see [`super::config`]). Meanwhile a new run would find the lock held. So the
//! session names its process (`application_name`: `livedbctl WHAT (pid P on HOST)`), and
//! a new run that finds the lock held by a process of this host that no longer runs waits
//! for the server to drop its session ([`DEAD_HOLDER_WAIT`] at most, reporting progress)
//! instead of failing. A holder that runs, or runs elsewhere, is refused at once, naming
//! its host and when its session started.

use std::time::{Duration, Instant};

use tokio_postgres::types::ToSql;
use tokio_postgres::Client;

use crate::pg::query_error;

/// The longest a new run waits for the server to drop the session of a holder whose
/// process is gone. Beyond the server's own reaction time it covers its keepalive probes
/// ([`super::KEEPALIVE_OPTIONS`]: about 25 s).
pub const DEAD_HOLDER_WAIT: Duration = Duration::from_secs(60);

/// How often a waiting run tries again, and how often it says it still waits.
const RETRY_EVERY: Duration = Duration::from_millis(200);
const REPORT_EVERY: Duration = Duration::from_secs(5);

/// PostgreSQL keeps `application_name` to 63 bytes.
const NAME_MAX: usize = 63;

/// Which lock: one 64-bit key, or a (space, name) pair hashed by the server.
#[derive(Debug, Clone)]
pub enum LockKey {
    Single(i64),
    Named { space: &'static str, name: String },
}

impl LockKey {
    fn try_sql(&self) -> &'static str {
        match self {
            LockKey::Single(_) => "SELECT pg_try_advisory_lock($1::bigint)",
            LockKey::Named { .. } => "SELECT pg_try_advisory_lock(hashtext($1), hashtext($2))",
        }
    }

    /// How `pg_locks` shows the lock, with the same parameters as [`Self::try_sql`].
    fn holder_sql(&self) -> String {
        let key = match self {
            LockKey::Single(_) => {
                "l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295) AND l.objsubid = 1"
            }
            LockKey::Named { .. } => {
                "l.classid::bigint = (hashtext($1)::bigint & 4294967295) AND l.objid::bigint = (hashtext($2)::bigint & 4294967295) AND l.objsubid = 2"
            }
        };
        format!(
            "SELECT a.pid, a.application_name, coalesce(host(a.client_addr), 'local'), a.client_hostname,
                    to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS \"UTC\"')
             FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted
               AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND {key}"
        )
    }

    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        match self {
            LockKey::Single(k) => vec![k],
            LockKey::Named { space, name } => vec![space, name],
        }
    }
}

/// The session holding a run lock, as `pg_stat_activity` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub backend_pid: i32,
    /// Empty when the server does not show it (another role's session).
    pub application_name: String,
    /// The client's address, `local` for a Unix socket.
    pub client_addr: String,
    /// The client's host name, when the server resolves it (`log_hostname`).
    pub client_hostname: Option<String>,
    /// When the session started (UTC).
    pub backend_start: String,
}

impl Holder {
    /// The process and host a livedbctl session names ([`session_name`]).
    pub fn process(&self) -> Option<(u32, &str)> {
        let inner = self.application_name.strip_prefix("livedbctl ")?;
        let (_, tail) = inner.rsplit_once(" (pid ")?;
        let (pid, host) = tail.strip_suffix(')')?.split_once(" on ")?;
        Some((pid.parse().ok()?, host))
    }

    /// The host the holder runs on: the one its session names, else the client's.
    pub fn host(&self) -> &str {
        match self.process() {
            Some((_, host)) => host,
            None => self.client_hostname.as_deref().unwrap_or(&self.client_addr),
        }
    }

    /// Its process is known to be gone: named as a process of this host that no longer
    /// runs. The server has not noticed yet; its session (and the lock) goes soon.
    pub fn is_gone(&self) -> bool {
        match self.process() {
            Some((pid, host)) => {
                host == crate::host::hostname()
                    && pid != std::process::id()
                    && !crate::host::is_alive(pid)
            }
            None => false,
        }
    }
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.process() {
            Some((pid, host)) => write!(f, "pid {pid} on host {host}")?,
            None if self.application_name.is_empty() => write!(f, "a session")?,
            None => write!(f, "session `{}`", self.application_name)?,
        }
        write!(
            f,
            " (PostgreSQL backend pid {}, client {}",
            self.backend_pid, self.client_addr
        )?;
        if let Some(h) = &self.client_hostname {
            write!(f, " {h}")?;
        }
        write!(f, ", session started {})", self.backend_start)
    }
}

/// Waiting for a lock whose holder's process is gone.
#[derive(Debug, Clone)]
pub struct LockWait {
    /// What the lock is for (`produce poll`, `stream run NAME`, ...).
    pub what: String,
    pub holder: Holder,
    pub waited: Duration,
    pub limit: Duration,
}

impl std::fmt::Display for LockWait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the `{}` lock is held by {}, whose process is gone: waiting for PostgreSQL to end its session ({} s of at most {} s)",
            self.what,
            self.holder,
            self.waited.as_secs(),
            self.limit.as_secs()
        )
    }
}

/// Why a run lock was not taken.
#[derive(Debug)]
pub enum Refused {
    /// Another session holds it: a run that is alive (or not known to be gone), or one
    /// whose session outlived [`DEAD_HOLDER_WAIT`] (`waited`). `None` when the holder
    /// could not be read (it went in between).
    Held {
        holder: Option<Holder>,
        waited: Option<Duration>,
    },
    /// The database failed.
    Failed(crate::error::Error),
}

impl Refused {
    /// The sentence after "already running": who holds it and since when.
    pub fn describe(holder: &Option<Holder>, waited: &Option<Duration>) -> String {
        let mut s = match holder {
            Some(h) => format!(" by {h}"),
            None => String::new(),
        };
        if let Some(w) = waited {
            s.push_str(&format!(
                "; its process is gone, yet PostgreSQL kept its session for {} s",
                w.as_secs()
            ));
        }
        s
    }
}

/// The `application_name` of a run's session: `livedbctl WHAT (pid P on HOST)`, `what`
/// cut so the process part fits PostgreSQL's 63 bytes.
pub fn session_name(what: &str) -> String {
    let suffix = format!(
        " (pid {} on {})",
        std::process::id(),
        crate::host::hostname()
    );
    let prefix = "livedbctl ";
    let room = NAME_MAX.saturating_sub(prefix.len() + suffix.len());
    let mut cut = what.len().min(room);
    while !what.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{prefix}{}{suffix}", &what[..cut])
}

/// Name the session after the run ([`session_name`]), and take the lock on it. When the
/// lock's holder is a process of this machine that is gone, wait for the server to end its
/// session (telling `on_wait`), up to [`DEAD_HOLDER_WAIT`].
pub async fn take(
    client: &Client,
    key: &LockKey,
    what: &str,
    on_wait: &mut impl FnMut(&LockWait),
) -> Result<(), Refused> {
    take_within(client, key, what, DEAD_HOLDER_WAIT, on_wait).await
}

async fn take_within(
    client: &Client,
    key: &LockKey,
    what: &str,
    limit: Duration,
    on_wait: &mut impl FnMut(&LockWait),
) -> Result<(), Refused> {
    let me = session_name(what);
    // The keepalive checks of a running statement (PostgreSQL 14 and later): a vanished
    // client is noticed while a statement runs, not only between them.
    client
        .query_one(
            "SELECT set_config('application_name', $1, false),
                    (SELECT set_config(name, '10s', false) FROM pg_settings
                     WHERE name = 'client_connection_check_interval')",
            &[&me],
        )
        .await
        .map_err(|e| Refused::Failed(query_error("naming the session", e)))?;
    let started = Instant::now();
    let mut reported: Option<Instant> = None;
    loop {
        let got: bool = client
            .query_one(key.try_sql(), &key.params())
            .await
            .map_err(|e| Refused::Failed(query_error(&format!("taking the `{what}` lock"), e)))?
            .get(0);
        if got {
            return Ok(());
        }
        let sql = key.holder_sql();
        let holder = client
            .query_opt(sql.as_str(), &key.params())
            .await
            .map_err(|e| {
                Refused::Failed(query_error(
                    &format!("reading who holds the `{what}` lock"),
                    e,
                ))
            })?
            .map(|r| Holder {
                backend_pid: r.get(0),
                application_name: r.get::<_, Option<String>>(1).unwrap_or_default(),
                client_addr: r.get(2),
                client_hostname: r.get(3),
                backend_start: r.get(4),
            });
        let waited = started.elapsed();
        match holder {
            // Released in between: try again at once.
            None if waited < limit => continue,
            Some(h) if h.is_gone() && waited < limit => {
                if reported.is_none_or(|t| t.elapsed() >= REPORT_EVERY) {
                    reported = Some(Instant::now());
                    on_wait(&LockWait {
                        what: what.to_string(),
                        holder: h,
                        waited,
                        limit,
                    });
                }
                tokio::time::sleep(RETRY_EVERY).await;
            }
            holder => {
                let gone = holder.as_ref().is_some_and(Holder::is_gone);
                return Err(Refused::Held {
                    holder,
                    waited: gone.then_some(waited),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(app: &str) -> Holder {
        Holder {
            backend_pid: 77,
            application_name: app.into(),
            client_addr: "10.1.2.3".into(),
            client_hostname: None,
            backend_start: "2026-12-06 12:00:00 UTC".into(),
        }
    }

    #[test]
    fn a_session_names_its_process_within_63_bytes() {
        let name = session_name(&format!("stream run {}", "x".repeat(100)));
        assert!(name.len() <= NAME_MAX, "{name}");
        let h = holder(&name);
        assert_eq!(h.process().map(|p| p.0), Some(std::process::id()));
        assert_eq!(h.host(), crate::host::hostname());
        // This very process runs: not gone.
        assert!(!h.is_gone());
    }

    #[test]
    fn a_holder_of_this_host_whose_pid_is_free_is_gone_and_others_are_not() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let here = crate::host::hostname();
        assert!(holder(&format!("livedbctl produce poll (pid {dead} on {here})")).is_gone());
        // Elsewhere: cannot be told, so not gone.
        let remote = holder(&format!(
            "livedbctl produce poll (pid {dead} on {here}-other)"
        ));
        assert!(!remote.is_gone());
        assert_eq!(remote.host(), format!("{here}-other"));
        // Not a livedbctl session: its client's address stands for the host.
        let psql = holder("psql");
        assert!(!psql.is_gone() && psql.process().is_none());
        assert_eq!(psql.host(), "10.1.2.3");
        let shown = remote.to_string();
        assert!(
            shown.contains(&format!("host {here}-other"))
                && shown.contains("backend pid 77")
                && shown.contains("session started 2026-12-06 12:00:00 UTC"),
            "{shown}"
        );
    }
}
