//! The replication connection: `START_REPLICATION SLOT ... LOGICAL` with pgoutput over
//! PostgreSQL's streaming replication protocol, through the `pgwire-replication` crate.
//!
//! The crate's worker task answers keepalives and sends standby status updates by itself,
//! also while the engine waits for Kafka; the position it confirms is only ever the one
//! the engine hands to [`WalStream::confirm`] (the end of the newest transaction Kafka
//! acknowledged), never what was merely received.

use std::path::PathBuf;
use std::sync::Once;
use std::time::{Duration, Instant};

use pgwire_replication::{
    Lsn, PgWireError, ReplicationClient, ReplicationConfig, ReplicationEvent, TlsConfig,
};

use crate::profile::SslMode;
use crate::settings::{PgSettings, RootCert};

/// Session settings for the walsender, so that pgoutput prints values in the forms the
/// converters read (and the snapshot session uses the same).
pub const SESSION_OPTIONS: &str = "-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=3 -c bytea_output=hex -c lc_monetary=C";

/// How often a confirmation hands the replication client a new position, at most (the
/// engine's 100 ms tick hands on one that waited, so at most two moves per interval): each
/// move can make the walsender save the slot to disk, and at one every 20 ms, 4 alternated
/// 200,000-change drains measured about 10% longer. With the tick, what a crash re-sends
/// beyond the transactions in flight is what was acknowledged in the last 0.1 s.
const CONFIRM_INTERVAL: Duration = Duration::from_millis(100);

/// How often the replication client may send a standby status update: an update that
/// repeats the last position costs the walsender a message, not a save; a short interval
/// is what a clean stop waits for its last position (the client sends none at its stop).
const STATUS_INTERVAL: Duration = Duration::from_millis(10);

/// How long a clean stop waits for the last confirmed position to reach the server.
const STOP_CONFIRM_WAIT: Duration = Duration::from_secs(2);

/// What went wrong on the replication connection.
#[derive(Debug, thiserror::Error)]
pub enum WalError {
    /// Connecting, logging in or starting replication failed.
    #[error("cannot start replication from slot `{slot}` on {addr}")]
    Start {
        slot: String,
        addr: String,
        #[source]
        source: PgWireError,
    },
    /// Another session streams from the slot.
    #[error("replication slot `{slot}` is in use by another process")]
    SlotActive {
        slot: String,
        #[source]
        source: PgWireError,
    },
    /// The stream broke after it started.
    #[error("the replication stream from slot `{slot}` ended")]
    Lost {
        slot: String,
        #[source]
        source: PgWireError,
    },
}

impl WalError {
    /// Did the replication connection go away (server restarting, crashed, not yet
    /// accepting, the socket broken), so that starting again may help? A refused login,
    /// a slot in use, a TLS or protocol failure is not that.
    pub fn is_connection_loss(&self) -> bool {
        let source = match self {
            WalError::Start { source, .. } | WalError::Lost { source, .. } => source,
            WalError::SlotActive { .. } => return false,
        };
        match source {
            PgWireError::Io(_) | PgWireError::Task(_) => true,
            // "... (SQLSTATE 57P01)": the same codes as the SQL connections' (pg::connection_loss).
            PgWireError::Server(msg) => msg
                .rsplit_once("(SQLSTATE ")
                .and_then(|(_, code)| code.strip_suffix(')'))
                .is_some_and(crate::pg::connection_loss::is_lost_connection_state),
            _ => false,
        }
    }
}

/// The TLS settings of the replication connection, from the profile's PostgreSQL settings:
/// the one place they are mapped, with the meanings of the SQL connections (`pg::tls`):
/// `prefer`/`require` encrypt without checking the certificate; `verify-ca` checks who
/// signed it, `verify-full` also the host name; a client certificate goes with both files.
pub fn tls_config(s: &PgSettings) -> TlsConfig {
    let tls = match s.sslmode {
        SslMode::Disable => return TlsConfig::disabled(),
        SslMode::Prefer => TlsConfig {
            mode: pgwire_replication::SslMode::Prefer,
            ..TlsConfig::disabled()
        },
        SslMode::Require => TlsConfig::require(),
        SslMode::VerifyCa => TlsConfig::verify_ca(root_file(&s.sslrootcert)),
        SslMode::VerifyFull => TlsConfig::verify_full(root_file(&s.sslrootcert)),
    };
    match (&s.sslcert, &s.sslkey) {
        (Some(cert), Some(key)) => tls.with_client_cert(cert, key),
        _ => tls,
    }
}

