//! Compact JSON as `consume tail` shows it: a payload's own tokens with the whitespace
//! between them left out, so what is shown is what is on the topic.

use std::borrow::Cow;

/// The text as compact JSON if it is one JSON document: its tokens exactly as written, with
/// the whitespace between them taken out. Numbers keep their text (`1.50` stays `1.50`, and
/// `12345678901234567.891` is not rounded to a double), and strings keep their escapes: what
/// is shown is what is on the topic, only without the spaces.
pub(super) fn compact_json(text: &str) -> Option<Cow<'_, str>> {
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    let b = text.trim_ascii().as_bytes();
    let shape = shape(b)?;
    if !shape.numbers_fit {
        // Valid JSON, but serde_json (and so `--pretty`, and most readers of `-o json`)
        // cannot read it back: shown as the text it is, as before.
        return None;
    }
    if shape.compact {
        // Most payloads are written compactly already: then validating is enough.
        return Some(Cow::Borrowed(text.trim_ascii()));
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let end = string_end(b, i)?;
            out.extend_from_slice(&b[i..end]);
            i = end;
        } else {
            if !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
                out.push(b[i]);
            }
            i += 1;
        }
    }
    // Only ASCII whitespace outside strings was left out, so the rest is still UTF-8.
    String::from_utf8(out).ok().map(Cow::Owned)
}

/// Where the JSON string starting at `b[start]` (a quote) ends: just past its closing quote.
/// None when it is not closed.
fn string_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        // Jump to the next quote or backslash (this scan is most of the time spent on
        // typical payloads: text inside strings).
        i += memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        if b[i] == b'"' {
            return Some(i + 1);
        }
        // An escape: the backslash and the character it escapes.
        i += 2;
    }
}

/// What one pass over JSON text (whitespace around it already trimmed) finds, outside its
/// strings. Not a validation: text that is not JSON is shown as it is anyway.
struct Shape {
    /// No whitespace between tokens: the text is its own compact form.
    compact: bool,
    /// Every number within a double's range (`1e400` is not, nor an integer of 400
    /// digits), as serde_json requires to read it.
    numbers_fit: bool,
}

/// None when a string is not closed.
fn shape(b: &[u8]) -> Option<Shape> {
    let mut s = Shape {
        compact: true,
        numbers_fit: true,
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => i = string_end(b, i)?,
            b' ' | b'\t' | b'\n' | b'\r' => {
                s.compact = false;
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                let n = &b[start..i];
                // Only an exponent or a very long number can leave a double's range.
                if (n.len() > 300 || n.iter().any(|c| matches!(c, b'e' | b'E')))
                    && !std::str::from_utf8(n)
                        .ok()
                        .and_then(|t| t.parse::<f64>().ok())
                        .is_some_and(f64::is_finite)
                {
                    s.numbers_fit = false;
                }
            }
            _ => i += 1,
        }
    }
    Some(s)
}

/// Whether JSON text is its own compact form (see [`Shape`]). What `consume tail -f` spent
/// most of its own time on, token by token; text without backslashes is looked at 64 bytes
/// at a time instead (about half the time per event).
pub(super) fn is_compact(b: &[u8]) -> bool {
    is_compact_by_blocks(b).unwrap_or_else(|| shape(b).is_some_and(|s| s.compact))
}

/// [`is_compact`] for text without backslashes, by masks of 64 bytes: its quotes say where
/// its strings are (a string runs from a quote to the next one, when nothing is escaped), and
/// the text is compact when no whitespace lies outside them and its last string is closed.
/// None when there is a backslash (then escaped quotes need the token walk).
fn is_compact_by_blocks(b: &[u8]) -> Option<bool> {
    scan_blocks(b).map(|(compact, _)| compact)
}

/// Whether the text is compact JSON (as [`is_compact`] says) made of ASCII only, and so
/// valid UTF-8 without a look of its own: `consume tail -f`'s common case, told in one
/// pass. False also where it cannot tell that way (a backslash; not on x86_64).
pub(super) fn is_compact_ascii(b: &[u8]) -> bool {
    scan_blocks(b) == Some((true, true))
}

