//! The built-in engine against Debezium's PostgreSQL connector, field by field: every type
//! row of Debezium's PostgreSQL data-type table that PostgreSQL 15 has (with the literals
//! Debezium's own documentation and tests use, and the values they expect), the events of
//! its documentation's `customers` table (create, update with and without REPLICA IDENTITY
//! FULL, delete + tombstone, primary-key change, truncate, snapshot read), with schemas
//! enabled and disabled; then transaction metadata and heartbeats. Every record is read
//! back with an independent Kafka client (kafka-python).
//!
//! Expected values: notes/debezium-pg-types.md and notes/debezium-envelope.md (Debezium
//! 3.6.1's source, documentation and tests). Where the documentation's hand-written
//! examples differ from what its code writes (`"snapshot": true` as a boolean, `before`
//! of an update holding the key), the code's output is expected.

// The shared harness's watchdog is deliberately never waited for.
#![allow(clippy::zombie_processes)]

use std::time::Duration;

use crate::harness::*;
use serde_json::{json, Value};

mod documented;

/// One record as the independent client read it.
struct Rec {
    partition: i64,
    key_text: Option<String>,
    value_text: Option<String>,
    key: Value,
    value: Value,
    headers: Value,
}

/// Every record of `topic` (topics here have one partition), in offset order.
fn records(scope: &Scope, topic: &str) -> Vec<Rec> {
    scope
        .read_topic(topic)
        .into_iter()
        .map(|rec| {
            let text = |f: &str| rec[f].as_str().map(String::from);
            let parse = |t: &Option<String>| match t {
                Some(s) => serde_json::from_str(s).unwrap(),
                None => Value::Null,
            };
            let (key_text, value_text) = (text("key"), text("value"));
            Rec {
                partition: rec["partition"].as_i64().unwrap(),
                key: parse(&key_text),
                value: parse(&value_text),
                key_text,
                value_text,
                headers: rec["headers"].clone(),
            }
        })
        .collect()
}

fn start(scope: &Scope, args: &[&str]) -> Value {
    let mut a = vec!["-o", "json", "connector", "start"];
    a.extend_from_slice(args);
    a.push("--until-idle");
    scope.run(&a).ok().json_lines().pop().expect("final stats")
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .cloned()
        .collect()
}

/// The envelope and `source` of Debezium 3.6: field order, and the values that follow
/// from the event's kind.
fn check_envelope(v: &Value, op: &str, snapshot: &str, db: &str, prefix: &str, table: &str) {
    assert_eq!(
        keys(v),
        [
            "before",
            "after",
            "source",
            "transaction",
            "op",
            "ts_ms",
            "ts_us",
            "ts_ns"
        ],
        "{v}"
    );
    assert_eq!(v["op"], op);
    let (ms, us, ns) = (
        v["ts_ms"].as_i64().unwrap(),
        v["ts_us"].as_i64().unwrap(),
        v["ts_ns"].as_i64().unwrap(),
    );
    assert_eq!(us / 1000, ms);
    assert_eq!(ns, us * 1000);
    let s = &v["source"];
    assert_eq!(
        keys(s),
        [
            "version",
            "connector",
            "name",
            "ts_ms",
            "snapshot",
            "db",
            "sequence",
            "ts_us",
            "ts_ns",
            "schema",
            "table",
            "txId",
            "lsn",
            "xmin",
            "origin",
            "origin_lsn"
        ]
    );
    assert_eq!(s["connector"], "postgresql");
    assert_eq!(s["name"], prefix);
    assert_eq!(s["db"], db);
    assert_eq!(s["schema"], "public");
    assert_eq!(s["table"], table);
    assert_eq!(s["snapshot"], snapshot, "a string, never a boolean");
    assert_eq!(
        s["ts_us"].as_i64().unwrap() / 1000,
        s["ts_ms"].as_i64().unwrap()
    );
    assert_eq!(
        s["ts_ns"].as_i64().unwrap(),
        s["ts_us"].as_i64().unwrap() * 1000
    );
    assert!(s["txId"].as_i64().unwrap() > 0, "{s}");
    let lsn = s["lsn"].as_u64().unwrap();
    let seq: Vec<Option<String>> = serde_json::from_str(s["sequence"].as_str().unwrap()).unwrap();
    assert_eq!(seq.len(), 2);
    assert_eq!(seq[1], Some(lsn.to_string()));
    assert_eq!(s["xmin"], Value::Null);
    assert_eq!(s["origin"], Value::Null);
    assert_eq!(s["origin_lsn"], Value::Null);
}

