//! Dead letters in a table: events the table would not take, with the reason, written in
//! the batch's transaction. (To a topic they go through `consumers::dead_letter`.)

use crate::consumers::dead_letter::DeadLetter;
use crate::error::Result;
use crate::pg::query_error;

pub(super) struct DeadLetterWriter<'a> {
    pub(super) st: Option<&'a tokio_postgres::Statement>,
    pub(super) table: &'a str,
}

impl DeadLetterWriter<'_> {
    pub(super) async fn write(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        dead: &[DeadLetter<'_>],
    ) -> Result<()> {
        let Some(st) = self.st else { return Ok(()) };
        for d in dead {
            tx.execute(
                st,
                &[
                    &self.table,
                    &&*d.event.topic,
                    &d.event.partition,
                    &d.event.offset,
                    &d.event.key,
                    &d.event.payload,
                    &d.reason,
                ],
            )
            .await
            .map_err(|e| query_error("writing a dead letter", e))?;
        }
        Ok(())
    }
}
