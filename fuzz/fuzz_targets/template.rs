//! The `-f` line template of `consume tail`, rendered on a record made of the rest of the
//! input (key and value, so Debezium envelopes and binary payloads are met too). Input:
//! `TEMPLATE \0 KEY \0 VALUE`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::kafka::tail::decode::{Payload, Record};
use livedbctl_fuzz::kafka::tail::template::Template;
use livedbctl_fuzz::split;

fuzz_target!(|data: &[u8]| {
    let (template, rest) = split(data);
    let (key, value) = split(rest);
    let Ok(t) = std::str::from_utf8(template) else {
        return;
    };
    let record = Record {
        topic: "t".into(),
        partition: 1,
        offset: 42,
        timestamp: Some(1_764_000_000_000),
        key: (!key.is_empty()).then(|| key.to_vec()),
        value: (!value.is_empty()).then(|| value.to_vec()),
        headers: vec![("h".into(), Some(value.to_vec())), ("n".into(), None)],
    };
    let mut line = Vec::new();
    Template::parse(t).render_into(&record, &mut line);
    // `%k`/`%v` print from the record's bytes: always what `Payload::display` shows, and
    // nothing for a missing key or value (as kcat prints it).
    for raw in [record.key.as_deref(), record.value.as_deref()] {
        let mut fast = Vec::new();
        Payload::write_display_of(raw, &mut fast);
        let shown = match raw {
            None => String::new(),
            Some(_) => Payload::from_bytes(raw).display(),
        };
        assert_eq!(String::from_utf8_lossy(&fast), shown, "{raw:?}");
    }
});
