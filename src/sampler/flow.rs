//! The pipeline as a graph: PostgreSQL → producer → topics → consumers / CDC / stream jobs
//! → sinks, with the rate and lag on each edge. Built from a snapshot, shared by the page
//! (which draws it) and `top` (which lists it).

use std::collections::BTreeSet;

use super::snapshot::{Flow, FlowEdge, FlowNode, Snapshot};

/// Topics shown that no producer, connector or group touches (the rest are left out).
const MAX_LOOSE_TOPICS: usize = 6;

pub fn build(s: &Snapshot, producer_topic: &str) -> Flow {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let node =
        |id: String, kind: &str, label: String, status: &str, detail: Option<String>| FlowNode {
            id,
            kind: kind.into(),
            label,
            status: status.into(),
            detail,
        };
    let pg_status = if s.postgres.up { "ok" } else { "down" };
    nodes.push(node(
        "postgres".into(),
        "postgres",
        format!("PostgreSQL {}", s.postgres.database),
        pg_status,
        s.postgres.error.clone(),
    ));

    let topic_rate = |t: &str| {
        s.kafka
            .topics
            .iter()
            .find(|x| x.topic == t)
            .and_then(|x| x.records_per_sec)
    };
    let mut used_topics: BTreeSet<String> = BTreeSet::new();

    if let Some(p) = &s.postgres.producer {
        let status = if !s.postgres.up {
            "down"
        } else if p.lag_rows > 0 && p.rows_per_sec.unwrap_or(0.0) == 0.0 {
            "warn"
        } else if p.rows_per_sec.unwrap_or(0.0) > 0.0 {
            "ok"
        } else {
            "idle"
        };
        nodes.push(node(
            "producer".into(),
            "producer",
            "produce poll".into(),
            status,
            Some(format!("last_id {}", p.last_id)),
        ));
        let livedb_rate = s
            .postgres
            .tables
            .iter()
            .find(|t| t.table == "public.livedb")
            .and_then(|t| t.rows_per_sec);
        edges.push(edge(
            "postgres",
            "producer",
            livedb_rate,
            "rows/s",
            Some(p.lag_rows),
            "rows",
        ));
        let tid = format!("topic:{producer_topic}");
        edges.push(edge(
            "producer",
            &tid,
            topic_rate(producer_topic).or(p.rows_per_sec),
            "records/s",
            None,
            "records",
        ));
        used_topics.insert(producer_topic.to_string());
    }

    for c in &s.connectors {
        let id = format!("connector:{}", c.name);
        let status = match c.state.as_str() {
            "running" if c.lag_warning => "warn",
            "running" => "ok",
            "stopped" => "idle",
            _ => "down",
        };
        nodes.push(node(
            id.clone(),
            "connector",
            format!("CDC {}", c.name),
            status,
            c.last_lsn.clone(),
        ));
        edges.push(edge(
            "postgres",
            &id,
            None,
            "rows/s",
            c.slot_lag_bytes,
            "bytes",
        ));
        for t in &c.topics {
            edges.push(edge(
                &id,
                &format!("topic:{t}"),
                topic_rate(t),
                "records/s",
                None,
                "records",
            ));
            used_topics.insert(t.clone());
        }
    }

    let mut sinks: BTreeSet<String> = BTreeSet::new();
    // A stream job's group is drawn as the job (below), not as a group of its own.
    let job_groups: BTreeSet<&str> = s
        .stream_jobs
        .iter()
        .filter_map(|j| j.group.as_deref())
        .collect();
    for g in &s.kafka.groups {
        if job_groups.contains(g.group.as_str()) {
            continue;
        }
        let id = format!("group:{}", g.group);
        let status = match (g.lag, g.trend) {
            (_, crate::groups::lag::Trend::Growing | crate::groups::lag::Trend::Stalled) => "warn",
            (Some(l), _) if l > 0 => "ok",
            _ if g.records_per_sec.unwrap_or(0.0) > 0.0 => "ok",
            _ => "idle",
        };
        nodes.push(node(
            id.clone(),
            "group",
            g.group.clone(),
            status,
            Some(g.kind.clone()),
        ));
        for t in &g.topics {
            let lag_on_topic = crate::groups::lag::total_lag(
                g.partitions.iter().filter(|p| &p.topic == t).map(|p| p.lag),
            );
            let mut e = edge(
                &format!("topic:{t}"),
                &id,
                g.records_per_sec,
                "records/s",
                lag_on_topic,
                "records",
            );
            e.trend = Some(g.trend);
            edges.push(e);
            used_topics.insert(t.clone());
        }
        if let Some(sink) = &g.sink {
            let sid = format!("sink:{sink}");
            if sinks.insert(sid.clone()) {
                nodes.push(node(sid.clone(), "sink", sink_label(sink), "ok", None));
            }
            edges.push(edge(
                &id,
                &sid,
                g.records_per_sec,
                "records/s",
                None,
                "records",
            ));
        }
    }

    for j in &s.stream_jobs {
        let id = format!("stream:{}", j.name);
        if nodes.iter().any(|n| n.id == id) {
            continue; // the same name here and on Flink: one node
        }
        let trend = j.group.as_ref().and_then(|name| {
            s.kafka
                .groups
                .iter()
                .find(|g| &g.group == name)
                .map(|g| g.trend)
        });
        let status = match (j.running, trend, j.state.as_str()) {
            (true, Some(crate::groups::lag::Trend::Growing), _) => "warn",
            // Stopped (or stuck) with a backlog: Burrow's "stalled".
            (_, Some(crate::groups::lag::Trend::Stalled), _) => "warn",
            (true, _, _) => "ok",
            (false, _, "FAILED") => "down",
            _ => "idle",
        };
        let detail = match &j.checkpoint {
            Some(cp) => {
                format!("{} {}", j.engine, j.state)
                    + &cp
                        .emitted_watermark_ms
                        .or(cp.watermark_ms)
                        .and_then(chrono::DateTime::from_timestamp_millis)
                        .map(|t| t.format(", watermark %H:%M:%S").to_string())
                        .unwrap_or_default()
            }
            None => format!("{} {}", j.engine, j.state),
        };
        nodes.push(node(
            id.clone(),
            "stream",
            j.name.clone(),
            status,
            Some(detail),
        ));
        if let Some(t) = &j.source_topic {
            let mut e = edge(
                &format!("topic:{t}"),
                &id,
                j.events_per_sec,
                "records/s",
                j.lag,
                "records",
            );
            e.trend = trend;
            edges.push(e);
            used_topics.insert(t.clone());
        }
        // Its Redis windows, where the sampler found them.
        if j.windows.is_some() {
            let sink = format!("redis:{}", super::results::STREAM_PREFIX);
            let sid = format!("sink:{sink}");
            if sinks.insert(sid.clone()) {
                nodes.push(node(sid.clone(), "sink", sink_label(&sink), "ok", None));
            }
            edges.push(edge(&id, &sid, None, "records/s", None, "records"));
        }
    }

    let mut loose = 0;
    for t in &s.kafka.topics {
        let used = used_topics.contains(&t.topic);
        if !used {
            if loose >= MAX_LOOSE_TOPICS {
                continue;
            }
            loose += 1;
        }
        let status = if !s.kafka.up {
            "down"
        } else if t.records_per_sec.unwrap_or(0.0) > 0.0 {
            "ok"
        } else {
            "idle"
        };
        nodes.push(node(
            format!("topic:{}", t.topic),
            "topic",
            t.topic.clone(),
            status,
            Some(format!("{} partitions", t.partitions.len())),
        ));
    }
    // Edges to topics the broker does not have (yet) still get a node, marked down.
    let known: BTreeSet<String> = nodes.iter().map(|n| n.id.clone()).collect();
    let mut missing: BTreeSet<String> = BTreeSet::new();
    for e in &edges {
        for id in [&e.from, &e.to] {
            if !known.contains(id) {
                missing.insert(id.clone());
            }
        }
    }
    for id in missing {
        let label = id.split_once(':').map(|x| x.1).unwrap_or(&id).to_string();
        nodes.push(node(
            id,
            "topic",
            label,
            "down",
            Some("not on the broker".into()),
        ));
    }
    Flow { nodes, edges }
}

