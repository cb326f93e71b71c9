//! Secrets never reach the terminal: every command of livedbctl (walked from `--help`, so
//! a new one must be added here) runs with known secrets in its profile, with `-v` and
//! with `-o json`, on a profile that works and on one where every secret is wrong (or
//! makes the service refuse), and no secret appears in its stdout or stderr. A second test
//! writes passwords holding `/ ? @ #` (raw and percent-encoded) into every connection
//! form: PostgreSQL URLs and key=value conninfo, Redis, Flink and Kafka Connect URLs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;

const WRONG_PG: &str = "pg-wrong-Hunter2-secret";
const KAFKA_SASL: &str = "kafka-sasl-Hunter2-secret";
const REDIS_PW: &str = "redis-Hunter2-secret";
const CONNECT_PW: &str = "connect-Hunter2-secret";
const CDC_PW: &str = "cdc-Hunter2-secret";
const FLINK_PW: &str = "flink-Hunter2-secret";

/// Every leaf command, as its words (`["db", "replication", "check"]`), from `--help`.
fn leaves(prefix: &[&str]) -> Vec<Vec<String>> {
    let out = Command::new(bin())
        .args(prefix)
        .arg("--help")
        .env_clear()
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let Some(block) = text.split("\nCommands:\n").nth(1) else {
        return vec![prefix.iter().map(|s| s.to_string()).collect()];
    };
    let mut found = Vec::new();
    for line in block.lines() {
        if line.trim().is_empty() || !line.starts_with("  ") {
            break;
        }
        let rest = &line[2..];
        if rest.starts_with(' ') {
            continue; // a wrapped description
        }
        let name = rest.split_whitespace().next().unwrap();
        if name == "help" {
            continue;
        }
        let mut path: Vec<&str> = prefix.to_vec();
        path.push(name);
        found.extend(leaves(&path));
    }
    found
}

/// The arguments each command runs with (after its words); `None`: a long-running
/// command run until it prints, then stopped.
fn args_for(cmd: &str, scope: &Scope, files: &Files) -> Option<Vec<String>> {
    let t = scope.topic.clone();
    let s = |v: &[&str]| Some(v.iter().map(|x| x.to_string()).collect());
    match cmd {
        "infra up" | "infra status" | "infra down" => s(&[]),
        "infra logs" => s(&["postgres", "-n", "5"]),
        "profile list" | "profile show" => s(&[]),
        "profile use" => s(&["secrets"]),
        "profile init" => s(&["secrets_init", "--force"]),
        "db migrate" | "db status" | "db replication check" => s(&[]),
        "db replication setup" => s(&["--table", "public.t", "--dry-run"]),
        "seed burst" => s(&["--once"]),
        "produce poll" => s(&["--once"]),
        "produce send" => Some(vec![
            t,
            "--file".into(),
            files.events.display().to_string(),
            "--key-field".into(),
            "id".into(),
        ]),
        "demo" => s(&["--no-up", "--duration", "1s", "--rate", "5"]),
        "verify" => s(&[]),
        // Row 1 (the demo's), through every stage it looks at; a sink's and a stream job's too.
        "trace" => Some(vec![
            "1".into(),
            "--job".into(),
            files.job.display().to_string(),
        ]),
        "connector start" => s(&["c_sec", "--table", "public.t", "--until-idle"]),
        "connector list" => s(&[]),
        "connector status" | "connector stop" | "connector restart" | "connector pause"
        | "connector resume" => s(&["c_sec"]),
        "connector delete" => s(&["c_sec", "--yes"]),
        "connector offsets" => s(&["c_sec"]),
        // Without --yes: it goes as far as asking (settings, Connect, the database).
        "connector graduate" => s(&["c_sec", "--to", "remote"]),
        "connector apply" => Some(vec!["-f".into(), files.connector.display().to_string()]),
        "redis dump" => s(&["--limit", "1"]),
        "topic create" => s(&["secrets_created", "--if-not-exists"]),
        "topic list" => s(&[]),
        "topic describe" => Some(vec![t]),
        "topic alter" => Some(vec![t, "--set".into(), "retention.ms=86400000".into()]),
        // Without --yes and a terminal it refuses: tansu would drop every topic.
        "topic delete" => Some(vec![t]),
        "consume tail" => Some(vec![t, "--from".into(), "start".into(), "-e".into()]),
        // The readers that run until stopped wait for a broker that does not answer (the
        // failing profile's SASL one): long enough to print a wait, not the default minute.
        "consume sink" => Some(vec![
            t,
            "--table".into(),
            "sink_t".into(),
            "-e".into(),
            "--wait-for-kafka".into(),
            "12s".into(),
        ]),
        // A prefix of its own: the default one's group (`livedbctl-aggregate-livedb`) is
        // the dashboard test's, on the same broker.
        "consume aggregate" => Some(vec![
            t,
            "--prefix".into(),
            "secrets_agg".into(),
            "--exec".into(),
            "true".into(),
            "-e".into(),
            "--wait-for-kafka".into(),
            "12s".into(),
        ]),
        "consume route" => Some(vec![
            t,
            "--by".into(),
            "id".into(),
            "--to".into(),
            "secrets_route.{}".into(),
            "-e".into(),
            "--wait-for-kafka".into(),
            "12s".into(),
        ]),
        "group list" => s(&[]),
        "group describe" | "group delete" => s(&["livedbctl-sink-sink_t"]),
        "group seek" => s(&["livedbctl-sink-sink_t", "--to", "start"]),
        "dashboard" => None,
        "stream plan" | "stream submit" => Some(vec![files.job.display().to_string()]),
        "stream eval" => Some(vec![
            files.job.display().to_string(),
            "--events".into(),
            files.events.display().to_string(),
        ]),
        "stream run" => Some(vec![
            files.job.display().to_string(),
            "-e".into(),
            "--wait-for-kafka".into(),
            "12s".into(),
        ]),
        "stream list" => s(&[]),
        "stream status" | "stream cancel" => s(&["secrets-job"]),
        "top" => s(&[]),
        // Fires at once: the failing path (exit 1) prints the rules too.
        "check" => s(&["--alert", "dead_letters >= 0", "--over", "0s"]),
        "completions" => s(&["bash"]),
        other => panic!("`{other}` is a command this test does not run yet: add it to args_for"),
    }
}

