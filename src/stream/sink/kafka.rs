//! Window results to a Kafka topic: JSON values keyed by `{window_start, groups...}`,
//! every delivery acknowledged (acks=all) before `write` returns; a retraction is a
//! tombstone for its key.

use futures::future::{try_join_all, BoxFuture};
use futures::FutureExt;
use rdkafka::producer::FutureRecord;
use serde_json::Value;

use super::{key_json, row_json, Schema, Sink, SinkError};
use crate::settings::KafkaSettings;
use crate::stream::engine::{ResultKind, WindowResult};

pub struct KafkaSink {
    producer: crate::kafka::awaited::AwaitedProducer,
    topic: String,
    schema: Schema,
}

impl KafkaSink {
    pub async fn open(
        k: &KafkaSettings,
        topic: &str,
        schema: &Schema,
    ) -> Result<KafkaSink, SinkError> {
        let label = format!("kafka:{topic}");
        let open = |source| SinkError::Open {
            sink: label.clone(),
            source,
        };
        crate::kafka::send::require_topic(k, topic)
            .await
            .map_err(open)?;
        let producer = crate::kafka::send::producer(k).map_err(open)?;
        Ok(KafkaSink {
            producer,
            topic: topic.to_string(),
            schema: schema.clone(),
        })
    }

    async fn write_all(&mut self, results: &[WindowResult]) -> Result<(), SinkError> {
        let encoded: Vec<(String, Option<String>)> = results
            .iter()
            .map(|r| {
                let key = Value::Object(key_json(&self.schema, r)).to_string();
                let value = (r.kind != ResultKind::Retract)
                    .then(|| Value::Object(row_json(&self.schema, r)).to_string());
                (key, value)
            })
            .collect();
        // One partition per key keeps a key's results in order.
        let sends = encoded.iter().map(|(key, value)| {
            let mut rec = FutureRecord::to(&self.topic).key(key.as_str());
            if let Some(v) = value {
                rec = rec.payload(v.as_str());
            }
            crate::kafka::enqueue::deliver(&self.producer, rec)
        });
        try_join_all(sends)
            .await
            .map_err(|(source, _)| SinkError::Kafka {
                topic: self.topic.clone(),
                source,
            })?;
        Ok(())
    }
}

impl Sink for KafkaSink {
    fn label(&self) -> String {
        format!("kafka:{}", self.topic)
    }
    fn write<'a>(
        &'a mut self,
        results: &'a [WindowResult],
    ) -> BoxFuture<'a, Result<(), SinkError>> {
        self.write_all(results).boxed()
    }
}
