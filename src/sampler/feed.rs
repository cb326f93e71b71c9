//! The live event feed: one consumer (by assignment, never in a group, committing
//! nothing) follows the topics viewers asked for and keeps their latest records in memory.
//! Shared by all viewers, like the rest of the sampler; at most `MAX_TOPICS` topics, each
//! dropped when nobody asked for it for a while.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::Message;

use super::seams;
use super::snapshot::FeedEvent;
use crate::kafka::read;
use crate::settings::KafkaSettings;
use crate::shutdown::{stopped, Stop};

pub const MAX_TOPICS: usize = 4;
/// Records kept per topic.
pub const KEEP: usize = 50;
/// Records read back from the end of each partition when a topic is first followed.
const BACKFILL: i64 = 5;
const IDLE_DROP: Duration = Duration::from_secs(600);

#[derive(Default)]
struct State {
    events: BTreeMap<String, VecDeque<FeedEvent>>,
    asked: BTreeMap<String, Instant>,
}

/// Handle to the feed thread: ask for topics, read what arrived.
#[derive(Clone)]
pub struct Feed {
    state: Arc<Mutex<State>>,
    stop: Stop,
    default_topic: String,
}

impl Feed {
    /// Follow `default_topic` on a thread of its own until `stop` is asked for.
    pub fn start(k: &KafkaSettings, default_topic: &str, stop: Stop) -> Feed {
        let feed = Feed {
            state: Arc::new(Mutex::new(State::default())),
            stop,
            default_topic: default_topic.to_string(),
        };
        feed.follow(default_topic);
        let (k, f) = (k.clone(), feed.clone());
        std::thread::Builder::new()
            .name("livedbctl-feed".into())
            .spawn(move || run(&k, &f))
            .map(|_| ())
            .unwrap_or(());
        feed
    }

    /// Follow `topic` (keeps it followed for a while). Returns false when the feed already
    /// follows as many topics as it may.
    pub fn follow(&self, topic: &str) -> bool {
        let mut st = self.state.lock().expect("feed state");
        if !st.asked.contains_key(topic) && st.asked.len() >= MAX_TOPICS {
            // Make room by dropping the topic asked for longest ago (never the default).
            let oldest = st
                .asked
                .iter()
                .filter(|(t, _)| **t != self.default_topic)
                .min_by_key(|(_, at)| **at)
                .map(|(t, _)| t.clone());
            match oldest {
                Some(t) => {
                    st.asked.remove(&t);
                    st.events.remove(&t);
                }
                None => return false,
            }
        }
        st.asked.insert(topic.to_string(), Instant::now());
        true
    }

    /// Latest records of every followed topic, oldest first within a topic.
    pub fn events(&self) -> (Vec<FeedEvent>, Vec<String>) {
        let st = self.state.lock().expect("feed state");
        let topics: Vec<String> = st.asked.keys().cloned().collect();
        let events = st.events.values().flat_map(|q| q.iter().cloned()).collect();
        (events, topics)
    }

    fn push(&self, e: FeedEvent) {
        let mut st = self.state.lock().expect("feed state");
        if !st.asked.contains_key(&e.topic) {
            return;
        }
        let q = st.events.entry(e.topic.clone()).or_default();
        // A re-assignment reads the last records of each partition again.
        if q.iter()
            .any(|x| x.partition == e.partition && x.offset >= e.offset)
        {
            return;
        }
        if q.len() == KEEP {
            q.pop_front();
        }
        q.push_back(e);
    }

    /// Topics to follow now; forgets those nobody asked for lately.
    fn wanted(&self) -> Vec<String> {
        let mut st = self.state.lock().expect("feed state");
        let default = self.default_topic.clone();
        st.asked
            .retain(|t, at| *t == default || at.elapsed() < IDLE_DROP);
        let keep: Vec<String> = st.asked.keys().cloned().collect();
        st.events.retain(|t, _| keep.contains(t));
        keep
    }
}

fn run(k: &KafkaSettings, feed: &Feed) {
    let mut assigned: Vec<String> = Vec::new();
    let mut consumer: Option<BaseConsumer> = None;
    let mut last_check = Instant::now() - Duration::from_secs(60);
    while !stopped(&feed.stop) {
        if last_check.elapsed() >= Duration::from_secs(1) {
            last_check = Instant::now();
            let wanted = feed.wanted();
            // Re-assign when the set changed or partitions appeared (a topic created later).
            if wanted != assigned || consumer.is_none() {
                match assign(k, &wanted) {
                    Ok(Some(c)) => {
                        consumer = Some(c);
                        assigned = wanted;
                    }
                    Ok(None) => {}
                    Err(()) => {
                        consumer = None;
                        std::thread::sleep(Duration::from_secs(1));
                        continue;
                    }
                }
            }
        }
        let Some(c) = consumer.as_ref() else {
            std::thread::sleep(Duration::from_millis(200));
            continue;
        };
        if let Some(Ok(m)) = c.poll(Duration::from_millis(200)) {
            feed.push(seams::feed_event(
                m.topic(),
                m.partition(),
                m.offset(),
                m.timestamp().to_millis(),
                m.key(),
                m.payload(),
            ));
        }
    }
}

/// A consumer assigned to every partition of `topics`, starting a few records before the
/// end. `Ok(None)` when none of the topics exists yet.
fn assign(k: &KafkaSettings, topics: &[String]) -> Result<Option<BaseConsumer>, ()> {
    let mut cfg = read::reader_config(seams::kafka_config(k), "dashboard-feed");
    cfg.set("fetch.wait.max.ms", "200");
    let c: BaseConsumer = cfg.create().map_err(|_| ())?;
    let md = c
        .fetch_metadata(None, Duration::from_secs(5))
        .map_err(|_| ())?;
    let partitions: Vec<(String, i32)> = md
        .topics()
        .iter()
        .filter(|t| topics.iter().any(|w| w == t.name()))
        .flat_map(|t| {
            t.partitions()
                .iter()
                .map(|p| (t.name().to_string(), p.id()))
        })
        .collect();
    // A few records before the end of each partition.
    let assigned =
        read::assign_from_watermarks(&c, partitions, Duration::from_secs(5), |_, _, low, high| {
            Some((high - BACKFILL).max(low))
        })
        .map_err(|_| ())?;
    Ok((assigned > 0).then_some(c))
}
