//! Alert changes delivered through `--alert-exec` and `--webhook` by a running dashboard:
//! a real command, a local receiver that fails on purpose, one that never answers.

use super::*;

struct Receiver {
    addr: String,
    bodies: Arc<Mutex<Vec<Value>>>,
    requests: Arc<AtomicUsize>,
}

impl Receiver {
    fn start(fail_first: usize) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(AtomicUsize::new(0));
        let (b, r) = (bodies.clone(), requests.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let n = r.fetch_add(1, Ordering::SeqCst);
                if let Some(body) = read_request(&conn) {
                    let ok = n >= fail_first;
                    if ok {
                        b.lock().unwrap().push(body);
                    }
                    let status = if ok {
                        "200 OK"
                    } else {
                        "503 Service Unavailable"
                    };
                    let mut conn = conn;
                    let _ = conn.write_all(
                        format!(
                            "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                }
            }
        });
        Receiver {
            addr,
            bodies,
            requests,
        }
    }

    fn url(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    fn bodies(&self) -> Vec<Value> {
        self.bodies.lock().unwrap().clone()
    }
}

/// The JSON body of one HTTP request.
fn read_request(conn: &TcpStream) -> Option<Value> {
    conn.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let mut r = BufReader::new(conn);
    let mut len = 0usize;
    let mut json = false;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().ok()?;
            }
            if k.eq_ignore_ascii_case("content-type") && v.contains("application/json") {
                json = true;
            }
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    assert!(json, "the webhook body is sent as application/json");
    serde_json::from_slice(&body).ok()
}

/// A running `livedbctl dashboard` (stdout and stderr in the scope's folder), stopped when
/// dropped.
struct Dash {
    child: Child,
    addr: String,
}

impl Drop for Dash {
    fn drop(&mut self) {
        terminate(&self.child);
        let _ = self.child.wait();
    }
}

impl Dash {
    fn start(scope: &Scope, name: &str, args: &[&str]) -> Dash {
        let mut all = vec![
            "-o",
            "json",
            "dashboard",
            "--listen",
            "127.0.0.1:0",
            "--interval",
            "500ms",
        ];
        all.extend_from_slice(args);
        let child = scope.spawn_logged(name, &all);
        let listening: Value = wait_some("the dashboard's address", || {
            let (out, _) = scope.output_of(name);
            out.lines()
                .next()
                .and_then(|l| serde_json::from_str(l).ok())
        });
        Dash {
            child,
            addr: listening["address"].as_str().unwrap().to_string(),
        }
    }

    fn get(&self, path: &str) -> String {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(
            format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr
            )
            .as_bytes(),
        )
        .unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        let body = raw.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
        // axum answers /metrics and /api/snapshot with a length, not in chunks.
        body.to_string()
    }

    fn snapshot(&self) -> Value {
        serde_json::from_str(&self.get("/api/snapshot")).unwrap()
    }

    /// The value of `livedbctl_alert_firing{rule="RULE"}`, as /metrics says.
    fn firing(&self, rule: &str) -> Option<f64> {
        let want = format!(
            "livedbctl_alert_firing{{rule=\"{}\"}} ",
            rule.replace('\\', "\\\\").replace('"', "\\\"")
        );
        self.get("/metrics")
            .lines()
            .find_map(|l| l.strip_prefix(&want).and_then(|v| v.trim().parse().ok()))
    }
}

/// What the page's alerts box shows once a rule is in `state` (`tests/browser/alerts.mjs`,
/// headless Chromium).
fn page_alerts(dash: &Dash, state: &str) -> Value {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "playwright-core is not installed: run scripts/setup.sh (npm ci in tests/browser)"
    );
    let out = std::process::Command::new("node")
        .arg(browser_dir.join("alerts.mjs"))
        .arg(format!("http://{}/", dash.addr))
        .arg(state)
        .current_dir(&browser_dir)
        .output()
        .expect("node");
    let said = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(said.lines().last().unwrap_or("")).unwrap_or_else(|_| {
        panic!(
            "alerts.mjs said: {said:?} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(out.status.success() && v.get("error").is_none(), "{v}");
    v
}

fn exec_events(file: &Path) -> Vec<Value> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("exec got {l:?}: {e}")))
        .collect()
}

fn statuses(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["status"].as_str().unwrap_or("?").to_string())
        .collect()
}

