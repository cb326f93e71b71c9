use std::path::PathBuf;

use serde::Serialize;

use crate::commands::infra::{selected, services_table};
use crate::commands::values::Service;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::infra::bringup::{bring_up, Plan, StepEvent};
use crate::infra::ServiceReport;
use crate::kafka::admin::TopicOutcome;
use crate::output::{Report, Step};
use crate::pg::migrate::MigrateOutcome;
use crate::profile::ServiceName;

/// Start the local stack for the profile, then create its topics and apply the schema.
/// Idempotent: services already answering are reused and reported as such.
#[derive(Debug, clap::Args)]
pub struct UpArgs {
    /// Only these services (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Service>,
    /// Do not create the profile's topics
    #[arg(long)]
    pub no_topics: bool,
    /// Do not apply the SQL schema
    #[arg(long)]
    pub no_migrate: bool,
}

#[derive(Debug, Serialize)]
pub struct UpReport {
    pub profile: String,
    pub state_dir: PathBuf,
    pub services: Vec<ServiceReport>,
    pub topics: Vec<TopicOutcome>,
    pub migrations: Option<MigrateOutcome>,
}

impl Report for UpReport {
    fn human(&self) -> String {
        let mut s = services_table(&self.services);
        if !self.topics.is_empty() {
            let list: Vec<String> = self
                .topics
                .iter()
                .map(|t| format!("{} ({})", t.name, t.status))
                .collect();
            s.push_str(&format!("\ntopics: {}", list.join(", ")));
        }
        if let Some(m) = &self.migrations {
            if m.applied.is_empty() {
                s.push_str("\nschema: up to date");
            } else {
                s.push_str(&format!("\nschema: applied {}", m.applied.join(", ")));
            }
        }
        s
    }
}

pub async fn run(ctx: &Context, args: &UpArgs) -> Result<()> {
    let s = ctx.settings()?;
    let services = selected(s, &args.only);
    if services.is_empty() {
        return Err(Error::usage("no services selected")
            .hint("the profile's infra.services and --only have nothing in common"));
    }
    ctx.out
        .debug(format!("state directory {}", s.infra.state_dir.display()));
    let plan = Plan {
        topics: if services.contains(&ServiceName::Kafka) && !args.no_topics {
            s.topics.clone()
        } else {
            Vec::new()
        },
        migrate: services.contains(&ServiceName::Postgres) && !args.no_migrate,
        services,
    };
    let stack = bring_up(s, &plan, show_steps(ctx))
        .await
        .map_err(|e| e.context("infra up"))?;
    ctx.out.report(&UpReport {
        profile: s.profile.name.clone(),
        state_dir: s.infra.state_dir.clone(),
        services: stack.services,
        topics: stack.topics,
        migrations: stack.migrations,
    })
}

/// Show each bring-up step as a spinner line that ends in its outcome.
pub fn show_steps(ctx: &Context) -> impl FnMut(StepEvent<'_>) + '_ {
    let mut current: Option<Step> = None;
    move |ev| match ev {
        StepEvent::Begin(label) => current = Some(ctx.out.step(label)),
        StepEvent::Done(detail) => {
            if let Some(step) = current.take() {
                step.done(detail);
            }
        }
        StepEvent::Failed(error) => {
            if let Some(step) = current.take() {
                step.fail(error);
            }
        }
    }
}
