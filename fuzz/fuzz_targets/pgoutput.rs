//! The pgoutput decoder of the CDC engine: one logical replication message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::cdc::pgoutput::{decode, format_lsn, parse_lsn, unix_micros, Message};

fuzz_target!(|data: &[u8]| {
    // The engine turns the commit timestamps it reads into Unix microseconds.
    match decode(data) {
        Ok(Message::Begin {
            commit_ts_micros, ..
        })
        | Ok(Message::Commit {
            commit_ts_micros, ..
        }) => {
            let _ = unix_micros(commit_ts_micros);
        }
        _ => {}
    }
    if let Ok(s) = std::str::from_utf8(data) {
        if let Some(lsn) = parse_lsn(s) {
            assert_eq!(parse_lsn(&format_lsn(lsn)), Some(lsn));
        }
    }
});
