//! One sampler for every viewer: about once a second it asks PostgreSQL, Kafka and Redis
//! how the pipeline is doing (one set of queries, however many pages, `top`s or scrapers
//! watch), builds a [`Snapshot`], keeps the last minutes of every series in a bounded
//! [`history::History`], and publishes the snapshot on a `watch` channel.
//!
//! No clap and no printing here: `dashboard` serves what it publishes, `top` draws it.

pub mod feed;
pub mod flow;
pub mod history;
pub mod jobs;
pub mod kafka;
pub mod postgres;
pub mod redis;
pub mod results;
pub mod seams;
pub mod snapshot;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::groups::lag;
use crate::settings::Settings;
use crate::shutdown::{requested, stopped, Shutdown, Stop};
use crate::stream::flink::rest::JobOverview;
use history::{Columns, History};
use snapshot::{FlinkStat, KafkaSnapshot, ServiceHealth, Snapshot, SNAPSHOT_VERSION};

#[derive(Debug, thiserror::Error)]
pub enum SamplerError {
    #[error("the sampling interval must be at least 100 ms (got {0:?})")]
    Interval(Duration),
}

#[derive(Debug, Clone)]
pub struct SamplerOptions {
    pub interval: Duration,
    /// How far back the history goes (15 minutes by default).
    pub history: Duration,
    /// The topic the event feed follows first (the profile's `kafka.topic`).
    pub feed_topic: String,
    /// Where `consume aggregate` keeps its windows (`--prefix`, default `livedb:agg`).
    pub aggregate_prefix: String,
    /// A stream job's PostgreSQL results table to show, if any.
    pub results_table: Option<String>,
    /// Services are probed as `infra status` does every this many samples.
    pub health_every: u64,
    /// Run on every snapshot before it is published (the alert rules judge it there).
    pub judge: Option<Judge>,
}

/// Something that reads each snapshot and adds its verdict to it before any viewer sees
/// it (`alerts::Engine`); it must not block.
pub trait JudgeSnapshot: Send {
    fn judge(&mut self, snap: &mut Snapshot);
}

/// A shared [`JudgeSnapshot`], for [`SamplerOptions`].
#[derive(Clone)]
pub struct Judge(pub Arc<Mutex<dyn JudgeSnapshot>>);

impl std::fmt::Debug for Judge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Judge")
    }
}

impl Default for SamplerOptions {
    fn default() -> Self {
        SamplerOptions {
            interval: Duration::from_secs(1),
            history: Duration::from_secs(15 * 60),
            feed_topic: crate::settings::DEFAULT_TOPIC.into(),
            aggregate_prefix: "livedb:agg".into(),
            results_table: None,
            health_every: 5,
            judge: None,
        }
    }
}

/// Window over which a group's lag trend is judged.
const TREND_WINDOW_MS: i64 = 30_000;
/// Rounds between two questions to Flink (its jobs change slowly; a JVM answers slowly).
const FLINK_EVERY: u64 = 5;
/// How long Flink may take to answer before it is shown as unreachable.
const FLINK_TIMEOUT: Duration = Duration::from_secs(2);

/// A running sampler. Dropping it stops the sampling task and the feed thread.
pub struct Sampler {
    rx: watch::Receiver<Arc<Snapshot>>,
    history: Arc<Mutex<History>>,
    feed: feed::Feed,
    stop: Shutdown,
}

impl Drop for Sampler {
    fn drop(&mut self) {
        self.stop.request();
    }
}

