use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::output::Report;
use crate::pg::migrate::{self, MigrateOutcome};

/// Apply the SQL migrations embedded in livedbctl to the profile's database. Applying twice
/// changes nothing; each migration runs in its own transaction and is recorded in
/// `livedbctl_migrations`.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {}

#[derive(Debug, Serialize)]
pub struct MigrateReport {
    pub database: String,
    #[serde(flatten)]
    pub outcome: MigrateOutcome,
}

impl Report for MigrateReport {
    fn human(&self) -> String {
        if self.outcome.applied.is_empty() {
            format!(
                "{}: schema up to date ({} migrations)",
                self.database, self.outcome.already_applied
            )
        } else {
            format!(
                "{}: applied {}",
                self.database,
                self.outcome.applied.join(", ")
            )
        }
    }
}

pub async fn run(ctx: &Context, _args: &MigrateArgs) -> Result<()> {
    let s = ctx.settings()?;
    let mut client = crate::pg::connect(&s.postgres).await?;
    let outcome = migrate::apply(&mut client).await?;
    ctx.out.report(&MigrateReport {
        database: s.postgres.display(),
        outcome,
    })
}
