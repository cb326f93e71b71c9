//! Bringing the stack up, the one way: start (or reuse) the services, create the topics,
//! apply the schema, reporting each step as it begins and ends. `infra up` and `demo`
//! both call [`bring_up`]; they differ only in what they ask for.

use crate::error::Result;
use crate::infra::{self, InfraError, ServiceReport};
use crate::kafka::admin::{self, TopicOutcome};
use crate::pg::migrate::{self, MigrateOutcome};
use crate::profile::{ServiceName, TopicSpec};
use crate::settings::Settings;

/// What to bring up.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Services to start or reuse, in this order.
    pub services: Vec<ServiceName>,
    /// Topics to create when missing (none: no topic step).
    pub topics: Vec<TopicSpec>,
    /// Apply the SQL schema.
    pub migrate: bool,
}

/// One step as it happens, for the command to show.
#[derive(Debug, Clone)]
pub enum StepEvent<'a> {
    Begin(&'a str),
    Done(&'a str),
    Failed(&'a str),
}

/// What came up.
#[derive(Debug, Default)]
pub struct Stack {
    pub services: Vec<ServiceReport>,
    pub topics: Vec<TopicOutcome>,
    pub migrations: Option<MigrateOutcome>,
}

/// Carry out `plan`; a failed step ends the bring-up with its error, prefixed by the step
/// (`starting kafka: ...`).
pub async fn bring_up(
    s: &Settings,
    plan: &Plan,
    mut on: impl FnMut(StepEvent<'_>),
) -> Result<Stack> {
    let mut stack = Stack::default();
    for svc in &plan.services {
        let label = svc.to_string();
        let report = step(&mut on, &label, format!("starting {svc}"), async {
            let r = infra::up_service(s, *svc).await?;
            let detail = format!("{} at {}", r.state, r.address);
            Ok((r, detail))
        })
        .await?;
        stack.services.push(report);
    }
    if !plan.topics.is_empty() {
        stack.topics = step(&mut on, "topics", "creating topics".into(), async {
            let t = admin::ensure_topics(&s.kafka, &plan.topics, false).await?;
            let created = t.iter().filter(|t| t.status == "created").count();
            let detail = format!("{created} created, {} already present", t.len() - created);
            Ok((t, detail))
        })
        .await?;
    }
    if plan.migrate {
        let m = step(&mut on, "schema", "applying the schema".into(), async {
            let mut client = crate::pg::connect(&s.postgres).await?;
            let m = migrate::apply(&mut client).await?;
            let detail = if m.applied.is_empty() {
                "up to date".to_string()
            } else {
                format!("applied {}", m.applied.join(", "))
            };
            Ok((m, detail))
        })
        .await?;
        stack.migrations = Some(m);
    }
    Ok(stack)
}

/// Run one step between its Begin and its Done (with the detail `work` returns) or Failed.
async fn step<T>(
    on: &mut impl FnMut(StepEvent<'_>),
    label: &str,
    what: String,
    work: impl std::future::Future<Output = Result<(T, String)>>,
) -> Result<T> {
    on(StepEvent::Begin(label));
    match work.await {
        Ok((value, detail)) => {
            on(StepEvent::Done(&detail));
            Ok(value)
        }
        Err(e) => {
            on(StepEvent::Failed(&e.message));
            Err(e.context(what))
        }
    }
}

/// The profile's topic spec for `topic`, or why there is none.
pub fn topic_spec(s: &Settings, topic: &str) -> Result<TopicSpec> {
    s.topics
        .iter()
        .find(|t| t.name == topic)
        .cloned()
        .ok_or_else(|| InfraError::NoTopicSpec(topic.to_string()).into())
}