struct Files {
    events: PathBuf,
    connector: PathBuf,
    job: PathBuf,
}

/// Run `livedbctl` and return (stdout, stderr). A command still running after `limit`, or
/// once its stdout holds `until`, is stopped (SIGTERM, then SIGKILL) and its output so far
/// is returned.
fn run_bounded(mut c: Command, limit: Duration, until: Option<&str>) -> (String, String) {
    let dir = tempfile_dir();
    let (out, err) = (dir.join("out"), dir.join("err"));
    c.stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap());
    let mut child = c.spawn().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        let done = until.is_some_and(|u| {
            std::fs::read_to_string(&out)
                .unwrap_or_default()
                .contains(u)
        });
        if done || start.elapsed() > limit {
            terminate(&child);
            let grace = Instant::now();
            while child.try_wait().unwrap().is_none() && grace.elapsed() < Duration::from_secs(20) {
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    // About 270 commands run here per suite run: their files go with `dir`.
    (read(&out), read(&err))
}

fn tempfile_dir() -> TestDir {
    temp_dir("secrets-run")
}

#[test]
fn no_command_prints_a_secret_with_v_or_json_whether_it_works_or_fails() {
    let scope = ready("secrets");
    let stack = &scope.stack;
    scope.psql("CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE sink_t (id int PRIMARY KEY)");
    let files = Files {
        events: scope.dir.join("events.jsonl"),
        connector: scope.dir.join("connector.yaml"),
        job: scope.dir.join("job.yaml"),
    };
    std::fs::write(&files.events, "{\"id\": 1}\n{\"id\": 2}\n").unwrap();
    // A stream job over the scope's topic with every kind of sink (each connects with the
    // profile's secrets).
    std::fs::write(
        &files.job,
        format!(
            "name: secrets-job\nsource: {{topic: {}}}\ngroup_by: [id]\nwindow: {{tumble: 1m}}\n\
             aggregates: {{n: count}}\nsinks:\n  - postgres: {{table: secrets_windows}}\n\
             \x20 - kafka: {{topic: secrets_windows}}\n  - redis: {{prefix: 'secrets:stream'}}\n",
            scope.topic
        ),
    )
    .unwrap();
    std::fs::write(
        &files.connector,
        format!(
            "name: c_remote\nconfig:\n  database.password: {CDC_PW}\n  database.hostname: 127.0.0.1\n"
        ),
    )
    .unwrap();
    scope.run(&["seed", "burst", "--once"]).ok();

    // A working profile whose PostgreSQL password is the stack's; and one where every
    // secret is wrong or refused: PostgreSQL's password, SASL for Kafka (the broker has
    // none), a Redis password (Redis has none), a Kafka Connect URL with credentials.
    let state = scope.dir.join("own-state");
    let working = format!(
        "postgres:\n  url: postgresql://{PG_USER}:{pw}@127.0.0.1:{pg}/{db}\n  sslmode: disable\n\
         kafka:\n  brokers: 127.0.0.1:{kafka}\n  topic: {topic}\n\
         redis:\n  url: redis://127.0.0.1:{redis}\n\
         topics:\n  - name: {topic}\n    partitions: 3\n\
         infra:\n  state_dir: {state}\n  kafka_engine: tansu\n",
        pw = stack.password,
        pg = stack.pg_port,
        db = scope.dbname,
        kafka = stack.kafka_port,
        redis = stack.redis_port,
        topic = scope.topic,
        state = state.display(),
    );
    let failing = working.replace(&stack.password, WRONG_PG).replace(
        &format!("  topic: {}\n", scope.topic),
        &format!(
            "  topic: {}\n  properties:\n    security.protocol: SASL_PLAINTEXT\n    sasl.mechanisms: PLAIN\n    sasl.username: livedb\n    sasl.password: {KAFKA_SASL}\n",
            scope.topic
        ),
    )
    .replace(
        &format!("redis://127.0.0.1:{}", stack.redis_port),
        &format!("redis://:{REDIS_PW}@127.0.0.1:{}", stack.redis_port),
    ) + &format!(
        "connect:\n  url: http://admin:{CONNECT_PW}@127.0.0.1:9\nflink:\n  url: http://admin:{FLINK_PW}@127.0.0.1:9\n"
    );
    let profiles: BTreeMap<&str, PathBuf> = [("working", working), ("failing", failing)]
        .into_iter()
        .map(|(name, yaml)| {
            let p = scope.dir.join(format!("{name}.yaml"));
            std::fs::write(&p, yaml).unwrap();
            (name, p)
        })
        .collect();
    let secrets = [
        stack.password.as_str(),
        WRONG_PG,
        KAFKA_SASL,
        REDIS_PW,
        CONNECT_PW,
        CDC_PW,
        FLINK_PW,
    ];

    let commands = leaves(&[]);
    assert!(commands.len() >= 40, "found only {commands:?}");
    let mut runs: Vec<(String, Command, Option<&str>)> = Vec::new();
    for words in &commands {
        let name = words.join(" ");
        let args = args_for(&name, &scope, &files);
        for (variant, profile) in &profiles {
            for mode in [&["-v", "-o", "json"][..], &["-v"][..]] {
                let mut c = livedbctl(&scope.dir);
                c.arg("--config")
                    .arg(profile)
                    .args(mode)
                    .args(words)
                    .env("CDC_PASSWORD", CDC_PW);
                let until = match &args {
                    Some(a) => {
                        c.args(a);
                        None
                    }
                    // `dashboard` serves until stopped: once it listens, SIGTERM.
                    None => {
                        c.args(["--listen", "127.0.0.1:0"]);
                        Some("listening")
                    }
                };
                runs.push((format!("{variant} {} {name}", mode.join(" ")), c, until));
            }
        }
    }
    // Eight at a time: failing runs mostly wait for time-outs.
    let leaks = std::sync::Mutex::new(Vec::new());
    let queue = std::sync::Mutex::new(runs);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| loop {
                let Some((label, c, until)) = queue.lock().unwrap().pop() else {
                    return;
                };
                let (out, err) = run_bounded(c, Duration::from_secs(120), until);
                for secret in secrets {
                    if out.contains(secret) || err.contains(secret) {
                        leaks.lock().unwrap().push(format!(
                            "{label}: `{secret}` printed\nstdout: {out}\nstderr: {err}"
                        ));
                    }
                }
            });
        }
    });
    let leaks = leaks.into_inner().unwrap();
    assert!(leaks.is_empty(), "{}", leaks.join("\n\n"));
}

