//! PostgreSQL TLS with libpq's modes, against a real server that accepts only TLS
//! (`hostssl` lines alone in pg_hba.conf) and certificates made here: a test CA signs the
//! server's certificate (for `localhost` only) and a client certificate (`certuser`,
//! which logs in with `cert` authentication); a second CA signs nothing the server shows.
//! These tests have a PostgreSQL of their own (`postgres_stack`), since they turn TLS on for
//! the whole server.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use crate::harness::*;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};

struct Tls {
    stack: &'static Stack,
    /// The CA that signed the server's and the client's certificates.
    ca: PathBuf,
    /// A CA that signed nothing the server presents.
    other_ca: PathBuf,
    client_cert: PathBuf,
    client_key: PathBuf,
}

fn ca(name: &str) -> (CertificateParams, KeyPair) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    (params, key)
}

fn leaf(names: &[&str], cn: &str, issuer: &Issuer<'_, KeyPair>) -> (String, String) {
    let key = KeyPair::generate().unwrap();
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let mut params = CertificateParams::new(names).unwrap();
    params.distinguished_name.push(DnType::CommonName, cn);
    let cert = params.signed_by(&key, issuer).unwrap();
    (cert.pem(), key.serialize_pem())
}

/// Write `text` to `path`, owned by `owner` (the server's user when tests run as root).
fn write_owned(path: &Path, text: &str, mode: u32, owner: (u32, u32)) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    std::os::unix::fs::chown(path, Some(owner.0), Some(owner.1)).unwrap();
}

