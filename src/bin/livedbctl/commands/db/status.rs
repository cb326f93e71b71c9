use crate::context::Context;
use crate::error::Result;
use crate::output::{opt, table, Report};
use crate::pg::migrate::{self, DbOverview};

/// Show the schema's migrations (applied and pending), the rows in `livedb`, and the
/// producer's offset with its lag (rows not yet published).
#[derive(Debug, clap::Args)]
pub struct StatusArgs {}

impl Report for DbOverview {
    fn human(&self) -> String {
        let mut t = table(&["migration", "state", "applied at"]);
        for m in &self.migrations {
            t.add_row(vec![
                m.name.clone(),
                if m.applied {
                    "applied".into()
                } else {
                    "pending".into()
                },
                opt(&m.applied_at),
            ]);
        }
        let mut s = format!("database {}\n{t}\n", self.database);
        match self.rows {
            Some(n) => s.push_str(&format!("livedb: {n} rows, max id {}\n", opt(&self.max_id))),
            None => s.push_str("livedb: table missing (run `livedbctl db migrate`)\n"),
        }
        match &self.producer {
            Some(p) => s.push_str(&format!(
                "producer: last_id {} (created_at {}), lag {} rows, updated {}",
                p.last_id,
                p.last_created_at,
                p.lag,
                opt(&p.updated_at)
            )),
            None => s.push_str("producer: no offset recorded"),
        }
        s
    }
}

pub async fn run(ctx: &Context, _args: &StatusArgs) -> Result<()> {
    let s = ctx.settings()?;
    let client = crate::pg::connect(&s.postgres).await?;
    let overview = migrate::overview(&client, &s.postgres.display()).await?;
    ctx.out.report(&overview)
}
