//! The Kafka part of a sample (blocking; the sampler runs it on a blocking thread): high
//! watermarks of every partition, consumer groups with their committed offsets, lag and
//! time behind. Groups are listed every few rounds; offsets are read every round.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::snapshot::{DeadLetterStat, GroupStat, KafkaSnapshot, PartitionStat, TopicStat};
use crate::groups::lag::{self, rate_per_sec, Trend};
use crate::groups::{self, GroupClient, Tp};
use crate::settings::KafkaSettings;

/// How long one Kafka request of a sample may take. A busy broker answering metadata in
/// more than 5 s was shown as down (seen with hundreds of topics under load); a late
/// sample is better than a false "down".
const TIMEOUT: Duration = Duration::from_secs(15);
/// Rounds between ListGroups (new groups appear within this many seconds).
const LIST_EVERY: u64 = 5;
/// Rounds between DescribeGroups attempts on a broker that failed to describe.
const DESCRIBE_RETRY_EVERY: u64 = 60;
/// Groups commit in batches (a sink every few seconds), so their rate is taken over this
/// window rather than between two samples, where it would jump between 0 and a burst.
const GROUP_RATE_WINDOW_MS: i64 = 10_000;
/// Time the background reader spends on one batch of record timestamps ("time behind").
/// It runs beside the sampler, so a slow read delays the number, never the sample.
const TIMESTAMP_BUDGET: Duration = Duration::from_secs(3);
/// At most this many records are asked for per batch, the most lagging groups' first.
const TIMESTAMP_WANTS_MAX: usize = 64;

/// Reads the timestamps of the records at committed offsets on its own thread and Kafka
/// client. Reading them inside the round (400 ms) left "behind" empty in most samples of
/// a lagging group: a fetch from a cold partition takes longer than that on a busy broker.
struct TimestampReader {
    shared: Arc<ReaderShared>,
}

#[derive(Default)]
struct ReaderShared {
    /// The latest request: it replaces what was not started yet.
    wants: Mutex<Vec<(String, i32, i64)>>,
    wake: Condvar,
    got: Mutex<BTreeMap<(String, i32, i64), i64>>,
    stop: AtomicBool,
}

impl TimestampReader {
    fn start(k: KafkaSettings) -> TimestampReader {
        let shared = Arc::new(ReaderShared::default());
        let s = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("livedbctl-ts-reader".into())
            .spawn(move || {
                let mut client: Option<GroupClient> = None;
                while !s.stop.load(Ordering::Relaxed) {
                    let wants = {
                        let w = s.wants.lock().expect("wants");
                        let (mut w, _) = s
                            .wake
                            .wait_timeout_while(w, Duration::from_secs(1), |w| w.is_empty())
                            .expect("wants");
                        std::mem::take(&mut *w)
                    };
                    if wants.is_empty() || s.stop.load(Ordering::Relaxed) {
                        continue;
                    }
                    if client.is_none() {
                        client = GroupClient::new(&k).ok();
                    }
                    if let Some(c) = client.as_mut() {
                        let got = c.timestamps_at(&wants, TIMESTAMP_BUDGET);
                        s.got.lock().expect("got").extend(got);
                    }
                }
            });
        if spawned.is_err() {
            shared.stop.store(true, Ordering::Relaxed);
        }
        TimestampReader { shared }
    }

    fn request(&self, wants: Vec<(String, i32, i64)>) {
        if wants.is_empty() {
            return;
        }
        *self.shared.wants.lock().expect("wants") = wants;
        self.shared.wake.notify_one();
    }

    fn take(&self) -> BTreeMap<(String, i32, i64), i64> {
        std::mem::take(&mut *self.shared.got.lock().expect("got"))
    }
}

impl Drop for TimestampReader {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.wake.notify_one();
    }
}

/// The timestamps to count time behind with: the record at each position where it was
/// read, else the newest record read below it on the same partition (older, so the time
/// behind is at most one read's worth too long, never missing while the reader catches up
/// with a group that moved).
fn timestamps_for(
    cache: &BTreeMap<(String, i32, i64), i64>,
    positions: &[(String, i32, i64)],
) -> BTreeMap<(String, i32, i64), i64> {
    positions
        .iter()
        .filter_map(|(t, p, o)| {
            let below = cache
                .range((t.clone(), *p, i64::MIN)..=(t.clone(), *p, *o))
                .next_back();
            below.map(|(_, ts)| ((t.clone(), *p, *o), *ts))
        })
        .collect()
}

