//! Reading in batches: one call into librdkafka hands over up to [`BATCH`] messages, where
//! `BaseConsumer::poll` costs a call per message (two clock reads and a queue lock in
//! librdkafka, an event and an allocation in the rdkafka crate: a fifth of `consume tail`'s
//! CPU, measured with perf), and a `StreamConsumer`'s `recv` a waker registered and
//! dropped under a lock as well. The rdkafka crate has no batch read, so this is the one
//! place livedbctl calls librdkafka's consumer API itself: `consume tail` and the consumers
//! that read by assignment (`stream run`).
//!
//! Only for a reader by assignment: a group member's rebalances arrive as events that
//! `BaseConsumer::poll` must serve, and librdkafka's batch read would answer them with an
//! unassign.

use std::ffi::CStr;
use std::time::Duration;

use rdkafka::bindings as rd;
use rdkafka::client::Client;
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext};
use rdkafka::error::KafkaError;
use rdkafka::message::{Header, Headers, Message, Timestamp};
use rdkafka::types::RDKafkaRespErr;

/// Messages taken from librdkafka per call.
const BATCH: usize = 1024;

/// A consumer's queue, read in batches. Dropped before the consumer it reads from.
pub struct BatchReader {
    queue: *mut rd::rd_kafka_queue_t,
    /// Messages taken and not yet handed out: `msgs[next..]`.
    msgs: Vec<*mut rd::rd_kafka_message_t>,
    next: usize,
}

// SAFETY: librdkafka's queue handles and messages may be used from any thread; the reader
// owns them and is used by one thread at a time.
unsafe impl Send for BatchReader {}

impl BatchReader {
    /// A reader of the consumer's queue (where an assigned consumer's messages, errors and
    /// partition ends arrive); None when the consumer has none (no `group.id`).
    pub fn new<C: ConsumerContext>(consumer: &BaseConsumer<C>) -> Option<BatchReader> {
        // SAFETY: the client pointer is valid while `consumer` lives; the reader is
        // dropped before it (see `Tailer`'s field order).
        let queue = unsafe { rd::rd_kafka_queue_get_consumer(consumer.client().native_ptr()) };
        Self::of(queue)
    }

    /// A reader of one partition's queue, which must have been split from the consumer's
    /// (`split_partition_queue`): that partition's messages, errors and end arrive there.
    /// None for a partition the client does not know or a topic name with a NUL.
    ///
    /// # Safety
    /// The reader must be dropped before `client`.
    pub unsafe fn of_partition<C: rdkafka::ClientContext>(
        client: &Client<C>,
        topic: &str,
        partition: i32,
    ) -> Option<BatchReader> {
        let topic = std::ffi::CString::new(topic).ok()?;
        Self::of(rd::rd_kafka_queue_get_partition(
            client.native_ptr(),
            topic.as_ptr(),
            partition,
        ))
    }

    fn of(queue: *mut rd::rd_kafka_queue_t) -> Option<BatchReader> {
        (!queue.is_null()).then(|| BatchReader {
            queue,
            msgs: Vec::with_capacity(BATCH),
            next: 0,
        })
    }

    /// The next message, or an error or partition end reported in its place; waits at most
    /// `timeout` when none is in hand. None: nothing came.
    pub fn next(&mut self, timeout: Duration) -> Option<Result<RawMessage, KafkaError>> {
        if self.next == self.msgs.len() {
            // What is queued now, without waiting. A batch call with a timeout waits until
            // the batch is full or the timeout passed, which would hold a live record back
            // for the whole wait: when nothing is queued, wait for one message only.
            if !self.refill() && !timeout.is_zero() {
                self.take(timeout.as_millis().min(i32::MAX as u128) as i32, 1);
            }
        }
        self.next_in_hand()
    }

    /// The next message already taken from librdkafka, without asking it for more.
    pub fn next_in_hand(&mut self) -> Option<Result<RawMessage, KafkaError>> {
        if self.next == self.msgs.len() {
            return None;
        }
        let m = RawMessage(self.msgs[self.next]);
        self.next += 1;
        // SAFETY: a message from librdkafka, valid until destroyed (by RawMessage's drop).
        let err = unsafe { (*m.0).err };
        if err == RDKafkaRespErr::RD_KAFKA_RESP_ERR_NO_ERROR {
            return Some(Ok(m));
        }
        Some(Err(match err {
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__PARTITION_EOF => {
                KafkaError::PartitionEOF(m.partition())
            }
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__FATAL => {
                KafkaError::MessageConsumptionFatal(err.into())
            }
            e => KafkaError::MessageConsumption(e.into()),
        }))
    }

    /// With nothing left in hand, take what librdkafka has queued now (up to [`BATCH`]),
    /// without waiting; whether anything is in hand after.
    pub fn refill(&mut self) -> bool {
        if self.next == self.msgs.len() {
            self.msgs.clear();
            self.next = 0;
            self.take(0, BATCH);
        }
        self.next < self.msgs.len()
    }
}

