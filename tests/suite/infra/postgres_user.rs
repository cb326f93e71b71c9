//! PostgreSQL run by livedbctl: as root under the `postgres` OS user, trusting nothing that
//! user could plant, and `initdb`'s password file private from its creation.

use std::process::Command;

use crate::harness::*;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// PostgreSQL refuses to run as root. As root, `infra up` runs it as the `postgres` OS
/// user, and when the state directory sits below a directory that user cannot enter
/// (such as /root), it keeps the server's files in that user's home instead.
#[test]
fn as_root_postgres_runs_unprivileged_even_from_a_private_directory() {
    if !is_root() {
        eprintln!("skipped: only meaningful when the tests run as root");
        return;
    }
    let dir = temp_dir("private");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let port = free_port();
    let profile = dir.join("private.yaml");
    std::fs::write(&profile, format!("postgres:\n  port: {port}\n  password: pw\ninfra:\n  services: [postgres]\n  state_dir: state\n")).unwrap();
    let cmd = |args: &[&str]| {
        let mut c = livedbctl(&dir);
        c.arg("--config").arg(&profile).args(args);
        run(c)
    };
    let up = cmd(&["-o", "json", "infra", "up"]).ok().json();
    let data_dir = up["services"][0]["data_dir"].as_str().unwrap().to_string();
    assert!(
        !data_dir.starts_with(dir.to_str().unwrap()),
        "data moved out of the private directory: {data_dir}"
    );
    let pid = up["services"][0]["pid"].as_u64().unwrap();
    let owner = Command::new("ps")
        .args(["-o", "user=", "-p", &pid.to_string()])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&owner.stdout).trim(), "postgres");
    let out = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "-U",
            "livedb",
            "-d",
            "livedb",
            "-AtXc",
            "SELECT count(*) FROM livedb",
        ])
        .env("PGPASSWORD", "pw")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // status and down find the moved data directory again.
    assert_eq!(
        cmd(&["-o", "json", "infra", "status"]).ok().json()["services"][0]["data_dir"],
        data_dir.as_str()
    );
    let down = cmd(&["-o", "json", "infra", "down", "--purge", "--yes"])
        .ok()
        .json();
    assert_eq!(down["services"][0]["state"], "stopped");
    assert!(!std::path::Path::new(&data_dir).exists(), "purged");
}

/// The uid and gid of the `postgres` OS user.
fn postgres_ids() -> (u32, u32) {
    let u = nix::unistd::User::from_name("postgres")
        .unwrap()
        .expect("the postgres OS user");
    (u.uid.as_raw(), u.gid.as_raw())
}

fn lchown_to(path: &std::path::Path, (uid, gid): (u32, u32)) {
    std::os::unix::fs::lchown(path, Some(uid), Some(gid)).unwrap();
}

/// What a file outside the server's tree looks like: (text, owner, mode).
fn looks(path: &std::path::Path) -> (String, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path).unwrap();
    (std::fs::read_to_string(path).unwrap(), m.uid(), m.mode())
}