impl Sampler {
    /// Start sampling on the current tokio runtime.
    pub fn start(settings: &Settings, opts: SamplerOptions) -> Result<Sampler, SamplerError> {
        if opts.interval < Duration::from_millis(100) {
            return Err(SamplerError::Interval(opts.interval));
        }
        let capacity = (opts.history.as_millis() / opts.interval.as_millis()).max(2) as usize;
        let history = Arc::new(Mutex::new(History::new(capacity)));
        let (tx, rx) = watch::channel(Arc::new(Snapshot::default()));
        let stop = Shutdown::manual();
        let feed = feed::Feed::start(&settings.kafka, &opts.feed_topic, stop.stop());
        let task = Task {
            settings: settings.clone(),
            pg: postgres::PgSampler::new(settings.postgres.clone(), opts.results_table.clone()),
            kafka: Arc::new(Mutex::new(kafka::KafkaSampler::new(settings.kafka.clone()))),
            redis: redis::RedisSampler::new(
                settings.redis.url.clone(),
                results::WindowSource::aggregate(&opts.aggregate_prefix),
            ),
            flink: settings.flink.named.then(|| FlinkWatch {
                url: settings.flink.url.clone(),
                last: None,
            }),
            history: history.clone(),
            feed: feed.clone(),
            opts,
            services: Vec::new(),
            health_statements: 0,
            last_kafka: None,
        };
        tokio::spawn(task.run(tx, stop.stop()));
        Ok(Sampler {
            rx,
            history,
            feed,
            stop,
        })
    }

    pub fn subscribe(&self) -> watch::Receiver<Arc<Snapshot>> {
        self.rx.clone()
    }

    pub fn latest(&self) -> Arc<Snapshot> {
        self.rx.borrow().clone()
    }

    pub fn history(&self) -> Columns {
        self.history.lock().expect("history").columns()
    }

    /// Follow `topic` in the event feed (shared by every viewer).
    pub fn follow(&self, topic: &str) -> bool {
        self.feed.follow(topic)
    }
}

struct Task {
    settings: Settings,
    opts: SamplerOptions,
    pg: postgres::PgSampler,
    kafka: Arc<Mutex<kafka::KafkaSampler>>,
    redis: redis::RedisSampler,
    /// The profile's Flink cluster, when it names one.
    flink: Option<FlinkWatch>,
    history: Arc<Mutex<History>>,
    feed: feed::Feed,
    services: Vec<ServiceHealth>,
    health_statements: u64,
    /// The last Kafka part that came in time, and when: shown (with the delay said) while
    /// a slow broker's next answer is still on its way, for up to [`KAFKA_STALE_FOR_MS`].
    last_kafka: Option<(i64, KafkaSnapshot)>,
}

/// How long the last Kafka sample stands in for one that is late; after that a broker
/// that does not answer is shown down.
const KAFKA_STALE_FOR_MS: i64 = 30_000;

