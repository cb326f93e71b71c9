//! `redis dump` over every Redis type, binary values and empty collections, checked
//! against what redis-cli reports for the same keys.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::harness::*;
use base64::Engine as _;
use serde_json::Value;

fn cli(scope: &Scope, args: &[&str]) -> String {
    scope.redis_cli(args)
}

/// redis-cli with the value on stdin (`-x`): binary-safe writes.
fn cli_stdin(scope: &Scope, args: &[&str], data: &[u8]) {
    let mut child = Command::new("redis-cli")
        .args(["-p", &scope.stack.redis_port.to_string(), "-x"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(data).unwrap();
    assert!(child.wait().unwrap().success());
}

/// `redis-cli --raw` reply lines.
fn lines(scope: &Scope, args: &[&str]) -> Vec<String> {
    let out = Command::new("redis-cli")
        .args(["-p", &scope.stack.redis_port.to_string(), "--raw"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

fn by_key(rows: &[Value]) -> std::collections::BTreeMap<String, Value> {
    rows.iter()
        .map(|r| (r["key"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn dumps_every_type_like_redis_cli_reports_it() {
    let scope = stack().scope("rdump_types");
    let p = "rdt:";
    cli(&scope, &["SET", &format!("{p}str"), "hello world"]);
    cli(&scope, &["EXPIRE", &format!("{p}str"), "1000"]);
    let list: Vec<String> = (0..12).map(|i| format!("item{i}")).collect();
    let mut a = vec!["RPUSH".to_string(), format!("{p}list")];
    a.extend(list.iter().cloned());
    cli(&scope, &a.iter().map(String::as_str).collect::<Vec<_>>());
    cli(&scope, &["SADD", &format!("{p}set"), "b", "a", "c"]);
    cli(
        &scope,
        &["HSET", &format!("{p}hash"), "name", "Ann", "city", "Oslo"],
    );
    cli(
        &scope,
        &[
            "ZADD",
            &format!("{p}zset"),
            "1",
            "one",
            "2.5",
            "two",
            "-3",
            "minus",
        ],
    );
    cli(
        &scope,
        &["XADD", &format!("{p}stream"), "1-1", "op", "c", "id", "7"],
    );
    cli(
        &scope,
        &["XADD", &format!("{p}stream"), "2-0", "op", "u", "id", "8"],
    );
    // An empty collection: a stream stays after its last entry is deleted.
    cli(
        &scope,
        &[
            "XGROUP",
            "CREATE",
            &format!("{p}empty"),
            "g",
            "$",
            "MKSTREAM",
        ],
    );
    // Binary: not UTF-8, with a NUL.
    let binary: &[u8] = &[0xff, 0x00, b'b', b'i', b'n', 0xfe];
    cli_stdin(&scope, &["SET", &format!("{p}bin")], binary);
    cli(&scope, &["SET", "other:key", "not matched"]);

    let run = scope
        .run(&[
            "-o", "json", "redis", "dump", "--match", "rdt:*", "--limit", "0",
        ])
        .ok();
    let rows = run.json_lines();
    let keys = by_key(&rows);
    // Same key set as redis-cli --scan with the same pattern (binary-free key names).
    let mut scanned = lines(&scope, &["--scan", "--pattern", "rdt:*"]);
    scanned.sort();
    let mut got: Vec<String> = keys.keys().cloned().collect();
    let bin_key = base64::engine::general_purpose::STANDARD.encode(format!("{p}bin"));
    got.iter_mut()
        .filter(|k| **k == bin_key)
        .for_each(|k| *k = format!("{p}bin"));
    got.sort();
    assert_eq!(got, scanned, "{}", run.stdout);
    assert!(run.stderr.contains("8 keys"), "{}", run.stderr);

    for (k, row) in &keys {
        if k == &bin_key {
            continue;
        }
        assert_eq!(row["type"], cli(&scope, &["TYPE", k]), "{row}");
        assert_eq!(row["encoding"], "utf8");
    }
    let s = &keys["rdt:str"];
    assert_eq!(s["value"], cli(&scope, &["GET", "rdt:str"]));
    assert_eq!(s["length"], 11);
    let ttl = s["ttl_ms"].as_i64().unwrap();
    assert!(ttl > 0 && ttl <= 1_000_000, "{s}");
    assert_eq!(keys["rdt:list"]["ttl_ms"], Value::Null);

    assert_eq!(
        strs(&keys["rdt:list"]["items"]),
        lines(&scope, &["LRANGE", "rdt:list", "0", "-1"])
    );
    assert_eq!(keys["rdt:list"]["length"], 12);
    let mut members = lines(&scope, &["SMEMBERS", "rdt:set"]);
    members.sort();
    assert_eq!(strs(&keys["rdt:set"]["items"]), members);

    let hash: Vec<String> = keys["rdt:hash"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| {
            [
                i["field"].as_str().unwrap().to_string(),
                i["value"].as_str().unwrap().to_string(),
            ]
        })
        .collect();
    let mut cli_hash: Vec<(String, String)> = lines(&scope, &["HGETALL", "rdt:hash"])
        .chunks(2)
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect();
    cli_hash.sort();
    assert_eq!(
        hash,
        cli_hash
            .into_iter()
            .flat_map(|(a, b)| [a, b])
            .collect::<Vec<_>>()
    );

    let zset: Vec<String> = keys["rdt:zset"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| {
            [
                i["member"].as_str().unwrap().to_string(),
                i["score"].as_f64().unwrap().to_string(),
            ]
        })
        .collect();
    assert_eq!(
        zset,
        lines(&scope, &["ZRANGE", "rdt:zset", "0", "-1", "WITHSCORES"])
    );

    let stream = &keys["rdt:stream"];
    assert_eq!(
        stream["length"].as_u64().unwrap().to_string(),
        cli(&scope, &["XLEN", "rdt:stream"])
    );
    let ids: Vec<&str> = stream["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1-1", "2-0"]);
    assert_eq!(
        stream["items"][1]["fields"][1],
        serde_json::json!({"field": "id", "value": "8"})
    );

    let empty = &keys["rdt:empty"];
    assert_eq!(empty["type"], "stream");
    assert_eq!(empty["length"], 0);
    assert_eq!(empty["items"], serde_json::json!([]));
    assert_eq!(empty["truncated"], false);

    let bin = &keys[&bin_key];
    assert_eq!(bin["encoding"], "base64");
    assert_eq!(bin["type"], "string");
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(bin["value"].as_str().unwrap())
            .unwrap(),
        binary
    );
    assert_eq!(
        bin["length"].as_u64().unwrap().to_string(),
        cli(&scope, &["STRLEN", "rdt:bin"])
    );

    // Human output: the seed's layout, binary escaped the way redis-cli shows it.
    let human = scope.run(&["redis", "dump", "--match", "rdt:bin"]).ok();
    let shown = cli(&scope, &["--no-raw", "GET", "rdt:bin"]); // "\xff\x00bin\xfe", quoted
    assert!(
        human
            .stdout
            .contains(&format!("  {}", shown.trim_matches('"'))),
        "{}\nvs {shown}",
        human.stdout
    );
    assert!(
        human.stdout.starts_with("Key: rdt:bin (Type: string"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.trim_end().ends_with("----------------------"));
}

#[test]
fn limit_and_type_filters() {
    let scope = stack().scope("rdump_filters");
    // Large enough to be hashtable-encoded, where one SSCAN COUNT call may return few items.
    let members: Vec<String> = (0..600).map(|i| format!("m{i}")).collect();
    let mut a = vec!["SADD".to_string(), "rdf:bigset".into()];
    a.extend(members.iter().cloned());
    cli(&scope, &a.iter().map(String::as_str).collect::<Vec<_>>());
    let mut h = vec!["HSET".to_string(), "rdf:bighash".into()];
    h.extend(members.iter().flat_map(|m| [m.clone(), format!("v{m}")]));
    cli(&scope, &h.iter().map(String::as_str).collect::<Vec<_>>());
    let mut l = vec!["RPUSH".to_string(), "rdf:list".into()];
    l.extend(members.iter().cloned());
    cli(&scope, &l.iter().map(String::as_str).collect::<Vec<_>>());
    cli(&scope, &["SET", "rdf:s", "x"]);

    let rows = scope
        .run(&["-o", "json", "redis", "dump", "-m", "rdf:*"])
        .ok()
        .json_lines();
    let keys = by_key(&rows);
    assert_eq!(keys.len(), 4);
    for k in ["rdf:bigset", "rdf:bighash", "rdf:list"] {
        assert_eq!(
            keys[k]["items"].as_array().unwrap().len(),
            5,
            "default limit is 5: {}",
            keys[k]
        );
        assert_eq!(keys[k]["truncated"], true);
        assert_eq!(keys[k]["length"], 600);
    }
    for m in strs(&keys["rdf:bigset"]["items"]) {
        assert_eq!(cli(&scope, &["SISMEMBER", "rdf:bigset", &m]), "1");
    }
    for i in keys["rdf:bighash"]["items"].as_array().unwrap() {
        assert_eq!(
            cli(
                &scope,
                &["HGET", "rdf:bighash", i["field"].as_str().unwrap()]
            ),
            i["value"].as_str().unwrap()
        );
    }
    assert_eq!(
        strs(&keys["rdf:list"]["items"]),
        lines(&scope, &["LRANGE", "rdf:list", "0", "4"])
    );
    assert_eq!(keys["rdf:s"]["truncated"], false);

    let only = scope
        .run(&[
            "-o",
            "json",
            "redis",
            "dump",
            "-m",
            "rdf:*",
            "--type",
            "set,string",
            "-n",
            "2",
        ])
        .ok();
    let keys = by_key(&only.json_lines());
    assert_eq!(
        keys.keys().cloned().collect::<Vec<_>>(),
        ["rdf:bigset", "rdf:s"]
    );
    assert_eq!(keys["rdf:bigset"]["items"].as_array().unwrap().len(), 2);
    assert!(
        only.stderr.contains("2 of other types left out"),
        "{}",
        only.stderr
    );

    let bad = scope.run(&["redis", "dump", "--type", "bitmap"]).code(2);
    assert!(
        bad.stderr.contains("unknown Redis type `bitmap`"),
        "{}",
        bad.stderr
    );
}

/// Keys deleted, or replaced by another type, while the dump runs are skipped and
/// counted, never an error or a wrong value.
#[test]
fn keys_that_vanish_or_change_type_mid_scan_are_skipped() {
    let scope = stack().scope("rdump_vanish");
    const N: usize = 20_000;
    let load: String = (0..N).map(|i| format!("SET rvan:{i} v{i}\n")).collect();
    redis_pipe(&scope, &load);
    // Churn from another client while the dump walks the keyspace in small steps.
    let churn: String = (0..N)
        .rev()
        .filter(|i| i % 2 == 0)
        .map(|i| {
            if i % 3 == 0 {
                format!("DEL rvan:{i}\nRPUSH rvan:{i} now-a-list\n")
            } else {
                format!("DEL rvan:{i}\n")
            }
        })
        .collect();
    let dump = scope
        .cmd(&[
            "-o",
            "json",
            "redis",
            "dump",
            "--match",
            "rvan:*",
            "--scan-count",
            "20",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    redis_pipe(&scope, &churn);
    let run = Run::from(dump.wait_with_output().unwrap()).ok();
    let rows = run.json_lines();
    for r in &rows {
        let key = r["key"].as_str().unwrap();
        let i: usize = key.trim_start_matches("rvan:").parse().unwrap();
        match r["type"].as_str().unwrap() {
            "string" => assert_eq!(r["value"], format!("v{i}"), "{r}"),
            "list" => assert_eq!(r["items"], serde_json::json!(["now-a-list"]), "{r}"),
            other => panic!("unexpected type {other}: {r}"),
        }
    }
    // The summary on stderr accounts for what was shown.
    let summary = run.stderr.lines().last().unwrap_or_default();
    eprintln!("dump during churn: {summary}");
    assert!(
        summary.starts_with(&format!("{} keys", rows.len())),
        "{summary}"
    );
    // Nothing of the untouched half is missing (odd keys were never deleted).
    let odd = rows
        .iter()
        .filter(|r| {
            r["key"]
                .as_str()
                .unwrap()
                .trim_start_matches("rvan:")
                .parse::<usize>()
                .unwrap()
                % 2
                == 1
        })
        .count();
    assert_eq!(odd, N / 2);
}

fn redis_pipe(scope: &Scope, commands: &str) {
    let mut child = Command::new("redis-cli")
        .args(["-p", &scope.stack.redis_port.to_string(), "--pipe"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(commands.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
}

/// A batch whose keys are all filtered out by `--type` (two types: filtered here, not by
/// SCAN on the server) must not hang the dump: an empty pipeline gets no reply.
#[test]
fn a_type_filter_that_matches_nothing_finishes() {
    let scope = stack().scope("rdump_nomatch");
    for i in 0..20 {
        cli(&scope, &["SET", &format!("rdn:{i}"), "v"]);
    }
    let mut child = scope
        .cmd(&[
            "-o",
            "json",
            "redis",
            "dump",
            "-m",
            "rdn:*",
            "--type",
            "zset,stream",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(
        "redis dump with a type filter matching no key to finish",
        std::time::Duration::from_secs(120),
        || child.try_wait().unwrap().is_some(),
    );
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "no key is a zset: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}
