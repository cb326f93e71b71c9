//! Records as people and scripts read them: payloads as JSON, text or base64, and
//! Debezium change events recognised (operation, table, key, changed columns).

use std::borrow::Cow;

use super::compact::{compact_json, is_compact, is_compact_ascii};

use base64::Engine as _;
use serde::Serialize;
use serde_json::{Map, Value};

/// A record copied out of the consumer.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    /// Milliseconds since the epoch, when the record carries one.
    pub timestamp: Option<i64>,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Option<Vec<u8>>)>,
}

impl Record {
    /// This record becomes a copy of `m` (whose topic, `m.topic()`, the caller has at hand;
    /// its headers only when `headers`, else none), reusing its buffers: reading a topic
    /// record by record allocates nothing once the buffers have grown to the records' size.
    pub fn fill(&mut self, m: &impl rdkafka::message::Message, topic: &str, headers: bool) {
        use rdkafka::message::Headers;
        fn copy(to: &mut Option<Vec<u8>>, from: Option<&[u8]>) {
            match (to.as_mut(), from) {
                (Some(buf), Some(b)) => {
                    buf.clear();
                    buf.extend_from_slice(b);
                }
                (None, Some(b)) => *to = Some(b.to_vec()),
                (_, None) => *to = None,
            }
        }
        if self.topic != topic {
            self.topic.clear();
            self.topic.push_str(topic);
        }
        self.partition = m.partition();
        self.offset = m.offset();
        self.timestamp = m.timestamp().to_millis();
        copy(&mut self.key, m.key());
        copy(&mut self.value, m.payload());
        self.headers.clear();
        if let Some(h) = headers.then(|| m.headers()).flatten() {
            self.headers.extend(
                h.iter()
                    .map(|h| (h.key.to_string(), h.value.map(<[u8]>::to_vec))),
            );
        }
    }
}

