//! The broker's ceiling for benches/pipeline.sh: produce the lines of a file (one event
//! per line, keyed by its `"id"`) with the same client library and settings as
//! `produce poll` (librdkafka, idempotent, acks=all, murmur2 partitioner), but no database
//! and no offset tracking.
//!
//!   cargo run --release --example produce_file -- BOOTSTRAP TOPIC FILE
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::BufRead;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rdkafka::producer::{BaseRecord, DeliveryResult, Producer, ProducerContext, ThreadedProducer};
use rdkafka::ClientConfig;
use rdkafka::ClientContext;

struct Count {
    failed: AtomicU64,
}
impl ClientContext for Count {}
impl ProducerContext for Count {
    type DeliveryOpaque = ();
    fn delivery(&self, r: &DeliveryResult<'_>, _: ()) {
        if r.is_err() {
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (bootstrap, topic, file) = (&args[1], &args[2], &args[3]);
    let producer: ThreadedProducer<Count> = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .set("partitioner", "murmur2_random")
        .set("linger.ms", "5")
        .set("queue.buffering.max.messages", "1000000")
        .create_with_context(Count {
            failed: AtomicU64::new(0),
        })
        .expect("producer");
    let reader = std::io::BufReader::new(std::fs::File::open(file).expect("open file"));
    let mut n = 0u64;
    for line in reader.lines() {
        let line = line.expect("read");
        // json_build_object writes {"id" : 42, ...}
        let key = line
            .split(',')
            .next()
            .and_then(|f| f.split(':').nth(1))
            .unwrap_or("")
            .trim()
            .to_string();
        let mut record = BaseRecord::to(topic).key(&key).payload(&line);
        loop {
            match producer.send(record) {
                Ok(()) => break,
                Err((_, r)) => {
                    record = r;
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        }
        n += 1;
    }
    producer.flush(Duration::from_secs(300)).expect("flush");
    let failed = producer.context().failed.load(Ordering::Relaxed);
    println!("{n} sent, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
