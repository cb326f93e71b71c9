//! Files touched as root in a directory tree another OS user owns (the PostgreSQL data root
//! that the unprivileged server user owns), and livedbctl's own records.
//!
//! Whoever owns a directory can replace any name in it by a symbolic link (or a hard link
//! to a file elsewhere) at any moment. So inside such a tree nothing is reached by path:
//! a [`Dir`] is opened one component at a time with `O_NOFOLLOW` from a base whose path
//! only root controls, files are created with `O_NOFOLLOW` (or `O_EXCL`) in it, handed
//! over with `fchown` on the open descriptor, and a file that is a link or has a second
//! name is refused. livedbctl's own records (pid records, `location`) are trusted only
//! when they are plain files of the user livedbctl runs as ([`read_own`]), and written by
//! a rename, which replaces a planted link instead of following it ([`write_own`]).

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use nix::fcntl::{openat, OFlag};
use nix::sys::stat::{mkdirat, Mode};
use nix::unistd::{unlinkat, UnlinkatFlags};

/// A directory held open: what is done in it cannot be redirected by renaming the path
/// it was reached by.
pub struct Dir {
    fd: OwnedFd,
    path: PathBuf,
}

/// How [`Dir::file`] opens a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// A new file: whatever had the name (a file, a link) is removed first.
    New,
    /// Append, creating it when missing.
    Append,
}

fn dir_flags() -> OFlag {
    OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC
}

impl Dir {
    /// Open `base` (a path root controls: followed as given), then each component of `rel`
    /// without following a symbolic link, creating missing ones with `mode` when given.
    pub fn open(base: &Path, rel: &Path, create: Option<u32>) -> io::Result<Dir> {
        let fd = openat(
            nix::fcntl::AT_FDCWD,
            base,
            OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            Mode::empty(),
        )?;
        let mut dir = Dir {
            fd,
            path: base.to_path_buf(),
        };
        for c in rel.components() {
            match c {
                Component::Normal(name) => dir = dir.sub(name, create)?,
                Component::CurDir => {}
                _ => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("{} is not a plain relative path", rel.display()),
                    ))
                }
            }
        }
        Ok(dir)
    }

    /// The directory `name` in this one (never through a link), created with `mode` when
    /// missing and `create` is given.
    pub fn sub(&self, name: impl AsRef<OsStr>, create: Option<u32>) -> io::Result<Dir> {
        let name = name.as_ref();
        if let Some(mode) = create {
            match mkdirat(&self.fd, name, Mode::from_bits_truncate(mode as _)) {
                Ok(()) | Err(nix::errno::Errno::EEXIST) => {}
                Err(e) => return Err(self.error(name, e)),
            }
        }
        let fd =
            openat(&self.fd, name, dir_flags(), Mode::empty()).map_err(|e| self.error(name, e))?;
        Ok(Dir {
            fd,
            path: self.path.join(name),
        })
    }

    fn error(&self, name: &OsStr, e: nix::errno::Errno) -> io::Error {
        let path = self.path.join(name);
        match e {
            nix::errno::Errno::ELOOP | nix::errno::Errno::ENOTDIR => io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is a symbolic link or not a directory: not followed",
                    path.display()
                ),
            ),
            e => io::Error::new(
                io::Error::from(e).kind(),
                format!("{}: {e}", path.display()),
            ),
        }
    }

    /// The path this directory was reached by (for messages and for commands run as its
    /// owner).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Open the file `name` here, never through a link, and only when it has no other
    /// name (a hard link to a file elsewhere). New files get `mode`.
    pub fn file(&self, name: &str, how: Open, mode: u32) -> io::Result<File> {
        let mut flags = OFlag::O_WRONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC | OFlag::O_CREAT;
        match how {
            Open::New => {
                self.remove_file(name)?;
                flags |= OFlag::O_EXCL;
            }
            Open::Append => flags |= OFlag::O_APPEND,
        }
        let fd = openat(&self.fd, name, flags, Mode::from_bits_truncate(mode as _))
            .map_err(|e| self.error(OsStr::new(name), e))?;
        let file = File::from(fd);
        let meta = file.metadata()?;
        if !meta.is_file() || meta.nlink() != 1 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is not a plain file with one name: not written",
                    self.path.join(name).display()
                ),
            ));
        }
        Ok(file)
    }

    /// The text of the file `name` here, never through a link.
    pub fn read(&self, name: &str) -> io::Result<String> {
        let fd = openat(
            &self.fd,
            name,
            OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC | OFlag::O_NONBLOCK,
            Mode::empty(),
        )
        .map_err(|e| self.error(OsStr::new(name), e))?;
        let mut file = File::from(fd);
        if !file.metadata()?.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a plain file", self.path.join(name).display()),
            ));
        }
        let mut text = String::new();
        file.read_to_string(&mut text)?;
        Ok(text)
    }

    /// Remove the name `name` here (a link is removed, not followed); missing is fine.
    pub fn remove_file(&self, name: &str) -> io::Result<()> {
        match unlinkat(&self.fd, name, UnlinkatFlags::NoRemoveDir) {
            Ok(()) | Err(nix::errno::Errno::ENOENT) => Ok(()),
            Err(e) => Err(self.error(OsStr::new(name), e)),
        }
    }

    /// Give this directory to `uid:gid` (the open directory, not whatever its path names
    /// now).
    pub fn chown(&self, uid: u32, gid: u32) -> io::Result<()> {
        std::os::unix::fs::fchown(&self.fd, Some(uid), Some(gid))
    }

    /// Set this directory's permission bits.
    pub fn chmod(&self, mode: u32) -> io::Result<()> {
        let file = File::from(self.fd.try_clone()?);
        file.set_permissions(std::fs::Permissions::from_mode(mode))
    }

    pub fn owner(&self) -> io::Result<u32> {
        Ok(File::from(self.fd.try_clone()?).metadata()?.uid())
    }
}

