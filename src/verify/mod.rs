//! `verify`: reconcile the pipeline without stopping it. PostgreSQL's `livedb` rows against
//! the events on the producer's topic (by id, and by content: each row's event is built as
//! `produce poll` builds it and compared with the event read back), the events against
//! each `consume sink` table it can see, and the dead letters (an id set aside counts as
//! accounted for, with its reason). Everything is read up to one cut taken at start: the
//! rows of one database snapshot (and the producer's offset in it), the topics below their
//! high watermarks of that moment; what came later is left for the next run.
//!
//! Per id only a few numbers are kept (the id, a checksum, where its event lies), never
//! the events, so a topic of millions of events fits in tens of megabytes.
//!
//! One file per part: [`table`] (the database's cut), [`topic`] (the topics' cut and
//! reading them), [`sink`] (a destination table), [`compare`] (the reconciliation, no
//! I/O), [`ranges`] (ids as `1201-1250`).

pub mod aggregate;
pub mod cdc;
pub mod compare;
pub mod ranges;
pub mod sink;
pub mod table;
pub mod topic;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::pipeline::producer::{self, BatchSizing, PollSummary, ProducerEvent};
use crate::settings::Settings;
use crate::shutdown::Stop;
pub use ranges::{IdRange, Ids};
pub use sink::SinkTarget;
pub use table::Range;

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// `--from-id` above `--to-id`.
    #[error("the range {from}..{to} is empty: its first id is above its last")]
    EmptyRange { from: i64, to: i64 },
    /// The CDC table named does not exist.
    #[error("table `{0}` does not exist")]
    NoTable(String),
    /// A CDC table whose primary key is not one integer column.
    #[error("table `{0}` has no primary key of one integer column to verify its CDC topic by")]
    KeyNotOneInteger(String),
}

impl From<VerifyError> for Error {
    fn from(e: VerifyError) -> Self {
        let kind = match &e {
            VerifyError::EmptyRange { .. } | VerifyError::KeyNotOneInteger(_) => {
                crate::error::ErrorKind::Usage
            }
            VerifyError::NoTable(_) => crate::error::ErrorKind::NotFound,
        };
        Error::from_domain(kind, e)
    }
}

#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    pub range: Range,
    /// Sink tables to check besides those found by their consumer groups.
    pub sinks: Vec<SinkTarget>,
    /// Look for `consume sink` groups (`livedbctl-sink-TABLE`) on the topic.
    pub discover_sinks: bool,
}

/// Where a long read is (for a progress line).
#[derive(Debug, Clone)]
pub struct Progress {
    pub what: String,
    pub done: u64,
    /// When known.
    pub total: Option<u64>,
}

pub type OnProgress = Arc<dyn Fn(Progress) + Send + Sync>;

/// Ids set aside by a consumer, for one reason.
#[derive(Debug, Clone, Serialize)]
pub struct DeadLettered {
    pub reason: String,
    pub ids: Ids,
}

/// Records that are no livedb event, for one reason.
#[derive(Debug, Clone, Serialize)]
pub struct Unreadable {
    pub reason: String,
    pub count: u64,
    /// Where the first one is (`partition P offset O`).
    pub first: String,
}

/// One edge of the pipeline, reconciled.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    /// `topic` (livedb rows ↔ the topic's events), `dead_letters` (TOPIC.dlq),
    /// `sink:TABLE` (the events ↔ a `consume sink` table), `aggregate:PREFIX:TOPIC` (a
    /// `consume aggregate`'s count and open windows in Redis; `aggregate` alone when Redis
    /// cannot be read).
    pub stage: String,
    /// False when it could not be read; `reason` says why. The other stages are still checked.
    pub checked: bool,
    /// Why it was not checked, or a note on how it was (no dead-letter topic).
    pub reason: Option<String>,
    /// Ids this stage should hold (topic: rows in the range; sink: events its group consumed).
    pub expected: u64,
    /// Of those, ids it holds.
    pub found: u64,
    /// Expected and absent (and not set aside as a dead letter).
    pub missing: Ids,
    /// Held more than once.
    pub duplicated: Ids,
    /// Held with other content than the row's.
    pub different: Ids,
    /// Held without a row (or an event) to come from.
    pub extra: Ids,
    /// Not there yet and not expected yet: rows above the producer's offset, events past
    /// the sink group's committed offset. Not a failure.
    pub pending: Ids,
    /// Set aside with a reason: accounted for, not missing.
    pub dead_lettered: Vec<DeadLettered>,
    /// Records that could not be read as a livedb event (not JSON, no id, a tombstone).
    pub unreadable: Vec<Unreadable>,
    /// Events newer than the cut, ignored.
    pub outside_cut: u64,
    /// An aggregate's count of events against what the topic says it should be (null for
    /// other stages).
    pub counts: Option<Counts>,
}

