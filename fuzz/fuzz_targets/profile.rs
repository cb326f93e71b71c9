//! Profile YAML with `${VAR}` expansion, then resolution into Settings (which parses a
//! PostgreSQL URL or key/value string, `DATABASE_URL`, brokers, the Redis URL). Input:
//! `YAML \0 DATABASE_URL`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::{profile, settings, split};

fuzz_target!(|data: &[u8]| {
    let (yaml, url) = split(data);
    let Ok(text) = std::str::from_utf8(yaml) else {
        return;
    };
    let lookup = |k: &str| match k {
        "SET" => Some("value".to_string()),
        "EMPTY" => Some(String::new()),
        "PORT" => Some("5432".to_string()),
        _ => None,
    };
    let _ = profile::expand(text, &lookup);
    let Ok(mut prof) = profile::parse(text, "fuzz.yaml") else {
        return;
    };
    if prof.expand_env("fuzz.yaml", &lookup).is_err() || prof.validate("fuzz.yaml").is_err() {
        return;
    }
    let mut env = settings::Env::new();
    if let Ok(u) = std::str::from_utf8(url) {
        env.insert("DATABASE_URL".into(), u.to_string());
    }
    let source = profile::ProfileSource {
        name: "fuzz".into(),
        path: Some("/fuzz/fuzz.yaml".into()),
    };
    if let Ok(s) = settings::resolve_from(source, prof, &env) {
        let _ = settings::redis_host_port(&s.redis.url);
        let _ = serde_json::to_string(&s);
    }
});
