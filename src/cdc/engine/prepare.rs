//! Before the first read: the state row, the publication and the slot, created or
//! reused, with the settings checked against what is stored.

use std::collections::BTreeMap;

use tokio_postgres::Client;

use super::config::{resolve, EngineConfig, Resolved};
use super::Progress;
use crate::cdc::pgoutput::parse_lsn;
use crate::cdc::state::{self, CatalogTable, ConnectorRow};
use crate::cdc::CdcError;
use crate::error::Result;

/// What is ready before the first read.
pub(super) struct Prepared {
    pub(super) row: ConnectorRow,
    pub(super) res: Resolved,
    /// What the catalog says about each of the row's tables, read while checking them.
    pub(super) catalog: BTreeMap<String, CatalogTable>,
    /// The consistent point of a slot created now (a snapshot's `source.lsn`).
    pub(super) new_slot_lsn: Option<u64>,
}

/// Validate tables, create or reuse the publication, slot and state row.
pub(super) async fn prepare(
    client: &Client,
    cfg: &EngineConfig,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Prepared> {
    state::ensure_state_table(client).await?;
    let existing = state::load(client, &cfg.name).await?;
    let res = resolve(cfg, existing.as_ref())?;
    let tables: Vec<String> = if cfg.tables.is_empty() {
        match &existing {
            Some(r) => r.tables.clone(),
            None => return Err(CdcError::NoTables(cfg.name.clone()).into()),
        }
    } else {
        cfg.tables
            .iter()
            .map(|t| {
                let (s, n) = state::split_table(t);
                format!("{s}.{n}")
            })
            .collect()
    };
    if let Some(r) = &existing {
        if r.slot != cfg.slot || r.publication != cfg.publication {
            return Err(CdcError::OtherSlot {
                name: cfg.name.clone(),
                slot: r.slot.clone(),
                publication: r.publication.clone(),
            }
            .into());
        }
    }
    let mut catalog = BTreeMap::new();
    for t in &tables {
        catalog.insert(t.clone(), state::catalog_table(client, t).await?);
    }
    let mut created_publication = existing
        .as_ref()
        .map(|r| r.created_publication)
        .unwrap_or(false);
    match state::publication_tables(client, &cfg.publication).await? {
        None => {
            state::create_publication(client, &cfg.publication, &tables).await?;
            created_publication = true;
            observer(Progress::Info(format!(
                "created publication `{}` for {}",
                cfg.publication,
                tables.join(", ")
            )));
        }
        Some(have) => {
            let missing: Vec<String> = tables
                .iter()
                .filter(|t| !have.contains(t))
                .cloned()
                .collect();
            if !missing.is_empty() {
                state::add_to_publication(client, &cfg.publication, &missing).await?;
                observer(Progress::Info(format!(
                    "added {} to publication `{}`",
                    missing.join(", "),
                    cfg.publication
                )));
            }
        }
    }
    let mut new_slot_lsn = None;
    match state::slot(client, &cfg.slot).await? {
        Some(s) => {
            if s.plugin.as_deref() != Some("pgoutput") {
                return Err(CdcError::WrongPlugin {
                    slot: cfg.slot.clone(),
                    plugin: s.plugin.clone(),
                }
                .into());
            }
            observer(Progress::Info(format!(
                "resuming slot `{}` at {}",
                cfg.slot,
                s.confirmed_flush_lsn.unwrap_or_default()
            )));
        }
        None => {
            let lsn = state::create_slot(client, &cfg.slot).await?;
            new_slot_lsn = Some(parse_lsn(&lsn).unwrap_or(0));
            observer(Progress::Info(format!(
                "created replication slot `{}` (pgoutput) at {lsn}",
                cfg.slot
            )));
        }
    }
    let row = ConnectorRow {
        name: cfg.name.clone(),
        slot: cfg.slot.clone(),
        publication: cfg.publication.clone(),
        tables,
        topic_prefix: res.topic_prefix.clone(),
        created_publication,
        snapshot_mode: res.snapshot.as_str().into(),
        options: serde_json::to_value(&res).unwrap_or_default(),
        snapshot_done: existing.as_ref().map(|r| r.snapshot_done).unwrap_or(false),
        snapshot_xip: existing.as_ref().and_then(|r| r.snapshot_xip.clone()),
        engine_pid: None,
        engine_host: None,
        heartbeat_age_s: None,
        last_commit_lsn: existing.as_ref().and_then(|r| r.last_commit_lsn.clone()),
    };
    state::save(client, &row).await?;
    let new_slot = new_slot_lsn.is_some();
    if new_slot && row.snapshot_done {
        // The slot was recreated: the old snapshot no longer matches it.
        state::mark_snapshot(client, &row.name, false, None).await?;
    }
    Ok(Prepared {
        row: ConnectorRow {
            snapshot_done: row.snapshot_done && !new_slot,
            ..row
        },
        res,
        catalog,
        new_slot_lsn,
    })
}