/// A count a destination keeps against the count the topic's events call for.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub expected: i64,
    pub found: i64,
}

impl Stage {
    pub fn new(stage: impl Into<String>) -> Stage {
        Stage {
            stage: stage.into(),
            checked: true,
            reason: None,
            expected: 0,
            found: 0,
            missing: Ids::default(),
            duplicated: Ids::default(),
            different: Ids::default(),
            extra: Ids::default(),
            pending: Ids::default(),
            dead_lettered: Vec::new(),
            unreadable: Vec::new(),
            outside_cut: 0,
            counts: None,
        }
    }

    fn not_checkable(stage: impl Into<String>, reason: String) -> Stage {
        Stage {
            checked: false,
            reason: Some(reason),
            ..Stage::new(stage)
        }
    }

    /// Nothing missing, duplicated, different or extra.
    pub fn agrees(&self) -> bool {
        self.missing.is_empty()
            && self.duplicated.is_empty()
            && self.different.is_empty()
            && self.extra.is_empty()
            && self.counts.is_none_or(|c| c.expected == c.found)
    }
}

/// The cut every stage was read up to.
#[derive(Debug, Clone, Serialize)]
pub struct Cut {
    /// The ids checked, `from_id..=to_id`.
    pub from_id: i64,
    pub to_id: i64,
    /// `max(livedb.id)` when verify started.
    pub max_id: i64,
    /// `producer_offsets.last_id` then: rows up to it should be on the topic (null for a
    /// CDC topic).
    pub producer_last_id: Option<i64>,
    /// A CDC topic's table (`schema.table`), else null.
    pub table: Option<String>,
    /// A CDC topic: the WAL position of the snapshot; changes past it are left out.
    pub wal_lsn: Option<String>,
    /// The topic's high watermarks then, per partition (only records below were read).
    pub high_watermarks: BTreeMap<i32, i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    /// Every stage checked agrees, and the topic could be checked.
    pub ok: bool,
    pub topic: String,
    /// `TOPIC.dlq` (null for a CDC topic).
    pub dead_letter_topic: Option<String>,
    pub cut: Cut,
    pub stages: Vec<Stage>,
}

/// What `--repair` did: the ranges republished and the report before.
#[derive(Debug, Clone, Serialize)]
pub struct Repair {
    pub ranges: Vec<IdRange>,
    /// Events acknowledged by Kafka.
    pub published: u64,
    pub before: Box<VerifyReport>,
}

