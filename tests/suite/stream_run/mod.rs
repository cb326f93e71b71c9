//! `stream run` against the real stack: window results checked against an independent
//! computation (Python over the events read back by kafka-python), through out-of-order
//! events, late events and kill -9; checkpoints that advance through a backlog; events
//! and checkpoints far ahead of the clock; the open windows limit; and one run per job.
//!
//! The revenue-per-region job's tests are in `revenue`, those of the backlog jobs in
//! `backlog`; here, what both read of a background run.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

mod backlog;
mod revenue;

use std::time::Duration;

use crate::harness::*;
use serde_json::Value;

const WINDOW_MS: i64 = 60_000;
const DELAY_MS: i64 = 5_000;
/// 2026-01-01T00:00:00Z: in the past, as events are (source.max_future sets aside those
/// more than 10 minutes ahead of the clock).
const T0: i64 = 1_767_225_600_000;
const LONG: Duration = Duration::from_secs(300);

/// The JSON records a background run printed so far (a partial last line is skipped).
fn records(scope: &Scope, name: &str) -> Vec<Value> {
    scope
        .output_of(name)
        .0
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn last_progress(scope: &Scope, name: &str) -> Option<Value> {
    records(scope, name)
        .into_iter()
        .rfind(|r| r["type"] == "progress")
}
