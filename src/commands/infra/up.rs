use std::path::PathBuf;

use serde::Serialize;

use crate::commands::infra::{selected, services_table};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::infra::{self, ServiceReport};
use crate::kafka::admin::{self, TopicOutcome};
use crate::output::Report;
use crate::pg::migrate::{self, MigrateOutcome};
use crate::profile::ServiceName;

/// Start the local stack for the profile, then create its topics and apply the schema.
/// Idempotent: services already answering are reused and reported as such.
#[derive(Debug, clap::Args)]
pub struct UpArgs {
    /// Only these services (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<ServiceName>,
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
    let mut reports = Vec::new();
    for svc in &services {
        let step = ctx.out.step(format!("{svc}"));
        match infra::up_service(s, *svc).await {
            Ok(r) => {
                step.done(&format!("{} at {}", r.state, r.address));
                reports.push(r);
            }
            Err(e) => {
                step.fail(&e.message);
                return Err(e.context(format!("infra up: {svc}")));
            }
        }
    }
    let mut topics = Vec::new();
    if services.contains(&ServiceName::Kafka) && !args.no_topics && !s.topics.is_empty() {
        let step = ctx.out.step("topics");
        match admin::ensure_topics(&s.kafka, &s.topics, false).await {
            Ok(t) => {
                let created = t.iter().filter(|t| t.status == "created").count();
                step.done(&format!(
                    "{created} created, {} already present",
                    t.len() - created
                ));
                topics = t;
            }
            Err(e) => {
                step.fail(&e.message);
                return Err(e.context("infra up: creating topics"));
            }
        }
    }
    let mut migrations = None;
    if services.contains(&ServiceName::Postgres) && !args.no_migrate {
        let step = ctx.out.step("schema");
        let result = async {
            let mut client = crate::pg::connect(&s.postgres).await?;
            migrate::apply(&mut client).await
        }
        .await;
        match result {
            Ok(m) => {
                step.done(&if m.applied.is_empty() {
                    "up to date".to_string()
                } else {
                    format!("applied {}", m.applied.join(", "))
                });
                migrations = Some(m);
            }
            Err(e) => {
                step.fail(&e.message);
                return Err(e.context("infra up: applying the schema"));
            }
        }
    }
    ctx.out.report(&UpReport {
        profile: s.profile.name.clone(),
        state_dir: s.infra.state_dir.clone(),
        services: reports,
        topics,
        migrations,
    })
}
