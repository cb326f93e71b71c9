//! Running the built-in engine as a service (`connector start`):
//!
//! - **Stop requests.** `connector stop` writes a time into the connector's state row
//!   (`stop_requested_at`); a watch here reads it about once a second and, when it changes
//!   from what it was at start, asks this process's [`Shutdown`] to stop: the engine then
//!   stops as on Ctrl-C (the batch in flight acknowledged, the slot advanced). No pid read
//!   from the database is ever signalled, and it works from any host and on every OS.
//! - **PostgreSQL restarts.** When the engine ends on a lost connection (the server was
//!   restarted, fast or immediate), it is started again with backoff and resumes where the
//!   slot stands: at-least-once, as after any restart.

use std::time::Duration;

use crate::cdc::engine::{self, EngineConfig, Progress, Stats};
use crate::cdc::state;
use crate::error::{Error, Result};
use crate::pg::connection_loss::is_lost;
use crate::retry::Backoff;
use crate::settings::{KafkaSettings, PgSettings};
use crate::shutdown::{sleep_or_stop, stopped, Shutdown};

/// How often the stop watch reads the state row.
const STOP_POLL: Duration = Duration::from_secs(1);

/// Run the connector until it stops (or is idle with `until_idle`), through lost
/// connections, honouring stop requests from the state row.
pub async fn run(
    pg: &PgSettings,
    kafka: &KafkaSettings,
    cfg: &EngineConfig,
    shutdown: &Shutdown,
    observer: &mut dyn FnMut(Progress<'_>),
) -> Result<Stats> {
    let watch = StopWatch::start(pg, &cfg.name, shutdown.clone()).await?;
    let mut backoff = Backoff::default();
    // The stats are those of the engine's last start: an engine that lost its connection
    // ended with an error, not with counts.
    let result = loop {
        let stop = shutdown.stop();
        match engine::run(pg, kafka, cfg, stop.clone(), observer).await {
            Ok(stats) => break Ok(stats),
            Err(e) if engine_lost(&e) && !stopped(&stop) => {
                let delay = backoff.next_delay();
                observer(Progress::Info(format!(
                    "lost the connection to PostgreSQL ({}); starting again in {:.1} s",
                    e.message,
                    delay.as_secs_f64()
                )));
                if sleep_or_stop(&mut stop.clone(), delay).await {
                    // Stopped while PostgreSQL was away: nothing is in flight.
                    break Err(e);
                }
            }
            Err(e) => break Err(e),
        }
    };
    watch.abort();
    result
}

/// [`run`] on a thread of its own with a single-threaded runtime, and wait for it.
///
/// The replication client reads the stream in a task of its own and hands each message to
/// the engine through a bounded channel. On the multi-threaded runtime the two sit on
/// different threads, and whenever one waits for the other (the engine for the next
/// message, the reader for room in the channel) every message costs a wake-up across
/// threads; measured, that doubled the engine's CPU per change on single-row transactions.
/// On one thread, handing a message over is a queue push.
pub async fn run_on_own_thread(
    pg: PgSettings,
    kafka: KafkaSettings,
    cfg: EngineConfig,
    shutdown: Shutdown,
    mut observer: impl FnMut(Progress<'_>) + Send + 'static,
) -> Result<Stats> {
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("cdc-engine".into())
        .spawn(move || {
            let result = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt.block_on(run(&pg, &kafka, &cfg, &shutdown, &mut observer)),
                Err(e) => Err(Error::internal(format!(
                    "cannot start the engine's runtime: {e}"
                ))),
            };
            let _ = done_tx.send(result);
        })
        .map_err(|e| Error::internal(format!("cannot start the engine's thread: {e}")))?;
    done_rx.await.unwrap_or_else(|_| {
        Err(Error::internal(
            "the engine's thread ended without a result",
        ))
    })
}

/// The task that turns a stop request in the state row into a [`Shutdown`] request.
struct StopWatch(tokio::task::JoinHandle<()>);

impl StopWatch {
    /// Read the request standing now (an old one, from before this start, is not ours),
    /// then watch for a new one.
    async fn start(pg: &PgSettings, name: &str, shutdown: Shutdown) -> Result<StopWatch> {
        let client = crate::pg::connect(pg).await?;
        state::ensure_state_table(&client).await?;
        let standing = state::stop_request(&client, name).await?;
        let (pg, name) = (pg.clone(), name.to_string());
        let task = tokio::spawn(async move {
            let mut client = Some(client);
            let mut stop = shutdown.stop();
            loop {
                if sleep_or_stop(&mut stop, STOP_POLL).await {
                    return;
                }
                // PostgreSQL may be restarting: reconnect quietly, the engine reports it.
                if client.as_ref().is_none_or(|c| c.is_closed()) {
                    client = crate::pg::connect(&pg).await.ok();
                }
                let Some(c) = &client else { continue };
                if let Ok(now) = state::stop_request(c, &name).await {
                    if now.is_some() && now != standing {
                        shutdown.request();
                        return;
                    }
                }
            }
        });
        Ok(StopWatch(task))
    }

    fn abort(self) {
        self.0.abort();
    }
}

/// A lost connection, the one rule of `pg::connection_loss`, with the replication
/// connection's own error (`WalError`) answering for itself.
fn engine_lost(e: &crate::error::Error) -> bool {
    is_lost(e, |s| {
        s.downcast_ref::<crate::cdc::wal::WalError>()
            .map(crate::cdc::wal::WalError::is_connection_loss)
    })
}
