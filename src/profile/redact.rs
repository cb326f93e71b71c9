//! Secrets never leave livedbctl: passwords, secret librdkafka properties and passwords
//! inside URLs are printed as `********`.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
