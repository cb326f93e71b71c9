//! What a record shows: binary payloads, headers and Debezium envelopes, and a topic
//! copied record for record through `consume tail | produce send`.

use super::tail_json;
use crate::harness::*;
use serde_json::{json, Value};

#[test]
fn binary_payloads_and_headers_survive() {
    let scope = stack().scope("tail_binary");
    let t = "tail_binary_t";
    scope.run(&["topic", "create", t]).ok();
    // 0xff 0x00 0x80 0x7f is not UTF-8.
    scope.produce_raw(t,
        &[
            json!({"key_b64": "/wCAfw==", "value_b64": "AAGA/w==", "headers": {"trace": "abc", "tenant": "t1"}})
                .to_string(),
            json!({"key": "7", "value": null}).to_string(),
        ],
    );
    let recs = tail_json(&scope, &[t, "--from", "start", "-e"]);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["key"], "/wCAfw==");
    assert_eq!(recs[0]["key_encoding"], "base64");
    assert_eq!(recs[0]["value"], "AAGA/w==");
    assert_eq!(recs[0]["value_encoding"], "base64");
    let headers = recs[0]["headers"].as_array().unwrap();
    assert!(
        headers.contains(&json!({"key": "trace", "value": "abc", "value_encoding": "text"})),
        "{headers:?}"
    );
    assert!(
        headers.contains(&json!({"key": "tenant", "value": "t1", "value_encoding": "text"})),
        "{headers:?}"
    );
    // A key "7" stays the text "7"; a null value (tombstone) stays null.
    assert_eq!(recs[1]["key"], "7");
    assert_eq!(recs[1]["value"], Value::Null);
    assert_eq!(recs[1]["value_encoding"], Value::Null);

    let human = scope
        .run(&["consume", "tail", t, "--from", "start", "-e"])
        .ok()
        .stdout;
    assert!(human.contains("base64:AAGA/w=="), "{human}");
    assert!(human.contains("(null)"), "{human}");
    let h = scope
        .run(&["consume", "tail", t, "--from", "0", "-n", "1", "-f", "%h"])
        .ok()
        .stdout;
    assert!(h.contains("trace=abc") && h.contains("tenant=t1"), "{h}");
    // A template without %h does not read the headers; the record shows the same.
    let kv = scope
        .run(&[
            "consume", "tail", t, "--from", "start", "-e", "-f", "%k|%v|\n",
        ])
        .ok()
        .stdout;
    let lines: Vec<&str> = kv.lines().collect();
    assert_eq!(lines, ["base64:/wCAfw==|base64:AAGA/w==|", "7||"], "{kv}");
}

