//! `consume route`: forward each event to a topic named from its fields (`orders.{city}`),
//! creating missing topics, with a rule-based side channel (`priority=high` runs a
//! command), as the order-streamer seed did for its city topics and e-mails.
//!
//! A batch's forwards are all acknowledged (acks=all) and its side-channel commands have
//! run before the caller commits the batch's offsets: a crash replays the batch, so a
//! forward or a command may happen twice, never zero times.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::FutureRecord;
use serde::Serialize;
use serde_json::Value as Json;

use super::dead_letter::{too_large, DeadLetters};
use super::{BatchHandler, BatchOutcome, ConsumerError, Event};
use crate::error::Result;
use crate::hooks::Hook;
use crate::json_path;
use crate::kafka::enqueue::deliver;
use crate::settings::KafkaSettings;

#[derive(Debug, Clone)]
pub struct RouteOptions {
    /// Topic template: `{path}` is replaced by that field's value, `{}` by the --by field's.
    pub to: String,
    pub by: String,
    pub partitions: i32,
    pub rule: Option<Rule>,
    pub exec: Option<String>,
    pub exec_timeout: Duration,
    pub attempts: u32,
}

/// `field=value` (or `field!=value`): a dotted path compared as text.
#[derive(Debug, Clone)]
pub struct Rule {
    pub path: String,
    pub value: String,
    pub negate: bool,
}

impl Rule {
    pub fn parse(s: &str) -> Result<Rule> {
        let (path, value, negate) = match (s.split_once("!="), s.split_once('=')) {
            (Some((p, v)), _) => (p, v, true),
            (None, Some((p, v))) => (p, v, false),
            _ => return Err(ConsumerError::BadRule(s.to_string()).into()),
        };
        if path.trim().is_empty() {
            return Err(ConsumerError::RuleWithoutField(s.to_string()).into());
        }
        Ok(Rule {
            path: path.trim().into(),
            value: value.trim().into(),
            negate,
        })
    }

    pub fn matches(&self, doc: &Json) -> bool {
        let hit =
            json_path::lookup(doc, &self.path).is_some_and(|v| json_path::as_text(v) == self.value);
        hit != self.negate
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RouteNote {
    /// A topic created for the first event that needed it.
    TopicCreated { topic: String, partitions: i32 },
    /// The side-channel command for one event.
    SideChannel {
        partition: i32,
        offset: i64,
        ok: bool,
        attempts: u32,
        error: Option<String>,
    },
    /// An event that could not be routed, and why.
    Skipped {
        partition: i32,
        offset: i64,
        reason: String,
    },
    /// Forwarding failed for `failed` events (a broker restarting); they are sent again.
    Resending {
        failed: usize,
        error: String,
        retry_in_ms: u64,
    },
}

/// How long forwarding a batch is retried before the router gives up (offsets are not
/// committed then: the batch is read again on the next start).
const RESEND_FOR: Duration = Duration::from_secs(120);

/// Where notes go (the command prints them).
type NoteFn<'a> = Box<dyn FnMut(&RouteNote) -> Result<()> + 'a>;

pub struct Router<'a> {
    k: KafkaSettings,
    opts: RouteOptions,
    producer: crate::kafka::awaited::AwaitedProducer,
    known: BTreeSet<String>,
    on_note: NoteFn<'a>,
}

/// Kafka topic names allow `[A-Za-z0-9._-]`; anything else in a value becomes `_`.
pub fn topic_safe(s: &str) -> String {
    s.chars()
        .map(|c| if topic_char(c) { c } else { '_' })
        .collect()
}

fn topic_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// Fill the template from the event, or say which field is missing.
pub fn render(template: &str, by: &str, doc: &Json) -> std::result::Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            return Err(format!("unclosed `{{` in the topic template `{template}`"));
        };
        let path = &rest[start + 1..start + len];
        let path = if path.is_empty() { by } else { path };
        match json_path::lookup(doc, path) {
            Some(Json::Null) | None => return Err(format!("field `{path}` is missing or null")),
            Some(v) => {
                let text = topic_safe(&json_path::as_text(v));
                if text.is_empty() {
                    return Err(format!("field `{path}` is empty"));
                }
                out.push_str(&text);
            }
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    crate::kafka::validate_topic_name(&out).map_err(|e| e.to_string())?;
    Ok(out)
}

