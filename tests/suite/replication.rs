//! `db replication check | setup` against real PostgreSQL servers: the shared stack
//! (wal_level=logical) and a private server restarted with wal_level=replica.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use std::process::Command;

use crate::harness::*;
use serde_json::Value;

fn find<'a>(checks: &'a Value, name: &str) -> &'a Value {
    checks["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name}: {checks}"))
}

#[test]
fn check_passes_on_a_ready_database_and_names_the_fix_for_tables() {
    let scope = stack().scope("repl_check");
    scope.psql("CREATE TABLE good (id int PRIMARY KEY); CREATE TABLE nokey (v int); CREATE TABLE full_ident (v int); ALTER TABLE full_ident REPLICA IDENTITY FULL;");
    let ok = scope
        .run(&[
            "-o",
            "json",
            "db",
            "replication",
            "check",
            "--table",
            "public.good",
            "--table",
            "full_ident",
        ])
        .ok()
        .json();
    assert_eq!(ok["ok"], true);
    assert_eq!(find(&ok, "wal_level")["status"], "pass");
    assert_eq!(find(&ok, "role")["status"], "pass");
    assert_eq!(find(&ok, "replication_slots")["status"], "pass");
    assert_eq!(find(&ok, "wal_senders")["status"], "pass");
    assert_eq!(find(&ok, "table:public.good")["status"], "pass");
    assert_eq!(find(&ok, "table:public.full_ident")["status"], "pass");

    // Every table by default: the one without a key fails, with the statement that fixes it.
    let bad = scope
        .run(&["-o", "json", "db", "replication", "check"])
        .code(1);
    let v = bad.json();
    assert_eq!(v["ok"], false);
    let t = find(&v, "table:public.nokey");
    assert_eq!(t["status"], "fail");
    assert!(
        t["fix"]
            .as_str()
            .unwrap()
            .contains("ALTER TABLE \"public\".\"nokey\" REPLICA IDENTITY FULL"),
        "{t}"
    );
    assert!(
        bad.stderr.contains("1 replication check failed"),
        "{}",
        bad.stderr
    );

    // Human form: a table with the fix.
    let h = scope.run(&["db", "replication", "check"]).code(1);
    assert!(
        h.stdout.contains("FAIL") && h.stdout.contains("REPLICA IDENTITY FULL"),
        "{}",
        h.stdout
    );
}

#[test]
fn setup_creates_role_grants_publication_and_replica_identity() {
    let scope = stack().scope("repl_setup");
    scope.psql("CREATE TABLE person (id int PRIMARY KEY, name text)");
    let args = [
        "-o",
        "json",
        "db",
        "replication",
        "setup",
        "--table",
        "public.person",
        "--role",
        "cdc_setup_role",
        "--publication",
        "setup_pub",
        "--replica-identity-full",
    ];
    // Without a terminal and --yes nothing happens.
    let mut c = scope.cmd(&args);
    c.env("CDC_PASSWORD", "s3cret-pw");
    run(c).code(2);
    assert_eq!(
        scope.psql("SELECT count(*) FROM pg_roles WHERE rolname = 'cdc_setup_role'"),
        "0"
    );

    let mut c = scope.cmd(&[&["--yes"][..], &args[..]].concat());
    c.env("CDC_PASSWORD", "s3cret-pw");
    let r = run(c).ok();
    assert!(
        !r.stdout.contains("s3cret-pw") && !r.stderr.contains("s3cret-pw"),
        "the password is never printed"
    );
    let v = r.json();
    assert_eq!(v["applied"], true);
    assert_eq!(v["restart_needed"].as_array().unwrap().len(), 0);
    assert_eq!(
        scope.psql(
            "SELECT rolreplication AND rolcanlogin FROM pg_roles WHERE rolname = 'cdc_setup_role'"
        ),
        "t"
    );
    assert_eq!(
        scope.psql("SELECT has_table_privilege('cdc_setup_role', 'public.person', 'SELECT')"),
        "t"
    );
    assert_eq!(scope.psql("SELECT string_agg(schemaname || '.' || tablename, ',') FROM pg_publication_tables WHERE pubname = 'setup_pub'"), "public.person");
    assert_eq!(
        scope.psql("SELECT relreplident FROM pg_class WHERE relname = 'person'"),
        "f"
    );
    // The role logs in with the password from the environment.
    let out = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &scope.stack.pg_port.to_string(),
            "-U",
            "cdc_setup_role",
            "-d",
            &scope.dbname,
            "-AtXc",
            "SELECT count(*) FROM person",
        ])
        .env("PGPASSWORD", "s3cret-pw")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Running it again alters instead of creating, and leaves the publication alone.
    let mut c = scope.cmd(&[&["--yes"][..], &args[..]].concat());
    c.env("CDC_PASSWORD", "s3cret-pw");
    let again = run(c).ok().json();
    let stmts: Vec<&str> = again["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        stmts[0].starts_with("ALTER ROLE \"cdc_setup_role\""),
        "{stmts:?}"
    );
    assert!(
        !stmts
            .iter()
            .any(|s| s.contains("PUBLICATION") || s.contains("REPLICA IDENTITY")),
        "{stmts:?}"
    );
    scope.psql("DROP OWNED BY cdc_setup_role; DROP ROLE cdc_setup_role");
}

