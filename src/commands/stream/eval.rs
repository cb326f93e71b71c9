use std::io::BufRead;
use std::path::PathBuf;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::commands::stream::{load_job, sink_error};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::table;
use crate::stream::engine::WindowResult;
use crate::stream::engine::{Engine, EngineConfig, EngineStats};
use crate::stream::event::Extractor;
use crate::stream::job::TimeSource;
use crate::stream::sink::{self, kind_name, row_json, Connections, Schema, Sink};

async fn write(sinks: &mut [Box<dyn Sink>], results: &[WindowResult]) -> Result<()> {
    if results.is_empty() {
        return Ok(());
    }
    for s in sinks.iter_mut() {
        s.write(results).await.map_err(sink_error)?;
    }
    Ok(())
}

/// Run a job's windows over a file of JSON events, one per line, in file order, with the
/// built-in engine, and print every result as it is emitted (at the end of the file every
/// window closes). Nothing is read from Kafka; the sinks are written only with --write.
/// For trying a job, and comparing it with Flink on the same events.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The job file (YAML)
    pub job: PathBuf,
    /// JSON lines, each one event as the source topic would carry it
    #[arg(long, value_name = "FILE")]
    pub events: PathBuf,
    /// Also write the results to the job's sinks (PostgreSQL, Kafka, Redis)
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Serialize)]
struct Summary {
    #[serde(rename = "type")]
    kind: &'static str,
    job: String,
    lines: u64,
    results: u64,
    /// The sinks written (with --write).
    written_to: Vec<String>,
    #[serde(flatten)]
    stats: EngineStats,
}

pub async fn run(ctx: &Context, args: &EvalArgs) -> Result<()> {
    let job = load_job(&args.job)?;
    if job.source.time == TimeSource::RecordTimestamp {
        return Err(Error::usage(format!(
            "{}: the job reads the Kafka record timestamp (source.time: $timestamp), which a file of events does not have",
            args.job.display()
        ))
        .hint("name a time field with source.time"));
    }
    let file = std::fs::File::open(&args.events)
        .map_err(|e| Error::usage(format!("cannot read {}: {e}", args.events.display())))?;
    let schema = Schema::of(&job);
    let mut sinks = Vec::new();
    if args.write {
        let s = ctx.settings()?;
        let conn = Connections {
            postgres: &s.postgres,
            kafka: &s.kafka,
            redis_url: &s.redis.url,
        };
        for spec in &job.sinks {
            sinks.push(sink::open(spec, &schema, &conn).await.map_err(sink_error)?);
        }
    }
    let extractor = Extractor::new(&job);
    let mut engine = Engine::new(EngineConfig::from_job(&job));
    engine.assign(&[0]);
    let started = std::time::Instant::now();
    let mut rows: Vec<Map<String, Value>> = Vec::new();
    let mut lines = 0u64;
    let mut results = 0u64;
    let emit = |results_now: Vec<crate::stream::engine::WindowResult>,
                rows: &mut Vec<Map<String, Value>>|
     -> Result<u64> {
        let n = results_now.len() as u64;
        for r in results_now {
            let mut row = Map::new();
            row.insert("type".into(), Value::String("result".into()));
            row.insert("kind".into(), Value::String(kind_name(r.kind).into()));
            row.extend(row_json(&schema, &r));
            if ctx.out.is_json() {
                ctx.out.record(&row, String::new)?;
            } else {
                rows.push(row);
            }
        }
        Ok(n)
    };
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(|e| {
            Error::runtime(format!(
                "reading {} at line {}: {e}",
                args.events.display(),
                lines + 1
            ))
        })?;
        lines += 1;
        if line.trim().is_empty() {
            continue;
        }
        let ev = extractor.extract_bytes(Some(line.as_bytes()), None);
        engine.push(0, lines as i64 - 1, ev);
        let now = started.elapsed().as_millis() as i64;
        let due = engine.drain(now);
        write(&mut sinks, &due).await?;
        results += emit(due, &mut rows)?;
    }
    let due = engine.finish();
    write(&mut sinks, &due).await?;
    results += emit(due, &mut rows)?;
    let summary = Summary {
        kind: "summary",
        job: job.name.clone(),
        lines,
        results,
        written_to: sinks.iter().map(|s| s.label()).collect(),
        stats: engine.stats(),
    };
    if ctx.out.is_json() {
        return ctx.out.record(&summary, String::new);
    }
    let mut headers = vec!["kind", "window_start", "window_end"];
    headers.extend(schema.groups.iter().map(String::as_str));
    headers.extend(schema.aggregates.iter().map(|(n, _)| n.as_str()));
    let mut t = table(&headers);
    for row in &rows {
        t.add_row(
            headers
                .iter()
                .map(|h| match row.get(*h) {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Null) | None => "-".into(),
                    Some(v) => v.to_string(),
                })
                .collect::<Vec<_>>(),
        );
    }
    let s = &summary.stats;
    let mut text = format!(
        "{t}\n{} events: {} in windows, {} late, {} filtered, {} not JSON, {} without a time; {} results",
        s.events, s.accepted, s.late, s.filtered, s.not_json, s.no_time, results
    );
    if !summary.written_to.is_empty() {
        text.push_str(&format!(", written to {}", summary.written_to.join(", ")));
    }
    ctx.out.raw_line(&text)
}