impl<'a> Router<'a> {
    pub async fn open(
        k: &KafkaSettings,
        opts: RouteOptions,
        on_note: impl FnMut(&RouteNote) -> Result<()> + 'a,
    ) -> Result<Router<'a>> {
        let md = crate::kafka::fetch_metadata(k, None, Duration::from_secs(10)).await?;
        let known = md
            .topics()
            .iter()
            .filter(|t| t.error().is_none())
            .map(|t| t.name().to_string())
            .collect();
        Ok(Router {
            k: k.clone(),
            producer: crate::kafka::send::producer(k)?,
            opts,
            known,
            on_note: Box::new(on_note),
        })
    }

    async fn ensure(&mut self, topic: &str) -> Result<()> {
        if self.known.contains(topic) {
            return Ok(());
        }
        let spec = crate::profile::TopicSpec {
            name: topic.to_string(),
            partitions: self.opts.partitions,
            replication_factor: 1,
            configs: BTreeMap::new(),
        };
        let out = crate::kafka::admin::ensure_topics(&self.k, &[spec], false).await?;
        if out.first().is_some_and(|o| o.status == "created") {
            (self.on_note)(&RouteNote::TopicCreated {
                topic: topic.to_string(),
                partitions: self.opts.partitions,
            })?;
        }
        self.known.insert(topic.to_string());
        Ok(())
    }

    /// Where `e` goes and whether its side channel runs, or why it cannot be routed.
    fn route_of(&self, e: &Event) -> std::result::Result<(String, bool), String> {
        let doc = match e.payload.as_deref().map(serde_json::from_slice::<Json>) {
            Some(Ok(d)) => d,
            Some(Err(err)) => return Err(format!("not valid JSON: {err}")),
            None => return Err("no value".into()),
        };
        let topic = render(&self.opts.to, &self.opts.by, &doc)?;
        let flagged = self.opts.rule.as_ref().is_some_and(|r| r.matches(&doc));
        if flagged && self.opts.exec.is_some() && e.key.as_ref().is_some_and(|k| k.contains(&0)) {
            return Err(
                "the key holds a NUL byte, which the --exec command's environment (LIVEDB_KEY) cannot carry"
                    .into(),
            );
        }
        Ok((topic, flagged))
    }

    async fn side_channel(&self, e: &Event, topic: &str) -> (bool, u32, Option<String>) {
        let Some(command) = &self.opts.exec else {
            return (true, 0, None);
        };
        let hook = Hook {
            command: command.clone(),
            timeout: self.opts.exec_timeout,
            attempts: self.opts.attempts,
        };
        let key = e
            .key
            .as_deref()
            .map(String::from_utf8_lossy)
            .unwrap_or_default()
            .into_owned();
        let env = [
            ("LIVEDB_ROUTE_TOPIC", topic.to_string()),
            ("LIVEDB_SOURCE_TOPIC", e.topic.to_string()),
            ("LIVEDB_PARTITION", e.partition.to_string()),
            ("LIVEDB_OFFSET", e.offset.to_string()),
            ("LIVEDB_KEY", key),
        ];
        let o = hook
            .run(&env, e.payload.as_deref().unwrap_or_default())
            .await;
        (o.ok, o.attempts, o.error)
    }
}

