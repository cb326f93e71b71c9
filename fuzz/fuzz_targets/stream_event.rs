//! How stream jobs read an event (`stream/wanted.rs`): the first reader (a scanner of the
//! common document) and the reference reader (serde_json's). Whatever the scanner reads,
//! serde_json must accept and read the same; `parse`, which uses both, must answer as the
//! reference alone. Input: the wanted paths (dotted, one per line) `\0` the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::split;
use livedbctl_fuzz::stream::wanted::Wanted;

fuzz_target!(|data: &[u8]| {
    let (paths, doc) = split(data);
    let paths: Vec<Vec<String>> = String::from_utf8_lossy(paths)
        .lines()
        .take(8)
        .map(|l| l.split('.').map(String::from).collect())
        .collect();
    let wanted = Wanted::new(paths.iter().map(Vec::as_slice));
    let reference = wanted.read(doc);
    // serde_json's `Value` (with its `raw_value` feature) refuses an object whose member is
    // named by its private RawValue token; the readers read it as the JSON it is
    // (`stream::wanted::tests::serde_jsons_private_token_is_an_ordinary_name`).
    if !doc.windows(8).any(|w| w == b"$serde_j") {
        assert_eq!(
            reference.is_some(),
            serde_json::from_slice::<serde_json::Value>(doc).is_ok(),
            "the reference reader accepts what serde_json accepts"
        );
    }
    if let Some(first) = wanted.scan(doc) {
        let r = reference.as_ref().expect("serde_json accepts what the scanner read");
        assert!(first.same_as(r), "{first:?} != {r:?}");
    }
    match (wanted.parse(doc), &reference) {
        (Some(p), Some(r)) => assert!(p.same_as(r)),
        (None, None) => {}
        (p, r) => panic!("parse {p:?}, reference {r:?}"),
    }
});
