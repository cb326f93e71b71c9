//! One input line of `produce send` turned into a message: a JSON document (its key and
//! headers picked from fields), raw bytes, or a `consume tail -o json` record read back.

use std::borrow::Cow;

use base64::Engine as _;

use super::{LineFormat, SendOptions};
use crate::json_path;

/// A message's headers: names, and values (None: a header without one).
type Headers = Vec<(String, Option<Vec<u8>>)>;

/// One line turned into a message: the value borrowed from the line where it can be.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Message<'a> {
    pub key: Option<Cow<'a, [u8]>>,
    /// None: a tombstone.
    pub value: Option<Cow<'a, [u8]>>,
    pub headers: Headers,
    pub partition: Option<i32>,
    pub timestamp: Option<i64>,
}

/// The message for one (non-blank) line, or why there is none.
pub(super) fn parse_line<'a>(
    line: &'a [u8],
    opts: &SendOptions,
) -> std::result::Result<Message<'a>, String> {
    let fixed_key = opts
        .key
        .as_deref()
        .map(|k| Cow::Owned(k.as_bytes().to_vec()));
    match opts.format {
        LineFormat::Raw => Ok(Message {
            key: fixed_key,
            value: Some(Cow::Borrowed(line)),
            ..Message::default()
        }),
        LineFormat::Json => {
            // An object (nearly every line): its members are found in the text and only
            // the key's and the headers' are parsed; the value is sent as written.
            if let Some(fields) = json_path::Fields::parse(line) {
                let member = |field: &str, what: &str| {
                    fields
                        .get(field)
                        .map_err(|e| format!("{what}: field `{field}`: {e}"))
                };
                let key = match opts.key_field.as_deref() {
                    None => fixed_key,
                    Some(field) => match member(field, "no key")? {
                        Some(serde_json::Value::Null) | None => {
                            return Err(format!("no key: field `{field}` is missing or null"))
                        }
                        Some(k) => Some(Cow::Owned(json_path::as_text(&k).into_bytes())),
                    },
                };
                let headers = match opts.header_field.as_deref() {
                    None => Vec::new(),
                    Some(field) => headers_of(field, member(field, "headers")?.as_ref())?,
                };
                return Ok(Message {
                    key,
                    value: Some(Cow::Borrowed(line)),
                    headers,
                    ..Message::default()
                });
            }
            let v: serde_json::Value =
                serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
            let key = match opts.key_field.as_deref() {
                None => fixed_key,
                Some(field) => match json_path::lookup(&v, field) {
                    Some(serde_json::Value::Null) | None => {
                        return Err(format!("no key: field `{field}` is missing or null"))
                    }
                    Some(k) => Some(Cow::Owned(json_path::as_text(k).into_bytes())),
                },
            };
            let headers = match opts.header_field.as_deref() {
                None => Vec::new(),
                Some(field) => headers_of(field, json_path::lookup(&v, field))?,
            };
            Ok(Message {
                key,
                value: (!v.is_null()).then_some(Cow::Borrowed(line)),
                headers,
                ..Message::default()
            })
        }
        LineFormat::TailJson => tail_record(line),
    }
}

/// The headers a line's `--header-field` member gives: each of its members, values as
/// text (null: a header without a value).
fn headers_of(
    field: &str,
    member: Option<&serde_json::Value>,
) -> std::result::Result<Headers, String> {
    match member {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(serde_json::Value::Object(m)) => Ok(m
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    serde_json::Value::Null => None,
                    v => Some(json_path::as_text(v).into_bytes()),
                };
                (k.clone(), value)
            })
            .collect()),
        Some(_) => Err(format!("headers: field `{field}` is not a JSON object")),
    }
}

