//! Connection profiles: YAML files naming where PostgreSQL, Kafka, Redis and Kafka Connect
//! are, which topics exist, and how the local stack is run. Loading validates strictly
//! (file:line:column, nearest valid key for typos); `${VAR}` references are expanded from
//! the environment after parsing so secrets need not be written in files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres: Option<PostgresSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka: Option<KafkaSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redis: Option<RedisSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect: Option<ConnectSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<TopicSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infra: Option<InfraSection>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PostgresSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dbname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sslmode: Option<SslMode>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SslMode {
    Disable,
    #[default]
    Prefer,
    Require,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct KafkaSection {
    /// `host:port[,host:port]` or a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brokers: Option<StringOrList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The topic the producer writes to (the seed's `KAFKA_TOPIC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// librdkafka properties, e.g. `security.protocol: SASL_SSL`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Scalar>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum StringOrList {
    One(String),
    Many(Vec<String>),
}

impl StringOrList {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            StringOrList::One(s) => split_list(s),
            StringOrList::Many(v) => v.iter().flat_map(|s| split_list(s)).collect(),
        }
    }
}

pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// A YAML scalar kept as text (`linger.ms: 5` and `linger.ms: "5"` mean the same).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(transparent)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = serde_yaml::Value::deserialize(d)?;
        match v {
            serde_yaml::Value::String(s) => Ok(Scalar(s)),
            serde_yaml::Value::Number(n) => Ok(Scalar(n.to_string())),
            serde_yaml::Value::Bool(b) => Ok(Scalar(b.to_string())),
            _ => Err(serde::de::Error::custom(
                "expected a string, number or boolean",
            )),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RedisSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConnectSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TopicSpec {
    pub name: String,
    #[serde(default = "one")]
    pub partitions: i32,
    #[serde(default = "one")]
    pub replication_factor: i32,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub configs: BTreeMap<String, Scalar>,
}

fn one() -> i32 {
    1
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InfraSection {
    /// Where data directories, logs and pid records live (relative to the profile file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_dir: Option<String>,
    /// Which services `infra up` manages (default: all three).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ServiceName>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_engine: Option<KafkaEngine>,
    /// Apache Kafka: `kraft` (default when `kafka-storage` exists) or `zookeeper`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_mode: Option<KafkaMode>,
    /// Apache Kafka install directory (else `KAFKA_HOME`, else scripts on PATH).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_home: Option<String>,
    /// KRaft controller port (default: Kafka port + 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka_controller_port: Option<u16>,
    /// ZooKeeper port in ZooKeeper mode (default 2181).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zookeeper_port: Option<u16>,
    /// Seconds to wait for a service to answer after starting it (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_timeout_secs: Option<u64>,
    /// OS user that runs PostgreSQL when livedbctl runs as root (default `postgres`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres_os_user: Option<String>,
}

#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum ServiceName {
    Postgres,
    Kafka,
    Redis,
}

impl ServiceName {
    pub const ALL: [ServiceName; 3] = [
        ServiceName::Postgres,
        ServiceName::Kafka,
        ServiceName::Redis,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceName::Postgres => "postgres",
            ServiceName::Kafka => "kafka",
            ServiceName::Redis => "redis",
        }
    }
}

impl std::fmt::Display for ServiceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KafkaEngine {
    #[default]
    Auto,
    Apache,
    Redpanda,
    Tansu,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KafkaMode {
    Kraft,
    Zookeeper,
}

/// Where a profile came from.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileSource {
    pub name: String,
    /// `None` for the built-in `local` defaults when no file exists.
    pub path: Option<PathBuf>,
}

/// The directories searched for `<name>.yaml`, in order.
pub fn search_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        // The project's profiles: ./profiles, or the nearest ancestor that has one.
        for dir in cwd.ancestors() {
            let p = dir.join("profiles");
            if p.is_dir() {
                dirs.push(p);
                break;
            }
        }
    }
    if let Some(cfg) = user_config_dir() {
        dirs.push(cfg.join("profiles"));
    }
    dirs
}

/// `~/.config/livedbctl` (XDG on Linux, the platform's config dir elsewhere).
pub fn user_config_dir() -> Option<PathBuf> {
    if let Ok(x) = std::env::var("XDG_CONFIG_HOME") {
        if !x.is_empty() {
            return Some(PathBuf::from(x).join("livedbctl"));
        }
    }
    dirs::config_dir().map(|d| d.join("livedbctl"))
}

