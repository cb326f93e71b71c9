pub mod burst;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum SeedCommand {
    /// Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate
    Burst(burst::BurstArgs),
}

pub async fn run(ctx: &Context, cmd: SeedCommand) -> Result<()> {
    match cmd {
        SeedCommand::Burst(a) => burst::run(ctx, &a).await,
    }
}

/// `60s`, `500ms`, `1m30s`.
pub fn parse_duration(s: &str) -> std::result::Result<std::time::Duration, String> {
    humantime::parse_duration(s)
        .map_err(|e| format!("`{s}` is not a duration like 60s, 500ms or 2m: {e}"))
}
