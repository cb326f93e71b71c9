use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

use crate::cdc::connect::{parse_definition, redact};
use crate::commands::connector::remote::Applied;
use crate::commands::connector::require_remote;
use crate::context::Context;
use crate::error::{Error, Result};

/// Create or update a Kafka Connect connector from a file (JSON or YAML:
/// `{name, config}` or a flat config with `name`), then wait until the connector and all
/// its tasks are RUNNING, or fail with the trace of the task that FAILED.
#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// Connector definition (JSON or YAML)
    #[arg(short = 'f', long = "file")]
    pub file: PathBuf,
    /// Connector name (overrides the file's)
    #[arg(long)]
    pub name: Option<String>,
    /// How long to wait for RUNNING
    #[arg(long, default_value = "120s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
    /// Do not wait for RUNNING
    #[arg(long)]
    pub no_wait: bool,
}

pub async fn run(ctx: &Context, args: &ApplyArgs) -> Result<()> {
    let client = require_remote(ctx)?;
    let shown = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| Error::usage(format!("cannot read {shown}: {e}")))?;
    let (file_name, mut config) = parse_definition(&text, &shown)?;
    let name = args.name.clone().or(file_name).ok_or_else(|| {
        Error::usage(format!("{shown} names no connector"))
            .hint("add \"name\" to the file or pass --name")
    })?;
    if config.get("connector.class").and_then(Value::as_str)
        == Some("io.debezium.connector.postgresql.PostgresConnector")
    {
        match config.get("plugin.name").and_then(Value::as_str) {
            None => {
                config.insert("plugin.name".into(), Value::String("pgoutput".into()));
            }
            Some("pgoutput") => {}
            Some(other) => ctx.out.warn(format!(
                "{shown}: plugin.name is `{other}`; PostgreSQL ships only pgoutput (decoderbufs/wal2json need a server extension)"
            )),
        }
    }
    let created = client.put_config_and_run(&name, &config).await?;
    let status = if args.no_wait {
        client.status(&name).await?
    } else {
        client
            .wait_running(&name, args.timeout, Duration::from_millis(500))
            .await?
    };
    ctx.out.report(&Applied {
        name,
        action: if created { "created" } else { "updated" },
        config: redact(&config),
        status,
    })
}