pub(crate) const TYPES_DDL: &str = r#"
CREATE EXTENSION IF NOT EXISTS hstore; CREATE EXTENSION IF NOT EXISTS ltree; CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE test_type AS ENUM ('V1','V2');
CREATE DOMAIN money2 AS numeric(12,2);
CREATE TABLE dbz_types (
  pk serial PRIMARY KEY,
  si smallint, i integer, bi bigint, o oid,
  r real, db double precision, r_nan real, db_pinf double precision,
  d decimal(3,2), dzs decimal(4), dvs decimal, n numeric(6,4), nvs numeric,
  csh money, b boolean,
  bol bit(1), bs bit(2), bs7 bit(7), bv bit varying(2), bv2 bit varying(24), bvu bit varying,
  ba bytea, vc varchar(2), ch character(4), t text, ct citext,
  j json, jb jsonb, x xml, u uuid,
  dt date, ti time, tip time(3), ttz time with time zone, tptz time(3) with time zone,
  ts timestamp, ts_ms timestamp(3), tz timestamptz, tz3 timestamptz(3), it interval,
  hs hstore, lt ltree, inet_c inet, cidr_c cidr, mac macaddr, mac8 macaddr8,
  tsr tsrange, tstzr tstzrange, dr daterange, i4r int4range, nr numrange, i8r int8range,
  e test_type, int_array int[], numeric_array numeric(10,2)[], varnumeric_array numeric[],
  text_array text[], date_array date[], uuid_array uuid[], json_array json[], e_array test_type[],
  lt_array ltree[], range_array int4range[],
  dm money2, p point, bx box, tq tsquery, money_array money[]);
"#;

/// Debezium's own literals (debezium-pg-types.md §4, from its postgres_create_tables.ddl
/// and AbstractRecordsProducerTest).
pub(crate) const TYPES_ROW: &str = r#"(1,123456,1234567890123,4000000000,3.3,4.44,'NaN','Infinity',1.1,10.11,10.1111,22.22,22.2222,'$1234.11',true,
  '0'::bit(1),'11'::bit(2),'1'::bit(7),'00'::bit(2),'000000110000001000000001','101',E'\\001\\002\\003','žš','cdef','some text','Hello World',
  '{"bar": "baz"}','{"bar": "baz"}','<foo>bar</foo><foo>bar</foo>','a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  '2016-11-04','13:51:30','13:51:30.123','13:51:30.123789+02:00','13:51:30.123+02:00',
  '2016-11-04T13:51:30.123456','2016-11-04T13:51:30.123456','2016-11-04T13:51:30.123456+02:00','2016-11-04T13:51:30.1+02:00',
  'P1Y2M3DT4H5M6.78S','"key1" => "val1","key2" => NULL','Top.Collections.Pictures.Astronomy.Galaxies',
  '192.168.2.0/12','192.168.100.128/25','08:00:2b:01:02:03','08:00:2b:01:02:03:04:05',
  '[2019-03-31 15:30:00, infinity)','[2017-06-05 11:29:12.549426+00,)','[2019-03-31, 2019-04-30)','[1000,6000)','[5.3,6.3)','[1000000,6000000)',
  'V1','{1,2,3}','{1.2,3.4,5.6}','{1.1,2.22,3.333}',
  ARRAY['one','two',NULL],'{2016-11-04,2016-11-05,2016-11-06}','{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
  array['{"bar": "baz"}','{"foo": "qux"}']::json[],'{V1,V2}','{"Ship.Frigate","Ship.Destroyer"}','{"[1,6)","[1,4)"}',
  12.5,'(1,1)','((1,1),(0,0))','fat & rat','{$1.00}')"#;