#[test]
fn the_dashboard_fires_and_resolves_through_a_command_and_a_webhook() {
    let scope = stack().scope("alerts_dash");
    let (topic, group) = ("alerts_dash_t", "alerts-dash-readers");
    lagging_group(&scope, topic, group, 30, 5);

    // The webhook fails twice before it takes anything: the first change goes through on
    // the third try.
    let hook = Receiver::start(2);
    let events_file = scope.dir.join("exec_events.jsonl");
    let env_file = scope.dir.join("exec_env.txt");
    let script = scope.dir.join("on_alert.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n# One event a line; and what the environment said.\ncat >> '{events}'\necho >> '{events}'\necho \"$LIVEDB_ALERT_STATUS $LIVEDB_ALERT_RULE\" >> '{env}'\n",
            events = events_file.display(),
            env = env_file.display()
        ),
    )
    .unwrap();
    let rule = format!("lag{{group={group}}} > 10");
    let dash = Dash::start(
        &scope,
        "dash",
        &[
            "--alert",
            &rule,
            "--alert-exec",
            &format!("sh {}", script.display()),
            "--webhook",
            &hook.url(),
        ],
    );

    wait_some("the rule firing on /metrics", || {
        dash.firing(&rule).filter(|v| *v == 1.0)
    });
    let fired = wait_some(
        "the firing event through the command and the webhook",
        || {
            let e = exec_events(&events_file);
            let w = hook.bodies();
            (!e.is_empty() && !w.is_empty()).then(|| (e[0].clone(), w[0].clone()))
        },
    );
    for event in [&fired.0, &fired.1] {
        assert_eq!(event["type"], "alert", "{event}");
        assert_eq!(event["status"], "firing", "{event}");
        assert_eq!(event["rule"], rule.as_str(), "{event}");
        assert_eq!(event["metric"], "lag", "{event}");
        assert_eq!(event["value"], 25.0, "{event}");
        assert_eq!(
            event["subjects"][0]["subject"],
            format!("group:{group}"),
            "{event}"
        );
        assert!(event["fired_at_ms"].is_i64(), "{event}");
        assert!(
            !event.to_string().contains(&scope.stack.password),
            "a secret in {event}"
        );
    }
    assert_eq!(
        fired.0, fired.1,
        "the command and the webhook get the same event"
    );
    // The webhook's answer is counted once it came (the receiver kept the body first).
    let (s, webhook) = wait_some("the webhook's delivery counted", || {
        let s = dash.snapshot();
        let w = s["alerts"]["delivery"]
            .as_array()?
            .iter()
            .find(|d| d["via"] == "webhook" && d["delivered"] == 1)
            .cloned()?;
        Some((s, w))
    });
    let a = &s["alerts"]["rules"][0];
    assert_eq!(a["state"], "firing", "{a}");
    assert_eq!(s["alerts"]["firing"], 1);
    assert_eq!(webhook["delivered"], 1, "{webhook}");
    assert_eq!(webhook["retries"], 2, "{webhook}");
    assert_eq!(webhook["failed"], 0, "{webhook}");
    assert_eq!(hook.requests.load(Ordering::SeqCst), 3);
    // The page's box shows it, in a real browser.
    let page = page_alerts(&dash, "firing");
    assert_eq!(page["visible"], true, "{page}");
    assert_eq!(page["rules"][0]["rule"], rule.as_str(), "{page}");
    assert_eq!(page["rules"][0]["value"], "25", "{page}");
    assert!(
        page["line"].as_str().unwrap().starts_with("1 firing"),
        "{page}"
    );

    // Caught up: resolved, delivered both ways, 0 on /metrics.
    consume(&scope, topic, group, 25, false);
    wait_some("the rule back to 0 on /metrics", || {
        dash.firing(&rule).filter(|v| *v == 0.0)
    });
    let (e, w) = wait_some(
        "the resolved event through the command and the webhook",
        || {
            let e = exec_events(&events_file);
            let w = hook.bodies();
            (e.len() >= 2 && w.len() >= 2).then_some((e, w))
        },
    );
    assert_eq!(statuses(&e), ["firing", "resolved"], "{e:?}");
    assert_eq!(statuses(&w), ["firing", "resolved"], "{w:?}");
    assert_eq!(e[1]["resolved_at_ms"], w[1]["resolved_at_ms"]);
    assert!(
        e[1]["resolved_at_ms"].as_i64() >= e[1]["fired_at_ms"].as_i64(),
        "{}",
        e[1]
    );
    let page = page_alerts(&dash, "resolved");
    assert_eq!(page["rules"][0]["state"], "resolved", "{page}");
    let env = std::fs::read_to_string(&env_file).unwrap();
    assert_eq!(env, format!("firing {rule}\nresolved {rule}\n"));
    let s = dash.snapshot();
    assert_eq!(
        s["alerts"]["rules"][0]["state"], "resolved",
        "{}",
        s["alerts"]
    );
    let (_, stderr) = scope.output_of("dash");
    assert!(
        stderr.contains(&format!("alert firing: {rule}")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("alert resolved: {rule}")),
        "{stderr}"
    );
}

