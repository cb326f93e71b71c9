//! livedbctl's library: the domains (pipeline, consumers, CDC, stream jobs, the stack),
//! the clients of the outside systems (PostgreSQL, Kafka, Redis, Kafka Connect, Flink), the
//! sampler and the dashboard's server. It never parses a command line and never prints:
//! the `livedbctl` binary (`src/bin/livedbctl/`) holds the command line, the commands and
//! the presentation, and is the only crate that turns these errors into words about flags
//! and commands. Imports run downward only; `layers.rs` holds the order in a test.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod alert_rules;
pub mod alerts;
pub mod cdc;
pub mod civil;
pub mod consumers;
pub mod dashboard;
pub mod error;
pub mod groups;
pub mod hooks;
pub mod host;
pub mod http;
pub mod infra;
pub mod json_path;
pub mod json_scan;
pub mod kafka;
pub mod pg;
pub mod pipeline;
pub mod profile;
pub mod redis_dump;
pub mod redisdb;
pub mod retry;
pub mod sampler;
pub mod settings;
pub mod shutdown;
pub mod stream;
pub mod trace;
pub mod verify;

#[cfg(test)]
mod layers;
