//! Where a connector is, in Kafka Connect's offsets shape (KIP-875, Kafka 3.6+:
//! `GET|PATCH|DELETE /connectors/NAME/offsets`): a list of source partitions, each with
//! its offset. For Debezium's PostgreSQL connector the partition is `{"server": PREFIX}`
//! and the offset holds `lsn` (where streaming resumes), `lsn_commit`, `txId`... The
//! built-in engine's own position is shown in the same shape: `lsn` is its slot's
//! confirmed position, where it resumes; `lsn_commit` the end of the last transaction it
//! confirmed.
//!
//! Offsets move only while the connector is STOPPED; Connect itself refuses otherwise.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::cdc::connect::{ConnectClient, ConnectError};
use crate::cdc::pgoutput::{format_lsn, parse_lsn};
use crate::error::{Error, Result};
use crate::http::enc;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Offsets {
    pub offsets: Vec<PartitionOffset>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PartitionOffset {
    pub partition: Map<String, Value>,
    /// None: reset (no offset: the connector starts as new, per its snapshot mode).
    pub offset: Option<Map<String, Value>>,
}

impl PartitionOffset {
    /// The offset's `lsn` as PostgreSQL writes it (`0/16B3748`).
    pub fn lsn(&self) -> Option<String> {
        self.offset.as_ref()?.get("lsn")?.as_u64().map(format_lsn)
    }
}

/// An LSN as PostgreSQL writes it (`0/16B3748`) or as a number (Debezium's offsets).
pub fn lsn_from_text(s: &str) -> Result<u64> {
    parse_lsn(s)
        .or_else(|| s.trim().parse::<u64>().ok())
        .ok_or_else(|| Error::usage(format!("`{s}` is not an LSN (like 0/16B3748, or a number)")))
}

impl ConnectClient {
    pub async fn offsets(&self, name: &str) -> Result<Offsets> {
        let (_, v) = self
            .call(
                reqwest::Method::GET,
                &format!("/connectors/{}/offsets", enc(name)),
                None,
            )
            .await?;
        serde_json::from_value(v)
            .map_err(|e| Error::runtime(format!("unexpected connector offsets: {e}")))
    }

    /// The connector must be STOPPED: said before Connect is asked, in words of ours.
    async fn require_stopped(&self, name: &str) -> Result<()> {
        let st = self.status(name).await?;
        if st.connector.state != "STOPPED" {
            return Err(ConnectError::NotStopped {
                name: name.to_string(),
                state: st.connector.state,
            }
            .into());
        }
        Ok(())
    }

    /// Forget the connector's offsets (`DELETE .../offsets`): started again, it begins as a
    /// new connector would. Connect's answer (what it did) is returned.
    pub async fn reset_offsets(&self, name: &str) -> Result<String> {
        self.require_stopped(name).await?;
        let (_, v) = self
            .call(
                reqwest::Method::DELETE,
                &format!("/connectors/{}/offsets", enc(name)),
                None,
            )
            .await?;
        Ok(message(&v))
    }

    /// Set `lsn` on every source partition the connector has (`PATCH .../offsets`); a
    /// connector with no offsets yet gets the partition of its `topic.prefix`.
    pub async fn set_lsn(&self, name: &str, lsn: u64) -> Result<String> {
        self.require_stopped(name).await?;
        let mut partitions: Vec<Map<String, Value>> = self
            .offsets(name)
            .await?
            .offsets
            .into_iter()
            .map(|p| p.partition)
            .collect();
        if partitions.is_empty() {
            let config = self.config(name).await?;
            let prefix = config
                .get("topic.prefix")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let mut p = Map::new();
            p.insert("server".into(), Value::String(prefix.to_string()));
            partitions.push(p);
        }
        let body = json!({
            "offsets": partitions
                .into_iter()
                .map(|partition| json!({"partition": partition, "offset": {"lsn": lsn}}))
                .collect::<Vec<_>>()
        });
        let (_, v) = self
            .call(
                reqwest::Method::PATCH,
                &format!("/connectors/{}/offsets", enc(name)),
                Some(&body),
            )
            .await?;
        Ok(message(&v))
    }
}

fn message(v: &Value) -> String {
    v.get("message")
        .and_then(Value::as_str)
        .map(String::from)
        .unwrap_or_else(|| v.to_string())
}

/// The built-in engine's position in Connect's shape: its partition is its topic prefix
/// (as Debezium's), `lsn` where its slot resumes, `lsn_commit` the last transaction it
/// confirmed. No slot yet: no offset.
pub fn builtin_offsets(
    row: &crate::cdc::state::ConnectorRow,
    slot: Option<&crate::cdc::state::SlotInfo>,
) -> Offsets {
    let mut partition = Map::new();
    partition.insert("server".into(), Value::String(row.topic_prefix.clone()));
    let lsn = slot
        .and_then(|s| s.confirmed_flush_lsn.as_deref())
        .and_then(parse_lsn);
    let offset = lsn.map(|lsn| {
        let mut o = Map::new();
        o.insert("lsn".into(), lsn.into());
        if let Some(c) = row.last_commit_lsn.as_deref().and_then(parse_lsn) {
            o.insert("lsn_commit".into(), c.into());
        }
        o.insert("snapshot_completed".into(), row.snapshot_done.into());
        o
    });
    Offsets {
        offsets: vec![PartitionOffset { partition, offset }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lsns_read_both_ways() {
        assert_eq!(lsn_from_text("0/16B3748").unwrap(), 0x16B3748);
        assert_eq!(lsn_from_text("26432552").unwrap(), 26432552);
        assert!(lsn_from_text("yesterday").is_err());
        let p = PartitionOffset {
            partition: Map::new(),
            offset: Some(
                json!({"lsn": 26432552})
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            ),
        };
        assert_eq!(p.lsn().as_deref(), Some("0/1935428"));
    }
}
