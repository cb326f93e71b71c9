//! What a database needs for change data capture, checked and (over SQL) set up:
//! wal_level, free slots and WAL senders, a role that may replicate, tables with a primary
//! key or replica identity, and slots that retain WAL.

use serde::Serialize;
use tokio_postgres::Client;

use crate::cdc::state::{self, split_table};
use crate::error::{Error, ErrorKind, Result};
use crate::pg::{ident, query_error, PgError};

/// What setting up or checking logical replication found, in the domain's words; the
/// command layer adds the command that helps.
#[derive(Debug, thiserror::Error)]
pub enum ReplicationError {
    /// A setup statement the server refused; its message, kind and SQLSTATE are the error's.
    #[error("{0}")]
    Setup(#[source] PgError),
    #[error("{failed} replication check{} failed", if *failed == 1 { "" } else { "s" })]
    ChecksFailed { failed: usize },
}

impl From<ReplicationError> for Error {
    fn from(e: ReplicationError) -> Self {
        match &e {
            ReplicationError::Setup(pg) => pg.boundary().with_source(e),
            ReplicationError::ChecksFailed { .. } => Error::from_domain(ErrorKind::Runtime, e),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// wal_level, replication_slots, wal_senders, role, table:<schema.table>, slot:<name>
    pub name: String,
    pub status: Status,
    pub detail: String,
    /// The exact fix, when the check did not pass.
    pub fix: Option<String>,
}

fn check(
    name: impl Into<String>,
    status: Status,
    detail: impl Into<String>,
    fix: Option<String>,
) -> Check {
    Check {
        name: name.into(),
        status,
        detail: detail.into(),
        fix,
    }
}

async fn setting(c: &Client, name: &str) -> Result<String> {
    Ok(c.query_one("SELECT current_setting($1)", &[&name])
        .await
        .map_err(|e| query_error(&format!("reading setting {name}"), e))?
        .get(0))
}

async fn count(c: &Client, sql: &str) -> Result<i64> {
    Ok(c.query_one(sql, &[])
        .await
        .map_err(|e| query_error("reading server state", e))?
        .get(0))
}

/// Tables to check: the given ones, or every ordinary table outside the system schemas.
async fn tables_to_check(c: &Client, tables: &[String]) -> Result<Vec<String>> {
    if !tables.is_empty() {
        return Ok(tables
            .iter()
            .map(|t| {
                let (s, n) = split_table(t);
                format!("{s}.{n}")
            })
            .collect());
    }
    let rows = c
        .query(
            "SELECT n.nspname::text || '.' || c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
               AND c.relname NOT LIKE 'livedbctl\\_%' ORDER BY 1",
            &[],
        )
        .await
        .map_err(|e| query_error("listing tables", e))?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

pub async fn run_checks(
    c: &Client,
    tables: &[String],
    retained_warn_bytes: i64,
) -> Result<Vec<Check>> {
    let mut out = Vec::new();
    let wal_level = setting(c, "wal_level").await?;
    out.push(if wal_level == "logical" {
        check("wal_level", Status::Pass, "wal_level = logical", None)
    } else {
        check(
            "wal_level",
            Status::Fail,
            format!("wal_level = {wal_level}; logical decoding needs logical"),
            Some("ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL (or set it in postgresql.conf)".into()),
        )
    });

    let max_slots: i64 = setting(c, "max_replication_slots")
        .await?
        .parse()
        .unwrap_or(0);
    let used_slots = count(c, "SELECT count(*) FROM pg_replication_slots").await?;
    let free = max_slots - used_slots;
    out.push(if free > 0 {
        check("replication_slots", Status::Pass, format!("{free} of {max_slots} free"), None)
    } else {
        check(
            "replication_slots",
            Status::Fail,
            format!("{used_slots} of {max_slots} in use: no free slot"),
            Some(format!(
                "ALTER SYSTEM SET max_replication_slots = {}; then restart PostgreSQL, or drop an abandoned slot (SELECT pg_drop_replication_slot('NAME'))",
                (max_slots + 4).max(10)
            )),
        )
    });

    let max_senders: i64 = setting(c, "max_wal_senders").await?.parse().unwrap_or(0);
    let used_senders = count(c, "SELECT count(*) FROM pg_stat_replication").await?;
    let free = max_senders - used_senders;
    out.push(if free > 0 {
        check(
            "wal_senders",
            Status::Pass,
            format!("{free} of {max_senders} free"),
            None,
        )
    } else {
        check(
            "wal_senders",
            Status::Fail,
            format!(
                "{used_senders} of {max_senders} in use (each running connector, built-in or Debezium, streams through one)"
            ),
            Some(format!(
                "ALTER SYSTEM SET max_wal_senders = {}; then restart PostgreSQL",
                (max_senders + 4).max(10)
            )),
        )
    });

    let role = c
        .query_one("SELECT current_user::text, rolreplication, rolsuper FROM pg_roles WHERE rolname = current_user", &[])
        .await
        .map_err(|e| query_error("reading the role", e))?;
    let (user, repl, sup): (String, bool, bool) = (role.get(0), role.get(1), role.get(2));
    out.push(if repl || sup {
        check(
            "role",
            Status::Pass,
            format!(
                "`{user}` may replicate{}",
                if sup { " (superuser)" } else { "" }
            ),
            None,
        )
    } else {
        check(
            "role",
            Status::Fail,
            format!("`{user}` lacks the REPLICATION attribute"),
            Some(format!(
                "as a superuser: ALTER ROLE {} WITH REPLICATION;",
                ident(&user)
            )),
        )
    });

    for t in tables_to_check(c, tables).await? {
        let (s, n) = split_table(&t);
        let row = c
            .query_opt(
                "SELECT c.relreplident::text,
                        EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary),
                        EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident)
                 FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = $1 AND c.relname = $2",
                &[&s, &n],
            )
            .await
            .map_err(|e| query_error("reading tables", e))?;
        let name = format!("table:{t}");
        let Some(row) = row else {
            out.push(check(
                name,
                Status::Fail,
                "table does not exist",
                Some(format!(
                    "check the name; `\\dt {s}.*` in psql lists the tables"
                )),
            ));
            continue;
        };
        let (ri, pk, idx): (String, bool, bool) = (row.get(0), row.get(1), row.get(2));
        let fix = Some(format!(
            "ALTER TABLE {} ADD PRIMARY KEY (...); or ALTER TABLE {} REPLICA IDENTITY FULL;",
            state::qualified(&t),
            state::qualified(&t)
        ));
        out.push(match (ri.as_str(), pk, idx) {
            ("f", _, _) => check(
                name,
                Status::Pass,
                "replica identity FULL (before images carry every column)",
                None,
            ),
            ("i", _, true) => check(name, Status::Pass, "replica identity index", None),
            ("d", true, _) => check(
                name,
                Status::Pass,
                "primary key (default replica identity)",
                None,
            ),
            ("n", _, _) => check(
                name,
                Status::Fail,
                "replica identity NOTHING: UPDATE/DELETE fail once published",
                fix,
            ),
            _ => check(
                name,
                Status::Fail,
                "no primary key and no replica identity: UPDATE/DELETE fail once published",
                fix,
            ),
        });
    }

    for s in state::slots(c, None).await? {
        let name = format!("slot:{}", s.slot);
        let retained = s.retained_bytes.unwrap_or(0);
        let detail = format!(
            "{} {} on {}, retains {} of WAL ({})",
            if s.active { "active" } else { "inactive" },
            s.plugin.as_deref().unwrap_or("physical"),
            s.database.as_deref().unwrap_or("-"),
            crate::cdc::human_bytes(retained),
            s.wal_status.as_deref().unwrap_or("-")
        );
        let drop_fix = Some(format!(
            "if it is abandoned: SELECT pg_drop_replication_slot('{}');",
            s.slot.replace('\'', "''")
        ));
        out.push(if s.wal_status.as_deref() == Some("lost") {
            check(name, Status::Fail, detail, drop_fix)
        } else if !s.active && retained > retained_warn_bytes {
            check(name, Status::Warn, detail, drop_fix)
        } else {
            check(name, Status::Pass, detail, None)
        });
    }
    Ok(out)
}

/// What `setup` will do; `statements` are run in order after confirmation.
#[derive(Debug, Clone, Serialize)]
pub struct SetupPlan {
    /// SQL to run, with the password shown as '***'.
    pub statements: Vec<String>,
    /// Changes that only take effect after a server restart (not done by setup).
    pub restart_needed: Vec<String>,
    #[serde(skip)]
    real_statements: Vec<String>,
}

pub struct SetupRequest<'a> {
    pub role: &'a str,
    pub password: Option<&'a str>,
    pub tables: &'a [String],
    pub publication: &'a str,
    pub replica_identity_full: bool,
}

fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub async fn plan_setup(c: &Client, req: &SetupRequest<'_>) -> Result<SetupPlan> {
    let mut shown = Vec::new();
    let mut real = Vec::new();
    let mut push = |sql: String, display: Option<String>| {
        shown.push(display.unwrap_or_else(|| sql.clone()));
        real.push(sql);
    };
    let role_exists = c
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&req.role])
        .await
        .map_err(|e| query_error("reading pg_roles", e))?
        .is_some();
    let verb = if role_exists { "ALTER" } else { "CREATE" };
    let r = ident(req.role);
    match req.password {
        Some(pw) => push(
            format!(
                "{verb} ROLE {r} WITH REPLICATION LOGIN PASSWORD {}",
                literal(pw)
            ),
            Some(format!(
                "{verb} ROLE {r} WITH REPLICATION LOGIN PASSWORD '***'"
            )),
        ),
        None => push(format!("{verb} ROLE {r} WITH REPLICATION LOGIN"), None),
    }
    let db: String = c
        .query_one("SELECT current_database()::text", &[])
        .await
        .map_err(|e| query_error("reading current_database()", e))?
        .get(0);
    push(
        format!("GRANT CONNECT ON DATABASE {} TO {r}", ident(&db)),
        None,
    );
    let mut schemas: Vec<String> = req.tables.iter().map(|t| split_table(t).0).collect();
    schemas.sort();
    schemas.dedup();
    for s in &schemas {
        push(format!("GRANT USAGE ON SCHEMA {} TO {r}", ident(s)), None);
    }
    let mut full: Vec<String> = Vec::new();
    for t in req.tables {
        let cat = state::catalog_table(c, t).await?;
        let q = state::qualified(&format!("{}.{}", cat.schema, cat.name));
        push(format!("GRANT SELECT ON {q} TO {r}"), None);
        if req.replica_identity_full && cat.replica_identity != b'f' {
            push(format!("ALTER TABLE {q} REPLICA IDENTITY FULL"), None);
        }
        full.push(format!("{}.{}", cat.schema, cat.name));
    }
    if !full.is_empty() {
        match state::publication_tables(c, req.publication).await? {
            None => {
                let list: Vec<String> = full.iter().map(|t| state::qualified(t)).collect();
                push(
                    format!(
                        "CREATE PUBLICATION {} FOR TABLE {}",
                        ident(req.publication),
                        list.join(", ")
                    ),
                    None,
                );
            }
            Some(have) => {
                let missing: Vec<String> = full
                    .iter()
                    .filter(|t| !have.contains(t))
                    .map(|t| state::qualified(t))
                    .collect();
                if !missing.is_empty() {
                    push(
                        format!(
                            "ALTER PUBLICATION {} ADD TABLE {}",
                            ident(req.publication),
                            missing.join(", ")
                        ),
                        None,
                    );
                }
            }
        }
    }
    let mut restart_needed = Vec::new();
    if setting(c, "wal_level").await? != "logical" {
        restart_needed.push("wal_level must be logical: ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL".into());
    }
    let max_slots: i64 = setting(c, "max_replication_slots")
        .await?
        .parse()
        .unwrap_or(0);
    if max_slots < 4 {
        restart_needed.push(format!("max_replication_slots is {max_slots}: ALTER SYSTEM SET max_replication_slots = 10; then restart"));
    }
    let max_senders: i64 = setting(c, "max_wal_senders").await?.parse().unwrap_or(0);
    if max_senders < 4 {
        restart_needed.push(format!(
            "max_wal_senders is {max_senders}: ALTER SYSTEM SET max_wal_senders = 10; then restart"
        ));
    }
    Ok(SetupPlan {
        statements: shown,
        restart_needed,
        real_statements: real,
    })
}

pub async fn apply_setup(c: &mut Client, plan: &SetupPlan) -> Result<()> {
    let tx = c
        .transaction()
        .await
        .map_err(|e| query_error("starting a transaction", e))?;
    for (sql, shown) in plan.real_statements.iter().zip(&plan.statements) {
        tx.batch_execute(sql).await.map_err(|e| {
            ReplicationError::Setup(PgError::Query {
                what: shown.clone(),
                source: e,
            })
        })?;
    }
    tx.commit()
        .await
        .map_err(|e| query_error("committing the setup", e))?;
    Ok(())
}

pub fn failed(checks: &[Check]) -> Option<Error> {
    let n = checks.iter().filter(|c| c.status == Status::Fail).count();
    (n > 0).then(|| ReplicationError::ChecksFailed { failed: n }.into())
}
