//! The seed system's db-burst-writer: seed rows from a CSV or JSON file, validated up front,
//! inserted into `livedb` in bursts (one transaction each) or, in load mode, through COPY
//! at a target rate.

pub mod file;
mod writer;

pub use file::{lookup, SeedRow};
pub use writer::{run_bursts, run_rate, BurstPlan, RatePlan, SeedEvent, SeedSummary};
