//! The dotted JSON path of `--key-field`, `--by`, `--map` and `--sum`, looked up in an
//! event; and `json_path::Fields`, the sink's reader of the same event without parsing all
//! of it, which must answer exactly as the lookup on the parsed event. Input: `PATH \0 JSON`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::json_path::{as_text, lookup, Fields};
use livedbctl_fuzz::split;

fuzz_target!(|data: &[u8]| {
    let (path, text) = split(data);
    let Ok(path) = std::str::from_utf8(path) else {
        return;
    };
    let fields = Fields::parse(text);
    let Ok(doc) = serde_json::from_slice::<serde_json::Value>(text) else {
        // Fields checks the syntax only: a number beyond f64 must come back as an error
        // from `get`, never as a value or a missing field (asserted in a unit test); here,
        // that nothing panics.
        if let Some(f) = fields {
            let _ = f.get(path);
        }
        return;
    };
    if let Some(v) = lookup(&doc, path) {
        let _ = as_text(v);
    }
    match fields {
        Some(f) => assert_eq!(
            f.get(path).expect("a parsed event's members parse"),
            lookup(&doc, path).cloned(),
            "path {path:?}"
        ),
        None => assert!(!doc.is_object(), "Fields refused a JSON object"),
    }
});
