//! TLS for PostgreSQL connections, with libpq's `sslmode` meanings, on rustls:
//!
//! | sslmode | encrypted | server certificate checked |
//! |---|---|---|
//! | `disable` | no | - |
//! | `prefer` | when the server offers it | no |
//! | `require` | yes | no |
//! | `verify-ca` | yes | signed by the CA in `sslrootcert` (a file: settings refuse it without one) |
//! | `verify-full` | yes | as `verify-ca`, and it names the host connected to |
//!
//! A client certificate (`sslcert` + `sslkey`) is sent when the server asks for one. Every
//! connection of livedbctl is made with [`connector`]; the replication connection of the
//! CDC engine reads the same [`PgSettings`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::profile::SslMode;
use crate::settings::{PgSettings, RootCert};

/// A certificate or key file that cannot be used, or no trusted roots to be found.
#[derive(Debug, thiserror::Error)]
pub enum TlsSetupError {
    #[error("cannot read the {what} {}", path.display())]
    Read {
        /// `root certificate file (sslrootcert)`, ...
        what: &'static str,
        path: PathBuf,
        #[source]
        source: rustls::pki_types::pem::Error,
    },
    #[error("the {what} {} holds no PEM certificate", path.display())]
    NoCertificate { what: &'static str, path: PathBuf },
    #[error("no trusted root certificates were found on this system")]
    NoSystemRoots,
    #[error("the client certificate {} and key {} cannot be used together", cert.display(), key.display())]
    ClientIdentity {
        cert: PathBuf,
        key: PathBuf,
        #[source]
        source: rustls::Error,
    },
    #[error("the trusted roots cannot be used")]
    Roots(#[source] rustls::server::VerifierBuilderError),
}

/// Why a TLS connection to PostgreSQL failed, in the words the operator needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsFailure {
    /// The certificate does not chain to a trusted root (or is otherwise not acceptable:
    /// expired, not yet valid, wrong purpose); `detail` says which.
    Untrusted { detail: String },
    /// The certificate is valid but for other names than the host connected to.
    NameMismatch { presented: Vec<String> },
    /// The server answered the TLS request with "no".
    ServerWithoutTls,
}

const ROOTS: &str = "root certificate file (sslrootcert)";
const CLIENT_CERT: &str = "client certificate file (sslcert)";
const CLIENT_KEY: &str = "client key file (sslkey)";

/// tokio-postgres's mode for ours: the verifying modes are `require` plus a verifier.
pub fn wire_mode(mode: SslMode) -> tokio_postgres::config::SslMode {
    match mode {
        SslMode::Disable => tokio_postgres::config::SslMode::Disable,
        SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
            tokio_postgres::config::SslMode::Require
        }
    }
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The TLS connector for `s` (also for `disable`: tokio-postgres then never uses it).
pub fn connector(s: &PgSettings) -> Result<MakeRustlsConnect, TlsSetupError> {
    Ok(MakeRustlsConnect::new(client_config(s)?))
}

/// The rustls configuration for `s`: verifier by sslmode, roots, client certificate.
pub fn client_config(s: &PgSettings) -> Result<ClientConfig, TlsSetupError> {
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions");
    let verifier: Arc<dyn ServerCertVerifier> = if s.sslmode.verifies() {
        let roots = Arc::new(root_store(&s.sslrootcert)?);
        let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
            .build()
            .map_err(TlsSetupError::Roots)?;
        if s.sslmode == SslMode::VerifyCa {
            Arc::new(IssuerOnly(webpki))
        } else {
            webpki
        }
    } else {
        Arc::new(Unchecked(provider))
    };
    let builder = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    match (&s.sslcert, &s.sslkey) {
        (Some(cert), Some(key)) => {
            let chain = read_certs(cert, CLIENT_CERT)?;
            let private =
                PrivateKeyDer::from_pem_file(key).map_err(|source| TlsSetupError::Read {
                    what: CLIENT_KEY,
                    path: key.clone(),
                    source,
                })?;
            builder
                .with_client_auth_cert(chain, private)
                .map_err(|source| TlsSetupError::ClientIdentity {
                    cert: cert.clone(),
                    key: key.clone(),
                    source,
                })
        }
        _ => Ok(builder.with_no_client_auth()),
    }
}

fn read_certs(
    path: &Path,
    what: &'static str,
) -> Result<Vec<CertificateDer<'static>>, TlsSetupError> {
    let read_err = |source| TlsSetupError::Read {
        what,
        path: path.to_path_buf(),
        source,
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(read_err)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(read_err)?;
    if certs.is_empty() {
        return Err(TlsSetupError::NoCertificate {
            what,
            path: path.to_path_buf(),
        });
    }
    Ok(certs)
}

fn root_store(roots: &RootCert) -> Result<RootCertStore, TlsSetupError> {
    let mut store = RootCertStore::empty();
    match roots {
        RootCert::File(path) => {
            let (added, _) = store.add_parsable_certificates(read_certs(path, ROOTS)?);
            if added == 0 {
                return Err(TlsSetupError::NoCertificate {
                    what: ROOTS,
                    path: path.clone(),
                });
            }
        }
        RootCert::System => {
            // Unreadable entries of the system store are skipped, as OpenSSL skips them.
            let found = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(found.certs);
            if store.is_empty() {
                return Err(TlsSetupError::NoSystemRoots);
            }
        }
    }
    Ok(store)
}

/// `verify-ca`: the chain must lead to a trusted root; the names in it are not compared
/// with the host. (webpki checks the chain before the name, so a name error means the
/// chain passed.)
#[derive(Debug)]
struct IssuerOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for IssuerOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `prefer` / `require`: encrypted, certificate not checked (libpq's meaning). The
/// handshake's own signatures are still verified, so the session key belongs to whoever
/// holds the certificate's key.
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// What a failed connection says about TLS, if anything.
pub fn classify(e: &tokio_postgres::Error) -> Option<TlsFailure> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        let inner = c
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|i| i as &(dyn std::error::Error + 'static))
            .unwrap_or(c);
        if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
            return Some(match tls {
                rustls::Error::InvalidCertificate(CertificateError::NotValidForNameContext {
                    presented,
                    ..
                }) => TlsFailure::NameMismatch {
                    presented: presented.iter().map(|p| plain_name(p)).collect(),
                },
                rustls::Error::InvalidCertificate(CertificateError::NotValidForName) => {
                    TlsFailure::NameMismatch {
                        presented: Vec::new(),
                    }
                }
                rustls::Error::InvalidCertificate(ce) => TlsFailure::Untrusted {
                    detail: describe(ce),
                },
                _ => return None,
            });
        }
        if c.to_string() == "server does not support TLS" {
            return Some(TlsFailure::ServerWithoutTls);
        }
        cause = c.source();
    }
    None
}

