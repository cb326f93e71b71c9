//! The Kafka launch paths this machine cannot run for real (Apache Kafka in KRaft and in
//! ZooKeeper mode, Redpanda), driven through stand-in scripts that record their arguments
//! and then start tansu (or a TCP listener for ZooKeeper), so `infra up` / `infra down`
//! run their real sequence end to end.

use std::path::{Path, PathBuf};

use crate::harness::*;

fn tansu() -> String {
    let path = test_path();
    for dir in path.split(':') {
        let p = Path::new(dir).join("tansu");
        if p.is_file() {
            return p.display().to_string();
        }
    }
    panic!("tansu is not installed (cargo install tansu --locked --features libsql)");
}

fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// A fake KAFKA_HOME whose scripts append "<script> <args>" to `calls.log`.
fn kafka_home(dir: &Path, with_storage: bool) -> PathBuf {
    let home = dir.join("kafka_home");
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = dir.join("calls.log");
    let log = log.display();
    if with_storage {
        script(
            &bin.join("kafka-storage.sh"),
            &format!(
                "echo \"kafka-storage $*\" >> {log}\n\
                 while [ $# -gt 0 ]; do [ \"$1\" = -c ] && props=$2; shift; done\n\
                 dir=$(grep '^log.dirs=' \"$props\" | cut -d= -f2)\n\
                 mkdir -p \"$dir\" && echo 'cluster.id=x' > \"$dir/meta.properties\""
            ),
        );
    }
    script(
        &bin.join("kafka-server-start.sh"),
        &format!(
            "echo \"kafka-server-start $*\" >> {log}\n\
             port=$(grep '^advertised.listeners=' \"$1\" | sed 's/.*://')\n\
             cd \"$(dirname \"$1\")\"\n\
             exec {tansu} broker --listener-url tcp://127.0.0.1:$port --advertised-listener-url tcp://127.0.0.1:$port --storage-engine sqlite://standin.db",
            tansu = tansu()
        ),
    );
    script(
        &bin.join("zookeeper-server-start.sh"),
        &format!(
            "echo \"zookeeper-server-start $*\" >> {log}\n\
             port=$(grep '^clientPort=' \"$1\" | cut -d= -f2)\n\
             exec python3 -c \"import socket; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $port)); s.listen()\n\
while True: s.accept()[0].close()\""
        ),
    );
    home
}

fn calls(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("calls.log"))
        .unwrap_or_default()
        .lines()
        .map(String::from)
        .collect()
}

fn profile(dir: &Path, port: u16, infra_extra: &str) -> PathBuf {
    let p = dir.join("engine.yaml");
    std::fs::write(
        &p,
        format!(
            "kafka:\n  brokers: 127.0.0.1:{port}\ntopics:\n  - name: engine_events\n    partitions: 2\ninfra:\n  services: [kafka]\n  state_dir: state\n  start_timeout_secs: 60\n{infra_extra}"
        ),
    )
    .unwrap();
    p
}

fn cmd(dir: &Path, profile: &Path, envs: &[(&str, String)], args: &[&str]) -> Run {
    let mut c = livedbctl(dir);
    for (k, v) in envs {
        c.env(k, v);
    }
    c.arg("--config").arg(profile).args(args);
    run(c)
}

fn port_open(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
}

#[test]
fn apache_kafka_kraft_formats_once_then_starts() {
    let dir = temp_dir("kraft");
    let home = kafka_home(&dir, true);
    let port = free_port();
    let prof = profile(&dir, port, "  kafka_engine: auto\n");
    // KAFKA_HOME from the environment makes `auto` choose Apache Kafka.
    let env = [("KAFKA_HOME", home.display().to_string())];
    let up = cmd(&dir, &prof, &env, &["-o", "json", "infra", "up"])
        .ok()
        .json();
    let svc = &up["services"][0];
    assert_eq!(svc["state"], "started");
    assert_eq!(svc["engine"], "apache-kafka (kraft)");
    assert_eq!(up["topics"][0]["status"], "created");
    assert_eq!(
        kafka_tool(&format!("127.0.0.1:{port}"), &["topics"], None)
            .ok()
            .json()["engine_events"],
        2
    );

    let props_path = dir.join("state/kafka/server.properties");
    let c = calls(&dir);
    assert_eq!(c.len(), 2, "{c:?}");
    let format: Vec<&str> = c[0].split_whitespace().collect();
    assert_eq!(&format[..3], ["kafka-storage", "format", "-t"]);
    assert_eq!(format[3].len(), 22, "a KRaft cluster id: {c:?}");
    assert_eq!(&format[4..], ["-c", props_path.to_str().unwrap()]);
    assert_eq!(c[1], format!("kafka-server-start {}", props_path.display()));
    let props = std::fs::read_to_string(&props_path).unwrap();
    for line in [
        "process.roles=broker,controller".to_string(),
        format!(
            "listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{}",
            port + 1
        ),
        format!("advertised.listeners=PLAINTEXT://127.0.0.1:{port}"),
        format!("controller.quorum.voters=1@127.0.0.1:{}", port + 1),
    ] {
        assert!(
            props.lines().any(|l| l == line),
            "missing {line} in\n{props}"
        );
    }

    let down = cmd(&dir, &prof, &env, &["-o", "json", "infra", "down"])
        .ok()
        .json();
    assert_eq!(down["services"][0]["state"], "stopped");
    assert!(!port_open(port));
    // Storage is formatted once: a second start goes straight to the broker.
    cmd(&dir, &prof, &env, &["infra", "up"]).ok();
    let c = calls(&dir);
    assert_eq!(
        c.iter().filter(|l| l.starts_with("kafka-storage")).count(),
        1,
        "{c:?}"
    );
    assert_eq!(
        c.iter()
            .filter(|l| l.starts_with("kafka-server-start"))
            .count(),
        2,
        "{c:?}"
    );
    cmd(&dir, &prof, &env, &["infra", "down"]).ok();
    assert!(!port_open(port));
}

