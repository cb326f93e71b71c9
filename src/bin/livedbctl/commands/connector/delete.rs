use serde::Serialize;

use crate::cdc::lifecycle;
use crate::context::Context;
use crate::error::Result;
use crate::output::Report;

/// Delete a built-in connector: drop its replication slot (freeing the WAL it holds), the
/// publication when livedbctl created it, and its state. Topics are kept.
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    pub name: String,
    /// Keep the publication even when livedbctl created it
    #[arg(long)]
    pub keep_publication: bool,
    #[command(flatten)]
    pub target: super::Where,
}

#[derive(Debug, Serialize)]
pub struct DeleteReport {
    pub name: String,
    pub slot: String,
    pub slot_dropped: bool,
    pub publication: String,
    pub publication_dropped: bool,
    /// Topics are left in place (consumers may still read them).
    pub topics_kept: Vec<String>,
}

impl Report for DeleteReport {
    fn human(&self) -> String {
        format!(
            "deleted connector `{}`: slot `{}` {}, publication `{}` {}; topics kept: {}",
            self.name,
            self.slot,
            if self.slot_dropped {
                "dropped"
            } else {
                "was already gone"
            },
            self.publication,
            if self.publication_dropped {
                "dropped"
            } else {
                "kept"
            },
            self.topics_kept.join(", ")
        )
    }
}

pub async fn run(ctx: &Context, args: &DeleteArgs) -> Result<()> {
    if let Some(remote) = super::remote_client(ctx, &args.target)? {
        let config = remote.config(&args.name).await?;
        ctx.out.confirm(
            &format!("delete connector `{}` from Kafka Connect?", args.name),
            ctx.yes,
        )?;
        remote
            .delete(&args.name, std::time::Duration::from_secs(60))
            .await?;
        if let Some(slot) = config.get("slot.name").and_then(serde_json::Value::as_str) {
            ctx.out.warn(format!(
                "Kafka Connect does not drop replication slot `{slot}`: it keeps WAL until dropped: SELECT pg_drop_replication_slot('{slot}');"
            ));
        }
        return ctx.out.report(&crate::output::Message {
            message: format!("deleted connector `{}` from Kafka Connect", args.name),
        });
    }
    let s = ctx.settings()?;
    let client = crate::pg::connect(&s.postgres).await?;
    let plan = lifecycle::plan_delete(&client, &args.name, args.keep_publication).await?;
    let row = &plan.row;
    if plan.publication_shared && !args.keep_publication {
        ctx.out.info(format!(
            "keeping publication `{}`: another connector uses it",
            row.publication
        ));
    }
    ctx.out.confirm(
        &format!(
            "delete connector `{}`: drop replication slot `{}`{}?",
            row.name,
            row.slot,
            if plan.drop_publication {
                format!(" and publication `{}`", row.publication)
            } else {
                String::new()
            }
        ),
        ctx.yes,
    )?;
    let done = lifecycle::delete(&client, &plan).await?;
    ctx.out.report(&DeleteReport {
        name: row.name.clone(),
        slot: row.slot.clone(),
        slot_dropped: done.slot_dropped,
        publication: row.publication.clone(),
        publication_dropped: done.publication_dropped,
        topics_kept: row.topics(),
    })
}
