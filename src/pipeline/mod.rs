//! The live pipeline: seed rows into `livedb` (`seed`), turn new rows into Kafka events
//! (`producer`), and the two together with a live consumer (`demo`). No clap, no printing:
//! progress is reported through callbacks, stopping through a `watch` flag.

pub mod demo;
pub mod producer;
pub mod seed;

use std::time::Duration;

/// Exponential backoff for reconnecting: 0.5 s doubling up to 10 s.
#[derive(Debug, Clone)]
pub struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            next: Duration::from_millis(500),
        }
    }
}

impl Backoff {
    pub fn next_delay(&mut self) -> Duration {
        let d = self.next;
        self.next = (self.next * 2).min(Duration::from_secs(10));
        d
    }
    pub fn reset(&mut self) {
        *self = Backoff::default();
    }
}

/// A stop request (Ctrl-C, `--duration`), checked between bursts and batches.
pub type Stop = tokio::sync::watch::Receiver<bool>;

pub fn stopped(stop: &Stop) -> bool {
    *stop.borrow()
}

/// Sleep for `d` unless a stop arrives first; true when stopped.
pub async fn sleep_or_stop(stop: &mut Stop, d: Duration) -> bool {
    if stopped(stop) {
        return true;
    }
    tokio::select! {
        _ = tokio::time::sleep(d) => {}
        closed = async { stop.wait_for(|v| *v).await.is_err() } => {
            if closed {
                // Nobody can ask to stop any more: just wait.
                tokio::time::sleep(d).await;
            }
        }
    }
    stopped(stop)
}

/// A stop flag that flips on Ctrl-C.
pub fn stop_on_ctrl_c() -> (tokio::sync::watch::Sender<bool>, Stop) {
    let (tx, rx) = tokio::sync::watch::channel(false);
    let t = tx.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = t.send(true);
        }
    });
    (tx, rx)
}
