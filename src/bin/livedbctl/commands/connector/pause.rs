use crate::commands::connector::require_remote;
use crate::context::Context;
use crate::error::Result;
use crate::output::Message;

#[derive(Debug, clap::Args)]
pub struct PauseArgs {
    pub name: String,
}

pub async fn run(ctx: &Context, args: &PauseArgs) -> Result<()> {
    let client = require_remote(ctx)?;
    client.put_state(&args.name, "pause").await?;
    ctx.out.report(&Message {
        message: format!("connector `{}`: pause requested", args.name),
    })
}
