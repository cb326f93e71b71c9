//! A real Apache Flink cluster (jobmanager + one taskmanager) for the stream tests, on
//! free ports with its configuration, logs, pid files and temp files in a temporary
//! directory. FLINK_HOME is used when set, else `scripts/flink.sh` fetches Flink into its
//! cache once. A watchdog stops the cluster when the test process exits, however it exits.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::{free_port, temp_dir};

pub struct Flink {
    pub home: PathBuf,
    pub dir: PathBuf,
    pub rest_port: u16,
}

/// The cluster of this test binary, started on first use.
pub fn flink() -> &'static Flink {
    static FLINK: OnceLock<Flink> = OnceLock::new();
    FLINK.get_or_init(Flink::start)
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

impl Flink {
    fn start() -> Flink {
        let home = flink_home();
        let dir = temp_dir("flink");
        let conf = dir.join("conf");
        for sub in ["conf", "log", "pid", "tmp", "web"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        for entry in std::fs::read_dir(home.join("conf")).unwrap().flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("log4j") || name.starts_with("logback") {
                std::fs::copy(entry.path(), conf.join(&*name)).unwrap();
            }
        }
        // Flink's own JVM options (module opens for Java 17), then the temp directory.
        let shipped = std::fs::read_to_string(home.join("conf/config.yaml")).unwrap();
        let java_opts = shipped
            .lines()
            .find_map(|l| l.trim().strip_prefix("all: "))
            .unwrap_or("")
            .to_string();
        let rest_port = free_port();
        let rpc_port = free_port();
        let d = |s: &str| dir.join(s).display().to_string();
        let config = format!(
            "env.java.opts.all: {java_opts} -Djava.io.tmpdir={tmp} -XX:-UsePerfData\n\
             env.pid.dir: {pid}\n\
             env.log.dir: {log}\n\
             io.tmp.dirs: {tmp}\n\
             web.tmpdir: {web}\n\
             web.upload.dir: {web}\n\
             jobmanager.rpc.address: 127.0.0.1\n\
             jobmanager.rpc.port: {rpc_port}\n\
             jobmanager.bind-host: 127.0.0.1\n\
             jobmanager.memory.process.size: 1024m\n\
             taskmanager.bind-host: 127.0.0.1\n\
             taskmanager.host: 127.0.0.1\n\
             taskmanager.memory.process.size: 1280m\n\
             taskmanager.numberOfTaskSlots: 2\n\
             parallelism.default: 1\n\
             rest.port: {rest_port}\n\
             rest.address: 127.0.0.1\n\
             rest.bind-address: 127.0.0.1\n\
             blob.server.port: 0\n\
             taskmanager.rpc.port: 0\n",
            tmp = d("tmp"),
            pid = d("pid"),
            log = d("log"),
            web = d("web"),
        );
        std::fs::write(conf.join("config.yaml"), config).unwrap();
        let envs = [
            ("FLINK_CONF_DIR", conf.display().to_string()),
            ("FLINK_LOG_DIR", d("log")),
        ];
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
             '{bin}/taskmanager.sh' stop >/dev/null 2>&1; '{bin}/jobmanager.sh' stop >/dev/null 2>&1; \
             rm -rf '{dir}'",
            pid = std::process::id(),
            bin = home.join("bin").display(),
            dir = dir.display()
        );
        let mut wd = Command::new("sh");
        wd.arg("-c")
            .arg(script)
            .envs(envs.iter().cloned())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        {
            use std::os::unix::process::CommandExt;
            wd.process_group(0);
        }
        // Deliberately not waited for: the watchdog must outlive this process.
        #[allow(clippy::zombie_processes)]
        let _watchdog = wd.spawn().expect("start the Flink watchdog");
        for daemon in ["jobmanager.sh", "taskmanager.sh"] {
            let status = Command::new(home.join("bin").join(daemon))
                .arg("start")
                .envs(envs.iter().cloned())
                .current_dir(&dir)
                .stdout(Stdio::null())
                .status()
                .expect("start Flink");
            assert!(status.success(), "{daemon} start failed");
        }
        let f = Flink {
            home,
            dir,
            rest_port,
        };
        // Ready when a taskmanager has registered its slots.
        let deadline = Instant::now() + Duration::from_secs(300);
        loop {
            if let Some(body) = f.get("/overview") {
                let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                if v["slots-available"].as_i64().unwrap_or(0) > 0 {
                    break;
                }
            }
            assert!(
                Instant::now() < deadline,
                "Flink did not come up; logs in {}",
                f.dir.join("log").display()
            );
            std::thread::sleep(Duration::from_millis(500));
        }
        f
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
