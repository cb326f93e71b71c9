use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Message;
use crate::profile;

/// Make NAME the default profile (written to ~/.config/livedbctl/current-profile)
#[derive(Debug, clap::Args)]
pub struct UseArgs {
    pub name: String,
}

pub fn run(ctx: &Context, args: &UseArgs) -> Result<()> {
    let found = profile::locate(&args.name)?;
    // Load it now so a broken profile is refused before it becomes the default.
    if let Some(p) = &found.path {
        profile::load_file(p)?;
    }
    let file = profile::current_profile_file()
        .ok_or_else(|| Error::runtime("no user configuration directory on this system"))?;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::runtime(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(&file, format!("{}\n", args.name))
        .map_err(|e| Error::runtime(format!("cannot write {}: {e}", file.display())))?;
    ctx.out.report(&Message {
        message: format!(
            "using profile `{}` (LIVEDB_PROFILE and --profile still override it)",
            args.name
        ),
    })
}
