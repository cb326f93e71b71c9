//! Secrets never leave livedbctl: passwords, secret properties and passwords inside
//! connection strings are printed as `********`. This is the one redaction: every error,
//! log line, JSON field and snapshot that shows an address or a configuration calls it.
//!
//! - [`redact_conn`]: any connection string: a URL (`postgresql://`, `redis://`, Flink's
//!   and Kafka Connect's `http(s)://`, `jdbc:postgresql://`) or libpq's `key=value`
//!   conninfo. A URL's password is found whether the user percent-encoded it, as RFC 3986
//!   asks (`p%2Fa%3Fb%40c%23d`), or wrote it raw (`p/a?b@c#d`).
//! - [`redact_value`]: one `key: value` of a configuration (Kafka properties, a Kafka
//!   Connect config): the whole value when the key names a secret, else any connection
//!   string in it.
//! - [`redact_config`]: a JSON configuration map, value by value.

use serde_json::{Map, Value};

pub const REDACTED: &str = "********";

/// Whether a configuration key names a secret (`password`, `sasl.password`,
/// `database.password`, `sasl.jaas.config`, `ssl.key.pem`, `ssl.key.password`, a `*.key`,
/// ...).
pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "password",
        "passwd",
        "secret",
        "jaas",
        "token",
        "ssl.key.pem",
        "private",
        "credential",
    ]
    .iter()
    .any(|s| k.contains(s))
        || k.ends_with(".key")
}

/// A connection string with its secrets replaced: a URL's password and secret query
/// parameters (`?password=`), or the secret values of a `key=value` conninfo. Text that
/// is neither comes back unchanged.
pub fn redact_conn(s: &str) -> String {
    if is_url(s) {
        redact_url(s)
    } else if s.contains('=') {
        redact_conninfo(s)
    } else {
        s.to_string()
    }
}

/// One configuration entry's value as it may be shown.
pub fn redact_value(key: &str, value: &str) -> String {
    if is_secret_key(key) {
        REDACTED.to_string()
    } else {
        redact_conn(value)
    }
}

/// `scheme://...` (`jdbc:postgresql://` too), as opposed to conninfo that holds a URL in
/// one of its values.
fn is_url(s: &str) -> bool {
    s.find("://").is_some_and(|i| {
        i > 0
            && s[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | ':'))
    })
}

/// A JSON configuration map as it may be shown (a Kafka Connect config, say).
pub fn redact_config(config: &Map<String, Value>) -> Map<String, Value> {
    config
        .iter()
        .map(|(k, v)| {
            let shown = match v {
                Value::String(s) => Value::String(redact_value(k, s)),
                _ if is_secret_key(k) => Value::String(REDACTED.into()),
                other => other.clone(),
            };
            (k.clone(), shown)
        })
        .collect()
}

/// `scheme://user:secret@host/...` → `scheme://user:********@host/...`, and secret query
/// parameters (`password=`).
///
/// The password ends at the *last* `@` of the URL: RFC 3986 needs `/ ? # @` in it
/// percent-encoded, but users write them raw (`postgresql://u:p/w@h/db`), and libpq and
/// most clients then fail with a message that quotes the URL. When an `@` appears only in
/// the query (`?application_name=a@b`) of a URL with a port, more is hidden than needed:
/// showing less of an address is the price of never showing a password.
fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let auth_start = scheme_end + 3;
    let rest = &url[auth_start..];
    let (authority, tail) = match rest.rfind('@') {
        Some(at) => {
            let userinfo = &rest[..at];
            let user_end = userinfo.find([':', '/', '?', '#']);
            match user_end {
                // `user:password@`: the user is what comes before a delimiter.
                Some(i) if userinfo.as_bytes()[i] == b':' => {
                    (format!("{}:{REDACTED}@", &userinfo[..i]), &rest[at + 1..])
                }
                // No `:` before the first delimiter: no password in the authority (the
                // `@` is in the path or query).
                Some(_) => (String::new(), rest),
                // `user@host`: no password.
                None => (format!("{userinfo}@"), &rest[at + 1..]),
            }
        }
        None => (String::new(), rest),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let (query, fragment) = match query.split_once('#') {
                Some((q, f)) => (q, Some(f)),
                None => (query, None),
            };
            let parts: Vec<String> = query
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if is_secret_key(&percent_decode(k)) => {
                        format!("{k}={REDACTED}")
                    }
                    _ => kv.to_string(),
                })
                .collect();
            let mut t = format!("{path}?{}", parts.join("&"));
            if let Some(f) = fragment {
                t.push('#');
                t.push_str(f);
            }
            t
        }
        None => tail.to_string(),
    };
    format!("{}{authority}{tail}", &url[..auth_start])
}

/// libpq's `key = value ...` with the values of secret keys replaced; quoted values
/// (`'it\'s'`) and an unterminated quote (the rest is the value) are followed as libpq
/// reads them, and the rest of the text is kept as written.
fn redact_conninfo(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        // Whitespace, then a key up to `=` or whitespace.
        let start = i;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let key_start = i;
        while i < b.len() && b[i] != b'=' && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let key = &s[key_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            out.push_str(&s[start..i]);
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        out.push_str(&s[start..i]);
        let value_start = i;
        if i < b.len() && b[i] == b'\'' {
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = i.min(b.len());
        }
        let value = &s[value_start..i];
        if is_secret_key(key) {
            out.push_str(REDACTED);
        } else if is_url(value.trim_matches('\'')) {
            out.push_str(&redact_url(value));
        } else {
            out.push_str(value);
        }
    }
    out
}

