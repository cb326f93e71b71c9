//! A connector's configuration: what the command line asks for, merged with what is
//! stored with the connector (the event format and topics are fixed at creation).

use std::time::Duration;

use serde::Serialize;

use crate::cdc::envelope::{self};
use crate::cdc::state::ConnectorRow;
use crate::cdc::{CdcError, Setting};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SnapshotMode {
    /// Snapshot existing rows once (first start), then stream
    Initial,
    /// Never snapshot; stream changes from the slot's position
    #[value(alias = "no-data")]
    Never,
    /// Snapshot on every start, then stream
    Always,
    /// Snapshot once and exit without streaming
    InitialOnly,
}

impl SnapshotMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotMode::Initial => "initial",
            SnapshotMode::Never => "never",
            SnapshotMode::Always => "always",
            SnapshotMode::InitialOnly => "initial-only",
        }
    }
}

#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub name: String,
    /// `schema.table`; empty = the tables stored with the connector.
    pub tables: Vec<String>,
    pub slot: String,
    pub publication: String,
    /// Settings given on the command line; None = the stored value (or the default for a
    /// new connector). They are fixed when the connector is created.
    pub topic_prefix: Option<String>,
    pub snapshot: Option<SnapshotMode>,
    pub tombstones: Option<bool>,
    pub decimal: Option<envelope::DecimalHandling>,
    pub schemas_enable: Option<bool>,
    /// `upto_nchanges` per peek.
    pub batch_changes: i32,
    pub poll_interval: Duration,
    pub stats_interval: Duration,
    pub partitions: i32,
    pub replication_factor: i32,
    /// Stop once the slot has nothing more to give (scripts, tests, backfills).
    pub until_idle: bool,
}

/// The connector's settings after merging flags with what is stored.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Resolved {
    #[serde(skip)]
    pub topic_prefix: String,
    #[serde(skip, default = "default_snapshot")]
    pub snapshot: SnapshotMode,
    pub tombstones: bool,
    pub schemas_enable: bool,
    pub decimal_handling: envelope::DecimalHandling,
}

pub(super) fn default_snapshot() -> SnapshotMode {
    SnapshotMode::Initial
}

impl SnapshotMode {
    pub(super) fn parse(s: &str) -> SnapshotMode {
        match s {
            "never" => SnapshotMode::Never,
            "always" => SnapshotMode::Always,
            "initial-only" => SnapshotMode::InitialOnly,
            _ => SnapshotMode::Initial,
        }
    }
}

pub(super) fn resolve(cfg: &EngineConfig, existing: Option<&ConnectorRow>) -> Result<Resolved> {
    let Some(row) = existing else {
        return Ok(Resolved {
            topic_prefix: cfg.topic_prefix.clone().unwrap_or_else(|| "db".into()),
            snapshot: cfg.snapshot.unwrap_or(SnapshotMode::Initial),
            tombstones: cfg.tombstones.unwrap_or(true),
            schemas_enable: cfg.schemas_enable.unwrap_or(false),
            decimal_handling: cfg.decimal.unwrap_or(envelope::DecimalHandling::String),
        });
    };
    let stored: Resolved = serde_json::from_value(row.options.clone()).unwrap_or(Resolved {
        topic_prefix: String::new(),
        snapshot: SnapshotMode::Initial,
        tombstones: true,
        schemas_enable: false,
        decimal_handling: envelope::DecimalHandling::String,
    });
    let conflict = |setting: Setting, stored: String, asked: String| -> Error {
        CdcError::FixedSetting {
            name: cfg.name.clone(),
            setting,
            stored,
            asked,
        }
        .into()
    };
    if let Some(p) = &cfg.topic_prefix {
        if p != &row.topic_prefix {
            return Err(conflict(
                Setting::TopicPrefix,
                row.topic_prefix.clone(),
                p.clone(),
            ));
        }
    }
    if let Some(t) = cfg.tombstones {
        if t != stored.tombstones {
            return Err(conflict(
                Setting::Tombstones,
                stored.tombstones.to_string(),
                t.to_string(),
            ));
        }
    }
    if let Some(x) = cfg.schemas_enable {
        if x != stored.schemas_enable {
            return Err(conflict(
                Setting::SchemasEnable,
                stored.schemas_enable.to_string(),
                x.to_string(),
            ));
        }
    }
    if let Some(d) = cfg.decimal {
        if d != stored.decimal_handling {
            return Err(conflict(
                Setting::DecimalHandling,
                format!("{:?}", stored.decimal_handling),
                format!("{d:?}"),
            ));
        }
    }
    Ok(Resolved {
        topic_prefix: row.topic_prefix.clone(),
        // The snapshot mode may change between runs (e.g. `always` once to re-read).
        snapshot: cfg
            .snapshot
            .unwrap_or_else(|| SnapshotMode::parse(&row.snapshot_mode)),
        ..stored
    })
}

/// The slot of a connector named `name` when none is given: slot names allow lower-case
/// letters, digits and underscores.
pub fn slot_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Whether PostgreSQL accepts `slot` as a replication slot name.
pub fn is_valid_slot_name(slot: &str) -> bool {
    !slot.is_empty()
        && slot.len() <= 63
        && slot
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The publication of a slot when none is given.
pub fn default_publication(slot: &str) -> String {
    format!("{slot}_pub")
}

impl SnapshotMode {
    /// Debezium's `snapshot.mode` for the same behaviour.
    pub fn debezium(self) -> &'static str {
        match self {
            SnapshotMode::Initial => "initial",
            SnapshotMode::Never => "no_data",
            SnapshotMode::Always => "always",
            SnapshotMode::InitialOnly => "initial_only",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_names_are_made_valid() {
        assert_eq!(slot_name("Orders-CDC.1"), "orders_cdc_1");
        assert!(is_valid_slot_name(&slot_name("Orders-CDC.1")));
        assert!(!is_valid_slot_name(""));
        assert!(!is_valid_slot_name("Upper"));
        assert!(!is_valid_slot_name(&"x".repeat(64)));
        assert_eq!(default_publication("cdc"), "cdc_pub");
        assert_eq!(SnapshotMode::Never.debezium(), "no_data");
    }
}