/// A topic the consumers set events aside on by default (`TOPIC.dlq`).
pub fn is_dead_letter_topic(name: &str) -> bool {
    name.ends_with(".dlq")
}

pub struct KafkaSampler {
    k: KafkaSettings,
    client: Option<GroupClient>,
    rounds: u64,
    groups: Vec<(String, String)>,
    groups_error: Option<String>,
    members: BTreeMap<String, (Option<String>, Option<usize>)>,
    describe_failed_at: Option<u64>,
    /// Timestamps of records at (topic, partition, offset), read by `reader`.
    timestamps: BTreeMap<(String, i32, i64), i64>,
    reader: Option<TimestampReader>,
    prev: Option<Prev>,
    /// Recent (time, sum of committed offsets) per group, for the windowed rate.
    commits: BTreeMap<String, VecDeque<(i64, i64)>>,
    /// Per partition, what is known of when its newest record arrived (freshness).
    newest: BTreeMap<Tp, Newest>,
}

/// When a partition's newest record arrived, to within a sample, without reading it: a
/// record arrived after the sample before its high watermark was last seen to grow. One
/// that has not grown since it was first seen holds nothing newer than that first sample.
#[derive(Debug, Clone, Copy)]
struct Newest {
    first_seen_ms: i64,
    grew_after_ms: Option<i64>,
}

struct Prev {
    t_ms: i64,
    high: BTreeMap<Tp, i64>,
}

impl KafkaSampler {
    pub fn new(k: KafkaSettings) -> KafkaSampler {
        KafkaSampler {
            k,
            client: None,
            rounds: 0,
            groups: Vec::new(),
            groups_error: None,
            members: BTreeMap::new(),
            describe_failed_at: None,
            timestamps: BTreeMap::new(),
            reader: None,
            prev: None,
            commits: BTreeMap::new(),
            newest: BTreeMap::new(),
        }
    }

    pub fn sample(&mut self, now_ms: i64) -> KafkaSnapshot {
        match self.sample_inner(now_ms) {
            Ok(s) => s,
            Err(e) => {
                self.client = None;
                KafkaSnapshot {
                    up: false,
                    error: Some(e),
                    ..KafkaSnapshot::default()
                }
            }
        }
    }

