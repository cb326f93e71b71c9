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

/// Whether JSON text is its own compact form (see [`Shape`]).
pub(super) fn is_compact(b: &[u8]) -> bool {
    shape(b).is_some_and(|s| s.compact)
}
