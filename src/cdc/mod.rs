//! Change data capture: a built-in Debezium-compatible engine over pgoutput, its state,
//! and the database checks it needs.

pub mod connect;
pub mod engine;
pub mod envelope;
pub mod pgoutput;
pub mod replication;
pub mod state;

/// Bytes for people: `12.3 MiB`.
pub fn human_bytes(b: i64) -> String {
    let f = b as f64;
    if f >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} GiB", f / 1024.0 / 1024.0 / 1024.0)
    } else if f >= 1024.0 * 1024.0 {
        format!("{:.1} MiB", f / 1024.0 / 1024.0)
    } else if f >= 1024.0 {
        format!("{:.1} KiB", f / 1024.0)
    } else {
        format!("{b} B")
    }
}
