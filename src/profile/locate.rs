//! Where profiles are: the project's `profiles/` directory (nearest at or above the
//! current one), then the user's config directory; the current profile chosen by
//! `profile use`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{nearest, parse, Profile, ProfileError, ProfileSource};
use crate::error::{Error, Result};

/// The directories searched for `<name>.yaml`, in order.
pub fn search_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        // The project's profiles: ./profiles, or the nearest ancestor that has one.
        for dir in cwd.ancestors() {
            let p = dir.join("profiles");
            if p.is_dir() {
                dirs.push(p);
                break;
            }
        }
    }
    if let Some(cfg) = user_config_dir() {
        dirs.push(cfg.join("profiles"));
    }
    dirs
}

/// `~/.config/livedbctl` (XDG on Linux, the platform's config dir elsewhere).
pub fn user_config_dir() -> Option<PathBuf> {
    if let Ok(x) = std::env::var("XDG_CONFIG_HOME") {
        if !x.is_empty() {
            return Some(PathBuf::from(x).join("livedbctl"));
        }
    }
    dirs::config_dir().map(|d| d.join("livedbctl"))
}

/// The profile chosen by `profile use`, if any.
pub fn current_profile_file() -> Option<PathBuf> {
    user_config_dir().map(|d| d.join("current-profile"))
}

pub fn read_current_profile() -> Option<String> {
    let p = current_profile_file()?;
    let s = std::fs::read_to_string(p).ok()?;
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Every profile found: (name, path), first occurrence of a name wins.
pub fn discover() -> Vec<(String, PathBuf)> {
    let mut seen = BTreeMap::new();
    for dir in search_dirs() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let Some(name) = profile_name_of(&p) else {
                continue;
            };
            seen.entry(name).or_insert(p);
        }
    }
    seen.into_iter().collect()
}

fn profile_name_of(p: &Path) -> Option<String> {
    let file = p.file_name()?.to_str()?;
    let stem = file
        .strip_suffix(".yaml")
        .or_else(|| file.strip_suffix(".yml"))?;
    // `neon.example.yaml` is a template to copy, not a profile.
    if stem.contains('.') {
        return None;
    }
    Some(stem.to_string())
}

/// Find a profile by name. The built-in `local` defaults stand in when no file exists.
pub fn locate(name: &str) -> Result<ProfileSource> {
    for dir in search_dirs() {
        for ext in ["yaml", "yml"] {
            let p = dir.join(format!("{name}.{ext}"));
            if p.is_file() {
                return Ok(ProfileSource {
                    name: name.to_string(),
                    path: Some(p),
                });
            }
        }
    }
    if name == "local" {
        return Ok(ProfileSource {
            name: name.to_string(),
            path: None,
        });
    }
    let known: Vec<String> = discover().into_iter().map(|(n, _)| n).collect();
    let near = nearest(name, known.iter().map(String::as_str)).map(str::to_string);
    let searched: Vec<String> = search_dirs()
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    Err(ProfileError::Unknown {
        name: name.to_string(),
        known,
        near,
        searched,
    }
    .into())
}

/// Read, parse and validate a profile file, then expand `${VAR}` references.
pub fn load_file(path: &Path) -> Result<Profile> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::from(ProfileError::Unreadable {
            path: path.to_path_buf(),
            source: e,
        })
    })?;
    let mut profile = parse(&text, &path.display().to_string())?;
    profile.expand_env(&path.display().to_string(), &|k| std::env::var(k).ok())?;
    profile.validate(&path.display().to_string())?;
    Ok(profile)
}
