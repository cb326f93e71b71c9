use std::time::Duration;

use crate::cdc::graduate::{self, Graduated};
use crate::context::Context;
use crate::error::Result;
use crate::output::Report;

/// Move a connector between the built-in engine and Debezium on Kafka Connect, on the same
/// slot and from the same position: nothing lost. `--to remote` stops the built-in engine
/// at a transaction boundary and starts a Debezium connector at its slot's position;
/// `--to builtin` stops and deletes the Debezium connector, moves the slot up to its
/// committed offset, and leaves the built-in engine to be started (`connector start NAME`).
#[derive(Debug, clap::Args)]
pub struct GraduateArgs {
    pub name: String,
    /// Where the connector goes
    #[arg(long, value_enum)]
    pub to: Engine,
    /// --to remote: the database host as the Kafka Connect workers reach it [default: the profile's]
    #[arg(long)]
    pub database_hostname: Option<String>,
    /// How long to wait for each engine to stop and start
    #[arg(long, default_value = "120s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// Debezium on Kafka Connect (the profile's connect.url)
    Remote,
    /// livedbctl's own engine
    Builtin,
}

impl Report for Graduated {
    fn human(&self) -> String {
        let at = self.position.as_deref().unwrap_or("-");
        match self.to {
            "remote" => format!(
                "connector `{}` runs on Kafka Connect, on slot `{}` from {at}",
                self.name, self.slot
            ),
            _ => format!(
                "connector `{}` left Kafka Connect; slot `{}` is at {at}: start the built-in engine with `livedbctl connector start {}`",
                self.name, self.slot, self.name
            ),
        }
    }
}

pub async fn run(ctx: &Context, args: &GraduateArgs) -> Result<()> {
    let s = ctx.settings()?;
    let connect = super::require_remote(ctx)?;
    let client = crate::pg::connect(&s.postgres).await?;
    let moved = match args.to {
        Engine::Remote => {
            ctx.out.confirm(
                &format!(
                    "stop the built-in engine of `{}` and move it to Kafka Connect?",
                    args.name
                ),
                ctx.yes,
            )?;
            let host = args
                .database_hostname
                .as_deref()
                .unwrap_or(&s.postgres.host);
            graduate::to_remote(s, &client, &connect, &args.name, host, args.timeout).await?
        }
        Engine::Builtin => {
            ctx.out.confirm(
                &format!(
                    "stop and delete the Kafka Connect connector `{}` and move it to the built-in engine?",
                    args.name
                ),
                ctx.yes,
            )?;
            graduate::to_builtin(&client, &connect, &args.name, args.timeout).await?
        }
    };
    ctx.out.report(&moved)
}
