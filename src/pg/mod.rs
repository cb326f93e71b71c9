//! PostgreSQL connections (tokio-postgres, TLS for hosted servers) and the schema.

pub mod connection_loss;
pub mod copy;
pub mod migrate;
pub mod run_lock;
pub mod tls;

use std::time::Duration;

use crate::error::{Error, Result};
use crate::profile::SslMode;
use crate::settings::PgSettings;

/// Server-side TCP keepalives for every session: a client whose host vanished (no FIN, no
/// RST) is noticed after about 10 + 3 × 5 = 25 s of silence instead of the operating
/// system's two hours, so the session ends and its locks (the run locks, [`run_lock`]) go.
/// The server ignores them on Unix sockets; they exist in every supported version.
pub const KEEPALIVE_OPTIONS: &str =
    "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3";

pub fn config(s: &PgSettings, dbname: Option<&str>) -> tokio_postgres::Config {
    let mut c = tokio_postgres::Config::new();
    c.host(&s.host)
        .port(s.port)
        .user(&s.user)
        .dbname(dbname.unwrap_or(&s.dbname))
        .application_name("livedbctl")
        .options(KEEPALIVE_OPTIONS)
        .connect_timeout(Duration::from_secs(10))
        .ssl_mode(tls::wire_mode(s.sslmode));
    if let Some(p) = &s.password {
        c.password(p);
    }
    c
}

/// Connect to the profile's database (or `dbname`), spawning the connection driver. The
/// one way livedbctl connects: TLS as the profile's `sslmode` says ([`tls`]).
pub async fn connect_db(s: &PgSettings, dbname: Option<&str>) -> Result<tokio_postgres::Client> {
    let cfg = config(s, dbname);
    let db = dbname.unwrap_or(&s.dbname);
    let tls = tls::connector(s).map_err(PgError::TlsSetup)?;
    // tokio-postgres bounds the TCP connect only; a program that accepts and then says
    // nothing would hold the login (and the TLS handshake) forever.
    match tokio::time::timeout(LOGIN_TIMEOUT, cfg.connect(tls)).await {
        Ok(Ok((client, conn))) => {
            tokio::spawn(conn);
            Ok(client)
        }
        Ok(Err(e)) => Err(connect_error(s, db, e)),
        Err(_) => Err(PgError::LoginTimeout {
            addr: s.address(),
            secs: LOGIN_TIMEOUT.as_secs(),
        }
        .into()),
    }
}

/// The longest a connection and login may take.
const LOGIN_TIMEOUT: Duration = Duration::from_secs(30);

pub async fn connect(s: &PgSettings) -> Result<tokio_postgres::Client> {
    connect_db(s, None).await
}

/// What went wrong with PostgreSQL, keeping the client's error as the source. Its kind
/// comes from the SQLSTATE (`From<PgError> for Error`); the CLI adds the hints.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    /// Connecting (or logging in) failed.
    #[error("cannot connect to PostgreSQL at {addr} (database `{db}`)")]
    Connect {
        addr: String,
        db: String,
        user: String,
        sslmode: SslMode,
        #[source]
        source: tokio_postgres::Error,
    },
    /// The TLS handshake failed: the certificate is not trusted, names another host, or
    /// the server does not speak TLS.
    #[error("TLS with PostgreSQL at {addr} failed (sslmode={}): {}", sslmode.as_str(), describe_tls(failure, host))]
    Tls {
        addr: String,
        host: String,
        sslmode: SslMode,
        failure: tls::TlsFailure,
        #[source]
        source: tokio_postgres::Error,
    },
    /// The server accepted the connection but did not complete the login in time.
    #[error("PostgreSQL at {addr} did not complete the login within {secs} s")]
    LoginTimeout { addr: String, secs: u64 },
    /// The TLS settings cannot be used (a certificate file is missing or unreadable).
    #[error(transparent)]
    TlsSetup(#[from] tls::TlsSetupError),
    /// A statement failed; `what` says what was being done.
    #[error("{what}")]
    Query {
        what: String,
        #[source]
        source: tokio_postgres::Error,
    },
}

impl PgError {
    /// The SQLSTATE, when the server answered with an error.
    pub fn sqlstate(&self) -> Option<&str> {
        let e = match self {
            PgError::Connect { source, .. }
            | PgError::Query { source, .. }
            | PgError::Tls { source, .. } => source,
            PgError::TlsSetup(_) | PgError::LoginTimeout { .. } => return None,
        };
        e.as_db_error().map(|d| d.code().code())
    }
}

/// Why the server refused a connection, as far as its answer tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It accepts only TLS connections, and sslmode was `disable`.
    TlsRequired,
    /// It wants a client certificate.
    ClientCertRequired,
    /// The client certificate does not name the user.
    CertificateRejected,
    /// The user or the password was refused.
    Login,
    /// The database does not exist.
    NoDatabase,
    /// Another answer of the server.
    Other,
    /// No answer: the server is not there, or the connection broke.
    NoAnswer,
}

