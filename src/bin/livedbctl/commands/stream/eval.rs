use std::path::PathBuf;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::commands::stream::{load_job, result_row};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::table;
use crate::stream::replay::{self, ReplayError, Replayed};
use crate::stream::sink::{self, Connections, Schema};

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
struct Summary<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    job: &'a str,
    #[serde(flatten)]
    replayed: &'a Replayed,
}

pub async fn run(ctx: &Context, args: &EvalArgs) -> Result<()> {
    let job = load_job(&args.job)?;
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
            sinks.push(sink::open(spec, &schema, &conn).await?);
        }
    }
    let mut rows: Vec<Map<String, Value>> = Vec::new();
    // The printer's error (a closed stdout is a normal exit) is kept as it is.
    let mut printing: Option<Error> = None;
    let on_results = |results: &[crate::stream::engine::WindowResult]| -> Result<()> {
        for r in results {
            let row = result_row(&schema, r);
            if ctx.out.is_json() {
                if let Err(e) = ctx.out.record(&row, String::new) {
                    printing = Some(e.clone());
                    return Err(e);
                }
            } else {
                rows.push(row);
            }
        }
        Ok(())
    };
    let replayed = replay::replay_file(&job, &args.events, &mut sinks, on_results).await;
    if let Some(e) = printing {
        return Err(e);
    }
    let replayed = replayed.map_err(|e| match e {
        ReplayError::NoRecordTimestamp => Error::from(e).context(args.job.display()),
        e => Error::from(e),
    })?;
    let summary = Summary {
        kind: "summary",
        job: &job.name,
        replayed: &replayed,
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
    let s = &replayed.stats;
    let mut text = format!(
        "{t}\n{} events: {} in windows, {} late, {} filtered, {} not JSON, {} without a time, {} too far ahead; {} results",
        s.events, s.accepted, s.late, s.filtered, s.not_json, s.no_time, s.too_far_ahead, replayed.results
    );
    if !replayed.written_to.is_empty() {
        text.push_str(&format!(", written to {}", replayed.written_to.join(", ")));
    }
    ctx.out.raw_line(&text)
}
