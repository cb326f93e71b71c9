use serde::Serialize;

use crate::cdc::state;
use crate::commands::connector::{
    human_bytes, lag_warning_text, view, ConnectorView, DEFAULT_LAG_WARN_BYTES,
};
use crate::context::Context;
use crate::error::Result;
use crate::output::{opt, table, Report};

/// List the built-in connectors of the profile's database, with slot position and lag.
/// Replication slots no connector owns are listed too: they keep WAL as well.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Warn when a slot's lag exceeds this many bytes
    #[arg(long, default_value_t = DEFAULT_LAG_WARN_BYTES)]
    pub lag_warn_bytes: i64,
    #[command(flatten)]
    pub target: super::Where,
}

#[derive(Debug, Serialize)]
pub struct OtherSlot {
    pub slot: String,
    pub plugin: Option<String>,
    pub database: Option<String>,
    pub active: bool,
    pub slot_lag_bytes: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct ListReport {
    pub connectors: Vec<ConnectorView>,
    /// Replication slots on the server that no connector here owns.
    pub other_slots: Vec<OtherSlot>,
}

impl Report for ListReport {
    fn human(&self) -> String {
        if self.connectors.is_empty() && self.other_slots.is_empty() {
            return "no connectors (start one with `livedbctl connector start NAME --table schema.table`)".into();
        }
        let mut t = table(&["name", "state", "tables", "slot", "last LSN", "slot lag"]);
        for c in &self.connectors {
            t.add_row(vec![
                c.name.clone(),
                c.state.clone(),
                c.tables.join(", "),
                c.slot.clone(),
                opt(&c.last_lsn),
                c.slot_lag_bytes
                    .map(human_bytes)
                    .unwrap_or_else(|| "-".into())
                    + if c.lag_warning { " (!)" } else { "" },
            ]);
        }
        let mut s = t.to_string();
        if !self.other_slots.is_empty() {
            let mut o = table(&["other slot", "plugin", "database", "active", "slot lag"]);
            for x in &self.other_slots {
                o.add_row(vec![
                    x.slot.clone(),
                    opt(&x.plugin),
                    opt(&x.database),
                    x.active.to_string(),
                    x.slot_lag_bytes
                        .map(human_bytes)
                        .unwrap_or_else(|| "-".into()),
                ]);
            }
            s.push('\n');
            s.push_str(&o.to_string());
        }
        s
    }
}

pub async fn run(ctx: &Context, args: &ListArgs) -> Result<()> {
    if let Some(remote) = super::remote_client(ctx, &args.target)? {
        return super::remote::list(ctx, &remote).await;
    }
    let s = ctx.settings()?;
    let client = crate::pg::connect(&s.postgres).await?;
    let rows = state::list(&client).await?;
    let slots = state::slots(&client, None).await?;
    let connectors: Vec<ConnectorView> = rows
        .iter()
        .map(|r| {
            view(
                r,
                slots.iter().find(|x| x.slot == r.slot),
                args.lag_warn_bytes,
            )
        })
        .collect();
    let other_slots = slots
        .iter()
        .filter(|x| !rows.iter().any(|r| r.slot == x.slot))
        .map(|x| OtherSlot {
            slot: x.slot.clone(),
            plugin: x.plugin.clone(),
            database: x.database.clone(),
            active: x.active,
            slot_lag_bytes: x.lag_bytes,
        })
        .collect();
    for c in connectors.iter().filter(|c| c.lag_warning) {
        ctx.out.warn(lag_warning_text(c));
    }
    ctx.out.report(&ListReport {
        connectors,
        other_slots,
    })
}
