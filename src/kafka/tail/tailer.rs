//! The tail consumer: reads by assignment, or as a group member committing only what the
//! caller handled, and knows when every partition reached its end.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::types::RDKafkaRespErr;
use rdkafka::{ClientContext, Offset, TopicPartitionList};

use super::batch::BatchReader;
use super::decode::Record;
use super::offsets::{resolve, OffsetSpec, Position};
use crate::error::{Error, Result};
use crate::kafka::admin::{explain, kafka_error};
use crate::kafka::{client_config, unreachable, ClusterError};
use crate::settings::KafkaSettings;

pub type Tp = (String, i32);

#[derive(Debug, Clone)]
pub struct TailOptions {
    pub topics: Vec<String>,
    /// Only these partitions (of every topic); empty means all.
    pub partitions: Vec<i32>,
    pub spec: OffsetSpec,
    /// Whether `spec.from` was given by the operator. With a group and no explicit start,
    /// the group's committed offsets decide.
    pub explicit_from: bool,
    /// Stop at the end of each partition as it was when reading began.
    pub exit_at_end: bool,
    /// Join this consumer group and commit handled records; None reads by assignment.
    pub group: Option<String>,
    /// `topics` are regular expressions, each matching whole topic names. While following
    /// (no end bound), topics that come to match later are read too, from their start.
    pub regex: bool,
}

/// Topics named by patterns, looked for again while following.
struct Discover {
    patterns: Vec<regex::Regex>,
    last: Instant,
    /// Calls to `next` since the clock was last read.
    calls: u32,
}

/// How often a following `-r` tail looks for new matching topics (and partitions).
const DISCOVER_EVERY: Duration = Duration::from_secs(2);

/// The patterns of `-r`, anchored so each matches whole topic names.
pub fn topic_patterns(patterns: &[String]) -> Result<Vec<regex::Regex>> {
    patterns
        .iter()
        .map(|p| {
            regex::Regex::new(&format!("^(?:{p})$"))
                .map_err(|e| Error::usage(format!("`{p}` is not a valid pattern: {e}")))
        })
        .collect()
}

/// Shared between the read loop and librdkafka's rebalance callback.
pub struct TailContext {
    /// Where each partition starts when it is assigned: the operator's `--from` when
    /// `explicit`, else the group's committed offset, else this (the `--from` default).
    start: BTreeMap<Tp, i64>,
    explicit: bool,
    /// Starts of partitions assigned since the reader last looked.
    new_starts: Mutex<BTreeMap<Tp, i64>>,
    /// Next offset after the last handled record of each partition: what gets committed.
    handled: Mutex<BTreeMap<Tp, i64>>,
    assigned: Mutex<BTreeSet<Tp>>,
    group: bool,
    commit_error: Mutex<Option<String>>,
    /// Partitions found by `-r` after the start: with no committed offset, a group reads
    /// them from their beginning (everything in them is new).
    from_beginning: Mutex<BTreeSet<Tp>>,
}

impl ClientContext for TailContext {}

