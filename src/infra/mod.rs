//! The local stack: bring services up (reusing what already answers), report their state,
//! and stop only what livedbctl itself started.

pub mod bringup;
pub mod connect;
pub mod flink;
pub mod kafka;
pub mod postgres;
pub mod process;
pub mod redis;
pub mod tree;

/// Files and programs of the local stack that could not be written or started; the
/// operating system's error is the source.
#[derive(Debug, thiserror::Error)]
pub enum InfraError {
    #[error("cannot {action} {}", path.display())]
    File {
        /// What was being done to the file: `write`, `create`, `open log`, `delete`...
        action: &'static str,
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start {program}")]
    Start {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot create {}: {source}", dir.display())]
    CreateDir {
        dir: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A program (a service, or a step of starting one) exited before it was up; `tail`
    /// is the end of its log when it did.
    #[error("{what} exited during start-up ({status})")]
    Exited {
        what: String,
        status: String,
        log: std::path::PathBuf,
        tail: String,
    },
    /// A step of starting a service (`pg_ctl start`, formatting storage) that failed.
    #[error("{what} failed ({status})")]
    StepFailed {
        what: String,
        status: String,
        log: std::path::PathBuf,
        tail: String,
    },
    #[error("{what} did not finish within {secs} s")]
    StepTimedOut {
        what: String,
        secs: u64,
        log: std::path::PathBuf,
        tail: String,
    },
    #[error("{what} did not open {host}:{port} within {secs} s")]
    PortNotOpen {
        what: String,
        host: String,
        port: u16,
        secs: u64,
        log: std::path::PathBuf,
        tail: String,
    },
    /// A started service that did not answer its own protocol within the start-up
    /// timeout (`infra.start_timeout_secs`); `last` is the last probe's message.
    #[error("{service} did not answer at {address} within {secs} s: {last}")]
    NoAnswer {
        service: ServiceName,
        address: String,
        secs: u64,
        last: String,
        log: std::path::PathBuf,
        tail: String,
    },
    /// Something else holds the service's port: the probe's error (`source`) is why it
    /// is not the service. The message is the probe's, after this one.
    #[error("something listens on {host}:{port}{} but does not answer as {service}", listener.as_ref().map(|(pid, name)| format!(" (`{name}`, pid {pid})")).unwrap_or_default())]
    Occupied {
        host: String,
        port: u16,
        /// The pid and name of the program that listens, when known.
        listener: Option<(u32, String)>,
        service: ServiceName,
        #[source]
        source: Error,
    },
    /// A service at an address of another machine that does not answer (`source`): not
    /// ours to start. The message is the probe's.
    #[error("{source}")]
    Remote {
        host: String,
        service: ServiceName,
        #[source]
        source: Error,
    },
    #[error("{service} (pid {pid}) did not stop")]
    DidNotStop {
        service: ServiceName,
        pid: u32,
        log: std::path::PathBuf,
    },
    #[error("{service} has no log at {}", path.display())]
    NoLog {
        service: ServiceName,
        path: std::path::PathBuf,
    },
    /// `infra up --topic` (or a plan) names a topic the profile does not define.
    #[error("the profile defines no topic `{0}` to create")]
    NoTopicSpec(String),
    /// `flink.url`, redacted, is not a URL.
    #[error("flink.url `{url}` is not a URL: {reason}")]
    FlinkUrl { url: String, reason: String },
    #[error("no Flink distribution to start (FLINK_HOME or flink.home)")]
    NoFlinkHome,
    #[error("{} is not a Flink distribution (no bin/jobmanager.sh)", .0.display())]
    NotFlinkHome(std::path::PathBuf),
    /// `connect.url`, redacted, is not a URL.
    #[error("connect.url `{url}` is not a URL: {reason}")]
    ConnectUrl { url: String, reason: String },
    #[error("no Kafka Connect runtime to start (connect.home or CONNECT_HOME)")]
    NoConnectHome,
    #[error("{} is neither a Kafka install (bin/connect-distributed.sh) nor a directory of Connect jars (libs/connect-runtime-*.jar)", .0.display())]
    NotConnectHome(std::path::PathBuf),
    /// `wanted` is the `infra.kafka_engine` asked for.
    #[error("no Kafka broker to start (infra.kafka_engine: {wanted})")]
    NoKafka { wanted: &'static str },
    #[error("PostgreSQL server programs (initdb, pg_ctl) were not found")]
    NoPostgres,
    #[error("livedbctl runs as root, and PostgreSQL refuses to; the OS user `{0}` that should run it does not exist")]
    NoOsUser(String),
    #[error("the OS user `{user}` cannot write to {} nor {}", dir.display(), alt.display())]
    UserCannotWrite {
        user: String,
        dir: std::path::PathBuf,
        alt: std::path::PathBuf,
    },
    /// `pg_ctl start` failed (`source`); the message is its error's.
    #[error("{source}")]
    PostgresStart {
        port: u16,
        #[source]
        source: Error,
    },
    #[error("PostgreSQL started but wrote no postmaster.pid")]
    NoPostmasterPid { log: std::path::PathBuf },
    #[error("redis-server was not found on PATH")]
    NoRedis,
    /// `infra down --purge` as root found a directory that neither root alone controls
    /// nor the PostgreSQL OS user owns: a link on its path may lead elsewhere.
    #[error("not deleting {}: another user can redirect its path, and it is not `{user}`'s", path.display())]
    NotPurged {
        path: std::path::PathBuf,
        user: String,
    },
}

/// `map_err` for a file operation: `.map_err(file_error("write", &path))`.
pub fn file_error(
    action: &'static str,
    path: &std::path::Path,
) -> impl FnOnce(std::io::Error) -> crate::error::Error {
    let path = path.to_path_buf();
    move |source| {
        InfraError::File {
            action,
            path,
            source,
        }
        .into()
    }
}

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::infra::process::{Ownership, PidRecord};
use crate::profile::ServiceName;
use crate::settings::{is_local_host, redis_host_port, split_host_port, Settings};

#[derive(Debug, Clone, Serialize)]
pub struct ServiceReport {
    pub service: ServiceName,
    /// up: `started` | `running` | `reused`; status: `running` | `external` | `stopped` |
    /// `unresponsive` | `unreachable`; down: `stopped` | `not-running` | `left-running`.
    pub state: String,
    pub address: String,
    pub version: Option<String>,
    pub pid: Option<u32>,
    pub started_by_livedbctl: bool,
    pub engine: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub log_file: Option<PathBuf>,
    pub detail: Option<String>,
}

impl ServiceReport {
    fn new(service: ServiceName, state: &str, address: String) -> Self {
        ServiceReport {
            service,
            state: state.into(),
            address,
            version: None,
            pid: None,
            started_by_livedbctl: false,
            engine: None,
            data_dir: None,
            log_file: None,
            detail: None,
        }
    }
    fn with_record(mut self, rec: &PidRecord) -> Self {
        self.pid = Some(rec.pid);
        self.started_by_livedbctl = true;
        self.engine = Some(rec.engine.clone());
        self.data_dir = Some(rec.data_dir.clone());
        self.log_file = Some(rec.log_file.clone());
        if self.version.is_none() {
            self.version = rec.version.clone();
        }
        self
    }
}

pub fn service_dir(s: &Settings, svc: ServiceName) -> PathBuf {
    match svc {
        ServiceName::Postgres => postgres::service_dir(s),
        ServiceName::Kafka => kafka::service_dir(s),
        ServiceName::Redis => redis::service_dir(s),
        ServiceName::Flink => flink::service_dir(s),
        ServiceName::Connect => connect::service_dir(s),
    }
}

pub fn endpoint(s: &Settings, svc: ServiceName) -> Result<(String, u16)> {
    match svc {
        ServiceName::Postgres => Ok((s.postgres.host.clone(), s.postgres.port)),
        ServiceName::Kafka => split_host_port(&s.kafka.brokers[0]),
        ServiceName::Redis => redis_host_port(&s.redis.url),
        ServiceName::Flink => flink::endpoint(s),
        ServiceName::Connect => connect::endpoint(s),
    }
}

fn address(s: &Settings, svc: ServiceName) -> String {
    match svc {
        ServiceName::Kafka => s.kafka.bootstrap(),
        _ => endpoint(s, svc)
            .map(|(h, p)| format!("{h}:{p}"))
            .unwrap_or_default(),
    }
}

/// Ask the service itself whether it answers; the version when it says so. A program
/// that accepts the connection and then says nothing is "not answering" after `timeout`
/// (at least 5 s: a login takes a few round trips).
pub async fn probe(s: &Settings, svc: ServiceName, timeout: Duration) -> Result<Option<String>> {
    let limit = timeout.max(Duration::from_secs(5));
    tokio::time::timeout(limit, probe_once(s, svc, timeout))
        .await
        .unwrap_or_else(|_| {
            Err(Error::connection(format!(
                "{svc} at {} did not answer within {} s",
                address(s, svc),
                limit.as_secs()
            )))
        })
}

/// Every address a service listens on (Kafka: each bootstrap broker).
fn listen_addresses(s: &Settings, svc: ServiceName) -> Vec<(String, u16)> {
    match svc {
        ServiceName::Kafka => s
            .kafka
            .brokers
            .iter()
            .filter_map(|b| split_host_port(b).ok())
            .collect(),
        _ => endpoint(s, svc).into_iter().collect(),
    }
}

/// Whether anything accepts a TCP connection at one of `addrs`. A refused connection is an
/// answer, at once: a stopped service is known without waiting for its protocol's
/// timeout. Only an address that does not answer at all takes `timeout`.
async fn accepts_connections(addrs: &[(String, u16)], timeout: Duration) -> Result<()> {
    let mut why = String::from("no address to connect to");
    for (host, port) in addrs {
        let connect = tokio::net::TcpStream::connect((host.as_str(), *port));
        match tokio::time::timeout(timeout, connect).await {
            Ok(Ok(_)) => return Ok(()),
            Ok(Err(e)) => why = format!("{host}:{port}: {e}"),
            Err(_) => why = format!("{host}:{port}: no answer within {} ms", timeout.as_millis()),
        }
    }
    Err(Error::connection(format!(
        "nothing accepts connections ({why})"
    )))
}

/// Its addresses are tried with a plain TCP connection first, so a service that is not
/// running is reported at once, whatever its protocol.
async fn probe_once(s: &Settings, svc: ServiceName, timeout: Duration) -> Result<Option<String>> {
    accepts_connections(&listen_addresses(s, svc), timeout).await?;
    match svc {
        ServiceName::Postgres => {
            let client = match crate::pg::connect(&s.postgres).await {
                Ok(c) => c,
                // The server answers but the database is not created yet.
                Err(e) if e.code.as_deref() == Some("3D000") => {
                    crate::pg::connect_db(&s.postgres, Some("postgres")).await?
                }
                Err(e) => return Err(e),
            };
            Ok(Some(crate::pg::server_version(&client).await?))
        }
        ServiceName::Kafka => {
            crate::kafka::ping(&s.kafka, timeout).await?;
            Ok(None)
        }
        ServiceName::Redis => Ok(Some(crate::redisdb::ping_version(&s.redis.url).await?)),
        ServiceName::Flink => flink::probe(s, timeout).await,
        ServiceName::Connect => connect::probe(s, timeout).await,
    }
}

/// Wait until the service answers; fail early if its process exits, with the log's tail.
async fn wait_ready(
    s: &Settings,
    svc: ServiceName,
    mut child: Option<&mut std::process::Child>,
    pid: u32,
    log: &std::path::Path,
) -> Result<Option<String>> {
    let timeout = s.infra.start_timeout;
    let start = Instant::now();
    let mut last_err;
    loop {
        match probe(s, svc, Duration::from_secs(2)).await {
            Ok(v) => return Ok(v),
            Err(e) => last_err = e,
        }
        let exited = match child.as_deref_mut() {
            Some(c) => c.try_wait().ok().flatten().map(|st| st.to_string()),
            None => (!process::is_alive(pid)).then(|| "process gone".to_string()),
        };
        if let Some(status) = exited {
            return Err(InfraError::Exited {
                what: svc.to_string(),
                status,
                log: log.to_path_buf(),
                tail: process::tail(log, 20),
            }
            .into());
        }
        if start.elapsed() > timeout {
            return Err(InfraError::NoAnswer {
                service: svc,
                address: address(s, svc),
                secs: timeout.as_secs(),
                last: last_err.message,
                log: log.to_path_buf(),
                tail: process::tail(log, 20),
            }
            .into());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Bring one service up: reuse what answers, start what does not (local addresses only).
pub async fn up_service(s: &Settings, svc: ServiceName) -> Result<ServiceReport> {
    let dir = service_dir(s, svc);
    let addr = address(s, svc);
    let (host, port) = endpoint(s, svc)?;
    if let Some(rec) = process::read_record(&dir) {
        if process::ownership(&rec, rec.pid) == Ownership::Ours {
            match wait_ready(s, svc, None, rec.pid, &rec.log_file).await {
                Ok(version) => {
                    if svc == ServiceName::Postgres {
                        postgres::ensure_database(s).await?;
                    }
                    let mut r = ServiceReport::new(svc, "running", addr);
                    r.version = version;
                    return Ok(r.with_record(&rec));
                }
                // It was on its way out (a crash or a stop a moment ago: PostgreSQL's
                // postmaster outlives its pid file briefly): start it again below.
                Err(_) if !process::is_alive(rec.pid) => {}
                Err(e) => return Err(e),
            }
        }
        process::remove_record(&dir);
    }
    match probe(s, svc, Duration::from_secs(3)).await {
        Ok(version) => {
            if svc == ServiceName::Postgres && is_local_host(&host) {
                postgres::ensure_database(s).await?;
            }
            let mut r = ServiceReport::new(svc, "reused", addr);
            r.version = version;
            r.detail = Some("already answering; not started by livedbctl".into());
            return Ok(r);
        }
        Err(e) if process::port_open(&host, port) => {
            // Another program holds the port: say which, and start nothing on top of it.
            return Err(InfraError::Occupied {
                host,
                port,
                listener: process::listener_of(port),
                service: svc,
                source: e,
            }
            .into());
        }
        Err(e) if !is_local_host(&host) => {
            return Err(InfraError::Remote {
                host,
                service: svc,
                source: e,
            }
            .into());
        }
        Err(_) => {}
    }

    let settings = s.clone();
    let report = match svc {
        ServiceName::Postgres => {
            let rec = tokio::task::spawn_blocking(move || postgres::start_blocking(&settings))
                .await
                .map_err(|e| Error::internal(e.to_string()))??;
            process::create_dir(&dir)?;
            process::write_record(&dir, &rec)?;
            let version = wait_ready(s, svc, None, rec.pid, &rec.log_file).await?;
            postgres::ensure_database(s).await?;
            let mut r = ServiceReport::new(svc, "started", addr);
            r.version = version.or(rec.version.clone());
            r.with_record(&rec)
        }
        ServiceName::Kafka => {
            let started = tokio::task::spawn_blocking(move || kafka::start_blocking(&settings))
                .await
                .map_err(|e| Error::internal(e.to_string()))??;
            let mut child = started.child;
            let rec = started.record;
            process::write_record(&dir, &rec)?;
            if let Err(e) = wait_ready(s, svc, Some(&mut child), rec.pid, &rec.log_file).await {
                stop_record(s, svc, &rec).await;
                process::remove_record(&dir);
                return Err(e);
            }
            ServiceReport::new(svc, "started", addr).with_record(&rec)
        }
        ServiceName::Redis => {
            let (mut child, rec) =
                tokio::task::spawn_blocking(move || redis::start_blocking(&settings))
                    .await
                    .map_err(|e| Error::internal(e.to_string()))??;
            process::write_record(&dir, &rec)?;
            if let Err(e) = wait_ready(s, svc, Some(&mut child), rec.pid, &rec.log_file).await {
                stop_record(s, svc, &rec).await;
                process::remove_record(&dir);
                return Err(e);
            }
            let mut r = ServiceReport::new(svc, "started", addr);
            r.version = crate::redisdb::ping_version(&s.redis.url).await.ok();
            r.with_record(&rec)
        }
        ServiceName::Connect => {
            let (mut child, mut rec) =
                tokio::task::spawn_blocking(move || connect::start_blocking(&settings))
                    .await
                    .map_err(|e| Error::internal(e.to_string()))??;
            process::write_record(&dir, &rec)?;
            match wait_ready(s, svc, Some(&mut child), rec.pid, &rec.log_file).await {
                Ok(version) => {
                    rec.version = version;
                    process::write_record(&dir, &rec)?;
                }
                Err(e) => {
                    stop_record(s, svc, &rec).await;
                    process::remove_record(&dir);
                    return Err(e);
                }
            }
            ServiceReport::new(svc, "started", addr).with_record(&rec)
        }
        ServiceName::Flink => {
            let started = tokio::task::spawn_blocking(move || flink::start_blocking(&settings))
                .await
                .map_err(|e| Error::internal(e.to_string()))??;
            let mut child = started.child;
            let mut rec = started.record;
            process::write_record(&dir, &rec)?;
            match wait_ready(s, svc, Some(&mut child), rec.pid, &rec.log_file).await {
                Ok(version) => {
                    rec.version = version;
                    process::write_record(&dir, &rec)?;
                }
                Err(e) => {
                    stop_record(s, svc, &rec).await;
                    process::remove_record(&dir);
                    return Err(e);
                }
            }
            ServiceReport::new(svc, "started", addr).with_record(&rec)
        }
    };
    Ok(report)
}

/// What runs now, reachable or not.
pub async fn status_service(s: &Settings, svc: ServiceName) -> ServiceReport {
    let dir = service_dir(s, svc);
    let addr = address(s, svc);
    let rec = process::read_record(&dir);
    let owned = rec.as_ref().map(|r| process::ownership(r, r.pid));
    let alive = owned == Some(Ownership::Ours);
    let probed = probe(s, svc, Duration::from_secs(3)).await;
    let local = endpoint(s, svc)
        .map(|(h, _)| is_local_host(&h))
        .unwrap_or(false);
    let mut r = match (&rec, alive, &probed) {
        (Some(rec), true, Ok(v)) => {
            let mut r = ServiceReport::new(svc, "running", addr);
            r.version = v.clone();
            r.with_record(rec)
        }
        (Some(rec), true, Err(e)) => {
            let mut r = ServiceReport::new(svc, "unresponsive", addr).with_record(rec);
            r.detail = Some(e.message.clone());
            r
        }
        (_, _, Ok(v)) => {
            let mut r = ServiceReport::new(svc, "external", addr);
            r.version = v.clone();
            r.detail = Some("answering; not started by livedbctl".into());
            r
        }
        (stale, _, Err(e)) => {
            let mut r =
                ServiceReport::new(svc, if local { "stopped" } else { "unreachable" }, addr);
            if let Some(rec) = stale {
                r.log_file = Some(rec.log_file.clone());
                r.data_dir = Some(rec.data_dir.clone());
                r.detail = Some(match &owned {
                    Some(Ownership::NotOurs(why)) => {
                        format!("the record of livedbctl is stale ({why}); see its log")
                    }
                    _ => format!("pid {} recorded by livedbctl is gone; see its log", rec.pid),
                });
            } else if !local {
                r.detail = Some(e.message.clone());
            }
            r
        }
    };
    if r.engine.is_none() && svc == ServiceName::Kafka && r.state != "external" {
        r.engine = kafka::select_engine(s).ok().map(|e| e.name().to_string());
    }
    r
}

/// Stop the processes of a record that are still the ones livedbctl started (their pid is
/// checked against the recorded start first: a pid reused by another process after a
/// reboot is never signalled).
async fn stop_record(s: &Settings, svc: ServiceName, rec: &PidRecord) {
    let settings = s.clone();
    let rec = rec.clone();
    let _ = tokio::task::spawn_blocking(move || {
        if process::ownership(&rec, rec.pid) == Ownership::Ours {
            match svc {
                ServiceName::Postgres => {
                    let _ = postgres::stop_blocking(&settings, &rec);
                }
                _ => {
                    process::terminate(rec.pid, Duration::from_secs(30));
                }
            }
        }
        for pid in &rec.companions {
            if process::ownership(&rec, *pid) == Ownership::Ours {
                process::terminate(*pid, Duration::from_secs(30));
            }
        }
    })
    .await;
}

/// Stop a service only if livedbctl started it, and only the process it started: a
/// record whose pid now names another process is reported as stale and removed, and
/// nothing is signalled.
pub async fn down_service(s: &Settings, svc: ServiceName) -> Result<ServiceReport> {
    let dir = service_dir(s, svc);
    let addr = address(s, svc);
    let record = process::read_record(&dir);
    let owned = record.as_ref().map(|rec| {
        std::iter::once(rec.pid)
            .chain(rec.companions.iter().copied())
            .map(|pid| process::ownership(rec, pid))
            .collect::<Vec<_>>()
    });
    let stale = owned.as_ref().and_then(|o| {
        o.iter().find_map(|w| match w {
            Ownership::NotOurs(why) => Some(why.clone()),
            _ => None,
        })
    });
    let ours = owned.is_some_and(|o| o.contains(&Ownership::Ours));
    match record {
        Some(rec) if !ours && stale.is_some() => {
            process::remove_record(&dir);
            let mut r = ServiceReport::new(svc, "stale-record", addr).with_record(&rec);
            r.pid = None;
            r.detail = Some(format!(
                "{}: not signalled; the record is removed",
                stale.unwrap_or_default()
            ));
            Ok(r)
        }
        Some(rec) if ours => {
            stop_record(s, svc, &rec).await;
            if process::ownership(&rec, rec.pid) == Ownership::Ours {
                return Err(InfraError::DidNotStop {
                    service: svc,
                    pid: rec.pid,
                    log: rec.log_file.clone(),
                }
                .into());
            }
            process::remove_record(&dir);
            Ok(ServiceReport::new(svc, "stopped", addr).with_record(&rec))
        }
        Some(rec) => {
            process::remove_record(&dir);
            let mut r = ServiceReport::new(svc, "not-running", addr).with_record(&rec);
            r.pid = None;
            Ok(r)
        }
        None => {
            let mut r = ServiceReport::new(svc, "not-running", addr);
            if probe(s, svc, Duration::from_secs(2)).await.is_ok() {
                r.state = "left-running".into();
                r.detail = Some("not started by livedbctl; left alone".into());
            }
            Ok(r)
        }
    }
}

/// Directories `infra down --purge` deletes for a service (those that exist).
pub fn purge_targets(s: &Settings, svc: ServiceName) -> Vec<PathBuf> {
    let mut v = vec![service_dir(s, svc)];
    if svc == ServiceName::Postgres {
        let root = postgres::data_root(s);
        if root != service_dir(s, svc) {
            v.push(root);
        }
    }
    v.into_iter().filter(|p| p.exists()).collect()
}

/// Delete the directories `infra down --purge` chose. As root, a directory whose path
/// another user could redirect (the PostgreSQL user's data root in its home, or a service
/// dir an older version gave that user) is emptied as that user (`runuser ... rm -rf`), so
/// a link planted on the way reaches nothing that user could not delete anyway, and then
/// removed (empty, never through a link) when its parent is root's; one that
/// resolves to another user's files is left alone, with an error.
pub fn purge(s: &Settings, paths: &[PathBuf]) -> Result<()> {
    for p in paths {
        if !process::is_root() || tree::root_controls(p) {
            // std's remove_dir_all does not follow links inside the tree.
            std::fs::remove_dir_all(p).map_err(crate::infra::file_error("delete", p))?;
            continue;
        }
        use std::os::unix::fs::MetadataExt;
        let owner = std::fs::symlink_metadata(p)
            .map_err(crate::infra::file_error("inspect", p))?
            .uid();
        let user = &s.infra.postgres_os_user;
        let owner_is_user = nix::unistd::User::from_name(user)
            .ok()
            .flatten()
            .is_some_and(|u| u.uid.as_raw() == owner);
        if !owner_is_user {
            return Err(InfraError::NotPurged {
                path: p.clone(),
                user: user.clone(),
            }
            .into());
        }
        let out = std::process::Command::new(
            which::which("runuser").unwrap_or_else(|_| PathBuf::from("runuser")),
        )
        .args(["-u", user, "--", "rm", "-rf", "--"])
        .arg(p)
        .output()
        .map_err(crate::infra::file_error("delete", p))?;
        // The user cannot remove the (now empty) directory itself from a parent of root's.
        if p.parent().is_some_and(tree::root_controls) {
            let _ = std::fs::remove_dir(p);
        }
        if p.exists() {
            return Err(crate::infra::file_error("delete", p)(
                std::io::Error::other(format!(
                    "rm -rf as `{user}`: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                )),
            ));
        }
    }
    Ok(())
}

/// The log file of a service livedbctl runs.
pub fn log_path(s: &Settings, svc: ServiceName) -> Result<PathBuf> {
    let dir = service_dir(s, svc);
    let path = process::read_record(&dir)
        .map(|r| r.log_file)
        .unwrap_or_else(|| match svc {
            ServiceName::Postgres => postgres::log_file(s),
            ServiceName::Kafka => kafka::log_file(s),
            ServiceName::Redis => redis::log_file(s),
            ServiceName::Flink => flink::log_file(s),
            ServiceName::Connect => connect::log_file(s),
        });
    if !path.exists() {
        return Err(InfraError::NoLog { service: svc, path }.into());
    }
    Ok(path)
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<InfraError> for Error {
    fn from(e: InfraError) -> Self {
        use crate::error::ErrorKind;
        let kind = match &e {
            // The error of the probe or step underneath decides, and its message is kept.
            InfraError::Occupied { source, .. } => {
                let mut err = Error::new(source.kind, format!("{e}: {}", source.message));
                err.code = source.code.clone();
                return err.with_source(e);
            }
            InfraError::Remote { source, .. } | InfraError::PostgresStart { source, .. } => {
                let mut err = Error::new(source.kind, source.message.clone());
                err.code = source.code.clone();
                return err.with_source(e);
            }
            InfraError::File { .. } | InfraError::Start { .. } => {
                return Error::from_domain(ErrorKind::Runtime, e)
            }
            InfraError::NoLog { .. }
            | InfraError::NoFlinkHome
            | InfraError::NotFlinkHome(_)
            | InfraError::NoConnectHome
            | InfraError::NotConnectHome(_)
            | InfraError::NoKafka { .. }
            | InfraError::NoPostgres
            | InfraError::NoRedis => ErrorKind::NotFound,
            InfraError::NoTopicSpec(_)
            | InfraError::FlinkUrl { .. }
            | InfraError::ConnectUrl { .. }
            | InfraError::NoOsUser(_) => ErrorKind::Config,
            InfraError::CreateDir { .. }
            | InfraError::Exited { .. }
            | InfraError::StepFailed { .. }
            | InfraError::StepTimedOut { .. }
            | InfraError::PortNotOpen { .. }
            | InfraError::NoAnswer { .. }
            | InfraError::DidNotStop { .. }
            | InfraError::UserCannotWrite { .. }
            | InfraError::NotPurged { .. }
            | InfraError::NoPostmasterPid { .. } => ErrorKind::Runtime,
        };
        // The error's own line, as it always read (a cause in it is already there).
        Error::new(kind, e.to_string()).with_source(e)
    }
}