/// How a payload is shown: JSON objects and arrays stay JSON, other UTF-8 stays text,
/// anything else is base64. (Scalars such as `7` or `true` stay text so a key "7" is not
/// silently turned into a number.)
/// Borrowed from the record where it can be: a payload that is already compact JSON, or
/// text, is not copied.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload<'a> {
    Null,
    /// A JSON object or array, as compact JSON text: its tokens as written (numbers keep
    /// their digits, strings their escapes), keys in their order, no whitespace between
    /// tokens. Payloads already written that way (as producers write them) are only
    /// validated; others lose their whitespace in one pass, without building the value.
    Json(Cow<'a, str>),
    Text(&'a str),
    Binary(&'a [u8]),
}

impl<'a> Payload<'a> {
    pub fn from_bytes(b: Option<&'a [u8]>) -> Payload<'a> {
        let Some(b) = b else { return Payload::Null };
        let Ok(text) = std::str::from_utf8(b) else {
            return Payload::Binary(b);
        };
        let first = b.iter().find(|c| !c.is_ascii_whitespace());
        if matches!(first, Some(b'{') | Some(b'[')) {
            if let Some(compact) = compact_json(text) {
                return Payload::Json(compact);
            }
        }
        Payload::Text(text)
    }

    /// `json`, `text`, `base64`, or None for a null payload.
    pub fn encoding(&self) -> Option<&'static str> {
        match self {
            Payload::Null => None,
            Payload::Json(_) => Some("json"),
            Payload::Text(_) => Some("text"),
            Payload::Binary(_) => Some("base64"),
        }
    }

    /// The parsed JSON value (for Debezium envelopes and pretty printing, not the hot path).
    pub fn to_json(&self) -> Value {
        match self {
            Payload::Null => Value::Null,
            Payload::Json(s) => serde_json::from_str(s).unwrap_or(Value::Null),
            Payload::Text(s) => Value::String(s.to_string()),
            Payload::Binary(b) => {
                Value::String(base64::engine::general_purpose::STANDARD.encode(b))
            }
        }
    }

    /// Append the payload as a JSON value: compact JSON as it is, text and base64 as
    /// strings, `null`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Payload::Null => out.extend_from_slice(b"null"),
            Payload::Json(s) => out.extend_from_slice(s.as_bytes()),
            Payload::Text(s) => write_str(out, s),
            Payload::Binary(b) => {
                write_str(out, &base64::engine::general_purpose::STANDARD.encode(b))
            }
        }
    }

    /// One-line text: compact JSON, the text itself, or `base64:...`.
    pub fn display(&self) -> String {
        let mut out = Vec::new();
        self.write_display(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Append [`Payload::display`]'s text.
    pub fn write_display(&self, out: &mut Vec<u8>) {
        match self {
            Payload::Null => out.extend_from_slice(b"null"),
            Payload::Json(s) => out.extend_from_slice(s.as_bytes()),
            Payload::Text(s) => out.extend_from_slice(s.as_bytes()),
            Payload::Binary(b) => {
                out.extend_from_slice(b"base64:");
                out.extend_from_slice(
                    base64::engine::general_purpose::STANDARD
                        .encode(b)
                        .as_bytes(),
                );
            }
        }
    }

    /// Append what [`Payload::display`] shows for these bytes, straight from them when it
    /// can tell they would be shown as they are: text that does not look like JSON, or JSON
    /// without whitespace between its tokens (then, valid or not, it is shown as is).
    /// Nothing for a null payload.
    pub fn write_display_of(raw: Option<&[u8]>, out: &mut Vec<u8>) {
        let Some(b) = raw else { return };
        // The common case in one pass: compact JSON all in ASCII (so valid UTF-8; no
        // whitespace around it, which would not be compact).
        if matches!(b.first(), Some(b'{' | b'[')) && is_compact_ascii(b) {
            out.extend_from_slice(b);
            return;
        }
        if std::str::from_utf8(b).is_ok() {
            let trimmed = b.trim_ascii();
            let looks_json = matches!(trimmed.first(), Some(b'{' | b'['));
            if !looks_json || (trimmed.len() == b.len() && is_compact(b)) {
                out.extend_from_slice(b);
                return;
            }
        }
        Payload::from_bytes(raw).write_display(out);
    }

    /// Text a pattern is matched against (lossy for binary payloads).
    pub fn haystack(raw: Option<&[u8]>) -> Cow<'_, str> {
        raw.map(String::from_utf8_lossy).unwrap_or_default()
    }
}

/// A JSON string literal.
fn write_str(out: &mut Vec<u8>, s: &str) {
    // Writing a &str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// A JSON number.
fn write_num(out: &mut Vec<u8>, n: i64) {
    let _ = serde_json::to_writer(&mut *out, &n);
}

/// A Debezium change event in plain terms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// `insert`, `update`, `delete`, `read` (snapshot) or `truncate`.
    pub op: &'static str,
    /// `schema.table` from `source`, when present.
    pub table: Option<String>,
    /// The record key with any `{schema, payload}` wrapper removed.
    pub key: Value,
    /// Columns that changed: all columns of an insert, read or delete; on an update, those
    /// whose value differs (every column of `after` when `before` is unknown).
    pub columns: Vec<ColumnChange>,
    /// Whether `before` was present (updates without REPLICA IDENTITY FULL have none).
    pub before_known: bool,
    /// Commit time at the source (`source.ts_ms`), else the envelope's `ts_ms`.
    pub ts_ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnChange {
    pub name: String,
    pub before: Value,
    pub after: Value,
}

fn unwrap_schema(v: &Value) -> &Value {
    match v {
        Value::Object(m)
            if m.contains_key("schema") && m.contains_key("payload") && m.len() == 2 =>
        {
            &m["payload"]
        }
        _ => v,
    }
}

/// Recognise a Debezium envelope (`before`/`after`/`op`/`source`, optionally wrapped in
/// `{schema, payload}` by the JSON converter).
pub fn debezium_change(key: &Payload, value: &Payload) -> Option<Change> {
    let Payload::Json(text) = value else {
        return None;
    };
    // An envelope has both keys; most records have neither, and are not parsed at all.
    if !(text.contains("\"op\":") && text.contains("\"source\":")) {
        return None;
    }
    let v: Value = serde_json::from_str(text).ok()?;
    let env = unwrap_schema(&v).as_object()?;
    let op = match env.get("op")?.as_str()? {
        "c" => "insert",
        "u" => "update",
        "d" => "delete",
        "r" => "read",
        "t" => "truncate",
        _ => return None,
    };
    if !(env.contains_key("before") || env.contains_key("after")) || !env.get("source")?.is_object()
    {
        return None;
    }
    let source = &env["source"];
    let table = match (
        source.get("schema").and_then(Value::as_str),
        source.get("table").and_then(Value::as_str),
    ) {
        (Some(s), Some(t)) => Some(format!("{s}.{t}")),
        (None, Some(t)) => Some(t.to_string()),
        _ => None,
    };
    let empty = Map::new();
    let before = env.get("before").and_then(Value::as_object);
    let after = env.get("after").and_then(Value::as_object);
    let mut columns = Vec::new();
    match (before, after) {
        (Some(b), Some(a)) => {
            for (name, av) in a {
                let bv = b.get(name).cloned().unwrap_or(Value::Null);
                if &bv != av {
                    columns.push(ColumnChange {
                        name: name.clone(),
                        before: bv,
                        after: av.clone(),
                    });
                }
            }
            for (name, bv) in b.iter().filter(|(n, _)| !a.contains_key(*n)) {
                columns.push(ColumnChange {
                    name: name.clone(),
                    before: bv.clone(),
                    after: Value::Null,
                });
            }
        }
        (None, Some(a)) => columns.extend(a.iter().map(|(n, v)| ColumnChange {
            name: n.clone(),
            before: Value::Null,
            after: v.clone(),
        })),
        (Some(b), None) => columns.extend(b.iter().map(|(n, v)| ColumnChange {
            name: n.clone(),
            before: v.clone(),
            after: Value::Null,
        })),
        (None, None) => {
            let _ = &empty;
        }
    }
    Some(Change {
        op,
        table,
        key: match key {
            Payload::Json(_) => unwrap_schema(&key.to_json()).clone(),
            other => other.to_json(),
        },
        columns,
        before_known: before.is_some(),
        ts_ms: source
            .get("ts_ms")
            .and_then(Value::as_i64)
            .or_else(|| env.get("ts_ms").and_then(Value::as_i64)),
    })
}

/// A record decoded for display.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    pub record: &'a Record,
    pub key: Payload<'a>,
    pub value: Payload<'a>,
    pub change: Option<Change>,
}

impl<'a> Decoded<'a> {
    pub fn new(record: &'a Record) -> Self {
        let key = Payload::from_bytes(record.key.as_deref());
        let value = Payload::from_bytes(record.value.as_deref());
        let change = debezium_change(&key, &value);
        Decoded {
            record,
            key,
            value,
            change,
        }
    }

    /// Append the JSON line (without the newline): `{topic, partition, offset, timestamp,
    /// key, key_encoding, key_text?, value, value_encoding, value_text?, headers: [{key,
    /// value, value_encoding}], change?}`. `key_text`/`value_text` hold the payload's exact
    /// text when it is JSON shown reformatted (so the bytes can be rebuilt: `produce send
    /// --from-tail-json`). Written field by field: the payloads are already compact JSON.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let r = self.record;
        out.extend_from_slice(b"{\"topic\":");
        write_str(out, &r.topic);
        out.extend_from_slice(b",\"partition\":");
        write_num(out, r.partition.into());
        out.extend_from_slice(b",\"offset\":");
        write_num(out, r.offset);
        out.extend_from_slice(b",\"timestamp\":");
        match r.timestamp {
            Some(t) => write_num(out, t),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"key\":");
        self.key.write_json(out);
        out.extend_from_slice(b",\"key_encoding\":");
        write_encoding(out, &self.key);
        write_exact(out, b",\"key_text\":", &self.key, r.key.as_deref());
        out.extend_from_slice(b",\"value\":");
        self.value.write_json(out);
        out.extend_from_slice(b",\"value_encoding\":");
        write_encoding(out, &self.value);
        write_exact(out, b",\"value_text\":", &self.value, r.value.as_deref());
        out.extend_from_slice(b",\"headers\":[");
        for (i, (k, v)) in r.headers.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let p = match v {
                None => Payload::Null,
                Some(b) => match std::str::from_utf8(b) {
                    Ok(s) => Payload::Text(s),
                    Err(_) => Payload::Binary(b),
                },
            };
            out.extend_from_slice(b"{\"key\":");
            write_str(out, k);
            out.extend_from_slice(b",\"value\":");
            p.write_json(out);
            out.extend_from_slice(b",\"value_encoding\":");
            write_encoding(out, &p);
            out.push(b'}');
        }
        out.push(b']');
        if let Some(c) = &self.change {
            out.extend_from_slice(b",\"change\":");
            let _ = serde_json::to_writer(&mut *out, c);
        }
        out.push(b'}');
    }
}

