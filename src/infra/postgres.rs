//! A local PostgreSQL for the stack: found on this machine, `initdb` on first use,
//! started with `wal_level=logical` so change data capture works. PostgreSQL refuses to
//! run as root, so when livedbctl is root the server runs as an unprivileged OS user.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use std::io::Write;

use crate::infra::process::{self, command_as, is_root, run_logged_into, Ownership, PidRecord};
use crate::infra::tree::{self, Dir, Open};
use crate::infra::InfraError;
use crate::settings::Settings;

/// Replication room for change data capture (slots and WAL senders).
pub const MAX_REPLICATION_SLOTS: u32 = 20;

pub fn service_dir(s: &Settings) -> PathBuf {
    s.infra.state_dir.join("postgres")
}

/// Where data and log live: the service dir, unless a root run had to move them to a
/// place the server's OS user can reach (recorded in `location`, trusted only as root's
/// own plain file: [`tree::read_own`]).
pub fn data_root(s: &Settings) -> PathBuf {
    recorded_location(s).unwrap_or_else(|| service_dir(s))
}

fn location_file(s: &Settings) -> PathBuf {
    service_dir(s).join("location")
}

fn recorded_location(s: &Settings) -> Option<PathBuf> {
    match tree::read_own(&location_file(s)) {
        Ok(Some(p)) if !p.trim().is_empty() => Some(PathBuf::from(p.trim())),
        _ => None,
    }
}

/// The data root as a path only root controls (`base`) and the part below it that the
/// server's OS user may own (`rel`), walked without following links ([`tree::Dir`]).
struct DataRoot {
    base: PathBuf,
    rel: PathBuf,
}

impl DataRoot {
    /// The data root of `s`; `home` is the server user's home (the moved root is below it).
    fn of(s: &Settings, home: Option<&Path>) -> DataRoot {
        let root = data_root(s);
        match home.and_then(|h| Some((h, root.strip_prefix(h).ok()?))) {
            Some((h, rel)) if !rel.as_os_str().is_empty() => DataRoot {
                base: h.to_path_buf(),
                rel: rel.to_path_buf(),
            },
            _ => DataRoot {
                base: root,
                rel: PathBuf::new(),
            },
        }
    }

    fn open(&self, create: Option<u32>) -> std::io::Result<Dir> {
        Dir::open(&self.base, &self.rel, create)
    }
}

pub fn log_file(s: &Settings) -> PathBuf {
    data_root(s).join("postgres.log")
}

/// Directory holding `initdb` and `pg_ctl`.
pub fn find_bindir() -> Option<PathBuf> {
    let has_both = |d: &Path| {
        d.join(process::exe("initdb")).is_file() && d.join(process::exe("pg_ctl")).is_file()
    };
    if let Ok(p) = which::which("pg_ctl") {
        let real = std::fs::canonicalize(&p).unwrap_or(p);
        if let Some(d) = real.parent().filter(|d| has_both(d)) {
            return Some(d.to_path_buf());
        }
    }
    if let Ok(out) = duct::cmd!("pg_config", "--bindir").stderr_null().read() {
        let d = PathBuf::from(out);
        if has_both(&d) {
            return Some(d);
        }
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    for pattern_dir in [
        "/usr/lib/postgresql",
        "/opt/homebrew/opt",
        "/usr/local/opt",
        "C:\\Program Files\\PostgreSQL",
    ] {
        if let Ok(entries) = std::fs::read_dir(pattern_dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if pattern_dir.ends_with("opt") && !name.starts_with("postgresql") {
                    continue;
                }
                candidates.push(e.path().join("bin"));
            }
        }
    }
    candidates.push(PathBuf::from("/usr/local/pgsql/bin"));
    // Highest version first ("17" > "15"; "postgresql@16" > "postgresql@14").
    candidates.sort_by_key(|p| std::cmp::Reverse(version_key(p)));
    candidates.into_iter().find(|d| has_both(d))
}

fn version_key(p: &Path) -> u32 {
    p.parent()
        .and_then(|d| d.file_name())
        .map(|n| {
            n.to_string_lossy()
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
        })
        .and_then(|d| d.parse().ok())
        .unwrap_or(0)
}

fn os_user(s: &Settings) -> Option<&str> {
    is_root().then_some(s.infra.postgres_os_user.as_str())
}

