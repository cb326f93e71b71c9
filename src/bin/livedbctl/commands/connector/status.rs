use crate::cdc::state;
use crate::commands::connector::{
    human_bytes, lag_warning_text, not_found, view, ConnectorView, DEFAULT_LAG_WARN_BYTES,
};
use crate::context::Context;
use crate::error::Result;
use crate::output::{opt, Report};

/// Show one built-in connector: state, tables, topics, slot position and lag.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    pub name: String,
    /// Warn when the slot's lag exceeds this many bytes
    #[arg(long, default_value_t = DEFAULT_LAG_WARN_BYTES)]
    pub lag_warn_bytes: i64,
    #[command(flatten)]
    pub target: super::Where,
}

impl Report for ConnectorView {
    fn human(&self) -> String {
        let mut lines = vec![
            format!("connector:    {}", self.name),
            format!("state:        {}", self.state),
            format!("tables:       {}", self.tables.join(", ")),
            format!("topics:       {}", self.topics.join(", ")),
            format!(
                "slot:         {} (publication {}{})",
                self.slot,
                self.publication,
                if self.created_publication {
                    ", created by livedbctl"
                } else {
                    ""
                }
            ),
            format!(
                "snapshot:     {} ({})",
                self.snapshot_mode,
                if self.snapshot_done {
                    "done"
                } else {
                    "not done"
                }
            ),
            format!("last LSN:     {}", opt(&self.last_lsn)),
            format!(
                "slot lag:     {}{}",
                self.slot_lag_bytes
                    .map(human_bytes)
                    .unwrap_or_else(|| "-".into()),
                if self.lag_warning {
                    "  (warning: growing WAL)"
                } else {
                    ""
                }
            ),
            format!(
                "retained WAL: {} ({})",
                self.retained_wal_bytes
                    .map(human_bytes)
                    .unwrap_or_else(|| "-".into()),
                opt(&self.wal_status)
            ),
        ];
        if let (Some(pid), Some(host)) = (self.engine_pid, &self.engine_host) {
            lines.push(format!("engine:       pid {pid} on {host}"));
        }
        lines.join("\n")
    }
}

pub async fn run(ctx: &Context, args: &StatusArgs) -> Result<()> {
    if let Some(remote) = super::remote_client(ctx, &args.target)? {
        let st = remote.status(&args.name).await?;
        if st.connector.state == "RUNNING" && st.failed_task().is_some() {
            ctx.out.warn(format!(
                "connector `{}` reports RUNNING but a task FAILED",
                args.name
            ));
        }
        return ctx.out.report(&st);
    }
    let s = ctx.settings()?;
    let client = crate::pg::connect(&s.postgres).await?;
    let row = state::load(&client, &args.name)
        .await?
        .ok_or_else(|| not_found(&args.name))?;
    let slot = state::slot(&client, &row.slot).await?;
    let v = view(&row, slot.as_ref(), args.lag_warn_bytes);
    if v.lag_warning {
        ctx.out.warn(lag_warning_text(&v));
    }
    if slot.is_none() {
        ctx.out.warn(format!("replication slot `{}` is gone; `connector start {}` recreates it (changes in between are not captured)", row.slot, row.name));
    }
    ctx.out.report(&v)
}
