//! The dashboard as a server: the Host and token checks, a service down, SIGTERM with open streams, the cost of many viewers.

use super::*;

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

/// The status of a request written byte for byte (no Host added).
fn raw_status(addr: &str, request: &str) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    text.lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn rebinding_hosts_cross_site_requests_and_a_feed_without_the_page_token_are_refused() {
    let scope = prepared("dash_rebind");
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0"]);
    let addr = dash.addr();
    let port = addr.rsplit_once(':').unwrap().1.to_string();
    let with_host = |host: &str| http(&addr, "GET", "/api/snapshot?history=0", &[("Host", host)]);

    // Names a rebinding domain can take, or that are no exact loopback literal.
    for host in [
        "127.0.0.1.evil.example".to_string(),
        format!("127.0.0.1.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "localhost.evil".to_string(),
        format!("localhost.evil:{port}"),
        format!("127.1:{port}"),
        format!("2130706433:{port}"),
        format!("0x7f.0.0.1:{port}"),
        format!("[::1].evil.example:{port}"),
        format!("127.0.0.1:{port}.evil.example"),
        "evil.example".to_string(),
    ] {
        let r = with_host(&host);
        assert_eq!(r.status, 403, "Host: {host} got {} {}", r.status, r.body);
    }
    // A request without Host (HTTP/1.0): no browser sends one; refused too.
    assert_eq!(
        raw_status(&addr, "GET /api/snapshot?history=0 HTTP/1.0\r\n\r\n"),
        403
    );
    // Exact loopback names and literals, with or without the port.
    for host in [
        addr.clone(),
        "127.0.0.1".to_string(),
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("127.0.0.2:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(with_host(&host).status, 200, "Host: {host}");
    }

    // Another site's page, seen by its Origin or Sec-Fetch-Site.
    let own_origin = format!("http://{addr}");
    for path in ["/api/snapshot?history=0", "/api/stream", "/metrics"] {
        for (k, v) in [
            ("Origin", "http://evil.example"),
            ("Origin", "null"),
            ("Origin", "http://localhost.evil"),
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Site", "same-site"),
        ] {
            assert_eq!(
                http(&addr, "GET", path, &[(k, v)]).status,
                403,
                "{path} {k}: {v}"
            );
        }
    }
    let same = http(
        &addr,
        "GET",
        "/api/snapshot?history=0",
        &[("Origin", &own_origin), ("Sec-Fetch-Site", "same-origin")],
    );
    assert_eq!(same.status, 200, "{}", same.body);
    // The page itself may be opened from a link on another site.
    assert_eq!(
        http(&addr, "GET", "/", &[("Sec-Fetch-Site", "cross-site")]).status,
        200
    );

    // Following another topic: only with the token of the page this process served.
    let page = dash.get("/");
    let csrf = page
        .body
        .split(r#"<meta name="livedbctl-csrf" content=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page carries its token")
        .to_string();
    assert_eq!(csrf.len(), 32, "{csrf}");
    let wanted = format!("{}_other", scope.topic);
    let follow = |headers: &[(&str, &str)]| {
        http(&addr, "GET", &format!("/api/feed?topic={wanted}"), headers)
    };
    assert_eq!(follow(&[]).status, 403, "no token");
    assert_eq!(
        follow(&[("X-Livedbctl-Csrf", "0123456789abcdef0123456789abcdef")]).status,
        403,
        "a wrong token"
    );
    assert_eq!(
        follow(&[("X-Livedbctl-Csrf", &csrf[..31])]).status,
        403,
        "a token cut short"
    );
    // As a query parameter it is not the page's action either.
    assert_eq!(
        http(
            &addr,
            "GET",
            &format!("/api/feed?topic={wanted}&x-livedbctl-csrf={csrf}"),
            &[]
        )
        .status,
        403
    );
    let s = dash.snapshot();
    assert!(
        !s["feed_topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == wanted.as_str()),
        "followed without the token: {}",
        s["feed_topics"]
    );
    // With the token, from a cross-site page: still refused.
    assert_eq!(
        follow(&[
            ("X-Livedbctl-Csrf", &csrf),
            ("Sec-Fetch-Site", "cross-site")
        ])
        .status,
        403
    );
    let ok = follow(&[("X-Livedbctl-Csrf", &csrf)]);
    assert_eq!(ok.status, 200, "{}", ok.body);
    let v: Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(v["topic"], wanted.as_str());
    dash.wait_snapshot("the chosen topic followed", |s| {
        s["feed_topics"]
            .as_array()
            .is_some_and(|a| a.iter().any(|t| t == wanted.as_str()))
    });
    drop(dash);

    // Another process, another token: the first page's token does not carry over.
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0"]);
    let r = http(
        &dash.addr(),
        "GET",
        &format!("/api/feed?topic={wanted}"),
        &[("X-Livedbctl-Csrf", &csrf)],
    );
    assert_eq!(r.status, 403);
}
