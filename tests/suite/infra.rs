//! `infra up | status | down | logs` against real PostgreSQL, tansu and Redis, checked
//! with psql, redis-cli and an independent Kafka client.

use std::process::{Command, Stdio};

use crate::harness::snapshot::shown;
use crate::harness::*;

#[test]
fn stack_comes_up_with_topics_and_schema() {
    let stack = stack();
    let scope = stack.scope("infra_up");
    // What infra up made is there, seen by independent clients.
    assert_eq!(scope.psql("SHOW wal_level"), "logical");
    assert_eq!(
        scope.psql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema='public'"),
        "",
        "a fresh scope database has no tables until migrated"
    );
    let topics = scope.kafka_tool(&["topics"]).ok().json();
    assert_eq!(topics["db_live_events"], 3, "{topics}");
    assert_eq!(scope.redis_cli(&["PING"]), "PONG");

    // A second `up` on the scope's profile reuses everything and is idempotent; it
    // creates the scope's topic and applies the schema to the scope's database.
    let r = scope.run(&["-o", "json", "infra", "up"]).ok().json();
    let states: Vec<&str> = r["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["running", "running", "running"], "{r}");
    assert!(r["services"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["started_by_livedbctl"] == true));
    assert_eq!(r["topics"][0]["name"], scope.topic.as_str());
    assert_eq!(r["topics"][0]["status"], "created");
    assert_eq!(r["migrations"]["applied"][0], "0001_livedb.sql");
    assert_eq!(
        scope.psql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema='public'"),
        "livedb,livedbctl_migrations,producer_offsets"
    );
    assert_eq!(scope.kafka_tool(&["topics"]).ok().json()[&scope.topic], 3);

    let again = scope.run(&["-o", "json", "infra", "up"]).ok().json();
    assert_eq!(again["topics"][0]["status"], "exists");
    assert_eq!(again["migrations"]["applied"].as_array().unwrap().len(), 0);
    let first_run = r["migrations"]["applied"].as_array().unwrap().len();
    assert!(first_run >= 1);
    assert_eq!(again["migrations"]["already_applied"], first_run as u64);
}

#[test]
fn status_reports_every_service() {
    let scope = stack().scope("infra_status");
    let r = scope
        .run(&["-o", "json", "infra", "status", "--check"])
        .ok()
        .json();
    let services = r["services"].as_array().unwrap();
    assert_eq!(services.len(), 3);
    for s in services {
        assert_eq!(s["state"], "running", "{s}");
        assert!(s["pid"].as_u64().unwrap() > 0);
        assert!(s["address"].as_str().unwrap().starts_with("127.0.0.1:"));
    }
    assert!(
        services[0]["version"].as_str().unwrap().starts_with("15")
            || services[0]["version"]
                .as_str()
                .unwrap()
                .chars()
                .next()
                .unwrap()
                .is_ascii_digit()
    );
    assert_eq!(services[1]["engine"], "tansu");

    let human = scope.run(&["infra", "status"]).ok();
    for word in ["postgres", "kafka", "redis", "running"] {
        assert!(human.stdout.contains(word), "{}", human.stdout);
    }
    // Logs of a started service are readable.
    let logs = scope.run(&["infra", "logs", "postgres", "-n", "5"]).ok();
    assert!(!logs.stdout.trim().is_empty());
}

#[test]
fn reuses_a_server_it_did_not_start_and_never_stops_it() {
    let dir = temp_dir("reuse");
    let port = free_port();
    let mut redis = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
        ])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(
        "the hand-started redis-server to listen",
        std::time::Duration::from_secs(60),
        || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(),
    );
    let profile = dir.join("reuse.yaml");
    std::fs::write(
        &profile,
        format!("redis:\n  url: redis://127.0.0.1:{port}\ninfra:\n  services: [redis]\n  state_dir: {}\n", dir.join("state").display()),
    )
    .unwrap();
    let cmd = |args: &[&str]| {
        let mut c = livedbctl(&dir);
        c.arg("--config").arg(&profile).args(args);
        run(c)
    };
    let up = cmd(&["-o", "json", "infra", "up"]).ok().json();
    assert_eq!(up["services"][0]["state"], "reused");
    assert_eq!(up["services"][0]["started_by_livedbctl"], false);
    assert_eq!(
        cmd(&["-o", "json", "infra", "status"]).ok().json()["services"][0]["state"],
        "external"
    );
    let down = cmd(&["-o", "json", "infra", "down"]).ok().json();
    assert_eq!(down["services"][0]["state"], "left-running");
    insta::assert_snapshot!("infra_down_reused", shown(&cmd(&["infra", "down"]).ok()));
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(),
        "infra down must not stop a reused server"
    );
    assert!(redis.try_wait().unwrap().is_none());
    redis.kill().unwrap();
    let _ = redis.wait();
    // Nothing answers now: status says stopped, --check fails with exit 1, logs are absent.
    assert_eq!(
        cmd(&["-o", "json", "infra", "status"]).ok().json()["services"][0]["state"],
        "stopped"
    );
    cmd(&["infra", "status", "--check"]).code(1);
    let logs = cmd(&["infra", "logs", "redis"]).code(1);
    assert!(logs.stderr.contains("no log"), "{}", logs.stderr);
    insta::assert_snapshot!("infra_logs_none", shown(&logs));
}