#[cfg(unix)]
fn user_ids(user: &str) -> Result<(u32, u32, PathBuf)> {
    // getpwnam_r underneath: safe on a multi-threaded runtime, unlike getpwnam.
    let found = nix::unistd::User::from_name(user)
        .map_err(|e| Error::config(format!("cannot look up the OS user `{user}`: {e}")))?;
    let Some(pw) = found else {
        return Err(InfraError::NoOsUser(user.to_string()).into());
    };
    Ok((pw.uid.as_raw(), pw.gid.as_raw(), pw.dir))
}

/// The server's OS user's ids, when livedbctl is root (`None`: nothing is handed over).
fn owner_ids(s: &Settings) -> Result<Option<(u32, u32, PathBuf)>> {
    os_user(s).map(user_ids).transpose()
}

fn io_error(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    crate::infra::file_error(what, path)
}

/// As root: can `user` create files in `dir`?
fn user_can_write(user: &str, dir: &Path) -> bool {
    duct::cmd!("runuser", "-u", user, "--", "test", "-w", dir)
        .unchecked()
        .run()
        .is_ok_and(|o| o.status.success())
}

/// Make the data root exist and belong to the server's OS user; returns it open.
///
/// As root, the service dir (with livedbctl's records: the pid record, `location`) stays
/// root's: older versions gave it to the server's user, and it is taken back. Only the
/// data directory and the log inside it are that user's, or, when that user cannot reach
/// the state directory, a directory in its home recorded in `location`.
fn prepare_root(s: &Settings) -> Result<Dir> {
    let dir = service_dir(s);
    process::create_dir(&dir)?;
    let Some((uid, gid, home)) = owner_ids(s)? else {
        let root = data_root(s);
        process::create_dir(&root)?;
        return Dir::open(&root, Path::new(""), None).map_err(io_error("open", &root));
    };
    let user = os_user(s).unwrap_or_default();
    reclaim(&dir)?;
    if recorded_location(s).is_some() {
        let root = DataRoot::of(s, Some(&home));
        if root.rel.as_os_str().is_empty() {
            // Recorded by root, outside the user's home: root's path, handed over as a whole.
            let d = root.open(None).map_err(io_error("open", &root.base))?;
            d.chown(uid, gid).map_err(io_error("hand over", d.path()))?;
            return Ok(d);
        }
        return home_root(&home, &root.rel, uid, gid);
    }
    let service = Dir::open(&dir, Path::new(""), None).map_err(io_error("open", &dir))?;
    let data = service
        .sub("data", Some(0o700))
        .map_err(io_error("create", &dir.join("data")))?;
    data.chown(uid, gid)
        .map_err(io_error("hand over", data.path()))?;
    if user_can_write(user, data.path()) {
        return Ok(service);
    }
    // The state directory sits below a directory the OS user cannot enter (e.g. /root):
    // keep the server's files in that user's home instead, and remember where.
    let _ = std::fs::remove_dir(dir.join("data"));
    let tag: String = dir
        .display()
        .to_string()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let rel = Path::new("livedbctl").join(tag.trim_matches('_'));
    let alt = home_root(&home, &rel, uid, gid)?;
    if !user_can_write(user, alt.path()) {
        return Err(InfraError::UserCannotWrite {
            user: user.to_string(),
            dir: dir.to_path_buf(),
            alt: alt.path().to_path_buf(),
        }
        .into());
    }
    let location = location_file(s);
    tree::write_own(&location, &alt.path().display().to_string(), 0o644)
        .map_err(|e| Error::runtime(format!("cannot record the data location: {e}")))?;
    Ok(alt)
}

/// `rel` below the server user's home, each directory created when missing and handed to
/// the user; a link on the way is refused, not followed.
fn home_root(home: &Path, rel: &Path, uid: u32, gid: u32) -> Result<Dir> {
    let mut d = Dir::open(home, Path::new(""), None).map_err(io_error("open", home))?;
    for c in rel.components() {
        let next = d
            .sub(c.as_os_str(), Some(0o755))
            .map_err(io_error("create", &d.path().join(c)))?;
        next.chown(uid, gid)
            .map_err(io_error("hand over", next.path()))?;
        d = next;
    }
    Ok(d)
}

/// As root: make the service dir root's again (older versions gave it to the server's OS
/// user, who could then plant pid records and `location` files in it).
fn reclaim(dir: &Path) -> Result<()> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Ok(());
    };
    let d = Dir::open(parent, Path::new(""), None)
        .and_then(|p| p.sub(name, None))
        .map_err(io_error("open", dir))?;
    let me = nix::unistd::geteuid().as_raw();
    if d.owner().map_err(io_error("inspect", dir))? != me {
        d.chown(me, nix::unistd::getegid().as_raw())
            .map_err(io_error("take back", dir))?;
        d.chmod(0o755).map_err(io_error("take back", dir))?;
    }
    Ok(())
}

