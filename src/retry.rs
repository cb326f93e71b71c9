//! Retry and backoff, in one place: how long to wait before trying again after a lost
//! connection ([`Backoff`]), and how often to repeat a step that may fail for a moment
//! (a user's hook command, a Kafka Connect call) before reporting it ([`attempts`]).

use std::future::Future;
use std::time::Duration;

/// Exponential backoff for reconnecting: 0.5 s doubling up to 10 s, forever.
#[derive(Debug, Clone)]
pub struct Backoff {
    next: Duration,
}

const FIRST_DELAY: Duration = Duration::from_millis(500);
const MAX_DELAY: Duration = Duration::from_secs(10);

impl Default for Backoff {
    fn default() -> Self {
        Backoff { next: FIRST_DELAY }
    }
}

impl Backoff {
    pub fn next_delay(&mut self) -> Duration {
        let d = self.next;
        self.next = (self.next * 2).min(MAX_DELAY);
        d
    }

    /// After a success: the next failure waits the shortest time again.
    pub fn reset(&mut self) {
        *self = Backoff::default();
    }
}

/// The pause after failed attempt `n` (1-based) of a bounded retry: 200 ms doubling.
pub fn attempt_delay(n: u32) -> Duration {
    Duration::from_millis(200u64.saturating_mul(1 << n.saturating_sub(1).min(10)))
}

/// Run `step` up to `max` times (at least once), pausing [`attempt_delay`] between
/// failures. Returns the last result and how many attempts were made.
pub async fn attempts<T, E, F, Fut>(max: u32, mut step: F) -> (Result<T, E>, u32)
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let max = max.max(1);
    let mut n = 1;
    loop {
        let r = step(n).await;
        if r.is_ok() || n >= max {
            return (r, n);
        }
        tokio::time::sleep(attempt_delay(n)).await;
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_ten_seconds_and_resets() {
        let mut b = Backoff::default();
        let delays: Vec<u64> = (0..7).map(|_| b.next_delay().as_millis() as u64).collect();
        assert_eq!(delays, [500, 1000, 2000, 4000, 8000, 10000, 10000]);
        b.reset();
        assert_eq!(b.next_delay(), Duration::from_millis(500));
        assert_eq!(attempt_delay(1), Duration::from_millis(200));
        assert_eq!(attempt_delay(3), Duration::from_millis(800));
    }

    #[tokio::test]
    async fn attempts_stop_at_the_first_success_or_the_limit() {
        let (r, n) = attempts(5, |n| async move {
            if n == 3 {
                Ok(n)
            } else {
                Err(n)
            }
        })
        .await;
        assert_eq!((r, n), (Ok(3), 3));
        let (r, n) = attempts(2, |n| async move { Err::<(), _>(n) }).await;
        assert_eq!((r, n), (Err(2), 2));
        let (r, n) = attempts(0, |_| async { Err::<(), _>("no") }).await;
        assert_eq!((r, n), (Err("no"), 1));
    }
}
