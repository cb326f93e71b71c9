//! `dashboard` and `top` against the real stack: the page in Debian's headless Chromium
//! (driven by playwright-core, `tests/browser/`), `/api/snapshot` fields, `/metrics`
//! through the Prometheus project's own parser, the token beyond loopback, the database
//! cost of ten viewers against one (counted by PostgreSQL itself), and `top` under tmux.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;
use serde_json::Value;
use std::sync::Arc;

mod access;
mod lag;
mod top_and_jobs;

/// The stack of this module's tests alone. The dashboard and `top` sample the whole cluster
/// (every topic's offsets, every group, every slot): on the stack every other test fills
/// (hundreds of partitions), its Kafka sample came back down (`kafka.up` false) in two of
/// these tests; and `produce poll --once` here counts on no other transaction being open.
fn stack() -> Arc<Stack> {
    module_stack("dashboard")
}

const DEADLINE: Duration = Duration::from_secs(120);

/// Poll `f` until it gives a value or the deadline passes.
fn wait_some<T>(what: &str, deadline: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A running `livedbctl dashboard`, stopped (SIGTERM, then kill) when dropped.
struct Dash {
    child: Child,
    listening: Value,
    _stdout: BufReader<ChildStdout>,
}

impl Dash {
    fn start(scope: &Scope, args: &[&str]) -> Dash {
        let mut all = vec!["-o", "json", "dashboard"];
        all.extend_from_slice(args);
        let mut child = scope
            .cmd(&all)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dashboard");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let listening: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("dashboard did not report its address ({e}): {line:?}"));
        assert_eq!(listening["type"], "listening");
        Dash {
            child,
            listening,
            _stdout: stdout,
        }
    }
    fn addr(&self) -> String {
        let a = self.listening["address"].as_str().unwrap().to_string();
        a.replace("0.0.0.0", "127.0.0.1")
    }
    fn url(&self) -> String {
        self.listening["url"].as_str().unwrap().to_string()
    }
    fn get(&self, path: &str) -> Http {
        http(&self.addr(), "GET", path, &[])
    }
    fn snapshot(&self) -> Value {
        let r = self.get("/api/snapshot");
        assert_eq!(r.status, 200, "{}", r.body);
        serde_json::from_str(&r.body).unwrap()
    }
    /// The first snapshot matching `pred`.
    fn wait_snapshot(&self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        wait_some(what, DEADLINE, || {
            let s = self.snapshot();
            pred(&s).then_some(s)
        })
    }
}

impl Drop for Dash {
    fn drop(&mut self) {
        #[cfg(unix)]
        sigterm(self.child.id());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
fn sigterm(pid: u32) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
}

struct Http {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Http {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A plain HTTP/1.1 request (an independent client: no code shared with the server).
fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> Http {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("Content-Length: 0\r\n\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Http {
        status,
        headers,
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// The first server-sent event of `/api/stream` (its data line).
fn first_stream_event(addr: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(
        format!("GET /api/stream HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n")
            .as_bytes(),
    )
    .unwrap();
    let mut r = BufReader::new(s);
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line).unwrap() == 0 {
            panic!("stream ended");
        }
        if let Some(d) = line.strip_prefix("data: ") {
            return d.trim_end().to_string();
        }
        if let Some(d) = line.strip_prefix("data:") {
            return d.trim_end().to_string();
        }
    }
}

/// A scope with the schema, its topic, and a background process list to stop at the end.
fn prepared(name: &str) -> Scope {
    let scope = stack().scope(name);
    scope.run(&["db", "migrate"]).ok();
    scope.run(&["topic", "create"]).ok();
    scope
}

struct Bg(Vec<Child>);

impl Bg {
    fn spawn(&mut self, scope: &Scope, args: &[&str]) {
        let c = scope
            .cmd(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        self.0.push(c);
    }
}

impl Drop for Bg {
    fn drop(&mut self) {
        for c in &mut self.0 {
            sigterm(c.id());
        }
        for c in &mut self.0 {
            let deadline = Instant::now() + Duration::from_secs(15);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = c.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn parse_metrics(body: &str) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/prom_parse.py");
    let mut child = Command::new(python3())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the Prometheus parser rejected /metrics: {}\n{body}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn sample(m: &Value, family: &str, labels: &[(&str, &str)]) -> Option<f64> {
    m[family]["samples"].as_array()?.iter().find_map(|s| {
        labels
            .iter()
            .all(|(k, v)| s["labels"][*k] == *v)
            .then(|| s["value"].as_f64())
            .flatten()
    })
}

#[test]
fn page_in_headless_chromium_shows_the_pipeline_live() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "playwright-core is not installed: run scripts/setup.sh (npm ci in tests/browser)"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "Chromium is missing: run scripts/setup.sh (apt-get install chromium)"
    );
    let scope = prepared("dash_page");
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0"]);
    let shot = artifacts().join("dashboard.png");
    let mut node = Command::new("node")
        .arg(browser_dir.join("dashboard.mjs"))
        .arg(dash.url())
        .arg(&shot)
        .current_dir(&browser_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node");
    let mut to_node = node.stdin.take().unwrap();
    let mut from_node = BufReader::new(node.stdout.take().unwrap());
    let mut next = || -> Value {
        let mut line = String::new();
        from_node.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap_or_else(|_| panic!("browser driver said: {line:?}"))
    };
    let ready = next();
    assert_eq!(ready["step"], "ready", "{ready}");

    // The pipeline starts: rows into PostgreSQL, the producer, an aggregate by region.
    let mut bg = Bg(Vec::new());
    bg.spawn(
        &scope,
        &[
            "seed", "burst", "--rows", "20", "--every", "1s", "--count", "100000",
        ],
    );
    bg.spawn(&scope, &["produce", "poll", "--interval", "500ms"]);
    bg.spawn(
        &scope,
        &[
            "consume",
            "aggregate",
            &scope.topic,
            "--key-field",
            "payload.region",
            "--sum",
            "payload.amount",
            "--max-events",
            "100000",
            "--max-time",
            "1h",
            "--from",
            "earliest",
            "--exec",
            "true",
        ],
    );
    // A stream job over the same events, in 5-second windows of their Kafka timestamps.
    let job = stream_job(
        &scope,
        "dash-page-rev",
        "$timestamp",
        "{tumble: 5s}",
        "on_close",
    );
    bg.spawn(&scope, &["stream", "run", job.to_str().unwrap()]);
    // The built-in CDC engine on the same table: Debezium change events on their own topic.
    bg.spawn(
        &scope,
        &[
            "connector",
            "start",
            "dash_page_cdc",
            "--table",
            "public.livedb",
            "--topic-prefix",
            "dashcdc",
        ],
    );
    // A fresh event with a marker nobody else writes, on a topic of its own that the page
    // must be switched to; sent every two seconds until the browser saw it.
    let marker = format!("fresh-{}", std::process::id());
    let marker_topic = format!("{}_marker", scope.topic);
    scope
        .run(&["topic", "create", &marker_topic, "-p", "1"])
        .ok();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sender = {
        let (stop, cmd) = (
            stop.clone(),
            scope.cmd(&["produce", "send", &marker_topic, "--key-field", "marker"]),
        );
        let event = format!("{{\"marker\":\"{marker}\",\"note\":\"sent by the test\"}}\n");
        let (program, args): (std::ffi::OsString, Vec<std::ffi::OsString>) = (
            cmd.get_program().to_owned(),
            cmd.get_args().map(|a| a.to_owned()).collect(),
        );
        let envs: Vec<(std::ffi::OsString, Option<std::ffi::OsString>)> = cmd
            .get_envs()
            .map(|(k, v)| (k.to_owned(), v.map(|v| v.to_owned())))
            .collect();
        let dir = scope.dir.clone();
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let mut c = Command::new(&program);
                c.args(&args).env_clear().current_dir(&dir);
                for (k, v) in &envs {
                    if let Some(v) = v {
                        c.env(k, v);
                    }
                }
                let mut child = c
                    .stdin(Stdio::piped())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(event.as_bytes())
                    .unwrap();
                let _ = child.wait();
                std::thread::sleep(Duration::from_secs(2));
            }
        })
    };
    writeln!(
        to_node,
        "{}",
        serde_json::json!({"marker": marker, "marker_topic": marker_topic, "window_key": "us-east", "cdc_topic": "dashcdc.public.livedb", "stream_job": "dash-page-rev"})
    )
    .unwrap();
    to_node.flush().unwrap();
    loop {
        let step = next();
        match step["step"].as_str() {
            Some("done") => break,
            Some("failed") => panic!(
                "browser check failed (screenshot {}): {}",
                shot.with_file_name("dashboard-failed.png").display(),
                step
            ),
            _ => {}
        }
    }
    assert!(node.wait().unwrap().success());
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    sender.join().unwrap();
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "screenshot {}",
        shot.display()
    );
    drop(bg);
}

#[test]
fn snapshot_metrics_and_stream_carry_the_pipeline_and_no_secret() {
    let scope = prepared("dash_api");
    // 30 rows published and read by a group (committing on every partition), then 12 more
    // published: the group's lag is 12.
    scope.run(&["seed", "burst", "--rows", "30", "--once"]).ok();
    scope.wait_rows_settled();
    scope.run(&["produce", "poll", "--once"]).ok();
    scope
        .run(&[
            "consume",
            "tail",
            &scope.topic,
            "--group",
            "dash-api-readers",
            "--from",
            "start",
            "-e",
        ])
        .ok();
    scope.run(&["seed", "burst", "--rows", "12", "--once"]).ok();
    scope.wait_rows_settled();
    scope.run(&["produce", "poll", "--once"]).ok();
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0", "--interval", "500ms"]);
    let s = dash.wait_snapshot(
        "producer, topic, group and its time behind in the snapshot",
        |s| {
            s["postgres"]["producer"]["last_id"].as_i64() == Some(42)
                && s["kafka"]["groups"].as_array().is_some_and(|g| {
                    // The time behind needs the record at each committed offset, read within a
                    // bounded budget per round: on a busy machine it can take a few rounds.
                    g.iter().any(|g| {
                        g["group"] == "dash-api-readers"
                            && g["partitions"].as_array().is_some_and(|ps| {
                                ps.iter().all(|p| {
                                    p["lag"].as_i64() == Some(0) || p["time_behind_ms"].is_i64()
                                })
                            })
                    })
                })
                && s["services"].as_array().is_some_and(|v| v.len() == 3)
                && s["seq"].as_u64().unwrap_or(0) >= 2
        },
    );
    assert_eq!(s["version"], 1);
    for key in [
        "seq",
        "taken_at_ms",
        "interval_ms",
        "profile",
        "services",
        "postgres",
        "kafka",
        "connectors",
        "stream_jobs",
        "redis",
        "results",
        "events",
        "feed_topics",
        "flow",
        "sampler",
        "history",
    ] {
        assert!(s.get(key).is_some(), "snapshot lacks `{key}`");
    }
    assert_eq!(s["interval_ms"], 500);
    for svc in s["services"].as_array().unwrap() {
        assert_eq!(svc["up"], true, "{svc}");
        for k in [
            "service",
            "state",
            "address",
            "version",
            "engine",
            "detail",
            "checked_at_ms",
        ] {
            assert!(svc.get(k).is_some(), "service lacks {k}");
        }
    }
    let pg = &s["postgres"];
    assert_eq!(pg["up"], true);
    assert_eq!(pg["database"], scope.dbname.as_str());
    assert!(pg["size_bytes"].as_i64().unwrap() > 0);
    let livedb = pg["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "public.livedb")
        .unwrap();
    assert_eq!(livedb["inserted_total"], 42);
    assert_eq!(pg["producer"]["lag_rows"], 0);
    assert_eq!(pg["producer"]["max_id"], 42);
    let topic = s["kafka"]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == scope.topic.as_str())
        .unwrap();
    assert_eq!(topic["high_total"], 42);
    assert_eq!(topic["partitions"].as_array().unwrap().len(), 3);
    let group = s["kafka"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "dash-api-readers")
        .unwrap();
    assert_eq!(group["lag"], 12, "{group}");
    assert_eq!(group["topics"], serde_json::json!([scope.topic]));
    let lags: i64 = group["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["lag"].as_i64().unwrap())
        .sum();
    assert_eq!(lags, 12);
    for p in group["partitions"].as_array().unwrap() {
        if p["lag"].as_i64().unwrap() > 0 {
            assert!(
                p["time_behind_ms"].as_i64().is_some(),
                "time behind derivable from the record at the committed offset: {p}"
            );
        }
    }
    // The same lag as an independent client computes from kafka-python's committed().
    let committed = scope
        .kafka_tool(&["committed", &scope.topic, "--group", "dash-api-readers"])
        .ok();
    let independent: Value = serde_json::from_str(committed.stdout.trim()).unwrap();
    let sum: i64 = independent
        .as_object()
        .unwrap()
        .values()
        .filter_map(Value::as_i64)
        .sum();
    assert_eq!(sum, 30, "kafka-python's committed offsets: {independent}");
    let edges = s["flow"]["edges"].as_array().unwrap();
    assert!(edges
        .iter()
        .any(|e| e["from"] == "postgres" && e["to"] == "producer"));
    assert!(edges
        .iter()
        .any(|e| e["from"] == format!("topic:{}", scope.topic)
            && e["to"] == "group:dash-api-readers"
            && e["lag"] == 12));
    assert!(s["history"]["t"].as_array().unwrap().len() >= 2);
    assert!(s["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["topic"] == scope.topic.as_str()));
    assert_eq!(s["feed_topics"], serde_json::json!([scope.topic]));

    // /metrics through the Prometheus project's parser.
    let m = dash.get("/metrics");
    assert_eq!(m.status, 200);
    assert!(m
        .header("content-type")
        .unwrap()
        .starts_with("application/openmetrics-text"));
    let fams = parse_metrics(&m.body);
    assert_eq!(
        sample(&fams, "livedbctl_service_up", &[("service", "postgres")]),
        Some(1.0)
    );
    assert_eq!(
        sample(&fams, "livedbctl_service_up", &[("service", "kafka")]),
        Some(1.0)
    );
    assert_eq!(sample(&fams, "livedbctl_producer_lag_rows", &[]), Some(0.0));
    assert_eq!(sample(&fams, "livedbctl_producer_last_id", &[]), Some(42.0));
    assert_eq!(
        sample(
            &fams,
            "livedbctl_kafka_group_lag",
            &[("group", "dash-api-readers")]
        ),
        Some(12.0)
    );
    let highs: f64 = fams["livedbctl_kafka_partition_high_watermark"]["samples"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["labels"]["topic"] == scope.topic.as_str())
        .map(|s| s["value"].as_f64().unwrap())
        .sum();
    assert_eq!(highs, 42.0);
    assert_eq!(
        fams["livedbctl_postgres_table_inserted_rows"]["type"],
        "counter"
    );
    assert!(sample(&fams, "livedbctl_sampler_postgres_statements", &[]).unwrap() > 0.0);

    // The stream sends the same document, without history.
    let ev: Value = serde_json::from_str(&first_stream_event(&dash.addr())).unwrap();
    assert!(ev["seq"].as_u64().unwrap() >= 1);
    assert!(ev.get("history").is_none());
    assert_eq!(ev["profile"], s["profile"]);

    // No secret anywhere: the profile's password is in none of the answers.
    let pw = &scope.stack.password;
    for body in [
        dash.get("/").body,
        dash.get("/api/snapshot").body,
        m.body.clone(),
        first_stream_event(&dash.addr()),
        dash.get("/assets/app.js").body,
    ] {
        assert!(
            !body.contains(pw.as_str()),
            "a response carries the password"
        );
    }
}

/// A job file over the scope's topic: orders and revenue per region per `window`, to Redis
/// (the default prefix, where the dashboard reads) and PostgreSQL.
fn stream_job(scope: &Scope, name: &str, time: &str, window: &str, emit: &str) -> PathBuf {
    let p = scope.dir.join(format!("{name}.yaml"));
    std::fs::write(
        &p,
        format!(
            "name: {name}\n\
             source: {{topic: {topic}, time: {time}, watermark_delay: 0s}}\n\
             group_by: [payload.region]\n\
             window: {window}\n\
             aggregates: {{orders: count, revenue: sum(payload.amount)}}\n\
             emit: {emit}\n\
             sinks:\n  - redis: {{}}\n  - postgres: {{table: {table}}}\n",
            topic = scope.topic,
            table = name.replace('-', "_"),
        ),
    )
    .unwrap();
    p
}