#[test]
fn apache_kafka_zookeeper_mode_starts_zookeeper_first_and_stops_both() {
    let dir = temp_dir("zk");
    let home = kafka_home(&dir, false);
    let (port, zk) = (free_port(), free_port());
    let prof = profile(
        &dir,
        port,
        &format!(
            "  kafka_engine: apache\n  kafka_home: {}\n  zookeeper_port: {zk}\n",
            home.display()
        ),
    );
    let up = cmd(&dir, &prof, &[], &["-o", "json", "infra", "up"])
        .ok()
        .json();
    assert_eq!(up["services"][0]["engine"], "apache-kafka (zookeeper)");
    assert!(port_open(zk) && port_open(port));
    let c = calls(&dir);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(
        c[0],
        format!(
            "zookeeper-server-start {}",
            dir.join("state/kafka/zookeeper.properties").display()
        )
    );
    assert!(
        c[1].starts_with("kafka-server-start "),
        "ZooKeeper, then Kafka: {c:?}"
    );
    let props = std::fs::read_to_string(dir.join("state/kafka/server.properties")).unwrap();
    assert!(
        props.contains(&format!("zookeeper.connect=127.0.0.1:{zk}")),
        "{props}"
    );
    assert!(!props.contains("process.roles"));

    let down = cmd(&dir, &prof, &[], &["-o", "json", "infra", "down"])
        .ok()
        .json();
    assert_eq!(down["services"][0]["state"], "stopped");
    assert!(!port_open(port), "Kafka stopped");
    assert!(!port_open(zk), "ZooKeeper stopped with it");
}

#[test]
fn redpanda_is_started_through_rpk() {
    let dir = temp_dir("redpanda");
    let bin = dir.join("rpbin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = dir.join("calls.log");
    script(
        &bin.join("rpk"),
        &format!(
            "echo \"rpk $*\" >> {log}\n\
             [ \"$1\" = version ] && {{ echo 'v24.1.1 (rev stand-in)'; exit 0; }}\n\
             while [ $# -gt 0 ]; do [ \"$1\" = --kafka-addr ] && addr=$2; [ \"$1\" = --config ] && cfg=$2; shift; done\n\
             port=${{addr##*:}}\n\
             cd \"$(dirname \"$cfg\")\"\n\
             exec {tansu} broker --listener-url tcp://127.0.0.1:$port --advertised-listener-url tcp://127.0.0.1:$port --storage-engine sqlite://standin.db",
            log = log.display(),
            tansu = tansu()
        ),
    );
    let port = free_port();
    let prof = profile(&dir, port, "  kafka_engine: redpanda\n");
    let path = format!("{}:{}", bin.display(), test_path());
    let env = [("PATH", path)];
    let up = cmd(&dir, &prof, &env, &["-o", "json", "infra", "up"])
        .ok()
        .json();
    assert_eq!(up["services"][0]["engine"], "redpanda");
    assert_eq!(up["services"][0]["version"], "24.1.1");
    let start = calls(&dir)
        .into_iter()
        .find(|l| l.starts_with("rpk redpanda start"))
        .expect("rpk redpanda start was called");
    assert!(
        start.contains(&format!("--kafka-addr PLAINTEXT://127.0.0.1:{port}")),
        "{start}"
    );
    assert!(
        start.contains(&format!(
            "--config {}",
            dir.join("state/kafka/redpanda.yaml").display()
        )),
        "{start}"
    );
    let cfg = std::fs::read_to_string(dir.join("state/kafka/redpanda.yaml")).unwrap();
    assert!(cfg.contains(&format!("port: {port}")), "{cfg}");
    assert_eq!(
        kafka_tool(&format!("127.0.0.1:{port}"), &["topics"], None)
            .ok()
            .json()["engine_events"],
        2
    );
    cmd(&dir, &prof, &env, &["infra", "down"]).ok();
    assert!(!port_open(port));
}

#[test]
fn a_missing_engine_is_a_clear_error() {
    let dir = temp_dir("noengine");
    let prof = profile(&dir, free_port(), "  kafka_engine: redpanda\n");
    let r = cmd(
        &dir,
        &prof,
        &[("PATH", "/usr/bin:/bin".to_string())],
        &["infra", "up"],
    )
    .code(1);
    assert!(
        r.stderr.contains("no Kafka broker to start"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("rpk"), "{}", r.stderr);
}
