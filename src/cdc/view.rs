//! A connector as `connector list|status`, the dashboard and `top` show it: its state by
//! the one liveness rule (`cdc::liveness`) against its slot. JSON field names are stable.

use serde::Serialize;

use crate::cdc::state::{ConnectorRow, SlotInfo};

/// Slot lag above which list/status warn (an abandoned slot keeps WAL until the disk fills).
pub const DEFAULT_LAG_WARN_BYTES: i64 = 256 * 1024 * 1024;

/// A connector as `list`/`status` show it (JSON field names are stable).
#[derive(Debug, Clone, Serialize)]
pub struct ConnectorView {
    pub name: String,
    /// running | stopped | slot-missing
    pub state: String,
    pub tables: Vec<String>,
    pub topics: Vec<String>,
    pub slot: String,
    pub publication: String,
    pub created_publication: bool,
    pub snapshot_mode: String,
    pub snapshot_done: bool,
    /// The slot's confirmed position: everything before it reached Kafka.
    pub last_lsn: Option<String>,
    pub slot_lag_bytes: Option<i64>,
    pub retained_wal_bytes: Option<i64>,
    pub wal_status: Option<String>,
    /// Slot lag is above the warning threshold.
    pub lag_warning: bool,
    pub engine_pid: Option<i32>,
    pub engine_host: Option<String>,
}

pub fn view(row: &ConnectorRow, slot: Option<&SlotInfo>, lag_warn: i64) -> ConnectorView {
    let running = crate::cdc::liveness::is_running(row, slot);
    let state = match (slot, running) {
        (None, _) => "slot-missing",
        (Some(_), true) => "running",
        (Some(_), false) => "stopped",
    };
    let lag = slot.and_then(|s| s.lag_bytes);
    ConnectorView {
        name: row.name.clone(),
        state: state.into(),
        tables: row.tables.clone(),
        topics: row.topics(),
        slot: row.slot.clone(),
        publication: row.publication.clone(),
        created_publication: row.created_publication,
        snapshot_mode: row.snapshot_mode.clone(),
        snapshot_done: row.snapshot_done,
        last_lsn: slot.and_then(|s| s.confirmed_flush_lsn.clone()),
        slot_lag_bytes: lag,
        retained_wal_bytes: slot.and_then(|s| s.retained_bytes),
        wal_status: slot.and_then(|s| s.wal_status.clone()),
        lag_warning: lag.is_some_and(|l| l > lag_warn),
        engine_pid: if running { row.engine_pid } else { None },
        engine_host: if running {
            row.engine_host.clone()
        } else {
            None
        },
    }
}
