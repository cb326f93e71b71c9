//! Whether a service answers: a TCP connection first, then its own protocol, and the
//! wait for a starting service to answer.

use std::time::{Duration, Instant};

use super::{address, connect, endpoint, flink, process, InfraError};
use crate::error::{Error, Result};
use crate::profile::ServiceName;
use crate::settings::{split_host_port, Settings};

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
pub(super) async fn wait_ready(
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
