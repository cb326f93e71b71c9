//! Reading PostgreSQL's text forms that carry structure: arrays, hstore, points, bit
//! strings, hex bytea, and the literals of column defaults.

use serde_json::{Map, Value};

use super::{unreadable, ConvertError};

pub fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A bit string (`'101'`, leftmost bit most significant) as Debezium's `Bits`: the number
/// little-endian, in as few bytes as its highest set bit needs (all zeros: no bytes).
pub fn bits_le(text: &str) -> Result<Vec<u8>, ConvertError> {
    if !text.bytes().all(|b| b == b'0' || b == b'1') {
        return Err(unreadable("a bit string", text));
    }
    let bits = text.trim_start_matches('0').as_bytes();
    let mut out = vec![0u8; bits.len().div_ceil(8)];
    for (i, b) in bits.iter().rev().enumerate() {
        if *b == b'1' {
            out[i / 8] |= 1 << (i % 8);
        }
    }
    Ok(out)
}

/// `(x,y)`.
pub fn point(text: &str) -> Result<(f64, f64), ConvertError> {
    let inner = text
        .trim()
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .ok_or_else(|| unreadable("a point", text))?;
    let (x, y) = inner
        .split_once(',')
        .ok_or_else(|| unreadable("a point", text))?;
    let num = |s: &str| {
        s.trim()
            .parse::<f64>()
            .map_err(|_| unreadable("a point", text))
    };
    Ok((num(x)?, num(y)?))
}

/// One element of an array literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArrayItem {
    Null,
    Text(String),
    Nested(Vec<ArrayItem>),
}

/// The elements of an array literal (`{1,2,NULL}`, `{"a b","c\"d"}`, `{{1,2},{3,4}}`,
/// `[0:1]={1,2}`).
pub fn array_items(text: &str) -> Result<Vec<ArrayItem>, ConvertError> {
    let body = match text.find('=') {
        Some(i) if text.starts_with('[') => &text[i + 1..],
        _ => text,
    };
    let bytes = body.as_bytes();
    let mut pos = 0;
    let items = parse_array(body, bytes, &mut pos).ok_or_else(|| unreadable("an array", text))?;
    Some(items)
        .filter(|_| body[pos..].trim().is_empty())
        .ok_or_else(|| unreadable("an array", text))
}

fn parse_array(s: &str, b: &[u8], pos: &mut usize) -> Option<Vec<ArrayItem>> {
    if b.get(*pos) != Some(&b'{') {
        return None;
    }
    *pos += 1;
    let mut items = Vec::new();
    if b.get(*pos) == Some(&b'}') {
        *pos += 1;
        return Some(items);
    }
    loop {
        match b.get(*pos)? {
            b'{' => items.push(ArrayItem::Nested(parse_array(s, b, pos)?)),
            b'"' => {
                *pos += 1;
                let mut out = Vec::new();
                loop {
                    match *b.get(*pos)? {
                        b'\\' => {
                            out.push(*b.get(*pos + 1)?);
                            *pos += 2;
                        }
                        b'"' => {
                            *pos += 1;
                            break;
                        }
                        c => {
                            out.push(c);
                            *pos += 1;
                        }
                    }
                }
                items.push(ArrayItem::Text(String::from_utf8(out).ok()?));
            }
            _ => {
                let start = *pos;
                while !matches!(b.get(*pos)?, b',' | b'}') {
                    *pos += 1;
                }
                let raw = s[start..*pos].trim();
                items.push(if raw.eq_ignore_ascii_case("NULL") {
                    ArrayItem::Null
                } else {
                    ArrayItem::Text(raw.to_string())
                });
            }
        }
        match b.get(*pos)? {
            b',' => *pos += 1,
            b'}' => {
                *pos += 1;
                return Some(items);
            }
            _ => return None,
        }
    }
}

/// A `"key"=>"value"` string (hstore's output): pairs in order, NULL values as None.
fn hstore_pairs(text: &str) -> Option<Vec<(String, Option<String>)>> {
    let b = text.as_bytes();
    let mut pos = 0;
    let mut pairs = Vec::new();
    let skip_ws = |pos: &mut usize| {
        while b.get(*pos).is_some_and(|c| c.is_ascii_whitespace()) {
            *pos += 1;
        }
    };
    let quoted = |pos: &mut usize| -> Option<String> {
        if b.get(*pos) != Some(&b'"') {
            return None;
        }
        *pos += 1;
        let mut out = Vec::new();
        loop {
            match *b.get(*pos)? {
                b'\\' => {
                    out.push(*b.get(*pos + 1)?);
                    *pos += 2;
                }
                b'"' => {
                    *pos += 1;
                    return String::from_utf8(out).ok();
                }
                c => {
                    out.push(c);
                    *pos += 1;
                }
            }
        }
    };
    loop {
        skip_ws(&mut pos);
        if pos >= b.len() {
            return Some(pairs);
        }
        let key = quoted(&mut pos)?;
        skip_ws(&mut pos);
        if b.get(pos..pos + 2)? != b"=>" {
            return None;
        }
        pos += 2;
        skip_ws(&mut pos);
        let value = if b
            .get(pos..pos + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"NULL"))
        {
            pos += 4;
            None
        } else {
            Some(quoted(&mut pos)?)
        };
        pairs.push((key, value));
        skip_ws(&mut pos);
        match b.get(pos) {
            Some(b',') => pos += 1,
            None => return Some(pairs),
            _ => return None,
        }
    }
}