#[test]
fn starts_stops_and_purges_its_own_services() {
    let dir = temp_dir("own");
    let (pg, redis) = (free_port(), free_port());
    let profile = dir.join("own.yaml");
    std::fs::write(
        &profile,
        format!(
            "postgres:\n  port: {pg}\n  password: pw\nredis:\n  url: redis://127.0.0.1:{redis}\ninfra:\n  services: [postgres, redis]\n  state_dir: state\n"
        ),
    )
    .unwrap();
    let cmd = |args: &[&str]| {
        let mut c = livedbctl(&dir);
        c.arg("--config").arg(&profile).args(args);
        run(c)
    };
    let up = cmd(&["-o", "json", "infra", "up", "--only", "redis"])
        .ok()
        .json();
    assert_eq!(
        up["services"].as_array().unwrap().len(),
        1,
        "--only limits the services"
    );
    assert_eq!(up["services"][0]["state"], "started");
    let up = cmd(&["-o", "json", "infra", "up"]).ok().json();
    assert_eq!(up["services"][0]["state"], "started");
    assert_eq!(up["services"][1]["state"], "running");
    let pg_pid = up["services"][0]["pid"].as_u64().unwrap();
    assert!(
        dir.join("state/postgres").exists(),
        "state_dir is relative to the profile file"
    );

    // --purge without a terminal and without --yes refuses, and stops nothing.
    let refused = cmd(&["infra", "down", "--purge"]).code(2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert!(std::net::TcpStream::connect(("127.0.0.1", redis)).is_ok());

    let down = cmd(&["-o", "json", "infra", "down", "--purge", "--yes"])
        .ok()
        .json();
    assert_eq!(down["services"][0]["state"], "stopped");
    assert_eq!(down["services"][1]["state"], "stopped");
    assert!(std::net::TcpStream::connect(("127.0.0.1", redis)).is_err());
    assert!(std::net::TcpStream::connect(("127.0.0.1", pg)).is_err());
    let stat = std::fs::read_to_string(format!("/proc/{pg_pid}/stat")).unwrap_or_default();
    assert!(
        stat.is_empty()
            || stat
                .rsplit_once(')')
                .unwrap()
                .1
                .trim_start()
                .starts_with('Z'),
        "postmaster still runs: {stat}"
    );
    assert!(!dir.join("state/postgres").exists() && !dir.join("state/redis").exists());
    let again = cmd(&["-o", "json", "infra", "down"]).ok().json();
    assert_eq!(again["services"][0]["state"], "not-running");

    // What a user sees of `down` and of `logs`: Redis alone started again, then stopped.
    cmd(&["infra", "up", "--only", "redis"]).ok();
    let logs = cmd(&["infra", "logs", "redis", "-n", "1"]).ok();
    assert_eq!(logs.stdout.lines().count(), 1, "{}", logs.stdout);
    insta::assert_snapshot!("infra_down", shown(&cmd(&["infra", "down"]).ok()));
}

#[test]
fn a_server_that_cannot_start_fails_with_its_log() {
    let dir = temp_dir("fail");
    // Occupy the port with something that is not Redis.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let profile = dir.join("fail.yaml");
    std::fs::write(&profile, format!("redis:\n  url: redis://127.0.0.1:{port}\ninfra:\n  services: [redis]\n  state_dir: state\n  start_timeout_secs: 5\n")).unwrap();
    let mut c = livedbctl(&dir);
    c.arg("--config").arg(&profile).args(["infra", "up"]);
    let r = run(c).code(1);
    assert!(
        r.stderr.contains(&format!("127.0.0.1:{port}")),
        "{}",
        r.stderr
    );
    drop(listener);
}

#[test]
fn unreachable_remote_service_is_a_clear_error() {
    let dir = temp_dir("remote");
    let profile = dir.join("remote.yaml");
    // `.invalid` never resolves: no traffic leaves the machine.
    std::fs::write(
        &profile,
        "kafka:\n  brokers: broker.invalid:9092\ninfra:\n  services: [kafka]\n  state_dir: state\n",
    )
    .unwrap();
    let mut c = livedbctl(&dir);
    c.arg("--config").arg(&profile).args(["infra", "up"]);
    let r = run(c).code(1);
    assert!(r.stderr.contains("broker.invalid:9092"), "{}", r.stderr);
    assert!(r.stderr.contains("not this machine"), "{}", r.stderr);
}

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

#[test]
fn human_status_table_snapshot() {
    let scope = stack().scope("infra_snapshot");
    let out = scope.run(&["infra", "status"]).ok().stdout;
    insta::assert_snapshot!(crate::harness::snapshot::redact(&out), @r"
    | service | state | address | version | pid | started by livedbctl |
    |---|---|---|---|---|---|
    | postgres | running | 127.0.0.1:[PORT] | [VERSION] | [PID] | yes |
    | kafka | running | 127.0.0.1:[PORT] | [VERSION] | [PID] | yes |
    | redis | running | 127.0.0.1:[PORT] | [VERSION] | [PID] | yes |
    ");
}

/// A pid record under `dir/state/redis` naming `pid`, with `starts` as given (JSON).
fn forge_redis_record(dir: &std::path::Path, pid: &str, starts: &str) {
    let service = dir.join("state/redis");
    std::fs::create_dir_all(&service).unwrap();
    std::fs::write(
        service.join("livedbctl.pid.json"),
        format!(
            r#"{{"pid": {pid}, "engine": "redis", "address": "127.0.0.1:1", "started_at": "2020-01-01T00:00:00Z",
                "log_file": "{log}", "data_dir": "{data}", "companions": [], "starts": {starts}}}"#,
            log = service.join("redis.log").display(),
            data = service.join("data").display(),
        ),
    )
    .unwrap();
}

