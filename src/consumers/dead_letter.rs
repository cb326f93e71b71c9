//! Dead letters on a topic: the one way a consumer sets an event aside. The record keeps
//! the original key and value, with `dlq.*` headers saying why and where it came from:
//! `dlq.reason`, `dlq.topic`, `dlq.partition`, `dlq.offset`, `dlq.destination`.
//!
//! A dead letter must not itself become a poison: a value the broker will not take (over
//! its size limit) is sent again without the value, with `dlq.value-omitted` saying how
//! large it was, so the reason and the position still reach the topic.

use std::collections::BTreeMap;

use rdkafka::error::KafkaError;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::FutureRecord;
use rdkafka::types::RDKafkaErrorCode;

use super::{ConsumerError, Event};
use crate::error::Result;
use crate::kafka::awaited::AwaitedProducer;
use crate::settings::KafkaSettings;

/// The topic a consumer's set-aside events go to when none is named: `<topic>.dlq`.
pub fn default_topic(source: &str) -> String {
    format!("{source}.dlq")
}

/// Events larger than this are set aside before a consumer sees them, unless the
/// consumer is given another limit: Kafka's own default largest message (1 MiB).
pub const DEFAULT_MAX_EVENT_BYTES: usize = 1024 * 1024;

/// Where a consumer's set-aside events go, and the largest event it is handed.
#[derive(Debug, Clone)]
pub struct DeadLetterOptions {
    pub topic: String,
    /// What the consumer writes to, for the `dlq.destination` header.
    pub destination: String,
    /// Larger events (key, value and headers) are set aside before the consumer sees them.
    pub max_event_bytes: Option<usize>,
}

/// The events of a batch set aside so far, until they are on the dead-letter topic. The
/// consumer loop hands one to each batch and sends what is left before it commits; a
/// handler whose later writes would make a replay skip an event sends it at once
/// ([`DeadLetters::flush`]).
pub struct DeadLetters {
    topic: Option<DeadLetterTopic>,
    pending: Vec<(Event, String)>,
}

impl DeadLetters {
    pub fn new(k: &KafkaSettings, opts: Option<&DeadLetterOptions>) -> DeadLetters {
        DeadLetters {
            topic: opts.map(|o| DeadLetterTopic::new(k, &o.topic, &o.destination)),
            pending: Vec::new(),
        }
    }

    /// Set `event` aside with `reason`; it goes to the topic with the next flush.
    pub fn set_aside(&mut self, event: &Event, reason: impl Into<String>) {
        self.pending.push((event.clone(), reason.into()));
    }

    /// Send what was set aside and wait for the broker; how many went.
    pub async fn flush(&mut self) -> Result<u64> {
        if self.pending.is_empty() {
            return Ok(0);
        }
        let Some(topic) = &mut self.topic else {
            return Err(crate::error::Error::internal(
                "a consumer without a dead-letter topic set events aside",
            ));
        };
        let pending = std::mem::take(&mut self.pending);
        let dead: Vec<DeadLetter<'_>> = pending
            .iter()
            .map(|(event, reason)| DeadLetter {
                event,
                reason: reason.clone(),
            })
            .collect();
        topic.publish(&dead).await?;
        Ok(dead.len() as u64)
    }
}

/// The bytes an event holds (key, value, headers), for the size limit.
pub fn event_bytes(e: &Event) -> usize {
    e.key.as_ref().map_or(0, Vec::len)
        + e.payload.as_ref().map_or(0, Vec::len)
        + e.headers
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum::<usize>()
}

/// One event set aside, and why.
pub struct DeadLetter<'a> {
    pub event: &'a Event,
    pub reason: String,
}

/// A dead-letter topic and the producer that writes it; the topic is created (one
/// partition) before the first dead letter is sent.
pub struct DeadLetterTopic {
    k: KafkaSettings,
    topic: String,
    /// What the consumer writes to (a table, a topic template, an aggregate prefix).
    destination: String,
    producer: Option<AwaitedProducer>,
}

