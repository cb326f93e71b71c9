use std::path::PathBuf;

use serde::Serialize;

use crate::commands::infra::{selected, services_table};
use crate::commands::values::Service;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::infra::{self, ServiceReport};
use crate::output::Report;

/// Show the state of each service of the profile, whether livedbctl started it or not.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Only these services (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Service>,
    /// Exit 1 unless every selected service answers (for scripts and health checks)
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Serialize)]
pub struct StatusReport {
    pub profile: String,
    pub state_dir: PathBuf,
    pub services: Vec<ServiceReport>,
}

impl Report for StatusReport {
    fn human(&self) -> String {
        let mut s = services_table(&self.services);
        for r in &self.services {
            if let Some(d) = &r.detail {
                s.push_str(&format!("\n{}: {d}", r.service));
            }
        }
        s
    }
}

pub async fn run(ctx: &Context, args: &StatusArgs) -> Result<()> {
    let s = ctx.settings()?;
    let futures = selected(s, &args.only)
        .into_iter()
        .map(|svc| infra::status_service(s, svc));
    let services = futures::future::join_all(futures).await;
    let down: Vec<String> = services
        .iter()
        .filter(|r| !matches!(r.state.as_str(), "running" | "external"))
        .map(|r| format!("{} is {}", r.service, r.state))
        .collect();
    ctx.out.report(&StatusReport {
        profile: s.profile.name.clone(),
        state_dir: s.infra.state_dir.clone(),
        services,
    })?;
    if args.check && !down.is_empty() {
        return Err(Error::runtime(down.join(", ")).hint("`livedbctl infra up` starts the stack"));
    }
    Ok(())
}