/// The profile chosen by `profile use`, if any.
pub fn current_profile_file() -> Option<PathBuf> {
    user_config_dir().map(|d| d.join("current-profile"))
}

pub fn read_current_profile() -> Option<String> {
    let p = current_profile_file()?;
    let s = std::fs::read_to_string(p).ok()?;
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Every profile found: (name, path), first occurrence of a name wins.
pub fn discover() -> Vec<(String, PathBuf)> {
    let mut seen = BTreeMap::new();
    for dir in search_dirs() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let Some(name) = profile_name_of(&p) else {
                continue;
            };
            seen.entry(name).or_insert(p);
        }
    }
    seen.into_iter().collect()
}

fn profile_name_of(p: &Path) -> Option<String> {
    let file = p.file_name()?.to_str()?;
    let stem = file
        .strip_suffix(".yaml")
        .or_else(|| file.strip_suffix(".yml"))?;
    // `neon.example.yaml` is a template to copy, not a profile.
    if stem.contains('.') {
        return None;
    }
    Some(stem.to_string())
}

/// Find a profile by name. The built-in `local` defaults stand in when no file exists.
pub fn locate(name: &str) -> Result<ProfileSource> {
    for dir in search_dirs() {
        for ext in ["yaml", "yml"] {
            let p = dir.join(format!("{name}.{ext}"));
            if p.is_file() {
                return Ok(ProfileSource {
                    name: name.to_string(),
                    path: Some(p),
                });
            }
        }
    }
    if name == "local" {
        return Ok(ProfileSource {
            name: name.to_string(),
            path: None,
        });
    }
    let known: Vec<String> = discover().into_iter().map(|(n, _)| n).collect();
    let mut err = Error::config(format!("unknown profile `{name}`"));
    err = if known.is_empty() {
        err.hint("no profiles found; create one with `livedbctl profile init NAME`")
    } else {
        err.hint(format!("known profiles: {}", known.join(", ")))
    };
    if let Some(near) = nearest(name, known.iter().map(String::as_str)) {
        err = err.hint(format!("did you mean `{near}`?"));
    }
    let searched: Vec<String> = search_dirs()
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    Err(err.hint(format!("searched: {}", searched.join(", "))))
}

/// Read, parse and validate a profile file, then expand `${VAR}` references.
pub fn load_file(path: &Path) -> Result<Profile> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::config(format!("cannot read profile {}: {e}", path.display()))
            .hint("check the path given to --config / LIVEDB_CONFIG")
    })?;
    let mut profile = parse(&text, &path.display().to_string())?;
    profile.expand_env(&path.display().to_string(), &|k| std::env::var(k).ok())?;
    profile.validate(&path.display().to_string())?;
    Ok(profile)
}

/// Parse profile text; errors name `origin:line:column` and suggest the nearest key.
pub fn parse(text: &str, origin: &str) -> Result<Profile> {
    if text.trim().is_empty() {
        return Ok(Profile::default());
    }
    serde_yaml::from_str::<Profile>(text).map_err(|e| yaml_error(&e, origin))
}

fn yaml_error(e: &serde_yaml::Error, origin: &str) -> Error {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; we put the location in front instead.
    let msg = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let at = match e.location() {
        Some(loc) => format!("{origin}:{}:{}", loc.line(), loc.column()),
        None => origin.to_string(),
    };
    let mut err = Error::config(format!("invalid profile {at}: {msg}"));
    if let Some((unknown, expected)) = parse_unknown_field(&msg) {
        if let Some(near) = nearest(&unknown, expected.iter().map(String::as_str)) {
            err = err.hint(format!("did you mean `{near}`?"));
        }
        err = err.hint(format!("valid keys here: {}", expected.join(", ")));
    } else if let Some((unknown, expected)) = parse_unknown_variant(&msg) {
        if let Some(near) = nearest(&unknown, expected.iter().map(String::as_str)) {
            err = err.hint(format!("did you mean `{near}`?"));
        }
    }
    err.hint("see `livedbctl profile init NAME` for a commented template")
}

/// From "x: unknown field `hots`, expected one of `url`, `host`" take the name and the list.
fn parse_unknown_field(msg: &str) -> Option<(String, Vec<String>)> {
    let rest = &msg[msg.find("unknown field `")? + "unknown field `".len()..];
    let name = rest[..rest.find('`')?].to_string();
    Some((name, backticked(&rest[rest.find('`')? + 1..])))
}