impl DeadLetterTopic {
    pub fn new(k: &KafkaSettings, topic: &str, destination: &str) -> DeadLetterTopic {
        DeadLetterTopic {
            k: k.clone(),
            topic: topic.to_string(),
            destination: destination.to_string(),
            producer: None,
        }
    }

    pub fn topic(&self) -> &str {
        &self.topic
    }

    /// Create the topic if it is missing and open the producer (once).
    pub async fn ensure(&mut self) -> Result<&AwaitedProducer> {
        if self.producer.is_none() {
            let spec = crate::profile::TopicSpec {
                name: self.topic.clone(),
                partitions: 1,
                replication_factor: 1,
                configs: BTreeMap::new(),
            };
            crate::kafka::admin::ensure_topics(&self.k, &[spec], false).await?;
            self.producer = Some(crate::kafka::send::producer(&self.k)?);
        }
        Ok(self.producer.as_ref().expect("opened above"))
    }

    /// Send every dead letter and wait until the broker has them all.
    pub async fn publish(&mut self, dead: &[DeadLetter<'_>]) -> Result<()> {
        if dead.is_empty() {
            return Ok(());
        }
        let (topic, destination) = (self.topic.clone(), self.destination.clone());
        let producer = self.ensure().await?;
        let sends = dead
            .iter()
            .map(|d| send_one(producer, &topic, &destination, d));
        for r in futures::future::join_all(sends).await {
            r.map_err(|error| ConsumerError::DeadLetterFailed {
                topic: topic.clone(),
                error,
            })?;
        }
        Ok(())
    }
}

/// One dead letter; a value too large for the broker goes again without it.
async fn send_one(
    producer: &AwaitedProducer,
    topic: &str,
    destination: &str,
    d: &DeadLetter<'_>,
) -> std::result::Result<(), KafkaError> {
    let first = crate::kafka::enqueue::deliver(producer, record(topic, destination, d, true)).await;
    match first {
        Ok(_) => Ok(()),
        Err((e, _)) if too_large(&e) => {
            crate::kafka::enqueue::deliver(producer, record(topic, destination, d, false))
                .await
                .map(|_| ())
                .map_err(|(e, _)| e)
        }
        Err((e, _)) => Err(e),
    }
}

/// The broker or the client refused the record for its size.
pub fn too_large(e: &KafkaError) -> bool {
    matches!(
        e.rdkafka_error_code(),
        Some(RDKafkaErrorCode::MessageSizeTooLarge | RDKafkaErrorCode::InvalidRecord)
    )
}

fn record<'a>(
    topic: &'a str,
    destination: &'a str,
    d: &'a DeadLetter<'a>,
    with_value: bool,
) -> FutureRecord<'a, [u8], [u8]> {
    let e = d.event;
    let mut headers = OwnedHeaders::new();
    let mut add = |key: &str, value: &[u8]| {
        headers = std::mem::replace(&mut headers, OwnedHeaders::new()).insert(Header {
            key,
            value: Some(value),
        });
    };
    add("dlq.reason", d.reason.as_bytes());
    add("dlq.topic", e.topic.as_bytes());
    add("dlq.partition", e.partition.to_string().as_bytes());
    add("dlq.offset", e.offset.to_string().as_bytes());
    add("dlq.destination", destination.as_bytes());
    if !with_value {
        let size = e.payload.as_ref().map_or(0, Vec::len);
        add(
            "dlq.value-omitted",
            format!("{size} bytes: too large for the dead-letter topic").as_bytes(),
        );
    }
    let mut rec: FutureRecord<'a, [u8], [u8]> = FutureRecord::to(topic).headers(headers);
    if let Some(k) = &e.key {
        rec = rec.key(&k[..]);
    }
    if let (true, Some(p)) = (with_value, &e.payload) {
        rec = rec.payload(&p[..]);
    }
    rec
}
