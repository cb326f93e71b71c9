//! Resolving `Settings` from its sources, in order: built-in default, then the profile
//! file, then the environment (flags arrive folded into `Overrides` and the profile).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::address::split_host_port;
use super::{
    conninfo, ConnectSettings, FlinkSettings, InfraSettings, KafkaSettings, PgSettings,
    RedisSettings, RootCert, Settings, SettingsError, DEFAULT_TOPIC,
};
use crate::error::{Error, Result};
use crate::profile::{self, Profile, ProfileSource, ServiceName, SslMode, TopicSpec};

impl RootCert {
    fn parse(value: &str, base: Option<&Path>) -> RootCert {
        if value == "system" {
            RootCert::System
        } else {
            RootCert::File(absolutize(&relative_to(base, Path::new(value))))
        }
    }
}

/// Global choices from the command line that feed resolution.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub profile: Option<String>,
    pub config: Option<PathBuf>,
}

/// The environment, read once in `main` and passed in (tests pass their own).
pub type Env = BTreeMap<String, String>;

pub fn read_env() -> Env {
    std::env::vars().collect()
}

/// Which profile to use, and where it is. `--config`/`--profile` arrive with
/// LIVEDB_CONFIG/LIVEDB_PROFILE already folded in by clap.
pub fn select_profile(ov: &Overrides) -> Result<ProfileSource> {
    if let Some(path) = ov.config.clone() {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("custom")
            .to_string();
        if !path.is_file() {
            return Err(SettingsError::NoProfileFile(path).into());
        }
        return Ok(ProfileSource {
            name,
            path: Some(path),
        });
    }
    let name = ov
        .profile
        .clone()
        .or_else(profile::read_current_profile)
        .unwrap_or_else(|| "local".to_string());
    profile::locate(&name)
}

pub fn resolve(ov: &Overrides, env: &Env) -> Result<Settings> {
    let source = select_profile(ov)?;
    let prof = match &source.path {
        Some(p) => profile::load_file(p)?,
        None => Profile::default(),
    };
    resolve_from(source, prof, env)
}

fn env_get<'a>(env: &'a Env, key: &str) -> Option<&'a String> {
    env.get(key).filter(|v| !v.is_empty())
}

