//! The envelope's tests: rows, a change record with its schemas, and the metadata records.

use serde_json::{json, Value};

use super::source::{source_block_for, write_source};
use super::*;
use crate::cdc::json;
use crate::cdc::pgoutput::Datum;
use crate::cdc::types::ColumnType;

fn keys_of(v: &Value) -> Vec<&String> {
    v.as_object().unwrap().keys().collect()
}

fn opts(schemas_enable: bool) -> EnvelopeOptions {
    EnvelopeOptions {
        topic_prefix: "db".into(),
        db: "d".into(),
        decimal: DecimalHandling::Precise,
        schemas_enable,
        transaction_metadata: false,
        extended_headers: true,
        run_id: "r".into(),
    }
}

fn table(o: &EnvelopeOptions) -> TableInfo {
    let col = |name: &str, index, ty, optional, default| ColumnInfo {
        name: name.into(),
        index,
        ty,
        optional,
        default,
    };
    TableInfo::new(
        o,
        "public".into(),
        "t".into(),
        vec![
            col("id", 0, ColumnType::Int32, false, Some(json!(0))),
            col("body", 1, ColumnType::String, true, None),
            col("status", 3, ColumnType::String, true, Some(json!("new"))),
            col("qty", 4, ColumnType::Int32, false, None),
        ],
        &["id".into()],
    )
}

#[test]
fn rows_defaults_fallbacks_and_toast() {
    let o = opts(false);
    let t = table(&o);
    let old = vec![
        Datum::Text("1".into()),
        Datum::Text("long".into()),
        Datum::Text("(0,0),(1,1)".into()),
        Datum::Null,
        Datum::Text("3".into()),
    ];
    let new = vec![
        Datum::Text("1".into()),
        Datum::UnchangedToast,
        Datum::Null,
        Datum::Null,
        Datum::Text("4".into()),
    ];
    let after = row_object(&t, &new, Some(&old), o.decimal, &mut Vec::new()).unwrap();
    // The box column (index 2) is left out; a null with a default shows the default.
    assert_eq!(
        json::to_string(&after),
        r#"{"id":1,"body":"long","status":"new","qty":4}"#
    );
    let after2 = row_object(&t, &new, None, o.decimal, &mut Vec::new()).unwrap();
    assert_eq!(after2["body"], json!(UNAVAILABLE));
    // An old-key tuple: NOT NULL columns without a value get the fallback.
    let key_only = vec![
        Datum::Text("1".into()),
        Datum::Null,
        Datum::Null,
        Datum::Null,
        Datum::Null,
    ];
    let before = row_object(&t, &key_only, None, o.decimal, &mut Vec::new()).unwrap();
    assert_eq!(
        before,
        json!({"id": 1, "body": null, "status": "new", "qty": 0})
    );
    let key = key_object(&t, &after).unwrap();
    assert_eq!(key, json!({"id": 1}));
    assert_eq!(key_header(&t, &key, &new, o.decimal), b"{\"id\":1}");
}

#[test]
fn envelope_order_and_schemas() {
    let o = opts(true);
    let t = table(&o);
    let p = SourcePosition {
        ts_us: 1_795_951_861_906_265,
        snapshot: "false",
        tx_id: Some(737),
        lsn: Some(26384888),
        last_commit_lsn: Some(26384840),
        xmin: None,
        origin: None,
    };
    let key = json!({"id": 1});
    let r = change_record(
        &o,
        &t,
        "c",
        Some(&key),
        None,
        Some(json!({"id": 1})),
        &p,
        None,
    );
    let v: Value = serde_json::from_slice(r.value.as_ref().unwrap()).unwrap();
    let keys: Vec<&String> = v["payload"].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "before",
            "after",
            "source",
            "transaction",
            "op",
            "ts_ms",
            "ts_us",
            "ts_ns"
        ]
    );
    assert_eq!(
        json::to_string(&v["payload"]["source"]),
        format!(
            r#"{{"version":"{VERSION}","connector":"postgresql","name":"db","ts_ms":1795951861906,"snapshot":"false","db":"d","sequence":"[\"26384840\",\"26384888\"]","ts_us":1795951861906265,"ts_ns":1795951861906265000,"schema":"public","table":"t","txId":737,"lsn":26384888,"xmin":null,"origin":null,"origin_lsn":null}}"#
        )
    );
    assert_eq!(v["schema"]["version"], 2);
    // The direct writer gives what the plain form gives, origin included.
    let mut out = Vec::new();
    let p2 = SourcePosition {
        origin: Some(("o\"1".into(), 77)),
        xmin: Some(5),
        ..p.clone()
    };
    write_source(&mut out, &t, &p2);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        json::to_string(&source_block_for(&o, "public", "t", &p2))
    );
    assert_eq!(
        json::to_string(&v["schema"]["fields"][1]["fields"][0]),
        r#"{"type":"int32","optional":false,"default":0,"field":"id"}"#
    );
    let k: Value = serde_json::from_slice(r.key.as_ref().unwrap()).unwrap();
    assert_eq!(
        json::to_string(&k),
        r#"{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"default":0,"field":"id"}],"optional":false,"name":"db.public.t.Key"},"payload":{"id":1}}"#
    );
    assert_eq!(r.headers.len(), 4);
    let ts = tombstone(&o, &t, &key, &r.headers);
    assert!(ts.value.is_none());
    assert_eq!(ts.headers, r.headers);
}

#[test]
fn transaction_and_heartbeat_records() {
    let o = opts(false);
    let begin = transaction_record(&o, "738:26385144", 1795951861978, None);
    assert_eq!(begin.topic, "db.transaction");
    assert_eq!(begin.key.as_deref(), Some(&br#"{"id":"738:26385144"}"#[..]));
    assert_eq!(
        String::from_utf8(begin.value.unwrap()).unwrap(),
        r#"{"status":"BEGIN","id":"738:26385144","event_count":null,"data_collections":null,"ts_ms":1795951861978}"#
    );
    let end = transaction_record(
        &o,
        "738:26385608",
        1795951861978,
        Some(&[("public.customers".into(), 4)]),
    );
    assert_eq!(
        String::from_utf8(end.value.unwrap()).unwrap(),
        r#"{"status":"END","id":"738:26385608","event_count":4,"data_collections":[{"data_collection":"public.customers","event_count":4}],"ts_ms":1795951861978}"#
    );
    let m = message_record(
        &o,
        "foo",
        b"bar",
        &SourcePosition {
            ts_us: 2_000,
            snapshot: "false",
            tx_id: Some(556),
            lsn: Some(46523128),
            last_commit_lsn: None,
            xmin: None,
            origin: None,
        },
        None,
    );
    assert_eq!(m.topic, "db.message");
    assert_eq!(m.key.as_deref(), Some(&br#"{"prefix":"foo"}"#[..]));
    let v: Value = serde_json::from_slice(m.value.as_ref().unwrap()).unwrap();
    assert_eq!(
        keys_of(&v),
        ["op", "ts_ms", "source", "transaction", "message"]
    );
    assert_eq!(v["message"], json!({"prefix": "foo", "content": "YmFy"}));
    assert_eq!(
        (&v["source"]["schema"], &v["source"]["table"]),
        (&json!(""), &json!(""))
    );
    let hb = heartbeat_record(&o, 5);
    assert_eq!(hb.topic, "__debezium-heartbeat.db");
    assert_eq!(hb.partition, Some(0));
    assert_eq!(hb.key.as_deref(), Some(&br#"{"serverName":"db"}"#[..]));
    assert_eq!(hb.value.as_deref(), Some(&br#"{"ts_ms":5}"#[..]));
}
