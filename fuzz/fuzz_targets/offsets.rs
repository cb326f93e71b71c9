//! The `--from` offset grammar of `consume tail` (and `group seek --to @TIME`), then each
//! position resolved within watermarks as a broker would report them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::kafka::tail::offsets::{parse_offset_spec, parse_time, resolve};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let now = 1_764_000_000_000;
    let _ = parse_time(s, now);
    if let Ok(spec) = parse_offset_spec(s, now) {
        // Watermarks are never negative and low <= high; the broker's time answer may be
        // anything in between or missing.
        for (low, high) in [(0, 0), (0, 10), (5, 1_000), (i64::MAX - 1, i64::MAX)] {
            for by_time in [None, Some(low), Some(high)] {
                let _ = resolve(spec.from, low, high, by_time);
                if let Some(u) = spec.until {
                    let _ = resolve(u, low, high, by_time);
                }
            }
        }
    }
});
