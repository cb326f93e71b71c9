//! Reading topics for people and scripts (`consume tail`): where to start and stop
//! ([`offsets`]), a consumer that reads by assignment or as a group member and commits
//! only what was handled ([`tailer`]), records decoded for display with Debezium change
//! events recognised ([`decode`]), the `-f` line template ([`template`]), and the read
//! loop that ties them together ([`read`]).

mod compact;
pub mod decode;
pub mod offsets;
pub mod tailer;
pub mod template;

use std::collections::BTreeMap;
use std::time::Duration;

use regex::Regex;

pub use decode::{format_ms, write_ms, Change, Decoded, Payload, Record};
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

/// Where [`read`] hands the records it reads.
pub trait Emit {
    /// Print one record (it may be gathered in a buffer). True when everything printed so
    /// far, this record included, has been written out.
    fn record(&mut self, rec: &Record) -> Result<bool>;
    /// Nothing more is ready to read: whatever was gathered goes out now.
    fn flush(&mut self) -> Result<()>;
}

/// Read records and hand each one that matches `grep` to `emit`, until the end of the
/// range, `count` records, a stop request, or the output closing (`emit` returning a
/// broken pipe). `emit` is flushed whenever the reader would wait for the broker, and at
/// the end. With a group, records are marked handled (to be committed) once flushed, or
/// once skipped by `grep`: seen and deliberately skipped, a group should not read them
/// again. Blocking: run it off the async runtime.
pub fn read(
    k: &KafkaSettings,
    opts: &TailOptions,
    grep: Option<&Regex>,
    count: Option<u64>,
    stop: &Stop,
    emit: &mut impl Emit,
) -> Result<Outcome> {
    let mut tailer = Tailer::open(k, opts)?;
    let mut reader = Reader {
        tailer: &mut tailer,
        emit,
        unflushed: BTreeMap::new(),
    };
    let result = reader.run(grep, count, stop);
    let flushed = reader.flush();
    let (printed, ended) = result?;
    let ended = match flushed {
        Ok(()) => ended,
        Err(e) if e.kind == ErrorKind::BrokenPipe => Ended::OutputClosed,
        Err(e) => return Err(e),
    };
    let committed = tailer.close()?;
    Ok(Outcome {
        printed,
        committed,
        ended,
    })
}

/// The read loop's state: records emitted but not yet flushed are marked handled only once
/// they reached the output, so a group never commits what was not printed.
struct Reader<'a, E: Emit> {
    tailer: &'a mut Tailer,
    emit: &'a mut E,
    /// With a group: per partition, the last record emitted or skipped since the last flush.
    unflushed: BTreeMap<(String, i32), i64>,
}

impl<E: Emit> Reader<'_, E> {
    fn run(
        &mut self,
        grep: Option<&Regex>,
        count: Option<u64>,
        stop: &Stop,
    ) -> Result<(u64, Ended)> {
        let mut printed = 0u64;
        let mut rec = Record::default();
        // Zero while records keep coming; once none is ready, flush and then wait.
        let mut wait = Duration::ZERO;
        let ended = loop {
            if stopped(stop) {
                break Ended::Interrupted;
            }
            match self.tailer.next(wait, &mut rec)? {
                Next::Done => break Ended::EndReached,
                Next::Idle => {
                    if wait.is_zero() {
                        match self.flush() {
                            Ok(()) => {}
                            Err(e) if e.kind == ErrorKind::BrokenPipe => break Ended::OutputClosed,
                            Err(e) => return Err(e),
                        }
                        wait = Duration::from_millis(200);
                    }
                    continue;
                }
                Next::Record => {}
            }
            wait = Duration::ZERO;
            if let Some(re) = grep {
                let hit = re.is_match(&Payload::haystack(rec.key.as_deref()))
                    || re.is_match(&Payload::haystack(rec.value.as_deref()));
                if !hit {
                    self.handled(&rec);
                    continue;
                }
            }
            let written = match self.emit.record(&rec) {
                Ok(written) => written,
                Err(e) if e.kind == ErrorKind::BrokenPipe => break Ended::OutputClosed,
                Err(e) => return Err(e),
            };
            self.handled(&rec);
            if written {
                self.mark_written();
            }
            printed += 1;
            if count.is_some_and(|n| printed >= n) {
                break Ended::CountReached;
            }
        };
        Ok((printed, ended))
    }

    fn handled(&mut self, rec: &Record) {
        if self.tailer.is_group() {
            self.unflushed
                .insert((rec.topic.clone(), rec.partition), rec.offset);
        }
    }

    /// Flush the output, then mark what it held as handled.
    fn flush(&mut self) -> Result<()> {
        self.emit.flush()?;
        self.mark_written();
        Ok(())
    }

    /// Everything emitted has reached the output: a group may commit it.
    fn mark_written(&mut self) {
        for ((topic, partition), offset) in std::mem::take(&mut self.unflushed) {
            self.tailer.mark_handled(&topic, partition, offset);
        }
    }
}
