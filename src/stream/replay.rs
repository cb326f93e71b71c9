//! A job's windows over a file of recorded events: the engine fed line by line (one
//! partition, offsets are line numbers), every result handed to the caller and written to
//! the given sinks before the next event, and every window closed at the end of the file,
//! as Flink closes them at the end of a bounded input.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::stream::engine::{Engine, EngineConfig, EngineStats, Pushed, WindowResult};
use crate::stream::event::Extractor;
use crate::stream::job::{Job, TimeSource};
use crate::stream::sink::{Sink, SinkError};

#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("the job reads the Kafka record timestamp (source.time: $timestamp), which a file of events does not have")]
    NoRecordTimestamp,
    #[error("cannot read {path} at line {line}")]
    Read {
        path: PathBuf,
        line: u64,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} line {line}: the job holds {open_panes} open windows × groups and this event needs more: limits.open_panes is {limit}")]
    StateFull {
        path: PathBuf,
        line: u64,
        open_panes: u64,
        limit: u64,
    },
    #[error(transparent)]
    Sink(#[from] SinkError),
    /// The caller's handler refused a result (e.g. stdout closed).
    #[error("{0}")]
    Handler(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct Replayed {
    pub lines: u64,
    pub results: u64,
    /// The sinks written.
    pub written_to: Vec<String>,
    #[serde(flatten)]
    pub stats: EngineStats,
}

/// Replay `path` through `job`; `on_results` sees each batch of results after the sinks
/// took it.
pub async fn replay_file<E: std::fmt::Display>(
    job: &Job,
    path: &Path,
    sinks: &mut [Box<dyn Sink>],
    mut on_results: impl FnMut(&[WindowResult]) -> Result<(), E>,
) -> Result<Replayed, ReplayError> {
    if job.source.time == TimeSource::RecordTimestamp {
        return Err(ReplayError::NoRecordTimestamp);
    }
    let read_err = |line: u64| {
        move |source| ReplayError::Read {
            path: path.to_path_buf(),
            line,
            source,
        }
    };
    let file = std::fs::File::open(path).map_err(read_err(0))?;
    let extractor = Extractor::new(job);
    let mut engine = Engine::new(EngineConfig::from_job(job));
    engine.assign(&[0]);
    let started = Instant::now();
    let (mut lines, mut results) = (0u64, 0u64);
    let mut reader = std::io::BufReader::with_capacity(256 * 1024, file);
    let mut line = Vec::new();
    // The clocks are read again after each read from the file, and every 256 lines within
    // what one read brought: events are set aside and early results emitted by the time
    // they were read at, not a time from before a wait.
    let mut clock = (0i64, 0i64);
    loop {
        let waited = reader.buffer().is_empty();
        line.clear();
        if reader
            .read_until(b'\n', &mut line)
            .map_err(read_err(lines + 1))?
            == 0
        {
            break;
        }
        if waited || lines % 256 == 0 {
            clock = (
                chrono::Utc::now().timestamp_millis(),
                started.elapsed().as_millis() as i64,
            );
        }
        lines += 1;
        if line.trim_ascii().is_empty() {
            continue;
        }
        // A line that is not UTF-8 is not JSON either: counted, as in `stream run`.
        let ev = extractor.extract_bytes(Some(&line), None);
        // Events far ahead of the wall clock are set aside, as `stream run` does.
        engine.set_clock(clock.0);
        if engine.push(0, lines as i64 - 1, ev) == Pushed::StateFull {
            return Err(ReplayError::StateFull {
                path: path.to_path_buf(),
                line: lines,
                open_panes: engine.stats().open_panes,
                limit: job.limits.max_open_panes,
            });
        }
        let due = engine.drain(clock.1);
        results += deliver(&due, sinks, &mut on_results).await?;
    }
    let due = engine.finish();
    results += deliver(&due, sinks, &mut on_results).await?;
    Ok(Replayed {
        lines,
        results,
        written_to: sinks.iter().map(|s| s.label()).collect(),
        stats: engine.stats(),
    })
}

async fn deliver<E: std::fmt::Display>(
    due: &[WindowResult],
    sinks: &mut [Box<dyn Sink>],
    on_results: &mut impl FnMut(&[WindowResult]) -> Result<(), E>,
) -> Result<u64, ReplayError> {
    if due.is_empty() {
        return Ok(0);
    }
    for s in sinks.iter_mut() {
        s.write(due).await?;
    }
    on_results(due).map_err(|e| ReplayError::Handler(e.to_string()))?;
    Ok(due.len() as u64)
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<ReplayError> for crate::error::Error {
    fn from(e: ReplayError) -> Self {
        use crate::error::ErrorKind;
        match e {
            ReplayError::Sink(s) => s.into(),
            e @ (ReplayError::NoRecordTimestamp | ReplayError::Read { line: 0, .. }) => {
                crate::error::Error::from_domain(ErrorKind::Usage, e)
            }
            e => crate::error::Error::from_domain(ErrorKind::Runtime, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_line_that_is_not_utf8_is_counted_and_the_rest_read() {
        let job = crate::stream::job::parse(
            "name: j\nsource: {topic: t, time: at}\ngroup_by: [k]\nwindow: {tumble: 1m}\n\
             aggregates: {n: count}\nsinks: [{kafka: {topic: o}}]\n",
            "j",
        )
        .unwrap();
        let dir = std::env::temp_dir().join(format!("livedbctl-replay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("events.jsonl");
        let mut text = b"{\"k\":\"a\",\"at\":\"2026-01-01T00:00:01Z\"}\r\n".to_vec();
        text.extend_from_slice(b"{\"k\":\"\xff\",\"at\":\"2026-01-01T00:00:02Z\"}\n\n  \n");
        text.extend_from_slice(b"{\"k\":\"a\",\"at\":\"2026-01-01T00:00:03Z\"}");
        std::fs::write(&path, text).unwrap();
        let mut seen = Vec::new();
        let done = replay_file(&job, &path, &mut [], |r| {
            seen.extend_from_slice(r);
            Ok::<_, String>(())
        })
        .await
        .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            (done.lines, done.stats.events, done.stats.not_json),
            (5, 3, 1)
        );
        assert_eq!(seen.len(), 1);
        assert_eq!(
            seen[0].values,
            vec![crate::stream::engine::AggValue::Count(2)]
        );
    }
}
