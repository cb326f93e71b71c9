//! COPY's text format, written by the seed's loader and `consume sink`.

/// Append `v` as one field of COPY's text format: backslash, tab and line breaks escaped.
pub fn escape_into(out: &mut String, v: &str) {
    // Most values need no escaping: copy them whole.
    if !v.contains(['\\', '\t', '\n', '\r']) {
        out.push_str(v);
        return;
    }
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// COPY's text format for NULL.
pub const NULL: &str = "\\N";

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_what_copy_reads_as_syntax() {
        let mut s = String::new();
        super::escape_into(&mut s, "plain");
        s.push('|');
        super::escape_into(&mut s, "a\tb\nc\rd\\e é");
        assert_eq!(s, "plain|a\\tb\\nc\\rd\\\\e é");
    }
}
