//! A local Kafka Connect worker for `connector ... --remote`: distributed by default (its
//! configs, offsets and status in topics of the profile's Kafka, a group of one worker),
//! or standalone (offsets in a file). What runs comes from `connect.home`: an Apache Kafka
//! install (`bin/connect-distributed.sh`, `bin/connect-standalone.sh`, Debezium's plugin
//! under `connect.plugin_path`), or a directory whose `libs/` is the worker's whole class
//! path, connector included (`scripts/connect.sh` makes one from PyPI). Everything it
//! writes stays in the state directory; the JVM's heap is bounded (`connect.heap`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::infra::process::{self, spawn_detached, PidRecord};
use crate::infra::InfraError;
use crate::profile::ConnectMode;
use crate::settings::{ConnectSettings, Settings};

pub fn service_dir(s: &Settings) -> PathBuf {
    s.infra.state_dir.join("connect")
}

pub fn log_file(s: &Settings) -> PathBuf {
    service_dir(s).join("connect.log")
}

fn settings(s: &Settings) -> Result<&ConnectSettings> {
    s.connect
        .as_ref()
        .ok_or_else(|| InfraError::NoConnectHome.into())
}

/// Host and REST port of `connect.url`.
pub fn endpoint(s: &Settings) -> Result<(String, u16)> {
    let c = settings(s)?;
    let url = reqwest::Url::parse(&c.url).map_err(|e| InfraError::ConnectUrl {
        url: crate::profile::redact_conn(&c.url),
        reason: e.to_string(),
    })?;
    let host = url.host_str().unwrap_or("127.0.0.1").to_string();
    let port = url.port_or_known_default().unwrap_or(8083);
    Ok((host, port))
}

/// The worker answers `GET /` with its version, and `GET /connectors` once it has joined
/// its group and read its config topic (before that, requests time out or fail).
pub async fn probe(s: &Settings, timeout: Duration) -> Result<Option<String>> {
    let c = settings(s)?;
    let client = crate::http::JsonClient::new(&c.url, timeout.max(Duration::from_secs(5)));
    let unreachable = |e: String| {
        Error::connection(format!(
            "Kafka Connect's REST API at {} does not answer: {e}",
            client.shown()
        ))
    };
    let mut version = None;
    for path in ["/", "/connectors"] {
        let answer = client
            .call(reqwest::Method::GET, path, None)
            .await
            .map_err(|e| unreachable(crate::error::chain(&e)))?;
        if !(200..300).contains(&answer.status) {
            return Err(unreachable(format!(
                "GET {path} answered {}",
                answer.status
            )));
        }
        if path == "/" {
            version = answer.body["version"].as_str().map(String::from);
        }
    }
    Ok(version)
}

/// What `connect.home` holds.
enum Runtime {
    /// An Apache Kafka install: its start scripts.
    KafkaInstall(PathBuf),
    /// A directory of jars: `java -cp 'libs/*'`.
    Libs(PathBuf),
}

fn runtime(c: &ConnectSettings) -> Result<Runtime> {
    let home = c.home.clone().ok_or(InfraError::NoConnectHome)?;
    if home.join("bin").join("connect-distributed.sh").is_file() {
        return Ok(Runtime::KafkaInstall(home));
    }
    let has_runtime = std::fs::read_dir(home.join("libs"))
        .map(|d| {
            d.flatten().any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("connect-runtime-")
            })
        })
        .unwrap_or(false);
    if has_runtime {
        return Ok(Runtime::Libs(home.join("libs")));
    }
    Err(InfraError::NotConnectHome(home).into())
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(crate::infra::file_error("write", path))
}