pub(crate) const TYPES_COLUMNS: &str = "si,i,bi,o,r,db,r_nan,db_pinf,d,dzs,dvs,n,nvs,csh,b,bol,bs,bs7,bv,bv2,bvu,ba,vc,ch,t,ct,j,jb,x,u,
  dt,ti,tip,ttz,tptz,ts,ts_ms,tz,tz3,it,hs,lt,inet_c,cidr_c,mac,mac8,tsr,tstzr,dr,i4r,nr,i8r,e,int_array,numeric_array,varnumeric_array,
  text_array,date_array,uuid_array,json_array,e_array,lt_array,range_array,dm,p,bx,tq,money_array";

/// The `after` Debezium writes for TYPES_ROW (schemas disabled), in column order; `box`,
/// `tsquery` and `money[]` are left out.
fn expected_types_after(pk: i64) -> Value {
    let text = r#"{"pk":0,"si":1,"i":123456,"bi":1234567890123,"o":4000000000,"r":3.3,"db":4.44,"r_nan":"NaN","db_pinf":"Infinity",
     "d":"bg==","dzs":"Cg==","dvs":{"scale":4,"value":"AYr3"},"n":"A2P4","nvs":{"scale":4,"value":"A2QO"},
     "csh":"AeIT","b":true,"bol":false,"bs":"Aw==","bs7":"QA==","bv":"","bv2":"AQID","bvu":"BQ==",
     "ba":"AQID","vc":"žš","ch":"cdef","t":"some text","ct":"Hello World",
     "j":"{\"bar\": \"baz\"}","jb":"{\"bar\": \"baz\"}","x":"<foo>bar</foo><foo>bar</foo>","u":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
     "dt":17109,"ti":49890000000,"tip":49890123,"ttz":"11:51:30.123789Z","tptz":"11:51:30.123Z",
     "ts":1478267490123456,"ts_ms":1478267490123,"tz":"2016-11-04T11:51:30.123456Z","tz3":"2016-11-04T11:51:30.100Z",
     "it":37091106780000,"hs":"{\"key1\":\"val1\",\"key2\":null}","lt":"Top.Collections.Pictures.Astronomy.Galaxies",
     "inet_c":"192.168.2.0/12","cidr_c":"192.168.100.128/25","mac":"08:00:2b:01:02:03","mac8":"08:00:2b:01:02:03:04:05",
     "tsr":"[\"2019-03-31 15:30:00\",infinity)","tstzr":"[\"2017-06-05 11:29:12.549426+00\",)","dr":"[2019-03-31,2019-04-30)",
     "i4r":"[1000,6000)","nr":"[5.3,6.3)","i8r":"[1000000,6000000)",
     "e":"V1","int_array":[1,2,3],"numeric_array":["eA==","AVQ=","AjA="],
     "varnumeric_array":[{"scale":1,"value":"Cw=="},{"scale":2,"value":"AN4="},{"scale":3,"value":"DQU="}],
     "text_array":["one","two",null],"date_array":[17109,17110,17111],
     "uuid_array":["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","f0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],
     "json_array":["{\"bar\": \"baz\"}","{\"foo\": \"qux\"}"],"e_array":["V1","V2"],
     "lt_array":["Ship.Frigate","Ship.Destroyer"],"range_array":["[1,6)","[1,4)"],
     "dm":"BOI=",
     "p":{"x":1.0,"y":1.0,"wkb":"AQEAAAAAAAAAAADwPwAAAAAAAPA/","srid":null}}"#;
    let mut v: Value = serde_json::from_str(text).unwrap();
    v["pk"] = json!(pk);
    v
}

