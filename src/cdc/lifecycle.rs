//! Removing a built-in connector: what goes (the slot, the publication livedbctl created
//! unless another connector shares it, the state row) and in which order. Topics stay.

use tokio_postgres::Client;

use crate::cdc::liveness;
use crate::cdc::state::{self, ConnectorRow};
use crate::cdc::CdcError;
use crate::error::Result;

/// What deleting a connector will do, decided before asking the operator.
#[derive(Debug, Clone)]
pub struct DeletePlan {
    pub row: ConnectorRow,
    /// The publication goes too: livedbctl created it, no other connector uses it, and
    /// the caller did not ask to keep it.
    pub drop_publication: bool,
    /// livedbctl created the publication, but another connector uses it.
    pub publication_shared: bool,
}

/// What deleting did.
#[derive(Debug, Clone)]
pub struct Deleted {
    pub slot_dropped: bool,
    pub publication_dropped: bool,
}

/// Plan the deletion of connector `name`; refused while its engine runs.
pub async fn plan_delete(c: &Client, name: &str, keep_publication: bool) -> Result<DeletePlan> {
    let row = state::load(c, name)
        .await?
        .ok_or_else(|| CdcError::NoConnector(name.to_string()))?;
    let slot = state::slot(c, &row.slot).await?;
    if liveness::is_running(&row, slot.as_ref()) {
        return Err(CdcError::Running {
            name: row.name.clone(),
            pid: row.engine_pid,
        }
        .into());
    }
    let shared = state::list(c)
        .await?
        .iter()
        .any(|r| r.name != row.name && r.publication == row.publication);
    Ok(DeletePlan {
        drop_publication: row.created_publication && !keep_publication && !shared,
        publication_shared: row.created_publication && shared,
        row,
    })
}

/// Drop the slot (if it still exists), then the publication (if planned), then the row.
pub async fn delete(c: &Client, plan: &DeletePlan) -> Result<Deleted> {
    let slot_dropped = state::slot(c, &plan.row.slot).await?.is_some();
    if slot_dropped {
        state::drop_slot(c, &plan.row.slot).await?;
    }
    if plan.drop_publication {
        state::drop_publication(c, &plan.row.publication).await?;
    }
    state::delete_row(c, &plan.row.name).await?;
    Ok(Deleted {
        slot_dropped,
        publication_dropped: plan.drop_publication,
    })
}
