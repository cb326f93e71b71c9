//! The events Debezium documents (customers), transaction metadata, heartbeats and logical messages.

use super::*;

const CUSTOMERS: &str = "CREATE TABLE customers (
  id SERIAL,
  first_name VARCHAR(255) NOT NULL,
  last_name VARCHAR(255) NOT NULL,
  email VARCHAR(255) NOT NULL,
  PRIMARY KEY(id)
);";

#[test]
fn documented_customers_events_with_schemas_enabled_and_disabled() {
    let scope = stack().scope("dbz_customers");
    scope.psql(CUSTOMERS);
    scope.psql("INSERT INTO customers (first_name, last_name, email) VALUES ('Anne', 'Kretchmar', 'annek@noanswer.org')");
    let prefix = "PostgreSQL_server";
    for (name, extra) in [("c_cust", None), ("c_cust_s", Some("--schemas-enable"))] {
        let p = if extra.is_some() {
            "PostgreSQL_server_s"
        } else {
            prefix
        };
        let mut args = vec![
            name,
            "--table",
            "public.customers",
            "--topic-prefix",
            p,
            "--skipped-operations",
            "none",
        ];
        args.extend(extra);
        assert_eq!(start(&scope, &args)["snapshot_rows"], 1);
    }
    // One transaction each.
    scope.psql("INSERT INTO customers (first_name, last_name, email) VALUES ('Sally', 'Thomas', 'sally.thomas@acme.com')");
    scope.psql("UPDATE customers SET first_name = 'Anne Marie' WHERE id = 1");
    scope.psql("ALTER TABLE customers REPLICA IDENTITY FULL");
    scope.psql("UPDATE customers SET email = 'annek@example.com' WHERE id = 1");
    scope.psql("DELETE FROM customers WHERE id = 2");
    scope.psql("ALTER TABLE customers REPLICA IDENTITY DEFAULT");
    scope.psql("INSERT INTO customers (first_name, last_name, email) VALUES ('Edward', 'Walker', 'ed@walker.com')");
    scope.psql("DELETE FROM customers WHERE id = 3");
    scope.psql("UPDATE customers SET id = 100 WHERE id = 1");
    scope.psql("TRUNCATE customers");
    for name in ["c_cust", "c_cust_s"] {
        assert_eq!(start(&scope, &[name])["transactions"], 8);
    }

    let anne = json!({"id": 1, "first_name": "Anne", "last_name": "Kretchmar", "email": "annek@noanswer.org"});
    let anne_marie = json!({"id": 1, "first_name": "Anne Marie", "last_name": "Kretchmar", "email": "annek@noanswer.org"});
    let anne_new_mail = json!({"id": 1, "first_name": "Anne Marie", "last_name": "Kretchmar", "email": "annek@example.com"});
    let sally = json!({"id": 2, "first_name": "Sally", "last_name": "Thomas", "email": "sally.thomas@acme.com"});
    let edward =
        json!({"id": 3, "first_name": "Edward", "last_name": "Walker", "email": "ed@walker.com"});
    // (op or tombstone, key, before, after)
    let want: Vec<(Option<&str>, Value, Value, Value)> = vec![
        (Some("r"), json!({"id": 1}), Value::Null, anne.clone()),
        (Some("c"), json!({"id": 2}), Value::Null, sally.clone()),
        // Update, REPLICA IDENTITY DEFAULT: no old tuple, before is null.
        (Some("u"), json!({"id": 1}), Value::Null, anne_marie.clone()),
        // Update, REPLICA IDENTITY FULL: the whole old row.
        (
            Some("u"),
            json!({"id": 1}),
            anne_marie.clone(),
            anne_new_mail.clone(),
        ),
        // Delete with FULL: the whole row; then the tombstone.
        (Some("d"), json!({"id": 2}), sally.clone(), Value::Null),
        (None, json!({"id": 2}), Value::Null, Value::Null),
        (Some("c"), json!({"id": 3}), Value::Null, edward.clone()),
        // Delete with DEFAULT: the key; NOT NULL columns without a value are "".
        (
            Some("d"),
            json!({"id": 3}),
            json!({"id": 3, "first_name": "", "last_name": "", "email": ""}),
            Value::Null,
        ),
        (None, json!({"id": 3}), Value::Null, Value::Null),
        // Primary-key change: delete (+ tombstone) the old key, create the new one.
        (
            Some("d"),
            json!({"id": 1}),
            json!({"id": 1, "first_name": "", "last_name": "", "email": ""}),
            Value::Null,
        ),
        (None, json!({"id": 1}), Value::Null, Value::Null),
        (
            Some("c"),
            json!({"id": 100}),
            Value::Null,
            json!({"id": 100, "first_name": "Anne Marie", "last_name": "Kretchmar", "email": "annek@example.com"}),
        ),
        // Truncate (with skipped.operations=none): no key, no rows.
        (Some("t"), Value::Null, Value::Null, Value::Null),
    ];
    for (topic, schemas) in [
        ("PostgreSQL_server.public.customers", false),
        ("PostgreSQL_server_s.public.customers", true),
    ] {
        let p = topic.split('.').next().unwrap();
        let ev = records(&scope, topic);
        assert_eq!(ev.len(), want.len(), "{topic}");
        let mut firsts: Vec<Option<u64>> = Vec::new();
        for (i, (r, (op, key, before, after))) in ev.iter().zip(&want).enumerate() {
            let (k, v) = if schemas {
                (&r.key["payload"], &r.value["payload"])
            } else {
                (&r.key, &r.value)
            };
            assert_eq!(k, key, "key of event {i} ({topic})");
            let Some(op) = op else {
                assert!(r.value_text.is_none(), "event {i} is a tombstone");
                assert_eq!(
                    r.key_text,
                    ev[i - 1].key_text,
                    "tombstone key = the delete's key"
                );
                continue;
            };
            let snap = if *op == "r" { "last" } else { "false" };
            check_envelope(v, op, snap, "dbz_customers", p, "customers");
            assert_eq!(&v["before"], before, "before of event {i}");
            assert_eq!(&v["after"], after, "after of event {i}");
            assert_eq!(v["transaction"], Value::Null);
            let seq: Vec<Option<String>> =
                serde_json::from_str(v["source"]["sequence"].as_str().unwrap()).unwrap();
            firsts.push(seq[0].as_ref().map(|s| s.parse().unwrap()));
        }
        // sequence = [end of the last transaction processed, this lsn]: null before the
        // connector processed a commit (the snapshot, the first transaction streamed), then
        // rising from transaction to transaction, the same within one (the key change).
        assert_eq!(firsts[0..2], [None, None]);
        let streamed: Vec<u64> = firsts[2..].iter().map(|f| f.unwrap()).collect();
        assert_eq!(
            streamed[6], streamed[5],
            "the key change's d and c: {streamed:?}"
        );
        let mut distinct = streamed.clone();
        distinct.dedup();
        assert!(distinct.windows(2).all(|w| w[0] < w[1]), "{streamed:?}");
        assert_eq!(distinct.len(), 7, "{streamed:?}");
        // The primary-key change: the delete and its tombstone name the new key, the create
        // the old one (Kafka Connect's SimpleHeaderConverter text).
        assert_eq!(ev[9].headers["__debezium.newkey"], r#"{"id":100}"#);
        assert_eq!(ev[10].headers["__debezium.newkey"], r#"{"id":100}"#);
        assert_eq!(ev[11].headers["__debezium.oldkey"], r#"{"id":1}"#);
        let (d, c) = if schemas {
            (&ev[9].value["payload"], &ev[11].value["payload"])
        } else {
            (&ev[9].value, &ev[11].value)
        };
        assert_eq!(d["source"]["lsn"], c["source"]["lsn"], "one change");
        assert_eq!(d["source"]["sequence"], c["source"]["sequence"]);
        // Truncates have a null key.
        assert!(ev[12].key_text.is_none());
    }

    // Schemas: the key and the envelope as the JSON converter writes them.
    let ev = records(&scope, "PostgreSQL_server_s.public.customers");
    assert_eq!(
        ev[0].key_text.as_deref().unwrap(),
        r#"{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"default":0,"field":"id"}],"optional":false,"name":"PostgreSQL_server_s.public.customers.Key"},"payload":{"id":1}}"#
    );
    let columns = json!([
        {"type":"int32","optional":false,"default":0,"field":"id"},
        {"type":"string","optional":false,"field":"first_name"},
        {"type":"string","optional":false,"field":"last_name"},
        {"type":"string","optional":false,"field":"email"}
    ]);
    let row = |field: &str| json!({"type":"struct","fields":columns,"optional":true,"name":"PostgreSQL_server_s.public.customers.Value","field":field});
    let f = |ty: &str, optional: bool, field: &str| json!({"type":ty,"optional":optional,"field":field});
    let want_schema = json!({
        "type":"struct",
        "fields":[
            row("before"), row("after"),
            {"type":"struct","fields":[
                f("string",false,"version"), f("string",false,"connector"), f("string",false,"name"), f("int64",false,"ts_ms"),
                {"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},"default":"false","field":"snapshot"},
                f("string",false,"db"), f("string",true,"sequence"), f("int64",true,"ts_us"), f("int64",true,"ts_ns"),
                f("string",false,"schema"), f("string",false,"table"), f("int64",true,"txId"), f("int64",true,"lsn"),
                f("int64",true,"xmin"), f("string",true,"origin"), f("int64",true,"origin_lsn")],
             "optional":false,"name":"io.debezium.connector.postgresql.Source","version":1,"field":"source"},
            {"type":"struct","fields":[f("string",false,"id"), f("int64",false,"total_order"), f("int64",false,"data_collection_order")],
             "optional":true,"name":"event.block","version":1,"field":"transaction"},
            f("string",false,"op"), f("int64",true,"ts_ms"), f("int64",true,"ts_us"), f("int64",true,"ts_ns")
        ],
        "optional":false,
        "name":"PostgreSQL_server_s.public.customers.Envelope",
        "version":2
    });
    let text = ev[0].value_text.as_deref().unwrap();
    let schema_text = serde_json::to_string(&want_schema).unwrap();
    assert!(
        text.starts_with(&format!("{{\"schema\":{schema_text},\"payload\":{{")),
        "schema text as the JSON converter writes it:\n{text}"
    );
}

#[test]
fn transaction_metadata_topic_and_blocks() {
    let scope = stack().scope("dbz_tx");
    scope.psql(CUSTOMERS);
    scope.psql("CREATE TABLE orders (id int PRIMARY KEY, customer int)");
    start(
        &scope,
        &[
            "c_tx",
            "--table",
            "public.customers",
            "--table",
            "public.orders",
            "--topic-prefix",
            "txm",
            "--transaction-metadata",
            "--snapshot",
            "never",
        ],
    );
    scope.psql(
        "BEGIN;
         INSERT INTO customers (first_name, last_name, email) VALUES ('Anne', 'Kretchmar', 'annek@noanswer.org');
         INSERT INTO orders VALUES (1, 1), (2, 1);
         UPDATE customers SET id = 100 WHERE id = 1;
         COMMIT;",
    );
    scope.psql("DELETE FROM orders WHERE id = 2");
    // The setting is fixed with the connector's format.
    let r = scope
        .run(&[
            "connector",
            "start",
            "c_tx",
            "--until-idle",
            "--skipped-operations",
            "none",
        ])
        .code(2);
    assert!(r.stderr.contains("--skipped-operations"), "{}", r.stderr);
    let st = start(&scope, &["c_tx"]);
    assert_eq!(st["transactions"], 2);
    assert_eq!(st["transaction_records"], 4);

    let tx = records(&scope, "txm.transaction");
    assert_eq!(tx.len(), 4, "BEGIN and END of each transaction");
    let customers = records(&scope, "txm.public.customers");
    let orders = records(&scope, "txm.public.orders");
    // Transaction 1: c (customers), c, c (orders), d + tombstone + c (customers).
    let (b1, e1, b2, e2) = (&tx[0].value, &tx[1].value, &tx[2].value, &tx[3].value);
    assert_eq!(
        keys(b1),
        ["status", "id", "event_count", "data_collections", "ts_ms"]
    );
    assert_eq!(
        (&b1["status"], &e1["status"]),
        (&json!("BEGIN"), &json!("END"))
    );
    assert_eq!(b1["event_count"], Value::Null);
    assert_eq!(b1["data_collections"], Value::Null);
    assert_eq!(tx[0].key, json!({"id": b1["id"]}));
    assert_eq!(tx[1].key, json!({"id": e1["id"]}));
    let first = &customers[0].value;
    let xid = first["source"]["txId"].as_i64().unwrap();
    // The ids are `<xid>:<lsn>`: BEGIN at the first change, each event at its own, END at
    // the commit's end.
    assert_eq!(b1["id"], format!("{xid}:{}", first["source"]["lsn"]));
    assert!(e1["id"].as_str().unwrap().starts_with(&format!("{xid}:")));
    assert_ne!(e1["id"], b1["id"]);
    assert_eq!(e1["event_count"], 5);
    let mut collections = e1["data_collections"].as_array().unwrap().clone();
    collections.sort_by_key(|c| c["data_collection"].as_str().unwrap().to_string());
    assert_eq!(
        collections,
        [
            json!({"data_collection": "public.customers", "event_count": 3}),
            json!({"data_collection": "public.orders", "event_count": 2})
        ]
    );
    let commit_ms = first["source"]["ts_ms"].clone();
    assert_eq!(b1["ts_ms"], commit_ms);
    assert_eq!(e1["ts_ms"], commit_ms);
    // Each event's block: total order across the transaction, order within its table.
    let block = |v: &Value| {
        (
            v["transaction"]["id"].clone(),
            v["transaction"]["total_order"].as_i64().unwrap(),
            v["transaction"]["data_collection_order"].as_i64().unwrap(),
        )
    };
    let id = |v: &Value| json!(format!("{xid}:{}", v["source"]["lsn"]));
    assert_eq!(block(&customers[0].value), (id(&customers[0].value), 1, 1));
    assert_eq!(block(&orders[0].value), (id(&orders[0].value), 2, 1));
    assert_eq!(block(&orders[1].value), (id(&orders[1].value), 3, 2));
    // The key change: d and c are two events; the tombstone is not counted.
    assert_eq!(customers[1].value["op"], "d");
    assert_eq!(block(&customers[1].value), (id(&customers[1].value), 4, 2));
    assert!(customers[2].value_text.is_none());
    assert_eq!(block(&customers[3].value), (id(&customers[3].value), 5, 3));
    // Transaction 2.
    assert_eq!(b2["status"], "BEGIN");
    assert_eq!(e2["event_count"], 1);
    assert_eq!(
        e2["data_collections"],
        json!([{"data_collection": "public.orders", "event_count": 1}])
    );
    assert_eq!(block(&orders[2].value).1, 1);
    assert_eq!(tx[0].partition, 0);
}

#[test]
fn heartbeats_and_the_action_query_read_by_an_independent_client() {
    let scope = stack().scope("dbz_hb");
    scope.psql(
        "CREATE TABLE quiet (id int PRIMARY KEY);
         CREATE TABLE test_heartbeat_table (id serial PRIMARY KEY, text text);
         CREATE TABLE elsewhere (id serial PRIMARY KEY, v text);",
    );
    start(
        &scope,
        &[
            "c_hb",
            "--table",
            "public.quiet",
            "--table",
            "public.test_heartbeat_table",
            "--topic-prefix",
            "hb",
            "--snapshot",
            "never",
        ],
    );
    // WAL the connector does not capture, written while it is stopped: the slot lags.
    scope.psql("INSERT INTO elsewhere (v) SELECT md5(g::text) FROM generate_series(1, 5000) g");
    let lag = || -> i64 {
        scope
            .psql("SELECT pg_current_wal_lsn() - confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = 'c_hb'")
            .parse::<f64>()
            .unwrap() as i64
    };
    assert!(lag() > 100_000, "{}", lag());
    let engine = scope.spawn_logged(
        "hb",
        &[
            "-o",
            "json",
            "connector",
            "start",
            "c_hb",
            "--heartbeat-interval",
            "300ms",
            "--heartbeat-action-query",
            "INSERT INTO test_heartbeat_table (text) VALUES ('test_heartbeat')",
        ],
    );
    let beats = || -> u64 {
        scope
            .kafka_tool(&["offsets", "__debezium-heartbeat.hb"])
            .json()
            .get("0")
            .and_then(|o| o[1].as_u64())
            .unwrap_or(0)
    };
    wait_for("three heartbeats", Duration::from_secs(120), || {
        beats() >= 3
    });
    wait_for("the action query's rows", Duration::from_secs(120), || {
        scope
            .psql("SELECT count(*) FROM test_heartbeat_table")
            .parse::<u64>()
            .unwrap()
            >= 3
    });
    // The slot moved past the uncaptured WAL while its own tables stayed quiet.
    wait_for("the slot to catch up", Duration::from_secs(120), || {
        lag() < 100_000
    });
    scope.run(&["connector", "stop", "c_hb"]).ok();
    let mut engine = engine;
    assert!(
        engine.wait().unwrap().success(),
        "{:?}",
        scope.output_of("hb")
    );

    let hb = records(&scope, "__debezium-heartbeat.hb");
    assert!(hb.len() >= 3);
    let mut last = 0;
    for r in &hb {
        assert_eq!(r.partition, 0);
        assert_eq!(r.key_text.as_deref(), Some(r#"{"serverName":"hb"}"#));
        assert_eq!(keys(&r.value), ["ts_ms"]);
        let ts = r.value["ts_ms"].as_i64().unwrap();
        assert!(ts > last && ts > 1_600_000_000_000);
        last = ts;
    }
    // The action query's inserts are captured like any change.
    let rows = records(&scope, "hb.public.test_heartbeat_table");
    assert!(rows.len() >= 3);
    assert!(rows
        .iter()
        .all(|r| r.value["op"] == "c" && r.value["after"]["text"] == "test_heartbeat"));
    let stats = scope.output_of("hb").0;
    let last_stats: Value = serde_json::from_str(stats.lines().last().unwrap()).unwrap();
    assert_eq!(last_stats["heartbeats"].as_u64().unwrap(), hb.len() as u64);
}

#[test]
fn logical_decoding_messages_on_the_message_topic() {
    let scope = stack().scope("dbz_msg");
    scope.psql("CREATE TABLE t (id int PRIMARY KEY)");
    start(
        &scope,
        &[
            "c_msg",
            "--table",
            "public.t",
            "--topic-prefix",
            "msg",
            "--transaction-metadata",
            "--snapshot",
            "never",
        ],
    );
    scope.psql(
        "BEGIN; INSERT INTO t VALUES (1); SELECT pg_logical_emit_message(true, 'foo', 'bar'); COMMIT;",
    );
    scope.psql("SELECT pg_logical_emit_message(false, 'nontx', 'x')");
    start(&scope, &["c_msg"]);
    let ev = records(&scope, "msg.message");
    assert_eq!(ev.len(), 2);
    let insert = &records(&scope, "msg.public.t")[0].value;
    let xid = insert["source"]["txId"].clone();
    let (m, n) = (&ev[0].value, &ev[1].value);
    assert_eq!(ev[0].key, json!({"prefix": "foo"}));
    assert_eq!(keys(m), ["op", "ts_ms", "source", "transaction", "message"]);
    assert_eq!(m["op"], "m");
    assert_eq!(m["message"], json!({"prefix": "foo", "content": "YmFy"}));
    assert_eq!(
        (&m["source"]["schema"], &m["source"]["table"]),
        (&json!(""), &json!(""))
    );
    assert_eq!(m["source"]["txId"], xid);
    assert_eq!(
        m["source"]["ts_ms"], insert["source"]["ts_ms"],
        "commit time"
    );
    assert_eq!(m["transaction"]["total_order"], 2);
    assert_eq!(
        m["transaction"]["id"],
        json!(format!("{xid}:{}", m["source"]["lsn"]))
    );
    // Non-transactional: no transaction, no txId.
    assert_eq!(ev[1].key, json!({"prefix": "nontx"}));
    assert_eq!(n["message"]["content"], "eA==");
    assert_eq!(n["source"]["txId"], Value::Null);
    assert_eq!(n["transaction"], Value::Null);
    // The transaction's END counts the message under Debezium's collection name.
    let tx = records(&scope, "msg.transaction");
    let end = &tx[1].value;
    assert_eq!(end["event_count"], 2);
    let mut cols: Vec<String> = end["data_collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}={}",
                c["data_collection"].as_str().unwrap(),
                c["event_count"]
            )
        })
        .collect();
    cols.sort();
    assert_eq!(cols, ["LOGICAL_DECODING_MESSAGE=1", "public.t=1"]);
}
