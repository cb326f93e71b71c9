//! The snapshot in Prometheus' text format, through the `prometheus-client` crate, so
//! Grafana users scrape the same numbers the page shows. Names: docs/dashboard.md, "Prometheus metrics".

use std::sync::atomic::AtomicU64;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Registry, Unit};

use crate::sampler::snapshot::Snapshot;

type Labels = Vec<(String, String)>;
type G = Family<Labels, Gauge<f64, AtomicU64>>;
type C = Family<Labels, Counter<f64, AtomicU64>>;

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

struct Reg {
    r: Registry,
}

impl Reg {
    fn gauge(&mut self, name: &str, help: &str, unit: Option<Unit>) -> G {
        let g = G::default();
        match unit {
            Some(u) => self.r.register_with_unit(name, help, u, g.clone()),
            None => self.r.register(name, help, g.clone()),
        }
        g
    }
    fn counter(&mut self, name: &str, help: &str) -> C {
        let c = C::default();
        self.r.register(name, help, c.clone());
        c
    }
}

fn set(g: &G, l: &[(&str, &str)], v: f64) {
    g.get_or_create(&labels(l)).set(v);
}

fn b(x: bool) -> f64 {
    if x {
        1.0
    } else {
        0.0
    }
}

/// Encode `s` (and the number of open page streams) as Prometheus text.
pub fn encode_snapshot(s: &Snapshot, viewers: usize) -> String {
    let mut reg = Reg {
        r: Registry::with_prefix("livedbctl"),
    };

    let service_up = reg.gauge(
        "service_up",
        "1 when the service answers its own protocol (as `infra status`)",
        None,
    );
    for h in &s.services {
        set(&service_up, &[("service", &h.service)], b(h.up));
    }

    let pg = &s.postgres;
    let pg_up = reg.gauge(
        "postgres_up",
        "1 when the sampler's PostgreSQL queries succeeded",
        None,
    );
    set(&pg_up, &[], b(pg.up));
    let size = reg.gauge(
        "postgres_database_size",
        "Size of the profile's database",
        Some(Unit::Bytes),
    );
    if let Some(v) = pg.size_bytes {
        set(&size, &[("database", &pg.database)], v as f64);
    }
    let ins_rate = reg.gauge(
        "postgres_inserted_rows_per_second",
        "Rows inserted per second, all tables",
        None,
    );
    if let Some(v) = pg.inserted_rows_per_sec {
        set(&ins_rate, &[], v);
    }
    let tbl_total = reg.counter(
        "postgres_table_inserted_rows",
        "Rows inserted into the table (pg_stat_user_tables.n_tup_ins)",
    );
    let tbl_rate = reg.gauge(
        "postgres_table_inserted_rows_per_second",
        "Rows inserted per second into the table",
        None,
    );
    for t in &pg.tables {
        tbl_total
            .get_or_create(&labels(&[("table", &t.table)]))
            .inc_by(t.inserted_total.max(0) as f64);
        if let Some(r) = t.rows_per_sec {
            set(&tbl_rate, &[("table", &t.table)], r);
        }
    }
    let p_last = reg.gauge(
        "producer_last_id",
        "produce poll's offset (producer_offsets.last_id)",
        None,
    );
    let p_lag = reg.gauge(
        "producer_lag_rows",
        "Rows not yet published: max(livedb.id) - last_id",
        None,
    );
    let p_behind = reg.gauge(
        "producer_time_behind",
        "Age of the oldest row not yet published",
        Some(Unit::Seconds),
    );
    if let Some(p) = &pg.producer {
        set(&p_last, &[], p.last_id as f64);
        set(&p_lag, &[], p.lag_rows as f64);
        if let Some(ms) = p.time_behind_ms {
            set(&p_behind, &[], ms as f64 / 1000.0);
        }
    }
    let slot_lag = reg.gauge(
        "replication_slot_lag",
        "WAL between the server's position and what the slot confirmed",
        Some(Unit::Bytes),
    );
    let slot_active = reg.gauge(
        "replication_slot_active",
        "1 when a backend reads from the slot",
        None,
    );
    for sl in &pg.slots {
        if let Some(l) = sl.lag_bytes {
            set(&slot_lag, &[("slot", &sl.slot)], l as f64);
        }
        set(&slot_active, &[("slot", &sl.slot)], b(sl.active));
    }

    let k = &s.kafka;
    let k_up = reg.gauge(
        "kafka_up",
        "1 when the sampler's Kafka requests succeeded",
        None,
    );
    set(&k_up, &[], b(k.up));
    let high = reg.gauge(
        "kafka_partition_high_watermark",
        "Next offset to be written",
        None,
    );
    let low = reg.gauge("kafka_partition_low_watermark", "Oldest offset kept", None);
    let t_rate = reg.gauge(
        "kafka_topic_records_per_second",
        "Records written per second (high watermark delta)",
        None,
    );
    for t in &k.topics {
        for p in &t.partitions {
            let ps = p.partition.to_string();
            set(
                &high,
                &[("topic", &t.topic), ("partition", &ps)],
                p.high as f64,
            );
            set(
                &low,
                &[("topic", &t.topic), ("partition", &ps)],
                p.low as f64,
            );
        }
        if let Some(r) = t.records_per_sec {
            set(&t_rate, &[("topic", &t.topic)], r);
        }
    }
    let dead = reg.gauge(
        "dead_letters",
        "Events set aside on a dead-letter topic (`*.dlq`) and still kept there",
        None,
    );
    for d in &k.dead_letters {
        set(&dead, &[("topic", &d.topic)], d.messages as f64);
    }
    let g_lag = reg.gauge(
        "kafka_group_lag",
        "Records the group has not consumed, all partitions (those it never committed on counted from their start)",
        None,
    );
    let g_plag = reg.gauge(
        "kafka_group_partition_lag",
        "Records the group has not consumed on the partition (from its start where it never committed)",
        None,
    );
    let g_committed = reg.gauge(
        "kafka_group_committed_offset",
        "The group's committed offset (next to read)",
        None,
    );
    let g_behind = reg.gauge(
        "kafka_group_time_behind",
        "Age of the oldest record the group has not consumed",
        Some(Unit::Seconds),
    );
    let g_members = reg.gauge(
        "kafka_group_members",
        "Active members (when the broker describes groups)",
        None,
    );
    let g_rate = reg.gauge(
        "kafka_group_records_per_second",
        "Records the group commits per second",
        None,
    );
    let g_growing = reg.gauge(
        "kafka_group_lag_growing",
        "1 growing, -1 draining, 0 steady or unknown",
        None,
    );
    let g_stalled = reg.gauge(
        "kafka_group_stalled",
        "1 when the committed offsets did not move for 10s while the group lagged (Burrow's stalled)",
        None,
    );
    let g_estimated = reg.gauge(
        "kafka_group_lag_estimated",
        "1 when part of the lag is counted from the start of partitions the group never committed on",
        None,
    );
    for g in &k.groups {
        let gl = [("group", g.group.as_str())];
        if let Some(l) = g.lag {
            set(&g_lag, &gl, l as f64);
        }
        let stalled = g.trend == crate::groups::lag::Trend::Stalled;
        set(&g_stalled, &gl, if stalled { 1.0 } else { 0.0 });
        let estimated = g.lag_from == crate::groups::lag::LagFrom::Start;
        set(&g_estimated, &gl, if estimated { 1.0 } else { 0.0 });
        if let Some(ms) = g.time_behind_ms {
            set(&g_behind, &gl, ms as f64 / 1000.0);
        }
        if let Some(m) = g.members {
            set(&g_members, &gl, m as f64);
        }
        if let Some(r) = g.records_per_sec {
            set(&g_rate, &gl, r);
        }
        let trend = match g.trend {
            crate::groups::lag::Trend::Growing => 1.0,
            crate::groups::lag::Trend::Draining => -1.0,
            _ => 0.0,
        };
        set(&g_growing, &gl, trend);
        for p in &g.partitions {
            let ps = p.partition.to_string();
            let l = [
                ("group", g.group.as_str()),
                ("topic", &p.topic),
                ("partition", &ps),
            ];
            if let Some(x) = p.lag {
                set(&g_plag, &l, x as f64);
            }
            if let Some(c) = p.committed {
                set(&g_committed, &l, c as f64);
            }
        }
    }

    let c_running = reg.gauge(
        "connector_running",
        "1 when the CDC connector's engine runs",
        None,
    );
    let c_lag = reg.gauge(
        "connector_slot_lag",
        "WAL the connector's slot has not confirmed",
        Some(Unit::Bytes),
    );
    for c in &s.connectors {
        set(
            &c_running,
            &[("connector", &c.name)],
            b(c.state == "running"),
        );
        if let Some(l) = c.slot_lag_bytes {
            set(&c_lag, &[("connector", &c.name)], l as f64);
        }
    }

    let j_running = reg.gauge(
        "stream_job_running",
        "1 when the stream job runs (builtin: a `stream run` holds its lock; flink: RUNNING)",
        None,
    );
    let j_lag = reg.gauge(
        "stream_job_lag",
        "Records of the stream job's source topic not yet read",
        None,
    );
    let j_rate = reg.gauge(
        "stream_job_events_per_second",
        "Records/s the stream job's group commits",
        None,
    );
    let j_duration = reg.gauge(
        "stream_job_duration",
        "How long the stream job has run",
        Some(Unit::Seconds),
    );
    let j_watermark = reg.gauge(
        "stream_job_watermark_timestamp",
        "The built-in job's watermark when it last saved its checkpoint (results are written up to it)",
        Some(Unit::Seconds),
    );
    let j_saved = reg.gauge(
        "stream_job_checkpoint_timestamp",
        "When the built-in job last saved its checkpoint",
        Some(Unit::Seconds),
    );
    for j in &s.stream_jobs {
        let l = [("job", j.name.as_str()), ("engine", j.engine.as_str())];
        set(&j_running, &l, b(j.running));
        if let Some(x) = j.lag {
            set(&j_lag, &l, x as f64);
        }
        if let Some(r) = j.events_per_sec {
            set(&j_rate, &l, r);
        }
        if let Some(ms) = j.duration_ms {
            set(&j_duration, &l, ms as f64 / 1000.0);
        }
        if let Some(cp) = &j.checkpoint {
            set(&j_saved, &l, cp.saved_at_ms as f64 / 1000.0);
            if let Some(w) = cp.emitted_watermark_ms.or(cp.watermark_ms) {
                set(&j_watermark, &l, w as f64 / 1000.0);
            }
        }
    }
    let f_up = reg.gauge(
        "flink_up",
        "1 when the profile's Flink cluster answered its REST API (asked every few samples)",
        None,
    );
    if let Some(f) = &s.flink {
        set(&f_up, &[], b(f.up));
    }

    let r_up = reg.gauge(
        "redis_up",
        "1 when the sampler's Redis commands succeeded",
        None,
    );
    set(&r_up, &[], b(s.redis.up));
    let r_keys = reg.gauge("redis_keys", "Keys in the database (DBSIZE)", None);
    if let Some(n) = s.redis.keys {
        set(&r_keys, &[], n as f64);
    }
    let r_prefix = reg.gauge("redis_prefix_keys", "Keys per prefix (bounded SCAN)", None);
    for p in &s.redis.prefixes {
        set(&r_prefix, &[("prefix", &p.prefix)], p.keys as f64);
    }
    let windows = reg.gauge(
        "result_windows",
        "Open result windows (consume aggregate, stream jobs)",
        None,
    );
    for r in &s.results {
        set(
            &windows,
            &[("source", &r.source), ("name", &r.name)],
            r.windows.len() as f64,
        );
    }

    let samples = reg.counter("sampler_samples", "Samples taken since the sampler started");
    samples
        .get_or_create(&Vec::new())
        .inc_by(s.sampler.samples as f64);
    let stmts = reg.counter(
        "sampler_postgres_statements",
        "Statements the sampler sent to PostgreSQL",
    );
    stmts
        .get_or_create(&Vec::new())
        .inc_by(s.sampler.pg_statements_total as f64);
    let dur = reg.gauge(
        "sampler_sample_duration",
        "How long the last sample took",
        Some(Unit::Seconds),
    );
    set(&dur, &[], s.sampler.sample_duration_ms as f64 / 1000.0);
    let last = reg.gauge(
        "sampler_last_sample_timestamp",
        "When the last sample was taken",
        Some(Unit::Seconds),
    );
    set(&last, &[], s.taken_at_ms as f64 / 1000.0);
    let firing = reg.gauge(
        "alert_firing",
        "1 while the alert rule fires (`for` included), else 0",
        None,
    );
    for a in &s.alerts.rules {
        set(&firing, &[("rule", &a.rule)], b(a.state == "firing"));
    }
    let delivered = reg.counter(
        "alert_deliveries",
        "Alert changes delivered, by way (exec, webhook)",
    );
    let failed = reg.counter(
        "alert_delivery_failures",
        "Alert changes not delivered (given up after the retries, or dropped), by way",
    );
    for d in &s.alerts.delivery {
        let l = labels(&[("via", &d.via)]);
        delivered.get_or_create(&l).inc_by(d.delivered as f64);
        failed
            .get_or_create(&l)
            .inc_by((d.failed + d.dropped) as f64);
    }
    let v = reg.gauge("dashboard_viewers", "Pages following /api/stream now", None);
    set(&v, &[], viewers as f64);

    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = encode(&mut out, &reg.r);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sampler::snapshot::DeadLetterStat;

    #[test]
    fn each_alert_rule_is_exported_firing_or_not() {
        use crate::sampler::snapshot::AlertStat;
        let mut s = Snapshot::default();
        let rule = |r: &str, state: &str| AlertStat {
            rule: r.into(),
            metric: "lag".into(),
            state: state.into(),
            value: Some(1.0),
            threshold: Some(0.0),
            unit: "records".into(),
            subjects: Vec::new(),
            active_since_ms: None,
            fired_at_ms: None,
            resolved_at_ms: None,
            note: None,
        };
        s.alerts.rules = vec![
            rule("lag > 0", "firing"),
            rule("lag{group=\"a\"} > 5 for 1m", "pending"),
        ];
        let text = encode_snapshot(&s, 0);
        assert!(
            text.lines()
                .any(|l| l == r#"livedbctl_alert_firing{rule="lag > 0"} 1.0"#),
            "{text}"
        );
        assert!(
            text.lines()
                .any(|l| l == r#"livedbctl_alert_firing{rule="lag{group=\"a\"} > 5 for 1m"} 0.0"#),
            "{text}"
        );
    }

    #[test]
    fn dead_letter_topics_are_exported_with_what_they_hold() {
        let mut s = Snapshot::default();
        s.kafka.dead_letters = vec![DeadLetterStat {
            topic: "orders.dlq".into(),
            messages: 3,
            total: 5,
        }];
        let text = encode_snapshot(&s, 0);
        assert!(
            text.lines()
                .any(|l| l == r#"livedbctl_dead_letters{topic="orders.dlq"} 3.0"#),
            "{text}"
        );
    }
}