fn parse_unknown_variant(msg: &str) -> Option<(String, Vec<String>)> {
    let rest = &msg[msg.find("unknown variant `")? + "unknown variant `".len()..];
    let name = rest[..rest.find('`')?].to_string();
    Some((name, backticked(&rest[rest.find('`')? + 1..])))
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The closest candidate by edit distance, when it is close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Expand `${VAR}` and `${VAR:-default}` in one value.
pub fn expand(
    value: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| "unterminated `${` reference".to_string())?;
        let inner = &after[..end];
        let (name, default) = match inner.find(":-") {
            Some(i) => (&inner[..i], Some(&inner[i + 2..])),
            None => (inner, None),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`${{{inner}}}` is not a valid variable reference"));
        }
        match (lookup(name).filter(|v| !v.is_empty()), default) {
            (Some(v), _) => out.push_str(&v),
            (None, Some(d)) => out.push_str(d),
            (None, None) => return Err(format!("environment variable {name} is not set")),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

impl Profile {
    pub fn expand_env(
        &mut self,
        origin: &str,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> Result<()> {
        let fix = |key: &str, v: &mut String| -> Result<()> {
            *v = expand(v, lookup).map_err(|m| {
                Error::config(format!("profile {origin}: {key}: {m}")).hint(
                    "export the variable, or write the value (or `${VAR:-default}`) in the profile",
                )
            })?;
            Ok(())
        };
        let opt = |key: &str, v: &mut Option<String>| -> Result<()> {
            match v {
                Some(s) => fix(key, s),
                None => Ok(()),
            }
        };
        if let Some(pg) = &mut self.postgres {
            opt("postgres.url", &mut pg.url)?;
            opt("postgres.host", &mut pg.host)?;
            opt("postgres.dbname", &mut pg.dbname)?;
            opt("postgres.user", &mut pg.user)?;
            opt("postgres.password", &mut pg.password)?;
        }
        if let Some(k) = &mut self.kafka {
            match &mut k.brokers {
                Some(StringOrList::One(s)) => fix("kafka.brokers", s)?,
                Some(StringOrList::Many(v)) => {
                    for s in v {
                        fix("kafka.brokers", s)?;
                    }
                }
                None => {}
            }
            opt("kafka.client_id", &mut k.client_id)?;
            opt("kafka.topic", &mut k.topic)?;
            for (key, v) in k.properties.iter_mut() {
                fix(&format!("kafka.properties.{key}"), &mut v.0)?;
            }
        }
        if let Some(r) = &mut self.redis {
            opt("redis.url", &mut r.url)?;
        }
        if let Some(c) = &mut self.connect {
            opt("connect.url", &mut c.url)?;
        }
        if let Some(i) = &mut self.infra {
            opt("infra.state_dir", &mut i.state_dir)?;
            opt("infra.kafka_home", &mut i.kafka_home)?;
        }
        Ok(())
    }

    pub fn validate(&self, origin: &str) -> Result<()> {
        if let Some(topics) = &self.topics {
            let mut names = std::collections::BTreeSet::new();
            for t in topics {
                if t.name.trim().is_empty() {
                    return Err(Error::config(format!(
                        "profile {origin}: topics: a topic has an empty name"
                    )));
                }
                if !names.insert(&t.name) {
                    return Err(Error::config(format!(
                        "profile {origin}: topics: `{}` is declared twice",
                        t.name
                    )));
                }
                if t.partitions < 1 {
                    return Err(Error::config(format!(
                        "profile {origin}: topics.{}: partitions must be at least 1 (got {})",
                        t.name, t.partitions
                    )));
                }
                if t.replication_factor < 1 {
                    return Err(Error::config(format!(
                        "profile {origin}: topics.{}: replication_factor must be at least 1 (got {})",
                        t.name, t.replication_factor
                    )));
                }
            }
        }
        Ok(())
    }
}

pub const REDACTED: &str = "********";

pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "password",
        "secret",
        "jaas",
        "token",
        "ssl.key.pem",
        "private",
    ]
    .iter()
    .any(|s| k.contains(s))
}

/// `scheme://user:secret@host/...` -> `scheme://user:********@host/...`; also `password=` query params.
pub fn redact_url(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(scheme_end) = out.find("://") {
        let auth_start = scheme_end + 3;
        let rest = &out[auth_start..];
        let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
        if let Some(at) = rest[..auth_end].rfind('@') {
            let userinfo = &rest[..at];
            let redacted = match userinfo.find(':') {
                Some(colon) => format!("{}:{REDACTED}", &userinfo[..colon]),
                None => userinfo.to_string(),
            };
            out = format!("{}{}{}", &out[..auth_start], redacted, &rest[at..]);
        }
    }
    if let Some(q) = out.find('?') {
        let (base, query) = out.split_at(q + 1);
        let parts: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if is_secret_key(k) => format!("{k}={REDACTED}"),
                _ => kv.to_string(),
            })
            .collect();
        out = format!("{base}{}", parts.join("&"));
    }
    out
}

