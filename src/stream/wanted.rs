//! Reading only the fields a job uses from an event's JSON. The whole text is still
//! checked (what is not one JSON document is `NotJson`, as before), but only the wanted
//! members are built as values: a `serde_json::Value` of the whole event, with a map and a
//! string per member, was most of `stream run`'s own CPU per event (perf, 1M events).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// The paths a job reads, as a tree of member names.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Wanted {
    /// The value here is read as a whole (a path ends here).
    whole: bool,
    children: Vec<(String, Wanted)>,
}

impl Wanted {
    pub fn add(&mut self, path: &[String]) {
        let Some((first, rest)) = path.split_first() else {
            self.whole = true;
            return;
        };
        let i = match self.children.iter().position(|(k, _)| k == first) {
            Some(i) => i,
            None => {
                self.children.push((first.clone(), Wanted::default()));
                self.children.len() - 1
            }
        };
        self.children[i].1.add(rest);
    }

    /// The document's wanted members (see [`Node`]). None when the bytes are not one JSON
    /// document, checked as strictly as parsing it whole into a `Value`.
    pub fn parse<'w>(&'w self, bytes: &[u8]) -> Option<Node<'w>> {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let v = self.deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(v)
    }
}

/// The wanted members of an event, named by the [`Wanted`] tree. A path through it finds
/// what it would find in the whole document's `Value`.
#[derive(Debug, PartialEq)]
pub enum Node<'w> {
    /// A value a path ends at, as the whole document's `Value` holds it.
    Whole(Value),
    /// An object some of whose members are wanted: those present, each once (the last
    /// one, when a name is used twice).
    Object(Vec<(&'w str, Node<'w>)>),
    /// Null where members were wanted.
    Null,
    /// Neither null nor an object where members were wanted: a path through it finds
    /// nothing.
    Other,
}

impl<'w> Node<'w> {
    pub fn member(&self, name: &str) -> Option<&Node<'w>> {
        match self {
            Node::Object(members) => members.iter().find(|(k, _)| *k == name).map(|(_, n)| n),
            _ => None,
        }
    }
}

impl<'de, 'w> DeserializeSeed<'de> for &'w Wanted {
    type Value = Node<'w>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node<'w>, D::Error> {
        if self.whole {
            return Value::deserialize(d).map(Node::Whole);
        }
        d.deserialize_any(Pruned(self))
    }
}

struct Pruned<'w>(&'w Wanted);

