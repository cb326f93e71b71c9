//! Redis connections from the profile's URL.

use crate::error::{Error, Result};
use crate::profile::redact_conn;

/// Redis failures, keeping the client's error (or the reason) as the source. URLs are
/// redacted before they are stored.
#[derive(Debug, thiserror::Error)]
pub enum RedisError {
    #[error("invalid Redis URL `{url}`")]
    BadUrl {
        url: String,
        #[source]
        source: redis::RedisError,
    },
    #[error("cannot reach Redis at {url}")]
    Unreachable {
        url: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

pub async fn connect(url: &str) -> Result<redis::aio::MultiplexedConnection> {
    let client = redis::Client::open(url).map_err(|e| {
        Error::from(RedisError::BadUrl {
            url: redact_conn(url),
            source: e,
        })
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

pub fn unreachable(url: &str, e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
    RedisError::Unreachable {
        url: redact_conn(url),
        source: e.into(),
    }
    .into()
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

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<RedisError> for Error {
    fn from(e: RedisError) -> Self {
        use crate::error::ErrorKind;
        let kind = match &e {
            RedisError::BadUrl { .. } => ErrorKind::Config,
            RedisError::Unreachable { .. } => ErrorKind::Connection,
        };
        Error::from_domain(kind, e)
    }
}