    fn sample_inner(&mut self, now_ms: i64) -> Result<KafkaSnapshot, String> {
        if self.client.is_none() {
            self.client = Some(GroupClient::new(&self.k).map_err(|e| e.to_string())?);
        }
        self.rounds += 1;
        let round = self.rounds;
        let client = self.client.as_mut().expect("created above");
        let topics = client.topics(TIMEOUT).map_err(|e| e.to_string())?;
        let tps: Vec<Tp> = topics
            .iter()
            .flat_map(|(t, ps)| ps.iter().map(move |p| (t.clone(), *p)))
            .collect();
        let wm = client
            .watermarks(&tps, TIMEOUT)
            .map_err(|e| e.to_string())?;
        let elapsed = self.prev.as_ref().map(|p| now_ms - p.t_ms);
        track_newest(&mut self.newest, self.prev.as_ref(), &wm, now_ms);

        let topic_stats: Vec<TopicStat> = topics
            .iter()
            .map(|(t, ps)| {
                let partitions: Vec<PartitionStat> = ps
                    .iter()
                    .map(|p| {
                        let key = (t.clone(), *p);
                        let (low, high) = wm.get(&key).copied().unwrap_or((0, 0));
                        let rate = self.prev.as_ref().and_then(|prev| {
                            prev.high
                                .get(&key)
                                .and_then(|&before| rate_per_sec(before, high, elapsed?))
                        });
                        PartitionStat {
                            partition: *p,
                            low,
                            high,
                            records_per_sec: rate,
                        }
                    })
                    .collect();
                let rates: Vec<f64> = partitions
                    .iter()
                    .filter_map(|p| p.records_per_sec)
                    .collect();
                let (newest_ms, newest_at_most) = topic_newest(&self.newest, t, ps, &wm);
                TopicStat {
                    newest_ms,
                    newest_at_most,
                    topic: t.clone(),
                    high_total: partitions.iter().map(|p| p.high).sum(),
                    messages: partitions.iter().map(|p| (p.high - p.low).max(0)).sum(),
                    records_per_sec: (!rates.is_empty()).then(|| rates.iter().sum()),
                    partitions,
                }
            })
            .collect();

        // Groups: list now and then, describe where the broker can.
        if round == 1 || round.is_multiple_of(LIST_EVERY) {
            match client.list(TIMEOUT) {
                Ok(g) => {
                    self.groups = g
                        .into_iter()
                        .filter(|(name, _)| !name.starts_with("livedbctl-offset-peek"))
                        .collect();
                    self.groups_error = None;
                }
                Err(e) => self.groups_error = Some(e.to_string()),
            }
            let may_describe = self
                .describe_failed_at
                .is_none_or(|at| round - at >= DESCRIBE_RETRY_EVERY);
            if may_describe {
                let mut failed = false;
                for (g, _) in &self.groups {
                    let d = client.describe(g, Duration::from_secs(2));
                    if d.error.is_some() {
                        failed = true;
                    }
                    self.members
                        .insert(g.clone(), (d.state, d.members.map(|m| m.len())));
                }
                self.describe_failed_at = failed.then_some(round);
            }
            let keep: BTreeSet<String> = self.groups.iter().map(|(g, _)| g.clone()).collect();
            self.members.retain(|g, _| keep.contains(g));
            client.retain_groups(&keep);
        }

        let mut group_stats = Vec::new();
        let mut committed_totals = BTreeMap::new();
        // (lag, position): the most lagging groups' records are read first.
        let mut wants: Vec<(i64, (String, i32, i64))> = Vec::new();
        let mut per_group = Vec::new();
        for (g, listed_state) in &self.groups {
            let committed = match client.committed(g, &tps, TIMEOUT) {
                Ok(c) => c,
                Err(_) => continue,
            };
            let parts = groups::group_partitions(&topics, &committed, &[]);
            let rows = groups::partition_lags(&parts, &committed, &wm, &self.timestamps, now_ms);
            let group_lag = lag::total_lag(rows.iter().map(|r| r.lag)).unwrap_or(0);
            wants.extend(
                groups::timestamp_wants(&rows)
                    .into_iter()
                    .filter(|w| !self.timestamps.contains_key(w))
                    .map(|w| (group_lag, w)),
            );
            committed_totals.insert(g.clone(), committed.values().sum::<i64>());
            per_group.push((g.clone(), listed_state.clone(), committed, parts));
        }
        // Timestamps at committed offsets: read in the background, once per offset, kept.
        let reader = self
            .reader
            .get_or_insert_with(|| TimestampReader::start(self.k.clone()));
        self.timestamps.extend(reader.take());
        wants.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut asked: Vec<(String, i32, i64)> = wants.into_iter().map(|(_, w)| w).collect();
        asked.dedup();
        asked.truncate(TIMESTAMP_WANTS_MAX);
        reader.request(asked);
        for (g, listed_state, committed, parts) in per_group {
            let first = groups::partition_lags(&parts, &committed, &wm, &BTreeMap::new(), now_ms);
            let positions: Vec<(String, i32, i64)> = first
                .iter()
                .map(|r| (r.topic.clone(), r.partition, r.position()))
                .collect();
            let ts = timestamps_for(&self.timestamps, &positions);
            let rows = groups::partition_lags(&parts, &committed, &wm, &ts, now_ms);
            let (described_state, members) = self.members.get(&g).cloned().unwrap_or((None, None));
            let (kind, sink) = consumer_kind(&g);
            let mut topics: Vec<String> = rows.iter().map(|r| r.topic.clone()).collect();
            topics.dedup();
            let total = committed_totals.get(&g).copied().unwrap_or(0);
            let seen = self.commits.entry(g.clone()).or_default();
            seen.push_back((now_ms, total));
            while seen.len() > 2 && now_ms - seen[1].0 >= GROUP_RATE_WINDOW_MS {
                seen.pop_front();
            }
            let rate = match (seen.front(), seen.len()) {
                (Some(&(t0, c0)), n) if n >= 2 => rate_per_sec(c0, total, now_ms - t0),
                _ => None,
            };
            group_stats.push(GroupStat {
                state: described_state.unwrap_or(listed_state),
                members,
                kind,
                sink,
                topics,
                lag: lag::total_lag(rows.iter().map(|r| r.lag)),
                lag_from: lag::total_lag_from(rows.iter().map(|r| (r.lag, r.lag_from))),
                trend: Trend::Unknown,
                time_behind_ms: rows.iter().filter_map(|r| r.time_behind_ms).max(),
                records_per_sec: rate,
                partitions: rows,
                group: g,
            });
        }
        // Forget timestamps of offsets no group sits on any more.
        let live: BTreeSet<(String, i32, i64)> = group_stats
            .iter()
            .flat_map(|g| {
                g.partitions
                    .iter()
                    .map(|r| (r.topic.clone(), r.partition, r.position()))
            })
            .collect();
        // Keep what the live positions use: their own records, else the newest below them.
        let keep: BTreeSet<(String, i32, i64)> = live
            .iter()
            .filter_map(|(t, p, o)| {
                self.timestamps
                    .range((t.clone(), *p, i64::MIN)..=(t.clone(), *p, *o))
                    .next_back()
                    .map(|(k, _)| k.clone())
            })
            .collect();
        self.timestamps.retain(|k, _| keep.contains(k));
        self.commits
            .retain(|g, _| group_stats.iter().any(|s| &s.group == g));
        self.newest.retain(|tp, _| wm.contains_key(tp));

        self.prev = Some(Prev {
            t_ms: now_ms,
            high: wm.iter().map(|(k, (_, h))| (k.clone(), *h)).collect(),
        });
        let dead_letters = topic_stats
            .iter()
            .filter(|t| is_dead_letter_topic(&t.topic))
            .map(|t| DeadLetterStat {
                topic: t.topic.clone(),
                messages: t.messages,
                total: t.high_total,
            })
            .collect();
        Ok(KafkaSnapshot {
            up: true,
            error: None,
            topics: topic_stats,
            groups: group_stats,
            groups_error: self.groups_error.clone(),
            dead_letters,
        })
    }
}

