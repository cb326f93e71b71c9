use std::path::PathBuf;

use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::output::{table, Report};
use crate::profile;

/// List the profiles livedbctl can find
#[derive(Debug, clap::Args)]
pub struct ListArgs {}

#[derive(Debug, Serialize)]
pub struct ProfileEntry {
    pub name: String,
    pub path: Option<PathBuf>,
    /// Whether this is the profile commands use now.
    pub current: bool,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct ProfileList(pub Vec<ProfileEntry>);

impl Report for ProfileList {
    fn human(&self) -> String {
        let mut t = table(&["", "name", "path"]);
        for p in &self.0 {
            t.add_row(vec![
                if p.current { "*".into() } else { String::new() },
                p.name.clone(),
                p.path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "(built-in defaults)".into()),
            ]);
        }
        t.to_string()
    }
}

pub fn run(ctx: &Context, _args: &ListArgs) -> Result<()> {
    let current = ctx.settings().ok().map(|s| s.profile.clone());
    let mut entries: Vec<ProfileEntry> = profile::discover()
        .into_iter()
        .map(|(name, path)| ProfileEntry {
            current: current
                .as_ref()
                .map(|c| c.name == name && c.path.as_ref() == Some(&path))
                .unwrap_or(false),
            name,
            path: Some(path),
        })
        .collect();
    if let Some(c) = current {
        if !entries.iter().any(|e| e.current) {
            entries.push(ProfileEntry {
                name: c.name,
                path: c.path,
                current: true,
            });
        }
    }
    ctx.out.report(&ProfileList(entries))
}
