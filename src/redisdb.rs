//! Redis connections from the profile's URL.

use crate::error::{Error, Result};
use crate::profile::redact_url;

pub async fn connect(url: &str) -> Result<redis::aio::MultiplexedConnection> {
    let client = redis::Client::open(url).map_err(|e| {
        Error::config(format!("invalid Redis URL `{}`: {e}", redact_url(url)))
            .hint("expected redis://host:port[/db]")
    })?;
    let conn = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        client.get_multiplexed_async_connection(),
    )
    .await
    .map_err(|_| unreachable(url, "timed out after 10 s"))?
    .map_err(|e| unreachable(url, e))?;
    Ok(conn)
}

pub fn unreachable(url: &str, e: impl std::fmt::Display) -> Error {
    Error::connection(format!("cannot reach Redis at {}: {e}", redact_url(url))).hint(
        "is it running? `livedbctl infra up` starts the local stack; check redis.url / REDIS_URL",
    )
}

/// PING, then the server's version from INFO.
pub async fn ping_version(url: &str) -> Result<String> {
    let mut conn = connect(url).await?;
    let pong: String = redis::cmd("PING")
        .query_async(&mut conn)
        .await
        .map_err(|e| unreachable(url, e))?;
    if pong != "PONG" {
        return Err(unreachable(url, format!("unexpected PING reply {pong:?}")));
    }
    let info: String = redis::cmd("INFO")
        .arg("server")
        .query_async(&mut conn)
        .await
        .map_err(|e| unreachable(url, e))?;
    Ok(info
        .lines()
        .find_map(|l| l.strip_prefix("redis_version:"))
        .unwrap_or("unknown")
        .trim()
        .to_string())
}
