//! Connection profiles: lookup, precedence, validation errors, secrets.

use std::path::{Path, PathBuf};

use crate::harness::*;

fn project(tag: &str) -> TestDir {
    let dir = temp_dir(tag);
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    dir
}

fn cli(dir: &Path, args: &[&str]) -> Run {
    let mut c = livedbctl(dir);
    c.args(args);
    run(c)
}

fn repo_profile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(name)
}

#[test]
fn broken_yaml_names_file_line_and_column() {
    let dir = project("broken");
    std::fs::write(
        dir.join("profiles/bad.yaml"),
        "postgres:\n  host: a\n  port: [1\n",
    )
    .unwrap();
    let r = cli(&dir, &["--profile", "bad", "infra", "status"]).code(2);
    assert!(r.stderr.contains("profiles/bad.yaml:"), "{}", r.stderr);
    assert!(
        r.stderr.contains(":4:") || r.stderr.contains(":3:"),
        "line number: {}",
        r.stderr
    );
}

#[test]
fn unknown_key_gets_the_nearest_valid_one() {
    let dir = project("typo");
    std::fs::write(
        dir.join("profiles/typo.yaml"),
        "kafka:\n  brokers: a:1\n  clinet_id: x\n",
    )
    .unwrap();
    let r = cli(&dir, &["--profile", "typo", "infra", "status"]).code(2);
    assert!(r.stderr.contains("typo.yaml:3:3"), "{}", r.stderr);
    assert!(
        r.stderr.contains("did you mean `client_id`?"),
        "{}",
        r.stderr
    );
    std::fs::write(
        dir.join("profiles/engine.yaml"),
        "infra:\n  kafka_engine: tansoo\n",
    )
    .unwrap();
    let r = cli(&dir, &["--profile", "engine", "infra", "status"]).code(2);
    assert!(r.stderr.contains("did you mean `tansu`?"), "{}", r.stderr);
}

#[test]
fn unknown_profile_lists_the_known_ones() {
    let dir = project("unknown");
    std::fs::write(dir.join("profiles/staging.yaml"), "").unwrap();
    std::fs::write(dir.join("profiles/prod.yaml"), "").unwrap();
    let r = cli(&dir, &["--profile", "stagin", "infra", "status"]).code(2);
    assert!(
        r.stderr.contains("unknown profile `stagin`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("known profiles: prod, staging"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `staging`?"), "{}", r.stderr);
}

#[test]
fn env_references_expand_and_secrets_never_print() {
    let dir = project("secrets");
    std::fs::write(
        dir.join("profiles/hosted.yaml"),
        "postgres:\n  url: postgresql://app:${PGSECRET}@db.example.com:5433/app?sslmode=require\n\
         kafka:\n  brokers: k.example.com:9092\n  properties:\n    security.protocol: SASL_SSL\n    sasl.username: ${KUSER}\n    sasl.password: ${KSECRET}\n",
    )
    .unwrap();
    // Unset variable: a configuration error naming it.
    let r = cli(&dir, &["--profile", "hosted", "profile", "show"]).code(2);
    assert!(r.stderr.contains("PGSECRET is not set"), "{}", r.stderr);

    let mut c = livedbctl(&dir);
    c.env("PGSECRET", "pg-hunter2")
        .env("KUSER", "svc")
        .env("KSECRET", "k-hunter2");
    c.args(["--profile", "hosted", "-o", "json", "profile", "show"]);
    let r = run(c).ok();
    let v = r.json();
    assert_eq!(v["postgres"]["host"], "db.example.com");
    assert_eq!(v["postgres"]["port"], 5433);
    assert_eq!(v["postgres"]["sslmode"], "require");
    assert_eq!(v["postgres"]["password"], "********");
    assert_eq!(v["kafka"]["properties"]["sasl.username"], "svc");
    assert_eq!(v["kafka"]["properties"]["sasl.password"], "********");
    assert!(
        !r.stdout.contains("hunter2") && !r.stderr.contains("hunter2"),
        "{}",
        r.stdout
    );

    // Human output too.
    let mut c = livedbctl(&dir);
    c.env("PGSECRET", "pg-hunter2")
        .env("KUSER", "svc")
        .env("KSECRET", "k-hunter2");
    c.args(["--profile", "hosted", "profile", "show"]);
    let r = run(c).ok();
    assert!(!r.stdout.contains("hunter2"), "{}", r.stdout);
    assert!(r.stdout.contains("db.example.com"));
}