impl<'de, 'w> Visitor<'de> for Pruned<'w> {
    type Value = Node<'w>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Node<'w>, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Node<'w>, E> {
        Ok(Node::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Node<'w>, E> {
        Ok(Node::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Node<'w>, E> {
        Ok(Node::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Node<'w>, E> {
        Ok(Node::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Node<'w>, E> {
        Ok(Node::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'w>, A::Error> {
        while seq.next_element::<Unwanted>()?.is_some() {}
        Ok(Node::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'w>, A::Error> {
        let mut members: Vec<(&'w str, Node<'w>)> = Vec::new();
        while let Some(found) = map.next_key_seed(Key(self.0))? {
            match found {
                Some((name, wanted)) => {
                    let node = map.next_value_seed(wanted)?;
                    // A name used twice: the last one counts, as in the whole value.
                    match members.iter_mut().find(|(k, _)| *k == name) {
                        Some(slot) => slot.1 = node,
                        None => members.push((name, node)),
                    }
                }
                None => {
                    map.next_value::<Unwanted>()?;
                }
            }
        }
        Ok(Node::Object(members))
    }
}

/// A value no path reads: checked as the whole value's parse checks it (strings are valid
/// UTF-8 without lone surrogates, numbers fit a double), which serde's `IgnoredAny` does
/// not do, but not kept. Strings without escapes are borrowed, so nothing is allocated.
struct Unwanted;

impl<'de> Deserialize<'de> for Unwanted {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Unwanted, D::Error> {
        d.deserialize_any(UnwantedVisitor)
    }
}

struct UnwantedVisitor;

impl<'de> Visitor<'de> for UnwantedVisitor {
    type Value = Unwanted;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unwanted, E> {
        Ok(Unwanted)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unwanted, A::Error> {
        while seq.next_element::<Unwanted>()?.is_some() {}
        Ok(Unwanted)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unwanted, A::Error> {
        while map.next_key::<Unwanted>()?.is_some() {
            map.next_value::<Unwanted>()?;
        }
        Ok(Unwanted)
    }
}

/// A member name, looked up among the wanted ones without being copied.
struct Key<'w>(&'w Wanted);

impl<'de, 'w> DeserializeSeed<'de> for Key<'w> {
    type Value = Option<(&'w str, &'w Wanted)>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'w> Visitor<'_> for Key<'w> {
    type Value = Option<(&'w str, &'w Wanted)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self
            .0
            .children
            .iter()
            .find(|(k, _)| k == name)
            .map(|(k, w)| (k.as_str(), w)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A node as a `Value` to compare with (`Other` as the text "other").
    fn shown(n: &Node) -> Value {
        match n {
            Node::Whole(v) => v.clone(),
            Node::Object(m) => {
                Value::Object(m.iter().map(|(k, n)| (k.to_string(), shown(n))).collect())
            }
            Node::Null => Value::Null,
            Node::Other => Value::from("other"),
        }
    }

    fn parsed(w: &Wanted, text: &[u8]) -> Option<Value> {
        w.parse(text).as_ref().map(shown)
    }

    fn wanted(paths: &[&str]) -> Wanted {
        let mut w = Wanted::default();
        for p in paths {
            w.add(&p.split('.').map(String::from).collect::<Vec<_>>());
        }
        w
    }

    #[test]
    fn only_the_wanted_members_are_kept_as_the_whole_value_holds_them() {
        let w = wanted(&[
            "meta.created_at",
            "payload.amount",
            "payload.region",
            "tags",
        ]);
        let text = br#" {"id":1,"payload":{"org":"A \"B\"","amount":"1.50","region":"eu","x":[1,{"y":2}]},
            "tags":{"a":[1,2.50,null]},"meta":{"created_at":"2026-01-01T00:00:00Z","source":"s"}} "#;
        assert_eq!(
            parsed(&w, text).unwrap(),
            serde_json::json!({"payload":{"amount":"1.50","region":"eu"},"tags":{"a":[1,2.5,null]},
                "meta":{"created_at":"2026-01-01T00:00:00Z"}})
        );
    }

    #[test]
    fn what_is_not_json_is_refused_as_before() {
        let w = wanted(&["a"]);
        for bad in [
            &b"not json"[..],
            b"{\"a\":1",
            b"{\"a\":1} x",
            b"{\"a\":1,\"b\":NaN}",
            b"{\"a\":1,\"b\":\"\xff\"}",
            b"{\"b\":[1,}",
            b"{\"a\":1,\"b\":\"\\ud800\"}",
            b"{\"a\":1,\"b\":1e400}",
            b"{\"a\":1,\"b\":\"\x01\"}",
            b"",
        ] {
            assert_eq!(parsed(&w, bad), None, "{}", String::from_utf8_lossy(bad));
            assert!(serde_json::from_slice::<Value>(bad).is_err());
        }
        // Nesting deeper than serde_json allows fails in an ignored member too.
        let deep = format!("{{\"b\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parsed(&w, deep.as_bytes()), None);
        assert!(serde_json::from_str::<Value>(&deep).is_err());
    }

    #[test]
    fn odd_shapes_find_what_the_whole_value_finds() {
        let w = wanted(&["p.q", "after.k"]);
        // Escaped member names, a member named twice, a non-object on the way, null.
        assert_eq!(
            parsed(&w, br#"{"\u0070":{"q":1},"p":{"q":2,"q":3}}"#),
            Some(serde_json::json!({"p":{"q":3}}))
        );
        assert_eq!(
            parsed(&w, br#"{"p":5,"after":[{"k":1}]}"#),
            Some(serde_json::json!({"p":"other","after":"other"}))
        );
        assert_eq!(
            parsed(&w, br#"{"p":null}"#),
            Some(serde_json::json!({"p":null}))
        );
        assert_eq!(parsed(&w, b"null"), Some(Value::Null));
        assert_eq!(parsed(&w, b"[1]"), Some(Value::from("other")));
        // A path that is also a prefix of another: the value is kept whole.
        let both = wanted(&["p", "p.q"]);
        assert_eq!(
            parsed(&both, br#"{"p":{"q":1,"r":2}}"#),
            Some(serde_json::json!({"p":{"q":1,"r":2}}))
        );
    }
}