/// The pieces of a password that holds `/ ? @ #`: none may be printed, whole or in part.
fn pieces(tag: &str) -> [String; 5] {
    ["A", "B", "C", "D", "E"].map(|p| format!("{tag}{p}x9Hunter2"))
}

/// The password as a user writes it raw, and percent-encoded as RFC 3986 asks.
fn password(tag: &str) -> (String, String) {
    let p = pieces(tag);
    (
        format!("{}/{}?{}@{}#{}", p[0], p[1], p[2], p[3], p[4]),
        format!("{}%2F{}%3F{}%40{}%23{}", p[0], p[1], p[2], p[3], p[4]),
    )
}

/// `GET path` on `addr` (a plain HTTP/1.1 request): the body.
fn http_get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    raw.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

/// (name, profile YAML, environment).
type Case = (String, String, Vec<(String, String)>);

/// Flink and Kafka Connect URLs, PostgreSQL key=value conninfo and URLs, and Redis URLs
/// whose passwords hold `/`, `?`, `@` and `#`, raw and percent-encoded: no error, log
/// line, JSON field or dashboard snapshot shows any piece of them.
#[test]
fn passwords_with_url_delimiters_in_every_connection_form_are_never_printed() {
    let scope = stack().scope("secrets_forms");
    let stack = &scope.stack;
    let closed = free_port();
    let (pg, kafka, redis) = (stack.pg_port, stack.kafka_port, stack.redis_port);
    let mut all_pieces: Vec<String> = Vec::new();
    let mut cases: Vec<Case> = Vec::new();
    for encoded in [false, true] {
        let pick = |tag: &str, all: &mut Vec<String>| {
            all.extend(pieces(tag));
            let (raw, enc) = password(tag);
            if encoded {
                enc
            } else {
                raw
            }
        };
        let form = if encoded { "encoded" } else { "raw" };
        let base = |pg_url: &str, redis_url: &str, connect_url: &str| {
            format!(
                "postgres:\n  url: \"{pg_url}\"\n  sslmode: disable\n\
                 kafka:\n  brokers: 127.0.0.1:{kafka}\n  topic: {topic}\n\
                 redis:\n  url: \"{redis_url}\"\n\
                 connect:\n  url: \"{connect_url}\"\n",
                topic = scope.topic
            )
        };
        // Redis and Connect URLs with a password, Flink's from the environment, and a
        // PostgreSQL URL whose password the server refuses (percent-encoded: a raw one is
        // refused before any connection, below).
        let (p_pg, p_redis, p_connect, p_flink) = (
            pick(&format!("pgurl{form}"), &mut all_pieces),
            pick(&format!("redis{form}"), &mut all_pieces),
            pick(&format!("connect{form}"), &mut all_pieces),
            pick(&format!("flink{form}"), &mut all_pieces),
        );
        let p_pg = if encoded {
            p_pg
        } else {
            password(&format!("pgurl{form}")).1
        };
        cases.push((
            format!("urls-{form}"),
            base(
                &format!(
                    "postgresql://{PG_USER}:{p_pg}@127.0.0.1:{pg}/{}",
                    scope.dbname
                ),
                &format!("redis://:{p_redis}@127.0.0.1:{redis}"),
                &format!("http://admin:{p_connect}@127.0.0.1:{closed}"),
            ),
            vec![(
                "FLINK_URL".into(),
                format!("http://admin:{p_flink}@127.0.0.1:{closed}"),
            )],
        ));
    }
    all_pieces.extend(pieces("pgraw"));
    cases.push((
        "pgurl-raw".into(),
        format!(
            "postgres:\n  url: \"postgresql://{PG_USER}:{}@127.0.0.1:{pg}/{}\"\n",
            password("pgraw").0,
            scope.dbname
        ),
        Vec::new(),
    ));
    // libpq's key=value conninfo: quoted (so raw delimiters and a space may be in it),
    // and one whose unterminated quote makes it unreadable (the error quotes it).
    for (label, tail) in [("conninfo", "'"), ("conninfo-broken", "")] {
        all_pieces.extend(pieces(label));
        let (raw, _) = password(label);
        cases.push((
            label.to_string(),
            format!(
                "postgres:\n  url: \"host=127.0.0.1 port={pg} user={PG_USER} password='{raw} x{tail} dbname={db}\"\n  sslmode: disable\n\
                 kafka:\n  brokers: 127.0.0.1:{kafka}\n  topic: {topic}\n\
                 redis:\n  url: redis://127.0.0.1:{redis}\n",
                db = scope.dbname,
                topic = scope.topic
            ),
            Vec::new(),
        ));
    }

    let commands: &[&[&str]] = &[
        &["profile", "show"],
        &["db", "status"],
        &["stream", "list"],
        &["connector", "list"],
        &["redis", "dump", "--limit", "1"],
    ];
    let mut leaks = Vec::new();
    let mut check = |label: &str, text: &str| {
        for p in &all_pieces {
            if text.contains(p.as_str()) {
                leaks.push(format!("{label}: `{p}` printed:\n{text}"));
            }
        }
    };
    for (name, yaml, env) in &cases {
        let profile = scope.dir.join(format!("{name}.yaml"));
        std::fs::create_dir_all(&scope.dir).unwrap();
        std::fs::write(&profile, yaml).unwrap();
        for words in commands {
            for mode in [&["-v", "-o", "json"][..], &["-v"][..]] {
                let mut c = livedbctl(&scope.dir);
                c.arg("--config").arg(&profile).args(mode).args(*words);
                c.envs(env.iter().map(|(k, v)| (k, v)));
                let (out, err) = run_bounded(c, Duration::from_secs(120), None);
                check(
                    &format!("{name} {} {}", mode.join(" "), words.join(" ")),
                    &format!("{out}\n{err}"),
                );
            }
        }
    }
    // The profiles say what they should: the failures were reached, not skipped.
    let mut c = livedbctl(&scope.dir);
    c.arg("--config")
        .arg(scope.dir.join("urls-raw.yaml"))
        .args(["-o", "json", "profile", "show"]);
    let v = run(c).ok().json();
    assert_eq!(
        v["connect"]["url"],
        format!("http://admin:********@127.0.0.1:{closed}")
    );
    assert_eq!(
        v["redis"]["url"],
        format!("redis://:********@127.0.0.1:{redis}")
    );
    // A raw `@` in a PostgreSQL URL's password is refused, saying how to write it.
    let mut c = livedbctl(&scope.dir);
    c.arg("--config")
        .arg(scope.dir.join("pgurl-raw.yaml"))
        .args(["db", "status"]);
    let r = run(c).code(2);
    assert!(r.stderr.contains("percent-encoded"), "{}", r.stderr);

    // The dashboard's snapshot carries the Flink error, with the address redacted.
    for (name, _, env) in cases.iter().filter(|c| c.0.starts_with("urls-")) {
        let mut c = livedbctl(&scope.dir);
        c.arg("--config")
            .arg(scope.dir.join(format!("{name}.yaml")))
            .args([
                "-o",
                "json",
                "dashboard",
                "--listen",
                "127.0.0.1:0",
                "--interval",
                "500ms",
            ])
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = c.spawn().unwrap();
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut line,
        )
        .unwrap();
        let listening: serde_json::Value = serde_json::from_str(&line).unwrap();
        let addr = listening["address"].as_str().unwrap().to_string();
        let start = Instant::now();
        let body = loop {
            let body = http_get(&addr, "/api/snapshot?history=0");
            let s: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
            if s["flink"]["error"].is_string() {
                assert_eq!(
                    s["flink"]["url"],
                    format!("http://admin:********@127.0.0.1:{closed}"),
                    "{name}"
                );
                break body;
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "no Flink error in {body}"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        terminate(&child);
        let _ = child.wait();
        check(&format!("{name} dashboard snapshot"), &body);
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n\n"));
}
