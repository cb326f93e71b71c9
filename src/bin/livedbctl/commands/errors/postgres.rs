//! Hints for PostgreSQL: connecting, TLS, statements.

use super::one;
use crate::pg::tls::TlsFailure;
use crate::pg::{PgError, Refusal};

/// Where an operator sets `sslmode`, named in hints.
const SSL_WHERE: &str =
    "postgres.sslmode in the profile, PGSSLMODE, DB_SSL, or ?sslmode= in DATABASE_URL";

/// Where an operator names the trusted roots, named in hints.
const ROOT_WHERE: &str =
    "postgres.sslrootcert in the profile, PGSSLROOTCERT, or ?sslrootcert= in DATABASE_URL";

pub fn pg(e: &PgError) -> Vec<String> {
    match e {
        PgError::Connect { user, .. } => match e.refusal() {
            Some(Refusal::TlsRequired) => one(format!(
                "the server requires TLS: set sslmode=require (encrypts) or sslmode=verify-full with sslrootcert=CA.pem (also checks the server); {SSL_WHERE}"
            )),
            Some(Refusal::ClientCertRequired) => one(
                "the server wants a client certificate: set postgres.sslcert and postgres.sslkey (or PGSSLCERT/PGSSLKEY, or ?sslcert=&sslkey= in DATABASE_URL)",
            ),
            Some(Refusal::CertificateRejected) => one(format!(
                "the client certificate's common name (CN) must be the user name `{user}` (or be mapped to it in pg_ident.conf)"
            )),
            Some(Refusal::Login) => {
                one("check the password (profile postgres.password, DB_PASSWORD or DATABASE_URL)")
            }
            Some(Refusal::NoDatabase) => {
                one("create it, or run `livedbctl infra up` for the local stack")
            }
            Some(Refusal::Other) => Vec::new(),
            Some(Refusal::NoAnswer) | None => one(
                "is it running? `livedbctl infra up` starts the local stack; `livedbctl infra status` shows it",
            ),
        },
        PgError::Tls {
            sslmode,
            failure,
            host,
            ..
        } => match failure {
            // Never a weaker sslmode: each hint keeps the check the profile asked for.
            TlsFailure::Untrusted { .. } => one(format!(
                "trust the CA that signed the server's certificate: sslrootcert=/path/to/ca.pem (your provider documents it); {ROOT_WHERE}"
            )),
            TlsFailure::NameMismatch { .. } => one(format!(
                "connect by a name the certificate holds (postgres.host, now `{host}`; through a tunnel, map that name to the tunnel's end, e.g. in /etc/hosts), or have the server's certificate issued for `{host}`"
            )),
            TlsFailure::ServerWithoutTls => one(format!(
                "turn TLS on at the server (ssl = on, with a certificate) or connect to one that has it: sslmode={} does not fall back to an unencrypted connection",
                sslmode.as_str()
            )),
        },
        PgError::LoginTimeout { .. } => one(
            "is that a PostgreSQL server? check postgres.host and postgres.port; `livedbctl infra status` shows what runs",
        ),
        PgError::TlsSetup(_) => one(format!(
            "check the certificate files: postgres.sslrootcert, sslcert and sslkey in the profile; {ROOT_WHERE}"
        )),
        PgError::Query { source, .. } => match source.as_db_error() {
            Some(d) => {
                let mut hints = Vec::new();
                if d.code().code() == "42P01" {
                    hints.push(
                        "apply the schema with `livedbctl db migrate` (or `livedbctl infra up`)"
                            .to_string(),
                    );
                }
                hints.extend(d.detail().map(str::to_string));
                hints
            }
            None => Vec::new(),
        },
    }
}
