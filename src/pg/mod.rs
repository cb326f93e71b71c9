//! PostgreSQL connections (tokio-postgres, TLS for hosted servers) and the schema.

pub mod connection_loss;
pub mod migrate;

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
        .ssl_mode(match s.sslmode {
            SslMode::Disable => tokio_postgres::config::SslMode::Disable,
            SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
            SslMode::Require => tokio_postgres::config::SslMode::Require,
        });
    if let Some(p) = &s.password {
        c.password(p);
    }
    c
}

/// Connect to the profile's database (or `dbname`), spawning the connection driver.
pub async fn connect_db(s: &PgSettings, dbname: Option<&str>) -> Result<tokio_postgres::Client> {
    let cfg = config(s, dbname);
    let db = dbname.unwrap_or(&s.dbname);
    let result = if s.sslmode == SslMode::Disable {
        cfg.connect(tokio_postgres::NoTls)
            .await
            .map(|(client, conn)| {
                tokio::spawn(conn);
                client
            })
    } else {
        // Like libpq's `sslmode=require`: encrypt, without verifying the certificate chain.
        let tls = native_tls::TlsConnector::builder()
            .danger_accept_invalid_certs(true)
            .build()
            .map_err(|e| Error::internal(format!("cannot set up TLS: {e}")))?;
        let tls = postgres_native_tls::MakeTlsConnector::new(tls);
        cfg.connect(tls).await.map(|(client, conn)| {
            tokio::spawn(conn);
            client
        })
    };
    result.map_err(|e| connect_error(s, db, e))
}

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
        #[source]
        source: tokio_postgres::Error,
    },
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
            PgError::Connect { source, .. } | PgError::Query { source, .. } => source,
        };
        e.as_db_error().map(|d| d.code().code())
    }
}

/// A connection failure as an error that names the server.
pub fn connect_error(s: &PgSettings, db: &str, e: tokio_postgres::Error) -> Error {
    PgError::Connect {
        addr: format!("{}:{}", s.host, s.port),
        db: db.to_string(),
        user: s.user.clone(),
        source: e,
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