impl PgError {
    /// Why a connection was refused (`None` for other errors).
    pub fn refusal(&self) -> Option<Refusal> {
        let PgError::Connect {
            sslmode, source, ..
        } = self
        else {
            return None;
        };
        let Some(d) = source.as_db_error() else {
            return Some(Refusal::NoAnswer);
        };
        let (code, msg) = (d.code().code(), d.message());
        Some(match code {
            "28000"
                if *sslmode == SslMode::Disable
                    && (msg.contains("no encryption") || msg.contains("SSL off")) =>
            {
                Refusal::TlsRequired
            }
            "28000" if msg.contains("requires a valid client certificate") => {
                Refusal::ClientCertRequired
            }
            "28000" if msg.contains("certificate authentication failed") => {
                Refusal::CertificateRejected
            }
            "28P01" | "28000" => Refusal::Login,
            "3D000" => Refusal::NoDatabase,
            _ => Refusal::Other,
        })
    }
}

fn describe_tls(f: &tls::TlsFailure, host: &str) -> String {
    match f {
        tls::TlsFailure::Untrusted { detail } => {
            format!("the server's certificate is not trusted: {detail}")
        }
        tls::TlsFailure::NameMismatch { presented } if presented.is_empty() => {
            format!("the server's certificate is not valid for `{host}`")
        }
        tls::TlsFailure::NameMismatch { presented } => format!(
            "the server's certificate is not valid for `{host}` (it names {})",
            presented.join(", ")
        ),
        tls::TlsFailure::ServerWithoutTls => "the server does not accept TLS".into(),
    }
}

/// A connection failure as an error that names the server.
pub fn connect_error(s: &PgSettings, db: &str, e: tokio_postgres::Error) -> Error {
    let addr = format!("{}:{}", s.host, s.port);
    match tls::classify(&e) {
        Some(failure) => PgError::Tls {
            addr,
            host: s.host.clone(),
            sslmode: s.sslmode,
            failure,
            source: e,
        },
        None => PgError::Connect {
            addr,
            db: db.to_string(),
            user: s.user.clone(),
            sslmode: s.sslmode,
            source: e,
        },
    }
    .into()
}

/// A query failure as an error that keeps the SQLSTATE and names what was running.
pub fn query_error(what: &str, e: tokio_postgres::Error) -> Error {
    PgError::Query {
        what: what.to_string(),
        source: e,
    }
    .into()
}

pub async fn server_version(client: &tokio_postgres::Client) -> Result<String> {
    let row = client
        .query_one("SHOW server_version", &[])
        .await
        .map_err(|e| query_error("reading server_version", e))?;
    Ok(row.get::<_, String>(0))
}

/// Quote an identifier for SQL.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `schema.table` or `table`, each part quoted (a name with more dots keeps them in the
/// table's part).
pub fn qualified(name: &str) -> String {
    match name.split_once('.') {
        Some((schema, table)) => format!("{}.{}", ident(schema), ident(table)),
        None => ident(name),
    }
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<PgError> for Error {
    fn from(e: PgError) -> Self {
        e.boundary().with_source(e)
    }
}

impl PgError {
    /// The boundary error's kind, message and SQLSTATE for this error, without a source:
    /// what `From` gives, for a higher error that keeps this one underneath.
    pub fn boundary(&self) -> Error {
        use crate::error::ErrorKind;
        let e = self;
        let code = e.sqlstate().map(str::to_string);
        let mut err = match e {
            PgError::Connect {
                addr,
                db,
                user,
                source,
                ..
            } => {
                let said = source
                    .as_db_error()
                    .map(|d| d.message().to_string())
                    .unwrap_or_default();
                match e.refusal() {
                    Some(Refusal::TlsRequired) => Error::new(
                        ErrorKind::Connection,
                        format!("PostgreSQL at {addr} accepts only TLS connections: {said}"),
                    ),
                    Some(
                        Refusal::ClientCertRequired | Refusal::CertificateRejected | Refusal::Login,
                    ) => Error::new(
                        ErrorKind::Connection,
                        format!("PostgreSQL at {addr} refused user `{user}`: {said}"),
                    ),
                    Some(Refusal::NoDatabase) => Error::new(
                        ErrorKind::NotFound,
                        format!("database `{db}` does not exist on PostgreSQL at {addr}"),
                    ),
                    Some(Refusal::Other) => Error::new(
                        ErrorKind::Connection,
                        format!("PostgreSQL at {addr}: {said}"),
                    ),
                    Some(Refusal::NoAnswer) | None => {
                        Error::new(ErrorKind::Connection, crate::error::chain(e))
                    }
                }
            }
            // Its own words say it all; the handshake's wording underneath repeats it.
            PgError::Tls { .. } | PgError::LoginTimeout { .. } => {
                Error::new(ErrorKind::Connection, e.to_string())
            }
            PgError::TlsSetup(_) => Error::new(ErrorKind::Config, crate::error::chain(e)),
            PgError::Query { what, source } => match source.as_db_error() {
                Some(d) if d.code().code() == "42P01" => {
                    Error::new(ErrorKind::NotFound, format!("{what}: {}", d.message()))
                }
                Some(d) => Error::new(ErrorKind::Runtime, format!("{what}: {}", d.message())),
                None => Error::new(ErrorKind::Connection, format!("{what}: {source}")),
            },
        };
        err.code = code;
        err
    }
}
