//! One folder per noun, one file per verb. Commands are thin: arguments -> domain call ->
//! report for the printer.

pub mod alerting;
pub mod check;
pub mod completions;
pub mod connector;
pub mod consume;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod errors;
pub mod group;
pub mod infra;
pub mod produce;
pub mod profile;
pub mod redis;
pub mod sampling;
pub mod seed;
pub mod stream;
pub mod top;
pub mod topic;
pub mod trace;
pub mod values;
pub mod verify;
