//! The parsers of livedbctl that read outside input, fuzzed through the library crate
//! itself (`livedbctl`, `src/lib.rs`): the targets name them by their paths there.

pub use livedbctl::*;

/// Split fuzz input in two at the first NUL byte (the second part empty without one).
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}
