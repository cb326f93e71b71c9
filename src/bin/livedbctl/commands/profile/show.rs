use crate::context::Context;
use crate::error::Result;
use crate::output::Report;
use crate::settings::{self, Overrides, Settings};

/// Show a profile as resolved, with secrets redacted
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Profile name (default: the current one)
    pub name: Option<String>,
}

struct Shown(Settings);

impl serde::Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Report for Shown {
    fn human(&self) -> String {
        serde_yaml::to_string(&self.0).unwrap_or_default()
    }
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<()> {
    let resolved = match &args.name {
        Some(name) => settings::resolve(
            &Overrides {
                profile: Some(name.clone()),
                config: None,
            },
            &settings::read_env(),
        )?,
        None => ctx.settings()?.clone(),
    };
    ctx.out.report(&Shown(resolved))
}