/// A record as `consume tail -o json` printed it: `key`/`value` with their `*_encoding`
/// (`json`, `text`, `base64`, null for none) and the exact `key_text`/`value_text` when the
/// JSON shown was reformatted, `headers: [{key, value, value_encoding}]`, `partition`,
/// `timestamp`.
fn tail_record(line: &[u8]) -> std::result::Result<Message<'static>, String> {
    use serde_json::Value;
    let v: Value = serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(r) = v else {
        return Err("not a `consume tail -o json` record: not a JSON object".into());
    };
    fn payload(
        r: &serde_json::Map<String, Value>,
        field: &str,
    ) -> std::result::Result<Option<Vec<u8>>, String> {
        if let Some(Value::String(exact)) = r.get(&format!("{field}_text")) {
            return Ok(Some(exact.clone().into_bytes()));
        }
        let value = r.get(field).unwrap_or(&Value::Null);
        let encoding = r.get(&format!("{field}_encoding")).unwrap_or(&Value::Null);
        decode(value, encoding).map_err(|e| format!("`{field}`: {e}"))
    }
    fn decode(value: &Value, encoding: &Value) -> std::result::Result<Option<Vec<u8>>, String> {
        match (encoding.as_str(), value) {
            (None, Value::Null) => Ok(None),
            (Some("json"), v) if !v.is_null() => Ok(Some(v.to_string().into_bytes())),
            (Some("text"), Value::String(s)) => Ok(Some(s.clone().into_bytes())),
            (Some("base64"), Value::String(s)) => base64::engine::general_purpose::STANDARD
                .decode(s)
                .map(Some)
                .map_err(|e| format!("bad base64: {e}")),
            (e, v) => Err(format!(
                "encoding {} does not fit the value {}",
                e.map_or("null".to_string(), |e| format!("`{e}`")),
                crate::json_path::as_text(v)
            )),
        }
    }
    if !r.contains_key("value") || !r.contains_key("value_encoding") {
        return Err("not a `consume tail -o json` record: no `value`/`value_encoding`".into());
    }
    let headers = match r.get("headers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(hs)) => hs
            .iter()
            .map(|h| {
                let key = h
                    .get("key")
                    .and_then(Value::as_str)
                    .ok_or("a header has no `key`")?;
                let value = decode(
                    h.get("value").unwrap_or(&Value::Null),
                    h.get("value_encoding").unwrap_or(&Value::Null),
                )
                .map_err(|e| format!("header `{key}`: {e}"))?;
                Ok((key.to_string(), value))
            })
            .collect::<std::result::Result<_, String>>()?,
        Some(_) => return Err("`headers` is not a list".into()),
    };
    let int = |field: &str| -> std::result::Result<Option<i64>, String> {
        match r.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| format!("`{field}` is not an integer")),
        }
    };
    let partition = int("partition")?
        .map(|p| i32::try_from(p).map_err(|_| format!("partition {p} is out of range")))
        .transpose()?;
    Ok(Message {
        key: payload(&r, "key")?.map(Cow::Owned),
        value: payload(&r, "value")?.map(Cow::Owned),
        headers,
        partition,
        timestamp: int("timestamp")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(line: &[u8], opts: &SendOptions) -> std::result::Result<Option<String>, String> {
        parse_line(line, opts).map(|m| m.key.map(|k| String::from_utf8(k.into_owned()).unwrap()))
    }

    #[test]
    fn keys_come_from_the_field_and_bad_lines_say_why() {
        let by = |f: &str| SendOptions {
            key_field: Some(f.into()),
            ..SendOptions::json("t")
        };
        assert_eq!(
            key_of(br#"{"id":7,"a":{"b":"x"}}"#, &by("a.b")),
            Ok(Some("x".into()))
        );
        assert_eq!(key_of(br#"{"id":7}"#, &by("id")), Ok(Some("7".into())));
        assert_eq!(key_of(br#"{"id":7}"#, &SendOptions::json("t")), Ok(None));
        assert!(key_of(b"{nope", &SendOptions::json("t"))
            .unwrap_err()
            .starts_with("invalid JSON"));
        assert!(key_of(br#"{"id":null}"#, &by("id"))
            .unwrap_err()
            .contains("missing or null"));
        // Found as a parsed event would find them: an exact dotted name first, the last
        // of a repeated name, array steps, objects as compact JSON; the line sent as is.
        assert_eq!(
            key_of(br#"{"a.b":1,"a":{"b":2}}"#, &by("a.b")),
            Ok(Some("1".into()))
        );
        assert_eq!(
            key_of(br#"{"id":1,"id":2}"#, &by("id")),
            Ok(Some("2".into()))
        );
        assert_eq!(
            key_of(br#"{"a":[{"k":"x"},{"k":"y"}]}"#, &by("a.1.k")),
            Ok(Some("y".into()))
        );
        assert_eq!(
            key_of(br#"{"id": { "x" : 1 } }"#, &by("id")),
            Ok(Some(r#"{"x":1}"#.into()))
        );
        assert_eq!(
            key_of(br#"{"id":"a\u0000b"}"#, &by("id")),
            Ok(Some("a\0b".into()))
        );
        let line = br#"{"id":5, "n": 1.50}"#;
        let m = parse_line(line, &by("id")).unwrap();
        assert_eq!(m.value.as_deref(), Some(&line[..]));
        // Not an object: parsed whole, as before.
        assert_eq!(key_of(b"[1,2]", &SendOptions::json("t")), Ok(None));
        assert!(key_of(b"[1,2]", &by("id"))
            .unwrap_err()
            .contains("missing or null"));
        assert!(key_of(br#"{"id":1} trailing"#, &by("id"))
            .unwrap_err()
            .starts_with("invalid JSON"));
        // NaN and Infinity are not JSON: the line is refused with the parser's reason.
        for bad in [&br#"{"id":3,"v":NaN}"#[..], br#"{"id":Infinity}"#] {
            assert!(
                key_of(bad, &by("id"))
                    .unwrap_err()
                    .starts_with("invalid JSON"),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        // A key no JSON number type holds is refused with the reason, not taken as missing.
        assert!(key_of(br#"{"id":1e400}"#, &by("id"))
            .unwrap_err()
            .contains("field `id`"));
    }

    #[test]
    fn json_null_is_a_tombstone_raw_is_bytes_and_header_fields_become_headers() {
        let opts = SendOptions {
            key: Some("k".into()),
            ..SendOptions::json("t")
        };
        let m = parse_line(b"null", &opts).unwrap();
        assert_eq!((m.key.as_deref(), m.value), (Some(&b"k"[..]), None));
        let raw = SendOptions {
            format: LineFormat::Raw,
            ..SendOptions::json("t")
        };
        let m = parse_line(b"null {not json", &raw).unwrap();
        assert_eq!(m.value.as_deref(), Some(&b"null {not json"[..]));
        let hf = SendOptions {
            header_field: Some("h".into()),
            ..SendOptions::json("t")
        };
        let m = parse_line(br#"{"h":{"a":"x","n":3,"z":null}}"#, &hf).unwrap();
        assert_eq!(
            m.headers,
            vec![
                ("a".to_string(), Some(b"x".to_vec())),
                ("n".to_string(), Some(b"3".to_vec())),
                ("z".to_string(), None)
            ]
        );
        assert!(parse_line(br#"{"h":[1]}"#, &hf)
            .unwrap_err()
            .contains("not a JSON object"));
    }

    #[test]
    fn a_tail_record_reads_back_byte_for_byte() {
        let tail = SendOptions {
            format: LineFormat::TailJson,
            ..SendOptions::json("t")
        };
        let m = parse_line(
            br#"{"topic":"a","partition":2,"offset":5,"timestamp":1700000000000,"key":"/wCA","key_encoding":"base64","value":{"a":1.5},"value_encoding":"json","value_text":"{ \"a\": 1.50 }","headers":[{"key":"h","value":"v","value_encoding":"text"},{"key":"n","value":null,"value_encoding":null}]}"#,
            &tail,
        )
        .unwrap();
        assert_eq!(m.key.as_deref(), Some(&[0xff, 0x00, 0x80][..]));
        assert_eq!(m.value.as_deref(), Some(&br#"{ "a": 1.50 }"#[..]));
        assert_eq!(m.partition, Some(2));
        assert_eq!(m.timestamp, Some(1_700_000_000_000));
        assert_eq!(
            m.headers,
            vec![("h".into(), Some(b"v".to_vec())), ("n".into(), None)]
        );
        let m = parse_line(
            br#"{"partition":0,"key":"7","key_encoding":"text","value":null,"value_encoding":null,"headers":[]}"#,
            &tail,
        )
        .unwrap();
        assert_eq!((m.key.as_deref(), m.value), (Some(&b"7"[..]), None));
        assert!(parse_line(br#"{"id":1}"#, &tail)
            .unwrap_err()
            .contains("not a `consume tail -o json` record"));
        // A timestamp in the year 287,000 is passed on as written (the broker may refuse
        // it, and that delivery failure is reported with its line); one past i64 is not.
        let far = parse_line(
            br#"{"key":null,"key_encoding":null,"value":"x","value_encoding":"text","timestamp":9000000000000000}"#,
            &tail,
        )
        .unwrap();
        assert_eq!(far.timestamp, Some(9_000_000_000_000_000));
        assert!(parse_line(
            br#"{"value":"x","value_encoding":"text","timestamp":1e30}"#,
            &tail
        )
        .unwrap_err()
        .contains("`timestamp` is not an integer"));
        assert!(
            parse_line(br#"{"value":"%%","value_encoding":"base64"}"#, &tail)
                .unwrap_err()
                .contains("bad base64")
        );
    }
}