/// The PEM file of trusted roots: the profile's, else the system's bundle where the
/// system keeps one (`SSL_CERT_FILE`, Debian's and Fedora's paths). Without either the
/// replication client falls back to the Mozilla roots it carries.
fn root_file(root: &RootCert) -> Option<PathBuf> {
    match root {
        RootCert::File(p) => Some(p.clone()),
        RootCert::System => std::env::var_os("SSL_CERT_FILE")
            .map(PathBuf::from)
            .into_iter()
            .chain(
                [
                    "/etc/ssl/certs/ca-certificates.crt",
                    "/etc/pki/tls/certs/ca-bundle.crt",
                ]
                .map(PathBuf::from),
            )
            .find(|p| p.is_file()),
    }
}

/// rustls needs one process-wide crypto provider; pgwire-replication's rustls has two
/// compiled in and would panic choosing. Install ring once.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The walsender's `application_name` for a connector (how `pg_stat_replication` and the
/// benchmarks find it).
pub fn application_name(connector: &str) -> String {
    format!("livedbctl-{connector}")
}

/// A running logical replication stream.
pub struct WalStream {
    client: ReplicationClient,
    slot: String,
    /// The newest position confirmed by the engine.
    confirmed: u64,
    /// The newest position handed to the replication client, and when.
    handed: u64,
    handed_at: Instant,
}

fn slot_active(e: &PgWireError) -> bool {
    matches!(e, PgWireError::Server(m) if m.contains("55006"))
}

