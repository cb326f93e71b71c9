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
    /// Redis answered, with an error: the server is there, the request was refused.
    #[error("Redis at {url} refused {what}")]
    Refused {
        url: String,
        what: String,
        #[source]
        source: redis::RedisError,
    },
}

/// A lost or refused connection (the server may be back soon), not an answer.
pub fn is_connection_error(e: &redis::RedisError) -> bool {
    e.is_io_error() || e.is_connection_dropped() || e.is_connection_refusal() || e.is_timeout()
}

/// A failed request, in the right words: "cannot reach" only when the connection failed;
/// an error Redis answered with (a script's error, a wrong type) is a refusal.
pub fn failed(url: &str, what: &str, e: redis::RedisError) -> Error {
    if is_connection_error(&e) {
        unreachable(url, format!("{what}: {e}"))
    } else {
        RedisError::Refused {
            url: redact_conn(url),
            what: what.to_string(),
            source: e,
        }
        .into()
    }
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
            RedisError::Refused { .. } => ErrorKind::Runtime,
        };
        Error::from_domain(kind, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn an_answer_from_redis_is_a_refusal_not_a_lost_connection() {
        let url = "redis://:hunter2@127.0.0.1:6379";
        let script = redis::RedisError::from((
            redis::ErrorKind::ResponseError,
            "ERR Error running script",
            "value is not a valid float".to_string(),
        ));
        let e = failed(url, "applying a batch (Lua script)", script);
        assert_eq!(e.kind, ErrorKind::Runtime);
        let text = e.to_string();
        assert!(text.contains("refused applying a batch"), "{text}");
        assert!(
            !text.contains("cannot reach") && !text.contains("hunter2"),
            "{text}"
        );

        let io = redis::RedisError::from(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        let e = failed(url, "applying a batch (Lua script)", io);
        assert_eq!(e.kind, ErrorKind::Connection);
        assert!(e.to_string().contains("cannot reach Redis"), "{e}");
    }
}
