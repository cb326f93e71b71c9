//! The local stack: bring services up (reusing what already answers), report their state,
//! and stop only what livedbctl itself started.
//!
//! Here: where each service lives (its directory, address and log). The verbs over any
//! service are in `lifecycle` (up, status, down), `probe` (does it answer) and
//! `purge` (`down --purge`); `error` holds `InfraError`. One file per service knows
//! how to start it ([`postgres`], [`kafka`], [`redis`], [`flink`], [`connect`]), on
//! [`process`] (pid records, child processes) and [`tree`] (files a user cannot redirect);
//! [`bringup`] brings up a whole profile.

pub mod bringup;
pub mod connect;
pub mod flink;
pub mod kafka;
pub mod postgres;
pub mod process;
pub mod redis;
pub mod tree;

mod error;
mod lifecycle;
mod probe;
mod purge;

pub use error::{file_error, InfraError};
pub use lifecycle::{down_service, status_service, up_service, ServiceReport};
pub use probe::probe;
pub use purge::{purge, purge_targets};

use std::path::PathBuf;

use crate::error::Result;
use crate::profile::ServiceName;
use crate::settings::{redis_host_port, split_host_port, Settings};

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
