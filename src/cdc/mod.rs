//! Change data capture: a built-in Debezium-compatible engine over pgoutput, its state,
//! and the database checks it needs.

pub mod connect;
pub mod engine;
pub mod envelope;
pub mod pgoutput;
pub mod replication;
pub mod state;

/// Bytes for people (`12.30 MiB`), as indicatif writes them; a negative count is 0.
pub fn human_bytes(b: i64) -> String {
    indicatif::HumanBytes(b.max(0) as u64).to_string()
}
