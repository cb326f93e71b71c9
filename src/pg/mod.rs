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
    result.map_err(|e| connect_error(s, db, &e))
}

pub async fn connect(s: &PgSettings) -> Result<tokio_postgres::Client> {
    connect_db(s, None).await
}

/// Turn a connection failure into words that name the server and the fix.
pub fn connect_error(s: &PgSettings, db: &str, e: &tokio_postgres::Error) -> Error {
    let addr = format!("{}:{}", s.host, s.port);
    if let Some(db_err) = e.as_db_error() {
        let code = db_err.code().code().to_string();
        let err = match code.as_str() {
            "28P01" | "28000" => Error::connection(format!(
                "PostgreSQL at {addr} refused user `{}`: {}",
                s.user,
                db_err.message()
            ))
            .hint("check the password (profile postgres.password, DB_PASSWORD or DATABASE_URL)"),
            "3D000" => Error::not_found(format!(
                "database `{db}` does not exist on PostgreSQL at {addr}"
            ))
            .hint("create it, or run `livedbctl infra up` for the local stack"),
            _ => Error::connection(format!("PostgreSQL at {addr}: {}", db_err.message())),
        };
        return err.with_code(code);
    }
    let mut msg = e.to_string();
    if let Some(src) = std::error::Error::source(e) {
        msg = format!("{msg}: {src}");
    }
    Error::connection(format!("cannot connect to PostgreSQL at {addr} (database `{db}`): {msg}"))
        .hint("is it running? `livedbctl infra up` starts the local stack; `livedbctl infra status` shows it")
}

/// Map a query error to an error that keeps SQLSTATE and names what was running.
pub fn query_error(what: &str, e: tokio_postgres::Error) -> Error {
    match e.as_db_error() {
        Some(db) => {
            let code = db.code().code().to_string();
            let mut err = if code == "42P01" {
                Error::not_found(format!("{what}: {}", db.message()))
                    .hint("apply the schema with `livedbctl db migrate` (or `livedbctl infra up`)")
            } else {
                Error::runtime(format!("{what}: {}", db.message()))
            };
            if let Some(d) = db.detail() {
                err = err.hint(d.to_string());
            }
            err.with_code(code)
        }
        None => Error::connection(format!("{what}: {e}")),
    }
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