impl BatchReader {
    /// Take up to `max` (<= BATCH) messages into the empty `msgs`, waiting at most
    /// `timeout_ms`; how many came.
    fn take(&mut self, timeout_ms: i32, max: usize) -> usize {
        debug_assert!(self.msgs.is_empty() && max <= BATCH);
        // SAFETY: `msgs` has room for BATCH >= max pointers; librdkafka writes `n` of them.
        let n = unsafe {
            rd::rd_kafka_consume_batch_queue(self.queue, timeout_ms, self.msgs.as_mut_ptr(), max)
        };
        let n = n.max(0) as usize;
        // SAFETY: the first `n` (<= max) entries were written.
        unsafe { self.msgs.set_len(n) };
        n
    }
}

impl Drop for BatchReader {
    fn drop(&mut self) {
        // SAFETY: the messages not handed out are still ours, and so is the queue handle.
        unsafe {
            for m in &self.msgs[self.next..] {
                rd::rd_kafka_message_destroy(*m);
            }
            rd::rd_kafka_queue_destroy(self.queue);
        }
    }
}

/// One message taken from librdkafka, destroyed when dropped.
pub struct RawMessage(*mut rd::rd_kafka_message_t);

impl Drop for RawMessage {
    fn drop(&mut self) {
        // SAFETY: owned, destroyed once.
        unsafe { rd::rd_kafka_message_destroy(self.0) }
    }
}

/// `len` bytes at `p` as a slice, None for a null pointer.
///
/// # Safety
/// `p` must point at `len` readable bytes that outlive the slice's use.
unsafe fn bytes<'a>(p: *const std::ffi::c_void, len: usize) -> Option<&'a [u8]> {
    (!p.is_null()).then(|| std::slice::from_raw_parts(p as *const u8, len))
}

impl Message for RawMessage {
    type Headers = RawHeaders;

    fn key(&self) -> Option<&[u8]> {
        // SAFETY: the key lives as long as the message.
        unsafe { bytes((*self.0).key, (*self.0).key_len) }
    }

    fn payload(&self) -> Option<&[u8]> {
        // SAFETY: the payload lives as long as the message.
        unsafe { bytes((*self.0).payload, (*self.0).len) }
    }

    unsafe fn payload_mut(&mut self) -> Option<&mut [u8]> {
        let (p, len) = ((*self.0).payload, (*self.0).len);
        (!p.is_null()).then(|| std::slice::from_raw_parts_mut(p as *mut u8, len))
    }

    fn topic(&self) -> &str {
        // SAFETY: a message's topic handle (when it has one) outlives the message.
        unsafe {
            let rkt = (*self.0).rkt;
            if rkt.is_null() {
                return "";
            }
            CStr::from_ptr(rd::rd_kafka_topic_name(rkt))
                .to_str()
                .unwrap_or("")
        }
    }

    fn partition(&self) -> i32 {
        // SAFETY: a valid message.
        unsafe { (*self.0).partition }
    }

    fn offset(&self) -> i64 {
        // SAFETY: a valid message.
        unsafe { (*self.0).offset }
    }

    fn timestamp(&self) -> Timestamp {
        let mut kind = rd::rd_kafka_timestamp_type_t::RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
        // SAFETY: a valid message.
        let ms = unsafe { rd::rd_kafka_message_timestamp(self.0, &mut kind) };
        match kind {
            rd::rd_kafka_timestamp_type_t::RD_KAFKA_TIMESTAMP_CREATE_TIME => {
                Timestamp::CreateTime(ms)
            }
            rd::rd_kafka_timestamp_type_t::RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME => {
                Timestamp::LogAppendTime(ms)
            }
            _ => Timestamp::NotAvailable,
        }
    }

    fn headers(&self) -> Option<&RawHeaders> {
        let mut h = std::ptr::null_mut();
        // SAFETY: a valid message; the headers belong to it.
        let err = unsafe { rd::rd_kafka_message_headers(self.0, &mut h) };
        (err == RDKafkaRespErr::RD_KAFKA_RESP_ERR_NO_ERROR && !h.is_null())
            // SAFETY: RawHeaders is a zero-sized view whose address is the headers' (the
            // rdkafka crate's BorrowedHeaders works the same way); it lives no longer than
            // the message that owns them.
            .then(|| unsafe { &*(h as *const RawHeaders) })
    }
}

/// A message's headers, read in place.
pub struct RawHeaders;

impl RawHeaders {
    fn ptr(&self) -> *const rd::rd_kafka_headers_t {
        self as *const RawHeaders as *const rd::rd_kafka_headers_t
    }
}

impl Headers for RawHeaders {
    fn count(&self) -> usize {
        // SAFETY: see RawMessage::headers.
        unsafe { rd::rd_kafka_header_cnt(self.ptr()) }
    }

    fn try_get(&self, idx: usize) -> Option<Header<'_, &[u8]>> {
        let (mut name, mut value, mut size) = (std::ptr::null(), std::ptr::null(), 0);
        // SAFETY: see RawMessage::headers; librdkafka fills the three out-parameters.
        unsafe {
            let err =
                rd::rd_kafka_header_get_all(self.ptr(), idx, &mut name, &mut value, &mut size);
            if err != RDKafkaRespErr::RD_KAFKA_RESP_ERR_NO_ERROR || name.is_null() {
                return None;
            }
            Some(Header {
                key: CStr::from_ptr(name).to_str().unwrap_or(""),
                value: bytes(value, size),
            })
        }
    }
}