/// `field` and the payload's exact text, when it is JSON shown differently from its bytes.
fn write_exact(out: &mut Vec<u8>, field: &[u8], p: &Payload, raw: Option<&[u8]>) {
    if let (Payload::Json(shown), Some(raw)) = (p, raw) {
        if shown.as_bytes() != raw {
            // Only valid UTF-8 is decoded as JSON.
            if let Ok(text) = std::str::from_utf8(raw) {
                out.extend_from_slice(field);
                write_str(out, text);
            }
        }
    }
}

fn write_encoding(out: &mut Vec<u8>, p: &Payload) {
    match p.encoding() {
        Some(e) => write_str(out, e),
        None => out.extend_from_slice(b"null"),
    }
}

/// Milliseconds since the epoch as `2024-05-01T10:00:00.123Z`.
pub fn format_ms(ms: i64) -> String {
    let mut out = Vec::with_capacity(24);
    write_ms(&mut out, ms);
    String::from_utf8(out).unwrap_or_default()
}

/// Append [`format_ms`]'s text. Years 0 to 9999 are written digit by digit (chrono's
/// `format` parses its pattern on every call: an eighth of `consume tail`'s CPU); the
/// others (`+287000-...`) and times chrono cannot hold (the number itself) as chrono does.
pub fn write_ms(out: &mut Vec<u8>, ms: i64) {
    use chrono::{Datelike, Timelike};
    let Some(t) = chrono::DateTime::from_timestamp_millis(ms) else {
        out.extend_from_slice(itoa::Buffer::new().format(ms).as_bytes());
        return;
    };
    let Ok(year) = u32::try_from(t.year()) else {
        return write_chrono(out, t);
    };
    if year > 9999 {
        return write_chrono(out, t);
    }
    let mut digits = |n: u32, width: u32, then: u8| {
        for i in (0..width).rev() {
            out.push(b'0' + (n / 10u32.pow(i) % 10) as u8);
        }
        out.push(then);
    };
    digits(year, 4, b'-');
    digits(t.month(), 2, b'-');
    digits(t.day(), 2, b'T');
    digits(t.hour(), 2, b':');
    digits(t.minute(), 2, b':');
    digits(t.second(), 2, b'.');
    digits(t.timestamp_subsec_millis(), 3, b'Z');
}

