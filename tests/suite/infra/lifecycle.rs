//! `infra up | status | down | logs` on a profile of the test's own: a server it did not
//! start is reused and never stopped, its own are started, stopped and purged; a server
//! that cannot start, a remote one, a stale pid record, a port another program holds.

use std::process::{Command, Stdio};

use crate::harness::snapshot::shown;
use crate::harness::*;

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
        let mut squatter = Command::new(python3())
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
