//! Change data capture: a built-in Debezium-compatible engine over pgoutput, its state,
//! and the database checks it needs.

pub mod engine;
pub mod envelope;
pub mod pgoutput;
pub mod state;