impl ConsumerContext for TailContext {
    fn rebalance(
        &self,
        consumer: &BaseConsumer<Self>,
        err: RDKafkaRespErr,
        tpl: &mut TopicPartitionList,
    ) {
        match err {
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS => {
                let handled = self.handled.lock().expect("handled lock").clone();
                let parts: Vec<Tp> = tpl
                    .elements()
                    .iter()
                    .map(|e| (e.topic().to_string(), e.partition()))
                    .collect();
                let committed: BTreeMap<Tp, i64> = if self.explicit {
                    BTreeMap::new()
                } else {
                    consumer
                        .committed_offsets(tpl.clone(), Duration::from_secs(10))
                        .map(|c| {
                            c.elements()
                                .iter()
                                .filter_map(|e| match e.offset() {
                                    Offset::Offset(o) if o >= 0 => {
                                        Some(((e.topic().to_string(), e.partition()), o))
                                    }
                                    _ => None,
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                };
                // Every start is explicit, so the reader knows where each partition begins
                // (and can tell at once that one has nothing to read).
                let mut starts = self.new_starts.lock().expect("starts lock");
                for tp in &parts {
                    // Resume after what was handled before a rebalance; else as asked.
                    let at = handled.get(tp).or_else(|| {
                        if self.explicit {
                            self.start.get(tp)
                        } else {
                            committed.get(tp).or(self.start.get(tp))
                        }
                    });
                    if let Some(&at) = at {
                        let _ = tpl.set_partition_offset(&tp.0, tp.1, Offset::Offset(at));
                        starts.insert(tp.clone(), at);
                    } else if self
                        .from_beginning
                        .lock()
                        .expect("from_beginning lock")
                        .contains(tp)
                    {
                        let _ = tpl.set_partition_offset(&tp.0, tp.1, Offset::Beginning);
                    }
                }
                drop(starts);
                self.assigned.lock().expect("assigned lock").extend(parts);
                let _ = consumer.assign(tpl);
            }
            _ => {
                if self.group {
                    // Commit what was handled before the partitions go to another member.
                    if let Err(e) = self.commit(consumer, CommitMode::Sync) {
                        *self.commit_error.lock().expect("commit error lock") = Some(e);
                    }
                }
                self.assigned.lock().expect("assigned lock").clear();
                let _ = consumer.unassign();
            }
        }
    }
}

impl TailContext {
    fn commit(
        &self,
        consumer: &BaseConsumer<Self>,
        mode: CommitMode,
    ) -> std::result::Result<usize, String> {
        let handled = self.handled.lock().expect("handled lock").clone();
        if handled.is_empty() {
            return Ok(0);
        }
        let mut tpl = TopicPartitionList::new();
        for ((t, p), next) in &handled {
            tpl.add_partition_offset(t, *p, Offset::Offset(*next))
                .map_err(|e| e.to_string())?;
        }
        consumer.commit(&tpl, mode).map_err(|e| e.to_string())?;
        Ok(handled.len())
    }
}

/// Where a partition stops: before `until_offset`, or at the first record stamped at or
/// after `until_time`, whichever comes first.
#[derive(Debug, Default)]
struct PartState {
    until_offset: Option<i64>,
    until_time: Option<i64>,
    /// Skip records stamped before this until one at or after it is seen. ListOffsets by
    /// time already starts there on Apache Kafka; tansu 0.6 answers offset 0 when no record
    /// is that late, and this keeps the result right there too.
    skip_before: Option<i64>,
    done: bool,
}

impl PartState {
    fn bounded(&self) -> bool {
        self.until_offset.is_some() || self.until_time.is_some()
    }
}

/// What [`Tailer::next`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// The record was written into the caller's [`Record`].
    Record,
    /// Nothing within the timeout; poll again.
    Idle,
    /// Every partition read reached its end bound.
    Done,
}

/// A consumer reading from an [`OffsetSpec`], by assignment or as a group member.
pub struct Tailer {
    /// Reading by assignment: the consumer's queue in batches. Declared before `consumer`
    /// so it is dropped first.
    batch: Option<BatchReader>,
    consumer: BaseConsumer<TailContext>,
    parts: BTreeMap<Tp, PartState>,
    group: bool,
    bounded: bool,
    last_commit: Instant,
    settings: KafkaSettings,
    /// The partition of the record being read, as a key into `parts`: refilled per record
    /// without allocating (a `(String, i32)` made per record was a measurable share of
    /// `consume tail`'s CPU).
    key: Tp,
    /// With `-r` while following: the patterns, to pick up topics created later.
    discover: Option<Discover>,
    /// Only these partitions (of every topic); empty means all.
    only: Vec<i32>,
}

/// How often a group member commits while reading (and always on close).
const COMMIT_EVERY: Duration = Duration::from_secs(1);

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
        })
    }

    /// With `-r` while following, every [`DISCOVER_EVERY`]: read the topics that came to
    /// match (and partitions added to matching ones) from their start: by assignment they
    /// are added to it; a group member subscribes to them too, and the rebalance starts them
    /// at the group's committed offset, else at their beginning. The clock is read once per
    /// 1024 records, or when idle.
    fn discover(&mut self, idle: bool) -> Result<()> {
        let Some(d) = self.discover.as_mut() else {
            return Ok(());
        };
        d.calls += 1;
        if !idle && d.calls < 1024 {
            return Ok(());
        }
        d.calls = 0;
        if d.last.elapsed() < DISCOVER_EVERY {
            return Ok(());
        }
        d.last = Instant::now();
        // A broker that does not answer now is asked again next time.
        let Ok(md) =
            crate::kafka::fetch_metadata_blocking(&self.settings, None, Duration::from_secs(5))
        else {
            return Ok(());
        };
        let mut tpl = TopicPartitionList::new();
        let mut found = Vec::new();
        for t in md.topics() {
            if t.error().is_some() || !d.patterns.iter().any(|p| p.is_match(t.name())) {
                continue;
            }
            for p in t.partitions() {
                let tp = (t.name().to_string(), p.id());
                if self.parts.contains_key(&tp)
                    || !(self.only.is_empty() || self.only.contains(&tp.1))
                {
                    continue;
                }
                tpl.add_partition_offset(&tp.0, tp.1, Offset::Beginning)
                    .map_err(|e| Error::internal(e.to_string()))?;
                found.push(tp);
            }
        }
        if found.is_empty() {
            return Ok(());
        }
        if self.group {
            let new_topic = found
                .iter()
                .any(|tp| !self.parts.keys().any(|(t, _)| *t == tp.0));
            self.consumer
                .context()
                .from_beginning
                .lock()
                .expect("from_beginning lock")
                .extend(found.iter().cloned());
            for tp in found {
                self.parts.insert(tp, PartState::default());
            }
            // New partitions of subscribed topics come with the next rebalance by themselves.
            if new_topic {
                let names: BTreeSet<&str> = self.parts.keys().map(|(t, _)| t.as_str()).collect();
                let names: Vec<&str> = names.into_iter().collect();
                self.consumer
                    .subscribe(&names)
                    .map_err(|e| unreachable(&self.settings, e))?;
            }
            return Ok(());
        }
        self.consumer
            .incremental_assign(&tpl)
            .map_err(|e| unreachable(&self.settings, e))?;
        for tp in found {
            self.parts.insert(tp, PartState::default());
        }
        Ok(())
    }

    fn all_done(&self) -> bool {
        if !self.bounded {
            return false;
        }
        if self.group {
            // A member is done when every partition it holds is; it may hold none yet.
            let assigned = self
                .consumer
                .context()
                .assigned
                .lock()
                .expect("assigned lock");
            !assigned.is_empty()
                && assigned
                    .iter()
                    .all(|tp| self.parts.get(tp).is_none_or(|s| s.done))
        } else {
            self.parts.values().all(|s| s.done)
        }
    }

    fn finish_partition(&mut self, tp: &Tp) {
        if let Some(s) = self.parts.get_mut(tp) {
            s.done = true;
        }
        let mut tpl = TopicPartitionList::new();
        tpl.add_partition(&tp.0, tp.1);
        let _ = self.consumer.pause(&tpl);
    }

    /// The next record, waiting at most `timeout`: on [`Next::Record`] it is in `rec`, whose
    /// buffers are reused from one record to the next (no allocation per record).
    pub fn next(&mut self, timeout: Duration, rec: &mut Record) -> Result<Next> {
        if self.group && self.last_commit.elapsed() >= COMMIT_EVERY {
            self.commit(CommitMode::Async)?;
        }
        self.check_new_assignments();
        self.discover(false)?;
        if self.all_done() {
            return Ok(Next::Done);
        }
        // No clock reading when not waiting: this runs once per record.
        let deadline = (!timeout.is_zero()).then(|| Instant::now() + timeout);
        loop {
            let left = deadline.map_or(Duration::ZERO, |d| {
                d.saturating_duration_since(Instant::now())
            });
            let (parts, key) = (&mut self.parts, &mut self.key);
            let got = match self.batch.as_mut() {
                Some(b) => b.next(left).map(|m| m.map(|m| judge(parts, key, &m, rec))),
                None => self
                    .consumer
                    .poll(left)
                    .map(|m| m.map(|m| judge(parts, key, &m, rec))),
            };
            match got {
                None => {
                    self.check_new_assignments();
                    self.discover(true)?;
                    return Ok(if self.all_done() {
                        Next::Done
                    } else {
                        Next::Idle
                    });
                }
                Some(Err(KafkaError::PartitionEOF(p))) => {
                    self.at_partition_end(p);
                    if self.all_done() {
                        return Ok(Next::Done);
                    }
                }
                Some(Err(e)) => {
                    if let Some(code) = e.rdkafka_error_code() {
                        use rdkafka::types::RDKafkaErrorCode as C;
                        if matches!(
                            code,
                            C::UnknownTopicOrPartition
                                | C::UnknownTopic
                                | C::TopicAuthorizationFailed
                        ) {
                            return Err(explain(
                                code,
                                &self
                                    .parts
                                    .keys()
                                    .next()
                                    .map(|t| t.0.clone())
                                    .unwrap_or_default(),
                            ));
                        }
                    }
                    // Transport hiccups are retried by librdkafka; only fatal ones end the read.
                    if matches!(&e, KafkaError::MessageConsumptionFatal(_)) {
                        return Err(unreachable(&self.settings, e));
                    }
                }
                Some(Ok(Verdict::Skip)) => {}
                Some(Ok(Verdict::Finish)) => {
                    let tp = self.key.clone();
                    self.finish_partition(&tp);
                    if self.all_done() {
                        return Ok(Next::Done);
                    }
                }
                Some(Ok(Verdict::Take { last })) => {
                    if last {
                        let tp = self.key.clone();
                        self.finish_partition(&tp);
                    }
                    return Ok(Next::Record);
                }
            }
        }
    }

    /// Partitions a group assigned whose start is already at their end bound are done.
    fn check_new_assignments(&mut self) {
        if !self.group {
            return;
        }
        let starts = std::mem::take(
            &mut *self
                .consumer
                .context()
                .new_starts
                .lock()
                .expect("starts lock"),
        );
        for (tp, at) in starts {
            if self
                .parts
                .get(&tp)
                .and_then(|s| s.until_offset)
                .is_some_and(|b| at >= b)
            {
                self.finish_partition(&tp);
            }
        }
    }

    /// librdkafka reports the end of a partition by number only: check each topic's.
    fn at_partition_end(&mut self, partition: i32) {
        let Ok(positions) = self.consumer.position() else {
            return;
        };
        let ends: Vec<Tp> = positions
            .elements()
            .iter()
            .filter(|e| e.partition() == partition)
            .filter_map(|e| {
                let tp = (e.topic().to_string(), e.partition());
                let s = self.parts.get(&tp)?;
                match (e.offset(), s.until_offset) {
                    (Offset::Offset(pos), Some(b)) if !s.done && pos >= b => Some(tp),
                    _ => None,
                }
            })
            .collect();
        for tp in ends {
            self.finish_partition(&tp);
        }
    }

    /// Whether this reader is a group member (and commits what was handled).
    pub fn is_group(&self) -> bool {
        self.group
    }

    /// The caller has finished with the record at `offset`: with a group, it will be
    /// committed.
    pub fn mark_handled(&self, topic: &str, partition: i32, offset: i64) {
        if self.group {
            self.consumer
                .context()
                .handled
                .lock()
                .expect("handled lock")
                .insert((topic.to_string(), partition), offset + 1);
        }
    }

    fn commit(&mut self, mode: CommitMode) -> Result<usize> {
        self.last_commit = Instant::now();
        if let Some(e) = self
            .consumer
            .context()
            .commit_error
            .lock()
            .expect("commit error lock")
            .take()
        {
            return Err(Error::runtime(format!("committing offsets failed: {e}")));
        }
        self.consumer
            .context()
            .commit(&self.consumer, mode)
            .map_err(|e| ClusterError::Commit(e).into())
    }

    /// Commit what was handled (with a group) and leave. Returns how many partitions'
    /// offsets were committed.
    pub fn close(mut self) -> Result<usize> {
        if !self.group {
            return Ok(0);
        }
        let n = self.commit(CommitMode::Sync)?;
        // Leave the group now rather than letting the session time out.
        self.consumer.unsubscribe();
        Ok(n)
    }
}

