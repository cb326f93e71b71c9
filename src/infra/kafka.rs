//! A local Kafka-protocol broker. `auto` takes the first engine found: Apache Kafka
//! (`KAFKA_HOME` or its scripts on PATH; KRaft, or ZooKeeper then Kafka as the old .bat
//! sequence did), Redpanda (`rpk`), or tansu.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::infra::process::{self, command_as, run_logged, spawn_detached, PidRecord};
use crate::infra::InfraError;
use crate::profile::{KafkaEngine, KafkaMode};
use crate::settings::{split_host_port, Settings};

pub fn service_dir(s: &Settings) -> PathBuf {
    s.infra.state_dir.join("kafka")
}

pub fn log_file(s: &Settings) -> PathBuf {
    service_dir(s).join("kafka.log")
}

#[derive(Debug, Clone)]
pub enum Engine {
    Apache {
        bin: PathBuf,
        ext: &'static str,
        mode: KafkaMode,
    },
    Redpanda {
        rpk: PathBuf,
    },
    Tansu {
        bin: PathBuf,
    },
}

impl Engine {
    pub fn name(&self) -> &'static str {
        match self {
            Engine::Apache {
                mode: KafkaMode::Kraft,
                ..
            } => "apache-kafka (kraft)",
            Engine::Apache {
                mode: KafkaMode::Zookeeper,
                ..
            } => "apache-kafka (zookeeper)",
            Engine::Redpanda { .. } => "redpanda",
            Engine::Tansu { .. } => "tansu",
        }
    }
}

fn cargo_bin() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(h) = std::env::var("CARGO_HOME") {
        v.push(PathBuf::from(h).join("bin"));
    }
    if let Some(h) = dirs::home_dir() {
        v.push(h.join(".cargo").join("bin"));
    }
    v
}

/// Apache Kafka's scripts: `<home>/bin/*.sh` (or `bin\windows\*.bat`), else on PATH.
fn find_apache(s: &Settings) -> Option<(PathBuf, &'static str)> {
    let (sub, ext) = if cfg!(windows) {
        ("bin\\windows", ".bat")
    } else {
        ("bin", ".sh")
    };
    if let Some(home) = &s.infra.kafka_home {
        let bin = home.join(sub);
        if bin.join(format!("kafka-server-start{ext}")).is_file() {
            return Some((bin, ext));
        }
    }
    for (name, ext) in [("kafka-server-start.sh", ".sh"), ("kafka-server-start", "")] {
        if let Ok(p) = which::which(name) {
            return p.parent().map(|d| (d.to_path_buf(), ext));
        }
    }
    None
}

pub fn select_engine(s: &Settings) -> Result<Engine> {
    let apache = || {
        find_apache(s).map(|(bin, ext)| {
            let has_storage = bin.join(format!("kafka-storage{ext}")).is_file();
            let mode = s.infra.kafka_mode.unwrap_or(if has_storage {
                KafkaMode::Kraft
            } else {
                KafkaMode::Zookeeper
            });
            Engine::Apache { bin, ext, mode }
        })
    };
    let redpanda = || process::find_program("rpk", &[]).map(|rpk| Engine::Redpanda { rpk });
    let tansu = || process::find_program("tansu", &cargo_bin()).map(|bin| Engine::Tansu { bin });
    let found = match s.infra.kafka_engine {
        KafkaEngine::Auto => apache().or_else(redpanda).or_else(tansu),
        KafkaEngine::Apache => apache(),
        KafkaEngine::Redpanda => redpanda(),
        KafkaEngine::Tansu => tansu(),
    };
    found.ok_or_else(|| {
        let wanted = match s.infra.kafka_engine {
            KafkaEngine::Auto => "auto",
            KafkaEngine::Apache => "apache",
            KafkaEngine::Redpanda => "redpanda",
            KafkaEngine::Tansu => "tansu",
        };
        InfraError::NoKafka { wanted }.into()
    })
}

