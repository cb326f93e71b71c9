//! Addresses in settings: `host:port`, the host and port of a redis URL, and whether a
//! host is this machine.

use super::SettingsError;
use crate::error::{Error, Result};
use crate::profile;

/// `host:port` (IPv6 as `[::1]:9092`).
pub fn split_host_port(s: &str) -> Result<(String, u16)> {
    let bad = || Error::from(SettingsError::NotHostPort(s.to_string()));
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let end = rest.find(']').ok_or_else(bad)?;
        (
            rest[..end].to_string(),
            rest[end + 1..].strip_prefix(':').ok_or_else(bad)?,
        )
    } else {
        let (h, p) = s.rsplit_once(':').ok_or_else(bad)?;
        (h.to_string(), p)
    };
    let port = port.parse().map_err(|_| bad())?;
    Ok((host, port))
}

/// Host and port of a `redis://[user:pass@]host:port[/db]` URL.
pub fn redis_host_port(url: &str) -> Result<(String, u16)> {
    let bad = || Error::from(SettingsError::NotRedisUrl(profile::redact_conn(url)));
    let rest = url.split_once("://").map(|(_, r)| r).ok_or_else(bad)?;
    let rest = rest.rsplit_once('@').map(|(_, r)| r).unwrap_or(rest);
    let hostport = rest.split(['/', '?']).next().unwrap_or(rest);
    if hostport.contains(':') {
        split_host_port(hostport)
    } else {
        Ok((hostport.to_string(), 6379))
    }
}

/// Whether an address names this machine (so `infra up` may start a server for it).
pub fn is_local_host(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1" | "0.0.0.0") || host.starts_with("127.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_port_parsing() {
        assert_eq!(
            split_host_port("[::1]:9092").unwrap(),
            ("::1".to_string(), 9092)
        );
        assert_eq!(
            redis_host_port("redis://:pw@h:7/0").unwrap(),
            ("h".to_string(), 7)
        );
        assert_eq!(
            redis_host_port("redis://h").unwrap(),
            ("h".to_string(), 6379)
        );
    }
}
