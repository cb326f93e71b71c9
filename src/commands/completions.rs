use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::Result;

/// Print a completion script for SHELL on stdout
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "livedbctl", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn run(ctx: &Context, args: &CompletionsArgs) -> Result<()> {
    ctx.out.raw_line(&script(args.shell))
}