/// The worker's properties livedbctl writes.
pub fn worker_properties(s: &Settings) -> Result<String> {
    let c = settings(s)?;
    let (host, port) = endpoint(s)?;
    let dir = service_dir(s);
    let mut p = format!(
        "# Written by livedbctl infra up\n\
         bootstrap.servers={bootstrap}\n\
         listeners=http://{host}:{port}\n\
         rest.advertised.host.name={host}\n\
         rest.advertised.port={port}\n\
         key.converter=org.apache.kafka.connect.json.JsonConverter\n\
         value.converter=org.apache.kafka.connect.json.JsonConverter\n\
         offset.flush.interval.ms=1000\n",
        bootstrap = s.kafka.bootstrap(),
    );
    match c.mode {
        ConnectMode::Distributed => {
            let g = &c.group_id;
            p.push_str(&format!(
                "group.id={g}\n\
                 config.storage.topic={g}-configs\n\
                 offset.storage.topic={g}-offsets\n\
                 status.storage.topic={g}-status\n\
                 config.storage.replication.factor=1\n\
                 offset.storage.replication.factor=1\n\
                 status.storage.replication.factor=1\n\
                 offset.storage.partitions=1\n\
                 status.storage.partitions=1\n"
            ));
        }
        ConnectMode::Standalone => {
            p.push_str(&format!(
                "offset.storage.file.filename={}\n",
                dir.join("offsets.dat").display()
            ));
        }
    }
    if let Some(pp) = &c.plugin_path {
        p.push_str(&format!("plugin.path={}\n", pp.display()));
    }
    // Kafka clients of the worker follow the profile's connection properties (TLS, SASL).
    for (k, v) in &s.kafka.properties {
        if k != "bootstrap.servers" {
            p.push_str(&format!("{k}={v}\n"));
        }
    }
    Ok(p)
}

/// Log to stdout (the service's log file), Connect at INFO, its Kafka clients at WARN.
const LOG4J2: &str = "# Written by livedbctl infra up\n\
status = warn\n\
appender.stdout.type = Console\n\
appender.stdout.name = STDOUT\n\
appender.stdout.layout.type = PatternLayout\n\
appender.stdout.layout.pattern = [%d] %p %m (%c)%n\n\
rootLogger.level = INFO\n\
rootLogger.appenderRef.stdout.ref = STDOUT\n\
logger.clients.name = org.apache.kafka.clients\n\
logger.clients.level = WARN\n";

fn java() -> PathBuf {
    std::env::var_os("JAVA_HOME")
        .map(|h| PathBuf::from(h).join("bin").join("java"))
        .filter(|j| j.is_file())
        .or_else(|| process::find_program("java", &[]))
        .unwrap_or_else(|| PathBuf::from("java"))
}

pub fn start_blocking(s: &Settings) -> Result<(std::process::Child, PidRecord)> {
    let c = settings(s)?;
    let runtime = runtime(c)?;
    let dir = service_dir(s);
    for sub in ["log", "tmp"] {
        process::create_dir(&dir.join(sub))?;
    }
    let props = dir.join("worker.properties");
    write(&props, &worker_properties(s)?)?;
    let log4j = dir.join("log4j2.properties");
    write(&log4j, LOG4J2)?;
    let heap = format!("-Xms64m -Xmx{}", c.heap);
    let tmp = format!("-Djava.io.tmpdir={}", dir.join("tmp").display());
    let (main_class, script) = match c.mode {
        ConnectMode::Distributed => (
            "org.apache.kafka.connect.cli.ConnectDistributed",
            "connect-distributed.sh",
        ),
        ConnectMode::Standalone => (
            "org.apache.kafka.connect.cli.ConnectStandalone",
            "connect-standalone.sh",
        ),
    };
    let (cmd, engine) = match runtime {
        Runtime::KafkaInstall(home) => {
            let mut cmd = std::process::Command::new(home.join("bin").join(script));
            cmd.arg(&props)
                .env("KAFKA_HEAP_OPTS", &heap)
                .env("KAFKA_OPTS", &tmp)
                .env("LOG_DIR", dir.join("log"))
                .env(
                    "KAFKA_LOG4J_OPTS",
                    format!("-Dlog4j2.configurationFile={}", log4j.display()),
                );
            (cmd, "kafka-connect (Kafka install)")
        }
        Runtime::Libs(libs) => {
            let mut cmd = std::process::Command::new(java());
            cmd.args(heap.split(' '))
                .arg(&tmp)
                .arg("-XX:-UsePerfData")
                .arg(format!("-Dlog4j2.configurationFile={}", log4j.display()))
                .arg("-cp")
                .arg(format!("{}/*", libs.display()))
                .arg(main_class)
                .arg(&props);
            (cmd, "kafka-connect (class path)")
        }
    };
    let log = log_file(s);
    let child = spawn_detached(cmd, &dir, &log)?;
    let (host, port) = endpoint(s)?;
    let record = PidRecord {
        pid: child.id(),
        engine: engine.into(),
        address: format!("{host}:{port}"),
        started_at: process::now_rfc3339(),
        log_file: log,
        data_dir: dir,
        version: None,
        companions: Vec::new(),
        starts: Default::default(),
    };
    Ok((child, record))
}