#[test]
fn flag_beats_environment_beats_file_beats_default() {
    let dir = project("precedence");
    std::fs::write(
        dir.join("profiles/a.yaml"),
        "postgres:\n  port: 6001\n  dbname: fromfile\nkafka:\n  brokers: a:1\n",
    )
    .unwrap();
    std::fs::write(dir.join("profiles/b.yaml"), "postgres:\n  port: 6002\n").unwrap();
    let show = |envs: &[(&str, &str)], args: &[&str]| {
        let mut c = livedbctl(&dir);
        for (k, v) in envs {
            c.env(k, v);
        }
        c.args(args).args(["-o", "json", "profile", "show"]);
        run(c).ok().json()
    };
    let v = show(&[("LIVEDB_PROFILE", "a")], &[]);
    assert_eq!(v["postgres"]["port"], 6001);
    assert_eq!(
        v["postgres"]["user"], "livedb",
        "default where the file is silent"
    );
    assert_eq!(
        show(&[("LIVEDB_PROFILE", "a")], &["--profile", "b"])["postgres"]["port"],
        6002,
        "flag beats env"
    );
    let v = show(
        &[
            ("LIVEDB_PROFILE", "a"),
            ("DB_PORT", "7777"),
            ("DB_NAME", "fromenv"),
            ("KAFKA_BROKER", "x:9,y:9"),
            ("KAFKA_TOPIC", "t2"),
        ],
        &[],
    );
    assert_eq!(v["postgres"]["port"], 7777);
    assert_eq!(v["postgres"]["dbname"], "fromenv");
    assert_eq!(v["kafka"]["brokers"], serde_json::json!(["x:9", "y:9"]));
    assert_eq!(v["kafka"]["topic"], "t2");
    let v = show(
        &[
            ("LIVEDB_PROFILE", "a"),
            ("DATABASE_URL", "postgres://u:p@h:1234/d"),
            ("DB_SSL", "true"),
        ],
        &[],
    );
    assert_eq!(
        (
            v["postgres"]["host"].as_str(),
            v["postgres"]["port"].as_u64()
        ),
        (Some("h"), Some(1234))
    );
    assert_eq!(v["postgres"]["sslmode"], "require");
    let bad = {
        let mut c = livedbctl(&dir);
        c.env("DB_PORT", "many")
            .args(["--profile", "a", "profile", "show"]);
        run(c).code(2)
    };
    assert!(bad.stderr.contains("DB_PORT"), "{}", bad.stderr);
}