/// Note the partitions whose high watermark grew since the last sample.
fn track_newest(
    newest: &mut BTreeMap<Tp, Newest>,
    prev: Option<&Prev>,
    wm: &BTreeMap<Tp, (i64, i64)>,
    now_ms: i64,
) {
    for (tp, &(_, high)) in wm {
        let n = newest.entry(tp.clone()).or_insert(Newest {
            first_seen_ms: now_ms,
            grew_after_ms: None,
        });
        if let Some((t_ms, before)) = prev.and_then(|p| p.high.get(tp).map(|h| (p.t_ms, *h))) {
            if high > before {
                n.grew_after_ms = Some(t_ms);
            }
        }
    }
}

/// A topic's newest arrival over its non-empty partitions, and whether that is only an
/// upper bound (nothing arrived while the sampler watched). Null for an empty topic.
fn topic_newest(
    newest: &BTreeMap<Tp, Newest>,
    topic: &str,
    partitions: &[i32],
    wm: &BTreeMap<Tp, (i64, i64)>,
) -> (Option<i64>, bool) {
    let mut grew = None;
    let mut watched_from = None;
    for p in partitions {
        let tp = (topic.to_string(), *p);
        if wm.get(&tp).is_none_or(|&(_, high)| high <= 0) {
            continue;
        }
        if let Some(n) = newest.get(&tp) {
            grew = grew.max(n.grew_after_ms);
            watched_from =
                Some(watched_from.map_or(n.first_seen_ms, |w: i64| w.min(n.first_seen_ms)));
        }
    }
    match grew {
        Some(g) => (Some(g), false),
        None => (watched_from, watched_from.is_some()),
    }
}

