//! PostgreSQL connections (tokio-postgres, TLS for hosted servers) and the schema.

pub mod connection_loss;
pub mod conninfo;
pub mod copy;
pub mod migrate;
pub mod tls;

use std::time::Duration;

use crate::error::{Error, Result};
use crate::profile::SslMode;
use crate::settings::PgSettings;

pub fn config(s: &PgSettings, dbname: Option<&str>) -> tokio_postgres::Config {
    let mut c = tokio_postgres::Config::new();
    c.host(&s.host)
        .port(s.port)
        .user(&s.user)
        .dbname(dbname.unwrap_or(&s.dbname))
        .application_name("livedbctl")
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

/// What went wrong with PostgreSQL, keeping the client's error as the source. The command
/// layer (`commands/errors.rs`) picks the kind from the SQLSTATE and adds the hints.
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
