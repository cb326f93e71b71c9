//! Bring a service up, report its state, and take it down: reusing what already answers,
//! and stopping only what livedbctl itself started.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use super::probe::{probe, wait_ready};
use super::{
    address, connect, endpoint, flink, kafka, postgres, process, redis, service_dir, InfraError,
};
use crate::error::{Error, Result};
use crate::infra::process::{Ownership, PidRecord};
use crate::profile::ServiceName;
use crate::settings::{is_local_host, Settings};

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