pub struct Started {
    pub child: std::process::Child,
    pub record: PidRecord,
}

pub fn start_blocking(s: &Settings) -> Result<Started> {
    let engine = select_engine(s)?;
    let dir = service_dir(s);
    process::create_dir(&dir)?;
    let log = log_file(s);
    let (host, port) = split_host_port(&s.kafka.brokers[0])?;
    let data = dir.join("data");
    let mut companions = Vec::new();
    let (child, version) = match &engine {
        Engine::Tansu { bin } => {
            process::create_dir(&data)?;
            let url = format!("tcp://{host}:{port}");
            let args: Vec<String> = vec![
                "broker".into(),
                "--listener-url".into(),
                url.clone(),
                "--advertised-listener-url".into(),
                url,
                // tansu takes the path relative to its working directory.
                "--storage-engine".into(),
                "sqlite://tansu.db".into(),
            ];
            let mut cmd = command_as(None, bin, &args);
            // tansu reads some settings from the environment; keep it on what we pass.
            for var in [
                "ADVERTISED_LISTENER_URL",
                "LISTENER_URL",
                "STORAGE_ENGINE",
                "CLUSTER_ID",
                "SCHEMA_REGISTRY",
                "OTEL_EXPORTER_OTLP_ENDPOINT",
            ] {
                cmd.env_remove(var);
            }
            (
                spawn_detached(cmd, &data, &log)?,
                process::version_of(bin, "--version"),
            )
        }
        Engine::Apache { bin, ext, mode } => {
            let script = |name: &str| bin.join(format!("{name}{ext}"));
            let props = dir.join("server.properties");
            let logs_dir = data.join("kafka-logs");
            let common = format!(
                "listeners=PLAINTEXT://{host}:{port}{ctl}\n\
                 advertised.listeners=PLAINTEXT://{host}:{port}\n\
                 log.dirs={logs}\n\
                 num.partitions=1\n\
                 offsets.topic.replication.factor=1\n\
                 transaction.state.log.replication.factor=1\n\
                 transaction.state.log.min.isr=1\n\
                 group.initial.rebalance.delay.ms=0\n",
                ctl = if *mode == KafkaMode::Kraft {
                    format!(",CONTROLLER://127.0.0.1:{}", controller_port(s, port))
                } else {
                    String::new()
                },
                logs = logs_dir.display(),
            );
            match mode {
                KafkaMode::Kraft => {
                    let text = format!(
                        "# Written by livedbctl infra up\nprocess.roles=broker,controller\nnode.id=1\n\
                         controller.quorum.voters=1@127.0.0.1:{cp}\ncontroller.listener.names=CONTROLLER\n\
                         listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT\n\
                         inter.broker.listener.name=PLAINTEXT\n{common}",
                        cp = controller_port(s, port)
                    );
                    write(&props, &text)?;
                    if !logs_dir.join("meta.properties").exists() {
                        process::create_dir(&logs_dir)?;
                        let args = vec![
                            "format".to_string(),
                            "-t".into(),
                            cluster_id(),
                            "-c".into(),
                            props.display().to_string(),
                        ];
                        run_logged(
                            command_as(None, &script("kafka-storage"), &args),
                            &dir,
                            &log,
                            "kafka-storage format",
                            Duration::from_secs(120),
                        )?;
                    }
                }
                KafkaMode::Zookeeper => {
                    let zk_port = s.infra.zookeeper_port;
                    let zk_props = dir.join("zookeeper.properties");
                    write(
                        &zk_props,
                        &format!(
                            "# Written by livedbctl infra up\ndataDir={}\nclientPort={zk_port}\nmaxClientCnxns=0\nadmin.enableServer=false\n",
                            data.join("zookeeper").display()
                        ),
                    )?;
                    let zk_log = dir.join("zookeeper.log");
                    let mut zk = spawn_detached(
                        command_as(
                            None,
                            &script("zookeeper-server-start"),
                            &[zk_props.display().to_string()],
                        ),
                        &dir,
                        &zk_log,
                    )?;
                    companions.push(zk.id());
                    wait_port(
                        "ZooKeeper",
                        "127.0.0.1",
                        zk_port,
                        &mut zk,
                        &zk_log,
                        s.infra.start_timeout,
                    )?;
                    write(
                        &props,
                        &format!("# Written by livedbctl infra up\nbroker.id=0\nzookeeper.connect=127.0.0.1:{zk_port}\n{common}"),
                    )?;
                }
            }
            let child = spawn_detached(
                command_as(
                    None,
                    &script("kafka-server-start"),
                    &[props.display().to_string()],
                ),
                &dir,
                &log,
            )?;
            (child, None)
        }
        Engine::Redpanda { rpk } => {
            process::create_dir(&data)?;
            let rpc = controller_port(s, port);
            let cfg = dir.join("redpanda.yaml");
            write(
                &cfg,
                &format!(
                    "# Written by livedbctl infra up\nredpanda:\n  data_directory: {}\n  developer_mode: true\n  kafka_api:\n    - address: {host}\n      port: {port}\n  advertised_kafka_api:\n    - address: {host}\n      port: {port}\n  rpc_server:\n    address: 127.0.0.1\n    port: {rpc}\n  admin:\n    - address: 127.0.0.1\n      port: {admin}\n",
                    data.display(),
                    admin = rpc.saturating_add(1)
                ),
            )?;
            let args: Vec<String> = vec![
                "redpanda".into(),
                "start".into(),
                "--mode".into(),
                "dev-container".into(),
                "--smp".into(),
                "1".into(),
                "--config".into(),
                cfg.display().to_string(),
                "--kafka-addr".into(),
                format!("PLAINTEXT://{host}:{port}"),
                "--advertise-kafka-addr".into(),
                format!("PLAINTEXT://{host}:{port}"),
                "--rpc-addr".into(),
                format!("127.0.0.1:{rpc}"),
            ];
            (
                spawn_detached(command_as(None, rpk, &args), &dir, &log)?,
                process::version_of(rpk, "version"),
            )
        }
    };
    let record = PidRecord {
        pid: child.id(),
        engine: engine.name().into(),
        address: format!("{host}:{port}"),
        started_at: process::now_rfc3339(),
        log_file: log,
        data_dir: data,
        version,
        companions,
        starts: Default::default(),
    };
    Ok(Started { child, record })
}

