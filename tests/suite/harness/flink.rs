//! A real Apache Flink cluster (jobmanager + one taskmanager) for the stream tests, brought
//! up by `livedbctl infra up` itself (a profile whose only service is `flink`) on a free
//! port, its configuration, logs, pid files and temp files in a temporary state directory.
//! FLINK_HOME is used when set, else `scripts/flink.sh` fetches Flink into its cache once.
//! A watchdog runs `infra down --purge` when the test process exits, however it exits.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use super::{free_port, livedbctl, run, temp_dir, watch_down};

pub struct Flink {
    pub home: PathBuf,
    /// The test's folder: the profile, the state directory, and what tests write.
    pub dir: PathBuf,
    pub rest_port: u16,
    /// The profile `infra up` started it with.
    pub infra_profile: PathBuf,
}

/// The cluster the stream tests share, started on first use.
pub fn flink() -> &'static Flink {
    static FLINK: OnceLock<Flink> = OnceLock::new();
    FLINK.get_or_init(|| Flink::start("flink"))
}

/// FLINK_HOME, or the distribution `scripts/flink.sh` keeps in its cache.
pub fn flink_home() -> PathBuf {
    if let Ok(h) = std::env::var("FLINK_HOME") {
        if Path::new(&h).join("bin/jobmanager.sh").is_file() {
            return PathBuf::from(h);
        }
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/flink.sh");
    let out = Command::new("bash")
        .arg(script)
        .stderr(Stdio::inherit())
        .output()
        .expect("run scripts/flink.sh");
    assert!(out.status.success(), "scripts/flink.sh failed");
    let text = String::from_utf8_lossy(&out.stdout);
    PathBuf::from(
        text.lines()
            .last()
            .expect("scripts/flink.sh prints FLINK_HOME")
            .trim(),
    )
}

/// A profile whose only local service is a Flink cluster at `rest_port`.
pub fn infra_profile(dir: &Path, home: &Path, rest_port: u16) -> PathBuf {
    let p = dir.join("flink-infra.yaml");
    std::fs::write(
        &p,
        format!(
            "flink:\n  url: http://127.0.0.1:{rest_port}\n  home: {}\n\
             infra:\n  state_dir: {}\n  services: [flink]\n  start_timeout_secs: 300\n",
            home.display(),
            dir.join("state").display()
        ),
    )
    .unwrap();
    p
}

impl Flink {
    /// `infra up` a cluster of its own in a new temporary directory (`tag` names it).
    ///
    /// Its ports are free when chosen (below the ephemeral range, see [`free_port`]), but
    /// another listener can still take one before Flink binds it: a start that fails
    /// binding is taken down and made again on other ports, up to three times. Any other
    /// failure fails at once.
    pub fn start(tag: &str) -> Flink {
        let home = flink_home();
        let mut attempt = 1;
        loop {
            let dir = temp_dir(tag).keep();
            // Its RPC port is the REST port + 1, which free_port keeps free too.
            let rest_port = free_port();
            let infra_profile = infra_profile(&dir, &home, rest_port);
            watch_down(&infra_profile, &dir);
            let mut up = livedbctl(&dir);
            up.arg("--config")
                .arg(&infra_profile)
                .args(["-o", "json", "infra", "up"]);
            let r = run(up);
            // Read in the log as well as in what `infra up` printed: Flink can end its
            // log with a long thread dump after the exception (seen in CI).
            let log =
                std::fs::read_to_string(dir.join("state/flink/jobmanager.log")).unwrap_or_default();
            let port_taken = ["BindException", "Address already in use"]
                .iter()
                .any(|m| r.stderr.contains(m) || log.contains(m));
            if r.code != 0 && port_taken && attempt < 3 {
                eprintln!(
                    "note: flink could not bind its ports (attempt {attempt}); again on others"
                );
                let mut down = livedbctl(&dir);
                down.arg("--config")
                    .arg(&infra_profile)
                    .args(["infra", "down", "--purge", "--yes"]);
                let _ = run(down);
                attempt += 1;
                continue;
            }
            assert_eq!(
                r.code,
                0,
                "infra up (flink) failed\nstdout:\n{}\nstderr:\n{}\nlogs in {}",
                r.stdout,
                r.stderr,
                dir.join("state/flink").display()
            );
            return Flink {
                home,
                dir,
                rest_port,
                infra_profile,
            };
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.rest_port)
    }

    /// A plain HTTP GET against the REST API (an independent client: no livedbctl).
    pub fn get(&self, path: &str) -> Option<String> {
        http_get(self.rest_port, path)
    }

    /// A profile for `livedbctl` pointing at this cluster (Kafka and PostgreSQL unused).
    pub fn profile(&self, dir: &Path) -> PathBuf {
        let p = dir.join("flink.yaml");
        std::fs::write(
            &p,
            format!(
                "flink:\n  url: {}\n  home: {}\ninfra:\n  state_dir: {}\n",
                self.url(),
                self.home.display(),
                dir.join("state").display()
            ),
        )
        .unwrap();
        p
    }
}

/// GET http://127.0.0.1:PORT/PATH; the body when the answer is 200.
pub fn http_get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n"
    )
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200")
        .then(|| body.to_string())
        .or_else(|| head.starts_with("HTTP/1.0 200").then(|| body.to_string()))
}
