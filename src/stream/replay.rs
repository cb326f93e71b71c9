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
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(read_err(lines + 1))?;
        lines += 1;
        if line.trim().is_empty() {
            continue;
        }
        let ev = extractor.extract_bytes(Some(line.as_bytes()), None);
        // Events far ahead of the wall clock are set aside, as `stream run` does.
        engine.set_clock(chrono::Utc::now().timestamp_millis());
        if engine.push(0, lines as i64 - 1, ev) == Pushed::StateFull {
            return Err(ReplayError::StateFull {
                path: path.to_path_buf(),
                line: lines,
                open_panes: engine.stats().open_panes,
                limit: job.limits.max_open_panes,
            });
        }
        let due = engine.drain(started.elapsed().as_millis() as i64);
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
