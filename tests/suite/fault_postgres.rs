//! PostgreSQL restarted while `connector start` streams, once with a fast shutdown
//! (clients disconnected, checkpoint) and once with an immediate one (a crash: recovery
//! from WAL on start): the engine survives both and every change arrives. Duplicates are
//! as README documents: what was sent since the server last saved the slot's position
//! (at a crash, the last checkpoint; at a fast shutdown on PostgreSQL before 17, the last
//! time the slot was written, which is not the shutdown).
//! Written against that contract, not the reader's internals. This test stops and starts
//! the stack's PostgreSQL, so it has a stack of its own.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::harness::*;
use serde_json::Value;

const TOPIC: &str = "pgrestart.public.ev";
const ROWS_PER_TX: usize = 100;

/// `pg_ctl stop -m immediate` on the stack's server, as the user that owns its data.
fn crash_postgres(stack: &Stack) {
    let data = stack.postgres_data_dir();
    let bindir = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|d| d.join("pg_ctl").exists())
        .or_else(|| {
            let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
                .ok()?
                .flatten()
                .map(|e| e.path().join("bin"))
                .filter(|b| b.join("pg_ctl").exists())
                .collect();
            found.sort();
            found.pop()
        })
        .expect("pg_ctl");
    let owner = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(&data).unwrap().uid()
    };
    let mut c = if owner != nix::unistd::getuid().as_raw() {
        let name = nix::unistd::User::from_uid(owner.into())
            .unwrap()
            .unwrap()
            .name;
        let mut c = Command::new("runuser");
        c.args(["-u", &name, "--"]).arg(bindir.join("pg_ctl"));
        c
    } else {
        Command::new(bindir.join("pg_ctl"))
    };
    let out = c
        .arg("-D")
        .arg(&data)
        .args(["-m", "immediate", "-w", "stop"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `n_tx` transactions of ROWS_PER_TX rows from id `first`, each committed on its own.
fn insert(scope: &Scope, first: usize, n_tx: usize) {
    scope.psql(&format!("CALL fill({first}, {n_tx}, {ROWS_PER_TX})"));
}

fn published(scope: &Scope) -> u64 {
    let r = scope.kafka_tool(&["offsets", TOPIC]);
    if r.code != 0 {
        return 0;
    }
    r.json()["0"][1].as_u64().unwrap_or(0)
}

/// How often each id arrived.
fn arrivals(scope: &Scope) -> BTreeMap<u64, usize> {
    let mut count = BTreeMap::new();
    for rec in scope
        .kafka_tool(&["consume", TOPIC, "--timeout", "300"])
        .ok()
        .json_lines()
    {
        let key: Value = serde_json::from_str(rec["key"].as_str().unwrap()).unwrap();
        let value: Value = serde_json::from_str(rec["value"].as_str().unwrap()).unwrap();
        assert_eq!(value["op"], "c", "{value}");
        let id = key["id"].as_u64().unwrap();
        assert_eq!(value["after"]["payload"], format!("row {id}"));
        *count.entry(id).or_default() += 1;
    }
    count
}

#[test]
fn postgres_restarts_fast_and_immediate_lose_no_change() {
    let scope = own_stack("fault_pg").ready("fault_pg");
    scope.psql(
        "CREATE TABLE ev (id int PRIMARY KEY, payload text NOT NULL);
         CREATE PROCEDURE fill(first int, n_tx int, per_tx int) LANGUAGE plpgsql AS $$
         BEGIN
           FOR t IN 0 .. n_tx - 1 LOOP
             INSERT INTO ev SELECT g, 'row ' || g
               FROM generate_series(first + t * per_tx, first + (t + 1) * per_tx - 1) g;
             COMMIT;
           END LOOP;
         END $$;",
    );
    let mut engine = scope.spawn_logged(
        "engine",
        &[
            "-o",
            "json",
            "connector",
            "start",
            "c_pgr",
            "--table",
            "public.ev",
            "--topic-prefix",
            "pgrestart",
            "--snapshot",
            "never",
        ],
    );
    wait_for("the engine to run", Duration::from_secs(120), || {
        let st = scope.run(&["-o", "json", "connector", "status", "c_pgr"]);
        st.code == 0 && st.json()["state"] == "running"
    });

    // Phase 1: a backlog, and a fast shutdown while it streams.
    const PHASE: usize = 300; // transactions
    insert(&scope, 1, PHASE);
    let phase_rows = (PHASE * ROWS_PER_TX) as u64;
    wait_for("phase 1 to be streaming", Duration::from_secs(300), || {
        published(&scope) >= 2_000
    });
    scope
        .stack
        .base(&["infra", "down", "--only", "postgres"])
        .ok();
    scope
        .stack
        .base(&["infra", "up", "--only", "postgres"])
        .ok();
    wait_for("phase 1 to be delivered", Duration::from_secs(600), || {
        assert!(
            engine.try_wait().unwrap().is_none(),
            "{:?}",
            scope.output_of("engine")
        );
        published(&scope) >= phase_rows && arrivals(&scope).len() as u64 == phase_rows
    });
    let after_fast = arrivals(&scope);
    let fast_dupes: usize = after_fast.values().map(|n| n - 1).sum();
    // Phase 2 starts from a slot position a checkpoint saved.
    let flushed = scope.psql("SELECT pg_current_wal_flush_lsn()::text");
    wait_for("the slot to pass phase 1", Duration::from_secs(120), || {
        scope.psql(&format!(
            "SELECT confirmed_flush_lsn >= '{flushed}'::pg_lsn FROM pg_replication_slots WHERE slot_name = 'c_pgr'"
        )) == "t"
    });
    scope.psql("CHECKPOINT");

    // Phase 2: a crash while rows are written and streamed. The engine streams as fast as
    // they commit, so the crash comes while the writer still writes (the crash cuts it
    // short; its committed transactions survive and the rest is written after).
    let before_crash = published(&scope);
    let mut writer = scope
        .psql_command(&format!(
            "CALL fill({}, {PHASE}, {ROWS_PER_TX})",
            PHASE * ROWS_PER_TX + 1
        ))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for("phase 2 to be streaming", Duration::from_secs(300), || {
        published(&scope) >= before_crash + 2_000
    });
    crash_postgres(&scope.stack);
    let _ = writer.wait();
    scope
        .stack
        .base(&["infra", "up", "--only", "postgres"])
        .ok();
    let total = 2 * phase_rows;
    // Transactions commit in order, each ROWS_PER_TX ids: the committed ones are a prefix.
    let written: u64 = scope
        .psql("SELECT coalesce(max(id), 0) FROM ev")
        .parse()
        .unwrap();
    if written < total {
        let rest = (total - written) as usize / ROWS_PER_TX;
        insert(&scope, written as usize + 1, rest);
    }
    wait_for("phase 2 to be delivered", Duration::from_secs(600), || {
        assert!(
            engine.try_wait().unwrap().is_none(),
            "{:?}",
            scope.output_of("engine")
        );
        published(&scope) >= total && arrivals(&scope).len() as u64 == total
    });

    // The engine survived both: stop it the ordinary way.
    scope.run(&["connector", "stop", "c_pgr"]).ok();
    let status = engine.wait().unwrap();
    let (_, stderr) = scope.output_of("engine");
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.matches("lost the connection to PostgreSQL").count() >= 2,
        "each restart is reported: {stderr}"
    );

    let count = arrivals(&scope);
    assert_eq!(count.len() as u64, total, "every change arrived");
    assert_eq!(*count.keys().next().unwrap(), 1);
    assert_eq!(*count.keys().last().unwrap(), total);
    // After the fast restart the engine resumes at the slot's position as the server saved
    // it: what comes again is one run of ids ending where the stream was, nothing from
    // before it and nothing skipped. (PostgreSQL 15 saves a streamed slot's confirmed
    // position to disk with its other slot changes, not at shutdown, so that run can be
    // all of phase 1 here; PostgreSQL 17 saves it at shutdown.)
    let again: Vec<u64> = after_fast
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, _)| *id)
        .collect();
    if let (Some(first), Some(last)) = (again.first(), again.last()) {
        assert_eq!(
            (last - first + 1) as usize,
            again.len(),
            "the ids sent again after the fast restart are one run: {first}..={last}, {} of them",
            again.len()
        );
        assert!(
            after_fast.values().all(|n| *n <= 2),
            "sent again at most once"
        );
    }
    // Two restarts: no change arrives more than three times.
    assert!(
        count.values().all(|n| *n <= 3),
        "a change arrived more than three times"
    );
    let crash_dupes: usize = count
        .iter()
        .filter(|(id, _)| **id > phase_rows)
        .map(|(_, n)| n - 1)
        .sum();
    eprintln!(
        "fast restart: {fast_dupes} duplicates; crash: {crash_dupes} duplicates of {phase_rows} rows"
    );
}