/// KRaft controller (or Redpanda RPC) port: the profile's, else the Kafka port + 1.
fn controller_port(s: &Settings, port: u16) -> u16 {
    s.infra
        .kafka_controller_port
        .unwrap_or(port.saturating_add(1))
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(crate::infra::file_error("write", path))
}

/// A KRaft cluster id: a random UUID as URL-safe base64 without padding (22 chars), the
/// form `kafka-storage random-uuid` prints.
fn cluster_id() -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes())
}

fn wait_port(
    what: &str,
    host: &str,
    port: u16,
    child: &mut std::process::Child,
    log: &Path,
    timeout: Duration,
) -> Result<()> {
    let start = Instant::now();
    loop {
        if process::port_open(host, port) {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(InfraError::Exited {
                what: what.to_string(),
                status: status.to_string(),
                log: log.to_path_buf(),
                tail: process::tail(log, 15),
            }
            .into());
        }
        if start.elapsed() > timeout {
            return Err(InfraError::PortNotOpen {
                what: what.to_string(),
                host: host.to_string(),
                port,
                secs: timeout.as_secs(),
                log: log.to_path_buf(),
                tail: process::tail(log, 15),
            }
            .into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cluster_ids_are_22_url_safe_chars() {
        let id = super::cluster_id();
        assert_eq!(id.len(), 22, "{id}");
        assert!(id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(id, super::cluster_id());
    }
}