fn delivery<'a>(s: &'a Value, via: &str) -> Option<&'a Value> {
    s["alerts"]["delivery"]
        .as_array()?
        .iter()
        .find(|d| d["via"] == via)
}

#[test]
fn a_dead_webhook_and_a_hanging_command_are_reported_while_sampling_goes_on() {
    let scope = stack().scope("alerts_dead");
    // Always holds: fires on the first sample.
    let rule = "dead_letters >= 0";

    // A receiver that takes the connection and never answers: every try waits out the
    // 5 s timeout, 5 tries, while the command hangs until it is stopped.
    let hole = TcpListener::bind("127.0.0.1:0").unwrap();
    let hole_addr = hole.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in hole.incoming().flatten() {
            held.push(conn);
        }
    });
    let dash = Dash::start(
        &scope,
        "hole",
        &[
            "--alert",
            rule,
            "--alert-exec",
            "sleep 600",
            "--alert-exec-timeout",
            "1s",
            "--webhook",
            &format!("http://{hole_addr}/hook"),
        ],
    );
    let first = wait_some("the rule firing", || {
        let s = dash.snapshot();
        (s["alerts"]["firing"] == 1).then_some(s)
    });
    // Samples keep coming while the webhook is still being tried.
    let in_flight = wait_some("4 more samples while the webhook is tried", || {
        let s = dash.snapshot();
        let w = delivery(&s, "webhook")?;
        assert!(
            w["failed"] == 0 && w["delivered"] == 0,
            "gave up too early: {w}"
        );
        (s["seq"].as_u64()? >= first["seq"].as_u64()? + 4).then_some(s)
    });
    let exec = delivery(&in_flight, "exec").unwrap();
    assert_eq!(exec["target"], "sleep …", "{exec}");
    let s = wait_some("both deliveries reported failed", || {
        let s = dash.snapshot();
        let failed = |via: &str| delivery(&s, via).is_some_and(|d| d["failed"] == 1);
        (failed("exec") && failed("webhook")).then_some(s)
    });
    let exec = delivery(&s, "exec").unwrap();
    assert!(
        exec["last_error"]
            .as_str()
            .unwrap()
            .contains("did not finish within 1s"),
        "{exec}"
    );
    let webhook = delivery(&s, "webhook").unwrap();
    assert!(
        webhook["last_error"]
            .as_str()
            .unwrap()
            .contains("did not answer in time"),
        "{webhook}"
    );
    assert_eq!(webhook["retries"], 4, "{webhook}");
    assert_eq!(s["alerts"]["firing"], 1);
    let metrics = dash.get("/metrics");
    assert!(
        metrics
            .lines()
            .any(|l| l == r#"livedbctl_alert_delivery_failures_total{via="webhook"} 1.0"#),
        "{metrics}"
    );
    let (_, stderr) = scope.output_of("hole");
    assert!(
        stderr.contains("alert delivery through webhook"),
        "{stderr}"
    );
    assert!(stderr.contains("alert delivery through exec"), "{stderr}");
    drop(dash);

    // A port nothing listens on, in a URL with a password.
    let refused = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().to_string()
    };
    let dash = Dash::start(
        &scope,
        "refused",
        &[
            "--alert",
            rule,
            "--webhook",
            &format!("http://user:hunter2@{refused}/hook"),
        ],
    );
    let s = wait_some("the refused webhook reported failed", || {
        let s = dash.snapshot();
        delivery(&s, "webhook")
            .is_some_and(|d| d["failed"] == 1)
            .then_some(s)
    });
    let webhook = delivery(&s, "webhook").unwrap();
    assert!(
        webhook["last_error"]
            .as_str()
            .unwrap()
            .contains("cannot connect"),
        "{webhook}"
    );
    assert_eq!(
        webhook["target"],
        format!("http://{refused}/…"),
        "{webhook}"
    );
    assert!(
        !s.to_string().contains("hunter2"),
        "a password in the snapshot"
    );
    assert!(!dash.get("/metrics").contains("hunter2"));
    let (_, stderr) = scope.output_of("refused");
    assert!(
        stderr.contains("alert delivery through webhook"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
}