#[test]
fn infra_down_never_signals_a_pid_that_is_no_longer_the_process_it_started() {
    let dir = temp_dir("stale");
    let port = free_port();
    let profile = dir.join("stale.yaml");
    std::fs::write(
        &profile,
        format!("redis:\n  url: redis://127.0.0.1:{port}\ninfra:\n  services: [redis]\n  state_dir: state\n"),
    )
    .unwrap();
    let cmd = |args: &[&str]| {
        let mut c = livedbctl(&dir);
        c.arg("--config").arg(&profile).args(args);
        // Its own process group: if pid 0 were ever signalled, only livedbctl would go.
        std::os::unix::process::CommandExt::process_group(&mut c, 0);
        run(c)
    };
    // A process that happens to hold the recorded pid later (after a reboot, say).
    let mut bystander = Command::new("sleep").arg("600").spawn().unwrap();
    let pid = bystander.id().to_string();
    let cases = [
        // Recorded with a start time and boot that are not the bystander's.
        (
            pid.as_str(),
            format!(r#"{{"{pid}": {{"start_ticks": 1, "boot_id": "an-earlier-boot"}}}}"#),
        ),
        // Written by an older livedbctl (no start): the command line does not name the data.
        (pid.as_str(), "{}".to_string()),
        // Pid 0 is the caller's own process group.
        ("0", "{}".to_string()),
    ];
    for (recorded, starts) in &cases {
        forge_redis_record(&dir, recorded, starts);
        let status = cmd(&["-o", "json", "infra", "status"]).ok().json();
        assert_eq!(status["services"][0]["state"], "stopped", "{status}");
        let down = cmd(&["-o", "json", "infra", "down"]).ok().json();
        assert_eq!(down["services"][0]["state"], "stale-record", "{down}");
        assert!(
            down["services"][0]["detail"]
                .as_str()
                .unwrap()
                .contains("not signalled"),
            "{down}"
        );
        assert!(
            bystander.try_wait().unwrap().is_none(),
            "the process under a forged record was signalled ({recorded}, {starts})"
        );
        assert!(!dir.join("state/redis/livedbctl.pid.json").exists());
    }
    // With a stale record, `infra up` starts its own server and `down` stops only that.
    forge_redis_record(&dir, &pid, "{}");
    let up = cmd(&["-o", "json", "infra", "up"]).ok().json();
    assert_eq!(up["services"][0]["state"], "started", "{up}");
    let own = up["services"][0]["pid"].as_u64().unwrap();
    assert_ne!(own.to_string(), pid);
    let down = cmd(&["-o", "json", "infra", "down"]).ok().json();
    assert_eq!(down["services"][0]["state"], "stopped", "{down}");
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
    assert!(bystander.try_wait().unwrap().is_none());
    bystander.kill().unwrap();
    let _ = bystander.wait();
}

#[test]
fn a_port_taken_by_another_program_is_named_and_nothing_starts_on_top() {
    let dir = temp_dir("taken");
    let (pg, kafka, redis) = (free_port(), free_port(), free_port());
    let profile = dir.join("taken.yaml");
    std::fs::write(
        &profile,
        format!(
            "postgres:\n  port: {pg}\n  password: pw\nkafka:\n  brokers: 127.0.0.1:{kafka}\nredis:\n  url: redis://127.0.0.1:{redis}\n\
             infra:\n  state_dir: state\n  kafka_engine: tansu\n  start_timeout_secs: 60\n"
        ),
    )
    .unwrap();
    for (service, port) in [("postgres", pg), ("kafka", kafka), ("redis", redis)] {
        // A program that accepts connections and never speaks the service's protocol.
        let mut squatter = Command::new("python3")
            .args([
                "-c",
                "import socket, sys, time\n\
                 s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n\
                 s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(64); time.sleep(600)",
                &port.to_string(),
            ])
            .spawn()
            .unwrap();
        wait_for(
            "the squatter to listen",
            std::time::Duration::from_secs(60),
            || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(),
        );
        let mut c = livedbctl(&dir);
        c.arg("--config")
            .arg(&profile)
            .args(["infra", "up", "--only", service]);
        let r = run(c).code(1);
        let expected = format!(
            "something listens on 127.0.0.1:{port} (`python3`, pid {}) but does not answer as {service}",
            squatter.id()
        );
        assert!(r.stderr.contains(&expected), "{service}: {}", r.stderr);
        assert!(r.stderr.contains("nothing was started"), "{}", r.stderr);
        assert!(
            !dir.join(format!("state/{service}/livedbctl.pid.json"))
                .exists(),
            "{service}: a server was started on a taken port"
        );
        squatter.kill().unwrap();
        let _ = squatter.wait();
    }
}

#[test]
fn infra_up_status_logs_and_down_cover_a_local_flink_cluster() {
    // `infra up` of a profile whose services are [flink] (the harness does it).
    let cluster = crate::harness::flink::Flink::start("infra_flink");
    let (dir, profile) = (&cluster.dir, &cluster.infra_profile);
    let cmd = |args: &[&str]| {
        let mut c = livedbctl(dir);
        c.arg("--config").arg(profile).args(args);
        run(c)
    };
    // Flink itself, asked without livedbctl: a taskmanager registered its slots.
    let overview: serde_json::Value =
        serde_json::from_str(&cluster.get("/overview").expect("Flink answers")).unwrap();
    assert_eq!(overview["taskmanagers"], 1, "{overview}");
    assert_eq!(overview["slots-total"], 2, "{overview}");

    // Its configuration, pid files and temp folders are in the state directory.
    let state = dir.join("state/flink");
    let config = std::fs::read_to_string(state.join("conf/config.yaml")).unwrap();
    for line in [
        format!("rest.port: {}", cluster.rest_port),
        "rest.bind-address: 127.0.0.1".to_string(),
        format!("env.pid.dir: {}", state.join("pid").display()),
        format!("io.tmp.dirs: {}", state.join("tmp").display()),
        format!("web.tmpdir: {}", state.join("web").display()),
        "jobmanager.memory.process.size: 1024m".to_string(),
    ] {
        assert!(config.contains(&line), "no `{line}` in\n{config}");
    }
    assert!(config.contains(&format!("-Djava.io.tmpdir={}", state.join("tmp").display())));
    let pid_files = std::fs::read_dir(state.join("pid")).unwrap().count();
    assert_eq!(
        pid_files, 2,
        "a pid file each for the jobmanager and the taskmanager"
    );
    assert!(std::fs::read_dir(state.join("tmp")).unwrap().count() > 0);
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state.join("livedbctl.pid.json")).unwrap())
            .unwrap();
    let mut pids = vec![record["pid"].as_i64().unwrap()];
    pids.extend(
        record["companions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_i64().unwrap()),
    );
    assert_eq!(pids.len(), 2, "{record}");

    let status = cmd(&["-o", "json", "infra", "status", "--check"])
        .ok()
        .json();
    let svc = &status["services"][0];
    assert_eq!(svc["service"], "flink", "{status}");
    assert_eq!(svc["state"], "running", "{status}");
    assert_eq!(svc["version"], "2.3.0", "{status}");
    assert_eq!(svc["pid"], pids[0], "{status}");
    assert_eq!(svc["started_by_livedbctl"], true, "{status}");

    // Idempotent: a second `up` finds it running.
    let again = cmd(&["-o", "json", "infra", "up"]).ok().json();
    assert_eq!(again["services"][0]["state"], "running", "{again}");

    let logs = cmd(&["infra", "logs", "flink"]).ok().stdout;
    assert!(
        logs.contains("StandaloneSessionClusterEntrypoint"),
        "{logs}"
    );

    let down = cmd(&["-o", "json", "infra", "down"]).ok().json();
    assert_eq!(down["services"][0]["state"], "stopped", "{down}");
    for pid in &pids {
        // Gone, or a zombie waiting for whoever adopted it.
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let running = stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'));
        assert!(!running, "process {pid} still runs: {stat}");
    }
    // Nothing listens any more: the status answers at once.
    assert!(cluster.get("/overview").is_none());
    let status = cmd(&["-o", "json", "infra", "status"]).ok().json();
    assert_eq!(status["services"][0]["state"], "stopped", "{status}");
    cmd(&["infra", "status", "--check"]).code(1);
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