/// `%XX` decoded (as bytes, then UTF-8 lossily); a `%` not followed by two hex digits
/// stays. The one decoder of URL parts (the redaction here, `settings::conninfo`).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_redacted() {
        assert_eq!(
            redact_conn("postgresql://u:pw@h:5/db?sslmode=require"),
            "postgresql://u:********@h:5/db?sslmode=require"
        );
        assert_eq!(
            redact_conn("redis://:pw@h:6379"),
            "redis://:********@h:6379"
        );
        assert_eq!(
            redact_conn("postgres://h/db?password=x&a=b"),
            "postgres://h/db?password=********&a=b"
        );
        assert_eq!(
            redact_conn("postgres://h/db?pass%77ord=x"),
            "postgres://h/db?pass%77ord=********"
        );
        assert_eq!(redact_conn("redis://h:6379"), "redis://h:6379");
        assert_eq!(redact_conn("http://u@h:8083"), "http://u@h:8083");
        assert_eq!(redact_conn("http://h:8083/x?a=b"), "http://h:8083/x?a=b");
        assert_eq!(redact_conn("http://h/x?a=b@c"), "http://h/x?a=b@c");
        assert_eq!(
            redact_conn("jdbc:postgresql://h:5/db?user=u&password=pw&sslmode=verify-full"),
            "jdbc:postgresql://h:5/db?user=u&password=********&sslmode=verify-full"
        );
    }

    /// A password with `/ ? @ #`, percent-encoded as RFC 3986 asks and raw as users write
    /// it, in every scheme livedbctl reads.
    #[test]
    fn passwords_with_delimiters_are_redacted_encoded_or_raw() {
        let secret_parts = ["hun", "ter2", "Pass", "word"];
        for (scheme, tail) in [
            ("postgresql", "h:5432/db?sslmode=require"),
            ("postgres", "h/db"),
            ("redis", "h:6379/0"),
            ("rediss", "h:6380"),
            ("http", "127.0.0.1:9"),
            ("https", "connect.example:8083/"),
        ] {
            for password in [
                "hun%2Fter2%3FPass%40word%23",
                "hun/ter2?Pass@word#",
                "hun#ter2@Pass?word/",
                "hun?ter2/Pass#word@",
                "hun@ter2@Pass@word",
                "hun:ter2:Pass:word",
            ] {
                let url = format!("{scheme}://admin:{password}@{tail}");
                let shown = redact_conn(&url);
                assert_eq!(
                    shown,
                    format!("{scheme}://admin:{REDACTED}@{tail}"),
                    "{url}"
                );
                for p in secret_parts {
                    assert!(!shown.contains(p), "{url} → {shown}");
                }
            }
        }
    }

    #[test]
    fn key_value_conninfo_is_redacted() {
        assert_eq!(
            redact_conn("host=h port=5 user=u password=kv-Hunter2 dbname=d"),
            format!("host=h port=5 user=u password={REDACTED} dbname=d")
        );
        assert_eq!(
            redact_conn("host = h password = 'it\\'s a /?@# secret' dbname=d"),
            format!("host = h password = {REDACTED} dbname=d")
        );
        // An unterminated quote: everything after it is the value.
        assert_eq!(
            redact_conn("host=h password='a b c dbname=d"),
            format!("host=h password={REDACTED}")
        );
        assert_eq!(
            redact_conn("password=a\\ b host=h"),
            format!("password={REDACTED} host=h")
        );
        assert_eq!(
            redact_conn("host=h sslmode=verify-full"),
            "host=h sslmode=verify-full"
        );
        assert_eq!(redact_conn("no equals here"), "no equals here");
        assert_eq!(
            redact_conn("host password=x"),
            format!("host password={REDACTED}")
        );
        // A URL inside conninfo is not the whole string's scheme.
        assert_eq!(
            redact_conn("password=kv-Hunter2 host=h options=http://a"),
            format!("password={REDACTED} host=h options=http://a")
        );
    }

    #[test]
    fn configuration_values_are_redacted_by_key_or_by_the_url_in_them() {
        assert_eq!(redact_value("sasl.password", "x"), REDACTED);
        assert_eq!(redact_value("sasl.jaas.config", "x"), REDACTED);
        assert_eq!(redact_value("database.password", "x"), REDACTED);
        assert_eq!(redact_value("ssl.key.pem", "x"), REDACTED);
        assert_eq!(redact_value("security.protocol", "SASL_SSL"), "SASL_SSL");
        assert_eq!(
            redact_value("connection.url", "jdbc:postgresql://h/db?password=pw"),
            format!("jdbc:postgresql://h/db?password={REDACTED}")
        );
        let m: Map<String, Value> = serde_json::from_str(
            r#"{"database.password": "pw", "database.port": 5432, "database.hostname": "h",
                "sink.url": "http://u:p/w@h:1"}"#,
        )
        .unwrap();
        let r = redact_config(&m);
        assert_eq!(r["database.password"], REDACTED);
        assert_eq!(r["database.port"], 5432);
        assert_eq!(r["database.hostname"], "h");
        assert_eq!(r["sink.url"], format!("http://u:{REDACTED}@h:1"));
    }
}