fn listen_address(host: &str) -> &str {
    match host {
        "0.0.0.0" => "*",
        h => h,
    }
}

/// Settings livedbctl owns, rewritten on every start so the profile's port is honoured.
fn write_conf(s: &Settings, data: &Dir, owner: Option<(u32, u32)>) -> Result<()> {
    let conf = format!(
        "# Written by livedbctl on every `infra up`; edit the profile, not this file.\n\
         listen_addresses = '{}'\n\
         port = {}\n\
         unix_socket_directories = ''\n\
         wal_level = logical\n\
         max_replication_slots = {MAX_REPLICATION_SLOTS}\n\
         max_wal_senders = {MAX_REPLICATION_SLOTS}\n",
        listen_address(&s.postgres.host),
        s.postgres.port
    );
    let path = data.path().join("livedbctl.conf");
    let mut f = data
        .file("livedbctl.conf", Open::New, 0o600)
        .map_err(io_error("write", &path))?;
    f.write_all(conf.as_bytes())
        .map_err(io_error("write", &path))?;
    if let Some((uid, gid)) = owner {
        tree::chown_file(&f, uid, gid).map_err(io_error("hand over", &path))?;
    }
    Ok(())
}

/// `initdb` when the data directory is new; then start the server (waits until it is up).
pub fn start_blocking(s: &Settings) -> Result<PidRecord> {
    let bindir = find_bindir().ok_or(InfraError::NoPostgres)?;
    let root_dir = prepare_root(s)?;
    let root = root_dir.path().to_path_buf();
    let data = root.join("data");
    let log = root.join("postgres.log");
    let user = os_user(s);
    let owner = owner_ids(s)?.map(|(u, g, _)| (u, g));
    let log_out = root_dir
        .file("postgres.log", Open::Append, 0o600)
        .map_err(io_error("create", &log))?;
    if let Some((uid, gid)) = owner {
        tree::chown_file(&log_out, uid, gid).map_err(io_error("hand over", &log))?;
    }
    let log_for = |what: &str| {
        log_out
            .try_clone()
            .map_err(|e| Error::runtime(format!("cannot open the log for {what}: {e}")))
    };
    let timeout = s.infra.start_timeout;

    let initialised = root_dir
        .sub("data", None)
        .and_then(|d| d.read("PG_VERSION"))
        .is_ok();
    if !initialised {
        let mut args = vec![
            "-D".to_string(),
            data.display().to_string(),
            "-U".into(),
            s.postgres.user.clone(),
            "-E".into(),
            "UTF8".into(),
            "--locale=C".into(),
        ];
        let pwfile = root.join(".initdb-pw");
        match &s.postgres.password {
            Some(pw) if !pw.is_empty() => {
                // 0600 from its creation: never readable by others, not even for a moment.
                let cannot = |e: std::io::Error| {
                    Error::runtime(format!("cannot write {}: {e}", pwfile.display()))
                };
                let mut f = root_dir
                    .file(".initdb-pw", Open::New, 0o600)
                    .map_err(cannot)?;
                f.write_all(pw.as_bytes()).map_err(cannot)?;
                if let Some((uid, gid)) = owner {
                    tree::chown_file(&f, uid, gid).map_err(io_error("hand over", &pwfile))?;
                }
                args.push(format!("--pwfile={}", pwfile.display()));
                args.push("--auth-host=scram-sha-256".into());
                args.push("--auth-local=trust".into());
            }
            _ => args.push("--auth=trust".into()),
        }
        let result = run_logged_into(
            command_as(user, &bindir.join(process::exe("initdb")), &args),
            &root,
            &log,
            log_for("initdb")?,
            "initdb",
            timeout.max(Duration::from_secs(120)),
        );
        let _ = root_dir.remove_file(".initdb-pw");
        result?;
        let main_conf = data.join("postgresql.conf");
        let mut f = root_dir
            .sub("data", None)
            .and_then(|d| d.file("postgresql.conf", Open::Append, 0o600))
            .map_err(io_error("update", &main_conf))?;
        f.write_all(b"\n# livedbctl: its own settings (port, wal_level, replication room)\ninclude_if_exists = 'livedbctl.conf'\n")
            .map_err(io_error("update", &main_conf))?;
    }
    let data_dir = root_dir
        .sub("data", None)
        .map_err(io_error("open", &data))?;
    write_conf(s, &data_dir, owner)?;

    let args = vec![
        "-D".to_string(),
        data.display().to_string(),
        "-l".into(),
        log.display().to_string(),
        "-w".into(),
        "-t".into(),
        timeout.as_secs().to_string(),
        "start".into(),
    ];
    run_logged_into(
        command_as(user, &bindir.join(process::exe("pg_ctl")), &args),
        &root,
        &log,
        log_for("pg_ctl start")?,
        "pg_ctl start",
        timeout + Duration::from_secs(5),
    )
    .map_err(|source| InfraError::PostgresStart {
        port: s.postgres.port,
        source,
    })?;

    // postmaster.pid is the server user's file: its pid is recorded (and signalled by
    // `infra down`) only when that user's process has it.
    let pid = postmaster_pid(&data_dir)
        .filter(|pid| owner.is_none_or(|(uid, _)| process_owner(*pid) == Some(uid)))
        .ok_or_else(|| InfraError::NoPostmasterPid { log: log.clone() })?;
    Ok(PidRecord {
        pid,
        engine: "postgresql".into(),
        address: s.postgres.address(),
        started_at: process::now_rfc3339(),
        log_file: log,
        data_dir: data,
        version: process::version_of(&bindir.join(process::exe("postgres")), "--version"),
        companions: Vec::new(),
        starts: Default::default(),
    })
}

