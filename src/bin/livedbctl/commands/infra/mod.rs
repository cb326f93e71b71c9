pub mod down;
pub mod logs;
pub mod status;
pub mod up;

use clap::Subcommand;

use crate::commands::values::Service;
use crate::context::Context;
use crate::error::Result;
use crate::infra::ServiceReport;
use crate::output::{opt, table};
use crate::profile::ServiceName;
use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum InfraCommand {
    /// Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema
    Up(up::UpArgs),
    /// Stop what `infra up` started (never a service it merely reused)
    Down(down::DownArgs),
    /// Show each service: state, address, version, pid, who started it
    Status(status::StatusArgs),
    /// Print a service's log
    Logs(logs::LogsArgs),
}

pub async fn run(ctx: &Context, cmd: InfraCommand) -> Result<()> {
    match cmd {
        InfraCommand::Up(a) => up::run(ctx, &a).await,
        InfraCommand::Down(a) => down::run(ctx, &a).await,
        InfraCommand::Status(a) => status::run(ctx, &a).await,
        InfraCommand::Logs(a) => logs::run(ctx, &a).await,
    }
}

/// The services to act on: the profile's, narrowed by `--only`.
pub fn selected(s: &Settings, only: &[Service]) -> Vec<ServiceName> {
    let only = crate::commands::values::services(only);
    s.infra
        .services
        .iter()
        .copied()
        .filter(|svc| only.is_empty() || only.contains(svc))
        .collect()
}

pub fn services_table(services: &[ServiceReport]) -> String {
    let mut t = table(&[
        "service",
        "state",
        "address",
        "version",
        "pid",
        "started by livedbctl",
    ]);
    for r in services {
        t.add_row(vec![
            r.service.to_string(),
            r.state.clone(),
            r.address.clone(),
            opt(&r.version),
            opt(&r.pid),
            if r.started_by_livedbctl {
                "yes".into()
            } else {
                "no".into()
            },
        ]);
    }
    t.to_string()
}
