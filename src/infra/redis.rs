//! A local `redis-server` on the profile's port, without persistence.

use std::path::PathBuf;

use crate::error::Result;
use crate::infra::process::{self, command_as, spawn_detached, PidRecord};
use crate::infra::InfraError;
use crate::settings::{redis_host_port, Settings};

pub fn service_dir(s: &Settings) -> PathBuf {
    s.infra.state_dir.join("redis")
}

pub fn log_file(s: &Settings) -> PathBuf {
    service_dir(s).join("redis.log")
}

pub fn start_blocking(s: &Settings) -> Result<(std::process::Child, PidRecord)> {
    let bin = process::find_program("redis-server", &[]).ok_or(InfraError::NoRedis)?;
    let dir = service_dir(s);
    let data = dir.join("data");
    process::create_dir(&data)?;
    let (host, port) = redis_host_port(&s.redis.url)?;
    let args: Vec<String> = vec![
        "--bind".into(),
        host.clone(),
        "--port".into(),
        port.to_string(),
        "--save".into(),
        String::new(),
        "--appendonly".into(),
        "no".into(),
        "--dir".into(),
        data.display().to_string(),
        "--daemonize".into(),
        "no".into(),
    ];
    let log = log_file(s);
    let child = spawn_detached(command_as(None, &bin, &args), &dir, &log)?;
    let record = PidRecord {
        pid: child.id(),
        engine: "redis".into(),
        address: format!("{host}:{port}"),
        started_at: process::now_rfc3339(),
        log_file: log,
        data_dir: data,
        version: process::version_of(&bin, "--version"),
        companions: Vec::new(),
        starts: Default::default(),
    };
    Ok((child, record))
}