/// The field schemas Debezium writes for dbz_types (debezium-pg-types.md §2-3), in column
/// order.
fn expected_types_schema() -> Vec<Value> {
    let s = |ty: &str, field: &str| json!({"type": ty, "optional": true, "field": field});
    let n = |ty: &str, name: &str, field: &str| json!({"type": ty, "optional": true, "name": name, "version": 1, "field": field});
    let dec = |scale: &str, precision: Option<&str>, field: &str| {
        let mut p = json!({"scale": scale});
        if let Some(pr) = precision {
            p["connect.decimal.precision"] = json!(pr);
        }
        json!({"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":p,"field":field})
    };
    let vsd = |field: &str| json!({"type":"struct","fields":[{"type":"int32","optional":false,"field":"scale"},{"type":"bytes","optional":false,"field":"value"}],"optional":true,"name":"io.debezium.data.VariableScaleDecimal","version":1,"doc":"Variable scaled decimal","field":field});
    let bits = |len: &str, field: &str| json!({"type":"bytes","optional":true,"name":"io.debezium.data.Bits","version":1,"parameters":{"length":len},"field":field});
    let arr = |items: Value, field: &str| json!({"type":"array","items":items,"optional":true,"field":field});
    let enum_ = |optional: bool| json!({"type":"string","optional":optional,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"V1,V2"}});
    let mut e_field = enum_(true);
    e_field["field"] = json!("e");
    vec![
        json!({"type":"int32","optional":false,"default":0,"field":"pk"}),
        s("int16", "si"),
        s("int32", "i"),
        s("int64", "bi"),
        s("int64", "o"),
        s("float", "r"),
        s("double", "db"),
        s("float", "r_nan"),
        s("double", "db_pinf"),
        dec("2", Some("3"), "d"),
        dec("0", Some("4"), "dzs"),
        vsd("dvs"),
        dec("4", Some("6"), "n"),
        vsd("nvs"),
        dec("2", None, "csh"),
        s("boolean", "b"),
        s("boolean", "bol"),
        bits("2", "bs"),
        bits("7", "bs7"),
        bits("2", "bv"),
        bits("24", "bv2"),
        bits("2147483647", "bvu"),
        s("bytes", "ba"),
        s("string", "vc"),
        s("string", "ch"),
        s("string", "t"),
        s("string", "ct"),
        n("string", "io.debezium.data.Json", "j"),
        n("string", "io.debezium.data.Json", "jb"),
        n("string", "io.debezium.data.Xml", "x"),
        n("string", "io.debezium.data.Uuid", "u"),
        n("int32", "io.debezium.time.Date", "dt"),
        n("int64", "io.debezium.time.MicroTime", "ti"),
        n("int32", "io.debezium.time.Time", "tip"),
        n("string", "io.debezium.time.ZonedTime", "ttz"),
        n("string", "io.debezium.time.ZonedTime", "tptz"),
        n("int64", "io.debezium.time.MicroTimestamp", "ts"),
        n("int64", "io.debezium.time.Timestamp", "ts_ms"),
        n("string", "io.debezium.time.ZonedTimestamp", "tz"),
        n("string", "io.debezium.time.ZonedTimestamp", "tz3"),
        n("int64", "io.debezium.time.MicroDuration", "it"),
        n("string", "io.debezium.data.Json", "hs"),
        n("string", "io.debezium.data.Ltree", "lt"),
        s("string", "inet_c"),
        s("string", "cidr_c"),
        s("string", "mac"),
        s("string", "mac8"),
        s("string", "tsr"),
        s("string", "tstzr"),
        s("string", "dr"),
        s("string", "i4r"),
        s("string", "nr"),
        s("string", "i8r"),
        e_field,
        arr(json!({"type":"int32","optional":true}), "int_array"),
        arr(
            json!({"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"}}),
            "numeric_array",
        ),
        arr(
            json!({"type":"struct","fields":[{"type":"int32","optional":false,"field":"scale"},{"type":"bytes","optional":false,"field":"value"}],"optional":true,"name":"io.debezium.data.VariableScaleDecimal","version":1,"doc":"Variable scaled decimal"}),
            "varnumeric_array",
        ),
        arr(json!({"type":"string","optional":true}), "text_array"),
        arr(
            json!({"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1}),
            "date_array",
        ),
        arr(
            json!({"type":"string","optional":true,"name":"io.debezium.data.Uuid","version":1}),
            "uuid_array",
        ),
        arr(
            json!({"type":"string","optional":true,"name":"io.debezium.data.Json","version":1}),
            "json_array",
        ),
        arr(enum_(false), "e_array"),
        arr(
            json!({"type":"string","optional":true,"name":"io.debezium.data.Ltree","version":1}),
            "lt_array",
        ),
        arr(json!({"type":"string","optional":true}), "range_array"),
        dec("2", Some("12"), "dm"),
        json!({"type":"struct","fields":[{"type":"double","optional":false,"field":"x"},{"type":"double","optional":false,"field":"y"},{"type":"bytes","optional":true,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],"optional":true,"name":"io.debezium.data.geometry.Point","version":1,"doc":"Geometry (POINT)","field":"p"}),
    ]
}

#[test]
fn every_type_row_as_debezium_writes_it_with_and_without_schemas() {
    let scope = stack().scope("dbz_types");
    scope.psql(TYPES_DDL);
    scope.psql(&format!(
        "INSERT INTO dbz_types ({TYPES_COLUMNS}) VALUES {TYPES_ROW}"
    ));
    // Snapshot (op r) with and without schemas; then the same row streamed (op c), and a
    // row of nulls.
    let plain = [
        "c_types",
        "--table",
        "public.dbz_types",
        "--topic-prefix",
        "dbz",
    ];
    let schemas = [
        "c_types_s",
        "--table",
        "public.dbz_types",
        "--topic-prefix",
        "dbzs",
        "--schemas-enable",
    ];
    let string = [
        "c_types_str",
        "--table",
        "public.dbz_types",
        "--topic-prefix",
        "dbzstr",
        "--decimal-handling",
        "string",
    ];
    let double = [
        "c_types_dbl",
        "--table",
        "public.dbz_types",
        "--topic-prefix",
        "dbzdbl",
        "--decimal-handling",
        "double",
    ];
    for args in [&plain[..], &schemas[..], &string[..], &double[..]] {
        assert_eq!(start(&scope, args)["snapshot_rows"], 1);
    }
    scope.psql(&format!(
        "INSERT INTO dbz_types ({TYPES_COLUMNS}) VALUES {TYPES_ROW}"
    ));
    scope.psql("INSERT INTO dbz_types DEFAULT VALUES");
    for name in ["c_types", "c_types_s", "c_types_str", "c_types_dbl"] {
        assert_eq!(start(&scope, &[name])["transactions"], 2);
    }

    // Schemas disabled: the value is the envelope itself.
    let ev = records(&scope, "dbz.public.dbz_types");
    let ops: Vec<&str> = ev.iter().map(|r| r.value["op"].as_str().unwrap()).collect();
    assert_eq!(ops, ["r", "c", "c"]);
    for (i, r) in ev.iter().enumerate() {
        let (op, snap) = if i == 0 {
            ("r", "last")
        } else {
            ("c", "false")
        };
        check_envelope(&r.value, op, snap, "dbz_types", "dbz", "dbz_types");
        assert_eq!(r.key, json!({"pk": i + 1}));
    }
    let want = expected_types_after(1);
    let got = &ev[0].value["after"];
    assert_eq!(keys(got), keys(&want), "columns kept, in table order");
    for k in keys(&want) {
        assert_eq!(got[&k], want[&k], "column {k} (snapshot)");
    }
    let want2 = expected_types_after(2);
    for k in keys(&want2) {
        assert_eq!(ev[1].value["after"][&k], want2[&k], "column {k} (streamed)");
    }
    // The row of nulls: every column null (none has a default but pk).
    let nulls = &ev[2].value["after"];
    assert_eq!(nulls["pk"], 3);
    for k in keys(&want).into_iter().filter(|k| k != "pk") {
        assert_eq!(nulls[&k], Value::Null, "column {k}");
    }
    // Numbers as Java writes them, byte for byte (float 3.3 is not 3.299999952316284).
    let text = ev[0].value_text.as_deref().unwrap();
    assert!(
        text.contains(r#""r":3.3,"db":4.44,"r_nan":"NaN","db_pinf":"Infinity""#),
        "{text}"
    );
    assert!(text.contains(r#""p":{"x":1.0,"y":1.0,"#), "{text}");

    // Schemas enabled: the same payload, and the field schemas Debezium writes.
    let ev = records(&scope, "dbzs.public.dbz_types");
    assert_eq!(ev.len(), 3);
    for (i, r) in ev.iter().enumerate() {
        assert_eq!(keys(&r.value), ["schema", "payload"]);
        assert_eq!(r.key["payload"], json!({"pk": i + 1}));
        assert_eq!(
            r.key["schema"],
            json!({"type":"struct","fields":[{"type":"int32","optional":false,"default":0,"field":"pk"}],"optional":false,"name":"dbzs.public.dbz_types.Key"})
        );
        let p = &r.value["payload"];
        for k in keys(&want).into_iter().filter(|k| k != "pk") {
            let w = if i == 2 { &Value::Null } else { &want[&k] };
            assert_eq!(
                &p["after"][&k], w,
                "column {k} (event {i}, schemas enabled)"
            );
        }
    }
    let schema = &ev[0].value["schema"];
    assert_eq!(schema["name"], "dbzs.public.dbz_types.Envelope");
    assert_eq!(schema["version"], 2);
    let after = &schema["fields"][1];
    assert_eq!(after["field"], "after");
    assert_eq!(after["name"], "dbzs.public.dbz_types.Value");
    let fields = after["fields"].as_array().unwrap();
    let want_fields = expected_types_schema();
    assert_eq!(fields.len(), want_fields.len(), "{after}");
    for (got, want) in fields.iter().zip(&want_fields) {
        assert_eq!(got, want, "schema of {}", want["field"]);
        // Key order as the JSON converter writes it.
        assert_eq!(keys(got), keys(want), "key order of {}", want["field"]);
    }

    // decimal.handling.mode=string and double on the numeric and money columns.
    let ev = records(&scope, "dbzstr.public.dbz_types");
    let a = &ev[0].value["after"];
    assert_eq!(
        (&a["d"], &a["dzs"], &a["dvs"], &a["n"], &a["nvs"], &a["csh"], &a["dm"]),
        (
            &json!("1.10"),
            &json!("10"),
            &json!("10.1111"),
            &json!("22.2200"),
            &json!("22.2222"),
            &json!("1234.11"),
            &json!("12.50")
        )
    );
    assert_eq!(a["numeric_array"], json!(["1.20", "3.40", "5.60"]));
    let ev = records(&scope, "dbzdbl.public.dbz_types");
    let a = &ev[0].value["after"];
    assert_eq!(
        (&a["d"], &a["dzs"], &a["dvs"], &a["n"], &a["nvs"], &a["csh"]),
        (
            &json!(1.1),
            &json!(10.0),
            &json!(10.1111),
            &json!(22.22),
            &json!(22.2222),
            &json!(1234.11)
        )
    );
}

#[test]
fn defaults_not_null_fallbacks_and_special_values() {
    let scope = stack().scope("dbz_defaults");
    scope.psql(
        "CREATE TYPE mood AS ENUM ('sad','ok','happy');
         CREATE TABLE nn (id serial PRIMARY KEY, status text DEFAULT 'new', qty int NOT NULL,
            price numeric(6,2) NOT NULL DEFAULT 12.5, at timestamptz NOT NULL DEFAULT now(), note text,
            flag bool NOT NULL, day date DEFAULT '2020-01-02', m mood DEFAULT 'ok', p point NOT NULL DEFAULT '(0,0)',
            n numeric, t timestamp, tz timestamptz, d date, it interval)",
    );
    start(
        &scope,
        &[
            "c_nn",
            "--table",
            "public.nn",
            "--topic-prefix",
            "nn",
            "--schemas-enable",
        ],
    );
    scope.psql(
        "INSERT INTO nn (status, qty, flag, p, n, t, tz, d, it) VALUES (NULL, 7, true, '(1.5,-2.25)', 100.00,
           '1936-10-25 22:10:12.608', '4714-12-31 23:59:59.999999+00 BC', '1969-12-31', '-1 days +02:03:00')",
    );
    scope.psql("INSERT INTO nn (qty, flag, tz, t, d) VALUES (1, false, 'infinity', '-infinity', 'infinity')");
    scope.psql("DELETE FROM nn WHERE id = 1");
    start(&scope, &["c_nn"]);
    let ev = records(&scope, "nn.public.nn");
    let ops: Vec<Option<&str>> = ev
        .iter()
        .map(|r| r.value["payload"]["op"].as_str())
        .collect();
    assert_eq!(ops, [Some("c"), Some("c"), Some("d"), None]);

    // Column defaults in the schema: literals converted, function defaults as the type's zero.
    let fields = ev[0].value["schema"]["fields"][1]["fields"]
        .as_array()
        .unwrap()
        .clone();
    let default_of = |f: &str| {
        fields
            .iter()
            .find(|x| x["field"] == f)
            .unwrap_or_else(|| panic!("no field {f}"))
            .get("default")
            .cloned()
    };
    assert_eq!(default_of("id"), Some(json!(0)));
    assert_eq!(default_of("status"), Some(json!("new")));
    assert_eq!(default_of("qty"), None);
    assert_eq!(default_of("price"), Some(json!("BOI=")), "12.5 at scale 2");
    assert_eq!(default_of("at"), Some(json!("1970-01-01T00:00:00.000000Z")));
    assert_eq!(default_of("day"), Some(json!(18263)));
    assert_eq!(default_of("m"), Some(json!("ok")));
    assert_eq!(default_of("p"), None, "point has no default parser");

    // A null in a column with a default is written as the default (the JSON converter's
    // replace.null.with.default).
    let a = &ev[0].value["payload"]["after"];
    assert_eq!(a["status"], "new");
    assert_eq!(a["qty"], 7);
    assert_eq!(
        a["p"],
        json!({"x": 1.5, "y": -2.25, "wkb": "AQEAAAAAAAAAAAD4PwAAAAAAAALA", "srid": null})
    );
    assert_eq!(
        a["n"],
        json!({"scale": 0, "value": "ZA=="}),
        "100.00 stripped to 1E+2, scale 0"
    );
    assert_eq!(a["t"], -1047174587392000i64);
    assert_eq!(a["tz"], "-4713-12-31T23:59:59.999999Z");
    assert_eq!(a["d"], -1);
    assert_eq!(a["it"], -79020000000i64);
    let b = &ev[1].value["payload"]["after"];
    assert_eq!(b["tz"], "infinity");
    assert_eq!(b["t"], -9223372036832400000i64);
    assert_eq!(b["d"], -2147472692, "LocalDate -5877611-06-21");

    // A delete under REPLICA IDENTITY DEFAULT: the key, nulls as defaults, NOT NULL
    // columns without a value as their default or Debezium's fallback.
    let before = &ev[2].value["payload"]["before"];
    assert_eq!(before["id"], 1);
    assert_eq!(before["status"], "new");
    assert_eq!(before["qty"], 0);
    assert_eq!(before["price"], "BOI=");
    assert_eq!(before["at"], "1970-01-01T00:00:00.000000Z");
    assert_eq!(before["note"], Value::Null);
    assert_eq!(before["flag"], false);
    assert_eq!(before["day"], 18263);
    assert_eq!(before["m"], "ok");
    assert_eq!(
        before["p"],
        json!({"x": 0.0, "y": 0.0, "wkb": "AQEAAAAAAAAAAAAAAAAAAAAAAAAA", "srid": null})
    );

    // NaN in a numeric column: Connect's Decimal cannot hold it; like Debezium's task, the
    // engine stops, and the slot stays before the change.
    scope.psql("INSERT INTO nn (qty, flag, n) VALUES (2, true, 'NaN')");
    let r = scope
        .run(&["connector", "start", "c_nn", "--until-idle"])
        .code(1);
    assert!(
        r.stderr.contains("public.nn.n") && r.stderr.contains("--decimal-handling"),
        "{}",
        r.stderr
    );
    let r = scope
        .run(&["connector", "start", "c_nn", "--until-idle"])
        .code(1);
    assert!(r.stderr.contains("NaN"), "still there: {}", r.stderr);
}