#[test]
fn init_use_list_round_trip() {
    let dir = project("init");
    let r = cli(&dir, &["profile", "init", "staging"]).ok();
    assert!(r.stdout.contains("profiles/staging.yaml"));
    let text = std::fs::read_to_string(dir.join("profiles/staging.yaml")).unwrap();
    assert!(text.contains("# "), "the template is commented");
    // Passwords go in it: private from its creation (the umask here is 022), also rewritten.
    let mode = || {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(dir.join("profiles/staging.yaml"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(), 0o600);
    cli(&dir, &["profile", "init", "staging"]).code(2);
    cli(&dir, &["profile", "init", "staging", "--force"]).ok();
    assert_eq!(mode(), 0o600);
    // The template is a valid profile.
    let v = cli(
        &dir,
        &["--profile", "staging", "-o", "json", "profile", "show"],
    )
    .ok()
    .json();
    assert_eq!(v["topics"][0]["name"], "db_live_events");

    cli(&dir, &["profile", "use", "nosuch"]).code(2);
    cli(&dir, &["profile", "use", "staging"]).ok();
    let list = cli(&dir, &["-o", "json", "profile", "list"]).ok().json();
    let current: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["current"] == true)
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(current, ["staging"]);
    assert_eq!(
        cli(&dir, &["-o", "json", "profile", "show"]).ok().json()["profile"]["name"],
        "staging"
    );
    // LIVEDB_PROFILE still overrides `profile use`.
    let mut c = livedbctl(&dir);
    c.env("LIVEDB_PROFILE", "local")
        .args(["-o", "json", "profile", "show"]);
    assert_eq!(run(c).ok().json()["profile"]["name"], "local");
}

#[test]
fn shipped_profiles_are_valid() {
    let dir = temp_dir("shipped");
    let local = cli(
        &dir,
        &[
            "--config",
            repo_profile("local.yaml").to_str().unwrap(),
            "-o",
            "json",
            "profile",
            "show",
        ],
    )
    .ok()
    .json();
    assert_eq!(local["postgres"]["port"], 5432);
    assert_eq!(local["kafka"]["brokers"][0], "127.0.0.1:9092");
    assert_eq!(local["topics"][0]["name"], "db_live_events");

    let neon = repo_profile("neon.example.yaml");
    let r = cli(
        &dir,
        &["--config", neon.to_str().unwrap(), "profile", "show"],
    )
    .code(2);
    assert!(r.stderr.contains("NEON_DB_PASSWORD"), "{}", r.stderr);
    let mut c = livedbctl(&dir);
    c.env("NEON_DB_PASSWORD", "n-hunter2")
        .env("KAFKA_API_KEY", "key")
        .env("KAFKA_API_SECRET", "s-hunter2");
    c.args([
        "--config",
        neon.to_str().unwrap(),
        "-o",
        "json",
        "profile",
        "show",
    ]);
    let r = run(c).ok();
    let v = r.json();
    assert_eq!(v["postgres"]["sslmode"], "verify-full");
    assert_eq!(v["kafka"]["properties"]["security.protocol"], "SASL_SSL");
    assert!(!r.stdout.contains("hunter2"));
}

#[test]
fn show_name_is_not_overridden_by_the_environment() {
    let dir = project("showname");
    std::fs::write(dir.join("profiles/a.yaml"), "postgres:\n  port: 6001\n").unwrap();
    std::fs::write(dir.join("other.yaml"), "postgres:\n  port: 6009\n").unwrap();
    let mut c = livedbctl(&dir);
    c.env("LIVEDB_CONFIG", dir.join("other.yaml"))
        .args(["-o", "json", "profile", "show", "a"]);
    let v = run(c).ok().json();
    assert_eq!(v["profile"]["name"], "a");
    assert_eq!(v["postgres"]["port"], 6001);
    // Without a NAME, LIVEDB_CONFIG is the profile; an empty LIVEDB_PROFILE is not a name.
    let mut c = livedbctl(&dir);
    c.env("LIVEDB_CONFIG", dir.join("other.yaml"))
        .env("LIVEDB_PROFILE", "")
        .args(["-o", "json", "profile", "show"]);
    assert_eq!(run(c).ok().json()["postgres"]["port"], 6009);
}

#[test]
fn kafka_tls_and_sasl_properties_reach_librdkafka() {
    // The local broker (tansu 0.6) speaks neither TLS nor SASL with librdkafka, so this
    // checks what can be checked here: the profile's properties are handed to librdkafka,
    // which has TLS (OpenSSL) and SASL built in and judges them. Nothing listens on port 1.
    let dir = project("kafka_tls");
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, include_str!("../support/test-ca.pem")).unwrap();
    let with = |props: &str| -> Run {
        let p = dir.join("p.yaml");
        std::fs::write(
            &p,
            format!("kafka:\n  brokers: 127.0.0.1:1\n  properties:\n{props}"),
        )
        .unwrap();
        cli(&dir, &["--config", p.to_str().unwrap(), "topic", "list"])
    };
    let r = with("    security.protocol: SSL\n    ssl.ca.location: /nonexistent/ca.pem\n").code(2);
    assert!(r.stderr.contains("ssl.ca.location"), "{}", r.stderr);
    let r = with(&format!(
        "    security.protocol: SSL\n    ssl.ca.location: {}\n    ssl.endpoint.identification.algorithm: https\n",
        ca.display()
    ))
    .code(1);
    assert!(
        r.stderr.contains("cannot reach Kafka"),
        "accepted, then unreachable: {}",
        r.stderr
    );
    let r = with("    security.protocol: SASL_SSL\n    sasl.mechanisms: NOPE\n").code(2);
    assert!(
        r.stderr.contains("Unsupported SASL mechanism: NOPE"),
        "{}",
        r.stderr
    );
    for mechanism in ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] {
        let r = with(&format!(
            "    security.protocol: SASL_SSL\n    sasl.mechanisms: {mechanism}\n    sasl.username: u\n    sasl.password: sasl-Hunter2\n"
        ))
        .code(1);
        assert!(
            r.stderr.contains("cannot reach Kafka"),
            "{mechanism}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("sasl-Hunter2"), "{}", r.stderr);
    }
}
