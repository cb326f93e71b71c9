//! When is a built-in connector running? The one rule, used by `connector list`,
//! `status`, `stop` and `delete`.
//!
//! The engine writes a heartbeat into its state row between reads and clears it when it
//! stops. A heartbeat younger than [`HEARTBEAT_FRESH_S`] means running. A read of one huge
//! transaction can keep the engine from beating for longer; while its heartbeat is not
//! cleared and its slot is being read (`pg_replication_slots.active`), it is running too.

use crate::cdc::state::{ConnectorRow, SlotInfo};

/// Seconds within which a running engine has written its heartbeat.
pub const HEARTBEAT_FRESH_S: f64 = 15.0;

/// Whether the connector's engine is running (see the module's rule).
pub fn is_running(row: &ConnectorRow, slot: Option<&SlotInfo>) -> bool {
    match row.heartbeat_age_s {
        None => false,
        Some(age) => age < HEARTBEAT_FRESH_S || slot.is_some_and(|s| s.active),
    }
}

/// Whether the engine has said it stopped (or the connector is gone): what `connector
/// stop` waits for.
pub fn has_stopped(row: Option<&ConnectorRow>) -> bool {
    row.is_none_or(|r| r.heartbeat_age_s.is_none())
}
