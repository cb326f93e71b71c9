use std::path::PathBuf;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Message;
use crate::profile;

/// Write a commented profile template to ./profiles/NAME.yaml (or the user's config directory)
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    pub name: String,
    /// Write to ~/.config/livedbctl/profiles instead of ./profiles
    #[arg(long)]
    pub user: bool,
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Context, args: &InitArgs) -> Result<()> {
    if args.name.is_empty()
        || !args
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(
            Error::usage(format!("`{}` is not a valid profile name", args.name))
                .hint("use letters, digits, '-' and '_'"),
        );
    }
    let dir: PathBuf = if args.user {
        profile::user_config_dir()
            .ok_or_else(|| Error::runtime("no user configuration directory on this system"))?
            .join("profiles")
    } else {
        PathBuf::from("profiles")
    };
    let path = dir.join(format!("{}.yaml", args.name));
    if path.exists() && !args.force {
        return Err(Error::usage(format!("{} already exists", path.display()))
            .hint("pass --force to overwrite it"));
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::runtime(format!("cannot create {}: {e}", dir.display())))?;
    // A profile is where passwords go: readable by its owner only, from its creation.
    livedbctl::infra::tree::write_own(&path, &profile::template(&args.name), 0o600)
        .map_err(|e| Error::runtime(format!("cannot write {}: {e}", path.display())))?;
    ctx.out.report(&Message {
        message: format!("wrote {}", path.display()),
    })
}
