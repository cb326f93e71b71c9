//! The one shutdown path. SIGINT (Ctrl-C) and SIGTERM mean the same for every long-running
//! command (`produce poll`, `seed burst`, `consume tail`, the consumers, `connector start`,
//! `demo`, `infra logs -f`): the first asks the command to stop after the unit of work in
//! hand (a batch, a burst, a record) and to leave everything committed; a second one ends
//! the process at once with exit code 130, for an operator who will not wait.
//!
//! Domain code never listens for signals itself: it takes a [`Stop`] and checks it between
//! units of work, or races [`requested`] against its waits.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

/// A stop request, checked between units of work. Cloned freely; never flips back.
pub type Stop = watch::Receiver<bool>;

/// Owns the stop flag; dropping it does not stop anything.
#[derive(Clone)]
pub struct Shutdown {
    tx: Arc<watch::Sender<bool>>,
}

impl Shutdown {
    /// A flag nothing but [`Shutdown::request`] flips (tests, timers).
    pub fn manual() -> Shutdown {
        Shutdown {
            tx: Arc::new(watch::channel(false).0),
        }
    }

    /// Flip on the first Ctrl-C or SIGTERM; exit 130 on the second.
    pub fn on_signals() -> Shutdown {
        Self::on_signals_then(|| {})
    }

    /// As [`Shutdown::on_signals`], calling `notice` when the first signal arrives (to say
    /// what the command is waiting for).
    pub fn on_signals_then(notice: impl FnOnce() + Send + 'static) -> Shutdown {
        let shutdown = Shutdown::manual();
        let tx = shutdown.tx.clone();
        tokio::spawn(async move {
            if !signal().await {
                return;
            }
            notice();
            let _ = tx.send(true);
            if signal().await {
                std::process::exit(130);
            }
        });
        shutdown
    }

    /// Ask everything holding a [`Stop`] of this flag to stop (`--duration`, the demo).
    pub fn request(&self) {
        let _ = self.tx.send(true);
    }

    pub fn stop(&self) -> Stop {
        self.tx.subscribe()
    }
}

/// A stop that is never asked for (a step that must run to its end).
pub fn never() -> Stop {
    Shutdown::manual().stop()
}

/// Whether a stop was asked for.
pub fn stopped(stop: &Stop) -> bool {
    *stop.borrow()
}

/// Resolves once a stop is asked for; never, when nobody can ask any more.
pub async fn requested(stop: &mut Stop) {
    if stop.wait_for(|v| *v).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Sleep for `d` unless a stop arrives first; true when stopped.
pub async fn sleep_or_stop(stop: &mut Stop, d: Duration) -> bool {
    if stopped(stop) {
        return true;
    }
    tokio::select! {
        _ = tokio::time::sleep(d) => {}
        _ = requested(stop) => {}
    }
    stopped(stop)
}

/// The next Ctrl-C or SIGTERM; false when signals cannot be listened for.
async fn signal() -> bool {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    r = tokio::signal::ctrl_c() => r.is_ok(),
                    r = term.recv() => r.is_some(),
                }
            }
            Err(_) => tokio::signal::ctrl_c().await.is_ok(),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_reaches_every_holder_and_ends_sleeps() {
        let s = Shutdown::manual();
        let (mut a, b) = (s.stop(), s.stop());
        assert!(!stopped(&a));
        let waker = s.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            waker.request();
        });
        assert!(sleep_or_stop(&mut a, Duration::from_secs(60)).await);
        assert!(stopped(&b));
    }
}
