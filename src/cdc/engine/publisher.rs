//! Publishing records: acks=all, one request in flight per broker (so a key's changes
//! keep their order), at most `MAX_PENDING` deliveries outstanding. Deliveries are counted
//! in the order records were sent: `acked` = how many of the first records Kafka has
//! acknowledged, which is what the slot may be confirmed up to.

use std::collections::VecDeque;

use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::FutureRecord;

use crate::cdc::envelope::Record;
use crate::cdc::CdcError;
use crate::error::{Error, Result};
use crate::kafka::awaited::{AwaitedProducer, DeliveryFuture};
use crate::kafka::enqueue::enqueue;
use crate::settings::KafkaSettings;

/// Deliveries awaited before more are queued (bounds memory inside one transaction).
pub(super) const MAX_PENDING: usize = 20_000;
pub(super) struct Publisher {
    pub(super) producer: AwaitedProducer,
    pending: VecDeque<DeliveryFuture>,
    /// Records handed to the producer.
    pub(super) sent: u64,
    /// Records acknowledged, counted from the first one sent.
    pub(super) acked: u64,
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
        let producer = crate::kafka::awaited::create(&cfg, "producer")?;
        Ok(Publisher {
            producer,
            pending: VecDeque::new(),
            sent: 0,
            acked: 0,
        })
    }

    pub(super) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    pub(super) async fn send(&mut self, r: &Record) -> Result<()> {
        if self.pending.len() >= MAX_PENDING {
            self.next_ack().await?;
        }
        let mut rec: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(&r.topic);
        if let Some(p) = r.partition {
            rec = rec.partition(p);
        }
        if let Some(k) = &r.key {
            rec = rec.key(k.as_slice());
        }
        if let Some(v) = &r.value {
            rec = rec.payload(v.as_slice());
        }
        if !r.headers.is_empty() {
            let mut h = OwnedHeaders::new_with_capacity(r.headers.len());
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
            self.next_ack().await.map(|()| true)
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

    /// Wait for the oldest outstanding delivery. Cancel-safe: the delivery stays queued
    /// until it completed (so it can be a branch of a `select!`).
    pub(super) async fn next_ack(&mut self) -> Result<()> {
        let Some(f) = self.pending.front_mut() else {
            return Ok(());
        };
        let result = f.await;
        self.pending.pop_front();
        match result {
            Ok(Ok(_)) => {
                self.acked += 1;
                Ok(())
            }
            Ok(Err((e, m))) => {
                use rdkafka::Message as _;
                Err(CdcError::Unacknowledged {
                    topic: m.topic().to_string(),
                    error: e,
                }
                .into())
            }
            Err(_) => Err(Error::runtime(
                "the Kafka producer was shut down with records in flight",
            )),
        }
    }

    /// The acknowledgements already in, taken without waiting: after [`next_ack`], a burst
    /// of them costs the streaming loop one turn, not one each.
    ///
    /// [`next_ack`]: Self::next_ack
    pub(super) fn take_ready_acks(&mut self) -> Result<()> {
        while self.has_pending() {
            match futures::FutureExt::now_or_never(self.next_ack()) {
                Some(r) => r?,
                None => break,
            }
        }
        Ok(())
    }

    /// Wait until Kafka acknowledged every record sent so far.
    pub(super) async fn drain(&mut self) -> Result<()> {
        while self.has_pending() {
            self.next_ack().await?;
        }
        Ok(())
    }
}
