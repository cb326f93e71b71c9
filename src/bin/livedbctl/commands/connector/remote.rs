//! What Kafka Connect connectors look like in reports (status, list, applied), shared by
//! the verbs that work on them.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::cdc::connect::{ConnectClient, ConnectorStatus};
use crate::context::Context;
use crate::error::Result;
use crate::output::{opt, table, Report};

impl Report for ConnectorStatus {
    fn human(&self) -> String {
        let mut t = table(&["", "state", "worker", "trace"]);
        t.add_row(vec![
            format!("connector {}", self.name),
            self.connector.state.clone(),
            opt(&self.connector.worker_id),
            self.connector
                .trace
                .as_deref()
                .and_then(|s| s.lines().next())
                .unwrap_or("-")
                .to_string(),
        ]);
        for task in &self.tasks {
            t.add_row(vec![
                format!("task {}", task.id),
                task.state.clone(),
                opt(&task.worker_id),
                task.trace
                    .as_deref()
                    .and_then(|s| s.lines().next())
                    .unwrap_or("-")
                    .to_string(),
            ]);
        }
        t.to_string()
    }
}

#[derive(Debug, Serialize)]
pub struct RemoteList {
    pub connect_url: String,
    pub connectors: Vec<ConnectorStatus>,
}

impl Report for RemoteList {
    fn human(&self) -> String {
        if self.connectors.is_empty() {
            return format!("no connectors on Kafka Connect at {}", self.connect_url);
        }
        let mut t = table(&["name", "connector", "tasks"]);
        for c in &self.connectors {
            let tasks: Vec<String> = c
                .tasks
                .iter()
                .map(|x| format!("{}:{}", x.id, x.state))
                .collect();
            t.add_row(vec![
                c.name.clone(),
                c.connector.state.clone(),
                if tasks.is_empty() {
                    "-".into()
                } else {
                    tasks.join(" ")
                },
            ]);
        }
        t.to_string()
    }
}

pub async fn list(ctx: &Context, client: &ConnectClient) -> Result<()> {
    let mut connectors = Vec::new();
    for name in client.list().await? {
        match client.status(&name).await {
            Ok(st) => connectors.push(st),
            // Deleted since it was listed, or created a moment ago and without a status
            // yet: another client's doing, not a reason to fail the list.
            Err(e) if e.kind == crate::error::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    let url = ctx
        .settings()?
        .connect
        .as_ref()
        .map(|c| crate::profile::redact_conn(&c.url))
        .unwrap_or_default();
    ctx.out.report(&RemoteList {
        connect_url: url,
        connectors,
    })
}

/// What `start --remote` / `apply` return.
#[derive(Debug, Serialize)]
pub struct Applied {
    pub name: String,
    /// created | updated
    pub action: &'static str,
    /// The configuration sent, secrets replaced by ***.
    pub config: Map<String, Value>,
    pub status: ConnectorStatus,
}

impl Report for Applied {
    fn human(&self) -> String {
        format!(
            "connector `{}` {} on Kafka Connect; connector and all tasks RUNNING\n{}",
            self.name,
            self.action,
            self.status.human()
        )
    }
}