/// What runs under a group, from livedbctl's default group names
/// (`consume sink|aggregate|route`; stream jobs by the stream domain's rule, here and on
/// Flink). A stream job's group of another name is claimed from its checkpoint
/// (`jobs::claim_groups`).
pub fn consumer_kind(group: &str) -> (String, Option<String>) {
    let pick = |prefix: &str| group.strip_prefix(prefix).filter(|s| !s.is_empty());
    if let Some((job, _)) = crate::stream::job::job_of_group(group) {
        ("stream".into(), Some(format!("stream:{job}")))
    } else if let Some(t) = pick("livedbctl-sink-") {
        ("sink".into(), Some(format!("postgres:{t}")))
    } else if let Some(p) = pick("livedbctl-aggregate-") {
        ("aggregate".into(), Some(format!("redis:{p}")))
    } else if let Some(t) = pick("livedbctl-route-") {
        ("route".into(), Some(format!("kafka:{t}.*")))
    } else {
        ("other".into(), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_not_read_yet_takes_the_newest_record_read_below_it() {
        let cache = BTreeMap::from([
            (("t".to_string(), 0, 10), 1_000),
            (("t".to_string(), 0, 20), 2_000),
            (("t".to_string(), 1, 5), 500),
        ]);
        let at = |p: i32, o: i64| ("t".to_string(), p, o);
        let got = timestamps_for(&cache, &[at(0, 20), at(0, 25), at(0, 5), at(1, 9)]);
        assert_eq!(got.get(&at(0, 20)), Some(&2_000));
        assert_eq!(got.get(&at(0, 25)), Some(&2_000));
        assert_eq!(got.get(&at(0, 5)), None);
        assert_eq!(got.get(&at(1, 9)), Some(&500));
    }

    #[test]
    fn a_topic_is_as_fresh_as_the_sample_before_its_high_watermark_last_grew() {
        let tp = |p: i32| ("t".to_string(), p);
        let wm = |a: i64, b: i64| BTreeMap::from([(tp(0), (0, a)), (tp(1), (0, b))]);
        let mut newest = BTreeMap::new();
        // First sample at 1000: nothing known but that it was watched from then.
        track_newest(&mut newest, None, &wm(5, 0), 1_000);
        assert_eq!(
            topic_newest(&newest, "t", &[0, 1], &wm(5, 0)),
            (Some(1_000), true)
        );
        let prev = Prev {
            t_ms: 1_000,
            high: BTreeMap::from([(tp(0), 5), (tp(1), 0)]),
        };
        // Partition 1 grew between 1000 and 2000: a record arrived after 1000.
        track_newest(&mut newest, Some(&prev), &wm(5, 3), 2_000);
        assert_eq!(
            topic_newest(&newest, "t", &[0, 1], &wm(5, 3)),
            (Some(1_000), false)
        );
        let prev = Prev {
            t_ms: 2_000,
            high: BTreeMap::from([(tp(0), 5), (tp(1), 3)]),
        };
        // Nothing since: it stays, and ages.
        track_newest(&mut newest, Some(&prev), &wm(5, 3), 9_000);
        assert_eq!(
            topic_newest(&newest, "t", &[0, 1], &wm(5, 3)),
            (Some(1_000), false)
        );
        // An empty topic has nothing to be stale.
        let empty = BTreeMap::from([(("e".to_string(), 0), (0, 0))]);
        track_newest(&mut newest, None, &empty, 1_000);
        assert_eq!(topic_newest(&newest, "e", &[0], &empty), (None, false));
    }

    #[test]
    fn default_group_names_tell_where_a_consumer_writes() {
        assert_eq!(
            consumer_kind("livedbctl-sink-orders"),
            ("sink".into(), Some("postgres:orders".into()))
        );
        assert_eq!(
            consumer_kind("livedbctl-aggregate-livedb:agg"),
            ("aggregate".into(), Some("redis:livedb:agg".into()))
        );
        assert_eq!(
            consumer_kind("livedbctl-stream-revenue-by-region"),
            ("stream".into(), Some("stream:revenue-by-region".into()))
        );
        assert_eq!(
            consumer_kind("livedbctl-flink-revenue-by-region"),
            ("stream".into(), Some("stream:revenue-by-region".into()))
        );
        assert_eq!(consumer_kind("ops"), ("other".into(), None));
        assert_eq!(consumer_kind("livedbctl-sink-"), ("other".into(), None));
    }
}