/// rustls writes the names a certificate presents as `DnsName("db.example")`; the name.
fn plain_name(presented: &str) -> String {
    match presented
        .strip_prefix("DnsName(\"")
        .and_then(|r| r.strip_suffix("\")"))
    {
        Some(name) => name.to_string(),
        None => presented.to_string(),
    }
}

fn describe(e: &CertificateError) -> String {
    match e {
        CertificateError::UnknownIssuer => "it is not signed by a trusted root".into(),
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            "it has expired".into()
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            "it is not valid yet".into()
        }
        CertificateError::BadSignature => "its signature does not verify".into(),
        CertificateError::Revoked => "it has been revoked".into(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifying_modes_travel_as_require() {
        use tokio_postgres::config::SslMode as W;
        assert_eq!(wire_mode(SslMode::VerifyFull), W::Require);
        assert_eq!(wire_mode(SslMode::VerifyCa), W::Require);
        assert_eq!(wire_mode(SslMode::Prefer), W::Prefer);
        assert_eq!(wire_mode(SslMode::Disable), W::Disable);
    }

    #[test]
    fn presented_names_are_plain() {
        assert_eq!(plain_name("DnsName(\"localhost\")"), "localhost");
        assert_eq!(plain_name("IpAddress(1.2.3.4)"), "IpAddress(1.2.3.4)");
    }

    #[test]
    fn a_missing_root_file_is_named() {
        let err = root_store(&RootCert::File("/nonexistent/ca.pem".into())).unwrap_err();
        assert!(
            err.to_string()
                .contains("root certificate file (sslrootcert) /nonexistent/ca.pem"),
            "{err}"
        );
    }
}
