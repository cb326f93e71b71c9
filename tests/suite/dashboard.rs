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
    let mut child = Command::new("python3")
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

#[test]
fn read_only_loopback_host_check_and_a_token_beyond_loopback() {
    let scope = prepared("dash_token");
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0"]);
    assert_eq!(dash.listening["token_required"], false);
    let addr = dash.addr();
    let page = dash.get("/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'self'"));
    assert!(page.body.contains("/assets/uPlot.iife.min.js"));
    assert_eq!(http(&addr, "POST", "/api/snapshot", &[]).status, 405);
    assert_eq!(http(&addr, "DELETE", "/", &[]).status, 405);
    assert_eq!(
        http(
            &addr,
            "GET",
            "/api/snapshot",
            &[("Host", "attacker.example:80")]
        )
        .status,
        403
    );
    assert_eq!(dash.get("/assets/uPlot.iife.min.js").status, 200);
    assert_eq!(dash.get("/nope").status, 404);
    drop(dash);

    // Beyond loopback a token is generated, printed once, and required on every request.
    let dash = Dash::start(&scope, &["--listen", "0.0.0.0:0"]);
    assert_eq!(dash.listening["token_required"], true);
    let token = dash.listening["token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 32);
    assert!(dash.url().ends_with(&format!("?token={token}")));
    let addr = dash.addr();
    for path in [
        "/",
        "/api/snapshot",
        "/api/stream",
        "/metrics",
        "/assets/app.js",
        "/healthz",
    ] {
        assert_eq!(
            http(&addr, "GET", path, &[]).status,
            401,
            "{path} without a token"
        );
        assert_eq!(
            http(
                &addr,
                "GET",
                path,
                &[("Authorization", "Bearer wrong-token-wrong-token")]
            )
            .status,
            401
        );
    }
    let bearer = format!("Bearer {token}");
    assert_eq!(
        http(&addr, "GET", "/metrics", &[("Authorization", &bearer)]).status,
        200
    );
    let by_query = http(&addr, "GET", &format!("/?token={token}"), &[]);
    assert_eq!(by_query.status, 200);
    let cookie = by_query
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("livedbctl_token="));
    assert!(by_query.header("set-cookie").unwrap().contains("HttpOnly"));
    assert_eq!(
        http(
            &addr,
            "GET",
            "/api/snapshot?history=0",
            &[("Cookie", &cookie)]
        )
        .status,
        200
    );
    drop(dash);

    // A given token is used, never echoed; a short one is refused.
    let dash = Dash::start(
        &scope,
        &["--listen", "0.0.0.0:0", "--token", "0123456789abcdef-given"],
    );
    assert_eq!(dash.listening["token"], Value::Null);
    assert_eq!(
        http(
            &dash.addr(),
            "GET",
            "/healthz",
            &[("Authorization", "Bearer 0123456789abcdef-given")]
        )
        .status,
        200
    );
    drop(dash);
    scope
        .run(&["dashboard", "--listen", "0.0.0.0:0", "--token", "short"])
        .code(2);
}

