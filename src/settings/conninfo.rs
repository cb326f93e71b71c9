//! The TLS parameters of a PostgreSQL connection string, read by livedbctl itself:
//! tokio-postgres knows only `disable|prefer|require` and no certificate files, so
//! `sslmode`, `sslrootcert`, `sslcert` and `sslkey` are taken out of a URL
//! (`postgresql://...?sslmode=verify-full&sslrootcert=ca.pem`) or a key/value string
//! (`host=db sslmode=verify-full`) before the rest is handed to tokio-postgres.

use crate::profile::percent_decode;

/// The parameters taken out.
pub const TLS_KEYS: [&str; 4] = ["sslmode", "sslrootcert", "sslcert", "sslkey"];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConninfoError {
    #[error("missing `=` after `{0}`")]
    MissingEquals(String),
    #[error("unterminated quoted value of `{0}`")]
    Unterminated(String),
}

/// `(the string without the TLS parameters, [(key, value)] of the TLS parameters)`.
pub fn split_tls_params(s: &str) -> Result<(String, Vec<(String, String)>), ConninfoError> {
    if s.starts_with("postgres://") || s.starts_with("postgresql://") {
        Ok(split_url(s))
    } else {
        split_key_values(s)
    }
}

fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let Some((head, query)) = url.split_once('?') else {
        return (url.to_string(), Vec::new());
    };
    let mut kept = Vec::new();
    let mut tls = Vec::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k);
        if TLS_KEYS.contains(&key.as_str()) {
            tls.push((key, percent_decode(v)));
        } else if !pair.is_empty() {
            kept.push(pair);
        }
    }
    let rest = if kept.is_empty() {
        head.to_string()
    } else {
        format!("{head}?{}", kept.join("&"))
    };
    (rest, tls)
}

/// libpq's `key = value` pairs: values may be single-quoted, `\` escapes the next character.
fn split_key_values(s: &str) -> Result<(String, Vec<(String, String)>), ConninfoError> {
    let mut chars = s.chars().peekable();
    let mut kept = Vec::new();
    let mut tls = Vec::new();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            break;
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(ConninfoError::MissingEquals(key));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    None => return Err(ConninfoError::Unterminated(key)),
                    Some('\'') => break,
                    Some('\\') => match chars.next() {
                        Some(c) => value.push(c),
                        None => return Err(ConninfoError::Unterminated(key)),
                    },
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        value.push(n);
                    }
                } else {
                    value.push(c);
                }
            }
        }
        if TLS_KEYS.contains(&key.as_str()) {
            tls.push((key, value));
        } else {
            let quoted = value.replace('\\', "\\\\").replace('\'', "\\'");
            kept.push(format!("{key}='{quoted}'"));
        }
    }
    Ok((kept.join(" "), tls))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn url_tls_parameters_are_taken_out_and_decoded() {
        let (rest, tls) = split_tls_params(
            "postgresql://u:p@h:5/db?sslmode=verify-full&channel_binding=require&sslrootcert=%2Ftmp%2Fca.pem",
        )
        .unwrap();
        assert_eq!(rest, "postgresql://u:p@h:5/db?channel_binding=require");
        assert_eq!(
            tls,
            pairs(&[("sslmode", "verify-full"), ("sslrootcert", "/tmp/ca.pem")])
        );
        let (rest, tls) = split_tls_params("postgres://h/db?sslmode=require").unwrap();
        assert_eq!((rest.as_str(), tls.len()), ("postgres://h/db", 1));
        assert_eq!(
            split_tls_params("postgres://h/db").unwrap(),
            ("postgres://h/db".to_string(), vec![])
        );
    }

    #[test]
    fn key_value_strings_keep_the_rest_quoted() {
        let (rest, tls) = split_tls_params(
            "host=db.example port = 5433 password='it\\'s' sslmode=verify-ca sslcert='/a b/c.pem'",
        )
        .unwrap();
        assert_eq!(rest, "host='db.example' port='5433' password='it\\'s'");
        assert_eq!(
            tls,
            pairs(&[("sslmode", "verify-ca"), ("sslcert", "/a b/c.pem")])
        );
        assert_eq!(
            split_tls_params("host"),
            Err(ConninfoError::MissingEquals("host".into()))
        );
        assert_eq!(
            split_tls_params("host='db"),
            Err(ConninfoError::Unterminated("host".into()))
        );
    }

    #[test]
    fn percent_signs_without_hex_stay() {
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        assert_eq!(percent_decode("%"), "%");
    }
}