/// Numbers are shown with the digits the producer wrote, not rounded through a double, in
/// every output form; the topic holds the same bytes (kafka-python reads them back).
#[test]
fn json_numbers_and_escapes_are_shown_as_written() {
    let scope = stack().scope("tail_numbers");
    let t = "tail_numbers_t";
    scope.run(&["topic", "create", t, "-p", "1"]).ok();
    let spaced = r#"{"amount": 19.90, "big": 12345678901234567.891}"#;
    let compact = r#"{"amount":19.90,"big":12345678901234567.891,"e":"\u00e9","z":-0}"#;
    let beyond = r#"{"d":1e400}"#;
    let lines: Vec<String> = [spaced, compact, beyond]
        .iter()
        .map(|v| json!({ "value": v }).to_string())
        .collect();
    scope.produce_raw(t, &lines);
    let on_topic: Vec<String> = scope
        .kafka_tool(&["consume", t])
        .ok()
        .json_lines()
        .iter()
        .map(|r| r["value"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(on_topic, [spaced, compact, beyond]);

    let shown = scope
        .run(&["consume", "tail", t, "--from", "start", "-e", "-f", "%v\n"])
        .ok()
        .stdout;
    let want = [
        r#"{"amount":19.90,"big":12345678901234567.891}"#,
        compact,
        beyond,
    ];
    assert_eq!(shown.lines().collect::<Vec<_>>(), want, "{shown}");
    let human = scope
        .run(&["consume", "tail", t, "--from", "start", "-e"])
        .ok()
        .stdout;
    for w in want {
        assert!(human.contains(w), "{w} in {human}");
    }
    // -o json embeds the JSON payloads with their digits (checked on the text: a Value
    // would round them again); the one a double cannot hold is text.
    let json_out = scope
        .run(&["-o", "json", "consume", "tail", t, "--from", "start", "-e"])
        .ok()
        .stdout;
    let json_lines: Vec<&str> = json_out.lines().collect();
    assert_eq!(json_lines.len(), 3, "{json_out}");
    assert!(
        json_lines[0].contains(
            r#""value":{"amount":19.90,"big":12345678901234567.891},"value_encoding":"json""#
        ),
        "{}",
        json_lines[0]
    );
    assert!(
        json_lines[1].contains(&format!(r#""value":{compact},"value_encoding":"json""#)),
        "{}",
        json_lines[1]
    );
    let third: Value = serde_json::from_str(json_lines[2]).unwrap();
    assert_eq!(third["value"], beyond);
    assert_eq!(third["value_encoding"], "text");
}

#[test]
fn debezium_envelopes_are_shown_as_changes() {
    let scope = stack().scope("tail_cdc");
    let t = "db.public.livedb";
    scope.run(&["topic", "create", t]).ok();
    let source = json!({"version": "2.7", "connector": "postgresql", "name": "db", "ts_ms": 1700000000123i64, "db": "livedb", "schema": "public", "table": "livedb"});
    let update = json!({"before": {"id": 7, "name": "a", "qty": 1}, "after": {"id": 7, "name": "b", "qty": 1}, "source": source, "op": "u", "ts_ms": 1700000000200i64});
    let insert = json!({"schema": {"type": "struct"}, "payload": {"before": null, "after": {"id": 8, "name": "c"}, "source": source, "op": "c", "ts_ms": 1}});
    scope.produce_raw(
        t,
        &[
            json!({"key": json!({"id": 7}).to_string(), "value": update.to_string()}).to_string(),
            json!({"key": json!({"id": 8}).to_string(), "value": insert.to_string()}).to_string(),
            json!({"key": "plain", "value": json!({"op": "u", "after": {}}).to_string()})
                .to_string(),
        ],
    );
    let recs = tail_json(&scope, &[t, "--from", "start", "-e"]);
    assert_eq!(recs.len(), 3);
    let c = &recs[0]["change"];
    assert_eq!(c["op"], "update", "{c}");
    assert_eq!(c["table"], "public.livedb");
    assert_eq!(c["key"], json!({"id": 7}));
    assert_eq!(
        c["columns"],
        json!([{"name": "name", "before": "a", "after": "b"}])
    );
    assert_eq!(c["ts_ms"], 1700000000123i64);
    assert_eq!(recs[0]["value"], update, "the envelope itself is kept");
    assert_eq!(recs[1]["change"]["op"], "insert");
    assert_eq!(recs[1]["change"]["columns"].as_array().unwrap().len(), 2);
    assert!(
        recs[2].get("change").is_none(),
        "no `source`: not an envelope: {}",
        recs[2]
    );

    let human = scope
        .run(&["consume", "tail", t, "--from", "start", "-e"])
        .ok()
        .stdout;
    let lines: Vec<&str> = human.lines().collect();
    assert!(
        lines[0].contains("UPDATE public.livedb id=7") && lines[0].contains(r#"name: "a" -> "b""#),
        "{human}"
    );
    assert!(
        !lines[0].contains("qty"),
        "unchanged columns are not shown: {human}"
    );
    assert!(
        lines[1].contains("INSERT public.livedb id=8") && lines[1].contains(r#"name="c""#),
        "{human}"
    );
}

/// Partition -> records as the independent client reads them, in offset order, without the
/// topic and offset (which differ between a topic and its copy).
fn by_partition(records: Vec<Value>) -> std::collections::BTreeMap<i64, Vec<Value>> {
    let mut out: std::collections::BTreeMap<i64, Vec<Value>> = Default::default();
    for mut r in records {
        let p = r["partition"].as_i64().unwrap();
        let o = r.as_object_mut().unwrap();
        o.remove("topic");
        o.remove("offset");
        out.entry(p).or_default().push(r);
    }
    out
}

#[test]
fn tail_json_into_produce_send_copies_a_topic_record_for_record() {
    let scope = stack().scope("tail_copy");
    let (a, b) = ("tail_copy_a", "tail_copy_b");
    scope.run(&["topic", "create", a, "-p", "3"]).ok();
    scope.run(&["topic", "create", b, "-p", "3"]).ok();
    let t0 = 1_700_000_000_000i64;
    let lines: Vec<String> = vec![
        json!({"partition": 0, "key": "k1", "value": r#"{"id": 1, "amount": 1.50}"#, "headers": {"trace": "abc", "tenant": "t1"}, "timestamp": t0}),
        json!({"partition": 0, "key": "k2", "value": r#"{"id":2}"#, "timestamp": t0 + 1}),
        json!({"partition": 1, "key_b64": "/wCAfw==", "value_b64": "AAGA/w==", "headers": {"bin": "yes"}, "timestamp": t0 + 2}),
        json!({"partition": 1, "key": "k1", "value": null, "timestamp": t0 + 3}),
        json!({"partition": 2, "key": null, "value": "plain text", "timestamp": t0 + 4}),
        json!({"partition": 2, "key": "7", "value": "[1, 2,  3]", "timestamp": t0 + 5}),
        json!({"partition": 2, "key": "{\"k\": 1}", "value": "", "timestamp": t0 + 6}),
    ]
    .into_iter()
    .map(|v| v.to_string())
    .collect();
    scope.produce_raw(a, &lines);

    let dump = scope
        .run(&["-o", "json", "consume", "tail", a, "--from", "start", "-e"])
        .ok()
        .stdout;
    assert_eq!(dump.lines().count(), lines.len(), "{dump}");
    let sent = scope
        .run_stdin(
            &["-o", "json", "produce", "send", b, "--from-tail-json"],
            &dump,
        )
        .ok()
        .json();
    assert_eq!(
        (&sent["delivered"], &sent["tombstones"], &sent["failed"]),
        (&json!(lines.len()), &json!(1), &json!(0)),
        "{sent}"
    );

    let from_a = by_partition(scope.kafka_tool(&["consume", a]).ok().json_lines());
    let from_b = by_partition(scope.kafka_tool(&["consume", b]).ok().json_lines());
    assert_eq!(from_a.values().map(Vec::len).sum::<usize>(), lines.len());
    assert_eq!(from_a, from_b);
    // Spot checks that the comparison saw what matters.
    assert_eq!(from_b[&1][0]["value_b64"], "AAGA/w==");
    assert_eq!(from_b[&1][1]["value"], Value::Null);
    assert_eq!(from_b[&0][0]["value"], r#"{"id": 1, "amount": 1.50}"#);
    assert_eq!(
        from_b[&0][0]["headers"],
        json!({"trace": "abc", "tenant": "t1"})
    );

    // A line that is not a tail record is reported by number; the rest still go.
    let mut bad = dump.lines().take(2).map(str::to_string).collect::<Vec<_>>();
    bad.insert(1, r#"{"id": 1}"#.into());
    let r = scope
        .run_stdin(
            &["-o", "json", "produce", "send", b, "--from-tail-json"],
            &(bad.join("\n") + "\n"),
        )
        .code(1)
        .json();
    assert_eq!(
        (&r["delivered"], &r["failed"]),
        (&json!(2), &json!(1)),
        "{r}"
    );
    assert_eq!(r["failures"][0]["line"], 2);
}