/// psql with `sslmode` against the TLS server as the stack's user: Ok(output) or Err(stderr).
fn psql(stack: &Stack, sslmode: &str, sql: &str) -> Result<String, String> {
    let out = stack
        .psql_client("livedb")
        .args(["-AtX", "-c", sql])
        .env("PGSSLMODE", sslmode)
        .output()
        .expect("psql");
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The stack's PostgreSQL with TLS on and every TCP login required to use it.
fn tls() -> &'static Tls {
    static TLS: OnceLock<Tls> = OnceLock::new();
    TLS.get_or_init(|| {
        let stack = postgres_stack();
        let data = stack.postgres_data_dir();
        let owner = {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(&data).unwrap();
            (m.uid(), m.gid())
        };
        let (ca_params, ca_key) = ca("livedbctl test CA");
        let ca_pem = ca_params.self_signed(&ca_key).unwrap().pem();
        let issuer = Issuer::new(ca_params, ca_key);
        let (other_params, other_key) = ca("some other CA");
        let other_pem = other_params.self_signed(&other_key).unwrap().pem();
        let (server_cert, server_key) = leaf(&["localhost"], "localhost", &issuer);
        let (client_cert, client_key) = leaf(&[], "certuser", &issuer);

        let server_dir = data.join("tls");
        std::fs::create_dir_all(&server_dir).unwrap();
        std::os::unix::fs::chown(&server_dir, Some(owner.0), Some(owner.1)).unwrap();
        write_owned(&server_dir.join("server.crt"), &server_cert, 0o644, owner);
        write_owned(&server_dir.join("server.key"), &server_key, 0o600, owner);
        write_owned(&server_dir.join("ca.crt"), &ca_pem, 0o644, owner);
        write_owned(
            &data.join("pg_hba.conf"),
            "local all all trust\n\
             hostssl all certuser 127.0.0.1/32 cert\n\
             hostssl all certuser ::1/128 cert\n\
             hostssl all all 127.0.0.1/32 scram-sha-256\n\
             hostssl all all ::1/128 scram-sha-256\n",
            0o600,
            owner,
        );

        let client = stack.root.join("tls-client");
        std::fs::create_dir_all(&client).unwrap();
        let file = |name: &str, text: &str, mode: u32| {
            let p = client.join(name);
            write_owned(&p, text, mode, me());
            p
        };
        let tls = Tls {
            stack,
            ca: file("ca.pem", &ca_pem, 0o644),
            other_ca: file("other-ca.pem", &other_pem, 0o644),
            client_cert: file("client.crt", &client_cert, 0o644),
            client_key: file("client.key", &client_key, 0o600),
        };
        let dir = server_dir.display();
        psql(stack, "disable", "CREATE ROLE certuser LOGIN").unwrap();
        for (key, value) in [
            ("ssl", "on".to_string()),
            ("ssl_cert_file", format!("{dir}/server.crt")),
            ("ssl_key_file", format!("{dir}/server.key")),
            ("ssl_ca_file", format!("{dir}/ca.crt")),
        ] {
            psql(
                stack,
                "disable",
                &format!("ALTER SYSTEM SET {key} = '{value}'"),
            )
            .unwrap();
        }
        psql(stack, "disable", "SELECT pg_reload_conf()").unwrap();
        wait_for(
            "the server to take TLS connections only",
            Duration::from_secs(60),
            || {
                psql(
                    stack,
                    "require",
                    "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                )
                .is_ok_and(|v| v == "t")
                    && psql(stack, "disable", "SELECT 1").is_err()
            },
        );
        tls
    })
}

/// This process's user and group (client-side files stay ours).
fn me() -> (u32, u32) {
    (
        nix::unistd::getuid().as_raw(),
        nix::unistd::getgid().as_raw(),
    )
}

/// A profile for database `livedb` on the TLS server; `postgres_extra` is more YAML under
/// `postgres:` (sslmode, certificates).
fn profile(name: &str, host: &str, user: &str, postgres_extra: &str) -> (PathBuf, PathBuf) {
    let t = tls();
    let dir = t.stack.root.join("tls-profiles").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(
        &path,
        format!(
            "postgres:\n  host: {host}\n  port: {port}\n  dbname: livedb\n  user: {user}\n  password: {pw}\n{postgres_extra}",
            port = t.stack.pg_port,
            pw = t.stack.password,
        ),
    )
    .unwrap();
    (dir, path)
}

/// `livedbctl --config PROFILE ARGS` with extra environment.
fn livedb(profile: &(PathBuf, PathBuf), env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut c = livedbctl(&profile.0);
    c.arg("--config").arg(&profile.1).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    run(c)
}

/// The server confirms the session is encrypted.
const SSL_IN_USE: &str = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

#[test]
fn verify_full_with_the_right_ca_connects() {
    let t = tls();
    let p = profile(
        "full_ok",
        "localhost",
        PG_USER,
        &format!(
            "  sslmode: verify-full\n  sslrootcert: {}\n",
            t.ca.display()
        ),
    );
    let r = livedb(&p, &[], &["-o", "json", "db", "status"]).ok();
    assert!(r.json()["database"].as_str().unwrap().ends_with("/livedb"));
    let r = livedb(&p, &[], &["-o", "json", "profile", "show"]).ok();
    let v = r.json();
    assert_eq!(v["postgres"]["sslmode"], "verify-full");
    assert_eq!(v["postgres"]["sslrootcert"], t.ca.display().to_string());
}

#[test]
fn an_untrusted_certificate_is_refused_naming_sslrootcert() {
    let t = tls();
    for (name, extra) in [
        (
            "untrusted_file",
            format!(
                "  sslmode: verify-full\n  sslrootcert: {}\n",
                t.other_ca.display()
            ),
        ),
        // No sslrootcert: the system's roots, which do not hold the test CA.
        ("untrusted_system", "  sslmode: verify-full\n".to_string()),
    ] {
        let p = profile(name, "localhost", PG_USER, &extra);
        let r = livedb(&p, &[], &["db", "status"]).code(1);
        assert!(
            r.stderr.contains("certificate is not trusted")
                && r.stderr.contains("not signed by a trusted root")
                && r.stderr.contains("sslrootcert=/path/to/ca.pem")
                // Never a weaker mode.
                && !r.stderr.contains("sslmode=require"),
            "{name}: {}",
            r.stderr
        );
        let r = livedb(&p, &[], &["-o", "json", "db", "status"]).code(1);
        let err: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
        assert_eq!(err["error"]["kind"], "connection");
    }
}

#[test]
fn a_host_name_mismatch_is_refused_and_verify_ca_accepts_it() {
    let t = tls();
    // The certificate names `localhost`; connecting to 127.0.0.1 does not match it.
    let full = profile(
        "mismatch_full",
        "127.0.0.1",
        PG_USER,
        &format!(
            "  sslmode: verify-full\n  sslrootcert: {}\n",
            t.ca.display()
        ),
    );
    let r = livedb(&full, &[], &["db", "status"]).code(1);
    assert!(
        r.stderr
            .contains("certificate is not valid for `127.0.0.1` (it names localhost)")
            && !r.stderr.contains("DnsName")
            && r.stderr.contains("connect by a name the certificate holds")
            // Never a weaker mode.
            && !r.stderr.contains("verify-ca"),
        "{}",
        r.stderr
    );
    let ca_only = profile(
        "mismatch_ca",
        "127.0.0.1",
        PG_USER,
        &format!("  sslmode: verify-ca\n  sslrootcert: {}\n", t.ca.display()),
    );
    livedb(&ca_only, &[], &["db", "status"]).ok();
    // verify-ca still checks who signed it.
    let wrong_ca = profile(
        "mismatch_ca_wrong",
        "127.0.0.1",
        PG_USER,
        &format!(
            "  sslmode: verify-ca\n  sslrootcert: {}\n",
            t.other_ca.display()
        ),
    );
    let r = livedb(&wrong_ca, &[], &["db", "status"]).code(1);
    assert!(r.stderr.contains("not trusted"), "{}", r.stderr);
}

#[test]
fn require_encrypts_without_checking_and_disable_is_told_to_use_it() {
    let _ = tls();
    let require = profile("require", "127.0.0.1", PG_USER, "  sslmode: require\n");
    livedb(&require, &[], &["db", "status"]).ok();
    let disable = profile("disable", "127.0.0.1", PG_USER, "  sslmode: disable\n");
    let r = livedb(&disable, &[], &["db", "status"]).code(1);
    assert!(
        r.stderr.contains("accepts only TLS connections")
            && r.stderr
                .contains("the server requires TLS: set sslmode=require")
            && !r.stderr.contains("check the password"),
        "{}",
        r.stderr
    );
    // libpq's rule: `require` with a root certificate file checks it, as verify-ca.
    let t = tls();
    let require_root = profile(
        "require_root",
        "127.0.0.1",
        PG_USER,
        &format!(
            "  sslmode: require\n  sslrootcert: {}\n",
            t.other_ca.display()
        ),
    );
    let r = livedb(&require_root, &[], &["db", "status"]).code(1);
    assert!(r.stderr.contains("sslmode=verify-ca"), "{}", r.stderr);
}

#[test]
fn a_client_certificate_logs_in_with_cert_authentication() {
    let t = tls();
    let with_cert = profile(
        "client_cert",
        "localhost",
        "certuser",
        &format!(
            "  sslmode: verify-full\n  sslrootcert: {}\n  sslcert: {}\n  sslkey: {}\n",
            t.ca.display(),
            t.client_cert.display(),
            t.client_key.display()
        ),
    );
    // The login is what is tested (no password is used): the probe of `infra status`.
    let r = livedb(
        &with_cert,
        &[],
        &[
            "-o", "json", "infra", "status", "--only", "postgres", "--check",
        ],
    )
    .ok();
    assert_eq!(r.json()["services"][0]["state"], "external");
    let without = profile(
        "client_cert_missing",
        "localhost",
        "certuser",
        &format!(
            "  sslmode: verify-full\n  sslrootcert: {}\n",
            t.ca.display()
        ),
    );
    let r = livedb(&without, &[], &["db", "status"]).code(1);
    assert!(
        r.stderr
            .contains("set postgres.sslcert and postgres.sslkey"),
        "{}",
        r.stderr
    );
    // Half a client identity is a configuration error, before any connection.
    let half = profile(
        "client_cert_half",
        "localhost",
        "certuser",
        &format!(
            "  sslmode: verify-full\n  sslcert: {}\n",
            t.client_cert.display()
        ),
    );
    let r = livedb(&half, &[], &["db", "status"]).code(2);
    assert!(r.stderr.contains("sslcert is set without"), "{}", r.stderr);
}

#[test]
fn database_url_and_pgsslrootcert_carry_the_tls_settings() {
    let t = tls();
    let bare = profile("url", "127.0.0.1", PG_USER, "");
    let url = format!(
        "postgresql://{PG_USER}:{pw}@localhost:{port}/livedb?sslmode=verify-full&sslrootcert={ca}",
        pw = t.stack.password,
        port = t.stack.pg_port,
        ca = t.ca.display()
    );
    let r = livedb(
        &bare,
        &[("DATABASE_URL", &url)],
        &["-o", "json", "db", "status"],
    )
    .ok();
    assert!(r.json()["database"].as_str().unwrap().ends_with("/livedb"));
    // The same with the root certificate from libpq's variable, and key/value syntax.
    let kv = format!(
        "host=localhost port={port} dbname=livedb user={PG_USER} password={pw} sslmode=verify-full",
        pw = t.stack.password,
        port = t.stack.pg_port,
    );
    let ca = t.ca.display().to_string();
    livedb(
        &bare,
        &[("DATABASE_URL", &kv), ("PGSSLROOTCERT", &ca)],
        &["db", "status"],
    )
    .ok();
    // A mode libpq does not know is refused with the list.
    let r = livedb(
        &bare,
        &[("DATABASE_URL", "postgresql://h/db?sslmode=verify")],
        &["db", "status"],
    )
    .code(2);
    assert!(r.stderr.contains("verify-full"), "{}", r.stderr);
}

#[test]
fn every_connection_is_encrypted_under_verify_full() {
    // Migrations, the seed writer and the replication check go through the one connector:
    // a TLS-only server answering them shows it.
    let t = tls();
    let p = profile(
        "migrate",
        "localhost",
        PG_USER,
        &format!(
            "  sslmode: verify-full\n  sslrootcert: {}\n",
            t.ca.display()
        ),
    );
    livedb(&p, &[], &["db", "migrate"]).ok();
    assert_eq!(psql(t.stack, "require", SSL_IN_USE).unwrap(), "t");
    livedb(&p, &[], &["db", "replication", "check"]);
    livedb(&p, &[], &["seed", "burst", "--once"]).ok();
}

#[test]
fn verify_ca_without_a_root_file_is_refused_naming_sslrootcert() {
    let t = tls();
    // The test CA as the "system" roots (rustls-native-certs reads SSL_CERT_FILE): with them
    // verify-ca would take a certificate for any name, here `localhost` for 127.0.0.1.
    let system = [("SSL_CERT_FILE", t.ca.to_str().unwrap())];
    let refused = |r: Run| {
        assert!(
            r.stderr.contains("sslmode=verify-ca needs sslrootcert"),
            "{}",
            r.stderr
        );
        assert!(
            !r.stderr.contains("sslmode=require") && !r.stderr.contains("prefer"),
            "a weaker mode suggested: {}",
            r.stderr
        );
    };
    for (name, extra) in [
        ("ca_no_root", "  sslmode: verify-ca\n"),
        ("ca_system", "  sslmode: verify-ca\n  sslrootcert: system\n"),
    ] {
        let p = profile(name, "127.0.0.1", PG_USER, extra);
        refused(livedb(&p, &system, &["db", "status"]).code(2));
    }
    // From libpq's variables and from a URL too.
    let plain = profile("ca_env", "127.0.0.1", PG_USER, "");
    refused(
        livedb(
            &plain,
            &[system[0], ("PGSSLMODE", "verify-ca")],
            &["db", "status"],
        )
        .code(2),
    );
    let url = format!(
        "postgresql://{PG_USER}:{}@127.0.0.1:{}/livedb?sslmode=verify-ca",
        t.stack.password, t.stack.pg_port
    );
    refused(
        livedb(
            &plain,
            &[system[0], ("DATABASE_URL", &url)],
            &["db", "status"],
        )
        .code(2),
    );
    // With the CA's file it connects (a name mismatch is what verify-ca allows).
    let with_file = profile(
        "ca_file",
        "127.0.0.1",
        PG_USER,
        &format!("  sslmode: verify-ca\n  sslrootcert: {}\n", t.ca.display()),
    );
    livedb(&with_file, &[], &["db", "status"]).ok();
    // verify-full on the system's roots stays allowed: it checks the name.
    let full = profile(
        "full_system",
        "localhost",
        PG_USER,
        "  sslmode: verify-full\n",
    );
    livedb(&full, &system, &["db", "status"]).ok();
}

/// The job file `stream plan` turns into Flink SQL: one window into PostgreSQL.
fn jdbc_job(dir: &Path) -> PathBuf {
    let job = dir.join("job.yaml");
    std::fs::write(
        &job,
        "name: tls-job\nsource: {topic: tls_events}\ngroup_by: [id]\nwindow: {tumble: 1m}\n\
         aggregates: {n: count}\nsinks:\n  - postgres: {table: tls_windows}\n",
    )
    .unwrap();
    job
}

/// The `url` of the jdbc sink in `stream plan`'s statements.
fn planned_jdbc_url(p: &(PathBuf, PathBuf)) -> String {
    let job = jdbc_job(&p.0);
    let plan = livedb(
        p,
        &[],
        &["-o", "json", "stream", "plan", job.to_str().unwrap()],
    )
    .ok()
    .json();
    let statements = plan["statements"].to_string();
    let start = statements
        .find("jdbc:postgresql://")
        .unwrap_or_else(|| panic!("no jdbc URL in {statements}"));
    statements[start..].split('\'').next().unwrap().to_string()
}

/// Connect with pgjdbc (`tests/support/JdbcCheck.java`): Ok(`ssl=true`) or Err(its message).
fn pgjdbc(url: &str, password: &str) -> Result<String, String> {
    let jar = Path::new("/usr/share/java/postgresql.jar");
    assert!(
        jar.is_file(),
        "pgjdbc is not installed: run scripts/setup.sh (libpostgresql-jdbc-java)"
    );
    let home = temp_dir("pgjdbc-home");
    let out = std::process::Command::new("java")
        .arg("-cp")
        .arg(jar)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/JdbcCheck.java"))
        .args([url, PG_USER, password])
        .env("HOME", &*home)
        .env("JAVA_TOOL_OPTIONS", TEST_JVM_OPTIONS)
        .output()
        .expect("run java");
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn the_flink_jdbc_url_carries_the_profiles_tls_and_pgjdbc_checks_it() {
    let t = tls();
    let pw = t.stack.password.clone();
    let ca = format!("  sslrootcert: {}\n", t.ca.display());
    // verify-full with the CA that signed the server's certificate: pgjdbc connects, encrypted.
    let full = profile(
        "jdbc_full",
        "localhost",
        PG_USER,
        &format!("  sslmode: verify-full\n{ca}"),
    );
    let url = planned_jdbc_url(&full);
    assert_eq!(
        url,
        format!(
            "jdbc:postgresql://localhost:{}/livedb?sslmode=verify-full&sslrootcert={}",
            t.stack.pg_port,
            t.ca.display()
        )
    );
    assert_eq!(pgjdbc(&url, &pw).as_deref(), Ok("ssl=true"));
    // The same mode by 127.0.0.1, which the certificate does not name: pgjdbc refuses, so
    // the host name is checked (before, the URL had no sslmode and pgjdbc took `prefer`).
    let by_ip = profile(
        "jdbc_full_ip",
        "127.0.0.1",
        PG_USER,
        &format!("  sslmode: verify-full\n{ca}"),
    );
    let err = pgjdbc(&planned_jdbc_url(&by_ip), &pw).unwrap_err();
    assert!(err.contains("127.0.0.1"), "{err}");
    // A CA that signed nothing the server shows: refused, so the root is the one given.
    let other = profile(
        "jdbc_full_other",
        "localhost",
        PG_USER,
        &format!(
            "  sslmode: verify-full\n  sslrootcert: {}\n",
            t.other_ca.display()
        ),
    );
    let err = pgjdbc(&planned_jdbc_url(&other), &pw).unwrap_err();
    assert!(err.contains("PKIX") || err.contains("certificat"), "{err}");
    // verify-ca with the CA: the name is not compared, the signer is.
    let ca_only = profile(
        "jdbc_ca",
        "127.0.0.1",
        PG_USER,
        &format!("  sslmode: verify-ca\n{ca}"),
    );
    let url = planned_jdbc_url(&ca_only);
    assert!(url.contains("?sslmode=verify-ca&sslrootcert="), "{url}");
    assert_eq!(pgjdbc(&url, &pw).as_deref(), Ok("ssl=true"));
    // require: encrypted (the server takes nothing else), as the profile says.
    let require = profile("jdbc_require", "127.0.0.1", PG_USER, "  sslmode: require\n");
    let url = planned_jdbc_url(&require);
    assert!(url.ends_with("?sslmode=require"), "{url}");
    assert_eq!(pgjdbc(&url, &pw).as_deref(), Ok("ssl=true"));
}
