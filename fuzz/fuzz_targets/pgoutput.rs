//! The pgoutput decoder of the CDC engine: one logical replication message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::cdc::pgoutput::{decode, format_lsn, parse_lsn};

fuzz_target!(|data: &[u8]| {
    let _ = decode(data);
    if let Ok(s) = std::str::from_utf8(data) {
        if let Some(lsn) = parse_lsn(s) {
            assert_eq!(parse_lsn(&format_lsn(lsn)), Some(lsn));
        }
    }
});