fn write_chrono(out: &mut Vec<u8>, t: chrono::DateTime<chrono::Utc>) {
    use std::io::Write as _;
    let _ = write!(out, "{}", t.format("%Y-%m-%dT%H:%M:%S%.3fZ"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The digit-by-digit times equal chrono's formatting, across years 0 to 9999 and past
    /// them both ways, and the times chrono cannot hold stay the number.
    #[test]
    fn times_are_written_as_chrono_formats_them() {
        let chrono_text = |ms: i64| {
            chrono::DateTime::from_timestamp_millis(ms)
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
                .unwrap_or_else(|| ms.to_string())
        };
        let mut cases = vec![
            0,
            -1,
            1,
            999,
            1_000,
            1_767_225_600_000,
            253_402_300_799_999,   // 9999-12-31T23:59:59.999Z
            253_402_300_800_000,   // +10000-01-01
            -62_167_219_200_000,   // 0000-01-01
            -62_167_219_200_001,   // -0001-12-31
            9_000_000_000_000_000, // year 287,000 and more
            i64::MAX,
            i64::MIN,
        ];
        let mut x: i64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            cases.push(x % 300_000_000_000_000);
        }
        for ms in cases {
            assert_eq!(format_ms(ms), chrono_text(ms), "{ms}");
        }
    }

    #[test]
    fn payloads_keep_json_as_json_and_binary_as_base64() {
        assert_eq!(
            Payload::from_bytes(Some(br#" {"a": 1, "b": [1.50, 2e3, "\u00e9"]} "#)),
            Payload::Json(r#"{"a":1,"b":[1.50,2e3,"\u00e9"]}"#.into())
        );
        assert_eq!(
            Payload::from_bytes(Some(br#"{"a":1} trailing"#)),
            Payload::Text(r#"{"a":1} trailing"#)
        );
        // Already compact: the payload itself, borrowed.
        assert_eq!(
            Payload::from_bytes(Some(br#"{"a":[1,-2,true,null],"s":"x\"y\n"} "#)),
            Payload::Json(Cow::Borrowed(r#"{"a":[1,-2,true,null],"s":"x\"y\n"}"#))
        );
        // Whatever the input, the text is its tokens as written, without the whitespace
        // between them: numbers are not rounded through a double, escapes stay.
        for (raw, shown) in [
            (r#"{"a":-0}"#, r#"{"a":-0}"#),
            (
                r#"{"a":1.0,"b":1.50,"c":1e3,"d":-7}"#,
                r#"{"a":1.0,"b":1.50,"c":1e3,"d":-7}"#,
            ),
            (r#"{"a":"\/\u0041\u001f"}"#, r#"{"a":"\/\u0041\u001f"}"#),
            (
                r#"[12345678901234567890, 123456789012345678]"#,
                r#"[12345678901234567890,123456789012345678]"#,
            ),
            (r#"[1234567890123456789012]"#, r#"[1234567890123456789012]"#),
            (r#"[true,false,null,{}, []]"#, r#"[true,false,null,{},[]]"#),
            ("{\"a\" :\t[ 1 ,\r\n2 ] }", r#"{"a":[1,2]}"#),
        ] {
            assert_eq!(
                Payload::from_bytes(Some(raw.as_bytes())),
                Payload::Json(shown.into()),
                "{raw}"
            );
        }
        assert_eq!(
            Payload::from_bytes(Some(b"[01]")),
            Payload::Text("[01]"),
            "invalid JSON stays text"
        );
        assert_eq!(Payload::from_bytes(Some(b"7")), Payload::Text("7"));
        assert_eq!(
            Payload::from_bytes(Some(b"{not json")),
            Payload::Text("{not json")
        );
        let bin = Payload::from_bytes(Some(&[0xff, 0x00, 0x80]));
        assert_eq!(bin.encoding(), Some("base64"));
        assert_eq!(bin.to_json(), json!("/wCA"));
        assert_eq!(Payload::from_bytes(None).encoding(), None);
    }

    fn json(v: Value) -> Payload<'static> {
        Payload::Json(Cow::Owned(v.to_string()))
    }

    #[test]
    fn debezium_updates_show_changed_columns() {
        let key = json(json!({"schema": {}, "payload": {"id": 7}}));
        let value = json(json!({
            "before": {"id": 7, "name": "a", "qty": 1},
            "after": {"id": 7, "name": "b", "qty": 1},
            "source": {"schema": "public", "table": "livedb", "ts_ms": 5},
            "op": "u", "ts_ms": 9
        }));
        let c = debezium_change(&key, &value).unwrap();
        assert_eq!(c.op, "update");
        assert_eq!(c.table.as_deref(), Some("public.livedb"));
        assert_eq!(c.key, json!({"id": 7}));
        assert_eq!(
            c.columns,
            vec![ColumnChange {
                name: "name".into(),
                before: json!("a"),
                after: json!("b")
            }]
        );
        assert_eq!(c.ts_ms, Some(5));
        // Not an envelope: no `source`.
        assert!(debezium_change(&key, &json(json!({"op": "u", "after": {}}))).is_none());
    }

    #[test]
    fn json_is_shown_with_its_tokens_as_written_only_the_spaces_go() {
        let spaced = br#" { "a" : 1.50, "b": 12345678901234567.891, "c": [-0, 12345678901234567890123, 2.5e-3],
            "e": "\u00e9 \/ a  b", "f": "x\"y" } "#;
        let p = Payload::from_bytes(Some(spaced));
        assert_eq!(p.encoding(), Some("json"));
        let want = r#"{"a":1.50,"b":12345678901234567.891,"c":[-0,12345678901234567890123,2.5e-3],"e":"\u00e9 \/ a  b","f":"x\"y"}"#;
        assert_eq!(p.display(), want);
        // Already compact: shown straight from the bytes, the same text.
        let mut fast = Vec::new();
        Payload::write_display_of(Some(want.as_bytes()), &mut fast);
        assert_eq!(String::from_utf8(fast).unwrap(), want);
        assert_eq!(Payload::from_bytes(Some(want.as_bytes())).display(), want);
        // Long numbers: within a double's range they stay JSON, digits and all; beyond it
        // (400 digits) the payload is text.
        let tiny = format!("[0.{}1]", "0".repeat(400));
        assert_eq!(Payload::from_bytes(Some(tiny.as_bytes())).display(), tiny);
        assert_eq!(
            Payload::from_bytes(Some(tiny.as_bytes())).encoding(),
            Some("json")
        );
        let huge = format!("[{}]", "9".repeat(400));
        assert_eq!(
            Payload::from_bytes(Some(huge.as_bytes())).encoding(),
            Some("text")
        );
        // Megabytes of whitespace between tokens go; a string's own spaces stay.
        let wide = format!("[1,{}\"a  b\"]", " ".repeat(4 << 20));
        assert_eq!(
            Payload::from_bytes(Some(wide.as_bytes())).display(),
            r#"[1,"a  b"]"#
        );
        // Not JSON (beyond a double, NaN, an escape cut off at the end): text, as written.
        for raw in [
            &br#"{"d": 1e400}"#[..],
            br#"{"a":NaN}"#,
            br#"{"a":"x\"#,
            br#"{"a":"x\""#,
            b"[\"",
        ] {
            let p = Payload::from_bytes(Some(raw));
            assert_eq!(
                p.encoding(),
                Some("text"),
                "{:?}",
                String::from_utf8_lossy(raw)
            );
            let mut fast = Vec::new();
            Payload::write_display_of(Some(raw), &mut fast);
            assert_eq!(fast, raw);
            assert_eq!(p.display().as_bytes(), raw);
        }
    }

    #[test]
    fn display_straight_from_the_bytes_matches_the_decoded_display() {
        let cases: [&[u8]; 16] = [
            br#"{"a":1,"b":[true,null],"s":"x\"y"}"#,
            // Long and short strings, escapes late in them, an unterminated one.
            br#"{"s":"abcdefghijklmnopqrstuvw"}"#,
            br#"{"s":"abcdefghijklmnopqrstuvwx"}"#,
            br#"{"s":"abcdefghijklmnopqrstuvwxyz0123456789 long enough"}"#,
            br#"{"s":"abcdefghijklmnopqrstuvw\"y\u0041"}"#,
            br#"{"s":"abcdefghijklmnopqrstuvwxyz"#,
            br#"{"s":"abcdefghijklmnopqrstuvwxyz\u00e9"}"#,
            br#" {"a": 1} "#,
            br#"{"a":1.50}"#,
            br#"{} }"#,
            br#" {} }"#,
            b"plain text",
            b"  padded text ",
            b"[1, 2",
            &[0xff, 0x00],
            br#"{"a":"\u0041"}"#,
        ];
        for raw in cases {
            let mut fast = Vec::new();
            Payload::write_display_of(Some(raw), &mut fast);
            let mut decoded = Vec::new();
            Payload::from_bytes(Some(raw)).write_display(&mut decoded);
            assert_eq!(
                String::from_utf8_lossy(&fast),
                String::from_utf8_lossy(&decoded),
                "{:?}",
                String::from_utf8_lossy(raw)
            );
        }
    }

    #[test]
    fn a_json_line_is_written_field_by_field() {
        let record = Record {
            topic: "t\"q".into(),
            partition: 2,
            offset: 41,
            timestamp: None,
            key: Some(b"k1".to_vec()),
            value: Some(br#"{ "a" : [1, 2] }"#.to_vec()),
            headers: vec![
                ("trace".into(), Some(b"abc".to_vec())),
                ("bin".into(), Some(vec![0xff])),
                ("none".into(), None),
            ],
        };
        let mut out = Vec::new();
        Decoded::new(&record).write_json(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"topic":"t\"q","partition":2,"offset":41,"timestamp":null,"key":"k1","key_encoding":"text","value":{"a":[1,2]},"value_encoding":"json","value_text":"{ \"a\" : [1, 2] }","headers":[{"key":"trace","value":"abc","value_encoding":"text"},{"key":"bin","value":"/w==","value_encoding":"base64"},{"key":"none","value":null,"value_encoding":null}]}"#
        );
    }
}
