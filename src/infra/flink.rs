//! A local Apache Flink cluster (a jobmanager and one taskmanager) from `FLINK_HOME` or
//! `flink.home`, for `stream submit` on a laptop. Everything it writes stays in the state
//! directory: livedbctl writes its `config.yaml` (small memory, 127.0.0.1, the REST port of
//! `flink.url` and the RPC port after it, pid files, temp and upload folders, and
//! `-Djava.io.tmpdir`, else Flink writes into /tmp), and runs both daemons in the
//! foreground of their own process groups, their output in the service's logs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::infra::process::{self, spawn_detached, PidRecord};
use crate::infra::InfraError;
use crate::settings::Settings;

pub fn service_dir(s: &Settings) -> PathBuf {
    s.infra.state_dir.join("flink")
}

/// The jobmanager's output; the taskmanager's is beside it.
pub fn log_file(s: &Settings) -> PathBuf {
    service_dir(s).join("jobmanager.log")
}

fn taskmanager_log(s: &Settings) -> PathBuf {
    service_dir(s).join("taskmanager.log")
}

/// Host and REST port of `flink.url`.
pub fn endpoint(s: &Settings) -> Result<(String, u16)> {
    let url = reqwest::Url::parse(&s.flink.url).map_err(|e| InfraError::FlinkUrl {
        url: crate::profile::redact_conn(&s.flink.url),
        reason: e.to_string(),
    })?;
    let host = url.host_str().unwrap_or("127.0.0.1").to_string();
    let port = url.port_or_known_default().unwrap_or(8081);
    Ok((host, port))
}

/// The JobManager answers `GET /overview` with at least one taskmanager's slots; its
/// version. A refused connection fails at once.
pub async fn probe(s: &Settings, timeout: Duration) -> Result<Option<String>> {
    let client = crate::http::JsonClient::new(&s.flink.url, timeout);
    let unreachable = |e: String| {
        Error::connection(format!(
            "Flink's REST API at {} does not answer: {e}",
            client.shown()
        ))
    };
    let answer = client
        .call(reqwest::Method::GET, "/overview", None)
        .await
        .map_err(|e| unreachable(crate::error::chain(&e)))?;
    if !(200..300).contains(&answer.status) {
        return Err(unreachable(format!(
            "GET /overview answered {}",
            answer.status
        )));
    }
    let overview = answer.body;
    if overview["slots-total"].as_i64().unwrap_or(0) < 1 {
        return Err(Error::runtime(format!(
            "Flink at {} has no taskmanager registered yet",
            client.shown()
        )));
    }
    Ok(overview["flink-version"].as_str().map(String::from))
}

fn home(s: &Settings) -> Result<PathBuf> {
    let home = s.flink.home.clone().ok_or(InfraError::NoFlinkHome)?;
    if !home.join("bin").join("jobmanager.sh").is_file() {
        return Err(InfraError::NotFlinkHome(home).into());
    }
    Ok(home)
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(crate::infra::file_error("write", path))
}

/// The JVM options Flink ships (module opens for Java 17): `env.java.opts.all` in the
/// distribution's config.yaml.
fn shipped_java_opts(home: &Path) -> String {
    std::fs::read_to_string(home.join("conf").join("config.yaml"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.trim().strip_prefix("all: ").map(str::to_string))
        .unwrap_or_default()
}

/// The configuration livedbctl writes for the local cluster.
pub fn config_yaml(s: &Settings, home: &Path) -> Result<String> {
    let dir = service_dir(s);
    let (_, rest_port) = endpoint(s)?;
    let d = |sub: &str| dir.join(sub).display().to_string();
    Ok(format!(
        "# Written by livedbctl infra up\n\
         env.java.opts.all: {opts} -Djava.io.tmpdir={tmp} -XX:-UsePerfData\n\
         env.pid.dir: {pid}\n\
         env.log.dir: {log}\n\
         io.tmp.dirs: {tmp}\n\
         web.tmpdir: {web}\n\
         web.upload.dir: {web}\n\
         jobmanager.rpc.address: 127.0.0.1\n\
         jobmanager.rpc.port: {rpc}\n\
         jobmanager.bind-host: 127.0.0.1\n\
         jobmanager.memory.process.size: 1024m\n\
         taskmanager.bind-host: 127.0.0.1\n\
         taskmanager.host: 127.0.0.1\n\
         taskmanager.rpc.port: 0\n\
         taskmanager.memory.process.size: 1280m\n\
         taskmanager.numberOfTaskSlots: 2\n\
         parallelism.default: 1\n\
         blob.server.port: 0\n\
         rest.address: 127.0.0.1\n\
         rest.bind-address: 127.0.0.1\n\
         rest.port: {rest_port}\n",
        opts = shipped_java_opts(home),
        tmp = d("tmp"),
        pid = d("pid"),
        log = d("log"),
        web = d("web"),
        rpc = rest_port.saturating_add(1),
    ))
}

pub struct Started {
    /// The jobmanager (the record's pid); the taskmanager is its companion.
    pub child: std::process::Child,
    pub record: PidRecord,
}

pub fn start_blocking(s: &Settings) -> Result<Started> {
    let home = home(s)?;
    let dir = service_dir(s);
    let conf = dir.join("conf");
    for sub in ["conf", "log", "pid", "tmp", "web"] {
        process::create_dir(&dir.join(sub))?;
    }
    // Flink's logging configuration, with our config.yaml beside it.
    for entry in std::fs::read_dir(home.join("conf"))
        .map_err(crate::infra::file_error("read", &home.join("conf")))?
        .flatten()
    {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("log4j") || name.starts_with("logback") {
            let to = conf.join(&*name);
            std::fs::copy(entry.path(), &to).map_err(crate::infra::file_error("write", &to))?;
        }
    }
    write(&conf.join("config.yaml"), &config_yaml(s, &home)?)?;
    let daemon = |script: &str, log: &Path| {
        let mut cmd = std::process::Command::new(home.join("bin").join(script));
        cmd.arg("start-foreground")
            .env("FLINK_CONF_DIR", &conf)
            .env("FLINK_LOG_DIR", dir.join("log"))
            .env("FLINK_PID_DIR", dir.join("pid"))
            .env_remove("FLINK_ENV_JAVA_OPTS");
        spawn_detached(cmd, &dir, log)
    };
    let log = log_file(s);
    let jobmanager = daemon("jobmanager.sh", &log)?;
    let taskmanager = match daemon("taskmanager.sh", &taskmanager_log(s)) {
        Ok(t) => t,
        Err(e) => {
            process::terminate(jobmanager.id(), Duration::from_secs(30));
            return Err(e);
        }
    };
    let (host, port) = endpoint(s)?;
    let record = PidRecord {
        pid: jobmanager.id(),
        engine: "flink".into(),
        address: format!("{host}:{port}"),
        started_at: process::now_rfc3339(),
        log_file: log,
        data_dir: dir,
        version: None,
        companions: vec![taskmanager.id()],
        starts: Default::default(),
    };
    // The taskmanager is reaped by nobody but the operating system once we exit; its pid
    // is in the record, which is how `infra down` stops it.
    drop(taskmanager);
    Ok(Started {
        child: jobmanager,
        record,
    })
}
