//! `infra down --purge`: which directories go, and deleting them without following a link
//! another user could plant.

use std::path::PathBuf;

use super::{postgres, process, service_dir, tree, InfraError};
use crate::error::Result;
use crate::profile::ServiceName;
use crate::settings::Settings;

/// Directories `infra down --purge` deletes for a service (those that exist).
pub fn purge_targets(s: &Settings, svc: ServiceName) -> Vec<PathBuf> {
    let mut v = vec![service_dir(s, svc)];
    if svc == ServiceName::Postgres {
        let root = postgres::data_root(s);
        if root != service_dir(s, svc) {
            v.push(root);
        }
    }
    v.into_iter().filter(|p| p.exists()).collect()
}

/// Delete the directories `infra down --purge` chose. As root, a directory whose path
/// another user could redirect (the PostgreSQL user's data root in its home, or a service
/// dir an older version gave that user) is emptied as that user (`runuser ... rm -rf`), so
/// a link planted on the way reaches nothing that user could not delete anyway, and then
/// removed (empty, never through a link) when its parent is root's; one that
/// resolves to another user's files is left alone, with an error.
pub fn purge(s: &Settings, paths: &[PathBuf]) -> Result<()> {
    for p in paths {
        if !process::is_root() || tree::root_controls(p) {
            // std's remove_dir_all does not follow links inside the tree.
            std::fs::remove_dir_all(p).map_err(crate::infra::file_error("delete", p))?;
            continue;
        }
        use std::os::unix::fs::MetadataExt;
        let owner = std::fs::symlink_metadata(p)
            .map_err(crate::infra::file_error("inspect", p))?
            .uid();
        let user = &s.infra.postgres_os_user;
        let owner_is_user = nix::unistd::User::from_name(user)
            .ok()
            .flatten()
            .is_some_and(|u| u.uid.as_raw() == owner);
        if !owner_is_user {
            return Err(InfraError::NotPurged {
                path: p.clone(),
                user: user.clone(),
            }
            .into());
        }
        let out = std::process::Command::new(
            which::which("runuser").unwrap_or_else(|_| PathBuf::from("runuser")),
        )
        .args(["-u", user, "--", "rm", "-rf", "--"])
        .arg(p)
        .output()
        .map_err(crate::infra::file_error("delete", p))?;
        // The user cannot remove the (now empty) directory itself from a parent of root's.
        if p.parent().is_some_and(tree::root_controls) {
            let _ = std::fs::remove_dir(p);
        }
        if p.exists() {
            return Err(crate::infra::file_error("delete", p)(
                std::io::Error::other(format!(
                    "rm -rf as `{user}`: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                )),
            ));
        }
    }
    Ok(())
}