/// Reconcile up to a cut taken now.
pub async fn verify(s: &Settings, opts: &VerifyOptions, on: OnProgress) -> Result<VerifyReport> {
    let topic = s.kafka.topic.clone();
    let dlq_topic = crate::consumers::dead_letter::default_topic(&topic);
    // 1. The cut: the database snapshot first, then the topics' ends (an event published
    //    after the snapshot is then either below the offset read in it, or ignored).
    let tell = |what: &str, done: u64, total: Option<u64>| {
        on(Progress {
            what: what.to_string(),
            done,
            total,
        })
    };
    let (db, rows) =
        table::read(&s.postgres, &opts.range, |n| tell("livedb rows", n, None)).await?;
    // consume aggregate's state: read before the topics' ends, so that all it counted is
    // below them.
    let aggregates = read_aggregates(&s.redis.url, &topic).await;
    let topic_cut = {
        let (k, t) = (s.kafka.clone(), topic.clone());
        off_runtime(move || topic::watermarks(&k, &t)).await
    };
    let dlq_cut = {
        let (k, t) = (s.kafka.clone(), dlq_topic.clone());
        off_runtime(move || topic::watermarks(&k, &t)).await
    };
    let cut = Cut {
        from_id: db.from_id,
        to_id: db.to_id,
        max_id: db.max_id,
        producer_last_id: Some(db.producer_last_id),
        table: None,
        wal_lsn: None,
        high_watermarks: topic_cut
            .as_ref()
            .map(|c| c.iter().map(|p| (p.partition, p.high)).collect())
            .unwrap_or_default(),
    };
    let mut stages = Vec::new();

    // 2. Rows ↔ the topic.
    let events = match &topic_cut {
        Err(reason) => {
            stages.push(Stage::not_checkable("topic", reason.clone()));
            None
        }
        Ok(parts) => {
            let total: i64 = parts.iter().map(|p| p.high - p.low).sum();
            let (k, t, parts, on) = (s.kafka.clone(), topic.clone(), parts.clone(), on.clone());
            let range = (db.from_id, db.to_id);
            let read = off_runtime(move || {
                topic::read_events(&k, &t, &parts, range, |n| {
                    on(Progress {
                        what: format!("events of `{t}`"),
                        done: n,
                        total: Some(total as u64),
                    })
                })
            })
            .await;
            match read {
                Err(reason) => {
                    stages.push(Stage::not_checkable("topic", reason));
                    None
                }
                Ok(read) => {
                    let mut stage = Stage::new("topic");
                    compare::table_to_topic(&rows, &read.events, db.producer_last_id, &mut stage);
                    stage.unreadable = read.unreadable;
                    stage.outside_cut += read.outside_range;
                    stages.push(stage);
                    Some(read.events)
                }
            }
        }
    };

    // 3. The dead letters on TOPIC.dlq.
    let mut dead_letters: Vec<topic::DeadLetter> = Vec::new();
    match &dlq_cut {
        // No dead-letter topic: nothing was set aside there.
        Err(reason) if reason.ends_with("does not exist") => stages.push(Stage {
            reason: Some(format!("{reason}: nothing was set aside there")),
            ..Stage::new("dead_letters")
        }),
        Err(reason) => stages.push(Stage::not_checkable("dead_letters", reason.clone())),
        Ok(parts) => {
            let (k, t, src, parts) = (
                s.kafka.clone(),
                dlq_topic.clone(),
                topic.clone(),
                parts.clone(),
            );
            let read =
                off_runtime(move || topic::read_dead_letters(&k, &t, &src, &parts, |_| {})).await;
            match read {
                Err(reason) => stages.push(Stage::not_checkable("dead_letters", reason)),
                Ok((dead, unreadable)) => {
                    let mut stage = Stage::new("dead_letters");
                    let mut by_reason: BTreeMap<String, Ids> = BTreeMap::new();
                    let mut in_range: Vec<(i64, &str)> = dead
                        .iter()
                        .filter_map(|d| Some((d.id?, d.reason.as_str())))
                        .filter(|(id, _)| (db.from_id..=db.to_id).contains(id))
                        .collect();
                    in_range.sort_unstable();
                    for (id, reason) in in_range {
                        by_reason.entry(reason.to_string()).or_default().push(id);
                    }
                    stage.found = by_reason.values().map(|i| i.count).sum();
                    stage.dead_lettered = by_reason
                        .into_iter()
                        .map(|(reason, ids)| DeadLettered { reason, ids })
                        .collect();
                    stage.unreadable = unreadable;
                    stages.push(stage);
                    dead_letters = dead;
                }
            }
        }
    }

    // 4. Each sink table it can see.
    let partitions: Vec<i32> = topic_cut
        .as_ref()
        .map(|c| c.iter().map(|p| p.partition).collect())
        .unwrap_or_default();
    let mut targets = opts.sinks.clone();
    if opts.discover_sinks && !partitions.is_empty() {
        let (k, t, ps) = (s.kafka.clone(), topic.clone(), partitions.clone());
        let found = tokio::task::spawn_blocking(move || sink::discover(&k, &t, &ps))
            .await
            .unwrap_or_default();
        for f in found {
            if !targets.iter().any(|t| t.table == f.table) {
                targets.push(f);
            }
        }
    }
    for target in &targets {
        let name = format!("sink:{}", target.table);
        let Some(events) = &events else {
            stages.push(Stage::not_checkable(
                name,
                "the topic could not be read".into(),
            ));
            continue;
        };
        tell(&format!("sink table `{}`", target.table), 0, None);
        // The group's position first: a sink writes its rows, then commits, so every
        // event below the offsets read now has its row (or dead letter) when they are read.
        let committed = {
            let (k, g, t, ps) = (
                s.kafka.clone(),
                target.group.clone(),
                topic.clone(),
                partitions.clone(),
            );
            off_runtime(move || sink::committed(&k, &g, &t, &ps)).await
        };
        let committed = match committed {
            Ok(c) => c,
            Err(reason) => {
                stages.push(Stage::not_checkable(name, reason));
                continue;
            }
        };
        let (sink_rows, bad_ids) =
            match sink::read_rows(&s.postgres, target, (db.from_id, db.to_id)).await {
                Ok(r) => r,
                Err(reason) => {
                    stages.push(Stage::not_checkable(name, reason));
                    continue;
                }
            };
        let mut dead: BTreeMap<i64, String> = dead_letters
            .iter()
            .filter(|d| d.destination == target.table)
            .filter_map(|d| Some((d.id?, d.reason.clone())))
            .collect();
        match sink::table_dead_letters(&s.postgres, &target.table, &topic).await {
            Ok(more) => dead.extend(more),
            Err(reason) => {
                stages.push(Stage::not_checkable(
                    name,
                    format!("cannot read livedbctl_dead_letters: {reason}"),
                ));
                continue;
            }
        }
        let mut stage = Stage::new(name);
        compare::topic_to_sink(
            events,
            |e| committed.get(&e.partition).is_some_and(|c| e.offset < *c),
            &rows,
            &sink_rows,
            &dead,
            db.producer_last_id,
            &mut stage,
        );
        if bad_ids > 0 {
            stage.unreadable.push(Unreadable {
                reason: format!("`{}` is not an integer", target.id_column),
                count: bad_ids,
                first: String::new(),
            });
        }
        stages.push(stage);
    }

    // 5. Each aggregate in Redis.
    match aggregates {
        Err(reason) => stages.push(Stage::not_checkable("aggregate", reason)),
        Ok(found) => {
            let lows: BTreeMap<i32, i64> = topic_cut
                .as_ref()
                .map(|c| c.iter().map(|p| (p.partition, p.low)).collect())
                .unwrap_or_default();
            for (state, windows) in found {
                let name = format!("aggregate:{}", state.base);
                let Some(events) = &events else {
                    stages.push(Stage::not_checkable(
                        name,
                        "the topic could not be read".into(),
                    ));
                    continue;
                };
                let set_aside: Vec<(i32, i64)> = dead_letters
                    .iter()
                    .filter(|d| d.destination == state.base)
                    .filter_map(|d| d.source)
                    .collect();
                let counts = match compare::aggregate_count(
                    &state.applied_to,
                    state.counted,
                    &lows,
                    &set_aside,
                ) {
                    Ok(c) => c,
                    Err(reason) => {
                        stages.push(Stage::not_checkable(name, reason));
                        continue;
                    }
                };
                let mut stage = Stage::new(name);
                stage.counts = Some(counts);
                compare::aggregate_windows(
                    events,
                    windows
                        .iter()
                        .flat_map(|w| w.events.iter().map(String::as_str)),
                    (db.from_id, db.to_id),
                    db.producer_last_id,
                    &mut stage,
                );
                stage.expected = stage.found;
                stages.push(stage);
            }
        }
    }

    let ok = stages.iter().any(|st| st.stage == "topic" && st.checked)
        && stages.iter().all(|st| !st.checked || st.agrees());
    Ok(VerifyReport {
        ok,
        topic,
        dead_letter_topic: Some(dlq_topic),
        cut,
        stages,
    })
}

