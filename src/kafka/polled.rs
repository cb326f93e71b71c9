//! A producer whose events (delivery reports, errors) a thread of its own serves as they
//! arrive, like rdkafka's `ThreadedProducer`, without its busy loop.
//!
//! `ThreadedProducer` polls in slices of 100 ms, and rdkafka 0.39's poll loop hands
//! librdkafka the time left rounded down to whole milliseconds: each slice ends with about
//! a millisecond of polling with a zero timeout, over and over until the slice is over.
//! That is about 1% of a core for every producer, idle or not (`produce poll` following an
//! idle table: 0.19 s of CPU in 20 s; perf of `produce poll --once` over 1M rows: its
//! polling thread was 8% of the process's CPU, most of it in `clock_gettime`).
//!
//! Here the thread sleeps on a pipe that librdkafka writes to when an event lands on the
//! producer's empty event queue (`rd_kafka_queue_io_event_enable`), then takes the events
//! waiting, one zero-timeout poll each.

use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use rdkafka::bindings as rd;
use rdkafka::error::KafkaError;
use rdkafka::producer::{BaseProducer, Producer, ProducerContext};
use rdkafka::ClientConfig;

use crate::error::Result;

/// Longest the thread sleeps without a wake-up: a last resort should one be missed.
const SLEEP_AT_MOST: Duration = Duration::from_millis(100);
/// Events taken at most before looking at the pipe again.
const EVENTS_PER_WAKE: usize = 100_000;

/// A [`BaseProducer`] with a thread serving its events; derefs to the producer. Dropping it
/// stops the thread, then drops the producer (which purges and flushes what is left).
pub struct PolledProducer<C: ProducerContext + 'static> {
    producer: Arc<BaseProducer<C>>,
    stop: Arc<AtomicBool>,
    waker: waker::Waker,
    thread: Option<JoinHandle<()>>,
}

/// A producer from `config` reporting to `context`; `client` names it in errors.
pub fn create<C: ProducerContext + 'static>(
    config: &ClientConfig,
    context: C,
    client: &'static str,
) -> Result<PolledProducer<C>> {
    let producer: BaseProducer<C> = config
        .create_with_context(context)
        .map_err(|e| super::bad_settings(client, e))?;
    PolledProducer::new(producer).map_err(|e| {
        super::bad_settings(
            client,
            KafkaError::ClientCreation(format!("starting its events thread: {e}")),
        )
    })
}

impl<C: ProducerContext + 'static> PolledProducer<C> {
    pub fn new(producer: BaseProducer<C>) -> std::io::Result<PolledProducer<C>> {
        Self::start(producer, SLEEP_AT_MOST)
    }

    /// With the thread sleeping at most `fallback` between wake-ups.
    fn start(producer: BaseProducer<C>, fallback: Duration) -> std::io::Result<PolledProducer<C>> {
        let producer = Arc::new(producer);
        let stop = Arc::new(AtomicBool::new(false));
        let (waker, sleeper) = waker::pair()?;
        let served = Arc::clone(&producer);
        let stopping = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("producer events".into())
            .spawn(move || Served::new(served, sleeper).serve(&stopping, fallback))?;
        Ok(PolledProducer {
            producer,
            stop,
            waker,
            thread: Some(thread),
        })
    }
}

impl<C: ProducerContext + 'static> Deref for PolledProducer<C> {
    type Target = BaseProducer<C>;
    fn deref(&self) -> &BaseProducer<C> {
        &self.producer
    }
}

impl<C: ProducerContext + 'static> Drop for PolledProducer<C> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        self.waker.wake();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The thread's side: the producer, a reference to its event queue, and the pipe's read
/// end. librdkafka is told of the pipe's write end only while this exists, so a failed
/// start, a panic or the end leave it no descriptor that could be closed under it.
struct Served<C: ProducerContext + 'static> {
    producer: Arc<BaseProducer<C>>,
    queue: *mut rd::rd_kafka_queue_t,
    sleeper: waker::Sleeper,
}

impl<C: ProducerContext + 'static> Served<C> {
    fn new(producer: Arc<BaseProducer<C>>, sleeper: waker::Sleeper) -> Served<C> {
        // SAFETY: the producer's handle is valid while the Arc is held; the queue reference
        // is released in `drop`.
        let queue = unsafe { rd::rd_kafka_queue_get_main(producer.client().native_ptr()) };
        // Events already waiting are served by the first pass of `serve`.
        sleeper.wake_on_events(queue);
        Served {
            producer,
            queue,
            sleeper,
        }
    }

    fn serve(self, stop: &AtomicBool, fallback: Duration) {
        loop {
            // Every event waiting, then a look at the stop flag: what was reported before
            // the stop is served.
            let mut taken = 0;
            // SAFETY: the queue reference is held until `self` drops.
            while taken < EVENTS_PER_WAKE && unsafe { rd::rd_kafka_queue_length(self.queue) } > 0 {
                self.producer.poll(Duration::ZERO);
                taken += 1;
            }
            if stop.load(Ordering::Acquire) {
                break;
            }
            if taken < EVENTS_PER_WAKE {
                self.sleeper.sleep(fallback);
            }
        }
    }
}

