//! A local PostgreSQL for the stack: found on this machine, `initdb` on first use,
//! started with `wal_level=logical` so change data capture works. PostgreSQL refuses to
//! run as root, so when livedbctl is root the server runs as an unprivileged OS user.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::infra::process::{self, command_as, is_root, run_logged, Ownership, PidRecord};
use crate::infra::InfraError;
use crate::settings::Settings;

/// Replication room for change data capture (slots and WAL senders).
pub const MAX_REPLICATION_SLOTS: u32 = 20;

pub fn service_dir(s: &Settings) -> PathBuf {
    s.infra.state_dir.join("postgres")
}

/// Where data and log live: the service dir, unless a root run had to move them to a
/// place the server's OS user can reach (recorded in `location`).
pub fn data_root(s: &Settings) -> PathBuf {
    let dir = service_dir(s);
    match std::fs::read_to_string(dir.join("location")) {
        Ok(p) if !p.trim().is_empty() => PathBuf::from(p.trim()),
        _ => dir,
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

#[cfg(unix)]
fn chown(path: &Path, user: &str) -> Result<()> {
    let (uid, gid, _) = user_ids(user)?;
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(|e| {
        Error::runtime(format!(
            "cannot hand {} to user `{user}`: {e}",
            path.display()
        ))
    })
}

#[cfg(not(unix))]
fn chown(_: &Path, _: &str) -> Result<()> {
    Ok(())
}

/// As root: can `user` create files in `dir`?
fn user_can_write(user: &str, dir: &Path) -> bool {
    duct::cmd!("runuser", "-u", user, "--", "test", "-w", dir)
        .unchecked()
        .run()
        .is_ok_and(|o| o.status.success())
}

/// Make the data root exist and belong to the server's OS user.
fn prepare_root(s: &Settings) -> Result<PathBuf> {
    let dir = service_dir(s);
    process::create_dir(&dir)?;
    let Some(user) = os_user(s) else {
        return Ok(data_root(s));
    };
    let root = data_root(s);
    if root != dir {
        process::create_dir(&root)?;
        chown(&root, user)?;
        return Ok(root);
    }
    chown(&dir, user)?;
    if user_can_write(user, &dir) {
        return Ok(dir);
    }
    // The state directory sits below a directory the OS user cannot enter (e.g. /root):
    // keep the server's files in that user's home instead, and remember where.
    #[cfg(unix)]
    {
        let (_, _, home) = user_ids(user)?;
        let tag: String = dir
            .display()
            .to_string()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let alt = home.join("livedbctl").join(tag.trim_matches('_'));
        process::create_dir(&alt)?;
        chown(&home.join("livedbctl"), user)?;
        chown(&alt, user)?;
        if !user_can_write(user, &alt) {
            return Err(InfraError::UserCannotWrite {
                user: user.to_string(),
                dir: dir.to_path_buf(),
                alt,
            }
            .into());
        }
        std::fs::write(dir.join("location"), alt.display().to_string())
            .map_err(|e| Error::runtime(format!("cannot record the data location: {e}")))?;
        Ok(alt)
    }
    #[cfg(not(unix))]
    Ok(dir)
}

fn listen_address(host: &str) -> &str {
    match host {
        "0.0.0.0" => "*",
        h => h,
    }
}

/// Settings livedbctl owns, rewritten on every start so the profile's port is honoured.
fn write_conf(s: &Settings, data: &Path) -> Result<()> {
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
    let path = data.join("livedbctl.conf");
    std::fs::write(&path, conf).map_err(crate::infra::file_error("write", &path))?;
    if let Some(u) = os_user(s) {
        chown(&path, u)?;
    }
    Ok(())
}

/// `initdb` when the data directory is new; then start the server (waits until it is up).
pub fn start_blocking(s: &Settings) -> Result<PidRecord> {
    let bindir = find_bindir().ok_or(InfraError::NoPostgres)?;
    let root = prepare_root(s)?;
    let data = root.join("data");
    let log = root.join("postgres.log");
    let user = os_user(s);
    if !log.exists() {
        std::fs::write(&log, "").map_err(crate::infra::file_error("create", &log))?;
    }
    if let Some(u) = user {
        chown(&log, u)?;
    }
    let timeout = s.infra.start_timeout;

    if !data.join("PG_VERSION").exists() {
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
                std::fs::write(&pwfile, pw).map_err(|e| {
                    Error::runtime(format!("cannot write {}: {e}", pwfile.display()))
                })?;
                if let Some(u) = user {
                    chown(&pwfile, u)?;
                }
                args.push(format!("--pwfile={}", pwfile.display()));
                args.push("--auth-host=scram-sha-256".into());
                args.push("--auth-local=trust".into());
            }
            _ => args.push("--auth=trust".into()),
        }
        let result = run_logged(
            command_as(user, &bindir.join(process::exe("initdb")), &args),
            &root,
            &log,
            "initdb",
            timeout.max(Duration::from_secs(120)),
        );
        let _ = std::fs::remove_file(&pwfile);
        result?;
        let main_conf = data.join("postgresql.conf");
        let mut text = std::fs::read_to_string(&main_conf).unwrap_or_default();
        text.push_str("\n# livedbctl: its own settings (port, wal_level, replication room)\ninclude_if_exists = 'livedbctl.conf'\n");
        std::fs::write(&main_conf, text).map_err(crate::infra::file_error("update", &main_conf))?;
    }
    write_conf(s, &data)?;

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
    run_logged(
        command_as(user, &bindir.join(process::exe("pg_ctl")), &args),
        &root,
        &log,
        "pg_ctl start",
        timeout + Duration::from_secs(5),
    )
    .map_err(|source| InfraError::PostgresStart {
        port: s.postgres.port,
        source,
    })?;

    let pid = read_postmaster_pid(&data)
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

pub fn read_postmaster_pid(data: &Path) -> Option<u32> {
    std::fs::read_to_string(data.join("postmaster.pid"))
        .ok()?
        .lines()
        .next()?
        .trim()
        .parse()
        .ok()
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
    let result = run_logged(
        command_as(os_user(s), &bindir.join(process::exe("pg_ctl")), &args),
        &root,
        &log,
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