pub fn resolve_from(source: ProfileSource, prof: Profile, env: &Env) -> Result<Settings> {
    let origin = source
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "built-in profile `local`".into());

    // --- PostgreSQL: defaults, then profile (url, then parts), then env (url, then parts).
    let mut pg = PgSettings {
        host: "127.0.0.1".into(),
        port: 5432,
        dbname: "livedb".into(),
        user: "livedb".into(),
        password: Some("livedb".into()),
        sslmode: SslMode::Disable,
        sslrootcert: RootCert::System,
        sslcert: None,
        sslkey: None,
    };
    // An explicit root certificate file turns `require` into `verify-ca`, as in libpq.
    let mut explicit_root = false;
    let ppg = prof.postgres.clone().unwrap_or_default();
    let base = source
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .map(Path::to_path_buf);
    if let Some(url) = &ppg.url {
        explicit_root |= apply_pg_url(&mut pg, url)
            .map_err(|e| e.context(format!("profile {origin}: postgres.url")))?;
    }
    if let Some(h) = ppg.host {
        pg.host = h;
    }
    if let Some(p) = ppg.port {
        pg.port = p;
    }
    if let Some(d) = ppg.dbname {
        pg.dbname = d;
    }
    if let Some(u) = ppg.user {
        pg.user = u;
    }
    if ppg.password.is_some() {
        pg.password = ppg.password;
    }
    if let Some(s) = ppg.sslmode {
        pg.sslmode = s;
    }
    // Certificate paths in a profile are relative to the profile file, like state_dir.
    if let Some(r) = &ppg.sslrootcert {
        pg.sslrootcert = RootCert::parse(r, base.as_deref());
        explicit_root = true;
    }
    let file = |p: &str| absolutize(&relative_to(base.as_deref(), Path::new(p)));
    if let Some(c) = &ppg.sslcert {
        pg.sslcert = Some(file(c));
    }
    if let Some(k) = &ppg.sslkey {
        pg.sslkey = Some(file(k));
    }
    // libpq's own variables, for operators who have them set already.
    if let Some(m) = env_get(env, "PGSSLMODE") {
        pg.sslmode = SslMode::parse(m).ok_or_else(|| SettingsError::PgSslMode(m.clone()))?;
    }
    if let Some(r) = env_get(env, "PGSSLROOTCERT") {
        pg.sslrootcert = RootCert::parse(r, None);
        explicit_root = true;
    }
    if let Some(c) = env_get(env, "PGSSLCERT") {
        pg.sslcert = Some(absolutize(Path::new(c)));
    }
    if let Some(k) = env_get(env, "PGSSLKEY") {
        pg.sslkey = Some(absolutize(Path::new(k)));
    }
    if let Some(url) = env_get(env, "DATABASE_URL") {
        explicit_root |= apply_pg_url(&mut pg, url)
            .map_err(|e| e.context("environment variable DATABASE_URL"))?;
    }
    if let Some(h) = env_get(env, "DB_HOST") {
        pg.host = h.clone();
    }
    if let Some(p) = env_get(env, "DB_PORT") {
        pg.port = p.parse().map_err(|_| {
            Error::config(format!(
                "environment variable DB_PORT: `{p}` is not a port number"
            ))
        })?;
    }
    if let Some(d) = env_get(env, "DB_NAME") {
        pg.dbname = d.clone();
    }
    if let Some(u) = env_get(env, "DB_USER") {
        pg.user = u.clone();
    }
    if let Some(p) = env.get("DB_PASSWORD") {
        pg.password = Some(p.clone());
    }
    if let Some(s) = env_get(env, "DB_SSL") {
        pg.sslmode = match s.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => SslMode::Require,
            "0" | "false" | "no" | "off" => SslMode::Disable,
            other => {
                SslMode::parse(other).ok_or_else(|| SettingsError::DbSsl(other.to_string()))?
            }
        };
    }
    if pg.sslmode == SslMode::Require && explicit_root && pg.sslrootcert != RootCert::System {
        pg.sslmode = SslMode::VerifyCa;
    }
    if pg.sslmode == SslMode::VerifyCa && pg.sslrootcert == RootCert::System {
        return Err(SettingsError::VerifyCaWithoutRoot(origin.to_string()).into());
    }
    if pg.sslcert.is_some() != pg.sslkey.is_some() {
        let (given, missing) = if pg.sslcert.is_some() {
            ("sslcert", "sslkey")
        } else {
            ("sslkey", "sslcert")
        };
        return Err(SettingsError::HalfClientCert {
            origin: origin.to_string(),
            given,
            missing,
        }
        .into());
    }

    // --- Kafka
    let pk = prof.kafka.clone().unwrap_or_default();
    let mut kafka = KafkaSettings {
        brokers: pk
            .brokers
            .map(|b| b.to_vec())
            .unwrap_or_else(|| vec!["127.0.0.1:9092".into()]),
        client_id: pk.client_id.unwrap_or_else(|| "livedbctl".into()),
        topic: pk.topic.unwrap_or_else(|| DEFAULT_TOPIC.into()),
        properties: pk.properties.into_iter().map(|(k, v)| (k, v.0)).collect(),
    };
    if let Some(b) = env_get(env, "KAFKA_BROKER") {
        kafka.brokers = profile::split_list(b);
    }
    if let Some(c) = env_get(env, "KAFKA_CLIENT_ID") {
        kafka.client_id = c.clone();
    }
    if let Some(t) = env_get(env, "KAFKA_TOPIC") {
        kafka.topic = t.clone();
    }
    if kafka.brokers.is_empty() {
        return Err(SettingsError::NoBrokers(origin.to_string()).into());
    }
    for b in &kafka.brokers {
        split_host_port(b).map_err(|e| e.context(format!("profile {origin}: kafka.brokers")))?;
    }

    // --- Redis, Connect
    let mut redis = RedisSettings {
        url: prof
            .redis
            .as_ref()
            .and_then(|r| r.url.clone())
            .unwrap_or_else(|| "redis://127.0.0.1:6379".into()),
    };
    if let Some(u) = env_get(env, "REDIS_URL") {
        redis.url = u.clone();
    }

    // --- Topics: the profile's, else the seed's one topic; and the topic the producer
    // writes to (kafka.topic, KAFKA_TOPIC) always among them, shaped like the profile's
    // first topic, so `infra up`, `demo` and `topic create` create it.
    let mut topics = prof.topics.clone().unwrap_or_default();
    if !topics.iter().any(|t| t.name == kafka.topic) {
        let (partitions, replication_factor) = topics
            .first()
            .map(|t| (t.partitions, t.replication_factor))
            .unwrap_or((3, 1));
        topics.push(TopicSpec {
            name: kafka.topic.clone(),
            partitions,
            replication_factor,
            configs: BTreeMap::new(),
        });
    }

    // --- Infra
    let pi = prof.infra.clone().unwrap_or_default();
    let state_dir = match (env_get(env, "LIVEDB_STATE_DIR"), &pi.state_dir) {
        (Some(d), _) => PathBuf::from(d),
        (None, Some(d)) => relative_to(base.as_deref(), Path::new(d)),
        (None, None) => default_state_root(env).join(&source.name),
    };
    let state_dir = absolutize(&state_dir);
    let kafka_home = pi
        .kafka_home
        .as_ref()
        .map(|h| relative_to(base.as_deref(), Path::new(h)))
        .or_else(|| env_get(env, "KAFKA_HOME").map(PathBuf::from));
    let mut services = pi
        .services
        .clone()
        .unwrap_or_else(|| ServiceName::DEFAULT.to_vec());
    services.sort();
    services.dedup();
    let infra = InfraSettings {
        state_dir,
        services,
        kafka_engine: pi.kafka_engine.unwrap_or_default(),
        kafka_mode: pi.kafka_mode,
        kafka_home,
        kafka_controller_port: pi.kafka_controller_port,
        zookeeper_port: pi.zookeeper_port.unwrap_or(2181),
        start_timeout: Duration::from_secs(pi.start_timeout_secs.unwrap_or(60)),
        postgres_os_user: pi.postgres_os_user.unwrap_or_else(|| "postgres".into()),
    };

    // --- Connect: named by a URL, or by `connect` among the services `infra up` starts.
    let pc = prof.connect.clone().unwrap_or_default();
    let connect_url = pc
        .url
        .clone()
        .or_else(|| env_get(env, "CONNECT_URL").cloned());
    let connect =
        (connect_url.is_some() || infra.services.contains(&ServiceName::Connect)).then(|| {
            ConnectSettings {
                url: connect_url.unwrap_or_else(|| "http://127.0.0.1:8083".into()),
                home: env_get(env, "CONNECT_HOME").map(PathBuf::from).or_else(|| {
                    pc.home
                        .as_ref()
                        .map(|h| absolutize(&relative_to(base.as_deref(), Path::new(h))))
                }),
                plugin_path: pc
                    .plugin_path
                    .as_ref()
                    .map(|h| absolutize(&relative_to(base.as_deref(), Path::new(h)))),
                mode: pc.mode.unwrap_or_default(),
                group_id: pc
                    .group_id
                    .clone()
                    .unwrap_or_else(|| "livedbctl-connect".into()),
                heap: pc.heap.clone().unwrap_or_else(|| "768m".into()),
            }
        });

    // --- Flink: env beats the profile.
    let pf = prof.flink.clone().unwrap_or_default();
    let flink_url = env_get(env, "FLINK_URL").cloned().or(pf.url);
    let flink = FlinkSettings {
        named: flink_url.is_some() || infra.services.contains(&ServiceName::Flink),
        url: flink_url.unwrap_or_else(|| "http://127.0.0.1:8081".into()),
        sql_gateway_url: pf.sql_gateway_url,
        home: env_get(env, "FLINK_HOME").map(PathBuf::from).or_else(|| {
            pf.home
                .as_ref()
                .map(|h| absolutize(&relative_to(base.as_deref(), Path::new(h))))
        }),
        runner_jar: pf
            .runner_jar
            .as_ref()
            .map(|j| absolutize(&relative_to(base.as_deref(), Path::new(j)))),
    };

    let alerts = prof
        .alerts
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, rule)| {
            crate::alert_rules::parse(rule).map_err(|source| SettingsError::AlertRule {
                origin: origin.to_string(),
                index: i + 1,
                source,
            })
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;

    Ok(Settings {
        profile: source,
        postgres: pg,
        kafka,
        redis,
        connect,
        topics,
        infra,
        flink,
        alerts,
    })
}

