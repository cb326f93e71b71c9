//! Dead letters: events the table would not take, with the reason, sent to a topic (with
//! `dlq.*` headers) or written to a table in the batch's transaction.

use std::collections::BTreeMap;

use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::FutureRecord;

use super::{DeadLetter, DeadLetterTarget, Sink};
use crate::consumers::ConsumerError;
use crate::error::Result;
use crate::pg::query_error;
use crate::settings::KafkaSettings;

impl Sink {
    pub(super) async fn publish_dead_letters(&self, dead: &[DeadLetter<'_>]) -> Result<()> {
        let (Some(producer), DeadLetterTarget::Topic(topic)) = (&self.producer, &self.dead_letter)
        else {
            return Ok(());
        };
        let mut pending = Vec::with_capacity(dead.len());
        for d in dead {
            let (partition, offset) = (d.event.partition.to_string(), d.event.offset.to_string());
            let headers = OwnedHeaders::new()
                .insert(Header {
                    key: "dlq.reason",
                    value: Some(d.reason.as_bytes()),
                })
                .insert(Header {
                    key: "dlq.topic",
                    value: Some(d.event.topic.as_bytes()),
                })
                .insert(Header {
                    key: "dlq.partition",
                    value: Some(partition.as_bytes()),
                })
                .insert(Header {
                    key: "dlq.offset",
                    value: Some(offset.as_bytes()),
                })
                .insert(Header {
                    key: "dlq.destination",
                    value: Some(self.table.as_bytes()),
                });
            let mut rec: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(topic).headers(headers);
            if let Some(k) = &d.event.key {
                rec = rec.key(&k[..]);
            }
            if let Some(p) = &d.event.payload {
                rec = rec.payload(&p[..]);
            }
            pending.push(crate::kafka::enqueue::deliver(producer, rec));
        }
        for r in futures::future::join_all(pending).await {
            if let Err((e, _)) = r {
                return Err(ConsumerError::DeadLetterFailed {
                    topic: topic.to_string(),
                    error: e,
                }
                .into());
            }
        }
        Ok(())
    }
}

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
                    &d.event.topic,
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

pub(super) async fn ensure_topic(k: &KafkaSettings, topic: &str) -> Result<()> {
    let spec = crate::profile::TopicSpec {
        name: topic.to_string(),
        partitions: 1,
        replication_factor: 1,
        configs: BTreeMap::new(),
    };
    crate::kafka::admin::ensure_topics(k, &[spec], false)
        .await
        .map(|_| ())
}