/// Reconcile a CDC topic with its table by primary key, up to a cut taken now.
pub async fn verify_cdc(
    s: &Settings,
    topic_name: &str,
    table: &str,
    range: &Range,
    on: OnProgress,
) -> Result<VerifyReport> {
    if let (Some(from), Some(to)) = (range.from_id, range.to_id) {
        if from > to {
            return Err(VerifyError::EmptyRange { from, to }.into());
        }
    }
    let rows = cdc::read_table(&s.postgres, table, (range.from_id, range.to_id)).await?;
    on(Progress {
        what: format!("rows of `{}`", rows.table),
        done: rows.rows.len() as u64,
        total: None,
    });
    let topic_cut = {
        let (k, t) = (s.kafka.clone(), topic_name.to_string());
        off_runtime(move || topic::watermarks(&k, &t)).await
    };
    let (from, to) = (
        range.from_id.unwrap_or(i64::MIN),
        range.to_id.unwrap_or(i64::MAX),
    );
    let cut = Cut {
        from_id: range
            .from_id
            .unwrap_or_else(|| rows.rows.first().map_or(0, |r| r.0)),
        to_id: range.to_id.unwrap_or(rows.max_key),
        max_id: rows.max_key,
        producer_last_id: None,
        table: Some(table.to_string()),
        wal_lsn: Some(rows.lsn_text.clone()),
        high_watermarks: topic_cut
            .as_ref()
            .map(|c| c.iter().map(|p| (p.partition, p.high)).collect())
            .unwrap_or_default(),
    };
    let stage = match topic_cut {
        Err(reason) => Stage::not_checkable("topic", reason),
        Ok(parts) => {
            let total: i64 = parts.iter().map(|p| p.high - p.low).sum();
            let (k, t) = (s.kafka.clone(), topic_name.to_string());
            let on = on.clone();
            let read = off_runtime(move || {
                cdc::reconcile(&k, &t, &parts, &rows, (from, to), |n| {
                    on(Progress {
                        what: format!("changes on `{t}`"),
                        done: n,
                        total: Some(total as u64),
                    })
                })
            })
            .await;
            read.unwrap_or_else(|reason| Stage::not_checkable("topic", reason))
        }
    };
    Ok(VerifyReport {
        ok: stage.checked && stage.agrees(),
        topic: topic_name.to_string(),
        dead_letter_topic: None,
        cut,
        stages: vec![stage],
    })
}

