//! The dotted JSON path of `--key-field`, `--by`, `--map` and `--sum`, looked up in an
//! event. Input: `PATH \0 JSON`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::json_path::{as_text, lookup};
use livedbctl_fuzz::split;

fuzz_target!(|data: &[u8]| {
    let (path, doc) = split(data);
    let (Ok(path), Ok(doc)) = (
        std::str::from_utf8(path),
        serde_json::from_slice::<serde_json::Value>(doc),
    ) else {
        return;
    };
    if let Some(v) = lookup(&doc, path) {
        let _ = as_text(v);
    }
});
