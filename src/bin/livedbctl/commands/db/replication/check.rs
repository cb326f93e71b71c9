use serde::Serialize;

use crate::cdc::replication::{self, Check, Status};
use crate::context::Context;
use crate::error::Result;
use crate::output::{opt, table, Report};

/// Check that the profile's database is ready for change data capture: wal_level, free
/// replication slots and WAL senders, the role's REPLICATION attribute, a primary key or
/// replica identity on each table, and slots that retain WAL. Exits 1 when a check fails.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Tables to check as schema.table (repeatable); default: every table
    #[arg(long = "table", value_name = "SCHEMA.TABLE")]
    pub tables: Vec<String>,
    /// Warn about inactive slots retaining more WAL than this many bytes
    #[arg(long, default_value_t = 1024 * 1024 * 1024)]
    pub retained_warn_bytes: i64,
}

#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// True when no check failed (warnings allowed).
    pub ok: bool,
    pub checks: Vec<Check>,
}

impl Report for CheckReport {
    fn human(&self) -> String {
        let mut t = table(&["check", "result", "detail", "fix"]);
        for c in &self.checks {
            t.add_row(vec![
                c.name.clone(),
                match c.status {
                    Status::Pass => "pass".into(),
                    Status::Warn => "WARN".into(),
                    Status::Fail => "FAIL".into(),
                },
                c.detail.clone(),
                opt(&c.fix),
            ]);
        }
        t.to_string()
    }
}

pub async fn run(ctx: &Context, args: &CheckArgs) -> Result<()> {
    let s = ctx.settings()?;
    let client = crate::pg::connect(&s.postgres).await?;
    let checks = replication::run_checks(&client, &args.tables, args.retained_warn_bytes).await?;
    let err = replication::failed(&checks);
    ctx.out.report(&CheckReport {
        ok: err.is_none(),
        checks,
    })?;
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
