//! JSON written byte for byte as Kafka Connect's JSON converter writes it (Jackson): control
//! characters escaped with upper-case hex (`\u001F`), and numbers as Java's
//! `Double.toString` prints them (`1.0E10`, `1.0E-4`, `4.44`, `3.0`). A consumer that
//! compares records textually sees no difference from Debezium's.

use std::io;

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter};

/// serde_json's compact output with Jackson's escapes and Java's number format.
#[derive(Debug, Default, Clone, Copy)]
pub struct JavaFormatter;

impl Formatter for JavaFormatter {
    fn write_char_escape<W>(&mut self, writer: &mut W, escape: CharEscape) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        let s: &[u8] = match escape {
            CharEscape::Quote => b"\\\"",
            CharEscape::ReverseSolidus => b"\\\\",
            CharEscape::Solidus => b"\\/",
            CharEscape::Backspace => b"\\b",
            CharEscape::FormFeed => b"\\f",
            CharEscape::LineFeed => b"\\n",
            CharEscape::CarriageReturn => b"\\r",
            CharEscape::Tab => b"\\t",
            CharEscape::AsciiControl(byte) => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                let buf = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(byte >> 4) as usize],
                    HEX[(byte & 0xF) as usize],
                ];
                return writer.write_all(&buf);
            }
        };
        writer.write_all(s)
    }

    fn write_f64<W>(&mut self, writer: &mut W, value: f64) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        writer.write_all(java_double(value).as_bytes())
    }

    fn write_f32<W>(&mut self, writer: &mut W, value: f32) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        writer.write_all(java_double(f64::from(value)).as_bytes())
    }
}

/// `value` as JSON bytes, formatted like Kafka Connect's JSON converter.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_to(&mut out, value);
    out
}

/// Append `value` as JSON to `out`.
pub fn write_to<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let mut ser = serde_json::Serializer::with_formatter(out, JavaFormatter);
    // Serializing a serde_json::Value (or plain data) into a Vec cannot fail.
    let _ = value.serialize(&mut ser);
}

/// `value` as JSON text, formatted like Kafka Connect's JSON converter.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    String::from_utf8(to_vec(value)).unwrap_or_default()
}

/// Java's `Double.toString` (JDK 19+: the shortest digits that read back as the same
/// double): plain between 10^-3 and 10^7 (`4.44`, `100.0`), otherwise computerized
/// scientific notation (`1.0E7`, `1.234E-5`). Finite values only.
pub fn java_double(v: f64) -> String {
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let abs = v.abs();
    if (1e-3..1e7).contains(&abs) {
        let s = format!("{v}");
        return if s.contains('.') { s } else { format!("{s}.0") };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: `1.234e-5`, `1e10`.
    let s = format!("{v:e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa = if mantissa.contains('.') {
        mantissa.to_string()
    } else {
        format!("{mantissa}.0")
    };
    format!("{mantissa}E{exp}")
}

/// Bytes as Kafka Connect's JSON converter writes them: standard base64.
pub fn base64(data: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_as_java_prints_them() {
        assert_eq!(java_double(4.44), "4.44");
        assert_eq!(java_double(3.0), "3.0");
        assert_eq!(java_double(-1.5), "-1.5");
        assert_eq!(java_double(1e7), "1.0E7");
        assert_eq!(java_double(1e10), "1.0E10");
        assert_eq!(java_double(1234.11), "1234.11");
        assert_eq!(java_double(0.001), "0.001");
        assert_eq!(java_double(1e-4), "1.0E-4");
        assert_eq!(java_double(-1.234e-5), "-1.234E-5");
        assert_eq!(java_double(9999999.0), "9999999.0");
        assert_eq!(java_double(12345678.9), "1.23456789E7");
        assert_eq!(java_double(0.0), "0.0");
        assert_eq!(
            java_double(f64::from(3.3f32 as f64 as f32)),
            "3.299999952316284"
        );
        assert_eq!(
            to_string(&json!({"a": 1.0e10, "b": 3.3, "c": 7})),
            r#"{"a":1.0E10,"b":3.3,"c":7}"#
        );
    }

    #[test]
    fn control_characters_escaped_as_jackson_does() {
        assert_eq!(
            to_string(&json!("a\u{1}b\u{1f}\n\t\"\\/é")),
            "\"a\\u0001b\\u001F\\n\\t\\\"\\\\/é\""
        );
    }
}
