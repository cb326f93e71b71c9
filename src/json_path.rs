//! Dotted paths into JSON events (`customer.address.city`, `items.0.sku`), shared by the
//! producers and consumers that pick a key or a column out of an event.

use std::borrow::Cow;

use serde_json::value::RawValue;
use serde_json::Value;

/// The value at `path`, or `None` when some step is missing. An empty path is the event.
pub fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(v);
    }
    // An exact top-level field wins, so names that contain dots still work.
    if let Some(found) = v.as_object().and_then(|o| o.get(path)) {
        return Some(found);
    }
    walk(v, path)
}

/// Follow a dotted path step by step (no exact-name rule).
fn walk<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |cur, step| match cur {
        Value::Object(o) => o.get(step),
        Value::Array(a) => step.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

/// A JSON object's top-level members, borrowed from the text, values left unparsed: for
/// picking a few fields out of each of many events without building every event's whole
/// tree (`consume sink` spent most of its CPU on that). [`Fields::get`] answers as
/// [`lookup`] does on the parsed event.
pub struct Fields<'a> {
    text: &'a [u8],
    members: Vec<(Cow<'a, str>, &'a RawValue)>,
}

impl<'a> Fields<'a> {
    /// The members of `text` when it is one JSON object; `None` when it is not (invalid
    /// JSON, or another kind of value): parse it as a [`Value`] for the precise error.
    pub fn parse(text: &'a [u8]) -> Option<Fields<'a>> {
        let Members(members) = serde_json::from_slice(text).ok()?;
        Some(Fields { text, members })
    }

    /// The value at `path`, as [`lookup`] finds it in the parsed object; only the member
    /// the path starts at is parsed. An error when that member is one `Value` cannot hold
    /// (a number beyond `f64`: only its syntax was checked), where the parsed object would
    /// not have parsed at all: the caller must not read it as a missing field.
    pub fn get(&self, path: &str) -> serde_json::Result<Option<Value>> {
        if path.is_empty() {
            return serde_json::from_slice(self.text).map(Some);
        }
        // As in a parsed object, a repeated name holds its last value.
        let member = |name: &str| {
            self.members
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| *v)
        };
        let parse = |raw: &RawValue| serde_json::from_str::<Value>(raw.get());
        if let Some(raw) = member(path) {
            return parse(raw).map(Some);
        }
        let Some((first, rest)) = path.split_once('.') else {
            return Ok(None);
        };
        let Some(raw) = member(first) else {
            return Ok(None);
        };
        Ok(walk(&parse(raw)?, rest).cloned())
    }

    /// The value at `path` as the event writes it (its JSON text), found as [`Fields::get`]
    /// finds it, walking nested objects and arrays without building a `Value`; `None` when
    /// a step is missing. For what a `Value` does not keep: a number's own digits (`1.50`,
    /// a 20th significant digit).
    pub fn raw(&self, path: &str) -> Option<&'a str> {
        if path.is_empty() {
            return std::str::from_utf8(self.text).ok();
        }
        fn member<'a>(
            members: &[(Cow<'a, str>, &'a RawValue)],
            name: &str,
        ) -> Option<&'a RawValue> {
            members
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| *v)
        }
        if let Some(raw) = member(&self.members, path) {
            return Some(raw.get());
        }
        let (first, rest) = path.split_once('.')?;
        let mut cur = member(&self.members, first)?;
        for step in rest.split('.') {
            let text: &'a str = cur.get();
            cur = match text.trim_start().as_bytes().first()? {
                b'{' => {
                    let Members(m) = serde_json::from_str(text).ok()?;
                    member(&m, step)?
                }
                b'[' => {
                    let items: Vec<&'a RawValue> = serde_json::from_str(text).ok()?;
                    *items.get(step.parse::<usize>().ok()?)?
                }
                _ => return None,
            };
        }
        Some(cur.get())
    }
}

/// An object's members in their order, repeats included.
struct Members<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some((Name(k), v)) = map.next_entry::<Name<'de>, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// A member name, borrowed unless it has escapes.
struct Name<'a>(Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Name<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> serde::de::Visitor<'de> for Text {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(Text)
    }
}

