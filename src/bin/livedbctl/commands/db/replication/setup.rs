use serde::Serialize;

use crate::cdc::replication::{self, SetupRequest};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Report;

/// Prepare the profile's database for change data capture over SQL: a role WITH
/// REPLICATION LOGIN (password from an environment variable), CONNECT/USAGE/SELECT grants,
/// a publication for the tables, and REPLICA IDENTITY FULL where asked. Shows the plan and
/// asks first. Settings that need a server restart (wal_level, ...) are printed, not changed.
#[derive(Debug, clap::Args)]
pub struct SetupArgs {
    /// Table to capture as schema.table (repeatable)
    #[arg(long = "table", value_name = "SCHEMA.TABLE", required = true)]
    pub tables: Vec<String>,
    /// Replication role to create (or alter)
    #[arg(long, default_value = "debezium")]
    pub role: String,
    /// Environment variable holding the role's password (never taken from the command line)
    #[arg(long, default_value = "CDC_PASSWORD", value_name = "VAR")]
    pub password_env: String,
    /// Publication to create or extend (Debezium's default name)
    #[arg(long, default_value = "dbz_publication")]
    pub publication: String,
    /// Set REPLICA IDENTITY FULL on the tables (before-images of updates and deletes)
    #[arg(long)]
    pub replica_identity_full: bool,
    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Serialize)]
pub struct SetupReport {
    pub applied: bool,
    pub statements: Vec<String>,
    pub restart_needed: Vec<String>,
}

impl Report for SetupReport {
    fn human(&self) -> String {
        let mut s = format!("{}:\n", if self.applied { "applied" } else { "would run" });
        for st in &self.statements {
            s.push_str(&format!("  {st};\n"));
        }
        if self.restart_needed.is_empty() {
            s.push_str("no server restart needed");
        } else {
            s.push_str("needs a server restart (not done):\n");
            for r in &self.restart_needed {
                s.push_str(&format!("  {r}\n"));
            }
        }
        s.trim_end().to_string()
    }
}

pub async fn run(ctx: &Context, args: &SetupArgs) -> Result<()> {
    let s = ctx.settings()?;
    let password = std::env::var(&args.password_env)
        .ok()
        .filter(|p| !p.is_empty());
    if password.is_none() {
        ctx.out.warn(format!("${} is not set: the role gets no password (it can log in only where pg_hba.conf trusts it)", args.password_env));
    }
    let mut client = crate::pg::connect(&s.postgres).await?;
    let req = SetupRequest {
        role: &args.role,
        password: password.as_deref(),
        tables: &args.tables,
        publication: &args.publication,
        replica_identity_full: args.replica_identity_full,
    };
    let plan = replication::plan_setup(&client, &req).await?;
    let mut report = SetupReport {
        applied: false,
        statements: plan.statements.clone(),
        restart_needed: plan.restart_needed.clone(),
    };
    if args.dry_run {
        return ctx.out.report(&report);
    }
    if !ctx.yes {
        for st in &plan.statements {
            ctx.out.info(format!("  {st};"));
        }
    }
    ctx.out.confirm(
        &format!(
            "run these {} statements on the database?",
            plan.statements.len()
        ),
        ctx.yes,
    )?;
    replication::apply_setup(&mut client, &plan)
        .await
        .map_err(|e: Error| e.context("setup rolled back"))?;
    report.applied = true;
    ctx.out.report(&report)
}
