//! Kafka back-pressure, in one place: librdkafka refuses a record with `QueueFull` when its
//! local queue is full. Every producer here (`produce poll`, `produce send`, the CDC
//! engine) then waits for deliveries to make room and tries the same record again;
//! any other refusal is returned. A producer whose deliveries are reported to its context
//! (no future to await) waits a moment for librdkafka to make room instead. A consumer
//! that forwards a record and waits for it (dead letters, `consume route`, triggers, the
//! stream jobs' Kafka sink) uses [`deliver`]: room is waited for up to
//! [`DELIVER_QUEUE_WAIT`], then the record is refused and the caller's retry decides.

use std::time::Duration;

use rdkafka::error::KafkaError;
use rdkafka::producer::{BaseProducer, BaseRecord, FutureRecord, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;

use super::awaited::{AwaitedProducer, DeliveryFuture};

/// The pause when nothing of ours is in flight to wait for (another client's records fill
/// the queue, or librdkafka is still sending them).
const QUEUE_FULL_PAUSE: Duration = Duration::from_millis(10);

/// How long [`deliver`] waits for room in a full local queue before refusing the record.
pub const DELIVER_QUEUE_WAIT: Duration = Duration::from_secs(30);

/// Send `record` and wait for its delivery: the one way a record is forwarded and
/// awaited. A refusal or a failed delivery is returned with the record.
pub async fn deliver<K, P>(
    producer: &AwaitedProducer,
    record: FutureRecord<'_, K, P>,
) -> rdkafka::producer::future_producer::OwnedDeliveryResult
where
    K: rdkafka::message::ToBytes + ?Sized,
    P: rdkafka::message::ToBytes + ?Sized,
{
    producer.send(record, DELIVER_QUEUE_WAIT).await
}

/// Queue `record`, waiting for room as long as the queue is full. `make_room` awaits one
/// delivery of the caller's and returns false when it had none in flight; its error ends
/// the wait (`Err(Err(e))`), as does any refusal other than `QueueFull` (`Err(Ok(e))`).
pub async fn enqueue<'a, K, P, E>(
    producer: &AwaitedProducer,
    mut record: FutureRecord<'a, K, P>,
    mut make_room: impl AsyncFnMut() -> Result<bool, E>,
) -> Result<DeliveryFuture, Result<KafkaError, E>>
where
    K: rdkafka::message::ToBytes + ?Sized,
    P: rdkafka::message::ToBytes + ?Sized,
{
    loop {
        match producer.send_result(record) {
            Ok(delivery) => return Ok(delivery),
            Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                record = back;
                if !make_room().await.map_err(Err)? {
                    tokio::time::sleep(QUEUE_FULL_PAUSE).await;
                }
            }
            Err((e, _)) => return Err(Ok(e)),
        }
    }
}

/// Queue `record` on a producer that reports deliveries to its context, waiting for room
/// as long as the queue is full; any other refusal is returned.
pub async fn enqueue_reported<'a, K, P, C>(
    producer: &BaseProducer<C>,
    mut record: BaseRecord<'a, K, P, C::DeliveryOpaque>,
) -> Result<(), KafkaError>
where
    K: rdkafka::message::ToBytes + ?Sized,
    P: rdkafka::message::ToBytes + ?Sized,
    C: ProducerContext + 'static,
{
    loop {
        match producer.send(record) {
            Ok(()) => return Ok(()),
            Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                record = back;
                tokio::time::sleep(QUEUE_FULL_PAUSE).await;
            }
            Err((e, _)) => return Err(e),
        }
    }
}