/// A field as text for keys and topic names: strings bare, everything else as JSON.
pub fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn walks_objects_and_arrays() {
        let v = json!({"customer": {"address": {"city": "Oslo"}}, "items": [{"sku": 7}], "a.b": 1});
        assert_eq!(lookup(&v, "customer.address.city"), Some(&json!("Oslo")));
        assert_eq!(lookup(&v, "items.0.sku"), Some(&json!(7)));
        assert_eq!(lookup(&v, "a.b"), Some(&json!(1)));
        assert_eq!(lookup(&v, "customer.zip"), None);
        assert_eq!(as_text(&json!(7)), "7");
        assert_eq!(as_text(&json!("x")), "x");
    }

    #[test]
    fn fields_answer_as_lookup_does() {
        let docs = [
            r#"{"customer": {"address": {"city": "Oslo"}}, "items": [{"sku": 7}], "a.b": 1}"#,
            r#"{"a": {"b.c": 1, "b": {"c": 2}}, "n": 1.5e3, "s": "x\"y", "k\u0041": true}"#,
            r#"{"dup": 1, "dup": {"x": 2}, "z": null, "arr": [1, [2, 3]]}"#,
        ];
        let paths = [
            "customer",
            "customer.address.city",
            "items.0.sku",
            "items.1",
            "a.b",
            "a.b.c",
            "n",
            "s",
            "kA",
            "dup",
            "dup.x",
            "z",
            "arr.1.0",
            "missing",
            "customer.zip",
            "a",
            "",
        ];
        for d in docs {
            let parsed: Value = serde_json::from_str(d).unwrap();
            let fields = Fields::parse(d.as_bytes()).unwrap();
            for p in paths {
                let got = fields.get(p).expect("every member parses");
                assert_eq!(got, lookup(&parsed, p).cloned(), "{d} at {p}");
            }
        }
    }

    #[test]
    fn a_member_value_cannot_hold_is_an_error_not_a_missing_field() {
        // Only its syntax is checked when the object is read; parsing the whole event
        // would have failed.
        let text = br#"{"big": 1e999, "deep": {"x": 1e999}, "ok": 1}"#;
        assert!(serde_json::from_slice::<Value>(text).is_err());
        let fields = Fields::parse(text).unwrap();
        assert!(fields.get("big").is_err());
        assert!(fields.get("deep.x").is_err());
        assert!(fields.get("").is_err());
        assert_eq!(fields.get("ok").unwrap(), Some(Value::from(1)));
        assert_eq!(fields.get("missing").unwrap(), None);
    }

    #[test]
    fn raw_gives_a_value_as_written_where_get_finds_it() {
        let d = r#"{"a": {"b": [1.50, {"c": 0.1000000000000000055511151231257827}]}, "a.b": 7.0, "n": 2.50}"#;
        let fields = Fields::parse(d.as_bytes()).unwrap();
        assert_eq!(fields.raw("n"), Some("2.50"));
        assert_eq!(fields.raw("a.b"), Some("7.0"));
        // The exact name wins, as in get; past it the path walks from its first step.
        assert_eq!(fields.raw("a.b.0"), Some("1.50"));
        let d2 = r#"{"a": {"b": [1.50, {"c": 0.1000000000000000055511151231257827}]}}"#;
        let f2 = Fields::parse(d2.as_bytes()).unwrap();
        assert_eq!(f2.raw("a.b.0"), Some("1.50"));
        assert_eq!(
            f2.raw("a.b.1.c"),
            Some("0.1000000000000000055511151231257827")
        );
        assert_eq!(f2.raw("a.b.2"), None);
        assert_eq!(f2.raw("a.x"), None);
        assert_eq!(f2.raw("a.b.0.z"), None);
        // Where get finds a value, raw finds the same one.
        assert_eq!(f2.get("a.b.0").unwrap(), Some(serde_json::json!(1.5)));
    }

    #[test]
    fn fields_only_of_objects() {
        for d in ["[1]", "7", "\"x\"", "{", "{\"a\": 1} x", "", "{\"a\": tru}"] {
            assert!(Fields::parse(d.as_bytes()).is_none(), "{d}");
        }
    }
}
