pub mod init;
pub mod list;
pub mod show;
pub mod use_;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)
    List(list::ListArgs),
    /// Show a profile as resolved (flags, environment, file, defaults), secrets redacted
    Show(show::ShowArgs),
    /// Make NAME the default profile for this user
    Use(use_::UseArgs),
    /// Write a commented profile template
    Init(init::InitArgs),
}

pub async fn run(ctx: &Context, cmd: ProfileCommand) -> Result<()> {
    match cmd {
        ProfileCommand::List(a) => list::run(ctx, &a),
        ProfileCommand::Show(a) => show::run(ctx, &a),
        ProfileCommand::Use(a) => use_::run(ctx, &a),
        ProfileCommand::Init(a) => init::run(ctx, &a),
    }
}
