//! A producer that hands back a future of each record's delivery, as rdkafka's
//! `FutureProducer` does, with its reports served by [`PolledProducer`]'s sleeping thread
//! instead of `ThreadedProducer`'s busy loop (`polled` says what that loop cost: about 1%
//! of a core for as long as a producer lives, 8% of `stream run`'s CPU with a Kafka sink).
//!
//! Every producer that waits for its records uses this one: the CDC engine's publisher,
//! dead letters, `consume route`, aggregate's triggers, the stream jobs' Kafka sink.

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::channel::oneshot;
use rdkafka::client::ClientContext;
use rdkafka::error::KafkaError;
use rdkafka::message::{Message, OwnedMessage, Timestamp, ToBytes};
use rdkafka::producer::future_producer::{Delivery, OwnedDeliveryResult};
use rdkafka::producer::{BaseProducer, BaseRecord, DeliveryResult, FutureRecord, ProducerContext};
use rdkafka::ClientConfig;

use super::polled::{self, PolledProducer};
use crate::error::Result;

/// The context: each record's delivery (or failure) goes to the sender that came with it.
pub struct FutureReports;

impl ClientContext for FutureReports {}

impl ProducerContext for FutureReports {
    type DeliveryOpaque = Box<oneshot::Sender<OwnedDeliveryResult>>;

    fn delivery(&self, result: &DeliveryResult<'_>, tx: Self::DeliveryOpaque) {
        let owned = match result {
            Ok(m) => Ok(Delivery {
                partition: m.partition(),
                offset: m.offset(),
                timestamp: m.timestamp(),
            }),
            Err((e, m)) => Err((e.clone(), m.detach())),
        };
        // Nobody waits any more (the sender gave up on it): nothing to tell.
        let _ = tx.send(owned);
    }
}

/// A producer whose records each come with a [`DeliveryFuture`]; cheap to clone (the
/// clones share one producer and its thread, which stop when the last one drops).
#[derive(Clone)]
pub struct AwaitedProducer(Arc<PolledProducer<FutureReports>>);

/// A record's delivery, or `Canceled` if the producer was dropped before it was reported.
pub struct DeliveryFuture(oneshot::Receiver<OwnedDeliveryResult>);

impl Future for DeliveryFuture {
    type Output = std::result::Result<OwnedDeliveryResult, oneshot::Canceled>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx)
    }
}

/// A producer from `config`; `client` names it in errors.
pub fn create(config: &ClientConfig, client: &'static str) -> Result<AwaitedProducer> {
    Ok(AwaitedProducer(Arc::new(polled::create(
        config,
        FutureReports,
        client,
    )?)))
}

impl AwaitedProducer {
    /// Queue `record`; a refusal (a full queue among them) comes back with the record.
    #[allow(clippy::result_large_err)]
    pub fn send_result<'a, K, P>(
        &self,
        record: FutureRecord<'a, K, P>,
    ) -> std::result::Result<DeliveryFuture, (KafkaError, FutureRecord<'a, K, P>)>
    where
        K: ToBytes + ?Sized,
        P: ToBytes + ?Sized,
    {
        let (tx, rx) = oneshot::channel();
        match self.0.send(base(record, Box::new(tx))) {
            Ok(()) => Ok(DeliveryFuture(rx)),
            Err((e, back)) => Err((e, future_record(back))),
        }
    }
}

impl Deref for AwaitedProducer {
    type Target = BaseProducer<FutureReports>;
    fn deref(&self) -> &BaseProducer<FutureReports> {
        &self.0
    }
}

fn base<'a, K, P, D>(r: FutureRecord<'a, K, P>, opaque: D) -> BaseRecord<'a, K, P, D>
where
    K: ToBytes + ?Sized,
    P: ToBytes + ?Sized,
    D: rdkafka::util::IntoOpaque,
{
    BaseRecord {
        topic: r.topic,
        partition: r.partition,
        payload: r.payload,
        key: r.key,
        timestamp: r.timestamp,
        headers: r.headers,
        delivery_opaque: opaque,
    }
}

fn future_record<'a, K, P, D>(r: BaseRecord<'a, K, P, D>) -> FutureRecord<'a, K, P>
where
    K: ToBytes + ?Sized,
    P: ToBytes + ?Sized,
    D: rdkafka::util::IntoOpaque,
{
    FutureRecord {
        topic: r.topic,
        partition: r.partition,
        payload: r.payload,
        key: r.key,
        timestamp: r.timestamp,
        headers: r.headers,
    }
}

/// A refused record as a message, for the error that hands it back.
pub fn refused<K, P>(r: &FutureRecord<'_, K, P>) -> OwnedMessage
where
    K: ToBytes + ?Sized,
    P: ToBytes + ?Sized,
{
    OwnedMessage::new(
        r.payload.map(|p| p.to_bytes().to_vec()),
        r.key.map(|k| k.to_bytes().to_vec()),
        r.topic.to_string(),
        r.timestamp
            .map_or(Timestamp::NotAvailable, Timestamp::CreateTime),
        r.partition.unwrap_or(-1),
        0,
        r.headers.clone(),
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use rdkafka::types::RDKafkaErrorCode;

    use super::*;

    /// Every record's future resolves with its own outcome, through the sleeping thread.
    #[tokio::test]
    async fn each_record_gets_its_own_report() {
        let mut config = ClientConfig::new();
        config
            .set("bootstrap.servers", "127.0.0.1:1")
            .set("message.timeout.ms", "200")
            .set("log_level", "0");
        let producer = create(&config, "producer").unwrap_or_else(|e| panic!("{e}"));
        let topics = ["a", "b", "c"];
        let futures: Vec<_> = topics
            .iter()
            .map(|t| {
                producer
                    .send_result(FutureRecord::<(), str>::to(t).payload("x"))
                    .unwrap_or_else(|(e, _)| panic!("{e}"))
            })
            .collect();
        let outcomes =
            tokio::time::timeout(Duration::from_secs(50), futures::future::join_all(futures))
                .await
                .expect("every delivery is reported within 50 s");
        for (t, outcome) in topics.iter().zip(outcomes) {
            let (e, m) = outcome
                .expect("reported")
                .expect_err("nothing listens on port 1");
            assert_eq!(m.topic(), *t);
            assert_eq!(
                e.rdkafka_error_code(),
                Some(RDKafkaErrorCode::MessageTimedOut)
            );
        }
        // Clones share the producer: one dropped, the other still gets its reports.
        let clone = producer.clone();
        drop(producer);
        let r = clone
            .send_result(FutureRecord::<(), str>::to("d").payload("y"))
            .unwrap_or_else(|(e, _)| panic!("{e}"))
            .await
            .expect("reported");
        assert!(matches!(r, Err((_, m)) if m.topic() == "d"));
    }
}