/// Give an open file to `uid:gid`.
pub fn chown_file(file: &File, uid: u32, gid: u32) -> io::Result<()> {
    std::os::unix::fs::fchown(file, Some(uid), Some(gid))
}

fn euid() -> u32 {
    nix::unistd::geteuid().as_raw()
}

/// The text of one of livedbctl's own records, trusted only when it is a plain file (not
/// a link, one name) of the user livedbctl runs as. `Ok(None)` when missing; an error
/// says why a file that is there is not trusted.
pub fn read_own(path: &Path) -> io::Result<Option<String>> {
    let fd = match openat(
        nix::fcntl::AT_FDCWD,
        path,
        OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC | OFlag::O_NONBLOCK,
        Mode::empty(),
    ) {
        Ok(fd) => fd,
        Err(nix::errno::Errno::ENOENT) => return Ok(None),
        Err(nix::errno::Errno::ELOOP) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{} is a symbolic link", path.display()),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    let mut file = File::from(fd);
    let meta = file.metadata()?;
    if !meta.is_file() || meta.nlink() != 1 || meta.uid() != euid() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is not a plain file of user id {} (owner {}, {} names)",
                path.display(),
                euid(),
                meta.uid(),
                meta.nlink()
            ),
        ));
    }
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    Ok(Some(text))
}

/// Write one of livedbctl's own records: a new file beside it, renamed over it (a link
/// planted at its name is replaced, never followed).
pub fn write_own(path: &Path, text: &str, mode: u32) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = Dir::open(parent, Path::new(""), None)?;
    let tmp = format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id());
    let mut file = dir.file(&tmp, Open::New, mode)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    nix::fcntl::renameat(&dir.fd, tmp.as_str(), &dir.fd, name)?;
    Ok(())
}

