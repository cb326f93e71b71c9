use serde::Serialize;

use crate::cdc::state;
use crate::commands::connector::not_found;
use crate::context::Context;
use crate::error::{Error, Result};
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
        remote.delete(&args.name).await?;
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
    let row = state::load(&client, &args.name)
        .await?
        .ok_or_else(|| not_found(&args.name))?;
    if row.heartbeat_age_s.is_some_and(|a| a < 15.0) {
        return Err(Error::runtime(format!(
            "connector `{}` is running (pid {})",
            row.name,
            row.engine_pid.unwrap_or(0)
        ))
        .hint(format!(
            "stop it first: `livedbctl connector stop {}`",
            row.name
        )));
    }
    let shared = state::list(&client)
        .await?
        .iter()
        .any(|r| r.name != row.name && r.publication == row.publication);
    if shared && row.created_publication && !args.keep_publication {
        ctx.out.info(format!(
            "keeping publication `{}`: another connector uses it",
            row.publication
        ));
    }
    let drop_pub = row.created_publication && !args.keep_publication && !shared;
    ctx.out.confirm(
        &format!(
            "delete connector `{}`: drop replication slot `{}`{}?",
            row.name,
            row.slot,
            if drop_pub {
                format!(" and publication `{}`", row.publication)
            } else {
                String::new()
            }
        ),
        ctx.yes,
    )?;
    let slot_exists = state::slot(&client, &row.slot).await?.is_some();
    if slot_exists {
        state::drop_slot(&client, &row.slot).await?;
    }
    if drop_pub {
        state::drop_publication(&client, &row.publication).await?;
    }
    state::delete_row(&client, &row.name).await?;
    ctx.out.report(&DeleteReport {
        name: row.name.clone(),
        slot: row.slot.clone(),
        slot_dropped: slot_exists,
        publication: row.publication.clone(),
        publication_dropped: drop_pub,
        topics_kept: row.topics(),
    })
}
