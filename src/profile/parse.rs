//! Reading a profile: strict YAML (file:line:column, the nearest valid key for a typo),
//! `${VAR}` expansion from the environment, and validation.

use super::{Profile, ProfileError, StringOrList};
use crate::error::{Error, Result};

/// Parse profile text; errors name `origin:line:column` and suggest the nearest key.
pub fn parse(text: &str, origin: &str) -> Result<Profile> {
    if text.trim().is_empty() {
        return Ok(Profile::default());
    }
    serde_yaml::from_str::<Profile>(text).map_err(|e| yaml_error(&e, origin).into())
}

fn yaml_error(e: &serde_yaml::Error, origin: &str) -> ProfileError {
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
    let (near, valid_keys) = if let Some((unknown, expected)) = parse_unknown_field(&msg) {
        let near = nearest(&unknown, expected.iter().map(String::as_str)).map(str::to_string);
        (near, Some(expected))
    } else if let Some((unknown, expected)) = parse_unknown_variant(&msg) {
        let near = nearest(&unknown, expected.iter().map(String::as_str)).map(str::to_string);
        (near, None)
    } else {
        (None, None)
    };
    ProfileError::Invalid {
        at,
        message: msg,
        near,
        valid_keys,
    }
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
            *v = expand(v, lookup).map_err(|reason| ProfileError::Unexpanded {
                origin: origin.to_string(),
                key: key.to_string(),
                reason,
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
            opt("postgres.sslrootcert", &mut pg.sslrootcert)?;
            opt("postgres.sslcert", &mut pg.sslcert)?;
            opt("postgres.sslkey", &mut pg.sslkey)?;
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
            opt("connect.home", &mut c.home)?;
            opt("connect.plugin_path", &mut c.plugin_path)?;
        }
        if let Some(i) = &mut self.infra {
            opt("infra.state_dir", &mut i.state_dir)?;
            opt("infra.kafka_home", &mut i.kafka_home)?;
        }
        if let Some(f) = &mut self.flink {
            opt("flink.url", &mut f.url)?;
            opt("flink.sql_gateway_url", &mut f.sql_gateway_url)?;
            opt("flink.home", &mut f.home)?;
            opt("flink.runner_jar", &mut f.runner_jar)?;
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
        let typed = err
            .source
            .as_deref()
            .and_then(|s| s.downcast_ref::<ProfileError>());
        assert!(
            matches!(typed, Some(ProfileError::Invalid { near: Some(n), .. }) if n == "host"),
            "{typed:?}"
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
}