impl BatchHandler for Router<'_> {
    async fn handle(&mut self, batch: &[Event], dead: &mut DeadLetters) -> Result<BatchOutcome> {
        let mut routed: Vec<(&Event, String, bool)> = Vec::with_capacity(batch.len());
        let mut skipped = 0u64;
        let mut set_aside = |e: &Event, reason: String, notes: &mut NoteFn<'_>| {
            skipped += 1;
            let note = RouteNote::Skipped {
                partition: e.partition,
                offset: e.offset,
                reason: reason.clone(),
            };
            dead.set_aside(e, reason);
            notes(&note)
        };
        for e in batch {
            match self.route_of(e) {
                Ok((topic, flagged)) => routed.push((e, topic, flagged)),
                Err(reason) => set_aside(e, reason, &mut self.on_note)?,
            }
        }
        for (_, topic, _) in &routed {
            self.ensure(topic).await?;
        }
        // Forward, then send again what failed (a broker restarting answers with errors
        // for a moment): at-least-once, offsets are committed only once all went through.
        let mut todo: Vec<usize> = (0..routed.len()).collect();
        let mut gone = BTreeSet::new();
        let mut backoff = crate::retry::Backoff::default();
        let mut waited = Duration::ZERO;
        while !todo.is_empty() {
            let mut pending = Vec::with_capacity(todo.len());
            for &i in &todo {
                let (e, topic, _) = &routed[i];
                let mut headers = OwnedHeaders::new();
                for (k, v) in &e.headers {
                    headers = headers.insert(Header {
                        key: k,
                        value: Some(v),
                    });
                }
                let mut rec: FutureRecord<'_, [u8], [u8]> =
                    FutureRecord::to(topic).headers(headers);
                if let Some(k) = &e.key {
                    rec = rec.key(&k[..]);
                }
                if let Some(p) = &e.payload {
                    rec = rec.payload(&p[..]);
                }
                pending.push(deliver(&self.producer, rec));
            }
            let mut failed = Vec::new();
            let mut last_error = None;
            let mut refused = Vec::new();
            for (r, &i) in futures::future::join_all(pending)
                .await
                .into_iter()
                .zip(&todo)
            {
                if let Err((e, _)) = r {
                    if too_large(&e) {
                        // Sending it again cannot help: the event is set aside.
                        refused.push((i, format!("forwarding to `{}` refused: {e}", routed[i].1)));
                        continue;
                    }
                    last_error = Some(ConsumerError::ForwardFailed {
                        topic: routed[i].1.clone(),
                        error: e,
                    });
                    failed.push(i);
                }
            }
            todo = failed;
            for (i, reason) in refused {
                set_aside(routed[i].0, reason, &mut self.on_note)?;
                gone.insert(i);
            }
            if let Some(error) = last_error {
                if waited >= RESEND_FOR {
                    return Err(error.into());
                }
                let error = error.to_string();
                let delay = backoff.next_delay();
                (self.on_note)(&RouteNote::Resending {
                    failed: todo.len(),
                    error,
                    retry_in_ms: delay.as_millis() as u64,
                })?;
                tokio::time::sleep(delay).await;
                waited += delay;
            }
        }
        let mut side_ok = 0u64;
        let mut side_failed = 0u64;
        for (i, (e, topic, flagged)) in routed.iter().enumerate() {
            if !*flagged || self.opts.exec.is_none() || gone.contains(&i) {
                continue;
            }
            let (ok, attempts, error) = self.side_channel(e, topic).await;
            if ok {
                side_ok += 1;
            } else {
                side_failed += 1;
            }
            (self.on_note)(&RouteNote::SideChannel {
                partition: e.partition,
                offset: e.offset,
                ok,
                attempts,
                error,
            })?;
        }
        let mut extra = BTreeMap::new();
        extra.insert("skipped".to_string(), skipped);
        extra.insert("side_channel_ok".to_string(), side_ok);
        extra.insert("side_channel_failed".to_string(), side_failed);
        Ok(BatchOutcome {
            written: (routed.len() - gone.len()) as u64,
            dead_lettered: 0,
            extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn templates_fill_from_fields_and_stay_valid_topic_names() {
        let doc =
            json!({"customer": {"address": {"city": "New York"}}, "priority": "high", "n": 3});
        assert_eq!(
            render("orders.{}", "customer.address.city", &doc).unwrap(),
            "orders.New_York"
        );
        assert_eq!(render("o.{priority}.{n}", "x", &doc).unwrap(), "o.high.3");
        assert!(render("orders.{zip}", "x", &doc)
            .unwrap_err()
            .contains("`zip`"));
        let r = Rule::parse("priority=high").unwrap();
        assert!(r.matches(&doc));
        assert!(!Rule::parse("priority!=high").unwrap().matches(&doc));
        assert!(Rule::parse("nothing").is_err());
    }

    /// Found by the `route_template` fuzz target: the template's own text was taken as
    /// written, so an empty `--to` or one with a character Kafka refuses gave a name that
    /// only failed at the broker (topic creation), event after event.
    #[test]
    fn a_template_that_cannot_name_a_topic_is_an_error_not_a_name() {
        let doc = json!({"city": "Paris", "dot": "."});
        for template in [
            "",
            "orders/{city}",
            "orders {city}",
            "{city}:x",
            "é",
            "a\0b",
        ] {
            let r = render(template, "city", &doc);
            assert!(r.is_err(), "{template:?} -> {r:?}");
        }
        // In the words of the one topic-name check (`kafka::validate_topic_name`).
        assert!(render("", "city", &doc)
            .unwrap_err()
            .contains("not a topic name"));
        assert!(render("orders/{city}", "city", &doc)
            .unwrap_err()
            .contains("`orders/Paris` is not a topic name"));
        // A value's characters still become `_`; only the template's own text is refused.
        assert_eq!(render("o-{}", "city", &doc).unwrap(), "o-Paris");
        assert_eq!(render("o{}", "dot", &doc).unwrap(), "o.");
        assert!(render("{}", "dot", &doc).is_err());
    }
}