#[test]
fn a_service_that_is_down_is_reported_and_does_not_stall_the_sampler() {
    let scope = prepared("dash_down");
    // The same profile with Redis on a port nothing listens on.
    let closed = free_port();
    let profile = std::fs::read_to_string(&scope.profile).unwrap().replace(
        &format!("redis://127.0.0.1:{}", scope.stack.redis_port),
        &format!("redis://127.0.0.1:{closed}"),
    );
    std::fs::write(&scope.profile, profile).unwrap();
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0", "--interval", "500ms"]);
    let s = dash.wait_snapshot("health probed", |s| {
        s["services"].as_array().is_some_and(|v| v.len() == 3)
            && s["seq"].as_u64().unwrap_or(0) >= 3
    });
    let svc = |name: &str| {
        s["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["service"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(svc("redis")["up"], false);
    // As `infra status` says it: this stack's Redis record is alive, the address refuses.
    let redis = svc("redis");
    assert!(
        ["stopped", "unresponsive"].contains(&redis["state"].as_str().unwrap())
            && redis["detail"].as_str().unwrap().contains("refused"),
        "{redis}"
    );
    assert_eq!(svc("postgres")["up"], true);
    assert_eq!(s["redis"]["up"], false);
    assert!(s["redis"]["error"].as_str().is_some());
    assert_eq!(s["postgres"]["up"], true);
    assert_eq!(s["kafka"]["up"], true);
    // Refused at once: the samples keep their pace.
    assert!(
        s["sampler"]["sample_duration_ms"].as_u64().unwrap() < 3000,
        "{}",
        s["sampler"]
    );
    let fams = parse_metrics(&dash.get("/metrics").body);
    assert_eq!(
        sample(&fams, "livedbctl_service_up", &[("service", "redis")]),
        Some(0.0)
    );
    assert_eq!(sample(&fams, "livedbctl_redis_up", &[]), Some(0.0));
}

#[test]
fn sigterm_stops_the_dashboard_while_a_page_streams() {
    let scope = prepared("dash_stop");
    let mut dash = Dash::start(&scope, &["--listen", "127.0.0.1:0"]);
    let addr = dash.addr();
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(format!("GET /api/stream HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
        .unwrap();
    let mut r = BufReader::new(s);
    let mut line = String::new();
    while !line.starts_with("event: snapshot") {
        line.clear();
        assert!(r.read_line(&mut line).unwrap() > 0, "stream ended early");
    }
    sigterm(dash.child.id());
    let status = wait_some("the dashboard to exit", DEADLINE, || {
        dash.child.try_wait().unwrap()
    });
    assert!(status.success(), "{status:?}");
}

/// Transactions PostgreSQL counted for `db` (every statement outside a transaction is one).
fn xacts(scope: &Scope, db: &str) -> i64 {
    scope
        .stack
        .psql(
            "livedb",
            &format!(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{db}'"
            ),
        )
        .parse()
        .unwrap()
}

/// Open `n` streams and keep reading them until `stop` is set.
fn viewers(
    addr: &str,
    n: usize,
    stop: &std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> Vec<std::thread::JoinHandle<usize>> {
    (0..n)
        .map(|_| {
            let (addr, stop) = (addr.to_string(), stop.clone());
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(&addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                s.write_all(format!("GET /api/stream HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
                    .unwrap();
                let mut r = BufReader::new(s);
                let mut events = 0;
                let mut line = String::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    line.clear();
                    match r.read_line(&mut line) {
                        Ok(0) => break,
                        Ok(_) if line.starts_with("event: snapshot") => events += 1,
                        _ => {}
                    }
                }
                events
            })
        })
        .collect()
}

#[test]
fn ten_viewers_cost_the_database_no_more_than_one() {
    let scope = prepared("dash_viewers");
    scope.run(&["seed", "burst", "--rows", "5", "--once"]).ok();
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0", "--interval", "1s"]);
    dash.wait_snapshot("a few samples", |s| s["seq"].as_u64().unwrap_or(0) >= 3);
    let window = Duration::from_secs(20);
    // Costs per sample, not per second: how many samples a window holds depends on how
    // busy the machine is (the sampler's pace slows under load), what one sample costs
    // does not. The pace itself is checked too: viewers must not make samples.
    let measure = |n: usize| -> (f64, f64, usize, f64) {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let handles = viewers(&dash.addr(), n, &stop);
        std::thread::sleep(Duration::from_secs(2)); // the streams are open
        let first = dash.snapshot();
        let (x0, s0, q0, t0) = (
            xacts(&scope, &scope.dbname),
            first["sampler"]["pg_statements_total"].as_f64().unwrap(),
            first["seq"].as_u64().unwrap(),
            Instant::now(),
        );
        // A measurement window, not a wait for a condition: the rate is the result.
        std::thread::sleep(window);
        let last = dash.snapshot();
        let (x1, s1, q1) = (
            xacts(&scope, &scope.dbname),
            last["sampler"]["pg_statements_total"].as_f64().unwrap(),
            last["seq"].as_u64().unwrap(),
        );
        let secs = t0.elapsed().as_secs_f64();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let events: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
        let samples = (q1 - q0).max(1) as f64;
        (
            (x1 - x0) as f64 / samples,
            (s1 - s0) / samples,
            events,
            samples / secs,
        )
    };
    let (db_one, sampler_one, events_one, pace_one) = measure(1);
    let (db_ten, sampler_ten, events_ten, pace_ten) = measure(10);
    eprintln!("transactions per sample at the database: 1 viewer {db_one:.2}, 10 viewers {db_ten:.2}; sampler statements per sample {sampler_one:.2} vs {sampler_ten:.2}; samples/s {pace_one:.2} vs {pace_ten:.2}; events received {events_one} vs {events_ten}");
    assert!(
        events_one >= 5 && events_ten >= 50,
        "the viewers did receive snapshots"
    );
    assert!(db_one > 0.0, "the sampler queries the database");
    // One sample a second (--interval 1s) at the most, however many watch.
    assert!(
        pace_one <= 1.2 && pace_ten <= 1.2,
        "viewers made samples: {pace_one:.2}/s with one, {pace_ten:.2}/s with ten"
    );
    // Statistics reach pg_stat_database with up to a second's delay: allow one flush's worth.
    assert!(
        db_ten <= db_one * 1.2 + 1.0,
        "ten viewers cost the database more: {db_ten:.2} vs {db_one:.2} transactions a sample"
    );
    assert!(
        sampler_ten <= sampler_one * 1.2 + 0.5,
        "{sampler_ten} vs {sampler_one} statements a sample"
    );
}

#[test]
fn top_refuses_without_a_terminal_and_prints_one_snapshot_as_json() {
    let scope = prepared("dash_top_json");
    let r = scope.run(&["top"]).code(2);
    assert!(r.stderr.contains("needs a terminal"), "{}", r.stderr);
    let r = scope
        .run(&["-o", "json", "top", "--interval", "300ms"])
        .ok();
    let s = r.json();
    assert!(s["seq"].as_u64().unwrap() >= 2);
    assert_eq!(s["postgres"]["up"], true);
    assert_eq!(s["kafka"]["up"], true);
    assert_eq!(s["redis"]["up"], true);
}

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("tmux");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn top_in_tmux_quits_on_q_and_restores_the_terminal() {
    let scope = prepared("dash_tmux");
    let session = format!("livedbctl-top-{}", std::process::id());
    let socket = scope.dir.join("tmux.sock");
    let sock = socket.to_str().unwrap().to_string();
    let done = scope.dir.join("stty-after.txt");
    let script = format!(
        "stty -a > '{before}'; PATH='{path}' '{bin}' --config '{profile}' top --interval 500ms; echo \"exit=$?\" > '{done}'; stty -a >> '{done}'; sleep 600",
        before = scope.dir.join("stty-before.txt").display(),
        path = test_path(),
        bin = bin().display(),
        profile = scope.profile.display(),
        done = done.display(),
    );
    let status = Command::new("tmux")
        .args([
            "-S",
            &sock,
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "120",
            "-y",
            "40",
            "sh",
            "-c",
            &script,
        ])
        .env_remove("TMUX")
        .status()
        .expect("tmux");
    assert!(status.success());
    struct Kill(String);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = Command::new("tmux")
                .args(["-S", &self.0, "kill-server"])
                .status();
        }
    }
    let _kill = Kill(sock.clone());
    let screen = wait_some("top on the screen", DEADLINE, || {
        let s = tmux(&["-S", &sock, "capture-pane", "-p", "-t", &session]);
        (s.contains("livedbctl top") && s.contains("postgres") && s.contains("stages")).then_some(s)
    });
    assert_eq!(
        tmux(&[
            "-S",
            &sock,
            "display-message",
            "-p",
            "-t",
            &session,
            "#{alternate_on}"
        ])
        .trim(),
        "1",
        "top draws on the alternate screen:\n{screen}"
    );
    // Switch panels and pause: the screen follows the keys.
    tmux(&["-S", &sock, "send-keys", "-t", &session, "2"]);
    wait_some("the groups panel", DEADLINE, || {
        let s = tmux(&["-S", &sock, "capture-pane", "-p", "-t", &session]);
        (s.contains("group") && s.contains("members") || s.contains("no consumer groups"))
            .then_some(())
    });
    tmux(&["-S", &sock, "send-keys", "-t", &session, "p"]);
    wait_some("PAUSED", DEADLINE, || {
        tmux(&["-S", &sock, "capture-pane", "-p", "-t", &session])
            .contains("PAUSED")
            .then_some(())
    });
    tmux(&["-S", &sock, "send-keys", "-t", &session, "q"]);
    let after = wait_some("top to exit", DEADLINE, || {
        std::fs::read_to_string(&done)
            .ok()
            .filter(|s| s.lines().count() > 2)
    });
    assert!(after.starts_with("exit=0"), "{after}");
    // Raw mode is off again: canonical input and echo, as before.
    let before = std::fs::read_to_string(scope.dir.join("stty-before.txt")).unwrap();
    for flag in ["icanon", "echo", "isig"] {
        let on = |s: &str| s.split_whitespace().any(|w| w == flag);
        assert!(on(&before) && on(&after), "{flag} not restored:\n{after}");
    }
    assert_eq!(
        tmux(&[
            "-S",
            &sock,
            "display-message",
            "-p",
            "-t",
            &session,
            "#{alternate_on}"
        ])
        .trim(),
        "0",
        "the alternate screen was left"
    );
}

/// 2027-01-01T00:00:00Z: event times of the stream test, far from the clock.
const STREAM_T0: i64 = 1_798_761_600_000;

/// An event as `produce poll` publishes it.
fn order_event(id: u64, t_ms: i64, region: &str, amount: &str) -> String {
    let at = chrono::DateTime::from_timestamp_millis(t_ms)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ");
    format!(
        "{{\"id\":{id},\"payload\":{{\"org\":\"acme\",\"amount\":\"{amount}\",\"region\":\"{region}\"}},\"meta\":{{\"created_at\":\"{at}\"}}}}\n"
    )
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

fn stream_job_of<'a>(s: &'a Value, name: &str) -> Option<&'a Value> {
    s["stream_jobs"]
        .as_array()?
        .iter()
        .find(|j| j["name"] == name && j["engine"] == "builtin")
}

#[test]
fn a_stream_run_shows_its_run_checkpoint_and_results_and_flink_down_is_no_error() {
    let scope = prepared("dash_stream");
    // A Flink that does not answer: shown as unreachable, the rest of the snapshot intact.
    let closed = free_port();
    let mut profile = std::fs::read_to_string(&scope.profile).unwrap();
    profile.push_str(&format!("flink:\n  url: http://127.0.0.1:{closed}\n"));
    std::fs::write(&scope.profile, profile).unwrap();

    // Two regions in the first minute, then an event two minutes on: the first window
    // closes (watermark delay 0) and its results are written; the last one stays open.
    let t0 = STREAM_T0;
    let events = [
        order_event(1, t0 + 1_000, "us-east", "10.00"),
        order_event(2, t0 + 20_000, "us-east", "2.50"),
        order_event(3, t0 + 30_000, "eu-west", "1.00"),
        order_event(4, t0 + 120_000, "us-east", "5.00"),
    ]
    .concat();
    scope
        .kafka_stdin(&["produce", &scope.topic, "--key-field", "id"], &events)
        .ok();
    let name = "dash-rev";
    let job = stream_job(&scope, name, "meta.created_at", "{tumble: 1m}", "on_close");
    let mut run = scope.spawn_logged(
        "run",
        &["stream", "run", job.to_str().unwrap(), "-f", "200ms"],
    );
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0", "--interval", "500ms"]);
    let s = wait_some(
        "the running job with its checkpoint and results",
        DEADLINE,
        || {
            let s = dash.snapshot();
            let shown = stream_job_of(&s, name).is_some_and(|j| {
                j["running"] == true
                    && j["checkpoint"]["emitted_watermark_ms"]
                        .as_i64()
                        .is_some_and(|w| w >= t0 + 60_000 - 1)
                    && j["windows"].as_u64().is_some_and(|n| n >= 2)
            });
            (shown || run.try_wait().unwrap().is_some()).then_some(s)
        },
    );
    assert!(
        run.try_wait().unwrap().is_none(),
        "stream run exited: {:?}",
        scope.output_of("run")
    );
    let j = stream_job_of(&s, name).unwrap();
    assert_eq!(j["state"], "running");
    assert_eq!(j["source_topic"], scope.topic.as_str());
    assert_eq!(j["group"], "livedbctl-stream-dash-rev");
    // The holder is this run: its application_name carries the process's pid.
    let app = j["holder"]["application_name"].as_str().unwrap();
    assert!(
        app.starts_with(&format!("livedbctl stream run {name} (pid {} ", run.id())),
        "{app}"
    );
    assert!(j["started_at_ms"].as_i64().is_some() && j["duration_ms"].as_i64().is_some());

    // The checkpoint as PostgreSQL has it (psql, an independent client). Nothing new
    // arrives, so the saved row stops moving and the snapshot shows it as it is.
    let text = |v: &Value| v.as_i64().map(|x| x.to_string()).unwrap_or_default();
    let mut seen = String::new();
    let s = wait_some(
        "the snapshot's checkpoint to be the saved row",
        DEADLINE,
        || {
            let row = scope.psql(&format!(
                "SELECT checkpoint->>'watermark_ms', checkpoint->>'emitted_watermark_ms', \
             (extract(epoch FROM saved_at) * 1000)::bigint, consumer_group, topic \
             FROM livedbctl_stream_checkpoints WHERE job = '{name}'"
            ));
            let s = dash.snapshot();
            let cp = &stream_job_of(&s, name)?["checkpoint"];
            let shown = format!(
                "{}|{}|{}|livedbctl-stream-dash-rev|{}",
                text(&cp["watermark_ms"]),
                text(&cp["emitted_watermark_ms"]),
                text(&cp["saved_at_ms"]),
                scope.topic
            );
            seen = format!("psql: {row}; snapshot: {shown}");
            (row == shown).then_some(s)
        },
    );
    eprintln!("{seen}");
    let j = stream_job_of(&s, name).unwrap();
    let cp = &j["checkpoint"];
    assert!(
        cp["offsets"].as_object().is_some_and(|o| !o.is_empty()),
        "{cp}"
    );

    // Its group (listed every few rounds) is the job's: kind stream, drawn as the job, the
    // same lag.
    let s = dash.wait_snapshot("the job's group listed", |s| {
        s["kafka"]["groups"]
            .as_array()
            .is_some_and(|g| g.iter().any(|g| g["group"] == "livedbctl-stream-dash-rev"))
    });
    let j = stream_job_of(&s, name).unwrap();
    let group = s["kafka"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "livedbctl-stream-dash-rev")
        .unwrap();
    assert_eq!(group["kind"], "stream");
    assert_eq!(group["sink"], "stream:dash-rev");
    assert_eq!(j["lag"], group["lag"]);
    let nodes = s["flow"]["nodes"].as_array().unwrap();
    assert!(nodes.iter().any(|n| n["id"] == "stream:dash-rev"));
    assert!(!nodes
        .iter()
        .any(|n| n["id"] == "group:livedbctl-stream-dash-rev"));
    assert!(s["flow"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["from"] == format!("topic:{}", scope.topic) && e["to"] == "stream:dash-rev"));

    // Its results: the closed window, as the Redis sink wrote it (redis-cli to compare).
    let set = s["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["source"] == "stream" && r["name"] == name)
        .expect("the job's results");
    assert_eq!(set["location"], "redis:livedb:stream:dash-rev:windows");
    let window = |key: &str| {
        set["windows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["key"] == key && w["window_start_ms"] == t0)
            .unwrap_or_else(|| panic!("no window {key} at {t0}: {set}"))
            .clone()
    };
    let us = window("us-east");
    assert_eq!(us["values"]["orders"], 2.0);
    assert_eq!(us["values"]["revenue"], 12.5);
    assert_eq!(us["kind"], "final");
    assert!(
        us["values"].get("region").is_none(),
        "a group column is not a value: {us}"
    );
    assert_eq!(window("eu-west")["values"]["orders"], 1.0);
    let hash = scope.redis_cli(&[
        "HGET",
        &format!("livedb:stream:{name}:window:{t0}:us-east"),
        "revenue",
    ]);
    assert_eq!(hash, "12.50");

    // Flink: named by the profile, not answering; nothing else is affected.
    assert_eq!(s["flink"]["up"], false, "{}", s["flink"]);
    assert_eq!(s["flink"]["state"], "unreachable");
    assert!(s["flink"]["error"].as_str().is_some());
    assert_eq!(s["postgres"]["up"], true);
    assert_eq!(s["kafka"]["up"], true);
    assert!(s["stream_jobs_error"].is_null());

    let fams = parse_metrics(&dash.get("/metrics").body);
    let labels = [("job", name), ("engine", "builtin")];
    assert_eq!(
        sample(&fams, "livedbctl_stream_job_running", &labels),
        Some(1.0)
    );
    assert_eq!(
        sample(
            &fams,
            "livedbctl_stream_job_watermark_timestamp_seconds",
            &labels
        ),
        Some(cp["emitted_watermark_ms"].as_f64().unwrap() / 1000.0)
    );
    assert!(sample(
        &fams,
        "livedbctl_stream_job_checkpoint_timestamp_seconds",
        &labels
    )
    .is_some());
    assert_eq!(sample(&fams, "livedbctl_flink_up", &[]), Some(0.0));

    // Stopped: the lock is released, the checkpoint stays.
    terminate(&run);
    assert!(
        run.wait().unwrap().success(),
        "{:?}",
        scope.output_of("run")
    );
    let s = dash.wait_snapshot("the job stopped", |s| {
        stream_job_of(s, name).is_some_and(|j| j["running"] == false)
    });
    let j = stream_job_of(&s, name).unwrap();
    assert_eq!(j["state"], "stopped");
    assert!(j["holder"].is_null());
    assert!(j["checkpoint"]["saved_at_ms"].as_i64().is_some());
    let fams = parse_metrics(&dash.get("/metrics").body);
    assert_eq!(
        sample(&fams, "livedbctl_stream_job_running", &labels),
        Some(0.0)
    );
}
