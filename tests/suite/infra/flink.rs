//! `infra` over a local Flink cluster.

use crate::harness::*;

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