fn default_state_root(env: &Env) -> PathBuf {
    if let Some(x) = env_get(env, "XDG_DATA_HOME") {
        return PathBuf::from(x).join("livedbctl");
    }
    dirs::data_local_dir()
        .map(|d| d.join("livedbctl"))
        .unwrap_or_else(|| PathBuf::from(".livedb"))
}

fn relative_to(base: Option<&Path>, p: &Path) -> PathBuf {
    match base {
        Some(b) if p.is_relative() => b.join(p),
        _ => p.to_path_buf(),
    }
}

fn absolutize(p: &Path) -> PathBuf {
    if p.is_absolute() {
        return p.to_path_buf();
    }
    std::env::current_dir()
        .map(|c| c.join(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// Take host, port, dbname, user, password and the TLS settings from a PostgreSQL URL
/// (`postgresql://...?sslmode=...`) or key/value string (`host=... sslmode=...`). True when
/// it names a root certificate.
fn apply_pg_url(pg: &mut PgSettings, url: &str) -> Result<bool> {
    use std::str::FromStr;
    let bad = |e: &dyn std::fmt::Display| {
        Error::from(SettingsError::NotPostgresUrl {
            url: profile::redact_conn(url),
            reason: e.to_string(),
        })
    };
    // The TLS parameters are ours to read (tokio-postgres knows only three sslmodes and no
    // certificate files); the rest goes to tokio-postgres.
    let (rest, tls) = conninfo::split_tls_params(url).map_err(|e| bad(&e))?;
    let cfg = tokio_postgres::Config::from_str(&rest).map_err(|e| bad(&e))?;
    if let Some(tokio_postgres::config::Host::Tcp(h)) = cfg.get_hosts().first() {
        // A password with a raw `@` (or `#`, `/`, `?`) is read up to its first `@`, and the
        // rest of it becomes the "host": never connect to, or show, that.
        if h.contains(['@', '#', '/', '?']) {
            return Err(bad(&"a `/`, `?`, `@` or `#` in the user name or password must be percent-encoded (%2F, %3F, %40, %23)"));
        }
        pg.host = h.clone();
    }
    if let Some(p) = cfg.get_ports().first() {
        pg.port = *p;
    }
    if let Some(d) = cfg.get_dbname() {
        pg.dbname = d.to_string();
    }
    if let Some(u) = cfg.get_user() {
        pg.user = u.to_string();
    }
    if let Some(p) = cfg.get_password() {
        pg.password = Some(String::from_utf8_lossy(p).into_owned());
    }
    let mut explicit_root = false;
    for (key, value) in tls {
        match key.as_str() {
            "sslmode" => {
                pg.sslmode = SslMode::parse(&value).ok_or_else(|| {
                    bad(&format!(
                        "`{value}` is not an sslmode (use one of {})",
                        SslMode::NAMES
                    ))
                })?
            }
            "sslrootcert" => {
                pg.sslrootcert = RootCert::parse(&value, None);
                explicit_root = true;
            }
            "sslcert" => pg.sslcert = Some(absolutize(Path::new(&value))),
            "sslkey" => pg.sslkey = Some(absolutize(Path::new(&value))),
            _ => {}
        }
    }
    Ok(explicit_root)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> ProfileSource {
        ProfileSource {
            name: "t".into(),
            path: None,
        }
    }

    #[test]
    fn a_raw_at_sign_in_a_url_password_is_refused_without_showing_it() {
        let prof = profile::parse(
            "postgres:\n  url: \"postgresql://u:Ab/Cd?Ef@Gh#Ij@127.0.0.1:5/db\"\n",
            "t",
        )
        .unwrap();
        let e = resolve_from(src(), prof, &Env::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains("percent-encoded"), "{e}");
        for piece in ["Ab", "Cd", "Ef", "Gh", "Ij"] {
            assert!(!e.contains(piece), "{piece} in {e}");
        }
        let prof = profile::parse(
            "postgres:\n  url: \"postgresql://u:Ab%2FCd%3FEf%40Gh%23Ij@127.0.0.1:5/db\"\n",
            "t",
        )
        .unwrap();
        let s = resolve_from(src(), prof, &Env::new()).unwrap();
        assert_eq!(s.postgres.password.as_deref(), Some("Ab/Cd?Ef@Gh#Ij"));
        assert_eq!(s.postgres.host, "127.0.0.1");
    }

    #[test]
    fn env_beats_profile_beats_default() {
        let prof = profile::parse("postgres:\n  host: db.example\n  port: 6000\n", "t").unwrap();
        let mut env = Env::new();
        env.insert("DB_PORT".into(), "7000".into());
        let s = resolve_from(src(), prof, &env).unwrap();
        assert_eq!(s.postgres.host, "db.example");
        assert_eq!(s.postgres.port, 7000);
        assert_eq!(s.postgres.dbname, "livedb");
    }

    #[test]
    fn database_url_and_db_ssl() {
        let mut env = Env::new();
        env.insert(
            "DATABASE_URL".into(),
            "postgresql://neon:pw@ep-x.neon.tech:5433/app?sslmode=require".into(),
        );
        let s = resolve_from(src(), Profile::default(), &env).unwrap();
        assert_eq!(
            (
                s.postgres.host.as_str(),
                s.postgres.port,
                s.postgres.user.as_str()
            ),
            ("ep-x.neon.tech", 5433, "neon")
        );
        assert_eq!(s.postgres.sslmode, SslMode::Require);
        assert_eq!(s.postgres.password.as_deref(), Some("pw"));
        env.insert("DB_SSL".into(), "false".into());
        let s = resolve_from(src(), Profile::default(), &env).unwrap();
        assert_eq!(s.postgres.sslmode, SslMode::Disable);
    }

    #[test]
    fn tls_settings_resolve_like_libpq() {
        let file = ProfileSource {
            name: "t".into(),
            path: Some(PathBuf::from("/etc/livedb/t.yaml")),
        };
        let prof = profile::parse(
            "postgres:\n  sslmode: require\n  sslrootcert: ca.pem\n  sslcert: c.crt\n  sslkey: c.key\n",
            "t",
        )
        .unwrap();
        let s = resolve_from(file.clone(), prof, &Env::new()).unwrap();
        // An explicit root file makes `require` check the issuer, as in libpq.
        assert_eq!(s.postgres.sslmode, SslMode::VerifyCa);
        assert_eq!(
            s.postgres.sslrootcert,
            RootCert::File("/etc/livedb/ca.pem".into())
        );
        assert_eq!(s.postgres.sslkey, Some(PathBuf::from("/etc/livedb/c.key")));

        let mut env = Env::new();
        env.insert("PGSSLMODE".into(), "verify-full".into());
        env.insert("PGSSLROOTCERT".into(), "system".into());
        let s = resolve_from(src(), Profile::default(), &env).unwrap();
        assert_eq!(s.postgres.sslmode, SslMode::VerifyFull);
        assert_eq!(s.postgres.sslrootcert, RootCert::System);

        env.insert(
            "DATABASE_URL".into(),
            "postgresql://u@h/db?sslmode=require&sslrootcert=system".into(),
        );
        let s = resolve_from(src(), Profile::default(), &env).unwrap();
        assert_eq!(
            s.postgres.sslmode,
            SslMode::Require,
            "system roots do not upgrade require"
        );
        // verify-ca needs a root certificate file: the system's roots would take any
        // publicly trusted certificate for any name.
        env.insert("DB_SSL".into(), "verify-ca".into());
        let e = resolve_from(src(), Profile::default(), &env).unwrap_err();
        assert!(
            e.to_string()
                .contains("sslmode=verify-ca needs sslrootcert"),
            "{e}"
        );
        env.insert(
            "DATABASE_URL".into(),
            "postgresql://u@h/db?sslrootcert=/etc/livedb/ca.pem".into(),
        );
        let s = resolve_from(src(), Profile::default(), &env).unwrap();
        assert_eq!(s.postgres.sslmode, SslMode::VerifyCa);
        env.insert("PGSSLMODE".into(), "verify".into());
        assert!(resolve_from(src(), Profile::default(), &env).is_err());
    }

    #[test]
    fn kafka_env_and_topics_default() {
        let mut env = Env::new();
        env.insert("KAFKA_BROKER".into(), "a:1,b:2".into());
        env.insert("KAFKA_TOPIC".into(), "events".into());
        let s = resolve_from(src(), Profile::default(), &env).unwrap();
        assert_eq!(s.kafka.brokers, vec!["a:1", "b:2"]);
        assert_eq!(s.topics[0].name, "events");
        assert_eq!(s.topics.len(), 1);
        // A producer topic the profile does not list joins its topics, shaped like them.
        let prof = profile::parse(
            "topics:\n  - name: orders\n    partitions: 6\n    replication_factor: 3\n",
            "t",
        )
        .unwrap();
        let s = resolve_from(src(), prof, &env).unwrap();
        let names: Vec<(&str, i32, i32)> = s
            .topics
            .iter()
            .map(|t| (t.name.as_str(), t.partitions, t.replication_factor))
            .collect();
        assert_eq!(names, [("orders", 6, 3), ("events", 6, 3)]);
        env.insert("KAFKA_BROKER".into(), "nohostport".into());
        assert!(resolve_from(src(), Profile::default(), &env).is_err());
    }

    #[test]
    fn serialized_settings_hide_secrets() {
        let mut env = Env::new();
        env.insert("DB_PASSWORD".into(), "hunter2".into());
        env.insert("REDIS_URL".into(), "redis://:hunter2@h:1".into());
        let s = resolve_from(src(), Profile::default(), &env).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("hunter2"), "{json}");
    }

    #[test]
    fn flink_env_beats_the_profile() {
        let prof = profile::parse(
            "flink:\n  url: http://flink:8081\n  home: /opt/flink\n  sql_gateway_url: http://gw:8083\n",
            "t",
        )
        .unwrap();
        let s = resolve_from(src(), prof.clone(), &Env::new()).unwrap();
        assert_eq!(s.flink.url, "http://flink:8081");
        assert_eq!(s.flink.home, Some(PathBuf::from("/opt/flink")));
        assert_eq!(s.flink.sql_gateway_url.as_deref(), Some("http://gw:8083"));
        let mut env = Env::new();
        env.insert("FLINK_URL".into(), "http://other:9081".into());
        env.insert("FLINK_HOME".into(), "/srv/flink".into());
        let s = resolve_from(src(), prof, &env).unwrap();
        assert_eq!(s.flink.url, "http://other:9081");
        assert_eq!(s.flink.home, Some(PathBuf::from("/srv/flink")));
        assert!(s.flink.named);
        let s = resolve_from(src(), Profile::default(), &Env::new()).unwrap();
        assert_eq!(s.flink.url, "http://127.0.0.1:8081");
        assert!(
            !s.flink.named,
            "the default URL is not a cluster anyone named"
        );
    }
}
