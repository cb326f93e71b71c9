//! Stream processing, the seed's Flink stage: windowed aggregations over event streams,
//! defined once in a job file (`job`), checked and translated to Flink SQL (`sql`), run by
//! the built-in window engine (`event` -> `engine` -> `sink`) or submitted to an Apache
//! Flink cluster (`flink`). No clap and no printing here: commands call in and report.

pub mod decimal;
pub mod engine;
pub mod event;
pub mod expr;
pub mod flink;
pub mod job;
pub mod replay;
pub mod sink;
pub mod sql;
pub mod yaml;