/// Flink as last asked: asked every [`FLINK_EVERY`] rounds, shown in between.
struct FlinkWatch {
    url: String,
    last: Option<(FlinkStat, Vec<JobOverview>)>,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Task {
    async fn run(mut self, tx: watch::Sender<Arc<Snapshot>>, mut stop: Stop) {
        let mut ticker = tokio::time::interval(self.opts.interval);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut seq = 0u64;
        loop {
            tokio::select! {
                _ = ticker.tick() => {}
                _ = requested(&mut stop) => break,
            }
            if stopped(&stop) {
                break;
            }
            seq += 1;
            let snap = self.sample(seq).await;
            if tx.send(Arc::new(snap)).is_err() {
                break;
            }
        }
    }

    async fn sample(&mut self, seq: u64) -> Snapshot {
        let started = Instant::now();
        let now = now_ms();
        // A part that does not answer within the interval (plus slack) is reported as such
        // and the snapshot goes out without it; the sampler never stalls.
        let budget = self.opts.interval.max(Duration::from_secs(1)) * 4;

        let kafka = self.kafka.clone();
        let kafka_part = tokio::task::spawn_blocking(move || match kafka.try_lock() {
            Ok(mut k) => Some(k.sample(now)),
            Err(_) => None,
        });
        let pg_part = tokio::time::timeout(budget, self.pg.sample(now));
        let redis_part = tokio::time::timeout(budget, self.redis.sample());
        let health_due = seq == 1 || (seq - 1).is_multiple_of(self.opts.health_every.max(1));
        let settings = self.settings.clone();
        let health_part = async move {
            if !health_due {
                return None;
            }
            let probes = seams::services(&settings)
                .into_iter()
                .map(|svc| {
                    let s = &settings;
                    async move {
                        match tokio::time::timeout(budget, seams::service_health(s, svc, now)).await
                        {
                            Ok(h) => h,
                            Err(_) => ServiceHealth {
                                service: svc.to_string(),
                                state: "unresponsive".into(),
                                up: false,
                                address: String::new(),
                                version: None,
                                engine: None,
                                detail: Some("no answer to the health probe in time".into()),
                                checked_at_ms: now,
                            },
                        }
                    }
                })
                .collect::<Vec<_>>();
            Some(futures::future::join_all(probes).await)
        };
        let flink_url = self
            .flink
            .as_ref()
            .filter(|_| seq == 1 || (seq - 1).is_multiple_of(FLINK_EVERY))
            .map(|f| f.url.clone());
        let flink_part = async move {
            let url = flink_url?;
            // The client gives up after FLINK_TIMEOUT; this bounds what it cannot.
            let answer = tokio::time::timeout(
                FLINK_TIMEOUT + Duration::from_secs(1),
                seams::flink_jobs(&url, FLINK_TIMEOUT),
            )
            .await;
            let (jobs, error) = match answer {
                Ok(Ok(jobs)) => (Some(jobs), None),
                Ok(Err(e)) => (None, Some(e.to_string())),
                Err(_) => (None, Some("Flink did not answer in time".to_string())),
            };
            let stat = FlinkStat {
                url: seams::shown_url(&url),
                up: jobs.is_some(),
                state: if jobs.is_some() { "ok" } else { "unreachable" }.into(),
                error,
                jobs: jobs.as_ref().map(Vec::len),
                checked_at_ms: now,
            };
            Some((stat, jobs.unwrap_or_default()))
        };
        let (pg, redis, health, kafka, flink) = tokio::join!(
            pg_part,
            redis_part,
            health_part,
            async { tokio::time::timeout(budget, kafka_part).await },
            flink_part
        );

        let mut snap = Snapshot {
            version: SNAPSHOT_VERSION,
            seq,
            taken_at_ms: now,
            interval_ms: self.opts.interval.as_millis() as u64,
            profile: self.settings.profile.name.clone(),
            ..Snapshot::default()
        };
        let mut runs = None;
        match pg {
            Ok(round) => {
                snap.postgres = round.snapshot;
                snap.connectors = round.connectors;
                snap.results.extend(round.results);
                match round.runs {
                    Ok(r) => runs = Some(r),
                    Err(e) => snap.stream_jobs_error = Some(e),
                }
            }
            Err(_) => {
                self.pg.reset();
                snap.postgres.database = self.settings.postgres.dbname.clone();
                snap.postgres.error = Some("PostgreSQL did not answer in time".into());
                snap.stream_jobs_error = Some("PostgreSQL did not answer in time".into());
            }
        }
        match redis {
            Ok((r, sets)) => {
                snap.redis = r;
                snap.results.extend(sets);
            }
            Err(_) => snap.redis.error = Some("Redis did not answer in time".into()),
        }
        match kafka {
            Ok(Ok(Some(k))) => {
                if k.up {
                    self.last_kafka = Some((now, k.clone()));
                }
                snap.kafka = k;
            }
            // A busy broker answering late is not a broker down: the last sample stands
            // in, saying how old it is (the sample still runs and is taken when it ends).
            Ok(Ok(None)) | Err(_) => match &self.last_kafka {
                Some((at, last)) if now - at <= KAFKA_STALE_FOR_MS => {
                    snap.kafka = last.clone();
                    snap.kafka.error = Some(format!(
                        "Kafka did not answer in time; these numbers are {:.1} s old",
                        (now - at) as f64 / 1000.0
                    ));
                }
                _ => snap.kafka.error = Some("Kafka did not answer in time".into()),
            },
            Ok(Err(e)) => snap.kafka.error = Some(format!("Kafka sampling failed: {e}")),
        }
        if let Some(h) = health {
            if self
                .settings
                .infra
                .services
                .contains(&crate::profile::ServiceName::Postgres)
            {
                // The PostgreSQL probe logs in and asks for the version.
                self.health_statements += 1;
            }
            self.services = h;
        }
        snap.services = self.services.clone();
        self.stream_jobs(&mut snap, runs, flink, now);
        let (events, topics) = self.feed.events();
        snap.events = events;
        snap.feed_topics = topics;

        // History, then trends from it.
        let mut values: BTreeMap<String, f64> = BTreeMap::new();
        if let Some(r) = snap.postgres.inserted_rows_per_sec {
            values.insert("pg.inserted_rows_per_sec".into(), r);
        }
        if let Some(p) = &snap.postgres.producer {
            values.insert("producer.lag_rows".into(), p.lag_rows as f64);
        }
        for s in &snap.postgres.slots {
            if let Some(l) = s.lag_bytes {
                values.insert(format!("slot.{}.lag_bytes", s.slot), l as f64);
            }
        }
        for t in &snap.kafka.topics {
            if let Some(r) = t.records_per_sec {
                values.insert(format!("topic.{}.records_per_sec", t.topic), r);
            }
        }
        for g in &snap.kafka.groups {
            if let Some(l) = g.lag {
                values.insert(format!("group.{}.lag", g.group), l as f64);
            }
            let committed: i64 = g.partitions.iter().filter_map(|p| p.committed).sum();
            values.insert(format!("group.{}.committed", g.group), committed as f64);
        }
        {
            let mut h = self.history.lock().expect("history");
            h.push(now, values);
            for g in &mut snap.kafka.groups {
                let series = |name: &str| -> Vec<(i64, i64)> {
                    h.recent(&format!("group.{}.{name}", g.group), TREND_WINDOW_MS)
                        .into_iter()
                        .map(|(t, x)| (t, x as i64))
                        .collect()
                };
                g.trend = lag::group_trend(&series("lag"), &series("committed"));
            }
            snap.sampler.history_series = h.series_count();
            snap.sampler.history_points = h.len();
        }
        snap.flow = flow::build(&snap, &self.settings.kafka.topic);
        snap.sampler.samples = seq;
        snap.sampler.pg_statements_total = self.pg.statements + self.health_statements;
        snap.sampler.sample_duration_ms = started.elapsed().as_millis() as u64;
        if let Some(judge) = &self.opts.judge {
            judge.0.lock().expect("judge").judge(&mut snap);
        }
        snap
    }

    /// The stream jobs panel from this round's parts; the built-in jobs found are the ones
    /// whose Redis windows the next round reads.
    fn stream_jobs(
        &mut self,
        snap: &mut Snapshot,
        runs: Option<crate::stream::store::Runs>,
        flink: Option<(FlinkStat, Vec<JobOverview>)>,
        now: i64,
    ) {
        let mut found = Vec::new();
        if let Some(runs) = &runs {
            found = jobs::builtin(runs, &snap.kafka, &snap.results, now);
            self.redis
                .set_stream_jobs(found.iter().map(|j| j.name.clone()).collect());
        }
        if let Some(watch) = &mut self.flink {
            if flink.is_some() {
                watch.last = flink;
            }
            if let Some((stat, flink_jobs)) = &watch.last {
                snap.flink = Some(stat.clone());
                found.extend(jobs::flink(flink_jobs, &snap.kafka, &snap.results));
            }
        }
        jobs::claim_groups(&found, &mut snap.kafka);
        snap.stream_jobs = found;
    }
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<SamplerError> for crate::error::Error {
    fn from(e: SamplerError) -> Self {
        crate::error::Error::from_domain(crate::error::ErrorKind::Usage, e)
    }
}
