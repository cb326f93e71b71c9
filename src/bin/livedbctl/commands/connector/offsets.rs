use serde::Serialize;

use crate::cdc::offsets::{builtin_offsets, lsn_from_text, Offsets};
use crate::cdc::state;
use crate::commands::connector::not_found;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{table, Report};

/// Show where a connector is, in Kafka Connect's offsets shape (KIP-875); with --remote,
/// move a STOPPED Kafka Connect connector: --reset forgets its offsets, --set LSN puts it
/// at an LSN of its slot. Moves ask first (--yes).
#[derive(Debug, clap::Args)]
pub struct OffsetsArgs {
    pub name: String,
    /// Forget the offsets: started again, the connector begins as a new one (its snapshot mode decides)
    #[arg(long, conflicts_with = "set")]
    pub reset: bool,
    /// Resume streaming from this LSN (0/16B3748 or a number); the slot must still hold it
    #[arg(long, value_name = "LSN")]
    pub set: Option<String>,
    #[command(flatten)]
    pub target: super::Where,
}

#[derive(Debug, Serialize)]
pub struct OffsetsReport {
    pub name: String,
    /// `kafka-connect` or `builtin`
    pub engine: &'static str,
    /// `reset` or `set` when the command moved it
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved: Option<&'static str>,
    /// What Kafka Connect said of the move.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(flatten)]
    pub offsets: Offsets,
}

impl Report for OffsetsReport {
    fn human(&self) -> String {
        let mut t = table(&["partition", "lsn", "offset"]);
        for p in &self.offsets.offsets {
            t.add_row(vec![
                serde_json::Value::Object(p.partition.clone()).to_string(),
                p.lsn().unwrap_or_else(|| "-".into()),
                p.offset
                    .as_ref()
                    .map(|o| serde_json::Value::Object(o.clone()).to_string())
                    .unwrap_or_else(|| "none".into()),
            ]);
        }
        let head = match (self.moved, &self.message) {
            (Some(how), Some(m)) => format!("connector `{}`: offsets {how}: {m}\n", self.name),
            _ => format!("connector `{}` ({}):\n", self.name, self.engine),
        };
        format!("{head}{t}")
    }
}

pub async fn run(ctx: &Context, args: &OffsetsArgs) -> Result<()> {
    if let Some(remote) = super::remote_client(ctx, &args.target)? {
        let (moved, message) = if args.reset {
            ctx.out.confirm(
                &format!(
                    "reset the offsets of connector `{}`: started again, it begins as new?",
                    args.name
                ),
                ctx.yes,
            )?;
            (Some("reset"), Some(remote.reset_offsets(&args.name).await?))
        } else if let Some(text) = &args.set {
            let lsn = lsn_from_text(text)?;
            ctx.out.confirm(
                &format!(
                    "move connector `{}` to LSN {}?",
                    args.name,
                    crate::cdc::pgoutput::format_lsn(lsn)
                ),
                ctx.yes,
            )?;
            (Some("set"), Some(remote.set_lsn(&args.name, lsn).await?))
        } else {
            (None, None)
        };
        return ctx.out.report(&OffsetsReport {
            name: args.name.clone(),
            engine: "kafka-connect",
            moved,
            message,
            offsets: remote.offsets(&args.name).await?,
        });
    }
    if args.reset || args.set.is_some() {
        return Err(Error::usage(
            "--reset and --set move Kafka Connect connectors only",
        )
        .hint("the built-in engine resumes where its replication slot is; `connector delete` and start again begins anew"));
    }
    let s = ctx.settings()?;
    let client = crate::pg::connect(&s.postgres).await?;
    let row = state::load(&client, &args.name)
        .await?
        .ok_or_else(|| not_found(&args.name))?;
    let slot = state::slot(&client, &row.slot).await?;
    ctx.out.report(&OffsetsReport {
        name: args.name.clone(),
        engine: "builtin",
        moved: None,
        message: None,
        offsets: builtin_offsets(&row, slot.as_ref()),
    })
}
