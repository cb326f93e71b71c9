//! The Debezium envelope reader of `consume tail`: a record's key and value recognised
//! as a change event (or shown as JSON, text or base64). Input: `KEY \0 VALUE`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::kafka::tail::decode::{debezium_change, format_ms, Decoded, Payload, Record};
use livedbctl_fuzz::split;

fuzz_target!(|data: &[u8]| {
    let (key, value) = split(data);
    let k = Payload::from_bytes(Some(key));
    let v = Payload::from_bytes(Some(value));
    if let Some(change) = debezium_change(&k, &v) {
        if let Some(ts) = change.ts_ms {
            let _ = format_ms(ts);
        }
    }
    let _ = (v.display(), k.to_json(), Payload::haystack(Some(value)));
    let record = Record {
        topic: "t".into(),
        partition: 0,
        offset: 0,
        timestamp: None,
        key: Some(key.to_vec()),
        value: Some(value.to_vec()),
        headers: Vec::new(),
    };
    // `consume tail -o json` writes this line by hand: it must always be valid JSON.
    let mut line = Vec::new();
    Decoded::new(&record).write_json(&mut line);
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(&line) {
        panic!("invalid JSON line ({e}): {}", String::from_utf8_lossy(&line));
    }
});