/// As root, the `postgres` OS user owns the server's files and could plant links and
/// records among them. Nothing it plants is followed or trusted: a pid record naming
/// root's process is not signalled, a `location` naming root's directory is not purged,
/// a log or configuration file that is a link is not written through or handed over, and
/// the service dir (with livedbctl's records) is root's again.
#[test]
fn as_root_nothing_the_postgres_user_plants_is_followed_or_trusted() {
    use std::os::unix::fs::MetadataExt;
    if !is_root() {
        eprintln!("skipped: planting files as the postgres user needs root");
        return;
    }
    let pg = postgres_ids();
    let dir = temp_dir("planted");
    let port = free_port();
    let profile = dir.join("planted.yaml");
    std::fs::write(&profile, format!("postgres:\n  port: {port}\n  password: pw\ninfra:\n  services: [postgres]\n  state_dir: state\n")).unwrap();
    let cmd = |args: &[&str]| {
        let mut c = livedbctl(&dir);
        c.arg("--config").arg(&profile).args(args);
        std::os::unix::process::CommandExt::process_group(&mut c, 0);
        run(c)
    };
    // Root's things outside the server's tree.
    let outside = dir.join("outside");
    let precious = outside.join("precious");
    let kept_dir = outside.join("kept");
    std::fs::create_dir_all(&kept_dir).unwrap();
    std::fs::write(&precious, "root's\n").unwrap();
    std::fs::write(kept_dir.join("file"), "kept\n").unwrap();
    let before = looks(&precious);
    let mut bystander = Command::new("sleep").arg("600").spawn().unwrap();
    let pid = bystander.id();

    // An older livedbctl gave the service dir to postgres, which planted a record naming
    // root's process with its true start, a location naming root's directory, and a log
    // that links to root's file.
    let service = dir.join("state/postgres");
    std::fs::create_dir_all(&service).unwrap();
    lchown_to(&service, pg);
    let start =
        serde_json::to_string(&livedbctl::infra::process::process_start(pid).unwrap()).unwrap();
    let record = service.join("livedbctl.pid.json");
    std::fs::write(
        &record,
        format!(
            r#"{{"pid": {pid}, "engine": "postgresql", "address": "127.0.0.1:{port}", "started_at": "2020-01-01T00:00:00Z",
                "log_file": "{log}", "data_dir": "{data}", "companions": [], "starts": {{"{pid}": {start}}}}}"#,
            log = precious.display(),
            data = kept_dir.display(),
        ),
    )
    .unwrap();
    lchown_to(&record, pg);
    std::fs::write(service.join("location"), kept_dir.display().to_string()).unwrap();
    lchown_to(&service.join("location"), pg);
    std::os::unix::fs::symlink(&precious, service.join("postgres.log")).unwrap();
    lchown_to(&service.join("postgres.log"), pg);

    let status = cmd(&["-o", "json", "infra", "status"]).ok().json();
    assert_ne!(status["services"][0]["pid"], pid, "{status}");
    cmd(&["-o", "json", "infra", "down", "--purge", "--yes"]).ok();
    assert!(
        bystander.try_wait().unwrap().is_none(),
        "root's process under the planted record was signalled"
    );
    assert!(
        kept_dir.join("file").exists(),
        "root's directory named by the planted location was deleted"
    );
    assert_eq!(looks(&precious), before);
    assert!(!service.exists(), "the service dir is purged");

    // A fresh start: the service dir and the records in it are root's.
    cmd(&["infra", "up"]).ok();
    let meta = std::fs::symlink_metadata(&service).unwrap();
    assert_eq!((meta.uid(), meta.mode() & 0o777), (0, 0o755));
    assert_eq!(std::fs::symlink_metadata(&record).unwrap().uid(), 0);
    let data = service.join("data");
    assert_eq!(std::fs::symlink_metadata(&data).unwrap().uid(), pg.0);

    // The server's user replaces the configuration livedbctl rewrites on every start by a
    // link to root's file; the next start writes a file of its own instead, and the linked
    // file keeps its text, owner and mode.
    cmd(&["infra", "down"]).ok();
    let conf = data.join("livedbctl.conf");
    std::fs::remove_file(&conf).unwrap();
    std::os::unix::fs::symlink(&precious, &conf).unwrap();
    lchown_to(&conf, pg);
    // And an older livedbctl's layout once more: the service dir is the user's.
    lchown_to(&service, pg);
    cmd(&["infra", "up"]).ok();
    assert_eq!(looks(&precious), before);
    let conf_meta = std::fs::symlink_metadata(&conf).unwrap();
    assert!(
        conf_meta.is_file() && conf_meta.uid() == pg.0,
        "{conf_meta:?}"
    );
    assert!(std::fs::read_to_string(&conf)
        .unwrap()
        .contains(&format!("port = {port}")));
    assert_eq!(
        std::fs::symlink_metadata(&service).unwrap().uid(),
        0,
        "taken back"
    );

    cmd(&["infra", "down", "--purge", "--yes"]).ok();
    assert_eq!(looks(&precious), before);
    assert!(kept_dir.join("file").exists());
    assert!(bystander.try_wait().unwrap().is_none());
    bystander.kill().unwrap();
    let _ = bystander.wait();
}

/// The password file `initdb` reads is 0600 from the moment it exists: a stand-in
/// `initdb` reports the mode it finds (and fails, so nothing else runs).
#[test]
fn the_initdb_password_file_is_private_from_its_creation() {
    let dir = temp_dir("pwfile");
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = |name: &str, body: &str| {
        use std::os::unix::fs::PermissionsExt;
        let p = bin.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    };
    script(
        "initdb",
        r#"for a in "$@"; do case "$a" in --pwfile=*) f="${a#--pwfile=}"; echo "pwfile mode $(stat -c %a "$f") text $(cat "$f")";; esac; done; exit 3"#,
    );
    script("pg_ctl", "exit 3");
    let port = free_port();
    let profile = dir.join("pw.yaml");
    std::fs::write(&profile, format!("postgres:\n  port: {port}\n  password: s3cret-pw\ninfra:\n  services: [postgres]\n  state_dir: state\n")).unwrap();
    let mut c = livedbctl(&dir);
    c.env("PATH", format!("{}:{}", bin.display(), test_path()))
        .arg("--config")
        .arg(&profile)
        .args(["infra", "up"]);
    let r = run(c).code(1);
    assert!(
        r.stderr.contains("pwfile mode 600 text s3cret-pw"),
        "{}",
        r.stderr
    );
    // And it is gone afterwards.
    assert!(!dir.join("state/postgres/.initdb-pw").exists());
}
