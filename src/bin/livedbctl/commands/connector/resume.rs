use crate::commands::connector::require_remote;
use crate::context::Context;
use crate::error::Result;
use crate::output::Message;

#[derive(Debug, clap::Args)]
pub struct ResumeArgs {
    pub name: String,
}

pub async fn run(ctx: &Context, args: &ResumeArgs) -> Result<()> {
    let client = require_remote(ctx)?;
    client.put_state(&args.name, "resume").await?;
    ctx.out.report(&Message {
        message: format!("connector `{}`: resume requested", args.name),
    })
}
