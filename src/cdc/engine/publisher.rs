//! Publishing records: acks=all, one request in flight per broker (so a key's changes
//! keep their order), at most `MAX_PENDING` deliveries outstanding.

use std::collections::VecDeque;

use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord};

use crate::cdc::envelope::Record;
use crate::error::{Error, Result};
use crate::kafka::enqueue::enqueue;
use crate::settings::KafkaSettings;

/// Deliveries awaited before more are queued (bounds memory inside one transaction).
pub(super) const MAX_PENDING: usize = 20_000;
pub(super) struct Publisher {
    pub(super) producer: FutureProducer,
    pub(super) pending: VecDeque<DeliveryFuture>,
    pub(super) sent: u64,
}

impl Publisher {
    pub(super) fn new(k: &KafkaSettings) -> Result<Publisher> {
        let mut cfg = crate::kafka::client_config(k);
        cfg.set("acks", "all")
            // Same partition for a key as Kafka Connect's Java producer would choose.
            .set("partitioner", "murmur2_random")
            // Retries must not reorder the changes of a key. (An idempotent producer also
            // would, but measured at half the throughput against tansu: benches/RESULTS-cdc.md.)
            .set("max.in.flight.requests.per.connection", "1")
            .set("linger.ms", "5")
            .set("message.timeout.ms", "120000")
            .set("queue.buffering.max.messages", "50000");
        let producer = cfg
            .create()
            .map_err(|e| crate::kafka::bad_settings("producer", e))?;
        Ok(Publisher {
            producer,
            pending: VecDeque::new(),
            sent: 0,
        })
    }

    pub(super) async fn send(&mut self, r: &Record) -> Result<()> {
        if self.pending.len() >= MAX_PENDING {
            self.await_one().await?;
        }
        let mut rec: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(&r.topic);
        if let Some(k) = &r.key {
            rec = rec.key(k.as_slice());
        }
        if let Some(v) = &r.value {
            rec = rec.payload(v.as_slice());
        }
        if !r.headers.is_empty() {
            let mut h = OwnedHeaders::new();
            for (k, v) in &r.headers {
                h = h.insert(Header {
                    key: k,
                    value: Some(v.as_slice()),
                });
            }
            rec = rec.headers(h);
        }
        let producer = self.producer.clone();
        let queued = enqueue(&producer, rec, async || {
            if self.pending.is_empty() {
                return Ok(false);
            }
            self.await_one().await.map(|()| true)
        })
        .await;
        match queued {
            Ok(f) => {
                self.pending.push_back(f);
                self.sent += 1;
                Ok(())
            }
            Err(Ok(e)) => Err(Error::runtime(format!(
                "cannot queue a record for `{}`: {e}",
                r.topic
            ))),
            Err(Err(e)) => Err(e),
        }
    }

    pub(super) async fn await_one(&mut self) -> Result<()> {
        if let Some(f) = self.pending.pop_front() {
            match f.await {
                Ok(Ok(_)) => {}
                Ok(Err((e, m))) => {
                    use rdkafka::Message as _;
                    return Err(Error::runtime(format!("Kafka did not acknowledge a record for `{}`: {e}", m.topic()))
                        .hint("nothing was lost: the slot was not advanced; the engine resumes from the last acknowledged transaction"));
                }
                Err(_) => {
                    return Err(Error::runtime(
                        "the Kafka producer was shut down with records in flight",
                    ))
                }
            }
        }
        Ok(())
    }

    /// Wait until Kafka acknowledged every record sent so far.
    pub(super) async fn drain(&mut self) -> Result<()> {
        while !self.pending.is_empty() {
            self.await_one().await?;
        }
        Ok(())
    }
}
