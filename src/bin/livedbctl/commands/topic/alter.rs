use serde::Serialize;

use crate::commands::topic::{no_duplicates, parse_key_value};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::kafka::admin::{self, ConfigChange};
use crate::output::Report;

/// Change a topic's configs incrementally: --set changes or adds a key, --delete returns
/// a key to its default. Keys not named stay as they are (IncrementalAlterConfigs).
#[derive(Debug, clap::Args)]
pub struct AlterArgs {
    /// Topic to change
    pub name: String,
    /// Set a config key=value (repeatable), e.g. --set retention.ms=86400000
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub set: Vec<(String, String)>,
    /// Remove a config override so the default applies again (repeatable)
    #[arg(long = "delete", value_name = "KEY")]
    pub delete: Vec<String>,
    /// Shorthand for --set retention.ms=MS
    #[arg(long, value_name = "MS")]
    pub retention_ms: Option<i64>,
    /// Shorthand for --set retention.bytes=BYTES
    #[arg(long, value_name = "BYTES")]
    pub retention_bytes: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct AlterReport {
    pub topic: String,
    pub changes: Vec<ConfigChange>,
}

impl Report for AlterReport {
    fn human(&self) -> String {
        let mut lines = vec![format!("altered topic {}:", self.topic)];
        for c in &self.changes {
            lines.push(match c {
                ConfigChange::Set { name, value } => format!("  set    {name}={value}"),
                ConfigChange::Delete { name } => format!("  delete {name} (back to default)"),
            });
        }
        lines.join("\n")
    }
}

pub async fn run(ctx: &Context, args: &AlterArgs) -> Result<()> {
    let s = ctx.settings()?;
    let mut changes: Vec<ConfigChange> = args
        .set
        .iter()
        .map(|(k, v)| ConfigChange::Set {
            name: k.clone(),
            value: v.clone(),
        })
        .collect();
    if let Some(ms) = args.retention_ms {
        changes.push(ConfigChange::Set {
            name: "retention.ms".into(),
            value: ms.to_string(),
        });
    }
    if let Some(b) = args.retention_bytes {
        changes.push(ConfigChange::Set {
            name: "retention.bytes".into(),
            value: b.to_string(),
        });
    }
    changes.extend(
        args.delete
            .iter()
            .map(|k| ConfigChange::Delete { name: k.clone() }),
    );
    if changes.is_empty() {
        return Err(
            Error::usage("nothing to change").hint("pass --set KEY=VALUE and/or --delete KEY")
        );
    }
    no_duplicates(changes.iter().map(|c| match c {
        ConfigChange::Set { name, .. } | ConfigChange::Delete { name } => name.as_str(),
    }))?;
    admin::alter_topic_configs(&s.kafka, &args.name, &changes).await?;
    ctx.out.report(&AlterReport {
        topic: args.name.clone(),
        changes,
    })
}