/// What [`Tailer::next`] does with a message read.
enum Verdict {
    /// Not for this reader (a partition not read, or already done).
    Skip,
    /// Past its partition's end bound: that partition is done, the message not shown.
    Finish,
    /// Copied into the record; `last` when it is its partition's last one.
    Take { last: bool },
}

/// Judge message `m` by its partition's state in `parts` (looked up through `key`, refilled
/// without allocating), and copy it into `rec` when it is to be shown.
fn judge(
    parts: &mut BTreeMap<Tp, PartState>,
    key: &mut Tp,
    m: &impl Message,
    rec: &mut Record,
) -> Verdict {
    key.0.clear();
    key.0.push_str(m.topic());
    key.1 = m.partition();
    let Some(state) = parts.get_mut(key) else {
        return Verdict::Skip;
    };
    if state.done {
        return Verdict::Skip;
    }
    let (offset, timestamp) = (m.offset(), m.timestamp().to_millis());
    let past = state.until_offset.is_some_and(|b| offset >= b)
        || state
            .until_time
            .is_some_and(|t| timestamp.is_some_and(|ts| ts >= t));
    if past {
        return Verdict::Finish;
    }
    if let Some(t) = state.skip_before {
        if timestamp.is_some_and(|ts| ts < t) {
            return match state.until_offset.is_some_and(|b| offset + 1 >= b) {
                true => Verdict::Finish,
                false => Verdict::Skip,
            };
        }
        state.skip_before = None;
    }
    rec.fill(m);
    Verdict::Take {
        last: state.until_offset.is_some_and(|b| offset + 1 >= b),
    }
}
