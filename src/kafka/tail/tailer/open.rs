//! Opening a tail: partitions, starts and ends resolved, then reading by assignment or
//! as a group member.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::{Offset, TopicPartitionList};

use super::bounds::PartState;
use super::discover::{topic_patterns, Discover};
use super::rebalance::TailContext;
use super::{TailOptions, Tailer, Tp};
use crate::error::{Error, Result};
use crate::kafka::admin::{explain, kafka_error};
use crate::kafka::batch::BatchReader;
use crate::kafka::tail::offsets::{resolve, Position};
use crate::kafka::{client_config, unreachable, ClusterError};
use crate::settings::KafkaSettings;

impl Tailer {
    /// Resolve partitions, starts and ends, and start reading (blocking).
    pub fn open(k: &KafkaSettings, opts: &TailOptions) -> Result<Tailer> {
        if opts.topics.is_empty() {
            return Err(Error::usage("name at least one topic"));
        }
        let md = crate::kafka::fetch_metadata_blocking(k, None, Duration::from_secs(10))?;
        let patterns = if opts.regex {
            topic_patterns(&opts.topics)?
        } else {
            Vec::new()
        };
        let topics: Vec<String> = if opts.regex {
            let mut names: Vec<String> = md
                .topics()
                .iter()
                .map(|t| t.name().to_string())
                .filter(|n| patterns.iter().any(|p| p.is_match(n)))
                .collect();
            names.sort();
            names
        } else {
            opts.topics.clone()
        };
        let mut tps: Vec<Tp> = Vec::new();
        for t in &topics {
            let Some(mt) = md.topics().iter().find(|m| m.name() == t) else {
                return Err(explain(
                    rdkafka::types::RDKafkaErrorCode::UnknownTopicOrPartition,
                    t,
                ));
            };
            let ids: Vec<i32> = mt.partitions().iter().map(|p| p.id()).collect();
            for p in &opts.partitions {
                // A pattern may match topics with fewer partitions: those are not read.
                if !ids.contains(p) && !opts.regex {
                    return Err(ClusterError::NoPartition {
                        topic: t.clone(),
                        partition: *p,
                        count: ids.len(),
                    }
                    .into());
                }
            }
            let mut ids: Vec<i32> = ids
                .into_iter()
                .filter(|p| opts.partitions.is_empty() || opts.partitions.contains(p))
                .collect();
            ids.sort_unstable();
            tps.extend(ids.into_iter().map(|p| (t.clone(), p)));
        }

        let group = opts.group.is_some();
        let mut cfg = client_config(k);
        cfg.set("enable.auto.commit", "false")
            .set("enable.auto.offset.store", "false")
            .set("enable.partition.eof", "true")
            .set(
                "auto.offset.reset",
                if opts.spec.from == Position::End {
                    "latest"
                } else {
                    "earliest"
                },
            );
        // librdkafka wants a group id even to assign; without --group it is a throwaway
        // that never joins, and nothing is committed under it.
        let throwaway = format!("livedbctl-tail-{}", std::process::id());
        cfg.set("group.id", opts.group.as_deref().unwrap_or(&throwaway));

        // Watermarks and time lookups come from a plain consumer, before any group joins.
        let probe: BaseConsumer = client_config(k)
            .create()
            .map_err(|e| crate::kafka::bad_settings("client", e))?;
        let mut wm = BTreeMap::new();
        for (t, p) in &tps {
            let w = probe
                .fetch_watermarks(t, *p, Duration::from_secs(10))
                .map_err(|e| kafka_error(k, e, t))?;
            wm.insert((t.clone(), *p), w);
        }
        let by_time = |ts: i64| -> Result<BTreeMap<Tp, i64>> {
            let mut tpl = TopicPartitionList::new();
            for (t, p) in &tps {
                tpl.add_partition_offset(t, *p, Offset::Offset(ts))
                    .map_err(|e| Error::internal(e.to_string()))?;
            }
            let res = probe
                .offsets_for_times(tpl, Duration::from_secs(10))
                .map_err(|e| unreachable(k, e))?;
            Ok(res
                .elements()
                .iter()
                .filter_map(|e| match e.offset() {
                    Offset::Offset(o) if o >= 0 => {
                        Some(((e.topic().to_string(), e.partition()), o))
                    }
                    _ => None,
                })
                .collect())
        };
        let from_times = match opts.spec.from {
            Position::Time(ts) => by_time(ts)?,
            _ => BTreeMap::new(),
        };
        let now = chrono::Utc::now().timestamp_millis();

        let mut start = BTreeMap::new();
        let mut parts = BTreeMap::new();
        for tp in &tps {
            let (low, high) = wm[tp];
            let s = resolve(opts.spec.from, low, high, from_times.get(tp).copied());
            start.insert(tp.clone(), s);
            let mut state = PartState {
                skip_before: match opts.spec.from {
                    Position::Time(ts) => Some(ts),
                    _ => None,
                },
                ..PartState::default()
            };
            match opts.spec.until {
                None => {}
                Some(Position::Time(ts)) => {
                    state.until_time = Some(ts);
                    // A time already past also ends at today's end: nothing stamped
                    // earlier is expected to arrive later.
                    if ts <= now {
                        state.until_offset = Some(high);
                    }
                }
                Some(pos) => state.until_offset = Some(resolve(pos, low, high, None)),
            }
            if opts.exit_at_end {
                state.until_offset = Some(state.until_offset.map_or(high, |o| o.min(high)));
            }
            // In a group the start is the committed offset, known only once assigned.
            state.done = !group && state.until_offset.is_some_and(|b| s >= b);
            parts.insert(tp.clone(), state);
        }

        let ctx = TailContext {
            start: start.clone(),
            explicit: opts.explicit_from,
            new_starts: Mutex::new(BTreeMap::new()),
            handled: Mutex::new(BTreeMap::new()),
            assigned: Mutex::new(BTreeSet::new()),
            group,
            commit_error: Mutex::new(None),
            from_beginning: Mutex::new(BTreeSet::new()),
        };
        let consumer: BaseConsumer<TailContext> = cfg
            .create_with_context(ctx)
            .map_err(|e| crate::kafka::bad_settings("client", e))?;
        if group {
            // With -r nothing may match yet: the subscription starts once something does.
            if !topics.is_empty() {
                let topics: Vec<&str> = topics.iter().map(String::as_str).collect();
                consumer.subscribe(&topics).map_err(|e| unreachable(k, e))?;
            }
        } else {
            let mut tpl = TopicPartitionList::new();
            for (tp, s) in &start {
                if !parts[tp].done {
                    tpl.add_partition_offset(&tp.0, tp.1, Offset::Offset(*s))
                        .map_err(|e| Error::internal(e.to_string()))?;
                }
            }
            consumer.assign(&tpl).map_err(|e| unreachable(k, e))?;
        }
        let following = opts.spec.until.is_none() && !opts.exit_at_end;
        let discover = (opts.regex && following).then(|| Discover {
            patterns,
            last: Instant::now(),
            calls: 0,
        });
        Ok(Tailer {
            batch: if group {
                None
            } else {
                BatchReader::new(&consumer)
            },
            consumer,
            // Following topics yet to be created never ends.
            bounded: discover.is_none() && parts.values().all(PartState::bounded),
            parts,
            group,
            last_commit: Instant::now(),
            settings: k.clone(),
            key: Tp::default(),
            discover,
            only: opts.partitions.clone(),
            headers: opts.headers,
        })
    }
}
