//! The destination template of `consume route --to` (`consumers/route.rs`), rendered on an
//! event: never a panic, and a name it returns is one Kafka accepts as a topic (1 to 249
//! of `[A-Za-z0-9._-]`, not `.` or `..`). Input: `TEMPLATE \0 BY \0 EVENT` (the event as
//! JSON, else as the string value of `x`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::consumers::route::render;
use livedbctl_fuzz::split;
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let (template, rest) = split(data);
    let (by, event) = split(rest);
    let (Ok(template), Ok(by)) = (std::str::from_utf8(template), std::str::from_utf8(by)) else {
        return;
    };
    let doc = serde_json::from_slice::<Value>(event)
        .unwrap_or_else(|_| json!({"x": String::from_utf8_lossy(event)}));
    if let Ok(name) = render(template, by, &doc) {
        assert!(
            (1..=249).contains(&name.len()),
            "{template:?} -> {name:?}: {} characters",
            name.len()
        );
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')),
            "{template:?} -> {name:?}: a character Kafka refuses"
        );
        assert!(name != "." && name != "..", "{template:?} -> {name:?}");
    }
});
