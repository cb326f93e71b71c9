//! Reading topics for people and scripts (`consume tail`): where to start and stop
//! ([`offsets`]), a consumer that reads by assignment or as a group member and commits
//! only what was handled ([`tailer`]), records decoded for display with Debezium change
//! events recognised ([`decode`]), the `-f` line template ([`template`]), and the read
//! loop that ties them together ([`read`]).

pub mod decode;
pub mod offsets;
pub mod tailer;
pub mod template;

use std::time::Duration;

use regex::Regex;

pub use decode::{format_ms, Change, Decoded, Payload};
pub use offsets::{parse_offset_spec, OffsetSpec, Position};
pub use tailer::{Next, TailOptions, Tailer};
pub use template::Template;

use crate::error::{ErrorKind, Result};
use crate::settings::KafkaSettings;
use crate::shutdown::{stopped, Stop};

/// Why a tail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    EndReached,
    CountReached,
    /// The reader of the output went away (`| head`).
    OutputClosed,
    Interrupted,
}

impl Ended {
    pub fn as_str(self) -> &'static str {
        match self {
            Ended::EndReached => "end reached",
            Ended::CountReached => "count reached",
            Ended::OutputClosed => "output closed",
            Ended::Interrupted => "interrupted",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub printed: u64,
    /// Partitions whose offsets were committed for the group.
    pub committed: usize,
    pub ended: Ended,
}

/// Read records and hand each one that matches `grep` to `emit`, until the end of the
/// range, `count` records, a stop request, or the output closing (`emit` returning a
/// broken pipe). Records are marked handled (committed with a group) once emitted, or
/// once skipped by `grep`: seen and deliberately skipped, a group should not read them
/// again. Blocking: run it off the async runtime.
pub fn read(
    k: &KafkaSettings,
    opts: &TailOptions,
    grep: Option<&Regex>,
    count: Option<u64>,
    stop: &Stop,
    mut emit: impl FnMut(&Decoded) -> Result<()>,
) -> Result<Outcome> {
    let mut tailer = Tailer::open(k, opts)?;
    let mut printed = 0u64;
    let ended = loop {
        if stopped(stop) {
            break Ended::Interrupted;
        }
        let rec = match tailer.next(Duration::from_millis(200))? {
            Next::Done => break Ended::EndReached,
            Next::Idle => continue,
            Next::Record(r) => r,
        };
        if let Some(re) = grep {
            let hit = re.is_match(&Payload::haystack(rec.key.as_deref()))
                || re.is_match(&Payload::haystack(rec.value.as_deref()));
            if !hit {
                tailer.mark_handled(&rec);
                continue;
            }
        }
        match emit(&Decoded::new(&rec)) {
            Ok(()) => {}
            Err(e) if e.kind == ErrorKind::BrokenPipe => break Ended::OutputClosed,
            Err(e) => return Err(e),
        }
        tailer.mark_handled(&rec);
        printed += 1;
        if count.is_some_and(|n| printed >= n) {
            break Ended::CountReached;
        }
    };
    let committed = tailer.close()?;
    Ok(Outcome {
        printed,
        committed,
        ended,
    })
}
