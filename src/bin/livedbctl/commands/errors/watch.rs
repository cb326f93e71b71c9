//! Hints for Redis and the dashboard.

use super::one;
use crate::dashboard::DashboardError;
use crate::redisdb::RedisError;

pub fn redis(e: &RedisError) -> Vec<String> {
    match e {
        RedisError::BadUrl { .. } => one("expected redis://host:port[/db]"),
        RedisError::Unreachable { .. } => one(
            "is it running? `livedbctl infra up` starts the local stack; check redis.url / REDIS_URL",
        ),
        RedisError::Refused { .. } => Vec::new(),
    }
}

pub fn dashboard(e: &DashboardError) -> Vec<String> {
    match e {
        DashboardError::Bind { source, .. } if source.kind() == std::io::ErrorKind::AddrInUse => one(
            "another program (or another dashboard) uses that port: pick one with --listen 127.0.0.1:PORT",
        ),
        DashboardError::Bind { .. } => one("check the address given with --listen"),
        DashboardError::Serve(_) | DashboardError::Random(_) => Vec::new(),
    }
}