/// Does only root control `path` as it resolves now: is every directory on the way owned
/// by root and closed to others' writes (or sticky, with the entry root's), and every link
/// on the way root's in such a directory? Then no one else can redirect it.
pub fn root_controls(path: &Path) -> bool {
    let Ok(abs) = std::path::absolute(path) else {
        return false;
    };
    let mut cur = PathBuf::from("/");
    for c in abs.components() {
        let Component::Normal(name) = c else {
            if matches!(c, Component::ParentDir) {
                return false;
            }
            continue;
        };
        let Ok(dir) = std::fs::metadata(&cur) else {
            return false;
        };
        let sticky = dir.mode() & 0o1000 != 0;
        if dir.uid() != 0 || (dir.mode() & 0o022 != 0 && !sticky) {
            return false;
        }
        let next = cur.join(name);
        let Ok(entry) = std::fs::symlink_metadata(&next) else {
            return false;
        };
        if entry.uid() != 0 {
            return false;
        }
        if entry.file_type().is_symlink() {
            // Root's link in a directory only root changes: where it points is root's
            // choice, but that place must be root's too.
            match std::fs::canonicalize(&next) {
                Ok(target) if root_controls_resolved(&target) => cur = target,
                _ => return false,
            }
        } else {
            cur = next;
        }
    }
    true
}

/// [`root_controls`] for a path without links (a canonical one).
fn root_controls_resolved(path: &Path) -> bool {
    let mut cur = PathBuf::from("/");
    for c in path.components() {
        let Component::Normal(name) = c else { continue };
        let (Ok(dir), Ok(entry)) = (
            std::fs::metadata(&cur),
            std::fs::symlink_metadata(cur.join(name)),
        ) else {
            return false;
        };
        let sticky = dir.mode() & 0o1000 != 0;
        if dir.uid() != 0 || (dir.mode() & 0o022 != 0 && !sticky) || entry.uid() != 0 {
            return false;
        }
        cur = cur.join(name);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("livedbctl-tree-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn links_on_the_way_or_at_the_name_are_not_followed() {
        let d = scratch("links");
        let outside = d.join("outside");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("precious"), "keep").unwrap();
        std::fs::create_dir(d.join("tree")).unwrap();
        std::os::unix::fs::symlink(&outside, d.join("tree/sub")).unwrap();
        std::os::unix::fs::symlink(outside.join("precious"), d.join("tree/file")).unwrap();

        assert!(Dir::open(&d, Path::new("tree/sub"), Some(0o700)).is_err());
        let tree = Dir::open(&d, Path::new("tree"), None).unwrap();
        assert!(tree.file("file", Open::Append, 0o600).is_err());
        assert!(tree.read("file").is_err());
        // A new file replaces the link, and the link's target is untouched.
        let mut f = tree.file("file", Open::New, 0o600).unwrap();
        f.write_all(b"mine").unwrap();
        assert_eq!(
            std::fs::read_to_string(outside.join("precious")).unwrap(),
            "keep"
        );
        assert_eq!(tree.read("file").unwrap(), "mine");
        assert_eq!(
            std::fs::metadata(d.join("tree/file")).unwrap().mode() & 0o777,
            0o600
        );
        // A second name (hard link) is refused for appending.
        std::fs::hard_link(outside.join("precious"), d.join("tree/hard")).unwrap();
        assert!(tree.file("hard", Open::Append, 0o600).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_record_is_trusted_only_as_a_plain_file_of_ours() {
        let d = scratch("records");
        let rec = d.join("rec.json");
        assert_eq!(read_own(&rec).unwrap(), None);
        write_own(&rec, "{}", 0o644).unwrap();
        assert_eq!(read_own(&rec).unwrap().as_deref(), Some("{}"));
        // A link planted at the name: not read, and replaced (not followed) by a write.
        std::fs::write(d.join("elsewhere"), "theirs").unwrap();
        std::fs::remove_file(&rec).unwrap();
        std::os::unix::fs::symlink(d.join("elsewhere"), &rec).unwrap();
        assert!(read_own(&rec).is_err());
        write_own(&rec, "{\"a\":1}", 0o644).unwrap();
        assert_eq!(
            std::fs::read_to_string(d.join("elsewhere")).unwrap(),
            "theirs"
        );
        assert_eq!(read_own(&rec).unwrap().as_deref(), Some("{\"a\":1}"));
        // A second name: not trusted.
        std::fs::hard_link(&rec, d.join("other")).unwrap();
        assert!(read_own(&rec).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
