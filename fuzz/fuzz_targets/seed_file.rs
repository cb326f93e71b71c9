//! The seed files of `seed burst --file`: CSV (RFC 4180) and JSON, with the problem
//! locations they report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::pipeline::seed::file::{check_amount, parse_csv, parse_json, parse_named};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_csv(text);
    let _ = parse_json(text);
    let _ = parse_named("fuzz.csv", text, false);
    let _ = parse_named("fuzz.json", text, true);
    let _ = check_amount(text);
});
