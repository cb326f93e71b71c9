//! `top` in a terminal and as JSON, and stream jobs as the dashboard and top show them.

use super::*;

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
    for part in ["postgres", "kafka", "redis"] {
        assert_eq!(s[part]["up"], true, "{part}: {}", s[part]["error"]);
    }
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

/// 2026-01-01T00:00:00Z: event times of the stream test, far from the clock (in the
/// past: events more than source.max_future ahead of it are set aside).
const STREAM_T0: i64 = 1_767_225_600_000;

/// An event as `produce poll` publishes it.
fn order_event(id: u64, t_ms: i64, region: &str, amount: &str) -> String {
    let at = chrono::DateTime::from_timestamp_millis(t_ms)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ");
    format!(
        "{{\"id\":{id},\"payload\":{{\"org\":\"acme\",\"amount\":\"{amount}\",\"region\":\"{region}\"}},\"meta\":{{\"created_at\":\"{at}\"}}}}\n"
    )
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