fn postmaster_pid(data: &Dir) -> Option<u32> {
    data.read("postmaster.pid")
        .ok()?
        .lines()
        .next()?
        .trim()
        .parse()
        .ok()
}

/// The user id a process runs as (Linux: the owner of `/proc/PID`; elsewhere `ps`).
fn process_owner(pid: u32) -> Option<u32> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(format!("/proc/{pid}"))
            .ok()
            .map(|m| m.uid())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let out = std::process::Command::new("ps")
            .args(["-o", "uid=", "-p", &pid.to_string()])
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    }
}

/// `pg_ctl stop -m fast`: disconnect clients, checkpoint, stop.
pub fn stop_blocking(s: &Settings, rec: &PidRecord) -> Result<()> {
    let data = &rec.data_dir;
    let Some(bindir) = find_bindir() else {
        process::terminate(rec.pid, Duration::from_secs(60));
        return Ok(());
    };
    let args = vec![
        "-D".to_string(),
        data.display().to_string(),
        "-m".into(),
        "fast".into(),
        "-w".into(),
        "-t".into(),
        "60".into(),
        "stop".into(),
    ];
    let root = data.parent().unwrap_or(data).to_path_buf();
    let log = rec.log_file.clone();
    // The log is the server user's file, in its directory: opened through the data root,
    // never through a link (or, failing that, not written).
    let home = owner_ids(s).ok().flatten().map(|(_, _, h)| h);
    let out = DataRoot::of(s, home.as_deref())
        .open(None)
        .and_then(|d| d.file("postgres.log", Open::Append, 0o600))
        .or_else(|_| std::fs::OpenOptions::new().append(true).open("/dev/null"))
        .map_err(io_error("open log", &log))?;
    let result = run_logged_into(
        command_as(os_user(s), &bindir.join(process::exe("pg_ctl")), &args),
        &root,
        &log,
        out,
        "pg_ctl stop",
        Duration::from_secs(70),
    );
    if result.is_err() && process::is_alive(rec.pid) {
        process::terminate(rec.pid, Duration::from_secs(30));
    }
    // `pg_ctl stop -w` waits for `postmaster.pid` to go, and the postmaster removes it just
    // before it exits: wait for the process itself, so a stopped server is gone (under load
    // `infra down` saw it still running).
    let deadline = Instant::now() + Duration::from_secs(10);
    while process::ownership(rec, rec.pid) == Ownership::Ours && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// Create the profile's database on a server we can administer, if missing.
pub async fn ensure_database(s: &Settings) -> Result<bool> {
    let admin = crate::pg::connect_db(&s.postgres, Some("postgres")).await?;
    let exists = admin
        .query_opt(
            "SELECT 1 FROM pg_database WHERE datname = $1",
            &[&s.postgres.dbname],
        )
        .await
        .map_err(|e| crate::pg::query_error("looking up the database", e))?
        .is_some();
    if exists {
        return Ok(false);
    }
    admin
        .batch_execute(&format!(
            "CREATE DATABASE {}",
            crate::pg::ident(&s.postgres.dbname)
        ))
        .await
        .map_err(|e| {
            crate::pg::query_error(&format!("creating database `{}`", s.postgres.dbname), e)
        })?;
    Ok(true)
}