/// [`is_compact_by_blocks`], and whether every byte looked at was ASCII (all of them when
/// the text is compact). None also where there is no block scan (not on x86_64).
fn scan_blocks(b: &[u8]) -> Option<(bool, bool)> {
    #[cfg(target_arch = "x86_64")]
    {
        if x86::has_avx2() {
            // SAFETY: the CPU has AVX2 and PCLMULQDQ, as just asked.
            return unsafe { x86::scan_avx2(b) };
        }
        scan_with(b, x86::masks_sse2, prefix_xor)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = b;
        None
    }
}

/// Bit i of the result: an odd number of bits set at or below i (the carry-less multiply
/// by all ones does this in one instruction).
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn prefix_xor(mut x: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        x ^= x << shift;
    }
    x
}

/// The block scan, with the masks and prefix XOR given (so the AVX2 build of it inlines
/// its own).
#[inline(always)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn scan_with(
    b: &[u8],
    masks: impl Fn(&[u8; 64]) -> Masks,
    prefix_xor: impl Fn(u64) -> u64,
) -> Option<(bool, bool)> {
    // All ones while a block starts inside a string.
    let mut inside = 0u64;
    let mut high = 0u64;
    let mut block = |bytes: &[u8; 64]| -> Option<bool> {
        let m = masks(bytes);
        if m.backslash != 0 {
            return None;
        }
        high |= m.high;
        // Bit i: an odd number of quotes at or before i, so byte i is in a string (an
        // opening quote counts as in, a closing one as out).
        let in_string = prefix_xor(m.quote) ^ inside;
        if m.space & !in_string != 0 {
            return Some(false);
        }
        inside = 0u64.wrapping_sub(in_string >> 63);
        Some(true)
    };
    let mut chunks = b.chunks_exact(64);
    for chunk in &mut chunks {
        if !block(chunk.try_into().ok()?)? {
            return Some((false, false));
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Padded with a byte that is neither a quote, a backslash nor whitespace.
        let mut last = [b'0'; 64];
        last[..rest.len()].copy_from_slice(rest);
        if !block(&last)? {
            return Some((false, false));
        }
    }
    Some((inside == 0, high == 0))
}

/// Bit i set where byte i of the block is a quote, a backslash, JSON whitespace, or not
/// ASCII (`high`).
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
struct Masks {
    quote: u64,
    backslash: u64,
    space: u64,
    high: u64,
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    use super::Masks;

    /// Whether this CPU has what [`scan_avx2`] needs (asked once; the answer is cached).
    pub(super) fn has_avx2() -> bool {
        std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("pclmulqdq")
    }

    /// The block scan with 32-byte compares and the prefix XOR in one carry-less
    /// multiply: half the instructions of the SSE2 scan per block.
    ///
    /// # Safety
    /// The CPU must have AVX2 and PCLMULQDQ ([`has_avx2`]).
    #[target_feature(enable = "avx2,pclmulqdq")]
    pub(super) unsafe fn scan_avx2(b: &[u8]) -> Option<(bool, bool)> {
        super::scan_with(b, |blk| masks_avx2(blk), |x| prefix_xor_clmul(x))
    }

    #[target_feature(enable = "avx2")]
    #[inline]
    fn masks_avx2(block: &[u8; 64]) -> Masks {
        let mut m = Masks {
            quote: 0,
            backslash: 0,
            space: 0,
            high: 0,
        };
        let eq = |v, c: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c as i8));
        let bits = |v| u64::from(_mm256_movemask_epi8(v) as u32);
        for k in 0..2 {
            // SAFETY: each 32-byte load is inside the 64-byte block (loadu needs no
            // alignment).
            let v = unsafe { _mm256_loadu_si256(block.as_ptr().add(k * 32).cast::<__m256i>()) };
            let space = _mm256_or_si256(
                _mm256_or_si256(eq(v, b' '), eq(v, b'\t')),
                _mm256_or_si256(eq(v, b'\n'), eq(v, b'\r')),
            );
            m.quote |= bits(eq(v, b'"')) << (k * 32);
            m.backslash |= bits(eq(v, b'\\')) << (k * 32);
            m.space |= bits(space) << (k * 32);
            // A byte's top bit: not ASCII.
            m.high |= bits(v) << (k * 32);
        }
        m
    }

    #[target_feature(enable = "pclmulqdq")]
    #[inline]
    fn prefix_xor_clmul(x: u64) -> u64 {
        let product = _mm_clmulepi64_si128(_mm_set_epi64x(0, x as i64), _mm_set1_epi8(-1), 0);
        _mm_cvtsi128_si64(product) as u64
    }

    /// SSE2 is part of every x86_64 CPU (the target's baseline).
    pub(super) fn masks_sse2(block: &[u8; 64]) -> Masks {
        let mut m = Masks {
            quote: 0,
            backslash: 0,
            space: 0,
            high: 0,
        };
        // SAFETY: SSE2 is always there (see above), and each 16-byte load is inside the
        // 64-byte block (loadu needs no alignment).
        unsafe {
            let eq = |v, c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let bits = |v| u64::from(_mm_movemask_epi8(v) as u16);
            for k in 0..4 {
                let v = _mm_loadu_si128(block.as_ptr().add(k * 16).cast::<__m128i>());
                let space = _mm_or_si128(
                    _mm_or_si128(eq(v, b' '), eq(v, b'\t')),
                    _mm_or_si128(eq(v, b'\n'), eq(v, b'\r')),
                );
                m.quote |= bits(eq(v, b'"')) << (k * 16);
                m.backslash |= bits(eq(v, b'\\')) << (k * 16);
                m.space |= bits(space) << (k * 16);
                m.high |= bits(v) << (k * 16);
            }
        }
        m
    }

    #[cfg(test)]
    pub(super) fn prefix_xor_both(x: u64) -> (u64, u64) {
        let fast = if has_avx2() {
            // SAFETY: checked just now.
            unsafe { prefix_xor_clmul(x) }
        } else {
            super::prefix_xor(x)
        };
        (fast, super::prefix_xor(x))
    }

    #[cfg(test)]
    pub(super) fn scan_sse2(b: &[u8]) -> Option<(bool, bool)> {
        super::scan_with(b, masks_sse2, super::prefix_xor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_scan_agrees_with_the_token_walk() {
        // Texts of quotes, spaces, letters and brackets, 0 to 300 bytes, so that strings
        // and whitespace fall on and across every block boundary; some with a backslash.
        let alphabet = b"\"\"  \t\n\rab{}:,[]0\\\xc3";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut by_blocks = 0;
        for len in 0..300 {
            for _ in 0..40 {
                let text: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        alphabet[(seed % alphabet.len() as u64) as usize]
                    })
                    .collect();
                let walk = shape(&text).is_some_and(|s| s.compact);
                assert_eq!(
                    is_compact(&text),
                    walk,
                    "{:?}",
                    String::from_utf8_lossy(&text)
                );
                assert_eq!(
                    is_compact_ascii(&text),
                    is_compact_by_blocks(&text) == Some(true) && text.is_ascii(),
                    "{:?}",
                    String::from_utf8_lossy(&text)
                );
                #[cfg(target_arch = "x86_64")]
                assert_eq!(x86::scan_sse2(&text), scan_blocks(&text));
                if let Some(fast) = is_compact_by_blocks(&text) {
                    assert_eq!(fast, walk);
                    by_blocks += 1;
                }
            }
        }
        #[cfg(target_arch = "x86_64")]
        for _ in 0..10_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let (fast, shifts) = x86::prefix_xor_both(seed);
            assert_eq!(fast, shifts, "{seed:#x}");
        }
        let with_escape = br#"{"a":"x\"y z"}"#;
        assert_eq!(is_compact_by_blocks(with_escape), None);
        assert!(is_compact(with_escape));
        if cfg!(target_arch = "x86_64") {
            assert!(by_blocks > 500, "{by_blocks}");
        }
        // A space just inside and just outside a string at the 64-byte line.
        let inside = format!("{{\"a\":\"{} b\"}}", "x".repeat(57));
        assert_eq!(inside.as_bytes()[63], b' ');
        assert_eq!(is_compact_by_blocks(inside.as_bytes()), Some(true));
        let outside = format!("{{\"a\":\"{}\", \"b\":1}}", "x".repeat(55));
        assert_eq!(outside.as_bytes()[63], b' ');
        assert_eq!(is_compact_by_blocks(outside.as_bytes()), Some(false));
    }
}
