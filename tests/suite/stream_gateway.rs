//! `stream submit` through a SQL Gateway, against a stand-in that follows the documented
//! REST contract (tests/support/sql_gateway.py): the Flink wheels used here carry no SQL
//! Gateway, so this client is not tested against a real one.

use std::path::PathBuf;

use crate::harness::snapshot::shown;
use crate::harness::*;
use serde_json::Value;

/// The SQL Gateway stand-in, with a profile whose `flink.sql_gateway_url` points at it.
fn fake_gateway(tag: &str) -> StandIn {
    StandIn::start("sql_gateway.py", tag, "gw.yaml", |port, _| {
        format!(
            "kafka:\n  brokers: 127.0.0.1:59092\n  properties:\n    security.protocol: SASL_SSL\n    sasl.password: kafka-secret-pw\n\
             flink:\n  url: http://127.0.0.1:9\n  sql_gateway_url: http://127.0.0.1:{port}\n"
        )
    })
}

/// A stream job over `db_live_events` with two Kafka sinks, in the stand-in's folder.
fn job(gw: &StandIn, name: &str) -> PathBuf {
    let p = gw.dir.join(format!("{name}.yaml"));
    std::fs::write(
        &p,
        format!(
            "name: {name}\nsource: {{topic: db_live_events, time: meta.created_at}}\n\
             group_by: [payload.region]\nwindow: {{tumble: 1m}}\n\
             aggregates: {{orders: count, revenue: sum(payload.amount)}}\n\
             sinks:\n  - kafka: {{topic: a}}\n  - kafka: {{topic: b}}\n"
        ),
    )
    .unwrap();
    p
}

#[test]
fn submit_runs_every_statement_in_one_session_and_reports_the_job() {
    let gw = fake_gateway("gateway_ok");
    let job = job(&gw, "revenue");
    let r = gw
        .run(&["-o", "json", "stream", "submit", job.to_str().unwrap()])
        .ok();
    let v = r.json();
    assert_eq!(v["via"], "sql-gateway");
    assert_eq!(v["job"], "revenue");
    let job_id = v["job_id"].as_str().unwrap().to_string();
    assert_eq!(job_id.len(), 32, "{v}");

    let plan = gw
        .run(&["-o", "json", "stream", "plan", job.to_str().unwrap()])
        .ok()
        .json();
    let planned: Vec<&str> = plan["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let reqs = gw.requests();
    assert_eq!(reqs[0]["method"], "POST");
    assert_eq!(reqs[0]["path"], "/v1/sessions");
    let session = reqs[1]["path"]
        .as_str()
        .unwrap()
        .split('/')
        .nth(3)
        .unwrap()
        .to_string();
    let sent: Vec<String> = reqs
        .iter()
        .filter(|r| r["method"] == "POST" && r["path"].as_str().unwrap().ends_with("/statements"))
        .map(|r| r["body"]["statement"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sent.len(), planned.len());
    for (s, p) in sent.iter().zip(&planned) {
        // The plan shows secrets as ********; the gateway gets the real ones.
        assert_eq!(s.replace("kafka-secret-pw", "********"), *p);
    }
    assert!(sent.iter().any(|s| s.contains("kafka-secret-pw")));
    assert!(!plan.to_string().contains("kafka-secret-pw"));
    assert!(
        sent.last().unwrap().starts_with("EXECUTE STATEMENT SET"),
        "two sinks, one job"
    );
    // Every operation was polled until it finished, then its result read.
    assert!(reqs
        .iter()
        .any(|r| r["path"].as_str().unwrap().ends_with("/status")));
    assert!(reqs
        .iter()
        .any(|r| r["path"].as_str().unwrap().contains("/result/0")));
    let last = reqs.last().unwrap();
    assert_eq!(last["method"], "DELETE");
    assert_eq!(last["path"], format!("/v1/sessions/{session}"));
}

/// What a user sees of a submission through the gateway.
#[test]
fn submit_human_output() {
    let gw = fake_gateway("gateway_human");
    let job = job(&gw, "revenue");
    let r = gw.run(&["stream", "submit", job.to_str().unwrap()]).ok();
    insta::assert_snapshot!("stream_submit_gateway", shown(&r));
}

#[test]
fn a_failing_statement_stops_the_submission_with_flinks_reason() {
    let gw = fake_gateway("gateway_fail");
    let job = job(&gw, "fail-me");
    let r = gw.run(&["stream", "submit", job.to_str().unwrap()]).code(1);
    assert!(r.stderr.contains("statement 1 failed"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Unable to create a source for reading table 'fail-me'"),
        "{}",
        r.stderr
    );
    let statements = gw
        .requests()
        .iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("/statements"))
        .count();
    assert_eq!(statements, 1, "nothing is sent after the failure");
    assert_eq!(gw.requests().last().unwrap()["method"], "DELETE");
}

#[test]
fn an_unreachable_gateway_is_a_connection_error() {
    let gw = fake_gateway("gateway_down");
    let profile = gw.dir.join("down.yaml");
    std::fs::write(&profile, "flink:\n  sql_gateway_url: http://127.0.0.1:9\n").unwrap();
    let job = job(&gw, "revenue");
    let mut c = livedbctl(&gw.dir);
    c.arg("--config")
        .arg(&profile)
        .args(["-o", "json", "stream", "submit", job.to_str().unwrap()]);
    let r = run(c).code(1);
    let err: Value = serde_json::from_str(r.stderr.lines().last().unwrap()).unwrap();
    assert_eq!(err["error"]["kind"], "connection");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Flink SQL Gateway"),
        "{err}"
    );
    assert!(
        err["error"]["hints"][0]
            .as_str()
            .unwrap()
            .contains("sql_gateway_url"),
        "{err}"
    );
}