/// A private PostgreSQL (started by `infra up --only postgres`), switched to
/// wal_level=replica with ALTER SYSTEM and restarted; stopped and purged on drop.
struct PrivatePg {
    dir: std::path::PathBuf,
    profile: std::path::PathBuf,
    port: u16,
}

impl PrivatePg {
    fn run(&self, args: &[&str]) -> Run {
        let mut c = livedbctl(&self.dir);
        c.arg("--config").arg(&self.profile).args(args);
        run(c)
    }
}

impl Drop for PrivatePg {
    fn drop(&mut self) {
        let _ = self.run(&["infra", "down", "--only", "postgres", "--purge", "--yes"]);
    }
}

#[test]
fn check_fails_on_wal_level_replica_with_the_fix() {
    let dir = temp_dir("walreplica");
    let port = free_port();
    let profile = dir.join("replica.yaml");
    std::fs::write(
        &profile,
        profile_yaml(
            port,
            free_port(),
            free_port(),
            "pw-replica",
            "livedb",
            "unused",
            &dir,
        ),
    )
    .unwrap();
    let pg = PrivatePg {
        dir: dir.to_path_buf(),
        profile,
        port,
    };
    pg.run(&[
        "infra",
        "up",
        "--only",
        "postgres",
        "--no-topics",
        "--no-migrate",
    ])
    .ok();
    let psql = |sql: &str| {
        let out = Command::new("psql")
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &pg.port.to_string(),
                "-U",
                PG_USER,
                "-d",
                "livedb",
                "-AtXc",
                sql,
            ])
            .env("PGPASSWORD", "pw-replica")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    // postgresql.auto.conf is read last, so it overrides the wal_level livedbctl writes.
    psql("ALTER SYSTEM SET wal_level = replica");
    pg.run(&["infra", "down", "--only", "postgres"]).ok();
    pg.run(&[
        "infra",
        "up",
        "--only",
        "postgres",
        "--no-topics",
        "--no-migrate",
    ])
    .ok();
    assert_eq!(psql("SHOW wal_level"), "replica");

    let r = pg
        .run(&["-o", "json", "db", "replication", "check"])
        .code(1);
    let v = r.json();
    let w = find(&v, "wal_level");
    assert_eq!(w["status"], "fail");
    assert_eq!(
        w["detail"],
        "wal_level = replica; logical decoding needs logical"
    );
    assert!(
        w["fix"]
            .as_str()
            .unwrap()
            .contains("ALTER SYSTEM SET wal_level = logical"),
        "{w}"
    );
    assert!(w["fix"].as_str().unwrap().contains("restart"), "{w}");

    // The engine refuses with the same advice instead of failing obscurely.
    psql("CREATE TABLE t (id int PRIMARY KEY)");
    let e = pg
        .run(&[
            "connector",
            "start",
            "c_replica",
            "--table",
            "t",
            "--until-idle",
        ])
        .code(1);
    assert!(e.stderr.contains("wal_level"), "{}", e.stderr);

    // setup prints what needs the restart.
    let s = pg
        .run(&[
            "-o",
            "json",
            "db",
            "replication",
            "setup",
            "--table",
            "t",
            "--dry-run",
        ])
        .ok()
        .json();
    assert!(
        s["restart_needed"][0]
            .as_str()
            .unwrap()
            .contains("wal_level must be logical"),
        "{s}"
    );
}
