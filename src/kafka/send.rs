//! `produce send`: JSON lines to a topic, keyed by a field, at full speed or a fixed rate.
//! Every line ends up either delivered (acknowledged by the broker) or in the failures with
//! its line number and the reason: nothing is dropped silently.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use futures::stream::{FuturesUnordered, StreamExt};
use futures::FutureExt;
use rdkafka::error::KafkaError;
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde::Serialize;
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::error::{Error, Result};
use crate::json_path;
use crate::kafka::enqueue::enqueue;
use crate::kafka::{client_config, fetch_metadata, ClusterError};
use crate::settings::KafkaSettings;

#[derive(Debug, Clone)]
pub struct SendOptions {
    pub topic: String,
    /// Dotted path of the field whose value is the message key.
    pub key_field: Option<String>,
    /// Messages per second; `None` is as fast as the broker takes them.
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineFailure {
    /// 1-based line number in the input.
    pub line: u64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SendSummary {
    pub topic: String,
    /// Non-blank input lines.
    pub lines: u64,
    pub delivered: u64,
    pub failed: u64,
    /// Blank lines, skipped.
    pub blank: u64,
    /// Messages delivered per partition.
    pub partitions: BTreeMap<i32, u64>,
    pub elapsed_ms: u64,
    pub messages_per_sec: f64,
    pub failures: Vec<LineFailure>,
}

/// A producer that waits for every replica (`acks=all`) and reports each delivery.
pub fn producer(k: &KafkaSettings) -> Result<FutureProducer> {
    let mut c = client_config(k);
    c.set("acks", "all")
        .set("linger.ms", "5")
        .set("message.timeout.ms", "30000");
    for (key, v) in &k.properties {
        c.set(key, v);
    }
    c.create()
        .map_err(|e| crate::kafka::bad_settings("producer", e))
}

/// Partitions of `topic`, or a not-found error that says how to create it.
pub async fn require_topic(k: &KafkaSettings, topic: &str) -> Result<usize> {
    let md = fetch_metadata(k, Some(topic.to_string()), Duration::from_secs(10)).await?;
    match md.topics().iter().find(|t| t.name() == topic) {
        Some(t) if t.error().is_none() && !t.partitions().is_empty() => Ok(t.partitions().len()),
        _ => Err(ClusterError::NoTopic {
            topic: topic.to_string(),
            bootstrap: k.bootstrap(),
        }
        .into()),
    }
}

type Outcome = (u64, std::result::Result<i32, String>);

/// Read JSON lines from `input` and publish them. `on_failure` sees each failure as it
/// happens, `on_delivered` the running count.
pub async fn send_lines<R: AsyncBufRead + Unpin>(
    k: &KafkaSettings,
    opts: &SendOptions,
    mut input: R,
    mut on_failure: impl FnMut(&LineFailure),
    mut on_delivered: impl FnMut(u64),
) -> Result<SendSummary> {
    require_topic(k, &opts.topic).await?;
    let producer = producer(k)?;
    let started = Instant::now();
    let mut summary = SendSummary {
        topic: opts.topic.clone(),
        lines: 0,
        delivered: 0,
        failed: 0,
        blank: 0,
        partitions: BTreeMap::new(),
        elapsed_ms: 0,
        messages_per_sec: 0.0,
        failures: Vec::new(),
    };
    let mut pending: FuturesUnordered<futures::future::BoxFuture<'static, Outcome>> =
        FuturesUnordered::new();
    let mut settle = |summary: &mut SendSummary, (line, r): Outcome| match r {
        Ok(p) => {
            summary.delivered += 1;
            *summary.partitions.entry(p).or_default() += 1;
            on_delivered(summary.delivered);
        }
        Err(reason) => {
            let f = LineFailure { line, reason };
            on_failure(&f);
            summary.failed += 1;
            summary.failures.push(f);
        }
    };
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    let mut sent = 0u64;
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .await
            .map_err(|e| Error::runtime(format!("reading input at line {}: {e}", line_no + 1)))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            summary.blank += 1;
            continue;
        }
        summary.lines += 1;
        let key = match parse_key(&buf, opts.key_field.as_deref()) {
            Ok(key) => key,
            Err(reason) => {
                settle(&mut summary, (line_no, Err(reason)));
                continue;
            }
        };
        if let Some(rate) = opts.rate {
            let due = started + Duration::from_secs_f64(sent as f64 / rate);
            tokio::time::sleep_until(due.into()).await;
        }
        let mut record = FutureRecord::to(&opts.topic).payload(&buf[..]);
        if let Some(key) = &key {
            record = record.key(key.as_bytes());
        }
        // Back-pressure: wait for deliveries to make room.
        let queued = enqueue(&producer, record, async || {
            Ok::<_, std::convert::Infallible>(match pending.next().await {
                Some(o) => {
                    settle(&mut summary, o);
                    true
                }
                None => false,
            })
        })
        .await;
        match queued {
            Ok(fut) => {
                let line = line_no;
                pending.push(
                    fut.map(move |r| match r {
                        Ok(Ok(d)) => (line, Ok(d.partition)),
                        Ok(Err((e, _))) => (line, Err(describe(&e))),
                        Err(_) => (line, Err("the producer shut down before delivery".into())),
                    })
                    .boxed(),
                );
            }
            Err(Ok(e)) => settle(&mut summary, (line_no, Err(describe(&e)))),
            Err(Err(never)) => match never {},
        }
        sent += 1;
        while let Some(Some(o)) = pending.next().now_or_never() {
            settle(&mut summary, o);
        }
    }
    while let Some(o) = pending.next().await {
        settle(&mut summary, o);
    }
    summary.failures.sort_by_key(|f| f.line);
    let elapsed = started.elapsed();
    summary.elapsed_ms = elapsed.as_millis() as u64;
    summary.messages_per_sec = if elapsed.as_secs_f64() > 0.0 {
        summary.delivered as f64 / elapsed.as_secs_f64()
    } else {
        0.0
    };
    Ok(summary)
}

/// Validate the line as JSON and pick its key.
fn parse_key(line: &[u8], key_field: Option<&str>) -> std::result::Result<Option<String>, String> {
    let v: serde_json::Value =
        serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Some(field) = key_field else {
        return Ok(None);
    };
    match json_path::lookup(&v, field) {
        Some(serde_json::Value::Null) | None => {
            Err(format!("no key: field `{field}` is missing or null"))
        }
        Some(k) => Ok(Some(json_path::as_text(k))),
    }
}

fn describe(e: &KafkaError) -> String {
    match e.rdkafka_error_code() {
        Some(code) => format!("not delivered: {e} ({code:?})"),
        None => format!("not delivered: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_the_field_and_bad_lines_say_why() {
        assert_eq!(
            parse_key(br#"{"id":7,"a":{"b":"x"}}"#, Some("a.b")),
            Ok(Some("x".into()))
        );
        assert_eq!(parse_key(br#"{"id":7}"#, Some("id")), Ok(Some("7".into())));
        assert_eq!(parse_key(br#"{"id":7}"#, None), Ok(None));
        assert!(parse_key(b"{nope", None)
            .unwrap_err()
            .starts_with("invalid JSON"));
        assert!(parse_key(br#"{"id":null}"#, Some("id"))
            .unwrap_err()
            .contains("missing or null"));
    }
}
