//! The seed's kafka producer: new `livedb` rows become events on the profile's topic, in id
//! order, with the offset in `producer_offsets` moved only after Kafka acknowledged the whole
//! batch, and without duplicates after a crash.
//!
//! How duplicates are avoided (the guarantee is written out in SOP.md):
//! - every event's partition is computed here from its key, `murmur2(key) % partitions`
//!   exactly as Java's default partitioner (and librdkafka's `murmur2_random`) does, and the
//!   producer keeps one request in flight and never retries one itself, so each partition
//!   receives ids in increasing order, each once;
//! - on start-up and after any failed delivery, the last record of each partition tells the
//!   highest id published there (`max_published[p]`); a pending row X was already
//!   published iff X <= max_published[partition(X)], and is skipped.
//!
//! Rows are only read up to the oldest transaction still running, so a row committed with a
//! higher id than a still-open insert is never published before it (that would move the
//! offset past the open row and lose it).

//! One file per part: [`batch_query`] (the SQL of a batch read), [`event`] (the JSON shape), [`partition`] (murmur2), [`offsets`]
//! (`producer_offsets`), [`source`] (the locked connection, reading rows), [`kafka`] (the
//! producer and its acknowledgements), [`reconcile`] (what the topic already holds),
//! [`poll`] (the loop) and [`republish`] (chosen id ranges through the same loop).

pub mod batch_query;
mod event;
mod kafka;
mod offsets;
mod partition;
mod poll;
mod reconcile;
mod republish;
mod source;

pub use event::{event_json, to_event, Columns, Event, Row};
pub use offsets::Rewind;
pub use partition::partition_for;
pub use poll::{poll, BatchSizing, PollOptions, PollSummary, ProducerEvent};
pub use republish::republish;
pub use source::read_row;
