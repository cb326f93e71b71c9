use serde::Serialize;

use crate::commands::infra::{selected, services_table};
use crate::commands::values::Service;
use crate::context::Context;
use crate::error::Result;
use crate::infra::{self, ServiceReport};
use crate::output::Report;
use crate::profile::ServiceName;

/// Stop the services `infra up` started, gracefully; services it reused are left alone.
#[derive(Debug, clap::Args)]
pub struct DownArgs {
    /// Only these services (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Service>,
    /// Also delete their data directories (asks first; --yes skips the question)
    #[arg(long)]
    pub purge: bool,
}

#[derive(Debug, Serialize)]
pub struct DownReport {
    pub services: Vec<ServiceReport>,
    pub purged: Vec<std::path::PathBuf>,
}

impl Report for DownReport {
    fn human(&self) -> String {
        let mut s = services_table(&self.services);
        for p in &self.purged {
            s.push_str(&format!("\ndeleted {}", p.display()));
        }
        s
    }
}

pub async fn run(ctx: &Context, args: &DownArgs) -> Result<()> {
    let s = ctx.settings()?;
    let services = selected(s, &args.only);
    // Ask before stopping anything, so a refusal leaves the stack as it was.
    let mut targets = Vec::new();
    if args.purge {
        for svc in &services {
            targets.extend(infra::purge_targets(s, *svc));
        }
        if !targets.is_empty() {
            let list: Vec<String> = targets
                .iter()
                .map(|p| format!("  {}", p.display()))
                .collect();
            ctx.out.info(format!(
                "--purge deletes these data directories:\n{}",
                list.join("\n")
            ));
            ctx.out.confirm(
                &format!(
                    "delete {} data director{}?",
                    targets.len(),
                    if targets.len() == 1 { "y" } else { "ies" }
                ),
                ctx.yes,
            )?;
        }
    }
    let mut reports = Vec::new();
    // Consumers first, the database last.
    for svc in services.iter().rev() {
        let step = ctx.out.step(format!("stopping {svc}"));
        let r = infra::down_service(s, *svc).await?;
        step.done(&r.state);
        reports.push(r);
    }
    reports.reverse();
    let mut purged = Vec::new();
    if !targets.is_empty() {
        let still: Vec<&ServiceReport> = reports
            .iter()
            .filter(|r| r.state == "left-running")
            .collect();
        let keep: Vec<ServiceName> = still.iter().map(|r| r.service).collect();
        let doomed: Vec<std::path::PathBuf> = services
            .iter()
            .filter(|svc| !keep.contains(svc))
            .flat_map(|svc| infra::purge_targets(s, *svc))
            .collect();
        infra::purge(s, &doomed)?;
        purged = doomed;
    }
    ctx.out.report(&DownReport {
        services: reports,
        purged,
    })
}