/// The commented template written by `profile init`.
pub fn template(name: &str) -> String {
    format!(
        r#"# livedbctl profile `{name}`.
# Values may reference the environment: ${{VAR}} or ${{VAR:-default}}.
# Precedence: command-line flag > environment variable > this file > built-in default.

postgres:
  # Either a URL (DATABASE_URL overrides it) ...
  # url: postgresql://livedb:${{DB_PASSWORD}}@127.0.0.1:5432/livedb?sslmode=disable
  # ... or the parts (DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, DB_SSL override them).
  host: 127.0.0.1
  port: 5432
  dbname: livedb
  user: livedb
  password: ${{DB_PASSWORD:-livedb}}
  sslmode: disable          # disable | prefer | require (hosted PostgreSQL such as Neon: require)

kafka:
  brokers: 127.0.0.1:9092   # KAFKA_BROKER overrides; a list or comma-separated
  client_id: livedbctl      # KAFKA_CLIENT_ID overrides
  topic: db_live_events     # KAFKA_TOPIC overrides: where `produce poll` writes
  properties: {{}}            # librdkafka properties, e.g. security.protocol: SASL_SSL

redis:
  url: redis://127.0.0.1:6379   # REDIS_URL overrides

# connect:
#   url: http://127.0.0.1:8083  # Kafka Connect REST API, for remote Debezium connectors

topics:                     # what `infra up` and `topic create` (no name) create
  - name: db_live_events
    partitions: 3
    replication_factor: 1
    configs:
      retention.ms: 604800000

infra:
  # state_dir: ../.livedb/{name}   # data, logs, pid records (relative to this file)
  services: [postgres, kafka, redis]
  kafka_engine: auto        # auto | apache | redpanda | tansu
  start_timeout_secs: 60
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_located_and_corrected() {
        let err = parse("postgres:\n  hots: x\n", "p.yaml").unwrap_err();
        assert!(
            err.message.starts_with("invalid profile p.yaml:2:3:"),
            "{}",
            err.message
        );
        assert!(
            err.hints.iter().any(|h| h == "did you mean `host`?"),
            "{:?}",
            err.hints
        );
    }

    #[test]
    fn wrong_type_is_located() {
        let err = parse("postgres:\n  port: abc\n", "p.yaml").unwrap_err();
        assert!(err.message.contains("p.yaml:2:9"), "{}", err.message);
    }

    #[test]
    fn env_references_expand_and_missing_ones_fail() {
        let lookup = |k: &str| (k == "A").then(|| "1".to_string());
        assert_eq!(expand("x${A}y", &lookup).unwrap(), "x1y");
        assert_eq!(expand("${B:-dflt}", &lookup).unwrap(), "dflt");
        assert!(expand("${B}", &lookup)
            .unwrap_err()
            .contains("B is not set"));
        assert!(expand("${A", &lookup).is_err());
    }

    #[test]
    fn urls_are_redacted() {
        assert_eq!(
            redact_url("postgresql://u:pw@h:5/db?sslmode=require"),
            "postgresql://u:********@h:5/db?sslmode=require"
        );
        assert_eq!(redact_url("redis://:pw@h:6379"), "redis://:********@h:6379");
        assert_eq!(
            redact_url("postgres://h/db?password=x&a=b"),
            "postgres://h/db?password=********&a=b"
        );
        assert_eq!(redact_url("redis://h:6379"), "redis://h:6379");
    }

    #[test]
    fn template_parses() {
        let p = parse(&template("x"), "t").unwrap();
        assert_eq!(p.topics.unwrap()[0].name, "db_live_events");
    }
}
