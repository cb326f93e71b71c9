//! A real Kafka Connect worker (distributed mode, its configs, offsets and status in topics
//! of a stack's tansu) with Debezium's PostgreSQL connector, brought up by `livedbctl infra
//! up` itself (a profile whose only service is `connect`) on a free port. One worker per
//! test module: a JVM starts slowly on a busy 2-core machine. CONNECT_HOME is used when
//! set, else `scripts/connect.sh` fetches the jars into its cache once. The watchdog runs
//! `infra down --purge` when the test process exits, however it exits.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use super::{free_port, livedbctl, run, temp_dir, watch_down, Scope, Stack};

pub struct Worker {
    pub stack: Arc<Stack>,
    pub dir: PathBuf,
    pub port: u16,
    /// The profile `infra up` started it with.
    pub infra_profile: PathBuf,
}

/// CONNECT_HOME, or the directory `scripts/connect.sh` keeps in its cache.
pub fn connect_home() -> PathBuf {
    if let Ok(h) = std::env::var("CONNECT_HOME") {
        if Path::new(&h).join("libs").is_dir() || Path::new(&h).join("bin").is_dir() {
            return PathBuf::from(h);
        }
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/connect.sh");
    let out = Command::new("bash")
        .arg(script)
        .stderr(Stdio::inherit())
        .output()
        .expect("run scripts/connect.sh");
    assert!(out.status.success(), "scripts/connect.sh failed");
    let text = String::from_utf8_lossy(&out.stdout);
    PathBuf::from(
        text.lines()
            .last()
            .expect("scripts/connect.sh prints its directory")
            .trim(),
    )
}

impl Worker {
    /// `infra up` a worker on `stack`'s Kafka, in a new folder (`tag` names it).
    pub fn start(tag: &str, stack: Arc<Stack>) -> Worker {
        let home = connect_home();
        let dir = temp_dir(tag).keep();
        let port = free_port();
        let infra_profile = dir.join("connect-infra.yaml");
        std::fs::write(
            &infra_profile,
            format!(
                "kafka:\n  brokers: {}\n\
                 connect:\n  url: http://127.0.0.1:{port}\n  home: {}\n  group_id: {tag}\n\
                 infra:\n  state_dir: {}\n  services: [connect]\n  start_timeout_secs: 300\n",
                stack.bootstrap(),
                home.display(),
                dir.join("state").display()
            ),
        )
        .unwrap();
        watch_down(&infra_profile, &dir);
        let mut up = livedbctl(&dir);
        up.arg("--config")
            .arg(&infra_profile)
            .args(["-o", "json", "infra", "up"]);
        let r = run(up);
        assert_eq!(
            r.code,
            0,
            "infra up (connect) failed\nstdout:\n{}\nstderr:\n{}\nlog: {}",
            r.stdout,
            r.stderr,
            dir.join("state/connect/connect.log").display()
        );
        Worker {
            stack,
            dir,
            port,
            infra_profile,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A scope of the worker's stack whose profile names the worker: connector verbs go
    /// to Kafka Connect.
    pub fn scope(&self, name: &str) -> Scope {
        let scope = self.stack.scope(name);
        let mut yaml = std::fs::read_to_string(&scope.profile).unwrap();
        yaml.push_str(&format!("connect:\n  url: {}\n", self.url()));
        std::fs::write(&scope.profile, yaml).unwrap();
        scope
    }

    /// `livedbctl --config <the worker's infra profile> ARGS` (infra status, logs).
    pub fn infra(&self, args: &[&str]) -> super::Run {
        let mut c = livedbctl(&self.dir);
        c.arg("--config").arg(&self.infra_profile).args(args);
        run(c)
    }

    /// The worker's REST API read by an independent client (no livedbctl).
    pub fn get(&self, path: &str) -> Option<serde_json::Value> {
        super::flink::http_get(self.port, path).and_then(|b| serde_json::from_str(&b).ok())
    }
}
