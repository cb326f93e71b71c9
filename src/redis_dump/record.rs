//! One key as a record: JSON (`{key, type, ttl_ms, length, value | items, truncated,
//! encoding}`, base64 for the whole record when any byte string is not UTF-8) or text.

use base64::Engine as _;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::Serialize;
use serde_json::{json, Value as Json};

use super::{DumpValue, KeyDump, StreamEntry};

impl KeyDump {
    /// Items in hand (bytes for a string).
    pub fn shown(&self) -> u64 {
        (match &self.value {
            DumpValue::String(b) => b.len(),
            DumpValue::List(v) | DumpValue::Set(v) => v.len(),
            DumpValue::Hash(v) => v.len(),
            DumpValue::Zset(v) => v.len(),
            DumpValue::Stream(v) => v.len(),
            DumpValue::Unsupported => 0,
        }) as u64
    }

    /// Whether every byte string of the key is UTF-8, to pick one encoding for the record.
    fn all_utf8(&self) -> bool {
        let ok = |b: &[u8]| std::str::from_utf8(b).is_ok();
        ok(&self.key)
            && match &self.value {
                DumpValue::String(b) => ok(b),
                DumpValue::List(items) | DumpValue::Set(items) => items.iter().all(|b| ok(b)),
                DumpValue::Hash(p) => p.iter().all(|(a, b)| ok(a) && ok(b)),
                DumpValue::Zset(p) => p.iter().all(|(m, _)| ok(m)),
                DumpValue::Stream(e) => e
                    .iter()
                    .flat_map(|e| &e.fields)
                    .all(|(a, b)| ok(a) && ok(b)),
                DumpValue::Unsupported => true,
            }
    }

    /// `utf8` when every byte string of the key is UTF-8 text, else `base64`: then the key,
    /// values, members and fields of this record are all base64.
    pub fn encoding(&self) -> &'static str {
        if self.all_utf8() {
            "utf8"
        } else {
            "base64"
        }
    }

    /// The JSON form: `{key, type, ttl_ms, length, value | items, truncated, encoding}`.
    #[cfg(test)]
    pub fn to_json(&self) -> Json {
        serde_json::to_value(self.json()).unwrap_or(Json::Null)
    }

    /// The JSON form, serialised straight from the bytes (no intermediate tree).
    pub fn json(&self) -> KeyJson<'_> {
        KeyJson {
            k: self,
            b64: self.encoding() == "base64",
        }
    }
}

pub struct KeyJson<'a> {
    k: &'a KeyDump,
    b64: bool,
}

struct Bytes<'a>(&'a [u8], bool);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if self.1 {
            s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(self.0))
        } else {
            match std::str::from_utf8(self.0) {
                Ok(text) => s.serialize_str(text),
                Err(_) => s.serialize_str(&String::from_utf8_lossy(self.0)),
            }
        }
    }
}

struct Pair<'a>(&'static str, &'a [u8], &'static str, &'a [u8], bool);

impl Serialize for Pair<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(self.0, &Bytes(self.1, self.4))?;
        m.serialize_entry(self.2, &Bytes(self.3, self.4))?;
        m.end()
    }
}

/// A sorted-set item `{member, score}`, straight from the bytes (no `json!` map per item).
struct Member<'a>(&'a [u8], f64, bool);

impl Serialize for Member<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("member", &Bytes(self.0, self.2))?;
        if self.1.is_finite() {
            m.serialize_entry("score", &self.1)?;
        } else {
            m.serialize_entry("score", &score_json(self.1))?;
        }
        m.end()
    }
}

/// A stream entry `{id, fields: [{field, value}]}`.
struct Entry<'a>(&'a StreamEntry, bool);

impl Serialize for Entry<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("id", &self.0.id)?;
        m.serialize_entry("fields", &Fields(&self.0.fields, self.1))?;
        m.end()
    }
}

struct Fields<'a>(&'a [(Vec<u8>, Vec<u8>)], bool);

impl Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (f, v) in self.0 {
            seq.serialize_element(&Pair("field", f, "value", v, self.1))?;
        }
        seq.end()
    }
}

struct Items<'a>(&'a DumpValue, bool);

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let b64 = self.1;
        let mut seq = s.serialize_seq(None)?;
        match self.0 {
            DumpValue::List(items) | DumpValue::Set(items) => {
                for i in items {
                    seq.serialize_element(&Bytes(i, b64))?;
                }
            }
            DumpValue::Hash(p) => {
                for (f, v) in p {
                    seq.serialize_element(&Pair("field", f, "value", v, b64))?;
                }
            }
            DumpValue::Zset(p) => {
                for (m, sc) in p {
                    seq.serialize_element(&Member(m, *sc, b64))?;
                }
            }
            DumpValue::Stream(entries) => {
                for e in entries {
                    seq.serialize_element(&Entry(e, b64))?;
                }
            }
            DumpValue::String(_) | DumpValue::Unsupported => {}
        }
        seq.end()
    }
}

impl Serialize for KeyJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let k = self.k;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("key", &Bytes(&k.key, self.b64))?;
        m.serialize_entry("type", &k.kind)?;
        m.serialize_entry("ttl_ms", &k.ttl_ms)?;
        m.serialize_entry("length", &k.length)?;
        match &k.value {
            DumpValue::String(b) => m.serialize_entry("value", &Bytes(b, self.b64))?,
            DumpValue::Unsupported => {}
            other => m.serialize_entry("items", &Items(other, self.b64))?,
        }
        m.serialize_entry("truncated", &k.truncated)?;
        m.serialize_entry("encoding", if self.b64 { "base64" } else { "utf8" })?;
        m.end()
    }
}

/// Finite scores are numbers; `inf`/`-inf` (valid in Redis, not in JSON) are strings.
fn score_json(s: f64) -> Json {
    if s.is_finite() {
        json!(s)
    } else if s.is_nan() {
        json!("nan")
    } else if s > 0.0 {
        json!("inf")
    } else {
        json!("-inf")
    }
}

/// Bytes for people: UTF-8 text as is, anything else escaped like redis-cli does (`\xff`).
pub fn printable(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b
            .iter()
            .flat_map(|c| std::ascii::escape_default(*c))
            .map(char::from)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(key: &[u8], value: DumpValue) -> KeyDump {
        KeyDump {
            key: key.to_vec(),
            kind: "string".into(),
            ttl_ms: None,
            length: Some(1),
            value,
            truncated: false,
        }
    }

    #[test]
    fn binary_values_switch_the_whole_record_to_base64() {
        let d = dump(b"k", DumpValue::String(vec![0xff, 0x00]));
        let j = d.to_json();
        assert_eq!(j["encoding"], "base64");
        assert_eq!(j["key"], "aw==");
        assert_eq!(j["value"], "/wA=");
        let d = dump("clé".as_bytes(), DumpValue::String(b"v".to_vec()));
        assert_eq!(d.to_json()["key"], "clé");
        assert_eq!(d.to_json()["encoding"], "utf8");
    }

    #[test]
    fn infinite_scores_stay_valid_json() {
        assert_eq!(score_json(f64::INFINITY), json!("inf"));
        assert_eq!(score_json(1.5), json!(1.5));
    }

    #[test]
    fn printable_escapes_non_utf8() {
        assert_eq!(printable(b"abc"), "abc");
        assert_eq!(printable(&[0x61, 0xff]), "a\\xff");
    }
}
