//! A connector's configuration: what the command line asks for, merged with what is
//! stored with the connector (the event format and topics are fixed at creation).

use std::time::Duration;

use serde::Serialize;

use crate::cdc::envelope::{self};
use crate::cdc::state::ConnectorRow;
use crate::cdc::{CdcError, Setting};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SnapshotMode {
    /// Snapshot existing rows once (first start), then stream
    Initial,
    /// Never snapshot; stream changes from the slot's position
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
    pub skipped_operations: Option<SkippedOps>,
    pub transaction_metadata: Option<bool>,
    pub extended_headers: Option<bool>,
    /// Debezium's `heartbeat.interval.ms`: a record on `__debezium-heartbeat.<prefix>`
    /// this often (None: off).
    pub heartbeat_interval: Option<Duration>,
    /// Debezium's `heartbeat.action.query`: run on each heartbeat.
    pub heartbeat_action_query: Option<String>,
    /// Debezium's `xmin.fetch.interval.ms`: read the slot's catalog_xmin this often for
    /// `source.xmin` (None: xmin stays null).
    pub xmin_fetch_interval: Option<Duration>,
    pub stats_interval: Duration,
    pub partitions: i32,
    pub replication_factor: i32,
    /// Stop once the slot has nothing more to give (scripts, tests, backfills).
    pub until_idle: bool,
}

/// Debezium's `skipped.operations`: change kinds not emitted (`c`, `u`, `d`, `t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SkippedOps {
    pub create: bool,
    pub update: bool,
    pub delete: bool,
    pub truncate: bool,
}

impl SkippedOps {
    /// Debezium's default: truncates are not emitted.
    pub const DEBEZIUM_DEFAULT: SkippedOps = SkippedOps {
        create: false,
        update: false,
        delete: false,
        truncate: true,
    };

    /// `none`, or a comma-separated list of `c`, `u`, `d`, `t`.
    pub fn parse(s: &str) -> std::result::Result<SkippedOps, String> {
        let mut ops = SkippedOps::default();
        if s.trim() == "none" {
            return Ok(ops);
        }
        for op in s.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            match op {
                "c" => ops.create = true,
                "u" => ops.update = true,
                "d" => ops.delete = true,
                "t" => ops.truncate = true,
                other => {
                    return Err(format!(
                        "`{other}` is not an operation: use c, u, d, t (comma-separated) or none"
                    ))
                }
            }
        }
        Ok(ops)
    }
}

impl std::fmt::Display for SkippedOps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ops: Vec<&str> = [
            (self.create, "c"),
            (self.update, "u"),
            (self.delete, "d"),
            (self.truncate, "t"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, o)| *o)
        .collect();
        f.write_str(&if ops.is_empty() {
            "none".to_string()
        } else {
            ops.join(",")
        })
    }
}

impl Serialize for SkippedOps {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for SkippedOps {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        SkippedOps::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The connector's settings after merging flags with what is stored.
///
/// Connectors created before a setting existed keep what they did then: a missing
/// `skipped_operations` means truncates are emitted, a missing `transaction_metadata`
/// means none. (`decimal_handling` was always stored, so a connector created while the
/// default was `string` keeps `string`.)
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Resolved {
    #[serde(skip)]
    pub topic_prefix: String,
    #[serde(skip, default = "default_snapshot")]
    pub snapshot: SnapshotMode,
    pub tombstones: bool,
    pub schemas_enable: bool,
    pub decimal_handling: envelope::DecimalHandling,
    #[serde(default)]
    pub skipped_operations: SkippedOps,
    #[serde(default)]
    pub transaction_metadata: bool,
    #[serde(default)]
    pub extended_headers: bool,
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
            decimal_handling: cfg.decimal.unwrap_or(envelope::DecimalHandling::Precise),
            skipped_operations: cfg
                .skipped_operations
                .unwrap_or(SkippedOps::DEBEZIUM_DEFAULT),
            transaction_metadata: cfg.transaction_metadata.unwrap_or(false),
            extended_headers: cfg.extended_headers.unwrap_or(false),
        });
    };
    // A row without readable options predates them: the format of that time.
    let stored: Resolved = serde_json::from_value(row.options.clone()).unwrap_or(Resolved {
        topic_prefix: String::new(),
        snapshot: SnapshotMode::Initial,
        tombstones: true,
        schemas_enable: false,
        decimal_handling: envelope::DecimalHandling::String,
        skipped_operations: SkippedOps::default(),
        transaction_metadata: false,
        extended_headers: false,
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
                stored.decimal_handling.debezium().into(),
                d.debezium().into(),
            ));
        }
    }
    if let Some(ops) = cfg.skipped_operations {
        if ops != stored.skipped_operations {
            return Err(conflict(
                Setting::SkippedOperations,
                stored.skipped_operations.to_string(),
                ops.to_string(),
            ));
        }
    }
    if let Some(t) = cfg.transaction_metadata {
        if t != stored.transaction_metadata {
            return Err(conflict(
                Setting::TransactionMetadata,
                stored.transaction_metadata.to_string(),
                t.to_string(),
            ));
        }
    }
    if let Some(h) = cfg.extended_headers {
        if h != stored.extended_headers {
            return Err(conflict(
                Setting::ExtendedHeaders,
                stored.extended_headers.to_string(),
                h.to_string(),
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

    #[test]
    fn skipped_operations_and_stored_formats() {
        assert_eq!(
            SkippedOps::parse("t").unwrap(),
            SkippedOps::DEBEZIUM_DEFAULT
        );
        assert_eq!(SkippedOps::parse("none").unwrap(), SkippedOps::default());
        assert_eq!(SkippedOps::parse("c, d").unwrap().to_string(), "c,d");
        assert!(SkippedOps::parse("x").is_err());
        // Options stored by a connector created before this version: emits truncates,
        // keeps its decimal mode.
        let old: Resolved = serde_json::from_value(serde_json::json!(
            {"tombstones": true, "schemas_enable": false, "decimal_handling": "string"}
        ))
        .unwrap();
        assert_eq!(old.skipped_operations, SkippedOps::default());
        assert_eq!(old.decimal_handling, envelope::DecimalHandling::String);
        assert!(!old.transaction_metadata);
    }
}