/// Every `consume aggregate` state of `topic` in Redis, with its open windows; or why
/// Redis cannot be read.
async fn read_aggregates(
    url: &str,
    topic: &str,
) -> std::result::Result<Vec<(aggregate::AggregateState, Vec<aggregate::Window>)>, String> {
    let mut conn = aggregate::connect(url).await?;
    let states = aggregate::read_states(&mut conn, topic).await?;
    let mut out = Vec::new();
    for state in states {
        let windows = aggregate::read_windows(&mut conn, &state.base).await?;
        out.push((state, windows));
    }
    Ok(out)
}

/// Blocking Kafka work on a thread of its own.
async fn off_runtime<T: Send + 'static>(
    f: impl FnOnce() -> std::result::Result<T, String> + Send + 'static,
) -> std::result::Result<T, String> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(format!("the reading task failed: {e}")))
}

/// The ranges the topic stage found missing (what `--repair` republishes).
pub fn missing_on_topic(report: &VerifyReport) -> Vec<IdRange> {
    report
        .stages
        .iter()
        .filter(|st| st.stage == "topic")
        .flat_map(|st| st.missing.ranges.iter().copied())
        .collect()
}

/// Republish `ranges` through the producer ([`producer::republish`]: `produce poll`'s
/// replay path and bookkeeping, under its lock, without moving its offset).
pub async fn republish(
    s: &Settings,
    ranges: &[IdRange],
    stop: Stop,
    on: impl FnMut(ProducerEvent),
) -> Result<PollSummary> {
    let pairs: Vec<(i64, i64)> = ranges.iter().map(|r| (r.first, r.last)).collect();
    producer::republish(
        &s.postgres,
        &s.kafka,
        &pairs,
        BatchSizing::ADAPTIVE,
        stop,
        on,
    )
    .await
}
