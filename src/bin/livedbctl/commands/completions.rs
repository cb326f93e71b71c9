use clap_complete::Shell;

use crate::context::Context;
use crate::error::Result;

/// Print a completion script for SHELL on stdout
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell` of the parser `cli` (the whole `livedbctl` command).
pub fn script(shell: Shell, cli: &mut clap::Command) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, cli, "livedbctl", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn run(ctx: &Context, args: &CompletionsArgs, cli: &mut clap::Command) -> Result<()> {
    ctx.out.raw_line(&script(args.shell, cli))
}