impl WalStream {
    /// Start streaming `slot` for `publication` after `start` (transactions committed at
    /// or before it are not sent again), reporting `start` as confirmed until told more.
    pub async fn start(
        s: &PgSettings,
        slot: &str,
        publication: &str,
        start: u64,
        application_name: &str,
    ) -> Result<WalStream, WalError> {
        install_crypto_provider();
        let cfg = ReplicationConfig::new(
            s.host.clone(),
            s.user.clone(),
            s.password.clone().unwrap_or_default(),
            s.dbname.clone(),
            slot.to_string(),
            // Quoted, so that pgoutput keeps the name's case.
            format!("\"{}\"", publication.replace('"', "\"\"")),
        )
        .with_port(s.port)
        .with_tls(tls_config(s))
        .with_start_lsn(Lsn::from_u64(start))
        .with_ack_lsn(Lsn::from_u64(start))
        .with_status_interval(STATUS_INTERVAL)
        // Below wal_sender_timeout (60 s by default), so an idle stream stays up.
        .with_wakeup_interval(Duration::from_secs(10))
        .with_buffer_size(8192)
        .with_application_name(application_name)
        .with_options(SESSION_OPTIONS);
        let fail = |source: PgWireError| {
            if slot_active(&source) {
                WalError::SlotActive {
                    slot: slot.to_string(),
                    source,
                }
            } else {
                WalError::Start {
                    slot: slot.to_string(),
                    addr: s.address(),
                    source,
                }
            }
        };
        let mut client = ReplicationClient::connect(cfg).await.map_err(fail)?;
        match tokio::time::timeout(Duration::from_secs(30), client.wait_started()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(fail(e)),
            Err(_) => {
                client.abort();
                return Err(fail(PgWireError::Io(std::sync::Arc::new(
                    std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "no answer to START_REPLICATION within 30 s",
                    ),
                ))));
            }
        }
        Ok(WalStream {
            client,
            slot: slot.to_string(),
            confirmed: start,
            handed: start,
            handed_at: Instant::now(),
        })
    }

    /// The next event; None when the stream ended after [`WalStream::stop`].
    pub async fn recv(&mut self) -> Result<Option<ReplicationEvent>, WalError> {
        self.client.recv().await.map_err(|source| WalError::Lost {
            slot: self.slot.clone(),
            source,
        })
    }

    /// [`recv`](Self::recv) when an event is already here; None when it would wait.
    pub fn try_recv(&mut self) -> Option<Result<Option<ReplicationEvent>, WalError>> {
        futures::FutureExt::now_or_never(self.recv())
    }

    /// Everything up to `lsn` is safe in Kafka: let the server release it (handed to the
    /// replication client at once when the last hand-off is [`CONFIRM_INTERVAL`] old, else
    /// by [`confirm_moved`](Self::confirm_moved)).
    pub fn confirm(&mut self, lsn: u64) {
        if lsn > self.confirmed {
            self.confirmed = lsn;
            if self.handed_at.elapsed() >= CONFIRM_INTERVAL {
                self.hand_on();
            }
        }
    }

    /// Hand the replication client the confirmed position if it moved since the last
    /// hand-off: the engine calls this on its 100 ms tick, so a position [`confirm`] held
    /// back reaches the server within the tick and a status interval.
    ///
    /// [`confirm`]: Self::confirm
    pub fn confirm_moved(&mut self) {
        if self.confirmed > self.handed {
            self.hand_on();
        }
    }

    fn hand_on(&mut self) {
        self.handed = self.confirmed;
        self.handed_at = Instant::now();
        self.client
            .update_applied_lsn(Lsn::from_u64(self.confirmed));
    }

    pub fn confirmed(&self) -> u64 {
        self.confirmed
    }

    /// Stop after the last confirmed position reached the server: the crate's stop sends no
    /// final status update, so hand it on now and wait (bounded) until the client's next
    /// one, within [`STATUS_INTERVAL`], carried it.
    pub async fn stop(mut self) {
        self.confirm_moved();
        let metrics = self.client.metrics();
        let deadline = Instant::now() + STOP_CONFIRM_WAIT;
        while metrics.last_applied_lsn().as_u64() < self.confirmed && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let _ = tokio::time::timeout(Duration::from_secs(5), self.client.shutdown()).await;
    }
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<WalError> for crate::error::Error {
    fn from(e: WalError) -> Self {
        use crate::error::ErrorKind;
        let kind = match &e {
            WalError::Start { .. } | WalError::Lost { .. } => ErrorKind::Connection,
            WalError::SlotActive { .. } => ErrorKind::Runtime,
        };
        crate::error::Error::from_domain(kind, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(sslmode: SslMode) -> PgSettings {
        PgSettings {
            host: "db".into(),
            port: 5432,
            dbname: "d".into(),
            user: "u".into(),
            password: None,
            sslmode,
            sslrootcert: RootCert::System,
            sslcert: None,
            sslkey: None,
        }
    }

    #[test]
    fn a_server_going_away_is_a_lost_connection_and_a_refusal_is_not() {
        use std::sync::Arc;
        let lost = |source| WalError::Lost {
            slot: "s".into(),
            source,
        };
        let eof = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "EOF");
        assert!(lost(PgWireError::Io(Arc::new(eof))).is_connection_loss());
        let shutdown = "terminating connection due to administrator command (SQLSTATE 57P01)";
        assert!(lost(PgWireError::Server(shutdown.into())).is_connection_loss());
        let starting = "the database system is starting up (SQLSTATE 57P03)";
        assert!(lost(PgWireError::Server(starting.into())).is_connection_loss());
        let no_slot = "replication slot \"x\" does not exist (SQLSTATE 42704)";
        assert!(!lost(PgWireError::Server(no_slot.into())).is_connection_loss());
        assert!(!lost(PgWireError::Auth("password".into())).is_connection_loss());
        assert!(!lost(PgWireError::Tls("bad certificate".into())).is_connection_loss());
    }

    #[test]
    fn verifying_modes_take_the_profiles_roots_and_client_certificate() {
        use pgwire_replication::SslMode as M;
        let mut s = settings(SslMode::VerifyFull);
        s.sslrootcert = RootCert::File("/ca.pem".into());
        s.sslcert = Some("/client.pem".into());
        s.sslkey = Some("/client.key".into());
        let full = tls_config(&s);
        assert_eq!(full.mode, M::VerifyFull);
        assert_eq!(
            full.ca_pem_path.as_deref(),
            Some(std::path::Path::new("/ca.pem"))
        );
        assert!(full.is_mtls());
        s.sslmode = SslMode::VerifyCa;
        assert_eq!(tls_config(&s).mode, M::VerifyCa);
        // A key without its certificate is not sent (as the SQL connections do).
        s.sslcert = None;
        assert!(!tls_config(&s).is_mtls());
    }

    #[test]
    fn profile_sslmode_maps_to_the_replication_client() {
        use pgwire_replication::SslMode as M;
        assert_eq!(tls_config(&settings(SslMode::Disable)).mode, M::Disable);
        assert_eq!(tls_config(&settings(SslMode::Prefer)).mode, M::Prefer);
        let require = tls_config(&settings(SslMode::Require));
        assert_eq!(require.mode, M::Require);
        assert!(!require.mode.verifies_certificate());
        assert!(slot_active(&PgWireError::Server(
            "replication slot \"x\" is active for PID 5 (SQLSTATE 55006)".into()
        )));
    }
}
