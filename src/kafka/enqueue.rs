//! Kafka back-pressure, in one place: librdkafka refuses a record with `QueueFull` when its
//! local queue is full. Every producer here (`produce poll`, `produce send`, the CDC
//! engine) then waits for deliveries to make room and tries the same record again;
//! any other refusal is returned. A producer whose deliveries are reported to its context
//! (no future to await) waits a moment for librdkafka to make room instead. A consumer
//! that forwards a record and waits for it (dead letters, `consume route`, triggers, the
//! stream jobs' Kafka sink) uses [`deliver`]: room is waited for up to
//! [`DELIVER_QUEUE_WAIT`], then the record is refused and the caller's retry decides.

use std::time::{Duration, Instant};

use rdkafka::error::KafkaError;
use rdkafka::producer::{BaseProducer, BaseRecord, FutureRecord, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;

use super::awaited::{refused, AwaitedProducer, DeliveryFuture};

/// The pause when nothing of ours is in flight to wait for (another client's records fill
/// the queue, or librdkafka is still sending them).
const QUEUE_FULL_PAUSE: Duration = Duration::from_millis(10);

/// How long [`deliver`] waits for room in a full local queue before refusing the record.
pub const DELIVER_QUEUE_WAIT: Duration = Duration::from_secs(30);

/// Send `record` and wait for its delivery: the one way a record is forwarded and
/// awaited. While the local queue is full the record is tried again, for at most
/// [`DELIVER_QUEUE_WAIT`]; then, and for any other refusal or a failed delivery, the
/// error comes back with the record.
pub async fn deliver<K, P>(
    producer: &AwaitedProducer,
    record: FutureRecord<'_, K, P>,
) -> rdkafka::producer::future_producer::OwnedDeliveryResult
where
    K: rdkafka::message::ToBytes + ?Sized,
    P: rdkafka::message::ToBytes + ?Sized,
{
    deliver_within(producer, record, DELIVER_QUEUE_WAIT).await
}

/// [`deliver`], waiting at most `queue_wait` for room in a full queue.
async fn deliver_within<K, P>(
    producer: &AwaitedProducer,
    mut record: FutureRecord<'_, K, P>,
    queue_wait: Duration,
) -> rdkafka::producer::future_producer::OwnedDeliveryResult
where
    K: rdkafka::message::ToBytes + ?Sized,
    P: rdkafka::message::ToBytes + ?Sized,
{
    let (started, topic) = (Instant::now(), record.topic);
    loop {
        match producer.send_result(record) {
            Ok(delivery) => {
                // The producer lives as long as `producer`, and its context reports every
                // record: a cancel cannot happen, but is not worth a panic.
                return match delivery.await {
                    Ok(outcome) => outcome,
                    Err(_) => Err((
                        KafkaError::Canceled,
                        refused(&FutureRecord::<K, P>::to(topic)),
                    )),
                };
            }
            Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back))
                if started.elapsed() < queue_wait =>
            {
                record = back;
                tokio::time::sleep(QUEUE_FULL_PAUSE).await;
            }
            Err((e, back)) => return Err((e, refused(&back))),
        }
    }
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

#[cfg(test)]
mod tests {
    use rdkafka::message::Message as _;
    use rdkafka::ClientConfig;

    use super::*;

    /// A producer whose queue holds one record and delivers nothing (no broker): each
    /// record fails after 300 ms, which frees the queue.
    fn one_slot() -> AwaitedProducer {
        let mut config = ClientConfig::new();
        config
            .set("bootstrap.servers", "127.0.0.1:1")
            .set("message.timeout.ms", "300")
            .set("queue.buffering.max.messages", "1")
            .set("log_level", "0");
        crate::kafka::awaited::create(&config, "producer").unwrap_or_else(|e| panic!("{e}"))
    }

    /// A record meeting a full queue is tried again until the queue has room (here: the
    /// first record times out) and then goes its way; past the wait it comes back refused,
    /// with the record.
    #[tokio::test]
    async fn a_full_queue_is_waited_out_then_refused_with_the_record() {
        let producer = one_slot();
        let first = producer
            .send_result(FutureRecord::<(), str>::to("first").payload("x"))
            .unwrap_or_else(|(e, _)| panic!("{e}"));
        let second = FutureRecord::<(), str>::to("second").payload("y");
        let (e, m) = deliver_within(&producer, second, Duration::from_secs(60))
            .await
            .expect_err("nothing listens on port 1");
        assert_eq!(m.topic(), "second");
        assert_eq!(
            e.rdkafka_error_code(),
            Some(RDKafkaErrorCode::MessageTimedOut),
            "queued once the first record left: {e}"
        );
        assert!(first.await.expect("reported").is_err());

        // The queue's count drops just after the report is handed over: wait for the room.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let mut third = FutureRecord::<(), str>::to("third").payload("z");
        let _held = loop {
            match producer.send_result(third) {
                Ok(held) => break held,
                Err((e, back)) => {
                    assert!(std::time::Instant::now() < deadline, "no room in 60 s: {e}");
                    third = back;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        };
        let fourth = FutureRecord::<(), str>::to("fourth").payload("w");
        let refused = deliver_within(&producer, fourth, Duration::ZERO);
        let (e, m) = tokio::time::timeout(Duration::from_secs(60), refused)
            .await
            .expect("a full queue is not waited on past the wait")
            .expect_err("the queue is full");
        assert_eq!(m.topic(), "fourth");
        assert_eq!(
            e,
            KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull)
        );
    }
}