fn sink_label(sink: &str) -> String {
    match sink.split_once(':') {
        Some(("postgres", t)) => format!("PostgreSQL {t}"),
        Some(("redis", p)) => format!("Redis {p}"),
        Some(("kafka", t)) => format!("Kafka {t}"),
        Some(("stream", j)) => format!("stream {j}"),
        _ => sink.to_string(),
    }
}

fn edge(
    from: &str,
    to: &str,
    rate: Option<f64>,
    rate_unit: &str,
    lag: Option<i64>,
    lag_unit: &str,
) -> FlowEdge {
    FlowEdge {
        from: from.into(),
        to: to.into(),
        rate,
        rate_unit: rate_unit.into(),
        lag,
        lag_unit: lag_unit.into(),
        trend: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::lag::Trend;
    use crate::sampler::snapshot::*;

    #[test]
    fn edges_carry_rates_and_lags_from_source_to_sink() {
        let mut s = Snapshot::default();
        s.postgres.up = true;
        s.postgres.database = "livedb".into();
        s.postgres.tables = vec![TableStat {
            table: "public.livedb".into(),
            inserted_total: 10,
            live_rows: 10,
            rows_per_sec: Some(5.0),
        }];
        s.postgres.producer = Some(ProducerStat {
            last_id: 8,
            max_id: Some(10),
            lag_rows: 2,
            time_behind_ms: Some(100),
            rows_per_sec: Some(4.0),
            updated_at: None,
            newest_row_age_ms: None,
        });
        s.kafka.up = true;
        s.kafka.groups = vec![GroupStat {
            group: "livedbctl-sink-orders".into(),
            state: "Stable".into(),
            members: Some(1),
            kind: "sink".into(),
            sink: Some("postgres:orders".into()),
            topics: vec!["events".into()],
            lag: Some(3),
            lag_from: crate::groups::lag::LagFrom::Committed,
            trend: Trend::Growing,
            time_behind_ms: Some(10),
            records_per_sec: Some(2.0),
            partitions: vec![crate::groups::PartitionLag {
                topic: "events".into(),
                partition: 0,
                committed: Some(5),
                low: 0,
                high: 8,
                lag: Some(3),
                lag_from: Some(crate::groups::lag::LagFrom::Committed),
                time_behind_ms: Some(10),
            }],
        }];
        let f = build(&s, "events");
        let edge = |from: &str, to: &str| {
            f.edges
                .iter()
                .find(|e| e.from == from && e.to == to)
                .unwrap_or_else(|| panic!("no edge {from} -> {to}: {:?}", f.edges))
        };
        assert_eq!(edge("postgres", "producer").rate, Some(5.0));
        assert_eq!(edge("postgres", "producer").lag, Some(2));
        assert_eq!(edge("producer", "topic:events").rate, Some(4.0));
        let g = edge("topic:events", "group:livedbctl-sink-orders");
        assert_eq!((g.lag, g.trend), (Some(3), Some(Trend::Growing)));
        assert_eq!(
            edge("group:livedbctl-sink-orders", "sink:postgres:orders").rate,
            Some(2.0)
        );
        // The topic is not on the broker in this snapshot: it still gets a node, marked down.
        let t = f.nodes.iter().find(|n| n.id == "topic:events").unwrap();
        assert_eq!(t.status, "down");
        let grp = f
            .nodes
            .iter()
            .find(|n| n.id == "group:livedbctl-sink-orders")
            .unwrap();
        assert_eq!(grp.status, "warn");
    }

    #[test]
    fn a_stream_jobs_group_is_drawn_as_the_job() {
        let mut s = Snapshot::default();
        s.kafka.up = true;
        s.kafka.groups = vec![GroupStat {
            group: "custom".into(),
            state: "Empty".into(),
            members: None,
            kind: "stream".into(),
            sink: Some("stream:rev".into()),
            topics: vec!["events".into()],
            lag: Some(4),
            lag_from: crate::groups::lag::LagFrom::Committed,
            trend: Trend::Steady,
            time_behind_ms: None,
            records_per_sec: Some(3.0),
            partitions: Vec::new(),
        }];
        s.stream_jobs = vec![StreamJobStat {
            name: "rev".into(),
            engine: "builtin".into(),
            state: "running".into(),
            running: true,
            source_topic: Some("events".into()),
            group: Some("custom".into()),
            lag: Some(4),
            time_behind_ms: None,
            events_per_sec: Some(3.0),
            windows: Some(2),
            started_at_ms: None,
            duration_ms: None,
            holder: None,
            checkpoint: None,
            flink: None,
        }];
        let f = build(&s, "events");
        assert!(
            !f.nodes.iter().any(|n| n.id == "group:custom"),
            "{:?}",
            f.nodes
        );
        let job = f.nodes.iter().find(|n| n.id == "stream:rev").unwrap();
        assert_eq!((job.kind.as_str(), job.status.as_str()), ("stream", "ok"));
        let e = f
            .edges
            .iter()
            .find(|e| e.from == "topic:events" && e.to == "stream:rev")
            .unwrap();
        assert_eq!((e.lag, e.rate), (Some(4), Some(3.0)));
        assert!(f
            .edges
            .iter()
            .any(|e| e.from == "stream:rev" && e.to == "sink:redis:livedb:stream"));
    }
}
