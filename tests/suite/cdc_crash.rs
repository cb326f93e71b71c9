//! Kill -9 the capture engine mid-stream, restart it, and check with an independent Kafka
//! client that every change arrived. Duplicates are allowed only for transactions that
//! were published but not yet confirmed on the slot (at-least-once): none at or before the
//! slot's confirmed position at the kill is sent again.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::Duration;

use crate::harness::*;
use serde_json::Value;

const TXS: usize = 150;
const ROWS_PER_TX: usize = 1000;

#[test]
fn kill_9_mid_stream_then_restart_delivers_everything() {
    let scope = stack().scope("cdc_crash");
    scope.psql("CREATE TABLE ev (id int PRIMARY KEY, payload text)");
    scope
        .run(&[
            "connector",
            "start",
            "c_crash",
            "--table",
            "public.ev",
            "--topic-prefix",
            "cdccrash",
            "--snapshot",
            "never",
            "--until-idle",
        ])
        .ok();
    for t in 0..TXS {
        let lo = t * ROWS_PER_TX + 1;
        let hi = lo + ROWS_PER_TX - 1;
        scope.psql(&format!(
            "INSERT INTO ev SELECT g, repeat('x', 100) || g FROM generate_series({lo}, {hi}) g"
        ));
    }
    let total = TXS * ROWS_PER_TX;
    let topic = "cdccrash.public.ev";
    let high = || -> u64 {
        scope.kafka_tool(&["offsets", topic]).ok().json()["0"][1]
            .as_u64()
            .unwrap_or(0)
    };

    let mut engine = scope.cmd(&["-o", "json", "connector", "start", "c_crash"]);
    engine.stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = engine.spawn().unwrap();
    let mut at_kill = 0;
    wait_for(
        "5,000 records on the topic",
        Duration::from_secs(300),
        || {
            at_kill = high();
            at_kill >= 5_000
        },
    );
    child.kill().unwrap(); // SIGKILL: no chance to flush or advance
    child.wait().unwrap();
    assert!(
        at_kill > 0 && (at_kill as usize) < total,
        "killed mid-stream (had {at_kill} of {total})"
    );
    let confirmed = scope.psql("SELECT confirmed_flush_lsn < pg_current_wal_lsn() FROM pg_replication_slots WHERE slot_name = 'c_crash'");
    assert_eq!(confirmed, "t", "the slot still holds undelivered changes");
    // Where the slot stood at the kill, as a number like source.lsn.
    let confirmed_at_kill: u64 = scope
        .psql("SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots WHERE slot_name = 'c_crash'")
        .parse()
        .unwrap();

    let r = scope
        .run(&[
            "-o",
            "json",
            "connector",
            "start",
            "c_crash",
            "--until-idle",
        ])
        .ok();
    let last: Value = r.json_lines().pop().unwrap();
    assert_eq!(last["phase"], "stopped");

    let n = high();
    let out = scope
        .kafka_tool(&["consume", topic, "--timeout", "300"])
        .ok();
    let recs = out.json_lines();
    assert_eq!(recs.len() as u64, n, "read the whole topic");
    let mut count: BTreeMap<u64, usize> = BTreeMap::new();
    let mut lsn_of: BTreeMap<u64, u64> = BTreeMap::new();
    for rec in &recs {
        let key: Value = serde_json::from_str(rec["key"].as_str().unwrap()).unwrap();
        let value: Value = serde_json::from_str(rec["value"].as_str().unwrap()).unwrap();
        let id = key["id"].as_u64().unwrap();
        assert_eq!(value["op"], "c");
        assert_eq!(
            value["after"]["payload"],
            format!("{}{id}", "x".repeat(100))
        );
        *count.entry(id).or_default() += 1;
        lsn_of.insert(id, value["source"]["lsn"].as_u64().unwrap());
    }
    assert_eq!(count.len(), total, "every change arrived");
    assert_eq!(*count.keys().next().unwrap(), 1);
    assert_eq!(*count.keys().last().unwrap(), total as u64);
    let dupes: usize = count.values().map(|c| c - 1).sum();
    eprintln!(
        "killed with {at_kill} of {total} records in Kafka; {dupes} duplicates after the restart"
    );
    // Only what was published but not confirmed at the kill may repeat: every repeated
    // change lies at or after the slot's confirmed position (the end of the last confirmed
    // transaction, where the next one's first change starts), and no more can repeat than
    // was on the topic.
    for (id, n) in count.iter().filter(|(_, n)| **n > 1) {
        assert!(
            lsn_of[id] >= confirmed_at_kill,
            "id {id} sent {n} times though the slot had confirmed past it ({} < {confirmed_at_kill})",
            lsn_of[id]
        );
    }
    assert!(
        dupes as u64 <= at_kill,
        "{dupes} duplicates: more than was published before the kill ({at_kill})"
    );

    // Nothing is re-sent after a clean finish.
    let again = scope
        .run(&[
            "-o",
            "json",
            "connector",
            "start",
            "c_crash",
            "--until-idle",
        ])
        .ok();
    assert_eq!(again.json_lines().pop().unwrap()["events"], 0);
}
