//! A group that stopped with a backlog, as the dashboard samples it: its whole backlog
//! counted (partitions it never committed on from their start, marked estimated), drawn
//! stalled (Burrow's rule), and its time behind present in (nearly) every sample.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::Stdio;

use super::*;

fn group_of<'a>(s: &'a Value, name: &str) -> Option<&'a Value> {
    s["kafka"]["groups"]
        .as_array()?
        .iter()
        .find(|g| g["group"] == name)
}

#[test]
fn a_stopped_group_with_a_backlog_is_stalled_estimated_and_always_behind() {
    let scope = stack().scope("dash_stalled");
    let (topic, group) = ("dash_stalled_t", "dash-stalled-readers");
    scope.run(&["topic", "create", topic, "-p", "3"]).ok();
    let lines: String = (0..150)
        .map(|i| format!("{{\"id\":\"k{i}\",\"n\":{i}}}\n"))
        .collect();
    let mut send = scope
        .cmd(&["produce", "send", topic, "--key-field", "id"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    send.stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    assert!(send.wait().unwrap().success());
    // The group reads 20 records of partition 0 and stops: 130 are left, 2 partitions
    // never committed on.
    scope
        .run(&[
            "consume", "tail", topic, "--group", group, "--from", "start", "-p", "0", "-n", "20",
        ])
        .ok();

    // A second group that moves while it lags: 10 more records of partition 0 at a time.
    let (moving_topic, moving) = ("dash_moving_t", "dash-moving-readers");
    scope
        .run(&["topic", "create", moving_topic, "-p", "1"])
        .ok();
    let lines: String = (0..2000)
        .map(|i| format!("{{\"id\":\"k{i}\",\"n\":{i}}}\n"))
        .collect();
    scope
        .run_stdin(
            &["produce", "send", moving_topic, "--key-field", "id"],
            &lines,
        )
        .ok();
    let read_some = |from: Option<&str>| {
        let mut args = vec![
            "consume",
            "tail",
            moving_topic,
            "--group",
            moving,
            "-n",
            "10",
            "-o",
            "json",
        ];
        if let Some(f) = from {
            args.extend(["--from", f]);
        }
        scope.run(&args).ok();
    };
    read_some(Some("start"));

    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0", "--interval", "500ms"]);
    // One reading per sample, by seq, for 30 samples after the groups first show, while
    // the moving group reads on.
    let mut seen: BTreeMap<u64, Value> = BTreeMap::new();
    let mut seen_moving: BTreeMap<u64, Value> = BTreeMap::new();
    let done = std::sync::atomic::AtomicBool::new(false);
    let s = std::thread::scope(|t| {
        t.spawn(|| {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                read_some(None);
            }
        });
        let s = wait_some("30 samples with the groups", DEADLINE, || {
            let s = dash.snapshot();
            let seq = s["seq"].as_u64().unwrap();
            if let Some(g) = group_of(&s, group) {
                seen.insert(seq, g.clone());
            }
            if let Some(g) = group_of(&s, moving) {
                seen_moving.insert(seq, g.clone());
            }
            (seen.len() >= 30 && seen_moving.len() >= 30).then_some(s)
        });
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        s
    });
    let committed: Vec<i64> = seen_moving
        .values()
        .filter_map(|g| g["partitions"][0]["committed"].as_i64())
        .collect();
    let moves = committed.windows(2).filter(|w| w[0] != w[1]).count();
    assert!(
        moves >= 5,
        "the moving group moved {moves} times: {committed:?}"
    );
    let later: Vec<&Value> = seen_moving
        .values()
        .skip(5)
        .filter(|g| g["lag"].as_i64().is_some_and(|l| l > 0))
        .collect();
    let with_behind = later
        .iter()
        .filter(|g| g["time_behind_ms"].is_i64())
        .count();
    assert!(
        with_behind * 10 >= later.len() * 9 && !later.is_empty(),
        "moving group: time behind in {with_behind} of {} lagging samples",
        later.len()
    );
    let g = group_of(&s, group).unwrap();
    assert_eq!(g["lag"], 130, "{g}");
    assert_eq!(g["lag_from"], "start", "{g}");
    let samples: Vec<&Value> = seen.values().collect();
    let later = &samples[5..];
    let with_behind = later
        .iter()
        .filter(|g| g["time_behind_ms"].is_i64())
        .count();
    assert!(
        with_behind + 1 >= later.len(),
        "time behind in {with_behind} of {} samples: {:?}",
        later.len(),
        later
            .iter()
            .map(|g| &g["time_behind_ms"])
            .collect::<Vec<_>>()
    );
    for p in g["partitions"].as_array().unwrap() {
        assert!(p["time_behind_ms"].is_i64(), "{p}");
    }

    // Its offsets do not move while it lags: stalled, drawn as a warning, on /metrics.
    let s = dash.wait_snapshot("the stopped group marked stalled", |s| {
        group_of(s, group).is_some_and(|g| g["trend"] == "stalled")
    });
    let node = s["flow"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == format!("group:{group}"))
        .unwrap_or_else(|| panic!("no flow node for {group}: {}", s["flow"]));
    assert_eq!(node["status"], "warn", "{node}");
    let fams = parse_metrics(&dash.get("/metrics").body);
    let labels = [("group", group)];
    assert_eq!(
        sample(&fams, "livedbctl_kafka_group_lag", &labels),
        Some(130.0)
    );
    assert_eq!(
        sample(&fams, "livedbctl_kafka_group_lag_estimated", &labels),
        Some(1.0)
    );
    let stalled = wait_some("kafka_group_stalled 1 on /metrics", DEADLINE, || {
        let fams = parse_metrics(&dash.get("/metrics").body);
        sample(&fams, "livedbctl_kafka_group_stalled", &labels).filter(|v| *v == 1.0)
    });
    assert_eq!(stalled, 1.0);
}

/// The page's layout rules in headless Chromium (`tests/browser/layout.mjs`): the slot-lag
/// chart's y axis fits "19.1 KiB", the time labels of a settled pipeline do not overlap,
/// and the flow's topics are ordered by their sources so the producer's and the CDC
/// engine's edges do not cross.
#[test]
fn the_page_keeps_axis_labels_whole_and_flow_edges_apart() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "playwright-core is not installed: run scripts/setup.sh (npm ci in tests/browser)"
    );
    let scope = stack().scope("dash_layout");
    let dash = Dash::start(&scope, &["--listen", "127.0.0.1:0"]);
    let out = Command::new("node")
        .arg(browser_dir.join("layout.mjs"))
        .arg(dash.url())
        .current_dir(&browser_dir)
        .stderr(Stdio::inherit())
        .output()
        .expect("node");
    let said = String::from_utf8_lossy(&out.stdout);
    let last: Value = serde_json::from_str(said.lines().last().unwrap_or(""))
        .unwrap_or_else(|_| panic!("layout.mjs said: {said:?}"));
    assert_eq!(last["step"], "done", "{last}");
    assert!(out.status.success(), "{said}");
}