/// Java's `String.hashCode` (over UTF-16 code units).
fn java_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, u| h.wrapping_mul(31).wrapping_add(i32::from(u)))
}

/// The order a `java.util.HashMap` holding `keys` (inserted in this order) iterates them:
/// by bucket (`(h ^ h >>> 16) & (capacity - 1)`), then insertion order; the capacity starts
/// at 16 and doubles while the map is more than 3/4 full.
pub fn java_hashmap_order(keys: &[&str]) -> Vec<usize> {
    let mut capacity = 16usize;
    while keys.len() as f64 > 0.75 * capacity as f64 {
        capacity *= 2;
    }
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    idx.sort_by_key(|&i| {
        let h = java_hash(keys[i]);
        let spread = h ^ ((h as u32) >> 16) as i32;
        (spread as u32 as usize) & (capacity - 1)
    });
    idx
}

/// An hstore value as Debezium's `hstore.handling.mode=json` writes it: a JSON object in
/// a string, keys in the order pgjdbc's `HashMap` gives them.
pub fn hstore_json(text: &str) -> Result<String, ConvertError> {
    let pairs = hstore_pairs(text).ok_or_else(|| unreadable("an hstore", text))?;
    // A key given twice keeps the last value, in the first one's place (HashMap.put).
    let mut unique: Vec<(String, Option<String>)> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        match unique.iter_mut().find(|(uk, _)| *uk == k) {
            Some(slot) => slot.1 = v,
            None => unique.push((k, v)),
        }
    }
    let keys: Vec<&str> = unique.iter().map(|(k, _)| k.as_str()).collect();
    let mut m = Map::new();
    for i in java_hashmap_order(&keys) {
        let (k, v) = &unique[i];
        m.insert(
            k.clone(),
            v.as_ref().map_or(Value::Null, |s| Value::String(s.clone())),
        );
    }
    Ok(crate::cdc::json::to_string(&Value::Object(m)))
}

/// Does a default expression call a function (Debezium's `FUNCTION_DEFAULT_PATTERN`,
/// `^[(]?[A-Za-z0-9_.]+\(...\)`) or name one of SQL's current date/time keywords?
pub fn is_generated_default(expr: &str) -> bool {
    let lower = expr.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "current_timestamp" | "current_time" | "current_date" | "localtime" | "localtimestamp"
    ) {
        return true;
    }
    let s = expr.strip_prefix('(').unwrap_or(expr);
    let name_len = s
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
        .count();
    name_len > 0 && s[name_len..].starts_with('(') && s[name_len..].contains(')')
}

/// The literal of a default expression as Debezium extracts it: the text between the first
/// pair of single quotes (`'new'::text` -> `new`), or the whole expression when it has no
/// quote (`42`, `true`).
pub fn literal_default(expr: &str) -> Option<String> {
    if !expr.contains('\'') {
        return Some(expr.to_string());
    }
    let start = expr.find('\'')? + 1;
    let len = expr[start..].find('\'')?;
    Some(expr[start..start + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hstore_in_java_hashmap_order() {
        assert_eq!(hstore_json("\"key\"=>\"val\"").unwrap(), r#"{"key":"val"}"#);
        assert_eq!(
            hstore_json("\"key1\"=>\"val1\", \"key2\"=>\"val2\", \"key3\"=>\"val3\"").unwrap(),
            r#"{"key1":"val1","key2":"val2","key3":"val3"}"#
        );
        assert_eq!(
            hstore_json("\"key4\"=>\"val4\", \"key5\"=>NULL").unwrap(),
            r#"{"key5":null,"key4":"val4"}"#
        );
        assert_eq!(
            hstore_json("\"key 2\"=>\" ##123 78\", \"key_#1\"=>\"val 1\"").unwrap(),
            r#"{"key_#1":"val 1","key 2":" ##123 78"}"#
        );
        assert_eq!(hstore_json("").unwrap(), "{}");
        assert_eq!(
            hstore_json("\"a\\\"b\"=>\"c\\\\d\"").unwrap(),
            r#"{"a\"b":"c\\d"}"#
        );
    }

    #[test]
    fn arrays_bits_and_defaults() {
        assert_eq!(
            array_items("{{1,2},{3,NULL}}").unwrap(),
            vec![
                ArrayItem::Nested(vec![
                    ArrayItem::Text("1".into()),
                    ArrayItem::Text("2".into())
                ]),
                ArrayItem::Nested(vec![ArrayItem::Text("3".into()), ArrayItem::Null]),
            ]
        );
        assert_eq!(array_items("[0:1]={7,8}").unwrap().len(), 2);
        assert_eq!(array_items("{}").unwrap(), vec![]);
        assert!(array_items("{1,2").is_err());
        assert_eq!(bits_le("10101").unwrap(), vec![0x15]);
        assert_eq!(bits_le("0000").unwrap(), Vec::<u8>::new());
        assert!(is_generated_default("nextval('t_id_seq'::regclass)"));
        assert!(is_generated_default("now()"));
        assert!(is_generated_default("CURRENT_TIMESTAMP"));
        assert!(!is_generated_default("'new'::text"));
        assert!(!is_generated_default("42"));
        assert_eq!(literal_default("'new'::text").as_deref(), Some("new"));
        assert_eq!(literal_default("42").as_deref(), Some("42"));
    }
}