impl<C: ProducerContext + 'static> Drop for Served<C> {
    fn drop(&mut self) {
        self.sleeper.stop_waking_on_events(self.queue);
        // SAFETY: taken in `Served::new`, released only here.
        unsafe { rd::rd_kafka_queue_destroy(self.queue) };
    }
}

#[cfg(unix)]
mod waker {
    use std::os::fd::{AsFd, AsRawFd, OwnedFd};
    use std::time::Duration;

    use nix::fcntl::OFlag;
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use rdkafka::bindings as rd;

    /// The pipe's write end: librdkafka writes to it on events, the producer's owner on
    /// drop. Non-blocking: a full pipe already wakes the thread.
    pub struct Waker(OwnedFd);
    pub struct Sleeper {
        read: OwnedFd,
        /// The write end as librdkafka is given it (the `Waker` keeps it open until the
        /// thread has stopped and told librdkafka to stop writing).
        write: i32,
    }

    pub fn pair() -> std::io::Result<(Waker, Sleeper)> {
        let (read, write) = nix::unistd::pipe2(OFlag::O_NONBLOCK | OFlag::O_CLOEXEC)?;
        let raw = write.as_raw_fd();
        Ok((Waker(write), Sleeper { read, write: raw }))
    }

    impl Waker {
        pub fn wake(&self) {
            let _ = nix::unistd::write(&self.0, b"s");
        }
    }

    impl Sleeper {
        pub fn wake_on_events(&self, queue: *mut rd::rd_kafka_queue_t) {
            // SAFETY: the queue is valid (the caller holds a reference); librdkafka copies
            // the payload, and the fd stays open until `stop_waking_on_events`.
            unsafe {
                rd::rd_kafka_queue_io_event_enable(queue, self.write, b"e".as_ptr().cast(), 1)
            };
        }
        pub fn stop_waking_on_events(&self, queue: *mut rd::rd_kafka_queue_t) {
            // SAFETY: as above; -1 turns the wake-ups off.
            unsafe { rd::rd_kafka_queue_io_event_enable(queue, -1, std::ptr::null(), 0) };
        }
        /// Until a wake-up or `at_most`, then empty the pipe.
        pub fn sleep(&self, at_most: Duration) {
            let ms = u16::try_from(at_most.as_millis()).unwrap_or(u16::MAX);
            let mut fds = [PollFd::new(self.read.as_fd(), PollFlags::POLLIN)];
            let _ = poll(&mut fds, PollTimeout::from(ms));
            let mut buf = [0u8; 64];
            while matches!(nix::unistd::read(&self.read, &mut buf), Ok(n) if n > 0) {}
        }
    }
}

#[cfg(not(unix))]
mod waker {
    //! Without pipes: the thread sleeps its whole slice (events wait up to 100 ms).
    use std::time::Duration;

    use rdkafka::bindings as rd;

    pub struct Waker;
    pub struct Sleeper;
    pub fn pair() -> std::io::Result<(Waker, Sleeper)> {
        Ok((Waker, Sleeper))
    }
    impl Waker {
        pub fn wake(&self) {}
    }
    impl Sleeper {
        pub fn wake_on_events(&self, _: *mut rd::rd_kafka_queue_t) {}
        pub fn stop_waking_on_events(&self, _: *mut rd::rd_kafka_queue_t) {}
        pub fn sleep(&self, at_most: Duration) {
            std::thread::sleep(at_most);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;
    use std::time::Instant;

    use rdkafka::client::ClientContext;
    use rdkafka::producer::{BaseRecord, DeliveryResult};

    use super::*;

    #[derive(Default)]
    struct Count(Arc<AtomicUsize>);
    impl ClientContext for Count {}
    impl ProducerContext for Count {
        type DeliveryOpaque = ();
        fn delivery(&self, r: &DeliveryResult<'_>, _: ()) {
            assert!(r.is_err(), "nothing listens on port 1");
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// The thread is woken by librdkafka's writes to the pipe, not by its fallback: that
    /// is set past the test's deadline here, so without the wake-ups no report would
    /// arrive in time.
    #[test]
    fn reports_reach_the_context_and_dropping_stops_the_thread() {
        let reported = Arc::new(AtomicUsize::new(0));
        let mut config = ClientConfig::new();
        config
            .set("bootstrap.servers", "127.0.0.1:1")
            .set("message.timeout.ms", "200")
            .set("log_level", "0");
        let base: BaseProducer<Count> = config
            .create_with_context(Count(Arc::clone(&reported)))
            .unwrap_or_else(|e| panic!("{e}"));
        let producer = PolledProducer::start(base, Duration::from_secs(3600))
            .unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..3 {
            producer
                .send(BaseRecord::<(), str, ()>::to("t").payload("x"))
                .unwrap_or_else(|(e, _)| panic!("{e}"));
        }
        let deadline = Instant::now() + Duration::from_secs(50);
        while reported.load(Ordering::SeqCst) < 3 {
            assert!(Instant::now() < deadline, "no delivery reports after 50 s");
            std::thread::sleep(Duration::from_millis(10));
        }
        // Dropping joins the thread (the test would hang otherwise) and frees the producer.
        drop(producer);
        assert_eq!(reported.load(Ordering::SeqCst), 3);
    }
}
